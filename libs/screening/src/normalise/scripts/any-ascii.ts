/**
 * Typed handle on `any-ascii` 0.1.7 (Unicode → ASCII by per-character tables, MIT; the last CommonJS release: 0.2 and
 * later are ES modules only, which Jest/ts-jest here cannot load). It has no type declarations of its own.
 */
// eslint-disable-next-line @typescript-eslint/no-require-imports -- CommonJS package without types
const anyAsciiModule = require('any-ascii') as (input: string) => string;

/** ASCII rendering of `input`, character by character (`any-ascii`); characters it does not know are dropped. */
export function anyAscii(input: string): string {
  return anyAsciiModule(input);
}

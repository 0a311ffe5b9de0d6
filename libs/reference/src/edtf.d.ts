/** The parts of the `edtf` package (edtf.js 4.x, BSD-2-Clause) this library uses; it ships no type declarations. */
declare module 'edtf' {
  export interface ExtDateTime {
    type: string;
    /** Epoch milliseconds of the earliest instant; -Infinity (open) or null (unknown) for an open lower bound. */
    min: number | null;
    /** Epoch milliseconds of the latest instant; Infinity for an open upper bound. */
    max: number;
    values: unknown[];
    precision?: number;
    /** Sets and lists (`[..a]`, `{a..}`): open before the first or after the last member. */
    earlier?: boolean;
    later?: boolean;
  }
  function edtf(text: string): ExtDateTime;
  export default edtf;
}

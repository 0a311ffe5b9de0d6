/** The parts of the `edtf` package (edtf.js 4.x, BSD-2-Clause) this library uses; it ships no type declarations. */
declare module 'edtf' {
  interface ExtDateTime {
    type: string;
    /** Epoch milliseconds of the earliest instant; -Infinity (open) or null (unknown) for an open lower bound. */
    min: number | null;
    /** Epoch milliseconds of the latest instant; Infinity for an open upper bound. */
    max: number;
    values: unknown[];
    precision?: number;
  }
  function edtf(text: string): ExtDateTime;
  export default edtf;
}

import { referenceRows } from './data-files';

/** CAMEO quad class: 1 verbal cooperation, 2 material cooperation, 3 verbal conflict, 4 material conflict. */
export type QuadClass = 1 | 2 | 3 | 4;

export interface CameoCode {
  /** 2–4 digits, e.g. `04` (root), `042`, `0312`. */
  code: string;
  label: string;
  quadClass: QuadClass;
  /** Goldstein conflict–cooperation scale, −10 … +10. */
  goldstein: number;
}

let codes: Map<string, CameoCode> | undefined;

function cameoCodes(): Map<string, CameoCode> {
  return (codes ??= new Map(
    referenceRows('cameo-event-codes.csv').map((r) => [
      r.cameo_code,
      { code: r.cameo_code, label: r.label, quadClass: Number(r.quad_class) as QuadClass, goldstein: Number(r.goldstein_scale) },
    ]),
  ));
}

/** The CAMEO event code (GDELT CAMEO 1.1b3, `data/reference/cameo-event-codes.csv`), or undefined when unknown. */
export function cameoCode(code: string): CameoCode | undefined {
  return cameoCodes().get(code);
}

export function isCameoCode(value: unknown): value is string {
  return typeof value === 'string' && cameoCodes().has(value);
}

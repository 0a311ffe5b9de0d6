/**
 * Flows as `GET /v1/flows` answers them (one per supplier × recipient × item category × stage × year), and the
 * same flows over all years, as the chart draws them. Pure: unit-tested without a browser.
 */

/** A quantity total of a flow: summed per unit, a range when claims gave one. */
export interface QuantityTotal {
  unit: string;
  min: number;
  max: number;
}

/** A flow of `GET /v1/flows` (`year` null for undated claims); after {@link acrossYears}, `year` is undefined. */
export interface Flow {
  /** ISO 3166-1 alpha-2. */
  supplier: string;
  recipient: string;
  category: string;
  stage: string;
  year?: number | null;
  claims: number;
  quantity: QuantityTotal[];
}

/** The flows summed over their years: claims added, quantities added per unit (sorted by unit), most claims first. */
export function acrossYears(flows: Flow[]): Flow[] {
  const merged = new Map<string, Flow>();
  for (const f of flows) {
    const key = [f.supplier, f.recipient, f.category, f.stage].join('\u0000');
    const total = merged.get(key) ?? {
      supplier: f.supplier,
      recipient: f.recipient,
      category: f.category,
      stage: f.stage,
      claims: 0,
      quantity: [],
    };
    total.claims += f.claims;
    for (const q of f.quantity) {
      const same = total.quantity.find((t) => t.unit === q.unit);
      if (same) {
        same.min += q.min;
        same.max += q.max;
      } else total.quantity.push({ unit: q.unit, min: q.min, max: q.max });
    }
    merged.set(key, total);
  }
  for (const f of merged.values()) f.quantity.sort((a, b) => (a.unit < b.unit ? -1 : a.unit > b.unit ? 1 : 0));
  return [...merged.values()].sort(
    (a, b) =>
      b.claims - a.claims ||
      `${a.supplier}${a.recipient}${a.category}${a.stage}`.localeCompare(`${b.supplier}${b.recipient}${b.category}${b.stage}`),
  );
}

/** A quantity as text: `100 units`, `10–20 units`. */
export function quantityText(quantity: QuantityTotal[]): string {
  return quantity.map((q) => `${q.min === q.max ? q.min : `${q.min}–${q.max}`} ${q.unit}`).join(', ');
}

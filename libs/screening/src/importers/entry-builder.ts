import type { EntryName, EntrySchema, ListId, NameKind, SanctionsEntry } from '../model';

/**
 * Accumulates one entry's names without duplicates (same value and kind, whitespace-insensitive) and
 * with the primary name first. Importers use it so every list yields the same entry shape.
 */
export class EntryBuilder {
  readonly entry: SanctionsEntry;
  private readonly seen = new Set<string>();

  constructor(listId: ListId, entryId: string, schema: EntrySchema, primaryName: string) {
    this.entry = { listId, entryId, schema, primaryName: cleanName(primaryName), names: [], programs: [], countries: [], identifiers: [] };
    this.addName(primaryName, 'primary');
  }

  /** Adds a name; blank values are ignored. */
  addName(value: string | undefined, kind: NameKind, quality?: 'good' | 'low'): void {
    const v = cleanName(value ?? '');
    if (!v) return;
    const key = `${kind}\u0000${v.toLowerCase()}`;
    if (this.seen.has(key)) return;
    // An alias equal to the primary name adds nothing.
    if (kind !== 'primary' && v.toLowerCase() === this.entry.primaryName.toLowerCase()) return;
    this.seen.add(key);
    const name: EntryName = quality ? { value: v, kind, quality } : { value: v, kind };
    this.entry.names.push(name);
  }

  addProgram(p: string | undefined): void {
    const v = (p ?? '').trim();
    if (v && !this.entry.programs.includes(v)) this.entry.programs.push(v);
  }
}

/** Collapses internal whitespace and trims. */
export function cleanName(s: string): string {
  return s.replace(/\s+/g, ' ').trim();
}

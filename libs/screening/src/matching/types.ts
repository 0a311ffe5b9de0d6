import type { EntrySchema, ListId, NameKind } from '../model';
import type { LegalFormExplanation, Penalty, TokenExplanation } from './compare-names';

/**
 * A person's name in parts, as structured records give it (UN lists: first/second/third name; forms: given and
 * family). Each part is free text (several words allowed); at least one part holds a letter.
 */
export interface NameParts {
  given?: string;
  middle?: string;
  family?: string;
  patronymic?: string;
}

/** A name to screen. */
export interface ScreeningQuery {
  /** The full name as written. When `parts` are given too, they decide which tokens are the family name. */
  name: string;
  /** The name in parts (persons): a family name aligned with a listed family name scores higher than swapped. */
  parts?: NameParts;
  /** Schema of the party named; `Unknown` (default) may match persons and organisations. */
  schema?: EntrySchema;
  /** ISO 3166-1 alpha-2 codes known for the party; a disjoint entry country lowers the score a little. */
  countries?: string[];
}

export interface ScreeningOptions {
  /** Minimum score in [0, 1]; default `DEFAULT_THRESHOLD`. */
  threshold?: number;
  /** Maximum number of matches (entries) returned; default 10. */
  limit?: number;
}

/** One list entry matched by a query, with the best of its names and why it scored so. */
export interface ScreeningMatch {
  entry: { listId: ListId; entryId: string; primaryName: string; programs: string[]; schema: EntrySchema };
  matchedName: string;
  matchedNameKind: NameKind;
  score: number;
  /** `weak-alias` / `low-quality-alias` when the best name is a weak or low-quality alias. */
  flags: string[];
  explanation: { tokens: TokenExplanation[]; penalties: Penalty[]; legalForms: LegalFormExplanation };
}

/** A listed name found in free text, with the UTF-16 character span `[start, end)` it covers. */
export interface TextMatch extends ScreeningMatch {
  span: { start: number; end: number; text: string };
}

import type { NameToken, PreparedName, TokenRole } from '../normalise/prepare-name';
import { cachedPhoneticKey } from './phonetic';
import type { TokenStats } from './token-stats';

/** A token with its weight and comparison keys. */
export interface WeightedToken {
  text: string;
  key: string;
  role: TokenRole;
  weight: number;
  /** Identifying token: core, not generic, not secondary. */
  significant: boolean;
  generic: boolean;
  family: boolean;
  secondary: boolean;
  /** A query token the index's vocabulary does not hold (set by `ScreeningIndex.queryNames`): see `querySimilarity`. */
  unknown?: boolean;
}

export interface WeightedName {
  /** What the comparison reads of the prepared name (an indexed name keeps no more: see `NameTable`). */
  prepared: Pick<PreparedName, 'schema' | 'legalForms'>;
  /** All tokens but `stop`; `legal` tokens have weight 0 (legal forms are compared separately). */
  tokens: WeightedToken[];
}

/** Weight factors by role (why: connectors and remarks must not decide a match). */
const ROLE_FACTOR: Record<TokenRole, number> = { core: 1, number: 1, legal: 0, connector: 0, stop: 0, annotation: 0.1 };
/** Family names weigh more for persons (DOMAIN.md: yente weights family names). */
export const FAMILY_FACTOR = 1.2;
/** Patronymics and similar middle parts are often omitted. */
export const SECONDARY_FACTOR = 0.4;
export const CONNECTOR_WEIGHT = 0.05;
export const NUMBER_WEIGHT = 0.6;

/** One token weighted with `stats` (see `WeightedToken`). */
export function weighToken(t: NameToken, stats: TokenStats): WeightedToken {
  const generic = t.role === 'core' && stats.isGeneric(t.text);
  let weight: number;
  if (t.role === 'number') weight = NUMBER_WEIGHT;
  else if (t.role === 'connector') weight = CONNECTOR_WEIGHT;
  else weight = stats.weight(t.text) * ROLE_FACTOR[t.role];
  if (t.family) weight *= FAMILY_FACTOR;
  if (t.secondary) weight *= SECONDARY_FACTOR;
  return {
    text: t.text,
    key: cachedPhoneticKey(t.text),
    role: t.role,
    weight,
    significant: t.role === 'core' && !generic && !t.secondary,
    generic,
    family: !!t.family,
    secondary: !!t.secondary,
  };
}

/** Weights a prepared name's tokens (stop tokens dropped). */
export function weighName(p: PreparedName, stats: TokenStats): WeightedName {
  return { prepared: p, tokens: p.tokens.filter((t) => t.role !== 'stop').map((t) => weighToken(t, stats)) };
}

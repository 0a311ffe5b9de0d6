import type { EntrySchema } from '../model';
import { expandContraction } from './abbreviations';
import { translateBusinessWords } from './business-words';
import { legalForms, type LegalFormMatch } from './legal-forms';
import {
  CONNECTORS,
  MESSAGE_PREFIXES,
  NUMBER_WORDS,
  PATRONYMIC,
  ROMAN_NUMERALS,
  UNAMBIGUOUS_VESSEL_PREFIXES,
  VESSEL_PREFIXES,
} from './name-words';
import { loadNameStopwords } from './reference-data';
import { applySecondReadings, japaneseReading, russianReading, secondReadingSpans } from './readings';
import { normaliseTokens } from './tokens';

/**
 * Role of a token in a name:
 * - `core`: identifies the party; `number`: a numeral (must be equal to match);
 * - `legal`: part of a legal form (compared separately); `connector`: and/de/bin…;
 * - `stop`: title or prefix (Mr, Dr, MV…), ignored; `annotation`: branch, port, address or other
 *   trailing remark, compared at a tenth of its weight.
 */
export type TokenRole = 'core' | 'number' | 'legal' | 'connector' | 'stop' | 'annotation';

export interface NameToken {
  text: string;
  role: TokenRole;
  /** Family name (the `SURNAME` of `SURNAME, Given`). */
  family?: boolean;
  /** Middle part that is often left out (patronymic). */
  secondary?: boolean;
}

/**
 * A name ready for comparison; `variants` are former names in brackets ("(ex-Cape Diamond)") and second readings of
 * a name in a script Latin reads in more than one way (`reading`: see ./readings), each screened and indexed as a
 * name of its own.
 */
export interface PreparedName {
  source: string;
  schema: EntrySchema;
  tokens: NameToken[];
  legalForms: LegalFormMatch[];
  variants: PreparedName[];
  /** `SURNAME, Given` was reordered to `Given SURNAME`. */
  reordered: boolean;
  /** A legal form glued to the name was split off (JSCARGUMENT). */
  gluedLegalForm: boolean;
  /** This variant is a second reading of the name it belongs to (the same name), not a former name. */
  reading?: boolean;
}

const EX_NAME = /\(\s*(?:ex|formerly|former|f\/k\/a|fka|a\/k\/a|aka|a\.k\.a\.?|also known as|now)\b[\s.:-]*([^)]+)\)/gi;
const TRAILING_BRACKET = /\(([^()]*)\)\s*$/;
const VOYAGE = /\bV\.\s?\d{1,4}[A-Z]?\b/g;
const LABEL = /^\s*([A-Za-z][A-Za-z .]{0,28}[A-Za-z0-9]|field \d+)\s*:\s*(?=\S)/i;
const SEGMENT_SPLIT = /\s[-\u2013\u2014]\s|[,;]/;

let personPrefixes: string[][] | undefined;

function titlePrefixes(): string[][] {
  if (!personPrefixes) {
    const sw = loadNameStopwords();
    personPrefixes = [...sw.PERSON_NAME_PREFIXES, ...sw.ORG_NAME_PREFIXES].map((p) => normaliseTokens(p)).filter((t) => t.length > 0);
    personPrefixes.sort((a, b) => b.length - a.length);
  }
  return personPrefixes;
}

/**
 * Prepares a name for matching: normalisation (`normaliseTokens`), company-word contractions written out
 * (`COMPANY_WORD_CONTRACTIONS`, not for persons), removal of message labels
 * ("BENEFICIARY:"), titles (rigour PERSON_NAME_PREFIXES) and vessel prefixes (MV, M/T…), `SURNAME, Given`
 * reordering for persons, legal-form recognition (not for persons), former names in brackets as
 * variants, and trailing remarks (brackets at the end, text after "c/o", text after a legal form that
 * ends a comma/dash segment, text after a comma in vessel names, voyage numbers) as annotations.
 * @param schema the schema of the party the name belongs to; `Unknown` behaves like an organisation
 *   except that `SURNAME, Given` is still reordered when no legal form is present.
 */
export function prepareName(name: string, schema: EntrySchema = 'Unknown'): PreparedName {
  let s = name.normalize('NFKC').replace(/\s+/g, ' ').trim();
  const annotations: string[] = [];
  const variants: string[] = [];

  const label = LABEL.exec(s);
  if (label && label[1]!.split(' ').length <= 3) s = s.slice(label[0].length);
  s = s.replace(EX_NAME, (_m, v: string) => {
    variants.push(v);
    return ' ';
  });
  s = s.replace(VOYAGE, (m) => {
    annotations.push(m);
    return ' ';
  });
  for (let m = TRAILING_BRACKET.exec(s); m && m.index > 0; m = TRAILING_BRACKET.exec(s)) {
    annotations.unshift(m[1]!);
    s = s.slice(0, m.index).trim();
  }
  const careOf = /\s+c\/o\s+/i.exec(s);
  if (careOf) {
    annotations.unshift(s.slice(careOf.index + careOf[0].length));
    s = s.slice(0, careOf.index);
  }

  const lf = legalForms();
  let reordered = false;
  let familyText: string | undefined;
  const commaParts = s.split(',');
  if (schema !== 'Organization' && schema !== 'Vessel' && schema !== 'Aircraft' && commaParts.length === 2) {
    const [sur, given] = commaParts.map((p) => p.trim()) as [string, string];
    const hasLegal = schema !== 'Person' && [sur, given].some((p) => containsLegalForm(normaliseTokens(p)));
    if (sur && given && !hasLegal) {
      s = `${given} ${sur}`;
      familyText = sur;
      reordered = true;
    }
  }

  let segments = s
    .split(SEGMENT_SPLIT)
    .map((x) => x.trim())
    .filter(Boolean);
  const firstTokens = normaliseTokens(segments[0] ?? '');
  if ((schema === 'Vessel' || (firstTokens.length > 1 && UNAMBIGUOUS_VESSEL_PREFIXES.has(firstTokens[0]!))) && segments.length > 1) {
    annotations.unshift(...segments.slice(1));
    segments = segments.slice(0, 1);
  }

  // Tokens per segment, glued legal forms split off.
  let gluedLegalForm = false;
  const seg: Array<{ text: string; segment: number }> = [];
  segments.forEach((text, i) => {
    const words: string[] = [];
    for (const t of normaliseTokens(text)) {
      const parts = schema === 'Person' ? [t] : lf.splitGlued(t);
      if (parts.length > 1) gluedLegalForm = true;
      words.push(...parts);
    }
    // Company-word contractions written out (Mfg. → manufacturing), then business words of other languages
    // translated (航运 → shipping, Hovalot → transport); personal names keep their tokens (Ind, Ste).
    const out = schema === 'Person' ? words : translateBusinessWords(words.map(expandContraction));
    for (const p of out) seg.push({ text: p, segment: i });
  });
  const texts = seg.map((t) => t.text);
  const roles: TokenRole[] = texts.map(() => 'core');
  const found: LegalFormMatch[] = [];

  if (schema !== 'Person') {
    for (let i = 0; i < texts.length;) {
      const m = lf.matchAt(texts, i);
      if (m && !isAmbiguousForm(m)) {
        for (let k = 0; k < m.tokens.length; k++) roles[i + k] = 'legal';
        found.push(m);
        i += m.tokens.length;
      } else i++;
    }
  }

  // Leading titles, vessel prefixes and message labels.
  let start = 0;
  for (let changed = true; changed && start < texts.length - 1;) {
    changed = false;
    const t = texts[start]!;
    const vesselPrefix =
      schema === 'Vessel' || schema === 'Unknown' ? VESSEL_PREFIXES.has(t) : schema !== 'Person' && UNAMBIGUOUS_VESSEL_PREFIXES.has(t);
    if (vesselPrefix || MESSAGE_PREFIXES.has(t)) {
      roles[start++] = 'stop';
      changed = true;
      continue;
    }
    for (const p of titlePrefixes()) {
      if (start + p.length < texts.length && p.every((w, k) => texts[start + k] === w)) {
        for (let k = 0; k < p.length; k++) roles[start + k] = 'stop';
        start += p.length;
        changed = true;
        break;
      }
    }
  }

  const familyTokens = new Set(familyText ? normaliseTokens(familyText) : []);
  const lastCore = (() => {
    for (let i = texts.length - 1; i >= 0; i--) if (roles[i] === 'core') return i;
    return -1;
  })();
  for (let i = start; i < texts.length; i++) {
    if (roles[i] !== 'core') continue;
    const t = texts[i]!;
    if (/^\d+$/.test(t)) roles[i] = 'number';
    else if (t === 'no' && /^\d+$/.test(texts[i + 1] ?? '')) roles[i] = 'stop';
    else if (NUMBER_WORDS[t] && i > start) {
      roles[i] = 'number';
      texts[i] = NUMBER_WORDS[t]!;
    } else if (ROMAN_NUMERALS[t] && i === lastCore && i > start && !familyTokens.has(t)) {
      // A family name moved last from `SURNAME, Given` stays a name (XI, Jinping), hence the family check.
      roles[i] = 'number';
      texts[i] = ROMAN_NUMERALS[t]!;
    } else if (CONNECTORS.has(t)) roles[i] = 'connector';
  }

  // A legal form that closes a comma/dash segment ends the name; what follows is a remark.
  const closing = seg.findIndex(
    (t, i) => roles[i] === 'legal' && (seg[i + 1]?.segment ?? -1) !== t.segment && roles.slice(0, i).includes('core'),
  );
  if (closing >= 0) {
    const lastSeg = seg[closing]!.segment;
    for (let i = closing + 1; i < seg.length; i++) if (seg[i]!.segment > lastSeg && roles[i] !== 'legal') roles[i] = 'annotation';
  }

  const coreCount = roles.filter((r) => r === 'core').length;
  const tokens: NameToken[] = texts.map((text, i) => {
    const tok: NameToken = { text, role: roles[i]! };
    if (tok.role === 'core' && familyTokens.has(text)) tok.family = true;
    else if (tok.role === 'core' && schema !== 'Organization' && coreCount >= 3 && text.length >= 6 && PATRONYMIC.test(text))
      tok.secondary = true;
    return tok;
  });
  for (const a of annotations) for (const text of normaliseTokens(a)) tokens.push({ text, role: 'annotation' });

  const prepared: PreparedName = { source: name, schema, tokens, legalForms: found, variants: [], reordered, gluedLegalForm };
  // Second readings first; a former name brings its own second readings along (variants are one level deep).
  prepared.variants = [
    ...secondReadings(prepared),
    ...variants.flatMap((v) => {
      const p = prepareName(v, schema);
      return [{ ...p, variants: [] }, ...p.variants];
    }),
  ];
  return prepared;
}

/** Second readings of `p` (see ./readings): its tokens read otherwise, its former names left to their own. */
function secondReadings(p: PreparedName): PreparedName[] {
  const out: PreparedName[] = [];
  const spans = secondReadingSpans(p.source);
  if (spans.length) {
    // A word the second reading splits off is a connector when it is one (التكريتي "al takariti").
    const tokens = applySecondReadings(p.tokens, spans, (t) => t.role === 'core').map((t) =>
      t.role === 'core' && CONNECTORS.has(t.text) && !p.tokens.includes(t) ? { ...t, role: 'connector' as const } : t,
    );
    if (tokens.some((t, i) => t !== p.tokens[i]) || tokens.length !== p.tokens.length)
      out.push({ ...p, tokens, variants: [], reading: true });
  }
  for (const reading of [russianReading(p.source), japaneseReading(p.source, p.schema)]) {
    if (reading === undefined) continue;
    const r = prepareName(reading, p.schema);
    if (r.tokens.map((t) => t.text).join(' ') !== p.tokens.map((t) => t.text).join(' '))
      out.push({ ...r, source: p.source, variants: [], reading: true });
  }
  return out;
}

function containsLegalForm(tokens: string[]): boolean {
  const lf = legalForms();
  for (let i = 0; i < tokens.length; i++) {
    const m = lf.matchAt(tokens, i);
    if (m && !isAmbiguousForm(m)) return true;
  }
  return false;
}

/** One-token forms that are more often a connector, numeral or "No." than a legal form. */
function isAmbiguousForm(m: LegalFormMatch): boolean {
  if (m.tokens.length !== 1) return false;
  const t = m.tokens[0]!;
  return CONNECTORS.has(t) || t in ROMAN_NUMERALS || t === 'no';
}

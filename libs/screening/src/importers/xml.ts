import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { ListFormatError } from '../errors';
import { decodeInput, type ParseLimits, type RawInput } from './raw-input';

/**
 * Parses list XML safely:
 * - input above `limits.maxBytes` (default 200 MB) is refused;
 * - any `<!ENTITY` declaration is refused outright (billion-laughs / external entity attacks), and
 *   entity processing is off (`processEntities: false`), so `&amp;` etc. stay literal and are decoded
 *   by `decodeXmlText` only for the five predefined entities and numeric references;
 * - malformed XML fails with the validator's line number.
 * Elements listed in `arrayTags` (local names) are always arrays. Namespace prefixes are removed.
 * @throws ListFormatError
 */
export function parseListXml(format: string, input: RawInput, arrayTags: readonly string[], limits?: ParseLimits): Record<string, unknown> {
  const text = decodeInput(format, input, limits);
  if (/<!ENTITY/i.test(text)) throw new ListFormatError(format, 'XML entity declarations (<!ENTITY) are not accepted');
  let valid: ReturnType<typeof XMLValidator.validate>;
  try {
    valid = XMLValidator.validate(text);
  } catch (error) {
    throw new ListFormatError(format, `malformed XML: ${(error as Error).message}`);
  }
  if (valid !== true) {
    throw new ListFormatError(format, `malformed XML: ${valid.err.msg}`, `line ${valid.err.line}, column ${valid.err.col}`);
  }
  const arrays = new Set(arrayTags);
  const parser = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: '@',
    removeNSPrefix: true,
    processEntities: false,
    htmlEntities: false,
    parseTagValue: false,
    parseAttributeValue: false,
    trimValues: true,
    isArray: (name) => arrays.has(name),
  });
  try {
    return parser.parse(text) as Record<string, unknown>;
  } catch (error) {
    // The validator and the parser disagree on a few inputs (e.g. a processing instruction cut short): still a format error.
    throw new ListFormatError(format, `malformed XML: ${(error as Error).message}`);
  }
}

const PREDEFINED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** Text of an element or attribute with the XML predefined and numeric character references decoded. */
export function decodeXmlText(value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined;
  let s: string;
  if (typeof value === 'object') {
    const t = (value as Record<string, unknown>)['#text'];
    if (t === undefined) return undefined;
    s = String(t);
  } else s = String(value);
  s = s.replace(/&(#x[0-9a-fA-F]+|#\d+|amp|lt|gt|quot|apos);/g, (_m, ref: string) => {
    if (ref.startsWith('#x')) return String.fromCodePoint(parseInt(ref.slice(2), 16));
    if (ref.startsWith('#')) return String.fromCodePoint(parseInt(ref.slice(1), 10));
    return PREDEFINED[ref] ?? _m;
  });
  s = s.trim();
  return s === '' ? undefined : s;
}

/** Wraps a possibly-missing / single / array value as an array. */
export function asArray<T>(v: T | T[] | undefined | null): T[] {
  if (v === undefined || v === null || (v as unknown) === '') return [];
  return Array.isArray(v) ? v : [v];
}

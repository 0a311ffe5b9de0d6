import {
  cameoCodeFitsEventType,
  isCameoCode,
  isCountryCode,
  isCurrencyCode,
  isDiplomaticEventType,
  isDualUseCategory,
  isEdtf,
  isEuMilitaryListCategory,
  isHsCode,
  isInformationCredibility,
  isSipriCategory,
  isSourceReliability,
} from '@tm/reference';
import type { ReportCommandType } from './commands';
import { MAX_QUANTITY_OR_AMOUNT, TRANSFER_STAGES } from './model';
import { namePartsViolations } from './names';

/** One failing field: its path (`claims[0].supplier.country`), the rule it breaks and a message. */
export interface Violation {
  path: string;
  rule: string;
  message: string;
}

const SOURCE_TYPES = ['news', 'government', 'intergovernmental', 'think-tank', 'academic', 'company', 'customs-record', 'social-media', 'other'];
const ENTITY_TYPES = ['company', 'government-body', 'armed-forces', 'person', 'organisation', 'vessel', 'aircraft'];
const ASSISTANCE_TYPES = ['military', 'dual-use', 'economic', 'humanitarian'];
const QUALIFIERS = ['exact', 'approximately', 'at-least', 'at-most', 'per-month'];
const ROLES = ['visitor', 'host', 'participant', 'mediator', 'speaker', 'target'];
const STANCES = ['supports', 'confirms', 'contradicts', 'denies', 'qualifies', 'retracts'];
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Rules between fields of a claim, named alike by the API's DTOs and these checks. */
export const CLAIM_RULES = {
  /** A transfer's recipient country differs from its supplier's. */
  otherCountry: 'differsFromSupplier',
  /** A quantity range's `max` is not below its `min`. */
  notBelowMin: 'notBelowMin',
  /** A quantity's `value`, when a range is also given, lies within it. */
  withinRange: 'withinRange',
  /** A diplomatic event's CAMEO code sits under its event type's CAMEO root ({@link cameoCodeFitsEventType}). */
  cameoFitsEventType: 'cameoFitsEventType',
} as const;

/** Rules on a source document, named alike by the API's DTOs and these checks. */
export const SOURCE_RULES = {
  /** A `publishedOn` at most a day after today (UTC): time zones ahead of UTC are already on tomorrow's date. */
  notInFuture: 'notInFuture',
} as const;

/** Whether a `YYYY-MM-DD` publication date lies more than a day after `now` (UTC), i.e. cannot have happened yet. */
export function isPublishedInFuture(publishedOn: string, now: Date = new Date()): boolean {
  return publishedOn > new Date(now.getTime() + 86_400_000).toISOString().slice(0, 10);
}

type Obj = Record<string, unknown>;
const isObject = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Checks a command payload at the processor's door, whatever produced it (the API validates the same rules with
 * its DTOs; a message written by anything else must not reach the event store unchecked). Code lists come from
 * `@tm/reference`. Returns every violation, empty when the payload is sound. `now` is the clock of the one rule that
 * needs one (a publication date not in the future, {@link SOURCE_RULES}).
 */
export function checkReportCommand(type: ReportCommandType, payload: unknown, now: Date = new Date()): Violation[] {
  const out: Violation[] = [];
  const fail = (path: string, rule: string, message: string) => void out.push({ path, rule, message });
  const str = (o: Obj, key: string, path: string, required = true, max = 10_000) => {
    const v = o[key];
    if (v === undefined) return required ? fail(path, 'isDefined', `${path} is required`) : undefined;
    if (typeof v !== 'string' || v.trim() === '' || v.length > max) fail(path, 'isString', `${path} must be a non-empty string of at most ${max} characters`);
  };
  const code = (o: Obj, key: string, path: string, rule: string, test: (v: unknown) => boolean, required = true) => {
    const v = o[key];
    if (v === undefined) return required ? fail(path, 'isDefined', `${path} is required`) : undefined;
    if (!test(v)) fail(path, rule, `${path} ${JSON.stringify(v)} breaks ${rule}`);
  };
  const oneOf = (values: readonly unknown[]) => (v: unknown) => values.includes(v);
  const amount = (o: Obj, key: string, path: string, required = true) => {
    code(o, key, path, 'isNonNegativeNumber', (v) => typeof v === 'number' && Number.isFinite(v) && v >= 0, required);
    if (typeof o[key] === 'number' && (o[key] as number) > MAX_QUANTITY_OR_AMOUNT) fail(path, 'max', `${path} must not exceed ${MAX_QUANTITY_OR_AMOUNT}`);
  };
  const obj = (o: Obj, key: string, path: string, required = true): Obj | undefined => {
    const v = o[key];
    if (v === undefined) return required ? (fail(path, 'isDefined', `${path} is required`), undefined) : undefined;
    if (!isObject(v)) return fail(path, 'isObject', `${path} must be an object`), undefined;
    return v;
  };
  const source = (o: Obj, path: string) => {
    str(o, 'publisher', `${path}.publisher`, true, 300);
    str(o, 'title', `${path}.title`, true, 1000);
    str(o, 'url', `${path}.url`, false, 2000);
    str(o, 'author', `${path}.author`, false, 500);
    code(o, 'publishedOn', `${path}.publishedOn`, 'isIsoDate', (v) => typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v) && isEdtf(v));
    if (typeof o.publishedOn === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(o.publishedOn) && isPublishedInFuture(o.publishedOn, now)) {
      fail(`${path}.publishedOn`, SOURCE_RULES.notInFuture, `${path}.publishedOn must not be more than a day in the future`);
    }
    code(o, 'sourceType', `${path}.sourceType`, 'isSourceType', oneOf(SOURCE_TYPES));
  };
  const entity = (o: Obj, path: string) => {
    str(o, 'name', `${path}.name`, true, 500);
    code(o, 'type', `${path}.type`, 'isEntityType', oneOf(ENTITY_TYPES));
    if (o.nameParts !== undefined) out.push(...namePartsViolations(o.nameParts, `${path}.nameParts`, o.type));
  };
  const party = (o: Obj, path: string) => {
    code(o, 'country', `${path}.country`, 'isIso3166Alpha2', isCountryCode);
    const e = obj(o, 'entity', `${path}.entity`, false);
    if (e) entity(e, `${path}.entity`);
  };
  const date = (o: Obj, path: string) => {
    const d = obj(o, 'date', path, false);
    if (d) code(d, 'edtf', `${path}.edtf`, 'isEdtf', isEdtf);
  };
  const claim = (c: Obj, path: string) => {
    str(c, 'claimId', `${path}.claimId`, true, 100);
    code(c, 'credibility', `${path}.credibility`, 'isInformationCredibility', isInformationCredibility);
    date(c, `${path}.date`);
    if (c.kind === 'transfer') {
      for (const key of ['supplier', 'recipient'] as const) {
        const p = obj(c, key, `${path}.${key}`);
        if (p) party(p, `${path}.${key}`);
      }
      if (isObject(c.supplier) && isObject(c.recipient) && isCountryCode(c.recipient.country) && c.recipient.country === c.supplier.country) {
        fail(`${path}.recipient`, CLAIM_RULES.otherCountry, `${path}.recipient.country must differ from the supplier's country (a transfer crosses a border)`);
      }
      const end = obj(c, 'endUser', `${path}.endUser`, false);
      if (end) party(end, `${path}.endUser`);
      if (c.intermediaries !== undefined) {
        if (!Array.isArray(c.intermediaries)) fail(`${path}.intermediaries`, 'isArray', `${path}.intermediaries must be an array`);
        else c.intermediaries.forEach((p, i) => (isObject(p) ? party(p, `${path}.intermediaries[${i}]`) : fail(`${path}.intermediaries[${i}]`, 'isObject', 'must be an object')));
      }
      code(c, 'assistanceType', `${path}.assistanceType`, 'isAssistanceType', oneOf(ASSISTANCE_TYPES));
      code(c, 'stage', `${path}.stage`, 'isTransferStage', oneOf(TRANSFER_STAGES));
      const item = obj(c, 'item', `${path}.item`);
      if (item) {
        str(item, 'description', `${path}.item.description`, true, 2000);
        code(item, 'hsCode', `${path}.item.hsCode`, 'isHsCode', isHsCode, false);
        code(item, 'sipriCategory', `${path}.item.sipriCategory`, 'isSipriCategory', isSipriCategory, false);
        code(item, 'euMilitaryListCategory', `${path}.item.euMilitaryListCategory`, 'isEuMilitaryListCategory', isEuMilitaryListCategory, false);
        code(item, 'dualUseCategory', `${path}.item.dualUseCategory`, 'isDualUseCategory', isDualUseCategory, false);
      }
      const quantity = obj(c, 'quantity', `${path}.quantity`, false);
      if (quantity) {
        for (const key of ['value', 'min', 'max']) amount(quantity, key, `${path}.quantity.${key}`, false);
        str(quantity, 'unit', `${path}.quantity.unit`, true, 50);
        code(quantity, 'qualifier', `${path}.quantity.qualifier`, 'isQuantityQualifier', oneOf(QUALIFIERS));
        if (typeof quantity.min === 'number' && typeof quantity.max === 'number' && quantity.min > quantity.max) {
          fail(`${path}.quantity.max`, CLAIM_RULES.notBelowMin, `${path}.quantity.max must not be below quantity.min`);
        }
        const { value: v, min, max } = quantity;
        if (typeof v === 'number' && ((typeof min === 'number' && v < min) || (typeof max === 'number' && v > max))) {
          fail(`${path}.quantity.value`, CLAIM_RULES.withinRange, `${path}.quantity.value must lie between quantity.min and quantity.max`);
        }
      }
      const value = obj(c, 'value', `${path}.value`, false);
      if (value) {
        amount(value, 'amount', `${path}.value.amount`);
        code(value, 'currency', `${path}.value.currency`, 'isIso4217', isCurrencyCode);
      }
    } else if (c.kind === 'diplomatic-event') {
      code(c, 'eventType', `${path}.eventType`, 'isDiplomaticEventType', (v) => v === 'other' || isDiplomaticEventType(v));
      code(c, 'cameoCode', `${path}.cameoCode`, 'isCameoCode', isCameoCode, c.eventType === 'other');
      if (typeof c.eventType === 'string' && isCameoCode(c.cameoCode) && !cameoCodeFitsEventType(c.eventType, c.cameoCode)) {
        fail(`${path}.cameoCode`, CLAIM_RULES.cameoFitsEventType, `${path}.cameoCode must sit under the CAMEO root of eventType ${c.eventType}`);
      }
      if (!Array.isArray(c.participants) || c.participants.length === 0) fail(`${path}.participants`, 'arrayNotEmpty', `${path}.participants must be a non-empty array`);
      else
        c.participants.forEach((p, i) => {
          const at = `${path}.participants[${i}]`;
          if (!isObject(p)) return fail(at, 'isObject', `${at} must be an object`);
          party(p, at);
          code(p, 'role', `${at}.role`, 'isParticipantRole', oneOf(ROLES));
        });
      const place = obj(c, 'place', `${path}.place`, false);
      if (place) code(place, 'country', `${path}.place.country`, 'isIso3166Alpha2', isCountryCode);
    } else {
      fail(`${path}.kind`, 'isClaimKind', `${path}.kind must be "transfer" or "diplomatic-event"`);
    }
  };

  if (!isObject(payload)) return [{ path: '', rule: 'isObject', message: 'the payload must be a JSON object' }];
  code(payload, 'reportId', 'reportId', 'isUuid', (v) => typeof v === 'string' && UUID.test(v));
  switch (type) {
    case 'SubmitReport': {
      const s = obj(payload, 'source', 'source');
      if (s) source(s, 'source');
      code(payload, 'sourceReliability', 'sourceReliability', 'isSourceReliability', isSourceReliability);
      str(payload, 'text', 'text', false, 100_000);
      if (!Array.isArray(payload.claims)) fail('claims', 'isArray', 'claims must be an array');
      else payload.claims.forEach((c, i) => (isObject(c) ? claim(c, `claims[${i}]`) : fail(`claims[${i}]`, 'isObject', 'must be an object')));
      break;
    }
    case 'AmendClaim': {
      const c = obj(payload, 'claim', 'claim');
      if (c) claim(c, 'claim');
      str(payload, 'reason', 'reason', true, 2000);
      break;
    }
    case 'AddEvidence': {
      const e = obj(payload, 'evidence', 'evidence');
      if (e) {
        str(e, 'evidenceId', 'evidence.evidenceId', true, 100);
        str(e, 'claimId', 'evidence.claimId', true, 100);
        code(e, 'stance', 'evidence.stance', 'isEvidenceStance', oneOf(STANCES));
        const s = obj(e, 'source', 'evidence.source');
        if (s) source(s, 'evidence.source');
        code(e, 'sourceReliability', 'evidence.sourceReliability', 'isSourceReliability', isSourceReliability);
        code(e, 'credibilityAfter', 'evidence.credibilityAfter', 'isInformationCredibility', isInformationCredibility, false);
        const by = obj(e, 'attributedTo', 'evidence.attributedTo', false);
        if (by) party(by, 'evidence.attributedTo');
      }
      break;
    }
    case 'RetractReport':
      str(payload, 'reason', 'reason', true, 2000);
      break;
  }
  return out;
}

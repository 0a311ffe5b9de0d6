import { buildMessage, ValidateBy, type ValidationArguments, type ValidationOptions } from 'class-validator';
import { cameoCodeFitsEventType, isCameoCode } from '@tm/reference';
import { isStorableEdtf, STORABLE_DAYS } from '../storage-bounds';

/** Rules between fields of a claim, as named in error bodies and dead letters. */
export const CLAIM_RULES = {
  /** A transfer's recipient country differs from its supplier's. */
  otherCountry: 'differsFromSupplier',
  /** A quantity range's `max` is not below its `min`. */
  notBelowMin: 'notBelowMin',
  /** A quantity's `value`, when a range is also given, lies within it. */
  withinRange: 'withinRange',
  /** A diplomatic event's CAMEO code sits under its event type's CAMEO root (`cameoCodeFitsEventType`). */
  cameoFitsEventType: 'cameoFitsEventType',
  /** A claim's date lies in the years 0001–9999 or is open (`isStorableEdtf`): not in year 0000. */
  storableDate: 'isStorableDate',
} as const;

/** A class-validator decorator named `rule` that checks a value against its sibling fields (`args.object`). */
function siblingRule(rule: string, test: (value: unknown, siblings: Record<string, unknown>) => boolean, message: string) {
  return (options?: ValidationOptions): PropertyDecorator =>
    ValidateBy(
      {
        name: rule,
        validator: {
          validate: (value, args?: ValidationArguments) => test(value, (args?.object ?? {}) as Record<string, unknown>),
          defaultMessage: buildMessage(() => message, options),
        },
      },
      options,
    );
}

const countryOf = (party: unknown): unknown => (party && typeof party === 'object' ? (party as { country?: unknown }).country : undefined);

/** On a transfer's `recipient`: its country differs from the supplier's (a transfer crosses a border). */
export const DiffersFromSupplier = siblingRule(
  CLAIM_RULES.otherCountry,
  (recipient, claim) => countryOf(recipient) === undefined || countryOf(recipient) !== countryOf(claim.supplier),
  "recipient.country must differ from the supplier's country (a transfer crosses a border)",
);

/** On a quantity's `max`: not below `min`. */
export const NotBelowMin = siblingRule(
  CLAIM_RULES.notBelowMin,
  (max, quantity) => typeof max !== 'number' || typeof quantity.min !== 'number' || max >= quantity.min,
  'max must not be below min',
);

/** On a quantity's `value`: within `min`…`max` when those are given. */
export const WithinRange = siblingRule(
  CLAIM_RULES.withinRange,
  (value, quantity) =>
    typeof value !== 'number' ||
    ((typeof quantity.min !== 'number' || value >= quantity.min) && (typeof quantity.max !== 'number' || value <= quantity.max)),
  'value must lie between min and max',
);

/** On a diplomatic event's `cameoCode`: under the CAMEO root of its `eventType` (GDELT CAMEO 1.1b3; any code for `other`). */
export const FitsEventType = siblingRule(
  CLAIM_RULES.cameoFitsEventType,
  (code, claim) => !isCameoCode(code) || typeof claim.eventType !== 'string' || cameoCodeFitsEventType(claim.eventType, code),
  'cameoCode must sit under the CAMEO root of the eventType (e.g. meeting 040 may be coded 044), or eventType must be other',
);

/** On a claim date's `edtf`: bounds in the years 0001–9999, or open (`XXXX`, `..`); year 0000 is refused. */
export const IsStorableDate = siblingRule(
  CLAIM_RULES.storableDate,
  (edtf) => isStorableEdtf(edtf),
  `edtf must name days from ${STORABLE_DAYS.first} to ${STORABLE_DAYS.last} or an open end (there is no year 0 in the calendar the store keeps; an unknown year is XXXX)`,
);

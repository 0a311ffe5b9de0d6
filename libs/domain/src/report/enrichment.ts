import {
  cameoCodeFitsEventType,
  cameoCodeOf,
  chplTierOf,
  InvalidEdtfError,
  isDiplomaticEventType,
  normaliseHsCode,
  parseEdtf,
} from '@tm/reference';
import type { ClaimInput, ReportedDateInput } from './commands';
import { ReportRuleError } from './errors';
import type { Claim, ReportedDate } from './model';

/** The EDTF date with its computed bounds and precision (the phrase kept as the source wrote it). */
export function enrichDate(input: ReportedDateInput, path: string): ReportedDate {
  try {
    const bounds = parseEdtf(input.edtf);
    return {
      edtf: input.edtf,
      ...(input.phrase ? { phrase: input.phrase } : {}),
      earliest: bounds.earliest,
      latest: bounds.latest,
      precision: bounds.precision,
    };
  } catch (error) {
    if (error instanceof InvalidEdtfError) throw new ReportRuleError('invalid-payload', error.message, `${path}.edtf`);
    throw error;
  }
}

/**
 * A claim as stored: dates get EDTF bounds; a transfer's item gets its HS-6 subheading and CHPL tier (looked up,
 * whatever was entered); a diplomatic event gets the CAMEO code of its event type. An explicit CAMEO code must sit
 * under the same CAMEO root as the event type (e.g. `meeting` 040 may be coded 044, meeting at a third location);
 * event type `other` needs one.
 * @throws ReportRuleError naming the field at fault.
 */
export function enrichClaim(input: ClaimInput, path: string): Claim {
  const date = input.date ? enrichDate(input.date, `${path}.date`) : undefined;
  if (input.kind === 'transfer') {
    const { item, date: _entered, ...rest } = input;
    const hs6 = item.hsCode ? normaliseHsCode(item.hsCode) : undefined;
    const chplTier = item.hsCode ? chplTierOf(item.hsCode) : undefined;
    return { ...rest, ...(date ? { date } : {}), item: { ...item, ...(hs6 ? { hs6 } : {}), ...(chplTier ? { chplTier } : {}) } };
  }
  const cameoCode = input.cameoCode ?? (isDiplomaticEventType(input.eventType) ? cameoCodeOf(input.eventType) : undefined);
  if (cameoCode === undefined) {
    throw new ReportRuleError(
      'invalid-payload',
      `event type ${input.eventType} is unknown, or "other" without a CAMEO code`,
      `${path}.eventType`,
    );
  }
  if (!cameoCodeFitsEventType(input.eventType, cameoCode)) {
    throw new ReportRuleError(
      'cameo-code-mismatch',
      `CAMEO code ${cameoCode} does not fit event type ${input.eventType}`,
      `${path}.cameoCode`,
    );
  }
  const { date: _entered, ...rest } = input;
  return { ...rest, cameoCode, ...(date ? { date } : {}) };
}

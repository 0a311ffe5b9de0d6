import { RequestValidationException } from '../http/api-exceptions';

/**
 * `asOf` (validated by `IsAsOf`) as `claimStatesAsOf` of `@tm/read-models` takes it: digits are a global position,
 * anything else a moment of recording, in UTC unless it carries an offset: a date is its first instant
 * (`2026-12-07` is 2026-12-07T00:00:00Z, so nothing recorded that day), a date-time without an offset is UTC (JavaScript
 * would read it in the server's time zone).
 * @throws RequestValidationException 422 `isAsOf` for a moment that does not parse.
 */
export function asOfTarget(asOf: string): number | Date {
  const moment = /T[\d:.]+$/.test(asOf) ? `${asOf}Z` : asOf;
  const target = /^\d+$/.test(asOf) ? Number(asOf) : new Date(moment);
  if (target instanceof Date && Number.isNaN(target.getTime()))
    throw new RequestValidationException([
      { path: 'asOf', rule: 'isAsOf', message: 'asOf must be a global position (digits) or an ISO 8601 date-time of recording' },
    ]);
  return target;
}

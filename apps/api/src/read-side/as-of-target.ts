import { RequestValidationException } from '../http/api-exceptions';

/**
 * `asOf` (validated by `IsAsOf`) as `claimStatesAsOf` of `@tm/read-models` takes it: digits are a global position,
 * anything else a moment of recording.
 * @throws RequestValidationException 422 `isAsOf` for a moment that does not parse.
 */
export function asOfTarget(asOf: string): number | Date {
  const target = /^\d+$/.test(asOf) ? Number(asOf) : new Date(asOf);
  if (target instanceof Date && Number.isNaN(target.getTime()))
    throw new RequestValidationException([
      { path: 'asOf', rule: 'isAsOf', message: 'asOf must be a global position (digits) or an ISO 8601 date-time of recording' },
    ]);
  return target;
}

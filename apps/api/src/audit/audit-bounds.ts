import { periodEnd, periodStart } from '@tm/reference';

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const ZONE = /(Z|[+-]\d{2}:?\d{2})$/;

/** `from` as a time: a year, month or day starts at its first moment, UTC. */
export function lowerBound(from: string): string {
  const start = periodStart(from);
  return DAY.test(start) ? `${start}T00:00:00.000Z` : start;
}

/** `to` as a time: a year, month or day ends at its last millisecond, UTC (times are stored to the millisecond). */
export function upperBound(to: string): string {
  const end = periodEnd(to);
  return DAY.test(end) ? `${end}T23:59:59.999Z` : end;
}

/** Milliseconds since the epoch of a bound as {@link lowerBound} or {@link upperBound} writes it, UTC unless it names a zone; NaN if unreadable. */
export function boundTime(bound: string): number {
  return Date.parse(ZONE.test(bound) ? bound : `${bound}Z`);
}

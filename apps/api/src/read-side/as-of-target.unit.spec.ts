import { asOfTarget } from './as-of-target';

describe('asOfTarget', () => {
  const zone = process.env.TZ;
  afterEach(() => {
    if (zone === undefined) delete process.env.TZ;
    else process.env.TZ = zone;
  });

  it('reads digits as a global position, a date as its first instant in UTC', () => {
    expect(asOfTarget('2023')).toBe(2023);
    expect((asOfTarget('2026-12-07') as Date).toISOString()).toBe('2026-12-07T00:00:00.000Z');
  });

  it('reads a date-time without an offset in UTC, whatever the server time zone', () => {
    for (const tz of ['Pacific/Kiritimati', 'America/New_York', 'UTC']) {
      process.env.TZ = tz;
      expect((asOfTarget('2023-01-01T10:00') as Date).toISOString()).toBe('2023-01-01T10:00:00.000Z');
      expect((asOfTarget('2023-01-01T10:00:00.5') as Date).toISOString()).toBe('2023-01-01T10:00:00.500Z');
      expect((asOfTarget('2023-01-01T10:00:00+14:00') as Date).toISOString()).toBe('2022-12-31T20:00:00.000Z');
      expect((asOfTarget('2023-01-01T10:00:00Z') as Date).toISOString()).toBe('2023-01-01T10:00:00.000Z');
    }
  });
});

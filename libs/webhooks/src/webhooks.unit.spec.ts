import { Webhook } from 'standardwebhooks';
import fc from 'fast-check';
import { ALERT_SUPERSEDED_REASONS } from '@tm/domain';
import {
  addressRefusal,
  buildWebhookMessage,
  checkTargetUrl,
  facetsOfRaised,
  generateSigningSecret,
  matchesSubscription,
  messageIdOf,
  nextRetryDelay,
  parseAllowedAddresses,
  parseRetryAfter,
  parseRetrySchedule,
  signWebhook,
  TargetRefusedError,
  type AlertFacets,
} from './index';

const raised = {
  alertId: 'a1',
  reportId: 'r1',
  location: 'claims[0].supplier.entity',
  queryName: 'Bingo',
  listId: 'us-ofac-sdn',
  entryId: '123',
  listVersion: '2024-01-01',
  entryName: 'BINGO LLC',
  matchedName: 'BINGO',
  matchedNameKind: 'primary',
  programs: ['RUSSIA-EO14024'],
  countries: ['CN', 'RU'],
  score: 0.91,
  explanation: { tokens: [], penalties: [], notes: [] },
  trigger: 'report-submitted' as const,
};
const facets: AlertFacets = facetsOfRaised(raised);
const all = { eventTypes: ['alert.raised', 'alert.reviewed', 'alert.superseded'], countries: [], lists: [], programs: [], minScore: null };

describe('webhook payloads', () => {
  it('builds { type, timestamp, data } with a webhook-id derived from the event id', () => {
    const message = buildWebhookMessage(
      { eventId: 'e1', type: 'AlertRaised', payload: raised, recordedAt: new Date('2024-05-01T10:00:00Z') },
      undefined,
    )!;
    expect(message.messageId).toBe(messageIdOf('e1'));
    expect(message.messageId).toMatch(/^msg_[0-9a-f]{32}$/);
    expect(JSON.parse(message.body)).toEqual({ type: 'alert.raised', timestamp: '2024-05-01T10:00:00.000Z', data: raised });
    expect(messageIdOf('e2')).not.toBe(message.messageId);
  });

  it('adds the raised alert to reviewed and superseded events, and ignores other events', () => {
    const reviewed = buildWebhookMessage(
      { eventId: 'e2', type: 'AlertReviewed', payload: { alertId: 'a1', status: 'confirmed', reason: 'x' }, recordedAt: new Date() },
      facets,
    )!;
    expect(JSON.parse(reviewed.body).data.alert).toEqual(facets);
    expect(reviewed.eventType).toBe('alert.reviewed');
    const reopened = buildWebhookMessage(
      {
        eventId: 'e4',
        type: 'AlertReopened',
        payload: { alertId: 'a1', lifts: 'entry-delisted', trigger: 'list-updated' },
        recordedAt: new Date(),
      },
      facets,
    )!;
    expect(reopened.eventType).toBe('alert.reopened');
    expect(JSON.parse(reopened.body).data).toMatchObject({ lifts: 'entry-delisted', alert: facets });
    const updated = buildWebhookMessage(
      {
        eventId: 'e5',
        type: 'AlertBasisUpdated',
        payload: { alertId: 'a1', reason: 'report-amended', trigger: 'report-submitted', surge: { country: 'KZ' } },
        recordedAt: new Date(),
      },
      facets,
    )!;
    expect(updated.eventType).toBe('alert.updated');
    expect(JSON.parse(updated.body).data).toMatchObject({ reason: 'report-amended', surge: { country: 'KZ' }, alert: facets });
    expect(buildWebhookMessage({ eventId: 'e3', type: 'ReportSubmitted', payload: {}, recordedAt: new Date() }, undefined)).toBeUndefined();
  });

  it('says why an alert was superseded or reopened as stored: every reason, `report-amended` included', () => {
    for (const reason of ALERT_SUPERSEDED_REASONS) {
      const superseded = buildWebhookMessage(
        { eventId: `s-${reason}`, type: 'AlertSuperseded', payload: { alertId: 'a1', reason }, recordedAt: new Date() },
        facets,
      )!;
      expect(superseded.eventType).toBe('alert.superseded');
      expect(JSON.parse(superseded.body).data).toEqual({ alertId: 'a1', reason, alert: facets });
    }
    const reopened = buildWebhookMessage(
      {
        eventId: 'r-report-amended',
        type: 'AlertReopened',
        payload: { alertId: 'a1', lifts: 'report-amended', trigger: 'claim-amended' },
        recordedAt: new Date(),
      },
      facets,
    )!;
    expect(JSON.parse(reopened.body).data).toMatchObject({ lifts: 'report-amended', trigger: 'claim-amended' });
  });
});

describe('subscription filters', () => {
  it('matches on event type, countries, lists, programs and minimum score', () => {
    expect(matchesSubscription(all, 'alert.raised', facets)).toBe(true);
    expect(matchesSubscription({ ...all, eventTypes: ['alert.reviewed'] }, 'alert.raised', facets)).toBe(false);
    expect(matchesSubscription({ ...all, countries: ['RU'] }, 'alert.raised', facets)).toBe(true);
    expect(matchesSubscription({ ...all, countries: ['IR'] }, 'alert.raised', facets)).toBe(false);
    expect(matchesSubscription({ ...all, lists: ['un-sc'] }, 'alert.raised', facets)).toBe(false);
    expect(matchesSubscription({ ...all, programs: ['RUSSIA-EO14024', 'IRAN'] }, 'alert.raised', facets)).toBe(true);
    expect(matchesSubscription({ ...all, minScore: 0.95 }, 'alert.raised', facets)).toBe(false);
    expect(matchesSubscription({ ...all, minScore: 0.91 }, 'alert.raised', facets)).toBe(true);
  });

  it('matches on alert kinds: an alert without a kind is a name match', () => {
    expect(facets.kind).toBe('name-match');
    expect(matchesSubscription({ ...all, kinds: ['name-match'] }, 'alert.raised', facets)).toBe(true);
    expect(matchesSubscription({ ...all, kinds: ['ownership', 'possible-diversion'] }, 'alert.raised', facets)).toBe(false);
    expect(matchesSubscription({ ...all, kinds: ['ownership'] }, 'alert.raised', { ...facets, kind: 'ownership' })).toBe(true);
    expect(matchesSubscription({ ...all, kinds: ['name-match'] }, 'alert.raised', { ...facets, kind: undefined })).toBe(true);
    expect(matchesSubscription({ ...all, kinds: ['ownership'] }, 'alert.reviewed', undefined)).toBe(false);
  });

  it('without the alert facets, matches only subscriptions that filter on none', () => {
    expect(matchesSubscription(all, 'alert.reviewed', undefined)).toBe(true);
    expect(matchesSubscription({ ...all, minScore: 0 }, 'alert.reviewed', undefined)).toBe(false);
  });
});

describe('retry schedule', () => {
  it('parses durations and names a bad entry', () => {
    expect(parseRetrySchedule('5s,5m,30m,2h,5h,10h,10h').reduce((a, b) => a + b, 0)).toBe((5 + 300 + 1800 + 7200 + 18000 + 72000) * 1000);
    expect(parseRetrySchedule('200ms, 400ms')).toEqual([200, 400]);
    expect(() => parseRetrySchedule('5s,soon')).toThrow('"soon"');
  });

  it('gives the nth delay within the jitter, then stops', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 3 }), fc.double({ min: 0, max: 0.999, noNaN: true }), (failures, r) => {
        const delay = nextRetryDelay([1000, 2000, 4000], failures, { jitter: 0.2, random: () => r })!;
        const nominal = [1000, 2000, 4000][failures - 1];
        return delay >= nominal * 0.8 && delay <= nominal * 1.2;
      }),
    );
    expect(nextRetryDelay([1000], 2)).toBeUndefined();
  });

  it('honours a longer Retry-After (seconds or HTTP date)', () => {
    expect(nextRetryDelay([1000], 1, { retryAfterMs: 30_000 })).toBe(30_000);
    expect(nextRetryDelay([60_000], 1, { retryAfterMs: 1_000 })).toBe(60_000);
    expect(parseRetryAfter('120')).toBe(120_000);
    const now = new Date('2024-05-01T10:00:00Z');
    expect(parseRetryAfter('Wed, 01 May 2024 10:01:00 GMT', now)).toBe(60_000);
    expect(parseRetryAfter('soon')).toBeUndefined();
  });
});

describe('signing', () => {
  it('signs with every secret so either verifies with the standardwebhooks verifier', () => {
    const [oldSecret, newSecret] = [generateSigningSecret(), generateSigningSecret()];
    expect(oldSecret).toMatch(/^whsec_[A-Za-z0-9+/]+=*$/);
    const body = JSON.stringify({ type: 'alert.raised', timestamp: new Date().toISOString(), data: { name: 'Łódź – ü' } });
    const headers = signWebhook([newSecret, oldSecret], 'msg_1', new Date(), body);
    expect(headers['webhook-signature'].split(' ')).toHaveLength(2);
    for (const secret of [oldSecret, newSecret]) expect(new Webhook(secret).verify(body, { ...headers })).toEqual(JSON.parse(body));
    expect(() => new Webhook(generateSigningSecret()).verify(body, { ...headers })).toThrow();
  });
});

describe('SSRF guard', () => {
  it('refuses private, loopback, link-local and metadata addresses unless allowed', () => {
    for (const address of ['10.0.0.1', '127.0.0.1', '169.254.169.254', '192.168.1.1', '::1', 'fd00::1', '0.0.0.0', '::ffff:127.0.0.1']) {
      expect(addressRefusal(address, [])).toBeDefined();
    }
    expect(addressRefusal('93.184.216.34', [])).toBeUndefined();
    expect(addressRefusal('127.0.0.1', ['127.0.0.1'])).toBeUndefined();
    expect(() => parseAllowedAddresses('127.0.0.1,localhost')).toThrow('"localhost"');
  });

  it('checks the scheme and the resolved addresses of a target', async () => {
    await expect(checkTargetUrl('ftp://example.com/x', [])).rejects.toMatchObject({ rule: 'httpUrl' });
    await expect(checkTargetUrl('http://10.1.2.3/hook', [])).rejects.toMatchObject({ rule: 'publicAddress' });
    await expect(checkTargetUrl('http://[::1]:8080/hook', [])).rejects.toBeInstanceOf(TargetRefusedError);
    await expect(checkTargetUrl('http://localhost/hook', [])).rejects.toMatchObject({ rule: 'publicAddress' });
    await expect(checkTargetUrl('http://127.0.0.1:9/hook', ['127.0.0.1'])).resolves.toBeInstanceOf(URL);
    await expect(checkTargetUrl('http://10.1.2.3/hook', ['10.0.0.0/8'])).resolves.toBeInstanceOf(URL);
    await expect(checkTargetUrl('http://[::ffff:10.1.2.3]/hook', ['10.0.0.0/8'])).resolves.toBeInstanceOf(URL);
    await expect(checkTargetUrl('http://[::ffff:169.254.169.254]/hook', [])).rejects.toMatchObject({ rule: 'publicAddress' });
  });
});

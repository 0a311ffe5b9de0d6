import { alertEntityName, alertListEntry, alertState, type Alert } from '../src/alert-state';

describe('dashboard alert state (queue and report page)', () => {
  const alert = (over: Partial<Alert>): Alert => ({
    alertId: 'a1',
    status: 'open',
    reportId: 'r1',
    location: 'claims[0].supplier.entity',
    queryName: 'Alexander Lukashenko',
    listId: 'ofac-sdn',
    entryId: '36029',
    entryName: 'LUKASHENKO, Alexander Grigoryevich',
    matchedName: 'LUKASHENKO, Alexander',
    programs: ['BELARUS'],
    countries: ['BY'],
    score: 0.97,
    raisedAt: '2026-12-07T10:00:00.000Z',
    ...over,
  });

  it('is the alert status the API gives: open, the review, or superseded while a supersession holds (the review kept)', () => {
    expect(alertState(alert({}))).toBe('open');
    const review = { status: 'confirmed', reason: 'same person' };
    expect(alertState(alert({ status: 'confirmed', review }))).toBe('confirmed');
    // Reviewed, then superseded (the entry delisted, the route ended): the queue's "superseded" filter lists it, and
    // its badge must say so, as GET /v1/alerts and the entity page do, not the review it had.
    const superseded = { reason: 'entry-delisted', supersededAt: '2026-12-07T11:00:00.000Z' };
    expect(alertState(alert({ status: 'superseded', review, superseded }))).toBe('superseded');
  });

  it('links an alert to an entity page only when it is on a party, and to a list entry only when a list holds one', () => {
    expect(alertEntityName(alert({}))).toBe('Alexander Lukashenko');
    expect(alertEntityName(alert({ location: 'evidence[e1].attributedTo.entity' }))).toBe('Alexander Lukashenko');
    // A name found in a text, and a misdeclared-goods alert's item description: no entity page.
    expect(alertEntityName(alert({ location: 'text' }))).toBeUndefined();
    expect(alertEntityName(alert({ location: 'claims[c1].statement' }))).toBeUndefined();
    expect(alertEntityName(alert({ location: 'claims[c1].item', queryName: 'aircraft parts' }))).toBeUndefined();
    expect(alertListEntry(alert({}))).toEqual({ listId: 'ofac-sdn', entryId: '36029' });
    expect(alertListEntry(alert({ listId: 'reference', entryId: 'misdeclared:c1' }))).toBeUndefined();
    expect(alertListEntry(alert({ entryId: 'party:p1' }))).toBeUndefined();
    expect(alertListEntry(alert({ entryId: 'diversion:CN → KZ → RU aircraft' }))).toBeUndefined();
  });
});

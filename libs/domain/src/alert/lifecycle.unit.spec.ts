import fc from 'fast-check';
import { AlertEvents, type AlertReviewStatus, type AlertSupersededV1 } from './events';
import { decideOnMatch, foldAlert, type MatchDecision } from './lifecycle';

const alertId = 'a';
const raised = { type: AlertEvents.AlertRaised.type, payload: { alertId } };
const reviewed = (status: AlertReviewStatus) => ({ type: AlertEvents.AlertReviewed.type, payload: { alertId, status, reason: 'r' } });
const superseded = (reason: AlertSupersededV1['reason']) => ({ type: AlertEvents.AlertSuperseded.type, payload: { alertId, reason } });
const reopened = { type: AlertEvents.AlertReopened.type, payload: { alertId, lifts: 'entry-delisted' } };

describe('alert lifecycle: foldAlert', () => {
  it('folds raise, review, supersession and reopening', () => {
    expect(foldAlert([])).toBeUndefined();
    expect(foldAlert([raised])).toEqual({ status: 'open' });
    expect(foldAlert([raised, reviewed('confirmed')])).toEqual({ status: 'confirmed', reviewStatus: 'confirmed' });
    expect(foldAlert([raised, superseded('entry-delisted')])).toEqual({ status: 'superseded', supersededReason: 'entry-delisted' });
    // A review of a superseded alert is kept, the alert stays superseded (as the processor writes the row).
    expect(foldAlert([raised, superseded('entry-delisted'), reviewed('acknowledged')])).toEqual({
      status: 'superseded',
      supersededReason: 'entry-delisted',
      reviewStatus: 'acknowledged',
    });
    expect(foldAlert([raised, superseded('entry-delisted'), reopened])).toEqual({ status: 'open' });
    expect(foldAlert([raised, reviewed('dismissed'), superseded('entry-delisted'), reopened])).toEqual({
      status: 'dismissed',
      reviewStatus: 'dismissed',
    });
  });

  it('folds the events after a snapshot onto it as the whole stream folds', () => {
    const later = fc.oneof(
      fc.constantFrom<AlertReviewStatus>('acknowledged', 'confirmed', 'dismissed').map(reviewed),
      fc.constantFrom<AlertSupersededV1['reason']>('entry-delisted', 'report-amended', 'report-retracted').map(superseded),
      fc.constant(reopened),
    );
    fc.assert(
      fc.property(fc.array(later, { maxLength: 10 }), fc.nat(), (history, cut) => {
        const events = [raised, ...history];
        const at = cut % (events.length + 1);
        expect(foldAlert(events.slice(at), foldAlert(events.slice(0, at)))).toEqual(foldAlert(events));
      }),
    );
  });
});

describe('alert lifecycle: decideOnMatch', () => {
  it('raises a first alert unless the same name and entry were dismissed in the report', () => {
    expect(decideOnMatch(undefined, false)).toEqual({ action: 'raise' });
    expect(decideOnMatch(undefined, true)).toEqual({ action: 'none', why: 'dismissed-for-report' });
  });

  it('reopens an alert its entry’s delisting or amendment, or its report’s amendment, superseded, with its review status', () => {
    expect(decideOnMatch(foldAlert([raised, superseded('entry-delisted')]), false)).toEqual({
      action: 'reopen',
      lifts: 'entry-delisted',
      status: 'open',
    });
    expect(decideOnMatch(foldAlert([raised, superseded('entry-amended')]), false)).toEqual({
      action: 'reopen',
      lifts: 'entry-amended',
      status: 'open',
    });
    expect(decideOnMatch(foldAlert([raised, reviewed('dismissed'), superseded('report-amended')]), false)).toEqual({
      action: 'reopen',
      lifts: 'report-amended',
      status: 'dismissed',
    });
    expect(decideOnMatch(foldAlert([raised, reviewed('confirmed'), superseded('entry-delisted')]), true)).toEqual({
      action: 'reopen',
      lifts: 'entry-delisted',
      status: 'confirmed',
    });
  });

  it('leaves an alert in force, or one its report’s retraction superseded', () => {
    expect(decideOnMatch(foldAlert([raised]), false)).toEqual({ action: 'none', why: 'in-force' });
    expect(decideOnMatch(foldAlert([raised, reviewed('dismissed')]), true)).toEqual({ action: 'none', why: 'in-force' });
    expect(decideOnMatch(foldAlert([raised, superseded('report-retracted')]), false)).toEqual({ action: 'none', why: 'report-retracted' });
  });

  it('after any history, acting on a match leaves exactly one alert in force unless the report was retracted', () => {
    const later = fc.oneof(
      fc.constantFrom<AlertReviewStatus>('acknowledged', 'confirmed', 'dismissed').map(reviewed),
      fc.constantFrom<AlertSupersededV1['reason']>('entry-delisted', 'entry-amended', 'report-amended').map(superseded),
    );
    fc.assert(
      fc.property(fc.array(later, { maxLength: 8 }), fc.boolean(), (history, dismissedForReport) => {
        const events: Array<{ type: string; payload: unknown }> = [raised, ...history];
        const decision: MatchDecision = decideOnMatch(foldAlert(events), dismissedForReport);
        if (decision.action === 'reopen')
          events.push({ type: AlertEvents.AlertReopened.type, payload: { alertId, lifts: decision.lifts } });
        const after = foldAlert(events)!;
        expect(after.status).not.toBe('superseded');
        if (decision.action === 'reopen') expect(after.status).toBe(decision.status);
        // Deciding again on the same match does nothing more: a redelivery reopens nothing twice.
        expect(decideOnMatch(after, dismissedForReport)).toEqual({ action: 'none', why: 'in-force' });
      }),
    );
  });
});

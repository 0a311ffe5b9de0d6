import fc from 'fast-check';
import { ALERT_SUPERSEDED_REASONS, AlertEvents, type AlertReviewStatus, type AlertSupersededV1 } from './events';
import { foldAlert } from './lifecycle';
import { decideReview } from './review';

const alertId = 'a';
const raised = { type: AlertEvents.AlertRaised.type, payload: { alertId } };
const history = fc.array(
  fc.oneof(
    fc
      .constantFrom<AlertReviewStatus>('acknowledged', 'confirmed', 'dismissed')
      .map((status) => ({ type: AlertEvents.AlertReviewed.type, payload: { alertId, status, reason: 'r' } })),
    fc
      .constantFrom<AlertSupersededV1['reason']>(...ALERT_SUPERSEDED_REASONS)
      .map((reason) => ({ type: AlertEvents.AlertSuperseded.type, payload: { alertId, reason } })),
  ),
  { maxLength: 6 },
);

describe('alert review rule: decideReview', () => {
  it('refuses a bad status, a blank reason and an unknown alert, in that order, naming the field', () => {
    expect(decideReview(undefined, { alertId, status: 'deleted' as AlertReviewStatus, reason: '' })).toMatchObject({
      action: 'refuse',
      code: 'invalid-payload',
      path: 'status',
    });
    expect(decideReview(foldAlert([raised]), { alertId, status: 'confirmed', reason: '  ' })).toMatchObject({
      action: 'refuse',
      code: 'invalid-payload',
      path: 'reason',
    });
    expect(decideReview(undefined, { alertId: 'x', status: 'confirmed', reason: 'r' })).toEqual({
      action: 'refuse',
      code: 'unknown-alert',
      message: 'no alert x',
    });
  });

  it('reviews any raised alert, superseded or not, with the status and reason given', () => {
    fc.assert(
      fc.property(
        history,
        fc.constantFrom<AlertReviewStatus>('acknowledged', 'confirmed', 'dismissed'),
        fc.string({ minLength: 1 }).filter((s) => s.trim() !== ''),
        (events, status, reason) => {
          expect(decideReview(foldAlert([raised, ...events]), { alertId, status, reason })).toEqual({
            action: 'review',
            event: { alertId, status, reason },
          });
        },
      ),
    );
  });
});

import { isDeepStrictEqual } from 'node:util';
import type { AlertRaisedV1, AlertSupersededV1 } from '@tm/domain';
import type { EventMetadata } from '@tm/event-store';
import type { AlertCandidate } from '@tm/screening';
import type { AlertWriter } from './alert-writer.service';

/** What the alert events about one decision answer to: the trigger and the event that caused it. */
export interface AlertOrigin {
  trigger: AlertRaisedV1['trigger'];
  cause: EventMetadata;
}

/** How `reconcileAlerts` treats the bases `T` of one rule (a diversion route, a CHPL surge). */
export interface ReconcileRule<T> {
  /** What an alert's id comes from (route, country and window): a found basis and an alert in force with one key are the same alert. */
  keyOf(basis: T): string;
  candidateOf(basis: T): AlertCandidate;
  /** The trigger and cause of the events written about `basis` (found now, or the basis of a stale alert). */
  originOf(basis: T): AlertOrigin;
  /**
   * Why an alert in force whose basis the rule no longer finds is superseded: `report-amended` when reports' claims
   * changed (a run of report events), `entry-delisted` / `entry-amended` after a list version (or a rebuild).
   */
  reason: Extract<AlertSupersededV1['reason'], 'entry-delisted' | 'entry-amended' | 'report-amended'>;
}

/**
 * Brings a rule's alerts in force in line with what the rule finds now (`found`), for rules whose alert id comes from
 * a key and whose basis may change under it (diversion routes, CHPL surges): a basis equal to its alert's is left
 * alone; a changed one updates its alert (`AlertBasisUpdated`, reason `rule.reason`, `entry-amended` for
 * `entry-delisted`: it still holds), so the alert always cites what holds now, whatever order the claims came in; a
 * new one raises its alert (or reopens it, superseded before); an alert in force whose key is no longer found is
 * superseded with `rule.reason`. `inForce` must hold only alerts the caller decided again (e.g. the routes through
 * changed legs). Idempotent: deciding again on the same claims writes nothing. The updates share one transaction
 * (`AlertWriter.updateBases`).
 * @returns the alerts raised, reopened or updated.
 */
export async function reconcileAlerts<T>(
  writer: AlertWriter,
  found: readonly T[],
  inForce: ReadonlyArray<{ alertId: string; basis: T }>,
  rule: ReconcileRule<T>,
): Promise<number> {
  const open = new Map(inForce.map((a) => [rule.keyOf(a.basis), a]));
  const changed = rule.reason === 'entry-delisted' ? 'entry-amended' : rule.reason;
  let done = 0;
  // The changed bases of alerts in force are written together (`updateBases`): a run changes many at once.
  const updates: Parameters<AlertWriter['updateBases']>[0][number][] = [];
  for (const basis of found) {
    const key = rule.keyOf(basis);
    const alert = open.get(key);
    open.delete(key);
    if (alert && isDeepStrictEqual(alert.basis, basis)) continue;
    const { trigger, cause } = rule.originOf(basis);
    if (alert) updates.push({ candidate: rule.candidateOf(basis), trigger, cause });
    else if (await writer.raise(rule.candidateOf(basis), trigger, cause)) done++;
  }
  done += await writer.updateBases(updates, changed);
  for (const stale of open.values())
    await writer.supersede('alert_id = $1', [stale.alertId], rule.reason, rule.originOf(stale.basis).cause);
  return done;
}

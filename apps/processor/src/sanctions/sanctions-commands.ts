import type { ImportSanctionsListV1, ReviewAlertsV1, ReviewAlertV1 } from '@tm/domain';
import type { Envelope } from '@tm/messaging';

/** `ImportSanctionsList` as dispatched on the in-process CommandBus. */
export class ImportSanctionsListCommand {
  readonly type = 'ImportSanctionsList' as const;
  constructor(
    readonly envelope: Envelope,
    readonly payload: ImportSanctionsListV1,
  ) {}
}

/** `ReviewAlert` as dispatched on the in-process CommandBus. */
export class ReviewAlertCommand {
  readonly type = 'ReviewAlert' as const;
  constructor(
    readonly envelope: Envelope,
    readonly payload: ReviewAlertV1,
  ) {}
}

/** `ReviewAlerts` (one review of many alerts, all or nothing) as dispatched on the in-process CommandBus. */
export class ReviewAlertsCommand {
  readonly type = 'ReviewAlerts' as const;
  constructor(
    readonly envelope: Envelope,
    readonly payload: ReviewAlertsV1,
  ) {}
}

/**
 * Command types of the commands topic that are not report commands, with their current schema version and class.
 * The commands consumer dispatches these before it tries the report upcasters.
 */
export const SANCTIONS_COMMAND_ROUTES: Record<string, { schemaVersion: number; build: (envelope: Envelope, payload: unknown) => object }> =
  {
    ImportSanctionsList: { schemaVersion: 1, build: (e, p) => new ImportSanctionsListCommand(e, p as ImportSanctionsListV1) },
    ReviewAlert: { schemaVersion: 1, build: (e, p) => new ReviewAlertCommand(e, p as ReviewAlertV1) },
    ReviewAlerts: { schemaVersion: 1, build: (e, p) => new ReviewAlertsCommand(e, p as ReviewAlertsV1) },
  };

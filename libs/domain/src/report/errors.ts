/**
 * A command the report aggregate refuses: a rule broken (`report-retracted`, `unknown-claim`, `duplicate-claim-id`…)
 * or an invalid payload (`invalid-payload`). `path` names the field at fault, e.g. `claims[1].date.edtf`.
 * Never worth a retry: the processor records the command as rejected and dead-letters it.
 */
export class ReportRuleError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly path?: string,
  ) {
    super(message);
    this.name = 'ReportRuleError';
  }
}

/** A message type no upcaster or handler knows. */
export class UnknownMessageTypeError extends Error {
  constructor(readonly messageType: string) {
    super(`unknown message type ${messageType}`);
    this.name = 'UnknownMessageTypeError';
  }
}

/** A schema version with no upcaster path to the current version (e.g. newer than this code knows). */
export class UnsupportedSchemaVersionError extends Error {
  constructor(
    readonly messageType: string,
    readonly schemaVersion: number,
    readonly current: number,
  ) {
    super(
      `${messageType} schema version ${schemaVersion} is not supported (current ${current}${schemaVersion > current ? '; written by a newer release' : ''})`,
    );
    this.name = 'UnsupportedSchemaVersionError';
  }
}

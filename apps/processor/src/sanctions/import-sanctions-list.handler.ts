import { Inject, Logger } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { Pool } from 'pg';
import { PG_POOL } from '@tm/database';
import { findCommandOutcome, recordCommandOutcome } from '@tm/event-store';
import { PermanentMessageError } from '@tm/messaging';
import { ENVIRONMENT, type Environment } from '@tm/platform';
import { importSanctionsList, ImportSuperseded, type ImportResult } from '@tm/sanctions';
import { ImportSanctionsListCommand } from './sanctions-commands';

/**
 * Runs `ImportSanctionsList` (see {@link importSanctionsList}) with the inbox: a processed command is a no-op, and
 * the outcome is recorded in the import's transaction. A failed import (source unreadable, file malformed, bad
 * request) is recorded as `rejected` with the reason and dead-lettered; the version in force stays.
 */
@CommandHandler(ImportSanctionsListCommand)
export class ImportSanctionsListHandler implements ICommandHandler<ImportSanctionsListCommand, ImportResult | undefined> {
  private readonly logger = new Logger(ImportSanctionsListHandler.name);

  constructor(
    @Inject(PG_POOL) private readonly pool: Pool,
    @Inject(ENVIRONMENT) private readonly env: Environment,
  ) {}

  async execute({ envelope, payload }: ImportSanctionsListCommand): Promise<ImportResult | undefined> {
    if (await findCommandOutcome(this.pool, envelope.id)) return undefined;
    const aggregateId = typeof payload?.listId === 'string' ? payload.listId : 'unknown';
    let result: ImportResult;
    try {
      result = await importSanctionsList(
        this.pool,
        {
          listId: payload?.listId,
          sources: payload?.sources,
          format: payload?.format,
          version: payload?.version,
          allowOlder: payload?.allowOlder === true,
        },
        {
          importDir: this.env.SANCTIONS_IMPORT_DIR,
          maxBytes: this.env.SANCTIONS_DOWNLOAD_MAX_BYTES,
          timeoutMs: this.env.SANCTIONS_DOWNLOAD_TIMEOUT_MS,
          allowedAddresses: this.env.SANCTIONS_DOWNLOAD_ALLOWED_ADDRESSES,
          metadata: {
            commandId: envelope.id,
            correlationId: envelope.correlationId,
            causationId: envelope.id,
            actor: envelope.actor ?? 'anonymous',
          },
          onResult: (client, r) =>
            recordCommandOutcome(client, {
              commandId: envelope.id,
              commandType: 'ImportSanctionsList',
              aggregateId,
              status: r.status === 'failed' ? 'rejected' : 'succeeded',
              ...(r.status === 'failed' ? { reason: r.reason } : {}),
              ...(r.status !== 'unchanged' && r.globalPositions ? { globalPositions: r.globalPositions } : {}),
            }),
        },
      );
    } catch (error) {
      if (error instanceof ImportSuperseded) return undefined;
      throw error;
    }
    if (result.status === 'failed') {
      this.logger.warn(`import of ${aggregateId} failed: ${result.reason.code}: ${result.reason.message}`);
      throw new PermanentMessageError(`${result.reason.code}: ${result.reason.message}`, 'rejected');
    }
    this.logger.log(`list ${result.listId} ${result.status} at version ${result.version}`);
    return result;
  }
}

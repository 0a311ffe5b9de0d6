import { decide, foldReport, type ReportCommand } from '@tm/domain';
import type { NewEvent } from '@tm/event-store';
import type { ReportCommandMessage } from './commands/impl';

/** The report id the command targets (`unknown` when the payload has none; the rules then reject it). */
export function aggregateIdOf(command: ReportCommandMessage<unknown>): string {
  const reportId = (command.payload as { reportId?: unknown }).reportId;
  return typeof reportId === 'string' ? reportId : 'unknown';
}

/**
 * The events `command` produces on a report whose stream holds `stored` (`decide` of @tm/domain on their fold), each
 * with the command's metadata: command, correlation and causation ids, actor, and `acceptedAt` (when the API accepted
 * the command, for the POST → visible and POST → webhook latency metrics).
 * @throws ReportRuleError when the command breaks a rule of the report or its payload is invalid.
 */
export function decideReportCommand(
  command: ReportCommandMessage<unknown>,
  stored: Iterable<{ type: string; schemaVersion: number; payload: unknown }>,
): NewEvent[] {
  const { envelope } = command;
  const metadata = {
    commandId: envelope.id,
    correlationId: envelope.correlationId,
    causationId: envelope.id,
    actor: envelope.actor ?? 'anonymous',
    acceptedAt: envelope.occurredAt,
  };
  return decide({ type: command.type, payload: command.payload } as ReportCommand, foldReport(stored)).map((e) => ({ ...e, metadata }));
}

import {
  ReportCommands,
  reportUpcasters,
  UnknownMessageTypeError,
  UnsupportedSchemaVersionError,
  type ReportCommandType,
} from '@tm/domain';
import { PermanentMessageError, readEnvelopedMessage, type Envelope, type InboundMessage } from '@tm/messaging';
import { ReportCommandMessage } from '../reports/commands/impl';
import { ENTITY_COMMAND_ROUTES } from '../entities/entity-commands';
import { SANCTIONS_COMMAND_ROUTES } from '../sanctions/sanctions-commands';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A command read from the commands topic: a report command (batchable) or another command for the CommandBus. */
export type ParsedCommand =
  { kind: 'report'; envelope: Envelope; command: ReportCommandMessage<unknown> } | { kind: 'other'; envelope: Envelope; command: object };

/** True when `id` is a UUID (command ids are). */
export const isCommandId = (id: string | undefined): id is string => id !== undefined && UUID.test(id);

/**
 * Reads a commands-topic message (envelope in headers) into the command to dispatch: a sanctions or entity command at its
 * current schema version, or a report command upcast to the current schema version of its type.
 * @throws MalformedMessageError (unreadable message), PermanentMessageError with kind `malformed` (id not a UUID),
 *   `unknown-command-type` or `unsupported-schema-version`: all dead-lettered by the consumer.
 */
export function parseCommand(message: Pick<InboundMessage, 'headers' | 'value'>): ParsedCommand {
  const { envelope, payload } = readEnvelopedMessage(message);
  if (!isCommandId(envelope.id)) throw new PermanentMessageError(`message-id ${envelope.id} is not a UUID`, 'malformed');
  const own = (routes: typeof SANCTIONS_COMMAND_ROUTES) =>
    Object.prototype.hasOwnProperty.call(routes, envelope.type) ? routes[envelope.type] : undefined;
  const route = own(SANCTIONS_COMMAND_ROUTES) ?? own(ENTITY_COMMAND_ROUTES);
  if (route) {
    if (envelope.schemaVersion !== route.schemaVersion)
      throw new PermanentMessageError(
        `${envelope.type} schema version ${envelope.schemaVersion} is not supported (current ${route.schemaVersion})`,
        'unsupported-schema-version',
      );
    return { kind: 'other', envelope, command: route.build(envelope, payload) };
  }
  let current: unknown;
  try {
    current = reportUpcasters.upcast(envelope.type, envelope.schemaVersion, payload).payload;
  } catch (error) {
    if (error instanceof UnknownMessageTypeError)
      throw new PermanentMessageError(`unknown command type ${envelope.type}`, 'unknown-command-type');
    if (error instanceof UnsupportedSchemaVersionError) throw new PermanentMessageError(error.message, 'unsupported-schema-version');
    throw error;
  }
  if (!Object.prototype.hasOwnProperty.call(ReportCommands, envelope.type))
    throw new PermanentMessageError(`no handler for command type ${envelope.type}`, 'unknown-command-type');
  return { kind: 'report', envelope, command: new ReportCommandMessage(envelope.type as ReportCommandType, envelope, current) };
}

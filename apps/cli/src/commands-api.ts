import type { ApiClient } from './api-client';
import { CliError } from './cli-error';

/** `202` answer of every command endpoint. */
export interface CommandAccepted {
  commandId: string;
  aggregateId: string;
  links: Record<string, string>;
}

/** `GET /v1/commands/:id`. */
export interface CommandStatus {
  commandId: string;
  commandType?: string;
  aggregateId: string;
  status: 'pending' | 'succeeded' | 'rejected';
  globalPositions?: { first: number; last: number };
  reason?: { code: string; message: string; path?: string };
  [key: string]: unknown;
}

const POLL_MS = 100;

/**
 * Polls `GET /v1/commands/:id` until the command is no longer pending.
 * @throws CliError when it is still pending after `timeoutMs` (the processor is down or far behind).
 */
export async function waitForCommand(
  api: ApiClient,
  commandId: string,
  timeoutMs = 60_000,
  onPoll?: (status: CommandStatus) => void,
): Promise<CommandStatus> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const { body } = await api.get<CommandStatus>(`v1/commands/${encodeURIComponent(commandId)}`, [404]);
    if (body?.status && body.status !== 'pending') return body;
    if (body?.status) onPoll?.(body);
    if (Date.now() > deadline)
      throw new CliError(
        `command ${commandId} still pending after ${Math.round(timeoutMs / 1000)} s — is the processor running? (\`transfer-monitor health\`)`,
      );
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}

/**
 * Waits until the read models have applied the event at `position` (the API's `?minPosition=`, which waits up to
 * 5 s per request and says `X-Projection-Caught-Up`), asking again until `timeoutMs`.
 */
export async function waitForProjection(api: ApiClient, position: number, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const { headers } = await api.get(`v1/ledgers/RU?minPosition=${position}`);
    if (headers.get('x-projection-caught-up') !== 'false') return;
    if (Date.now() > deadline)
      throw new CliError(
        `the read models have not reached global position ${position} after ${Math.round(timeoutMs / 1000)} s — is the projector running? (\`transfer-monitor health\`)`,
      );
  }
}

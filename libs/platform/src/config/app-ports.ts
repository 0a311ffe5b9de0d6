import { environmentSpec } from './environment';

/**
 * Every app of the product, each with the environment variable that sets its HTTP port (`environmentSpec`), in the
 * order of their default ports (3000–3005): the one list that `npm start`, the CLI's `health`, the test stack, the
 * benchmarks and the fault test read.
 */
export const APP_PORT_VARIABLES = {
  api: 'API_PORT',
  processor: 'PROCESSOR_PORT',
  'outbox-relay': 'RELAY_PORT',
  projector: 'PROJECTOR_PORT',
  screening: 'SCREENING_PORT',
  notifier: 'NOTIFIER_PORT',
} as const;

/** An app's name (its folder under `apps/`), e.g. `outbox-relay`. */
export type AppName = keyof typeof APP_PORT_VARIABLES;

/** The port an app listens on when its variable is not set (`environmentSpec`'s default). */
export function defaultAppPort(app: AppName): number {
  return environmentSpec[APP_PORT_VARIABLES[app]].default as number;
}

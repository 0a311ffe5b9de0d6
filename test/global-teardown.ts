import { rm } from 'node:fs/promises';

/** Stops what test/global-setup.ts started and removes the run's data. */
export default async function globalTeardown(): Promise<void> {
  await globalThis.__TM_STACK__?.stop();
  if (globalThis.__TM_STACK_DIR__) await rm(globalThis.__TM_STACK_DIR__, { recursive: true, force: true });
  if (globalThis.__TM_BUILD_DIR__) await rm(globalThis.__TM_BUILD_DIR__, { recursive: true, force: true });
}

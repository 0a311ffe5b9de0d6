/** Stops what test/global-setup.ts started. */
export default async function globalTeardown(): Promise<void> {
  await globalThis.__TM_STACK__?.stop();
}

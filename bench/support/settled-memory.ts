/**
 * `process.memoryUsage()` once garbage is gone: two full collections a tick apart (needs `node --expose-gc`). A dead
 * typed array's backing store is freed after the collection that finds it dead, off the main thread, so one
 * collection can leave megabytes of it in `arrayBuffers` (an index build that grows its arrays left 14 MB).
 */
export async function settledMemory(): Promise<NodeJS.MemoryUsage> {
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  await new Promise((resolve) => setTimeout(resolve, 20));
  gc?.();
  return process.memoryUsage();
}

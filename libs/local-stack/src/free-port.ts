import { createServer } from 'node:net';

/**
 * Ports handed to the servers we start (apps, PostgreSQL, Kafka) come from below the kernel's ephemeral range
 * (32768–60999 on Linux): a port the kernel picked for `listen(0)` can be given to an outgoing connection before the
 * server binds it (a projector in the fault test found its port taken for a whole run).
 */
const LOWEST = 20_000;
const HIGHEST = 32_767;

function canListen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.unref();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

/**
 * Ports this process handed out: none is bound when it is handed out, so without this two calls could pick the same
 * one (a Kafka broker was once given one port for both of its listeners and refused to start).
 */
const handedOut = new Set<number>();

/**
 * A TCP port on 127.0.0.1 free now, outside the ephemeral range when one can be found there, and never one this process
 * handed out before (the caller binds it later, so "free now" alone would not keep two calls apart).
 */
export async function freePort(): Promise<number> {
  for (let attempt = 0; attempt < 50; attempt++) {
    const port = LOWEST + Math.floor(Math.random() * (HIGHEST - LOWEST + 1));
    if (handedOut.has(port)) continue;
    handedOut.add(port);
    if (await canListen(port)) return port;
  }
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      handedOut.add(port);
      server.close(() => resolve(port));
    });
  });
}

/** Whether a process with this pid is alive. */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

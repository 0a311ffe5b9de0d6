import { readdirSync, readFileSync } from 'node:fs';
import { localDir } from '@tm/local-stack';
import type { RunningApps } from './apps';

/** Clock ticks per second of /proc/<pid>/stat times (USER_HZ, 100 on Linux). */
const TICKS_PER_SECOND = 100;

/** CPU seconds of `pid` so far; with `reaped`, also those of its children that ended and were waited for. */
function cpuSecondsOf(pid: number, reaped = false): number {
  try {
    // Fields after the command name (which may hold spaces, hence the last ')'): utime is 14th, stime 15th overall,
    // cutime and cstime (ended children's, once waited for) 16th and 17th.
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const own = Number(fields[11]) + Number(fields[12]);
    return (reaped ? own + Number(fields[13]) + Number(fields[14]) : own) / TICKS_PER_SECOND;
  } catch {
    return 0; // the process ended
  }
}

function processesNamed(pattern: RegExp): number[] {
  const pids: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (pattern.test(readFileSync(`/proc/${entry}/cmdline`, 'utf8'))) pids.push(Number(entry));
    } catch {
      // gone
    }
  }
  return pids;
}

/**
 * CPU seconds used so far by each app, by the bench's own PostgreSQL cluster ({@link benchPostgresCpuSeconds}) and
 * Kafka broker ({@link benchKafkaCpuSeconds}), and by this benchmark process (the load generator): read before and
 * after a window, their differences say where the machine's two cores went. Other clusters and brokers on the machine
 * (test runs) are not counted. With `BENCH_DATABASE_URL` / `BENCH_KAFKA_BROKERS` (services the bench did not start)
 * that service reads 0.
 */
export function cpuSnapshot(apps: RunningApps): Record<string, number> {
  const snapshot: Record<string, number> = {};
  for (const [name, child] of apps.processes) snapshot[name] = child.pid ? cpuSecondsOf(child.pid) : 0;
  snapshot.postgres = benchPostgresCpuSeconds();
  snapshot.kafka = benchKafkaCpuSeconds();
  snapshot['load generator'] = cpuSecondsOf(process.pid);
  return snapshot;
}

/**
 * CPU seconds used so far by the Kafka broker the bench started (its JVM, all threads: the pid in
 * `.local/bench/kafka/kafka/kafka.pid`, written by `startLocalKafka`); 0 when there is none.
 */
export function benchKafkaCpuSeconds(): number {
  try {
    return cpuSecondsOf(Number(readFileSync(localDir('bench', 'kafka', 'kafka', 'kafka.pid'), 'utf8')));
  } catch {
    return 0; // no broker of the bench's own
  }
}

/** CPU milliseconds per report of each process between two snapshots. */
export function cpuPerReport(before: Record<string, number>, after: Record<string, number>, reports: number): Record<string, number> {
  return Object.fromEntries(
    Object.keys(after).map((name) => [
      name,
      reports > 0 ? Math.round(((after[name]! - (before[name] ?? 0)) * 1000 * 10) / reports) / 10 : 0,
    ]),
  );
}

/**
 * CPU seconds per second of each process while nothing is offered (polling loops, consumer heartbeats, the broker's
 * own work), over `seconds`: what a window that lasts longer (a drain waiting for a slower consumer) spends on idling,
 * not on its reports (see `netCpuPerReport`).
 */
export async function idleCpuRates(apps: RunningApps, seconds: number): Promise<Record<string, number>> {
  const before = cpuSnapshot(apps);
  const t0 = performance.now();
  await new Promise((resolve) => setTimeout(resolve, seconds * 1000));
  const after = cpuSnapshot(apps);
  const elapsed = (performance.now() - t0) / 1000;
  return Object.fromEntries(Object.keys(after).map((name) => [name, (after[name]! - (before[name] ?? 0)) / elapsed]));
}

/**
 * `cpuPerReport` less each process's idle rate over the window's `seconds` (never below 0): the CPU the reports cost,
 * whatever the window's length.
 */
export function netCpuPerReport(
  before: Record<string, number>,
  after: Record<string, number>,
  reports: number,
  idle: Record<string, number>,
  seconds: number,
): Record<string, number> {
  const net = Object.fromEntries(
    Object.keys(after).map((name) => [name, Math.max(before[name] ?? 0, after[name]! - (idle[name] ?? 0) * seconds)]),
  );
  return cpuPerReport(before, net, reports);
}

function parentOf(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
  } catch {
    return 0;
  }
}

/**
 * CPU seconds used so far by the bench's own PostgreSQL cluster (the postmaster started under `.local/bench/postgres`
 * and its children: backends, WAL writer, checkpointer), not by other clusters on the machine (test runs). Backends
 * that ended are counted too (the postmaster waits for them: its cutime/cstime), so the figure only grows.
 */
export function benchPostgresCpuSeconds(): number {
  // This tree's .local/bench/postgres exactly (a bench run from another checkout has a path ending the same way).
  const root = `${localDir('bench', 'postgres')}/`.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const postmasters = new Set(processesNamed(new RegExp(root)));
  let seconds = [...postmasters].reduce((sum, pid) => sum + cpuSecondsOf(pid, true), 0);
  for (const pid of processesNamed(/^postgres/)) if (postmasters.has(parentOf(pid))) seconds += cpuSecondsOf(pid);
  return seconds;
}

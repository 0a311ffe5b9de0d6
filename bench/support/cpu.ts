import { readdirSync, readFileSync } from 'node:fs';
import type { RunningApps } from './apps';

/** Clock ticks per second of /proc/<pid>/stat times (USER_HZ, 100 on Linux). */
const TICKS_PER_SECOND = 100;

function cpuSecondsOf(pid: number): number {
  try {
    // Fields after the command name (which may hold spaces, hence the last ')'): utime is 14th, stime 15th overall.
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND;
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
 * CPU seconds used so far by each app, by every PostgreSQL process on the machine (the benchmark's cluster and its
 * backends; run it with no other cluster busy) and by the Kafka broker, and by this benchmark process (the load
 * generator): read before and after a window, their differences say where the machine's two cores went.
 */
export function cpuSnapshot(apps: RunningApps): Record<string, number> {
  const snapshot: Record<string, number> = {};
  for (const [name, child] of apps.processes) snapshot[name] = child.pid ? cpuSecondsOf(child.pid) : 0;
  snapshot.postgres = processesNamed(/^postgres: |bench\/postgres/).reduce((sum, pid) => sum + cpuSecondsOf(pid), 0);
  snapshot.kafka = processesNamed(/kafka\.Kafka/).reduce((sum, pid) => sum + cpuSecondsOf(pid), 0);
  snapshot['load generator'] = cpuSecondsOf(process.pid);
  return snapshot;
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
 * and its children: backends, WAL writer, checkpointer), not by other clusters on the machine (test runs). A backend
 * that ended between two readings takes its CPU with it: read around work done on long-lived connections.
 */
export function benchPostgresCpuSeconds(): number {
  const postmasters = new Set(processesNamed(/\.local\/bench\/postgres/));
  const pids = new Set(postmasters);
  for (const pid of processesNamed(/^postgres/)) if (postmasters.has(parentOf(pid))) pids.add(pid);
  return [...pids].reduce((sum, pid) => sum + cpuSecondsOf(pid), 0);
}

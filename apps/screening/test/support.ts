import { randomUUID } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import type { Admin } from 'kafkajs';
import type { Pool } from 'pg';
import { decide, foldReport, REPORT_STREAM_TYPE, reportStreamId, type ReportCommand } from '@tm/domain';
import { PG_POOL } from '@tm/database';
import { appendToStream, inTransaction, readStream } from '@tm/event-store';
import { createKafka, topicNames } from '@tm/messaging';
import type { Environment } from '@tm/platform';
import { importSanctionsList, type ImportResult } from '@tm/sanctions';
import { dataPath } from '@tm/screening';
import { createTestDatabase, useTestEnvironment, type TestDatabase } from '@tm/testing';

export const examplesFolder = join(__dirname, '..', '..', '..', 'examples', 'reports');

/** The article's example reports: file name and the body of `POST /v1/reports`. */
export function exampleReports(): Array<{ file: string; report: Record<string, unknown> }> {
  return readdirSync(examplesFolder)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((file) => ({
      file,
      report: (JSON.parse(readFileSync(join(examplesFolder, file), 'utf8')) as { report: Record<string, unknown> }).report,
    }));
}

/** Runs a report command the way the processor does (decide on the folded stream, append at the expected version). */
export async function runReportCommand(pool: Pool, command: ReportCommand): Promise<void> {
  const reportId = (command.payload as { reportId: string }).reportId;
  await inTransaction(pool, async (client) => {
    const stream = await readStream(client, reportStreamId(reportId));
    const events = decide(command, foldReport(stream.events));
    await appendToStream(
      client,
      reportStreamId(reportId),
      REPORT_STREAM_TYPE,
      stream.version === 0 ? 'no-stream' : stream.version,
      events.map((e) => ({ ...e, metadata: { actor: 'test' } })),
    );
  });
}

export async function submitExample(pool: Pool, report: Record<string, unknown>): Promise<string> {
  const reportId = randomUUID();
  await runReportCommand(pool, { type: 'SubmitReport', payload: { reportId, ...report } } as ReportCommand);
  return reportId;
}

export async function eventually<T>(read: () => Promise<T | undefined | false>, timeoutMs = 30_000, what = 'condition'): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    // A read that fails for a moment (a connection timeout on a loaded machine) is tried again until the deadline.
    const value = await read().catch((error: unknown) => {
      if (Date.now() > deadline) throw error;
      return undefined;
    });
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** True once every event in the store is published and the group committed past all of it. */
export async function caughtUp(admin: Admin, pool: Pool, groupId: string, topic: string): Promise<boolean> {
  const [ends, committed] = await Promise.all([admin.fetchTopicOffsets(topic), admin.fetchOffsets({ groupId, topics: [topic] })]);
  const published = ends.reduce((n, e) => n + Number(e.high), 0);
  const stored = Number((await pool.query<{ n: string }>('SELECT count(*) AS n FROM events')).rows[0]!.n);
  if (published < stored) return false;
  const done = new Map(committed[0]?.partitions.map((p) => [p.partition, BigInt(p.offset === '-1' ? '0' : p.offset)]) ?? []);
  return ends.every((end) => (done.get(end.partition) ?? 0n) >= BigInt(end.high));
}

/** The outbox relay and the screening app, started in this process, with a Kafka admin (see `startScreeningApps`). */
export interface ScreeningApps {
  /** Absent with `relay: false`: no stored event reaches the topic, the test hands them to the handler itself. */
  relay?: INestApplication;
  screening: INestApplication;
  /** The screening app's pool. */
  pool: Pool;
  admin: Admin;
  /** Resolves once screening consumed every stored event (`caughtUp`); throws after `timeoutMs`. */
  settled(timeoutMs?: number): Promise<boolean>;
  close(): Promise<void>;
}

/**
 * Starts the outbox relay (unless `relay` is false) and the screening app against `env` (already set by
 * `useTestEnvironment`).
 */
export async function startScreeningApps(env: Environment, { relay: withRelay = true } = {}): Promise<ScreeningApps> {
  const { OutboxRelayModule } = await import('../../outbox-relay/src/outbox-relay.module');
  const { ScreeningModule } = await import('../src/screening.module');
  const relay = withRelay
    ? (await Test.createTestingModule({ imports: [OutboxRelayModule] }).compile()).createNestApplication({ logger: false })
    : undefined;
  await relay?.init();
  const screening = (await Test.createTestingModule({ imports: [ScreeningModule] }).compile()).createNestApplication({ logger: false });
  await screening.init();
  const pool = screening.get<Pool>(PG_POOL);
  const admin = createKafka(env).admin();
  await admin.connect();
  const group = `${env.KAFKA_TOPIC_PREFIX}screening`;
  const topic = topicNames(env.KAFKA_TOPIC_PREFIX).events;
  return {
    relay,
    screening,
    pool,
    admin,
    settled: (timeoutMs = 45_000) => eventually(() => caughtUp(admin, pool, group, topic), timeoutMs, 'screening caught up'),
    close: async () => {
      await screening.close();
      await relay?.close();
      await admin.disconnect();
    },
  };
}

/** What `useScreeningStack` sets up for a suite (its fields are set in the suite's `beforeAll`). */
export interface ScreeningStack {
  /** The folder the suite's list files are written to: `SANCTIONS_IMPORT_DIR`. */
  importDir: string;
  database: TestDatabase;
  env: Environment;
  apps: ScreeningApps;
  /** The screening app's pool. */
  pool: Pool;
  /**
   * Imports a version of `listId` from `sources` (paths under `importDir`), expects it imported and waits until
   * screening consumed what it stored (with the relay).
   */
  importVersion(listId: string, sources: string[], version?: string): Promise<ImportResult>;
}

/**
 * Registers the `beforeAll` and `afterAll` of a suite screening against lists of its own: a fresh folder filled by
 * `writeLists`, a migrated test database, the environment (`SANCTIONS_IMPORT_DIR` that folder, plus `settings`), the
 * outbox relay (unless `options.relay` is false) and the screening app (`startScreeningApps`); all closed, dropped and
 * removed after the suite.
 */
export function useScreeningStack(
  prefix: string,
  writeLists: (importDir: string) => void,
  settings: Record<string, string> = {},
  options: { relay?: boolean } = {},
): ScreeningStack {
  const stack = {
    async importVersion(listId: string, sources: string[], version?: string): Promise<ImportResult> {
      const result = await importSanctionsList(
        stack.pool,
        { listId, sources, ...(version ? { version } : {}) },
        { importDir: stack.importDir, maxBytes: 50_000_000, timeoutMs: 10_000 },
      );
      expect(result.status).toBe('imported');
      if (stack.apps.relay) await stack.apps.settled();
      return result;
    },
  } as ScreeningStack;
  beforeAll(async () => {
    stack.importDir = mkdtempSync(join(tmpdir(), prefix));
    writeLists(stack.importDir);
    stack.database = await createTestDatabase();
    stack.env = useTestEnvironment(stack.database.url, { SANCTIONS_IMPORT_DIR: stack.importDir, ...settings });
    stack.apps = await startScreeningApps(stack.env, options);
    stack.pool = stack.apps.pool;
  }, 90_000);
  afterAll(async () => {
    await stack.apps?.close();
    await stack.database?.drop();
    if (stack.importDir) rmSync(stack.importDir, { recursive: true, force: true });
  });
  return stack;
}

/**
 * Writes the OFAC SDN 2024-05-03 rows (and their 2025-12 addresses) of Putin (35096, RUSSIA-EO14024) and Lukashenko
 * (9760, BELARUS) into `importDir`: one entry per program, so RU and BY are targeted with DIVERSION_PROGRAM_MIN_ENTRIES=1.
 */
export function writePutinAndLukashenko(importDir: string): void {
  const rows = (file: string) => readFileSync(file, 'latin1').split('\n');
  const pick = (lines: string[]) => lines.filter((l) => /^(9760|35096),/.test(l)).join('\n') + '\n';
  writeFileSync(join(importDir, 'sdn.csv'), pick(rows(dataPath('sanctions', 'ofac-sdn-2024-05-03', 'sdn.csv'))), 'latin1');
  writeFileSync(join(importDir, 'add.csv'), pick(rows(dataPath('sanctions', 'ofac-aliases-addresses-2025-12', 'add.csv'))), 'latin1');
}

import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createWriteStream, existsSync, readdirSync, readFileSync } from 'node:fs';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { Kafka, logLevel } from 'kafkajs';
import { isAlive } from './free-port';

/** The Apache Kafka version started locally: the newest that the project's kafkajs 2.2.4 tests pass against. */
export const KAFKA_VERSION = '4.4.0';
const LOG4J_VERSION = '2.24.3';
const SLF4J_VERSION = '2.0.17';

export interface LocalKafka {
  /** `127.0.0.1:<port>` */
  brokers: string[];
  stop(): Promise<void>;
}

function runtimePom(version: string): string {
  const dep = (g: string, a: string, v: string) =>
    `<dependency><groupId>${g}</groupId><artifactId>${a}</artifactId><version>${v}</version></dependency>`;
  return `<project xmlns="http://maven.apache.org/POM/4.0.0"><modelVersion>4.0.0</modelVersion>
<groupId>local.transfer-monitor</groupId><artifactId>kafka-runtime</artifactId><version>${version}</version><packaging>pom</packaging>
<dependencies>
${dep('org.apache.kafka', 'kafka_2.13', version)}
${dep('org.apache.logging.log4j', 'log4j-core', LOG4J_VERSION)}
${dep('org.apache.logging.log4j', 'log4j-slf4j2-impl', LOG4J_VERSION)}
${dep('org.slf4j', 'slf4j-api', SLF4J_VERSION)}
</dependencies></project>`;
}

const resolving = new Map<string, Promise<string>>();

/**
 * Resolves the broker's jars (org.apache.kafka:kafka_2.13 with its runtime dependencies, plus log4j2 as the
 * logging backend) from Maven Central with `mvn` into `<cacheDir>/<version>/libs`, once. Safe to call concurrently:
 * callers in one process share one resolution, and each process resolves into a staging folder it renames into
 * place, so a broker of a three-node cluster, or a test run beside `npm start`, never reads a half-written folder.
 * @returns the classpath folder.
 * @throws Error with Maven's output when resolution fails (no network, no mvn).
 */
export function resolveKafkaRuntime(cacheDir: string, version = KAFKA_VERSION): Promise<string> {
  const home = join(cacheDir, version);
  let resolution = resolving.get(home);
  if (!resolution) {
    resolution = resolveIntoPlace(home, version);
    resolving.set(home, resolution);
    resolution.catch(() => resolving.delete(home));
  }
  return resolution;
}

async function resolveIntoPlace(home: string, version: string): Promise<string> {
  const libs = join(home, 'libs');
  const resolved = () => existsSync(join(home, 'resolved'));
  if (resolved()) return libs;
  const staging = `${home}.staging-${process.pid}-${randomBytes(4).toString('hex')}`;
  await mkdir(staging, { recursive: true });
  try {
    await writeFile(join(staging, 'pom.xml'), runtimePom(version));
    const result = spawnSync(
      'mvn',
      ['-q', '-B', 'dependency:copy-dependencies', `-DoutputDirectory=${join(staging, 'libs')}`, '-DincludeScope=runtime'],
      { cwd: staging, encoding: 'utf8', env: process.env },
    );
    if (result.error) throw new Error(`cannot run mvn to fetch Apache Kafka ${version}: ${result.error.message}`);
    if (result.status !== 0) throw new Error(`mvn could not resolve Apache Kafka ${version}:\n${result.stdout}${result.stderr}`);
    await writeFile(join(staging, 'resolved'), new Date().toISOString());
    if (resolved()) return libs; // another process finished first
    await rm(home, { recursive: true, force: true }); // an unfinished folder of an older version of this code
    try {
      await rename(staging, home);
    } catch (error) {
      if (!resolved()) throw error;
    }
    return libs;
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
}

/** One node of a local multi-broker cluster: every node is broker and controller, `voters` lists them all. */
export interface LocalKafkaClusterNode {
  nodeId: number;
  /** `1@127.0.0.1:<controller port>,2@…`: the controller quorum, the same on every node. */
  voters: string;
  /** The cluster id every node is formatted with (22 characters base64url, e.g. `randomBytes(16).toString('base64url')`). */
  clusterId: string;
  /** Replicas of internal topics and `default.replication.factor`; `min.insync.replicas` is one less. */
  replicationFactor: number;
}

function serverProperties(dataDir: string, port: number, controllerPort: number, cluster?: LocalKafkaClusterNode): string {
  const replicas = cluster?.replicationFactor ?? 1;
  const minIsr = Math.max(1, replicas - 1);
  return [
    'process.roles=broker,controller',
    `node.id=${cluster?.nodeId ?? 1}`,
    `controller.quorum.voters=${cluster?.voters ?? `1@127.0.0.1:${controllerPort}`}`,
    `listeners=PLAINTEXT://127.0.0.1:${port},CONTROLLER://127.0.0.1:${controllerPort}`,
    `advertised.listeners=PLAINTEXT://127.0.0.1:${port}`,
    'controller.listener.names=CONTROLLER',
    'inter.broker.listener.name=PLAINTEXT',
    'listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT',
    `log.dirs=${join(dataDir, 'log')}`,
    // Topics are created explicitly by the apps, with their partition counts.
    'auto.create.topics.enable=false',
    'num.partitions=1',
    `default.replication.factor=${replicas}`,
    `min.insync.replicas=${minIsr}`,
    `offsets.topic.replication.factor=${replicas}`,
    'offsets.topic.num.partitions=10',
    `transaction.state.log.replication.factor=${replicas}`,
    `transaction.state.log.min.isr=${minIsr}`,
    'transaction.state.log.num.partitions=4',
    `share.coordinator.state.topic.replication.factor=${replicas}`,
    `share.coordinator.state.topic.min.isr=${minIsr}`,
    'group.initial.rebalance.delay.ms=0',
    'num.network.threads=2',
    'num.io.threads=4',
    'log.retention.hours=168',
    '',
  ].join('\n');
}

const LOG4J_CONFIG = `Configuration:
  Appenders:
    Console:
      name: STDOUT
      PatternLayout:
        Pattern: "[%d] %p %m (%c)%n"
  Loggers:
    Root:
      level: WARN
      AppenderRef:
        - ref: STDOUT
`;

function java(libs: string, args: string[]): string[] {
  return ['-cp', `${libs}/*`, ...args];
}

/** Formats the KRaft storage once (`kafka.tools.StorageTool format`); a formatted folder is kept. */
function formatStorage(libs: string, dataDir: string, propertiesFile: string, givenClusterId?: string): void {
  if (existsSync(join(dataDir, 'log', 'meta.properties'))) return;
  let clusterId = givenClusterId;
  if (!clusterId) {
    const id = spawnSync('java', java(libs, ['kafka.tools.StorageTool', 'random-uuid']), { encoding: 'utf8' });
    clusterId = id.stdout.trim().split('\n').pop();
    if (id.status !== 0 || !clusterId) throw new Error(`kafka StorageTool random-uuid failed: ${id.stderr}`);
  }
  const format = spawnSync('java', java(libs, ['kafka.tools.StorageTool', 'format', '-t', clusterId, '-c', propertiesFile]), {
    encoding: 'utf8',
  });
  if (format.status !== 0) throw new Error(`kafka StorageTool format failed: ${format.stdout}${format.stderr}`);
}

async function waitUntilReady(brokers: string[], child: ChildProcess, timeoutMs: number, logFile: string): Promise<void> {
  const kafka = new Kafka({
    clientId: 'local-stack',
    brokers,
    logLevel: logLevel.NOTHING,
    retry: { retries: 0 },
    connectionTimeout: 1_000,
  });
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the Kafka broker exited with code ${child.exitCode}; see ${logFile}`);
    const admin = kafka.admin();
    try {
      await admin.connect();
      await admin.listTopics();
      return;
    } catch {
      await sleep(250);
    } finally {
      await admin.disconnect().catch(() => undefined);
    }
  }
  throw new Error(`the Kafka broker did not answer within ${timeoutMs} ms; see ${logFile}`);
}

/** Kills a broker left running in `dataDir` by a process that died. */
export function stopStaleKafka(dataDir: string): void {
  const pidFile = join(dataDir, 'kafka.pid');
  if (!existsSync(pidFile)) return;
  const pid = Number(readFileSync(pidFile, 'utf8'));
  if (pid > 0 && isAlive(pid)) process.kill(pid, 'SIGKILL');
}

/**
 * Starts a real single-node Apache Kafka broker in KRaft mode (`kafka.Kafka`, broker and controller in one
 * JVM) on 127.0.0.1:`port`, in its own process group, with its data in `dataDir`; waits until an admin client lists
 * topics. With `cluster` it starts one node of a cluster instead: start the nodes together, as a node answers only once
 * a majority of the controllers is up.
 * Needs Java 17+ and Maven (jars are fetched once into `cacheDir`). Stopping sends SIGTERM (a controlled
 * shutdown) and waits for the JVM to exit.
 */
export async function startLocalKafka(options: {
  dataDir: string;
  cacheDir: string;
  port: number;
  controllerPort: number;
  heapMb?: number;
  startTimeoutMs?: number;
  cluster?: LocalKafkaClusterNode;
}): Promise<LocalKafka> {
  const libs = await resolveKafkaRuntime(options.cacheDir);
  if (readdirSync(libs).length === 0) throw new Error(`no jars in ${libs}`);
  await mkdir(options.dataDir, { recursive: true });
  const pidFile = join(options.dataDir, 'kafka.pid');
  stopStaleKafka(options.dataDir);
  const propertiesFile = join(options.dataDir, 'server.properties');
  const log4jFile = join(options.dataDir, 'log4j2.yaml');
  await writeFile(propertiesFile, serverProperties(options.dataDir, options.port, options.controllerPort, options.cluster));
  await writeFile(log4jFile, LOG4J_CONFIG);
  formatStorage(libs, options.dataDir, propertiesFile, options.cluster?.clusterId);
  const logFile = join(options.dataDir, 'kafka.log');
  const out = createWriteStream(logFile, { flags: 'a' });
  const heap = options.heapMb ?? 512;
  const child = spawn(
    'java',
    [
      `-Xms${Math.min(256, heap)}m`,
      `-Xmx${heap}m`,
      `-Dlog4j2.configurationFile=${log4jFile}`,
      ...java(libs, ['kafka.Kafka', propertiesFile]),
    ],
    {
      stdio: ['ignore', 'pipe', 'pipe'],
      // Its own process group: a terminal's Ctrl-C reaches whoever started it, which stops it after its apps.
      detached: true,
    },
  );
  child.stdout!.pipe(out);
  child.stderr!.pipe(out);
  await writeFile(pidFile, String(child.pid));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const brokers = [`127.0.0.1:${options.port}`];
  try {
    await waitUntilReady(brokers, child, options.startTimeoutMs ?? 60_000, logFile);
  } catch (error) {
    child.kill('SIGKILL');
    throw error;
  }
  return {
    brokers,
    async stop() {
      if (child.exitCode !== null) return;
      child.kill('SIGTERM');
      const timedOut = await Promise.race([exited.then(() => false), sleep(20_000, undefined, { ref: false }).then(() => true)]);
      if (timedOut) {
        child.kill('SIGKILL');
        await exited;
      }
      await rm(pidFile, { force: true });
    },
  };
}

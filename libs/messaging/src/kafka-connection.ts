import { Inject, Injectable, Logger, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { Kafka, logLevel, type Admin, type Producer } from 'kafkajs';
import { Backoff, ENVIRONMENT, retryEverySeedOnce, Wakeup, type Environment } from '@tm/platform';
import { ensureTopics } from './topic-provisioner';
import { topicSpecs } from './topics';

/** Injection tokens: the kafkajs client, the shared idempotent producer, the {@link MessagingOptions}. */
export const KAFKA = Symbol('KAFKA');
export const KAFKA_PRODUCER = Symbol('KAFKA_PRODUCER');
export const MESSAGING_OPTIONS = Symbol('MESSAGING_OPTIONS');

/**
 * When an app gets its Kafka connection (topics provisioned, shared producer connected):
 * - `before-start`: during module init; a broker that does not answer fails the start (the supervisor restarts the app).
 * - `in-background`: the app starts without it and keeps trying with a capped backoff (the API: its reads need
 *   only PostgreSQL); until connected, {@link KafkaConnection.connected} is false.
 */
export type KafkaStartup = 'before-start' | 'in-background';

export interface MessagingOptions {
  startup: KafkaStartup;
  /** Background attempts: the first retry after `initialMs`, doubling up to `maxMs` (milliseconds). */
  backoff?: { initialMs: number; maxMs: number };
}

const DEFAULT_BACKOFF = { initialMs: 500, maxMs: 15_000 };

/** A snapshot for readiness probes and 503 answers. */
export interface KafkaConnectionStatus {
  connected: boolean;
  /** While not connected: what the last attempt failed with, or that the first is under way. */
  problem?: string;
  /** While waiting between attempts: milliseconds until the next one (0 while one runs). */
  nextAttemptInMs?: number;
}

/**
 * Owns the app's Kafka start-up: provisions the topics and connects the shared producer, either before the app
 * starts or in the background ({@link KafkaStartup}); disconnects the producer at shutdown. Background attempts
 * log one warning each; shutdown stops them (no timer or connection left behind).
 */
@Injectable()
export class KafkaConnection implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger(KafkaConnection.name);
  private readonly wakeup = new Wakeup();
  private state: 'connecting' | 'connected' | 'stopped' = 'connecting';
  private problem = 'the first connection attempt is under way';
  private nextAttemptAt = 0;
  private backoff?: Backoff;
  private background?: Promise<void>;
  private stop!: () => void;
  private readonly stopping = new Promise<void>((resolve) => (this.stop = resolve));

  constructor(
    @Inject(KAFKA) private readonly kafka: Kafka,
    @Inject(KAFKA_PRODUCER) private readonly producer: Producer,
    @Inject(ENVIRONMENT) private readonly env: Environment,
    @Inject(MESSAGING_OPTIONS) private readonly options: MessagingOptions,
  ) {}

  /** True once the topics exist and the producer is connected (it reconnects by itself after that). */
  get connected(): boolean {
    return this.state === 'connected';
  }

  /** Whether connected, and if not why and when the next attempt is (for `/health/ready` and 503 answers). */
  status(): KafkaConnectionStatus {
    if (this.connected) return { connected: true };
    return { connected: false, problem: this.problem, nextAttemptInMs: Math.max(0, this.nextAttemptAt - Date.now()) };
  }

  async onModuleInit(): Promise<void> {
    if (this.options.startup === 'before-start') {
      await this.provisionAndConnect(this.kafka.admin());
      this.state = 'connected';
      return;
    }
    // Its own client: no kafkajs error lines per attempt, one warning of ours instead; each attempt tries every seed.
    const brokers = [...this.env.KAFKA_BROKERS];
    const probe = new Kafka({
      clientId: `${this.env.KAFKA_CLIENT_ID}-connect`,
      brokers,
      connectionTimeout: this.env.KAFKA_CONNECT_TIMEOUT_MS,
      logLevel: logLevel.NOTHING,
      retry: retryEverySeedOnce(brokers),
    });
    // The first attempt before the app starts, so that with the broker up the app starts connected, as the others do.
    const delay = await this.attempt(probe, 1);
    if (delay !== undefined) this.background = this.retryInBackground(probe, delay);
  }

  async onApplicationShutdown(): Promise<void> {
    this.state = 'stopped';
    this.stop();
    this.wakeup.wake();
    await this.background; // an attempt under way ends within kafkajs' connection and request timeouts
    await this.producer.disconnect();
  }

  private async retryInBackground(probe: Kafka, firstDelay: number): Promise<void> {
    let delay: number | undefined = firstDelay;
    for (let attempt = 2; delay !== undefined && this.state === 'connecting'; attempt++) {
      await this.wakeup.wait(delay);
      delay = await this.attempt(probe, attempt);
    }
  }

  /** One try; the wait before the next (milliseconds), or undefined when connected or stopping. */
  private async attempt(probe: Kafka, attempt: number): Promise<number | undefined> {
    if (this.state !== 'connecting') return undefined;
    this.nextAttemptAt = 0;
    try {
      await this.provisionAndConnect(probe.admin());
      if (this.state === 'connecting') {
        this.state = 'connected';
        this.logger.log(`connected to Kafka at ${this.env.KAFKA_BROKERS.join(',')} (attempt ${attempt})`);
      }
      return undefined;
    } catch (error) {
      if (this.state !== 'connecting') return undefined;
      const { initialMs, maxMs } = this.options.backoff ?? DEFAULT_BACKOFF;
      const delay = (this.backoff ??= new Backoff(initialMs, maxMs)).next();
      this.problem = `attempt ${attempt} failed: ${(error as Error).message}`;
      this.nextAttemptAt = Date.now() + delay;
      this.logger.warn(
        `cannot reach Kafka at ${this.env.KAFKA_BROKERS.join(',')} (attempt ${attempt}): ${(error as Error).message}; next attempt in ${delay} ms`,
      );
      return delay;
    }
  }

  private async provisionAndConnect(admin: Admin): Promise<void> {
    try {
      await admin.connect();
      await ensureTopics(admin, topicSpecs(this.env));
    } finally {
      await admin.disconnect().catch(() => undefined);
    }
    if (this.options.startup === 'before-start') return this.producer.connect();
    // The broker just answered, so this is quick; should it vanish meanwhile, the producer retries without limit
    // (as its idempotence needs), so shutdown stops waiting for it rather than hanging.
    const connecting = this.producer.connect();
    connecting.catch(() => undefined);
    await Promise.race([connecting, this.stopping]);
  }
}

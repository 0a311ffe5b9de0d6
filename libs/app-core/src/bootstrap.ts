import 'reflect-metadata';
import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Logger } from 'nestjs-pino';
import type { KafkaStartup } from '@tm/messaging';
import { armShutdownDeadline, ConfigurationError, loadEnvironment, rootLogger, type Environment } from '@tm/platform';
import { checkKafka, checkPostgres, StartupCheckError } from './startup-checks';

export interface AppDefinition {
  /** Deployable name, written in every log line (`app`). */
  name: string;
  module: unknown;
  port: (env: Environment) => number;
  /**
   * `in-background`: start without waiting for Kafka (skips its start-up check); the app's module must then import
   * `CoreModule.forApp(name, { kafka: 'in-background' })` too. Default `before-start`: Kafka is checked first.
   */
  kafka?: KafkaStartup;
  /** Extra set-up before listening: pipes, OpenAPI, body limits. */
  configure?: (app: INestApplication, env: Environment) => void | Promise<void>;
}

/**
 * Starts one deployable: validates configuration, checks PostgreSQL (schema migrated) and Kafka (unless
 * `definition.kafka` is `in-background`), builds the Nest app with JSON logging and graceful shutdown
 * (SIGTERM/SIGINT finish in-flight work), and listens.
 * A configuration or dependency problem ends the process with exit code 1 and one log line saying what is
 * wrong, never a retry loop of stack traces.
 */
export async function bootstrapApp(definition: AppDefinition): Promise<INestApplication> {
  const log = rootLogger({ app: definition.name });
  let env: Environment;
  try {
    env = loadEnvironment();
    await Promise.all([checkPostgres(env), definition.kafka === 'in-background' ? undefined : checkKafka(env)]);
  } catch (error) {
    if (error instanceof ConfigurationError || error instanceof StartupCheckError) {
      log.fatal(error.message);
      process.exit(1);
    }
    throw error;
  }
  const app = await NestFactory.create(definition.module as never, { bufferLogs: true, abortOnError: false });
  app.useLogger(app.get(Logger));
  app.enableShutdownHooks();
  armShutdownDeadline(env.SHUTDOWN_TIMEOUT_MS, (signal) => {
    log.error(
      `${definition.name} did not finish its in-flight work within SHUTDOWN_TIMEOUT_MS (${env.SHUTDOWN_TIMEOUT_MS} ms) after ${signal}: exiting`,
    );
    process.exit(1);
  });
  await definition.configure?.(app, env);
  const port = definition.port(env);
  await app.listen(port, env.HTTP_HOST);
  app.get(Logger).log(`${definition.name} listening on http://${env.HTTP_HOST}:${port}`);
  return app;
}

/** Entry-point helper: runs {@link bootstrapApp} and turns an unexpected failure into exit code 1. */
export function runApp(definition: AppDefinition): void {
  bootstrapApp(definition).catch((error: unknown) => {
    rootLogger({ app: definition.name }).fatal({ err: error }, `${definition.name} failed to start: ${(error as Error)?.message ?? error}`);
    process.exit(1);
  });
}

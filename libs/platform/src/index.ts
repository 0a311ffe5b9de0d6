export * from './config/environment';
export * from './config/config.module';
export * from './logging/logging.module';
export * from './logging/correlation';
export * from './logging/root-logger';
export * from './health/health.controller';
export * from './health/dependency-checks';
export * from './concurrency/wakeup';

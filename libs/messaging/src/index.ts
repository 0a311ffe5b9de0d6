export * from './topics';
export * from './topic-provisioner';
export * from './envelope';
export * from './errors';
export * from './dead-letter';
export * from './reliable-consumer';
export * from './kafka-logging';
export * from './messaging.module';

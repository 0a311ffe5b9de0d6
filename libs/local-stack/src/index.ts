export * from './free-port';
export * from './local-postgres';
export * from './local-kafka';
export * from './local-stack';
export * from './repo-root';
export * from './app-supervisor';

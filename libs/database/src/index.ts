export * from './pg-pool';
export * from './migrations';
export * from './database.module';

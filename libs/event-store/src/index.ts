export * from './types';
export * from './sql/append';
export * from './sql/read';
export * from './sql/checkpoints';
export * from './sql/command-log';
export * from './transaction';
export * from './savepoint';
export * from './group-commit';

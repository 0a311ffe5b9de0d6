export * from './fold';
export * from './postgres';

export * from './fold';
export * from './postgres';
export * from './queries';

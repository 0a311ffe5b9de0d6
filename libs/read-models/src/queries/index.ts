export * from './audit';
export * from './entities';
export * from './ledgers';
export * from './positions';
export * from './report-views';
export * from './timeline';
export * from './sanctions-lists';
export * from './alerts';

export * from './report-state';
export * from './item-category';
export * from './ledger';
export * from './timeline';
export * from './entities';
export * from './filters';
export * from './flows';
export * from './ledger-export';

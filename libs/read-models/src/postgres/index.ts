export * from './schema';
export * from './apply-events';
export * from './projection-versions';
export * from './live-projection';
export * from './rebuild';
export * from './as-of';
export * from './members';
export * from './flows';

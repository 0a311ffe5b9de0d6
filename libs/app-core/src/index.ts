export * from './core.module';
export * from './startup-checks';
export * from './bootstrap';

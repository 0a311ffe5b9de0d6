export * from './report/model';
export * from './report/events';
export * from './sanctions/events';
export * from './alert/events';

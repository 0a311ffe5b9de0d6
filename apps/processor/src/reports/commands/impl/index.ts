export * from './report-command';

export * from './confined-path';
export * from './fetch-source';
export * from './parse-files';

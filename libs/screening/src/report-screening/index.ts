export * from './screen-report';
export * from './report-targets';
export * from './country-qualifier';
export * from './screen-ownership';

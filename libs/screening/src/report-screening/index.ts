export * from './screen-report';
export * from './report-targets';
export * from './country-qualifier';
export * from './screen-ownership';
export * from './screen-front-company';
export * from './screen-misdeclared';

/**
 * One Jest run for every kind of test, told apart by suffix:
 *   *.unit.spec.ts  pure logic, no services
 *   *.int.spec.ts   against the real PostgreSQL and Kafka started by test/global-setup.ts
 *   *.e2e.spec.ts   the apps wired together through the real stack
 * `npm run test:unit` runs only the first kind, without starting any service.
 */
const { pathsToModuleNameMapper } = require('ts-jest');
const { compilerOptions } = require('./tsconfig.json');

const unitOnly = process.env.TEST_KIND === 'unit';

module.exports = {
  rootDir: '.',
  moduleFileExtensions: ['js', 'json', 'ts'],
  testRegex: unitOnly ? '.*\\.unit\\.spec\\.ts$' : '.*\\.(unit|int|e2e)\\.spec\\.ts$',
  // .local holds run-time data and scratch copies of the tree, never tests of this one.
  testPathIgnorePatterns: ['/node_modules/', '/dist/', '<rootDir>/.local/'],
  transform: { '^.+\\.ts$': 'ts-jest' },
  moduleNameMapper: pathsToModuleNameMapper(compilerOptions.paths, { prefix: '<rootDir>/' }),
  testEnvironment: 'node',
  globalSetup: unitOnly ? undefined : '<rootDir>/test/global-setup.ts',
  globalTeardown: unitOnly ? undefined : '<rootDir>/test/global-teardown.ts',
  testTimeout: 60_000,
  maxWorkers: 2,
};

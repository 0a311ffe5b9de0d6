import { readFileSync } from 'node:fs';
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

// The library graph (libs/libraries.json): a library's source imports only the libraries it lists, and no app; an
// app imports no other app. Tests and test support may also import @tm/testing and @tm/local-stack.
const { libraries } = JSON.parse(readFileSync(new URL('./libs/libraries.json', import.meta.url), 'utf8'));
const TEST_FILES = ['**/*.spec.ts', '**/test/**'];
const libraryGraph = Object.entries(libraries).map(([name, { dependsOn }]) => ({
  files: [`libs/${name}/src/**/*.ts`],
  ignores: TEST_FILES,
  rules: {
    'no-restricted-imports': [
      'error',
      {
        patterns: [
          {
            group: ['@tm/*', ...dependsOn.map((d) => `!@tm/${d}`)],
            message: `libs/${name} may import only ${dependsOn.map((d) => '@tm/' + d).join(', ') || 'no other library'} (libs/libraries.json)`,
          },
          { group: ['**/apps/**'], message: 'a library never imports an app' },
        ],
      },
    ],
  },
}));
const appBoundaries = {
  files: ['apps/*/src/**/*.ts'],
  ignores: TEST_FILES,
  rules: {
    'no-restricted-imports': [
      'error',
      {
        patterns: [
          {
            group: ['../../*/src/**', '**/apps/**', '**/libs/*/src/**'],
            message: 'an app imports libraries by their @tm/ name and no other app',
          },
          { group: ['kafkajs'], message: 'apps reach Kafka through @tm/messaging (KafkaConsumerModule, MessagePublisher), never kafkajs' },
        ],
      },
    ],
  },
};

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', '.local/**', 'coverage/**', '**/*.d.ts', 'eslint.config.mjs', 'jest.config.js'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' },
      ],
      'no-console': 'error',
    },
  },
  {
    files: ['**/*.spec.ts', 'test/**', 'bench/**', 'scripts/**'],
    rules: { 'no-console': 'off', '@typescript-eslint/no-non-null-assertion': 'off' },
  },
  ...libraryGraph,
  appBoundaries,
);

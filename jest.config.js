/** One runner for every tier: unit specs beside the code, integration tests under test/. */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/libs', '<rootDir>/services', '<rootDir>/test'],
  testMatch: ['**/*.spec.ts', '**/*.test.ts'],
  transform: {
    '^.+\\.ts$': [
      '@swc/jest',
      {
        jsc: {
          parser: { syntax: 'typescript', decorators: true },
          transform: { legacyDecorator: true, decoratorMetadata: true },
          target: 'es2022',
        },
        module: { type: 'commonjs' },
      },
    ],
  },
  moduleNameMapper: {
    '^@gazette-watch/(parser|contracts|config|messaging|persistence|testing|appointment-rules|subscriptions)$':
      '<rootDir>/libs/$1/src',
  },
  modulePathIgnorePatterns: ['<rootDir>/.*/dist/'],
};

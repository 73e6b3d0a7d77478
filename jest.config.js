/** Unit specs sit next to the code, integration specs (*.int-spec.ts) too; HTTP journeys live in test/. */
const swc = [
  '@swc/jest',
  {
    jsc: {
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true },
      target: 'es2022',
    },
    module: { type: 'commonjs' },
  },
];

module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/apps', '<rootDir>/libs', '<rootDir>/test'],
  testRegex: '\\.(spec|int-spec|e2e-spec)\\.ts$',
  transform: { '^.+\\.ts$': swc },
  moduleNameMapper: {
    '^@app/([a-z-]+)/testing$': '<rootDir>/libs/$1/src/testing/index.ts',
    '^@app/([a-z-]+)/contracts$': '<rootDir>/libs/$1/src/contracts/index.ts',
    '^@app/([a-z-]+)$': '<rootDir>/libs/$1/src/index.ts',
  },
  testTimeout: 60_000,
  maxWorkers: 2,
};

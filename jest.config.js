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
  roots: ['<rootDir>/apps', '<rootDir>/libs', '<rootDir>/test', '<rootDir>/bench'],
  testRegex: '\\.(spec|int-spec|e2e-spec)\\.ts$',
  transform: { '^.+\\.ts$': swc },
  moduleNameMapper: {
    '^@app/([a-z-]+)/testing$': '<rootDir>/libs/$1/src/testing/index.ts',
    '^@app/([a-z-]+)/contracts$': '<rootDir>/libs/$1/src/contracts/index.ts',
    '^@app/([a-z-]+)$': '<rootDir>/libs/$1/src/index.ts',
  },
  // Embedded databases start from an image of an initialised one (libs/platform/src/testing/pglite-template.ts).
  globalSetup: '<rootDir>/test/support/jest/global-setup.ts',
  setupFiles: ['<rootDir>/test/support/jest/setup.ts'],
  testTimeout: 60_000,
  maxWorkers: 2,
  // A worker keeps part of every file's memory (module registries, embedded databases, apps); over
  // a run its heap grew to 700 MB and its collections with it. A worker above this is replaced
  // after its file (README, "Development").
  workerIdleMemoryLimit: '256MB',
};

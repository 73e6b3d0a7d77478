/**
 * Module boundaries of design.md section 1, checked in CI (`npm run boundaries`).
 */
const MODULE_INTERNALS = '^libs/[^/]+/src/(?!index\\.ts$|contracts/)';

module.exports = {
  forbidden: [
    {
      name: 'apps-use-lib-index-only',
      comment: 'Apps import a lib only through its index.ts.',
      severity: 'error',
      from: { path: '^apps/' },
      to: { path: '^libs/[^/]+/src/(?!index\\.ts$)' },
    },
    {
      name: 'apps-do-not-import-apps',
      severity: 'error',
      from: { path: '^apps/([^/]+)/' },
      to: { path: '^apps/', pathNot: '^apps/$1/' },
    },
    {
      name: 'modules-use-contracts-only',
      comment: "A module never imports another module's internals: only its index.ts or contracts/.",
      severity: 'error',
      from: { path: '^libs/([^/]+)/' },
      // The platform's testing helpers are public to tests; production code may not use them (below).
      to: { path: MODULE_INTERNALS, pathNot: ['^libs/$1/', '^libs/platform/src/testing/index\\.ts$'] },
    },
    {
      name: 'libs-do-not-import-apps',
      severity: 'error',
      from: { path: '^libs/' },
      to: { path: '^apps/' },
    },
    {
      name: 'domain-is-pure',
      comment: 'domain/ is plain TypeScript: no framework, no database, no clock or id source, no other layer.',
      severity: 'error',
      from: { path: '^libs/[^/]+/src/domain/' },
      to: {
        path: [
          'node_modules/(@nestjs|typeorm|pg|@electric-sql|@eventstore|passport|class-validator|class-transformer|uuid)',
          '^libs/[^/]+/src/(application|projections|http|migrations)/',
        ],
      },
    },
    {
      name: 'domain-has-no-io',
      comment: 'Specs may use node:crypto to compute expected values.',
      severity: 'error',
      from: { path: '^libs/[^/]+/src/domain/', pathNot: '\\.spec\\.ts$' },
      to: { dependencyTypes: ['core'], path: '^(node:)?(crypto|fs|http|https|net|child_process)$' },
    },
    {
      name: 'http-talks-to-buses',
      comment: 'Controllers use the CommandBus/QueryBus, never repositories, read-model tables or the event store.',
      severity: 'error',
      from: { path: '^libs/(?!platform/)[^/]+/src/http/' },
      to: { path: ['node_modules/typeorm', '^libs/[^/]+/src/(projections|migrations)/'] },
    },
    {
      name: 'platform-is-domain-free',
      severity: 'error',
      from: { path: '^libs/platform/' },
      to: { path: '^libs/(?!platform/)' },
    },
    {
      name: 'production-code-does-not-import-tests',
      severity: 'error',
      from: { path: '^(apps|libs)/', pathNot: '(\\.(spec|int-spec|e2e-spec)\\.ts$|/testing/)' },
      to: { path: ['\\.(spec|int-spec|e2e-spec)\\.ts$', '^libs/[^/]+/src/testing/'] },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    exclude: { path: '(^dist/|^data/)' },
  },
};

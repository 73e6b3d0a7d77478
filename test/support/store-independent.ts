/**
 * Suites whose subject does not depend on which database holds the log (HTTP input handling,
 * scope and tenant checks, the API process's boot, the embedded database's images): CI runs them
 * in its PostgreSQL run and sets STORE_INDEPENDENT_SUITES=skip for its embedded-database run, to
 * stay within its time budget. A plain `npm test`, with or without a server, runs them.
 */
export const describeStoreIndependent: jest.Describe = process.env.STORE_INDEPENDENT_SUITES === 'skip' ? describe.skip : describe;

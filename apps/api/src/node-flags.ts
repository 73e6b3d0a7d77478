/**
 * The flags of the Node.js process that serves the API, wherever it is started: `npm start`,
 * `npm run start:prod`, the container's command and the benchmarks (node-flags.spec.ts keeps them
 * equal). ADR 024.
 *
 * `--max-semi-space-size=32`: a young generation of 32 MB semi-spaces instead of Node's 16 MB. A
 * write request allocates a few hundred kB that die young (the body, its DTO, events, rows read
 * back by the projections); with the default size a scavenge came every few dozen requests and
 * promoted what was still in flight, which the old generation then collected again.
 */
export const API_NODE_FLAGS: readonly string[] = ['--max-semi-space-size=32'];

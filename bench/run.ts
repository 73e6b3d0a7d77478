/**
 * `npm run bench`: the production build under load beside the baseline servers of
 * ../shared/bench/baseline, on the same PostgreSQL server, with the same load tool and settings.
 * Writes bench/results/<date>.json and docs/benchmarks.md. Sizes: see support/settings.ts.
 */
import 'reflect-metadata';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { measureListGrowth, probeWriteLatency, probeWriteLatencyByOrganizationSize, type WriteLatencyPoint } from './items/growth';
import { measureRefresh, measureSignIn } from './items/oauth';
import { measureReads } from './items/reads';
import { measureRebuild, type RebuildResult } from './items/rebuild';
import { measureWrites } from './items/write';
import { renderMarkdown } from './report/markdown';
import type { BenchResults } from './report/results';
import { AppContext } from './support/app-context';
import { findBaselineDir, seedBaseline, startBaseline } from './support/baseline';
import { serviceNodeFlags } from './support/service-flags';
import { snapshotBuild } from './support/build-snapshot';
import { BenchDatabases } from './support/databases';
import { topUpEvents } from './support/filler';
import { loadTool } from './support/load';
import { describeMachine } from './support/machine';
import { ServerProcess } from './support/processes';
import type { CostProbe } from './support/request-cost';
import { Seeder } from './support/seeder';
import { loadSettings } from './support/settings';

const ROOT = path.resolve(__dirname, '..');
const started = Date.now();
const log = (line: string) => process.stderr.write(`[${((Date.now() - started) / 1000).toFixed(0).padStart(4)} s] ${line}\n`);

async function main(): Promise<void> {
  const settings = loadSettings();
  const databases = new BenchDatabases(settings.serverUrl);
  const machine = await describeMachine(await databases.serverVersion());
  const servers: ServerProcess[] = [];
  // Figures so far: a run that fails late still leaves them in bench/results/ (no docs then).
  const partial: Record<string, unknown> = { date: new Date().toISOString(), machine, settings };
  let app: AppContext | undefined;
  const cleanUp = async () => {
    await app?.close().catch(() => undefined);
    for (const server of servers.reverse()) await server.stop();
    await databases.dropAll();
  };
  // An interrupted run still stops its servers and drops its databases.
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      log(`${signal}: cleaning up`);
      void cleanUp().finally(() => process.exit(130));
    });
  }
  try {
    const baselineDir = findBaselineDir();
    log(`baseline ${baselineDir}; load tool ${loadTool()}; ${JSON.stringify(settings)}`);
    const baselineUrl = await databases.create('baseline');
    await seedBaseline(baselineDir, baselineUrl);
    const build = snapshotBuild(ROOT);
    // The service runs as deployed, with its production Node flags; the baselines get the same.
    const nodeFlags = serviceNodeFlags(build);
    const readBaseline = await startBaseline(baselineDir, 'server.js', baselineUrl, nodeFlags);
    const writeBaseline = await startBaseline(baselineDir, 'server-write.js', baselineUrl, nodeFlags);
    servers.push(readBaseline, writeBaseline);

    const appUrl = await databases.create('app');
    // BENCH_CPU_PROF=<dir>: the service writes a V8 CPU profile there when it stops (where the time goes).
    const profile = process.env.BENCH_CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${path.resolve(process.env.BENCH_CPU_PROF)}`] : [];
    const service = await ServerProcess.start('api', [...nodeFlags, ...profile, path.join(build, 'apps/api/src/main.js')], { DATABASE_URL: appUrl, LOG_LEVEL: 'warn', HOST: '127.0.0.1' }, '/healthz');
    servers.push(service);
    app = await AppContext.open(appUrl);
    const databaseOf = new Map([
      [service, appUrl],
      [readBaseline, baselineUrl],
      [writeBaseline, baselineUrl],
    ]);
    const probe = (server: ServerProcess): CostProbe => ({
      pid: server.pid,
      serverUrl: settings.serverUrl,
      database: new URL(databaseOf.get(server)!).pathname.slice(1),
      ...(server === service ? { metricsUrl: `${service.url}/metrics` } : {}),
    });
    const ctx = { settings, service, log, probe };

    // Seed: organizations sharing the accounts, and one organization per list size.
    const seeder = new Seeder(app);
    const general = await seeder.signUp(settings.organizations, 'org', service.url);
    const listOrganizations = await seeder.signUp(settings.listSizes.length, 'list', service.url);
    listOrganizations.forEach((organization, i) => (organization.quota = settings.listSizes[i] - 1));
    const generalAccounts = Math.max(0, settings.accounts - settings.listSizes.reduce((a, b) => a + b, 0));
    general.forEach((organization, i) => (organization.quota = Math.floor(generalAccounts / general.length) + (i < generalAccounts % general.length ? 1 : 0)));
    const progress = (events: number) => log(`  seeded: ${events} events, ${seeder.pendingAccounts} accounts to go`);
    const fresh = async (label: string) => (await seeder.signUp(1, label, service.url))[0];

    const writeLatency: WriteLatencyPoint[] = (partial.writeLatency = []);
    const rebuilds: RebuildResult[] = (partial.rebuild = []);
    log(`seeding up to ${settings.smallStoreEvents} events`);
    await seeder.growUntilEvents(settings.smallStoreEvents, progress);
    await app.projectionsCaughtUp();
    const smallProbe = await fresh('probe-small');
    const smallSettled = await app.settle(log);
    writeLatency.push(await probeWriteLatency(ctx, smallProbe, await app.eventCount(), { afterCheckpoint: smallSettled }));
    log(`seeding the remaining ${seeder.pendingAccounts} accounts`);
    while (seeder.pendingAccounts > 0) {
      await seeder.grow(Math.max(1000, Math.ceil(seeder.pendingAccounts / 10)));
      progress(await app.eventCount());
    }
    const realEvents = await app.eventCount();
    log(`${realEvents} events from the commands; topping the log up to ${settings.rebuildStoreEvents}`);
    await topUpEvents(app, settings.rebuildStoreEvents, (events) => log(`  ${events} events`));
    await app.projectionsCaughtUp();
    log('7. rebuild');
    rebuilds.push(await measureRebuild(build, appUrl));
    log(`  ${JSON.stringify(rebuilds[0])}`);

    log('credentials');
    const members = seeder.spreadMembers(settings.credentials, general);
    const bearerTokens = await seeder.issueAccessTokens(members);
    const patHeaders = await seeder.createPats(members);
    // The families share one client, so one organization's members: the largest of all (a general
    // organization has ~45 members at full size, fewer than the families asked for).
    const familyOwner = seeder.organizations.reduce((a, b) => (b.members.length > a.members.length ? b : a));
    const refreshMembers = familyOwner.members.slice(0, settings.refreshFamilies).map((accountId) => ({ accountId, organizationId: familyOwner.organizationId }));
    const grant = await seeder.refreshTokens(refreshMembers, service.url);
    await app.projectionsCaughtUp();
    await app.analyze();
    const accountsSeeded = seeder.organizations.reduce((sum, o) => sum + o.members.length + 1, 0);
    const storeAfterSeeding = await app.eventCount();

    const { reads, write, refresh, signIn, list, writeLatencyByOrganization } = await app.closedWhile(async () => ({
      reads: (partial.reads = await measureReads(ctx, readBaseline, { bearerTokens, patHeaders })),
      write: (partial.write = await measureWrites(ctx, writeBaseline, general.map((o) => o.ownerToken))),
      refresh: (partial.refresh = await measureRefresh(ctx, grant)),
      signIn: (partial.signIn = await measureSignIn(ctx, general)),
      list: (partial.list = await measureListGrowth(ctx, listOrganizations)),
      writeLatencyByOrganization: (partial.writeLatencyByOrganization = await probeWriteLatencyByOrganizationSize(ctx, listOrganizations)),
    }));

    log(`topping the log up to ${settings.largeStoreEvents} events`);
    await topUpEvents(app, settings.largeStoreEvents, (events) => log(`  ${events} events`));
    await app.projectionsCaughtUp();
    // The store-size point is probed before the rebuild; a second probe shows the rebuild's after-effects apart.
    const largeProbe = await fresh('probe-large');
    const largeSettled = await app.settle(log);
    writeLatency.push(await probeWriteLatency(ctx, largeProbe, await app.eventCount(), { afterCheckpoint: largeSettled }));
    log('7. rebuild (large store)');
    rebuilds.push(await measureRebuild(build, appUrl));
    log(`  ${JSON.stringify(rebuilds[1])}`);
    writeLatency.push(await probeWriteLatency(ctx, await fresh('probe-rebuilt'), await app.eventCount(), { afterRebuild: true }));

    const results: BenchResults = {
      date: new Date().toISOString(),
      machine,
      method: {
        loadTool: loadTool(),
        connections: settings.connections,
        durationSeconds: settings.durationSeconds,
        warmupSeconds: settings.warmupSeconds,
        rounds: settings.rounds,
        quick: settings.quick,
        statistic: 'median of alternating A/B rounds; the load generator runs on the same machine',
        dataset: { organizations: seeder.organizations.length, accounts: accountsSeeded, accessTokens: bearerTokens.length, pats: patHeaders.length, refreshFamilies: grant.refreshTokens.length, eventsFromCommands: realEvents, storeEventsAfterSeeding: storeAfterSeeding },
        minutes: Math.round((Date.now() - started) / 6000) / 10,
        nodeFlags,
      },
      reads,
      write,
      refresh,
      signIn,
      rebuild: rebuilds,
      growth: { list, writeLatency, writeLatencyByOrganization },
    };
    writeResults(results);
  } catch (error) {
    const file = path.join(ROOT, 'bench', 'results', `${partial.date}-failed.json`.replace(/:/g, '-'));
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, `${JSON.stringify({ ...partial, error: String((error as Error).stack ?? error) }, null, 2)}\n`);
    log(`failed; the figures so far are in ${path.relative(process.cwd(), file)}`);
    throw error;
  } finally {
    await cleanUp();
  }
}

function writeResults(results: BenchResults): void {
  const file = path.join(ROOT, 'bench', 'results', `${results.date.slice(0, 10)}${results.method.quick ? '-quick' : ''}.json`);
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, `${JSON.stringify(results, null, 2)}\n`);
  log(`results: ${path.relative(process.cwd(), file)}`);
  if (results.method.quick && process.env.BENCH_WRITE_DOCS !== '1') {
    log('quick run: docs/benchmarks.md left as it is (BENCH_WRITE_DOCS=1 to write it)');
    return;
  }
  const docs = path.join(ROOT, 'docs', 'benchmarks.md');
  const { markdown, svg } = renderMarkdown(results, path.relative(path.dirname(docs), file));
  writeFileSync(docs, markdown);
  writeFileSync(path.join(ROOT, 'docs', 'benchmarks-ratios.svg'), svg);
  log(`docs: ${path.relative(process.cwd(), docs)}`);
}

main().catch((error: Error) => {
  process.stderr.write(`${error.stack ?? error}\n`);
  process.exitCode = 1;
});

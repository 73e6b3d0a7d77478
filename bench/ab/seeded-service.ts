import path from 'node:path';
import { AppContext } from '../support/app-context';
import { ServerProcess } from '../support/processes';
import { Seeder } from '../support/seeder';
import { serviceNodeFlags } from '../support/service-flags';
import { SCENARIOS, type Scenario, type ScenarioName } from './scenarios';

/**
 * A build of the service (a `bench:ab` snapshot folder) started on the database at `url`, with
 * the scenario's data seeded through it and the tables analyzed. The seeding context is a process
 * of the deployment too (a listener, a cache holder): it is closed before this returns, so that the
 * service runs alone (AppContext.closedWhile says why). On failure the service is stopped.
 */
export async function serveSeeded(buildDir: string, scenario: ScenarioName, url: string, nodeArgs: readonly string[] = []): Promise<{ service: ServerProcess; load: Scenario }> {
  // Each build runs with the Node flags it ships (none for builds from before them).
  const service = await ServerProcess.start('api', [...serviceNodeFlags(buildDir), ...nodeArgs, path.join(buildDir, 'apps/api/src/main.js')], { DATABASE_URL: url, LOG_LEVEL: 'warn', HOST: '127.0.0.1' }, '/healthz');
  try {
    const app = await AppContext.open(url);
    try {
      const load = await SCENARIOS[scenario](new Seeder(app), service.url);
      await app.projectionsCaughtUp();
      await app.analyze();
      return { service, load };
    } finally {
      await app.close();
    }
  } catch (error) {
    await service.stop();
    throw error;
  }
}

// A relative path: jest resolves the global setup's imports as Node does, without moduleNameMapper.
import { preparePgliteTemplate } from '../../../libs/platform/src/testing/pglite-template';

/** Once per run, before the test processes start. */
export default async function globalSetup(): Promise<void> {
  await preparePgliteTemplate();
}

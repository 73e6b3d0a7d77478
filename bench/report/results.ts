import type { ListPoint, OrganizationWritePoint, WriteLatencyPoint } from '../items/growth';
import type { SignInResult } from '../items/oauth';
import type { ReadResults } from '../items/reads';
import type { RebuildResult } from '../items/rebuild';
import type { MachineInfo } from '../support/machine';
import type { PairResult, Summary } from '../support/pairs';

/** The shape of bench/results/<date>.json. */
export interface BenchResults {
  readonly date: string;
  readonly machine: MachineInfo;
  readonly method: {
    readonly loadTool: string;
    readonly connections: number;
    readonly durationSeconds: number;
    readonly warmupSeconds: number;
    readonly rounds: number;
    readonly quick: boolean;
    readonly statistic: string;
    readonly dataset: Readonly<Record<string, number>>;
    readonly minutes: number;
    /** The Node.js flags of the service and the baselines; absent from runs before they had any. */
    readonly nodeFlags?: readonly string[];
  };
  readonly reads: ReadResults;
  readonly write: PairResult;
  readonly refresh: Summary;
  readonly signIn: SignInResult;
  /** After seeding, then with the log topped up to the large size. */
  readonly rebuild: readonly RebuildResult[];
  readonly growth: {
    readonly list: readonly ListPoint[];
    readonly writeLatency: readonly WriteLatencyPoint[];
    /** Absent from runs before it was measured. */
    readonly writeLatencyByOrganization?: readonly OrganizationWritePoint[];
  };
}

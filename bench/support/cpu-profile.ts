/**
 * Where a server's main thread spent its time, from a V8 CPU profile (`node --cpu-prof`, as
 * `bench:ab` writes with BENCH_CPU_PROF): the share of the sampled time each function took itself,
 * and each origin (a package, one of the service's libs or apps, a Node.js module, or one of V8's
 * own entries such as the garbage collector and idle time). Only the last `lastMs` of the profile
 * count, so that the seeding and warm-up before a load do not blur it.
 */
export interface CpuProfile {
  readonly nodes: readonly ProfileNode[];
  readonly startTime: number;
  readonly endTime: number;
  readonly samples: readonly number[];
  readonly timeDeltas: readonly number[];
}

export interface ProfileNode {
  readonly id: number;
  readonly callFrame: { readonly functionName: string; readonly url: string; readonly lineNumber: number };
}

export interface ProfileShare {
  readonly name: string;
  /** Of the sampled time in the window, 0 to 1. */
  readonly share: number;
}

export interface ProfileSummary {
  /** Milliseconds of samples in the window. */
  readonly sampledMs: number;
  readonly byOrigin: readonly ProfileShare[];
  readonly byFunction: readonly ProfileShare[];
}

/** The time of each sample runs to the next sample (the last one's to the profile's end), in microseconds. */
export function summarizeProfile(profile: CpuProfile, options: { lastMs?: number } = {}): ProfileSummary {
  const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
  const from = options.lastMs === undefined ? -Infinity : profile.endTime - options.lastMs * 1000;
  const times: number[] = [];
  let at = profile.startTime;
  for (const delta of profile.timeDeltas) times.push((at += delta));
  const byOrigin = new Map<string, number>();
  const byFunction = new Map<string, number>();
  let total = 0;
  profile.samples.forEach((id, index) => {
    if (times[index] < from) return;
    const duration = (index + 1 < times.length ? times[index + 1] : profile.endTime) - times[index];
    const node = nodes.get(id);
    if (!node || duration <= 0) return;
    add(byOrigin, originOf(node.callFrame), duration);
    add(byFunction, functionOf(node.callFrame), duration);
    total += duration;
  });
  return { sampledMs: total / 1000, byOrigin: shares(byOrigin, total), byFunction: shares(byFunction, total) };
}

/** `nm:<package>`, `<libs|apps>/<name>` for the service's code, `node:<module>`, or V8's own entry by its name. */
export function originOf({ functionName, url }: ProfileNode['callFrame']): string {
  if (!url) return functionName || '(native)';
  const dependency = /node_modules\/((?:@[^/]+\/)?[^/]+)\/(?!.*node_modules\/)/.exec(url);
  // A build copied under node_modules/.cache (bench:ab) is the service's code, not a package.
  if (dependency && !dependency[1].startsWith('.')) return `nm:${dependency[1]}`;
  const own = /\/((?:libs|apps)\/[^/]+)\//.exec(url);
  if (own) return own[1];
  if (url.startsWith('node:')) return `node:${url.slice('node:'.length).split('/')[0]}`;
  return url;
}

function functionOf(frame: ProfileNode['callFrame']): string {
  if (!frame.url) return frame.functionName || '(native)';
  const own = /\/((?:libs|apps)\/.*)$/.exec(frame.url);
  const dependency = /node_modules\/((?!\.)(?:@[^/]+\/)?[^/]+\/.*)$/.exec(frame.url);
  const file = dependency ? `nm:${dependency[1]}` : own ? own[1] : frame.url;
  return `${frame.functionName || '(anonymous)'} ${file}:${frame.lineNumber + 1}`;
}

function add(totals: Map<string, number>, key: string, duration: number): void {
  totals.set(key, (totals.get(key) ?? 0) + duration);
}

function shares(totals: ReadonlyMap<string, number>, total: number): ProfileShare[] {
  return [...totals].map(([name, time]) => ({ name, share: total > 0 ? time / total : 0 })).sort((a, b) => b.share - a.share || a.name.localeCompare(b.name));
}

import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import autocannon from 'autocannon';

/** One HTTP request shape; a load rotates through several so no single credential or row is hot. */
export interface RequestVariant {
  readonly headers: Readonly<Record<string, string>>;
  /** A body; `{{unique}}` is replaced by a fresh value on every request (for writes that must not repeat). */
  readonly body?: string;
}

export interface LoadSpec {
  readonly baseUrl: string;
  readonly method: 'GET' | 'POST';
  readonly path: string;
  readonly variants: readonly RequestVariant[];
  /** The status a successful reply has; other statuses are counted as failures. */
  readonly okStatus: number;
  readonly connections: number;
  readonly durationSeconds: number;
  /** At most this many requests a second over all connections (autocannon's overallRate); unset: as fast as answered. */
  readonly ratePerSecond?: number;
}

export interface LoadResult {
  /** Successful replies per second. */
  readonly requestsPerSecond: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly ok: number;
  readonly failed: number;
}

const WRK = '/usr/bin/wrk';

/** wrk when it is installed (both sides of a pair then use it), else autocannon in this process. */
export const loadTool = (): 'wrk' | 'autocannon' => (process.env.BENCH_LOAD_TOOL === 'autocannon' || !existsSync(WRK) ? 'autocannon' : 'wrk');

/** A paced load (`ratePerSecond`) always runs on autocannon: wrk sends as fast as it is answered. */
export function runLoad(spec: LoadSpec): Promise<LoadResult> {
  return loadTool() === 'wrk' && spec.ratePerSecond === undefined ? runWrk(spec) : runAutocannon(spec);
}

let uniqueCounter = 0;
const fillUnique = (body: string | undefined) => body?.replaceAll('{{unique}}', `${process.pid}-${Date.now().toString(36)}-${(uniqueCounter++).toString(36)}`);

async function runAutocannon(spec: LoadSpec): Promise<LoadResult> {
  let next = 0;
  const result = await autocannon({
    url: `${spec.baseUrl}${spec.path}`,
    method: spec.method,
    connections: spec.connections,
    duration: spec.durationSeconds,
    ...(spec.ratePerSecond !== undefined ? { overallRate: spec.ratePerSecond } : {}),
    requests: [
      {
        setupRequest: (request) => {
          const variant = spec.variants[next++ % spec.variants.length];
          return { ...request, method: spec.method, path: spec.path, headers: { ...variant.headers }, body: fillUnique(variant.body) };
        },
      },
    ],
  });
  const stats = (result as unknown as { statusCodeStats?: Record<string, { count: number }> }).statusCodeStats ?? {};
  const ok = stats[String(spec.okStatus)]?.count ?? 0;
  return {
    requestsPerSecond: ok / spec.durationSeconds,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    ok,
    failed: result.requests.total - ok + result.errors + result.timeouts,
  };
}

/** wrk with a Lua script that rotates the variants and counts statuses; latencies from --latency. */
async function runWrk(spec: LoadSpec): Promise<LoadResult> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'bench-wrk-'));
  try {
    const script = path.join(dir, 'requests.lua');
    writeFileSync(script, wrkScript(spec));
    const threads = Math.max(1, Math.min(os.cpus().length, spec.connections));
    const { stdout } = await promisify(execFile)(WRK, ['-t', String(threads), '-c', String(spec.connections), '-d', `${spec.durationSeconds}s`, '--latency', '-s', script, `${spec.baseUrl}${spec.path}`], {
      maxBuffer: 1 << 22,
    });
    const ms = (label: string) => {
      const match = new RegExp(`^\\s*${label}%\\s+([\\d.]+)(us|ms|s)`, 'm').exec(stdout);
      if (!match) return NaN;
      return Number(match[1]) * ({ us: 0.001, ms: 1, s: 1000 } as Record<string, number>)[match[2]];
    };
    const ok = Number(/^ok (\d+)/m.exec(stdout)?.[1] ?? 0);
    const total = Number(/(\d+) requests in/.exec(stdout)?.[1] ?? 0);
    return { requestsPerSecond: ok / spec.durationSeconds, p50Ms: ms('50'), p99Ms: ms('99'), ok, failed: total - ok };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function wrkScript(spec: LoadSpec): string {
  const lua = (text: string) => JSON.stringify(text); // JSON string escapes are valid Lua string escapes for our ASCII content
  const variants = spec.variants
    .map((v) => `{headers={${Object.entries(v.headers).map(([k, val]) => `[${lua(k)}]=${lua(val)}`).join(',')}}, body=${v.body === undefined ? 'nil' : lua(v.body)}}`)
    .join(',\n');
  return `
local variants = {${variants}}
-- ok is a global: done() reads each thread's count with thread:get, which sees globals only.
local n, counter = 0, 0
ok = 0
local oks = {}
setup = function(thread) table.insert(oks, thread) end
request = function()
  n = n + 1
  local v = variants[(n % #variants) + 1]
  local body = v.body
  if body then counter = counter + 1; body = body:gsub("{{unique}}", tostring(math.random(1, 2^30)) .. "-" .. counter) end
  return wrk.format(${lua(spec.method)}, ${lua(spec.path)}, v.headers, body)
end
response = function(status) if status == ${spec.okStatus} then ok = ok + 1 end end
done = function()
  local total = 0
  for _, thread in ipairs(oks) do total = total + thread:get("ok") end
  io.write("ok " .. total .. "\\n")
end
`;
}

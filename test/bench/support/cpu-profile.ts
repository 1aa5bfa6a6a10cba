import * as fs from 'node:fs';
import { Session } from 'node:inspector/promises';
import * as path from 'node:path';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

export interface CpuProfile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

export interface SelfTime {
  name: string;
  ms: number;
  share: number;
}

/** Samples this thread's CPU (V8's sampling profiler, what `node --cpu-prof` writes) while `work` runs. */
export async function profiled<T>(work: () => Promise<T>): Promise<{ result: T; profile: CpuProfile }> {
  const session = new Session();
  session.connect();
  try {
    await session.post('Profiler.enable');
    await session.post('Profiler.setSamplingInterval', { interval: 500 });
    await session.post('Profiler.start');
    const result = await work();
    const { profile } = (await session.post('Profiler.stop')) as { profile: CpuProfile };
    return { result, profile };
  } finally {
    session.disconnect();
  }
}

const ROOT = path.resolve(__dirname, '../../..');

/** Where a call frame lives: its package under node_modules, or its path in the repository. */
function place(url: string): string {
  if (!url) return '';
  const file = url.replace(/^file:\/\//, '');
  const modules = file.lastIndexOf('node_modules/');
  if (modules >= 0) {
    const rest = file.slice(modules + 'node_modules/'.length).split('/');
    const pkg = rest[0].startsWith('@') ? `${rest[0]}/${rest[1]}` : rest[0];
    return `${pkg}/${rest.slice(rest[0].startsWith('@') ? 2 : 1).join('/')}`;
  }
  return file.startsWith(ROOT) ? path.relative(ROOT, file) : file;
}

/**
 * Self time by function (name, file and line), largest first. Each sample counts for the mean
 * sampling interval: on a loaded machine the gaps between samples are the scheduler's, not the
 * sampled function's. The first sample (the profiler starting) is left out.
 */
export function selfTimes(profile: CpuProfile): SelfTime[] {
  const hits = new Map<number, number>();
  for (const node of profile.samples.slice(1)) hits.set(node, (hits.get(node) ?? 0) + 1);
  const samples = Math.max(1, profile.samples.length - 1);
  const msPerSample = (profile.endTime - profile.startTime) / 1000 / samples;
  const byFunction = new Map<string, number>();
  for (const node of profile.nodes) {
    const count = hits.get(node.id);
    if (!count) continue;
    const { functionName, url, lineNumber } = node.callFrame;
    const where = place(url);
    const name = `${functionName || '(anonymous)'}${where ? ` ${where}:${lineNumber + 1}` : ''}`;
    byFunction.set(name, (byFunction.get(name) ?? 0) + count);
  }
  return [...byFunction.entries()]
    .map(([name, count]) => ({ name, ms: count * msPerSample, share: count / samples }))
    .sort((a, b) => b.ms - a.ms);
}

/** Self time by package (or `(program)`, `(garbage collector)`, our own code), largest first. */
export function selfTimesByPackage(profile: CpuProfile): SelfTime[] {
  const grouped = new Map<string, SelfTime>();
  for (const entry of selfTimes(profile)) {
    const match = /^(.*?)(?: (\S+):\d+)?$/.exec(entry.name);
    const where = match?.[2];
    const key = !where
      ? entry.name
      : where.startsWith('node:')
        ? 'node (built-in)'
        : /^(libs|apps)\//.test(where)
          ? where.split('/').slice(0, 2).join('/')
          : where.startsWith('/')
            ? where
            : where.split('/')[0].startsWith('@')
              ? where.split('/').slice(0, 2).join('/')
              : where.split('/')[0];
    const current = grouped.get(key) ?? { name: key, ms: 0, share: 0 };
    current.ms += entry.ms;
    current.share += entry.share;
    grouped.set(key, current);
  }
  return [...grouped.values()].sort((a, b) => b.ms - a.ms);
}

export function writeProfile(profile: CpuProfile, file: string): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, JSON.stringify(profile));
}

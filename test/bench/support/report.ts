import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const REPORT = path.resolve(__dirname, '../../../docs/benchmarks.md');

export function machine(): string {
  const cpu = os.cpus()[0]?.model.trim() ?? 'unknown CPU';
  const memory = Math.round(os.totalmem() / 2 ** 30);
  return `${cpu}, ${os.cpus().length} cores, ${memory} GiB RAM, ${os.type()} ${os.release()}, Node ${process.version}`;
}

export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

/** Replaces (or appends) the section of docs/benchmarks.md that belongs to one benchmark. */
export function writeSection(name: string, body: string): void {
  const start = `<!-- bench:${name} -->`;
  const end = `<!-- /bench:${name} -->`;
  const section = `${start}\n${body.trim()}\n\nMeasured ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC on ${machine()}.\n${end}`;
  const current = fs.existsSync(REPORT)
    ? fs.readFileSync(REPORT, 'utf8')
    : '# Benchmarks\n\nEach section is rewritten by its `npm run bench:*` command.\n';
  const pattern = new RegExp(`${start}[\\s\\S]*?${end}`);
  fs.writeFileSync(
    REPORT,
    pattern.test(current) ? current.replace(pattern, section) : `${current.trimEnd()}\n\n${section}\n`,
  );
}

/**
 * `npm run bench:startup`: time from launching the server (as `npm start` does) until
 * /health/ready answers 200, on a fresh data folder (cold: initdb, migrations, demo seed) and on
 * an existing one (warm). Writes the figures to docs/benchmarks.md.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { freePort, spawnServer, waitUntilReady } from '../support/server-process';
import { percentile, writeSection } from './support/report';

const RUNS = Number(process.env.BENCH_RUNS ?? 3);

async function timeStart(dataDir: string): Promise<number> {
  const started = performance.now();
  const server = spawnServer(
    { GREENLIGHT_DATA_DIR: dataDir, GREENLIGHT_DB_PORT: String(await freePort()) },
    await freePort(),
  );
  await waitUntilReady(server, 120_000);
  const elapsed = performance.now() - started;
  server.child.kill('SIGTERM');
  const { code } = await server.exited;
  if (code !== 0) throw new Error(`server exited with ${code}:\n${server.output()}`);
  return elapsed;
}

async function main(): Promise<void> {
  const cold: number[] = [];
  const warm: number[] = [];
  for (let run = 0; run < RUNS; run++) {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'greenlight-bench-startup-'));
    try {
      cold.push(await timeStart(dataDir));
      warm.push(await timeStart(dataDir));
    } finally {
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
    console.log(
      `run ${run + 1}/${RUNS}: cold ${Math.round(cold.at(-1)!)} ms, warm ${Math.round(warm.at(-1)!)} ms`,
    );
  }
  const row = (name: string, values: number[]) =>
    `| ${name} | ${RUNS} | ${Math.round(percentile(values, 50))} | ${Math.round(Math.max(...values))} |`;
  writeSection(
    'startup',
    `## Start-up (\`npm run bench:startup\`)

Launch of the server entry point (what \`npm start\` runs) until \`GET /health/ready\` answers 200.
Cold: empty data folder (initdb, migrations, demo seed). Warm: the same folder again. Target: 20 s.

| start | runs | median ms | max ms |
| --- | ---: | ---: | ---: |
${row('cold (new data folder)', cold)}
${row('warm (existing data)', warm)}`,
  );
  console.log('written to docs/benchmarks.md');
}

void main().catch((error) => {
  console.error(error);
  process.exit(1);
});

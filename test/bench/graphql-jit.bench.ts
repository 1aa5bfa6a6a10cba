/**
 * `npm run bench:graphql-jit`: the web app's account list and account timeline executed in-process on
 * the API's own schema and resolvers (Nest's, with their guards, pipes, loaders and SQL), once by
 * graphql-js (what Apollo Server runs) and once by graphql-jit, alternating in the same run, each
 * answer serialised by JSON.stringify (graphql-jit's compiled serialiser refuses the custom DateTime
 * scalar). Reports the
 * server-side CPU time per execution, p50/p95 and throughput with 1 and with 8 concurrent
 * executions, and whether both executors give the same answer. No HTTP, no Apollo request pipeline:
 * what is left is execution and serialisation.
 * Needs the CRM benchmark's data: BENCH_DATA=<dir> as kept by `npm run bench:crm`.
 */
import { LoaderRegistry } from '@greenlight/common';
import { GraphQLSchemaHost } from '@nestjs/graphql';
import { execute, GraphQLFieldResolver, GraphQLSchema, isObjectType, parse, print } from 'graphql';
import { compileQuery, isCompiledQuery } from 'graphql-jit';
import { ClsService } from 'nestjs-cls';
import { AccountsListDocument, AccountTimelineDocument } from '../../apps/web/src/gql/graphql';
import { startBenchServer } from './support/bench-server';
import { percentile } from './support/report';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 3);
const ROUNDS = 2;

type Run = (variables: Record<string, unknown>) => Promise<string>;

interface Measured {
  executions: number;
  cpuMsPerExecution: number;
  latencies: number[];
  throughput: number;
}

async function measure(run: Run, variables: Record<string, unknown>[], concurrency: number): Promise<Measured> {
  const latencies: number[] = [];
  const cpu = process.cpuUsage();
  const started = performance.now();
  const until = started + SECONDS * 1000;
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (performance.now() < until) {
        const at = performance.now();
        await run(variables[next++ % variables.length]);
        latencies.push(performance.now() - at);
      }
    }),
  );
  const elapsed = (performance.now() - started) / 1000;
  const used = process.cpuUsage(cpu);
  return {
    executions: latencies.length,
    cpuMsPerExecution: (used.user + used.system) / 1000 / latencies.length,
    latencies,
    throughput: latencies.length / elapsed,
  };
}

/** How many times each field with its own resolver (Nest's) is resolved while `work` runs. */
async function resolverCalls(schema: GraphQLSchema, work: () => Promise<unknown>): Promise<Map<string, number>> {
  const calls = new Map<string, number>();
  const restore: (() => void)[] = [];
  for (const type of Object.values(schema.getTypeMap()))
    if (isObjectType(type) && !type.name.startsWith('__'))
      for (const field of Object.values(type.getFields())) {
        const resolve = field.resolve as GraphQLFieldResolver<unknown, unknown> | undefined;
        if (!resolve) continue;
        const name = `${type.name}.${field.name}`;
        field.resolve = (...args) => (calls.set(name, (calls.get(name) ?? 0) + 1), resolve(...args));
        restore.push(() => (field.resolve = resolve));
      }
  try {
    await work();
    return calls;
  } finally {
    for (const undo of restore) undo();
  }
}

async function main(): Promise<void> {
  if (!process.env.BENCH_DATA) throw new Error('Set BENCH_DATA to a folder holding the data of `npm run bench:crm`');
  const server = await startBenchServer({ dataDir: process.env.BENCH_DATA });
  try {
    const [{ accounts }] = await server.dataSource.query('SELECT count(*)::int AS accounts FROM account');
    if (accounts < 1000) throw new Error('No CRM benchmark data here: run `npm run bench:crm` with this BENCH_DATA first');
    const schema: GraphQLSchema = server.app.get(GraphQLSchemaHost).schema;
    const cls = server.app.get(ClsService);

    /**
     * One execution as a request has it: its own context and loaders, in its own request context,
     * signed in by the bearer token (the authorization guard of the root field reads it).
     */
    const inRequest = <T>(work: (context: object) => Promise<T>): Promise<T> =>
      cls.run(() => work({ req: { headers: { authorization: `Bearer ${server.token}` } }, res: {}, loaders: new LoaderRegistry() }));

    const executors = (text: string) => {
      const document = parse(text);
      const compiled = compileQuery(schema, document);
      if (!isCompiledQuery(compiled)) throw new Error(`graphql-jit cannot compile: ${JSON.stringify(compiled)}`);
      const js: Run = (variableValues) =>
        inRequest(async (contextValue) =>
          JSON.stringify(await execute({ schema, document, contextValue, variableValues })),
        );
      const jit: Run = (variables) =>
        inRequest(async (context) =>
          JSON.stringify(await compiled.query(undefined, context, variables)),
        );
      return { 'graphql-js': js, 'graphql-jit': jit };
    };

    const accountIds: string[] = (
      await server.dataSource.query('SELECT id FROM account ORDER BY random() LIMIT 200')
    ).map((row: { id: string }) => row.id);
    const listVariables: Record<string, unknown>[] = [];
    let after: string | undefined;
    for (let i = 0; i < 10; i++) {
      const variables = { first: 50, sortBy: 'NAME', sortDirection: 'ASC', withTotal: !after, ...(after ? { after } : {}) };
      listVariables.push(variables);
      after = (await server.graphql(print(AccountsListDocument), variables)).accounts.pageInfo.endCursor;
    }
    const documents = [
      { name: 'account list (50)', text: print(AccountsListDocument), variables: listVariables },
      {
        name: 'account timeline (25)',
        text: print(AccountTimelineDocument),
        variables: accountIds.map((id) => ({ id })),
      },
    ];

    const lines: string[] = [];
    for (const document of documents) {
      const runs = executors(document.text);
      const [js, jit] = await Promise.all(
        [runs['graphql-js'], runs['graphql-jit']].map((run) => run(document.variables[0])),
      );
      const same = JSON.stringify(JSON.parse(js)) === JSON.stringify(JSON.parse(jit));
      console.log(`${document.name}: ${js.length} bytes, the same answer from both: ${same ? 'yes' : 'NO'}`);
      const calls = await resolverCalls(schema, () => runs['graphql-js'](document.variables[0]));
      console.log(
        `  resolver calls per execution: ${[...calls.values()].reduce((sum, n) => sum + n, 0)} (${[...calls]
          .sort((a, b) => b[1] - a[1])
          .map(([name, n]) => `${name} ${n}`)
          .join(', ')})`,
      );
      const results = new Map<string, Measured[]>();
      for (const run of Object.values(runs)) await measure(run, document.variables, 8); // warm-up
      for (let round = 0; round < ROUNDS; round++)
        for (const concurrency of [1, 8])
          for (const [name, run] of Object.entries(runs)) {
            const key = `${name}|${concurrency}`;
            results.set(key, [...(results.get(key) ?? []), await measure(run, document.variables, concurrency)]);
          }
      for (const [key, rounds] of results) {
        const [name, concurrency] = key.split('|');
        const latencies = rounds.flatMap((r) => r.latencies);
        const executions = rounds.reduce((sum, r) => sum + r.executions, 0);
        const cpu = rounds.reduce((sum, r) => sum + r.cpuMsPerExecution * r.executions, 0) / executions;
        const throughput = rounds.reduce((sum, r) => sum + r.throughput, 0) / rounds.length;
        const line = `| ${document.name} | ${name} | ${concurrency} | ${executions} | ${cpu.toFixed(2)} | ${Math.round(throughput)} | ${percentile(latencies, 50).toFixed(1)} | ${percentile(latencies, 95).toFixed(1)} |`;
        lines.push(line);
        console.log(line);
      }
    }
    console.log(
      `\n| document | executor | concurrent | executions | CPU ms / execution | per s | p50 ms | p95 ms |\n| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |\n${lines.join('\n')}`,
    );
  } finally {
    await server.close();
  }
}

void main().catch((error) => {
  console.error(error);
  process.exit(1);
});

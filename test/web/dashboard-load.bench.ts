/**
 * `npm run bench:web` (not part of `npm test`): the time to the first dashboard chart and the size
 * of the production bundle, written to docs/benchmarks.md.
 */
import { Browser } from 'playwright-core';
import { percentile, writeSection } from '../bench/support/report';
import { TestApp } from '../support/test-app';
import { DEMO, launchBrowser, signedInPage, startWebApp } from './support/web-app';
import { bundleSizes, timeDashboardLoad } from './support/web-bench';

const LOADS = 5;

jest.setTimeout(180_000);

describe('web app benchmark: the dashboard', () => {
  let api: TestApp;
  let browser: Browser;
  beforeAll(async () => {
    [api, browser] = await Promise.all([startWebApp(), launchBrowser()]);
  });
  afterAll(async () => {
    await browser?.close();
    await api?.close();
  });

  it('measures the time to the first dashboard chart and the bundle size', async () => {
    const loads: { ms: number; assets: string[] }[] = [];
    for (let run = 0; run < LOADS; run++)
      loads.push(await timeDashboardLoad(browser, (b) => signedInPage(b, api, DEMO.executive)));
    const times = loads.map((load) => load.ms);
    const sizes = bundleSizes(loads[0]!.assets);
    const report = [
      '## Web app: time to first dashboard render (`npm run bench:web`)',
      '',
      "Navigation start to the first bar of the dashboard's pipeline chart in the page (`performance.now()`",
      'read by a MutationObserver set before any script runs), headless Chromium signed in as an executive,',
      'an empty browser cache on every load, against the production build served by the API',
      '(`NODE_ENV=production`) on the embedded PostgreSQL with the demo workspace, all on the same machine.',
      '',
      '| measure | value |',
      '| --- | --- |',
      `| first load | ${Math.round(times[0]!)} ms |`,
      `| median of ${LOADS} loads | ${Math.round(percentile(times, 50))} ms |`,
      `| slowest of ${LOADS} loads | ${Math.round(Math.max(...times))} ms |`,
      '',
      'Production bundle (`apps/web/dist`, each file gzipped at level 9):',
      '',
      '| what | gzip |',
      '| --- | --- |',
      `| entry (the script and stylesheet of index.html) | ${sizes.entry} |`,
      `| fetched before the first dashboard chart | ${sizes.loaded} |`,
      `| every JavaScript and CSS asset | ${sizes.all} |`,
    ].join('\n');
    console.log(report);
    writeSection('web', report);
    expect(times.every((ms) => ms > 0)).toBe(true);
  });
});

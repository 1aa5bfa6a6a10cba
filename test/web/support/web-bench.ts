import * as fs from 'node:fs';
import * as path from 'node:path';
import { gzipSync } from 'node:zlib';
import { Browser, Page } from 'playwright-core';
import { ROOT } from '../../support/server-process';

const DIST = path.join(ROOT, 'apps/web/dist');

function gzipBytes(file: string): number {
  return gzipSync(fs.readFileSync(path.join(DIST, file)), { level: 9 }).length;
}

function kib(bytes: number): string {
  return `${(bytes / 1024).toFixed(1)} KiB`;
}

/** Gzip sizes of the production build: the entry (index.html's script and stylesheet), every asset, and the given files. */
export function bundleSizes(loaded: string[]): { entry: string; all: string; loaded: string } {
  const html = fs.readFileSync(path.join(DIST, 'index.html'), 'utf8');
  const entry = [...html.matchAll(/(?:src|href)="\/(assets\/[^"]+\.(?:js|css))"/g)].map((match) => match[1]!);
  const all = fs
    .readdirSync(path.join(DIST, 'assets'))
    .filter((file) => /\.(js|css)$/.test(file))
    .map((file) => `assets/${file}`);
  const sum = (files: string[]) => files.reduce((total, file) => total + gzipBytes(file), 0);
  return {
    entry: kib(sum(entry)),
    all: kib(sum(all)),
    loaded: kib(sum(loaded.filter((file) => all.includes(file)))),
  };
}

/**
 * Records, inside the page, when the first bar of the dashboard's pipeline chart enters the DOM
 * (`performance.now()`, from navigation start), with a MutationObserver set before any script runs.
 */
export async function watchFirstChart(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const observer = new MutationObserver(() => {
      if (document.querySelector('[data-figure="pipeline"] .recharts-bar-rectangle')) {
        (window as unknown as { firstChartAt: number }).firstChartAt = performance.now();
        observer.disconnect();
      }
    });
    observer.observe(document, { childList: true, subtree: true });
  });
}

/** Loads the dashboard in a fresh context (empty cache); the time to its first chart and the assets it fetched. */
export async function timeDashboardLoad(
  browser: Browser,
  newSignedInPage: (browser: Browser) => Promise<Page>,
): Promise<{ ms: number; assets: string[] }> {
  const page = await newSignedInPage(browser);
  await watchFirstChart(page);
  await page.goto('/dashboard');
  await page.waitForFunction(
    () => (window as unknown as { firstChartAt?: number }).firstChartAt !== undefined,
    undefined,
    { timeout: 30_000 },
  );
  const ms = await page.evaluate(() => (window as unknown as { firstChartAt: number }).firstChartAt);
  const assets = await page.evaluate(() =>
    performance
      .getEntriesByType('resource')
      .map((entry) => new URL(entry.name).pathname.slice(1))
      .filter((name) => name.startsWith('assets/')),
  );
  await page.context().close();
  return { ms, assets };
}

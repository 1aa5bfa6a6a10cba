#!/usr/bin/env node
// Builds the web app (apps/web → apps/web/dist) when the build is missing or its sources changed
// since the last build: `npm start` runs it first, the browser tests too. The check hashes the
// sources (a few milliseconds); the build itself takes seconds.
const { spawnSync } = require('node:child_process');
const crypto = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..');
const WEB = path.join(ROOT, 'apps/web');
const DIST = path.join(WEB, 'dist');
const STAMP = path.join(DIST, '.source-hash');
const LOCK = path.join(WEB, '.build-lock');
const SKIP = new Set(['dist', 'node_modules', '.build-lock']);

function sourceFiles(dir) {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .filter((entry) => !SKIP.has(entry.name))
    .sort((a, b) => a.name.localeCompare(b.name))
    .flatMap((entry) => {
      const full = path.join(dir, entry.name);
      return entry.isDirectory() ? sourceFiles(full) : [full];
    });
}

function sourceHash() {
  const hash = crypto.createHash('sha256');
  for (const file of sourceFiles(WEB)) hash.update(path.relative(WEB, file)).update('\0').update(fs.readFileSync(file));
  for (const pkg of ['react', 'vite', 'urql', 'react-router', 'recharts', '@dnd-kit/core']) {
    const manifest = path.join(ROOT, 'node_modules', pkg, 'package.json');
    if (fs.existsSync(manifest)) hash.update(`${pkg}@${JSON.parse(fs.readFileSync(manifest, 'utf8')).version}`);
  }
  return hash.digest('hex');
}

function isFresh(hash) {
  try {
    return fs.readFileSync(STAMP, 'utf8') === hash && fs.existsSync(path.join(DIST, 'index.html'));
  } catch {
    return false;
  }
}

/** One build at a time across processes (parallel test workers, a server start). */
function withLock(work) {
  const deadline = Date.now() + 180_000;
  for (;;) {
    try {
      fs.mkdirSync(LOCK);
      break;
    } catch (error) {
      if (error.code !== 'EEXIST') throw error;
      const age = Date.now() - fs.statSync(LOCK, { throwIfNoEntry: false })?.mtimeMs;
      if (age > 180_000) fs.rmSync(LOCK, { recursive: true, force: true });
      if (Date.now() > deadline) throw new Error(`another web build holds ${LOCK}; remove it if no build is running`);
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 200);
    }
  }
  try {
    return work();
  } finally {
    fs.rmSync(LOCK, { recursive: true, force: true });
  }
}

/** Returns 'fresh', 'built' or 'unavailable' (no build tools and no build: the API still starts). */
function ensureWebBuild({ log = (line) => process.stdout.write(`${line}\n`) } = {}) {
  if (isFresh(sourceHash())) return 'fresh';
  return withLock(() => {
    const hash = sourceHash();
    if (isFresh(hash)) return 'fresh';
    const vite = path.join(ROOT, 'node_modules/vite/bin/vite.js');
    if (!fs.existsSync(vite)) {
      if (fs.existsSync(path.join(DIST, 'index.html'))) return 'fresh';
      log('  The web app is not built and Vite is not installed (npm ci with dev dependencies builds it): serving the API only.');
      return 'unavailable';
    }
    const started = Date.now();
    log('  Building the web app (its sources changed since the last build)…');
    const result = spawnSync(process.execPath, [vite, 'build', '--config', path.join(WEB, 'vite.config.mts'), '--logLevel', 'warn'], {
      cwd: ROOT,
      stdio: ['ignore', 'inherit', 'inherit'],
      env: { ...process.env, NODE_ENV: 'production' },
    });
    if (result.status !== 0) throw new Error(`the web app build failed (exit ${result.status})`);
    fs.writeFileSync(STAMP, hash);
    log(`  Web app built in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
    return 'built';
  });
}

module.exports = { ensureWebBuild, WEB_DIST: DIST };

if (require.main === module) {
  try {
    ensureWebBuild();
  } catch (error) {
    console.error(`  ${error.message}`);
    process.exit(1);
  }
}

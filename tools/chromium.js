#!/usr/bin/env node
// Finds the Chromium that the browser suites drive; run directly (`npm test`'s pretest step), it
// installs Debian's package when none is found and it runs as root, or stops with what to install.
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');

const CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome', '/usr/bin/google-chrome-stable'];

/** `CHROMIUM_PATH` when set, else the first installed candidate, else undefined. */
function findChromium() {
  if (process.env.CHROMIUM_PATH) return process.env.CHROMIUM_PATH;
  return CANDIDATES.find((file) => isExecutable(file));
}

function isExecutable(file) {
  try {
    fs.accessSync(file, fs.constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function ensureChromium() {
  const found = findChromium();
  if (found) {
    if (isExecutable(found)) return found;
    throw new Error(`CHROMIUM_PATH=${found} is not an executable file`);
  }
  const root = typeof process.getuid === 'function' && process.getuid() === 0;
  const apt = isExecutable('/usr/bin/apt-get');
  if (!root || !apt) {
    throw new Error(
      'The browser tests need Chromium: install it (Debian/Ubuntu: `sudo apt-get install -y chromium`) or set CHROMIUM_PATH to a Chromium or Chrome executable.',
    );
  }
  console.log('Chromium is missing: installing Debian’s chromium package for the browser tests…');
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
  execFileSync('apt-get', ['install', '-y', '-qq', '--no-install-recommends', 'chromium'], { stdio: 'inherit', env });
  const installed = findChromium();
  if (!installed) throw new Error('apt-get installed chromium, yet no Chromium executable was found');
  return installed;
}

module.exports = { findChromium, ensureChromium };

if (require.main === module) {
  try {
    ensureChromium();
  } catch (error) {
    console.error(error.message);
    process.exit(1);
  }
}

import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The version in the workspace's package.json. */
export const APP_VERSION: string = JSON.parse(readFileSync(join(__dirname, '../../../package.json'), 'utf8')).version;

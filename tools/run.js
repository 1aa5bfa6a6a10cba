#!/usr/bin/env node
// Runs a TypeScript entry point (server, CLI, benchmark) through SWC, without a build step.
const path = require('node:path');
process.env.SWC_NODE_PROJECT ??= path.join(__dirname, '..', 'tsconfig.json');
process.env.NX_NO_CLOUD ??= 'true';
require('@swc-node/register');
require('reflect-metadata'); // decorator metadata for NestJS, TypeORM and class-validator
const [entry] = process.argv.splice(2, 1);
require(path.resolve(entry));

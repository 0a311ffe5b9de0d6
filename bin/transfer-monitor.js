#!/usr/bin/env node
// The `transfer-monitor` command: runs the compiled CLI (apps/cli/src, built into dist/ by `npm run build`).
/* global require, __dirname, process */
/* eslint-disable @typescript-eslint/no-require-imports -- a plain CommonJS launcher, run by node as is */
const { existsSync } = require('node:fs');
const { join } = require('node:path');

const main = join(__dirname, '..', 'dist', 'apps', 'cli', 'src', 'main.js');
if (!existsSync(main)) {
  process.stderr.write('transfer-monitor: the CLI is not compiled yet — run `npm run build` first (npm start does it too)\n');
  process.exit(1);
}
require(main);

#!/usr/bin/env node
// The `kefu` command. Runs the TypeScript sources through tsx, so a fresh clone needs no build step.
require('tsx/cjs');
require('../src/cli.ts');

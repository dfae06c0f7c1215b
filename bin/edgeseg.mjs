#!/usr/bin/env node
// The CLI is TypeScript compiled by `npm run build` into dist/cli.mjs.
import { exitOnSignals, main } from '../dist/cli.mjs';

exitOnSignals(process);
process.exitCode = await main(process.argv.slice(2));

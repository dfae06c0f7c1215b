#!/usr/bin/env node
// The CLI is TypeScript compiled by `npm run build` into dist/cli.mjs.
import { main } from '../dist/cli.mjs';

process.exitCode = await main(process.argv.slice(2));

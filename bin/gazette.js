#!/usr/bin/env node
// A larger young generation: a build allocates many short-lived strings, and
// the default semi-space makes V8 collect them far too often.
import { setFlagsFromString } from 'node:v8';

setFlagsFromString('--max-semi-space-size=32');
const { main } = await import('../lib/cli.js');
process.exitCode = await main(process.argv.slice(2));

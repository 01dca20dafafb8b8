#!/usr/bin/env node
// A larger young generation: a build allocates many short-lived strings, and
// the default semi-space makes V8 collect them far too often.
import { setFlagsFromString } from 'node:v8';

setFlagsFromString('--max-semi-space-size=32');
// Output piped into a program that stops reading (`gazette check | head`) is
// not an error of gazette's: it ends quietly.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw error;
  });
}
const { main } = await import('../lib/cli.js');
process.exitCode = await main(process.argv.slice(2));

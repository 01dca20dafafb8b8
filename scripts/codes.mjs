#!/usr/bin/env node
// Prints the README's table of error codes from src/codes.ts (via the compiled
// lib/codes.js): `npm run codes`. test/codes.test.ts keeps the two equal.
import { CODES } from '../lib/codes.js';

export function codesTable(codes = CODES) {
  const rows = Object.entries(codes).map(
    ([code, [means, fix]]) => `| \`${code}\` | ${means} | ${fix} |`,
  );
  return ['| code | what it means | how to fix it |', '| --- | --- | --- |', ...rows].join('\n');
}

if (import.meta.url === `file://${process.argv[1]}`) console.log(codesTable());

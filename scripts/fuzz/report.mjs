// What a run prints: counts and speed, the codes the cases reached, the
// slowest cases with their size, and every failure with its seed, how to
// run it again and its minimal input.
import { showTree } from './tree.mjs';

const ms = (x) => `${Math.round(x)} ms`;

/** Prints the run; true when it found failures (or the harness broke). */
export function printSummary(s, log) {
  const rate = s.cases / (s.ms / 1000);
  log(
    `\nfuzz: ${s.cases} cases in ${(s.ms / 1000).toFixed(1)} s (${rate.toFixed(1)} cases/s), seed ${s.seed}`,
  );
  log(
    `  outcomes: ${s.outcomes.ok} built, ${s.outcomes.content} content errors, ${s.outcomes.usage} usage errors`,
  );
  log(`  codes reached: ${s.codes.size} (${[...s.codes].sort().join(', ')})`);
  log('  slowest cases:');
  for (const c of s.slowest.slice(0, 5)) {
    const parts = Object.entries(c.times)
      .map(([k, v]) => `${k} ${ms(v)}`)
      .join(', ');
    log(
      `    case ${c.index}: ${ms(c.ms)} (${parts}), ${(c.bytes / 1024).toFixed(0)} KiB: ${c.steps.join('; ').slice(0, 160)}`,
    );
  }
  if (s.known.length > 0) {
    log(`  known failures (scripts/fuzz/known.mjs): ${s.known.length}`);
    for (const k of s.known.slice(0, 10)) log(`    case ${k.index}: ${k.check}: ${k.reason}`);
  }
  for (const h of s.harness)
    log(`  HARNESS ERROR in case ${h.index} (${h.steps.join('; ')}):\n${h.error}`);
  if (s.failed.length === 0) {
    log(s.harness.length === 0 ? '  no failures' : '');
    return s.harness.length > 0;
  }
  const kinds = new Map();
  for (const f of s.failed)
    for (const x of f.failures) kinds.set(x.key, (kinds.get(x.key) ?? 0) + 1);
  log(`\n  ${s.failed.length} failing cases, ${kinds.size} kinds of failure:`);
  for (const [key, n] of kinds) log(`    ${n} × ${key}`);
  for (const f of s.failed.filter((x) => x.minimal)) {
    log(`\n✗ seed ${f.seed} case ${f.index} (${f.bytes} bytes; ${JSON.stringify(f.options)})`);
    log(`  mutations: ${f.steps.join('; ')}`);
    const shown = new Map();
    for (const x of f.failures) {
      const n = shown.get(x.check) ?? 0;
      shown.set(x.check, n + 1);
      if (n >= 2) continue;
      log(`  ${x.check}: ${x.message}`);
      if (x.detail !== undefined)
        log(
          indent(typeof x.detail === 'string' ? x.detail : JSON.stringify(x.detail), 4).slice(
            0,
            1500,
          ),
        );
    }
    for (const [check, n] of shown) if (n > 2) log(`  … and ${n - 2} more ${check}`);
    log(`  again: npm run fuzz -- --seed ${f.seed} --case ${f.index}`);
    log(
      `  minimal input for ${f.minimal.key} (${f.minimal.attempts} attempts${f.minimal.dir ? `; kept in ${f.minimal.dir}` : ''}):`,
    );
    log(showTree(f.minimal.tree));
  }
  return true;
}

export function printScaling(result, log) {
  const bad = result.rows.filter((r) => r.superlinear || r.failures.length > 0);
  log(`\nscaling: ${result.rows.length} operators at two sizes; base ${ms(result.baseline)}`);
  for (const r of bad) {
    log(
      `✗ ${r.op}: ${r.superlinear ? `×${r.ratio.toFixed(1)} for ×${(r.big / r.small).toFixed(0)} the size (${ms(r.ms[0])} → ${ms(r.ms[1])}, ${r.bytes[0]} → ${r.bytes[1]} bytes)` : ''} ${r.what}`,
    );
    for (const f of r.failures) log(`    ${f.check}: ${f.message}`);
  }
  if (bad.length === 0) log('  every operator grows linearly (or close enough)');
  return bad.length > 0;
}

const indent = (text, n) =>
  text
    .split('\n')
    .map((l) => `${' '.repeat(n)}${l}`)
    .join('\n');

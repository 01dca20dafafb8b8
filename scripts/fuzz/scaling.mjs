// Time that grows faster than the input: every scalable operator run on the
// base site at two sizes, n and 4n (the same mutation: the same random
// choices), timed (check + build, the faster of two runs). Linear work with
// the base's fixed cost beside it takes at most 4 times as long at 4n;
// quadratic work up to 16 times. A ratio over `limit` (6) is a failure when
// the large run takes long enough to measure (`floorMs`).
import { scaledCase } from './cases.mjs';
import { sizeOf } from './tree.mjs';

export async function scaling({
  executor,
  base,
  ops,
  seed = '1',
  factor = 4,
  limit = 6,
  floorMs = 300,
  log = () => {},
}) {
  const time = async (kase) => {
    let best = Infinity;
    let failures = [];
    for (let k = 0; k < 2; k++) {
      const r = await executor.run(kase);
      failures = r.failures;
      best = Math.min(best, (r.times.check ?? 0) + (r.times.build ?? 0) + (r.times.total ?? 0));
    }
    return { ms: best, failures };
  };
  const baseline = (
    await time({ tree: base, steps: [], options: { cache: false, cli: false, dev: false } })
  ).ms;
  const rows = [];
  for (const op of ops.filter((o) => o.scale)) {
    const big = op.scale[1];
    const small = Math.max(1, Math.round(big / factor));
    const a = scaledCase(base, op, seed, small);
    const b = scaledCase(base, op, seed, big);
    const ta = await time(a);
    const tb = await time(b);
    const grew = tb.ms / Math.max(ta.ms, 1);
    const row = {
      op: op.name,
      what: b.steps[0] ?? '(not applied)',
      small,
      big,
      bytes: [sizeOf(a.tree), sizeOf(b.tree)],
      ms: [ta.ms, tb.ms],
      ratio: grew,
      superlinear: grew > limit && tb.ms > floorMs,
      failures: [...ta.failures, ...tb.failures].filter((f) => f.check !== 'slow'),
    };
    rows.push(row);
    log(
      `${row.superlinear ? '✗' : ' '} ${op.name.padEnd(18)} ${String(small).padStart(8)} → ${String(big).padStart(8)}: ${Math.round(ta.ms)} → ${Math.round(tb.ms)} ms (×${grew.toFixed(1)}; the base takes ${Math.round(baseline)} ms)  ${row.what}`,
    );
  }
  return { baseline, rows };
}

// Cases: the base site with one to three mutations, each case made from the
// run's seed and its own number alone, so that `--seed S --case I` makes it
// again without the cases before it.
import { Random } from '../gen-site/random.mjs';
import { BODY_OPS } from './ops-body.mjs';
import { DATA_OPS } from './ops-data.mjs';
import { FRONT_OPS } from './ops-front.mjs';
import { TREE_OPS } from './ops-tree.mjs';
import { clone } from './tree.mjs';

const BASE_URLS = [
  'https://example.org/',
  '/digest/',
  'https://example.org/a b/',
  '//evil.example/',
  'ftp://x/',
  'https://user@x.org/',
  'relative',
  '',
  'https://x.org/?q',
  'https://例子.测试/',
];

export const OPS = [...FRONT_OPS, ...BODY_OPS, ...DATA_OPS, ...TREE_OPS];

/** A size for a scalable operator in a random case: log-uniform up to a quarter of its largest. */
function sizeFor(r, [lo, hi]) {
  const top = Math.max(lo, hi / 4);
  return Math.round(lo * (top / lo) ** r.next());
}

function pickOp(r, ops) {
  let x = r.next() * ops.reduce((s, op) => s + op.weight, 0);
  for (const op of ops) if ((x -= op.weight) < 0) return op;
  return ops[ops.length - 1];
}

/**
 * Case `index` of the run `seed`: { index, tree, steps (what was done, in
 * words), options: { cache, cli, dev, drafts, future, baseUrl } }. `ops` replaces the operators
 * (the harness's own test plants one).
 */
export function makeCase(base, seed, index, { ops = OPS, devShare = 0.15, cliShare = 0.25 } = {}) {
  const r = new Random(`gazette-fuzz/${seed}/${index}`);
  const tree = clone(base);
  const steps = [];
  const count = Number(r.weighted({ 1: 5, 2: 3, 3: 2 }));
  for (let tries = 0; steps.length < count && tries < count * 5; tries++) {
    const op = pickOp(r, ops);
    const n = op.scale ? sizeFor(r, op.scale) : undefined;
    const what = op.apply(r, tree, n);
    if (what) steps.push(what);
  }
  // The command line's switches: --drafts, --future, and --base-url (which check has not).
  const baseUrl = r.chance(0.08) ? r.pick(BASE_URLS) : undefined;
  const options = {
    cache: r.chance(0.5),
    cli: baseUrl === undefined && r.chance(cliShare),
    dev: baseUrl === undefined && r.chance(devShare),
    drafts: r.chance(0.2),
    future: r.chance(0.2),
    baseUrl,
  };
  return { seed, index, tree, steps, options };
}

/** The same mutation at size n, for the scaling check: a fresh Random of the same seed each time. */
export function scaledCase(base, op, seed, n) {
  const r = new Random(`gazette-fuzz-scale/${seed}/${op.name}`);
  const tree = clone(base);
  const what = op.apply(r, tree, n);
  return {
    seed,
    index: `${op.name}@${n}`,
    tree,
    steps: what ? [what] : [],
    options: { cache: false, cli: false, dev: false },
  };
}

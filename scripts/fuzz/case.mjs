// One case run against gazette, and every promise checked:
//
//   check, build (and, when asked, the command line and a dev session) never
//   throw; their diagnostics are well formed (diagnostics.mjs); check and
//   build report the same problems; a failed build leaves the previous
//   output byte for byte as it was, and nothing beside it; the command
//   line's exit status and JSON agree with the API; a dev session that takes
//   the case as an edit reports what check reports, and recovers when the
//   edit is undone; every step stays under `slowMs`.
//
// `targets` is what is tested: { check, build, DevSession, main, isCode },
// gazette's compiled lib/ for real runs, fakes in the harness's own test.
import { cpSync, existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { diagnosticProblems, diagnosticsDiff, sameDiagnostics } from './diagnostics.mjs';
import { changedPaths, clear, hashFolder, writeTree } from './tree.mjs';

/** Builds the base site once into the golden output and cache that every case starts from. */
export async function prepareEnv(targets, base, dir) {
  clear(dir);
  mkdirSync(dir, { recursive: true });
  const root = join(dir, 'golden/site');
  writeTree(root, base);
  const out = join(dir, 'golden/out');
  const cache = join(dir, 'golden/cache');
  const built = await targets.build({ root, out, cacheDir: cache });
  if (built.diagnostics.length > 0)
    throw new Error(
      `the base site does not build:\n${JSON.stringify(built.diagnostics.slice(0, 5), null, 1)}`,
    );
  return { dir, base, golden: { out, cache } };
}

function writeOutside(caseDir) {
  writeFileSync(
    join(caseDir, 'outside.txt'),
    '---\ntitle: Outside\ndate: 2000-01-10\ncategory: courts\n---\nOutside.\n',
  );
  mkdirSync(join(caseDir, 'outside-dir/sub'), { recursive: true });
  writeFileSync(
    join(caseDir, 'outside-dir/x.md'),
    '---\ntitle: Outside dir\ndate: 2000-01-10\ncategory: courts\n---\nX.\n',
  );
  writeFileSync(join(caseDir, 'outside-dir/authorities.yaml'), 'x:\n  name: X\n');
}

/** A thrown value, as a report shows it: its first line stable enough to compare. */
export function describeError(error) {
  const text =
    error instanceof Error
      ? (error.stack ?? `${error.name}: ${error.message}`)
      : `thrown: ${String(error)}`;
  const head = text.split('\n')[0];
  return {
    message: head,
    detail: text.split('\n').slice(0, 12).join('\n'),
    key: head.replace(/\/[^\s'"]+/g, '<path>').replace(/\d+/g, 'N'),
  };
}

export async function runCase(targets, env, kase, { slowMs = 4000 } = {}) {
  const { tree, options } = kase;
  const failures = [];
  const times = {};
  const caseDir = join(env.dir, 'case');
  clear(caseDir);
  mkdirSync(caseDir, { recursive: true });
  writeOutside(caseDir);
  const root = join(caseDir, 'site');
  const out = join(caseDir, 'out');
  const cache = join(caseDir, 'cache');
  writeTree(root, tree);
  cpSync(env.golden.out, out, { recursive: true });
  if (options.cache) cpSync(env.golden.cache, cache, { recursive: true });
  const cacheDir = options.cache ? cache : false;
  const flags = { drafts: options.drafts, future: options.future, baseUrl: options.baseUrl };

  const fail = (check, message, detail, key = check) =>
    failures.push({ check, message, detail, key });
  const threw = (check, error) => {
    const e = describeError(error);
    fail(check, e.message, e.detail, `${check}:${e.key}`);
  };
  const timed = async (name, run) => {
    const started = performance.now();
    try {
      return { value: await run() };
    } catch (error) {
      return { error };
    } finally {
      times[name] = performance.now() - started;
    }
  };
  const validate = (outcome, where) =>
    failures.push(...diagnosticProblems(outcome, { root, isCode: targets.isCode, where }));

  const checked = await timed('check', () => targets.check({ root, out, cacheDir, ...flags }));
  if (checked.error) threw('check-threw', checked.error);
  else validate(checked.value, 'check');

  const before = hashFolder(out);
  const built = await timed('build', () => targets.build({ root, out, cacheDir, ...flags }));
  const beside = readdirSync(caseDir).filter((n) => n.startsWith('out.gazette-'));
  if (beside.length > 0)
    fail('output-beside', `the build left ${beside.join(', ')} beside the output`);
  if (built.error) {
    threw('build-threw', built.error);
    if (hashFolder(out) !== before)
      fail('output-changed', 'a build that threw changed the previous output');
  } else {
    validate(built.value, 'build');
    if (built.value.diagnostics?.length > 0) {
      if (hashFolder(out) !== before)
        fail('output-changed', 'a failed build changed the previous output');
    } else if (!existsSync(join(out, '.gazette-manifest.json')))
      fail('output-missing', 'a good build wrote no manifest');
  }
  if (
    checked.value &&
    built.value &&
    !sameDiagnostics(checked.value.diagnostics, built.value.diagnostics)
  ) {
    const diff = diagnosticsDiff(checked.value.diagnostics, built.value.diagnostics);
    fail('check-build-disagree', 'check and build report different problems', {
      onlyCheck: diff.onlyFirst,
      onlyBuild: diff.onlySecond,
    });
  }
  if (options.cli && checked.value)
    await cli(targets, root, checked.value, fail, threw, timed, [
      ...(options.drafts ? ['--drafts'] : []),
      ...(options.future ? ['--future'] : []),
    ]);
  if (options.dev && checked.value)
    await dev(targets, env, kase, caseDir, checked.value, {
      fail,
      threw,
      timed,
      validate: (o, w) =>
        failures.push(
          ...diagnosticProblems(o, {
            root: join(caseDir, 'dev'),
            isCode: targets.isCode,
            where: w,
          }),
        ),
    });
  for (const [name, ms] of Object.entries(times))
    if (ms > slowMs)
      fail('slow', `${name} took ${Math.round(ms)} ms (over ${slowMs})`, undefined, `slow:${name}`);
  const final = built.value ?? checked.value;
  const codes = [...new Set((final?.diagnostics ?? []).map((d) => d.code))];
  const outcome = !final
    ? undefined
    : final.diagnostics.length === 0
      ? 'ok'
      : final.usage
        ? 'usage'
        : 'content';
  return { failures, times, codes, outcome };
}

/** `gazette check --format json`: its exit status and its errors agree with the API's outcome. */
async function cli(targets, root, outcome, fail, threw, timed, switches) {
  let stdout = '';
  const io = { out: (t) => (stdout += `${t}\n`), err: () => {} };
  const ran = await timed('cli', () =>
    targets.main(['check', '--root', root, '--format', 'json', '--no-cache', ...switches], io),
  );
  if (ran.error) return threw('cli-threw', ran.error);
  const n = outcome.diagnostics.length;
  const expected = n === 0 ? 0 : outcome.usage ? 2 : 1;
  if (ran.value !== expected)
    fail(
      'exit-status',
      `gazette check exited ${ran.value}, not ${expected} (${n} problems, usage: ${outcome.usage})`,
    );
  let parsed;
  try {
    parsed = JSON.parse(stdout);
  } catch {
    return fail(
      'cli-json',
      'gazette check --format json printed something that is not JSON',
      stdout.slice(0, 500),
    );
  }
  if (parsed.count !== n || !sameDiagnostics(parsed.errors ?? [], outcome.diagnostics))
    fail(
      'cli-disagree',
      'the command line reports other problems than the API',
      diagnosticsDiff(parsed.errors ?? [], outcome.diagnostics),
    );
}

/** The case as an edit to a running dev session on the base site, then undone. */
async function dev(targets, env, kase, caseDir, expected, { fail, threw, timed, validate }) {
  const root = join(caseDir, 'dev');
  writeTree(root, env.base);
  let session;
  const started = await timed('dev-start', async () => {
    session = new targets.DevSession({
      root,
      cacheDir: false,
      drafts: kase.options.drafts,
      future: kase.options.future,
    });
    return session.start();
  });
  if (started.error) return threw('dev-threw', started.error);
  if (started.value.diagnostics.length > 0)
    return fail(
      'dev-base',
      'dev reports problems in the base site',
      started.value.diagnostics.slice(0, 3),
    );
  const paths = withFolders(env.base, kase.tree, changedPaths(env.base, kase.tree));
  const step = async (name, tree) => {
    clear(root);
    writeTree(root, tree);
    const done = await timed(name, async () => {
      await session.update(paths);
      return session.settle();
    });
    if (done.error) threw('dev-threw', done.error);
    return done.value;
  };
  const edited = await step('dev-edit', kase.tree);
  if (!edited) return;
  validate({ diagnostics: edited, usage: expected.usage, site: {} }, 'dev');
  if (!sameDiagnostics(edited, expected.diagnostics))
    fail('dev-disagree', 'dev reports other problems than check', {
      onlyDev: diagnosticsDiff(edited, expected.diagnostics).onlyFirst,
      onlyCheck: diagnosticsDiff(edited, expected.diagnostics).onlySecond,
    });
  const undone = await step('dev-undo', env.base);
  if (undone && undone.length > 0)
    fail('dev-stuck', 'dev still reports problems once the edit is undone', undone.slice(0, 3));
}

/** The changed paths and the folders that appeared or went with them, as a watcher reports them. */
function withFolders(a, b, paths) {
  const folders = (tree) => {
    const set = new Set();
    for (const path of tree.keys()) {
      const parts = path.split('/');
      for (let i = 1; i < parts.length; i++) set.add(parts.slice(0, i).join('/'));
    }
    return set;
  };
  const fa = folders(a);
  const fb = folders(b);
  const extra = [...fa].filter((f) => !fb.has(f)).concat([...fb].filter((f) => !fa.has(f)));
  return [...new Set([...paths, ...extra])].sort();
}

import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { afterEach, describe, expect, it } from 'vitest';
import { packageJson } from '../../src/commands/init.js';
import { DEFAULT_CONFIG, parseConfig } from '../../src/config.js';
import { parseAuthorities } from '../../src/schema/authorities.js';
import { page, removeSite, run } from '../helpers.js';

const version = (
  JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
    version: string;
  }
).version;

const FILES = [
  '.github/workflows/check.yml',
  '.github/workflows/publish.yml',
  '.gitignore',
  'README.md',
  'content/bulletins/2022-02.md',
  'content/items/2022/01/cnil-fines-google-cookie-refusal.md',
  'data/authorities.yaml',
  'gazette.config.yaml',
  'package.json',
];

let work: string | undefined;
afterEach(() => {
  if (work) removeSite(work);
  work = undefined;
});

function tempFolder(): string {
  return (work = mkdtempSync(join(tmpdir(), 'gazette-init-')));
}

function filesOf(dir: string, prefix = ''): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .flatMap((e) =>
      e.isDirectory() ? filesOf(join(dir, e.name), `${prefix}${e.name}/`) : [`${prefix}${e.name}`],
    )
    .sort();
}

async function init(dir: string) {
  const result = await run('init', dir);
  expect(result.code, result.stderr).toBe(0);
  return result;
}

describe('gazette init', () => {
  it('writes a site that checks and builds at once, its example item and bulletin drafts', async () => {
    const site = join(tempFolder(), 'my-digest');
    const made = await init(site);
    expect(filesOf(site)).toEqual(FILES);
    expect(made.stdout).toContain(`started a digest site in`);
    expect(made.stdout).toContain('npm install');
    expect(made.stdout).toContain('npm run dev');

    const checked = await run('check', '--root', site);
    expect(checked.stderr).toBe('');
    expect(checked.code).toBe(0);
    const built = await run('build', '--root', site);
    expect(built.code, built.stderr).toBe(0);
    expect(built.stdout).toContain('2 drafts are left out (draft: true)');
    expect(built.stdout).toContain('delete that line from its file');
    expect(existsSync(join(site, 'dist/index.html'))).toBe(true);
    expect(existsSync(join(site, 'dist/items/cnil-fines-google-cookie-refusal'))).toBe(false);

    // Published (here with --drafts), they make a bulletin with its item and its notes.
    const all = await run('build', '--root', site, '--drafts', '--base-url', 'https://x.org/');
    expect(all.code, all.stderr).toBe(0);
    const item = page(site, 'dist/items/cnil-fines-google-cookie-refusal/index.html');
    expect(item.querySelector('h1')?.textContent).toBe(
      'CNIL Fines Google EUR 150 Million over Cookie Refusal',
    );
    // Each amount unbroken (no-break spaces), the two joined by ordinary ones.
    expect(item.querySelector('.fine dd')?.textContent).toBe(
      'EUR\u00a090\u00a0million + EUR\u00a060\u00a0million',
    );
    const home = page(site, 'dist/index.html');
    expect(home.querySelector('h1')?.textContent).toContain('January 2022');
    expect(home.querySelectorAll('section.notes li').length).toBe(2);
  });

  it('makes the package.json of the site: its scripts and this gazette', async () => {
    const site = join(tempFolder(), 'My Digest');
    await init(site);
    const pkg = JSON.parse(readFileSync(join(site, 'package.json'), 'utf8')) as {
      name: string;
      private: boolean;
      scripts: Record<string, string>;
      dependencies: Record<string, string>;
      engines: { node: string };
    };
    expect(pkg.name).toBe('my-digest');
    expect(pkg.private).toBe(true);
    expect(pkg.scripts).toMatchObject({
      build: 'gazette build',
      dev: 'gazette dev --drafts',
      check: 'gazette check',
    });
    expect(pkg.dependencies).toEqual({ gazette: `^${version}` });
    expect(pkg.engines.node).toBe('>=20.19');
    expect(JSON.parse(packageJson('...')).name).toBe('digest');
    expect(JSON.parse(packageJson('Données_2024!')).name).toBe('donn-es_2024');
  });

  it('writes a configuration that is the defaults, every key with its comment', async () => {
    const site = join(tempFolder(), 's');
    await init(site);
    const text = readFileSync(join(site, 'gazette.config.yaml'), 'utf8');
    const parsed = parseConfig(text);
    expect(parsed.diagnostics).toEqual([]);
    expect(parsed.config).toEqual(DEFAULT_CONFIG);
    const lines = text.split('\n');
    for (const key of Object.keys(DEFAULT_CONFIG)) {
      const at = lines.findIndex((l) => new RegExp(`^(# )?${key}:`).test(l));
      expect(at, key).toBeGreaterThan(0);
      // A comment says what it is, right above it.
      expect(lines[at - 1], key).toMatch(/^# \S/);
    }
  });

  it('writes a registry of real authorities, regulators and a court', async () => {
    const site = join(tempFolder(), 's');
    await init(site);
    const registry = parseAuthorities(readFileSync(join(site, 'data/authorities.yaml'), 'utf8'));
    expect(registry.diagnostics).toEqual([]);
    for (const id of ['cac', 'cnil', 'ico', 'edpb']) {
      const a = registry.authorities.get(id);
      expect(a?.abbr, id).toBe(id.toUpperCase());
      expect(a?.kind, id).toBe('regulator');
    }
    expect([...registry.authorities.values()].some((a) => a.kind === 'court')).toBe(true);
    // An editor's next step works in it.
    const made = await run(
      'new',
      'item',
      'ICO Reprimands a Council',
      '--category',
      'enforcement',
      '--date',
      '2022-01-20',
      '--authority',
      'ico',
      '--root',
      site,
    );
    expect(made.code, made.stderr).toBe(0);
    expect((await run('check', '--root', site)).code).toBe(0);
  });

  it('writes the workflows: a Pages deploy that keeps the last build, and a pull-request check', async () => {
    const site = join(tempFolder(), 's');
    await init(site);
    type Step = { uses?: string; run?: string; with?: Record<string, string> };
    type Workflow = {
      on: Record<string, unknown>;
      permissions: Record<string, string>;
      jobs: Record<string, { steps: Step[] }>;
    };
    const read = (name: string) =>
      parse(readFileSync(join(site, '.github/workflows', name), 'utf8')) as Workflow;
    const publish = read('publish.yml');
    expect(Object.keys(publish.on)).toEqual(['push', 'workflow_dispatch']);
    expect(publish.permissions).toEqual({
      contents: 'read',
      pages: 'write',
      'id-token': 'write',
    });
    const steps = publish.jobs.build!.steps;
    const uses = (prefix: string) => steps.findIndex((s) => s.uses?.startsWith(prefix));
    const runs = (text: string) => steps.findIndex((s) => s.run?.includes(text));
    expect(
      steps.find((s) => s.uses?.startsWith('actions/setup-node'))?.with?.['node-version'],
    ).toBe('lts/*');
    const restore = uses('actions/cache/restore@');
    const build = runs('npm run build -- --base-url');
    const save = uses('actions/cache/save@');
    expect(runs('gazette check --format github')).toBeGreaterThan(0);
    expect(runs('git log -1 --format=%ct')).toBeGreaterThan(0);
    expect(runs('SOURCE_DATE_EPOCH')).toBeLessThan(build);
    expect(restore).toBeGreaterThan(0);
    expect(restore).toBeLessThan(build);
    expect(save).toBeGreaterThan(build);
    for (const i of [restore, save]) {
      expect(steps[i]!.with!.path!.trim().split('\n')).toEqual(['.gazette-cache', 'dist']);
    }
    expect(steps[uses('actions/upload-pages-artifact@')]!.with).toEqual({
      path: 'dist',
      'include-hidden-files': true,
    });
    expect(uses('actions/upload-pages-artifact@')).toBeGreaterThan(save);
    expect(publish.jobs.deploy!.steps[0]!.uses).toMatch(/^actions\/deploy-pages@v\d+$/);

    const check = read('check.yml');
    expect(Object.keys(check.on)).toEqual(['pull_request']);
    const checkSteps = check.jobs.check!.steps;
    expect(checkSteps.at(-1)!.run).toBe('npx gazette check --format github');
    expect(checkSteps.some((s) => s.uses?.startsWith('actions/cache/save'))).toBe(false);

    // Every action at the major this release names (README, "Deploying").
    const all = [...steps, ...publish.jobs.deploy!.steps, ...checkSteps]
      .map((s) => s.uses)
      .filter((u) => u !== undefined);
    expect(new Set(all)).toEqual(
      new Set([
        'actions/checkout@v7',
        'actions/setup-node@v7',
        'actions/cache/restore@v6',
        'actions/cache/save@v6',
        'actions/upload-pages-artifact@v5',
        'actions/deploy-pages@v5',
      ]),
    );
  });

  it('writes a .gitignore and an editors’ README', async () => {
    const site = join(tempFolder(), 's');
    await init(site);
    const ignored = readFileSync(join(site, '.gitignore'), 'utf8').split('\n');
    for (const name of ['node_modules/', 'dist/', '.gazette-cache/'])
      expect(ignored).toContain(name);
    const readme = readFileSync(join(site, 'README.md'), 'utf8');
    for (const text of [
      'npx gazette new item',
      'npx gazette new bulletin',
      'npm run dev',
      'npm run check',
      'Settings → Pages',
      'draft: true',
    ])
      expect(readme).toContain(text);
  });

  it('starts in the current folder, an empty folder, or one that holds only .git', async () => {
    const root = tempFolder();
    const empty = join(root, 'empty');
    mkdirSync(empty);
    await init(empty);
    expect(filesOf(empty)).toEqual(FILES);
    const clone = join(root, 'clone');
    mkdirSync(join(clone, '.git'), { recursive: true });
    writeFileSync(join(clone, '.git/HEAD'), 'ref: refs/heads/main\n');
    await init(clone);
    expect(existsSync(join(clone, 'gazette.config.yaml'))).toBe(true);
    const here = join(root, 'here');
    mkdirSync(here);
    const cwd = process.cwd();
    process.chdir(here);
    try {
      const made = await run('init');
      expect(made.code, made.stderr).toBe(0);
      expect(made.stdout).not.toContain('cd ');
    } finally {
      process.chdir(cwd);
    }
    expect(filesOf(here)).toEqual(FILES);
  });
});

describe('gazette init refuses (exit 2), writing nothing', () => {
  it('a folder that is not empty, and says which and what it holds', async () => {
    const site = join(tempFolder(), 'taken');
    mkdirSync(join(site, 'content'), { recursive: true });
    writeFileSync(join(site, 'notes.txt'), 'mine');
    const result = await run('init', site);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('taken is not empty (it holds content, notes.txt)');
    expect(result.stderr).toContain('nothing written');
    expect(result.stderr).toContain('gazette init my-digest');
    expect(filesOf(site)).toEqual(['notes.txt']);
    expect(readdirSync(join(site, 'content'))).toEqual([]);
  });

  it('a file, and more than one folder', async () => {
    const file = join(tempFolder(), 'file');
    writeFileSync(file, 'x');
    const result = await run('init', file);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('is a file, not a folder');
    expect(readFileSync(file, 'utf8')).toBe('x');
    const two = await run('init', join(work!, 'a'), join(work!, 'b'));
    expect(two.code).toBe(2);
    expect(existsSync(join(work!, 'a'))).toBe(false);
    expect((await run('init', '--title', 'X')).code).toBe(2);
  });
});

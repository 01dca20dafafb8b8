// The package as a user gets it (issue 12): `npm pack` holds what a user needs
// and nothing else; installed from the tarball into a fresh folder with
// nothing beside it, `npx gazette init site` starts a site whose
// `npm run build`, `npm run dev` and `npx gazette serve` work, and the
// programmatic API (`import … from 'gazette'`) runs and type-checks.
//
// The tarball's dependencies come from the npm registry (`npm install
// <tarball>`, with npm's cache preferred): what is under test is the package
// as published, so nothing of this checkout's node_modules is lent to it.
import { spawn, spawnSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { remove, repo } from './site.mjs';

const ITEM = 'items/cnil-fines-google-cookie-refusal/';
const version = JSON.parse(readFileSync(join(repo, 'package.json'), 'utf8')).version;

let work;
let tarball;
let packed;

/**
 * The environment without npm's own variables: `npm run test:browser` sets
 * npm_config_* (the repository as the local prefix among them), which would
 * send the child's `npm install` into this checkout.
 */
function cleanEnv() {
  const env = {};
  for (const [name, value] of Object.entries(process.env)) {
    if (!/^npm_/i.test(name) && name !== 'INIT_CWD') env[name] = value;
  }
  return env;
}

function sh(command, args, cwd, timeout = 120_000) {
  const result = spawnSync(command, args, {
    cwd,
    env: cleanEnv(),
    encoding: 'utf8',
    timeout,
    maxBuffer: 1 << 26,
  });
  const all = `${result.stdout ?? ''}\n${result.stderr ?? ''}`;
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} (in ${cwd}):\n${all}`);
  return result.stdout;
}

/** Starts a server command in a process group of its own; resolves with its URL and a stop(). */
function startServer(command, args, cwd) {
  const child = spawn(command, args, {
    cwd,
    env: cleanEnv(),
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      try {
        process.kill(-child.pid, 'SIGTERM'); // npm, its shell and gazette: the group we started
      } catch {
        /* already gone */
      }
    }
    return exited;
  };
  const url = new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(
      () => reject(new Error(`no URL from ${args.join(' ')}:\n${out}`)),
      60_000,
    );
    const read = (chunk) => {
      out += chunk;
      const found = /(http:\/\/127\.0\.0\.1:\d+\/\S*)/.exec(out);
      if (found) {
        clearTimeout(timer);
        resolve(found[1]);
      }
    };
    child.stdout.on('data', read);
    child.stderr.on('data', read);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${args.join(' ')} exited ${code} before serving:\n${out}`));
    });
  });
  return { url, stop };
}

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'gazette-pack-'));
  // Nothing beside it: no node_modules in any folder above, which Node would look in.
  for (let dir = work; dir !== dirname(dir); dir = dirname(dir)) {
    if (dir !== work && existsSync(join(dir, 'node_modules')))
      throw new Error(`${dir}/node_modules would lend modules to the test`);
  }
  const packDir = join(work, 'pack');
  mkdirSync(packDir);
  [packed] = JSON.parse(
    sh('npm', ['pack', '--json', '--pack-destination', packDir], repo, 180_000),
  );
  tarball = join(packDir, packed.filename);
  console.log(
    `  ${packed.filename}: ${packed.entryCount} files, ${(packed.size / 1024).toFixed(1)} kB packed, ${(packed.unpackedSize / 1024).toFixed(1)} kB unpacked`,
  );
}, 200_000);

afterAll(() => {
  if (work) remove(work);
});

describe('npm pack', () => {
  it('holds the CLI, the compiled library, the theme and the starter, and nothing else', () => {
    const files = packed.files.map((f) => f.path).sort();
    const allowed =
      /^(bin\/gazette\.js|lib\/.+\.(js|d\.ts)|templates\/.+|starter\/.+|README\.md|LICENSE|package\.json)$/;
    expect(files.filter((f) => !allowed.test(f))).toEqual([]);
    for (const needed of [
      'bin/gazette.js',
      'lib/cli.js',
      'lib/api.js',
      'lib/api.d.ts',
      'lib/engine/load-worker.js',
      'templates/layout.eta',
      'templates/partials/footer.eta',
      'templates/assets/style.css',
      'starter/gitignore',
      'starter/github/workflows/publish.yml',
      'starter/gazette.config.yaml',
      'LICENSE',
      'README.md',
    ])
      expect(files).toContain(needed);
    // lib is compiled fresh from src: one module for each source file, no stale one.
    const sources = (dir, prefix = '') =>
      readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
        e.isDirectory()
          ? sources(join(dir, e.name), `${prefix}${e.name}/`)
          : e.name.endsWith('.ts') && !e.name.endsWith('.d.ts')
            ? [`lib/${prefix}${e.name.replace(/\.ts$/, '.js')}`]
            : [],
      );
    expect(files.filter((f) => f.startsWith('lib/') && f.endsWith('.js'))).toEqual(
      sources(join(repo, 'src')).sort(),
    );
    const manifest = JSON.parse(readFileSync(join(repo, 'package.json'), 'utf8'));
    expect(manifest.license).toBe('MIT');
    expect(readFileSync(join(repo, 'LICENSE'), 'utf8')).toMatch(/^MIT License\n/);
    expect(manifest.engines.node).toBe('>=20.19');
    expect(manifest.exports['.']).toEqual({ types: './lib/api.d.ts', default: './lib/api.js' });
  });
});

describe('the package installed from its tarball', () => {
  let site;
  beforeAll(() => {
    sh('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', tarball], work, 180_000);
    expect(sh('npx', ['--no-install', 'gazette', '--version'], work).trim()).toBe(
      `gazette ${version}`,
    );
    sh('npx', ['--no-install', 'gazette', 'init', 'site'], work);
    site = join(work, 'site');
  }, 200_000);

  it('starts a site that builds at once, and builds its example once published', () => {
    const built = sh('npm', ['run', 'build'], site);
    expect(built).toContain('2 drafts are left out');
    expect(existsSync(join(site, 'dist/index.html'))).toBe(true);
    expect(existsSync(join(site, `dist/${ITEM}index.html`))).toBe(false);
    sh(
      'npm',
      ['run', 'build', '--', '--drafts', '--base-url', 'https://example.org/digest/'],
      site,
    );
    const page = readFileSync(join(site, `dist/${ITEM}index.html`), 'utf8');
    expect(page).toContain('<h1>CNIL Fines Google EUR 150 Million over Cookie Refusal</h1>');
    expect(readFileSync(join(site, 'dist/index.html'), 'utf8')).toContain('January 2022');
    expect(existsSync(join(site, 'dist/search/minisearch.js'))).toBe(true);
    expect(readFileSync(join(site, 'dist/sitemap.xml'), 'utf8')).toContain(
      `<loc>https://example.org/digest/${ITEM}</loc>`,
    );
    const checked = sh('npm', ['run', 'check'], site);
    expect(checked).toContain('are valid');
  });

  it('previews with npm run dev, drafts included, and stops', async () => {
    const dev = startServer('npm', ['run', 'dev', '--', '--port', '0'], site);
    try {
      const url = await dev.url;
      const answer = await fetch(new URL(ITEM, url));
      expect(answer.status).toBe(200);
      expect(await answer.text()).toContain('Cookie Refusal');
      expect((await fetch(new URL('/__gazette/client.js', url))).status).toBe(200);
    } finally {
      await dev.stop();
    }
  });

  it('serves the build with npx gazette serve, under its base path', async () => {
    const serve = startServer(
      'npx',
      [
        '--no-install',
        'gazette',
        'serve',
        '--port',
        '0',
        '--base-url',
        'https://example.org/digest/',
      ],
      site,
    );
    try {
      const url = await serve.url;
      expect(url).toMatch(/\/digest\/$/);
      const home = await fetch(url);
      expect(home.status).toBe(200);
      expect(home.headers.get('cache-control')).toBe('no-store');
      expect((await fetch(new URL(ITEM, url))).status).toBe(200);
      const missing = await fetch(new URL('no/such/page/', url));
      expect(missing.status).toBe(404);
      expect(await missing.text()).toContain('/digest/assets/style.css');
    } finally {
      await serve.stop();
    }
  });

  it('is a library: build, check and the types, through package.json exports only', () => {
    writeFileSync(
      join(work, 'api.mjs'),
      [
        "import { build, check, MemoryWriter } from 'gazette';",
        'const writer = new MemoryWriter();',
        "const built = await build({ root: 'site', drafts: true, cacheDir: false, writer });",
        "const checked = await check({ root: 'site', cacheDir: false });",
        'let deep = "imported";',
        "try { await import('gazette/lib/cli.js'); } catch (e) { deep = e.code; }",
        'console.log(JSON.stringify({',
        '  errors: built.diagnostics.length + checked.diagnostics.length,',
        '  items: built.site.items.length,',
        `  page: writer.files.has('${ITEM}index.html'),`,
        '  deep,',
        '}));',
      ].join('\n'),
    );
    expect(JSON.parse(sh(process.execPath, ['api.mjs'], work))).toEqual({
      errors: 0,
      items: 1,
      page: true,
      deep: 'ERR_PACKAGE_PATH_NOT_EXPORTED',
    });
    writeFileSync(
      join(work, 'use.ts'),
      [
        "import { build, check, MemoryWriter, type Diagnostic, type Outcome } from 'gazette';",
        "const outcome: Outcome = await build({ root: 'site', writer: new MemoryWriter() });",
        'const first: Diagnostic | undefined = outcome.diagnostics[0];',
        'const count: number = outcome.site?.items.length ?? 0;',
        '// @ts-expect-error: no such option',
        "await check({ root: 'site', frobnicate: true });",
        'export { first, count };',
      ].join('\n'),
    );
    writeFileSync(
      join(work, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: {
          target: 'ES2022',
          module: 'NodeNext',
          moduleResolution: 'NodeNext',
          strict: true,
          noEmit: true,
          skipLibCheck: true,
          types: ['node'],
          typeRoots: [join(repo, 'node_modules/@types')],
        },
        files: ['use.ts'],
      }),
    );
    // An ES module package, as the user's own code would be (top-level await).
    const own = JSON.parse(readFileSync(join(work, 'package.json'), 'utf8'));
    writeFileSync(join(work, 'package.json'), JSON.stringify({ ...own, type: 'module' }));
    sh(
      process.execPath,
      [join(repo, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.json'],
      work,
    );
  });
});

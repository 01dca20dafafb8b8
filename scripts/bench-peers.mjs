// The peer half of `npm run bench -- --peers`: runs the peer benchmark's
// harness (../shared/bench/run-peers.sh, outside this repository; or the
// folder GAZETTE_PEER_BENCH names) for Hugo, Eleventy and gazette on the same
// sizes, each built from the harness's own corpus, and reads its results back
// to print gazette's time over each peer's. Optional: when the harness, or a
// peer, is not on this machine it says so in one line and the bench goes on.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const NAMES = { hugo: 'Hugo', eleventy: 'Eleventy', ours: 'gazette' };

/** Which peers can run here, and one line for each that cannot. */
function available(harness) {
  const missing = [];
  const peers = [];
  if (spawnSync('hugo', ['version']).error) missing.push('hugo (apt-get install hugo)');
  else peers.push('hugo');
  if (!existsSync(join(harness, 'peers/eleventy/node_modules/@11ty/eleventy/cmd.cjs')))
    missing.push(`eleventy (npm ci in ${join(harness, 'peers/eleventy')})`);
  else peers.push('eleventy');
  if (!existsSync('/usr/bin/time'))
    return { peers: [], missing: ['/usr/bin/time (apt-get install time)'] };
  return { peers, missing };
}

/** The expected HTML pages of a peer's build of `corpus` (the harness's README). */
function expectedPages(corpus) {
  const perCategory = new Map();
  const walk = (dir) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      if (e.isDirectory()) walk(join(dir, e.name));
      else if (e.name.endsWith('.md')) {
        const text = readFileSync(join(dir, e.name), 'utf8');
        const category = /^category: (\S+)$/m.exec(text)?.[1];
        perCategory.set(category, (perCategory.get(category) ?? 0) + 1);
      }
    }
  };
  walk(join(corpus, 'content/items'));
  const items = [...perCategory.values()].reduce((a, b) => a + b, 0);
  const bulletins = readdirSync(join(corpus, 'content/bulletins')).length;
  const listings = [...perCategory.values()].reduce((a, n) => a + Math.ceil(n / 50), 0);
  return { items, bulletins, pages: items + bulletins + listings + 1 };
}

function readTsv(file) {
  const lines = readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l && !l.startsWith('#'));
  const [header, ...rows] = lines.map((l) => l.split('\t'));
  return rows.map((r) => Object.fromEntries(header.map((h, i) => [h, r[i]])));
}

/** Items gazette built in each counted run, from its logs in the harness's log folder. */
function gazetteCounts(logs) {
  if (!existsSync(logs)) return [];
  return readdirSync(logs)
    .filter((f) => /^ours-(hot|cold)-\d+\.log$/.test(f))
    .map((f) => {
      const m = /built (\d+) items/.exec(readFileSync(join(logs, f), 'utf8'));
      return { log: f, items: m ? Number(m[1]) : null };
    });
}

const ratio = (a, b) =>
  Number.isFinite(a) && Number.isFinite(b) && b > 0 ? `${(a / b).toFixed(2)}×` : '–';

/**
 * Runs the harness for each size; prints its table, the counts it checked and
 * the ratios. Returns false when something went wrong that was not a missing
 * tool (the harness failed, or a build made fewer pages or items than its corpus).
 */
export function benchPeers({ repo, sizes, runs, say }) {
  const harness = resolve(process.env.GAZETTE_PEER_BENCH ?? join(repo, '../shared/bench'));
  const script = join(harness, 'run-peers.sh');
  if (!existsSync(script)) {
    say(
      `\npeers: not run — no peer benchmark at ${script} (it lives outside the repository; GAZETTE_PEER_BENCH=DIR names another)`,
    );
    return true;
  }
  const { peers, missing } = available(harness);
  if (peers.length === 0) {
    say(`\npeers: not run — missing ${missing.join(', ')}`);
    return true;
  }
  if (missing.length > 0) say(`\npeers: left out, not installed: ${missing.join('; ')}`);
  const tmp = process.env.BENCH_TMP ?? '/tmp/gazette-bench';
  const tag = process.env.TAG ?? 'gazette-bench';
  const env = {
    ...process.env,
    PEERS: [...peers, 'ours'].join(' '),
    INCR_PEERS: process.env.INCR_PEERS ?? '',
    RUNS: String(runs),
    TAG: tag,
    BENCH_TMP: tmp,
    GAZETTE_MAIN: repo,
    GAZETTE_ENTRY: 'bin/gazette.js',
  };
  let ok = true;
  const table = [];
  const summaries = [];
  for (const n of sizes) {
    say(
      `\npeers: ${script} ${n} (PEERS="${env.PEERS}", RUNS=${runs}, INCR_PEERS="${env.INCR_PEERS}")`,
    );
    const result = spawnSync('bash', [script, String(n)], {
      env,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'inherit'],
      maxBuffer: 1 << 26,
    });
    if (result.status !== 0) {
      say(`peers: run-peers.sh ${n} failed (exit ${result.status}):\n${result.stdout}`);
      ok = false;
      continue;
    }
    const expected = expectedPages(join(tmp, `corpus-${n}`));
    const rows = readTsv(join(tmp, 'results', `${n}-${tag}.tsv`));
    const counts = gazetteCounts(join(tmp, 'logs', `${n}-${tag}`));
    const byPeer = Object.fromEntries(rows.map((r) => [r.peer, r]));
    for (const peer of [...peers, 'ours']) {
      if (byPeer[peer]) continue;
      say(
        `peers: ✗ no result for ${NAMES[peer]} at N=${n}: see ${join(tmp, 'logs', `${n}-${tag}`)}`,
      );
      ok = false;
    }
    for (const r of rows) {
      const failed = r.cold_median_s?.startsWith('FAILED');
      const pages = Number(r.html_files) - Number(r['page/1_redirects'] || 0);
      let built;
      if (r.peer === 'ours') {
        const wrong = counts.filter((c) => c.items !== expected.items);
        built = counts.length ? `${counts[0].items} items (${counts.length} runs)` : 'no logs';
        if (counts.length === 0 || wrong.length > 0) {
          say(
            `peers: ✗ gazette built ${wrong.map((c) => `${c.items} items in ${c.log}`).join(', ') || 'nothing it logged'}; the corpus has ${expected.items}`,
          );
          ok = false;
        }
      } else {
        built = `${pages} pages`;
        if (!failed && pages !== expected.pages) {
          say(
            `peers: ✗ ${NAMES[r.peer] ?? r.peer} wrote ${pages} HTML pages; ${expected.items} items make ${expected.pages}`,
          );
          ok = false;
        }
      }
      if (failed) ok = false;
      table.push({ n, ...r, built });
    }
    const time = (peer, col) => Number(byPeer[peer]?.[col]);
    const ratios = peers.map(
      (peer) =>
        `gazette/${NAMES[peer]} ${ratio(time('ours', 'cold_median_s'), time(peer, 'cold_median_s'))} cold, ${ratio(time('ours', 'hot_median_s'), time(peer, 'hot_median_s'))} hot`,
    );
    summaries.push(
      `N=${n.toLocaleString('en')} (${expected.items} items, ${expected.bulletins} bulletins): ${ratios.join('; ')}`,
    );
  }

  say(
    `\npeer benchmark (${script}; every peer, gazette included, builds the harness's corpus; cold = after ${process.env.IDLE ?? 8} s idle, hot = back to back; median of ${runs})\n`,
  );
  say('| N | peer | cold median | cold min–max | hot median | peak RSS MiB (med/max) | built |');
  say('| --- | --- | --- | --- | --- | --- | --- |');
  for (const r of table) {
    say(
      `| ${r.n.toLocaleString('en')} | ${NAMES[r.peer] ?? r.peer} | ${r.cold_median_s} s | ${r['cold_min–max_s']} | ${r.hot_median_s} s | ${r['peak_RSS_MiB(med/max)']} | ${r.built} |`,
    );
  }
  say('');
  for (const line of summaries) say(line);
  return ok;
}

// Prints what the gates checked and every failure. Identical failures (the
// same message and element, e.g. from one template) are printed once with the
// list of pages and viewports where they occur.

const CHECK_NAMES = {
  html: 'HTML (Nu HTML Checker)',
  link: 'internal links',
  feed: 'feeds and sitemap',
  axe: 'accessibility (axe-core)',
  load: 'page load (console errors, failed requests)',
};

/** @param {{figures: any, failures: import('./gates.mjs').Failure[], timings: Record<string, number>, axeVersion: string}} result */
export function formatReport(result, { maxPlaces = 12 } = {}) {
  const { figures, failures, timings } = result;
  const lines = [];
  const n = (x) => x.toLocaleString('en-US');
  const s = (name) => (timings[name] === undefined ? '' : ` (${timings[name].toFixed(1)} s)`);

  lines.push('', 'Checked:');
  if (figures.html) {
    lines.push(
      `  HTML      ${n(figures.html.pages)} pages and ${n(figures.html.stylesheets)} stylesheets in one Nu HTML Checker run: ${n(figures.html.errors)} errors${s('html')}`,
    );
    for (const [why, count] of figures.html.exempted ?? []) {
      lines.push(`              set aside by policy: ${n(count)} × ${why}`);
    }
  }
  const totalLinks = figures.links.reduce((a, l) => a + l.links, 0);
  lines.push(`  links     ${n(totalLinks)} internal href/src/#fragment links${s('links')}`);
  for (const l of figures.links)
    lines.push(
      `              ${l.build}: ${n(l.links)} links on ${n(l.pages)} pages, ${n(l.broken)} broken`,
    );
  lines.push(`  feeds     sitemap, robots.txt, feeds, calendars, data files${s('feeds')}`);
  for (const f of figures.feeds) {
    const kinds = new Map();
    for (const file of f.files) {
      const k = kinds.get(file.kind) ?? { files: 0, urls: 0 };
      kinds.set(file.kind, { files: k.files + 1, urls: k.urls + file.urls });
    }
    const list = [...kinds]
      .map(
        ([kind, k]) =>
          `${k.files} ${kind}${k.urls ? ` (${n(k.urls)} URL${k.urls === 1 ? '' : 's'})` : ''}`,
      )
      .join(', ');
    lines.push(`              ${f.build}: ${list || 'nothing'}; ${n(f.errors)} problems`);
  }
  for (const a of figures.a11y) {
    lines.push(
      `  axe       ${a.build}: ${a.pages.length} pages × ${a.viewports.length} viewports (${a.viewports.join(', ')}) = ${a.runs} runs of axe-core ${result.axeVersion}, ${a.rules.length} rules each, ${a.violations.length} violations (${a.seconds.toFixed(1)} s)`,
    );
    const byKind = new Map();
    for (const p of a.pages) byKind.set(p.kind, [...(byKind.get(p.kind) ?? []), p.name]);
    for (const [kind, names] of byKind) lines.push(`              ${kind}: ${names.join(', ')}`);
    if (a.incomplete.length)
      lines.push(`              needs a human look (axe "incomplete"): ${a.incomplete.join(', ')}`);
    lines.push(
      `  load      ${a.build}: ${a.loadProblems.length} console errors, exceptions or failed requests`,
    );
  }
  if (figures.a11y[0]) lines.push(`  axe rules ${figures.a11y[0].rules.join(' ')}`);

  const groups = new Map();
  for (const f of failures) {
    // The checker's extract quotes the page's own text: group HTML errors by message.
    const key = [f.check, f.message, ...(f.check === 'html' ? [] : (f.detail ?? []))].join('\0');
    if (!groups.has(key)) groups.set(key, { first: f, places: [] });
    groups.get(key).places.push(f);
  }
  const ordered = [...groups.values()].sort((a, b) => order(a.first.check) - order(b.first.check));
  if (ordered.length > 0) {
    lines.push('', `FAILURES (${n(failures.length)}, ${n(ordered.length)} distinct):`);
    for (const { first, places } of ordered) {
      lines.push(`✗ [${first.check}] ${first.message}`);
      for (const d of first.detail ?? [])
        lines.push(`    ${d.length > 400 ? `${d.slice(0, 397)}…` : d}`);
      const shown = places.slice(0, maxPlaces);
      const byBuild = new Map();
      for (const f of shown) {
        byBuild.set(f.build, [
          ...(byBuild.get(f.build) ?? []),
          `${f.page}${f.where ? ` ${f.where}` : ''}`,
        ]);
      }
      const more = places.length - shown.length;
      const list = [...byBuild].map(([build, where]) => `${build}: ${where.join(', ')}`);
      lines.push(`    at ${list.join('; ')}${more > 0 ? `; … and ${more} more` : ''}`);
    }
  }
  const counts = Object.keys(CHECK_NAMES)
    .map((c) => [c, failures.filter((f) => f.check === c).length])
    .filter(([, k]) => k > 0)
    .map(([c, k]) => `${CHECK_NAMES[c]}: ${k}`);
  lines.push(
    '',
    failures.length === 0 ? 'verify: all gates passed' : `verify: FAILED — ${counts.join('; ')}`,
  );
  return lines.join('\n');
}

function order(check) {
  return Object.keys(CHECK_NAMES).indexOf(check);
}

// Shrinks a failing case to an input that still fails the same way: files
// and folders dropped, then lines of each text file, then long lines cut —
// each by delta debugging (drop halves, then quarters, … while it still
// fails), within a budget of attempts and time.
import { file, textOf } from './tree.mjs';

/** The shortest sublist of `list` (dropping chunks) for which `fails` stays true. */
async function ddmin(list, fails, budget) {
  let current = list;
  for (let chunk = Math.ceil(current.length / 2); chunk >= 1 && current.length > 0;) {
    let removed = false;
    for (let start = 0; start < current.length && budget.left();) {
      const candidate = [...current.slice(0, start), ...current.slice(start + chunk)];
      if (await fails(candidate)) {
        current = candidate;
        removed = true;
      } else start += chunk;
    }
    if (!budget.left()) break;
    if (!removed || chunk === 1) chunk = chunk === 1 ? 0 : Math.floor(chunk / 2);
  }
  return current;
}

/**
 * `stillFails(tree)` → whether the tree fails as the original did. Returns
 * the smallest tree found and the number of attempts.
 */
export async function minimise(tree, stillFails, { attempts = 250, ms = 60_000 } = {}) {
  const deadline = Date.now() + ms;
  let tried = 0;
  const budget = { left: () => tried < attempts && Date.now() < deadline };
  const fails = async (t) => {
    tried++;
    return stillFails(t);
  };
  let best = tree;

  // Entries: whole files, links, folders.
  const keys = await ddmin(
    [...best.keys()],
    async (ks) => fails(new Map(ks.map((k) => [k, best.get(k)]))),
    budget,
  );
  best = new Map(keys.map((k) => [k, best.get(k)]));

  // Lines of each text file, then the characters of its long lines.
  for (const path of [...best.keys()].sort(
    (a, b) => best.get(b).data?.length - best.get(a).data?.length,
  )) {
    const text = textOf(best.get(path));
    if (text === undefined || text.length === 0 || !budget.left()) continue;
    const withLines = (lines) => new Map(best).set(path, file(lines.join('\n')));
    const lines = await ddmin(text.split('\n'), (ls) => fails(withLines(ls)), budget);
    best = withLines(lines);
    for (let i = 0; i < lines.length && budget.left(); i++) {
      while (lines[i].length > 80 && budget.left()) {
        const shorter = [...lines];
        shorter[i] = lines[i].slice(0, Math.ceil(lines[i].length / 2));
        if (!(await fails(withLines(shorter)))) break;
        lines[i] = shorter[i];
        best = withLines(lines);
      }
    }
  }
  return { tree: best, attempts: tried };
}

// An item's Markdown body: 120–350 words (mean about 240) in paragraphs of
// two to four sentences, the first of which links to the item's first source;
// a phrase in *emphasis* in about 60 % of bodies, a bullet list in about 20 %
// and a footnote ([^1] and its definition) in about 27 %.
import { DUTIES, MONTHS } from './vocabulary.mjs';

export const MIN_WORDS = 120;
export const MAX_WORDS = 350;

/** Words as the spec counts them: runs of non-space in the Markdown. */
export const countWords = (text) => text.split(/\s+/).filter(Boolean).length;

const EM = /\uE000([^\uE001]*)\uE001/g;
const cap = (s) => s.charAt(0).toUpperCase() + s.slice(1);

export function makeBody(r, item) {
  const target = r.int(MIN_WORDS, MAX_WORDS);
  const emphasis = r.chance(0.6) ? r.int(0, 3) : -1; // first sentence index that may carry it
  const note = r.chance(0.27) ? footnote(r, item) : null;
  const list = r.chance(0.2) ? bulletList(r, item) : null;
  const budget = MAX_WORDS - (note ? countWords(note) : 0);

  // The list's words count towards the target, as every other word of the body.
  const sentences = [item.opening((text) => `[${text}](${item.sources[0].url})`)];
  let words = countWords(sentences[0]) + (list ? countWords(list.join(' ')) : 0);
  const repeatable = item.sentences.filter((make) => !make.once);
  let pool = item.sentences;
  let deck = [];
  for (let misses = 0; words < target && misses < 8;) {
    // Every sentence once in random order, then again all but the once-only ones.
    if (deck.length === 0) deck = r.sample(pool, pool.length);
    pool = repeatable;
    const sentence = deck.pop()();
    const n = countWords(sentence);
    if (words + n > budget) {
      misses++; // too long for what is left: try another
      continue;
    }
    sentences.push(sentence);
    words += n;
  }

  // Sentences into paragraphs of 2–4, the list after the first paragraph.
  const blocks = [];
  for (let i = 0; i < sentences.length;) {
    const size = r.int(2, 4);
    blocks.push({ prose: true, start: i, text: sentences.slice(i, i + size) });
    i += size;
  }
  if (list) blocks.splice(1, 0, ...list.map((text) => ({ prose: false, text: [text] })));

  let emphasised = false;
  const paragraphs = blocks.map((block) => {
    if (!block.prose) return block.text[0];
    return block.text
      .map((s, k) =>
        s.replace(EM, (_, phrase) => {
          if (emphasised || emphasis < 0 || block.start + k < emphasis) return phrase;
          emphasised = true;
          return `*${phrase}*`;
        }),
      )
      .join(' ');
  });
  if (note) {
    const prose = blocks.flatMap((b, i) => (b.prose ? [i] : []));
    const at = prose[r.int(0, Math.min(2, prose.length - 1))];
    paragraphs[at] += '[^1]';
    paragraphs.push(note);
  }
  return `${paragraphs.join('\n\n')}\n`;
}

/** [intro, entries]: "Among other things, banks must:" and 3–5 "- Duty;" lines. */
function bulletList(r, item) {
  const entries = r.sample(DUTIES, r.int(3, 5));
  const last = entries.length - 1;
  return [item.list(), entries.map((d, i) => `- ${cap(d)}${i === last ? '.' : ';'}`).join('\n')];
}

function footnote(r, item) {
  const a = item.authorities[0];
  return `[^1]: ${r.pick([
    `The ${a.abbr} first announced this work in ${r.pick(MONTHS)} ${item.day.y - 1}.`,
    'Translation by the editors; only the Chinese text is authoritative.',
    `Figures as reported by the ${a.abbr}; they could not be checked independently.`,
    `An earlier item in this digest covered the same question for ${r.pick(['banks', 'hospitals', 'app stores', 'carmakers', 'schools'])}.`,
  ])}`;
}

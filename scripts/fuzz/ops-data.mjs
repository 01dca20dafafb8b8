// Operators on the two YAML files of a site: gazette.config.yaml and the
// authority registry, data/authorities.yaml.
import { editText, havoc, insertBytes, setField, STRUCTURE, topFields } from './edit.mjs';
import { file } from './tree.mjs';
import { BAD_BYTES, SCALARS, UNICODE } from './values.mjs';

const CONFIG = 'gazette.config.yaml';
const REGISTRY = 'data/authorities.yaml';

const CONFIG_VALUES = {
  baseUrl: [
    '/',
    '""',
    '/digest',
    'https://example.org',
    'https://example.org/digest',
    '//evil.com/',
    'ftp://x/',
    "'https://ex\"ample.org/'",
    'https://user:pw@x.org/',
    'https://x.org/?q',
    'https://x.org/#f',
    '"https://x.org/a b/"',
    'https://例子.测试/',
    'https://x.org/../',
    'https://x.org/%2e%2e/',
    'http://[::1]/',
    'https://x.org:99999/',
    'javascript:alert(1)',
    'relative/',
    '/a/../b/',
    '"https://x.org/\\u0000/"',
    'HTTPS://X.ORG/',
    'https://x.org/a%zz/',
    '\\\\server\\share',
    'https:x.org',
    'https://',
    'file:///tmp/',
    'https://x.org/<b>/',
    'https://x.org/a/./b/',
    'http://0/',
    'https://x.org//',
    '/%',
    '[/]',
    '/ä/',
  ],
  language: [
    'en',
    'EN',
    'en_US',
    'zz-',
    '123',
    'x'.repeat(40),
    'zh-Hans-CN',
    '"en\\n"',
    '[en]',
    '""',
    'i-klingon',
    'en-',
    '"en<script>"',
    'ab-cdefghijk',
    'de-DE-1996',
  ],
  perPage: [
    '0',
    '-1',
    '1',
    '10000',
    '10001',
    '1.5',
    '"50"',
    '1e3',
    '~',
    '[]',
    '0x10',
    '99999999999999999999',
    '2',
    '.inf',
  ],
  sections: [
    '[]',
    '~',
    'x',
    '[x]',
    '[{id: legislation}]',
    '[{id: items, title: Items}]',
    '[{id: Legislation, title: L}]',
    '[{id: legislation, title: A}, {id: legislation, title: B}]',
    '[{id: legislation, title: L, extra: 1}]',
    `[{id: ${'a'.repeat(120)}, title: x}]`,
    '[{id: __proto__, title: p}, {id: legislation}, {id: enforcement}, {id: courts}]',
    '[{id: constructor, title: c}, {id: legislation}, {id: enforcement}, {id: courts}]',
    '[{id: legislation, title: [a]}]',
    '{id: x}',
    '\n  - legislation\n  - enforcement',
    '[{id: legislation}, {id: enforcement}]',
    '[{id: courts}, {id: enforcement}, {id: legislation}]',
    '[{id: legislation}, {id: enforcement}, {id: courts}, {id: page, title: P}]',
    '[{id: legislation}, {id: enforcement}, {id: courts}, {id: feed, title: F}]',
    '[{id: legislation, title: ""}, {id: enforcement}, {id: courts}]',
    '[{id: legislation, title: "\\e"}, {id: enforcement}, {id: courts}]',
    '[{id: legislation}, {id: enforcement}, {id: courts}, {id: "", title: E}]',
    '[~]',
    '[[]]',
  ],
  title: SCALARS,
  description: SCALARS,
};

const WHOLE = [
  '',
  '\n',
  '---\n',
  '---\n---\n',
  '[]',
  'x',
  '~',
  '- a',
  '\ufeff',
  '\ufefftitle: BOM\n',
  'title: x\n---\ntitle: y\n',
  '%YAML 1.1\n---\ntitle: x\n',
  '# only a comment\n',
  '{}',
  'null',
  '!!map {}',
  '&a {title: x}',
  '...\n',
  '"just a string"',
  '? a\n: b\n',
  '[[[[',
  'a: *b',
];

const REGISTRY_VALUES = {
  name: [...SCALARS.slice(0, 40), 'x'.repeat(500), '"\\e[2J"', '[A, B]'],
  abbr: ['""', '[a]', 'A'.repeat(200), '~'],
  kind: ['Regulator', 'regulater', 'court ', '[court]', '__proto__', 'constructor', '""', 'other'],
  url: [
    'javascript:alert(1)',
    'ftp://x',
    'not a url',
    '"https://a b"',
    '//x',
    'https://',
    '[x]',
    '5',
  ],
  jurisdiction: ['[a]', '""', '中国'],
  name_original: ['[a]', '""', '"\\u0000"'],
};

const IDS = [
  'CAC',
  'c a c',
  'cac-',
  '-cac',
  '__proto__',
  'constructor',
  'toString',
  '123',
  'true',
  'null',
  '""',
  'x'.repeat(120),
  'c_a_c',
  'ćac',
  '[a]',
  '{a: 1}',
  '? a',
  'cac.',
  'hasOwnProperty',
];

/** A random top-level entry of the registry. */
const entry = (r, lines) => {
  const fields = topFields(lines);
  return fields.length > 0 ? r.pick(fields) : undefined;
};

const onFile = (path, name, change) => (r, tree, n) => {
  let what = '';
  const ok = editText(tree, path, (text) => {
    const made = change(r, text, n);
    what = made.what;
    return made.text;
  });
  return ok && what !== false && `${name}${what ? `: ${what}` : ''}`;
};

const yamlEdits = (path, prefix) => [
  {
    name: `${prefix}.havoc`,
    weight: 2,
    apply: onFile(path, `${prefix}.havoc`, (r, text) => {
      const k = r.int(1, 6);
      return { text: havoc(r, text, STRUCTURE, k), what: `${k} edits` };
    }),
  },
  {
    name: `${prefix}.whole`,
    weight: 1,
    apply: (r, tree) => {
      const text = r.pick(WHOLE);
      tree.set(path, file(text));
      return `${prefix}.whole: ${JSON.stringify(text)}`;
    },
  },
  {
    name: `${prefix}.bytes`,
    weight: 1,
    apply: (r, tree) => {
      const e = tree.get(path);
      if (e?.kind !== 'file') return false;
      const bytes = r.pick(BAD_BYTES);
      tree.set(path, insertBytes(r, e, bytes));
      return `${prefix}.bytes: ${bytes.map((b) => b.toString(16)).join(' ')}`;
    },
  },
  {
    name: `${prefix}.unicode`,
    weight: 1,
    apply: onFile(path, `${prefix}.unicode`, (r, text) => {
      const piece = r.pick(UNICODE);
      const at = r.int(0, text.length);
      return { text: text.slice(0, at) + piece + text.slice(at), what: JSON.stringify(piece) };
    }),
  },
  {
    name: `${prefix}.deep`,
    weight: 1,
    scale: [60, 20000],
    apply: onFile(path, `${prefix}.deep`, (r, text, n) => {
      const d = r.chance(0.3) ? r.pick([63, 64, 65]) : n;
      return { text: `${text}\nzzz: ${'['.repeat(d)}${']'.repeat(d)}\n`, what: `${d} deep` };
    }),
  },
  {
    name: `${prefix}.aliases`,
    weight: 1,
    scale: [3, 12],
    apply: onFile(path, `${prefix}.aliases`, (r, text, n) => {
      const lines = ['l0: &l0 [x, x, x, x, x, x, x, x, x, x]'];
      for (let i = 1; i <= n; i++)
        lines.push(
          `l${i}: &l${i} [${Array(10)
            .fill(`*l${i - 1}`)
            .join(', ')}]`,
        );
      return { text: `${text}\n${lines.join('\n')}\n`, what: `${n} levels of 10` };
    }),
  },
];

export const DATA_OPS = [
  {
    name: 'config.value',
    weight: 6,
    apply: onFile(CONFIG, 'config.value', (r, text) => {
      const lines = text.split('\n');
      const key = r.pick(Object.keys(CONFIG_VALUES));
      const value = r.pick(CONFIG_VALUES[key]);
      setField(r, lines, key, value);
      return { text: lines.join('\n'), what: `${key}: ${JSON.stringify(value)}` };
    }),
  },
  {
    name: 'config.key',
    weight: 2,
    apply: onFile(CONFIG, 'config.key', (r, text) => {
      const lines = text.split('\n');
      const f = entry(r, lines);
      const name = r.pick([
        'baseURL',
        'base_url',
        'Title',
        'perpage',
        '__proto__',
        'constructor',
        'x',
        '"title"',
      ]);
      if (f && r.chance(0.5)) lines[f.start] = lines[f.start].replace(f.key, name);
      else lines.push(`${name}: ${r.pick(SCALARS)}`);
      return { text: lines.join('\n'), what: name };
    }),
  },
  {
    name: 'config.missing',
    weight: 1,
    apply: (r, tree) => tree.delete(CONFIG) && 'config.missing',
  },
  ...yamlEdits(CONFIG, 'config'),
  {
    name: 'registry.value',
    weight: 5,
    apply: onFile(REGISTRY, 'registry.value', (r, text) => {
      const lines = text.split('\n');
      const f = entry(r, lines);
      if (!f) return { text, what: false };
      const key = r.pick([...Object.keys(REGISTRY_VALUES), 'extra', 'Name', '__proto__']);
      const value = r.pick(Object.hasOwn(REGISTRY_VALUES, key) ? REGISTRY_VALUES[key] : SCALARS);
      const own = lines.slice(f.start + 1, f.end);
      const at = own.findIndex((l) => l.startsWith(`  ${key}:`));
      if (at >= 0) lines[f.start + 1 + at] = `  ${key}: ${value.split('\n').join('\n    ')}`;
      else lines.splice(f.start + 1, 0, `  ${key}: ${value.split('\n').join('\n    ')}`);
      return { text: lines.join('\n'), what: `${f.key}.${key}: ${JSON.stringify(value)}` };
    }),
  },
  {
    name: 'registry.id',
    weight: 3,
    apply: onFile(REGISTRY, 'registry.id', (r, text) => {
      const lines = text.split('\n');
      const f = r.chance(0.5) ? topFields(lines).find((x) => x.key === 'cac') : entry(r, lines);
      if (!f) return { text, what: false };
      const id = r.pick(IDS);
      lines[f.start] = `${id}:`;
      return { text: lines.join('\n'), what: `${f.key} → ${JSON.stringify(id)}` };
    }),
  },
  {
    name: 'registry.entry',
    weight: 3,
    apply: onFile(REGISTRY, 'registry.entry', (r, text) => {
      const lines = text.split('\n');
      const f = entry(r, lines);
      if (!f) return { text, what: false };
      const kind = r.int(0, 3);
      const replace = [[], [`${f.key}: just a name`], [`${f.key}: [a, b]`], [`${f.key}:`]][kind];
      lines.splice(f.start, f.end - f.start, ...replace);
      return {
        text: lines.join('\n'),
        what: `${f.key} ${['removed', 'a string', 'a list', 'empty'][kind]}`,
      };
    }),
  },
  {
    name: 'registry.many',
    weight: 1,
    scale: [100, 20000],
    apply: onFile(REGISTRY, 'registry.many', (r, text, n) => {
      const more = Array.from(
        { length: n },
        (_, i) => `auth-${i}:\n  name: Authority ${i}\n  kind: regulator`,
      );
      return { text: `${text}\n${more.join('\n')}\n`, what: `${n} more` };
    }),
  },
  ...yamlEdits(REGISTRY, 'registry'),
];

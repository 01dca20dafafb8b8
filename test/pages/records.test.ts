import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DevSession } from '../../src/dev/session.js';
import { ITEM_FIELDS } from '../../src/schema/item.js';
import { itemJsonSchema } from '../../src/schema/json-schema.js';
import { AUTHORITIES, BULLETIN, item, makeSite, page, removeSite, run } from '../helpers.js';

let root: string;
const out = () => join(root, 'dist');

beforeAll(async () => {
  root = makeSite({
    'data/authorities.yaml': AUTHORITIES,
    'content/bulletins/2022-02.md': BULLETIN,
    'content/items/draft.md': item({
      title: 'Draft rules out',
      category: 'legislation',
      date: '2021-10-05',
      status: 'draft',
      instrument: 'app-rules',
      authority: 'cac',
    }),
    'content/items/adopted.md': item({
      title: 'Rules adopted',
      category: 'legislation',
      date: '2022-01-04',
      status: 'adopted',
      effective: '2022-03-01',
      instrument: 'app-rules',
    }),
    'content/items/fined.md': item({
      title: 'Fine of RMB 16.74 million',
      fine: '"RMB 16.74 million"',
      updated: '2022-02-20',
      correction: 'The amount was misstated as RMB 1.674 million.',
    }),
  });
  const result = await run('build', '--root', root);
  expect(result.stderr).toBe('');
});
afterAll(() => removeSite(root));

describe('instrument timelines', () => {
  it('tells an instrument story in date order, with its entry into force', () => {
    const doc = page(out(), 'instruments/app-rules/index.html');
    const steps = [...doc.querySelectorAll('.timeline-step')].map((li) =>
      li.textContent!.replace(/\s+/g, ' ').trim(),
    );
    expect(steps).toEqual([
      'October 5, 2021 Draft for comments: Draft rules out (CAC)',
      'January 4, 2022 Adopted: Rules adopted',
      'March 1, 2022 Takes effect: Rules adopted',
    ]);
    const index = page(out(), 'instruments/index.html');
    expect(index.querySelector('.item-link')!.textContent).toBe('Rules adopted');
    const itemPage = page(out(), 'items/draft/index.html');
    expect(itemPage.querySelector('.instrument-link a')!.getAttribute('href')).toBe(
      '../../instruments/app-rules/',
    );
  });
});

describe('instrument timelines with a registry of instruments', () => {
  let site: string;
  const files = {
    'data/authorities.yaml': AUTHORITIES,
    'data/instruments.yaml': [
      'app-rules:',
      '  name: Provisions on Mobile App Information Services',
      '  name_original: 移动互联网应用程序信息服务管理规定',
      '  kind: provisions',
      '  authority: cac',
      'review-measures:',
      '  name: Cybersecurity Review Measures',
      '',
    ].join('\n'),
    'content/bulletins/2022-02.md': BULLETIN,
    'content/items/draft.md': item({
      title: 'Draft rules out',
      category: 'legislation',
      date: '2021-10-05',
      status: 'draft',
      instrument: 'app-rules',
    }),
    'content/items/review.md': item({
      title: 'Revised Cybersecurity Review Measures Released',
      category: 'legislation',
      date: '2022-01-04',
      status: 'adopted',
      effective: '2022-02-15',
      instrument: 'review-measures',
    }),
    'content/items/adopted.md': item({
      title: 'Rules adopted',
      category: 'legislation',
      date: '2022-01-10',
      status: 'adopted',
      instrument: 'app-rules',
    }),
  };
  beforeAll(async () => {
    site = makeSite(files);
    expect((await run('build', '--root', site)).stderr).toBe('');
  });
  afterAll(() => removeSite(site));

  it('names each instrument as the registry does, the one that moved last first', () => {
    const index = page(join(site, 'dist'), 'instruments/index.html');
    // Review measures: in force on February 15, after the app rules' adoption on January 10.
    expect([...index.querySelectorAll('.item-link')].map((a) => a.textContent)).toEqual([
      'Cybersecurity Review Measures',
      'Provisions on Mobile App Information Services',
    ]);
    expect(index.querySelectorAll('.item-facts')[1]!.textContent).toBe(
      'provisions · CAC · 2 steps · October 5, 2021 – January 10, 2022',
    );
    const app = page(join(site, 'dist'), 'instruments/app-rules/index.html');
    expect(app.querySelector('h1')!.textContent).toBe(
      'Provisions on Mobile App Information Services',
    );
    expect(app.querySelector('title')!.textContent).toMatch(/^Provisions on Mobile App/);
    expect(app.querySelector('.original')!.textContent).toBe('移动互联网应用程序信息服务管理规定');
    expect(app.querySelector('.list-head .item-facts a')!.getAttribute('href')).toBe(
      '../../authorities/cac/',
    );
  });

  it('follows an edit of the registry in dev as a full build would', async () => {
    const root = makeSite(files);
    try {
      const session = new DevSession({ root });
      await session.start();
      writeFileSync(
        join(root, 'data/instruments.yaml'),
        files['data/instruments.yaml'].replace('Cybersecurity Review Measures', 'Review Measures'),
      );
      expect((await session.update(['data/instruments.yaml'])).diagnostics).toEqual([]);
      expect((await run('build', '--root', root)).code).toBe(0);
      for (const file of ['instruments/index.html', 'instruments/review-measures/index.html'])
        expect(String(session.snapshot().get(file)), file).toBe(
          readFileSync(join(root, 'dist', file), 'utf8'),
        );
      expect(String(session.get('instruments/index.html'))).toContain('>Review Measures<');
      // An id the registry lacks is an error once there is a registry.
      writeFileSync(
        join(root, 'data/instruments.yaml'),
        files['data/instruments.yaml'].replace('review-measures:', 'review-measure:'),
      );
      const update = await session.update(['data/instruments.yaml']);
      expect(update.diagnostics.map((d) => [d.file, d.code, d.hint])).toEqual([
        [
          'content/items/review.md',
          'instrument-unknown',
          'did you mean "review-measure"? Instruments are defined in data/instruments.yaml.',
        ],
      ]);
    } finally {
      removeSite(root);
    }
  });
});

describe('corrections', () => {
  it('lists every corrected item with the correction', () => {
    const doc = page(out(), 'corrections/index.html');
    const entries = [...doc.querySelectorAll('.item-list li')];
    expect(entries).toHaveLength(1);
    expect(entries[0]!.textContent).toContain('The amount was misstated as RMB 1.674 million.');
    expect(entries[0]!.querySelector('time')!.getAttribute('datetime')).toBe('2022-02-20');
  });
});

describe('open data', () => {
  it('publishes every item with exact fine amounts and month precision kept', () => {
    const data = JSON.parse(readFileSync(join(out(), 'data/items.json'), 'utf8')) as {
      items: Record<string, unknown>[];
    };
    expect(data.items.map((i) => i.slug)).toEqual(['fined', 'adopted', 'draft']);
    expect(data.items[0]!.fines).toEqual([
      { amount: '16740000.00', currency: 'CNY', display: 'RMB 16.74 million', kind: 'exact' },
    ]);
    expect(data.items[0]!.bulletin).toBe('2022-02');
    const bulletin = JSON.parse(
      readFileSync(join(out(), 'data/bulletins/2022-02.json'), 'utf8'),
    ) as { sections: { id: string; items: { slug: string }[] }[] };
    expect(bulletin.sections.map((s) => [s.id, s.items.map((i) => i.slug)])).toEqual([
      ['legislation', ['adopted']],
      ['enforcement', ['fined']],
    ]);
  });

  it('publishes a JSON Schema naming exactly the fields gazette accepts', () => {
    const schema = JSON.parse(readFileSync(join(out(), 'data/item.schema.json'), 'utf8')) as {
      properties: object;
      required: string[];
    };
    expect(Object.keys(schema.properties).sort()).toEqual([...ITEM_FIELDS].sort());
    expect(schema.required).toEqual(['title', 'date', 'category']);
    expect(itemJsonSchema(['a'])).toMatchObject({ properties: { category: { enum: ['a'] } } });
  });

  it('describes every form of a fine, the ones not known exactly included', () => {
    const schema = itemJsonSchema(['a']) as {
      properties: { fine: { oneOf: [{ oneOf: object[] }, { items: { oneOf: object[] } }] } };
    };
    const forms = schema.properties.fine.oneOf[0].oneOf as {
      type: string;
      required?: string[];
      properties?: object;
      additionalProperties?: boolean;
    }[];
    // The same forms alone and in a list.
    expect(schema.properties.fine.oneOf[1].items.oneOf).toEqual(forms);
    expect(
      forms.map((f) => [f.type, f.required, f.properties && Object.keys(f.properties)]),
    ).toEqual([
      ['string', undefined, undefined],
      ['number', undefined, undefined],
      ['object', ['amount'], ['amount', 'currency']],
      ['object', ['min', 'max'], ['min', 'max', 'currency']],
      ['object', ['description'], ['description', 'currency']],
    ]);
    // A map with any other field ({undisclosed: true}) is not a fine.
    expect(forms.every((f) => f.type !== 'object' || f.additionalProperties === false)).toBe(true);
  });
});

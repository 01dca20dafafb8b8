// The valid site every case starts from: a small generated site
// (scripts/gen-site.mjs: items, bulletins, 40 authorities) and hand-written
// seed files that use every field of an item, a bulletin, an authority and
// the configuration, and public/ files; gazette builds it without a problem.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateSite } from '../gen-site.mjs';
import { clear, file, readTree } from './tree.mjs';

export const SEEDS = {
  'gazette.config.yaml': `# every key of the configuration
title: Fuzzed Digest
description: A digest the fuzzer takes apart
baseUrl: https://example.org/digest/
language: en-GB
perPage: 4
sections:
  - id: legislation
    title: Legislation
  - id: enforcement
    title: Enforcement Cases
  - {id: courts, title: Courts Litigation}
`,
  'content/items/seed/every-field.md': `---
title: Every Field Fined RMB 1.5 Million
title_original: 每个字段
date: 2000-01-20
category: enforcement
authority: [cac, samr]
party: [Every Field Co., Ltd., "Second Party"]
fine: RMB 1.5 million
sector: [banking, insurance]
legal_basis: PIPL Art. 66
jurisdiction: Shanghai
tags: [credit-information, banking]
slug: every-field
weight: -2
draft: false
summary: Every field an item can have, in one file.
instrument: data-law
bulletin: 2000-02
updated: 2000-01-25
correction: The fine was first given in the wrong currency.
aliases: [/old/every-field/, /2000/01/every-field/]
sources:
  - title: Penalty decision
    publisher: Shanghai CAC
    url: https://example.org/decision?id=1&x=2
    date: 2000-01-20
  - https://example.org/press-release
  - title: A source without an address
---
The regulator fined the company[^a] after [an inspection](https://example.org/inspection "Inspection").
See also [the guide](../guide/) and [mail us](mailto:editors@example.org).

> A quotation with *emphasis*, **strength** and \`code\`.

1. First
2. Second
   - nested with a note[^b]

| a | b |
| - | - |
| 1 | 2 |

\`\`\`
code block [^not-a-note]
\`\`\`

[^a]: The company is named in the decision.
[^b]: A second note, with a [link](https://example.org/b).
`,
  'content/items/seed/fine-forms.md': `---
title: Fines in Every Form
date: 2000-02
category: courts
authority: cac
party: A Court Party
fine:
  - 2000
  - {amount: "300,000", currency: RMB}
  - {amount: 12.5}
currency: EUR
status: effective
effective: 2000-03-01
tags: [fines]
---
Three fines: a number with \`currency\`, an amount with its own currency, and one leaning on \`currency\`.
`,
  'content/items/seed/legislation.md': `---
title: Data Law Adopted
date: 2000-02-10
category: legislation
authority: npc-sc
status: adopted
effective: 2000-06-01
instrument: data-law
sources: [https://example.org/law]
---
The law was adopted.[^1] It takes effect in June.

[^1]: Adopted by the Standing Committee.
`,
  'content/items/seed/draft.md': `---
title: A Draft Item
date: 2000-01-05
category: legislation
draft: true
---
Left out of the build.
`,
  'content/items/seed/future.md': `---
title: A Future Item
date: 2090-01-05
category: legislation
---
Dated after the build date: left out.
`,
  'content/items/seed/year.md': `---
title: A Year Item
date: 2000
category: courts
bulletin: 2000-05
---
Dated to a year, in a bulletin it names.
`,
  'content/bulletins/2000-05.md': `---
title: Spring 2000
date: 2000-05-10
covers: {from: 2000-03-01, to: 2000-04-30}
---
A bulletin whose period is given by its two ends, with a note.[^n]

[^n]: Bulletins have notes too.
`,
  'content/bulletins/2000-06.md': `---
date: 2000-06-10
covers: 2000-05
draft: true
---
A draft bulletin.
`,
  'content/items/seed/spring.md': `---
title: A Spring Item
date: 2000-03-15
category: enforcement
authority: every-field-authority
fine: "¥300,000"
---
In the bulletin that covers March and April.
`,
  'public/CNAME': 'digest.example.org\n',
  'public/.nojekyll': '',
  'public/img/logo.svg':
    '<svg xmlns="http://www.w3.org/2000/svg" width="1" height="1"><rect width="1" height="1"/></svg>\n',
};

const EXTRA_AUTHORITIES = `npc-sc:
  name: Standing Committee of the National People's Congress
  abbr: NPCSC
  kind: legislature
every-field-authority:
  name: Authority With Every Field
  abbr: AWEF
  name_original: 全字段机关
  kind: standards-body
  jurisdiction: Shanghai
  url: https://example.org/authority
`;

/** The base site as a tree (deterministic). */
export function baseTree() {
  const dir = mkdtempSync(join(tmpdir(), 'gazette-fuzz-base-'));
  try {
    generateSite({ items: 6, out: join(dir, 'site'), seed: 'fuzz', perMonth: 3, start: '2000-01' });
    const tree = readTree(join(dir, 'site'));
    tree.delete('corpus.json');
    for (const [path, text] of Object.entries(SEEDS)) tree.set(path, file(text));
    const registry = new TextDecoder().decode(tree.get('data/authorities.yaml').data);
    tree.set('data/authorities.yaml', file(`${registry}${EXTRA_AUTHORITIES}`));
    return tree;
  } finally {
    clear(dir);
  }
}

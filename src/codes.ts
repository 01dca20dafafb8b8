/**
 * Every diagnostic code gazette reports, in one table: what it means and, in
 * general, how to fix it (each diagnostic's own hint says it for the case at
 * hand). A code is stable: once published, it never changes meaning. The
 * README's "Error codes" table is this one; a test keeps the two equal, and
 * another that every code the tests meet is here. `Code` is the type every
 * diagnostic is made with, so a code missing from the table does not compile.
 */
export const CODES = {
  // The site folder and its files
  'root-missing': ['the site folder does not exist', 'pass the site folder with --root'],
  'file-unreadable': ['a file or folder of the site cannot be read', 'fix its permissions'],
  'symlink-outside': [
    'a symbolic link leads out of the site',
    'copy the file into the site instead of linking to it',
  ],
  'symlink-broken': ['a symbolic link points to nothing', 'remove it or restore its target'],
  'symlink-folder': [
    'a link to a folder inside content/ or templates/',
    'move the files into the folder, or link each file',
  ],
  'symlink-loop': [
    'a link in public/ leads back to a folder it is inside of',
    'remove the link, or link to the files it should add',
  ],
  'content-misplaced': [
    'a Markdown file under content/ that would not be published',
    'items go in content/items/, bulletins directly in content/bulletins/',
  ],
  encoding: ['the file is not UTF-8', 'save it as UTF-8'],
  'text-control': [
    'a control character (U+0000–U+001F, U+007F–U+009F) in the text',
    'delete it, or write the character it stands for',
  ],
  'text-surrogate': ['half of a UTF-16 character (a lone surrogate)', 'write the whole character'],

  // Front matter and YAML
  'frontmatter-missing': ['the file does not start with front matter', 'begin it with a line ---'],
  'frontmatter-unclosed': ['the front matter is never closed', 'add a line --- after it'],
  'frontmatter-delimiter': [
    'a line that looks like the front matter’s end but is not',
    'make it exactly --- or move it into the body',
  ],
  'frontmatter-language': ['front matter in a language other than YAML', 'write it in YAML'],
  'yaml-syntax': ['the YAML cannot be read', 'see the hint: usually a quote or a colon'],
  'yaml-duplicate-key': ['a field appears twice', 'remove one of the two'],
  'yaml-key': ['a key YAML allows but gazette does not (empty, a list)', 'write a plain name'],
  'yaml-tag': ['a YAML tag such as !!binary or !!js/function', 'write the value as plain text'],
  'yaml-alias': ['a YAML alias that names no anchor, or itself', 'write the value out'],
  'yaml-alias-bomb': [
    'YAML aliases that expand to far more than the file holds',
    'write the values out instead of repeating aliases',
  ],
  'yaml-too-deep': ['YAML nested more than 64 levels deep', 'flatten the structure'],

  // Fields
  'field-unknown': ['a field gazette does not know (often a typo)', 'see the suggestion'],
  'field-required': ['a required field is missing', 'add it'],
  'field-empty': ['a field is empty', 'give it a value or remove it'],
  'field-type': ['a field holds the wrong kind of value (a list for text…)', 'see the hint'],
  'field-unused': ['a field that only means something beside another one', 'add the other'],
  'id-invalid': [
    'an id (a tag, an instrument, a bulletin) in the wrong form',
    'write lowercase letters, digits and hyphens (a bulletin: YYYY-MM)',
  ],
  'name-too-long': ['a name used in addresses is over 100 characters', 'shorten it'],
  'date-invalid': [
    'a date that is not YYYY-MM-DD, YYYY-MM or YYYY, or does not exist',
    'see the accepted forms in the hint',
  ],
  'date-order': ['a period that ends before it begins', 'swap the two dates'],
  'category-unknown': ['a category that is no section of the site', 'see the suggestion'],
  'status-unknown': ['a status other than draft, adopted, effective, repealed', 'pick one'],
  'kind-unknown': ['an authority or instrument kind gazette does not know', 'see the suggestion'],
  'authority-unknown': ['an authority id not in data/authorities.yaml', 'see the suggestion'],
  'authority-id': ['an authority id in the wrong form', 'lowercase letters, digits, hyphens'],
  'instrument-unknown': [
    'an instrument id not in data/instruments.yaml, when the site has that file',
    'see the suggestion, or add the instrument to the file',
  ],
  'config-invalid': ['a value of gazette.config.yaml or of an option is wrong', 'see the hint'],

  // Fines
  'fine-invalid': ['a fine that cannot be read as an amount', 'write e.g. "RMB 300,000"'],
  'fine-ambiguous': [
    'an amount that reads two ways ("2.000": two, or two thousand?)',
    'write the one meant, as the hint shows',
  ],
  'fine-currency': ['a fine without a currency, or an unknown one', 'add an ISO 4217 code'],
  'fine-negative': ['a fine below zero', 'write the amount without a minus sign'],
  'fine-range': [
    'a range of a fine without min or max, in two currencies, or not min below max',
    'write {min: 50, max: 800, currency: EUR}',
  ],

  // Links and sources
  'url-unsafe': [
    'a link that is not http(s), mailto or relative (javascript:, data:…)',
    'link to a web address',
  ],
  'url-invalid': ['a source address that is not one http(s) URL', 'write each URL on its own'],

  // Markdown notes
  'footnote-undefined': ['a note reference [^x] with no definition', 'add the definition'],
  'footnote-unused': ['a note defined but never referred to', 'refer to it or delete it'],
  'footnote-duplicate': ['a note defined twice', 'keep one definition'],
  'footnote-nested': [
    'a note that refers to another note',
    'move the reference into the text, or merge the notes',
  ],

  // Items and bulletins in the site
  'slug-invalid': ['an item whose URL name cannot be used', 'rename the file or set "slug"'],
  'slug-duplicate': ['two items with one URL name', 'rename one or set its "slug"'],
  'bulletin-id': ['a bulletin file not named YYYY-MM.md', 'rename it after its month'],
  'bulletin-unknown': ['an item names a bulletin that does not exist', 'create it or fix the id'],
  'bulletin-overlap': ['two bulletins cover the same days', 'set "covers" so they do not'],
  'alias-invalid': ['an alias that is not a site path', 'write it from the site root: /old/path/'],
  'alias-self': ['an alias that is the item’s own address', 'remove it'],
  'alias-conflict': ['an alias at the address of a page gazette makes', 'remove or change it'],
  'alias-duplicate': ['two items claim one old address', 'keep it on one of them'],
  'public-conflict': [
    'a file of public/ at the address of a file gazette makes',
    'rename or move it',
  ],

  // Templates
  'template-syntax': ['a template that does not compile', 'see the hint'],
  'template-render': ['a template that fails while a page is made', 'see the hint'],
  'asset-conflict': [
    'a theme asset in a folder another asset is written as a file',
    'rename or move it',
  ],
} as const satisfies Record<string, readonly [means: string, fix: string]>;

export type Code = keyof typeof CODES;

export function isCode(text: string): text is Code {
  return Object.hasOwn(CODES, text);
}

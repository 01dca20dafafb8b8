/**
 * Each inline token is finished as soon as it is parsed: markdown-it's core
 * steps that follow its inline step (linkify, joining text), our marks on
 * links inside the site, then rendered to HTML, which replaces its children.
 * Children are most of a body's tokens (1.9 million for a 20 MB body, some
 * 340 MB); kept until the whole body was rendered, they were most of its
 * memory. The HTML is the same: markdown-it renders an inline token's
 * children on their own in any case.
 */
import type { MarkdownIt, StateCore, Token } from 'markdown-it';
import type { RenderEnv } from './env.js';
import { markSiteLinks } from './site-links.js';

/** The core steps markdown-it runs after its inline step. */
const AFTER_INLINE = ['linkify', 'replacements', 'smartquotes', 'text_join'];

export type CoreStep = (state: StateCore) => void;

/**
 * Takes markdown-it's steps after its inline step out of its chain, to run
 * them per token. Its first step, which normalises line breaks and U+0000,
 * copied every body (every line break matches) even when nothing changes:
 * it now runs only when there is something to change.
 */
export function renderInlineEarly(md: MarkdownIt): CoreStep[] {
  const normalize = md.core.ruler.__rules__.find((r) => r.name === 'normalize')!.fn;
  md.core.ruler.at('normalize', (state) => {
    // eslint-disable-next-line no-control-regex
    if (/[\r\u0000]/.test(state.src)) normalize(state);
  });
  const steps = AFTER_INLINE.map((name) => {
    const found = md.core.ruler.__rules__.find((r) => r.name === name);
    if (!found) throw new Error(`markdown-it has no core rule "${name}"`);
    return found.fn;
  });
  md.core.ruler.disable(AFTER_INLINE);
  md.renderer.rules[RENDERED] = (tokens, idx) => tokens[idx]!.content;
  return steps;
}

const RENDERED = 'gazette_rendered';

/** What the core steps use of their state; an inline rule's state has it too. */
type StateLike = Pick<StateCore, 'md' | 'env' | 'Token' | 'src'>;

/**
 * Finishes an inline token and leaves it with one child, its HTML; returns
 * the plain text of its children when asked (for a summary).
 */
export function finishInline(token: Token, state: StateLike, wantText = false): string {
  const { md, Token } = state;
  const env = state.env as RenderEnv;
  const one = { src: state.src, env, md, Token, tokens: [token], inlineMode: false };
  for (const step of env.stepsAfterInline) step(one as StateCore);
  const children = token.children ?? [];
  const text = wantText ? plainText(children) : '';
  markSiteLinks(children, env.sitePath);
  const html = new Token(RENDERED, '', 0);
  html.content = md.renderer.renderInline(children, md.options, env);
  // Reading the string flattens the pieces the renderer concatenated.
  void Number(html.content);
  token.children = [html];
  return text;
}

function plainText(children: Token[]): string {
  return children
    .map((c) =>
      c.type === 'text' || c.type === 'code_inline' ? c.content : c.type === 'softbreak' ? ' ' : '',
    )
    .join('')
    .trim();
}

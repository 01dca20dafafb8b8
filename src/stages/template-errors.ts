import { diagnostic, START, type Diagnostic, type Position } from '../diagnostics.js';

/**
 * A template's errors as a theme's author needs them: where in the template,
 * what went wrong, and how to fix it. Eta names the line of a tag left open;
 * for JavaScript that does not parse and for an error while rendering, the
 * place is found in the template's text where the message allows.
 */
export function syntaxProblem(file: string, text: string, error: Error): Diagnostic {
  const message = error.message;
  const unclosed = /unclosed (tag|string) at line (\d+) col (\d+)/.exec(message);
  if (unclosed) {
    return diagnostic(
      file,
      { line: Number(unclosed[2]), column: Number(unclosed[3]) },
      'template-syntax',
      `this template has an unclosed ${unclosed[1]}`,
      unclosed[1] === 'tag' ? 'close the tag with %>' : 'close the string',
    );
  }
  const cause = message.split('\n').find((line, i) => i > 0 && line.trim() !== '') ?? message;
  return diagnostic(
    file,
    START,
    'template-syntax',
    `the JavaScript in this template does not parse: ${cause.trim()}`,
    'check that every { opened in a <% %> tag (an if, a for) is closed by a <% } %>',
  );
}

export function renderProblem(
  file: string,
  name: string,
  text: string | undefined,
  error: unknown,
): Diagnostic {
  const first = messageOf(error).split('\n')[0]!;
  const property = /reading '([^']+)'/.exec(first)?.[1];
  const undefinedName = /^(\w+) is not defined/.exec(first)?.[1];
  const at = text === undefined ? START : locate(text, property ? `.${property}` : undefinedName);
  return diagnostic(
    file,
    at,
    'template-render',
    `template "${name}" failed: ${first}`,
    property
      ? `the value before ".${property}" is missing for some page: check it first, e.g. <% if (it.x) { %>…<% } %>`
      : 'see the README\'s "Templates" section for the data each template receives',
  );
}

/** What a template threw, in words: its message, or what kind of value it was (`throw null`). */
function messageOf(error: unknown): string {
  const message =
    typeof error === 'object' && error !== null
      ? (error as { message?: unknown }).message
      : undefined;
  if (typeof message === 'string' && message !== '') return message;
  if (error instanceof Error) return error.name;
  if (typeof error === 'object')
    return `it threw ${error === null ? 'null' : 'a value that is not an Error'}`;
  if (typeof error === 'function') return 'it threw a function';
  return `it threw ${typeof error === 'string' ? JSON.stringify(error) : String(error)}`;
}

/** The first place `needle` stands inside a `<% … %>` tag of the template, or 1:1. */
function locate(text: string, needle: string | undefined): Position {
  if (!needle) return START;
  for (const tag of text.matchAll(/<%[\s\S]*?%>/g)) {
    const inside = tag[0].indexOf(needle);
    if (inside < 0) continue;
    const offset = tag.index + inside;
    const before = text.slice(0, offset).split('\n');
    return { line: before.length, column: before[before.length - 1]!.length + 1 };
  }
  return START;
}

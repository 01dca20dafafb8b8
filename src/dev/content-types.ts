/**
 * The Content-Type of each file extension the previews serve (`gazette dev`
 * and `gazette serve`); anything else is `application/octet-stream`. A Map,
 * so that a file named `x.constructor` finds no type.
 */
const TYPES = new Map<string, string>([
  ['html', 'text/html; charset=utf-8'],
  ['css', 'text/css; charset=utf-8'],
  ['js', 'text/javascript; charset=utf-8'],
  ['mjs', 'text/javascript; charset=utf-8'],
  ['json', 'application/json; charset=utf-8'],
  ['xml', 'application/xml; charset=utf-8'],
  ['txt', 'text/plain; charset=utf-8'],
  ['ics', 'text/calendar; charset=utf-8'],
  ['csv', 'text/csv; charset=utf-8'],
  ['webmanifest', 'application/manifest+json; charset=utf-8'],
  ['svg', 'image/svg+xml'],
  ['png', 'image/png'],
  ['jpg', 'image/jpeg'],
  ['jpeg', 'image/jpeg'],
  ['gif', 'image/gif'],
  ['webp', 'image/webp'],
  ['avif', 'image/avif'],
  ['ico', 'image/x-icon'],
  ['pdf', 'application/pdf'],
  ['woff', 'font/woff'],
  ['woff2', 'font/woff2'],
]);

export const TEXT = TYPES.get('txt')!;

/** The Content-Type for a file name or path, by its extension (any case). */
export function contentType(file: string): string {
  const name = file.slice(file.lastIndexOf('/') + 1);
  const dot = name.lastIndexOf('.');
  return (
    (dot < 0 ? undefined : TYPES.get(name.slice(dot + 1).toLowerCase())) ??
    'application/octet-stream'
  );
}

/**
 * The script `gazette dev` injects into every page it serves (never into a
 * build): it listens for reload events and shows content errors over the page.
 */
export const CLIENT_SCRIPT = `(() => {
  const here = decodeURIComponent(location.pathname);
  const events = new EventSource('/__gazette/events');
  let overlay;
  const show = (errors) => {
    if (overlay) overlay.remove();
    overlay = undefined;
    if (!errors.length) return;
    overlay = document.createElement('div');
    overlay.id = 'gazette-errors';
    overlay.setAttribute('role', 'alert');
    overlay.style.cssText = 'position:fixed;inset:auto 0 0 0;max-height:60vh;overflow:auto;z-index:2147483647;' +
      'background:#2b0d0d;color:#ffe9e9;font:13px/1.5 ui-monospace,monospace;padding:16px 20px;white-space:pre-wrap;' +
      'box-shadow:0 -4px 16px rgba(0,0,0,.4)';
    const head = document.createElement('strong');
    head.textContent = errors.length + (errors.length === 1 ? ' error' : ' errors') +
      ': the site shown is the last good build. Fix the file and save.';
    overlay.append(head, document.createTextNode('\\n\\n' + errors.map((d) =>
      d.file + ':' + d.line + ':' + d.column + ': error[' + d.code + ']: ' + d.message + (d.hint ? '\\n  hint: ' + d.hint : '')
    ).join('\\n')));
    document.body.append(overlay);
  };
  events.addEventListener('errors', (e) => show(JSON.parse(e.data)));
  events.addEventListener('reload', (e) => {
    const { all, paths, css } = JSON.parse(e.data);
    if (all || paths.includes(here) || (here.endsWith('/') && paths.includes(here + 'index.html'))) {
      location.reload();
    } else if (css) {
      for (const link of document.querySelectorAll('link[rel=stylesheet]')) {
        const url = new URL(link.href);
        url.searchParams.set('v', Date.now());
        link.href = url.href;
      }
    }
  });
})();
`;

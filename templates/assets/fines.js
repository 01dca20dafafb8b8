// The fines tracker, enhanced: sort by any column; filter by party, sector or
// legal basis (free text), authority, year, currency and amount; page through
// the result at 25, 50 or 100 rows; the view kept in the address
// (?q=bank&authority=cac&sort=amount&page=2) so that it can be shared and
// reloaded. Without this script each page of the table shows its own rows,
// newest first, with links to the others.
//
// The rows come from /fines/table.json, fetched at the first use of a control
// (at once when the address holds a view), with each row's rank in the order
// of each column, worked out at build time. The script filters those arrays,
// sorts them by comparing ranks, and writes only the rows of the page shown.
// The totals tables sort in place. Plain browser JavaScript, no build.
(function () {
  'use strict';
  var table = document.getElementById('fines-table');
  var form = document.getElementById('fines-filter');
  var status = document.getElementById('fines-status');
  var pager = document.getElementById('fines-pages');
  var collator = new Intl.Collator('en', { sensitivity: 'base', numeric: true });
  // Amounts are compared as BigInts in ten-thousandths of the currency unit, the
  // most minor digits any currency has (2 for EUR, 0 for JPY, 3 for KWD, 4 for CLF).
  var SCALE = 4;
  if (!window.BigInt || !window.fetch) return;
  sortableTotals(document.getElementById('fines-by-year'));
  sortableTotals(document.getElementById('fines-by-authority'));
  if (!table || !form || !status || !pager) return;

  var tbody = table.tBodies[0];
  var headers = [].slice.call(table.tHead.rows[0].cells);
  var order = table.querySelector('.fines-order');
  var root = table.getAttribute('data-root') || '';
  var perLinks = [].slice.call(document.querySelectorAll('#fines-per a[data-per]'));
  var LABELS = { CNY: 'RMB' };
  var NAMES = {
    date: ['date', 'newest first', 'oldest first'],
    party: ['party', 'Z to A', 'A to Z'],
    authority: ['authority', 'Z to A', 'A to Z'],
    amount: ['amount within each currency', 'largest first', 'smallest first'],
    item: ['item', 'Z to A', 'A to Z'],
  };
  // Columns that start from their largest value when first chosen.
  var DESCENDING_FIRST = { date: true, amount: true };
  var FIELDS = ['q', 'authority', 'year', 'currency', 'min', 'max'];
  // A row of table.json (src/pages/fines-table.ts, finesTableJson), by position.
  var DATE_SORT = 0,
    DATE_ISO = 1,
    DATE_TEXT = 2,
    DATE_LONG = 3,
    PARTIES = 4,
    AUTHORITIES = 5,
    CURRENCY = 6,
    KIND = 7,
    AMOUNT = 8,
    DISPLAY = 9,
    AMOUNT_TITLE = 10,
    TITLE = 11,
    URL = 12,
    ABOUT = 13;
  // The view this page shows without the script: its page, at its size, newest first.
  var home = {
    page: Number(table.getAttribute('data-page')) || 1,
    per: Number(table.getAttribute('data-per-page')) || 50,
  };
  var sizes = perLinks.length
    ? perLinks.map(function (a) {
        return Number(a.getAttribute('data-per'));
      })
    : [home.per];
  var state = { sort: 'date', order: 'desc', page: home.page, per: home.per };
  var data = null; // { rows, authorities, anyUnknown, ranks }
  var loading = null;
  var live = false; // the script draws the rows, the pages and the sizes
  var view = []; // the rows that pass the filter, sorted
  var summary = ''; // the status line's first sentences, for the view

  headers.forEach(function (th) {
    var key = th.getAttribute('data-key');
    sortButton(th, function () {
      if (state.sort === key) state.order = state.order === 'asc' ? 'desc' : 'asc';
      else {
        state.sort = key;
        state.order = DESCENDING_FIRST[key] ? 'desc' : 'asc';
      }
      state.page = 1;
      whenLoaded(refresh);
    });
  });

  /** "16740000.00" (an exact amount in table.json) → ten-thousandths as a BigInt. */
  function scaled(text) {
    var parts = text.split('.');
    return BigInt(parts[0] + (parts[1] || '').padEnd(SCALE, '0'));
  }

  /** "1,000,000", "16.74m", "1.2 bn" → ten-thousandths as a BigInt; null when empty; NaN when unreadable. */
  function parseAmount(text) {
    var t = text.trim().toLowerCase().replace(/,/g, '');
    if (t === '') return null;
    var m = /^(\d*)(?:\.(\d*))?\s*(k|thousand|m|mn|million|b|bn|billion)?$/.exec(t);
    if (!m || (m[1] === '' && !m[2])) return NaN;
    var unit = { k: 3, thousand: 3, m: 6, mn: 6, million: 6, b: 9, bn: 9, billion: 9 }[m[3]] || 0;
    var fraction = (m[2] || '') + '0'.repeat(SCALE + unit);
    // Whole units, then the fraction cut at SCALE digits (a filter bound, not money).
    return BigInt((m[1] || '0') + fraction.slice(0, unit + SCALE)) || 0n;
  }

  // The page's one unit for each currency (data-styles: "EUR 0 2,ISK 6 2": the unit's
  // zeros and the decimals), as src/domain/amount-style.ts chose it for every figure.
  var STYLES = {};
  (table.getAttribute('data-styles') || '').split(',').forEach(function (entry) {
    var parts = entry.split(' ');
    if (parts.length === 3) STYLES[parts[0]] = { zeros: Number(parts[1]), decimals: Number(parts[2]) };
  });
  var WORDS = { 6: 'million', 9: 'billion' };
  var NBSP = '\u00a0';

  /** A total as the page writes its figures: "EUR 1,234,567", "ISK 76.16 million" (rounded half up). */
  function format(value, currency) {
    var style = STYLES[currency] || { zeros: 0, decimals: SCALE };
    var numerator = value * 10n ** BigInt(style.decimals);
    var denominator = 10n ** BigInt(SCALE + style.zeros);
    var n = (2n * numerator + denominator) / (2n * denominator);
    var unit = 10n ** BigInt(style.decimals);
    var number =
      group(n / unit) + (style.decimals ? '.' + String(n % unit).padStart(style.decimals, '0') : '');
    var word = WORDS[style.zeros];
    return (LABELS[currency] || currency) + NBSP + number + (word ? NBSP + word : '');
  }

  function group(value) {
    return value.toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  }

  /** "a", "a and b", "a, b and c". */
  function list(parts) {
    return parts.length < 2 ? parts.join('') : parts.slice(0, -1).join(', ') + ' and ' + parts[parts.length - 1];
  }

  // Amounts are compared within a currency: the currencies keep the page's order
  // (the most used first) whichever way the amounts run.
  var currencyRank = {};
  [].forEach.call(form.elements.currency.options, function (option, i) {
    currencyRank[option.value] = i;
  });

  // ---------------------------------------------------------------- the rows

  /** Fetches the rows, once. */
  function load() {
    if (!loading) {
      loading = fetch(table.getAttribute('data-src'))
        .then(function (response) {
          if (!response.ok) throw new Error(String(response.status));
          return response.json();
        })
        .then(prepare);
      loading.catch(function () {
        status.textContent =
          'The fines could not be loaded to sort or filter them; the table still lists them, a page at a time.';
      });
    }
    return loading;
  }

  /** Runs `then` once the rows are there, saying so if it has to wait for them. */
  function whenLoaded(then) {
    if (!data) status.textContent = 'Loading the fines…';
    // A failed fetch has said so (load); nothing is left to do.
    load().then(then, function () {});
  }

  function prepare(json) {
    var rows = json.rows.map(function (a, i) {
      var known = a[KIND] === 'exact';
      return {
        i: i,
        a: a,
        year: a[DATE_SORT].split('-')[0],
        ids: a[AUTHORITIES],
        text: (a[PARTIES] + '\n' + a[ABOUT]).toLowerCase(),
        known: known,
        value: known ? scaled(a[AMOUNT]) : 0n,
      };
    });
    data = {
      rows: rows,
      authorities: json.authorities,
      anyUnknown: rows.some(function (r) {
        return !r.known;
      }),
      ranks: json.ranks,
    };
  }

  /** Filters and sorts the rows into `view`, and sums what passes, then shows the page. */
  function refresh() {
    var min = parseAmount(state.min || '');
    var max = parseAmount(state.max || '');
    form.elements.min.setAttribute('aria-invalid', String(min !== min));
    form.elements.max.setAttribute('aria-invalid', String(max !== max));
    var bounded = typeof min === 'bigint' || typeof max === 'bigint';
    var words = (state.q || '').toLowerCase().split(/\s+/).filter(Boolean);
    var authority = state.authority;
    var unknown = 0;
    var totals = Object.create(null);
    view = data.rows.filter(function (r) {
      var visible =
        (!authority || (authority === '_' ? r.ids.length === 0 : r.ids.indexOf(authority) >= 0)) &&
        (!state.year || r.year === state.year) &&
        (!state.currency || r.a[CURRENCY] === state.currency) &&
        // A fine whose amount is not known exactly is never compared with a bound, nor added.
        (r.known || !bounded) &&
        (typeof min !== 'bigint' || r.value >= min) &&
        (typeof max !== 'bigint' || r.value <= max) &&
        words.every(function (w) {
          return r.text.indexOf(w) >= 0;
        });
      if (visible && !r.known) unknown += 1;
      else if (visible) totals[r.a[CURRENCY]] = (totals[r.a[CURRENCY]] || 0n) + r.value;
      return visible;
    });
    // Each row's place in the column's order, worked out at build time (table.json).
    var rank = data.ranks[state.sort];
    var sign = state.order === 'desc' ? -1 : 1;
    var byCurrency = state.sort === 'amount';
    view.sort(function (x, y) {
      return (
        (byCurrency ? currencyRank[x.a[CURRENCY]] - currencyRank[y.a[CURRENCY]] : 0) ||
        sign * (rank[x.i] - rank[y.i]) ||
        x.i - y.i
      );
    });
    var currencies = Object.keys(totals).sort(function (a, b) {
      return currencyRank[a] - currencyRank[b];
    });
    var all = data.rows.length;
    summary =
      (view.length === all
        ? 'Showing all ' + group(all) + ' fines'
        : 'Showing ' + group(view.length) + ' of ' + group(all) + ' fines') +
      (currencies.length
        ? ', totalling ' +
          list(
            currencies.map(function (c) {
              return format(totals[c], c);
            }),
          )
        : '') +
      (unknown ? (currencies.length ? '; ' : ', ') + unknown + ' of an amount not known exactly, not in the total' : '') +
      '.' +
      (bounded && data.anyUnknown ? ' Fines of an amount not known exactly are left out while an amount is set.' : '') +
      (min !== min || max !== max ? ' An amount could not be read: write it as 1000000 or 16.74m.' : '');
    headers.forEach(function (th) {
      if (th.getAttribute('data-key') === state.sort) {
        th.setAttribute('aria-sort', state.order === 'asc' ? 'ascending' : 'descending');
      } else th.removeAttribute('aria-sort');
    });
    var name = NAMES[state.sort];
    if (order) order.textContent = ', by ' + name[0] + ', ' + (state.order === 'desc' ? name[1] : name[2]);
    render();
  }

  /** Writes the rows of the page shown, its place in the view, and the links to the others. */
  function render() {
    live = true;
    var pages = Math.max(1, Math.ceil(view.length / state.per));
    state.page = Math.min(Math.max(1, state.page), pages);
    var start = (state.page - 1) * state.per;
    var shown = view.slice(start, start + state.per);
    var fragment = document.createDocumentFragment();
    shown.forEach(function (r) {
      fragment.appendChild(rowElement(r.a));
    });
    tbody.textContent = '';
    tbody.appendChild(fragment);
    status.textContent =
      summary +
      (pages > 1
        ? ' Page ' + state.page + ' of ' + pages + ': fines ' + group(start + 1) + '–' + group(start + shown.length) + '.'
        : '');
    renderPager(pages);
    perLinks.forEach(function (a) {
      var size = Number(a.getAttribute('data-per'));
      a.href = address({ per: size, page: Math.floor(start / size) + 1 });
      if (size === state.per) a.setAttribute('aria-current', 'true');
      else a.removeAttribute('aria-current');
    });
    toAddress();
  }

  function element(name, className, text) {
    var node = document.createElement(name);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function link(path, text, title) {
    var a = element('a', '', text);
    a.href = root + path;
    if (title && title !== text) a.title = title;
    return a;
  }

  /** A row as the page writes it (templates/partials/fines-table.eta). */
  function rowElement(a) {
    var tr = document.createElement('tr');
    var date = element('td', 'fines-date');
    var time = element('time', '', a[DATE_TEXT]);
    time.dateTime = a[DATE_ISO];
    if (a[DATE_LONG] !== a[DATE_TEXT]) time.title = a[DATE_LONG];
    date.appendChild(time);
    var authorities = element('td', 'fines-authority');
    a[AUTHORITIES].forEach(function (id, i) {
      var known = data.authorities[id];
      if (i) authorities.appendChild(document.createTextNode(', '));
      authorities.appendChild(known[2] ? link(known[2], known[0], known[1]) : document.createTextNode(known[0]));
    });
    var amount = element('td', 'num fines-amount' + (a[KIND] === 'exact' ? '' : ' fines-unknown'), a[DISPLAY]);
    if (a[AMOUNT_TITLE]) amount.title = a[AMOUNT_TITLE];
    var item = element('td', 'fines-item');
    item.appendChild(link(a[URL], a[TITLE]));
    tr.append(date, element('td', 'fines-party', a[PARTIES]), authorities, amount, item);
    return tr;
  }

  /** Page numbers to link: the first, the last, and two either side of the current one; 0 marks a gap. */
  function pageWindow(current, pages) {
    var shown = [];
    for (var k = 1; k <= pages; k++) {
      if (k === 1 || k === pages || Math.abs(k - current) <= 2) {
        if (shown.length > 0 && k - shown[shown.length - 1] > 1) shown.push(0);
        shown.push(k);
      }
    }
    return shown;
  }

  function pageLink(n, text, rel) {
    var a = element('a');
    a.href = address({ page: n });
    a.setAttribute('data-page', String(n));
    if (rel) a.rel = rel;
    if (rel === 'prev') a.append(arrow('←'), ' ' + text);
    else if (rel === 'next') a.append(text + ' ', arrow('→'));
    else a.textContent = text;
    return a;
  }

  function arrow(text) {
    var span = element('span', '', text);
    span.setAttribute('aria-hidden', 'true');
    return span;
  }

  function renderPager(pages) {
    pager.hidden = pages < 2;
    pager.textContent = '';
    if (pages < 2) return;
    if (state.page > 1) pager.appendChild(pageLink(state.page - 1, 'Previous', 'prev'));
    var ol = element('ol');
    pageWindow(state.page, pages).forEach(function (k) {
      var li = element('li');
      if (k === 0) li.appendChild(element('span', 'gap', '…'));
      else if (k === state.page) {
        var current = element('span', '', String(k));
        current.setAttribute('aria-current', 'page');
        li.appendChild(current);
      } else li.appendChild(pageLink(k, String(k)));
      ol.appendChild(li);
    });
    pager.appendChild(ol);
    if (state.page < pages) pager.appendChild(pageLink(state.page + 1, 'Next', 'next'));
  }

  // ---------------------------------------------------------------- the address

  /** This page's address for the view with `change` (a page or a size) applied. */
  function address(change) {
    var params = new URLSearchParams();
    var next = Object.assign({}, state, change);
    FIELDS.forEach(function (name) {
      if (next[name]) params.set(name, next[name]);
    });
    if (next.sort !== 'date' || next.order !== 'desc') {
      params.set('sort', next.sort);
      params.set('order', next.order);
    }
    if (next.per !== home.per) params.set('per', String(next.per));
    if (next.page !== home.page) params.set('page', String(next.page));
    var query = params.toString();
    return location.pathname + (query ? '?' + query : '');
  }

  function toAddress() {
    history.replaceState(history.state, '', address({}) + location.hash);
  }

  /** Reads the view the address asks for; false when it has no query (this page as it is). */
  function fromAddress() {
    var params = new URLSearchParams(location.search);
    FIELDS.forEach(function (name) {
      state[name] = params.get(name) || '';
    });
    var sort = params.get('sort');
    // An own property only: ?sort=constructor names no column.
    if (sort && Object.prototype.hasOwnProperty.call(NAMES, sort)) state.sort = sort;
    var dir = params.get('order');
    state.order = dir === 'asc' || dir === 'desc' ? dir : DESCENDING_FIRST[state.sort] ? 'desc' : 'asc';
    var per = Number(params.get('per'));
    if (sizes.indexOf(per) >= 0) state.per = per;
    var page = Number(params.get('page'));
    if (page >= 1 && page % 1 === 0) state.page = page;
    // Any address with a query is redrawn (and written back clean): ?sort=nothing too.
    return location.search !== '';
  }

  function readForm() {
    FIELDS.forEach(function (name) {
      state[name] = form.elements[name].value.trim();
    });
  }

  function writeForm() {
    FIELDS.forEach(function (name) {
      var field = form.elements[name];
      field.value = state[name] || '';
      // An option this page does not have (an old link) falls back to "all".
      if (field.tagName === 'SELECT' && field.value !== (state[name] || '')) {
        field.value = '';
        state[name] = '';
      }
    });
  }

  // ---------------------------------------------------------------- the controls

  // The rows are fetched as soon as the form is used, before any change asks for them.
  form.addEventListener('focusin', load);
  form.addEventListener('input', function () {
    whenLoaded(function () {
      readForm();
      state.page = 1;
      refresh();
    });
  });
  form.addEventListener('submit', function (event) {
    event.preventDefault();
  });
  form.addEventListener('reset', function () {
    setTimeout(function () {
      FIELDS.forEach(function (name) {
        state[name] = '';
      });
      state.sort = 'date';
      state.order = 'desc';
      state.page = home.page;
      state.per = home.per;
      writeForm();
      whenLoaded(refresh);
    }, 0);
  });
  // Until the script draws the table, its links go to the pages the site has.
  pager.addEventListener('click', function (event) {
    var a = event.target.closest('a[data-page]');
    if (!a || !live || event.ctrlKey || event.metaKey || event.shiftKey) return;
    event.preventDefault();
    state.page = Number(a.getAttribute('data-page'));
    render();
    table.focus();
  });
  perLinks.forEach(function (a) {
    a.addEventListener('click', function (event) {
      if (!live || event.ctrlKey || event.metaKey || event.shiftKey) return;
      event.preventDefault();
      var start = (state.page - 1) * state.per;
      state.per = Number(a.getAttribute('data-per'));
      state.page = Math.floor(start / state.per) + 1;
      render();
    });
  });

  var asked = fromAddress();
  writeForm();
  form.hidden = false;
  if (asked) whenLoaded(refresh);

  // ---------------------------------------------------------------- shared

  /** Puts a header's content in a button that sorts by it. */
  function sortButton(th, onClick) {
    var button = document.createElement('button');
    button.type = 'button';
    button.className = 'fines-sort';
    while (th.firstChild) button.appendChild(th.firstChild);
    th.appendChild(button);
    button.addEventListener('click', onClick);
  }

  /**
   * A totals table sorts by any column, in place (it has a row a year or an
   * authority): the totals as exact amounts, the years newest or oldest first,
   * the authorities by name. It comes ranked by amount, or by year.
   */
  function sortableTotals(totals) {
    if (!totals) return;
    var tbody = totals.tBodies[0];
    var rows = [].slice.call(tbody.rows);
    var heads = [].slice.call(totals.tHead.rows[0].cells);
    var caption = totals.querySelector('.fines-order');
    var byYear = heads[0].textContent.trim() === 'Year';
    var current = { column: -1, order: 'desc' };
    heads.forEach(function (th, column) {
      if (th.getAttribute('aria-sort')) current = { column: column, order: th.getAttribute('aria-sort') === 'ascending' ? 'asc' : 'desc' };
    });
    // Each cell's sort value: a total (exact, scaled) or a count, -1 for none; a name as text.
    var values = rows.map(function (row) {
      return heads.map(function (th, column) {
        var cell = row.cells[column];
        if (column === 0) return cell.textContent.trim();
        var exact = cell.querySelector('data');
        if (exact) return scaled(exact.value);
        return cell.querySelector('.fines-none') ? -1n : BigInt(cell.textContent.trim() || '0');
      });
    });
    heads.forEach(function (th, column) {
      sortButton(th, function () {
        var first = column === 0 && !byYear ? 'asc' : 'desc';
        current = {
          column: column,
          order: current.column === column ? (current.order === 'asc' ? 'desc' : 'asc') : first,
        };
        var sign = current.order === 'asc' ? 1 : -1;
        var index = rows.map(function (_, i) {
          return i;
        });
        index.sort(function (a, b) {
          var x = values[a][column];
          var y = values[b][column];
          var c = column === 0 ? collator.compare(x, y) : x < y ? -1 : x > y ? 1 : 0;
          return sign * c || a - b;
        });
        index.forEach(function (i) {
          tbody.appendChild(rows[i]);
        });
        heads.forEach(function (other, k) {
          if (k === column) other.setAttribute('aria-sort', current.order === 'asc' ? 'ascending' : 'descending');
          else other.removeAttribute('aria-sort');
        });
        if (caption) {
          var up = current.order === 'asc';
          caption.textContent =
            column === 0
              ? byYear
                ? up
                  ? ', oldest first'
                  : ', newest first'
                : up
                  ? ', by name, A to Z'
                  : ', by name, Z to A'
              : ', by ' + th.textContent.trim().toLowerCase() + (up ? ', smallest first' : ', largest first');
        }
      });
    });
  }
})();

// The fines tracker, enhanced: sort by any column, filter by authority, year,
// currency and amount, with the state kept in the address (?authority=cac&sort=amount)
// so that a filtered view can be shared and reloaded. Without this script the
// page shows the whole table, newest first. Plain browser JavaScript, no build.
(function () {
  'use strict';
  var table = document.getElementById('fines-table');
  var form = document.getElementById('fines-filter');
  var status = document.getElementById('fines-status');
  if (!table || !form || !status || !window.BigInt) return;
  var tbody = table.tBodies[0];
  var rows = Array.prototype.slice.call(tbody.rows);
  var headers = Array.prototype.slice.call(table.tHead.rows[0].cells);
  var order = table.querySelector('.fines-order');
  var collator = new Intl.Collator('en', { sensitivity: 'base', numeric: true });
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
  var FIELDS = ['authority', 'year', 'currency', 'min', 'max'];
  var anyUnknown = rows.some(function (row) {
    return row.getAttribute('data-kind') !== 'exact';
  });
  var state = { sort: 'date', order: 'desc' };

  // Sort keys, read once: the raw value in data-sort, or the cell's text.
  var keys = rows.map(function (row) {
    var k = { n: Number(row.getAttribute('data-n')), currency: row.getAttribute('data-currency') };
    headers.forEach(function (th, i) {
      var cell = row.cells[i];
      var raw = cell.getAttribute('data-sort');
      k[th.getAttribute('data-key')] = raw === null ? { text: cell.textContent.trim() } : { raw: raw };
    });
    return k;
  });

  headers.forEach(function (th) {
    var key = th.getAttribute('data-key');
    var button = document.createElement('button');
    button.type = 'button';
    button.className = 'fines-sort';
    while (th.firstChild) button.appendChild(th.firstChild);
    th.appendChild(button);
    button.addEventListener('click', function () {
      if (state.sort === key) state.order = state.order === 'asc' ? 'desc' : 'asc';
      else {
        state.sort = key;
        state.order = DESCENDING_FIRST[key] ? 'desc' : 'asc';
      }
      update(true);
    });
  });

  // Amounts are compared as BigInts in ten-thousandths of the currency unit, the
  // most minor digits any currency has (2 for EUR, 0 for JPY, 3 for KWD, 4 for CLF).
  var SCALE = 4;

  /** "16740000.00" (data-amount, exact) → ten-thousandths as a BigInt, and the currency's digits. */
  function readExact(text) {
    var parts = text.split('.');
    var fraction = parts[1] || '';
    return { value: BigInt(parts[0] + fraction.padEnd(SCALE, '0')), exponent: fraction.length };
  }

  /** "1,000,000", "16.74m", "1.2 bn" → ten-thousandths as a BigInt; null when empty; NaN when unreadable. */
  function parseAmount(text) {
    var t = text.trim().toLowerCase().replace(/,/g, '');
    if (t === '') return null;
    var m = /^(\d*)(?:\.(\d*))?\s*(k|thousand|m|mn|million|b|bn|billion)?$/.exec(t);
    if (!m || (m[1] === '' && !m[2])) return NaN;
    var unit = { k: 3, thousand: 3, m: 6, mn: 6, million: 6, b: 9, bn: 9, billion: 9 }[m[3]] || 0;
    var fraction = (m[2] || '') + '0'.repeat(SCALE + unit);
    var digits = unit + SCALE;
    // Whole units, then the fraction cut at SCALE digits (a filter bound, not money).
    return BigInt((m[1] || '0') + fraction.slice(0, digits)) || 0n;
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
  function format(scaled, currency) {
    var style = STYLES[currency] || { zeros: 0, decimals: SCALE };
    var numerator = scaled * 10n ** BigInt(style.decimals);
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


  // Amounts are compared within a currency: the currencies keep the page's order
  // (the most used first) whichever way the amounts run.
  var currencyRank = {};
  Array.prototype.forEach.call(form.elements.currency.options, function (option, i) {
    currencyRank[option.value] = i;
  });

  function byRank(a, b) {
    return currencyRank[a] - currencyRank[b];
  }

  /** "a", "a and b", "a, b and c". */
  function list(parts) {
    return parts.length < 2 ? parts.join('') : parts.slice(0, -1).join(', ') + ' and ' + parts[parts.length - 1];
  }

  function compare(a, b) {
    var x = keys[a][state.sort];
    var y = keys[b][state.sort];
    var c =
      x.raw !== undefined ? (x.raw < y.raw ? -1 : x.raw > y.raw ? 1 : 0) : collator.compare(x.text, y.text);
    if (state.order === 'desc') c = -c;
    if (state.sort === 'amount') c = currencyRank[keys[a].currency] - currencyRank[keys[b].currency] || c;
    return c || keys[a].n - keys[b].n;
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
  }

  function toAddress() {
    var params = new URLSearchParams();
    FIELDS.forEach(function (name) {
      if (state[name]) params.set(name, state[name]);
    });
    if (state.sort !== 'date' || state.order !== 'desc') {
      params.set('sort', state.sort);
      params.set('order', state.order);
    }
    var query = params.toString();
    history.replaceState(history.state, '', location.pathname + (query ? '?' + query : '') + location.hash);
  }

  function update(remember) {
    var min = parseAmount(state.min || '');
    var max = parseAmount(state.max || '');
    form.elements.min.setAttribute('aria-invalid', String(min !== min));
    form.elements.max.setAttribute('aria-invalid', String(max !== max));
    var shown = 0;
    var unknown = 0;
    var bounded = typeof min === 'bigint' || typeof max === 'bigint';
    var totals = Object.create(null);
    var currencies = [];
    rows.forEach(function (row) {
      // A fine whose amount is not known exactly is never added, nor compared with a bound.
      var known = row.getAttribute('data-kind') === 'exact';
      var exact = known ? readExact(row.getAttribute('data-amount')) : { value: 0n, exponent: 0 };
      var amount = exact.value;
      var currency = row.getAttribute('data-currency');
      var authorities = row.getAttribute('data-authorities');
      var visible =
        (!state.authority ||
          (state.authority === '_'
            ? authorities === ''
            : (' ' + authorities + ' ').indexOf(' ' + state.authority + ' ') >= 0)) &&
        (!state.year || row.getAttribute('data-year') === state.year) &&
        (!state.currency || currency === state.currency) &&
        (known || !bounded) &&
        (typeof min !== 'bigint' || amount >= min) &&
        (typeof max !== 'bigint' || amount <= max);
      row.hidden = !visible;
      if (visible) shown += 1;
      if (visible && !known) unknown += 1;
      else if (visible) {
        if (!(currency in totals)) {
          totals[currency] = 0n;
          currencies.push(currency);
        }
        totals[currency] += amount;
      }
    });
    var sorted = rows.map(function (_, i) {
      return i;
    });
    sorted.sort(compare);
    var fragment = document.createDocumentFragment();
    sorted.forEach(function (i) {
      fragment.appendChild(rows[i]);
    });
    tbody.appendChild(fragment);
    headers.forEach(function (th) {
      if (th.getAttribute('data-key') === state.sort) {
        th.setAttribute('aria-sort', state.order === 'asc' ? 'ascending' : 'descending');
      } else th.removeAttribute('aria-sort');
    });
    var name = NAMES[state.sort];
    if (order) order.textContent = ', by ' + name[0] + ', ' + (state.order === 'desc' ? name[1] : name[2]);
    var invalid = min !== min || max !== max ? ' An amount could not be read: write it as 1000000 or 16.74m.' : '';
    status.textContent =
      (shown === rows.length
        ? 'Showing all ' + group(rows.length) + ' fines'
        : 'Showing ' + group(shown) + ' of ' + group(rows.length) + ' fines') +
      (currencies.length ? ', totalling ' + list(currencies.sort(byRank).map(function (c) {
        return format(totals[c], c);
      })) : '') +
      (unknown ? (currencies.length ? '; ' : ', ') + unknown + ' of an amount not known exactly, not in the total' : '') +
      '.' +
      (bounded && anyUnknown ? ' Fines of an amount not known exactly are left out while an amount is set.' : '') +
      invalid;
    if (remember) toAddress();
  }

  form.addEventListener('input', function () {
    readForm();
    update(true);
  });
  form.addEventListener('submit', function (event) {
    event.preventDefault();
  });
  form.addEventListener('reset', function () {
    FIELDS.forEach(function (name) {
      state[name] = '';
    });
    state.sort = 'date';
    state.order = 'desc';
    setTimeout(function () {
      writeForm();
      update(true);
    }, 0);
  });

  fromAddress();
  writeForm();
  form.hidden = false;
  update(false);
})();

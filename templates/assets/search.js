// Search as you type, from static files: the manifest (search/index.json) says
// how the index was made and lists one shard per year, newest first; each
// shard is a serialized MiniSearch index, loaded as it arrives, so that the
// newest items answer first. The query and filters are kept in the address
// (?q=…&section=…&authority=…) so that a search can be shared. Without this
// script the page explains itself and offers the site's listings.
(function () {
  'use strict';
  var form = document.getElementById('search-form');
  var input = document.getElementById('search-q');
  var status = document.getElementById('search-status');
  var list = document.getElementById('search-results');
  if (!form || !input || !status || !list || !window.MiniSearch || !window.fetch) return;
  var MAX_RESULTS = 50;
  var root = form.getAttribute('data-root') || '';
  var manifestUrl = new URL(form.getAttribute('data-index'), location.href);
  var manifest = null;
  var shards = []; // one MiniSearch per loaded shard, by position in the manifest
  var loaded = 0;
  var failed = false;
  var token = null;
  var stop = {};

  function tokenize(text) {
    return text.match(token) || [];
  }

  function processTerm(term) {
    var lower = term.toLowerCase();
    var word = /^[\x00-\x7f]*$/.test(lower) ? lower : lower.normalize('NFKD').replace(/\p{M}/gu, '');
    return word === '' || stop[word] ? null : word;
  }

  function field(name) {
    return form.elements[name];
  }

  function fromAddress() {
    var params = new URLSearchParams(location.search);
    ['q', 'section', 'authority'].forEach(function (name) {
      var value = params.get(name) || '';
      field(name).value = value;
      if (field(name).value !== value) field(name).value = '';
    });
  }

  function toAddress() {
    var params = new URLSearchParams();
    ['q', 'section', 'authority'].forEach(function (name) {
      var value = field(name).value;
      if (value.trim()) params.set(name, value);
    });
    var query = params.toString();
    history.replaceState(history.state, '', location.pathname + (query ? '?' + query : ''));
  }

  /** `text` as nodes, each word that the result matched wrapped in <mark>. */
  function highlight(text, terms) {
    var fragment = document.createDocumentFragment();
    var at = 0;
    var match;
    token.lastIndex = 0;
    while ((match = token.exec(text))) {
      if (!terms[processTerm(match[0])]) continue;
      fragment.appendChild(document.createTextNode(text.slice(at, match.index)));
      var mark = document.createElement('mark');
      mark.textContent = match[0];
      fragment.appendChild(mark);
      at = match.index + match[0].length;
    }
    fragment.appendChild(document.createTextNode(text.slice(at)));
    return fragment;
  }

  function element(tag, className, child) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (child) node.appendChild(child);
    return node;
  }

  function show(result) {
    var terms = {};
    result.terms.forEach(function (t) {
      terms[t] = true;
    });
    var link = element('a', 'item-link', highlight(result.t, terms));
    link.href = root + result.id.slice(1);
    var section = manifest.sections.filter(function (s) {
      return s.id === result.s;
    })[0];
    var facts = [result.d, section ? section.title : result.s].concat(
      result.a.map(function (id) {
        var a = manifest.authorities[id];
        return a ? a.label : id;
      }),
    );
    var item = element('li', 'search-result', element('h2', 'search-title', link));
    item.appendChild(element('p', 'item-facts', document.createTextNode(facts.join(' · '))));
    if (result.x) item.appendChild(element('p', 'search-snippet', highlight(result.x, terms)));
    return item;
  }

  function run() {
    var query = input.value.trim();
    list.textContent = '';
    if (failed) return;
    if (!manifest) {
      status.textContent = 'Loading the search index…';
      return;
    }
    var waiting = loaded < manifest.shards.length;
    var progress = waiting
      ? ' (still loading older items: ' + loaded + ' of ' + manifest.shards.length + ' years so far)'
      : '';
    if (!query) {
      status.textContent = 'Type a word to search ' + (waiting ? 'the items loaded so far' + progress : 'every item') + '.';
      return;
    }
    var section = field('section').value;
    var authority = field('authority').value;
    var options = {
      boost: manifest.search.boost,
      combineWith: manifest.search.combineWith,
      prefix: function (term, i, terms) {
        return i === terms.length - 1;
      },
      fuzzy: function (term) {
        return term.length >= 6 ? 1 : 0;
      },
      filter: function (r) {
        return (!section || r.s === section) && (!authority || r.a.indexOf(authority) >= 0);
      },
    };
    var results = [];
    shards.forEach(function (index, shard) {
      if (!index) return;
      index.search(query, options).forEach(function (r, rank) {
        r.shard = shard;
        r.rank = rank;
        results.push(r);
      });
    });
    // Best first; equal scores: the newer year, then the shard's own order.
    results.sort(function (a, b) {
      return b.score - a.score || a.shard - b.shard || a.rank - b.rank;
    });
    var fragment = document.createDocumentFragment();
    results.slice(0, MAX_RESULTS).forEach(function (r) {
      fragment.appendChild(show(r));
    });
    list.appendChild(fragment);
    var n = results.length;
    status.textContent =
      (n === 0 ? 'No items match' : n === 1 ? '1 item matches' : n + ' items match') +
      ' “' + query + '”' +
      (n > MAX_RESULTS ? '; the best ' + MAX_RESULTS + ' are shown' : '') +
      '.' + progress;
  }

  function loadShard(shard, i) {
    return fetch(new URL(shard.url, manifestUrl), { cache: 'no-cache' })
      .then(function (response) {
        if (!response.ok) throw new Error(response.status + ' ' + shard.url);
        return response.text();
      })
      .then(function (json) {
        shards[i] = MiniSearch.loadJSON(
          json,
          Object.assign({}, manifest.options, { tokenize: tokenize, processTerm: processTerm }),
        );
        loaded += 1;
        run();
      });
  }

  function fail() {
    failed = true;
    list.textContent = '';
    status.textContent =
      'The search index could not be loaded' +
      (location.protocol === 'file:'
        ? ': browsers do not let a page opened from a file load it. Serve the folder over HTTP (for example python3 -m http.server) to search.'
        : '. Please try again later.') +
      ' The listings below still lead to every item.';
  }

  form.addEventListener('submit', function (event) {
    event.preventDefault();
    toAddress();
    run();
  });
  form.addEventListener('input', function () {
    toAddress();
    run();
  });

  fromAddress();
  run();
  fetch(manifestUrl, { cache: 'no-cache' })
    .then(function (response) {
      if (!response.ok) throw new Error(response.status + ' ' + manifestUrl);
      return response.json();
    })
    .then(function (m) {
      manifest = m;
      token = new RegExp(m.token, 'gu');
      m.stopWords.forEach(function (w) {
        stop[w] = true;
      });
      run();
      // Newest year first; a few at a time, so that the first ones are not slowed by the rest.
      var next = 0;
      function more() {
        if (next >= m.shards.length) return Promise.resolve();
        var i = next++;
        return loadShard(m.shards[i], i).then(more);
      }
      return Promise.all([more(), more(), more()]);
    })
    .catch(fail);
})();

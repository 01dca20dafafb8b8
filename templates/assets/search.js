// Search as you type, from static files: the manifest (search/index.json) says
// how the index was made and lists one shard per year, newest first; each
// shard is a serialized MiniSearch index, loaded as it arrives, so that the
// newest items answer first. Nothing is fetched until the reader turns to the
// form (focus, a key) or the page opens with a query in its address. The
// query, filters and order are kept in the address
// (?q=…&section=…&authority=…&sort=newest) so that a search can be shared.
// Without this script the page explains itself and offers the site's listings.
(function () {
  'use strict';
  var form = document.getElementById('search-form');
  var input = document.getElementById('search-q');
  var status = document.getElementById('search-status');
  var list = document.getElementById('search-results');
  var more = document.getElementById('search-more');
  if (!form || !input || !status || !list || !more || !window.MiniSearch || !window.fetch) return;
  var PAGE = 50; // results shown at first, and added by "Show more"
  var SNIPPET = 220; // characters of text around the first match
  var FIELDS = ['q', 'section', 'authority', 'sort'];
  var root = form.getAttribute('data-root') || '';
  var manifestUrl = new URL(form.getAttribute('data-index'), location.href);
  var manifest = null;
  var shards = []; // one MiniSearch per loaded shard, by position in the manifest
  var order = []; // per shard: document id → its place in the shard (the site's order, newest first)
  var texts = []; // per shard: the items' texts by place, once fetched (only for shards on screen)
  var asked = []; // per shard: its texts have been asked for
  var loaded = 0;
  var started = false;
  var failed = false;
  var token = null;
  var stop = {};
  var results = [];
  var shown = 0;
  var lastSearch = '';

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
    FIELDS.forEach(function (name) {
      var value = params.get(name) || '';
      field(name).value = value;
      if (field(name).value !== value) field(name).value = '';
    });
  }

  function toAddress() {
    var params = new URLSearchParams();
    FIELDS.forEach(function (name) {
      var value = field(name).value;
      if (value.trim()) params.set(name, value);
    });
    var query = params.toString();
    history.replaceState(history.state, '', location.pathname + (query ? '?' + query : ''));
  }

  /** `text` as nodes, each word that the result matched (`terms`) wrapped in <mark>. */
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

  /**
   * About SNIPPET characters of `text` around its matches: the window that
   * holds the most of the different words matched (the first such), cut at
   * spaces; the text's opening when only the title or facts matched.
   */
  function snippet(text, terms) {
    var hits = [];
    var match;
    token.lastIndex = 0;
    while ((match = token.exec(text))) {
      var term = processTerm(match[0]);
      if (term && terms[term]) hits.push({ at: match.index, term: term });
    }
    var start = 0;
    if (hits.length) {
      var best = -1;
      hits.forEach(function (hit) {
        var from = Math.max(0, hit.at - 60);
        var seen = {};
        var n = 0;
        hits.forEach(function (other) {
          if (other.at >= from && other.at < from + SNIPPET && !seen[other.term]) {
            seen[other.term] = true;
            n++;
          }
        });
        if (n > best) {
          best = n;
          start = from;
        }
      });
    }
    var end = Math.min(text.length, start + SNIPPET);
    if (start > 0) {
      var space = text.indexOf(' ', start);
      if (space >= 0 && space - start < 20) start = space + 1;
    }
    if (end < text.length) {
      var last = text.lastIndexOf(' ', end);
      if (last > start + SNIPPET / 2) end = last;
    }
    var cut = text.slice(start, end).replace(/[\s,;:]+$/, '');
    return (start > 0 ? '…' : '') + cut + (end < text.length ? '…' : '');
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
    var text = texts[result.shard] && texts[result.shard][result.place];
    if (text) {
      item.appendChild(element('p', 'search-snippet', highlight(snippet(text, terms), terms)));
    } else {
      needTexts(result.shard);
    }
    return item;
  }

  function plural(n, one, many) {
    return n === 1 ? '1 ' + one : n.toLocaleString('en') + ' ' + many;
  }

  function say(query) {
    var n = results.length;
    var waiting = loaded < manifest.shards.length;
    var text =
      (n === 0 ? 'No items match' : plural(n, 'item matches', 'items match')) + ' “' + query + '”';
    if (n > 1 && field('sort').value === 'newest') text += ', newest first';
    text += n > shown ? '; showing ' + shown.toLocaleString('en') + '.' : '.';
    if (waiting) {
      text += ' Still loading older items (' + loaded + ' of ' + manifest.shards.length + ' years so far).';
    }
    status.textContent = text;
    more.hidden = n <= shown;
    more.textContent = 'Show ' + Math.min(PAGE, n - shown) + ' more';
  }

  /** Results from `shown` on, up to `count` of them, appended to the list. */
  function append(count) {
    var fragment = document.createDocumentFragment();
    var first = null;
    results.slice(shown, shown + count).forEach(function (r) {
      var node = show(r);
      first = first || node;
      fragment.appendChild(node);
    });
    list.appendChild(fragment);
    shown = Math.min(results.length, shown + count);
    return first;
  }

  function run() {
    var query = input.value.trim();
    var search = ['q', 'section', 'authority']
      .map(function (name) {
        return field(name).value.trim();
      })
      .join('\u0000');
    // The same search again (an older year has arrived, or another order): as many
    // results as were shown, and the focus kept on the result that had it.
    var keep = search === lastSearch ? shown : PAGE;
    var focused = list.contains(document.activeElement) && document.activeElement.getAttribute('href');
    lastSearch = search;
    list.textContent = '';
    results = [];
    shown = 0;
    more.hidden = true;
    if (failed) return;
    if (!query && !started) {
      status.textContent = '';
      return;
    }
    if (!manifest || loaded === 0) {
      status.textContent = 'Loading the index…';
      return;
    }
    if (!query) {
      status.textContent =
        loaded < manifest.shards.length
          ? 'Ready to search the newest items; older ones are still loading.'
          : 'Ready to search every item.';
      return;
    }
    var section = field('section').value;
    var authority = field('authority').value;
    var options = {
      boost: manifest.search.boost,
      combineWith: manifest.search.combineWith,
      prefix: function (term, i, all) {
        return i === all.length - 1;
      },
      fuzzy: function (term) {
        return term.length >= 6 ? 1 : 0;
      },
      filter: function (r) {
        return (!section || r.s === section) && (!authority || r.a.indexOf(authority) >= 0);
      },
    };
    shards.forEach(function (index, shard) {
      if (!index) return;
      index.search(query, options).forEach(function (r, rank) {
        r.shard = shard;
        r.rank = rank;
        r.place = order[shard][r.id];
        results.push(r);
      });
    });
    if (field('sort').value === 'newest') {
      // The site's own order: newer year first, then the shard's order (newest first).
      results.sort(function (a, b) {
        return a.shard - b.shard || a.place - b.place;
      });
    } else {
      // Best first; equal scores: the newer year, then the shard's own order.
      results.sort(function (a, b) {
        return b.score - a.score || a.shard - b.shard || a.rank - b.rank;
      });
    }
    append(Math.max(PAGE, keep));
    say(query);
    if (focused) {
      var again = list.querySelector('a[href="' + CSS.escape(focused) + '"]');
      if (again) again.focus();
    }
  }

  function loadShard(shard, i) {
    return fetch(new URL(shard.url, manifestUrl), { cache: 'no-cache' })
      .then(function (response) {
        if (!response.ok) throw new Error(response.status + ' ' + shard.url);
        return response.json();
      })
      .then(function (data) {
        var place = {};
        Object.keys(data.documentIds).forEach(function (id) {
          place[data.documentIds[id]] = Number(id);
        });
        order[i] = place;
        shards[i] = MiniSearch.loadJS(
          data,
          Object.assign({}, manifest.options, { tokenize: tokenize, processTerm: processTerm }),
        );
        loaded += 1;
        run();
      });
  }

  /** Fetches a shard's texts, for snippets, the first time one of its results is shown. */
  function needTexts(i) {
    if (asked[i]) return;
    asked[i] = true;
    var shard = manifest.shards[i];
    fetch(new URL(shard.text, manifestUrl), { cache: 'no-cache' })
      .then(function (response) {
        if (!response.ok) throw new Error(response.status + ' ' + shard.text);
        return response.json();
      })
      .then(function (list) {
        texts[i] = list;
        run();
      })
      .catch(function () {
        // Without its texts a result is shown without a snippet: the search still works.
      });
  }

  function fail() {
    failed = true;
    list.textContent = '';
    more.hidden = true;
    status.textContent =
      'The search index could not be loaded' +
      (location.protocol === 'file:'
        ? ': browsers do not let a page opened from a file load it. Serve the folder over HTTP (for example python3 -m http.server) to search.'
        : '. Please try again later.') +
      ' The listings below still lead to every item.';
  }

  /** The manifest: in the page (one round trip fewer), else fetched. */
  function getManifest() {
    var inPage = document.getElementById('search-manifest');
    if (inPage) {
      try {
        return Promise.resolve(JSON.parse(inPage.textContent));
      } catch (error) {
        // fetch it instead
      }
    }
    return fetch(manifestUrl, { cache: 'no-cache' }).then(function (response) {
      if (!response.ok) throw new Error(response.status + ' ' + manifestUrl);
      return response.json();
    });
  }

  /** Reads the manifest, then fetches the shards: the newest alone (it answers first), then two at a time. */
  function start() {
    if (started) return;
    started = true;
    run();
    getManifest()
      .then(function (m) {
        manifest = m;
        token = new RegExp(m.token, 'gu');
        m.stopWords.forEach(function (w) {
          stop[w] = true;
        });
        if (!m.shards.length) {
          loaded = 0;
          status.textContent = 'There is nothing to search yet.';
          return;
        }
        var next = 1;
        function rest() {
          if (next >= m.shards.length) return Promise.resolve();
          var i = next++;
          return loadShard(m.shards[i], i).then(rest);
        }
        return loadShard(m.shards[0], 0).then(function () {
          return Promise.all([rest(), rest()]);
        });
      })
      .catch(fail);
  }

  form.addEventListener('submit', function (event) {
    event.preventDefault();
    start();
    toAddress();
    run();
  });
  form.addEventListener('input', function () {
    start();
    toAddress();
    run();
  });
  form.addEventListener('focusin', start);
  form.addEventListener('pointerdown', start);
  more.addEventListener('click', function () {
    var first = append(PAGE);
    say(input.value.trim());
    // Keyboard and screen-reader users go on from the first result added.
    var link = first && first.querySelector('a');
    if (link) link.focus();
  });

  fromAddress();
  if (input.value.trim()) start();
})();

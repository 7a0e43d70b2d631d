/* The search box, answered by Pagefind (site/pagefind/, built by build.py). Everything a query
   needs was put into the index at build time (xcat/render/search.py: pinyin, fragments, synonyms,
   codes; weights that rank certificates first, then organizations, majors, fields, batches); this
   script only normalizes what was typed, asks Pagefind, puts an exact name first, and shows each
   result with textContent: no HTML is built from indexed text. */
(function () {
  "use strict";

  var form = document.getElementById("x-search-form");
  if (!form) return;
  var input = form.elements.query;
  var toggle = document.getElementById("__search");
  var results = document.getElementById("x-search-results");
  var meta = results.querySelector(".md-search-result__meta");
  var list = results.querySelector(".md-search-result__list");
  var script = document.currentScript && document.currentScript.src;
  var root = new URL("../", script || location.href);  // this script is javascripts/search.js
  var SHOWN = 10;  // results shown, each one small request (its fragment) before it is drawn
  // `build.py serve` only (xcat/tools/serve.py adds the tag): the pages edited since its last full
  // index, indexed alone. Merged ahead of the site's index, so an edited page is found by its new
  // text and comes before its older entry, which is then dropped as a duplicate.
  var edits = document.querySelector('meta[name="xcat-search-edits"]');
  var EDITS_FIRST = 1000;  // Pagefind's indexWeight: multiplies the scores of the edits' results
  var pagefind = null, asked = 0;

  function load() {
    if (!pagefind) {
      pagefind = import(new URL("pagefind/pagefind.js", root).href).then(function (p) {
        // Rank by the weights given at build time alone: the hidden blocks repeat words on purpose
        // (suffixes), their length says nothing about relevance, and nor does how much longer an
        // indexed word is than the typed prefix (a major's short initials are no better a match).
        var ranking = { termFrequency: 0, pageLength: 0, termSimilarity: 0 };
        return p.options({ baseUrl: root.pathname, ranking: ranking }).then(function () { return p.init(); })
          .then(function () {
            return edits && p.mergeIndex(new URL(edits.content, root).href, { baseUrl: root.pathname, indexWeight: EDITS_FIRST });
          })
          .then(function () { return p; });
      });
    }
    return pagefind;
  }

  // Full-width letters and punctuation as ASCII (ＢＩＭ，→ BIM,), tone marks off (gōngyè → gongye),
  // punctuation as a space except "+" (1+X).
  function normalize(text) {
    return text.normalize("NFKD").replace(/[\u0300-\u036f]/g, "").normalize("NFKC").toLowerCase()
      .replace(/[^\p{L}\p{N}+]+/gu, " ").trim();
  }

  function same(a, b) { return a && normalize(a).replace(/ /g, "") === b.replace(/ /g, ""); }

  // data-query: what the shown results answer (tests wait for it).
  function show(text, query) { meta.textContent = text; results.setAttribute("data-query", query || ""); }

  function item(data) {
    var li = document.createElement("li");
    li.className = "md-search-result__item";
    var a = document.createElement("a");
    a.className = "md-search-result__link";
    a.href = data.url;
    var article = document.createElement("article");
    article.className = "md-search-result__article md-typeset";
    var title = document.createElement("h1");
    title.textContent = data.meta.title || data.url;
    var kind = document.createElement("p");
    kind.className = "x-search-kind";
    kind.textContent = [data.meta.kind, data.meta.subtitle].filter(Boolean).join(" · ");
    var summary = document.createElement("p");
    summary.textContent = data.meta.summary || "";
    article.append(title, kind, summary);
    a.appendChild(article);
    li.appendChild(a);
    return li;
  }

  function search() {
    var query = normalize(input.value);
    var typed = input.value, ticket = ++asked;
    if (!query) { list.replaceChildren(); show("输入证书名称、拼音、组织或专业 Type a certificate, pinyin, organization or major"); return; }
    load().then(function (p) {
      // Latin letters running into Chinese ("BIM建模") are tried whole, then as separate words.
      return p.search(query).then(function (answer) {
        var split = query.replace(/([a-z0-9+]+)/g, " $1 ").replace(/ +/g, " ").trim();
        return answer.results.length || split === query ? answer : p.search(split);
      });
    }).then(function (answer) {
      if (!answer || ticket !== asked) return null;
      // The first result's fragment is fetched alone and drawn as soon as it arrives; the rest are
      // fetched after it (ten at once would delay the first: each is decompressed on this thread).
      var top = answer.results.slice(0, SHOWN);
      var first = top.length ? top[0].data() : Promise.resolve(null);
      var fetched = first.then(function (data) {
        if (data && ticket === asked) list.replaceChildren(item(data));
        return Promise.all([first].concat(top.slice(1).map(function (r) { return r.data(); })));
      });
      return (top.length ? fetched : Promise.resolve([])).then(function (shown) {
        var unique = shown.filter(function (d, i) { return shown.findIndex(function (e) { return e.url === d.url; }) === i; });
        var repeated = shown.length - unique.length;  // an edited page's older entry (build.py serve only)
        shown = unique;
        // An exact name comes first of all (Pagefind may rank a longer name containing it as high).
        var exact = shown.findIndex(function (d) { return same(d.meta.title, query) || same(d.meta.subtitle, query); });
        if (exact > 0) shown.unshift(shown.splice(exact, 1)[0]);
        return { total: answer.results.length - repeated, shown: shown };
      });
    }).then(function (found) {
      if (!found || ticket !== asked) return;
      list.replaceChildren.apply(list, found.shown.map(item));
      show(found.total === 0 ? "没有结果 No results"
        : found.total + " 个结果 results" + (found.total > SHOWN ? "（显示前 " + SHOWN + " 个 first " + SHOWN + " shown）" : ""), typed);
    }).catch(function () {
      if (ticket === asked) show("搜索暂不可用 Search is unavailable", typed);
    });
  }

  // The first keystroke after a pause searches at once; while typing goes on, a search starts at
  // most every 80 ms (stale answers are dropped by their ticket).
  var timer = null, searched = -Infinity;
  input.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(function () { searched = performance.now(); search(); }, Math.max(0, searched + 80 - performance.now()));
    // While the typing settles, fetch the index chunks the words need (Pagefind's preload).
    var query = normalize(input.value);
    if (query) load().then(function (p) { return p.preload(query); }).catch(function () {});
  });
  // On the home page, where search is the first thing a visitor does, the engine (script,
  // WebAssembly, page list: about 70 KB gzip on the real site) loads once the page is idle, unless
  // the visitor asked to save data; elsewhere it loads when the pointer reaches the search box.
  var home = new URL(".", location.href).href === root.href;
  var saveData = navigator.connection && navigator.connection.saveData;
  if (home && !saveData) {
    var warm = function () { (window.requestIdleCallback || setTimeout)(function () { load(); }); };
    if (document.readyState === "complete") warm(); else window.addEventListener("load", warm);
  }
  document.querySelectorAll(".md-search, label[for='__search']").forEach(function (area) {
    area.addEventListener("pointerenter", function () { load(); }, { once: true });
  });
  // Focusing the box opens Material's search panel (its CSS shows the results while #__search is checked).
  input.addEventListener("focus", function () { if (toggle) toggle.checked = true; load(); });
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var first = list.querySelector("a");
    if (first) location.href = first.href;
  });
  form.addEventListener("reset", function () { setTimeout(search, 0); });
  if (toggle) toggle.addEventListener("change", function () { if (toggle.checked) { input.focus(); load(); } });
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && toggle && toggle.checked) { toggle.checked = false; input.blur(); }
    var typing = /^(input|textarea|select)$/i.test(event.target.tagName) || event.target.isContentEditable;
    if (!typing && (event.key === "/" || event.key === "s") && toggle) {
      event.preventDefault();
      toggle.checked = true;
      input.focus();
      load();
    }
  });
  // A link to a search (?q=…, the parameter Material's own search reads; also what a browser's
  // search shortcut sends) opens the box with the query and answers it as the page loads.
  var linked = new URLSearchParams(location.search).get("q");
  if (linked) {
    input.value = linked;
    if (toggle) toggle.checked = true;
    search();
  }
})();

/* `build.py serve` only (xcat/tools/serve.py adds this script to every HTML page it serves; the
   published site never has it). It listens for the preview's builds and:
   - reloads the page when a build newer than the one it shows has changed it;
   - shows the check's problems over the page while the catalogue fails the check (the page
     below is the last good build), and removes them when the catalogue passes again;
   - reloads when the search index caught up, if this page has already loaded the old index
     and nobody is typing in the search box (otherwise the next search loads the new one).
   Problems hold contributed text: it is only ever set as textContent. */
(function () {
  "use strict";
  var script = document.currentScript;
  var shown = Number(script.dataset.build);
  var overlay = null;

  function searchLoaded() {
    return performance.getEntriesByType("resource").some(function (entry) {
      return entry.name.indexOf("/pagefind/pagefind-entry.json") !== -1;
    });
  }

  function typing() {
    var active = document.activeElement;
    return !!active && active.matches("input, textarea");
  }

  function element(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function showProblems(state) {
    hideProblems();
    overlay = element("section", "xcat-preview");
    overlay.setAttribute("role", "alert");
    overlay.appendChild(element("h2", "", state.title));
    overlay.appendChild(element("p", "", state.summary));
    var list = element("ol");
    state.problems.forEach(function (problem) {
      var item = element("li");
      item.appendChild(element("code", "xcat-preview-where", problem.where));
      item.appendChild(element("span", "", " " + problem.message));
      list.appendChild(item);
    });
    overlay.appendChild(list);
    var close = element("button", "xcat-preview-close", "×");
    close.type = "button";
    close.setAttribute("aria-label", "关闭 Close");
    close.addEventListener("click", hideProblems);
    overlay.appendChild(close);
    document.body.appendChild(overlay);
  }

  function hideProblems() {
    if (overlay) overlay.remove();
    overlay = null;
  }

  var searchAtStart = null;
  var events = new EventSource("/__preview/events?page=" + encodeURIComponent(location.pathname));
  events.onmessage = function (message) {
    var state = JSON.parse(message.data);
    if (searchAtStart === null) searchAtStart = state.search;
    if (state.page > shown) {
      location.reload();
      return;
    }
    if (state.problems.length) showProblems(state);
    else hideProblems();
    if (state.search > searchAtStart && searchLoaded() && !typing()) location.reload();
  };
})();

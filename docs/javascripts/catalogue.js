/* The catalogue page's filters and sorting. Runs only where the table exists; without
   JavaScript the page is a plain table of every certificate. The filter and sort state
   lives in the address (?status=active&field=...&sort=pilot&order=desc) so it can be shared. */
(function () {
  "use strict";

  var table = document.getElementById("x-catalogue");
  var form = document.getElementById("x-filters");
  if (!table || !form) return;

  var body = table.tBodies[0];
  var rows = Array.prototype.slice.call(body.rows);
  var headings = Array.prototype.slice.call(table.tHead.rows[0].cells);
  var filters = ["status", "batch", "field", "organization", "major"];
  var collator = new Intl.Collator("zh-Hans-CN-u-co-pinyin", { numeric: true });
  var state = { sort: "", order: "asc" };

  // Rows carry data-field="a b" (several values); a filter matches when the row has the value.
  function matches(row, name, value) {
    return !value || (row.getAttribute("data-" + name) || "").split(" ").indexOf(value) !== -1;
  }

  function sortValue(row, index) {
    var cell = row.cells[index];
    return cell.hasAttribute("data-sort") ? cell.getAttribute("data-sort") : cell.textContent.trim();
  }

  // Each option says how many certificates it would show with the other filters as they are;
  // an option that would show none is hidden (unless chosen, say by an old link).
  function countOptions() {
    filters.forEach(function (name) {
      var others = filters.filter(function (other) { return other !== name; });
      var pool = rows.filter(function (row) {
        return others.every(function (other) { return matches(row, other, form.elements[other].value); });
      });
      Array.prototype.forEach.call(form.elements[name].options, function (option) {
        if (!option.hasAttribute("data-label")) option.setAttribute("data-label", option.textContent);
        var count = pool.filter(function (row) { return matches(row, name, option.value); }).length;
        option.textContent = option.getAttribute("data-label") + " (" + count + ")";
        var useless = option.value !== "" && count === 0 && !option.selected;
        option.hidden = useless;
        option.disabled = useless;
      });
    });
  }

  function showCount(shown) {
    var output = document.getElementById("x-count");
    var english = document.createElement("span");
    english.lang = "en";
    english.textContent = "Showing " + shown + " of " + rows.length;
    output.textContent = "显示 " + shown + " / " + rows.length + " 个证书 ";
    output.appendChild(english);
    document.getElementById("x-none").hidden = shown !== 0;
  }

  function apply() {
    var shown = 0;
    rows.forEach(function (row) {
      var visible = filters.every(function (name) { return matches(row, name, form.elements[name].value); });
      row.hidden = !visible;
      if (visible) shown += 1;
    });
    showCount(shown);
    countOptions();

    var ordered = rows.slice();
    var index = headings.findIndex(function (th) { return th.getAttribute("data-sort-key") === state.sort; });
    if (index !== -1) {
      var numeric = headings[index].getAttribute("data-sort-type") === "number";
      ordered.sort(function (a, b) {
        var x = sortValue(a, index), y = sortValue(b, index);
        var result = numeric ? Number(x) - Number(y) : collator.compare(x, y);
        return state.order === "desc" ? -result : result;
      });
    }
    ordered.forEach(function (row) { body.appendChild(row); });
    headings.forEach(function (th, i) {
      th.setAttribute("aria-sort", i === index ? (state.order === "desc" ? "descending" : "ascending") : "none");
    });
  }

  function saveToAddress() {
    var params = new URLSearchParams();
    filters.forEach(function (name) {
      if (form.elements[name].value) params.set(name, form.elements[name].value);
    });
    if (state.sort) {
      params.set("sort", state.sort);
      params.set("order", state.order);
    }
    var query = params.toString();
    history.replaceState(null, "", location.pathname + (query ? "?" + query : "") + location.hash);
  }

  function loadFromAddress() {
    var params = new URLSearchParams(location.search);
    filters.forEach(function (name) {
      var select = form.elements[name];
      var value = params.get(name) || "";
      // Ignore values that are not options (an old or mistyped link shows everything).
      select.value = Array.prototype.some.call(select.options, function (o) { return o.value === value; }) ? value : "";
    });
    state.sort = params.get("sort") || "";
    state.order = params.get("order") === "desc" ? "desc" : "asc";
  }

  headings.forEach(function (th) {
    var button = document.createElement("button");
    button.type = "button";
    button.className = "x-sort";
    while (th.firstChild) button.appendChild(th.firstChild);
    th.appendChild(button);
    button.addEventListener("click", function () {
      var key = th.getAttribute("data-sort-key");
      state.order = state.sort === key && state.order === "asc" ? "desc" : "asc";
      state.sort = key;
      apply();
      saveToAddress();
    });
  });

  form.addEventListener("change", function () { apply(); saveToAddress(); });
  form.addEventListener("reset", function () {
    setTimeout(function () { state.sort = ""; apply(); saveToAddress(); }, 0);
  });
  form.addEventListener("submit", function (event) { event.preventDefault(); });

  form.hidden = false;
  loadFromAddress();
  apply();
})();

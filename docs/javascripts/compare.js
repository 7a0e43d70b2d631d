/* Comparing certificates. On a certificate page and the catalogue, a tray adds or removes the
   certificate from the selection (kept in this browser's localStorage) and leads to the compare page.
   The compare page sets 2 to 4 certificates side by side from their JSON files (api/certificates/<id>.json);
   its address keeps the choice (compare/?ids=a,b) so it can be shared. All text goes in with textContent. */
(function () {
  "use strict";

  var KEY = "xcat-compare";

  function el(tag, text, className) {
    var node = document.createElement(tag);
    if (text) node.textContent = text;
    if (className) node.className = className;
    return node;
  }

  // A heading "中文 English": the English half in its own span marked lang="en" (screen readers).
  function bilingual(tag, text) {
    var space = text.indexOf(" ");
    var node = el(tag, space < 0 ? text : text.slice(0, space + 1));
    if (space >= 0) { var en = el("span", text.slice(space + 1)); en.lang = "en"; node.appendChild(en); }
    return node;
  }

  function load() {
    try {
      var ids = JSON.parse(localStorage.getItem(KEY) || "[]");
      return Array.isArray(ids) ? ids.filter(function (id) { return typeof id === "string"; }) : [];
    } catch (e) { return []; }
  }

  function save(ids) {
    try { localStorage.setItem(KEY, JSON.stringify(ids)); } catch (e) { /* private mode: the address still works */ }
  }

  function address(page, ids) { return page + (ids.length ? "?ids=" + ids.map(encodeURIComponent).join(",") : ""); }

  // --- The tray: certificate pages and the catalogue --------------------------------------
  var tray = document.querySelector(".x-compare-tray");
  var limit = 4;
  if (tray) {
    var page = tray.getAttribute("data-compare-page");
    var own = tray.getAttribute("data-certificate");
    var toggle = tray.querySelector(".x-compare-toggle");
    var choose = tray.querySelector(".x-compare-choose");
    var linkTo = tray.querySelector(".x-compare-link");
    var refresh = function () {
      var ids = load();
      tray.querySelector(".x-compare-count").textContent = String(ids.length);
      linkTo.href = address(page, ids);
      if (toggle) {
        var chosen = ids.indexOf(own) !== -1;
        toggle.setAttribute("aria-pressed", String(chosen));
        toggle.firstChild.textContent = chosen ? "移出比较 · " : "加入比较 · ";
        toggle.lastChild.textContent = chosen ? "remove from comparison" : "compare";
      }
    };
    var add = function (id) {
      var ids = load();
      if (ids.indexOf(id) === -1) {
        if (ids.length >= limit) ids.shift();  // the oldest choice makes room
        ids.push(id);
      }
      save(ids);
      refresh();
    };
    if (toggle) {
      toggle.addEventListener("click", function () {
        var ids = load();
        if (ids.indexOf(own) !== -1) { save(ids.filter(function (id) { return id !== own; })); refresh(); } else add(own);
      });
    }
    if (choose) {
      choose.addEventListener("change", function () { if (choose.value) add(choose.value); choose.value = ""; });
    }
    tray.hidden = false;
    refresh();
  }

  // --- The compare page ---------------------------------------------------------------------
  var box = document.getElementById("x-compare");
  if (!box || !window.fetch) return;
  document.querySelectorAll(".x-compare__nojs").forEach(function (p) { p.hidden = true; });
  limit = Number(box.getAttribute("data-limit")) || limit;
  var root = box.getAttribute("data-site-root") || "";
  var form = box.querySelector(".x-compare__add");
  var message = box.querySelector(".x-compare__message");
  var holder = box.querySelector(".x-compare__table");
  var data;
  var records = {};

  function chosenIds() {
    var given = new URLSearchParams(location.search).get("ids");
    var ids = given !== null ? given.split(",") : load();
    var seen = {};
    return ids.map(function (id) { return id.trim(); }).filter(function (id) {
      var ok = id && data.certificates[id] && !seen[id];
      seen[id] = true;
      return ok;
    }).slice(0, limit);
  }

  function setIds(ids) {
    save(ids);
    history.replaceState(null, "", address(location.pathname, ids));
    render();
  }

  function linkOrText(url, text) {
    if (url && /^https:\/\//.test(url)) {
      var a = el("a", text);
      a.href = url;
      return a;
    }
    return el("span", text);
  }

  function lines(items) {
    var ul = el("ul", null, "x-compare__list");
    if (!items.length) { ul.appendChild(el("li", "—")); return ul; }
    items.forEach(function (item) {
      var li = el("li");
      li.appendChild(typeof item === "string" ? document.createTextNode(item) : item);
      ul.appendChild(li);
    });
    return ul;
  }

  var ROWS = [
    ["评价组织 Organization", function (r) { return r.organization ? r.organization.name.zh : "—"; }],
    ["状态 Status", function (r) {
      var labels = data.statuses[r.status] || [r.status, r.status];
      var span = el("span", labels[0] + " ", "x-badge x-badge--" + r.status);
      var en = el("span", labels[1]);
      en.lang = "en";
      span.appendChild(en);
      var cell = el("span");
      cell.appendChild(span);
      if (r.status_date) cell.appendChild(document.createTextNode(" " + r.status_date));
      return cell;
    }],
    ["最近核实 Last verified", function (r) { return r.last_verified ? r.last_verified.date : "—（尚无官方清单确认 not yet confirmed）"; }],
    ["等级 Levels (title, fee)", function (r) {
      return lines(r.levels.map(function (l) {
        return l.level + (l.title ? " " + l.title : "") + (l.fee !== null ? " · " + l.fee + " 元" : " · 费用不详 fee unknown");
      }));
    }],
    ["相关专业 Majors", function (r) {
      return lines(r.related_majors.map(function (m) { return m.id + " " + m.name.zh + (m.editorial ? "（编辑关联 editorial）" : ""); }));
    }],
    ["试点院校 Pilot institutions", function (r) {
      var p = r.latest_pilot_count;
      return p ? p.count + (p.as_of ? "（截至 as of " + p.as_of + "）" : "") : "—";
    }],
    ["批次 Batch", function (r) { return r.batch ? r.batch.name.zh : "批次外或不详 outside the batches or unknown"; }],
    ["来源 Sources", function (r) {
      return lines(Object.keys(r.cited_sources || {}).map(function (id) {
        var s = r.cited_sources[id];
        return linkOrText(s.url, s.title);
      }));
    }]
  ];

  function table(ids) {
    var t = el("table");  // no class: Material styles a plain table
    var head = t.createTHead().insertRow();
    head.appendChild(bilingual("th", "证书 Certificate"));
    ids.forEach(function (id) {
      var r = records[id];
      var th = el("th");
      th.scope = "col";
      var a = el("a", r.name.zh);
      a.href = root + data.certificates[id].page;
      th.appendChild(a);
      if (r.name.en) { var span = el("span", " " + r.name.en, "x-en"); span.lang = "en"; th.appendChild(span); }
      var remove = el("button", "移除 Remove", "x-compare__remove");
      remove.type = "button";
      remove.setAttribute("aria-label", "移除 Remove " + r.name.zh);
      remove.addEventListener("click", function () { setIds(ids.filter(function (other) { return other !== id; })); });
      th.appendChild(remove);
      head.appendChild(th);
    });
    var body = t.createTBody();
    ROWS.forEach(function (row) {
      var tr = body.insertRow();
      var th = bilingual("th", row[0]);
      th.scope = "row";
      tr.appendChild(th);
      ids.forEach(function (id) {
        var value = row[1](records[id]);
        var td = tr.insertCell();
        if (typeof value === "string") td.textContent = value; else td.appendChild(value);
      });
    });
    return t;
  }

  function fillChooser(ids) {
    var select = form.elements.add;
    while (select.options.length > 1) select.remove(1);
    Object.keys(data.certificates).filter(function (id) { return ids.indexOf(id) === -1; })
      .sort(function (a, b) { return data.certificates[a].name.zh.localeCompare(data.certificates[b].name.zh, "zh"); })
      .forEach(function (id) {
        var o = el("option", data.certificates[id].name.zh);
        o.value = id;
        select.appendChild(o);
      });
  }

  function render() {
    var ids = chosenIds();
    fillChooser(ids);
    message.textContent = ids.length < 2 ? "请至少选择两个证书。 Choose at least two certificates." : "";
    Promise.all(ids.map(function (id) {
      if (records[id]) return records[id];
      return fetch(root + data.certificates[id].api).then(function (r) { return r.json(); })
        .then(function (record) { records[id] = record; return record; });
    })).then(function () {
      holder.textContent = "";
      if (ids.length) {
        var scroller = el("div", null, "x-compare__scroll");
        scroller.appendChild(table(ids));
        holder.appendChild(scroller);
      }
    }).catch(function () { message.textContent = "无法加载证书数据。 The certificate data could not be loaded."; });
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var id = form.elements.add.value;
    var ids = chosenIds();
    if (!id) return;
    if (ids.length >= limit) { message.textContent = "最多比较 " + limit + " 个证书。 At most " + limit + " certificates."; return; }
    setIds(ids.concat([id]));
  });

  fetch(box.getAttribute("data-finder")).then(function (r) { return r.json(); }).then(function (loaded) {
    data = loaded;
    limit = data.compare_limit || limit;
    form.hidden = false;
    render();
  });
})();

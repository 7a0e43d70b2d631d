/* The major finder (home page and finder page): choose a level, 专业大类, 专业类 and major, or type a
   name, code or pinyin; the certificates linked to the major by a source come first, then those of
   its field (an editorial judgement). The choice lives in the address (?major=510203, or the steps chosen
   so far) so it can be shared. Data: api/finder.json (xcat/render/finder.py). Everything is printed with textContent:
   names are contributed text. Without JavaScript the section shows its link to plain lists. */
(function () {
  "use strict";

  var box = document.querySelector(".x-finder[data-finder]");
  if (!box || !window.fetch) return;
  var form = box.querySelector(".x-finder__form");
  var matches = box.querySelector(".x-finder__matches");
  var result = box.querySelector(".x-finder__result");
  var root = box.getAttribute("data-site-root") || "";
  var MAX_MATCHES = 12;
  var data;

  function el(tag, text, className) {
    var node = document.createElement(tag);
    if (text) node.textContent = text;
    if (className) node.className = className;
    return node;
  }

  function en(text) {
    var span = el("span", text, "x-en");
    span.lang = "en";
    return span;
  }

  function option(value, text) {
    var node = el("option", text);
    node.value = value;
    return node;
  }

  function fill(select, items) {
    while (select.options.length > 1) select.remove(1);
    items.forEach(function (item) { select.appendChild(option(item[0], item[1])); });
    select.disabled = items.length === 0;
  }

  function categoriesUnder(parent, level) {
    return Object.keys(data.categories).filter(function (code) {
      var c = data.categories[code];
      return parent ? c.parent === parent : !c.parent && c.level === level;
    }).map(function (code) { return [code, code + " " + data.categories[code].name.zh]; });
  }

  var byCode = {};

  function onLevel() {
    fill(form.elements.big, form.elements.level.value ? categoriesUnder(null, form.elements.level.value) : []);
    fill(form.elements.category, []);
    fill(form.elements.major, []);
  }

  function onBig() {
    fill(form.elements.category, form.elements.big.value ? categoriesUnder(form.elements.big.value) : []);
    fill(form.elements.major, []);
  }

  function onCategory() {
    var code = form.elements.category.value;
    fill(form.elements.major, data.majors.filter(function (m) { return code && m.category === code; })
      .map(function (m) { return [m.code, m.code + " " + m.name.zh]; }));
  }

  // Set every select to the major's place, so the form shows where it sits.
  function place(major) {
    var category = data.categories[major.category];
    form.elements.level.value = major.level || "";
    onLevel();
    if (category) {
      form.elements.big.value = category.parent || "";
      onBig();
      form.elements.category.value = major.category;
      onCategory();
    }
    form.elements.major.value = major.code;
  }

  function link(path, text) {
    var a = el("a", text);
    a.href = root + path;
    return a;
  }

  function certificateItem(id, note) {
    var c = data.certificates[id];
    var li = el("li");
    if (!c) return li;
    li.appendChild(link(c.page, c.name.zh));
    if (c.name.en) { li.appendChild(document.createTextNode(" ")); li.appendChild(en(c.name.en)); }
    li.appendChild(document.createTextNode(" "));
    var labels = data.statuses[c.status] || [c.status, c.status];
    var badge = el("span", labels[0] + " ", "x-badge x-badge--" + c.status);
    badge.appendChild(en(labels[1]));
    li.appendChild(badge);
    var what = c.organization + " 的职业技能等级证书" + (c.batch ? "（" + c.batch + "）" : "");
    li.appendChild(el("span", " · " + what + " · ", "x-finder__what"));
    li.appendChild(el("span", note, "x-muted"));
    return li;
  }

  function show(major, updateAddress) {
    place(major);
    matches.hidden = true;
    result.textContent = "";
    var heading = el("h3", major.code + " " + major.name.zh + " ");
    if (major.name.en) heading.appendChild(en(major.name.en));
    result.appendChild(heading);
    var levels = data.levels[major.level] || [major.level, ""];
    var category = data.categories[major.category];
    var big = category && data.categories[category.parent];
    var path = el("p", [levels[0], big ? big.name.zh : "", category ? category.name.zh : ""].filter(Boolean).join(" › ") + " ");
    if (major.page) path.appendChild(link(major.page, "专业页面 Major's page"));
    if (major.feed) { path.appendChild(document.createTextNode(" · ")); path.appendChild(link(major.feed, "订阅 Atom feed")); }
    result.appendChild(path);

    var shown = {};
    result.appendChild(el("h4", "与该专业关联的证书 Certificates linked to this major"));
    if (major.certificates.length) {
      var linked = el("ul", null, "x-finder__linked");
      major.certificates.forEach(function (c) {
        shown[c.id] = true;
        linked.appendChild(certificateItem(c.id, c.sources.length ? "有来源 sourced: " + c.sources.join("；") : "编辑关联 · editorial"));
      });
      result.appendChild(linked);
    } else {
      result.appendChild(el("p", "暂无有来源的关联证书。 No certificate is linked to this major yet."));
    }

    var field = category && data.categories[category.parent] && data.fields[data.categories[category.parent].field];
    if (field) {
      var rest = field.certificates.filter(function (id) { return !shown[id]; });
      var h = el("h4", "同一专业大类的证书 Certificates of its field: " + field.name.zh + " ");
      h.appendChild(el("span", "编辑判断 · editorial", "x-finder__editorial"));
      result.appendChild(h);
      if (rest.length) {
        var others = el("ul", null, "x-finder__field");
        rest.forEach(function (id) { others.appendChild(certificateItem(id, "编辑判断 · editorial")); });
        result.appendChild(others);
      } else {
        result.appendChild(el("p", "暂无其他证书。 No other certificates."));
      }
      var p = el("p");
      p.appendChild(link(field.page, "专业大类页面 The field's page: " + field.name.zh));
      result.appendChild(p);
    }
    if (updateAddress && window.history && history.replaceState) {
      var params = new URLSearchParams(location.search);
      STEPS.forEach(function (name) { params.delete(name); });
      params.set("major", major.code);
      history.replaceState(null, "", "?" + params.toString() + "#finder");
    }
  }

  // A level, 大类 or 专业类 chosen without a major is kept in the address too (?level=…&big=…&category=…),
  // so a reloaded or shared link opens where the student stopped; a major alone says all of that.
  var STEPS = ["level", "big", "category"];

  function rememberSteps() {
    if (!(window.history && history.replaceState)) return;
    var params = new URLSearchParams(location.search);
    params.delete("major");
    STEPS.forEach(function (name) {
      var value = form.elements[name].value;
      if (value) params.set(name, value); else params.delete(name);
    });
    var query = params.toString();
    history.replaceState(null, "", (query ? "?" + query : location.pathname) + "#finder");
  }

  // Each step is restored only if it exists under the one before it.
  function restoreSteps() {
    var params = new URLSearchParams(location.search);
    var changed = [onLevel, onBig, onCategory];
    STEPS.every(function (name, i) {
      var value = params.get(name), select = form.elements[name];
      if (!value || !Array.prototype.some.call(select.options, function (o) { return o.value === value; })) return false;
      select.value = value;
      changed[i]();
      return true;
    });
  }

  function normalise(text) { return text.toLowerCase().replace(/\s+/g, ""); }

  function search(query) {
    var q = normalise(query);
    matches.textContent = "";
    if (!q) { matches.hidden = true; return; }
    var found = data.majors.filter(function (m) {
      return m.code.toLowerCase().indexOf(q) === 0 || m.name.zh.indexOf(query.trim()) !== -1 ||
        (m.name.en && normalise(m.name.en).indexOf(q) !== -1) ||
        m.pinyin.some(function (term) { return normalise(term).indexOf(q) === 0; });
    });
    found.slice(0, MAX_MATCHES).forEach(function (m) {
      var li = el("li");
      var a = el("a", m.code + " " + m.name.zh + "（" + m.level + "）");
      a.href = "?major=" + encodeURIComponent(m.code) + "#finder";
      a.addEventListener("click", function (event) { event.preventDefault(); show(m, true); });
      li.appendChild(a);
      matches.appendChild(li);
    });
    if (!found.length) matches.appendChild(el("li", "没有找到该专业。 No major matches."));
    else if (found.length > MAX_MATCHES) matches.appendChild(el("li", "共 " + found.length + " 个，请输入更多。 " + found.length + " found: type more."));
    matches.hidden = false;
  }

  function chosenFromAddress() {
    var code = new URLSearchParams(location.search).get("major");
    if (!code) {
      var hash = /major=([0-9A-Za-z]+)/.exec(location.hash);
      code = hash && hash[1];
    }
    return code && byCode[code];
  }

  fetch(box.getAttribute("data-finder")).then(function (response) {
    if (!response.ok) throw new Error(response.status);
    return response.json();
  }).then(function (loaded) {
    data = loaded;
    data.majors.forEach(function (m) { byCode[m.code] = m; });
    form.hidden = false;
    [onLevel, onBig, onCategory].forEach(function (changed, i) {
      form.elements[STEPS[i]].addEventListener("change", function () { changed(); rememberSteps(); });
    });
    form.elements.major.addEventListener("change", function () {
      var major = byCode[form.elements.major.value];
      if (major) show(major, true);
    });
    form.elements.q.addEventListener("input", function () { search(form.elements.q.value); });
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    var chosen = chosenFromAddress();
    if (chosen) show(chosen, false); else restoreSteps();
  }).catch(function () {
    result.textContent = "无法加载专业数据，请使用下面的列表。 The majors could not be loaded: use the lists below.";
  });
})();

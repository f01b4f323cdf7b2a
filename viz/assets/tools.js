/* govkg explorer: search by label and alt label, type filters from the legend's colour
   table, path highlight between two chosen nodes, and PNG export of the canvas. */
"use strict";

var MAX_RESULTS = 12;

/** Whether every word of the needle starts a word of the text, in order ("cab sec" finds
    "Cabinet Secretary", "perm sec" "Permanent Secretary"). */
govkg.wordPrefixes = function (needleWords, text) {
  var words = text.toLowerCase().split(/[^a-z0-9]+/).filter(Boolean);
  var at = 0;
  return needleWords.every(function (part) {
    while (at < words.length && words[at].indexOf(part) !== 0) { at += 1; }
    at += 1;
    return at <= words.length;
  });
};

/** Nodes whose label, an alt label or a holder's name contains the text, or whose words the
    text's words begin (abbreviations), best first. */
govkg.search = function (text) {
  var needle = text.trim().toLowerCase();
  if (!needle) { return []; }
  var parts = needle.split(/[^a-z0-9]+/).filter(Boolean);
  var hits = [];
  Object.keys(govkg.data.details).forEach(function (id) {
    var d = govkg.data.details[id];
    var label = d.label.toLowerCase();
    var rank = label === needle ? 0 : label.indexOf(needle) === 0 ? 1 : label.indexOf(needle) > 0 ? 2 : 9;
    if (rank === 9 && parts.length > 1 && govkg.wordPrefixes(parts, label)) { rank = 2.5; }
    var via = null;
    d.alt.forEach(function (alt) {
      var a = alt.toLowerCase();
      var r = a === needle ? 0.5 : a.indexOf(needle) >= 0 ? 3 : parts.length > 1 && govkg.wordPrefixes(parts, a) ? 3.5 : 9;
      if (r < rank) { rank = r; via = alt; }
    });
    d.holders.forEach(function (holder) {  // a post found by who holds it
      if (rank > 4 && holder.toLowerCase().indexOf(needle) >= 0) { rank = 4; via = "held by " + holder; }
    });
    if (rank < 9) { hits.push({ id: id, label: d.label, via: via, rank: rank }); }
  });
  hits.sort(function (a, b) { return a.rank - b.rank || a.label.length - b.label.length; });
  return hits.slice(0, MAX_RESULTS);
};

/** Move the view to a node and zoom in on it. */
govkg.focusNode = function (id) {
  govkg.network.focus(id, { scale: 1.2, animation: { duration: 400, easingFunction: "easeInOutQuad" } });
};

/** Select a node (showing it if a filter, a collapsed post or a collapsed objective hid
    it), focus it and show its details. */
govkg.selectNode = function (id) {
  var node = govkg.nodes.get(id) || (govkg.chart && govkg.chart.all[id]);
  if (!node) { return; }
  var select = function () {
    govkg.network.selectNodes([id]);
    govkg.focusNode(id);
    govkg.showNode(id);
  };
  if (govkg.hiddenCategories[node.category]) { govkg.setCategory(node.category, true); }
  if (node.detailHidden) {
    govkg.nodes.update({ id: id, detailHidden: false });
    govkg.refreshVisibility();
  }
  if (govkg.chart && !govkg.chart.pos[id]) { govkg.chart.reveal(id, select); } else { select(); }
};

/** Wire the search box and its result list: arrows move through the results, Enter picks
    the highlighted one (the first by default), Escape closes the list; no match is said. */
govkg.setupSearch = function () {
  var input = document.getElementById("search");
  var list = document.getElementById("search-results");
  var hits = [];
  var active = 0;
  var mark = function () {
    Array.prototype.forEach.call(list.children, function (item, index) {
      item.classList.toggle("active", index === active && hits.length > 0);
      item.setAttribute("aria-selected", index === active && hits.length > 0 ? "true" : "false");
    });
  };
  var show = function () {
    hits = govkg.search(input.value);
    active = 0;
    list.textContent = "";
    list.hidden = !input.value.trim();
    if (!hits.length && input.value.trim()) {
      list.appendChild(govkg.el("li", "No match for \u201c" + input.value.trim() + "\u201d", "result muted no-match"));
    }
    hits.forEach(function (hit) {
      var item = govkg.el("li", null, "result");
      item.setAttribute("role", "option");
      item.appendChild(govkg.chip(govkg.data.details[hit.id].category));
      item.appendChild(govkg.el("span", " " + hit.label));
      if (hit.via) { item.appendChild(govkg.el("span", " (" + hit.via + ")", "muted")); }
      item.addEventListener("mousedown", function (event) {
        event.preventDefault();
        list.hidden = true;
        govkg.selectNode(hit.id);
      });
      list.appendChild(item);
    });
    mark();
  };
  input.addEventListener("input", show);
  input.addEventListener("keydown", function (event) {
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      if (!hits.length) { return; }
      event.preventDefault();
      active = (active + (event.key === "ArrowDown" ? 1 : hits.length - 1)) % hits.length;
      list.hidden = false;
      mark();
    } else if (event.key === "Enter") {
      list.hidden = true;
      if (hits.length) { govkg.selectNode(hits[active].id); }
    } else if (event.key === "Escape") { list.hidden = true; }
  });
  input.addEventListener("blur", function () { list.hidden = true; });
};

/** Show or hide every node of one category (and the edges that touch them). */
govkg.setCategory = function (key, shown) {
  var box = document.querySelector('input[data-category="' + key + '"]');
  if (box) { box.checked = shown; }
  govkg.hiddenCategories[key] = !shown;
  govkg.refreshVisibility();
  if (govkg.path.from && govkg.path.to) { govkg.showPath(); }  // the path over what is shown now
  govkg.remember();
};

/** Wire the type filters and fill in each category's count. */
govkg.setupFilters = function () {
  var counts = {};
  govkg.data.nodes.forEach(function (n) { counts[n.category] = (counts[n.category] || 0) + 1; });
  document.querySelectorAll("[data-count]").forEach(function (span) {
    span.textContent = "(" + (counts[span.getAttribute("data-count")] || 0) + ")";
  });
  document.querySelectorAll("input[data-category]").forEach(function (box) {
    box.addEventListener("change", function () {
      govkg.setCategory(box.getAttribute("data-category"), box.checked);
    });
  });
};

govkg.path = { from: null, to: null, shown: null };

/** Choose one end of the path; draw it when both ends are chosen. */
govkg.setPathEnd = function (end, id) {
  govkg.path[end] = id;
  govkg.showPath();
  govkg.remember();
};

/** Highlight the shortest path between the chosen nodes, or say why there is none. */
govkg.showPath = function () {
  var status = document.getElementById("path-status");
  var p = govkg.path;
  govkg.clearPathStyle();
  var name = function (id) { return id ? govkg.data.details[id].label : "?"; };
  document.getElementById("path-clear").hidden = !(p.from || p.to);
  if (!p.from || !p.to) {
    status.textContent = "Path: " + name(p.from) + " → " + name(p.to);
    return;
  }
  var found = govkg.findPath(p.from, p.to);
  if (!found) {
    status.textContent = "No path between " + name(p.from) + " and " + name(p.to) + " in what is shown";
    return;
  }
  p.shown = found;
  var colour = govkg.data.colours.path;
  govkg.edges.update(found.edges.map(function (id) {
    return { id: id, color: { color: colour, highlight: colour }, width: 5 };
  }));
  govkg.nodes.update(found.nodes.map(function (id) {
    var base = govkg.nodes.get(id).baseColour;
    var background = typeof base === "object" ? base.background : base;
    return { id: id, borderWidth: 5, color: { border: colour, background: background } };
  }));
  govkg.network.selectNodes(found.nodes);
  status.textContent = "Path (" + found.edges.length + " step" + (found.edges.length === 1 ? "" : "s") +
    "): " + found.nodes.map(name).join(" — ");
};

/** Put back the colours the path highlight changed. */
govkg.clearPathStyle = function () {
  var shown = govkg.path.shown;
  if (!shown) { return; }
  var here = function (set) { return function (id) { return set.get(id) !== null; }; };
  govkg.edges.update(shown.edges.filter(here(govkg.edges)).map(function (id) {
    var e = govkg.edges.get(id);
    return { id: id, color: e.baseColour, width: e.baseWidth };
  }));
  govkg.nodes.update(shown.nodes.filter(here(govkg.nodes)).map(function (id) {
    var n = govkg.nodes.get(id);
    return { id: id, borderWidth: n.baseBorder, color: n.baseColour };
  }));
  govkg.path.shown = null;
};

/** The drawing as a PNG data URL, on a white background. */
govkg.exportPng = function () {
  var canvas = document.querySelector("#graph canvas");
  var copy = document.createElement("canvas");
  copy.width = canvas.width;
  copy.height = canvas.height;
  var context = copy.getContext("2d");
  context.fillStyle = "#ffffff";
  context.fillRect(0, 0, copy.width, copy.height);
  context.drawImage(canvas, 0, 0);
  return copy.toDataURL("image/png");
};

/** Wire the toolbar buttons. */
govkg.setupButtons = function () {
  document.getElementById("fit").addEventListener("click", function () { govkg.network.fit(); });
  document.getElementById("export").addEventListener("click", function () {
    var link = document.createElement("a");
    link.download = "govkg-" + govkg.data.view.kind + ".png";
    link.href = govkg.exportPng();
    document.body.appendChild(link);
    link.click();
    link.remove();
  });
  document.getElementById("path-clear").addEventListener("click", function () {
    govkg.clearPathStyle();
    govkg.path = { from: null, to: null, shown: null };
    govkg.showPath();
    govkg.remember();
  });
  if (govkg.chart) {
    document.getElementById("expand-all").addEventListener("click", function () {
      govkg.chart.setAll(null, true, function () { govkg.firstView(); govkg.remember(); });
    });
    document.getElementById("collapse-all").addEventListener("click", function () {
      govkg.chart.setAll(null, false, function () { govkg.firstView(); govkg.remember(); });
    });
  }
};

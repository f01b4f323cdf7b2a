/* govkg explorer: what is shown and the page's state in its URL.
   A node is hidden by a type filter or (in the accountability view) as an objective,
   measure or milestone not yet expanded; the org chart's collapsed posts are not drawn at
   all (orgchart.js). The state that matters to a reader — the selection, hidden types,
   open posts, expanded details and the path's ends — is kept in the URL hash, one history
   entry per change, so Back and Forward step through selections and a copied link reopens
   the same view. */
"use strict";

govkg.hiddenCategories = {};
govkg.DETAIL = { objective: true, measure: true, milestone: true, action: true };
govkg.selected = null;
govkg.restoring = false;

/** Whether a node is hidden: its type filtered out, or a detail not yet expanded. */
govkg.hiddenFor = function (node) {
  return !!(govkg.hiddenCategories[node.category] || node.detailHidden);
};

/** Update the hidden flag of every node whose visibility changed; refresh counts and path. */
govkg.refreshVisibility = function () {
  var changes = [];
  govkg.nodes.forEach(function (n) {
    var hidden = govkg.hiddenFor(n);
    if (!!n.hidden !== hidden) { changes.push({ id: n.id, hidden: hidden }); }
  });
  if (changes.length) { govkg.nodes.update(changes); }
  document.getElementById("stat-nodes").textContent = govkg.visibleNodeIds().length;
};

/** Objectives, measures and milestones reached from a node through other such nodes. */
govkg.detailsOf = function (id) {
  var found = {};
  var todo = [id];
  while (todo.length) {
    var at = todo.pop();
    govkg.edges.forEach(function (e) {
      var other = e.from === at ? e.to : e.to === at ? e.from : null;
      if (other === null || found[other] || other === id) { return; }
      var node = govkg.nodes.get(other);
      if (node && govkg.DETAIL[node.category]) { found[other] = true; todo.push(other); }
    });
  }
  return Object.keys(found);
};

/** Show or hide a node's objectives, measures and milestones (the accountability view). */
govkg.setDetails = function (id, shown) {
  govkg.nodes.update(govkg.detailsOf(id).map(function (d) { return { id: d, detailHidden: !shown }; }));
  govkg.refreshVisibility();
  govkg.remember();
};

/** Indexes of the nodes (in the page's list) whose flag is set. */
govkg.flagged = function (flag) {
  var found = [];
  govkg.data.nodes.forEach(function (n, i) {
    var now = govkg.nodes.get(n.id);
    if (now && flag(now)) { found.push(i); }
  });
  return found;
};

/** The page's state as URL hash parameters. */
govkg.stateString = function () {
  var params = new URLSearchParams();
  if (govkg.selected) { params.set(govkg.selected.kind, govkg.selected.id); }
  var hidden = Object.keys(govkg.hiddenCategories).filter(function (k) { return govkg.hiddenCategories[k]; });
  if (hidden.length) { params.set("hide", hidden.join(",")); }
  if (govkg.chart) { params.set("open", govkg.chart.openIndexes().join(".")); }
  if (govkg.data.view.kind === "accountability") {
    params.set("shown", govkg.flagged(function (n) { return govkg.DETAIL[n.category] && !n.detailHidden; }).join("."));
  }
  if (govkg.path.from) { params.set("from", govkg.path.from); }
  if (govkg.path.to) { params.set("to", govkg.path.to); }
  return params.toString();
};

/** Record the state as a new history entry (not while restoring one). */
govkg.remember = function () {
  if (govkg.restoring || !govkg.ready) { return; }
  var state = govkg.stateString();
  if (location.hash.slice(1) !== state) { history.pushState(null, "", "#" + state); }
};

/** Indexes "3.7.9" back to node ids. */
govkg.idsAt = function (text) {
  return (text || "").split(".").filter(Boolean).map(function (i) {
    var n = govkg.data.nodes[Number(i)];
    return n ? n.id : null;
  }).filter(Boolean);
};

/** Apply a state read from the URL hash (at load, Back and Forward). */
govkg.restore = function (hash) {
  var params = new URLSearchParams(hash.replace(/^#/, ""));
  govkg.restoring = true;
  govkg.hiddenCategories = {};
  (params.get("hide") || "").split(",").filter(Boolean).forEach(function (k) { govkg.hiddenCategories[k] = true; });
  document.querySelectorAll("input[data-category]").forEach(function (box) {
    box.checked = !govkg.hiddenCategories[box.getAttribute("data-category")];
  });
  if (govkg.data.view.kind === "accountability" && params.has("shown")) {
    var shown = {};
    govkg.idsAt(params.get("shown")).forEach(function (id) { shown[id] = true; });
    govkg.nodes.update(govkg.nodes.get({ filter: function (n) { return govkg.DETAIL[n.category]; } })
      .map(function (n) { return { id: n.id, detailHidden: !shown[n.id] }; }));
  }
  govkg.refreshVisibility();
  var finish = function () {
    govkg.path = { from: params.get("from"), to: params.get("to"), shown: null };
    govkg.showPath();
    if (params.get("node") && govkg.data.details[params.get("node")]) {
      govkg.network.selectNodes([params.get("node")]);
      govkg.showNode(params.get("node"));
    } else if (params.get("edge") && govkg.data.edgeDetails[params.get("edge")]) {
      govkg.network.selectEdges([params.get("edge")]);
      govkg.showEdge(params.get("edge"));
    } else {
      govkg.clearSelection();
    }
    govkg.restoring = false;
  };
  if (govkg.chart && params.has("open")) {
    var open = {};
    govkg.idsAt(params.get("open")).forEach(function (id) { open[id] = true; });
    govkg.chart.open = open;
    govkg.chart.redraw(finish);
  } else {
    finish();
  }
};

/** Back and Forward (the buttons and the browser's) restore the state in the URL. */
govkg.setupHistory = function () {
  window.addEventListener("popstate", function () { govkg.restore(location.hash); });
  document.getElementById("back").addEventListener("click", function () { history.back(); });
  document.getElementById("forward").addEventListener("click", function () { history.forward(); });
};

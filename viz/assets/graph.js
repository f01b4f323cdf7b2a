/* govkg explorer: the vis-network drawing (vis-network 9.1.2, inlined from pyvis).
   Builds the DataSets from the page's JSON, draws them with the options the Python side
   chose (physics off for trees and big views), and marks the page ready once the drawing
   is stable: physics finished (then switched off) or never on. */
"use strict";

var govkg = window.govkg = window.govkg || {};

/** Create an element whose text is set with textContent only (never HTML). */
govkg.el = function (tag, text, className) {
  var node = document.createElement(tag);
  if (text !== undefined && text !== null) { node.textContent = String(text); }
  if (className) { node.className = className; }
  return node;
};

/** Read the page's JSON payload. */
govkg.readData = function () {
  return JSON.parse(document.getElementById("govkg-data").textContent);
};

/** Mark the drawing stable and record when. */
govkg.markReady = function (how) {
  if (govkg.ready) { return; }
  govkg.ready = true;
  govkg.readyHow = how;
  govkg.readyAt = performance.now();
  var status = document.getElementById("status");
  var view = govkg.data.view;
  status.textContent = view.shown + " nodes drawn" + (view.capped ? " (capped: " +
    view.total + " selected)" : "") + " · " + how;
  document.body.setAttribute("data-ready", "true");
  if (govkg.afterReady) { govkg.afterReady(); }
};

/** The smallest label font drawn (node labels, and edge labels when the view has them). */
govkg.labelFont = function () {
  var options = govkg.data.options;
  var fonts = [options.nodes.font.size];
  if (govkg.data.edges.some(function (e) { return e.label; })) { fonts.push(options.edges.font.size); }
  return Math.min.apply(null, fonts);
};

/** The smallest label's size on screen, in CSS pixels, at the current zoom. */
govkg.labelPx = function () {
  return govkg.network.getScale() * govkg.labelFont();
};

/** The node the first view is centred on: the focus, the first root, else the best connected. */
govkg.anchorNode = function () {
  var view = govkg.data.view;
  var shown = {};
  govkg.visibleNodeIds().forEach(function (id) { shown[id] = true; });
  var focus = view.focus.filter(function (id) { return shown[id]; });
  if (focus.length) { return focus[0]; }
  if (govkg.chart) { return govkg.chart.roots[0]; }
  var degree = {};
  govkg.edges.forEach(function (e) {
    if (shown[e.from] && shown[e.to]) {
      degree[e.from] = (degree[e.from] || 0) + 1;
      degree[e.to] = (degree[e.to] || 0) + 1;
    }
  });
  var best = null;
  Object.keys(shown).forEach(function (id) { if (best === null || (degree[id] || 0) > (degree[best] || 0)) { best = id; } });
  return best;
};

/** The first view: everything shown if its labels are readable, else a readable zoom
    (labels at least MIN_LABEL_PX) on the anchor node — a tree's root at the top. */
govkg.MIN_LABEL_PX = 11;
govkg.firstView = function () {
  var network = govkg.network;
  network.fit({ nodes: govkg.visibleNodeIds(), animation: false });
  if (govkg.labelPx() >= govkg.MIN_LABEL_PX) { return; }
  var scale = 1.02 * govkg.MIN_LABEL_PX / govkg.labelFont();
  var anchor = govkg.anchorNode();
  var at = anchor ? network.getPositions([anchor])[anchor] : { x: 0, y: 0 };
  var y = at.y;
  if (govkg.chart) { y += (document.getElementById("graph").clientHeight / 2 - 80) / scale; }
  network.moveTo({ position: { x: at.x, y: y }, scale: scale, animation: false });
};

/** Draw the network and wire the readiness events. */
govkg.draw = function (data) {
  var container = document.getElementById("graph");
  var drawn = { nodes: data.nodes, edges: data.edges };
  if (data.tree) {
    govkg.chart = new govkg.OrgChart(data.tree, data.nodes, data.edges);
    govkg.chart.layout();
    drawn = govkg.chart.initial();
  }
  if (data.view.kind === "accountability") {
    data.nodes.forEach(function (n) {
      n.detailHidden = !!govkg.DETAIL[n.category];
      n.hidden = n.detailHidden;
    });
  }
  govkg.nodes = new vis.DataSet(drawn.nodes);
  govkg.edges = new vis.DataSet(drawn.edges);
  var physics = data.options.physics && data.options.physics.enabled;
  govkg.network = new vis.Network(container, { nodes: govkg.nodes, edges: govkg.edges }, data.options);
  var network = govkg.network;
  var ready = function (how) { govkg.firstView(); govkg.markReady(how); };
  if (physics) {
    network.on("stabilizationProgress", function (p) {
      document.getElementById("status").textContent =
        "Laying out… " + Math.round(100 * p.iterations / p.total) + "%";
    });
    network.once("stabilizationIterationsDone", function () {
      network.setOptions({ physics: { enabled: false } });
      ready("layout finished, physics off");
    });
  } else if (govkg.chart) {
    network.on("beforeDrawing", function (ctx) { govkg.chart.drawSpines(ctx); });
    network.once("afterDrawing", function () {
      govkg.chart.redraw(function () { ready("tree layout, physics off"); });
    });
  } else {
    network.once("afterDrawing", function () { ready("physics off"); });
  }
  return network;
};

/** The ids of the nodes that are not hidden by a type filter. */
govkg.visibleNodeIds = function () {
  return govkg.nodes.getIds({ filter: function (n) { return !n.hidden; } });
};

/** Neighbours over visible nodes, ignoring direction: id -> [[neighbour, edge id]]. */
govkg.adjacency = function () {
  var visible = {};
  govkg.visibleNodeIds().forEach(function (id) { visible[id] = true; });
  var adj = {};
  govkg.edges.forEach(function (e) {
    if (!visible[e.from] || !visible[e.to]) { return; }
    (adj[e.from] = adj[e.from] || []).push([e.to, e.id]);
    (adj[e.to] = adj[e.to] || []).push([e.from, e.id]);
  });
  return adj;
};

/** Shortest path (fewest edges, any direction) between two nodes: {nodes, edges} or null. */
govkg.findPath = function (from, to) {
  var adj = govkg.adjacency();
  var previous = {};
  previous[from] = null;
  var queue = [from];
  while (queue.length) {
    var node = queue.shift();
    if (node === to) { break; }
    (adj[node] || []).forEach(function (pair) {
      if (!(pair[0] in previous)) { previous[pair[0]] = [node, pair[1]]; queue.push(pair[0]); }
    });
  }
  if (!(to in previous)) { return null; }
  var nodes = [to];
  var edges = [];
  for (var step = previous[to]; step; step = previous[step[0]]) {
    nodes.unshift(step[0]);
    edges.unshift(step[1]);
  }
  return { nodes: nodes, edges: edges };
};

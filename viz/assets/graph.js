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
};

/** Draw the network and wire the readiness events. */
govkg.draw = function (data) {
  var container = document.getElementById("graph");
  govkg.nodes = new vis.DataSet(data.nodes);
  govkg.edges = new vis.DataSet(data.edges);
  var physics = data.options.physics && data.options.physics.enabled;
  govkg.network = new vis.Network(container, { nodes: govkg.nodes, edges: govkg.edges }, data.options);
  var network = govkg.network;
  if (physics) {
    network.on("stabilizationProgress", function (p) {
      document.getElementById("status").textContent =
        "Laying out… " + Math.round(100 * p.iterations / p.total) + "%";
    });
    network.once("stabilizationIterationsDone", function () {
      network.setOptions({ physics: { enabled: false } });
      network.fit();
      govkg.markReady("layout finished, physics off");
    });
  } else {
    network.once("afterDrawing", function () {
      govkg.markReady(data.view.layout === "tree" ? "tree layout, physics off" : "physics off");
    });
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

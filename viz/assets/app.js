/* govkg explorer: start-up. Reads the JSON payload, draws, and wires the panels. */
"use strict";

(function () {
  var data = govkg.readData();
  govkg.data = data;
  govkg.categories = {};
  data.categories.forEach(function (c) { govkg.categories[c.key] = c; });
  data.nodes.forEach(function (n) {
    n.baseColour = n.color;
    n.baseBorder = n.borderWidth || 1;
  });
  var network = govkg.draw(data);
  network.on("click", function (params) {
    if (params.nodes.length) {
      govkg.showNode(params.nodes[0]);
    } else if (params.edges.length) {
      govkg.showEdge(params.edges[0]);
    }
  });
  govkg.setupSearch();
  govkg.setupFilters();
  govkg.setupButtons();
})();

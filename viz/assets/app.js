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
  var placeholder = document.getElementById("details").innerHTML;
  /** Clear the selection and the details panel (Escape, or a click on empty canvas). */
  govkg.clearSelection = function () {
    network.unselectAll();
    document.getElementById("details").innerHTML = placeholder;
  };
  network.on("click", function (params) {
    if (params.nodes.length) {
      govkg.showNode(params.nodes[0]);
    } else if (params.edges.length) {
      govkg.showEdge(params.edges[0]);
    } else {
      govkg.clearSelection();
    }
  });
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && event.target.id !== "search") { govkg.clearSelection(); }
  });
  govkg.setupSearch();
  govkg.setupFilters();
  govkg.setupButtons();
})();

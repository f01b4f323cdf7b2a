/* govkg explorer: start-up. Reads the JSON payload, draws, and wires the panels, the org
   chart's clicks, Back and Forward, and the state in the URL. */
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
  data.edges.forEach(function (e) {
    e.baseColour = e.color;
    e.baseWidth = e.width || 1;
  });
  var network = govkg.draw(data);
  var placeholder = document.getElementById("details").innerHTML;
  /** Clear the selection and the details panel (Escape, or a click on empty canvas). */
  govkg.clearSelection = function () {
    network.unselectAll();
    govkg.selected = null;
    document.body.classList.remove("has-selection");
    document.getElementById("details").innerHTML = placeholder;
    govkg.remember();
  };
  network.on("click", function (params) {
    if (params.nodes.length) {
      var id = params.nodes[0];
      if (govkg.chart && (govkg.chart.reports[id] || []).length) {  // a click opens or closes a team
        govkg.chart.toggle(id, function () { govkg.showNode(id); });
      } else {
        govkg.showNode(id);
      }
    } else if (params.edges.length) {
      govkg.showEdge(params.edges[0]);
    } else {
      govkg.clearSelection();
    }
  });
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && event.target.id !== "search") { govkg.clearSelection(); }
  });
  govkg.afterReady = function () {
    if (location.hash.length > 1) {
      govkg.restore(location.hash);
    } else {
      history.replaceState(null, "", "#" + govkg.stateString());
    }
  };
  govkg.setupSearch();
  govkg.setupFilters();
  govkg.setupButtons();
  govkg.setupHistory();
  govkg.setupSwitcher();
})();

/* govkg explorer: the details panel. Shows a node's type, labels, period, properties,
   connections and every evidence quote with its document, or an edge's fact and evidence.
   Every string is written with textContent (govkg.el), so labels stay text. */
"use strict";

/** A heading and a list of texts, or nothing when the list is empty. */
govkg.section = function (parent, title, items) {
  if (!items || !items.length) { return null; }
  parent.appendChild(govkg.el("h3", title));
  var list = govkg.el("ul", null, "plain");
  items.forEach(function (item) { list.appendChild(govkg.el("li", item)); });
  parent.appendChild(list);
  return list;
};

/** The category chip: coloured symbol and the legend's label. */
govkg.chip = function (key) {
  var category = govkg.categories[key] || { label: key, colour: "#999", symbol: "●" };
  var chip = govkg.el("span", null, "chip");
  var swatch = govkg.el("span", category.symbol, "swatch");
  swatch.style.color = category.colour;
  chip.appendChild(swatch);
  chip.appendChild(document.createTextNode(" " + category.label));
  return chip;
};

/** Evidence quotes grouped by document, each with its line and the facts it states. */
govkg.evidence = function (parent, quoteIds) {
  var heading = govkg.el("h3", "Evidence (" + quoteIds.length + " quote" +
    (quoteIds.length === 1 ? "" : "s") + ")");
  parent.appendChild(heading);
  if (!quoteIds.length) {
    parent.appendChild(govkg.el("p", "No quote: this comes from the ontology or an organogram.", "muted"));
    return;
  }
  var byDoc = {};
  var order = [];
  quoteIds.forEach(function (i) {
    var q = govkg.data.quotes[i];
    if (!byDoc[q.document]) { byDoc[q.document] = []; order.push(q.document); }
    byDoc[q.document].push(q);
  });
  order.forEach(function (doc) {
    var quotes = byDoc[doc].sort(function (a, b) { return a.start - b.start; });
    var box = govkg.el("section", null, "evidence");
    box.appendChild(govkg.el("h4", quotes[0].title));
    quotes.forEach(function (q) {
      var figure = govkg.el("figure", null, "quote");
      figure.appendChild(govkg.el("blockquote", q.text));
      figure.appendChild(govkg.el("figcaption", "line " + q.line + " · characters " +
        q.start + "–" + q.end + " · " + q.document));
      var facts = govkg.el("ul", null, "facts");
      q.facts.forEach(function (f) { facts.appendChild(govkg.el("li", f)); });
      figure.appendChild(facts);
      box.appendChild(figure);
    });
    parent.appendChild(box);
  });
};

/** Buttons that act on the shown node (and on its reports or objectives, where it has any). */
govkg.nodeActions = function (parent, id) {
  var bar = govkg.el("div", null, "actions");
  var actions = [["Centre", function () { govkg.focusNode(id); }],
    ["Path from here", function () { govkg.setPathEnd("from", id); }],
    ["Path to here", function () { govkg.setPathEnd("to", id); }]];
  var chart = govkg.chart;
  if (chart && (chart.reports[id] || []).length) {
    var again = function () { govkg.showNode(id); };
    actions.push([chart.open[id] ? "Collapse" : "Expand", function () { chart.toggle(id, again); }]);
    actions.push(["Expand all below", function () { chart.setAll(id, true, again); }]);
  }
  var details = govkg.data.view.kind === "accountability" ? govkg.detailsOf(id) : [];
  if (details.length) {
    var hidden = details.filter(function (d) { return govkg.nodes.get(d).detailHidden; }).length;
    actions.push([(hidden ? "Show" : "Hide") + " objectives, measures and milestones (" + details.length + ")",
      function () { govkg.setDetails(id, hidden > 0); govkg.showNode(id); }]);
  }
  actions.forEach(function (a) {
    var button = govkg.el("button", a[0]);
    button.type = "button";
    button.addEventListener("click", a[1]);
    bar.appendChild(button);
  });
  parent.appendChild(bar);
};

/** The facts drawn from or to a node, each a link to the other end. */
govkg.connections = function (parent, id) {
  var touching = govkg.data.edges.filter(function (e) { return e.from === id || e.to === id; });
  if (!touching.length) { return; }
  parent.appendChild(govkg.el("h3", "Connections (" + touching.length + ")"));
  var list = govkg.el("ul", null, "plain connections");
  touching.forEach(function (e) {
    var fact = govkg.data.edgeDetails[e.id];
    var other = fact.source === id ? fact.target : fact.source;
    var item = govkg.el("li");
    var verb = fact.source === id ? fact.label + " → " : "← " + fact.label + " ";
    item.appendChild(govkg.el("span", verb, "verb"));
    var link = govkg.el("button", govkg.data.details[other].label, "link");
    link.type = "button";
    link.addEventListener("click", function () { govkg.selectNode(other); });
    item.appendChild(link);
    list.appendChild(item);
  });
  parent.appendChild(list);
};

var GK = "https://w3id.org/govkg/def#";
var ORG = "http://www.w3.org/ns/org#";

/** The facts drawn from (out) or to (in) any of `ids` with one of the predicates. */
govkg.factsOf = function (ids, predicates, out) {
  var inside = {};
  ids.forEach(function (id) { inside[id] = true; });
  var wanted = {};
  predicates.forEach(function (p) { wanted[p] = true; });
  return Object.keys(govkg.data.edgeDetails).map(function (k) { return govkg.data.edgeDetails[k]; })
    .filter(function (f) { return wanted[f.predicate] && inside[out ? f.source : f.target]; });
};

/** The other end of each fact (its target when `out`), with the measures it rests on. */
govkg.ends = function (facts, out) {
  return facts.map(function (f) { return [govkg.data.details[out ? f.target : f.source].label, f.weight || 1]; });
};

/** "Prime Minister (5)": each label once, with its count summed, most first. */
govkg.tally = function (pairs) {
  var counts = {};
  var order = [];
  pairs.forEach(function (pair) {
    if (!(pair[0] in counts)) { counts[pair[0]] = 0; order.push(pair[0]); }
    counts[pair[0]] += pair[1];
  });
  order.sort(function (a, b) { return counts[b] - counts[a] || a.localeCompare(b); });
  return order.map(function (label) { return label + " (" + counts[label] + ")"; });
};

/** The accountability summary of a post or person (with its holders or posts): who holds it
    to account and with how many measures, whom it holds to account, through which bodies,
    what it chairs and sits on. */
govkg.summary = function (parent, id) {
  var selves = [id].concat(govkg.factsOf([id], [ORG + "heldBy", ORG + "holds"], true).map(function (f) { return f.target; }))
    .concat(govkg.factsOf([id], [ORG + "heldBy", ORG + "holds"], false).map(function (f) { return f.source; }));
  var objectives = govkg.factsOf(selves, [GK + "objectiveOf"], false).map(function (f) { return f.source; });
  var measures = govkg.factsOf(objectives, [GK + "hasMeasure"], true).map(function (f) { return f.target; });
  var out = function (ids, predicates) { return govkg.ends(govkg.factsOf(ids, predicates, true), true); };
  var rows = [
    ["Held to account by", govkg.tally(govkg.ends(govkg.factsOf(selves, [GK + "holdsToAccount"], false), false)
      .concat(out(selves, [GK + "accountableTo"])))],
    ["Holds to account", govkg.tally(out(selves, [GK + "holdsToAccount"]))],
    ["Through", govkg.tally(out(measures.concat(objectives), [GK + "heldToAccountThrough"]))],
    ["Chairs", govkg.tally(out(selves, [GK + "chairs"]))],
    ["Sits on", govkg.tally(out(selves, [GK + "memberOf", ORG + "memberOf"]))],
  ].filter(function (row) { return row[1].length; });
  if (!rows.length) { return; }
  var box = govkg.el("section", null, "summary");
  box.appendChild(govkg.el("h3", "Summary"));
  var list = govkg.el("dl", null, "summary-list");
  rows.forEach(function (row) {
    list.appendChild(govkg.el("dt", row[0]));
    list.appendChild(govkg.el("dd", row[1].join(" · ")));
  });
  box.appendChild(list);
  parent.appendChild(box);
};

/** Show a node in the details panel (and remember it as the selection). */
govkg.showNode = function (id) {
  var d = govkg.data.details[id];
  var panel = document.getElementById("details");
  panel.textContent = "";
  if (!d) { return; }
  govkg.selected = { kind: "node", id: id };
  document.body.classList.add("has-selection");
  govkg.remember();
  panel.appendChild(govkg.el("h2", d.label, "detail-title"));
  var type = govkg.el("p", null, "type");
  type.appendChild(govkg.chip(d.category));
  if (d.classes.length) { type.appendChild(document.createTextNode(" · " + d.classes.join(", "))); }
  panel.appendChild(type);
  if (govkg.data.view.kind === "accountability") { govkg.summary(panel, id); }
  govkg.section(panel, "Findings (govkg check chains)", d.findings);
  govkg.nodeActions(panel, id);
  govkg.section(panel, "Also known as", d.alt);
  if (d.text) { panel.appendChild(govkg.el("h3", "Wording")); panel.appendChild(govkg.el("p", d.text)); }
  govkg.section(panel, "Period", d.periods);
  govkg.section(panel, "Held by", d.holders);
  govkg.section(panel, "Properties", d.properties.map(function (p) { return p[0] + ": " + p[1]; }));
  govkg.connections(panel, id);
  govkg.evidence(panel, d.quotes);
  govkg.section(panel, "Source rows", d.sources);
  panel.appendChild(govkg.el("p", id, "iri"));
};

/** Show an edge (one stated fact) in the details panel. */
govkg.showEdge = function (id) {
  var f = govkg.data.edgeDetails[id];
  var panel = document.getElementById("details");
  panel.textContent = "";
  if (!f) { return; }
  govkg.selected = { kind: "edge", id: id };
  document.body.classList.add("has-selection");
  govkg.remember();
  var source = govkg.data.details[f.source].label;
  var target = govkg.data.details[f.target].label;
  panel.appendChild(govkg.el("h2", source + " " + f.label + " " + target, "detail-title"));
  panel.appendChild(govkg.el("p", f.predicate, "iri"));
  if (f.period) { govkg.section(panel, "Period", [f.period]); }
  if (f.weight) {
    panel.appendChild(govkg.el("p", "Drawn from " + f.weight + " stated fact" + (f.weight === 1 ? "" : "s") +
      " (an objective's measure names the assessor); their quotes follow.", "muted"));
  }
  govkg.evidence(panel, f.quotes);
};

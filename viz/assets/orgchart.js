/* govkg explorer: the org chart of a line-management view (its shape from viz/org_tree.py).
   A top-down tree, collapsed below the top two levels at first and expanded by a click on a
   post. Small teams are stacked in an indented column under their manager, bigger ones
   spread side by side (the data.gov.uk organogram viewer's reading order). Boxes are
   measured once drawn and the chart laid out again when a measure differs from the height
   it assumed, so no two boxes overlap whatever the length of their labels. Only the shown
   posts are in vis-network's DataSets (a department of 5,000 posts opens with its top ~40),
   so loading and expanding cost what is drawn, not the size of the department. */
"use strict";

govkg.ORG = { column: 230, indent: 36, gap: 14, level: 60, stack: 30, box: 190, first: 40 };

/** The chart over the tree's shape: which posts are open, where each shown box goes. */
govkg.OrgChart = function (shape, nodes, edges) {
  var self = this;
  this.all = {};
  nodes.forEach(function (n) { self.all[n.id] = n; });
  this.edgesOf = {};
  edges.forEach(function (e) {
    (self.edgesOf[e.from] = self.edgesOf[e.from] || []).push(e);
    if (e.to !== e.from) { (self.edgesOf[e.to] = self.edgesOf[e.to] || []).push(e); }
  });
  this.roots = shape.roots;
  this.reports = shape.reports;
  this.parent = {};
  Object.keys(this.reports).forEach(function (m) {
    self.reports[m].forEach(function (r) { self.parent[r] = m; });
  });
  this.open = {};
  this.height = {};
  this.below = {};
  this.pos = {};
  this.inStack = {};
  this.assumed = {};
  this.roots = this.roots.slice().sort(function (a, b) { return self.countBelow(b) - self.countBelow(a); });
  this.openTop();
};

/** The first view: open the top levels, level by level, while at most ORG.first boxes show. */
govkg.OrgChart.prototype.openTop = function () {
  var self = this;
  var shown = this.roots.length;
  var level = this.roots.slice();
  while (level.length) {
    var next = [];
    for (var i = 0; i < level.length; i += 1) {
      var kids = this.reports[level[i]] || [];
      if (!kids.length) { continue; }
      if (shown + kids.length > govkg.ORG.first && shown > this.roots.length) { return; }
      this.open[level[i]] = true;
      shown += kids.length;
      Array.prototype.push.apply(next, kids);
    }
    level = next;
  }
};

/** A post's reports that are shown (none while it is collapsed). */
govkg.OrgChart.prototype.kids = function (id) {
  return this.open[id] ? (this.reports[id] || []) : [];
};

/** How many posts are below a post in the whole tree (each subtree counted once). */
govkg.OrgChart.prototype.countBelow = function (id) {
  var self = this;
  if (this.below[id] === undefined) {
    this.below[id] = (this.reports[id] || []).reduce(function (total, k) {
      return total + 1 + self.countBelow(k);
    }, 0);
  }
  return this.below[id];
};

/** A box's label: the post and holders, then its reports (▸ collapsed, ▾ open). */
govkg.OrgChart.prototype.label = function (id) {
  var base = this.all[id].label;  // the page's label: the post and its holders
  var direct = (this.reports[id] || []).length;
  if (!direct) { return base; }
  var all = this.countBelow(id);
  return base + "\n" + (this.open[id] ? "▾ " : "▸ ") + direct + " report" +
    (direct === 1 ? "" : "s") + (all > direct ? " (" + all + " below)" : "");
};

/** A box's height: measured when it has been drawn, else estimated from its label. */
govkg.OrgChart.prototype.h = function (id) {
  if (this.height[id]) { return this.height[id]; }
  var perLine = (govkg.ORG.box - 16) / 7.6;
  var lines = 0;
  this.label(id).split("\n").forEach(function (line) {
    lines += Math.max(1, Math.ceil(line.length / perLine));
  });
  return lines * 18 + 20;
};

/** Lay out the shown tree: every shown post's centre in this.pos. */
govkg.OrgChart.prototype.layout = function () {
  var self = this;
  var O = govkg.ORG;
  var size = {};
  var depth = {};
  var width = {};
  this.pos = {};
  this.inStack = {};
  this.assumed = {};
  var put = function (id, x, y) {
    self.assumed[id] = self.h(id);
    self.pos[id] = { x: Math.round(x), y: Math.round(y + self.assumed[id] / 2) };
  };
  var measure = function (id) {
    size[id] = 1;
    depth[id] = 0;
    self.kids(id).forEach(function (k) {
      measure(k);
      size[id] += size[k];
      depth[id] = Math.max(depth[id], depth[k] + 1);
    });
  };
  var stacked = function (id) { return size[id] <= O.stack; };
  var roomFor = function (id) {
    if (width[id] === undefined) {
      var room = O.column + O.indent * depth[id];
      if (!stacked(id)) {
        var kids = self.kids(id);
        var leaves = kids.filter(function (k) { return !self.kids(k).length; });
        room = leaves.length ? O.column + O.indent : 0;
        kids.forEach(function (k) { if (self.kids(k).length) { room += roomFor(k); } });
      }
      width[id] = Math.max(O.column, room);
    }
    return width[id];
  };
  var column = function (id, left, top) {
    var y = top;
    var walk = function (node, level) {
      put(node, left + O.column / 2 + level * O.indent, y);
      if (level > 0) { self.inStack[node] = true; }
      y += self.assumed[node] + O.gap;
      self.kids(node).forEach(function (k) { walk(k, level + 1); });
    };
    walk(id, 0);
  };
  var place = function (id, left, top) {
    if (stacked(id)) { column(id, left, top); return; }
    put(id, left + roomFor(id) / 2, top);
    var row = top + self.assumed[id] + O.level;
    var x = left;
    var kids = self.kids(id);
    var leaves = kids.filter(function (k) { return !self.kids(k).length; });
    if (leaves.length) {
      var y = row;
      leaves.forEach(function (k) {
        put(k, x + O.column / 2 + O.indent, y);
        self.inStack[k] = true;
        y += self.assumed[k] + O.gap;
      });
      x += O.column + O.indent;
    }
    kids.forEach(function (k) {
      if (self.kids(k).length) { place(k, x, row); x += roomFor(k); }
    });
  };
  var left = 0;
  this.roots.forEach(function (root) {
    measure(root);
    place(root, left, 0);
    left += roomFor(root) + O.column / 2;
  });
};

/** A shown post as vis-network draws it: its page data, position and current label. */
govkg.OrgChart.prototype.shownNode = function (id) {
  var p = this.pos[id];
  var node = Object.assign({}, this.all[id], { x: p.x, y: p.y, label: this.label(id) });
  node.hidden = govkg.hiddenFor(node);
  return node;
};

/** Whether an edge is a column's reporting line (drawn as the column's spine instead). */
govkg.OrgChart.prototype.inColumn = function (e) {
  return !!this.inStack[e.to] && !e.cut && this.parent[e.to] === e.from;
};

/** The edges between shown posts, by id. */
govkg.OrgChart.prototype.shownEdges = function () {
  var self = this;
  var found = {};
  Object.keys(this.pos).forEach(function (id) {
    (self.edgesOf[id] || []).forEach(function (e) {
      if (self.pos[e.from] && self.pos[e.to]) { found[e.id] = e; }
    });
  });
  return found;
};

/** The first DataSets' contents: the shown posts and the edges between them. */
govkg.OrgChart.prototype.initial = function () {
  var self = this;
  var edges = this.shownEdges();
  return {
    nodes: Object.keys(this.pos).map(function (id) { return self.shownNode(id); }),
    edges: Object.keys(edges).map(function (k) {
      return Object.assign({}, edges[k], { hidden: self.inColumn(edges[k]) });
    }),
  };
};

/** Write the layout into the DataSets: posts and edges added, moved, relabelled, removed. */
govkg.OrgChart.prototype.apply = function () {
  var self = this;
  var nodes = govkg.nodes;
  var present = {};
  nodes.getIds().forEach(function (id) { present[id] = true; });
  var added = [];
  var moved = [];
  Object.keys(this.pos).forEach(function (id) {
    if (!present[id]) { added.push(self.shownNode(id)); return; }
    var p = self.pos[id];
    var n = nodes.get(id);
    var label = self.label(id);
    if (n.x !== p.x || n.y !== p.y || n.label !== label) { moved.push({ id: id, x: p.x, y: p.y, label: label }); }
  });
  nodes.remove(Object.keys(present).filter(function (id) { return !self.pos[id]; }));
  if (added.length) { nodes.add(added); }
  if (moved.length) { nodes.update(moved); }
  var wanted = this.shownEdges();
  var edges = govkg.edges;
  var had = {};
  var changed = [];
  edges.forEach(function (e) {
    had[e.id] = true;
    if (wanted[e.id] && !!e.hidden !== self.inColumn(e)) { changed.push({ id: e.id, hidden: self.inColumn(e) }); }
  });
  edges.remove(Object.keys(had).filter(function (id) { return !wanted[id]; }));
  var fresh = Object.keys(wanted).filter(function (id) { return !had[id]; }).map(function (id) {
    return Object.assign({}, wanted[id], { hidden: self.inColumn(wanted[id]) });
  });
  if (fresh.length) { edges.add(fresh); }
  if (changed.length) { edges.update(changed); }
};

/** Draw each column of reports as an org chart does: a spine from the manager down the
    column's left side, a tick into each report (called before vis draws the boxes). */
govkg.OrgChart.prototype.drawSpines = function (ctx) {
  var self = this;
  var O = govkg.ORG;
  ctx.save();
  ctx.strokeStyle = "#4a6fa5";
  ctx.lineWidth = 1.5;
  Object.keys(this.pos).forEach(function (manager) {
    var kids = self.kids(manager).filter(function (k) { return self.inStack[k] && self.pos[k]; });
    if (!kids.length) { return; }
    var top = self.pos[manager];
    var bottom = top.y + self.assumed[manager] / 2;
    var left = Math.min.apply(null, kids.map(function (k) { return self.pos[k].x; })) - O.box / 2;
    var spine = left - O.indent / 2;
    var last = self.pos[kids[kids.length - 1]].y;
    ctx.beginPath();
    if (spine > top.x - O.box / 2 && spine < top.x + O.box / 2) {
      ctx.moveTo(spine, bottom);
    } else {  // a leaf column beside the manager's branches: an elbow to the spine
      var elbow = bottom + O.level / 3;
      ctx.moveTo(top.x, bottom);
      ctx.lineTo(top.x, elbow);
      ctx.lineTo(spine, elbow);
    }
    ctx.lineTo(spine, last);
    kids.forEach(function (k) {
      ctx.moveTo(spine, self.pos[k].y);
      ctx.lineTo(self.pos[k].x - O.box / 2, self.pos[k].y);
    });
    ctx.stroke();
  });
  ctx.restore();
};

/** Boxes whose drawn height differs from the one the layout assumed (after a drawing). */
govkg.OrgChart.prototype.remeasure = function () {
  var self = this;
  var changed = false;
  Object.keys(this.pos).forEach(function (id) {
    var box = govkg.network.getBoundingBox(id);
    if (!box) { return; }
    var drawn = box.bottom - box.top;
    if (Math.abs(drawn - self.assumed[id]) > 0.5) { self.height[id] = drawn; changed = true; }
  });
  return changed;
};

/** Lay out, apply, then correct with the drawn sizes (at most twice). Calls done() after. */
govkg.OrgChart.prototype.redraw = function (done) {
  var self = this;
  var passes = 0;
  var settle = function () {
    passes += 1;
    if (passes <= 2 && self.remeasure()) {
      self.layout();
      self.apply();
      govkg.network.once("afterDrawing", settle);
      govkg.network.redraw();
    } else if (done) { done(); }
  };
  this.layout();
  this.apply();
  govkg.network.once("afterDrawing", settle);
  govkg.network.redraw();
};

/** Open or close one post; the post stays where it was on screen. */
govkg.OrgChart.prototype.toggle = function (id, done) {
  if (!(this.reports[id] || []).length) { if (done) { done(); } return false; }
  var self = this;
  var before = this.pos[id];
  this.open[id] = !this.open[id];
  this.redraw(function () {
    var after = self.pos[id];
    if (before && after && (before.x !== after.x || before.y !== after.y)) {
      var view = govkg.network.getViewPosition();
      govkg.network.moveTo({ position: { x: view.x + after.x - before.x, y: view.y + after.y - before.y },
        scale: govkg.network.getScale(), animation: false });
    }
    if (done) { done(); }
  });
  return true;
};

/** Open every post above one, so that it is shown. */
govkg.OrgChart.prototype.reveal = function (id, done) {
  var changed = false;
  for (var up = this.parent[id]; up; up = this.parent[up]) {
    if (!this.open[up]) { this.open[up] = true; changed = true; }
  }
  if (changed) { this.redraw(done); } else if (done) { done(); }
};

/** Open (or close) every post below one (the whole chart when id is null). */
govkg.OrgChart.prototype.setAll = function (id, open, done) {
  var stack = id ? [id] : this.roots.slice();
  while (stack.length) {
    var next = stack.pop();
    if ((this.reports[next] || []).length) { this.open[next] = open; }
    Array.prototype.push.apply(stack, this.reports[next] || []);
  }
  if (!open && !id) { this.openTop(); }
  this.redraw(done);
};

/** The open posts, as indexes into the page's node list (for the URL). */
govkg.OrgChart.prototype.openIndexes = function () {
  var self = this;
  var found = [];
  govkg.data.nodes.forEach(function (n, i) { if (self.open[n.id]) { found.push(i); } });
  return found;
};

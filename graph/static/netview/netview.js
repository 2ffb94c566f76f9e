/* Zorgnet's Netwerk canvas: a Streamlit component (the component protocol over
 * postMessage, no build step) drawing vis-network (vendored, no CDN).
 *
 * Arguments (from app/netview.py): nodes, edges, options, height, sig (changes when
 * the data change), scene (changes when the view is a different one: fit again),
 * selected, lang. Nodes, edges and options come only with a new sig; a canvas that
 * gets a sig it has not drawn without them asks for them ({action: "resend"}). Node titles are HTML built from escaped values only
 * (graph/netpage.py); labels are drawn on the canvas as text.
 *
 * A click sends {action: "drill"|"select"|"expand", node, n} back to Python;
 * a double click on a node asks to expand it. Labels are placed most important
 * first and hidden where they would overlap another label at the current zoom
 * (recomputed after zooming).
 */
(function () {
  "use strict";
  var container = document.getElementById("net");
  var network = null, nodes = null, edges = null;
  var sig = null, scene = null, full = {}, counter = 0, lang = "nl", asked = null;
  var measure = document.createElement("canvas").getContext("2d");
  window.zorgnetLabelBoxes = [];

  function send(type, extra) {
    var msg = {isStreamlitMessage: true, type: type};
    for (var k in extra) { msg[k] = extra[k]; }
    window.parent.postMessage(msg, "*");
  }
  function setHeight(h) { send("streamlit:setFrameHeight", {height: h}); }
  function emit(action, node) {
    counter += 1;
    send("streamlit:setComponentValue", {
      value: {action: action, node: node, n: Date.now() + "-" + counter}, dataType: "json"});
  }
  function asElement(s) {
    var el = document.createElement("div");
    el.innerHTML = s;        // escaped on the Python side (graph/netpage.py)
    return el;
  }
  function prep(list) {
    return list.map(function (x) {
      var y = {};
      for (var k in x) { y[k] = x[k]; }
      if (typeof y.title === "string") { y.title = asElement(y.title); }
      if (y.label !== undefined) { y.label = " "; }   // placed by declutter()
      return y;
    });
  }

  function overlaps(a, b) {
    return a.x1 < b.x2 && b.x1 < a.x2 && a.y1 < b.y2 && b.y1 < a.y2;
  }

  // vis-network draws a label centred below the shape; vadjust (canvas units) moves
  // it above the shape instead.
  function placement(f, at, box, d, scale) {
    var font = {};
    var base = (f.font && f.font.size) || 14;
    font.size = f.grp ? Math.max(base, 11 / scale) : base;
    if (!box || at === 0) { font.vadjust = 0; return font; }
    var h = (box.y2 - box.y1) / scale, r = d.r / scale;
    font.vadjust = -(2 * r + h + 4 / scale);
    return font;
  }

  function declutter() {
    if (!network) { return; }
    var scale = network.getScale();
    var ids = nodes.getIds();
    var pos = network.getPositions(ids);
    ids.sort(function (a, b) { return (full[b].imp || 0) - (full[a].imp || 0); });
    // every node's own shape is an obstacle for the labels of the others
    var dots = {};
    ids.forEach(function (id) {
      var p = network.canvasToDOM(pos[id]);
      var r = (full[id].size || 10) * scale;
      dots[id] = {x1: p.x - r, x2: p.x + r, y1: p.y - r, y2: p.y + r, cx: p.x, cy: p.y, r: r};
    });
    var placed = [], updates = [];
    ids.forEach(function (id) {
      var f = full[id];
      var text = f.label || "";
      var fs = ((f.font && f.font.size) || 14) * scale;
      var show = false;
      if (text && f.grp) { fs = Math.max(fs, 11); }   // a group always says what it is
      if (text && fs >= 7) {
        var lines = text.split("\n");
        measure.font = fs + "px arial";
        var w = 0;
        lines.forEach(function (l) { w = Math.max(w, measure.measureText(l).width); });
        var d = dots[id];
        var h = lines.length * fs * 1.2;
        // below the shape (vis-network's own place), else above it
        var cands = [[d.cx - w / 2 - 3, d.cy + d.r + 1], [d.cx - w / 2 - 3, d.cy - d.r - h - 5]];
        var box = null;
        for (var c = 0; c < cands.length && !show; c++) {
          box = {x1: cands[c][0], x2: cands[c][0] + w + 6, y1: cands[c][1],
                 y2: cands[c][1] + h + 3, id: id, at: c};
          show = true;
          for (var i = 0; i < placed.length && show; i++) {
            if (overlaps(box, placed[i])) { show = false; }
          }
          if (f.grp && !show && c === cands.length - 1 && (f.imp || 0) >= 1.5) { show = true; }
          for (var j = 0; j < ids.length && show; j++) {
            var o = dots[ids[j]];
            // the most important names may cover the dots of less important nodes
            if (ids[j] !== id && o.r >= 3 && overlaps(box, o)
                && !((f.imp || 0) >= 0.6 && (full[ids[j]].imp || 0) < (f.imp || 0))) {
              show = false;
            }
          }
        }
        if (show) { placed.push(box); }
      }
      var want = show ? text : " ";
      var at = show ? box.at : 0;
      var cur = nodes.get(id);
      if ((cur.label || " ") !== want || (cur._at || 0) !== at) {
        updates.push({id: id, label: want, _at: at, font: placement(f, at, box, d, scale)});
      }
    });
    if (updates.length) { nodes.update(updates); }
    window.zorgnetLabelBoxes = placed;
    document.body.setAttribute("data-labels", String(placed.length));
  }

  var pending = null;
  function later() {
    if (pending) { clearTimeout(pending); }
    pending = setTimeout(function () { pending = null; declutter(); }, 120);
  }

  // data-stable: the signature of the drawing on screen, set once vis-network has
  // painted it and the frame after it (the labels placed by declutter()) is drawn:
  // what the benchmark waits for after a click
  function stable(n) {
    var at = sig;
    network.once("afterDrawing", function () {
      document.body.setAttribute("data-drawn", String(n));
      document.body.setAttribute("data-sig", String(at));
      requestAnimationFrame(function () {
        requestAnimationFrame(function () {
          document.body.setAttribute("data-stable", String(at));
        });
      });
    });
  }

  function draw(a, refit) {
    full = {};
    a.nodes.forEach(function (n) { full[n.id] = n; });
    var nd = prep(a.nodes), ed = prep(a.edges);
    if (network && !refit) {
      // same scene (an expansion, a hidden node): update in place, keep the viewport
      var keepN = {}, keepE = {};
      nd.forEach(function (n) { keepN[n.id] = true; });
      nodes.remove(nodes.getIds().filter(function (id) { return !keepN[id]; }));
      nd.forEach(function (n) { var cur = nodes.get(n.id); if (cur) { n.label = cur.label; } });
      nodes.update(nd);
      ed.forEach(function (e) { e.id = e.from + "\u0001" + e.to; keepE[e.id] = true; });
      edges.remove(edges.getIds().filter(function (id) { return !keepE[id]; }));
      edges.update(ed);
      stable(nd.length);
      later();
      return;
    }
    ed.forEach(function (e) { e.id = e.from + "\u0001" + e.to; });
    if (network) { network.destroy(); }
    nodes = new vis.DataSet(nd);
    edges = new vis.DataSet(ed);
    network = new vis.Network(container, {nodes: nodes, edges: edges}, a.options || {});
    window.zorgnetNetwork = network;
    window.zorgnetNodes = nodes;
    network.once("afterDrawing", function () { declutter(); });
    stable(nd.length);
    network.on("zoom", later);
    network.on("dragEnd", later);
    network.on("click", function (p) {
      if (!p.nodes || !p.nodes.length) { return; }
      var id = p.nodes[0], f = full[id] || {};
      emit(f.grp && f.grp !== "rest" ? "drill" : "select", id);
    });
    network.on("doubleClick", function (p) {
      if (!p.nodes || !p.nodes.length) { return; }
      var f = full[p.nodes[0]] || {};
      if (!f.grp) { emit("expand", p.nodes[0]); }
    });
  }

  function render(a) {
    var h = a.height || 600;
    container.style.height = h + "px";
    setHeight(h + 4);
    if (a.lang && a.lang !== lang) { lang = a.lang; document.documentElement.lang = lang; }
    if (a.sig !== sig && !a.nodes) {
      // the drawing is sent only when it changes: this canvas (reloaded) lacks it
      if (asked !== a.sig) { asked = a.sig; emit("resend", "-"); }
    } else if (a.sig !== sig) {
      var refit = a.scene !== scene;
      sig = a.sig;
      scene = a.scene;
      draw(a, refit);
      document.body.setAttribute("data-sig", String(sig));
    }
    if (network) {
      var sel = a.selected && nodes.get(a.selected) ? [a.selected] : [];
      network.selectNodes(sel);
    }
  }

  window.addEventListener("message", function (ev) {
    var d = ev.data;
    if (!d || d.type !== "streamlit:render") { return; }
    try { render(d.args || {}); } catch (e) {
      document.body.setAttribute("data-error", String(e));
    }
  });
  window.zorgnetDeclutter = declutter;
  send("streamlit:componentReady", {apiVersion: 1});
})();

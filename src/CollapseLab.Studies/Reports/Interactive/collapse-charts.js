// CollapseLab's interactive figures: draws every chart described in the page's JSON (script#collapse-data) with uPlot,
// inlined above, so the page needs no network. Per metric figure: one panel per workflow, the mean over seeds per n with
// its 95% band, exact expectations dashed; hover shows mean, CI and seed count; the n buttons toggle a curve in every
// panel at once (to compare one n across workflows); log/linear switch; drag to zoom, double-click to reset. Other
// figures of lines (the Gaussian's fitted densities, mixture curves, the reference study's bandwidth, fixation and
// entropy figures, on log or symlog x where the figure has it) the same way, with a button per legend entry.
// Per task: a parallel-coordinates view of the sweep's parameters against the final loss.
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("collapse-data").textContent);

  function fmt(v) {
    if (v === null || v === undefined) return "—";
    var a = Math.abs(v);
    return a !== 0 && (a < 1e-3 || a >= 1e5) ? v.toExponential(3) : String(+v.toPrecision(4));
  }

  function positiveOrNull(v) { return v !== null && v > 0 ? v : null; }

  // uPlot's own log ticks round to a fixed table of decimals and loop forever below about 1e-16 (determinant ratios
  // reach 1e-300), so log ticks are powers of ten chosen here: at most about eight of them.
  function logSplits(u, axisIdx, min, max) {
    var from = Math.floor(Math.log10(min)), to = Math.ceil(Math.log10(max));
    var step = Math.max(1, Math.ceil((to - from) / 8)), splits = [];
    for (var k = from; k <= to; k += step) {
      var v = Math.pow(10, k);
      if (v >= min && v <= max) splits.push(v);
    }
    return splits;
  }

  function yAxis(useLog) {
    var axis = { label: "", size: 70, values: function (u, vals) { return vals.map(fmt); } };
    if (useLog) axis.splits = logSplits;
    return axis;
  }

  // A line figure's x axis: linear, log10 (bandwidths) or symlog (iterations from 0; uPlot's asinh scale, linear near
  // 0 and logarithmic beyond, as the static figure's symlog).
  function xScale(kind) {
    if (kind === "log") return { time: false, distr: 3 };
    if (kind === "symlog") return { time: false, distr: 4, asinh: 1 };
    return { time: false };
  }

  function few(ys) { return ys.filter(function (y) { return y !== null; }).length <= 12; }

  function xAxis(spec) {
    var axis = { label: spec.xLabel, values: function (u, vals) { return vals.map(fmt); } };
    if (spec.xScale === "log") axis.splits = logSplits;
    return axis;
  }

  // The controls above a chart's panels (a log-y switch; toggle buttons are added to them) and the row the panels go in.
  function chartFrame(host, spec) {
    var controls = document.createElement("div");
    controls.className = "chart-controls";
    var logBox = document.createElement("label");
    var log = document.createElement("input");
    log.type = "checkbox";
    log.checked = spec.log;
    log.disabled = !spec.logPossible;
    logBox.appendChild(log);
    logBox.appendChild(document.createTextNode(" log y"));
    controls.appendChild(logBox);
    host.appendChild(controls);
    var row = document.createElement("div");
    row.className = "chart-panels";
    host.appendChild(row);
    return { controls: controls, log: log, row: row };
  }

  // A button that hides or shows lines in every panel: onToggle(hidden) does it.
  function toggleButton(controls, text, color, onToggle) {
    var button = document.createElement("button");
    button.type = "button";
    button.className = "n-toggle";
    button.textContent = text;
    button.style.borderColor = color;
    var hidden = false;
    button.addEventListener("click", function () {
      hidden = !hidden;
      button.classList.toggle("off", hidden);
      onToggle(hidden);
    });
    controls.appendChild(button);
  }

  // One y range for every panel, as in the static figure: the finite values (the positive ones on a log axis), padded;
  // up to top from min(0, lowest) when a figure fixes its top (the densities' 5× true peak).
  function sharedRange(values, top) {
    var finite = values.filter(function (v) { return v !== null && isFinite(v); });
    var positive = finite.filter(function (v) { return v > 0; });
    return function (useLog, min, max) {
      var chosen = useLog ? positive : finite;
      if (chosen.length === 0) return [min, max];
      var lo = Math.min.apply(null, chosen), hi = Math.max.apply(null, chosen);
      if (top !== null && top !== undefined) return [Math.min(0, lo), top];
      if (useLog) return [lo / 1.2, hi * 1.2];
      var pad = (hi - lo) * 0.05 || Math.abs(hi) * 0.05 || 1;
      return [lo - pad, hi + pad];
    };
  }

  function panelWidth(host, panels) {
    return Math.max(260, Math.min(560, Math.floor((host.clientWidth || 1200) / panels) - 12));
  }

  // A line's 95% band from lo to hi over xs, filled under the lines; points without both bounds (or, on a log axis,
  // with a bound ≤ 0) are left out.
  function drawBand(u, xs, lo, hi, color, useLog) {
    var lower = [], upper = [];
    for (var i = 0; i < xs.length; i++) {
      if (lo[i] === null || hi[i] === null || (useLog && (lo[i] <= 0 || hi[i] <= 0))) continue;
      var px = u.valToPos(xs[i], "x", true);
      lower.push([px, u.valToPos(lo[i], "y", true)]);
      upper.push([px, u.valToPos(hi[i], "y", true)]);
    }
    if (lower.length === 0) return;
    var ctx = u.ctx;
    ctx.beginPath();
    lower.concat(upper.reverse()).forEach(function (p, j) { if (j === 0) ctx.moveTo(p[0], p[1]); else ctx.lineTo(p[0], p[1]); });
    ctx.closePath();
    ctx.fillStyle = color + "38";
    ctx.fill();
  }

  function metricChart(spec) {
    var host = document.getElementById("chart-" + spec.name);
    if (!host) return;
    var figure = host.closest("figure");
    var frame = chartFrame(host, spec);
    var hidden = {}, plots = [];
    spec.samples.forEach(function (n) {
      toggleButton(frame.controls, "n = " + n, spec.colors[String(n)], function (off) {
        hidden[n] = off;
        plots.forEach(function (p) {
          p.meta.forEach(function (m, i) { if (m.n === n) p.plot.setSeries(i + 1, { show: !off }); });
        });
      });
    });
    var all = [];
    spec.panels.forEach(function (p) { p.series.forEach(function (s) { all = all.concat(s.mean, s.lo, s.hi, s.theory || []); }); });
    var range = sharedRange(all);

    function build() {
      plots.forEach(function (p) { p.plot.destroy(); });
      plots = [];
      frame.row.innerHTML = "";
      var useLog = frame.log.checked && spec.logPossible;
      var width = panelWidth(host, spec.panels.length);
      spec.panels.forEach(function (panel) {
        var xs = panel.x;
        var columns = [xs];
        var series = [{ label: "t" }];
        var meta = [];
        panel.series.forEach(function (s) {
          columns.push(useLog ? s.mean.map(positiveOrNull) : s.mean);
          meta.push(s);
          series.push({
            label: s.label,
            stroke: s.color,
            width: 2,
            show: !hidden[s.n],
            value: function (u, v, si, i) {
              if (i === null || i === undefined) return "—";
              return fmt(s.mean[i]) + (s.lo[i] !== null ? " [" + fmt(s.lo[i]) + ", " + fmt(s.hi[i]) + "]" : "") + " · " + s.seeds[i] + " seeds";
            },
          });
        });
        panel.series.forEach(function (s) {
          if (!s.theory) return;
          columns.push(useLog ? s.theory.map(positiveOrNull) : s.theory);
          meta.push({ n: s.n, theory: true });
          series.push({ label: "exact, n = " + s.n, stroke: "#000", width: 1.2, dash: [6, 4], show: !hidden[s.n], value: function (u, v) { return fmt(v); } });
        });
        var plot = panelPlot(frame, spec, panel.title, width, useLog, range, { scale: { time: false }, axis: { label: "iteration t" } }, series, columns,
          function (u) { panel.series.forEach(function (s, k) { if (u.series[k + 1].show) drawBand(u, xs, s.lo, s.hi, s.color, useLog); }); });
        plots.push({ plot: plot, meta: meta });
      });
      host.plots = plots.map(function (p) { return p.plot; }); // for scripting and the browser test
      figure.classList.add("rendered");
    }
    frame.log.addEventListener("change", build);
    build();
  }

  // One panel of a chart frame, in a cell of its row: the series over the columns on the y range the figure's panels share
  // (range(useLog, min, max)), the cursor synced across them, and drawBands(u) painting the bands under the lines.
  function panelPlot(frame, spec, title, width, useLog, range, x, series, columns, drawBands) {
    var cell = document.createElement("div");
    cell.className = "chart-panel";
    frame.row.appendChild(cell);
    return new uPlot({
      title: title,
      width: width,
      height: 300,
      cursor: { sync: { key: spec.name }, drag: { x: true, y: true } },
      scales: { x: x.scale, y: { distr: useLog ? 3 : 1, range: function (u, min, max) { return range(useLog, min, max); } } },
      axes: [x.axis, Object.assign(yAxis(useLog), { label: spec.label })],
      series: series,
      hooks: { drawClear: [function (u) { u.ctx.save(); drawBands(u); u.ctx.restore(); }] },
    }, columns, cell);
  }

  // A figure of lines that is not a metric figure (fitted densities, a mixture study's curves): each line has its own
  // x values (uPlot.join aligns them: a line is drawn across the others' x values, a null is a gap); hover shows the
  // value and its 95% band where the line has one; a button per legend label toggles that line in every panel.
  function lineChart(spec) {
    var host = document.getElementById("chart-" + spec.name);
    if (!host) return;
    var figure = host.closest("figure");
    var frame = chartFrame(host, spec);
    var hidden = {}, plots = [], labels = [];
    spec.panels.forEach(function (p) { p.series.forEach(function (s) { if (labels.indexOf(s.label) < 0) labels.push(s.label); }); });
    labels.forEach(function (label) {
      var first = null;
      spec.panels.forEach(function (p) { p.series.forEach(function (s) { if (!first && s.label === label) first = s; }); });
      toggleButton(frame.controls, label, first.color, function (off) {
        hidden[label] = off;
        plots.forEach(function (p) {
          p.lines.forEach(function (s, i) { if (s.label === label) p.plot.setSeries(i + 1, { show: !off }); });
        });
      });
    });
    var all = [];
    spec.panels.forEach(function (p) { p.series.forEach(function (s) { all = all.concat(s.y, s.lo || [], s.hi || []); }); });
    var range = sharedRange(all, spec.yTop);

    function build() {
      plots.forEach(function (p) { p.plot.destroy(); });
      plots = [];
      frame.row.innerHTML = "";
      var useLog = frame.log.checked && spec.logPossible;
      var width = panelWidth(host, spec.columns || spec.panels.length);
      spec.panels.forEach(function (panel) {
        var columns = uPlot.join(panel.series.map(function (s) { return [s.x, useLog ? s.y.map(positiveOrNull) : s.y]; }));
        var series = [{ label: spec.xLabel, value: function (u, v) { return fmt(v); } }];
        panel.series.forEach(function (s) {
          var at = {};
          s.x.forEach(function (x, k) { at[x] = k; });
          series.push({
            label: s.label,
            stroke: s.color,
            width: s.width,
            dash: s.dash ? [6, 4] : undefined,
            // a line of few points (bandwidths, sample sizes) is drawn with its points, so a lone point still shows
            points: few(s.y) ? { show: true, size: 7, fill: s.color } : {},
            show: !hidden[s.label],
            value: function (u, v, si, i) {
              var k = i === null || i === undefined ? undefined : at[u.data[0][i]];
              if (k === undefined || s.y[k] === null) return "—";
              return fmt(s.y[k]) + (s.lo && s.lo[k] !== null ? " [" + fmt(s.lo[k]) + ", " + fmt(s.hi[k]) + "]" : "");
            },
          });
        });
        var plot = panelPlot(frame, spec, panel.title, width, useLog, range, { scale: xScale(spec.xScale), axis: xAxis(spec) }, series, columns,
          function (u) { panel.series.forEach(function (s, k) { if (s.lo && u.series[k + 1].show) drawBand(u, s.x, s.lo, s.hi, s.color, useLog); }); }); // on each line's own x values
        plots.push({ plot: plot, lines: panel.series });
      });
      host.plots = plots.map(function (p) { return p.plot; });
      figure.classList.add("rendered");
    }
    frame.log.addEventListener("change", build);
    build();
  }

  var verdictColors = { collapsed: "#6a1b9a", diverging: "#c62828", plateauing: "#e65100", stable: "#2e7d32", improving: "#1565c0", undetermined: "#8a8a8a" };

  function parallelChart(spec) {
    var host = document.getElementById("parallel-" + spec.name);
    if (!host) return;
    var ns = "http://www.w3.org/2000/svg";
    var width = Math.max(600, Math.min(1400, host.clientWidth || 1000)), height = 340, top = 40, bottom = 40, left = 60, right = 60;
    var svg = document.createElementNS(ns, "svg");
    svg.setAttribute("width", width);
    svg.setAttribute("height", height);
    svg.setAttribute("class", "parallel");
    host.appendChild(svg);
    function el(name, attrs, parent) {
      var e = document.createElementNS(ns, name);
      for (var k in attrs) e.setAttribute(k, attrs[k]);
      (parent || svg).appendChild(e);
      return e;
    }
    var step = (width - left - right) / Math.max(1, spec.axes.length - 1);
    var scales = spec.axes.map(function (axis, a) {
      var x = left + a * step;
      el("line", { x1: x, x2: x, y1: top, y2: height - bottom, stroke: "#888" });
      var label = el("text", { x: x, y: top - 22, "text-anchor": "middle", "font-size": 12, "font-weight": "bold" });
      label.textContent = axis.name + (axis.log ? " (log)" : "");
      var toY;
      if (axis.categories) {
        toY = function (v) { var i = axis.categories.indexOf(v); return axis.categories.length === 1 ? (top + height - bottom) / 2 : height - bottom - i * (height - top - bottom) / (axis.categories.length - 1); };
        axis.categories.forEach(function (c) { var t = el("text", { x: x + 4, y: toY(c) + 4, "font-size": 11 }); t.textContent = c; });
      } else {
        var values = spec.lines.map(function (l) { return l.values[a]; }).filter(function (v) { return v !== null && isFinite(v) && (!axis.log || v > 0); });
        var lo = Math.min.apply(null, values), hi = Math.max.apply(null, values);
        var f = axis.log ? Math.log10 : function (v) { return v; };
        var span = f(hi) - f(lo) || 1;
        toY = function (v) {
          if (v === null || !isFinite(v)) return top - 8; // non-finite (a +∞ loss) above the axis
          return height - bottom - (f(v) - f(lo)) / span * (height - top - bottom);
        };
        [lo, hi].forEach(function (v) { var t = el("text", { x: x + 4, y: toY(v) + 4, "font-size": 11 }); t.textContent = fmt(v); });
      }
      return toY;
    });
    spec.lines.forEach(function (line) {
      var points = line.values.map(function (v, a) { return (left + a * step) + "," + scales[a](v); }).join(" ");
      var path = el("polyline", { points: points, fill: "none", stroke: verdictColors[line.verdict] || "#555", "stroke-width": 1.6, "stroke-opacity": 0.75, class: "pc-line" });
      var title = el("title", {}, path);
      title.textContent = line.label + ": " + line.verdict + ", final " + spec.loss + " " + fmt(line.values[line.values.length - 1]);
    });
  }

  // one broken chart must not stop the others; its error still reaches the console (the browser test fails on it)
  function each(list, draw) {
    list.forEach(function (spec) {
      try { draw(spec); } catch (e) { console.error("chart " + spec.name + ": " + e + "\n" + e.stack); }
    });
  }
  each(data.charts, metricChart);
  each(data.lines, lineChart);
  each(data.parallel, parallelChart);
  document.body.setAttribute("data-charts-rendered", String(data.charts.length + data.lines.length + data.parallel.length));
})();

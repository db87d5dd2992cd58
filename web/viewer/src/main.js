// The page of `sagin view`: a CesiumJS globe (3D, 2D and Columbus view) with a timeline, the
// world's nodes as one PointPrimitiveCollection and its links as one PolylineCollection, both
// moved every frame from the sampled positions (linear interpolation between samples), and a
// uPlot chart of the run's one-way latency when the site carries a run's results.
//
// The element #status tells a test or a benchmark where the page is: data-state is "loading",
// "ready" or "error", with the counts drawn (data-satellites, data-nodes, data-links-up), the
// number of JavaScript errors (data-errors) and, after ?bench=S, the frame rate (data-fps).
//
// A click on a node selects it (#selection): its track over the sampled span, its orbit (a
// satellite) and, at the current time, the node serving it (a terminal) or the terminals it
// serves, highlighted. HAPS and UAV flight paths and the orbits of all satellites are layers
// the legend toggles, and so is a run's coverage (time availability per grid cell and layer); a
// run's failures are marked on the timeline and drawn while they last.
import {
  Cartesian2, Cartesian3, ClockRange, Color, EllipsoidTerrainProvider, ImageryLayer, JulianDate,
  LabelCollection, LabelStyle, Math as CesiumMath, NearFarScalar, PointPrimitiveCollection,
  PolylineCollection, ScreenSpaceEventHandler, ScreenSpaceEventType, TileMapServiceImageryProvider,
  SceneMode, VerticalOrigin, Viewer, buildModuleUrl, Material,
} from "cesium";
import uPlot from "uplot";
import "uplot/dist/uPlot.min.css";
import "./app.css";

import { LINK_COLORS, ROLE_COLORS, ROLE_NAMES, SHELL_COLORS } from "./colors.js";
import { interpolate, linksOfNodeAt, loadWorld, locate, orbitRing, parseCsv } from "./data.js";
import { LineSegments } from "./lines.js";
import { makeResolutionRule } from "./resolution.js";

const statusEl = document.getElementById("status");
const errors = [];
function setStatus(state, text, attrs = {}) {
  statusEl.dataset.state = state;
  statusEl.textContent = text;
  for (const [k, v] of Object.entries(attrs)) statusEl.dataset[k] = String(v);
  statusEl.dataset.errors = String(errors.length);
}
function recordError(message) {
  errors.push(message);
  setStatus("error", "error: " + errors.join("\n"));
}
window.addEventListener("error", (e) => recordError(e.message || String(e)));
window.addEventListener("unhandledrejection", (e) => recordError(String(e.reason && e.reason.stack || e.reason)));

function nodeColor(world, node) {
  const [, role, , shell] = node;
  if (role === "sat" && shell >= 0) return SHELL_COLORS[shell % SHELL_COLORS.length];
  return ROLE_COLORS[role] || "#ffffff";
}

function makeViewer() {
  return new Viewer("globe", {
    // Natural Earth II, shipped inside the cesium package: no network, no Cesium ion token.
    baseLayer: ImageryLayer.fromProviderAsync(
      TileMapServiceImageryProvider.fromUrl(buildModuleUrl("Assets/Textures/NaturalEarthII"))),
    terrainProvider: new EllipsoidTerrainProvider(),
    baseLayerPicker: false, geocoder: false, navigationHelpButton: false, infoBox: false,
    selectionIndicator: false, fullscreenButton: false, sceneModePicker: true, homeButton: true,
    timeline: true, animation: true, shouldAnimate: true,
    // Software rendering: one sample per pixel (Cesium's default is 4x MSAA) and no
    // order-independent translucency (two extra full-screen passes for the translucent links).
    msaaSamples: 1, orderIndependentTranslucency: false,
    contextOptions: { webgl: { antialias: false } },
  });
}

function buildLegend(world, kindsShown, onToggle, layers) {
  const legend = document.getElementById("legend");
  const row = (color, text, checkbox) => {
    const div = document.createElement("div");
    if (checkbox) div.appendChild(checkbox);
    const sw = document.createElement("span");
    sw.className = "swatch";
    sw.style.background = color;
    div.appendChild(sw);
    div.appendChild(document.createTextNode(text));
    return div;
  };
  const heading = (text) => { const h = document.createElement("h2"); h.textContent = text; legend.appendChild(h); };
  const count = (pred) => world.nodes.filter(pred).length;
  heading("Nodes");
  world.shells.forEach((name, s) => {
    const n = count((x) => x[1] === "sat" && x[3] === s);
    legend.appendChild(row(SHELL_COLORS[s % SHELL_COLORS.length], `${name}: ${n} satellites`));
  });
  for (const role of ["haps", "uav", "gw", "bs", "core", "ut"]) {
    const n = count((x) => x[1] === role);
    if (n > 0) legend.appendChild(row(ROLE_COLORS[role], `${ROLE_NAMES[role]}: ${n}`));
  }
  const layerNames = { flightPaths: "HAPS and UAV flight paths", orbits: "satellite orbits (3D view)",
    coverage: "coverage: time available" };
  const layerRows = Object.entries(layers).filter(([, l]) => l.available);
  if (layerRows.length) heading("Layers");
  for (const [key, layer] of layerRows) {
    const box = document.createElement("input");
    box.type = "checkbox";
    box.checked = layer.shown;
    box.id = `layer-${key}`;
    box.addEventListener("change", () => layer.set(box.checked));
    const div = row("transparent", layerNames[key], box);
    if (layer.options) {
      const sel = document.createElement("select");
      sel.id = `layer-${key}-option`;
      for (const o of layer.options) { const opt = document.createElement("option"); opt.value = opt.textContent = o; sel.appendChild(opt); }
      sel.value = layer.option;
      sel.addEventListener("change", () => layer.choose(sel.value));
      div.appendChild(sel);
    }
    legend.appendChild(div);
  }
  if (!world.has_links) return;
  heading("Links (drawn while up)");
  const present = new Set(world.links.map((l) => world.link_kinds[l[2]]));
  const groups = { isl: "ISL", feeder: "feeder", service: "service", air_space: "air-space backhaul",
    air_ground: "air-ground backhaul", terrestrial: "terrestrial fiber" };
  for (const [kind, text] of Object.entries(groups)) {
    if (!present.has(kind)) continue;
    const box = document.createElement("input");
    box.type = "checkbox";
    box.checked = true;
    box.addEventListener("change", () => { kindsShown[kind] = box.checked; onToggle(); });
    legend.appendChild(row(LINK_COLORS[kind], text, box));
  }
}

// The run's samples of one-way latency over time, from the site's result files: a run's
// latency.csv (each flow's received packets, with the forward breakdown by segment), else a
// paths.csv (each pair, with the path's nodes). One series per flow or pair, in the file's
// order: { label, rows }, rows sorted by time:
// { t, ms, breakdown: [[segment, ms], ...] | null, path: [node index, ...] | null }.
const BREAKDOWN = ["access_ms", "feeder_ms", "isl_ms", "air_ms", "terrestrial_ms", "processing_ms", "queueing_ms"];
async function loadLatency(world) {
  const byKey = new Map();
  const seriesOf = (key, label) => {
    if (!byKey.has(key)) byKey.set(key, { label, rows: [] });
    return byKey.get(key);
  };
  if (world.results.includes("latency.csv")) {
    const { header, rows } = parseCsv(await (await fetch("data/latency.csv")).text());
    const col = (n) => header.indexOf(n);
    for (const r of rows) {
      const series = seriesOf(r[col("flow")], `flow ${r[col("flow")]} (${r[col("src")]} → ${r[col("dst")]})`);
      if (r[col("received")] !== "1") continue;
      series.rows.push({ t: Number(r[col("t_sent_s")]), ms: Number(r[col("one_way_ms")]), path: null,
        breakdown: BREAKDOWN.filter((b) => col(b) >= 0 && r[col(b)] !== "")
          .map((b) => [b.replace("_ms", ""), Number(r[col(b)])]) });
    }
  } else if (world.results.includes("paths.csv")) {
    const { header, rows } = parseCsv(await (await fetch("data/paths.csv")).text());
    const col = (n) => header.indexOf(n);
    const index = new Map(world.nodes.map((x, i) => [x[0], i]));
    for (const r of rows) {
      const label = `${r[col("src")]} → ${r[col("dst")]}`;
      const path = (r[col("path")] || "").split(">").filter(Boolean).map((name) => index.get(name));
      seriesOf(label, label).rows.push({ t: Number(r[col("t_s")]),
        ms: r[col("one_way_ms")] === "" ? null : Number(r[col("one_way_ms")]),
        breakdown: null, path: path.length > 1 && path.every((i) => i !== undefined) ? path : null });
    }
  }
  const all = [...byKey.values()];
  for (const series of all) series.rows.sort((a, b) => a.t - b.t);
  return all;
}

// The chart of `series` with a vertical line at the clock's time (cursor.t, redrawn by the caller).
function buildChart(series, cursor) {
  if (series.rows.length === 0) return null;
  const x = series.rows.map((r) => r.t), y = series.rows.map((r) => r.ms);
  return new uPlot({
    title: `one-way latency, ${series.label}`, width: 300, height: 200,
    scales: { x: { time: false } },
    axes: [{ label: "time (s)" }, { label: "one-way latency (ms)" }],
    series: [{ label: "t (s)" }, { label: "one-way (ms)", stroke: "#1565c0", width: 1 }],
    hooks: { draw: [(u) => {
      if (cursor.t === null) return;
      const px = u.valToPos(cursor.t, "x", true);
      const ctx = u.ctx;
      ctx.save();
      ctx.strokeStyle = "#d32f2f";
      ctx.lineWidth = 1;
      ctx.beginPath();
      ctx.moveTo(px, u.bbox.top);
      ctx.lineTo(px, u.bbox.top + u.bbox.height);
      ctx.stroke();
      ctx.restore();
    }] },
  }, [x, y], document.getElementById("chart"));
}

async function main() {
  const params = new URLSearchParams(location.search);
  const world = await loadWorld();
  document.getElementById("title").textContent =
    `${world.scenario}${world.standard ? " — " + world.standard : ""}`;
  document.title = `sagin view: ${world.scenario}`;

  const viewer = makeViewer();
  const scene = viewer.scene;
  scene.globe.depthTestAgainstTerrain = true; // the Earth hides what is behind it
  // Software rendering (no GPU) is the case to keep smooth: no sky, atmosphere, fog or
  // anti-aliasing passes, and coarser imagery tiles.
  scene.skyBox.show = false;
  scene.skyAtmosphere.show = false;
  scene.globe.showGroundAtmosphere = false;
  scene.fog.enabled = false;
  scene.highDynamicRange = false;
  scene.postProcessStages.fxaa.enabled = false;
  scene.globe.maximumScreenSpaceError = 4;
  // ?imagery=0: a plain globe without the Natural Earth imagery (a quarter less time a frame
  // with software rendering on starlink-gen1).
  if (params.get("imagery") === "0") {
    viewer.imageryLayers.removeAll();
    scene.globe.baseColor = Color.fromCssColorString("#1f3b5a");
  }
  // ?scale=F (0 < F <= 1) renders F x the page's pixels in each direction (0.5: a quarter of
  // the pixels to rasterize, which is what software rendering spends its time on). Without it
  // the resolution adapts to the frame rate while the clock runs (below).
  const fixedScale = Number(params.get("scale"));
  const autoScale = !(fixedScale > 0 && fixedScale <= 1);
  if (!autoScale) viewer.resolutionScale = fixedScale;
  const n = world.nodes.length;
  const times = world.times_s;

  // The clock spans the samples; one minute of wall time plays the whole span (at least 1x).
  const epoch = JulianDate.fromIso8601(world.epoch_utc);
  const start = JulianDate.addSeconds(epoch, times[0], new JulianDate());
  const stop = JulianDate.addSeconds(epoch, times[times.length - 1], new JulianDate());
  const clock = viewer.clock;
  clock.startTime = start.clone();
  clock.stopTime = stop.clone();
  clock.currentTime = start.clone();
  clock.clockRange = ClockRange.LOOP_STOP;
  clock.multiplier = Math.max(1, (times[times.length - 1] - times[0]) / 60);
  viewer.timeline.zoomTo(start, stop);

  // A place on the surface for primitives without a position yet: the 2D and Columbus views
  // project every primitive, and the Earth's centre has no geodetic coordinates.
  const PARKED = [Cartesian3.fromDegrees(0, 0), Cartesian3.fromDegrees(0, 1)];
  const points = scene.primitives.add(new PointPrimitiveCollection());
  const pointOf = new Array(n);
  world.nodes.forEach((node, i) => {
    const role = node[1];
    pointOf[i] = points.add({
      id: i,
      position: PARKED[0],
      show: false,
      color: Color.fromCssColorString(nodeColor(world, node)),
      pixelSize: role === "sat" ? 4 : role === "ut" ? 5 : 8,
      outlineColor: Color.BLACK,
      outlineWidth: role === "sat" ? 0 : 1,
    });
  });

  const kindsShown = {};
  world.link_kinds.forEach((k) => { kindsShown[k] = params.get("links") !== "0"; });
  const lines = scene.primitives.add(new PolylineCollection());
  const materials = world.link_kinds.map((k) =>
    Material.fromType("Color", { color: Color.fromCssColorString(LINK_COLORS[k] || "#ffffff").withAlpha(0.75) }));
  const segments = scene.primitives.add(new LineSegments(world.links.length));
  const rgbaOf = world.link_kinds.map((k) => {
    const c = Color.fromCssColorString(LINK_COLORS[k] || "#ffffff");
    return [c.red * 255, c.green * 255, c.blue * 255, 190].map(Math.round);
  });
  const lineOf = world.links.map((l) => lines.add({
    show: false, width: 1, material: materials[l[2]],
    positions: PARKED, // until first drawn (the 2D views project even hidden polylines)
  }));

  const labels = scene.primitives.add(new LabelCollection());
  const label = labels.add({
    show: false, text: "", font: "13px sans-serif", fillColor: Color.WHITE,
    outlineColor: Color.BLACK, outlineWidth: 3, style: LabelStyle.FILL_AND_OUTLINE,
    verticalOrigin: VerticalOrigin.BOTTOM, pixelOffset: new Cartesian2(0, -8),
    disableDepthTestDistance: Number.POSITIVE_INFINITY,
  });
  let hovered = -1;
  new ScreenSpaceEventHandler(scene.canvas).setInputAction((move) => {
    const picked = scene.pick(move.endPosition);
    hovered = picked && picked.collection === points ? picked.id : -1;
    label.show = hovered >= 0;
    if (hovered >= 0) {
      const [name, role, layer] = world.nodes[hovered];
      label.text = `${name} (${ROLE_NAMES[role] || role}, ${layer})`;
    }
  }, ScreenSpaceEventType.MOUSE_MOVE);

  const pos = new Float64Array(n * 3);
  const scratch = new Array(n);
  for (let i = 0; i < n; i++) scratch[i] = new Cartesian3();
  let shownLinks = [];
  let lastK = -1, lastF = -1, dirtyLinks = true, last3d = true;
  const counts = { satellites: 0, nodes: 0, linksUp: 0 };

  function update(time) {
    const t = JulianDate.secondsDifference(time, epoch);
    const { k, f } = locate(times, t);
    if (k === lastK && f === lastF && !dirtyLinks && (scene.mode === SceneMode.SCENE3D) === last3d) return;
    interpolate(world, k, f, pos);
    let sats = 0, drawn = 0;
    for (let i = 0; i < n; i++) {
      const c = scratch[i];
      c.x = pos[3 * i]; c.y = pos[3 * i + 1]; c.z = pos[3 * i + 2];
      const p = pointOf[i];
      const ok = Number.isFinite(c.x);
      p.show = ok;
      if (ok) {
        p.position = c;
        drawn++;
        if (world.nodes[i][1] === "sat") sats++;
      }
    }
    // Links up at the sample at or before t (the topology holds between updates): one
    // LineSegments draw call in the 3D view, polylines in the 2D and Columbus views.
    const in3d = scene.mode === SceneMode.SCENE3D;
    if (k !== lastK || dirtyLinks || in3d !== last3d) {
      for (const li of shownLinks) lineOf[li].show = false;
      shownLinks = world.upAt[k].filter((li) => kindsShown[world.link_kinds[world.links[li][2]]]);
    }
    let up = 0;
    for (const li of shownLinks) {
      const l = world.links[li];
      const a = scratch[l[0]], b = scratch[l[1]];
      if (!Number.isFinite(a.x) || !Number.isFinite(b.x)) { lineOf[li].show = false; continue; }
      if (in3d) {
        segments.set(up, a, b, rgbaOf[l[2]]);
      } else {
        const line = lineOf[li];
        line.positions = [a, b];
        line.show = true;
      }
      up++;
    }
    segments.count = in3d ? up : 0;
    segments.dirty = true;
    last3d = in3d;
    if (hovered >= 0 && Number.isFinite(scratch[hovered].x)) label.position = scratch[hovered];
    lastK = k; lastF = f; dirtyLinks = false;
    counts.satellites = sats; counts.nodes = drawn; counts.linksUp = up;
  }
  // Tracks: a node's positions over the whole sampled span as one polyline (HAPS and UAV flight
  // paths, the selected node's track), and the orbit rings of satellites (orbitRing) as segments.
  const tracks = scene.primitives.add(new PolylineCollection());
  const trackOf = (i, color) => {
    const pts = [];
    for (let k = 0; k < times.length; k++) {
      const o = (k * n + i) * 3;
      if (Number.isFinite(world.xyz[o])) pts.push(new Cartesian3(world.xyz[o], world.xyz[o + 1], world.xyz[o + 2]));
    }
    if (pts.length < 2 || pts.every((p) => Cartesian3.equals(p, pts[0]))) return null; // not moving
    return tracks.add({ positions: pts, width: 1.5,
      material: Material.fromType("Color", { color: Color.fromCssColorString(color).withAlpha(0.8) }) });
  };
  const RING_POINTS = 48;
  const satellites = [];
  world.nodes.forEach((node, i) => { if (node[1] === "sat") satellites.push(i); });
  const flying = [];
  world.nodes.forEach((node, i) => { if (node[1] === "haps" || node[1] === "uav") flying.push(i); });
  let rings = null, ringsK = -1;
  const drawRings = (list, k) => {
    if (!rings) rings = scene.primitives.add(new LineSegments(satellites.length * RING_POINTS));
    let m = 0;
    for (const i of list) {
      const ring = orbitRing(world, i, k, RING_POINTS);
      const rgba = [...Color.fromCssColorString(nodeColor(world, world.nodes[i])).toBytes().slice(0, 3), 110];
      for (let j = 0; j < ring.length; j++) {
        const a = ring[j], b = ring[(j + 1) % ring.length];
        rings.set(m++, { x: a[0], y: a[1], z: a[2] }, { x: b[0], y: b[1], z: b[2] }, rgba);
      }
    }
    rings.count = m;
    rings.dirty = true;
    ringsK = k;
    return m;
  };
  const layers = {
    flightPaths: { available: flying.length > 0, shown: params.get("paths") !== "0", lines: [],
      set(on) {
        this.shown = on;
        for (const l of this.lines) tracks.remove(l);
        this.lines = on ? flying.map((i) => trackOf(i, nodeColor(world, world.nodes[i]))).filter(Boolean) : [];
        scene.requestRender();
      } },
    orbits: { available: satellites.length > 0, shown: params.get("orbits") === "1",
      set(on) { this.shown = on; ringsK = -1; refreshSelection(); scene.requestRender(); } },
  };

  // Coverage (a run's or `sagin coverage`'s coverage.csv): each grid cell a point coloured by the
  // fraction of the sampled time it is served, per layer (red 0, yellow 0.5, green 1).
  const coverage = world.results.includes("coverage.csv")
    ? parseCsv(await (await fetch("data/coverage.csv")).text()) : { header: [], rows: [] };
  const covCol = (name) => coverage.header.indexOf(name);
  const covCells = coverage.rows.filter((r) => r[covCol("kind")] === "cell");
  const covOptions = ["combined", "space", "air", "ground"].filter((l) => covCol(`availability_${l}`) >= 0);
  const covPoints = scene.primitives.add(new PointPrimitiveCollection());
  const covPointOf = covCells.map((r) => covPoints.add({
    // 30 km up: a point at the surface is half hidden by the globe in tilted views.
    position: Cartesian3.fromDegrees(Number(r[covCol("lon_deg")]), Number(r[covCol("lat_deg")]), 30000),
    pixelSize: 9, show: false }));
  layers.coverage = { available: covCells.length > 0 && covOptions.length > 0, shown: params.get("coverage") !== "0",
    options: covOptions, option: covOptions.includes(params.get("coverage")) ? params.get("coverage") : covOptions[0],
    drawn: 0,
    set(on) {
      this.shown = on;
      const c = covCol(`availability_${this.option}`);
      this.drawn = 0;
      covCells.forEach((r, j) => {
        const v = r[c] === "" ? NaN : Number(r[c]);
        covPointOf[j].show = on && Number.isFinite(v);
        if (covPointOf[j].show) { this.drawn++; covPointOf[j].color = Color.fromHsl(v / 3, 0.9, 0.5, 0.55); }
      });
      scene.requestRender();
    },
    choose(option) { this.option = option; this.set(this.shown); } };

  // Failures of a run (summary.json failures.events): a red range on the timeline per event, and
  // while the clock is inside one, the failed element drawn red and listed in the panel (#events).
  const summary = world.results.includes("summary.json") ? await (await fetch("data/summary.json")).json() : {};
  const nodeIndex = new Map(world.nodes.map((x, i) => [x[0], i]));
  const events = ((summary.failures && summary.failures.events) || [])
    .filter((e) => Number.isFinite(e.start_s) && e.start_s <= times[times.length - 1]);
  for (const e of events) {
    const end = Number.isFinite(e.end_s) ? Math.min(e.end_s, times[times.length - 1]) : times[times.length - 1];
    viewer.timeline.addHighlightRange(Color.RED.withAlpha(0.7), 6, 0)
      .setRange(JulianDate.addSeconds(epoch, e.start_s, new JulianDate()), JulianDate.addSeconds(epoch, end, new JulianDate()));
  }
  const eventsEl = document.getElementById("events");
  let failedNow = [], failedKey = "";
  const showFailures = (time) => {
    if (!events.length) return;
    const t = JulianDate.secondsDifference(time, epoch);
    const now = events.filter((e) => e.start_s <= t && (!Number.isFinite(e.end_s) || t < e.end_s));
    const key = now.map((e) => e.element + e.start_s).join("|");
    if (key === failedKey) return;
    failedKey = key;
    for (const i of failedNow) if (!highlighted.includes(i)) { pointOf[i].color = Color.fromCssColorString(nodeColor(world, world.nodes[i])); pointOf[i].pixelSize = pointOf[i].baseSize; }
    failedNow = now.map((e) => nodeIndex.get(e.element)).filter((i) => i !== undefined);
    for (const i of failedNow) { pointOf[i].color = Color.RED; pointOf[i].pixelSize = pointOf[i].baseSize + 5; }
    eventsEl.textContent = now.length ? "failed now:\n" + now.map((e) =>
      `${e.element} (${e.event}, ${e.start_s.toFixed(1)}–${Number.isFinite(e.end_s) ? e.end_s.toFixed(1) : "end"} s)`).join("\n") : "";
  };

  // The selected node: its track, its orbit, the node serving it or the terminals it serves.
  const selectionEl = document.getElementById("selection");
  let selected = -1, selectedTrack = null, highlighted = [];
  const highlight = (list) => {
    for (const i of highlighted) {
      pointOf[i].outlineColor = Color.BLACK; pointOf[i].outlineWidth = pointOf[i].baseOutline; pointOf[i].pixelSize = pointOf[i].baseSize;
    }
    highlighted = list;
    for (const i of highlighted) { pointOf[i].outlineColor = Color.WHITE; pointOf[i].outlineWidth = 2; pointOf[i].pixelSize = pointOf[i].baseSize + 6; }
  };
  let selectionInfo = {};
  function refreshSelection() {
    const k = Math.max(0, lastK);
    if (layers.orbits.shown) {
      if (ringsK !== k) drawRings(satellites, k);
    } else if (selected >= 0 && world.nodes[selected][1] === "sat") {
      if (ringsK !== k) drawRings([selected], k);
    } else if (rings) {
      rings.count = 0; ringsK = -1;
    }
    if (selected < 0) { highlight([]); selectionEl.textContent = ""; selectionInfo = {}; return; }
    const [name, role, layer] = world.nodes[selected];
    const service = linksOfNodeAt(world, selected, k, "service").map(([j]) => j);
    const lines = [`${name} (${ROLE_NAMES[role] || role}, ${layer})`];
    selectionInfo = { selected: name, trackPoints: selectedTrack ? selectedTrack.positions.length : 0,
      ringSegments: rings ? rings.count : 0, servedBy: [], serves: [] };
    if (role === "ut") {
      selectionInfo.servedBy = service.map((j) => world.nodes[j][0]);
      lines.push(service.length ? `served by ${selectionInfo.servedBy.join(", ")}` : "not served now");
    } else if (world.has_links) {
      selectionInfo.serves = service.map((j) => world.nodes[j][0]);
      lines.push(`serves ${service.length} terminal${service.length === 1 ? "" : "s"} now`);
    }
    highlight([selected, ...service]);
    selectionEl.textContent = lines.join("\n");
  }
  const select = (i) => {
    if (selectedTrack) tracks.remove(selectedTrack);
    selectedTrack = null;
    selected = i;
    if (i >= 0) selectedTrack = trackOf(i, "#ffffff");
    ringsK = -1;
    refreshSelection();
    scene.requestRender();
  };
  pointOf.forEach((p) => { p.baseSize = p.pixelSize; p.baseOutline = p.outlineWidth; });
  new ScreenSpaceEventHandler(scene.canvas).setInputAction((click) => {
    const picked = scene.pick(click.position);
    select(picked && picked.collection === points ? picked.id : -1);
  }, ScreenSpaceEventType.LEFT_CLICK);

  const onToggle = () => { dirtyLinks = true; update(clock.currentTime); scene.requestRender(); };
  buildLegend(world, kindsShown, onToggle, layers);
  if (layers.flightPaths.shown) layers.flightPaths.set(true);
  if (layers.coverage.available && layers.coverage.shown) layers.coverage.set(true);
  const spent = { update: 0 }; // ms in the page's own per-frame work (for ?bench)
  scene.preRender.addEventListener((_scene, time) => {
    const t0 = performance.now();
    const k = lastK;
    update(time);
    if (lastK !== k && (selected >= 0 || layers.orbits.shown)) refreshSelection();
    spent.update += performance.now() - t0;
  });
  update(clock.currentTime);

  if (world.nodes.length) {
    viewer.camera.flyHome(0);
  }
  // The latency samples: the chart, a line on it at the clock's time, the sample at or before
  // that time in the panel (#sample: its latency, breakdown or path), its path on the globe.
  // With several flows or pairs, a list above the chart picks one (?pair=N, the first by default).
  const allSeries = await loadLatency(world);
  let series = allSeries[Math.min(Number(params.get("pair") || 0), Math.max(0, allSeries.length - 1))] || { label: "", rows: [] };
  let chartPoints = series.rows.length;
  const cursor = { t: null };
  let plot = buildChart(series, cursor);
  const pickSeries = (k) => {
    series = allSeries[k];
    chartPoints = series.rows.length;
    if (plot) plot.destroy();
    plot = buildChart(series, cursor);
    shownSample = -2; // redraw the sample for the new series
    showSample(clock.currentTime);
    scene.requestRender();
  };
  if (allSeries.length > 1) {
    const sel = document.getElementById("pair");
    allSeries.forEach((x, k) => { const o = document.createElement("option"); o.value = String(k); o.textContent = x.label; sel.appendChild(o); });
    sel.value = String(allSeries.indexOf(series));
    sel.addEventListener("change", () => pickSeries(Number(sel.value)));
  }
  const sampleEl = document.getElementById("sample");
  const pathLine = tracks.add({ show: false, width: 3, positions: PARKED,
    material: Material.fromType("Color", { color: Color.fromCssColorString("#ff4081") }) });
  let shownSample = -1;
  const sampleInfo = { sampleT: null, sampleMs: null, pathNodes: 0, breakdown: 0 };
  const showSample = (time) => {
    if (!series.rows.length) return;
    const t = JulianDate.secondsDifference(time, epoch);
    let lo = 0, hi = series.rows.length - 1, at = -1;
    while (lo <= hi) { const mid = (lo + hi) >> 1; if (series.rows[mid].t <= t) { at = mid; lo = mid + 1; } else hi = mid - 1; }
    if (at >= 0 && series.rows[at].path) {
      const pts = series.rows[at].path.map((i) => scratch[i]);
      pathLine.show = pts.every((c) => Number.isFinite(c.x));
      if (pathLine.show) pathLine.positions = pts;
    } else {
      pathLine.show = false;
    }
    if (at === shownSample) return;
    shownSample = at;
    cursor.t = at >= 0 ? series.rows[at].t : null;
    if (plot) plot.redraw(false, false);
    if (at < 0) { sampleEl.textContent = ""; Object.assign(sampleInfo, { sampleT: null, sampleMs: null, pathNodes: 0, breakdown: 0 }); return; }
    const r = series.rows[at];
    const lines = [`t = ${r.t.toFixed(3)} s: one-way ${r.ms === null ? "no route" : r.ms.toFixed(3) + " ms"}`];
    if (r.breakdown) for (const [k, v] of r.breakdown) lines.push(`  ${k}: ${v.toFixed(3)} ms`);
    if (r.path) lines.push(`path: ${r.path.map((i) => world.nodes[i][0]).join(" → ")}`);
    sampleEl.textContent = lines.join("\n");
    Object.assign(sampleInfo, { sampleT: r.t, sampleMs: r.ms, pathNodes: r.path ? r.path.length : 0,
      breakdown: r.breakdown ? r.breakdown.length : 0 });
  };
  scene.preRender.addEventListener((_scene, time) => { showSample(time); showFailures(time); });
  showFailures(clock.currentTime);
  showSample(clock.currentTime);

  // Ready once the globe has drawn its imagery with the data in place (or after 30 s of
  // waiting for tiles: the data is drawn either way).
  await new Promise((resolve) => {
    let frames = 0;
    const t0 = performance.now();
    const remove = scene.postRender.addEventListener(() => {
      frames++;
      if (frames >= 3 && (scene.globe.tilesLoaded || performance.now() - t0 > 30000)) {
        remove();
        resolve();
      }
    });
  });
  const describe = () => `${counts.satellites} satellites, ${counts.nodes} nodes drawn, ` +
    `${counts.linksUp} links up at t = ${JulianDate.secondsDifference(clock.currentTime, epoch).toFixed(1)} s`;
  const attrs = () => ({ satellites: counts.satellites, nodes: counts.nodes,
    linksUp: counts.linksUp, chartPoints, t: JulianDate.secondsDifference(clock.currentTime, epoch), ...sampleInfo,
    events: events.length, failedNow: failedNow.map((i) => world.nodes[i][0]), spanEnd: times[times.length - 1] });
  if (errors.length === 0) setStatus("ready", describe(), attrs());
  // Tests may move the clock: window.saginSetTime(t) redraws at t s after the epoch.
  window.saginSetTime = (t) => {
    clock.shouldAnimate = false;
    clock.currentTime = JulianDate.addSeconds(epoch, t, new JulianDate());
    update(clock.currentTime);
    refreshSelection();
    showSample(clock.currentTime);
    showFailures(clock.currentTime);
    scene.render(clock.currentTime);
    if (errors.length === 0) setStatus("ready", describe(), attrs());
    return attrs();
  };
  // window.saginLookAt(lon, lat, height_m, pitch_deg) puts the camera there (3D view) and resolves
  // once the globe's tiles are loaded (at most 30 s): for screenshots.
  window.saginLookAt = (lon, lat, height, pitch = -90) => new Promise((resolve) => {
    viewer.camera.setView({ destination: Cartesian3.fromDegrees(lon, lat, height),
      orientation: { heading: 0, pitch: CesiumMath.toRadians(pitch), roll: 0 } });
    const t0 = performance.now();
    let frames = 0;
    const remove = scene.postRender.addEventListener(() => {
      if (++frames >= 3 && (scene.globe.tilesLoaded || performance.now() - t0 > 30000)) { remove(); resolve(true); }
    });
    scene.requestRender();
  });
  // window.saginPair(k) shows the k-th flow or pair of the results (as the list above the chart).
  window.saginPair = (k) => {
    const sel = document.getElementById("pair");
    if (sel) sel.value = String(k);
    pickSeries(k);
    scene.render(clock.currentTime);
    return { ...attrs(), pairs: allSeries.length, label: series.label };
  };
  // window.saginSelect(name) selects a node as a click does (null: none) and returns what the
  // selection shows; window.saginLayer(key, on) toggles a layer and returns the same.
  window.saginSelect = (name) => {
    select(name === null ? -1 : world.nodes.findIndex((x) => x[0] === name));
    scene.render(clock.currentTime);
    return { ...selectionInfo, flightPaths: layers.flightPaths.lines.length };
  };
  window.saginLayer = (key, on, option) => {
    const box = document.getElementById(`layer-${key}`);
    if (box) box.checked = on;
    if (option !== undefined) layers[key].option = option;
    layers[key].set(on);
    scene.render(clock.currentTime);
    return { ...selectionInfo, ringSegments: rings ? rings.count : 0, flightPaths: layers.flightPaths.lines.length,
      coverageCells: layers.coverage.drawn, coverageOptions: layers.coverage.options };
  };

  // Adaptive resolution (no ?scale): every 2 s of animation the mean frame time sets the scale
  // (makeResolutionRule, src/resolution.js: under 10 frames/s it drops, to 0.5 at least; with
  // room it rises back toward 1). A GPU stays at 1; software rendering of a large world
  // settles lower. `resolution.settled`: a window passed without a change; `resolution.frozen`
  // (the benchmark, while it counts): no change.
  const resolution = { settled: !autoScale, windows: 0, frozen: false };
  if (autoScale) {
    const nextResolutionScale = makeResolutionRule();
    let frames = 0;
    let t0 = performance.now();
    scene.postRender.addEventListener(() => {
      if (!clock.shouldAnimate || resolution.frozen) { frames = 0; t0 = performance.now(); return; }
      frames++;
      const dt = performance.now() - t0;
      if (dt < 2000 || frames < 3) return;
      const ms = dt / frames;
      frames = 0;
      t0 = performance.now();
      const s = viewer.resolutionScale;
      const next = nextResolutionScale(s, ms);
      resolution.windows++;
      resolution.settled = next === s;
      if (next !== s) viewer.resolutionScale = next;
    });
  }

  const benchSeconds = Number(params.get("bench") || 0);
  if (benchSeconds > 0) {
    // Once the adaptive resolution has settled (at most 30 s), frames rendered while the clock
    // runs, over benchSeconds of wall time.
    const w0 = performance.now();
    while (!(resolution.settled && (resolution.windows > 0 || !autoScale)) && performance.now() - w0 < 30000) {
      await new Promise((r) => setTimeout(r, 250));
    }
    // The milliseconds per frame: all of it, and the page's own update of positions and links
    // (the rest is Cesium's and the rasterizer's).
    resolution.frozen = true;
    let frames = 0;
    const remove = scene.postRender.addEventListener(() => { frames++; });
    const t0 = performance.now();
    spent.update = 0;
    await new Promise((r) => setTimeout(r, benchSeconds * 1000));
    remove();
    const wall = performance.now() - t0;
    const fps = frames / (wall / 1000);
    const frameMs = (wall / Math.max(1, frames)).toFixed(1), updateMs = (spent.update / Math.max(1, frames)).toFixed(1);
    if (errors.length === 0) {
      setStatus("ready", describe() + `\n${fps.toFixed(1)} frames/s (${frameMs} ms a frame, ${updateMs} ms of it updating positions and links)`,
        { ...attrs(), fps: fps.toFixed(2), frameMs, updateMs, width: scene.canvas.width, height: scene.canvas.height,
          scale: viewer.resolutionScale, autoScale, pageWidth: scene.canvas.clientWidth, pageHeight: scene.canvas.clientHeight });
    }
  }
}

main().catch((e) => recordError(String(e && e.stack || e)));

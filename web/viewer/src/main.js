// The page of `sagin view`: a CesiumJS globe (3D, 2D and Columbus view) with a timeline, the
// world's nodes as one PointPrimitiveCollection and its links as one PolylineCollection, both
// moved every frame from the sampled positions (linear interpolation between samples), and a
// uPlot chart of the run's one-way latency when the site carries a run's results.
//
// The element #status tells a test or a benchmark where the page is: data-state is "loading",
// "ready" or "error", with the counts drawn (data-satellites, data-nodes, data-links-up), the
// number of JavaScript errors (data-errors) and, after ?bench=S, the frame rate (data-fps).
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
import { interpolate, loadWorld, locate, parseCsv } from "./data.js";
import { LineSegments } from "./lines.js";

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
  });
}

function buildLegend(world, kindsShown, onToggle) {
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

async function buildChart(world) {
  // One-way latency over time: a run's latency.csv (received packets of its first flow), else
  // the first pair of a paths.csv.
  let x = [], y = [], label = "";
  if (world.results.includes("latency.csv")) {
    const { header, rows } = parseCsv(await (await fetch("data/latency.csv")).text());
    const col = (n) => header.indexOf(n);
    const flow = rows.length ? rows[0][col("flow")] : "";
    const picked = rows.filter((r) => r[col("flow")] === flow && r[col("received")] === "1")
      .map((r) => [Number(r[col("t_sent_s")]), Number(r[col("one_way_ms")])])
      .sort((a, b) => a[0] - b[0]);
    x = picked.map((p) => p[0]); y = picked.map((p) => p[1]);
    if (rows.length) label = `flow ${flow} (${rows[0][col("src")]} → ${rows[0][col("dst")]})`;
  } else if (world.results.includes("paths.csv")) {
    const { header, rows } = parseCsv(await (await fetch("data/paths.csv")).text());
    const col = (n) => header.indexOf(n);
    const src = rows.length ? rows[0][col("src")] : "", dst = rows.length ? rows[0][col("dst")] : "";
    for (const r of rows) {
      if (r[col("src")] !== src || r[col("dst")] !== dst) continue;
      x.push(Number(r[col("t_s")]));
      y.push(r[col("one_way_ms")] === "" ? null : Number(r[col("one_way_ms")]));
    }
    label = `${src} → ${dst}`;
  }
  if (x.length === 0) return 0;
  new uPlot({
    title: `one-way latency, ${label}`, width: 300, height: 200,
    scales: { x: { time: false } },
    axes: [{ label: "time (s)" }, { label: "one-way latency (ms)" }],
    series: [{ label: "t (s)" }, { label: "one-way (ms)", stroke: "#1565c0", width: 1 }],
  }, [x, y], document.getElementById("chart"));
  return x.length;
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
  // ?scale=F renders F x the page's pixels in each direction (0.5: a quarter of the pixels to
  // rasterize, which is what software rendering spends its time on).
  const scale = Number(params.get("scale") || 1);
  if (scale > 0 && scale <= 1) viewer.resolutionScale = scale;
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
  const onToggle = () => { dirtyLinks = true; update(clock.currentTime); scene.requestRender(); };
  buildLegend(world, kindsShown, onToggle);
  scene.preRender.addEventListener((_scene, time) => update(time));
  update(clock.currentTime);

  if (world.nodes.length) {
    viewer.camera.flyHome(0);
  }
  const chartPoints = await buildChart(world);

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
    linksUp: counts.linksUp, chartPoints, t: JulianDate.secondsDifference(clock.currentTime, epoch) });
  if (errors.length === 0) setStatus("ready", describe(), attrs());
  // Tests may move the clock: window.saginSetTime(t) redraws at t s after the epoch.
  window.saginSetTime = (t) => {
    clock.shouldAnimate = false;
    clock.currentTime = JulianDate.addSeconds(epoch, t, new JulianDate());
    update(clock.currentTime);
    scene.render(clock.currentTime);
    if (errors.length === 0) setStatus("ready", describe(), attrs());
    return attrs();
  };

  const benchSeconds = Number(params.get("bench") || 0);
  if (benchSeconds > 0) {
    // Frames rendered while the clock runs, over benchSeconds of wall time.
    let frames = 0;
    const remove = scene.postRender.addEventListener(() => { frames++; });
    const t0 = performance.now();
    await new Promise((r) => setTimeout(r, benchSeconds * 1000));
    remove();
    const fps = frames / ((performance.now() - t0) / 1000);
    if (errors.length === 0) setStatus("ready", describe() + `\n${fps.toFixed(1)} frames/s`, { ...attrs(), fps: fps.toFixed(2) });
  }
}

main().catch((e) => recordError(String(e && e.stack || e)));

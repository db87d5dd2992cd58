// Headless check of `sagin view` in Debian's chromium (software rendering), through
// puppeteer-core (no browser download): writes and serves a site with `sagin view --serve
// --port 0`, loads it, and checks that the page reached its "ready" state with no JavaScript or
// console errors, the expected counts at two times and in the 2D view, chart data when asked,
// and a non-blank screenshot (of the 2D view). With --bench S it measures the frame rate over S seconds of animation instead.
//
// node smoke.mjs --sagin BIN --scenario F [--standard F] [--results DIR] --out DIR
//   [--expect-satellites N] [--expect-nodes N] [--times t1,t2] [--expect-chart] [--expect-path]
//   [--expect-pairs N] [--expect-coverage] [--expect-failures [--expect-breakdown]] [--select NAME,...] [--expect-ring-of SAT] [--expect-flight-paths N] [--expect-orbit-segments N]
//   [--bench S] [--scale F] [--query K=V&...] [--screenshot FILE]
//   [--view-screenshot FILE [--look-at LON,LAT,HEIGHT_M,PITCH_DEG]] [--chromium PATH]
// Prints one JSON line of what it saw; exit 0 when every check passed, 1 otherwise, 77 when
// chromium is missing (ctest counts that as skipped).
import { spawn } from "node:child_process";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import puppeteer from "puppeteer-core";

const args = {};
for (let i = 2; i < process.argv.length; i++) {
  const a = process.argv[i];
  if (!a.startsWith("--")) continue;
  const next = process.argv[i + 1];
  if (next === undefined || next.startsWith("--")) args[a.slice(2)] = true;
  else { args[a.slice(2)] = next; i++; }
}
const chromium = args.chromium || "/usr/bin/chromium";
if (!existsSync(chromium)) {
  console.log(`SKIP: no chromium at ${chromium} (apt-get install chromium; tools/sagin installs it)`);
  process.exit(77);
}

const viewArgs = ["view", args.scenario, "--out", args.out, "--serve", "--port", "0", "-q"];
if (args.standard) viewArgs.push("--standard", args.standard);
if (args.results) viewArgs.push("--results", args.results);
if (args.duration) viewArgs.push("--duration", args.duration);
if (args.step) viewArgs.push("--step", args.step);
const server = spawn(args.sagin, viewArgs, { stdio: ["ignore", "pipe", "inherit"] });
const failures = [];
const fail = (m) => { failures.push(m); };
let browser;
try {
  const url = await new Promise((resolve, reject) => {
    let text = "";
    server.stdout.on("data", (d) => {
      text += d;
      const m = text.match(/http:\/\/127\.0\.0\.1:\d+\//);
      if (m) resolve(m[0]);
    });
    server.on("exit", (code) => reject(new Error(`sagin view exited with ${code}`)));
  });
  browser = await puppeteer.launch({
    executablePath: chromium,
    headless: true,
    args: ["--no-sandbox", "--disable-gpu", "--use-angle=swiftshader", "--enable-unsafe-swiftshader",
      "--window-size=1280,800", "--no-first-run", "--disable-dev-shm-usage"],
    defaultViewport: { width: 1280, height: 800 },
  });
  const page = await browser.newPage();
  const consoleErrors = [];
  page.on("console", (m) => { if (m.type() === "error") consoleErrors.push(m.text()); });
  page.on("pageerror", (e) => consoleErrors.push(String(e)));
  page.on("requestfailed", (r) => consoleErrors.push(`request failed: ${r.url()}`));
  const query = new URLSearchParams();
  if (args.bench) query.set("bench", args.bench);
  if (args.scale) query.set("scale", args.scale);
  if (args.query) for (const [k, v] of new URLSearchParams(args.query)) query.set(k, v);
  const target = url + (query.toString() ? `?${query}` : "");
  await page.goto(target, { waitUntil: "load", timeout: 60000 });
  await page.waitForFunction(
    () => ["ready", "error"].includes(document.getElementById("status").dataset.state),
    { timeout: 120000, polling: 200 });
  const status = () => page.evaluate(() => ({ ...document.getElementById("status").dataset,
    text: document.getElementById("status").textContent }));
  const report = { url, first: await status() };
  if (report.first.state !== "ready") fail(`page state ${report.first.state}: ${report.first.text}`);
  if (args.bench) {
    await page.waitForFunction(() => document.getElementById("status").dataset.fps !== undefined,
      { timeout: (Number(args.bench) + 60) * 1000, polling: 500 });
    report.bench = await status();
    report.fps = Number(report.bench.fps);
  } else {
    report.at = {};
    for (const t of String(args.times || "0").split(",").map(Number)) {
      const s = await page.evaluate((tt) => window.saginSetTime(tt), t);
      report.at[t] = s;
      if (args["expect-satellites"] !== undefined && s.satellites !== Number(args["expect-satellites"]))
        fail(`t=${t}: ${s.satellites} satellites drawn, expected ${args["expect-satellites"]}`);
      if (args["expect-nodes"] !== undefined && s.nodes !== Number(args["expect-nodes"]))
        fail(`t=${t}: ${s.nodes} nodes drawn, expected ${args["expect-nodes"]}`);
      if (args.standard && !(s.linksUp > 0)) fail(`t=${t}: no link drawn`);
      // --expect-path: the paths.csv sample at t (a sample every second) shown, its path drawn.
      if (args["expect-path"] && (s.sampleT !== t || !(s.pathNodes > 1) || !(s.sampleMs > 0)))
        fail(`t=${t}: latency sample ${s.sampleT} s (${s.sampleMs} ms, ${s.pathNodes} path nodes) shown`);
    }
    // Selections (--select a,b,...): a terminal shows the node serving it (highlighted), a
    // satellite its track and its orbit ring (48 segments), a HAPS or UAV its track.
    report.selected = {};
    for (const name of String(args.select || "").split(",").filter(Boolean)) {
      const s = await page.evaluate((nm) => window.saginSelect(nm), name);
      report.selected[name] = s;
      if (s.selected !== name) fail(`select ${name}: nothing selected`);
      else if (name.startsWith("ut-") && !(s.servedBy.length > 0)) fail(`select ${name}: no serving node shown`);
      else if (!name.startsWith("ut-") && !(s.trackPoints > 1)) fail(`select ${name}: no track`);
      if (args["expect-ring-of"] === name && s.ringSegments !== 48) fail(`select ${name}: ${s.ringSegments} orbit segments, expected 48`);
    }
    await page.evaluate(() => window.saginSelect(null));
    if (args["expect-flight-paths"] !== undefined) {
      const s = await page.evaluate(() => window.saginLayer("flightPaths", true));
      if (s.flightPaths !== Number(args["expect-flight-paths"])) fail(`${s.flightPaths} flight paths, expected ${args["expect-flight-paths"]}`);
    }
    if (args["expect-orbit-segments"] !== undefined) {
      const s = await page.evaluate(() => window.saginLayer("orbits", true));
      report.orbitSegments = s.ringSegments;
      if (s.ringSegments !== Number(args["expect-orbit-segments"])) fail(`${s.ringSegments} orbit segments, expected ${args["expect-orbit-segments"]}`);
    }
    // --expect-pairs N: N flows or pairs to choose from; the last one charted, its sample and
    // path shown at the last of --times.
    if (args["expect-pairs"] !== undefined) {
      const n = Number(args["expect-pairs"]);
      const p = await page.evaluate((k) => window.saginPair(k), n - 1);
      const last = String(args.times || "0").split(",").map(Number).pop();
      const s = await page.evaluate((tt) => window.saginSetTime(tt), last);
      report.pair = { pairs: p.pairs, label: p.label, chartPoints: p.chartPoints, sampleT: s.sampleT, pathNodes: s.pathNodes };
      if (p.pairs !== n) fail(`${p.pairs} pairs to choose from, expected ${n}`);
      if (!(p.chartPoints > 0) || s.sampleT !== last || !(s.pathNodes > 1)) fail(`pair ${n - 1} (${p.label}): ${p.chartPoints} chart points, sample ${s.sampleT}, ${s.pathNodes} path nodes`);
      await page.evaluate(() => window.saginPair(0));
    }
    // --expect-failures: every failure event of the results' summary.json that starts within
    // the span marked on the timeline, its element drawn as failed just after it starts; with
    // --expect-breakdown, the latency.csv sample shown there with its breakdown.
    if (args["expect-failures"]) {
      const summary = JSON.parse(readFileSync(`${args.results}/summary.json`, "utf8"));
      const span = Number(report.first.spanEnd);
      const events = (summary.failures.events || []).filter((e) => e.start_s <= span);
      report.failures = [];
      if (!events.length) fail("the run has no failure to show");
      for (const e of events) {
        const s = await page.evaluate((tt) => window.saginSetTime(tt), e.start_s + 0.5);
        report.failures.push({ element: e.element, at: e.start_s + 0.5, failedNow: s.failedNow, breakdown: s.breakdown });
        if (s.events !== events.length) fail(`${s.events} failure events on the timeline, expected ${events.length}`);
        if (!s.failedNow.includes(e.element)) fail(`t=${e.start_s + 0.5}: ${e.element} not drawn as failed (${s.failedNow})`);
        if (args["expect-breakdown"] && !(s.breakdown > 0 && s.sampleMs > 0)) fail(`t=${e.start_s + 0.5}: no latency breakdown shown`);
      }
    }
    // --expect-coverage: every grid cell of the results' coverage.csv drawn, for each layer.
    if (args["expect-coverage"]) {
      const lines = readFileSync(`${args.results}/coverage.csv`, "utf8").split("\n");
      const header = lines[0].split(","), kind = header.indexOf("kind");
      const cells = lines.slice(1).filter((l) => l.split(",")[kind] === "cell").length;
      for (const option of ["combined", "space", "air", "ground"]) {
        const s = await page.evaluate((o) => window.saginLayer("coverage", true, o), option);
        report.coverage = { cells, drawn: s.coverageCells, options: s.coverageOptions };
        if (!(cells > 0) || s.coverageCells !== cells) fail(`coverage ${option}: ${s.coverageCells} cells drawn of ${cells}`);
      }
      await page.evaluate(() => window.saginLayer("coverage", true, "combined"));
    }
    // --view-screenshot FILE: the 3D globe over --look-at LON,LAT,HEIGHT_M,PITCH_DEG at the last
    // of --times, with --select's first node selected (the README's picture).
    if (args["view-screenshot"]) {
      const [lon, lat, h, pitch] = String(args["look-at"] || "-4,20,4000000,-60").split(",").map(Number);
      const first = String(args.select || "").split(",").filter(Boolean)[0];
      if (first) await page.evaluate((nm) => window.saginSelect(nm), first);
      await page.evaluate((a, b, c, d) => window.saginLookAt(a, b, c, d), lon, lat, h, pitch);
      writeFileSync(args["view-screenshot"], await page.screenshot({ type: "png" }));
      await page.evaluate(() => window.saginSelect(null));
    }
    // The 2D map view (the scene mode picker's button): primitives are projected there.
    await page.evaluate(() => {
      for (const b of document.querySelectorAll(".cesium-sceneModePicker-wrapper button")) {
        if (b.title === "2D") b.click();
      }
    });
    await new Promise((r) => setTimeout(r, 4000)); // the morph takes 2 s
    report.in2d = await page.evaluate(() => window.saginSetTime(10));
    if (args.standard && !(report.in2d.linksUp > 0)) fail("2D view: no link drawn");
    if (args["expect-satellites"] !== undefined && report.in2d.satellites !== Number(args["expect-satellites"]))
      fail(`2D view: ${report.in2d.satellites} satellites drawn`);
    if (args["expect-chart"] && !(Number(report.first.chartPoints) > 0)) fail("the latency chart has no data");
    const png = await page.screenshot({ type: "png" });
    if (args.screenshot) writeFileSync(args.screenshot, png);
    report.screenshotBytes = png.length;
    // A blank page compresses to a few kB; the globe with its imagery to far more.
    if (png.length < 50000) fail(`screenshot looks blank (${png.length} bytes)`);
  }
  report.consoleErrors = consoleErrors;
  if (consoleErrors.length) fail(`console errors: ${consoleErrors.join(" | ")}`);
  console.log(JSON.stringify(report));
} catch (e) {
  fail(String(e && e.stack || e));
} finally {
  if (browser) await browser.close();
  server.kill("SIGTERM");
}
if (failures.length) {
  for (const f of failures) console.log("FAIL: " + f);
  process.exit(1);
}
console.log("PASS");

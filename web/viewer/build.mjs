// Builds the viewer into a folder (default dist/): app.js and app.css bundled by esbuild,
// index.html, and CesiumJS's static assets (Workers, Assets with the Natural Earth II imagery,
// Widgets, ThirdParty) copied from the cesium package. Usage: node build.mjs [OUT_DIR]
import { build } from "esbuild";
import { cpSync, mkdirSync, rmSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const out = resolve(process.argv[2] || join(here, "dist"));
const require = createRequire(import.meta.url);
const cesiumBuild = join(dirname(require.resolve("cesium/package.json")), "Build", "Cesium");

rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });
await build({
  entryPoints: { app: join(here, "src", "main.js") },
  bundle: true,
  minify: true,
  format: "iife",
  target: ["es2020"],
  outdir: out,
  logLevel: "warning",
  legalComments: "none",
  // CesiumJS's own prebuilt ES module (its dependencies inside), not its sources.
  alias: { cesium: join(cesiumBuild, "index.js") },
});
cpSync(join(here, "src", "index.html"), join(out, "index.html"));
for (const dir of ["Workers", "Assets", "Widgets", "ThirdParty"]) {
  cpSync(join(cesiumBuild, dir), join(out, "cesium", dir), { recursive: true });
}

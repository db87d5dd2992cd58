// Loading the files `sagin view` writes (data/world.json, data/positions.bin) and the
// time-dependent state derived from them.

export async function loadWorld(base = "data/") {
  const response = await fetch(base + "world.json");
  if (!response.ok) throw new Error(`data/world.json: HTTP ${response.status}`);
  const world = await response.json();
  const bin = await fetch(base + world.positions);
  if (!bin.ok) throw new Error(`data/${world.positions}: HTTP ${bin.status}`);
  world.xyz = new Float32Array(await bin.arrayBuffer());
  const n = world.nodes.length, k = world.times_s.length;
  if (world.xyz.length !== n * k * 3) {
    throw new Error(`positions.bin holds ${world.xyz.length} floats, expected ${n} x ${k} x 3`);
  }
  // Links up at each sample: step -> list of link indices.
  world.upAt = Array.from({ length: k }, () => []);
  world.links.forEach((l, i) => {
    for (let j = 3; j + 1 < l.length; j += 2) {
      for (let s = l[j]; s <= l[j + 1]; s++) world.upAt[s].push(i);
    }
  });
  return world;
}

// The sample interval [k, k + 1] holding t (s after the epoch) and the fraction within it;
// clamped to the sampled span.
export function locate(times, t) {
  const last = times.length - 1;
  if (last <= 0 || t <= times[0]) return { k: 0, f: 0 };
  if (t >= times[last]) return { k: last, f: 0 };
  let lo = 0, hi = last;
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if (times[mid] <= t) lo = mid; else hi = mid;
  }
  return { k: lo, f: (t - times[lo]) / (times[lo + 1] - times[lo]) };
}

// Linear interpolation of every node's ECEF position into out (Float64Array n x 3); NaN where
// either sample has no position.
export function interpolate(world, k, f, out) {
  const n = world.nodes.length, xyz = world.xyz;
  const a = k * n * 3, b = Math.min(k + 1, world.times_s.length - 1) * n * 3;
  const g = 1 - f;
  for (let i = 0; i < n * 3; i++) out[i] = g * xyz[a + i] + f * xyz[b + i];
}

export function parseCsv(text) {
  const lines = text.split(/\r?\n/).filter((l) => l.length > 0);
  const header = lines.shift().split(",");
  return { header, rows: lines.map((l) => l.split(",")) };
}

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
  if (f === 0) for (let i = 0; i < n * 3; i++) out[i] = xyz[a + i]; // at a sample: its own value
  else for (let i = 0; i < n * 3; i++) out[i] = g * xyz[a + i] + f * xyz[b + i];
}

export function parseCsv(text) {
  const lines = text.split(/\r?\n/).filter((l) => l.length > 0);
  const header = lines.shift().split(",");
  return { header, rows: lines.map((l) => l.split(",")) };
}

// The links of kind `kind` (a LinkKindName) up at sample k that have node i at one end, as
// [other end, link index] pairs.
export function linksOfNodeAt(world, i, k, kind) {
  const out = [];
  for (const li of world.upAt[k] || []) {
    const l = world.links[li];
    if (world.link_kinds[l[2]] !== kind) continue;
    if (l[0] === i) out.push([l[1], li]);
    else if (l[1] === i) out.push([l[0], li]);
  }
  return out;
}

// The two-body orbit through node i's state at sample k, as `count` ECEF points (m) of the orbit
// as it stands at that instant (the conic in the inertial frame that coincides with ECEF then):
// the velocity is the central difference of the neighbouring samples plus the Earth's rotation
// (omega x r); r(nu) = p / (1 + e cos nu) (cos nu P + sin nu Q), P toward perigee (the position
// itself when the orbit is circular), Q = h x P / |h|. Empty when the state is not a bound orbit.
export const EARTH_MU = 3.986004418e14; // m^3/s^2 (WGS84)
export const EARTH_OMEGA = 7.2921158553e-5; // rad/s
export function orbitRing(world, i, k, count) {
  const n = world.nodes.length, xyz = world.xyz, times = world.times_s;
  const last = times.length - 1;
  if (last < 1) return [];
  const k0 = Math.max(0, k - 1), k1 = Math.min(last, k + 1);
  const at = (s) => [xyz[(s * n + i) * 3], xyz[(s * n + i) * 3 + 1], xyz[(s * n + i) * 3 + 2]];
  const r = at(k), a = at(k0), b = at(k1), dt = times[k1] - times[k0];
  const v = [0, 1, 2].map((j) => (b[j] - a[j]) / dt);
  v[0] -= EARTH_OMEGA * r[1]; v[1] += EARTH_OMEGA * r[0]; // + omega x r, omega along z
  const dot = (x, y) => x[0] * y[0] + x[1] * y[1] + x[2] * y[2];
  const cross = (x, y) => [x[1] * y[2] - x[2] * y[1], x[2] * y[0] - x[0] * y[2], x[0] * y[1] - x[1] * y[0]];
  const rn = Math.sqrt(dot(r, r));
  const h = cross(r, v), hn = Math.sqrt(dot(h, h));
  if (!(rn > 0) || !(hn > 0) || !(2 / rn - dot(v, v) / EARTH_MU > 0)) return [];
  const vxh = cross(v, h);
  const e = [0, 1, 2].map((j) => vxh[j] / EARTH_MU - r[j] / rn); // eccentricity vector
  const en = Math.sqrt(dot(e, e));
  const P = en > 1e-6 ? e.map((x) => x / en) : r.map((x) => x / rn);
  const hq = h.map((x) => x / hn);
  const Q = cross(hq, P);
  const p = (hn * hn) / EARTH_MU;
  const out = [];
  for (let j = 0; j < count; j++) {
    const nu = (2 * Math.PI * j) / count;
    const rr = p / (1 + en * Math.cos(nu));
    out.push([0, 1, 2].map((c) => rr * (Math.cos(nu) * P[c] + Math.sin(nu) * Q[c])));
  }
  return out;
}

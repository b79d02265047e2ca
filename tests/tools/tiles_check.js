#!/usr/bin/env node
// The service's vector tiles decoded by an independent decoder (@mapbox/vector-tile, the
// reference JavaScript implementation): starts `BINARY serve CONFIG` on 127.0.0.1 and checks
// the polygon collection COLLECTION (default communes_coverage) at zoom Z (default 8):
//   - every feature appears in the tile holding a point well inside it, with the same id;
//   - its attributes equal the GeoJSON's (/items), NULLs left out;
//   - geometry within the simplification: every decoded vertex away from the tile's edges lies
//     within 0.75 tile unit of the feature's GeoJSON outline (vertices are the outline's, rounded
//     to units: at most √2/2), and every outline vertex within 2.75 units of the decoded rings
//     (2 of Douglas–Peucker on the snapped vertices, √2/2 of snapping);
//   - the tileset documents link to the tile template.
// Prints counts and the tile sizes; exit 1 on the first failure.
// usage: tiles_check.js BINARY CONFIG [COLLECTION] [Z]
'use strict';
const { VectorTile } = require('@mapbox/vector-tile');
const Pbf = require('pbf');
const { startServer } = require('./serve_for_test');

const [binary, config, collection = 'communes_coverage', zArg = '8'] = process.argv.slice(2);
const Z = Number(zArg);
const HALF = 20037508.342789244;

function fail(message) {
  console.error(`tiles_check: FAIL: ${message}`);
  process.exit(1);
}
const check = (c, m) => { if (!c) fail(m); };

const mercator = ([lon, lat]) => [lon * Math.PI / 180 * 6378137, Math.log(Math.tan(Math.PI / 4 + lat * Math.PI / 360)) * 6378137];

function interiorPoint(geometry) {
  const polys = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
  const area = (r) => Math.abs(r.reduce((s, p, i) => { const q = r[(i + 1) % r.length]; return s + p[0] * q[1] - q[0] * p[1]; }, 0));
  const poly = polys.reduce((a, b) => (area(b[0]) > area(a[0]) ? b : a));
  const inRing = (x, y, ring) => {
    let c = false;
    for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
      const [xi, yi] = ring[i]; const [xj, yj] = ring[j];
      if ((yi > y) !== (yj > y) && x < (xj - xi) * (y - yi) / (yj - yi) + xi) c = !c;
    }
    return c;
  };
  const inside = (x, y) => inRing(x, y, poly[0]) && !poly.slice(1).some((h) => inRing(x, y, h));
  const xs = poly[0].map((p) => p[0]), ys = poly[0].map((p) => p[1]);
  const [x0, x1, y0, y1] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
  for (let n = 4; n <= 64; n *= 2) {
    for (let i = 1; i < n; i++) for (let j = 1; j < n; j++) {
      const x = x0 + (x1 - x0) * i / n, y = y0 + (y1 - y0) * j / n;
      if (inside(x, y)) return [x, y];
    }
  }
  return null;
}

function segDist(p, a, b) {
  const dx = b[0] - a[0], dy = b[1] - a[1];
  const t = Math.max(0, Math.min(1, ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / (dx * dx + dy * dy || 1)));
  return Math.hypot(a[0] + t * dx - p[0], a[1] + t * dy - p[1]);
}

async function main() {
  const { child, base } = await startServer(binary, config);
  try {
    const get = async (p) => { const r = await fetch(base + p); check(r.ok, `${p}: HTTP ${r.status}`); return r; };
    const tileset = await (await get(`/collections/${collection}/tiles/WebMercatorQuad`)).json();
    const item = tileset.links.find((l) => l.rel === 'item');
    check(item && item.href.endsWith('/{tileMatrix}/{tileRow}/{tileCol}') && item.type === 'application/vnd.mapbox-vector-tile', 'tileset has no tile template');
    const fc = await (await get(`/collections/${collection}/items?f=json&limit=10000`)).json();
    const side = 2 ** Z, size = 2 * HALF / side, unit = size / 4096;
    const tiles = new Map();
    let bytes = 0, checked = 0, vertices = 0, worst = 0, worstAt = null, worstBack = 0;
    async function tile(x, y) {
      const key = `${Z}/${y}/${x}`;
      if (!tiles.has(key)) {
        const buf = Buffer.from(await (await get(`/collections/${collection}/tiles/WebMercatorQuad/${key}`)).arrayBuffer());
        bytes += buf.length;
        const vt = new VectorTile(new Pbf(buf));
        const layer = vt.layers[collection];
        const byId = new Map();
        if (layer) for (let i = 0; i < layer.length; i++) { const f = layer.feature(i); byId.set(f.id, f); }
        tiles.set(key, byId);
      }
      return tiles.get(key);
    }
    for (const f of fc.features) {
      if (!f.geometry) continue;
      const p = interiorPoint(f.geometry);
      if (!p) continue;
      const [mx, my] = mercator(p);
      const x = Math.floor((mx + HALF) / size), y = Math.floor((HALF - my) / size);
      const byId = await tile(x, y);
      const got = byId.get(f.id);
      check(got, `feature ${f.id} (${JSON.stringify(f.properties).slice(0, 60)}) missing from tile ${Z}/${y}/${x}`);
      // Attributes: what the GeoJSON has, NULLs left out.
      for (const [k, v] of Object.entries(f.properties)) {
        if (v === null) check(!(k in got.properties), `feature ${f.id}: ${k} is null but tagged`);
        else check(got.properties[k] === v, `feature ${f.id}: ${k} = ${JSON.stringify(got.properties[k])}, GeoJSON ${JSON.stringify(v)}`);
      }
      check(Object.keys(got.properties).length === Object.values(f.properties).filter((v) => v !== null).length, `feature ${f.id}: extra attributes`);
      // Geometry: decoded vertices (tile units) against the outline in tile units.
      const rings = (f.geometry.type === 'Polygon' ? [f.geometry.coordinates] : f.geometry.coordinates).flat()
        .map((ring) => ring.map((c) => { const [ax, ay] = mercator(c); return [(ax - (-HALF + x * size)) / unit, ((HALF - y * size) - ay) / unit]; }));
      for (const ring of got.loadGeometry()) {
        for (const v of ring) {
          if (v.x <= 0 || v.y <= 0 || v.x >= 4096 || v.y >= 4096) continue; // cut by the tile's edge
          let d = Infinity;
          for (const r of rings) for (let k = 1; k < r.length; k++) d = Math.min(d, segDist([v.x, v.y], r[k - 1], r[k]));
          if (d > worst) { worst = d; worstAt = `${f.id} ${v.x},${v.y} ${Z}/${y}/${x}`; }
          check(d <= 0.75, `feature ${f.id}: decoded vertex ${v.x},${v.y} lies ${d.toFixed(2)} units from its outline in tile ${Z}/${y}/${x}`);
          vertices++;
        }
      }
      const decoded = got.loadGeometry().map((r) => r.map((v) => [v.x, v.y]));
      for (const r of rings) {
        for (const o of r) {
          if (o[0] <= 2 || o[1] <= 2 || o[0] >= 4094 || o[1] >= 4094) continue;
          let d = Infinity;
          for (const q of decoded) for (let k = 1; k <= q.length; k++) d = Math.min(d, segDist(o, q[k - 1], q[k % q.length]));
          worstBack = Math.max(worstBack, d);
          check(d <= 2.75, `feature ${f.id}: outline vertex ${o[0].toFixed(1)},${o[1].toFixed(1)} lies ${d.toFixed(2)} units from the decoded rings in tile ${Z}/${y}/${x}`);
        }
      }
      checked++;
    }
    check(checked > 0, 'no feature checked');
    console.log(JSON.stringify({ collection, zoom: Z, features: checked, tiles: tiles.size, bytes, vertices_checked: vertices, worst_units: Number(worst.toFixed(3)), worst_at: worstAt, worst_outline_units: Number(worstBack.toFixed(3)) }));
  } finally {
    child.kill('SIGTERM');
  }
}
main().catch((e) => fail(e.stack || e.message));

#!/usr/bin/env node
// The web map in a real browser: Debian's chromium, headless, driven by puppeteer-core (WebGL
// through SwiftShader). Starts `BINARY serve CONFIG` on a free port of 127.0.0.1, opens /carte
// and checks, failing with a message on the first problem:
//   - no console error, no page error, no request leaving 127.0.0.1 (every other request is
//     aborted and reported);
//   - the communes are drawn: the pixel inside a covered commune and inside a commune of each
//     minutes class has the colour the legend gives it;
//   - clicking a commune opens its sheet with the minutes /analysis/communes/{insee} gives;
//   - the controls are reachable with Tab, each has a label; the crow-fly banner shows when
//     (and only when) the times are crow-fly;
//   - with --what-if LON,LAT,TYPE: placing that structure through the page (« Et si… », a click
//     at that point) shows the white-zone count POST /analysis/scenario gives for the point the
//     page sent, and fewer white zones than before, every commune leaving them outlined; then
//     clicking an existing structure of the type removes it, as the scenario with both says;
//   - the permalink (the URL after all this) reproduces type, indicator, view and changes;
//   - the exported image is a PNG; the page fits 1366×768 and a 1024×768 tablet.
// Screenshots and the exported PNG go to --out. Prints timings (page ready, what-if round trip).
// With --tiles, the page draws the communes from the vector tiles (#tuiles=1), as it does for
// the whole of France.
// usage: web_map_check.js BINARY CONFIG --out DIR [--what-if LON,LAT,TYPE] [--tiles]
'use strict';
const fs = require('fs');
const path = require('path');
const puppeteer = require('puppeteer-core');
const { startServer } = require('./serve_for_test');
const { pixel } = require('./map_pixel');

const [binary, config] = process.argv.slice(2, 4);
const option = (name) => {
  const i = process.argv.indexOf(name);
  return i > 0 ? process.argv[i + 1] : null;
};
const outDir = option('--out') || 'web-map';
const whatIf = option('--what-if');
const tiles = process.argv.includes('--tiles');
fs.mkdirSync(outDir, { recursive: true });

function fail(message) {
  console.error(`web_map_check: FAIL: ${message}`);
  process.exitCode = 1;
  throw new Error(message);
}
function check(condition, message) { if (!condition) fail(message); }
// Whether the layer outlining the communes a what-if moves is laid out ('visible' or 'none').
const whatIfOutlines = (page) => page.evaluate(() => window.carte.map.getLayoutProperty(window.carte.state.tiles ? 'communes-t-etsi' : 'communes-etsi', 'visibility'));

async function getJson(base, p, options) {
  const r = await fetch(base + p, options);
  if (!r.ok) fail(`${p}: HTTP ${r.status}`);
  return r.json();
}

// A point well inside a polygon (the grid point farthest from its outline) and that distance.
function interiorPoint(geometry) {
  const polys = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
  const area = (ring) => Math.abs(ring.reduce((s, p, i) => { const q = ring[(i + 1) % ring.length]; return s + p[0] * q[1] - q[0] * p[1]; }, 0) / 2);
  const poly = polys.reduce((a, b) => (area(b[0]) > area(a[0]) ? b : a));
  const inside = (x, y) => poly.reduce((inn, ring) => {
    let c = false;
    for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
      const [xi, yi] = ring[i]; const [xj, yj] = ring[j];
      if ((yi > y) !== (yj > y) && x < (xj - xi) * (y - yi) / (yj - yi) + xi) c = !c;
    }
    return ring === poly[0] ? c : inn && !c;
  }, false);
  const segDist = (x, y, a, b) => {
    const dx = b[0] - a[0], dy = b[1] - a[1];
    const t = Math.max(0, Math.min(1, ((x - a[0]) * dx + (y - a[1]) * dy) / (dx * dx + dy * dy || 1)));
    return Math.hypot(a[0] + t * dx - x, a[1] + t * dy - y);
  };
  const xs = poly[0].map((p) => p[0]), ys = poly[0].map((p) => p[1]);
  const [x0, x1, y0, y1] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
  let best = null;
  for (let i = 1; i < 30; i++) {
    for (let j = 1; j < 30; j++) {
      const x = x0 + (x1 - x0) * i / 30, y = y0 + (y1 - y0) * j / 30;
      if (!inside(x, y)) continue;
      let d = Infinity;
      for (const ring of poly) for (let k = 1; k < ring.length; k++) d = Math.min(d, segDist(x, y, ring[k - 1], ring[k]));
      if (!best || d > best.d) best = { lon: x, lat: y, d };
    }
  }
  return best;
}

const hex = (c) => [1, 3, 5].map((i) => parseInt(c.slice(i, i + 2), 16));
const blend = (c, bg, a) => c.map((v, i) => Math.round(a * v + (1 - a) * bg[i]));
const near = (a, b, tol) => a.every((v, i) => Math.abs(v - b[i]) <= tol);

async function newPage(browser, errors, foreign) {
  const page = await browser.newPage();
  await page.setViewport({ width: 1366, height: 768 });
  await page.setRequestInterception(true);
  page.on('request', (r) => {
    const u = r.url();
    if (u.startsWith('http://127.0.0.1:') || u.startsWith('data:') || u.startsWith('blob:')) r.continue();
    else { foreign.push(u); r.abort(); }
  });
  page.on('console', (m) => { if (m.type() === 'error') errors.push(`console: ${m.text()}`); });
  page.on('pageerror', (e) => errors.push(`page error: ${e.message}`));
  return page;
}

async function idle(page) {
  await page.evaluate(() => new Promise((resolve) => {
    const map = window.carte.map;
    if (map.loaded() && !map.isMoving()) setTimeout(resolve, 50); else map.once('idle', resolve);
  }));
}

async function main() {
  const { child, base } = await startServer(binary, config);
  const browser = await puppeteer.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium', headless: true,
    args: ['--no-sandbox', '--use-angle=swiftshader', '--enable-unsafe-swiftshader', '--disable-dev-shm-usage'],
  });
  const errors = [], foreign = [];
  const timings = {};
  try {
    const page = await newPage(browser, errors, foreign);
    let t0 = Date.now();
    await page.goto(`${base}/carte${tiles ? '#tuiles=1' : ''}`, { waitUntil: 'load' });
    await page.evaluate(() => window.carte.ready);
    timings.ready_ms = Date.now() - t0;
    // Second load, warm (the browser's cache, as a planner opening the map again).
    t0 = Date.now();
    await page.reload({ waitUntil: 'load' });
    await page.evaluate(() => window.carte.ready);
    timings.ready_warm_ms = Date.now() - t0;
    await page.screenshot({ path: path.join(outDir, 'carte.png') });
    const cfg = await getJson(base, '/carte/config.json');
    const type = await page.evaluate(() => window.carte.state.type);
    const drawnFrom = await page.evaluate(() => window.carte.map.getLayoutProperty('communes-t-fond', 'visibility'));
    check((drawnFrom === 'visible') === tiles, `communes drawn from ${drawnFrom === 'visible' ? 'tiles' : 'GeoJSON'}`);
    const info = cfg.types.find((t) => t.type === type);
    const crowFly = /oiseau/i.test(info.time_model);
    check(crowFly === await page.$eval('#bandeau', (b) => !b.hidden), `crow-fly banner shown: ${!crowFly}, time model « ${info.time_model} »`);

    // Keyboard: every control reachable with Tab, each with a label.
    const reached = new Set();
    await page.focus('#type');
    for (let i = 0; i < 40; i++) {
      reached.add(await page.evaluate(() => document.activeElement.id || document.activeElement.textContent.trim().slice(0, 20)));
      await page.keyboard.press('Tab');
    }
    for (const id of ['type', 'indicateur', 'voir-structures', 'voir-territoires', 'etsi-mode', 'reinitialiser', 'zb-csv']) {
      check(reached.has(id), `#${id} not reached with Tab (reached: ${[...reached].join(', ')})`);
    }
    const unlabelled = await page.evaluate(() => [...document.querySelectorAll('select, input')]
      .filter((e) => !(e.labels && e.labels.length) && !e.getAttribute('aria-label')).map((e) => e.id));
    check(unlabelled.length === 0, `controls without a label: ${unlabelled}`);

    // Pixels: hide structures and catchment outlines, then read the colour inside communes.
    await page.evaluate(() => { const c = document.getElementById('voir-structures'); if (c.checked) c.click(); });
    await page.evaluate(() => document.querySelectorAll('#zones input:checked').forEach((i) => i.click()));
    await idle(page);
    const communes = await getJson(base, `/collections/communes_coverage/items?f=json&type=${encodeURIComponent(type)}&limit=10000`);
    const bg = hex('#e6eef3');
    const pick = (pred) => communes.features.filter((f) => f.geometry && pred(f.properties))
      .map((f) => ({ f, p: interiorPoint(f.geometry) })).filter((x) => x.p).sort((a, b) => b.p.d - a.p.d)[0];
    const palette = await getJson(base, '/carte/palette.json');
    const covered = pick((p) => p.status === 'covered');
    if (covered) {
      const got = await pixel(page, covered.p.lon, covered.p.lat);
      const want = blend(hex(palette.status.covered), bg, 0.85);
      check(near(got, want, 14), `covered commune ${covered.f.properties.insee}: pixel ${got}, expected ${want}`);
    }
    await page.select('#indicateur', 'minutes');
    await idle(page);
    const steps = [[0, '#ffffb2'], [15, '#fecc5c'], [30, '#fd8d3c'], [45, '#f03b20'], [60, '#bd0026']];
    let pixelsChecked = covered ? 1 : 0;
    for (let k = 0; k < steps.length; k++) {
      const lo = steps[k][0], hi = k + 1 < steps.length ? steps[k + 1][0] : Infinity;
      const c = pick((p) => p.mean_minutes != null && p.mean_minutes >= lo && p.mean_minutes < hi);
      if (!c) continue;
      const got = await pixel(page, c.p.lon, c.p.lat);
      const want = blend(hex(steps[k][1]), bg, 0.85);
      check(near(got, want, 14), `commune ${c.f.properties.insee} (${c.f.properties.mean_minutes} min): pixel ${got}, expected ${want}`);
      pixelsChecked++;
    }
    check(pixelsChecked >= 2, `only ${pixelsChecked} commune colours could be checked`);

    // Click a commune: its sheet gives the minutes of /analysis/communes/{insee}.
    const target = pick((p) => p.mean_minutes != null);
    const pt = await page.evaluate(([x, y]) => window.carte.map.project([x, y]), [target.p.lon, target.p.lat]);
    const box = await page.$eval('#carte', (e) => { const r = e.getBoundingClientRect(); return { x: r.x, y: r.y }; });
    await page.mouse.click(box.x + pt.x, box.y + pt.y);
    await page.waitForSelector('#fiche:not([hidden]) tr[data-type]');
    const shown = await page.$eval(`#fiche tr[data-type="${type}"] td:nth-child(2)`, (td) => td.textContent);
    const insee = target.f.properties.insee;
    const detail = await getJson(base, `/analysis/communes/${insee}`).catch(() => null);
    const minutes = detail ? detail.types.find((t) => t.type === type).mean_minutes : target.f.properties.mean_minutes;
    const want = `${new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 1 }).format(minutes)} min`;
    check(shown === want, `sheet of ${insee}: « ${shown} », /analysis/communes says « ${want} »`);
    const title = await page.$eval('#fiche h2', (h) => h.textContent);
    check(title.includes(insee), `sheet title « ${title} » does not name ${insee}`);
    // The 65+ count (tiles do not carry it: the page asks for the commune's row).
    if (target.f.properties.population_65plus != null) {
      const line = await page.$eval('#fiche p', (p) => p.textContent);
      const want65 = new Intl.NumberFormat('fr-FR').format(Math.round(target.f.properties.population_65plus));
      check(line.includes(`65 ans et plus : ${want65}`), `sheet of ${insee}: « ${line} », 65+ ${want65}`);
    }
    await page.screenshot({ path: path.join(outDir, 'fiche.png') });

    // Territories shown: the same click adds the indicators of the territories holding the
    // commune — its département among them — as /collections/territories gives them.
    await page.click('#voir-territoires');
    await page.waitForFunction(() => window.carte.map.querySourceFeatures('territoires').length > 0);
    await idle(page);
    await page.mouse.click(box.x + pt.x, box.y + pt.y);
    await page.waitForSelector('#fiche table.territoires tbody[data-territory]');
    const rows = await page.$$eval('#fiche table.territoires tbody[data-territory]', (blocks) => blocks.map((b) => ({
      name: b.dataset.territory,
      covered: b.querySelector('tr[data-k=couverte] td:last-child').textContent,
      white: b.querySelector('tr[data-k=zones-blanches] td:last-child').textContent,
    })));
    const territories = await getJson(base, `/collections/territories/items?f=json&type=${encodeURIComponent(type)}&limit=10000`);
    const fmt1 = new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 1 }), fmt0 = new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 0 });
    for (const r of rows) {
      const t = territories.features.find((f) => f.properties.territory === r.name);
      check(t, `sheet names territory « ${r.name} », not in /collections/territories`);
      const p = t.properties;
      check(r.covered === `${fmt1.format(p.share_covered)} % de ${fmt0.format(p.population)} hab.`, `territory ${r.name}: « ${r.covered} », collection ${p.share_covered} % of ${p.population}`);
      check(r.white === `${fmt0.format(p.white_zone_communes)} communes, ${fmt0.format(p.white_zone_inhabitants)} hab.`, `territory ${r.name}: « ${r.white} »`);
    }
    check(rows.some((r) => r.name.startsWith(insee.slice(0, 2) + ' ')), `no département row for ${insee}: ${rows.map((r) => r.name)}`);
    timings.territories = rows.map((r) => `${r.name}: ${r.covered}`).join('; ');
    await page.screenshot({ path: path.join(outDir, 'fiche-territoires.png') });

    // Et si… : a structure placed through the page.
    if (whatIf) {
      const [lon, lat, wtype] = whatIf.split(',');
      if (wtype !== type) {
        await page.select('#type', wtype);
        await idle(page);
      }
      // The what-if outlines are laid out only once « Et si… » is on (they cost the national
      // view's tiles a fifth of their parsing otherwise).
      check(await whatIfOutlines(page) === 'none', 'the what-if outlines are laid out before « Et si… » is on');
      await page.click('#etsi-mode');
      check(await whatIfOutlines(page) === 'visible', 'the what-if outlines stay hidden with « Et si… » on');
      await idle(page);
      // The what-if layers' shaders are compiled once the mode is on, not in the frame that
      // draws the first answer (150 ms of software WebGL): count the programs linked from the
      // click to the answer.
      await page.evaluate(() => {
        window.__linked = 0;
        const proto = window.carte.map.painter.context.gl.constructor.prototype;
        const link = proto.linkProgram;
        proto.linkProgram = function (...a) { window.__linked++; return link.apply(this, a); };
      });
      const at = await page.evaluate(([x, y]) => window.carte.map.project([x, y]), [Number(lon), Number(lat)]);
      t0 = Date.now();
      await page.mouse.click(box.x + at.x, box.y + at.y);
      // The answer is shown with the new catchment already cut into the map's tiles, so one
      // frame draws both.
      const shown = await (await page.waitForFunction(() => document.querySelector('#etsi-resultat strong') && {
        loaded: window.carte.map.isSourceLoaded('etsi-zones'),
        zones: window.carte.map.querySourceFeatures('etsi-zones').filter((f) => !f.properties.chauffe).length,
      }, { polling: 'mutation' })).jsonValue();
      timings.what_if_answer_ms = Date.now() - t0; // click → before/after shown
      check(shown.loaded && shown.zones > 0, `the answer is shown before its catchment is in the map (${JSON.stringify(shown)})`);
      await idle(page);
      timings.what_if_ms = Date.now() - t0; // … → the new catchment drawn (the map idle)
      const linked = await page.evaluate(() => window.__linked);
      check(linked === 0, `${linked} WebGL program(s) compiled to draw the first what-if answer`);
      timings.what_if_requests_ms = Number(await page.$eval('#etsi-resultat', (e) => e.dataset.ms));
      const sent = await page.evaluate(() => window.carte.state.added);
      check(sent.length === 1 && sent[0].type === wtype, `page sent ${JSON.stringify(sent)}`);
      check(Math.abs(sent[0].lon - Number(lon)) < 0.01 && Math.abs(sent[0].lat - Number(lat)) < 0.01, `click landed at ${sent[0].lon},${sent[0].lat}`);
      const direct = await getJson(base, '/analysis/scenario', {
        method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ added: sent, removed: [] }),
      });
      const d = direct.types.find((t) => t.type === wtype);
      const text = await page.$eval('#etsi-resultat', (e) => e.textContent);
      const after = Number((/Zones blanches : [\d\s\u202f]+ → ([\d\s\u202f]+) communes/.exec(text) || [])[1].replace(/\D/g, ''));
      check(after === d.white_zone_communes.after, `page shows ${after} white-zone communes after, the scenario says ${d.white_zone_communes.after}`);
      check(after < d.white_zone_communes.before, `no white zone closed (${d.white_zone_communes.before} → ${after})`);
      timings.what_if = `${d.white_zone_communes.before} → ${after} white-zone communes`;
      // The communes leaving white zones are the ones outlined.
      const marked = await page.evaluate((list) => {
        const target = window.carte.state.tiles ? { source: 'communes-tuiles', sourceLayer: 'communes_coverage' } : { source: 'communes' };
        return list.filter((insee) => (window.carte.map.getFeatureState({ ...target, id: insee }) || {}).etsi === 'sortant').length;
      }, d.leaving_white_zone.map((c) => c.insee));
      check(marked === d.leaving_white_zone.length, `${marked} of the ${d.leaving_white_zone.length} communes leaving white zones are outlined`);
      await page.screenshot({ path: path.join(outDir, 'et-si.png') });

      // Then remove an existing structure of the type by clicking it: the scenario now holds
      // both changes, as the page shows.
      await page.evaluate(() => { const c = document.getElementById('voir-structures'); if (!c.checked) c.click(); });
      await idle(page);
      const existing = (await getJson(base, `/collections/structures/items?f=json&type=${encodeURIComponent(wtype)}&limit=100`))
        .features.find((f) => f.geometry && f.properties.analysed);
      const spot = await page.evaluate((c) => window.carte.map.project(c), existing.geometry.coordinates);
      await page.mouse.click(box.x + spot.x, box.y + spot.y);
      await page.waitForFunction((id) => window.carte.state.removed.includes(id) && window.carte.scenario &&
        document.querySelector('#etsi-resultat strong'), {}, existing.properties.id);
      await idle(page);
      const both = await getJson(base, '/analysis/scenario', {
        method: 'POST', headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ added: sent, removed: [existing.properties.id] }),
      });
      const b = both.types.find((t) => t.type === wtype);
      const text2 = await page.$eval('#etsi-resultat', (e) => e.textContent);
      const after2 = Number((/Zones blanches : [\d\s\u202f]+ → ([\d\s\u202f]+) communes/.exec(text2) || [])[1].replace(/\D/g, ''));
      check(after2 === b.white_zone_communes.after, `after removing ${existing.properties.id}: page ${after2}, scenario ${b.white_zone_communes.after}`);
      timings.what_if_removed = `${existing.properties.name} removed too: ${after2} white-zone communes`;
      await page.screenshot({ path: path.join(outDir, 'et-si-retrait.png') });
    }

    // Permalink: a new page at the same URL shows the same state.
    await page.evaluate(() => window.carte.map.jumpTo({ zoom: window.carte.map.getZoom() + 0.5 }));
    await idle(page);
    const url = page.url();
    const before = await page.evaluate(() => ({ ...window.carte.state, centre: window.carte.map.getCenter(), zoom: window.carte.map.getZoom(), after: window.carte.scenario && window.carte.scenario.types.map((t) => t.white_zone_communes.after) }));
    const again = await newPage(browser, errors, foreign);
    await again.goto(url, { waitUntil: 'load' });
    await again.evaluate(() => window.carte.ready);
    const now = await again.evaluate(() => ({ ...window.carte.state, centre: window.carte.map.getCenter(), zoom: window.carte.map.getZoom(), after: window.carte.scenario && window.carte.scenario.types.map((t) => t.white_zone_communes.after) }));
    if (whatIf) {
      const marks = await whatIfOutlines(again);
      check(marks === 'visible', `permalink: the what-if outlines are ${marks}`);
    }
    for (const k of ['type', 'indicator', 'limits', 'added', 'removed', 'after']) {
      const a = JSON.stringify(k === 'added' ? before[k].map((x) => [x.type, x.lon.toFixed(5), x.lat.toFixed(5)]) : before[k]);
      const b = JSON.stringify(k === 'added' ? now[k].map((x) => [x.type, x.lon.toFixed(5), x.lat.toFixed(5)]) : now[k]);
      check(a === b, `permalink: ${k} ${a} became ${b}`);
    }
    check(Math.abs(before.zoom - now.zoom) < 0.02 && Math.abs(before.centre.lng - now.centre.lng) < 1e-3 && Math.abs(before.centre.lat - now.centre.lat) < 1e-3, 'permalink: view differs');
    await again.screenshot({ path: path.join(outDir, 'permalien.png') });

    // Exported image.
    const png = await again.evaluate(() => window.carte.exportImage());
    check(png.startsWith('data:image/png;base64,'), 'export is not a PNG');
    const bytes = Buffer.from(png.split(',')[1], 'base64');
    fs.writeFileSync(path.join(outDir, 'export.png'), bytes);
    check(bytes.length > 20000, `exported PNG of ${bytes.length} bytes`);

    // Tablet.
    await again.setViewport({ width: 1024, height: 768 });
    await idle(again);
    const fits = await again.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);
    check(fits, 'the page overflows 1024 px');
    await again.screenshot({ path: path.join(outDir, 'tablette.png') });

    check(errors.length === 0, `errors in the page: ${errors.join(' | ')}`);
    check(foreign.length === 0, `requests leaving 127.0.0.1: ${foreign.join(', ')}`);
    timings.page = await again.evaluate(() => window.carte.timings);
    console.log(JSON.stringify({ config, tiles, ...timings, pixels_checked: pixelsChecked, sheet: `${insee}: ${shown}`, screenshots: outDir }));
  } finally {
    await browser.close();
    child.kill('SIGTERM');
  }
}

main().catch((e) => {
  if (!process.exitCode) console.error(`web_map_check: FAIL: ${e.stack || e.message}`);
  process.exitCode = 1;
});

#!/usr/bin/env node
// The config's `web_map.basemap` drawn under the layers, in headless chromium. A copy of CONFIG
// points its basemap at a tile server this script runs on 127.0.0.1 (every tile: a 1×1 PNG of
// one colour, written here by hand), and the check fails unless
//   - /carte/config.json carries the config's basemap and attribution;
//   - the page asks that server for tiles and shows the attribution;
//   - the sea off the territory, where no layer is, has the tile's colour at the basemap's
//     opacity over the map's background;
//   - a basemap that cannot be reached leaves a message and the layers, not a broken page.
// usage: basemap_check.js BINARY CONFIG DATA_ROOT OUT.png
'use strict';
const fs = require('fs');
const http = require('http');
const os = require('os');
const path = require('path');
const puppeteer = require('puppeteer-core');
const { startServer } = require('./serve_for_test');
const { pixel } = require('./map_pixel');

const [binary, configPath, dataRoot, outPng] = process.argv.slice(2, 6);
const TILE = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAIAAACQd1PeAAAADElEQVR4nGNocFAAAAIkAOGrWWInAAAAAElFTkSuQmCC', 'base64');
const TILE_RGB = [0x80, 0x40, 0x20];
const BACKGROUND = [0xe6, 0xee, 0xf3];
const OPACITY = 0.6;

function fail(message) {
  console.error(`basemap_check: FAIL: ${message}`);
  process.exitCode = 1;
  throw new Error(message);
}
const check = (condition, message) => { if (!condition) fail(message); };

async function pageFor(browser, base, requests, waitIdle = true) {
  const page = await browser.newPage();
  await page.setViewport({ width: 1366, height: 768 });
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('request', (r) => requests.push(r.url()));
  await page.goto(`${base}/carte`, { waitUntil: 'load' });
  await page.evaluate(() => window.carte.ready);
  // Every tile of the view drawn, the basemap's included (polled: an 'idle' may already be past).
  if (waitIdle) await page.waitForFunction(() => window.carte.map.loaded() && window.carte.map.areTilesLoaded(), { timeout: 60000, polling: 100 });
  return { page, errors };
}

const step = (s) => console.error(`basemap_check: ${s}`);
async function main() {
  let tiles = 0;
  const tileServer = http.createServer((req, res) => {
    if (/^\/fond\/\d+\/\d+\/\d+\.png$/.test(req.url)) {
      tiles++;
      res.writeHead(200, { 'Content-Type': 'image/png', 'Access-Control-Allow-Origin': '*' });
      res.end(TILE);
    } else { res.writeHead(404); res.end(); }
  });
  await new Promise((resolve) => tileServer.listen(0, '127.0.0.1', resolve));
  const tilePort = tileServer.address().port;

  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'basemap-'));
  const config = JSON.parse(fs.readFileSync(configPath, 'utf8'));
  config.web_map = { basemap: `http://127.0.0.1:${tilePort}/fond/{z}/{x}/{y}.png`, basemap_attribution: 'Fond de test 127.0.0.1' };
  const copy = path.join(dir, path.basename(configPath));
  fs.writeFileSync(copy, JSON.stringify(config));
  step('serve');
  const served = await startServer(binary, copy, ['--data-root', path.resolve(dataRoot)]);
  const browser = await puppeteer.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium', headless: true,
    args: ['--no-sandbox', '--use-angle=swiftshader', '--enable-unsafe-swiftshader', '--disable-dev-shm-usage'],
  });
  try {
    const cfg = await (await fetch(`${served.base}/carte/config.json`)).json();
    check(cfg.basemap === config.web_map.basemap, `config.json basemap ${cfg.basemap}`);
    check(cfg.basemap_attribution === config.web_map.basemap_attribution, `config.json attribution ${cfg.basemap_attribution}`);
    step('page');
    const requests = [];
    const { page, errors } = await pageFor(browser, served.base, requests);
    check(tiles > 0, 'no basemap tile was requested');
    const credit = await page.$eval('.maplibregl-ctrl-attrib', (e) => e.textContent);
    check(credit.includes('Fond de test 127.0.0.1'), `attribution « ${credit} »`);
    // A point of the sea west of the territory's extent: only the background and the basemap.
    const ext = cfg.extent;
    const got = await pixel(page, ext[0] - (ext[2] - ext[0]) * 0.15, (ext[1] + ext[3]) / 2);
    const want = TILE_RGB.map((v, i) => Math.round(OPACITY * v + (1 - OPACITY) * BACKGROUND[i]));
    check(got.every((v, i) => Math.abs(v - want[i]) <= 6), `sea pixel ${got}, expected the basemap ${want}`);
    await page.screenshot({ path: outPng });
    check(errors.length === 0, `page errors: ${errors.join(' | ')}`);
    const foreign = requests.filter((u) => !u.startsWith('http://127.0.0.1:') && !u.startsWith('data:') && !u.startsWith('blob:'));
    check(foreign.length === 0, `requests leaving 127.0.0.1: ${foreign.join(', ')}`);

    // The tile server gone (no internet): a message, and the communes still drawn.
    step('offline');
    const closed = new Promise((resolve) => tileServer.close(resolve));
    tileServer.closeAllConnections(); // the browser's keep-alive sockets too
    await closed;
    step('closed');
    const { page: offline, errors: offlineErrors } = await pageFor(browser, served.base, [], false);
    step('offline page');
    await offline.waitForFunction(() => !document.getElementById('note-fond').hidden, { timeout: 20000 });
    const message = await offline.$eval('#note-fond', (e) => e.textContent);
    check(/Fond de carte hors ligne/.test(message), `offline note « ${message} »`);
    const alarm = await offline.$eval('#erreur', (e) => (e.hidden ? '' : e.textContent));
    check(alarm === '', `no error banner offline, got « ${alarm} »`);
    const hidden = await offline.evaluate(() => window.carte.map.getLayoutProperty('basemap', 'visibility'));
    check(hidden === 'none', `the failed basemap is hidden (visibility ${hidden})`);
    const seaOffline = await pixel(offline, ext[0] - (ext[2] - ext[0]) * 0.15, (ext[1] + ext[3]) / 2);
    check(seaOffline.every((v, i) => Math.abs(v - BACKGROUND[i]) <= 6), `offline sea pixel ${seaOffline}, expected the plain background ${BACKGROUND}`);
    await offline.screenshot({ path: outPng.replace(/\.png$/, '-hors-ligne.png') });
    const drawn = await offline.evaluate(() => window.carte.map.queryRenderedFeatures().filter((f) => f.layer.id.startsWith('communes')).length);
    check(drawn > 0, 'no commune drawn once the basemap failed');
    check(offlineErrors.length === 0, `page errors offline: ${offlineErrors.join(' | ')}`);
    console.log(JSON.stringify({ config: configPath, basemap_tiles: tiles, sea_pixel: got, offline_message: message, screenshot: outPng }));
  } finally {
    await browser.close();
    served.child.kill('SIGTERM');
    tileServer.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((e) => {
  if (!process.exitCode) console.error(`basemap_check: FAIL: ${e.stack || e.message}`);
  process.exitCode = 1;
});

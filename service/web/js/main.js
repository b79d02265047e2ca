// La carte: palliacarte's web map. ES modules over MapLibre GL JS (loaded before, as the
// global `maplibregl`); every figure comes from the service this page is served by (OGC API
// collections, /analysis/*), nothing from elsewhere. State lives in the URL's hash (state.js).
import { catchmentsOf, communesOf, getJson } from './api.js';
import { fillControls, wireControls } from './controls.js';
import { $, showError } from './dom.js';
import { exportImage } from './export.js';
import { addLayers, applyStructures, applyTerritories, applyType } from './layers.js';
import { addPatterns } from './palette.js';
import { readHash, state } from './state.js';
import { app, saveHash, typeInfo, usesTiles } from './store.js';
import { runScenario } from './what-if.js';

const timings = {};
const mark = (name) => { timings[name] = Math.round(performance.now()); };

// The territory, or metropolitan France when it spans the overseas départements too.
function startBounds(e) {
  const metropole = [[-5.2, 41.3], [9.6, 51.1]];
  if (!e || e[2] - e[0] > 30) return metropole;
  return [[e[0], e[1]], [e[2], e[3]]];
}

// The map's base: nothing but a plain background, or the configured basemap under our layers.
function baseStyle(basemap, attribution) {
  const background = { id: 'fond', type: 'background', paint: { 'background-color': '#e6eef3' } };
  if (basemap && basemap.includes('{z}')) {
    return {
      version: 8,
      sources: { basemap: { type: 'raster', tiles: [basemap], tileSize: 256, attribution: attribution || 'Fond de carte : voir la configuration du service' } },
      layers: [background, { id: 'basemap', type: 'raster', source: 'basemap', paint: { 'raster-opacity': 0.6 } }],
    };
  }
  if (basemap) return basemap; // a MapLibre style URL
  return { version: 8, sources: {}, layers: [background] };
}

// The view drawn: 'idle', or polled, as no 'idle' follows a frame whose last tile failed; the
// background (from elsewhere, maybe out of reach or hanging) is not waited for.
function whenDrawn(map) {
  return new Promise((resolve) => {
    // (Not isStyleLoaded(): it waits for every source, the background's too.)
    const done = () => !map.isMoving() &&
      Object.keys(map.getStyle().sources).every((id) => id === 'basemap' || map.isSourceLoaded(id));
    if (done()) return resolve();
    map.once('idle', resolve);
    const poll = setInterval(() => { if (done()) { clearInterval(poll); resolve(); } }, 100);
    map.once('idle', () => clearInterval(poll));
  });
}

// Tile requests cut short by a new view or type are not errors; anything else is shown. The
// background comes from elsewhere (internet): offline is a normal way to work, so its failures
// hide it, leave the plain background and our layers, and a quiet note says why.
let basemapWarned = false;
function onMapError(map, e) {
  if (e.error && e.error.name === 'AbortError') return;
  if (e.sourceId === 'basemap') {
    if (!basemapWarned) {
      if (map.getLayer('basemap')) map.setLayoutProperty('basemap', 'visibility', 'none');
      const note = $('note-fond');
      map.getContainer().appendChild(note); // on the map, bottom left, not over the panel
      note.textContent = 'Fond de carte hors ligne : fond uni';
      note.hidden = false;
    }
    basemapWarned = true;
    console.warn(e.error);
    return;
  }
  showError(`Carte : ${e.error ? e.error.message : 'erreur'}`);
  console.error(e.error);
}

function createMap(config) {
  // Tiles are parsed in workers: one per core (MapLibre's default is half).
  if (maplibregl.getWorkerCount && maplibregl.getWorkerCount() < 2) {
    maplibregl.setWorkerCount(Math.max(2, navigator.hardwareConcurrency || 2));
  }
  const map = new maplibregl.Map({
    container: 'carte',
    style: baseStyle(config.basemap, config.basemap_attribution),
    attributionControl: { compact: true, customAttribution: 'IGN, INSEE, FINESS, © contributeurs OpenStreetMap' },
    preserveDrawingBuffer: true, // image export and tests read the canvas
    bounds: startBounds(config.extent),
    fitBoundsOptions: { padding: 20 },
  });
  map.on('error', (e) => onMapError(map, e));
  map.addControl(new maplibregl.NavigationControl({ showCompass: false }), 'top-right');
  map.addControl(new maplibregl.ScaleControl({ unit: 'metric' }), 'bottom-right');
  return map;
}

// The service's description of the map (/carte/config.json), its palette and structures.
async function loadService() {
  const [palette, config, structures] = await Promise.all([
    getJson('carte/palette.json'), getJson('carte/config.json'), getJson('collections/structures/items?f=json&limit=10000'),
  ]);
  app.palette = palette;
  app.structures = structures;
  app.types = config.types.map((t) => ({
    type: t.type, label: t.label, threshold: t.threshold_min, limits: t.catchment_limits_min,
    timeModel: t.time_model, communes: t.communes,
  }));
  document.title = `${config.title} — La carte`;
  $('titre').textContent = `${config.title} — La carte`;
  if (!app.types.length) throw new Error('aucun type de structure analysé dans ce service');
  return config;
}

async function start() {
  readHash();
  const config = await loadService();
  mark('config');
  if (!typeInfo(state.type)) state.type = app.types[0].type;
  const t = typeInfo(state.type);
  if (!state.limits) state.limits = [t.threshold];
  if (/oiseau/i.test(t.timeModel)) $('bandeau').hidden = false;
  // Fetched while the map starts.
  const first = Promise.all([usesTiles() ? null : communesOf(state.type), catchmentsOf(state.type, state.limits)]);
  const map = createMap(config);
  app.map = map;
  await new Promise((resolve) => map.once('load', resolve));
  mark('map');
  addPatterns(map);
  addLayers();
  if (state.view) map.jumpTo(state.view);
  await first;
  fillControls();
  wireControls();
  await applyType();
  applyStructures();
  await applyTerritories();
  await runScenario();
  saveHash();
  mark('layers');
  await whenDrawn(map);
  mark('drawn');
}

// For tests and for whoever scripts the page: the map, the state and the last scenario.
window.carte = {
  ready: start().catch((e) => {
    showError(`La carte n'a pas pu se charger : ${e.message}`);
    throw e;
  }),
  get map() { return app.map; },
  get state() { return state; },
  get scenario() { return app.scenario; },
  exportImage: () => exportImage(),
  timings, // ms since navigation: config, map (style loaded), layers (added), drawn (idle)
};

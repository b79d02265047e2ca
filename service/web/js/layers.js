// The map's sources and layers: communes (GeoJSON, or vector tiles for large territories),
// catchments, territories, structures and the what-if marks; and how each control's change
// redraws them.
import { catchmentsOf, communesOf, territoriesOf, tileTemplate } from './api.js';
import { renderLegend } from './legend.js';
import { INDICATORS, noData, outlineColour, paintFor, typeColours, whatIfColour } from './palette.js';
import { state } from './state.js';
import { app, usesTiles } from './store.js';
import { loadWhiteZones, renderWhiteZones } from './white-zones.js';

const EMPTY = { type: 'FeatureCollection', features: [] };
const labels = []; // DOM markers naming the structures, made on the first zoom past 11

// The tiles carry only what the chosen indicator colours by: a national view holds 35,000
// communes, and every property more is as much to send, decode and keep (the sheet reads
// /analysis/communes, the white zones come as their own list).
let tilesShown = null; // the URL template the tile source has
function tileUrl(type) {
  const ind = INDICATORS[state.indicator];
  return tileTemplate(type, ['insee', 'status', ind && ind.field].filter(Boolean));
}

function addCommuneLayers(map, id, source) {
  const layer = source === 'communes-tuiles' ? { 'source-layer': 'communes_coverage' } : {};
  map.addLayer({ id: id + '-fond', type: 'fill', source, ...layer, paint: { 'fill-color': noData(), 'fill-opacity': 0.85 } });
  // Commune outlines from zoom 7 with tiles: at a national view they would only grey it.
  map.addLayer({
    id: id + '-contour', type: 'line', source, ...layer, minzoom: source === 'communes-tuiles' ? 7 : 0,
    paint: { 'line-color': outlineColour('commune'), 'line-width': ['interpolate', ['linear'], ['zoom'], 6, 0.2, 11, 1] },
  });
  // Communes leaving or entering white zones in a what-if: a feature state, so marking them
  // redraws without re-cutting the layer.
  map.addLayer({
    id: id + '-etsi', type: 'line', source, ...layer, layout: { visibility: 'none' },
    paint: {
      'line-color': ['match', ['feature-state', 'etsi'], 'entrant', whatIfColour('entering_white_zone'), whatIfColour('leaving_white_zone')],
      'line-width': 3,
      'line-opacity': ['case', ['to-boolean', ['feature-state', 'etsi']], 1, 0],
    },
  });
  map.addLayer({ id: id + '-choisie', type: 'line', source, ...layer, filter: ['==', ['get', 'insee'], ''], paint: { 'line-color': '#000', 'line-width': 3 } });
}

export function addLayers() {
  const map = app.map;
  map.addSource('communes', { type: 'geojson', data: EMPTY, promoteId: 'insee' });
  tilesShown = tileUrl(state.type);
  map.addSource('communes-tuiles', {
    type: 'vector', tiles: [tilesShown],
    // Below zoom 5 a commune is smaller than a tile unit: the layer starts there.
    minzoom: 5, maxzoom: 12, promoteId: 'insee',
  });
  for (const id of ['zones', 'territoires', 'etsi-zones']) map.addSource(id, { type: 'geojson', data: EMPTY });
  map.addSource('structures', { type: 'geojson', data: app.structures });
  addCommuneLayers(map, 'communes', 'communes');
  addCommuneLayers(map, 'communes-t', 'communes-tuiles');
  // Invisible, for clicks: the territories under a point, with their indicators.
  map.addLayer({ id: 'territoires-fond', type: 'fill', source: 'territoires', paint: { 'fill-opacity': 0 } });
  map.addLayer({ id: 'territoires-contour', type: 'line', source: 'territoires', paint: { 'line-color': outlineColour('territory'), 'line-width': 2.2 } });
  map.addLayer({
    id: 'zones-contour', type: 'line', source: 'zones', filter: ['==', ['get', 'type'], ''],
    paint: { 'line-color': outlineColour('catchment'), 'line-width': 1.6, 'line-dasharray': [3, 2] },
  });
  // A feature marked `chauffe` is drawn transparent: see warmWhatIfLayers().
  const unlessWarming = (opacity) => ['case', ['to-boolean', ['get', 'chauffe']], 0, opacity];
  const added = whatIfColour('added_catchment');
  map.addLayer({ id: 'etsi-zones-fond', type: 'fill', source: 'etsi-zones', paint: { 'fill-color': added, 'fill-opacity': unlessWarming(0.35) } });
  map.addLayer({ id: 'etsi-zones-contour', type: 'line', source: 'etsi-zones', paint: { 'line-color': added, 'line-width': 1.2, 'line-opacity': unlessWarming(1) } });
  map.addLayer({
    id: 'structures-points', type: 'circle', source: 'structures', filter: ['!=', ['get', 'placement'], 'retiree'],
    paint: {
      'circle-color': typeColours(), 'circle-radius': ['interpolate', ['linear'], ['zoom'], 6, 4, 12, 8],
      'circle-stroke-color': '#fff', 'circle-stroke-width': 1.5,
    },
  });
}

export async function applyType() {
  const map = app.map;
  const tiles = usesTiles();
  for (const id of ['communes', 'communes-t']) {
    const visible = (id === 'communes-t') === tiles;
    for (const suffix of ['-fond', '-contour', '-choisie']) {
      map.setLayoutProperty(id + suffix, 'visibility', visible ? 'visible' : 'none');
    }
  }
  applyWhatIfMarks();
  const communes = tiles ? null : await communesOf(state.type);
  app.loadedCommunes[state.type] = communes;
  if (tiles) {
    loadWhiteZones(state.type);
    updateTiles();
  } else {
    map.getSource('communes').setData(communes);
  }
  applyIndicator();
  await applyLimits();
  renderWhiteZones();
  renderLegend();
}

// The what-if marks are a line around every commune: laid out only once « Et si… » is on or
// a change is shown, since a hidden layer costs the workers nothing (a national view's tiles
// then parse in a fifth less time).
export function applyWhatIfMarks() {
  const map = app.map;
  const wanted = state.whatIf || state.added.length > 0 || state.removed.length > 0;
  for (const id of ['communes', 'communes-t']) {
    const visibility = wanted && (id === 'communes-t') === usesTiles() ? 'visible' : 'none';
    // Set only on a change: even an unchanged value costs a frame, which delays the next.
    if (map.getLayoutProperty(id + '-etsi', 'visibility') !== visibility) map.setLayoutProperty(id + '-etsi', 'visibility', visibility);
  }
  if (wanted) warmWhatIfLayers();
}

// WebGL compiles a layer's shaders the first time it draws something; with software WebGL
// that took 150 ms of the first « Et si… » answer. A transparent square at the centre of
// the view, drawn as soon as the mode is on, gets it done before the first click.
let whatIfWarmed = false;
function warmWhatIfLayers() {
  if (whatIfWarmed || app.scenario) return;
  whatIfWarmed = true;
  const b = app.map.getBounds();
  const c = b.getCenter();
  const r = (b.getEast() - b.getWest()) / 50;
  const ring = [[c.lng - r, c.lat - r], [c.lng + r, c.lat - r], [c.lng + r, c.lat + r], [c.lng - r, c.lat + r], [c.lng - r, c.lat - r]];
  app.map.getSource('etsi-zones').setData({
    type: 'FeatureCollection',
    features: [{ type: 'Feature', properties: { chauffe: true }, geometry: { type: 'Polygon', coordinates: [ring] } }],
  });
}

function updateTiles() {
  if (tilesShown === tileUrl(state.type)) return;
  tilesShown = tileUrl(state.type);
  app.map.getSource('communes-tuiles').setTiles([tilesShown]);
}

export function applyIndicator() {
  if (usesTiles()) updateTiles();
  const layer = usesTiles() ? 'communes-t-fond' : 'communes-fond';
  const paint = paintFor(state.indicator);
  app.map.setPaintProperty(layer, 'fill-pattern', paint['fill-pattern'] || null);
  app.map.setPaintProperty(layer, 'fill-color', paint['fill-color'] || noData());
}

export async function applyLimits() {
  app.map.getSource('zones').setData(await catchmentsOf(state.type, state.limits));
  app.map.setFilter('zones-contour', ['all', ['==', ['get', 'type'], state.type], ['in', ['get', 'limit_min'], ['literal', state.limits]]]);
}

export function applyStructures() {
  app.map.setLayoutProperty('structures-points', 'visibility', state.structures ? 'visible' : 'none');
  updateLabels();
}

export async function applyTerritories() {
  if (state.territories) {
    const fc = await territoriesOf(state.type);
    if (app.territories !== fc) {
      app.territories = fc;
      app.map.getSource('territoires').setData(fc);
    }
  }
  for (const id of ['territoires-fond', 'territoires-contour']) {
    app.map.setLayoutProperty(id, 'visibility', state.territories ? 'visible' : 'none');
  }
}

// Names next to the structures once zoomed in (DOM labels: no font server is needed).
export function updateLabels() {
  const show = state.structures && app.map.getZoom() >= 11;
  if (show && !labels.length) {
    for (const f of app.structures.features) {
      if (!f.geometry) continue;
      const el = document.createElement('div');
      el.className = 'etiquette';
      el.textContent = f.properties.name;
      labels.push(new maplibregl.Marker({ element: el, anchor: 'bottom' }).setLngLat(f.geometry.coordinates).addTo(app.map));
    }
  }
  for (const m of labels) m.getElement().style.display = show ? '' : 'none';
}

// « Et si… »: structures added by a click on the map or removed by a click on one; the
// service answers what changes (/analysis/scenario), and the map shows it: the added
// structures' catchments, the communes leaving or entering white zones, the figures.
import { scenarioOf } from './api.js';
import { $, nf, showError } from './dom.js';
import { applyWhatIfMarks } from './layers.js';
import { renderLegend } from './legend.js';
import { state } from './state.js';
import { app, saveHash, typeColour, typeInfo, usesTiles } from './store.js';

const marks = { changes: [], removedKey: '', highlighted: [] };

// Marks the communes leaving (green) and entering (purple) white zones, as feature states.
function setHighlights(leaving, entering) {
  const target = usesTiles() ? { source: 'communes-tuiles', sourceLayer: 'communes_coverage' } : { source: 'communes' };
  for (const insee of marks.highlighted) app.map.removeFeatureState({ ...target, id: insee });
  for (const insee of leaving) app.map.setFeatureState({ ...target, id: insee }, { etsi: 'sortant' });
  for (const insee of entering) app.map.setFeatureState({ ...target, id: insee }, { etsi: 'entrant' });
  marks.highlighted = [...leaving, ...entering];
}

function marker(className, lngLat, title, text) {
  const el = document.createElement('div');
  el.className = className;
  el.title = title;
  if (text) el.textContent = text;
  return new maplibregl.Marker({ element: el }).setLngLat(lngLat).addTo(app.map);
}

// The added structures as coloured dots, the removed ones crossed out (the structure layer
// is redrawn only when the removed set changes).
function drawChanges() {
  for (const m of marks.changes) m.remove();
  marks.changes = [];
  for (const a of state.added) {
    const m = marker('marque-ajout', [a.lon, a.lat], `Structure ajoutée (${a.type})`);
    m.getElement().style.background = typeColour(a.type);
    marks.changes.push(m);
  }
  const removedKey = state.removed.join(',');
  const removed = (f) => state.removed.includes(f.properties.id) && f.geometry;
  for (const f of app.structures.features.filter(removed)) {
    marks.changes.push(marker('marque-retrait', f.geometry.coordinates, `Structure retirée : ${f.properties.name}`, '✕'));
  }
  if (removedKey === marks.removedKey) return;
  const shown = JSON.parse(JSON.stringify(app.structures));
  for (const f of shown.features.filter(removed)) f.properties.placement = 'retiree';
  app.map.getSource('structures').setData(shown);
  marks.removedKey = removedKey;
}

function clearScenario(out) {
  app.scenario = null;
  out.textContent = '';
  app.map.getSource('etsi-zones').setData({ type: 'FeatureCollection', features: [] });
  if (marks.removedKey) app.map.getSource('structures').setData(app.structures);
  marks.removedKey = '';
  setHighlights([], []);
}

// Resolves once the source has taken the data (or after 1 s, so a slow worker never holds the
// answer back).
function setSourceData(id, geojson) {
  return new Promise((resolve) => {
    const done = () => { app.map.off('sourcedata', onData); clearTimeout(timer); resolve(); };
    const onData = (e) => { if (e.sourceId === id && e.tile && e.isSourceLoaded) done(); };
    const timer = setTimeout(done, 1000);
    app.map.on('sourcedata', onData);
    app.map.getSource(id).setData(geojson);
  });
}

// The figures before → after for the chosen type.
function renderAnswer(out, r) {
  out.innerHTML = '';
  const line = (label, before, after, unit) => {
    const d = document.createElement('div');
    d.innerHTML = `${label} : ${nf.format(before)} → <strong>${nf.format(after)}</strong> ${unit}`;
    return d;
  };
  out.append(
    line('Zones blanches', r.white_zone_communes.before, r.white_zone_communes.after, 'communes'),
    line('Habitants en zone blanche', Math.round(r.white_zone_inhabitants.before), Math.round(r.white_zone_inhabitants.after), ''),
    line('Population dans le seuil', Math.round(r.population_within.before), Math.round(r.population_within.after), 'hab.'),
  );
  const note = document.createElement('div');
  note.className = 'aide';
  note.textContent = `${state.added.length} ajout(s), ${state.removed.length} retrait(s) — ` +
    `${(r.leaving_white_zone || []).length} commune(s) sortent des zones blanches, ` +
    `${(r.entering_white_zone || []).length} y entrent.`;
  out.append(note);
}

// Asks the service for the changes in `state` and draws its answer.
export async function runScenario() {
  applyWhatIfMarks();
  const out = $('etsi-resultat');
  if (!state.added.length && !state.removed.length) {
    for (const m of marks.changes) m.remove();
    marks.changes = [];
    clearScenario(out);
    renderLegend();
    return;
  }
  drawChanges();
  out.textContent = 'Calcul…';
  try {
    const started = performance.now();
    const [result, ...zones] = await scenarioOf(state.added, state.removed, typeInfo(state.type).threshold);
    const requestsMs = Math.round(performance.now() - started);
    app.scenario = result;
    // The catchment is cut into tiles by a worker: the highlights wait for it, so that one
    // frame draws both (with software WebGL a frame costs 100+ ms, and each queues the next).
    await setSourceData('etsi-zones', { type: 'FeatureCollection', features: zones.flatMap((z) => z.features) });
    const r = result.types.find((x) => x.type === state.type) || result.types[0];
    setHighlights((r.leaving_white_zone || []).map((c) => c.insee), (r.entering_white_zone || []).map((c) => c.insee));
    renderAnswer(out, r);
    out.dataset.ms = String(requestsMs);
  } catch (e) {
    out.textContent = '';
    showError(e.message);
  }
  renderLegend();
}

// A click in the what-if mode: on a structure of the chosen type, removes it (or puts it
// back); elsewhere, adds one there.
export function whatIfClick(e) {
  const hit = app.map.queryRenderedFeatures(e.point, { layers: ['structures-points'] })
    .filter((f) => f.properties.type === state.type);
  if (hit.length) {
    const id = hit[0].properties.id;
    state.removed = state.removed.includes(id) ? state.removed.filter((x) => x !== id) : [...state.removed, id];
  } else {
    state.added.push({ type: state.type, lon: e.lngLat.lng, lat: e.lngLat.lat });
  }
  saveHash();
  return runScenario();
}

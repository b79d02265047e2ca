// The white-zone list of the panel: the chosen type's communes beyond the threshold, largest
// first, each a button to the commune; and its CSV download.
import { whiteZonesOf } from './api.js';
import { showSheet } from './commune-sheet.js';
import { $, download, nf, showError } from './dom.js';
import { state } from './state.js';
import { app, typeInfo, usesTiles } from './store.js';

// With tiles the communes are not in the page: their white zones come as a list of their own.
export function loadWhiteZones(type) {
  whiteZonesOf(type)
    .then((fc) => {
      app.loadedCommunes['zb|' + type] = fc;
      if (state.type === type) renderWhiteZones();
    })
    .catch((e) => showError(e.message));
}

function whiteZones() {
  const fc = app.loadedCommunes[state.type] || app.loadedCommunes['zb|' + state.type];
  if (!fc) return [];
  return fc.features.filter((f) => f.properties.status === 'white_zone')
    .sort((a, b) => (b.properties.population || 0) - (a.properties.population || 0));
}

function bounds(geometry) {
  const b = new maplibregl.LngLatBounds();
  const walk = (c) => (typeof c[0] === 'number' ? b.extend(c) : c.forEach(walk));
  walk(geometry.coordinates);
  return b;
}

export function renderWhiteZones() {
  const list = $('zb-liste');
  list.innerHTML = '';
  const zones = whiteZones();
  const people = zones.reduce((s, f) => s + (f.properties.population || 0), 0);
  if (!zones.length && usesTiles() && !app.loadedCommunes['zb|' + state.type]) {
    $('zb-resume').textContent = 'Chargement…';
    return;
  }
  $('zb-resume').textContent = `${nf.format(zones.length)} communes, ${nf.format(Math.round(people))} habitants ` +
    `(${state.type}, seuil ${nf.format(typeInfo(state.type).threshold)} min).`;
  for (const f of zones.slice(0, 200)) {
    const li = document.createElement('li');
    const b = document.createElement('button');
    b.type = 'button';
    b.textContent = `${f.properties.name} — ${nf.format(f.properties.population)} hab.`;
    b.addEventListener('click', () => {
      app.map.fitBounds(bounds(f.geometry), { padding: 60, maxZoom: 12 });
      showSheet(f.properties.insee, f.properties);
    });
    li.append(b);
    list.append(li);
  }
}

export function downloadWhiteZones() {
  const rows = [['insee', 'nom', 'population', 'minutes_moyennes', 'part_dans_le_seuil_pct', 'structure_la_plus_proche']];
  for (const f of whiteZones()) {
    const p = f.properties;
    rows.push([p.insee, p.name, p.population, p.mean_minutes, p.share_population_within, p.nearest_structure_name]);
  }
  const csv = rows.map((r) => r.map((v) => `"${String(v == null ? '' : v).replace(/"/g, '""')}"`).join(';')).join('\r\n');
  download(URL.createObjectURL(new Blob(['\ufeff' + csv], { type: 'text/csv;charset=utf-8' })),
    `zones-blanches-${state.type}.csv`);
}

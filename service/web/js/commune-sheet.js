// The sheet opened by a click on the map: the commune's figures for every type
// (/analysis/communes/{insee}) and the territories under the click with their indicators.
import { api, communeRow, communeSheetPath, getJson } from './api.js';
import { $, cell, nf, nf1, showError } from './dom.js';
import { state } from './state.js';
import { app, usesTiles } from './store.js';

// The territories under the click, with the chosen type's indicators (/collections/territories).
function territoryTable(places) {
  const table = document.createElement('table');
  table.className = 'territoires';
  const caption = document.createElement('caption');
  caption.textContent = `Territoires — ${state.type}`;
  table.append(caption);
  // One block per territory: its name, then one indicator per line (the sheet is narrow).
  for (const f of places) {
    const p = f.properties;
    const block = document.createElement('tbody');
    block.dataset.territory = p.territory;
    const name = document.createElement('tr');
    const th = document.createElement('th');
    th.colSpan = 2;
    th.textContent = `${p.territory} (${p.grouping})`;
    name.append(th);
    block.append(name);
    for (const [key, label, value] of [
      ['couverte', 'Population couverte', p.share_covered == null ? '—' : `${nf1.format(p.share_covered)} % de ${nf.format(p.population)} hab.`],
      ['zones-blanches', 'Zones blanches', `${nf.format(p.white_zone_communes)} communes, ${nf.format(p.white_zone_inhabitants)} hab.`],
      ['structures', 'Structures', `${nf.format(p.structures)} (${nf1.format(p.structures_per_100k)} pour 100 000 hab.)`],
      // Beds or places where the source gives them (FINESS+): the Atlas's « lits pour 100 000 ».
      ...(p.capacity == null ? [] : [['capacite', 'Capacité', `${nf.format(p.capacity)} (${nf1.format(p.capacity_per_100k)} pour 100 000 hab.)`]]),
    ]) {
      const tr = document.createElement('tr');
      tr.dataset.k = key;
      cell(tr, label);
      cell(tr, value);
      block.append(tr);
    }
    table.append(block);
  }
  return table;
}

function closeButton(sheet) {
  const close = document.createElement('button');
  close.type = 'button';
  close.textContent = 'Fermer';
  close.style.float = 'right';
  close.addEventListener('click', () => { sheet.hidden = true; });
  return close;
}

// How a commune's status was reached, in words.
function method(r) {
  if (r.method === 'zone_declaree' || (r.declared_by && r.declared_by.length)) return 'zone déclarée';
  return r.method === 'vol_oiseau' ? 'vol d\'oiseau' : 'temps de trajet';
}

function typeTable(doc, props) {
  const table = document.createElement('table');
  const head = document.createElement('tr');
  for (const t of ['Type', 'Minutes', 'Dans le seuil', 'Statut', 'Structure la plus proche']) cell(head, t, true);
  table.append(head);
  const rows = doc ? doc.types : [{
    type: props.type, mean_minutes: props.mean_minutes, share_population_within_pct: props.share_population_within,
    status_label: props.status_label, method: props.method, threshold_min: props.threshold_min,
    nearest_structure_name: props.nearest_structure_name,
    declared_by: props.declared_by ? String(props.declared_by).split(',') : [],
  }];
  for (const r of rows) {
    const tr = document.createElement('tr');
    tr.dataset.type = r.type;
    cell(tr, r.type);
    cell(tr, r.mean_minutes == null ? '—' : `${nf1.format(r.mean_minutes)} min`);
    cell(tr, r.share_population_within_pct == null ? '—' : `${nf1.format(r.share_population_within_pct)} % (${nf.format(r.threshold_min)} min)`);
    cell(tr, `${r.status_label} (${method(r)})`);
    cell(tr, r.nearest_structure_name || '—');
    table.append(tr);
  }
  return table;
}

export async function showSheet(insee, props, places = []) {
  for (const id of ['communes-choisie', 'communes-t-choisie']) app.map.setFilter(id, ['==', ['get', 'insee'], insee || '']);
  const sheet = $('fiche');
  if (!insee) {
    sheet.innerHTML = '';
    sheet.append(closeButton(sheet), territoryTable(places));
    sheet.hidden = false;
    return;
  }
  let doc = null;
  // Tiles carry no 65+ count: the commune's row gives it.
  const row = 'population_65plus' in props ? null
    : communeRow(insee, state.type, ['population_65plus', 'name']).catch(() => ({}));
  try {
    doc = await getJson(communeSheetPath(insee));
  } catch (e) {
    if (e.status !== 404) showError(e.message);
  }
  if (row) props = { ...props, ...(await row) };
  sheet.innerHTML = '';
  const h = document.createElement('h2');
  h.textContent = `${(doc && doc.name) || props.name} (${insee})`;
  const p = document.createElement('p');
  const pop = doc ? doc.population : props.population;
  p.textContent = `Population : ${nf.format(pop)} hab.` +
    (props.population_65plus != null ? ` — dont 65 ans et plus : ${nf.format(Math.round(props.population_65plus))}` : '');
  const link = document.createElement('a');
  link.href = api(communeSheetPath(insee));
  link.textContent = 'Détail (JSON)';
  sheet.append(closeButton(sheet), h, p, typeTable(doc, props), link);
  if (places.length) sheet.append(territoryTable(places));
  sheet.hidden = false;
}

// A click outside the what-if mode: the commune and the territories under it, or closes.
export async function onMapClick(e) {
  const map = app.map;
  const hit = map.queryRenderedFeatures(e.point, { layers: [usesTiles() ? 'communes-t-fond' : 'communes-fond'] });
  const places = state.territories ? map.queryRenderedFeatures(e.point, { layers: ['territoires-fond'] }) : [];
  if (!hit.length && !places.length) {
    $('fiche').hidden = true;
    return;
  }
  await showSheet(hit.length ? hit[0].properties.insee : null, hit.length ? hit[0].properties : null, places);
}

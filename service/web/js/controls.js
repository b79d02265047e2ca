// The panel's controls: filled from the service's types, and wired to the map.
import { onMapClick } from './commune-sheet.js';
import { $, download } from './dom.js';
import { exportImage } from './export.js';
import { applyIndicator, applyLimits, applyStructures, applyTerritories, applyType, applyWhatIfMarks, updateLabels } from './layers.js';
import { renderLegend } from './legend.js';
import { state } from './state.js';
import { app, saveHash, typeInfo } from './store.js';
import { runScenario, whatIfClick } from './what-if.js';
import { downloadWhiteZones } from './white-zones.js';

function renderLimitBoxes() {
  const box = $('zones');
  box.querySelectorAll('label').forEach((l) => l.remove());
  const t = typeInfo(state.type);
  for (const m of t.limits) {
    const l = document.createElement('label');
    const c = document.createElement('input');
    c.type = 'checkbox';
    c.value = m;
    c.checked = state.limits.includes(m);
    c.addEventListener('change', () => {
      state.limits = [...box.querySelectorAll('input:checked')].map((i) => Number(i.value));
      applyLimits();
      renderLegend();
      saveHash();
    });
    l.append(c, ` ${m}${m === t.threshold ? ' (seuil)' : ''}`);
    box.append(l);
  }
}

// The structures the service has no position for, listed under the panel.
function listUnplaced() {
  const unplaced = app.structures.features.filter((f) => !f.geometry);
  if (!unplaced.length) return;
  const box = $('sans-position');
  box.hidden = false;
  const h = document.createElement('h2');
  h.textContent = `Structures sans position (${unplaced.length})`;
  const ul = document.createElement('ul');
  for (const f of unplaced) {
    const li = document.createElement('li');
    li.textContent = `${f.properties.type} — ${f.properties.name}`;
    ul.append(li);
  }
  box.append(h, ul);
}

export function fillControls() {
  const sel = $('type');
  for (const t of app.types) {
    const o = document.createElement('option');
    o.value = t.type;
    o.textContent = `${t.type} — ${t.label}`;
    sel.append(o);
  }
  sel.value = state.type;
  $('indicateur').value = state.indicator;
  renderLimitBoxes();
  $('voir-structures').checked = state.structures;
  $('voir-territoires').checked = state.territories;
  listUnplaced();
}

async function onTypeChange(e) {
  state.type = e.target.value;
  state.limits = [typeInfo(state.type).threshold];
  state.added = [];
  state.removed = [];
  renderLimitBoxes();
  await applyType();
  await applyTerritories();
  await runScenario();
  saveHash();
}

function toggleWhatIf() {
  state.whatIf = !state.whatIf;
  $('etsi-mode').setAttribute('aria-pressed', String(state.whatIf));
  $('etsi-mode').textContent = state.whatIf ? 'Désactiver « Et si… »' : 'Activer « Et si… »';
  $('carte').classList.toggle('etsi', state.whatIf);
  applyWhatIfMarks();
}

async function copyLink() {
  saveHash();
  try {
    await navigator.clipboard.writeText(location.href);
    $('lien-copie').textContent = 'Lien copié.';
  } catch (e) {
    $('lien-copie').textContent = location.href;
  }
}

function wireMap(map) {
  map.on('moveend', saveHash);
  map.on('zoomend', updateLabels);
  map.on('click', (e) => (state.whatIf ? whatIfClick(e) : onMapClick(e)));
  for (const layer of ['communes-fond', 'communes-t-fond', 'structures-points']) {
    map.on('mouseenter', layer, () => { map.getCanvas().style.cursor = 'pointer'; });
    map.on('mouseleave', layer, () => { map.getCanvas().style.cursor = ''; });
  }
}

export function wireControls() {
  $('type').addEventListener('change', onTypeChange);
  $('indicateur').addEventListener('change', (e) => {
    state.indicator = e.target.value;
    applyIndicator();
    renderLegend();
    saveHash();
  });
  $('voir-structures').addEventListener('change', (e) => {
    state.structures = e.target.checked;
    applyStructures();
    renderLegend();
    saveHash();
  });
  $('voir-territoires').addEventListener('change', async (e) => {
    state.territories = e.target.checked;
    await applyTerritories();
    renderLegend();
    saveHash();
  });
  $('etsi-mode').addEventListener('click', toggleWhatIf);
  $('reinitialiser').addEventListener('click', async () => {
    state.added = [];
    state.removed = [];
    await runScenario();
    saveHash();
  });
  $('zb-csv').addEventListener('click', downloadWhiteZones);
  $('exporter').addEventListener('click', async () => {
    download(await exportImage(), `palliacarte-${state.type}-${state.indicator}.png`);
  });
  $('imprimer').addEventListener('click', () => window.print());
  $('copier-lien').addEventListener('click', copyLink);
  $('replier').addEventListener('click', () => {
    const folded = $('panneau').classList.toggle('replie');
    $('replier').setAttribute('aria-expanded', String(!folded));
    app.map.resize();
  });
  wireMap(app.map);
}

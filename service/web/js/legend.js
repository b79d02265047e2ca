// The legend: what the chosen indicator's colours mean, the outlines and the what-if marks.
// legendRows() also feeds the exported image.
import { $, nf, nf1 } from './dom.js';
import { INDICATORS, STATUS, noData, outlineColour, ramp, whatIfColour } from './palette.js';
import { state } from './state.js';
import { app, typeColour, typeInfo } from './store.js';

function stepLegend(table, unit, last) {
  return table.map(([v, colour], i) => {
    const next = table[i + 1];
    const text = next ? `${nf1.format(v)} – ${nf1.format(next[0])} ${unit}` : `${last || '≥'} ${nf1.format(v)} ${unit}`;
    return { swatch: `background:${colour}`, text };
  });
}

// { title, rows: [{ swatch: CSS, text }] } for the indicator shown.
export function legendRows() {
  const t = typeInfo(state.type);
  const thr = t ? t.threshold : 30;
  const titles = {
    minutes: `Minutes (moyenne pondérée ; seuil ${nf.format(thr)} min)`,
    apl: 'Score 2SFCA (structures / 100 000 hab.)',
    share: `Part de la population à moins de ${nf.format(thr)} min`,
  };
  if (INDICATORS[state.indicator]) {
    return { title: titles[state.indicator], rows: stepLegend(ramp(state.indicator), INDICATORS[state.indicator].unit) };
  }
  return {
    title: `Statut (seuil ${nf.format(thr)} min)`,
    rows: Object.keys(STATUS).map((s) => ({ swatch: `background-image:url(${app.patterns[s]})`, text: STATUS[s] })),
  };
}

export function labelOfType(t) {
  const info = typeInfo(t);
  if (info) return `${t} — ${info.label}`;
  const f = (app.structures.features || []).find((x) => x.properties.type === t);
  return f ? `${t} — ${f.properties.type_label}` : t;
}

function structureTypesShown() {
  const seen = new Set();
  for (const f of app.structures.features) if (f.geometry) seen.add(f.properties.type);
  return [...seen].sort();
}

export function renderLegend() {
  const { title, rows } = legendRows();
  const el = $('legende');
  el.innerHTML = '';
  const h = document.createElement('h2');
  h.textContent = 'Légende';
  el.append(h);
  const sub = document.createElement('div');
  sub.textContent = title;
  el.append(sub);
  const line = (swatchClass, style, text) => {
    const d = document.createElement('div');
    d.className = 'legende-ligne';
    const s = document.createElement('span');
    s.className = swatchClass;
    s.setAttribute('style', style);
    const tx = document.createElement('span');
    tx.textContent = text;
    d.append(s, tx);
    el.append(d);
  };
  for (const r of rows) line('pastille', r.swatch, r.text);
  line('pastille', `background:${noData()}`, 'sans donnée');
  if (state.limits.length) {
    line('trait', `border-color:${outlineColour('catchment')}`, `zone desservie : ${state.limits.join(', ')} min`);
  }
  if (state.territories) {
    line('trait', `border-color:${outlineColour('territory')};border-top-style:solid;border-top-width:3px`,
      'territoire (cliquez : ses indicateurs)');
  }
  if (state.structures) {
    for (const t of structureTypesShown()) line('rond', `background:${typeColour(t)}`, labelOfType(t));
  }
  if (state.added.length || state.removed.length) {
    const added = whatIfColour('added_catchment');
    line('pastille', `background:none;border:3px solid ${whatIfColour('leaving_white_zone')}`, 'commune sortant des zones blanches');
    line('pastille', `background:none;border:3px solid ${whatIfColour('entering_white_zone')}`, 'commune entrant en zone blanche');
    line('pastille', `background:${added}59;border:1px solid ${added}`, 'zone desservie des structures ajoutées');
  }
}

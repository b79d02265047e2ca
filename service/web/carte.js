// La carte: palliacarte's web map. Plain JavaScript over MapLibre GL JS; every figure comes
// from the service this page is served by (OGC API collections, /analysis/*), nothing from
// elsewhere. State (type, indicator, view, what-if changes) lives in the URL's hash.
'use strict';

(() => {
  const root = new URL('.', location.href); // the service's root, also behind a proxy prefix
  const $ = (id) => document.getElementById(id);
  const nf = new Intl.NumberFormat('fr-FR');
  const nf1 = new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 1 });
  const STATUS = { covered: 'couvert', partial: 'partiel', white_zone: 'zone blanche' };
  const MINUTE_STEPS = [[0, '#ffffb2'], [15, '#fecc5c'], [30, '#fd8d3c'], [45, '#f03b20'], [60, '#bd0026']];
  const APL_STEPS = [[0, '#f7fbff'], [0.5, '#c6dbef'], [1, '#6baed6'], [2, '#2171b5'], [5, '#08306b']];
  const SHARE_STEPS = [[0, '#d73027'], [5, '#fc8d59'], [50, '#fee090'], [95, '#4575b4']];
  const NO_DATA = '#d9d9d9';
  // Large layers come as vector tiles; below this many communes, as one GeoJSON document.
  const GEOJSON_MAX = 10000;

  const state = {
    type: null, indicator: 'status', limits: null, structures: true, territories: false,
    added: [], removed: [], whatIf: false, view: null,
    tiles: false, // vector tiles even for a small territory (#tuiles=1)
  };
  const data = { palette: null, types: [], communes: {}, catchments: {}, structures: null, territories: null };
  let map = null;
  let scenario = null; // the last answer of /analysis/scenario for the changes in `state`
  const markers = { labels: [], changes: [], removedKey: '', highlighted: [] };

  const api = (path) => new URL(path, root).href;
  async function getJson(path, options) {
    const r = await fetch(api(path), options);
    if (!r.ok) {
      let detail = r.statusText;
      try { const p = await r.json(); detail = p.detail || p.title || detail; } catch (e) { /* not JSON */ }
      const err = new Error(`${path} : ${r.status} ${detail}`);
      err.status = r.status;
      throw err;
    }
    return r.json();
  }
  function showError(message) {
    const box = $('erreur');
    box.textContent = message;
    box.hidden = false;
    setTimeout(() => { box.hidden = true; }, 8000);
  }
  const typeInfo = (t) => data.types.find((x) => x.type === t);
  const typeColour = (t) => (data.palette.types || {})[t] || '#333';

  // ---- URL hash: the permalink ----------------------------------------------------------------
  function readHash() {
    const h = new URLSearchParams(location.hash.slice(1));
    if (h.get('type')) state.type = h.get('type');
    if (h.get('ind')) state.indicator = h.get('ind');
    if (h.get('zones') !== null) state.limits = h.get('zones') ? h.get('zones').split(',').map(Number) : [];
    if (h.get('structures')) state.structures = h.get('structures') !== '0';
    if (h.get('territoires')) state.territories = h.get('territoires') === '1';
    const v = (h.get('vue') || '').split('/').map(Number);
    if (v.length === 3 && v.every(Number.isFinite)) state.view = { zoom: v[0], center: [v[2], v[1]] };
    state.added = (h.get('ajouts') || '').split(';').filter(Boolean).map((s) => {
      const [type, lon, lat] = s.split(',');
      return { type, lon: Number(lon), lat: Number(lat) };
    }).filter((a) => Number.isFinite(a.lon) && Number.isFinite(a.lat));
    state.removed = (h.get('retraits') || '').split(',').filter(Boolean);
    state.tiles = h.get('tuiles') === '1';
  }
  function writeHash() {
    const h = new URLSearchParams();
    h.set('type', state.type);
    h.set('ind', state.indicator);
    h.set('zones', state.limits.join(','));
    if (!state.structures) h.set('structures', '0');
    if (state.territories) h.set('territoires', '1');
    if (map) {
      const c = map.getCenter();
      h.set('vue', `${map.getZoom().toFixed(2)}/${c.lat.toFixed(5)}/${c.lng.toFixed(5)}`);
    }
    if (state.added.length) h.set('ajouts', state.added.map((a) => `${a.type},${a.lon.toFixed(5)},${a.lat.toFixed(5)}`).join(';'));
    if (state.removed.length) h.set('retraits', state.removed.join(','));
    if (state.tiles) h.set('tuiles', '1');
    history.replaceState(null, '', '#' + h.toString());
  }

  // ---- Patterns: status is told by pattern as well as colour ------------------------------------
  function patternImage(kind, colour) {
    const size = 16;
    const c = document.createElement('canvas');
    c.width = c.height = size;
    const g = c.getContext('2d');
    g.fillStyle = colour;
    g.fillRect(0, 0, size, size);
    if (kind === 'partial') { // dots
      g.fillStyle = '#7a5c00';
      for (const [x, y] of [[4, 4], [12, 12]]) { g.beginPath(); g.arc(x, y, 1.6, 0, 2 * Math.PI); g.fill(); }
    } else if (kind === 'white_zone') { // hatching
      g.strokeStyle = '#ffffff';
      g.lineWidth = 2;
      g.beginPath();
      g.moveTo(0, size); g.lineTo(size, 0);
      g.moveTo(-4, 4); g.lineTo(4, -4);
      g.moveTo(size - 4, size + 4); g.lineTo(size + 4, size - 4);
      g.stroke();
    }
    return c;
  }
  function addPatterns() {
    for (const [status, colour] of Object.entries(data.palette.status)) {
      const c = patternImage(status, colour);
      const img = c.getContext('2d').getImageData(0, 0, c.width, c.height);
      map.addImage('statut-' + status, { width: c.width, height: c.height, data: img.data });
      data.patterns = data.patterns || {};
      data.patterns[status] = c.toDataURL();
    }
  }

  // ---- Indicators: paint and legend ---------------------------------------------------------------
  function steps(field, table) {
    const e = ['step', ['to-number', ['get', field], 0], table[0][1]];
    for (const [v, colour] of table.slice(1)) e.push(v, colour);
    return ['case', ['==', ['get', field], null], NO_DATA, e];
  }
  function paintFor(indicator) {
    switch (indicator) {
      case 'minutes': return { 'fill-color': steps('mean_minutes', MINUTE_STEPS) };
      case 'apl': return { 'fill-color': steps('apl_per_100k', APL_STEPS) };
      case 'share': return { 'fill-color': steps('share_population_within', SHARE_STEPS) };
      default: return {
        'fill-pattern': ['match', ['get', 'status'], 'covered', 'statut-covered', 'partial', 'statut-partial', 'white_zone', 'statut-white_zone', 'statut-covered'],
      };
    }
  }
  function stepLegend(table, unit, last) {
    return table.map(([v, colour], i) => {
      const next = table[i + 1];
      const text = next ? `${nf1.format(v)} – ${nf1.format(next[0])} ${unit}` : `${last || '≥'} ${nf1.format(v)} ${unit}`;
      return { swatch: `background:${colour}`, text };
    });
  }
  function legendRows() {
    const t = typeInfo(state.type);
    const thr = t ? t.threshold : 30;
    switch (state.indicator) {
      case 'minutes': return { title: `Minutes (moyenne pondérée ; seuil ${nf.format(thr)} min)`, rows: stepLegend(MINUTE_STEPS, 'min') };
      case 'apl': return { title: 'Score 2SFCA (structures / 100 000 hab.)', rows: stepLegend(APL_STEPS, '') };
      case 'share': return { title: `Part de la population à moins de ${nf.format(thr)} min`, rows: stepLegend(SHARE_STEPS, '%') };
      default: return {
        title: `Statut (seuil ${nf.format(thr)} min)`,
        rows: Object.keys(STATUS).map((s) => ({ swatch: `background-image:url(${data.patterns[s]})`, text: STATUS[s] })),
      };
    }
  }
  function renderLegend() {
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
    line('pastille', `background:${NO_DATA}`, 'sans donnée');
    if (state.limits.length) line('trait', 'border-color:#222', `zone desservie : ${state.limits.join(', ')} min`);
    if (state.territories) line('trait', 'border-color:#21435f;border-top-style:solid;border-top-width:3px', 'territoire (cliquez : ses indicateurs)');
    if (state.structures) {
      for (const t of structureTypesShown()) line('rond', `background:${typeColour(t)}`, labelOfType(t));
    }
    if (state.added.length || state.removed.length) {
      line('pastille', 'background:none;border:3px solid #1a9850', 'commune sortant des zones blanches');
      line('pastille', 'background:none;border:3px solid #762a83', 'commune entrant en zone blanche');
      line('pastille', 'background:rgba(0,121,140,.35);border:1px solid #00798c', 'zone desservie des structures ajoutées');
    }
  }
  function labelOfType(t) {
    const info = typeInfo(t);
    if (info) return `${t} — ${info.label}`;
    const f = (data.structures.features || []).find((x) => x.properties.type === t);
    return f ? `${t} — ${f.properties.type_label}` : t;
  }
  function structureTypesShown() {
    const seen = new Set();
    for (const f of data.structures.features) if (f.geometry) seen.add(f.properties.type);
    return [...seen].sort();
  }

  // ---- Loading ------------------------------------------------------------------------------------
  // The union catchments of a type at the limits shown, fetched per limit when first shown.
  function catchmentsOf(type, limits) {
    return Promise.all(limits.map((m) => {
      const key = `${type}|${m}`;
      if (!data.catchments[key]) {
        data.catchments[key] = getJson(`collections/catchments/items?f=json&kind=union&type=${encodeURIComponent(type)}&limit_min=${m}&limit=10`);
      }
      return data.catchments[key];
    })).then((parts) => ({ type: 'FeatureCollection', features: parts.flatMap((p) => p.features) }));
  }
  function communesOf(type) {
    if (!data.communes[type]) {
      data.communes[type] = getJson(`collections/communes_coverage/items?f=json&type=${encodeURIComponent(type)}&limit=${GEOJSON_MAX}`);
    }
    return data.communes[type];
  }
  // The communes loaded per type (null with tiles; 'zb|TYPE': the white-zone list with tiles).
  const loadedCommunes = {};

  // ---- Map layers ---------------------------------------------------------------------------------
  // The type's communes as vector tiles, with only the fields that colour the map (the sheet
  // reads /analysis/communes, the white zones come as their own list).
  // The tiles carry only what the chosen indicator colours by: a national view holds 35,000
  // communes, and every property more is as much to send, decode and keep.
  const INDICATOR_FIELD = { minutes: 'mean_minutes', apl: 'apl_per_100k', share: 'share_population_within' };
  let tilesShown = null; // the URL template the tile source has
  function tileUrl(type) {
    const fields = ['insee', 'status', INDICATOR_FIELD[state.indicator]].filter(Boolean);
    return decodeURI(api('collections/communes_coverage/tiles/WebMercatorQuad/{z}/{y}/{x}')) +
      `?type=${encodeURIComponent(type)}&properties=${fields.join(',')}`;
  }
  function usesTiles() {
    const t = typeInfo(state.type);
    return state.tiles || (t && t.communes > GEOJSON_MAX);
  }
  function addLayers() {
    map.addSource('communes', { type: 'geojson', data: { type: 'FeatureCollection', features: [] }, promoteId: 'insee' });
    tilesShown = tileUrl(state.type);
    map.addSource('communes-tuiles', {
      type: 'vector', tiles: [tilesShown],
      // Below zoom 5 a commune is smaller than a tile unit: the layer starts there.
      minzoom: 5, maxzoom: 12, promoteId: 'insee',
    });
    map.addSource('zones', { type: 'geojson', data: { type: 'FeatureCollection', features: [] } });
    map.addSource('territoires', { type: 'geojson', data: { type: 'FeatureCollection', features: [] } });
    map.addSource('structures', { type: 'geojson', data: data.structures });
    map.addSource('etsi-zones', { type: 'geojson', data: { type: 'FeatureCollection', features: [] } });
    for (const [id, source] of [['communes', 'communes'], ['communes-t', 'communes-tuiles']]) {
      const layer = source === 'communes-tuiles' ? { 'source-layer': 'communes_coverage' } : {};
      map.addLayer({ id: id + '-fond', type: 'fill', source, ...layer, paint: { 'fill-color': NO_DATA, 'fill-opacity': 0.85 } });
      // Commune outlines from zoom 7 with tiles: at a national view they would only grey it.
      map.addLayer({ id: id + '-contour', type: 'line', source, ...layer, minzoom: source === 'communes-tuiles' ? 7 : 0, paint: { 'line-color': '#6b6b6b', 'line-width': ['interpolate', ['linear'], ['zoom'], 6, 0.2, 11, 1] } });
      // Communes leaving (green) or entering (purple) white zones in a what-if: a feature
      // state, so marking them redraws without re-cutting the layer.
      map.addLayer({
        id: id + '-etsi', type: 'line', source, ...layer, layout: { visibility: 'none' },
        paint: {
          'line-color': ['match', ['feature-state', 'etsi'], 'entrant', '#762a83', '#1a9850'],
          'line-width': 3,
          'line-opacity': ['case', ['to-boolean', ['feature-state', 'etsi']], 1, 0],
        },
      });
      map.addLayer({ id: id + '-choisie', type: 'line', source, ...layer, filter: ['==', ['get', 'insee'], ''], paint: { 'line-color': '#000', 'line-width': 3 } });
    }
    // Invisible, for clicks: the territories under a point, with their indicators.
    map.addLayer({ id: 'territoires-fond', type: 'fill', source: 'territoires', paint: { 'fill-opacity': 0 } });
    map.addLayer({ id: 'territoires-contour', type: 'line', source: 'territoires', paint: { 'line-color': '#21435f', 'line-width': 2.2 } });
    map.addLayer({ id: 'zones-contour', type: 'line', source: 'zones', filter: ['==', ['get', 'type'], ''], paint: { 'line-color': '#222', 'line-width': 1.6, 'line-dasharray': [3, 2] } });
    // A feature marked `chauffe` is drawn transparent: see warmWhatIfLayers().
    const unlessWarming = (opacity) => ['case', ['to-boolean', ['get', 'chauffe']], 0, opacity];
    map.addLayer({ id: 'etsi-zones-fond', type: 'fill', source: 'etsi-zones', paint: { 'fill-color': '#00798c', 'fill-opacity': unlessWarming(0.35) } });
    map.addLayer({ id: 'etsi-zones-contour', type: 'line', source: 'etsi-zones', paint: { 'line-color': '#00798c', 'line-width': 1.2, 'line-opacity': unlessWarming(1) } });
    const colours = ['match', ['get', 'type']];
    for (const [t, c] of Object.entries(data.palette.types || {})) colours.push(t, c);
    colours.push('#333');
    map.addLayer({
      id: 'structures-points', type: 'circle', source: 'structures', filter: ['!=', ['get', 'placement'], 'retiree'],
      paint: { 'circle-color': colours, 'circle-radius': ['interpolate', ['linear'], ['zoom'], 6, 4, 12, 8], 'circle-stroke-color': '#fff', 'circle-stroke-width': 1.5 },
    });
  }
  async function applyType() {
    const tiles = usesTiles();
    for (const id of ['communes', 'communes-t']) {
      const visible = (id === 'communes-t') === tiles;
      for (const suffix of ['-fond', '-contour', '-choisie']) {
        map.setLayoutProperty(id + suffix, 'visibility', visible ? 'visible' : 'none');
      }
    }
    applyWhatIfMarks();
    const communes = tiles ? null : await communesOf(state.type);
    loadedCommunes[state.type] = communes;
    if (tiles) loadWhiteZones(state.type);
    if (tiles) {
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
  function applyWhatIfMarks() {
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
    if (whatIfWarmed || scenario) return;
    whatIfWarmed = true;
    const b = map.getBounds();
    const c = b.getCenter();
    const r = (b.getEast() - b.getWest()) / 50;
    const ring = [[c.lng - r, c.lat - r], [c.lng + r, c.lat - r], [c.lng + r, c.lat + r], [c.lng - r, c.lat + r], [c.lng - r, c.lat - r]];
    map.getSource('etsi-zones').setData({ type: 'FeatureCollection', features: [{ type: 'Feature', properties: { chauffe: true }, geometry: { type: 'Polygon', coordinates: [ring] } }] });
  }
  function updateTiles() {
    if (tilesShown === tileUrl(state.type)) return;
    tilesShown = tileUrl(state.type);
    map.getSource('communes-tuiles').setTiles([tilesShown]);
  }
  function applyIndicator() {
    if (usesTiles()) updateTiles();
    const layer = usesTiles() ? 'communes-t-fond' : 'communes-fond';
    const paint = paintFor(state.indicator);
    map.setPaintProperty(layer, 'fill-pattern', paint['fill-pattern'] || null);
    map.setPaintProperty(layer, 'fill-color', paint['fill-color'] || NO_DATA);
  }
  async function applyLimits() {
    map.getSource('zones').setData(await catchmentsOf(state.type, state.limits));
    map.setFilter('zones-contour', ['all', ['==', ['get', 'type'], state.type], ['in', ['get', 'limit_min'], ['literal', state.limits]]]);
  }
  function applyStructures() {
    map.setLayoutProperty('structures-points', 'visibility', state.structures ? 'visible' : 'none');
    updateLabels();
  }
  // The territories with the chosen type's indicators: the layer has one row per territory and
  // type, so asking for one type gives each outline once.
  const territoryLists = {};
  async function applyTerritories() {
    if (state.territories) {
      territoryLists[state.type] = territoryLists[state.type] ||
        getJson(`collections/territories/items?f=json&type=${encodeURIComponent(state.type)}&limit=10000`);
      const fc = await territoryLists[state.type];
      if (data.territories !== fc) {
        data.territories = fc;
        map.getSource('territoires').setData(fc);
      }
    }
    for (const id of ['territoires-fond', 'territoires-contour']) map.setLayoutProperty(id, 'visibility', state.territories ? 'visible' : 'none');
  }
  // Names next to the structures once zoomed in (DOM labels: no font server is needed).
  function updateLabels() {
    const show = state.structures && map.getZoom() >= 11;
    if (show && !markers.labels.length) {
      for (const f of data.structures.features) {
        if (!f.geometry) continue;
        const el = document.createElement('div');
        el.className = 'etiquette';
        el.textContent = f.properties.name;
        markers.labels.push(new maplibregl.Marker({ element: el, anchor: 'bottom' }).setLngLat(f.geometry.coordinates).addTo(map));
      }
    }
    for (const m of markers.labels) m.getElement().style.display = show ? '' : 'none';
  }

  // ---- Controls -----------------------------------------------------------------------------------
  function fillControls() {
    const sel = $('type');
    for (const t of data.types) {
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
    const unplaced = data.structures.features.filter((f) => !f.geometry);
    if (unplaced.length) {
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
  }
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
        writeHash();
      });
      l.append(c, ` ${m}${m === t.threshold ? ' (seuil)' : ''}`);
      box.append(l);
    }
  }
  function wireControls() {
    $('type').addEventListener('change', async (e) => {
      state.type = e.target.value;
      state.limits = [typeInfo(state.type).threshold];
      state.added = [];
      state.removed = [];
      renderLimitBoxes();
      await applyType();
      await applyTerritories();
      await runScenario();
      writeHash();
    });
    $('indicateur').addEventListener('change', (e) => {
      state.indicator = e.target.value;
      applyIndicator();
      renderLegend();
      writeHash();
    });
    $('voir-structures').addEventListener('change', (e) => { state.structures = e.target.checked; applyStructures(); renderLegend(); writeHash(); });
    $('voir-territoires').addEventListener('change', async (e) => { state.territories = e.target.checked; await applyTerritories(); renderLegend(); writeHash(); });
    $('etsi-mode').addEventListener('click', () => {
      state.whatIf = !state.whatIf;
      $('etsi-mode').setAttribute('aria-pressed', String(state.whatIf));
      $('etsi-mode').textContent = state.whatIf ? 'Désactiver « Et si… »' : 'Activer « Et si… »';
      $('carte').classList.toggle('etsi', state.whatIf);
      applyWhatIfMarks();
    });
    $('reinitialiser').addEventListener('click', async () => { state.added = []; state.removed = []; await runScenario(); writeHash(); });
    $('zb-csv').addEventListener('click', downloadWhiteZones);
    $('exporter').addEventListener('click', async () => {
      const url = await exportImage();
      const a = document.createElement('a');
      a.href = url;
      a.download = `palliacarte-${state.type}-${state.indicator}.png`;
      a.click();
    });
    $('imprimer').addEventListener('click', () => window.print());
    $('copier-lien').addEventListener('click', async () => {
      writeHash();
      try { await navigator.clipboard.writeText(location.href); $('lien-copie').textContent = 'Lien copié.'; } catch (e) { $('lien-copie').textContent = location.href; }
    });
    $('replier').addEventListener('click', () => {
      const folded = $('panneau').classList.toggle('replie');
      $('replier').setAttribute('aria-expanded', String(!folded));
      map.resize();
    });
    map.on('moveend', writeHash);
    map.on('zoomend', updateLabels);
    map.on('click', onMapClick);
    for (const layer of ['communes-fond', 'communes-t-fond', 'structures-points']) {
      map.on('mouseenter', layer, () => { map.getCanvas().style.cursor = 'pointer'; });
      map.on('mouseleave', layer, () => { map.getCanvas().style.cursor = ''; });
    }
  }

  // ---- Commune sheet ------------------------------------------------------------------------------
  async function onMapClick(e) {
    if (state.whatIf) return whatIfClick(e);
    const hit = map.queryRenderedFeatures(e.point, { layers: [usesTiles() ? 'communes-t-fond' : 'communes-fond'] });
    const places = state.territories ? map.queryRenderedFeatures(e.point, { layers: ['territoires-fond'] }) : [];
    if (!hit.length && !places.length) { $('fiche').hidden = true; return; }
    await showSheet(hit.length ? hit[0].properties.insee : null, hit.length ? hit[0].properties : null, places);
  }
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
  function cell(tr, text, header) {
    const c = document.createElement(header ? 'th' : 'td');
    c.textContent = text;
    tr.append(c);
  }
  async function showSheet(insee, props, places = []) {
    for (const id of ['communes-choisie', 'communes-t-choisie']) map.setFilter(id, ['==', ['get', 'insee'], insee || '']);
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
      : getJson(`collections/communes_coverage/items?f=json&insee=${encodeURIComponent(insee)}&type=${encodeURIComponent(state.type)}&properties=population_65plus,name`)
        .then((fc) => fc.features.length ? fc.features[0].properties : {}).catch(() => ({}));
    try { doc = await getJson(`analysis/communes/${encodeURIComponent(insee)}`); } catch (e) { if (e.status !== 404) showError(e.message); }
    if (row) props = { ...props, ...(await row) };
    sheet.innerHTML = '';
    const close = closeButton(sheet);
    const h = document.createElement('h2');
    h.textContent = `${(doc && doc.name) || props.name} (${insee})`;
    const p = document.createElement('p');
    const pop = doc ? doc.population : props.population;
    p.textContent = `Population : ${nf.format(pop)} hab.` +
      (props.population_65plus != null ? ` — dont 65 ans et plus : ${nf.format(Math.round(props.population_65plus))}` : '');
    sheet.append(close, h, p);
    const table = document.createElement('table');
    const head = document.createElement('tr');
    for (const t of ['Type', 'Minutes', 'Dans le seuil', 'Statut', 'Structure la plus proche']) cell(head, t, true);
    table.append(head);
    const rows = doc ? doc.types : [{
      type: props.type, mean_minutes: props.mean_minutes, share_population_within_pct: props.share_population_within,
      status_label: props.status_label, method: props.method, threshold_min: props.threshold_min, nearest_structure_name: props.nearest_structure_name,
      declared_by: props.declared_by ? String(props.declared_by).split(',') : [],
    }];
    for (const r of rows) {
      const tr = document.createElement('tr');
      tr.dataset.type = r.type;
      cell(tr, r.type);
      cell(tr, r.mean_minutes == null ? '—' : `${nf1.format(r.mean_minutes)} min`);
      cell(tr, r.share_population_within_pct == null ? '—' : `${nf1.format(r.share_population_within_pct)} % (${nf.format(r.threshold_min)} min)`);
      const how = r.method === 'zone_declaree' || (r.declared_by && r.declared_by.length) ? 'zone déclarée' : (r.method === 'vol_oiseau' ? 'vol d\'oiseau' : 'temps de trajet');
      cell(tr, `${r.status_label} (${how})`);
      cell(tr, r.nearest_structure_name || '—');
      table.append(tr);
    }
    sheet.append(table);
    const link = document.createElement('a');
    link.href = api(`analysis/communes/${encodeURIComponent(insee)}`);
    link.textContent = 'Détail (JSON)';
    sheet.append(link);
    if (places.length) sheet.append(territoryTable(places));
    sheet.hidden = false;
  }
  function closeButton(sheet) {
    const close = document.createElement('button');
    close.type = 'button';
    close.textContent = 'Fermer';
    close.style.float = 'right';
    close.addEventListener('click', () => { sheet.hidden = true; });
    return close;
  }

  // ---- White zones --------------------------------------------------------------------------------
  // With tiles (the whole of France), the white zones come as their own, smaller, list.
  const whiteZoneLists = {};
  function loadWhiteZones(type) {
    if (!whiteZoneLists[type]) {
      whiteZoneLists[type] = getJson(`collections/communes_coverage/items?f=json&type=${encodeURIComponent(type)}&status=white_zone&limit=${GEOJSON_MAX}` +
        '&properties=insee,name,population,status,mean_minutes,share_population_within,nearest_structure_name,threshold_min,status_label,method')
        .then((fc) => { loadedCommunes['zb|' + type] = fc; if (state.type === type) renderWhiteZones(); })
        .catch((e) => showError(e.message));
    }
  }
  function whiteZones() {
    const fc = loadedCommunes[state.type] || loadedCommunes['zb|' + state.type];
    if (!fc) return [];
    return fc.features.filter((f) => f.properties.status === 'white_zone')
      .sort((a, b) => (b.properties.population || 0) - (a.properties.population || 0));
  }
  function renderWhiteZones() {
    const list = $('zb-liste');
    list.innerHTML = '';
    const zones = whiteZones();
    const people = zones.reduce((s, f) => s + (f.properties.population || 0), 0);
    if (!zones.length && usesTiles() && !loadedCommunes['zb|' + state.type]) {
      $('zb-resume').textContent = 'Chargement…';
      return;
    }
    $('zb-resume').textContent = `${nf.format(zones.length)} communes, ${nf.format(Math.round(people))} habitants (${state.type}, seuil ${nf.format(typeInfo(state.type).threshold)} min).`;
    for (const f of zones.slice(0, 200)) {
      const li = document.createElement('li');
      const b = document.createElement('button');
      b.type = 'button';
      b.textContent = `${f.properties.name} — ${nf.format(f.properties.population)} hab.`;
      b.addEventListener('click', () => {
        map.fitBounds(bounds(f.geometry), { padding: 60, maxZoom: 12 });
        showSheet(f.properties.insee, f.properties);
      });
      li.append(b);
      list.append(li);
    }
  }
  function bounds(geometry) {
    const b = new maplibregl.LngLatBounds();
    const walk = (c) => (typeof c[0] === 'number' ? b.extend(c) : c.forEach(walk));
    walk(geometry.coordinates);
    return b;
  }
  function downloadWhiteZones() {
    const rows = [['insee', 'nom', 'population', 'minutes_moyennes', 'part_dans_le_seuil_pct', 'structure_la_plus_proche']];
    for (const f of whiteZones()) {
      const p = f.properties;
      rows.push([p.insee, p.name, p.population, p.mean_minutes, p.share_population_within, p.nearest_structure_name]);
    }
    const csv = rows.map((r) => r.map((v) => `"${String(v == null ? '' : v).replace(/"/g, '""')}"`).join(';')).join('\r\n');
    const a = document.createElement('a');
    a.href = URL.createObjectURL(new Blob(['\ufeff' + csv], { type: 'text/csv;charset=utf-8' }));
    a.download = `zones-blanches-${state.type}.csv`;
    a.click();
  }

  // ---- Et si… -------------------------------------------------------------------------------------
  function whatIfClick(e) {
    const hit = map.queryRenderedFeatures(e.point, { layers: ['structures-points'] })
      .filter((f) => f.properties.type === state.type);
    if (hit.length) {
      const id = hit[0].properties.id;
      state.removed = state.removed.includes(id) ? state.removed.filter((x) => x !== id) : [...state.removed, id];
    } else {
      state.added.push({ type: state.type, lon: e.lngLat.lng, lat: e.lngLat.lat });
    }
    writeHash();
    return runScenario();
  }
  async function runScenario() {
    applyWhatIfMarks();
    for (const m of markers.changes) m.remove();
    markers.changes = [];
    const out = $('etsi-resultat');
    const setHighlights = (leaving, entering) => {
      const target = usesTiles() ? { source: 'communes-tuiles', sourceLayer: 'communes_coverage' } : { source: 'communes' };
      for (const insee of markers.highlighted) map.removeFeatureState({ ...target, id: insee });
      for (const insee of leaving) map.setFeatureState({ ...target, id: insee }, { etsi: 'sortant' });
      for (const insee of entering) map.setFeatureState({ ...target, id: insee }, { etsi: 'entrant' });
      markers.highlighted = [...leaving, ...entering];
    };
    if (!state.added.length && !state.removed.length) {
      scenario = null;
      out.textContent = '';
      map.getSource('etsi-zones').setData({ type: 'FeatureCollection', features: [] });
      if (markers.removedKey) map.getSource('structures').setData(data.structures);
      markers.removedKey = '';
      setHighlights([], []);
      renderLegend();
      return;
    }
    for (const a of state.added) {
      const el = document.createElement('div');
      el.className = 'marque-ajout';
      el.style.background = typeColour(a.type);
      el.title = `Structure ajoutée (${a.type})`;
      markers.changes.push(new maplibregl.Marker({ element: el }).setLngLat([a.lon, a.lat]).addTo(map));
    }
    // Removed structures are drawn crossed out; the layer is redrawn only when that changes.
    const removedKey = state.removed.join(',');
    const shown = removedKey === markers.removedKey ? null : JSON.parse(JSON.stringify(data.structures));
    for (const f of shown ? shown.features : []) {
      if (!state.removed.includes(f.properties.id) || !f.geometry) continue;
      f.properties.placement = 'retiree';
    }
    for (const f of data.structures.features) {
      if (!state.removed.includes(f.properties.id) || !f.geometry) continue;
      const el = document.createElement('div');
      el.className = 'marque-retrait';
      el.textContent = '✕';
      el.title = `Structure retirée : ${f.properties.name}`;
      markers.changes.push(new maplibregl.Marker({ element: el }).setLngLat(f.geometry.coordinates).addTo(map));
    }
    if (shown) {
      map.getSource('structures').setData(shown);
      markers.removedKey = removedKey;
    }
    out.textContent = 'Calcul…';
    const t = typeInfo(state.type);
    try {
      const body = JSON.stringify({ added: state.added, removed: state.removed });
      const started = performance.now();
      const [result, ...zones] = await Promise.all([
        getJson('analysis/scenario', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body }),
        ...state.added.map((a) => getJson(`analysis/catchment?lon=${a.lon}&lat=${a.lat}&type=${encodeURIComponent(a.type)}&minutes=${t.threshold}`)),
      ]);
      const requestsMs = Math.round(performance.now() - started);
      scenario = result;
      // The catchment is cut into tiles by a worker: the highlights wait for it, so that one
      // frame draws both (with software WebGL a frame costs 100+ ms, and each queues the next).
      await setSourceData('etsi-zones', { type: 'FeatureCollection', features: zones.flatMap((z) => z.features) });
      const r = result.types.find((x) => x.type === state.type) || result.types[0];
      setHighlights((r.leaving_white_zone || []).map((c) => c.insee), (r.entering_white_zone || []).map((c) => c.insee));
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
      note.textContent = `${state.added.length} ajout(s), ${state.removed.length} retrait(s) — ${(r.leaving_white_zone || []).length} commune(s) sortent des zones blanches, ${(r.entering_white_zone || []).length} y entrent.`;
      out.append(note);
      out.dataset.ms = String(requestsMs);
    } catch (e) {
      out.textContent = '';
      showError(e.message);
    }
    renderLegend();
  }

  // Resolves once the source has taken the data (or after 1 s, so a slow worker never holds the
  // answer back).
  function setSourceData(id, geojson) {
    return new Promise((resolve) => {
      const done = () => { map.off('sourcedata', onData); clearTimeout(timer); resolve(); };
      const onData = (e) => { if (e.sourceId === id && e.tile && e.isSourceLoaded) done(); };
      const timer = setTimeout(done, 1000);
      map.on('sourcedata', onData);
      map.getSource(id).setData(geojson);
    });
  }

  // ---- Image export -------------------------------------------------------------------------------
  async function exportImage() {
    await new Promise((resolve) => { if (map.loaded()) resolve(); else map.once('idle', resolve); });
    const src = map.getCanvas();
    const ratio = src.width / src.clientWidth;
    const pad = Math.round(16 * ratio);
    const side = Math.round(300 * ratio);
    const titleH = Math.round(44 * ratio);
    const out = document.createElement('canvas');
    out.width = src.width + side + 3 * pad;
    out.height = Math.max(src.height, Math.round(360 * ratio)) + titleH + 2 * pad + Math.round(22 * ratio);
    const g = out.getContext('2d');
    g.fillStyle = '#fff';
    g.fillRect(0, 0, out.width, out.height);
    g.fillStyle = '#111';
    g.font = `bold ${Math.round(20 * ratio)}px sans-serif`;
    const t = typeInfo(state.type);
    g.fillText(`${document.title.replace(' — La carte', '')} — ${t.type} : ${$('indicateur').selectedOptions[0].textContent}`, pad, pad + Math.round(20 * ratio));
    g.drawImage(src, pad, pad + titleH);
    g.strokeStyle = '#555';
    g.strokeRect(pad, pad + titleH, src.width, src.height);
    // Legend
    let y = pad + titleH + Math.round(14 * ratio);
    const x = src.width + 2 * pad;
    const { title, rows } = legendRows();
    g.font = `bold ${Math.round(14 * ratio)}px sans-serif`;
    g.fillText('Légende', x, y);
    y += Math.round(20 * ratio);
    g.font = `${Math.round(12 * ratio)}px sans-serif`;
    g.fillText(title, x, y);
    y += Math.round(10 * ratio);
    for (const r of rows) {
      const w = Math.round(26 * ratio), h = Math.round(16 * ratio);
      const colour = /background:(#[0-9a-f]+)/i.exec(r.swatch);
      if (colour) { g.fillStyle = colour[1]; g.fillRect(x, y, w, h); } else {
        const status = Object.keys(STATUS).find((s) => STATUS[s] === r.text);
        g.fillStyle = g.createPattern(patternImage(status, data.palette.status[status]), 'repeat');
        g.fillRect(x, y, w, h);
      }
      g.strokeStyle = '#555';
      g.strokeRect(x, y, w, h);
      g.fillStyle = '#111';
      g.fillText(r.text, x + w + Math.round(8 * ratio), y + Math.round(12 * ratio));
      y += Math.round(22 * ratio);
    }
    // Scale bar: a round distance of about 100 px at the map's centre.
    const centre = map.getCenter();
    const metresPerPx = 40075016.686 * Math.cos(centre.lat * Math.PI / 180) / (512 * 2 ** map.getZoom());
    const nice = [100, 200, 500, 1000, 2000, 5000, 10000, 20000, 50000, 100000, 200000].find((m) => m / metresPerPx >= 80) || 500000;
    const barPx = nice / metresPerPx * ratio;
    const by = pad + titleH + src.height - Math.round(16 * ratio);
    g.fillStyle = 'rgba(255,255,255,.85)';
    g.fillRect(pad + Math.round(8 * ratio), by - Math.round(16 * ratio), barPx + Math.round(70 * ratio), Math.round(24 * ratio));
    g.fillStyle = '#111';
    g.fillRect(pad + Math.round(12 * ratio), by, barPx, Math.round(4 * ratio));
    g.fillText(nice >= 1000 ? `${nice / 1000} km` : `${nice} m`, pad + Math.round(16 * ratio) + barPx, by + Math.round(4 * ratio));
    g.font = `${Math.round(11 * ratio)}px sans-serif`;
    g.fillText(`${$('sources').textContent} ${t.timeModel} — ${new Date().toLocaleDateString('fr-FR')}`, pad, out.height - pad);
    return out.toDataURL('image/png');
  }

  // ---- Start ------------------------------------------------------------------------------------
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
  function whenDrawn() {
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
  let basemapWarned = false;
  const timings = {};
  const mark = (name) => { timings[name] = Math.round(performance.now()); };
  async function start() {
    readHash();
    const [palette, config, structures] = await Promise.all([
      getJson('carte/palette.json'), getJson('carte/config.json'), getJson('collections/structures/items?f=json&limit=10000'),
    ]);
    mark('config');
    data.palette = palette;
    data.structures = structures;
    data.types = config.types.map((t) => ({
      type: t.type, label: t.label, threshold: t.threshold_min, limits: t.catchment_limits_min,
      timeModel: t.time_model, communes: t.communes,
    }));
    document.title = `${config.title} — La carte`;
    $('titre').textContent = `${config.title} — La carte`;
    if (!data.types.length) throw new Error('aucun type de structure analysé dans ce service');
    if (!typeInfo(state.type)) state.type = data.types[0].type;
    const t = typeInfo(state.type);
    if (!state.limits) state.limits = [t.threshold];
    if (/oiseau/i.test(t.timeModel)) $('bandeau').hidden = false;
    // Fetched while the map starts.
    const first = Promise.all([usesTiles() ? null : communesOf(state.type), catchmentsOf(state.type, state.limits)]);
    // Tiles are parsed in workers: one per core (MapLibre's default is half).
    if (maplibregl.getWorkerCount && maplibregl.getWorkerCount() < 2) maplibregl.setWorkerCount(Math.max(2, navigator.hardwareConcurrency || 2));
    map = new maplibregl.Map({
      container: 'carte',
      style: baseStyle(config.basemap, config.basemap_attribution),
      attributionControl: { compact: true, customAttribution: 'IGN, INSEE, FINESS, © contributeurs OpenStreetMap' },
      preserveDrawingBuffer: true, // image export and tests read the canvas
      bounds: startBounds(config.extent),
      fitBoundsOptions: { padding: 20 },
    });
    // Tile requests cut short by a new view or type are not errors; anything else is shown.
    map.on('error', (e) => {
      if (e.error && e.error.name === 'AbortError') return;
      // The background comes from elsewhere (internet): its failures leave our layers intact.
      // Offline is a normal way to work, not an error: the basemap goes, the plain background
      // and our layers stay, and a quiet note says why.
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
    });
    map.addControl(new maplibregl.NavigationControl({ showCompass: false }), 'top-right');
    map.addControl(new maplibregl.ScaleControl({ unit: 'metric' }), 'bottom-right');
    await new Promise((resolve) => map.once('load', resolve));
    mark('map');
    addPatterns();
    addLayers();
    if (state.view) map.jumpTo(state.view);
    await first;
    fillControls();
    wireControls();
    await applyType();
    applyStructures();
    await applyTerritories();
    await runScenario();
    writeHash();
    mark('layers');
    await whenDrawn();
    mark('drawn');
  }

  // For tests and for whoever scripts the page: the map, the state and the last scenario.
  window.carte = {
    ready: start().catch((e) => { showError(`La carte n'a pas pu se charger : ${e.message}`); throw e; }),
    get map() { return map; },
    get state() { return state; },
    get scenario() { return scenario; },
    exportImage: () => exportImage(),
    timings, // ms since navigation: config, map (style loaded), layers (added), drawn (idle)
  };
})();

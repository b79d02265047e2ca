// What the user chose (type, indicator, limits, layers, what-if changes) and the permalink
// that carries it: the URL's hash. Everything else the page holds is in store.js.

export const state = {
  type: null,
  indicator: 'status',
  limits: null,
  structures: true,
  territories: false,
  added: [],
  removed: [],
  whatIf: false,
  view: null,
  tiles: false, // vector tiles even for a small territory (#tuiles=1)
};

export function readHash() {
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

// The hash for `state`, and the view of `map` once there is one.
export function writeHash(map) {
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
  if (state.added.length) {
    h.set('ajouts', state.added.map((a) => `${a.type},${a.lon.toFixed(5)},${a.lat.toFixed(5)}`).join(';'));
  }
  if (state.removed.length) h.set('retraits', state.removed.join(','));
  if (state.tiles) h.set('tuiles', '1');
  history.replaceState(null, '', '#' + h.toString());
}

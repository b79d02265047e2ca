// The service this page is served by: its URLs, its JSON and its problem details, and the
// collections the map asks for, each fetched once.
import { GEOJSON_MAX } from './store.js';

const root = new URL('.', location.href); // the service's root (/carte → /), behind a proxy too

export const api = (path) => new URL(path, root).href;

// The JSON at `path`, or an Error saying the problem's detail (err.status: the HTTP status).
export async function getJson(path, options) {
  const r = await fetch(api(path), options);
  if (!r.ok) {
    let detail = r.statusText;
    try {
      const p = await r.json();
      detail = p.detail || p.title || detail;
    } catch (e) { /* not JSON */ }
    const err = new Error(`${path} : ${r.status} ${detail}`);
    err.status = r.status;
    throw err;
  }
  return r.json();
}

const q = encodeURIComponent;
const cache = {};
const once = (key, fetcher) => (cache[key] = cache[key] || fetcher());

// The union catchments of a type at the limits shown, fetched per limit when first shown.
export function catchmentsOf(type, limits) {
  return Promise.all(limits.map((m) => once(`zones|${type}|${m}`, () =>
    getJson(`collections/catchments/items?f=json&kind=union&type=${q(type)}&limit_min=${m}&limit=10`))))
    .then((parts) => ({ type: 'FeatureCollection', features: parts.flatMap((p) => p.features) }));
}

export function communesOf(type) {
  return once(`communes|${type}`, () =>
    getJson(`collections/communes_coverage/items?f=json&type=${q(type)}&limit=${GEOJSON_MAX}`));
}

// With tiles (the whole of France), the white zones come as their own, smaller, list.
export function whiteZonesOf(type) {
  return once(`zb|${type}`, () => getJson(
    `collections/communes_coverage/items?f=json&type=${q(type)}&status=white_zone&limit=${GEOJSON_MAX}` +
    '&properties=insee,name,population,status,mean_minutes,share_population_within,' +
    'nearest_structure_name,threshold_min,status_label,method'));
}

// The territories with the type's indicators: one row per territory and type, so asking for
// one type gives each outline once.
export function territoriesOf(type) {
  return once(`territoires|${type}`, () =>
    getJson(`collections/territories/items?f=json&type=${q(type)}&limit=10000`));
}

// One commune's row for a type, with only `properties` (what tiles do not carry).
export function communeRow(insee, type, properties) {
  return getJson(`collections/communes_coverage/items?f=json&insee=${q(insee)}&type=${q(type)}` +
    `&properties=${properties.join(',')}`)
    .then((fc) => (fc.features.length ? fc.features[0].properties : {}));
}

export const communeSheetPath = (insee) => `analysis/communes/${q(insee)}`;

// The what-if answer for added and removed structures, and the catchment of each added one.
export function scenarioOf(added, removed, threshold) {
  const body = JSON.stringify({ added, removed });
  return Promise.all([
    getJson('analysis/scenario', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body }),
    ...added.map((a) => getJson(`analysis/catchment?lon=${a.lon}&lat=${a.lat}&type=${q(a.type)}&minutes=${threshold}`)),
  ]);
}

export const tileTemplate = (type, fields) =>
  decodeURI(api('collections/communes_coverage/tiles/WebMercatorQuad/{z}/{y}/{x}')) +
  `?type=${q(type)}&properties=${fields.join(',')}`;

// What the page has loaded and drawn: the map, the palette, the types and structures of the
// service, the last what-if answer. One object, so every module sees the same.
import { state, writeHash } from './state.js';

// Large layers come as vector tiles; below this many communes, as one GeoJSON document.
export const GEOJSON_MAX = 10000;

export const app = {
  map: null,
  palette: null,
  patterns: {}, // status → data URL of its pattern (legend, export)
  types: [], // { type, label, threshold, limits, timeModel, communes }
  structures: null, // the structures collection (GeoJSON)
  territories: null, // the territories drawn (GeoJSON)
  scenario: null, // the last answer of /analysis/scenario for the changes in `state`
  // The communes loaded per type (null with tiles; 'zb|TYPE': the white-zone list with tiles).
  loadedCommunes: {},
};

export const typeInfo = (t) => app.types.find((x) => x.type === t);
export const typeColour = (t) => (app.palette.types || {})[t] || app.palette.other_type || '#333';

// Vector tiles for the chosen type: asked for (#tuiles=1) or too many communes for GeoJSON.
export function usesTiles() {
  const t = typeInfo(state.type);
  return state.tiles || (t && t.communes > GEOJSON_MAX);
}

export const saveHash = () => writeHash(app.map);

// Colours from /carte/palette.json (styles/palette.json, which also colours the QGIS styles
// and the printed maps): the indicators' ramps as MapLibre expressions, and the status
// patterns, told by pattern as well as colour.
import { app } from './store.js';

// Indicator → the commune field it colours by and its ramp in the palette.
export const INDICATORS = {
  minutes: { field: 'mean_minutes', ramp: 'minutes', unit: 'min' },
  apl: { field: 'apl_per_100k', ramp: 'apl_per_100k', unit: '' },
  share: { field: 'share_population_within', ramp: 'share_population_within', unit: '%' },
};
export const STATUS = { covered: 'couvert', partial: 'partiel', white_zone: 'zone blanche' };

export const ramp = (indicator) => app.palette[INDICATORS[indicator].ramp];
export const noData = () => app.palette.no_data;
export const whatIfColour = (what) => app.palette.what_if[what];
export const outlineColour = (what) => app.palette.outlines[what];

// A step expression over `field`: the ramp's colour for the value, no_data when it is null.
function steps(field, table) {
  const e = ['step', ['to-number', ['get', field], 0], table[0][1]];
  for (const [v, colour] of table.slice(1)) e.push(v, colour);
  return ['case', ['==', ['get', field], null], noData(), e];
}

// The fill paint of the communes for an indicator.
export function paintFor(indicator) {
  const ind = INDICATORS[indicator];
  if (ind) return { 'fill-color': steps(ind.field, ramp(indicator)) };
  return {
    'fill-pattern': ['match', ['get', 'status'], 'covered', 'statut-covered', 'partial',
      'statut-partial', 'white_zone', 'statut-white_zone', 'statut-covered'],
  };
}

// A 16 px tile of a status: plain (covered), dotted (partial), hatched (white zone).
export function patternImage(kind, colour) {
  const size = 16;
  const c = document.createElement('canvas');
  c.width = c.height = size;
  const g = c.getContext('2d');
  g.fillStyle = colour;
  g.fillRect(0, 0, size, size);
  if (kind === 'partial') {
    g.fillStyle = '#7a5c00';
    for (const [x, y] of [[4, 4], [12, 12]]) {
      g.beginPath();
      g.arc(x, y, 1.6, 0, 2 * Math.PI);
      g.fill();
    }
  } else if (kind === 'white_zone') {
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

// The status patterns as map images ('statut-…') and as data URLs for the legend.
export function addPatterns(map) {
  for (const [status, colour] of Object.entries(app.palette.status)) {
    const c = patternImage(status, colour);
    const img = c.getContext('2d').getImageData(0, 0, c.width, c.height);
    map.addImage('statut-' + status, { width: c.width, height: c.height, data: img.data });
    app.patterns[status] = c.toDataURL();
  }
}

// The circle colour of structures by type (types the palette lacks: other_type).
export function typeColours() {
  const colours = ['match', ['get', 'type']];
  for (const [t, c] of Object.entries(app.palette.types || {})) colours.push(t, c);
  colours.push(app.palette.other_type || '#333');
  return colours;
}

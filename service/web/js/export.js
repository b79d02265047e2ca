// The image export: the map as drawn, a title, the legend, a scale bar and the sources, in
// one PNG (a data URL).
import { $ } from './dom.js';
import { legendRows } from './legend.js';
import { STATUS, patternImage } from './palette.js';
import { state } from './state.js';
import { app, typeInfo } from './store.js';

function drawLegend(g, x, y, ratio) {
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
    if (colour) {
      g.fillStyle = colour[1];
    } else {
      const status = Object.keys(STATUS).find((s) => STATUS[s] === r.text);
      g.fillStyle = g.createPattern(patternImage(status, app.palette.status[status]), 'repeat');
    }
    g.fillRect(x, y, w, h);
    g.strokeStyle = '#555';
    g.strokeRect(x, y, w, h);
    g.fillStyle = '#111';
    g.fillText(r.text, x + w + Math.round(8 * ratio), y + Math.round(12 * ratio));
    y += Math.round(22 * ratio);
  }
}

// A round distance of about 100 px at the map's centre, bottom left of the map.
function drawScaleBar(g, left, bottom, ratio) {
  const map = app.map;
  const centre = map.getCenter();
  const metresPerPx = 40075016.686 * Math.cos(centre.lat * Math.PI / 180) / (512 * 2 ** map.getZoom());
  const nice = [100, 200, 500, 1000, 2000, 5000, 10000, 20000, 50000, 100000, 200000]
    .find((m) => m / metresPerPx >= 80) || 500000;
  const barPx = nice / metresPerPx * ratio;
  const by = bottom - Math.round(16 * ratio);
  g.fillStyle = 'rgba(255,255,255,.85)';
  g.fillRect(left + Math.round(8 * ratio), by - Math.round(16 * ratio), barPx + Math.round(70 * ratio), Math.round(24 * ratio));
  g.fillStyle = '#111';
  g.fillRect(left + Math.round(12 * ratio), by, barPx, Math.round(4 * ratio));
  g.fillText(nice >= 1000 ? `${nice / 1000} km` : `${nice} m`, left + Math.round(16 * ratio) + barPx, by + Math.round(4 * ratio));
}

export async function exportImage() {
  const map = app.map;
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
  g.fillText(`${document.title.replace(' — La carte', '')} — ${t.type} : ${$('indicateur').selectedOptions[0].textContent}`,
    pad, pad + Math.round(20 * ratio));
  g.drawImage(src, pad, pad + titleH);
  g.strokeStyle = '#555';
  g.strokeRect(pad, pad + titleH, src.width, src.height);
  drawLegend(g, src.width + 2 * pad, pad + titleH + Math.round(14 * ratio), ratio);
  drawScaleBar(g, pad, pad + titleH + src.height, ratio);
  g.font = `${Math.round(11 * ratio)}px sans-serif`;
  g.fillText(`${$('sources').textContent} ${t.timeModel} — ${new Date().toLocaleDateString('fr-FR')}`, pad, out.height - pad);
  return out.toDataURL('image/png');
}

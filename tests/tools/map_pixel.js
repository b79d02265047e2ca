// The colour the web map drew at a longitude/latitude, read from its canvas (the page keeps its
// drawing buffer): for the Node checks (web_map_check.js, basemap_check.js).
'use strict';

async function pixel(page, lon, lat) {
  return page.evaluate(([x, y]) => {
    const map = window.carte.map;
    const p = map.project([x, y]);
    const src = map.getCanvas();
    const r = src.width / src.clientWidth;
    const c = document.createElement('canvas');
    c.width = src.width; c.height = src.height;
    const g = c.getContext('2d');
    g.drawImage(src, 0, 0);
    return Array.from(g.getImageData(Math.round(p.x * r), Math.round(p.y * r), 1, 1).data).slice(0, 3);
  }, [lon, lat]);
}

module.exports = { pixel };

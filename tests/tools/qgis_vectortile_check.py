#!/usr/bin/python3
"""Headless QGIS adds palliacarte's vector tiles as a vector tile layer and draws them.

usage: qgis_vectortile_check.py (BASE_URL | --serve BINARY CONFIG) COLLECTION OUT_PNG
With --serve, starts `BINARY serve CONFIG` on a free port of 127.0.0.1 (stopped at the end).
The layer (QgsVectorTileLayer, `type=xyz` on the collection's WebMercatorQuad tile template,
the way a user adds an XYZ vector tile connection) must be valid; drawn at the collection's
extent (its /collections document, in EPSG:3857) with QGIS's default vector tile style on a
white background (QGIS's default vector tile style), at least a fifth of the image must be
painted. Saves the image to OUT_PNG; prints one JSON line; exit 1 on failure.
Run with Debian's /usr/bin/python3 (python3-qgis) and QT_QPA_PLATFORM=offscreen.
"""
import json
import os
import sys
import urllib.request

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
from qgis.core import (QgsApplication, QgsCoordinateReferenceSystem,  # noqa: E402
                       QgsCoordinateTransform, QgsMapRendererParallelJob, QgsMapSettings,
                       QgsProject, QgsRectangle, QgsVectorTileLayer)
from qgis.PyQt.QtCore import QSize  # noqa: E402
from qgis.PyQt.QtGui import QColor  # noqa: E402

server = None
if sys.argv[1] == "--serve":
    import re
    import subprocess
    server = subprocess.Popen([sys.argv[2], "serve", sys.argv[3], "--port", "0", "--quiet"],
                              stdout=subprocess.PIPE, text=True)
    for line in server.stdout:
        m = re.search(r"servi sur (http://127\.0\.0\.1:\d+)/", line)
        if m:
            break
    else:
        sys.exit("qgis_vectortile_check: serve did not start")
    base, args = m.group(1), sys.argv[4:]
else:
    base, args = sys.argv[1], sys.argv[2:]
collection, out_png = args[:2]
app = QgsApplication([], False)
app.initQgis()
ok = True
with urllib.request.urlopen(f"{base}/collections/{collection}/tiles/WebMercatorQuad", timeout=30) as r:
    tileset = json.load(r)
template = next(l["href"] for l in tileset["links"] if l["rel"] == "item")
url = template.replace("{tileMatrix}", "{z}").replace("{tileRow}", "{y}").replace("{tileCol}", "{x}")
layer = QgsVectorTileLayer(f"type=xyz&url={url}&zmin=0&zmax=14", collection)
result = {"collection": collection, "valid": layer.isValid(), "url": url}
if layer.isValid():
    bb = tileset["boundingBox"]
    wgs84 = QgsRectangle(bb["lowerLeft"][0], bb["lowerLeft"][1], bb["upperRight"][0], bb["upperRight"][1])
    mercator = QgsCoordinateReferenceSystem("EPSG:3857")
    to_mercator = QgsCoordinateTransform(QgsCoordinateReferenceSystem("EPSG:4326"), mercator, QgsProject.instance())
    settings = QgsMapSettings()
    settings.setLayers([layer])
    settings.setDestinationCrs(mercator)
    settings.setExtent(to_mercator.transformBoundingBox(wgs84))
    settings.setOutputSize(QSize(600, 600))
    settings.setBackgroundColor(QColor(255, 255, 255))
    job = QgsMapRendererParallelJob(settings)
    job.start()
    job.waitForFinished()
    image = job.renderedImage()
    os.makedirs(os.path.dirname(os.path.abspath(out_png)), exist_ok=True)
    result["saved"] = image.save(out_png)
    painted = sum(1 for x in range(0, 600, 4) for y in range(0, 600, 4)
                  if image.pixelColor(x, y) != QColor(255, 255, 255))
    result["painted_share"] = round(painted / (150 * 150), 3)
    result["errors"] = [e for e in job.errors()] if hasattr(job, "errors") else []
    ok = result["painted_share"] >= 0.2
else:
    result["error"] = layer.error().summary()
    ok = False
print(json.dumps(result, default=str))
app.exitQgis()
if server:
    server.terminate()
    server.wait(timeout=30)
sys.exit(0 if ok else 1)

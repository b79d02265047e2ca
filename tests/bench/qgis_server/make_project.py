#!/usr/bin/python3
"""Writes a QGIS project publishing every layer of a GeoPackage as WFS / OGC API - Features,
for QGIS Server (the comparison in compare.sh). usage: make_project.py GPKG PROJECT.qgs"""
import os
import sys

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
from osgeo import ogr  # noqa: E402
from qgis.core import QgsApplication, QgsProject, QgsVectorLayer  # noqa: E402

gpkg, out = sys.argv[1], sys.argv[2]
app = QgsApplication([], False)
app.initQgis()
project = QgsProject.instance()
names = [l.GetName() for l in ogr.Open(gpkg) if l.GetName() != "layer_styles"]
ids = []
for name in names:
    layer = QgsVectorLayer(f"{gpkg}|layername={name}", name, "ogr")
    if not layer.isValid():
        sys.exit(f"cannot load {name} from {gpkg}")
    project.addMapLayer(layer)
    ids.append(layer.id())
project.setTitle("palliacarte benchmark")
project.writeEntry("WFSLayers", "/", ids)
for i in ids:
    project.writeEntry("WFSLayersPrecision", "/" + i, 7)
project.writeEntry("WMSServiceCapabilities", "/", True)
project.writeEntry("WMSExtent", "/", ["2.1", "48.7", "2.4", "49.0"])
if not project.write(out):
    sys.exit(f"cannot write {out}")
print(f"{out}: {len(ids)} layers published ({', '.join(names)})")
sys.stdout.flush()
os._exit(0)

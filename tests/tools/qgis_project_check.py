"""Opens a palliacarte coverage.qgz in headless QGIS, as a planner would, and prints as JSON
what QGIS made of it: the groups and their layers (valid, feature count, filter, renderer,
legend entries, labels on), and each print layout exported to PDF in OUT_DIR (the exporter's
result and the file). Run with Debian's /usr/bin/python3 (python3-qgis).

Usage: qgis_project_check.py PROJECT.qgz OUT_DIR
"""
import json
import os
import sys

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
from qgis.core import (QgsApplication, QgsLayoutExporter, QgsLayerTreeGroup,  # noqa: E402
                       QgsProject)

app = QgsApplication([], False)
app.initQgis()
project = QgsProject.instance()
out = {"read": project.read(sys.argv[1]), "crs": project.crs().authid(), "groups": {},
       "layouts": {}}
for group in project.layerTreeRoot().children():
    if not isinstance(group, QgsLayerTreeGroup):
        continue
    layers = []
    for node in group.findLayers():
        layer = node.layer()
        entry = {"name": node.name(), "resolved": layer is not None, "visible": node.isVisible()}
        if layer is not None:
            renderer = layer.renderer()
            entry.update({
                "valid": layer.isValid(), "count": layer.featureCount(),
                "subset": layer.subsetString(),
                "renderer": renderer.type() if renderer else None,
                "legend": [item.label() for item in renderer.legendSymbolItems()] if renderer else [],
                "labels": layer.labelsEnabled(),
            })
        layers.append(entry)
    out["groups"][group.name()] = layers
for layout in project.layoutManager().printLayouts():
    pdf = os.path.join(sys.argv[2], layout.name().replace(" ", "_") + ".pdf")
    result = QgsLayoutExporter(layout).exportToPdf(pdf, QgsLayoutExporter.PdfExportSettings())
    out["layouts"][layout.name()] = {"export": int(result), "pdf": pdf,
                                     "items": sorted(type(i).__name__ for i in layout.items())}
print(json.dumps(out, ensure_ascii=False))
app.exitQgis()

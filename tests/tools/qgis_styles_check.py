"""Opens every layer of a palliacarte coverage.gpkg in headless QGIS and prints, as JSON, what
QGIS applied: validity, feature count, renderer type, the first field alias. Run with Debian's
/usr/bin/python3 (python3-qgis)."""
import json
import os
import sys

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
from qgis.core import (QgsApplication, QgsFeature, QgsRenderContext,  # noqa: E402
                       QgsVectorLayer)

app = QgsApplication([], False)
app.initQgis()
out = {}
gpkg = sys.argv[1]
for name in sys.argv[2:]:
    layer = QgsVectorLayer(gpkg + "|layername=" + name, name, "ogr")
    renderer = layer.renderer()
    out[name] = {"valid": layer.isValid(), "count": layer.featureCount(),
                 "renderer": renderer.type() if renderer else None,
                 "alias": layer.attributeAlias(1), "labels": layer.labelsEnabled()}
    if renderer and renderer.type() == "RuleRenderer":
        out[name]["rules"] = [[r.label(), r.active()] for r in renderer.rootRule().children()]
    if renderer and layer.fields().indexOf("type") >= 0:
        # Which types get a symbol: a type the style does not list must still be drawn.
        context = QgsRenderContext()
        renderer.startRender(context, layer.fields())
        drawn = {}
        for code in ("EMSP", "EHPAD", "SSIAD", "TYPE_AJOUTE"):
            f = QgsFeature(layer.fields())
            f.setAttribute("type", code)
            kind = "union" if name == "catchments" else "commune"
            for field, value in (("kind", kind), ("status", "white_zone"),
                                 ("population_uncovered", 10), ("limit_min", 30)):
                if layer.fields().indexOf(field) >= 0:
                    f.setAttribute(field, value)
            drawn[code] = renderer.willRenderFeature(f, context)
        renderer.stopRender(context)
        out[name]["drawn"] = drawn
print(json.dumps(out, ensure_ascii=False))
app.exitQgis()

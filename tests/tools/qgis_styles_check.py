"""Opens every layer of a palliacarte coverage.gpkg in headless QGIS and prints, as JSON, what
QGIS applied: validity, feature count, renderer type, the first field alias. Run with Debian's
/usr/bin/python3 (python3-qgis).

  qgis_styles_check.py COVERAGE.GPKG LAYER...
  qgis_styles_check.py --postgres "CONNINFO" SCHEMA LAYER...   (an `analyze --out PG:` run:
      QGIS's postgres provider, which takes each layer's default style from layer_styles)"""
import json
import os
import sys

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
from qgis.core import (QgsApplication, QgsFeature, QgsRenderContext,  # noqa: E402
                       QgsVectorLayer)

app = QgsApplication([], False)
app.initQgis()
out = {}
if sys.argv[1] == "--postgres":
    conninfo, schema, names = sys.argv[2], sys.argv[3], sys.argv[4:]

    def open_layer(name):
        uri = f'{conninfo} key=\'fid\' table="{schema}"."{name}" (geom)'
        return QgsVectorLayer(uri, name, "postgres")
else:
    gpkg, names = sys.argv[1], sys.argv[2:]

    def open_layer(name):
        return QgsVectorLayer(gpkg + "|layername=" + name, name, "ogr")
for name in names:
    layer = open_layer(name)
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

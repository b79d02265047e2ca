"""Opens every layer of a palliacarte coverage.gpkg in headless QGIS and prints, as JSON, what
QGIS applied: validity, feature count, renderer type, the first field alias. Run with Debian's
/usr/bin/python3 (python3-qgis)."""
import json
import os
import sys

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
from qgis.core import QgsApplication, QgsVectorLayer  # noqa: E402

app = QgsApplication([], False)
app.initQgis()
out = {}
gpkg = sys.argv[1]
for name in sys.argv[2:]:
    layer = QgsVectorLayer(gpkg + "|layername=" + name, name, "ogr")
    renderer = layer.renderer()
    out[name] = {"valid": layer.isValid(), "count": layer.featureCount(),
                 "renderer": renderer.type() if renderer else None,
                 "alias": layer.attributeAlias(1)}
    if renderer and renderer.type() == "RuleRenderer":
        out[name]["rules"] = [[r.label(), r.active()] for r in renderer.rootRule().children()]
print(json.dumps(out, ensure_ascii=False))
app.exitQgis()

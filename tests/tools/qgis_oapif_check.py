#!/usr/bin/python3
"""Headless QGIS reads palliacarte's OGC API - Features service with its own `oapif` provider.

usage: qgis_oapif_check.py BASE_URL COLLECTION=COUNT [COLLECTION=COUNT ...]
For each collection: the layer is valid, has COUNT features, a CRS, and its first feature's
attributes are readable (non-empty). Prints one JSON line per layer; exit 1 on any failure.
Run with Debian's /usr/bin/python3 (python3-qgis) and QT_QPA_PLATFORM=offscreen.
"""
import json
import os
import sys

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
from qgis.core import QgsApplication, QgsVectorLayer  # noqa: E402


def main():
    base = sys.argv[1].rstrip("/")
    wanted = [a.split("=", 1) for a in sys.argv[2:]]
    app = QgsApplication([], False)
    app.initQgis()
    failures = 0
    for name, count in wanted:
        layer = QgsVectorLayer(f"url='{base}' typename='{name}'", name, "oapif")
        result = {"layer": name, "valid": layer.isValid()}
        if layer.isValid():
            result["features"] = layer.featureCount()
            result["crs"] = layer.crs().authid()
            result["fields"] = [f.name() for f in layer.fields()]
            first = next(layer.getFeatures(), None)
            result["first"] = (
                {k: str(v) for k, v in zip(result["fields"], first.attributes())} if first else None
            )
            ok = (
                result["features"] == int(count)
                and result["crs"] != ""
                and first is not None
                and any(v not in ("NULL", "", "None") for v in result["first"].values())
            )
        else:
            result["error"] = layer.error().summary()
            ok = False
        result["ok"] = ok
        failures += not ok
        print(json.dumps(result, ensure_ascii=False)[:600])
    # QGIS 3.22 can crash in exitQgis() while the oapif provider's download threads wind
    # down; the checks are done, so leave without tearing QGIS down.
    sys.stdout.flush()
    os._exit(1 if failures else 0)


if __name__ == "__main__":
    main()

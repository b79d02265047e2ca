#!/usr/bin/python3
"""Headless QGIS reads palliacarte's OGC API - Features service with its own `oapif` provider.

usage: qgis_oapif_check.py BASE_URL COLLECTION=COUNT [COLLECTION=COUNT ...]
Each collection is opened twice, with the default page sizes: through QGIS's own `oapif`
provider and through GDAL's OAPIF driver (the `ogr` provider, "OAPIF:URL"). Both: the layer is
valid, has COUNT features and a CRS, every numeric field has the collection schema's type (a
real is never read as an integer) and the server's values (no NULL or 0 in place of a
decimal). Through GDAL, which reads the collection's XML schema, every field of the schema is
there with its type and the geometry type is known even when the collection is empty.
QGIS 3.22's own provider guesses types from the features it sees, so there a field with no
value in the collection, a boolean (read as text) or an empty collection (no fields) are
outside what it can know; those are not held against it. Prints one JSON line per layer and
provider; exit 1 on any failure.
Run with Debian's /usr/bin/python3 (python3-qgis) and QT_QPA_PLATFORM=offscreen.
"""
import json
import os
import sys
import urllib.request

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
from qgis.core import QgsApplication, QgsVectorLayer, QgsWkbTypes  # noqa: E402
from qgis.PyQt.QtCore import QVariant  # noqa: E402

QGIS_TYPES = {
    "number": {QVariant.Double},
    "integer": {QVariant.Int, QVariant.LongLong},
    "string": {QVariant.String},
    "boolean": {QVariant.Bool},
}


def get_json(url):
    with urllib.request.urlopen(url, timeout=30) as r:
        return json.load(r)


def server_values(base, name, fields):
    """Each numeric field's values over the whole collection, sorted (None for null)."""
    doc = get_json(f"{base}/collections/{name}/items?f=json&limit=10000")
    out = {}
    for f in fields:
        vals = [feat["properties"].get(f) for feat in doc["features"]]
        out[f] = sorted((v for v in vals if v is not None)), sum(v is None for v in vals)
    return out


def check(base, name, count, provider):
    if provider == "oapif":
        layer = QgsVectorLayer(f"url='{base}' typename='{name}'", name, "oapif")
    else:
        layer = QgsVectorLayer(f"OAPIF:{base}/collections/{name}", name, "ogr")
    result = {"layer": name, "provider": provider, "valid": layer.isValid()}
    if not layer.isValid():
        result["error"] = layer.error().summary()
        return result, False
    try:
        schema = get_json(f"{base}/collections/{name}/schema")["properties"]
    except OSError as e:  # urllib's HTTPError included
        result["error"] = f"no schema: {e}"
        return result, False
    wanted = {k: v["type"] for k, v in schema.items() if "type" in v}
    native = provider == "oapif"
    if native:
        # What QGIS 3.22's provider cannot know from features: see the module docstring.
        values = get_json(f"{base}/collections/{name}/items?f=json&limit=10000")["features"]
        seen = {k for f in values for k, v in f["properties"].items() if v is not None}
        wanted = {k: t for k, t in wanted.items() if k in seen and t != "boolean"}
    result["features"] = layer.featureCount()
    if result["features"] < 0:  # unknown to the provider until read: count them
        result["features"] = sum(1 for _ in layer.getFeatures())
    result["crs"] = layer.crs().authid()
    result["geometry"] = QgsWkbTypes.displayString(layer.wkbType())
    have = {f.name(): f.type() for f in layer.fields()}
    problems = []
    for field, t in wanted.items():
        if field not in have:
            problems.append(f"{field}: missing")
        elif have[field] not in QGIS_TYPES[t]:
            problems.append(f"{field}: {t} read as {QVariant.typeToName(have[field])}")
    numeric = [f for f, t in wanted.items() if t in ("number", "integer") and f in have]
    if count and numeric:
        ref = server_values(base, name, numeric)
        got = {f: [] for f in numeric}
        nulls = {f: 0 for f in numeric}
        for feat in layer.getFeatures():
            for f in numeric:
                v = feat[f]
                if v is None or (hasattr(v, "isNull") and v.isNull()) or v == QVariant():
                    nulls[f] += 1
                else:
                    got[f].append(v)
        for f in numeric:
            a = sorted(got[f])
            b, b_nulls = ref[f]
            if nulls[f] != b_nulls or any(abs(x - y) > 1e-9 * max(1, abs(y)) for x, y in zip(a, b)) \
                    or len(a) != len(b):
                problems.append(f"{f}: values differ from the server's")
    result["problems"] = problems[:8]
    known_geometry = layer.wkbType() not in (QgsWkbTypes.Unknown, QgsWkbTypes.NoGeometry)
    ok = (
        result["features"] == count
        and (result["crs"] != "" or (native and count == 0))
        and (known_geometry or (native and count == 0))
        and not problems
    )
    return result, ok


def main():
    base = sys.argv[1].rstrip("/")
    wanted = [a.split("=", 1) for a in sys.argv[2:]]
    app = QgsApplication([], False)
    app.initQgis()
    failures = 0
    for name, count in wanted:
        for provider in ("oapif", "ogr"):
            result, ok = check(base, name, int(count), provider)
            result["ok"] = ok
            failures += not ok
            print(json.dumps(result, ensure_ascii=False)[:800])
    # QGIS 3.22 can crash in exitQgis() while the oapif provider's download threads wind
    # down; the checks are done, so leave without tearing QGIS down.
    sys.stdout.flush()
    os._exit(1 if failures else 0)


if __name__ == "__main__":
    main()

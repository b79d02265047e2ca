#!/usr/bin/python3
"""Compares two `palliacarte analyze` output folders: the proof that a refactoring changed no
result. GeoJSON, CSV, report.md and metadata.json must be identical byte for byte except the
run date (and the report's « Calcul du » line that carries it); the maps by their PDF's text
(title, legend counts, sources: pdftotext), the date aside; the GeoPackage layer by layer and feature by feature (fields and geometry WKB) through GDAL.

Usage: scripts/compare-analysis-outputs.py BEFORE_DIR AFTER_DIR   (exit 0: identical)
Needs Debian's /usr/bin/python3 with python3-gdal.
"""
import json
import pathlib
import re
import subprocess
import sys

from osgeo import ogr

RUN_DATE = re.compile(r'"run_date": ?"[^"]*"|\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ|Calcul du \d{4}-\d\d-\d\d'
                      r'|calcul du \d\d/\d\d/\d{4}')


def without_dates(data: bytes) -> bytes:
    return RUN_DATE.sub("«date»", data.decode("utf-8")).encode("utf-8")


def gpkg_rows(path):
    ds = ogr.Open(str(path))
    out = {}
    for i in range(ds.GetLayerCount()):
        layer = ds.GetLayerByIndex(i)
        rows = []
        for f in layer:
            g = f.GetGeometryRef()
            items = {k: v for k, v in f.items().items() if k != "update_time"}  # layer_styles
            rows.append((json.dumps(items, sort_keys=True, default=str),
                         bytes(g.ExportToWkb()) if g else b""))
        out[layer.GetName()] = (layer.GetDescription(), rows)
    return out


def main(before, after):
    before, after = pathlib.Path(before), pathlib.Path(after)
    names = sorted({p.name for p in before.iterdir()} | {p.name for p in after.iterdir()})
    problems = []
    for name in names:
        a, b = before / name, after / name
        if not a.exists() or not b.exists():
            problems.append(f"{name}: only in {'after' if b.exists() else 'before'}")
            continue
        if name.endswith(".gpkg"):
            ra, rb = gpkg_rows(a), gpkg_rows(b)
            for layer in sorted(set(ra) | set(rb)):
                if layer not in ra or layer not in rb:
                    problems.append(f"{name}: layer {layer} missing on one side")
                elif ra[layer][1] != rb[layer][1]:
                    diff = sum(x != y for x, y in zip(ra[layer][1], rb[layer][1]))
                    problems.append(f"{name}: layer {layer}: {len(ra[layer][1])} vs "
                                    f"{len(rb[layer][1])} features, {diff} differ")
        elif a.suffix == ".pdf":
            # The maps carry the run's date: their text (title, legend counts, sources) is
            # compared; the PNGs are the same pages drawn again.
            text = [without_dates(subprocess.run(["pdftotext", "-raw", str(p), "-"], check=True,
                                                 capture_output=True).stdout) for p in (a, b)]
            if text[0] != text[1]:
                problems.append(f"{name}: its text differs")
        elif a.suffix == ".png" and a.name.startswith("carte_"):
            continue
        elif a.suffix in (".geojson", ".csv", ".md", ".json"):
            if without_dates(a.read_bytes()) != without_dates(b.read_bytes()):
                problems.append(f"{name}: differs")
        elif a.read_bytes() != b.read_bytes():
            problems.append(f"{name}: differs")
    for p in problems:
        print(p)
    print(f"{len(names)} files compared, {len(problems)} difference(s)")
    return 1 if problems else 0


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    sys.exit(main(sys.argv[1], sys.argv[2]))

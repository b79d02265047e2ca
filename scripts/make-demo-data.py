#!/usr/bin/python3
"""Cuts the demo territories' inputs out of the national files into data/demo/.

Usage: scripts/make-demo-data.py [--source DIR] [--check]

  --source DIR  the national data tree (default: $PALLIACARTE_DATA_ROOT, else ../shared/data
                next to the checkout)
  --check       rebuild into a temporary folder and compare byte for byte with data/demo/;
                exit 1 on any difference (the cut is reproducible)

What each demo keeps (and nothing else) is in DEMOS below; data/demo/SOURCES.md says where each
source comes from, its licence and how it was cut. Rows are copied as they are in the source
(same bytes, same order); only the road network changes form (see cut_roads). Needs Python 3
(standard library) and GDAL's ogr2ogr.
"""
import argparse
import csv
import filecmp
import gzip
import hashlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent

# One entry per demo territory: the départements it keeps and the files it needs.
DEMOS = {
    "hauts-de-seine": {
        "departements": ["92"],
        "communes": "communes/france-geojson/communes-92-hauts-de-seine.geojson",
        "copy": [
            "structures/palliative-92.csv",
            "territories/coordination-territories-92.csv",
            "population/census2021_1km_dep92.csv",
            "population/filosofi_200m_2021_dep92_PARTIAL-south.csv",
        ],
        "groupings": ["communes/decoupage-administratif/ept.json"],
    },
    "corse": {
        "departements": ["2A", "2B"],
        "communes": "communes/france-geojson/communes-france-entiere-2018-merged.geojson",
        "finess": "structures/finess_et_geo_20210108.csv",
        "grid": "population/census2021_1km_france.csv",
        "groupings": ["communes/decoupage-administratif/epci.json"],
        "roads": "roads/corse_2A-2B_eqasim-matsim-network_osm2022.gpkg",
    },
}

CROSSWALK = "communes/communes-2018-to-cog2026-crosswalk.csv"
POPULATION = "communes/decoupage-administratif/communes.json"
# Grid cells are kept when their centre lies within this many degrees of the communes' bounding
# box: a 1 km cell's centre is at most 0.71 km (< 0.01°) from any part of it, so every cell that
# touches a commune is kept with room to spare.
GRID_MARGIN_DEG = 0.05


def in_departements(code, departements):
    return any(code.startswith(d) for d in departements)


def cut_communes(src, dst, departements):
    """Features whose INSEE `code` is in the départements; geometry and properties unchanged."""
    raw = src.read_bytes()
    every = json.loads(raw)["features"]
    features = [f for f in every if in_departements(f["properties"]["code"], departements)]
    if len(features) == len(every):  # already a per-département file: the same bytes
        dst.write_bytes(raw)
    else:
        text = json.dumps({"type": "FeatureCollection", "features": features},
                          ensure_ascii=False, separators=(",", ":"))
        dst.write_text(text + "\n", encoding="utf-8")
    lons, lats = [], []

    def walk(c):
        if isinstance(c[0], (int, float)):
            lons.append(c[0])
            lats.append(c[1])
        else:
            for x in c:
                walk(x)

    for f in features:
        walk(f["geometry"]["coordinates"])
    return len(features), (min(lons), min(lats), max(lons), max(lats))


def cut_lines(src, dst, keep, header_lines=1):
    """Copies the header and the lines `keep(line)` accepts, bytes unchanged."""
    kept = 0
    with open(src, "rb") as f, open(dst, "wb") as out:
        for i, line in enumerate(f):
            if i < header_lines or keep(line):
                out.write(line)
                kept += i >= header_lines
    return kept


def cut_json_array(src, dst, keep):
    """The etalab JSON files hold one array entry per line: keeps the entries `keep` accepts."""
    entries = [json.loads(line.rstrip(",\n")) for line in open(src, encoding="utf-8")
               if line.startswith("{")]
    kept = [e for e in entries if keep(e)]
    with open(dst, "w", encoding="utf-8") as out:
        out.write("[\n" + ",\n".join(json.dumps(e, ensure_ascii=False, separators=(",", ":"))
                                      for e in kept) + "\n]\n")
    return len(kept)


def csv_column_filter(src, column, accept, delimiter):
    with open(src, encoding="utf-8", newline="") as f:
        header = next(csv.reader(f, delimiter=delimiter))
    index = header.index(column)

    def keep(line):
        fields = next(csv.reader([line.decode("utf-8")], delimiter=delimiter))
        return index < len(fields) and accept(fields[index])

    return keep


def cut_roads(src, dst):
    """The network as routing reads it: car links only, with their ids, class, speed, length and
    straight shape (the source's shapes are straight too), as FlatGeobuf compressed with gzip
    (GDAL reads it through /vsigzip/). 21.8 MB of GeoPackage with 28 fields -> about 2.3 MB."""
    with tempfile.TemporaryDirectory() as tmp:
        fgb = Path(tmp) / "links.fgb"
        subprocess.run(
            ["ogr2ogr", "-q", "-f", "FlatGeobuf", "-lco", "SPATIAL_INDEX=NO", "-nln", "links",
             str(fgb), str(src), "-sql",
             "SELECT geom, link_id, from_node, to_node, length_m, osm_way_highway, freespeed_kmh "
             "FROM links WHERE car = 1 ORDER BY fid"],
            check=True)
        # mtime=0 and no name: the same input gives the same bytes.
        with open(fgb, "rb") as f, open(dst, "wb") as raw:
            with gzip.GzipFile(filename="", mode="wb", fileobj=raw, compresslevel=9,
                               mtime=0) as out:
                shutil.copyfileobj(f, out)
    info = subprocess.run(["ogrinfo", "-so", "/vsigzip/" + str(dst), "links"],
                          check=True, capture_output=True, text=True).stdout
    return int(info.split("Feature Count: ")[1].split()[0])


def make_demo(name, spec, source, out):
    folder = out / name
    folder.mkdir(parents=True, exist_ok=True)
    deps = spec["departements"]
    log = []

    def src(rel):
        return source / rel

    n, (x0, y0, x1, y1) = cut_communes(src(spec["communes"]), folder / "communes.geojson", deps)
    log.append(f"communes.geojson: {n} communes")

    n = cut_lines(src(CROSSWALK), folder / "crosswalk.csv",
                  csv_column_filter(src(CROSSWALK), "code_cog2026",
                                    lambda c: in_departements(c, deps), ","))
    log.append(f"crosswalk.csv: {n} rows")

    n = cut_json_array(src(POPULATION), folder / "communes.json",
                       lambda e: e.get("departement") in deps)
    log.append(f"communes.json: {n} entries")

    for rel in spec.get("groupings", []):
        n = cut_json_array(src(rel), folder / Path(rel).name,
                           lambda e: any(in_departements(m["code"], deps) for m in e["membres"]))
        log.append(f"{Path(rel).name}: {n} groupings")

    for rel in spec.get("copy", []):
        shutil.copyfile(src(rel), folder / Path(rel).name)
        log.append(f"{Path(rel).name}: copied")

    if "finess" in spec:
        n = cut_lines(src(spec["finess"]), folder / "finess.csv",
                      csv_column_filter(src(spec["finess"]), "dep", lambda d: d in deps, ";"))
        log.append(f"finess.csv: {n} establishments")

    if "grid" in spec:
        lon_keep = csv_column_filter(src(spec["grid"]), "lon",
                                     lambda v: x0 - GRID_MARGIN_DEG <= float(v) <= x1 + GRID_MARGIN_DEG,
                                     ",")
        lat_keep = csv_column_filter(src(spec["grid"]), "lat",
                                     lambda v: y0 - GRID_MARGIN_DEG <= float(v) <= y1 + GRID_MARGIN_DEG,
                                     ",")
        n = cut_lines(src(spec["grid"]), folder / "population-grid-1km.csv",
                      lambda line: lon_keep(line) and lat_keep(line))
        log.append(f"population-grid-1km.csv: {n} cells")

    if "roads" in spec:
        n = cut_roads(src(spec["roads"]), folder / "roads.fgb.gz")
        log.append(f"roads.fgb.gz: {n} links")
    return log


def sha256(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    default_source = os.environ.get("PALLIACARTE_DATA_ROOT") or str(REPO.parent / "shared" / "data")
    parser.add_argument("--source", default=default_source)
    parser.add_argument("--check", action="store_true")
    args = parser.parse_args()
    source = Path(args.source)
    if not (source / POPULATION).is_file():
        sys.exit(f"make-demo-data: the national data tree is not at {source} "
                 f"(no {POPULATION}); pass --source DIR")
    target = REPO / "data" / "demo"
    out = Path(tempfile.mkdtemp(prefix="palliacarte-demo-")) if args.check else target
    try:
        for name, spec in DEMOS.items():
            for line in make_demo(name, spec, source, out):
                print(f"{name}/{line}")
        if args.check:
            different = []
            for name in DEMOS:
                cmp = filecmp.dircmp(out / name, target / name)
                different += [f"{name}/{f}" for f in cmp.left_only + cmp.right_only]
                different += [f"{name}/{f}" for f in cmp.common_files
                              if sha256(out / name / f) != sha256(target / name / f)]
            if different:
                print("make-demo-data: differs from data/demo: " + ", ".join(different))
                return 1
            print("make-demo-data: data/demo is exactly what the script makes")
    finally:
        if args.check:
            shutil.rmtree(out)
    return 0


if __name__ == "__main__":
    sys.exit(main())

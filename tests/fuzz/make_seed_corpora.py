#!/usr/bin/python3
"""Seed corpora for the fuzz targets, cut from the real files (usage: make_seed_corpora.py DIR).

Each target gets DIR/<target>/ with small pieces of what it reads in real use: the demo data in
data/ (always there), and the national files when the data root is (../shared/data or
$PALLIACARTE_DATA_ROOT). Targets whose first byte picks a reader get that byte in front.
"""
import json
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "data"
SHARED = Path(os.environ.get("PALLIACARTE_DATA_ROOT", ROOT.parent / "shared" / "data"))
out = Path(sys.argv[1])


def put(target, name, data):
    d = out / target
    d.mkdir(parents=True, exist_ok=True)
    (d / name).write_bytes(data if isinstance(data, bytes) else data.encode())


def head(path, lines):
    with open(path, "rb") as f:
        return b"".join(f.readline() for _ in range(lines))


# territory_config: every config of the repository.
for p in list(DATA.glob("*.json")) + list((ROOT / "tests" / "configs").glob("*.json")):
    put("territory_config", p.name, p.read_bytes())

# filiere_csv: the 92 directory, whole and its first rows.
f92 = DATA / "demo" / "hauts-de-seine" / "palliative-92.csv"
put("filiere_csv", "palliative-92.csv", f92.read_bytes())
put("filiere_csv", "palliative-92-head.csv", head(f92, 6))

# finess: flat (byte 0) from the Corsica demo; etalab layout (byte 1) from the data root.
put("finess", "corse-flat", b"\x00" + head(DATA / "demo" / "corse" / "finess.csv", 25))
etalab = SHARED / "structures" / "finess-etalab-layout_92-25-39-70-90_20210108.csv"
if etalab.exists():
    put("finess", "etalab-head", b"\x01" + head(etalab, 40))
# FINESS+ (byte 2): the hand-written fixture, one file serving as both activities and structures.
put("finess", "finess-plus-fixture",
    b"\x02" + (ROOT / "tests" / "fixtures" / "finess-plus" / "activites-92.json").read_bytes())

# population: communes.json entries (0), a code/population CSV (1), grids (2, 3, 4).
communes = json.loads((DATA / "demo" / "hauts-de-seine" / "communes.json").read_text())
put("population", "communes-json", b"\x00" + json.dumps(communes[:4]).encode())
rows = [c for c in communes if "population" in c][:6]
csv = "code,population\n" + "".join(f"{c['code']},{c['population']}\n" for c in rows)
put("population", "population-csv", b"\x01" + csv.encode())
put("population", "census-1km",
    b"\x02" + head(DATA / "demo" / "hauts-de-seine" / "census2021_1km_dep92.csv", 12))
put("population", "filosofi-200m",
    b"\x03" + head(DATA / "demo" / "hauts-de-seine" / "filosofi_200m_2021_dep92_PARTIAL-south.csv", 12))
put("population", "eurostat-ids",
    b"\x04GRD_ID,T,Y_GE65\nCRS3035RES1000mN2871000E3753000,2622,286\n"
    b"CRS3035RES1000mN2872000E3754000,8297,1218\n")

# osm_roads: the small extracts of the data root (XML: byte 1, PBF: byte 0), or a hand-made
# three-node way when the data root is missing.
osm = SHARED / "osm"
if osm.exists():
    put("osm_roads", "paris16-sw.osm", b"\x01" + (osm / "paris16-sw_75_highway_tiny.osm").read_bytes())
    put("osm_roads", "maisons-laffitte.pbf",
        b"\x00" + (osm / "maisons-laffitte_78_highway_2022-12-22.osm.pbf").read_bytes())
put("osm_roads", "hand-made-way.osm",
    b'\x01<?xml version="1.0"?><osm version="0.6">'
    b'<node id="1" lat="48.85" lon="2.27"/><node id="2" lat="48.851" lon="2.271"/>'
    b'<node id="3" lat="48.852" lon="2.272"/><way id="10"><nd ref="1"/><nd ref="2"/><nd ref="3"/>'
    b'<tag k="highway" v="residential"/><tag k="maxspeed" v="30"/></way></osm>')

# request_params: what QGIS, GDAL and browsers send.
for i, q in enumerate([
    "limit=10&f=json",
    "limit=50&offset=100&bbox=2.2,48.8,2.3,48.9",
    "bbox=48.8,2.2,48.9,2.3&bbox-crs=http://www.opengis.net/def/crs/EPSG/0/4326"
    "&crs=http://www.opengis.net/def/crs/EPSG/0/2154",
    "properties=insee,share&insee=92012&covered=true&population=2&share=0.5",
    "limit=%FF&offset=%C3",
]):
    put("request_params", f"query-{i}", q)

# analysis_requests: scenario bodies (byte 1) and catchment queries (byte 0) on the 92 demo.
for i, body in enumerate([
    {"added": [{"type": "EMSP", "lon": 2.25, "lat": 48.84}]},
    {"removed": ["emsp-foch"]},
    {"added": [{"type": "HAD", "lon": 2.2, "lat": 48.9}], "removed": ["had-x"]},
]):
    put("analysis_requests", f"scenario-{i}", b"\x01" + json.dumps(body).encode())
for i, q in enumerate(["lon=2.25&lat=48.84&minutes=10,20", "structure=emsp-foch",
                       "lon=2.25&lat=48.84&minutes=15&direction=to"]):
    put("analysis_requests", f"catchment-{i}", b"\x00" + q.encode())
print(f"seed corpora in {out}: " + ", ".join(
    f"{d.name} {len(list(d.iterdir()))}" for d in sorted(out.iterdir())))

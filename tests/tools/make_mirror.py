#!/usr/bin/python3
"""Builds, from the national data tree, a mirror laid out like the official download sites,
for palliacarte fetch's tests (tests/tools/mirror_server.py serves it).

usage: make_mirror.py DATA_ROOT MIRROR_DIR MANIFEST_IN MANIFEST_OUT

Each file is in the publisher's layout, made from the files of DATA_ROOT (../shared/data):
- registry.npmjs.org/…/decoupage-administratif-6.0.0.tgz: a tarball with package/data/*.json
  (the same JSON files as the npm package);
- geo.api.gouv.fr/departements/<dep>/communes: the 2018 polygons of each département dissolved
  into its COG 2026 communes (as the live API answers, with current codes), for the
  départements with a per-département boundary file;
- static.data.gouv.fr/…/etalab-cs1100507-stock-20260512-0339.csv: the FINESS extract in the
  official etalab layout (92, 25, 39, 70, 90; 8 January 2021);
- gisco-services.ec.europa.eu/…/Eurostat_Census-GRID_2021_V3.zip: the national 1 km census grid
  with Eurostat's GRD_ID cell names;
- www.insee.fr/…/Filosofi2019_carreaux_200m_csv.zip: a zip holding a 7z holding
  carreaux_200m_met.csv, INSEE's nesting, from the 200 m Filosofi cells of the 92 (partial),
  with idcar_200m and lcog_geo (communes the cell touches) as INSEE names them;
- download.geofabrik.de/europe/france/{ile-de-france,picardie}-latest.osm.pbf: the
  Saint-Germain-en-Laye OSM extract cut by osmium (complete ways) into a west and an east part
  that overlap, standing in for the two regions' files (the 92's structure margin reaches the
  Oise, in Picardie): merged, they are the whole extract;
- www.data.gouv.fr/api/1/datasets/finess-{activites,structures}-1/: the datasets' API documents,
  each listing an older monthly file, the newest monthly file and a daily one (fetch must take
  the newest monthly); the files under static.data.gouv.fr, gzipped: the activities are the
  ANS's own example (Ain), the structures are the etalab FINESS establishments above (92, 25,
  39, 70, 90) rewritten in the FINESS+ structures schema, Lambert-93 X/Y swapped as the ANS
  publishes them.
MANIFEST_OUT is MANIFEST_IN with each fixed size and SHA-256 replaced by the mirror file's.
"""
import csv
import glob
import gzip
import hashlib
import io
import json
import os
import subprocess
import sys
import tarfile
import tempfile
import zipfile

from osgeo import ogr

ogr.UseExceptions()
data, mirror, manifest_in, manifest_out = sys.argv[1:5]


def put(url, content):
    path = os.path.join(mirror, url.split("://", 1)[1].split("?", 1)[0].rstrip("/"))
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "wb") as f:
        f.write(content)
    return path


manifest = json.load(open(manifest_in, encoding="utf-8"))
source = {(s["id"], s.get("variant", "")): s for s in manifest["sources"]}

# @etalab/decoupage-administratif: the package's data files.
buf = io.BytesIO()
with tarfile.open(fileobj=buf, mode="w:gz") as tar:
    for name in ["communes", "epci", "ept", "departements"]:
        body = open(f"{data}/communes/decoupage-administratif/{name}.json", "rb").read()
        info = tarfile.TarInfo(f"package/data/{name}.json")
        info.size, info.mtime = len(body), 0
        tar.addfile(info, io.BytesIO(body))
tgz = put(source[("decoupage-administratif", "")]["url"], buf.getvalue())

# geo.api.gouv.fr: current communes, dissolved from the 2018 polygons.
to_2026 = {}
names = {}
for row in csv.DictReader(open(f"{data}/communes/communes-2018-to-cog2026-crosswalk.csv", encoding="utf-8")):
    to_2026[row["code_2018"]] = row["code_cog2026"]
    names[row["code_cog2026"]] = row["nom_cog2026"]
for path in glob.glob(f"{data}/communes/france-geojson/communes-*-*.geojson"):
    dep = os.path.basename(path).split("-")[1]
    if dep == "france":
        continue
    ds = ogr.Open(path)
    parts = {}
    for f in ds.GetLayer(0):
        code = to_2026.get(f.GetField("code"), f.GetField("code"))
        parts.setdefault(code, []).append(f.GetGeometryRef().Clone())
    features = []
    for code, geoms in sorted(parts.items()):
        g = geoms[0]
        for other in geoms[1:]:
            g = g.Union(other)
        features.append({"type": "Feature", "geometry": json.loads(g.ExportToJson()),
                         "properties": {"nom": names.get(code, code), "code": code,
                                        "codeDepartement": dep}})
    url = source[("communes", "")]["url"].replace("{departement}", dep)
    put(url, json.dumps({"type": "FeatureCollection", "features": features}).encode())

# FINESS, etalab layout.
put(source[("finess", "")]["url"],
    open(f"{data}/structures/finess-etalab-layout_92-25-39-70-90_20210108.csv", "rb").read())

# Eurostat census grid, 1 km, national.
out = io.StringIO()
w = csv.writer(out, lineterminator="\n")
w.writerow(["GRD_ID", "T", "M", "F", "Y_LT15", "Y_1564", "Y_GE65", "LAND_SURFACE"])
for r in csv.DictReader(open(f"{data}/population/census2021_1km_france.csv", encoding="utf-8")):
    w.writerow([f"CRS3035RES1000mN{r['y_laea']}E{r['x_laea']}", r["T"], r["M"], r["F"],
                r["Y_LT15"], r["Y_1564"], r["Y_GE65"], r["LAND_SURFACE"]])
buf = io.BytesIO()
with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
    z.writestr("Eurostat_Census-GRID_2021_V3/ESTAT_Census_2021_V3.csv", out.getvalue())
put(source[("population-grid", "census-1km")]["url"], buf.getvalue())

# INSEE Filosofi 2019, 200 m: zip > 7z > csv, with INSEE's column names.
ds92 = ogr.Open(f"{data}/communes/france-geojson/communes-92-hauts-de-seine.geojson")
polygons = [(f.GetField("code"), f.GetGeometryRef().Clone()) for f in ds92.GetLayer(0)]
out = io.StringIO()
w = csv.writer(out, lineterminator="\n")
ages = ["ind_0_3", "ind_4_5", "ind_6_10", "ind_11_17", "ind_18_24", "ind_25_39", "ind_40_54",
        "ind_55_64", "ind_65_79", "ind_80p", "ind_inc"]
w.writerow(["idcar_200m", "i_est_200", "idcar_1km", "i_est_1km", "idcar_nat", "ind"] + ages + ["lcog_geo"])
for r in csv.DictReader(open(f"{data}/population/filosofi_200m_2021_dep92_PARTIAL-south.csv", encoding="utf-8")):
    x, y = int(r["x_laea"]), int(r["y_laea"])
    lon, lat = float(r["lon"]), float(r["lat"])
    d = 0.0009  # about 100 m: the cell's corners around its centre, in degrees
    ring = ogr.CreateGeometryFromWkt(
        f"POLYGON(({lon-d*1.4} {lat-d},{lon+d*1.4} {lat-d},{lon+d*1.4} {lat+d},{lon-d*1.4} {lat+d},{lon-d*1.4} {lat-d}))")
    codes = "".join(sorted(code for code, g in polygons if g.Intersects(ring)))
    w.writerow([f"CRS3035RES200mN{y}E{x}", r["imputed"], f"CRS3035RES1000mN{y // 1000 * 1000}E{x // 1000 * 1000}",
                0, f"CRS3035RES32000mN{y // 32000 * 32000}E{x // 32000 * 32000}", r["ind"]]
               + [r[a] for a in ages] + [codes])
with tempfile.TemporaryDirectory() as tmp:
    with open(os.path.join(tmp, "carreaux_200m_met.csv"), "w", encoding="utf-8") as f:
        f.write(out.getvalue())
    seven = os.path.join(tmp, "Filosofi2019_carreaux_200m_csv.7z")
    subprocess.run(["bsdtar", "--format", "7zip", "-cf", seven, "-C", tmp, "carreaux_200m_met.csv"],
                   check=True)
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_STORED) as z:
        z.write(seven, "Filosofi2019_carreaux_200m_csv.7z")
    put(source[("population-grid", "filosofi-200m")]["url"], buf.getvalue())

# Geofabrik: a small OSM extract cut into two overlapping regions' files.
pbf = f"{data}/osm/saint-germain-en-laye_78_highway_2022-12-18.osm.pbf"
box = subprocess.run(["osmium", "fileinfo", "-e", "-g", "data.bbox", pbf], check=True,
                     capture_output=True, text=True).stdout.strip("()\n").split(",")
x0, y0, x1, y1 = (float(v) for v in box)
mid = (x0 + x1) / 2
with tempfile.TemporaryDirectory() as tmp:
    for region, west, east in (("ile-de-france", x0 - 0.01, mid + 0.005),
                               ("picardie", mid - 0.005, x1 + 0.01)):
        part = os.path.join(tmp, region + ".osm.pbf")
        subprocess.run(["osmium", "extract", "-s", "complete_ways", "-b",
                        f"{west:.7f},{y0 - 0.01:.7f},{east:.7f},{y1 + 0.01:.7f}", "-O", "-o", part,
                        pbf], check=True, capture_output=True)
        put(source[("roads", "")]["url"].replace("{region}", region), open(part, "rb").read())

# FINESS+: API documents naming monthly files, and the files.
def finess_plus_structures():
    raw = open(f"{data}/structures/finess-etalab-layout_92-25-39-70-90_20210108.csv", "rb").read()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        text = raw.decode("cp1252")
    ets, xy = {}, {}
    for row in csv.reader(io.StringIO(text), delimiter=";"):
        if row and row[0] == "structureet" and len(row) > 19:
            ets[row[1]] = row
        elif row and row[0] == "geolocalisation" and len(row) > 3:
            xy[row[1]] = (row[2], row[3])
    by_ej = {}
    for et, r in ets.items():
        dep, commune = r[13].strip(), r[12].strip()
        address = {"cogCommune": dep + commune if len(dep) == 2 else dep[:2] + commune,
                   "ligneQuatre": " ".join(x for x in (r[7], r[8], r[9]) if x.strip()),
                   "ligneAcheminement": r[15]}
        if et in xy and xy[et][0] and xy[et][1]:
            # The ANS publishes X = northing, Y = easting.
            address["coordonneesGeographique"] = {"coordonneeX": xy[et][1], "coordonneeY": xy[et][0]}
        by_ej.setdefault(r[2], []).append({
            "informationsGeneralesEGE": {"egeId": et, "numFinessEge": et, "nomEgeCourt": r[3], "nomEgeLong": r[4]},
            "categorieentiteGeographiqueExercice": r[18], "adresse": [address], "etatObjet": "A"})
    return {"schemaVersion": "v1.0.0", "generatedAt": "2021-01-08T00:00:00Z", "pmej": [
        {"informationsGeneralesPMEJ": {"numFinessPm": ej}, "ege": eges} for ej, eges in sorted(by_ej.items())]}

finess_plus = {
    "activites": gzip.compress(open(f"{data}/structures/finess-plus/exemple-finess-activites-journalier-20260401.json", "rb").read()),
    "structures": gzip.compress(json.dumps(finess_plus_structures(), ensure_ascii=False).encode()),
}
for variant, body in finess_plus.items():
    api = source[("finess-plus", variant)]["url"]
    files = f"https://static.data.gouv.fr/resources/finess-{variant}-1"
    resources = [
        {"title": f"finess-{variant}-mensuel-202609.json.gz", "url": f"{files}/20261001-000000/finess-{variant}-mensuel-202609.json.gz"},
        {"title": f"finess-{variant}-journalier-20261126.json.gz", "url": f"{files}/20261126-000000/finess-{variant}-journalier-20261126.json.gz"},
        {"title": f"finess-{variant}-mensuel-202610.json.gz", "url": f"{files}/20261101-000000/finess-{variant}-mensuel-202610.json.gz"},
    ]
    put(api, json.dumps({"id": f"finess-{variant}-1", "resources": resources}).encode())
    put(resources[2]["url"], body)
    put(resources[0]["url"], b"not the newest month")

# The manifest for the mirror: fixed files keep a size and a checksum, the mirror's.
for s in manifest["sources"]:
    if s.get("sha256"):
        body = open(os.path.join(mirror, s["url"].split("://", 1)[1]), "rb").read()
        s["sha256"] = hashlib.sha256(body).hexdigest()
        s["size"] = len(body)
json.dump(manifest, open(manifest_out, "w", encoding="utf-8"), ensure_ascii=False, indent=1)
print("mirror ready:", mirror)

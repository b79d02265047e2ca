#!/usr/bin/python3
"""Checks an `analyze` output folder for internal consistency — what must hold whatever the
network: the region-size synthetic run in CI (tests/tools/synthetic_region_check.sh), whose
travel times are not real, is judged by these figures agreeing with each other.

- per commune and type: 0 <= population within <= population, the share is their ratio, the
  status follows the coverage rule (or a declared zone), mean <= worst time, a commune wholly
  within the threshold has its mean time within it;
- per type: the départements' populations, covered populations and white-zone counts (from
  territories.csv) are the sums over their communes;
- catchments: per structure and for the union, 15 <= 30 <= 45 minutes in area; every
  structure's area within the union's of the same limit (in area); geometries valid (GDAL).

Usage: check_analysis_consistency.py OUT_DIR   (exit 0: consistent; prints what it checked)
Needs Debian's /usr/bin/python3 with python3-gdal.
"""
import collections
import csv
import json
import sys

from osgeo import ogr

ogr.UseExceptions()
out = sys.argv[1]
problems = []


def check(ok, what):
    if not ok:
        problems.append(what)


communes = json.load(open(f"{out}/communes_coverage.geojson"))
by_dep = collections.defaultdict(lambda: [0, 0, 0])  # population, within, white-zone communes
by_count = collections.Counter()  # communes, for the rounding of their sums
checked = 0
for f in communes["features"]:
    p = f["properties"]
    key = (p["departement"], p["type"])
    pop, within = p["population"], p["population_within"]
    check(0 <= within <= pop + 1e-6, f"{p['insee']} {p['type']}: within {within} of {pop}")
    share = p["share_population_within"]
    if pop > 0:
        # Inhabitants are written rounded to the unit, shares to 0.01 %.
        check(abs(share - 100 * within / pop) <= 100 * 0.5 / pop + 0.006,
              f"{p['insee']} {p['type']}: share {share} vs {within}/{pop}")
        # (a share on a threshold, rounded to it, may fall either side)
        if not p["declared_area"] and abs(share - 95) > 0.006 and abs(share - 5) > 0.006:
            expected = ("covered" if share >= 95 - 1e-9 else
                        "white_zone" if share <= 5 + 1e-9 else "partial")
            check(p["status"] == expected, f"{p['insee']} {p['type']}: {p['status']} at {share} %")
    if p["mean_minutes"] is not None and p["max_minutes"] is not None:
        check(p["mean_minutes"] <= p["max_minutes"] + 0.01, f"{p['insee']}: mean > worst")
        if pop > 0 and share >= 100:  # (the worst point may hold a fraction of an inhabitant)
            check(p["mean_minutes"] <= p["threshold_min"] + 0.01,
                  f"{p['insee']} {p['type']}: all within yet mean {p['mean_minutes']}")
    d = by_dep[key]
    d[0] += pop
    d[1] += within
    d[2] += p["status"] == "white_zone"
    by_count[key] += 1
    checked += 1

rows = 0
with open(f"{out}/territories.csv", encoding="utf-8-sig") as fh:
    for r in csv.DictReader(fh, delimiter=";"):
        if r["Découpage"] != "Départements":
            continue
        code = r["Territoire"].split(" ")[0]
        d = by_dep[(code, r["Type de structure"])]
        check(abs(int(r["Population"]) - d[0]) <= 1, f"{code}: population {r['Population']} vs {d[0]}")
        check(abs(float(r["Population couverte"]) - d[1]) <= 0.5 * by_count[(code, r["Type de structure"])] + 1,
              f"{code} {r['Type de structure']}: covered {r['Population couverte']} vs {d[1]:.0f}")
        check(int(r["Communes en zone blanche"]) == d[2],
              f"{code} {r['Type de structure']}: white-zone communes {r['Communes en zone blanche']} vs {d[2]}")
        rows += 1

areas = collections.defaultdict(dict)  # (type, structure or union) -> limit -> km²
ds = ogr.Open(f"{out}/catchments.geojson")
layer = ds.GetLayer(0)
invalid = 0
for f in layer:
    g = f.GetGeometryRef()
    if g is not None and not g.IsValid():
        invalid += 1
    key = (f.GetField("type"), f.GetField("structure_id") or "union")
    areas[key][f.GetField("limit_min")] = f.GetField("area_km2")
check(invalid == 0, f"{invalid} invalid catchment geometries")
for (t, who), by_limit in areas.items():
    limits = sorted(by_limit)
    for a, b in zip(limits, limits[1:]):
        check(by_limit[a] <= by_limit[b] + 1e-6, f"{t} {who}: {a} min larger than {b} min")
    if who != "union":
        for lim, km2 in by_limit.items():
            union = areas.get((t, "union"), {}).get(lim)
            check(union is None or km2 <= union + 0.01, f"{t} {who} {lim} min: larger than union")

print(f"{checked} commune rows, {rows} département rows, {len(areas)} catchment sets checked; "
      f"{len(problems)} problem(s)")
for p in problems[:20]:
    print("  " + p)
sys.exit(1 if problems else 0)

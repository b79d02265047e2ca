#!/usr/bin/python3
"""Writes data/departement-distances.csv: for each metropolitan département, the others whose
outline lies within 100 km of its own (shortest distance between the outlines, Lambert-93,
0.1 km). `palliacarte fetch --with-roads` reads it to download the road extracts of every
département that a territory's structure margin reaches, not only its own.

Source: IGN ADMIN EXPRESS 2018 département outlines via france-geojson (departements.geojson,
Licence Ouverte 2.0). Overseas départements are islands or far from any other: they are not
listed, and have no neighbour within any margin.

Usage: scripts/make-departement-distances.py [DATA_ROOT]   (default ../shared/data)
Needs Debian's /usr/bin/python3 with python3-gdal.
"""
import os
import sys

from osgeo import ogr, osr

ogr.UseExceptions()
MAX_KM = 100


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    root = sys.argv[1] if len(sys.argv) > 1 else os.path.join(here, "..", "..", "shared", "data")
    src = ogr.Open(os.path.join(root, "communes", "france-geojson", "departements.geojson"))
    wgs84, l93 = osr.SpatialReference(), osr.SpatialReference()
    wgs84.ImportFromEPSG(4326)
    l93.ImportFromEPSG(2154)
    wgs84.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)
    to_l93 = osr.CoordinateTransformation(wgs84, l93)
    outlines = {}
    for f in src.GetLayer(0):
        g = f.GetGeometryRef().Clone()
        g.Transform(to_l93)
        outlines[f.GetField("code")] = g
    codes = sorted(outlines)
    rows = []
    for i, a in enumerate(codes):
        for b in codes[i + 1:]:
            ga, gb = outlines[a], outlines[b]
            if ga.Distance(gb) > MAX_KM * 1000:
                continue
            km = round(ga.Distance(gb) / 1000, 1)
            rows += [(a, b, km), (b, a, km)]
    rows.sort()
    out = os.path.join(here, "..", "data", "departement-distances.csv")
    with open(out, "w", encoding="utf-8") as f:
        f.write("departement,voisin,distance_km\n")
        for a, b, km in rows:
            f.write(f"{a},{b},{km}\n")
    print(f"{out}: {len(codes)} départements, {len(rows)} pairs within {MAX_KM} km")


if __name__ == "__main__":
    main()

#!/usr/bin/python3
"""Cuts a road link layer into a west and an east file that overlap, as two neighbouring
extracts do: the test that a network read from several files is the network read from one.

A link goes west when an end lies west of the cut plus the band, east when an end lies east of
the cut less the band; links in the band go to both (the overlap palliacarte counts once).
The cut is the median x of the link ends unless --cut-x is given. Node ids are kept, so the
junctions on the cut connect.

Usage: scripts/split-road-links.py IN OUT_DIR [--layer links] [--band-m 2000] [--cut-x X]
Writes OUT_DIR/west.gpkg and OUT_DIR/east.gpkg (layer named as in IN) and prints the counts.
Needs Debian's /usr/bin/python3 with python3-gdal.
"""
import argparse
import os
import statistics
import sys

from osgeo import ogr

ogr.UseExceptions()


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("input")
    ap.add_argument("out_dir")
    ap.add_argument("--layer", default=None)
    ap.add_argument("--band-m", type=float, default=2000)
    ap.add_argument("--cut-x", type=float, default=None)
    a = ap.parse_args()
    path = "/vsigzip/" + a.input if a.input.endswith(".gz") else a.input
    src = ogr.Open(path)
    layer = src.GetLayerByName(a.layer) if a.layer else src.GetLayer(0)
    if layer is None:
        sys.exit(f"{a.input}: no layer {a.layer}")
    ends = []
    for f in layer:
        g = f.GetGeometryRef()
        if g is not None and g.GetPointCount() >= 2:
            ends.append((g.GetX(0), g.GetX(g.GetPointCount() - 1)))
    cut = a.cut_x if a.cut_x is not None else statistics.median(x for e in ends for x in e)
    os.makedirs(a.out_dir, exist_ok=True)
    driver = ogr.GetDriverByName("GPKG")
    outs = {}
    for side in ("west", "east"):
        out_path = os.path.join(a.out_dir, side + ".gpkg")
        if os.path.exists(out_path):
            driver.DeleteDataSource(out_path)
        ds = driver.CreateDataSource(out_path)
        out = ds.CreateLayer(layer.GetName(), layer.GetSpatialRef(), layer.GetGeomType())
        defn = layer.GetLayerDefn()
        for i in range(defn.GetFieldCount()):
            out.CreateField(defn.GetFieldDefn(i))
        out.StartTransaction()
        outs[side] = [ds, out, 0]
    layer.ResetReading()
    both = 0
    for f in layer:
        g = f.GetGeometryRef()
        if g is None or g.GetPointCount() < 2:
            sides = ("west",)  # unusable: one copy, for the loader to reject and count
        else:
            xs = (g.GetX(0), g.GetX(g.GetPointCount() - 1))
            sides = tuple(s for s, keep in (("west", min(xs) < cut + a.band_m),
                                            ("east", max(xs) > cut - a.band_m)) if keep)
        both += len(sides) == 2
        for s in sides:
            ds, out, _ = outs[s]
            copy = ogr.Feature(out.GetLayerDefn())
            copy.SetFrom(f)
            out.CreateFeature(copy)
            outs[s][2] += 1
    for side, (ds, out, n) in outs.items():
        out.CommitTransaction()
        ds = None
        print(f"{side}: {n} links")
    print(f"cut at x = {cut:.0f}, {both} links in both files")


if __name__ == "__main__":
    main()

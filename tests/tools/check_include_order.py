#!/usr/bin/python3
"""Checks that every #include follows the data flow: a folder may include its own headers and
those of folders below it, never above. The order is the product's design (README, « Layout »):

  geo/:     core < model < crs, geos, gdal < config < roads < load, routing < analysis
            < cartography < output, inspect
  service/: http < ogc, on_demand, fetch < tiles < serve < cli < main.cpp
            (all of service above geo/; tiles are cut from the OGC collections)

Folders on one rung do not include each other either (ogc and on_demand are peers). Headers are
named from their folder root ("model/commune.hpp"), so the first path component is the folder.

Usage: check_include_order.py SOURCE_ROOT   (exit 0: no include against the order; else lists
them, one per line: file:line: folder -> included header). Before checking, it proves on a
small tree of its own that it catches an upward include and a peer include.
"""
import pathlib
import re
import sys
import tempfile

GEO = [["core"], ["model"], ["crs", "geos", "gdal"], ["config"], ["roads"], ["load", "routing"],
       ["analysis"], ["cartography"], ["output", "inspect"]]
SERVICE = [["http"], ["ogc", "on_demand", "fetch"], ["tiles"], ["serve"], ["cli"]]

RANK = {}
for rung, folders in enumerate(GEO + SERVICE):
    for folder in folders:
        RANK[("geo" if rung < len(GEO) else "service", folder)] = rung
BY_NAME = {folder: (tree, folder) for (tree, folder) in RANK}
INCLUDE = re.compile(r'^\s*#\s*include\s+"([^"]+)"')


def folder_of(path: pathlib.Path, root: pathlib.Path):
    parts = path.relative_to(root).parts
    if parts[0] in ("geo", "service") and len(parts) > 2:
        return (parts[0], parts[1])
    if parts[0] == "service":  # service/main.cpp sits above every service folder
        return ("service", None)
    return None


def violations(root: pathlib.Path):
    bad = []
    checked = 0
    for tree in ("geo", "service"):
        for path in sorted((root / tree).rglob("*")):
            if path.suffix not in (".hpp", ".cpp", ".in") or "web" in path.parts:
                continue
            here = folder_of(path, root)
            if here is None:
                continue
            here_rank = RANK.get(here, len(GEO) + len(SERVICE)) if here[1] else 99
            if here[1] and here not in RANK:
                bad.append(f"{path.relative_to(root)}: folder {here[1]}/ has no place in the order")
                continue
            for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
                match = INCLUDE.match(line)
                if not match or "/" not in match.group(1):
                    continue
                target = BY_NAME.get(match.group(1).split("/")[0])
                if target is None:
                    continue
                checked += 1
                if target == here:
                    continue
                if RANK[target] >= here_rank:
                    bad.append(f"{path.relative_to(root)}:{number}: {here[1] or 'main'}/ -> "
                               f"{match.group(1)}")
    return bad, checked


def catches_what_it_should() -> bool:
    with tempfile.TemporaryDirectory() as tmp:
        root = pathlib.Path(tmp)
        files = {"geo/model/a.hpp": '#include "core/x.hpp"\n#include "roads/graph.hpp"\n',
                 "geo/core/x.hpp": "",
                 "service/ogc/b.cpp": '#include "on_demand/c.hpp"\n#include "http/d.hpp"\n',
                 "service/serve/e.cpp": '#include "ogc/b.hpp"\n'}
        for name, text in files.items():
            (root / name).parent.mkdir(parents=True, exist_ok=True)
            (root / name).write_text(text)
        bad, _ = violations(root)
        return bad == ["geo/model/a.hpp:2: model/ -> roads/graph.hpp",
                       "service/ogc/b.cpp:1: ogc/ -> on_demand/c.hpp"]


def main() -> int:
    if not catches_what_it_should():
        print("check_include_order.py: the self-check failed (the checker misses violations)")
        return 2
    root = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else ".").resolve()
    bad, checked = violations(root)
    for line in bad:
        print(line)
    print(f"{checked} includes checked, {len(bad)} against the order")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())

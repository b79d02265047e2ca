#!/usr/bin/python3
"""The service half of the refactoring proof: starts `palliacarte serve` on a config, asks it a
fixed list of URLs (every OGC path, every collection's items in both CRSs, the on-demand
analyses, a scenario, wrong methods and unknown paths) and saves status, content type, Allow and
body of each. A second run compared with the first must be identical except the time stamps.

Usage:
  scripts/compare-service-responses.py capture BINARY CONFIG OUT_DIR [--data-root DIR]
  scripts/compare-service-responses.py compare BEFORE_DIR AFTER_DIR       (exit 0: identical)
"""
import json
import pathlib
import re
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request

STAMP = re.compile(r'"computed_ms": ?[0-9.]+|"timeStamp": ?"[^"]*"|"run_date": ?"[^"]*"|\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ')


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def ask(base, method, path, body=None):
    data = json.dumps(body).encode() if body is not None else None
    req = urllib.request.Request(base + path, data=data, method=method,
                                 headers={"Accept": "application/json",
                                          "Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(req, timeout=120) as r:
            return r.status, r.headers, r.read()
    except urllib.error.HTTPError as e:
        return e.code, e.headers, e.read()


def capture(binary, config, out_dir, extra):
    port = free_port()
    proc = subprocess.Popen([binary, "serve", config, "--port", str(port), "--quiet"] + extra,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(600):
            try:
                ask(base, "GET", "/")
                break
            except OSError:
                if proc.poll() is not None:
                    sys.exit("serve stopped: " + proc.stdout.read())
                time.sleep(0.2)
        collections = json.loads(ask(base, "GET", "/collections?f=json")[2])["collections"]
        structures = json.loads(ask(base, "GET", "/collections/structures/items?limit=3")[2])
        first_structure = structures["features"][0]["properties"]
        communes = json.loads(ask(base, "GET", "/collections/communes_coverage/items?limit=1")[2])
        insee = communes["features"][0]["properties"]["insee"]
        sid = first_structure.get("id") or first_structure.get("structure_id")
        stype = first_structure.get("type")
        lon, lat = structures["features"][0]["geometry"]["coordinates"][:2]
        urls = [("GET", "/"), ("GET", "/?f=json"), ("GET", "/conformance"), ("GET", "/api"),
                ("GET", "/collections"), ("GET", "/nowhere"), ("POST", "/collections"),
                ("DELETE", "/analysis/scenario"), ("POST", "/analysis/catchment"),
                ("GET", f"/analysis/communes/{insee}"), ("GET", "/analysis/communes/00000"),
                ("GET", f"/analysis/catchment?structure={sid}&minutes=15,30"),
                ("GET", f"/analysis/catchment?lon={lon}&lat={lat}&type={stype}&minutes=20"),
                ("GET", "/analysis/catchment?minutes=999"),
                ("POST", "/analysis/scenario",
                 {"added": [{"type": stype, "lon": lon + 0.1, "lat": lat + 0.05}], "removed": []}),
                ("POST", "/analysis/scenario", {"added": "nope"})]
        for c in collections:
            cid = c["id"]
            urls += [("GET", f"/collections/{cid}"), ("GET", f"/collections/{cid}/items?limit=5"),
                     ("GET", f"/collections/{cid}/items?limit=2&offset=3&crs="
                             "http://www.opengis.net/def/crs/EPSG/0/2154"),
                     ("GET", f"/collections/{cid}/items/1"),
                     ("GET", f"/collections/{cid}/items/999999"),
                     ("GET", f"/collections/{cid}/items?limit=0")]
        out = pathlib.Path(out_dir)
        out.mkdir(parents=True, exist_ok=True)
        for n, (method, path, *body) in enumerate(urls):
            status, headers, data = ask(base, method, path, body[0] if body else None)
            record = {"method": method, "path": path, "status": status,
                      "content_type": headers.get("Content-Type"), "allow": headers.get("Allow"),
                      "body": STAMP.sub("«date»", data.decode("utf-8", "replace")).replace(base, "«base»")}
            (out / f"{n:03d}.json").write_text(json.dumps(record, ensure_ascii=False, indent=1))
        print(f"{len(urls)} responses saved in {out}")
    finally:
        proc.terminate()
        proc.wait(timeout=30)


def compare(before, after):
    a = sorted(pathlib.Path(before).glob("*.json"))
    b = sorted(pathlib.Path(after).glob("*.json"))
    if [p.name for p in a] != [p.name for p in b]:
        print(f"different URL lists: {len(a)} vs {len(b)}")
        return 1
    differ = 0
    for pa, pb in zip(a, b):
        ra, rb = json.loads(pa.read_text()), json.loads(pb.read_text())
        if ra != rb:
            differ += 1
            keys = [k for k in ra if ra.get(k) != rb.get(k)]
            print(f"{ra['method']} {ra['path']}: differs in {', '.join(keys)}")
    print(f"{len(a)} responses compared, {differ} differ")
    return 1 if differ else 0


if __name__ == "__main__":
    if len(sys.argv) >= 5 and sys.argv[1] == "capture":
        capture(sys.argv[2], sys.argv[3], sys.argv[4], sys.argv[5:])
    elif len(sys.argv) == 4 and sys.argv[1] == "compare":
        sys.exit(compare(sys.argv[2], sys.argv[3]))
    else:
        sys.exit(__doc__)

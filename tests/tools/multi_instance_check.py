#!/usr/bin/python3
"""Several `serve --from PG:` instances behind nginx: one killed under load, then restarted.

usage: multi_instance_check.py PALLIACARTE_BINARY CONFIG CONNECTION [--seconds S]
       (CONNECTION `state:FILE`: the connection line of tests/tools/pg_cluster.sh's state file)

On 127.0.0.1 only, bounded. Writes CONFIG's run into the PostGIS database CONNECTION
(`analyze --out`, schema pc_instances), starts two `serve --from` instances and nginx in front
with the shipped site config (service/deploy/nginx/palliacarte.conf, its two commented
instance lines in place of the single server), then:
- throughput: wrk for 8 s through nginx with one instance, then with two (requests/s);
- failover: wrk for S seconds (default 30) through nginx with two instances, while a checker
  asks for a fixed list of URLs in turn and compares each answer with the single instance's;
  at S/3 one instance is killed (SIGKILL), at 2S/3 it is started again.
Prints JSON; exit 1 unless every request of the failover run got 2xx (wrk: no socket error, no
non-2xx answer), every checked answer equalled the reference byte for byte, and the restarted
instance served requests again.
"""
import argparse
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request

from nginx_front import free_port, shipped_site, start_nginx, wait_port

p = argparse.ArgumentParser()
p.add_argument("binary")
p.add_argument("config")
p.add_argument("connection")
p.add_argument("--seconds", type=float, default=30)
args = p.parse_args()

if args.connection.startswith("state:"):
    with open(args.connection[6:]) as state:
        args.connection = next(line[11:].strip() for line in state
                               if line.startswith("connection="))
SCHEMA = "pc_instances"
URLS = ["/collections", "/collections/communes_coverage/items?limit=20",
        "/collections/structures/items?limit=50",
        "/collections/white_zones/items?limit=5&offset=10",
        "/collections/catchments/items/1", "/collections/structures/items?limit=5&crs="
        "http://www.opengis.net/def/crs/EPSG/0/2154"]


STAMP = re.compile(rb'"timeStamp": ?"[^"]*"')


def get(url):
    # As nginx forwards it: the public Host (palliacarte answers 421 to another).
    req = urllib.request.Request(url, headers={"Host": f"127.0.0.1:{proxy_port}"})
    with urllib.request.urlopen(req, timeout=10) as r:
        return r.status, STAMP.sub(b"", r.read())  # the answer's time aside


work = tempfile.mkdtemp(prefix="palliacarte-instances-")
proxy_port = free_port()
public = f"http://127.0.0.1:{proxy_port}"
ports = [free_port(), free_port()]
logs = open(os.path.join(work, "serve.log"), "w")


def start_instance(port):
    proc = subprocess.Popen([args.binary, "serve", "--from", args.connection, "--schema", SCHEMA,
                             "--host", "127.0.0.1", "--port", str(port), "--public-url", public,
                             "--quiet", "--threads", "2"], stdout=subprocess.DEVNULL, stderr=logs)
    if not wait_port(port):
        raise SystemExit(f"instance on {port} did not start: " +
                         open(os.path.join(work, "serve.log")).read())
    return proc


def start_front(upstream_ports, name):
    """nginx with the shipped site, one server line per instance (the site's commented ones)."""
    site = shipped_site(proxy_port)
    commented = re.findall(r"^ *#   server 127\.0\.0\.1:\d+ (.*);$", site, re.M)
    if len(commented) < 2:
        raise SystemExit("the shipped site no longer shows the instances' server lines")
    servers = "\n".join(f"    server 127.0.0.1:{p} {commented[0]};" for p in upstream_ports)
    site = re.sub(r"^ *server 127\.0\.0\.1:8080;.*$", servers, site, count=1, flags=re.M)
    proc = start_nginx(os.path.join(work, name), site)
    if not wait_port(proxy_port):
        raise SystemExit("nginx did not start")
    return proc


def stop(proc):
    proc.terminate()
    try:
        proc.wait(timeout=15)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()


def wrk(seconds):
    out = subprocess.run(["wrk", "-t2", "-c8", f"-d{int(seconds)}s", "--latency",
                          public + "/collections/communes_coverage/items?limit=20"],
                         capture_output=True, text=True).stdout
    requests = int(re.search(r"(\d+) requests in", out).group(1))
    socket_errors = sum(int(n) for n in re.findall(
        r"(?:connect|read|write|timeout) (\d+)", out.split("Socket errors:")[1].split("\n")[0])) \
        if "Socket errors:" in out else 0
    non_2xx = int(re.search(r"Non-2xx or 3xx responses: (\d+)", out).group(1)) \
        if "Non-2xx" in out else 0
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    return {"requests": requests, "requests_per_s": round(rps), "socket_errors": socket_errors,
            "non_2xx": non_2xx}


result = {}
instances, nginx = [], None
try:
    run = subprocess.run([args.binary, "analyze", args.config, "--quiet", "--maps", "none",
                          "--out", args.connection, "--schema", SCHEMA],
                         capture_output=True, text=True)
    if run.returncode != 0:
        raise SystemExit("analyze --out PG: failed: " + run.stdout + run.stderr)
    instances = [start_instance(ports[0])]
    reference = {u: get(f"http://127.0.0.1:{ports[0]}{u}")[1] for u in URLS}

    nginx = start_front(ports[:1], "one")
    result["one_instance"] = wrk(8)
    stop(nginx)
    instances.append(start_instance(ports[1]))
    nginx = start_front(ports, "two")
    result["two_instances"] = wrk(8)

    checked, differ, failed = [0], [0], [0]
    done = threading.Event()

    def checker():
        while not done.is_set():
            for u in URLS:
                try:
                    status, body = get(public + u)
                    checked[0] += 1
                    if status != 200 or body != reference[u]:
                        differ[0] += 1
                except Exception:
                    failed[0] += 1
            time.sleep(0.05)

    def chaos():
        time.sleep(args.seconds / 3)
        instances[0].send_signal(signal.SIGKILL)
        instances[0].wait()
        result["killed_at_s"] = round(args.seconds / 3, 1)
        time.sleep(args.seconds / 3)
        instances[0] = start_instance(ports[0])
        result["restarted_at_s"] = round(2 * args.seconds / 3, 1)

    threads = [threading.Thread(target=checker), threading.Thread(target=chaos)]
    for t in threads:
        t.start()
    result["failover"] = wrk(args.seconds)
    done.set()
    for t in threads:
        t.join()
    result["checked_answers"] = checked[0]
    result["checked_differ"] = differ[0]
    result["checked_failed"] = failed[0]
    # The restarted instance serves again, directly.
    result["restarted_serves"] = get(f"http://127.0.0.1:{ports[0]}{URLS[1]}") == (200,
                                                                                  reference[URLS[1]])
    f = result["failover"]
    result["ok"] = (f["requests"] > 0 and f["socket_errors"] == 0 and f["non_2xx"] == 0
                    and result["checked_answers"] > 0 and result["checked_differ"] == 0
                    and result["checked_failed"] == 0 and result["restarted_serves"])
finally:
    if nginx:
        stop(nginx)
    for proc in instances:
        stop(proc)
    shutil.rmtree(work, ignore_errors=True)
print(json.dumps(result, indent=1))
sys.exit(0 if result.get("ok") else 1)

#!/usr/bin/python3
"""The production set-up of service/deploy/ under attack (127.0.0.1 only, bounded).

usage: deploy_check.py PALLIACARTE_BINARY CONFIG [--slow N] [--idle N] [--seconds S]

Starts `palliacarte serve` as an unprivileged user (nobody, no new privileges, at most 256
file descriptors: the fd-starved case) and nginx (Debian's) in front of it with the shipped
site config (service/deploy/nginx/palliacarte.conf, ports changed) and events settings. Then,
against nginx and, for comparison, against palliacarte directly:
- slowloris: N connections send a request head one header line every 2 s and never finish;
- fd exhaustion: N idle connections opened and held;
while a client asks for real layers once every 0.2 s. Reported per case: the legitimate
requests answered 200 and their slowest time, how many attacking sockets the server closed
and when, and palliacarte's CPU use during the attack (a spinning accept loop shows here).
Prints JSON; exit 1 unless, behind nginx, every legitimate request got 200 within 2 s in both
attacks, the slow sockets were closed by the server, and palliacarte stayed under 50 % of a core.
"""
import argparse
import json
import os
import resource
import shutil
import socket
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
p.add_argument("--slow", type=int, default=400)
p.add_argument("--idle", type=int, default=1000)
p.add_argument("--seconds", type=float, default=14)
args = p.parse_args()

soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
resource.setrlimit(resource.RLIMIT_NOFILE, (min(hard, 65536), hard))


def cpu_seconds(pid):
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def open_fds(pid):
    try:
        return len(os.listdir(f"/proc/{pid}/fd"))
    except OSError:
        return -1


work = tempfile.mkdtemp(prefix="palliacarte-deploy-")
os.chmod(work, 0o755)
app_port, proxy_port = free_port(), free_port()
public = f"http://127.0.0.1:{proxy_port}"

# palliacarte as the systemd unit runs it, as far as a test can without systemd: another
# user, no new privileges, few descriptors.
serve = [args.binary, "serve", os.path.abspath(args.config), "--host", "127.0.0.1", "--port",
         str(app_port), "--public-url", public, "--quiet"]
if os.geteuid() == 0 and shutil.which("setpriv"):
    serve = ["setpriv", "--reuid=nobody", "--regid=nogroup", "--clear-groups",
             "--no-new-privs"] + serve
env = dict(os.environ, XDG_CACHE_HOME=os.path.join(work, "cache"))
os.makedirs(env["XDG_CACHE_HOME"], mode=0o777, exist_ok=True)
os.chmod(env["XDG_CACHE_HOME"], 0o777)
app = subprocess.Popen(["prlimit", "--nofile=256"] + serve, env=env, stdout=subprocess.DEVNULL,
                       stderr=open(os.path.join(work, "serve.log"), "w"))

site = shipped_site(proxy_port).replace("server 127.0.0.1:8080;", f"server 127.0.0.1:{app_port};")
nginx = start_nginx(work, site, stderr=subprocess.PIPE)
result = {"palliacarte_port": app_port, "nginx_port": proxy_port}
try:
    if not wait_port(app_port) or not wait_port(proxy_port):
        print(open(os.path.join(work, "serve.log")).read(), file=sys.stderr)
        raise SystemExit("palliacarte or nginx did not start")
    app_pid = app.pid
    # setpriv and prlimit exec the server: the same pid.
    with urllib.request.urlopen(public + "/collections/communes/items?limit=2", timeout=10) as r:
        doc = json.load(r)
    result["through_nginx"] = {
        "status": r.status,
        "links_from_public_url": all(l["href"].startswith(public) for l in doc["links"]),
    }

    def legit(port, until, out):
        url = f"http://127.0.0.1:{port}/collections/communes/items?limit=5"
        while time.time() < until:
            t = time.time()
            try:
                with urllib.request.urlopen(url, timeout=5) as r:
                    r.read()
                    out.append((r.status, time.time() - t))
            except Exception:
                out.append(("error", time.time() - t))
            time.sleep(0.2)

    def attack(port, kind):
        socks, closed_at, start = [], [], time.time()
        for _ in range(args.slow if kind == "slowloris" else args.idle):
            try:
                s = socket.create_connection(("127.0.0.1", port), timeout=2)
                s.setblocking(False)
                if kind == "slowloris":
                    s.send(b"GET /collections HTTP/1.1\r\nHost: x\r\n")
                socks.append(s)
            except OSError:
                break
        opened = len(socks)
        answers = []
        cpu0, t0 = cpu_seconds(app_pid), time.time()
        fds_during = open_fds(app_pid)
        threading.Thread(target=legit, args=(port, time.time() + args.seconds, answers)).start()
        last_trickle = time.time()
        while time.time() - start < args.seconds:
            if kind == "slowloris" and time.time() - last_trickle >= 2:
                last_trickle = time.time()
                for s in socks:
                    try:
                        s.send(b"X-a: b\r\n")
                    except OSError:
                        pass
            for s in list(socks):
                try:
                    if s.recv(4096) == b"":
                        raise OSError
                except BlockingIOError:
                    continue
                except OSError:
                    pass
                closed_at.append(round(time.time() - start, 1))
                socks.remove(s)
                s.close()
            time.sleep(0.1)
        time.sleep(0.5)
        cpu = (cpu_seconds(app_pid) - cpu0) / (time.time() - t0)
        for s in socks:
            s.close()
        ok = [a for a in answers if a[0] == 200]
        return {
            "attack_sockets": opened,
            "closed_by_server": len(closed_at),
            "closed_after_s": [min(closed_at), max(closed_at)] if closed_at else None,
            "legit_requests": len(answers),
            "legit_200": len(ok),
            "legit_slowest_s": round(max((a[1] for a in answers), default=0), 2),
            "palliacarte_cpu_pct": round(100 * cpu, 1),
            "palliacarte_fds_during": fds_during,
        }

    for target, port in (("nginx", proxy_port), ("palliacarte_direct", app_port)):
        for kind in ("slowloris", "fd_exhaustion"):
            result[f"{kind}_{target}"] = attack(port, kind)
            time.sleep(1)
    result["palliacarte_alive"] = app.poll() is None
    behind = [result["slowloris_nginx"], result["fd_exhaustion_nginx"]]
    result["ok"] = (
        result["palliacarte_alive"]
        and result["through_nginx"]["links_from_public_url"]
        and all(b["legit_requests"] > 0 and b["legit_200"] == b["legit_requests"]
                and b["legit_slowest_s"] < 2 and b["palliacarte_cpu_pct"] < 50 for b in behind)
        and result["slowloris_nginx"]["closed_by_server"] == result["slowloris_nginx"]["attack_sockets"]
    )
finally:
    nginx.terminate()
    app.terminate()
    try:
        app.wait(timeout=15)
    except subprocess.TimeoutExpired:
        app.kill()
    nginx.wait(timeout=15)
    shutil.rmtree(work, ignore_errors=True)
print(json.dumps(result, indent=1))
raise SystemExit(0 if result.get("ok") else 1)

#!/usr/bin/python3
"""A local mirror of the official download sites, for palliacarte fetch's tests.

usage: mirror_server.py ROOT [--cut-once PATH=BYTES ...] [--cut-always PATH=BYTES ...]
                       [--log FILE] [--lifetime SECONDS]

Serves ROOT/<host>/<path> at http://127.0.0.1:PORT/<host>/<path> (the query string is ignored,
as for geo.api.gouv.fr's ?format=geojson), on a free port printed as the first line of stdout.
Honours "Range: bytes=N-" (206), answers 404 for what it does not have, and with --cut-once
drops the connection after BYTES bytes the first time PATH is asked for without a Range: an
interrupted transfer; --cut-always sends at most BYTES bytes of PATH in every answer (a
connection that keeps breaking). Every request is appended to --log ("GET /path range=N-"). It listens on
127.0.0.1 only and stops by itself after --lifetime seconds (default 300).
"""
import argparse
import http.server
import os
import sys
import threading

parser = argparse.ArgumentParser()
parser.add_argument("root")
parser.add_argument("--cut-once", action="append", default=[])
parser.add_argument("--cut-always", action="append", default=[])
parser.add_argument("--log")
parser.add_argument("--lifetime", type=float, default=300)
args = parser.parse_args()
cuts = {}
for spec in args.cut_once:
    path, nbytes = spec.rsplit("=", 1)
    cuts[path] = int(nbytes)
always = {}
for spec in args.cut_always:
    path, nbytes = spec.rsplit("=", 1)
    always[path] = int(nbytes)
lock = threading.Lock()


class Mirror(http.server.BaseHTTPRequestHandler):
    def log_message(self, *a):
        pass

    def do_GET(self):
        path = self.path.split("?", 1)[0]
        rng = self.headers.get("Range", "")
        if args.log:
            with lock, open(args.log, "a") as log:
                log.write(f"GET {path} range={rng[6:] if rng.startswith('bytes=') else ''}\n")
        file = os.path.normpath(os.path.join(args.root, path.lstrip("/")))
        if not file.startswith(os.path.abspath(args.root)) or not os.path.isfile(file):
            self.send_error(404, "Not Found")
            return
        size = os.path.getsize(file)
        start = 0
        if rng.startswith("bytes=") and rng.endswith("-"):
            start = int(rng[6:-1])
            if start >= size:
                self.send_response(416)
                self.send_header("Content-Range", f"bytes */{size}")
                self.end_headers()
                return
            self.send_response(206)
            self.send_header("Content-Range", f"bytes {start}-{size - 1}/{size}")
        else:
            self.send_response(200)
        self.send_header("Content-Length", str(size - start))
        self.send_header("Accept-Ranges", "bytes")
        self.end_headers()
        limit = None
        with lock:
            if not rng and path in cuts:
                limit = cuts.pop(path)
            if path in always:
                limit = always[path]
        with open(file, "rb") as f:
            f.seek(start)
            sent = 0
            while True:
                chunk = f.read(65536)
                if not chunk:
                    break
                if limit is not None and sent + len(chunk) > limit:
                    self.wfile.write(chunk[: limit - sent])
                    self.wfile.flush()
                    self.close_connection = True
                    self.connection.shutdown(2)  # the transfer breaks off here
                    return
                self.wfile.write(chunk)
                sent += len(chunk)


server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Mirror)
print(server.server_address[1], flush=True)
threading.Timer(args.lifetime, server.shutdown).start()
server.serve_forever()
sys.exit(0)

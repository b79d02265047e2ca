#!/usr/bin/python3
"""How palliacarte's server handles connections, with raw sockets (no client library hiding it).

usage: connection_check.py PORT
Prints one JSON line per case: the status line, the Connection header, and whether the server
closed the connection after answering ("closed") or kept it open ("open") — within 1.5 s.
"""
import json
import socket
import sys
import time

PORT = int(sys.argv[1])
CASES = {
    "http10": b"GET /conformance HTTP/1.0\r\n\r\n",
    "http10_keepalive": b"GET /conformance HTTP/1.0\r\nConnection: keep-alive\r\n\r\n",
    "http11": b"GET /conformance HTTP/1.1\r\nHost: 127.0.0.1:%d\r\n\r\n" % PORT,
    "http11_close": b"GET /conformance HTTP/1.1\r\nHost: 127.0.0.1:%d\r\nConnection: close\r\n\r\n"
    % PORT,
    "http11_no_host": b"GET /conformance HTTP/1.1\r\n\r\n",
    "http11_other_host": b"GET /conformance HTTP/1.1\r\nHost: evil.example:666\r\n\r\n",
}


def probe(request):
    s = socket.create_connection(("127.0.0.1", PORT), timeout=1.5)
    s.sendall(request)
    data, closed, start = b"", False, time.time()
    try:
        while time.time() - start < 1.5:
            chunk = s.recv(65536)
            if not chunk:
                closed = True
                break
            data += chunk
    except socket.timeout:
        pass
    s.close()
    head = data.split(b"\r\n\r\n", 1)[0].decode("latin-1").split("\r\n")
    conn = [h.split(":", 1)[1].strip() for h in head[1:] if h.lower().startswith("connection:")]
    return {"status": head[0], "connection": conn[0] if conn else None,
            "socket": "closed" if closed else "open"}


for name, request in CASES.items():
    print(json.dumps({"case": name, **probe(request)}))

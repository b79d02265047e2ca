"""Debian's nginx in front of palliacarte for the deployment tests, with the shipped site and
events files (service/deploy/nginx/), on 127.0.0.1 in a folder of the test's own: what
deploy_check.py and multi_instance_check.py share."""
import os
import socket
import subprocess
import time

SRC = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def free_port():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


def wait_port(port, seconds=120):
    end = time.time() + seconds
    while time.time() < end:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return True
        except OSError:
            time.sleep(0.1)
    return False


def shipped_site(listen_port):
    """The shipped site config, listening on 127.0.0.1:listen_port."""
    site = open(os.path.join(SRC, "service/deploy/nginx/palliacarte.conf")).read()
    return site.replace("listen 80;", f"listen 127.0.0.1:{listen_port};")


def start_nginx(folder, site, stderr=subprocess.DEVNULL):
    """Runs nginx (not as a daemon) on `site` with the shipped events settings; its pid file,
    logs and temporary files in `folder`."""
    events = open(os.path.join(SRC, "service/deploy/nginx/events.conf")).read()
    for sub in ("tmp", "logs"):
        os.makedirs(os.path.join(folder, sub), exist_ok=True)
    with open(os.path.join(folder, "site.conf"), "w") as f:
        f.write(site)
    with open(os.path.join(folder, "nginx.conf"), "w") as f:
        f.write(f"""worker_processes 1;
pid {folder}/nginx.pid;
error_log {folder}/logs/error.log warn;
{events}
http {{
    include /etc/nginx/mime.types;
    access_log off;
    client_body_temp_path {folder}/tmp/body;
    proxy_temp_path {folder}/tmp/proxy;
    fastcgi_temp_path {folder}/tmp/fastcgi;
    uwsgi_temp_path {folder}/tmp/uwsgi;
    scgi_temp_path {folder}/tmp/scgi;
    include {folder}/site.conf;
}}
""")
    return subprocess.Popen(["nginx", "-p", folder, "-c", os.path.join(folder, "nginx.conf"),
                             "-g", "daemon off;"], stderr=stderr)

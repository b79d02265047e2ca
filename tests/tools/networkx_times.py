#!/usr/bin/python3
"""Independent travel times for palliacarte's tests: networkx's Dijkstra on an edge list.

usage: networkx_times.py EDGES_CSV SOURCE CUTOFF_SECONDS [reverse]
EDGES_CSV: tail,head,seconds per line (no header). Prints "node seconds" per reached node.
"""
import csv
import sys

import networkx as nx

edges, source, cutoff = sys.argv[1], int(sys.argv[2]), float(sys.argv[3])
reverse = len(sys.argv) > 4 and sys.argv[4] == "reverse"
g = nx.DiGraph()
with open(edges) as f:
    for tail, head, seconds in csv.reader(f):
        u, v, w = int(tail), int(head), float(seconds)
        if reverse:
            u, v = v, u
        # Parallel links: keep the fastest, as any shortest path would.
        if not g.has_edge(u, v) or g[u][v]["w"] > w:
            g.add_edge(u, v, w=w)
for node, t in nx.single_source_dijkstra_path_length(g, source, cutoff=cutoff, weight="w").items():
    print(node, repr(t))

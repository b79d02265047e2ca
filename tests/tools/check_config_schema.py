#!/usr/bin/python3
"""The config schema against the world (CTest ConfigSchema).

1. data/territory-config.schema.json is a valid JSON Schema (draft 2020-12), checked with the
   reference Python validator (python3-jsonschema), independent of palliacarte's own.
2. Every shipped config (data/*.json, tests/configs/*.json) validates.
3. README.md documents exactly the schema's keys: the "Territory config" table has one row per
   top-level key, the "Coverage analysis" table one per analysis key, each row names the
   sub-keys of its section in backticks, and the "Road networks" text names every roads key.
   A row for a key the schema does not know fails too.
"""
import json
import pathlib
import re
import sys

import jsonschema

ROOT = pathlib.Path(__file__).resolve().parents[2]
schema = json.loads((ROOT / "data/territory-config.schema.json").read_text())
jsonschema.Draft202012Validator.check_schema(schema)
validator = jsonschema.Draft202012Validator(schema)
problems = []

not_configs = {"finess-plus-activities.json", "structure-types.json", "download-manifest.json", "territory-config.schema.json"}
configs = [p for p in sorted((ROOT / "data").glob("*.json")) if p.name not in not_configs]
configs += sorted((ROOT / "tests/configs").glob("*.json"))
for path in configs:
    for error in validator.iter_errors(json.loads(path.read_text())):
        problems.append(f"{path.relative_to(ROOT)}: {error.json_path}: {error.message}")


def resolve(node):
    while "$ref" in node:
        node = schema["$defs"][node["$ref"].split("/")[-1]]
    return node


def sub_keys(node):
    """Property names of an object schema, of its items' schema, and one level below that."""
    node = resolve(node)
    if node.get("type") == "array" and "items" in node:
        node = resolve(node["items"])
    out = set()
    for name, sub in node.get("properties", {}).items():
        if name == "about":
            continue
        out.add(name)
        out |= sub_keys(sub) if name in ("select", "fields") else set()
    return out


readme = (ROOT / "README.md").read_text()


def table_after(heading):
    section = readme.split(heading, 1)[1]
    rows = {}
    for line in section.splitlines():
        if line.startswith("## ") and rows:
            break
        m = re.match(r"\| `([a-z_.]+)` \|(.*)", line)
        if m:
            rows[m.group(1)] = m.group(2)
    return rows


def check_table(rows, properties, where):
    for key, sub in properties.items():
        if key not in rows:
            problems.append(f"README {where}: no row for `{key}`")
            continue
        if key in ("roads", "analysis"):
            continue  # documented in "Road networks" and "Coverage analysis"
        for name in sub_keys(sub):
            if f"`{name}`" not in rows[key] and f'"{name}"' not in rows[key]:
                problems.append(f"README {where}: row `{key}` does not name `{name}`")
    for key in rows:
        head = key.split(".")[0]
        node = properties.get(head)
        for part in key.split(".")[1:]:
            node = resolve(node).get("properties", {}).get(part) if node else None
        if node is None:
            problems.append(f"README {where}: row `{key}` is not a key of the schema")


check_table(table_after("## Territory config"), schema["properties"], "Territory config")
check_table(table_after("## Coverage analysis"),
            {k: v for k, v in schema["$defs"]["analysis"]["properties"].items() if k != "about"},
            "Coverage analysis")
roads_text = readme.split("### Road networks", 1)[1].split("\n## ", 1)[0]
for name in sub_keys(schema["$defs"]["roads"]):
    if f"`{name}`" not in roads_text and f'"{name}"' not in roads_text:
        problems.append(f"README Road networks: `roads.{name}` is not described")

for p in problems:
    print(p)
print(f"{len(configs)} configs validated; {len(problems)} problem(s)")
sys.exit(1 if problems else 0)

#!/usr/bin/env python3
"""The include graph between the folders of src/, checked against the pipeline's layers.

Every `#include "folder/file.h"` in src/<folder>/ is an edge <folder> -> folder. A folder may include
only folders of earlier layers (LAYERS): data flows one way, load -> compile -> score -> present, and
the building blocks below know nothing of the stages above them. So there is no cycle, and each
folder can be read and tested with only what is below it. Also checked: experts/ uses no model
types (it is statistics over ratings), formula/ none of the result's, and the command (src/cli/)
only the public headers (makerscore/...) and its own files, as any program using the library would.

    python3 tests/include_graph.py [SOURCE_DIR]     # prints the graph; exit 1 on a cycle
"""
import pathlib
import re
import sys

INCLUDE = re.compile(r'^\s*#\s*include\s+"([^"]+)"', re.M)


def graph(src):
    """{folder: {folder it includes: [(file, header), ...]}} over src/'s folders."""
    folders = {p.name for p in src.iterdir() if p.is_dir()}
    edges = {f: {} for f in sorted(folders)}
    for path in sorted(src.rglob("*")):
        if path.suffix not in (".h", ".cpp") or not path.is_file():
            continue
        here = path.relative_to(src).parts[0]
        for header in INCLUDE.findall(path.read_text(encoding="utf-8")):
            there = header.split("/")[0]
            if there in folders and there != here:
                edges[here].setdefault(there, []).append((str(path.relative_to(src)), header))
    return edges


# Earlier layers first; folders of one layer do not include each other.
LAYERS = [
    ["util"],                                             # text, numbers, files, statistics, threads
    ["formula", "methods", "means", "cohort", "weights", "experts", "data"],  # building blocks, each on its own
    ["rules"],                                            # load: YAML -> RuleSet, validated
    ["scoring"],                                          # compile: RuleSet -> plan; score: plan -> Result
    ["uncertainty"],                                      # many scorings of variant rule sets
    ["result"],                                           # reading a Result: explanations, checks, missing data
    ["present"],                                          # tables, CSV, JSON, workbooks, the HTML report
    ["cli"],                                              # the command
]
# Public headers a folder of the building blocks may not include (the model's and the result's types).
NARROW = {
    "experts": ["makerscore/model.h", "makerscore/result.h", "makerscore/score.h"],
    "formula": ["makerscore/model.h", "makerscore/result.h", "makerscore/score.h"],
    "methods": ["makerscore/model.h", "makerscore/result.h", "makerscore/score.h"],
    "means": ["makerscore/model.h", "makerscore/result.h", "makerscore/score.h"],
    "cohort": ["makerscore/model.h", "makerscore/result.h", "makerscore/score.h"],
    "weights": ["makerscore/model.h", "makerscore/result.h", "makerscore/score.h"],
}


def public_includes(src, folder):
    """[(file, header)] of the public headers the folder's files include."""
    out = []
    for path in sorted((src / folder).rglob("*")):
        if path.suffix in (".h", ".cpp"):
            for header in INCLUDE.findall(path.read_text(encoding="utf-8")):
                if header.startswith("makerscore/"):
                    out.append((str(path.relative_to(src)), header))
    return out


def cycles(edges):
    """Every elementary cycle, each as a list of folders (small graphs: plain DFS)."""
    found = []

    def walk(start, node, path):
        for nxt in edges.get(node, {}):
            if nxt == start:
                found.append(path + [start])
            elif nxt not in path and nxt > start:
                walk(start, nxt, path + [nxt])

    for start in edges:
        walk(start, start, [start])
    return found


def main():
    root = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else pathlib.Path(__file__).resolve().parents[1])
    src = root / "src"
    edges = graph(src)
    for folder, targets in edges.items():
        print(f"{folder:12} -> {', '.join(sorted(targets)) or '(public headers only)'}")
    bad = 0
    for cycle in cycles(edges):
        bad += 1
        print("include cycle: " + " -> ".join(cycle), file=sys.stderr)
        for a, b in zip(cycle, cycle[1:]):
            for file, header in edges[a][b][:3]:
                print(f"  {file} includes {header}", file=sys.stderr)
    layer = {f: k for k, folders in enumerate(LAYERS) for f in folders}
    for folder in edges:
        if folder not in layer:
            bad += 1
            print(f"src/{folder}/ is in no layer of tests/include_graph.py: add it to LAYERS", file=sys.stderr)
    for a, targets in edges.items():
        for b, uses in targets.items():
            if a in layer and b in layer and layer[b] >= layer[a] and a != "cli":
                bad += 1
                for file, header in uses:
                    print(f"{file} includes {header}: {a}/ may include only earlier layers "
                          f"({', '.join(f for f in layer if layer[f] < layer[a]) or 'none'})", file=sys.stderr)
    for folder, banned in NARROW.items():
        for file, header in public_includes(src, folder):
            if header in banned:
                bad += 1
                print(f"{file} includes {header}: {folder}/ works on narrow inputs, not the model's or "
                      "the result's types", file=sys.stderr)
    for folder in ("cli",):
        for target, uses in edges.get(folder, {}).items():
            bad += 1
            for file, header in uses:
                print(f"{file} includes the library's internal {header}: the command uses the public "
                      "headers (include/makerscore/) only", file=sys.stderr)
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/env python3
"""Score the engine on the shared corpora, with real-train split by source site.

usage: tests/corpus/eval.py [--errors] [SET ...]

SKILLMARK_BIN overrides the binary. SET is one of dev, heldout, seed, real, folds, blind
(default: dev heldout seed folds). `folds` is real-train's folds 1-4 by source site
(../shared/tools/folds.py); `blind` is fold 0, the sealed blind split: score it once per session,
at the end, record it in tests/corpus/BLIND.md, and never keep or undo a change because of it.
Note that the compiled-in learned layer was trained on folds 1-4: their score here is in-sample;
the cross-validated figure is `cargo run --release --example learn -- cv`.
Runs `target/release/skillmark predict` (build it first) and ../shared/tools/score.py; subsets
go to a temporary directory, never into the repository.
"""
import json
import os
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
SHARED = os.path.join(ROOT, "..", "shared")
CORPUS = os.path.join(SHARED, "corpus")
BIN = os.environ.get("SKILLMARK_BIN") or os.path.join(ROOT, "target", "release", "skillmark")


def real_split():
    """real-train's lines of folds 1-4 and of fold 0 (folds.py: by a hash of the source site)."""
    out = subprocess.run([sys.executable, os.path.join(SHARED, "tools", "folds.py"), "ids", "0"],
                         capture_output=True, text=True, check=True).stdout
    blind = set(out.split())
    with open(os.path.join(CORPUS, "real-train.jsonl")) as f:
        lines = [l for l in f if l.strip()]
    folds = [l for l in lines if json.loads(l)["id"] not in blind]
    bl = [l for l in lines if json.loads(l)["id"] in blind]
    return folds, bl


def main(argv):
    errors = "--errors" in argv
    sets = [a for a in argv[1:] if not a.startswith("--")]
    if not sets:
        sets = ["dev", "heldout", "seed", "folds"]
    folds, blind = real_split()
    with tempfile.TemporaryDirectory() as tmp:
        for name in sets:
            if name == "dev":
                gold = os.path.join(CORPUS, "dev.jsonl")
            elif name == "heldout":
                gold = os.path.join(ROOT, "tests", "corpus", "heldout.jsonl")
            elif name == "seed":
                gold = os.path.join(CORPUS, "seed.jsonl")
            elif name == "real":
                gold = os.path.join(CORPUS, "real-train.jsonl")
            elif name in ("folds", "blind"):
                gold = os.path.join(tmp, name + ".jsonl")
                with open(gold, "w") as f:
                    f.writelines(folds if name == "folds" else blind)
            else:
                sys.exit(f"unknown set {name!r}")
            pred = os.path.join(tmp, name + ".pred")
            with open(pred, "w") as f:
                subprocess.run([BIN, "predict", gold], stdout=f, check=True)
            out = subprocess.run([sys.executable, os.path.join(SHARED, "tools", "score.py"), gold, pred]
                                 + (["--errors"] if errors else []), capture_output=True, text=True, check=True).stdout
            print(f"== {name}")
            print(out.rstrip())


if __name__ == "__main__":
    main(sys.argv)

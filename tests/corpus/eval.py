#!/usr/bin/env python3
"""Score the engine on the shared corpora, with real-train split by source site.

usage: tests/corpus/eval.py [--blind] [--errors] [SET ...]

SKILLMARK_BIN overrides the binary. SET is one of dev, heldout, seed, tune, blind (default: dev heldout seed tune). `tune` is
real-train without the blind sites of tests/corpus/blind_sites.txt; `blind` is only those
sites and is scored only when asked for by name or with --blind (score it when a change is
done, never while tuning). Runs `target/release/skillmark predict` (build it first) and
../shared/tools/score.py; subsets go to a temporary directory, never into the repository.
"""
import json
import os
import subprocess
import sys
import tempfile
import urllib.parse

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
SHARED = os.path.join(ROOT, "..", "shared")
CORPUS = os.path.join(SHARED, "corpus")
BIN = os.environ.get("SKILLMARK_BIN") or os.path.join(ROOT, "target", "release", "skillmark")


def blind_hosts():
    with open(os.path.join(ROOT, "tests", "corpus", "blind_sites.txt")) as f:
        return {l.strip() for l in f if l.strip() and not l.startswith("#")}


def host(url):
    return urllib.parse.urlparse(url).netloc.lower().removeprefix("www.")


def real_split():
    hosts = blind_hosts()
    with open(os.path.join(CORPUS, "real-train_sources.jsonl")) as f:
        blind = {s["id"] for s in map(json.loads, filter(str.strip, f)) if host(s["url"]) in hosts}
    with open(os.path.join(CORPUS, "real-train.jsonl")) as f:
        lines = [l for l in f if l.strip()]
    tune = [l for l in lines if json.loads(l)["id"] not in blind]
    bl = [l for l in lines if json.loads(l)["id"] in blind]
    return tune, bl


def main(argv):
    errors = "--errors" in argv
    sets = [a for a in argv[1:] if not a.startswith("--")]
    if not sets:
        sets = ["dev", "heldout", "seed", "tune"] + (["blind"] if "--blind" in argv else [])
    tune, blind = real_split()
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
            elif name in ("tune", "blind"):
                gold = os.path.join(tmp, name + ".jsonl")
                with open(gold, "w") as f:
                    f.writelines(tune if name == "tune" else blind)
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

#!/usr/bin/env python3
"""TEI read back: `wiremark -t tei x | wiremark -f tei -t json` must equal
`wiremark -t json x`.

usage: tei_roundtrip.py PATH/TO/wiremark  (run by meson test)

Inputs: every samples/*.txt, with and without --date; all of them at once
as a feed (a teiCorpus); and, when ../shared is there, the seed article and
every article of corpora/reuters-dev and bbc-dev (with --date).

The JSON objects are compared whole, meta.source and meta.line included:
wiremark's TEI records them in sourceDesc/bibl (idno type="source",
biblScope unit="line") and the reader gives them back.  One normalisation,
and only on the wire side: the characters the XML writer leaves out by
design (C0 controls but TAB and LF, DEL, C1 controls, U+FFFE, U+FFFF: see
src/write/escape.h) are removed from its strings, as XML 1.0 cannot carry C0
controls and the project keeps DEL and C1 out of HTML and XML alike.  The
script prints how many articles needed it.
"""
import glob
import json
import os
import re
import subprocess
import sys

ROOT = os.environ.get("WM_SOURCE_ROOT", os.path.join(os.path.dirname(__file__), ".."))
SHARED = os.environ.get("WM_SHARED_DIR", os.path.join(ROOT, "..", "shared"))
DATE = ["--date", "2026-11-28"]
LEFT_OUT = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ufffe\uffff]")


def run(wm, args, stdin=None):
    p = subprocess.run([wm, "-q", *args], input=stdin, capture_output=True, timeout=60)
    return p.returncode, p.stdout, p.stderr.decode("utf-8", "replace")


def strip_left_out(v):
    if isinstance(v, str):
        return LEFT_OUT.sub("", v)
    if isinstance(v, list):
        return [strip_left_out(x) for x in v]
    if isinstance(v, dict):
        return {k: strip_left_out(x) for k, x in v.items()}
    return v


def objects(out):
    return [json.loads(line) for line in out.decode("utf-8").splitlines() if line.strip()]


def first_difference(a, b, path="$"):
    if type(a) is not type(b):
        return f"{path}: {a!r} vs {b!r}"
    if isinstance(a, dict):
        for k in sorted(set(a) | set(b)):
            if k not in a or k not in b:
                return f"{path}.{k}: only on one side"
            d = first_difference(a[k], b[k], f"{path}.{k}")
            if d:
                return d
        return None
    if isinstance(a, list):
        if len(a) != len(b):
            return f"{path}: {len(a)} items vs {len(b)}"
        for i, (x, y) in enumerate(zip(a, b)):
            d = first_difference(x, y, f"{path}[{i}]")
            if d:
                return d
        return None
    return None if a == b else f"{path}: {a!r} vs {b!r}"


class Tally:
    def __init__(self):
        self.articles = self.inputs = self.bad = self.normalised = 0

    def fail(self, what, why):
        self.bad += 1
        if self.bad <= 10:
            print(f"FAIL {what}: {why}")


def check(wm, files, extra, tally):
    rc, tei, err = run(wm, ["-t", "tei", *extra, *files])
    rc2, want, err2 = run(wm, ["-t", "json", *extra, *files])
    what = files[0] if len(files) == 1 else f"feed of {len(files)}"
    tally.inputs += 1
    if rc or rc2:
        tally.fail(what, f"wiremark failed: {err}{err2}")
        return
    rc, got, err = run(wm, ["-f", "tei", "-t", "json", *extra], stdin=tei)
    if rc:
        tally.fail(what, f"reading the TEI back failed (exit {rc}): {err}")
        return
    want_objs, got_objs = objects(want), objects(got)
    clean = strip_left_out(want_objs)
    tally.normalised += sum(1 for a, b in zip(want_objs, clean) if a != b)
    tally.articles += len(want_objs)
    diff = first_difference(got_objs, clean)
    if diff:
        tally.fail(what, diff)


def main():
    wm = os.path.abspath(sys.argv[1])
    samples = sorted(glob.glob(os.path.join(ROOT, "samples", "*.txt")))
    tally = Tally()
    for f in samples:
        check(wm, [f], [], tally)
        check(wm, [f], DATE, tally)
    check(wm, samples, DATE, tally)
    if os.path.isdir(SHARED):
        rest = [os.path.join(SHARED, "samples", "000_13d9be2aa1a7efac.txt")]
        for corpus in ("reuters-dev", "bbc-dev"):
            rest += sorted(glob.glob(os.path.join(SHARED, "corpora", corpus, "*.txt")))
        for f in rest:
            check(wm, [f], DATE, tally)
    else:
        print("note: ../shared is absent: samples/ only")
    print(f"{tally.inputs - tally.bad} of {tally.inputs} inputs ({tally.articles} articles) "
          f"read back from TEI to the same JSON; {tally.normalised} articles needed the "
          f"left-out characters removed from the wire side")
    sys.exit(1 if tally.bad else 0)


if __name__ == "__main__":
    main()

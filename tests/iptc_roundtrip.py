#!/usr/bin/env python3
"""NITF and NewsML-G2 read back: `wiremark -t nitf x | wiremark -f nitf -t
json` must give what `wiremark -t json x` gives, and the same through
`-t newsml` and `-f newsml` (issue 24, item 6).

usage: iptc_roundtrip.py PATH/TO/wiremark  (run by meson test)

Inputs: every samples/*.txt on its own, with and without --date; all of
them at once as a feed (NITF: a newsMessage of NITF items); and, when
../shared is there, the seed article and every article of
corpora/reuters-dev and bbc-dev (with --date), as feeds of 250 files.

Compared: headline, deck, byline (its lines), dateline (every part),
body (every block's type and text), trailer, and of meta the keys the
format holds (NITF: slug in du-key, ednote in ed-msg, urgency; NewsML-G2:
slug in slugline, ednote in edNote, urgency) when the wire side has them.
meta.source and meta.line name the NITF or NewsML document, not the wire
text (neither format has a place for them), and the writers add keys of
their own (id, lang, provider, ...): those are not compared.  As in
tei_roundtrip.py, the characters XML cannot carry (C0 controls but TAB and
LF, DEL, C1, U+FFFE, U+FFFF) are removed from the wire side first.
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
META = {"nitf": ("slug", "ednote", "urgency"), "newsml": ("slug", "ednote", "urgency")}
CHUNK = 250


def run(wm, args, stdin=None):
    p = subprocess.run([wm, "-q", *args], input=stdin, capture_output=True, timeout=300)
    return p.returncode, p.stdout, p.stderr.decode("utf-8", "replace")


def clean(v):
    if isinstance(v, str):
        return LEFT_OUT.sub("", v)
    if isinstance(v, list):
        return [clean(x) for x in v]
    if isinstance(v, dict):
        return {k: clean(x) for k, x in v.items()}
    return v


def objects(out):
    return [json.loads(line) for line in out.decode("utf-8").splitlines() if line.strip()]


def difference(fmt, want, got):
    """The first difference between two articles' JSON forms, or None."""
    for k in ("headline", "deck", "byline", "dateline", "body", "trailer"):
        if want.get(k) != got.get(k):
            return f"{k}: {json.dumps(want.get(k), ensure_ascii=False)[:200]} vs " \
                   f"{json.dumps(got.get(k), ensure_ascii=False)[:200]}"
    for k in META[fmt]:
        if k in want["meta"] and want["meta"][k] != got["meta"].get(k):
            return f"meta.{k}: {want['meta'][k]!r} vs {got['meta'].get(k)!r}"
    return None


class Tally:
    def __init__(self):
        self.articles = self.inputs = self.bad = 0

    def fail(self, what, why):
        self.bad += 1
        if self.bad <= 10:
            print(f"FAIL {what}: {why}")


def check(wm, fmt, files, extra, tally):
    what = f"{fmt}: " + (files[0] if len(files) == 1 else f"feed of {len(files)}")
    tally.inputs += 1
    rc, doc, err = run(wm, ["-t", fmt, *extra, *files])
    rc2, want, err2 = run(wm, ["-t", "json", *extra, *files])
    if rc or rc2:
        tally.fail(what, f"wiremark failed: {err}{err2}")
        return
    rc, got, err = run(wm, ["-f", fmt, "-t", "json", *extra], stdin=doc)
    if rc:
        tally.fail(what, f"reading the {fmt} back failed (exit {rc}): {err[:300]}")
        return
    want_objs, got_objs = clean(objects(want)), objects(got)
    tally.articles += len(want_objs)
    if len(want_objs) != len(got_objs):
        tally.fail(what, f"{len(want_objs)} articles vs {len(got_objs)}")
        return
    for i, (a, b) in enumerate(zip(want_objs, got_objs)):
        d = difference(fmt, a, b)
        if d:
            tally.fail(what, f"article {i + 1}: {d}")
            return


def main():
    wm = os.path.abspath(sys.argv[1])
    samples = sorted(glob.glob(os.path.join(ROOT, "samples", "*.txt")))
    rest = []
    if os.path.isdir(SHARED):
        rest = [os.path.join(SHARED, "samples", "000_13d9be2aa1a7efac.txt")]
        for corpus in ("reuters-dev", "bbc-dev"):
            rest += sorted(glob.glob(os.path.join(SHARED, "corpora", corpus, "*.txt")))
    else:
        print("note: ../shared is absent: samples/ only")
    failed = False
    for fmt in ("nitf", "newsml"):
        tally = Tally()
        for f in samples:
            check(wm, fmt, [f], [], tally)
            check(wm, fmt, [f], DATE, tally)
        check(wm, fmt, samples, DATE, tally)
        for i in range(0, len(rest), CHUNK):
            check(wm, fmt, rest[i:i + CHUNK], DATE, tally)
        print(f"{fmt}: {tally.inputs - tally.bad} of {tally.inputs} inputs "
              f"({tally.articles} articles) read back to the same JSON")
        failed = failed or tally.bad > 0
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()

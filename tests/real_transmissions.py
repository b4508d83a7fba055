#!/usr/bin/env python3
"""Real agency transmissions, read by wiremark (issue 23, item 6).  Every
row of tests/real-datelines/transmissions.tsv holds the bytes of a
transmission (escaped: \\xNN, \\r, \\n, \\t, \\\\) and what a correct
reader takes from its header: headline, byline, slug, take words, the
first words of the body and the trailer.  Each is given to `wiremark -t
json` and every field compared; prints a table per agency and every
field read wrong, and exits 1 when any is.

usage: real_transmissions.py PATH/TO/wiremark [transmissions.tsv]
(run by meson test as 'real-transmissions')
"""
import collections
import json
import os
import re
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT_TSV = os.path.join(HERE, "real-datelines", "transmissions.tsv")
COLUMNS = ["id", "agency", "format", "source", "bytes", "expect_headline",
           "expect_byline", "expect_slug", "expect_take", "expect_first_words",
           "expect_trailer"]
ESCAPE = re.compile(r"\\(x[0-9a-fA-F]{2}|n|r|t|\\)")
ENV = dict(os.environ, LC_ALL="C.UTF-8", LANG="C.UTF-8")


def unescape(s):
    def one(m):
        e = m.group(1)
        return {"n": "\n", "r": "\r", "t": "\t", "\\": "\\"}.get(e) or chr(int(e[1:], 16))
    return ESCAPE.sub(one, s)


def read_rows(path):
    with open(path, encoding="utf-8") as f:
        header = f.readline().rstrip("\n").split("\t")
        if header != COLUMNS:
            sys.exit(f"{path}: header is {header}, expected {COLUMNS}")
        rows = []
        for n, line in enumerate(f, 2):
            cells = line.rstrip("\n").split("\t")
            if len(cells) != len(COLUMNS):
                sys.exit(f"{path}:{n}: {len(cells)} columns, expected {len(COLUMNS)}")
            rows.append(dict(zip(COLUMNS, cells)))
    return rows


def read(wm, data):
    p = subprocess.run([wm, "-t", "json"], input=data.encode("utf-8"),
                       capture_output=True, env=ENV, timeout=30)
    if p.returncode != 0:
        raise RuntimeError(f"exit {p.returncode}: {p.stderr.decode()[:200]}")
    return json.loads(p.stdout.decode("utf-8").splitlines()[0])


def got_fields(a):
    body = a.get("body") or []
    return {
        "headline": a.get("headline") or "",
        "byline": a.get("byline") or "",
        "slug": (a.get("meta") or {}).get("slug") or "",
        "take": (a.get("meta") or {}).get("take") or "",
        "first_words": body[0]["text"] if body else "",
        "trailer": a.get("trailer") or "",
    }


def main():
    if len(sys.argv) not in (2, 3):
        sys.exit(__doc__.split("\n\n")[1])
    wm = os.path.abspath(sys.argv[1])
    rows = read_rows(sys.argv[2] if len(sys.argv) == 3 else DEFAULT_TSV)
    by_agency = collections.defaultdict(lambda: [0, 0])
    wrong = []
    for r in rows:
        got = got_fields(read(wm, unescape(r["bytes"])))
        why = []
        for k, v in got.items():
            want = unescape(r["expect_" + k])
            ok = v.startswith(want) if k == "first_words" else v == want
            if not ok:
                why.append(f"{k}: want {want!r}, got {v!r}")
        key = f"{r['agency']} ({r['format']})"
        by_agency[key][0] += 1
        by_agency[key][1] += not why
        if why:
            wrong.append((r["id"], why))
    print(f"{'agency':<22} {'transmissions':>13} {'right':>5}")
    for k in sorted(by_agency):
        print(f"{k:<22} {by_agency[k][0]:>13} {by_agency[k][1]:>5}")
    for i, why in wrong:
        print(f"  {i}: " + "; ".join(why))
    print(f"\n{len(rows) - len(wrong)}/{len(rows)} transmissions read right")
    return 1 if wrong else 0


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/env python3
"""Real first paragraphs of news agency copy, read by wiremark (issue 13,
item 6).  Every line of tests/real-datelines/lines.tsv is given to
`wiremark -t json` as the first paragraph of an article (a headline, a blank
line, the line), and the dateline wiremark finds is compared with the one
written in the file: place, region, date, agency credit and dash, each as
written in the text.  Lines marked NONE are real sentences that only look
like datelines: wiremark must find no dateline in them.

Prints a table per agency and per language, the overall rate and every line
read wrong; exits 1 when the overall rate is under --min-rate (98 %).

usage: real_datelines.py PATH/TO/wiremark [lines.tsv] [--min-rate N]
       [--quiet] [--only ID,ID...]
(run by meson test as 'real-datelines')
"""
import argparse
import collections
import json
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT_TSV = os.path.join(HERE, "real-datelines", "lines.tsv")
COLUMNS = ["id", "agency", "lang", "source", "text", "expect_place",
           "expect_region", "expect_date", "expect_agency", "expect_dash"]
FIELDS = ["place", "region", "date", "agency", "dash"]
ENV = dict(os.environ, LC_ALL="C.UTF-8", LANG="C.UTF-8")


def read_rows(path):
    rows = []
    with open(path, encoding="utf-8") as f:
        header = f.readline().rstrip("\n").split("\t")
        if header != COLUMNS:
            sys.exit(f"{path}: header is {header}, expected {COLUMNS}")
        for n, line in enumerate(f, 2):
            line = line.rstrip("\n")
            if not line:
                continue
            cells = line.split("\t")
            if len(cells) != len(COLUMNS):
                sys.exit(f"{path}:{n}: {len(cells)} columns, expected {len(COLUMNS)}")
            row = dict(zip(COLUMNS, cells))
            row["line"] = n
            rows.append(row)
    ids = collections.Counter(r["id"] for r in rows)
    dup = [i for i, c in ids.items() if c > 1]
    if dup:
        sys.exit(f"{path}: duplicate ids {dup}")
    return rows


def is_lookalike(row):
    return all(row["expect_" + k] == "NONE" for k in FIELDS)


def read_dateline(wm, text):
    """The dateline wiremark reads at the start of TEXT, as a dict, or None;
    raises RuntimeError when wiremark fails or prints no JSON."""
    article = ("Test\n\n" + text + "\n").encode("utf-8")
    p = subprocess.run([wm, "-t", "json"], input=article, capture_output=True,
                       env=ENV, timeout=30)
    if p.returncode != 0:
        raise RuntimeError(f"exit {p.returncode}: "
                           + p.stderr.decode("utf-8", "replace").strip()[:200])
    try:
        doc = json.loads(p.stdout.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as e:
        raise RuntimeError(f"no JSON on stdout ({e})")
    if isinstance(doc, list):  # a feed: the first article
        doc = doc[0] if doc else {}
    return doc.get("dateline")


def check(row, dateline):
    """(right, why): why lists the differences when wrong."""
    if is_lookalike(row):
        if dateline is None:
            return True, ""
        return False, f"a dateline was read: {json.dumps(dateline, ensure_ascii=False)}"
    if dateline is None:
        return False, "no dateline read"
    why = []
    for k in FIELDS:
        want = row["expect_" + k]
        got = dateline.get(k) or ""
        if got != want:
            why.append(f"{k}: want {want!r}, got {got!r}")
    return not why, "; ".join(why)


def table(title, groups):
    width = max([len(title)] + [len(k) for k in groups])
    print(f"\n{title:<{width}}  {'lines':>5}  {'right':>5}  {'rate':>6}")
    for k in sorted(groups, key=lambda k: (-groups[k][0], k.lower())):
        n, right = groups[k]
        print(f"{k:<{width}}  {n:>5}  {right:>5}  {100.0 * right / n:>5.1f}%")


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("wiremark")
    ap.add_argument("tsv", nargs="?", default=DEFAULT_TSV)
    ap.add_argument("--min-rate", type=float, default=98.0,
                    help="exit 1 below this overall rate, in percent (98)")
    ap.add_argument("--quiet", action="store_true", help="no list of failures")
    ap.add_argument("--only", default="", help="comma-separated ids to run")
    a = ap.parse_args()
    wm = os.path.abspath(a.wiremark)
    rows = read_rows(a.tsv)
    if a.only:
        keep = set(a.only.split(","))
        rows = [r for r in rows if r["id"] in keep]
    if not rows:
        sys.exit("no lines to run")

    by_agency = collections.defaultdict(lambda: [0, 0])
    by_lang = collections.defaultdict(lambda: [0, 0])
    by_kind = collections.defaultdict(lambda: [0, 0])
    failures, errors = [], []
    for r in rows:
        try:
            ok, why = check(r, read_dateline(wm, r["text"]))
        except (RuntimeError, subprocess.TimeoutExpired) as e:
            ok, why = False, f"wiremark failed: {e}"
            errors.append(r["id"])
        kind = "look-alikes" if is_lookalike(r) else "datelines"
        for groups, key in ((by_agency, r["agency"]), (by_lang, r["lang"]),
                            (by_kind, kind)):
            groups[key][0] += 1
            groups[key][1] += ok
        if not ok:
            failures.append((r, why))

    total = len(rows)
    right = total - len(failures)
    rate = 100.0 * right / total
    table("agency", by_agency)
    table("language", by_lang)
    table("kind", by_kind)
    print(f"\noverall: {right}/{total} right, {rate:.1f}% "
          f"(minimum {a.min_rate:g}%)")
    if failures and not a.quiet:
        print(f"\n{len(failures)} lines read wrong:")
        for r, why in failures:
            text = r["text"] if len(r["text"]) <= 90 else r["text"][:87] + "..."
            print(f"  {r['id']} [{r['agency']}, {r['lang']}] {text}\n      {why}")
    if errors:
        print(f"\nwiremark failed on {len(errors)} lines: {', '.join(errors)}")
        return 1
    return 0 if rate >= a.min_rate else 1


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/env python3
"""The Markdown round trip on the command line: for every sample, the seed
article and every dev-corpus article,

    wiremark -t markdown x | wiremark -f markdown -t json   ==  wiremark -t json x
    wiremark -s -t markdown x | wiremark -f markdown -t json ==  wiremark -t json x

usage: markdown_roundtrip.py PATH/TO/wiremark

Plain Markdown has no place for where the article came from: there
meta.source is "-" (standard input) and is left out of the comparison, and
so are meta.line and meta.slug of the inputs whose first article has a slug
or whose headline is not on line 1 (the Markdown's headline is on its line
1).  With -s the front matter carries the first article's source, line and
slug, and only meta.line and meta.slug of the articles after the first in a
feed are left out.  An article's own metadata (a transmission's header
fields, docs/transmissions.md) is in the front matter of -s only, as
"wire.KEY" for the first article: it is left out where slug is.  The counts of what was left out are printed.
"""
import glob
import json
import os
import subprocess
import sys

ROOT = os.environ.get("WM_SOURCE_ROOT", os.path.join(os.path.dirname(__file__), ".."))
SHARED = os.environ.get("WM_SHARED_DIR", os.path.join(ROOT, "..", "shared"))
DATE = ["--date", "2026-11-28"]


def inputs():
    files = sorted(glob.glob(os.path.join(ROOT, "samples", "*.txt")))
    if os.path.isdir(SHARED):
        files.append(os.path.join(SHARED, "samples", "000_13d9be2aa1a7efac.txt"))
        for corpus in ("reuters-dev", "bbc-dev"):
            files += sorted(glob.glob(os.path.join(SHARED, "corpora", corpus, "*.txt")))
    else:
        print("note: ../shared is absent: samples/ only")
    return files


def run(args, data=None):
    p = subprocess.run(args, input=data, capture_output=True, timeout=60)
    return p.returncode, p.stdout, p.stderr.decode("utf-8", "replace")


def articles(out):
    return [json.loads(line) for line in out.decode().splitlines() if line.strip()]


def own(a):
    """The article's own metadata (a transmission's fields): only the front
    matter of -s carries them, for the first article."""
    return [k for k in a["meta"] if k not in ("source", "line", "slug")]


def normalised(arts, keys_of):
    """The articles with the meta keys keys_of(i, article) left out."""
    out = []
    for i, a in enumerate(arts):
        a = json.loads(json.dumps(a))
        for k in keys_of(i, a):
            a["meta"].pop(k, None)
        out.append(a)
    return out


def first_differs(want, got):
    for i, (w, g) in enumerate(zip(want, got)):
        for k in sorted(set(w) | set(g)):
            if w.get(k) != g.get(k):
                return f"article {i + 1}, {k}: {json.dumps(w.get(k))[:300]} read back as {json.dumps(g.get(k))[:300]}"
    return f"{len(want)} articles, read back {len(got)}"


def main():
    wm = os.path.abspath(sys.argv[1])
    files = inputs()
    bad = 0
    left_out = {"plain": 0, "standalone": 0}
    for src in files:
        rc, want_out, err = run([wm, "-q", "-t", "json", *DATE, src])
        if rc:
            print(f"FAIL {src}: -t json exit {rc}: {err}")
            bad += 1
            continue
        want = articles(want_out)
        for mode, flags in (("plain", []), ("standalone", ["-s"])):
            rc1, md, err1 = run([wm, "-q", "-t", "markdown", *flags, *DATE, src])
            rc2, back, err2 = run([wm, "-f", "markdown", "-t", "json", *DATE], md)
            if rc1 or rc2 or err2:
                print(f"FAIL {src} ({mode}): exit {rc1}/{rc2}: {err1}{err2}")
                bad += 1
                continue
            if mode == "plain":
                odd = want[0]["meta"].get("slug") is not None or want[0]["meta"]["line"] != 1

                def keys(i, a, odd=odd):
                    return (["source", "line", "slug"] if odd or i else ["source"]) + own(a)
            else:
                def keys(i, a):
                    return ["line", "slug"] + own(a) if i else []
            w, g = normalised(want, keys), normalised(articles(back), keys)
            left_out[mode] += sum(len(keys(i, a)) for i, a in enumerate(want))
            if w != g:
                bad += 1
                if bad <= 10:
                    print(f"FAIL {src} ({mode}): {first_differs(w, g)}")
    n = len(files)
    print(f"{2 * n - bad} of {2 * n} round trips ({n} inputs, plain and -s) give the same JSON; "
          f"left out: {left_out['plain']} meta fields (plain), {left_out['standalone']} (-s)")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())

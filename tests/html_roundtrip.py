#!/usr/bin/env python3
"""Round trip through HTML: `wiremark -t html x | wiremark -f html -t json`
gives what `wiremark -t json x` gives, article by article.

usage: html_roundtrip.py PATH/TO/wiremark   (run by meson test)

Inputs: every samples/*.txt on its own, as a fragment and as a page; then
the seed article and every article of the dev corpora from ../shared (when
it is there), a few hundred files at a time as one page (a feed), so that
feeds are read back too (fragments and pages).  meta.source and meta.line say where the
input was (the .txt, then the HTML), so they are the only fields left out
of the comparison.
"""
import glob
import json
import os
import subprocess
import sys

WM = os.path.abspath(sys.argv[1])
ROOT = os.environ.get("WM_SOURCE_ROOT", os.path.join(os.path.dirname(__file__), ".."))
SHARED = os.environ.get("WM_SHARED_DIR", os.path.join(ROOT, "..", "shared"))
DATE = "2026-11-28"
BATCH = 400


def run(args, data=None):
    p = subprocess.run([WM, "-q", *args], input=data, capture_output=True, timeout=600)
    if p.returncode not in (0, 1):
        raise SystemExit(f"FAIL: wiremark {' '.join(args[:6])} ...: exit {p.returncode}: "
                         f"{p.stderr.decode(errors='replace')[:500]}")
    return p.stdout


def articles(out):
    """The JSON lines, meta.source and meta.line left out."""
    arts = []
    for line in out.decode("utf-8").splitlines():
        a = json.loads(line)
        a["meta"].pop("source", None)
        a["meta"].pop("line", None)
        arts.append(a)
    return arts


def first_difference(want, got):
    for key in want:
        if want[key] != got.get(key):
            return f"{key}: want {json.dumps(want[key])[:300]}\n       got  {json.dumps(got.get(key))[:300]}"
    return "?"


def compare(label, files, html_args):
    want = articles(run(["-t", "json", "--date", DATE, *files]))
    html = run(["-t", "html", *html_args, "--date", DATE, *files])
    got = articles(run(["-f", "html", "-t", "json", "-"], html))
    bad = 0
    if len(want) != len(got):
        print(f"FAIL {label}: {len(want)} articles written, {len(got)} read back")
        return len(want), max(1, abs(len(want) - len(got)))
    for w, g in zip(want, got):
        if w != g:
            bad += 1
            if bad <= 5:
                print(f"FAIL {label}: {w['meta'].get('source', '?')} {w['headline'][:60]!r}\n"
                      f"       {first_difference(w, g)}")
    return len(want), bad


def cli_checks():
    """-f html on the command line: a page read back; no article is an
    error with its place and exit status 1."""
    bad = 0
    p = subprocess.run([WM, "-f", "html", "-t", "json", "-"], input=b"<nav>menu</nav>",
                       capture_output=True, timeout=60)
    err = p.stderr.decode()
    if p.returncode != 1 or not err.startswith("-:1:1: error: no article") or p.stdout:
        print(f"FAIL -f html with no article: exit {p.returncode}, stderr {err!r}")
        bad += 1
    page = run(["-s", os.path.join(ROOT, "samples", "11-deck-byline.txt")])
    got = articles(run(["--from=html", "-t", "json", "-"], page))
    if len(got) != 1 or got[0]["deck"] is None or got[0]["byline"] is None:
        print(f"FAIL --from=html: {got!r}")
        bad += 1
    print(f"command line: {2 - bad} of 2 checks passed")
    return bad


def main():
    total = bad = 0
    bad += cli_checks()
    samples = sorted(glob.glob(os.path.join(ROOT, "samples", "*.txt")))
    for src in samples:
        for mode in ([], ["-s"]):
            n, b = compare(f"{os.path.basename(src)} {' '.join(mode) or 'fragment'}", [src], mode)
            total, bad = total + n, bad + b
    print(f"samples: {total - bad} of {total} read back the same (fragment and page)")
    if not os.path.isdir(SHARED):
        print("note: ../shared is absent: samples only")
        return 1 if bad else 0
    files = [os.path.join(SHARED, "samples", "000_13d9be2aa1a7efac.txt")]
    for corpus in ("reuters-dev", "bbc-dev"):
        files += sorted(glob.glob(os.path.join(SHARED, "corpora", corpus, "*.txt")))
    for mode in (["-s"], []):
        ctotal = cbad = 0
        for i in range(0, len(files), BATCH):
            n, b = compare(f"batch {i // BATCH + 1} {' '.join(mode) or 'fragment'}",
                           files[i:i + BATCH], mode)
            ctotal, cbad = ctotal + n, cbad + b
        print(f"seed and dev corpora ({len(files)} files): {ctotal - cbad} of {ctotal} articles "
              f"read back the same ({'pages' if mode else 'fragments'} of up to {BATCH} files)")
        bad += cbad
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())

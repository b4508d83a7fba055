#!/usr/bin/env python3
"""Output checked by the tools others use: jing (TEI), the Nu Html Checker
(HTML), cmark (Markdown), and the corpus scorer.

usage: validate.py tei|html|markdown|score PATH/TO/wiremark

Inputs: samples/*.txt, plus the seed article and the dev corpora from
../shared when it is there.  A check whose tool is missing exits 77 (meson's
"skipped") after saying what is missing.
"""
import glob
import json
import os
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET

ROOT = os.environ.get("WM_SOURCE_ROOT", os.path.join(os.path.dirname(__file__), ".."))
SHARED = os.environ.get("WM_SHARED_DIR", os.path.join(ROOT, "..", "shared"))
SKIP = 77


def skip(why):
    print(f"SKIP: {why}")
    sys.exit(SKIP)


def inputs(corpus_limit):
    files = sorted(glob.glob(os.path.join(ROOT, "samples", "*.txt")))
    if os.path.isdir(SHARED):
        files.append(os.path.join(SHARED, "samples", "000_13d9be2aa1a7efac.txt"))
        for corpus in ("reuters-dev", "bbc-dev"):
            names = sorted(glob.glob(os.path.join(SHARED, "corpora", corpus, "*.txt")))
            files += names[:corpus_limit] if corpus_limit else names
    else:
        print("note: ../shared is absent: checking samples/ only")
    return files


def convert(wm, src, dst, fmt, extra=()):
    p = subprocess.run([wm, "-q", "-t", fmt, *extra, "-o", dst, src], capture_output=True, timeout=60)
    if p.returncode != 0:
        raise SystemExit(f"FAIL: wiremark -t {fmt} {src}: exit {p.returncode}: {p.stderr.decode()}")


def check_tei(wm):
    jing = shutil.which("jing")
    if not jing:
        skip("jing is not installed (apt-get install jing)")
    schema = os.path.join(SHARED, "schemas", "tei_all.rng")
    if not os.path.exists(schema):
        skip("../shared/schemas/tei_all.rng is absent")
    files = inputs(0)
    with tempfile.TemporaryDirectory() as d:
        outs = []
        for i, src in enumerate(files):
            dst = os.path.join(d, f"{i:05d}.xml")
            convert(wm, src, dst, "tei", ["--date", "2026-11-28"])
            outs.append(dst)
        p = subprocess.run([jing, schema, *outs], capture_output=True, text=True)
        bad = {line.split(":")[0] for line in p.stdout.splitlines() if ".xml:" in line}
        for line in p.stdout.splitlines()[:20]:
            print(line)
        print(f"{len(outs) - len(bad)} valid of {len(outs)} (jing, tei_all.rng)")
        return 0 if not bad and p.returncode == 0 else 1


def find_vnu():
    cands = [os.environ.get("WM_VNU_JAR", ""), "/opt/vnu/node_modules/vnu-jar/build/dist/vnu.jar",
             os.path.join(ROOT, "node_modules/vnu-jar/build/dist/vnu.jar")]
    for c in cands:
        if c and os.path.exists(c):
            return c
    return None


def check_html(wm):
    java, jar = shutil.which("java"), find_vnu()
    if not java:
        skip("java is not installed: the Nu Html Checker cannot run")
    if not jar:
        skip("vnu.jar not found (npm install --prefix /opt/vnu vnu-jar, or set WM_VNU_JAR)")
    files = inputs(150)
    with tempfile.TemporaryDirectory() as d:
        outs = []
        for i, src in enumerate(files):
            dst = os.path.join(d, f"{i:05d}.html")
            convert(wm, src, dst, "html", ["-s", "--date", "2026-11-28"])
            outs.append(dst)
        p = subprocess.run([java, "-jar", jar, "--format", "gnu", *outs], capture_output=True, text=True)
        msgs = [l for l in (p.stdout + p.stderr).splitlines() if l.strip()]
        for l in msgs[:30]:
            print(l)
        print(f"{len(outs)} pages checked, {len(msgs)} messages (errors and warnings)")
        return 0 if not msgs else 1


def text_of(node):
    """The text of a cmark XML node, as cmark renders it."""
    out = []
    for el in node.iter():
        tag = el.tag.split("}")[-1]
        if tag in ("text", "code"):
            out.append(el.text or "")
        elif tag == "softbreak":
            out.append(" ")
    return "".join(out)


def check_markdown(wm):
    cmark = shutil.which("cmark")
    if not cmark:
        skip("cmark is not installed (apt-get install cmark)")
    files = inputs(300)
    bad = 0
    for src in files:
        j = subprocess.run([wm, "-q", "-t", "json", src], capture_output=True, timeout=60)
        md = subprocess.run([wm, "-q", "-t", "markdown", src], capture_output=True, timeout=60)
        if j.returncode or md.returncode:
            print(f"FAIL {src}: wiremark failed")
            bad += 1
            continue
        art = json.loads(j.stdout.decode().splitlines()[0])
        x = subprocess.run([cmark, "-t", "xml"], input=md.stdout, capture_output=True, timeout=60)
        doc = ET.fromstring(x.stdout)
        blocks = [(c.tag.split("}")[-1], c) for c in doc]
        want = [("heading", art["headline"])]
        if art.get("deck"):
            want.append(("heading", art["deck"]))
        if art.get("byline"):
            want.append(("paragraph", art["byline"]))
        for i, b in enumerate(art["body"]):
            t = b["text"]
            if i == 0 and art.get("dateline") and b["type"] == "paragraph":
                t = art["dateline"]["text"] + " " + t
            want.append(("paragraph" if b["type"] == "paragraph" else "code_block", t))
        if art.get("trailer"):
            want.append(("paragraph", art["trailer"]))
        got = [(tag, text_of(el) if tag != "code_block" else (el.text or "").rstrip("\n")) for tag, el in blocks]
        if got != want:
            bad += 1
            if bad <= 5:
                print(f"FAIL {src}:")
                for g, w in zip(got + [None] * 5, want + [None] * 5):
                    if g != w:
                        print(f"   got  {g!r}\n   want {w!r}")
                        break
                if len(got) != len(want):
                    print(f"   {len(got)} blocks, want {len(want)}")
    print(f"{len(files) - bad} of {len(files)} read back by cmark as the same blocks and text")
    return 1 if bad else 0


def check_score(wm):
    scorer = os.path.join(SHARED, "tools", "score-corpus")
    if not os.path.exists(scorer):
        skip("../shared/tools/score-corpus is absent")
    # floors that catch regressions; the targets are higher (see the issues)
    floors = {"reuters-dev": {"runs_ok": 100.0, "headline": 99.0, "dateline_found": 97.0,
                              "paragraph_count": 90.0, "trailer": 98.0},
              "bbc-dev": {"runs_ok": 100.0, "headline": 99.0, "dateline_found": 99.0,
                          "paragraph_count": 98.0, "trailer": 99.0}}
    status = 0
    for corpus, floor in floors.items():
        p = subprocess.run([scorer, wm, os.path.join(SHARED, "corpora", corpus), "--json"],
                           capture_output=True, text=True)
        res = json.loads(p.stdout.splitlines()[0])
        figs = {k: 100 * v for k, v in res["figures"].items() if v is not None}
        print(corpus, " ".join(f"{k}={v:.2f}" for k, v in figs.items()))
        for k, v in floor.items():
            if figs.get(k, 0) < v:
                print(f"FAIL {corpus}: {k} {figs.get(k, 0):.2f} below floor {v}")
                status = 1
    return status


def main():
    mode, wm = sys.argv[1], os.path.abspath(sys.argv[2])
    fn = {"tei": check_tei, "html": check_html, "markdown": check_markdown, "score": check_score}[mode]
    if mode == "score" and not os.path.isdir(SHARED):
        skip("../shared is absent: no corpora to score")
    sys.exit(fn(wm))


if __name__ == "__main__":
    main()

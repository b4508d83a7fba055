#!/usr/bin/env python3
"""The TEI wiremark writes against three schemas, each in one call over
every output:

  - TEI P5 (../shared/schemas/tei_all.rng), with jing;
  - TEI Lite 4.1.0 (../shared/schemas/tei_lite-4.1.0.rng), with jing;
  - wiremark's own subset (schemas/wiremark-tei.rng), with xmllint (libxml2,
    as --validate uses it).

Passing all three over the same outputs shows that the subset is honest:
what it accepts of wiremark's output, TEI accepts too.  Outputs: every
sample (with and without --date), all samples as one feed (teiCorpus),
articles with no body, -M publisher/id/license/lang, and, when ../shared
is there, the seed article and every article of reuters-dev and bbc-dev.
Each schema must also reject a broken document (so that no check passes
for want of looking).  Prints "N valid of M" per schema.

usage: tei_schemas.py PATH/TO/wiremark  (run by meson test)
Skips (77) when jing or xmllint is missing; the jing checks need ../shared.
"""
import glob
import os
import shutil
import subprocess
import sys
import tempfile

ROOT = os.environ.get("WM_SOURCE_ROOT", os.path.join(os.path.dirname(__file__), ".."))
SHARED = os.environ.get("WM_SHARED_DIR", os.path.join(ROOT, "..", "shared"))
SUBSET = os.path.join(ROOT, "schemas", "wiremark-tei.rng")
DATE = ["--date", "2026-11-28"]
META = ["-M", "publisher=Example Archive & Co", "-M", "id=ex-42", "-M",
        "license=CC BY 4.0", "-M", "lang=en-GB"]
EDGE_CASES = {
    "headline-only.txt": "JUST A HEADLINE\n",
    "no-body.txt": "A HEADLINE\n\nLONDON, March 3 -\n\nReuter\n",
    "byline-only.txt": "A HEADLINE\n\nBy JANE DOE\n",
    "markup.txt": "A <b>&amp; \"HEADLINE\"\n\nLONDON  (Reuters) - Text with <tags> & ]]> \"quotes\".\n",
}


def skip(why):
    print(f"SKIP: {why}")
    sys.exit(77)


def convert(wm, d, n, args):
    dst = os.path.join(d, f"{n:05d}.xml")
    p = subprocess.run([wm, "-q", "-t", "tei", *args, "-o", dst], capture_output=True, timeout=120)
    if p.returncode != 0:
        raise SystemExit(f"FAIL: wiremark -t tei {' '.join(args)}: exit {p.returncode}: "
                         f"{p.stderr.decode()}")
    return dst


def outputs(wm, d):
    samples = sorted(glob.glob(os.path.join(ROOT, "samples", "*.txt")))
    jobs = [[f] for f in samples] + [DATE + [f] for f in samples]
    jobs += [DATE + samples, META + DATE + samples, META + [samples[0]]]
    for name, text in EDGE_CASES.items():
        path = os.path.join(d, name)
        with open(path, "w", encoding="utf-8") as fh:
            fh.write(text)
        jobs.append([path])
    if os.path.isdir(SHARED):
        jobs.append(DATE + [os.path.join(SHARED, "samples", "000_13d9be2aa1a7efac.txt")])
        for corpus in ("reuters-dev", "bbc-dev"):
            for f in sorted(glob.glob(os.path.join(SHARED, "corpora", corpus, "*.txt"))):
                jobs.append(DATE + [f])
    else:
        print("note: ../shared is absent: samples/ only, and no jing checks")
    return [convert(wm, d, i, args) for i, args in enumerate(jobs)]


def broken(d, good):
    """A copy of a good output without its publisher: TEI, Lite and the
    subset must all reject it."""
    text = open(good, encoding="utf-8").read()
    start = text.index("<publisher>")
    end = text.index("</publisher>") + len("</publisher>")
    path = os.path.join(d, "broken.xml")
    with open(path, "w", encoding="utf-8") as fh:
        fh.write(text[:start] + text[end:])
    return path


def check(name, cmd, files, bad):
    p = subprocess.run(cmd + files, capture_output=True, text=True)
    report = p.stdout + p.stderr
    invalid = {f for f in files if f + ":" in report}
    for line in [l for l in report.splitlines() if ".xml:" in l][:10]:
        print("   ", line)
    print(f"{len(files) - len(invalid)} valid of {len(files)} ({name})")
    q = subprocess.run(cmd + [bad], capture_output=True, text=True)
    rejects = q.returncode != 0
    if not rejects:
        print(f"FAIL {name} accepts a TEI header without publisher")
    return not invalid and p.returncode == 0 and rejects


def main():
    wm = os.path.abspath(sys.argv[1])
    xmllint, jing = shutil.which("xmllint"), shutil.which("jing")
    if not xmllint:
        skip("xmllint is not installed (apt-get install libxml2-utils)")
    ok = True
    with tempfile.TemporaryDirectory() as d:
        files = outputs(wm, d)
        bad = broken(d, files[0])
        ok &= check("wiremark-tei.rng, xmllint", [xmllint, "--noout", "--relaxng", SUBSET],
                    files, bad)
        schemas = [("tei_all.rng, jing", "tei_all.rng"),
                   ("tei_lite-4.1.0.rng, jing", "tei_lite-4.1.0.rng")]
        for name, rng in schemas:
            path = os.path.join(SHARED, "schemas", rng)
            if not jing or not os.path.exists(path):
                print(f"note: {name} not checked (jing or {path} is missing)")
                continue
            ok &= check(name, [jing, path], files, bad)
        if ok and (not jing or not os.path.isdir(SHARED)):
            skip("jing or ../shared is missing: the subset was not compared with TEI")
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()

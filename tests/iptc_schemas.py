#!/usr/bin/env python3
"""The NITF and NewsML-G2 wiremark writes against two schemas, each in one
call over every output:

  - IPTC's (../shared/schemas/iptc/newsml-g2-with-nitf.xsd, which loads
    NITF 3.6 and NewsML-G2 2.35 Power, so that NITF inside inlineXML is
    checked too), with xmllint --schema;
  - wiremark's own subset (schemas/wiremark-iptc.rng), with xmllint
    --relaxng (libxml2, as --validate uses it).

Passing both over the same outputs shows that the subset is honest: what
it accepts of wiremark's output, IPTC's schemas accept too.  Outputs, each
as -t nitf, -t newsml and -t newsml -M body=nitf: every sample (with and
without --date), all samples as one feed (a newsMessage), articles with no
body, markup characters, -M id/copyright/ednote/provider/lang; and, when
../shared is there, the seed article and every article of reuters-dev and
bbc-dev (written with -O, one process per format).  Each schema must also
reject broken documents (so that no check passes for want of looking).
Prints "N valid of M" per schema.

usage: iptc_schemas.py PATH/TO/wiremark  (run by meson test)
Skips (77) when xmllint is missing, and after the subset's checks when
IPTC's schemas (../shared) are absent.
"""
import glob
import os
import shutil
import subprocess
import sys
import tempfile

ROOT = os.environ.get("WM_SOURCE_ROOT", os.path.join(os.path.dirname(__file__), ".."))
SHARED = os.environ.get("WM_SHARED_DIR", os.path.join(ROOT, "..", "shared"))
SUBSET = os.path.join(ROOT, "schemas", "wiremark-iptc.rng")
IPTC = os.path.join(SHARED, "schemas", "iptc", "newsml-g2-with-nitf.xsd")
DATE = ["--date", "2026-11-28"]
META = ["-M", "id=urn:example:42", "-M", "copyright=Example & Co <news>", "-M",
        "ednote=Corrects \"quote\" in par 2", "-M", "provider=Example Agency",
        "-M", "lang=en-GB"]
SHAPES = {"nitf": ["-t", "nitf"], "newsml": ["-t", "newsml"],
          "newsml-nitf": ["-t", "newsml", "-M", "body=nitf"]}
EDGE_CASES = {
    "headline-only.txt": "JUST A HEADLINE\n",
    "no-body.txt": "A HEADLINE\n\nLONDON, March 3 -\n\nReuter\n",
    "byline-only.txt": "A HEADLINE\n\nBy JANE DOE and JOHN ROE\n",
    "markup.txt": "A <b>&amp; \"HEADLINE\"\n\nBy Ann <O'Hara>, \"AP\" & Co\n\n"
                  "LONDON  (Reuters) - Text with <tags> & ]]> \"quotes\".\n",
}
# each turns a good output into one both schemas must reject
BREAKAGES = [
    ("<hl1>", "<hl0>", "</hl1>", "</hl0>"),              # NITF: no hl1
    ("<doc-id ", "<doc-idx ", None, None),                # NITF: an unknown element
    ('qcode="ninat:text"', 'qcode="ninat text"', None, None),  # not a QCode
    ("<versionCreated>", "<versionCreated>not-a-time", None, None),
]


def skip(why):
    print(f"SKIP: {why}")
    sys.exit(77)


def run(wm, args):
    p = subprocess.run([wm, "-q", *args], capture_output=True, timeout=600)
    if p.returncode != 0:
        raise SystemExit(f"FAIL: wiremark {' '.join(args)}: exit {p.returncode}: "
                         f"{p.stderr.decode()}")


def outputs(wm, d):
    samples = sorted(glob.glob(os.path.join(ROOT, "samples", "*.txt")))
    for name, text in EDGE_CASES.items():
        path = os.path.join(d, name)
        with open(path, "w", encoding="utf-8") as fh:
            fh.write(text)
        samples.append(path)
    jobs = [[f] for f in samples] + [DATE + [f] for f in samples]
    jobs += [DATE + samples, META + DATE + samples, META + [samples[0]]]
    files, n = [], 0
    for shape, fmt in SHAPES.items():
        for args in jobs:
            dst = os.path.join(d, f"{n:05d}.xml")
            run(wm, fmt + args + ["-o", dst])
            files.append(dst)
            n += 1
    if not os.path.isdir(SHARED):
        print("note: ../shared is absent: samples/ only")
        return files
    corpus = [os.path.join(SHARED, "samples", "000_13d9be2aa1a7efac.txt")]
    for name in ("reuters-dev", "bbc-dev"):
        corpus += sorted(glob.glob(os.path.join(SHARED, "corpora", name, "*.txt")))
    for shape, fmt in SHAPES.items():
        out = os.path.join(d, shape)
        os.mkdir(out)
        run(wm, ["-O", out, "-j", "2"] + fmt + DATE + corpus)
        files += sorted(glob.glob(os.path.join(out, "*")))
    return files


def broken(d, files):
    """Copies of good outputs, each broken in one way."""
    texts = [open(f, encoding="utf-8").read() for f in files[:1] + files[-1:]]
    bad = []
    for k, (a, b, c, e) in enumerate(BREAKAGES):
        text = next((t for t in texts if a in t), None)
        if text is None:
            raise SystemExit(f"FAIL: no output holds {a}")
        text = text.replace(a, b, 1)
        if c:
            text = text.replace(c, e, 1)
        path = os.path.join(d, f"broken-{k}.xml")
        with open(path, "w", encoding="utf-8") as fh:
            fh.write(text)
        bad.append(path)
    return bad


def check(name, cmd, files, bad):
    p = subprocess.run(cmd + files, capture_output=True, text=True)
    report = p.stdout + p.stderr
    invalid = {f for f in files if f + ":" in report or f + " fails" in report}
    for line in [l for l in report.splitlines() if "error" in l][:10]:
        print("   ", line)
    print(f"{len(files) - len(invalid)} valid of {len(files)} ({name})")
    ok = not invalid and p.returncode == 0
    for b in bad:
        q = subprocess.run(cmd + [b], capture_output=True, text=True)
        if q.returncode == 0:
            print(f"FAIL {name} accepts {os.path.basename(b)}")
            ok = False
    return ok


def main():
    wm = os.path.abspath(sys.argv[1])
    xmllint = shutil.which("xmllint")
    if not xmllint:
        skip("xmllint is not installed (apt-get install libxml2-utils)")
    ok = True
    with tempfile.TemporaryDirectory() as d:
        files = outputs(wm, d)
        bad = broken(d, [f for f in files if "nitf" in open(f).read(300)] +
                     [f for f in files if "newsItem" in open(f).read(300)])
        ok &= check("wiremark-iptc.rng, xmllint",
                    [xmllint, "--nonet", "--noout", "--relaxng", SUBSET], files, bad)
        if not os.path.exists(IPTC):
            if ok:
                skip(f"{IPTC} is absent: the subset was not compared with IPTC's schemas")
        else:
            ok &= check("IPTC NITF 3.6 + NewsML-G2 2.35, xmllint",
                        [xmllint, "--nonet", "--noout", "--schema", IPTC], files, bad)
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""Compare the outputs of two wiremark binaries, byte for byte.

    tools/compare-builds.py OLD NEW [--samples-only] [--keep DIR]

Each binary converts the same inputs into its own folder; then every file
is compared. Inputs and runs:

- samples/*.txt, one process per file: every format both binaries write
  (html, markdown, tei, json, nitf, newsml: --list-formats), each with
  and without -s; -t json with --date; --explain; --validate per format;
  each of OLD's outputs read back (-f FORMAT -t json) where both read
  FORMAT; the templates of
  docs/examples; --jsonl over all the samples (every format). Standard
  output, standard error and the exit status are all compared.
- ../shared/corpora/{reuters-dev,bbc-dev}/*.txt, as batches (-O DIR -j2):
  every format, with and without -s, with --date 1987-06-01. Outputs are
  compared; standard error is compared as a sorted list of lines (the
  batch's order depends on the scheduling), and the exit status.

Prints one line per run (files compared, differences) and each difference;
exits 1 if any, 0 if none. Shared data is only read, never copied into the
repository: the outputs go to a temporary folder. SOURCE_DATE_EPOCH is set,
so that the time NewsML-G2 takes when no date is known is the same in both.
"""

import argparse
import difflib
import json
import os
import shutil
import subprocess
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SHARED = os.path.normpath(os.path.join(ROOT, "..", "shared"))
# the formats both binaries write, and read (main sets them)
FORMATS = ["html", "markdown", "tei", "json"]
READ_BACK = list(FORMATS)
CORPORA = ["reuters-dev", "bbc-dev"]
DATE = "1987-06-01"


ENV = dict(os.environ, SOURCE_DATE_EPOCH="1234567890")


def run(argv, stdin=None):
    p = subprocess.run(argv, input=stdin, stdout=subprocess.PIPE,
                       stderr=subprocess.PIPE, cwd=ROOT, env=ENV)
    return p.stdout, p.stderr, p.returncode


def listed(binary, kind):
    """The formats binary lists as kind ("readers" or "writers")."""
    out, _, _ = run([binary, "--list-formats"])
    for line in out.decode().splitlines():
        if line.startswith(kind + ":"):
            return line.split()[1:]
    return []


def sample_files():
    d = os.path.join(ROOT, "samples")
    return sorted(os.path.join("samples", f) for f in os.listdir(d)
                  if f.endswith(".txt"))


def sample_jobs(binary, out, ref_out):
    """(name, argv, stdin) for every per-file run on the samples."""
    jobs = []
    samples = sample_files()
    for s in samples:
        base = os.path.basename(s)[:-4]
        for f in FORMATS:
            jobs.append((f"convert/{f}/{base}", [binary, "-t", f, s], None))
            jobs.append((f"convert-s/{f}/{base}", [binary, "-s", "-t", f, s], None))
            jobs.append((f"validate/{f}/{base}", [binary, "--validate", "-t", f, s], None))
        jobs.append((f"date/json/{base}", [binary, "-t", "json", "--date", DATE, s], None))
        jobs.append((f"date-s/markdown/{base}", [binary, "-s", "-t", "markdown", "--date", DATE, s], None))
        jobs.append((f"explain/{base}", [binary, "--explain", "--date", DATE, s], None))
        for t in sorted(os.listdir(os.path.join(ROOT, "docs", "examples"))):
            tf = os.path.join("docs", "examples", t)
            fmt = "tei" if "tei" in t else ("markdown" if "notes" in t else "html")
            jobs.append((f"template/{t}/{base}",
                         [binary, "-s", "-t", fmt, "--template", tf,
                          "--date", DATE, s], None))
    return jobs


def readback_jobs(binary, ref_out):
    """Each of OLD's outputs read back (the same input for both binaries)."""
    jobs = []
    samples = sample_files()
    for s in samples:
        base = os.path.basename(s)[:-4]
        for f in READ_BACK:
            for kind in ("convert", "convert-s"):
                src = os.path.join(ref_out, kind, f, base + ".out")
                with open(src, "rb") as fh:
                    data = fh.read()
                jobs.append((f"readback/{kind}/{f}/{base}",
                             [binary, "-f", f, "-t", "json", "-"], data))
    return jobs


def feed_jobs(binary):
    jobs = []
    samples = sample_files()
    # the whole feed of samples on the command line
    for f in FORMATS:
        jobs.append((f"feed/{f}", [binary, "-t", f] + samples, None))
    # JSON Lines over all the samples, every format
    lines = []
    for i, s in enumerate(samples):
        with open(os.path.join(ROOT, s), "rb") as fh:
            text = fh.read().decode("utf-8", "replace")
        lines.append(json.dumps({"id": f"r{i}", "text": text}))
    lines.append('{"id": "bad"}')
    lines.append('not json')
    stdin = ("\n".join(lines) + "\n").encode()
    for f in FORMATS:
        jobs.append((f"jsonl/{f}", [binary, "--jsonl", "-t", f], stdin))
        jobs.append((f"jsonl-s/{f}", [binary, "--jsonl", "-s", "-t", f,
                                      "--date", DATE], stdin))
    return jobs


def do_samples(binary, out, ref_out):
    if ref_out is None:
        jobs = sample_jobs(binary, out, None) + feed_jobs(binary)
    else:
        jobs = readback_jobs(binary, ref_out)

    def one(job):
        name, argv, stdin = job
        o, e, rc = run(argv, stdin)
        path = os.path.join(out, name)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path + ".out", "wb") as fh:
            fh.write(o)
        with open(path + ".err", "wb") as fh:
            fh.write(e.replace(binary.encode(), b"BINARY"))
        with open(path + ".rc", "w") as fh:
            fh.write(f"{rc}\n")

    with ThreadPoolExecutor(max_workers=2) as ex:
        list(ex.map(one, jobs))


def do_corpora(binary, out):
    for corpus in CORPORA:
        cdir = os.path.join(SHARED, "corpora", corpus)
        files = sorted(os.path.join(cdir, f) for f in os.listdir(cdir)
                       if f.endswith(".txt"))
        for f in FORMATS:
            for s in ("", "-s"):
                name = f"corpus/{corpus}/{f}{s}"
                d = os.path.join(out, name)
                os.makedirs(d)
                argv = [binary, "-O", d, "-j", "2", "-t", f, "--date", DATE]
                if s:
                    argv.append(s)
                o, e, rc = run(argv + files)
                lines = sorted(e.decode("utf-8", "replace").splitlines())
                with open(d + ".err", "w") as fh:
                    fh.write("\n".join(lines) + "\n")
                with open(d + ".rc", "w") as fh:
                    fh.write(f"{rc}\n")


def all_files(top):
    found = []
    for dirpath, _, names in os.walk(top):
        for n in names:
            found.append(os.path.relpath(os.path.join(dirpath, n), top))
    return sorted(found)


def group(rel):
    """The run a file belongs to, for the counts."""
    parts = rel.split(os.sep)
    if parts[0] == "corpus":
        name = parts[1] + "/" + (parts[2] if len(parts) > 3 else parts[2].rsplit(".", 1)[0])
        return "corpus/" + name
    if parts[0] in ("convert", "convert-s", "validate"):
        return parts[0] + "/" + parts[1]
    if parts[0] == "readback":
        return "readback/" + parts[2]
    return parts[0]


def compare(a, b):
    fa, fb = all_files(a), all_files(b)
    counts = {}
    diffs = []
    for rel in sorted(set(fa) | set(fb)):
        g = group(rel)
        c = counts.setdefault(g, [0, 0])
        c[0] += 1
        pa, pb = os.path.join(a, rel), os.path.join(b, rel)
        if not os.path.exists(pa) or not os.path.exists(pb):
            c[1] += 1
            diffs.append((rel, "only in " + ("OLD" if os.path.exists(pa) else "NEW"), None))
            continue
        with open(pa, "rb") as x, open(pb, "rb") as y:
            da, db = x.read(), y.read()
        if da != db:
            c[1] += 1
            diffs.append((rel, "differs", (da, db)))
    return counts, diffs


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("old")
    ap.add_argument("new")
    ap.add_argument("--samples-only", action="store_true")
    ap.add_argument("--keep", help="keep the outputs in this folder")
    args = ap.parse_args()
    old, new = os.path.abspath(args.old), os.path.abspath(args.new)
    both = [f for f in listed(old, "writers") if f in listed(new, "writers")]
    FORMATS[:] = both
    READ_BACK[:] = [f for f in both if f in listed(old, "readers") and f in listed(new, "readers")]
    top = args.keep or tempfile.mkdtemp(prefix="wm-compare-")
    oa, ob = os.path.join(top, "old"), os.path.join(top, "new")
    for d in (oa, ob):
        shutil.rmtree(d, ignore_errors=True)
        os.makedirs(d)
    do_samples(old, oa, None)
    do_samples(new, ob, None)
    do_samples(old, oa, oa)  # read back OLD's outputs with each binary
    do_samples(new, ob, oa)
    if not args.samples_only:
        do_corpora(old, oa)
        do_corpora(new, ob)
    counts, diffs = compare(oa, ob)
    total = sum(c[0] for c in counts.values())
    for g in sorted(counts):
        print(f"{g:40} {counts[g][0]:6} files  {counts[g][1]:4} different")
    print(f"{'total':40} {total:6} files  {len(diffs):4} different")
    for rel, what, data in diffs[:50]:
        print(f"\n{what}: {rel}")
        if data:
            la = data[0].decode("utf-8", "replace").splitlines()
            lb = data[1].decode("utf-8", "replace").splitlines()
            for line in list(difflib.unified_diff(la, lb, "OLD", "NEW", lineterm=""))[:20]:
                print("  " + line)
    if not args.keep:
        shutil.rmtree(top, ignore_errors=True)
    return 1 if diffs else 0


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/env python3
"""Big feeds, batches and pipelines (docs/pipelines.md), against the binary:

(a) --jsonl: one output record per input record, in step, each the same as
    converting the sample on its own; a bad record gives an error record in
    its place and exit status 1;
(b) GNU parallel --pipe -k over --jsonl gives the single-process output
    byte for byte (skipped when parallel is not installed);
(c) -O DIR -j N: one output per good file, each the single-file
    conversion; bad files listed, exit status 1, no temporary file left, no
    progress bar when stderr is not a terminal; outputs newer than their
    input skipped without --force, redone with it;
(d) streaming: a feed converted as a stream equals the same feed read
    whole (the --validate path), in every format, with and without -s.

usage: pipeline.py PATH/TO/wiremark  (run by meson test)
Exit status 77 (skipped) when all that ran passed but GNU parallel is
missing.
"""
import glob
import json
import os
import shlex
import shutil
import subprocess
import sys
import tempfile
import time

ROOT = os.path.abspath(os.environ.get("WM_SOURCE_ROOT",
                                      os.path.join(os.path.dirname(__file__), "..")))
SAMPLES = os.path.join(ROOT, "samples")
SKIP = 77
FORMATS = {"html": ".html", "markdown": ".md", "tei": ".xml", "json": ".json"}
failures = []


def check(name, ok, detail=""):
    if ok:
        print(f"ok   {name}")
    else:
        failures.append(name)
        print(f"FAIL {name}" + (f"\n  {detail}" if detail else ""))


def run(args, stdin=None, cwd=SAMPLES):
    return subprocess.run(args, input=stdin, cwd=cwd, capture_output=True,
                          timeout=300)


def sample_names():
    return sorted(os.path.basename(p) for p in glob.glob(os.path.join(SAMPLES, "*.txt")))


def records(names):
    """One JSON Lines record per sample, its id the file name (run in
    samples/, so that the file's source name is the same)."""
    lines = []
    for name in names:
        text = open(os.path.join(SAMPLES, name), encoding="utf-8", newline="").read()
        lines.append(json.dumps({"id": name, "text": text}) + "\n")
    return lines


def without_id(obj):
    obj = dict(obj)
    meta = dict(obj.get("meta") or {})
    meta.pop("id", None)
    obj["meta"] = meta
    return obj


# ---- (a) JSON Lines ------------------------------------------------------

def test_jsonl(wm, names):
    recs = records(names)
    data = "".join(recs).encode()
    for fmt in ("html", "markdown", "tei"):
        # a string id is the articles' meta.id, as -M id= sets it (TEI's idno)
        extra = ["-M", "id={}"] if fmt == "tei" else []
        p = run([wm, "--jsonl", "-t", fmt], data)
        check(f"jsonl -t {fmt}: exit 0", p.returncode == 0, p.stderr.decode()[:500])
        out = p.stdout.decode().splitlines()
        check(f"jsonl -t {fmt}: one line per record", len(out) == len(names),
              f"{len(out)} lines for {len(names)} records")
        for name, line in zip(names, out):
            rec = json.loads(line)
            want = run([wm, "-t", fmt, *[a.format(name) for a in extra], name]).stdout.decode()
            check(f"jsonl -t {fmt} {name}",
                  rec == {"id": name, "format": fmt, "output": want},
                  f"got {line[:300]!r}")

    # -t json: the articles' JSON form, one line each, with meta.id
    p = run([wm, "--jsonl", "-t", "json"], data)
    check("jsonl -t json: exit 0", p.returncode == 0, p.stderr.decode()[:500])
    got = [json.loads(l) for l in p.stdout.decode().splitlines()]
    want, ids = [], []
    for name in names:
        for l in run([wm, "-t", "json", name]).stdout.decode().splitlines():
            want.append(json.loads(l))
            ids.append(name)
    check("jsonl -t json: one line per article", len(got) == len(want),
          f"{len(got)} lines, {len(want)} articles")
    check("jsonl -t json: meta.id is the record's id",
          [g.get("meta", {}).get("id") for g in got] == ids)
    for i, (g, w) in enumerate(zip(got, want)):
        check(f"jsonl -t json line {i + 1} ({ids[i]})", without_id(g) == w,
              f"got {json.dumps(g)[:300]}\n  want {json.dumps(w)[:300]}")

    # bad records: an error record in their place, the others go on, exit 1
    bad = recs[:2] + ["this is not JSON\n", json.dumps({"id": "no-text"}) + "\n"] + recs[2:4]
    for fmt in ("html", "json"):
        p = run([wm, "--jsonl", "-t", fmt], "".join(bad).encode())
        check(f"jsonl -t {fmt} bad records: exit 1", p.returncode == 1,
              f"exit {p.returncode}")
        out = [json.loads(l) for l in p.stdout.decode().splitlines()]
        errors = [o for o in out if "error" in o]
        check(f"jsonl -t {fmt} bad records: two error records",
              [(e["id"], e["format"]) for e in errors] == [(None, fmt), ("no-text", fmt)]
              and all(set(e) == {"id", "format", "error"} and e["error"] for e in errors),
              f"got {errors}")
        if fmt == "html":
            check("jsonl bad records: in their place",
                  [o["id"] for o in out] == [names[0], names[1], None, "no-text",
                                             names[2], names[3]],
                  f"ids {[o['id'] for o in out]}")
        else:
            # error records sit between the articles of records 2 and 3
            k = next(i for i, o in enumerate(out) if "error" in o)
            before = {o["meta"]["id"] for o in out[:k]}
            after = {o["meta"]["id"] for o in out[k + 2:]}
            check("jsonl -t json bad records: in their place",
                  before == set(names[:2]) and after == set(names[2:4]) and
                  "error" in out[k + 1], f"before {before}, after {after}")
        lines = p.stderr.decode().splitlines()
        check(f"jsonl -t {fmt} bad records: reported on stderr",
              sum(": error: " in l for l in lines) == 2, p.stderr.decode())
    return data


# ---- (b) GNU parallel ----------------------------------------------------

def test_parallel(wm, data):
    if not shutil.which("parallel"):
        print("SKIP: GNU parallel is not installed")
        return False
    single = run([wm, "--jsonl", "-t", "html"], data)
    # parallel hands its command to a shell: the path is quoted for it
    # (a build folder may have spaces in its path)
    p = run(["parallel", "--will-cite", "--pipe", "-k", "-N", "3", "-j", "2",
             shlex.quote(wm), "--jsonl", "-t", "html"], data)
    check("parallel --pipe -k -N 3 -j 2: exit 0", p.returncode == 0,
          p.stderr.decode()[:500])
    check("parallel: the single-process output, byte for byte",
          p.stdout == single.stdout and single.stdout,
          f"{len(p.stdout)} bytes, single {len(single.stdout)} bytes")
    return True


# ---- (c) batch -----------------------------------------------------------

def looks_like_progress(err):
    return "\r" in err or "\033[" in err or "MB/s" in err or "[###" in err


def test_batch(wm, names, tmp):
    paths = [os.path.join(SAMPLES, n) for n in names]
    empty = os.path.join(tmp, "empty.txt")
    open(empty, "w").close()
    missing = os.path.join(tmp, "missing.txt")
    for fmt, ext in FORMATS.items():
        out = os.path.join(tmp, "out-" + fmt)
        os.mkdir(out)
        p = run([wm, "-O", out, "-j", "2", "-t", fmt, *paths, missing, empty], cwd=tmp)
        err = p.stderr.decode()
        check(f"batch -t {fmt}: exit 1", p.returncode == 1, f"exit {p.returncode}: {err}")
        want = sorted(n[:-4] + ext for n in names)
        got = sorted(os.listdir(out))
        check(f"batch -t {fmt}: one output per good file, {ext}, no temporary file",
              got == want, f"got {got}")
        same = []
        for n, path in zip(names, paths):
            f = os.path.join(out, n[:-4] + ext)
            single = run([wm, "-t", fmt, path], cwd=tmp).stdout
            if not os.path.exists(f) or open(f, "rb").read() != single:
                same.append(n)
        check(f"batch -t {fmt}: each output is the single-file conversion",
              not same, f"differ: {same}")
        listed = err[err.find("files failed:"):] if "files failed:" in err else ""
        check(f"batch -t {fmt}: the failure list names the two bad files",
              "2 of %d files failed:" % (len(names) + 2) in err and
              f"  {missing}\n" in listed and f"  {empty}\n" in listed and
              not any(f"  {p}\n" in listed for p in paths), err)
        check(f"batch -t {fmt}: no progress bar when stderr is not a terminal",
              not looks_like_progress(err), repr(err[-300:]))

    # a second run skips outputs newer than their input; --force redoes them
    out = os.path.join(tmp, "out-html")
    future = time.time() + 3600
    outs = [os.path.join(out, n[:-4] + ".html") for n in names]
    for f in outs:
        os.utime(f, (future, future))
    before = {f: os.stat(f) for f in outs}
    p = run([wm, "-O", out, "-j", "2", *paths], cwd=tmp)
    err = p.stderr.decode()
    check("batch again: exit 0", p.returncode == 0, f"exit {p.returncode}: {err}")
    check("batch again: all skipped, said so",
          f"{len(names)} of {len(names)} files skipped" in err, err)
    untouched = all(os.stat(f).st_mtime_ns == before[f].st_mtime_ns and
                    os.stat(f).st_ino == before[f].st_ino for f in outs)
    check("batch again: outputs untouched (same mtime and inode)", untouched)
    p = run([wm, "-O", out, "-j", "2", "--force", *paths], cwd=tmp)
    err = p.stderr.decode()
    check("batch --force: exit 0", p.returncode == 0, f"exit {p.returncode}: {err}")
    check("batch --force: nothing skipped", "skipped" not in err, err)
    redone = all(os.stat(f).st_mtime_ns != before[f].st_mtime_ns and
                 os.stat(f).st_ino != before[f].st_ino for f in outs)
    check("batch --force: every output rewritten (new mtime and inode)", redone)
    check("batch --force: no temporary file left",
          sorted(os.listdir(out)) == sorted(os.path.basename(f) for f in outs),
          f"{sorted(os.listdir(out))}")


# ---- (d) streaming -------------------------------------------------------

def test_stream(wm, names, tmp):
    texts = [open(os.path.join(SAMPLES, n), encoding="utf-8", newline="").read() for n in names]
    feeds = {
        "form feeds": "\f".join(texts),
        "-30- end marks": "".join(t.rstrip("\n") + "\n\n-30-\n\n" for t in texts),
    }
    for label, text in feeds.items():
        feed = os.path.join(tmp, "feed-" + label.split()[0] + ".txt")
        with open(feed, "w", encoding="utf-8") as f:
            f.write(text)
        for fmt in FORMATS:
            for extra in ([], ["-s"]):
                args = ["-t", fmt, *extra, os.path.basename(feed)]
                streamed = run([wm, *args], cwd=tmp)
                whole = run([wm, "--validate", *args], cwd=tmp)
                check(f"stream ({label}) {' '.join(args[:-1])}: the whole feed's output",
                      streamed.returncode == 0 and streamed.stdout == whole.stdout and
                      streamed.stdout.count(b"\n") > 10,
                      f"exit {streamed.returncode}, {len(streamed.stdout)} bytes "
                      f"against {len(whole.stdout)}: {streamed.stderr.decode()[:300]}")
    # several files make one feed, as a stream too
    for fmt in FORMATS:
        streamed = run([wm, "-t", fmt, "-s", *names])
        whole = run([wm, "--validate", "-t", fmt, "-s", *names])
        check(f"stream (files) -t {fmt} -s: the whole feed's output",
              streamed.stdout == whole.stdout and streamed.stdout)


def main():
    wm = os.path.abspath(sys.argv[1])
    names = sample_names()
    if len(names) < 10:
        print(f"FAIL only {len(names)} samples in {SAMPLES}")
        return 1
    with tempfile.TemporaryDirectory(prefix="wm-pipeline-") as tmp:
        data = test_jsonl(wm, names)
        have_parallel = test_parallel(wm, data)
        test_batch(wm, names, tmp)
        test_stream(wm, names, tmp)
    print(f"{len(failures)} failures")
    if failures:
        return 1
    return 0 if have_parallel else SKIP


if __name__ == "__main__":
    sys.exit(main())

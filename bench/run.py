#!/usr/bin/env python3
"""wiremark's benchmark: CPU time, throughput, start-up and peak memory,
side by side with cmark, md4c, pandoc and cat on the same bytes.

usage: bench/run.py [--wiremark build/wiremark] [--md4c build/bench/md4c-html]
                    [--size-mb 64] [--repeat 3] [--runs 300]
                    [--formats html,markdown,tei,json] [--feeds corpora,samples]
                    [--article FILE] [--jsonl-mb 16] [--memory-mb 64,1024]
                    [--only throughput,latency,jsonl,memory,batch] [--cpu 0]

The tables are Markdown.  Every figure is CPU time (user + system, from the
rusage os.wait4 gives for the process), and the benchmark pins itself and
so every program it runs to one core (--cpu, as taskset -c 0 would).
Ratios are against peers measured in the same run, because the machines are
shared and noisy: "x cmark" is wiremark's CPU time over cmark's on the same
bytes (1.5 means 50 % more CPU than cmark; below 1, less).

Parts (--only):
  throughput  a feed of --size-mb MB (default 64: the issue asks for 50 or
              more), the corpora (../shared/corpora/reuters-dev and bbc-dev,
              every *.txt) joined by form feeds and repeated, and/or the
              samples (--feeds); wiremark -t each of --formats, cmark and md4c
              (the same bytes read as Markdown, to HTML), cat (the floor:
              reading and writing bytes), pandoc (Markdown to HTML, on a
              256 KiB slice: it is slow).  The best CPU time of --repeat runs;
              peak RSS from GNU time where it is installed.
  latency     one article (--article; default samples/01-blank-lines.txt),
              whole process, the median CPU time of --runs runs: wiremark -t
              html, wiremark --version (start-up alone), cmark, md4c, cat.
  jsonl       --jsonl -t FORMAT (one record per corpus article, about
              --jsonl-mb MB of text) against the same articles as a feed.
  memory      peak RSS on feeds of --memory-mb MiB (the samples): a stream
              holds one article at a time.
  batch       -O DIR -j N over many files (wall time: the file system weighs).

A quick run (about a minute): --only latency,throughput --formats html
--repeat 1.  The whole (default parts but batch): a few minutes.
"""
import argparse
import glob
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
SHARED = os.environ.get("WM_SHARED_DIR", os.path.join(ROOT, "..", "shared"))
TIME = "/usr/bin/time" if os.path.exists("/usr/bin/time") else None


def run_once(argv, stdin_path, stdout_path, rss=True):
    """Runs argv; returns (wall seconds, CPU seconds, peak RSS in KiB).

    The peak comes from GNU time where it is installed (with rss; the
    rusage of a process forked from Python counts the Python image too), and
    the CPU time then includes GNU time's own start, a millisecond: nothing
    beside seconds of conversion; latency runs go without it."""
    with tempfile.NamedTemporaryFile("r") as rss_file:
        wrap = [TIME, "-f", "%M", "-o", rss_file.name] if TIME and rss else []
        with open(stdin_path, "rb") as fin, open(stdout_path, "wb") as fout:
            t0 = time.perf_counter()
            p = subprocess.Popen(wrap + argv, stdin=fin, stdout=fout,
                                 stderr=subprocess.DEVNULL)
            _, status, usage = os.wait4(p.pid, 0)
            wall = time.perf_counter() - t0
        if os.waitstatus_to_exitcode(status) not in (0, 1):
            raise SystemExit(f"{' '.join(argv)} failed on {stdin_path}")
        text = rss_file.read().strip()
        peak = int(text.splitlines()[-1]) if text else usage.ru_maxrss
    return wall, usage.ru_utime + usage.ru_stime, peak


def best(argv, path, out, repeat):
    """The best wall and CPU times of repeat runs, and the largest peak."""
    runs = [run_once(argv, path, out) for _ in range(repeat)]
    return (min(r[0] for r in runs), min(r[1] for r in runs),
            max(r[2] for r in runs))


def build_feed(files, want, path):
    """files joined by form feeds, repeated to want bytes (at least once)."""
    data = b"\f".join(open(f, "rb").read() for f in files)
    reps = max(1, -(-want // max(1, len(data) + 1)))
    with open(path, "wb") as fh:
        for _ in range(reps):
            fh.write(data)
            fh.write(b"\f")
    return os.path.getsize(path)


def corpus_files():
    return sorted(glob.glob(os.path.join(SHARED, "corpora", "reuters-dev", "*.txt")) +
                  glob.glob(os.path.join(SHARED, "corpora", "bbc-dev", "*.txt")))


def peers(a):
    """The Markdown programs beside wiremark: name -> argv (stdin to stdout)."""
    found = {}
    if shutil.which("cmark"):
        found["cmark"] = [shutil.which("cmark")]
    if a.md4c and os.access(a.md4c, os.X_OK):
        found["md4c"] = [os.path.abspath(a.md4c)]
    return found


def ratio(t, base, name):
    return f"{t / base[name]:.2f}" if name in base and base[name] > 0 else "-"


def throughput(a, wm, feeds, tmp):
    md = peers(a)
    print("\n### Throughput: CPU time on one core, best of "
          f"{a.repeat} run(s)\n")
    print("| input | program | MB | CPU s | MB/s (CPU) | MB/s (wall) | peak MiB "
          "| x cmark | x md4c |")
    print("|---|---|---:|---:|---:|---:|---:|---:|---:|")
    out = os.path.join(tmp, "out")
    for name, path in feeds:
        size = os.path.getsize(path)
        rows, base = [], {}
        for peer, argv in md.items():
            wall, cpu, rss = best(argv, path, out, a.repeat)
            base[peer] = cpu
            rows.append((peer, wall, cpu, rss))
        wall, cpu, rss = best(["cat"], path, out, a.repeat)
        rows.append(("cat", wall, cpu, rss))
        wm_rows = []
        for fmt in a.formats:
            wall, cpu, rss = best([wm, "-q", "-t", fmt], path, out, a.repeat)
            wm_rows.append((f"wiremark -t {fmt}", wall, cpu, rss))
        for prog, wall, cpu, rss in wm_rows + rows:
            print(f"| {name} | {prog} | {size / 1e6:.1f} | {cpu:.3f} | "
                  f"{size / 1e6 / max(cpu, 1e-9):.1f} | {size / 1e6 / wall:.1f} | "
                  f"{rss / 1024:.1f} | {ratio(cpu, base, 'cmark')} | "
                  f"{ratio(cpu, base, 'md4c')} |")
        pandoc = shutil.which("pandoc")
        if pandoc:
            slice_path = os.path.join(tmp, "slice")
            with open(path, "rb") as fh, open(slice_path, "wb") as sh:
                sh.write(fh.read(256 * 1024))
            ssize = os.path.getsize(slice_path)
            wall, cpu, rss = best([pandoc, "-f", "markdown", "-t", "html"],
                                  slice_path, out, 1)
            _, wcpu, _ = best([wm, "-q", "-t", "html"], slice_path, out, a.repeat)
            print(f"| {name} | pandoc (256 KiB slice; wiremark -t html "
                  f"{cpu / wcpu:.0f} x faster) | {ssize / 1e6:.2f} | {cpu:.3f} | "
                  f"{ssize / 1e6 / cpu:.2f} | {ssize / 1e6 / wall:.2f} | "
                  f"{rss / 1024:.1f} | | |")


def latency(a, wm, tmp):
    article = a.article
    out = os.devnull
    progs = [("wiremark -t html", [wm, "-q", "-t", "html"]),
             ("wiremark --version", [wm, "--version"])]
    progs += list(peers(a).items()) + [("cat", ["cat"])]
    res = {}
    for name, argv in progs:
        for _ in range(min(20, a.runs)):  # warm-up
            run_once(argv, article, out, rss=False)
        runs = [run_once(argv, article, out, rss=False) for _ in range(a.runs)]
        res[name] = (statistics.median(r[1] for r in runs),
                     statistics.median(r[0] for r in runs))
    base = {k: v[0] for k, v in res.items()}
    print(f"\n### One article, whole process: median of {a.runs} runs\n")
    print(f"{os.path.relpath(article)} ({os.path.getsize(article)} bytes), "
          "standard input to /dev/null\n")
    print("| program | CPU ms | wall ms | x cmark (CPU) | x md4c (CPU) |")
    print("|---|---:|---:|---:|---:|")
    for name, (cpu, wall) in res.items():
        print(f"| {name} | {cpu * 1e3:.3f} | {wall * 1e3:.3f} | "
              f"{ratio(cpu, base, 'cmark')} | {ratio(cpu, base, 'md4c')} |")


def jsonl(a, wm, tmp):
    """--jsonl: a record per article, against the same articles as a feed."""
    files = corpus_files() or sorted(glob.glob(os.path.join(ROOT, "samples", "*.txt")))
    rec = os.path.join(tmp, "records.jsonl")
    feed = os.path.join(tmp, "records-feed.txt")
    n, size = 0, 0
    with open(rec, "w") as fr, open(feed, "wb") as ff:
        while size < a.jsonl_mb * 1e6:
            text = open(files[n % len(files)], "rb").read()
            fr.write(json.dumps({"id": n, "text": text.decode("utf-8", "replace")}) + "\n")
            ff.write(text + b"\f")
            size += len(text) + 1
            n += 1
    out = os.path.join(tmp, "out")
    print(f"\n### JSON Lines: {n} records, {size / 1e6:.1f} MB of text, "
          f"best of {a.repeat}\n")
    print("| format | --jsonl MB/s (CPU) | feed MB/s (CPU) | --jsonl / feed (CPU) "
          "| --jsonl peak MiB | feed peak MiB |")
    print("|---|---:|---:|---:|---:|---:|")
    for fmt in a.formats:
        _, c1, r1 = best([wm, "-q", "--jsonl", "-t", fmt], rec, out, a.repeat)
        _, c2, r2 = best([wm, "-q", "-t", fmt], feed, out, a.repeat)
        print(f"| {fmt} | {size / 1e6 / c1:.1f} | {size / 1e6 / c2:.1f} | "
              f"{c1 / c2:.2f} | {r1 / 1024:.1f} | {r2 / 1024:.1f} |")


def memory(a, wm, tmp):
    """Peak memory on feeds of growing size: a stream holds one article."""
    sizes = [int(x) for x in a.memory_mb.split(",") if int(x) > 0]
    samples = sorted(glob.glob(os.path.join(ROOT, "samples", "*.txt")))
    out = os.path.join(tmp, "out")
    print("\n### Memory: peak RSS converting a feed of the samples\n")
    print("| feed MiB | format | CPU s | MB/s (CPU) | peak MiB |")
    print("|---:|---|---:|---:|---:|")
    for mb in sizes:
        path = os.path.join(tmp, "memfeed.txt")
        size = build_feed(samples, mb * 2**20, path)
        for fmt in ("html", "json"):
            _, cpu, rss = run_once([wm, "-q", "-t", fmt], path, out)
            print(f"| {size / 2**20:.0f} | {fmt} | {cpu:.2f} | "
                  f"{size / 1e6 / cpu:.1f} | {rss / 1024:.1f} |")
        os.unlink(path)


def batch(a, wm, tmp):
    """-O DIR -j N: many one-article files (the file system weighs most),
    then 40 feeds of 300 articles (the conversion weighs most).  Wall time,
    all cores (the pin to one core is lifted)."""
    os.sched_setaffinity(0, range(os.cpu_count() or 1))
    files = corpus_files() or sorted(glob.glob(os.path.join(ROOT, "samples", "*.txt")))
    batch_of(wm, tmp, [[files[i % len(files)]] for i in range(3000)],
             "one-article files")
    batch_of(wm, tmp, [[files[(i * 300 + k) % len(files)] for k in range(300)]
                       for i in range(40)], "feeds of 300 articles")
    os.sched_setaffinity(0, {a.cpu})


def batch_of(wm, tmp, groups, what):
    src = os.path.join(tmp, "batch-in")
    shutil.rmtree(src, ignore_errors=True)
    os.makedirs(src)
    paths = []
    for i, group in enumerate(groups):
        p = os.path.join(src, f"a{i:05d}.txt")
        with open(p, "wb") as fo:
            for f in group:
                with open(f, "rb") as fi:
                    fo.write(fi.read() + b"\f")
        paths.append(p)
    size = sum(os.path.getsize(p) for p in paths)
    cores = os.cpu_count() or 1
    print(f"\n### Batch: wiremark -O DIR -j N --force over {len(groups)} {what} "
          f"({size / 1e6:.1f} MB), wall time\n")
    print("| -j | seconds | files/s | MB/s | x -j 1 |")
    print("|---:|---:|---:|---:|---:|")
    base = None
    for jobs in sorted({1, 2, cores}):
        outdir = os.path.join(tmp, f"batch-out-{jobs}")
        shutil.rmtree(outdir, ignore_errors=True)
        os.makedirs(outdir)
        times = []
        for _ in range(2):
            t0 = time.perf_counter()
            r = subprocess.run([wm, "-q", "-O", outdir, "-j", str(jobs), "--force"]
                               + paths, stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL)
            times.append(time.perf_counter() - t0)
            if r.returncode not in (0, 1):
                raise SystemExit("batch run failed")
        t = min(times)
        base = base or t
        print(f"| {jobs} | {t:.2f} | {len(groups) / t:.0f} | {size / 1e6 / t:.1f} | "
              f"{base / t:.2f} |")
    shutil.rmtree(src)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--wiremark", default=os.path.join(ROOT, "build", "wiremark"))
    ap.add_argument("--md4c", default=os.path.join(ROOT, "build", "bench", "md4c-html"),
                    help="bench/md4c-html.c built (meson builds it when "
                         "libmd4c-html is found)")
    ap.add_argument("--size-mb", type=int, default=64, help="the feeds' size (MB)")
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--runs", type=int, default=300, help="one-article runs")
    ap.add_argument("--formats", default="html,markdown,tei,json")
    ap.add_argument("--feeds", default="corpora",
                    help="corpora and/or samples (comma-separated); samples "
                         "alone when ../shared is absent")
    ap.add_argument("--article", default=os.path.join(ROOT, "samples", "01-blank-lines.txt"))
    ap.add_argument("--jsonl-mb", type=int, default=16)
    ap.add_argument("--memory-mb", default="64,1024",
                    help="feed sizes for the memory table (MiB, comma-separated)")
    ap.add_argument("--only", default="throughput,latency,jsonl,memory",
                    help="parts, comma-separated: throughput, latency, jsonl, "
                         "memory, batch")
    ap.add_argument("--cpu", type=int, default=0, help="the core to run on")
    a = ap.parse_args()
    a.formats = a.formats.split(",")
    wm = os.path.abspath(a.wiremark)
    if not os.path.exists(wm):
        sys.exit(f"no wiremark at {wm} (build it, or pass --wiremark)")
    os.sched_setaffinity(0, {a.cpu})
    only = a.only.split(",")
    version = subprocess.run([wm, "--version"], capture_output=True,
                             text=True).stdout.strip()
    print(f"## bench/run.py: {wm} ({version}), core {a.cpu}, peers: "
          f"{', '.join(peers(a)) or 'none'}")
    with tempfile.TemporaryDirectory() as tmp:
        if "throughput" in only:
            feeds = []
            wanted = a.feeds.split(",")
            if "corpora" in wanted and corpus_files():
                p = os.path.join(tmp, "corpora.txt")
                build_feed(corpus_files(), a.size_mb * 10**6, p)
                feeds.append(("corpora", p))
            if "samples" in wanted or not feeds:
                p = os.path.join(tmp, "samples.txt")
                build_feed(sorted(glob.glob(os.path.join(ROOT, "samples", "*.txt"))),
                           a.size_mb * 10**6, p)
                feeds.append(("samples", p))
            throughput(a, wm, feeds, tmp)
            for _, p in feeds:
                os.unlink(p)
        if "latency" in only:
            latency(a, wm, tmp)
        if "jsonl" in only:
            jsonl(a, wm, tmp)
        if "memory" in only:
            memory(a, wm, tmp)
        if "batch" in only:
            batch(a, wm, tmp)


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""wiremark's benchmark: throughput, latency and peak memory, side by side
with cmark, pandoc and cat on the same bytes.

usage: bench/run.py [--wiremark build/wiremark] [--size-mb 32] [--repeat 3]
                    [--memory-mb 64,1024] [--only throughput,latency,memory,batch,jsonl]

Every figure is also given as a ratio against a peer measured in the same
run, because the machines are shared and noisy.  Inputs:
  samples   samples/*.txt joined as a feed (form feeds between articles),
            repeated up to --size-mb
  corpora   ../shared/corpora/reuters-dev and bbc-dev as one feed, when
            ../shared is there
Peers: cmark (the same bytes read as Markdown, to HTML), pandoc (Markdown to
HTML, on a slice: it is slow), cat (the floor: reading and writing bytes).
wiremark runs pinned to one core (taskset -c 0) where taskset exists.
"""
import argparse
import glob
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


def run_once(argv, stdin_path, stdout_path):
    """Runs argv; returns (seconds, peak RSS in KiB).  The peak comes from
    GNU time where it is installed (os.wait4 would count the forked Python
    image too)."""
    with tempfile.NamedTemporaryFile("r") as rss_file:
        cmd = ([TIME, "-f", "%M", "-o", rss_file.name] if TIME else []) + argv
        with open(stdin_path, "rb") as fin, open(stdout_path, "wb") as fout:
            t0 = time.perf_counter()
            p = subprocess.Popen(cmd, stdin=fin, stdout=fout, stderr=subprocess.DEVNULL)
            _, status, usage = os.wait4(p.pid, 0)
            t = time.perf_counter() - t0
        if os.waitstatus_to_exitcode(status) not in (0, 1):
            raise SystemExit(f"{argv[0]} failed on {stdin_path}")
        text = rss_file.read().strip()
        rss = int(text.splitlines()[-1]) if text else usage.ru_maxrss
    return t, rss


def best(argv, path, out, repeat):
    runs = [run_once(argv, path, out) for _ in range(repeat)]
    return min(r[0] for r in runs), max(r[1] for r in runs)


def build_feed(files, size_mb, path):
    data = b"\f".join(open(f, "rb").read() for f in files)
    want = size_mb * 1024 * 1024
    reps = max(1, want // max(1, len(data)))
    with open(path, "wb") as fh:
        for _ in range(reps):
            fh.write(data)
            fh.write(b"\f")
    return os.path.getsize(path)


def pin(argv):
    return (["taskset", "-c", "0"] + argv) if shutil.which("taskset") else argv


def throughput(wm, feeds, repeat, tmp):
    cmark, pandoc = shutil.which("cmark"), shutil.which("pandoc")
    rows = []
    for name, path in feeds:
        size = os.path.getsize(path)
        out = os.path.join(tmp, "out")
        base = {}
        if cmark:
            base["cmark"] = best(pin([cmark]), path, out, repeat)
        base["cat"] = best(pin(["cat"]), path, out, repeat)
        for fmt in ("html", "tei", "markdown", "json"):
            t, rss = best(pin([wm, "-q", "-t", fmt]), path, out, repeat)
            rows.append((name, f"wiremark -t {fmt}", size, t, rss, base))
        for peer, (t, rss) in base.items():
            rows.append((name, peer, size, t, rss, base))
        if pandoc:
            # pandoc on a 256 KiB slice of the same bytes
            slice_path = os.path.join(tmp, "slice")
            with open(path, "rb") as fh, open(slice_path, "wb") as sh:
                sh.write(fh.read(256 * 1024))
            ssize = os.path.getsize(slice_path)
            t, rss = best(pin([pandoc, "-f", "markdown", "-t", "html"]), slice_path, out, 1)
            tw, _ = best(pin([wm, "-q", "-t", "html"]), slice_path, out, repeat)
            rows.append((name, "pandoc (256 KiB slice)", ssize, t, rss, {"wiremark-slice": (tw, 0)}))
    print(f"\n{'input':10} {'program':26} {'MB':>7} {'MB/s':>9} {'peak MiB':>9}  ratio")
    for name, prog, size, t, rss, base in rows:
        mbs = size / 1e6 / t
        ratio = ""
        if "wiremark" in prog and "cmark" in base:
            ratio = f"{base['cmark'][0] / t:6.2f} x cmark"
        elif prog.startswith("pandoc"):
            ratio = f"wiremark {t / base['wiremark-slice'][0]:8.0f} x pandoc"
        print(f"{name:10} {prog:26} {size / 1e6:7.1f} {mbs:9.1f} {rss / 1024:9.1f}  {ratio}")


def latency(wm, article, runs, tmp):
    cmark = shutil.which("cmark")
    out = os.path.join(tmp, "out")
    res = {}
    for name, argv in (("wiremark -t html", [wm, "-q"]), ("cmark", [cmark] if cmark else None),
                       ("cat", ["cat"])):
        if not argv:
            continue
        times = [run_once(argv, article, out)[0] for _ in range(runs)]
        res[name] = statistics.median(times)
    print(f"\nlatency, one article ({os.path.getsize(article)} bytes), median of {runs} whole-process runs")
    for name, t in res.items():
        extra = f"  {t / res['cmark']:.2f} x cmark" if "cmark" in res and name != "cmark" else ""
        print(f"  {name:18} {t * 1e3:7.2f} ms{extra}")


def memory(wm, sizes_mb, tmp):
    """Peak memory on feeds of growing size: a stream holds one article."""
    samples = sorted(glob.glob(os.path.join(ROOT, "samples", "*.txt")))
    out = os.path.join(tmp, "out")
    print("\nmemory: peak resident memory converting a feed of the samples "
          "(form feeds between articles)")
    print(f"  {'feed':>9} {'format':9} {'seconds':>8} {'MB/s':>7} {'peak MiB':>9}")
    for mb in sizes_mb:
        path = os.path.join(tmp, "memfeed.txt")
        size = build_feed(samples, mb, path)
        for fmt in ("html", "json"):
            t, rss = run_once([wm, "-q", "-t", fmt], path, out)
            print(f"  {size / 2**20:7.0f} MiB {fmt:9} {t:8.2f} {size / 1e6 / t:7.1f} "
                  f"{rss / 1024:9.1f}")
        os.unlink(path)


def batch(wm, tmp):
    """-O DIR -j N: many one-article files (the file system weighs most),
    then 40 feeds of 300 articles (the conversion weighs most)."""
    files = sorted(glob.glob(os.path.join(SHARED, "corpora", "*", "*.txt")))
    if not files:
        files = sorted(glob.glob(os.path.join(ROOT, "samples", "*.txt")))
    batch_of(wm, tmp, [[files[i % len(files)]] for i in range(3000)],
             "one-article files")
    batch_of(wm, tmp, [[files[(i * 300 + k) % len(files)] for k in range(300)]
                       for i in range(40)], "feeds of 300 articles")


def batch_of(wm, tmp, groups, what):
    src = os.path.join(tmp, "batch-in")
    shutil.rmtree(src, ignore_errors=True)
    os.makedirs(src)
    nfiles = len(groups)
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
    print(f"\nbatch: wiremark -O DIR -j N --force over {nfiles} {what} "
          f"({size / 1e6:.1f} MB)")
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
        print(f"  -j {jobs}: {t:6.2f} s, {nfiles / t:7.0f} files/s, "
              f"{size / 1e6 / t:6.1f} MB/s, {base / t:4.2f} x -j 1")
    shutil.rmtree(src)


def jsonl(wm, tmp, mb=8):
    """--jsonl: records in, records out, beside plain conversion."""
    import json
    files = sorted(glob.glob(os.path.join(SHARED, "corpora", "*", "*.txt")))
    if not files:
        files = sorted(glob.glob(os.path.join(ROOT, "samples", "*.txt")))
    rec = os.path.join(tmp, "records.jsonl")
    feed = os.path.join(tmp, "records-feed.txt")
    n = 0
    with open(rec, "w") as fr, open(feed, "wb") as ff:
        while os.path.getsize(feed) < mb * 2**20 if os.path.exists(feed) else True:
            f = files[n % len(files)]
            text = open(f, "rb").read()
            fr.write(json.dumps({"id": n, "text": text.decode("utf-8", "replace")}) + "\n")
            ff.write(text + b"\f")
            ff.flush()
            n += 1
    out = os.path.join(tmp, "out")
    t1, r1 = best([wm, "-q", "--jsonl", "-t", "html"], rec, out, 2)
    t2, r2 = best([wm, "-q", "-t", "html"], feed, out, 2)
    size = os.path.getsize(feed)
    print(f"\njsonl: {n} records ({size / 1e6:.1f} MB of text)")
    print(f"  --jsonl -t html     {size / 1e6 / t1:7.1f} MB/s  peak {r1 / 1024:6.1f} MiB")
    print(f"  feed -t html        {size / 1e6 / t2:7.1f} MB/s  peak {r2 / 1024:6.1f} MiB")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--wiremark", default=os.path.join(ROOT, "build", "wiremark"))
    ap.add_argument("--size-mb", type=int, default=32)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--memory-mb", default="64,1024",
                    help="feed sizes for the memory table (MiB, comma-separated; 0: none)")
    ap.add_argument("--only", default="throughput,latency,memory,batch,jsonl",
                    help="which tables (comma-separated)")
    a = ap.parse_args()
    wm = os.path.abspath(a.wiremark)
    if not os.path.exists(wm):
        sys.exit(f"no wiremark at {wm} (build it, or pass --wiremark)")
    with tempfile.TemporaryDirectory() as tmp:
        feeds = []
        samples = sorted(glob.glob(os.path.join(ROOT, "samples", "*.txt")))
        p = os.path.join(tmp, "samples.txt")
        build_feed(samples, a.size_mb, p)
        feeds.append(("samples", p))
        corpora = sorted(glob.glob(os.path.join(SHARED, "corpora", "*", "*.txt")))
        if corpora:
            p = os.path.join(tmp, "corpora.txt")
            build_feed(corpora, a.size_mb, p)
            feeds.append(("corpora", p))
        else:
            print("note: ../shared is absent: samples only")
        only = a.only.split(",")
        if "throughput" in only:
            throughput(wm, feeds, a.repeat, tmp)
        seed = os.path.join(SHARED, "samples", "000_13d9be2aa1a7efac.txt")
        if "latency" in only:
            latency(wm, seed if os.path.exists(seed) else samples[0], 200, tmp)
        sizes = [int(x) for x in a.memory_mb.split(",") if int(x) > 0]
        if "memory" in only and sizes:
            memory(wm, sizes, tmp)
        if "batch" in only:
            batch(wm, tmp)
        if "jsonl" in only:
            jsonl(wm, tmp)


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""The Python binding's throughput against the command line on the same
articles, and Dask's with 1 and 2 workers on this machine.

usage: WIREMARK_LIBRARY=build/libwiremark.so.0 PYTHONPATH=python \\
       /usr/bin/python3 bench/python.py [--wiremark build/wiremark] [--to html]
                                        [--repeat 3] [--partitions 16] [--no-dask]

Input: ../shared/corpora/reuters-dev and bbc-dev (every *.txt, one article
each) when ../shared is there (WM_SHARED_DIR), else samples/*.txt repeated
to about as many articles.  The same articles are given:

  cli feed         wiremark -t FORMAT feed.txt: the articles as one feed
                   (form feeds between them), one process
  cli --jsonl      wiremark --jsonl -t FORMAT < records.jsonl: one record
                   per article, one process
  py feed          wiremark.convert(feed): the feed in one call
  py stream        wiremark.convert_stream(open(feed.txt, "rb"))
  py raw ctypes    wm_convert called through ctypes for each article, no
                   checks, no messages: the floor of any binding
  py per article   Converter.convert(text) for each article (one context)
  py convert()     wiremark.convert(text) for each article (a context each)
  dask N workers   wiremark.dask.convert on a LocalCluster of N worker
                   processes, one thread each (the cluster's start not
                   counted), --partitions partitions: a bag of the records
                   (sent from the client) with the results brought back to
                   it; and a bag of the paths, read by the workers, written
                   as JSON Lines by them (wiremark.dask.to_jsonl)

Each figure is the best of --repeat runs (wall time).  The binding's
overhead per article is (py per article - cli feed) / articles: what a
call from Python costs beyond the C conversion itself; (py per article -
py raw ctypes) / articles is what the binding adds to the bare ctypes call
(messages gathered, checks, decoding).
"""
import argparse
import glob
import json
import logging
import os
import subprocess
import sys
import tempfile
import time

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
SHARED = os.environ.get("WM_SHARED_DIR", os.path.join(ROOT, "..", "shared"))


def articles():
    """The articles' bytes, their files, and what they are."""
    files = []
    for corpus in ("reuters-dev", "bbc-dev"):
        files += sorted(glob.glob(os.path.join(SHARED, "corpora", corpus, "*.txt")))
    what = "../shared/corpora reuters-dev + bbc-dev"
    if not files:
        files = sorted(glob.glob(os.path.join(ROOT, "samples", "*.txt"))) * 200
        what = "samples/*.txt, repeated"
    texts = []
    for path in files:
        with open(path, "rb") as f:
            texts.append(f.read())
    return texts, files, what


def best(fn, repeat):
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return min(times)


def run(argv, stdin_path):
    with open(stdin_path, "rb") as stdin:
        p = subprocess.run(argv, stdin=stdin, stdout=subprocess.DEVNULL,
                           stderr=subprocess.DEVNULL)
    if p.returncode not in (0, 1):
        sys.exit(f"{' '.join(argv)}: exit {p.returncode}")


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--wiremark", default=os.path.join(ROOT, "build", "wiremark"))
    ap.add_argument("--to", default="html")
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--partitions", type=int, default=16)
    ap.add_argument("--no-dask", action="store_true")
    args = ap.parse_args()
    import warnings
    import wiremark
    warnings.simplefilter("ignore", wiremark.WiremarkWarning)

    texts, paths, what = articles()
    n = len(texts)
    size = sum(len(t) for t in texts)
    rows = []

    def row(name, seconds):
        rows.append((name, seconds))
        print(f"  {name}: {seconds:.3f} s", file=sys.stderr, flush=True)

    with tempfile.TemporaryDirectory(prefix="wm-bench-py-") as tmp:
        feed_path = os.path.join(tmp, "feed.txt")
        feed = b"\f".join(t if t.endswith(b"\n") else t + b"\n" for t in texts)
        with open(feed_path, "wb") as f:
            f.write(feed)
        records = [{"id": f"a{i}", "text": t.decode("utf-8", "replace")}
                   for i, t in enumerate(texts)]
        jsonl_path = os.path.join(tmp, "records.jsonl")
        with open(jsonl_path, "w", encoding="utf-8") as f:
            for r in records:
                f.write(json.dumps(r) + "\n")
        empty = os.path.join(tmp, "empty")
        open(empty, "w").close()

        print(f"{n} articles, {size / 1e6:.1f} MB ({what}), to {args.to}, "
              f"best of {args.repeat}", file=sys.stderr)
        row("cli feed", best(lambda: run([args.wiremark, "-q", "-t", args.to, feed_path],
                                          empty), args.repeat))
        row("cli --jsonl", best(lambda: run([args.wiremark, "--jsonl", "-q", "-t", args.to],
                                             jsonl_path), args.repeat))
        row("py feed", best(lambda: wiremark.convert(feed, to=args.to), args.repeat))

        def stream():
            with open(feed_path, "rb") as f:
                for _ in wiremark.convert_stream(f, to=args.to):
                    pass
        row("py stream", best(stream, args.repeat))
        row("py raw ctypes", best(raw_ctypes(texts, args.to), args.repeat))
        c = wiremark.Converter(args.to)
        row("py per article", best(lambda: [c.convert(t) for t in texts], args.repeat))
        row("py convert()", best(lambda: [wiremark.convert(t, to=args.to) for t in texts],
                                 args.repeat))
        if not args.no_dask:
            dask_rows(records, paths, tmp, args, row)

    base = dict(rows)["cli feed"]
    print(f"\n{n} articles, {size / 1e6:.1f} MB ({what}), -t {args.to}, "
          f"{os.cpu_count()} cores, best of {args.repeat}\n")
    print("| run | seconds | articles/s | MB/s | µs/article | × cli feed |")
    print("|---|---:|---:|---:|---:|---:|")
    for name, s in rows:
        print(f"| {name} | {s:.3f} | {n / s:,.0f} | {size / 1e6 / s:.1f} | "
              f"{s / n * 1e6:.1f} | {s / base:.2f} |")
    per = dict(rows)
    print(f"\nbinding overhead per article: "
          f"{(per['py per article'] - per['cli feed']) / n * 1e6:.1f} µs "
          f"(py per article - cli feed); "
          f"{(per['py convert()'] - per['cli feed']) / n * 1e6:.1f} µs with a context "
          f"per call; {(per['py per article'] - per['py raw ctypes']) / n * 1e6:.1f} µs "
          f"over the bare ctypes call")


def raw_ctypes(texts, to):
    """The floor of any binding: wm_convert through ctypes for each article,
    one context, messages silenced, no checks."""
    import ctypes
    from wiremark import _native
    lib = _native.lib()
    ctx = lib.wm_context_new()
    lib.wm_context_set_diag(ctx, _native.DIAG_FN(0), None)
    fmt = lib.wm_format_from_name(to.encode())
    out, n = ctypes.c_void_p(), ctypes.c_size_t()

    def loop():
        for t in texts:
            if lib.wm_convert(ctx, t, len(t), None, fmt, 0, ctypes.byref(out),
                              ctypes.byref(n)) == 0:
                _native.take_string(out.value, n.value).decode()
    return loop


def dask_rows(records, paths, tmp, args, row):
    try:
        import dask.bag as db
        import distributed
    except ImportError as e:
        print(f"dask: skipped ({e}; apt-get install python3-dask python3-distributed)",
              file=sys.stderr)
        return
    import wiremark.dask as wd
    for workers in (1, 2):
        t = time.perf_counter()
        cluster = distributed.LocalCluster(n_workers=workers, threads_per_worker=1,
                                           processes=True, dashboard_address=None,
                                           silence_logs=logging.ERROR)
        with cluster, distributed.Client(cluster) as client:
            client.wait_for_workers(workers)
            print(f"  (cluster of {workers} started in {time.perf_counter() - t:.1f} s)",
                  file=sys.stderr)
            name = f"dask {workers} worker{'s' if workers > 1 else ''}"
            bag = db.from_sequence(records, npartitions=args.partitions)
            results = wd.convert(bag, to=args.to)
            row(f"{name}, records to the client", best(lambda: results.compute(), args.repeat))
            on_disk = wd.convert(db.from_sequence(paths, npartitions=args.partitions),
                                 to=args.to)
            out = os.path.join(tmp, f"dask{workers}")
            os.mkdir(out)
            row(f"{name}, paths to JSON Lines",
                best(lambda: wd.to_jsonl(on_disk, os.path.join(out, "part-*.jsonl")),
                     args.repeat))


if __name__ == "__main__":
    main()

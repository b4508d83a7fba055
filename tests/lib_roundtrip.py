#!/usr/bin/env python3
"""JSON round trip through the command line: `wiremark -t json FILES |
wiremark -f json -t json` gives the same bytes back, for every sample and
every article of the development corpora (../shared/corpora/*-dev).

usage: lib_roundtrip.py PATH/TO/wiremark  (run by meson test)
"""
import glob
import os
import subprocess
import sys

ROOT = os.environ.get("WM_SOURCE_ROOT", os.path.join(os.path.dirname(__file__), ".."))
SHARED = os.environ.get("WM_SHARED_DIR", os.path.join(ROOT, "..", "shared"))
SKIP = 77
BATCH = 400


def round_trip(wm, files, extra):
    """Number of articles, or a message saying where the trip failed."""
    first = b""
    for i in range(0, len(files), BATCH):
        p = subprocess.run([wm, "-q", "-t", "json"] + extra + files[i:i + BATCH],
                           capture_output=True, timeout=600)
        first += p.stdout
    p = subprocess.run([wm, "-f", "json", "-t", "json"], input=first,
                       capture_output=True, timeout=600)
    if p.returncode != 0:
        return f"-f json exited {p.returncode}: {p.stderr.decode()[:2000]}"
    if p.stdout != first:
        a, b = first.splitlines(), p.stdout.splitlines()
        for n, (x, y) in enumerate(zip(a, b), 1):
            if x != y:
                return f"line {n} differs:\n  {x[:400]!r}\n  {y[:400]!r}"
        return f"{len(a)} lines became {len(b)}"
    return first.count(b"\n")


def main():
    wm = os.path.abspath(sys.argv[1])
    sets = [("samples", sorted(glob.glob(os.path.join(ROOT, "samples", "*.txt"))))]
    corpora = sorted(glob.glob(os.path.join(SHARED, "corpora", "*-dev")))
    for c in corpora:
        sets.append((os.path.basename(c), sorted(glob.glob(os.path.join(c, "*.txt")))))
    failures = 0
    for name, files in sets:
        for extra in ([], ["--date", "2000-01-01"]):
            got = round_trip(wm, files, extra)
            label = f"{name} {' '.join(extra)}".strip()
            if isinstance(got, str) or got < len(files) // 2 or not files:
                failures += 1
                print(f"FAIL {label}: {got}")
            else:
                print(f"ok   {label}: {got} articles from {len(files)} files")
    if failures:
        return 1
    if not corpora:
        print(f"skip: no development corpora in {SHARED}/corpora (samples passed)")
        return SKIP
    return 0


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/env python3
"""Linear time and constant memory on pathological input (issue 8).

usage: linear.py WIREMARK

Each case is converted, whole process, at two sizes n and 4n; the time for
4n over the time for n must stay under MAX_RATIO (quadratic work would give
16), in the process's CPU time.  No absolute times: a ratio of two runs on
the same machine, the best of two runs each, so that a busy machine does
not fail it.  n starts at the case's size and grows until the run at n
takes at least MIN_SECONDS of CPU (up to MAX_BYTES at 4n), so that no ratio
is taken of a few milliseconds, where the start of the process and the
clock's granularity weigh as much as the work.  Every run must
end with the exit status the case expects and leave its output whole
(checked on what the output holds).

Memory: a feed of many articles, converted to every format, must peak
under 16 MiB of resident memory whatever its size (the feed is read and
written as a stream), checked at two sizes; skipped in a sanitizer build
(WM_SANITIZED set: shadow memory makes RSS meaningless).
"""
import os
import subprocess
import sys
import tempfile
import time

MAX_RATIO = 10.0
MIN_SECONDS = 0.1
MAX_BYTES = 256 << 20
MEMORY_LIMIT_KIB = 16 * 1024

failures = []


def fail(msg):
    failures.append(msg)
    print("FAIL", msg)


def peak_kib(pid):
    """The process's peak resident memory so far (VmHWM: since its exec,
    so not the forked Python's), or None once it is gone."""
    try:
        with open(f"/proc/{pid}/status") as f:
            for line in f:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except OSError:
        return None
    return None


def run(wm, path, fmt, out_path, watch=False, extra=()):
    """Runs wiremark on path; returns (seconds, exit status, peak KiB).
    The peak is watched from /proc while it runs (watch), the last reading
    before it exits: VmHWM only grows."""
    peak = 0
    with open(out_path, "wb") as out:
        p = subprocess.Popen([wm, "-q", "-t", fmt, *extra, path], stdout=out,
                             stderr=subprocess.DEVNULL)
        while True:
            # the child's CPU time (user + system), which other processes
            # busy on the machine do not stretch as they stretch the clock
            pid, status, usage = os.wait4(p.pid, os.WNOHANG if watch else 0)
            if pid:
                break
            k = peak_kib(p.pid)
            if k:
                peak = max(peak, k)
            time.sleep(0.005)
        p.returncode = code = os.waitstatus_to_exitcode(status)
        t = usage.ru_utime + usage.ru_stime
    return t, code, peak


# name, maker(n) -> bytes, n, expected exit status, a check on the output
def long_line(n):
    return b"A HEADLINE\n\nLONDON, March 3 (Reuters) - " + b"word " * (n // 5)


def blank_lines(n):
    return b"A HEADLINE\n\nLONDON - Text.\n" + b"\n" * n + b"More text.\n"


def one_word_paragraphs(n):
    return b"A HEADLINE\n\n" + b"word\n\n" * (n // 6)


def dashes(n):
    return b"A HEADLINE\n\n" + b"-" * n + b"\n"


def spaced_dashes(n):
    return b"A HEADLINE\n\nLONDON " + b"- " * (n // 2) + b"\n"


def empty_articles(n):
    return b"\f" * n


def headline_articles(n):
    return b"H\f" * (n // 2)


def feed_of_paragraphs(n):
    para = b"Text of a paragraph with *stars*, _lines_ and `ticks` in it.\n\n"
    story = b"A HEADLINE\n\nLONDON - " + para * 20
    return (story + b"\f") * (n // (len(story) + 1))


def end_marks(n):
    return b"A HEADLINE\n\nText.\n" + b"-30-\nH\n" * (n // 7)


CASES = [
    ("one 100 MB line", long_line, 100 << 20, 0, b"word word"),
    ("a million blank lines", blank_lines, 1 << 20, 0, b"More text."),
    ("a million one-word paragraphs", one_word_paragraphs, 6 << 20, 0, b"word"),
    ("10 MB of dashes", dashes, 10 << 20, 0, b"-----"),
    ("spaced dashes after a place", spaced_dashes, 4 << 20, 0, b"- - -"),
    ("a feed of a million empty articles", empty_articles, 1 << 20, 1, b""),
    ("a feed of a million headline-only articles", headline_articles,
     2 << 20, 0, b"<h1>H</h1>"),
    ("a million end marks", end_marks, 7 << 20, 0, b"-30-"),
    # Markdown escaping looks back at what the template wrote: a template
    # of one's own with no blank line (an HTML page) must not make that
    # quadratic
    ("Markdown through a page template with no blank lines",
     feed_of_paragraphs, 4 << 20, 0, b"stars", "markdown",
     ["--template", "docs/examples/site-page.mustache"]),
]


def timed(wm, tmp, case, n, extra):
    """The best CPU time of two runs of the case at size n; the output
    checked each time."""
    name, make, _, status, needle, *how = case
    fmt = how[0] if how else "html"
    path = os.path.join(tmp, "in.txt")
    out = os.path.join(tmp, "out")
    with open(path, "wb") as f:
        f.write(make(n))
    best = None
    for _ in range(2):
        t, code, _ = run(wm, path, fmt, out, extra=extra)
        best = t if best is None else min(best, t)
        if code != status:
            fail(f"{name} (n={n}): exit status {code}, expected {status}")
    with open(out, "rb") as f:
        text = f.read()
    if needle and needle not in text:
        fail(f"{name} (n={n}): output lacks {needle!r}")
    if status == 0 and fmt == "html" and not extra and \
            not text.rstrip().endswith(b"</article>"):
        fail(f"{name} (n={n}): output does not end with </article>")
    return max(best, 1e-3)


def linear_cases(wm, tmp):
    root = os.environ.get("WM_SOURCE_ROOT", os.path.join(os.path.dirname(__file__), ".."))
    for case in CASES:
        name, _, big, _, _, *how = case
        extra = [os.path.join(root, a) if a.endswith(".mustache") else a
                 for a in (how[1] if len(how) > 1 else [])]
        n = big // 4
        small = timed(wm, tmp, case, n, extra)
        while small < MIN_SECONDS and n * 8 <= MAX_BYTES:
            # grow towards MIN_SECONDS in one or two steps
            grow = min(16, max(2, int(MIN_SECONDS / small * 1.5)))
            while n * grow * 4 > MAX_BYTES:
                grow //= 2
            n *= grow
            small = timed(wm, tmp, case, n, extra)
        large = timed(wm, tmp, case, 4 * n, extra)
        ratio = large / small
        print(f"{name}: {n} bytes {small:.3f}s, {4 * n} bytes "
              f"{large:.3f}s, ratio {ratio:.2f}")
        if small < MIN_SECONDS:
            print(f"  (under {MIN_SECONDS} s at {n} bytes, the most this test "
                  f"makes: the ratio is of short runs)")
        if ratio >= MAX_RATIO:
            fail(f"{name}: 4x the input took {ratio:.1f}x the time")


def memory(wm, tmp):
    if os.environ.get("WM_SANITIZED"):
        print("SKIP memory: a sanitizer build (its shadow memory is not the "
              "program's)")
        return
    root = os.environ.get("WM_SOURCE_ROOT", os.path.join(os.path.dirname(__file__), ".."))
    samples = sorted(os.path.join(root, "samples", f)
                     for f in os.listdir(os.path.join(root, "samples"))
                     if f.endswith(".txt"))
    one = b"\f".join(open(s, "rb").read() for s in samples) + b"\f"
    path = os.path.join(tmp, "feed.txt")
    out = os.path.join(tmp, "out")
    for mb in (16, 64):
        with open(path, "wb") as f:
            for _ in range((mb << 20) // len(one) + 1):
                f.write(one)
        for fmt in ("html", "tei", "markdown", "json"):
            _, code, kib = run(wm, path, fmt, out, watch=True)
            print(f"memory: {mb} MiB feed -> {fmt}: peak {kib} KiB, exit {code}")
            if code != 0:
                fail(f"memory: {mb} MiB feed -> {fmt}: exit status {code}")
            if kib >= MEMORY_LIMIT_KIB:
                fail(f"memory: {mb} MiB feed -> {fmt}: peak {kib} KiB, "
                     f"not under {MEMORY_LIMIT_KIB} KiB")


def main():
    wm = sys.argv[1]
    with tempfile.TemporaryDirectory() as tmp:
        memory(wm, tmp)
        linear_cases(wm, tmp)
    if failures:
        print(f"{len(failures)} failures")
        return 1
    print("all linear and within memory")
    return 0


if __name__ == "__main__":
    sys.exit(main())

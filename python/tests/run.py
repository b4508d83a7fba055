#!/usr/bin/env python3
"""Runs one pytest file of the binding's tests for meson test.

usage: run.py TEST_FILE [MODULE ...]

Exits 77 (skipped, with a message saying why) when pytest or one of the
MODULEs is not installed, or when every test of the file skipped (no
../shared, ...).  In a sanitized build (WM_SANITIZED, from meson's
b_sanitize) the library needs the sanitizer runtimes loaded first: they are
preloaded (LD_PRELOAD, the ones the library itself links, as ldd shows
them) and python is started again, with leak detection off (the
interpreter's own allocations at exit are not the library's leaks); pytest
then captures Python's output only, so that a sanitizer's report reaches
the test's log.
"""
import importlib
import os
import re
import subprocess
import sys

SKIP = 77


def sanitizer_runtimes(library):
    """The paths of libasan/libubsan that library links, from ldd."""
    try:
        out = subprocess.run(["ldd", library], capture_output=True, text=True,
                             timeout=60).stdout
    except OSError:
        return None
    found = re.findall(r"^\s*(lib(?:asan|ubsan)\.so\S*) => (\S+)", out, re.M)
    # libasan must come first in the list of loaded libraries
    found.sort(key=lambda f: 0 if f[0].startswith("libasan") else 1)
    return [path for _, path in found]


def preload_sanitizers():
    if not os.environ.get("WM_SANITIZED") or os.environ.get("WM_PRELOADED"):
        return
    library = os.environ.get("WIREMARK_LIBRARY", "")
    runtimes = sanitizer_runtimes(library)
    if not runtimes:
        print(f"skip: sanitized build ({os.environ['WM_SANITIZED']}), but no sanitizer "
              f"runtime found in ldd {library}: ctypes cannot load the library")
        sys.exit(SKIP)
    env = dict(os.environ, WM_PRELOADED="1",
               LD_PRELOAD=":".join(runtimes + [os.environ.get("LD_PRELOAD", "")]).rstrip(":"))
    env["ASAN_OPTIONS"] = ":".join(filter(None, [env.get("ASAN_OPTIONS", ""),
                                                 "detect_leaks=0"]))
    print(f"sanitized build: LD_PRELOAD={env['LD_PRELOAD']}", flush=True)
    os.execve(sys.executable, [sys.executable] + sys.argv, env)


class Outcomes:
    """A pytest plugin that counts what ran."""

    def __init__(self):
        self.passed = self.skipped = self.failed = 0

    def pytest_runtest_logreport(self, report):
        if report.when == "call" and report.passed:
            self.passed += 1
        elif report.skipped:
            self.skipped += 1
        elif report.failed:
            self.failed += 1


def main():
    if len(sys.argv) < 2:
        print(__doc__)
        return 2
    test_file, modules = sys.argv[1], sys.argv[2:]
    for name in ["pytest"] + modules:
        try:
            importlib.import_module(name)
        except ImportError:
            package = {"pytest": "python3-pytest", "dask": "python3-dask",
                       "distributed": "python3-distributed"}.get(name, name)
            print(f"skip: the Python module {name} is not installed for {sys.executable} "
                  f"(apt-get install {package})")
            return SKIP
    preload_sanitizers()
    import pytest
    outcomes = Outcomes()
    args = [test_file, "-v", "-rs", "-p", "no:cacheprovider",
            "-W", "error::pytest.PytestUnraisableExceptionWarning"]
    if os.environ.get("WM_PRELOADED"):
        # a sanitizer's report goes straight to file descriptor 2 and then
        # aborts: pytest's default capture (of the descriptors, into a file
        # read back after each test) would lose it
        args.append("--capture=sys")
    rc = pytest.main(args, plugins=[outcomes])
    if rc == 0 and outcomes.passed == 0 and outcomes.skipped > 0:
        print("skip: every test skipped (reasons above)")
        return SKIP
    return int(rc)


if __name__ == "__main__":
    sys.exit(main())

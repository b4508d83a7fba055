#!/usr/bin/env python3
"""Runs the worked examples of docs/filters.md: in each ```console block,
the lines after "$ " are a command (continued while a line ends with a
backslash or a quote is open) and the lines up to the next "$ " what it
prints.  Commands run with bash -o pipefail in the source root, with the
wiremark under test first on PATH.

usage: lib_filters.py PATH/TO/wiremark  (run by meson test; needs jq)
"""
import os
import re
import shutil
import subprocess
import sys

ROOT = os.environ.get("WM_SOURCE_ROOT", os.path.join(os.path.dirname(__file__), ".."))
DOC = os.path.join(ROOT, "docs", "filters.md")
SKIP = 77


def complete(command):
    return not command.endswith("\\") and command.count("'") % 2 == 0


def examples(text):
    """[(command, expected output)] of the console blocks."""
    found = []
    for block in re.findall(r"^```console\n(.*?)^```", text, re.M | re.S):
        lines = block.splitlines()
        i = 0
        while i < len(lines):
            if not lines[i].startswith("$ "):
                raise SystemExit(f"docs/filters.md: output with no command: {lines[i]!r}")
            command = lines[i][2:]
            i += 1
            while not complete(command) and i < len(lines):
                command += "\n" + lines[i]
                i += 1
            out = []
            while i < len(lines) and not lines[i].startswith("$ "):
                out.append(lines[i])
                i += 1
            found.append((command, "".join(line + "\n" for line in out)))
    return found


def main():
    wm = os.path.abspath(sys.argv[1])
    for tool in ("jq", "bash"):
        if not shutil.which(tool):
            print(f"skip: {tool} is not installed")
            return SKIP
    cases = examples(open(DOC, encoding="utf-8").read())
    env = dict(os.environ, PATH=os.path.dirname(wm) + os.pathsep + os.environ.get("PATH", ""))
    failures = 0
    for command, want in cases:
        p = subprocess.run(["bash", "-o", "pipefail", "-c", command], cwd=ROOT, env=env,
                           capture_output=True, text=True, timeout=120)
        first = command.splitlines()[0]
        if p.returncode != 0 or p.stdout != want:
            failures += 1
            print(f"FAIL {first}\nexit {p.returncode}\nstderr:\n{p.stderr}"
                  f"want:\n{want}got:\n{p.stdout}")
        else:
            print(f"ok   {first}")
    if len(cases) < 4:
        print(f"FAIL only {len(cases)} examples found in docs/filters.md")
        failures += 1
    print(f"{len(cases)} examples, {failures} failures")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())

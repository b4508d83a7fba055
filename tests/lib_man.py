#!/usr/bin/env python3
"""The man page wiremark(1) is in step with `wiremark --help`: the OPTIONS
section describes every option that --help lists, and no other.

usage: lib_man.py PATH/TO/wiremark  (run by meson test)
"""
import os
import re
import subprocess
import sys

ROOT = os.environ.get("WM_SOURCE_ROOT", os.path.join(os.path.dirname(__file__), ".."))
MAN1 = os.path.join(ROOT, "docs", "wiremark.1")


def help_options(text):
    """The options --help lists: the words starting with '-' at the start of
    its option lines ("  -f, --from FORMAT ...", "      --date ...")."""
    found = set()
    for line in text.splitlines():
        m = re.match(r"( {2,6})(-.*)", line)
        if not m:
            continue
        rest = m.group(2)
        while True:
            word = re.match(r"(--?[A-Za-z0-9][-A-Za-z0-9]*)", rest)
            if not word:
                break
            found.add(word.group(1))
            rest = rest[word.end():]
            if not rest.startswith(", "):
                break
            rest = rest[2:]
    return found


def man_options(text):
    """The options the OPTIONS section describes: the option words on the
    line after each .TP (roff writes '-' as '\\-')."""
    section = re.search(r"^\.SH OPTIONS\n(.*?)^\.SH ", text, re.M | re.S)
    if not section:
        return None
    found = set()
    lines = section.group(1).splitlines()
    for i, line in enumerate(lines[:-1]):
        if line.strip() != ".TP":
            continue
        tag = re.sub(r"\\f(\(..|\[[^]]*\]|.)", "", lines[i + 1])  # fonts
        tag = tag.replace("\\-", "-")
        found.update(re.findall(r"(?<![\w-])(--?[A-Za-z0-9][-A-Za-z0-9]*)", tag))
    return found


def main():
    wm = os.path.abspath(sys.argv[1])
    p = subprocess.run([wm, "--help"], capture_output=True, text=True, timeout=60)
    if p.returncode != 0:
        print(f"FAIL wiremark --help exited {p.returncode}: {p.stderr}")
        return 1
    in_help = help_options(p.stdout)
    in_man = man_options(open(MAN1, encoding="utf-8").read())
    failures = []
    if in_man is None:
        failures.append("docs/wiremark.1 has no OPTIONS section")
        in_man = set()
    if len(in_help) < 10:
        failures.append(f"only {sorted(in_help)} found in --help")
    for opt in sorted(in_help - in_man):
        failures.append(f"{opt} is in --help but not in docs/wiremark.1's OPTIONS")
    for opt in sorted(in_man - in_help):
        failures.append(f"{opt} is in docs/wiremark.1's OPTIONS but not in --help")
    for f in failures:
        print("FAIL", f)
    print(f"--help: {len(in_help)} options; OPTIONS: {len(in_man)}; {len(failures)} failures")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())

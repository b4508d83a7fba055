#!/usr/bin/env python3
"""The library's interface: what the header declares is what the library
exports, versioned; every function is documented in the header and in
wiremark(3).

usage: lib_api.py symbols PATH/TO/libwiremark.so   exported = WM_API, versioned
       lib_api.py docs                             header comments, docs/wiremark.3
(run by meson test; WM_SOURCE_ROOT names the source tree)
"""
import os
import re
import shutil
import subprocess
import sys

ROOT = os.environ.get("WM_SOURCE_ROOT", os.path.join(os.path.dirname(__file__), ".."))
HEADER = os.path.join(ROOT, "include", "wiremark.h")
MAN3 = os.path.join(ROOT, "docs", "wiremark.3")
SKIP = 77


def api_functions(text):
    """{name: line} of the functions the header declares WM_API."""
    found = {}
    for m in re.finditer(r"^WM_API\b[^;]*?\b(wm_\w+)\s*\(", text, re.M | re.S):
        found[m.group(1)] = text.count("\n", 0, m.start()) + 1
    return found


def undocumented(text):
    """Names of WM_API functions with no comment above their group (the
    declarations with no blank line between them), or whose comment does
    not say which version added them ("Since X.Y")."""
    lines = text.split("\n")
    bad = []
    for name, line in api_functions(text).items():
        j = line - 2
        while j >= 0 and lines[j].strip() and not lines[j].rstrip().endswith("*/"):
            j -= 1
        if j < 0 or not lines[j].rstrip().endswith("*/"):
            bad.append(f"{name} (line {line}): no comment above it")
            continue
        k = j
        while k > 0 and "/*" not in lines[k]:
            k -= 1
        comment = "\n".join(lines[k:j + 1])
        if not re.search(r"Since \d+\.\d+", comment):
            bad.append(f"{name} (line {line}): its comment does not say \"Since X.Y\"")
    return bad


def exported(lib):
    """{name: version} of the functions lib exports."""
    p = subprocess.run(["nm", "-D", "--defined-only", lib], capture_output=True,
                       text=True, check=True)
    syms = {}
    for line in p.stdout.splitlines():
        parts = line.split()
        if len(parts) < 3 or parts[1] == "A":  # the version node itself
            continue
        name, _, version = parts[2].partition("@")
        syms[name] = version.lstrip("@")
    return syms


def check_symbols(lib):
    if not shutil.which("nm"):
        print("skip: nm (binutils) is not installed")
        return SKIP
    api = set(api_functions(open(HEADER, encoding="utf-8").read()))
    syms = exported(lib)
    failures = []
    for name in sorted(set(syms) - api):
        failures.append(f"{name} is exported but not declared WM_API in include/wiremark.h")
    for name in sorted(api - set(syms)):
        failures.append(f"{name} is declared WM_API but not exported (see src/libwiremark.map)")
    for name, version in sorted(syms.items()):
        if not re.fullmatch(r"WIREMARK_\d+\.\d+", version):
            failures.append(f"{name} has no WIREMARK_X.Y version (got {version!r})")
    for f in failures:
        print("FAIL", f)
    print(f"{len(syms)} exported symbols, {len(api)} WM_API functions, {len(failures)} failures")
    return 1 if failures or not api else 0


def check_docs():
    header = open(HEADER, encoding="utf-8").read()
    api = api_functions(header)
    failures = undocumented(header)
    man = open(MAN3, encoding="utf-8").read() if os.path.exists(MAN3) else ""
    if not man:
        failures.append("docs/wiremark.3 is missing")
    for name in sorted(api):
        if man and not re.search(r"\b" + name + r"\b", man):
            failures.append(f"{name} is not in docs/wiremark.3")
    for name in sorted(set(re.findall(r"\b(wm_\w+)\(", man)) - set(api)):
        failures.append(f"docs/wiremark.3 shows {name}(), which the header does not declare")
    for f in failures:
        print("FAIL", f)
    print(f"{len(api)} WM_API functions, {len(failures)} failures")
    return 1 if failures or not api else 0


def main():
    if len(sys.argv) == 3 and sys.argv[1] == "symbols":
        return check_symbols(sys.argv[2])
    if len(sys.argv) == 2 and sys.argv[1] == "docs":
        return check_docs()
    print(__doc__)
    return 2


if __name__ == "__main__":
    sys.exit(main())

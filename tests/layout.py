#!/usr/bin/env python3
"""The layout of src/ keeps the design's rules (docs/hacking.md).

Reads every #include line of src/ and every call of a function of src/,
and fails when one breaks a rule:
- each folder includes only the folders below it (ALLOWED), and calls
  only the functions defined there (a function is known by its definition:
  a prototype written by hand, or a header that passes one on, does not
  hide the dependency);
- read/ and write/ never include each other; the tree includes neither the
  context nor a reader or a writer;
- cmark's, libxml2's and jansson's headers only in the files that use them;
- the CLI includes only the public header;
and fails when a function of src/ is longer than MAX_LINES lines (counted
from its opening brace at column 0 to its closing brace at column 0).

    tests/layout.py [SOURCE_ROOT]     (default: WM_SOURCE_ROOT, else ..)
"""

import os
import re
import sys

ROOT = (sys.argv[1] if len(sys.argv) > 1 else
        os.environ.get("WM_SOURCE_ROOT",
                       os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")))
SRC = os.path.join(ROOT, "src")

# folder: the folders it may include (besides itself and the public header)
ALLOWED = {
    "util": set(),
    "tree": {"util"},
    "template": {"util"},
    "context": {"tree", "util"},
    "read": {"tree", "util", "context"},
    "write": {"tree", "util", "context", "template"},
    "check": {"read", "tree", "util", "context"},
    "convert": {"read", "write", "check", "tree", "util", "context", "template"},
    "cli": set(),
}

# third-party headers: the only files that may include them (the headers
# of the libraries opened on first use, src/util/dl.h: they name the
# library's functions after the table of pointers, so that no other file
# may see the library's own declarations after them)
THIRD_PARTY = {
    "cmark": {"read/libcmark.h"},
    "libxml": {"read/libxml.h"},
    "jansson": {"read/libjansson.h"},
}

PUBLIC = "wiremark.h"
GENERATED = {"templates.h"}  # tools/embed-templates.py's, in write/
MAX_LINES = 80

INCLUDE = re.compile(r'^\s*#\s*include\s*([<"])([^>"]+)[>"]')


def folder_of(rel):
    return rel.split("/")[0]


def sources():
    for dirpath, _, names in os.walk(SRC):
        for n in sorted(names):
            if n.endswith((".c", ".h")):
                path = os.path.join(dirpath, n)
                yield os.path.relpath(path, SRC).replace(os.sep, "/"), path


def check_includes(rel, path, problems):
    here = folder_of(rel)
    with open(path, encoding="utf-8") as f:
        for no, line in enumerate(f, 1):
            m = INCLUDE.match(line)
            if not m:
                continue
            kind, name = m.groups()
            close = ">" if kind == "<" else '"'
            where = f"src/{rel}:{no}: #include {kind}{name}{close}"
            if kind == "<":
                lib = name.split("/")[0].split(".")[0]
                if lib in THIRD_PARTY and rel not in THIRD_PARTY[lib]:
                    problems.append(f"{where}: {lib} belongs only in "
                                    + ", ".join(sorted(THIRD_PARTY[lib])))
                continue
            if name == PUBLIC:
                continue
            if here == "cli" and "/" in name:
                problems.append(f"{where}: the CLI includes only {PUBLIC} "
                                "(and its own headers)")
                continue
            target = os.path.normpath(os.path.join(os.path.dirname(rel), name))
            target = target.replace(os.sep, "/")
            if not os.path.exists(os.path.join(SRC, target)):
                if os.path.basename(name) in GENERATED:
                    continue
                problems.append(f"{where}: no such file src/{target}")
                continue
            there = folder_of(target)
            if there != here and there not in ALLOWED.get(here, set()):
                problems.append(f"{where}: {here}/ may not include {there}/ "
                                f"(it may include: "
                                f"{', '.join(sorted(ALLOWED.get(here, ()))) or 'nothing'})")


# a definition of a function with external linkage: its name at the start
# of a line (after its type), its parameters, then '{' at column 0
DEFINITION = re.compile(r"^(?!static\b)[A-Za-z_][\w \t*]*?\b(wm_\w+)\s*\(")
CALL = re.compile(r"\b(wm_\w+)\s*\(")


def definitions():
    """Where each function of src/ with external linkage is defined:
    name -> folder."""
    where = {}
    for rel, path in sources():
        if not rel.endswith(".c"):
            continue
        with open(path, encoding="utf-8") as f:
            lines = f.read().split("\n")
        for i, text in enumerate(lines):
            m = DEFINITION.match(text)
            if not m:
                continue
            # the signature ends, on this line or a later one, before '{'
            k = i
            while k < len(lines) and not lines[k].rstrip().endswith(")"):
                if lines[k].rstrip().endswith(";"):
                    break
                k += 1
            if k + 1 < len(lines) and lines[k + 1] == "{":
                where[m.group(1)] = folder_of(rel)
    return where


def strip_comments(text):
    text = re.sub(r"/\*.*?\*/", lambda m: "\n" * m.group(0).count("\n"),
                  text, flags=re.S)
    return re.sub(r'"(\\.|[^"\\\n])*"', '""', text)


def check_calls(rel, path, defined, problems):
    """A call to a function defined in a folder this one may not include
    breaks the rules as the #include would (a declaration written by hand,
    or one that a header of an allowed folder passes on)."""
    here = folder_of(rel)
    with open(path, encoding="utf-8") as f:
        text = strip_comments(f.read())
    for no, line in enumerate(text.split("\n"), 1):
        for m in CALL.finditer(line):
            there = defined.get(m.group(1))
            if there is None or there == here or here == "cli":
                continue
            if there not in ALLOWED.get(here, set()):
                problems.append(f"src/{rel}:{no}: calls {m.group(1)} "
                                f"(defined in {there}/): {here}/ may not use "
                                f"{there}/")


FUNC_START = re.compile(r"^[A-Za-z_][^;]*\)\s*$")


def check_lengths(rel, path, problems):
    """Functions: a line that ends a signature, then '{' at column 0, then
    the '}' at column 0 that closes it."""
    with open(path, encoding="utf-8") as f:
        lines = f.read().split("\n")
    i = 0
    while i < len(lines):
        if lines[i] == "{" and i > 0:
            # the function's name: the last signature line with a '('
            j = i - 1
            while j > 0 and "(" not in lines[j]:
                j -= 1
            name = re.search(r"(\w+)\s*\(", lines[j])
            k = i + 1
            while k < len(lines) and lines[k] != "}":
                k += 1
            body = k - i - 1
            if body > MAX_LINES and name:
                problems.append(f"src/{rel}:{i + 1}: {name.group(1)} is "
                                f"{body} lines long (at most {MAX_LINES})")
            i = k
        i += 1


def main():
    problems, long_ones = [], []
    n = 0
    defined = definitions()
    for rel, path in sources():
        n += 1
        if folder_of(rel) not in ALLOWED and "/" in rel:
            problems.append(f"src/{rel}: a folder the rules do not know "
                            "(add it to ALLOWED and docs/hacking.md)")
        check_includes(rel, path, problems)
        check_calls(rel, path, defined, problems)
        if rel.endswith(".c"):
            check_lengths(rel, path, long_ones)
    for p in problems + long_ones:
        print(p)
    print(f"layout: {n} files, {len(problems)} include rules broken, "
          f"{len(long_ones)} functions over {MAX_LINES} lines")
    return 1 if problems or long_ones else 0


if __name__ == "__main__":
    sys.exit(main())

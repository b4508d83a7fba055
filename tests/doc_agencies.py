#!/usr/bin/env python3
"""docs/datelines.md's table of agencies is the table in src/read/agencies.c:
every row, in order, with its credits and its 'bare' mark.  Rewrite the
doc's table with: python3 tests/doc_agencies.py --write
(run by meson test as 'doc-agencies')"""
import os
import re
import sys

ROOT = os.environ.get("WM_SOURCE_ROOT", os.path.join(os.path.dirname(__file__), ".."))
SRC = os.path.join(ROOT, "src", "read", "agencies.c")
DOC = os.path.join(ROOT, "docs", "datelines.md")
HEAD = "| agency | country | credits as printed | bare |\n|---|---|---|---|\n"


def rows():
    text = open(SRC, encoding="utf-8").read()
    out = []
    for name, cc, forms, bare in re.findall(r'\{"([^"]+)", "([a-z]+)", \{([^}]*)\}, ([01])\}', text):
        credits = ", ".join(f"`{f}`" for f in re.findall(r'"([^"]*)"', forms))
        out.append(f"| {name} | {cc} | {credits} | {'yes' if bare == '1' else ''} |\n")
    return out


def main():
    want = rows()
    doc = open(DOC, encoding="utf-8").read()
    at = doc.index(HEAD) + len(HEAD)
    end = at
    while end < len(doc) and doc.startswith("| ", end):
        end = doc.index("\n", end) + 1
    if sys.argv[1:] == ["--write"]:
        open(DOC, "w", encoding="utf-8").write(doc[:at] + "".join(want) + doc[end:])
        print(f"wrote {len(want)} rows to {DOC}")
        return 0
    have = doc[at:end].splitlines(True)
    count = re.search(r"holds (\d+) agencies", doc)
    ok = have == want and count and int(count.group(1)) == len(want) and len(want) >= 60
    print(f"{len(want)} agencies in {SRC}, {len(have)} rows in {DOC}"
          f" (says {count.group(1) if count else '?'})")
    if not ok:
        print("FAIL: the doc's table is not the source's; run: python3 tests/doc_agencies.py --write"
              " (and fix the count in the text)")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())

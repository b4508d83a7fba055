#!/usr/bin/env python3
"""The YAML front matter of `wiremark -s -t markdown`, read by a YAML parser
(PyYAML, as Jekyll's and Hugo's readers would read it): every key the
article gives (title, date as a date, dateline, place, agency, byline,
source, line, slug, and "wire.KEY" for each of its own metadata values) and
every -M key, with values that YAML misreads when
they are not quoted (colons, quotes, a leading @, -, #, %, yes/no, numbers,
line breaks, control characters), and -M keys that replace the article's.

usage: markdown_frontmatter.py PATH/TO/wiremark
"""
import datetime
import glob
import re
import json
import os
import subprocess
import sys

ROOT = os.environ.get("WM_SOURCE_ROOT", os.path.join(os.path.dirname(__file__), ".."))
SHARED = os.environ.get("WM_SHARED_DIR", os.path.join(ROOT, "..", "shared"))

try:
    import yaml
except ImportError:
    print("SKIP: PyYAML is not installed (apt-get install python3-yaml)")
    sys.exit(77)

# -M values that YAML would misread unquoted
TRICKY = {
    "note": "a: b # not a comment",
    "quoted": "\"double\" and 'single'",
    "at": "@handle",
    "dash": "- not a list",
    "hash": "#tag",
    "percent": "%YAML",
    "bool": "yes",
    "number": "0123",
    "float": "1e3",
    "nul": "null",
    "empty": "",
    "lines": "line one\nline two",
    "tabs": "a\tb",
    "controls": "bell\x07 del\x7f c1\u0085 ls\u2028",
    "unicode": "caf\u00e9 \u2014 \u201cq\u201d \U0001F600",
    "backslash": "C:\\path\\",
    "brace": "{a: 1}",
    "bracket": "[1, 2]",
    "star": "*alias",
    "amp": "&anchor",
    "bang": "!tag",
    "pipe": "| block",
    "gt": "> folded",
    "yes": "a key YAML 1.1 reads as true",
    "2024": "a key that is a number",
    "a.b-c_d": "dotted key",
}


def inputs():
    files = sorted(glob.glob(os.path.join(ROOT, "samples", "*.txt")))
    if os.path.isdir(SHARED):
        files.append(os.path.join(SHARED, "samples", "000_13d9be2aa1a7efac.txt"))
        for corpus in ("reuters-dev", "bbc-dev"):
            files += sorted(glob.glob(os.path.join(SHARED, "corpora", corpus, "*.txt")))[::20]
    return files


def front_matter(md):
    lines = md.split("\n")
    if lines[0] != "---" or "---" not in lines[1:]:
        raise ValueError("no front matter")
    end = lines.index("---", 1)
    return "\n".join(lines[1:end])


def expected(art, meta):
    d = art.get("dateline") or {}
    want = {"title": art["headline"], "dateline": d.get("text"), "place": d.get("place"),
            "agency": d.get("agency"), "byline": art.get("byline"),
            "source": art["meta"]["source"], "line": art["meta"]["line"],
            "slug": art["meta"].get("slug")}
    if d.get("iso_date"):
        want["date"] = datetime.date.fromisoformat(d["iso_date"])
    # the article's own metadata (a transmission's fields): "wire.KEY"
    for k, v in art["meta"].items():
        if k not in ("source", "line", "slug") and re.fullmatch("[a-z0-9_]+", k):
            want["wire." + k] = v
    want = {k: v for k, v in want.items() if v is not None}
    want.update(meta)
    for k, v in meta.items():  # YYYY-MM-DD is written bare: a date
        if len(v) == 10 and v[4] == v[7] == "-" and (v[:4] + v[5:7] + v[8:]).isdigit():
            want[k] = datetime.date.fromisoformat(v)
    return want


def check(wm, src, meta):
    args = [a for k, v in meta.items() for a in ("-M", f"{k}={v}")]
    p = subprocess.run([wm, "-q", "-s", "-t", "markdown", "--date", "2026-11-28", *args, src],
                       capture_output=True, timeout=60)
    j = subprocess.run([wm, "-q", "-t", "json", "--date", "2026-11-28", src], capture_output=True, timeout=60)
    if p.returncode or j.returncode:
        return f"wiremark failed: {p.stderr.decode()}{j.stderr.decode()}"
    art = json.loads(j.stdout.decode().splitlines()[0])
    try:
        got = yaml.safe_load(front_matter(p.stdout.decode()))
    except (ValueError, yaml.YAMLError) as e:
        return f"the front matter is not YAML: {e}"
    want = expected(art, meta)
    if got != want:
        keys = sorted(set(got) | set(want), key=str)
        diff = [f"{k}: got {got.get(k)!r}, want {want.get(k)!r}" for k in keys if got.get(k) != want.get(k)]
        return "; ".join(diff)
    return None


def main():
    wm = os.path.abspath(sys.argv[1])
    files = inputs()
    bad = 0
    runs = [(src, TRICKY if i % 2 == 0 else {}) for i, src in enumerate(files)]
    # -M keys of the article's names replace its values
    runs.append((files[1], {"title": "Replaced: title", "date": "2001-02-03", "source": "-"}))
    runs.append((files[1], {"date": "not a date", "place": "#1 place"}))
    for src, meta in runs:
        why = check(wm, src, meta)
        if why:
            bad += 1
            if bad <= 10:
                print(f"FAIL {src} ({len(meta)} -M keys): {why}")
    print(f"{len(runs) - bad} of {len(runs)} front matters read by PyYAML {yaml.__version__} "
          f"as the article's values and the -M values")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())

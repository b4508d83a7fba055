#!/usr/bin/env python3
"""Libraries opened on first use (src/util/dl.h) are checked once loaded:
each library's version, and the symbols a library may lack.

Stand-ins are built for libxml2, cmark and jansson (a shared library of the
real soname that has every function wiremark looks up, each returning 0,
and the version the case needs) and put first in LD_LIBRARY_PATH:

- a libxml2 older than 2.9.0 (xmlParserVersion "20800"), a cmark older
  than the one wiremark was built with (cmark_version 0.29.0) and a jansson
  older than 2.7 (jansson_version_str "2.6") are refused: "FILE: error:
  the TEI reader needs libxml2, which cannot be loaded (version 2.8.0 is
  older than 2.9.0, the oldest wiremark works with)", exit status 1;
- a libxml2 of a later version without xmlParserMaxDepth (newer releases
  deprecate it) is loaded: the conversion goes on to the parser (which,
  being a stand-in, cannot start).

Skipped (77) without a C compiler or the libraries' sonames.

usage: old_libs.py PATH/TO/wiremark  (run by meson test)
"""
import ctypes.util
import os
import re
import shutil
import subprocess
import sys
import tempfile

WM = os.path.abspath(sys.argv[1])
ROOT = os.environ.get("WM_SOURCE_ROOT", os.path.join(os.path.dirname(__file__), ".."))
CC = os.environ.get("CC", "cc").split()
failures = []


def check(name, cond, detail=""):
    print(("ok   " if cond else "FAIL ") + name + ("" if cond else f": {detail}"))
    if not cond:
        failures.append(name)


def functions(header):
    """The functions wiremark looks up: the X(...) list of read/HEADER."""
    with open(os.path.join(ROOT, "src", "read", header)) as f:
        return re.findall(r"\bX\((\w+)\)", f.read())


def stand_in(folder, soname, names, extra):
    """Builds folder/soname: names as functions returning 0, plus extra
    (C text)."""
    os.makedirs(folder, exist_ok=True)
    src = os.path.join(folder, "stand-in.c")
    with open(src, "w") as f:
        for n in names:
            f.write(f"long {n}(void) {{ return 0; }}\n")
        f.write(extra)
    subprocess.run(CC + ["-shared", "-fPIC", "-o", os.path.join(folder, soname),
                         f"-Wl,-soname,{soname}", src], check=True)
    return folder


def run(folder, args):
    env = dict(os.environ, LD_LIBRARY_PATH=folder)
    p = subprocess.run([WM] + args, capture_output=True, timeout=60, env=env)
    return p.returncode, p.stdout.decode(), p.stderr.decode()


sonames = {"xml2": ctypes.util.find_library("xml2"),
           "cmark": ctypes.util.find_library("cmark"),
           "jansson": ctypes.util.find_library("jansson")}
if not shutil.which(CC[0]) or not all(sonames.values()):
    print(f"skip: no C compiler ({CC[0]}) or no soname for a library ({sonames})")
    sys.exit(77)

with tempfile.TemporaryDirectory() as tmp:
    doc = os.path.join(tmp, "a.xml")
    with open(doc, "w") as f:
        f.write("<TEI/>\n")
    md = os.path.join(tmp, "a.md")
    with open(md, "w") as f:
        f.write("# Headline\n\nText.\n")
    js = os.path.join(tmp, "a.json")
    with open(js, "w") as f:
        f.write('{"headline": "H", "body": []}\n')

    xml = functions("libxml.h")
    old = stand_in(os.path.join(tmp, "xml-old"), sonames["xml2"], xml,
                   'const char *const xmlParserVersion = "20800";\n'
                   "unsigned xmlParserMaxDepth = 256;\n")
    rc, out, err = run(old, ["-f", "tei", doc])
    want = (f"{doc}: error: the TEI reader needs libxml2, which cannot be loaded "
            "(version 2.8.0 is older than 2.9.0, the oldest wiremark works with)\n")
    check("libxml2 2.8.0 refused", rc == 1 and err == want and out == "",
          f"rc={rc} err={err!r}")

    new = stand_in(os.path.join(tmp, "xml-new"), sonames["xml2"], xml,
                   'const char *const xmlParserVersion = "21400-GITv2.14.0";\n')
    rc, out, err = run(new, ["-f", "tei", doc])
    check("libxml2 without xmlParserMaxDepth loaded",
          rc == 1 and "cannot start the XML parser" in err and "cannot be loaded" not in err,
          f"rc={rc} err={err!r}")

    cmark = stand_in(os.path.join(tmp, "cmark"), sonames["cmark"],
                     [n for n in functions("libcmark.h") if n != "cmark_version"],
                     "int cmark_version(void) { return 29 << 8; }\n")
    rc, out, err = run(cmark, ["-f", "markdown", md])
    check("cmark 0.29.0 refused",
          rc == 1 and out == "" and
          err.startswith(f"{md}: error: the Markdown reader needs cmark, which cannot be "
                         "loaded (version 0.29.0 is older than 0.") and
          err.endswith(", the oldest wiremark works with)\n"), f"rc={rc} err={err!r}")

    jansson = stand_in(os.path.join(tmp, "jansson"), sonames["jansson"],
                       functions("libjansson.h"),
                       'const char *jansson_version_str(void) { return "2.6"; }\n')
    rc, out, err = run(jansson, ["-f", "json", js])
    want = (f"{js}: error: the JSON reader needs jansson, which cannot be loaded "
            "(version 2.6.0 is older than 2.7.0, the oldest wiremark works with)\n")
    check("jansson 2.6 refused", rc == 1 and err == want and out == "",
          f"rc={rc} err={err!r}")

print(f"old-libs: {len(failures)} failed")
sys.exit(1 if failures else 0)

#!/usr/bin/env python3
"""Libraries opened on first use (src/util/dl.h): what the program maps
when it starts, and what a conversion does when its library is missing.

- `wiremark` links no libxml2, cmark, jansson nor libwiremark.so: only
  libc (the readelf of the program);
- with each of them hidden (unshare: a private mount namespace where
  /dev/null is bound over the library, so that dlopen fails), a conversion
  that needs it fails with "FILE: error: ... needs LIB, which cannot be
  loaded (...)" and exit status 1, no crash; a wire conversion still works.
  Skipped (77) where user namespaces are not allowed.

usage: missing_libs.py PATH/TO/wiremark  (run by meson test)
"""
import ctypes.util
import os
import shutil
import subprocess
import sys
import tempfile

WM = os.path.abspath(sys.argv[1])
ROOT = os.environ.get("WM_SOURCE_ROOT", os.path.join(os.path.dirname(__file__), ".."))
SAMPLE = os.path.join(ROOT, "samples", "01-blank-lines.txt")
failures = []


def check(name, cond, detail=""):
    print(("ok   " if cond else "FAIL ") + name + ("" if cond else f": {detail}"))
    if not cond:
        failures.append(name)


def needed(path):
    out = subprocess.run(["readelf", "-d", path], capture_output=True, text=True).stdout
    return [l.split("[")[1].rstrip("]") for l in out.splitlines() if "(NEEDED)" in l]


if shutil.which("readelf"):
    libs = needed(WM)
    # (and the sanitizers' runtimes in a -Db_sanitize build)
    check("the program needs only libc",
          all(l.startswith(("libc.so", "ld-linux", "libasan", "libubsan"))
              for l in libs), str(libs))


def library_path(name):
    """The file the dynamic loader opens for the soname name (ldconfig's
    cache: "\tlibxml2.so.2 (libc6,x86-64) => /lib/.../libxml2.so.2")."""
    out = subprocess.run(["/sbin/ldconfig", "-p"], capture_output=True, text=True).stdout
    for line in out.splitlines():
        if line.strip().startswith(name + " ") and " => " in line:
            return os.path.realpath(line.split(" => ")[1])
    return None


HIDDEN = {"libxml2": ctypes.util.find_library("xml2"),
          "cmark": ctypes.util.find_library("cmark"),
          "jansson": ctypes.util.find_library("jansson")}
paths = {k: library_path(v) for k, v in HIDDEN.items() if v}
if len(paths) != 3 or not shutil.which("unshare"):
    print(f"skip: cannot find the libraries ({HIDDEN}) or unshare")
    sys.exit(77 if not failures else 1)

probe = subprocess.run(["unshare", "-rm", "true"], capture_output=True)
if probe.returncode != 0:
    print("skip: no user namespaces here (unshare -rm true failed)")
    sys.exit(77 if not failures else 1)


def hidden(args, stdin=b""):
    """wiremark args with the three libraries hidden."""
    mounts = " && ".join(f"mount --bind /dev/null {p}" for p in paths.values())
    cmd = ["unshare", "-rm", "sh", "-c", mounts + ' && exec "$@"', "sh", WM] + args
    p = subprocess.run(cmd, input=stdin, capture_output=True, timeout=60)
    return p.returncode, p.stdout.decode(), p.stderr.decode()


with tempfile.TemporaryDirectory() as tmp:
    inputs = {}
    for fmt, ext in (("tei", "xml"), ("markdown", "md"), ("json", "json"), ("html", "html")):
        inputs[fmt] = os.path.join(tmp, "a." + ext)
        subprocess.run([WM, "-s", "-t", fmt, SAMPLE, "-o", inputs[fmt]], check=True)

    rc, out, err = hidden([SAMPLE])
    check("wire to html without the libraries", rc == 0 and out.startswith("<article>"),
          f"rc={rc} err={err}")
    for fmt, lib in (("tei", "libxml2"), ("html", "libxml2"), ("markdown", "cmark"),
                     ("json", "jansson")):
        rc, out, err = hidden(["-f", fmt, inputs[fmt]])
        want = f"{inputs[fmt]}: error: the {fmt.upper() if fmt != 'markdown' else 'Markdown'} " \
               f"reader needs {lib}, which cannot be loaded ("
        check(f"-f {fmt} without {lib}", rc == 1 and err.startswith(want) and out == "",
              f"rc={rc} err={err!r}")
    for fmt, lib in (("tei", "libxml2"), ("html", "libxml2"), ("markdown", "cmark")):
        rc, out, err = hidden(["-t", fmt, "--validate", SAMPLE, "-o", os.path.join(tmp, "v")])
        check(f"--validate -t {fmt} without {lib}",
              rc == 1 and f"needs {lib}, which cannot be loaded" in err, f"rc={rc} err={err!r}")
    # plain records are read without jansson; the others need it
    rc, out, err = hidden(["--jsonl"], stdin=b'{"id": 1, "text": "HEADLINE\\n\\nText.\\n"}\n')
    check("--jsonl without jansson, a plain record",
          rc == 0 and out.startswith('{"id":1,"format":"html","output":"<article>'),
          f"rc={rc} err={err!r}")
    rc, out, err = hidden(["--jsonl"], stdin=b'{"id": 1.5, "text": "HEADLINE\\n\\nText.\\n"}\n')
    check("--jsonl without jansson, a record that is not plain",
          rc == 1 and err.startswith("-: error: the record on line 1 (not a plain "
                                     "object of scalars) needs jansson, which cannot be loaded (")
          and out.startswith('{"id":null,"format":"html","error":"-: the record on line 1'),
          f"rc={rc} out={out!r} err={err!r}")
    # a string that is not UTF-8: refused as jansson refuses it, without it
    rc, out, err = hidden(["--jsonl"], stdin=b'{"id": 1, "text": "ab\xff"}\n')
    check("--jsonl without jansson, a string that is not UTF-8",
          rc == 1 and err == "-:1:21: error: unable to decode byte 0xff near '\"ab'\n"
          and out == '{"id":null,"format":"html","error":"-:1:21: unable to decode '
                     'byte 0xff near \'\\"ab\'"}\n',
          f"rc={rc} out={out!r} err={err!r}")

print(f"missing-libs: {len(failures)} failed")
sys.exit(1 if failures else 0)

#!/usr/bin/env python3
"""The library as others use it: `meson install` into a temporary prefix,
then the programs of examples/ built against the installed library through
pkg-config (with make and with meson) and run; and, with --python, the
Python package imported by that Python from the prefix, finding the
installed library by itself.

usage: lib_install.py [--python PYTHON]  (run by meson test; WM_SOURCE_ROOT
                                           names the tree)
"""
import glob
import os
import shutil
import subprocess
import sys
import tempfile

ROOT = os.environ.get("WM_SOURCE_ROOT", os.path.join(os.path.dirname(__file__), ".."))
SKIP = 77
failures = []


def check(name, cond, detail=""):
    if not cond:
        failures.append(name)
        print(f"FAIL {name}: {detail}")
    else:
        print(f"ok   {name}")


def run(args, **kw):
    return subprocess.run(args, capture_output=True, text=True, timeout=600, **kw)


def must(args, what, **kw):
    p = run(args, **kw)
    if p.returncode != 0:
        print(f"FAIL {what}: {' '.join(args)} exited {p.returncode}\n{p.stdout}\n{p.stderr}")
        sys.exit(1)
    return p


def main():
    for tool in ("meson", "ninja", "pkg-config", "cc", "make"):
        if not shutil.which(tool):
            print(f"skip: {tool} is not installed")
            return SKIP
    with tempfile.TemporaryDirectory(prefix="wm-install-") as tmp:
        prefix = os.path.join(tmp, "prefix")
        build = os.path.join(tmp, "build")
        must(["meson", "setup", build, ROOT, "--prefix=" + prefix, "-Dtests=false",
              "-Dbuildtype=plain", "-Dwerror=true"], "configure")
        must(["ninja", "-C", build, "-j", "2"], "build")
        must(["meson", "install", "-C", build, "--quiet"], "install")
        check_installed(prefix)
        if len(sys.argv) > 2 and sys.argv[1] == "--python":
            check_python(sys.argv[2], prefix)
        pcs = glob.glob(os.path.join(prefix, "lib*", "**", "wiremark.pc"), recursive=True)
        if len(pcs) != 1:
            print(f"FAIL wiremark.pc installed once: {pcs}")
            return 1
        pcdir = os.path.dirname(pcs[0])
        libdir = os.path.dirname(pcdir)
        env = dict(os.environ, PKG_CONFIG_PATH=pcdir, LD_LIBRARY_PATH=libdir)
        env.pop("PKG_CONFIG_LIBDIR", None)
        cflags = must(["pkg-config", "--cflags", "--libs", "wiremark"], "pkg-config", env=env).stdout
        check("pkg-config points into the prefix", prefix in cflags, cflags)
        private = must(["pkg-config", "--print-requires-private", "wiremark"], "pkg-config", env=env).stdout
        # cmark, libxml2 and jansson are opened at run time (dlopen): static
        # linking needs none of them, nor their -dev packages
        check("Requires.private names none of the libraries opened at run time",
              not {"jansson", "libcmark", "libxml-2.0"} & set(private.split()), private)
        made = os.path.join(tmp, "make")
        # the copy is ours to build in, even from a read-only checkout
        shutil.copytree(os.path.join(ROOT, "examples"), made,
                        copy_function=shutil.copyfile)
        for d, _, _ in os.walk(made):
            os.chmod(d, 0o755)  # copytree keeps the folders' modes
        must(["make", "-C", made, "CFLAGS=-O2 -Wall -Wextra -Werror"], "make examples", env=env)
        run_examples(made, "make", env, libdir)
        meson_build = os.path.join(tmp, "meson-examples")
        must(["meson", "setup", meson_build, os.path.join(ROOT, "examples"), "-Dwerror=true"],
             "meson setup examples", env=env)
        must(["ninja", "-C", meson_build], "meson build examples", env=env)
        run_examples(meson_build, "meson", env, libdir)
    print(f"{len(failures)} failures")
    return 1 if failures else 0


def check_installed(prefix):
    want = ["bin/wiremark", "include/wiremark.h", "share/man/man1/wiremark.1",
            "share/man/man3/wiremark.3", "share/bash-completion/completions/wiremark",
            "share/zsh/site-functions/_wiremark"]
    for path in want:
        check(f"installed {path}", os.path.exists(os.path.join(prefix, path)))
    sonames = glob.glob(os.path.join(prefix, "lib*", "**", "libwiremark.so.0"), recursive=True)
    check("installed libwiremark.so.0", len(sonames) == 1, str(sonames))


def check_python(python, prefix):
    """The package where tools/python-dir.py says, imported from there by
    python with nothing pointing at the library: the path recorded at
    install (wiremark/_config.py) finds it."""
    where = run([python, os.path.join(ROOT, "tools", "python-dir.py"), prefix]).stdout.strip()
    check("installed the Python package", os.path.exists(
        os.path.join(where, "wiremark", "__init__.py")), where)
    env = {k: v for k, v in os.environ.items()
           if k not in ("WIREMARK_LIBRARY", "LD_LIBRARY_PATH", "PYTHONPATH")}
    env["PYTHONPATH"] = where
    code = ("import wiremark, wiremark.dask; print(wiremark.__file__); "
            "print(wiremark.convert('HARBOUR REOPENS\\n\\nLONDON - Text.\\n'))")
    p = run([python, "-c", code], env=env, cwd=prefix)
    check("import wiremark from the prefix", p.returncode == 0 and
          p.stdout.startswith(os.path.join(where, "wiremark")) and
          "<h1>HARBOUR REOPENS</h1>" in p.stdout, f"rc={p.returncode} {p.stdout} {p.stderr}")
    p = run([python, "-m", "wiremark", "--version"], env=env, cwd=prefix)
    check("python3 -m wiremark --version", p.returncode == 0 and
          p.stdout.startswith("wiremark "), f"rc={p.returncode} {p.stdout} {p.stderr}")


def run_examples(where, how, env, libdir):
    to_html = os.path.join(where, "to-html")
    datelines = os.path.join(where, "datelines")
    p = run(["ldd", to_html], env=env) if shutil.which("ldd") else None
    if p is not None:
        check(f"{how}: to-html uses the installed library", libdir in p.stdout, p.stdout)
    p = run([to_html], env=env)
    check(f"{how}: to-html, built-in article", p.returncode == 0 and
          "<h1>HARBOUR REOPENS AFTER STORM</h1>" in p.stdout and
          '<time datetime="1987-02-26">' in p.stdout and p.stdout.startswith("<!DOCTYPE html>"),
          f"rc={p.returncode} err={p.stderr} out={p.stdout[:300]!r}")
    sample = os.path.join(ROOT, "samples", "03-ap-credit.txt")
    p = run([to_html, sample], env=env)
    check(f"{how}: to-html, a file", p.returncode == 0 and "<article" in p.stdout
          and "(AP)" in p.stdout, f"rc={p.returncode} err={p.stderr}")
    p = run([to_html, os.path.join(where, "no-such-file")], env=env)
    check(f"{how}: to-html, a missing file", p.returncode == 1 and "no-such-file" in p.stderr,
          f"rc={p.returncode} err={p.stderr}")
    files = [os.path.join(ROOT, "samples", n) for n in
             ("02-teletype.txt", "06-credit-only.txt", "09-no-dateline.txt")]
    p = run([datelines, "--date", "1987-03-01"] + files, env=env)
    lines = p.stdout.splitlines()
    check(f"{how}: datelines", p.returncode == 0 and len(lines) == 3
          and lines[0].endswith("02-teletype.txt:1: PORTLAND | Ore. | Feb 26 | 1987-02-26 | -")
          and lines[1].endswith(" | Reuters") and "(no dateline)" in lines[2],
          f"rc={p.returncode} err={p.stderr} out={p.stdout!r}")

    # stream: a pull over fread that names standard input on every call,
    # at the end too, ends (once looped for ever on the end of its source)
    stream = os.path.join(where, "stream")
    feed = (b"FIRST HEADLINE\n\nLONDON - One.\n\f\n"
            b"SECOND HEADLINE\n\nPARIS - Two.\n")
    try:
        p = subprocess.run([stream], input=feed, capture_output=True, env=env,
                           timeout=60)
        lines = p.stdout.splitlines()
        check(f"{how}: stream, standard input", p.returncode == 0 and
              len(lines) == 2 and lines[0].startswith(b'{"headline":"FIRST HEADLINE"')
              and lines[1].startswith(b'{"headline":"SECOND HEADLINE"') and not p.stderr,
              f"rc={p.returncode} err={p.stderr[:300]!r} out={p.stdout[:300]!r}")
    except subprocess.TimeoutExpired:
        check(f"{how}: stream, standard input", False, "still running after 60 s")
    p = run([stream, files[0], os.path.join(where, "no-such-file"), files[2]], env=env)
    check(f"{how}: stream, files", p.returncode == 1 and
          p.stdout.count('{"headline"') == 2 and "no-such-file" in p.stderr,
          f"rc={p.returncode} err={p.stderr} out={p.stdout[:300]!r}")


if __name__ == "__main__":
    sys.exit(main())

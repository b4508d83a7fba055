#!/usr/bin/env python3
"""The command line: formats, files, messages and exit statuses.

usage: cli.py PATH/TO/wiremark  (run by meson test)
"""
import json
import os
import re
import subprocess
import sys
import tempfile

WM = os.path.abspath(sys.argv[1])
ROOT = os.environ.get("WM_SOURCE_ROOT", os.path.join(os.path.dirname(__file__), ".."))
SAMPLE = os.path.join(ROOT, "samples", "01-blank-lines.txt")
failures = []


def run(args, stdin=b"", cwd=None):
    p = subprocess.run([WM] + args, input=stdin, capture_output=True, cwd=cwd, timeout=60)
    return p.returncode, p.stdout.decode("utf-8", "replace"), p.stderr.decode("utf-8", "replace")


def check(name, cond, detail=""):
    if not cond:
        failures.append(f"{name}: {detail}")
        print(f"FAIL {name}: {detail}")
    else:
        print(f"ok   {name}")


ARTICLE = "TEST HEADLINE\n\nLONDON, March 26 - First paragraph.\n\nSecond one.\n\nReuter\n".encode()

# default: HTML fragment on stdout
rc, out, err = run([SAMPLE])
check("default html", rc == 0 and out.startswith("<article>"), f"rc={rc} out={out[:80]!r} err={err}")

# standard input, '-' and no file
for args in ([], ["-"]):
    rc, out, err = run(["-t", "json"] + args, stdin=ARTICLE)
    ok = rc == 0
    try:
        obj = json.loads(out.splitlines()[0])
        ok = ok and obj["dateline"]["place"] == "LONDON" and obj["trailer"] == "Reuter"
        ok = ok and obj["meta"]["source"] == "-" and len(obj["body"]) == 2
    except Exception as e:  # noqa: BLE001
        ok = False
        err += repr(e)
    check(f"stdin json {args}", ok, f"rc={rc} out={out!r} err={err}")

# -t from -o's extension, written atomically
with tempfile.TemporaryDirectory() as d:
    for ext, marker in (("md", "# TEST HEADLINE"), ("xml", "<TEI"), ("json", '"headline"'),
                        ("html", "<article>"), ("txt", "<article>")):
        path = os.path.join(d, "out." + ext)
        rc, out, err = run(["-o", path, "-"], stdin=ARTICLE)
        body = open(path, encoding="utf-8").read() if os.path.exists(path) else ""
        check(f"-o .{ext}", rc == 0 and marker in body and out == "", f"rc={rc} err={err} body={body[:60]!r}")
    check("no temporary files left", sorted(os.listdir(d)) ==
          sorted(["out.md", "out.xml", "out.json", "out.html", "out.txt"]), str(os.listdir(d)))
    # -o into a missing folder: error, nothing written
    missing = os.path.join(d, "nope", "out.html")
    rc, out, err = run(["-o", missing, "-"], stdin=ARTICLE)
    check("-o missing folder", rc == 1 and "cannot write" in err and not os.path.exists(missing),
          f"rc={rc} err={err}")
    # a missing file among several: the others are converted, exit 1
    good = os.path.join(d, "good.txt")
    open(good, "wb").write(ARTICLE)
    rc, out, err = run(["-t", "json", good, os.path.join(d, "absent.txt"), good])
    check("missing file among several", rc == 1 and len(out.splitlines()) == 2 and
          "absent.txt: error: cannot read" in err, f"rc={rc} out={out!r} err={err}")
    # a directory as input
    rc, out, err = run([d])
    check("directory input", rc == 1 and "cannot read" in err, f"rc={rc} err={err}")
    # a template file: used, partials beside it, syntax errors located
    tpl = os.path.join(d, "t.mustache")
    open(tpl, "w").write("{{#articles}}<h>{{headline}}</h>{{>part}}{{/articles}}\n")
    open(os.path.join(d, "part.mustache"), "w").write("[{{dateline.place}}]")
    rc, out, err = run(["--template", tpl, "-"], stdin=ARTICLE)
    check("--template with partial", rc == 0 and out == "<h>TEST HEADLINE</h>[LONDON]\n",
          f"rc={rc} out={out!r} err={err}")
    open(tpl, "w").write("line one\n{{#articles}}\n{{headline}\n")
    rc, out, err = run(["--template", tpl, "-"], stdin=ARTICLE)
    check("template syntax error", rc == 2 and re.search(r"t\.mustache:\d+:\d+: error:", err),
          f"rc={rc} err={err}")
    rc, out, err = run(["--template", os.path.join(d, "none.mustache"), "-"], stdin=ARTICLE)
    check("unreadable template", rc == 2 and "cannot read template" in err and out == "",
          f"rc={rc} err={err}")
    # template errors: FILE:LINE:COL: error: ..., exit 2, nothing written
    bad_templates = {
        "unclosed section": ("a\n{{#articles}}\n{{headline}}\n", ":2:1: error:", "unclosed"),
        "mismatched section": ("{{#articles}}\n{{/article}}\n", ":2:1: error:", "articles"),
        "unknown partial": ("x\n  {{>no-such-partial}}\n", ":2:3: error:", "unknown partial"),
        "bad delimiters": ("ok\n{{=<% %>=}}\n<%=a b c=%>\n", ":3:1: error:", "delimiter"),
    }
    for what, (text, where, words) in bad_templates.items():
        open(tpl, "w").write(text)
        target = os.path.join(d, "never.html")
        rc, out, err = run(["--template", tpl, "-o", target, "-"], stdin=ARTICLE)
        check(f"template error: {what}", rc == 2 and (tpl + where) in err and words in err.lower()
              and out == "" and not os.path.exists(target), f"rc={rc} err={err!r}")
    # inheritance: a user's page overrides one block of the built-in page
    open(tpl, "w").write("{{<wiremark/html}}{{$style}}<link rel=\"stylesheet\" href=\"/site.css\">\n"
                         "{{/style}}{{/wiremark/html}}\n")
    rc, out, err = run(["--template", tpl, "-"], stdin=ARTICLE)
    check("inheritance overrides one block", rc == 0 and '<link rel="stylesheet" href="/site.css">' in out
          and "<style>" not in out and "<h1>TEST HEADLINE</h1>" in out and out.startswith("<!DOCTYPE html>"),
          f"rc={rc} err={err} out={out[:300]!r}")

# the worked example of docs/templates.md
site = os.path.join(ROOT, "docs", "examples", "site-page.mustache")
rc, out, err = run(["--template", site, SAMPLE])
check("docs example site-page", rc == 0 and '<link rel="stylesheet" href="/assets/site.css">' in out
      and '<nav class="site">' in out and "<style>" not in out and "<article>" in out
      and out.rstrip().endswith("</html>"), f"rc={rc} err={err}")

# usage errors: exit 2 with a message
for args, what in ((["-t", "htm1"], 'unknown format "htm1"; did you mean "html"?'),
                   (["-f", "pdf"], 'unknown format "pdf" (readers: wire'),
                   (["--standalon"], 'unknown option "--standalon"; did you mean "--standalone"?'),
                   (["-M", "novalue"], "KEY=VALUE"), (["--bogus"], "unknown option"),
                   (["--date", "1987-02-30"], "--date"), (["-t"], "unknown option")):
    rc, out, err = run(args + ["-"], stdin=ARTICLE) if args != ["-t"] else run(args)
    check(f"usage {args}", rc == 2 and what in err, f"rc={rc} err={err}")

# empty input: nothing to convert, exit 1
rc, out, err = run(["-"], stdin=b"")
check("empty input", rc == 1 and "-:1:1: error:" in err and out == "", f"rc={rc} err={err}")

# invalid UTF-8: a warning with file:line:col, then converted; -q silences it
rc, out, err = run(["-t", "json", "-"], stdin=b"HEAD\n\nA caf\xe9 opened.\n")
check("cp1252 warning", rc == 0 and "-:3:6: warning:" in err and "caf\u00e9" in out,
      f"rc={rc} err={err} out={out!r}")
rc, out, err = run(["-q", "-t", "json", "-"], stdin=b"HEAD\n\nA caf\xe9 opened.\n")
check("-q", rc == 0 and err == "", f"rc={rc} err={err}")

# output that cannot be written: /dev/full
if os.path.exists("/dev/full"):
    with open("/dev/full", "wb") as full:
        p = subprocess.run([WM, "-"], input=ARTICLE, stdout=full, stderr=subprocess.PIPE, timeout=60)
    check("/dev/full", p.returncode == 1 and b"cannot write" in p.stderr, f"rc={p.returncode}")

# --help, --version, --print-template
rc, out, err = run(["--help"])
check("--help", rc == 0 and "--template" in out and "--date" in out, f"rc={rc}")
rc, out, err = run(["--version"])
check("--version", rc == 0 and re.match(r"wiremark \d+\.\d+\.\d+\n$", out), out)
rc, out, err = run(["--print-template", "html", "-s"])
check("--print-template html -s", rc == 0 and out.startswith("<!DOCTYPE html>"), out[:40])
rc, out, err = run(["--print-template", "pdf"])
check("--print-template pdf", rc == 2, f"rc={rc}")

# --explain: every line, what it was read as and why; warnings still on stderr
rc, out, err = run(["--explain", "--date", "1987-04-01", "-"],
                   stdin=b"HEAD\n\nLONDON, Narch 26 - First.\n\nReuter\n")
check("--explain", rc == 0 and "    1 | HEAD\n      = headline:" in out and
      '= dateline: "LONDON, Narch 26 -"' in out and "1987-03-26" in out and
      "= trailer:" in out and "-:3:9: warning: month" in err, f"rc={rc} out={out!r} err={err}")
rc, out, err = run(["--explain", "-"], stdin=b"")
check("--explain empty input", rc == 1 and out == "", f"rc={rc} out={out!r}")

# -M reaches templates, --date resolves dates
rc, out, err = run(["-t", "json", "-M", "publisher=Example News", "--date", "1987-04-01", "-"], stdin=ARTICLE)
obj = json.loads(out.splitlines()[0]) if rc == 0 else {}
check("-M and --date", obj.get("meta", {}).get("publisher") == "Example News" and
      obj.get("dateline", {}).get("iso_date") == "1987-03-26", f"rc={rc} out={out!r}")

# -f json: an ill-typed line is an error at its line and column, exit 1, the
# other lines converted; --list-formats names the readers and writers
rc, good_json, err = run(["-t", "json", "-"], stdin=ARTICLE)
bad_line = b'{"headline": "B", "dateline": {"text": "X -", "place": 5, "dash": "-"}}\n'
rc, out, err = run(["-f", "json", "-t", "json", "-"], stdin=good_json.encode() + bad_line + good_json.encode())
check("-f json ill-typed line", rc == 1 and out == good_json * 2 and
      err == '-:2:56: error: field "dateline.place": expected a string\n', f"rc={rc} err={err!r} out={out!r}")
rc, out, err = run(["--list-formats"])
check("--list-formats", rc == 0 and re.search(r"^readers: wire\b.*\bjson\b", out, re.M) and
      re.search(r"^writers: .*\bhtml\b", out, re.M), f"rc={rc} out={out!r}")

check("--list-formats: nitf and newsml read",
      re.search(r"^readers: .*\bnitf\b.*\bnewsml\b", out, re.M), f"out={out!r}")

# the input's format from its name and root element when -f is not given:
# .nitf, and an .xml file whose root is nitf, newsItem (or TEI); other
# files stay wire; files of different formats need -f
NITF = os.path.join(ROOT, "samples", "45-nitf-aap.nitf")
G2 = os.path.join(ROOT, "samples", "48-dpa-xhtml.xml")
rc, out, err = run(["-t", "json", NITF])
check("a .nitf file read as NITF", rc == 0 and
      json.loads(out)["headline"] == "Harbour ferry fares frozen for winter", f"rc={rc} err={err}")
rc, out, err = run(["-t", "json", G2])
check("an .xml file with a newsItem read as NewsML-G2", rc == 0 and
      json.loads(out)["dateline"]["agency"] == "dpa", f"rc={rc} err={err}")
with tempfile.TemporaryDirectory() as tmp:
    copy = os.path.join(tmp, "story.xml")
    with open(NITF, "rb") as src, open(copy, "wb") as dst:
        dst.write(src.read())
    rc, out, err = run(["-t", "json", copy])
    check("an .xml file with a nitf root read as NITF", rc == 0 and
          json.loads(out)["trailer"] == "AAP kw/jmc", f"rc={rc} err={err}")
rc, out, err = run(["-t", "json", G2, SAMPLE])
check("files of two formats: a usage error", rc == 2 and out == "" and
      "is newsml and" in err and "give -f" in err, f"rc={rc} err={err}")
rc, out, err = run(["-f", "wire", "-t", "json", NITF])
check("-f wire reads a .nitf file as wire text", rc == 0 and
      json.loads(out)["headline"].startswith("<?xml"), f"rc={rc} err={err}")

# several files make one document
rc, out, err = run(["-t", "tei", SAMPLE, SAMPLE])
check("two files, one teiCorpus", rc == 0 and out.count("<TEI ") == 2 and "<teiCorpus" in out,
      f"rc={rc} err={err}")


# a live feed on a pipe: what was converted is written before the program
# waits for more input (the output is gathered into bigger writes only while
# input keeps coming); and --jsonl answers each record before the next.
# (An article is written once the next two have begun: the writer looks one
# article ahead, to know whether the input is a feed, and the splitter
# cuts an article when the next one starts.)
import select


def first_line_while_open(args, feed, wait=10.0):
    p = subprocess.Popen([WM, "-q"] + args, stdin=subprocess.PIPE,
                         stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    p.stdin.write(feed)
    p.stdin.flush()
    ready, _, _ = select.select([p.stdout], [], [], wait)
    line = p.stdout.readline() if ready else b""
    p.stdin.close()
    p.stdout.read()
    p.wait(timeout=60)
    return line


three = (b"FIRST HEADLINE\n\nLONDON - One.\n\f\nSECOND HEADLINE\n\nPARIS - Two.\n"
         b"\f\nTHIRD HEADLINE\n\nROME - Three.\n\f\n")
line = first_line_while_open(["-t", "json"], three)
check("live feed: the first article out while the input stays open",
      line.startswith(b'{"headline":"FIRST HEADLINE"'), repr(line[:80]))
rec = json.dumps({"id": 1, "text": "ONE HEADLINE\n\nBody."}).encode() + b"\n"
line = first_line_while_open(["--jsonl", "-t", "json"], rec)
check("--jsonl: a record answered while the input stays open",
      line.startswith(b'{"headline":"ONE HEADLINE"'), repr(line[:80]))

print(f"{len(failures)} failures")
sys.exit(1 if failures else 0)

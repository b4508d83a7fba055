#!/usr/bin/env python3
"""The bad-input matrix: every row is an input no one should send, the
command line it is given to, the exit status and message expected, and what
must (not) be left on disk.  docs/bad-input.md is generated from these rows
and checked against them, so that it cannot go stale.

usage: bad_input.py PATH/TO/wiremark                        run the rows, check the doc
       bad_input.py PATH/TO/wiremark --write-doc docs/bad-input.md   (re)write the doc
(run by meson test)
"""
import os
import stat
import re
import signal
import subprocess
import sys
import tempfile
import time

WM = os.path.abspath(sys.argv[1])
ROOT = os.environ.get("WM_SOURCE_ROOT", os.path.join(os.path.dirname(__file__), ".."))
DOC = os.path.join(ROOT, "docs", "bad-input.md")
REGEN = "python3 tests/bad_input.py build/wiremark --write-doc docs/bad-input.md"
ENV = dict(os.environ, LC_ALL="C", LANG="C")

ARTICLE = b"TEST HEADLINE\n\nLONDON, March 26 - First paragraph.\n\nSecond one.\n\nReuter\n"


def article(i):
    return (f"HEADLINE NUMBER {i}\n\nLONDON, March 26 - Paragraph {i} of the "
            "feed, long enough to take some writing.\n\nReuter\n\n\x0c\n").encode()


class Row:
    """One row: name; input (what the doc shows as the input); make(d):
    creates the files in folder d; args: the command line (after wiremark);
    stdin: bytes for standard input; status: the exit status expected;
    stderr: a regular expression standard error must match; checks: a list
    of (what, function(result) -> bool)."""

    def __init__(self, name, input, args, status, stderr, make=None, stdin=b"",
                 checks=(), run=None, stdout_to=None, unreadable=None,
                 note=""):
        self.name, self.input, self.args = name, input, args
        self.status, self.stderr, self.make = status, stderr, make
        self.stdin, self.checks, self.run = stdin, list(checks), run
        self.stdout_to, self.unreadable, self.note = stdout_to, unreadable, note


class Result:
    def __init__(self, d, rc, out, err, seconds):
        self.d, self.rc, self.out, self.err, self.seconds = d, rc, out, err, seconds

    def files(self, sub=""):
        return sorted(os.listdir(os.path.join(self.d, sub)))


def write(name, data):
    def make(d):
        with open(os.path.join(d, name), "wb") as f:
            f.write(data)
    return make


def no_output_left(sub):
    """No file at all in folder sub: neither the output nor a temporary."""
    return (f"nothing left in {sub}/", lambda r: r.files(sub) == [])


def stdout_empty():
    return ("nothing on standard output", lambda r: r.out == b"")


def in_stdout(text):
    return (f"{text!r} in the output", lambda r: text.encode() in r.out)


def temp_when_signalled():
    """The output was being written (a temporary file beside it) when the
    signal came: the row tests the clean-up, not an idle program."""
    return ("a temporary output existed when signalled",
            lambda r: any(".tmp-" in f for f in r.before))


def headlines(r):
    return re.findall(rb'"headline":"([^"]*)"', r.out)


# The unreadable-file row needs a process that file permissions apply to.
# An ordinary user is one already.  Root is not (CAP_DAC_OVERRIDE reads a
# file of mode 000): it runs the program through setpriv(1) with the two
# capabilities that bypass file permissions dropped from its bounding set,
# so it stays uid 0 and can still reach the binary wherever the checkout
# lies (a folder of mode 700 under /root, a path with spaces).  Switching
# to another user instead would need that user to be able to enter the
# checkout, which depends on where it is.
NO_DAC = ["setpriv", "--bounding-set", "-dac_override,-dac_read_search", "--"]


def unprivileged_prefix(path):
    """The command prefix under which the file at path cannot be read,
    or (None, reason) where no such prefix can be made here."""
    prefix = NO_DAC if os.geteuid() == 0 else []
    try:
        probe = subprocess.run(prefix + ["cat", path], stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL, timeout=30)
        runs = subprocess.run(prefix + [WM, "--version"], stdout=subprocess.DEVNULL,
                              stderr=subprocess.DEVNULL, timeout=30)
    except (OSError, subprocess.SubprocessError) as e:
        return None, f"cannot run {prefix[0] if prefix else 'cat'}: {e}"
    if probe.returncode == 0:
        return None, ("a file of mode 000 is still readable here (a process "
                      "with CAP_DAC_OVERRIDE that setpriv could not drop)")
    if runs.returncode != 0:
        return None, "the program cannot be started without CAP_DAC_OVERRIDE"
    return prefix, ""


def run_row(row, d):
    if row.make:
        row.make(d)
    os.makedirs(os.path.join(d, "out"), exist_ok=True)
    prefix = []
    if row.unreadable:
        prefix, reason = unprivileged_prefix(os.path.join(d, row.unreadable))
        if prefix is None:
            return reason
    if row.run:
        return row.run(row, d)
    t = time.monotonic()
    stdout = subprocess.PIPE
    if row.stdout_to:
        stdout = open(row.stdout_to, "wb")
    try:
        p = subprocess.run(prefix + [WM] + row.args, input=row.stdin, stdout=stdout,
                           stderr=subprocess.PIPE, cwd=d, env=ENV, timeout=120)
    finally:
        if row.stdout_to:
            stdout.close()
    return Result(d, p.returncode, p.stdout or b"", p.stderr, time.monotonic() - t)


def temporary_outputs(d):
    return [f for f in os.listdir(os.path.join(d, "out")) if ".tmp-" in f]


def interrupted(sig):
    """Runs wiremark -o out/feed.html on standard input that stays open:
    part of a feed is written, then, once the temporary output beside
    out/feed.html exists (its name has ".tmp-"), sig is sent.  The program
    is then waiting for more input with its output half-written: no timing
    decides what state it is in."""
    def run(row, d):
        t = time.monotonic()
        p = subprocess.Popen([WM] + row.args, stdin=subprocess.PIPE,
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                             cwd=d, env=ENV)
        chunk = b"".join(article(i) for i in range(2000))
        try:
            p.stdin.write(chunk)
            p.stdin.flush()
        except BrokenPipeError:
            pass
        deadline = time.monotonic() + 60
        while not temporary_outputs(d) and p.poll() is None and time.monotonic() < deadline:
            time.sleep(0.01)
        before = sorted(os.listdir(os.path.join(d, "out")))
        p.send_signal(sig)
        try:
            out, err = p.communicate(timeout=30)
        except subprocess.TimeoutExpired:
            p.kill()
            out, err = p.communicate()
            err += b"(hung: killed after 30 s)"
        r = Result(d, p.returncode, out, err, time.monotonic() - t)
        r.before = before
        return r
    return run


BOMB = b"""<?xml version="1.0"?>
<!DOCTYPE TEI [
 <!ENTITY lol "lol">
 <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
]>
<TEI xmlns="http://www.tei-c.org/ns/1.0"><text><body><head>B</head><p>&lol3;</p></body></text></TEI>
"""

XXE = b"""<?xml version="1.0"?>
<!DOCTYPE TEI [<!ENTITY pw SYSTEM "file:///etc/passwd">]>
<TEI xmlns="http://www.tei-c.org/ns/1.0"><text><body><head>X</head><p>&pw;</p></body></text></TEI>
"""

NITF_XXE = b"""<?xml version="1.0"?>
<!DOCTYPE nitf [<!ENTITY pw SYSTEM "file:///etc/passwd">]>
<nitf><body><body.head><hedline><hl1>X</hl1></hedline></body.head>
<body.content><p>&pw;</p></body.content></body></nitf>
"""

NEWSML_BOMB = BOMB.replace(b"DOCTYPE TEI", b"DOCTYPE newsItem").replace(
    b'<TEI xmlns="http://www.tei-c.org/ns/1.0"><text><body><head>B</head><p>&lol3;</p></body></text></TEI>',
    b'<newsItem><contentMeta><headline>B</headline></contentMeta><contentSet><inlineData>&lol3;'
    b'</inlineData></contentSet></newsItem>')

EMPTY_ITEM = b"""<?xml version="1.0" encoding="UTF-8"?>
<newsItem xmlns="http://iptc.org/std/nar/2006-10-01/" guid="urn:x:1" version="1">
  <itemMeta><itemClass qcode="ninat:text"/></itemMeta>
  <contentMeta><headline>A headline and nothing else</headline></contentMeta>
  <contentSet>
  </contentSet>
</newsItem>
"""

EMPTY_NITF = b"""<?xml version="1.0" encoding="UTF-8"?>
<nitf>
  <head><title>Advisory</title></head>
  <body>
    <body.head><hedline><hl1>Advisory</hl1></hedline></body.head>
    <body.content/>
  </body>
</nitf>
"""

# killed by the signal (the default action, or a handler that cleans up and
# raises it again), or a handler's exit status 128 + the signal's number
KILLED_BY_SIGTERM = (-signal.SIGTERM, 128 + signal.SIGTERM)
KILLED_BY_SIGINT = (-signal.SIGINT, 128 + signal.SIGINT)

REST = r"(nothing read|the rest (of the input )?is not read)"

ROWS = [
    Row("empty file", "a file of 0 bytes", ["empty.txt"], 1,
        r"^empty\.txt:1:1: error: no article", write("empty.txt", b""),
        checks=[stdout_empty()]),
    Row("only whitespace", "spaces, tabs and blank lines", ["blank.txt"], 1,
        r"^blank\.txt:1:1: error: no article", write("blank.txt", b"  \n\t\n \r\n\n"),
        checks=[stdout_empty()]),
    Row("no headline", "blank lines, then a dateline paragraph (its first line becomes the headline)",
        ["-t", "json", "nohead.txt"], 0, r"^$",
        write("nohead.txt", b"\n\n\nLONDON, March 26 - Markets fell.\n"),
        checks=[in_stdout('"headline":"LONDON, March 26 - Markets fell."')]),
    Row("only a headline", "one line, no body", ["-t", "json", "head.txt"], 0, r"^$",
        write("head.txt", b"HEADLINE ONLY\n"),
        checks=[in_stdout('"headline":"HEADLINE ONLY"'), in_stdout('"body":[]')]),
    Row("10 MB without a newline", "10,000,000 bytes of one line", ["-o", "out/long.html", "long.txt"], 0, r"^$",
        write("long.txt", b"A" * 10_000_000),
        checks=[("converted whole", lambda r: os.path.getsize(os.path.join(r.d, "out", "long.html")) > 10_000_000),
                ("within 20 s", lambda r: r.seconds < 20),
                ("only the output in out/", lambda r: r.files("out") == ["long.html"])]),
    Row("NUL bytes", "a NUL byte past the first 4 KiB (the text's fifth line)",
        ["-t", "json", "nul.txt"], 0,
        r"^nul\.txt:5:2: warning: NUL byte dropped",
        write("nul.txt", b"HEAD\n\n" + b"Body text. " * 400 + b"\n\nA\0B.\n"),
        checks=[in_stdout('"headline":"HEAD"'), in_stdout('"text":"AB."')]),
    Row("binary: an executable", "an ELF header (NUL bytes) and machine code",
        ["-t", "json", "prog"], 1,
        r"^prog: error: binary file \(a NUL byte at byte 8\), not wire text\n$",
        write("prog", b"\x7fELF\x02\x01\x01\0" + bytes(range(256)) * 40),
        checks=[stdout_empty()]),
    Row("binary: control bytes", "a terminal session's escapes, a third of the bytes control characters",
        ["-t", "json", "typescript"], 1,
        r"^typescript: error: binary file \(1280 of its first 4096 bytes are control characters\), not wire text\n$",
        write("typescript", b"\x1b[31mRED\x1b[0m\x07\x08\x08\n" * 300),
        checks=[stdout_empty()]),
    Row("binary on standard input", "gzip data on a pipe (told from the first block read)",
        ["-t", "json", "-"], 1,
        r"^-: error: binary file \(a NUL byte at byte 4\), not wire text\n$",
        stdin=b"\x1f\x8b\x08\0\0\0\0\0\0\x03" + bytes(range(1, 256)) * 200,
        checks=[stdout_empty()]),
    Row("binary after text", "a story, then, past the first 4 KiB, one with a NUL byte and a BEL",
        ["-t", "json", "tail.txt"], 0,
        r"^tail\.txt:12:2: warning: NUL byte dropped",
        write("tail.txt", ARTICLE + b"Filler text. " * 400 + b"\n\f\nNEXT\n\nA\0B\x07.\n"),
        checks=[in_stdout('"headline":"TEST HEADLINE"'), in_stdout('"headline":"NEXT"')]),
    Row("invalid UTF-8", "a Latin-1 byte (0xE9)", ["-t", "json", "latin1.txt"], 0,
        r"^latin1\.txt:3:6: warning: .*Windows-1252",
        write("latin1.txt", b"HEAD\n\nA caf\xe9 opened.\n"),
        checks=[in_stdout("caf\u00e9")]),
    Row("UTF-16 with a BOM", "UTF-16LE text with its byte order mark", ["utf16.txt"], 1,
        r"^utf16\.txt:1:1: error: input is UTF-16; convert it to UTF-8 first",
        write("utf16.txt", "\ufeffHEAD\n\nBody.\n".encode("utf-16-le")),
        checks=[stdout_empty()]),
    Row("a directory as input", "a folder", ["folder"], 1,
        r"^folder: error: cannot read: Is a directory",
        lambda d: os.mkdir(os.path.join(d, "folder")), checks=[stdout_empty()]),
    Row("an unreadable file", "a file with mode 000 (as root: without CAP_DAC_OVERRIDE)", ["secret.txt"], 1,
        r"^secret\.txt: error: cannot read: Permission denied",
        lambda d: (write("secret.txt", ARTICLE)(d), os.chmod(os.path.join(d, "secret.txt"), 0)),
        unreadable="secret.txt", checks=[stdout_empty()]),
    Row("a missing file among several", "two files and a missing one between them",
        ["-t", "json", "a.txt", "absent.txt", "b.txt"], 1,
        r"^absent\.txt: error: cannot read: No such file or directory",
        lambda d: (write("a.txt", ARTICLE)(d), write("b.txt", ARTICLE.replace(b"TEST", b"OTHER"))(d)),
        checks=[("the other two converted", lambda r: r.out.count(b'"headline"') == 2
                 and b"TEST HEADLINE" in r.out and b"OTHER HEADLINE" in r.out)]),
    Row("a missing file among several, to -o", "as above, written with -o",
        ["-o", "out/feed.html", "a.txt", "absent.txt", "b.txt"], 1,
        r"^absent\.txt: error: cannot read",
        lambda d: (write("a.txt", ARTICLE)(d), write("b.txt", ARTICLE.replace(b"TEST", b"OTHER"))(d)),
        checks=[("the others written", lambda r: r.files("out") == ["feed.html"] and
                 b"OTHER HEADLINE" in open(os.path.join(r.d, "out", "feed.html"), "rb").read())]),
    Row("output to /dev/full", "an article; standard output is /dev/full", ["story.txt"], 1,
        r"^wiremark: standard output: cannot write: No space left on device",
        write("story.txt", ARTICLE), stdout_to="/dev/full"),
    Row("-o /dev/full", "an article; -o names a device, not a file", ["-o", "/dev/full", "story.txt"], 1,
        r"^wiremark: /dev/full: cannot write: No space left on device",
        write("story.txt", ARTICLE),
        checks=[("/dev/full still the device", lambda r: stat.S_ISCHR(os.stat("/dev/full").st_mode))]),
    Row("-o into a missing folder", "an article", ["-o", "out/none/story.html", "story.txt"], 1,
        r"^wiremark: out/none/story\.html: cannot write: No such file or directory",
        write("story.txt", ARTICLE), checks=[no_output_left("out"), stdout_empty()]),
    Row("-o onto its own input", "an article written to the file it is read from",
        ["-o", "story.txt", "story.txt"], 2,
        r"^wiremark: story\.txt would be written over its input story\.txt \(nothing written\)",
        write("story.txt", ARTICLE),
        checks=[stdout_empty(), ("the input kept", lambda r: open(os.path.join(r.d, "story.txt"), "rb").read() == ARTICLE),
                ("no temporary left", lambda r: not any(".tmp-" in f for f in os.listdir(r.d)))]),
    Row("-o onto an input by another name", "an article; -o names a hard link to the second input",
        ["-o", "link.txt", "a.txt", "story.txt"], 2,
        r"^wiremark: link\.txt would be written over its input story\.txt",
        lambda d: (write("story.txt", ARTICLE)(d), write("a.txt", ARTICLE)(d),
                   os.link(os.path.join(d, "story.txt"), os.path.join(d, "link.txt"))),
        checks=[stdout_empty(), ("the input kept", lambda r: open(os.path.join(r.d, "story.txt"), "rb").read() == ARTICLE)]),
    Row("-O onto one of its inputs", "a batch whose output out/story.html is a link to an input",
        ["-O", "out", "--force", "story.txt"], 2,
        r"^wiremark: out/story\.html would be written over its input story\.txt",
        lambda d: (write("story.txt", ARTICLE)(d), os.makedirs(os.path.join(d, "out")),
                   os.symlink("../story.txt", os.path.join(d, "out", "story.html"))),
        checks=[("the input kept", lambda r: open(os.path.join(r.d, "story.txt"), "rb").read() == ARTICLE),
                ("the link kept", lambda r: os.path.islink(os.path.join(r.d, "out", "story.html")))]),
    Row("a write interrupted by SIGTERM", "a feed on a slow pipe, SIGTERM half-way",
        ["-o", "out/feed.html", "-"], KILLED_BY_SIGTERM, r"",
        run=interrupted(signal.SIGTERM), checks=[no_output_left("out"), temp_when_signalled()]),
    Row("a write interrupted by SIGINT", "a feed on a slow pipe, SIGINT half-way",
        ["-o", "out/feed.html", "-"], KILLED_BY_SIGINT, r"",
        run=interrupted(signal.SIGINT), checks=[no_output_left("out"), temp_when_signalled()]),
    Row("unknown -f", "an article", ["-f", "pdf", "story.txt"], 2,
        r'^wiremark: unknown format "pdf" \(readers: wire', write("story.txt", ARTICLE),
        checks=[stdout_empty()]),
    Row("unknown -t", "an article", ["-t", "docx", "-o", "out/x.docx", "story.txt"], 2,
        r'^wiremark: unknown format "docx"', write("story.txt", ARTICLE),
        checks=[stdout_empty(), no_output_left("out")]),
    Row("-M without =", "an article", ["-M", "publisher", "story.txt"], 2,
        r'^wiremark: -M needs KEY=VALUE, got "publisher"', write("story.txt", ARTICLE),
        checks=[stdout_empty()]),
    Row("-M with a value not UTF-8", "an article; -M id= a 0xFF byte (it would break -t json's JSON)",
        ["-t", "json", "-M", "id=a\udcffb", "story.txt"], 2,
        r'^wiremark: bad -M "id=\.\.\.": the key is letters, digits, .*the value UTF-8',
        write("story.txt", ARTICLE), checks=[stdout_empty()]),
    Row("a template that cannot be read", "an article; --template names no file",
        ["--template", "none.mustache", "-o", "out/x.html", "story.txt"], 2,
        r"^wiremark: none\.mustache: cannot read template: No such file or directory",
        write("story.txt", ARTICLE), checks=[stdout_empty(), no_output_left("out")]),
    Row("a template with a NUL byte", "an article; the template is binary",
        ["--template", "nul.mustache", "-o", "out/x.html", "story.txt"], 2,
        r"^nul\.mustache:1:4: error: a NUL byte in the template",
        lambda d: (write("story.txt", ARTICLE)(d), write("nul.mustache", b"<p>\0{{headline}}</p>")(d)),
        checks=[stdout_empty(), no_output_left("out")]),
    Row("an entity bomb (-f tei)", "TEI declaring nested entities (billion laughs)",
        ["-f", "tei", "-o", "out/x.html", "bomb.xml"], 1,
        r'^bomb\.xml:3:\d+: error: the document declares the entity "lol": refused',
        write("bomb.xml", BOMB),
        checks=[no_output_left("out"), ("within 2 s", lambda r: r.seconds < 2)]),
    Row("an external entity (-f tei)", "TEI with an entity naming file:///etc/passwd",
        ["-f", "tei", "xxe.xml"], 1,
        r'^xxe\.xml:2:\d+: error: the document declares the entity "pw": refused',
        write("xxe.xml", XXE),
        checks=[stdout_empty(), ("/etc/passwd not read", lambda r: b"root:" not in r.out + r.err)]),
    Row("an external entity (NITF)", "NITF with an entity naming file:///etc/passwd",
        ["-o", "out/x.html", "xxe.nitf"], 1,
        r'^xxe\.nitf:2:\d+: error: the document declares the entity "pw": refused',
        write("xxe.nitf", NITF_XXE),
        checks=[no_output_left("out"),
                ("/etc/passwd not read", lambda r: b"root:" not in r.out + r.err)]),
    Row("an entity bomb (NewsML-G2)", "a newsItem declaring nested entities (billion laughs)",
        ["-o", "out/x.html", "bomb.xml"], 1,
        r'^bomb\.xml:3:\d+: error: the document declares the entity "lol": refused',
        write("bomb.xml", NEWSML_BOMB),
        checks=[no_output_left("out"), ("within 2 s", lambda r: r.seconds < 2)]),
    Row("a NewsML-G2 item with no text", "a text newsItem whose contentSet is empty",
        ["-o", "out/x.html", "item.xml"], 1,
        r"^item\.xml:5:3: error: newsItem left out: it holds no text",
        write("item.xml", EMPTY_ITEM), checks=[no_output_left("out")]),
    Row("NITF with an empty body", "a headline and an empty body.content",
        ["-o", "out/x.html", "advisory.nitf"], 1,
        r"^advisory\.nitf:4:3: error: no article: the NITF body holds no text",
        write("advisory.nitf", EMPTY_NITF), checks=[no_output_left("out")]),
    Row("an unknown root element (-f nitf)", "an RSS feed read as NITF",
        ["-f", "nitf", "-o", "out/x.html", "feed.xml"], 1,
        r"^feed\.xml:2:1: error: the root element is <rss>, not <nitf>",
        write("feed.xml", b'<?xml version="1.0"?>\n<rss version="2.0"><channel/></rss>\n'),
        checks=[no_output_left("out")]),
    Row("an unknown root element (-f newsml)", "a NITF document read as NewsML",
        ["-f", "newsml", "-o", "out/x.html", "story.nitf"], 1,
        r"^story\.nitf:2:1: error: the root element is <nitf>, not <newsItem>",
        write("story.nitf", b'<?xml version="1.0"?>\n<nitf><body/></nitf>\n'),
        checks=[no_output_left("out")]),
    Row("deep nesting (-f tei)", "100,000 nested div elements",
        ["-f", "tei", "deep.xml"], 1,
        r"^deep\.xml:1:\d+: error: elements nested more than 256 deep: refused",
        write("deep.xml", b'<TEI xmlns="http://www.tei-c.org/ns/1.0"><text><body>' +
              b"<div>" * 100000 + b"<p>x</p>" + b"</div>" * 100000 + b"</body></text></TEI>"),
        checks=[stdout_empty()]),
    Row("deep nesting (-f html)", "100,000 nested div elements",
        ["-f", "html", "deep.html"], 1,
        r"^deep\.html:1:\d+: error: elements nested more than 256 deep: refused",
        write("deep.html", b"<html><body><h1>T</h1>" + b"<div>" * 100000 + b"x</body></html>"),
        checks=[stdout_empty()]),
    # the limits (docs/limits.md), each reached
    Row("limit input-size", "a 2 KiB file, --limit input-size=1K",
        ["--limit", "input-size=1K", "-o", "out/x.html", "big.txt"], 1,
        r"^big\.txt: error: input larger than 1024 bytes \(the input-size limit\): " + REST,
        write("big.txt", ARTICLE * 30),
        checks=[("nothing past the limit written", lambda r: r.files("out") == [] or
                 open(os.path.join(r.d, "out", "x.html"), "rb").read().count(b"<h1>") <= 1024 // len(ARTICLE))]),
    Row("limit input-size, standard input", "3 MiB on standard input, --limit input-size=1M",
        ["--limit", "input-size=1M", "-"], 1,
        r"^-: error: input larger than 1048576 bytes \(the input-size limit\)",
        stdin=b"A" * (3 << 20), checks=[stdout_empty()]),
    Row("limit line-length", "a 2,000-byte third line, --limit line-length=1K",
        ["--limit", "line-length=1K", "long.txt"], 1,
        r"^long\.txt:3:\d+: error: line longer than 1024 bytes \(the line-length limit\): " + REST,
        write("long.txt", b"HEAD\n\n" + b"word " * 400 + b"\n"),
        checks=[("the long line in no output", lambda r: b"word word" not in r.out)]),
    Row("limit articles", "a feed of 5 articles, --limit articles=3",
        ["--limit", "articles=3", "-o", "out/x.html", "feed.txt"], 1,
        r"^feed\.txt:22:1: error: more than 3 articles \(the articles limit\): " + REST,
        write("feed.txt", b"".join(article(i) for i in range(5))),
        checks=[("at most the first 3 articles written", lambda r: r.files("out") == [] or
                 re.findall(rb"<h1>([^<]*)</h1>", open(os.path.join(r.d, "out", "x.html"), "rb").read())
                 == [b"HEADLINE NUMBER %d" % i for i in range(3)])]),
    Row("limit articles, other files kept", "a 5-article feed over the limit and one article",
        ["--limit", "articles=3", "-t", "json", "feed.txt", "story.txt"], 1,
        r"^feed\.txt:22:1: error: more than 3 articles",
        lambda d: (write("feed.txt", b"".join(article(i) for i in range(5)))(d), write("story.txt", ARTICLE)(d)),
        checks=[("story.txt converted, nothing past the limit",
                 lambda r: headlines(r)[-1:] == [b"TEST HEADLINE"] and
                 headlines(r)[:-1] in ([], [b"HEADLINE NUMBER %d" % i for i in range(3)]))]),
    Row("limit template-depth", "a partial that includes itself, --limit template-depth=8",
        ["--limit", "template-depth=8", "--template", "self.mustache", "-o", "out/x.html", "story.txt"], 2,
        r"^self(\.mustache)?:1:\d+: error: templates nested deeper than 8 levels",
        lambda d: (write("story.txt", ARTICLE)(d), write("self.mustache", b"[{{>self}}]")(d)),
        checks=[no_output_left("out"), stdout_empty()]),
    Row("bad --limit", "an article; an unknown limit name",
        ["--limit", "columns=5", "story.txt"], 2,
        r'^wiremark: --limit needs NAME=VALUE: .*got "columns=5"',
        write("story.txt", ARTICLE), checks=[stdout_empty()]),
    Row("bad --limit value", "an article; template-depth above 1024",
        ["--limit", "template-depth=2K", "story.txt"], 2,
        r'^wiremark: --limit needs NAME=VALUE: .*got "template-depth=2K"',
        write("story.txt", ARTICLE), checks=[stdout_empty()]),
]


def status_text(rc):
    if rc < 0:
        return f"killed by {signal.Signals(-rc).name}"
    return str(rc)


def first_line(err):
    text = err.decode("utf-8", "replace").strip("\n")
    line = text.split("\n")[0] if text else ""
    return line


def cell(s):
    return s.replace("|", "\\|")


def doc_text(results, current):
    out = [
        "# Bad input: what wiremark says and does",
        "",
        "<!-- Generated by tests/bad_input.py from its rows; do not edit.",
        f"     Regenerate with: {REGEN} -->",
        "",
        "Each row is a test of `tests/bad_input.py` (`meson test bad-input`), run",
        "against the built `wiremark` in an empty folder, with `LC_ALL=C`. The",
        "message is the first line of standard error as printed; the exit status",
        "is 0 done, 1 some input could not be converted (the rest was), 2 usage.",
        "Nothing is ever half-written: `-o` writes its file whole or not at all.",
        "The limits are described in [limits.md](limits.md). The test checks that",
        "this page is what the rows give; to update it, run",
        f"`{REGEN}`.",
        "",
        "Binary data (an executable, an image, compressed data) is refused as a",
        "whole, as UTF-16 is, with one error `FILE: error: binary file (why), not",
        "wire text` and exit status 1: a file is binary when its first 4096 bytes",
        "(all of it, when shorter) hold a NUL byte, or at least 8 control",
        "characters that are more than one in ten of those bytes (C0 controls but",
        "TAB, LF, CR and FF, the framing of transmissions included; DEL). Wire text",
        "with a few control characters (a DEL, an ESC, the SOH ... EOT and SYN of",
        "IPTC and ANPA transmissions: one to five in a hundred bytes in theirs) is",
        "converted, each one dropped with a warning, and so is a NUL byte past the",
        "first 4096 bytes. A stream (a pipe, standard input) is judged on its first",
        "block read, up to 4096 bytes of it.",
        "",
        "| input | command | message printed | exit status |",
        "|---|---|---|---|",
    ]
    for row, r in results:
        if r is None:
            # a skipped row: its line as the doc has it now
            head = f"| {cell(row.name)}: "
            out.extend(line for line in current.splitlines() if line.startswith(head))
            continue
        # a byte that is not UTF-8 (an argument's surrogate escape) as \xFF
        cmd = "wiremark " + " ".join(a.encode("utf-8", "surrogateescape")
                                     .decode("utf-8", "backslashreplace") for a in row.args)
        if row.stdout_to:
            cmd += f" > {row.stdout_to}"
        msg = first_line(r.err)
        out.append(f"| {cell(row.name)}: {cell(row.input)} | `{cell(cmd)}` | "
                   f"{'`' + cell(msg) + '`' if msg else '(none)'} | {status_text(r.rc)} |")
    return "\n".join(out) + "\n"


def main():
    write_doc = None
    if len(sys.argv) == 4 and sys.argv[2] == "--write-doc":
        write_doc = sys.argv[3]
    elif len(sys.argv) != 2:
        print(__doc__)
        return 2
    failures, results, skipped = [], [], []
    for row in ROWS:
        with tempfile.TemporaryDirectory() as d:
            r = run_row(row, d)
            if isinstance(r, str):
                # cannot be run here: skipped, saying why; the doc keeps its row
                skipped.append(row.name)
                results.append((row, None))
                print(f"skip {row.name}: {r}")
                continue
            problems = []
            accepted = row.status if isinstance(row.status, tuple) else (row.status,)
            if r.rc not in accepted:
                problems.append(f"exit status {status_text(r.rc)}, expected "
                                + " or ".join(status_text(a) for a in accepted))
            err = r.err.decode("utf-8", "replace")
            if not re.search(row.stderr, err, re.M):
                problems.append(f"stderr {err[:300]!r} does not match {row.stderr!r}")
            if row.stderr == r"^$" and err:
                problems.append(f"stderr not empty: {err[:300]!r}")
            if r.rc < 0 and r.rc not in accepted:
                problems.append("crashed" if r.rc in (-signal.SIGSEGV, -signal.SIGABRT, -signal.SIGBUS) else "killed")
            for what, fn in row.checks:
                try:
                    ok = fn(r)
                except Exception as e:  # noqa: BLE001
                    ok = False
                    what += f" ({e!r})"
                if not ok:
                    problems.append(f"check failed: {what}")
            # never a temporary file left anywhere in the folder
            left = [f for root, _, fs in os.walk(d) for f in fs if ".tmp-" in f]
            if left:
                problems.append(f"temporary files left: {left}")
            results.append((row, r))
            if problems:
                failures.append(row.name)
                print(f"FAIL {row.name}: " + "; ".join(problems))
            else:
                print(f"ok   {row.name} ({status_text(r.rc)}, {r.seconds:.2f} s)")
    current = open(DOC, encoding="utf-8").read() if os.path.exists(DOC) else ""
    text = doc_text(results, current)
    if write_doc:
        with open(write_doc, "w", encoding="utf-8") as f:
            f.write(text)
        print(f"wrote {write_doc}")
    else:
        if current != text:
            failures.append("docs/bad-input.md")
            print(f"FAIL docs/bad-input.md is not what the rows give; run: {REGEN}")
            import difflib
            sys.stdout.writelines(difflib.unified_diff(current.splitlines(True), text.splitlines(True),
                                                       "docs/bad-input.md", "generated"))
        else:
            print("ok   docs/bad-input.md is up to date")
    print(f"{len(failures)} failures of {len(ROWS)} rows"
          + (f", {len(skipped)} skipped: {', '.join(skipped)}" if skipped else ""))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())

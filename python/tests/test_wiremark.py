"""The Python binding (python/wiremark) against the command line.

Run by meson test (python/tests/run.py) with WIREMARK_LIBRARY naming the
build tree's library, WM_WIREMARK its wiremark program and PYTHONPATH the
package's sources.  Every sample in every format is compared with what
`wiremark` writes for the same file; warnings, errors, streaming (and its
memory), threads and `python3 -m wiremark` are checked too.
"""
import concurrent.futures
import glob
import json
import os
import pathlib
import pydoc
import random
import subprocess
import sys
import textwrap
import threading
import warnings

import pytest

import wiremark

ROOT = os.environ.get("WM_SOURCE_ROOT",
                      os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
WIREMARK = os.environ.get("WM_WIREMARK", os.path.join(ROOT, "build", "wiremark"))
SAMPLES = sorted(glob.glob(os.path.join(ROOT, "samples", "*.txt")))
FORMATS = ["html", "markdown", "tei", "json", "nitf", "newsml"]
DATE = "1987-03-01"

if not os.path.exists(WIREMARK):
    pytest.skip(f"no wiremark program at {WIREMARK} (set WM_WIREMARK)", allow_module_level=True)


def cli(*args, stdin=None):
    """wiremark's (stdout bytes, stderr text, exit status)."""
    p = subprocess.run([WIREMARK, *args], input=stdin, capture_output=True, timeout=120)
    return p.stdout, p.stderr.decode(), p.returncode


def cli_out(*args, stdin=None):
    out, err, rc = cli(*args, stdin=stdin)
    assert rc == 0, f"wiremark {' '.join(args)}: exit {rc}: {err}"
    return out.decode()


def read_bytes(path):
    with open(path, "rb") as f:
        return f.read()


def quiet(fn, *args, **kw):
    """fn's result, with the library's warnings recorded, not shown."""
    with warnings.catch_warnings(record=True):
        warnings.simplefilter("always")
        return fn(*args, **kw)


def test_samples_are_there():
    assert len(SAMPLES) >= 20, SAMPLES


# ---- convert, read, write, explain: the command line's outputs ----------------

@pytest.mark.parametrize("standalone", [False, True], ids=["fragment", "standalone"])
@pytest.mark.parametrize("to", FORMATS)
def test_convert_equals_command_line(to, standalone):
    for path in SAMPLES:
        args = ["-t", to, "--date", DATE] + (["-s"] if standalone else []) + [path]
        want = cli_out(*args)
        got = quiet(wiremark.convert, read_bytes(path), to=to, standalone=standalone,
                    date=DATE, source=path)
        assert got == want, f"{path} -t {to}{' -s' if standalone else ''}"


def test_convert_str_and_bytes_agree():
    for path in SAMPLES:
        data = read_bytes(path)
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            continue
        assert quiet(wiremark.convert, text, source=path) == \
            quiet(wiremark.convert, data, source=path), path


def test_convert_with_meta_and_template_equals_command_line(tmp_path):
    path = os.path.join(ROOT, "samples", "02-teletype.txt")
    meta = {"publisher": "Example Archive", "lang": "en-GB", "id": "mill-1"}
    want = cli_out("-t", "tei", "--date", DATE, "-M", "publisher=Example Archive",
                   "-M", "lang=en-GB", "-M", "id=mill-1", path)
    assert wiremark.convert(read_bytes(path), to="tei", date=DATE, meta=meta,
                            source=path) == want
    template = "{{#articles}}<h2>{{headline}}</h2>{{>partial}}\n{{/articles}}"
    (tmp_path / "page.mustache").write_text(template)
    (tmp_path / "partial.mustache").write_text("<i>{{dateline.place}}</i>")
    want = cli_out("--template", str(tmp_path / "page.mustache"), path)
    assert "<i>PORTLAND</i>" in want
    got = wiremark.convert(read_bytes(path), template=tmp_path / "page.mustache", source=path)
    assert got == want
    # a template given as text finds the built-in partials only
    got = wiremark.convert(read_bytes(path),
                           template="{{#articles}}{{headline}}|{{/articles}}")
    assert got == "OREGON SAWMILL TO REOPEN AFTER FLOOD REPAIRS|"


def test_columns_equals_command_line():
    path = os.path.join(ROOT, "samples", "02-teletype.txt")
    want = cli_out("-t", "markdown", "--columns", "40", path)
    assert wiremark.convert(read_bytes(path), to="markdown", columns=40, source=path) == want
    assert max(len(line) for line in want.splitlines()) <= 60


def test_read_gives_the_json_form():
    for path in SAMPLES:
        want = [json.loads(line) for line in
                cli_out("-t", "json", "--date", DATE, path).splitlines()]
        got = quiet(wiremark.read, read_bytes(path), date=DATE, source=path)
        assert got == want, path
        assert all(isinstance(a["headline"], str) and a["headline"] for a in got)


@pytest.mark.parametrize("fmt", ["json", "tei", "html", "markdown"])
def test_read_other_formats_equals_command_line(fmt):
    for path in SAMPLES:
        written = cli(*["-t", fmt, "--date", DATE, path])[0]
        want = [json.loads(line) for line in
                cli_out("-f", fmt, "-t", "json", "--date", DATE, stdin=written).splitlines()]
        assert quiet(wiremark.read, written, fmt=fmt, date=DATE) == want, f"{path} as {fmt}"


@pytest.mark.parametrize("to", FORMATS)
def test_write_from_the_json_form(to):
    for path in SAMPLES:
        json_text = cli_out("-t", "json", "--date", DATE, path)
        want = cli_out("-f", "json", "-t", to, "--date", DATE, stdin=json_text.encode())
        articles = quiet(wiremark.read, read_bytes(path), date=DATE, source=path)
        assert quiet(wiremark.write, articles, to=to, date=DATE) == want, f"{path} to {to}"
    # what read gives, written as JSON, is the command line's JSON again
    assert quiet(wiremark.write, articles, to="json") == json_text


def test_write_a_changed_article():
    path = os.path.join(ROOT, "samples", "02-teletype.txt")
    articles = wiremark.read(read_bytes(path), date=DATE)
    assert articles[0]["trailer"] == "Reuter"
    before = wiremark.write(articles, to="html")
    articles[0]["trailer"] = None
    articles[0]["headline"] = "MILL <REOPENS>"
    after = wiremark.write(articles[0], to="html")  # one dict is one article
    assert 'class="trailer"' in before and 'class="trailer"' not in after
    assert "<h1>MILL &lt;REOPENS&gt;</h1>" in after and "OREGON" not in after


def test_explain_equals_command_line():
    for path in SAMPLES:
        want = cli_out("--explain", "--date", DATE, path)
        assert quiet(wiremark.explain, read_bytes(path), date=DATE, source=path) == want, path


def test_builtin_template_equals_command_line():
    for to in FORMATS:
        assert wiremark.builtin_template(to) == cli_out("--print-template", to)
        assert wiremark.builtin_template(to, standalone=True) == \
            cli_out("--print-template", to, "-s")


# ---- warnings and errors ------------------------------------------------------

def test_warnings_carry_file_line_column_code():
    path = os.path.join(ROOT, "samples", "22-control-chars.txt")
    _, err, rc = cli("-t", "html", path)
    assert rc == 0
    want = [line for line in err.splitlines() if ": warning: " in line]
    assert len(want) >= 2
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        wiremark.convert(read_bytes(path), source=path)
    got = [w.message for w in caught]
    assert all(isinstance(w, wiremark.WiremarkWarning) for w in got)
    assert [f"{w.file}:{w.line}:{w.column}: warning: {w.message}" for w in got] == want
    assert all(w.code == wiremark.DiagCode.CONTROL_CHAR for w in got)
    assert all(isinstance(w.line, int) and w.line > 0 and w.column > 0 for w in got)
    # the warning points at the caller's line, not into the package
    assert {os.path.abspath(w.filename) for w in caught} == {os.path.abspath(__file__)}


def test_invalid_utf8_warning():
    text = b"HEADLINE\n\nLONDON, March 3 - caf\xe9 society.\n"
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        html = wiremark.convert(text, source="old.txt")
    assert "café society" in html
    (w,) = [c.message for c in caught]
    assert (w.file, w.line, w.column, w.code) == ("old.txt", 3, 22, wiremark.DiagCode.INVALID_UTF8)
    assert str(w).startswith("old.txt:3:22: ")


def test_warnings_can_be_errors_or_silenced():
    text = b"HEADLINE\n\nLONDON, FEb 3 - x.\n"
    with warnings.catch_warnings():
        warnings.simplefilter("error", wiremark.WiremarkWarning)
        with pytest.raises(wiremark.WiremarkWarning) as e:
            wiremark.convert(text)
    assert e.value.code == wiremark.DiagCode.DATE
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("ignore", wiremark.WiremarkWarning)
        wiremark.convert(text)
    assert caught == []
    seen = []
    wiremark.Converter(on_warning=seen.append).convert(text)
    assert [w.code for w in seen] == [wiremark.DiagCode.DATE]


@pytest.mark.parametrize("text", ["", "\n\n   \n", b"\xef\xbb\xbf"])
def test_empty_input_is_an_error(text):
    with pytest.raises(wiremark.WiremarkError) as e:
        wiremark.convert(text, source="empty.txt")
    err = e.value
    assert (err.file, err.line, err.column, err.code) == \
        ("empty.txt", 1, 1, wiremark.DiagCode.NO_HEADLINE)
    assert err.status == wiremark.ERR_INPUT
    assert str(err) == "empty.txt:1:1: no article: the input is empty or blank"
    _, msg, rc = cli("-", stdin=text.encode() if isinstance(text, str) else text)
    assert rc == 1 and msg.strip() == "-:1:1: error: no article: the input is empty or blank"


def test_bad_settings_are_usage_errors():
    for kw, words in [({"to": "pdf"}, "pdf"), ({"to": "wire"}, "wire"),
                      ({"date": "1987-02-30"}, "1987-02-30"), ({"date": "yesterday"}, "yesterday"),
                      ({"meta": {"bad key": "x"}}, "bad key"), ({"meta": {"": "x"}}, "''"),
                      ({"columns": -1}, "-1")]:
        with pytest.raises(wiremark.WiremarkUsageError) as e:
            wiremark.convert("HEADLINE\n\ntext\n", **kw)
        assert isinstance(e.value, ValueError) and isinstance(e.value, wiremark.WiremarkError)
        assert words in str(e.value), (kw, str(e.value))
    with pytest.raises(wiremark.WiremarkUsageError):
        wiremark.read("HEADLINE\n", fmt="pdf")
    with pytest.raises(TypeError):
        wiremark.convert(42)
    with pytest.raises(TypeError):
        wiremark.write(["not an article"])


def test_template_errors(tmp_path):
    with pytest.raises(wiremark.WiremarkError) as e:
        wiremark.convert("HEADLINE\n", template="line one\n{{#articles}}\n")
    err = e.value
    assert err.code == wiremark.DiagCode.TEMPLATE and err.status == wiremark.ERR_TEMPLATE
    assert (err.file, err.line) == ("<template>", 2) and err.column > 0
    bad = tmp_path / "bad.mustache"
    bad.write_text("{{>no-such-partial}}")
    with pytest.raises(wiremark.WiremarkError) as e:
        wiremark.convert("HEADLINE\n", template=bad)
    assert e.value.code == wiremark.DiagCode.TEMPLATE and "no-such-partial" in str(e.value)
    with pytest.raises(wiremark.WiremarkError) as e:
        wiremark.convert("HEADLINE\n", template=tmp_path / "missing.mustache")
    assert "cannot read template" in str(e.value)


def test_a_bad_json_article_is_an_error_with_the_rest_kept():
    good = wiremark.convert("ONE\n\nLONDON - first.\n", to="json")
    bad = '{"headline": "TWO", "dateline": {"text": "X -", "place": 3, "dash": "-"}}\n'
    with pytest.raises(wiremark.WiremarkError) as e:
        wiremark.convert(good + bad, fmt="json", to="html", source="in.jsonl")
    err = e.value
    assert err.code == wiremark.DiagCode.MALFORMED and (err.file, err.line) == ("in.jsonl", 2)
    assert "dateline.place" in err.message
    assert err.status == wiremark.OK and "<h1>ONE</h1>" in err.partial
    assert "TWO" not in err.partial
    with pytest.raises(wiremark.WiremarkError):
        wiremark.write([{"headline": 7}])


def test_never_a_crash_on_odd_input():
    rng = random.Random(16)
    alphabet = b"ABC abc\n\n\t-\x01\x02\x03\x04\x0c\x00\xff\xc3\xa9<>&{}[]\",:#*(AP)--"
    for i in range(300):
        data = bytes(rng.choice(alphabet) for _ in range(rng.randrange(0, 300)))
        for fmt in ("wire", "json", "tei", "html", "markdown"):
            try:
                out = quiet(wiremark.convert, data, fmt=fmt, to=FORMATS[i % 4])
            except wiremark.WiremarkError as e:
                assert e.message and e.status in (wiremark.OK, wiremark.ERR_INPUT), e
            else:
                assert isinstance(out, str)
        try:
            assert isinstance(quiet(wiremark.explain, data), str)
        except wiremark.WiremarkError as e:
            assert e.code == wiremark.DiagCode.NO_HEADLINE


def test_a_converter_is_freed_when_it_goes():
    import gc
    import weakref
    gc.disable()  # no cycle collector: references alone must free it
    try:
        c = wiremark.Converter("tei", meta={"publisher": "X"})
        c.convert("HEADLINE\n\ntext\n")
        ref = weakref.ref(c)
        del c
        assert ref() is None
    finally:
        gc.enable()


def test_closed_converter():
    c = wiremark.Converter()
    c.close()
    with pytest.raises(ValueError):
        c.convert("HEADLINE\n")
    c.close()  # twice is fine


# ---- the library, found or not -----------------------------------------------

def run_python(code, **env):
    full = dict(os.environ, **env)
    for key in [k for k, v in env.items() if v is None]:
        full.pop(key)
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          env=full, timeout=120)


def test_library_named_by_the_environment():
    p = run_python("import wiremark; print(wiremark.library_version())")
    assert p.returncode == 0 and p.stdout.strip() == cli_out("--version").split()[1], p.stderr
    p = run_python("import wiremark; wiremark.convert('X')",
                   WIREMARK_LIBRARY="/nonexistent/libwiremark.so.0")
    assert p.returncode != 0
    assert "LibraryNotFoundError: WIREMARK_LIBRARY=/nonexistent/libwiremark.so.0: cannot load" \
        in p.stderr, p.stderr
    p = run_python("import wiremark; wiremark.convert('X')", WIREMARK_LIBRARY=WIREMARK)
    assert p.returncode != 0 and "LibraryNotFoundError" in p.stderr


def test_import_and_help_without_the_library():
    p = run_python("import pydoc, wiremark, wiremark.dask; "
                   "print(pydoc.render_doc(wiremark, renderer=pydoc.plaintext))",
                   WIREMARK_LIBRARY="/nonexistent/libwiremark.so.0")
    assert p.returncode == 0, p.stderr
    for word in ("convert(", "read(", "write(", "explain(", "convert_stream(",
                 "class WiremarkWarning", "class WiremarkError", "WIREMARK_LIBRARY"):
        assert word in p.stdout, word


def test_help_documents_every_public_name():
    for name in wiremark.__all__:
        obj = getattr(wiremark, name)
        if callable(obj):
            assert obj.__doc__ and len(obj.__doc__.split()) >= 5, name
    text = pydoc.render_doc(wiremark, renderer=pydoc.plaintext)
    assert "python3 -m wiremark" in text


# ---- streaming ----------------------------------------------------------------

def pieces(data, rng, most=7):
    """data cut at random places (inside UTF-8 sequences too)."""
    i = 0
    while i < len(data):
        n = rng.randrange(1, most + 1)
        yield data[i:i + n]
        i += n


@pytest.mark.parametrize("to", FORMATS)
def test_stream_equals_convert(to):
    rng = random.Random(to)
    for path in SAMPLES:
        data = read_bytes(path)
        whole = quiet(wiremark.convert, data, to=to, standalone=True, source=path)
        streamed = quiet(lambda: list(wiremark.convert_stream(
            pieces(data, rng), to=to, standalone=True, source=path)))
        assert "".join(streamed) == whole, path
        with open(path, "rb") as f:
            assert "".join(quiet(lambda: list(wiremark.convert_stream(
                f, to=to, standalone=True, source=path)))) == whole, path


def test_stream_of_files_equals_command_line():
    for to in FORMATS:
        want = cli_out("-t", to, "--date", DATE, *SAMPLES)
        c = wiremark.Converter(to, date=DATE)
        assert "".join(quiet(lambda: list(c.convert_files(SAMPLES)))) == want, to


def test_stream_yields_article_by_article():
    article = b"HEADLINE %d\n\nLONDON - Text of article %d.\n###\n"
    pulled = []

    def feed():
        for i in range(1000):
            pulled.append(i)
            yield article % (i, i)

    stream = wiremark.convert_stream(feed(), to="json")
    first = next(stream)
    assert json.loads(first.splitlines()[0])["headline"] == "HEADLINE 0"
    stream.close()  # stops the conversion: the rest of the feed is never read
    assert len(pulled) < 100, len(pulled)


def test_stream_warnings_and_errors():
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        out = "".join(wiremark.convert_stream([b"HEAD\n\nLONDON, FEb 3 - x.\n"], source="s"))
    assert "<h1>HEAD</h1>" in out
    assert [(w.message.file, w.message.code) for w in caught] == [("s", wiremark.DiagCode.DATE)]
    with pytest.raises(wiremark.WiremarkError) as e:
        list(wiremark.convert_stream([b"", b"  \n"], source="blank"))
    assert e.value.code == wiremark.DiagCode.NO_HEADLINE and e.value.file == "blank"

    def broken():
        yield b"HEADLINE\n\nLONDON - text.\n\f"
        raise OSError("the feed went away")
    got = []
    with pytest.raises(OSError, match="the feed went away"):
        for part in wiremark.convert_stream(broken()):
            got.append(part)
    with pytest.raises(TypeError):
        list(wiremark.convert_stream([42]))


MEMORY_SCRIPT = textwrap.dedent("""
    import sys, wiremark
    articles, mode = int(sys.argv[1]), sys.argv[2]
    art = ("WIRE HEADLINE NUMBER %d\\n\\nLONDON, March 3 - " + "Words of the story. " * 40
           + "\\n\\nA second paragraph, also of some length, for the article.\\n\\nReuter\\n\\f")
    def feed():
        for i in range(articles):
            yield (art % i).encode()
    size = 0
    if mode == "stream":
        for part in wiremark.convert_stream(feed(), to="json"):
            size += len(part)
    else:
        size = len(wiremark.convert(b"".join(feed()), to="json"))
    with open("/proc/self/status") as f:
        peak = [l.split()[1] for l in f if l.startswith("VmHWM:")][0]
    print(size, peak)
""")


def peak_kib(articles, mode):
    p = subprocess.run([sys.executable, "-c", MEMORY_SCRIPT, str(articles), mode],
                       capture_output=True, text=True, timeout=600)
    assert p.returncode == 0, p.stderr
    size, peak = p.stdout.split()
    return int(size), int(peak)


@pytest.mark.skipif(not os.path.exists("/proc/self/status"), reason="no /proc/self/status")
@pytest.mark.skipif(bool(os.environ.get("WM_SANITIZED")),
                    reason="memory figures mean nothing beside a sanitizer's shadow memory")
def test_stream_memory_stays_flat():
    # about 8 MB and 32 MB of feed: the peak grows by far less than the
    # 24 MB between them when streamed, and by more when read whole (the
    # check that the measure sees what it should)
    small, large = 8_000, 32_000
    size_s, peak_s = peak_kib(small, "stream")
    size_l, peak_l = peak_kib(large, "stream")
    assert size_l > 3.5 * size_s
    growth = peak_l - peak_s
    input_growth_kib = (large - small) * 1000 // 1024
    assert growth < input_growth_kib / 8, (peak_s, peak_l)
    _, whole_s = peak_kib(small, "whole")
    _, whole_l = peak_kib(large, "whole")
    assert whole_l - whole_s > input_growth_kib, (whole_s, whole_l)


# ---- threads -------------------------------------------------------------------

def test_threads_convert_at_once():
    jobs = [(path, to) for path in SAMPLES for to in FORMATS]
    want = {(p, t): quiet(wiremark.convert, read_bytes(p), to=t, date=DATE, source=p)
            for p, t in jobs}
    shared = {t: wiremark.Converter(t, date=DATE, on_warning=lambda w: None) for t in FORMATS}
    barrier = threading.Barrier(8)

    def work(k):
        barrier.wait()
        got = []
        for i in range(3):
            for p, t in jobs[k::8] + jobs[:k]:
                data = read_bytes(p)
                if (i + k) % 2:  # a context of its own each time
                    got.append((p, t, wiremark.Converter(t, date=DATE, on_warning=lambda w: None)
                                .convert(data, source=p)))
                else:  # one context shared by all threads
                    got.append((p, t, shared[t].convert(data, source=p)))
        return got

    with concurrent.futures.ThreadPoolExecutor(8) as pool:
        results = list(pool.map(work, range(8)))
    n = 0
    for got in results:
        for p, t, out in got:
            assert out == want[(p, t)], (p, t)
            n += 1
    assert n == sum(3 * len(jobs[k::8] + jobs[:k]) for k in range(8))


def test_threads_keep_their_own_errors():
    shared = wiremark.Converter("html", on_warning=lambda w: None)
    barrier = threading.Barrier(8)

    def work(k):
        barrier.wait()
        outcomes = []
        for i in range(200):
            if (i + k) % 3 == 0:
                try:
                    shared.convert(b"   \n", source=f"empty-{k}-{i}")
                    outcomes.append("no error")
                except wiremark.WiremarkError as e:
                    outcomes.append("ok" if e.file == f"empty-{k}-{i}" and len(e.errors) == 1
                                    else f"wrong error: {e} {e.errors}")
            else:
                out = shared.convert(b"HEADLINE %d\n\ntext\n" % i)
                outcomes.append("ok" if f"<h1>HEADLINE {i}</h1>" in out else "wrong output")
        return outcomes

    with concurrent.futures.ThreadPoolExecutor(8) as pool:
        outcomes = [o for got in pool.map(work, range(8)) for o in got]
    assert outcomes == ["ok"] * 1600, sorted(set(outcomes))


def test_streams_in_threads():
    data = b"".join(read_bytes(p) + b"\f" for p in SAMPLES)
    want = quiet(wiremark.convert, data, to="tei", source="feed")

    def work(k):
        rng = random.Random(k)
        c = wiremark.Converter("tei", on_warning=lambda w: None)
        return "".join(c.convert_stream(pieces(data, rng, 4096), source="feed"))

    with concurrent.futures.ThreadPoolExecutor(4) as pool:
        assert list(pool.map(work, range(8))) == [want] * 8


# ---- python3 -m wiremark --------------------------------------------------------

def module(*args, stdin=None, cwd=None):
    p = subprocess.run([sys.executable, "-m", "wiremark", *args], input=stdin,
                       capture_output=True, timeout=120, cwd=cwd)
    return p.stdout, p.stderr.decode(), p.returncode


def test_module_equals_command_line(tmp_path):
    sample = os.path.join(ROOT, "samples", "02-teletype.txt")
    controls = os.path.join(ROOT, "samples", "22-control-chars.txt")
    (tmp_path / "t.mustache").write_text("{{#articles}}[{{headline}}]{{/articles}}\n")
    cases = [
        [sample], ["-t", "markdown", "-s", sample], ["-t", "tei", "--date", DATE,
                                                     "-M", "publisher=X", sample],
        ["-t", "json", controls, sample], ["--explain", sample], ["-q", controls],
        ["--template", str(tmp_path / "t.mustache"), sample],
        ["--columns", "30", "-t", "markdown", sample], ["--print-template", "html", "-s"],
        ["--version"], ["-f", "json", "-t", "html", "-"],
        [os.path.join(ROOT, "no-such-file.txt"), sample],
        ["-"], ["-t", "pdf", sample], ["--date", "1987-02-30", sample],
        ["--template", str(tmp_path / "missing.mustache"), sample],
    ]
    json_in = cli_out("-t", "json", sample).encode()
    for args in cases:
        stdin = json_in if "-f" in args else (b"" if "-" in args else None)
        out, err, rc = module(*args, stdin=stdin)
        want_out, want_err, want_rc = cli(*args, stdin=stdin)
        assert rc == want_rc, (args, err, want_err)
        assert out == want_out, args
        if rc == 0 or "no-such-file" in " ".join(args) or args == ["-"]:
            assert err == want_err, args
        else:  # usage errors: the same first word, not the same usage text
            assert err.startswith("wiremark: ") and want_err.startswith("wiremark: "), err


def test_module_output_file(tmp_path):
    sample = os.path.join(ROOT, "samples", "11-deck-byline.txt")
    _, err, rc = module("-s", "-o", str(tmp_path / "a.md"), sample)
    assert rc == 0, err
    cli_out("-s", "-o", str(tmp_path / "b.md"), sample)
    assert (tmp_path / "a.md").read_bytes() == (tmp_path / "b.md").read_bytes()
    assert (tmp_path / "a.md").read_text().startswith("---\n")  # -t from the extension
    # an input with no article writes nothing, not even an empty file
    (tmp_path / "empty.txt").write_text("")
    _, err, rc = module("-o", str(tmp_path / "c.html"), str(tmp_path / "empty.txt"))
    assert rc == 1 and not (tmp_path / "c.html").exists()
    assert list(pathlib.Path(tmp_path).glob(".wiremark-*")) == []

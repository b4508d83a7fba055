"""wiremark.dask on a distributed.LocalCluster of 2 worker processes:
reuters-dev and bbc-dev (../shared/corpora; skipped where absent) as a bag
of records and as a bag of paths, written as JSON Lines and as one file per
article, byte for byte against the same conversion in this one process and
against the command line (`wiremark --jsonl`, `wiremark -O`).

Run by meson test (python/tests/run.py: skipped without pytest, dask or
distributed) with WIREMARK_LIBRARY, WM_WIREMARK and PYTHONPATH set; the
workers inherit them.
"""
import filecmp
import glob
import json
import logging
import os
import subprocess

import pytest

import wiremark
import wiremark.dask as wd

db = pytest.importorskip("dask.bag", reason="python3-dask is not installed")
distributed = pytest.importorskip("distributed", reason="python3-distributed is not installed")

ROOT = os.environ.get("WM_SOURCE_ROOT",
                      os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
SHARED = os.environ.get("WM_SHARED_DIR", os.path.join(ROOT, "..", "shared"))
WIREMARK = os.environ.get("WM_WIREMARK", os.path.join(ROOT, "build", "wiremark"))
CORPORA = ["reuters-dev", "bbc-dev"]
DATE = "1987-12-31"
PARTITIONS = 8


def corpus_files(name):
    folder = os.path.join(SHARED, "corpora", name)
    if not os.path.isdir(folder):
        pytest.skip(f"{folder} is not there (../shared/corpora; set WM_SHARED_DIR)")
    files = sorted(glob.glob(os.path.join(folder, "*.txt")))
    if not files:
        pytest.skip(f"no *.txt in {folder}")
    return files


@pytest.fixture(scope="module")
def client():
    cluster = distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                       dashboard_address=None, silence_logs=logging.ERROR)
    with cluster, distributed.Client(cluster) as c:
        c.wait_for_workers(2)
        yield c


def workers_used(client, compute):
    """compute()'s result, and the workers that ran its tasks."""
    with distributed.get_task_stream(client) as ts:
        result = compute()
    return result, {t["worker"] for t in ts.data}


def records_of(files):
    out = []
    for path in files:
        with open(path, "rb") as f:
            out.append({"id": os.path.basename(path), "text": f.read().decode("utf-8")})
    return out


@pytest.mark.parametrize("corpus", CORPORA)
def test_records_as_json_lines(client, corpus, tmp_path):
    records = records_of(corpus_files(corpus))
    settings = {"to": "tei", "date": DATE, "meta": {"publisher": "Example Archive"}}
    bag = db.from_sequence(records, npartitions=PARTITIONS)
    results = wd.convert(bag, **settings)
    files, workers = workers_used(client, lambda: wd.to_jsonl(results,
                                                              str(tmp_path / "part-*.jsonl")))
    assert len(workers) == 2, workers
    assert [os.path.basename(f) for f in files] == \
        [f"part-{i:05d}.jsonl" for i in range(PARTITIONS)]
    got = b"".join(open(f, "rb").read() for f in files)

    # the same conversion in this process, one Converter for all
    single = wd.convert_partition(records, dict(settings, standalone=False, template=None,
                                                columns=0))
    want = "".join(wd.jsonl_line(r) + "\n" for r in single).encode("utf-8")
    assert got == want

    lines = [json.loads(line) for line in got.decode().splitlines()]
    assert len(lines) == len(records)
    assert [r["id"] for r in lines] == [r["id"] for r in records]
    assert all("output" in r for r in lines), [r for r in lines if "output" not in r][:3]

    # the command line's --jsonl on the same records: the same outputs
    stdin = "".join(json.dumps({"id": r["id"], "text": r["text"]}) + "\n" for r in records)
    p = subprocess.run([WIREMARK, "--jsonl", "-q", "-t", "tei", "--date", DATE,
                        "-M", "publisher=Example Archive"], input=stdin.encode(),
                       capture_output=True, timeout=600)
    assert p.returncode == 0, p.stderr.decode()[-2000:]
    cli = [json.loads(line) for line in p.stdout.decode().splitlines()]
    assert [(r["id"], r["output"]) for r in cli] == [(r["id"], r["output"]) for r in lines]
    assert any(f"<idno>{records[0]['id']}</idno>" in r["output"] for r in lines[:1])


@pytest.mark.parametrize("corpus", CORPORA)
def test_paths_as_files(client, corpus, tmp_path):
    files = corpus_files(corpus)
    out = tmp_path / "dask"
    out.mkdir()
    results = wd.convert(db.from_sequence(files, npartitions=PARTITIONS), to="markdown",
                         standalone=True, date=DATE)
    written, workers = workers_used(client, lambda: wd.to_files(results, out))
    assert len(workers) == 2, workers
    assert [w["id"] for w in written] == files
    assert all("path" in w for w in written), [w for w in written if "path" not in w][:3]

    # the command line, one file per input (-O), on the same paths
    cli = tmp_path / "cli"
    cli.mkdir()
    p = subprocess.run([WIREMARK, "-O", str(cli), "-j", "2", "-q", "-t", "markdown", "-s",
                        "--date", DATE, *files], capture_output=True, timeout=600)
    assert p.returncode == 0, p.stderr.decode()[-2000:]
    names = sorted(os.listdir(cli))
    assert sorted(os.listdir(out)) == names and len(names) == len(files)
    match, mismatch, errors = filecmp.cmpfiles(cli, out, names, shallow=False)
    assert (mismatch, errors) == ([], []) and len(match) == len(files)

    # and the same results in this process
    single = wd.convert_partition(files, {"to": "markdown", "standalone": True, "date": DATE})
    assert results.compute() == single


def test_errors_and_warnings_in_records(client, tmp_path):
    records = [{"id": "good", "text": "HEADLINE\n\nLONDON, FEb 3 - Text.\n"},
               {"id": "empty", "text": ""},
               {"id": 7, "text": b"BYTES\n\nPARIS - caf\xe9.\n"},
               {"id": "no-text"},
               str(tmp_path / "missing.txt")]
    got = wd.convert(db.from_sequence(records, npartitions=2), to="json").compute()
    assert [r["id"] for r in got] == ["good", "empty", 7, "no-text", records[4]]
    good, empty, seven, no_text, missing = got
    assert json.loads(good["output"])["meta"]["id"] == "good"
    assert good["warnings"] == ['good:3:9: month "FEb" in odd case, read as February']
    assert empty["error"] == "empty:1:1: no article: the input is empty or blank"
    assert json.loads(seven["output"])["meta"]["id"] == "7"
    assert "café" in seven["output"] and "Windows-1252" in seven["warnings"][0]
    assert "field \"text\"" in no_text["error"]
    assert missing["error"].endswith("cannot read: No such file or directory")
    written = wd.to_files(db.from_sequence(got, npartitions=2), tmp_path)
    assert [("path" in w, "error" in w) for w in written] == \
        [(True, False), (False, True), (True, False), (False, True), (False, True)]
    assert (tmp_path / "good.json").read_text() == good["output"]
    # a second run does not overwrite, unless asked to
    again = wd.to_files(db.from_sequence(got[:1]), tmp_path)
    assert "exists" in again[0]["error"]
    assert "path" in wd.to_files(db.from_sequence(got[:1]), tmp_path, overwrite=True)[0]


def test_bad_settings_raise_on_the_client():
    with pytest.raises(wiremark.WiremarkUsageError):
        wd.convert(db.from_sequence([]), to="pdf")
    with pytest.raises(wiremark.WiremarkError):
        wd.convert(db.from_sequence([]), template="{{#open}}")


def test_what_the_library_cannot_take_is_refused():
    # ids that --jsonl cannot read either (a NUL, past 64 bits, a lone
    # surrogate) make error records, as it does; settings raise on the client
    text = "HEADLINE\n\nLONDON - text.\n"
    ids = ["a\0b", 2 ** 63, 2 ** 63 - 1, -2 ** 63, -2 ** 63 - 1, "a\udcffb", "ok", True]
    records = [{"id": i, "text": text} for i in ids]
    got = wd.convert_partition(records, {"to": "html"})
    stdin = "".join(json.dumps(r) + "\n" for r in records)
    p = subprocess.run([WIREMARK, "--jsonl", "-q", "-t", "html"], input=stdin.encode(),
                       capture_output=True, timeout=120)
    assert p.returncode == 1, p.stderr.decode()
    cli = [json.loads(line) for line in p.stdout.decode().splitlines()]
    assert [(r["id"], "error" in r) for r in got] == [(r["id"], "error" in r) for r in cli]
    assert [r["id"] for r in got] == [None, None, 2 ** 63 - 1, -2 ** 63, None, None, "ok", True]
    assert [r.get("output") for r in got] == [r.get("output") for r in cli]
    errors = [r["error"] for r in got if "error" in r]
    assert errors == ['"a\\u0000b": field "id": a NUL character is not allowed',
                      '9223372036854775808: field "id": an integer from -9223372036854775808 '
                      'to 9223372036854775807 (64 bits)',
                      '-9223372036854775809: field "id": an integer from -9223372036854775808 '
                      'to 9223372036854775807 (64 bits)',
                      '"a\\udcffb": field "id": not Unicode text (a lone surrogate)']
    assert all(json.loads(wd.jsonl_line(r)) == r for r in got)  # each can be written
    for settings, error in [({"to": "html\0json"}, ValueError),
                            ({"date": "1987-03-01\0"}, ValueError),
                            ({"meta": {"publisher": "a\0b"}}, ValueError),
                            ({"template": "{{#articles}}\0{{/articles}}"}, ValueError),
                            ({"to": "markdown", "columns": 2 ** 32}, OverflowError)]:
        with pytest.raises(error):
            wd.convert(db.from_sequence([]), **settings)
        with pytest.raises(error):
            wd.convert_partition([{"id": "x", "text": text}], settings)

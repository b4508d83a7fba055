"""wiremark on Dask: convert a bag of records or of file paths, partition by
partition, on one machine or a cluster (``python3-dask``,
``python3-distributed``).

    >>> import dask.bag as db
    >>> from distributed import Client
    >>> import wiremark.dask as wd
    >>> client = Client("tcp://scheduler:8786")          # or LocalCluster()
    >>> paths = db.from_sequence(sorted(glob.glob("/data/wire/*.txt")), npartitions=64)
    >>> results = wd.convert(paths, to="html", date="1987-03-01")
    >>> wd.to_jsonl(results, "/data/out/part-*.jsonl")   # JSON Lines, one file a partition
    >>> wd.to_files(results, "/data/site")               # or one file per input

The elements of the bag are records ``{"id": ..., "text": ...}`` (the text
a str, or bytes as read from a file) or paths (str or ``os.PathLike``),
read on the worker: on a cluster, a path must name the same file on every
worker (a shared file system).  Each partition converts with one
:class:`wiremark.Converter` (one library context), made on the worker.

Each element gives one result record, in order:

- ``{"id": ..., "format": "html", "output": "..."}``: the output, exactly
  what ``wiremark --jsonl -t html`` gives for that record (a record holding
  a feed gives a feed): a string id names the record in messages and is
  its articles' ``meta.source``, a string or integer id their ``meta.id``
  (TEI's ``idno``); a path's id is the path, which names the input in
  messages and metadata, as ``wiremark -t html PATH`` does;
- ``{"id": ..., "format": "html", "error": "FILE:LINE:COL: message"}`` in
  the place of one that could not be converted (empty, unreadable, ...),
  as ``wiremark --jsonl`` does; the others go on;
- either may have ``"warnings"``: the list of the library's warnings for
  that element (``FILE:LINE:COL: message``), where there were any.
"""
from __future__ import annotations

import json
import os
import tempfile
from typing import Any, Callable, Dict, Iterable, List, Mapping, Optional, Union

import wiremark

__all__ = ["convert", "convert_partition", "to_jsonl", "to_files", "jsonl_line",
           "EXTENSIONS"]

#: The extension of each output format, as ``wiremark -O`` names files.
EXTENSIONS = {"html": ".html", "markdown": ".md", "tei": ".xml", "json": ".json",
              "nitf": ".nitf", "newsml": ".xml"}


def _settings(to: str, standalone: bool, date: Optional[str],
              meta: Optional[Mapping[str, Any]], template: Any, columns: int) -> Dict[str, Any]:
    return {"to": to, "standalone": standalone, "date": date,
            "meta": dict(meta) if meta else None, "template": template, "columns": columns}


def convert_partition(elements: Iterable[Any], settings: Mapping[str, Any]) -> List[Dict[str, Any]]:
    """Converts one partition's elements (records or paths) with one
    Converter (two where records with and without ids are mixed): the
    function that :func:`convert` maps over the partitions, usable on its
    own (the same result records, in one process)."""
    to = settings.get("to", "html")
    seen: List[str] = []
    out: List[Dict[str, Any]] = []
    converters: Dict[str, wiremark.Converter] = {}

    def converter(kind: str) -> wiremark.Converter:
        if kind not in converters:
            converters[kind] = wiremark.Converter(
                to, standalone=settings.get("standalone", False), date=settings.get("date"),
                meta=settings.get("meta"), template=settings.get("template"),
                columns=settings.get("columns", 0), on_warning=lambda w: seen.append(str(w)))
        return converters[kind]

    try:
        for element in elements:
            seen.clear()
            out.append(_convert_one(converter, to, element, seen))
    finally:
        for c in converters.values():
            c.close()
    return out


def _convert_one(converter: Callable[[str], wiremark.Converter], to: str, element: Any,
                 seen: List[str]) -> Dict[str, Any]:
    """One element's result record.  As ``wiremark --jsonl`` does, a record's
    string id (up to 200 characters) names it in messages and is its
    articles' meta.source, and a string or integer id is their meta.id."""
    if isinstance(element, Mapping):
        rid = element.get("id")
        text = element.get("text")
        if not isinstance(text, (str, bytes)):
            return _error(rid, to, f"{rid}: field \"text\": expected a string", seen)
        source = rid if isinstance(rid, str) and 0 < len(rid) < 200 and "\0" not in rid \
            else None
        meta_id = str(rid) if (isinstance(rid, str) and "\0" not in rid) or \
            (isinstance(rid, int) and not isinstance(rid, bool)) else ""
        c = converter("with-id") if meta_id and converter("with-id")._set_meta("id", meta_id) \
            else converter("plain")
    elif isinstance(element, (str, os.PathLike)):
        rid = os.fspath(element)
        source = rid
        c = converter("plain")
        try:
            with open(rid, "rb") as f:
                text = f.read()
        except OSError as e:
            return _error(rid, to, f"{rid}: cannot read: {e.strerror}", seen)
    else:
        return _error(None, to, "an element is a record {\"id\", \"text\"} or a path, not "
                      f"{type(element).__name__}", seen)
    try:
        output = c.convert(text, source=source)
    except wiremark.WiremarkError as e:
        return _error(rid, to, str(e), seen)
    record: Dict[str, Any] = {"id": rid, "format": to, "output": output}
    if seen:
        record["warnings"] = list(seen)
    return record


def _error(rid: Any, to: str, message: str, seen: List[str]) -> Dict[str, Any]:
    record: Dict[str, Any] = {"id": rid, "format": to, "error": message}
    if seen:
        record["warnings"] = list(seen)
    return record


def convert(bag: Any, to: str = "html", standalone: bool = False, date: Optional[str] = None,
            meta: Optional[Mapping[str, Any]] = None, template: Optional[str] = None, *,
            columns: int = 0) -> Any:
    """A bag of result records (see the module's help) for a bag of records
    or paths, converted partition by partition, one Converter each.  Lazy,
    as Dask bags are: compute it, or write it with :func:`to_jsonl` or
    :func:`to_files`.  The arguments are those of :func:`wiremark.convert`;
    ``template`` is the template's text (a str, shipped to the workers).

    Bad settings raise here, on the client, before any work is sent."""
    if template is not None and not isinstance(template, str):
        raise TypeError("template must be the template's text (a str) here; read the file "
                        "first")
    settings = _settings(to, standalone, date, meta, template, columns)
    wiremark.Converter(**settings).close()  # bad settings raise here, not on a worker
    return bag.map_partitions(convert_partition, settings)


def jsonl_line(record: Mapping[str, Any]) -> str:
    """A result record as one line of JSON (no newline): UTF-8 text as is,
    no spaces, keys in the record's order."""
    return json.dumps(record, ensure_ascii=False, separators=(",", ":"))


def to_jsonl(results: Any, path: str, *, compute: bool = True) -> Any:
    """Writes result records as JSON Lines, one file per partition: ``path``
    has a ``*``, replaced by the partition's number on five digits
    (``out/part-*.jsonl``: ``part-00000.jsonl``, ...), so that the files
    sorted by name hold the records in the bag's order.  Returns the file
    names (with ``compute=False``, the delayed values)."""
    if "*" not in os.path.basename(path):
        raise ValueError(f"{path}: a name with a '*' (one file per partition)")
    return results.map(jsonl_line).to_textfiles(
        path, name_function=lambda i: f"{i:05d}", encoding="utf-8", compute=compute,
        last_endline=True)


def _name_of(rid: Any) -> Optional[str]:
    """The output's base name: the id's last part without its extension
    (``feed/story.txt`` gives ``story``, as ``wiremark -O`` names outputs;
    ``reuters-0042`` stays ``reuters-0042``)."""
    if rid is None:
        return None
    name = os.path.splitext(os.path.basename(str(rid).replace("\0", "_")))[0]
    if name in ("", ".", "..") or name.startswith("."):
        return None
    return name


def _write_partition(records: Iterable[Mapping[str, Any]], folder: str, ext: Optional[str],
                     overwrite: bool) -> List[Dict[str, Any]]:
    done: List[Dict[str, Any]] = []
    for r in records:
        rid = r.get("id")
        if "error" in r:
            done.append({"id": rid, "error": r["error"]})
            continue
        name = _name_of(rid)
        if name is None:
            done.append({"id": rid, "error": f"id {rid!r} cannot name a file"})
            continue
        path = os.path.join(folder, name + (ext or EXTENSIONS.get(r.get("format"), ".txt")))
        fd, tmp = tempfile.mkstemp(prefix=".wiremark-", dir=folder)
        try:
            with os.fdopen(fd, "wb") as f:
                f.write(r["output"].encode("utf-8"))
            if overwrite:
                os.replace(tmp, path)
            else:
                os.link(tmp, path)  # fails when the name is taken
            done.append({"id": rid, "path": path})
        except FileExistsError:
            done.append({"id": rid, "error": f"{path}: exists (another id gives the same "
                                             "name, or an earlier run: overwrite=True)"})
        except OSError as e:
            done.append({"id": rid, "error": f"{path}: cannot write: {e.strerror}"})
        finally:
            if os.path.exists(tmp):
                os.unlink(tmp)
    return done


def to_files(results: Any, folder: Union[str, "os.PathLike[str]"], *,
             ext: Optional[str] = None, overwrite: bool = False, compute: bool = True) -> Any:
    """Writes each result's output to a file of its own in ``folder`` (which
    must exist, and be shared by the workers on a cluster), named by the
    id's last part without its extension, plus the format's (``ext``, else
    ``.html``, ``.md``, ``.xml``, ``.json``): ``feed/story.txt`` gives
    ``story.html``, as ``wiremark -O`` does; a record's id ``reuters-0042``
    gives ``reuters-0042.html``.  Each file appears whole or not at all.  A name already taken
    is an error for that result, unless ``overwrite``.

    Returns one record per result, in order: ``{"id", "path"}``, or
    ``{"id", "error"}`` for one that failed or had no output (with
    ``compute=False``, the bag of them)."""
    folder = os.fspath(folder)
    if not os.path.isdir(folder):
        raise FileNotFoundError(f"{folder}: no such folder")
    written = results.map_partitions(_write_partition, folder, ext, overwrite)
    return written.compute() if compute else written

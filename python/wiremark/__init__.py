"""wiremark: wire-style news text to HTML, Markdown, TEI-XML and JSON.

A binding of libwiremark (the C library of the ``wiremark`` command) through
ctypes: nothing to compile.  The library is the installed
``libwiremark.so.0``, or the file that the ``WIREMARK_LIBRARY`` environment
variable names.

Converting::

    >>> import wiremark
    >>> html = wiremark.convert(open("story.txt", "rb").read())
    >>> page = wiremark.convert(text, to="html", standalone=True,
    ...                         meta={"url": "https://news.example.com/x"})
    >>> tei = wiremark.convert(text, to="tei", date="1987-03-01",
    ...                        meta={"publisher": "Example Archive"})

The articles as data (the JSON form of ``wiremark -t json``), and back::

    >>> articles = wiremark.read(text, date="1987-03-01")
    >>> articles[0]["dateline"]["place"]
    'PORTLAND'
    >>> del articles[0]["trailer"]
    >>> wiremark.write(articles, to="markdown")

A feed of any size, in constant memory (output as each article is read)::

    >>> with open("feed.txt", "rb") as f, open("feed.jsonl", "w") as out:
    ...     for part in wiremark.convert_stream(f, to="json"):
    ...         out.write(part)

Why a line was read as it was: ``print(wiremark.explain(text))``.

Messages: what the command line prints as warnings comes as Python
warnings of class :class:`WiremarkWarning` (with ``file``, ``line``,
``column`` and ``code``; silence them with the :mod:`warnings` module); what
it prints as errors raises :class:`WiremarkError`, with the same fields.

Several calls with the same settings: a :class:`Converter` holds them (one
library context) and may be used from several threads at once.  Data
pipelines on a cluster: :mod:`wiremark.dask`.  The command line:
``python3 -m wiremark --help``.
"""
from __future__ import annotations

import codecs
import contextlib
import enum
import io
import json
import os
import queue
import sys
import threading
import warnings
import ctypes
from typing import (Any, Callable, Dict, Iterable, Iterator, List, Mapping, Optional,
                    Sequence, Union)

from . import _native
from ._native import LibraryNotFoundError
# the library's statuses (WiremarkError.status)
from ._native import (OK, ERR_USAGE, ERR_INPUT, ERR_TEMPLATE, ERR_UNSUPPORTED,
                      ERR_OUTPUT)

__version__ = "0.1.0"

__all__ = [
    "convert", "read", "write", "explain", "convert_stream",
    "Converter", "WiremarkWarning", "WiremarkError", "WiremarkUsageError",
    "LibraryNotFoundError", "DiagCode", "FORMATS", "library_version",
    "builtin_template", "Diagnostic",
    "OK", "ERR_USAGE", "ERR_INPUT", "ERR_TEMPLATE", "ERR_UNSUPPORTED", "ERR_OUTPUT",
]

Text = Union[str, bytes, bytearray, memoryview]
Template = Union[str, "os.PathLike[str]", None]

#: The formats wiremark reads and writes, with what it does with each.
FORMATS: Dict[str, str] = {
    "wire": "read: agency plain text",
    "markdown": "read and write: CommonMark (with YAML front matter when standalone)",
    "html": "read and write: HTML5 (a fragment, or a page when standalone)",
    "tei": "read and write: TEI P5 XML (always a whole document)",
    "json": "read and write: the JSON form, one object per article per line",
    "nitf": "read and write: IPTC NITF (reads 2.5 to 3.6, with or without its "
            "namespace; writes 3.6, a NewsML-G2 newsMessage of NITF items for a feed)",
    "newsml": "read and write: IPTC NewsML-G2 (reads newsItem, newsMessage: one "
              "article per text item, and NewsML 1.x around NITF; writes a 2.35 "
              "newsItem, a newsMessage for a feed)",
}


class DiagCode(enum.IntEnum):
    """The library's stable diagnostic codes (``wm_diag_code``)."""
    INVALID_UTF8 = 1      #: input read as Windows-1252
    CONTROL_CHAR = 2      #: a C0 control character in the text
    NUL_BYTE = 3          #: a NUL byte, dropped
    NO_HEADLINE = 4       #: empty input, nothing to convert
    TEMPLATE = 5          #: template syntax or render error
    BAD_OPTION = 6        #: bad value given to the settings
    DATE = 7              #: a dateline's date read despite a typo, or impossible
    MALFORMED = 8         #: input that does not parse (JSON, TEI, ...)
    INVALID_OUTPUT = 9    #: validation: the output is not valid
    NOT_READ = 10         #: markup a reader has no place for
    LIMIT = 11            #: a limit reached
    LIBRARY = 12          #: a library the conversion needs cannot be loaded
    UNKNOWN = 0           #: a code newer than this binding


def _code(value: int) -> DiagCode:
    try:
        return DiagCode(value)
    except ValueError:
        return DiagCode.UNKNOWN


def _where(file: Optional[str], line: int, column: int) -> str:
    file = file or "wiremark"
    if line and column:
        return f"{file}:{line}:{column}"
    if line:
        return f"{file}:{line}"
    return file


class WiremarkWarning(UserWarning):
    """A warning of the library: the input was converted, with something to
    know (a date read despite a typo, a control character left out, ...).

    ``str(w)`` is ``FILE:LINE:COL: message``, as the command line prints it.
    """

    def __init__(self, message: str, file: Optional[str] = None, line: int = 0,
                 column: int = 0, code: int = 0) -> None:
        super().__init__(message)
        self.message = message
        #: the source name given to the call ("-" when none)
        self.file = file
        #: 1-based line, 0 when the message is not tied to a place
        self.line = line
        #: 1-based column, 0 when unknown
        self.column = column
        #: a :class:`DiagCode`
        self.code = _code(code)

    def __str__(self) -> str:
        return f"{_where(self.file, self.line, self.column)}: {self.message}"


class WiremarkError(Exception):
    """Input that could not be converted, a template that does not parse, a
    limit reached, ...: what the command line reports as an error.

    ``file``, ``line``, ``column`` and ``code`` are those of the first error;
    ``errors`` lists them all (as :class:`WiremarkWarning`-like records with
    the same fields); ``partial`` is the output of what could be converted
    (the other articles of a JSON feed, ...), or None.
    """

    def __init__(self, message: str, file: Optional[str] = None, line: int = 0,
                 column: int = 0, code: int = 0, status: int = _native.ERR_INPUT,
                 errors: Sequence["Diagnostic"] = (), partial: Optional[str] = None) -> None:
        super().__init__(message)
        self.message = message
        self.file = file
        self.line = line
        self.column = column
        self.code = _code(code)
        #: the library's status: a negative ``wm_status`` (ERR_INPUT, ...), or
        #: 0 when the call gave output for the rest of the input
        self.status = status
        self.errors = list(errors)
        self.partial = partial

    def __str__(self) -> str:
        more = f" (and {len(self.errors) - 1} more errors)" if len(self.errors) > 1 else ""
        return f"{_where(self.file, self.line, self.column)}: {self.message}{more}"


class WiremarkUsageError(WiremarkError, ValueError):
    """A bad argument: an unknown format, a malformed date or metadata key."""


class Diagnostic:
    """One message of the library, as the diagnostic callback gave it."""
    __slots__ = ("error", "code", "file", "line", "column", "message")

    def __init__(self, error: bool, code: int, file: Optional[str], line: int,
                 column: int, message: str) -> None:
        self.error = error
        self.code = _code(code)
        self.file = file
        self.line = line
        self.column = column
        self.message = message

    def __str__(self) -> str:
        kind = "error" if self.error else "warning"
        return f"{_where(self.file, self.line, self.column)}: {kind}: {self.message}"

    def __repr__(self) -> str:
        return f"<Diagnostic {self}>"

    def warning(self) -> WiremarkWarning:
        return WiremarkWarning(self.message, self.file, self.line, self.column, self.code)


def library_version() -> str:
    """The version of the libwiremark in use ("0.1.0")."""
    return _native.lib().wm_version().decode()


def _format(name: str, *, write: bool) -> int:
    lib = _native.lib()
    if not isinstance(name, str):
        raise WiremarkUsageError(f"a format is a name such as \"html\", not {name!r}",
                                 code=DiagCode.BAD_OPTION, status=_native.ERR_USAGE)
    f = lib.wm_format_from_name(name.encode())
    ok = f >= 0 and (lib.wm_format_can_write(f) if write else lib.wm_format_can_read(f))
    if not ok:
        names = [n for n, what in FORMATS.items() if ("write" if write else "read") in what]
        raise WiremarkUsageError(
            f"unknown {'output' if write else 'input'} format \"{name}\" "
            f"(one of {', '.join(names)})", code=DiagCode.BAD_OPTION, status=_native.ERR_USAGE)
    return f


def builtin_template(to: str, standalone: bool = False) -> str:
    """The built-in Mustache template of a writer (what ``wiremark
    --print-template FORMAT`` prints): a starting point for your own."""
    src = _native.lib().wm_builtin_template(_format(to, write=True), int(bool(standalone)))
    return src.decode() if src else ""


def _bytes(text: Text, what: str = "text") -> bytes:
    if isinstance(text, str):
        return text.encode("utf-8", "surrogateescape")
    if isinstance(text, (bytes, bytearray, memoryview)):
        return bytes(text)
    raise TypeError(f"{what} must be str or bytes, not {type(text).__name__}")


def _source(source: Optional[Union[str, "os.PathLike[str]"]]) -> Optional[bytes]:
    if source is None:
        return None
    return os.fsencode(source)


def _stacklevel() -> int:
    """The stack level of the first frame outside this package, so that a
    warning points at the caller's line."""
    level = 1
    frame = sys._getframe(1)
    while frame is not None and frame.f_globals.get("__name__", "").startswith("wiremark"):
        frame = frame.f_back
        level += 1
    return level


class _StreamEnd:
    """What the stream's worker thread puts last in the queue."""
    __slots__ = ("status", "failure")

    def __init__(self, status: int, failure: Optional[BaseException]) -> None:
        self.status = status
        self.failure = failure


class _Outbox:
    """What a stream's worker thread hands to the reader: output gathered up
    to BATCH bytes (one hand-over between threads per batch, not per
    article), and messages, in order with the output."""
    BATCH = 1 << 16
    __slots__ = ("queue", "stop", "parts", "size")

    def __init__(self, q: "queue.Queue[Any]", stop: threading.Event) -> None:
        self.queue = q
        self.stop = stop
        self.parts: List[bytes] = []
        self.size = 0

    def output(self, data: bytes) -> bool:
        self.parts.append(data)
        self.size += len(data)
        return self.flush() if self.size >= self.BATCH else not self.stop.is_set()

    def flush(self) -> bool:
        """Hands over the output gathered; False when the reader has gone."""
        if self.parts:
            data = b"".join(self.parts)
            self.parts.clear()
            self.size = 0
            return _put(self.queue, data, self.stop)
        return not self.stop.is_set()

    def append(self, diag: Diagnostic) -> None:  # the diagnostic callback's
        if self.flush():
            _put(self.queue, diag, self.stop)


def _diag_handler(local: threading.local) -> Callable[[Any, Any], None]:
    """The diagnostic callback: each message goes to the list of the calling
    thread's call (Converter._collect).  It holds the thread-local store,
    not the Converter, so that a Converter is freed as soon as it goes."""
    def on_diag(d: Any, _userdata: Any) -> None:
        diag = d.contents
        record = Diagnostic(diag.severity == _native.SEVERITY_ERROR, diag.code,
                            diag.file.decode("utf-8", "replace") if diag.file else None,
                            diag.line, diag.col,
                            (diag.message or b"").decode("utf-8", "replace"))
        sink = getattr(local, "diags", None)
        if sink is not None:
            sink.append(record)
    return on_diag


def _put(q: "queue.Queue[Any]", item: Any, stop: threading.Event) -> bool:
    """Puts item, waiting for room, unless the reader has gone."""
    while not stop.is_set():
        try:
            q.put(item, timeout=0.05)
            return True
        except queue.Full:
            continue
    return False


class Converter:
    """Settings for converting, kept for many calls (one library context).

    ``to`` is the output format ("html", "markdown", "tei", "json", "nitf",
    "newsml");
    ``standalone`` makes a whole document (an HTML page, Markdown with YAML
    front matter); ``date`` (``"YYYY-MM-DD"``) is the reference date that
    gives dateline dates their year; ``meta`` sets template metadata
    (``lang``, ``publisher``, ``license``, ``url``, ``id``, ...: the
    command line's ``-M KEY=VALUE``); ``template`` replaces the built-in
    template: a ``str`` is the template's text, an ``os.PathLike``
    (``pathlib.Path``) names a file whose folder also holds its partials;
    ``columns`` wraps Markdown paragraphs; ``strict_utf8`` makes input that
    is not UTF-8 an error instead of Windows-1252; ``on_warning``, when
    given, is called with each :class:`WiremarkWarning` instead of the
    :mod:`warnings` module (for logging, or to keep them with the output).

    A Converter may be used by several threads at once: the library reads
    its settings and keeps each call's state in the call.  Bad settings
    raise :class:`WiremarkUsageError` (or :class:`WiremarkError` for a
    template that does not parse).
    """

    def __init__(self, to: str = "html", *, standalone: bool = False,
                 date: Optional[str] = None, meta: Optional[Mapping[str, Any]] = None,
                 template: Template = None, columns: int = 0,
                 strict_utf8: bool = False,
                 on_warning: Optional[Callable[[WiremarkWarning], Any]] = None) -> None:
        lib = _native.lib()
        self._on_warning = on_warning
        self._lib = lib
        self._ctx: Optional[int] = None
        self.to = to
        self._to = _format(to, write=True)
        self.standalone = bool(standalone)
        self._write_flags = _native.WRITE_STANDALONE if standalone else 0
        self._read_flags = _native.READ_STRICT_UTF8 if strict_utf8 else 0
        self._local = threading.local()
        self._diag_fn = _native.DIAG_FN(_diag_handler(self._local))
        ctx = lib.wm_context_new()
        if not ctx:
            raise MemoryError("wm_context_new failed")
        self._ctx = ctx
        lib.wm_context_set_diag(ctx, self._diag_fn, None)
        with self._collect() as diags:
            if date is not None:
                if not isinstance(date, str) or lib.wm_context_set_date(ctx, date.encode()) != 0:
                    raise WiremarkUsageError(
                        f"date must be a real date as YYYY-MM-DD, not {date!r}",
                        code=DiagCode.BAD_OPTION, status=_native.ERR_USAGE)
            if not isinstance(columns, int) or columns < 0 or \
                    lib.wm_context_set_columns(ctx, columns) != 0:
                raise WiremarkUsageError(f"columns must be a number from 0, not {columns!r}",
                                         code=DiagCode.BAD_OPTION, status=_native.ERR_USAGE)
            for key, value in (meta or {}).items():
                if not isinstance(key, str) or "\0" in key or \
                        lib.wm_context_set_meta(ctx, key.encode(), str(value).encode()) != 0:
                    raise WiremarkUsageError(
                        f"meta key {key!r}: letters, digits, '_', '-' or '.' only",
                        code=DiagCode.BAD_OPTION, status=_native.ERR_USAGE)
            if template is not None:
                self._set_template(template, diags)
        self._warn(diags)

    def _set_meta(self, key: str, value: str) -> bool:
        """Sets one metadata value between calls (not while another thread
        converts with this Converter); False when the library refuses it."""
        with self._collect():
            return self._lib.wm_context_set_meta(self._context(), key.encode(),
                                                 value.encode("utf-8", "surrogateescape")) == 0

    # -- the context's life -------------------------------------------------

    def close(self) -> None:
        """Frees the library context (also done when the object goes)."""
        ctx, self._ctx = self._ctx, None
        if ctx:
            self._lib.wm_context_free(ctx)

    def __del__(self) -> None:
        try:
            self.close()
        except Exception:  # interpreter shutdown
            pass

    def __enter__(self) -> "Converter":
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()

    def _context(self) -> int:
        if not self._ctx:
            raise ValueError("this Converter is closed")
        return self._ctx

    # -- messages -----------------------------------------------------------

    @contextlib.contextmanager
    def _collect(self, sink: Any = None) -> Iterator[Any]:
        """Gathers the messages of the calls made inside, in this thread."""
        before = getattr(self._local, "diags", None)
        diags = [] if sink is None else sink
        self._local.diags = diags
        try:
            yield diags
        finally:
            self._local.diags = before

    def _warn(self, diags: Iterable[Diagnostic]) -> None:
        for d in diags:
            if not d.error:
                self._warn_one(d)

    def _warn_one(self, d: Diagnostic) -> None:
        if self._on_warning is not None:
            self._on_warning(d.warning())
        else:
            warnings.warn(d.warning(), stacklevel=_stacklevel())

    def _check(self, diags: List[Diagnostic], status: int,
               partial: Optional[str] = None, what: str = "no article could be read") -> None:
        """Warnings as warnings; errors (or a failed status) raise."""
        self._warn(diags)
        errors = [d for d in diags if d.error]
        if not errors and status == _native.OK:
            return
        first = errors[0] if errors else None
        cls = WiremarkUsageError if status == _native.ERR_USAGE else WiremarkError
        if first is None:
            raise cls(what, status=status, partial=partial)
        raise cls(first.message, first.file, first.line, first.column, first.code,
                  status=status, errors=errors, partial=partial)

    def _set_template(self, template: Template, diags: List[Diagnostic]) -> None:
        if isinstance(template, os.PathLike):
            path = os.fspath(template)
            try:
                with open(path, "rb") as f:
                    src = f.read()
            except OSError as e:
                raise WiremarkUsageError(f"cannot read template: {e.strerror}", path,
                                         code=DiagCode.TEMPLATE,
                                         status=_native.ERR_USAGE) from None
            name = os.fsencode(path)
            folder: Optional[bytes] = os.fsencode(os.path.dirname(path) or ".")
        elif isinstance(template, (str, bytes)):
            src = _bytes(template, "template")
            name, folder = b"<template>", None
        else:
            raise TypeError("template must be str (its text) or a path (os.PathLike), "
                            f"not {type(template).__name__}")
        rc = self._lib.wm_context_set_template(self._context(), self._to, src, len(src),
                                               name, folder)
        if rc != _native.OK:
            self._check(diags, rc, what="the template could not be used")

    # -- calls --------------------------------------------------------------

    def _read(self, data: bytes, fmt: int, source: Optional[bytes]) -> int:
        return self._lib.wm_read(self._context(), fmt, data, len(data), source,
                                 self._read_flags)

    def _write(self, feed: int, to: int, flags: int) -> "tuple[int, bytes]":
        out = ctypes.c_void_p()
        n = ctypes.c_size_t()
        rc = self._lib.wm_write(self._context(), feed, to, flags, ctypes.byref(out),
                                ctypes.byref(n))
        return rc, _native.take_string(out.value, n.value) if rc == _native.OK else b""

    def _read_write(self, data: bytes, fmt: int, source: Optional[bytes], to: int,
                    flags: int) -> str:
        with self._collect() as diags:
            feed = self._read(data, fmt, source)
            rc, out = _native.ERR_INPUT, b""
            if feed:
                try:
                    rc, out = self._write(feed, to, flags)
                finally:
                    self._lib.wm_feed_free(feed)
        text = out.decode("utf-8") if rc == _native.OK else None
        self._check(diags, rc, text)
        return text if text is not None else ""

    def convert(self, text: Text, *, fmt: str = "wire",
                source: Optional[Union[str, "os.PathLike[str]"]] = None) -> str:
        """Converts ``text`` (str, or bytes as read from a file) read as
        ``fmt`` (default: wire text); returns the output.  ``source`` names
        the input in messages and in the output's metadata (the command
        line uses the file's name; default ``"-"``)."""
        return self._read_write(_bytes(text), _format(fmt, write=False), _source(source),
                                self._to, self._write_flags)

    def read(self, text: Text, *, fmt: str = "wire",
             source: Optional[Union[str, "os.PathLike[str]"]] = None) -> List[Dict[str, Any]]:
        """The articles of ``text``, each as its JSON form (a dict with
        ``headline``, ``deck``, ``byline``, ``dateline``, ``body``,
        ``trailer``, ``meta``: see ``wiremark -t json``)."""
        out = self._read_write(_bytes(text), _format(fmt, write=False), _source(source),
                               _format("json", write=True), 0)
        return [json.loads(line) for line in out.splitlines() if line.strip()]

    def write(self, articles: Union[Mapping[str, Any], Iterable[Mapping[str, Any]]]) -> str:
        """Writes articles given as their JSON form (what :meth:`read`
        returns, changed or not) in this converter's format."""
        if isinstance(articles, Mapping):
            articles = [articles]
        lines = []
        for i, a in enumerate(articles):
            if not isinstance(a, Mapping):
                raise TypeError(f"article {i + 1}: a dict in the JSON form, not "
                                f"{type(a).__name__}")
            lines.append(json.dumps(a, ensure_ascii=False))
        data = ("\n".join(lines) + "\n").encode("utf-8", "surrogateescape")
        return self._read_write(data, _format("json", write=False), b"<articles>", self._to,
                                self._write_flags)

    def explain(self, text: Text, *,
                source: Optional[Union[str, "os.PathLike[str]"]] = None) -> str:
        """How the wire reader reads ``text``: every line, then what it was
        read as and the rule that decided it (``wiremark --explain``)."""
        data = _bytes(text)
        out = ctypes.c_void_p()
        n = ctypes.c_size_t()
        with self._collect() as diags:
            rc = self._lib.wm_explain(self._context(), data, len(data), _source(source),
                                      self._read_flags, ctypes.byref(out), ctypes.byref(n))
        result = _native.take_string(out.value, n.value).decode("utf-8") \
            if rc == _native.OK else None
        self._check(diags, rc, result)
        return result or ""

    def convert_stream(self, chunks: Union[Iterable[Text], io.RawIOBase, io.BufferedIOBase,
                                           Any], *, fmt: str = "wire",
                       source: Optional[Union[str, "os.PathLike[str]"]] = None
                       ) -> Iterator[str]:
        """Converts input given in pieces, yielding the output as the
        library gives it: each article's as soon as it has been read (and
        the start of the next one seen).  ``chunks`` is an iterable of str
        or bytes pieces (cut anywhere), or a file opened for reading.  Memory
        holds an article or so, however long the input: the C conversion
        runs in a thread of its own, handing output over in pieces of up to
        64 KiB, and all that is ready whenever it waits for more input (so no
        output waits for input after it), a few pieces ahead of the reader.

        Warnings come as they are met; an error (no article at all, an
        exception from ``chunks``) raises when the output before it has been
        yielded.  Stopping early (``break``) stops the conversion."""
        if hasattr(chunks, "read"):
            chunks = _blocks(chunks)
        return self._stream([(_source(source) or b"-", chunks)], _format(fmt, write=False))

    def convert_files(self, paths: Iterable[Union[str, "os.PathLike[str]"]], *,
                      fmt: str = "wire") -> Iterator[str]:
        """Converts files as one feed (as ``wiremark FILE...`` does: each
        file ends the article before it, and names it in messages and
        metadata), streamed as :meth:`convert_stream` is.  A file that
        cannot be read raises :class:`WiremarkError` (code 0) once the
        output before it has been yielded."""
        return self._stream([(os.fsencode(p), _file_blocks(p)) for p in paths],
                            _format(fmt, write=False))

    def _stream(self, sources: "List[tuple[bytes, Iterable[Text]]]",
                from_fmt: int) -> Iterator[str]:
        """The stream over (source name, pieces) pairs; see convert_stream."""
        lib, ctx = self._lib, self._context()
        failure: List[BaseException] = []
        state: Dict[str, Any] = {"i": 0, "it": None, "pending": memoryview(b"")}

        def pull(buf: Any, cap: int, source_out: Any, _userdata: Any) -> int:
            # what is ready goes to the reader before more input is waited for
            if not outbox.flush():
                return -1  # the reader has gone: stop
            try:
                while state["i"] < len(sources):
                    name, pieces = sources[state["i"]]
                    if state["it"] is None:
                        state["it"] = iter(pieces)
                    pending = state["pending"]
                    while not pending:
                        try:
                            pending = memoryview(_bytes(next(state["it"]), "a chunk"))
                        except StopIteration:
                            break
                    if pending:
                        n = min(cap, len(pending))
                        ctypes.memmove(buf, bytes(pending[:n]), n)
                        state["pending"] = pending[n:]
                        source_out[0] = name
                        return n
                    state["it"] = None  # this source ends
                    state["i"] += 1
                    source_out[0] = name
                    return 0
                return 0  # all input has ended: source left NULL
            except BaseException as e:  # given back to the reader
                failure.append(e)
                return -1

        q: "queue.Queue[Any]" = queue.Queue(maxsize=8)
        stop = threading.Event()
        outbox = _Outbox(q, stop)

        def sink(data: Any, n: int, _userdata: Any) -> int:
            return 0 if outbox.output(ctypes.string_at(data, n)) else 1

        pull_fn = _native.PULL_FN(pull)
        sink_fn = _native.SINK_FN(sink)

        def work() -> None:
            rc = _native.ERR_INPUT
            try:
                with self._collect(outbox):
                    rc = lib.wm_convert_stream(ctx, from_fmt, self._read_flags, pull_fn, None,
                                               self._to, self._write_flags, sink_fn, None)
                outbox.flush()
            except BaseException as e:
                failure.append(e)
            _put(q, _StreamEnd(rc, failure[0] if failure else None), stop)

        worker = threading.Thread(target=work, name="wiremark-stream", daemon=True)
        decoder = codecs.getincrementaldecoder("utf-8")()
        errors: List[Diagnostic] = []
        worker.start()
        try:
            while True:
                item = q.get()
                if isinstance(item, bytes):
                    text = decoder.decode(item)
                    if text:
                        yield text
                elif isinstance(item, Diagnostic):
                    if item.error:
                        errors.append(item)
                    else:
                        self._warn_one(item)
                else:
                    end: _StreamEnd = item
                    break
            rest = decoder.decode(b"", final=True)
            if rest:
                yield rest
            if end.failure is not None:
                raise end.failure
            self._check(errors, end.status, None)
        finally:
            stop.set()  # the worker's next put gives up; its sink says stop
            worker.join()


def _blocks(f: Any, size: int = 1 << 16) -> Iterator[Text]:
    while True:
        block = f.read(size)
        if not block:
            return
        yield block


def _file_blocks(path: Union[str, "os.PathLike[str]"]) -> Iterator[bytes]:
    try:
        f = open(path, "rb")
    except OSError as e:
        raise WiremarkError(f"cannot read: {e.strerror}", os.fsdecode(path)) from None
    with f:
        yield from _blocks(f)


# -- the functions: one Converter per call ------------------------------------

def convert(text: Text, to: str = "html", standalone: bool = False,
            date: Optional[str] = None, meta: Optional[Mapping[str, Any]] = None,
            template: Template = None, *, fmt: str = "wire",
            source: Optional[Union[str, "os.PathLike[str]"]] = None,
            columns: int = 0) -> str:
    """Converts wire text (str, or bytes as read from a file: bytes that are
    not UTF-8 are read as Windows-1252, with a warning) to ``to``: "html"
    (a fragment; with ``standalone``, a page), "markdown" (with
    ``standalone``, YAML front matter), "tei", "json", "nitf" or "newsml".

    ``date`` ("YYYY-MM-DD") gives dateline dates their year; ``meta`` sets
    template metadata (the command line's ``-M``: ``lang``, ``publisher``,
    ``url``, ...); ``template`` replaces the built-in template (its text as
    a str, or a ``pathlib.Path``); ``fmt`` reads another format than wire
    text; ``source`` names the input in messages and metadata.

    Raises :class:`WiremarkError` when nothing could be converted (empty
    input, ...); warnings come as :class:`WiremarkWarning`.  The result is
    what ``wiremark -t TO`` writes for the same bytes.
    """
    with Converter(to, standalone=standalone, date=date, meta=meta, template=template,
                   columns=columns) as c:
        return c.convert(text, fmt=fmt, source=source)


def read(text: Text, fmt: str = "wire", *, date: Optional[str] = None,
         source: Optional[Union[str, "os.PathLike[str]"]] = None,
         meta: Optional[Mapping[str, Any]] = None) -> List[Dict[str, Any]]:
    """The articles of ``text`` (read as ``fmt``: "wire", "json", "tei",
    "html", "markdown", "nitf" or "newsml"), each as its JSON form: a dict with ``headline``,
    ``deck``, ``byline``, ``dateline`` (``text``, ``place``, ``region``,
    ``date``, ``iso_date``, ``agency``, ``dash``, or None), ``body`` (a list
    of ``{"type": "paragraph" | "preformatted", "text": ...}``),
    ``trailer`` and ``meta`` (``source``, ``line`` and the ``meta`` given).
    """
    with Converter("json", date=date, meta=meta) as c:
        return c.read(text, fmt=fmt, source=source)


def write(articles: Union[Mapping[str, Any], Iterable[Mapping[str, Any]]], to: str = "html",
          standalone: bool = False, date: Optional[str] = None,
          meta: Optional[Mapping[str, Any]] = None, template: Template = None, *,
          columns: int = 0) -> str:
    """Writes articles given in their JSON form (from :func:`read`, changed
    or made by hand) as ``to``; the other arguments as for :func:`convert`.
    An article that does not fit the form raises :class:`WiremarkError`
    naming the field."""
    with Converter(to, standalone=standalone, date=date, meta=meta, template=template,
                   columns=columns) as c:
        return c.write(articles)


def explain(text: Text, *, date: Optional[str] = None,
            source: Optional[Union[str, "os.PathLike[str]"]] = None) -> str:
    """How the wire reader reads ``text``, line by line, with the rule that
    decided each reading (``wiremark --explain``).  Meant for people: the
    wording may change between versions."""
    with Converter("json", date=date) as c:
        return c.explain(text, source=source)


def convert_stream(chunks: Union[Iterable[Text], Any], to: str = "html",
                   standalone: bool = False, date: Optional[str] = None,
                   meta: Optional[Mapping[str, Any]] = None, template: Template = None, *,
                   fmt: str = "wire", source: Optional[Union[str, "os.PathLike[str]"]] = None,
                   columns: int = 0) -> Iterator[str]:
    """Converts input given in pieces (an iterable of str or bytes, or a file
    opened for reading), yielding the output as the library gives it, each
    article's as soon as it has been read: a 1 GB feed converts in constant
    memory.  Arguments as for :func:`convert`; joined, the pieces yielded
    are what :func:`convert` returns for the whole input."""
    c = Converter(to, standalone=standalone, date=date, meta=meta, template=template,
                  columns=columns)
    try:
        yield from c.convert_stream(chunks, fmt=fmt, source=source)
    finally:
        c.close()

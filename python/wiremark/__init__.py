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
library context), may be used from several threads at once, and may be
closed while they convert (see there).  A string that holds a NUL
character, which the library would cut short, raises
:class:`WiremarkUsageError`; a number too large for it, ``OverflowError``.  Data
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


def _usage_error(message: str, code: int = DiagCode.BAD_OPTION) -> WiremarkUsageError:
    return WiremarkUsageError(message, code=code, status=_native.ERR_USAGE)


def _c_string(data: bytes, what: str) -> bytes:
    """data, to be passed to the library as a C string, which would end at
    a NUL: one is refused rather than cut short."""
    if b"\0" in data:
        raise _usage_error(f"{what} {data!r}: a NUL character would cut it short in the "
                           "library")
    return data


def _format(name: str, *, write: bool) -> int:
    lib = _native.lib()
    if not isinstance(name, str):
        raise _usage_error(f"a format is a name such as \"html\", not {name!r}")
    f = lib.wm_format_from_name(name.encode()) if "\0" not in name else -1
    ok = f >= 0 and (lib.wm_format_can_write(f) if write else lib.wm_format_can_read(f))
    if not ok:
        names = [n for n, what in FORMATS.items() if ("write" if write else "read") in what]
        shown = f"\"{name}\"" if name.isprintable() else repr(name)
        raise _usage_error(f"unknown {'output' if write else 'input'} format {shown} "
                           f"(one of {', '.join(names)})")
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


def _source(source: Optional[Union[str, bytes, "os.PathLike[str]"]]) -> Optional[bytes]:
    """A source's name (a file name: bytes that are not UTF-8 kept as they
    are) for the library; None is "-"."""
    if source is None:
        return None
    return _c_string(os.fsencode(source), "source")


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


class _Pull:
    """A stream's pull function (wm_pull_fn) over (source name, pieces)
    pairs: each call hands what output is ready to the reader, then copies
    up to cap bytes of the current source into the library's buffer; 0 ends
    a source (and, with no name, the input); -1 stops the conversion when
    the reader has gone or the pieces raised (kept in ``failure``)."""

    def __init__(self, sources: "List[tuple[bytes, Iterable[Text]]]", outbox: _Outbox,
                 failure: List[BaseException]) -> None:
        self.sources = sources
        self.outbox = outbox
        self.failure = failure
        self.index = 0  # of the current source
        self.pieces: Optional[Iterator[Text]] = None  # its pieces, once started
        self.pending = memoryview(b"")  # what the buffer had no room for

    def __call__(self, buf: Any, cap: int, source_out: Any, _userdata: Any) -> int:
        # what is ready goes to the reader before more input is waited for
        if not self.outbox.flush():
            return -1  # the reader has gone: stop
        try:
            return self._fill(buf, cap, source_out)
        except BaseException as e:  # given back to the reader
            self.failure.append(e)
            return -1

    def _fill(self, buf: Any, cap: int, source_out: Any) -> int:
        if self.index == len(self.sources):
            return 0  # all input has ended: source left NULL
        name, pieces = self.sources[self.index]
        if self.pieces is None:
            self.pieces = iter(pieces)
        pending = self.pending
        while not pending:
            try:
                pending = memoryview(_bytes(next(self.pieces), "a chunk"))
            except StopIteration:
                break
        source_out[0] = name
        if not pending:  # this source ends
            self.pieces = None
            self.index += 1
            return 0
        n = min(cap, len(pending))
        ctypes.memmove(buf, bytes(pending[:n]), n)
        self.pending = pending[n:]
        return n


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


# how many batches of output a stream's thread may hand over ahead of the
# reader, and how often a put that waits for room looks whether it has gone
_STREAM_AHEAD = 8
_PUT_POLL_SECONDS = 0.05


def _put(q: "queue.Queue[Any]", item: Any, stop: threading.Event) -> bool:
    """Puts item, waiting for room, unless the reader has gone."""
    while not stop.is_set():
        try:
            q.put(item, timeout=_PUT_POLL_SECONDS)
            return True
        except queue.Full:
            continue
    return False


# the largest value of a C unsigned int (Converter's columns)
_UINT_MAX = 2 ** (8 * ctypes.sizeof(ctypes.c_uint)) - 1


def _meta_value(key: str, value: Any) -> bytes:
    text = str(value)
    if "\0" in text:
        raise _usage_error(f"meta {key!r}: the value {text!r} holds a NUL character, which "
                           "would cut it short in the library")
    try:
        return text.encode("utf-8")
    except UnicodeEncodeError as e:
        raise _usage_error(f"meta {key!r}: the value is not Unicode text (a lone surrogate, "
                           f"{text[e.start]!r}, at {e.start})") from None


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

    Bad settings raise :class:`WiremarkUsageError` (a ``ValueError``; or
    :class:`WiremarkError` for a template that does not parse), and so does
    a string holding a NUL character, which the library would cut short; a
    number too large for the library (``columns``) raises ``OverflowError``.

    A Converter may be used by several threads at once: the library reads
    its settings and keeps each call's state in the call.  :meth:`close`
    (or the end of a ``with`` block) may come at any time, from any thread:
    the calls already running finish as if it had not (a stream counts as
    running from :meth:`convert_stream` until it ends, is closed or is
    collected), the library context is freed when the last of them ends,
    and any call begun after it raises ``ValueError``.
    """

    def __init__(self, to: str = "html", *, standalone: bool = False,
                 date: Optional[str] = None, meta: Optional[Mapping[str, Any]] = None,
                 template: Template = None, columns: int = 0,
                 strict_utf8: bool = False,
                 on_warning: Optional[Callable[[WiremarkWarning], Any]] = None) -> None:
        # the context's life: the calls running are counted under the lock
        # (_enter, _leave); the context is freed by close() when none runs,
        # else by the last call out
        self._lock = threading.Lock()
        self._ctx: Optional[int] = None
        self._calls = 0
        self._closed = False
        lib = _native.lib()
        self._on_warning = on_warning
        self._lib = lib
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
        try:
            self._settings(ctx, date, meta, template, columns)
        except BaseException:
            self.close()
            raise

    def _settings(self, ctx: int, date: Optional[str], meta: Optional[Mapping[str, Any]],
                  template: Template, columns: int) -> None:
        lib = self._lib
        with self._collect() as diags:
            if date is not None:
                if not isinstance(date, str) or "\0" in date or \
                        lib.wm_context_set_date(ctx, date.encode()) != 0:
                    raise _usage_error(f"date must be a real date as YYYY-MM-DD, not {date!r}")
            if not isinstance(columns, int) or columns < 0:
                raise _usage_error(f"columns must be a number from 0, not {columns!r}")
            if columns > _UINT_MAX:
                raise OverflowError(f"columns {columns} is out of range: at most {_UINT_MAX} "
                                    "(the library's unsigned int)")
            lib.wm_context_set_columns(ctx, columns)  # WM_OK for any unsigned
            for key, value in (meta or {}).items():
                if not isinstance(key, str) or "\0" in key or not key.isascii() or \
                        lib.wm_context_set_meta(ctx, key.encode(), _meta_value(key, value)) != 0:
                    raise _usage_error(f"meta key {key!r}: letters, digits, '_', '-' or '.' only")
            if template is not None:
                self._set_template(ctx, template, diags)
        self._warn(diags)

    def _set_meta(self, key: str, value: str) -> bool:
        """Sets one metadata value between calls (not while another thread
        converts with this Converter); False when the library refuses the
        key.  A value holding a NUL raises WiremarkUsageError."""
        data = _meta_value(key, value)
        with self._collect(), self._call() as ctx:
            return self._lib.wm_context_set_meta(ctx, key.encode(), data) == 0

    # -- the context's life -------------------------------------------------

    def close(self) -> None:
        """Frees the library context, now or, when calls are running (in
        other threads, or streams not yet ended), when the last of them
        ends; calls begun after it raise ValueError.  Also done when the
        object goes; a second close does nothing."""
        with self._lock:
            self._closed = True
            ctx = self._take_context()
        if ctx:
            self._lib.wm_context_free(ctx)

    def _take_context(self) -> Optional[int]:
        """The context to free, taken, once closed with no call running
        (under the lock)."""
        if not self._closed or self._calls:
            return None
        ctx, self._ctx = self._ctx, None
        return ctx

    def _enter(self) -> int:
        """Counts a call as running: the context it may use until _leave."""
        with self._lock:
            if self._closed or not self._ctx:
                raise ValueError("this Converter is closed")
            self._calls += 1
            return self._ctx

    def _leave(self) -> None:
        """A call has ended; the last one out of a closed Converter frees
        the context."""
        with self._lock:
            self._calls -= 1
            ctx = self._take_context()
        if ctx:
            self._lib.wm_context_free(ctx)

    @contextlib.contextmanager
    def _call(self) -> Iterator[int]:
        """The context, kept for the calls made inside."""
        ctx = self._enter()
        try:
            yield ctx
        finally:
            self._leave()

    def __del__(self) -> None:
        try:
            self.close()
        except Exception:  # interpreter shutdown, or __init__ failed early
            pass

    def __enter__(self) -> "Converter":
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()

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
               partial: Optional[str] = None, what: str = "no article could be read",
               usage: bool = False) -> None:
        """Warnings as warnings; errors (or a failed status) raise
        (WiremarkUsageError for ERR_USAGE, or when usage is set)."""
        self._warn(diags)
        errors = [d for d in diags if d.error]
        if not errors and status == _native.OK:
            return
        first = errors[0] if errors else None
        cls = WiremarkUsageError if usage or status == _native.ERR_USAGE else WiremarkError
        if first is None:
            raise cls(what, status=status, partial=partial)
        raise cls(first.message, first.file, first.line, first.column, first.code,
                  status=status, errors=errors, partial=partial)

    def _set_template(self, ctx: int, template: Template, diags: List[Diagnostic]) -> None:
        if isinstance(template, os.PathLike):
            path = os.fspath(template)
            _c_string(os.fsencode(path), "template")
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
        rc = self._lib.wm_context_set_template(ctx, self._to, src, len(src), name, folder)
        if rc != _native.OK:
            # a NUL byte is refused by the library, with its place: a
            # ValueError as for every string that holds one
            self._check(diags, rc, what="the template could not be used",
                        usage=b"\0" in src)

    # -- calls --------------------------------------------------------------

    def _write(self, ctx: int, feed: int, to: int, flags: int) -> "tuple[int, bytes]":
        out = ctypes.c_void_p()
        n = ctypes.c_size_t()
        rc = self._lib.wm_write(ctx, feed, to, flags, ctypes.byref(out), ctypes.byref(n))
        return rc, _native.take_string(out.value, n.value) if rc == _native.OK else b""

    def _read_write(self, data: bytes, fmt: int, source: Optional[bytes], to: int,
                    flags: int) -> str:
        with self._collect() as diags, self._call() as ctx:
            feed = self._lib.wm_read(ctx, fmt, data, len(data), source, self._read_flags)
            rc, out = _native.ERR_INPUT, b""
            if feed:
                try:
                    rc, out = self._write(ctx, feed, to, flags)
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
        name = _source(source)
        out = ctypes.c_void_p()
        n = ctypes.c_size_t()
        with self._collect() as diags, self._call() as ctx:
            rc = self._lib.wm_explain(ctx, data, len(data), name, self._read_flags,
                                      ctypes.byref(out), ctypes.byref(n))
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
        yielded.  Stopping early (``break``, or the generator's ``close``)
        stops the conversion.  The stream holds this Converter's context
        from this call until it ends, is closed or is collected: closing
        the Converter meanwhile leaves it running."""
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
        sources: "List[tuple[bytes, Iterable[Text]]]" = []
        for p in paths:
            name = _source(p)
            assert name is not None
            sources.append((name, _file_blocks(p)))
        return self._stream(sources, _format(fmt, write=False))

    def _stream(self, sources: "List[tuple[bytes, Iterable[Text]]]",
                from_fmt: int) -> Iterator[str]:
        """The stream over (source name, pieces) pairs; see convert_stream.
        The generator is run to its first yield here, so that it holds the
        context from now on and lets go of it in its ``finally`` (which
        ``close()`` and the garbage collector run only for a generator
        that has started)."""
        stream = self._stream_run(sources, from_fmt)
        next(stream)
        return stream

    def _stream_run(self, sources: "List[tuple[bytes, Iterable[Text]]]",
                    from_fmt: int) -> Iterator[str]:
        ctx = self._enter()
        worker: Optional[threading.Thread] = None
        stop = threading.Event()
        try:
            yield ""  # taken by _stream: the context is held
            lib = self._lib
            q: "queue.Queue[Any]" = queue.Queue(maxsize=_STREAM_AHEAD)
            outbox = _Outbox(q, stop)
            failure: List[BaseException] = []

            def sink(data: Any, n: int, _userdata: Any) -> int:
                return 0 if outbox.output(ctypes.string_at(data, n)) else 1

            pull_fn = _native.PULL_FN(_Pull(sources, outbox, failure))
            sink_fn = _native.SINK_FN(sink)

            def work() -> None:
                rc = _native.ERR_INPUT
                try:
                    with self._collect(outbox):
                        rc = lib.wm_convert_stream(ctx, from_fmt, self._read_flags, pull_fn,
                                                   None, self._to, self._write_flags, sink_fn,
                                                   None)
                    outbox.flush()
                except BaseException as e:
                    failure.append(e)
                _put(q, _StreamEnd(rc, failure[0] if failure else None), stop)

            worker = threading.Thread(target=work, name="wiremark-stream", daemon=True)
            worker.start()
            yield from self._stream_output(q)
        finally:
            stop.set()  # the worker's next put gives up; its sink says stop
            if worker is not None:
                worker.join()  # interrupted, it leaves the context held: never freed under it
            self._leave()

    def _stream_output(self, q: "queue.Queue[Any]") -> Iterator[str]:
        """The reader's side of a stream: the output as text, the messages
        as warnings, then the errors and the worker's end."""
        decoder = codecs.getincrementaldecoder("utf-8")()
        errors: List[Diagnostic] = []
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
    memory.  Arguments as for :func:`convert` (bad ones raise here, before
    any input is read); joined, the pieces yielded are what :func:`convert`
    returns for the whole input."""
    with Converter(to, standalone=standalone, date=date, meta=meta, template=template,
                   columns=columns) as c:
        return c.convert_stream(chunks, fmt=fmt, source=source)

"""python3 -m wiremark: the command line's common options, through the
binding (the same outputs, messages and exit statuses as ``wiremark``).

    python3 -m wiremark [-f FORMAT] [-t FORMAT] [-o FILE] [-s] [--template FILE]
                        [-M KEY=VALUE] [--date YYYY-MM-DD] [--columns N] [-q]
                        [--explain] [--print-template FORMAT] [--list-formats]
                        [--version] [FILE ...]

Exit status: 0 done, 1 some input could not be converted, 2 usage error.
"""
from __future__ import annotations

import argparse
import os
import pathlib
import sys
import tempfile
import warnings
from typing import List, NoReturn, Optional, Sequence

import wiremark

EXIT_DONE, EXIT_PARTIAL, EXIT_USAGE = 0, 1, 2

EXTENSIONS = {".html": "html", ".htm": "html", ".md": "markdown", ".markdown": "markdown",
              ".xml": "tei", ".tei": "tei", ".json": "json", ".jsonl": "json",
              ".nitf": "nitf"}


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        self.exit(EXIT_USAGE, f"wiremark: {message}\n")


def parser() -> argparse.ArgumentParser:
    p = _Parser(prog="python3 -m wiremark",
                description="Convert wire-style news text to HTML, Markdown, TEI, JSON, "
                            "NITF or NewsML-G2 "
                            "(through libwiremark).")
    p.add_argument("files", nargs="*", metavar="FILE",
                   help="input files, one feed (none or -: standard input)")
    p.add_argument("-f", "--from", dest="fmt", default="wire", metavar="FORMAT",
                   help="input format: wire (default), json, tei, html, markdown, "
                        "nitf, newsml")
    p.add_argument("-t", "--to", metavar="FORMAT",
                   help="output format: html, markdown, tei, json, nitf, newsml (default: from -o's "
                        "extension, else html)")
    p.add_argument("-o", "--output", metavar="FILE",
                   help="write to FILE (whole or not at all), not standard output")
    p.add_argument("-s", "--standalone", action="store_true",
                   help="a whole document: HTML page, Markdown with front matter")
    p.add_argument("--template", metavar="FILE", help="a template of your own")
    p.add_argument("--print-template", metavar="FORMAT",
                   help="print a built-in template (-s: the standalone one)")
    p.add_argument("-M", "--metadata", action="append", default=[], metavar="KEY=VALUE",
                   help="set meta.KEY for templates (lang, publisher, license, url, ...)")
    p.add_argument("--date", metavar="YYYY-MM-DD",
                   help="reference date that gives dates their year")
    p.add_argument("--columns", type=int, default=0, metavar="N",
                   help="Markdown: wrap paragraphs at N characters")
    p.add_argument("--explain", action="store_true",
                   help="show how each line of the wire text was read")
    p.add_argument("--list-formats", action="store_true",
                   help="list the formats read and written, and exit")
    p.add_argument("-q", "--quiet", action="store_true", help="no warnings")
    p.add_argument("--version", action="store_true", help="the version")
    return p


def _show(message: str) -> None:
    print(message, file=sys.stderr)


def _report(exc: wiremark.WiremarkError) -> None:
    if exc.errors:
        for d in exc.errors:
            _show(str(d))
    else:
        _show(f"{exc.file or 'wiremark'}: error: {exc.message}"
              if exc.file else f"wiremark: {exc.message}")


def _inputs(files: Sequence[str]) -> List[str]:
    return list(files) or ["-"]


def _read(path: str) -> Optional[bytes]:
    try:
        if path == "-":
            return sys.stdin.buffer.read()
        with open(path, "rb") as f:
            return f.read()
    except OSError as e:
        _show(f"{path}: error: cannot read: {e.strerror}")
        return None


def _stdin_blocks():
    while True:
        block = sys.stdin.buffer.read1(1 << 16)
        if not block:
            return
        yield block


def _write_output(path: Optional[str], pieces) -> int:
    """Writes the pieces to path (whole or not at all) or standard output."""
    if path is None or path == "-":
        out = sys.stdout.buffer
        for piece in pieces:
            out.write(piece.encode("utf-8"))
            out.flush()
        return EXIT_DONE
    folder = os.path.dirname(os.path.abspath(path))
    fd, tmp = tempfile.mkstemp(prefix=".wiremark-", dir=folder)
    try:
        with os.fdopen(fd, "wb") as f:
            try:
                for piece in pieces:
                    f.write(piece.encode("utf-8"))
            except wiremark.WiremarkError as e:
                if e.status != 0:  # no output at all
                    raise
                f.close()  # the rest was converted: keep it
                os.replace(tmp, path)
                raise
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise
    return EXIT_DONE


def main(argv: Optional[Sequence[str]] = None) -> int:
    args = parser().parse_args(argv)
    try:
        version = wiremark.library_version()
    except wiremark.LibraryNotFoundError as e:
        _show(f"wiremark: {e}")
        return EXIT_USAGE
    if args.version:
        print(f"wiremark {version}")
        return EXIT_DONE
    if args.list_formats:
        for name, what in wiremark.FORMATS.items():
            print(f"{name}: {what}")
        return EXIT_DONE

    def show_warning(message, category, filename, lineno, file=None, line=None):
        if isinstance(message, wiremark.WiremarkWarning):
            if not args.quiet:
                _show(f"{message.file or 'wiremark'}"
                      f"{':%d' % message.line if message.line else ''}"
                      f"{':%d' % message.column if message.line and message.column else ''}"
                      f": warning: {message.message}")
        else:
            _show(warnings.formatwarning(message, category, filename, lineno, line).rstrip())
    warnings.showwarning = show_warning
    warnings.simplefilter("always", wiremark.WiremarkWarning)

    meta = {}
    for kv in args.metadata:
        key, eq, value = kv.partition("=")
        if not eq or not key:
            _show(f"wiremark: -M needs KEY=VALUE, got \"{kv}\"")
            return EXIT_USAGE
        meta[key] = value
    to = args.to or (EXTENSIONS.get(os.path.splitext(args.output)[1].lower(), "html")
                     if args.output else "html")
    try:
        if args.print_template:
            text = wiremark.builtin_template(args.print_template, args.standalone)
            sys.stdout.write(text)
            return EXIT_DONE
        if args.explain:
            status = EXIT_DONE
            with wiremark.Converter("json", date=args.date) as c:
                for path in _inputs(args.files):
                    data = _read(path)
                    if data is None:
                        status = EXIT_PARTIAL
                        continue
                    try:
                        sys.stdout.write(c.explain(data, source=path))
                    except wiremark.WiremarkError as e:
                        _report(e)
                        status = EXIT_PARTIAL
            return status
        template = pathlib.Path(args.template) if args.template else None
        if template is not None and not os.access(template, os.R_OK):
            try:
                open(template, "rb").close()
            except OSError as e:
                _show(f"wiremark: {args.template}: cannot read template: {e.strerror}")
                return EXIT_USAGE
        converter = wiremark.Converter(to, standalone=args.standalone, date=args.date,
                                       meta=meta, template=template, columns=args.columns)
    except wiremark.WiremarkError as e:
        _report(e)
        return EXIT_USAGE
    except OverflowError as e:  # --columns past the library's unsigned
        _show(f"wiremark: {e}")
        return EXIT_USAGE
    status = EXIT_DONE
    files = _inputs(args.files)
    readable = []
    for path in files:
        if path != "-" and not os.access(path, os.R_OK) or os.path.isdir(path):
            _read(path)  # says why
            status = EXIT_PARTIAL
        else:
            readable.append(path)
    if not readable:
        return EXIT_PARTIAL
    with converter:
        pieces = converter._stream(
            [(os.fsencode(p), _stdin_blocks() if p == "-" else wiremark._file_blocks(p))
             for p in readable], wiremark._format(args.fmt, write=False))
        try:
            _write_output(args.output, pieces)
        except wiremark.WiremarkError as e:
            _report(e)
            return EXIT_USAGE if e.status == wiremark.ERR_TEMPLATE else EXIT_PARTIAL
        except OSError as e:
            _show(f"{args.output or '<stdout>'}: error: cannot write: {e.strerror}")
            return EXIT_PARTIAL
    return status


if __name__ == "__main__":
    sys.exit(main())

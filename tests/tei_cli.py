#!/usr/bin/env python3
"""TEI on the command line: the header archivists need, -f tei, hostile and
broken XML, --validate and its messages.

usage: tei_cli.py PATH/TO/wiremark  (run by meson test)
"""
import os
import re
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET

WM = os.path.abspath(sys.argv[1])
ROOT = os.environ.get("WM_SOURCE_ROOT", os.path.join(os.path.dirname(__file__), ".."))
NS = {"t": "http://www.tei-c.org/ns/1.0"}
failures = []

ARTICLE = ("SAWMILL TO REOPEN\n\nBy JANE DOE, Staff Writer\n\n"
           "PORTLAND, Ore., Feb 26 (Reuters) - The mill reopens.\n\n"
           "Second paragraph.\n\nReuter\n").encode()


def run(args, stdin=b"", cwd=None):
    p = subprocess.run([WM] + args, input=stdin, capture_output=True, cwd=cwd, timeout=60)
    return p.returncode, p.stdout.decode("utf-8", "replace"), p.stderr.decode("utf-8", "replace")


def check(name, cond, detail=""):
    if not cond:
        failures.append(name)
        print(f"FAIL {name}: {detail}")
    else:
        print(f"ok   {name}")


def text(root, path):
    el = root.find(path, NS)
    return None if el is None else "".join(el.itertext())


# ---- the header ----------------------------------------------------------
rc, out, err = run(["-t", "tei", "--date", "1987-03-01", "-M", "publisher=Example Archive",
                    "-M", "license=CC BY 4.0", "-M", "lang=en-GB", "-"], ARTICLE)
root = ET.fromstring(out.encode())
hdr = "t:teiHeader/t:fileDesc/"
check("title", text(root, hdr + "t:titleStmt/t:title") == "SAWMILL TO REOPEN", out)
check("author from the byline", text(root, hdr + "t:titleStmt/t:author") == "JANE DOE", out)
pub = root.find(hdr + "t:publicationStmt", NS)
check("publicationStmt starts with publisher",
      pub is not None and pub[0].tag.endswith("publisher") and pub[0].text == "Example Archive", out)
check("publication date@when", pub.find("t:date", NS).get("when") == "1987-02-26", out)
check("idno derived", re.fullmatch(r"wm-[0-9a-f]{16}", pub.find("t:idno", NS).text or ""), out)
check("licence", text(pub, "t:availability/t:licence") == "CC BY 4.0", out)
bibl = root.find(hdr + "t:sourceDesc/t:bibl", NS)
check("bibl: agency, place, date, source",
      text(bibl, "t:distributor") == "Reuters" and text(bibl, "t:pubPlace") == "PORTLAND, Ore."
      and bibl.find("t:date", NS).get("when") == "1987-02-26"
      and text(bibl, "t:idno[@type='source']") == "-", out)
prof = root.find("t:teiHeader/t:profileDesc", NS)
check("creation: date and place",
      prof.find("t:creation/t:date", NS).get("when") == "1987-02-26"
      and text(prof, "t:creation/t:placeName") == "PORTLAND, Ore.", out)
check("langUsage from -M lang", prof.find("t:langUsage/t:language", NS).get("ident") == "en-GB"
      and root.get("{http://www.w3.org/XML/1998/namespace}lang") == "en-GB", out)
check("encodingDesc names wiremark and its version",
      re.search(r"<encodingDesc>.*wiremark</name> \d+\.\d+\.\d+", out, re.S), out)
div = root.find("t:text/t:body/t:div", NS)
dl = div.find("t:dateline", NS)
check("dateline rebuilds the line", "".join(dl.itertext()) == "PORTLAND, Ore., Feb 26 (Reuters) -", out)
check("dateline parts",
      [e.tag.split("}")[1] for e in dl] == ["placeName", "placeName", "date", "orgName", "pc"]
      and dl.find("t:date", NS).get("when") == "1987-02-26", out)
check("byline with docAuthor", text(div, "t:byline/t:docAuthor") == "JANE DOE"
      and "".join(div.find("t:byline", NS).itertext()) == "By JANE DOE, Staff Writer", out)
check("trailer", text(div, "t:trailer") == "Reuter", out)

# the default publisher; a stable identifier; -M id
rc, out1, _ = run(["-t", "tei", "-"], ARTICLE)
rc, out2, _ = run(["-t", "tei", "-"], ARTICLE)
rc, out3, _ = run(["-t", "tei", "-"], ARTICLE.replace(b"SAWMILL", b"MILL"))
ids = [re.search(r"<idno>([^<]*)</idno>", o).group(1) for o in (out1, out2, out3)]
check("default publisher", "<publisher>Unknown publisher</publisher>" in out1, out1[:400])
check("idno stable, and another for another headline", ids[0] == ids[1] != ids[2], str(ids))
with tempfile.TemporaryDirectory() as d:
    a, b = os.path.join(d, "a.txt"), os.path.join(d, "b.txt")
    open(a, "wb").write(ARTICLE)
    open(b, "wb").write(ARTICLE.replace(b"SAWMILL", b"MILL"))
    rc, out, err = run(["-t", "tei", "-M", "id=arch-7", a, b])
    root = ET.fromstring(out.encode())
    check("feed: teiCorpus with its header and one TEI per article",
          root.tag.endswith("teiCorpus") and root.find("t:teiHeader", NS) is not None
          and len(root.findall("t:TEI", NS)) == 2, out[:300])
    check("-M id: the corpus's, then one per article",
          re.findall(r"<idno>([^<]*)</idno>", out) == ["arch-7", "arch-7-1", "arch-7-2"], out)

    # ---- -f tei ------------------------------------------------------------
    rc, tei, _ = run(["-t", "tei", a])
    rc, md, err = run(["-f", "tei", "-t", "markdown", "-"], tei.encode())
    check("-f tei to Markdown", rc == 0 and md.startswith("# SAWMILL TO REOPEN"), f"{rc} {md} {err}")

    bad = os.path.join(d, "bad.xml")
    open(bad, "w").write('<TEI xmlns="http://www.tei-c.org/ns/1.0">\n<text>\n<body>\n  <p>x</div>\n')
    rc, out, err = run(["-f", "tei", "-t", "json", bad])
    check("malformed XML: file:line:col, exit 1",
          rc == 1 and re.search(r"bad\.xml:4:\d+: error: ", err) and out == "", f"{rc} {err}")

    xxe = os.path.join(d, "xxe.xml")
    open(xxe, "w").write('<?xml version="1.0"?>\n<!DOCTYPE TEI [\n'
                         '<!ENTITY x SYSTEM "file:///etc/passwd">]>\n'
                         '<TEI xmlns="http://www.tei-c.org/ns/1.0"><text><body><div>'
                         '<head>&x;</head><p>p</p></div></body></text></TEI>\n')
    rc, out, err = run(["-f", "tei", "-t", "json", xxe])
    check("XXE refused", rc == 1 and out == "" and "root:" not in err + out
          and re.search(r"xxe\.xml:3:\d+: error: .*entity", err), f"{rc} {out} {err}")

    # ---- --validate --------------------------------------------------------
    for fmt in ("tei", "html", "markdown", "json"):
        rc, out, err = run(["-t", fmt, "-s", "--validate", a, b])
        check(f"--validate {fmt}: valid", rc == 0 and err == "", f"{rc} {err}")
    tpl = os.path.join(d, "tei.mustache")
    open(tpl, "w").write("{{<wiremark/tei}}{{$publicationStmt}}<p>none</p>"
                         "{{/publicationStmt}}{{/wiremark/tei}}\n")
    dst = os.path.join(d, "out.xml")
    rc, out, err = run(["-t", "tei", "--template", tpl, "--validate", "-o", dst, a])
    check("--validate tei: invalid, file:line: error, exit 1",
          rc == 1 and re.search(r"out\.xml:\d+: error: ", err) and os.path.exists(dst),
          f"{rc} {err}")
    rc, out, err = run(["--help"])
    check("--help tells of --validate", "--validate" in out, out)
    man = open(os.path.join(ROOT, "docs", "wiremark.1"), encoding="utf-8").read()
    check("the man page tells of --validate", "\\-\\-validate" in man, "docs/wiremark.1")

print(f"{len(failures)} failures")
sys.exit(1 if failures else 0)

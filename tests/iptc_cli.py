#!/usr/bin/env python3
"""NITF and NewsML-G2 on the command line: each element of the writing
mapping (docs/nitf.md, docs/newsml.md), feeds, -M, the times, escaping,
the templates and their blocks, -o/-O names, --validate.

usage: iptc_cli.py PATH/TO/wiremark  (run by meson test)
"""
import os
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET

WM = os.path.abspath(sys.argv[1])
ROOT = os.environ.get("WM_SOURCE_ROOT", os.path.join(os.path.dirname(__file__), ".."))
N = "{http://iptc.org/std/NITF/2006-10-18/}"
G = "{http://iptc.org/std/nar/2006-10-01/}"
X = "{http://www.w3.org/1999/xhtml}"
failures = []

ARTICLE = ("BC-Sawmill-Reopens,0412\n\nSAWMILL TO REOPEN\n\nJobs return to the valley\n\n"
           "By JANE DOE and JOHN ROE\nAssociated Press Writer\n\n"
           "PORTLAND, Ore., Feb 26 (AP) - The mill reopens.\n\n"
           "   Shr   41 cts\n   Net   6,120,000\n\n"
           "Second paragraph.\n\n-30-\n").encode()
FEED = ("FIRST HEADLINE\n\nLONDON (Reuters) - One.\n\nREUTER\n\f"
        "SECOND HEADLINE\n\nPARIS (Reuters) - Two.\n\nREUTER\n").encode()


def run(args, stdin=b"", env=None):
    p = subprocess.run([WM] + args, input=stdin, capture_output=True, timeout=60,
                       env=env)
    return p.returncode, p.stdout.decode("utf-8", "replace"), p.stderr.decode("utf-8", "replace")


def check(name, cond, detail=""):
    if not cond:
        failures.append(name)
        print(f"FAIL {name}: {detail}")
    else:
        print(f"ok   {name}")


def inner(el):
    """An element's content as XML text, its namespace prefixes dropped."""
    s = (el.text or "") + "".join(ET.tostring(c, encoding="unicode") for c in el)
    return s.replace("ns0:", "").replace(' xmlns:ns0="http://iptc.org/std/NITF/2006-10-18/"', "")


def text(el):
    return None if el is None else "".join(el.itertext())


# ---- NITF: one article ----------------------------------------------------
rc, out, err = run(["-t", "nitf", "--date", "1987-03-01", "-M", "copyright=Example & Co",
                    "-M", "lang=en-US", "-"], ARTICLE)
check("nitf exit 0", rc == 0, err)
nitf = ET.fromstring(out.encode())
check("nitf root in the NITF namespace", nitf.tag == N + "nitf", nitf.tag)
check("nitf version and baselang",
      nitf.get("version") == "-//IPTC//DTD NITF 3.6//EN" and nitf.get("baselang") == "en-US",
      nitf.attrib)
check("head/title", text(nitf.find(f"{N}head/{N}title")) == "SAWMILL TO REOPEN", out)
dd = nitf.find(f"{N}head/{N}docdata")
ids = dd.find(f"{N}doc-id").get("id-string")
check("doc-id: wm- and 16 hex digits", ids.startswith("wm-") and len(ids) == 19, ids)
check("date.issue@norm: the dateline's date",
      dd.find(f"{N}date.issue").get("norm") == "1987-02-26", out)
check("du-key from the slug", dd.find(f"{N}du-key").get("key") == "BC-Sawmill-Reopens,0412", out)
check("doc.copyright from -M copyright",
      dd.find(f"{N}doc.copyright").get("holder") == "Example & Co", out)
bh = nitf.find(f"{N}body/{N}body.head")
check("hedline/hl1", text(bh.find(f"{N}hedline/{N}hl1")) == "SAWMILL TO REOPEN", out)
check("the deck as hl2", text(bh.find(f"{N}hedline/{N}hl2")) == "Jobs return to the valley", out)
check("byline: a person per author, byttl for the second line",
      inner(bh.find(f"{N}byline")) ==
      "By <person>JANE DOE</person> and <person>JOHN ROE</person>"
      "<byttl>Associated Press Writer</byttl>", inner(bh.find(f"{N}byline")))
check("dateline: location/city, state, story.date@norm and the text",
      inner(bh.find(f"{N}dateline")) ==
      '<location><city>PORTLAND</city></location>, <location><state>Ore.</state></location>, '
      '<story.date norm="1987-02-26">Feb 26</story.date> (AP) -', inner(bh.find(f"{N}dateline")))
content = nitf.find(f"{N}body/{N}body.content")
check("body.content: p, pre, p in order",
      [c.tag[len(N):] for c in content] == ["p", "pre", "p"], out)
check("the first paragraph without its dateline", content[0].text == "The mill reopens.", out)
check("pre keeps the table's lines and spaces (as the reader keeps them)",
      content[1].text == "Shr   41 cts\nNet   6,120,000", repr(content[1].text))
check("body.end/tagline: the trailer",
      text(nitf.find(f"{N}body/{N}body.end/{N}tagline")) == "-30-", out)

# a byline not starting with "By" names no person; one-line title stays text
rc, out, err = run(["-t", "nitf", "-"], b"HEADLINE\n\nBy Ann Lee, Staff Writer\n\nText.\n")
by = inner(ET.fromstring(out.encode()).find(f"{N}body/{N}body.head/{N}byline"))
check("byline on one line: person, and the rest as text",
      by == "By <person>Ann Lee</person>, Staff Writer", by)

# markup characters in every field, attributes included (a tree given as
# JSON, so that each field holds them)
MARKUP = ('{"headline": "A <b>&amp; \\"HEADLINE\\"", "deck": null, '
          '"byline": "By Ann <O\'Hara> and B&B\\n<Staff> Writer", '
          '"dateline": {"text": "L<ND> & CO (Reuters) -", "place": "L<ND> & CO", '
          '"region": null, "date": null, "iso_date": null, "agency": "Reuters", "dash": "-"}, '
          '"body": [{"type": "paragraph", "text": "Text with <tags> & ]]> \\"quotes\\"."}], '
          '"trailer": "<END>", "meta": {"slug": "a&b<c>", "source": "-", "line": 1}}\n').encode()
for fmt in ("nitf", "newsml"):
    rc, out, err = run(["-f", "json", "-t", fmt, "-M", "id=a\"<&>'b", "-M", "body=nitf", "-"],
                       MARKUP)
    try:
        doc = ET.fromstring(out.encode())
        if fmt == "newsml":
            check("markup escaped: guid", doc.get("guid") == "a\"<&>'b", out)
            check("markup escaped: by", text(doc.find(f"{G}contentMeta/{G}by")) ==
                  "By Ann <O'Hara> and B&B\n<Staff> Writer", out)
            doc = doc.find(f"{G}contentSet/{G}inlineXML/{N}nitf")
        check(f"{fmt}: markup escaped: headline", text(doc.find(f"{N}head/{N}title")) ==
              'A <b>&amp; "HEADLINE"', out)
        check(f"{fmt}: markup escaped: attribute", doc.find(
            f"{N}head/{N}docdata/{N}doc-id").get("id-string") == "a\"<&>'b", out)
        check(f"{fmt}: markup escaped: persons and byttl", [text(p) for p in doc.findall(
            f"{N}body/{N}body.head/{N}byline/*")] == ["Ann <O'Hara>", "B&B", "<Staff> Writer"],
            out)
        check(f"{fmt}: markup escaped: city", text(doc.find(
            f"{N}body/{N}body.head/{N}dateline/{N}location/{N}city")) == "L<ND> & CO", out)
        check(f"{fmt}: markup escaped: paragraph, tagline, du-key",
              text(doc.find(f"{N}body/{N}body.content/{N}p")) ==
              'Text with <tags> & ]]> "quotes".' and
              text(doc.find(f"{N}body/{N}body.end/{N}tagline")) == "<END>" and
              doc.find(f"{N}head/{N}docdata/{N}du-key").get("key") == "a&b<c>", out)
    except ET.ParseError as e:
        check(f"{fmt}: markup escaped", False, f"{e}: {out}")

# ---- NewsML-G2: one article -----------------------------------------------
rc, out, err = run(["-t", "newsml", "--date", "1987-03-01", "-M", "ednote=Corrects par 2", "-"],
                   ARTICLE)
check("newsml exit 0", rc == 0, err)
item = ET.fromstring(out.encode())
check("newsItem in the NewsML-G2 namespace", item.tag == G + "newsItem", item.tag)
a = item.attrib
check("newsItem attributes",
      a.get("guid", "").startswith("urn:wiremark:wm-") and a.get("version") == "1" and
      a.get("standard") == "NewsML-G2" and a.get("standardversion") == "2.35" and
      a.get("conformance") == "power", a)
check("catalogRef to IPTC's catalog",
      item.find(f"{G}catalogRef").get("href").startswith("http://www.iptc.org/std/catalog/"), out)
im = item.find(f"{G}itemMeta")
check("itemClass ninat:text", im.find(f"{G}itemClass").get("qcode") == "ninat:text", out)
check("provider from the agency", im.find(f"{G}provider").get("literal") == "AP", out)
check("versionCreated from --date", im.find(f"{G}versionCreated").text == "1987-03-01T00:00:00Z", out)
check("pubStatus usable", im.find(f"{G}pubStatus").get("qcode") == "stat:usable", out)
check("edNote from meta ednote", im.find(f"{G}edNote").text == "Corrects par 2", out)
cm = item.find(f"{G}contentMeta")
check("headline, then the deck", [h.text for h in cm.findall(f"{G}headline")] ==
      ["SAWMILL TO REOPEN", "Jobs return to the valley"], out)
check("slugline", cm.find(f"{G}slugline").text == "BC-Sawmill-Reopens,0412", out)
check("dateline as written", cm.find(f"{G}dateline").text == "PORTLAND, Ore., Feb 26 (AP) -", out)
check("located: the place's name", cm.find(f"{G}located/{G}name").text == "PORTLAND, Ore.", out)
check("by: the byline's lines", cm.find(f"{G}by").text ==
      "By JANE DOE and JOHN ROE\nAssociated Press Writer", out)
check("language", cm.find(f"{G}language").get("tag") == "en", out)
check("contentCreated: the dateline's date", cm.find(f"{G}contentCreated").text == "1987-02-26", out)
il = item.find(f"{G}contentSet/{G}inlineXML")
check("XHTML body by default", il.get("contenttype") == "application/xhtml+xml" and
      il.find(f"{X}html") is not None, out)
paras = il.findall(f"{X}html/{X}body/{X}p")
check("XHTML: the byline's lines, the dateline run in, the trailer",
      ET.tostring(paras[0], encoding="unicode").count("<html:br") == 1 and
      paras[0].get("class") == "byline" and
      text(paras[1].find(f"{X}span")) == "PORTLAND, Ore., Feb 26 (AP) -" and
      paras[-1].get("class") == "trailer" and paras[-1].text == "-30-", out)

rc, out, err = run(["-t", "newsml", "-M", "body=nitf", "--date", "1987-03-01", "-"], ARTICLE)
il = ET.fromstring(out.encode()).find(f"{G}contentSet/{G}inlineXML")
check("-M body=nitf: NITF inside inlineXML", il.get("contenttype") == "application/nitf+xml"
      and il.find(f"{N}nitf/{N}body/{N}body.head/{N}hedline/{N}hl1") is not None, out)
rc, out, err = run(["-t", "newsml", "-M", "body=pdf", "-"], ARTICLE)
check("-M body=pdf: a warning, XHTML", "meta body is neither nitf nor xhtml" in err and
      "application/xhtml+xml" in out, err)

# versionCreated: the dateline's date without --date; SOURCE_DATE_EPOCH
# for the time now when no date is known
rc, out, err = run(["-t", "newsml", "-"], b"HEADLINE\n\nLONDON, March 3 1987 - Text.\n")
vc = ET.fromstring(out.encode()).find(f"{G}itemMeta/{G}versionCreated").text
check("versionCreated from the dateline's date", vc == "1987-03-03T00:00:00Z", vc)
env = dict(os.environ, SOURCE_DATE_EPOCH="86400")
rc, out, err = run(["-t", "newsml", "-"], b"HEADLINE\n\nText.\n", env=env)
vc = ET.fromstring(out.encode()).find(f"{G}itemMeta/{G}versionCreated").text
check("versionCreated from SOURCE_DATE_EPOCH", vc == "1970-01-02T00:00:00Z", vc)
check("provider unknown without agency, provider or publisher",
      ET.fromstring(out.encode()).find(f"{G}itemMeta/{G}provider").get("literal") == "unknown",
      out)
rc, out, err = run(["-t", "newsml", "-M", "id=urn:example:7", "-M", "copyright=Example",
                    "-M", "provider=Example Wire", "-"], ARTICLE)
item = ET.fromstring(out.encode())
check("-M id gives the guid", item.get("guid") == "urn:example:7", item.attrib)
check("-M provider", item.find(f"{G}itemMeta/{G}provider").get("literal") == "Example Wire", out)
check("-M copyright: rightsInfo", item.find(f"{G}rightsInfo/{G}copyrightHolder").get("literal")
      == "Example", out)

# ---- feeds ----------------------------------------------------------------
for fmt, body in (("nitf", "application/nitf+xml"), ("newsml", "application/xhtml+xml")):
    rc, out, err = run(["-t", fmt, "--date", "1987-03-01", "-M", "id=x", "-"], FEED)
    msg = ET.fromstring(out.encode())
    items = msg.findall(f"{G}itemSet/{G}newsItem")
    check(f"-t {fmt}, a feed: a newsMessage of two items",
          msg.tag == G + "newsMessage" and len(items) == 2 and
          msg.find(f"{G}header/{G}sent").text == "1987-03-01T00:00:00Z", out)
    check(f"-t {fmt}, a feed: each item's body", all(
        i.find(f"{G}contentSet/{G}inlineXML").get("contenttype") == body for i in items), out)
    check(f"-t {fmt}, a feed: guids apart", [i.get("guid") for i in items] == ["x-1", "x-2"],
          [i.get("guid") for i in items])

# ---- the command line ----------------------------------------------------------
with tempfile.TemporaryDirectory() as d:
    src = os.path.join(d, "story.txt")
    with open(src, "wb") as fh:
        fh.write(ARTICLE)
    rc, out, err = run(["-o", os.path.join(d, "story.nitf"), src])
    check("-o x.nitf writes NITF", rc == 0 and
          open(os.path.join(d, "story.nitf")).read().count("<nitf ") == 1, err)
    os.mkdir(os.path.join(d, "out"))
    rc, out, err = run(["-O", os.path.join(d, "out"), "-t", "nitf", src])
    rc2, out, err2 = run(["-O", os.path.join(d, "out"), "-t", "newsml", src])
    check("-O names .nitf and .xml", sorted(os.listdir(os.path.join(d, "out"))) ==
          ["story.nitf", "story.xml"], os.listdir(os.path.join(d, "out")))
    # a newsroom's docdata, the rest as built in
    own = os.path.join(d, "mine.mustache")
    with open(own, "w") as fh:
        fh.write('{{<wiremark/nitf}}{{$docdata}}<doc-id regsrc="EX" id-string="ex-{{index}}"/>\n'
                 '{{/docdata}}{{/wiremark/nitf}}')
    rc, out, err = run(["-t", "nitf", "--template", own, "--validate", src])
    dd = ET.fromstring(out.encode()).find(f"{N}head/{N}docdata")
    check("a template overrides docdata", rc == 0 and len(dd) == 1 and
          dd[0].get("regsrc") == "EX" and dd[0].get("id-string") == "ex-1", out + err)
    # --validate finds what is broken
    with open(own, "w") as fh:
        fh.write('{{<wiremark/newsml}}{{$itemMeta}}<itemClass qcode="text"/>'
                 '{{/itemMeta}}{{/wiremark/newsml}}')
    rc, out, err = run(["-t", "newsml", "--template", own, "--validate", src])
    check("--validate: a QCode without its alias, an itemMeta without provider",
          rc == 1 and "error" in err, f"{rc} {err}")
    with open(own, "w") as fh:
        fh.write('{{<wiremark/nitf}}{{$bodyHead}}<hl1>{{headline}}</hl1>{{/bodyHead}}'
                 '{{/wiremark/nitf}}')
    rc, out, err = run(["-t", "nitf", "--template", own, "--validate", src])
    check("--validate: an hl1 outside hedline", rc == 1 and "error" in err, f"{rc} {err}")
    for fmt in ("nitf", "newsml"):
        rc, out, err = run(["-t", fmt, "--validate", "--date", "1987-03-01", src])
        check(f"--validate -t {fmt}: the built-in output passes", rc == 0 and not err, err)

# the worked examples of docs/nitf.md and docs/newsml.md: written, valid
for fmt, doc, want in (("nitf", "nitf.md", '<urgency ed-urg="5"/>'),
                       ("newsml", "newsml.md", "<copyrightNotice>Copyright 2026")):
    text_md = open(os.path.join(ROOT, "docs", doc), encoding="utf-8").read()
    example = text_md.split("```mustache\n", 1)[1].split("```", 1)[0]
    with tempfile.TemporaryDirectory() as d:
        tpl = os.path.join(d, "example.mustache")
        with open(tpl, "w", encoding="utf-8") as fh:
            fh.write(example)
        rc, out, err = run(["-t", fmt, "--template", tpl, "--validate", "-"], ARTICLE)
    check(f"docs/{doc}'s example: written, --validate passes", rc == 0 and want in out,
          f"{rc} {err} {out[:400]}")

for fmt, first in (("nitf", "<?xml"), ("newsml", "<?xml")):
    rc, out, err = run(["--print-template", fmt])
    check(f"--print-template {fmt}", rc == 0 and out.startswith(first) and
          ("nitf-document" if fmt == "nitf" else "newsml-item") in out, out[:200])
rc, out, err = run(["--list-formats"])
check("--list-formats names nitf and newsml as writers",
      "nitf" in out.split("writers:")[1] and "newsml" in out.split("writers:")[1], out)

print(f"{len(failures)} failures")
sys.exit(1 if failures else 0)

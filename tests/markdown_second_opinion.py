#!/usr/bin/env python3
"""A second opinion on wiremark's Markdown: commonmark.js (the reference
JavaScript implementation, from npm) must read every output as the same
blocks, text and markup as cmark does.

usage: markdown_second_opinion.py PATH/TO/wiremark

Outputs: every sample, the seed and every dev-corpus article (in feeds of
up to 100 articles, as `wiremark -t markdown` writes several files), plain
and wrapped at 30 columns, and 400 wire articles made of the characters
that trouble Markdown.  Needs node and commonmark.js: set WM_COMMONMARK_JS
to its folder, or `npm install --prefix /opt/wiremark-test commonmark`; skipped
(exit 77), saying so, without them.
"""
import glob
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from validate import md_blocks  # noqa: E402  (cmark's blocks, as validate.py reads them)

ROOT = os.environ.get("WM_SOURCE_ROOT", os.path.join(os.path.dirname(__file__), ".."))
SHARED = os.environ.get("WM_SHARED_DIR", os.path.join(ROOT, "..", "shared"))
SKIP = 77

# The same walk as md_blocks, over commonmark.js's tree.
JS = r"""
const commonmark = require(process.argv[2]);
const fs = require('fs');
const files = JSON.parse(fs.readFileSync(process.argv[3], 'utf8'));
function inline(node) {
  let text = '', marks = [];
  function walk(n) {
    for (let c = n.firstChild; c; c = c.next) {
      if (c.type === 'text') text += c.literal;
      else if (c.type === 'softbreak') text += ' ';
      else if (c.type === 'linebreak') {  // a hard break: '\n', as md_blocks reads cmark's
        const at = [...text].length;
        text += '\n';
        marks.push(['linebreak', at, '\n']);
      }
      else {
        const at = [...text].length;
        if (c.type === 'code' || c.type === 'html_inline') text += c.literal;
        else walk(c);
        marks.push([c.type, at, [...text].slice(at).join('')]);
      }
    }
  }
  walk(node);
  return [text, marks];
}
const out = [];
for (const f of files) {
  const doc = new commonmark.Parser().parse(fs.readFileSync(f, 'utf8'));
  const blocks = [];
  for (let c = doc.firstChild; c; c = c.next) {
    const only = c.firstChild && c.firstChild === c.lastChild ? c.firstChild : null;
    if (c.type === 'heading') blocks.push(['heading' + c.level, ...inline(c)]);
    else if (c.type === 'paragraph' && only && only.type === 'emph') blocks.push(['emphasis', ...inline(only)]);
    else if (c.type === 'paragraph') blocks.push(['paragraph', ...inline(c)]);
    else if (c.type === 'code_block') blocks.push(['code_block', c.literal, []]);
    else blocks.push([c.type, '', []]);
  }
  out.push(blocks);
}
process.stdout.write(JSON.stringify(out));
"""

PIECES = ["*", "**", "_", "__", "`", "``", "```", "~~~", "<", ">", "<a>", "<SRD>", "</p>", "<div",
          "<!--", "<http://x.y/z>", "<a@b.co>", "&amp;", "&#32;", "&", ";", "#", "##", "\\", "[", "]",
          "](", "[x]:", "(y)", "!", "1.", "1987.", "3)", "-", "--", "---", "+", "=", "==", "|", "\u00a0",
          "\u00e9", "\u2014", "\u201c", "\u20ac", "1987", ".", ",", "(", ")", ":", "\"", "'", "a_b",
          "2 * 3", "$", "@", "{", "}", "word", "Word", "WORD"]


def find_commonmark():
    for c in (os.environ.get("WM_COMMONMARK_JS", ""), "/opt/wiremark-test/node_modules/commonmark",
              "/opt/commonmark/node_modules/commonmark",
              os.path.join(ROOT, "node_modules", "commonmark")):
        if c and os.path.exists(os.path.join(c, "package.json")):
            return os.path.abspath(c)
    return None


def tricky(rng, words):
    return " ".join(rng.choice(PIECES) if rng.random() < 0.6 else "word" for _ in range(words)).strip()


def tricky_wire(rng):
    """A wire article whose text is made of Markdown's special characters."""
    lines = [tricky(rng, rng.randint(1, 8)), ""]
    if rng.random() < 0.3:
        lines += ["By " + tricky(rng, 3), ""]
    first = True
    for _ in range(rng.randint(1, 5)):
        text = tricky(rng, rng.randint(1, 25))
        if first and rng.random() < 0.5:
            text = rng.choice(["LONDON, March 3 - ", "WASHINGTON (AP) _ ", "(Reuters) - "]) + text
        first = False
        lines += [text, ""]
    if rng.random() < 0.3:
        lines += ["Shr 34 cts    vs " + tricky(rng, 2), "Net " + tricky(rng, 2) + "    vs 1.2 mln", ""]
    lines.append(rng.choice(["Reuter", "-30-", "###", "(END)"]))
    return "\n".join(lines) + "\n"


def inputs(d):
    files = sorted(glob.glob(os.path.join(ROOT, "samples", "*.txt")))
    if os.path.isdir(SHARED):
        files.append(os.path.join(SHARED, "samples", "000_13d9be2aa1a7efac.txt"))
        for corpus in ("reuters-dev", "bbc-dev"):
            files += sorted(glob.glob(os.path.join(SHARED, "corpora", corpus, "*.txt")))
    else:
        print("note: ../shared is absent: samples/ and generated articles only")
    rng = random.Random(7)
    for i in range(400):
        path = os.path.join(d, f"tricky-{i:03d}.txt")
        with open(path, "w", encoding="utf-8") as f:
            f.write(tricky_wire(rng))
        files.append(path)
    return files


def main():
    wm = os.path.abspath(sys.argv[1])
    node, cmark, cm_js = shutil.which("node"), shutil.which("cmark"), find_commonmark()
    if not node:
        print("SKIP: Node.js is not installed: no second CommonMark implementation to ask")
        return SKIP
    if not cm_js:
        print("SKIP: commonmark.js not found (npm install --prefix /opt/wiremark-test commonmark, "
              "or set WM_COMMONMARK_JS)")
        return SKIP
    if not cmark:
        print("SKIP: cmark is not installed (apt-get install cmark)")
        return SKIP
    with tempfile.TemporaryDirectory() as d:
        files = inputs(d)
        docs = []
        for k in range(0, len(files), 100):
            for extra in ([], ["--columns", "30"]):
                out = os.path.join(d, f"{k:05d}{'w' if extra else ''}.md")
                p = subprocess.run([wm, "-q", "-t", "markdown", *extra, "-o", out, *files[k:k + 100]],
                                   capture_output=True, timeout=120)
                if p.returncode:
                    print(f"FAIL: wiremark -t markdown {' '.join(extra)} on {files[k]}...: {p.stderr.decode()}")
                    return 1
                docs.append(out)
        listing = os.path.join(d, "docs.json")
        script = os.path.join(d, "blocks.js")
        with open(listing, "w") as f:
            json.dump(docs, f)
        with open(script, "w") as f:
            f.write(JS)
        p = subprocess.run([node, script, cm_js, listing], capture_output=True, timeout=600)
        if p.returncode:
            print(f"FAIL: commonmark.js: {p.stderr.decode()}")
            return 1
        theirs = json.loads(p.stdout)
        bad = blocks = 0
        for doc, js in zip(docs, theirs):
            x = subprocess.run([cmark, "-t", "xml", doc], capture_output=True, timeout=60)
            ours = [list(b[:2]) + [[list(m) for m in b[2]]] for b in md_blocks(ET.fromstring(x.stdout))]
            blocks += len(ours)
            if ours != js:
                bad += 1
                for i, (a, b) in enumerate(zip(ours + [None], js + [None])):
                    if a != b:
                        print(f"FAIL {doc}: block {i}: cmark {a!r}, commonmark.js {b!r}")
                        break
        version = json.load(open(os.path.join(cm_js, "package.json"))).get("version", "?")
        print(f"{len(docs) - bad} of {len(docs)} documents ({len(files)} articles' inputs, plain and "
              f"wrapped; {blocks} blocks) read alike by cmark and commonmark.js {version}")
        return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())

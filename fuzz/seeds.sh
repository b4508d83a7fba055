#!/bin/sh
# Seed corpora for the fuzz targets, from samples/ and what wiremark writes
# of them; never committed (the default place, under build-fuzz/, is
# git-ignored).
#
#   fuzz/seeds.sh [DIR]
#
# DIR (default: $FUZZ_WORK/corpus, $FUZZ_WORK being build-fuzz/fuzz-work)
# gets one folder per target: wire, markdown, tei, html, json, nitf,
# newsml, template, stream, jsonl.
# Seeds are added to what is there; nothing is removed.  The formats are
# written by $WIREMARK (default: build/wiremark, else build-fuzz/wiremark,
# built if need be); tests/expected/ is added as well.
set -eu

root=$(cd "$(dirname "$0")/.." && pwd)
build=${FUZZ_BUILD:-$root/build-fuzz}
work=${FUZZ_WORK:-$build/fuzz-work}
out=${1:-$work/corpus}

if [ -n "${WIREMARK:-}" ]; then
	wm=$WIREMARK
elif [ -x "$root/build/wiremark" ]; then
	wm=$root/build/wiremark
else
	[ -f "$build/build.ninja" ] || {
		echo "seeds.sh: no wiremark: set WIREMARK or build $build" >&2
		exit 1
	}
	ninja -C "$build" wiremark >/dev/null
	wm=$build/wiremark
fi
# the sanitized build's wiremark must not fail on a leak report
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=0}

for t in wire markdown tei html json nitf newsml template stream jsonl; do
	mkdir -p "$out/$t"
done

# a file per seed, named after what it came from
put() { # TARGET NAME < content
	cat >"$out/$1/$2"
}

n=0
for f in "$root"/samples/*.txt; do
	b=$(basename "$f" .txt)
	cp "$f" "$out/wire/$b.txt"
	cp "$f" "$out/stream/$b.txt"
	"$wm" -q --date 1987-03-01 -t markdown "$f" | put markdown "$b.md"
	"$wm" -q --date 1987-03-01 -s -t markdown "$f" | put markdown "$b.page.md"
	"$wm" -q --date 1987-03-01 -t tei "$f" | put tei "$b.xml"
	"$wm" -q --date 1987-03-01 -t html "$f" | put html "$b.html"
	"$wm" -q --date 1987-03-01 -s -t html "$f" | put html "$b.page.html"
	"$wm" -q --date 1987-03-01 -t json "$f" | put json "$b.json"
	n=$((n + 1))
done
# the NITF and NewsML samples as they are
for f in "$root"/samples/*.nitf; do
	[ -f "$f" ] && cp "$f" "$out/nitf/$(basename "$f")"
done
for f in "$root"/samples/*.xml; do
	[ -f "$f" ] && cp "$f" "$out/newsml/$(basename "$f")"
done
# a feed of every sample, in each format
set -- "$root"/samples/*.txt
"$wm" -q -s -t markdown "$@" | put markdown all.page.md
"$wm" -q -t tei "$@" | put tei all.xml
"$wm" -q -s -t html "$@" | put html all.page.html
"$wm" -q -t json "$@" | put json all.json

# the expected outputs of the test suite
for f in "$root"/tests/expected/*; do
	b=$(basename "$f")
	case $b in
	*.md) cp "$f" "$out/markdown/expected-$b" ;;
	*.xml) cp "$f" "$out/tei/expected-$b" ;;
	*.html) cp "$f" "$out/html/expected-$b" ;;
	*.json) cp "$f" "$out/json/expected-$b" ;;
	esac
done

# templates: the built-in ones and the examples of the documentation
for f in "$root"/templates/*.mustache "$root"/docs/examples/*.mustache; do
	[ -f "$f" ] && cp "$f" "$out/template/$(basename "$f")"
done

# JSON Lines (its first byte: the size of the parts pulled): each sample
# as a record, all of them as one input, and records of every kind (ids of
# each type, not plain, not UTF-8, not JSON, blank); needs python3
if command -v python3 >/dev/null 2>&1; then
	python3 - "$root/samples" "$out/jsonl" <<'EOF'
import glob, json, os, sys
samples, out = sys.argv[1], sys.argv[2]
recs = []
for i, f in enumerate(sorted(glob.glob(os.path.join(samples, "*.txt")))):
    text = open(f, "rb").read().decode("utf-8", "replace")
    rec = json.dumps({"id": i if i % 2 else os.path.basename(f), "text": text},
                     ensure_ascii=i % 3 == 0).encode() + b"\n"
    recs.append(rec)
    open(os.path.join(out, os.path.basename(f) + ".jsonl"), "wb").write(b"@" + rec)
open(os.path.join(out, "all.jsonl"), "wb").write(b"\x07" + b"".join(recs))
kinds = (b'{"id": null, "text": "T\\n\\nX (AP) - y.", "x": [1, {"a": 2.5}]}\n'
         b'{"id": true, "text": 5}\n{"id": -0, "text": "\\u00e9\\ud83d\\ude00"}\n'
         b'{"text": "ab\xff"}\n{"t\\u0065xt": "a"}\n{"id": 1, "id": 2}\n'
         b'[1]\n\n  \r\nnot json\n{"id": "\xc3\xa9", "text": "T\\n\\ny"}')
open(os.path.join(out, "kinds.jsonl"), "wb").write(b"\x01" + kinds)
EOF
fi

# the inputs that once failed are seeds too
for d in "$root"/tests/fuzz-regressions/*/; do
	[ -d "$d" ] || continue
	t=$(basename "$d")
	[ -d "$out/$t" ] || continue
	for f in "$d"*; do
		[ -f "$f" ] && cp "$f" "$out/$t/regression-$(basename "$f")"
	done
done

# the stream: the samples as one feed too (form feeds between them)
for f in "$root"/samples/*.txt; do
	cat "$f"
	printf '\n\f\n'
done | put stream all.txt

for t in wire markdown tei html json nitf newsml template stream jsonl; do
	echo "$t: $(ls "$out/$t" | wc -l) seeds in $out/$t"
done

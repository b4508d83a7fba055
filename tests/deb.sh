#!/usr/bin/env bash
# The Debian packages: builds wiremark, libwiremark0, libwiremark-dev and
# python3-wiremark with dpkg-buildpackage from a copy of the tree in /tmp (so
# that no build folder of the tree is touched), checks them with lintian (no
# errors), installs
# them (as root), converts the seed article with the installed
# /usr/bin/wiremark, builds examples/to-html.c against the installed
# library, imports the Python package with /usr/bin/python3, and removes the
# packages again.
#
# usage: tests/deb.sh   (run by .ci/run as root after the main tests;
#                        exit 77 when a tool is missing or not root)
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
shared=${WM_SHARED_DIR:-$root/../shared}
version=$(sed -n '1s/^wiremark (\([^-)]*\).*/\1/p' "$root/debian/changelog")

for tool in dpkg-buildpackage dh lintian fakeroot git; do
	if ! command -v "$tool" > /dev/null; then
		echo "skip: $tool is not installed (apt-get install build-essential debhelper lintian fakeroot git)"
		exit 77
	fi
done

work=$(mktemp -d /tmp/wiremark-deb.XXXXXX)
installed=0
cleanup() {
	if [ "$installed" = 1 ]; then
		dpkg --purge python3-wiremark wiremark libwiremark-dev libwiremark0 > /dev/null || true
	fi
	rm -rf "$work"
}
trap cleanup EXIT

echo "== copy of the tree (the files git knows, new ones too) in $work"
src=$work/wiremark-$version
mkdir -p "$src"
(cd "$root" && git ls-files -z --cached --others --exclude-standard |
	tar --null -T - --ignore-failed-read -cf -) | tar -xf - -C "$src"

echo "== dpkg-buildpackage -us -uc -b"
(cd "$src" && dpkg-buildpackage -us -uc -b) > "$work/build.log" 2>&1 || {
	tail -n 60 "$work/build.log"
	echo "FAIL dpkg-buildpackage (log above)"
	exit 1
}
ls -l "$work"/*.deb

echo "== lintian"
changes=$(ls "$work"/wiremark_*.changes)
lintian --fail-on error --info "$changes" || {
	echo "FAIL lintian reports errors"
	exit 1
}

if [ "$(id -u)" != 0 ]; then
	echo "skip: the packages built and passed lintian; installing them needs root"
	exit 77
fi

echo "== dpkg -i"
installed=1
dpkg -i "$work"/libwiremark0_*.deb "$work"/libwiremark-dev_*.deb "$work"/wiremark_*.deb \
	"$work"/python3-wiremark_*.deb

seed=$shared/samples/000_13d9be2aa1a7efac.txt
[ -f "$seed" ] || seed=$root/samples/01-blank-lines.txt
echo "== /usr/bin/wiremark $seed"
fail=0
check() { # name, command...
	local name=$1
	shift
	if "$@"; then echo "ok   $name"; else echo "FAIL $name"; fail=1; fi
}
html=$(/usr/bin/wiremark "$seed")
check "html of the seed article: headline" grep -q '<h1>[^<]' <<< "$html"
check "html of the seed article: dateline" grep -q 'class="dateline">.*MOSCOW' <<< "$html"
json=$(/usr/bin/wiremark -t json "$seed")
check "json of the seed article" grep -q '"place":"MOSCOW"' <<< "$json"
check "json reads back" cmp -s <(printf '%s\n' "$json") <(/usr/bin/wiremark -f json -t json <<< "$json")
check "version" test "$(/usr/bin/wiremark --version)" = "wiremark $version"
check "man page wiremark(1)" test -n "$(man -w wiremark 2> /dev/null || ls /usr/share/man/man1/wiremark.1*)"
check "man page wiremark(3)" test -e "$(ls /usr/share/man/man3/wiremark.3* | head -n 1)"
check "bash completion" test -f /usr/share/bash-completion/completions/wiremark
check "zsh completion" test -f /usr/share/zsh/vendor-completions/_wiremark
check "pkg-config" test "$(pkg-config --modversion wiremark)" = "$version"
# shellcheck disable=SC2046
check "examples/to-html.c builds against the package" \
	cc -std=c11 -Wall -Werror -o "$work/to-html" "$root/examples/to-html.c" \
	$(pkg-config --cflags --libs wiremark)
check "and runs" grep -q '<h1>HARBOUR REOPENS AFTER STORM</h1>' <<< "$("$work/to-html")"
# Debian's python3 (not one earlier on the PATH), from a folder of its own
pyout=$(cd "$work" && env -u WIREMARK_LIBRARY -u PYTHONPATH /usr/bin/python3 -c \
	'import wiremark, wiremark.dask, sys; sys.stdout.write(wiremark.convert(open(sys.argv[1], "rb").read(), to="json", source=sys.argv[1]))' "$seed")
check "python3-wiremark: import wiremark, the seed article as JSON" \
	test "$pyout" = "$(/usr/bin/wiremark -t json "$seed")"
check "python3-wiremark: python3 -m wiremark --version" \
	test "$(cd "$work" && /usr/bin/python3 -m wiremark --version)" = "wiremark $version"
exit $fail

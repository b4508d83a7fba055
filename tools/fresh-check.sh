#!/usr/bin/env bash
# The quick start on a fresh machine: builds a minimal Debian 12 root with
# debootstrap, clones this repository into /root/wiremark inside it (a
# folder of mode 700, as on a real machine), and runs the README's two
# quick-start commands there, as root, exactly as the README writes them
# (read from the README, not copied here).  Then, in the same root, it runs
# the suite once more as an ordinary user, on a read-only clone in a path
# with spaces, built in a folder elsewhere.  Fails if any of it fails.
#
# usage: tools/fresh-check.sh [WORKDIR]      (as root; WORKDIR defaults to
#        /var/tmp/wiremark-fresh and is removed first)
# logs:  WORKDIR-logs/ (debootstrap, each command, the user's run), kept
# env:   WM_FRESH_MIRROR  the Debian mirror (default http://deb.debian.org/debian)
#        WM_FRESH_KEEP=1  keep the root afterwards (for a look inside)
#
# The clone is of the committed HEAD: what is not committed is not checked.
# ../shared is absent inside the root, as on a user's machine, so the tests
# that need it skip; the summary below lists every skip with its reason.
set -euo pipefail

repo=$(cd "$(dirname "$0")/.." && pwd)
work=${1:-/var/tmp/wiremark-fresh}
root=$work/root
logs=$work-logs   # kept after the root is removed
mirror=${WM_FRESH_MIRROR:-http://deb.debian.org/debian}

say() { printf '\n== fresh-check: %s\n' "$*"; }
die() { printf 'fresh-check: error: %s\n' "$*" >&2; exit 1; }

[ "$(id -u)" = 0 ] || die "run as root (debootstrap and chroot need it)"

# The README's quick-start commands: the one-line sh blocks of its
# "Quick start" section, in order (build and convert; build and test).
mapfile -t cmds < <(awk '
	/^## / { q = ($0 == "## Quick start") }
	q && /^```sh$/ { c = 1; next }
	q && /^```$/ { c = 0; next }
	q && c' "$repo/README.md")
[ "${#cmds[@]}" = 2 ] ||
	die "README.md's Quick start has ${#cmds[@]} command lines, expected 2"
printf 'command 1: %s\ncommand 2: %s\n' "${cmds[0]}" "${cmds[1]}"

for tool in debootstrap git; do
	command -v "$tool" >/dev/null || die "$tool is missing (apt-get install -y $tool)"
done

mounted=()
cleanup() {
	local i
	for ((i = ${#mounted[@]} - 1; i >= 0; i--)); do
		umount -l "${mounted[i]}" 2>/dev/null || true
	done
	if [ "${WM_FRESH_KEEP:-0}" != 1 ] && [ -d "$work" ]; then
		rm -rf --one-file-system "$work"
	fi
}
trap cleanup EXIT

rm -rf --one-file-system "$work" "$logs"
mkdir -p "$work" "$logs"

say "debootstrap: a minimal Debian 12 (bookworm) in $root"
t0=$SECONDS
debootstrap --variant=minbase bookworm "$root" "$mirror" >"$logs/debootstrap.log" 2>&1 ||
	{ tail -20 "$logs/debootstrap.log"; die "debootstrap failed"; }
echo "done in $((SECONDS - t0)) s"

# What a Debian 12 machine has: its package sources (with security
# updates) and a resolver.  This network's mirror may serve a frozen
# snapshot, so apt is told not to refuse an old Release file, as on the host.
cat >"$root/etc/apt/sources.list" <<EOF
deb $mirror bookworm main
deb $mirror bookworm-updates main
deb ${mirror%/debian}/debian-security bookworm-security main
EOF
echo 'Acquire::Check-Valid-Until "false";' >"$root/etc/apt/apt.conf.d/99fresh-check"
cp -L /etc/resolv.conf "$root/etc/resolv.conf"
# Where this network intercepts TLS with a certificate authority of its own
# (NODE_EXTRA_CA_CERTS on the host says so), npm in the root needs it too,
# as every machine here has it; on the open internet there is none.
# The host says so through NODE_EXTRA_CA_CERTS, npm's cafile, or CAs of its
# own in /usr/local/share/ca-certificates (then in its system bundle).
extra_ca= ca_file=
if [ -n "${NODE_EXTRA_CA_CERTS:-}" ] && [ -f "$NODE_EXTRA_CA_CERTS" ]; then
	ca_file=$NODE_EXTRA_CA_CERTS
elif command -v npm >/dev/null && ca_file=$(npm config get cafile 2>/dev/null) &&
	[ -n "$ca_file" ] && [ -f "$ca_file" ]; then
	:
elif compgen -G '/usr/local/share/ca-certificates/*.crt' >/dev/null &&
	[ -f /etc/ssl/certs/ca-certificates.crt ]; then
	ca_file=/etc/ssl/certs/ca-certificates.crt
else
	ca_file=
fi
if [ -n "$ca_file" ]; then
	cp -L "$ca_file" "$root/etc/fresh-check-network-ca.crt"
	extra_ca=NODE_EXTRA_CA_CERTS=/etc/fresh-check-network-ca.crt
	echo "npm in the root trusts the host's CAs ($ca_file)"
fi

for m in proc sys dev dev/pts; do
	mkdir -p "$root/$m"
done
mount -t proc proc "$root/proc" && mounted+=("$root/proc")
mount -t sysfs sys "$root/sys" && mounted+=("$root/sys")
mount --bind /dev "$root/dev" && mounted+=("$root/dev")
mount --bind /dev/pts "$root/dev/pts" && mounted+=("$root/dev/pts")
mkdir -p "$root/dev/shm"
mount -t tmpfs -o mode=1777 shm "$root/dev/shm" && mounted+=("$root/dev/shm")

say "git clone (HEAD $(git -C "$repo" rev-parse --short HEAD)) into /root/wiremark"
git clone --quiet --no-hardlinks "$repo" "$root/root/wiremark"
chmod 700 "$root/root"

# a login's environment, nothing of this machine's
in_root() {
	chroot "$root" /usr/bin/env -i HOME=/root TERM=dumb LANG=C.UTF-8 \
		PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
		DEBIAN_FRONTEND=noninteractive $extra_ca "$@"
}

status=0
summary() {
	# meson's totals, and each skipped test with the reason it printed
	local log=$1 testlog=$2
	grep -E '^(Ok|Expected Fail|Fail|Unexpected Pass|Skipped|Timeout): ' "$log" || true
	[ -f "$testlog" ] || return 0
	python3 - "$testlog" <<'PY'
import re, sys
text = open(sys.argv[1], encoding="utf-8", errors="replace").read()
for sec in re.split(r"\n=+ \d+/\d+ =+\n", text)[1:]:
    name = re.search(r"^test:\s+(.*)$", sec, re.M)
    result = re.search(r"^result:\s+(.*)$", sec, re.M)
    if not name or not result or "77" not in result.group(1):
        continue
    out = sec.split("-- stdout --", 1)[-1].splitlines()
    lines = [l.strip() for l in out[1:] if l.strip() and not l.startswith(("---", "==="))]
    why = next((l for l in lines if "skip" in l.lower()), lines[0] if lines else "(no reason printed)")
    print(f"skipped: {name.group(1).split(' / ')[-1]:<26} {why}")
PY
}

say "command 1 (build and convert a sample), as root in /root/wiremark"
t0=$SECONDS
if in_root bash -c "cd /root/wiremark && ${cmds[0]}" >"$logs/command1.log" 2>&1; then
	if [ -s "$root/root/wiremark/article.html" ]; then
		echo "passed in $((SECONDS - t0)) s; last lines:"
		tail -3 "$logs/command1.log"
	else
		echo "FAILED: the command passed but wrote no article.html"
		status=1
	fi
else
	tail -40 "$logs/command1.log"
	echo "FAILED: command 1 (log: $logs/command1.log)"
	status=1
fi

# Runs a test suite in the root: NAME, its build folder there, then the
# command; the log, meson's totals and each skip with its reason.
run_suite() {
	local name=$1 build=$2 t0=$SECONDS
	shift 2
	if in_root "$@" >"$logs/$name.log" 2>&1; then
		echo "passed in $((SECONDS - t0)) s"
	else
		tail -60 "$logs/$name.log"
		echo "FAILED: $name (log: $logs/$name.log)"
		status=1
	fi
	cp "$root$build/meson-logs/testlog.txt" "$logs/$name-testlog.txt" 2>/dev/null || true
	summary "$logs/$name.log" "$logs/$name-testlog.txt"
}

say "command 2 (build and run the tests), as root in /root/wiremark"
run_suite command2 /root/wiremark/build-tests bash -c "cd /root/wiremark && ${cmds[1]}"

# The same suite as an ordinary user, from a read-only clone in a path
# with spaces, built in a folder outside it (what command 2 installed is
# what this run has).  Only meson's part of command 2 is run: a user
# cannot apt-get.
say "the suite as an ordinary user: read-only clone in a path with spaces, build elsewhere"
in_root useradd --create-home --shell /bin/bash tester
src="/home/tester/a path with spaces/wiremark"
# from the first clone: the same commit, whatever lands in $repo meanwhile
git clone --quiet --no-hardlinks "$root/root/wiremark" "$root$src"
chroot "$root" chown -R tester: /home/tester
chmod -R a-w "$root$src"
run_suite user "/home/tester/build dir" su tester -c \
	"cd ~ && meson setup '/home/tester/build dir' '$src' -Dwerror=true >/dev/null && meson test -C '/home/tester/build dir' --print-errorlogs"

if [ "$status" = 0 ]; then
	say "passed"
else
	say "FAILED"
fi
exit "$status"

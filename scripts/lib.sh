# Shared by scripts/demo and scripts/check: install what is missing, build.
# shellcheck shell=bash

# Debian packages the build, the tests and the demo need.
SHINY_USAGE_PACKAGES="gcc make autoconf automake pkg-config
	libssh2-1-dev libssl-dev zlib1g-dev libcsv-dev
	libplplot-dev plplot-driver-cairo fonts-dejavu-core
	openssh-server openssh-client python3 tzdata"

say() { printf '==> %s\n' "$*"; }
die() { printf '%s: %s\n' "${0##*/}" "$*" >&2; exit 1; }

# Installs the packages that are not installed yet (apt-get, as root or
# through sudo). Does nothing when all are there.
ensure_packages() {
	local missing="" p
	for p in $SHINY_USAGE_PACKAGES; do
		dpkg-query -W -f='${Status}' "$p" 2>/dev/null |
			grep -q 'install ok installed' || missing="$missing $p"
	done
	[ -z "$missing" ] && return 0
	say "installing Debian packages:$missing"
	local sudo=""
	if [ "$(id -u)" -ne 0 ]; then
		command -v sudo >/dev/null ||
			die "run as root, or install these first:$missing"
		sudo=sudo
	fi
	$sudo apt-get update -q >/dev/null ||
		die "apt-get update failed"
	# Installing openssh-server must not start a system sshd for us.
	DEBIAN_FRONTEND=noninteractive RUNLEVEL=1 \
		$sudo apt-get install -y -q --no-install-recommends $missing >/dev/null ||
		die "apt-get install failed for:$missing"
}

# Builds out of tree in $1 (relative to the source tree) with extra
# configure arguments; prints nothing but errors unless VERBOSE is set.
build_in() {
	local dir=$1; shift
	[ -x "$SRCDIR/configure" ] || (cd "$SRCDIR" && ./autogen.sh >/dev/null 2>&1) ||
		die "autogen.sh failed (run it by hand to see why)"
	mkdir -p "$SRCDIR/$dir"
	(cd "$SRCDIR/$dir" &&
		{ [ -f Makefile ] || "$SRCDIR/configure" --enable-werror "$@" >configure.out 2>&1 ||
			{ cat configure.out >&2; exit 1; }; } &&
		make -j"$(nproc 2>/dev/null || echo 2)" >make.out 2>&1 ||
			{ tail -40 make.out >&2; exit 1; }) ||
		die "build in $dir failed"
}

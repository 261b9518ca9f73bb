#!/bin/sh
# Generates ./configure from configure.ac and Makefile.am.
set -e
cd "$(dirname "$0")"
mkdir -p build-aux m4
autoreconf --force --install --warnings=all
# The TAP driver ships with automake but is not copied by --add-missing.
for d in /usr/share/automake-*; do
	if [ -f "$d/tap-driver.sh" ]; then
		cp -f "$d/tap-driver.sh" build-aux/tap-driver.sh
		break
	fi
done
[ -f build-aux/tap-driver.sh ] || { echo "autogen.sh: automake's tap-driver.sh not found" >&2; exit 1; }

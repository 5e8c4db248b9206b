#!/bin/sh
# deps.sh — installs the Debian packages minka needs, only those missing.
# Runs apt-get as root (or through sudo). Set MINKA_NO_APT=1 to skip.
set -eu
PKGS="gcc make pkg-config clang libclang-rt-dev
libmicrohttpd-dev libsqlite3-dev sqlite3 libpq-dev libjansson-dev libsodium-dev libgmp-dev
libutf8proc-dev libcmark-dev libxlsxwriter-dev libhpdf-dev
postgresql postgresql-contrib wrk chromium poppler-utils fonts-dejavu-core"
[ "${MINKA_NO_APT:-}" = 1 ] && exit 0
missing=""
for p in $PKGS; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
done
# Node.js and npm (browser tests) may come from elsewhere than Debian: check the commands.
command -v node >/dev/null 2>&1 || missing="$missing nodejs"
command -v npm >/dev/null 2>&1 || missing="$missing npm"
[ -z "$missing" ] && exit 0
echo "deps: installing:$missing"
SUDO=""
if [ "$(id -u)" != 0 ]; then
	if command -v sudo >/dev/null 2>&1; then SUDO=sudo; else
		echo "deps: need root (or sudo) to install:$missing" >&2; exit 1; fi
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
# shellcheck disable=SC2086
$SUDO apt-get install -y -qq --no-install-recommends $missing >/dev/null

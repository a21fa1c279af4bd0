#!/usr/bin/env bash
# Install every Debian package motcua needs to build, test and demo.
# Idempotent: does nothing when all packages are already installed.
# Runs as root (CI and developer machines); uses sudo otherwise if present.
set -euo pipefail

PACKAGES=(
	postgresql-15
	postgresql-server-dev-15
	postgresql-15-pgtap
	libtap-parser-sourcehandler-pgtap-perl
	libcurl4-openssl-dev
	libssl-dev
	libipc-run-perl
	python3
	openssl
	clang
	libclang-rt-14-dev
	build-essential
	graphviz
)

missing=()
for p in "${PACKAGES[@]}"; do
	if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
		missing+=("$p")
	fi
done

if [ ${#missing[@]} -eq 0 ]; then
	echo "bootstrap: all ${#PACKAGES[@]} packages present"
	exit 0
fi

SUDO=""
if [ "$(id -u)" -ne 0 ]; then
	if command -v sudo >/dev/null 2>&1; then SUDO="sudo"; else
		echo "bootstrap: need root to install: ${missing[*]}" >&2
		exit 1
	fi
fi

echo "bootstrap: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -q
$SUDO apt-get install -y -q --no-install-recommends "${missing[@]}"
echo "bootstrap: done"

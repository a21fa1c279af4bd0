#!/usr/bin/env bash
# Install every Debian package motcua needs to build, test and demo, and
# the dashboard's npm packages (web/, from its committed lock file).
# Idempotent: does nothing when all packages are already installed and
# web/node_modules is newer than web/package-lock.json.
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
	chromium
	curl
	iproute2
	file
)

# install_packages: the Debian packages not installed yet
install_packages() {
	local missing=() p SUDO=""
	for p in "${PACKAGES[@]}"; do
		if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
			missing+=("$p")
		fi
	done

	if [ ${#missing[@]} -eq 0 ]; then
		echo "bootstrap: all ${#PACKAGES[@]} packages present"
		return 0
	fi

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
}

# web_packages: the dashboard's npm packages (Node.js 20 and npm are
# expected on the machine, not from Debian), installed exactly as locked
# when web/node_modules is missing or older than the lock file
web_packages() {
	local web
	web=$(cd "$(dirname "$0")/../web" && pwd)
	if [ -d "$web/node_modules" ] && [ "$web/node_modules" -nt "$web/package-lock.json" ]; then
		return 0
	fi
	if ! command -v npm >/dev/null 2>&1; then
		echo "bootstrap: npm not found: install Node.js 20 for the dashboard (web/)" >&2
		exit 1
	fi
	echo "bootstrap: npm ci in web/"
	(cd "$web" && npm ci --no-audit --no-fund)
	touch "$web/node_modules"
}

install_packages
web_packages

#!/usr/bin/env bash
# Install the named Debian packages that are missing. Quiet when all are present; a clear message
# (and a non-zero exit) when something is missing and this machine cannot install it.
set -euo pipefail
missing=()
for pkg in "$@"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
[ ${#missing[@]} -eq 0 ] && exit 0
echo "Installing OS packages: ${missing[*]}"
if ! command -v apt-get >/dev/null; then
    echo "error: missing OS packages (${missing[*]}) and no apt-get here; install them with your package manager" >&2
    exit 1
fi
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null

#!/usr/bin/env bash
# Installs Debian's python3-numpy and python3-sklearn when /usr/bin/python3 cannot import them, so that the tests of
# examples/external/ run (they skip, saying why, where no Python has them). Needs root and apt; otherwise says so.
set -uo pipefail
if /usr/bin/python3 -c "import numpy, sklearn" 2>/dev/null; then exit 0; fi
if [ "$(id -u)" -ne 0 ] || ! command -v apt-get >/dev/null; then
  echo "note: python3-sklearn is not installed and cannot be installed here (needs root and apt); the examples/external tests will be skipped"
  exit 0
fi
echo "installing python3-numpy and python3-sklearn for the examples/external tests"
export DEBIAN_FRONTEND=noninteractive
{ apt-get -o DPkg::Lock::Timeout=600 update && apt-get -o DPkg::Lock::Timeout=600 install -y python3-numpy python3-sklearn; } >/dev/null 2>&1 \
  || echo "note: installing python3-sklearn failed; the examples/external tests will be skipped"
exit 0

#!/usr/bin/env bash
# The report in a real browser: installs Debian's chromium and chromium-driver when missing (needs root and apt,
# as tests/slurm/run.sh installs Slurm), then runs tests/CollapseLab.Browser.Tests (Selenium WebDriver through
# chromedriver, headless, no network), which renders a small study's report and checks it: no console errors, every
# chart drew its marks, the headline matrices first and within the first screen, hover, toggles. The screenshot of
# the headline screen is kept in $COLLAPSE_TEST_ARTIFACTS (default tests/browser/artifacts/report-headline.png).
#
# Output ends with one line: "browser: N passed, N failed", or, only where Chromium cannot be installed here,
# "SKIP: …" followed by "browser: 0 passed, 0 failed, 1 skipped". Exit code: 0 passed or skipped, 1 failed.
set -uo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
export COLLAPSE_TEST_ARTIFACTS="${COLLAPSE_TEST_ARTIFACTS:-$root/tests/browser/artifacts}"
log="$(mktemp)"
trap 'rm -f "$log"' EXIT

skip() {
  echo "SKIP: browser test: $*"
  echo "browser: 0 passed, 0 failed, 1 skipped"
  exit 0
}

if ! command -v chromium >/dev/null || ! command -v chromedriver >/dev/null; then
  [ "$(id -u)" = 0 ] || skip "chromium is not installed and this user cannot install it (not root)"
  command -v apt-get >/dev/null || skip "chromium is not installed and there is no apt-get to install it"
  echo "[browser test] installing chromium chromium-driver"
  if ! { apt-get -o DPkg::Lock::Timeout=600 update -qq &&
         DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 install -y -qq --no-install-recommends chromium chromium-driver; } >"$log" 2>&1; then
    tail -n 20 "$log"
    skip "cannot install chromium with apt-get (output above)"
  fi
fi
export CHROMIUM="$(command -v chromium)" CHROMEDRIVER="$(command -v chromedriver)"

cd "$root"
dotnet build tests/CollapseLab.Browser.Tests -c Release -nologo -v quiet -clp:NoSummary >"$log" 2>&1 || { tail -n 30 "$log"; echo "browser: 0 passed, 1 failed"; exit 1; }
dotnet test tests/CollapseLab.Browser.Tests -c Release --no-build -nologo 2>&1 | tee "$log"
status="${PIPESTATUS[0]}"
read -r f p < <(sed -n 's/.*Failed: *\([0-9]*\), Passed: *\([0-9]*\),.*/\1 \2/p' "$log" | tail -n 1)
f="${f:-1}"; p="${p:-0}"
[ "$status" -ne 0 ] && [ "$f" -eq 0 ] && f=1
[ -f "$COLLAPSE_TEST_ARTIFACTS/report-headline.png" ] && echo "[browser test] screenshot: $COLLAPSE_TEST_ARTIFACTS/report-headline.png"
echo "browser: $p passed, $f failed"
[ "$f" -eq 0 ]

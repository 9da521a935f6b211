#!/bin/sh
# Installs the npm packages of the browser tests (tests/web/package.json:
# playwright-core and axe-core) with npm. Idempotent: nothing is done when
# node_modules already matches package-lock.json. No browser is ever
# downloaded: the tests drive Debian's /usr/bin/chromium.
set -eu
dir="$(cd "$(dirname "$0")/../tests/web" && pwd)"
cd "$dir"
stamp=node_modules/.installed-lock
if [ -f "$stamp" ] && [ -f package-lock.json ] && cmp -s package-lock.json "$stamp"; then
    exit 0
fi
# Debian's own nodejs comes without npm (a separate package); a machine
# whose nodejs ships npm already must not get Debian's, which conflicts.
if ! command -v npm >/dev/null 2>&1; then
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends npm >/dev/null
fi
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
if [ -f package-lock.json ]; then
    npm ci --no-audit --no-fund --loglevel=error >/dev/null
else
    npm install --no-audit --no-fund --loglevel=error >/dev/null
fi
cp package-lock.json "$stamp"

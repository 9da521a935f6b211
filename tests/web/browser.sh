#!/bin/sh
# Runs the browser test: installs its npm packages when needed, then drives
# Debian's Chromium through node. PMM names the pmm binary.
set -eu
here="$(cd "$(dirname "$0")" && pwd)"
"$here/../../scripts/install-node-deps.sh"
exec node "$here/browser_test.mjs"

#!/bin/sh
# Runs the browser test: installs its npm packages when needed, then drives
# Debian's Chromium through node. PMM names the pmm binary.
set -eu
here="$(cd "$(dirname "$0")" && pwd)"
"$here/../../scripts/install-node-deps.sh"
# An argument names another test file of this directory (browser_readers.mjs).
exec node "$here/${1:-browser_test.mjs}"

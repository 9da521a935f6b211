#!/bin/sh
# Installs the Debian packages that pmm's build and tests need.
# Idempotent: packages already present are skipped, and apt is not touched
# at all when nothing is missing. Must run as root on a fresh machine.
set -eu

PKGS="build-essential pkg-config meson ninja-build clang
libsqlite3-dev sqlite3 libmicrohttpd-dev libjansson-dev libcsv-dev
libxlsxwriter-dev libzip-dev libexpat1-dev libcairo2-dev libpango1.0-dev
libsodium-dev libutf8proc-dev libcmocka-dev gettext poppler-utils
libreoffice-calc unzip fonts-dejavu-core
chromium nodejs wrk nginx-light
libcurl4-openssl-dev python3-aiosmtpd
libreoffice-writer libpng-dev
libhyphen-dev hyphen-es hyphen-en-us
python3-jsonschema"   # issue 14: the OpenAPI and data-package tests validate with jsonschema; issue 12: test_report_docx opens the DOCX; PNG of its charts; hyphenation of the PDF

missing=""
for p in $PKGS; do
    if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
        missing="$missing $p"
    fi
done

if [ -z "$missing" ]; then
    exit 0
fi

echo "install-deps: installing:$missing"
if [ "$(id -u)" != 0 ]; then
    echo "install-deps: must run as root to install:$missing" >&2
    exit 1
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
# shellcheck disable=SC2086
apt-get install -y -qq --no-install-recommends $missing >/dev/null

#!/bin/sh
# Instructions executed by the whole `pmm report --format pdf` and
# `pmm compendio --format pdf` commands on the demo edition, counted by
# callgrind: the figure that does not depend on how loaded the machine is
# (docs/performance.md, issue 12). Also checks that every word of both
# documents sits where it sat with OTHER_PMM (pdftotext -bbox), when given,
# and whether cairo wrote the same streams (bench/pdf_streams.py): a change
# to how text is drawn should leave them byte for byte the same.
#
#     sh bench/pdf_instructions.sh PMM [OTHER_PMM]
set -eu
pmm=$(realpath "$1")
other=${2:+$(realpath "$2")}
tmp=$(mktemp -d /tmp/pmm-pdf-ir.XXXXXX)
trap 'rm -rf "$tmp"' EXIT
"$pmm" --db "$tmp/demo.db" demo >/dev/null
count() {   # BINARY COMMAND OUT: prints the instructions
    valgrind --tool=callgrind --callgrind-out-file="$tmp/cg" "$1" --db "$tmp/demo.db" "$2" --edition 2024 \
        --format pdf -o "$3" 2>&1 | sed -n 's/.*Collected : //p'
}
moved=0
for cmd in report compendio; do
    printf '%-10s %-40s %15s\n' "$cmd" "$pmm" "$(count "$pmm" $cmd "$tmp/new.pdf")"
    [ -n "$other" ] || continue
    printf '%-10s %-40s %15s\n' "$cmd" "$other" "$(count "$other" $cmd "$tmp/old.pdf")"
    for v in new old; do pdftotext -bbox "$tmp/$v.pdf" - | grep -v CreationDate >"$tmp/$v.bbox"; done
    if cmp -s "$tmp/new.bbox" "$tmp/old.bbox"; then echo "$cmd: every word at the same place"
    else echo "$cmd: WORDS MOVED"; diff "$tmp/old.bbox" "$tmp/new.bbox" | head -20; moved=1; fi
    printf '%s: ' "$cmd"; python3 "$(dirname "$0")/pdf_streams.py" "$tmp/old.pdf" "$tmp/new.pdf" || true
done
exit $moved

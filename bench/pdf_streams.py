#!/usr/bin/env python3
"""Whether two PDF files draw the same thing byte for byte: every stream
(pages, fonts, structure) inflated and compared, the creation date left
out. Used by bench/pdf_instructions.sh to show that a change to how pmm
draws text (issue 12, docs/performance.md) changed none of what cairo
writes.

    python3 bench/pdf_streams.py A.pdf B.pdf      (exit 1 when they differ)"""
import re
import sys
import zlib


def streams(path):
    data = open(path, "rb").read()
    out = []
    for m in re.finditer(rb"stream\r?\n(.*?)endstream", data, re.S):
        raw = m.group(1)
        try:
            raw = zlib.decompressobj().decompress(raw)
        except zlib.error:
            pass                    # not deflated: compared as it is
        out.append(re.sub(rb"/CreationDate \(D:[0-9Z+\-']*\)", b"", raw))
    return out


def main():
    a, b = streams(sys.argv[1]), streams(sys.argv[2])
    diff = [i for i, (x, y) in enumerate(zip(a, b)) if x != y]
    if len(a) != len(b) or diff:
        print("streams differ: %d against %d streams, %d differing (first: %s)"
              % (len(a), len(b), len(diff), diff[:5]))
        return 1
    print("the same %d streams" % len(a))
    return 0


if __name__ == "__main__":
    sys.exit(main())

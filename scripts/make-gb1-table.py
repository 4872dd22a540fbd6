#!/usr/bin/env python3
"""Generate src/pdf/adobe-gb1-ucs2.bin, the Adobe-GB1 CID → Unicode table that declx
uses for CID fonts of that ordering without a usable ToUnicode (issue #5).

    python3 scripts/make-gb1-table.py [path/to/Adobe-GB1-UCS2]

Source: Adobe's `Adobe-GB1-UCS2` CMap (cmap-resources, BSD-3-Clause, Copyright 1990-2020
Adobe; the licence is in src/pdf/adobe-gb1-ucs2.LICENSE). Debian's poppler-data ships it
as /usr/share/poppler/cMap/Adobe-GB1/Adobe-GB1-UCS2 (the default path). Not poppler-data's
cidToUnicode/Adobe-GB1, which is GPL.

Format (big-endian u16 words): N, then N words, word k the UTF-16 unit of CID k (0: no
mapping; a high surrogate: the CID is in the tail), then (CID, high, low surrogate)
triples for the few CIDs outside the BMP. A sequence (base + U+FE00 variation selector)
keeps its base character.
"""
import re
import struct
import sys
import os

src = sys.argv[1] if len(sys.argv) > 1 else "/usr/share/poppler/cMap/Adobe-GB1/Adobe-GB1-UCS2"
text = open(src, "rb").read().decode("latin-1")
if "Adobe_GB1_UCS2" not in text:
    sys.exit(f"{src}: not the Adobe-GB1-UCS2 CMap")


def units(hexstr):
    return [int(hexstr[i:i + 4], 16) for i in range(0, len(hexstr), 4)]


table = {}
for block in re.findall(r"beginbfchar(.*?)endbfchar", text, re.S):
    for cid, dst in re.findall(r"<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>", block):
        table[int(cid, 16)] = units(dst)
for block in re.findall(r"beginbfrange(.*?)endbfrange", text, re.S):
    for lo, hi, dst in re.findall(r"<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>",
                                  block):
        first = int(dst, 16)
        for cid in range(int(lo, 16), int(hi, 16) + 1):
            table[cid] = [first + cid - int(lo, 16)]

n = max(table) + 1
dense = [0] * n
tail = []
for cid, us in sorted(table.items()):
    if us[0] == 0xFFFD:
        continue
    if 0xD800 <= us[0] < 0xDC00 and len(us) >= 2:
        dense[cid] = us[0]
        tail.append((cid, us[0], us[1]))
    else:
        dense[cid] = us[0]
out = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "src", "pdf",
                   "adobe-gb1-ucs2.bin")
with open(out, "wb") as f:
    f.write(struct.pack(">H", n))
    f.write(struct.pack(f">{n}H", *dense))
    for t in tail:
        f.write(struct.pack(">3H", *t))
print(f"{out}: {n} CIDs, {sum(1 for u in dense if u)} mapped, {len(tail)} outside the BMP")

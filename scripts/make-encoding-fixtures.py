#!/usr/bin/env python3
"""Re-encode the UTF-8 seed declaration into the encodings declx must detect unaided.

Run from the repository root: python3 scripts/make-encoding-fixtures.py
The outputs are committed golden-test inputs; their text equals the seed's (the CRLF one
modulo line ends), so their expected JSON differs from the seed's only in `source`.
Note: the seed uses no character outside GBK, so the GB18030 file is byte-for-byte GBK
(plus CRLF) and is detected, truthfully, as GBK.
"""
from pathlib import Path

SEED = Path("fixtures/guangzhou-science-tech-2023.txt")
text = SEED.read_text(encoding="utf-8")
stem = SEED.with_suffix("")  # fixtures/guangzhou-science-tech-2023

# A text assembled from two exports: the budget and goal lines from a GBK one, the
# tasks and indicators from a UTF-8 one (split at the task table's label line).
lines = text.split("\n")
cut = next(i for i, l in enumerate(lines) if l.startswith("年度重点工作任务"))
mixed = "\n".join(lines[:cut]).encode("gbk") + b"\n" + "\n".join(lines[cut:]).encode("utf-8")

outputs = {
    "gbk": text.encode("gbk"),
    "mixed-gbk-utf8": mixed,
    "gb18030-crlf": text.replace("\n", "\r\n").encode("gb18030"),
    "utf16le-bom": b"\xff\xfe" + text.encode("utf-16-le"),
    "utf8-bom": b"\xef\xbb\xbf" + text.encode("utf-8"),
}
for suffix, data in outputs.items():
    out = Path(f"{stem}.{suffix}.txt")
    out.write_bytes(data)
    print(f"{out}: {len(data)} bytes")

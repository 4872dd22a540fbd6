"""OCR noise sweep: how a whole record degrades under the noise OCR engines really make.

Each clean form is read by declx; then one noise kind at a time is applied to its text at
a few rates (seeded, so every run makes the same noisy texts), and each noisy record is
compared with the clean text's record: top-level fields, budget amounts, tasks
(name and amount), indicator rows (levels, level-3 name, thresholds of both targets).

    python3 scripts/ocr_noise_sweep.py [FORM.txt ...]
    cargo test --test ocr_sweep -- --ignored --nocapture   # held-out, seed and synth forms

Env: OCR_BIN (declx binary, default target/debug/declx), OCR_OUT (work dir for the noisy
texts, default /tmp/ocr-sweep), OCR_KINDS=a,b (only these kinds), OCR_RATES=0.05,0.2,
OCR_SEEDS=1,2 (noise seeds), OCR_JSON=path (also write the table as JSON),
OCR_SHOW=kind:rate (print each lost item of that cell of the table).

Texts are free text, not only labels: noise lands in goals, task texts and targets too,
so free text is compared with white space removed and a similarity floor (0.8; 0.7 for names of six chars or fewer), while
amounts (yuan), level-1/level-2 names and thresholds (op, values, unit) must be equal.
"""
import difflib
import json
import os
import random
import re
import subprocess
import sys
import unicodedata
from collections import defaultdict

BIN = os.environ.get("OCR_BIN", "target/debug/declx")
OUT = os.environ.get("OCR_OUT", "/tmp/ocr-sweep")
RATES = [float(r) for r in os.environ.get("OCR_RATES", "0.05,0.2,0.5").split(",")]
SEEDS = [int(s) for s in os.environ.get("OCR_SEEDS", "1,2").split(",")]

# --- noise kinds -------------------------------------------------------------------
# Each takes (text, rate, rng) and returns the noisy text. Rates are per chance (per
# digit, per sign, per cell, ...), so 0.5 is heavy.

NUM = re.compile(r"\d+(?:[.,]\d+)*")

# Letter shapes OCR engines give for digits (Tesseract, PaddleOCR, ABBYY, WPS 图片转文字).
ZERO_ONE = {"0": ["O", "o", "〇"], "1": ["l", "I", "丨"]}
OTHER_DIGITS = {"5": ["S"], "8": ["B"], "2": ["Z"], "6": ["b"]}


def _digit_noise(table):
    def apply(text, rate, rng):
        def sub(m):
            s = list(m.group(0))
            digits = [i for i, c in enumerate(s) if c.isdigit()]
            # A human still reads a number: at least one real digit stays.
            if len(digits) < 2:
                return m.group(0)
            cand = [i for i in digits if s[i] in table]
            rng.shuffle(cand)
            changed = 0
            for i in cand:
                if changed + 1 >= len(digits):
                    break
                if rng.random() < rate:
                    s[i] = rng.choice(table[s[i]])
                    changed += 1
            return "".join(s)

        return NUM.sub(sub, text)

    return apply


def decimal_point(text, rate, rng):
    return re.sub(
        r"(?<=\d)\.(?=\d)",
        lambda m: rng.choice(["。", "．", ",", "·"]) if rng.random() < rate else ".",
        text,
    )


def thousands_sep(text, rate, rng):
    return re.sub(
        r"(?<=\d),(?=\d{3}(?!\d))",
        lambda m: rng.choice(["，", "、", ".", " "]) if rng.random() < rate else ",",
        text,
    )


def comparison(text, rate, rng):
    ge = [">=", "＞＝", "》", "≧", "大于等于"]
    le = ["<=", "≦", "《"]

    def sub(m):
        if rng.random() >= rate:
            return m.group(0)
        return rng.choice(ge if m.group(0) == "≥" else le)

    return re.sub("[≥≤]", sub, text)


def percent(text, rate, rng):
    # `96` for `%` is not made: `≥9096` cannot be told from a number (see README).
    return re.sub("%", lambda m: "％" if rng.random() < rate else "%", text)


def fullwidth(text, rate, rng):
    def fw(c):
        # Not `"`: OCR output has no spreadsheet quoting to turn full-width.
        if "!" <= c <= "~" and c != '"' and rng.random() < rate:
            return chr(ord(c) + 0xFEE0)
        return c

    return "".join(fw(c) for c in text)


# Similar glyphs OCR confuses in CJK labels and text (both directions).
GLYPHS = [
    "己已巳", "未末", "士土", "曰日", "人入", "拔拨", "指措", "效郊", "务条", "标栎",
    "度废", "目自", "出山", "金全", "额頟", "性姓", "支攴", "质贡", "量最", "济挤",
    "态杰", "满瞒", "意竟", "象橡", "名各", "入八", "投设", "资贸",
]
SWAP = {}
for group in GLYPHS:
    for c in group:
        SWAP.setdefault(c, set()).update(x for x in group if x != c)
SWAP = {c: sorted(v) for c, v in SWAP.items() if v}


def cjk_glyph(text, rate, rng):
    return "".join(
        rng.choice(SWAP[c]) if c in SWAP and rng.random() < rate else c for c in text
    )


def tabs_lost(text, rate, rng):
    return re.sub(
        "\t", lambda m: " " * rng.randint(2, 4) if rng.random() < rate else "\t", text
    )


def _width(s):
    """Display columns of `s` (CJK and full-width forms take two)."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in s)


def _wrap_at(c, rng):
    """Where OCR wraps cell text `c` (3 chars in from either end at least): anywhere in
    CJK text, never inside a Latin word or a number (None when there is no place)."""
    def solid(x):
        # ASCII or its full-width forms (`１４７，９７９．１３` is one number too).
        return (x.isascii() or "\uff01" <= x <= "\uff5e") and not x.isspace()

    def latin_join(k):
        # The chars either side of the break, a single space between them skipped
        # (`392, 000. 00` is one number an OCR engine spaced).
        a = c[k - 1] if c[k - 1] != " " or k < 2 else c[k - 2]
        b = c[k] if c[k] != " " or k + 1 >= len(c) else c[k + 1]
        return solid(a) and solid(b)

    ks = [k for k in range(3, len(c) - 2) if not latin_join(k)]
    return rng.choice(ks) if ks else None


def cell_split(text, rate, rng):
    """A long cell broken over two lines, as an OCR engine breaks a cell that wraps at
    its box edge: the cell's first part stays on its row, the rest goes on the next
    line in the same column, the other cells of that line empty. Several cells of one
    row may wrap; their rests share the one continuation line.

    Tab rows keep their cell count on the continuation line (`\t\t续\t\t`); pipe
    rows their pipes (`| | 续 | |`); space-aligned rows put the rest under the cell's
    first character (display columns); a line that is one cell (one cell per line)
    goes on with its rest on a line of its own."""
    out = []
    for line in text.split("\n"):
        if "\t" in line:
            cells = line.split("\t")
            rest = [""] * len(cells)
            for i, c in enumerate(cells):
                k = _wrap_at(c, rng) if len(c) >= 8 and rng.random() < rate else None
                if k:
                    cells[i], rest[i] = c[:k], c[k:]
            out.append("\t".join(cells))
            if any(rest):
                out.append("\t".join(rest))
        elif line.lstrip().startswith(("|", "｜")) and line.count("|") >= 3:
            cells = line.split("|")
            rest = [""] * len(cells)
            # The text outside the first and last pipe is no cell.
            for i in range(1, len(cells) - 1):
                c = cells[i].strip()
                k = _wrap_at(c, rng) if len(c) >= 8 and rng.random() < rate else None
                if k:
                    cells[i], rest[i] = f" {c[:k]} ", f" {c[k:]} "
            out.append("|".join(cells))
            if any(rest):
                inner = [r or " " for r in rest[1:-1]]
                out.append("|".join([cells[0]] + inner + [""]).rstrip())
        elif re.search(r"\S {2,}\S", line):
            # Space-aligned: cells are the runs between two or more spaces.
            parts = re.split(r"( {2,})", line)
            rest_line = ""
            col = 0
            for i, c in enumerate(parts):
                body = c.strip()
                k = None
                if i % 2 == 0 and len(body) >= 8 and rng.random() < rate:
                    k = _wrap_at(body, rng)
                if k:
                    lead = len(c) - len(c.lstrip())
                    head, tail = body[:k], body[k:]
                    # The row keeps its other cells where they stand.
                    parts[i] = " " * lead + head + " " * (_width(body) - _width(head))
                    at = col + lead
                    rest_line += " " * max(at - _width(rest_line), 1 if rest_line else 0) + tail
                col += _width(parts[i])
            out.append("".join(parts).rstrip())
            if rest_line:
                out.append(rest_line)
        else:
            c = line
            k = _wrap_at(c, rng) if len(c) >= 8 and rng.random() < rate else None
            if k:
                c = c[:k] + "\n" + c[k:]
            out.append(c)
    return "\n".join(out)


def table_rules(text, rate, rng):
    """Stray `|`, `丨`, `_`, `—` where the scan's table rules were read as text: at a
    cell's start or end, or as the only text of an empty cell. An empty cell gets a
    stroke (`|`, `｜`, `丨`, `_`), never `—`: a lone `—` is the form's placeholder, which
    no reader can tell from a rule read as one, and an engine reads a border crossing an
    empty box as a stroke."""
    out = []
    for line in text.split("\n"):
        cells = line.split("\t")
        for i, c in enumerate(cells):
            if rng.random() < rate:
                if not c.strip():
                    cells[i] = c + rng.choice(["|", "_", "｜", "丨"])
                    continue
                mark = rng.choice(["|", "_", "—", "｜", "丨"])
                w = _width(mark)
                if rng.random() >= 0.5:
                    cells[i] = c + mark
                elif c.startswith(" " * (w + 1)):
                    # An indented line of a space-aligned text: the border stands in
                    # the margin, where the engine places it, and the text keeps its
                    # column.
                    cells[i] = mark + c[w:]
                else:
                    cells[i] = mark + c
        out.append("\t".join(cells))
    return "\n".join(out)


KINDS = {
    "zero_one": _digit_noise(ZERO_ONE),
    "digit_letters": _digit_noise(OTHER_DIGITS),
    "decimal_point": decimal_point,
    "thousands_sep": thousands_sep,
    "comparison": comparison,
    "percent": percent,
    "fullwidth": fullwidth,
    "cjk_glyph": cjk_glyph,
    "tabs_lost": tabs_lost,
    "cell_split": cell_split,
    "table_rules": table_rules,
}

# --- records -----------------------------------------------------------------------


def decode(data):
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8")
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        return data.decode("utf-16")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("gb18030")


def extract(paths):
    """declx's records of `paths`, in order (one run of the binary)."""
    out = subprocess.run(
        [BIN, "extract", "-q", "--fail-on", "never", "--jobs", "2", *paths],
        capture_output=True,
    )
    recs = [json.loads(l) for l in out.stdout.decode().splitlines() if l.strip()]
    assert len(recs) == len(paths), out.stderr.decode()[-2000:]
    return recs


def squash(s):
    return "".join(c for c in s if not c.isspace()) if isinstance(s, str) else s


def similar(a, b):
    a, b = squash(a), squash(b)
    if a is None or b is None:
        return a is b
    if a == b:
        return True
    # One char misread in a short name (财政拔款) is still that name.
    floor = 0.8 if max(len(a), len(b)) > 6 else 0.7
    return difflib.SequenceMatcher(None, a, b, autojunk=False).ratio() >= floor


def yuan(a):
    return None if a is None else (a.get("yuan"), a.get("value"))


def thr(t):
    return [
        (x["op"], x.get("value"), x.get("min"), x.get("max"), x.get("base_value"),
         x.get("base_min"), x.get("base_max"), x.get("base_unit"))
        for x in t.get("thresholds", [])
    ]


def item_key(kind):
    """(strict key, loose test) for one kind of item."""
    if kind == "budget":
        return (lambda i: yuan(i.get("amount")), lambda a, b: similar(a.get("name"), b.get("name")))
    if kind == "task":
        return (lambda t: yuan(t.get("amount")), lambda a, b: similar(a.get("name"), b.get("name")))
    return (
        lambda r: (r.get("level1"), r.get("level2"), thr(r["period_target"]), thr(r["annual_target"])),
        lambda a, b: similar(a.get("level3"), b.get("level3")),
    )


def aligned(want, got, kind):
    """How many of `want`'s items are found in `got`, in order (strict key equal, loose
    text similar), and the lost ones."""
    strict, loose = item_key(kind)
    j = 0
    found, lost = 0, []
    for w in want:
        for k in range(j, len(got)):
            if strict(w) == strict(got[k]) and loose(w, got[k]):
                found += 1
                j = k + 1
                break
        else:
            lost.append(w)
    return found, lost


FIELDS = ["title", "department", "overall_goal", "other_tasks"]


def compare(want, got):
    """Counts (kept, total) per aspect, and the lost items."""
    c = {}
    lost = []
    if got.get("error"):
        # An error record keeps nothing of the clean one.
        got = {"tasks": [], "indicators": [], "budget": None}
        lost.append(("error",))
    f = [k for k in FIELDS if want.get(k)]
    kept = [k for k in f if similar(want.get(k), got.get(k))]
    c["fields"] = (len(kept), len(f))
    lost += [("field", k, got.get(k)) for k in f if k not in kept]
    wb = (want.get("budget") or {}).get("items", [])
    gb = (got.get("budget") or {}).get("items", [])
    n, l = aligned(wb, gb, "budget")
    c["amounts"] = (n, len(wb))
    lost += [("amount", x.get("name"), yuan(x.get("amount"))) for x in l]
    n, l = aligned(want["tasks"], got["tasks"], "task")
    c["tasks"] = (n, len(want["tasks"]))
    lost += [("task", x.get("name"), yuan(x.get("amount"))) for x in l]
    n, l = aligned(want["indicators"], got["indicators"], "indicator")
    c["rows"] = (n, len(want["indicators"]))
    lost += [("row", x.get("level2"), x.get("level3"), x["period_target"].get("text")) for x in l]
    extra = (len(gb) - len(wb)) + (len(got["tasks"]) - len(want["tasks"])) + (
        len(got["indicators"]) - len(want["indicators"]))
    whole = all(k == t for k, t in c.values()) and extra == 0
    c["whole"] = (int(whole), 1)
    return c, lost


def main():
    forms = sys.argv[1:]
    if not forms:
        sys.exit(__doc__)
    kinds = os.environ.get("OCR_KINDS")
    kinds = kinds.split(",") if kinds else list(KINDS)
    show = os.environ.get("OCR_SHOW")
    os.makedirs(OUT, exist_ok=True)
    clean_paths, texts = [], []
    for f in forms:
        with open(f, "rb") as fh:
            text = decode(fh.read()).replace("\r\n", "\n")
        name = os.path.basename(f).rsplit(".", 1)[0]
        p = os.path.join(OUT, f"{name}.clean.txt")
        with open(p, "w", encoding="utf-8") as fh:
            fh.write(text)
        clean_paths.append(p)
        texts.append((name, text))
    clean = extract(clean_paths)
    jobs, paths = [], []
    for kind in kinds:
        for rate in RATES:
            for seed in SEEDS:
                for (name, text), want in zip(texts, clean):
                    if want.get("error"):
                        continue
                    rng = random.Random(f"{kind}/{rate}/{seed}/{name}")
                    noisy = KINDS[kind](text, rate, rng)
                    p = os.path.join(OUT, f"{name}.{kind}-{rate}-{seed}.txt")
                    with open(p, "w", encoding="utf-8") as fh:
                        fh.write(noisy)
                    jobs.append((kind, rate, name, want, noisy != text))
                    paths.append(p)
    got = extract(paths)
    table = defaultdict(lambda: defaultdict(lambda: [0, 0]))
    for (kind, rate, name, want, changed), g, p in zip(jobs, got, paths):
        c, lost = compare(want, g)
        cell = table[(kind, rate)]
        for k, (a, b) in c.items():
            cell[k][0] += a
            cell[k][1] += b
        cell["repaired"][0] += any(
            w["code"] == "ocr_repaired" for w in g.get("warnings", []))
        cell["repaired"][1] += 1
        if show == f"{kind}:{rate}" and lost:
            print(f"--- {p}")
            for x in lost:
                print("   ", x)
    cols = ["whole", "fields", "amounts", "tasks", "rows", "repaired"]
    print(f"{'kind':<14} {'rate':>5} " + " ".join(f"{c:>13}" for c in cols))
    rows = []
    for (kind, rate), cell in table.items():
        vals = [cell[c] for c in cols]
        print(f"{kind:<14} {rate:>5} " + " ".join(f"{a:>6}/{b:<6}" for a, b in vals))
        rows.append({"kind": kind, "rate": rate, **{c: cell[c] for c in cols}})
    if os.environ.get("OCR_JSON"):
        with open(os.environ["OCR_JSON"], "w") as fh:
            json.dump(rows, fh, indent=1)


if __name__ == "__main__":
    main()

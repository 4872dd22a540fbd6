#!/usr/bin/env python3
"""Score declx on hand-written declarations, as written and re-laid into the two other
text shapes earlier rounds used.

    python3 scripts/tf_forms.py DECLX [FORMDIR] [--out DIR] [-v] [--only NAME…]

FORMDIR (default tests/tf-forms/tf17) holds `<name>.txt` (in whatever encoding the form
claims) and `<name>.truth.json`, written by hand from the form in the truth format of
tests/heldout/README.md. Each form is read in three layouts:

  asis     the file as written (its own encoding, line ends and table shape)
  spaced   space-aligned rows: every cell padded with a run of spaces to its column's
           width (CJK and full-width characters count two columns), leading empty cells
           as indentation, trailing ones dropped (text copied from a fixed-width print)
  percell  one cell a line: every non-empty cell on its own line, no blank line between
           rows (a PDF viewer's or OCR's copy); `--blank` puts a blank line between rows

The re-laid files are UTF-8 (the re-lay changes the shape, not the encoding) and are
written to DIR (default a temporary directory). Rows are the file's lines split at tabs,
or at `|`/`丨` for a pipe table (OCR reads `|` as `丨`).

DECLX is run once per layout on all forms (`extract -q --fail-on never`), and each record
is scored field by field as tests/heldout.rs scores it (department, title, budget unit and
items by name then section, tasks by name, indicators by level 3 then level 2, the annual
target's thresholds in order, other-field labels, other_tasks, checks; extra items, tasks,
indicators, thresholds and failed checks the truth does not list cost a point). A form is
fully right when no field misses. Prints per layout the count fully right and per form its
misses (`-v`: every mismatch; otherwise the count and the first few).
"""

import argparse
import json
import subprocess
import sys
import tempfile
import unicodedata
from decimal import Decimal, InvalidOperation
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LAYOUTS = ("asis", "spaced", "percell")


# ---------------------------------------------------------------- reading the forms


def decode(b: bytes) -> str:
    if b.startswith(b"\xef\xbb\xbf"):
        return b[3:].decode("utf-8")
    if b[:2] == b"\xff\xfe":
        return b[2:].decode("utf-16-le")
    if b[:2] == b"\xfe\xff":
        return b[2:].decode("utf-16-be")
    for enc in ("utf-8", "gb18030", "big5"):
        try:
            return b.decode(enc)
        except UnicodeDecodeError:
            pass
    return b.decode("utf-8", "replace")


def rows_of(text: str):
    """The form's rows of cells: tab lines split at tabs, pipe lines at `|`/`丨`, any
    other line one cell (a blank line stays an empty row: a page break)."""
    rows = []
    for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        s = line.strip()
        if "\t" in line:
            rows.append([c.strip() for c in line.split("\t")])
        elif s[:1] in ("|", "丨") and s[-1:] in ("|", "丨") and len(s) > 1:
            inner = s[1:-1].replace("丨", "|")
            rows.append([c.strip() for c in inner.split("|")])
        else:
            rows.append([s])
    while rows and rows[-1] == [""]:
        rows.pop()
    return rows


def width(s: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1 for ch in s)


def spaced(rows) -> str:
    """Cells padded to their column's width (long cells, such as goals and contents, do
    not widen their column; they are followed by the run of spaces alone)."""
    ncol = max((len(r) for r in rows), default=0)
    widths = [0] * ncol
    for r in rows:
        if len(r) < 2:
            continue
        for i, c in enumerate(r):
            w = width(c)
            if w <= 40:
                widths[i] = max(widths[i], w)
    out = []
    for r in rows:
        cells = list(r)
        while cells and cells[-1] == "":
            cells.pop()
        if len(cells) <= 1:
            out.append(cells[0] if cells else "")
            continue
        line = ""
        for i, c in enumerate(cells):
            if i == len(cells) - 1:
                line += c
            else:
                line += c + " " * (max(widths[i] - width(c), 0) + 3)
        out.append(line.rstrip())
    return "\n".join(out) + "\n"


def percell(rows, blank: bool) -> str:
    out = []
    for r in rows:
        cells = [c for c in r if c]
        if not cells:
            continue
        out.extend(cells)
        if blank:
            out.append("")
    return "\n".join(out) + "\n"


# ---------------------------------------------------------------- scoring (tests/heldout.rs)


def text(v):
    if isinstance(v, str):
        v = v.strip()
        return v or None
    return None


def dec(v):
    if v is None or isinstance(v, bool):
        return None
    try:
        return Decimal(str(v).strip()).normalize()
    except (InvalidOperation, ValueError):
        return None


class Score:
    def __init__(self):
        self.right = 0
        self.total = 0
        self.misses = []
        self.quiet = False

    def field(self, ok, what):
        self.total += 1
        if ok:
            self.right += 1
        elif not self.quiet:
            self.misses.append(what() if callable(what) else what)


def pair(truth, got, keys):
    used = [False] * len(got)
    out = [None] * len(truth)
    for key in keys:
        for ti, t in enumerate(truth):
            if out[ti] is not None:
                continue
            for gi, g in enumerate(got):
                if not used[gi] and key(t, g):
                    used[gi] = True
                    out[ti] = gi
                    break
    for ti in range(len(truth)):
        if out[ti] is None and ti < len(got) and not used[ti]:
            used[ti] = True
            out[ti] = ti
    return out


def unpaired(n, pairs):
    return [i for i in range(n) if i not in pairs]


def score_budget(s, truth, rec):
    wu, gu = text(truth.get("budget_unit")), text((rec.get("budget") or {}).get("unit"))
    s.field(wu == gu, lambda: f"budget.unit: want {wu} got {gu}")
    want = truth.get("budget") or []
    got = (rec.get("budget") or {}).get("items") or []

    def same_name(t, g):
        return text(t.get("name")) == text(g.get("name"))

    def same_both(t, g):
        return same_name(t, g) and text(t.get("section")) == text(g.get("section"))

    pairs = pair(want, got, [same_both, same_name])
    for t, p in zip(want, pairs):
        g = got[p] if p is not None else {}
        label = f"{text(t.get('section')) or ''}/{text(t.get('name')) or ''}"
        for key in ("section", "name"):
            w, h = text(t.get(key)), text(g.get(key))
            s.field(w == h, lambda w=w, h=h, key=key: f"budget {label}: {key} want {w} got {h}")
        w = dec(t.get("yuan"))
        a = g.get("amount") or {}
        h = dec(a.get("yuan"))
        s.field(w == h, lambda w=w, h=h, a=a: f"budget {label}: yuan want {w} got {h} (raw {a.get('raw')})")
    for i in unpaired(len(got), pairs):
        g = got[i]
        s.field(False, f"unexpected budget item {g.get('section')}/{g.get('name')} = {(g.get('amount') or {}).get('yuan')}")


def score_tasks(s, truth, rec):
    want = truth.get("tasks") or []
    got = rec.get("tasks") or []
    pairs = pair(want, got, [lambda t, g: text(t.get("name")) == text(g.get("name"))])
    for t, p in zip(want, pairs):
        g = got[p] if p is not None else {}
        w, h = text(t.get("name")), text(g.get("name"))
        s.field(w == h, lambda w=w, h=h: f"task name: want {w} got {h}")
        wy = dec(t.get("yuan"))
        a = g.get("amount") or {}
        hy = dec(a.get("yuan"))
        s.field(wy == hy, lambda w=w, wy=wy, hy=hy, a=a: f"task {w}: yuan want {wy} got {hy} (raw {a.get('raw')})")
    for i in unpaired(len(got), pairs):
        g = got[i]
        s.field(False, f"unexpected task {text(g.get('name'))} = {dec((g.get('amount') or {}).get('yuan'))}")


def thr_value(t):
    if t.get("op") == "between":
        return f"{dec(t.get('min'))}..{dec(t.get('max'))}"
    return str(dec(t.get("value")))


def thr_show(t):
    return f"{t.get('op')} {thr_value(t)} {t.get('unit')}"


def score_thresholds(s, label, want, got):
    if not got and want:
        s.misses.append(f"{label}: want [{', '.join(thr_show(t) for t in want)}] got none")
        was, s.quiet = s.quiet, True
        for _ in range(len(want) * 3):
            s.field(False, "")
        s.quiet = was
        return
    for i, t in enumerate(want):
        g = got[i] if i < len(got) else None
        wop, hop = text(t.get("op")), text(g.get("op")) if g else None
        s.field(wop == hop, lambda: f"{label} thr {i}: op want {wop} got {hop}")
        wv, hv = thr_value(t), thr_value(g) if g else "missing"
        s.field(wv == hv, lambda: f"{label} thr {i}: value want {wv} got {hv}")
        wu, hu = text(t.get("unit")), text(g.get("unit")) if g else None
        s.field(wu == hu, lambda: f"{label} thr {i}: unit want {wu} got {hu}")
    for g in got[len(want):]:
        s.field(False, f"{label}: unexpected threshold {thr_show(g)}")


def score_indicators(s, truth, rec):
    want = truth.get("indicators") or []
    got = rec.get("indicators") or []

    def same_l3(t, g):
        l3 = text(t.get("level3"))
        return l3 is not None and l3 == text(g.get("level3"))

    def empty_same_l2(t, g):
        return (
            text(t.get("level3")) is None
            and text(g.get("level3")) is None
            and text(t.get("level2")) == text(g.get("level2"))
        )

    pairs = pair(want, got, [same_l3, empty_same_l2])
    for i, (t, p) in enumerate(zip(want, pairs)):
        g = got[p] if p is not None else {}
        label = f"indicator {i} ({text(t.get('level3')) or text(t.get('level2')) or ''})"
        for key in ("level1", "level2", "level3"):
            w, h = text(t.get(key)), text(g.get(key))
            s.field(w == h, lambda w=w, h=h, key=key: f"{label}: {key} want {w} got {h}")
        annual = (g.get("annual_target") or {}).get("thresholds") or []
        score_thresholds(s, label, t.get("thresholds") or [], annual)
    for gi in unpaired(len(got), pairs):
        g = got[gi]
        s.field(False, f"unexpected indicator {g.get('level1')} / {g.get('level2')} / {g.get('level3')}")


def score_other(s, truth, rec):
    labels = [text(f.get("label")) for f in rec.get("other_fields") or []]
    for lab in truth.get("other_fields_labels") or []:
        s.field(lab in labels, lambda lab=lab: f"other_fields: label {lab} missing (got {labels})")
    if "other_tasks" in truth:
        w, h = text(truth.get("other_tasks")), text(rec.get("other_tasks"))
        s.field(w == h, lambda: f"other_tasks: want {w} got {h}")


def score_checks(s, truth, rec):
    got = rec.get("checks") or []
    want = truth.get("checks") or {}
    for rule, ok in want.items():
        of_rule = [c for c in got if c.get("rule") == rule]
        right = bool(of_rule) and all(c.get("ok") is ok for c in of_rule)
        s.field(right, lambda rule=rule, ok=ok, of_rule=of_rule: f"check {rule}: want ok={ok}, got "
                + ("not reported" if not of_rule else "; ".join(c.get("message", "") + f" ok={c.get('ok')}" for c in of_rule)))
    for c in got:
        if c.get("rule") not in want and c.get("ok") is False:
            s.field(False, f"false finding: {c.get('rule')}: {c.get('message')}")


def score(truth, rec):
    s = Score()
    if rec.get("error"):
        s.misses.append(f"error record: {rec['error']}")
        s.quiet = True
    for key in ("department", "title"):
        w, h = text(truth.get(key)), text(rec.get(key))
        s.field(w == h, lambda w=w, h=h, key=key: f"{key}: want {w} got {h}")
    score_budget(s, truth, rec)
    score_tasks(s, truth, rec)
    score_indicators(s, truth, rec)
    score_other(s, truth, rec)
    score_checks(s, truth, rec)
    return s


# ---------------------------------------------------------------- running


def run(declx, paths):
    out = subprocess.run(
        [declx, "extract", "-q", "--fail-on", "never", "--jobs", "2", *map(str, paths)],
        capture_output=True,
        text=True,
    )
    recs = [json.loads(line) for line in out.stdout.splitlines() if line.strip()]
    if len(recs) != len(paths):
        sys.exit(f"{declx}: {len(recs)} records for {len(paths)} inputs\n{out.stderr}")
    return recs


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("declx")
    ap.add_argument("formdir", nargs="?", default=str(ROOT / "tests/tf-forms/tf17"))
    ap.add_argument("--out", help="where the re-laid files go (default: a temp dir)")
    ap.add_argument("--blank", action="store_true", help="one cell a line: blank line between rows")
    ap.add_argument("-v", action="store_true", help="print every mismatch")
    ap.add_argument("--only", nargs="*", help="form names (stems) to run")
    a = ap.parse_args()

    forms = sorted(p for p in Path(a.formdir).glob("*.txt") if p.with_suffix(".truth.json").exists())
    if a.only:
        forms = [p for p in forms if any(p.stem.startswith(o) for o in a.only)]
    out = Path(a.out) if a.out else Path(tempfile.mkdtemp(prefix="tf_forms."))
    out.mkdir(parents=True, exist_ok=True)
    paths = {lay: [] for lay in LAYOUTS}
    for p in forms:
        rows = rows_of(decode(p.read_bytes()))
        paths["asis"].append(p)
        for lay, body in (("spaced", spaced(rows)), ("percell", percell(rows, a.blank))):
            q = out / f"{p.stem}.{lay}.txt"
            q.write_text(body, encoding="utf-8")
            paths[lay].append(q)
    summary = []
    for lay in LAYOUTS:
        recs = run(a.declx, paths[lay])
        full = 0
        right = total = 0
        print(f"== {lay}")
        for p, rec in zip(forms, recs):
            truth = json.loads(p.with_suffix(".truth.json").read_text(encoding="utf-8"))
            s = score(truth, rec)
            right += s.right
            total += s.total
            if not s.misses and s.right == s.total:
                full += 1
                continue
            print(f"  {p.stem}: {s.right}/{s.total}, {len(s.misses)} misses")
            for m in s.misses if a.v else s.misses[:4]:
                print(f"      {m}")
        summary.append(f"{lay:<8} fully right {full}/{len(forms)}   fields {right}/{total}")
    print("\n".join(summary))


if __name__ == "__main__":
    main()

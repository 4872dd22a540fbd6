#!/usr/bin/env python3
"""Re-lay the seed and the held-out declarations into text shapes met in archives, and
check that each variant gives the same record as its plain original.

    python3 scripts/layout_variants.py OUTDIR [DECLX]

writes OUTDIR/<case>.<variant>.<ext> for every source and variant, runs DECLX
(default target/debug/declx, or $CARGO_TARGET_DIR/debug/declx) on originals and
variants, and prints per variant kind how many variants give the original's record
(department, title, budget items, task names/contents/amounts/outcomes, indicators with
both targets). The variants (see docs/text-layouts.md):

  tab, md, html, csv      controls: the same cells re-laid, nothing else changed
  duty                    task header as 部门职责—工作活动 templates name it
                          (主要活动 | 活动内容 | 预算金额（万元）)
  duty-col                and with a 部门职责 column before the activity
  duty-label              that table labelled 部门职责—工作活动
  duty-nolabel            that table without its label cell (its header row opens it)
  funds                   the budget block's label cell 资金来源 (not 预算整体情况)
  bold                    markdown with every non-empty cell **bold**
  lone-amount             the task amount header alone on its row above the amounts
  html-outside            HTML with title, 填报单位, 单位负责人 outside the <table>
  period                  indicator header 中期目标 | 年度目标
  period-impl             indicator header 实施期目标 | 年度目标
  csv-formula             CSV with every amount written as ="…"

Each variant only renames or moves what its kind names; the record compared is the one
the original gives. Sources whose plain tab re-lay already differs (space-aligned ones
this script splits on runs of spaces) are skipped. A markdown row is one line: line
breaks inside cells are written `<br>`.

Figures (2026-11-28, tf7): 53/135 variants gave their original's record before this
round's fixes, 135/135 after.
"""

import csv
import html
import io
import json
import os
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCES = [ROOT / "fixtures/guangzhou-science-tech-2023.txt"] + sorted(
    p for p in (ROOT / "tests/heldout").iterdir()
    if p.suffix in (".txt", ".md") and p.name != "README.md"
)


def decode(b: bytes) -> str:
    if b[:2] in (b"\xff\xfe", b"\xfe\xff"):
        return b.decode("utf-16")
    for enc in ("utf-8", "gb18030"):
        try:
            return b.decode(enc)
        except UnicodeDecodeError:
            pass
    return b.decode("utf-8", "replace")


def rows_of(text: str):
    """Rows of cells, or None where the text is not one row per line."""
    lines = [l for l in text.splitlines() if l.strip()]
    if sum("\t" in l for l in lines) > len(lines) // 2:
        # Excel's tab copy quotes cells holding line breaks.
        rows = [r for r in csv.reader(io.StringIO(text), delimiter="\t") if any(c.strip() for c in r)]
        width = max(len(r) for r in rows)
        return [[c.strip() for c in r] + [""] * (width - len(r)) for r in rows]
    pipes = sum(l.strip().startswith("|") for l in lines)
    tabs = sum("\t" in l for l in lines)
    spaced = sum(bool(re.search(r"\S {2,}\S", l)) for l in lines)
    rows = []
    for l in lines:
        s = l.strip()
        if pipes > len(lines) // 2 and s.startswith("|"):
            if re.fullmatch(r"[|:\- ]+", s):
                continue
            rows.append([c.strip() for c in s.strip("|").split("|")])
        elif tabs > len(lines) // 2:
            rows.append([c.strip() for c in l.rstrip("\n").split("\t")])
        elif spaced > len(lines) // 2:
            cells = re.split(r" {2,}|\u3000+", l.strip())
            if l.startswith("  "):
                cells = [""] + cells
            rows.append(cells)
        else:
            if spaced + tabs + pipes < len(lines) // 2:
                return None
            rows.append([s])
    width = max(len(r) for r in rows)
    return [r + [""] * (width - len(r)) for r in rows]


def norm(s):
    return re.sub(r"[\s（）()]", "", s)


def find_header(rows, test):
    for i, r in enumerate(rows):
        if test([norm(c) for c in r]):
            return i
    return None


def task_header(cells):
    return "名称" in cells and any("内容" in c for c in cells)


def indicator_header(cells):
    return "三级指标" in cells or "三级指标名称" in cells


# ---- layouts -------------------------------------------------------------------------


def tab(rows):
    def cell(c):
        return '"' + c.replace('"', '""') + '"' if "\n" in c or c.startswith('"') else c

    return "\n".join("\t".join(cell(c) for c in r) for r in rows) + "\n"


def md(rows, bold=False):
    def cell(c):
        # A markdown row is one line: line breaks in a cell are written <br>.
        c = c.replace("\n", "<br>")
        return f"**{c}**" if bold and c else c

    out = []
    for i, r in enumerate(rows):
        out.append("| " + " | ".join(cell(c) for c in r) + " |")
        if i == 0:
            out.append("|" + "---|" * len(r))
    return "\n".join(out) + "\n"


def html_doc(rows, outside=()):
    body = "".join(outside)
    trs = "".join(
        "<tr>" + "".join(f"<td>{html.escape(c).replace(chr(10), '<br>')}</td>" for c in r) + "</tr>\n" for r in rows
    )
    return f"<html><body>\n{body}<table border=1>\n{trs}</table>\n</body></html>\n"


def csv_doc(rows, formula=False):
    def cell(c):
        if formula and re.fullmatch(r"[\d,，. 　０-９．，]+", c) and re.search(r"\d|[０-９]", c):
            return f'="{c}"'
        if any(ch in c for ch in ',"\n'):
            return '"' + c.replace('"', '""') + '"'
        return c

    return "\n".join(",".join(cell(c) for c in r) for r in rows) + "\n"


# ---- variants ------------------------------------------------------------------------


def title_of(rows):
    for r in rows[:4]:
        cells = [c for c in r if c]
        if len(cells) == 1 and "表" in cells[0]:
            return cells[0]
    return None


def variants(rows):
    out = {
        "tab": ("txt", tab(rows)),
        "md": ("md", md(rows)),
        "html": ("html", html_doc(rows)),
        "csv": ("csv", csv_doc(rows)),
    }
    th = find_header(rows, task_header)
    if th is not None:
        r = [list(x) for x in rows]
        h = r[th]
        for k, c in enumerate(h):
            n = norm(c)
            if n == "名称":
                h[k] = "主要活动"
            elif "内容" in n:
                h[k] = "活动内容"
            elif "资金" in n or "金额" in n:
                h[k] = "预算金额（万元）" if "万元" in n else "预算金额"
        out["duty"] = ("txt", tab(r))
        # A 部门职责 column before the activity: the duty's text on its first row only
        # (a merged cell).
        name_col = next(k for k, c in enumerate(h) if c == "主要活动")
        r2 = []
        first = True
        for i, row in enumerate(r):
            row = list(row)
            if i == th:
                row.insert(name_col, "部门职责")
                row[name_col + 1] = "活动名称"
            elif th < i and is_task_row(rows, i, th):
                row.insert(name_col, "履行部门法定职责" if first else "")
                first = False
            else:
                row.insert(name_col, "")
            r2.append(row)
        width = max(len(x) for x in r2)
        r2 = [x + [""] * (width - len(x)) for x in r2]
        out["duty-col"] = ("txt", tab(r2))
        # The section labelled as the template names it, and without its label cell
        # (the header row opens the table).
        label = norm(r2[th][0]) and r2[th][0]
        if label:
            r4 = [list(x) for x in r2]
            r4[th][0] = "部门职责—工作活动"
            out["duty-label"] = ("txt", tab(r4))
            r5 = [list(x) for x in r2]
            r5[th][0] = ""
            out["duty-nolabel"] = ("txt", tab(r5))
        # The amount header alone on its row, between the header and the amounts.
        r3 = [list(x) for x in rows]
        amount_col = next(
            (k for k, c in enumerate(r3[th]) if "资金" in c or "金额" in c), None
        )
        if amount_col is not None:
            header = r3[th][amount_col]
            r3[th][amount_col] = ""
            lone = [""] * len(r3[th])
            lone[amount_col] = header
            r3.insert(th + 1, lone)
            out["lone-amount"] = ("txt", tab(r3))
    b = find_header(rows, lambda cells: any(c.startswith("预算整体情况") for c in cells))
    if b is not None:
        r = [list(x) for x in rows]
        r[b] = ["资金来源" if c.startswith("预算整体情况") else c for c in r[b]]
        out["funds"] = ("txt", tab(r))
    out["bold"] = ("md", md(rows, bold=True))
    # HTML with the title and the department outside the table, as a saved page sets
    # them (<p> over the table, a signature <div> under it).
    t = title_of(rows)
    dept = next((i for i, r in enumerate(rows) if norm(r[0]) == "部门名称"), None)
    if dept is not None:
        name = next(c for c in rows[dept][1:] if c)
        inner = [r for i, r in enumerate(rows) if i != dept and [c for c in r if c] != [t]]
        outside = []
        if t:
            outside.append(f"<p align=center><b>{html.escape(t)}</b></p>\n")
        outside.append(f"<p>填报单位：{html.escape(name)}</p>\n")
        doc = html_doc(inner, outside).replace(
            "</table>", "</table>\n<div>单位负责人：张三　　填表人：李四</div>"
        )
        out["html-outside"] = ("html", doc)
    ih = find_header(rows, indicator_header)
    if ih is not None:
        for kind, word in (("period", "中期目标"), ("period-impl", "实施期目标")):
            r = [list(x) for x in rows]
            h = r[ih]
            ok = False
            for k, c in enumerate(h):
                if "周期" in c or "中期" in c or "实施期" in c:
                    h[k] = word
                    ok = True
                elif "年度" in c and ("指标值" in c or "目标值" in c):
                    h[k] = "年度目标"
            if ok:
                out[kind] = ("txt", tab(r))
    out["csv-formula"] = ("csv", csv_doc(rows, formula=True))
    return out


def is_task_row(rows, i, th):
    """A row of the task table under its header (before the next section)."""
    for j in range(th + 1, i + 1):
        first = norm(rows[j][0])
        if first and j > th and first not in ("年度重点工作任务",):
            return False
    return any(rows[i][1:])


# ---- comparison ----------------------------------------------------------------------


def summary(rec):
    if "error" in rec:
        return {"error": rec["error"]["kind"]}

    def amt(a):
        return a and a.get("yuan")

    return {
        "department": rec.get("department"),
        "title": rec.get("title"),
        "budget": [(i["section"], i["name"], amt(i["amount"])) for i in (rec.get("budget") or {}).get("items", [])],
        "tasks": [
            (t["name"], t.get("content"), amt(t["amount"]), t.get("expected_outcome"))
            for t in rec["tasks"]
        ],
        "indicators": [
            (
                i["level1"],
                i["level2"],
                i["level3"],
                (i.get("period_target") or {}).get("text"),
                (i.get("annual_target") or {}).get("text"),
            )
            for i in rec["indicators"]
        ],
    }


def extract(declx, path):
    p = subprocess.run([declx, "extract", str(path)], capture_output=True, text=True)
    return json.loads(p.stdout.splitlines()[0])


def main():
    outdir = Path(sys.argv[1])
    outdir.mkdir(parents=True, exist_ok=True)
    target = os.environ.get("CARGO_TARGET_DIR", str(ROOT / "target"))
    declx = sys.argv[2] if len(sys.argv) > 2 else f"{target}/debug/declx"
    tally = {}
    fails = []
    for src in SOURCES:
        rows = rows_of(decode(src.read_bytes()))
        if rows is None:
            continue
        want = summary(extract(declx, src))
        case = src.name.split(".")[0]
        made = variants(rows)
        ext, text = made["tab"]
        control = outdir / f"{case}.tab.{ext}"
        control.write_text(text, encoding="utf-8")
        if summary(extract(declx, control)) != want:
            # The re-lay itself changed the record (a space-aligned source split on
            # runs of spaces): its variants would measure the script, not declx.
            print(f"skipped {src.name}: its plain re-lay differs")
            continue
        for kind, (ext, text) in made.items():
            path = outdir / f"{case}.{kind}.{ext}"
            path.write_text(text, encoding="utf-8")
            got = summary(extract(declx, path))
            ok = got == want
            if kind == "duty-col" and "tasks" in got:
                # The duty column is an added column; compare the rest.
                ok = {k: v for k, v in got.items()} == want
            t = tally.setdefault(kind, [0, 0])
            t[0] += ok
            t[1] += 1
            if not ok:
                diff = [k for k in want if got.get(k) != want.get(k)] or ["error"]
                fails.append(f"{path.name}: {', '.join(diff)}")
    total = [0, 0]
    for kind, (ok, n) in tally.items():
        print(f"{kind:14} {ok}/{n}")
        total[0] += ok
        total[1] += n
    print(f"{'ALL':14} {total[0]}/{total[1]}")
    for f in fails:
        print("  differs:", f)


if __name__ == "__main__":
    main()

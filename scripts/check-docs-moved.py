#!/usr/bin/env python3
"""Check that a restructuring of the docs lost nothing: every non-blank line of an old
README.md (headings excepted) must appear, as a whole line, in README.md or docs/*.md.

    python3 scripts/check-docs-moved.py [OLD]    # OLD: a git revision or a file

OLD defaults to 30200e9, main just before session 20 split README.md into README.md and
docs/.

Prints each missing line with its old line number; exit status 1 if any is missing.
Lines deliberately rewritten rather than moved are listed in REWRITTEN with the reason
(and counted apart); anything else should be moved to a docs/ file, not edited away.
"""
import pathlib
import subprocess
import sys

# Old lines rewritten in session 20's restructuring (README.md -> README.md + docs/).
REWRITTEN = {
    "(`.ci/run` runs the same command plus `cargo fmt --check` and":
        "names .ci/run's own command, `cargo fmt --all -- --check`",
    "  decoded in its own), `multiple_declarations` (see above), `unplaced_cell`,":
        "'see above' pointed at a bullet now in docs/templates.md: a link",
    "  borderless PDF table that looks misread, with its page and box; see below).":
        "'see below' pointed at the PDF sweep section, now in docs/pdf-history.md: a link",
}

root = pathlib.Path(__file__).resolve().parent.parent
arg = sys.argv[1] if len(sys.argv) > 1 else "30200e9"
if pathlib.Path(arg).is_file():
    old = pathlib.Path(arg).read_text(encoding="utf-8")
else:
    old = subprocess.run(["git", "-C", str(root), "show", f"{arg}:README.md"],
                         check=True, capture_output=True, text=True).stdout

new_lines = set()
for f in [root / "README.md", *sorted((root / "docs").glob("*.md"))]:
    new_lines.update(l.rstrip() for l in f.read_text(encoding="utf-8").split("\n"))

missing, rewritten, checked, fenced = [], [], 0, False
for n, line in enumerate(old.split("\n"), 1):
    line = line.rstrip()
    if line.lstrip().startswith("```"):
        fenced = not fenced
    if not line.strip() or (not fenced and line.startswith("#")):
        continue
    checked += 1
    if line in new_lines:
        continue
    if line in REWRITTEN:
        rewritten.append((n, line))
    else:
        missing.append((n, line))

for n, line in rewritten:
    print(f"rewritten {n}: {line.strip()} ({REWRITTEN[line]})")
for n, line in missing:
    print(f"missing {n}: {line}")
print(f"{checked} lines checked, {len(rewritten)} rewritten on purpose, {len(missing)} missing")
sys.exit(1 if missing else 0)

#!/usr/bin/env python3
"""Check that a restructuring of the docs lost nothing: every non-blank line of an old
README.md (headings excepted) must appear, as a whole line, in README.md or docs/*.md.

    python3 scripts/check-docs-moved.py [OLD]    # OLD: a git revision (default HEAD) or a file

Prints each missing line with its old line number; exit status 1 if any is missing.
Lines deliberately rewritten rather than moved would show up here: move the old line
to the docs/ history file instead of editing it away.
"""
import pathlib
import subprocess
import sys

root = pathlib.Path(__file__).resolve().parent.parent
arg = sys.argv[1] if len(sys.argv) > 1 else "HEAD"
if pathlib.Path(arg).is_file():
    old = pathlib.Path(arg).read_text(encoding="utf-8")
else:
    old = subprocess.run(["git", "-C", str(root), "show", f"{arg}:README.md"],
                         check=True, capture_output=True, text=True).stdout

new_lines = set()
for f in [root / "README.md", *sorted((root / "docs").glob("*.md"))]:
    new_lines.update(l.rstrip() for l in f.read_text(encoding="utf-8").split("\n"))

missing, checked, fenced = [], 0, False
for n, line in enumerate(old.split("\n"), 1):
    line = line.rstrip()
    if line.lstrip().startswith("```"):
        fenced = not fenced
    if not line.strip() or (not fenced and line.startswith("#")):
        continue
    checked += 1
    if line not in new_lines:
        missing.append((n, line))

for n, line in missing:
    print(f"{n}: {line}")
print(f"{checked} lines checked, {len(missing)} missing")
sys.exit(1 if missing else 0)

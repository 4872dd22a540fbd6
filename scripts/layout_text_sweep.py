"""Layout text on the PDF sweep: `pdftotext -layout` of each cached sweep PDF, read by
declx, against the record of the form's tab text (top-level fields, tasks, indicator
rows; white space, locations and warnings ignored).

    python3 scripts/layout_text_sweep.py 1,2,4,5 lattice,landscape,stream

Each line names the fields that differ (off=); OFF counts records per field, [alone].
Env: LT_SWEEP (dir of synth-N.txt and synth-N.<rendition>.pdf, default
target/tmp/pdf-sweep, filled by tests/pdf_sweep.rs), LT_BIN (declx binary, default
target/release/declx), LT_OUT (where the layout texts go, default /tmp/lt).
"""
import json, subprocess, sys, os
D=os.environ.get("LT_SWEEP","target/tmp/pdf-sweep"); B=os.environ.get("LT_BIN","target/release/declx"); O=os.environ.get("LT_OUT","/tmp/lt")
os.makedirs(O, exist_ok=True)
def squash(v, top=True):
    if isinstance(v, dict):
        return {k: squash(x, False) for k, x in v.items() if k not in ("source","line","page","bbox","warnings")}
    if isinstance(v, list): return [squash(x, False) for x in v]
    if isinstance(v, str): return "".join(c for c in v if not c.isspace())
    return v
def rec(path):
    out = subprocess.run([B, "extract", path], capture_output=True).stdout.decode()
    return squash(json.loads(out.splitlines()[0]))
seeds = sys.argv[1].split(","); rends = sys.argv[2].split(",")
tot = {}; lost = {}; only = {}
for s in seeds:
    name = f"synth-{s}"; txt = f"{D}/{name}.txt"
    if not os.path.exists(txt): continue
    want = rec(txt)
    for r in rends:
        pdf = f"{D}/{name}.{r}.pdf"
        if not os.path.exists(pdf): continue
        lt = f"{O}/{name}.{r}.layout.txt"
        subprocess.run(["pdftotext", "-layout", pdf, lt])
        got = rec(lt)
        f = sum(1 for k in want if got.get(k) == want[k]); F = len(want)
        wt = want.get("tasks") or []; gt = got.get("tasks") or []
        wi = want.get("indicators") or []; gi = got.get("indicators") or []
        t = sum(1 for x in wt if x in gt); i = sum(1 for x in wi if x in gi)
        whole = got == want
        # The fields that cost the record (a record is whole only when all agree).
        off = sorted(k for k in set(want) | set(got) if got.get(k) != want.get(k))
        print(f"{name} {r} {'WHOLE' if whole else ''} {f}/{F} {t}/{len(wt)} {i}/{len(wi)} err={got.get('error',{}).get('kind') if isinstance(got.get('error'),dict) else got.get('error')} off={','.join(off)}")
        for k in off:
            lost[(r, k)] = lost.get((r, k), 0) + 1
        if len(off) == 1:
            only[(r, off[0])] = only.get((r, off[0]), 0) + 1
        a = tot.setdefault(r, [0,0,0,0,0,0,0,0])
        for j, v in enumerate([int(whole),1,f,F,t,len(wt),i,len(wi)]): a[j]+=v
for r, a in tot.items():
    print(f"TOTAL {r}: whole {a[0]}/{a[1]}; fields {a[2]}/{a[3]}; tasks {a[4]}/{a[5]}; ind {a[6]}/{a[7]}")
    # Records that differ in each field, and (in brackets) those that differ in it alone.
    ks = sorted((k for rr, k in lost if rr == r), key=lambda k: -lost[(r, k)])
    print(f"OFF {r}: " + ", ".join(f"{k} {lost[(r, k)]} [{only.get((r, k), 0)}]" for k in ks))

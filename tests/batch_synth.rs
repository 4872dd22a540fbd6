//! The synthetic generator against the real pipeline: good documents read as
//! declarations whose department, encoding, tasks, amounts and reconciliations match the
//! generator's truth.

use declx::synth::{self, Kind, Truth};
use declx::{extract_bytes, Options, Record};

/// Problems found reading generated declarations `0..n` of corpus `seed`, among those
/// `take` selects.
fn problems(seed: u64, n: u64, take: impl Fn(&Truth) -> bool) -> (usize, Vec<String>) {
    let mut failures = Vec::new();
    let mut checked = 0;
    for i in 0..n {
        let f = synth::file(seed, i, 0);
        let Kind::Good(truth) = &f.kind else { continue };
        if !take(truth) {
            continue;
        }
        checked += 1;
        let rec = extract_bytes("x.txt", &f.bytes, &Options::default());
        let Record::Declaration(d) = &rec else {
            failures.push(format!("{i} {:?}: {:?}", truth.encoding, rec.error()));
            continue;
        };
        if d.department.as_deref() != Some(truth.department.as_str()) {
            failures.push(format!(
                "{i}: department {:?} != {}",
                d.department, truth.department
            ));
        }
        if d.source.encoding.as_deref() != Some(truth.encoding.canonical()) {
            failures.push(format!(
                "{i}: encoding {:?} != {:?}",
                d.source.encoding, truth.encoding
            ));
        }
        if d.tasks.len() != truth.tasks.len() {
            failures.push(format!(
                "{i}: {} tasks != {}",
                d.tasks.len(),
                truth.tasks.len()
            ));
        }
        for (t, w) in d.tasks.iter().zip(&truth.tasks) {
            let y = t
                .amount
                .as_ref()
                .and_then(|a| a.yuan)
                .map(|y| y.normalize().to_string());
            if y != Some(w.amount.yuan().to_string()) {
                failures.push(format!(
                    "{i}: task {} amount {y:?} != {} ({})",
                    w.name,
                    w.amount.yuan(),
                    w.amount.raw
                ));
            }
        }
        for c in d.checks.iter().filter(|c| !c.ok) {
            failures.push(format!("{i}: check {} failed: {}", c.rule, c.message));
        }
    }
    (checked, failures)
}

fn full_width_amounts(t: &Truth) -> bool {
    let raw = t
        .budget
        .iter()
        .map(|b| &b.amount.raw)
        .chain(t.tasks.iter().map(|x| &x.amount.raw));
    raw.into_iter().any(|r| r.contains('．'))
}

/// What the reader handles today: UTF-8 (with or without BOM), GBK, GB18030, UTF-16LE
/// (with or without BOM), CRLF, page breaks, shifted level-2 cells, ASCII amounts with or
/// without separators or OCR spaces.
#[test]
fn generated_declarations_read_back() {
    let (checked, failures) = problems(11, 300, |t| !full_width_amounts(t));
    assert!(checked > 150, "{checked}");
    assert!(
        failures.is_empty(),
        "{} problems:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

/// Everything the generator makes, including full-width amounts (`１２，３４５．６７`),
/// which the output contract requires.
#[test]
fn generated_declarations_read_back_all() {
    let (checked, failures) = problems(11, 300, |_| true);
    assert!(checked > 200);
    assert!(
        failures.is_empty(),
        "{} problems:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

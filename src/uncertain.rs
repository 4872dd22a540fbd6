//! Signs that a borderless (stream) PDF table was probably rebuilt wrong (issue #5).
//!
//! A stream table's rows and columns are guessed from text alignment; where the guess
//! fails the record is still well formed, so the reader looks at what it produced for
//! shapes the form never has: a cell that spells a framework name inside a level-3 name or
//! a target (a label cell glued across a column gap), a numbered list in a target that
//! does not run 1, 2, 3… or stops at a bare number (a cell cut between rows), targets
//! with no level-3 name beside them, a target that is one text twice over (two cells
//! joined), a level-3 name under no level-2 name, a task amount inside a task's text. Each suspect row gets a
//! `pdf_table_uncertain` warning with its page and box.

use std::sync::OnceLock;

use regex::Regex;

use crate::record::{Declaration, Indicator, Warning};
use crate::sections::all_framework_names;

pub const CODE: &str = "pdf_table_uncertain";

/// Warnings for the rows of `decl` (read from a borderless PDF table) that look misread.
pub fn warnings(decl: &Declaration) -> Vec<Warning> {
    let mut out = Vec::new();
    for (i, ind) in decl.indicators.iter().enumerate() {
        if let Some(why) = indicator_doubt(ind) {
            out.push(Warning::new(
                CODE,
                format!(
                    "{}indicator row {} ({}) may be misread from the borderless table: {why}",
                    page_prefix(&ind.loc),
                    i + 1,
                    ind.level3.as_deref().unwrap_or("no level-3 name"),
                ),
                Some(ind.loc.clone()),
            ));
        }
    }
    for (i, task) in decl.tasks.iter().enumerate() {
        let amount_in_text = task.amount.is_none()
            && [&task.name, &task.content, &task.expected_outcome]
                .into_iter()
                .flatten()
                .any(|t| has_inline_amount(t));
        if amount_in_text {
            out.push(Warning::new(
                CODE,
                format!(
                    "{}task {} ({}) may be misread from the borderless table: an amount stands \
                     inside its text and its amount cell is empty",
                    page_prefix(&task.loc),
                    i + 1,
                    task.name.as_deref().unwrap_or("no name"),
                ),
                Some(task.loc.clone()),
            ));
        }
    }
    out
}

fn page_prefix(loc: &crate::record::Loc) -> String {
    loc.page()
        .map(|p| format!("page {p}: "))
        .unwrap_or_default()
}

fn indicator_doubt(ind: &Indicator) -> Option<&'static str> {
    let targets = [&ind.period_target.text, &ind.annual_target.text];
    let targets = targets.iter().filter_map(|t| t.as_deref());
    if ind.level3.is_none() && targets.clone().next().is_some() {
        return Some("targets without a level-3 name");
    }
    if ind.level2.is_none() && ind.level3.is_some() {
        return Some("a level-3 name without a level-2 name");
    }
    let spells_name = |t: &str| all_framework_names().any(|n| t.contains(n));
    if ind.level3.as_deref().is_some_and(spells_name) || targets.clone().any(spells_name) {
        return Some("a framework name inside a level-3 name or target");
    }
    if targets.clone().any(|t| !list_runs_on(t)) {
        return Some("a target's numbered list does not run 1, 2, 3… or ends in a bare number");
    }
    if targets.clone().any(twice_over) {
        return Some("a target is the same text twice over");
    }
    None
}

/// List numbers (`1.`, `2、`) at the start of a target or after a sentence end.
fn list_numbers() -> Option<&'static Regex> {
    static RE: OnceLock<Option<Regex>> = OnceLock::new();
    RE.get_or_init(|| Regex::new(r"(?:^|[。；;])\s*([0-9]{1,2})\s*[.．、]\s*(\D|$)").ok())
        .as_ref()
}

/// Whether a target's numbered list (if any) starts at its start with 1 and counts up
/// one by one, every number followed by text.
fn list_runs_on(text: &str) -> bool {
    let Some(re) = list_numbers() else {
        return true;
    };
    let text = text.trim();
    let mut want = 1u32;
    let mut first = true;
    for m in re.captures_iter(text) {
        let (Some(whole), Some(n)) = (m.get(0), m.get(1)) else {
            continue;
        };
        let Ok(n) = n.as_str().parse::<u32>() else {
            continue;
        };
        // A list starts at the cell's start; a number after an unnumbered sentence is
        // the rest of a list cut off above.
        if first && (whole.start() != 0 || n != 1) {
            return false;
        }
        if n != want || m.get(2).is_some_and(|t| t.as_str().is_empty()) {
            return false;
        }
        first = false;
        want += 1;
    }
    true
}

/// A target that is one text (with a number in it) written twice in a row: two cells
/// (the period and annual targets, say) joined into one.
fn twice_over(text: &str) -> bool {
    let t: Vec<char> = text.chars().filter(|c| !c.is_whitespace()).collect();
    let (a, b) = t.split_at(t.len() / 2);
    t.len().is_multiple_of(2) && a == b && a.iter().any(char::is_ascii_digit)
}

/// An amount (`103,513.33`, `37489.12`) set between Chinese characters: a task's amount
/// cell read into the text beside it.
fn has_inline_amount(text: &str) -> bool {
    static RE: OnceLock<Option<Regex>> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(r"\p{Han}\s*[0-9]{1,3}(?:,[0-9]{3})*(?:[0-9]*)\.[0-9]{2}\s*\p{Han}").ok()
    })
    .as_ref()
    .is_some_and(|re| re.is_match(text))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbered_lists_that_run_on() {
        assert!(list_runs_on(
            "1. 开展项目数量≥800项。2. 覆盖街镇数量=42个。"
        ));
        assert!(list_runs_on("开展项目数量≥800项。"));
        assert!(list_runs_on("≥90%"));
        assert!(!list_runs_on("1."));
        assert!(!list_runs_on("1.覆盖街镇数量≥177个。2."));
        assert!(!list_runs_on(
            "高新技术企业认定数≥4368家。3.新增就业人数达到18028人。"
        ));
        assert!(!list_runs_on(
            "空气质量优良天数比例不超过87%。2.新增就业人数=14175人。"
        ));
    }

    #[test]
    fn doubled_texts_and_inline_amounts() {
        assert!(twice_over("≥50公斤≥50公斤"));
        assert!(!twice_over("≥50公斤"));
        assert!(has_inline_amount("围绕国家急需领域103,513.33开展研究"));
        assert!(!has_inline_amount("2023年完成"));
        assert!(!has_inline_amount("金额103,513.33"));
    }
}

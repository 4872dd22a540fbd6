//! Stage 6: the reconciliations the form's own arithmetic allows. Each is reported
//! whether it holds or not; a failed check is a finding, not an error.

use rust_decimal::Decimal;

use crate::record::{BudgetItem, BudgetSide, Check, Declaration};
use crate::sections::{has, is_total_name, norm};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Side {
    Expenditure,
    Income,
    LevelSplit,
    Other,
}

fn side_of(section: Option<&str>) -> Side {
    let s = section.map(norm).unwrap_or_default();
    // `has`: std's substring search sets up a Two-Way searcher per call on these short
    // section names (once per item, five needles).
    if has(&s, "级次") {
        Side::LevelSplit
    } else if has(&s, "收入") || has(&s, "来源") {
        Side::Income
    } else if has(&s, "支出") {
        Side::Expenditure
    } else {
        Side::Other
    }
}

fn is_total(name: Option<&str>) -> bool {
    name.is_some_and(is_total_name)
}

/// A sum over amounts, or the first item whose amount could not be read.
#[derive(Clone)]
enum Sum {
    Known(Decimal),
    Unknown(String),
}

/// An item holding only the placeholder for none (`—`, `-`, `/`, `无`) adds nothing: the
/// form states there is none, as a task's such cell does. With `nil_is_zero`, an item
/// left blank adds nothing too (under a 合计 that states the whole, such a cell is none);
/// else a blank or unreadable amount makes the sum unknown (a blank may be a lost cell).
fn sum<'a>(items: impl Iterator<Item = &'a BudgetItem>, nil_is_zero: bool) -> Option<Sum> {
    let mut total = Decimal::ZERO;
    let mut any = false;
    for it in items {
        any = true;
        match it.amount.as_ref().and_then(|a| a.yuan) {
            Some(y) => match total.checked_add(y) {
                Some(t) => total = t,
                None => return Some(Sum::Unknown("the sum overflows".into())),
            },
            None if (nil_is_zero && it.nil || it.stated_none) && !is_total(it.name.as_deref()) => {}
            None => {
                return Some(Sum::Unknown(format!(
                    "the amount of {} is missing or unreadable",
                    it.name.as_deref().unwrap_or("an unnamed item")
                )))
            }
        }
    }
    any.then_some(Sum::Known(total))
}

/// A side's total: its 合计 row when it has one, else the sum of its items.
fn side_total(items: &[&BudgetItem]) -> Option<Sum> {
    if let Some(t) = items.iter().find(|i| is_total(i.name.as_deref())) {
        return sum(std::iter::once(*t), false);
    }
    sum(items.iter().copied(), false)
}

/// A yuan amount in a check's message, as the decimal's `Display` writes it; whole
/// amounts (all but a few) by the integer writer, which costs a fraction of a decimal
/// formatting round.
struct Yuan(Decimal);

impl std::fmt::Display for Yuan {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let d = &self.0;
        if d.scale() == 0 && !(d.is_zero() && d.is_sign_negative()) {
            if let Ok(i) = i64::try_from(d.mantissa()) {
                return f.write_str(itoa::Buffer::new().format(i));
            }
        }
        std::fmt::Display::fmt(d, f)
    }
}

fn check(
    rule: &str,
    expected: Option<Sum>,
    actual: Option<Sum>,
    what: &str,
    le: bool,
) -> Option<Check> {
    let (expected, actual) = (expected?, actual?);
    Some(match (expected, actual) {
        (Sum::Known(e), Sum::Known(a)) => {
            let (e, a) = (e.normalize(), a.normalize());
            let ok = if le { a <= e } else { a == e };
            let rel = if le { "≤" } else { "=" };
            Check {
                rule: rule.to_string(),
                ok,
                expected_yuan: Some(e),
                actual_yuan: Some(a),
                message: if ok {
                    format!("{what}: {} {rel} {} yuan", Yuan(a), Yuan(e))
                } else {
                    format!(
                        "{what}: {} yuan, expected {rel} {} yuan (difference {})",
                        Yuan(a),
                        Yuan(e),
                        Yuan((a - e).normalize())
                    )
                },
            }
        }
        (e, a) => {
            let reason = [&e, &a]
                .iter()
                .find_map(|s| match s {
                    Sum::Unknown(r) => Some(r.clone()),
                    Sum::Known(_) => None,
                })
                .unwrap_or_default();
            Check {
                rule: rule.to_string(),
                ok: false,
                expected_yuan: match e {
                    Sum::Known(v) => Some(v),
                    Sum::Unknown(_) => None,
                },
                actual_yuan: match a {
                    Sum::Known(v) => Some(v),
                    Sum::Unknown(_) => None,
                },
                message: format!("{what}: cannot be computed: {reason}"),
            }
        }
    })
}

/// Whether a name opens with 其中 ("of which"): `其中：财政专项资金`, `其中:X`, `其中X`.
fn is_of_which(name: Option<&str>) -> bool {
    name.is_some_and(|n| n.trim_start().starts_with("其中"))
}

/// The items that add up: an `其中` item under an item that is no total is part of that
/// item (项目支出 / 其中：财政专项资金), so adding it would count its amount twice. Under
/// a total, or first in its column, `其中` opens the breakdown of the whole (年度资金总额 /
/// 其中：财政拨款 / 其他资金) and counts.
fn summable<'a>(items: &[&'a BudgetItem]) -> Vec<&'a BudgetItem> {
    // Per section: whether its last item that was not an `其中` one is a total.
    let mut last: Vec<(Option<&str>, bool)> = Vec::new();
    let mut out = Vec::with_capacity(items.len());
    for &it in items {
        let section = it.section.as_deref();
        let prev = last.iter_mut().find(|(s, _)| *s == section);
        if is_of_which(it.name.as_deref()) {
            if prev.is_some_and(|(_, total)| !*total) {
                continue;
            }
        } else {
            let total = is_total(it.name.as_deref());
            match prev {
                Some((_, t)) => *t = total,
                None => last.push((section, total)),
            }
        }
        out.push(it);
    }
    out
}

/// A second reading of a column's items for `section_total`: an `其中` breakdown under
/// an item that is no total may go on past its first line (基本支出 / 其中：人员经费 /
/// 公用经费 / 项目支出); the lines that add up to that item exactly are its parts, not
/// items of the column. A breakdown that never adds up drops only its `其中` line, as
/// [`summable`] does.
fn without_breakdowns<'a>(in_col: &[&'a BudgetItem]) -> Vec<&'a BudgetItem> {
    let amount = |i: &BudgetItem| i.amount.as_ref().and_then(|a| a.yuan);
    let mut out = Vec::with_capacity(in_col.len());
    let mut i = 0;
    while let Some(&it) = in_col.get(i) {
        out.push(it);
        i += 1;
        let Some(parent) = amount(it).filter(|_| !is_total(it.name.as_deref())) else {
            continue;
        };
        if !in_col
            .get(i)
            .is_some_and(|n| is_of_which(n.name.as_deref()))
        {
            continue;
        }
        let mut acc = Decimal::ZERO;
        let mut end = i + 1; // no close: only the 其中 line is dropped
        for (j, part) in in_col.iter().enumerate().skip(i) {
            let opens_another = j > i && is_of_which(part.name.as_deref());
            let Some(v) =
                amount(part).filter(|_| !opens_another && !is_total(part.name.as_deref()))
            else {
                break;
            };
            // (Amounts near Decimal's limit: no reading, rather than a panic.)
            let Some(next) = acc.checked_add(v) else {
                break;
            };
            acc = next;
            if acc == parent {
                end = j + 1;
                break;
            }
            if acc > parent {
                break;
            }
        }
        i = end;
    }
    out
}

/// A column that lists several totals, each heading its breakdown (一、收入预算合计 /
/// 其中：… / 二、支出预算合计 / 其中：…): each total with the items up to the next one.
/// `None` unless the column opens with a total and holds two or more.
fn heading_groups<'a>(
    in_s: &[&'a BudgetItem],
) -> Option<Vec<(&'a BudgetItem, Vec<&'a BudgetItem>)>> {
    let opens_with_total = in_s.first().is_some_and(|i| is_total(i.name.as_deref()));
    let totals = in_s.iter().filter(|i| is_total(i.name.as_deref())).count();
    if !opens_with_total || totals < 2 {
        return None;
    }
    let mut groups: Vec<(&BudgetItem, Vec<&BudgetItem>)> = Vec::new();
    for &it in in_s {
        match groups.last_mut() {
            Some((_, rest)) if !is_total(it.name.as_deref()) => rest.push(it),
            _ => groups.push((it, Vec::new())),
        }
    }
    Some(groups)
}

/// A column that lists several totals, each closing its items (基本支出 / 项目支出 /
/// 支出合计 / 财政拨款 / 其他资金 / 收入合计, a year's column): each total with the items
/// since the one before. `None` unless the column ends with a total and holds two or more.
fn closing_groups<'a>(
    in_s: &[&'a BudgetItem],
) -> Option<Vec<(&'a BudgetItem, Vec<&'a BudgetItem>)>> {
    let closes_with_total = in_s.last().is_some_and(|i| is_total(i.name.as_deref()));
    let totals = in_s.iter().filter(|i| is_total(i.name.as_deref())).count();
    if !closes_with_total || totals < 2 {
        return None;
    }
    let mut groups = Vec::new();
    let mut rest = Vec::new();
    for &it in in_s {
        if is_total(it.name.as_deref()) {
            groups.push((it, std::mem::take(&mut rest)));
        } else {
            rest.push(it);
        }
    }
    Some(groups)
}

/// A column of last year's amounts (上年预算数) beside this year's: not the budget the
/// form declares.
fn is_last_year(section: Option<&str>) -> bool {
    section.is_some_and(|s| {
        let s = norm(s);
        has(&s, "上年") || has(&s, "上一年") || has(&s, "去年")
    })
}

/// Each item's side: its column's (部门预算支出, 收入来源 …); in a column that names
/// neither, the side its heading total names (`一、收入预算合计` heads income items).
fn sides_of(items: &[&BudgetItem]) -> Vec<Side> {
    // Per column naming no side: the side of its latest heading total, `None` when the
    // column does not open with a total naming one.
    let mut heading: Vec<(Option<&str>, Option<Side>)> = Vec::new();
    items
        .iter()
        .map(|i| {
            let section = i.section.as_deref();
            let side = side_of(section);
            if side != Side::Other {
                return side;
            }
            let named = Some(side_of(i.name.as_deref()))
                .filter(|s| matches!(s, Side::Income | Side::Expenditure))
                .filter(|_| is_total(i.name.as_deref()));
            match heading.iter_mut().find(|(s, _)| *s == section) {
                None => heading.push((section, named)),
                Some((_, h)) => {
                    if h.is_some() && named.is_some() {
                        *h = named;
                    }
                }
            }
            heading
                .iter()
                .find(|(s, _)| *s == section)
                .and_then(|(_, h)| *h)
                .unwrap_or(Side::Other)
        })
        .collect()
}

/// What a column of a mid-year adjustment's matrix holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Role {
    Original,
    Change,
    Adjusted,
}

fn role_of(section: Option<&str>) -> Option<Role> {
    let s = norm(section?);
    if has(&s, "调整后") {
        Some(Role::Adjusted)
    } else if has(&s, "年初") || has(&s, "调整前") || has(&s, "原预算") {
        Some(Role::Original)
    } else if has(&s, "调整") {
        Some(Role::Change)
    } else {
        None
    }
}

/// The checks of budget matrices stated side by side (收入预算调整 / 支出预算调整 over
/// 年初预算 | 调整数 | 调整后预算): each column balances on its own (expenditure =
/// income), each side's 合计 in each column sums its items (`section_total`), and each
/// row's 年初预算 + 调整数 = 调整后预算 (`section_total`: the adjusted amount is the total
/// of the two). Summing the columns together would add the same money three times.
/// Gives the adjusted (else the only) column's expenditure, which bounds the tasks.
fn matrix_checks(items: &[&BudgetItem], checks: &mut Vec<Check>) -> Option<Decimal> {
    let of = |section: Option<&str>, side: BudgetSide| -> Vec<&BudgetItem> {
        items
            .iter()
            .copied()
            .filter(|i| i.section.as_deref() == section && i.side == Some(side))
            .collect()
    };
    let mut columns: Vec<Option<&str>> = Vec::new();
    for i in items {
        if !columns.contains(&i.section.as_deref()) {
            columns.push(i.section.as_deref());
        }
    }
    let mut bound = None;
    for &col in &columns {
        let name = col.unwrap_or("budget");
        let (inc, exp) = (
            of(col, BudgetSide::Income),
            of(col, BudgetSide::Expenditure),
        );
        if !inc.is_empty() && !exp.is_empty() {
            checks.extend(check(
                "income_equals_expenditure",
                side_total(&inc),
                side_total(&exp),
                &format!("{name}: expenditure = income"),
                false,
            ));
        }
        if let Some(Sum::Known(v)) = side_total(&exp) {
            if bound.is_none() || role_of(col) == Some(Role::Adjusted) {
                bound = Some(v);
            }
        }
        for side in [inc, exp] {
            let Some(t) = side.iter().find(|i| is_total(i.name.as_deref())) else {
                continue;
            };
            let rest = side
                .iter()
                .copied()
                .filter(|i| !is_total(i.name.as_deref()));
            checks.extend(check(
                "section_total",
                sum(std::iter::once(*t), false),
                sum(rest, true),
                &format!("{name} items = {}", t.name.as_deref().unwrap_or("合计")),
                false,
            ));
        }
    }
    // Rows: a matrix gives each row's amounts one after another, one per column.
    let mut row: Vec<(Role, &BudgetItem)> = Vec::new();
    let mut rows: Vec<Vec<(Role, &BudgetItem)>> = Vec::new();
    for &i in items {
        let Some(role) = role_of(i.section.as_deref()) else {
            continue;
        };
        let same_row = row
            .first()
            .is_some_and(|(_, f)| f.name == i.name && f.side == i.side)
            && !row.iter().any(|(r, _)| *r == role);
        if !same_row && !row.is_empty() {
            rows.push(std::mem::take(&mut row));
        }
        row.push((role, i));
    }
    rows.push(row);
    for r in rows {
        let find = |role: Role| r.iter().find(|(x, _)| *x == role).map(|(_, i)| *i);
        let (Some(o), Some(c), Some(a)) = (
            find(Role::Original),
            find(Role::Change),
            find(Role::Adjusted),
        ) else {
            continue;
        };
        checks.extend(check(
            "section_total",
            sum(std::iter::once(a), false),
            sum([o, c].into_iter(), false),
            &format!(
                "{}: {} + {} = {}",
                o.name.as_deref().unwrap_or("row"),
                o.section.as_deref().unwrap_or("年初预算"),
                c.section.as_deref().unwrap_or("调整数"),
                a.section.as_deref().unwrap_or("调整后预算")
            ),
            false,
        ));
    }
    bound
}

pub fn run(d: &Declaration) -> Vec<Check> {
    let mut checks = Vec::new();
    let every: Vec<&BudgetItem> = d
        .budget
        .as_ref()
        .map(|b| b.items.iter().collect())
        .unwrap_or_default();
    // Matrix columns stated per side (an adjustment's 年初预算 | 调整数 | 调整后预算) are
    // checked column by column, apart from the form's other items.
    let (matrix, all): (Vec<&BudgetItem>, Vec<&BudgetItem>) =
        every.iter().copied().partition(|i| i.side.is_some());
    let matrix_bound = if matrix.is_empty() {
        None
    } else {
        matrix_checks(&summable(&matrix), &mut checks)
    };
    let items = summable(&all);
    // Each item's side, worked out once for the four lookups below.
    let sides = sides_of(&items);
    let of = |side: Side| -> Vec<&BudgetItem> {
        items
            .iter()
            .zip(&sides)
            .filter(|(_, s)| **s == side)
            .map(|(i, _)| *i)
            .collect()
    };
    let income_items = of(Side::Income);
    let income = side_total(&income_items);

    // Expenditure: every 支出 column together (基本支出 + 项目支出 + 事业发展性支出 in the
    // Guangzhou template); where the form's first 支出 column alone is the whole budget
    // (its later columns break it down), that reading is used instead.
    let exp_items = of(Side::Expenditure);
    let first_section = exp_items.first().and_then(|i| i.section.clone());
    let first_only: Vec<&BudgetItem> = exp_items
        .iter()
        .copied()
        .filter(|i| i.section == first_section)
        .collect();
    let all_total = side_total(&exp_items);
    let expenditure = match (&all_total, &income, side_total(&first_only)) {
        (Some(Sum::Known(a)), Some(Sum::Known(inc)), Some(Sum::Known(f)))
            if a != inc && f == *inc =>
        {
            Some(Sum::Known(f))
        }
        _ => all_total,
    };
    // Forms that name no 支出/收入 columns (项目资金: 年度资金总额, 其中…) still state a
    // total, which bounds the tasks.
    // (Not last year's where the form sets it beside this year's; an expenditure total
    // before an income one.)
    let other_totals: Vec<&BudgetItem> = of(Side::Other)
        .into_iter()
        .filter(|i| is_total(i.name.as_deref()))
        .collect();
    let this_year: Vec<&BudgetItem> = match other_totals
        .iter()
        .any(|i| !is_last_year(i.section.as_deref()))
    {
        true => other_totals
            .iter()
            .copied()
            .filter(|i| !is_last_year(i.section.as_deref()))
            .collect(),
        false => other_totals,
    };
    let expenditure_value = match &expenditure {
        Some(Sum::Known(v)) => Some(*v),
        None if matrix_bound.is_some() => matrix_bound,
        _ => this_year
            .iter()
            .find(|i| side_of(i.name.as_deref()) == Side::Expenditure)
            .or_else(|| this_year.first())
            .and_then(|i| i.amount.as_ref().and_then(|a| a.yuan)),
    };
    checks.extend(check(
        "income_equals_expenditure",
        side_total(&income_items),
        expenditure,
        "expenditure = income",
        false,
    ));
    checks.extend(check(
        "level_split_equals_income",
        side_total(&income_items),
        side_total(&of(Side::LevelSplit)),
        "budget-level split = income",
        false,
    ));

    // Section totals: a 合计 row must equal the items above it.
    let mut sections: Vec<Option<&str>> = Vec::new();
    for i in &items {
        if !sections.contains(&i.section.as_deref()) {
            sections.push(i.section.as_deref());
        }
    }
    for s in sections {
        let in_s: Vec<&BudgetItem> = items
            .iter()
            .copied()
            .filter(|i| i.section.as_deref() == s)
            .collect();
        // Each total with the items it sums: one per heading total where the column
        // lists several, else the column's total with every other item.
        let heading = heading_groups(&in_s);
        // A column naming no side whose totals close its expenditure and its income
        // (支出合计, 收入合计: a year's column) balances within itself. (Heading totals
        // give their items a side: those are in the whole form's check above.)
        if side_of(s) == Side::Other && heading.is_none() {
            let total_of = |side: Side| {
                in_s.iter()
                    .find(|i| is_total(i.name.as_deref()) && side_of(i.name.as_deref()) == side)
                    .map(|t| sum(std::iter::once(*t), false))
            };
            if let (Some(exp), Some(inc)) = (total_of(Side::Expenditure), total_of(Side::Income)) {
                checks.extend(check(
                    "income_equals_expenditure",
                    inc,
                    exp,
                    &format!("{}: expenditure = income", s.unwrap_or("budget")),
                    false,
                ));
            }
        }
        let headed = heading.or_else(|| closing_groups(&in_s));
        let single = headed.is_none();
        let groups = headed.unwrap_or_else(|| {
            in_s.iter()
                .find(|i| is_total(i.name.as_deref()))
                .map(|t| {
                    let rest = in_s
                        .iter()
                        .copied()
                        .filter(|i| !is_total(i.name.as_deref()))
                        .collect();
                    vec![(*t, rest)]
                })
                .unwrap_or_default()
        });
        for (t, rest) in groups {
            let expected = sum(std::iter::once(t), false);
            let mut got = sum(rest.into_iter(), true);
            // Where the column does not add up, a longer 其中 breakdown may be why: the
            // reading that adds up is taken.
            let known = |x: &Option<Sum>| match x {
                Some(Sum::Known(v)) => Some(*v),
                _ => None,
            };
            if single && known(&expected).is_some() && known(&got) != known(&expected) {
                let col: Vec<&BudgetItem> = all
                    .iter()
                    .copied()
                    .filter(|i| i.section.as_deref() == s && !is_total(i.name.as_deref()))
                    .collect();
                let alt = sum(without_breakdowns(&col).into_iter(), true);
                if known(&alt) == known(&expected) {
                    got = alt;
                }
            }
            checks.extend(check(
                "section_total",
                expected,
                got,
                &format!(
                    "{} items = {}",
                    s.unwrap_or("budget"),
                    t.name.as_deref().unwrap_or("合计")
                ),
                false,
            ));
        }
    }

    // Tasks: their amounts add up to the special funds line, or at most the total
    // (where the table has amounts: some list tasks by name and content only).
    if !d.tasks.is_empty() && !d.tasks_without_amounts {
        let mut tasks_sum = Some(Sum::Known(Decimal::ZERO));
        // An `其中` row under a task is part of that task's amount: not added again.
        let parts = d.tasks.iter().scan(false, |after_task, t| {
            let part = is_of_which(t.name.as_deref()) && *after_task;
            *after_task |= !part;
            Some(part)
        });
        for (t, _) in d.tasks.iter().zip(parts).filter(|(_, part)| !part) {
            tasks_sum = match (tasks_sum, t.amount.as_ref().and_then(|a| a.yuan)) {
                (Some(Sum::Known(s)), Some(y)) => Some(match s.checked_add(y) {
                    Some(t) => Sum::Known(t),
                    None => Sum::Unknown("the sum of the task amounts overflows".into()),
                }),
                // A task whose amount cell holds only the placeholder for none
                // (`—`, `无`) adds nothing, as such a budget item does not.
                (Some(Sum::Known(s)), None) if t.nil => Some(Sum::Known(s)),
                // An amount split into parts with no total: the parts' sum is the
                // task's amount for the sum (the record keeps it null).
                (Some(Sum::Known(s)), None) if t.parts_yuan.is_some() => {
                    match t.parts_yuan.and_then(|p| s.checked_add(p)) {
                        Some(t) => Some(Sum::Known(t)),
                        None => Some(Sum::Unknown("the sum of the task amounts overflows".into())),
                    }
                }
                (Some(Sum::Known(_)), None) => Some(Sum::Unknown(format!(
                    "the amount of task {} is missing or unreadable",
                    t.name.as_deref().unwrap_or("(unnamed)")
                ))),
                (other, _) => other,
            };
        }
        // The table's own total row (合计): the last one, not a group's 小计, unless
        // a single 小计 is all the table has.
        let totals = &d.task_totals;
        let grand = totals
            .iter()
            .rev()
            .find(|(n, _)| norm(n) != "小计")
            .or(if totals.len() == 1 {
                totals.first()
            } else {
                None
            });
        if let Some((name, a)) = grand {
            let expected = Some(match a.as_ref().and_then(|a| a.yuan) {
                Some(y) => Sum::Known(y),
                None => Sum::Unknown(format!("the amount of {name} is missing or unreadable")),
            });
            checks.extend(check(
                "section_total",
                expected,
                tasks_sum.clone(),
                &format!("task amounts = {name}"),
                false,
            ));
        }
        // Looked up among all items: a 其中 line is often the special funds.
        let special = every.iter().find(|i| {
            i.name
                .as_deref()
                .map(norm)
                .is_some_and(|n| has(&n, "专项资金"))
        });
        match special {
            Some(s) => checks.extend(check(
                "tasks_equal_special_funds",
                sum(std::iter::once(*s), false),
                tasks_sum,
                &format!("task amounts = {}", s.name.as_deref().unwrap_or("专项资金")),
                false,
            )),
            None => checks.extend(check(
                "tasks_within_total",
                expenditure_value.map(Sum::Known),
                tasks_sum,
                "task amounts ≤ total expenditure",
                true,
            )),
        }
    }
    checks
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_breakdown_near_the_decimal_limit_is_no_panic() {
        let item = |name: &str, yuan: Decimal| BudgetItem {
            section: None,
            name: Some(name.to_string()),
            amount: Some(crate::value::Amount {
                raw: yuan.to_string(),
                value: yuan,
                unit: Some("元".into()),
                yuan: Some(yuan),
            }),
            nil: false,
            stated_none: false,
            side: None,
            loc: crate::record::Loc::Line { line: 1 },
        };
        let items = [
            item("基本支出", Decimal::MAX),
            item("其中：人员经费", Decimal::ONE),
            item("公用经费", Decimal::MAX),
        ];
        let refs: Vec<&BudgetItem> = items.iter().collect();
        // The breakdown never adds up: only its 其中 line is dropped.
        assert_eq!(without_breakdowns(&refs).len(), 2);
    }

    #[test]
    fn yuan_written_as_the_decimal_displays() {
        let mut cases = vec![
            Decimal::ZERO,
            -Decimal::ZERO,
            Decimal::new(0, 3),
            Decimal::new(-5, 3),
            Decimal::new(1_000, 2),
            Decimal::new(i64::MAX, 0),
            Decimal::new(i64::MIN, 0),
            Decimal::MAX,
            Decimal::MIN,
        ];
        for m in [1_i64, 479_272_400, 2_234_159_900, 999_999_999_999] {
            for scale in 0..4 {
                cases.push(Decimal::new(m, scale));
                cases.push(Decimal::new(-m, scale));
                cases.push(Decimal::new(m, scale).normalize());
            }
        }
        for d in cases {
            assert_eq!(Yuan(d).to_string(), d.to_string(), "{d:?}");
        }
    }
}

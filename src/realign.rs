//! Rows that lack their row-span cells, put back in their columns.
//!
//! A table exported the way HTML writes row spans (and text re-laid from it, or OCR'd
//! with tabs in some rows and runs of spaces in others) gives a merged cell only in the
//! first row it spans; the rows below start directly with the next column's cell, so
//! their cells stand shifted left:
//!
//! ```text
//! 绩效指标  一级指标  二级指标  三级指标        实施周期指标值  年度指标值
//! 产出指标  数量指标  新建高标准农田面积  ≥3.2万亩  ≥0.8万亩
//! 耕地地力保护补贴发放面积  不少于45万亩  不少于45万亩
//! ```
//!
//! A space-aligned row in a tab-separated text loses its leading empty cells the same
//! way. Such a row is moved right, by whole cells, to where its first cell belongs:
//! - under an indicator header, a level-1 name to the 一级指标 column, a level-2 name to
//!   the 二级指标 column (standard framework), anything else to the 三级指标 column;
//! - under a budget or task header that starts with its section label (the label column,
//!   which spans the section's rows), a row starting in the label column with a cell that
//!   is no label moves one column right.
//!
//! A row moves only when it then still fits under its header (cell count against the
//! header's), so a complete row, whose leading cells are kept empty, never moves; nor does
//! a row starting with a label (a repeated section label, 联系人, `填报人：…`).

use std::borrow::Cow;

use crate::grid::{Cell, Row};
use crate::sections::{
    framework_name_strict, has, indicator_level_cols, is_cost_stem, is_framework_name,
    may_be_level2, LabelMemo, RowLabel, MAX_LABEL_BYTES,
};

/// A header row's width: all its cells, and up to its last non-empty one.
#[derive(Clone, Copy)]
struct Width {
    cells: usize,
    filled: usize,
}

impl Width {
    fn of(row: &Row<'_>) -> Width {
        Width {
            cells: row.cells.len(),
            filled: row
                .cells
                .iter()
                .rposition(|c| !c.text.is_empty())
                .map_or(0, |i| i + 1),
        }
    }
}

/// The header a row is read under.
#[derive(Default)]
struct Context {
    /// The section whose label opened it.
    section: Option<RowLabel>,
    /// Label column and width of a budget/task/indicator header row that starts with its
    /// section label.
    label_col: Option<(usize, Width)>,
    /// Level-1, level-2, level-3 columns and the width of an indicator header row.
    indicator: Option<([usize; 3], Width)>,
    /// A row of the section kept its leading empty cells: the text keeps empty cells,
    /// so a row of its own separators starting in the first column starts there (a
    /// note, `填报说明 | 无`), and only space-split rows and level names move.
    keeps_empty_cells: bool,
}

/// Realign the rows of a grid with columns (see the module documentation). `padded`:
/// every row has a cell for every column (a bordered PDF table), so rows are measured up
/// to their last non-empty cell; in a text a complete row keeps its trailing tabs and is
/// measured whole.
pub(crate) fn rows(rows: &mut [Row<'_>], padded: bool) {
    rows_with(rows, padded, &LabelMemo::default());
}

/// `rows`, keeping the first cells' labels in the grid's memo for the form stage.
pub(crate) fn rows_with(rows: &mut [Row<'_>], padded: bool, labels: &LabelMemo) {
    let mut ctx = Context::default();
    for row in rows.iter_mut() {
        // A row split on spaces in a tab-separated text comes without columns: they are
        // its cells' places, moved below where its leading cells were lost.
        let spaced = row.cells.iter().any(|c| c.col.is_none());
        if spaced {
            for (i, c) in row.cells.iter_mut().enumerate() {
                c.col = Some(i);
            }
        }
        let Some(first_at) = row.cells.iter().position(|c| !c.text.is_empty()) else {
            continue;
        };
        let first_col = row.cells[first_at].col.unwrap_or(first_at);
        let width = Width::of(row);
        let first = &row.cells[first_at].text;
        if let Some(kind) = labels.row_label(first) {
            let header = indicator_header(row, first, width);
            // A section label repeated after a page break keeps the section's header.
            if ctx.section == Some(kind) && kind != RowLabel::Other && header.is_none() {
                continue;
            }
            // A section starts: its header is this row when the label has header cells
            // beside it.
            ctx = Context {
                section: Some(kind),
                ..Context::default()
            };
            let cells = row.cells.iter().filter(|c| !c.text.is_empty()).count();
            if kind != RowLabel::Other && cells >= 3 {
                ctx.label_col = Some((first_col, width));
                ctx.indicator = header;
            }
            continue;
        }
        if let Some(ind) = indicator_header(row, first, width) {
            ctx.indicator = Some(ind);
            continue;
        }
        if first_at > 0 && !spaced {
            ctx.keeps_empty_cells = true;
        }
        let may_move = spaced || !ctx.keeps_empty_cells;
        // A lone cell moves only when it is a level name: a note below the table is not
        // a level-3 name without targets.
        let several = row
            .cells
            .iter()
            .filter(|c| !c.text.is_empty())
            .nth(1)
            .is_some();
        // Where the first cell goes, the header, and whether the moved row must end in
        // the header's last column. Rows of level-3 names and targets, and task rows,
        // carry every cell up to the last column in the exports this repairs; a row that
        // would end short of it (`审核意见 | 同意` below the table) is no such row.
        let (target, header, exact) = if let Some(([l1, l2, l3], w)) = ctx.indicator {
            // Rows move only right, to a level column at most: a row starting in the
            // level-3 column or beyond stays, without testing its names.
            if first_col >= l3 {
                continue;
            }
            // A level name followed by another is level 1 (成本指标 is level 1 or 2 by
            // template: `成本指标 | 经济成本指标 | …` is level 1).
            // The first cell's name looked up once, not once per test.
            let name = framework_name_strict(first);
            // (Also a cost level-2 name without 指标, `成本指标 | 经济成本 | 名称 | 目标`,
            // with a level-3 name and a target after it: see `next_is_cost_level2`.)
            let mut rest = row
                .cells
                .iter()
                .skip(first_at + 1)
                .filter(|c| !c.text.is_empty());
            let level1_pair = name.is_some()
                && rest.next().is_some_and(|c| {
                    is_framework_name(&c.text)
                        || (name == Some("成本指标")
                            && is_cost_stem(&c.text)
                            && rest.clone().count() >= 2)
                });
            if level1_pair {
                (l1, w, false)
            } else if name.is_some_and(may_be_level2) {
                (l2, w, false)
            } else if name.is_some() {
                (l1, w, false)
            } else if several && may_move {
                (l3, w, true)
            } else {
                continue;
            }
        } else if !several || !may_move {
            continue;
        } else if let Some((label, w)) = ctx.label_col.filter(|(l, _)| *l == first_col) {
            (label + 1, w, ctx.section == Some(RowLabel::Tasks))
        } else {
            continue;
        };
        let Some(by) = target.checked_sub(first_col).filter(|by| *by > 0) else {
            continue;
        };
        let fits = if padded {
            width.filled + by <= header.filled
        } else {
            width.cells + by <= header.cells
        };
        if !fits || (exact && width.filled + by != header.filled) {
            continue;
        }
        shift(row, by);
    }
}

/// The level columns and width of an indicator header row. Cheap reject first: every row
/// of every text with columns comes here, and a header starts with 一级指标 or with the
/// section's label (绩效指标), so only the first cell is searched.
fn indicator_header(row: &Row<'_>, first: &str, width: Width) -> Option<([usize; 3], Width)> {
    // A header names three levels, 一级指标 among them: rows with fewer filled cells or
    // no 级 are no header (checked before collecting the cells, as many rows start with
    // a level name).
    // `has`: a memchr for the last byte rejects most cells before a substring search
    // is set up.
    // Only cells that can be header cells (no longer than a label) are searched for 级:
    // the targets of an indicator row, which most rows that get here are, can be long.
    if !has(first, "指标")
        || row.non_empty().nth(2).is_none()
        || !row
            .non_empty()
            .any(|c| c.text.len() <= MAX_LABEL_BYTES && has(&c.text, "级"))
    {
        return None;
    }
    let cells: Vec<&Cell> = row.non_empty().collect();
    match indicator_level_cols(&cells)? {
        [Some(l1), Some(l2), Some(l3)] if l1 < l2 && l2 < l3 => Some(([l1, l2, l3], width)),
        _ => None,
    }
}

/// Move a row's cells `by` columns right, with empty cells before them (its own empty
/// cells at the end, where it has them).
fn shift(row: &mut Row<'_>, by: usize) {
    let n = row.cells.len();
    if n >= by && row.cells[n - by..].iter().all(|c| c.text.is_empty()) {
        row.cells.rotate_right(by);
        for (i, c) in row.cells.iter_mut().enumerate() {
            c.col = Some(i);
        }
        return;
    }
    let loc = row.loc.clone();
    let empties = (0..by).map(|_| Cell {
        text: Cow::Borrowed(""),
        col: None,
        loc: loc.clone(),
    });
    row.cells.splice(0..0, empties);
    for (i, c) in row.cells.iter_mut().enumerate() {
        c.col = Some(i);
    }
}

#[cfg(test)]
mod tests {
    use std::borrow::Cow;

    use proptest::prelude::*;

    use super::{indicator_header, Width};
    use crate::grid::{from_text, Cell, Row};
    use crate::record::Loc;
    use crate::sections::indicator_level_cols;

    proptest! {
        /// The header prefilters reject only rows the full header test rejects.
        #[test]
        fn indicator_header_prefilter_is_exact(
            texts in proptest::collection::vec(
                "一级指标|二级指标|三 级 指 标|指标名称|绩效指标|年度指标值|产出指标|[一二三级指标名称绩效实施周期年度值 ]{0,6}|[级指标≥90%满意度。]{30,40}",
                0..7,
            ),
        ) {
            let row = Row {
                cells: texts
                    .iter()
                    .enumerate()
                    .map(|(i, t)| Cell {
                        text: Cow::Borrowed(t.as_str()),
                        col: Some(i),
                        loc: Loc::Line { line: 0 },
                    })
                    .collect(),
                loc: Loc::Line { line: 0 },
            };
            let width = Width::of(&row);
            let first = row.non_empty().next().map_or("", |c| &*c.text);
            let got = indicator_header(&row, first, width).map(|(cols, _)| cols);
            let cells: Vec<&Cell> = row.non_empty().collect();
            let want = match indicator_level_cols(&cells) {
                Some([Some(a), Some(b), Some(c)]) if a < b && b < c && first.contains("指标") => {
                    Some([a, b, c])
                }
                _ => None,
            };
            prop_assert_eq!(got, want);
        }
    }

    fn cols(text: &str) -> Vec<Vec<(usize, String)>> {
        from_text(text)
            .rows
            .iter()
            .map(|r| {
                r.non_empty()
                    .map(|c| (c.col.unwrap_or(usize::MAX), c.text.to_string()))
                    .collect()
            })
            .collect()
    }

    fn row(cells: &[(usize, &str)]) -> Vec<(usize, String)> {
        cells.iter().map(|(c, t)| (*c, t.to_string())).collect()
    }

    #[test]
    fn indicator_rows_without_their_span_cells_move_right() {
        let text = "绩效指标\t一级指标\t二级指标\t三级指标\t实施周期指标值\t年度指标值\n\
                    产出指标\t数量指标\t面积\t≥3万亩\t≥1万亩\n\
                    补贴面积\t不少于45万亩\t不少于45万亩\n\
                    质量指标\t合格率\t100%\t100%\n\
                    成本指标\n\
                    联系人\t张三\n";
        let got = cols(text);
        assert_eq!(got[1][0], (1, "产出指标".to_string()));
        assert_eq!(
            got[2],
            row(&[(3, "补贴面积"), (4, "不少于45万亩"), (5, "不少于45万亩")])
        );
        assert_eq!(got[3][0], (2, "质量指标".to_string()));
        assert_eq!(got[4], row(&[(2, "成本指标")]));
        let text = "绩效指标\t一级指标\t二级指标\t三级指标\t实施周期指标值\t年度指标值\n\
                    成本指标\t经济成本指标\t户均成本\t≤3万元\t≤3万元\n";
        assert_eq!(cols(text)[1][0], (1, "成本指标".to_string()));
        assert_eq!(
            got[5],
            row(&[(0, "联系人"), (1, "张三")]),
            "a label never moves"
        );
        // Rows that would end short of the header's last column are no indicator rows.
        let text = "绩效指标\t一级指标\t二级指标\t三级指标\t实施周期指标值\t年度指标值\n\
                    产出指标\t数量指标\t面积\t≥3万亩\t≥1万亩\n\
                    审核意见\t同意\n";
        assert_eq!(cols(text)[2], row(&[(0, "审核意见"), (1, "同意")]));
        // A text that keeps its empty cells starts a row of its own separators where
        // the row starts: a note after the table stays.
        let text = "绩效指标\t一级指标\t二级指标\t三级指标\t年度指标值\n\
                    \t产出指标\t数量指标\t调查企业数\n\
                    填报说明\t无\n";
        assert_eq!(cols(text)[2], row(&[(0, "填报说明"), (1, "无")]));
    }

    #[test]
    fn complete_rows_and_titled_tables_stay() {
        // Leading empty cells kept: nothing moves.
        let text = "绩效指标\t一级指标\t二级指标\t三级指标\t实施周期指标值\t年度指标值\n\
                    \t产出指标\t数量指标\t面积\t≥3万亩\t≥1万亩\n\
                    \t\t\t补贴面积\t不少于45万亩\t不少于45万亩\n\
                    \t\t\t\t生态效益指标\t\n";
        let got = cols(text);
        assert_eq!(got[2][0], (3, "补贴面积".to_string()));
        assert_eq!(got[3], row(&[(4, "生态效益指标")]));
        // A task table under a title row has no label column: its rows start at 0.
        let text = "年度重点工作任务\n名称\t主要实施内容\t拟投入的资金\t期望达到的目标\n\
                    甲\t内容\t1.00\t目标\n";
        assert_eq!(cols(text)[2][0], (0, "甲".to_string()));
    }

    #[test]
    fn budget_and_task_rows_under_a_label_column_move_right() {
        let text = "预算整体情况\t部门预算支出\t预算金额（元）\t收入来源\t预算金额（元）\n\
                    基本支出\t12.00\t财政拨款\t38.00\n\
                    \t项目支出\t27.00\t其他资金\t2.00\n\
                    年度重点工作任务\t名称\t主要实施内容\t拟投入的资金（元）\t期望达到的目标\n\
                    甲\t内容\t1.00\t目标\n";
        let got = cols(text);
        assert_eq!(got[1][0], (1, "基本支出".to_string()));
        assert_eq!(got[2][0], (1, "项目支出".to_string()));
        assert_eq!(got[4][0], (1, "甲".to_string()));
        // Under the task header a row that would end short of its last column stays.
        let text = "年度重点工作任务\t名称\t主要实施内容\t拟投入的资金（元）\t期望达到的目标\n\
                    甲\t内容\t1.00\t目标\n\
                    审核意见\t同意\n";
        assert_eq!(cols(text)[2][0], (0, "审核意见".to_string()));
    }
}

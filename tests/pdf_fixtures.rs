//! PDF input on committed fixtures (made by scripts/make-pdf-fixtures.sh; no LibreOffice
//! or Python needed here): renditions of the seed form must give the same grid as its
//! tab-separated text, broken PDFs the right error kinds.

mod common;

use std::collections::HashMap;

use declx::error::ErrorKind;
use declx::grid::{self, Grid, Layout};
use declx::pdf::{read_pdf, PdfOptions};
use declx::record::Loc;

use common::pdf_comparable as what;

fn fixture(name: &str) -> Vec<u8> {
    let path = format!("{}/fixtures/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn seed_text() -> String {
    String::from_utf8(fixture("guangzhou-science-tech-2023.txt")).unwrap()
}

fn squash(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

/// Non-empty cell texts of each row (whitespace removed: a space at a PDF line end is
/// not drawn, so `2. 加快` wrapped after `2.` reads `2.加快`).
fn rows(g: &Grid) -> Vec<Vec<String>> {
    g.rows
        .iter()
        .map(|r| r.non_empty().map(|c| squash(&c.text)).collect::<Vec<_>>())
        .filter(|r| !r.is_empty())
        .collect()
}

/// Non-empty cells with their column index.
fn cols(g: &Grid) -> Vec<Vec<(Option<usize>, String)>> {
    g.rows
        .iter()
        .map(|r| {
            r.non_empty()
                .map(|c| (c.col, squash(&c.text)))
                .collect::<Vec<_>>()
        })
        .filter(|r| !r.is_empty())
        .collect()
}

fn pdf(name: &str) -> Grid<'static> {
    read_pdf(&fixture(name), &PdfOptions::default()).unwrap_or_else(|e| panic!("{name}: {e}"))
}

fn check_locations(g: &Grid) {
    let pages = g.pages.unwrap();
    for r in &g.rows {
        for c in &r.cells {
            let Loc::Page { page, bbox } = &c.loc else {
                panic!("no page loc")
            };
            assert!(*page >= 1 && *page <= pages);
            assert!(bbox[0] <= bbox[2] && bbox[1] <= bbox[3], "{bbox:?}");
        }
    }
}

#[test]
fn pdf_lattice_matches_text_grid() {
    let g = pdf("seed-lattice.pdf");
    assert_eq!(g.layout, Layout::PdfLattice);
    assert_eq!(g.pages, Some(8));
    check_locations(&g);
    let seed = seed_text();
    let text = grid::from_text(&seed);
    // Same rows, same cells, same columns.
    assert_eq!(cols(&g), cols(&text));
    // A cell split over pages 1–2 is one cell, located on page 1.
    let task = g
        .rows
        .iter()
        .find(|r| r.cells.iter().any(|c| c.text == "基础研究计划"))
        .unwrap();
    assert_eq!(task.loc.page(), Some(1));
    assert!(task.cells[2]
        .text
        .ends_with("支持广州市科技资源库建设发展。"));
}

#[test]
fn pdf_landscape_matches_text_grid() {
    let g = pdf("seed-landscape.pdf");
    assert_eq!(g.pages, Some(7));
    check_locations(&g);
    assert_eq!(cols(&g), cols(&grid::from_text(&seed_text())));
}

#[test]
fn pdf_stream_keeps_rows_and_cells() {
    let g = pdf("seed-stream.pdf");
    assert_eq!(g.layout, Layout::PdfStream);
    check_locations(&g);
    let seed = seed_text();
    let text = grid::from_text(&seed);
    // Without borders a row-span label sits beside the middle row of its span and a
    // merged cell in the column its centred text starts in; every cell text survives.
    let mut want: HashMap<String, usize> = HashMap::new();
    for r in rows(&text) {
        for c in r {
            *want.entry(c).or_default() += 1;
        }
    }
    let mut got = want.clone();
    for r in rows(&g) {
        for c in r {
            if let Some(n) = got.get_mut(&c) {
                *n = n.saturating_sub(1);
            }
        }
    }
    let missing: Vec<&String> = got
        .iter()
        .filter(|(_, n)| **n > 0)
        .map(|(c, _)| c)
        .collect();
    assert!(missing.is_empty(), "cells not found: {missing:?}");
    // Rows with several cells keep their columns (budget lines, tasks, indicators).
    let find = |label: &str| {
        cols(&g)
            .into_iter()
            .find(|r| r.iter().any(|(_, t)| t == label))
            .unwrap_or_else(|| panic!("{label}"))
    };
    assert_eq!(
        find("基本支出"),
        vec![
            (Some(1), "基本支出".into()),
            (Some(2), "16,583.94".into()),
            (Some(3), "财政拨款".into()),
            (Some(4), "450,385.73".into())
        ]
    );
    let t = find("企业创新计划");
    assert_eq!(t.len(), 4);
    assert_eq!(t[2], (Some(3), "138,865.85".into()));
}

fn seed_rows(n: usize) -> Vec<Vec<String>> {
    let text = seed_text();
    let mut g = grid::from_text(&text);
    g.rows.retain(|r| r.non_empty().next().is_some());
    g.rows.truncate(n + 1);
    rows(&g)
}

#[test]
fn pdf_other_producers() {
    // reportlab: STSong-Light with UniGB-UCS2-H and no ToUnicode, borders drawn as thin
    // filled rectangles; then /Rotate 90 with the table inside a Form XObject.
    for name in ["other-cid-rects.pdf", "other-rotated-form.pdf"] {
        let g = pdf(name);
        assert_eq!(g.layout, Layout::PdfLattice, "{name}");
        assert_eq!(rows(&g), seed_rows(8), "{name}");
        check_locations(&g);
    }
    // Hand-written: GBK-EUC-H (one-byte ASCII, two-byte GBK); the page number is dropped.
    let g = pdf("other-gbk.pdf");
    assert_eq!(
        rows(&g),
        vec![
            vec!["名称", "金额（万元）", "说明"],
            vec!["基本支出", "16,583.94", "人员经费"],
            vec!["项目支出", "7,069.15", "AB计划"],
        ]
    );
    assert_eq!(g.rows[2].cells[2].text, "AB 计划");
}

#[test]
fn pdf_rotated_page_bboxes_are_upright() {
    let g = pdf("other-rotated-form.pdf");
    // Displayed landscape: 842 wide, 595 high; the title is near the top.
    let Loc::Page { bbox, .. } = &g.rows[0].loc else {
        panic!()
    };
    assert!(bbox[2] <= 842.0 && bbox[1] > 500.0, "{bbox:?}");
}

fn kind(name: &str, password: Option<&str>) -> ErrorKind {
    let opts = PdfOptions {
        password: password.map(str::to_string),
    };
    read_pdf(&fixture(name), &opts)
        .map(|_| ())
        .unwrap_err()
        .kind()
}

#[test]
fn pdf_error_kinds() {
    assert_eq!(kind("broken-encrypted.pdf", None), ErrorKind::EncryptedPdf);
    assert_eq!(
        kind("broken-encrypted.pdf", Some("wrong")),
        ErrorKind::EncryptedPdf
    );
    assert_eq!(kind("broken-truncated.pdf", None), ErrorKind::CorruptPdf);
    assert_eq!(kind("broken-scanned.pdf", None), ErrorKind::NoTextLayer);
    assert_eq!(
        kind("broken-not-a-pdf.pdf", None),
        ErrorKind::UnsupportedFormat
    );
    // Garbage after a PDF header is corrupt, never a crash.
    let mut junk = b"%PDF-1.7\n".to_vec();
    junk.extend((0..5000u32).map(|i| (i.wrapping_mul(2654435761) >> 24) as u8));
    let e = read_pdf(&junk, &PdfOptions::default()).unwrap_err();
    assert_eq!(e.kind(), ErrorKind::CorruptPdf);
}

#[test]
fn pdf_password_and_owner_only_open() {
    let opts = PdfOptions {
        password: Some("secret".into()),
    };
    let with_pw = read_pdf(&fixture("broken-encrypted.pdf"), &opts).unwrap();
    let owner_only = pdf("broken-owner-only.pdf");
    assert_eq!(rows(&with_pw), rows(&owner_only));
    assert_eq!(rows(&owner_only), seed_rows(7));
}

#[test]
fn pdf_layout_text_reads_like_stream() {
    let text = String::from_utf8(fixture("layout/seed-lattice.layout.txt")).unwrap();
    let g = declx::pdf::stream::grid_from_layout_text(&text).expect("layout text");
    assert_eq!(g.layout, Layout::PdfStream);
    assert!(matches!(g.rows[0].loc, Loc::Line { line: 1 }));
    assert_eq!(rows(&g)[0], vec!["部门整体预算绩效目标申报表"]);
    let all = rows(&g);
    let find = |label: &str| {
        all.iter()
            .find(|r| r.iter().any(|t| t == label))
            .unwrap_or_else(|| panic!("{label}"))
    };
    // Cells side by side stay apart; a label wrapped over two lines comes back whole.
    assert_eq!(
        find("基本支出"),
        &vec!["基本支出", "16,583.94", "财政拨款", "450,385.73"]
    );
    // The indicator header keeps the 绩效指标 label in front, as the tab text has it.
    assert_eq!(
        find("一级指标"),
        &vec![
            "绩效指标",
            "一级指标",
            "二级指标",
            "三级指标",
            "实施周期指标值",
            "年度指标值"
        ]
    );
    // The row keeps its 年度重点工作任务 label cell in front, as the tab-separated form has it.
    assert_eq!(
        find("主要实施内容").last().map(String::as_str),
        Some("期望达到的目标（概述）")
    );
}

/// Why the backend decodes CJK CMaps itself: pdf-extract alone cannot read this file.
#[test]
fn pdf_extract_alone_fails_on_predefined_cjk_cmap() {
    let bytes = fixture("other-cid-rects.pdf");
    let r = std::panic::catch_unwind(|| pdf_extract::extract_text_from_mem(&bytes));
    let readable = matches!(&r, Ok(Ok(t)) if t.contains("部门名称"));
    assert!(
        !readable,
        "pdf-extract learnt UniGB-UCS2-H; the workaround may go"
    );
    assert!(pdf("other-cid-rects.pdf")
        .rows
        .iter()
        .any(|r| r.cells.iter().any(|c| c.text == "部门名称")));
}

/// Two consecutive rows at a page break are not joined unless the first was cut: its
/// continued cells must all stop at the same last line (they do not in reportlab-full,
/// where 引领产业发展… ends a line above its targets).
#[test]
fn rows_at_a_page_break_are_not_joined_by_mistake() {
    let rec = declx::extract_bytes(
        "reportlab-full.pdf",
        &fixture("reportlab-full.pdf"),
        &declx::Options::default(),
    );
    let v = serde_json::to_value(&rec).unwrap();
    assert_eq!(v["indicators"].as_array().map(Vec::len), Some(17));
    assert_eq!(v["tasks"].as_array().map(Vec::len), Some(5));
}

#[test]
fn pdf_renditions_give_the_text_record() {
    let opts = declx::Options::default();
    let text = declx::extract_bytes(
        "seed.txt",
        &fixture("guangzhou-science-tech-2023.txt"),
        &opts,
    );
    let want = what(serde_json::to_value(&text).unwrap());
    // LibreOffice (bordered, landscape, borderless) and reportlab (CID font without
    // ToUnicode, borders as filled rectangles, rows flowing over 5 pages, page footers).
    for name in [
        "seed-lattice.pdf",
        "seed-landscape.pdf",
        "seed-stream.pdf",
        "reportlab-full.pdf",
    ] {
        let rec = declx::extract_bytes(name, &fixture(name), &opts);
        let got = serde_json::to_value(&rec).unwrap();
        assert_eq!(got["source"]["format"], "pdf", "{name}");
        assert!(got["source"]["pages"].as_u64().is_some(), "{name}");
        let item = &got["budget"]["items"][0];
        assert!(
            item["page"].as_u64().is_some() && item["bbox"].is_array(),
            "{name}: {item}"
        );
        assert_eq!(what(got), want, "{name}");
    }
}

/// Regression fixtures from the PDF sweep (`tests/pdf_sweep.rs`): each
/// `fixtures/<case>.pdf` with its text in `fixtures/sweep/<case>.txt` gives the text's
/// record (their `.expected.json` goldens pin the rest).
#[test]
fn sweep_fixtures_give_their_text_record() {
    let dir = format!("{}/fixtures/sweep", env!("CARGO_MANIFEST_DIR"));
    let mut cases: Vec<String> = std::fs::read_dir(&dir)
        .map(|rd| {
            rd.filter_map(|e| e.ok())
                .filter_map(|e| {
                    e.file_name()
                        .to_str()?
                        .strip_suffix(".txt")
                        .map(String::from)
                })
                .collect()
        })
        .unwrap_or_default();
    cases.sort();
    assert!(!cases.is_empty(), "no texts in {dir}");
    let opts = declx::Options::default();
    for case in cases {
        let text = std::fs::read(format!("{dir}/{case}.txt")).unwrap();
        let want =
            what(serde_json::to_value(declx::extract_bytes("form.txt", &text, &opts)).unwrap());
        let name = format!("{case}.pdf");
        let got =
            serde_json::to_value(declx::extract_bytes(&name, &fixture(&name), &opts)).unwrap();
        assert_eq!(what(got), want, "{name}");
    }
}

/// A borderless table misread (an OCR'd scan's text layer, its table read without rules:
/// rows glued where the engine's line heights run them together) says so with
/// `pdf_table_uncertain` warnings naming the page; borderless fixtures read right give
/// none. (The Word-like rendition with spread 竖排 labels and no cell margin this used
/// reads its budget, goal and indicators right now, and warns no more.)
#[test]
fn misread_stream_tables_are_flagged() {
    let opts = declx::Options::default();
    let name = "ocr-tesseract-seed.pdf";
    let got = serde_json::to_value(declx::extract_bytes(name, &fixture(name), &opts)).unwrap();
    let flagged: Vec<&serde_json::Value> = got["warnings"]
        .as_array()
        .into_iter()
        .flatten()
        .filter(|w| w["code"] == "pdf_table_uncertain")
        .collect();
    assert!(!flagged.is_empty(), "{name}: {}", got["warnings"]);
    assert!(flagged.iter().all(|w| w["page"].as_u64().is_some()
        && w["message"]
            .as_str()
            .is_some_and(|m| m.starts_with("page "))));
    let dir = format!("{}/fixtures/sweep", env!("CARGO_MANIFEST_DIR"));
    let mut right = vec![
        "seed-stream".to_string(),
        "producer-word-no-borders-vertical-spread".to_string(),
    ];
    right.extend(
        std::fs::read_dir(&dir)
            .into_iter()
            .flatten()
            .filter_map(|e| {
                e.ok()?
                    .file_name()
                    .to_str()?
                    .strip_suffix(".txt")
                    .map(String::from)
            })
            .filter(|c| c.contains("stream")),
    );
    for case in right {
        let name = format!("{case}.pdf");
        let rec =
            serde_json::to_value(declx::extract_bytes(&name, &fixture(&name), &opts)).unwrap();
        let codes: Vec<&serde_json::Value> = rec["warnings"]
            .as_array()
            .into_iter()
            .flatten()
            .map(|w| &w["code"])
            .collect();
        assert!(
            !codes.iter().any(|c| *c == "pdf_table_uncertain"),
            "{name}: {codes:?}"
        );
    }
}

//! Inputs that are not (whole) declarations: one record each, the right error kind or
//! warnings naming what is missing, never a panic.

mod common;

use common::*;
use serde_json::Value;

fn kind(v: &Value) -> &str {
    v["error"]["kind"].as_str().unwrap_or("(no error)")
}

fn warning_messages(v: &Value, code: &str) -> Vec<String> {
    v["warnings"]
        .as_array()
        .cloned()
        .unwrap_or_default()
        .iter()
        .filter(|w| w["code"] == code)
        .filter_map(|w| w["message"].as_str().map(str::to_string))
        .collect()
}

#[test]
fn empty_and_blank_files() {
    assert_eq!(kind(&extract_bytes("e.txt", b"")), "empty");
    assert_eq!(kind(&extract_bytes("b.txt", b"  \n\r\n\t \n")), "empty");
}

#[test]
fn prose_is_not_a_declaration() {
    let text = "广州市科学技术局关于开展2023年度科技创新项目申报工作的通知\n\n各有关单位：\n根据工作安排，现将有关事项通知如下。\n一、申报时间为2023年3月1日至3月31日。\n";
    let v = extract_str("notice.txt", text);
    assert_eq!(kind(&v), "not_a_declaration");
    let msg = v["error"]["message"].as_str().unwrap_or_default();
    assert!(
        msg.contains("notice.txt") && msg.contains("部门名称"),
        "{msg}"
    );
}

#[test]
fn a_csv_of_numbers_is_not_a_declaration() {
    let v = extract_str("numbers.csv", "a,b,c\n1,2,3\n4,5,6\n");
    assert_eq!(kind(&v), "not_a_declaration");
}

#[test]
fn cut_off_after_the_tasks_keeps_what_is_there() {
    // Keep the lines up to the first task row after the page break (line 19).
    let cut: String = SEED.split_inclusive('\n').take(19).collect();
    let v = extract_str("cut.txt", &cut);
    assert!(v.get("error").is_none(), "{v}");
    assert_eq!(v["department"], "广州市科学技术局");
    assert_eq!(v["tasks"].as_array().map(Vec::len), Some(5));
    assert_eq!(v["indicators"], serde_json::json!([]));
    let missing = warning_messages(&v, "missing_section");
    assert!(
        missing.iter().any(|m| m.contains("绩效指标")),
        "{missing:?}"
    );
}

#[test]
fn cut_off_in_the_middle_of_a_line_and_of_a_character() {
    let bytes = SEED.as_bytes();
    // Halfway through the file, and one byte further: mid-character in UTF-8.
    for cut in [bytes.len() / 2, bytes.len() / 2 + 1] {
        let v = extract_bytes("half.txt", &bytes[..cut]);
        assert!(v.get("error").is_none(), "cut at {cut}: {v}");
        assert_eq!(v["department"], "广州市科学技术局");
        assert!(!warning_messages(&v, "missing_section").is_empty());
    }
}

#[test]
fn cut_off_in_the_budget_block() {
    let cut: String = SEED.split_inclusive('\n').take(8).collect();
    let v = extract_str("cut.txt", &cut);
    assert!(v.get("error").is_none(), "{v}");
    assert_eq!(v["budget"]["items"].as_array().map(Vec::len), Some(4));
    let missing = warning_messages(&v, "missing_section").join(" ");
    for name in ["总体绩效目标", "年度重点工作任务", "绩效指标"] {
        assert!(missing.contains(name), "{missing}");
    }
}

#[test]
fn only_a_title_is_not_enough() {
    let v = extract_str("t.txt", "部门整体预算绩效目标申报表\n");
    assert_eq!(kind(&v), "not_a_declaration");
}

#[test]
fn forced_utf16_is_read_even_when_it_looks_binary() {
    // Big-endian UTF-16 of a short form without BOM; mostly CJK, so few NUL bytes.
    let text = "部门名称\t某局\n总体绩效目标\t提升效能。\n";
    let bytes: Vec<u8> = text.encode_utf16().flat_map(|u| u.to_be_bytes()).collect();
    let opts = declx::Options {
        encoding: declx::decode::encoding_for_label("utf-16be"),
        ..Default::default()
    };
    let v = checked_json(&declx::extract_bytes("f.txt", &bytes, &opts));
    assert!(v.get("error").is_none(), "{v}");
    assert_eq!(v["department"], "某局");
    assert_eq!(v["source"]["encoding"], "UTF-16BE");
}

#[test]
fn html_nested_beyond_reason_is_unsupported_not_a_stall() {
    // html5ever checks its open-element stack per tag: 100,000 nested elements take
    // minutes. They are refused before parsing, in a moment.
    let html = format!(
        "<html><table><tr><td>{}部门名称</td></tr></table>",
        "<div>".repeat(100_000)
    );
    let v = extract_str("deep.html", &html);
    assert_eq!(kind(&v), "unsupported_format");
    // A web page table without a declaration in it is not one.
    let page = "<!DOCTYPE html><html><body><table><tr><td>通知</td><td>2023</td></tr></table></body></html>";
    assert_eq!(kind(&extract_str("page.html", page)), "not_a_declaration");
}

#[test]
fn an_indicator_table_alone_is_not_a_declaration() {
    // With its 绩效指标 label column, without it, and as markdown: one section of the form,
    // no title, no department, so no declaration (the contract's not_a_declaration).
    let labelled = "绩效指标\t一级指标\t二级指标\t三级指标\t年度指标值\n\
        \t产出指标\t数量指标\t调查项目数\t≥12项\n\
        \t效益指标\t社会效益指标\t数据公开率\t100%\n";
    let bare = "一级指标\t二级指标\t三级指标\t年度指标值\n产出指标\t数量指标\t调查项目数\t≥12项\n";
    let md = "| 一级指标 | 二级指标 | 三级指标 | 年度指标值 |\n|---|---|---|---|\n\
        | 产出指标 | 数量指标 | 调查项目数 | ≥12项 |\n";
    for (name, text) in [("l.txt", labelled), ("b.txt", bare), ("m.md", md)] {
        assert_eq!(
            kind(&extract_str(name, text)),
            "not_a_declaration",
            "{name}"
        );
    }
}

#[test]
fn two_declarations_in_one_file_give_the_first_with_a_warning() {
    let second = include_str!("heldout/shenzhen-nanshan-health-2024.txt");
    let first = extract_str("one.txt", SEED);
    let v = extract_str("two.txt", &format!("{SEED}\n{second}"));
    assert!(v.get("error").is_none(), "{v}");
    assert_eq!(v["department"], "广州市科学技术局");
    for field in ["tasks", "indicators"] {
        assert_eq!(
            without_locations(&v[field]),
            without_locations(&first[field]),
            "{field}"
        );
    }
    assert_eq!(v["budget"]["items"], first["budget"]["items"]);
    let warned = warning_messages(&v, "multiple_declarations");
    assert!(
        warned.len() == 1 && warned[0].contains("深圳市南山区卫生健康局"),
        "{warned:?}"
    );
}

#[test]
fn a_markdown_declaration_pasted_after_a_tab_one_is_a_second_declaration() {
    // Two exports pasted into one file in different layouts: the markdown rows in the
    // tab text are split on their pipes (they had been whole lines in other_fields, and
    // the second declaration went unnoticed).
    let second = include_str!("heldout/chengdu-education-2022.txt");
    let first = extract_str("one.txt", SEED);
    let v = extract_str(
        "two.txt",
        &format!(
            "{SEED}
{second}"
        ),
    );
    assert_eq!(v["department"], "广州市科学技术局");
    assert_eq!(
        without_locations(&v["tasks"]),
        without_locations(&first["tasks"])
    );
    assert_eq!(v["other_fields"], first["other_fields"]);
    let warned = warning_messages(&v, "multiple_declarations");
    assert!(
        warned.len() == 1 && warned[0].contains("成都市教育局"),
        "{warned:?}"
    );
}

#[test]
fn a_file_cut_inside_a_character_keeps_u_fffd_and_warns() {
    // Cut one byte into a three-byte ideograph on the goal's line: that character is
    // U+FFFD in the record (never dropped silently) and a decode_error names its line.
    let at = SEED.find("面向经济主战场").map(|i| i + 1).unwrap_or(0);
    assert!(at > 0);
    let v = extract_bytes("cut.txt", &SEED.as_bytes()[..at]);
    assert!(v.get("error").is_none(), "{v}");
    let goal = v["overall_goal"].as_str().unwrap_or_default();
    assert!(goal.ends_with('\u{FFFD}'), "{goal:?}");
    let warned: Vec<&Value> = v["warnings"]
        .as_array()
        .into_iter()
        .flatten()
        .filter(|w| w["code"] == "decode_error")
        .collect();
    let line = SEED[..at - 1].lines().count();
    assert!(
        warned.len() == 1 && warned[0]["line"] == line,
        "{warned:?} (line {line})"
    );
}

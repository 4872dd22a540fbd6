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

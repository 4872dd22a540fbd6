//! Short texts, where detectors fail: each encoded string must be detected unaided.

use declx::decode::decode;
use encoding_rs::{Encoding, BIG5, GB18030, GBK, UTF_8};

/// (text, encoding used to write it, name `decode` must report)
const CASES: &[(&str, &str, &str)] = &[
    // Simplified Chinese in GBK: form labels and cells.
    ("部门名称", "gbk", "GBK"),
    ("预算金额（万元）", "gbk", "GBK"),
    ("≥90%", "gbk", "GBK"),
    ("基本支出", "gbk", "GBK"),
    ("项目支出", "gbk", "GBK"),
    ("财政拨款", "gbk", "GBK"),
    ("绩效目标", "gbk", "GBK"),
    ("产出指标", "gbk", "GBK"),
    ("数量指标", "gbk", "GBK"),
    ("质量指标", "gbk", "GBK"),
    ("满意度≥95%", "gbk", "GBK"),
    ("年度重点工作任务", "gbk", "GBK"),
    ("广州市科学技术局", "gbk", "GBK"),
    ("总体绩效目标", "gbk", "GBK"),
    ("其他资金\t0.00", "gbk", "GBK"),
    ("按预算级次划分", "gbk", "GBK"),
    ("服务对象满意度", "gbk", "GBK"),
    ("经济效益指标", "gbk", "GBK"),
    ("成本指标≤100万元", "gbk", "GBK"),
    ("部门整体预算绩效目标申报表", "gbk", "GBK"),
    ("一", "gbk", "GBK"),
    ("中", "gbk", "GBK"),
    ("效", "gbk", "GBK"),
    ("时效", "gbk", "GBK"),
    ("市本级使用资金\t411,641.73", "gbk", "GBK"),
    ("“科学发现、技术发明”", "gbk", "GBK"),
    ("开展项目数量≥800项。", "gbk", "GBK"),
    ("时效指标\t2023年12月31日前完成", "gbk", "GBK"),
    ("万元", "gbk", "GBK"),
    ("社会效益指标", "gbk", "GBK"),
    ("可持续影响指标", "gbk", "GBK"),
    ("拟用于对下转移支付资金", "gbk", "GBK"),
    // GB18030: characters outside GBK need four-byte sequences.
    ("注册商标®", "gb18030", "GB18030"),
    ("版权©2023", "gb18030", "GB18030"),
    ("张𠮷", "gb18030", "GB18030"),
    ("新元素鿏", "gb18030", "GB18030"),
    ("部门名称\t西班牙语ñ", "gb18030", "GB18030"),
    ("预算金额（万元）\t€100", "gb18030", "GBK"),
    // Traditional Chinese in Big5.
    ("部門名稱", "big5", "Big5"),
    ("預算金額（萬元）", "big5", "Big5"),
    ("績效目標", "big5", "Big5"),
    ("臺北市政府", "big5", "Big5"),
    ("年度重點工作任務", "big5", "Big5"),
    ("服務對象滿意度≧95%", "big5", "Big5"),
    ("經濟效益指標", "big5", "Big5"),
    ("財政撥款", "big5", "Big5"),
    ("總體績效目標", "big5", "Big5"),
    ("香港特別行政區", "big5", "Big5"),
    ("產出指標\t數量指標", "big5", "Big5"),
    ("滿意度達到90%以上", "big5", "Big5"),
    // UTF-16 without a BOM.
    ("部门名称\t1", "utf-16le", "UTF-16LE"),
    ("部门名称\t1", "utf-16be", "UTF-16BE"),
    ("一一一一a", "utf-16le", "UTF-16LE"),
    ("一万元\n", "utf-16be", "UTF-16BE"),
    ("≥90%", "utf-16le", "UTF-16LE"),
    // UTF-8.
    ("部门", "utf-8", "UTF-8"),
    ("≥90%", "utf-8", "UTF-8"),
    ("abc", "utf-8", "UTF-8"),
    ("检测限0.5μg/L，α系数", "utf-8", "UTF-8"),
    ("一", "utf-8", "UTF-8"),
    // Greek in GBK (science targets) must not tip the balance.
    ("α系数≥0.8", "gbk", "GBK"),
    ("温度±5℃，面积100㎡", "gbk", "GBK"),
];

fn encode(text: &str, label: &str) -> Vec<u8> {
    let enc: &'static Encoding = match label {
        "gbk" => GBK,
        "gb18030" => GB18030,
        "big5" => BIG5,
        "utf-8" => UTF_8,
        "utf-16le" => return text.encode_utf16().flat_map(u16::to_le_bytes).collect(),
        "utf-16be" => return text.encode_utf16().flat_map(u16::to_be_bytes).collect(),
        other => panic!("no encoder for {other}"),
    };
    let (bytes, _, unmappable) = enc.encode(text);
    assert!(!unmappable, "{text:?} cannot be written in {label}");
    bytes.into_owned()
}

#[test]
fn short_texts_are_detected() {
    let mut failures = Vec::new();
    for &(text, label, want) in CASES {
        let bytes = encode(text, label);
        match decode(&bytes, None) {
            Ok(d) if d.encoding == want && d.text == text && d.warnings.is_empty() => {}
            Ok(d) => failures.push(format!(
                "{text:?} in {label}: got {} {:?} ({} warnings), want {want}",
                d.encoding,
                d.text,
                d.warnings.len()
            )),
            Err(e) => failures.push(format!("{text:?} in {label}: error {e}")),
        }
    }
    println!(
        "short-text detection: {}/{} right",
        CASES.len() - failures.len(),
        CASES.len()
    );
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn table_is_big_enough() {
    assert!(CASES.len() >= 30);
}

/// Every cell of the seed declaration on its own, in GBK: a wider, unhand-picked sample.
#[test]
fn every_seed_cell_in_gbk() {
    let seed = std::fs::read_to_string("fixtures/guangzhou-science-tech-2023.txt").expect("seed");
    let cells: Vec<&str> = seed
        .split(['\t', '\n'])
        .map(str::trim)
        .filter(|c| !c.is_ascii())
        .collect();
    let mut wrong = Vec::new();
    for cell in &cells {
        let bytes = GBK.encode(cell).0;
        match decode(&bytes, None) {
            Ok(d) if d.encoding == "GBK" && d.text == *cell => {}
            Ok(d) => wrong.push(format!("{cell:?} → {} {:?}", d.encoding, d.text)),
            Err(e) => wrong.push(format!("{cell:?} → {e}")),
        }
    }
    println!(
        "seed cells in GBK: {}/{} right",
        cells.len() - wrong.len(),
        cells.len()
    );
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

/// Short cells of the seed, first 2–6 characters: the hardest case for any detector.
#[test]
fn seed_cell_prefixes_in_gbk() {
    let seed = std::fs::read_to_string("fixtures/guangzhou-science-tech-2023.txt").expect("seed");
    let mut total = 0;
    let mut wrong = Vec::new();
    for cell in seed
        .split(['\t', '\n'])
        .map(str::trim)
        .filter(|c| !c.is_ascii())
    {
        for n in 2..=6 {
            let prefix: String = cell.chars().take(n).collect();
            if prefix.is_ascii() {
                continue;
            }
            total += 1;
            let bytes = GBK.encode(&prefix).0;
            match decode(&bytes, None) {
                Ok(d) if d.encoding == "GBK" => {}
                Ok(d) => wrong.push(format!("{prefix:?} → {} {:?}", d.encoding, d.text)),
                Err(e) => wrong.push(format!("{prefix:?} → {e}")),
            }
        }
    }
    println!(
        "seed cell prefixes in GBK: {}/{total} right",
        total - wrong.len()
    );
    for w in &wrong {
        println!("  {w}");
    }
    assert!(wrong.len() * 100 <= total, "{}", wrong.join("\n"));
}

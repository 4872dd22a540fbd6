//! The seed declaration (Guangzhou science and technology bureau), checked field by field
//! against values read by hand from the table. Not a snapshot of what the code prints.

mod common;

use common::*;
use serde_json::Value;

fn seed() -> Value {
    let v = extract_str("fixtures/guangzhou-science-tech-2023.txt", SEED);
    assert!(v.get("error").is_none(), "{v}");
    v
}

/// A JSON number's exact text (the record writes decimals exactly).
fn num(v: &Value) -> String {
    match v {
        Value::Number(n) => n.to_string(),
        Value::Null => "null".into(),
        other => panic!("not a number: {other}"),
    }
}

#[test]
fn header_fields() {
    let v = seed();
    assert_eq!(v["title"], "部门整体预算绩效目标申报表");
    assert_eq!(v["department"], "广州市科学技术局");
    assert_eq!(v["other_tasks"], Value::Null);
    let goal = v["overall_goal"].as_str().unwrap_or_default();
    assert!(goal.starts_with("坚持面向世界科技前沿"), "{goal}");
    assert!(goal.ends_with("厚植高水平科技自立自强根基。"), "{goal}");
    assert_eq!(v["source"]["encoding"], "UTF-8");
    assert_eq!(v["source"]["format"], "text");
    assert_eq!(v["source"]["bytes"], 13981);
}

#[test]
fn budget_items_in_exact_yuan() {
    let v = seed();
    assert_eq!(v["budget"]["unit"], "万元");
    // (section, name, raw, value, yuan, line) read off the table by hand: 万元 × 10000.
    let want = [
        (
            "部门预算支出",
            "基本支出",
            "16,583.94",
            "16583.94",
            "165839400",
            7,
        ),
        (
            "收入来源",
            "财政拨款",
            "450,385.73",
            "450385.73",
            "4503857300",
            7,
        ),
        (
            "部门预算支出",
            "项目支出",
            "7,069.15",
            "7069.15",
            "70691500",
            8,
        ),
        ("收入来源", "其他资金", "0.00", "0", "0", 8),
        (
            "事业发展性支出",
            "财政专项资金",
            "426,732.64",
            "426732.64",
            "4267326400",
            10,
        ),
        (
            "按预算级次划分",
            "市本级使用资金",
            "411,641.73",
            "411641.73",
            "4116417300",
            10,
        ),
        ("事业发展性支出", "其他事业发展性支出", "0.00", "0", "0", 11),
        (
            "按预算级次划分",
            "拟用于对下转移支付资金",
            "38,744.00",
            "38744",
            "387440000",
            11,
        ),
    ];
    let items = v["budget"]["items"].as_array().cloned().unwrap_or_default();
    assert_eq!(items.len(), want.len());
    for (it, (section, name, raw, value, yuan, line)) in items.iter().zip(want) {
        assert_eq!(it["section"], section);
        assert_eq!(it["name"], name);
        assert_eq!(it["amount"]["raw"], raw);
        assert_eq!(num(&it["amount"]["value"]), value, "{name}");
        assert_eq!(it["amount"]["unit"], "万元");
        assert_eq!(num(&it["amount"]["yuan"]), yuan, "{name}");
        assert_eq!(it["line"], line);
    }
}

#[test]
fn tasks_across_the_page_break() {
    let v = seed();
    let want = [
        ("基础研究计划", "106,891.00", "1068910000", 14),
        ("企业创新计划", "138,865.85", "1388658500", 15),
        ("重点研发计划", "90,590.00", "905900000", 16),
        ("创新环境计划", "7,206.50", "72065000", 17),
        // After the page break: the repeated header cell is dropped, the OCR number read.
        ("人才支撑计划", "83, 179. 29", "831792900", 19),
    ];
    let tasks = v["tasks"].as_array().cloned().unwrap_or_default();
    assert_eq!(tasks.len(), want.len());
    for (t, (name, raw, yuan, line)) in tasks.iter().zip(want) {
        assert_eq!(t["name"], name);
        assert_eq!(t["amount"]["raw"], raw);
        assert_eq!(num(&t["amount"]["yuan"]), yuan);
        assert_eq!(t["line"], line);
        assert!(t["content"]
            .as_str()
            .is_some_and(|s| s.chars().count() > 50));
        assert!(t["expected_outcome"]
            .as_str()
            .is_some_and(|s| s.starts_with("通过")));
    }
    assert!(tasks[4]["content"]
        .as_str()
        .is_some_and(|s| s.starts_with("实施市重大人才工程")));
}

#[test]
fn indicator_hierarchy() {
    let v = seed();
    let rows: Vec<(String, String, bool, i64)> = v["indicators"]
        .as_array()
        .cloned()
        .unwrap_or_default()
        .iter()
        .map(|i| {
            (
                i["level1"].as_str().unwrap_or("-").to_string(),
                i["level2"].as_str().unwrap_or("-").to_string(),
                i["level3"].is_string(),
                i["line"].as_i64().unwrap_or(0),
            )
        })
        .collect();
    let mut want: Vec<(&str, &str, bool, i64)> = Vec::new();
    for line in 22..=28 {
        want.push(("产出指标", "数量指标", true, line));
    }
    want.extend([
        ("产出指标", "质量指标", false, 29),
        ("产出指标", "时效指标", false, 30),
        ("产出指标", "成本指标", false, 31),
        // The merged 效益指标 label landed on the next row: placed by the framework.
        ("效益指标", "经济效益指标", false, 32),
        ("效益指标", "社会效益指标", true, 33),
        ("效益指标", "社会效益指标", true, 34),
        ("效益指标", "社会效益指标", true, 35),
        // 生态效益指标 stood in the 实施周期指标值 column.
        ("效益指标", "生态效益指标", false, 36),
        ("效益指标", "可持续影响指标", false, 37),
        ("满意度指标", "服务对象满意度指标", false, 38),
    ]);
    let got: Vec<(&str, &str, bool, i64)> = rows
        .iter()
        .map(|(a, b, c, d)| (a.as_str(), b.as_str(), *c, *d))
        .collect();
    assert_eq!(got, want);
    // Rows without level-3 text keep empty targets.
    let ecology = &v["indicators"][14];
    assert_eq!(ecology["period_target"]["text"], Value::Null);
    assert_eq!(
        ecology["period_target"]["thresholds"],
        serde_json::json!([])
    );
    let warnings: Vec<(String, i64)> = v["warnings"]
        .as_array()
        .cloned()
        .unwrap_or_default()
        .iter()
        .map(|w| {
            (
                w["code"].as_str().unwrap_or("").to_string(),
                w["line"].as_i64().unwrap_or(0),
            )
        })
        .collect();
    assert!(
        warnings.contains(&("merged_label_moved".into(), 32)),
        "{warnings:?}"
    );
    assert!(
        warnings.contains(&("column_shift".into(), 36)),
        "{warnings:?}"
    );
}

/// (metric, op, value, unit, base_value, base_unit) of every threshold of a target.
fn thresholds(t: &Value) -> Vec<(String, String, String, String, String, String)> {
    t["thresholds"]
        .as_array()
        .cloned()
        .unwrap_or_default()
        .iter()
        .map(|h| {
            (
                h["metric"].as_str().unwrap_or("").to_string(),
                h["op"].as_str().unwrap_or("").to_string(),
                num(&h["value"]),
                h["unit"].as_str().unwrap_or("null").to_string(),
                num(&h["base_value"]),
                h["base_unit"].as_str().unwrap_or("null").to_string(),
            )
        })
        .collect()
}

fn ge(
    metric: &str,
    value: &str,
    unit: &str,
    base: &str,
    base_unit: &str,
) -> (String, String, String, String, String, String) {
    (
        metric.into(),
        ">=".into(),
        value.into(),
        unit.into(),
        base.into(),
        base_unit.into(),
    )
}

#[test]
fn thresholds_of_every_target() {
    let v = seed();
    let ind = v["indicators"].as_array().cloned().unwrap_or_default();
    let want: Vec<(usize, Vec<_>)> = vec![
        (0, vec![ge("开展项目数量", "800", "项", "800", "项")]),
        (1, vec![ge("重点主攻方向数量", "42", "项", "42", "项")]),
        (
            2,
            vec![ge(
                "全市技术合同成交额",
                "2600",
                "亿元",
                "260000000000",
                "元",
            )],
        ),
        (
            3,
            vec![
                ge("高新技术企业申报数量", "5000", "家", "5000", "家"),
                ge("高新技术企业认定数", "4000", "家", "4000", "家"),
            ],
        ),
        (
            4,
            vec![ge("开展自由探索项目数量", "1700", "项", "1700", "项")],
        ),
        (
            5,
            vec![
                ge("激发科技企业参赛数量", "3600", "家", "3600", "家"),
                // A bare 亿: the magnitude applies, there is no base unit.
                ge(
                    "历史获奖企业参赛后累计融资数",
                    "350",
                    "亿",
                    "35000000000",
                    "null",
                ),
            ],
        ),
        (
            6,
            // 为 here is part of the metric, not an `=`.
            vec![ge(
                "合作银行为科技型中小企业当年发放贷款金额",
                "200",
                "亿元",
                "20000000000",
                "元",
            )],
        ),
        (
            11,
            vec![
                ge("突破“卡脖子”技术", "10", "项", "10", "项"),
                ge(
                    "推动落地总部重点创新平台与综合成果转化平台",
                    "4",
                    "个",
                    "4",
                    "个",
                ),
                ge("推动一批关联企业落户我市数量", "5", "家", "5", "家"),
                ge(
                    "高水平创新研究院及重大产业技术创新平台培育累计数量",
                    "14",
                    "个",
                    "14",
                    "个",
                ),
            ],
        ),
        // List numbers 1. 2. 3. are not thresholds.
        (12, vec![]),
        (
            13,
            vec![
                ge("支持一批我市新药开展临床试验数量", "45", "项", "45", "项"),
                // II类以上 is a class, not a threshold.
                ge(
                    "支持一批II类以上医疗器械获得产品注册证书",
                    "360",
                    "项",
                    "360",
                    "项",
                ),
            ],
        ),
    ];
    for (i, expected) in want {
        let row = &ind[i];
        assert_eq!(
            thresholds(&row["annual_target"]),
            expected,
            "annual target of row {i}: {}",
            row["annual_target"]["text"]
        );
        assert_eq!(
            thresholds(&row["period_target"]),
            expected,
            "period target of row {i}"
        );
    }
}

#[test]
fn checks_hold() {
    let v = seed();
    let checks: Vec<(String, bool, String, String)> = v["checks"]
        .as_array()
        .cloned()
        .unwrap_or_default()
        .iter()
        .map(|c| {
            (
                c["rule"].as_str().unwrap_or("").to_string(),
                c["ok"].as_bool().unwrap_or(false),
                num(&c["expected_yuan"]),
                num(&c["actual_yuan"]),
            )
        })
        .collect();
    // 16,583.94 + 7,069.15 + 426,732.64 + 0 = 450,385.73 = 450,385.73 + 0 (income)
    // = 411,641.73 + 38,744.00 (levels); tasks 106,891.00 + 138,865.85 + 90,590.00
    // + 7,206.50 + 83,179.29 = 426,732.64 (财政专项资金). All 万元.
    assert_eq!(
        checks,
        vec![
            (
                "income_equals_expenditure".into(),
                true,
                "4503857300".into(),
                "4503857300".into()
            ),
            (
                "level_split_equals_income".into(),
                true,
                "4503857300".into(),
                "4503857300".into()
            ),
            (
                "tasks_equal_special_funds".into(),
                true,
                "4267326400".into(),
                "4267326400".into()
            ),
        ]
    );
}

#[test]
fn one_changed_task_amount_fails_exactly_one_check() {
    let changed = SEED.replacen("\t7,206.50\t", "\t7,306.50\t", 1);
    assert_ne!(changed, SEED);
    let v = extract_str("changed.txt", &changed);
    let failed: Vec<&Value> = v["checks"]
        .as_array()
        .map(|a| a.iter().filter(|c| c["ok"] == false).collect())
        .unwrap_or_default();
    assert_eq!(failed.len(), 1, "{}", v["checks"]);
    assert_eq!(failed[0]["rule"], "tasks_equal_special_funds");
    assert_eq!(num(&failed[0]["expected_yuan"]), "4267326400");
    assert_eq!(num(&failed[0]["actual_yuan"]), "4268326400");
}

#[test]
fn one_changed_income_fails_the_income_checks() {
    let changed = SEED.replacen("\t450,385.73", "\t450,385.74", 1);
    let v = extract_str("changed.txt", &changed);
    let failed: Vec<&str> = v["checks"]
        .as_array()
        .map(|a| {
            a.iter()
                .filter(|c| c["ok"] == false)
                .filter_map(|c| c["rule"].as_str())
                .collect()
        })
        .unwrap_or_default();
    assert_eq!(
        failed,
        vec!["income_equals_expenditure", "level_split_equals_income"]
    );
}

//! Synthetic declarations for tests, benchmarks and robustness checks (not part of the
//! public API). Everything is a pure function of a seed number, so a failing case can be
//! regenerated from the seed alone.
//!
//! Documents follow the structure of `fixtures/guangzhou-science-tech-2023.txt`:
//! tab-separated rows, a 5-column form that widens to 6 columns after a page break, a
//! budget block whose amounts reconcile (expenditure = income = the budget-level split;
//! task amounts sum to 财政专项资金), a task table, and an indicator table with merged
//! cells left blank, empty level-3 rows, and optionally the fixture's quirks (a repeated
//! section label after a page break, a level-2 name shifted into the target column).
//! Each good document comes with its [`Truth`], so form-reader tests can compare.
//!
//! Bad files cover what archives hold: empty, blank, binary, truncated, not a
//! declaration, and a corrupt PDF.

use std::io;
use std::path::{Path, PathBuf};

use crate::error::ErrorKind;

/// A small deterministic PRNG (splitmix64): no dependency, same stream on every platform.
#[derive(Debug, Clone)]
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Self {
        Rng(seed ^ 0x5DEE_CE66_D1CE_4E5B)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in `0..n` (`0` when `n == 0`).
    pub fn below(&mut self, n: u64) -> u64 {
        if n == 0 {
            0
        } else {
            self.next_u64() % n
        }
    }

    /// Uniform in `lo..=hi`.
    pub fn range(&mut self, lo: u64, hi: u64) -> u64 {
        lo + self.below(hi.saturating_sub(lo) + 1)
    }

    /// True with probability `percent`/100.
    pub fn chance(&mut self, percent: u64) -> bool {
        self.below(100) < percent
    }

    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        // Callers pass non-empty constant tables.
        &items[self.below(items.len() as u64) as usize]
    }
}

/// How a text file is encoded on disk.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TextEncoding {
    Utf8,
    Utf8Bom,
    Gbk,
    Gb18030,
    Utf16LeBom,
    /// UTF-16LE without a byte-order mark (detection must use the NUL pattern).
    Utf16Le,
}

impl TextEncoding {
    /// The canonical name declx reports in `source.encoding` for this encoding.
    pub fn canonical(self) -> &'static str {
        match self {
            TextEncoding::Utf8 | TextEncoding::Utf8Bom => "UTF-8",
            TextEncoding::Gbk => "GBK",
            TextEncoding::Gb18030 => "GB18030",
            TextEncoding::Utf16LeBom | TextEncoding::Utf16Le => "UTF-16LE",
        }
    }

    /// Encode text; GBK/GB18030 can encode every character the generator emits.
    pub fn encode(self, text: &str) -> Vec<u8> {
        match self {
            TextEncoding::Utf8 => text.as_bytes().to_vec(),
            TextEncoding::Utf8Bom => {
                let mut v = vec![0xEF, 0xBB, 0xBF];
                v.extend_from_slice(text.as_bytes());
                v
            }
            TextEncoding::Gbk => encoding_rs::GBK.encode(text).0.into_owned(),
            TextEncoding::Gb18030 => encoding_rs::GB18030.encode(text).0.into_owned(),
            TextEncoding::Utf16LeBom | TextEncoding::Utf16Le => {
                let mut v = Vec::with_capacity(text.len() * 2 + 2);
                if self == TextEncoding::Utf16LeBom {
                    v.extend_from_slice(&[0xFF, 0xFE]);
                }
                for u in text.encode_utf16() {
                    v.extend_from_slice(&u.to_le_bytes());
                }
                v
            }
        }
    }
}

/// The kinds of bad file an archive holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Bad {
    /// Zero bytes.
    Empty,
    /// Only white space and line breaks.
    Blank,
    /// Random bytes with NULs (an image renamed `.txt`).
    Binary,
    /// A declaration cut off inside its title (an interrupted download).
    Truncated,
    /// A text table that is some other document (a meeting notice, a price list).
    NotADeclaration,
    /// A PDF header followed by garbage.
    CorruptPdf,
}

impl Bad {
    pub const ALL: [Bad; 6] = [
        Bad::Empty,
        Bad::Blank,
        Bad::Binary,
        Bad::Truncated,
        Bad::NotADeclaration,
        Bad::CorruptPdf,
    ];

    /// The error kinds a correct reader may give this file (several where the contract
    /// leaves the choice to the reader, e.g. binary junk is unreadable text or not a form).
    pub fn expected_kinds(self) -> &'static [ErrorKind] {
        match self {
            Bad::Empty | Bad::Blank => &[ErrorKind::Empty],
            Bad::Binary => &[
                ErrorKind::UnsupportedFormat,
                ErrorKind::Encoding,
                ErrorKind::NotADeclaration,
            ],
            Bad::Truncated => &[ErrorKind::NotADeclaration, ErrorKind::Encoding],
            Bad::NotADeclaration => &[ErrorKind::NotADeclaration],
            Bad::CorruptPdf => &[
                ErrorKind::CorruptPdf,
                ErrorKind::UnsupportedFormat,
                ErrorKind::NoTextLayer,
            ],
        }
    }

    pub fn extension(self) -> &'static str {
        match self {
            Bad::CorruptPdf => "pdf",
            _ => "txt",
        }
    }
}

/// One amount as written in the document and its exact value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AmountTruth {
    /// The cell as written (may carry OCR-style spaces or full-width digits).
    pub raw: String,
    /// Hundredths of 万元 (the form's unit), i.e. exact to the cent of 万元.
    pub cents_wan: i64,
}

impl AmountTruth {
    /// The amount in yuan (1 万元 = 10,000 元; hundredths of 万元 are whole 100 元).
    pub fn yuan(&self) -> i64 {
        self.cents_wan * 100
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BudgetTruth {
    /// The column header the amount stands under (部门预算支出, 收入来源, …).
    pub section: &'static str,
    pub name: &'static str,
    pub amount: AmountTruth,
    /// 1-based line of the row in the document.
    pub line: usize,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TaskTruth {
    pub name: String,
    pub content: String,
    pub expected_outcome: String,
    pub amount: AmountTruth,
    pub line: usize,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IndicatorTruth {
    /// Merged cells filled in.
    pub level1: &'static str,
    pub level2: &'static str,
    pub level3: Option<String>,
    pub period_target: Option<String>,
    pub annual_target: Option<String>,
    pub line: usize,
    /// The level-2 name stands in the target column (the fixture's row 36 quirk).
    pub shifted: bool,
}

/// What a correct reader should find in a generated declaration.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Truth {
    pub title: &'static str,
    pub department: String,
    pub overall_goal: String,
    pub budget: Vec<BudgetTruth>,
    pub tasks: Vec<TaskTruth>,
    pub indicators: Vec<IndicatorTruth>,
    /// Total expenditure = total income = the budget-level split, in hundredths of 万元.
    pub total_cents_wan: i64,
    /// 财政专项资金 = the sum of the task amounts.
    pub special_funds_cents_wan: i64,
    pub encoding: TextEncoding,
    pub crlf: bool,
    /// The task table continues after a page break with the section label repeated.
    pub page_break: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Kind {
    Good(Box<Truth>),
    Bad(Bad),
}

/// One generated file.
#[derive(Debug, Clone)]
pub struct SynthFile {
    /// Relative path inside a corpus (`region-3/dept-07/decl-000123.txt`).
    pub rel_path: PathBuf,
    pub bytes: Vec<u8>,
    pub kind: Kind,
}

const TITLE: &str = "部门整体预算绩效目标申报表";

const CITIES: &[&str] = &[
    "广州市",
    "深圳市",
    "佛山市",
    "东莞市",
    "珠海市",
    "中山市",
    "惠州市",
    "江门市",
    "肇庆市",
    "汕头市",
    "湛江市",
    "韶关市",
    "梅州市",
    "清远市",
    "杭州市",
    "成都市",
    "武汉市",
    "南京市",
    "广州市天河区",
    "广州市黄埔区",
    "深圳市南山区",
    "佛山市顺德区",
];

const BUREAUS: &[&str] = &[
    "科学技术局",
    "教育局",
    "财政局",
    "卫生健康委员会",
    "交通运输局",
    "生态环境局",
    "民政局",
    "文化广电旅游局",
    "农业农村局",
    "工业和信息化局",
    "住房和城乡建设局",
    "人力资源和社会保障局",
    "市场监督管理局",
    "水务局",
    "商务局",
    "应急管理局",
    "体育局",
    "司法局",
    "规划和自然资源局",
    "城市管理和综合执法局",
];

const GOAL_PHRASES: &[&str] = &[
    "坚持以人民为中心的发展思想",
    "全面落实市委市政府决策部署",
    "加强基础研究系统部署",
    "推进关键核心技术攻关",
    "推动科技成果转化",
    "促进产业链创新链深度融合",
    "提升公共服务均等化水平",
    "强化资金绩效管理",
    "深化体制机制改革",
    "加快数字化转型",
    "推动城乡区域协调发展",
    "提高财政资金使用效益",
    "完善基层治理体系",
    "保障和改善民生",
    "守牢安全生产底线",
    "打好污染防治攻坚战",
    "加强人才队伍建设",
    "优化营商环境",
];

const TASK_NAMES: &[&str] = &[
    "基础研究计划",
    "企业创新计划",
    "重点研发计划",
    "创新环境计划",
    "人才支撑计划",
    "基础教育提质工程",
    "公共卫生服务项目",
    "城乡道路养护工程",
    "大气污染防治专项",
    "社会救助保障",
    "文化惠民工程",
    "高标准农田建设",
    "中小企业数字化转型",
    "保障性住房建设",
    "就业创业扶持",
    "食品安全抽检",
    "河湖水系综合治理",
    "外贸稳增长专项",
    "安全生产监管能力建设",
    "全民健身设施建设",
    "法律援助服务",
    "国土空间规划编制",
    "市容环境整治",
    "智慧城市平台运维",
];

const CONTENT_PHRASES: &[&str] = &[
    "以源头创新和应用为导向",
    "积极对接国家、省战略布局",
    "围绕国家急需领域开展研究",
    "构建多元投入机制",
    "培养一批青年骨干人才",
    "完善项目全过程管理",
    "落实《实施办法》等政策文件",
    "发挥政府引导、市场服务的作用",
    "开展专项督查和绩效评价",
    "推进信息化平台建设",
    "实施重点区域综合整治",
    "加强与高校、科研院所合作",
    "支持专业服务机构为企业提供服务",
    "按季度拨付专项资金",
    "组织开展宣传培训活动",
];

const OUTCOME_PHRASES: &[&str] = &[
    "一是加强系统部署，提升整体能力",
    "二是创新体制机制，提高资金使用效率",
    "三是优化服务环境，增强群众获得感",
    "牵住发展“牛鼻子”",
    "打好关键领域“攻坚战”",
    "形成可复制可推广的经验",
    "服务对象满意度明显提升",
    "年度任务按期完成",
];

/// (level-2, level-3 stems, metric/unit templates) per level-1.
const OUTPUT_L2: &[&str] = &["数量指标", "质量指标", "时效指标", "成本指标"];
const EFFECT_L2: &[&str] = &[
    "经济效益指标",
    "社会效益指标",
    "生态效益指标",
    "可持续影响指标",
];
const SATISFACTION_L2: &[&str] = &["服务对象满意度指标"];

const LEVEL3_STEMS: &[&str] = &[
    "聚焦科学发现，构建基础研究多元支持体系",
    "推进关键核心技术攻关",
    "激发市场交易活力，推动科技成果转移转化",
    "培育壮大科技创新型企业",
    "提升公共服务供给能力",
    "加强项目全过程监管",
    "按时完成年度建设任务",
    "严格控制项目成本",
    "带动社会投资",
    "改善城乡人居环境",
    "保障困难群众基本生活",
    "提高群众满意度",
];

/// (metric, unit, low, high): a target like `开展项目数量≥800项。`
const METRICS: &[(&str, &str, u64, u64)] = &[
    ("开展项目数量", "项", 10, 2000),
    ("重点主攻方向数量", "项", 5, 80),
    ("全市技术合同成交额", "亿元", 50, 3000),
    ("高新技术企业认定数", "家", 100, 6000),
    ("培训人次", "万人次", 1, 50),
    ("道路养护里程", "公里", 20, 900),
    ("项目完成率", "%", 80, 100),
    ("资金支付进度", "%", 85, 100),
    ("空气质量优良天数比例", "%", 70, 95),
    ("新增就业人数", "人", 500, 30000),
    ("覆盖街镇数量", "个", 5, 200),
    ("合作银行发放贷款金额", "亿元", 10, 400),
];

const OPS: &[&str] = &["≥", "≥", "≥", "不低于", "达到", "≤", "不超过", "＞", "="];

/// A target text like `开展项目数量≥800项。` or a numbered list of them.
fn target_text(rng: &mut Rng) -> String {
    let n = if rng.chance(35) { rng.range(2, 4) } else { 1 };
    let mut s = String::new();
    for i in 0..n {
        let (metric, unit, lo, hi) = *rng.pick(METRICS);
        let op = *rng.pick(OPS);
        let v = rng.range(lo, hi);
        if n > 1 {
            s.push_str(&format!("{}. ", i + 1));
        }
        if rng.chance(15) && unit == "%" {
            s.push_str(&format!("{metric}{}%-{}%。", v.min(90), v.min(90) + 5));
        } else {
            s.push_str(&format!("{metric}{op}{v}{unit}。"));
        }
    }
    s
}

fn phrases(rng: &mut Rng, bank: &[&str], lo: u64, hi: u64, sep: &str, end: &str) -> String {
    let n = rng.range(lo, hi);
    let mut parts: Vec<&str> = Vec::new();
    for _ in 0..n {
        parts.push(*rng.pick(bank));
    }
    format!("{}{end}", parts.join(sep))
}

/// Format hundredths of 万元 like the forms do: mostly `16,583.94`, sometimes without
/// separators, with OCR spaces (`83, 179. 29`) or with full-width digits.
fn format_amount(rng: &mut Rng, cents: i64) -> String {
    let whole = cents / 100;
    let frac = cents % 100;
    let digits = whole.to_string();
    let mut grouped = String::new();
    for (i, ch) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            grouped.push(',');
        }
        grouped.push(ch);
    }
    let style = rng.below(100);
    match style {
        0..=69 => format!("{grouped}.{frac:02}"),
        70..=84 => format!("{digits}.{frac:02}"),
        85..=94 => format!("{}. {frac:02}", grouped.replace(',', ", ")),
        _ => format!("{grouped}.{frac:02}")
            .chars()
            .map(|c| match c {
                '0'..='9' => char::from_u32(c as u32 - '0' as u32 + 0xFF10).unwrap_or(c),
                ',' => '，',
                '.' => '．',
                other => other,
            })
            .collect(),
    }
}

fn amount(rng: &mut Rng, cents: i64) -> AmountTruth {
    AmountTruth {
        raw: format_amount(rng, cents),
        cents_wan: cents,
    }
}

/// Build one declaration's text (LF line ends, before encoding) and its truth.
pub fn declaration(seed: u64) -> (String, Truth) {
    let mut rng = Rng::new(seed);
    let encoding = match rng.below(100) {
        0..=54 => TextEncoding::Utf8,
        55..=64 => TextEncoding::Utf8Bom,
        65..=79 => TextEncoding::Gbk,
        80..=86 => TextEncoding::Gb18030,
        87..=94 => TextEncoding::Utf16LeBom,
        _ => TextEncoding::Utf16Le,
    };
    let department = format!("{}{}", rng.pick(CITIES), rng.pick(BUREAUS));
    let page_break = rng.chance(40);
    let shifted_quirk = rng.chance(30);

    // Amounts in hundredths of 万元; everything reconciles by construction.
    let n_tasks = rng.range(1, 7) as usize;
    let task_cents: Vec<i64> = (0..n_tasks)
        .map(|_| rng.range(5_000, 15_000_000) as i64)
        .collect();
    let special: i64 = task_cents.iter().sum();
    let other_dev: i64 = if rng.chance(75) {
        0
    } else {
        rng.range(100, 500_000) as i64
    };
    let basic = rng.range(50_000, 5_000_000) as i64;
    let project = rng.range(0, 2_000_000) as i64;
    let total = basic + project + special + other_dev;
    let other_income: i64 = if rng.chance(70) {
        0
    } else {
        rng.below(total as u64 / 10 + 1) as i64
    };
    let fiscal = total - other_income;
    let transfer = rng.below(total as u64 / 4 + 1) as i64;
    let city_level = total - transfer;

    let mut lines: Vec<String> = vec![String::new(), String::new(), TITLE.into(), String::new()];
    let mut truth_budget = Vec::new();
    lines.push(format!("部门名称\t{department}\t\t\t"));
    lines.push("预算整体情况\t部门预算支出\t预算金额（万元）\t收入来源\t预算金额（万元）".into());
    let rows: [(&str, i64, &str, i64, &str, &str); 4] = [
        (
            "基本支出",
            basic,
            "财政拨款",
            fiscal,
            "部门预算支出",
            "收入来源",
        ),
        (
            "项目支出",
            project,
            "其他资金",
            other_income,
            "部门预算支出",
            "收入来源",
        ),
        (
            "财政专项资金",
            special,
            "市本级使用资金",
            city_level,
            "事业发展性支出",
            "按预算级次划分",
        ),
        (
            "其他事业发展性支出",
            other_dev,
            "拟用于对下转移支付资金",
            transfer,
            "事业发展性支出",
            "按预算级次划分",
        ),
    ];
    for (i, (left, lv, right, rv, lsec, rsec)) in rows.iter().enumerate() {
        if i == 2 {
            lines.push(
                "\t事业发展性支出\t预算金额（万元）\t按预算级次划分\t预算金额（万元）".into(),
            );
        }
        let la = amount(&mut rng, *lv);
        let ra = amount(&mut rng, *rv);
        lines.push(format!("\t{left}\t{}\t{right}\t{}", la.raw, ra.raw));
        let line = lines.len();
        truth_budget.push(BudgetTruth {
            section: lsec,
            name: left,
            amount: la,
            line,
        });
        truth_budget.push(BudgetTruth {
            section: rsec,
            name: right,
            amount: ra,
            line,
        });
    }
    let overall_goal = phrases(&mut rng, GOAL_PHRASES, 10, 30, "，", "。");
    lines.push(format!("总体绩效目标\t{overall_goal}\t\t\t"));
    lines.push(
        "年度重点工作任务\t名称\t主要实施内容\t拟投入的资金（万元）\t期望达到的目标（概述）".into(),
    );

    let mut tasks = Vec::new();
    let break_at = if page_break && n_tasks > 1 {
        Some(rng.range(1, n_tasks as u64 - 1) as usize)
    } else {
        None
    };
    let mut wide = false; // after a page break rows have 6 columns, as in the fixture
    let mut used = Vec::new();
    for (i, cents) in task_cents.iter().enumerate() {
        let mut name = rng.pick(TASK_NAMES).to_string();
        if used.contains(&name) {
            name = format!("{name}（{}）", i + 1);
        }
        used.push(name.clone());
        let mut content = phrases(&mut rng, CONTENT_PHRASES, 10, 30, "，", "。");
        if i == 0 && encoding == TextEncoding::Gb18030 {
            // A character outside GBK (CJK Ext-A, four bytes in GB18030), as in rare
            // place and person names: without one GB18030 bytes are plain GBK.
            content.insert_str(0, "推进㙟头片区建设，");
        }
        let outcome = phrases(&mut rng, OUTCOME_PHRASES, 5, 14, "。", "。");
        let a = amount(&mut rng, *cents);
        let label = if Some(i) == break_at {
            lines.push(String::new());
            wide = true;
            "年度重点工作任务"
        } else {
            ""
        };
        let tail = if wide { "\t" } else { "" };
        lines.push(format!(
            "{label}\t{name}\t{content}\t{}\t{outcome}{tail}",
            a.raw
        ));
        tasks.push(TaskTruth {
            name,
            content,
            expected_outcome: outcome,
            amount: a,
            line: lines.len(),
        });
    }
    let tail = if wide { "\t" } else { "" };
    lines.push(format!("其他需完成的任务（可选填）\t\t\t\t{tail}"));
    if wide {
        lines.push("绩效指标\t一级指标\t二级指标\t三级指标\t实施周期指标值\t年度指标值".into());
    } else {
        lines.push("绩效指标\t一级指标\t二级指标\t三级指标\t指标值".into());
    }

    let mut indicators = Vec::new();
    let groups: [(&'static str, &[&'static str]); 3] = [
        ("产出指标", OUTPUT_L2),
        ("效益指标", EFFECT_L2),
        ("满意度指标", SATISFACTION_L2),
    ];
    for (level1, l2s) in groups {
        let mut first_of_l1 = true;
        for level2 in l2s.iter().copied() {
            let n_rows = if rng.chance(35) { 0 } else { rng.range(1, 4) };
            if n_rows == 0 {
                // An empty level-3 row keeps the table's shape; sometimes the level-2
                // name drifts into the target column (the fixture's 生态效益指标 row).
                let l1 = if first_of_l1 { level1 } else { "" };
                let shifted = shifted_quirk && !first_of_l1 && level2 == "生态效益指标";
                if shifted {
                    lines.push(format!("\t{l1}\t\t\t{level2}\t"));
                } else if wide {
                    lines.push(format!("\t{l1}\t{level2}\t\t\t"));
                } else {
                    lines.push(format!("\t{l1}\t{level2}\t\t"));
                }
                first_of_l1 = false;
                indicators.push(IndicatorTruth {
                    level1,
                    level2,
                    level3: None,
                    period_target: None,
                    annual_target: None,
                    line: lines.len(),
                    shifted,
                });
                continue;
            }
            for r in 0..n_rows {
                let l1 = if first_of_l1 { level1 } else { "" };
                let l2 = if r == 0 { level2 } else { "" };
                first_of_l1 = false;
                let level3 = rng.pick(LEVEL3_STEMS).to_string();
                let period = target_text(&mut rng);
                let annual = if rng.chance(70) {
                    period.clone()
                } else {
                    target_text(&mut rng)
                };
                if wide {
                    lines.push(format!("\t{l1}\t{l2}\t{level3}\t{period}\t{annual}"));
                } else {
                    lines.push(format!("\t{l1}\t{l2}\t{level3}\t{annual}"));
                }
                indicators.push(IndicatorTruth {
                    level1,
                    level2,
                    level3: Some(level3),
                    period_target: if wide { Some(period) } else { None },
                    annual_target: Some(annual),
                    line: lines.len(),
                    shifted: false,
                });
            }
        }
    }
    let crlf = rng.chance(20);
    let eol = if crlf { "\r\n" } else { "\n" };
    let text = lines.join(eol);
    let truth = Truth {
        title: TITLE,
        department,
        overall_goal,
        budget: truth_budget,
        tasks,
        indicators,
        total_cents_wan: total,
        special_funds_cents_wan: special,
        encoding,
        crlf,
        page_break: break_at.is_some(),
    };
    (text, truth)
}

/// The bytes of a bad file of the given kind.
pub fn bad_bytes(kind: Bad, seed: u64) -> Vec<u8> {
    let mut rng = Rng::new(seed);
    match kind {
        Bad::Empty => Vec::new(),
        Bad::Blank => {
            let n = rng.range(1, 40) as usize;
            (0..n).map(|_| *rng.pick(b" \n\t\r")).collect()
        }
        Bad::Binary => {
            let n = rng.range(64, 4096) as usize;
            let mut v = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR".to_vec();
            v.extend((0..n).map(|_| rng.next_u64() as u8));
            v
        }
        Bad::Truncated => {
            // Cut inside the title, in the middle of a UTF-8 character.
            let mut v = b"\n\n".to_vec();
            let title = TITLE.as_bytes();
            let cut = (rng.range(1, 4) * 3 + 1) as usize;
            v.extend_from_slice(&title[..cut.min(title.len())]);
            v
        }
        Bad::NotADeclaration => {
            let mut s = String::from("关于召开年度工作会议的通知\n\n");
            let n = rng.range(3, 30);
            for i in 0..n {
                s.push_str(&format!(
                    "{}\t{}\t{}\t{}\n",
                    i + 1,
                    rng.pick(CITIES),
                    rng.pick(CONTENT_PHRASES),
                    rng.range(1, 999)
                ));
            }
            s.into_bytes()
        }
        Bad::CorruptPdf => {
            let mut v =
                b"%PDF-1.4\n%\xE2\xE3\xCF\xD3\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R".to_vec();
            let n = rng.range(32, 2048) as usize;
            v.extend((0..n).map(|_| rng.next_u64() as u8));
            v
        }
    }
}

/// The bytes of a good declaration file and its truth (encoded as the truth says).
pub fn declaration_file(seed: u64) -> (Vec<u8>, Truth) {
    let (text, truth) = declaration(seed);
    (truth.encoding.encode(&text), truth)
}

/// The `index`-th file of corpus `seed`: about `bad_percent` % bad files, nested in
/// `region-R/dept-DD/` folders like an archive of many departments.
pub fn file(seed: u64, index: u64, bad_percent: u64) -> SynthFile {
    let file_seed = seed
        .wrapping_mul(0x9E37_79B9_7F4A_7C15)
        .wrapping_add(index.wrapping_mul(0xD6E8_FEB8_6659_FD93));
    let mut rng = Rng::new(file_seed);
    let dir = PathBuf::from(format!("region-{}", index % 7))
        .join(format!("dept-{:02}", (index / 7) % 13));
    if rng.chance(bad_percent) {
        let kind = *rng.pick(&Bad::ALL);
        let name = format!("decl-{index:06}.{}", kind.extension());
        SynthFile {
            rel_path: dir.join(name),
            bytes: bad_bytes(kind, file_seed),
            kind: Kind::Bad(kind),
        }
    } else {
        let (bytes, truth) = declaration_file(file_seed);
        SynthFile {
            rel_path: dir.join(format!("decl-{index:06}.txt")),
            bytes,
            kind: Kind::Good(Box::new(truth)),
        }
    }
}

/// Write `n` files of corpus `seed` under `dir`. Returns (path, kind) in the order the
/// files were generated; sort the paths for the order declx reads a directory in.
pub fn write_corpus(
    dir: &Path,
    n: u64,
    seed: u64,
    bad_percent: u64,
) -> io::Result<Vec<(PathBuf, Kind)>> {
    let mut out = Vec::with_capacity(n as usize);
    for i in 0..n {
        let f = file(seed, i, bad_percent);
        let path = dir.join(&f.rel_path);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent)?;
        }
        std::fs::write(&path, &f.bytes)?;
        out.push((path, f.kind));
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn deterministic() {
        let a = file(7, 42, 10);
        let b = file(7, 42, 10);
        assert_eq!(a.bytes, b.bytes);
        assert_eq!(a.rel_path, b.rel_path);
    }

    #[test]
    fn amounts_reconcile() {
        for seed in 0..200 {
            let (_, t) = declaration(seed);
            let sum_tasks: i64 = t.tasks.iter().map(|x| x.amount.cents_wan).sum();
            assert_eq!(sum_tasks, t.special_funds_cents_wan);
            let get = |name: &str| {
                t.budget
                    .iter()
                    .find(|b| b.name == name)
                    .map(|b| b.amount.cents_wan)
                    .unwrap_or(-1)
            };
            let expenditure =
                get("基本支出") + get("项目支出") + get("财政专项资金") + get("其他事业发展性支出");
            assert_eq!(expenditure, t.total_cents_wan);
            assert_eq!(get("财政拨款") + get("其他资金"), t.total_cents_wan);
            assert_eq!(
                get("市本级使用资金") + get("拟用于对下转移支付资金"),
                t.total_cents_wan
            );
        }
    }

    #[test]
    fn encodings_round_trip() {
        for seed in 0..300 {
            let (text, t) = declaration(seed);
            let bytes = t.encoding.encode(&text);
            let back = match t.encoding {
                TextEncoding::Utf8 => String::from_utf8(bytes).ok(),
                TextEncoding::Utf8Bom => String::from_utf8(bytes[3..].to_vec()).ok(),
                TextEncoding::Gbk | TextEncoding::Gb18030 => {
                    let (s, _, bad) = encoding_rs::GB18030.decode(&bytes);
                    (!bad).then(|| s.into_owned())
                }
                TextEncoding::Utf16LeBom | TextEncoding::Utf16Le => {
                    let (s, bad) = encoding_rs::UTF_16LE.decode_without_bom_handling(&bytes);
                    (!bad).then(|| s.trim_start_matches('\u{feff}').to_string())
                }
            };
            assert_eq!(
                back.as_deref(),
                Some(text.as_str()),
                "seed {seed} {:?}",
                t.encoding
            );
        }
    }

    #[test]
    fn lines_point_at_rows() {
        let (text, t) = declaration(3);
        let lines: Vec<&str> = text.split('\n').collect();
        for task in &t.tasks {
            assert!(lines[task.line - 1].contains(&task.name));
        }
        for b in &t.budget {
            assert!(lines[b.line - 1].contains(b.name));
        }
    }
}

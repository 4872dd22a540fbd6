//! Units: magnitude prefixes split from base units, compound units, percent words.

use std::borrow::Cow;
use std::cell::RefCell;
use std::sync::LazyLock;

use rust_decimal::Decimal;

/// A unit as written, its magnitude and its base (`万人次` → 10000 × `人次`).
/// Text borrowed from the unit tables where it can be: one is read at every number.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Unit {
    /// As written, normalised (`／` → `/`, `％` and `百分比` → `%`).
    pub text: Cow<'static, str>,
    pub mag: Decimal,
    /// Without the magnitude prefix; `None` for a bare prefix (`亿`, `万`).
    pub base: Option<Cow<'static, str>>,
}

impl Unit {
    pub fn plain(text: &'static str) -> Unit {
        Unit {
            text: Cow::Borrowed(text),
            mag: Decimal::ONE,
            base: Some(Cow::Borrowed(text)),
        }
    }

    /// A currency unit in yuan (元, 万元, 亿元, 千元, 百万元, 圆…).
    pub fn is_yuan(&self) -> bool {
        matches!(
            self.base.as_deref(),
            Some("元" | "圆" | "人民币元" | "元人民币")
        )
    }
}

/// Magnitude prefixes, longest first.
const PREFIXES: &[(&str, u64)] = &[
    ("万亿", 1_000_000_000_000),
    ("千亿", 100_000_000_000),
    ("百亿", 10_000_000_000),
    ("十亿", 1_000_000_000),
    ("千万", 10_000_000),
    ("百万", 1_000_000),
    ("十万", 100_000),
    ("亿", 100_000_000),
    ("万", 10_000),
    ("千", 1_000),
    ("百", 100),
    ("十", 10),
];

/// Base units real forms use after a number. Longest match wins, so compound words
/// (`个工作日`, `人次`, `千瓦时`) beat their first char.
const UNITS: &[&str] = &[
    // counts
    "项",
    "家",
    "个",
    "人",
    "名",
    "位",
    "户",
    "所",
    "间",
    "座",
    "台",
    "套",
    "件",
    "份",
    "篇",
    "部",
    "册",
    "本",
    "场",
    "次",
    "期",
    "批",
    "条",
    "处",
    "宗",
    "起",
    "例",
    "张",
    "辆",
    "艘",
    "株",
    "棵",
    "头",
    "只",
    "匹",
    "床",
    "支",
    "门",
    "节",
    "课",
    "栋",
    "幢",
    "层",
    "片",
    "块",
    "种",
    "组",
    "队",
    "届",
    "轮",
    "所",
    "村",
    "校",
    "站",
    "盏",
    "根",
    "道",
    "首",
    "画幅",
    "幅",
    "集",
    "卷",
    "页",
    "粒",
    "颗",
    "枚",
    "对",
    "双",
    "副",
    "口",
    "井",
    "眼",
    "孔",
    "笔",
    "单",
    "员",
    "遍",
    "趟",
    "回",
    "包",
    "箱",
    "袋",
    "瓶",
    "盒",
    "尾",
    "羽",
    // bodies (殡葬), aircraft, tents, vaccine doses
    "具",
    "架",
    "顶",
    "剂",
    "针",
    "条次",
    "类",
    "级",
    "星",
    "星级",
    "等",
    "等级",
    "档",
    "号",
    "代",
    "人次",
    "家次",
    "户次",
    "场次",
    "台次",
    // 计量器具 and equipment are counted by the piece of a set
    "台件",
    "台套",
    // Livestock counted by head (牛 头, 羊 只) together: 300万头只.
    "头只",
    "架次",
    "车次",
    "班次",
    "批次",
    "项次",
    "件次",
    "册次",
    "份次",
    "篇次",
    "期次",
    "辆次",
    "艘次",
    "课次",
    "例次",
    "人日",
    "人天",
    "工日",
    "人年",
    "床位",
    "张床",
    "个床位",
    "个点",
    "个百分点",
    "百分点",
    "百分比",
    "千分比",
    "倍",
    // time
    "天",
    "日",
    "周",
    "月",
    "年",
    "岁",
    "秒",
    "分钟",
    "小时",
    "个小时",
    "时",
    "个工作日",
    "工作日",
    "个自然日",
    "自然日",
    "个月",
    "季度",
    "个季度",
    "年度",
    "学年",
    "学期",
    "课时",
    "学时",
    "周岁",
    "旬",
    // measures
    "分",
    "元",
    "圆",
    "美元",
    "港元",
    "欧元",
    "亩",
    "吨",
    "米",
    "斤",
    "克",
    "升",
    "度",
    "方",
    "平方米",
    "平方公里",
    "平方千米",
    "立方米",
    "公里",
    "千米",
    "厘米",
    "毫米",
    "公顷",
    "公斤",
    "千克",
    "毫克",
    "微克",
    "千瓦时",
    "千瓦",
    "兆瓦",
    "兆瓦时",
    "瓦",
    "伏",
    "千伏",
    "千伏安",
    "标准箱",
    "标箱",
    "延米",
    "延长米",
    "车公里",
    "公里/小时",
    "分贝",
    "摄氏度",
    "℃",
    "°C",
    "立方",
    "平米",
    "毫升",
    "帕",
    "兆帕",
    "标方",
    "标煤",
    "吨标煤",
    "吨标准煤",
    // ASCII units
    "km",
    "km2",
    "km²",
    "m",
    "m2",
    "m²",
    "m3",
    "m³",
    "cm",
    "mm",
    "kg",
    "g",
    "t",
    "kW",
    "kw",
    "kWh",
    "kwh",
    "MW",
    "MWh",
    "GW",
    "h",
    "min",
    "L",
    "mL",
    "ml",
    "dB",
    "Mbps",
    "Gbps",
    "GB",
    "TB",
    "MB",
    "PB",
    // Computing resources of cloud and data-centre projects (`新增云计算资源≥2000核`).
    "核",
    "核时",
    "kV",
    "kVA",
    "μg",
    "µg",
    "ug",
    "mg",
    "ng",
];

/// Units that name a class or rank (`三级以上医院`, `II类以上`): not quantities.
pub(crate) const CLASS_UNITS: &[&str] = &["类", "级", "星", "星级", "等", "等级", "档", "代"];

/// Units of a calendar date (`12月`, `31日`, `5号`).
pub(crate) const DATE_UNITS: &[&str] = &["月", "日", "号"];

/// Percent-like units: `%` and friends keep their value as base.
const PERCENT: &[(&str, &str)] = &[("%", "%"), ("‰", "‰"), ("百分比", "%"), ("千分比", "‰")];

/// Buckets of [`BY_FIRST`]: few enough to build fast, many enough that most hold one char.
const BUCKETS: usize = 256;

/// [`UNITS`] hashed by first char (its low bits) into buckets of (first char, unit), the
/// longest unit first: a unit is read at every number, so one bucket is all it scans.
static BY_FIRST: LazyLock<Vec<Vec<(char, &'static str)>>> = LazyLock::new(|| {
    let mut m: Vec<Vec<(char, &'static str)>> = vec![Vec::new(); BUCKETS];
    // `个` before a count of occasions (`3-5个批次`, `6个场次`) is part of that unit, as
    // in `个工作日`: spelled out once here (a few dozen bytes, leaked for the process's
    // life) rather than listed twice.
    let counted: Vec<&'static str> = UNITS
        .iter()
        .filter(|u| u.chars().count() == 2 && u.ends_with('次'))
        .map(|u| &*Box::leak(format!("个{u}").into_boxed_str()))
        .collect();
    for u in UNITS.iter().copied().chain(counted) {
        if let Some(c) = u.chars().next() {
            if let Some(b) = m.get_mut(c as usize % BUCKETS) {
                if !b.contains(&(c, u)) {
                    b.push((c, u));
                }
            }
        }
    }
    for b in &mut m {
        b.sort_by_key(|(_, u)| std::cmp::Reverse(u.len()));
    }
    m
});

/// The longest base unit at the start of `s` (bytes).
fn base_at(s: &str) -> Option<&'static str> {
    let c = s.chars().next()?;
    let list = BY_FIRST.get(c as usize % BUCKETS)?;
    list.iter()
        .filter(|(k, _)| *k == c)
        .map(|(_, u)| *u)
        .find(|u| {
            s.starts_with(u)
            // An ASCII unit must not run into more letters (`5G基站` is fine, `5Gbps`
            // matches Gbps, `3Ax` is not `3` + unit).
            && !(u.is_ascii()
                && s[u.len()..].chars().next().is_some_and(|n| n.is_ascii_alphanumeric()))
        })
}

fn prefix_at(s: &str) -> Option<(&'static str, u64)> {
    // Every prefix starts with one of these; most unit text does not.
    if !s.starts_with(['万', '千', '百', '十', '亿']) {
        return None;
    }
    PREFIXES.iter().copied().find(|(p, _)| s.starts_with(p))
}

/// Compound tails: `元/亩`, `次/年`, `人·次`.
fn compound_tail(s: &str) -> usize {
    let mut len = 0;
    loop {
        let rest = &s[len..];
        let Some(sep) = rest.chars().next().filter(|c| matches!(c, '/' | '·')) else {
            break;
        };
        let after = &rest[sep.len_utf8()..];
        // A rate per so many (`/10万`, `人/10万人`, `张/千人`): a count of one to four
        // digits before the denominator's magnitude, which is then needed, and a base
        // that may be left out. The count and magnitude are the unit's, not the value's.
        let digits = if sep == '/' {
            after.bytes().take_while(u8::is_ascii_digit).count()
        } else {
            0
        };
        let b = if digits > 0 {
            let d = &after[digits..];
            match prefix_at(d) {
                Some((p, _)) if digits <= 4 => {
                    Some(digits + p.len() + base_at(&d[p.len()..]).map_or(0, str::len))
                }
                _ => None,
            }
        } else {
            match prefix_at(after) {
                Some((p, _)) => base_at(&after[p.len()..])
                    .map(|b| p.len() + b.len())
                    .or_else(|| (sep == '/').then_some(p.len())),
                None => None,
            }
            .or_else(|| base_at(after).map(str::len))
        };
        match b {
            Some(b) => len += sep.len_utf8() + b,
            None => break,
        }
    }
    len
}

/// One-character units that are times or measures, not things counted per occasion.
const NOT_COUNTED: &[&str] = &[
    "天", "日", "周", "月", "年", "岁", "秒", "时", "旬", "分", "元", "圆", "亩", "吨", "米", "斤",
    "克", "升", "度", "方", "瓦", "伏", "次",
];

/// Prefixed units common in forms, spelled out so that reading them does not allocate.
const COMMON_PREFIXED: &[&str] = &[
    "万元",
    "亿元",
    "千元",
    "百万元",
    "千万元",
    "万人",
    "万人次",
    "万户",
    "万亩",
    "万吨",
];

/// `prefix` + `base` as one text.
fn spelled(prefix: &str, base: &str) -> Cow<'static, str> {
    COMMON_PREFIXED
        .iter()
        .find(|t| {
            t.len() == prefix.len() + base.len() && t.starts_with(prefix) && t.ends_with(base)
        })
        .map_or_else(
            || Cow::Owned([prefix, base].concat()),
            |t| Cow::Borrowed(*t),
        )
}

/// A unit at the start of `s` (normalised text): the unit and the bytes it takes.
pub(crate) fn unit_at(s: &str) -> Option<(Unit, usize)> {
    // Every percent word starts with one of these.
    if s.starts_with(['%', '‰', '百', '千']) {
        for (w, canon) in PERCENT {
            if s.starts_with(w) {
                return Some((Unit::plain(canon), w.len()));
            }
        }
    }
    // 九成 = 90%: 成 is a tenth.
    if s.starts_with('成') {
        return Some((
            Unit {
                text: Cow::Borrowed("成"),
                mag: Decimal::TEN,
                base: Some(Cow::Borrowed("%")),
            },
            '成'.len_utf8(),
        ));
    }
    // A rate with no unit before its denominator (`200/10万`, `3/万`).
    if s.starts_with('/') {
        let tail = compound_tail(s);
        return (tail > 0).then(|| {
            let text: Cow<'static, str> = Cow::Owned(s[..tail].to_string());
            (
                Unit {
                    text: text.clone(),
                    mag: Decimal::ONE,
                    base: Some(text),
                },
                tail,
            )
        });
    }
    let plain = base_at(s).map(|b| (b.len(), b));
    // A prefix and its base, maybe split by an OCR space (`5 亿 元`).
    let prefixed = prefix_at(s).and_then(|(p, m)| {
        let rest = &s[p.len()..];
        let gap = rest.len() - rest.trim_start_matches(' ').len();
        (gap <= 1)
            .then(|| base_at(&rest[gap..]))
            .flatten()
            .map(|b| (p.len() + gap + b.len(), p, m, b))
    });
    let (len, mag, prefix, base) = match (plain, prefixed) {
        (Some((alen, _)), Some((blen, p, m, b))) if blen > alen => (blen, Decimal::from(m), p, b),
        (Some((alen, a)), _) => (alen, Decimal::ONE, "", a),
        (None, Some((blen, p, m, b))) => (blen, Decimal::from(m), p, b),
        (None, None) => {
            // A bare magnitude (`350亿`, `3千`): value × magnitude, base unknown.
            let (p, m) = prefix_at(s)?;
            return Some((
                Unit {
                    text: Cow::Borrowed(p),
                    mag: Decimal::from(m),
                    base: None,
                },
                p.len(),
            ));
        }
    };
    // A counted thing per occasion (`剂次` vaccine doses given, `个次`): one classifier
    // and 次, as 人次 and 场次 are; a time or measure word before 次 is no such count.
    let per_time = base.chars().count() == 1
        && !base.is_ascii()
        && !NOT_COUNTED.contains(&base)
        && s[len..].starts_with('次');
    let (base, len) = if per_time {
        (Cow::Owned([base, "次"].concat()), len + '次'.len_utf8())
    } else {
        (Cow::Borrowed(base), len)
    };
    let tail = compound_tail(&s[len..]);
    let base = match &s[len..len + tail] {
        "" => base,
        tail => Cow::Owned([&base, tail].concat()),
    };
    let text = match prefix {
        "" => base.clone(),
        prefix => spelled(prefix, &base),
    };
    Some((
        Unit {
            text,
            mag,
            base: Some(base),
        },
        len + tail,
    ))
}

thread_local! {
    /// The last text [`parse_unit`] read and its reading: an amount column's header unit
    /// is read again for every cell in the column.
    static LAST_UNIT: RefCell<Option<(String, Option<Unit>)>> = const { RefCell::new(None) };
}

/// A whole string that is a unit (a column header's `万元`), else `None`.
pub(crate) fn parse_unit(s: &str) -> Option<Unit> {
    LAST_UNIT.with(|last| {
        let Ok(mut last) = last.try_borrow_mut() else {
            return read_unit(s);
        };
        match last.as_ref() {
            Some((text, unit)) if text == s => unit.clone(),
            _ => {
                let unit = read_unit(s);
                *last = Some((s.to_string(), unit.clone()));
                unit
            }
        }
    })
}

fn read_unit(s: &str) -> Option<Unit> {
    let folded = super::norm::fold(s.trim());
    let t = folded.trim();
    let (u, len) = unit_at(t)?;
    (len == t.len()).then_some(u)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn u(s: &str) -> Option<(String, String, Option<String>, usize)> {
        unit_at(s).map(|(u, l)| {
            let base = u.base.map(Cow::into_owned);
            (u.text.into_owned(), u.mag.to_string(), base, l)
        })
    }

    #[test]
    fn splits() {
        assert_eq!(
            u("万元"),
            Some(("万元".into(), "10000".into(), Some("元".into()), 6))
        );
        assert_eq!(u("亿"), Some(("亿".into(), "100000000".into(), None, 3)));
        assert_eq!(
            u("万人次。"),
            Some(("万人次".into(), "10000".into(), Some("人次".into()), 9))
        );
        // A classifier and 次 is a count per occasion, with its magnitude.
        assert_eq!(
            u("万剂次"),
            Some(("万剂次".into(), "10000".into(), Some("剂次".into()), 9))
        );
        assert_eq!(
            u("天次"),
            Some(("天".into(), "1".into(), Some("天".into()), 3))
        );
        assert_eq!(
            u("千瓦时"),
            Some(("千瓦时".into(), "1".into(), Some("千瓦时".into()), 9))
        );
        assert_eq!(
            u("万千瓦"),
            Some(("万千瓦".into(), "10000".into(), Some("千瓦".into()), 9))
        );
        assert_eq!(
            u("元/亩"),
            Some(("元/亩".into(), "1".into(), Some("元/亩".into()), 7))
        );
        assert_eq!(
            u("个工作日内"),
            Some(("个工作日".into(), "1".into(), Some("个工作日".into()), 12))
        );
        assert_eq!(
            u("百分比"),
            Some(("%".into(), "1".into(), Some("%".into()), 9))
        );
        assert_eq!(
            u("个百分点"),
            Some(("个百分点".into(), "1".into(), Some("个百分点".into()), 12))
        );
    }
}

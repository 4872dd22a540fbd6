//! CJK radical forms → the ideographs a text means by them.
//!
//! A CJK font draws a radical and its ideograph with one glyph (门 and ⻔ U+2ED4, 目 and
//! ⽬ U+2F6C). PDF writers that turn glyphs back into text (Chromium's Skia backend,
//! some Word and WPS exports) may pick the radical's code point, and text copied out of
//! such a PDF keeps it: 部⻔ for 部门, 项⽬ for 项目. Labels then match nothing. No
//! declaration means a radical, so every decoded text and every PDF glyph goes through
//! [`unify_radical`]. The table is generated (`scripts/make-radical-table.py`).

use std::borrow::Cow;

#[path = "radical_table.rs"]
mod table;

/// The ideograph a radical form stands for; any other character unchanged.
#[inline]
pub fn unify_radical(c: char) -> char {
    let i = (c as u32).wrapping_sub(table::FIRST) as usize;
    match table::RADICALS.get(i) {
        Some(&u) if u != 0 => char::from_u32(u).unwrap_or(c),
        _ => c,
    }
}

/// Whether `s` holds a radical form: U+2E80–U+2FDF is `E2 BA 80`–`E2 BF 9F` in UTF-8, so
/// a memchr for E2 (rare in Chinese text: “”—… and little else) finds every candidate.
fn has_radical(s: &str) -> bool {
    let b = s.as_bytes();
    memchr::memchr_iter(0xE2, b).any(|i| matches!(b.get(i + 1), Some(0xBA..=0xBF)))
}

/// `s` with every radical form replaced by its ideograph; borrowed when there is none.
pub fn unify_radicals(s: &str) -> Cow<'_, str> {
    if has_radical(s) {
        Cow::Owned(s.chars().map(unify_radical).collect())
    } else {
        Cow::Borrowed(s)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn radicals_become_ideographs() {
        // (text as a PDF writer or a copy gave it, the text meant)
        let cases = [
            ("部⻔整体预算绩效⽬标申报表", "部门整体预算绩效目标申报表"),
            ("项⽬⽀出", "项目支出"),
            ("预算⾦额（万元）", "预算金额（万元）"),
            ("收⼊来源", "收入来源"),
            ("⼴州市科学技术局", "广州市科学技术局"),
            ("⼈⺠⽣命健康", "人民生命健康"),
            ("⻓效机制", "长效机制"),
            ("⻚码", "页码"),
            ("⻢上办", "马上办"),
            ("⻋辆购置", "车辆购置"),
            ("⻅效", "见效"),
            ("⻉类", "贝类"),
            ("⻛险", "风险"),
            ("⻜速", "飞速"),
            ("⻥类", "鱼类"),
            ("⻩河", "黄河"),
            ("⻰头", "龙头"),
            ("⻳", "龟"),
            ("⺟婴", "母婴"),
            ("⼀是", "一是"),
            ("⼆是", "二是"),
            ("⼗⼤", "十大"),
            ("⾼质量", "高质量"),
            ("⻘年", "青年"),
            ("⻆度", "角度"),
            ("⻄部", "西部"), // shared in the TC/JP faces, not the SC ones
            ("⽂化", "文化"),
            ("⽔平", "水平"),
            ("⽤于", "用于"),
            ("⾯向", "面向"),
            ("⾏政", "行政"),
            ("⼯程", "工程"),
            ("⼒量", "力量"),
            ("⼼理", "心理"),
            ("⽅⾯", "方面"),
            ("⾃⽴⾃强", "自立自强"),
            ("⼾籍", "户籍"), // the Simplified glyph, not NFKC's 戶
            ("⿓", "龍"),
            ("⿔", "龜"),
            ("⿕", "龠"),
        ];
        for (given, meant) in cases {
            assert_eq!(unify_radicals(given), meant, "{given}");
        }
    }

    #[test]
    fn other_text_is_borrowed_unchanged() {
        for s in [
            "",
            "部门整体预算绩效目标申报表",
            "“科学发现、技术发明”——全链条…",
            "≥80%，≤15天",
            "Ⅰ、Ⅱ、Ⅲ ① ② ③ → ★",
            "⺀ ⺁ ⿖ ⿟", // no ideograph draws like them, or unassigned
        ] {
            let out = unify_radicals(s);
            assert!(matches!(out, Cow::Borrowed(_)) || out == s, "{s}");
            assert_eq!(out, s);
        }
        assert_eq!(unify_radical('a'), 'a');
        assert_eq!(unify_radical('\u{2E7F}'), '\u{2E7F}');
        assert_eq!(unify_radical('\u{2FE0}'), '\u{2FE0}');
    }

    #[test]
    fn every_mapped_form_is_a_unified_ideograph() {
        for i in 0..table::RADICALS.len() as u32 {
            let c = char::from_u32(table::FIRST + i).unwrap();
            let u = unify_radical(c) as u32;
            assert!(
                u == c as u32 || (0x3400..=0x9FFF).contains(&u) || (0x20000..=0x3FFFF).contains(&u),
                "U+{:04X} → U+{u:04X}",
                c as u32
            );
        }
    }
}

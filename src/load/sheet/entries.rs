//! Cells holding several entries, as offices write them: `1.申请书（原件1份）⏎2.营业执照`,
//! `个人申请；企业申请`, `①…②…`, `（1）…（2）…`, `一、…二、…`. Each entry keeps its place
//! (its 1-based number within the cell).

/// The entries of a cell: split at line breaks, at `；`/`;` outside brackets, and before an
/// inline number that continues the count (`1.甲 2.乙`, `①甲②乙`); each entry's own number is
/// dropped. A cell with one entry gives it back trimmed, number and all (a name may start with
/// a digit).
pub fn split(text: &str) -> Vec<&str> {
    let t = text.trim();
    // Most cells hold one entry: no line break, no separator, no number after the start.
    let first = t.chars().next().map_or(0, char::len_utf8);
    if !has_separator(t) && number_starts(t, first).next().is_none() {
        return if t.is_empty() { Vec::new() } else { vec![t] };
    }
    let mut out = Vec::new();
    for line in text.lines() {
        for part in split_outside_brackets(line) {
            // `符合下列条件：1.甲 2.乙`: the lead-in is an entry of its own, the list follows.
            match lead_in(part) {
                Some((lead, list)) => {
                    out.push(lead);
                    split_inline_numbers(list, &mut out);
                }
                None => split_inline_numbers(part, &mut out),
            }
        }
    }
    out.retain(|e| !e.is_empty());
    if out.len() <= 1 {
        let t = text.trim();
        return if t.is_empty() { Vec::new() } else { vec![t] };
    }
    out.into_iter().map(|e| strip_number(e).map_or(e, |(_, r)| r)).collect()
}

/// Whether a cell holds more than one entry.
pub fn is_multi(text: &str) -> bool {
    split(text).len() > 1
}

fn split_outside_brackets(line: &str) -> Vec<&str> {
    let mut parts = Vec::new();
    let (mut depth, mut start) = (0i32, 0);
    // Byte by byte: every mark looked for is ASCII or a three-byte character led by 0xE3 or
    // 0xEF, lead bytes no other byte of UTF-8 text can be, and rare in Chinese text (which is
    // mostly led by 0xE4–0xE9), so only those few characters are decoded.
    let b = line.as_bytes();
    for (i, &x) in b.iter().enumerate() {
        let c = match x {
            b'(' | b')' | b'[' | b']' | b';' => x as char,
            0xE3 | 0xEF => line[i..].chars().next().unwrap_or_default(),
            _ => continue,
        };
        match c {
            '（' | '(' | '《' | '〔' | '[' | '【' => depth += 1,
            '）' | ')' | '》' | '〕' | ']' | '】' => depth -= 1,
            '；' | ';' if depth <= 0 => {
                parts.push(line[start..i].trim());
                start = i + c.len_utf8();
            }
            _ => {}
        }
    }
    parts.push(line[start..].trim());
    parts
}

/// Whether the text holds a line break or a `；`/`;`.
fn has_separator(t: &str) -> bool {
    memchr::memchr2(b'\n', b';', t.as_bytes()).is_some() || wide_at(t, '；').next().is_some()
}

/// The byte offsets of a three-byte character in `t`, found by its lead byte (which no other
/// byte of UTF-8 text can be) instead of decoding every character.
fn wide_at(t: &str, c: char) -> impl Iterator<Item = usize> + '_ {
    let w = utf8_3(c);
    let b = t.as_bytes();
    memchr::memchr_iter(w[0], b).filter(move |&i| b.get(i + 1..i + 3) == Some(&w[1..]))
}

/// A sentence ending in `：` before entry number 1: (the sentence, the list).
fn lead_in(part: &str) -> Option<(&str, &str)> {
    let ascii = memchr::memchr_iter(b':', part.as_bytes()).map(|i| (i, i + 1));
    let wide = wide_at(part, '：').map(|i| (i, i + 3));
    let mut colons: Vec<(usize, usize)> = ascii.chain(wide).collect();
    colons.sort_unstable();
    colons
        .into_iter()
        .find(|&(i, after)| i > 0 && matches!(strip_number(&part[after..]), Some((1, _))))
        .map(|(_, after)| (part[..after].trim(), part[after..].trim()))
}

/// Cuts `1.甲 2.乙 3.丙` before each number that is one more than the last one seen, when the
/// part starts with number 1 (so `第2.5条` or a stray digit inside a name is never a cut).
fn split_inline_numbers<'a>(part: &'a str, out: &mut Vec<&'a str>) {
    let Some((1, _)) = strip_number(part) else {
        out.push(part);
        return;
    };
    let mut next = 2;
    let mut start = 0;
    let mut cuts = Vec::new();
    let first = part.chars().next().map_or(0, char::len_utf8);
    for i in number_starts(part, first) {
        if let Some((n, _)) = strip_number(&part[i..])
            && n == next
            && (part[i..].starts_with(['①', '②', '③', '④', '⑤', '⑥', '⑦', '⑧', '⑨', '⑩', '（', '('])
                || boundary_before(&part[..i]))
        {
            cuts.push(i);
            next += 1;
        }
    }
    for c in cuts {
        out.push(part[start..c].trim());
        start = c;
    }
    out.push(part[start..].trim());
}

/// Whether an entry number may start at this character (a cheap test before [`strip_number`]).
#[cfg(test)]
fn may_number(c: char) -> bool {
    matches!(
        c,
        '0'..='9' | '(' | '（' | '①'..='⑳' | '一' | '二' | '三' | '四' | '五' | '六' | '七' | '八' | '九' | '十'
    )
}

/// The UTF-8 bytes of a three-byte character.
const fn utf8_3(c: char) -> [u8; 3] {
    let c = c as u32;
    [
        0xE0 | (c >> 12) as u8,
        0x80 | ((c >> 6) & 0x3F) as u8,
        0x80 | (c & 0x3F) as u8,
    ]
}

/// 一 … 十 as bytes (all led by 0xE4 or 0xE5).
const CN_DIGIT_BYTES: [[u8; 3]; 10] = [
    utf8_3('一'),
    utf8_3('二'),
    utf8_3('三'),
    utf8_3('四'),
    utf8_3('五'),
    utf8_3('六'),
    utf8_3('七'),
    utf8_3('八'),
    utf8_3('九'),
    utf8_3('十'),
];

/// The byte offsets from `from` on where an entry number may start (`0-9 ( （ ①-⑳ 一…十`, the
/// characters of [`may_number`]), found byte by byte: a cell is scanned without decoding its
/// characters, and a multi-byte character's lead byte never occurs inside another character,
/// so a match is always a whole character.
fn number_starts(t: &str, from: usize) -> impl Iterator<Item = usize> + '_ {
    let b = t.as_bytes();
    (from..b.len()).filter(move |&i| match b[i] {
        b'0'..=b'9' | b'(' => true,
        0xEF => b.get(i + 1..i + 3) == Some(&utf8_3('（')[1..]),
        // ① U+2460 … ⑳ U+2473.
        0xE2 => b.get(i + 1) == Some(&0x91) && b.get(i + 2).is_some_and(|x| (0xA0..=0xB3).contains(x)),
        0xE4 | 0xE5 => b
            .get(i..i + 3)
            .is_some_and(|s| CN_DIGIT_BYTES.iter().any(|d| d.as_slice() == s)),
        _ => false,
    })
}

/// An inline number starts an entry only after a space, punctuation or a closing bracket: in
/// `申请书2份` the 2 is a count.
fn boundary_before(before: &str) -> bool {
    before
        .chars()
        .next_back()
        .is_some_and(|c| c.is_whitespace() || "，,。.、：:）)》】".contains(c))
}

const CN_DIGITS: &str = "一二三四五六七八九十";

/// The number at the start of an entry and the text after it: `1.` `1、` `1．` `1)` `(1)`
/// `（1）` `①` `一、` `（一）`.
pub fn strip_number(l: &str) -> Option<(u32, &str)> {
    let t = l.trim_start();
    // By the first byte (most calls are at characters that only may start a number): a digit,
    // an opening bracket, ① … ⑳ (led by 0xE2) or 一 … 十 (0xE4, 0xE5).
    match t.as_bytes().first()? {
        b'0'..=b'9' => {
            let digits = t.bytes().take_while(u8::is_ascii_digit).count();
            if digits >= 4 {
                return None;
            }
            let n: u32 = t[..digits].parse().ok()?;
            let rest = &t[digits..];
            let sep = ['.', '、', '．', ')', '）']
                .into_iter()
                .find(|&s| rest.starts_with(s))?;
            let r = &rest[sep.len_utf8()..];
            // `1.5米` is a number, not an entry.
            if sep == '.' && r.starts_with(|c: char| c.is_ascii_digit()) {
                return None;
            }
            Some((n, r.trim_start()))
        }
        b'(' | 0xEF => {
            let (r, close) = match t.strip_prefix('(') {
                Some(r) => (r, ')'),
                None => (t.strip_prefix('（')?, '）'),
            };
            let d = r.bytes().take_while(u8::is_ascii_digit).count();
            if d > 0 && d < 4 {
                let n: u32 = r[..d].parse().ok()?;
                if let Some(r) = r[d..].strip_prefix(close) {
                    return Some((n, r.trim_start()));
                }
            }
            let mut cs = r.chars();
            let n = cn_digit(cs.next()?)?;
            cs.as_str().strip_prefix(close).map(|r| (n, r.trim_start()))
        }
        0xE2 | 0xE4 | 0xE5 => {
            let mut cs = t.chars();
            match cs.next()? {
                c @ '①'..='⑳' => Some((c as u32 - '①' as u32 + 1, cs.as_str().trim_start())),
                c => {
                    let n = cn_digit(c)?;
                    cs.as_str().strip_prefix('、').map(|r| (n, r.trim_start()))
                }
            }
        }
        _ => None,
    }
}

fn cn_digit(c: char) -> Option<u32> {
    CN_DIGITS.chars().position(|d| d == c).map(|i| i as u32 + 1)
}

/// What a material entry says about itself in brackets: `申请书（原件1份）`, `营业执照复印件2份`,
/// `（加盖公章）`.
#[derive(Debug, Default, PartialEq)]
pub struct MaterialEntry<'a> {
    pub name: &'a str,
    pub form: Option<&'static str>,
    pub copies: Option<u32>,
    pub note: Option<&'a str>,
}

const FORMS: [(&str, &str); 6] = [
    ("原件或复印件", "原件或复印件"),
    ("原件和复印件", "原件或复印件"),
    ("原件及复印件", "原件或复印件"),
    ("复印件", "复印件"),
    ("原件", "原件"),
    ("电子版", "电子材料"),
];

/// Reads a trailing bracket (or a bare `原件1份` tail) of a material entry into form and copies;
/// other bracket text is its note. The name keeps everything else as written.
pub fn material(entry: &str) -> MaterialEntry<'_> {
    let e = entry.trim();
    let mut m = MaterialEntry {
        name: e,
        ..Default::default()
    };
    if !e.ends_with(['）', ')', '份', '件']) {
        return m;
    }
    let (body, tail) = match e.strip_suffix(['）', ')']) {
        Some(inner) => match inner.rfind(['（', '(']) {
            Some(open) => {
                let open_len = inner[open..].chars().next().map_or(1, char::len_utf8);
                (&e[..open], &inner[open + open_len..])
            }
            None => return m,
        },
        None => {
            // `营业执照复印件1份`
            match FORMS.iter().find_map(|(w, _)| e.rfind(w).filter(|&i| i > 0)) {
                Some(i) if read_form(&e[i..]).1.is_some() || read_form(&e[i..]).0.is_some() => (&e[..i], &e[i..]),
                _ => return m,
            }
        }
    };
    if body.trim().is_empty() {
        return m;
    }
    let (form, copies, rest) = read_form(tail);
    // A bracket that says neither form, copies nor how to hand the paper in is part of the name
    // (`营业执照（副本）`, `=HYPERLINK(…)` in a CSV that convert wrote): kept whole, so a name
    // reads back as it was written.
    if form.is_none() && copies.is_none() && !ANNOTATION_WORDS.iter().any(|w| tail.contains(w)) {
        return m;
    }
    m.name = body.trim();
    m.form = form;
    m.copies = copies;
    // A bracket that is not only form and copies is kept whole as the note.
    if (form.is_none() && copies.is_none()) || !rest.trim_matches(['，', ',', '、', ' ', '；', ';']).is_empty() {
        m.note = Some(tail.trim());
    }
    m
}

/// Words of a bracket that tells how a material is handed in, not what it is.
const ANNOTATION_WORDS: [&str; 9] = ["盖章", "公章", "签字", "签名", "签章", "核验", "验原件", "留存", "装订"];

/// `原件1份` / `复印件2份，加盖公章` / `1份`: the form, the copies and what is left.
fn read_form(t: &str) -> (Option<&'static str>, Option<u32>, &str) {
    let t = t.trim();
    let (form, rest) = match FORMS.iter().find(|(w, _)| t.starts_with(w)) {
        Some((w, f)) => (Some(*f), &t[w.len()..]),
        None => (None, t),
    };
    let rest = rest.trim_start_matches(['：', ':', ' ']);
    let d = rest.chars().take_while(|c| c.is_ascii_digit()).count();
    let (copies, rest) = if d > 0 && rest[d..].starts_with('份') {
        (rest[..d].parse().ok(), &rest[d + '份'.len_utf8()..])
    } else {
        match rest.chars().next().and_then(cn_digit) {
            Some(n) if rest[3..].starts_with('份') => (Some(n), &rest[3 + 3..]),
            _ => (None, rest),
        }
    };
    (form, copies, rest)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The characters-by-characters reading the byte scanners replaced.
    fn strip_number_by_chars(l: &str) -> Option<(u32, &str)> {
        let t = l.trim_start();
        let digits = t.chars().take_while(|c| c.is_ascii_digit()).count();
        if digits > 0 && digits < 4 {
            let n: u32 = t[..digits].parse().ok()?;
            let rest = &t[digits..];
            for sep in ['.', '、', '．', ')', '）'] {
                if let Some(r) = rest.strip_prefix(sep) {
                    // `1.5米` is a number, not an entry.
                    if sep == '.' && r.starts_with(|c: char| c.is_ascii_digit()) {
                        return None;
                    }
                    return Some((n, r.trim_start()));
                }
            }
            return None;
        }
        for (open, close) in [('(', ')'), ('（', '）')] {
            if let Some(r) = t.strip_prefix(open) {
                let d = r.chars().take_while(|c| c.is_ascii_digit()).count();
                if d > 0 && d < 4 {
                    let n: u32 = r[..d].parse().ok()?;
                    if let Some(r) = r[d..].strip_prefix(close) {
                        return Some((n, r.trim_start()));
                    }
                }
                let mut cs = r.chars();
                if let Some(c) = cs.next()
                    && let Some(n) = cn_digit(c)
                    && let Some(r) = cs.as_str().strip_prefix(close)
                {
                    return Some((n, r.trim_start()));
                }
            }
        }
        let mut cs = t.chars();
        match cs.next() {
            Some(c @ '①'..='⑳') => Some((c as u32 - '①' as u32 + 1, cs.as_str().trim_start())),
            Some(c) => {
                let n = cn_digit(c)?;
                cs.as_str().strip_prefix('、').map(|r| (n, r.trim_start()))
            }
            None => None,
        }
    }

    #[test]
    fn byte_scanners_agree_with_characters() {
        for c in (0..=0xFFFFu32).filter_map(char::from_u32) {
            let t = format!("x{c}y{c}");
            let want: Vec<usize> = t
                .char_indices()
                .skip(1)
                .filter(|&(_, c)| may_number(c))
                .map(|(i, _)| i)
                .collect();
            assert_eq!(number_starts(&t, 1).collect::<Vec<_>>(), want, "{c:?}");
            assert_eq!(has_separator(&t), t.contains(['\n', '；', ';']), "{c:?}");
        }
        let heads = [
            "", "1", "12", "123", "1234", "0", "(", "（", "(1", "（12", "（一", "(十", "①", "⑳", "⑴", "一", "十", "百",
            "第", " ", "　", "x", "，",
        ];
        let tails = [
            "", ".", "、", "．", ")", "）", ".5米", ".甲", "、乙", "）丙", ") 丁", "一", "：", "1", "份",
        ];
        for h in heads {
            for m in ["", "1", "二"] {
                for tl in tails {
                    let t = format!("{h}{m}{tl}");
                    assert_eq!(strip_number(&t), strip_number_by_chars(&t), "{t:?}");
                    let t = format!(" {t}");
                    assert_eq!(strip_number(&t), strip_number_by_chars(&t), "{t:?}");
                }
            }
        }
    }

    #[test]
    fn splits_numbered_and_separated_cells() {
        assert_eq!(split("个人申请；企业申请"), vec!["个人申请", "企业申请"]);
        assert_eq!(
            split("1.申请书（原件1份）\n2.营业执照（原件1份）"),
            vec!["申请书（原件1份）", "营业执照（原件1份）"]
        );
        assert_eq!(split("1、甲；2、乙；3、丙"), vec!["甲", "乙", "丙"]);
        assert_eq!(split("①甲②乙"), vec!["甲", "乙"]);
        assert_eq!(split("（1）甲 （2）乙"), vec!["甲", "乙"]);
        assert_eq!(split("一、甲\n二、乙"), vec!["甲", "乙"]);
        assert_eq!(split("1.甲 2.乙 3.丙"), vec!["甲", "乙", "丙"]);
        // One entry: kept as written.
        assert_eq!(split("1.申请书"), vec!["1.申请书"]);
        assert_eq!(split("申请书2份"), vec!["申请书2份"]);
        assert_eq!(
            split("《甲法》（2019年修订；2021年修正）"),
            vec!["《甲法》（2019年修订；2021年修正）"]
        );
        assert_eq!(split("  "), Vec::<&str>::new());
        assert_eq!(
            split("符合下列全部条件的，可提出申请：1）取得文件； 2）通过审查；3）资质有效"),
            vec!["符合下列全部条件的，可提出申请：", "取得文件", "通过审查", "资质有效"]
        );
    }

    #[test]
    fn reads_material_annotations() {
        let m = material("申请书（原件1份）");
        assert_eq!(
            (m.name, m.form, m.copies, m.note),
            ("申请书", Some("原件"), Some(1), None)
        );
        let m = material("营业执照复印件2份");
        assert_eq!((m.name, m.form, m.copies), ("营业执照", Some("复印件"), Some(2)));
        let m = material("申请表（加盖公章）");
        assert_eq!((m.name, m.form, m.note), ("申请表", None, Some("加盖公章")));
        let m = material("身份证（复印件1份，加盖公章）");
        assert_eq!(
            (m.name, m.form, m.copies, m.note),
            ("身份证", Some("复印件"), Some(1), Some("复印件1份，加盖公章"))
        );
        // Brackets that belong to the name stay in it.
        for whole in [
            "营业执照（副本）",
            "=HYPERLINK(\"http://evil.example\",\"点我\")",
            "户口簿（首页及本人页）",
        ] {
            let m = material(whole);
            assert_eq!((m.name, m.form, m.note), (whole, None, None));
        }
        let m = material("其他相关材料");
        assert_eq!((m.name, m.form), ("其他相关材料", None));
    }
}

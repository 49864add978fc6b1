//! Cells holding several entries, as offices write them: `1.申请书（原件1份）⏎2.营业执照`,
//! `个人申请；企业申请`, `①…②…`, `（1）…（2）…`, `一、…二、…`. Each entry keeps its place
//! (its 1-based number within the cell).

/// The entries of a cell: split at line breaks, at `；`/`;` outside brackets, and before an
/// inline number that continues the count (`1.甲 2.乙`, `①甲②乙`); each entry's own number is
/// dropped. A cell with one entry gives it back trimmed, without a list number 1 (`1.具备相应
/// 条件` is a list of one) but with any other leading number (a name may start with a digit).
pub fn split(text: &str) -> Vec<&str> {
    let t = crate::text::trim(text);
    // Most cells hold one entry: no line break, no separator, no number after the start.
    if !t.contains(['\n', '；', ';']) && !t.char_indices().skip(1).any(|(_, c)| may_number(c)) {
        return if t.is_empty() { Vec::new() } else { vec![only_entry(t)] };
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
    out = with_bracket_lines_joined(text, out);
    out = with_sub_lists_joined(text, out);
    if out.len() <= 1 {
        let t = crate::text::trim(text);
        return if t.is_empty() { Vec::new() } else { vec![only_entry(t)] };
    }
    // `1.申请表，2.身份证`: the comma before the next number closes the entry, no part of it.
    let mut out: Vec<&str> = out
        .into_iter()
        .map(|e| strip_number(e).map_or(e, |(_, r)| r))
        .map(|e| crate::text::trim_end(e.trim_end_matches(['，', ',', '、'])))
        .collect();
    // A number with nothing after it (`…应当终止：（1）`, a list cut off on export) is no entry.
    out.retain(|e| !crate::text::trim(e).is_empty());
    strip_markers(&mut out);
    out
}

/// Marks other than numbers that head every entry of a cell: bullets (`●申请书⏎●营业执照`),
/// letters in order (`A、` `B.`), `第一，` `第二，`, `一是` `二是`. Only a mark every entry carries,
/// in order, is one: a name may start with a letter or a dot of its own.
fn strip_markers(entries: &mut [&str]) {
    const BULLETS: [char; 10] = ['●', '•', '·', '▪', '◆', '■', '◇', '□', '-', '—'];
    let first = |e: &str| e.chars().next();
    if entries.len() < 2 {
        return;
    }
    // The mark's length in each entry, or None when some entry lacks it.
    let same_bullet = first(entries[0])
        .filter(|c| BULLETS.contains(c))
        .filter(|&b| entries.iter().all(|e| first(e) == Some(b)))
        .map(|b| vec![b.len_utf8(); entries.len()]);
    let ordered = |mark: &dyn Fn(&str, u32) -> Option<usize>| -> Option<Vec<usize>> {
        (0..entries.len())
            .map(|k| mark(entries[k], k as u32 + 1))
            .collect::<Option<Vec<usize>>>()
    };
    let letter = |e: &str, n: u32| {
        let c = char::from_u32('A' as u32 + n - 1)?;
        let rest = e.strip_prefix(c).or_else(|| e.strip_prefix(c.to_ascii_lowercase()))?;
        let sep = rest
            .chars()
            .next()
            .filter(|s| ['.', '、', '．', ')', '）'].contains(s))?;
        Some(1 + sep.len_utf8())
    };
    // `第一，` `一是`: the Chinese number of the entry (up to 十), then `，`/`、`/`是`.
    let chinese = |e: &str, n: u32, before: &str, after: &[char]| {
        let rest = e.strip_prefix(before)?;
        let digit = CN_DIGITS.chars().nth(n.checked_sub(1)? as usize)?;
        let rest = rest.strip_prefix(digit)?;
        let sep = rest.chars().next().filter(|s| after.contains(s))?;
        Some(before.len() + digit.len_utf8() + sep.len_utf8())
    };
    let cut = same_bullet
        .or_else(|| ordered(&letter))
        .or_else(|| ordered(&|e, n| chinese(e, n, "第", &['，', '、', ',', '：', ':'])))
        .or_else(|| ordered(&|e, n| chinese(e, n, "", &['是'])));
    if let Some(cut) = cut {
        for (e, n) in entries.iter_mut().zip(cut) {
            *e = crate::text::trim_start(&e[n..]);
        }
    }
}

/// The one entry of a cell, without its number when it is numbered 1 as the first of a list.
fn only_entry(t: &str) -> &str {
    match strip_number(t) {
        Some((1, rest)) if !rest.is_empty() => rest,
        _ => t,
    }
}

/// A line that is only a note in brackets (`（需法定代表人签字）` under `1.申请书`) belongs to the
/// entry above it, not an entry of its own.
fn with_bracket_lines_joined<'a>(text: &'a str, entries: Vec<&'a str>) -> Vec<&'a str> {
    let note = |e: &str| {
        let inner = e.strip_prefix(['（', '(']).and_then(|r| r.strip_suffix(['）', ')']));
        inner.is_some_and(|i| !i.contains(['（', '(', '）', ')'])) && strip_number(e).is_none()
    };
    if !entries.iter().skip(1).any(|e| note(e)) {
        return entries;
    }
    let mut out: Vec<&'a str> = Vec::with_capacity(entries.len());
    for e in entries {
        match out.last_mut() {
            Some(prev) if note(e) => *prev = through(text, prev, e),
            _ => out.push(e),
        }
    }
    out
}

/// The span of `text` from entry `from` to the end of entry `to` (both slices of it).
fn through<'a>(text: &'a str, from: &str, to: &str) -> &'a str {
    let offset = |e: &str| e.as_ptr() as usize - text.as_ptr() as usize;
    &text[offset(from)..offset(to) + to.len()]
}

/// The text before a closing colon (`个人申请：`, `法定代表人身份证明:`), trimmed: a lead-in to
/// what follows.
pub fn before_colon(t: &str) -> Option<&str> {
    t.trim_end().strip_suffix(['：', ':']).map(str::trim)
}

/// How an entry is numbered: `1.`/`1、` (arabic), `（1）`/`1）` (bracketed), `①` (circled),
/// `一、`/`（一）` (Chinese).
#[derive(Clone, Copy, PartialEq)]
enum Style {
    Arabic,
    Bracketed,
    Circled,
    Chinese,
}

fn style(e: &str) -> Option<Style> {
    strip_number(e)?;
    let mut cs = crate::text::trim_start(e).chars();
    let first = cs.next()?;
    let second = cs.next();
    Some(match first {
        '①'..='⑳' => Style::Circled,
        '(' | '（' if second.is_some_and(|c| c.is_ascii_digit()) => Style::Bracketed,
        '(' | '（' => Style::Chinese,
        c if c.is_ascii_digit() => {
            let after = crate::text::trim_start(e).trim_start_matches(|c: char| c.is_ascii_digit());
            if after.starts_with([')', '）']) {
                Style::Bracketed
            } else {
                Style::Arabic
            }
        }
        _ => Style::Chinese,
    })
}

/// `2.法定代表人身份证明：⏎（1）居民身份证⏎（2）护照`: a list numbered another way under an
/// arabic-numbered entry that ends with a colon is that entry's detail (its alternatives, its
/// sub-conditions), not entries of its own. Lists headed `一、个人申请：` are left as they are:
/// there the heading names a case, not a material. A `二、有符合规定的办学场所：` among `一、` entries
/// that end without a colon states a condition, not a case (a sentence, not ending as a case's
/// name does): its `（1）` or `①` list is its detail too.
fn with_sub_lists_joined<'a>(text: &'a str, entries: Vec<&'a str>) -> Vec<&'a str> {
    // Only an entry ending with a colon heads a sub-list: most cells have none (and their
    // entries' numbering styles need not be read).
    if !entries.iter().any(|e| before_colon(e).is_some()) {
        return entries;
    }
    let chinese_heads = entries.iter().filter(|e| style(e) == Some(Style::Chinese));
    let headings_all_colon = chinese_heads.clone().all(|e| before_colon(e).is_some());
    let condition_lead = |e: &str| {
        let Some(head) = before_colon(e) else { return false };
        let head = strip_number(head).map_or(head, |(_, rest)| rest);
        !headings_all_colon
            && style(e) == Some(Style::Chinese)
            && head.chars().count() >= 8
            && !CASE_ENDS.iter().any(|c| head.ends_with(c))
    };
    let lead = |e: &str| (before_colon(e).is_some() && style(e) == Some(Style::Arabic)) || condition_lead(e);
    if !entries.iter().any(|e| lead(e)) {
        return entries;
    }
    let mut out: Vec<&'a str> = Vec::with_capacity(entries.len());
    // The style and last number of the sub-list being joined to the entry last kept.
    let mut sub: Option<(Style, u32)> = None;
    for e in entries {
        let (st, n) = (style(e), strip_number(e).map(|(n, _)| n));
        let joins = match (sub, st, n, out.last()) {
            (Some((s, last)), Some(st), Some(n), _) => st == s && n == last + 1,
            (None, Some(st), Some(1), Some(prev)) => {
                (st != Style::Arabic && lead(prev) && !condition_lead(prev))
                    || (matches!(st, Style::Bracketed | Style::Circled) && condition_lead(prev))
            }
            _ => false,
        };
        match out.last_mut() {
            Some(prev) if joins => {
                *prev = through(text, prev, e);
                sub = st.zip(n);
            }
            _ => {
                out.push(e);
                sub = None;
            }
        }
    }
    out
}

/// Whether a cell holds more than one entry.
pub fn is_multi(text: &str) -> bool {
    split(text).len() > 1
}

/// The entries of a material cell: as [`split`]; and a cell that is one run of names joined by
/// `、` (`申请书（原件1份）、营业执照复印件一份、其他相关材料`) is a list of them when every part
/// reads as a paper (its name ends as a document's does: 书, 证, 照, 表, 明, 材料 …). An
/// annotation after a `、` (`申请书原件1份、复印件1份`) stays with the name before it.
/// `法律、法规规定的其他材料` and `法定代表人、负责人身份证明` stay one entry.
pub fn split_materials(text: &str) -> Vec<&str> {
    let one = split(text);
    let Some(only) = joined_by_commas(&one) else { return one };
    let mut out: Vec<&str> = Vec::new();
    for part in split_outside_brackets_at(only, '、') {
        match out.last_mut() {
            Some(prev) if is_annotation(part) => *prev = through(only, prev, part),
            _ => out.push(part),
        }
    }
    if out.len() < 2 || !out.iter().all(|p| reads_as_paper(p)) {
        return one;
    }
    out
}

/// The entries of a 办理情形 cell: as [`split`]; and a cell of case names joined by `、` only
/// (`个人申请、企业申请`, `新办、变更、注销`) is a list of them when every part reads as a case
/// (ends as a case's name does: 申请, 新办, 变更, 注销 …). `申请人为个人、法人的` stays whole.
pub fn split_cases(text: &str) -> Vec<&str> {
    let mut one = split(text);
    one.iter_mut().for_each(|e| *e = without_case_label(e));
    let Some(only) = joined_by_commas(&one) else { return one };
    let parts = split_outside_brackets_at(only, '、');
    let case = |p: &&str| p.chars().count() >= 2 && CASE_ENDS.iter().any(|e| p.ends_with(e));
    if parts.len() < 2 || !parts.iter().all(case) {
        return one;
    }
    parts
}

/// A 情形 without the label that numbers it (`情形一：个人申请`, `情形2、企业申请`,
/// `情形（三）：委托办理`): the label is no part of its name.
fn without_case_label(e: &str) -> &str {
    let Some(rest) = e.strip_prefix("情形") else { return e };
    let rest = rest.trim_start_matches(['（', '(']);
    let digits = rest
        .char_indices()
        .find(|(_, c)| !(c.is_ascii_digit() || CN_DIGITS.contains(*c)))
        .map_or(rest.len(), |(k, _)| k);
    if digits == 0 {
        return e;
    }
    let after = rest[digits..].trim_start_matches(['）', ')']);
    match after.strip_prefix(['：', ':', '、', '.', '．', ' ']) {
        Some(name) if !crate::text::trim(name).is_empty() => crate::text::trim(name),
        _ => e,
    }
}

/// The cell's only entry when it joins parts by `、` (a list [`split`] could not see).
fn joined_by_commas<'a>(entries: &[&'a str]) -> Option<&'a str> {
    match entries {
        [only] if only.contains('、') => Some(only),
        _ => None,
    }
}

/// How the names of cases end.
const CASE_ENDS: &[&str] = &[
    "申请", "办理", "新办", "新设", "设立", "变更", "延续", "注销", "补办", "补证", "换证", "换发", "补发", "登记",
    "备案", "首次", "迁移", "转让", "遗失", "撤销", "年检", "复核",
];

/// How the names of papers end (the name without its annotation or bracket).
const PAPER_ENDS: &[char] = &[
    '书', '证', '照', '表', '明', '件', '图', '单', '本', '函', '告', '料', '据', '议', '同', '程', '簿', '页', '卡',
    '册', '录', '见', '章', '片', '稿', '码', '文', '状', '批', '契', '票', '约', '记', '执', '度', '案', '划', '则',
    '历', '品', '像',
];

fn reads_as_paper(part: &str) -> bool {
    let name = material(part).name;
    let name = match name.strip_suffix(['）', ')']).and_then(|n| n.rfind(['（', '('])) {
        Some(open) if open > 0 => &name[..open],
        _ => name,
    };
    name.chars().count() >= 2 && name.ends_with(PAPER_ENDS)
}

/// A part that only says how a paper is handed in: `复印件1份`, `原件`, `一式三份`.
fn is_annotation(part: &str) -> bool {
    annotation_parts(part).2
}

fn split_outside_brackets(line: &str) -> Vec<&str> {
    split_outside_brackets_at(line, '；')
}

/// `line` cut at `sep` (and at `;` for `；`) outside brackets and book-title marks.
fn split_outside_brackets_at(line: &str, sep: char) -> Vec<&str> {
    let mut parts = Vec::new();
    let (mut depth, mut start) = (0i32, 0);
    for (i, c) in line.char_indices() {
        match c {
            '（' | '(' | '《' | '〔' | '[' | '【' => depth += 1,
            '）' | ')' | '》' | '〕' | ']' | '】' => depth -= 1,
            c if depth <= 0 && (c == sep || sep == '；' && c == ';') => {
                parts.push(crate::text::trim(&line[start..i]));
                start = i + c.len_utf8();
            }
            _ => {}
        }
    }
    parts.push(crate::text::trim(&line[start..]));
    parts
}

/// A sentence ending in `：` before entry number 1: (the sentence, the list).
fn lead_in(part: &str) -> Option<(&str, &str)> {
    if !part.contains('：') && !part.contains(':') {
        return None;
    }
    part.char_indices()
        .filter(|(_, c)| matches!(c, '：' | ':'))
        .map(|(i, c)| (i, i + c.len_utf8()))
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
    for (i, c) in part.char_indices().skip(1) {
        if !may_number(c) {
            continue;
        }
        if let Some((n, _)) = strip_number(&part[i..])
            && n == next
            && (part[i..].starts_with(|c| matches!(c, '①'..='⑳' | '（' | '('))
                || boundary_before(&part[..i])
                || run_together(&part[..i], &part[i..]))
        {
            cuts.push(i);
            next += 1;
        }
    }
    for c in cuts {
        out.push(crate::text::trim(&part[start..c]));
        start = c;
    }
    out.push(crate::text::trim(&part[start..]));
}

/// Whether an entry number may start at this character (a cheap test before [`strip_number`]).
fn may_number(c: char) -> bool {
    matches!(
        c,
        '0'..='9' | '(' | '（' | '①'..='⑳' | '一' | '二' | '三' | '四' | '五' | '六' | '七' | '八' | '九' | '十'
    )
}

/// `1、申请书2、营业执照3、其他材料`: a list whose line breaks were lost (pasted, exported flat),
/// each number written straight after the entry before it. An arabic number with its `、` or `.`
/// after a Chinese character continues the count there (`申请书2份` has no 、, `第2.5条` no text
/// after the point).
fn run_together(before: &str, at: &str) -> bool {
    let after_digits = at.trim_start_matches(|c: char| c.is_ascii_digit());
    after_digits.len() < at.len()
        && after_digits.starts_with(['、', '.', '．'])
        && before
            .chars()
            .next_back()
            .is_some_and(|c| ('\u{4e00}'..='\u{9fff}').contains(&c))
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
    let t = crate::text::trim_start(l);
    // Most texts asked start with no number at all (a name, a heading): said at the first char.
    if !t.chars().next().is_some_and(may_number) {
        return None;
    }
    let digits = t.bytes().take_while(u8::is_ascii_digit).count();
    if digits > 0 && digits < 4 {
        let n: u32 = t[..digits].parse().ok()?;
        let rest = &t[digits..];
        for sep in ['.', '、', '．', ')', '）'] {
            if let Some(r) = rest.strip_prefix(sep) {
                // `1.5米` is a number, not an entry.
                if sep == '.' && r.starts_with(|c: char| c.is_ascii_digit()) {
                    return None;
                }
                return Some((n, crate::text::trim_start(r)));
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
                    return Some((n, crate::text::trim_start(r)));
                }
            }
            let mut cs = r.chars();
            if let Some(c) = cs.next()
                && let Some(n) = cn_digit(c)
                && let Some(r) = cs.as_str().strip_prefix(close)
            {
                return Some((n, crate::text::trim_start(r)));
            }
        }
    }
    let mut cs = t.chars();
    match cs.next() {
        Some(c @ '①'..='⑳') => Some((c as u32 - '①' as u32 + 1, crate::text::trim_start(cs.as_str()))),
        Some(c) => {
            let n = cn_digit(c)?;
            cs.as_str().strip_prefix('、').map(|r| (n, crate::text::trim_start(r)))
        }
        None => None,
    }
}

fn cn_digit(c: char) -> Option<u32> {
    // A match, not a walk along CN_DIGITS decoding each: most characters asked are no digit.
    Some(match c {
        '一' => 1,
        '二' => 2,
        '三' => 3,
        '四' => 4,
        '五' => 5,
        '六' => 6,
        '七' => 7,
        '八' => 8,
        '九' => 9,
        '十' => 10,
        _ => return None,
    })
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

/// Form words as offices write them, and the dictionary's form (`F::Form`). 原件及复印件 asks for
/// both papers (the original shown, the copy kept): 原件和复印件, not the either of 原件或复印件.
const FORMS: [(&str, &str); 7] = [
    ("原件或复印件", "原件或复印件"),
    ("原件和复印件", "原件和复印件"),
    ("原件及复印件", "原件和复印件"),
    ("原件加复印件", "原件和复印件"),
    ("复印件", "复印件"),
    ("原件", "原件"),
    ("电子版", "电子材料"),
];

/// Reads a trailing bracket (or a bare `原件1份` tail) of a material entry into form and copies;
/// other bracket text is its note. The name keeps everything else as written.
pub fn material(entry: &str) -> MaterialEntry<'_> {
    // A full stop ending each entry (`1.申请书（原件1份）。2.营业执照。`) is no part of its name.
    let e = crate::text::trim(entry).trim_end_matches('。');
    // `法定代表人身份证明：⏎（1）居民身份证⏎（2）护照`: the name, and what it may be as its note.
    if let Some((first, rest)) = e.split_once('\n')
        && let Some(name) = before_colon(first)
        && !name.is_empty()
    {
        return MaterialEntry {
            name,
            note: Some(crate::text::trim(rest)),
            ..Default::default()
        };
    }
    let mut m = MaterialEntry {
        name: e,
        ..Default::default()
    };
    if !e.ends_with(['）', ')', '份', '件']) {
        // `居民身份证原件核验`, `营业执照复印件加盖公章`: the form and how the paper is handed in,
        // after its name; the tail is the note, as a bracket's would be.
        if let Some(i) = handed_tail(e) {
            m.name = crate::text::trim(&e[..i]);
            m.form = read_annotation(&e[i..]).0;
            m.note = Some(&e[i..]);
        }
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
        None => match bare_tail(e) {
            Some(i) => (&e[..i], &e[i..]),
            None => return m,
        },
    };
    if crate::text::trim(body).is_empty() {
        return m;
    }
    let (mut form, mut copies, read) = read_annotation(tail);
    // `营业执照复印件2份（加盖公章）`: the form and copies before a bracket of how to hand it in.
    let mut body = body;
    if form.is_none()
        && copies.is_none()
        && let Some(i) = bare_tail(body.trim_end())
    {
        (form, copies, _) = read_annotation(&body[i..]);
        body = &body[..i];
    }
    // A bracket that says neither form, copies nor how to hand the paper in is part of the name
    // (`营业执照（副本）`, `=HYPERLINK(…)` in a CSV that convert wrote): kept whole, so a name
    // reads back as it was written.
    if form.is_none() && copies.is_none() && !ANNOTATION_WORDS.iter().any(|w| tail.contains(w)) {
        return m;
    }
    m.name = crate::text::trim(body);
    m.form = form;
    m.copies = copies;
    // A bracket that is not only one form and its copies is kept whole as the note.
    if !read {
        m.note = Some(crate::text::trim(tail));
    }
    m
}

/// `营业执照复印件1份`, `申请书原件1份、复印件1份`, `申请书一式三份`, `申请书1份`: the first place
/// from which the rest is all form and copies (a count alone ends in 份: `股份` has no count).
fn bare_tail(e: &str) -> Option<usize> {
    e.char_indices().skip(1).map(|(i, _)| i).find(|&i| {
        let t = &e[i..];
        let count =
            t.starts_with(|c: char| c.is_ascii_digit() || "一二两三四五六七八九十".contains(c)) && t.ends_with('份');
        (FORMS.iter().any(|(w, _)| t.starts_with(w)) || t.starts_with("一式") || count) && is_annotation(t)
    })
}

/// How a bare tail after a form word ends when it tells how the paper is handed in
/// (`原件核验`, `原件查验`, `复印件加盖公章`, `原件验后退回`).
const HANDED_ENDS: [&str; 14] = [
    "核验", "查验", "核对", "验证", "盖章", "公章", "签字", "签名", "签章", "留存", "存档", "退回", "备查", "收回",
];

/// Where a material entry's name ends and a form word with how it is handed in begins
/// (`居民身份证原件核验` → at 原件): the tail after the form word is short and ends as
/// [`HANDED_ENDS`] say. A name that only holds a form word inside (`原件核验单`) is left whole.
fn handed_tail(e: &str) -> Option<usize> {
    e.char_indices().skip(1).map(|(i, _)| i).find(|&i| {
        let t = &e[i..];
        FORMS.iter().any(|(w, _)| {
            t.strip_prefix(w).is_some_and(|rest| {
                let rest = rest.trim_start_matches(['，', ',', '、', ' ', '：', ':']);
                !rest.is_empty() && rest.chars().count() <= 10 && HANDED_ENDS.iter().any(|h| rest.ends_with(h))
            })
        })
    })
}

/// Words of a bracket that tells how a material is handed in, not what it is.
const ANNOTATION_WORDS: [&str; 12] = [
    "盖章",
    "公章",
    "签字",
    "签名",
    "签章",
    "核验",
    "验原件",
    "留存",
    "装订",
    "纸质",
    "A4",
    "一式",
];

/// An annotation as offices write it: `原件1份`, `复印件2份，加盖公章`, `原件1份、复印件1份`,
/// `原件及复印件各1份`, `A4纸质1份`, `一式三份`. The form (both papers named → 原件和复印件),
/// the copies (when one count is given), and whether that was all it said (one form and
/// count, nothing else: no note needed).
fn read_annotation(t: &str) -> (Option<&'static str>, Option<u32>, bool) {
    let (form, copies, all, parts) = annotation_parts(t);
    // `原件 1份`: one form and its copies, spaced as a sheet aligns them.
    if all && parts > 1 && t.contains(' ') {
        let joined: String = t.split(' ').collect();
        if let (f, c, true, 1) = annotation_parts(&joined) {
            return (f, c, true);
        }
    }
    (form, copies, all && parts == 1)
}

/// [`read_annotation`] part by part: the form, the copies, whether every part is form and
/// copies, and how many parts there are.
fn annotation_parts(t: &str) -> (Option<&'static str>, Option<u32>, bool, usize) {
    let (mut form, mut copies, mut all, mut counts, mut n) = (None, None, true, 0, 0);
    for part in t.split(['、', '，', ',', '；', ';', ' ']).filter(|p| !p.is_empty()) {
        n += 1;
        let (f, c, rest) = read_form(part);
        all &= rest.is_empty() && (f.is_some() || c.is_some());
        form = match (form, f) {
            (Some(a), Some(b)) if a != b => match both(a, b) {
                Some(f) => Some(f),
                // 原件、电子版: no one form says it; the text stays as the note.
                None => {
                    all = false;
                    Some(a)
                }
            },
            (a, b) => a.or(b),
        };
        counts += c.is_some() as usize;
        copies = copies.or(c);
    }
    if counts > 1 {
        copies = None;
    }
    (form, copies, all && n > 0, n)
}

/// Two form words of one annotation (`原件1份、复印件1份`): both papers, or either when one of
/// them already says either; `None` when no form of the dictionary says both (电子材料 beside a
/// paper).
fn both(a: &'static str, b: &'static str) -> Option<&'static str> {
    let paper = |f: &str| matches!(f, "原件" | "复印件" | "原件和复印件");
    match (a, b) {
        ("原件或复印件", x) | (x, "原件或复印件") if paper(x) => Some("原件或复印件"),
        (x, y) if paper(x) && paper(y) => Some("原件和复印件"),
        _ => None,
    }
}

/// A 材料形式 cell as offices write it (`原件及复印件`, `原件、复印件各1份`, `复印件2份`): the
/// dictionary's form, the copies when one count is given, and whether that was all it said.
pub fn form_cell(t: &str) -> Option<(&'static str, Option<u32>, bool)> {
    let (form, copies, all, _) = annotation_parts(crate::text::trim(t).trim_end_matches('。'));
    form.map(|f| (f, copies, all))
}

/// `原件1份` / `复印件2份，加盖公章` / `1份`: the form, the copies and what is left.
fn read_form(t: &str) -> (Option<&'static str>, Option<u32>, &str) {
    let t = crate::text::trim(t);
    let (form, rest) = match FORMS.iter().find(|(w, _)| t.starts_with(w)) {
        Some((w, f)) => (Some(*f), &t[w.len()..]),
        None => (None, t),
    };
    let rest = rest.trim_start_matches(['：', ':', ' ']);
    // What may stand before the count: 各1份, 一式三份, A4纸质1份.
    let mut rest = rest;
    for lead in ["各", "一式", "A4", "A3", "纸质", "纸本"] {
        rest = rest.strip_prefix(lead).unwrap_or(rest);
    }
    let d = rest.chars().take_while(|c| c.is_ascii_digit()).count();
    let (copies, rest) = if d > 0 && rest[d..].starts_with('份') {
        (rest[..d].parse().ok(), &rest[d + '份'.len_utf8()..])
    } else {
        match rest
            .chars()
            .next()
            .and_then(|c| if c == '两' { Some(2) } else { cn_digit(c) })
        {
            Some(n) if rest[3..].starts_with('份') => (Some(n), &rest[3 + 3..]),
            _ => (None, rest),
        }
    };
    (form, copies, rest)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn marks_every_entry_carries_are_dropped() {
        assert_eq!(split("●申请书\n●营业执照"), vec!["申请书", "营业执照"]);
        assert_eq!(split("· 申请书\n· 营业执照"), vec!["申请书", "营业执照"]);
        assert_eq!(
            split("A、申请书\nB、营业执照\nC.身份证明"),
            vec!["申请书", "营业执照", "身份证明"]
        );
        assert_eq!(split("第一，申请书；第二，营业执照"), vec!["申请书", "营业执照"]);
        assert_eq!(split("一是申请书；二是营业执照"), vec!["申请书", "营业执照"]);
        assert_eq!(
            split("1.申请表，2.身份证，3.承诺书"),
            vec!["申请表", "身份证", "承诺书"]
        );
        assert_eq!(split("1.申请表、 2.身份证"), vec!["申请表", "身份证"]);
        // Not every entry, or not in order: names as written.
        assert_eq!(split("A类证书\nB类证书"), vec!["A类证书", "B类证书"]);
        assert_eq!(split("B、申请书\nA、营业执照"), vec!["B、申请书", "A、营业执照"]);
        assert_eq!(split("-申请书\n营业执照"), vec!["-申请书", "营业执照"]);
        let m = material("申请书（原件1份）。");
        assert_eq!((m.name, m.form, m.copies), ("申请书", Some("原件"), Some(1)));
        let m = material("营业执照复印件2份（加盖公章）");
        assert_eq!(
            (m.name, m.form, m.copies, m.note),
            ("营业执照", Some("复印件"), Some(2), Some("加盖公章"))
        );
    }

    #[test]
    fn a_bracketed_line_is_the_note_of_the_entry_above() {
        assert_eq!(
            split("1.申请书\n（需法定代表人签字）\n2.营业执照"),
            vec!["申请书\n（需法定代表人签字）", "营业执照"]
        );
        let m = material(split("1.申请书\n（需法定代表人签字）\n2.营业执照")[0]);
        assert_eq!((m.name, m.note), ("申请书", Some("需法定代表人签字")));
        // A numbered entry in brackets is an entry; a first line in brackets has nothing above.
        assert_eq!(split("（1）申请书\n（2）营业执照"), vec!["申请书", "营业执照"]);
        assert_eq!(split("（加盖公章）\n营业执照"), vec!["（加盖公章）", "营业执照"]);
    }

    #[test]
    fn a_list_under_an_entry_is_its_detail() {
        let cell = "1.申请书\n2.法定代表人身份证明：\n（1）居民身份证\n（2）护照\n3.营业执照";
        assert_eq!(
            split(cell),
            vec!["申请书", "法定代表人身份证明：\n（1）居民身份证\n（2）护照", "营业执照"]
        );
        let m = material(split(cell)[1]);
        assert_eq!(
            (m.name, m.note),
            ("法定代表人身份证明", Some("（1）居民身份证\n（2）护照"))
        );
        // Inline, with ① numbering, and conditions alike.
        assert_eq!(
            split("1.符合下列条件：①有场所②有人员；2.无不良记录"),
            vec!["符合下列条件：①有场所②有人员", "无不良记录"]
        );
        // Without the colon, or under 一、 headings that name cases, the entries stay apart.
        assert_eq!(split("1.申请书\n（1）原件\n（2）复印件").len(), 3);
        assert_eq!(
            split("一、个人申请：\n1.身份证\n2.户口簿\n二、企业申请：\n1.营业执照").len(),
            5
        );
        // A bracketed list of its own is the cell's list.
        assert_eq!(split("（1）申请书：\n（2）营业执照"), vec!["申请书：", "营业执照"]);
    }

    /// Every way of numbering an entry is read, and a text starting otherwise is no entry.
    #[test]
    fn entry_numbers_of_every_style() {
        for (text, want) in [
            ("1.申请书", Some((1, "申请书"))),
            (" 12、营业执照", Some((12, "营业执照"))),
            ("3）身份证", Some((3, "身份证"))),
            ("（2） 护照", Some((2, "护照"))),
            ("(三)其他", Some((3, "其他"))),
            ("十、附则", Some((10, "附则"))),
            ("⑤图纸", Some((5, "图纸"))),
            ("1.5米", None),
            ("1234.甲", None),
            ("十分重要", None),
            ("营业执照", None),
            ("（复印件）", None),
            ("", None),
        ] {
            assert_eq!(strip_number(text), want, "{text}");
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
        // Past ⑩ inline too (a college's thirteen papers, 广东 export): ⑪ starts the eleventh.
        let thirteen: String = ('①'..='⑬')
            .map(|c| format!("{c}材料{}", c as u32 - '①' as u32 + 1))
            .collect();
        assert_eq!(split(&thirteen).len(), 13);
        assert_eq!(split(&thirteen)[12], "材料13");
        assert_eq!(split("（1）甲 （2）乙"), vec!["甲", "乙"]);
        assert_eq!(split("一、甲\n二、乙"), vec!["甲", "乙"]);
        assert_eq!(split("1.甲 2.乙 3.丙"), vec!["甲", "乙", "丙"]);
        assert_eq!(
            split("1、申请书2、营业执照3、其他相关材料"),
            vec!["申请书", "营业执照", "其他相关材料"]
        );
        assert_eq!(split("1.有场所2.有人员"), vec!["有场所", "有人员"]);
        // A number that does not continue the count, or has no 、 after it, is the entry's own.
        assert_eq!(split("1、依据第3、4条申请"), vec!["依据第3、4条申请"]);
        assert_eq!(split("1、申请书2份"), vec!["申请书2份"]);
        // One entry: kept as written, but for the number of a list of one.
        assert_eq!(split("1.申请书"), vec!["申请书"]);
        assert_eq!(split("（1）具备相应条件"), vec!["具备相应条件"]);
        assert_eq!(split("2.申请书"), vec!["2.申请书"]);
        assert_eq!(split("1.5吨以下货车"), vec!["1.5吨以下货车"]);
        assert_eq!(split("12345热线"), vec!["12345热线"]);
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
        // A count alone after the name, and a form and count spaced apart.
        let m = material("申请书1份");
        assert_eq!((m.name, m.form, m.copies), ("申请书", None, Some(1)));
        let m = material("申请书 原件 1份");
        assert_eq!(
            (m.name, m.form, m.copies, m.note),
            ("申请书", Some("原件"), Some(1), None)
        );
        assert_eq!(material("公司股份").name, "公司股份");
        assert_eq!(material("居民身份").name, "居民身份");
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

    #[test]
    fn reads_annotations_as_offices_vary_them() {
        fn read(e: &str) -> (&str, Option<&str>, Option<u32>, Option<&str>) {
            let m = material(e);
            (m.name, m.form, m.copies, m.note)
        }
        assert_eq!(read("营业执照复印件一份"), ("营业执照", Some("复印件"), Some(1), None));
        // Both papers named: both asked for (原件和复印件), not either.
        assert_eq!(
            read("申请书原件1份、复印件1份"),
            ("申请书", Some("原件和复印件"), None, Some("原件1份、复印件1份"))
        );
        assert_eq!(
            read("身份证（原件及复印件各1份）"),
            ("身份证", Some("原件和复印件"), Some(1), None)
        );
        assert_eq!(
            read("身份证（原件或复印件1份）"),
            ("身份证", Some("原件或复印件"), Some(1), None)
        );
        // Form words and how the paper is handed in, after the name without a bracket.
        assert_eq!(
            read("居民身份证原件核验"),
            ("居民身份证", Some("原件"), None, Some("原件核验"))
        );
        assert_eq!(
            read("户口簿原件查验。"),
            ("户口簿", Some("原件"), None, Some("原件查验"))
        );
        assert_eq!(
            read("营业执照复印件加盖公章"),
            ("营业执照", Some("复印件"), None, Some("复印件加盖公章"))
        );
        assert_eq!(
            read("结婚证原件及复印件，原件核验后退回"),
            (
                "结婚证",
                Some("原件和复印件"),
                None,
                Some("原件及复印件，原件核验后退回")
            )
        );
        assert_eq!(read("原件核验单"), ("原件核验单", None, None, None));
        assert_eq!(read("身份证原件核验说明书"), ("身份证原件核验说明书", None, None, None));
        // A 材料形式 cell.
        assert_eq!(form_cell("原件及复印件"), Some(("原件和复印件", None, true)));
        assert_eq!(form_cell("原件和复印件"), Some(("原件和复印件", None, true)));
        assert_eq!(form_cell("原件、复印件各1份"), Some(("原件和复印件", Some(1), true)));
        assert_eq!(form_cell("原件或复印件"), Some(("原件或复印件", None, true)));
        assert_eq!(form_cell("复印件2份"), Some(("复印件", Some(2), true)));
        assert_eq!(form_cell("原件、电子版").map(|f| f.2), Some(false));
        assert_eq!(form_cell("纸质"), None);
        assert_eq!(read("营业执照（A4纸质1份）"), ("营业执照", None, Some(1), None));
        assert_eq!(read("章程（一式三份）"), ("章程", None, Some(3), None));
        assert_eq!(read("申请书一式两份"), ("申请书", None, Some(2), None));
        assert_eq!(read("申请书一式三份"), ("申请书", None, Some(3), None));
        assert_eq!(read("身份证（原件）"), ("身份证", Some("原件"), None, None));
    }

    #[test]
    fn case_labels_are_no_part_of_the_name() {
        assert_eq!(
            split_cases("情形一：个人申请；情形二：企业申请"),
            vec!["个人申请", "企业申请"]
        );
        assert_eq!(
            split_cases("情形1、新办⏎情形2、变更".replace('⏎', "\n").as_str()),
            vec!["新办", "变更"]
        );
        assert_eq!(split_cases("情形（三）：委托办理"), vec!["委托办理"]);
        // A 情形 that only begins with the word keeps it.
        assert_eq!(split_cases("情形复杂的申请"), vec!["情形复杂的申请"]);
        assert_eq!(split_cases("情形一："), vec!["情形一："]);
    }

    #[test]
    fn case_names_joined_by_enumeration_commas() {
        assert_eq!(split_cases("个人申请、企业申请"), vec!["个人申请", "企业申请"]);
        assert_eq!(split_cases("新办、变更、注销"), vec!["新办", "变更", "注销"]);
        for whole in ["申请人为个人、法人的", "变更（名称、地址）", "个人申请"] {
            assert_eq!(split_cases(whole), vec![whole], "{whole}");
        }
    }

    #[test]
    fn material_names_joined_by_enumeration_commas() {
        assert_eq!(
            split_materials("申请书（原件1份）、营业执照复印件一份、身份证（原件及复印件各1份）、其他相关材料"),
            vec![
                "申请书（原件1份）",
                "营业执照复印件一份",
                "身份证（原件及复印件各1份）",
                "其他相关材料"
            ]
        );
        assert_eq!(
            split_materials("申请书原件1份、复印件1份、营业执照"),
            vec!["申请书原件1份、复印件1份", "营业执照"]
        );
        for whole in [
            "法律、法规规定的其他材料",
            "法定代表人、负责人身份证明",
            "营业执照（副本、正本）",
            "申请书",
        ] {
            assert_eq!(split_materials(whole), vec![whole], "{whole}");
        }
        // Cells numbered or on lines are split as any other.
        assert_eq!(
            split_materials("1.申请书、承诺书\n2.营业执照"),
            vec!["申请书、承诺书", "营业执照"]
        );
    }
}

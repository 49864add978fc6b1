//! HTML tables saved as `.xls` (a common "export to Excel" of government systems): each
//! `<table>` becomes a sheet; `rowspan`/`colspan` cells are repeated like merged cells.

use super::grid::{Grid, clean};

pub fn tables(html: &str, stem: &str) -> Vec<Grid> {
    let lower = html.to_ascii_lowercase();
    let mut out = Vec::new();
    let mut pos = 0;
    while let Some(start) = lower[pos..].find("<table").map(|i| i + pos) {
        let end = lower[start..].find("</table").map_or(lower.len(), |i| i + start);
        let n = out.len();
        let name = if n == 0 {
            stem.to_string()
        } else {
            format!("{stem}-{}", n + 1)
        };
        out.push(table(&html[start..end], &lower[start..end], n as u16, name));
        pos = end + 1;
    }
    out
}

fn table(html: &str, lower: &str, sheet: u16, name: String) -> Grid {
    let mut g = Grid::new(sheet, name);
    // Cells still to be filled by a rowspan above: (row, col) → text.
    let mut pending: std::collections::HashMap<(usize, usize), String> = Default::default();
    let mut pos = 0;
    let mut r = 0;
    while let Some(tr) = lower[pos..].find("<tr").map(|i| i + pos) {
        let tr_end = lower[tr..].find("</tr").map_or(lower.len(), |i| i + tr);
        let mut row: Vec<String> = Vec::new();
        let mut c = 0;
        let mut p = tr;
        loop {
            let next = [lower[p..tr_end].find("<td"), lower[p..tr_end].find("<th")]
                .into_iter()
                .flatten()
                .min()
                .map(|i| i + p);
            let Some(cs) = next else { break };
            let Some(open_end) = lower[cs..tr_end].find('>').map(|i| i + cs) else {
                break;
            };
            let attrs = &lower[cs..open_end];
            let close = [
                lower[open_end..tr_end].find("</td"),
                lower[open_end..tr_end].find("</th"),
            ]
            .into_iter()
            .flatten()
            .min()
            .map_or(tr_end, |i| i + open_end);
            let text = clean(&cell_text(&html[open_end + 1..close])).into_owned();
            while let Some(t) = pending.remove(&(r, c)) {
                set(&mut row, c, t);
                c += 1;
            }
            let rs = span(attrs, "rowspan");
            let cspan = span(attrs, "colspan");
            for k in 0..cspan {
                set(&mut row, c + k, text.clone());
                for dr in 1..rs {
                    pending.insert((r + dr, c + k), text.clone());
                }
            }
            c += cspan;
            p = close + 1;
        }
        let mut keys: Vec<usize> = pending.keys().filter(|(pr, _)| *pr == r).map(|(_, pc)| *pc).collect();
        keys.sort();
        for pc in keys {
            if let Some(t) = pending.remove(&(r, pc)) {
                set(&mut row, pc, t);
            }
        }
        g.push_row(row);
        r += 1;
        pos = tr_end + 1;
    }
    g
}

fn set(row: &mut Vec<String>, c: usize, t: String) {
    if row.len() <= c {
        row.resize(c + 1, String::new());
    }
    row[c] = t;
}

fn span(attrs: &str, name: &str) -> usize {
    attrs
        .find(name)
        .and_then(|i| {
            let rest = attrs[i + name.len()..].trim_start().strip_prefix('=')?.trim_start();
            let rest = rest.trim_start_matches(['"', '\'']);
            rest.chars()
                .take_while(char::is_ascii_digit)
                .collect::<String>()
                .parse()
                .ok()
        })
        .unwrap_or(1)
        .clamp(1, 1000)
}

/// Text of a cell: tags dropped, `<br>` as line breaks, entities decoded.
fn cell_text(s: &str) -> String {
    let mut out = String::new();
    let mut rest = s;
    while let Some(i) = rest.find('<') {
        out.push_str(&rest[..i]);
        let end = rest[i..].find('>').map_or(rest.len(), |j| i + j + 1);
        let tag = rest[i..end].to_ascii_lowercase();
        if tag.starts_with("<br") || tag.starts_with("<p") || tag.starts_with("</p") || tag.starts_with("<div") {
            out.push('\n');
        }
        rest = &rest[end..];
    }
    out.push_str(rest);
    let out = out.replace(['\r', '\n'], "\n");
    let collapsed: Vec<&str> = out.lines().map(str::trim).filter(|l| !l.is_empty()).collect();
    entities(&collapsed.join("\n"))
}

/// Character references decoded (named ones of HTML/XML, and numeric): also for names in a
/// workbook's XML parts.
pub fn entities(s: &str) -> String {
    if !s.contains('&') {
        return s.to_string();
    }
    let mut out = String::new();
    let mut rest = s;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        let tail = &rest[i..];
        // Bytes, not a str slice: twelve bytes may end inside a character.
        let Some(semi) = tail.as_bytes()[..tail.len().min(12)].iter().position(|&b| b == b';') else {
            out.push('&');
            rest = &tail[1..];
            continue;
        };
        let ent = &tail[1..semi];
        let rep = match ent {
            "nbsp" => Some(' '),
            "amp" => Some('&'),
            "lt" => Some('<'),
            "gt" => Some('>'),
            "quot" => Some('"'),
            "apos" => Some('\''),
            _ if ent.starts_with("#x") || ent.starts_with("#X") => {
                u32::from_str_radix(&ent[2..], 16).ok().and_then(char::from_u32)
            }
            _ if ent.starts_with('#') => ent[1..].parse().ok().and_then(char::from_u32),
            _ => None,
        };
        match rep {
            Some(c) => {
                out.push(c);
                rest = &tail[semi + 1..];
            }
            None => {
                out.push('&');
                rest = &tail[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn rowspan_repeats() {
        let g = super::tables(
            "<table><tr><th>主项</th><th>事项名称</th></tr><tr><td rowspan=2>甲&amp;乙</td><td>A</td></tr><tr><td>B</td></tr></table>",
            "t",
        );
        assert_eq!(g[0].row(2).collect::<Vec<_>>(), ["甲&乙", "B"]);
    }

    #[test]
    fn a_reference_followed_by_chinese_is_not_cut_inside_a_character() {
        assert_eq!(super::entities("说明 &amp; &lt;注&gt;"), "说明 & <注>");
        assert_eq!(super::entities("甲&乙丙丁戊"), "甲&乙丙丁戊");
    }
}

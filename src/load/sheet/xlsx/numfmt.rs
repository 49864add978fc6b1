//! Which number formats make a cell's number a date or a duration: the rules calamine applies
//! (its `formats` module, MIT, not public), kept identical so both readers give the same text.

/// How a number with a given format reads.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    Number,
    DateTime,
    Duration,
}

/// A built-in format id (ECMA-376 18.8.30, and the East Asian ones).
pub fn builtin(id: &str) -> Kind {
    match id {
        "14" | "15" | "16" | "17" | "18" | "19" | "20" | "21" | "22" | "45" | "47" => Kind::DateTime,
        "27" | "28" | "29" | "30" | "31" | "32" | "33" | "34" | "35" | "36" | "50" | "51" | "52" | "53" | "54"
        | "55" | "56" | "57" | "58" => Kind::DateTime,
        "46" => Kind::Duration,
        _ => Kind::Number,
    }
}

/// A custom format code: a date when its first section has d, m, y, h or s outside quotes,
/// escapes and brackets; a duration when it starts with `[h]`, `[m]` or `[s]`.
pub fn custom(format: &str) -> Kind {
    let mut escaped = false;
    let mut quoted = false;
    let mut brackets = 0u8;
    let mut prev = ' ';
    let mut hms = false;
    let mut ap = false;
    for s in format.chars() {
        match (s, escaped, quoted, ap, brackets) {
            (_, true, ..) => escaped = false,
            ('_' | '\\' | '*', ..) => escaped = true,
            ('"', _, true, _, _) => quoted = false,
            (_, _, true, _, _) => (),
            ('"', _, _, _, _) => quoted = true,
            (';', ..) => return Kind::Number,
            ('[', ..) => brackets += 1,
            (']', .., 1) if hms => return Kind::Duration,
            (']', ..) => brackets = brackets.saturating_sub(1),
            ('a' | 'A', _, _, false, 0) => ap = true,
            ('p' | 'm' | '/' | 'P' | 'M', _, _, true, 0) => return Kind::DateTime,
            ('d' | 'm' | 'h' | 'y' | 's' | 'D' | 'M' | 'H' | 'Y' | 'S', _, _, false, 0) => return Kind::DateTime,
            _ => {
                if !(hms && s.eq_ignore_ascii_case(&prev)) {
                    hms = prev == '[' && matches!(s, 'm' | 'h' | 's' | 'M' | 'H' | 'S');
                }
            }
        }
        prev = s;
    }
    Kind::Number
}

/// `xl/styles.xml` → the kind of each cell style (`<xf>` of `<cellXfs>`, indexed by `s="…"`).
pub fn cell_styles(xml: &str) -> Vec<Kind> {
    use super::super::sheet_xml::{attr, tags};
    let custom_codes: std::collections::HashMap<String, String> = tags(xml, "<numFmt ")
        .filter_map(|t| {
            Some((
                attr(t, "numFmtId")?,
                super::text::references(&attr(t, "formatCode")?)?.into_owned(),
            ))
        })
        .collect();
    let Some(start) = xml.find("<cellXfs") else {
        return Vec::new();
    };
    let end = xml[start..].find("</cellXfs>").map_or(xml.len(), |e| start + e);
    let xfs = &xml[start..end];
    xfs.match_indices("<xf")
        .filter(|(i, _)| {
            matches!(
                xfs.as_bytes().get(i + 3),
                Some(b' ' | b'>' | b'/' | b'\t' | b'\r' | b'\n')
            )
        })
        .map(|(i, _)| &xfs[i..i + xfs[i..].find('>').unwrap_or(xfs.len() - i)])
        .map(|t| match attr(t, "numFmtId") {
            None => Kind::Number,
            Some(id) => match custom_codes.get(&id) {
                Some(code) => custom(code),
                None => builtin(&id),
            },
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_durations_and_numbers() {
        assert_eq!(custom("yyyy-mm-dd"), Kind::DateTime);
        assert_eq!(custom("yyyy\"年\"m\"月\"d\"日\""), Kind::DateTime);
        assert_eq!(custom("[h]:mm:ss"), Kind::Duration);
        assert_eq!(custom("0.00_);[Red](0.00)"), Kind::Number);
        assert_eq!(custom("\"天\"0"), Kind::Number);
        assert_eq!(custom("[Red]0"), Kind::Number);
        assert_eq!(builtin("14"), Kind::DateTime);
        assert_eq!(builtin("49"), Kind::Number);
        let styles = r#"<styleSheet><numFmts count="1"><numFmt numFmtId="164" formatCode="yyyy/m/d"/></numFmts>
            <cellStyleXfs count="1"><xf numFmtId="14"/></cellStyleXfs>
            <cellXfs count="4"><xf numFmtId="0"/><xf/><xf numFmtId="164" applyNumberFormat="1"/><xf numFmtId="46"/></cellXfs></styleSheet>"#;
        assert_eq!(
            cell_styles(styles),
            [Kind::Number, Kind::Number, Kind::DateTime, Kind::Duration]
        );
    }
}

//! Item codes: the 统一社会信用代码 (USCC, GB 32100), the 实施编码 built on it, the 12-digit
//! 基本编码 and Zhejiang's 权力基本码. Parsers only: rules, diff and publish decide what a bad
//! code means.
//!
//! 实施编码 = USCC (18) + 行使层级 digit (1) + 基本编码 (12) [+ 办理项序号 (2)]
//! (reconstructed from real codes, reference/domain.md §1.3).

/// The 31 characters of a USCC, in value order (no I, O, S, V, Z).
pub const USCC_CHARSET: &str = "0123456789ABCDEFGHJKLMNPQRTUWXY";
const USCC_WEIGHTS: [u32; 17] = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

/// Value of each ASCII character in the charset (255 = not in it): every code of a catalog is
/// checked by several rules, so this is a table rather than a search.
const USCC_VALUES: [u8; 128] = {
    let mut t = [255u8; 128];
    let set = USCC_CHARSET.as_bytes();
    let mut i = 0;
    while i < set.len() {
        t[set[i] as usize] = i as u8;
        i += 1;
    }
    t
};

fn uscc_value(c: char) -> Option<u32> {
    match USCC_VALUES.get(c as usize) {
        Some(&v) if v != 255 => Some(v as u32),
        _ => None,
    }
}

/// Why a text is not a valid 统一社会信用代码.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum UsccError {
    /// Not 18 characters.
    Length(usize),
    /// A character outside the charset, at this 0-based position.
    Char(usize, char),
    /// The check character (18th) should be `expected`.
    Check { found: char, expected: char },
}

/// The check character of the first 17 characters (GB 32100, MOD 31).
pub fn uscc_check_char(first17: &str) -> Option<char> {
    let mut sum = 0u32;
    let mut n = 0;
    for (c, w) in first17.chars().zip(USCC_WEIGHTS) {
        sum += uscc_value(c)? * w;
        n += 1;
    }
    if n != 17 || first17.chars().count() != 17 {
        return None;
    }
    let c = (31 - sum % 31) % 31;
    USCC_CHARSET.as_bytes().get(c as usize).map(|b| *b as char)
}

/// A 统一社会信用代码.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Uscc<'a>(pub &'a str);

impl<'a> Uscc<'a> {
    /// Check form and check character.
    pub fn parse(s: &'a str) -> Result<Uscc<'a>, UsccError> {
        Self::parse_form(s)?.verify()
    }
    /// Check the form (length, charset) only.
    pub fn parse_form(s: &'a str) -> Result<Uscc<'a>, UsccError> {
        let n = s.chars().count();
        if n != 18 {
            return Err(UsccError::Length(n));
        }
        if let Some((i, c)) = s.chars().enumerate().find(|(_, c)| uscc_value(*c).is_none()) {
            return Err(UsccError::Char(i, c));
        }
        Ok(Uscc(s))
    }
    /// Check the 18th character against the first 17.
    pub fn verify(self) -> Result<Uscc<'a>, UsccError> {
        let expected = uscc_check_char(&self.0[..17]).expect("form checked");
        let found = self.0[17..].chars().next().expect("form checked");
        if found == expected {
            Ok(self)
        } else {
            Err(UsccError::Check { found, expected })
        }
    }
    /// 登记管理机关行政区划码 (characters 3–8, GB/T 2260).
    pub fn region(self) -> &'a str {
        &self.0[2..8]
    }
}

/// A parsed 实施编码.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ImplementationCode<'a> {
    pub uscc: Uscc<'a>,
    /// 行使层级 digit, 1 国家级 … 6 村级.
    pub level: u8,
    /// The 12-digit 基本编码.
    pub basic: &'a str,
    /// 业务办理项序号 (2 digits), when present.
    pub handle_item: Option<&'a str>,
}

/// Why a text is not a well-formed 实施编码.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ImplCodeError {
    /// Not 31 (or 33 with a 办理项 suffix) characters.
    Length(usize),
    /// The first 18 characters are not a USCC in form.
    Uscc(UsccError),
    /// Character 19 is not a level digit 1–6.
    Level(char),
    /// The 基本编码 part (or 办理项 suffix) is not all digits.
    Basic,
}

impl<'a> ImplementationCode<'a> {
    /// Parse the structure; the USCC check character is verified separately
    /// (`code.uscc.verify()`), so one wrong character is reported once, precisely.
    pub fn parse(s: &'a str) -> Result<Self, ImplCodeError> {
        let n = s.chars().count();
        if n != 31 && n != 33 {
            return Err(ImplCodeError::Length(n));
        }
        if !s.is_ascii() {
            let uscc_part: String = s.chars().take(18).collect();
            return Err(match Uscc::parse_form(&uscc_part) {
                Err(e) => ImplCodeError::Uscc(e),
                Ok(_) => ImplCodeError::Basic,
            });
        }
        let uscc = Uscc::parse_form(&s[..18]).map_err(ImplCodeError::Uscc)?;
        let l = s.as_bytes()[18] as char;
        if !('1'..='6').contains(&l) {
            return Err(ImplCodeError::Level(l));
        }
        let basic = &s[19..31];
        let suffix = &s[31..];
        if !basic.bytes().chain(suffix.bytes()).all(|b| b.is_ascii_digit()) {
            return Err(ImplCodeError::Basic);
        }
        Ok(ImplementationCode {
            uscc,
            level: l as u8 - b'0',
            basic,
            handle_item: (!suffix.is_empty()).then_some(suffix),
        })
    }
}

/// Whether `s` is a 12-digit 基本编码.
pub fn is_basic_code(s: &str) -> bool {
    s.len() == 12 && s.bytes().all(|b| b.is_ascii_digit())
}

/// A code that Excel stored as a number and so rounded to 15 significant digits: shown in
/// scientific notation (`1.13303E+30`, as a CSV saved from Excel has it) or written out with
/// zeros from the 16th digit on (`1133030200200000000000000000000`, as the workbook holds it).
/// No code ends so: the 19th character of a 实施编码 is a level digit 1–6.
pub fn rounded_by_excel(s: &str) -> bool {
    let s = s.trim();
    if let Some((mantissa, exp)) = s.split_once(['E', 'e']) {
        let digits = mantissa.replacen('.', "", 1);
        return !digits.is_empty()
            && digits.bytes().all(|b| b.is_ascii_digit())
            && exp
                .strip_prefix('+')
                .is_some_and(|e| !e.is_empty() && e.bytes().all(|b| b.is_ascii_digit()));
    }
    s.len() > 15 && s.bytes().all(|b| b.is_ascii_digit()) && s.bytes().skip(15).all(|b| b == b'0')
}

/// The type prefixes of Zhejiang 权力基本码 and the 事项类型 each stands for.
pub const POWER_PREFIXES: [(&str, &str); 11] = [
    ("许可", "行政许可"),
    ("处罚", "行政处罚"),
    ("强制", "行政强制"),
    ("征收", "行政征收"),
    ("给付", "行政给付"),
    ("检查", "行政检查"),
    ("确认", "行政确认"),
    ("奖励", "行政奖励"),
    ("裁决", "行政裁决"),
    ("其他", "其他行政权力"),
    ("服务", "公共服务"),
];

/// The 事项类型 a 权力基本码 prefix stands for.
pub fn prefix_type(prefix: &str) -> Option<&'static str> {
    POWER_PREFIXES.iter().find(|(p, _)| *p == prefix).map(|(_, t)| *t)
}

/// The 权力基本码 prefix of a 事项类型.
pub fn type_prefix(item_type: &str) -> Option<&'static str> {
    POWER_PREFIXES.iter().find(|(_, t)| *t == item_type).map(|(p, _)| *p)
}

/// A Zhejiang 权力基本码: `许可-00977-001` (+ `-02` for a 业务办理项).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PowerCode<'a> {
    pub prefix: &'a str,
    /// 5-digit 主项序号.
    pub main: &'a str,
    /// 3-digit 子项序号 (`000` = the 主项 itself).
    pub sub: &'a str,
    /// 2-digit 业务办理项序号.
    pub handle_item: Option<&'a str>,
}

impl<'a> PowerCode<'a> {
    /// Whether `s` is written in the 权力基本码 style at all: Chinese characters, then `-`.
    /// Codes of other schemes (实施编码, Sichuan, Hubei …) are not this parser's business.
    /// A code that starts with a type prefix but lost its dashes (`许可00977001`, `许可_00977_001`)
    /// is one too.
    pub fn looks_like(s: &str) -> bool {
        let head = s.split(['-', '－', '—']).next().unwrap_or("");
        (!head.is_empty() && head.chars().all(is_han) && s.len() > head.len())
            || POWER_PREFIXES.iter().any(|(p, _)| {
                s.strip_prefix(p)
                    .is_some_and(|rest| rest.starts_with(|c: char| !is_han(c)))
            })
    }

    pub fn parse(s: &'a str) -> Option<PowerCode<'a>> {
        let mut parts = s.split('-');
        let prefix = parts.next()?;
        let main = parts.next()?;
        let sub = parts.next()?;
        let handle_item = parts.next();
        if parts.next().is_some() || prefix_type(prefix).is_none() {
            return None;
        }
        let digits = |p: &str, n: usize| p.len() == n && p.bytes().all(|b| b.is_ascii_digit());
        if !digits(main, 5) || !digits(sub, 3) || handle_item.is_some_and(|h| !digits(h, 2)) {
            return None;
        }
        Some(PowerCode {
            prefix,
            main,
            sub,
            handle_item,
        })
    }

    /// The 主项 key, `许可-00977`.
    pub fn main_key(&self) -> (&'a str, &'a str) {
        (self.prefix, self.main)
    }
}

pub fn is_han(c: char) -> bool {
    matches!(c, '\u{4E00}'..='\u{9FFF}' | '\u{3400}'..='\u{4DBF}')
}

/// Whether region `inner` (6 digits, GB/T 2260) lies inside region `outer` (6 or 12 digits:
/// a province `xx0000` holds `xx….`, a city `xxxx00` holds `xxxx..`).
pub fn region_within(inner: &str, outer: &str) -> bool {
    let outer = outer.trim();
    let outer = if outer.len() == 12 && outer.bytes().all(|b| b.is_ascii_digit()) {
        &outer[..6]
    } else {
        outer
    };
    if inner.len() != 6 || outer.len() != 6 || !outer.bytes().all(|b| b.is_ascii_digit()) {
        return true;
    }
    let prefix = outer.trim_end_matches("00");
    let prefix = if prefix.len() < 2 { &outer[..2] } else { prefix };
    // a 4-digit prefix ends in 00 only when it is the province itself (xx0000 → xx)
    inner.starts_with(prefix)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Real codes from published catalogs (reference/domain.md §1.3; Guangdong policy.json).
    const REAL_IMPL: &[(&str, u8, &str)] = &[
        ("1145072100811537184452004020000", 4, "452004020000"),
        ("11450721MB155808114000104002000", 4, "000104002000"),
        ("11440000MB2D0164XH2440289876000", 2, "440289876000"),
        ("11440100007482575H3440118009000", 3, "440118009000"),
        ("12441500196720244T3442199806003", 3, "442199806003"),
        ("11440300MB2D0722464440127028001", 4, "440127028001"),
        ("11440000006939756B2440101007000", 2, "440101007000"),
    ];

    #[test]
    fn codes_rounded_by_excel() {
        for rounded in ["1.13303E+30", "1.13303E+19", "1E+20", "1133030200200000000000000000000"] {
            assert!(rounded_by_excel(rounded), "{rounded}");
        }
        for (code, _, _) in REAL_IMPL {
            assert!(!rounded_by_excel(code), "{code}");
        }
        for not in [
            "11330302002000000543",
            "000114001000",
            "1.5E-3",
            "E+30",
            "许可-00001-001-01",
        ] {
            assert!(!rounded_by_excel(not), "{not}");
        }
    }

    #[test]
    fn real_usccs_verify() {
        for (code, _, _) in REAL_IMPL {
            assert!(Uscc::parse(&code[..18]).is_ok(), "{code}");
        }
        assert!(Uscc::parse("114403006939513773").is_ok());
    }

    #[test]
    fn fabricated_uscc_fails_check() {
        // mock data with a made-up USCC (domain.md §1.3 last row)
        assert!(matches!(
            Uscc::parse("11440300007542785T"),
            Err(UsccError::Check { found: 'T', .. })
        ));
        assert!(matches!(Uscc::parse("1144030000754278"), Err(UsccError::Length(16))));
        assert!(matches!(
            Uscc::parse("11440300007542785I"),
            Err(UsccError::Char(17, 'I'))
        ));
    }

    #[test]
    fn implementation_codes() {
        for (code, level, basic) in REAL_IMPL {
            let c = ImplementationCode::parse(code).unwrap();
            assert_eq!(c.level, *level, "{code}");
            assert_eq!(c.basic, *basic);
            assert!(c.uscc.verify().is_ok());
        }
        let c = ImplementationCode::parse("114403006939513773344201505200801").unwrap();
        assert_eq!(c.handle_item, Some("01"));
        assert_eq!(c.basic, "442015052008");
        assert!(matches!(
            ImplementationCode::parse("11440100007482575H9440118009000"),
            Err(ImplCodeError::Level('9'))
        ));
        assert!(matches!(
            ImplementationCode::parse("11440100007482575H344011800900"),
            Err(ImplCodeError::Length(30))
        ));
        assert!(ImplementationCode::parse("11440100007482575H34401180090X0").is_err());
        assert!(ImplementationCode::parse("甲1440100007482575H3440118009000").is_err());
    }

    #[test]
    fn power_codes() {
        let p = PowerCode::parse("许可-00977-001-02").unwrap();
        assert_eq!(
            (p.prefix, p.main, p.sub, p.handle_item),
            ("许可", "00977", "001", Some("02"))
        );
        assert!(PowerCode::parse("许可-00757-000").is_some());
        assert!(PowerCode::parse("许可-977-001").is_none());
        assert!(PowerCode::parse("审批-00977-001").is_none());
        assert!(PowerCode::parse("许可-00977-001-2").is_none());
        assert!(PowerCode::looks_like("许可-977-001"));
        assert!(PowerCode::looks_like("审批-00977-001"));
        assert!(!PowerCode::looks_like("1133030200262035834330302001001"));
        assert!(!PowerCode::looks_like("G-000007-001"));
        assert_eq!(type_prefix("行政许可"), Some("许可"));
    }

    #[test]
    fn regions() {
        assert!(region_within("330302", "330302"));
        assert!(region_within("330302", "330300"));
        assert!(region_within("330302", "330000"));
        assert!(region_within("330302", "330302000000"));
        assert!(!region_within("330303", "330302"));
        assert!(!region_within("440100", "330000"));
        assert!(!region_within("330402", "330300"));
    }

    /// Every 实施编码 of the real Guangdong snapshot (2,262 rows) parses and its level digit
    /// agrees with the row's 行使层级; exactly six rows carry a USCC that fails GB 32100 — a
    /// non-USCC organisation code (`TE440000GD030003VV`, 广东省文献编目中心) and a wrong check
    /// character (`13440000515356094L`, 广东省红十字会).
    #[test]
    fn real_guangdong_snapshot() {
        let path = std::path::Path::new(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/data/real/gd-gdzwfw-policy-kg/policy.json"
        ));
        let text = std::fs::read_to_string(path).expect("the real Guangdong snapshot ships in data/real");
        let (mut n, mut bad) = (0, Vec::new());
        for line in text.lines() {
            let v: serde_json::Value = serde_json::from_str(line).unwrap();
            let code = v["TASK_CODE"].as_str().unwrap();
            n += 1;
            let c = match ImplementationCode::parse(code) {
                Ok(c) => c,
                Err(ImplCodeError::Uscc(_)) => {
                    bad.push(code[..18].to_string());
                    continue;
                }
                Err(e) => panic!("{code}: {e:?}"),
            };
            if c.uscc.verify().is_err() {
                bad.push(code[..18].to_string());
            }
            let level = match v["matter_level"].as_str() {
                Some("省级") => Some(2),
                Some("市级") => Some(3),
                _ => None,
            };
            if let Some(l) = level {
                assert_eq!(c.level, l, "{code}");
            }
        }
        assert_eq!(n, 2262);
        bad.sort();
        bad.dedup();
        assert_eq!(bad, ["13440000515356094L", "TE440000GD030003VV"]);
    }
}

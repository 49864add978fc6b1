//! Message language: Chinese first, English with `--lang en`.

use std::borrow::Cow;
use std::sync::atomic::{AtomicU8, Ordering};

#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    Zh,
    En,
}

static LANG: AtomicU8 = AtomicU8::new(0);

pub fn set_lang(l: Lang) {
    LANG.store(l as u8, Ordering::Relaxed);
}

pub fn lang() -> Lang {
    if LANG.load(Ordering::Relaxed) == 1 {
        Lang::En
    } else {
        Lang::Zh
    }
}

/// A message in both languages; the reporter picks one. A fixed text is lent, not copied: a
/// run may produce hundreds of thousands of findings, most with a fixed help text.
#[derive(Clone, Debug, PartialEq, Eq, Default, serde::Serialize)]
pub struct Msg {
    pub zh: Cow<'static, str>,
    pub en: Cow<'static, str>,
}

/// The text of `format_args!`: lent when it has no arguments, written out otherwise.
pub fn text(args: std::fmt::Arguments) -> Cow<'static, str> {
    match args.as_str() {
        Some(fixed) => Cow::Borrowed(fixed),
        None => Cow::Owned(std::fmt::format(args)),
    }
}

impl Msg {
    pub fn new(zh: impl Into<Cow<'static, str>>, en: impl Into<Cow<'static, str>>) -> Msg {
        Msg {
            zh: zh.into(),
            en: en.into(),
        }
    }
    pub fn get(&self) -> &str {
        self.in_lang(lang())
    }
    pub fn in_lang(&self, l: Lang) -> &str {
        match l {
            Lang::Zh => &self.zh,
            Lang::En => &self.en,
        }
    }
}

impl std::fmt::Display for Msg {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.get())
    }
}

/// Pick the text of the current language.
pub fn t<'a>(zh: &'a str, en: &'a str) -> &'a str {
    match lang() {
        Lang::Zh => zh,
        Lang::En => en,
    }
}

/// An English count as people write it: `en_count(1, "finding", "findings")` = "1 finding",
/// `en_count(0, "finding", "findings")` = "0 findings" (never "1 findings").
pub fn en_count(n: usize, one: &str, many: &str) -> String {
    if n == 1 {
        format!("{n} {one}")
    } else {
        format!("{n} {many}")
    }
}

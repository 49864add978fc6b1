//! Field values and the per-node field store.

use super::fields::{F, FieldSet};
use super::loc::{Loc, Spanned};
use super::time_limit::TimeLimit;
pub use compact_str::CompactString;

/// One field's value. Lists and time limits are boxed: with them out of line a value is 24
/// bytes instead of 40, and a catalog holds millions of values, most of them text.
#[derive(Clone, Debug, PartialEq)]
pub enum Value {
    /// Inline up to 24 bytes: most catalog values (必要, 原件, 县级, dates) need no allocation.
    Text(CompactString),
    List(Box<Vec<Spanned<String>>>),
    Int(u32),
    Num(f64),
    Bool(bool),
    Time(Box<TimeLimit>),
}

const _: () = assert!(std::mem::size_of::<Value>() == 24, "a field value stays 24 bytes");

impl Value {
    pub fn list(items: Vec<Spanned<String>>) -> Value {
        Value::List(Box::new(items))
    }
    pub fn time(t: TimeLimit) -> Value {
        Value::Time(Box::new(t))
    }
    /// The value as it would be written in a cell: lists joined by line breaks.
    pub fn display(&self) -> String {
        match self {
            Value::Text(s) => s.to_string(),
            Value::List(v) => v.iter().map(|s| s.value.as_str()).collect::<Vec<_>>().join("\n"),
            Value::Int(n) => n.to_string(),
            Value::Num(n) => format_num(*n),
            Value::Bool(b) => if *b { "是" } else { "否" }.to_string(),
            Value::Time(t) => t.raw.clone(),
        }
    }
}

/// `70` rather than `70.0`; fractions kept.
pub fn format_num(n: f64) -> String {
    if n.fract() == 0.0 && n.abs() < 1e15 {
        format!("{}", n as i64)
    } else {
        format!("{n}")
    }
}

/// The known fields of one node, in the order they were read.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Fields {
    entries: Vec<(F, Spanned<Value>)>,
    /// Which fields are present: rules ask for many fields a node does not have, and those
    /// lookups end here instead of scanning every entry.
    present: FieldSet,
}

impl Fields {
    pub fn get(&self, f: F) -> Option<&Spanned<Value>> {
        if !self.present.contains(f) {
            return None;
        }
        self.entries.iter().find(|(id, _)| *id == f).map(|(_, v)| v)
    }
    pub fn has(&self, f: F) -> bool {
        self.present.contains(f)
    }
    /// Set a field, replacing an earlier value.
    pub fn set(&mut self, f: F, v: Spanned<Value>) {
        if self.present.contains(f)
            && let Some(slot) = self.entries.iter_mut().find(|(id, _)| *id == f)
        {
            slot.1 = v;
            return;
        }
        self.present.insert(f);
        self.entries.push((f, v));
    }
    /// Keep only the fields in `keep`.
    pub fn retain(&mut self, keep: &FieldSet) {
        self.entries.retain(|(f, _)| keep.contains(*f));
        self.present = self.entries.iter().map(|(f, _)| *f).collect();
        self.entries.shrink_to_fit();
    }
    pub fn remove(&mut self, f: F) -> Option<Spanned<Value>> {
        let i = self.entries.iter().position(|(id, _)| *id == f)?;
        self.present.remove(f);
        Some(self.entries.remove(i).1)
    }
    pub fn iter(&self) -> impl Iterator<Item = (F, &Spanned<Value>)> {
        self.entries.iter().map(|(f, v)| (*f, v))
    }
    pub fn iter_mut(&mut self) -> impl Iterator<Item = (F, &mut Spanned<Value>)> {
        self.entries.iter_mut().map(|(f, v)| (*f, v))
    }
    pub fn len(&self) -> usize {
        self.entries.len()
    }
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }
    /// Room for exactly `n` more fields: a node reserved for what it will hold needs no
    /// shrinking once complete (a list's first push would make room for four).
    pub fn reserve(&mut self, n: usize) {
        self.entries.reserve_exact(n);
    }
    /// Drop spare capacity once a node is complete (a catalog holds millions of them).
    pub fn shrink_to_fit(&mut self) {
        self.entries.shrink_to_fit();
    }
    /// A text field (`None` when absent or not text).
    pub fn text(&self, f: F) -> Option<&str> {
        match &self.get(f)?.value {
            Value::Text(s) => Some(s.as_str()),
            _ => None,
        }
    }
    /// A text field with its location.
    pub fn text_at(&self, f: F) -> Option<(&str, Loc)> {
        let v = self.get(f)?;
        match &v.value {
            Value::Text(s) => Some((s.as_str(), v.loc)),
            _ => None,
        }
    }
    /// A list field (a text field reads as a one-element list).
    pub fn list(&self, f: F) -> Vec<Spanned<&str>> {
        match self.get(f) {
            Some(Spanned {
                value: Value::List(v), ..
            }) => v.iter().map(|s| Spanned::new(s.value.as_str(), s.loc)).collect(),
            Some(Spanned {
                value: Value::Text(s),
                loc,
            }) => vec![Spanned::new(s.as_str(), *loc)],
            _ => Vec::new(),
        }
    }
    pub fn int(&self, f: F) -> Option<Spanned<u32>> {
        let v = self.get(f)?;
        match v.value {
            Value::Int(n) => Some(Spanned::new(n, v.loc)),
            _ => None,
        }
    }
    pub fn num(&self, f: F) -> Option<Spanned<f64>> {
        let v = self.get(f)?;
        match v.value {
            Value::Num(n) => Some(Spanned::new(n, v.loc)),
            Value::Int(n) => Some(Spanned::new(n as f64, v.loc)),
            _ => None,
        }
    }
    pub fn bool(&self, f: F) -> Option<bool> {
        match self.get(f)?.value {
            Value::Bool(b) => Some(b),
            _ => None,
        }
    }
    pub fn time(&self, f: F) -> Option<Spanned<&TimeLimit>> {
        let v = self.get(f)?;
        match &v.value {
            Value::Time(t) => Some(Spanned::new(t, v.loc)),
            _ => None,
        }
    }
    pub fn loc(&self, f: F) -> Option<Loc> {
        self.get(f).map(|v| v.loc)
    }
}

/// A key the dictionary does not know, kept with its value so nothing is lost.
#[derive(Clone, Debug, PartialEq)]
pub struct Extra {
    pub key: String,
    pub value: serde_json::Value,
    pub loc: Loc,
}

impl IntoIterator for Fields {
    type Item = (F, Spanned<Value>);
    type IntoIter = std::vec::IntoIter<(F, Spanned<Value>)>;
    fn into_iter(self) -> Self::IntoIter {
        self.entries.into_iter()
    }
}

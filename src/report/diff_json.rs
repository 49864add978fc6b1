//! JSON rendering of a comparison: the report types serialize in the documented key order
//! (docs/diff-json.md). Floats are rounded to 4 decimals so reruns produce identical files.

use serde::Serialize;

fn round(v: serde_json::Value) -> serde_json::Value {
    use serde_json::Value;
    match v {
        Value::Number(n) if n.is_f64() => {
            let f = n.as_f64().unwrap_or(0.0);
            serde_json::Number::from_f64((f * 10_000.0).round() / 10_000.0).map_or(Value::Null, Value::Number)
        }
        Value::Array(a) => Value::Array(a.into_iter().map(round).collect()),
        Value::Object(o) => Value::Object(o.into_iter().map(|(k, v)| (k, round(v))).collect()),
        other => other,
    }
}

pub fn render<T: Serialize>(report: &T) -> String {
    let v = serde_json::to_value(report)
        .map(round)
        .unwrap_or(serde_json::Value::Null);
    serde_json::to_string_pretty(&v).unwrap_or_default() + "\n"
}

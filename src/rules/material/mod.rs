//! M: materials (申请材料) — duplicates, shared materials still demanded, names, dictionaries.

pub mod duplicate_material;
pub mod material_value_not_allowed;
pub mod shared_material_required;
pub mod unnamed_material;

/// A material name as compared: no spaces, half-width brackets and full-width digits folded,
/// trailing 。；; dropped — two spellings of one document compare equal.
pub fn name_key(s: &str) -> String {
    let mut key = s
        .chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| match c {
            '(' => '（',
            ')' => '）',
            '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32).unwrap_or(c),
            _ => c,
        })
        .collect::<String>();
    let keep = key.trim_end_matches(['。', '；', ';']).len();
    key.truncate(keep);
    key
}

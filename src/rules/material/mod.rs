//! M: materials (申请材料) — duplicates, shared materials still demanded, names, dictionaries.

pub mod duplicate_material;
pub mod licence_without_material;
pub mod material_value_not_allowed;
pub mod shared_material_required;
pub mod unnamed_material;

/// A material name as compared: no spaces, half-width brackets and full-width digits folded,
/// trailing 。；; dropped — two spellings of one document compare equal.
pub fn name_key(s: &str) -> String {
    name_key_chars(s).collect()
}

/// The characters of [`name_key`], computed on the fly (rules that compare many names in
/// place need no string per name).
pub fn name_key_chars(s: &str) -> impl Iterator<Item = char> + Clone + '_ {
    s.trim_end_matches(|c: char| c.is_whitespace() || matches!(c, '。' | '；' | ';'))
        .chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| match c {
            '(' => '（',
            ')' => '）',
            '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32).unwrap_or(c),
            _ => c,
        })
}

/// A hash of [`name_key`] (equal keys, equal hashes): of the key's UTF-8 bytes, hashed at once.
/// Most names are their own key (no space, bracket, full-width digit or closing 。；): those are
/// hashed as they stand, without a key written out or a character fed at a time.
pub fn name_key_hash(s: &str) -> u64 {
    let folds = |c: char| c.is_whitespace() || matches!(c, '(' | ')' | '０'..='９');
    let own_key = !s.ends_with(['。', '；', ';']) && !s.chars().any(folds);
    use std::hash::BuildHasher;
    let hash = |key: &str| foldhash::fast::FixedState::default().hash_one(key.as_bytes());
    if own_key { hash(s) } else { hash(&name_key(s)) }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_fold_spellings_and_hash_alike() {
        for (s, key) in [
            ("", ""),
            (" 。 ", ""),
            (" 居民 身份证 ", "居民身份证"),
            ("营业执照(副本)", "营业执照（副本）"),
            ("第１号", "第1号"),
            ("证明 。 ；", "证明"),
            ("证明；。 ", "证明"),
            ("证明。x", "证明。x"),
            ("a;b;", "a;b"),
            ("\u{3000}申请书\u{3000}；", "申请书"),
        ] {
            assert_eq!(name_key(s), key, "{s:?}");
        }
        assert_eq!(name_key_hash("营业执照(副本)。"), name_key_hash("营业执照（副本）"));
        assert_eq!(name_key_hash(" 居民 身份证；"), name_key_hash("居民身份证"));
        assert_eq!(name_key_hash("第１号"), name_key_hash("第1号"));
        assert_ne!(name_key_hash("营业执照"), name_key_hash("营业执照副本"));
    }
}

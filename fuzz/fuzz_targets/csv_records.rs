//! Our CSV record reader against the csv crate: any UTF-8 text, read whole and in pieces of a
//! size the fuzzer picks (pieces that start inside quoted cells are the hard case). The grids
//! must be the same; neither reader may panic.
#![no_main]

use catalog::load::csv::{delimiter, records};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some((&piece, text)) = data.split_first() else { return };
    let Ok(text) = std::str::from_utf8(text) else { return };
    let delimiter = delimiter(text);
    let want = records::grid_with_csv_crate(text, delimiter);
    for piece in [usize::MAX >> 4, piece as usize + 1] {
        let got = records::grid_in_pieces(text.to_string(), 0, delimiter, "t".into(), piece);
        assert!(got.as_ref() == Some(&want), "pieces of {piece}");
    }
});

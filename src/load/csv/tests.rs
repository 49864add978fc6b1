//! Our record reader against the csv crate it replaced, in pieces of every size: the grids must
//! be the same, cell for cell.

use super::records::{grid_in_pieces, grid_with_csv_crate as with_csv_crate};
use super::{decode_in_pieces, decode_owned, delimiter};
use std::path::Path;

/// Both readers agree on `text` read whole and in pieces of 1, 2, 3, 7 and 64 bytes.
fn same(text: &str) {
    let delimiter = delimiter(text);
    let want = with_csv_crate(text, delimiter);
    for piece in [usize::MAX >> 4, 1, 2, 3, 7, 64] {
        let got = grid_in_pieces(text.to_string(), 0, delimiter, "t".into(), piece).unwrap();
        assert!(got == want, "pieces of {piece} on {text:?}:\n{got:?}\nvs\n{want:?}");
    }
}

#[test]
fn same_grids_on_awkward_csv() {
    for text in [
        "",
        "\n\n\r\n",
        "a,b,c",
        "a,b,c\n",
        "a,b,c\r\n1,2,3\r\n",
        "a,b\r1,2\r\r\n3,4",
        "\n\na,b\n\n\n1,2\n\n",
        "a,,c,,\n,,\n1",
        "\"a,b\",\"c\nd\",e\n",
        "\"say \"\"hi\"\"\",x\n",
        "\"ab\"cd,e\n",
        "\"ab\"\"\"cd\"e,f\n",
        "ab\"cd,\"e\"\n",
        "\"open, never closed\n1,2\n",
        "\"\"\n\"\",\"\"\n",
        "\"x\"",
        "\"\r\n\",a\r\n",
        "\"a\r\nb\",c\n",
        "  事项名称 ,\u{3000}受理要点\u{3000},\t材料 \n",
        "\u{feff}事项,编码\n",
        "a;b;c\n1;\"2;3\";4\n",
        "a\tb\tc\n1\t\"2\t3\"\t4\n",
        "事项名称,申请材料\n食品经营许可,\"1.申请书\n2.营业执照\"\n",
        ",\n,\n",
        "\"\"\"\"",
        "a,\"b\"\"",
        "编码,名称\n=\"000114001000\",甲\n\"=\"\"000114001001\"\"\",乙\n=\"\",丙\n'=\"x\"\n",
    ] {
        same(text);
    }
}

/// `="000114001000"` (how a CSV made for Excel keeps a code as text) is the text, and so is
/// `'000114001000` (Excel's text apostrophe saved with it); `'="x"` (a formula's text written
/// safe by `convert`) stays `="x"`.
#[test]
fn excel_text_formulas_are_their_text() {
    let g = with_csv_crate(
        "编码\n=\"000114001000\"\n\"=\"\"000114001001\"\"\"\n'=\"x\"\n=\"a\"&\"b\"\n'1133030200200000054330302\n'3年\n'a1\n",
        b',',
    );
    assert_eq!(g.cell(1, 0), "000114001000");
    assert_eq!(g.cell(2, 0), "000114001001");
    assert_eq!(g.cell(3, 0), "=\"x\"");
    assert_eq!(g.cell(4, 0), "=\"a\"&\"b\"");
    // Excel's text apostrophe before a code is no part of it; before other text it stays.
    assert_eq!(g.cell(5, 0), "1133030200200000054330302");
    assert_eq!(g.cell(6, 0), "'3年");
    assert_eq!(g.cell(7, 0), "'a1");
}

/// Random texts from an alphabet of what ends, quotes and pads cells.
#[test]
fn same_grids_on_random_csv() {
    let mut seed = 0x9E37_79B9_7F4A_7C15u64;
    let mut next = move |n: u64| {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed % n
    };
    let atoms = [
        ",", ",", "\"", "\"", "\"\"", "\n", "\n", "\r\n", "\r", "a", "事项", " ", "\u{3000}", ";", "\t", "1.",
    ];
    for _ in 0..3000 {
        let len = next(60);
        let text: String = (0..len).map(|_| atoms[next(atoms.len() as u64) as usize]).collect();
        same(&text);
    }
}

/// The sample catalogs and both real exports as CSV (cells with line breaks, quotes and
/// commas), read in small pieces.
#[test]
fn same_grids_on_catalogs_written_by_convert() {
    let dir = tempfile::tempdir().unwrap();
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let sources = [
        (root.join("catalogs"), None),
        (
            root.join("data/real/gd-gdzwfw-policy-kg/policy.json"),
            Some("gd-gdzwfw.yaml"),
        ),
        (
            root.join("data/real/sc-guangan-bszl/bszl-data.array.json"),
            Some("sc-bszl.yaml"),
        ),
    ];
    let mut multi_line = false;
    for (k, (src, profile)) in sources.iter().enumerate() {
        let opts = crate::load::LoadOptions {
            profile: profile.map(|p| root.join("profiles").join(p)),
            ..Default::default()
        };
        let Ok(cat) = crate::load::load_paths(std::slice::from_ref(src), &opts) else {
            panic!("{} loads", src.display());
        };
        let out = dir.path().join(format!("c{k}.csv"));
        crate::convert::csv::write(&cat, &out).unwrap();
        let (text, start) = decode_owned(&out, std::fs::read(&out).unwrap(), None).unwrap();
        let body = &text[start..];
        let want = with_csv_crate(body, b',');
        assert!(want.height() > 100, "{}: {} rows", src.display(), want.height());
        multi_line |= (0..want.height()).any(|r| want.row(r).any(|c| c.contains('\n')));
        for piece in [1 << 20, 4096, 100] {
            let got = grid_in_pieces(text.clone(), start, b',', "t".into(), piece).unwrap();
            assert!(got == want, "{} in pieces of {piece}", src.display());
        }
    }
    assert!(multi_line, "quoted cells over several lines were read");
}

#[test]
fn utf8_bytes_become_the_text_without_a_byte_order_mark_and_gbk_is_decoded() {
    let p = Path::new("t.csv");
    let (text, start) = decode_owned(p, b"\xEF\xBB\xBFa,b".to_vec(), None).unwrap();
    assert_eq!((&text[start..], start), ("a,b", 3));
    let (gbk, _, _) = encoding_rs::GBK.encode("事项名称,受理要点\n许可,齐全\n");
    let (text, start) = decode_owned(p, gbk.into_owned(), None).unwrap();
    assert_eq!(&text[start..], "事项名称,受理要点\n许可,齐全\n");
    let (text, start) = decode_owned(p, b"a,b\n".to_vec(), Some("gbk")).unwrap();
    assert_eq!(&text[start..], "a,b\n");
}

#[test]
fn gbk_decoded_in_pieces_is_decoded_whole() {
    // 12 MB of GBK over several pieces: two-byte characters on both sides of every cut, lines
    // of varying length, a CR LF file, and one malformed byte (a lead byte before the line
    // feed) that must be found as in the whole.
    let mut text = String::new();
    for i in 0..160_000 {
        text.push_str(&format!("{i},事项名称{i}，申请材料（原件{}份）", i % 7));
        text.push_str(&"镇（乡、街道）级".repeat(i % 5));
        text.push_str(if i % 3 == 0 { "\r\n" } else { "\n" });
    }
    let (bytes, _, _) = encoding_rs::GBK.encode(&text);
    let bytes = bytes.into_owned();
    assert!(bytes.len() > 8 << 20);
    for enc in [encoding_rs::GB18030, encoding_rs::GBK] {
        let (whole, _, bad) = enc.decode(&bytes);
        let (pieces, bad_pieces) = decode_in_pieces(enc, &bytes);
        assert!(!bad && !bad_pieces);
        assert_eq!(pieces, whole);
        assert_eq!(pieces, text);
    }
    let mut broken = bytes.clone();
    let at = broken.len() / 2;
    let lf = at + broken[at..].iter().position(|&b| b == b'\n').unwrap();
    broken.insert(lf, 0x81);
    let (whole, _, bad) = encoding_rs::GB18030.decode(&broken);
    let (pieces, bad_pieces) = decode_in_pieces(encoding_rs::GB18030, &broken);
    assert!(bad && bad_pieces);
    assert_eq!(pieces, whole);
}

#[test]
fn pieces_start_between_records_when_cells_break_lines() {
    // An office sheet: every 条件 and 材料 cell breaks lines inside its quotes.
    let mut text = String::from("序号,事项名称,申请条件,申请材料\n");
    for i in 0..400 {
        text.push_str(&format!(
            "{i},事项{i},\"（1）条件甲\n（2）条件乙\",\"1.申请书（原件1份）\n2.营业执照\n3.其他\"\"说明\"\"\"\n"
        ));
    }
    let b = text.as_bytes();
    for piece in [64, 100, 333, 4096] {
        let starts = super::records::guess_starts(b, 0, piece);
        assert!(starts.len() > 2, "pieces of {piece}: {}", starts.len());
        for &s in &starts[1..] {
            let quotes = b[..s].iter().filter(|&&c| c == b'"').count();
            assert!(
                b[s - 1] == b'\n' && quotes % 2 == 0,
                "piece of {piece} starts inside a cell at {s}"
            );
        }
        assert!(starts.windows(2).all(|w| w[0] < w[1]));
    }
    same(&text);
}

/// A cell opened by a quote that closes before the cell ends (`"十三五"规划`, or a stray `"` that
/// swallows the separators after it up to the next quote) is read as the csv crate reads it and
/// noted at its place, with the text read, whatever the pieces; a quoted cell followed only by
/// spaces, and quotes inside an unquoted cell, are not.
#[test]
fn quotes_closed_before_the_cell_ends_are_noted_at_their_cell() {
    let rows = "序号,名称,类型\r\n1,\"十三五\"规划,许可\r\n2,\"正常\" ,许可\r\n3,他说\"好\",许可\r\n";
    let stray = "4,\"某某许可,行政许可\r\n5,\"1.申请书\n2.营业执照\",许可\r\n";
    let text = format!("{rows}{stray}");
    for piece in [1, 3, 7, 64, 1 << 20] {
        let g = grid_in_pieces(text.clone(), 0, b',', "t".into(), piece).unwrap();
        assert_eq!(g, with_csv_crate(&text, b','), "piece {piece}");
        assert_eq!(
            g.quotes_closed_early,
            [
                (1, 1, "十三五规划".to_string()),
                (4, 1, "某某许可,行政许可⏎5,1.申请书".to_string())
            ],
            "piece {piece}"
        );
    }
}

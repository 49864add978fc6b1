use calamine::{Reader, Xlsx, open_workbook};
fn main() {
    let p = std::env::args().nth(1).unwrap();
    let t = std::time::Instant::now();
    let mut wb: Xlsx<_> = open_workbook(&p).unwrap();
    println!("open {:?}", t.elapsed());
    let names = wb.sheet_names();
    let mut n = 0usize;
    let mut bytes = 0usize;
    for name in names {
        let mut r = wb.worksheet_cells_reader(&name).unwrap();
        while let Some(c) = r.next_cell().unwrap() {
            n += 1;
            if let calamine::DataRef::SharedString(s) = c.get_value() {
                bytes += s.len();
            }
        }
    }
    println!("cells {n} bytes {bytes} {:?}", t.elapsed());
}

//! `catalog convert IN OUT`: between YAML, xlsx/xls/ods, CSV and JSON, losing nothing.

use super::load_catalog;
use crate::cli::ConvertArgs;
use crate::convert::{self, Format};
use crate::error::Error;

pub fn run(args: ConvertArgs) -> Result<u8, Error> {
    let Some(format) = Format::of(&args.output) else {
        return Err(Error::plain(
            Some(&args.output),
            "输出文件的扩展名应为 .yaml、.xlsx、.csv 或 .json".into(),
            "the output file must end in .yaml, .xlsx, .csv or .json".into(),
        ));
    };
    let mut src = args.source.clone();
    src.paths = vec![args.input.clone()];
    let catalog = load_catalog(&src)?;
    if format == Format::Csv {
        let lost = convert::csv::left_out(&catalog);
        if !lost.is_empty() {
            let what = lost.join("、");
            eprintln!(
                "{}",
                crate::i18n::Msg::new(
                    format!("注意：CSV 只能保存事项，{what} 没有写入；需要完整保存请转换为 .xlsx 或 .yaml"),
                    format!(
                        "note: a CSV holds items only; {what} not written — convert to .xlsx or .yaml to keep everything"
                    ),
                )
            );
        }
    }
    convert::write(&catalog, &args.output, format, args.sheets)?;
    Ok(0)
}

use super::parsed_implementation_code;
use crate::diag::Severity;
use crate::model::code::region_within;
use crate::model::{F, Item};
use crate::rules::{Ctx, Family, Out, Rule, RuleMeta};
use crate::{msg, page};

/// ## 检查什么
/// 实施编码中统一社会信用代码第 3–8 位（登记管理机关行政区划码）应在清单信息 `region_code`
/// （区划代码）所指的行政区划之内：区县清单只含本区县的主体，市级清单含本市各区县的主体。
///
/// ## 为什么
/// 鹿城区清单里出现区划为 330303（龙湾区）的实施主体，多半是复制别的区县清单时忘了替换实施编码，
/// 认领和统计都会算到别的区县。在国家级登记的主体（区划码 100000，如海关、税务、气象等垂直管理部门）不报告。
///
/// ## 如何修复
/// 换成本区划实施主体的统一社会信用代码；如果确实由上级或外区主体实施，在备注中说明并忽略本规则。
///
/// ## 示例
/// ```yaml
/// catalog: {region_code: "330302"}
/// items:
///   - implementation_code: "11330303002620358H4330302001001"
/// ```
/// 改为：
/// ```yaml
/// catalog: {region_code: "330302"}
/// items:
///   - implementation_code: "1133030200262035834330302001001"
/// ```
/// ---
/// ## What it does
/// Checks that characters 3–8 of the credit code inside the implementation code (the registering
/// authority's region) lie inside the catalog's `region_code`: a county list holds county
/// departments, a city list the departments of the city and its counties.
///
/// ## Why is this bad?
/// A 鹿城 (330302) list with a department registered in 330303 usually comes from copying another
/// district's list without replacing the codes; claims and counts go to the wrong district.
/// Departments registered nationally (region 100000: customs, tax, meteorology) are not reported.
///
/// ## How to fix
/// Use the credit code of the local department; if another region's department really implements
/// the item, say so in the remarks and suppress this rule for the item.
///
/// ## Example
/// ```yaml
/// catalog: {region_code: "330302"}
/// items:
///   - implementation_code: "11330303002620358H4330302001001"
/// ```
/// Use instead:
/// ```yaml
/// catalog: {region_code: "330302"}
/// items:
///   - implementation_code: "1133030200262035834330302001001"
/// ```
pub struct UsccRegionOutside;

const NATIONAL: &str = "100000";

impl Rule for UsccRegionOutside {
    fn meta(&self) -> RuleMeta {
        RuleMeta::new(
            "K004",
            "uscc-region-outside",
            Family::Code,
            Severity::Warning,
            "实施主体的区划不在本清单区划内",
            "the department's region lies outside the catalog's region",
            page!(UsccRegionOutside),
        )
    }
    // A catalog rule: the region is the whole catalog's (`catalog:` of any of its files), which
    // a check of one file's items at a time would not know.
    fn check_catalog(&self, cx: &Ctx, out: &mut Out) {
        let Some(region) = cx.catalog.header_text(F::RegionCode).map(str::trim) else {
            return;
        };
        for (i, item) in cx.catalog.items.iter().enumerate() {
            check(i, item, region, out);
        }
    }
}

fn check(i: usize, item: &Item, region: &str, out: &mut Out) {
    let Some((code, loc)) = parsed_implementation_code(item) else {
        return;
    };
    let r = code.uscc.region();
    // 100000: registered by a national authority — vertically managed offices (customs,
    // tax, meteorology) implement items in every region
    if r != NATIONAL && !region_within(r, region) {
        out.item(i, loc, msg!("实施主体统一社会信用代码的区划码 {} 不在本清单区划 {} 之内", r, region;
            "the credit code's region {} lies outside the catalog's region {}", r, region))
            .help(msg!("核对实施编码是否从别的区县清单复制而来"; "check whether the code was copied from another region's list"));
    }
}

//! THE field dictionary: every field of the catalog format, with its YAML key, Chinese name,
//! the aliases accepted in YAML keys and spreadsheet headers, its value kind and a description.
//!
//! Loaders, converters, the JSON Schema, guide labels and rule messages all read this table;
//! adding a field here teaches every layer about it.

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use std::sync::OnceLock;

/// Which node of the model a field belongs to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Scope {
    Header,
    Item,
    Scenario,
    Point,
    Material,
    Step,
    Duty,
    Bundle,
    Law,
}

/// How a field's value is read and stored.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// Any scalar, kept exactly as written (codes are text, never numbers).
    Text,
    /// A list of texts; a single scalar is split on list separators outside brackets.
    List,
    /// A list of texts; a single scalar is split on line breaks only (citations contain 、).
    Lines,
    /// A non-negative whole number.
    Int,
    /// A number (a trailing % is allowed).
    Num,
    /// 是/否, true/false.
    Bool,
    /// A time limit: N工作日, N自然日, 即办, 无 …
    Time,
}

pub struct FieldDef {
    pub id: F,
    pub scope: Scope,
    /// Canonical YAML key; a dotted key (`time_limit.statutory`) lives in a nested mapping.
    pub key: &'static str,
    /// Chinese name: YAML alias, spreadsheet header and guide label.
    pub zh: &'static str,
    pub en: &'static str,
    pub kind: Kind,
    /// Other spellings accepted as YAML keys and spreadsheet headers.
    pub aliases: &'static [&'static str],
    pub doc: &'static str,
    /// Allowed values, when the field is an enumeration (used by the schema and rules).
    pub values: &'static [&'static str],
}

impl FieldDef {
    /// The last segment of the key: `promised` for `time_limit.promised`.
    pub fn leaf(&self) -> &'static str {
        self.key.rsplit('.').next().unwrap_or(self.key)
    }
    /// The nesting group: `time_limit` for `time_limit.promised`.
    pub fn group(&self) -> Option<&'static str> {
        self.key.split_once('.').map(|(g, _)| g)
    }
    pub fn label(&self, lang: crate::i18n::Lang) -> &'static str {
        match lang {
            crate::i18n::Lang::Zh => self.zh,
            crate::i18n::Lang::En => self.en,
        }
    }
}

macro_rules! fields {
    ($( $id:ident : $scope:ident, $key:literal, $zh:literal, $en:literal, $kind:ident,
        [$($alias:literal),*], [$($val:literal),*], $doc:literal; )*) => {
        /// Field identifiers, in dictionary order.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum F { $($id),* }

        pub static FIELDS: &[FieldDef] = &[
            $(FieldDef { id: F::$id, scope: Scope::$scope, key: $key, zh: $zh, en: $en,
                kind: Kind::$kind, aliases: &[$($alias),*], doc: $doc, values: &[$($val),*] }),*
        ];
    };
}

fields! {
    // 清单信息
    Title: Header, "title", "清单名称", "Title", Text, ["标题", "名称"], [], "清单的标题";
    Region: Header, "region", "行政区划", "Region", Text, ["区划", "地区"], [], "本清单所属的行政区划全称";
    RegionCode: Header, "region_code", "区划代码", "Region code", Text, ["行政区划代码"], [], "6 位行政区划代码，如 330302";
    Version: Header, "version", "版本", "Version", Text, ["版本号", "发布日期"], [], "清单版本，如 2024-06";
    Base: Header, "base", "上级目录", "Base catalog", Text, ["上级清单", "基本目录"], [], "本清单所实施的上级目录（路径）";
    ListForm: Header, "form", "清单形式", "List form", Text, ["清单种类", "表格类型"], ["权力清单", "责任清单", "公共服务事项清单", "实施清单", "办事指南"], "清单的形式，决定适用哪些规则：权力清单不查办事情形、时限和结果等；不写时由表格的列判断（见 docs/forms.md）";

    // 事项 (属: 业务办理项)
    Code: Item, "code", "事项编码", "Item code", Text,
        ["编码", "事项代码", "业务编码", "权力编码", "权力代码", "权力基本码", "基本码", "职权编码", "权力事项编码", "职权代码", "事项编号", "子项编码", "子项代码", "子项权力编码", "政务服务事项编码", "行政职权事项编码", "服务编码", "服务事项编码", "权力编号", "职权编号"], [], "事项在本清单中的唯一编码（如浙江权力基本码 许可-00977-001-01）";
    ImplementationCode: Item, "implementation_code", "实施编码", "Implementation code", Text,
        ["事项实施编码", "实施清单编码", "实施码", "实施代码", "业务办理项编码", "办理项编码", "地方实施编码"], [], "统一社会信用代码(18位) + 层级位(1位) + 基本编码(12位)，可加 2 位办理项编号";
    BasicCode: Item, "basic_code", "基本编码", "Basic code", Text, ["基本目录编码", "目录编码", "事项目录编码", "地方基本编码", "事项基本编码"], [], "基本目录中的 12 位编码";
    Name: Item, "name", "事项名称", "Item name", Text,
        ["权力名称", "职权名称", "职权事项名称", "业务办理项名称", "办理项名称", "事项名", "服务事项名称", "权力事项名称", "业务办理项", "具体工作事项", "工作事项", "职责事项", "职责细化", "服务事项", "公共服务事项名称", "公共服务名称", "服务项目名称", "权力事项", "职权事项", "权力项目名称", "行政许可事项名称", "行政职权事项名称", "一件事名称", "联办事项名称", "集成办理事项名称", "处罚事项", "处罚事项名称", "行政处罚事项名称", "事项全称", "审批事项名称", "行政权力事项名称", "权责事项名称", "权责事项", "政务服务事项名称"], [], "业务办理项的名称（属）";
    MainItem: Item, "main_item", "主项", "Main item", Text, ["主项名称", "权力主项", "事项主项", "所属主项", "所属主项名称"], [], "主项名称（目）";
    MainCode: Item, "main_code", "主项编码", "Main item code", Text, ["权力主项编码", "主项权力编码", "主项代码"], [], "主项的编码（子项各有自己的编码）";
    SubItem: Item, "sub_item", "子项", "Sub-item", Text, ["子项名称", "权力子项", "事项子项", "子项事项名称"], [], "子项名称（科）；不拆分子项时与主项一致";
    Kingdom: Item, "kingdom", "清单类别", "List kind", Text, ["界", "清单类型"], [], "界：行政权力、公共服务、责任事项";
    Phylum: Item, "phylum", "事项类型", "Item type", Text,
        ["门", "权力类型", "职权类型", "权力类别", "事项类别", "职权类别", "事项性质", "权力分类", "职权分类", "权力种类", "职权种类", "权力事项类型"], [], "门：行政许可、行政处罚 … 其他行政权力、公共服务";
    Class: Item, "class", "行业领域", "Sector", Text, ["纲", "所属领域", "主管部门", "领域"], [], "纲：行业领域或主管部门";
    Level: Item, "level", "事项层级", "Level", List, ["行使层级", "层级", "实施层级", "行使层级（级别）", "权力行使层级", "事项行使层级", "权限划分", "服务层级", "层级划分", "所属层级"],
        ["国家级", "省级", "市级", "县级", "乡镇级", "村级"], "行使层级：国家级、省级、市级、县级、乡镇级、村级，可多选";
    Department: Item, "department", "实施主体", "Department", Text,
        ["实施机关", "实施部门", "办理部门", "实施主体名称", "实施单位", "行使主体", "实施机构", "职权行使主体", "责任单位", "服务单位", "服务提供单位", "责任主体", "行政主体", "行使部门", "办理机构", "决定机构", "审批机关", "审批部门"], [], "实施该事项的机关";
    Unit: Item, "unit", "承办机构", "Handling unit", Text,
        ["受理机构", "责任处室", "承办科室", "承办处室", "责任科室", "具体承办机构", "承办机构（处室）", "内设机构", "承办单位（处室）", "受理科室", "承办单位"], [], "实施主体内具体受理、承办的机构（处室、科室）；权责清单的“承办机构”“责任处室”列";
    JointUnits: Item, "joint_units", "联办机构", "Co-handling bodies", List,
        ["联办单位", "联办部门", "协办机构", "协办单位", "协办部门", "会办部门", "配合部门", "配合单位"], [], "与实施主体共同办理的机构，可多个";
    Basis: Item, "basis", "设定依据", "Legal basis", Lines,
        ["法律依据", "实施依据", "设立依据", "依据", "法定依据", "办理依据", "行使依据", "职权依据", "法律法规依据", "设定及实施依据", "设定和实施依据", "处罚依据", "行政处罚依据", "设定依据及条款", "实施依据及条款", "政策依据", "权力依据", "法律法规及政策依据"], [], "设定依据：法律、法规、规章条款";
    Statutory: Item, "time_limit.statutory", "法定办结时限", "Statutory time limit", Time,
        ["法定时限", "法定期限", "法定办理时限", "法定办结期限", "法定办理期限", "法定天数", "法定办结时间"], [], "N工作日 | N自然日 | 即办 | 无；可带限定语，如 7个工作日（不含现场核查时间）";
    Promised: Item, "time_limit.promised", "承诺办结时限", "Promised time limit", Time,
        ["承诺时限", "承诺期限", "承诺办理时限", "承诺办结期限", "办理时限", "办结时限（承诺）", "承诺办理期限", "承诺天数", "办理期限", "承诺办结时间"], [], "N工作日 | N自然日 | 即办 | 无；表头“办理时限”按承诺办结时限读（办事指南公示的是承诺时限），写回时为“承诺办结时限”";
    ProjectType: Item, "project_type", "办件类型", "Case type", Text, ["事项办件类型", "办件类别"], ["即办件", "承诺件"], "即办件或承诺件";
    Visits: Item, "visits", "到办事现场次数", "Visits required", Int,
        ["到现场次数", "跑动次数", "办事者到办事地点最少次数", "到办事地点次数", "到办事现场最多次数", "最多跑动次数", "最多跑几次", "跑腿次数", "到现场办理次数", "见面次数", "现场次数", "最多跑次数", "到窗口次数", "到窗口办理次数"], [], "办事人须到现场的次数；0 为跑零次";
    VisitReason: Item, "visit_reason", "必须现场办理原因说明", "Reason for on-site visits", Text,
        ["现场办理原因", "必须现场办理原因", "到现场原因", "必须到现场原因", "必须到现场办理原因", "需到现场办理原因", "到现场办理原因", "到现场办理原因说明", "到现场原因说明", "必须现场办理的原因说明", "必须现场办理的原因"], [], "到现场次数大于 0 时必须说明原因";
    OnlineDepth: Item, "online_depth", "网上办理深度", "Online depth", Text, ["网办深度", "网上可办深度"], [], "如 全程网办（Ⅳ级）";
    OnlineUrl: Item, "online_url", "网上办理地址", "Online address", Text,
        ["网办地址", "网上办理网址", "网上办理链接", "在线办理地址", "在线办理链接", "办理网址", "网上申报地址", "办事指南链接", "指南链接", "办事指南网址"], [], "网上办理或网上办事指南的网址（https://…）；发布的办事指南据此给出“在线办理”链接";
    // Yes/no columns of a guide (一体化平台 实施清单 扩展信息: is_online, is_entry_center …).
    Online: Item, "online", "是否网办", "Online handling", Bool,
        ["是否支持网上办理", "是否网上办理", "是否网上可办", "是否可网办", "是否可网上办理", "是否支持网办", "可否网上办理", "是否可以网上办理", "是否开通网上办理", "网上可办", "是否在线办理", "是否支持在线办理"], [], "是否支持网上办理（是/否）；发布的办事指南写明可以网上办理";
    InHall: Item, "in_hall", "是否进驻政务大厅", "In the service hall", Bool,
        ["是否进驻政务服务中心", "是否进驻大厅", "是否进驻政务服务大厅", "是否进驻", "是否进驻中心"], [], "是否进驻政务服务大厅（是/否）";
    Express: Item, "express", "是否支持物流快递", "Delivery by post", Bool,
        ["是否支持快递", "是否支持邮寄", "是否物流快递", "是否支持快递送达", "是否支持物流快递送达", "是否支持邮寄送达"], [], "是否支持物流快递寄送申请材料或结果（是/否）";
    PayOnline: Item, "pay_online", "是否支持网上支付", "Online payment", Bool,
        ["是否网上支付", "是否支持在线支付", "是否支持网上缴费"], [], "收费事项是否支持网上支付（是/否）";
    Appointment: Item, "appointment", "是否支持预约办理", "By appointment", Bool,
        ["是否支持预约", "是否预约办理", "是否可预约", "是否支持网上预约"], [], "是否支持预约办理（是/否）";
    Terminal: Item, "terminal", "是否支持自助终端办理", "Self-service terminal", Bool,
        ["是否支持终端办理", "是否支持自助办理", "是否自助终端办理", "是否支持自助终端"], [], "是否支持在自助终端办理（是/否）";
    // A 乡镇/街道便民服务中心's list says which items the 村（社区）便民服务站 handles on the applicant's behalf.
    VillageAgent: Item, "village_agent", "村（社区）代办", "Village proxy", Bool,
        ["是否村（社区）代办", "村（社区）是否可代办", "村（社区）可代办", "是否支持村（社区）代办", "村社代办", "是否村社代办", "村级代办", "是否村级代办"], [], "村（社区）便民服务站可否代办（是/否）：乡镇、街道便民服务中心的事项清单写明";
    Fee: Item, "fee", "收费", "Fee", Text, ["是否收费", "收费情况", "收费依据及标准", "收费项目", "是否收费及收费标准", "收费标准及依据", "是否收费及标准", "是否收费及依据", "是否收费及收费依据"], [], "收费标准；不收费写“不收费”（办公表格只有“收费标准”列时读作本字段）";
    FeeStandard: Item, "fee_standard", "收费标准", "Fee standard", Text, ["收费金额"], [], "收费的金额或标准，与“是否收费”分列时";
    FeeBasis: Item, "fee_basis", "收费依据", "Basis of the fee", Lines, [], [], "收费的依据（文件与条款）";
    ServiceObjects: Item, "service_objects", "服务对象", "Service objects", List, ["办理对象", "服务对象类型"],
        ["自然人", "企业法人", "事业法人", "社会组织法人", "非法人企业", "行政机关", "其他组织"], "自然人、企业法人 …";
    Conditions: Item, "conditions", "受理条件", "Conditions", Lines, ["申请条件", "办理条件", "受理标准及条件", "审批条件", "许可条件", "申报条件", "准入条件", "申请人条件", "办事条件", "条件", "申请受理条件", "受理条件及标准", "申请条件及标准"], [], "申请人应当具备的条件";
    Refusals: Item, "refusals", "不予受理情形", "Grounds for refusal", Lines, ["不予受理的情形", "不予受理条件", "不予受理标准", "不受理情形", "不予受理情况"], [], "不予受理的情形（申请不属于本机关职权、材料不齐且不补正等）";
    ServiceContent: Item, "service_content", "服务内容", "Service content", Lines, ["服务内容及标准", "服务内容和标准", "公共服务内容", "服务事项内容", "服务项目内容", "具体服务内容"], [], "公共服务事项清单：该项服务提供什么";
    PowerSource: Item, "power_source", "权力来源", "Source of power", Text, [], [], "法定本级行使、上级下放 …";
    Place: Item, "place", "办理地点", "Place", Text, ["受理地点", "办理地址", "办公地址", "办事地点", "窗口地址", "办公地点", "受理窗口"], [], "受理窗口地址";
    Hours: Item, "hours", "办理时间", "Office hours", Text, ["受理时间", "办公时间", "窗口办公时间", "工作时间", "窗口办理时间", "窗口受理时间", "对外办公时间", "服务时间"], [], "窗口办理时间";
    Phone: Item, "phone", "咨询电话", "Enquiry phone", Text, ["咨询方式", "联系电话", "咨询电话号码", "咨询渠道", "窗口电话", "窗口联系电话", "业务咨询电话"], [], "咨询电话";
    ComplaintPhone: Item, "complaint_phone", "监督投诉电话", "Complaint phone", Text, ["投诉电话", "监督电话", "监督投诉方式", "投诉方式", "监督投诉渠道", "投诉渠道", "投诉举报电话", "投诉监督电话"], [], "监督投诉电话";
    Result: Item, "result", "审批结果", "Result", Text, ["办理结果", "结果名称", "审批结果名称", "结果样本", "办理结果名称", "结果证照", "结果文书名称", "审批结果文书", "办理结果文书"], [], "办结后得到的证照或文书";
    Status: Item, "status", "事项状态", "Status", Text, [], ["在用", "暂停", "取消", "草稿"], "在用、暂停、取消、草稿";
    Remarks: Item, "remarks", "备注", "Remarks", Text, ["说明", "备注说明", "备注栏"], [], "备注";
    // 责任清单 (部门责任清单的列)
    MainDuty: Item, "main_duty", "主要职责", "Main duty", Text, ["部门主要职责", "职责", "部门职责"], [], "责任清单：部门的主要职责（其下列具体工作事项）";
    DutyBoundary: Item, "duty_boundary", "职责边界", "Duty boundary", Lines, ["职责分工", "部门职责边界", "与相关部门的职责边界", "责任边界"], [], "责任清单：与相关部门的职责边界和分工";
    Oversight: Item, "oversight", "事中事后监管制度", "In-process and ex-post oversight", Lines, ["事中事后监管", "事中事后监管措施", "监管制度", "监管方式", "监管措施"], [], "责任清单：事中事后监管制度";
    Accountability: Item, "accountability", "追责情形", "Accountability", Lines, ["问责情形", "责任追究情形", "追责情形及依据", "追责情形及追责依据", "追责依据及追责情形"], [], "责任清单：追究责任的情形";
    AccountabilityBasis: Item, "accountability_basis", "追责依据", "Basis of accountability", Lines, ["问责依据", "责任追究依据"], [], "责任清单：追究责任的依据";
    // 行政处罚裁量基准: one item over several rows, one per 违法行为 or 裁量阶次 (each row's cell an entry)
    Violations: Item, "violations", "违法行为", "Violations", Lines, ["违法行为表现", "违法情形", "违法事实", "违法行为名称"], [], "行政处罚裁量基准：该事项所处罚的违法行为";
    PenaltyRange: Item, "penalty_range", "处罚种类和幅度", "Kinds and range of penalty", Lines, ["处罚种类及幅度", "法定处罚种类和幅度", "处罚种类", "处罚幅度", "法定处罚幅度"], [], "行政处罚裁量基准：法定的处罚种类和幅度";
    DiscretionGrades: Item, "discretion_grades", "裁量阶次", "Discretion grades", Lines, ["裁量等级", "裁量档次", "违法程度", "情节程度", "违法情节"], [], "行政处罚裁量基准：裁量阶次（轻微、一般、严重 …），每个阶次一条";
    DiscretionCases: Item, "discretion_cases", "裁量情形", "Circumstances", Lines, ["情节描述", "具体违法情形", "违法情节描述"], [], "行政处罚裁量基准：各裁量阶次的适用情形（裁量基准表中的“适用情形”列；其他表格中“适用情形”是办理情形）";
    DiscretionStandards: Item, "discretion_standards", "裁量标准", "Discretion standards", Lines, ["具体裁量标准", "处罚裁量标准", "裁量基准", "具体标准", "处罚标准"], [], "行政处罚裁量基准：各裁量阶次的具体处罚标准";

    // 办事情形 (种)
    ScenarioName: Scenario, "name", "情形名称", "Scenario", Text, ["办事情形名称", "办理情形名称", "情形"], [], "办事情形（种）";
    ScenarioNote: Scenario, "description", "情形说明", "Description", Text, ["说明"], [], "本情形的说明";

    // 受理要点
    PointText: Point, "point", "受理要点", "Acceptance point", Text, ["要点", "受理标准", "审查要点"], [], "受理时审查的要点";
    ErrorProne: Point, "error_prone", "易错点", "Error-prone", Bool, ["是否易错"], [], "申请人容易出错的要点";
    Fix: Point, "fix", "纠错要点", "How to get it right", Text, ["纠错说明", "纠错提示"], [], "告诉申请人如何避免出错";

    // 申请材料 (each with its 材料范例)
    MaterialName: Material, "name", "材料名称", "Material", Text, ["申请材料名称", "材料"], [], "申请材料名称";
    Source: Material, "source", "来源渠道", "Source", Text, ["材料来源", "来源"], ["申请人自备", "政府部门核发", "中介机构出具", "其他"], "申请人自备、政府部门核发 …";
    Form: Material, "form", "材料形式", "Form", Text, ["材料类型", "形式"], ["原件", "复印件", "原件或复印件", "原件和复印件", "电子材料"], "原件、复印件 …（原件和复印件：两样都交，原件核验、复印件留存）";
    Copies: Material, "copies", "份数", "Copies", Int, ["材料份数", "纸质材料份数"], [], "需提交的份数";
    Necessity: Material, "necessity", "材料必要性", "Necessity", Text, ["是否必要", "必要性", "是否必需"], ["必要", "非必要", "容缺后补"], "必要、非必要、容缺后补";
    Sample: Material, "sample", "材料范例", "Sample", Text, ["示例样表", "样表", "范例", "示范文本"], [], "填写好的示例样表：文件路径或文字";
    BlankForm: Material, "blank_form", "空白表格", "Blank form", Text, ["空表", "表格下载"], [], "空白表格：文件路径";
    Shared: Material, "shared", "可通过数据共享获取", "Obtainable by data sharing", Bool, ["数据共享", "电子证照", "共享获取"], [], "可通过数据共享或电子证照获取，无需申请人提交";
    MaterialKind: Material, "kind", "材料类别", "Material kind", Text, ["材料种类"], ["表格", "证照", "证明", "文书", "其他"], "表格、证照、证明 …";
    MaterialNote: Material, "note", "填报须知", "Notes", Text, ["填写说明", "要求", "材料要求"], [], "填写或提交要求";
    Medium: Material, "medium", "纸质/电子", "Paper or electronic", Text, ["纸质或电子", "材料载体", "载体形式", "纸质/电子版", "提交载体"], [], "材料以纸质还是电子形式提交（纸质、电子、纸质/电子），办公表格一列写明时";
    Paper: Material, "paper", "纸质材料", "Paper copy", Text, ["是否需要纸质材料", "是否提交纸质材料", "纸质版", "纸质材料要求", "是否需要纸质版"], [], "是否要交纸质材料，或纸质材料的份数、规格（与“电子材料”分列时）";
    Electronic: Material, "electronic", "电子材料", "Electronic copy", Text, ["是否需要电子版", "是否需要电子材料", "是否提交电子材料", "电子版", "电子材料要求", "电子版要求"], [], "是否要交电子版，或电子版的格式要求（与“纸质材料”分列时）";

    // 办理流程
    StepName: Step, "step", "环节", "Step", Text, ["环节名称", "步骤", "办理环节"], [], "办理环节";
    StepDays: Step, "days", "时限", "Days", Num, ["天数", "环节时限", "办理时限"], [], "该环节的天数（工作日）";
    StepRole: Step, "by", "办理人", "Handled by", Text, ["办理人员", "岗位"], [], "该环节的办理人或岗位";

    // 监管责任 (责任清单)
    DutyDepartment: Duty, "department", "责任部门", "Department", Text, ["监管部门", "部门"], [], "承担监管责任的部门";
    Share: Duty, "share", "责任比例", "Share %", Num, ["比例", "责任占比"], [], "责任比例（%）";
    Lead: Duty, "lead", "牵头", "Leads", Bool, ["牵头部门", "是否牵头"], [], "是否牵头部门";
    Duties: Duty, "duties", "责任事项", "Duties", Lines, ["监管内容", "责任内容", "责任事项内容", "受理责任", "立案责任", "审查责任", "调查责任", "告知责任", "决定责任", "送达责任", "执行责任", "事后监管责任", "监管责任", "其他责任"], [], "该部门承担的具体责任；权责清单按环节分列（受理责任 | 审查责任 | 决定责任 …）时每列是一条，带上环节名";
    DutyBasis: Duty, "basis", "责任事项依据", "Basis of the duties", Lines, ["责任依据", "责任事项设定依据"], [], "这些责任所依据的法律、法规、规章条款（权责清单的“责任事项依据”列）";

    // 一件事
    BundleName: Bundle, "name", "一件事名称", "Bundle", Text, ["名称"], [], "一件事的名称";
    BundleItems: Bundle, "items", "包含事项", "Items", List, ["事项", "事项编码"], [], "一件事包含的事项编码";

    // 法规库
    LawTitle: Law, "title", "法规名称", "Law", Text, ["名称"], [], "法律法规名称（不含书名号）";
    LawStatus: Law, "status", "效力状态", "Status", Text, ["状态", "时效性"], ["现行有效", "已修订", "已废止"], "现行有效、已修订、已废止";
    ReplacedBy: Law, "replaced_by", "替代法规", "Replaced by", Text, ["新法规", "修订后名称"], [], "修订或废止后应引用的法规";
}

impl F {
    pub fn def(self) -> &'static FieldDef {
        &FIELDS[self as usize]
    }
    pub fn key(self) -> &'static str {
        self.def().key
    }
    pub fn zh(self) -> &'static str {
        self.def().zh
    }
    pub fn label(self) -> &'static str {
        self.def().label(crate::i18n::lang())
    }
}

/// Fields of one scope, in dictionary order.
pub fn of_scope(scope: Scope) -> impl Iterator<Item = &'static FieldDef> {
    FIELDS.iter().filter(move |f| f.scope == scope)
}

/// Every name a field or structured key answers to, per scope, built once: loaders look up
/// millions of keys.
struct Names {
    fields: HashMap<(Scope, &'static str), &'static FieldDef>,
    structs: HashMap<(Scope, &'static str), &'static str>,
    /// Any name in any scope → its canonical key (to spot `name:` and `事项名称:` in one mapping).
    canonical: HashMap<&'static str, &'static str>,
}

fn names() -> &'static Names {
    static N: OnceLock<Names> = OnceLock::new();
    N.get_or_init(|| {
        let mut n = Names {
            fields: HashMap::default(),
            structs: HashMap::default(),
            canonical: HashMap::default(),
        };
        for f in FIELDS {
            for name in std::iter::once(f.key).chain([f.zh]).chain(f.aliases.iter().copied()) {
                n.fields.entry((f.scope, name)).or_insert(f);
                n.canonical.entry(name).or_insert(f.key);
            }
        }
        for k in STRUCT_KEYS {
            for name in std::iter::once(k.key).chain([k.zh]).chain(k.aliases.iter().copied()) {
                n.structs.entry((k.scope, name)).or_insert(k.key);
                n.canonical.insert(name, k.key);
            }
        }
        n
    })
}

/// Every name (key, Chinese name, alias) of a field or structured key.
pub fn all_names() -> impl Iterator<Item = &'static str> {
    names().canonical.keys().copied()
}

/// The names (keys, Chinese names, aliases) that stand, in every scope, only for fields a
/// reader does without (`needed` says which it needs), never for a structured key: each with
/// the kinds of the fields it stands for.
pub fn names_not_needed(needed: impl Fn(&FieldDef) -> bool) -> HashMap<&'static str, Vec<Kind>> {
    let mut all: HashMap<&'static str, Vec<Kind>> = HashMap::default();
    let mut keep = HashSet::default();
    for f in FIELDS {
        for name in std::iter::once(f.key).chain([f.zh]).chain(f.aliases.iter().copied()) {
            if needed(f) {
                keep.insert(name);
            } else {
                all.entry(name).or_default().push(f.kind);
            }
        }
    }
    for k in STRUCT_KEYS {
        keep.extend(std::iter::once(k.key).chain([k.zh]).chain(k.aliases.iter().copied()));
    }
    // A name that means the same key as a needed one (`监管部门` and `department`) is read too:
    // the two in one mapping are a duplicate, found only when both are read.
    let needed_keys: HashSet<&str> = keep.iter().filter_map(|n| canonical(n)).collect();
    all.retain(|n, _| !keep.contains(n) && canonical(n).is_none_or(|c| !needed_keys.contains(c)));
    all
}

/// Find a field of `scope` by a YAML key or spreadsheet header: canonical key, Chinese name or
/// alias.
pub fn lookup(scope: Scope, name: &str) -> Option<&'static FieldDef> {
    names().fields.get(&(scope, name.trim())).copied()
}

/// The canonical key of any field or structured key name, in any scope.
pub fn canonical(name: &str) -> Option<&'static str> {
    names().canonical.get(name.trim()).copied()
}

/// Find a field inside a nested group (`time_limit:` → `statutory`, `法定办结时限` …).
pub fn lookup_in_group(scope: Scope, group: &str, name: &str) -> Option<&'static FieldDef> {
    let name = name.trim();
    of_scope(scope)
        .filter(|f| f.group() == Some(group))
        .find(|f| f.leaf() == name || f.zh == name || f.aliases.contains(&name))
}

/// Structured keys that are not plain fields: child lists and groups, with their Chinese names.
pub struct StructKey {
    pub scope: Scope,
    pub key: &'static str,
    pub zh: &'static str,
    pub aliases: &'static [&'static str],
}

pub static STRUCT_KEYS: &[StructKey] = &[
    StructKey {
        scope: Scope::Item,
        key: "time_limit",
        zh: "办结时限",
        aliases: &["时限"],
    },
    StructKey {
        scope: Scope::Item,
        key: "process",
        zh: "办理流程",
        aliases: &[
            "流程",
            "办事流程",
            "审批流程",
            "办理程序",
            "办理步骤",
            "业务办理流程",
            "审批程序",
        ],
    },
    StructKey {
        scope: Scope::Item,
        key: "scenarios",
        zh: "办事情形",
        aliases: &["办理情形", "情形列表", "适用情形"],
    },
    StructKey {
        scope: Scope::Item,
        key: "supervision",
        zh: "监管责任",
        aliases: &["责任清单", "监管"],
    },
    StructKey {
        scope: Scope::Item,
        key: "lint_ignore",
        zh: "忽略规则",
        aliases: &[],
    },
    StructKey {
        scope: Scope::Scenario,
        key: "acceptance_points",
        zh: "受理要点",
        aliases: &["受理标准", "审查要点"],
    },
    StructKey {
        scope: Scope::Scenario,
        key: "materials",
        zh: "申请材料",
        aliases: &[
            "材料清单",
            "材料列表",
            "所需材料",
            "申报材料",
            "申请材料目录",
            "材料目录",
            "提交材料",
            "申请要件",
            "所需要件",
            "申报要件",
            "办理材料",
            "要件",
            "申请材料清单",
            "报送材料",
            "需提交材料",
            "需提交的材料",
            "申请资料",
            "申办材料",
            "申请人提交材料",
            "所需申请材料",
        ],
    },
];

/// The canonical structured key for `name` in `scope`, if it is one.
pub fn struct_key(scope: Scope, name: &str) -> Option<&'static str> {
    names().structs.get(&(scope, name.trim())).copied()
}

#[cfg(test)]
mod tests {
    use super::*;
    #[test]
    fn table_order_matches_enum() {
        for (i, f) in FIELDS.iter().enumerate() {
            assert_eq!(f.id as usize, i, "{}", f.key);
        }
    }
    #[test]
    fn names_unique_within_scope() {
        for s in [
            Scope::Header,
            Scope::Item,
            Scope::Scenario,
            Scope::Point,
            Scope::Material,
            Scope::Step,
            Scope::Duty,
            Scope::Bundle,
            Scope::Law,
        ] {
            let mut seen = std::collections::HashSet::new();
            for f in of_scope(s) {
                for n in std::iter::once(f.key).chain([f.zh]).chain(f.aliases.iter().copied()) {
                    assert!(seen.insert(n), "{n} twice in {s:?}");
                }
            }
            for k in STRUCT_KEYS.iter().filter(|k| k.scope == s) {
                for n in std::iter::once(k.key).chain([k.zh]).chain(k.aliases.iter().copied()) {
                    assert!(seen.insert(n), "{n} twice in {s:?}");
                }
            }
        }
    }
    #[test]
    fn lookup_by_alias() {
        assert_eq!(lookup(Scope::Item, "事项名称").map(|f| f.id), Some(F::Name));
        assert_eq!(lookup(Scope::Item, "权力名称").map(|f| f.id), Some(F::Name));
        assert_eq!(
            lookup_in_group(Scope::Item, "time_limit", "promised").map(|f| f.id),
            Some(F::Promised)
        );
    }
}

/// A set of dictionary fields, one bit each: a rule asks "is this field mine?" once per value
/// instead of looking each of its fields up in every node.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct FieldSet(u128);

const _: () = assert!(FIELDS.len() <= 128, "FieldSet holds at most 128 fields");

impl FieldSet {
    pub fn contains(&self, f: F) -> bool {
        self.0 & (1 << f as u32) != 0
    }
    /// Whether the field with this index (`F as usize`) is in the set; false past the last field.
    pub fn contains_index(&self, i: usize) -> bool {
        i < 128 && self.0 & (1 << i) != 0
    }
    pub fn insert(&mut self, f: F) {
        self.0 |= 1 << f as u32;
    }
    pub fn remove(&mut self, f: F) {
        self.0 &= !(1 << f as u32);
    }
    pub fn is_empty(&self) -> bool {
        self.0 == 0
    }
    pub fn union(&self, other: &FieldSet) -> FieldSet {
        FieldSet(self.0 | other.0)
    }
    /// Whether any field of `scope` is in the set.
    pub fn touches(&self, scope: Scope) -> bool {
        static BY_SCOPE: OnceLock<HashMap<Scope, FieldSet>> = OnceLock::new();
        let by_scope = BY_SCOPE.get_or_init(|| {
            let mut m: HashMap<Scope, FieldSet> = HashMap::default();
            for d in FIELDS {
                m.entry(d.scope).or_default().insert(d.id);
            }
            m
        });
        by_scope.get(&scope).is_some_and(|s| s.0 & self.0 != 0)
    }
}

impl FromIterator<F> for FieldSet {
    fn from_iter<I: IntoIterator<Item = F>>(iter: I) -> FieldSet {
        let mut s = FieldSet::default();
        for f in iter {
            s.insert(f);
        }
        s
    }
}

//! The checked intermediate representation: every name resolved to an index, every
//! expression typed, every literal parsed. The interpreter evaluates it and the emitter turns
//! it into Rust; neither sees YAML or strings that still need parsing.

use regula_runtime::decision::HitPolicy;
use regula_runtime::{Date, DurationUnit, OutcomeKind, Rounding, Value};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Ty {
    Bool,
    Int,
    Decimal,
    Money,
    Ratio,
    Date,
    Dur(DurationUnit),
    Text,
    Enum(usize),
    Set(usize),
    List(usize),
    Record(usize),
    /// A list of scalar values, as `map(x in xs: e)` produces.
    ListOf(Elem),
}

/// Element types of [`Ty::ListOf`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Elem {
    Bool,
    Int,
    Decimal,
    Money,
    Ratio,
    Date,
}

impl Elem {
    pub fn ty(self) -> Ty {
        match self {
            Elem::Bool => Ty::Bool,
            Elem::Int => Ty::Int,
            Elem::Decimal => Ty::Decimal,
            Elem::Money => Ty::Money,
            Elem::Ratio => Ty::Ratio,
            Elem::Date => Ty::Date,
        }
    }
    pub fn of(ty: Ty) -> Option<Elem> {
        Some(match ty {
            Ty::Bool => Elem::Bool,
            Ty::Int => Elem::Int,
            Ty::Decimal => Elem::Decimal,
            Ty::Money => Elem::Money,
            Ty::Ratio => Elem::Ratio,
            Ty::Date => Elem::Date,
            _ => return None,
        })
    }
}

#[derive(Debug, Clone)]
pub struct Program {
    pub enums: Vec<EnumIr>,
    pub records: Vec<RecordIr>,
    pub groups: Vec<GroupIr>,
    pub params: Vec<ParamIr>,
    pub calendar: CalendarIr,
    pub docs: Vec<DocIr>,
    /// Every rule and table in an order where dependencies come first.
    pub order: Vec<UnitRef>,
    /// The rules and tables another rule uses (`x.applies`, `x.outcome`, `unless: [x]`), in
    /// dependency order. Generated code and the interpreter decide each of them at most once
    /// per evaluation and remember the decision; its index here is its memo slot in both.
    pub shared: Vec<UnitRef>,
}

#[derive(Debug, Clone)]
pub struct EnumIr {
    pub id: String,
    pub label: String,
    pub variants: Vec<(String, String)>,
}

#[derive(Debug, Clone)]
pub struct FieldIr {
    pub id: String,
    pub label: String,
    pub ty: Ty,
}

#[derive(Debug, Clone)]
pub struct RecordIr {
    pub id: String,
    pub label: String,
    pub fields: Vec<FieldIr>,
}

#[derive(Debug, Clone)]
pub struct GroupIr {
    pub id: String,
    pub facts: Vec<FieldIr>,
}

#[derive(Debug, Clone)]
pub struct ParamIr {
    pub id: String,
    pub label: String,
    pub source: String,
    pub ty: Ty,
    pub values: Vec<(Date, Value)>,
}

#[derive(Debug, Clone, Default)]
pub struct CalendarIr {
    pub years: Vec<(i16, String)>,
    pub holidays: Vec<Date>,
    pub workdays: Vec<Date>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum UnitRef {
    Rule(usize, usize),
    Table(usize, usize),
}

impl UnitRef {
    pub fn doc(self) -> usize {
        match self {
            UnitRef::Rule(d, _) | UnitRef::Table(d, _) => d,
        }
    }
}

#[derive(Debug, Clone)]
pub struct CitationIr {
    pub article: String,
    pub lines: Option<(u32, u32)>,
    pub quote: String,
}

#[derive(Debug, Clone)]
pub struct DocIr {
    pub id: String,
    pub number: String,
    pub title: String,
    pub issuers: Vec<String>,
    pub level: String,
    pub region: Option<String>,
    pub issued: Date,
    pub effective: Date,
    pub expires: Option<Date>,
    pub source: Option<(String, (u32, u32))>,
    pub relations: Vec<(String, String, Option<String>)>,
    pub assumptions: Vec<String>,
    pub rules: Vec<RuleIr>,
    pub tables: Vec<TableIr>,
    pub catalogs: Vec<CatalogIr>,
    pub not_normative: Vec<((u32, u32), String)>,
    pub cases: Vec<CaseIr>,
    /// Index of the policy file that defines the document.
    pub file: usize,
}

#[derive(Debug, Clone)]
pub struct ConditionIr {
    pub text: String,
    pub label: Option<String>,
    pub expr: TE,
}

#[derive(Debug, Clone)]
pub struct OutcomeIr {
    pub id: String,
    pub label: String,
    pub kind: OutcomeKind,
    pub expr: TE,
}

#[derive(Debug, Clone)]
pub struct RuleIr {
    pub id: String,
    pub title: String,
    pub citation: CitationIr,
    pub from: Option<Date>,
    pub until: Option<Date>,
    pub conditions: Vec<ConditionIr>,
    pub outcomes: Vec<OutcomeIr>,
    pub unless: Vec<UnitRef>,
    pub exclusive: Option<String>,
    pub assumptions: Vec<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum CellIr {
    Any,
    Cmp(CmpOp, Value),
    In(Vec<Value>),
}

#[derive(Debug, Clone)]
pub struct RowIr {
    pub cells: Vec<CellIr>,
    pub outputs: Vec<Value>,
    pub priority: i64,
    /// The row as written, for traces.
    pub text: String,
}

#[derive(Debug, Clone)]
pub struct TableIr {
    pub id: String,
    pub title: String,
    pub citation: CitationIr,
    pub from: Option<Date>,
    pub until: Option<Date>,
    pub hit: HitPolicy,
    pub inputs: Vec<(String, String, TE)>,
    pub outputs: Vec<(String, Ty)>,
    pub rows: Vec<RowIr>,
    pub assumptions: Vec<String>,
}

/// A catalog item's field values, in field order, and the lines it cites.
pub type CatalogItem = (Vec<Value>, Option<(u32, u32)>);

#[derive(Debug, Clone)]
pub struct CatalogIr {
    pub id: String,
    pub title: String,
    pub key: usize,
    pub fields: Vec<(String, Ty)>,
    pub items: Vec<CatalogItem>,
}

#[derive(Debug, Clone)]
pub struct ExpectIr {
    pub unit: UnitRef,
    pub status: regula_runtime::Status,
    pub missing: Option<Vec<String>>,
    pub outcomes: Vec<(String, Value)>,
}

#[derive(Debug, Clone)]
pub struct CaseIr {
    pub name: String,
    pub as_of: Date,
    pub given: regula_runtime::Input,
    pub expect: Vec<ExpectIr>,
    pub why: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum CmpOp {
    Eq,
    Ne,
    Lt,
    Le,
    Gt,
    Ge,
}

impl CmpOp {
    /// Whether two values ordered `o` satisfy the comparison.
    pub fn holds(self, o: std::cmp::Ordering) -> bool {
        use std::cmp::Ordering::*;
        match self {
            CmpOp::Eq => o == Equal,
            CmpOp::Ne => o != Equal,
            CmpOp::Lt => o == Less,
            CmpOp::Le => o != Greater,
            CmpOp::Gt => o == Greater,
            CmpOp::Ge => o != Less,
        }
    }
}

/// The numeric kinds arithmetic mixes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum NumK {
    Money,
    Ratio,
    Decimal,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum AOp {
    Add,
    Sub,
    Mul,
    Div,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Arith {
    /// Money, ratio and decimal arithmetic; integers were converted first.
    Num { op: AOp, l: NumK, r: NumK, out: NumK },
    /// Integer `+ - *`; `/` yields a decimal.
    Int(AOp),
    /// `date ± duration`: sign 1 or -1.
    DateShift(i64),
    /// `date - date`: days.
    DateDiff,
    /// Durations of one unit: `+ -`, `/` yields a decimal.
    Dur(AOp),
    /// `duration * integer`.
    DurScale,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum AggKind {
    Sum,
    Count,
    Any,
    All,
    Map,
}

/// A typed expression.
#[derive(Debug, Clone)]
pub struct TE {
    pub kind: Box<TExpr>,
    pub ty: Ty,
}

#[derive(Debug, Clone)]
pub enum TExpr {
    Lit(Value),
    Fact {
        group: usize,
        field: usize,
    },
    /// A binder variable: index from the outermost binder (0) inward.
    Local(usize),
    /// A field of a record bound to a local.
    Field {
        local: usize,
        record: usize,
        field: usize,
        path: String,
    },
    Param {
        param: usize,
        at: Option<TE>,
    },
    AsOf,
    Applies(UnitRef),
    Outcome(UnitRef, usize),
    Not(TE),
    And(TE, TE),
    Or(TE, TE),
    Cmp(CmpOp, TE, TE),
    OneOf(TE, Vec<TE>),
    Contains(TE, TE),
    Arith(Arith, TE, TE),
    Neg(TE),
    ToDecimal(TE),
    If(TE, TE, TE),
    Min(Vec<TE>),
    Max(Vec<TE>),
    Coalesce(TE, TE),
    IsKnown(TE),
    Agg {
        kind: AggKind,
        list: TE,
        body: TE,
        record: usize,
        fact: String,
    },
    NextWorkingDay(TE),
    QuarterStart(TE),
    /// `date(y, m, d)`.
    MakeDate(TE, TE, TE),
    /// `working_days_between(a, b)`.
    WorkingDaysBetween(TE, TE),
    Year(TE),
    Month(TE),
    Round(TE, Rounding),
    CatalogHas {
        doc: usize,
        catalog: usize,
        key: TE,
    },
}

impl TE {
    pub fn new(kind: TExpr, ty: Ty) -> TE {
        TE { kind: Box::new(kind), ty }
    }

    /// The direct subexpressions (a rule reference has none: it names another unit).
    pub fn children(&self) -> Vec<&TE> {
        match &*self.kind {
            TExpr::Lit(_) | TExpr::Fact { .. } | TExpr::Local(_) | TExpr::Field { .. } | TExpr::AsOf => vec![],
            TExpr::Applies(_) | TExpr::Outcome(..) => vec![],
            TExpr::Param { at, .. } => at.iter().collect(),
            TExpr::Not(a) | TExpr::Neg(a) | TExpr::ToDecimal(a) | TExpr::IsKnown(a) | TExpr::NextWorkingDay(a) => vec![a],
            TExpr::QuarterStart(a) | TExpr::Year(a) | TExpr::Month(a) | TExpr::Round(a, _) => vec![a],
            TExpr::CatalogHas { key, .. } => vec![key],
            TExpr::And(a, b) | TExpr::Or(a, b) | TExpr::Cmp(_, a, b) | TExpr::Contains(a, b) | TExpr::Arith(_, a, b) => vec![a, b],
            TExpr::Coalesce(a, b) | TExpr::WorkingDaysBetween(a, b) => vec![a, b],
            TExpr::Agg { list, body, .. } => vec![list, body],
            TExpr::If(a, b, c) | TExpr::MakeDate(a, b, c) => vec![a, b, c],
            TExpr::OneOf(a, items) => std::iter::once(a).chain(items).collect(),
            TExpr::Min(items) | TExpr::Max(items) => items.iter().collect(),
        }
    }
}

impl Program {
    /// The units of `docs` that another unit uses, in `order`: see [`Program::shared`].
    pub fn shared_units(docs: &[DocIr], order: &[UnitRef]) -> Vec<UnitRef> {
        fn uses(e: &TE, out: &mut Vec<UnitRef>) {
            match &*e.kind {
                TExpr::Applies(u) | TExpr::Outcome(u, _) => out.push(*u),
                _ => e.children().into_iter().for_each(|c| uses(c, out)),
            }
        }
        let mut used = Vec::new();
        for d in docs {
            for r in &d.rules {
                r.conditions.iter().for_each(|c| uses(&c.expr, &mut used));
                r.outcomes.iter().for_each(|o| uses(&o.expr, &mut used));
                used.extend(&r.unless);
            }
            for t in &d.tables {
                t.inputs.iter().for_each(|i| uses(&i.2, &mut used));
            }
        }
        used.sort_unstable();
        used.dedup();
        order.iter().copied().filter(|u| used.binary_search(u).is_ok()).collect()
    }

    /// A document's rules, then its tables, in declaration order: the order of its decisions.
    pub fn doc_units(&self, di: usize) -> impl Iterator<Item = UnitRef> + use<> {
        let d = &self.docs[di];
        (0..d.rules.len()).map(move |r| UnitRef::Rule(di, r)).chain((0..d.tables.len()).map(move |t| UnitRef::Table(di, t)))
    }

    /// The memo slot of a unit another unit uses, or `None` if no unit uses it.
    pub fn memo_slot(&self, u: UnitRef) -> Option<usize> {
        self.shared.iter().position(|x| *x == u)
    }

    /// A unit's id within its document (`scope`).
    pub fn unit_local_id(&self, u: UnitRef) -> &str {
        let d = &self.docs[u.doc()];
        match u {
            UnitRef::Rule(_, r) => &d.rules[r].id,
            UnitRef::Table(_, t) => &d.tables[t].id,
        }
    }

    /// A unit's qualified id (`n07.scope`).
    pub fn unit_id(&self, u: UnitRef) -> String {
        let d = &self.docs[u.doc()];
        match u {
            UnitRef::Rule(_, r) => format!("{}.{}", d.id, d.rules[r].id),
            UnitRef::Table(_, t) => format!("{}.{}", d.id, d.tables[t].id),
        }
    }

    /// The name of a rule's or table's outcome `i`.
    pub fn outcome_name(&self, u: UnitRef, i: usize) -> Option<&str> {
        let d = &self.docs[u.doc()];
        match u {
            UnitRef::Rule(_, r) => d.rules[r].outcomes.get(i).map(|o| o.id.as_str()),
            UnitRef::Table(_, t) => d.tables[t].outputs.get(i).map(|o| o.0.as_str()),
        }
    }

    /// Outcome names and types of a rule or table.
    pub fn unit_outcomes(&self, u: UnitRef) -> Vec<(String, Ty)> {
        let d = &self.docs[u.doc()];
        match u {
            UnitRef::Rule(_, r) => d.rules[r].outcomes.iter().map(|o| (o.id.clone(), o.expr.ty)).collect(),
            UnitRef::Table(_, t) => d.tables[t].outputs.clone(),
        }
    }
}

/// The Rust field, function or module name the emitter gives a policy name: characters
/// outside `[A-Za-z0-9_]` become `_`, a leading digit or an empty name gets a leading `_`,
/// and the names that cannot be raw identifiers (`_`, `self`, `super`, `crate`, `Self`) a
/// trailing one. Keywords that can be raw (`type`) stay as they are; the emitter writes
/// `r#type`. The checker compares these to refuse two names that would become one (E0106).
pub fn rust_value_name(name: &str) -> String {
    let clean: String = name.chars().map(|c| if c.is_ascii_alphanumeric() || c == '_' { c } else { '_' }).collect();
    let clean = if clean.starts_with(|c: char| c.is_ascii_digit()) || clean.is_empty() { format!("_{clean}") } else { clean };
    if matches!(clean.as_str(), "_" | "self" | "super" | "crate" | "Self") { format!("{clean}_") } else { clean }
}

/// The function of a unit that uses other rules, taking the evaluation's memo
/// (`interest_subsidy_with`).
pub fn rust_with_fn_name(unit: &str) -> String {
    format!("{}_with", rust_value_name(unit))
}

/// The function that reads a decision table's output cells (`rate_table_output`).
pub fn rust_output_fn_name(table: &str) -> String {
    format!("{}_output", rust_value_name(table))
}

/// The `Memo` method that decides a unit other units use (`n07_scope`).
pub fn rust_memo_method_name(doc: &str, unit: &str) -> String {
    format!("{}_{}", rust_value_name(doc), rust_value_name(unit))
}

/// The Rust type or variant name the emitter gives a policy name: `enterprise_size` →
/// `EnterpriseSize`, `q1` → `Q1` (and so is `q_1`, which is why the checker compares them).
pub fn rust_type_name(name: &str) -> String {
    let mut s = String::new();
    let mut up = true;
    for c in name.chars() {
        if c == '_' || !c.is_ascii_alphanumeric() {
            up = true;
        } else if up {
            s.push(c.to_ascii_uppercase());
            up = false;
        } else {
            s.push(c);
        }
    }
    if s.is_empty() || s.starts_with(|c: char| c.is_ascii_digit()) {
        s = format!("V{s}");
    }
    if s == "Self" {
        s = "Self_".into();
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Names the schema refuses still map to identifiers (the emitter never panics on them),
    /// and the clashes the checker refuses are real ones.
    #[test]
    fn rust_names() {
        for (name, value) in [("lpr_1y", "lpr_1y"), ("", "__"), ("self", "self_"), ("type", "type"), ("2 rate", "_2_rate")] {
            assert_eq!(rust_value_name(name), value, "{name:?}");
        }
        for (name, ty) in [("enterprise_size", "EnterpriseSize"), ("q1", "Q1"), ("q_1", "Q1"), ("", "V"), ("self", "Self_")] {
            assert_eq!(rust_type_name(name), ty, "{name:?}");
        }
    }
}

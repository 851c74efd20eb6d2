//! The policy model as editors write it in YAML. These types are the single source of the
//! JSON Schema (via schemars) and of deserialization; they hold strings for expressions and
//! literals, which the checker parses with spans.

use std::collections::BTreeMap;

use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};
use serde::{Deserialize, Serialize};

/// What a name that becomes a Rust identifier looks like: ids, and the keys of the maps that
/// declare enums and variants, records and fields, facts, parameters, outcomes, table columns
/// and catalog fields.
pub const NAME_PATTERN: &str = r"^[a-z][a-z0-9_]*$";

/// The schema of a map from names to `value` (`propertyNames`), so a key such as `Enterprise`,
/// `2 rate` or an empty one is refused where it is written, not in the generated code.
fn names_to(value: Schema) -> Schema {
    json_schema!({"type": "object", "propertyNames": {"pattern": NAME_PATTERN}, "additionalProperties": value})
}

/// A map from names to `V`, for `#[schemars(schema_with = "named::<V>")]`.
fn named<V: JsonSchema>(g: &mut SchemaGenerator) -> Schema {
    names_to(g.subschema_for::<V>())
}

/// Fact groups: group name → fact name → definition, both levels names.
fn named_fact_groups(g: &mut SchemaGenerator) -> Schema {
    names_to(named::<FieldDef>(g))
}

/// One policy file. Any section may be absent; a document's file has `document`.
#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PolicyFile {
    pub document: Option<Document>,
    /// Enumerations: identifier → definition.
    #[serde(default)]
    #[schemars(schema_with = "named::<EnumDef>")]
    pub enums: BTreeMap<String, EnumDef>,
    /// Record types used in lists: identifier → definition.
    #[serde(default)]
    #[schemars(schema_with = "named::<RecordDef>")]
    pub records: BTreeMap<String, RecordDef>,
    /// Facts by subject group: group → fact → definition.
    #[serde(default)]
    #[schemars(schema_with = "named_fact_groups")]
    pub facts: BTreeMap<String, BTreeMap<String, FieldDef>>,
    /// Time-dependent parameters: identifier → definition.
    #[serde(default)]
    #[schemars(schema_with = "named::<ParameterDef>")]
    pub parameters: BTreeMap<String, ParameterDef>,
    /// The official working-day calendar, one entry per year.
    #[serde(default)]
    pub calendar: Vec<CalendarYear>,
    #[serde(default)]
    pub rules: Vec<Rule>,
    #[serde(default)]
    pub tables: Vec<Table>,
    #[serde(default)]
    pub catalogs: Vec<Catalog>,
    /// Source lines that carry no checkable provision, with the reason.
    #[serde(default)]
    pub not_normative: Vec<NotNormative>,
    #[serde(default)]
    pub cases: Vec<Case>,
}

#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Document {
    /// snake_case identifier; the Rust module name.
    #[schemars(regex(pattern = NAME_PATTERN))]
    pub id: String,
    /// 文号, e.g. 长财金〔2020〕1623号.
    pub number: String,
    pub title: String,
    pub issuers: Vec<String>,
    pub level: Level,
    #[serde(default)]
    pub region: Option<String>,
    /// YYYY-MM-DD
    pub issued: String,
    /// First day in force, YYYY-MM-DD.
    pub effective: String,
    /// Last day in force (inclusive), YYYY-MM-DD; absent when open-ended.
    #[serde(default)]
    pub expires: Option<String>,
    #[serde(default)]
    pub source: Option<SourceRef>,
    #[serde(default)]
    pub relations: Vec<Relation>,
    /// Readings chosen where the text is ambiguous.
    #[serde(default)]
    pub assumptions: Vec<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Level {
    National,
    Provincial,
    Municipal,
    Standard,
}

#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SourceRef {
    /// File name under policies/sources/.
    pub file: String,
    /// Line range `A-B` of the document within the file.
    pub lines: Lines,
}

/// A line range `A-B`, or a single line number.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(untagged)]
pub enum Lines {
    One(u32),
    Range(#[schemars(regex(pattern = r"^[0-9]+(-[0-9]+)?$"))] String),
}

#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Relation {
    pub kind: RelationKind,
    /// A document id encoded here, or the number of a document that is not.
    pub target: String,
    #[serde(default)]
    pub note: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum RelationKind {
    Implements,
    Amends,
    Supersedes,
    OverriddenBy,
    RefersTo,
}

#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct EnumDef {
    pub label: String,
    /// Variant identifier → Chinese label.
    #[schemars(schema_with = "named::<String>")]
    pub variants: BTreeMap<String, String>,
}

#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RecordDef {
    pub label: String,
    #[schemars(schema_with = "named::<FieldDef>")]
    pub fields: BTreeMap<String, FieldDef>,
}

#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct FieldDef {
    /// bool, integer, decimal, money, ratio, date, days, months, years, working_days, text,
    /// enum(E), set(E), list(R).
    #[serde(rename = "type")]
    pub ty: String,
    pub label: String,
    #[serde(default)]
    pub note: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ParameterDef {
    #[serde(rename = "type")]
    pub ty: String,
    pub label: String,
    /// Who publishes the values.
    pub source: String,
    pub values: Vec<ParameterValue>,
}

#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ParameterValue {
    /// First day this value is in force.
    pub from: String,
    /// A literal of the parameter's type, e.g. `3.85%`.
    pub value: Scalar,
}

/// A YAML scalar written by an editor: read as text and parsed as a literal of the expected
/// type.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema, PartialEq)]
#[serde(untagged)]
pub enum Scalar {
    Bool(bool),
    Int(i64),
    Text(String),
    Float(f64),
}

#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CalendarYear {
    pub year: i16,
    /// The State Council notice that fixed the year's arrangements.
    pub notice: String,
    pub holidays: Vec<Holiday>,
    #[serde(default)]
    pub make_up_workdays: Vec<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Holiday {
    pub name: String,
    pub from: String,
    pub to: String,
}

#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Citation {
    /// Article or section as printed, e.g. 第八条 or 四（五）1.
    pub article: String,
    /// Lines of the document's source file; omitted for documents without a source file.
    #[serde(default)]
    pub lines: Option<Lines>,
    /// A short exact quote from those lines (line breaks joined).
    #[serde(default)]
    pub quote: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Window {
    #[serde(default)]
    pub from: Option<String>,
    #[serde(default)]
    pub until: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Rule {
    #[schemars(regex(pattern = NAME_PATTERN))]
    pub id: String,
    pub title: String,
    pub citation: Citation,
    #[serde(default)]
    pub in_force: Option<Window>,
    /// Conditions; all must hold.
    #[serde(default)]
    pub when: Vec<Condition>,
    #[serde(default)]
    #[schemars(schema_with = "named::<OutcomeDef>")]
    pub outcomes: BTreeMap<String, OutcomeDef>,
    /// Exceptions: rules that, when they apply, defeat this one.
    #[serde(default)]
    pub unless: Vec<String>,
    /// Exclusivity group (不得重复享受).
    #[serde(default)]
    pub exclusive: Option<String>,
    #[serde(default)]
    pub assumptions: Vec<String>,
}

/// A condition: an expression, or an expression with a label.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(untagged)]
pub enum Condition {
    Expr(String),
    Labelled {
        #[serde(rename = "if")]
        expr: String,
        label: String,
    },
}

#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct OutcomeDef {
    pub label: String,
    #[serde(default)]
    pub kind: Option<OutcomeKind>,
    /// An expression.
    pub value: Scalar,
    /// 最高不超过: the outcome is at most this.
    #[serde(default)]
    pub cap: Option<Scalar>,
    /// 不低于: the outcome is at least this.
    #[serde(default)]
    pub floor: Option<Scalar>,
    #[serde(default)]
    pub round: Option<RoundSpec>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum OutcomeKind {
    Amount,
    Rate,
    Deadline,
    Eligibility,
    Permission,
    Exemption,
    Obligation,
    Prohibition,
    Value,
}

#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(untagged)]
pub enum RoundSpec {
    Unit(RoundUnit),
    Full { to: RoundUnit, mode: RoundMode },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum RoundUnit {
    Yuan,
    Jiao,
    Fen,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum RoundMode {
    HalfUp,
    HalfEven,
    Down,
    Up,
}

#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Table {
    #[schemars(regex(pattern = NAME_PATTERN))]
    pub id: String,
    pub title: String,
    pub citation: Citation,
    pub hit: HitPolicy,
    /// Whether every input combination must match some row.
    #[serde(default)]
    pub complete: bool,
    /// Input column → expression.
    #[schemars(schema_with = "named::<String>")]
    pub inputs: BTreeMap<String, String>,
    /// Output column → type.
    #[schemars(schema_with = "named::<String>")]
    pub outputs: BTreeMap<String, String>,
    pub rows: Vec<Row>,
    #[serde(default)]
    pub assumptions: Vec<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum HitPolicy {
    Unique,
    First,
    Priority,
    CollectSum,
    CollectMax,
}

#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Row {
    /// Input column → cell (`-`, `>= 1000`, `in [a, b]`, or a literal).
    #[serde(default)]
    pub when: BTreeMap<String, Scalar>,
    /// Output column → literal.
    pub then: BTreeMap<String, Scalar>,
    /// Under the `priority` hit policy, the higher wins.
    #[serde(default)]
    pub priority: Option<i64>,
    #[serde(default)]
    pub note: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Catalog {
    #[schemars(regex(pattern = NAME_PATTERN))]
    pub id: String,
    pub title: String,
    #[serde(default)]
    pub citation: Option<Citation>,
    /// The field that identifies an item.
    pub key: String,
    /// Field → type (integer, text, decimal, money, date, bool, enum(E)).
    #[schemars(schema_with = "named::<String>")]
    pub fields: BTreeMap<String, String>,
    pub items: Vec<BTreeMap<String, Scalar>>,
}

#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct NotNormative {
    pub lines: Lines,
    pub reason: String,
}

#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Case {
    pub name: String,
    /// The date the law is read at, YYYY-MM-DD.
    pub as_of: String,
    /// Facts in the same shape as `regula eval` input.
    #[serde(default)]
    pub given: serde_json::Map<String, serde_json::Value>,
    /// Rule or table id (`rule`, or `doc.rule` for another document) → expected decision.
    pub expect: BTreeMap<String, Expectation>,
    #[serde(default)]
    pub why: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
pub struct Expectation {
    pub status: ExpectedStatus,
    /// Facts the decision must name as missing (undetermined only).
    #[serde(default)]
    pub missing: Option<Vec<String>>,
    /// Outcome → expected literal.
    #[serde(flatten)]
    pub outcomes: BTreeMap<String, serde_json::Value>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum ExpectedStatus {
    Applies,
    DoesNotApply,
    Undetermined,
}

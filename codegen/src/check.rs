//! The semantic checker: resolves every name, types every expression, verifies citations
//! against the shipped source texts, checks decision tables for overlaps and gaps, and checks
//! cases — producing the [`Program`] IR, or every diagnostic found.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::ops::Range;

use regula_runtime::decision::HitPolicy as RtHit;
use regula_runtime::time::parse_date;
use regula_runtime::{Date, DurationUnit, OutcomeKind as RtKind, Rounding, RoundingMode, RoundingUnit, Status, Value};

use crate::diag::{Diagnostic, SourceFile};
use crate::expr::{self, BinOp, Cell, Expr, ExprKind, Lit};
use crate::ir::*;
use crate::load::{self, SpanMap};
use crate::model::{self, Condition, Lines, PolicyFile, Scalar};

/// The source texts rules cite, by file name (`47.txt`).
pub type Sources = BTreeMap<String, String>;

/// One policy file after [`load::load`]: its index in the file list, its model and its spans.
pub type LoadedFile = (usize, PolicyFile, SpanMap);

/// Loads and checks a policy tree. `files` are the policy files, in a stable order.
pub fn check(files: &[SourceFile], sources: &Sources) -> Result<Program, Vec<Diagnostic>> {
    let mut loaded = Vec::new();
    let mut diags = Vec::new();
    for (i, f) in files.iter().enumerate() {
        match load::load(i, &f.text) {
            Ok((p, s)) => loaded.push((i, p, s)),
            Err(d) => diags.extend(d),
        }
    }
    if !diags.is_empty() {
        return Err(diags);
    }
    check_loaded(files, &loaded, sources)
}

/// Checks files already loaded, so a caller that checks many variants of a tree (the
/// expression fuzzer) loads the unchanged files once. `loaded` holds every file of `files`.
pub fn check_loaded(files: &[SourceFile], loaded: &[LoadedFile], sources: &Sources) -> Result<Program, Vec<Diagnostic>> {
    let mut c = Checker { files, sources, diags: Vec::new(), spans: HashMap::new() };
    for (i, _, s) in loaded {
        c.spans.insert(*i, s.clone());
    }
    let program = c.program(loaded);
    if c.diags.is_empty() {
        Ok(program)
    } else {
        c.diags.sort_by_key(|d| (d.file, d.span.start));
        c.diags.dedup();
        Err(c.diags)
    }
}

struct Checker<'a> {
    files: &'a [SourceFile],
    sources: &'a Sources,
    diags: Vec<Diagnostic>,
    spans: HashMap<usize, SpanMap>,
}

/// Where something was written: file and JSON-pointer path.
#[derive(Clone)]
struct At {
    file: usize,
    path: String,
}

impl At {
    fn new(file: usize, path: impl Into<String>) -> At {
        At { file, path: path.into() }
    }
    fn join(&self, seg: impl std::fmt::Display) -> At {
        At { file: self.file, path: format!("{}/{}", self.path, seg) }
    }
}

/// An expression parsed from a YAML scalar, with the file offset of its first character.
struct Parsed {
    text: String,
    ast: Option<Expr>,
    at: At,
    base: usize,
    /// File offset of each byte offset of `text` (and one past its end).
    map: Vec<usize>,
}

/// The typing scope of an expression.
struct Scope {
    doc: usize,
    locals: Vec<(String, Ty)>,
    /// The fact path each local iterates (`enterprise.loans`), for naming missing fields.
    paths: Vec<String>,
}

struct Decls {
    enums: Vec<EnumIr>,
    enum_ix: HashMap<String, usize>,
    records: Vec<RecordIr>,
    record_ix: HashMap<String, usize>,
    groups: Vec<GroupIr>,
    group_ix: HashMap<String, usize>,
    params: Vec<ParamIr>,
    param_ix: HashMap<String, usize>,
    doc_ix: HashMap<String, usize>,
    units: HashMap<(usize, String), UnitRef>,
    outcome_tys: HashMap<UnitRef, Vec<(String, Ty)>>,
    catalogs: HashMap<(usize, String), usize>,
    /// Key type of each catalog, by (document, catalog index).
    catalog_keys: HashMap<(usize, usize), Ty>,
}

fn scalar_text(s: &Scalar) -> String {
    match s {
        Scalar::Bool(b) => b.to_string(),
        Scalar::Int(i) => i.to_string(),
        Scalar::Text(t) => t.clone(),
        Scalar::Float(f) => f.to_string(),
    }
}

fn lines_of(l: &Lines) -> Option<(u32, u32)> {
    match l {
        Lines::One(n) => Some((*n, *n)),
        Lines::Range(s) => {
            let mut it = s.splitn(2, '-');
            let a: u32 = it.next()?.trim().parse().ok()?;
            let b: u32 = match it.next() {
                Some(b) => b.trim().parse().ok()?,
                None => a,
            };
            (a >= 1 && a <= b).then_some((a, b))
        }
    }
}

/// Removes what an editor may leave out of a quote: whitespace, and the page numbers the
/// typesetting left inside sentences (`—３—`).
fn normalize_quote(s: &str) -> String {
    let mut out = String::new();
    let chars: Vec<char> = s.chars().filter(|c| !c.is_whitespace()).collect();
    let mut i = 0;
    while i < chars.len() {
        if chars[i] == '—' {
            let mut j = i + 1;
            while j < chars.len() && (chars[j].is_ascii_digit() || ('０'..='９').contains(&chars[j])) {
                j += 1;
            }
            if j > i + 1 && j < chars.len() && chars[j] == '—' {
                i = j + 1;
                continue;
            }
        }
        out.push(chars[i]);
        i += 1;
    }
    out
}

pub fn parse_ty_name(s: &str) -> Option<(&str, Option<&str>)> {
    let s = s.trim();
    match s.find('(') {
        Some(i) if s.ends_with(')') => Some((&s[..i], Some(s[i + 1..s.len() - 1].trim()))),
        Some(_) => None,
        None => Some((s, None)),
    }
}

const BUILTINS: &[&str] = &[
    "date",
    "working_days_between",
    "min",
    "max",
    "sum",
    "count",
    "any",
    "all",
    "map",
    "is_known",
    "coalesce",
    "next_working_day",
    "quarter_start",
    "year",
    "month",
    "round_yuan",
    "round_fen",
];

impl<'a> Checker<'a> {
    fn span(&self, at: &At) -> Range<usize> {
        self.spans.get(&at.file).map_or(0..0, |s| s.value(&at.path))
    }
    fn key_span(&self, at: &At) -> Range<usize> {
        self.spans.get(&at.file).map_or(0..0, |s| s.key(&at.path))
    }
    fn err(&mut self, code: &'static str, at: &At, msg: impl Into<String>, label: impl Into<String>, help: impl Into<String>) {
        let span = self.span(at);
        self.diags.push(Diagnostic::new(code, at.file, span, msg).label(label).help(help));
    }
    fn err_key(&mut self, code: &'static str, at: &At, msg: impl Into<String>, label: impl Into<String>, help: impl Into<String>) {
        let span = self.key_span(at);
        self.diags.push(Diagnostic::new(code, at.file, span, msg).label(label).help(help));
    }
    fn err_span(
        &mut self,
        code: &'static str,
        file: usize,
        span: Range<usize>,
        msg: impl Into<String>,
        label: impl Into<String>,
        help: impl Into<String>,
    ) {
        self.diags.push(Diagnostic::new(code, file, span, msg).label(label).help(help));
    }

    fn date(&mut self, s: &str, at: &At) -> Option<Date> {
        let d = parse_date(s);
        if d.is_none() {
            self.err(
                "E0204",
                at,
                format!("`{s}` is not a valid date"),
                "invalid date",
                "dates are YYYY-MM-DD and must exist in the calendar (e.g. no 2020-02-30)",
            );
        }
        d
    }

    /// Parses an expression written at `at`, locating it in the file for exact spans.
    fn parse(&mut self, text: &str, at: &At) -> Parsed {
        let span = self.span(at);
        let file_text = self.files.get(at.file).map_or("", |f| f.text.as_str());
        let map = offset_map(file_text.get(span.clone()).unwrap_or(""), span.start, text);
        let base = map.first().copied().unwrap_or(span.start);
        let ast = match expr::parse(text) {
            Ok(e) => Some(e),
            Err(e) => {
                let (a, b) = (map_at(&map, e.span.start), map_at(&map, e.span.end.max(e.span.start + 1)));
                self.err_span("E0205", at.file, a..b.max(a + 1), e.message, "here", e.help);
                None
            }
        };
        Parsed { text: text.to_string(), ast, at: at.clone(), base, map }
    }

    fn ty(&mut self, s: &str, d: &Decls, at: &At) -> Option<Ty> {
        let Some((head, arg)) = parse_ty_name(s) else {
            self.err(
                "E0105",
                at,
                format!("malformed type `{s}`"),
                "unknown type",
                "types: bool, integer, decimal, money, ratio, date, days, months, years, working_days, text, enum(E), set(E), list(R)",
            );
            return None;
        };
        let t = match (head, arg) {
            ("bool", None) => Ty::Bool,
            ("integer", None) => Ty::Int,
            ("decimal", None) => Ty::Decimal,
            ("money", None) => Ty::Money,
            ("ratio", None) => Ty::Ratio,
            ("date", None) => Ty::Date,
            ("days", None) => Ty::Dur(DurationUnit::Days),
            ("months", None) => Ty::Dur(DurationUnit::Months),
            ("years", None) => Ty::Dur(DurationUnit::Years),
            ("working_days", None) => Ty::Dur(DurationUnit::WorkingDays),
            ("text", None) => Ty::Text,
            ("enum" | "set", Some(e)) => match d.enum_ix.get(e) {
                Some(&i) => {
                    if head == "enum" {
                        Ty::Enum(i)
                    } else {
                        Ty::Set(i)
                    }
                }
                None => {
                    self.err("E0105", at, format!("unknown enum `{e}`"), "not declared", "declare it under `enums:` in a facts file");
                    return None;
                }
            },
            ("list", Some(r)) => match d.record_ix.get(r) {
                Some(&i) => Ty::List(i),
                None => {
                    self.err("E0105", at, format!("unknown record `{r}`"), "not declared", "declare it under `records:` in a facts file");
                    return None;
                }
            },
            _ => {
                self.err(
                    "E0105",
                    at,
                    format!("unknown type `{s}`"),
                    "unknown type",
                    "types: bool, integer, decimal, money, ratio, date, days, months, years, working_days, text, enum(E), set(E), list(R)",
                );
                return None;
            }
        };
        Some(t)
    }

    fn ty_name(&self, t: Ty, d: &Decls) -> String {
        match t {
            Ty::Bool => "bool".into(),
            Ty::Int => "integer".into(),
            Ty::Decimal => "decimal".into(),
            Ty::Money => "money".into(),
            Ty::Ratio => "ratio".into(),
            Ty::Date => "date".into(),
            Ty::Dur(DurationUnit::Days) => "days".into(),
            Ty::Dur(DurationUnit::Months) => "months".into(),
            Ty::Dur(DurationUnit::Years) => "years".into(),
            Ty::Dur(DurationUnit::WorkingDays) => "working_days".into(),
            Ty::Text => "text".into(),
            Ty::Enum(e) => format!("enum({})", d.enums.get(e).map_or("?", |x| x.id.as_str())),
            Ty::Set(e) => format!("set({})", d.enums.get(e).map_or("?", |x| x.id.as_str())),
            Ty::List(r) => format!("list({})", d.records.get(r).map_or("?", |x| x.id.as_str())),
            Ty::Record(r) => d.records.get(r).map_or("?", |x| x.id.as_str()).to_string(),
            Ty::ListOf(e) => format!("list of {}", self.ty_name(e.ty(), d)),
        }
    }

    fn program(&mut self, loaded: &[LoadedFile]) -> Program {
        let mut d = Decls {
            enums: Vec::new(),
            enum_ix: HashMap::new(),
            records: Vec::new(),
            record_ix: HashMap::new(),
            groups: Vec::new(),
            group_ix: HashMap::new(),
            params: Vec::new(),
            param_ix: HashMap::new(),
            doc_ix: HashMap::new(),
            units: HashMap::new(),
            outcome_tys: HashMap::new(),
            catalogs: HashMap::new(),
            catalog_keys: HashMap::new(),
        };
        // Enums and record names first: types refer to them.
        let mut enum_first: HashMap<String, At> = HashMap::new();
        for (f, p, _) in loaded {
            for (id, e) in &p.enums {
                let at = At::new(*f, format!("/enums/{id}"));
                if enum_first.contains_key(id) {
                    self.err_key(
                        "E0106",
                        &at,
                        format!("enum `{id}` is declared twice"),
                        "declared again here",
                        "one vocabulary: keep a single declaration",
                    );
                    continue;
                }
                enum_first.insert(id.clone(), at);
                d.enum_ix.insert(id.clone(), d.enums.len());
                d.enums.push(EnumIr {
                    id: id.clone(),
                    label: e.label.clone(),
                    variants: e.variants.iter().map(|(k, v)| (k.clone(), v.clone())).collect(),
                });
            }
            for (id, r) in &p.records {
                if d.record_ix.contains_key(id) {
                    let at = At::new(*f, format!("/records/{id}"));
                    self.err_key(
                        "E0106",
                        &at,
                        format!("record `{id}` is declared twice"),
                        "declared again here",
                        "keep a single declaration",
                    );
                    continue;
                }
                d.record_ix.insert(id.clone(), d.records.len());
                d.records.push(RecordIr { id: id.clone(), label: r.label.clone(), fields: Vec::new() });
            }
        }
        for (f, p, _) in loaded {
            for (id, r) in &p.records {
                let Some(&ri) = d.record_ix.get(id) else { continue };
                if !d.records[ri].fields.is_empty() {
                    continue;
                }
                let mut fields = Vec::new();
                for (fid, fd) in &r.fields {
                    let at = At::new(*f, format!("/records/{id}/fields/{fid}/type"));
                    if let Some(t) = self.ty(&fd.ty, &d, &at) {
                        if matches!(t, Ty::List(_)) {
                            self.err(
                                "E0105",
                                &at,
                                "records cannot nest lists",
                                "nested list",
                                "flatten the record or add another list fact",
                            );
                        }
                        fields.push(FieldIr { id: fid.clone(), label: fd.label.clone(), ty: t });
                    }
                }
                d.records[ri].fields = fields;
            }
        }
        // Facts, grouped by subject across files.
        let mut groups: BTreeMap<String, BTreeMap<String, FieldIr>> = BTreeMap::new();
        for (f, p, _) in loaded {
            for (g, facts) in &p.facts {
                for (id, fd) in facts {
                    let at = At::new(*f, format!("/facts/{g}/{id}"));
                    if groups.get(g).is_some_and(|m| m.contains_key(id)) {
                        self.err_key(
                            "E0106",
                            &at,
                            format!("fact `{g}.{id}` is declared twice"),
                            "declared again here",
                            "one vocabulary: reuse the existing fact",
                        );
                        continue;
                    }
                    if let Some(t) = self.ty(&fd.ty, &d, &at.join("type")) {
                        groups.entry(g.clone()).or_default().insert(id.clone(), FieldIr { id: id.clone(), label: fd.label.clone(), ty: t });
                    }
                }
            }
        }
        for (g, facts) in groups {
            d.group_ix.insert(g.clone(), d.groups.len());
            d.groups.push(GroupIr { id: g, facts: facts.into_values().collect() });
        }
        self.rust_name_clashes(loaded);
        // Parameters.
        for (f, p, _) in loaded {
            for (id, pd) in &p.parameters {
                let at = At::new(*f, format!("/parameters/{id}"));
                if d.param_ix.contains_key(id) || d.group_ix.contains_key(id) {
                    self.err_key(
                        "E0106",
                        &at,
                        format!("parameter `{id}` is declared twice or shadows a fact group"),
                        "declared again here",
                        "rename it",
                    );
                    continue;
                }
                let Some(ty) = self.ty(&pd.ty, &d, &at.join("type")) else { continue };
                let mut values = Vec::new();
                for (i, v) in pd.values.iter().enumerate() {
                    let vat = at.join("values").join(i);
                    let Some(from) = self.date(&v.from, &vat.join("from")) else { continue };
                    if let Some(val) = self.literal(&scalar_text(&v.value), ty, &d, &vat.join("value")) {
                        values.push((from, val));
                    }
                }
                if values.windows(2).any(|w| w[0].0 >= w[1].0) {
                    self.err(
                        "E0701",
                        &at.join("values"),
                        format!("values of `{id}` are not in increasing date order"),
                        "out of order",
                        "list values from the oldest to the newest, one per start date",
                    );
                }
                d.param_ix.insert(id.clone(), d.params.len());
                d.params.push(ParamIr { id: id.clone(), label: pd.label.clone(), source: pd.source.clone(), ty, values });
            }
        }
        let calendar = self.calendar(loaded);
        // Documents and their unit names.
        let mut docs: Vec<(usize, &PolicyFile, DocIr)> = Vec::new();
        for (f, p, _) in loaded {
            let Some(doc) = &p.document else {
                if !p.rules.is_empty() || !p.tables.is_empty() || !p.cases.is_empty() || !p.catalogs.is_empty() {
                    let at = At::new(*f, "");
                    self.err(
                        "E0003",
                        &at,
                        "rules, tables, catalogs and cases need a `document` in the same file",
                        "no document",
                        "add a `document:` section naming the source",
                    );
                }
                continue;
            };
            let at = At::new(*f, "/document");
            if d.doc_ix.contains_key(&doc.id) {
                self.err(
                    "E0106",
                    &at.join("id"),
                    format!("document `{}` is declared twice", doc.id),
                    "declared again here",
                    "document ids are unique",
                );
                continue;
            }
            if let Some(ir) = self.document(doc, &at, *f) {
                d.doc_ix.insert(doc.id.clone(), docs.len());
                docs.push((*f, p, ir));
            }
        }
        for (di, (f, p, _)) in docs.iter().enumerate() {
            for (i, r) in p.rules.iter().enumerate() {
                if d.units.insert((di, r.id.clone()), UnitRef::Rule(di, i)).is_some() {
                    self.err(
                        "E0106",
                        &At::new(*f, format!("/rules/{i}/id")),
                        format!("`{}` is declared twice in this document", r.id),
                        "duplicate id",
                        "rule and table ids are unique within a document",
                    );
                }
            }
            for (i, t) in p.tables.iter().enumerate() {
                if d.units.insert((di, t.id.clone()), UnitRef::Table(di, i)).is_some() {
                    self.err(
                        "E0106",
                        &At::new(*f, format!("/tables/{i}/id")),
                        format!("`{}` is declared twice in this document", t.id),
                        "duplicate id",
                        "rule and table ids are unique within a document",
                    );
                }
            }
            for (i, c) in p.catalogs.iter().enumerate() {
                if d.catalogs.insert((di, c.id.clone()), i).is_some() {
                    self.err(
                        "E0106",
                        &At::new(*f, format!("/catalogs/{i}/id")),
                        format!("catalog `{}` is declared twice", c.id),
                        "duplicate id",
                        "catalog ids are unique within a document",
                    );
                }
            }
        }
        self.module_name_clashes(&docs);
        // Relations name an encoded document by id, or a document that is not encoded by its
        // number; an id-shaped target that names nothing is a typo.
        for (f, p, _) in &docs {
            let Some(doc) = &p.document else { continue };
            for (i, r) in doc.relations.iter().enumerate() {
                let t = r.target.as_str();
                let id_shaped = t.chars().next().is_some_and(|c| c.is_ascii_lowercase())
                    && t.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_');
                if id_shaped && !d.doc_ix.contains_key(t) {
                    let at = At::new(*f, format!("/document/relations/{i}/target"));
                    self.err(
                        "E0103",
                        &at,
                        format!("no document has the id `{t}`"),
                        "unknown document",
                        "name an encoded document by its id, or a document that is not encoded by its number (e.g. 财库〔2011〕181号)",
                    );
                }
            }
        }
        // A rule named like a fact group or a document could never be referenced: paths
        // resolve to facts and documents first.
        let mut clashes: Vec<(usize, String, String)> = Vec::new();
        for ((di, id), u) in &d.units {
            if d.group_ix.contains_key(id) || d.doc_ix.contains_key(id) || d.param_ix.contains_key(id) {
                let path = match u {
                    UnitRef::Rule(_, i) => format!("/rules/{i}/id"),
                    UnitRef::Table(_, i) => format!("/tables/{i}/id"),
                };
                clashes.push((docs[*di].0, path, id.clone()));
            }
        }
        clashes.sort();
        for (f, path, id) in clashes {
            self.err(
                "E0106",
                &At::new(f, path),
                format!("`{id}` is already the name of a fact group, parameter or document"),
                "ambiguous name",
                format!("`{id}.x` would refer to that, not to this rule; rename the rule"),
            );
        }
        // Catalogs first: rules may test membership.
        let mut catalogs: HashMap<usize, Vec<CatalogIr>> = HashMap::new();
        for (di, (f, p, _)) in docs.iter().enumerate() {
            let cats: Vec<CatalogIr> = p
                .catalogs
                .iter()
                .enumerate()
                .filter_map(|(i, c)| self.catalog(c, &d, &At::new(*f, format!("/catalogs/{i}")), di, &docs))
                .collect();
            for (ci, c) in cats.iter().enumerate() {
                if let Some((_, ty)) = c.fields.get(c.key) {
                    d.catalog_keys.insert((di, ci), *ty);
                }
            }
            catalogs.insert(di, cats);
        }
        // Parse everything, find dependencies, order units.
        let mut parsed: HashMap<UnitRef, Vec<Parsed>> = HashMap::new();
        for (di, (f, p, _)) in docs.iter().enumerate() {
            for (i, r) in p.rules.iter().enumerate() {
                let at = At::new(*f, format!("/rules/{i}"));
                let mut v = Vec::new();
                for (k, c) in r.when.iter().enumerate() {
                    let (text, cat) = match c {
                        Condition::Expr(s) => (s.clone(), at.join("when").join(k)),
                        Condition::Labelled { expr, .. } => (expr.clone(), at.join("when").join(k).join("if")),
                    };
                    v.push(self.parse(&text, &cat));
                }
                for (name, o) in &r.outcomes {
                    let oat = at.join("outcomes").join(name);
                    v.push(self.parse(&scalar_text(&o.value), &oat.join("value")));
                    if let Some(cap) = &o.cap {
                        v.push(self.parse(&scalar_text(cap), &oat.join("cap")));
                    }
                    if let Some(fl) = &o.floor {
                        v.push(self.parse(&scalar_text(fl), &oat.join("floor")));
                    }
                }
                parsed.insert(UnitRef::Rule(di, i), v);
            }
            for (i, t) in p.tables.iter().enumerate() {
                let at = At::new(*f, format!("/tables/{i}/inputs"));
                let v = t.inputs.iter().map(|(k, e)| self.parse(e, &at.join(k))).collect();
                parsed.insert(UnitRef::Table(di, i), v);
            }
        }
        let mut deps: BTreeMap<UnitRef, Vec<UnitRef>> = BTreeMap::new();
        for (u, ps) in &parsed {
            let mut out = Vec::new();
            for p in ps {
                if let Some(ast) = &p.ast {
                    collect_refs(ast, u.doc(), &d, &mut out);
                }
            }
            if let UnitRef::Rule(di, ri) = *u {
                if let Some(r) = docs.get(di).and_then(|x| x.1.rules.get(ri)) {
                    for (k, name) in r.unless.iter().enumerate() {
                        match resolve_unit(name, di, &d) {
                            Some(t) => out.push(t),
                            None => {
                                let at = At::new(docs[di].0, format!("/rules/{ri}/unless/{k}"));
                                self.err(
                                    "E0103",
                                    &at,
                                    format!("unknown rule `{name}`"),
                                    "no such rule or table",
                                    "name a rule of this document, or `doc.rule` for another document",
                                );
                            }
                        }
                    }
                }
            }
            out.sort();
            out.dedup();
            deps.insert(*u, out);
        }
        let order = self.toposort(&deps, &docs);
        // Type-check in dependency order.
        let mut rules: HashMap<UnitRef, RuleIr> = HashMap::new();
        let mut tables: HashMap<UnitRef, TableIr> = HashMap::new();
        for u in &order {
            let (f, p, doc) = &docs[u.doc()];
            let Some(ps) = parsed.remove(u) else { continue };
            match *u {
                UnitRef::Rule(di, i) => {
                    let at = At::new(*f, format!("/rules/{i}"));
                    if let Some(r) = self.rule(&p.rules[i], ps, &at, di, doc, &d) {
                        d.outcome_tys.insert(*u, r.outcomes.iter().map(|o| (o.id.clone(), o.expr.ty)).collect());
                        rules.insert(*u, r);
                    }
                }
                UnitRef::Table(di, i) => {
                    let at = At::new(*f, format!("/tables/{i}"));
                    if let Some(t) = self.table(&p.tables[i], ps, &at, di, doc, &d) {
                        d.outcome_tys.insert(*u, t.outputs.clone());
                        tables.insert(*u, t);
                    }
                }
            }
        }
        let mut out_docs = Vec::new();
        for (di, (f, p, mut doc)) in docs.into_iter().enumerate() {
            doc.rules = (0..p.rules.len()).filter_map(|i| rules.remove(&UnitRef::Rule(di, i))).collect();
            doc.tables = (0..p.tables.len()).filter_map(|i| tables.remove(&UnitRef::Table(di, i))).collect();
            doc.catalogs = catalogs.remove(&di).unwrap_or_default();
            for (i, n) in p.not_normative.iter().enumerate() {
                let at = At::new(f, format!("/not_normative/{i}/lines"));
                if let Some(l) = self.check_lines(&doc, &n.lines, &at) {
                    doc.not_normative.push((l, n.reason.clone()));
                }
            }
            out_docs.push((f, p, doc));
        }
        let mut program = Program {
            enums: d.enums.clone(),
            records: d.records.clone(),
            groups: d.groups.clone(),
            params: d.params.clone(),
            calendar,
            docs: out_docs.iter().map(|x| x.2.clone()).collect(),
            shared: Vec::new(),
            order,
        };
        program.shared = Program::shared_units(&program.docs, &program.order);
        if self.diags.is_empty() {
            for (di, (f, p, _)) in out_docs.iter().enumerate() {
                let cases = p
                    .cases
                    .iter()
                    .enumerate()
                    .filter_map(|(i, c)| self.case(c, &At::new(*f, format!("/cases/{i}")), di, &program, &d))
                    .collect();
                program.docs[di].cases = cases;
            }
        }
        program
    }

    /// Two vocabulary names the emitter would turn into one Rust name: enum variants `q1` and
    /// `q_1` are both `Q1`; an enum `x_facts` and the fact group `x` are both the type
    /// `XFacts`; facts `self` and `self_` are both the field `self_`. The generated crate
    /// would not compile, so the later declaration is refused here.
    fn rust_name_clashes(&mut self, loaded: &[LoadedFile]) {
        let mut types = HashMap::from([("Facts".to_string(), "the struct of all facts".to_string())]);
        let mut members: HashMap<String, HashMap<String, String>> = HashMap::new();
        for (f, p, _) in loaded {
            for (id, e) in &p.enums {
                let at = At::new(*f, format!("/enums/{id}"));
                self.claim_rust_name(&mut types, rust_type_name(id), format!("enum `{id}`"), &at, true);
                let variants = members.entry(format!("enum {id}")).or_default();
                for v in e.variants.keys() {
                    self.claim_rust_name(variants, rust_type_name(v), format!("variant `{v}`"), &at.join("variants").join(v), true);
                }
            }
            for (id, r) in &p.records {
                let at = At::new(*f, format!("/records/{id}"));
                self.claim_rust_name(&mut types, rust_type_name(id), format!("record `{id}`"), &at, true);
                let fields = members.entry(format!("record {id}")).or_default();
                for field in r.fields.keys() {
                    self.claim_rust_name(fields, rust_value_name(field), format!("field `{field}`"), &at.join("fields").join(field), true);
                }
            }
            for (g, facts) in &p.facts {
                let at = At::new(*f, format!("/facts/{g}"));
                self.claim_rust_name(&mut types, format!("{}Facts", rust_type_name(g)), format!("fact group `{g}`"), &at, true);
                let names = members.entry(format!("group {g}")).or_default();
                for id in facts.keys() {
                    self.claim_rust_name(names, rust_value_name(id), format!("fact `{g}.{id}`"), &at.join(id), true);
                }
            }
        }
    }

    /// Two declarations that would name one item of the generated crate: a document `facts`,
    /// `data` or `rt` (the crate root's own modules), a rule `evaluate` (every document module
    /// has one), a rule `x_with` beside a rule `x` that uses other rules (its function taking the
    /// evaluation's memo; reserved for every unit, as the checker cannot yet know), a rule
    /// `x_output` beside a table `x`, and memo methods `{document}_{unit}` across documents.
    fn module_name_clashes(&mut self, docs: &[(usize, &PolicyFile, DocIr)]) {
        let reserved =
            |names: &[(&str, &str)]| -> HashMap<String, String> { names.iter().map(|(n, w)| (n.to_string(), w.to_string())).collect() };
        let mut root =
            reserved(&[("facts", "the vocabulary module"), ("data", "the parameters module"), ("rt", "the runtime crate's alias")]);
        let mut memo = HashMap::new();
        for (f, p, _) in docs {
            let Some(doc) = &p.document else { continue };
            self.claim_rust_name(
                &mut root,
                rust_value_name(&doc.id),
                format!("document `{}`", doc.id),
                &At::new(*f, "/document/id"),
                false,
            );
            let mut items = reserved(&[("evaluate", "the module's `evaluate` function")]);
            let units = p.rules.iter().enumerate().map(|(i, r)| (&r.id, format!("/rules/{i}/id"), "rule"));
            let units = units.chain(p.tables.iter().enumerate().map(|(i, t)| (&t.id, format!("/tables/{i}/id"), "table")));
            for (id, path, kind) in units {
                let at = At::new(*f, path);
                self.claim_rust_name(&mut items, rust_value_name(id), format!("{kind} `{id}`"), &at, false);
                self.claim_rust_name(&mut items, rust_with_fn_name(id), format!("{kind} `{id}` (its memo function)"), &at, false);
                if kind == "table" {
                    self.claim_rust_name(&mut items, rust_output_fn_name(id), format!("table `{id}` (its output function)"), &at, false);
                }
                self.claim_rust_name(&mut memo, rust_memo_method_name(&doc.id, id), format!("{kind} `{}.{id}`", doc.id), &at, false);
            }
        }
    }

    /// Records that `what` becomes `rust` in the generated code, or reports the clash when
    /// something else already did (the same declaration seen again is E0106's own case).
    /// `at` is a map key (a vocabulary declaration) when `at_key`, else an `id:` value.
    fn claim_rust_name(&mut self, taken: &mut HashMap<String, String>, rust: String, what: String, at: &At, at_key: bool) {
        match taken.get(&rust) {
            Some(first) if *first != what => {
                let message = format!("{what} and {first} both become `{rust}` in the generated Rust");
                let span = if at_key { self.key_span(at) } else { self.span(at) };
                let help = if first.starts_with("the ") {
                    format!("choose another name: `{rust}` is {first}")
                } else {
                    "rename one of them".to_string()
                };
                self.err_span("E0106", at.file, span, message, "same Rust name", help);
            }
            Some(_) => {}
            None => {
                taken.insert(rust, what);
            }
        }
    }

    fn calendar(&mut self, loaded: &[LoadedFile]) -> CalendarIr {
        let mut cal = CalendarIr::default();
        for (f, p, _) in loaded {
            for (i, y) in p.calendar.iter().enumerate() {
                let at = At::new(*f, format!("/calendar/{i}"));
                if cal.years.iter().any(|(yy, _)| *yy == y.year) {
                    self.err("E0701", &at.join("year"), format!("year {} is listed twice", y.year), "duplicate year", "one entry per year");
                    continue;
                }
                for (k, h) in y.holidays.iter().enumerate() {
                    let hat = at.join("holidays").join(k);
                    let (Some(a), Some(b)) = (self.date(&h.from, &hat.join("from")), self.date(&h.to, &hat.join("to"))) else { continue };
                    // No official break is longer than a month; a longer range is a typo (and
                    // expanding a range of centuries day by day would exhaust memory).
                    let too_long = regula_runtime::time::add_calendar(a, 31, DurationUnit::Days).is_ok_and(|last| b > last);
                    if a > b || too_long || a.year() != y.year && b.year() != y.year {
                        self.err(
                            "E0701",
                            &hat,
                            format!("holiday {} runs backwards, lies outside {} or is longer than a month", h.name, y.year),
                            "bad range",
                            "`from` ≤ `to`, within the year of the entry, at most 31 days apart",
                        );
                        continue;
                    }
                    let mut day = a;
                    while day <= b {
                        cal.holidays.push(day);
                        match day.tomorrow() {
                            Ok(n) => day = n,
                            Err(_) => break,
                        }
                    }
                }
                for (k, w) in y.make_up_workdays.iter().enumerate() {
                    if let Some(day) = self.date(w, &at.join("make_up_workdays").join(k)) {
                        cal.workdays.push(day);
                    }
                }
                cal.years.push((y.year, y.notice.clone()));
            }
        }
        cal.years.sort();
        cal.holidays.sort();
        cal.holidays.dedup();
        cal.workdays.sort();
        cal.workdays.dedup();
        if let Some(w) = cal.years.windows(2).find(|w| w[1].0 != w[0].0 + 1) {
            let year = w[0].0 + 1;
            if let Some((f, _, _)) = loaded.iter().find(|(_, p, _)| !p.calendar.is_empty()) {
                self.err(
                    "E0701",
                    &At::new(*f, "/calendar"),
                    format!("the calendar skips {year}"),
                    "gap in years",
                    "list every year between the first and the last",
                );
            }
        }
        cal
    }

    fn document(&mut self, doc: &model::Document, at: &At, file: usize) -> Option<DocIr> {
        let issued = self.date(&doc.issued, &at.join("issued"));
        let effective = self.date(&doc.effective, &at.join("effective"));
        let expires = match &doc.expires {
            Some(e) => Some(self.date(e, &at.join("expires"))?),
            None => None,
        };
        let source = match &doc.source {
            Some(s) => {
                let sat = at.join("source");
                let Some(text) = self.sources.get(&s.file) else {
                    let known: Vec<_> = self.sources.keys().take(3).cloned().collect();
                    self.err(
                        "E0303",
                        &sat.join("file"),
                        format!("source file `{}` not found", s.file),
                        "not in policies/sources/",
                        format!("source files are named like {}", known.join(", ")),
                    );
                    return None;
                };
                let n = text.lines().count() as u32;
                let Some(lines) = lines_of(&s.lines) else {
                    self.err(
                        "E0301",
                        &sat.join("lines"),
                        "malformed line range",
                        "expected `A-B`",
                        "write the first and last line, e.g. `1-158`",
                    );
                    return None;
                };
                if lines.1 > n {
                    self.err(
                        "E0301",
                        &sat.join("lines"),
                        format!("line {} is past the end of {} ({} lines)", lines.1, s.file, n),
                        "outside the file",
                        format!("the file has {n} lines"),
                    );
                    return None;
                }
                Some((s.file.clone(), lines))
            }
            None => None,
        };
        let (issued, effective) = (issued?, effective?);
        Some(DocIr {
            id: doc.id.clone(),
            number: doc.number.clone(),
            title: doc.title.clone(),
            issuers: doc.issuers.clone(),
            level: format!("{:?}", doc.level).to_lowercase(),
            region: doc.region.clone(),
            issued,
            effective,
            expires,
            source,
            relations: doc.relations.iter().map(|r| (format!("{:?}", r.kind), r.target.clone(), r.note.clone())).collect(),
            assumptions: doc.assumptions.clone(),
            rules: Vec::new(),
            tables: Vec::new(),
            catalogs: Vec::new(),
            not_normative: Vec::new(),
            cases: Vec::new(),
            file,
        })
    }

    /// Checks a line range against the document's part of its source file.
    fn check_lines(&mut self, doc: &DocIr, l: &Lines, at: &At) -> Option<(u32, u32)> {
        let Some(lines) = lines_of(l) else {
            self.err("E0301", at, "malformed line range", "expected `A-B`", "write the first and last line, e.g. `90-94`");
            return None;
        };
        let Some((file, (a, b))) = &doc.source else {
            self.err(
                "E0304",
                at,
                "this document has no source file to cite lines of",
                "no source",
                "drop `lines`, or give the document a `source`",
            );
            return None;
        };
        if lines.0 < *a || lines.1 > *b {
            self.err(
                "E0301",
                at,
                format!("lines {}-{} are outside the document ({file} lines {a}-{b})", lines.0, lines.1),
                "outside the document",
                format!("cite lines within {a}-{b}; check `cat -n policies/sources/{file}`"),
            );
            return None;
        }
        Some(lines)
    }

    fn citation(&mut self, c: &model::Citation, doc: &DocIr, at: &At) -> CitationIr {
        let mut ir = CitationIr { article: c.article.clone(), lines: None, quote: c.quote.clone().unwrap_or_default() };
        if doc.source.is_none() {
            return ir;
        }
        let (Some(l), Some(q)) = (&c.lines, &c.quote) else {
            self.err(
                "E0304",
                at,
                "a citation of a document with a source file needs `lines` and `quote`",
                "incomplete citation",
                "add the cited line range and a short exact quote from it",
            );
            return ir;
        };
        let Some(lines) = self.check_lines(doc, l, &at.join("lines")) else { return ir };
        ir.lines = Some(lines);
        let Some((file, _)) = &doc.source else { return ir };
        let text = self.sources.get(file).map_or("", |s| s.as_str());
        let joined: String = text.lines().skip(lines.0 as usize - 1).take((lines.1 - lines.0 + 1) as usize).collect();
        if !normalize_quote(&joined).contains(&normalize_quote(q)) {
            let preview: String = normalize_quote(&joined).chars().take(40).collect();
            self.err(
                "E0302",
                &at.join("quote"),
                format!("quote not found in {file} lines {}-{}", lines.0, lines.1),
                "not in the cited lines",
                format!("quote the text exactly as printed (full-width digits included); the lines begin: {preview}…"),
            );
        }
        ir
    }

    fn toposort(&mut self, deps: &BTreeMap<UnitRef, Vec<UnitRef>>, docs: &[(usize, &PolicyFile, DocIr)]) -> Vec<UnitRef> {
        #[derive(Clone, Copy, PartialEq)]
        enum Mark {
            Temp,
            Done,
        }
        let mut marks: HashMap<UnitRef, Mark> = HashMap::new();
        let mut order = Vec::new();
        let mut cycles = Vec::new();
        fn visit(
            u: UnitRef,
            deps: &BTreeMap<UnitRef, Vec<UnitRef>>,
            marks: &mut HashMap<UnitRef, Mark>,
            order: &mut Vec<UnitRef>,
            cycles: &mut Vec<UnitRef>,
        ) {
            match marks.get(&u) {
                Some(Mark::Done) => return,
                Some(Mark::Temp) => {
                    cycles.push(u);
                    return;
                }
                None => {}
            }
            marks.insert(u, Mark::Temp);
            for v in deps.get(&u).into_iter().flatten() {
                visit(*v, deps, marks, order, cycles);
            }
            marks.insert(u, Mark::Done);
            order.push(u);
        }
        for u in deps.keys() {
            visit(*u, deps, &mut marks, &mut order, &mut cycles);
        }
        for u in cycles {
            let (f, path) = match u {
                UnitRef::Rule(d, i) => (docs[d].0, format!("/rules/{i}/id")),
                UnitRef::Table(d, i) => (docs[d].0, format!("/tables/{i}/id")),
            };
            self.err(
                "E0601",
                &At::new(f, path),
                "this rule depends on itself through other rules",
                "part of a cycle",
                "a rule may use another rule's outcome only if that rule does not, directly or not, use this one",
            );
        }
        order
    }

    fn rule(&mut self, r: &model::Rule, mut ps: Vec<Parsed>, at: &At, di: usize, doc: &DocIr, d: &Decls) -> Option<RuleIr> {
        let citation = self.citation(&r.citation, doc, &at.join("citation"));
        let (from, until) = self.window(r.in_force.as_ref(), doc, at);
        let mut scope = Scope { doc: di, locals: Vec::new(), paths: Vec::new() };
        let mut conditions = Vec::new();
        let mut ok = true;
        ps.reverse();
        for c in &r.when {
            let p = ps.pop()?;
            let label = match c {
                Condition::Labelled { label, .. } => Some(label.clone()),
                Condition::Expr(_) => None,
            };
            match self.typed(&p, &mut scope, d, Some(Ty::Bool)) {
                Some(e) if e.ty == Ty::Bool => conditions.push(ConditionIr { text: p.text.clone(), label, expr: e }),
                Some(e) => {
                    let name = self.ty_name(e.ty, d);
                    self.err_span(
                        "E0201",
                        p.at.file,
                        p.base..map_at(&p.map, p.text.len()),
                        format!("a condition must be true or false, but this is {name}"),
                        format!("this is {name}"),
                        "compare it, e.g. `x >= 5000元`",
                    );
                    ok = false;
                }
                None => ok = false,
            }
        }
        let mut outcomes = Vec::new();
        for (name, o) in &r.outcomes {
            let oat = at.join("outcomes").join(name);
            let p = ps.pop()?;
            let Some(mut e) = self.typed(&p, &mut scope, d, None) else {
                ok = false;
                if o.cap.is_some() {
                    ps.pop();
                }
                if o.floor.is_some() {
                    ps.pop();
                }
                continue;
            };
            for (bound, is_cap) in [(&o.cap, true), (&o.floor, false)] {
                if bound.is_none() {
                    continue;
                }
                let Some(bp) = ps.pop() else { continue };
                if let Some(b) = self.typed(&bp, &mut scope, d, Some(e.ty)) {
                    if b.ty != e.ty || !matches!(e.ty, Ty::Money | Ty::Ratio | Ty::Decimal | Ty::Int | Ty::Date) {
                        let (n1, n2) = (self.ty_name(e.ty, d), self.ty_name(b.ty, d));
                        self.err_span(
                            "E0202",
                            bp.at.file,
                            bp.base..map_at(&bp.map, bp.text.len()),
                            format!("a {} of {n2} cannot bound an outcome of {n1}", if is_cap { "cap" } else { "floor" }),
                            "unit mismatch",
                            "cap money with money, ratios with ratios",
                        );
                        ok = false;
                    } else {
                        let ty = e.ty;
                        e = TE::new(if is_cap { TExpr::Min(vec![e, b]) } else { TExpr::Max(vec![e, b]) }, ty);
                    }
                } else {
                    ok = false;
                }
            }
            if let Some(rs) = &o.round {
                let (unit, mode) = match rs {
                    model::RoundSpec::Unit(u) => (*u, model::RoundMode::HalfUp),
                    model::RoundSpec::Full { to, mode } => (*to, *mode),
                };
                if e.ty != Ty::Money {
                    self.err(
                        "E0201",
                        &oat.join("round"),
                        "only money outcomes can be rounded to yuan, jiao or fen",
                        "not money",
                        "remove `round`, or round a money amount",
                    );
                    ok = false;
                } else {
                    let r = Rounding::new(
                        match unit {
                            model::RoundUnit::Yuan => RoundingUnit::Yuan,
                            model::RoundUnit::Jiao => RoundingUnit::Jiao,
                            model::RoundUnit::Fen => RoundingUnit::Fen,
                        },
                        match mode {
                            model::RoundMode::HalfUp => RoundingMode::HalfUp,
                            model::RoundMode::HalfEven => RoundingMode::HalfEven,
                            model::RoundMode::Down => RoundingMode::Down,
                            model::RoundMode::Up => RoundingMode::Up,
                        },
                    );
                    e = TE::new(TExpr::Round(e, r), Ty::Money);
                }
            }
            if matches!(e.ty, Ty::List(_) | Ty::Record(_) | Ty::Set(_)) {
                self.err(
                    "E0201",
                    &oat.join("value"),
                    "an outcome must be a value, not a list of records or a set",
                    "not a value",
                    "aggregate it with sum/count/map",
                );
                ok = false;
                continue;
            }
            let kind = match o.kind {
                Some(k) => match k {
                    model::OutcomeKind::Amount => RtKind::Amount,
                    model::OutcomeKind::Rate => RtKind::Rate,
                    model::OutcomeKind::Deadline => RtKind::Deadline,
                    model::OutcomeKind::Eligibility => RtKind::Eligibility,
                    model::OutcomeKind::Permission => RtKind::Permission,
                    model::OutcomeKind::Exemption => RtKind::Exemption,
                    model::OutcomeKind::Obligation => RtKind::Obligation,
                    model::OutcomeKind::Prohibition => RtKind::Prohibition,
                    model::OutcomeKind::Value => RtKind::Value,
                },
                None => match e.ty {
                    Ty::Bool => RtKind::Eligibility,
                    Ty::Money | Ty::ListOf(crate::ir::Elem::Money) => RtKind::Amount,
                    Ty::Ratio => RtKind::Rate,
                    Ty::Date => RtKind::Deadline,
                    _ => RtKind::Value,
                },
            };
            outcomes.push(OutcomeIr { id: name.clone(), label: o.label.clone(), kind, expr: e });
        }
        let unless: Vec<UnitRef> = r.unless.iter().filter_map(|n| resolve_unit(n, di, d)).collect();
        ok.then(|| RuleIr {
            id: r.id.clone(),
            title: r.title.clone(),
            citation,
            from,
            until,
            conditions,
            outcomes,
            unless,
            exclusive: r.exclusive.clone(),
            assumptions: r.assumptions.clone(),
        })
    }

    fn window(&mut self, w: Option<&model::Window>, doc: &DocIr, at: &At) -> (Option<Date>, Option<Date>) {
        let mut from = Some(doc.effective);
        let mut until = doc.expires;
        if let Some(w) = w {
            if let Some(f) = &w.from {
                from = self.date(f, &at.join("in_force").join("from")).or(from);
            }
            if let Some(u) = &w.until {
                until = self.date(u, &at.join("in_force").join("until")).or(until);
            }
        }
        (from, until)
    }

    fn table(&mut self, t: &model::Table, ps: Vec<Parsed>, at: &At, di: usize, doc: &DocIr, d: &Decls) -> Option<TableIr> {
        let citation = self.citation(&t.citation, doc, &at.join("citation"));
        let (from, until) = self.window(None, doc, at);
        let mut scope = Scope { doc: di, locals: Vec::new(), paths: Vec::new() };
        let mut inputs = Vec::new();
        let mut ok = true;
        for ((name, text), p) in t.inputs.iter().zip(ps) {
            match self.typed(&p, &mut scope, d, None) {
                Some(e) => inputs.push((name.clone(), text.clone(), e)),
                None => ok = false,
            }
        }
        let mut outputs = Vec::new();
        for (name, ty) in &t.outputs {
            match self.ty(ty, d, &at.join("outputs").join(name)) {
                Some(ty) => outputs.push((name.clone(), ty)),
                None => ok = false,
            }
        }
        if !ok {
            return None;
        }
        let mut rows = Vec::new();
        for (ri, row) in t.rows.iter().enumerate() {
            let rat = at.join("rows").join(ri);
            for k in row.when.keys() {
                if !t.inputs.contains_key(k) {
                    self.err_key(
                        "E0403",
                        &rat.join("when").join(k),
                        format!("`{k}` is not an input of this table"),
                        "unknown column",
                        format!("inputs: {}", t.inputs.keys().cloned().collect::<Vec<_>>().join(", ")),
                    );
                }
            }
            let mut cells = Vec::new();
            for (name, _, e) in &inputs {
                let cell = match row.when.get(name) {
                    None => CellIr::Any,
                    Some(s) => self.cell(&scalar_text(s), e.ty, d, &rat.join("when").join(name)).unwrap_or(CellIr::Any),
                };
                cells.push(cell);
            }
            let mut outs = Vec::new();
            for (name, ty) in &outputs {
                match row.then.get(name) {
                    Some(s) => {
                        if let Some(v) = self.literal(&scalar_text(s), *ty, d, &rat.join("then").join(name)) {
                            outs.push(v);
                        }
                    }
                    None => self.err(
                        "E0403",
                        &rat.join("then"),
                        format!("row gives no value for output `{name}`"),
                        "missing output",
                        "every row sets every output",
                    ),
                }
            }
            let text =
                t.inputs.keys().filter_map(|k| row.when.get(k).map(|v| format!("{k} {}", scalar_text(v)))).collect::<Vec<_>>().join("，");
            rows.push(RowIr {
                cells,
                outputs: outs,
                priority: row.priority.unwrap_or(0),
                text: if text.is_empty() { "其他".into() } else { text },
            });
        }
        let hit = match t.hit {
            model::HitPolicy::Unique => RtHit::Unique,
            model::HitPolicy::First => RtHit::First,
            model::HitPolicy::Priority => RtHit::Priority,
            model::HitPolicy::CollectSum => RtHit::CollectSum,
            model::HitPolicy::CollectMax => RtHit::CollectMax,
        };
        if matches!(hit, RtHit::CollectSum | RtHit::CollectMax) {
            for (name, ty) in &outputs {
                if !matches!(ty, Ty::Money | Ty::Ratio | Ty::Decimal | Ty::Int) {
                    self.err(
                        "E0403",
                        &at.join("outputs").join(name),
                        format!("collect tables need numeric outputs; `{name}` is not"),
                        "not numeric",
                        "use money, ratio, decimal or integer outputs",
                    );
                }
            }
        }
        let columns: Vec<Ty> = inputs.iter().map(|i| i.2.ty).collect();
        if hit == RtHit::Unique {
            for i in 0..rows.len() {
                for j in i + 1..rows.len() {
                    if rows_overlap(&rows[i].cells, &rows[j].cells, &columns, d) {
                        self.err(
                            "E0401",
                            &at.join("rows").join(j),
                            format!("rows {} and {} of a `unique` table both match some inputs", i + 1, j + 1),
                            "overlaps an earlier row",
                            "make the conditions disjoint, or use hit policy `first` if order decides",
                        );
                    }
                }
            }
        }
        if t.complete {
            if let Some(example) = find_gap(&rows, &columns, d) {
                let shown: Vec<String> = inputs.iter().zip(example).map(|(i, v)| format!("{} = {v}", i.0)).collect();
                self.err(
                    "E0402",
                    &at.join("rows"),
                    "the table claims to be complete, but no row matches some inputs",
                    "incomplete",
                    format!("no row matches {}", shown.join(", ")),
                );
            }
        }
        Some(TableIr {
            id: t.id.clone(),
            title: t.title.clone(),
            citation,
            from,
            until,
            hit,
            inputs,
            outputs,
            rows,
            assumptions: t.assumptions.clone(),
        })
    }

    fn cell(&mut self, text: &str, ty: Ty, d: &Decls, at: &At) -> Option<CellIr> {
        let c = match expr::parse_cell(text) {
            Ok(c) => c,
            Err(e) => {
                self.err("E0403", at, e.message, "bad cell", e.help);
                return None;
            }
        };
        let lit = |me: &mut Self, e: &Expr| -> Option<Value> {
            let start = me.span(at).start;
            let p = Parsed {
                text: text.to_string(),
                ast: Some(e.clone()),
                at: at.clone(),
                base: start,
                map: (0..=text.len()).map(|i| start + i).collect(),
            };
            let te = me.typed(&p, &mut Scope { doc: 0, locals: Vec::new(), paths: Vec::new() }, d, Some(ty))?;
            match *te.kind {
                TExpr::Lit(v) if te.ty == ty || (ty == Ty::Decimal && te.ty == Ty::Int) => Some(match (ty, v) {
                    (Ty::Decimal, Value::Int(i)) => Value::Decimal(i.into()),
                    (_, v) => v,
                }),
                _ => {
                    let (n1, n2) = (me.ty_name(ty, d), me.ty_name(te.ty, d));
                    me.err(
                        "E0403",
                        at,
                        format!("cell `{text}` must be a literal of {n1}, found {n2}"),
                        "wrong type",
                        "cells compare the column with literals",
                    );
                    None
                }
            }
        };
        Some(match c {
            Cell::Any => CellIr::Any,
            Cell::Cmp(op, e) => {
                let op = match op {
                    BinOp::Lt => CmpOp::Lt,
                    BinOp::Le => CmpOp::Le,
                    BinOp::Gt => CmpOp::Gt,
                    BinOp::Ge => CmpOp::Ge,
                    BinOp::Ne => CmpOp::Ne,
                    _ => CmpOp::Eq,
                };
                CellIr::Cmp(op, lit(self, &e)?)
            }
            Cell::In(items) => CellIr::In(items.iter().map(|e| lit(self, e)).collect::<Option<Vec<_>>>()?),
            Cell::Eq(e) => CellIr::Cmp(CmpOp::Eq, lit(self, &e)?),
        })
    }

    /// Parses a literal of a known type, written as a YAML scalar.
    fn literal(&mut self, text: &str, ty: Ty, d: &Decls, at: &At) -> Option<Value> {
        if ty == Ty::Text {
            // Text is taken as written; quotes are optional.
            let t = text.strip_prefix('"').and_then(|t| t.strip_suffix('"')).unwrap_or(text);
            return Some(Value::Text(t.to_string()));
        }
        if expr::parse(text).is_err() {
            // A value, not an expression: say what a literal of this type looks like.
            let n = self.ty_name(ty, d);
            self.err("E0203", at, format!("`{text}` is not a literal of {n}"), "malformed value", literal_help(ty));
            return None;
        }
        let p = self.parse(text, at);
        let te = self.typed(&p, &mut Scope { doc: 0, locals: Vec::new(), paths: Vec::new() }, d, Some(ty))?;
        match (*te.kind, te.ty) {
            (TExpr::Lit(v), t) if t == ty => Some(v),
            (TExpr::Lit(Value::Int(i)), Ty::Int) if ty == Ty::Decimal => Some(Value::Decimal(i.into())),
            (TExpr::Lit(Value::Int(i)), Ty::Int) if ty == Ty::Money => Some(Value::Money(regula_runtime::Money(i.into()))),
            (TExpr::Lit(Value::Decimal(x)), Ty::Decimal) if ty == Ty::Money => Some(Value::Money(regula_runtime::Money(x))),
            (TExpr::Lit(Value::Int(i)), Ty::Int) if matches!(ty, Ty::Dur(_)) => match ty {
                Ty::Dur(u) => Some(Value::Duration(regula_runtime::Duration::new(i, u))),
                _ => None,
            },
            (TExpr::Neg(_), _) | (_, _) => {
                let (n1, n2) = (self.ty_name(ty, d), self.ty_name(te.ty, d));
                let code = if is_numeric(ty) && is_numeric(te.ty) { "E0202" } else { "E0201" };
                self.err(code, at, format!("expected a literal of {n1}, found {n2}"), format!("expected {n1}"), literal_help(ty));
                None
            }
        }
    }

    fn catalog(&mut self, c: &model::Catalog, d: &Decls, at: &At, di: usize, docs: &[(usize, &PolicyFile, DocIr)]) -> Option<CatalogIr> {
        let doc = &docs.get(di)?.2;
        let mut fields = Vec::new();
        for (name, ty) in &c.fields {
            let t = self.ty(ty, d, &at.join("fields").join(name))?;
            if matches!(t, Ty::List(_) | Ty::Set(_)) {
                self.err(
                    "E0801",
                    &at.join("fields").join(name),
                    "catalog fields are scalars",
                    "not a scalar",
                    "use text, integer, decimal, money, date, bool or enum(E)",
                );
                return None;
            }
            fields.push((name.clone(), t));
        }
        let Some(key) = fields.iter().position(|(n, _)| *n == c.key) else {
            self.err("E0801", &at.join("key"), format!("key `{}` is not a field", c.key), "unknown field", "the key names one of `fields`");
            return None;
        };
        if let Some(cit) = &c.citation {
            let _ = self.citation(cit, doc, &at.join("citation"));
        }
        let mut items = Vec::new();
        let mut seen = HashSet::new();
        for (i, item) in c.items.iter().enumerate() {
            let iat = at.join("items").join(i);
            for k in item.keys() {
                if k != "lines" && !c.fields.contains_key(k) {
                    self.err_key(
                        "E0801",
                        &iat.join(k),
                        format!("`{k}` is not a field of this catalog"),
                        "unknown field",
                        format!("fields: {}", c.fields.keys().cloned().collect::<Vec<_>>().join(", ")),
                    );
                }
            }
            let mut vals = Vec::new();
            for (name, ty) in &fields {
                match item.get(name) {
                    Some(Scalar::Text(s)) if *ty == Ty::Text => vals.push(Value::Text(s.clone())),
                    Some(s) => vals.push(self.literal(&scalar_text(s), *ty, d, &iat.join(name))?),
                    None => {
                        self.err("E0801", &iat, format!("item has no `{name}`"), "missing field", "every item sets every field");
                        return None;
                    }
                }
            }
            if let Some(k) = vals.get(key) {
                if !seen.insert(k.to_string()) {
                    self.err(
                        "E0106",
                        &iat.join(&c.key),
                        format!("catalog key {k} appears twice"),
                        "duplicate key",
                        "keys identify items uniquely",
                    );
                }
            }
            let lines = match item.get("lines") {
                Some(Scalar::Int(n)) => self.check_lines(doc, &Lines::One(*n as u32), &iat.join("lines")),
                Some(Scalar::Text(s)) => self.check_lines(doc, &Lines::Range(s.clone()), &iat.join("lines")),
                Some(_) => None,
                None => None,
            };
            items.push((vals, lines));
        }
        Some(CatalogIr { id: c.id.clone(), title: c.title.clone(), key, fields, items })
    }

    fn case(&mut self, c: &model::Case, at: &At, di: usize, program: &Program, d: &Decls) -> Option<CaseIr> {
        let as_of = self.date(&c.as_of, &at.join("as_of"))?;
        let given = crate::json_to_input(&serde_json::Value::Object(c.given.clone()));
        if let Err(e) = crate::interp::facts_from_input(program, &given) {
            let path = format!("given/{}", e.path.replace(['.', '['], "/").replace(']', ""));
            self.err(
                "E0501",
                &at.join(path),
                format!("case `{}`: {}", c.name, e),
                "bad fact",
                "give facts in the vocabulary's shape: group → fact → value",
            );
            return None;
        }
        let mut expect = Vec::new();
        for (name, e) in &c.expect {
            let eat = at.join("expect").join(name);
            let Some(u) = resolve_unit(name, di, d) else {
                self.err_key(
                    "E0502",
                    &eat,
                    format!("case `{}` expects a decision of unknown rule `{name}`", c.name),
                    "unknown rule",
                    "name a rule or table of this document, or `doc.rule`",
                );
                continue;
            };
            let status = match e.status {
                model::ExpectedStatus::Applies => Status::Applies,
                model::ExpectedStatus::DoesNotApply => Status::DoesNotApply,
                model::ExpectedStatus::Undetermined => Status::Undetermined,
            };
            let outs = program.unit_outcomes(u);
            let mut outcomes = Vec::new();
            for (oname, v) in &e.outcomes {
                let Some((_, ty)) = outs.iter().find(|(n, _)| n == oname) else {
                    self.err_key(
                        "E0502",
                        &eat.join(oname),
                        format!("`{name}` has no outcome `{oname}`"),
                        "unknown outcome",
                        format!("outcomes: {}", outs.iter().map(|o| o.0.clone()).collect::<Vec<_>>().join(", ")),
                    );
                    continue;
                };
                if let Some(val) = self.expected_value(v, *ty, d, &eat.join(oname)) {
                    outcomes.push((oname.clone(), val));
                }
            }
            if let Some(m) = &e.missing {
                for (k, path) in m.iter().enumerate() {
                    if !fact_path_exists(path, d) {
                        self.err(
                            "E0501",
                            &eat.join("missing").join(k),
                            format!("`{path}` is not a fact"),
                            "unknown fact",
                            "name facts as `group.fact` or `group.list[].field`",
                        );
                    }
                }
            }
            expect.push(ExpectIr { unit: u, status, missing: e.missing.clone(), outcomes });
        }
        Some(CaseIr { name: c.name.clone(), as_of, given, expect, why: c.why.clone() })
    }

    fn expected_value(&mut self, v: &serde_json::Value, ty: Ty, d: &Decls, at: &At) -> Option<Value> {
        match (v, ty) {
            (serde_json::Value::Array(items), Ty::ListOf(e)) => {
                let vals: Option<Vec<Value>> =
                    items.iter().enumerate().map(|(i, x)| self.expected_value(x, e.ty(), d, &at.join(i))).collect();
                vals.map(Value::List)
            }
            (serde_json::Value::String(s), _) => self.literal(s, ty, d, at),
            (serde_json::Value::Number(n), _) => self.literal(&n.to_string(), ty, d, at),
            (serde_json::Value::Bool(b), _) => self.literal(&b.to_string(), ty, d, at),
            _ => {
                self.err("E0503", at, "expected a literal", "not a literal", literal_help(ty));
                None
            }
        }
    }

    /// Types a parsed expression; `expected` resolves bare enum variants.
    fn typed(&mut self, p: &Parsed, scope: &mut Scope, d: &Decls, expected: Option<Ty>) -> Option<TE> {
        let ast = p.ast.as_ref()?;
        let mut t = Typer { c: self, d, file: p.at.file, map: &p.map, scope };
        t.expr(ast, expected)
    }
}

/// Maps each byte of an expression to its place in the file, following the scalar as written
/// (quoted, folded over several lines, indented), so spans underline the right characters.
fn offset_map(raw: &str, start: usize, text: &str) -> Vec<usize> {
    let mut map = Vec::with_capacity(text.len() + 1);
    let mut r = 0;
    for (i, c) in text.char_indices() {
        let here = if c.is_whitespace() {
            while raw[r..].starts_with(|x: char| x.is_whitespace()) {
                r += raw[r..].chars().next().map_or(1, char::len_utf8);
            }
            start + r
        } else if let Some(pos) = raw.get(r..).and_then(|rest| rest.find(c)) {
            r += pos + c.len_utf8();
            start + r - c.len_utf8()
        } else {
            start + r
        };
        while map.len() < i {
            map.push(here);
        }
        map.push(here);
        for _ in 1..c.len_utf8() {
            map.push(here);
        }
    }
    map.push(start + r);
    map
}

fn map_at(map: &[usize], i: usize) -> usize {
    map.get(i).or(map.last()).copied().unwrap_or(0)
}

fn is_numeric(t: Ty) -> bool {
    matches!(t, Ty::Int | Ty::Decimal | Ty::Money | Ty::Ratio | Ty::Dur(_))
}

fn literal_help(ty: Ty) -> &'static str {
    match ty {
        Ty::Money => "money is written 5000元, 30万元 or a plain number of yuan",
        Ty::Ratio => "ratios carry a unit: 30%, 2‰, 25bp",
        Ty::Date => "dates are YYYY-MM-DD",
        Ty::Dur(_) => "durations carry their unit: 15天, 12个月, 2年, 5个工作日",
        Ty::Bool => "write true or false",
        Ty::Enum(_) => "write one of the enum's variant identifiers",
        _ => "write a literal of the declared type",
    }
}

fn fact_path_exists(path: &str, d: &Decls) -> bool {
    let mut parts = path.splitn(2, '.');
    let (Some(g), Some(rest)) = (parts.next(), parts.next()) else { return false };
    let Some(&gi) = d.group_ix.get(g) else { return false };
    let (fact, field) = match rest.split_once("[].") {
        Some((a, b)) => (a, Some(b)),
        None => (rest, None),
    };
    let Some(f) = d.groups[gi].facts.iter().find(|f| f.id == fact) else { return false };
    match (field, f.ty) {
        (None, _) => true,
        (Some(field), Ty::List(r)) => d.records[r].fields.iter().any(|x| x.id == field),
        _ => false,
    }
}

/// `rule`, or `doc.rule`.
fn resolve_unit(name: &str, di: usize, d: &Decls) -> Option<UnitRef> {
    match name.split_once('.') {
        None => d.units.get(&(di, name.to_string())).copied(),
        Some((doc, unit)) => d.doc_ix.get(doc).and_then(|&o| d.units.get(&(o, unit.to_string())).copied()),
    }
}

/// Finds references to other rules and tables syntactically, before typing, to order units.
fn collect_refs(e: &Expr, di: usize, d: &Decls, out: &mut Vec<UnitRef>) {
    match &e.kind {
        ExprKind::Path(segs) => {
            if segs.len() >= 2 {
                if let Some(u) = d.units.get(&(di, segs[0].0.clone())) {
                    out.push(*u);
                } else if let Some(&o) = d.doc_ix.get(&segs[0].0) {
                    if let Some(u) = d.units.get(&(o, segs[1].0.clone())) {
                        out.push(*u);
                    }
                }
            }
        }
        ExprKind::Lit(_) => {}
        ExprKind::Not(a) | ExprKind::Neg(a) => collect_refs(a, di, d, out),
        ExprKind::Binary(_, a, b) => {
            collect_refs(a, di, d, out);
            collect_refs(b, di, d, out);
        }
        ExprKind::In(a, items) => {
            collect_refs(a, di, d, out);
            for i in items {
                collect_refs(i, di, d, out);
            }
        }
        ExprKind::InName(a, _) => collect_refs(a, di, d, out),
        ExprKind::If(a, b, c) => {
            collect_refs(a, di, d, out);
            collect_refs(b, di, d, out);
            collect_refs(c, di, d, out);
        }
        ExprKind::Call { args, .. } => {
            for a in args {
                collect_refs(a, di, d, out);
            }
        }
        ExprKind::Bind { list, body, .. } => {
            collect_refs(list, di, d, out);
            collect_refs(body, di, d, out);
        }
    }
}

/// Representative values of a column: every literal a row mentions, and values just around
/// them, so that overlap and coverage questions are decided exactly on finitely many points.
fn column_points(rows: &[Vec<CellIr>], col: usize, ty: Ty, d: &Decls) -> Vec<Value> {
    use regula_runtime::Money;
    match ty {
        Ty::Enum(e) => return d.enums[e].variants.iter().map(|(v, _)| Value::Enum(v.clone().into())).collect(),
        Ty::Bool => return vec![Value::Bool(false), Value::Bool(true)],
        _ => {}
    }
    let mut lits: Vec<Value> = Vec::new();
    for r in rows {
        match &r[col] {
            CellIr::Any => {}
            CellIr::Cmp(_, v) => lits.push(v.clone()),
            CellIr::In(vs) => lits.extend(vs.iter().cloned()),
        }
    }
    lits.sort_by(|a, b| regula_runtime::value::compare(a, b).unwrap_or(std::cmp::Ordering::Equal));
    lits.dedup();
    let step = |v: &Value, up: bool| -> Option<Value> {
        let half = regula_runtime::num::decimal(5, 1);
        Some(match v {
            Value::Int(i) => Value::Int(if up { i.checked_add(1)? } else { i.checked_sub(1)? }),
            Value::Decimal(x) => Value::Decimal(if up { x.checked_add(half)? } else { x.checked_sub(half)? }),
            Value::Money(x) => Value::Money(Money(if up { x.0.checked_add(half)? } else { x.0.checked_sub(half)? })),
            Value::Ratio(x) => {
                let tiny = regula_runtime::num::decimal(1, 12);
                Value::Ratio(regula_runtime::Ratio(if up { x.0.checked_add(tiny)? } else { x.0.checked_sub(tiny)? }))
            }
            Value::Date(x) => Value::Date(if up { x.tomorrow().ok()? } else { x.yesterday().ok()? }),
            Value::Duration(x) => {
                Value::Duration(regula_runtime::Duration::new(if up { x.amount.checked_add(1)? } else { x.amount.checked_sub(1)? }, x.unit))
            }
            _ => return None,
        })
    };
    let mut points = Vec::new();
    for (i, v) in lits.iter().enumerate() {
        if i == 0 {
            points.extend(step(v, false));
        }
        points.push(v.clone());
        match lits.get(i + 1) {
            Some(next) => {
                // A point strictly between v and next.
                if let (Some(mid), true) = (midpoint(v, next), true) {
                    points.push(mid);
                }
            }
            None => points.extend(step(v, true)),
        }
    }
    if points.is_empty() {
        points.push(match ty {
            Ty::Int => Value::Int(0),
            Ty::Money => Value::Money(Money::ZERO),
            _ => Value::Text(String::new()),
        });
    }
    points
}

fn midpoint(a: &Value, b: &Value) -> Option<Value> {
    let two = regula_runtime::num::decimal(2, 0);
    Some(match (a, b) {
        (Value::Int(x), Value::Int(y)) if y - x >= 2 => Value::Int(x + 1),
        (Value::Int(_), Value::Int(_)) => return None,
        (Value::Decimal(x), Value::Decimal(y)) => Value::Decimal(x.checked_add(*y)?.checked_div(two)?),
        (Value::Money(x), Value::Money(y)) => Value::Money(regula_runtime::Money(x.0.checked_add(y.0)?.checked_div(two)?)),
        (Value::Ratio(x), Value::Ratio(y)) => Value::Ratio(regula_runtime::Ratio(x.0.checked_add(y.0)?.checked_div(two)?)),
        (Value::Date(x), Value::Date(y)) => {
            let t = x.tomorrow().ok()?;
            if t < *y { Value::Date(t) } else { return None }
        }
        (Value::Duration(x), Value::Duration(y)) if y.amount - x.amount >= 2 => {
            Value::Duration(regula_runtime::Duration::new(x.amount + 1, x.unit))
        }
        _ => return None,
    })
}

pub fn cell_matches(c: &CellIr, v: &Value) -> bool {
    use std::cmp::Ordering::*;
    match c {
        CellIr::Any => true,
        CellIr::In(vs) => vs.iter().any(|x| regula_runtime::value::compare(x, v) == Ok(Equal)),
        CellIr::Cmp(op, lit) => regula_runtime::value::compare(v, lit).is_ok_and(|o| op.holds(o)),
    }
}

fn rows_overlap(a: &[CellIr], b: &[CellIr], columns: &[Ty], d: &Decls) -> bool {
    columns.iter().enumerate().all(|(c, ty)| {
        let rows = vec![a.to_vec(), b.to_vec()];
        column_points(&rows, c, *ty, d).iter().any(|v| cell_matches(&a[c], v) && cell_matches(&b[c], v))
    })
}

/// Finds an input combination no row matches, splitting column by column.
fn find_gap(rows: &[RowIr], columns: &[Ty], d: &Decls) -> Option<Vec<Value>> {
    let cells: Vec<Vec<CellIr>> = rows.iter().map(|r| r.cells.clone()).collect();
    let points: Vec<Vec<Value>> = columns.iter().enumerate().map(|(c, ty)| column_points(&cells, c, *ty, d)).collect();
    fn go(col: usize, live: &[usize], cells: &[Vec<CellIr>], points: &[Vec<Value>], prefix: &mut Vec<Value>) -> bool {
        if live.is_empty() {
            return true;
        }
        if col == points.len() || live.iter().any(|&r| cells[r][col..].iter().all(|c| *c == CellIr::Any)) {
            return false;
        }
        for v in &points[col] {
            let next: Vec<usize> = live.iter().copied().filter(|&r| cell_matches(&cells[r][col], v)).collect();
            prefix.push(v.clone());
            if go(col + 1, &next, cells, points, prefix) {
                return true;
            }
            prefix.pop();
        }
        false
    }
    let all: Vec<usize> = (0..rows.len()).collect();
    let mut prefix = Vec::new();
    if go(0, &all, &cells, &points, &mut prefix) {
        // Fill the remaining columns with any value for the example.
        while prefix.len() < points.len() {
            prefix.push(points[prefix.len()].first().cloned().unwrap_or(Value::Bool(false)));
        }
        Some(prefix)
    } else {
        None
    }
}

/// Types expressions within one scope.
struct Typer<'c, 'a, 's> {
    c: &'c mut Checker<'a>,
    d: &'c Decls,
    file: usize,
    map: &'s [usize],
    scope: &'s mut Scope,
}

impl Typer<'_, '_, '_> {
    fn err(&mut self, code: &'static str, span: &Range<usize>, msg: impl Into<String>, label: impl Into<String>, help: impl Into<String>) {
        let a = map_at(self.map, span.start);
        let s = a..map_at(self.map, span.end).max(a + 1);
        self.c.err_span(code, self.file, s, msg, label, help);
    }
    fn name(&self, t: Ty) -> String {
        self.c.ty_name(t, self.d)
    }

    fn is_bare(&self, e: &Expr) -> bool {
        match &e.kind {
            ExprKind::Path(segs) if segs.len() == 1 => {
                let n = &segs[0].0;
                !self.scope.locals.iter().any(|(l, _)| l == n) && n != "as_of" && !self.d.param_ix.contains_key(n)
            }
            _ => false,
        }
    }

    fn expr(&mut self, e: &Expr, expected: Option<Ty>) -> Option<TE> {
        match &e.kind {
            ExprKind::Lit(l) => Some(lit(l)),
            ExprKind::Path(segs) => self.path(segs, &e.span, expected),
            ExprKind::Not(a) => {
                let a = self.bool(a)?;
                Some(TE::new(TExpr::Not(a), Ty::Bool))
            }
            ExprKind::Neg(a) => {
                let a = self.expr(a, expected)?;
                if !matches!(a.ty, Ty::Int | Ty::Decimal | Ty::Money | Ty::Ratio) {
                    let n = self.name(a.ty);
                    self.err("E0201", &e.span, format!("cannot negate {n}"), "not a number", "only numbers and money can be negated");
                    return None;
                }
                let ty = a.ty;
                Some(TE::new(TExpr::Neg(a), ty))
            }
            ExprKind::Binary(op, a, b) => self.binary(*op, a, b, &e.span),
            ExprKind::In(x, items) => {
                let (x, items) = if self.is_bare(x) && items.iter().any(|i| !self.is_bare(i)) {
                    let first = items.iter().find(|i| !self.is_bare(i))?;
                    let t = self.expr(first, None)?;
                    let x = self.expr(x, Some(t.ty))?;
                    (x, items)
                } else {
                    (self.expr(x, None)?, items)
                };
                let mut out = Vec::new();
                for i in items {
                    let v = self.expr(i, Some(x.ty))?;
                    let v = self.unify_to(v, x.ty, &i.span)?;
                    out.push(v);
                }
                Some(TE::new(TExpr::OneOf(x, out), Ty::Bool))
            }
            ExprKind::InName(x, path) => {
                let (doc, name) = match path.as_slice() {
                    [(n, _)] => (self.scope.doc, n.clone()),
                    [(dn, dspan), (n, _)] => match self.d.doc_ix.get(dn) {
                        Some(&o) => (o, n.clone()),
                        None => {
                            self.err("E0103", dspan, format!("unknown document `{dn}`"), "no such document", "name a document id");
                            return None;
                        }
                    },
                    _ => {
                        let span = path.first().map_or(e.span.clone(), |p| p.1.clone());
                        self.err("E0205", &span, "expected `[…]` or a catalog after `in`", "here", "write `x in [a, b]` or `x in catalog`");
                        return None;
                    }
                };
                let span = path.last().map_or(e.span.clone(), |p| p.1.clone());
                let Some(&ci) = self.d.catalogs.get(&(doc, name.clone())) else {
                    self.err(
                        "E0103",
                        &span,
                        format!("unknown catalog `{name}`"),
                        "no such catalog",
                        "write `x in [a, b]` for a list, or name a catalog of the document",
                    );
                    return None;
                };
                let key_ty = *self.d.catalog_keys.get(&(doc, ci))?;
                let x = self.expr(x, Some(key_ty))?;
                let x = self.unify_to(x, key_ty, &e.span)?;
                Some(TE::new(TExpr::CatalogHas { doc, catalog: ci, key: x }, Ty::Bool))
            }
            ExprKind::If(c, a, b) => {
                let c = self.bool(c)?;
                let a = self.expr(a, expected)?;
                let b = self.expr(b, Some(a.ty))?;
                let (a, b) = self.unify(a, b, &e.span)?;
                let ty = a.ty;
                Some(TE::new(TExpr::If(c, a, b), ty))
            }
            ExprKind::Call { name, name_span, args } => self.call(name, name_span, args, &e.span, expected),
            ExprKind::Bind { name, name_span, var, var_span, list, body } => {
                let l = self.expr(list, None)?;
                let Ty::List(r) = l.ty else {
                    let n = self.name(l.ty);
                    self.err(
                        "E0201",
                        &list.span,
                        format!("`{name}` needs a list of records, found {n}"),
                        "not a list",
                        "iterate over a list fact such as enterprise.loans",
                    );
                    return None;
                };
                if self.scope.locals.iter().any(|(n, _)| n == var) || self.d.group_ix.contains_key(var) {
                    self.err("E0106", var_span, format!("`{var}` is already a name here"), "shadows a name", "pick another variable name");
                    return None;
                }
                let fact = self.list_path(list);
                self.scope.locals.push((var.clone(), Ty::Record(r)));
                self.scope.paths.push(fact.clone());
                let body_t = match name.as_str() {
                    "count" | "any" | "all" => self.bool(body),
                    _ => self.expr(body, None),
                };
                self.scope.locals.pop();
                self.scope.paths.pop();
                let body_t = body_t?;
                let (kind, ty) = match name.as_str() {
                    "sum" => {
                        if !matches!(body_t.ty, Ty::Int | Ty::Decimal | Ty::Money | Ty::Ratio) {
                            let n = self.name(body_t.ty);
                            self.err("E0201", &body.span, format!("cannot sum {n}"), "not a number", "sum money, ratios or numbers");
                            return None;
                        }
                        (AggKind::Sum, body_t.ty)
                    }
                    "count" => (AggKind::Count, Ty::Int),
                    "any" => (AggKind::Any, Ty::Bool),
                    "all" => (AggKind::All, Ty::Bool),
                    "map" => match Elem::of(body_t.ty) {
                        Some(el) => (AggKind::Map, Ty::ListOf(el)),
                        None => {
                            let n = self.name(body_t.ty);
                            self.err(
                                "E0201",
                                &body.span,
                                format!("cannot collect {n} into a list"),
                                "not a scalar",
                                "map to money, ratios, numbers, dates or booleans",
                            );
                            return None;
                        }
                    },
                    _ => {
                        self.err(
                            "E0107",
                            name_span,
                            format!("`{name}` does not take a `x in xs:` binder"),
                            "unknown aggregate",
                            "aggregates: sum, count, any, all, map",
                        );
                        return None;
                    }
                };
                Some(TE::new(TExpr::Agg { kind, list: l, body: body_t, record: r, fact }, ty))
            }
        }
    }

    fn list_path(&self, e: &Expr) -> String {
        match &e.kind {
            ExprKind::Path(segs) => segs.iter().map(|s| s.0.as_str()).collect::<Vec<_>>().join("."),
            _ => "list".into(),
        }
    }

    fn bool(&mut self, e: &Expr) -> Option<TE> {
        let t = self.expr(e, Some(Ty::Bool))?;
        if t.ty != Ty::Bool {
            let n = self.name(t.ty);
            self.err(
                "E0201",
                &e.span,
                format!("expected true or false, found {n}"),
                format!("this is {n}"),
                "compare it, e.g. `x >= 5000元`",
            );
            return None;
        }
        Some(t)
    }

    /// Makes `v` the type `ty`, converting an integer to a decimal where needed.
    fn unify_to(&mut self, v: TE, ty: Ty, span: &Range<usize>) -> Option<TE> {
        if v.ty == ty {
            return Some(v);
        }
        if v.ty == Ty::Int && ty == Ty::Decimal {
            return Some(TE::new(TExpr::ToDecimal(v), Ty::Decimal));
        }
        let (a, b) = (self.name(ty), self.name(v.ty));
        let code = if is_numeric(ty) && is_numeric(v.ty) { "E0202" } else { "E0201" };
        self.err(code, span, format!("expected {a}, found {b}"), format!("this is {b}"), mismatch_help(ty, v.ty));
        None
    }

    fn unify(&mut self, a: TE, b: TE, span: &Range<usize>) -> Option<(TE, TE)> {
        if a.ty == b.ty {
            return Some((a, b));
        }
        match (a.ty, b.ty) {
            (Ty::Int, Ty::Decimal) => Some((TE::new(TExpr::ToDecimal(a), Ty::Decimal), b)),
            (Ty::Decimal, Ty::Int) => Some((a, TE::new(TExpr::ToDecimal(b), Ty::Decimal))),
            (x, y) => {
                let (n1, n2) = (self.name(x), self.name(y));
                let code = if is_numeric(x) && is_numeric(y) { "E0202" } else { "E0201" };
                self.err(code, span, format!("{n1} and {n2} do not mix here"), "mismatched operands", mismatch_help(x, y));
                None
            }
        }
    }

    fn path(&mut self, segs: &[(String, Range<usize>)], span: &Range<usize>, expected: Option<Ty>) -> Option<TE> {
        let d = self.d;
        let first = &segs[0].0;
        if segs.len() == 1 {
            if let Some(i) = self.scope.locals.iter().position(|(n, _)| n == first) {
                return Some(TE::new(TExpr::Local(i), self.scope.locals[i].1));
            }
            if first == "as_of" {
                return Some(TE::new(TExpr::AsOf, Ty::Date));
            }
            if let Some(&pi) = d.param_ix.get(first) {
                return Some(TE::new(TExpr::Param { param: pi, at: None }, d.params[pi].ty));
            }
            if let Some(Ty::Enum(ei)) = expected {
                if d.enums[ei].variants.iter().any(|(v, _)| v == first) {
                    return Some(TE::new(TExpr::Lit(Value::Enum(first.clone().into())), Ty::Enum(ei)));
                }
                let vs: Vec<_> = d.enums[ei].variants.iter().map(|v| v.0.clone()).collect();
                self.err(
                    "E0104",
                    span,
                    format!("`{first}` is not a variant of `{}`", d.enums[ei].id),
                    "unknown variant",
                    format!("variants: {}", vs.join(", ")),
                );
                return None;
            }
            if let Some(Ty::Set(ei)) = expected {
                if d.enums[ei].variants.iter().any(|(v, _)| v == first) {
                    return Some(TE::new(TExpr::Lit(Value::Enum(first.clone().into())), Ty::Enum(ei)));
                }
            }
            if d.group_ix.contains_key(first) {
                self.err(
                    "E0101",
                    span,
                    format!("`{first}` is a group of facts, not a fact"),
                    "a group",
                    format!("name a fact: `{first}.<fact>`"),
                );
                return None;
            }
            self.err(
                "E0107",
                span,
                format!("unknown name `{first}`"),
                "not a fact, parameter, variable or variant",
                "facts are `group.fact`; enum variants need a comparison with an enum value to be resolved",
            );
            return None;
        }
        let second = &segs[1].0;
        // A record field of a bound variable.
        if let Some(li) = self.scope.locals.iter().position(|(n, _)| n == first) {
            let Ty::Record(r) = self.scope.locals[li].1 else { return None };
            let rec = &d.records[r];
            let Some(fi) = rec.fields.iter().position(|f| f.id == *second) else {
                let fs: Vec<_> = rec.fields.iter().map(|f| f.id.clone()).collect();
                self.err(
                    "E0108",
                    &segs[1].1,
                    format!("record `{}` has no field `{second}`", rec.id),
                    "unknown field",
                    format!("fields: {}", fs.join(", ")),
                );
                return None;
            };
            if segs.len() > 2 {
                self.err("E0108", &segs[2].1, "records have no nested fields", "unexpected", "remove the extra segment");
                return None;
            }
            let path = format!("{}[].{second}", self.scope.paths.get(li).cloned().unwrap_or_default());
            return Some(TE::new(TExpr::Field { local: li, record: r, field: fi, path }, rec.fields[fi].ty));
        }
        if let Some(&gi) = d.group_ix.get(first) {
            let g = &d.groups[gi];
            let Some(fi) = g.facts.iter().position(|f| f.id == *second) else {
                let close: Vec<_> =
                    g.facts.iter().map(|f| f.id.clone()).filter(|f| f.starts_with(&second[..second.len().min(3)])).take(5).collect();
                let help = if close.is_empty() {
                    format!("declare it under `facts: {first}:` in policies/facts/")
                } else {
                    format!("did you mean: {}?", close.join(", "))
                };
                self.err("E0101", span, format!("unknown fact `{first}.{second}`"), "not in the vocabulary", help);
                return None;
            };
            if segs.len() > 2 {
                self.err(
                    "E0108",
                    &segs[2].1,
                    "facts have no fields; iterate lists with `sum(x in …: x.field)`",
                    "unexpected",
                    "remove the extra segment",
                );
                return None;
            }
            return Some(TE::new(TExpr::Fact { group: gi, field: fi }, g.facts[fi].ty));
        }
        // Rules and tables: `unit.x` or `doc.unit.x`.
        let (unit, rest) = if let Some(u) = d.units.get(&(self.scope.doc, first.clone())) {
            (*u, &segs[1..])
        } else if let Some(&o) = d.doc_ix.get(first) {
            match d.units.get(&(o, second.clone())) {
                Some(u) if segs.len() >= 3 => (*u, &segs[2..]),
                Some(_) => {
                    self.err(
                        "E0108",
                        span,
                        "name an outcome or `applies`",
                        "incomplete",
                        format!("write `{first}.{second}.applies` or `{first}.{second}.<outcome>`"),
                    );
                    return None;
                }
                None => {
                    self.err(
                        "E0103",
                        &segs[1].1,
                        format!("document `{first}` has no rule or table `{second}`"),
                        "unknown rule",
                        "check the id",
                    );
                    return None;
                }
            }
        } else if let Some(&ei) = d.enum_ix.get(first) {
            if d.enums[ei].variants.iter().any(|(v, _)| v == second) {
                return Some(TE::new(TExpr::Lit(Value::Enum(second.clone().into())), Ty::Enum(ei)));
            }
            self.err(
                "E0104",
                &segs[1].1,
                format!("`{second}` is not a variant of `{first}`"),
                "unknown variant",
                "see the enum's declaration",
            );
            return None;
        } else {
            self.err(
                "E0101",
                span,
                format!("unknown fact `{}`", segs.iter().map(|s| s.0.as_str()).collect::<Vec<_>>().join(".")),
                "not in the vocabulary",
                format!("no fact group, rule or document is called `{first}`"),
            );
            return None;
        };
        let [(what, wspan)] = rest else {
            self.err("E0108", span, "too many segments", "unexpected", "write `rule.outcome` or `rule.applies`");
            return None;
        };
        if what == "applies" {
            return Some(TE::new(TExpr::Applies(unit), Ty::Bool));
        }
        let Some(outs) = d.outcome_tys.get(&unit) else {
            // The unit failed to check; its error is reported already.
            return None;
        };
        match outs.iter().position(|(n, _)| n == what) {
            Some(i) => Some(TE::new(TExpr::Outcome(unit, i), outs[i].1)),
            None => {
                let names: Vec<_> = outs.iter().map(|o| o.0.clone()).collect();
                self.err(
                    "E0108",
                    wspan,
                    format!("no outcome `{what}`"),
                    "unknown outcome",
                    format!("outcomes: {}, or `applies`", names.join(", ")),
                );
                None
            }
        }
    }

    fn binary(&mut self, op: BinOp, a: &Expr, b: &Expr, span: &Range<usize>) -> Option<TE> {
        match op {
            BinOp::And | BinOp::Or => {
                let x = self.bool(a);
                let y = self.bool(b);
                let (x, y) = (x?, y?);
                return Some(TE::new(if op == BinOp::And { TExpr::And(x, y) } else { TExpr::Or(x, y) }, Ty::Bool));
            }
            BinOp::Contains => {
                let s = self.expr(a, None)?;
                let Ty::Set(ei) = s.ty else {
                    let n = self.name(s.ty);
                    self.err(
                        "E0201",
                        &a.span,
                        format!("`contains` needs a set, found {n}"),
                        "not a set",
                        "use `x in [a, b]` to test a single value",
                    );
                    return None;
                };
                let x = self.expr(b, Some(Ty::Enum(ei)))?;
                let x = self.unify_to(x, Ty::Enum(ei), &b.span)?;
                return Some(TE::new(TExpr::Contains(s, x), Ty::Bool));
            }
            _ => {}
        }
        // Type the side that is not a bare variant first, so variants resolve by its type.
        let (x, y) = if self.is_bare(a) && !self.is_bare(b) {
            let y = self.expr(b, None)?;
            let x = self.expr(a, Some(y.ty))?;
            (x, y)
        } else {
            let x = self.expr(a, None)?;
            let y = self.expr(b, Some(x.ty))?;
            (x, y)
        };
        let cmp = match op {
            BinOp::Eq => Some(CmpOp::Eq),
            BinOp::Ne => Some(CmpOp::Ne),
            BinOp::Lt => Some(CmpOp::Lt),
            BinOp::Le => Some(CmpOp::Le),
            BinOp::Gt => Some(CmpOp::Gt),
            BinOp::Ge => Some(CmpOp::Ge),
            _ => None,
        };
        if let Some(c) = cmp {
            let (x, y) = self.unify(x, y, span)?;
            let ordered = matches!(x.ty, Ty::Int | Ty::Decimal | Ty::Money | Ty::Ratio | Ty::Date | Ty::Dur(_));
            let equatable = ordered || matches!(x.ty, Ty::Bool | Ty::Enum(_) | Ty::Text);
            if (!ordered && !matches!(c, CmpOp::Eq | CmpOp::Ne)) || !equatable {
                let n = self.name(x.ty);
                self.err(
                    "E0201",
                    span,
                    format!("{n} values cannot be compared with `{}`", op.symbol()),
                    "not ordered",
                    "only numbers, money, ratios, dates and durations are ordered",
                );
                return None;
            }
            return Some(TE::new(TExpr::Cmp(c, x, y), Ty::Bool));
        }
        let aop = match op {
            BinOp::Add => AOp::Add,
            BinOp::Sub => AOp::Sub,
            BinOp::Mul => AOp::Mul,
            _ => AOp::Div,
        };
        let numk = |t: Ty| match t {
            Ty::Money => Some(NumK::Money),
            Ty::Ratio => Some(NumK::Ratio),
            Ty::Decimal => Some(NumK::Decimal),
            Ty::Int => Some(NumK::Decimal),
            _ => None,
        };
        let num_ty = |k: NumK| match k {
            NumK::Money => Ty::Money,
            NumK::Ratio => Ty::Ratio,
            NumK::Decimal => Ty::Decimal,
        };
        use NumK::*;
        let fail = |me: &mut Self, x: Ty, y: Ty| {
            let (n1, n2) = (me.name(x), me.name(y));
            me.err("E0202", span, format!("cannot apply `{}` to {n1} and {n2}", op.symbol()), "unit mismatch", mismatch_help(x, y));
            None
        };
        match (x.ty, y.ty) {
            (Ty::Int, Ty::Int) => {
                let ty = if aop == AOp::Div { Ty::Decimal } else { Ty::Int };
                Some(TE::new(TExpr::Arith(Arith::Int(aop), x, y), ty))
            }
            (Ty::Date, Ty::Dur(_)) if matches!(aop, AOp::Add | AOp::Sub) => {
                Some(TE::new(TExpr::Arith(Arith::DateShift(if aop == AOp::Add { 1 } else { -1 }), x, y), Ty::Date))
            }
            (Ty::Date, Ty::Date) if aop == AOp::Sub => Some(TE::new(TExpr::Arith(Arith::DateDiff, x, y), Ty::Dur(DurationUnit::Days))),
            (Ty::Dur(u), Ty::Dur(v)) if u == v && aop != AOp::Mul => {
                let ty = if aop == AOp::Div { Ty::Decimal } else { Ty::Dur(u) };
                Some(TE::new(TExpr::Arith(Arith::Dur(aop), x, y), ty))
            }
            (Ty::Dur(u), Ty::Int) if aop == AOp::Mul => Some(TE::new(TExpr::Arith(Arith::DurScale, x, y), Ty::Dur(u))),
            (xt, yt) => {
                let (Some(l), Some(r)) = (numk(xt), numk(yt)) else { return fail(self, xt, yt) };
                let out = match (aop, l, r) {
                    (AOp::Add | AOp::Sub, a, b) if a == b => a,
                    (AOp::Mul, Money, Ratio | Decimal) | (AOp::Mul, Ratio | Decimal, Money) => Money,
                    (AOp::Mul, Ratio, Ratio) => Ratio,
                    // A share of a quantity is a quantity: 30% of 5 points is 1.5 points.
                    (AOp::Mul, Ratio, Decimal) | (AOp::Mul, Decimal, Ratio) | (AOp::Mul, Decimal, Decimal) => Decimal,
                    (AOp::Div, Money, Money) | (AOp::Div, Ratio, Ratio) | (AOp::Div, Decimal, Decimal) => Decimal,
                    (AOp::Div, Money, Decimal | Ratio) => Money,
                    (AOp::Div, Ratio, Decimal) => Ratio,
                    _ => return fail(self, xt, yt),
                };
                let conv = |t: TE| if t.ty == Ty::Int { TE::new(TExpr::ToDecimal(t), Ty::Decimal) } else { t };
                Some(TE::new(TExpr::Arith(Arith::Num { op: aop, l, r, out }, conv(x), conv(y)), num_ty(out)))
            }
        }
    }

    fn call(&mut self, name: &str, name_span: &Range<usize>, args: &[Expr], span: &Range<usize>, expected: Option<Ty>) -> Option<TE> {
        let arity = |me: &mut Self, n: usize| -> bool {
            if args.len() != n {
                me.err(
                    "E0206",
                    span,
                    format!("`{name}` takes {n} argument{}, found {}", if n == 1 { "" } else { "s" }, args.len()),
                    "wrong number of arguments",
                    "see the expression reference in the README",
                );
                false
            } else {
                true
            }
        };
        if let Some(&pi) = self.d.param_ix.get(name) {
            if !arity(self, 1) {
                return None;
            }
            let at = self.expr(&args[0], Some(Ty::Date))?;
            let at = self.unify_to(at, Ty::Date, &args[0].span)?;
            return Some(TE::new(TExpr::Param { param: pi, at: Some(at) }, self.d.params[pi].ty));
        }
        let one = |me: &mut Self, want: Ty| -> Option<TE> {
            if !arity(me, 1) {
                return None;
            }
            let a = me.expr(&args[0], Some(want))?;
            me.unify_to(a, want, &args[0].span)
        };
        match name {
            "min" | "max" => {
                if args.is_empty() {
                    self.err("E0206", span, format!("`{name}` needs at least one argument"), "no arguments", "e.g. min(a, 30万元)");
                    return None;
                }
                let mut items: Vec<TE> = Vec::new();
                for a in args {
                    let want = items.first().map(|t| t.ty).or(expected);
                    items.push(self.expr(a, want)?);
                }
                let ty = if items.iter().any(|t| t.ty == Ty::Decimal) && items.iter().all(|t| matches!(t.ty, Ty::Int | Ty::Decimal)) {
                    Ty::Decimal
                } else {
                    items[0].ty
                };
                let mut out = Vec::new();
                for (t, a) in items.into_iter().zip(args) {
                    out.push(self.unify_to(t, ty, &a.span)?);
                }
                if !matches!(ty, Ty::Int | Ty::Decimal | Ty::Money | Ty::Ratio | Ty::Date | Ty::Dur(_)) {
                    let n = self.name(ty);
                    self.err(
                        "E0201",
                        span,
                        format!("`{name}` needs ordered values, found {n}"),
                        "not ordered",
                        "use numbers, money, ratios, dates or durations",
                    );
                    return None;
                }
                Some(TE::new(if name == "min" { TExpr::Min(out) } else { TExpr::Max(out) }, ty))
            }
            "is_known" => {
                if !arity(self, 1) {
                    return None;
                }
                let a = self.expr(&args[0], None)?;
                Some(TE::new(TExpr::IsKnown(a), Ty::Bool))
            }
            "coalesce" => {
                if !arity(self, 2) {
                    return None;
                }
                let a = self.expr(&args[0], expected)?;
                let b = self.expr(&args[1], Some(a.ty))?;
                let (a, b) = self.unify(a, b, span)?;
                let ty = a.ty;
                Some(TE::new(TExpr::Coalesce(a, b), ty))
            }
            "next_working_day" => one(self, Ty::Date).map(|a| TE::new(TExpr::NextWorkingDay(a), Ty::Date)),
            "quarter_start" => one(self, Ty::Date).map(|a| TE::new(TExpr::QuarterStart(a), Ty::Date)),
            "date" => {
                if !arity(self, 3) {
                    return None;
                }
                let mut parts = Vec::new();
                for a in args {
                    let t = self.expr(a, Some(Ty::Int))?;
                    parts.push(self.unify_to(t, Ty::Int, &a.span)?);
                }
                let mut it = parts.into_iter();
                let (y, m, d) = (it.next()?, it.next()?, it.next()?);
                Some(TE::new(TExpr::MakeDate(y, m, d), Ty::Date))
            }
            "working_days_between" => {
                if !arity(self, 2) {
                    return None;
                }
                let a = self.expr(&args[0], Some(Ty::Date))?;
                let a = self.unify_to(a, Ty::Date, &args[0].span)?;
                let b = self.expr(&args[1], Some(Ty::Date))?;
                let b = self.unify_to(b, Ty::Date, &args[1].span)?;
                Some(TE::new(TExpr::WorkingDaysBetween(a, b), Ty::Int))
            }
            "year" => one(self, Ty::Date).map(|a| TE::new(TExpr::Year(a), Ty::Int)),
            "month" => one(self, Ty::Date).map(|a| TE::new(TExpr::Month(a), Ty::Int)),
            "round_yuan" | "round_fen" => {
                let unit = if name == "round_yuan" { RoundingUnit::Yuan } else { RoundingUnit::Fen };
                one(self, Ty::Money).map(|a| TE::new(TExpr::Round(a, Rounding::new(unit, RoundingMode::HalfUp)), Ty::Money))
            }
            "sum" | "count" | "any" | "all" | "map" => {
                self.err(
                    "E0205",
                    span,
                    format!("`{name}` needs a binder: `{name}(x in list: …)`"),
                    "missing binder",
                    format!("e.g. {name}(l in enterprise.loans: l.principal)"),
                );
                None
            }
            _ => {
                // A name shaped like a declared parameter (`lpr_10y` beside `lpr_1y`) is most
                // likely a misspelt parameter; say so, and list the parameters.
                let family = |n: &str| n.split('_').next().unwrap_or(n).to_string();
                let mut like: Vec<&str> = self.d.params.iter().map(|p| p.id.as_str()).filter(|p| family(p) == family(name)).collect();
                if !like.is_empty() {
                    like.sort_unstable();
                    self.err(
                        "E0102",
                        name_span,
                        format!("unknown parameter `{name}`"),
                        "no such parameter",
                        format!(
                            "declared parameters like it: {}; a parameter is called with a date, e.g. {}(contract.signing_date)",
                            like.join(", "),
                            like[0]
                        ),
                    );
                    return None;
                }
                self.err(
                    "E0107",
                    name_span,
                    format!("unknown function `{name}`"),
                    "not a function or parameter",
                    format!("functions: {}; parameters are called with a date", BUILTINS.join(", ")),
                );
                None
            }
        }
    }
}

fn mismatch_help(a: Ty, b: Ty) -> &'static str {
    match (a, b) {
        (Ty::Money, Ty::Int | Ty::Decimal) | (Ty::Int | Ty::Decimal, Ty::Money) => "write money with its unit: 5000元, 30万元",
        (Ty::Ratio, _) | (_, Ty::Ratio) => "ratios carry a unit (30%); money × ratio gives money",
        (Ty::Dur(_), Ty::Dur(_)) => "durations of different units do not mix: 12个月 is not 365天",
        (Ty::Date, _) | (_, Ty::Date) => "dates combine with durations: d + 30天, d + 5个工作日",
        _ => "both sides must have the same type",
    }
}

fn lit(l: &Lit) -> TE {
    match l {
        Lit::Bool(b) => TE::new(TExpr::Lit(Value::Bool(*b)), Ty::Bool),
        Lit::Int(i) => TE::new(TExpr::Lit(Value::Int(*i)), Ty::Int),
        Lit::Decimal(x) => TE::new(TExpr::Lit(Value::Decimal(*x)), Ty::Decimal),
        Lit::Money(m) => TE::new(TExpr::Lit(Value::Money(*m)), Ty::Money),
        Lit::Ratio(r) => TE::new(TExpr::Lit(Value::Ratio(*r)), Ty::Ratio),
        Lit::Date(d) => TE::new(TExpr::Lit(Value::Date(*d)), Ty::Date),
        Lit::Duration(d) => TE::new(TExpr::Lit(Value::Duration(*d)), Ty::Dur(d.unit)),
        Lit::Text(t) => TE::new(TExpr::Lit(Value::Text(t.clone())), Ty::Text),
    }
}

//! The reference interpreter: evaluates the checked IR directly, so an editor can try an edit
//! without compiling. It makes every decision through the runtime's `DecisionBuilder` and
//! computes through the runtime's arithmetic, exactly as generated code does; a test requires
//! both to agree on every case.

use std::borrow::Cow;
use std::cell::OnceCell;
use std::collections::HashMap;

use regula_runtime::decision::{HitPolicy, RuleHead, apply_exclusive_groups, collect_values, select_rows};
use regula_runtime::logic::{self, Eval, Gap};
use regula_runtime::num::{self, Decimal};
use regula_runtime::value::compare;
use regula_runtime::{
    Calendar, Citation, Decision, DecisionBuilder, Duration, DurationUnit, Env, Fault, Input, InputError, Money, Ratio, Value, input, ops,
};

use crate::ir::*;

/// Facts in the interpreter's form: per group, per fact, in declaration order.
#[derive(Debug, Clone, PartialEq)]
pub struct FactValues {
    pub groups: Vec<Vec<Option<Value>>>,
}

/// Reads a facts document against the vocabulary; the first bad field is reported with its
/// path, and nothing is evaluated.
pub fn facts_from_input(p: &Program, v: &Input) -> Result<FactValues, InputError> {
    let mut groups: Vec<Vec<Option<Value>>> = p.groups.iter().map(|g| vec![None; g.facts.len()]).collect();
    let names: Vec<&str> = p.groups.iter().map(|g| g.id.as_str()).collect();
    for (gname, gv) in input::map(v, "")? {
        let Some(gi) = p.groups.iter().position(|g| g.id == *gname) else {
            return input::unknown_field("", gname, &names);
        };
        let group = &p.groups[gi];
        let fnames: Vec<&str> = group.facts.iter().map(|f| f.id.as_str()).collect();
        for (fname, fv) in input::map(gv, gname)? {
            let Some(fi) = group.facts.iter().position(|f| f.id == *fname) else {
                return input::unknown_field(gname, fname, &fnames);
            };
            let path = input::join(gname, fname);
            groups[gi][fi] = input::optional(fv, |x| read(p, group.facts[fi].ty, x, &path))?;
        }
    }
    Ok(FactValues { groups })
}

fn read(p: &Program, ty: Ty, v: &Input, path: &str) -> Result<Value, InputError> {
    Ok(match ty {
        Ty::Bool => Value::Bool(input::bool(v, path)?),
        Ty::Int => Value::Int(input::integer(v, path)?),
        Ty::Decimal => Value::Decimal(input::decimal(v, path)?),
        Ty::Money => Value::Money(input::money(v, path)?),
        Ty::Ratio => Value::Ratio(input::ratio(v, path)?),
        Ty::Date => Value::Date(input::date(v, path)?),
        Ty::Dur(u) => Value::Duration(input::duration(v, path, u)?),
        Ty::Text => Value::Text(input::text(v, path)?),
        Ty::Enum(e) => {
            let vs: Vec<&str> = p.enums[e].variants.iter().map(|x| x.0.as_str()).collect();
            let i = input::variant(v, path, &vs)?;
            Value::Enum(Cow::Owned(vs[i].to_string()))
        }
        Ty::Set(e) => {
            let vs: Vec<&str> = p.enums[e].variants.iter().map(|x| x.0.as_str()).collect();
            let mut ix = Vec::new();
            for (i, item) in input::list(v, path)?.iter().enumerate() {
                ix.push(input::variant(item, &input::index(path, i), &vs)?);
            }
            ix.sort_unstable();
            ix.dedup();
            Value::Set(ix.into_iter().map(|i| Cow::Owned(vs[i].to_string())).collect())
        }
        Ty::List(r) => {
            let rec = &p.records[r];
            let fnames: Vec<&str> = rec.fields.iter().map(|f| f.id.as_str()).collect();
            let mut items = Vec::new();
            for (i, item) in input::list(v, path)?.iter().enumerate() {
                let ipath = input::index(path, i);
                let mut fields = vec![None; rec.fields.len()];
                for (k, fv) in input::map(item, &ipath)? {
                    let Some(fi) = rec.fields.iter().position(|f| f.id == *k) else {
                        return input::unknown_field(&ipath, k, &fnames);
                    };
                    let fpath = input::join(&ipath, k);
                    fields[fi] = input::optional(fv, |x| read(p, rec.fields[fi].ty, x, &fpath))?;
                }
                items.push(Value::Record(fields));
            }
            Value::List(items)
        }
        Ty::Record(_) | Ty::ListOf(_) => return Err(InputError { path: path.to_string(), message: "not an input type".into() }),
    })
}

/// The interpreter over one checked program.
pub struct Interpreter<'p> {
    pub program: &'p Program,
    pub calendar: Calendar,
    /// Each unit's identity and citation, built once.
    heads: HashMap<UnitRef, RuleHead>,
    /// Memo slots of the units other rules use, as [`Program::memo_slot`] numbers them.
    slots: HashMap<UnitRef, usize>,
}

/// One evaluation: the facts, the environment and the decisions of the rules other rules use,
/// each decided at most once, as generated code's `Memo` does. (The checker rejects cyclic
/// rule references, so deciding one never asks for itself.)
struct Evaluation<'a> {
    f: &'a FactValues,
    env: &'a Env<'a>,
    decided: Vec<OnceCell<Decision>>,
}

fn name(s: &str) -> Cow<'static, str> {
    Cow::Owned(s.to_string())
}

impl<'p> Interpreter<'p> {
    pub fn new(program: &'p Program) -> Self {
        let c = &program.calendar;
        let years = (c.years.first().map_or(0, |y| y.0), c.years.last().map_or(-1, |y| y.0));
        let mut it = Interpreter {
            program,
            calendar: Calendar::owned(years, c.holidays.clone(), c.workdays.clone()),
            heads: HashMap::new(),
            slots: program.shared.iter().enumerate().map(|(i, u)| (*u, i)).collect(),
        };
        it.heads = (0..program.docs.len()).flat_map(|di| program.doc_units(di)).map(|u| (u, it.head(u))).collect();
        it
    }

    fn head(&self, u: UnitRef) -> RuleHead {
        let p = self.program;
        let (title, citation, from, until) = match u {
            UnitRef::Rule(di, ri) => {
                let r = &p.docs[di].rules[ri];
                (&r.title, &r.citation, r.from, r.until)
            }
            UnitRef::Table(di, ti) => {
                let t = &p.docs[di].tables[ti];
                (&t.title, &t.citation, t.from, t.until)
            }
        };
        RuleHead {
            rule: name(&p.unit_id(u)),
            title: name(title),
            citation: self.citation(u.doc(), citation),
            from,
            until,
            window: Cow::Owned(RuleHead::window_text(from, until)),
        }
    }

    fn evaluation<'a>(&self, f: &'a FactValues, env: &'a Env<'a>) -> Evaluation<'a> {
        Evaluation { f, env, decided: self.program.shared.iter().map(|_| OnceCell::new()).collect() }
    }

    /// Runs `k` on the decision of `u`, a unit other rules use, deciding it only the first
    /// time in this evaluation.
    fn with_decision<T>(&self, u: UnitRef, cx: &Evaluation, k: impl FnOnce(&Decision) -> T) -> T {
        match self.slots.get(&u).and_then(|i| cx.decided.get(*i)) {
            Some(cell) => k(cell.get_or_init(|| self.decide_in(u, cx))),
            None => k(&self.decide_in(u, cx)),
        }
    }

    pub fn citation(&self, doc: usize, c: &CitationIr) -> Citation {
        let d = &self.program.docs[doc];
        Citation {
            document: name(&d.id),
            number: name(&d.number),
            article: name(&c.article),
            file: d.source.as_ref().map(|s| name(&s.0)),
            lines: c.lines,
            quote: name(&c.quote),
        }
    }

    /// Decides one rule or table.
    pub fn decide(&self, u: UnitRef, f: &FactValues, env: &Env) -> Decision {
        self.decide_in(u, &self.evaluation(f, env))
    }

    fn decide_in(&self, u: UnitRef, cx: &Evaluation) -> Decision {
        let p = self.program;
        let env = cx.env;
        // `new` made a head for every unit of the program.
        let head = &self.heads[&u];
        match u {
            UnitRef::Rule(di, ri) => {
                let r = &p.docs[di].rules[ri];
                let mut b = DecisionBuilder::new(env, head);
                if b.in_force() {
                    for c in &r.conditions {
                        let v = self.eval(&c.expr, cx, &[]).and_then(|v| v.to_bool());
                        b.condition(name(&c.text), c.label.as_deref().map(name), v);
                    }
                    if b.open() {
                        for x in &r.unless {
                            self.with_decision(*x, cx, |d| b.exception(d));
                        }
                    }
                    if b.holds() {
                        for o in &r.outcomes {
                            let v = self.eval(&o.expr, cx, &[]);
                            b.outcome(name(&o.id), name(&o.label), o.kind, v);
                        }
                    }
                }
                b.finish()
            }
            UnitRef::Table(di, ti) => {
                let t = &p.docs[di].tables[ti];
                let mut b = DecisionBuilder::new(env, head);
                if b.in_force() {
                    let inputs: Vec<Eval<Value>> = t.inputs.iter().map(|i| self.eval(&i.2, cx, &[])).collect();
                    let mut matches = Vec::with_capacity(t.rows.len());
                    for row in &t.rows {
                        let mut m: Eval<bool> = Ok(true);
                        for (cell, input) in row.cells.iter().zip(&inputs) {
                            let c = cell_match(cell, input);
                            m = logic::and(m, || c);
                        }
                        b.row(name(&row.text), &m);
                        matches.push(m);
                    }
                    let priorities: Vec<i64> = t.rows.iter().map(|r| r.priority).collect();
                    match select_rows(t.hit, &matches, &priorities) {
                        Ok(rows) if rows.is_empty() => b.no_row(),
                        Ok(rows) => {
                            let collect = matches!(t.hit, HitPolicy::CollectSum | HitPolicy::CollectMax);
                            for (oi, (oname, _)) in t.outputs.iter().enumerate() {
                                let vals: Vec<&Value> = rows.iter().filter_map(|r| t.rows[*r].outputs.get(oi)).collect();
                                let v = if collect {
                                    collect_values(t.hit == HitPolicy::CollectSum, &vals)
                                } else {
                                    vals.first().map(|v| (*v).clone()).ok_or(Gap::Fault(Fault::Type { expected: "a row output" }))
                                };
                                if b.holds() {
                                    b.outcome(name(oname), name(oname), regula_runtime::OutcomeKind::Value, v);
                                }
                            }
                        }
                        Err(g) => b.unknown(g),
                    }
                }
                b.finish()
            }
        }
    }

    /// Every rule and table of every document, in declaration order, with exclusivity groups
    /// applied.
    pub fn evaluate_all(&self, f: &FactValues, env: &Env) -> Vec<Decision> {
        let cx = self.evaluation(f, env);
        let mut out = Vec::new();
        let mut groups: Vec<Option<&str>> = Vec::new();
        for (di, d) in self.program.docs.iter().enumerate() {
            for u in self.program.doc_units(di) {
                out.push(self.with_decision(u, &cx, Decision::clone));
                groups.push(match u {
                    UnitRef::Rule(_, ri) => d.rules[ri].exclusive.as_deref(),
                    UnitRef::Table(..) => None,
                });
            }
        }
        apply_exclusive_groups(&mut out, &groups, env.trace);
        out
    }

    pub fn find(&self, id: &str) -> Option<UnitRef> {
        let (doc, unit) = id.split_once('.')?;
        let di = self.program.docs.iter().position(|d| d.id == doc)?;
        let d = &self.program.docs[di];
        if let Some(ri) = d.rules.iter().position(|r| r.id == unit) {
            return Some(UnitRef::Rule(di, ri));
        }
        d.tables.iter().position(|t| t.id == unit).map(|ti| UnitRef::Table(di, ti))
    }

    fn eval(&self, e: &TE, cx: &Evaluation, locals: &[&Value]) -> Eval<Value> {
        let p = self.program;
        match &*e.kind {
            TExpr::Lit(v) => Ok(v.clone()),
            TExpr::Fact { group, field } => match &cx.f.groups[*group][*field] {
                Some(v) => Ok(v.clone()),
                None => Err(Gap::missing(format!("{}.{}", p.groups[*group].id, p.groups[*group].facts[*field].id))),
            },
            TExpr::Local(i) => locals.get(*i).map(|v| (*v).clone()).ok_or(Gap::Fault(Fault::Type { expected: "a bound variable" })),
            TExpr::Field { local, field, path, .. } => match locals.get(*local) {
                Some(Value::Record(fields)) => match fields.get(*field) {
                    Some(Some(v)) => Ok(v.clone()),
                    _ => Err(Gap::missing(path.clone())),
                },
                _ => Err(Gap::Fault(Fault::Type { expected: "a record" })),
            },
            TExpr::Param { param, at } => {
                let at = match at {
                    Some(a) => self.eval(a, cx, locals)?.to_date()?,
                    None => cx.env.as_of,
                };
                let pr = &p.params[*param];
                let i = pr.values.partition_point(|(from, _)| *from <= at);
                i.checked_sub(1)
                    .and_then(|i| pr.values.get(i))
                    .map(|(_, v)| v.clone())
                    .ok_or_else(|| Gap::Fault(Fault::NoParameterValue { parameter: name(&pr.id), date: at.to_string() }))
            }
            TExpr::AsOf => Ok(Value::Date(cx.env.as_of)),
            TExpr::Applies(u) => self.with_decision(*u, cx, |d| d.applies().map(Value::Bool)),
            TExpr::Outcome(u, i) => {
                let oname = p.outcome_name(*u, *i).unwrap_or("");
                self.with_decision(*u, cx, |d| d.outcome_eval(oname))
            }
            TExpr::Not(a) => logic::not(self.eval(a, cx, locals).and_then(|v| v.to_bool())).map(Value::Bool),
            TExpr::And(a, b) => {
                let x = self.eval(a, cx, locals).and_then(|v| v.to_bool());
                logic::and(x, || self.eval(b, cx, locals).and_then(|v| v.to_bool())).map(Value::Bool)
            }
            TExpr::Or(a, b) => {
                let x = self.eval(a, cx, locals).and_then(|v| v.to_bool());
                logic::or(x, || self.eval(b, cx, locals).and_then(|v| v.to_bool())).map(Value::Bool)
            }
            TExpr::Cmp(op, a, b) => {
                let (x, y) = logic::both(self.eval(a, cx, locals), self.eval(b, cx, locals))?;
                Ok(Value::Bool(op.holds(compare(&x, &y)?)))
            }
            TExpr::OneOf(x, items) => {
                let x = self.eval(x, cx, locals);
                let items: Vec<Eval<Value>> = items.iter().map(|i| self.eval(i, cx, locals)).collect();
                ops::one_of(x, items).map(Value::Bool)
            }
            TExpr::Contains(s, x) => {
                let (s, x) = logic::both(self.eval(s, cx, locals), self.eval(x, cx, locals))?;
                match (s, x) {
                    (Value::Set(items), Value::Enum(v)) => Ok(Value::Bool(items.contains(&v))),
                    _ => Err(Gap::Fault(Fault::Type { expected: "a set and a variant" })),
                }
            }
            TExpr::Arith(op, a, b) => {
                let (x, y) = logic::both(self.eval(a, cx, locals), self.eval(b, cx, locals))?;
                self.arith(*op, x, y)
            }
            TExpr::Neg(a) => match self.eval(a, cx, locals)? {
                Value::Int(i) => i.checked_neg().map(Value::Int).ok_or(Gap::Fault(Fault::Overflow)),
                Value::Decimal(d) => Ok(Value::Decimal(-d)),
                Value::Money(m) => Ok(Value::Money(Money(-m.0))),
                Value::Ratio(r) => Ok(Value::Ratio(Ratio(-r.0))),
                _ => Err(Gap::Fault(Fault::Type { expected: "a number" })),
            },
            TExpr::ToDecimal(a) => Ok(Value::Decimal(Decimal::from(self.eval(a, cx, locals)?.to_int()?))),
            TExpr::If(c, a, b) => {
                let c = self.eval(c, cx, locals).and_then(|v| v.to_bool());
                logic::cond(c, || self.eval(a, cx, locals), || self.eval(b, cx, locals))
            }
            TExpr::Min(items) | TExpr::Max(items) => {
                let vals: Vec<Eval<Value>> = items.iter().map(|i| self.eval(i, cx, locals)).collect();
                let want = if matches!(&*e.kind, TExpr::Min(_)) { std::cmp::Ordering::Less } else { std::cmp::Ordering::Greater };
                ops::extreme_by(vals, |best, v| Ok(compare(v, best)? == want))
            }
            TExpr::Coalesce(a, b) => logic::coalesce(self.eval(a, cx, locals), || self.eval(b, cx, locals)),
            TExpr::IsKnown(a) => logic::is_known(self.eval(a, cx, locals)).map(Value::Bool),
            TExpr::Agg { kind, list, body, .. } => {
                let Value::List(items) = self.eval(list, cx, locals)? else {
                    return Err(Gap::Fault(Fault::Type { expected: "a list" }));
                };
                // Items are owned here; evaluate the body with each bound in turn.
                let mut results: Vec<Eval<Value>> = Vec::with_capacity(items.len());
                for item in &items {
                    let mut inner: Vec<&Value> = locals.to_vec();
                    inner.push(item);
                    results.push(self.eval(body, cx, &inner));
                }
                self.aggregate(*kind, e.ty, results)
            }
            TExpr::NextWorkingDay(a) => {
                let d = self.eval(a, cx, locals)?.to_date()?;
                self.calendar.next_working_day(d).map(Value::Date).map_err(Gap::Fault)
            }
            TExpr::MakeDate(y, m, d) => {
                let (y, m, d) = (self.eval(y, cx, locals), self.eval(m, cx, locals), self.eval(d, cx, locals));
                let ((y, m), d) = logic::both(logic::both(y, m), d)?;
                Ok(Value::Date(regula_runtime::time::make_date(y.to_int()?, m.to_int()?, d.to_int()?)?))
            }
            TExpr::WorkingDaysBetween(a, b) => {
                let (a, b) = logic::both(self.eval(a, cx, locals), self.eval(b, cx, locals))?;
                Ok(Value::Int(self.calendar.working_days_between(a.to_date()?, b.to_date()?)?))
            }
            TExpr::QuarterStart(a) => Ok(Value::Date(regula_runtime::time::quarter_start(self.eval(a, cx, locals)?.to_date()?))),
            TExpr::Year(a) => Ok(Value::Int(i64::from(self.eval(a, cx, locals)?.to_date()?.year()))),
            TExpr::Month(a) => Ok(Value::Int(i64::from(self.eval(a, cx, locals)?.to_date()?.month()))),
            TExpr::Round(a, r) => Ok(Value::Money(num::round(self.eval(a, cx, locals)?.to_money()?, *r))),
            TExpr::CatalogHas { doc, catalog, key } => {
                let k = self.eval(key, cx, locals)?;
                let c = &p.docs[*doc].catalogs[*catalog];
                Ok(Value::Bool(
                    c.items.iter().any(|(vals, _)| vals.get(c.key).is_some_and(|v| compare(v, &k) == Ok(std::cmp::Ordering::Equal))),
                ))
            }
        }
    }

    /// Folds aggregate results exactly as `regula_runtime::logic::{fold, any, all, map}` do.
    fn aggregate(&self, kind: AggKind, ty: Ty, results: Vec<Eval<Value>>) -> Eval<Value> {
        match kind {
            AggKind::Any | AggKind::All => {
                let bools: Vec<Eval<bool>> = results.into_iter().map(|r| r.and_then(|v| v.to_bool())).collect();
                let idx: Vec<usize> = (0..bools.len()).collect();
                let r =
                    if kind == AggKind::Any { logic::any(&idx, |i| bools[*i].clone()) } else { logic::all(&idx, |i| bools[*i].clone()) };
                r.map(Value::Bool)
            }
            AggKind::Count => {
                let idx: Vec<usize> = (0..results.len()).collect();
                logic::count(&idx, |i| results[*i].clone().and_then(|v| v.to_bool())).map(Value::Int)
            }
            AggKind::Map => {
                let idx: Vec<usize> = (0..results.len()).collect();
                logic::map(&idx, |i| results[*i].clone()).map(Value::List)
            }
            AggKind::Sum => {
                let idx: Vec<usize> = (0..results.len()).collect();
                match ty {
                    Ty::Int => ops::int_sum(&idx, |i| results[*i].clone().and_then(|v| v.to_int())).map(Value::Int),
                    Ty::Money => ops::sum::<Money, _>(&idx, |i| results[*i].clone().and_then(|v| v.to_money())).map(Value::Money),
                    Ty::Ratio => ops::sum::<Ratio, _>(&idx, |i| results[*i].clone().and_then(|v| v.to_ratio())).map(Value::Ratio),
                    _ => ops::sum::<Decimal, _>(&idx, |i| results[*i].clone().and_then(|v| v.to_decimal())).map(Value::Decimal),
                }
            }
        }
    }

    fn arith(&self, op: Arith, x: Value, y: Value) -> Eval<Value> {
        let dec = |v: &Value| -> Eval<Decimal> {
            match v {
                Value::Money(m) => Ok(m.0),
                Value::Ratio(r) => Ok(r.0),
                Value::Decimal(d) => Ok(*d),
                _ => Err(Gap::Fault(Fault::Type { expected: "a number" })),
            }
        };
        let wrap = |k: NumK, d: Decimal| match k {
            NumK::Money => Value::Money(Money(d)),
            NumK::Ratio => Value::Ratio(Ratio(d)),
            NumK::Decimal => Value::Decimal(d),
        };
        Ok(match op {
            Arith::Num { op, out, .. } => {
                let (a, b) = (dec(&x)?, dec(&y)?);
                let r = match op {
                    AOp::Add => num::add(a, b),
                    AOp::Sub => num::sub(a, b),
                    AOp::Mul => num::mul(a, b),
                    AOp::Div => num::div(a, b),
                }?;
                wrap(out, r)
            }
            Arith::Int(op) => {
                let (a, b) = (x.to_int()?, y.to_int()?);
                match op {
                    AOp::Add => Value::Int(num::int_add(a, b)?),
                    AOp::Sub => Value::Int(num::int_sub(a, b)?),
                    AOp::Mul => Value::Int(num::int_mul(a, b)?),
                    AOp::Div => Value::Decimal(num::int_div(a, b)?),
                }
            }
            Arith::DateShift(sign) => Value::Date(ops::shift_date(&self.calendar, x.to_date()?, y.to_duration()?, sign)?),
            Arith::DateDiff => {
                Value::Duration(Duration::new(regula_runtime::time::days_between(y.to_date()?, x.to_date()?)?, DurationUnit::Days))
            }
            Arith::Dur(op) => {
                let (a, b) = (x.to_duration()?, y.to_duration()?);
                match op {
                    AOp::Add => Value::Duration(Duration::new(num::int_add(a.amount, b.amount)?, a.unit)),
                    AOp::Sub => Value::Duration(Duration::new(num::int_sub(a.amount, b.amount)?, a.unit)),
                    _ => Value::Decimal(num::int_div(a.amount, b.amount)?),
                }
            }
            Arith::DurScale => {
                let a = x.to_duration()?;
                Value::Duration(Duration::new(num::int_mul(a.amount, y.to_int()?)?, a.unit))
            }
        })
    }
}

/// Whether a decision-table cell matches an input value; `-` matches even an unknown input.
pub fn cell_match(cell: &CellIr, input: &Eval<Value>) -> Eval<bool> {
    if *cell == CellIr::Any {
        return Ok(true);
    }
    match input {
        Ok(v) => Ok(crate::check::cell_matches(cell, v)),
        Err(g) => Err(g.clone()),
    }
}

/// Evaluates the whole corpus for facts at a date (compiled or interpreted).
pub type EvaluateFn<'a> = dyn Fn(&Input, regula_runtime::Date) -> Result<Vec<Decision>, InputError> + 'a;

/// What a case run found wrong.
#[derive(Debug, Clone, PartialEq)]
pub struct CaseFailure {
    pub document: String,
    pub case: String,
    pub rule: String,
    pub message: String,
}

/// Runs every case of every document. `evaluate(facts, as_of)` returns every decision of
/// the corpus, as `evaluate_all` does, so cases see exclusivity groups exactly as users do.
pub fn run_cases(p: &Program, evaluate: &EvaluateFn<'_>) -> (usize, Vec<CaseFailure>) {
    let mut passed = 0;
    let mut failures = Vec::new();
    for d in &p.docs {
        for c in &d.cases {
            let mut ok = true;
            let all = evaluate(&c.given, c.as_of);
            for e in &c.expect {
                let rule = p.unit_id(e.unit);
                let fail = |msg: String| CaseFailure { document: d.id.clone(), case: c.name.clone(), rule: rule.clone(), message: msg };
                let dec = match &all {
                    Ok(all) => match all.iter().find(|x| x.rule == rule.as_str()) {
                        Some(x) => x,
                        None => {
                            failures.push(fail("no decision for this rule".to_string()));
                            ok = false;
                            continue;
                        }
                    },
                    Err(err) => {
                        failures.push(fail(format!("facts rejected: {err}")));
                        ok = false;
                        continue;
                    }
                };
                if dec.status != e.status {
                    let why = match (&dec.fault, dec.missing.is_empty()) {
                        (Some(f), _) => format!(" (fault: {f})"),
                        (None, false) => format!(" (missing: {})", dec.missing.join(", ")),
                        _ => format!(" ({:?})", dec.reason),
                    };
                    failures.push(fail(format!("expected {}, got {}{why}", e.status.as_str(), dec.status.as_str())));
                    ok = false;
                    continue;
                }
                for (o, v) in &e.outcomes {
                    match dec.outcome(o) {
                        Some(got) if compare(got, v) == Ok(std::cmp::Ordering::Equal) || got == v => {}
                        Some(got) => {
                            failures.push(fail(format!("outcome `{o}`: expected {v}, got {got}")));
                            ok = false;
                        }
                        None => {
                            failures.push(fail(format!("outcome `{o}`: expected {v}, got none")));
                            ok = false;
                        }
                    }
                }
                if let Some(m) = &e.missing {
                    let mut want = m.clone();
                    want.sort();
                    want.dedup();
                    let got: Vec<String> = dec.missing.iter().map(|s| s.to_string()).collect();
                    if want != got {
                        failures.push(fail(format!("missing facts: expected [{}], got [{}]", want.join(", "), got.join(", "))));
                        ok = false;
                    }
                }
            }
            if ok {
                passed += 1;
            }
        }
    }
    (passed, failures)
}

/// `regula_runtime::Env` for the interpreter's own calendar.
pub fn env<'a>(cal: &'a Calendar, as_of: regula_runtime::Date, trace: bool) -> Env<'a> {
    Env { as_of, trace, calendar: cal }
}

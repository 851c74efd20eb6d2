//! Rego through `regorus` 0.14.1 (Microsoft's Rust Rego engine; crate default features, which
//! include its bytecode VM `rvm`, so Cargo.toml is unchanged), two ways over the same policies:
//!
//! - [`Rego::interpreter`] ("regorus engine"): `regorus::Engine`, the policies added and the data
//!   document added once in `new()`; per decision `set_input` + `eval_rule`.
//! - [`Rego::vm`] ("regorus rvm"): the same engine's `compile_with_entrypoint` for each rule's
//!   `decision`, compiled once by `languages::rego::compiler::Compiler::compile_from_policy` to
//!   an RVM `Program` and loaded into a `RegoVM` with the data document; per decision
//!   `set_input` + `execute_entry_point_by_name`. All three rules compile and run on the VM: the
//!   policies use no builtin or construct it lacks, so `supports` is true for every rule.
//!
//! The policies are Rego v1 modules under `benches/peers/rego/`, one per source document
//! (`j39.rego`, `cc47.rego`, `n07.rego`) and `facts.rego` for reading dates and money; each
//! rule's result is `data.regula.<doc>.decision`, `{"status": "applies", …}` with
//! `subsidy_fen` or `due`, `{"status": "does_not_apply"}` (the default) or
//! `{"status": "undetermined"}`.
//!
//! Input forms. JSON: `Value::from_json_str` on [`Applicant::to_json`], nothing else; dates are
//! `"YYYY-MM-DD"`, principals decimal strings. Native: the same document built as a `Value`
//! outside timing, with dates in Rego's date form (nanoseconds since the epoch, what
//! `time.parse_ns` returns) and principals in integer fen. `facts.ns(x)` and `facts.fen(x)`
//! take either form (a number as it is, a string parsed in Rego), so both forms run the same
//! rules. Data document (`add_data`, once): `lpr_1y`, the `LPR_1Y_BP` history as `{from, bp}`
//! (from in ns, rate in basis points); `calendar`, the official calendar from
//! `workload::calendar_days()` as two sets of ns (`holidays`, `workdays`: regorus `Value::Set`s,
//! so `d in …` is a tree lookup) with its range `first` 2020-01-01 and `last` 2026-12-31.
//!
//! Numbers: a regorus number is an integer (i64/u64, else a big integer; exact) or an f64, and
//! `/` stays an integer only when the division is exact, so no money is ever divided: it is all
//! integer fen, basis points and remainders. Dates: `time.date` gives `[y, m, d]`, and arrays
//! compare lexicographically, so date conditions read `facts.ymd(x) >= [2020, 4, 30]`. Month
//! arithmetic (`facts.add_months`) is written on `[y, m, d]` with the Civil Code clamp to the
//! month's last day; `time.add_date` is not used, because OPA normalizes an overflowing day
//! into the next month (2020-01-31 + 1 month = 2020-03-02) and regorus's version (chrono)
//! clamps months but returns undefined when adding years to 29 February.
//!
//! How each rule is written:
//! - j39.first_startup_subsidy: one partial rule per condition group of the YAML (common
//!   conditions, the three applicant groups, the fraud bar), each a conjunction; "registered at
//!   least N months" is `facts.add_months(registration_date, N) <= today`, "left school within
//!   2 years" `registered <= facts.add_months(school_leaving_date, 24)` (2 years as 24 months, so
//!   29 February clamps to 28 February); in force from 2020-04-30; 5000元 = 500000 fen.
//! - cc47.interest_subsidy: the LPR on the contract date is the `lpr_1y` entry whose `from` is
//!   on or before the date and whose successor's is not; a relief loan with no rate makes the
//!   rule not apply (as in the reference). Each relief loan's subsidy is the exact integer
//!   fen × 30 × bp × min(term, 12) in units of 1/12,000,000 fen (100 % × 10000 bp × 12 months);
//!   the total is summed exactly, capped at 30万元 (30,000,000 fen in those units) and rounded
//!   half up to the fen by integer remainder, as are the uncapped total and each loan's amount
//!   (all three outcomes are computed). The principal string is read to fen in Rego: the yuan
//!   digits × 100 plus the (at most two) digits after the point, read behind a leading "1"
//!   because `to_number` reads JSON, where "05" is not a number; a principal with more than two
//!   decimals is undefined (the rule then yields no decision: Answer::Unknown). In force
//!   2020-10-28 to 2021-10-28 inclusive.
//! - n07.payment_due: scope as partial rules (SME supplier, agency or large payer, goods/works/
//!   services); the term start and the number of days are `else` chains in the order of 第九条 /
//!   第八条; `next_working_day(d)` is the minimum of the set of candidate days d + k days,
//!   k in `numbers.range(0, 30)`, that fall within the calendar and are working days (listed
//!   make-up workday, or not Saturday/Sunday by `time.weekday` and not a listed holiday); a day
//!   before 2020 or with no working day left by 2026-12-31 leaves `due` undefined and the
//!   decision `undetermined` (Answer::Unknown), as in the reference. In force from 2020-09-01.
//!
//! Nothing had to be left out. One difference from the reference, outside the benchmark's
//! 20,000 applicants: the reference multiplies by `Decimal::from(months) / 12`, which
//! rust_decimal rounds to 28 digits, so when the exact subsidy is exactly half a fen and the
//! term is 1 month (1/12 rounded down) it rounds down; Rego's exact integers round it up as the
//! policy says (10000.00元 × 30% × 3.85% × 1/12 = 9.625元: reference 9.62元, Rego 9.63元; Regula's
//! generated code agrees with the reference there).

use std::cell::RefCell;
use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

use jiff::civil::Date;
use regorus::Value;
use regorus::languages::rego::compiler::Compiler;
use regorus::rvm::program::Program;
use regorus::rvm::vm::RegoVM;

use crate::Engine;
use crate::workload::{Answer, Applicant, LPR_1Y_BP, Rule, calendar_days, size_id};

/// The policies, one Rego module per source document plus the shared fact readers.
const MODULES: [(&str, &str); 4] = [
    ("facts.rego", include_str!("../peers/rego/facts.rego")),
    ("j39.rego", include_str!("../peers/rego/j39.rego")),
    ("cc47.rego", include_str!("../peers/rego/cc47.rego")),
    ("n07.rego", include_str!("../peers/rego/n07.rego")),
];

/// The rule each benchmarked rule's decision comes from.
fn entry_point(rule: Rule) -> &'static str {
    match rule {
        Rule::StartupSubsidy => "data.regula.j39.decision",
        Rule::InterestSubsidy => "data.regula.cc47.decision",
        Rule::PaymentDue => "data.regula.n07.decision",
    }
}

fn index(rule: Rule) -> usize {
    match rule {
        Rule::StartupSubsidy => 0,
        Rule::InterestSubsidy => 1,
        Rule::PaymentDue => 2,
    }
}

const DAY_NS: i64 = 86_400_000_000_000;

/// A date in Rego's own date form: nanoseconds since 1970-01-01T00:00:00Z (what `time.parse_ns`
/// gives for a `YYYY-MM-DD` day).
fn ns(d: Date) -> Value {
    let days = Date::constant(1970, 1, 1).until(d).map_or(0, |s| i64::from(s.get_days()));
    Value::from(days * DAY_NS)
}

fn obj(fields: Vec<(&str, Value)>) -> Value {
    Value::from(fields.into_iter().map(|(k, v)| (Value::from(k), v)).collect::<BTreeMap<Value, Value>>())
}

fn set(days: &[Date]) -> Value {
    Value::from(days.iter().map(|d| ns(*d)).collect::<BTreeSet<Value>>())
}

/// The data document: the one-year LPR history and the official calendar 2020–2026, days as ns.
fn data() -> Value {
    let (holidays, workdays) = calendar_days();
    let lpr = LPR_1Y_BP.iter().map(|(from, bp)| obj(vec![("from", ns(*from)), ("bp", Value::from(*bp))])).collect::<Vec<_>>();
    obj(vec![
        ("lpr_1y", Value::from(lpr)),
        (
            "calendar",
            obj(vec![
                ("first", ns(Date::constant(2020, 1, 1))),
                ("last", ns(Date::constant(2026, 12, 31))),
                ("holidays", set(&holidays)),
                ("workdays", set(&workdays)),
            ]),
        ),
    ])
}

/// Which regorus evaluator runs the policies.
enum Backend {
    Interpreter(Box<RefCell<regorus::Engine>>),
    /// One VM per rule (None: the rule did not compile to bytecode).
    Vm(Box<[Option<RefCell<RegoVM>>; 3]>),
}

pub struct Rego {
    backend: Backend,
    status: Value,
    applies: Value,
    does_not_apply: Value,
    subsidy_fen: Value,
    due: Value,
}

impl Rego {
    fn engine() -> regorus::Engine {
        let mut engine = regorus::Engine::new();
        for (path, text) in MODULES {
            engine.add_policy(path.to_string(), text.to_string()).unwrap_or_else(|e| panic!("{path}: {e}"));
        }
        engine.add_data(data()).expect("data document");
        engine
    }

    fn with(backend: Backend) -> Self {
        Rego {
            backend,
            status: Value::from("status"),
            applies: Value::from("applies"),
            does_not_apply: Value::from("does_not_apply"),
            subsidy_fen: Value::from("subsidy_fen"),
            due: Value::from("due"),
        }
    }

    /// The regular regorus engine (tree-walking interpreter).
    pub fn interpreter() -> Self {
        Self::with(Backend::Interpreter(Box::new(RefCell::new(Self::engine()))))
    }

    /// regorus's bytecode VM: each rule compiled once to an RVM program.
    pub fn vm() -> Self {
        let vms = Rule::ALL.map(|rule| {
            let program = Self::compile(rule).map_err(|e| eprintln!("rego vm: {}: {e}", rule.id())).ok()?;
            let mut vm = RegoVM::new();
            vm.load_program(program);
            vm.set_data(data()).map_err(|e| eprintln!("rego vm: {}: {e}", rule.id())).ok()?;
            Some(RefCell::new(vm))
        });
        Self::with(Backend::Vm(Box::new(vms)))
    }

    fn compile(rule: Rule) -> Result<Arc<Program>, String> {
        let mut engine = Self::engine();
        let policy = engine.compile_with_entrypoint(&entry_point(rule).into()).map_err(|e| e.to_string())?;
        Compiler::compile_from_policy(&policy, &[entry_point(rule)]).map_err(|e| e.to_string())
    }

    fn eval(&self, rule: Rule, input: Value) -> Result<Value, String> {
        match &self.backend {
            Backend::Interpreter(engine) => {
                let mut engine = engine.borrow_mut();
                engine.set_input(input);
                engine.eval_rule(entry_point(rule).to_string()).map_err(|e| e.to_string())
            }
            Backend::Vm(vms) => {
                let mut vm = vms[index(rule)].as_ref().ok_or("not compiled")?.borrow_mut();
                vm.set_input(input);
                vm.execute_entry_point_by_name(entry_point(rule)).map_err(|e| e.to_string())
            }
        }
    }

    /// The decision object's headline outcome.
    fn answer(&self, rule: Rule, v: &Value) -> Answer {
        let status = &v[&self.status];
        if *status == self.does_not_apply {
            return Answer::No;
        }
        if *status != self.applies {
            return Answer::Unknown;
        }
        match rule {
            Rule::PaymentDue => {
                let ymd = v[&self.due].as_array().ok().and_then(|a| {
                    let n = |i: usize| a.get(i).and_then(|x| x.as_i64().ok());
                    Date::new(n(0)? as i16, n(1)? as i8, n(2)? as i8).ok()
                });
                ymd.map_or(Answer::Unknown, Answer::Day)
            }
            _ => v[&self.subsidy_fen].as_i64().map_or(Answer::Unknown, Answer::Fen),
        }
    }

    fn decide_value(&self, rule: Rule, input: Value) -> Answer {
        match self.eval(rule, input) {
            Ok(v) => self.answer(rule, &v),
            Err(_) => Answer::Unknown,
        }
    }
}

impl Engine for Rego {
    type Prepared = Value;
    fn name(&self) -> String {
        match self.backend {
            Backend::Interpreter(_) => "regorus engine".to_string(),
            Backend::Vm(_) => "regorus rvm".to_string(),
        }
    }
    fn supports(&self, rule: Rule) -> bool {
        match &self.backend {
            Backend::Interpreter(_) => true,
            Backend::Vm(vms) => vms[index(rule)].is_some(),
        }
    }
    /// The facts document with dates in Rego's date form (ns since the epoch) and money in
    /// integer fen; the same shape as [`Applicant::to_json`], which the policies also read.
    fn prepare(&self, _: Rule, a: &Applicant) -> Value {
        let (s, r, c) = (&a.startup, &a.relief, &a.contract);
        let text = |x: &str| Value::from(x);
        let loans = r
            .loans
            .iter()
            .map(|l| {
                let fen: i64 = (l.principal * rust_decimal::Decimal::from(100)).try_into().unwrap_or(i64::MIN);
                obj(vec![
                    ("principal", Value::from(fen)),
                    ("contract_date", ns(l.contract_date)),
                    ("term", Value::from(l.term_months)),
                    ("is_relief_product", Value::from(l.is_relief_product)),
                ])
            })
            .collect::<Vec<_>>();
        obj(vec![
            ("as_of", ns(a.as_of)),
            (
                "enterprise",
                obj(vec![
                    ("registration_date", ns(s.registration_date)),
                    ("is_individual_business", Value::from(s.is_individual_business)),
                    ("size", text(size_id(s.size))),
                    ("operating_normally", Value::from(s.operating_normally)),
                    ("located_in_township", Value::from(s.located_in_township)),
                    ("established_in_prc", Value::from(c.supplier_established_in_prc)),
                    ("on_relief_list", Value::from(r.on_relief_list)),
                    ("same_matter_interest_subsidy", Value::from(r.same_matter_interest_subsidy)),
                    ("loans", Value::from(loans)),
                ]),
            ),
            (
                "person",
                obj(vec![
                    ("first_registration_in_jilin", Value::from(s.first_registration_in_jilin)),
                    ("registered_with_own_identity", Value::from(s.registered_with_own_identity)),
                    ("business_role", text(s.business_role.id())),
                    ("applicant_group", text(s.applicant_group.id())),
                    ("school_leaving_date", ns(s.school_leaving_date)),
                    ("received_startup_subsidy", Value::from(s.received_startup_subsidy)),
                    ("startup_subsidy_fraud", Value::from(s.startup_subsidy_fraud)),
                ]),
            ),
            (
                "contract",
                obj(vec![
                    ("supplier_size", text(size_id(c.supplier_size))),
                    ("payer_size", text(size_id(c.payer_size))),
                    ("object", text(c.object.id())),
                    ("delivery_date", ns(c.delivery_date)),
                    ("term_agreed", Value::from(c.term_agreed)),
                    ("payment_term", Value::from(c.payment_term_days)),
                    ("settlement_mode", text(c.settlement_mode.id())),
                    ("settlement_confirmed_date", ns(c.settlement_confirmed_date)),
                    ("payment_on_acceptance", Value::from(c.payment_on_acceptance)),
                    ("acceptance_deadline", ns(c.acceptance_deadline)),
                    ("acceptance_date", ns(c.acceptance_date)),
                    ("acceptance_delayed_by_payer", Value::from(c.acceptance_delayed_by_payer)),
                ]),
            ),
            (
                "payer",
                obj(vec![
                    ("kind", text(c.payer_kind.id())),
                    ("uses_fiscal_funds", Value::from(c.payer_uses_fiscal_funds)),
                    ("established_in_prc", Value::from(c.payer_established_in_prc)),
                ]),
            ),
        ])
    }
    fn decide(&self, rule: Rule, p: &Value) -> Answer {
        self.decide_value(rule, p.clone())
    }
    fn decide_json(&self, rule: Rule, json: &str) -> Answer {
        match Value::from_json_str(json) {
            Ok(input) => self.decide_value(rule, input),
            Err(_) => Answer::Unknown,
        }
    }
}

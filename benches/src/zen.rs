//! GoRules ZEN (crates `zen-engine` 2.1 and `zen-expression` 2.1), two ways:
//!
//! - [`ZenTable`]: each rule as a JDM decision graph (`benches/peers/zen/*.json`, as the GoRules
//!   editor would export it): input node → expression nodes for dates and formulas → decision
//!   tables for the rule's cases → output node, evaluated by a `zen_engine::Decision` created
//!   once from `DecisionEngine::create_decision` and compiled once (`Decision::compile`, which
//!   caches the bytecode of every expression-node value and table cell).
//! - [`ZenExpression`]: each rule as one ZEN standard expression with local assignments
//!   (`a = …; b = …; result`), compiled once to bytecode by an `Isolate` and run on a reused `VM`.
//!
//! Both forms read the applicant as the JSON document of [`Applicant::to_json`] in ZEN's
//! `Variable`: from the JSON text through `serde_json::from_str::<Variable>`, natively as the
//! same document built outside timing with the loan principals as exact decimals (ZEN numbers
//! are `rust_decimal` decimals, so money stays decimal; from JSON the principal strings go
//! through ZEN's `number()`). Dates stay `YYYY-MM-DD` strings in both forms and are parsed in
//! the rules with `d(…)`. The rules' data go into the context as data: `calendar`, an object
//! from each listed day (`YYYY-MM-DD`) to `'holiday'` or `'workday'`, built in `new()` from
//! `workload::calendar_days()`; the one-year LPR history from `LPR_1Y_BP`, newest first with the
//! rate as a decimal (385 bp → 0.0385), is the rows of the graph's LPR decision table
//! (`ZenTable`) or the `lpr` list `[{from, rate}]` in the context (`ZenExpression`), its `from`
//! turned into ZEN dates once in `new()` by ZEN itself.
//!
//! How each rule is written:
//! - j39.first_startup_subsidy — dates with `d(…)`: "registered + 12 months ≤ as_of" is
//!   `d(registration_date).add(12, 'M') <= d(as_of)` (chrono month addition clamps to the
//!   month's last day, as the brief requires). "Left school within 2 years" adds 24 months, not
//!   `add(2, 'y')`: ZEN's year addition sets the year (`with_year`), which is an invalid date for
//!   29 February, where the policy's calendar arithmetic clamps to 28 February. In the graph the
//!   common conditions (一) are a decision table with the individual-business / small-or-micro
//!   alternative as two rows, the applicant groups (一（一）–（三）) are a table keyed by group, and
//!   the subsidy (二, 五（三）, in force from 2020-04-30) a one-row table giving 5000.
//! - cc47.interest_subsidy — the LPR on the contract date is the first announcement on or
//!   before it: in the graph a first-hit decision table run in loop mode over
//!   `enterprise.loans` (`>= d('2020-04-20', 'UTC')` → `0.0385`, newest first), in the
//!   expression `filter(lpr, #.from <= signed)[0].rate`. Per relief loan
//!   `principal × 0.30 × LPR × min(term, 12) / 12` in decimal (dividing last), in the same operation order as
//!   the hand-written Rust, summed, capped with `min([sum, 300000])` and rounded with
//!   `round(x, 2)`, which is `rust_decimal`'s `MidpointAwayFromZero` (half-up), the rounding of
//!   the specification (checked: `round(0.125, 2)` = 0.13, `round(2.675, 2)` = 2.68).
//!   Eligibility (in force 2020-10-28…2021-10-28, on the relief list, no same-matter subsidy, a
//!   relief loan, every relief loan's LPR known) is a one-row table in the graph.
//! - n07.payment_due — in the graph, decision tables for the SME supplier, the payer class
//!   (agency / large enterprise / other), payer class → payment term (`min([payment_term, 60])`,
//!   30, or the agreed term), the term's start date, and the scope. The due date is an
//!   expression in both forms: the start plus the term in days (`add(n, 'd')`), then the first
//!   day from there that is a working day — the calendar says `'workday'`, or says nothing and
//!   it is Monday to Friday — or lies after 2026; unknown when that day falls outside the
//!   calendar's years 2020–2026. ZEN has no loop with an exit, so the search is a bounded
//!   look-ahead over candidate days, `filter(map([0..6], start.add(#, 'd')), working)[0]` and,
//!   only when the week has none (`??`), the same over days 7–31: 32 days, well above the
//!   longest run of rest days in the calendar (10, the extended 2020 Spring Festival).
//!
//! Dates are parsed with an explicit zone, `d(x, 'UTC')`: `d(x)` parses in the host's local
//! zone, and ZEN adds days as multiples of 86 400 seconds, so in a zone with daylight saving a
//! due date could slip by a day. Nothing could not be expressed; all three rules are supported.
//! Results map to `Answer` from the output's `subsidy` (yuan → fen) or `applies`/`due`; an
//! evaluation error would map to `Answer::Unknown` (none occurs on the workload).
//! Engine notes: zen-engine builds its graph per evaluation, and compiles a decision table's
//! column expressions (the `field` of each input, here plain paths and, for the LPR table,
//! `d(contract_date, 'UTC')`) at each evaluation; those are the engine's own costs.

use std::cell::RefCell;
use std::sync::Arc;

use jiff::civil::Date;
use rust_decimal::Decimal;
use zen_engine::model::DecisionContent;
use zen_engine::{Decision, DecisionEngine};
use zen_expression::variable::Variable;
use zen_expression::vm::VM;
use zen_expression::{Expression, Isolate};

use crate::Engine;
use crate::workload::{Answer, Applicant, LPR_1Y_BP, Rule, calendar_days};

const J39_GRAPH: &str = include_str!("../peers/zen/j39.json");
const CC47_GRAPH: &str = include_str!("../peers/zen/cc47.json");
const N07_GRAPH: &str = include_str!("../peers/zen/n07.json");

/// j39.first_startup_subsidy — 吉人社联〔2020〕20号 一、二、五（三）. 5000 when it applies, else null.
const J39_EXPRESSION: &str = "
as_of_day = d(as_of, 'UTC');
registered = d(enterprise.registration_date, 'UTC');
common_conditions = registered >= d('2018-01-01', 'UTC')
  and person.first_registration_in_jilin
  and person.registered_with_own_identity
  and (enterprise.is_individual_business or enterprise.size in ['small', 'micro'])
  and person.business_role in ['legal_representative', 'operator'];
operating_1_year = registered.add(12, 'M') <= as_of_day;
operating_6_months = registered.add(6, 'M') <= as_of_day;
left_school_within_2_years = registered <= d(person.school_leaving_date, 'UTC').add(24, 'M');
listed_group = (person.applicant_group == 'employment_difficulty' and operating_1_year)
  or (person.applicant_group == 'college_graduate' and left_school_within_2_years and operating_1_year)
  or (person.applicant_group == 'poor_labour' and operating_6_months)
  or (person.applicant_group in ['returning_migrant_worker', 'veteran'] and operating_1_year and enterprise.located_in_township);
as_of_day >= d('2020-04-30', 'UTC') and common_conditions and listed_group and enterprise.operating_normally
  and not person.received_startup_subsidy and not person.startup_subsidy_fraud ? 5000 : null
";

/// cc47.interest_subsidy — 长财金〔2020〕1623号. The capped subsidy in yuan when it applies, else null.
const CC47_EXPRESSION: &str = "
as_of_day = d(as_of, 'UTC');
relief_loans = filter(enterprise.loans, #.is_relief_product);
listed = as_of_day >= d('2020-10-28', 'UTC') and as_of_day <= d('2021-10-28', 'UTC')
  and enterprise.on_relief_list and not enterprise.same_matter_interest_subsidy and len(relief_loans) > 0;
signed = listed ? map(relief_loans as loan, {principal: number(loan.principal), term: loan.term, signed: d(loan.contract_date, 'UTC')}) : [];
priced = map(signed as loan, {principal: loan.principal, term: loan.term, lpr_1y: filter(lpr, #.from <= loan.signed)[0].rate});
listed and all(priced, #.lpr_1y != null)
  ? round(min([sum(map(priced, #.principal * 0.30 * #.lpr_1y * min([#.term, 12]) / 12)), 300000]), 2)
  : null
";

/// n07.payment_due — 保障中小企业款项支付条例 第八、九、十条. `{applies, due}`, `due` null when
/// the due day falls outside the calendar.
const N07_EXPRESSION: &str = "
sme_supplier = enterprise.established_in_prc and contract.supplier_size in ['medium', 'small', 'micro'];
agency = payer.kind in ['government_agency', 'public_institution']
  or (payer.kind == 'social_organization' and payer.uses_fiscal_funds);
large_enterprise = payer.kind == 'enterprise' and (contract.payer_size == 'large' or not payer.established_in_prc);
applies = d(as_of, 'UTC') >= d('2020-09-01', 'UTC') and sme_supplier and (agency or large_enterprise)
  and contract.object in ['goods', 'works', 'services'];
term_start = contract.payment_on_acceptance and contract.acceptance_delayed_by_payer
    and d(contract.acceptance_date, 'UTC') > d(contract.acceptance_deadline, 'UTC') ? contract.acceptance_deadline
  : contract.payment_on_acceptance ? contract.acceptance_date
  : contract.settlement_mode != 'on_delivery' ? contract.settlement_confirmed_date
  : contract.delivery_date;
payment_days = agency and contract.term_agreed ? min([contract.payment_term, 60]) : agency ? 30 : contract.payment_term;
earliest = applies ? d(term_start, 'UTC').add(payment_days, 'd') : null;
due_day = applies
  ? (filter(map([0..6], earliest.add(#, 'd')),
      #.year() > 2026 or (calendar[#.format('%Y-%m-%d')] ?? (#.weekday() <= 5 ? 'workday' : 'rest_day')) == 'workday')[0]
    ?? filter(map([7..31], earliest.add(#, 'd')),
      #.year() > 2026 or (calendar[#.format('%Y-%m-%d')] ?? (#.weekday() <= 5 ? 'workday' : 'rest_day')) == 'workday')[0])
  : null;
{
  applies: applies,
  due: applies and due_day.year() >= 2020 and due_day.year() <= 2026 ? due_day.format('%Y-%m-%d') : null
}
";

/// The calendar as ZEN data: each listed day to `'holiday'` or `'workday'`.
fn calendar() -> Variable {
    let (holidays, workdays) = calendar_days();
    let days = holidays.iter().map(|d| (d, "holiday")).chain(workdays.iter().map(|d| (d, "workday")));
    Variable::from_object(days.map(|(d, kind)| (d.to_string().as_str().into(), Variable::String(kind.into()))).collect())
}

/// The LPR history newest first for the context of [`ZenExpression`], each `{from, rate}` with
/// `from` turned into a ZEN date once, by ZEN itself (`d(from, 'UTC')`).
fn lpr() -> Variable {
    let raw = Variable::from_array(
        LPR_1Y_BP
            .iter()
            .rev()
            .map(|(from, bp)| {
                Variable::from_object(
                    [
                        ("from".into(), Variable::String(from.to_string().as_str().into())),
                        ("rate".into(), Variable::Number(Decimal::new(*bp, 4))),
                    ]
                    .into_iter()
                    .collect(),
                )
            })
            .collect(),
    );
    let env = Variable::from_object([("lpr".into(), raw)].into_iter().collect());
    Isolate::with_environment(env).run_standard("map(lpr, {from: d(#.from, 'UTC'), rate: #.rate})").expect("the LPR history as ZEN dates")
}

/// The applicant's JSON document as a ZEN value, the principals as exact decimals.
fn document(a: &Applicant) -> Variable {
    let doc: Variable = serde_json::from_str(&a.to_json()).expect("the workload's JSON is valid");
    if let Some(Variable::Array(loans)) = doc.dot("enterprise.loans") {
        for (loan, l) in loans.borrow().iter().zip(&a.relief.loans) {
            loan.dot_insert("principal", Variable::Number(l.principal));
        }
    }
    doc
}

/// Parses the JSON document into ZEN's value.
fn parse(json: &str) -> Option<Variable> {
    serde_json::from_str::<Variable>(json).ok()
}

fn fen(v: Option<Variable>) -> Answer {
    match v {
        Some(Variable::Number(n)) => Answer::Fen((n * Decimal::from(100)).try_into().unwrap_or(i64::MIN)),
        Some(Variable::Null) | None => Answer::No,
        Some(_) => Answer::Unknown,
    }
}

fn due(applies: Option<Variable>, due: Option<Variable>) -> Answer {
    match applies {
        Some(Variable::Bool(true)) => match due.as_ref().and_then(|d| d.as_str()).and_then(|d| d.parse::<Date>().ok()) {
            Some(d) => Answer::Day(d),
            None => Answer::Unknown,
        },
        Some(Variable::Bool(false)) => Answer::No,
        _ => Answer::Unknown,
    }
}

/// The rules as JDM decision graphs run by `zen_engine`.
pub struct ZenTable {
    j39: Decision,
    cc47: Decision,
    n07: Decision,
    calendar: Variable,
}

impl ZenTable {
    pub fn new() -> Self {
        let engine = DecisionEngine::default();
        let decision = |content: DecisionContent| {
            let mut d = engine.create_decision(Arc::new(content)).expect("a decision graph");
            d.compile();
            d
        };
        let graph = |text: &str| serde_json::from_str::<serde_json::Value>(text).expect("valid JDM");
        // The LPR table's rows, newest first: the first announcement on or before the contract date.
        let mut cc47 = graph(CC47_GRAPH);
        let rows: Vec<serde_json::Value> = LPR_1Y_BP
            .iter()
            .rev()
            .map(|(from, bp)| {
                serde_json::json!({
                    "_id": format!("lpr-{from}"),
                    "_description": format!("{from} 起一年期LPR"),
                    "signed": format!(">= d('{from}', 'UTC')"),
                    "rate": Decimal::new(*bp, 4).to_string(),
                })
            })
            .collect();
        let lpr_node = cc47["nodes"].as_array_mut().and_then(|ns| ns.iter_mut().find(|n| n["id"] == "lpr")).expect("the LPR table node");
        lpr_node["content"]["rules"] = serde_json::Value::Array(rows);
        let content = |v: serde_json::Value| serde_json::from_value::<DecisionContent>(v).expect("valid JDM");
        ZenTable {
            j39: decision(content(graph(J39_GRAPH))),
            cc47: decision(content(cc47)),
            n07: decision(content(graph(N07_GRAPH))),
            calendar: calendar(),
        }
    }

    fn run(&self, rule: Rule, context: Variable) -> Answer {
        let decision = match rule {
            Rule::StartupSubsidy => &self.j39,
            Rule::InterestSubsidy => &self.cc47,
            Rule::PaymentDue => &self.n07,
        };
        let Ok(response) = pollster::block_on(decision.evaluate(context)) else {
            return Answer::Unknown;
        };
        let r = response.result;
        match rule {
            Rule::StartupSubsidy | Rule::InterestSubsidy => fen(r.dot("subsidy")),
            Rule::PaymentDue => due(r.dot("applies"), r.dot("due")),
        }
    }

    fn with_data(&self, rule: Rule, doc: Variable) -> Variable {
        if rule == Rule::PaymentDue {
            doc.dot_insert("calendar", self.calendar.clone());
        }
        doc
    }
}

impl Default for ZenTable {
    fn default() -> Self {
        Self::new()
    }
}

/// The two ZEN forms differ only in how they run a rule (`run`) and what data a rule needs
/// beside the applicant (`with_data`); their `Engine` is the same.
macro_rules! zen_engine {
    ($t:ty, $name:literal) => {
        impl Engine for $t {
            type Prepared = Variable;

            fn name(&self) -> String {
                $name.into()
            }

            fn supports(&self, _rule: Rule) -> bool {
                true
            }

            fn prepare(&self, rule: Rule, a: &Applicant) -> Variable {
                self.with_data(rule, document(a))
            }

            fn decide(&self, rule: Rule, p: &Variable) -> Answer {
                self.run(rule, p.clone())
            }

            fn decide_json(&self, rule: Rule, json: &str) -> Answer {
                match parse(json) {
                    Some(doc) => self.run(rule, self.with_data(rule, doc)),
                    None => Answer::Unknown,
                }
            }
        }
    };
}

zen_engine!(ZenTable, "zen decision graph");

/// The rules as ZEN expressions compiled once and run by `zen_expression`'s VM.
pub struct ZenExpression {
    j39: Expression<zen_expression::expression::Standard>,
    cc47: Expression<zen_expression::expression::Standard>,
    n07: Expression<zen_expression::expression::Standard>,
    vm: RefCell<VM>,
    calendar: Variable,
    lpr: Variable,
}

impl ZenExpression {
    pub fn new() -> Self {
        let mut isolate = Isolate::new();
        let mut compile = |src: &str| isolate.compile_standard(src).unwrap_or_else(|e| panic!("ZEN expression: {e}"));
        ZenExpression {
            j39: compile(J39_EXPRESSION),
            cc47: compile(CC47_EXPRESSION),
            n07: compile(N07_EXPRESSION),
            vm: RefCell::new(VM::new()),
            calendar: calendar(),
            lpr: lpr(),
        }
    }

    fn run(&self, rule: Rule, context: Variable) -> Answer {
        let expr = match rule {
            Rule::StartupSubsidy => &self.j39,
            Rule::InterestSubsidy => &self.cc47,
            Rule::PaymentDue => &self.n07,
        };
        let Ok(r) = expr.evaluate_with(context, &mut self.vm.borrow_mut()) else {
            return Answer::Unknown;
        };
        match rule {
            Rule::StartupSubsidy | Rule::InterestSubsidy => fen(Some(r)),
            Rule::PaymentDue => due(r.dot("applies"), r.dot("due")),
        }
    }

    fn with_data(&self, rule: Rule, doc: Variable) -> Variable {
        match rule {
            Rule::StartupSubsidy => {}
            Rule::InterestSubsidy => {
                doc.dot_insert("lpr", self.lpr.clone());
            }
            Rule::PaymentDue => {
                doc.dot_insert("calendar", self.calendar.clone());
            }
        }
        doc
    }
}

impl Default for ZenExpression {
    fn default() -> Self {
        Self::new()
    }
}

zen_engine!(ZenExpression, "zen expression");

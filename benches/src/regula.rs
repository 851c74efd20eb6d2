//! Regula's two ways of running the rules: the generated code in `regula-policies` (with and
//! without trace) and the reference interpreter over the checked policy tree.

use std::path::Path;

use regula_codegen::interp::{self, FactValues, Interpreter};
use regula_codegen::ir::{Program, UnitRef};
use regula_policies::facts::{self as f, Facts};
use regula_runtime::{Date, Decision, DurationUnit, Env, Money, Status, Value};

use crate::Engine;
use crate::workload::{Answer, Applicant, Group, Object, PayerKind, Role, Rule, Settlement, Size};

/// The headline outcome of each rule.
fn answer(rule: Rule, d: &Decision) -> Answer {
    match d.status {
        Status::DoesNotApply => Answer::No,
        Status::Undetermined => Answer::Unknown,
        Status::Applies => {
            let name = if rule == Rule::PaymentDue { "due" } else { "subsidy" };
            match d.outcomes.iter().find(|o| o.name == name).map(|o| &o.value) {
                Some(Value::Money(Money(m))) => Answer::Fen((*m * rust_decimal::Decimal::from(100)).try_into().unwrap_or(i64::MIN)),
                Some(Value::Date(day)) => Answer::Day(*day),
                _ => Answer::Unknown,
            }
        }
    }
}

fn size(s: Size) -> f::EnterpriseSize {
    match s {
        Size::Large => f::EnterpriseSize::Large,
        Size::Medium => f::EnterpriseSize::Medium,
        Size::Small => f::EnterpriseSize::Small,
        Size::Micro => f::EnterpriseSize::Micro,
    }
}

/// The applicant as the generated crate's typed facts — what a developer linking
/// `regula-policies` would build from their own records.
pub fn facts(a: &Applicant) -> Facts {
    let (s, r, c) = (&a.startup, &a.relief, &a.contract);
    let mut x = Facts::default();
    let e = &mut x.enterprise;
    e.registration_date = Some(s.registration_date);
    e.is_individual_business = Some(s.is_individual_business);
    e.size = Some(size(s.size));
    e.operating_normally = Some(s.operating_normally);
    e.located_in_township = Some(s.located_in_township);
    e.established_in_prc = Some(c.supplier_established_in_prc);
    e.on_relief_list = Some(r.on_relief_list);
    e.same_matter_interest_subsidy = Some(r.same_matter_interest_subsidy);
    e.loans = Some(
        r.loans
            .iter()
            .map(|l| f::Loan {
                principal: Some(Money(l.principal)),
                contract_date: Some(l.contract_date),
                term: Some(regula_runtime::Duration::new(l.term_months, DurationUnit::Months)),
                is_relief_product: Some(l.is_relief_product),
                ..f::Loan::default()
            })
            .collect(),
    );
    let p = &mut x.person;
    p.first_registration_in_jilin = Some(s.first_registration_in_jilin);
    p.registered_with_own_identity = Some(s.registered_with_own_identity);
    p.business_role = Some(match s.business_role {
        Role::LegalRepresentative => f::BusinessRole::LegalRepresentative,
        Role::Operator => f::BusinessRole::Operator,
        Role::Other => f::BusinessRole::Other,
    });
    p.applicant_group = Some(match s.applicant_group {
        Group::EmploymentDifficulty => f::StartupApplicantGroup::EmploymentDifficulty,
        Group::CollegeGraduate => f::StartupApplicantGroup::CollegeGraduate,
        Group::PoorLabour => f::StartupApplicantGroup::PoorLabour,
        Group::ReturningMigrantWorker => f::StartupApplicantGroup::ReturningMigrantWorker,
        Group::Veteran => f::StartupApplicantGroup::Veteran,
        Group::Other => f::StartupApplicantGroup::Other,
    });
    p.school_leaving_date = Some(s.school_leaving_date);
    p.received_startup_subsidy = Some(s.received_startup_subsidy);
    p.startup_subsidy_fraud = Some(s.startup_subsidy_fraud);
    let k = &mut x.contract;
    k.supplier_size = Some(size(c.supplier_size));
    k.payer_size = Some(size(c.payer_size));
    k.object = Some(match c.object {
        Object::Goods => f::ProcurementObject::Goods,
        Object::Works => f::ProcurementObject::Works,
        Object::Services => f::ProcurementObject::Services,
        Object::Other => f::ProcurementObject::Other,
    });
    k.delivery_date = Some(c.delivery_date);
    k.term_agreed = Some(c.term_agreed);
    k.payment_term = Some(regula_runtime::Duration::new(c.payment_term_days, DurationUnit::Days));
    k.settlement_mode = Some(match c.settlement_mode {
        Settlement::OnDelivery => f::SettlementMode::OnDelivery,
        Settlement::Progress => f::SettlementMode::Progress,
        Settlement::Periodic => f::SettlementMode::Periodic,
        Settlement::OtherStaged => f::SettlementMode::OtherStaged,
    });
    k.settlement_confirmed_date = Some(c.settlement_confirmed_date);
    k.payment_on_acceptance = Some(c.payment_on_acceptance);
    k.acceptance_deadline = Some(c.acceptance_deadline);
    k.acceptance_date = Some(c.acceptance_date);
    k.acceptance_delayed_by_payer = Some(c.acceptance_delayed_by_payer);
    let y = &mut x.payer;
    y.kind = Some(match c.payer_kind {
        PayerKind::GovernmentAgency => f::PayerKind::GovernmentAgency,
        PayerKind::PublicInstitution => f::PayerKind::PublicInstitution,
        PayerKind::SocialOrganization => f::PayerKind::SocialOrganization,
        PayerKind::Enterprise => f::PayerKind::Enterprise,
        PayerKind::Military => f::PayerKind::Military,
        PayerKind::Other => f::PayerKind::Other,
    });
    y.uses_fiscal_funds = Some(c.payer_uses_fiscal_funds);
    y.established_in_prc = Some(c.payer_established_in_prc);
    x
}

/// A JSON facts document split into the evaluation date and the facts tree.
pub fn parse_json(json: &str) -> Option<(Date, regula_runtime::Input)> {
    let mut v: serde_json::Value = serde_json::from_str(json).ok()?;
    let as_of = regula_runtime::time::parse_date(v.as_object_mut()?.remove("as_of")?.as_str()?)?;
    Some((as_of, regula_codegen::json_to_input(&v)))
}

/// The generated rules, called directly.
pub struct Generated {
    pub trace: bool,
}

impl Generated {
    fn run(&self, rule: Rule, x: &Facts, as_of: Date) -> Decision {
        let env = Env { as_of, trace: self.trace, calendar: &regula_policies::CALENDAR };
        match rule {
            Rule::StartupSubsidy => regula_policies::j39::first_startup_subsidy(x, &env),
            Rule::InterestSubsidy => regula_policies::cc47::interest_subsidy(x, &env),
            Rule::PaymentDue => regula_policies::n07::payment_due(x, &env),
        }
    }
}

impl Engine for Generated {
    type Prepared = (Facts, Date);
    fn name(&self) -> String {
        format!("regula generated{}", if self.trace { " +trace" } else { "" })
    }
    fn supports(&self, _: Rule) -> bool {
        true
    }
    fn prepare(&self, _: Rule, a: &Applicant) -> Self::Prepared {
        (facts(a), a.as_of)
    }
    fn decide(&self, rule: Rule, p: &Self::Prepared) -> Answer {
        answer(rule, &self.run(rule, &p.0, p.1))
    }
    fn decide_json(&self, rule: Rule, json: &str) -> Answer {
        let Some((as_of, input)) = parse_json(json) else { return Answer::Unknown };
        match Facts::from_input(&input) {
            Ok(x) => answer(rule, &self.run(rule, &x, as_of)),
            Err(_) => Answer::Unknown,
        }
    }
}

/// The policy tree, checked once (the interpreter evaluates this program).
pub fn program() -> Program {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../policies");
    let tree = regula_codegen::tree::read(&root, Path::new("policies")).unwrap_or_else(|e| panic!("{e}"));
    tree.check().unwrap_or_else(|d| panic!("{}", regula_codegen::diag::render(&tree.files, &d)))
}

/// The reference interpreter.
pub struct Interpreted<'p> {
    pub it: Interpreter<'p>,
    units: [UnitRef; 3],
}

impl<'p> Interpreted<'p> {
    pub fn new(p: &'p Program) -> Self {
        let it = Interpreter::new(p);
        let unit = |r: Rule| it.find(r.id()).unwrap_or_else(|| panic!("{} not in the corpus", r.id()));
        // Indexed by `rule as usize`: `Rule::ALL` is in declaration order.
        let units = Rule::ALL.map(unit);
        Interpreted { it, units }
    }
    fn run(&self, rule: Rule, x: &FactValues, as_of: Date) -> Decision {
        self.it.decide(self.units[rule as usize], x, &interp::env(&self.it.calendar, as_of, false))
    }
}

impl Engine for Interpreted<'_> {
    type Prepared = (FactValues, Date);
    fn name(&self) -> String {
        "regula interpreter".into()
    }
    fn supports(&self, _: Rule) -> bool {
        true
    }
    fn prepare(&self, _: Rule, a: &Applicant) -> Self::Prepared {
        let (as_of, input) = parse_json(&a.to_json()).unwrap_or_else(|| panic!("the workload's JSON is malformed"));
        let x = interp::facts_from_input(self.it.program, &input).unwrap_or_else(|e| panic!("{e}"));
        (x, as_of)
    }
    fn decide(&self, rule: Rule, p: &Self::Prepared) -> Answer {
        answer(rule, &self.run(rule, &p.0, p.1))
    }
    fn decide_json(&self, rule: Rule, json: &str) -> Answer {
        let Some((as_of, input)) = parse_json(json) else { return Answer::Unknown };
        match interp::facts_from_input(self.it.program, &input) {
            Ok(x) => answer(rule, &self.run(rule, &x, as_of)),
            Err(_) => Answer::Unknown,
        }
    }
}

/// Hand-written Rust (see [`crate::handwritten`]).
pub struct Handwritten {
    pub cal: crate::handwritten::Calendar,
}

impl Handwritten {
    pub fn new() -> Self {
        let (holidays, workdays) = crate::workload::calendar_days();
        Handwritten { cal: crate::handwritten::Calendar { holidays, workdays } }
    }
}

impl Default for Handwritten {
    fn default() -> Self {
        Self::new()
    }
}

impl Engine for Handwritten {
    type Prepared = Applicant;
    fn name(&self) -> String {
        "hand-written Rust".into()
    }
    fn supports(&self, _: Rule) -> bool {
        true
    }
    fn prepare(&self, _: Rule, a: &Applicant) -> Self::Prepared {
        a.clone()
    }
    fn decide(&self, rule: Rule, a: &Applicant) -> Answer {
        crate::handwritten::decide(rule, a, &self.cal)
    }
    fn decide_json(&self, rule: Rule, json: &str) -> Answer {
        match crate::handwritten_json::applicant(json) {
            Some(a) => crate::handwritten::decide(rule, &a, &self.cal),
            None => Answer::Unknown,
        }
    }
}

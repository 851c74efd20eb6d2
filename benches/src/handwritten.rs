//! The three rules as a Rust developer would write them by hand from the source text: plain
//! structs, `rust_decimal`, `jiff`, a sorted holiday list. This is the physical limit the
//! generated code is measured against. It computes the same outcomes as the encoded rules
//! (cc47 also its uncapped total and per-loan amounts), but carries no citations or trace.

use jiff::civil::Date;
use jiff::{Span, ToSpan};
use rust_decimal::{Decimal, RoundingStrategy};

use crate::workload::{Answer, Applicant, Contract, Group, LPR_1Y_BP, Object, PayerKind, Relief, Role, Settlement, Size, Startup};

const fn day(y: i16, m: i8, d: i8) -> Date {
    Date::constant(y, m, d)
}

/// 吉人社联〔2020〕20号 一、二: 5000元 once, for the listed founders.
pub fn startup_subsidy(s: &Startup, as_of: Date) -> Answer {
    if as_of < day(2020, 4, 30) {
        return Answer::No;
    }
    let plus = |d: Date, span: Span| d.checked_add(span).ok();
    let common = s.registration_date >= day(2018, 1, 1)
        && s.first_registration_in_jilin
        && s.registered_with_own_identity
        && (s.is_individual_business || matches!(s.size, Size::Small | Size::Micro))
        && matches!(s.business_role, Role::LegalRepresentative | Role::Operator);
    let after = |months: i32| plus(s.registration_date, months.months()).is_some_and(|d| d <= as_of);
    let graduate_in_time = || plus(s.school_leaving_date, 2.years()).is_some_and(|d| s.registration_date <= d);
    let group = match s.applicant_group {
        Group::EmploymentDifficulty => after(12),
        Group::CollegeGraduate => graduate_in_time() && after(12),
        Group::PoorLabour => after(6),
        Group::ReturningMigrantWorker | Group::Veteran => after(12) && s.located_in_township,
        Group::Other => false,
    };
    if common && s.operating_normally && group && !s.received_startup_subsidy && !s.startup_subsidy_fraud {
        Answer::Fen(500_000)
    } else {
        Answer::No
    }
}

/// 长财金〔2020〕1623号: 30% of the one-year LPR on the contract date, at most 12 months a loan,
/// at most 30万元 an enterprise.
pub struct InterestSubsidy {
    pub subsidy: Decimal,
    pub uncapped: Decimal,
    pub per_loan: Vec<Decimal>,
}

/// `Ok(None)`: the rule does not apply; `Err(())`: a relief loan predates the LPR history, so
/// the amount is unknown (as in Regula, where the parameter lookup is a gap).
pub fn interest_subsidy(r: &Relief, as_of: Date) -> Result<Option<InterestSubsidy>, ()> {
    if as_of < day(2020, 10, 28) || as_of > day(2021, 10, 28) {
        return Ok(None);
    }
    if !r.on_relief_list || r.same_matter_interest_subsidy || !r.loans.iter().any(|l| l.is_relief_product) {
        return Ok(None);
    }
    let thirty_pct = Decimal::new(30, 2);
    let twelve = Decimal::from(12);
    let mut total = Decimal::ZERO;
    let mut per_loan = Vec::with_capacity(r.loans.len());
    for l in &r.loans {
        if !l.is_relief_product {
            per_loan.push(Decimal::ZERO);
            continue;
        }
        let bp = LPR_1Y_BP.iter().rev().find(|(from, _)| *from <= l.contract_date).ok_or(())?.1;
        let rate = Decimal::new(bp, 4);
        // Divide last: 1/12 first would truncate and round an exact half fen down.
        let amount = l.principal * thirty_pct * rate * Decimal::from(l.term_months.min(12)) / twelve;
        total += amount;
        per_loan.push(fen(amount));
    }
    let cap = Decimal::from(300_000);
    Ok(Some(InterestSubsidy { subsidy: fen(total.min(cap)), uncapped: fen(total), per_loan }))
}

fn fen(x: Decimal) -> Decimal {
    x.round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero)
}

pub fn interest_answer(r: &Relief, as_of: Date) -> Answer {
    match interest_subsidy(r, as_of) {
        Ok(Some(s)) => Answer::Fen((s.subsidy * Decimal::from(100)).try_into().unwrap_or(i64::MIN)),
        Ok(None) => Answer::No,
        Err(()) => Answer::Unknown,
    }
}

/// The official calendar as two sorted lists; a date outside 2020–2026 is unknown.
pub struct Calendar {
    pub holidays: Vec<Date>,
    pub workdays: Vec<Date>,
}

impl Calendar {
    fn is_working_day(&self, d: Date) -> bool {
        if self.workdays.binary_search(&d).is_ok() {
            return true;
        }
        !self.holidays.binary_search(&d).is_ok() && !matches!(d.weekday(), jiff::civil::Weekday::Saturday | jiff::civil::Weekday::Sunday)
    }
    fn next_working_day(&self, mut d: Date) -> Option<Date> {
        while d.year() <= 2026 && !self.is_working_day(d) {
            d = d.tomorrow().ok()?;
        }
        (d.year() >= 2020 && d.year() <= 2026).then_some(d)
    }
}

/// 保障中小企业款项支付条例 第八、九条: when an agency or a large enterprise must pay an SME.
pub fn payment_due(c: &Contract, as_of: Date, cal: &Calendar) -> Answer {
    if as_of < day(2020, 9, 1) {
        return Answer::No;
    }
    let sme_supplier = c.supplier_established_in_prc && !matches!(c.supplier_size, Size::Large);
    let agency = matches!(c.payer_kind, PayerKind::GovernmentAgency | PayerKind::PublicInstitution)
        || (c.payer_kind == PayerKind::SocialOrganization && c.payer_uses_fiscal_funds);
    let large = c.payer_kind == PayerKind::Enterprise && (c.payer_size == Size::Large || !c.payer_established_in_prc);
    if !(sme_supplier && (agency || large) && c.object != Object::Other) {
        return Answer::No;
    }
    let start = if c.payment_on_acceptance && c.acceptance_date > c.acceptance_deadline && c.acceptance_delayed_by_payer {
        c.acceptance_deadline
    } else if c.payment_on_acceptance {
        c.acceptance_date
    } else if c.settlement_mode != Settlement::OnDelivery {
        c.settlement_confirmed_date
    } else {
        c.delivery_date
    };
    let days = if agency && c.term_agreed {
        c.payment_term_days.min(60)
    } else if agency {
        30
    } else {
        c.payment_term_days
    };
    match start.checked_add(days.days()).ok().and_then(|d| cal.next_working_day(d)) {
        Some(d) => Answer::Day(d),
        None => Answer::Unknown,
    }
}

pub fn decide(rule: crate::workload::Rule, a: &Applicant, cal: &Calendar) -> Answer {
    use crate::workload::Rule;
    match rule {
        Rule::StartupSubsidy => startup_subsidy(&a.startup, a.as_of),
        Rule::InterestSubsidy => interest_answer(&a.relief, a.as_of),
        Rule::PaymentDue => payment_due(&a.contract, a.as_of, cal),
    }
}

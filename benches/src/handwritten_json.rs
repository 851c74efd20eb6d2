//! Hand-written Rust's JSON path: `serde` derives over the same document every engine parses.

use jiff::civil::Date;
use rust_decimal::Decimal;
use serde::Deserialize;

use crate::workload::{Applicant, Contract, Group, Loan, Object, PayerKind, Relief, Role, Settlement, Size, Startup};

#[derive(Deserialize)]
struct Doc {
    as_of: Date,
    enterprise: Enterprise,
    person: Person,
    contract: ContractDoc,
    payer: Payer,
}

#[derive(Deserialize)]
struct Enterprise {
    registration_date: Date,
    is_individual_business: bool,
    size: Size,
    operating_normally: bool,
    located_in_township: bool,
    established_in_prc: bool,
    on_relief_list: bool,
    same_matter_interest_subsidy: bool,
    loans: Vec<LoanDoc>,
}

#[derive(Deserialize)]
struct LoanDoc {
    #[serde(with = "rust_decimal::serde::str")]
    principal: Decimal,
    contract_date: Date,
    term: i64,
    is_relief_product: bool,
}

#[derive(Deserialize)]
struct Person {
    first_registration_in_jilin: bool,
    registered_with_own_identity: bool,
    business_role: Role,
    applicant_group: Group,
    school_leaving_date: Date,
    received_startup_subsidy: bool,
    startup_subsidy_fraud: bool,
}

#[derive(Deserialize)]
struct ContractDoc {
    supplier_size: Size,
    payer_size: Size,
    object: Object,
    delivery_date: Date,
    term_agreed: bool,
    payment_term: i64,
    settlement_mode: Settlement,
    settlement_confirmed_date: Date,
    payment_on_acceptance: bool,
    acceptance_deadline: Date,
    acceptance_date: Date,
    acceptance_delayed_by_payer: bool,
}

#[derive(Deserialize)]
struct Payer {
    kind: PayerKind,
    uses_fiscal_funds: bool,
    established_in_prc: bool,
}

pub fn applicant(json: &str) -> Option<Applicant> {
    let d: Doc = serde_json::from_str(json).ok()?;
    let (e, p, c) = (d.enterprise, d.person, d.contract);
    Some(Applicant {
        as_of: d.as_of,
        startup: Startup {
            registration_date: e.registration_date,
            is_individual_business: e.is_individual_business,
            size: e.size,
            operating_normally: e.operating_normally,
            located_in_township: e.located_in_township,
            first_registration_in_jilin: p.first_registration_in_jilin,
            registered_with_own_identity: p.registered_with_own_identity,
            business_role: p.business_role,
            applicant_group: p.applicant_group,
            school_leaving_date: p.school_leaving_date,
            received_startup_subsidy: p.received_startup_subsidy,
            startup_subsidy_fraud: p.startup_subsidy_fraud,
        },
        relief: Relief {
            on_relief_list: e.on_relief_list,
            same_matter_interest_subsidy: e.same_matter_interest_subsidy,
            loans: e
                .loans
                .into_iter()
                .map(|l| Loan {
                    principal: l.principal,
                    contract_date: l.contract_date,
                    term_months: l.term,
                    is_relief_product: l.is_relief_product,
                })
                .collect(),
        },
        contract: Contract {
            supplier_established_in_prc: e.established_in_prc,
            supplier_size: c.supplier_size,
            payer_kind: d.payer.kind,
            payer_uses_fiscal_funds: d.payer.uses_fiscal_funds,
            payer_established_in_prc: d.payer.established_in_prc,
            payer_size: c.payer_size,
            object: c.object,
            delivery_date: c.delivery_date,
            term_agreed: c.term_agreed,
            payment_term_days: c.payment_term,
            settlement_mode: c.settlement_mode,
            settlement_confirmed_date: c.settlement_confirmed_date,
            payment_on_acceptance: c.payment_on_acceptance,
            acceptance_deadline: c.acceptance_deadline,
            acceptance_date: c.acceptance_date,
            acceptance_delayed_by_payer: c.acceptance_delayed_by_payer,
        },
    })
}

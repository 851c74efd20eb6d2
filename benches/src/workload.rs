//! The workload: seeded random applicants carrying the facts of the three benchmarked rules,
//! in native form and as the JSON document every engine parses. The generator aims at the
//! rules' boundaries (month ends, leap days, in-force edges, the 30万元 cap, holidays) so that
//! every branch runs and the agreement check means something.

use jiff::civil::Date;
use rust_decimal::Decimal;

/// The three rules, by corpus id.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Rule {
    /// j39.first_startup_subsidy — conditions over dates, enums and durations.
    StartupSubsidy,
    /// cc47.interest_subsidy — a money formula over several loans with an LPR lookup and a cap.
    InterestSubsidy,
    /// n07.payment_due — date arithmetic with the working-day calendar.
    PaymentDue,
}

impl Rule {
    pub const ALL: [Rule; 3] = [Rule::StartupSubsidy, Rule::InterestSubsidy, Rule::PaymentDue];
    pub fn id(self) -> &'static str {
        match self {
            Rule::StartupSubsidy => "j39.first_startup_subsidy",
            Rule::InterestSubsidy => "cc47.interest_subsidy",
            Rule::PaymentDue => "n07.payment_due",
        }
    }
}

/// What a rule decided, in one comparable form: the headline outcome of each rule.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Answer {
    /// The rule does not apply (or is not in force).
    No,
    /// It applies with this amount, in fen (j39's subsidy; cc47's capped subsidy).
    Fen(i64),
    /// It applies with this date (n07's due date).
    Day(Date),
    /// Undetermined (a fact or the calendar is missing).
    Unknown,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Size {
    Large,
    Medium,
    Small,
    Micro,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    LegalRepresentative,
    Operator,
    Other,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Group {
    EmploymentDifficulty,
    CollegeGraduate,
    PoorLabour,
    ReturningMigrantWorker,
    Veteran,
    Other,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PayerKind {
    GovernmentAgency,
    PublicInstitution,
    SocialOrganization,
    Enterprise,
    Military,
    Other,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Object {
    Goods,
    Works,
    Services,
    Other,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Settlement {
    OnDelivery,
    Progress,
    Periodic,
    OtherStaged,
}

/// j39: the founder and the business.
#[derive(Clone, Debug)]
pub struct Startup {
    pub registration_date: Date,
    pub is_individual_business: bool,
    pub size: Size,
    pub operating_normally: bool,
    pub located_in_township: bool,
    pub first_registration_in_jilin: bool,
    pub registered_with_own_identity: bool,
    pub business_role: Role,
    pub applicant_group: Group,
    pub school_leaving_date: Date,
    pub received_startup_subsidy: bool,
    pub startup_subsidy_fraud: bool,
}

#[derive(Clone, Debug)]
pub struct Loan {
    /// Yuan, exact to the fen.
    pub principal: Decimal,
    pub contract_date: Date,
    pub term_months: i64,
    pub is_relief_product: bool,
}

/// cc47: the enterprise's relief loans.
#[derive(Clone, Debug)]
pub struct Relief {
    pub on_relief_list: bool,
    pub same_matter_interest_subsidy: bool,
    pub loans: Vec<Loan>,
}

/// n07: one contract between an SME supplier and a payer.
#[derive(Clone, Debug)]
pub struct Contract {
    pub supplier_established_in_prc: bool,
    pub supplier_size: Size,
    pub payer_kind: PayerKind,
    pub payer_uses_fiscal_funds: bool,
    pub payer_established_in_prc: bool,
    pub payer_size: Size,
    pub object: Object,
    pub delivery_date: Date,
    pub term_agreed: bool,
    pub payment_term_days: i64,
    pub settlement_mode: Settlement,
    pub settlement_confirmed_date: Date,
    pub payment_on_acceptance: bool,
    pub acceptance_deadline: Date,
    pub acceptance_date: Date,
    pub acceptance_delayed_by_payer: bool,
}

/// One applicant: every fact the three rules read, all known, and the evaluation date.
#[derive(Clone, Debug)]
pub struct Applicant {
    pub as_of: Date,
    pub startup: Startup,
    pub relief: Relief,
    pub contract: Contract,
}

/// xorshift64*: small, seeded, the same sequence on every machine.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Self {
        Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1)
    }
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }
    /// True with probability `pct`%.
    fn pct(&mut self, pct: u64) -> bool {
        self.below(100) < pct
    }
    fn pick<T: Copy>(&mut self, xs: &[T]) -> T {
        xs[self.below(xs.len() as u64) as usize]
    }
    fn day_between(&mut self, lo: Date, hi: Date) -> Date {
        let span = lo.until(hi).map(|s| s.get_days()).unwrap_or(0).max(0) as u64;
        lo.checked_add(jiff::Span::new().days(self.below(span + 1) as i64)).unwrap_or(lo)
    }
    fn days_after(&mut self, d: Date, max: u64) -> Date {
        d.checked_add(jiff::Span::new().days(self.below(max + 1) as i64)).unwrap_or(d)
    }
    fn days_before(&mut self, d: Date, max: u64) -> Date {
        d.checked_sub(jiff::Span::new().days(self.below(max + 1) as i64)).unwrap_or(d)
    }
}

const fn day(y: i16, m: i8, d: i8) -> Date {
    Date::constant(y, m, d)
}

/// Dates on which month arithmetic and the in-force windows are easiest to get wrong.
const EDGE_DAYS: [Date; 10] = [
    day(2019, 2, 28),
    day(2019, 8, 31),
    day(2019, 10, 31),
    day(2020, 2, 29),
    day(2020, 4, 30),
    day(2020, 8, 31),
    day(2020, 10, 28),
    day(2020, 12, 31),
    day(2021, 2, 28),
    day(2021, 10, 28),
];

impl Applicant {
    pub fn random(seed: u64) -> Applicant {
        let r = &mut Rng::new(seed);
        let as_of = if r.pct(10) { r.pick(&EDGE_DAYS[4..]) } else { r.day_between(day(2020, 3, 1), day(2021, 12, 31)) };
        let registration_date = if r.pct(15) { r.pick(&EDGE_DAYS) } else { r.day_between(day(2017, 10, 1), as_of) };
        let startup = Startup {
            registration_date,
            is_individual_business: r.pct(50),
            size: if r.pct(80) { r.pick(&[Size::Small, Size::Micro]) } else { r.pick(&[Size::Large, Size::Medium]) },
            operating_normally: r.pct(90),
            located_in_township: r.pct(50),
            first_registration_in_jilin: r.pct(92),
            registered_with_own_identity: r.pct(95),
            business_role: if r.pct(90) { r.pick(&[Role::LegalRepresentative, Role::Operator]) } else { Role::Other },
            applicant_group: r.pick(&[
                Group::EmploymentDifficulty,
                Group::CollegeGraduate,
                Group::CollegeGraduate,
                Group::PoorLabour,
                Group::ReturningMigrantWorker,
                Group::Veteran,
                Group::Other,
            ]),
            school_leaving_date: if r.pct(10) { r.pick(&EDGE_DAYS[..4]) } else { r.days_before(registration_date, 1000) },
            received_startup_subsidy: r.pct(8),
            startup_subsidy_fraud: r.pct(4),
        };
        let n_loans = r.pick(&[0, 1, 1, 1, 2, 2, 3, 4, 6]);
        let loans = (0..n_loans)
            .map(|_| Loan {
                principal: if r.pct(10) {
                    r.pick(&[
                        Decimal::new(5_000_000, 0),
                        Decimal::new(10_000_000, 0),
                        Decimal::new(1, 2),
                        Decimal::new(123_456_789, 2),
                        Decimal::new(10_000, 0),
                    ])
                } else {
                    Decimal::new((10_000 + r.below(9_990_000)) as i64 * 100 + r.below(100) as i64, 2)
                },
                contract_date: if r.pct(10) {
                    r.pick(&[day(2020, 4, 19), day(2020, 4, 20), day(2019, 8, 20)])
                } else {
                    r.day_between(day(2019, 9, 1), as_of)
                },
                term_months: r.pick(&[1, 3, 6, 11, 12, 12, 13, 24, 36]),
                is_relief_product: r.pct(75),
            })
            .collect();
        let relief = Relief { on_relief_list: r.pct(85), same_matter_interest_subsidy: r.pct(8), loans };
        let delivery_date = r.days_before(as_of, 240);
        let acceptance_deadline = r.days_after(delivery_date, 30);
        let contract = Contract {
            supplier_established_in_prc: r.pct(95),
            supplier_size: if r.pct(85) { r.pick(&[Size::Medium, Size::Small, Size::Micro]) } else { Size::Large },
            payer_kind: r.pick(&[
                PayerKind::GovernmentAgency,
                PayerKind::GovernmentAgency,
                PayerKind::PublicInstitution,
                PayerKind::PublicInstitution,
                PayerKind::SocialOrganization,
                PayerKind::Enterprise,
                PayerKind::Enterprise,
                PayerKind::Enterprise,
                PayerKind::Military,
                PayerKind::Other,
            ]),
            payer_uses_fiscal_funds: r.pct(50),
            payer_established_in_prc: r.pct(90),
            payer_size: r.pick(&[Size::Large, Size::Large, Size::Medium, Size::Small]),
            object: if r.pct(90) { r.pick(&[Object::Goods, Object::Works, Object::Services]) } else { Object::Other },
            delivery_date,
            term_agreed: r.pct(60),
            payment_term_days: r.pick(&[10, 15, 30, 45, 59, 60, 61, 90, 120]),
            settlement_mode: r.pick(&[
                Settlement::OnDelivery,
                Settlement::OnDelivery,
                Settlement::Progress,
                Settlement::Periodic,
                Settlement::OtherStaged,
            ]),
            settlement_confirmed_date: r.days_after(delivery_date, 30),
            payment_on_acceptance: r.pct(40),
            acceptance_deadline,
            acceptance_date: r.days_after(delivery_date, 60),
            acceptance_delayed_by_payer: r.pct(50),
        };
        Applicant { as_of, startup, relief, contract }
    }

    /// The facts as a JSON document in the corpus vocabulary (money as decimal strings, dates
    /// as `YYYY-MM-DD`), with `as_of` beside the groups — what a caller would send.
    pub fn to_json(&self) -> String {
        let (s, r, c) = (&self.startup, &self.relief, &self.contract);
        let loans: Vec<serde_json::Value> = r
            .loans
            .iter()
            .map(|l| {
                serde_json::json!({
                    "principal": l.principal.to_string(),
                    "contract_date": l.contract_date.to_string(),
                    "term": l.term_months,
                    "is_relief_product": l.is_relief_product,
                })
            })
            .collect();
        serde_json::json!({
            "as_of": self.as_of.to_string(),
            "enterprise": {
                "registration_date": s.registration_date.to_string(),
                "is_individual_business": s.is_individual_business,
                "size": size_id(s.size),
                "operating_normally": s.operating_normally,
                "located_in_township": s.located_in_township,
                "established_in_prc": c.supplier_established_in_prc,
                "on_relief_list": r.on_relief_list,
                "same_matter_interest_subsidy": r.same_matter_interest_subsidy,
                "loans": loans,
            },
            "person": {
                "first_registration_in_jilin": s.first_registration_in_jilin,
                "registered_with_own_identity": s.registered_with_own_identity,
                "business_role": s.business_role.id(),
                "applicant_group": s.applicant_group.id(),
                "school_leaving_date": s.school_leaving_date.to_string(),
                "received_startup_subsidy": s.received_startup_subsidy,
                "startup_subsidy_fraud": s.startup_subsidy_fraud,
            },
            "contract": {
                "supplier_size": size_id(c.supplier_size),
                "payer_size": size_id(c.payer_size),
                "object": c.object.id(),
                "delivery_date": c.delivery_date.to_string(),
                "term_agreed": c.term_agreed,
                "payment_term": c.payment_term_days,
                "settlement_mode": c.settlement_mode.id(),
                "settlement_confirmed_date": c.settlement_confirmed_date.to_string(),
                "payment_on_acceptance": c.payment_on_acceptance,
                "acceptance_deadline": c.acceptance_deadline.to_string(),
                "acceptance_date": c.acceptance_date.to_string(),
                "acceptance_delayed_by_payer": c.acceptance_delayed_by_payer,
            },
            "payer": {
                "kind": c.payer_kind.id(),
                "uses_fiscal_funds": c.payer_uses_fiscal_funds,
                "established_in_prc": c.payer_established_in_prc,
            },
        })
        .to_string()
    }
}

/// Identifiers of the vocabulary's enum variants, as the JSON document and the peers spell them.
macro_rules! variant_ids {
    ($($ty:ident { $($v:ident => $id:literal),* $(,)? })*) => {$(
        impl $ty {
            pub fn id(self) -> &'static str {
                match self { $($ty::$v => $id),* }
            }
        }
    )*};
}

variant_ids! {
    Role { LegalRepresentative => "legal_representative", Operator => "operator", Other => "other" }
    Group {
        EmploymentDifficulty => "employment_difficulty",
        CollegeGraduate => "college_graduate",
        PoorLabour => "poor_labour",
        ReturningMigrantWorker => "returning_migrant_worker",
        Veteran => "veteran",
        Other => "other",
    }
    PayerKind {
        GovernmentAgency => "government_agency",
        PublicInstitution => "public_institution",
        SocialOrganization => "social_organization",
        Enterprise => "enterprise",
        Military => "military",
        Other => "other",
    }
    Object { Goods => "goods", Works => "works", Services => "services", Other => "other" }
    Settlement { OnDelivery => "on_delivery", Progress => "progress", Periodic => "periodic", OtherStaged => "other_staged" }
}

pub fn size_id(s: Size) -> &'static str {
    match s {
        Size::Large => "large",
        Size::Medium => "medium",
        Size::Small => "small",
        Size::Micro => "micro",
    }
}

/// The one-year LPR history (`policies/parameters/lpr.yaml`), for engines that take it as data:
/// (first day in force, rate in basis points).
pub const LPR_1Y_BP: [(Date, i64); 13] = [
    (day(2019, 8, 20), 425),
    (day(2019, 9, 20), 420),
    (day(2019, 11, 20), 415),
    (day(2020, 2, 20), 405),
    (day(2020, 4, 20), 385),
    (day(2021, 12, 20), 380),
    (day(2022, 1, 20), 370),
    (day(2022, 8, 22), 365),
    (day(2023, 6, 20), 355),
    (day(2023, 8, 21), 345),
    (day(2024, 7, 22), 335),
    (day(2024, 10, 21), 310),
    (day(2025, 5, 20), 300),
];

/// The official calendar (`policies/calendar.yaml`) as sorted day lists, for engines that
/// take it as data; read from the compiled corpus so there is one source of truth.
pub fn calendar_days() -> (Vec<Date>, Vec<Date>) {
    let cal = &regula_policies::CALENDAR;
    let (mut holidays, mut workdays) = (Vec::new(), Vec::new());
    let mut d = day(2020, 1, 1);
    while d <= day(2026, 12, 31) {
        let weekend = matches!(d.weekday(), jiff::civil::Weekday::Saturday | jiff::civil::Weekday::Sunday);
        match cal.is_working_day(d) {
            Ok(true) if weekend => workdays.push(d),
            Ok(false) if !weekend => holidays.push(d),
            _ => {}
        }
        d = d.tomorrow().unwrap_or(d);
    }
    (holidays, workdays)
}

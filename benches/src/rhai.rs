//! Rhai 1.27 (crate `rhai`, features `decimal` + `sync`): the three rules as one Rhai script
//! ([`RULES`]), compiled once to an `AST` in [`Rhai::new`] and run per decision with
//! `Engine::call_fn`. Both forms (native and JSON) are supported for all three rules; nothing was
//! left out or approximated.
//!
//! No Rust function is registered with the engine: every piece of rule logic, date arithmetic
//! included, is Rhai script using only the standard packages (`parse_int`, `parse_decimal`,
//! `to_decimal`, `round_half_up`, `min`, string `replace`, array `some` / `map`).
//!
//! - Dates are integers `yyyymmdd` (2020-02-29 is `20200229`), so date comparisons are integer
//!   comparisons. Month addition (`add_months`) splits the integer into y/m/d, adds the months and
//!   clamps the day to the target month's last day (2020-02-29 + 12 months = 2021-02-28; + 2 years
//!   is + 24 months). Adding days goes through a day number (days since 1970-01-01), converted both
//!   ways by `day_number` / `date_of` (the days-from-civil algorithm, written in Rhai); the
//!   weekday comes from the day number. These helpers were checked against `jiff` on every day
//!   1970–2032.
//! - Money is exact: `rust_decimal::Decimal` values (Rhai's `decimal` feature), with the same
//!   operations in the same order as `handwritten.rs`, rounded with `round_half_up(2)` (which is
//!   `MidpointAwayFromZero`).
//! - `first_startup_subsidy(a)` (j39): the in-force date, the common conditions, then a `switch`
//!   over the applicant group with the registration + 6/12 months and school leaving + 2 years
//!   tests. It returns the subsidy in yuan (`Decimal`) or `()`.
//! - `interest_subsidy(a)` (cc47): the in-force window and eligibility, then for each relief loan
//!   principal × 30% × LPR(contract date) × min(term, 12) ÷ 12 (dividing last, as the policy does), with the rate from `lpr_1y` (basis
//!   points × 0.0001). A relief loan dated before the LPR history means no decision, as in the
//!   reference. It returns `#{subsidy, uncapped, per_loan}` (capped at 300000 yuan, each rounded to
//!   the fen) or `()`.
//! - `payment_due(a)` (n07): the in-force date and the SME supplier / agency / large-enterprise
//!   payer tests, then the start date and term; `next_working_day` then steps forward over the
//!   official calendar. It returns the due date (`yyyymmdd`), `()` when the rule does not apply,
//!   or `"undetermined"` when the date falls outside the calendar's 2020–2026.
//!
//! Data, built once in `new()` as script text prepended to [`RULES`] (see `data_script`):
//! - The calendar from `workload::calendar_days()` becomes `is_holiday(n)` /
//!   `is_make_up_workday(n)`. Each is a `switch` whose case list is one day list, written as day
//!   numbers. Rhai hashes constant `switch` cases, so membership costs one lookup.
//! - The LPR history `workload::LPR_1Y_BP` becomes `lpr_1y_bp(date)`: a `switch` of open ranges
//!   `from.. => bp`, newest first. Rhai tries range cases in order, so the first range that
//!   contains the date is the entry in force on it.
//! - The calendar's coverage, `CALENDAR_FIRST` / `CALENDAR_LAST` (day numbers), is pushed as
//!   constants into a `Scope`. The script is compiled against that scope (`compile_with_scope`),
//!   and the optimizer propagates the constants into the function bodies.
//!
//! I used `switch` rather than constant arrays or maps because Rhai copies a constant array on
//! every access: script functions cannot borrow outer data, and `HOLIDAYS.contains(d)` is also a
//! linear scan. A script loop over a constant `[[from, bp], ...]` table cost several times the
//! `switch`.
//!
//! The engine runs at `OptimizationLevel::Full`, which folds constant calls such as
//! `parse_decimal("0.30")` at compile time.
//!
//! Forms:
//! - Native: `prepare` builds the JSON document's shape as a Rhai `Map` (dates as `yyyymmdd`
//!   integers, principal as `Decimal`, enumerations as their snake_case strings). It wraps the map
//!   as a shared `Dynamic`, so a decision passes it to `call_fn` without a deep copy; a plain map
//!   is deep-copied into the call.
//! - JSON: `Engine::parse_json(json, true)`, then the script's `<rule>_from_json()` runs with the
//!   document bound as `this` (`CallFnOptions::bind_this_ptr`). It converts in place the fields
//!   the rule reads: `"YYYY-MM-DD"` becomes `yyyymmdd` via `replace` + `parse_int`, and the
//!   principal goes through `parse_decimal`. The same rule function is then called. Most of the
//!   JSON path's time is `parse_json` itself, which runs Rhai's tokenizer and parser over the
//!   document as an object-map literal.
//!
//! The result becomes an `Answer` in Rust with a cheap mapping: `()` → `No`; a yuan `Decimal`
//! (cc47: the map's `subsidy`) × 100 → `Fen`; a `yyyymmdd` integer → `Day`;
//! `"undetermined"` → `Unknown`.

use jiff::civil::Date;
use rhai::{AST, Array, CallFnOptions, Dynamic, Map, OptimizationLevel, Scope};
use rust_decimal::Decimal;

use crate::Engine;
use crate::workload::{Answer, Applicant, LPR_1Y_BP, Rule, calendar_days, size_id};

/// The three rules, in Rhai. `is_holiday`, `is_make_up_workday`, `lpr_1y_bp` and the
/// `CALENDAR_FIRST` / `CALENDAR_LAST` constants are supplied as data by [`Rhai::new`].
pub const RULES: &str = r#"
// ---- Dates: integers yyyymmdd ----------------------------------------------------------------

fn days_in_month(y, m) {
    switch m {
        2 => if (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 { 29 } else { 28 },
        4 | 6 | 9 | 11 => 30,
        _ => 31
    }
}

// Calendar month addition; a day past the target month's end becomes its last day.
fn add_months(date, n) {
    let k = (date / 10000) * 12 + (date / 100 % 100 - 1) + n;
    let y = k / 12;
    let m = k % 12 + 1;
    y * 10000 + m * 100 + min(date % 100, days_in_month(y, m))
}

// Days since 1970-01-01 (days-from-civil).
fn day_number(date) {
    let y = date / 10000;
    let m = date / 100 % 100;
    let d = date % 100;
    if m <= 2 { y -= 1; }
    let era = y / 400;
    let yoe = y - era * 400;
    let doy = (153 * ((m + 9) % 12) + 2) / 5 + d - 1;
    era * 146097 + yoe * 365 + yoe / 4 - yoe / 100 + doy - 719468
}

// The date of a day number (civil-from-days).
fn date_of(n) {
    let z = n + 719468;
    let era = z / 146097;
    let doe = z - era * 146097;
    let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400;
    if m <= 2 { y += 1; }
    y * 10000 + m * 100 + d
}

// The first working day on or after day number `n`, by the official calendar, which covers
// CALENDAR_FIRST..=CALENDAR_LAST only. 1970-01-01 was a Thursday: (n + 3) % 7 is 0 on Mondays,
// 5 and 6 at weekends.
fn next_working_day(n) {
    while n <= CALENDAR_LAST && !(is_make_up_workday(n) || !(is_holiday(n) || (n + 3) % 7 >= 5)) {
        n += 1;
    }
    if n >= CALENDAR_FIRST && n <= CALENDAR_LAST { date_of(n) } else { "undetermined" }
}

// ---- j39 吉人社联〔2020〕20号: 初次创业补贴 ----------------------------------------------------

fn first_startup_subsidy(a) {
    if a.as_of < 20200430 { return (); }
    let registered = a.enterprise.registration_date;
    let eligible_business = registered >= 20180101
        && a.person.first_registration_in_jilin
        && a.person.registered_with_own_identity
        && (a.enterprise.is_individual_business || a.enterprise.size == "small" || a.enterprise.size == "micro")
        && (a.person.business_role == "legal_representative" || a.person.business_role == "operator");
    let in_group = switch a.person.applicant_group {
        "employment_difficulty" => add_months(registered, 12) <= a.as_of,
        "college_graduate" => registered <= add_months(a.person.school_leaving_date, 24)
            && add_months(registered, 12) <= a.as_of,
        "poor_labour" => add_months(registered, 6) <= a.as_of,
        "returning_migrant_worker" | "veteran" => add_months(registered, 12) <= a.as_of
            && a.enterprise.located_in_township,
        _ => false
    };
    if eligible_business && a.enterprise.operating_normally && in_group
        && !a.person.received_startup_subsidy && !a.person.startup_subsidy_fraud {
        to_decimal(5000)
    } else {
        ()
    }
}

// Converts, in place, the JSON document fields this rule reads.
fn first_startup_subsidy_from_json() {
    this.as_of = ymd(this.as_of);
    this.enterprise.registration_date = ymd(this.enterprise.registration_date);
    this.person.school_leaving_date = ymd(this.person.school_leaving_date);
}

// ---- cc47 长财金〔2020〕1623号: 纾困贷款财政贴息 ------------------------------------------------

// The one-year LPR in force on `date`, or () before the LPR history starts.
fn lpr_1y(date) {
    let bp = lpr_1y_bp(date);
    if bp == () { () } else { bp * parse_decimal("0.0001") }
}

fn interest_subsidy(a) {
    if a.as_of < 20201028 || a.as_of > 20211028 { return (); }
    let loans = a.enterprise.loans;
    if !a.enterprise.on_relief_list || a.enterprise.same_matter_interest_subsidy
        || !loans.some(|l| l.is_relief_product) {
        return ();
    }
    let share = parse_decimal("0.30");
    let total = to_decimal(0);
    let per_loan = [];
    for l in loans {
        if !l.is_relief_product {
            per_loan.push(to_decimal(0));
            continue;
        }
        let rate = lpr_1y(l.contract_date);
        if rate == () { return (); }
        let amount = l.principal * share * rate * to_decimal(min(l.term, 12)) / 12;
        total += amount;
        per_loan.push(amount.round_half_up(2));
    }
    let cap = to_decimal(300000);
    #{
        subsidy: (if total > cap { cap } else { total }).round_half_up(2),
        uncapped: total.round_half_up(2),
        per_loan: per_loan
    }
}

fn interest_subsidy_from_json() {
    this.as_of = ymd(this.as_of);
    this.enterprise.loans = this.enterprise.loans.map(|l| {
        l.contract_date = ymd(l.contract_date);
        l.principal = parse_decimal(l.principal);
        l
    });
}

// ---- n07 保障中小企业款项支付条例 第八、九条: 付款期限 ------------------------------------------

fn payment_due(a) {
    if a.as_of < 20200901 { return (); }
    let c = a.contract;
    let sme_supplier = a.enterprise.established_in_prc && c.supplier_size != "large";
    let kind = a.payer.kind;
    let agency = kind == "government_agency" || kind == "public_institution"
        || (kind == "social_organization" && a.payer.uses_fiscal_funds);
    let large_enterprise = kind == "enterprise" && (c.payer_size == "large" || !a.payer.established_in_prc);
    if !(sme_supplier && (agency || large_enterprise) && c.object != "other") { return (); }
    let start = if c.payment_on_acceptance && c.acceptance_date > c.acceptance_deadline && c.acceptance_delayed_by_payer {
        c.acceptance_deadline
    } else if c.payment_on_acceptance {
        c.acceptance_date
    } else if c.settlement_mode != "on_delivery" {
        c.settlement_confirmed_date
    } else {
        c.delivery_date
    };
    let days = if agency && c.term_agreed {
        min(c.payment_term, 60)
    } else if agency {
        30
    } else {
        c.payment_term
    };
    next_working_day(day_number(start) + days)
}

fn payment_due_from_json() {
    this.as_of = ymd(this.as_of);
    this.contract.delivery_date = ymd(this.contract.delivery_date);
    this.contract.settlement_confirmed_date = ymd(this.contract.settlement_confirmed_date);
    this.contract.acceptance_deadline = ymd(this.contract.acceptance_deadline);
    this.contract.acceptance_date = ymd(this.contract.acceptance_date);
}

// ---- JSON dates ----------------------------------------------------------------------------

// "YYYY-MM-DD" -> yyyymmdd.
fn ymd(text) {
    text.replace("-", "");
    parse_int(text)
}
"#;

/// The data as script functions: the calendar as two `switch`es whose cases are its day lists
/// (day numbers); the LPR history as a `switch` of open date ranges `from..`, newest first, so the
/// first range the date falls in is the entry in force on it.
fn data_script() -> String {
    let (holidays, workdays) = calendar_days();
    let days = |days: &[Date]| days.iter().map(|d| day_number(*d).to_string()).collect::<Vec<_>>().join(" | ");
    let lpr = LPR_1Y_BP.iter().rev().map(|(from, bp)| format!("{}.. => {bp}, ", ymd(*from))).collect::<String>();
    format!(
        "// Official calendar: holidays on weekdays, make-up working days at weekends (day numbers).\n\
         fn is_holiday(n) {{ switch n {{ {} => true, _ => false }} }}\n\
         fn is_make_up_workday(n) {{ switch n {{ {} => true, _ => false }} }}\n\
         // One-year LPR in basis points, by the first day (yyyymmdd) each rate was in force.\n\
         fn lpr_1y_bp(date) {{ switch date {{ {lpr}_ => () }} }}\n",
        days(&holidays),
        days(&workdays)
    )
}

/// The years `workload::calendar_days()` covers.
const CALENDAR_FIRST: Date = Date::constant(2020, 1, 1);
const CALENDAR_LAST: Date = Date::constant(2026, 12, 31);

/// A date as the integer `yyyymmdd`.
fn ymd(d: Date) -> i64 {
    d.year() as i64 * 10_000 + d.month() as i64 * 100 + d.day() as i64
}

/// A date as days since 1970-01-01 (the calendar's keys).
fn day_number(d: Date) -> i64 {
    Date::constant(1970, 1, 1).until(d).map_or(0, |s| s.get_days() as i64)
}

pub struct Rhai {
    engine: rhai::Engine,
    ast: AST,
}

impl Default for Rhai {
    fn default() -> Self {
        Self::new()
    }
}

impl Rhai {
    pub fn new() -> Self {
        let mut engine = rhai::Engine::new();
        // Folds the script's constant calls such as `parse_decimal("0.30")` at compile time.
        engine.set_optimization_level(OptimizationLevel::Full);
        let mut scope = Scope::new();
        scope.push_constant("CALENDAR_FIRST", day_number(CALENDAR_FIRST));
        scope.push_constant("CALENDAR_LAST", day_number(CALENDAR_LAST));
        let script = format!("{}{RULES}", data_script());
        let ast = engine.compile_with_scope(&scope, script).unwrap_or_else(|e| panic!("rhai rules do not compile: {e}"));
        Rhai { engine, ast }
    }

    fn call(&self, name: &str, arg: Dynamic) -> Dynamic {
        self.engine.call_fn::<Dynamic>(&mut Scope::new(), &self.ast, name, (arg,)).unwrap_or_else(|e| panic!("rhai {name}: {e}"))
    }

    fn answer(rule: Rule, r: Dynamic) -> Answer {
        if r.is_unit() {
            return Answer::No;
        }
        match rule {
            Rule::StartupSubsidy => fen(r),
            Rule::InterestSubsidy => match r.try_cast::<Map>().and_then(|mut m| m.remove("subsidy")) {
                Some(s) => fen(s),
                None => Answer::Unknown,
            },
            Rule::PaymentDue => match r.as_int() {
                Ok(d) => Date::new((d / 10_000) as i16, (d / 100 % 100) as i8, (d % 100) as i8).map_or(Answer::Unknown, Answer::Day),
                Err(_) => Answer::Unknown,
            },
        }
    }
}

fn fen(yuan: Dynamic) -> Answer {
    match yuan.as_decimal() {
        Ok(d) => Answer::Fen((d * Decimal::from(100)).try_into().unwrap_or(i64::MIN)),
        Err(_) => Answer::Unknown,
    }
}

fn entry(rule: Rule) -> &'static str {
    match rule {
        Rule::StartupSubsidy => "first_startup_subsidy",
        Rule::InterestSubsidy => "interest_subsidy",
        Rule::PaymentDue => "payment_due",
    }
}

fn entry_from_json(rule: Rule) -> &'static str {
    match rule {
        Rule::StartupSubsidy => "first_startup_subsidy_from_json",
        Rule::InterestSubsidy => "interest_subsidy_from_json",
        Rule::PaymentDue => "payment_due_from_json",
    }
}

fn map<const N: usize>(fields: [(&str, Dynamic); N]) -> Dynamic {
    Dynamic::from_map(fields.into_iter().map(|(k, v)| (k.into(), v)).collect::<Map>())
}

fn text(s: &str) -> Dynamic {
    Dynamic::from(s.to_string())
}

/// The applicant as the JSON document's shape, natively typed: dates `yyyymmdd`, money `Decimal`.
fn document(a: &Applicant) -> Dynamic {
    let (s, r, c) = (&a.startup, &a.relief, &a.contract);
    let loans: Array = r
        .loans
        .iter()
        .map(|l| {
            map([
                ("principal", l.principal.into()),
                ("contract_date", ymd(l.contract_date).into()),
                ("term", l.term_months.into()),
                ("is_relief_product", l.is_relief_product.into()),
            ])
        })
        .collect();
    map([
        ("as_of", ymd(a.as_of).into()),
        (
            "enterprise",
            map([
                ("registration_date", ymd(s.registration_date).into()),
                ("is_individual_business", s.is_individual_business.into()),
                ("size", text(size_id(s.size))),
                ("operating_normally", s.operating_normally.into()),
                ("located_in_township", s.located_in_township.into()),
                ("established_in_prc", c.supplier_established_in_prc.into()),
                ("on_relief_list", r.on_relief_list.into()),
                ("same_matter_interest_subsidy", r.same_matter_interest_subsidy.into()),
                ("loans", loans.into()),
            ]),
        ),
        (
            "person",
            map([
                ("first_registration_in_jilin", s.first_registration_in_jilin.into()),
                ("registered_with_own_identity", s.registered_with_own_identity.into()),
                ("business_role", text(s.business_role.id())),
                ("applicant_group", text(s.applicant_group.id())),
                ("school_leaving_date", ymd(s.school_leaving_date).into()),
                ("received_startup_subsidy", s.received_startup_subsidy.into()),
                ("startup_subsidy_fraud", s.startup_subsidy_fraud.into()),
            ]),
        ),
        (
            "contract",
            map([
                ("supplier_size", text(size_id(c.supplier_size))),
                ("payer_size", text(size_id(c.payer_size))),
                ("object", text(c.object.id())),
                ("delivery_date", ymd(c.delivery_date).into()),
                ("term_agreed", c.term_agreed.into()),
                ("payment_term", c.payment_term_days.into()),
                ("settlement_mode", text(c.settlement_mode.id())),
                ("settlement_confirmed_date", ymd(c.settlement_confirmed_date).into()),
                ("payment_on_acceptance", c.payment_on_acceptance.into()),
                ("acceptance_deadline", ymd(c.acceptance_deadline).into()),
                ("acceptance_date", ymd(c.acceptance_date).into()),
                ("acceptance_delayed_by_payer", c.acceptance_delayed_by_payer.into()),
            ]),
        ),
        (
            "payer",
            map([
                ("kind", text(c.payer_kind.id())),
                ("uses_fiscal_funds", c.payer_uses_fiscal_funds.into()),
                ("established_in_prc", c.payer_established_in_prc.into()),
            ]),
        ),
    ])
}

impl Engine for Rhai {
    type Prepared = Dynamic;

    fn name(&self) -> String {
        "Rhai".into()
    }

    fn supports(&self, _rule: Rule) -> bool {
        true
    }

    fn prepare(&self, _rule: Rule, a: &Applicant) -> Dynamic {
        document(a).into_shared()
    }

    fn decide(&self, rule: Rule, p: &Dynamic) -> Answer {
        Self::answer(rule, self.call(entry(rule), p.clone()))
    }

    fn decide_json(&self, rule: Rule, json: &str) -> Answer {
        let Ok(doc) = self.engine.parse_json(json, true) else { return Answer::Unknown };
        let mut doc = Dynamic::from_map(doc);
        let name = entry_from_json(rule);
        let options = CallFnOptions::new().bind_this_ptr(&mut doc);
        self.engine
            .call_fn_with_options::<()>(options, &mut Scope::new(), &self.ast, name, ())
            .unwrap_or_else(|e| panic!("rhai {name}: {e}"));
        Self::answer(rule, self.call(entry(rule), doc))
    }
}

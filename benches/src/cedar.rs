//! Cedar (crate `cedar-policy` 4.14, the AWS authorization language), native and JSON forms.
//!
//! **j39.first_startup_subsidy** is an eligibility decision, so it is written as Cedar policies
//! ([`POLICIES`]): a `Person` principal (the founder, the document's `person` group) asks for
//! `Action::"claim_first_startup_subsidy"` on a `Business` resource (the document's `enterprise`
//! group), with `as_of` in the request context. One `permit` carries the notice's conditions as
//! four `when` clauses (in force from 2020-04-30; the common conditions of 一; the groups of
//! 一（一）–（三）; the operating period), and two `forbid`s carry the bars: 二 不得重复享受
//! (`received_startup_subsidy`) and 五（三） the fraud bar. Allow maps to the amount in the
//! permit's `@subsidy_fen` annotation (read once in [`Cedar::new`]; Cedar decisions carry no
//! values), Deny to [`Answer::No`], an evaluation error (a missing fact) to [`Answer::Unknown`].
//! The policies are parsed and strictly validated against [`SCHEMA`] once in `new()`; requests
//! and entities are then built without the schema (the native form is typed by construction).
//!
//! Dates: Cedar's `datetime`/`duration` extension has only fixed-length durations (days, hours,
//! …), so it cannot add calendar months; dates therefore go in as records
//! `{year, month, day}` of Longs and the policy does the calendar arithmetic itself:
//! - "registration_date + 12 (6) 个月 <= as_of", clamped to the month's last day, is one exact
//!   comparison: `(reg.year*12 + reg.month + N)*100 + reg.day <= (as_of.year*12 +
//!   as_of.month)*100 + (31 if as_of is its month's last day, else as_of.day)` — if the target
//!   month is as_of's month, the clamped day is <= as_of's day exactly when the registration day
//!   is or as_of is the month's last day. Cedar has no `%` or `/`, so February's length uses a
//!   listed set of leap years (2020–2096; the in-force test runs first, so as_of >= 2020):
//!   the policy is exact for as_of up to 2099-12-31 and the list would need extending after that.
//! - "registration_date <= school_leaving_date + 2年" compares yyyymmdd numbers with the year
//!   raised by 2; clamping 02-29 to 02-28 never changes this outcome, because the registration
//!   date is a real date of that month.
//!
//! The JSON form parses the document with `serde_json`, reshapes the `person` and `enterprise`
//! groups into Cedar's entity JSON (dates from `YYYY-MM-DD` to the `{year, month, day}` record;
//! data conversion only) and loads them with `Entities::from_json_value` and
//! `Context::from_json_value`.
//!
//! **Not expressible** (`supports` is false):
//! - **cc47.interest_subsidy** must return an amount: principal × 30% × LPR × min(term,12)/12 per
//!   loan, summed, capped, rounded half-up to the fen. A Cedar decision is only Allow/Deny and
//!   cannot carry a computed value; Cedar has no division (so no /12 and no rounding) and its
//!   `decimal` extension has comparisons only, no arithmetic; and Cedar cannot iterate or fold
//!   over a set (no sum over loans, no per-loan LPR lookup, not even "some loan is a relief
//!   product" over records). Getting the amount out by asking many yes/no questions would put
//!   the search, i.e. the rule logic, in Rust.
//! - **n07.payment_due** must return a date: the start date plus N days, moved to the next
//!   working day of the official calendar. Cedar cannot return a date, and has no loop or
//!   recursion for the working-day search; probing candidate dates from Rust would again be
//!   the rule's logic outside the engine.

use std::collections::{HashMap, HashSet};
use std::str::FromStr;

use cedar_policy::{
    Authorizer, Context, Decision, Entities, Entity, EntityUid, PolicyId, PolicySet, Request, RestrictedExpression, Schema, ValidationMode,
    Validator,
};
use jiff::civil::Date;
use serde_json::{Map, Value, json};

use crate::Engine;
use crate::workload::{Answer, Applicant, Rule, size_id};

/// The entity model: who asks (the founder), for what (their business), when (`as_of`).
pub const SCHEMA: &str = r#"
type Date = { year: Long, month: Long, day: Long };

// The document's `person` group.
entity Person = {
  first_registration_in_jilin: Bool,
  registered_with_own_identity: Bool,
  business_role: String,              // legal_representative | operator | other
  applicant_group: String,            // employment_difficulty | college_graduate | poor_labour | ...
  school_leaving_date: Date,
  received_startup_subsidy: Bool,
  startup_subsidy_fraud: Bool,
};

// The document's `enterprise` group (the facts j39 reads).
entity Business = {
  registration_date: Date,
  is_individual_business: Bool,
  size: String,                       // large | medium | small | micro
  operating_normally: Bool,
  located_in_township: Bool,
};

action claim_first_startup_subsidy appliesTo {
  principal: Person,
  resource: Business,
  context: { as_of: Date },
};
"#;

/// 吉人社联〔2020〕20号 初次创业补贴 (j39.first_startup_subsidy) in Cedar.
pub const POLICIES: &str = r#"
// 一、二: the founders listed in 一 get 5000元 once.
@id("j39.first_startup_subsidy")
@subsidy_fen("500000")
permit (
  principal is Person,
  action == Action::"claim_first_startup_subsidy",
  resource is Business
)
// 本通知自下发之日（2020-04-30）起执行. Dates compare as yyyymmdd.
when {
  context.as_of.year * 10000 + context.as_of.month * 100 + context.as_of.day >= 20200430
}
// 一: 2018年1月1日起，首次在吉林省行政区域内使用本人身份信息注册创办小微企业、
// 从事个体经营并担任法定代表人或经营者
when {
  resource.registration_date.year >= 2018 &&
  principal.first_registration_in_jilin &&
  principal.registered_with_own_identity &&
  (resource.is_individual_business || ["small", "micro"].contains(resource.size)) &&
  ["legal_representative", "operator"].contains(principal.business_role)
}
// 一（一）就业困难人员，离校2年内高校毕业生（registration_date <= school_leaving_date + 2年）；
// 一（二）建档立卡贫困劳动力；
// 一（三）企业住所或经营场所在乡镇及乡镇以下的返乡农民工和退役军人
when {
  principal.applicant_group == "employment_difficulty" ||
  (principal.applicant_group == "college_graduate" &&
    resource.registration_date.year * 10000 + resource.registration_date.month * 100 + resource.registration_date.day
      <= (principal.school_leaving_date.year + 2) * 10000 + principal.school_leaving_date.month * 100
         + principal.school_leaving_date.day) ||
  principal.applicant_group == "poor_labour" ||
  (["returning_migrant_worker", "veteran"].contains(principal.applicant_group) && resource.located_in_township)
}
// 自工商登记注册之日起正常运营1年以上（建档立卡贫困劳动力6个月以上）:
// registration_date + 12 (6) 个月 <= as_of, the sum clamped to the month's last day.
// As (month index, day) pairs: the registration day against as_of's day, or against 31
// when as_of is the last day of its month (day 31 needs no test). Cedar has no % or /,
// so the leap years are listed (as_of >= 2020 by the first clause).
when {
  resource.operating_normally &&
  (resource.registration_date.year * 12 + resource.registration_date.month
     + (if principal.applicant_group == "poor_labour" then 6 else 12)) * 100 + resource.registration_date.day
  <= (context.as_of.year * 12 + context.as_of.month) * 100
     + (if (context.as_of.day == 30 && [4, 6, 9, 11].contains(context.as_of.month)) ||
           (context.as_of.month == 2 &&
             (context.as_of.day == 29 ||
              (context.as_of.day == 28 &&
               ![2020, 2024, 2028, 2032, 2036, 2040, 2044, 2048, 2052, 2056, 2060, 2064, 2068, 2072, 2076, 2080, 2084,
                 2088, 2092, 2096].contains(context.as_of.year))))
        then 31
        else context.as_of.day)
};

// 二: 不得重复享受.
@id("j39.first_startup_subsidy.once")
forbid (
  principal is Person,
  action == Action::"claim_first_startup_subsidy",
  resource is Business
)
when { principal.received_startup_subsidy };

// 五（三）: 对弄虚作假、骗取资金的……不得再申请享受初次创业补贴 (j39.fraud_bar).
@id("j39.fraud_bar")
forbid (
  principal is Person,
  action == Action::"claim_first_startup_subsidy",
  resource is Business
)
when { principal.startup_subsidy_fraud };
"#;

pub struct Cedar {
    policies: PolicySet,
    authorizer: Authorizer,
    /// Each permit's amount (its `@subsidy_fen` annotation), by policy id.
    amounts: Vec<(PolicyId, i64)>,
    principal: EntityUid,
    action: EntityUid,
    resource: EntityUid,
}

impl Default for Cedar {
    fn default() -> Self {
        Self::new()
    }
}

impl Cedar {
    pub fn new() -> Cedar {
        let policies = PolicySet::from_str(POLICIES).unwrap_or_else(|e| panic!("Cedar policies: {e:?}"));
        let (schema, _) = Schema::from_cedarschema_str(SCHEMA).unwrap_or_else(|e| panic!("Cedar schema: {e:?}"));
        let validation = Validator::new(schema).validate(&policies, ValidationMode::Strict);
        assert!(validation.validation_passed(), "Cedar policies do not validate:\n{validation}");
        let amounts = policies
            .policies()
            .filter(|p| p.effect() == cedar_policy::Effect::Permit)
            .map(|p| {
                let fen = p.annotation("subsidy_fen").and_then(|s| s.parse().ok()).expect("every permit carries @subsidy_fen");
                (p.id().clone(), fen)
            })
            .collect();
        let uid = |s: &str| EntityUid::from_str(s).unwrap_or_else(|e| panic!("{e}"));
        Cedar {
            policies,
            authorizer: Authorizer::new(),
            amounts,
            principal: uid(r#"Person::"applicant""#),
            action: uid(r#"Action::"claim_first_startup_subsidy""#),
            resource: uid(r#"Business::"applicant""#),
        }
    }

    fn authorize(&self, request: &Request, entities: &Entities) -> Answer {
        let response = self.authorizer.is_authorized(request, &self.policies, entities);
        if response.diagnostics().errors().next().is_some() {
            return Answer::Unknown;
        }
        match response.decision() {
            Decision::Deny => Answer::No,
            Decision::Allow => response
                .diagnostics()
                .reason()
                .find_map(|id| self.amounts.iter().find(|(p, _)| p == id).map(|(_, fen)| Answer::Fen(*fen)))
                .unwrap_or(Answer::Unknown),
        }
    }

    fn request(&self, context: Context) -> Option<Request> {
        Request::new(self.principal.clone(), self.action.clone(), self.resource.clone(), context, None).ok()
    }
}

fn long(x: i64) -> RestrictedExpression {
    RestrictedExpression::new_long(x)
}

fn date(d: Date) -> RestrictedExpression {
    RestrictedExpression::new_record([
        ("year".to_string(), long(d.year().into())),
        ("month".to_string(), long(d.month().into())),
        ("day".to_string(), long(d.day().into())),
    ])
    .unwrap_or_else(|e| panic!("{e}"))
}

/// `YYYY-MM-DD` as Cedar's JSON form of the `{year, month, day}` record.
fn date_json(v: &Value) -> Option<Value> {
    let s = v.as_str()?;
    let (y, rest) = s.split_once('-')?;
    let (m, d) = rest.split_once('-')?;
    Some(json!({ "year": y.parse::<i64>().ok()?, "month": m.parse::<i64>().ok()?, "day": d.parse::<i64>().ok()? }))
}

/// The facts document as Cedar's entities JSON (the two groups, reshaped) and context JSON.
fn cedar_json(doc: &mut Value) -> Option<(Value, Value)> {
    let as_of = date_json(doc.get("as_of")?)?;
    let mut person = doc.get_mut("person")?.take();
    let date = person.get_mut("school_leaving_date")?;
    *date = date_json(date)?;
    let enterprise = doc.get_mut("enterprise")?.as_object_mut()?;
    let mut business = Map::new();
    business.insert("registration_date".into(), date_json(enterprise.get("registration_date")?)?);
    for k in ["is_individual_business", "size", "operating_normally", "located_in_township"] {
        business.insert(k.into(), enterprise.remove(k)?);
    }
    let entities = json!([
        { "uid": { "type": "Person", "id": "applicant" }, "attrs": person, "parents": [] },
        { "uid": { "type": "Business", "id": "applicant" }, "attrs": business, "parents": [] },
    ]);
    Some((entities, json!({ "as_of": as_of })))
}

impl Engine for Cedar {
    type Prepared = Option<(Request, Entities)>;

    fn name(&self) -> String {
        "Cedar".into()
    }

    fn supports(&self, rule: Rule) -> bool {
        rule == Rule::StartupSubsidy
    }

    fn prepare(&self, rule: Rule, a: &Applicant) -> Self::Prepared {
        if rule != Rule::StartupSubsidy {
            return None;
        }
        let s = &a.startup;
        let string = |x: &str| RestrictedExpression::new_string(x.to_string());
        let person = Entity::new(
            self.principal.clone(),
            HashMap::from([
                ("first_registration_in_jilin".to_string(), RestrictedExpression::new_bool(s.first_registration_in_jilin)),
                ("registered_with_own_identity".to_string(), RestrictedExpression::new_bool(s.registered_with_own_identity)),
                ("business_role".to_string(), string(s.business_role.id())),
                ("applicant_group".to_string(), string(s.applicant_group.id())),
                ("school_leaving_date".to_string(), date(s.school_leaving_date)),
                ("received_startup_subsidy".to_string(), RestrictedExpression::new_bool(s.received_startup_subsidy)),
                ("startup_subsidy_fraud".to_string(), RestrictedExpression::new_bool(s.startup_subsidy_fraud)),
            ]),
            HashSet::new(),
        )
        .unwrap_or_else(|e| panic!("{e}"));
        let business = Entity::new(
            self.resource.clone(),
            HashMap::from([
                ("registration_date".to_string(), date(s.registration_date)),
                ("is_individual_business".to_string(), RestrictedExpression::new_bool(s.is_individual_business)),
                ("size".to_string(), string(size_id(s.size))),
                ("operating_normally".to_string(), RestrictedExpression::new_bool(s.operating_normally)),
                ("located_in_township".to_string(), RestrictedExpression::new_bool(s.located_in_township)),
            ]),
            HashSet::new(),
        )
        .unwrap_or_else(|e| panic!("{e}"));
        let entities = Entities::from_entities([person, business], None).unwrap_or_else(|e| panic!("{e}"));
        let context = Context::from_pairs([("as_of".to_string(), date(a.as_of))]).unwrap_or_else(|e| panic!("{e}"));
        Some((self.request(context).expect("the request is well formed"), entities))
    }

    fn decide(&self, rule: Rule, p: &Self::Prepared) -> Answer {
        match p {
            Some((request, entities)) if rule == Rule::StartupSubsidy => self.authorize(request, entities),
            _ => Answer::Unknown,
        }
    }

    fn decide_json(&self, rule: Rule, json: &str) -> Answer {
        if rule != Rule::StartupSubsidy {
            return Answer::Unknown;
        }
        let Ok(mut doc) = serde_json::from_str::<Value>(json) else { return Answer::Unknown };
        let Some((entities, context)) = cedar_json(&mut doc) else { return Answer::Unknown };
        let (Ok(entities), Ok(context)) = (Entities::from_json_value(entities, None), Context::from_json_value(context, None)) else {
            return Answer::Unknown;
        };
        match self.request(context) {
            Some(request) => self.authorize(&request, &entities),
            None => Answer::Unknown,
        }
    }
}

//! Every case, compiled and interpreted: each passes, and the two evaluators produce
//! identical decisions — status, outcomes, missing facts, faults and full traces — for every
//! rule of every document on every case's facts.

use regula_codegen::interp::{self, Interpreter};
use regula_runtime::Env;

use crate::support::program;

#[test]
fn every_case_passes_interpreted() {
    let p = program();
    let it = Interpreter::new(&p);
    let (passed, failures) = interp::run_cases(&p, &|input, as_of| {
        let f = interp::facts_from_input(&p, input)?;
        Ok(it.evaluate_all(&f, &interp::env(&it.calendar, as_of, false)))
    });
    assert!(failures.is_empty(), "{failures:#?}");
    assert!(passed >= 150, "only {passed} cases ran");
}

#[test]
fn every_case_passes_compiled() {
    let p = program();
    let (passed, failures) = interp::run_cases(&p, &|input, as_of| {
        let f = regula_policies::facts::Facts::from_input(input)?;
        let env = Env { as_of, trace: false, calendar: &regula_policies::CALENDAR };
        Ok(regula_policies::evaluate_all(&f, &env))
    });
    assert!(failures.is_empty(), "{failures:#?}");
    assert!(passed >= 150, "only {passed} cases ran");
}

#[test]
fn compiled_and_interpreted_agree_on_every_rule_for_every_case() {
    let p = program();
    let it = Interpreter::new(&p);
    assert_eq!(it.calendar, regula_policies::CALENDAR, "calendars differ");
    let mut compared = 0;
    for d in &p.docs {
        for c in &d.cases {
            for trace in [false, true] {
                let fi = interp::facts_from_input(&p, &c.given).unwrap();
                let fc = regula_policies::facts::Facts::from_input(&c.given).unwrap();
                let a = it.evaluate_all(&fi, &interp::env(&it.calendar, c.as_of, trace));
                let b = regula_policies::evaluate_all(&fc, &Env { as_of: c.as_of, trace, calendar: &regula_policies::CALENDAR });
                assert_eq!(a.len(), b.len());
                for (x, y) in a.iter().zip(&b) {
                    assert_eq!(x, y, "{} / {}: interpreter and compiled code disagree on {}", d.id, c.name, x.rule);
                    compared += 1;
                }
            }
        }
    }
    assert!(compared > 10_000, "only {compared} decisions compared");
}

#[test]
fn bad_facts_are_rejected_identically_with_the_field_path() {
    let p = program();
    let inputs = [
        r#"{"enterprise": {"revenue": "lots"}}"#,
        r#"{"enterprise": {"employees": 3.5}}"#,
        r#"{"enterprise": {"registration_date": "2020-02-30"}}"#,
        r#"{"enterprise": {"loans": [{"principal": 100}, {"principal": -5}]}}"#,
        r#"{"enterprise": {"loans": [{"rate": 3.85}]}}"#,
        r#"{"enterprise": {"size": "huge"}}"#,
        r#"{"enterprise": {"nonsense": 1}}"#,
        r#"{"nonsense": {}}"#,
        r#"{"enterprise": {"revenue": 1e30}}"#,
        r#"{"enterprise": []}"#,
    ];
    for text in inputs {
        let v: serde_json::Value = serde_json::from_str(text).unwrap();
        let input = regula_codegen::json_to_input(&v);
        let a = interp::facts_from_input(&p, &input).expect_err(text);
        let b = regula_policies::facts::Facts::from_input(&input).expect_err(text);
        assert_eq!(a, b, "{text}");
        assert!(!a.path.is_empty(), "{text}: error names no path");
    }
}

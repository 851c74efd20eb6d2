//! Differential testing: random, type-correct fact sets (`regula_testkit::random_facts`) —
//! missing facts, boundary dates, extreme amounts, empty and long lists — evaluated at random
//! dates across the in-force windows by the interpreter and by generated code; every rule's
//! full decision (status, outcomes, missing facts, trace) must be identical, with and without
//! trace. Two programs: the corpus, and a random program (`regula_testkit::random_policy`,
//! compiled by the testkit's build script) that exercises the code generator on expressions no
//! editor has written. `PROPTEST_CASES=1000000` runs the long form.

use proptest::prelude::*;
use regula_codegen::interp::{self, Interpreter};
use regula_codegen::ir::Program;
use regula_runtime::{Date, Decision, Env, Input};
use regula_testkit::random_facts::{DATES, Rng, facts};

use crate::support::program;

/// Random facts from `seed`, evaluated both ways; the first rule whose decisions differ.
fn disagreement(p: &Program, seed: u64, compiled: impl Fn(&Input, Date, bool) -> Vec<Decision>) -> Result<(), String> {
    let it = Interpreter::new(p);
    let mut g = Rng(seed | 1);
    let input = facts(p, &mut g);
    let as_of = regula_runtime::time::parse_date(g.pick::<&str>(DATES)).ok_or("bad date")?;
    let fi = interp::facts_from_input(p, &input).map_err(|e| e.to_string())?;
    for trace in [false, true] {
        let a = it.evaluate_all(&fi, &interp::env(&it.calendar, as_of, trace));
        let b = compiled(&input, as_of, trace);
        if a.len() != b.len() {
            return Err(format!("seed {seed}: {} interpreted decisions, {} compiled", a.len(), b.len()));
        }
        if let Some((x, y)) = a.iter().zip(&b).find(|(x, y)| x != y) {
            return Err(format!("seed {seed}, trace {trace}: {} differs\ninterpreted: {x:?}\ncompiled:    {y:?}", x.rule));
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn compiled_and_interpreted_agree_on_random_facts(seed in any::<u64>()) {
        let r = disagreement(corpus(), seed, |input, as_of, trace| {
            let f = regula_policies::facts::Facts::from_input(input).unwrap();
            regula_policies::evaluate_all(&f, &Env { as_of, trace, calendar: &regula_policies::CALENDAR })
        });
        prop_assert!(r.is_ok(), "{}", r.unwrap_err());
    }

    #[test]
    fn random_policies_compile_and_interpret_alike(seed in any::<u64>()) {
        use regula_testkit::compiled;
        let r = disagreement(random_program(), seed, |input, as_of, trace| {
            let f = compiled::facts::Facts::from_input(input).unwrap();
            compiled::evaluate_all(&f, &Env { as_of, trace, calendar: &compiled::CALENDAR })
        });
        prop_assert!(r.is_ok(), "{}", r.unwrap_err());
    }
}

fn corpus() -> &'static Program {
    static P: std::sync::OnceLock<Program> = std::sync::OnceLock::new();
    P.get_or_init(program)
}

fn random_program() -> &'static Program {
    static P: std::sync::OnceLock<Program> = std::sync::OnceLock::new();
    P.get_or_init(|| {
        let (files, sources) = regula_testkit::random_program_files();
        regula_codegen::check(&files, &sources).unwrap()
    })
}

/// Statuses the interpreter gives over 100 seeded fact sets.
fn statuses(p: &Program) -> [usize; 3] {
    let it = Interpreter::new(p);
    let mut counts = [0usize; 3];
    for seed in 1..=100u64 {
        let mut g = Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1);
        let input = facts(p, &mut g);
        let as_of = regula_runtime::time::parse_date(g.pick::<&str>(DATES)).unwrap();
        let f = interp::facts_from_input(p, &input).unwrap();
        for d in it.evaluate_all(&f, &interp::env(&it.calendar, as_of, false)) {
            counts[d.status as usize] += 1;
        }
    }
    counts
}

/// The generators are worth something only if random facts drive rules into every status.
#[test]
fn random_facts_reach_every_status() {
    let counts = statuses(corpus());
    assert!(counts.iter().all(|c| *c >= 500), "corpus: applies / does not apply / undetermined: {counts:?}");
    let counts = statuses(random_program());
    assert!(counts.iter().all(|c| *c >= 200), "random program: applies / does not apply / undetermined: {counts:?}");
}

/// The random program really is random code: every kind of expression the generator writes
/// reached the emitter (a generator that silently fell back to leaves would pass vacuously).
#[test]
fn random_program_covers_the_expression_language() {
    let (files, _) = regula_testkit::random_program_files();
    let text: String = files.iter().map(|f| f.text.as_str()).collect();
    for form in [
        "sum(",
        "count(",
        "any(",
        "all(",
        "next_working_day(",
        "quarter_start(",
        "rate(",
        "coalesce(",
        "is_known(",
        "round_fen(",
        "round_yuan(",
        "个工作日",
        "if ",
        " contains ",
        " in [",
        ".applies",
        "min(",
        "max(",
        "not (",
        "cap:",
        "floor:",
        "unless:",
    ] {
        assert!(text.contains(form), "no `{form}` in the random program");
    }
}

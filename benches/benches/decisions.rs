//! Per-decision latency of every engine on the three rules (facts in native form, and from a
//! JSON document), and Regula's whole corpus for one applicant. Inputs cycle through 1024
//! seeded applicants so branch predictors cannot learn a single answer.

use std::hint::black_box;
use std::time::Duration;

use criterion::{Criterion, criterion_group, criterion_main};
use regula_bench::workload::{Applicant, Rule};
use regula_bench::{Engine, each_engine};
use regula_runtime::Env;

const SAMPLE: u64 = 1024;

fn decisions(c: &mut Criterion) {
    let program = regula_bench::regula::program();
    let sample: Vec<Applicant> = (0..SAMPLE).map(Applicant::random).collect();
    let docs: Vec<String> = sample.iter().map(Applicant::to_json).collect();
    for rule in Rule::ALL {
        let mut native = c.benchmark_group(format!("{}/native", rule.id()));
        each_engine!(&program, e => {
            if e.supports(rule) {
                let prepared: Vec<_> = sample.iter().map(|a| e.prepare(rule, a)).collect();
                let mut i = 0;
                native.bench_function(e.name(), |b| {
                    b.iter(|| {
                        i = (i + 1) % prepared.len();
                        black_box(e.decide(rule, black_box(&prepared[i])))
                    })
                });
            }
        });
        native.finish();
        let mut json = c.benchmark_group(format!("{}/json", rule.id()));
        each_engine!(&program, e => {
            if e.supports(rule) {
                let mut i = 0;
                json.bench_function(e.name(), |b| {
                    b.iter(|| {
                        i = (i + 1) % docs.len();
                        black_box(e.decide_json(rule, black_box(&docs[i])))
                    })
                });
            }
        });
        json.finish();
    }

    // The whole corpus (every rule and table of every document) for one applicant.
    let facts: Vec<regula_policies::facts::Facts> = sample.iter().map(regula_bench::regula::facts).collect();
    let mut corpus = c.benchmark_group("corpus/evaluate_all");
    for trace in [false, true] {
        let mut i = 0;
        corpus.bench_function(if trace { "regula generated +trace" } else { "regula generated" }, |b| {
            b.iter(|| {
                i = (i + 1) % facts.len();
                let env = Env { as_of: sample[i].as_of, trace, calendar: &regula_policies::CALENDAR };
                black_box(regula_policies::evaluate_all(black_box(&facts[i]), &env))
            })
        });
    }
    let it = regula_codegen::interp::Interpreter::new(&program);
    let values: Vec<_> = docs
        .iter()
        .filter_map(|d| regula_bench::regula::parse_json(d))
        .filter_map(|(as_of, input)| Some((as_of, regula_codegen::interp::facts_from_input(&program, &input).ok()?)))
        .collect();
    let mut i = 0;
    corpus.bench_function("regula interpreter", |b| {
        b.iter(|| {
            i = (i + 1) % values.len();
            let (as_of, v) = &values[i];
            black_box(it.evaluate_all(black_box(v), &regula_codegen::interp::env(&it.calendar, *as_of, false)))
        })
    });
    // The floor of any engine that answers with explained decisions: making `RULES` decisions
    // (identity, citation, status, reason) for rules with nothing to evaluate. Whatever a rule
    // computes comes on top.
    let head = regula_policies::j39::HEAD_FIRST_STARTUP_SUBSIDY;
    for trace in [false, true] {
        let env = Env { as_of: sample[0].as_of, trace, calendar: &regula_policies::CALENDAR };
        let rules = regula_policies::DOCUMENTS.iter().map(|d| d.rules.len()).sum::<usize>();
        let name = format!("floor: {rules} empty decisions{}", if trace { " +trace" } else { "" });
        corpus.bench_function(name, |b| {
            b.iter(|| {
                let out: Vec<regula_runtime::Decision> =
                    (0..rules).map(|_| regula_runtime::DecisionBuilder::new(black_box(&env), black_box(&head)).finish()).collect();
                black_box(out)
            })
        });
    }
    corpus.finish();
    let mut one = c.benchmark_group("floor");
    let env = Env { as_of: sample[0].as_of, trace: false, calendar: &regula_policies::CALENDAR };
    one.bench_function("one empty decision", |b| {
        b.iter(|| black_box(regula_runtime::DecisionBuilder::new(black_box(&env), black_box(&head)).finish()))
    });
    one.finish();
}

criterion_group! {
    name = benches;
    config = Criterion::default().warm_up_time(Duration::from_secs(1)).measurement_time(Duration::from_secs(3));
    targets = decisions
}
criterion_main!(benches);

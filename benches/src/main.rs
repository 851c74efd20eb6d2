//! `regula-bench`: the agreement check and the single-thread throughput run over seeded random
//! applicants. Per-decision latencies come from the criterion bench (`cargo bench`).
//!
//!     regula-bench agree [N]        every engine on N applicants (default 20000), both input forms
//!     regula-bench throughput [N] [ENGINES]   N applicants (default 1000000), decisions per
//!                                   second; ENGINES: comma-separated parts of engine names
//!     regula-bench report [DIR]     criterion's medians (DIR: target/criterion) as ratio tables

use std::time::{Duration, Instant};

use regula_bench::workload::{Answer, Applicant, Rule};
use regula_bench::{Engine, disagreements, each_engine};

const CHUNK: usize = 2048;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let mode = args.get(1).map(String::as_str).unwrap_or("agree");
    if mode == "report" {
        report(std::path::Path::new(args.get(2).map(String::as_str).unwrap_or("target/criterion")));
        return;
    }
    let program = regula_bench::regula::program();
    let reference = regula_bench::regula::Handwritten::new();
    match mode {
        "agree" => {
            let n: usize = args.get(2).and_then(|s| s.parse().ok()).unwrap_or(20_000);
            let applicants: Vec<Applicant> = (0..n as u64).map(Applicant::random).collect();
            let mut failed = 0;
            for rule in Rule::ALL {
                let want: Vec<Answer> = applicants.iter().map(|a| reference.decide(rule, a)).collect();
                println!("{}: {}", rule.id(), histogram(&want));
                each_engine!(&program, e => {
                    if e.supports(rule) {
                        let bad = disagreements(e, rule, &applicants, &want, 5);
                        println!("  {:<28} {}", e.name(), if bad.is_empty() { format!("agrees on all {n}") } else { format!("DISAGREES ({} shown)", bad.len()) });
                        for b in &bad {
                            println!("    {b}");
                        }
                        failed += bad.len();
                    } else {
                        println!("  {:<28} cannot express this rule", e.name());
                    }
                });
            }
            std::process::exit(if failed == 0 { 0 } else { 1 });
        }
        "throughput" => {
            let n: usize = args.get(2).and_then(|s| s.parse().ok()).unwrap_or(1_000_000);
            let only = args.get(3).cloned();
            println!("| rule | engine | native: decisions/s | ns/decision | from JSON: decisions/s | ns/decision | agree |");
            println!("|---|---|---:|---:|---:|---:|---|");
            for rule in Rule::ALL {
                each_engine!(&program, e => {
                    if e.supports(rule) && only.as_ref().is_none_or(|o| o.split(',').any(|part| e.name().contains(part))) {
                        let (native, json, wrong) = throughput(e, &reference, rule, n);
                        let per_s = |d: Duration| n as f64 / d.as_secs_f64();
                        let ns = |d: Duration| d.as_nanos() as f64 / n as f64;
                        println!(
                            "| {} | {} | {:.0} | {:.0} | {:.0} | {:.0} | {} |",
                            rule.id(),
                            e.name(),
                            per_s(native),
                            ns(native),
                            per_s(json),
                            ns(json),
                            if wrong == 0 { format!("all {n}") } else { format!("**{wrong} differ**") }
                        );
                    }
                });
            }
        }
        other => {
            eprintln!("unknown mode `{other}`; use agree, throughput or report");
            std::process::exit(2);
        }
    }
}

fn histogram(answers: &[Answer]) -> String {
    let (mut no, mut yes, mut unknown) = (0, 0, 0);
    for a in answers {
        match a {
            Answer::No => no += 1,
            Answer::Unknown => unknown += 1,
            _ => yes += 1,
        }
    }
    format!("{yes} apply, {no} do not apply, {unknown} undetermined")
}

/// Time spent deciding `n` distinct applicants (native form, then JSON form), generated and
/// converted in chunks outside the timed region; and how many answers differ from `reference`.
fn throughput<E: Engine>(e: &E, reference: &regula_bench::regula::Handwritten, rule: Rule, n: usize) -> (Duration, Duration, usize) {
    let (mut native, mut json, mut wrong) = (Duration::ZERO, Duration::ZERO, 0);
    let mut answers = Vec::with_capacity(CHUNK);
    let mut seed = 1_000_000_000u64;
    let mut left = n;
    while left > 0 {
        let k = left.min(CHUNK);
        let applicants: Vec<Applicant> = (seed..seed + k as u64).map(Applicant::random).collect();
        seed += k as u64;
        left -= k;
        let want: Vec<Answer> = applicants.iter().map(|a| reference.decide(rule, a)).collect();
        let prepared: Vec<E::Prepared> = applicants.iter().map(|a| e.prepare(rule, a)).collect();
        answers.clear();
        let t = Instant::now();
        for p in &prepared {
            answers.push(e.decide(rule, p));
        }
        native += t.elapsed();
        wrong += answers.iter().zip(&want).filter(|(a, b)| a != b).count();
        let docs: Vec<String> = applicants.iter().map(Applicant::to_json).collect();
        answers.clear();
        let t = Instant::now();
        for d in &docs {
            answers.push(e.decide_json(rule, d));
        }
        json += t.elapsed();
        wrong += answers.iter().zip(&want).filter(|(a, b)| a != b).count();
    }
    (native, json, wrong)
}

/// Criterion's median per benchmark, grouped, with ratios to hand-written Rust, to Regula's
/// generated code and (for Regula) to the fastest peer engine.
fn report(dir: &std::path::Path) {
    let mut rows: Vec<(String, String, f64)> = Vec::new();
    let Ok(groups) = std::fs::read_dir(dir) else {
        eprintln!("{}: no criterion results; run `cargo bench` first", dir.display());
        std::process::exit(2);
    };
    for g in groups.flatten() {
        for b in std::fs::read_dir(g.path()).into_iter().flatten().flatten() {
            let new = b.path().join("new");
            let read = |f: &str| std::fs::read_to_string(new.join(f)).ok().and_then(|t| serde_json::from_str::<serde_json::Value>(&t).ok());
            if let (Some(id), Some(est)) = (read("benchmark.json"), read("estimates.json")) {
                let group = id["group_id"].as_str().unwrap_or("").to_string();
                let function = id["function_id"].as_str().unwrap_or("").to_string();
                if let Some(ns) = est["median"]["point_estimate"].as_f64() {
                    rows.push((group, function, ns));
                }
            }
        }
    }
    rows.sort_by(|a, b| a.0.cmp(&b.0).then(a.2.total_cmp(&b.2)));
    let mut groups: Vec<&str> = rows.iter().map(|r| r.0.as_str()).collect();
    groups.dedup();
    for g in groups {
        let of = |name: &str| rows.iter().find(|r| r.0 == g && r.1 == name).map(|r| r.2);
        let hand = of("hand-written Rust");
        let generated = of("regula generated");
        let is_regula = |n: &str| n.starts_with("regula") || n.starts_with("hand-written") || n.starts_with("floor");
        let fastest_peer = rows.iter().filter(|r| r.0 == g && !is_regula(&r.1)).map(|r| r.2).fold(f64::INFINITY, f64::min);
        println!("\n{g}\n\n| engine | median | × hand-written | × generated | fastest peer ÷ this |\n|---|---:|---:|---:|---:|");
        for r in rows.iter().filter(|r| r.0 == g) {
            let ratio = |base: Option<f64>| base.map_or("–".to_string(), |b| format!("{:.2}", r.2 / b));
            let vs_peer =
                if fastest_peer.is_finite() && is_regula(&r.1) { format!("{:.1}×", fastest_peer / r.2) } else { "–".to_string() };
            println!("| {} | {} | {} | {} | {} |", r.1, human(r.2), ratio(hand), ratio(generated), vs_peer);
        }
    }
}

fn human(ns: f64) -> String {
    if ns < 1_000.0 {
        format!("{ns:.1} ns")
    } else if ns < 1_000_000.0 {
        format!("{:.2} µs", ns / 1_000.0)
    } else {
        format!("{:.2} ms", ns / 1_000_000.0)
    }
}

//! Benchmarks of three corpus rules run every way a developer might run them: Regula's
//! generated code (with and without trace), Regula's interpreter, hand-written Rust, and the
//! engines users would pick instead (Cedar, GoRules ZEN, Regorus, Rhai), each written
//! idiomatically for that engine. Every engine answers every applicant; the harness compares
//! the answers with hand-written Rust before any timing is reported.

pub mod handwritten;
pub mod handwritten_json;
pub mod regula;
pub mod workload;

#[cfg(feature = "cedar")]
pub mod cedar;
#[cfg(feature = "rego")]
pub mod rego;
#[cfg(feature = "rhai")]
pub mod rhai;
#[cfg(feature = "zen")]
pub mod zen;

use workload::{Answer, Applicant, Rule};

/// One way of running the rules.
pub trait Engine {
    /// The applicant in the engine's own input form, built outside the timed region.
    type Prepared;
    fn name(&self) -> String;
    /// Whether the rule can be expressed in this engine at all; when not, the engine's module
    /// documentation says why.
    fn supports(&self, rule: Rule) -> bool;
    fn prepare(&self, rule: Rule, a: &Applicant) -> Self::Prepared;
    /// Decides from the native form.
    fn decide(&self, rule: Rule, p: &Self::Prepared) -> Answer;
    /// Decides from the JSON document ([`Applicant::to_json`]), parsing included.
    fn decide_json(&self, rule: Rule, json: &str) -> Answer;
}

/// Answers of one engine that differ from the reference, as printable lines (at most `max`).
pub fn disagreements<E: Engine>(e: &E, rule: Rule, applicants: &[Applicant], reference: &[Answer], max: usize) -> Vec<String> {
    let mut out = Vec::new();
    for (a, want) in applicants.iter().zip(reference) {
        let native = e.decide(rule, &e.prepare(rule, a));
        let json = e.decide_json(rule, &a.to_json());
        if native != *want || json != *want {
            out.push(format!("{} on {}: expected {want:?}, native {native:?}, json {json:?}\n  {}", e.name(), rule.id(), a.to_json()));
            if out.len() >= max {
                break;
            }
        }
    }
    out
}

/// Runs `$body` once for every engine built into this binary, bound to `$e` (engines have
/// different input types, so this is a macro rather than a loop over trait objects, which
/// would add a virtual call to the nanoseconds being measured).
#[macro_export]
macro_rules! each_engine {
    ($program:expr, $e:ident => $body:block) => {{
        {
            let $e = &$crate::regula::Handwritten::new();
            $body
        }
        {
            let $e = &$crate::regula::Generated { trace: false };
            $body
        }
        {
            let $e = &$crate::regula::Generated { trace: true };
            $body
        }
        {
            let $e = &$crate::regula::Interpreted::new($program);
            $body
        }
        #[cfg(feature = "cedar")]
        {
            let $e = &$crate::cedar::Cedar::new();
            $body
        }
        #[cfg(feature = "zen")]
        {
            let $e = &$crate::zen::ZenTable::new();
            $body
        }
        #[cfg(feature = "zen")]
        {
            let $e = &$crate::zen::ZenExpression::new();
            $body
        }
        #[cfg(feature = "rego")]
        {
            let $e = &$crate::rego::Rego::interpreter();
            $body
        }
        #[cfg(feature = "rego")]
        {
            let $e = &$crate::rego::Rego::vm();
            $body
        }
        #[cfg(feature = "rhai")]
        {
            let $e = &$crate::rhai::Rhai::new();
            $body
        }
    }};
}

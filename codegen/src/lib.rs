//! Regula's front end and code generator as a library.
//!
//! Data flow: [`load`] (YAML with spans, JSON Schema) → [`check`] (names, types, citations,
//! tables, cases) → [`ir::Program`] → either [`interp`] (evaluate now) or [`emit`] (typed
//! Rust, formatted with prettyplease). The passes take file contents and give back diagnostics
//! or output; the one place that touches the file system is [`tree`], which reads a policy
//! tree the same way for the CLI, `policies/build.rs`, the tests and the fuzz targets.

#![forbid(unsafe_code)]

pub mod check;
pub mod diag;
pub mod emit;
pub mod expr;
pub mod interp;
pub mod ir;
pub mod load;
pub mod model;
pub mod schema;
pub mod tree;

pub use check::{Sources, check};
pub use diag::{Diagnostic, SourceFile};

/// Converts JSON (or YAML read as JSON) into the runtime's input tree, keeping numbers as
/// their decimal text so nothing passes through floating point.
pub fn json_to_input(v: &serde_json::Value) -> regula_runtime::Input {
    use regula_runtime::Input;
    match v {
        serde_json::Value::Null => Input::Null,
        serde_json::Value::Bool(b) => Input::Bool(*b),
        serde_json::Value::Number(n) => Input::Number(n.to_string()),
        serde_json::Value::String(s) => Input::Text(s.clone()),
        serde_json::Value::Array(a) => Input::List(a.iter().map(json_to_input).collect()),
        serde_json::Value::Object(m) => Input::Map(m.iter().map(|(k, v)| (k.clone(), json_to_input(v))).collect()),
    }
}

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

/// Reads a facts document (YAML, or JSON, which is YAML) into the runtime's input tree, and
/// takes a top-level `as_of` out as the evaluation date. Numbers keep their decimal text; a
/// value YAML reads as a non-finite float (`.inf`, `.nan`), a tag or a non-text key is refused
/// with its path rather than turned into something else.
pub fn facts_input(text: &str) -> Result<(regula_runtime::Input, Option<String>), String> {
    use regula_runtime::Input;
    fn convert(v: &serde_yaml::Value, path: &str) -> Result<Input, String> {
        let at = |p: &str| if p.is_empty() { "the document".to_string() } else { format!("`{p}`") };
        Ok(match v {
            serde_yaml::Value::Null => Input::Null,
            serde_yaml::Value::Bool(b) => Input::Bool(*b),
            serde_yaml::Value::Number(n) => {
                if n.is_nan() || n.is_infinite() {
                    return Err(format!("{}: `{n}` is not a number facts can hold; write a decimal such as 5000 or \"30万元\"", at(path)));
                }
                Input::Number(n.to_string())
            }
            serde_yaml::Value::String(s) => Input::Text(s.clone()),
            serde_yaml::Value::Sequence(items) => {
                Input::List(items.iter().enumerate().map(|(i, x)| convert(x, &format!("{path}[{i}]"))).collect::<Result<_, _>>()?)
            }
            serde_yaml::Value::Mapping(m) => {
                let mut fields = Vec::with_capacity(m.len());
                for (k, x) in m {
                    let Some(k) = k.as_str() else {
                        return Err(format!("{}: keys are fact and group names, found a non-text key", at(path)));
                    };
                    let p = if path.is_empty() { k.to_string() } else { format!("{path}.{k}") };
                    fields.push((k.to_string(), convert(x, &p)?));
                }
                Input::Map(fields)
            }
            serde_yaml::Value::Tagged(t) => return Err(format!("{}: YAML tags such as `{}` are not facts", at(path), t.tag)),
        })
    }
    let v: serde_yaml::Value = serde_yaml::from_str(text).map_err(|e| format!("not valid YAML or JSON: {e}"))?;
    let mut input = convert(&v, "")?;
    let mut as_of = None;
    match &mut input {
        Input::Map(fields) => {
            if let Some(i) = fields.iter().position(|(k, _)| k == "as_of") {
                match fields.remove(i).1 {
                    Input::Text(s) => as_of = Some(s),
                    _ => return Err("`as_of` must be a date string YYYY-MM-DD".into()),
                }
            }
        }
        Input::Null => input = Input::Map(Vec::new()),
        _ => return Err("facts must be a mapping of groups".into()),
    }
    Ok((input, as_of))
}

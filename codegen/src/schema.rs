//! JSON Schemas generated from the model types with schemars. The committed copies under
//! `schemas/` are what editors and the loader use; a test fails when they are stale.

use schemars::schema_for;

use crate::ir::{Program, Ty};

/// The committed policy-file schema, validated against at load time.
pub const POLICY_SCHEMA: &str = include_str!("../../schemas/policy.schema.json");

/// The schema of policy files, generated now from the Rust model.
pub fn policy_schema() -> String {
    let s = schema_for!(crate::model::PolicyFile);
    serde_json::to_string_pretty(&s).unwrap_or_default() + "\n"
}

/// The schema of a case (the `cases:` entries), generated from the model.
pub fn case_schema() -> String {
    let s = schema_for!(crate::model::Case);
    serde_json::to_string_pretty(&s).unwrap_or_default() + "\n"
}

/// The schema of `regula eval` input, generated from the checked vocabulary: one property
/// per fact group, one per fact, with types and labels, and no unknown fields.
pub fn facts_schema(p: &Program) -> String {
    use serde_json::{Map, Value, json};
    fn ty(p: &Program, t: Ty) -> Value {
        match t {
            Ty::Bool => json!({"type": ["boolean", "null"]}),
            Ty::Int => json!({"type": ["integer", "null"]}),
            Ty::Decimal => json!({"type": ["number", "string", "null"]}),
            Ty::Money => json!({"type": ["number", "string", "null"], "description": "yuan: 5000 or \"30万元\""}),
            Ty::Ratio => json!({"type": ["string", "null"], "pattern": "^-?[0-9.]+(%|‰|bp)$"}),
            Ty::Date => json!({"type": ["string", "null"], "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}$"}),
            Ty::Dur(u) => json!({"type": ["integer", "string", "null"], "description": u.suffix()}),
            Ty::Text => json!({"type": ["string", "null"]}),
            Ty::Enum(e) => {
                json!({"enum": p.enums[e].variants.iter().map(|v| Value::String(v.0.clone())).chain([Value::Null]).collect::<Vec<_>>()})
            }
            Ty::Set(e) => {
                json!({"type": ["array", "null"], "items": {"enum": p.enums[e].variants.iter().map(|v| v.0.clone()).collect::<Vec<_>>()}})
            }
            Ty::List(r) => {
                let mut props = Map::new();
                for f in &p.records[r].fields {
                    let mut s = ty(p, f.ty);
                    if let Some(o) = s.as_object_mut() {
                        o.insert("title".into(), Value::String(f.label.clone()));
                    }
                    props.insert(f.id.clone(), s);
                }
                json!({"type": ["array", "null"], "items": {"type": "object", "additionalProperties": false, "properties": props}})
            }
            Ty::Record(_) | Ty::ListOf(_) => json!({}),
        }
    }
    let mut groups = Map::new();
    for g in &p.groups {
        let mut props = Map::new();
        for f in &g.facts {
            let mut s = ty(p, f.ty);
            if let Some(o) = s.as_object_mut() {
                o.insert("title".into(), Value::String(f.label.clone()));
            }
            props.insert(f.id.clone(), s);
        }
        groups.insert(g.id.clone(), json!({"type": "object", "additionalProperties": false, "properties": props}));
    }
    let schema = json!({
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "Regula facts",
        "description": "Facts for `regula eval`: group → fact → value. Every fact is optional; a missing fact is unknown.",
        "type": "object",
        "additionalProperties": false,
        "properties": groups,
    });
    serde_json::to_string_pretty(&schema).unwrap_or_default() + "\n"
}

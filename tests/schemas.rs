//! The committed JSON Schemas are what the current model generates (`regula schema` rewrites
//! them), and every policy file points editors at the schema.

use crate::support::{policy_files, program, root};

fn committed(name: &str) -> String {
    std::fs::read_to_string(root().join("schemas").join(name)).unwrap_or_default()
}

#[test]
fn schemas_are_fresh() {
    let stale = "stale: run `cargo run -- schema --out schemas` and commit";
    assert!(committed("policy.schema.json") == regula_codegen::schema::policy_schema(), "policy.schema.json {stale}");
    assert!(committed("case.schema.json") == regula_codegen::schema::case_schema(), "case.schema.json {stale}");
    assert!(committed("facts.schema.json") == regula_codegen::schema::facts_schema(&program()), "facts.schema.json {stale}");
}

#[test]
fn every_policy_file_names_its_schema() {
    for f in policy_files() {
        let first = f.text.lines().next().unwrap_or("");
        assert!(
            first.starts_with("# yaml-language-server: $schema=") && first.ends_with("schemas/policy.schema.json"),
            "{} does not start with the yaml-language-server schema line",
            f.name
        );
    }
}

#[test]
fn the_example_applicant_validates_against_the_facts_schema() {
    let schema: serde_json::Value = serde_json::from_str(&committed("facts.schema.json")).unwrap();
    let validator = jsonschema::validator_for(&schema).unwrap();
    let text = std::fs::read_to_string(root().join("examples/applicant.yaml")).unwrap();
    let mut v: serde_json::Value = serde_yaml::from_str(&text).unwrap();
    v.as_object_mut().unwrap().remove("as_of");
    let errors: Vec<String> = validator.iter_errors(&v).map(|e| e.to_string()).collect();
    assert!(errors.is_empty(), "{errors:#?}");
    v["enterprise"]["nonsense"] = serde_json::json!(1);
    assert!(!validator.is_valid(&v), "the schema accepts unknown facts");
}

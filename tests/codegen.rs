//! Generated code: byte-identical across runs, snapshot-tested per file (the snapshots are the
//! code people read), and free of panicking constructs and floats.

use crate::support::{program, sources};
use regula_codegen::SourceFile;

fn generate() -> Vec<(String, String)> {
    regula_codegen::emit::set_sources(&sources());
    regula_codegen::emit::emit(&program()).unwrap()
}

#[test]
fn generation_is_deterministic() {
    assert_eq!(generate(), generate());
}

#[test]
fn generated_code_snapshots() {
    for (name, text) in generate() {
        insta::assert_snapshot!(format!("generated__{name}"), text);
    }
}

#[test]
fn generated_code_has_no_panics_or_floats() {
    for (name, text) in generate() {
        assert!(text.starts_with("// @generated"), "{name}: no @generated header");
        for bad in [".unwrap()", ".expect(", "panic!", "unreachable!", "f64", "f32", "unsafe"] {
            assert!(!text.contains(bad), "{name} contains `{bad}`");
        }
    }
}

#[test]
fn doc_comments_carry_the_cited_text() {
    let files = generate();
    let (_, cc47) = files.iter().find(|(n, _)| n == "cc47.rs").unwrap();
    assert!(cc47.contains("/// > 给予贴息，单户企业最高不超过３０万元"), "cited law missing from cc47.rs doc comments");
}

/// Names that cannot be Rust identifiers even in raw form (`self`, `crate`, `super`) get a
/// trailing `_`; other keywords (`type`) become raw identifiers. The `check_policy` fuzzer
/// found an empty fact name and a parameter named `2 bad…` panicking the emitter
/// (`fuzz/regressions/check_policy-empty-fact-name`, `…-parameter-leading-digit`); the emitter
/// now copes with both, and the schema refuses such names before it (fixture
/// `name_not_snake_case.yaml`), so only the keywords still reach it.
#[test]
fn names_that_cannot_be_raw_identifiers_still_emit() {
    let vocabulary = "facts:\n  who:\n    self: {type: bool, label: 甲}\n    crate: {type: bool, label: 乙}\n    super: {type: bool, label: 丙}\n    type: {type: bool, label: 丁}\n";
    let files = vec![SourceFile { name: "vocabulary.yaml".into(), text: vocabulary.into() }];
    let program = regula_codegen::check(&files, &sources()).unwrap_or_else(|d| panic!("{d:?}"));
    let emitted = regula_codegen::emit::emit(&program).unwrap_or_else(|e| panic!("{e}"));
    let (_, facts) = emitted.iter().find(|(n, _)| n == "facts.rs").unwrap();
    for field in ["self_:", "crate_:", "super_:", "r#type:"] {
        assert!(facts.contains(field), "facts.rs lacks the field `{field}`");
    }
}

/// A decimal literal keeps its whole 96-bit mantissa in generated code (`rt::num::decimal`
/// takes an `i128`), so every literal the checker accepts emits. The `expression` fuzzer found
/// `50505550500.101111010` (20 digits, past `i64`) refused by the emitter
/// (`fuzz/regressions/expression-literal-beyond-i64`).
#[test]
fn literals_beyond_i64_emit_exactly() {
    let document = r#"
document:
  id: big
  number: 测试〔2020〕1号
  title: 测试
  issuers: [测试]
  level: provincial
  issued: 2020-04-30
  effective: 2020-04-30
  source: {file: 39.txt, lines: 1-74}
rules:
  - id: value
    title: 取值
    citation: {article: 二, lines: 24-25, quote: 初次创业补贴标准为５０００元}
    outcomes:
      v: {label: 值, kind: value, value: "50505550500.101111010 - 10111"}
      m: {label: 额, kind: amount, value: "-99999999999999999999.99元"}
"#;
    let files = vec![SourceFile { name: "big.yaml".into(), text: document.into() }];
    let program = regula_codegen::check(&files, &sources()).unwrap_or_else(|d| panic!("{d:?}"));
    let emitted = regula_codegen::emit::emit(&program).unwrap_or_else(|e| panic!("{e}"));
    let (_, big) = emitted.iter().find(|(n, _)| n == "big.rs").unwrap();
    for literal in ["rt::num::decimal(50505550500101111010, 9)", "rt::Money::from_scaled(9999999999999999999999, 2)"] {
        assert!(big.contains(literal), "big.rs lacks `{literal}`:\n{big}");
    }
}

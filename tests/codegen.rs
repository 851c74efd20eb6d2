//! Generated code: byte-identical across runs, snapshot-tested per file (the snapshots are the
//! code people read), and free of panicking constructs and floats.

use crate::support::{program, sources};

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

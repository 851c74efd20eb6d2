//! Malformed policy files: each fixture under `tests/fixtures/bad/` is checked together with the
//! real policy tree and must give located diagnostics (snapshot-tested) — never a panic, never
//! a clean result. The fixture's first line names the code it must produce.

use regula_codegen::SourceFile;

use crate::support::{policy_files, root, sources};

fn check(fixture: &str, text: &str) -> (Vec<regula_codegen::Diagnostic>, String) {
    let mut files = policy_files();
    files.push(SourceFile { name: format!("tests/fixtures/bad/{fixture}"), text: text.to_string() });
    let diags = regula_codegen::check(&files, &sources()).err().unwrap_or_default();
    let rendered = regula_codegen::diag::render(&files, &diags);
    (diags, rendered)
}

#[test]
fn every_bad_fixture_gives_its_located_diagnostic() {
    let dir = root().join("tests/fixtures/bad");
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".yaml"))
        .collect();
    names.sort();
    assert!(names.len() >= 30, "only {} fixtures", names.len());
    let fixture_file = policy_files().len();
    let mut codes = std::collections::BTreeSet::new();
    for name in names {
        let bytes = std::fs::read(dir.join(&name)).unwrap();
        let text = String::from_utf8(bytes).expect("fixtures are UTF-8; non-UTF-8 input is a CLI test");
        let want = text
            .trim_start_matches('\u{feff}')
            .lines()
            .next()
            .and_then(|l| l.strip_prefix("# expect: "))
            .map(str::trim)
            .unwrap_or_else(|| panic!("{name}: first line must be `# expect: EXXXX`"))
            .to_string();
        let (diags, rendered) = check(&name, &text);
        assert!(!diags.is_empty(), "{name}: no diagnostic");
        assert!(diags.iter().any(|d| d.code == want), "{name}: expected {want}, got:\n{rendered}");
        assert!(diags.iter().all(|d| d.file == fixture_file), "{name}: a diagnostic points outside the fixture:\n{rendered}");
        assert!(rendered.contains(&format!("tests/fixtures/bad/{name}:")), "{name}: not located:\n{rendered}");
        codes.insert(want);
        insta::assert_snapshot!(format!("diagnostic__{}", name.trim_end_matches(".yaml")), rendered);
    }
    assert!(codes.len() >= 20, "fixtures cover only {} codes", codes.len());
}

#[test]
fn the_clean_tree_has_no_diagnostics() {
    let r = regula_codegen::check(&policy_files(), &sources());
    assert!(r.is_ok(), "{}", regula_codegen::diag::render(&policy_files(), &r.err().unwrap_or_default()));
}

#[test]
fn diagnostics_in_json_carry_file_line_and_column() {
    let text = "# yaml-language-server: $schema=../../schemas/policy.schema.json\nfacts:\n  enterprise:\n    mood_x: {type: enum(no_such_enum), label: x}\n";
    let mut files = policy_files();
    files.push(SourceFile { name: "x.yaml".into(), text: text.into() });
    let diags = regula_codegen::check(&files, &sources()).unwrap_err();
    let json = regula_codegen::diag::to_json(&files, &diags);
    let first = &json[0];
    assert_eq!(first["code"], "E0105");
    assert_eq!(first["file"], "x.yaml");
    assert_eq!(first["line"], 4);
    assert!(first["column"].as_u64().unwrap() > 1);
    assert!(first["help"].is_string());
}

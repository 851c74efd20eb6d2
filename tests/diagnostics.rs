//! Malformed policy files: each fixture under `tests/fixtures/bad/` is checked together with the
//! real policy tree and must give located diagnostics (snapshot-tested) — never a panic, never
//! a clean result. The fixture's first line names the code it must produce.

use regula_codegen::SourceFile;

use crate::support::{policy_files, root, sources};

/// Checks a fixture's bytes together with the real tree, as `regula check` would read them.
fn check(fixture: &str, bytes: &[u8]) -> (Vec<regula_codegen::Diagnostic>, String, String) {
    let mut files = policy_files();
    let (file, unreadable) = regula_codegen::tree::decode(files.len(), format!("tests/fixtures/bad/{fixture}"), bytes);
    let text = file.text.clone();
    files.push(file);
    let diags = match unreadable {
        Some(d) => vec![d],
        None => regula_codegen::check(&files, &sources()).err().unwrap_or_default(),
    };
    let rendered = regula_codegen::diag::render(&files, &diags);
    (diags, rendered, text)
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
    assert!(names.len() >= 50, "only {} fixtures", names.len());
    let fixture_file = policy_files().len();
    let mut codes = std::collections::BTreeSet::new();
    for name in names {
        let bytes = std::fs::read(dir.join(&name)).unwrap();
        let (diags, rendered, text) = check(&name, &bytes);
        let want = text
            .lines()
            .next()
            .and_then(|l| l.strip_prefix("# expect: "))
            .map(str::trim)
            .unwrap_or_else(|| panic!("{name}: first line must be `# expect: EXXXX`"))
            .to_string();
        assert!(!diags.is_empty(), "{name}: no diagnostic");
        assert!(diags.iter().any(|d| d.code == want), "{name}: expected {want}, got:\n{rendered}");
        assert!(diags.iter().all(|d| d.file == fixture_file), "{name}: a diagnostic points outside the fixture:\n{rendered}");
        assert!(diags.iter().all(|d| d.span.start <= d.span.end && d.span.end <= text.len()), "{name}: span out of the file");
        assert!(rendered.contains(&format!("tests/fixtures/bad/{name}:")), "{name}: not located:\n{rendered}");
        codes.insert(want);
        insta::assert_snapshot!(format!("diagnostic__{}", name.trim_end_matches(".yaml")), rendered);
    }
    let uncovered: Vec<&str> = regula_codegen::diag::CODES.iter().map(|c| c.0).filter(|c| !codes.contains(*c)).collect();
    assert!(uncovered.is_empty(), "no fixture produces {uncovered:?}");
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

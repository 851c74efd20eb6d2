//! Bodies of the fuzz targets, one function per target, so a crash input can also be replayed
//! from a plain test. Each body feeds arbitrary bytes through a public entry point and checks
//! what must hold for any input: no panic, diagnostics inside the file they point into, and
//! the two facts readers (interpreter and generated code) accepting and refusing alike.

use std::path::Path;
use std::sync::OnceLock;

use regula_codegen::check::LoadedFile;
use regula_codegen::interp::{self, Interpreter};
use regula_codegen::ir::Program;
use regula_codegen::load;
use regula_codegen::tree::{self, Tree};
use regula_codegen::{Diagnostic, SourceFile};

fn corpus() -> &'static Tree {
    static T: OnceLock<Tree> = OnceLock::new();
    T.get_or_init(|| {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../policies");
        tree::read(&root, Path::new("policies")).unwrap_or_else(|e| panic!("cannot read the policy tree: {e}"))
    })
}

fn corpus_program() -> &'static Program {
    static P: OnceLock<Program> = OnceLock::new();
    P.get_or_init(|| corpus().check().unwrap_or_else(|_| panic!("the policy tree does not check")))
}

/// Every diagnostic points into its file, and rendering (text and JSON) never fails.
fn assert_located(files: &[SourceFile], diags: &[Diagnostic]) {
    for d in diags {
        let len = files.get(d.file).map_or(0, |f| f.text.len());
        assert!(d.span.start <= d.span.end && d.span.start <= len, "{} span {:?} outside a file of {len} bytes", d.code, d.span);
    }
    let _ = regula_codegen::diag::render(files, diags);
    let _ = regula_codegen::diag::to_json(files, diags);
}

/// A code generation entry point: [`regula_codegen::emit::emit`] or `emit_rule_files`.
type Emit = fn(&Program) -> Result<Vec<(String, String)>, String>;

/// Runs a checked program as far as it goes: its own cases through the interpreter, every rule
/// with no facts, and code generation (`emit`: every file, or only those rules reach), which
/// must succeed — a checked program always yields Rust that parses.
fn exercise(p: &Program, emit: Emit) {
    let it = Interpreter::new(p);
    let env = interp::env(&it.calendar, regula_runtime::time::date(2020, 6, 1), true);
    if let Ok(none) = interp::facts_from_input(p, &regula_runtime::Input::Map(Vec::new())) {
        let _ = it.evaluate_all(&none, &env);
    }
    let _ = interp::run_cases(p, &|input, as_of| {
        let f = interp::facts_from_input(p, input)?;
        Ok(it.evaluate_all(&f, &interp::env(&it.calendar, as_of, true)))
    });
    if let Err(e) = emit(p) {
        panic!("a checked program does not emit: {e}");
    }
}

/// A policy file from arbitrary bytes, checked against the corpus's source texts.
pub fn check_policy(data: &[u8]) {
    let (file, unreadable) = tree::decode(0, "fuzz.yaml".into(), data);
    let files = vec![file];
    let diags = match unreadable {
        Some(d) => vec![d],
        None => match regula_codegen::check(&files, &corpus().sources) {
            Ok(p) => return exercise(&p, regula_codegen::emit::emit),
            Err(d) => d,
        },
    };
    assert!(!diags.is_empty(), "a failed check must say why");
    assert_located(&files, &diags);
}

/// The fuzzed expression as a condition and as an outcome value, in a document over the random
/// programs' vocabulary (every fact type, a parameter `rate`, a calendar), so the two kinds of
/// test exercise the same language surface.
const EXPRESSION_DOCUMENT: &str = r#"
document:
  id: fz
  number: 测试〔2020〕1号
  title: 测试
  issuers: [测试]
  level: provincial
  issued: 2020-04-30
  effective: 2020-04-30
  source: {file: 39.txt, lines: 1-74}
rules:
  - id: cond
    title: 条件
    citation: {article: 二, lines: 24-25, quote: 初次创业补贴标准为５０００元}
    when: [EXPR]
  - id: value
    title: 取值
    citation: {article: 二, lines: 24-25, quote: 初次创业补贴标准为５０００元}
    outcomes: {v: {label: 值, kind: value, value: EXPR}}
"#;

/// The random programs' vocabulary, loaded once: the expression target checks each input
/// against it without parsing it again (`load::load` was 30% of the target's profile when it
/// did, 18% since, for the fuzzed document alone).
fn expression_vocabulary() -> &'static (SourceFile, LoadedFile) {
    static V: OnceLock<(SourceFile, LoadedFile)> = OnceLock::new();
    V.get_or_init(|| {
        let text = regula_testkit::random_policy::VOCABULARY;
        let (policy, spans) = load::load(0, text).unwrap_or_else(|d| panic!("the vocabulary does not load: {d:?}"));
        (SourceFile { name: "vocabulary.yaml".into(), text: text.into() }, (0, policy, spans))
    })
}

/// An expression from arbitrary text: parsed alone, as a table cell, and type-checked (and,
/// when it checks, interpreted and emitted) inside [`EXPRESSION_DOCUMENT`].
pub fn expression(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let _ = regula_codegen::expr::parse(text);
    let _ = regula_codegen::expr::parse_cell(text);
    // A JSON string is a YAML double-quoted scalar, so any text arrives intact.
    let quoted = serde_json::to_string(text).unwrap_or_default();
    let (vocabulary, loaded_vocabulary) = expression_vocabulary();
    let files = vec![vocabulary.clone(), SourceFile { name: "fuzz.yaml".into(), text: EXPRESSION_DOCUMENT.replace("EXPR", &quoted) }];
    let checked = load::load(1, &files[1].text).and_then(|(policy, spans)| {
        regula_codegen::check::check_loaded(&files, &[loaded_vocabulary.clone(), (1, policy, spans)], &corpus().sources)
    });
    match checked {
        Ok(p) => exercise(&p, regula_codegen::emit::emit_rule_files),
        Err(d) => assert_located(&files, &d),
    }
}

/// Facts from arbitrary bytes, read as the CLI reads them ([`regula_codegen::facts_input`]):
/// the interpreter's reader and the generated `Facts::from_input` must accept the same
/// documents and name the same field when they refuse.
pub fn facts(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let Ok((input, _)) = regula_codegen::facts_input(text) else { return };
    let interpreted = interp::facts_from_input(corpus_program(), &input);
    let compiled = regula_policies::facts::Facts::from_input(&input);
    match (&interpreted, &compiled) {
        (Ok(_), Ok(_)) => {}
        (Err(a), Err(b)) => assert_eq!(a.path, b.path, "the readers refuse at different fields: {a} / {b}"),
        _ => panic!(
            "the readers disagree: interpreter {:?}, generated code {:?}",
            interpreted.as_ref().err().map(ToString::to_string),
            compiled.as_ref().err().map(ToString::to_string)
        ),
    }
}

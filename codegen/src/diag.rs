//! Diagnostics: a stable code, a message, a located span with a label, and a help line.
//! Rendered rustc-style through codespan-reporting, or as JSON for CI. Codes are a product
//! surface: never renumber one; retire it instead.

use std::ops::Range;

use codespan_reporting::diagnostic::{Diagnostic as CsDiagnostic, Label};
use codespan_reporting::files::SimpleFiles;
use codespan_reporting::term::{self, Config};
use serde::Serialize;

/// Every diagnostic code with a one-line summary (the catalog `regula check --explain` shows).
pub const CODES: &[(&str, &str)] = &[
    ("E0001", "YAML syntax error"),
    ("E0002", "duplicate key in a mapping"),
    ("E0003", "the file does not match the policy schema"),
    ("E0004", "a file could not be read"),
    ("E0101", "unknown fact"),
    ("E0102", "unknown parameter"),
    ("E0103", "unknown rule, table or document"),
    ("E0104", "unknown enum variant"),
    ("E0105", "unknown type"),
    ("E0106", "duplicate identifier"),
    ("E0107", "unknown function or name"),
    ("E0108", "unknown record field or outcome"),
    ("E0201", "type mismatch"),
    ("E0202", "unit mismatch"),
    ("E0203", "malformed literal"),
    ("E0204", "invalid date"),
    ("E0205", "expression syntax error"),
    ("E0206", "wrong number of arguments"),
    ("E0301", "citation lines outside the source file or document"),
    ("E0302", "quote not found in the cited lines"),
    ("E0303", "source file not found"),
    ("E0304", "citation needs lines and a quote"),
    ("E0401", "overlapping rows in a unique decision table"),
    ("E0402", "a complete decision table misses some inputs"),
    ("E0403", "malformed decision-table cell or output"),
    ("E0501", "case names an unknown fact or gives a bad value"),
    ("E0502", "case names an unknown rule or outcome"),
    ("E0503", "case expectation is malformed"),
    ("E0601", "rules depend on each other in a cycle"),
    ("E0701", "malformed calendar or parameter history"),
    ("E0801", "malformed catalog"),
];

/// A file the diagnostics point into.
#[derive(Debug, Clone)]
pub struct SourceFile {
    /// Path as shown to the user, e.g. `policies/changchun/47.yaml`.
    pub name: String,
    pub text: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Diagnostic {
    pub code: &'static str,
    pub message: String,
    /// Index into the file list the diagnostic was produced against.
    #[serde(skip)]
    pub file: usize,
    /// Byte range in that file.
    pub span: Range<usize>,
    pub label: String,
    pub help: Option<String>,
}

impl Diagnostic {
    pub fn new(code: &'static str, file: usize, span: Range<usize>, message: impl Into<String>) -> Self {
        Diagnostic { code, message: message.into(), file, span, label: String::new(), help: None }
    }
    pub fn label(mut self, label: impl Into<String>) -> Self {
        self.label = label.into();
        self
    }
    pub fn help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }
}

/// 1-based line and column (in characters) of a byte offset.
pub fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let offset = offset.min(text.len());
    let before = text.get(..offset).unwrap_or("");
    let line = before.matches('\n').count() + 1;
    let col = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, col)
}

/// Renders diagnostics the way rustc does: `error[E0101]: …`, `--> file:line:col`, the line
/// with the span underlined, and the help.
pub fn render(files: &[SourceFile], diags: &[Diagnostic]) -> String {
    let mut db = SimpleFiles::new();
    for f in files {
        db.add(f.name.clone(), f.text.clone());
    }
    let mut out = Vec::new();
    let config = Config::default();
    for d in diags {
        let mut cs = CsDiagnostic::error()
            .with_code(d.code)
            .with_message(&d.message)
            .with_labels(vec![Label::primary(d.file, clamp(files, d)).with_message(&d.label)]);
        if let Some(h) = &d.help {
            cs = cs.with_notes(vec![format!("help: {h}")]);
        }
        let _ = term::emit_to_io_write(&mut out, &config, &db, &cs);
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// Keeps a span on character boundaries inside its file, so rendering never fails.
fn clamp(files: &[SourceFile], d: &Diagnostic) -> Range<usize> {
    let text = files.get(d.file).map_or("", |f| f.text.as_str());
    let fix = |mut i: usize| {
        i = i.min(text.len());
        while i > 0 && !text.is_char_boundary(i) {
            i -= 1;
        }
        i
    };
    let start = fix(d.span.start);
    let end = fix(d.span.end.max(d.span.start));
    start..end
}

/// The JSON form for CI: one object per diagnostic with file, line and column.
pub fn to_json(files: &[SourceFile], diags: &[Diagnostic]) -> serde_json::Value {
    let items: Vec<_> = diags
        .iter()
        .map(|d| {
            let (name, text) = files.get(d.file).map_or(("", ""), |f| (f.name.as_str(), f.text.as_str()));
            let (line, column) = line_col(text, d.span.start);
            serde_json::json!({
                "code": d.code,
                "severity": "error",
                "message": d.message,
                "file": name,
                "line": line,
                "column": column,
                "span": {"start": d.span.start, "end": d.span.end},
                "label": d.label,
                "help": d.help,
            })
        })
        .collect();
    serde_json::Value::Array(items)
}

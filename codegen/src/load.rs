//! Loading one policy file: YAML syntax and duplicate keys (with exact spans, from the
//! saphyr event stream), then the data through the serde_yaml API, validation against the
//! committed JSON Schema (all errors, not just the first), and deserialization into the model.
//! Every later diagnostic finds its span through the [`SpanMap`] built here.

use std::collections::HashMap;
use std::ops::Range;
use std::sync::OnceLock;

use saphyr_parser::{Event, Parser, ScanError};

use crate::diag::Diagnostic;
use crate::model::PolicyFile;

/// Byte spans of every node in a file, by JSON-pointer path (`/rules/0/when/1`).
#[derive(Debug, Default, Clone)]
pub struct SpanMap {
    values: HashMap<String, Range<usize>>,
    keys: HashMap<String, Range<usize>>,
    /// Whether the scalar at a path was written plain (unquoted), so expression offsets map
    /// one to one.
    len: usize,
}

impl SpanMap {
    /// The span of the value at `path`, or of its nearest ancestor.
    pub fn value(&self, path: &str) -> Range<usize> {
        let mut p = path.to_string();
        loop {
            if let Some(s) = self.values.get(&p) {
                return s.clone();
            }
            match p.rfind('/') {
                Some(i) => p.truncate(i),
                None => return 0..0,
            }
        }
    }

    /// The span of the key naming `path` (its value's span when there is no key).
    pub fn key(&self, path: &str) -> Range<usize> {
        self.keys.get(path).cloned().unwrap_or_else(|| self.value(path))
    }

    pub fn file_len(&self) -> usize {
        self.len
    }
}

enum Frame {
    Map { path: String, key: Option<String>, seen: HashMap<String, Range<usize>> },
    Seq { path: String, index: usize },
}

fn escape(seg: &str) -> String {
    seg.replace('~', "~0").replace('/', "~1")
}

/// Converts saphyr's character indices to byte offsets.
struct Offsets(Vec<usize>);
impl Offsets {
    fn new(text: &str) -> Self {
        let mut v: Vec<usize> = text.char_indices().map(|(b, _)| b).collect();
        v.push(text.len());
        Offsets(v)
    }
    fn byte(&self, char_index: usize) -> usize {
        self.0.get(char_index).copied().unwrap_or_else(|| self.0.last().copied().unwrap_or(0))
    }
}

fn scan_error(file: usize, offsets: &Offsets, e: &ScanError) -> Diagnostic {
    let at = offsets.byte(e.marker().index());
    Diagnostic::new("E0001", file, at..at + 1, format!("YAML syntax error: {}", e.info()))
        .label("here")
        .help("check indentation, quoting and the `key: value` form; quote strings that contain `: ` or start with `[`, `{`, `*`, `&`, `!`, `%` or `@`")
}

/// Builds the span map and reports syntax errors and duplicate keys.
/// More aliases than any honest policy file needs; enough to stop alias bombs early.
const MAX_ALIASES: usize = 64;

pub fn spans(file: usize, text: &str) -> Result<SpanMap, Vec<Diagnostic>> {
    let offsets = Offsets::new(text);
    let mut map = SpanMap { len: text.len(), ..SpanMap::default() };
    let mut stack: Vec<Frame> = Vec::new();
    let mut diags = Vec::new();
    let mut starts: Vec<usize> = Vec::new();
    let mut aliases = 0usize;
    let mut parser = Parser::new_from_str(text);
    while let Some(next) = parser.next_event() {
        let (event, span) = match next {
            Ok(x) => x,
            Err(e) => {
                diags.push(scan_error(file, &offsets, &e));
                return Err(diags);
            }
        };
        let start = offsets.byte(span.start.index());
        let end = offsets.byte(span.end.index());
        // The path of a node that starts here, if the parent is waiting for a value.
        let node_path =
            |stack: &mut Vec<Frame>, map: &mut SpanMap, diags: &mut Vec<Diagnostic>, key_text: Option<&str>| -> Option<String> {
                match stack.last_mut() {
                    None => Some(String::new()),
                    Some(Frame::Seq { path, index }) => {
                        let p = format!("{path}/{index}");
                        *index += 1;
                        Some(p)
                    }
                    Some(Frame::Map { path, key, seen }) => match key.take() {
                        Some(k) => Some(format!("{path}/{}", escape(&k))),
                        None => {
                            // This node is a key.
                            let k = key_text.unwrap_or("").to_string();
                            let kp = format!("{path}/{}", escape(&k));
                            if let Some(first) = seen.get(&k) {
                                let (line, _) = crate::diag::line_col(text, first.start);
                                diags.push(
                                    Diagnostic::new("E0002", file, start..end.max(start + 1), format!("duplicate key `{k}`"))
                                        .label("defined again here")
                                        .help(format!("the first `{k}` is on line {line}; remove or rename one of them")),
                                );
                            } else {
                                seen.insert(k.clone(), start..end);
                            }
                            map.keys.insert(kp, start..end);
                            *key = Some(k);
                            None
                        }
                    },
                }
            };
        match event {
            Event::Scalar(value, ..) => {
                if let Some(p) = node_path(&mut stack, &mut map, &mut diags, Some(&value)) {
                    map.values.insert(p, start..end);
                }
            }
            Event::Alias(_) => {
                aliases += 1;
                if aliases > MAX_ALIASES {
                    // Aliases of aliases grow exponentially (the "billion laughs"); refuse here,
                    // located, before anything expands them.
                    diags.push(
                        Diagnostic::new("E0001", file, start..end.max(start + 1), format!("more than {MAX_ALIASES} YAML aliases"))
                            .label("one alias too many")
                            .help("policy files are small and plain: write the values out instead of repeating them through anchors"),
                    );
                    return Err(diags);
                }
                if let Some(p) = node_path(&mut stack, &mut map, &mut diags, Some("*alias")) {
                    map.values.insert(p, start..end);
                }
            }
            Event::MappingStart(..) | Event::SequenceStart(..) => {
                let is_map = matches!(event, Event::MappingStart(..));
                match node_path(&mut stack, &mut map, &mut diags, None) {
                    Some(p) => {
                        starts.push(start);
                        stack.push(if is_map {
                            Frame::Map { path: p, key: None, seen: HashMap::new() }
                        } else {
                            Frame::Seq { path: p, index: 0 }
                        });
                    }
                    None => {
                        diags.push(
                            Diagnostic::new("E0003", file, start..start + 1, "a mapping or list cannot be a key")
                                .label("complex key")
                                .help("keys are plain identifiers"),
                        );
                        return Err(diags);
                    }
                }
            }
            Event::MappingEnd | Event::SequenceEnd => {
                let s = starts.pop().unwrap_or(0);
                if let Some(frame) = stack.pop() {
                    let path = match frame {
                        Frame::Map { path, .. } | Frame::Seq { path, .. } => path,
                    };
                    map.values.insert(path, s..end.max(s));
                }
            }
            _ => {}
        }
    }
    if diags.is_empty() { Ok(map) } else { Err(diags) }
}

/// The committed policy schema, compiled once.
fn validator() -> Option<&'static jsonschema::Validator> {
    static V: OnceLock<Option<jsonschema::Validator>> = OnceLock::new();
    V.get_or_init(|| {
        let schema: serde_json::Value = serde_json::from_str(crate::schema::POLICY_SCHEMA).ok()?;
        jsonschema::validator_for(&schema).ok()
    })
    .as_ref()
}

/// Parses, validates and deserializes one policy file.
pub fn load(file: usize, text: &str) -> Result<(PolicyFile, SpanMap), Vec<Diagnostic>> {
    let spans = spans(file, text)?;
    let value: serde_json::Value = match serde_yaml::from_str::<serde_json::Value>(text) {
        Ok(serde_json::Value::Null) => serde_json::Value::Object(Default::default()),
        Ok(v) => v,
        Err(e) => {
            let at = e.location().map_or(0, |l| l.index());
            return Err(vec![
                Diagnostic::new("E0001", file, at..at + 1, format!("YAML error: {e}"))
                    .label("here")
                    .help("policy files use plain YAML: mappings, lists and scalars, without custom tags"),
            ]);
        }
    };
    let mut diags = Vec::new();
    if let Some(v) = validator() {
        for err in v.iter_errors(&value) {
            let path = err.instance_path().to_string();
            if let jsonschema::error::ValidationErrorKind::PropertyNames { error } = err.kind() {
                let name = error.instance().as_str().unwrap_or_default();
                diags.push(
                    Diagnostic::new("E0003", file, spans.key(&format!("{path}/{}", escape(name))), format!("`{name}` is not a name"))
                        .label("not a snake_case name")
                        .help("names become Rust identifiers: a lowercase ASCII letter, then lowercase letters, digits and `_` (`enterprise_size`); the Chinese wording goes in `label`"),
                );
                continue;
            }
            let (span, what) = schema_span(&spans, &path, &err.to_string());
            diags.push(
                Diagnostic::new("E0003", file, span, format!("{}: {}", if path.is_empty() { "/" } else { &path }, err))
                    .label(what)
                    .help("see schemas/policy.schema.json (editors with the yaml-language-server comment complete it for you)"),
            );
        }
    }
    if !diags.is_empty() {
        diags.sort_by_key(|d| d.span.start);
        diags.dedup_by(|a, b| a.span == b.span && a.message == b.message);
        return Err(diags);
    }
    match serde_json::from_value::<PolicyFile>(value) {
        Ok(p) => Ok((p, spans)),
        Err(e) => Err(vec![
            Diagnostic::new("E0003", file, 0..0, format!("the file does not match the policy model: {e}"))
                .label("here")
                .help("see schemas/policy.schema.json"),
        ]),
    }
}

/// Where a schema error points: an unknown property at its key, anything else at the value.
fn schema_span(spans: &SpanMap, path: &str, message: &str) -> (Range<usize>, &'static str) {
    if let Some(rest) = message.split("Additional properties are not allowed (").nth(1) {
        if let Some(name) = rest.split('\'').nth(1) {
            return (spans.key(&format!("{path}/{}", escape(name))), "not a known field here");
        }
    }
    (spans.value(path), "does not match the schema")
}

//! Reading a policy tree from disk — the crate's only file I/O, shared by the CLI,
//! `policies/build.rs`, the tests and the fuzz targets so that all of them see the same files
//! under the same names: every `*.yaml`/`*.yml` under the root (skipping `sources/`, `src/`
//! and `target/`) in sorted order, and the source texts in the nearest `sources/` directory.
//!
//! Bytes become text in one place, [`decode`]: a leading BOM is dropped and invalid UTF-8 is a
//! located diagnostic (E0004) rather than a refusal, so one bad file never hides the others.

use std::path::{Path, PathBuf};

use crate::{Diagnostic, SourceFile, Sources};

/// A policy tree as read: the files (non-UTF-8 ones decoded lossily so their diagnostics can
/// be shown), the source texts, and the diagnostics reading produced.
pub struct Tree {
    pub files: Vec<SourceFile>,
    pub sources: Sources,
    pub diagnostics: Vec<Diagnostic>,
}

/// Reads the tree at `root` (a directory, or a single file), naming each file as `shown_as`
/// joined with its path below `root`, so that names are stable wherever the tree lives.
pub fn read(root: &Path, shown_as: &Path) -> Result<Tree, String> {
    if !root.exists() {
        return Err(format!("{}: no such file or directory", root.display()));
    }
    let mut paths = Vec::new();
    let base = if root.is_dir() { root.to_path_buf() } else { root.parent().map(Path::to_path_buf).unwrap_or_default() };
    if root.is_dir() {
        walk(root, &mut paths).map_err(|e| format!("{}: {e}", root.display()))?;
    } else {
        paths.push(root.to_path_buf());
    }
    paths.sort();
    let mut tree = Tree { files: Vec::new(), sources: Sources::new(), diagnostics: Vec::new() };
    for p in paths {
        let bytes = std::fs::read(&p).map_err(|e| format!("{}: {e}", p.display()))?;
        let name = if root.is_dir() { shown_as.join(p.strip_prefix(root).unwrap_or(&p)) } else { shown_as.to_path_buf() };
        let (file, diag) = decode(tree.files.len(), name.display().to_string(), &bytes);
        tree.files.push(file);
        tree.diagnostics.extend(diag);
    }
    if let Some(sdir) = find_sources(&base) {
        for entry in std::fs::read_dir(&sdir).map_err(|e| format!("{}: {e}", sdir.display()))? {
            let entry = entry.map_err(|e| e.to_string())?;
            let p = entry.path();
            if p.extension().is_some_and(|x| x == "txt") {
                let text = std::fs::read_to_string(&p).map_err(|e| format!("{}: {e}", p.display()))?;
                tree.sources.insert(entry.file_name().to_string_lossy().into_owned(), text);
            }
        }
    }
    Ok(tree)
}

impl Tree {
    /// Checks the tree: reading's diagnostics, then the checker's over the files that decoded.
    pub fn check(&self) -> Result<crate::ir::Program, Vec<Diagnostic>> {
        if self.diagnostics.is_empty() {
            return crate::check(&self.files, &self.sources);
        }
        // Check the readable files too, so an editor sees every problem in one run; their
        // diagnostics are renumbered back to positions in `self.files`.
        let bad: Vec<usize> = self.diagnostics.iter().map(|d| d.file).collect();
        let (keep, files): (Vec<usize>, Vec<SourceFile>) =
            self.files.iter().enumerate().filter(|(i, _)| !bad.contains(i)).map(|(i, f)| (i, f.clone())).unzip();
        let mut diags = self.diagnostics.clone();
        if let Err(more) = crate::check(&files, &self.sources) {
            diags.extend(more.into_iter().map(|mut d| {
                d.file = keep.get(d.file).copied().unwrap_or(d.file);
                d
            }));
        }
        Err(diags)
    }
}

/// Turns a file's bytes into text: drops a leading BOM; invalid UTF-8 gives the lossily
/// decoded text (for display) and an E0004 diagnostic at the first bad byte.
pub fn decode(file: usize, name: String, bytes: &[u8]) -> (SourceFile, Option<Diagnostic>) {
    let bytes = bytes.strip_prefix("\u{feff}".as_bytes()).unwrap_or(bytes);
    match std::str::from_utf8(bytes) {
        Ok(text) => (SourceFile { name, text: text.to_string() }, None),
        Err(e) => {
            let at = e.valid_up_to();
            let text = String::from_utf8_lossy(bytes).into_owned();
            // The valid prefix decodes unchanged, so `at` is also an offset into `text`, where
            // U+FFFD (3 bytes) now stands for the bad sequence.
            let diag = Diagnostic::new("E0004", file, at..at + '\u{fffd}'.len_utf8(), format!("{name} is not UTF-8 text"))
                .label(format!("invalid byte sequence at byte offset {at}"))
                .help("policy files are UTF-8; re-save the file as UTF-8 (GB 18030 and GBK text must be converted)");
            (SourceFile { name, text }, Some(diag))
        }
    }
}

fn walk(dir: &Path, out: &mut Vec<PathBuf>) -> std::io::Result<()> {
    for entry in std::fs::read_dir(dir)? {
        let p = entry?.path();
        if p.is_dir() {
            if p.file_name().is_some_and(|n| n == "sources" || n == "src" || n == "target") {
                continue;
            }
            walk(&p, out)?;
        } else if p.extension().is_some_and(|x| x == "yaml" || x == "yml") {
            out.push(p);
        }
    }
    Ok(())
}

/// The `sources/` directory of the tree: beside the root or in an ancestor.
fn find_sources(base: &Path) -> Option<PathBuf> {
    let mut dir = Some(base);
    while let Some(d) = dir {
        let s = d.join("sources");
        if s.is_dir() {
            return Some(s);
        }
        dir = d.parent();
    }
    None
}

//! Shared helpers: the policy tree as the library sees it, checked once per test.

use std::path::{Path, PathBuf};

use regula_codegen::ir::Program;
use regula_codegen::{SourceFile, Sources};

pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    for e in entries.flatten() {
        let p = e.path();
        if p.is_dir() {
            if !p.ends_with("sources") && !p.ends_with("src") {
                walk(&p, out);
            }
        } else if p.extension().is_some_and(|x| x == "yaml") {
            out.push(p);
        }
    }
}

/// The policy files with the names `policies/build.rs` gives them.
pub fn policy_files() -> Vec<SourceFile> {
    let base = root().join("policies");
    let mut paths = Vec::new();
    walk(&base, &mut paths);
    paths.sort();
    paths
        .into_iter()
        .map(|p| SourceFile {
            name: format!("policies/{}", p.strip_prefix(&base).unwrap().display()),
            text: std::fs::read_to_string(&p).unwrap(),
        })
        .collect()
}

pub fn sources() -> Sources {
    let mut s = Sources::new();
    for e in std::fs::read_dir(root().join("policies/sources")).unwrap().flatten() {
        let p = e.path();
        if p.extension().is_some_and(|x| x == "txt") {
            s.insert(e.file_name().to_string_lossy().into_owned(), std::fs::read_to_string(&p).unwrap());
        }
    }
    s
}

pub fn program() -> Program {
    match regula_codegen::check(&policy_files(), &sources()) {
        Ok(p) => p,
        Err(d) => panic!("policies do not check:\n{}", regula_codegen::diag::render(&policy_files(), &d)),
    }
}

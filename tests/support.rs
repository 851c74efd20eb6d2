//! Shared helpers: the policy tree as the library sees it, read and checked once per test
//! binary.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use regula_codegen::ir::Program;
use regula_codegen::tree::Tree;
use regula_codegen::{SourceFile, Sources};

pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The policy tree with the names `policies/build.rs` gives its files.
pub fn tree() -> &'static Tree {
    static T: OnceLock<Tree> = OnceLock::new();
    T.get_or_init(|| regula_codegen::tree::read(&root().join("policies"), Path::new("policies")).unwrap())
}

pub fn policy_files() -> Vec<SourceFile> {
    tree().files.clone()
}

pub fn sources() -> Sources {
    tree().sources.clone()
}

pub fn program() -> Program {
    match tree().check() {
        Ok(p) => p,
        Err(d) => panic!("policies do not check:\n{}", regula_codegen::diag::render(&tree().files, &d)),
    }
}

//! The policy tree as the CLI reads it (through [`regula_codegen::tree`]) and whether it is
//! the tree this binary's compiled rules were generated from.

use std::path::Path;

pub use regula_codegen::tree::Tree;

/// Reads the tree at `path`, naming files by the path the user gave.
pub fn read(path: &Path) -> Result<Tree, String> {
    regula_codegen::tree::read(path, path)
}

/// Whether `path` is the policy tree the binary's compiled rules were generated from.
pub fn same_as_compiled(path: &Path) -> bool {
    let built = Path::new(env!("CARGO_MANIFEST_DIR")).join("policies");
    match (path.canonicalize(), built.canonicalize()) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    }
}

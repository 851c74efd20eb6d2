//! Generates the typed rule modules from the policy YAML into `OUT_DIR`. A policy error
//! fails the build with the same located diagnostics `regula check` prints.

use std::path::{Path, PathBuf};

fn main() {
    let root = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").unwrap_or_default());
    let out = PathBuf::from(std::env::var("OUT_DIR").unwrap_or_default());
    println!("cargo:rerun-if-changed=.");
    // Files are named as from the workspace root, so generated code does not depend on where
    // the checkout lives.
    let tree = regula_codegen::tree::read(&root, Path::new("policies")).unwrap_or_else(|e| fail(&e));
    let program = tree.check().unwrap_or_else(|diags| fail(&regula_codegen::diag::render(&tree.files, &diags)));
    regula_codegen::emit::set_sources(&tree.sources);
    let generated = regula_codegen::emit::emit(&program).unwrap_or_else(|e| fail(&e));
    for (name, text) in generated {
        if let Err(e) = std::fs::write(out.join(&name), text) {
            fail(&format!("{name}: {e}"));
        }
    }
}

fn fail(msg: &str) -> ! {
    for line in msg.lines() {
        println!("cargo:warning={line}");
    }
    eprintln!("{msg}");
    std::process::exit(1);
}

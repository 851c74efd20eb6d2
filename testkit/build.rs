//! Generates random valid policies (see `src/random_policy.rs`), checks them and emits them as
//! Rust into `OUT_DIR`, where `src/lib.rs` compiles them. `REGULA_RANDOM_POLICY_SEED` picks
//! another set (the default seed is fixed so builds are reproducible).

#[path = "src/random_policy.rs"]
#[allow(dead_code)]
mod random_policy;

use std::path::PathBuf;

/// Documents and rules per document in one random program.
const DOCS: usize = 12;
const RULES: usize = 16;

fn main() {
    println!("cargo:rerun-if-changed=src/random_policy.rs");
    println!("cargo:rerun-if-env-changed=REGULA_RANDOM_POLICY_SEED");
    let seed: u64 = std::env::var("REGULA_RANDOM_POLICY_SEED").ok().and_then(|s| s.parse().ok()).unwrap_or(20_201_124);
    let out = PathBuf::from(std::env::var("OUT_DIR").unwrap_or_default());
    let files: Vec<regula_codegen::SourceFile> =
        random_policy::program_files(seed, DOCS, RULES).into_iter().map(|(name, text)| regula_codegen::SourceFile { name, text }).collect();
    let mut sources = regula_codegen::Sources::new();
    sources.insert(random_policy::SOURCE_FILE.to_string(), random_policy::source_text(random_policy::SOURCE_LINES));
    let program = match regula_codegen::check(&files, &sources) {
        Ok(p) => p,
        Err(d) => fail(&format!("random policy (seed {seed}) does not check:\n{}", regula_codegen::diag::render(&files, &d))),
    };
    regula_codegen::emit::set_sources(&sources);
    let generated = regula_codegen::emit::emit(&program).unwrap_or_else(|e| fail(&e));
    for (name, text) in generated {
        if let Err(e) = std::fs::write(out.join(&name), text) {
            fail(&format!("{name}: {e}"));
        }
    }
    let list: String =
        std::iter::once(format!("pub const SEED: u64 = {seed};\npub const DOCS: usize = {DOCS};\npub const RULES: usize = {RULES};\n"))
            .collect();
    if let Err(e) = std::fs::write(out.join("params.rs"), list) {
        fail(&format!("params.rs: {e}"));
    }
}

fn fail(msg: &str) -> ! {
    for line in msg.lines() {
        println!("cargo:warning={line}");
    }
    eprintln!("{msg}");
    std::process::exit(1);
}

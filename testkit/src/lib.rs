//! Test support shared by Regula's test suites: random, type-correct facts for any checked
//! vocabulary ([`random_facts`]), and random valid policies ([`random_policy`]) that the build
//! script also compiles into [`compiled`], so a test can run the same random program through
//! the generated code and the interpreter and require identical decisions.

pub mod random_facts;
pub mod random_policy;

/// The random program `build.rs` generated and emitted, compiled. Random code trips style
/// lints that hand-written policies do not (`x == x`, constant conditions), hence the allow.
#[allow(clippy::all)]
pub mod compiled {
    include!(concat!(env!("OUT_DIR"), "/lib.rs"));
}

include!(concat!(env!("OUT_DIR"), "/params.rs"));

/// The random program's policy files and source text, as the build script checked them.
pub fn random_program_files() -> (Vec<regula_codegen::SourceFile>, regula_codegen::Sources) {
    let files =
        random_policy::program_files(SEED, DOCS, RULES).into_iter().map(|(name, text)| regula_codegen::SourceFile { name, text }).collect();
    let mut sources = regula_codegen::Sources::new();
    sources.insert(random_policy::SOURCE_FILE.to_string(), random_policy::source_text(random_policy::SOURCE_LINES));
    (files, sources)
}

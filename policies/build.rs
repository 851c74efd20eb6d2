//! Generates the typed rule modules from the policy YAML into `OUT_DIR`. A policy error
//! fails the build with the same located diagnostics `regula check` prints.

use std::path::{Path, PathBuf};

fn main() {
    let root = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").unwrap_or_default());
    let out = PathBuf::from(std::env::var("OUT_DIR").unwrap_or_default());
    println!("cargo:rerun-if-changed=.");
    let mut paths = Vec::new();
    walk(&root, &mut paths);
    paths.sort();
    let mut files = Vec::new();
    for p in &paths {
        match std::fs::read_to_string(p) {
            Ok(text) => {
                let name = p.strip_prefix(&root).unwrap_or(p).display().to_string();
                files.push(regula_codegen::SourceFile { name: format!("policies/{name}"), text });
            }
            Err(e) => fail(&format!("{}: {e}", p.display())),
        }
    }
    let mut sources = regula_codegen::Sources::new();
    if let Ok(dir) = std::fs::read_dir(root.join("sources")) {
        for entry in dir.flatten() {
            let p = entry.path();
            if p.extension().is_some_and(|x| x == "txt") {
                if let Ok(text) = std::fs::read_to_string(&p) {
                    sources.insert(entry.file_name().to_string_lossy().into_owned(), text);
                }
            }
        }
    }
    let program = match regula_codegen::check(&files, &sources) {
        Ok(p) => p,
        Err(diags) => fail(&regula_codegen::diag::render(&files, &diags)),
    };
    regula_codegen::emit::set_sources(&sources);
    let generated = match regula_codegen::emit::emit(&program) {
        Ok(g) => g,
        Err(e) => fail(&e),
    };
    for (name, text) in generated {
        if let Err(e) = std::fs::write(out.join(&name), text) {
            fail(&format!("{name}: {e}"));
        }
    }
}

fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    for entry in entries.flatten() {
        let p = entry.path();
        if p.is_dir() {
            if !p.file_name().is_some_and(|n| n == "sources" || n == "src" || n == "target") {
                walk(&p, out);
            }
        } else if p.extension().is_some_and(|x| x == "yaml") {
            out.push(p);
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

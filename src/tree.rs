//! Reading a policy tree from disk: every `*.yaml` under the root except `sources/`, in
//! sorted order, and the source texts under `sources/`.

use std::path::{Path, PathBuf};

use regula_codegen::{SourceFile, Sources};

pub struct Tree {
    pub files: Vec<SourceFile>,
    pub sources: Sources,
}

pub fn read(root: &Path) -> Result<Tree, String> {
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
    let mut files = Vec::new();
    for p in paths {
        let bytes = std::fs::read(&p).map_err(|e| format!("{}: {e}", p.display()))?;
        let text = match String::from_utf8(bytes) {
            Ok(t) => t,
            Err(e) => {
                // Keep going with a located diagnostic rather than stopping the whole check.
                let at = e.utf8_error().valid_up_to();
                return Err(format!("{}: not UTF-8 (invalid byte at offset {at}); policy files are UTF-8 text", p.display()));
            }
        };
        let text = text.strip_prefix('\u{feff}').map(str::to_string).unwrap_or(text);
        files.push(SourceFile { name: p.display().to_string(), text });
    }
    let mut sources = Sources::new();
    let sdir = find_sources(&base);
    if let Some(sdir) = sdir {
        for entry in std::fs::read_dir(&sdir).map_err(|e| format!("{}: {e}", sdir.display()))? {
            let entry = entry.map_err(|e| e.to_string())?;
            let p = entry.path();
            if p.extension().is_some_and(|x| x == "txt") {
                let text = std::fs::read_to_string(&p).map_err(|e| format!("{}: {e}", p.display()))?;
                sources.insert(entry.file_name().to_string_lossy().into_owned(), text);
            }
        }
    }
    Ok(Tree { files, sources })
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

/// Whether `path` is the policy tree the binary's compiled rules were generated from.
pub fn same_as_compiled(path: &Path) -> bool {
    let built = Path::new(env!("CARGO_MANIFEST_DIR")).join("policies");
    match (path.canonicalize(), built.canonicalize()) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    }
}

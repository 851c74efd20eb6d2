//! `regula`: check policies, evaluate facts against them (compiled or interpreted), run their
//! cases, generate code and schemas, and list catalogs.
//!
//! Exit codes: 0 success; 1 policy errors or failing cases; 2 usage, I/O or bad facts input.

#![forbid(unsafe_code)]

mod explain;
mod tree;

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};
use regula_codegen::interp::{self, Interpreter};
use regula_codegen::ir::Program;
#[cfg(feature = "compiled")]
use regula_runtime::Env;
use regula_runtime::{Date, Decision, Input, InputError};

#[derive(Parser)]
#[command(name = "regula", version, about = "Policy as typed, tested code")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Clone, Copy, ValueEnum, PartialEq, Eq)]
enum Format {
    Text,
    Json,
}

#[derive(Clone, Copy, ValueEnum, PartialEq, Eq)]
enum Lang {
    Zh,
    En,
}

#[derive(Subcommand)]
enum Command {
    /// Validate a policy tree: schema, names, types, citations, tables, cases.
    Check {
        #[arg(default_value = "policies")]
        path: PathBuf,
        #[arg(long, value_enum, default_value = "text")]
        format: Format,
    },
    /// Evaluate facts (YAML or JSON; `-` for stdin) against the policies.
    Eval {
        facts: PathBuf,
        /// The date the law is read at (default: the facts file's `as_of`, else today).
        #[arg(long)]
        as_of: Option<String>,
        /// Only this rule (`doc.rule`).
        #[arg(long)]
        rule: Option<String>,
        /// Explain each decision: conditions, outcomes, citations.
        #[arg(long)]
        explain: bool,
        /// Also list rules that do not apply.
        #[arg(long)]
        all: bool,
        #[arg(long, value_enum, default_value = "zh")]
        lang: Lang,
        #[arg(long, value_enum, default_value = "text")]
        format: Format,
        /// Interpret this policy tree instead of using the compiled rules.
        #[arg(long)]
        policies: Option<PathBuf>,
    },
    /// Run every case, compiled and interpreted.
    Test {
        #[arg(default_value = "policies")]
        path: PathBuf,
    },
    /// Write the generated Rust for reading.
    Gen {
        #[arg(long)]
        out: PathBuf,
        #[arg(default_value = "policies")]
        path: PathBuf,
    },
    /// Write the JSON Schemas (policy file, case, facts input).
    Schema {
        #[arg(long, default_value = "schemas")]
        out: PathBuf,
        #[arg(long, default_value = "policies")]
        policies: PathBuf,
    },
    /// List a catalog's items, optionally filtered by `field=value` (substring match).
    Catalog {
        /// `doc.catalog`
        id: String,
        #[arg(long = "where")]
        filter: Vec<String>,
        #[arg(long, default_value = "policies")]
        policies: PathBuf,
    },
    /// List the encoded documents: id, number, level, in-force window, rules, cases.
    Docs {
        #[arg(default_value = "policies")]
        path: PathBuf,
        /// Print a Markdown table.
        #[arg(long)]
        markdown: bool,
    },
    /// Source coverage: the share of each document's lines cited or marked not normative.
    Coverage {
        #[arg(default_value = "policies")]
        path: PathBuf,
        /// Exit 1 if any document with a source text is below this percentage.
        #[arg(long)]
        require: Option<u32>,
    },
}

/// Prints to stdout; a closed pipe (`regula eval … | head`) ends output quietly instead of
/// panicking.
macro_rules! out {
    ($($t:tt)*) => {{
        use std::io::Write as _;
        let _ = writeln!(std::io::stdout().lock(), $($t)*);
    }};
}

/// [`out!`] without the trailing newline, for reports that end in one.
macro_rules! outs {
    ($($t:tt)*) => {{
        use std::io::Write as _;
        let _ = write!(std::io::stdout().lock(), $($t)*);
    }};
}

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(c) => c,
        Err(e) => {
            let _ = e.print();
            return ExitCode::from(if e.use_stderr() { 2 } else { 0 });
        }
    };
    match run(cli) {
        Ok(code) => ExitCode::from(code),
        Err(msg) => {
            eprintln!("error: {msg}");
            ExitCode::from(2)
        }
    }
}

fn run(cli: Cli) -> Result<u8, String> {
    match cli.command {
        Command::Check { path, format } => {
            let t = tree::read(&path)?;
            match t.check() {
                Ok(p) => {
                    if format == Format::Json {
                        out!("[]");
                    } else {
                        let rules: usize = p.docs.iter().map(|d| d.rules.len() + d.tables.len()).sum();
                        let cases: usize = p.docs.iter().map(|d| d.cases.len()).sum();
                        out!(
                            "ok: {} files, {} documents, {} rules and tables, {} cases, 0 errors",
                            t.files.len(),
                            p.docs.len(),
                            rules,
                            cases
                        );
                    }
                    Ok(0)
                }
                Err(diags) => {
                    if format == Format::Json {
                        out!("{}", serde_json::to_string_pretty(&regula_codegen::diag::to_json(&t.files, &diags)).unwrap_or_default());
                    } else {
                        eprint!("{}", regula_codegen::diag::render(&t.files, &diags));
                        eprintln!("error: {} error{} found", diags.len(), if diags.len() == 1 { "" } else { "s" });
                    }
                    Ok(1)
                }
            }
        }
        Command::Eval { facts, as_of, rule, explain, all, lang, format, policies } => {
            let (input, file_as_of) = read_facts(&facts)?;
            let as_of = match as_of.or(file_as_of) {
                Some(s) => regula_runtime::time::parse_date(&s).ok_or_else(|| format!("--as-of: `{s}` is not a date (YYYY-MM-DD)"))?,
                None => today(),
            };
            let decisions = match &policies {
                Some(dir) => {
                    let program = load_program(dir)?;
                    let it = Interpreter::new(&program);
                    let f = match interp::facts_from_input(&program, &input) {
                        Ok(f) => f,
                        Err(e) => return bad_facts(&e),
                    };
                    let env = interp::env(&it.calendar, as_of, true);
                    it.evaluate_all(&f, &env)
                }
                #[cfg(not(feature = "compiled"))]
                None => return Err("this regula was built without compiled rules; pass --policies DIR".into()),
                #[cfg(feature = "compiled")]
                None => {
                    let f = match regula_policies::facts::Facts::from_input(&input) {
                        Ok(f) => f,
                        Err(e) => return bad_facts(&e),
                    };
                    let env = Env { as_of, trace: true, calendar: &regula_policies::CALENDAR };
                    regula_policies::evaluate_all(&f, &env)
                }
            };
            // One rule is picked from the whole evaluation, so exclusivity groups still apply.
            let decisions = match &rule {
                Some(r) => {
                    let one: Vec<Decision> = decisions.into_iter().filter(|d| d.rule == r.as_str()).collect();
                    if one.is_empty() {
                        return Err(format!("unknown rule `{r}`; rules are named doc.rule, see `regula docs`"));
                    }
                    one
                }
                None => decisions,
            };
            if format == Format::Json {
                out!("{}", serde_json::to_string_pretty(&explain::to_json(&decisions, as_of)).unwrap_or_default());
            } else {
                outs!("{}", explain::text(&decisions, as_of, explain, all || rule.is_some(), lang == Lang::En));
            }
            Ok(0)
        }
        Command::Test { path } => {
            let program = load_program(&path)?;
            let it = Interpreter::new(&program);
            let interpreted = |input: &Input, as_of: Date| -> Result<Vec<Decision>, InputError> {
                let f = interp::facts_from_input(&program, input)?;
                Ok(it.evaluate_all(&f, &interp::env(&it.calendar, as_of, false)))
            };
            #[cfg(feature = "compiled")]
            let compiled = |input: &Input, as_of: Date| -> Result<Vec<Decision>, InputError> {
                let f = regula_policies::facts::Facts::from_input(input)?;
                Ok(regula_policies::evaluate_all(&f, &Env { as_of, trace: false, calendar: &regula_policies::CALENDAR }))
            };
            let same_tree = cfg!(feature = "compiled") && tree::same_as_compiled(&path);
            let mut failed = 0;
            #[allow(unused_mut)]
            let mut modes: Vec<(&str, &interp::EvaluateFn)> = vec![("interpreted", &interpreted)];
            #[cfg(feature = "compiled")]
            if same_tree {
                modes.push(("compiled", &compiled));
            }
            for (mode, decide) in modes {
                let (passed, failures) = interp::run_cases(&program, decide);
                let mut per_doc: std::collections::BTreeMap<&str, (usize, usize)> = Default::default();
                for d in &program.docs {
                    per_doc.insert(&d.id, (d.cases.len(), 0));
                }
                for f in &failures {
                    out!("FAIL [{mode}] {} / {} / {}: {}", f.document, f.case, f.rule, f.message);
                }
                for f in &failures {
                    if let Some(e) = per_doc.get_mut(f.document.as_str()) {
                        e.1 += 1;
                    }
                }
                let total: usize = program.docs.iter().map(|d| d.cases.len()).sum();
                out!("{mode}: {passed} of {total} cases pass");
                for (doc, (n, f)) in per_doc {
                    out!("  {doc:<14} {n:>4} cases{}", if f > 0 { format!(", {f} failed expectations") } else { String::new() });
                }
                failed += total - passed;
            }
            if !same_tree {
                out!("(compiled mode skipped: {} is not the tree regula was built from)", path.display());
            }
            Ok(if failed > 0 { 1 } else { 0 })
        }
        Command::Gen { out, path } => {
            let program = load_program(&path)?;
            regula_codegen::emit::set_sources(&tree::read(&path)?.sources);
            let files = regula_codegen::emit::emit(&program).map_err(|e| format!("code generation failed: {e}"))?;
            std::fs::create_dir_all(&out).map_err(|e| format!("{}: {e}", out.display()))?;
            for (name, text) in files {
                let p = out.join(name);
                std::fs::write(&p, text).map_err(|e| format!("{}: {e}", p.display()))?;
            }
            out!("wrote {}", out.display());
            Ok(0)
        }
        Command::Schema { out, policies } => {
            std::fs::create_dir_all(&out).map_err(|e| format!("{}: {e}", out.display()))?;
            let w = |name: &str, text: String| std::fs::write(out.join(name), text).map_err(|e| format!("{name}: {e}"));
            w("policy.schema.json", regula_codegen::schema::policy_schema())?;
            w("case.schema.json", regula_codegen::schema::case_schema())?;
            if let Ok(p) = load_program(&policies) {
                w("facts.schema.json", regula_codegen::schema::facts_schema(&p))?;
            }
            out!("wrote {}", out.display());
            Ok(0)
        }
        Command::Catalog { id, filter, policies } => {
            let program = load_program(&policies)?;
            let (doc, cat) = id.split_once('.').ok_or("name the catalog as doc.catalog")?;
            let d = program.docs.iter().find(|d| d.id == doc).ok_or_else(|| format!("unknown document `{doc}`"))?;
            let c = d.catalogs.iter().find(|c| c.id == cat).ok_or_else(|| format!("unknown catalog `{cat}`"))?;
            let mut filters = Vec::new();
            for f in &filter {
                let (k, v) = f.split_once('=').ok_or_else(|| format!("--where `{f}`: expected field=value"))?;
                let i = c.fields.iter().position(|x| x.0 == k).ok_or_else(|| format!("--where: `{k}` is not a field of {id}"))?;
                filters.push((i, v.to_string()));
            }
            out!("{}（{}）", c.title, d.number);
            let mut n = 0;
            for (vals, lines) in &c.items {
                if filters.iter().all(|(i, v)| vals.get(*i).is_some_and(|x| x.to_string().contains(v.as_str()))) {
                    n += 1;
                    let shown: Vec<String> = c.fields.iter().zip(vals).map(|(f, v)| format!("{}: {v}", f.0)).collect();
                    let at =
                        lines.map(|(a, b)| format!("  [{}:{a}-{b}]", d.source.as_ref().map_or("", |s| s.0.as_str()))).unwrap_or_default();
                    out!("- {}{at}", shown.join(" | "));
                }
            }
            out!("{n} of {} items", c.items.len());
            Ok(0)
        }
        Command::Docs { path, markdown } => {
            let program = load_program(&path)?;
            if markdown {
                out!("| id | document | level | in force | rules | cases |");
                out!("|---|---|---|---|---|---|");
            }
            for d in &program.docs {
                let window = format!("{} – {}", d.effective, d.expires.map_or_else(|| "…".to_string(), |e| e.to_string()));
                let units = d.rules.len() + d.tables.len();
                if markdown {
                    out!("| `{}` | {} {} | {} | {window} | {units} | {} |", d.id, d.number, d.title, d.level, d.cases.len());
                } else {
                    out!(
                        "{:<13} {:<24} {:<10} {window:<25} {units:>4} rules {:>4} cases  {}",
                        d.id,
                        d.number,
                        d.level,
                        d.cases.len(),
                        d.title
                    );
                }
            }
            Ok(0)
        }
        Command::Coverage { path, require } => {
            let program = load_program(&path)?;
            let t = tree::read(&path)?;
            let (report, lowest) = explain::coverage(&program, &t.sources);
            outs!("{report}");
            match require {
                Some(min) if lowest.as_ref().is_some_and(|(_, cited, total)| cited * 100 < min * total) => {
                    let (doc, cited, total) = lowest.unwrap_or_default();
                    eprintln!("error: {doc} cites {cited} of {total} lines, below the required {min}%");
                    Ok(1)
                }
                _ => Ok(0),
            }
        }
    }
}

fn bad_facts(e: &InputError) -> Result<u8, String> {
    eprintln!("error: bad facts input at `{}`: {}", e.path, e.message);
    eprintln!("help: facts are group → fact → value; see schemas/facts.schema.json");
    Ok(2)
}

fn today() -> Date {
    jiff_today().unwrap_or(regula_runtime::time::date(2020, 12, 31))
}

fn jiff_today() -> Option<Date> {
    let secs = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).ok()?.as_secs();
    let days = i64::try_from(secs / 86_400).ok()?;
    regula_runtime::time::add_calendar(regula_runtime::time::date(1970, 1, 1), days, regula_runtime::DurationUnit::Days).ok()
}

/// Loads and checks a tree, printing diagnostics on failure.
fn load_program(path: &Path) -> Result<Program, String> {
    let t = tree::read(path)?;
    t.check().map_err(|diags| {
        eprint!("{}", regula_codegen::diag::render(&t.files, &diags));
        format!("{} policy error{}; run `regula check {}`", diags.len(), if diags.len() == 1 { "" } else { "s" }, path.display())
    })
}

/// Reads facts as YAML or JSON (JSON is YAML); a top-level `as_of` is taken as the date.
fn read_facts(path: &Path) -> Result<(Input, Option<String>), String> {
    let mut text = String::new();
    if path.as_os_str() == "-" {
        std::io::stdin().read_to_string(&mut text).map_err(|e| format!("stdin: {e}"))?;
    } else {
        let bytes = std::fs::read(path).map_err(|e| format!("{}: {e}", path.display()))?;
        text = String::from_utf8(bytes).map_err(|_| format!("{}: not UTF-8 text", path.display()))?;
    }
    regula_codegen::facts_input(text.trim_start_matches('\u{feff}')).map_err(|e| format!("{}: {e}", path.display()))
}

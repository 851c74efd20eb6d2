//! The encoded policy corpus as typed Rust: one module per source document, generated at
//! build time from the YAML beside this crate by `regula-codegen`, linking only
//! `regula-runtime`.
//!
//! ```
//! use regula_policies::{evaluate_all, facts::Facts, CALENDAR};
//! use regula_runtime::{time::date, Env};
//!
//! let facts = Facts::default(); // nothing known: every rule is undetermined or out of force
//! let env = Env { as_of: date(2020, 12, 1), trace: false, calendar: &CALENDAR };
//! let decisions = evaluate_all(&facts, &env);
//! assert!(!decisions.is_empty());
//! ```

#![forbid(unsafe_code)]

include!(concat!(env!("OUT_DIR"), "/lib.rs"));

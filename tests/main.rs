//! The integration tests, one binary: policy cases in both modes and their agreement,
//! diagnostics on malformed policies, generated code, schemas and the CLI.

mod support;

mod agreement;
mod cli;
mod codegen;
mod diagnostics;
mod schemas;

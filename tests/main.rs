//! The integration tests, one binary: policy cases in both modes and their agreement,
//! diagnostics on malformed policies, generated code, schemas and the CLI.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod support;

mod agreement;
mod cli;
mod codegen;
mod diagnostics;
mod differential;
mod schemas;

//! The runtime that Regula's generated rules and its reference interpreter both call.
//!
//! Every semantic operation lives here — exact money and ratio arithmetic with explicit
//! rounding, dates and durations, the working-day calendar, three-valued logic, and the
//! construction of decisions with traces — so that compiled and interpreted evaluation cannot
//! drift apart. The crate reads no files and knows nothing of YAML.

#![forbid(unsafe_code)]

pub mod calendar;
pub mod decision;
pub mod input;
pub mod logic;
pub mod num;
pub mod ops;
pub mod time;
pub mod value;

pub use calendar::Calendar;
pub use decision::{Citation, Decision, DecisionBuilder, Env, Outcome, OutcomeKind, Reason, Status, TraceEntry, TraceStep};
pub use input::{Input, InputError};
pub use logic::{Eval, Fault, Gap, Name};
pub use num::{Decimal, Money, Ratio, Rounding, RoundingMode, RoundingUnit};
pub use time::{Date, Duration, DurationUnit};
pub use value::Value;

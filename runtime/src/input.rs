//! Facts as the caller gives them (JSON or YAML, already parsed into [`Input`]), and their
//! conversion into typed values. Generated code and the interpreter both convert through these
//! functions, so a bad field is reported identically, with its path, whichever evaluates.

use std::fmt;

use crate::num::{Decimal, Money, Ratio, parse_decimal, parse_money, parse_ratio};
use crate::time::{Date, Duration, DurationUnit, parse_date};

/// A parsed facts document: the JSON data model, with numbers kept as their source text so
/// no value passes through floating point.
#[derive(Clone, Debug, PartialEq)]
pub enum Input {
    Null,
    Bool(bool),
    Number(String),
    Text(String),
    List(Vec<Input>),
    Map(Vec<(String, Input)>),
}

/// A fact that could not be read: where (`enterprise.loans[1].principal`) and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct InputError {
    pub path: String,
    pub message: String,
}

impl fmt::Display for InputError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.path, self.message)
    }
}

impl std::error::Error for InputError {}

fn err<T>(path: &str, message: impl Into<String>) -> Result<T, InputError> {
    Err(InputError { path: path.to_string(), message: message.into() })
}

impl Input {
    fn describe(&self) -> &'static str {
        match self {
            Input::Null => "null",
            Input::Bool(_) => "a boolean",
            Input::Number(_) => "a number",
            Input::Text(_) => "a string",
            Input::List(_) => "a list",
            Input::Map(_) => "a mapping",
        }
    }
}

/// The entries of a mapping; a missing or null document is an empty mapping.
pub fn map<'a>(v: &'a Input, path: &str) -> Result<&'a [(String, Input)], InputError> {
    match v {
        Input::Map(m) => Ok(m),
        Input::Null => Ok(&[]),
        other => err(path, format!("expected a mapping, found {}", other.describe())),
    }
}

/// Reports a key that is not declared, listing what is.
pub fn unknown_field<T>(path: &str, key: &str, allowed: &[&str]) -> Result<T, InputError> {
    let p = if path.is_empty() { key.to_string() } else { format!("{path}.{key}") };
    err(&p, format!("unknown fact `{key}`; expected one of: {}", allowed.join(", ")))
}

pub fn join(path: &str, key: &str) -> String {
    if path.is_empty() { key.to_string() } else { format!("{path}.{key}") }
}

/// `None` for an explicit null (the fact is unknown), else the converted value.
pub fn optional<T>(v: &Input, f: impl FnOnce(&Input) -> Result<T, InputError>) -> Result<Option<T>, InputError> {
    match v {
        Input::Null => Ok(None),
        other => f(other).map(Some),
    }
}

pub fn bool(v: &Input, path: &str) -> Result<bool, InputError> {
    match v {
        Input::Bool(b) => Ok(*b),
        other => err(path, format!("expected true or false, found {}", other.describe())),
    }
}

pub fn integer(v: &Input, path: &str) -> Result<i64, InputError> {
    match v {
        Input::Number(n) => n.parse::<i64>().or_else(|_| err(path, format!("expected a whole number, found `{n}`"))),
        other => err(path, format!("expected a whole number, found {}", other.describe())),
    }
}

pub fn decimal(v: &Input, path: &str) -> Result<Decimal, InputError> {
    match v {
        Input::Number(n) | Input::Text(n) => match parse_decimal(n) {
            Some(d) => Ok(d),
            None => err(path, format!("expected a decimal number such as 12.5, found `{n}`")),
        },
        other => err(path, format!("expected a decimal number, found {}", other.describe())),
    }
}

/// The largest amount accepted as money: a trillion yuan, far above any amount in the corpus,
/// so absurd magnitudes are rejected at the door instead of overflowing later.
const MONEY_LIMIT: i64 = 1_000_000_000_000;

pub fn money(v: &Input, path: &str) -> Result<Money, InputError> {
    let m = match v {
        Input::Number(n) | Input::Text(n) => match parse_money(n) {
            Some(m) => m,
            None => return err(path, format!("expected an amount of money such as 5000 or \"30万元\", found `{n}`")),
        },
        other => return err(path, format!("expected an amount of money, found {}", other.describe())),
    };
    if m.0.is_sign_negative() && !m.0.is_zero() {
        return err(path, format!("a negative amount ({m}) is not a valid amount of money here"));
    }
    if m.0 > Decimal::from(MONEY_LIMIT) {
        return err(path, format!("{m} exceeds the largest accepted amount (1万亿元)"));
    }
    // Amounts people hold are exact to the fen; more digits is a unit slip or a float artefact.
    if m.0.normalize().scale() > 2 {
        return err(path, format!("`{}` is more precise than a fen; amounts of money have at most two decimal places in yuan", m.0));
    }
    Ok(m)
}

pub fn ratio(v: &Input, path: &str) -> Result<Ratio, InputError> {
    match v {
        Input::Text(n) => match parse_ratio(n) {
            Some(r) => Ok(r),
            None => err(path, format!("expected a ratio with its unit such as \"3.85%\", \"2‰\" or \"25bp\", found `{n}`")),
        },
        Input::Number(n) => err(path, format!("write a ratio with its unit, e.g. \"{n}%\"; a bare number is ambiguous")),
        other => err(path, format!("expected a ratio such as \"3.85%\", found {}", other.describe())),
    }
}

pub fn date(v: &Input, path: &str) -> Result<Date, InputError> {
    match v {
        Input::Text(s) => match parse_date(s) {
            Some(d) => Ok(d),
            None => err(path, format!("expected a date as YYYY-MM-DD, found `{s}`")),
        },
        other => err(path, format!("expected a date as YYYY-MM-DD, found {}", other.describe())),
    }
}

/// A duration in the fact's unit: a whole number, or text with the same unit (`"12个月"`).
pub fn duration(v: &Input, path: &str, unit: DurationUnit) -> Result<Duration, InputError> {
    let amount = match v {
        Input::Number(n) => n.parse::<i64>().ok(),
        Input::Text(s) => s.trim().strip_suffix(unit.suffix()).and_then(|n| n.trim().parse::<i64>().ok()),
        other => return err(path, format!("expected a number of {}, found {}", unit.suffix(), other.describe())),
    };
    match amount {
        Some(a) if (0..=1_000_000).contains(&a) => Ok(Duration::new(a, unit)),
        Some(a) => err(path, format!("{a}{} is outside the accepted range 0–1000000", unit.suffix())),
        None => err(path, format!("expected a whole number of {}", unit.suffix())),
    }
}

pub fn text(v: &Input, path: &str) -> Result<String, InputError> {
    match v {
        Input::Text(s) => Ok(s.clone()),
        other => err(path, format!("expected a string, found {}", other.describe())),
    }
}

/// An enum variant by identifier; `variants` lists the declared identifiers.
pub fn variant(v: &Input, path: &str, variants: &[&str]) -> Result<usize, InputError> {
    match v {
        Input::Text(s) => match variants.iter().position(|x| x == s) {
            Some(i) => Ok(i),
            None => err(path, format!("unknown variant `{s}`; expected one of: {}", variants.join(", "))),
        },
        other => err(path, format!("expected one of {}, found {}", variants.join(", "), other.describe())),
    }
}

pub fn list<'a>(v: &'a Input, path: &str) -> Result<&'a [Input], InputError> {
    match v {
        Input::List(items) => Ok(items),
        other => err(path, format!("expected a list, found {}", other.describe())),
    }
}

pub fn index(path: &str, i: usize) -> String {
    format!("{path}[{i}]")
}

//! Three-valued logic: a value is known, or it is a [`Gap`] — unknown because facts are
//! missing (named, so the caller learns what would decide it), or faulted (an arithmetic
//! overflow, a date outside the calendar's data). `false and unknown` is `false` (Kleene).

use std::borrow::Cow;
use std::fmt;

/// A name that generated code borrows from static strings and the interpreter owns.
pub type Name = Cow<'static, str>;

/// Why a value is not known.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Gap {
    /// The named facts are missing (in evaluation order, possibly repeated).
    Missing(Vec<Name>),
    /// The value cannot be computed from the facts given.
    Fault(Fault),
}

/// A failure that is not the caller's missing fact.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Fault {
    Overflow,
    DivisionByZero,
    /// A date operation left the range the runtime can represent.
    DateOutOfRange,
    /// A working-day computation needs a year the calendar has no data for.
    CalendarYear(i16),
    /// A parameter has no value in force on the date asked.
    NoParameterValue {
        parameter: Name,
        date: String,
    },
    /// An outcome of a rule that does not apply was used.
    Inapplicable {
        rule: Name,
    },
    /// A value of an unexpected type (cannot happen for checked policies).
    Type {
        expected: &'static str,
    },
}

impl fmt::Display for Fault {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Fault::Overflow => write!(f, "arithmetic overflow"),
            Fault::DivisionByZero => write!(f, "division by zero"),
            Fault::DateOutOfRange => write!(f, "date out of range"),
            Fault::CalendarYear(y) => write!(f, "the working-day calendar has no data for {y}"),
            Fault::NoParameterValue { parameter, date } => {
                write!(f, "parameter `{parameter}` has no value in force on {date}")
            }
            Fault::Inapplicable { rule } => {
                write!(f, "uses an outcome of `{rule}`, which does not apply")
            }
            Fault::Type { expected } => write!(f, "expected a value of type {expected}"),
        }
    }
}

/// A value that may be unknown.
pub type Eval<T> = Result<T, Gap>;

impl Gap {
    pub fn missing(name: impl Into<Name>) -> Gap {
        Gap::Missing(vec![name.into()])
    }

    /// Both operands are unknown: a fault dominates, else the missing facts accumulate.
    pub fn join(self, other: Gap) -> Gap {
        match (self, other) {
            (Gap::Fault(f), _) => Gap::Fault(f),
            (_, Gap::Fault(f)) => Gap::Fault(f),
            (Gap::Missing(mut a), Gap::Missing(b)) => {
                a.extend(b);
                Gap::Missing(a)
            }
        }
    }
}

impl From<Fault> for Gap {
    fn from(f: Fault) -> Gap {
        Gap::Fault(f)
    }
}

/// Reads an optional fact: `None` is unknown, naming the fact.
#[inline]
pub fn fact<T: Clone>(value: &Option<T>, name: &'static str) -> Eval<T> {
    match value {
        Some(v) => Ok(v.clone()),
        None => Err(Gap::Missing(vec![Cow::Borrowed(name)])),
    }
}

/// Reads an optional fact by reference (lists, sets, text).
#[inline]
pub fn fact_ref<'a, T>(value: &'a Option<T>, name: &'static str) -> Eval<&'a T> {
    match value {
        Some(v) => Ok(v),
        None => Err(Gap::Missing(vec![Cow::Borrowed(name)])),
    }
}

/// Combines two operands: both known, or the joined gap.
#[inline]
pub fn both<A, B>(a: Eval<A>, b: Eval<B>) -> Eval<(A, B)> {
    match (a, b) {
        (Ok(a), Ok(b)) => Ok((a, b)),
        (Err(g), Ok(_)) | (Ok(_), Err(g)) => Err(g),
        (Err(g), Err(h)) => Err(g.join(h)),
    }
}

/// Kleene conjunction; `b` is not evaluated when `a` is false.
#[inline]
pub fn and(a: Eval<bool>, b: impl FnOnce() -> Eval<bool>) -> Eval<bool> {
    match a {
        Ok(false) => Ok(false),
        Ok(true) => b(),
        Err(g) => match b() {
            Ok(false) => Ok(false),
            Ok(true) => Err(g),
            Err(h) => Err(g.join(h)),
        },
    }
}

/// Kleene disjunction; `b` is not evaluated when `a` is true.
#[inline]
pub fn or(a: Eval<bool>, b: impl FnOnce() -> Eval<bool>) -> Eval<bool> {
    match a {
        Ok(true) => Ok(true),
        Ok(false) => b(),
        Err(g) => match b() {
            Ok(true) => Ok(true),
            Ok(false) => Err(g),
            Err(h) => Err(g.join(h)),
        },
    }
}

#[inline]
pub fn not(a: Eval<bool>) -> Eval<bool> {
    a.map(|v| !v)
}

/// `if c then a else b`: only the chosen branch is evaluated.
#[inline]
pub fn cond<T>(c: Eval<bool>, a: impl FnOnce() -> Eval<T>, b: impl FnOnce() -> Eval<T>) -> Eval<T> {
    match c {
        Ok(true) => a(),
        Ok(false) => b(),
        Err(g) => Err(g),
    }
}

/// `coalesce(a, b)`: `a` if known, else `b`; a fault in `a` is not hidden.
#[inline]
pub fn coalesce<T>(a: Eval<T>, b: impl FnOnce() -> Eval<T>) -> Eval<T> {
    match a {
        Ok(v) => Ok(v),
        Err(Gap::Fault(f)) => Err(Gap::Fault(f)),
        Err(Gap::Missing(m)) => b().map_err(|g| Gap::Missing(m).join(g)),
    }
}

/// `is_known(a)`: whether `a` is known; a fault is still a fault.
#[inline]
pub fn is_known<T>(a: Eval<T>) -> Eval<bool> {
    match a {
        Ok(_) => Ok(true),
        Err(Gap::Missing(_)) => Ok(false),
        Err(Gap::Fault(f)) => Err(Gap::Fault(f)),
    }
}

/// Folds a list element by element, accumulating gaps so every missing fact is named.
pub fn fold<T, A>(items: &[T], init: A, mut step: impl FnMut(A, &T) -> Eval<A>) -> Eval<A>
where
    A: Clone,
{
    let mut acc = init;
    let mut gap: Option<Gap> = None;
    for item in items {
        match step(acc.clone(), item) {
            Ok(next) => acc = next,
            Err(g) => {
                gap = Some(match gap {
                    None => g,
                    Some(prev) => prev.join(g),
                })
            }
        }
    }
    match gap {
        None => Ok(acc),
        Some(g) => Err(g),
    }
}

/// `any(x in xs: p)`: true if some element is true; unknown elements keep it open.
pub fn any<T>(items: &[T], mut p: impl FnMut(&T) -> Eval<bool>) -> Eval<bool> {
    let mut acc: Eval<bool> = Ok(false);
    for item in items {
        let v = p(item);
        acc = or(acc, || v);
        if acc == Ok(true) {
            return acc;
        }
    }
    acc
}

/// `all(x in xs: p)`: true if every element is true.
pub fn all<T>(items: &[T], mut p: impl FnMut(&T) -> Eval<bool>) -> Eval<bool> {
    let mut acc: Eval<bool> = Ok(true);
    for item in items {
        let v = p(item);
        acc = and(acc, || v);
        if acc == Ok(false) {
            return acc;
        }
    }
    acc
}

/// `count(x in xs: p)`: how many elements are true; unknown if any is unknown.
pub fn count<T>(items: &[T], mut p: impl FnMut(&T) -> Eval<bool>) -> Eval<i64> {
    fold(items, 0i64, |n, item| p(item).map(|b| if b { n + 1 } else { n }))
}

/// `map(x in xs: e)`.
pub fn map<T, U>(items: &[T], mut f: impl FnMut(&T) -> Eval<U>) -> Eval<Vec<U>> {
    let mut out = Vec::with_capacity(items.len());
    let mut gap: Option<Gap> = None;
    for item in items {
        match f(item) {
            Ok(v) => out.push(v),
            Err(g) => {
                gap = Some(match gap {
                    None => g,
                    Some(prev) => prev.join(g),
                })
            }
        }
    }
    match gap {
        None => Ok(out),
        Some(g) => Err(g),
    }
}

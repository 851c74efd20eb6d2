//! Typed operations over possibly-unknown values, called by generated code. The interpreter
//! calls the same arithmetic ([`crate::num`], [`crate::time`], [`crate::Calendar`]) on dynamic
//! values, so an operation has one definition.

use std::borrow::Cow;

use crate::calendar::Calendar;
use crate::logic::{Eval, Fault, Gap, both};
use crate::num::{self, Decimal, Money, Ratio, Rounding};
use crate::time::{self, Date, Duration, DurationUnit};

/// The numeric kinds that arithmetic mixes: money, ratio, decimal.
pub trait Num: Copy {
    fn dec(self) -> Decimal;
    fn from_dec(d: Decimal) -> Self;
}
impl Num for Money {
    fn dec(self) -> Decimal {
        self.0
    }
    fn from_dec(d: Decimal) -> Self {
        Money(d)
    }
}
impl Num for Ratio {
    fn dec(self) -> Decimal {
        self.0
    }
    fn from_dec(d: Decimal) -> Self {
        Ratio(d)
    }
}
impl Num for Decimal {
    fn dec(self) -> Decimal {
        self
    }
    fn from_dec(d: Decimal) -> Self {
        d
    }
}

fn lift2<A, B, R>(a: Eval<A>, b: Eval<B>, f: impl FnOnce(A, B) -> Result<R, Fault>) -> Eval<R> {
    let (a, b) = both(a, b)?;
    f(a, b).map_err(Gap::Fault)
}

pub fn add<T: Num>(a: Eval<T>, b: Eval<T>) -> Eval<T> {
    lift2(a, b, |a, b| num::add(a.dec(), b.dec()).map(T::from_dec))
}
pub fn sub<T: Num>(a: Eval<T>, b: Eval<T>) -> Eval<T> {
    lift2(a, b, |a, b| num::sub(a.dec(), b.dec()).map(T::from_dec))
}
pub fn mul<A: Num, B: Num, R: Num>(a: Eval<A>, b: Eval<B>) -> Eval<R> {
    lift2(a, b, |a, b| num::mul(a.dec(), b.dec()).map(R::from_dec))
}
pub fn div<A: Num, B: Num, R: Num>(a: Eval<A>, b: Eval<B>) -> Eval<R> {
    lift2(a, b, |a, b| num::div(a.dec(), b.dec()).map(R::from_dec))
}
pub fn neg<T: Num>(a: Eval<T>) -> Eval<T> {
    a.map(|a| T::from_dec(-a.dec()))
}
pub fn int_add(a: Eval<i64>, b: Eval<i64>) -> Eval<i64> {
    lift2(a, b, num::int_add)
}
pub fn int_sub(a: Eval<i64>, b: Eval<i64>) -> Eval<i64> {
    lift2(a, b, num::int_sub)
}
pub fn int_mul(a: Eval<i64>, b: Eval<i64>) -> Eval<i64> {
    lift2(a, b, num::int_mul)
}
pub fn int_div(a: Eval<i64>, b: Eval<i64>) -> Eval<Decimal> {
    lift2(a, b, num::int_div)
}
pub fn int_neg(a: Eval<i64>) -> Eval<i64> {
    a.and_then(|a| a.checked_neg().ok_or(Gap::Fault(Fault::Overflow)))
}
pub fn to_decimal(a: Eval<i64>) -> Eval<Decimal> {
    a.map(Decimal::from)
}

/// `date ± duration`; working days count on the calendar.
pub fn date_add(cal: &Calendar, d: Eval<Date>, dur: Eval<Duration>, sign: i64) -> Eval<Date> {
    lift2(d, dur, |d, dur| shift_date(cal, d, dur, sign))
}

/// Moves a date by a signed duration (one definition for generated code and interpreter).
pub fn shift_date(cal: &Calendar, d: Date, dur: Duration, sign: i64) -> Result<Date, Fault> {
    let n = dur.amount.checked_mul(sign).ok_or(Fault::Overflow)?;
    match dur.unit {
        DurationUnit::WorkingDays => cal.add_working_days(d, n),
        unit => time::add_calendar(d, n, unit),
    }
}

/// `date - date`: whole days.
pub fn date_diff(a: Eval<Date>, b: Eval<Date>) -> Eval<Duration> {
    lift2(a, b, |a, b| time::days_between(b, a).map(|n| Duration::new(n, DurationUnit::Days)))
}

pub fn dur_add(a: Eval<Duration>, b: Eval<Duration>) -> Eval<Duration> {
    lift2(a, b, |a, b| num::int_add(a.amount, b.amount).map(|n| Duration::new(n, a.unit)))
}
pub fn dur_sub(a: Eval<Duration>, b: Eval<Duration>) -> Eval<Duration> {
    lift2(a, b, |a, b| num::int_sub(a.amount, b.amount).map(|n| Duration::new(n, a.unit)))
}
pub fn dur_div(a: Eval<Duration>, b: Eval<Duration>) -> Eval<Decimal> {
    lift2(a, b, |a, b| num::int_div(a.amount, b.amount))
}
pub fn dur_mul(a: Eval<Duration>, b: Eval<i64>) -> Eval<Duration> {
    lift2(a, b, |a, b| num::int_mul(a.amount, b).map(|n| Duration::new(n, a.unit)))
}

pub fn eq<T: PartialEq>(a: Eval<T>, b: Eval<T>) -> Eval<bool> {
    both(a, b).map(|(a, b)| a == b)
}
pub fn ne<T: PartialEq>(a: Eval<T>, b: Eval<T>) -> Eval<bool> {
    both(a, b).map(|(a, b)| a != b)
}
pub fn lt<T: PartialOrd>(a: Eval<T>, b: Eval<T>) -> Eval<bool> {
    both(a, b).map(|(a, b)| a < b)
}
pub fn le<T: PartialOrd>(a: Eval<T>, b: Eval<T>) -> Eval<bool> {
    both(a, b).map(|(a, b)| a <= b)
}
pub fn gt<T: PartialOrd>(a: Eval<T>, b: Eval<T>) -> Eval<bool> {
    both(a, b).map(|(a, b)| a > b)
}
pub fn ge<T: PartialOrd>(a: Eval<T>, b: Eval<T>) -> Eval<bool> {
    both(a, b).map(|(a, b)| a >= b)
}

/// `x in [a, b, …]`.
pub fn one_of<T: PartialEq>(x: Eval<T>, items: impl IntoIterator<Item = Eval<T>>) -> Eval<bool> {
    let x = x?;
    let mut gap: Option<Gap> = None;
    for item in items {
        match item {
            Ok(v) if v == x => return Ok(true),
            Ok(_) => {}
            Err(g) => gap = Some(gap.map_or(g.clone(), |p| p.join(g))),
        }
    }
    gap.map_or(Ok(false), Err)
}

/// `set contains x`.
pub fn contains<T: PartialEq>(set: Eval<&Vec<T>>, x: Eval<T>) -> Eval<bool> {
    both(set, x).map(|(s, x)| s.contains(&x))
}

/// `min(a, b, …)`: unknown if any argument is unknown.
pub fn min<T: PartialOrd>(items: Vec<Eval<T>>) -> Eval<T> {
    extreme_by(items, |best, v| Ok(v < best))
}
pub fn max<T: PartialOrd>(items: Vec<Eval<T>>) -> Eval<T> {
    extreme_by(items, |best, v| Ok(v > best))
}

/// The item `better(best, v)` prefers over all others; unknown if any item is unknown. The one
/// definition of `min`/`max`, for typed values and (with a fallible comparison) dynamic ones.
pub fn extreme_by<T>(items: Vec<Eval<T>>, better: impl Fn(&T, &T) -> Result<bool, Fault>) -> Eval<T> {
    let mut best: Option<T> = None;
    let mut gap: Option<Gap> = None;
    for item in items {
        match item {
            Ok(v) => {
                let replace = match &best {
                    None => true,
                    Some(b) => better(b, &v).map_err(Gap::Fault)?,
                };
                if replace {
                    best = Some(v);
                }
            }
            Err(g) => gap = Some(gap.map_or(g.clone(), |p| p.join(g))),
        }
    }
    match (gap, best) {
        (Some(g), _) => Err(g),
        (None, Some(b)) => Ok(b),
        (None, None) => Err(Gap::Fault(Fault::Type { expected: "at least one value" })),
    }
}

/// `sum(x in xs: e)` over numbers of one kind.
pub fn sum<T: Num, I>(items: &[I], mut f: impl FnMut(&I) -> Eval<T>) -> Eval<T> {
    crate::logic::fold(items, T::from_dec(Decimal::ZERO), |acc, item| {
        let v = f(item)?;
        num::add(acc.dec(), v.dec()).map(T::from_dec).map_err(Gap::Fault)
    })
}
pub fn int_sum<I>(items: &[I], mut f: impl FnMut(&I) -> Eval<i64>) -> Eval<i64> {
    crate::logic::fold(items, 0i64, |acc, item| num::int_add(acc, f(item)?).map_err(Gap::Fault))
}

/// The value of a parameter in force on `at`: the last entry whose start is on or before it.
pub fn param_at<T: Copy>(name: &'static str, values: &[(Date, T)], at: Eval<Date>) -> Eval<T> {
    let at = at?;
    param_lookup(values, at).ok_or_else(|| Gap::Fault(Fault::NoParameterValue { parameter: Cow::Borrowed(name), date: at.to_string() }))
}

/// One definition of "the value in force on a date" for generated code and interpreter.
pub fn param_lookup<T: Copy>(values: &[(Date, T)], at: Date) -> Option<T> {
    let i = values.partition_point(|(from, _)| *from <= at);
    i.checked_sub(1).and_then(|i| values.get(i)).map(|(_, v)| *v)
}

pub fn next_working_day(cal: &Calendar, d: Eval<Date>) -> Eval<Date> {
    d.and_then(|d| cal.next_working_day(d).map_err(Gap::Fault))
}
pub fn make_date(y: Eval<i64>, m: Eval<i64>, d: Eval<i64>) -> Eval<Date> {
    let ((y, m), d) = both(both(y, m), d)?;
    time::make_date(y, m, d).map_err(Gap::Fault)
}
pub fn working_days_between(cal: &Calendar, a: Eval<Date>, b: Eval<Date>) -> Eval<i64> {
    lift2(a, b, |a, b| cal.working_days_between(a, b))
}
pub fn quarter_start(d: Eval<Date>) -> Eval<Date> {
    d.map(time::quarter_start)
}
pub fn year(d: Eval<Date>) -> Eval<i64> {
    d.map(|d| i64::from(d.year()))
}
pub fn month(d: Eval<Date>) -> Eval<i64> {
    d.map(|d| i64::from(d.month()))
}
pub fn round(m: Eval<Money>, r: Rounding) -> Eval<Money> {
    m.map(|m| num::round(m, r))
}

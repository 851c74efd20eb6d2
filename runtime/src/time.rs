//! Dates and durations, with the counting conventions of the Civil Code (民法典).
//!
//! `d + N天` is the last day of a period of N days that starts the day after `d` (art. 201),
//! so "within 30 days of delivery" ends on `delivery + 30天`. `d + N个月` keeps the day of
//! month and clamps to the month's end (2020-08-31 + 6个月 = 2021-02-28). Working days need the
//! calendar and live in [`crate::calendar`].

use std::fmt;

use crate::logic::Fault;

pub use jiff::civil::Date;

/// The unit of a duration. Durations of different units never mix implicitly.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum DurationUnit {
    Days,
    Months,
    Years,
    WorkingDays,
}

impl DurationUnit {
    pub const fn suffix(self) -> &'static str {
        match self {
            DurationUnit::Days => "天",
            DurationUnit::Months => "个月",
            DurationUnit::Years => "年",
            DurationUnit::WorkingDays => "个工作日",
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Duration {
    pub amount: i64,
    pub unit: DurationUnit,
}

impl Duration {
    pub const fn new(amount: i64, unit: DurationUnit) -> Duration {
        Duration { amount, unit }
    }
}

impl fmt::Display for Duration {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}{}", self.amount, self.unit.suffix())
    }
}

/// A date literal in a `const` context; the caller guarantees validity (the checker did).
pub const fn date(year: i16, month: i8, day: i8) -> Date {
    Date::constant(year, month, day)
}

/// Adds calendar days, months or years. Working days go through [`crate::Calendar`].
pub fn add_calendar(d: Date, amount: i64, unit: DurationUnit) -> Result<Date, Fault> {
    let span = match unit {
        DurationUnit::Days => jiff::Span::new().try_days(amount),
        DurationUnit::Months => jiff::Span::new().try_months(amount),
        DurationUnit::Years => jiff::Span::new().try_years(amount),
        DurationUnit::WorkingDays => return Err(Fault::Type { expected: "calendar duration" }),
    }
    .map_err(|_| Fault::DateOutOfRange)?;
    d.checked_add(span).map_err(|_| Fault::DateOutOfRange)
}

/// Whole days from `a` to `b` (negative when `b` is earlier).
pub fn days_between(a: Date, b: Date) -> Result<i64, Fault> {
    let span = a.until((jiff::Unit::Day, b)).map_err(|_| Fault::DateOutOfRange)?;
    Ok(i64::from(span.get_days()))
}

/// The first day of the quarter `d` falls in.
pub fn quarter_start(d: Date) -> Date {
    let month = ((d.month() - 1) / 3) * 3 + 1;
    Date::constant(d.year(), month, 1)
}

/// The date with these parts, or a fault when they name no day (2021-02-29).
pub fn make_date(year: i64, month: i64, day: i64) -> Result<Date, Fault> {
    let (y, m, d) = (
        i16::try_from(year).map_err(|_| Fault::DateOutOfRange)?,
        i8::try_from(month).map_err(|_| Fault::DateOutOfRange)?,
        i8::try_from(day).map_err(|_| Fault::DateOutOfRange)?,
    );
    Date::new(y, m, d).map_err(|_| Fault::DateOutOfRange)
}

/// Parses `YYYY-MM-DD` (ASCII or full-width digits).
pub fn parse_date(s: &str) -> Option<Date> {
    let s = crate::num::halfwidth(s.trim());
    let b = s.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let y: i16 = s.get(0..4)?.parse().ok()?;
    let m: i8 = s.get(5..7)?.parse().ok()?;
    let d: i8 = s.get(8..10)?.parse().ok()?;
    Date::new(y, m, d).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn months_clamp_to_month_end() {
        let d = date(2020, 8, 31);
        assert_eq!(add_calendar(d, 6, DurationUnit::Months), Ok(date(2021, 2, 28)));
        assert_eq!(add_calendar(date(2019, 9, 1), 12, DurationUnit::Months), Ok(date(2020, 9, 1)));
        assert_eq!(add_calendar(date(2020, 2, 29), 1, DurationUnit::Years), Ok(date(2021, 2, 28)));
    }

    #[test]
    fn day_periods_start_the_day_after() {
        // 30 days from delivery on 2020-09-01 end on 2020-10-01.
        assert_eq!(add_calendar(date(2020, 9, 1), 30, DurationUnit::Days), Ok(date(2020, 10, 1)));
        assert_eq!(days_between(date(2020, 9, 1), date(2020, 10, 1)), Ok(30));
    }

    #[test]
    fn parse_rejects_bad_dates() {
        assert_eq!(parse_date("2020-02-30"), None);
        assert_eq!(parse_date("2020-2-3"), None);
        assert_eq!(parse_date("２０２０-０１-０１"), Some(date(2020, 1, 1)));
        assert_eq!(quarter_start(date(2020, 11, 5)), date(2020, 10, 1));
        assert_eq!(make_date(2020, 2, 29), Ok(date(2020, 2, 29)));
        assert_eq!(make_date(2021, 2, 29), Err(Fault::DateOutOfRange));
        assert_eq!(make_date(100_000, 1, 1), Err(Fault::DateOutOfRange));
    }

    #[test]
    fn far_dates_fault_instead_of_panicking() {
        assert_eq!(add_calendar(date(9999, 12, 31), 1, DurationUnit::Days), Err(Fault::DateOutOfRange));
        assert!(add_calendar(date(2020, 1, 1), i64::MAX, DurationUnit::Months).is_err());
    }
}

//! The official working-day calendar: statutory holidays and make-up working days, per year,
//! as published each year by the General Office of the State Council.
//!
//! A day is a working day when it is a make-up working day, or a Monday–Friday that is not a
//! holiday. Years outside the data are a [`Fault`], never a guess: a deadline counted in
//! working days in an unknown year is reported as undetermined.

use std::borrow::Cow;

use jiff::civil::Weekday;

use crate::logic::Fault;
use crate::time::Date;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Calendar {
    /// First and last year with data, inclusive.
    pub years: (i16, i16),
    /// Days off that would otherwise be working days or weekend days inside a break; sorted.
    pub holidays: Cow<'static, [Date]>,
    /// Weekend days that are working days; sorted.
    pub workdays: Cow<'static, [Date]>,
}

impl Calendar {
    pub const fn new(years: (i16, i16), holidays: &'static [Date], workdays: &'static [Date]) -> Calendar {
        Calendar { years, holidays: Cow::Borrowed(holidays), workdays: Cow::Borrowed(workdays) }
    }

    pub fn owned(years: (i16, i16), mut holidays: Vec<Date>, mut workdays: Vec<Date>) -> Calendar {
        holidays.sort();
        workdays.sort();
        Calendar { years, holidays: Cow::Owned(holidays), workdays: Cow::Owned(workdays) }
    }

    fn covers(&self, d: Date) -> Result<(), Fault> {
        if d.year() < self.years.0 || d.year() > self.years.1 { Err(Fault::CalendarYear(d.year())) } else { Ok(()) }
    }

    pub fn is_working_day(&self, d: Date) -> Result<bool, Fault> {
        self.covers(d)?;
        if self.workdays.binary_search(&d).is_ok() {
            return Ok(true);
        }
        if self.holidays.binary_search(&d).is_ok() {
            return Ok(false);
        }
        Ok(!matches!(d.weekday(), Weekday::Saturday | Weekday::Sunday))
    }

    /// `d` if it is a working day, else the next working day (民法典 art. 203).
    pub fn next_working_day(&self, d: Date) -> Result<Date, Fault> {
        let mut day = d;
        while !self.is_working_day(day)? {
            day = day.tomorrow().map_err(|_| Fault::DateOutOfRange)?;
        }
        Ok(day)
    }

    /// Working days `d` with `a < d <= b` (negative when `b` is before `a`): how many working
    /// days after `a` have passed by `b`.
    pub fn working_days_between(&self, a: Date, b: Date) -> Result<i64, Fault> {
        let (lo, hi, sign) = if a <= b { (a, b, 1) } else { (b, a, -1) };
        let mut n = 0i64;
        let mut day = lo;
        while day < hi {
            day = day.tomorrow().map_err(|_| Fault::DateOutOfRange)?;
            if self.is_working_day(day)? {
                n += 1;
            }
        }
        Ok(sign * n)
    }

    /// The day on which N working days counted from the day after `d` are complete.
    /// Negative N counts backwards. Zero is `d` itself.
    pub fn add_working_days(&self, d: Date, n: i64) -> Result<Date, Fault> {
        let mut day = d;
        let mut left = n.unsigned_abs();
        while left > 0 {
            day = if n > 0 { day.tomorrow() } else { day.yesterday() }.map_err(|_| Fault::DateOutOfRange)?;
            if self.is_working_day(day)? {
                left -= 1;
            }
        }
        Ok(day)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::time::date;

    static HOLIDAYS: [Date; 3] = [date(2020, 10, 1), date(2020, 10, 2), date(2020, 10, 5)];
    static WORKDAYS: [Date; 1] = [date(2020, 10, 10)];

    #[test]
    fn counts_working_days_across_holidays_and_make_up_days() {
        let cal = Calendar::new((2020, 2020), &HOLIDAYS, &WORKDAYS);
        // Wed 30 Sep + 1 working day: 1 Oct (Thu) holiday, 2 Oct holiday, 3-4 weekend,
        // 5 Oct holiday, 6 Oct Tuesday.
        assert_eq!(cal.add_working_days(date(2020, 9, 30), 1), Ok(date(2020, 10, 6)));
        assert_eq!(cal.is_working_day(date(2020, 10, 10)), Ok(true));
        assert_eq!(cal.next_working_day(date(2020, 10, 3)), Ok(date(2020, 10, 6)));
        assert_eq!(cal.next_working_day(date(2020, 10, 6)), Ok(date(2020, 10, 6)));
        assert_eq!(cal.add_working_days(date(2020, 12, 30), 5), Err(Fault::CalendarYear(2021)));
        assert_eq!(cal.working_days_between(date(2020, 9, 30), date(2020, 10, 6)), Ok(1));
        assert_eq!(cal.working_days_between(date(2020, 10, 6), date(2020, 9, 30)), Ok(-1));
        assert_eq!(cal.working_days_between(date(2020, 10, 6), date(2020, 10, 6)), Ok(0));
    }
}

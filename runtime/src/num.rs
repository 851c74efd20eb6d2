//! Exact numbers: money in yuan, ratios as fractions, plain decimals and integers.
//!
//! Nothing here passes through floating point. Every operation that can overflow returns a
//! [`Fault`] instead of panicking or wrapping, and rounding happens only where a rule asks for
//! it, to a named unit with a named mode. Literal parsing (`30万元`, `3.85%`, `2‰`, `25bp`)
//! also lives here so the expression parser and the facts reader accept the same spellings.

use std::fmt;

pub use rust_decimal::Decimal;
use rust_decimal::RoundingStrategy;

use crate::logic::Fault;

/// An amount of money in yuan, exact.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Money(pub Decimal);

/// A ratio as a fraction: 3.85% is `Ratio(0.0385)`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Ratio(pub Decimal);

/// Builds a decimal from a mantissa and a scale in a `const` context. The mantissa is a
/// [`Decimal::mantissa`], so it fits the 96 bits a `Decimal` holds (generated code writes
/// literals this way, up to 28 digits); bits above 96 would be dropped.
#[inline]
pub const fn decimal(mantissa: i128, scale: u32) -> Decimal {
    let negative = mantissa < 0;
    let abs = mantissa.unsigned_abs();
    Decimal::from_parts(abs as u32, (abs >> 32) as u32, (abs >> 64) as u32, negative, scale)
}

impl Money {
    pub const ZERO: Money = Money(Decimal::ZERO);

    /// `Money::from_scaled(1155, 2)` is 11.55 yuan.
    #[inline]
    pub const fn from_scaled(mantissa: i128, scale: u32) -> Money {
        Money(decimal(mantissa, scale))
    }
}

impl Ratio {
    /// `Ratio::from_scaled(385, 4)` is 3.85%.
    #[inline]
    pub const fn from_scaled(mantissa: i128, scale: u32) -> Ratio {
        Ratio(decimal(mantissa, scale))
    }
}

fn ok(d: Option<Decimal>) -> Result<Decimal, Fault> {
    d.ok_or(Fault::Overflow)
}

pub fn add(a: Decimal, b: Decimal) -> Result<Decimal, Fault> {
    ok(a.checked_add(b))
}
pub fn sub(a: Decimal, b: Decimal) -> Result<Decimal, Fault> {
    ok(a.checked_sub(b))
}
pub fn mul(a: Decimal, b: Decimal) -> Result<Decimal, Fault> {
    ok(a.checked_mul(b))
}
pub fn div(a: Decimal, b: Decimal) -> Result<Decimal, Fault> {
    if b.is_zero() {
        return Err(Fault::DivisionByZero);
    }
    ok(a.checked_div(b))
}
pub fn int_add(a: i64, b: i64) -> Result<i64, Fault> {
    a.checked_add(b).ok_or(Fault::Overflow)
}
pub fn int_sub(a: i64, b: i64) -> Result<i64, Fault> {
    a.checked_sub(b).ok_or(Fault::Overflow)
}
pub fn int_mul(a: i64, b: i64) -> Result<i64, Fault> {
    a.checked_mul(b).ok_or(Fault::Overflow)
}
/// Integer division yields an exact decimal: 7 / 2 is 3.5.
pub fn int_div(a: i64, b: i64) -> Result<Decimal, Fault> {
    div(Decimal::from(a), Decimal::from(b))
}

/// The unit a rounding step rounds to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum RoundingUnit {
    Yuan,
    Jiao,
    Fen,
}

/// How a rounding step breaks ties and remainders.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum RoundingMode {
    /// 四舍五入: half away from zero.
    HalfUp,
    /// Banker's rounding.
    HalfEven,
    /// Toward zero (舍去).
    Down,
    /// Away from zero (进一).
    Up,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Rounding {
    pub unit: RoundingUnit,
    pub mode: RoundingMode,
}

impl Rounding {
    pub const fn new(unit: RoundingUnit, mode: RoundingMode) -> Rounding {
        Rounding { unit, mode }
    }
}

/// Rounds money to the unit with the mode.
pub fn round(m: Money, r: Rounding) -> Money {
    let dp = match r.unit {
        RoundingUnit::Yuan => 0,
        RoundingUnit::Jiao => 1,
        RoundingUnit::Fen => 2,
    };
    let strategy = match r.mode {
        RoundingMode::HalfUp => RoundingStrategy::MidpointAwayFromZero,
        RoundingMode::HalfEven => RoundingStrategy::MidpointNearestEven,
        RoundingMode::Down => RoundingStrategy::ToZero,
        RoundingMode::Up => RoundingStrategy::AwayFromZero,
    };
    Money(m.0.round_dp_with_strategy(dp, strategy))
}

/// Writes a decimal without trailing zeros (`57750`, `1.155`).
pub fn plain(d: Decimal) -> String {
    d.normalize().to_string()
}

impl fmt::Display for Money {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}元", plain(self.0))
    }
}

impl fmt::Display for Ratio {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let pct = self.0.checked_mul(Decimal::ONE_HUNDRED).unwrap_or(self.0);
        write!(f, "{}%", plain(pct))
    }
}

/// Maps full-width digits and signs to ASCII, so `３０万元` reads as `30万元`.
pub fn halfwidth(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            '０'..='９' => char::from(b'0' + (c as u32 - '０' as u32) as u8),
            '．' => '.',
            '％' => '%',
            '－' => '-',
            '，' => ',',
            _ => c,
        })
        .collect()
}

/// Parses a plain decimal number: digits, optional sign, optional fraction, optional `,`
/// thousands separators. No exponent, no floating point.
pub fn parse_decimal(s: &str) -> Option<Decimal> {
    let s: String = s.chars().filter(|c| *c != ',').collect();
    let body = s.strip_prefix('-').unwrap_or(&s);
    if body.is_empty()
        || !body.chars().all(|c| c.is_ascii_digit() || c == '.')
        || body.starts_with('.')
        || body.ends_with('.')
        || body.matches('.').count() > 1
    {
        return None;
    }
    s.parse::<Decimal>().ok()
}

/// Parses money: `5000`, `5000元`, `300万元`, `1.5亿元`, `1万亿元`.
pub fn parse_money(s: &str) -> Option<Money> {
    let s = halfwidth(s.trim());
    let (num, scale) = if let Some(n) = s.strip_suffix("万亿元") {
        (n, decimal(1_000_000_000_000, 0))
    } else if let Some(n) = s.strip_suffix("亿元") {
        (n, decimal(100_000_000, 0))
    } else if let Some(n) = s.strip_suffix("万元") {
        (n, decimal(10_000, 0))
    } else if let Some(n) = s.strip_suffix('元') {
        (n, Decimal::ONE)
    } else {
        (s.as_str(), Decimal::ONE)
    };
    let n = parse_decimal(num.trim())?;
    n.checked_mul(scale).map(Money)
}

/// Parses a ratio with its unit: `3.85%`, `2‰`, `25bp`.
pub fn parse_ratio(s: &str) -> Option<Ratio> {
    let s = halfwidth(s.trim());
    let (num, div) = if let Some(n) = s.strip_suffix('%') {
        (n, 100)
    } else if let Some(n) = s.strip_suffix('‰') {
        (n, 1000)
    } else if let Some(n) = s.strip_suffix("bp") {
        (n, 10_000)
    } else {
        return None;
    };
    let n = parse_decimal(num.trim())?;
    n.checked_div(Decimal::from(div)).map(Ratio)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn literals_scale_exactly() {
        assert_eq!(parse_money("30万元"), Some(Money::from_scaled(300_000, 0)));
        assert_eq!(parse_money("１，０００万元"), Some(Money::from_scaled(10_000_000, 0)));
        assert_eq!(parse_money("1.5亿元"), Some(Money::from_scaled(150_000_000, 0)));
        assert_eq!(parse_money("1万亿元"), Some(Money::from_scaled(1_000_000_000_000, 0)));
        assert_eq!(parse_money("0.1元"), Some(Money::from_scaled(1, 1)));
        assert_eq!(parse_ratio("3.85%"), Some(Ratio::from_scaled(385, 4)));
        assert_eq!(parse_ratio("2‰"), Some(Ratio::from_scaled(2, 3)));
        assert_eq!(parse_ratio("25bp"), Some(Ratio::from_scaled(25, 4)));
        assert_eq!(parse_money("1e5"), None);
        assert_eq!(parse_money("abc"), None);
        assert_eq!(parse_ratio("3.85"), None);
    }

    #[test]
    fn decimal_takes_every_mantissa_a_decimal_has() {
        for text in ["0", "-1", "50505550500.101111010", "79228162514264337593543950335", "-7.9228162514264337593543950335"] {
            let d: Decimal = text.parse().unwrap();
            assert_eq!(decimal(d.mantissa(), d.scale()), d, "{text}");
        }
    }

    #[test]
    fn rounding_is_explicit() {
        let m = Money::from_scaled(12345, 3); // 12.345
        assert_eq!(round(m, Rounding::new(RoundingUnit::Fen, RoundingMode::HalfUp)), Money::from_scaled(1235, 2));
        assert_eq!(round(m, Rounding::new(RoundingUnit::Fen, RoundingMode::HalfEven)), Money::from_scaled(1234, 2));
        assert_eq!(round(m, Rounding::new(RoundingUnit::Fen, RoundingMode::Down)), Money::from_scaled(1234, 2));
        assert_eq!(round(m, Rounding::new(RoundingUnit::Yuan, RoundingMode::Up)), Money::from_scaled(13, 0));
        let neg = Money::from_scaled(-125, 2);
        assert_eq!(round(neg, Rounding::new(RoundingUnit::Jiao, RoundingMode::HalfUp)), Money::from_scaled(-13, 1));
    }

    #[test]
    fn overflow_is_a_fault_not_a_panic() {
        assert_eq!(mul(Decimal::MAX, Decimal::TWO), Err(Fault::Overflow));
        assert_eq!(div(Decimal::ONE, Decimal::ZERO), Err(Fault::DivisionByZero));
        assert_eq!(int_add(i64::MAX, 1), Err(Fault::Overflow));
    }

    #[test]
    fn subsidy_formula_is_exact() {
        // 5,000,000 × 30% × 3.85% = 57,750 exactly.
        let p = Money::from_scaled(5_000_000, 0).0;
        let r = mul(mul(p, Ratio::from_scaled(30, 2).0).unwrap_or_default(), Ratio::from_scaled(385, 4).0);
        assert_eq!(r, Ok(decimal(57_750, 0)));
    }
}

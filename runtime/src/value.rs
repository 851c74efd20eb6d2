//! The dynamic value: what a decision's outcomes hold, what a trace shows, and what the
//! reference interpreter computes with. Generated code computes with typed Rust values and
//! converts to [`Value`] only at the edge, so both paths produce the same decisions.

use std::cmp::Ordering;
use std::fmt;

use crate::logic::{Eval, Fault, Gap, Name};
use crate::num::{Decimal, Money, Ratio, plain};
use crate::time::{Date, Duration};

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Value {
    Bool(bool),
    Int(i64),
    Decimal(Decimal),
    Money(Money),
    Ratio(Ratio),
    Date(Date),
    Duration(Duration),
    /// An enum variant by its identifier.
    Enum(Name),
    Text(String),
    /// A set of enum variants, sorted by declaration order.
    Set(Vec<Name>),
    List(Vec<Value>),
    /// A record's fields in declaration order; `None` is a missing field.
    Record(Vec<Option<Value>>),
}

impl Value {
    pub fn type_name(&self) -> &'static str {
        match self {
            Value::Bool(_) => "bool",
            Value::Int(_) => "integer",
            Value::Decimal(_) => "decimal",
            Value::Money(_) => "money",
            Value::Ratio(_) => "ratio",
            Value::Date(_) => "date",
            Value::Duration(_) => "duration",
            Value::Enum(_) => "enum",
            Value::Text(_) => "text",
            Value::Set(_) => "set",
            Value::List(_) => "list",
            Value::Record(_) => "record",
        }
    }
}

macro_rules! accessor {
    ($name:ident, $variant:ident, $ty:ty, $label:literal) => {
        impl Value {
            pub fn $name(&self) -> Eval<$ty> {
                match self {
                    Value::$variant(v) => Ok(v.clone()),
                    _ => Err(Gap::Fault(Fault::Type { expected: $label })),
                }
            }
        }
    };
}
accessor!(to_bool, Bool, bool, "bool");
accessor!(to_int, Int, i64, "integer");
accessor!(to_decimal, Decimal, Decimal, "decimal");
accessor!(to_money, Money, Money, "money");
accessor!(to_ratio, Ratio, Ratio, "ratio");
accessor!(to_date, Date, Date, "date");
accessor!(to_duration, Duration, Duration, "duration");
accessor!(to_text, Text, String, "text");

/// Orders two values of the same kind; an integer compares with a decimal exactly.
pub fn compare(a: &Value, b: &Value) -> Result<Ordering, Fault> {
    Ok(match (a, b) {
        (Value::Int(x), Value::Int(y)) => x.cmp(y),
        (Value::Int(x), Value::Decimal(y)) => Decimal::from(*x).cmp(y),
        (Value::Decimal(x), Value::Int(y)) => x.cmp(&Decimal::from(*y)),
        (Value::Decimal(x), Value::Decimal(y)) => x.cmp(y),
        (Value::Money(x), Value::Money(y)) => x.cmp(y),
        (Value::Ratio(x), Value::Ratio(y)) => x.cmp(y),
        (Value::Date(x), Value::Date(y)) => x.cmp(y),
        (Value::Duration(x), Value::Duration(y)) if x.unit == y.unit => x.amount.cmp(&y.amount),
        (Value::Bool(x), Value::Bool(y)) => x.cmp(y),
        (Value::Enum(x), Value::Enum(y)) => x.cmp(y),
        (Value::Text(x), Value::Text(y)) => x.cmp(y),
        _ => return Err(Fault::Type { expected: "comparable values of one type" }),
    })
}

impl fmt::Display for Value {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Value::Bool(true) => write!(f, "是"),
            Value::Bool(false) => write!(f, "否"),
            Value::Int(v) => write!(f, "{v}"),
            Value::Decimal(v) => write!(f, "{}", plain(*v)),
            Value::Money(v) => write!(f, "{v}"),
            Value::Ratio(v) => write!(f, "{v}"),
            Value::Date(v) => write!(f, "{v}"),
            Value::Duration(v) => write!(f, "{v}"),
            Value::Enum(v) => write!(f, "{v}"),
            Value::Text(v) => write!(f, "{v}"),
            Value::Set(items) => write!(f, "[{}]", items.join(", ")),
            Value::List(items) => {
                write!(f, "[")?;
                for (i, item) in items.iter().enumerate() {
                    if i > 0 {
                        write!(f, ", ")?;
                    }
                    write!(f, "{item}")?;
                }
                write!(f, "]")
            }
            Value::Record(_) => write!(f, "{{…}}"),
        }
    }
}

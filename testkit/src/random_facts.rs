//! Random, type-correct facts for a checked vocabulary: missing facts, boundary dates,
//! extreme amounts, empty and long lists — what the differential tests feed both engines.

use regula_codegen::ir::{Program, Ty};
use regula_runtime::Input;

pub use crate::random_policy::Rng;

const MONEY: &[&str] =
    &["0", "1", "4999.99", "5000", "300万元", "500万元", "500万元", "1000万元", "2000万元", "0.01", "99999999.99", "1万亿元"];
const INTS: &[&str] = &["0", "1", "19", "20", "100", "299", "300", "999", "1000", "1000000"];
const RATIOS: &[&str] = &["0%", "1%", "3.85%", "30%", "29.9%", "60%", "100%", "2‰", "25bp"];
pub const DATES: &[&str] = &[
    "2017-12-31",
    "2018-01-01",
    "2019-06-30",
    "2019-09-01",
    "2020-01-01",
    "2020-02-29",
    "2020-04-30",
    "2020-09-30",
    "2020-10-01",
    "2020-10-28",
    "2020-12-31",
    "2021-01-01",
    "2021-10-27",
    "2021-10-28",
    "2022-12-31",
    "2023-06-30",
];

fn value(p: &Program, ty: Ty, g: &mut Rng) -> Input {
    match ty {
        Ty::Bool => Input::Bool(g.below(2) == 1),
        Ty::Int => Input::Number(g.pick(INTS).to_string()),
        Ty::Decimal => Input::Number(format!("{}.{}", g.below(200), g.below(100))),
        Ty::Money => Input::Text(g.pick(MONEY).to_string()),
        Ty::Ratio => Input::Text(g.pick(RATIOS).to_string()),
        Ty::Date => Input::Text(g.pick(DATES).to_string()),
        Ty::Dur(_) => Input::Number(g.pick(DURATIONS).to_string()),
        Ty::Text => Input::Text(String::new()),
        Ty::Enum(e) => Input::Text(g.pick(p.enums[e].variants.as_slice()).0.clone()),
        Ty::Set(e) => {
            let mut items = Vec::new();
            for _ in 0..g.below(4) {
                items.push(Input::Text(g.pick(p.enums[e].variants.as_slice()).0.clone()));
            }
            Input::List(items)
        }
        Ty::List(r) => {
            let n = *g.pick(LIST_LENGTHS);
            let mut items = Vec::new();
            for _ in 0..n {
                let mut fields = Vec::new();
                for f in &p.records[r].fields {
                    if g.below(8) != 0 {
                        fields.push((f.id.clone(), value(p, f.ty, g)));
                    }
                }
                items.push(Input::Map(fields));
            }
            Input::List(items)
        }
        Ty::Record(_) | Ty::ListOf(_) => Input::Null,
    }
}

const DURATIONS: &[u64] = &[0, 1, 5, 6, 11, 12, 13, 24, 30, 60, 61];
const LIST_LENGTHS: &[u64] = &[0, 1, 2, 3, 12];

/// Facts for the whole vocabulary; about a third of the facts are left missing.
pub fn facts(p: &Program, g: &mut Rng) -> Input {
    let mut groups = Vec::new();
    for grp in &p.groups {
        let mut facts = Vec::new();
        for f in &grp.facts {
            if g.below(3) != 0 {
                facts.push((f.id.clone(), value(p, f.ty, g)));
            }
        }
        groups.push((grp.id.clone(), Input::Map(facts)));
    }
    Input::Map(groups)
}

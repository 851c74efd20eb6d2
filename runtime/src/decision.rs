//! Decisions, their reasons and traces, and the one builder that both generated code and the
//! interpreter use to decide a rule — so in-force windows, Kleene conjunction of conditions,
//! exceptions (default logic), outcome evaluation, decision tables' hit policies and
//! exclusivity groups have exactly one implementation.

use crate::calendar::Calendar;
use crate::logic::{Eval, Fault, Gap, Name};
use crate::time::Date;
use crate::value::Value;

/// Where evaluation happens: the date the law is read at, the calendar, and whether to keep a
/// trace.
#[derive(Clone, Copy, Debug)]
pub struct Env<'a> {
    pub as_of: Date,
    pub trace: bool,
    pub calendar: &'a Calendar,
}

/// The source of a rule: document, article, lines of the shipped source file, and an exact
/// quote from those lines.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Citation {
    pub document: Name,
    pub number: Name,
    pub article: Name,
    pub file: Option<Name>,
    pub lines: Option<(u32, u32)>,
    pub quote: Name,
}

impl Citation {
    /// `长财金〔2020〕1623号 四（五）1，47.txt 第90–94行`
    pub fn short(&self) -> String {
        let mut s = format!("{} {}", self.number, self.article);
        if let (Some(file), Some((a, b))) = (&self.file, self.lines) {
            if a == b {
                s.push_str(&format!("，{file} 第{a}行"));
            } else {
                s.push_str(&format!("，{file} 第{a}–{b}行"));
            }
        }
        s
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Status {
    Applies,
    DoesNotApply,
    Undetermined,
}

impl Status {
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Applies => "applies",
            Status::DoesNotApply => "does_not_apply",
            Status::Undetermined => "undetermined",
        }
    }
}

/// Why a decision has its status.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Reason {
    /// Every condition holds and no exception applies.
    Holds,
    /// The evaluation date is outside the rule's in-force window.
    NotInForce,
    /// The condition at this index (0-based) is false.
    ConditionFalse(usize),
    /// An exception rule applies.
    Exception(Name),
    /// Another rule of the same exclusivity group applies.
    Excluded(Name),
    /// No row of the decision table matches.
    NoRow,
    /// Facts are missing or a value could not be computed.
    Unknown,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum OutcomeKind {
    Amount,
    Rate,
    Deadline,
    Eligibility,
    Permission,
    Exemption,
    Obligation,
    Prohibition,
    Value,
}

impl OutcomeKind {
    pub fn as_str(self) -> &'static str {
        match self {
            OutcomeKind::Amount => "amount",
            OutcomeKind::Rate => "rate",
            OutcomeKind::Deadline => "deadline",
            OutcomeKind::Eligibility => "eligibility",
            OutcomeKind::Permission => "permission",
            OutcomeKind::Exemption => "exemption",
            OutcomeKind::Obligation => "obligation",
            OutcomeKind::Prohibition => "prohibition",
            OutcomeKind::Value => "value",
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Outcome {
    pub name: Name,
    pub label: Name,
    pub kind: OutcomeKind,
    pub value: Value,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TraceStep {
    InForce,
    Condition,
    Exception,
    Row,
    Outcome,
    Excluded,
}

/// One step of the reasoning: the expression as written, its label, and what it evaluated to.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TraceEntry {
    pub step: TraceStep,
    pub text: Name,
    pub label: Option<Name>,
    pub result: Eval<Value>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Decision {
    /// `document.rule`.
    pub rule: Name,
    pub title: Name,
    pub citation: Citation,
    pub status: Status,
    pub reason: Reason,
    pub outcomes: Vec<Outcome>,
    /// Facts that would decide an undetermined rule, sorted, without repeats.
    pub missing: Vec<Name>,
    pub fault: Option<Fault>,
    pub trace: Vec<TraceEntry>,
}

impl Decision {
    pub fn outcome(&self, name: &str) -> Option<&Value> {
        self.outcomes.iter().find(|o| o.name == name).map(|o| &o.value)
    }

    /// The value of an outcome for use in another rule: unknown unless this rule applies.
    pub fn outcome_eval(&self, name: &str) -> Eval<Value> {
        match self.status {
            Status::Applies => self.outcome(name).cloned().ok_or(Gap::Fault(Fault::Type { expected: "a declared outcome" })),
            Status::DoesNotApply => Err(Gap::Fault(Fault::Inapplicable { rule: self.rule.clone() })),
            Status::Undetermined => Err(self.gap()),
        }
    }

    /// `rule.applies` as a three-valued bool.
    pub fn applies(&self) -> Eval<bool> {
        match self.status {
            Status::Applies => Ok(true),
            Status::DoesNotApply => Ok(false),
            Status::Undetermined => Err(self.gap()),
        }
    }

    fn gap(&self) -> Gap {
        match &self.fault {
            Some(f) => Gap::Fault(f.clone()),
            None => Gap::Missing(self.missing.clone()),
        }
    }
}

/// What identifies a rule or table in its decisions.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RuleHead {
    pub rule: Name,
    pub title: Name,
    pub citation: Citation,
    pub from: Option<Date>,
    pub until: Option<Date>,
    /// The in-force window as a trace shows it ([`RuleHead::window_text`]), written once
    /// rather than formatted for every traced decision.
    pub window: Name,
}

impl RuleHead {
    /// `2020-09-01 – …`: the in-force window as the trace's first step shows it.
    pub fn window_text(from: Option<Date>, until: Option<Date>) -> String {
        let end = |d: Option<Date>| d.map_or_else(|| "…".to_string(), |d| d.to_string());
        format!("{} – {}", end(from), end(until))
    }
}

/// Builds one decision step by step. Callers evaluate every condition (so the trace is
/// complete), then exceptions while the rule may still apply, then outcomes if it holds.
/// The `Decision` itself is made once, in [`DecisionBuilder::finish`]: until then the builder
/// keeps only what the rule found, and borrows the rule's head.
pub struct DecisionBuilder<'e> {
    env: &'e Env<'e>,
    head: &'e RuleHead,
    in_force: bool,
    no_row: bool,
    false_at: Option<usize>,
    conditions: usize,
    gap: Option<Gap>,
    exception: Option<Name>,
    outcomes: Vec<Outcome>,
    trace: Vec<TraceEntry>,
}

impl<'e> DecisionBuilder<'e> {
    pub fn new(env: &'e Env<'e>, head: &'e RuleHead) -> DecisionBuilder<'e> {
        let in_force = head.from.is_none_or(|f| env.as_of >= f) && head.until.is_none_or(|u| env.as_of <= u);
        let mut trace = Vec::new();
        if env.trace {
            trace.push(TraceEntry { step: TraceStep::InForce, text: head.window.clone(), label: None, result: Ok(Value::Bool(in_force)) });
        }
        DecisionBuilder {
            env,
            head,
            in_force,
            no_row: false,
            false_at: None,
            conditions: 0,
            gap: None,
            exception: None,
            outcomes: Vec::new(),
            trace,
        }
    }

    /// Whether the rule is in force on the evaluation date (evaluate nothing if not).
    pub fn in_force(&self) -> bool {
        self.in_force
    }

    fn add_gap(&mut self, g: Gap) {
        self.gap = Some(match self.gap.take() {
            None => g,
            Some(prev) => prev.join(g),
        });
    }

    pub fn condition(&mut self, text: impl Into<Name>, label: Option<Name>, value: Eval<bool>) {
        let index = self.conditions;
        self.conditions += 1;
        if self.env.trace {
            self.trace.push(TraceEntry { step: TraceStep::Condition, text: text.into(), label, result: value.clone().map(Value::Bool) });
        }
        match value {
            Ok(true) => {}
            Ok(false) => {
                if self.false_at.is_none() {
                    self.false_at = Some(index);
                }
            }
            Err(g) => self.add_gap(g),
        }
    }

    /// Whether no condition is false: exceptions are worth evaluating.
    pub fn open(&self) -> bool {
        self.in_force() && self.false_at.is_none()
    }

    /// An exception: when `other` applies, this rule does not.
    pub fn exception(&mut self, other: &Decision) {
        if self.env.trace {
            self.trace.push(TraceEntry {
                step: TraceStep::Exception,
                text: other.rule.clone(),
                label: Some(other.title.clone()),
                result: other.applies().map(Value::Bool),
            });
        }
        match other.applies() {
            Ok(true) => {
                if self.exception.is_none() {
                    self.exception = Some(other.rule.clone());
                }
            }
            Ok(false) => {}
            Err(g) => self.add_gap(g),
        }
    }

    /// Whether the rule holds so far: outcomes are worth evaluating.
    pub fn holds(&self) -> bool {
        self.open() && self.exception.is_none() && self.gap.is_none()
    }

    pub fn outcome(&mut self, name: impl Into<Name>, label: impl Into<Name>, kind: OutcomeKind, value: Eval<Value>) {
        let name = name.into();
        if self.env.trace {
            self.trace.push(TraceEntry { step: TraceStep::Outcome, text: name.clone(), label: None, result: value.clone() });
        }
        match value {
            Ok(v) => self.outcomes.push(Outcome { name, label: label.into(), kind, value: v }),
            Err(g) => self.add_gap(g),
        }
    }

    /// Records a decision-table row's match for the trace.
    pub fn row(&mut self, text: impl Into<Name>, value: &Eval<bool>) {
        if self.env.trace {
            self.trace.push(TraceEntry { step: TraceStep::Row, text: text.into(), label: None, result: value.clone().map(Value::Bool) });
        }
    }

    /// A decision table found no matching row.
    pub fn no_row(&mut self) {
        if self.false_at.is_none() {
            self.false_at = Some(self.conditions);
        }
        self.no_row = true;
    }

    /// A decision table could not select rows.
    pub fn unknown(&mut self, g: Gap) {
        self.add_gap(g);
    }

    pub fn finish(self) -> Decision {
        let (mut status, mut outcomes, mut missing, mut fault) = (Status::DoesNotApply, Vec::new(), Vec::new(), None);
        let reason = if !self.in_force {
            Reason::NotInForce
        } else if let Some(i) = self.false_at {
            if self.no_row { Reason::NoRow } else { Reason::ConditionFalse(i) }
        } else if let Some(rule) = self.exception {
            Reason::Exception(rule)
        } else if let Some(g) = self.gap {
            status = Status::Undetermined;
            match g {
                Gap::Missing(mut m) => {
                    m.sort();
                    m.dedup();
                    missing = m;
                }
                Gap::Fault(f) => fault = Some(f),
            }
            Reason::Unknown
        } else {
            status = Status::Applies;
            outcomes = self.outcomes;
            Reason::Holds
        };
        let h = self.head;
        Decision {
            rule: h.rule.clone(),
            title: h.title.clone(),
            citation: h.citation.clone(),
            status,
            reason,
            outcomes,
            missing,
            fault,
            trace: self.trace,
        }
    }
}

/// Decision-table hit policies.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum HitPolicy {
    /// At most one row may match.
    Unique,
    /// The first matching row, in order.
    First,
    /// The matching row with the highest priority; ties go to the earlier row.
    Priority,
    /// Every matching row; numeric outputs are summed.
    CollectSum,
    /// Every matching row; numeric outputs take the maximum.
    CollectMax,
}

/// Selects the rows a table's hit policy picks, given each row's match. Under `First`, an
/// unknown row before the first matching row makes the selection unknown.
pub fn select_rows(policy: HitPolicy, matches: &[Eval<bool>], priorities: &[i64]) -> Eval<Vec<usize>> {
    let mut gap: Option<Gap> = None;
    let mut hits = Vec::new();
    for (i, m) in matches.iter().enumerate() {
        match m {
            Ok(true) => {
                if policy == HitPolicy::First && gap.is_none() {
                    return Ok(vec![i]);
                }
                hits.push(i);
            }
            Ok(false) => {}
            Err(g) => {
                gap = Some(match gap {
                    None => g.clone(),
                    Some(prev) => prev.join(g.clone()),
                })
            }
        }
    }
    if let Some(g) = gap {
        return Err(g);
    }
    match policy {
        HitPolicy::First => Ok(hits.into_iter().take(1).collect()),
        HitPolicy::Unique => {
            if hits.len() > 1 {
                Err(Gap::Fault(Fault::Type { expected: "a unique matching row" }))
            } else {
                Ok(hits)
            }
        }
        HitPolicy::Priority => {
            let best = hits.iter().copied().fold(None::<usize>, |best, i| match best {
                Some(b) if priorities.get(b) >= priorities.get(i) => Some(b),
                _ => Some(i),
            });
            Ok(best.into_iter().collect())
        }
        HitPolicy::CollectSum | HitPolicy::CollectMax => Ok(hits),
    }
}

/// Applies exclusivity groups (不得重复享受): within a group, the first applying decision in
/// order stands and later applying ones are excluded. `groups[i]` is decision `i`'s group.
pub fn apply_exclusive_groups(decisions: &mut [Decision], groups: &[Option<&str>], trace: bool) {
    let mut winners: Vec<(&str, Name)> = Vec::new();
    for (i, d) in decisions.iter_mut().enumerate() {
        let Some(Some(group)) = groups.get(i) else { continue };
        if d.status != Status::Applies {
            continue;
        }
        if let Some((_, by)) = winners.iter().find(|(g, _)| g == group) {
            d.status = Status::DoesNotApply;
            d.reason = Reason::Excluded(by.clone());
            if trace {
                d.trace.push(TraceEntry { step: TraceStep::Excluded, text: by.clone(), label: None, result: Ok(Value::Bool(true)) });
            }
            d.outcomes.clear();
        } else {
            winners.push((group, d.rule.clone()));
        }
    }
}

/// Combines the outputs of every matching row of a `collect` table: their sum, or maximum.
pub fn collect_values(sum: bool, values: &[&Value]) -> Eval<Value> {
    use crate::num;
    let mut acc: Option<Value> = None;
    for v in values {
        let v = (*v).clone();
        acc = Some(match acc {
            None => v,
            Some(a) => match (a, v, sum) {
                (Value::Int(x), Value::Int(y), true) => Value::Int(num::int_add(x, y)?),
                (Value::Money(x), Value::Money(y), true) => Value::Money(crate::Money(num::add(x.0, y.0)?)),
                (Value::Ratio(x), Value::Ratio(y), true) => Value::Ratio(crate::Ratio(num::add(x.0, y.0)?)),
                (Value::Decimal(x), Value::Decimal(y), true) => Value::Decimal(num::add(x, y)?),
                (a, b, false) => {
                    if crate::value::compare(&b, &a)? == std::cmp::Ordering::Greater {
                        b
                    } else {
                        a
                    }
                }
                _ => return Err(Gap::Fault(Fault::Type { expected: "numeric table outputs" })),
            },
        });
    }
    acc.ok_or(Gap::Fault(Fault::Type { expected: "at least one row" }))
}

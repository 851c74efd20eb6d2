//! Presenting decisions: readable Chinese (or English) explanations that cite article, lines
//! and quote; the JSON form; and the source-coverage report.

use std::fmt::Write;

use regula_codegen::Sources;
use regula_codegen::ir::Program;
use regula_runtime::{Date, Decision, Gap, Reason, Status, TraceStep};

fn status_text(s: Status, en: bool) -> &'static str {
    match (s, en) {
        (Status::Applies, false) => "适用",
        (Status::DoesNotApply, false) => "不适用",
        (Status::Undetermined, false) => "待定（缺少事实）",
        (Status::Applies, true) => "applies",
        (Status::DoesNotApply, true) => "does not apply",
        (Status::Undetermined, true) => "undetermined (facts missing)",
    }
}

fn reason_text(d: &Decision, en: bool) -> String {
    match &d.reason {
        Reason::Holds => {
            if en {
                "all conditions hold".into()
            } else {
                "全部条件成立".into()
            }
        }
        Reason::NotInForce => {
            if en {
                "not in force on this date".into()
            } else {
                "该日期不在施行期内".into()
            }
        }
        Reason::ConditionFalse(i) => {
            let c = d.trace.iter().filter(|t| t.step == TraceStep::Condition).nth(*i);
            let what = c.map(|c| c.label.clone().unwrap_or(c.text.clone()).to_string()).unwrap_or_default();
            if en { format!("condition not met: {what}") } else { format!("条件不满足：{what}") }
        }
        Reason::Exception(r) => {
            if en {
                format!("exception applies: {r}")
            } else {
                format!("例外规则适用：{r}")
            }
        }
        Reason::Excluded(r) => {
            if en {
                format!("not cumulative with {r}")
            } else {
                format!("不得与 {r} 重复享受")
            }
        }
        Reason::NoRow => {
            if en {
                "no row of the table matches".into()
            } else {
                "无匹配的表格行".into()
            }
        }
        Reason::Unknown => match &d.fault {
            Some(f) => {
                if en {
                    format!("cannot be computed: {f}")
                } else {
                    format!("无法计算：{f}")
                }
            }
            None => {
                if en {
                    format!("missing facts: {}", d.missing.join(", "))
                } else {
                    format!("缺少事实：{}", d.missing.join("、"))
                }
            }
        },
    }
}

fn result_text(r: &Result<regula_runtime::Value, Gap>) -> String {
    match r {
        Ok(v) => v.to_string(),
        Err(Gap::Missing(m)) => {
            let mut m: Vec<String> = m.iter().map(|s| s.to_string()).collect();
            m.sort();
            m.dedup();
            format!("未知（缺 {}）", m.join("、"))
        }
        Err(Gap::Fault(f)) => format!("无法计算（{f}）"),
    }
}

/// The text report of `regula eval`.
pub fn text(decisions: &[Decision], as_of: Date, explain: bool, all: bool, en: bool) -> String {
    let mut s = String::new();
    let applies = decisions.iter().filter(|d| d.status == Status::Applies).count();
    let undetermined = decisions.iter().filter(|d| d.status == Status::Undetermined).count();
    if en {
        let _ = writeln!(
            s,
            "As of {as_of}: {applies} provisions apply, {undetermined} undetermined, {} do not apply.\n",
            decisions.len() - applies - undetermined
        );
    } else {
        let _ = writeln!(
            s,
            "评估日期 {as_of}：适用 {applies} 项，待定 {undetermined} 项，不适用 {} 项。\n",
            decisions.len() - applies - undetermined
        );
    }
    if !all {
        let _ = writeln!(
            s,
            "{}\n",
            if en {
                "■ applies, with outcomes and sources; undetermined provisions are summarised at the end"
            } else {
                "■ 适用（结果与依据）；待定事项在末尾按文件汇总"
            }
        );
    }
    let mut order: Vec<&Decision> = decisions.iter().collect();
    order.sort_by_key(|d| match d.status {
        Status::Applies => 0,
        Status::Undetermined => 1,
        Status::DoesNotApply => 2,
    });
    for d in order {
        if d.status == Status::DoesNotApply && !all {
            continue;
        }
        // Undetermined provisions are summarised per document unless asked for everything.
        if d.status == Status::Undetermined && !all {
            continue;
        }
        let _ = writeln!(s, "■ {}  [{}] — {}", d.title, d.rule, status_text(d.status, en));
        for o in &d.outcomes {
            let _ = writeln!(s, "    {}：{}", o.label, o.value);
        }
        if d.status != Status::Applies {
            let _ = writeln!(s, "    {}", reason_text(d, en));
        }
        let source = if en { "Source:" } else { "依据：" };
        if d.citation.quote.is_empty() {
            let _ = writeln!(s, "    {source} {}", d.citation.short());
        } else {
            let _ = writeln!(s, "    {source} {}「{}」", d.citation.short(), d.citation.quote);
        }
        if explain {
            for t in &d.trace {
                let (tag, show) = match t.step {
                    TraceStep::InForce => (if en { "in force" } else { "施行期" }, true),
                    TraceStep::Condition => (if en { "condition" } else { "条件" }, true),
                    TraceStep::Exception => (if en { "exception" } else { "例外" }, true),
                    TraceStep::Row => {
                        (if en { "row" } else { "表格行" }, matches!(t.result, Ok(regula_runtime::Value::Bool(true))) || t.result.is_err())
                    }
                    TraceStep::Outcome => (if en { "outcome" } else { "结果" }, true),
                    TraceStep::Excluded => (if en { "excluded by" } else { "被排除" }, true),
                };
                if !show {
                    continue;
                }
                let label = t.label.as_ref().map(|l| format!("{l}：")).unwrap_or_default();
                let _ = writeln!(s, "      · {tag} {label}{} → {}", t.text, result_text(&t.result));
            }
        }
        let _ = writeln!(s);
    }
    if !all {
        let mut per_doc: Vec<(&str, usize, Vec<&str>)> = Vec::new();
        for d in decisions.iter().filter(|d| d.status == Status::Undetermined) {
            let doc = d.citation.document.as_ref();
            if per_doc.last().is_none_or(|(x, _, _)| *x != doc) {
                per_doc.push((doc, 0, Vec::new()));
            }
            if let Some(last) = per_doc.last_mut() {
                last.1 += 1;
                for m in &d.missing {
                    if !last.2.contains(&m.as_ref()) {
                        last.2.push(m.as_ref());
                    }
                }
            }
        }
        if !per_doc.is_empty() {
            let _ = writeln!(
                s,
                "{}",
                if en {
                    "□ undetermined, by document (facts that would decide them; --all lists each):"
                } else {
                    "□ 待定，按文件（可补充的事实；--all 逐条列出）："
                }
            );
            for (doc, n, missing) in per_doc {
                let shown: Vec<&str> = missing.iter().take(6).copied().collect();
                let more = if missing.len() > 6 { format!(" …（共{}项）", missing.len()) } else { String::new() };
                let _ = writeln!(s, "    {doc:<13} {n:>3} 项  {}{more}", shown.join("、"));
            }
        }
    }
    s
}

pub fn to_json(decisions: &[Decision], as_of: Date) -> serde_json::Value {
    let items: Vec<serde_json::Value> = decisions
        .iter()
        .map(|d| {
            serde_json::json!({
                "rule": d.rule,
                "title": d.title,
                "status": d.status.as_str(),
                "reason": format!("{:?}", d.reason),
                "outcomes": d.outcomes.iter().map(|o| serde_json::json!({"name": o.name, "label": o.label, "kind": o.kind.as_str(), "value": o.value.to_string()})).collect::<Vec<_>>(),
                "missing": d.missing,
                "fault": d.fault.as_ref().map(|f| f.to_string()),
                "citation": {
                    "document": d.citation.document,
                    "number": d.citation.number,
                    "article": d.citation.article,
                    "file": d.citation.file,
                    "lines": d.citation.lines.map(|(a, b)| [a, b]),
                    "quote": d.citation.quote,
                },
                "trace": d.trace.iter().map(|t| serde_json::json!({"step": format!("{:?}", t.step), "text": t.text, "label": t.label, "result": result_text(&t.result)})).collect::<Vec<_>>(),
            })
        })
        .collect();
    serde_json::json!({"as_of": as_of.to_string(), "decisions": items})
}

/// Per document: the share of its source lines cited or marked not normative, and the
/// uncited non-blank lines.
/// Returns the report and the document with the lowest share (id, cited, total).
pub fn coverage(p: &Program, sources: &Sources) -> (String, Option<(String, u32, u32)>) {
    let mut s = String::new();
    let mut lowest: Option<(String, u32, u32)> = None;
    for d in &p.docs {
        let Some((file, (a, b))) = &d.source else {
            let _ = writeln!(s, "{:<14} (no source text: external standard)", d.id);
            continue;
        };
        let text = sources.get(file).map_or("", |t| t.as_str());
        let lines: Vec<&str> = text.lines().collect();
        let mut covered = vec![false; (*b + 1) as usize];
        let mut mark = |(x, y): (u32, u32)| {
            for l in x..=y {
                if let Some(c) = covered.get_mut(l as usize) {
                    *c = true;
                }
            }
        };
        for r in &d.rules {
            if let Some(l) = r.citation.lines {
                mark(l);
            }
        }
        for t in &d.tables {
            if let Some(l) = t.citation.lines {
                mark(l);
            }
        }
        for c in &d.catalogs {
            for (_, l) in &c.items {
                if let Some(l) = l {
                    mark(*l);
                }
            }
        }
        for (l, _) in &d.not_normative {
            mark(*l);
        }
        let mut total: u32 = 0;
        let mut cited: u32 = 0;
        let mut uncited = Vec::new();
        for l in *a..=*b {
            let blank = lines.get(l as usize - 1).is_none_or(|x| x.trim().is_empty());
            if blank {
                continue;
            }
            total += 1;
            if covered.get(l as usize).copied().unwrap_or(false) {
                cited += 1;
            } else {
                uncited.push(l);
            }
        }
        if lowest.as_ref().is_none_or(|(_, c, t)| u64::from(cited) * u64::from(*t) < u64::from(*c) * u64::from(total)) {
            lowest = Some((d.id.clone(), cited, total));
        }
        let pct = if total == 0 { 100.0 } else { f64::from(cited) * 100.0 / f64::from(total) };
        let _ = writeln!(s, "{:<14} {file:<8} {cited:>4}/{total:<4} lines  {pct:>5.1}%", d.id);
        if !uncited.is_empty() {
            let _ = writeln!(s, "    uncited: {}", ranges(&uncited));
        }
    }
    (s, lowest)
}

fn ranges(v: &[u32]) -> String {
    let mut out = Vec::new();
    let mut i = 0;
    while i < v.len() {
        let start = v[i];
        let mut end = start;
        while i + 1 < v.len() && v[i + 1] == end + 1 {
            i += 1;
            end = v[i];
        }
        out.push(if start == end { start.to_string() } else { format!("{start}-{end}") });
        i += 1;
    }
    out.join(", ")
}

//! The expression language: lexer and parser producing a syntax tree with byte spans relative
//! to the expression text. Literals carry units (`5000元`, `30万元`, `3.85%`, `2‰`, `12个月`,
//! `5个工作日`, `2020-07-23`); their parsing is the runtime's, shared with the facts reader.

use std::ops::Range;

use regula_runtime::num::{Decimal, parse_decimal, parse_money, parse_ratio};
use regula_runtime::time::parse_date;
use regula_runtime::{Duration, DurationUnit, Money, Ratio};

pub type Span = Range<usize>;

#[derive(Debug, Clone, PartialEq)]
pub enum Lit {
    Bool(bool),
    Int(i64),
    Decimal(Decimal),
    Money(Money),
    Ratio(Ratio),
    Date(regula_runtime::Date),
    Duration(Duration),
    Text(String),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BinOp {
    Or,
    And,
    Eq,
    Ne,
    Lt,
    Le,
    Gt,
    Ge,
    Contains,
    Add,
    Sub,
    Mul,
    Div,
}

impl BinOp {
    pub fn symbol(self) -> &'static str {
        match self {
            BinOp::Or => "or",
            BinOp::And => "and",
            BinOp::Eq => "==",
            BinOp::Ne => "!=",
            BinOp::Lt => "<",
            BinOp::Le => "<=",
            BinOp::Gt => ">",
            BinOp::Ge => ">=",
            BinOp::Contains => "contains",
            BinOp::Add => "+",
            BinOp::Sub => "-",
            BinOp::Mul => "*",
            BinOp::Div => "/",
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Expr {
    pub kind: ExprKind,
    pub span: Span,
}

#[derive(Debug, Clone, PartialEq)]
pub enum ExprKind {
    Lit(Lit),
    /// `a`, `a.b`, `a.b.c` with each segment's span.
    Path(Vec<(String, Span)>),
    Not(Box<Expr>),
    Neg(Box<Expr>),
    Binary(BinOp, Box<Expr>, Box<Expr>),
    In(Box<Expr>, Vec<Expr>),
    /// `x in catalog_or_name` (right side a bare path).
    InName(Box<Expr>, Vec<(String, Span)>),
    If(Box<Expr>, Box<Expr>, Box<Expr>),
    Call {
        name: String,
        name_span: Span,
        args: Vec<Expr>,
    },
    /// `sum(x in xs: body)` and friends.
    Bind {
        name: String,
        name_span: Span,
        var: String,
        var_span: Span,
        list: Box<Expr>,
        body: Box<Expr>,
    },
}

#[derive(Debug, Clone, PartialEq)]
pub struct ParseError {
    pub span: Span,
    pub message: String,
    pub help: String,
}

#[derive(Debug, Clone, PartialEq)]
enum Tok {
    Ident(String),
    Lit(Lit),
    Sym(&'static str),
    Eof,
}

const SYMBOLS: &[&str] = &["==", "!=", "<=", ">=", "<", ">", "(", ")", "[", "]", ",", ":", ".", "+", "-", "*", "/"];

const UNITS: &[&str] = &["万亿元", "亿元", "万元", "元", "%", "‰", "bp", "个工作日", "工作日", "个月", "天", "日", "年"];

fn lex(src: &str) -> Result<Vec<(Tok, Span)>, ParseError> {
    let mut out = Vec::new();
    let mut i = 0;
    let bytes = src.as_bytes();
    while i < src.len() {
        let rest = &src[i..];
        let Some(c) = rest.chars().next() else { break };
        if c.is_whitespace() {
            i += c.len_utf8();
            continue;
        }
        let start = i;
        if c.is_ascii_digit() {
            // A date?
            let date_text = rest
                .get(..10)
                .filter(|t| t.bytes().enumerate().all(|(k, ch)| if k == 4 || k == 7 { ch == b'-' } else { ch.is_ascii_digit() }));
            if let Some(text) = date_text {
                let d = parse_date(text).ok_or_else(|| ParseError {
                    span: start..start + 10,
                    message: format!("`{text}` is not a valid date"),
                    help: "dates are YYYY-MM-DD and must exist in the calendar".into(),
                })?;
                out.push((Tok::Lit(Lit::Date(d)), start..start + 10));
                i += 10;
                continue;
            }
            let mut j = i;
            while j < src.len() && (bytes[j].is_ascii_digit() || bytes[j] == b'.') {
                j += 1;
            }
            let number = &src[i..j];
            let after = &src[j..];
            let unit = UNITS.iter().find(|u| after.starts_with(**u)).copied();
            let end = j + unit.map_or(0, str::len);
            let text = &src[i..end];
            let bad = |what: &str| ParseError {
                span: start..end,
                message: format!("malformed {what} literal `{text}`"),
                help: "write numbers as 5000, 3.5, 30万元, 3.85%, 2‰, 25bp, 15天, 12个月, 2年, 5个工作日".into(),
            };
            let lit = match unit {
                Some("万亿元" | "亿元" | "万元" | "元") => Lit::Money(parse_money(text).ok_or_else(|| bad("money"))?),
                Some("%" | "‰" | "bp") => Lit::Ratio(parse_ratio(text).ok_or_else(|| bad("ratio"))?),
                Some(u) => {
                    let n: i64 = number.parse().map_err(|_| bad("duration"))?;
                    let unit = match u {
                        "个工作日" | "工作日" => DurationUnit::WorkingDays,
                        "个月" => DurationUnit::Months,
                        "天" | "日" => DurationUnit::Days,
                        _ => DurationUnit::Years,
                    };
                    Lit::Duration(Duration::new(n, unit))
                }
                None => {
                    if number.contains('.') {
                        Lit::Decimal(parse_decimal(number).ok_or_else(|| bad("number"))?)
                    } else {
                        Lit::Int(number.parse().map_err(|_| bad("integer"))?)
                    }
                }
            };
            out.push((Tok::Lit(lit), start..end));
            i = end;
            continue;
        }
        if c.is_ascii_alphabetic() || c == '_' {
            let mut j = i;
            while j < src.len() && (bytes[j].is_ascii_alphanumeric() || bytes[j] == b'_') {
                j += 1;
            }
            let word = &src[i..j];
            let tok = match word {
                "true" => Tok::Lit(Lit::Bool(true)),
                "false" => Tok::Lit(Lit::Bool(false)),
                _ => Tok::Ident(word.to_string()),
            };
            out.push((tok, start..j));
            i = j;
            continue;
        }
        if c == '"' {
            let Some(close) = rest[1..].find('"') else {
                return Err(ParseError {
                    span: start..src.len(),
                    message: "unterminated string".into(),
                    help: "close the string with `\"`".into(),
                });
            };
            let s = &rest[1..1 + close];
            out.push((Tok::Lit(Lit::Text(s.to_string())), start..start + close + 2));
            i += close + 2;
            continue;
        }
        if let Some(sym) = SYMBOLS.iter().find(|s| rest.starts_with(**s)) {
            out.push((Tok::Sym(sym), start..start + sym.len()));
            i += sym.len();
            continue;
        }
        let hint = if ('０'..='９').contains(&c) || "（），：％".contains(c) {
            "write digits and punctuation in ASCII inside expressions (the source text's full-width forms belong in quotes only)"
        } else {
            "expressions use identifiers, literals with units, and the operators listed in the README"
        };
        return Err(ParseError { span: start..start + c.len_utf8(), message: format!("unexpected character `{c}`"), help: hint.into() });
    }
    out.push((Tok::Eof, src.len()..src.len()));
    Ok(out)
}

struct Parser {
    toks: Vec<(Tok, Span)>,
    pos: usize,
    depth: usize,
}

/// Nesting deeper than this is refused rather than risking the stack.
const MAX_DEPTH: usize = 64;

impl Parser {
    fn peek(&self) -> &Tok {
        self.toks.get(self.pos).map_or(&Tok::Eof, |t| &t.0)
    }
    fn peek_at(&self, k: usize) -> &Tok {
        self.toks.get(self.pos + k).map_or(&Tok::Eof, |t| &t.0)
    }
    fn span(&self) -> Span {
        self.toks.get(self.pos).map_or(0..0, |t| t.1.clone())
    }
    fn bump(&mut self) -> (Tok, Span) {
        let t = self.toks.get(self.pos).cloned().unwrap_or((Tok::Eof, 0..0));
        self.pos += 1;
        t
    }
    fn is_word(&self, w: &str) -> bool {
        matches!(self.peek(), Tok::Ident(x) if x == w)
    }
    fn is_sym(&self, s: &str) -> bool {
        matches!(self.peek(), Tok::Sym(x) if *x == s)
    }
    fn error<T>(&self, message: impl Into<String>, help: impl Into<String>) -> Result<T, ParseError> {
        Err(ParseError { span: self.span(), message: message.into(), help: help.into() })
    }
    fn expect_sym(&mut self, s: &str) -> Result<Span, ParseError> {
        if self.is_sym(s) {
            Ok(self.bump().1)
        } else {
            self.error(format!("expected `{s}`, found {}", describe(self.peek())), "check the brackets and separators")
        }
    }
    fn expect_word(&mut self, w: &str) -> Result<(), ParseError> {
        if self.is_word(w) {
            self.bump();
            Ok(())
        } else {
            self.error(format!("expected `{w}`, found {}", describe(self.peek())), "`if c then a else b` needs all three parts")
        }
    }

    fn expr(&mut self) -> Result<Expr, ParseError> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return self.error("expression nested too deeply", "split it into several conditions or rules");
        }
        let r = self.or();
        self.depth -= 1;
        r
    }

    fn or(&mut self) -> Result<Expr, ParseError> {
        let mut l = self.and()?;
        while self.is_word("or") {
            self.bump();
            let r = self.and()?;
            l = bin(BinOp::Or, l, r);
        }
        Ok(l)
    }
    fn and(&mut self) -> Result<Expr, ParseError> {
        let mut l = self.not()?;
        while self.is_word("and") {
            self.bump();
            let r = self.not()?;
            l = bin(BinOp::And, l, r);
        }
        Ok(l)
    }
    fn not(&mut self) -> Result<Expr, ParseError> {
        if self.is_word("not") {
            let start = self.bump().1.start;
            self.depth += 1;
            if self.depth > MAX_DEPTH {
                return self.error("expression nested too deeply", "simplify the expression");
            }
            let e = self.not()?;
            self.depth -= 1;
            let span = start..e.span.end;
            return Ok(Expr { kind: ExprKind::Not(Box::new(e)), span });
        }
        self.cmp()
    }
    fn cmp(&mut self) -> Result<Expr, ParseError> {
        let l = self.add()?;
        let op = match self.peek() {
            Tok::Sym("==") => BinOp::Eq,
            Tok::Sym("!=") => BinOp::Ne,
            Tok::Sym("<") => BinOp::Lt,
            Tok::Sym("<=") => BinOp::Le,
            Tok::Sym(">") => BinOp::Gt,
            Tok::Sym(">=") => BinOp::Ge,
            Tok::Ident(w) if w == "contains" => BinOp::Contains,
            Tok::Ident(w) if w == "in" => {
                self.bump();
                if self.is_sym("[") {
                    self.bump();
                    let mut items = Vec::new();
                    while !self.is_sym("]") {
                        items.push(self.expr()?);
                        if !self.is_sym("]") {
                            self.expect_sym(",")?;
                        }
                    }
                    let end = self.expect_sym("]")?.end;
                    let span = l.span.start..end;
                    return Ok(Expr { kind: ExprKind::In(Box::new(l), items), span });
                }
                let path = self.path()?;
                let end = path.last().map_or(l.span.end, |p| p.1.end);
                let span = l.span.start..end;
                return Ok(Expr { kind: ExprKind::InName(Box::new(l), path), span });
            }
            _ => return Ok(l),
        };
        self.bump();
        let r = self.add()?;
        Ok(bin(op, l, r))
    }
    fn add(&mut self) -> Result<Expr, ParseError> {
        let mut l = self.mul()?;
        loop {
            let op = match self.peek() {
                Tok::Sym("+") => BinOp::Add,
                Tok::Sym("-") => BinOp::Sub,
                _ => return Ok(l),
            };
            self.bump();
            let r = self.mul()?;
            l = bin(op, l, r);
        }
    }
    fn mul(&mut self) -> Result<Expr, ParseError> {
        let mut l = self.unary()?;
        loop {
            let op = match self.peek() {
                Tok::Sym("*") => BinOp::Mul,
                Tok::Sym("/") => BinOp::Div,
                _ => return Ok(l),
            };
            self.bump();
            let r = self.unary()?;
            l = bin(op, l, r);
        }
    }
    fn unary(&mut self) -> Result<Expr, ParseError> {
        if self.is_sym("-") {
            let start = self.bump().1.start;
            self.depth += 1;
            if self.depth > MAX_DEPTH {
                return self.error("expression nested too deeply", "simplify the expression");
            }
            let e = self.unary()?;
            self.depth -= 1;
            let span = start..e.span.end;
            return Ok(Expr { kind: ExprKind::Neg(Box::new(e)), span });
        }
        self.primary()
    }
    fn path(&mut self) -> Result<Vec<(String, Span)>, ParseError> {
        let mut segs = Vec::new();
        loop {
            match self.bump() {
                (Tok::Ident(w), s) => segs.push((w, s)),
                (t, s) => {
                    return Err(ParseError {
                        span: s,
                        message: format!("expected a name, found {}", describe(&t)),
                        help: "names are snake_case identifiers joined by `.`".into(),
                    });
                }
            }
            if self.is_sym(".") {
                self.bump();
            } else {
                return Ok(segs);
            }
        }
    }
    fn primary(&mut self) -> Result<Expr, ParseError> {
        match self.peek().clone() {
            Tok::Lit(l) => {
                let s = self.bump().1;
                Ok(Expr { kind: ExprKind::Lit(l), span: s })
            }
            Tok::Sym("(") => {
                self.bump();
                let e = self.expr()?;
                self.expect_sym(")")?;
                Ok(e)
            }
            Tok::Ident(w) if w == "if" => {
                let start = self.bump().1.start;
                let c = self.expr()?;
                self.expect_word("then")?;
                let a = self.expr()?;
                self.expect_word("else")?;
                let b = self.expr()?;
                let span = start..b.span.end;
                Ok(Expr { kind: ExprKind::If(Box::new(c), Box::new(a), Box::new(b)), span })
            }
            Tok::Ident(w) if ["and", "or", "then", "else", "in", "contains"].contains(&w.as_str()) => {
                self.error(format!("`{w}` cannot start an expression"), "an operand is missing before it")
            }
            Tok::Ident(_) => {
                let path = self.path()?;
                let start = path.first().map_or(0, |p| p.1.start);
                let end = path.last().map_or(0, |p| p.1.end);
                if self.is_sym("(") && path.len() == 1 {
                    let (name, name_span) = path.into_iter().next().unwrap_or_default();
                    self.bump();
                    // Binder form: `name(x in xs: body)`.
                    if let (Tok::Ident(var), Tok::Ident(kw)) = (self.peek().clone(), self.peek_at(1).clone()) {
                        if kw == "in" && self.binder_follows() {
                            let var_span = self.bump().1;
                            self.bump();
                            let list = self.expr()?;
                            self.expect_sym(":")?;
                            let body = self.expr()?;
                            let end = self.expect_sym(")")?.end;
                            return Ok(Expr {
                                kind: ExprKind::Bind { name, name_span, var, var_span, list: Box::new(list), body: Box::new(body) },
                                span: start..end,
                            });
                        }
                    }
                    let mut args = Vec::new();
                    while !self.is_sym(")") {
                        args.push(self.expr()?);
                        if !self.is_sym(")") {
                            self.expect_sym(",")?;
                        }
                    }
                    let end = self.expect_sym(")")?.end;
                    return Ok(Expr { kind: ExprKind::Call { name, name_span, args }, span: start..end });
                }
                Ok(Expr { kind: ExprKind::Path(path), span: start..end })
            }
            t => self.error(
                format!("expected an operand, found {}", describe(&t)),
                "an operand is a literal, a name, a call or a parenthesised expression",
            ),
        }
    }

    /// After `name(` `x in`, a `:` at depth zero before the closing `)` marks a binder.
    fn binder_follows(&self) -> bool {
        let mut depth = 0usize;
        for (t, _) in self.toks.iter().skip(self.pos + 2) {
            match t {
                Tok::Sym("(") | Tok::Sym("[") => depth += 1,
                Tok::Sym(")") | Tok::Sym("]") => {
                    if depth == 0 {
                        return false;
                    }
                    depth -= 1;
                }
                Tok::Sym(":") if depth == 0 => return true,
                Tok::Eof => return false,
                _ => {}
            }
        }
        false
    }
}

/// Operators allowed in one expression; chains longer than this are refused (evaluation
/// recurses along them).
const MAX_OPERATORS: usize = 512;

fn bin(op: BinOp, l: Expr, r: Expr) -> Expr {
    let span = l.span.start..r.span.end;
    Expr { kind: ExprKind::Binary(op, Box::new(l), Box::new(r)), span }
}

fn describe(t: &Tok) -> String {
    match t {
        Tok::Ident(w) => format!("`{w}`"),
        Tok::Lit(_) => "a literal".into(),
        Tok::Sym(s) => format!("`{s}`"),
        Tok::Eof => "the end of the expression".into(),
    }
}

/// Parses a whole expression.
pub fn parse(src: &str) -> Result<Expr, ParseError> {
    let toks = lex(src)?;
    let operators = toks
        .iter()
        .filter(|(t, _)| match t {
            Tok::Sym(_) => true,
            Tok::Ident(w) => matches!(w.as_str(), "and" | "or" | "not" | "in" | "contains" | "if"),
            _ => false,
        })
        .count();
    if operators > MAX_OPERATORS {
        return Err(ParseError {
            span: 0..src.len(),
            message: format!("expression too long ({operators} operators, at most {MAX_OPERATORS})"),
            help: "split it into several conditions or rules".into(),
        });
    }
    let mut p = Parser { toks, pos: 0, depth: 0 };
    let e = p.expr()?;
    if !matches!(p.peek(), Tok::Eof) {
        return p.error(
            format!("unexpected {} after the expression", describe(p.peek())),
            "join conditions with `and` / `or`, or list them as separate conditions",
        );
    }
    Ok(e)
}

/// Parses a decision-table cell: `-`, a comparison (`>= 1000`), `in [a, b]`, or a literal.
pub enum Cell {
    Any,
    Cmp(BinOp, Expr),
    In(Vec<Expr>),
    Eq(Expr),
}

pub fn parse_cell(src: &str) -> Result<Cell, ParseError> {
    let t = src.trim();
    if t == "-" || t.is_empty() {
        return Ok(Cell::Any);
    }
    let off = src.len() - src.trim_start().len();
    let toks = lex(src)?;
    let mut p = Parser { toks, pos: 0, depth: 0 };
    let op = match p.peek() {
        Tok::Sym("<") => Some(BinOp::Lt),
        Tok::Sym("<=") => Some(BinOp::Le),
        Tok::Sym(">") => Some(BinOp::Gt),
        Tok::Sym(">=") => Some(BinOp::Ge),
        Tok::Sym("==") => Some(BinOp::Eq),
        Tok::Sym("!=") => Some(BinOp::Ne),
        _ => None,
    };
    let cell = if let Some(op) = op {
        p.bump();
        Cell::Cmp(op, p.add()?)
    } else if p.is_word("in") {
        p.bump();
        p.expect_sym("[")?;
        let mut items = Vec::new();
        while !p.is_sym("]") {
            items.push(p.expr()?);
            if !p.is_sym("]") {
                p.expect_sym(",")?;
            }
        }
        p.expect_sym("]")?;
        Cell::In(items)
    } else {
        Cell::Eq(p.add()?)
    };
    if !matches!(p.peek(), Tok::Eof) {
        return Err(ParseError {
            span: off..src.len(),
            message: format!("malformed cell `{t}`"),
            help: "a cell is `-`, a comparison such as `>= 1000`, `in [a, b]`, or a literal".into(),
        });
    }
    Ok(cell)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_units_and_precedence() {
        let e = parse("a.b >= 30万元 and not c or x in [p, q]").unwrap();
        assert!(matches!(e.kind, ExprKind::Binary(BinOp::Or, _, _)));
        let e = parse("sum(l in enterprise.loans: l.principal * 30%)").unwrap();
        assert!(matches!(e.kind, ExprKind::Bind { .. }));
        assert!(parse("d + 5个工作日").is_ok());
        assert!(parse("2020-02-30").is_err());
        assert!(parse("a ==").is_err());
        assert!(parse("３０万元").is_err());
        let deep = "(".repeat(200) + "1" + &")".repeat(200);
        assert!(parse(&deep).is_err());
        let long = vec!["true"; 5000].join(" and ");
        assert!(parse(&long).is_err(), "a 5000-operator `and` chain must be refused");
        let fine = vec!["true"; 100].join(" and ");
        assert!(parse(&fine).is_ok());
        let long = vec!["1"; 5000].join(" + ");
        assert!(parse(&long).is_err(), "a 5000-operator chain must be refused");
    }
}

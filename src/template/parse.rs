//! The parser of Go's text/template (`parse.go`): tokens into a tree of
//! lists, actions and control structures, with Go's error messages.

use std::collections::HashMap;
use std::fmt;

use super::lex::{lex, Tok, Token};

#[derive(Debug, Clone)]
pub enum Node {
    Text(String),
    Action(Pipe),
    If(Branch),
    With(Branch),
    Range(Branch),
    Template { pos: usize, name: String, pipe: Option<Pipe> },
    Break,
    Continue,
}

#[derive(Debug, Clone)]
pub struct Branch {
    pub pipe: Pipe,
    pub list: Vec<Node>,
    pub else_list: Option<Vec<Node>>,
}

#[derive(Debug, Clone)]
pub struct Pipe {
    pub pos: usize,
    pub decl: Vec<String>,
    pub is_assign: bool,
    pub cmds: Vec<Cmd>,
}

#[derive(Debug, Clone)]
pub struct Cmd {
    pub pos: usize,
    pub args: Vec<Operand>,
}

#[derive(Debug, Clone)]
pub enum Operand {
    Dot,
    Nil,
    Bool(bool),
    /// The literal as written, and its value.
    Number(String, Number),
    /// The literal as written (quoted), and its value.
    Str(String, String),
    Field {
        pos: usize,
        names: Vec<String>,
    },
    Var {
        pos: usize,
        name: String,
        names: Vec<String>,
    },
    Ident {
        pos: usize,
        name: String,
    },
    Chain {
        pos: usize,
        node: Box<Operand>,
        names: Vec<String>,
    },
    Pipe(Box<Pipe>),
}

#[derive(Debug, Clone, Copy)]
pub enum Number {
    Int(i64),
    Uint(u64),
    Float(f64),
}

/// A parsed template: its main list and the `define`d ones.
#[derive(Debug, Clone, Default)]
pub struct Tree {
    pub root: Vec<Node>,
    pub defs: HashMap<String, Vec<Node>>,
}

/// Parses `text`; `funcs` says which function names exist.
pub fn parse(text: &str, funcs: &dyn Fn(&str) -> bool) -> Result<Tree, String> {
    let toks = lex(text).map_err(|(line, msg)| format!("template: :{line}: {msg}"))?;
    let mut p = Parser {
        text,
        toks,
        i: 0,
        funcs,
        vars: vec!["$".into()],
        range_depth: 0,
        depth: 0,
        tree: Tree::default(),
    };
    p.top().map_err(|(pos, msg)| format!("template: :{}: {msg}", line_of(text, pos)))?;
    Ok(p.tree)
}

pub fn line_of(text: &str, pos: usize) -> usize {
    1 + text[..pos.min(text.len())].matches('\n').count()
}

type PResult<T> = Result<T, (usize, String)>;

struct Parser<'a> {
    text: &'a str,
    toks: Vec<Token>,
    i: usize,
    funcs: &'a dyn Fn(&str) -> bool,
    vars: Vec<String>,
    range_depth: usize,
    /// Nesting of parentheses and blocks: bounded, as Go bounds it, so a
    /// hostile template cannot exhaust the stack.
    depth: usize,
    tree: Tree,
}

const MAX_DEPTH: usize = 100;

/// How a list ended.
enum ListEnd {
    Eof,
    End,
    Else,
}

fn describe(t: &Tok) -> String {
    match t {
        Tok::Eof => "EOF".into(),
        Tok::Right => "<}}>".into(),
        Tok::Left => "<{{>".into(),
        Tok::Space => "space".into(),
        Tok::Pipe => "<|>".into(),
        Tok::LParen => "<(>".into(),
        Tok::RParen => "<)>".into(),
        Tok::Declare => "<:=>".into(),
        Tok::Assign => "<=>".into(),
        Tok::Comma => "<,>".into(),
        Tok::Keyword(k) => format!("<{k}>"),
        Tok::Field(f) => format!("<.{f}>"),
        Tok::Var(v) => format!("<{v}>"),
        Tok::Ident(i) => format!("<{i}>"),
        Tok::Str(s) => format!("{s:?}"),
        Tok::Number(n) => format!("{n:?}"),
        Tok::Char(c) => format!("{c:?}"),
        Tok::Bool(b) => format!("<{b}>"),
        Tok::Nil => "<nil>".into(),
        Tok::Dot => "<.>".into(),
        Tok::Text(t) => format!("{t:?}"),
    }
}

impl Parser<'_> {
    fn next(&mut self) -> Token {
        let t = self.toks[self.i.min(self.toks.len() - 1)].clone();
        self.i += 1;
        t
    }
    fn backup(&mut self) {
        self.i -= 1;
    }
    fn peek(&self) -> &Token {
        &self.toks[self.i.min(self.toks.len() - 1)]
    }
    fn next_non_space(&mut self) -> Token {
        loop {
            let t = self.next();
            if t.tok != Tok::Space {
                return t;
            }
        }
    }
    fn peek_non_space(&mut self) -> Token {
        let t = self.next_non_space();
        self.backup();
        t
    }
    fn unexpected<T>(&self, t: &Token, context: &str) -> PResult<T> {
        Err((t.pos, format!("unexpected {} in {context}", describe(&t.tok))))
    }

    fn top(&mut self) -> PResult<()> {
        let mut root = Vec::new();
        loop {
            match self.peek().tok.clone() {
                Tok::Eof => break,
                Tok::Left => {
                    let save = self.i;
                    self.next();
                    if self.peek_non_space().tok == Tok::Keyword("define") {
                        self.next_non_space();
                        self.define()?;
                        continue;
                    }
                    self.i = save;
                }
                _ => {}
            }
            match self.text_or_action()? {
                Ok(n) => root.extend(n),
                Err((end, pos)) => {
                    return Err((
                        pos,
                        format!(
                            "unexpected {}",
                            if matches!(end, ListEnd::End) { "{{end}}" } else { "{{else}}" }
                        ),
                    ))
                }
            }
        }
        self.tree.root = root;
        Ok(())
    }

    fn define(&mut self) -> PResult<()> {
        let t = self.next_non_space();
        let Tok::Str(name) = t.tok else { return self.unexpected(&t, "define clause") };
        let t = self.next_non_space();
        if t.tok != Tok::Right {
            return self.unexpected(&t, "define clause");
        }
        let saved = std::mem::replace(&mut self.vars, vec!["$".into()]);
        let (list, end) = self.item_list()?;
        self.vars = saved;
        if !matches!(end, ListEnd::End) {
            return Err((self.peek().pos, "unexpected {{else}} in define".into()));
        }
        self.tree.defs.insert(name, list);
        Ok(())
    }

    /// One text or action; a bare `{{end}}`/`{{else}}` comes back as Err(how, pos).
    fn text_or_action(&mut self) -> PResult<Result<Option<Node>, (ListEnd, usize)>> {
        let t = self.next();
        match t.tok {
            Tok::Text(s) => Ok(Ok(Some(Node::Text(s)))),
            Tok::Left => self.action(t.pos),
            Tok::Eof => Ok(Err((ListEnd::Eof, t.pos))),
            _ => self.unexpected(&t, "input"),
        }
    }

    fn item_list(&mut self) -> PResult<(Vec<Node>, ListEnd)> {
        let mut list = Vec::new();
        loop {
            if self.peek().tok == Tok::Eof {
                return Err((self.peek().pos, "unexpected EOF".into()));
            }
            match self.text_or_action()? {
                Ok(n) => list.extend(n),
                Err((end, _)) => return Ok((list, end)),
            }
        }
    }

    fn action(&mut self, pos: usize) -> PResult<Result<Option<Node>, (ListEnd, usize)>> {
        let t = self.next_non_space();
        match t.tok {
            Tok::Keyword("end") => {
                self.expect_right("end")?;
                return Ok(Err((ListEnd::End, t.pos)));
            }
            Tok::Keyword("else") => {
                // `{{else if …}}` / `{{else with …}}`: the caller reads on.
                let p = self.peek_non_space();
                if !matches!(p.tok, Tok::Keyword("if") | Tok::Keyword("with")) {
                    self.expect_right("else")?;
                }
                return Ok(Err((ListEnd::Else, t.pos)));
            }
            Tok::Keyword("if") => return Ok(Ok(Some(Node::If(self.control("if")?)))),
            Tok::Keyword("with") => return Ok(Ok(Some(Node::With(self.control("with")?)))),
            Tok::Keyword("range") => {
                self.range_depth += 1;
                let b = self.control("range");
                self.range_depth -= 1;
                return Ok(Ok(Some(Node::Range(b?))));
            }
            Tok::Keyword("template") => return Ok(Ok(Some(self.template_call("template")?))),
            Tok::Keyword("block") => {
                // A block nests its list as if/range/with do.
                self.enter()?;
                let b = self.block(pos);
                self.depth -= 1;
                return b;
            }
            Tok::Keyword("break") | Tok::Keyword("continue") => {
                let k = if t.tok == Tok::Keyword("break") { "break" } else { "continue" };
                if self.range_depth == 0 {
                    return Err((t.pos, format!("{{{{{k}}}}} outside {{{{range}}}}")));
                }
                self.expect_right(k)?;
                return Ok(Ok(Some(if k == "break" { Node::Break } else { Node::Continue })));
            }
            Tok::Keyword("define") => return Err((t.pos, "unexpected <define> in command".into())),
            _ => {}
        }
        self.backup();
        let pipe = self.pipeline("command", Tok::Right)?;
        Ok(Ok(Some(Node::Action(pipe))))
    }

    fn block(&mut self, pos: usize) -> PResult<Result<Option<Node>, (ListEnd, usize)>> {
        let node = self.template_call("block")?;
        let Node::Template { name, .. } = &node else { unreachable!() };
        let name = name.clone();
        let saved = std::mem::replace(&mut self.vars, vec!["$".into()]);
        let (list, end) = self.item_list()?;
        self.vars = saved;
        if !matches!(end, ListEnd::End) {
            return Err((pos, "unexpected {{else}} in block clause".into()));
        }
        self.tree.defs.insert(name, list);
        Ok(Ok(Some(node)))
    }

    fn expect_right(&mut self, context: &str) -> PResult<()> {
        let t = self.next_non_space();
        if t.tok != Tok::Right {
            return self.unexpected(&t, context);
        }
        Ok(())
    }

    fn template_call(&mut self, context: &str) -> PResult<Node> {
        let t = self.next_non_space();
        let Tok::Str(name) = t.tok else { return self.unexpected(&t, &format!("{context} clause")) };
        let p = self.next_non_space();
        let pipe = if p.tok == Tok::Right {
            None
        } else {
            self.backup();
            Some(self.pipeline(context, Tok::Right)?)
        };
        if context == "block" && pipe.is_none() {
            return Err((t.pos, "missing value for block clause".into()));
        }
        Ok(Node::Template { pos: t.pos, name, pipe })
    }

    fn control(&mut self, context: &str) -> PResult<Branch> {
        self.enter()?;
        let b = self.control_body(context);
        self.depth -= 1;
        b
    }

    fn enter(&mut self) -> PResult<()> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return Err((self.peek().pos, "max expression depth exceeded".into()));
        }
        Ok(())
    }

    fn control_body(&mut self, context: &str) -> PResult<Branch> {
        let depth = self.vars.len();
        let pipe = self.pipeline(context, Tok::Right)?;
        let (list, end) = self.item_list()?;
        let else_list = match end {
            ListEnd::End => None,
            ListEnd::Else => {
                let p = self.peek_non_space();
                if (context == "if" && p.tok == Tok::Keyword("if"))
                    || (context == "with" && p.tok == Tok::Keyword("with"))
                {
                    // `else if`: a nested branch that takes this one's {{end}}.
                    self.next_non_space();
                    let inner = self.control(context)?;
                    Some(vec![if context == "if" { Node::If(inner) } else { Node::With(inner) }])
                } else {
                    let (l, end) = self.item_list()?;
                    if !matches!(end, ListEnd::End) {
                        return Err((self.peek().pos, "expected end; found {{else}}".to_string()));
                    }
                    Some(l)
                }
            }
            ListEnd::Eof => unreachable!(),
        };
        self.vars.truncate(depth);
        Ok(Branch { pipe, list, else_list })
    }

    fn pipeline(&mut self, context: &str, end: Tok) -> PResult<Pipe> {
        let start = self.peek_non_space();
        let mut pipe = Pipe { pos: start.pos, decl: Vec::new(), is_assign: false, cmds: Vec::new() };
        // Declarations: `$x :=`, `$x =`, and in range `$i, $e :=`.
        if let Tok::Var(name) = start.tok.clone() {
            let save = self.i;
            self.next_non_space();
            let after = self.peek_non_space();
            match after.tok {
                Tok::Declare | Tok::Assign => {
                    self.next_non_space();
                    pipe.is_assign = after.tok == Tok::Assign;
                    if pipe.is_assign {
                        if !self.vars.contains(&name) {
                            return Err((start.pos, format!("undefined variable {name:?}")));
                        }
                    } else {
                        self.vars.push(name.clone());
                    }
                    pipe.decl.push(name);
                }
                Tok::Comma if context == "range" => {
                    self.next_non_space();
                    let second = self.next_non_space();
                    let Tok::Var(second_name) = second.tok else { return self.unexpected(&second, "range") };
                    let op = self.next_non_space();
                    if !matches!(op.tok, Tok::Declare | Tok::Assign) {
                        return self.unexpected(&op, "range");
                    }
                    pipe.is_assign = op.tok == Tok::Assign;
                    for n in [&name, &second_name] {
                        if !pipe.is_assign {
                            self.vars.push(n.clone());
                        }
                    }
                    pipe.decl = vec![name, second_name];
                }
                _ => self.i = save,
            }
        }
        loop {
            let t = self.next_non_space();
            if t.tok == end {
                if pipe.cmds.is_empty() {
                    return Err((t.pos, format!("missing value for {context}")));
                }
                for (i, c) in pipe.cmds.iter().enumerate().skip(1) {
                    if matches!(
                        c.args[0],
                        Operand::Bool(_)
                            | Operand::Dot
                            | Operand::Nil
                            | Operand::Number(..)
                            | Operand::Str(..)
                    ) {
                        return Err((t.pos, format!("non executable command in pipeline stage {}", i + 1)));
                    }
                }
                return Ok(pipe);
            }
            match t.tok {
                Tok::Bool(_)
                | Tok::Char(_)
                | Tok::Dot
                | Tok::Field(_)
                | Tok::Ident(_)
                | Tok::Number(_)
                | Tok::Nil
                | Tok::Str(_)
                | Tok::Var(_)
                | Tok::LParen => {
                    self.backup();
                    let c = self.command()?;
                    pipe.cmds.push(c);
                }
                _ => return self.unexpected(&t, context),
            }
        }
    }

    fn command(&mut self) -> PResult<Cmd> {
        let mut cmd = Cmd { pos: self.peek_non_space().pos, args: Vec::new() };
        loop {
            self.peek_non_space();
            let op = self.operand()?;
            if let Some(op) = op {
                cmd.args.push(op);
            }
            let t = self.next();
            match t.tok {
                Tok::Space => continue,
                Tok::Right | Tok::RParen => {
                    self.backup();
                }
                Tok::Pipe => {}
                _ => return self.unexpected(&t, "operand"),
            }
            break;
        }
        if cmd.args.is_empty() {
            return Err((cmd.pos, "empty command".into()));
        }
        Ok(cmd)
    }

    fn operand(&mut self) -> PResult<Option<Operand>> {
        let Some(node) = self.term()? else { return Ok(None) };
        if !matches!(self.peek().tok, Tok::Field(_)) {
            return Ok(Some(node));
        }
        let pos = self.peek().pos;
        let mut names = Vec::new();
        while let Tok::Field(f) = self.peek().tok.clone() {
            self.next();
            names.push(f);
        }
        Ok(Some(match node {
            Operand::Field { names: mut first, .. } => {
                first.extend(names);
                Operand::Field { pos, names: first }
            }
            Operand::Var { name, names: mut first, .. } => {
                first.extend(names);
                Operand::Var { pos, name, names: first }
            }
            Operand::Bool(_) | Operand::Str(..) | Operand::Number(..) | Operand::Nil | Operand::Dot => {
                return Err((pos, format!("unexpected . after term {:?}", node.to_string())));
            }
            node => Operand::Chain { pos, node: Box::new(node), names },
        }))
    }

    fn term(&mut self) -> PResult<Option<Operand>> {
        let t = self.next_non_space();
        Ok(Some(match t.tok {
            Tok::Ident(name) => {
                if !(self.funcs)(&name) {
                    return Err((t.pos, format!("function {name:?} not defined")));
                }
                Operand::Ident { pos: t.pos, name }
            }
            Tok::Dot => Operand::Dot,
            Tok::Nil => Operand::Nil,
            Tok::Var(name) => {
                if !self.vars.contains(&name) {
                    return Err((t.pos, format!("undefined variable {name:?}")));
                }
                Operand::Var { pos: t.pos, name, names: Vec::new() }
            }
            Tok::Field(f) => Operand::Field { pos: t.pos, names: vec![f] },
            Tok::Bool(b) => Operand::Bool(b),
            Tok::Char(c) => Operand::Number(format!("{c:?}"), Number::Int(c as i64)),
            Tok::Number(lit) => {
                let n = parse_number(&lit).ok_or((t.pos, format!("bad number syntax: {lit:?}")))?;
                Operand::Number(lit, n)
            }
            Tok::LParen => {
                self.enter()?;
                let p = self.pipeline("parenthesized pipeline", Tok::RParen);
                self.depth -= 1;
                Operand::Pipe(Box::new(p?))
            }
            Tok::Str(s) => {
                let end = self.toks.get(self.i).map(|n| n.pos).unwrap_or(self.text.len());
                let quoted = self.text[t.pos..end].trim_end().to_string();
                Operand::Str(quoted, s)
            }
            _ => {
                self.backup();
                return Ok(None);
            }
        }))
    }
}

/// A Go number literal: decimal, 0x/0o/0b, octal with a leading 0, underscores, floats.
fn parse_number(lit: &str) -> Option<Number> {
    let (neg, body) = match lit.as_bytes().first() {
        Some(b'-') => (true, &lit[1..]),
        Some(b'+') => (false, &lit[1..]),
        _ => (false, lit),
    };
    let clean = body.replace('_', "");
    let lower = clean.to_ascii_lowercase();
    let int = if let Some(h) = lower.strip_prefix("0x") {
        u64::from_str_radix(h, 16).ok()
    } else if let Some(o) = lower.strip_prefix("0o") {
        u64::from_str_radix(o, 8).ok()
    } else if let Some(b) = lower.strip_prefix("0b") {
        u64::from_str_radix(b, 2).ok()
    } else if lower.len() > 1 && lower.starts_with('0') && lower.bytes().all(|c| c.is_ascii_digit()) {
        u64::from_str_radix(&lower[1..], 8).ok()
    } else {
        lower.parse::<u64>().ok()
    };
    if let Some(u) = int {
        return Some(if neg {
            Number::Int(0i64.checked_sub_unsigned(u)?)
        } else if let Ok(i) = i64::try_from(u) {
            Number::Int(i)
        } else {
            Number::Uint(u)
        });
    }
    if lower.starts_with("0x") || !lower.bytes().next()?.is_ascii_digit() && !lower.starts_with('.') {
        return None;
    }
    let f: f64 = lower.parse().ok()?;
    Some(Number::Float(if neg { -f } else { f }))
}

impl fmt::Display for Operand {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Operand::Dot => write!(f, "."),
            Operand::Nil => write!(f, "nil"),
            Operand::Bool(b) => write!(f, "{b}"),
            Operand::Number(lit, _) => write!(f, "{lit}"),
            Operand::Str(quoted, _) => write!(f, "{quoted}"),
            Operand::Field { names, .. } => names.iter().try_for_each(|n| write!(f, ".{n}")),
            Operand::Var { name, names, .. } => {
                write!(f, "{name}")?;
                names.iter().try_for_each(|n| write!(f, ".{n}"))
            }
            Operand::Ident { name, .. } => write!(f, "{name}"),
            Operand::Chain { node, names, .. } => {
                match &**node {
                    Operand::Pipe(p) => write!(f, "({p})")?,
                    n => write!(f, "{n}")?,
                }
                names.iter().try_for_each(|n| write!(f, ".{n}"))
            }
            Operand::Pipe(p) => write!(f, "({p})"),
        }
    }
}

impl fmt::Display for Cmd {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, a) in self.args.iter().enumerate() {
            if i > 0 {
                write!(f, " ")?;
            }
            write!(f, "{a}")?;
        }
        Ok(())
    }
}

impl fmt::Display for Pipe {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if !self.decl.is_empty() {
            write!(f, "{} {} ", self.decl.join(", "), if self.is_assign { "=" } else { ":=" })?;
        }
        for (i, c) in self.cmds.iter().enumerate() {
            if i > 0 {
                write!(f, " | ")?;
            }
            write!(f, "{c}")?;
        }
        Ok(())
    }
}

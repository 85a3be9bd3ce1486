//! The executor of Go's text/template (`exec.go`) with its builtins and the
//! functions Docker's CLI adds (`json`, `split`, `join`, `title`, `lower`,
//! `upper`, `pad`, `truncate`), erring in Go's words.

use std::rc::Rc;

use super::fmt::{print, quote, sprint, sprintf, sprintln};
use super::parse::{line_of, Branch, Cmd, Node, Number, Operand, Pipe, Tree};
use super::value::{omitted_field, NilKind, Value};

#[derive(Clone, Copy, Default)]
pub struct Options {
    /// `missingkey=error` (inspect's raw fallback).
    pub missing_key_error: bool,
    /// Rendering a table header: Docker's HeaderFunctions pass text through.
    pub header: bool,
}

/// Names of the functions a template may call.
pub fn is_func(name: &str) -> bool {
    matches!(
        name,
        "and"
            | "call"
            | "html"
            | "index"
            | "slice"
            | "js"
            | "len"
            | "not"
            | "or"
            | "print"
            | "printf"
            | "println"
            | "urlquery"
            | "eq"
            | "ge"
            | "gt"
            | "le"
            | "lt"
            | "ne"
            | "json"
            | "split"
            | "join"
            | "title"
            | "lower"
            | "upper"
            | "pad"
            | "truncate"
    )
}

/// Most output one rendering may make, and deepest {{template}} nesting.
const MAX_OUTPUT: usize = 64 << 20;
const MAX_DEPTH: usize = 100;
/// Deepest nesting of lists (if/with/range bodies and templates) one
/// execution walks: each template may nest 100 blocks and call 100 deep,
/// which would overflow the stack long before.
const MAX_NEST: usize = 400;

pub fn execute(tree: &Tree, text: &str, name: &str, dot: &Value, opts: Options) -> Result<String, String> {
    let mut s = State {
        tree,
        text,
        top: name,
        name: name.to_string(),
        out: String::new(),
        vars: vec![("$".into(), dot.clone())],
        opts,
        depth: 0,
        nest: 0,
    };
    s.walk(dot, &tree.root)?;
    Ok(s.out)
}

struct State<'a> {
    tree: &'a Tree,
    text: &'a str,
    /// The template's own name, as errors show it (`template: NAME:1:2`).
    top: &'a str,
    name: String,
    out: String,
    vars: Vec<(String, Value)>,
    opts: Options,
    depth: usize,
    nest: usize,
}

/// The key and element of a range's i-th item.
type RangeItem<'a> = dyn Fn(usize) -> (Value, Value) + 'a;

enum Flow {
    Normal,
    Break,
    Continue,
}

type R<T> = Result<T, String>;

impl State<'_> {
    fn err<T>(&self, pos: usize, node: &dyn std::fmt::Display, msg: impl std::fmt::Display) -> R<T> {
        let before = &self.text[..pos.min(self.text.len())];
        let col = match before.rfind('\n') {
            Some(nl) => pos - nl - 1,
            None => pos,
        };
        Err(format!(
            "template: {}:{}:{col}: executing \"{}\" at <{node}>: {msg}",
            self.top,
            line_of(self.text, pos),
            self.name
        ))
    }

    fn write(&mut self, s: &str) -> R<()> {
        if self.out.len() + s.len() > MAX_OUTPUT {
            return Err(format!("template: output over {} MiB", MAX_OUTPUT >> 20));
        }
        self.out.push_str(s);
        Ok(())
    }

    fn walk(&mut self, dot: &Value, list: &[Node]) -> R<Flow> {
        if self.nest >= MAX_NEST {
            return Err(format!("template: {}: exceeded maximum nesting depth ({MAX_NEST})", self.top));
        }
        self.nest += 1;
        let r = self.walk_list(dot, list);
        self.nest -= 1;
        r
    }

    fn walk_list(&mut self, dot: &Value, list: &[Node]) -> R<Flow> {
        for n in list {
            match self.node(dot, n)? {
                Flow::Normal => {}
                f => return Ok(f),
            }
        }
        Ok(Flow::Normal)
    }

    fn node(&mut self, dot: &Value, n: &Node) -> R<Flow> {
        match n {
            Node::Text(t) => self.write(t)?,
            Node::Action(p) => {
                // A declaration prints nothing and lives to the end of its block.
                let v = self.pipeline(dot, p)?;
                if p.decl.is_empty() {
                    self.write(&print(&v))?;
                }
            }
            Node::If(b) | Node::With(b) => {
                let mark = self.vars.len();
                let v = self.pipeline(dot, &b.pipe)?;
                let with = matches!(n, Node::With(_));
                let flow = if v.truth() {
                    let d = if with { v } else { dot.clone() };
                    self.walk(&d, &b.list)?
                } else if let Some(e) = &b.else_list {
                    self.walk(dot, e)?
                } else {
                    Flow::Normal
                };
                self.vars.truncate(mark);
                return Ok(flow);
            }
            Node::Range(b) => return self.range(dot, b),
            Node::Break => return Ok(Flow::Break),
            Node::Continue => return Ok(Flow::Continue),
            Node::Template { pos, name, pipe } => {
                let Some(list) = self.tree.defs.get(name) else {
                    return self.err(
                        *pos,
                        &format!("{{{{template {}}}}}", quote(name)),
                        format!("template {} not defined", quote(name)),
                    );
                };
                let d = match pipe {
                    Some(p) => self.pipeline(dot, p)?,
                    None => Value::Invalid,
                };
                if self.depth >= MAX_DEPTH {
                    return self.err(
                        *pos,
                        &format!("{{{{template {}}}}}", quote(name)),
                        format!("exceeded maximum template depth ({MAX_DEPTH})"),
                    );
                }
                let saved_vars = std::mem::replace(&mut self.vars, vec![("$".into(), d.clone())]);
                let saved_name = std::mem::replace(&mut self.name, name.clone());
                self.depth += 1;
                let r = self.walk(&d, list);
                self.depth -= 1;
                self.vars = saved_vars;
                self.name = saved_name;
                r?;
            }
        }
        Ok(Flow::Normal)
    }

    fn range(&mut self, dot: &Value, b: &Branch) -> R<Flow> {
        let mark = self.vars.len();
        let decl = b.pipe.decl.clone();
        let mut pipe = b.pipe.clone();
        pipe.decl.clear();
        let v = self.pipeline(dot, &pipe)?;
        // Items are made one at a time: `{{range 100000000000}}` must not
        // allocate them all first (it aborted on a 6.4 GB allocation for 1e8).
        let entries: Vec<(Value, Value)>;
        let (count, item): (usize, Box<RangeItem>) = match &v {
            Value::List(l) => {
                let l = l.clone();
                (l.len(), Box::new(move |i| (Value::Int(i as i64), l[i].clone())))
            }
            Value::Map(m) => {
                entries = m.entries.iter().map(|(k, e)| (Value::str(k), e.clone())).collect();
                (entries.len(), Box::new(|i| entries[i].clone()))
            }
            Value::Int(n) => {
                let n = usize::try_from(*n).unwrap_or(0);
                (n, Box::new(|i| (Value::Int(i as i64), Value::Int(i as i64))))
            }
            Value::Invalid | Value::Nil(_) => (0, Box::new(|_| (Value::Invalid, Value::Invalid))),
            other => {
                let c = b.pipe.cmds.first();
                return self.err(
                    b.pipe.pos,
                    &c.map(|c| c.to_string()).unwrap_or_default(),
                    format!("range can't iterate over {}", print(other)),
                );
            }
        };
        if count == 0 {
            let flow = match &b.else_list {
                Some(e) => self.walk(dot, e)?,
                None => Flow::Normal,
            };
            self.vars.truncate(mark);
            return Ok(flow);
        }
        for i in 0..count {
            let (k, e) = item(i);
            let inner = self.vars.len();
            match decl.len() {
                1 => self.set_var(&decl[0], e.clone(), b.pipe.is_assign),
                2 => {
                    self.set_var(&decl[0], k, b.pipe.is_assign);
                    self.set_var(&decl[1], e.clone(), b.pipe.is_assign);
                }
                _ => {}
            }
            let flow = self.walk(&e, &b.list)?;
            self.vars.truncate(inner.max(mark));
            if matches!(flow, Flow::Break) {
                break;
            }
        }
        self.vars.truncate(mark);
        Ok(Flow::Normal)
    }

    fn set_var(&mut self, name: &str, v: Value, assign: bool) {
        if assign {
            if let Some(slot) = self.vars.iter_mut().rev().find(|(n, _)| n == name) {
                slot.1 = v;
                return;
            }
        }
        self.vars.push((name.to_string(), v));
    }

    fn pipeline(&mut self, dot: &Value, p: &Pipe) -> R<Value> {
        let mut value: Option<Value> = None;
        for c in &p.cmds {
            let mut v = self.command(dot, c, value.take())?;
            // An interface{} is looked through: a nil one is no value.
            if let Value::Nil(NilKind::Interface) = v {
                v = Value::Invalid;
            }
            value = Some(v);
        }
        let value = value.unwrap_or(Value::Invalid);
        for name in &p.decl {
            self.set_var(name, value.clone(), p.is_assign);
        }
        Ok(value)
    }

    fn command(&mut self, dot: &Value, c: &Cmd, fin: Option<Value>) -> R<Value> {
        let first = &c.args[0];
        let rest = &c.args[1..];
        let not_fn = |s: &Self| {
            if !rest.is_empty() || fin.is_some() {
                return s.err(c.pos, first, format!("can't give argument to non-function {first}"));
            }
            Ok(())
        };
        match first {
            Operand::Field { pos, names } => self.chain(dot, dot.clone(), names, *pos, first, rest, fin),
            Operand::Chain { pos, node, names } => {
                let recv = self.arg(dot, node)?;
                self.chain(dot, recv, names, *pos, first, rest, fin)
            }
            Operand::Var { pos, name, names } => {
                let v = self.var(name);
                if names.is_empty() {
                    not_fn(self)?;
                    return Ok(v);
                }
                self.chain(dot, v, names, *pos, first, rest, fin)
            }
            Operand::Ident { pos, name } => self.call(dot, name, *pos, c, rest, fin),
            Operand::Pipe(p) => {
                not_fn(self)?;
                self.pipeline(dot, p)
            }
            Operand::Nil => self.err(c.pos, c, "nil is not a command"),
            lit => {
                not_fn(self)?;
                self.arg(dot, lit)
            }
        }
    }

    fn var(&self, name: &str) -> Value {
        self.vars.iter().rev().find(|(n, _)| n == name).map(|(_, v)| v.clone()).unwrap_or(Value::Invalid)
    }

    /// An operand as a function argument.
    fn arg(&mut self, dot: &Value, op: &Operand) -> R<Value> {
        Ok(match op {
            Operand::Dot => dot.clone(),
            Operand::Nil => Value::Nil(NilKind::Interface),
            Operand::Bool(b) => Value::Bool(*b),
            Operand::Number(_, Number::Int(i)) => Value::Int(*i),
            Operand::Number(_, Number::Uint(u)) => Value::Uint(*u),
            Operand::Number(_, Number::Float(f)) => Value::Float(*f),
            Operand::Str(_, s) => Value::str(s),
            Operand::Field { pos, names } => self.chain(dot, dot.clone(), names, *pos, op, &[], None)?,
            Operand::Var { pos, name, names } => {
                let v = self.var(name);
                if names.is_empty() {
                    v
                } else {
                    self.chain(dot, v, names, *pos, op, &[], None)?
                }
            }
            Operand::Chain { pos, node, names } => {
                let recv = self.arg(dot, node)?;
                self.chain(dot, recv, names, *pos, op, &[], None)?
            }
            Operand::Pipe(p) => self.pipeline(dot, p)?,
            Operand::Ident { pos, name } => {
                let c = Cmd { pos: *pos, args: vec![op.clone()] };
                self.call(dot, name, *pos, &c, &[], None)?
            }
        })
    }

    #[allow(clippy::too_many_arguments)]
    fn chain(
        &mut self,
        dot: &Value,
        mut recv: Value,
        names: &[String],
        pos: usize,
        node: &Operand,
        args: &[Operand],
        fin: Option<Value>,
    ) -> R<Value> {
        let last = names.len() - 1;
        for (i, name) in names.iter().enumerate() {
            if i < last {
                recv = self.field(dot, &recv, name, pos, node, &[], None)?;
            } else {
                return self.field(dot, &recv, name, pos, node, args, fin);
            }
        }
        Ok(recv)
    }

    #[allow(clippy::too_many_arguments)]
    fn field(
        &mut self,
        dot: &Value,
        recv: &Value,
        name: &str,
        pos: usize,
        node: &Operand,
        args: &[Operand],
        fin: Option<Value>,
    ) -> R<Value> {
        let has_args = !args.is_empty() || fin.is_some();
        match recv {
            Value::Invalid | Value::Nil(NilKind::Interface) => {
                if self.opts.missing_key_error {
                    return self.err(pos, node, format!("nil data; no entry for key {}", quote(name)));
                }
                Ok(Value::Invalid)
            }
            Value::Struct(s) => {
                if name == "Label" && self.opts.header {
                    // Docker's header: the key's last dotted part, `-` and `_` as spaces.
                    let key = match args.first() {
                        Some(a) => print(&self.arg(dot, a)?),
                        None => String::new(),
                    };
                    let last = key.rsplit('.').next().unwrap_or_default();
                    return Ok(Value::str(last.replace(['-', '_'], " ")));
                }
                if name == "Label" {
                    if let Some(labels) = &s.labels {
                        let mut vals = Vec::new();
                        for a in args {
                            vals.push(self.arg(dot, a)?);
                        }
                        vals.extend(fin);
                        if vals.len() != 1 {
                            return self.err(
                                pos,
                                node,
                                format!("wrong number of args for Label: want 1 got {}", vals.len()),
                            );
                        }
                        let key = match &vals[0] {
                            Value::Str(k) => k.clone(),
                            v => {
                                return self.err(
                                    pos,
                                    node,
                                    format!("wrong type for value; expected string; got {}", v.type_name()),
                                )
                            }
                        };
                        return Ok(Value::str(labels.get(&key).cloned().unwrap_or_default()));
                    }
                }
                let v = match s.field(name) {
                    Some(v) => v.clone(),
                    None => match omitted_field(name) {
                        Some(v) => v,
                        None => {
                            return self.err(
                                pos,
                                node,
                                format!("can't evaluate field {name} in type {}", s.type_name),
                            )
                        }
                    },
                };
                if has_args {
                    return self.err(
                        pos,
                        node,
                        format!("{name} has arguments but cannot be invoked as function"),
                    );
                }
                Ok(v)
            }
            Value::Map(m) => {
                if has_args {
                    return self.err(pos, node, format!("{name} is not a method but has arguments"));
                }
                match m.entries.get(name) {
                    Some(v) => Ok(v.clone()),
                    None if self.opts.missing_key_error => {
                        self.err(pos, node, format!("map has no entry for key {}", quote(name)))
                    }
                    None => Ok(Value::Invalid),
                }
            }
            Value::Nil(NilKind::Map) => {
                if self.opts.missing_key_error {
                    return self.err(pos, node, format!("map has no entry for key {}", quote(name)));
                }
                Ok(Value::Invalid)
            }
            Value::Nil(NilKind::Pointer) => {
                self.err(pos, node, format!("nil pointer evaluating interface {{}}.{name}"))
            }
            other => {
                self.err(pos, node, format!("can't evaluate field {name} in type {}", field_type(other)))
            }
        }
    }

    fn call(
        &mut self,
        dot: &Value,
        name: &str,
        pos: usize,
        c: &Cmd,
        args: &[Operand],
        fin: Option<Value>,
    ) -> R<Value> {
        let ident = Operand::Ident { pos, name: name.to_string() };
        // and/or evaluate their arguments only as far as they need.
        if name == "and" || name == "or" {
            let n = args.len() + usize::from(fin.is_some());
            if n == 0 {
                return self.err(
                    pos,
                    &ident,
                    format!("wrong number of args for {name}: want at least 1 got 0"),
                );
            }
            let mut last = Value::Invalid;
            for a in args {
                last = self.arg(dot, a)?;
                if last.truth() != (name == "and") {
                    return Ok(last);
                }
            }
            if let Some(f) = fin {
                last = f;
            }
            return Ok(last);
        }
        let mut vals = Vec::with_capacity(args.len() + 1);
        for a in args {
            vals.push(self.arg(dot, a)?);
        }
        vals.extend(fin);
        let want = |n: usize, s: &Self| -> R<()> {
            if vals.len() != n {
                return s.err(
                    pos,
                    &ident,
                    format!("wrong number of args for {name}: want {n} got {}", vals.len()),
                );
            }
            Ok(())
        };
        let at_least = |n: usize, s: &Self| -> R<()> {
            if vals.len() < n {
                return s.err(
                    pos,
                    &ident,
                    format!("wrong number of args for {name}: want at least {n} got {}", vals.len()),
                );
            }
            Ok(())
        };
        let calling =
            |s: &Self, e: String| -> R<Value> { s.err(c.pos, c, format!("error calling {name}: {e}")) };
        if self.opts.header
            && matches!(name, "json" | "split" | "join" | "title" | "lower" | "upper" | "truncate")
        {
            at_least(1, self)?;
            return Ok(Value::str(print(&vals[0])));
        }
        if let Some((i, want)) = bad_arg(name, &vals) {
            let msg = format!("wrong type for value; expected {want}; got {}", vals[i].type_name());
            return match args.get(i) {
                Some(op) => self.err(op_pos(op).unwrap_or(c.pos), op, msg),
                None => self.err(c.pos, c, msg),
            };
        }
        let r: Result<Value, String> = match name {
            "not" => {
                want(1, self)?;
                Ok(Value::Bool(!vals[0].truth()))
            }
            "len" => {
                want(1, self)?;
                match &vals[0] {
                    Value::Str(s) | Value::Number(s) => Ok(Value::Int(s.len() as i64)),
                    Value::List(l) => Ok(Value::Int(l.len() as i64)),
                    Value::Map(m) => Ok(Value::Int(m.entries.len() as i64)),
                    Value::Nil(NilKind::Slice) | Value::Nil(NilKind::Map) => Ok(Value::Int(0)),
                    Value::Invalid | Value::Nil(_) => Err("len of nil pointer".into()),
                    v => Err(format!("len of type {}", v.type_name())),
                }
            }
            "index" => {
                at_least(1, self)?;
                index(&vals[0], &vals[1..])
            }
            "slice" => {
                at_least(1, self)?;
                slice(&vals[0], &vals[1..])
            }
            "print" => Ok(Value::str(sprint(&vals))),
            "println" => Ok(Value::str(sprintln(&vals))),
            "printf" => {
                at_least(1, self)?;
                string_arg(&vals[0]).map(|f| Value::str(sprintf(&f, &vals[1..])))
            }
            "html" => Ok(Value::str(html_escape(&sprint(&vals)))),
            "js" => Ok(Value::str(js_escape(&sprint(&vals)))),
            "urlquery" => Ok(Value::str(query_escape(&sprint(&vals)))),
            "call" => Err("call of nil".into()),
            "eq" => {
                at_least(2, self)?;
                let mut r = Ok(Value::Bool(false));
                for b in &vals[1..] {
                    match equal(&vals[0], b) {
                        Ok(true) => {
                            r = Ok(Value::Bool(true));
                            break;
                        }
                        Ok(false) => {}
                        Err(e) => {
                            r = Err(e);
                            break;
                        }
                    }
                }
                r
            }
            "ne" => {
                want(2, self)?;
                equal(&vals[0], &vals[1]).map(|e| Value::Bool(!e))
            }
            "lt" | "le" | "gt" | "ge" => {
                want(2, self)?;
                less(&vals[0], &vals[1]).and_then(|lt| {
                    let eq = equal(&vals[0], &vals[1])?;
                    Ok(Value::Bool(match name {
                        "lt" => lt,
                        "le" => lt || eq,
                        "gt" => !lt && !eq,
                        _ => !lt,
                    }))
                })
            }
            "json" => {
                want(1, self)?;
                let html = matches!(&vals[0], Value::Struct(s) if s.json_escape_html);
                let mut out = String::new();
                json(&vals[0], html, &mut out);
                Ok(Value::Str(out))
            }
            "split" => {
                want(2, self)?;
                let (s, sep) = (string_arg(&vals[0])?, string_arg(&vals[1])?);
                let parts: Vec<Value> = if sep.is_empty() {
                    s.chars().map(|c| Value::str(c.to_string())).collect()
                } else {
                    s.split(sep.as_str()).map(Value::str).collect()
                };
                Ok(Value::list(parts))
            }
            "join" => {
                want(2, self)?;
                let sep = string_arg(&vals[1])?;
                match &vals[0] {
                    Value::List(l) => l
                        .iter()
                        .map(string_arg)
                        .collect::<Result<Vec<_>, _>>()
                        .map(|p| Value::str(p.join(&sep))),
                    Value::Nil(NilKind::Slice) | Value::Invalid | Value::Nil(NilKind::Interface) => {
                        Ok(Value::str(""))
                    }
                    v => Err(format!("wrong type for value; expected []string; got {}", v.type_name())),
                }
            }
            "title" => {
                want(1, self)?;
                string_arg(&vals[0]).map(|s| Value::str(title(&s)))
            }
            "lower" => {
                want(1, self)?;
                string_arg(&vals[0]).map(|s| Value::str(s.to_lowercase()))
            }
            "upper" => {
                want(1, self)?;
                string_arg(&vals[0]).map(|s| Value::str(s.to_uppercase()))
            }
            "pad" => {
                want(3, self)?;
                let s = string_arg(&vals[0])?;
                let (l, r) = (int_arg(&vals[1])?, int_arg(&vals[2])?);
                if s.is_empty() {
                    // Docker's padWithSpace pads only what is there.
                    Ok(Value::str(""))
                } else if l > MAX_PAD || r > MAX_PAD {
                    Err(format!("padding over {MAX_PAD} spaces"))
                } else {
                    Ok(Value::str(format!("{}{s}{}", " ".repeat(l), " ".repeat(r))))
                }
            }
            "truncate" => {
                want(2, self)?;
                let s = string_arg(&vals[0])?;
                let n = int_arg(&vals[1])?;
                if s.len() < n {
                    Ok(Value::Str(s))
                } else {
                    let mut end = n;
                    while !s.is_char_boundary(end) {
                        end -= 1;
                    }
                    Ok(Value::str(&s[..end]))
                }
            }
            _ => return self.err(pos, &ident, format!("{name:?} is not a defined function")),
        };
        match r {
            Ok(v) => Ok(v),
            Err(e) if e.starts_with("wrong type for value") => self.err(c.pos, c, e),
            Err(e) => calling(self, e),
        }
    }
}

/// Widest padding `pad` makes: a bigger one is a typo, not a column, and
/// would exhaust memory (`{{pad .ID 99999999999 0}}`).
const MAX_PAD: usize = 1 << 20;

fn field_type(v: &Value) -> String {
    match v {
        // Values inside []interface{} and map[string]interface{} are interfaces.
        Value::Str(_) | Value::Int(_) | Value::Bool(_) | Value::List(_) | Value::Nil(NilKind::Slice) => {
            "interface {}".into()
        }
        v => v.type_name(),
    }
}

/// Docker's functions are typed Go functions: the first argument of the
/// wrong type, and the type it needed.
fn bad_arg(name: &str, vals: &[Value]) -> Option<(usize, &'static str)> {
    let sig: &[&str] = match name {
        "split" => &["string", "string"],
        "join" => &["[]string", "string"],
        "title" | "lower" | "upper" | "printf" => &["string"],
        "pad" => &["string", "int", "int"],
        "truncate" => &["string", "int"],
        _ => return None,
    };
    sig.iter().zip(vals).position(|(want, v)| !fits(want, v)).map(|i| (i, sig[i]))
}

fn fits(want: &str, v: &Value) -> bool {
    match want {
        "string" => matches!(v, Value::Str(_) | Value::Number(_)),
        "int" => matches!(v, Value::Int(_) | Value::Uint(_)),
        _ => match v {
            Value::List(l) => l.iter().all(|e| matches!(e, Value::Str(_))),
            Value::Nil(_) | Value::Invalid => true,
            _ => false,
        },
    }
}

fn op_pos(op: &Operand) -> Option<usize> {
    match op {
        Operand::Field { pos, .. }
        | Operand::Var { pos, .. }
        | Operand::Ident { pos, .. }
        | Operand::Chain { pos, .. } => Some(*pos),
        Operand::Pipe(p) => Some(p.pos),
        _ => None,
    }
}

fn string_arg(v: &Value) -> Result<String, String> {
    match v {
        Value::Str(s) | Value::Number(s) => Ok(s.clone()),
        v => Err(format!("wrong type for value; expected string; got {}", v.type_name())),
    }
}

fn int_arg(v: &Value) -> Result<usize, String> {
    match v {
        Value::Int(i) => Ok((*i).max(0) as usize),
        Value::Uint(u) => Ok(*u as usize),
        v => Err(format!("wrong type for value; expected int; got {}", v.type_name())),
    }
}

fn int_index(v: &Value) -> Result<i64, String> {
    match v {
        Value::Int(i) => Ok(*i),
        Value::Uint(u) => i64::try_from(*u).map_err(|_| format!("index out of range: {u}")),
        Value::Invalid | Value::Nil(_) => Err("cannot index slice/array with nil".into()),
        v => Err(format!("cannot index slice/array with type {}", v.type_name())),
    }
}

fn index(item: &Value, keys: &[Value]) -> Result<Value, String> {
    let mut item = item.clone();
    for k in keys {
        item = match &item {
            Value::List(l) => {
                let i = int_index(k)?;
                if i < 0 || i as usize >= l.len() {
                    return Err(format!("index out of range: {i}"));
                }
                l[i as usize].clone()
            }
            Value::Nil(NilKind::Slice) => return Err(format!("index out of range: {}", int_index(k)?)),
            Value::Str(s) => {
                let i = int_index(k)?;
                match s.as_bytes().get(i as usize) {
                    Some(b) if i >= 0 => Value::Uint(*b as u64),
                    _ => return Err(format!("index out of range: {i}")),
                }
            }
            Value::Map(m) => {
                let key = match k {
                    Value::Str(s) => s,
                    v => return Err(format!("value has type {}; should be string", v.type_name())),
                };
                match m.entries.get(key) {
                    Some(v) => v.clone(),
                    None if m.raw => Value::Nil(NilKind::Interface),
                    None if m.any_values => Value::Nil(NilKind::Pointer),
                    None => Value::str(""),
                }
            }
            Value::Nil(NilKind::Map) => Value::str(""),
            Value::Invalid | Value::Nil(_) => return Err("index of untyped nil".into()),
            v => return Err(format!("can't index item of type {}", v.type_name())),
        };
    }
    Ok(item)
}

fn slice(item: &Value, idx: &[Value]) -> Result<Value, String> {
    if idx.len() > 3 {
        return Err(format!("too many slice indexes: {}", idx.len()));
    }
    let len = match item {
        Value::Str(s) => s.len(),
        Value::List(l) => l.len(),
        Value::Nil(NilKind::Slice) => 0,
        Value::Invalid | Value::Nil(_) => return Err("slice of untyped nil".into()),
        v => return Err(format!("can't slice item of type {}", v.type_name())),
    };
    if idx.len() == 3 && matches!(item, Value::Str(_)) {
        return Err("cannot 3-index slice a string".into());
    }
    let mut bounds = [0usize, len];
    for (i, v) in idx.iter().take(2).enumerate() {
        let n = int_index(v)?;
        if n < 0 || n as usize > len {
            return Err(format!("index out of range: {n}"));
        }
        bounds[i] = n as usize;
    }
    if bounds[0] > bounds[1] {
        return Err(format!("invalid slice index: {} > {}", bounds[0], bounds[1]));
    }
    Ok(match item {
        Value::Str(s) => {
            Value::str(String::from_utf8_lossy(&s.as_bytes()[bounds[0]..bounds[1]]).into_owned())
        }
        Value::List(l) => Value::List(Rc::new(l[bounds[0]..bounds[1]].to_vec())),
        _ => Value::Nil(NilKind::Slice),
    })
}

enum Basic {
    Bool(bool),
    Int(i128),
    Float(f64),
    Str(String),
}

fn basic(v: &Value) -> Option<Basic> {
    Some(match v {
        Value::Bool(b) => Basic::Bool(*b),
        Value::Int(i) => Basic::Int(*i as i128),
        Value::Uint(u) => Basic::Int(*u as i128),
        Value::Float(f) => Basic::Float(*f),
        Value::Str(s) | Value::Number(s) => Basic::Str(s.clone()),
        _ => return None,
    })
}

fn equal(a: &Value, b: &Value) -> Result<bool, String> {
    let nil = |v: &Value| matches!(v, Value::Invalid | Value::Nil(_));
    if nil(a) || nil(b) {
        return Ok(nil(a) && nil(b));
    }
    match (basic(a), basic(b)) {
        (Some(Basic::Bool(x)), Some(Basic::Bool(y))) => Ok(x == y),
        (Some(Basic::Int(x)), Some(Basic::Int(y))) => Ok(x == y),
        (Some(Basic::Float(x)), Some(Basic::Float(y))) => Ok(x == y),
        (Some(Basic::Str(x)), Some(Basic::Str(y))) => Ok(x == y),
        (Some(_), Some(_)) => Err("incompatible types for comparison".into()),
        _ => Err(format!("non-comparable type {}: {}", print(a), a.type_name())),
    }
}

fn less(a: &Value, b: &Value) -> Result<bool, String> {
    match (basic(a), basic(b)) {
        (Some(Basic::Int(x)), Some(Basic::Int(y))) => Ok(x < y),
        (Some(Basic::Float(x)), Some(Basic::Float(y))) => Ok(x < y),
        (Some(Basic::Str(x)), Some(Basic::Str(y))) => Ok(x < y),
        (Some(Basic::Bool(_)), _) | (_, Some(Basic::Bool(_))) | (None, _) | (_, None) => {
            Err("invalid type for comparison".into())
        }
        _ => Err("incompatible types for comparison".into()),
    }
}

/// Go's strings.Title: the first letter of each word upper-cased.
fn title(s: &str) -> String {
    let sep = |c: char| {
        if c.is_ascii() {
            !(c.is_ascii_alphanumeric() || c == '_')
        } else {
            c.is_whitespace()
        }
    };
    let mut out = String::new();
    let mut prev = ' ';
    for c in s.chars() {
        if sep(prev) {
            out.extend(c.to_uppercase());
        } else {
            out.push(c);
        }
        prev = c;
    }
    out
}

fn html_escape(s: &str) -> String {
    let mut out = String::new();
    for c in s.chars() {
        match c {
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '\'' => out.push_str("&#39;"),
            '"' => out.push_str("&#34;"),
            '\0' => out.push('\u{fffd}'),
            c => out.push(c),
        }
    }
    out
}

fn js_escape(s: &str) -> String {
    let mut out = String::new();
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\'' => out.push_str("\\'"),
            '"' => out.push_str("\\\""),
            '<' => out.push_str("\\u003C"),
            '>' => out.push_str("\\u003E"),
            '&' => out.push_str("\\u0026"),
            '=' => out.push_str("\\u003D"),
            c if (c as u32) < 0x20 => out.push_str(&format!("\\u{:04X}", c as u32)),
            c => out.push(c),
        }
    }
    out
}

fn query_escape(s: &str) -> String {
    let mut out = String::new();
    for b in s.bytes() {
        match b {
            b'a'..=b'z' | b'A'..=b'Z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => out.push(b as char),
            b' ' => out.push('+'),
            b => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

/// Go's encoding/json of a value (`html`: escape <, > and & as json.Marshal does).
pub fn json(v: &Value, html: bool, out: &mut String) {
    match v {
        Value::Invalid | Value::Nil(_) => out.push_str("null"),
        Value::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        Value::Int(i) => out.push_str(&i.to_string()),
        Value::Uint(u) => out.push_str(&u.to_string()),
        Value::Float(f) => out.push_str(
            &serde_json::Number::from_f64(*f).map(|n| n.to_string()).unwrap_or_else(|| "null".into()),
        ),
        Value::Number(n) => out.push_str(n),
        Value::Str(s) => json_str(s, html, out),
        Value::List(l) => {
            out.push('[');
            for (i, e) in l.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                json(e, html, out);
            }
            out.push(']');
        }
        Value::Map(m) => json_object(m.entries.iter(), html, out),
        Value::Struct(s) => {
            let shown = s.fields.iter().filter(|(_, k, _)| !s.omitted.contains(k)).map(|(_, k, v)| (k, v));
            json_object(shown, html, out)
        }
    }
}

fn json_object<'a>(members: impl Iterator<Item = (&'a String, &'a Value)>, html: bool, out: &mut String) {
    out.push('{');
    for (i, (k, e)) in members.enumerate() {
        if i > 0 {
            out.push(',');
        }
        json_str(k, html, out);
        out.push(':');
        json(e, html, out);
    }
    out.push('}');
}

fn json_str(s: &str, html: bool, out: &mut String) {
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '<' | '>' | '&' if html => out.push_str(&format!("\\u{:04x}", c as u32)),
            '\u{2028}' | '\u{2029}' => out.push_str(&format!("\\u{:04x}", c as u32)),
            c if (c as u32) < 0x20 => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
}

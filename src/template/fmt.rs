//! Go's fmt for template values: `%v` as templates print, and `printf`.

use super::value::{NilKind, Value};

/// `{{.X}}`'s output: Go's %v, `<no value>` for nothing.
pub fn print(v: &Value) -> String {
    match v {
        Value::Invalid => "<no value>".into(),
        v => value_v(v, false),
    }
}

/// %v (with `plus`, %+v) of a value at `depth` (0 = the operand itself).
fn value_v(v: &Value, plus: bool) -> String {
    match v {
        Value::Invalid => "<invalid reflect.Value>".into(),
        Value::Nil(NilKind::Slice) => "[]".into(),
        Value::Nil(NilKind::Map) => "map[]".into(),
        Value::Nil(_) => "<nil>".into(),
        Value::Bool(b) => b.to_string(),
        Value::Int(i) => i.to_string(),
        Value::Uint(u) => u.to_string(),
        Value::Float(f) => go_float(*f, 'g', None),
        Value::Number(n) => n.clone(),
        Value::Str(s) => s.clone(),
        Value::List(l) => {
            let items: Vec<String> = l.iter().map(|e| value_v(e, plus)).collect();
            format!("[{}]", items.join(" "))
        }
        Value::Map(m) => {
            let items: Vec<String> =
                m.entries.iter().map(|(k, e)| format!("{k}:{}", value_v(e, plus))).collect();
            format!("map[{}]", items.join(" "))
        }
        Value::Struct(s) => {
            let items: Vec<String> = s
                .fields
                .iter()
                .map(|(name, _, e)| {
                    let v = value_v(e, plus);
                    if plus {
                        format!("{name}:{v}")
                    } else {
                        v
                    }
                })
                .collect();
            format!("{{{}}}", items.join(" "))
        }
    }
}

/// Go's fmt.Sprint: a space between operands when neither is a string.
pub fn sprint(args: &[Value]) -> String {
    let mut out = String::new();
    for (i, a) in args.iter().enumerate() {
        let is_str = |v: &Value| matches!(v, Value::Str(_));
        if i > 0 && !is_str(a) && !is_str(&args[i - 1]) {
            out.push(' ');
        }
        out.push_str(&arg_v(a));
    }
    out
}

/// Go's fmt.Sprintln: spaces between all operands, then a newline.
pub fn sprintln(args: &[Value]) -> String {
    let parts: Vec<String> = args.iter().map(arg_v).collect();
    format!("{}\n", parts.join(" "))
}

/// An argument passed to fmt (a nil interface prints `<nil>`).
fn arg_v(v: &Value) -> String {
    match v {
        Value::Invalid => "<nil>".into(),
        v => value_v(v, false),
    }
}

/// Go's `%q` / `strconv.Quote` (printability approximated outside ASCII).
pub fn quote(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' | '\\' => {
                out.push('\\');
                out.push(c);
            }
            '\u{7}' => out.push_str("\\a"),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\u{b}' => out.push_str("\\v"),
            c if c < ' ' || c == '\u{7f}' => out.push_str(&format!("\\x{:02x}", c as u32)),
            c if is_go_printable(c) => out.push(c),
            c if (c as u32) < 0x10000 => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push_str(&format!("\\U{:08x}", c as u32)),
        }
    }
    out.push('"');
    out
}

fn is_go_printable(c: char) -> bool {
    if c.is_ascii() {
        return true;
    }
    let format_char = matches!(c, '\u{ad}' | '\u{200b}'..='\u{200f}' | '\u{202a}'..='\u{202e}'
        | '\u{2060}'..='\u{2064}' | '\u{feff}');
    !c.is_control() && !c.is_whitespace() && !format_char
}

/// Go's strconv.FormatFloat for 'e', 'f' and 'g' (`prec` None = shortest).
pub fn go_float(x: f64, verb: char, prec: Option<usize>) -> String {
    if x.is_nan() {
        return "NaN".into();
    }
    if x.is_infinite() {
        return if x > 0.0 { "+Inf".into() } else { "-Inf".into() };
    }
    match verb {
        'f' | 'F' => format!("{:.*}", prec.unwrap_or(6), x),
        'e' | 'E' => {
            let s = go_exp(&match prec {
                Some(p) => format!("{:.*e}", p, x),
                None => format!("{x:e}"),
            });
            if verb == 'E' {
                s.to_uppercase()
            } else {
                s
            }
        }
        _ => {
            // Digits and exponent of the shortest (or `prec`-digit) form.
            let sci = match prec {
                Some(p) => format!("{:.*e}", p.max(1) - 1, x),
                None => format!("{x:e}"),
            };
            let (mant, exp) = sci.split_once('e').unwrap_or((&sci, "0"));
            let exp: i32 = exp.parse().unwrap_or(0);
            let digits = mant.trim_start_matches('-').replace('.', "").len() as i32;
            let eprec = match prec {
                None => 6,
                Some(p) => {
                    let p = p.max(1) as i32;
                    if p > digits && digits > exp {
                        digits
                    } else {
                        p
                    }
                }
            };
            if exp < -4 || exp >= eprec {
                let m = if prec.is_some() { trim_frac_zeros(mant) } else { mant.to_string() };
                go_exp(&format!("{m}e{exp}"))
            } else {
                let frac = (digits - 1 - exp).max(0) as usize;
                let s = format!("{:.*}", frac, x);
                if prec.is_some() {
                    trim_frac_zeros(&s)
                } else {
                    s
                }
            }
        }
    }
}

fn trim_frac_zeros(s: &str) -> String {
    if s.contains('.') {
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    } else {
        s.to_string()
    }
}

/// Rust's `1.5e3` as Go's `1.5e+03`.
fn go_exp(s: &str) -> String {
    let Some((m, e)) = s.split_once('e') else { return s.to_string() };
    let (sign, digits) = match e.strip_prefix('-') {
        Some(d) => ('-', d),
        None => ('+', e),
    };
    format!("{m}e{sign}{digits:0>2}")
}

struct Spec {
    minus: bool,
    plus: bool,
    sharp: bool,
    space: bool,
    zero: bool,
    width: Option<usize>,
    prec: Option<usize>,
}

/// Go's fmt.Sprintf.
pub fn sprintf(format: &str, args: &[Value]) -> String {
    let mut out = String::new();
    let mut argi = 0;
    let mut chars = format.chars().peekable();
    while let Some(c) = chars.next() {
        if c != '%' {
            out.push(c);
            continue;
        }
        let mut spec = Spec {
            minus: false,
            plus: false,
            sharp: false,
            space: false,
            zero: false,
            width: None,
            prec: None,
        };
        while let Some(&f) = chars.peek() {
            match f {
                '-' => spec.minus = true,
                '+' => spec.plus = true,
                '#' => spec.sharp = true,
                ' ' => spec.space = true,
                '0' => spec.zero = true,
                _ => break,
            }
            chars.next();
        }
        let num = |chars: &mut std::iter::Peekable<std::str::Chars>, argi: &mut usize| -> Option<usize> {
            if chars.peek() == Some(&'*') {
                chars.next();
                let n = match args.get(*argi) {
                    Some(Value::Int(i)) => Some((*i).clamp(0, 1 << 20) as usize),
                    _ => None,
                };
                *argi += 1;
                return n;
            }
            let mut n: Option<usize> = None;
            while let Some(d) = chars.peek().and_then(|c| c.to_digit(10)) {
                n = Some((n.unwrap_or(0) * 10 + d as usize).min(1 << 20));
                chars.next();
            }
            n
        };
        spec.width = num(&mut chars, &mut argi);
        if chars.peek() == Some(&'.') {
            chars.next();
            spec.prec = Some(num(&mut chars, &mut argi).unwrap_or(0));
        }
        let Some(verb) = chars.next() else {
            out.push_str("%!(NOVERB)");
            break;
        };
        if verb == '%' {
            out.push('%');
            continue;
        }
        let Some(arg) = args.get(argi) else {
            out.push_str(&format!("%!{verb}(MISSING)"));
            continue;
        };
        argi += 1;
        out.push_str(&format_one(verb, &spec, arg));
    }
    if argi < args.len() {
        let extra: Vec<String> =
            args[argi..].iter().map(|a| format!("{}={}", go_type(a), arg_v(a))).collect();
        out.push_str(&format!("%!(EXTRA {})", extra.join(", ")));
    }
    out
}

fn go_type(v: &Value) -> String {
    match v {
        Value::Invalid | Value::Nil(NilKind::Interface) => "<nil>".into(),
        v => v.type_name(),
    }
}

fn bad(verb: char, v: &Value) -> String {
    match v {
        Value::Invalid | Value::Nil(NilKind::Interface) => format!("%!{verb}(<nil>)"),
        v => format!("%!{verb}({}={})", go_type(v), arg_v(v)),
    }
}

fn pad(s: String, spec: &Spec, numeric: bool) -> String {
    let Some(w) = spec.width else { return s };
    let len = s.chars().count();
    if len >= w {
        return s;
    }
    let fill = w - len;
    if spec.minus {
        format!("{s}{}", " ".repeat(fill))
    } else if spec.zero && numeric {
        let (sign, rest) = match s.strip_prefix(['-', '+']) {
            Some(r) => (&s[..1], r.to_string()),
            None => ("", s.clone()),
        };
        format!("{sign}{}{rest}", "0".repeat(fill))
    } else {
        format!("{}{s}", " ".repeat(fill))
    }
}

fn sign(s: String, spec: &Spec, negative: bool) -> String {
    if negative {
        s
    } else if spec.plus {
        format!("+{s}")
    } else if spec.space {
        format!(" {s}")
    } else {
        s
    }
}

fn format_one(verb: char, spec: &Spec, arg: &Value) -> String {
    // Lists, maps and structs format element by element, as Go's fmt does.
    match arg {
        Value::List(l) => {
            let items: Vec<String> = l.iter().map(|e| format_one(verb, spec, e)).collect();
            return format!("[{}]", items.join(" "));
        }
        Value::Map(m) if verb == 'v' || verb == 's' => {
            let items: Vec<String> = m
                .entries
                .iter()
                .map(|(k, e)| {
                    format!("{}:{}", format_one(verb, spec, &Value::str(k)), format_one(verb, spec, e))
                })
                .collect();
            return format!("map[{}]", items.join(" "));
        }
        Value::Struct(s) if verb == 'v' || verb == 's' => {
            let items: Vec<String> = s
                .fields
                .iter()
                .map(|(name, _, e)| {
                    let v = format_one(verb, spec, e);
                    if spec.plus && verb == 'v' {
                        format!("{name}:{v}")
                    } else {
                        v
                    }
                })
                .collect();
            return format!("{{{}}}", items.join(" "));
        }
        _ => {}
    }
    if verb == 'T' {
        return pad(go_type(arg), spec, false);
    }
    match verb {
        'v' => {
            let s = match arg {
                // %+v is struct-field syntax, not a sign.
                Value::Float(f) => go_float(*f, 'g', spec.prec),
                Value::Str(s) if spec.sharp => quote(s),
                Value::Invalid => "<nil>".into(),
                v => value_v(v, spec.plus),
            };
            let numeric = matches!(arg, Value::Int(_) | Value::Uint(_) | Value::Float(_));
            pad(s, spec, numeric)
        }
        's' => match arg {
            Value::Str(s) | Value::Number(s) => pad(truncate(s, spec.prec), spec, false),
            Value::Nil(NilKind::Slice) | Value::Nil(NilKind::Map) => value_v(arg, false),
            v => bad('s', v),
        },
        'q' => match arg {
            Value::Str(s) | Value::Number(s) => pad(quote(&truncate(s, spec.prec)), spec, false),
            Value::Int(i) => match char::from_u32(*i as u32) {
                Some(c) => pad(format!("'{c}'"), spec, false),
                None => bad('q', arg),
            },
            v => bad('q', v),
        },
        'd' | 'b' | 'o' | 'O' | 'x' | 'X' | 'c' | 'U' => integer(verb, spec, arg),
        'e' | 'E' | 'f' | 'F' | 'g' | 'G' => match arg {
            Value::Float(f) => {
                let s = go_float(
                    *f,
                    verb.to_ascii_lowercase(),
                    spec.prec.or(if verb == 'g' || verb == 'G' { None } else { Some(6) }),
                );
                let s = if verb == 'G' || verb == 'E' { s.to_uppercase() } else { s };
                pad(sign(s, spec, *f < 0.0), spec, true)
            }
            v => bad(verb, v),
        },
        't' => match arg {
            Value::Bool(b) => pad(b.to_string(), spec, false),
            v => bad('t', v),
        },
        _ => bad(verb, arg),
    }
}

fn truncate(s: &str, prec: Option<usize>) -> String {
    match prec {
        Some(p) => s.chars().take(p).collect(),
        None => s.to_string(),
    }
}

fn integer(verb: char, spec: &Spec, arg: &Value) -> String {
    let (neg, mag) = match arg {
        Value::Int(i) => (*i < 0, i.unsigned_abs()),
        Value::Uint(u) => (false, *u),
        Value::Str(s) if verb == 'x' || verb == 'X' => {
            let h: String = s.bytes().map(|b| format!("{b:02x}")).collect();
            let h = if verb == 'X' { h.to_uppercase() } else { h };
            return pad(h, spec, false);
        }
        v => return bad(verb, v),
    };
    let digits = match verb {
        'd' => mag.to_string(),
        'b' => format!("{mag:b}"),
        'o' => format!("{}{mag:o}", if spec.sharp { "0" } else { "" }),
        'O' => format!("0o{mag:o}"),
        'x' => format!("{}{mag:x}", if spec.sharp { "0x" } else { "" }),
        'X' => format!("{}{mag:X}", if spec.sharp { "0X" } else { "" }),
        'c' => return pad(char::from_u32(mag as u32).unwrap_or('\u{fffd}').to_string(), spec, false),
        'U' => return pad(format!("U+{mag:04X}"), spec, false),
        _ => unreachable!(),
    };
    let digits = match spec.prec {
        Some(p) if digits.len() < p => format!("{}{digits}", "0".repeat(p - digits.len())),
        _ => digits,
    };
    let s = if neg { format!("-{digits}") } else { sign(digits, spec, false) };
    pad(s, spec, spec.prec.is_none())
}

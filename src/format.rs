//! Output formatting shared by the commands: Go templates (`--format`), Docker's
//! aligned tables, and its human-readable sizes and durations.

use std::collections::HashMap;

use gtmpl::{Context, FuncError, Template, Value};

use crate::error::{Error, Result};

/// What `--format` asked for.
#[derive(Debug, Clone, PartialEq)]
pub enum Format {
    /// The command's default table.
    Default,
    /// `table TEMPLATE`: a header row, then aligned rows.
    Table(String),
    /// `json`: one JSON object per line.
    Json,
    /// A raw template, one rendering per item, no header.
    Raw(String),
}

impl Format {
    pub fn parse(s: Option<&str>) -> Format {
        match s {
            None | Some("") | Some("table") => Format::Default,
            Some("json") => Format::Json,
            Some(t) => match t.strip_prefix("table") {
                Some(rest) if rest.starts_with(char::is_whitespace) => {
                    Format::Table(rest.trim_start().to_string())
                }
                _ => Format::Raw(t.to_string()),
            },
        }
    }
}

/// Converts JSON into a template value.
pub fn to_value(v: &serde_json::Value) -> Value {
    match v {
        serde_json::Value::Null => Value::Nil,
        serde_json::Value::Bool(b) => Value::Bool(*b),
        serde_json::Value::Number(n) => {
            if let Some(i) = n.as_i64() {
                Value::from(i)
            } else if let Some(u) = n.as_u64() {
                Value::from(u)
            } else {
                Value::from(n.as_f64().unwrap_or(0.0))
            }
        }
        serde_json::Value::String(s) => Value::String(s.clone()),
        serde_json::Value::Array(a) => Value::Array(a.iter().map(to_value).collect()),
        serde_json::Value::Object(o) => {
            let mut map: std::collections::HashMap<String, Value> =
                o.iter().map(|(k, v)| (k.clone(), to_value(v))).collect();
            // Docker's templates see Go's field names where its JSON keys
            // differ (`{{.ID}}` and `{{.Id}}` alike); `json` shows neither twice.
            let mut aliases = Vec::new();
            for (json_key, go_name) in GO_NAMES {
                if let (Some(v), false) = (o.get(*json_key), o.contains_key(*go_name)) {
                    map.insert(go_name.to_string(), to_value(v));
                    aliases.push(Value::String(go_name.to_string()));
                }
            }
            if !aliases.is_empty() {
                map.insert(ALIASES_KEY.into(), Value::Array(aliases));
            }
            Value::Object(map)
        }
    }
}

/// JSON keys of Docker's API whose Go field (what templates name) differs.
const GO_NAMES: &[(&str, &str)] = &[("Id", "ID"), ("ApiVersion", "APIVersion")];
/// Where an object lists the Go-name aliases `to_value` added.
const ALIASES_KEY: &str = "_go_aliases";

fn from_value(v: &Value) -> serde_json::Value {
    match v {
        Value::NoValue | Value::Nil | Value::Function(_) => serde_json::Value::Null,
        Value::Bool(b) => serde_json::Value::Bool(*b),
        Value::String(s) => serde_json::Value::String(s.clone()),
        Value::Number(n) => {
            if let Some(i) = n.as_i64() {
                serde_json::json!(i)
            } else if let Some(u) = n.as_u64() {
                serde_json::json!(u)
            } else {
                serde_json::json!(n.as_f64().unwrap_or(0.0))
            }
        }
        Value::Array(a) => serde_json::Value::Array(a.iter().map(from_value).collect()),
        Value::Object(o) | Value::Map(o) => {
            let aliases: Vec<String> = match o.get(ALIASES_KEY) {
                Some(Value::Array(a)) => a.iter().map(|v| v.to_string()).collect(),
                _ => Vec::new(),
            };
            let mut keys: Vec<&String> =
                o.keys().filter(|k| !k.starts_with('_') && !aliases.contains(k)).collect();
            keys.sort();
            serde_json::Value::Object(keys.into_iter().map(|k| (k.clone(), from_value(&o[k]))).collect())
        }
    }
}

fn arg_str(args: &[Value], i: usize) -> String {
    match args.get(i) {
        Some(Value::String(s)) => s.clone(),
        Some(Value::Nil) | Some(Value::NoValue) | None => String::new(),
        Some(v) => v.to_string(),
    }
}

fn f_json(args: &[Value]) -> std::result::Result<Value, FuncError> {
    let v = args.first().map(from_value).unwrap_or(serde_json::Value::Null);
    Ok(Value::String(serde_json::to_string(&v).unwrap_or_default()))
}
fn f_upper(args: &[Value]) -> std::result::Result<Value, FuncError> {
    Ok(Value::String(arg_str(args, 0).to_uppercase()))
}
fn f_lower(args: &[Value]) -> std::result::Result<Value, FuncError> {
    Ok(Value::String(arg_str(args, 0).to_lowercase()))
}
fn f_title(args: &[Value]) -> std::result::Result<Value, FuncError> {
    let s = arg_str(args, 0);
    let mut out = String::new();
    let mut start = true;
    for c in s.chars() {
        out.extend(if start { c.to_uppercase().collect::<Vec<_>>() } else { vec![c] });
        start = c.is_whitespace();
    }
    Ok(Value::String(out))
}
fn f_join(args: &[Value]) -> std::result::Result<Value, FuncError> {
    let sep = arg_str(args, 1);
    let items: Vec<String> = match args.first() {
        Some(Value::Array(a)) => a.iter().map(|v| arg_str(std::slice::from_ref(v), 0)).collect(),
        _ => Vec::new(),
    };
    Ok(Value::String(items.join(&sep)))
}
fn f_split(args: &[Value]) -> std::result::Result<Value, FuncError> {
    let s = arg_str(args, 0);
    let sep = arg_str(args, 1);
    Ok(Value::Array(s.split(sep.as_str()).map(|p| Value::String(p.to_string())).collect()))
}
fn f_truncate(args: &[Value]) -> std::result::Result<Value, FuncError> {
    let s = arg_str(args, 0);
    let n: usize = arg_str(args, 1).parse().unwrap_or(usize::MAX);
    Ok(Value::String(s.chars().take(n).collect()))
}
/// Widest padding `pad` makes: a bigger one is a typo, not a column, and
/// would exhaust memory (`{{pad .ID 99999999999 0}}`).
const MAX_PAD: usize = 1 << 20;

fn f_pad(args: &[Value]) -> std::result::Result<Value, FuncError> {
    let s = arg_str(args, 0);
    let l: usize = arg_str(args, 1).parse().unwrap_or(0);
    let r: usize = arg_str(args, 2).parse().unwrap_or(0);
    if l > MAX_PAD || r > MAX_PAD {
        return Err(FuncError::Generic(format!("pad: padding over {MAX_PAD} spaces")));
    }
    Ok(Value::String(format!("{}{s}{}", " ".repeat(l), " ".repeat(r))))
}
/// `{{.Label "key"}}` (rewritten to `__label . "key"`) on a row that carries its
/// labels under `_labels`.
fn f_label(args: &[Value]) -> std::result::Result<Value, FuncError> {
    let key = arg_str(args, 1);
    if let Some(Value::Object(o)) = args.first() {
        if let Some(Value::Object(labels)) = o.get("_labels") {
            return Ok(labels.get(&key).cloned().unwrap_or(Value::String(String::new())));
        }
    }
    Ok(Value::String(String::new()))
}

/// gtmpl cannot call a field with arguments, so `.Label "key"` (a method in
/// Docker's templates) becomes a call of our `__label` function.
fn rewrite_label_calls(text: &str) -> String {
    let mut out = String::new();
    let mut rest = text;
    while let Some(i) = rest.find(".Label") {
        let after = &rest[i + 6..];
        let trimmed = after.trim_start();
        if after.len() != trimmed.len() && trimmed.starts_with('"') {
            if let Some(end) = trimmed[1..].find('"') {
                out.push_str(&rest[..i]);
                out.push_str(&format!("(__label . {})", &trimmed[..end + 2]));
                rest = &trimmed[end + 2..];
                continue;
            }
        }
        out.push_str(&rest[..i + 6]);
        rest = after;
    }
    out.push_str(rest);
    out
}

/// Refuses what gtmpl 0.7's lexer mishandles, before it sees it: an action
/// left open at the end of the text (after a space it loops forever:
/// `{{.ID `), and a non-ASCII character in an action outside a quoted string
/// (it panics cutting the character in two: `{{.é}}`), nor in a string with
/// a backslash (its unquoting slices escapes bytewise, in raw strings too:
/// `{{"\é"}}`), nor a `\x` or `\u` escape short of its hex digits (it
/// loops forever: `{{"\u"}}`). Go refuses all but the second; Docker's field
/// names are ASCII.
fn check_actions(text: &str) -> Result<()> {
    let bad = |why: &str| Err(Error::InvalidArgument(format!("template parsing error: {why}")));
    let mut rest = text;
    while let Some(open) = rest.find("{{") {
        rest = &rest[open + 2..];
        let body = rest.strip_prefix("- ").unwrap_or(rest);
        if let Some(comment) = body.strip_prefix("/*") {
            match comment.find("*/") {
                Some(end) => rest = &comment[end + 2..],
                None => return bad("unclosed comment"),
            }
            continue;
        }
        let mut chars = rest.char_indices();
        let end = loop {
            let Some((i, c)) = chars.next() else { return bad("unclosed action") };
            match c {
                '}' if rest[i..].starts_with("}}") => break i + 2,
                '"' | '`' | '\'' => {
                    // A quoted string or char: anything but its own quote (and,
                    // in "…" and '…', an escaped one) until that quote.
                    let (mut escaped, mut backslash, mut ascii) = (false, false, true);
                    loop {
                        let Some((k, q)) = chars.next() else { return bad("unclosed action") };
                        // gtmpl loops forever on a short \x or \u escape.
                        let hex = |n: usize| {
                            let digits = rest.as_bytes().get(k + 2..k + 2 + n);
                            digits.is_some_and(|d| d.iter().all(u8::is_ascii_hexdigit))
                        };
                        if q == '\\' && !escaped {
                            match rest.as_bytes().get(k + 1) {
                                Some(b'x') if !hex(2) => return bad("invalid \\x escape"),
                                Some(b'u') if !hex(4) => return bad("invalid \\u escape"),
                                _ => {}
                            }
                        }
                        backslash |= q == '\\';
                        ascii &= q.is_ascii();
                        match q {
                            _ if escaped => escaped = false,
                            '\\' if c != '`' => escaped = true,
                            // gtmpl unescapes raw strings too: a final \ runs off the end.
                            '`' if c == '`' && rest[..k].ends_with('\\') => {
                                return bad("raw string ends in a backslash")
                            }
                            _ if q == c => break,
                            _ => {}
                        }
                    }
                    if backslash && !ascii {
                        return bad("non-ASCII character in a string with a backslash");
                    }
                }
                c if !c.is_ascii() => return bad(&format!("unexpected {c:?} in action")),
                _ => {}
            }
        };
        rest = &rest[end..];
    }
    Ok(())
}

fn template(text: &str) -> Result<Template> {
    let text = rewrite_label_calls(text);
    check_actions(&text)?;
    let mut t = Template::default();
    t.add_funcs(&[
        ("json", f_json as gtmpl::Func),
        ("upper", f_upper),
        ("lower", f_lower),
        ("title", f_title),
        ("join", f_join),
        ("split", f_split),
        ("truncate", f_truncate),
        ("pad", f_pad),
        ("__label", f_label),
    ]);
    t.parse(text).map_err(|e| Error::InvalidArgument(format!("template parsing error: {e}")))?;
    Ok(t)
}

/// Renders `text` against `value` (the `.` of the template).
pub fn render(text: &str, value: &serde_json::Value) -> Result<String> {
    let t = template(text)?;
    render_with(&t, to_value(value))
}

fn render_with(t: &Template, value: Value) -> Result<String> {
    t.render(&Context::from(value)).map_err(|e| Error::InvalidArgument(format!("template: {e}")))
}

/// Renders a list of rows per the format: the default table uses `default_table`;
/// `header` maps field names to column titles.
pub fn render_rows(
    format: &Format,
    default_table: &str,
    header: &HashMap<&str, &str>,
    rows: &[serde_json::Value],
) -> Result<String> {
    let (text, with_header) = match format {
        Format::Default => (default_table.to_string(), true),
        Format::Table(t) => (t.clone(), true),
        Format::Raw(t) => (t.clone(), false),
        Format::Json => ("{{json .}}".to_string(), false),
    };
    let text = unescape(&text);
    let t = template(&text)?;
    let mut lines = Vec::new();
    if with_header {
        let h: serde_json::Map<String, serde_json::Value> =
            header.iter().map(|(k, v)| (k.to_string(), serde_json::Value::String(v.to_string()))).collect();
        let mut hv = to_value(&serde_json::Value::Object(h));
        if let Value::Object(o) = &mut hv {
            o.insert("_labels".into(), Value::Object(HashMap::new()));
        }
        lines.push(render_with(&t, hv).unwrap_or_default());
    }
    for row in rows {
        lines.push(render_with(&t, to_value(row))?);
    }
    let mut out = String::new();
    if with_header || matches!(format, Format::Table(_)) {
        out = tabwrite(&lines);
    } else {
        for l in lines {
            out.push_str(&l);
            out.push('\n');
        }
    }
    Ok(out)
}

/// Docker's templates take `\t` and `\n` literally from the command line.
pub fn unescape(s: &str) -> String {
    s.replace("\\t", "\t").replace("\\n", "\n")
}

/// Aligns tab-separated cells as Go's tabwriter does for Docker (minimum width 10,
/// padding 3); text after the last tab is not aligned.
pub fn tabwrite(lines: &[String]) -> String {
    let rows: Vec<Vec<&str>> = lines.iter().map(|l| l.split('\t').collect()).collect();
    let cols = rows.iter().map(|r| r.len().saturating_sub(1)).max().unwrap_or(0);
    let mut widths = vec![0usize; cols];
    for r in &rows {
        for (i, cell) in r.iter().take(r.len().saturating_sub(1)).enumerate() {
            widths[i] = widths[i].max(cell.chars().count() + 3).max(10);
        }
    }
    let mut out = String::new();
    for r in &rows {
        let mut line = String::new();
        for (i, cell) in r.iter().enumerate() {
            if i + 1 < r.len() {
                line.push_str(cell);
                line.push_str(&" ".repeat(widths[i].saturating_sub(cell.chars().count())));
            } else {
                line.push_str(cell);
            }
        }
        out.push_str(&line);
        out.push('\n');
    }
    out
}

/// Go's `%.{prec}g`.
fn go_g(x: f64, prec: usize) -> String {
    if x == 0.0 {
        return "0".into();
    }
    let exp = x.abs().log10().floor() as i32;
    let s = format!("{:.*e}", prec.saturating_sub(1), x);
    let (mant, e) = s.split_once('e').unwrap_or((&s, "0"));
    let e: i32 = e.parse().unwrap_or(exp);
    if e < -4 || e >= prec as i32 {
        let mant = trim_zeros(mant);
        return format!("{mant}e{}{:02}", if e < 0 { '-' } else { '+' }, e.abs());
    }
    let decimals = (prec as i32 - 1 - e).max(0) as usize;
    trim_zeros(&format!("{x:.decimals$}"))
}

fn trim_zeros(s: &str) -> String {
    if s.contains('.') {
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    } else {
        s.to_string()
    }
}

/// go-units' HumanSizeWithPrecision(size, 3): decimal units, `4.26MB`.
pub fn human_size(size: u64) -> String {
    let units = ["B", "kB", "MB", "GB", "TB", "PB", "EB", "ZB", "YB"];
    let mut s = size as f64;
    let mut i = 0;
    while s >= 1000.0 && i < units.len() - 1 {
        s /= 1000.0;
        i += 1;
    }
    format!("{}{}", go_g(s, 3), units[i])
}

/// go-units' BytesSize: binary units with four significant digits, `1.5MiB`.
pub fn bytes_size(size: u64) -> String {
    let units = ["B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB", "ZiB", "YiB"];
    let mut s = size as f64;
    let mut i = 0;
    while s >= 1024.0 && i < units.len() - 1 {
        s /= 1024.0;
        i += 1;
    }
    format!("{}{}", go_g(s, 4), units[i])
}

/// go-units' HumanDuration: "Less than a second", "About a minute", "3 hours"…
pub fn human_duration(d: chrono::Duration) -> String {
    let secs = d.num_seconds();
    if secs < 1 {
        return "Less than a second".into();
    }
    if secs == 1 {
        return "1 second".into();
    }
    if secs < 60 {
        return format!("{secs} seconds");
    }
    let minutes = d.num_minutes();
    if minutes == 1 {
        return "About a minute".into();
    }
    if minutes < 60 {
        return format!("{minutes} minutes");
    }
    let hours = (d.num_seconds() as f64 / 3600.0 + 0.5) as i64;
    if hours == 1 {
        return "About an hour".into();
    }
    if hours < 48 {
        return format!("{hours} hours");
    }
    if hours < 24 * 7 * 2 {
        return format!("{} days", hours / 24);
    }
    if hours < 24 * 30 * 2 {
        return format!("{} weeks", hours / 24 / 7);
    }
    if hours < 24 * 365 * 2 {
        return format!("{} months", hours / 24 / 30);
    }
    format!("{} years", hours / 24 / 365)
}

/// "5 minutes ago" for an RFC 3339 time.
pub fn ago(time: &str) -> String {
    match crate::util::parse_time(time) {
        Some(t) => format!("{} ago", human_duration(chrono::Utc::now() - t)),
        None => String::new(),
    }
}

/// Parses Docker's memory sizes: `512m`, `1g`, `1024` (bytes), `1.5GB`.
pub fn parse_bytes(s: &str) -> Result<i64> {
    let bad = || Error::InvalidArgument(format!("invalid size: '{s}'"));
    let lower = s.trim().to_ascii_lowercase();
    let split = lower.find(|c: char| !(c.is_ascii_digit() || c == '.')).unwrap_or(lower.len());
    let (num, unit) = lower.split_at(split);
    let n: f64 = num.parse().map_err(|_| bad())?;
    // go-units: one optional space, then `b`, or a unit with an optional `b` or `ib`.
    let unit = unit.strip_prefix(' ').unwrap_or(unit);
    let power = match unit.as_bytes() {
        [] | [b'b'] => 0,
        [u] | [u, b'b'] | [u, b'i', b'b'] => match u {
            b'k' => 1,
            b'm' => 2,
            b'g' => 3,
            b't' => 4,
            b'p' => 5,
            _ => return Err(bad()),
        },
        _ => return Err(bad()),
    };
    let mult = 1024f64.powi(power);
    let bytes = n * mult;
    // `as` would saturate; Go's conversion wraps to a negative limit. Refuse both.
    if bytes >= i64::MAX as f64 {
        return Err(Error::InvalidArgument(format!("invalid size: '{s}': out of range")));
    }
    Ok(bytes as i64)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_like_go_units() {
        assert_eq!(human_size(0), "0B");
        assert_eq!(human_size(999), "999B");
        assert_eq!(human_size(4_263_000), "4.26MB");
        assert_eq!(human_size(1_000), "1kB");
        assert_eq!(human_size(123_456_789), "123MB");
        assert_eq!(bytes_size(1536 * 1024), "1.5MiB");
        assert_eq!(bytes_size(25_165_824_000), "23.44GiB");
    }

    #[test]
    fn durations_like_go_units() {
        let d = chrono::Duration::seconds;
        assert_eq!(human_duration(d(0)), "Less than a second");
        assert_eq!(human_duration(d(5)), "5 seconds");
        assert_eq!(human_duration(d(65)), "About a minute");
        assert_eq!(human_duration(d(600)), "10 minutes");
        assert_eq!(human_duration(d(3600)), "About an hour");
        assert_eq!(human_duration(d(5 * 3600)), "5 hours");
        assert_eq!(human_duration(d(3 * 86400)), "3 days");
    }

    #[test]
    fn go_field_names() {
        let v = serde_json::json!({"Id": "abc", "Server": {"ApiVersion": "1.43"}});
        assert_eq!(render("{{.ID}} {{.Id}} {{.Server.APIVersion}}", &v).unwrap(), "abc abc 1.43");
        assert_eq!(render("{{json .}}", &v).unwrap(), r#"{"Id":"abc","Server":{"ApiVersion":"1.43"}}"#);
    }

    #[test]
    fn templates_and_tables() {
        let v = serde_json::json!({"ID": "abc", "Names": "web", "_labels": {"a": "1"}, "List": ["x", "y"]});
        assert_eq!(render("{{.ID}}-{{.Names}}", &v).unwrap(), "abc-web");
        assert_eq!(render("{{.Label \"a\"}}", &v).unwrap(), "1");
        assert_eq!(render("{{join .List \",\"}}", &v).unwrap(), "x,y");
        assert_eq!(render("{{json .List}}", &v).unwrap(), "[\"x\",\"y\"]");
        assert_eq!(render("{{upper .Names}}", &v).unwrap(), "WEB");
        let mut h = HashMap::new();
        h.insert("ID", "CONTAINER ID");
        h.insert("Names", "NAMES");
        let out = render_rows(&Format::Default, "{{.ID}}\t{{.Names}}", &h, &[v]).unwrap();
        assert_eq!(out, "CONTAINER ID   NAMES\nabc            web\n");
        assert_eq!(Format::parse(Some("table {{.ID}}")), Format::Table("{{.ID}}".into()));
        assert_eq!(Format::parse(Some("{{.ID}}")), Format::Raw("{{.ID}}".into()));
    }

    #[test]
    fn memory_sizes() {
        assert_eq!(parse_bytes("512m").unwrap(), 512 << 20);
        assert_eq!(parse_bytes("1g").unwrap(), 1 << 30);
        assert_eq!(parse_bytes("100").unwrap(), 100);
        assert!(parse_bytes("12q").is_err());
        assert_eq!(parse_bytes("8191p").unwrap(), 8191 << 50);
        assert_eq!(
            parse_bytes("99999999999g").unwrap_err().to_string(),
            "invalid size: '99999999999g': out of range"
        );
    }
}

#[cfg(test)]
mod prop {
    use super::*;
    use crate::prop::Rng;

    const PIECES: &[&str] = &[
        "{{",
        "}}",
        "{{",
        "}}",
        ".",
        ".ID",
        ".List",
        ".Nums",
        ".Config",
        ".Env",
        ".Label",
        " \"a\"",
        "\"",
        "range",
        "end",
        "if",
        "else",
        "with",
        "json",
        "pad",
        "truncate",
        "join",
        "split",
        "upper",
        "title",
        "printf",
        "\"%s\"",
        "\"%d\"",
        "index",
        "len",
        "|",
        "$x",
        ":=",
        "$",
        "(",
        ")",
        " ",
        " ",
        "3",
        "-1",
        "99999999999",
        "18446744073709551615",
        "-",
        "\\t",
        "\t",
        "table ",
        "é",
        "define",
        "template",
        "\"t\"",
    ];

    fn row() -> serde_json::Value {
        serde_json::json!({
            "ID": "abc", "Names": "web", "List": ["x", "y"], "Nums": [1, -2, 3.5],
            "Config": {"Env": ["A=1"], "Cmd": null}, "_labels": {"a": "1"}
        })
    }

    #[test]
    fn random_templates_render_or_refuse() {
        let mut rng = Rng::new(6);
        let v = row();
        let header = HashMap::from([("ID", "ID")]);
        for _ in 0..1_500 {
            let t = rng.tokens(PIECES, 12);
            let _ = render(&t, &v);
            let _ = render_rows(&Format::parse(Some(&t)), "{{.ID}}", &header, std::slice::from_ref(&v));
        }
    }

    /// gtmpl 0.7 loops forever on these, or panics in its lexer thread.
    #[test]
    fn templates_gtmpl_cannot_lex_are_refused() {
        let v = row();
        for t in [
            "{{ ",
            "{{.ID ",
            "{{\"a\" ",
            "{{$x ",
            "x{{.ID}}{{.ID\t",
            "{{/* x",
            "{{.é}}",
            "{{é}}",
            "{{x é}}",
            "{{\"}}",
            "{{\"\\é\"}}",
            "{{`\\x4é`}}",
            "{{'\\é'}}",
            "{{\"\\u\"}}",
            "{{\"\\x4\"}}",
            "{{`\\uon`}}",
            "{{\"\\u12g4\"}}",
            "t{{`-}\\`}t{{\\\\ndm}}",
        ] {
            let err = render(t, &v).unwrap_err().to_string();
            assert!(err.starts_with("template parsing error"), "{t:?}: {err}");
        }
        assert_eq!(
            render("{{\"é\"}} {{`}}é`}} {{'é'}} {{\"\\\"}}\"}} é{{/* é }} */}}", &v).unwrap(),
            "é }}é 233 \"}} é"
        );
        assert_eq!(render("{{- .ID -}} {{.Label \"a\"}}", &v).unwrap(), "abc1");
        // Found by the render fuzz target: a backslash, then a non-ASCII
        // character, in a raw string.
        let crash = "t{{`-}{{\\t\\\u{623}p=\n\u{5e3}\0{{`}nd$}}";
        assert!(
            render_rows(&Format::parse(Some(crash)), "", &HashMap::new(), std::slice::from_ref(&v)).is_err()
        );
        // And a hang it found: "\uon" in a string.
        let hang = "Na{{print.Lsti \"tan 0\0\0\0{{\\n,ds}}}{{\\nds\\uon\"tan} .Co/*nfnigtq}}=";
        assert!(render(hang, &v).is_err());
        assert_eq!(render("{{\"\\u0041\"}}{{\"\\x42\"}}{{\"\\\\u\"}}", &v).unwrap(), "AB\\u");
    }

    #[test]
    fn huge_pads_are_refused() {
        let v = row();
        for t in ["{{pad .ID 99999999999 0}}", "{{pad .ID 0 18446744073709551615}}", "{{pad .ID 1048577 0}}"]
        {
            let err = render(t, &v).unwrap_err().to_string();
            assert!(err.contains("pad"), "{t}: {err}");
        }
        assert_eq!(render("{{pad .ID 2 1}}", &v).unwrap(), "  abc ");
    }

    #[test]
    fn byte_sizes() {
        let mut rng = Rng::new(7);
        for _ in 0..5_000 {
            let n = rng.next_u64() >> rng.below(64).max(24); // at most 2^40
            let n = n as i64;
            assert_eq!(parse_bytes(&n.to_string()).unwrap(), n);
            assert_eq!(parse_bytes(&format!("{n}b")).unwrap(), n);
            for (unit, shift) in [("k", 10), ("m", 20), ("g", 30)] {
                if n < 1 << (62 - shift) {
                    let want = n << shift;
                    assert_eq!(parse_bytes(&format!("{n}{unit}")).unwrap(), want, "{n}{unit}");
                    assert_eq!(parse_bytes(&format!("{n}{}B", unit.to_uppercase())).unwrap(), want);
                    assert_eq!(parse_bytes(&format!("{n}{unit}ib")).unwrap(), want);
                    assert_eq!(parse_bytes(&format!("{n} {unit}")).unwrap(), want);
                }
            }
        }
        for _ in 0..20_000 {
            let s = rng
                .tokens(&["1", "0", "9", ".", "k", "m", "g", "t", "p", "b", "i", "B", " ", "-", "e", "x"], 8);
            if let Ok(n) = parse_bytes(&s) {
                assert!(n >= 0, "{s:?}");
            }
        }
    }

    #[test]
    fn byte_size_units_as_go_units_reads_them() {
        for ok in ["1", "1b", "1k", "1kb", "1kib", "1KiB", "1 k", "1.5k", "2P"] {
            assert!(parse_bytes(ok).is_ok(), "{ok:?}");
        }
        for bad in ["1bb", "1kbb", "1kii", "1i", "1ib", "1kbi", "1  k", "k", "", "1q"] {
            assert!(parse_bytes(bad).is_err(), "{bad:?}");
        }
    }
}

//! Output formatting shared by the commands: Go templates (`--format`), Docker's
//! aligned tables, and its human-readable sizes and durations.

use std::collections::HashMap;

use crate::error::{Error, Result};
use crate::template::{self, Mode, Options, Template, Value};

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

/// How a command reports a bad template, as Docker's command does.
#[derive(Clone, Copy)]
pub enum Wording {
    /// `inspect` of any object: `template parsing error: …`, a parse error
    /// exits 64.
    Inspect,
    /// `version` and `info`: a parse error as inspect's, an execution error bare.
    Typed,
    /// List commands: `template parsing error: …` for both, exit 1.
    List,
    /// `ps`: `failed to parse template: …` / `failed to execute template: …`.
    Ps,
}

fn template_error(w: Wording, parse: bool, e: String) -> Error {
    let (msg, code) = match (w, parse) {
        (Wording::Inspect | Wording::Typed, true) => (format!("template parsing error: {e}"), 64),
        (Wording::Inspect | Wording::List, false) | (Wording::List, true) => {
            (format!("template parsing error: {e}"), 1)
        }
        (Wording::Typed, false) => (e, 1),
        (Wording::Ps, true) => (format!("failed to parse template: {e}"), 1),
        (Wording::Ps, false) => (format!("failed to execute template: {e}"), 1),
    };
    Error::Template { msg, code }
}

fn parse(name: &str, text: &str, w: Wording) -> Result<Template> {
    Template::parse(name, text).map_err(|e| template_error(w, true, e))
}

/// `inspect -f`: the object as Docker's typed Go value, and where that fails
/// (a JSON key that is not a Go field name, say), as decoded JSON with
/// `missingkey=error`, as Docker's CLI retries.
pub fn render_inspect<T: serde::Serialize>(text: &str, value: &T) -> Result<String> {
    let t = parse("", text, Wording::Inspect)?;
    let typed = template::to_value(value, "struct");
    t.execute(&typed, Options::default()).or_else(|_| {
        let json = serde_json::to_value(value).unwrap_or_default();
        let raw = template::from_json(&json, Mode::Raw, "");
        t.execute(&raw, Options { missing_key_error: true, ..Default::default() })
            .map_err(|e| template_error(Wording::Inspect, false, e))
    })
}

/// `--format` of a single typed value (`version`, `info`): `name` is the
/// template's name in errors, `type_name` the Go type they name.
pub fn render<T: serde::Serialize>(text: &str, name: &str, type_name: &str, value: &T) -> Result<String> {
    let t = parse(name, text, Wording::Typed)?;
    let v = template::to_value(value, type_name);
    t.execute(&v, Options::default()).map_err(|e| template_error(Wording::Typed, false, e))
}

/// `render` of a JSON document, its objects taken as Docker's structs by
/// their keys (for values that have no typed struct).
pub fn render_json(text: &str, name: &str, type_name: &str, value: &serde_json::Value) -> Result<String> {
    let t = parse(name, text, Wording::Typed)?;
    let v = template::from_json(value, Mode::Typed, type_name);
    t.execute(&v, Options::default()).map_err(|e| template_error(Wording::Typed, false, e))
}

/// A list command's rows as Docker's formatter contexts: `type_name` is the
/// context's Go type (`*formatter.ContainerContext`), fields sorted as their
/// JSON is, labels behind `.Label "key"` from a row's `_labels`.
fn row_value(row: &serde_json::Value, type_name: &str) -> Value {
    let mut v = template::from_json(row, Mode::Typed, type_name);
    if let Value::Struct(s) = &mut v {
        let s = std::rc::Rc::make_mut(s);
        s.fields.sort_by(|a, b| a.1.cmp(&b.1));
        s.json_escape_html = true;
        s.labels.get_or_insert_with(Default::default);
    }
    v
}

/// Renders a list of rows per the format: the default table uses
/// `default_table`; `header` maps field names to column titles; `type_name`
/// is the Go type of Docker's row context, as errors name it.
pub fn render_rows(
    format: &Format,
    default_table: &str,
    header: &HashMap<&str, &str>,
    rows: &[serde_json::Value],
    type_name: &str,
) -> Result<String> {
    let (text, with_header) = match format {
        Format::Default => (default_table.to_string(), true),
        Format::Table(t) => (t.clone(), true),
        Format::Raw(t) => (t.clone(), false),
        Format::Json => ("{{json .}}".to_string(), false),
    };
    let wording = if type_name == "*formatter.ContainerContext" { Wording::Ps } else { Wording::List };
    // Docker's formatters trim spaces and take `\t` and `\n` literally.
    let text = unescape(text.trim_matches(' '));
    let t = parse("", &text, wording)?;
    let mut lines = Vec::new();
    if with_header {
        let h: serde_json::Map<String, serde_json::Value> =
            header.iter().map(|(k, v)| (k.to_string(), serde_json::Value::String(v.to_string()))).collect();
        let hv = row_value(&serde_json::Value::Object(h), type_name);
        lines.push(t.execute(&hv, Options { header: true, ..Default::default() }).unwrap_or_default());
    }
    for row in rows {
        let v = row_value(row, type_name);
        lines.push(t.execute(&v, Options::default()).map_err(|e| template_error(wording, false, e))?);
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
    template::go_float(x, 'g', Some(prec))
}

/// Go's time.Time.String() of an RFC 3339 time, in UTC: `2026-01-01
/// 00:00:00.5 +0000 UTC` (fraction without trailing zeros, none when
/// whole; `nanos` false drops it as Docker does for image times); Go's zero
/// time for none.
pub fn go_time(rfc3339: &str, nanos: bool) -> String {
    let Some(t) = crate::util::parse_time(rfc3339) else { return "0001-01-01 00:00:00 +0000 UTC".into() };
    let mut s = t.format("%Y-%m-%d %H:%M:%S").to_string();
    let frac = format!("{:09}", t.timestamp_subsec_nanos());
    let frac = frac.trim_end_matches('0');
    if nanos && !frac.is_empty() {
        s.push('.');
        s.push_str(frac);
    }
    s + " +0000 UTC"
}

/// go-units' HumanSizeWithPrecision(size, 3): decimal units, `4.26MB`.
pub fn human_size(size: u64) -> String {
    human_size_with_precision(size, 3)
}

/// go-units' HumanSize (four significant digits): `images`' VirtualSize.
pub fn human_size_4(size: u64) -> String {
    human_size_with_precision(size, 4)
}

fn human_size_with_precision(size: u64, prec: usize) -> String {
    let units = ["B", "kB", "MB", "GB", "TB", "PB", "EB", "ZB", "YB"];
    let mut s = size as f64;
    let mut i = 0;
    while s >= 1000.0 && i < units.len() - 1 {
        s /= 1000.0;
        i += 1;
    }
    format!("{}{}", go_g(s, prec), units[i])
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

/// A typed rendering, for the tests.
#[cfg(test)]
fn r(text: &str, v: &serde_json::Value) -> Result<String> {
    render_json(text, "", "*t", v)
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
        #[derive(serde::Serialize)]
        struct Version {
            #[serde(rename = "ApiVersion")]
            api: String,
        }
        #[derive(serde::Serialize)]
        struct Object {
            #[serde(rename = "Id")]
            id: String,
            #[serde(rename = "Server")]
            server: Version,
        }
        let v = Object { id: "abc".into(), server: Version { api: "1.43".into() } };
        // Typed, Go's names; inspect falls back to the JSON keys.
        assert_eq!(render("{{.ID}} {{.Server.APIVersion}}", "", "*t", &v).unwrap(), "abc 1.43");
        assert!(render("{{.Id}}", "", "*t", &v).is_err());
        assert_eq!(render_inspect("{{.ID}} {{.Server.APIVersion}}", &v).unwrap(), "abc 1.43");
        assert_eq!(render_inspect("{{.Id}} {{.Server.ApiVersion}}", &v).unwrap(), "abc 1.43");
        // Neither view has both names, so Docker fails this too.
        assert!(render_inspect("{{.ID}} {{.Id}}", &v).is_err());
        assert_eq!(
            render("{{json .}}", "", "*t", &v).unwrap(),
            r#"{"Id":"abc","Server":{"ApiVersion":"1.43"}}"#
        );
    }

    #[test]
    fn templates_and_tables() {
        let v = serde_json::json!({"ID": "abc", "Names": "web", "_labels": {"a": "1"}, "List": ["x", "y"]});
        assert_eq!(r("{{.ID}}-{{.Names}}", &v).unwrap(), "abc-web");
        assert_eq!(r("{{.Label \"a\"}}", &v).unwrap(), "1");
        assert_eq!(r("{{join .List \",\"}}", &v).unwrap(), "x,y");
        assert_eq!(r("{{json .List}}", &v).unwrap(), "[\"x\",\"y\"]");
        assert_eq!(r("{{upper .Names}}", &v).unwrap(), "WEB");
        let mut h = HashMap::new();
        h.insert("ID", "CONTAINER ID");
        h.insert("Names", "NAMES");
        let out = render_rows(&Format::Default, "{{.ID}}\t{{.Names}}", &h, &[v], "*t").unwrap();
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
            let _ = r(&t, &v);
            let _ = render_rows(&Format::parse(Some(&t)), "{{.ID}}", &header, std::slice::from_ref(&v), "*t");
        }
    }

    /// Malformed templates (once hangs and panics of gtmpl's) are refused.
    #[test]
    fn malformed_templates_are_refused() {
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
            "{{'\\é'}}",
            "{{\"\\u\"}}",
            "{{\"\\x4\"}}",
            "{{\"\\u12g4\"}}",
            "t{{`-}\\`}t{{\\\\ndm}}",
        ] {
            assert!(r(t, &v).is_err(), "{t:?}");
        }
        assert_eq!(
            r("{{\"é\"}} {{`}}é`}} {{'é'}} {{\"\\\"}}\"}} é{{/* é }} */}}", &v).unwrap(),
            "é }}é 233 \"}} é"
        );
        assert_eq!(r("{{- .ID -}} {{.Label \"a\"}}", &v).unwrap(), "abc1");
        // Raw strings take backslashes as they are.
        assert_eq!(r("{{`\\x4é`}}{{`\\uon`}}", &v).unwrap(), "\\x4é\\uon");
        // Found by the render fuzz target: a backslash, then a non-ASCII
        // character, in a raw string.
        let crash = "t{{`-}{{\\t\\\u{623}p=\n\u{5e3}\0{{`}nd$}}";
        assert!(render_rows(
            &Format::parse(Some(crash)),
            "",
            &HashMap::new(),
            std::slice::from_ref(&v),
            "*t"
        )
        .is_err());
        // And a hang it found: "\uon" in a string.
        let hang = "Na{{print.Lsti \"tan 0\0\0\0{{\\n,ds}}}{{\\nds\\uon\"tan} .Co/*nfnigtq}}=";
        assert!(r(hang, &v).is_err());
        assert_eq!(r("{{\"\\u0041\"}}{{\"\\x42\"}}{{\"\\\\u\"}}", &v).unwrap(), "AB\\u");
    }

    #[test]
    fn deep_nesting_is_refused_not_a_stack_overflow() {
        let v = row();
        let parens = format!("{{{{{}1{}}}}}", "(".repeat(100_000), ")".repeat(100_000));
        assert!(r(&parens, &v).unwrap_err().to_string().contains("max expression depth exceeded"));
        let ifs = format!("{}x{}", "{{if 1}}".repeat(100_000), "{{end}}".repeat(100_000));
        assert!(r(&ifs, &v).unwrap_err().to_string().contains("max expression depth exceeded"));
        let recursion = r#"{{define "t"}}{{template "t" .}}{{end}}{{template "t" .}}"#;
        assert!(r(recursion, &v).unwrap_err().to_string().contains("exceeded maximum template depth"));
        assert_eq!(r(&format!("{}1{}", "{{if 1}}".repeat(90), "{{end}}".repeat(90)), &v).unwrap(), "1");
        // Blocks nest too (5000 of them overflowed the parser's stack).
        let blocks = format!("{}{}", "{{block \"a\" .}}".repeat(5000), "{{end}}".repeat(5000));
        assert!(r(&blocks, &v).unwrap_err().to_string().contains("max expression depth exceeded"));
        // 99 ifs in a template calling itself 100 deep overflowed the executor's.
        let deep = format!(
            "{{{{define \"t\"}}}}{}{{{{template \"t\" .}}}}{}{{{{end}}}}{{{{template \"t\" .}}}}",
            "{{if 1}}".repeat(99),
            "{{end}}".repeat(99)
        );
        assert!(r(&deep, &v).unwrap_err().to_string().contains("exceeded maximum nesting depth"));
    }

    /// `range N` makes its items one at a time: 1e8 of them were allocated
    /// first (6.4 GB) before the output cap could stop the loop.
    #[test]
    fn huge_integer_ranges_stop_at_the_output_cap() {
        let v = row();
        let err = r("{{range 100000000000}}{{printf \"%1000s\" \"x\"}}{{end}}", &v).unwrap_err().to_string();
        assert!(err.contains("output over"), "{err}");
        assert_eq!(
            r("{{range $i, $e := 3}}{{$i}}{{$e}}{{end}}{{range -2}}x{{else}}e{{end}}", &v).unwrap(),
            "001122e"
        );
    }

    /// A right delimiter inside parentheses is Go's "unclosed left paren";
    /// `{{( -}}` used to loop forever in the lexer.
    #[test]
    fn unclosed_paren_is_refused_not_a_hang() {
        let v = row();
        for t in ["{{( -}}", "{{(}}", "{{(.ID -}}", "{{(1 }}"] {
            assert!(r(t, &v).unwrap_err().to_string().contains("unclosed left paren"), "{t}");
        }
        assert_eq!(r("{{(.ID) -}} x", &v).unwrap(), "abcx");
    }

    #[test]
    fn huge_pads_are_refused() {
        let v = row();
        for t in ["{{pad .ID 99999999999 0}}", "{{pad .ID 0 18446744073709551615}}", "{{pad .ID 1048577 0}}"]
        {
            let err = r(t, &v).unwrap_err().to_string();
            assert!(err.contains("pad"), "{t}: {err}");
        }
        assert_eq!(r("{{pad .ID 2 1}}", &v).unwrap(), "  abc ");
        // Docker pads only a non-empty string.
        assert_eq!(r("{{pad \"\" 2 1}}|", &v).unwrap(), "|");
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

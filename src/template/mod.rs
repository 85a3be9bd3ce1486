//! Go's text/template, as Docker's CLI runs `--format`: the same lexer,
//! parser, builtins and error messages, on values that print as Go's fmt
//! prints Docker's types (maps as `map[k:v]` in key order, slices as `[a b]`,
//! structs as `{a b}`, nils by kind).

mod exec;
mod fmt;
mod lex;
mod parse;
mod ser;
mod value;

pub use exec::Options;
pub use fmt::{go_float, quote};
pub use ser::to_value;
pub use value::{from_json, Mode, Value};

/// A parsed template.
pub struct Template {
    tree: parse::Tree,
    text: String,
    name: String,
}

impl Template {
    /// Parses `text` as the template called `name` (Go's `template.New(name)`);
    /// the error is Go's (`template: :1: unclosed action`).
    pub fn parse(name: &str, text: &str) -> Result<Template, String> {
        let tree = parse::parse(text, &exec::is_func).map_err(|e| name_error(&e, name))?;
        Ok(Template { tree, text: text.to_string(), name: name.to_string() })
    }

    /// Runs the template with `dot` as `.`.
    pub fn execute(&self, dot: &Value, opts: Options) -> Result<String, String> {
        exec::execute(&self.tree, &self.text, &self.name, dot, opts)
    }
}

/// Go names the template in its errors: `template: version:1: …`.
fn name_error(e: &str, name: &str) -> String {
    match e.strip_prefix("template: :") {
        Some(rest) => format!("template: {name}:{rest}"),
        None => e.to_string(),
    }
}

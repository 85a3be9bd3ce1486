//! `inspect` (containers and images), `container inspect`, `image inspect`.

use clap::Args;
use rdock::{Engine, Error};

#[derive(Args, Debug)]
pub struct InspectArgs {
    /// Format output using a custom template
    #[arg(short = 'f', long)]
    format: Option<String>,
    /// Display total file sizes if the type is container
    #[arg(short = 's', long)]
    size: bool,
    /// Return JSON for specified type
    #[arg(long = "type")]
    typ: Option<String>,
    #[arg(required = true, value_name = "NAME|ID")]
    names: Vec<String>,
}

fn lookup(engine: &Engine, name: &str, typ: Option<&str>) -> Result<serde_json::Value, Error> {
    match typ {
        Some("container") => engine.container_inspect(name).map_err(|e| match e {
            Error::NoSuchContainer(_) => Error::NoSuchObject(name.to_string()),
            e => e,
        }),
        Some("image") => engine.image_inspect(name).map_err(|e| match e {
            Error::NoSuchImage(_) => Error::NoSuchObject(name.to_string()),
            e => e,
        }),
        Some(other) => Err(Error::InvalidArgument(format!("\"{other}\" is not a valid value for --type"))),
        None => match engine.container_inspect(name) {
            Err(Error::NoSuchContainer(_)) => engine.image_inspect(name).map_err(|e| match e {
                Error::NoSuchImage(_) | Error::InvalidReference(_) => Error::NoSuchObject(name.to_string()),
                e => e,
            }),
            other => other,
        },
    }
}

pub fn inspect(engine: &Engine, a: InspectArgs, group: Option<&str>) -> i32 {
    let typ = a.typ.as_deref().or(group);
    let mut found = Vec::new();
    let mut errors = Vec::new();
    for name in &a.names {
        match lookup(engine, name, typ) {
            Ok(mut v) => {
                if a.size {
                    if let Some(obj) = v.as_object_mut() {
                        obj.entry("SizeRw").or_insert(serde_json::json!(0));
                    }
                }
                found.push(v)
            }
            Err(e) => errors.push(format!("Error: {e}")),
        }
    }
    super::print_inspect(&found, a.format.as_deref(), errors)
}

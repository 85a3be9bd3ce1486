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

/// What a name turned out to be.
#[derive(serde::Serialize)]
#[serde(untagged)]
enum Found {
    Container(Box<rdock::api::container::InspectResponse>),
    Image(Box<rdock::api::image::InspectResponse>),
}

fn lookup(engine: &Engine, name: &str, typ: Option<&str>, size: bool) -> Result<Found, Error> {
    let container = |name: &str| engine.container_inspect(name, size).map(|v| Found::Container(Box::new(v)));
    let image = |name: &str| engine.image_inspect(name).map(|v| Found::Image(Box::new(v)));
    match typ {
        Some("container") => container(name).map_err(|e| match e {
            Error::NoSuchContainer(_) => Error::NoSuchObject(name.to_string()),
            e => e,
        }),
        Some("image") => image(name).map_err(|e| match e {
            Error::NoSuchImage(_) => Error::NoSuchObject(name.to_string()),
            e => e,
        }),
        Some(other) => Err(Error::InvalidArgument(format!("\"{other}\" is not a valid value for --type"))),
        None => match container(name) {
            Err(Error::NoSuchContainer(_)) => image(name).map_err(|e| match e {
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
        match lookup(engine, name, typ, a.size) {
            Ok(v) => found.push(v),
            Err(e) => errors.push(format!("Error: {e}")),
        }
    }
    super::print_inspect(&found, a.format.as_deref(), errors)
}

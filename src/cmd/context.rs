//! `context ls|show|inspect|use`: Docker's contexts name daemons to talk to;
//! rdock has none, so there is one context, `default`: this machine.

use clap::{Args, Subcommand};
use serde_json::json;

const DEFAULT: &str = "default";
const ENDPOINT: &str = "unix:///var/run/docker.sock";

#[derive(Subcommand, Debug)]
pub enum ContextCommand {
    /// List contexts
    #[command(visible_alias = "list")]
    Ls(LsArgs),
    /// Print the name of the current context
    Show,
    /// Display detailed information on one or more contexts
    Inspect(InspectArgs),
    /// Set the current docker context
    Use(UseArgs),
}

#[derive(Args, Debug)]
pub struct LsArgs {
    /// Format output using a custom template ('table', 'table TEMPLATE', 'json', or a Go template)
    #[arg(long)]
    format: Option<String>,
    /// Only show context names
    #[arg(short = 'q', long)]
    quiet: bool,
}

#[derive(Args, Debug)]
pub struct InspectArgs {
    /// Format output using a custom template
    #[arg(short = 'f', long)]
    format: Option<String>,
    #[arg(value_name = "CONTEXT")]
    contexts: Vec<String>,
}

#[derive(Args, Debug)]
pub struct UseArgs {
    #[arg(value_name = "CONTEXT")]
    context: String,
}

fn no_such(name: &str) -> i32 {
    eprintln!("context \"{name}\" does not exist");
    1
}

fn inspect_value() -> serde_json::Value {
    json!({
        "Name": DEFAULT,
        "Metadata": {},
        "Endpoints": {"docker": {"Host": ENDPOINT, "SkipTLSVerify": false}},
        "TLSMaterial": {},
        "Storage": {"MetadataPath": "<IN MEMORY>", "TLSPath": "<IN MEMORY>"},
    })
}

pub fn context(c: ContextCommand) -> i32 {
    match c {
        ContextCommand::Show => {
            println!("{DEFAULT}");
            0
        }
        ContextCommand::Use(a) if a.context == DEFAULT => {
            println!("{DEFAULT}");
            eprintln!("Current context is now \"{DEFAULT}\"");
            0
        }
        ContextCommand::Use(a) => no_such(&a.context),
        ContextCommand::Inspect(a) => {
            let names = if a.contexts.is_empty() { vec![DEFAULT.to_string()] } else { a.contexts };
            if let Some(bad) = names.iter().find(|n| *n != DEFAULT) {
                return no_such(bad);
            }
            super::inspect_each(&names, a.format.as_deref(), |_| Ok(inspect_value()))
        }
        ContextCommand::Ls(a) => {
            if a.quiet {
                println!("{DEFAULT}");
                return 0;
            }
            let row = json!({
                "Name": DEFAULT,
                "Description": "Current DOCKER_HOST based configuration",
                "DockerEndpoint": ENDPOINT,
                "Current": true,
                "Error": "",
                "ContextType": "moby",
            });
            match a.format.as_deref() {
                Some("json") => {
                    println!("{row}");
                    0
                }
                Some(f) if !f.starts_with("table") => super::print_or_fail(rdock::format::render_rows(
                    &rdock::format::Format::Raw(f.to_string()),
                    "",
                    &Default::default(),
                    &[row],
                    "*formatter.clientContextContext",
                )),
                _ => {
                    print!(
                        "{}",
                        rdock::format::tabwrite(&[
                            "NAME\tDESCRIPTION\tDOCKER ENDPOINT\tERROR".to_string(),
                            format!("{DEFAULT} *\tCurrent DOCKER_HOST based configuration\t{ENDPOINT}\t"),
                        ])
                    );
                    0
                }
            }
        }
    }
}

//! `manifest inspect|create|annotate|push|rm`.

use clap::{Args, Subcommand};
use rdock::image::manifest::Annotation;
use rdock::image::registry::Options;
use rdock::Engine;

#[derive(Subcommand, Debug)]
pub enum ManifestCommand {
    /// Display an image manifest, or manifest list
    Inspect(InspectArgs),
    /// Create a local manifest list for annotating and pushing to a registry
    Create(CreateArgs),
    /// Add additional information to a local image manifest
    Annotate(AnnotateArgs),
    /// Push a manifest list to a repository
    Push(PushArgs),
    /// Delete one or more manifest lists from local storage
    Rm(RmArgs),
}

#[derive(Args, Debug)]
pub struct InspectArgs {
    /// Allow communication with an insecure registry
    #[arg(long)]
    insecure: bool,
    /// Output additional info including layers and platform
    #[arg(short = 'v', long)]
    verbose: bool,
    /// [MANIFEST_LIST] MANIFEST
    #[arg(required = true, num_args = 1..=2, value_name = "MANIFEST")]
    names: Vec<String>,
}

#[derive(Args, Debug)]
pub struct CreateArgs {
    /// Amend an existing manifest list
    #[arg(short = 'a', long)]
    amend: bool,
    /// Allow communication with an insecure registry
    #[arg(long)]
    insecure: bool,
    #[arg(value_name = "MANIFEST_LIST")]
    list: String,
    #[arg(required = true, value_name = "MANIFEST")]
    manifests: Vec<String>,
}

#[derive(Args, Debug)]
pub struct AnnotateArgs {
    /// Set architecture
    #[arg(long, value_name = "string")]
    arch: Option<String>,
    /// Set operating system
    #[arg(long, value_name = "string")]
    os: Option<String>,
    /// Set operating system feature
    #[arg(long = "os-features", value_name = "strings", value_delimiter = ',')]
    os_features: Vec<String>,
    /// Set operating system version
    #[arg(long = "os-version", value_name = "string")]
    os_version: Option<String>,
    /// Set architecture variant
    #[arg(long, value_name = "string")]
    variant: Option<String>,
    #[arg(value_name = "MANIFEST_LIST")]
    list: String,
    #[arg(value_name = "MANIFEST")]
    manifest: String,
}

#[derive(Args, Debug)]
pub struct PushArgs {
    /// Allow push to an insecure registry
    #[arg(long)]
    insecure: bool,
    /// Remove the local manifest list after push
    #[arg(short = 'p', long)]
    purge: bool,
    #[arg(value_name = "MANIFEST_LIST")]
    list: String,
}

#[derive(Args, Debug)]
pub struct RmArgs {
    #[arg(required = true, value_name = "MANIFEST_LIST")]
    lists: Vec<String>,
}

/// `--insecure`: plain HTTP and unverified TLS allowed, as Docker's flag.
fn options(insecure: bool) -> Options {
    Options { tls_verify: super::image::tls_verify(insecure.then_some(false)), ..Default::default() }
}

/// Docker's manifest commands print their errors bare, exit 1.
fn done(r: Result<Option<String>, rdock::Error>) -> i32 {
    match r {
        Ok(out) => {
            if let Some(o) = out {
                println!("{o}");
            }
            0
        }
        Err(e) => {
            eprintln!("{e}");
            1
        }
    }
}

pub fn manifest(engine: &Engine, c: ManifestCommand) -> i32 {
    match c {
        ManifestCommand::Inspect(a) => {
            let (list, name) = match a.names.as_slice() {
                [l, n] => (Some(l.as_str()), n.as_str()),
                [n] => (None, n.as_str()),
                _ => unreachable!("clap takes one or two"),
            };
            done(engine.manifest_inspect(list, name, a.verbose, &options(a.insecure)).map(Some))
        }
        ManifestCommand::Create(a) => {
            done(engine.manifest_create(&a.list, &a.manifests, a.amend, &options(a.insecure)).map(Some))
        }
        ManifestCommand::Annotate(a) => {
            let ann = Annotation {
                os: a.os,
                arch: a.arch,
                variant: a.variant,
                os_version: a.os_version,
                os_features: a.os_features,
            };
            done(engine.manifest_annotate(&a.list, &a.manifest, &ann).map(|_| None))
        }
        ManifestCommand::Push(a) => {
            done(engine.manifest_push(&a.list, a.purge, &options(a.insecure)).map(Some))
        }
        ManifestCommand::Rm(a) => done(engine.manifest_rm(&a.lists).map(|_| None)),
    }
}

//! `pull` and `images`.

use std::collections::HashMap;
use std::sync::Arc;

use clap::Args;
use rdock::format::{self, Format};
use rdock::image::config::parse_platform;
use rdock::image::pull::PullOptions;
use rdock::image::reference::{self, Reference};
use rdock::{Engine, Error};
use serde_json::json;

use super::progress::CliProgress;

#[derive(Args, Debug)]
pub struct PullArgs {
    /// Suppress verbose output
    #[arg(short = 'q', long)]
    quiet: bool,
    /// Set platform if server is multi-platform capable
    #[arg(long)]
    platform: Option<String>,
    /// Require HTTPS and verify certificates (default: except for loopback and insecure registries)
    #[arg(long = "tls-verify", num_args = 0..=1, default_missing_value = "true", action = clap::ArgAction::Set)]
    tls_verify: Option<bool>,
    /// Download all tagged images in the repository (not supported)
    #[arg(short = 'a', long = "all-tags", hide = true)]
    all_tags: bool,
    #[arg(value_name = "NAME[:TAG|@DIGEST]")]
    name: String,
}

#[derive(Args, Debug)]
pub struct ImagesArgs {
    /// Show all images (default hides intermediate images)
    #[arg(short = 'a', long)]
    all: bool,
    /// Show digests
    #[arg(long)]
    digests: bool,
    /// Filter output based on conditions provided
    #[arg(short = 'f', long = "filter")]
    filter: Vec<String>,
    /// Format output using a custom template
    #[arg(long)]
    format: Option<String>,
    /// Don't truncate output
    #[arg(long = "no-trunc")]
    no_trunc: bool,
    /// Only show image IDs
    #[arg(short = 'q', long)]
    quiet: bool,
    /// Show images of this repository
    #[arg(value_name = "REPOSITORY[:TAG]")]
    repository: Option<String>,
}

/// `--tls-verify[=bool]` as the registry client takes it.
pub fn tls_verify(flag: Option<bool>) -> rdock::image::registry::TlsVerify {
    use rdock::image::registry::TlsVerify;
    match flag {
        None => TlsVerify::Default,
        Some(true) => TlsVerify::Strict,
        Some(false) => TlsVerify::Off,
    }
}

/// Pulls with Docker's output: per-layer lines or bars, then the digest and status.
pub fn pull_with_output(
    engine: &Engine,
    name: &str,
    opts: &PullOptions,
    quiet: bool,
    implicit: bool,
) -> Result<(), Error> {
    let parsed = Reference::parse(name)?;
    let progress = Arc::new(CliProgress::new(quiet, implicit));
    if parsed.tag.is_none() && parsed.digest.is_none() {
        progress.line(&format!("Using default tag: {}", reference::DEFAULT_TAG));
    }
    let result = engine.pull(name, opts, progress.clone());
    progress.finish();
    let (reference, result) = result?;
    progress.line(&format!("Digest: {}", result.manifest_digest));
    let familiar = reference.familiar_name_with_tag();
    if result.downloaded {
        progress.line(&format!("Status: Downloaded newer image for {familiar}"));
    } else {
        progress.line(&format!("Status: Image is up to date for {familiar}"));
    }
    if !implicit {
        println!("{reference}");
    }
    Ok(())
}

pub fn pull(engine: &Engine, a: PullArgs) -> i32 {
    if a.all_tags {
        eprintln!("Error: --all-tags is not supported");
        return 1;
    }
    let platform = match a.platform.as_deref().map(parse_platform).transpose() {
        Ok(p) => p,
        Err(e) => return super::fail(&e),
    };
    let registry =
        rdock::image::registry::Options { tls_verify: tls_verify(a.tls_verify), ..Default::default() };
    match pull_with_output(engine, &a.name, &PullOptions { platform, registry }, a.quiet, false) {
        Ok(()) => 0,
        Err(e) => super::fail(&e),
    }
}

pub fn images(engine: &Engine, a: ImagesArgs) -> i32 {
    match images_inner(engine, &a) {
        Ok(()) => 0,
        Err(e) => super::fail(&e),
    }
}

fn images_inner(engine: &Engine, a: &ImagesArgs) -> Result<(), Error> {
    let mut images = engine.images()?;
    images.sort_by(|x, y| y.created.cmp(&x.created));
    let mut dangling_filter = None;
    let mut reference_filters = Vec::new();
    for f in &a.filter {
        match f.split_once('=') {
            Some(("dangling", v)) => dangling_filter = Some(v == "true" || v == "1"),
            Some(("reference", v)) => reference_filters.push(v.to_string()),
            _ => return Err(Error::InvalidArgument(format!("invalid filter '{f}'"))),
        }
    }
    if let Some(r) = &a.repository {
        reference_filters.push(r.clone());
    }
    let mut rows = Vec::new();
    for img in &images {
        let id = if a.no_trunc { img.id.clone() } else { rdock::util::short_id(&img.id).to_string() };
        let digest = img.manifest_digest.clone();
        let created = format::ago(&img.created);
        let size = format::human_size(img.size);
        let mut names: Vec<(String, String)> = img
            .names
            .iter()
            .filter_map(|n| Reference::parse(n).ok())
            .map(|r| (r.familiar_name(), r.tag.clone().unwrap_or_default()))
            .collect();
        if names.is_empty() {
            names.push(("<none>".into(), "<none>".into()));
        }
        let dangling = img.names.is_empty();
        if dangling_filter.is_some_and(|d| d != dangling) {
            continue;
        }
        for (repo, tag) in names {
            if !reference_filters.is_empty()
                && !reference_filters.iter().any(|f| reference_matches(f, &repo, &tag))
            {
                continue;
            }
            rows.push(json!({
                "ID": id, "Repository": repo, "Tag": tag, "Digest": digest,
                "CreatedSince": created, "CreatedAt": img.created, "Size": size,
                "Containers": "N/A", "SharedSize": "N/A", "UniqueSize": "N/A", "VirtualSize": size,
            }));
        }
    }
    if a.quiet {
        let mut seen = Vec::new();
        for r in &rows {
            let id = r["ID"].as_str().unwrap_or_default().to_string();
            if !seen.contains(&id) {
                println!("{id}");
                seen.push(id);
            }
        }
        return Ok(());
    }
    let mut header = HashMap::new();
    for (k, v) in [
        ("ID", "IMAGE ID"),
        ("Repository", "REPOSITORY"),
        ("Tag", "TAG"),
        ("Digest", "DIGEST"),
        ("CreatedSince", "CREATED"),
        ("CreatedAt", "CREATED AT"),
        ("Size", "SIZE"),
        ("VirtualSize", "VIRTUAL SIZE"),
        ("Containers", "CONTAINERS"),
        ("SharedSize", "SHARED SIZE"),
        ("UniqueSize", "UNIQUE SIZE"),
    ] {
        header.insert(k, v);
    }
    let default = if a.digests {
        "{{.Repository}}\t{{.Tag}}\t{{.Digest}}\t{{.ID}}\t{{.CreatedSince}}\t{{.Size}}"
    } else {
        "{{.Repository}}\t{{.Tag}}\t{{.ID}}\t{{.CreatedSince}}\t{{.Size}}"
    };
    print!("{}", format::render_rows(&Format::parse(a.format.as_deref()), default, &header, &rows)?);
    Ok(())
}

/// `reference=` filters: `repo`, `repo:tag`, with `*` wildcards.
fn reference_matches(filter: &str, repo: &str, tag: &str) -> bool {
    let (frepo, ftag) = match filter.rsplit_once(':') {
        Some((r, t)) if !t.contains('/') => (r, Some(t)),
        _ => (filter, None),
    };
    glob(frepo, repo) && ftag.is_none_or(|t| glob(t, tag))
}

fn glob(pattern: &str, text: &str) -> bool {
    match pattern.split_once('*') {
        None => pattern == text,
        Some((pre, rest)) => {
            text.starts_with(pre) && (0..=text.len() - pre.len()).any(|i| glob(rest, &text[pre.len() + i..]))
        }
    }
}

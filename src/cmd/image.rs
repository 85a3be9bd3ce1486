//! `pull` and `images`.

use std::collections::HashMap;
use std::sync::Arc;

use clap::Args;
use rdock::format::{self, Format};
use rdock::image::config::{parse_platform, ImageConfig};
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
    /// Skip image verification (default true)
    #[arg(long = "disable-content-trust", num_args = 0..=1, require_equals = true, default_missing_value = "true", value_parser = clap::value_parser!(bool))]
    disable_content_trust: Option<bool>,
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
    let mut labels = Vec::new();
    let mut before: Option<String> = None;
    let mut since: Option<String> = None;
    let mut until = None;
    for f in &a.filter {
        match f.split_once('=') {
            Some(("dangling", v)) => dangling_filter = Some(v == "true" || v == "1"),
            Some(("reference", v)) => reference_filters.push(v.to_string()),
            Some(("label", v)) => labels.push(label_filter(v, true)),
            Some(("label!", v)) => labels.push(label_filter(v, false)),
            Some(("before", v)) => before = Some(engine.image(v)?.created),
            Some(("since", v)) => since = Some(engine.image(v)?.created),
            Some(("until", v)) => until = Some(parse_until(v)?),
            _ => return Err(Error::InvalidArgument(format!("invalid filter '{f}'"))),
        }
    }
    let time = |s: &str| rdock::util::parse_time(s);
    images.retain(|img| {
        let t = time(&img.created);
        before.as_deref().is_none_or(|b| t < time(b))
            && since.as_deref().is_none_or(|s| t > time(s))
            && until.is_none_or(|u| t.is_some_and(|t| t < u))
    });
    if !labels.is_empty() {
        images.retain(|img| {
            let l = engine.image_config(img).ok().and_then(|c| c.config.labels).unwrap_or_default();
            labels.iter().all(|(k, v, want)| label_matches(&l, k, v.as_deref()) == *want)
        });
    }
    if let Some(r) = &a.repository {
        reference_filters.push(r.clone());
    }
    let show_digests = a.digests || a.format.as_deref().is_some_and(|f| f.contains("{{.Digest}}"));
    let mut rows = Vec::new();
    for img in &images {
        let id = if a.no_trunc { img.id.clone() } else { rdock::util::short_id(&img.id).to_string() };
        // Docker shows a repository's digest only with --digests or a
        // format that asks for it.
        let digest_of = |repo: &str| -> String {
            img.digests
                .iter()
                .filter_map(|d| Reference::parse(d).ok())
                .find(|r| show_digests && r.familiar_name() == repo)
                .and_then(|r| r.digest.clone())
                .unwrap_or_else(|| "<none>".into())
        };
        let created = format::ago(&img.created);
        let size = format::human_size(img.size);
        let names = rdock::image::repo_tags(img);
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
                "ID": id, "Digest": digest_of(&repo), "Repository": repo, "Tag": tag,
                "CreatedSince": created, "CreatedAt": format::go_time(&img.created, false), "Size": size,
                "Containers": "N/A", "SharedSize": "N/A", "UniqueSize": "N/A",
                "VirtualSize": format::human_size_4(img.size),
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
    print!(
        "{}",
        format::render_rows(
            &Format::parse(a.format.as_deref()),
            default,
            &header,
            &rows,
            "*formatter.imageContext",
        )?
    );
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

#[derive(Args, Debug)]
pub struct ImportArgs {
    /// Apply Dockerfile instruction to the created image
    #[arg(short = 'c', long = "change")]
    change: Vec<String>,
    /// Set commit message for imported image
    #[arg(short = 'm', long)]
    message: Option<String>,
    /// Set platform if server is multi-platform capable
    #[arg(long)]
    platform: Option<String>,
    /// A tar file, an http(s) URL, or - for standard input
    #[arg(value_name = "file|URL|-")]
    source: String,
    #[arg(value_name = "REPOSITORY[:TAG]")]
    reference: Option<String>,
}

pub fn import(engine: &Engine, a: ImportArgs) -> i32 {
    let platform = match a.platform.as_deref().map(parse_platform).transpose() {
        Ok(p) => p,
        Err(e) => return super::fail(&e),
    };
    let opts = rdock::image::local::ImportOptions {
        reference: a.reference,
        message: a.message,
        changes: a.change,
        platform,
        source: a.source.clone(),
    };
    let result = open_source(&a.source).and_then(|mut r| engine.import(&mut r, &opts));
    match result {
        Ok(id) => {
            println!("{id}");
            0
        }
        Err(e) => super::fail(&e),
    }
}

/// `-` is standard input, `http(s)://` a download, anything else a file.
pub fn open_source(source: &str) -> Result<Box<dyn std::io::Read>, Error> {
    if source == "-" {
        return Ok(Box::new(std::io::stdin().lock()));
    }
    if source.starts_with("http://") || source.starts_with("https://") {
        return rdock::image::registry::download(source).map(|r| Box::new(r) as Box<dyn std::io::Read>);
    }
    std::fs::File::open(source)
        .map(|f| Box::new(std::io::BufReader::with_capacity(1 << 20, f)) as Box<dyn std::io::Read>)
        .map_err(|e| Error::io(format!("open {source}"), e))
}

#[derive(Args, Debug)]
pub struct PushArgs {
    /// Push all tags of an image to the repository
    #[arg(short = 'a', long = "all-tags")]
    all_tags: bool,
    /// Suppress verbose output
    #[arg(short = 'q', long)]
    quiet: bool,
    /// Require HTTPS and verify certificates (default: except for loopback and insecure registries)
    #[arg(long = "tls-verify", num_args = 0..=1, default_missing_value = "true", action = clap::ArgAction::Set)]
    tls_verify: Option<bool>,
    /// Skip image verification (default true)
    #[arg(long = "disable-content-trust", num_args = 0..=1, require_equals = true, default_missing_value = "true", value_parser = clap::value_parser!(bool))]
    disable_content_trust: Option<bool>,
    /// Select a platform (rdock keeps one per image: it must be the image's)
    #[arg(long, value_name = "string")]
    platform: Option<String>,
    #[arg(value_name = "NAME[:TAG]")]
    name: String,
}

pub fn push(engine: &Engine, a: PushArgs) -> i32 {
    if let Some(p) = &a.platform {
        if let Err(e) = engine.check_image_platform(&a.name, p) {
            return super::fail(&e);
        }
    }
    let names = match push_names(engine, &a) {
        Ok(n) => n,
        Err(e) => return super::fail(&e),
    };
    let opts = rdock::image::push::PushOptions {
        registry: rdock::image::registry::Options {
            tls_verify: tls_verify(a.tls_verify),
            ..Default::default()
        },
    };
    let progress = Arc::new(CliProgress::new(a.quiet, false));
    let repo = Reference::parse(&a.name).map(|r| r.name()).unwrap_or_default();
    progress.line(&format!("The push refers to repository [{repo}]"));
    for name in names {
        let result = engine.push(&name, &opts, progress.clone());
        progress.finish();
        match result {
            Ok((_, r)) => {
                progress.line(&format!("{}: digest: {} size: {}", r.tag, r.digest, r.size));
                if a.quiet {
                    println!("{name}");
                }
            }
            Err(e) => return super::fail(&e),
        }
    }
    0
}

/// The tags to push: the one named (`latest` by default), or with `-a` every
/// local tag of the repository.
fn push_names(engine: &Engine, a: &PushArgs) -> Result<Vec<String>, Error> {
    let reference = Reference::parse(&a.name)?;
    if !a.all_tags {
        return Ok(vec![reference.with_default_tag().to_string()]);
    }
    if reference.tag.is_some() || reference.digest.is_some() {
        return Err(Error::InvalidArgument("tag can't be used with --all-tags/-a".into()));
    }
    let prefix = format!("{}:", reference.name());
    let mut names: Vec<String> =
        engine.images()?.into_iter().flat_map(|i| i.names).filter(|n| n.starts_with(&prefix)).collect();
    names.sort();
    if names.is_empty() {
        return Err(Error::NoSuchImage(reference.familiar_name()));
    }
    Ok(names)
}

#[derive(Args, Debug)]
pub struct TagArgs {
    #[arg(value_name = "SOURCE_IMAGE[:TAG]")]
    source: String,
    #[arg(value_name = "TARGET_IMAGE[:TAG]")]
    target: String,
}

pub fn tag(engine: &Engine, a: TagArgs) -> i32 {
    match engine.tag(&a.source, &a.target) {
        Ok(()) => 0,
        Err(e) => super::fail(&e),
    }
}

#[derive(Args, Debug)]
pub struct RmiArgs {
    /// Force removal of the image
    #[arg(short = 'f', long)]
    force: bool,
    /// Do not delete untagged parents (rdock images have none)
    #[arg(long = "no-prune")]
    no_prune: bool,
    /// Select a platform (rdock keeps one per image: it must be the image's)
    #[arg(long, value_name = "string")]
    platform: Option<String>,
    #[arg(required = true, value_name = "IMAGE")]
    images: Vec<String>,
}

pub fn rmi(engine: &Engine, a: RmiArgs) -> i32 {
    let _ = a.no_prune;
    super::for_each_forced(&a.images, a.force, |name| {
        if let Some(p) = &a.platform {
            engine.check_image_platform(name, p)?;
        }
        let removed = engine.remove_image(name, a.force)?;
        let lines: Vec<String> = removed.iter().map(|r| r.to_string()).collect();
        Ok((!lines.is_empty()).then(|| lines.join("\n")))
    })
}

#[derive(Args, Debug)]
pub struct HistoryArgs {
    /// Format output using a custom template
    #[arg(long)]
    format: Option<String>,
    /// Print sizes and dates in human readable format
    #[arg(short = 'H', long, default_value_t = true, num_args = 0..=1, default_missing_value = "true", action = clap::ArgAction::Set)]
    human: bool,
    /// Don't truncate output
    #[arg(long = "no-trunc")]
    no_trunc: bool,
    /// Only show image IDs
    #[arg(short = 'q', long)]
    quiet: bool,
    /// Select a platform (rdock keeps one per image: it must be the image's)
    #[arg(long, value_name = "string")]
    platform: Option<String>,
    #[arg(value_name = "IMAGE")]
    image: String,
}

pub fn history(engine: &Engine, a: HistoryArgs) -> i32 {
    if let Some(p) = &a.platform {
        if let Err(e) = engine.check_image_platform(&a.image, p) {
            return super::fail(&e);
        }
    }
    let rows = match engine.history(&a.image) {
        Ok(r) => r,
        Err(e) => return super::fail(&e),
    };
    let id = |r: &rdock::engine::HistoryRow| match (&r.id, a.no_trunc) {
        (id, _) if id.is_empty() => "<missing>".to_string(),
        (id, true) => id.clone(),
        (id, false) => rdock::util::short_id(id).to_string(),
    };
    if a.quiet {
        for r in &rows {
            println!("{}", id(r));
        }
        return 0;
    }
    let values: Vec<serde_json::Value> = rows
        .iter()
        .map(|r| {
            let created_by = r.created_by.replace('\t', " ");
            let created_by = if a.no_trunc { created_by } else { ellipsis(&created_by, 45) };
            let (created, size) = if a.human {
                (format::ago(&r.created), format::human_size(r.size))
            } else {
                (r.created.clone(), r.size.to_string())
            };
            json!({
                "ID": id(r), "CreatedSince": created, "CreatedAt": r.created, "CreatedBy": created_by,
                "Size": size, "Comment": r.comment,
            })
        })
        .collect();
    let header: HashMap<&str, &str> = [
        ("ID", "IMAGE"),
        ("CreatedSince", "CREATED"),
        ("CreatedAt", "CREATED AT"),
        ("CreatedBy", "CREATED BY"),
        ("Size", "SIZE"),
        ("Comment", "COMMENT"),
    ]
    .into_iter()
    .collect();
    let default = "{{.ID}}\t{{.CreatedSince}}\t{{.CreatedBy}}\t{{.Size}}\t{{.Comment}}";
    super::print_or_fail(format::render_rows(
        &Format::parse(a.format.as_deref()),
        default,
        &header,
        &values,
        "*image.historyContext",
    ))
}

/// Docker's truncation: `max` characters, the last one an ellipsis.
fn ellipsis(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        return s.to_string();
    }
    let mut out: String = s.chars().take(max - 1).collect();
    out.push('…');
    out
}

#[derive(Args, Debug)]
pub struct PruneArgs {
    /// Remove all unused images, not just dangling ones
    #[arg(short = 'a', long)]
    all: bool,
    /// Provide filter values (e.g. "until=<timestamp>", "label=<key>=<value>")
    #[arg(long = "filter")]
    filter: Vec<String>,
    /// Do not prompt for confirmation
    #[arg(short = 'f', long)]
    force: bool,
}

pub fn prune(engine: &Engine, a: PruneArgs) -> i32 {
    let filters = match PruneFilters::parse(&a.filter) {
        Ok(f) => f,
        Err(e) => return super::fail(&e),
    };
    if !a.force {
        let what = if a.all {
            "all images without at least one container associated to them"
        } else {
            "all dangling images"
        };
        if !super::confirm(&format!("WARNING! This will remove {what}.")) {
            return 0;
        }
    }
    let configs = |img: &rdock::storage::images::ImageRecord| engine.image_config(img).ok();
    let keep = |img: &rdock::storage::images::ImageRecord| !filters.matches(img, configs(img).as_ref());
    match engine.prune_images(a.all, &keep) {
        Ok((removed, freed)) => {
            super::print_deleted("Deleted Images:", &removed_lines(&removed));
            println!("Total reclaimed space: {}", format::human_size(freed));
            0
        }
        Err(e) => super::fail(&e),
    }
}

/// A prune's removed images as Docker lists them (`untagged: …`, `deleted: …`).
pub fn removed_lines(removed: &[rdock::image::remove::Removed]) -> Vec<String> {
    removed
        .iter()
        .map(|r| {
            let line = r.to_string();
            let (kind, rest) = line.split_once(": ").unwrap_or((&line, ""));
            format!("{}: {rest}", kind.to_lowercase())
        })
        .collect()
}

/// `until=` and `label=`/`label!=` filters of `image prune` (and `system prune`).
pub struct PruneFilters {
    until: Option<chrono::DateTime<chrono::Utc>>,
    labels: Vec<(String, Option<String>, bool)>,
}

impl PruneFilters {
    pub fn parse(filters: &[String]) -> Result<PruneFilters, Error> {
        let mut out = PruneFilters { until: None, labels: Vec::new() };
        for f in filters {
            match f.split_once('=') {
                Some(("until", v)) => out.until = Some(parse_until(v)?),
                Some(("label", v)) => out.labels.push(label_filter(v, true)),
                Some(("label!", v)) => out.labels.push(label_filter(v, false)),
                _ => return Err(Error::InvalidArgument(format!("invalid filter '{f}'"))),
            }
        }
        Ok(out)
    }

    pub fn matches(&self, img: &rdock::storage::images::ImageRecord, cfg: Option<&ImageConfig>) -> bool {
        let labels = cfg.and_then(|c| c.config.labels.clone()).unwrap_or_default();
        self.matches_parts(&img.created, &labels)
    }

    /// An object created at `created` (RFC 3339) with these labels.
    pub fn matches_parts(&self, created: &str, labels: &std::collections::BTreeMap<String, String>) -> bool {
        if let Some(until) = self.until {
            if rdock::util::parse_time(created).is_some_and(|t| t >= until) {
                return false;
            }
        }
        self.labels.iter().all(|(k, v, want)| label_matches(labels, k, v.as_deref()) == *want)
    }

    pub fn until(&self) -> Option<chrono::DateTime<chrono::Utc>> {
        self.until
    }
}

fn label_filter(v: &str, want: bool) -> (String, Option<String>, bool) {
    match v.split_once('=') {
        Some((k, v)) => (k.to_string(), Some(v.to_string()), want),
        None => (v.to_string(), None, want),
    }
}

fn label_matches(
    labels: &std::collections::BTreeMap<String, String>,
    key: &str,
    value: Option<&str>,
) -> bool {
    labels.get(key).is_some_and(|v| value.is_none_or(|want| want == v))
}

/// `until=`: a timestamp or a duration before now (`10m`, `24h`), as `logs --until` takes it.
fn parse_until(v: &str) -> Result<chrono::DateTime<chrono::Utc>, Error> {
    rdock::runtime::logs::parse_time_arg(v)
}

#[derive(Args, Debug)]
pub struct SearchArgs {
    /// Filter output based on conditions provided (stars=N, is-official=true)
    #[arg(short = 'f', long = "filter")]
    filter: Vec<String>,
    /// Pretty-print search using a Go template
    #[arg(long)]
    format: Option<String>,
    /// Max number of search results
    #[arg(long, default_value_t = 25)]
    limit: usize,
    /// Don't truncate output
    #[arg(long = "no-trunc")]
    no_trunc: bool,
    /// Require HTTPS and verify certificates (default: except for loopback and insecure registries)
    #[arg(long = "tls-verify", num_args = 0..=1, default_missing_value = "true", action = clap::ArgAction::Set)]
    tls_verify: Option<bool>,
    /// TERM, or REGISTRY/TERM to search a registry's catalog
    #[arg(value_name = "TERM")]
    term: String,
}

pub fn search(engine: &Engine, a: SearchArgs) -> i32 {
    let mut min_stars = 0;
    let mut official = None;
    for f in &a.filter {
        match f.split_once('=') {
            Some(("stars", v)) if v.parse::<u64>().is_ok() => min_stars = v.parse().unwrap_or(0),
            Some(("is-official", v)) => official = Some(v == "true" || v == "1"),
            Some(("is-automated", _)) => {}
            _ => return super::fail(&Error::InvalidArgument(format!("invalid filter '{f}'"))),
        }
    }
    let opts = rdock::image::registry::Options { tls_verify: tls_verify(a.tls_verify), ..Default::default() };
    let results = match engine.search(&a.term, a.limit, &opts) {
        Ok(r) => r,
        Err(e) => return super::fail(&e),
    };
    let rows: Vec<serde_json::Value> = results
        .into_iter()
        .filter(|r| r.stars >= min_stars && official.is_none_or(|o| o == r.official))
        .map(|r| {
            let description = if a.no_trunc { r.description } else { ellipsis(&r.description, 45) };
            json!({
                "Name": r.name, "Description": description, "StarCount": r.stars.to_string(),
                "IsOfficial": if r.official { "[OK]" } else { "" }, "IsAutomated": "",
            })
        })
        .collect();
    let header: HashMap<&str, &str> = [
        ("Name", "NAME"),
        ("Description", "DESCRIPTION"),
        ("StarCount", "STARS"),
        ("IsOfficial", "OFFICIAL"),
        ("IsAutomated", "AUTOMATED"),
    ]
    .into_iter()
    .collect();
    let default = "{{.Name}}\t{{.Description}}\t{{.StarCount}}\t{{.IsOfficial}}";
    super::print_or_fail(format::render_rows(
        &Format::parse(a.format.as_deref()),
        default,
        &header,
        &rows,
        "*registry.searchContext",
    ))
}

#[derive(Args, Debug)]
pub struct SaveArgs {
    /// Write to a file, instead of STDOUT
    #[arg(short = 'o', long)]
    output: Option<std::path::PathBuf>,
    /// Select a platform (rdock keeps one per image: it must be the image's)
    #[arg(long, value_name = "string")]
    platform: Option<String>,
    #[arg(value_name = "IMAGE", required = true)]
    images: Vec<String>,
}

pub fn save(engine: &Engine, a: SaveArgs) -> i32 {
    if let Some(p) = &a.platform {
        if let Some(e) = a.images.iter().find_map(|i| engine.check_image_platform(i, p).err()) {
            return super::fail(&e);
        }
    }
    let path = a.output.as_deref();
    let mut out = match super::output_file(path, "save image") {
        Ok(o) => o,
        Err(code) => return code,
    };
    if let Err(e) = engine.save(&a.images, &mut out) {
        drop(out);
        super::discard_output(path);
        return super::fail(&e);
    }
    super::finish_output(out, path)
}

#[derive(Args, Debug)]
pub struct LoadArgs {
    /// Read from tar archive file, instead of STDIN
    #[arg(short = 'i', long)]
    input: Option<String>,
    /// Suppress the load output
    #[arg(short = 'q', long)]
    quiet: bool,
}

pub fn load(engine: &Engine, a: LoadArgs) -> i32 {
    use std::io::IsTerminal;
    let source = a.input.unwrap_or_else(|| "-".into());
    if source == "-" && std::io::stdin().is_terminal() {
        eprintln!("requested load from stdin, but stdin is empty");
        return 1;
    }
    let result = open_source(&source).and_then(|mut r| engine.load(&mut r));
    match result {
        Ok(loaded) => {
            if !a.quiet {
                for l in loaded {
                    if l.names.is_empty() {
                        println!("Loaded image ID: {}", l.id);
                    }
                    for n in l.names {
                        println!("Loaded image: {}", reference::familiar(&n));
                    }
                }
            }
            0
        }
        Err(e) => super::fail(&e),
    }
}

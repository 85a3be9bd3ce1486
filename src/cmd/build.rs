//! `build` (also `image build`, `builder build`, `buildx build`) and
//! `builder prune` / `buildx prune`.

use std::collections::BTreeMap;
use std::io::{IsTerminal, Read, Write};
use std::path::PathBuf;

use clap::{Args, Subcommand};
use rdock::build::{BuildOptions, ContextSource, DockerfileSource, ProgressMode, PruneOptions, Secret};
use rdock::{Engine, Error};

#[derive(Args, Debug)]
pub struct BuildArgs {
    /// Skip image verification (default true)
    #[arg(long = "disable-content-trust", num_args = 0..=1, require_equals = true, default_missing_value = "true", value_parser = clap::value_parser!(bool))]
    disable_content_trust: Option<bool>,
    /// Add a custom host-to-IP mapping ("host:ip")
    #[arg(long = "add-host", value_name = "list")]
    add_host: Vec<String>,
    /// Set the parent cgroup for the "RUN" instructions during build
    #[arg(long = "cgroup-parent", value_name = "string")]
    cgroup_parent: Option<String>,
    /// Compress the build context using gzip (the context is read in place: nothing to compress)
    #[arg(long)]
    compress: bool,
    /// Limit the CPU CFS (Completely Fair Scheduler) period
    #[arg(long = "cpu-period", value_parser = super::go_int)]
    cpu_period: Option<i64>,
    /// Limit the CPU CFS (Completely Fair Scheduler) quota
    #[arg(long = "cpu-quota", allow_negative_numbers = true, value_parser = super::go_int)]
    cpu_quota: Option<i64>,
    /// CPU shares (relative weight)
    #[arg(short = 'c', long = "cpu-shares", value_parser = super::go_int)]
    cpu_shares: Option<i64>,
    /// CPUs in which to allow execution (0-3, 0,1)
    #[arg(long = "cpuset-cpus", value_name = "string")]
    cpuset_cpus: Option<String>,
    /// MEMs in which to allow execution (0-3, 0,1)
    #[arg(long = "cpuset-mems", value_name = "string")]
    cpuset_mems: Option<String>,
    /// Container isolation technology (linux: default only)
    #[arg(long, value_name = "string")]
    isolation: Option<String>,
    /// Memory limit
    #[arg(short = 'm', long, value_name = "bytes", value_parser = super::run::parse_memory)]
    memory: Option<i64>,
    /// Swap limit equal to memory plus swap: -1 to enable unlimited swap
    #[arg(long = "memory-swap", value_name = "bytes", allow_negative_numbers = true, value_parser = super::run::parse_memory_or_unlimited)]
    memory_swap: Option<i64>,
    /// Security options
    #[arg(long = "security-opt", value_name = "strings")]
    security_opt: Vec<String>,
    /// Squash newly built layers into a single new layer
    #[arg(long)]
    squash: bool,
    /// Set build-time variables
    #[arg(long = "build-arg", value_name = "list")]
    build_arg: Vec<String>,
    /// Additional build contexts (e.g., name=path or name=docker-image://ref)
    #[arg(long = "build-context", value_name = "stringArray")]
    build_context: Vec<String>,
    /// Images to consider as cache sources
    #[arg(long = "cache-from", value_name = "strings")]
    cache_from: Vec<String>,
    /// Name of the Dockerfile (default: "PATH/Dockerfile")
    #[arg(short = 'f', long = "file", value_name = "string")]
    file: Option<String>,
    /// Write the image ID to the file
    #[arg(long, value_name = "string")]
    iidfile: Option<PathBuf>,
    /// Set metadata for an image
    #[arg(long, value_name = "list")]
    label: Vec<String>,
    /// Set the networking mode for the "RUN" instructions during build
    #[arg(long, default_value = "default", value_name = "string")]
    network: String,
    /// Do not use cache when building the image
    #[arg(long = "no-cache")]
    no_cache: bool,
    /// Do not cache specified stages
    #[arg(long = "no-cache-filter", value_name = "stringArray")]
    no_cache_filter: Vec<String>,
    /// Output destination (format: "type=local,dest=path")
    #[arg(short = 'o', long, value_name = "stringArray")]
    output: Vec<String>,
    /// Set target platform for build
    #[arg(long, value_name = "stringArray")]
    platform: Option<String>,
    /// Set type of progress output ("auto", "plain", "tty", "quiet")
    #[arg(long, default_value = "auto", value_name = "string")]
    progress: String,
    /// Always attempt to pull all referenced images
    #[arg(long)]
    pull: bool,
    /// Suppress the build output and print image ID on success
    #[arg(short = 'q', long)]
    quiet: bool,
    /// Remove intermediate containers after a successful build (always)
    #[arg(long, default_value_t = true, num_args = 0..=1, default_missing_value = "true", action = clap::ArgAction::Set, hide = true)]
    rm: bool,
    /// Always remove intermediate containers (always)
    #[arg(long = "force-rm", hide = true)]
    force_rm: bool,
    /// Size of "/dev/shm"
    #[arg(long = "shm-size", value_name = "bytes")]
    shm_size: Option<String>,
    /// Ulimit options
    #[arg(long, value_name = "ulimit")]
    ulimit: Vec<String>,
    /// Secret to expose to the build (format: "id=mysecret[,src=/local/secret]")
    #[arg(long, value_name = "stringArray")]
    secret: Vec<String>,
    /// Name and optionally a tag (format: "name:tag")
    #[arg(short = 't', long = "tag", value_name = "stringArray")]
    tag: Vec<String>,
    /// Set the target build stage to build
    #[arg(long, value_name = "string")]
    target: Option<String>,
    #[arg(value_name = "PATH | URL | -")]
    path: String,
}

#[derive(Args, Debug)]
pub struct PruneArgs {
    /// Remove all unused build cache, not just dangling ones
    #[arg(short = 'a', long)]
    all: bool,
    /// Provide filter values (e.g. "until=24h")
    #[arg(long = "filter", value_name = "filter")]
    filter: Vec<String>,
    /// Do not prompt for confirmation
    #[arg(short = 'f', long)]
    force: bool,
    /// Amount of disk space to keep for cache
    #[arg(long = "keep-storage", value_name = "bytes")]
    keep_storage: Option<String>,
}

// Parsed once per process: the size of the variants does not matter.
#[allow(clippy::large_enum_variant)]
#[derive(Subcommand, Debug)]
pub enum BuilderCommand {
    /// Build an image from a Dockerfile
    Build(BuildArgs),
    /// Remove build cache
    Prune(PruneArgs),
}

pub fn builder(engine: &Engine, c: BuilderCommand) -> i32 {
    match c {
        BuilderCommand::Build(a) => build(engine, a),
        BuilderCommand::Prune(a) => prune(engine, a),
    }
}

fn fail(message: impl std::fmt::Display) -> i32 {
    eprintln!("ERROR: {message}");
    1
}

/// `NAME=VALUE`, or `NAME` taken from the environment (dropped if unset).
fn build_args(list: &[String]) -> Vec<(String, String)> {
    list.iter()
        .filter_map(|a| match a.split_once('=') {
            Some((k, v)) => Some((k.to_string(), v.to_string())),
            None => std::env::var(a).ok().map(|v| (a.clone(), v)),
        })
        .collect()
}

fn build_contexts(list: &[String]) -> Result<BTreeMap<String, String>, Error> {
    let mut out = BTreeMap::new();
    for c in list {
        let (name, value) =
            c.split_once('=').filter(|(n, v)| !n.is_empty() && !v.is_empty()).ok_or_else(|| {
                Error::InvalidArgument(format!("invalid context value: {c}, expected key=value"))
            })?;
        let value = if value.contains("://") {
            value.to_string()
        } else {
            std::fs::canonicalize(value)
                .map_err(|_| {
                    Error::InvalidArgument(format!("invalid context {name}: path {value:?} not found"))
                })?
                .display()
                .to_string()
        };
        out.insert(name.to_string(), value);
    }
    Ok(out)
}

fn secrets(list: &[String]) -> Result<Vec<Secret>, Error> {
    let mut out = Vec::new();
    for s in list {
        let mut id = None;
        let mut src = None;
        let mut env = None;
        for part in s.split(',') {
            match part.split_once('=') {
                Some(("id", v)) => id = Some(v.to_string()),
                Some(("src" | "source", v)) => src = Some(v.to_string()),
                Some(("env", v)) => env = Some(v.to_string()),
                Some(("type", _)) => {}
                _ => {
                    return Err(Error::InvalidArgument(format!(
                        "invalid secret {s:?}: unexpected key in {part:?}"
                    )))
                }
            }
        }
        let id = id
            .or_else(|| env.clone())
            .ok_or_else(|| Error::InvalidArgument(format!("invalid secret {s:?}: no id")))?;
        let data = match (src, env) {
            (Some(path), _) => std::fs::read(&path).map_err(|e| {
                Error::InvalidArgument(format!("failed to read secret {id} from {path}: {e}"))
            })?,
            (None, Some(var)) => std::env::var(&var).unwrap_or_default().into_bytes(),
            (None, None) => std::env::var(&id).map(String::into_bytes).map_err(|_| {
                Error::InvalidArgument(format!("secret {id}: no src or env given and ${id} is not set"))
            })?,
        };
        out.push(Secret { id, data });
    }
    Ok(out)
}

/// `--output`: where the result goes besides (or instead of) the image store.
enum Output {
    Image,
    Local(PathBuf),
    Tar(Option<PathBuf>),
}

fn output(list: &[String]) -> Result<Output, Error> {
    let Some(o) = list.last() else { return Ok(Output::Image) };
    if !o.contains('=') {
        return Ok(if o == "-" { Output::Tar(None) } else { Output::Local(PathBuf::from(o)) });
    }
    let kv: BTreeMap<&str, &str> = o.split(',').filter_map(|p| p.split_once('=')).collect();
    let dest = kv.get("dest").map(|d| PathBuf::from(*d));
    match kv.get("type").copied().unwrap_or("local") {
        "docker" | "image" | "moby" => Ok(Output::Image),
        "local" => dest
            .map(Output::Local)
            .ok_or_else(|| Error::InvalidArgument("dest is required for local output".into())),
        "tar" => Ok(Output::Tar(dest.filter(|d| d.as_os_str() != "-"))),
        other => Err(Error::InvalidArgument(format!(
            "output type {other:?} is not supported (docker, local, tar)"
        ))),
    }
}

/// Whether `data` starts a tar (plain or compressed) rather than a Dockerfile.
fn looks_like_tar(data: &[u8]) -> bool {
    rdock::storage::compress::decompressed(std::io::Cursor::new(data))
        .is_ok_and(|(_, mut r)| rdock::storage::compress::starts_tar(&mut r))
}

pub fn build(engine: &Engine, a: BuildArgs) -> i32 {
    if let Some(i) = a.isolation.as_deref().filter(|i| !matches!(*i, "" | "default")) {
        return fail(format!("Invalid isolation: {i:?} - linux only supports 'default'"));
    }
    if a.squash {
        // BuildKit's answer, which rdock's builder follows.
        eprintln!("WARNING: experimental flag squash is removed with BuildKit. You should squash inside build using a multi-stage Dockerfile for efficiency.");
    }
    match build_inner(engine, a) {
        Ok(code) => code,
        Err(e) => fail(e),
    }
}

fn build_inner(engine: &Engine, a: BuildArgs) -> Result<i32, Error> {
    for t in &a.tag {
        rdock::image::local::tag_name(t).map_err(|e| Error::flag("-t, --tag", t, e))?;
    }
    if !matches!(a.progress.as_str(), "auto" | "plain" | "tty" | "quiet" | "rawjson") {
        return Err(Error::InvalidArgument(format!("invalid progress mode {:?}", a.progress)));
    }
    let out = output(&a.output)?;
    let mut labels = BTreeMap::new();
    for l in &a.label {
        let (k, v) = l.split_once('=').unwrap_or((l, ""));
        labels.insert(k.to_string(), v.to_string());
    }
    let stdin_dockerfile = a.file.as_deref() == Some("-");
    let (context, dockerfile) = if a.path == "-" {
        if stdin_dockerfile {
            return Err(Error::InvalidArgument(
                "invalid argument: can't use stdin for both build context and dockerfile".into(),
            ));
        }
        let mut head = Vec::new();
        std::io::stdin()
            .lock()
            .take(1 << 16)
            .read_to_end(&mut head)
            .map_err(|e| Error::io("reading stdin", e))?;
        if looks_like_tar(&head) {
            let rest = std::io::Cursor::new(head).chain(std::io::stdin());
            let name = a.file.clone().unwrap_or_else(|| "Dockerfile".into());
            (ContextSource::Tar(Box::new(rest)), DockerfileSource::InContext(name))
        } else {
            let mut text = head;
            std::io::stdin().lock().read_to_end(&mut text).map_err(|e| Error::io("reading stdin", e))?;
            let text = String::from_utf8(text)
                .map_err(|_| Error::InvalidArgument("the Dockerfile on stdin is not UTF-8 text".into()))?;
            (ContextSource::Tar(Box::new(std::io::Cursor::new(empty_tar()))), DockerfileSource::Text(text))
        }
    } else {
        if a.path.starts_with("http://") || a.path.starts_with("https://") || a.path.starts_with("git@") {
            return Err(Error::InvalidArgument(format!(
                "unable to prepare context: remote contexts ({}) are not supported by rdock",
                a.path
            )));
        }
        let dir = PathBuf::from(&a.path);
        let dockerfile = match &a.file {
            Some(f) if f == "-" => {
                let mut text = String::new();
                std::io::stdin()
                    .read_to_string(&mut text)
                    .map_err(|e| Error::io("reading the Dockerfile from stdin", e))?;
                DockerfileSource::Text(text)
            }
            Some(f) => {
                let p = PathBuf::from(f);
                // Relative to the working directory, as Docker takes it; inside the context when it is there.
                let abs = std::env::current_dir().map(|c| c.join(&p)).unwrap_or(p.clone());
                match (abs.canonicalize(), dir.canonicalize()) {
                    (Ok(fa), Ok(da)) if fa.starts_with(&da) => DockerfileSource::InContext(
                        fa.strip_prefix(&da).map(|r| r.display().to_string()).unwrap_or_default(),
                    ),
                    (Ok(fa), _) => DockerfileSource::Path(fa),
                    (Err(_), _) => {
                        return Err(Error::InvalidArgument(format!(
                            "failed to read dockerfile: open {f}: no such file or directory"
                        )))
                    }
                }
            }
            None => DockerfileSource::InContext("Dockerfile".into()),
        };
        (ContextSource::Dir(dir), dockerfile)
    };
    let opts = BuildOptions {
        tags: if matches!(out, Output::Image) { a.tag.clone() } else { Vec::new() },
        build_args: build_args(&a.build_arg),
        target: a.target.clone(),
        labels,
        no_cache: a.no_cache,
        no_cache_filter: a.no_cache_filter.clone(),
        pull: a.pull,
        network: a.network.clone(),
        add_hosts: a.add_host.clone(),
        shm_size: match &a.shm_size {
            Some(v) => rdock::format::parse_bytes(v).map_err(|e| Error::flag("--shm-size", v, e))?,
            None => 0,
        },
        ulimits: a
            .ulimit
            .iter()
            .map(|u| rdock::runtime::spec::parse_ulimit(u).map_err(|e| Error::flag("--ulimit", u, e)))
            .collect::<Result<_, _>>()?,
        limits: rdock::storage::containers::HostConfig {
            memory: a.memory.unwrap_or(0),
            memory_swap: a.memory_swap.unwrap_or(0),
            cpu_shares: a.cpu_shares.unwrap_or(0),
            cpu_period: a.cpu_period.unwrap_or(0),
            cpu_quota: a.cpu_quota.unwrap_or(0),
            cpuset_cpus: a.cpuset_cpus.clone().unwrap_or_default(),
            cpuset_mems: a.cpuset_mems.clone().unwrap_or_default(),
            cgroup_parent: a.cgroup_parent.clone().unwrap_or_default(),
            security_opt: a.security_opt.clone(),
            ..Default::default()
        },
        secrets: secrets(&a.secret)?,
        progress: match a.progress.as_str() {
            _ if a.quiet => ProgressMode::Quiet,
            "quiet" => ProgressMode::Quiet,
            "tty" => ProgressMode::Tty,
            "auto" if std::io::stderr().is_terminal() => ProgressMode::Tty,
            _ => ProgressMode::Plain,
        },
        platform: a.platform.clone(),
        cache_from: a.cache_from.clone(),
        build_contexts: build_contexts(&a.build_context)?,
    };
    let progress: Box<dyn Write + Send> = Box::new(std::io::stderr());
    let built = match engine.build(context, dockerfile, &opts, progress) {
        Ok(b) => b,
        Err(f) => {
            eprint!("{}", f.detail);
            return Ok(fail(format!("failed to build: failed to solve: {}", f.error)));
        }
    };
    match out {
        Output::Image => {}
        Output::Local(dir) => engine.export_image_dir(&built.id, &dir)?,
        Output::Tar(dest) => match dest {
            Some(path) => {
                let mut f = std::fs::File::create(&path)
                    .map_err(|e| Error::io(format!("creating {}", path.display()), e))?;
                engine.export_image(&built.id, &mut f)?;
            }
            None => engine.export_image(&built.id, &mut std::io::stdout().lock())?,
        },
    }
    if let Some(path) = &a.iidfile {
        std::fs::write(path, &built.id).map_err(|e| Error::io(format!("writing {}", path.display()), e))?;
    }
    if a.quiet {
        println!("{}", built.id);
    }
    Ok(0)
}

fn empty_tar() -> Vec<u8> {
    vec![0u8; 1024]
}

/// Cache record ids as `builder prune` lists them: 25 characters, as BuildKit's.
pub fn cache_ids(keys: &[String]) -> Vec<String> {
    keys.iter().map(|k| k[..25.min(k.len())].to_string()).collect()
}

pub fn prune(engine: &Engine, a: PruneArgs) -> i32 {
    let mut opts = PruneOptions::default();
    for f in &a.filter {
        match f.split_once('=') {
            Some(("until", v)) => match rdock::runtime::logs::parse_time_arg(v) {
                Ok(t) => opts.until = Some(t),
                Err(e) => return fail(e),
            },
            _ => return fail(format!("invalid filter {f:?}: only until= is supported")),
        }
    }
    if let Some(k) = &a.keep_storage {
        match rdock::format::parse_bytes(k) {
            Ok(b) if b >= 0 => opts.keep_storage = Some(b as u64),
            _ => return fail(format!("invalid argument {k:?} for \"--keep-storage\" flag")),
        }
    }
    if !a.force {
        eprint!(
            "WARNING! This will remove all dangling build cache. Are you sure you want to continue? [y/N] "
        );
        let mut answer = String::new();
        let _ = std::io::stdin().read_line(&mut answer);
        if !matches!(answer.trim(), "y" | "Y") {
            return 0;
        }
    }
    match engine.builder_prune(&opts) {
        Ok((removed, bytes)) => {
            super::print_deleted("Deleted build cache objects:", &cache_ids(&removed));
            println!("Total reclaimed space: {}", rdock::format::human_size(bytes));
            0
        }
        Err(e) => fail(e),
    }
}

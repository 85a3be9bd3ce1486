//! `rdock build`: a Dockerfile to an image, with no daemon. The stages the
//! target needs form a graph and build in parallel threads; each step's
//! result is cached (see [`cache`]); filesystem steps run in step containers
//! (see [`container`]). Output and errors follow BuildKit's.

mod container;
mod copy;
pub mod dockerfile;
mod heredoc;
pub mod ignore;
mod mounts;
pub mod pattern;
mod progress;
pub mod shell;
mod sources;
mod stage;

use std::collections::BTreeMap;
use std::io::{Read, Write};
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Condvar, Mutex};

use crate::storage::buildcache as cache;
pub use crate::storage::buildcache::PruneOptions;
pub use container::sweep_stale;
pub use progress::Mode as ProgressMode;
use progress::Progress;

use crate::error::{Error, Result};
use crate::storage::Store;

/// Where the build context comes from.
pub enum ContextSource {
    Dir(PathBuf),
    /// A tar (gzip, zstd or plain) on stdin: unpacked into a temp dir first.
    Tar(Box<dyn Read>),
}

/// Where the Dockerfile comes from.
pub enum DockerfileSource {
    /// A path relative to the context (`Dockerfile` by default).
    InContext(String),
    /// A path outside the context (`-f /elsewhere/Dockerfile`).
    Path(PathBuf),
    /// `-f -`: the text itself.
    Text(String),
}

/// A secret for `RUN --mount=type=secret`.
#[derive(Debug, Clone)]
pub struct Secret {
    pub id: String,
    pub data: Vec<u8>,
}

pub struct BuildOptions {
    pub tags: Vec<String>,
    /// `--build-arg NAME=VALUE` (a bare name takes the caller's environment).
    pub build_args: Vec<(String, String)>,
    pub target: Option<String>,
    pub labels: BTreeMap<String, String>,
    pub no_cache: bool,
    /// Stages whose steps are not taken from the cache.
    pub no_cache_filter: Vec<String>,
    pub pull: bool,
    /// RUN's network: `default` (the host's), `host` or `none`.
    pub network: String,
    pub add_hosts: Vec<String>,
    /// `--shm-size` for RUN steps (bytes; 0: 64 MiB).
    pub shm_size: i64,
    pub ulimits: Vec<crate::storage::containers::Ulimit>,
    /// `--memory`, `--cpu-*`, `--cpuset-*`, `--cgroup-parent`, `--security-opt`
    /// for RUN steps, as the fields of a container's host config.
    pub limits: crate::storage::containers::HostConfig,
    pub secrets: Vec<Secret>,
    pub progress: ProgressMode,
    pub platform: Option<String>,
    /// `--cache-from` images: their layers' steps count as cached.
    pub cache_from: Vec<String>,
    /// `--build-context NAME=PATH|docker-image://REF`: what FROM, COPY --from
    /// and RUN --mount from= mean by NAME.
    pub build_contexts: BTreeMap<String, String>,
}

/// The image as a step leaves it.
#[derive(Debug, Clone, Default)]
pub struct State {
    pub layers: Vec<crate::storage::images::LayerRecord>,
    pub config: crate::image::config::ImageConfig,
    /// The cache key of each layer step so far, for an inline cache.
    pub keys: Vec<InlineKey>,
}

/// One step of an image's inline cache (`--build-arg BUILDKIT_INLINE_CACHE=1`):
/// `--cache-from` that image reuses its layer for a step with this key.
#[derive(Debug, Clone, Default, serde::Serialize, serde::Deserialize)]
pub struct InlineKey {
    pub key: String,
    pub diff_id: String,
    pub created: String,
}

/// Where an image keeps its inline cache in its config.
pub const INLINE_CACHE_FIELD: &str = "rdock.buildcache.v0";

impl Default for BuildOptions {
    fn default() -> Self {
        BuildOptions {
            tags: Vec::new(),
            build_args: Vec::new(),
            target: None,
            labels: BTreeMap::new(),
            no_cache: false,
            no_cache_filter: Vec::new(),
            pull: false,
            network: "default".into(),
            add_hosts: Vec::new(),
            shm_size: 0,
            ulimits: Vec::new(),
            limits: Default::default(),
            secrets: Vec::new(),
            progress: ProgressMode::Plain,
            platform: None,
            cache_from: Vec::new(),
            build_contexts: BTreeMap::new(),
        }
    }
}

/// What a build made.
#[derive(Debug, Clone)]
pub struct Built {
    pub id: String,
    pub names: Vec<String>,
    /// The final stage's state, for `--output` exporters.
    pub state: State,
}

/// The context on disk; a temp copy (from a tar) goes when dropped.
pub struct Context {
    pub dir: PathBuf,
    temp: bool,
}

impl Drop for Context {
    fn drop(&mut self) {
        if self.temp {
            let _ = crate::util::remove_dir_all(&self.dir);
        }
    }
}

impl Context {
    pub fn open(store: &Store, source: ContextSource) -> Result<Context> {
        match source {
            ContextSource::Dir(dir) => {
                let meta = std::fs::metadata(&dir).map_err(|_| {
                    Error::InvalidArgument(format!(
                        "unable to prepare context: path {:?} not found",
                        dir.display().to_string()
                    ))
                })?;
                if !meta.is_dir() {
                    return Err(Error::InvalidArgument(format!(
                        "unable to prepare context: path {:?} is not a directory",
                        dir.display().to_string()
                    )));
                }
                Ok(Context { dir, temp: false })
            }
            ContextSource::Tar(reader) => {
                let dir = store.root.join(format!(
                    ".tmp-{}-context-{}",
                    std::process::id(),
                    crate::util::random_hex(4)
                ));
                std::fs::create_dir_all(&dir).map_err(|e| Error::io("creating the build context", e))?;
                let ctx = Context { dir, temp: true };
                let (_, tar) = crate::storage::compress::decompressed(reader)
                    .map_err(|e| Error::io("reading the build context", e))?;
                let opts = crate::storage::layer::UnpackOptions {
                    max_size: u64::MAX,
                    devices: false,
                    ..store.unpack_options()
                };
                crate::storage::layer::unpack(tar, &ctx.dir, &opts)
                    .map_err(|e| Error::InvalidArgument(format!("unable to prepare context: {e}")))?;
                Ok(ctx)
            }
        }
    }
}

/// The Dockerfile's text and the name errors use for it.
fn read_dockerfile(ctx: &Context, source: &DockerfileSource) -> Result<(String, String)> {
    let (path, name) = match source {
        DockerfileSource::Text(t) => return Ok((t.clone(), "Dockerfile".into())),
        DockerfileSource::InContext(rel) => {
            let real = container::real_path_inside(&ctx.dir, rel).map_err(|_| {
                Error::InvalidArgument(format!(
                    "failed to read dockerfile: open {rel}: no such file or directory"
                ))
            })?;
            (real, rel.clone())
        }
        DockerfileSource::Path(p) => (p.clone(), p.display().to_string()),
    };
    let meta = std::fs::metadata(&path).map_err(|_| {
        Error::InvalidArgument(format!("failed to read dockerfile: open {name}: no such file or directory"))
    })?;
    if meta.len() > 16 << 20 {
        return Err(Error::InvalidArgument(format!(
            "failed to read dockerfile: {name} is larger than 16 MiB"
        )));
    }
    let text = std::fs::read(&path).map_err(|e| Error::io(format!("reading {name}"), e))?;
    let text = String::from_utf8(text).map_err(|_| {
        Error::InvalidArgument(format!("failed to read dockerfile: {name} is not UTF-8 text"))
    })?;
    Ok((text, name))
}

/// `.dockerignore` rules: `NAME.dockerignore` beside the Dockerfile first,
/// then the context's own.
fn read_ignore(ctx: &Context, source: &DockerfileSource) -> Result<Option<ignore::PatternMatcher>> {
    let mut candidates = Vec::new();
    match source {
        DockerfileSource::InContext(rel) => candidates.push(ctx.dir.join(format!("{rel}.dockerignore"))),
        DockerfileSource::Path(p) => candidates.push(PathBuf::from(format!("{}.dockerignore", p.display()))),
        DockerfileSource::Text(_) => {}
    }
    candidates.push(ctx.dir.join(".dockerignore"));
    for c in candidates {
        let Ok(meta) = std::fs::symlink_metadata(&c) else { continue };
        if !meta.is_file() || meta.len() > 16 << 20 {
            continue;
        }
        let text =
            std::fs::read_to_string(&c).map_err(|e| Error::io(format!("reading {}", c.display()), e))?;
        let patterns = ignore::read_ignore_file(&text);
        let m = ignore::PatternMatcher::new(&patterns)
            .map_err(|e| Error::InvalidArgument(format!("failed to parse dockerignore: {e}")))?;
        return Ok(Some(m));
    }
    Ok(None)
}

/// Shared by the stage threads of one build.
pub(crate) struct Build<'a> {
    pub store: &'a Store,
    pub opts: &'a BuildOptions,
    pub progress: Progress,
    pub df: dockerfile::Dockerfile,
    pub dockerfile_name: String,
    pub dockerfile_text: String,
    pub context: &'a Context,
    pub ignore: Option<ignore::PatternMatcher>,
    /// Steps the `--cache-from` images carry: key → (layer, its time).
    pub inline: std::collections::HashMap<String, (crate::storage::images::LayerRecord, String)>,
    /// Images FROM and --from named, looked up (or pulled) once per build.
    resolved: Mutex<std::collections::HashMap<String, crate::storage::images::ImageRecord>>,
    pub cancel: AtomicBool,
    results: Mutex<Vec<Option<std::result::Result<stage::Done, String>>>>,
    ready: Condvar,
}

impl Build<'_> {
    /// The image `reference` names, from the store or pulled (always with
    /// `--pull`), reported once per build however many stages use it.
    pub fn image(
        &self,
        reference: &crate::image::reference::Reference,
    ) -> Result<crate::storage::images::ImageRecord> {
        let full = reference.to_string();
        let mut resolved = self.resolved.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(img) = resolved.get(&full) {
            return Ok(img.clone());
        }
        let v = self.progress.start(&format!("[internal] load metadata for {full}"));
        let img = find_or_pull(self.store, reference, self.opts.pull)
            .inspect_err(|e| self.progress.error(&v, &e.to_string()))?;
        self.progress.done(&v);
        resolved.insert(full, img.clone());
        Ok(img)
    }

    /// A stage failed or the user interrupted the build.
    pub fn canceled(&self) -> bool {
        self.cancel.load(Ordering::Relaxed) || INTERRUPTED.load(Ordering::Relaxed)
    }

    /// Waits for stage `i` (built by its own thread).
    pub fn wait_stage(&self, i: usize) -> Result<stage::Done> {
        let mut results = self.results.lock().unwrap_or_else(|e| e.into_inner());
        loop {
            match &results[i] {
                Some(Ok(done)) => return Ok(done.clone()),
                Some(Err(_)) => return Err(Error::Runtime(format!("stage {i} failed"))),
                None => {}
            }
            if self.canceled() {
                return Err(Error::Runtime("canceled".into()));
            }
            results = self
                .ready
                .wait_timeout(results, std::time::Duration::from_millis(200))
                .unwrap_or_else(|e| e.into_inner())
                .0;
        }
    }

    fn finish_stage(&self, i: usize, r: std::result::Result<stage::Done, String>) {
        let mut results = self.results.lock().unwrap_or_else(|e| e.into_inner());
        results[i] = Some(r);
        self.ready.notify_all();
    }

    /// The stage a name or index refers to, if it is one defined before `before`.
    pub fn stage_named(&self, name: &str, before: usize) -> Option<usize> {
        let lower = name.to_lowercase();
        if let Some(i) =
            self.df.stages[..before].iter().position(|s| s.name.as_deref() == Some(lower.as_str()))
        {
            return Some(i);
        }
        name.parse::<usize>().ok().filter(|i| *i < before)
    }

    /// The Dockerfile lines around `line`, as BuildKit shows them with an error.
    pub fn excerpt(&self, line: usize, end_line: usize) -> String {
        let lines: Vec<&str> = self.dockerfile_text.lines().collect();
        let from = line.saturating_sub(3).max(1);
        let mut out = format!(
            "{}:{}\n--------------------\n",
            self.dockerfile_name,
            if end_line > line { format!("{line}-{end_line}") } else { line.to_string() }
        );
        for n in from..=end_line.min(lines.len()).max(line.min(lines.len())) {
            let mark = if n >= line && n <= end_line { ">>>" } else { "   " };
            out.push_str(&format!(" {n:>3} | {mark} {}\n", lines.get(n - 1).unwrap_or(&"")));
        }
        out.push_str("--------------------\n");
        out
    }
}

/// Why a build failed, as BuildKit reports it.
pub struct Failure {
    /// The Dockerfile excerpt and step summary printed before the last line.
    pub detail: String,
    pub error: Error,
}

/// Builds an image; progress goes to `out` (nothing with `quiet`).
pub fn build(
    store: &Store,
    context: ContextSource,
    dockerfile: DockerfileSource,
    opts: &BuildOptions,
    out: Box<dyn Write + Send>,
) -> std::result::Result<Built, Failure> {
    let plain = |error| Failure { detail: String::new(), error };
    check_platform(opts.platform.as_deref()).map_err(plain)?;
    stage::network_mode(&opts.network).map_err(plain)?;
    container::sweep_stale(store);
    let _guard = store.gc_guard().map_err(plain)?;
    let ctx = Context::open(store, context).map_err(plain)?;
    let progress = Progress::new(out, opts.progress);
    progress.header();
    let v =
        progress.start(&format!("[internal] load build definition from {}", dockerfile_display(&dockerfile)));
    let (text, name) = read_dockerfile(&ctx, &dockerfile).map_err(|e| {
        progress.error(&v, &e.to_string());
        plain(e)
    })?;
    progress.note(&v, &format!("transferring dockerfile: {}B done", text.len()));
    progress.done(&v);
    let df = dockerfile::parse(&text).map_err(|e| {
        if e.line == 0 {
            return plain(Error::InvalidArgument(e.message.clone()));
        }
        let err = Error::InvalidArgument(format!("dockerfile parse error on line {}: {}", e.line, e.message));
        let lines: Vec<&str> = text.lines().collect();
        let mut detail = format!("{name}:{}\n--------------------\n", e.line);
        for n in e.line.saturating_sub(2).max(1)..=e.line.min(lines.len()) {
            let mark = if n == e.line { ">>>" } else { "   " };
            detail.push_str(&format!(" {n:>3} | {mark} {}\n", lines[n - 1]));
        }
        detail.push_str("--------------------\n");
        Failure { detail, error: err }
    })?;
    let v = progress.start("[internal] load .dockerignore");
    let ignore = read_ignore(&ctx, &dockerfile).map_err(plain)?;
    progress.note(&v, "transferring context: 2B done");
    progress.done(&v);
    let build = Build {
        store,
        opts,
        progress,
        results: Mutex::new(vec![None; df.stages.len()]),
        df,
        dockerfile_name: name.rsplit('/').next().unwrap_or(&name).to_string(),
        dockerfile_text: text,
        context: &ctx,
        ignore,
        inline: inline_cache(store, &opts.cache_from),
        resolved: Mutex::default(),
        cancel: AtomicBool::new(false),
        ready: Condvar::new(),
    };
    let target = target_stage(&build).map_err(plain)?;
    let needed = needed_stages(&build, target);
    watch_signals();
    let failure: Mutex<Option<Failure>> = Mutex::new(None);
    std::thread::scope(|s| {
        for &i in &needed {
            let build = &build;
            let failure = &failure;
            // A deep tree in a step (a walk, a removal) must not overflow a
            // small thread stack; the size is only reserved, not used.
            let thread = std::thread::Builder::new().name(format!("stage-{i}")).stack_size(256 << 20);
            let spawned = thread.spawn_scoped(s, move || {
                let r = stage::run(build, i);
                match r {
                    Ok(done) => build.finish_stage(i, Ok(done)),
                    Err(f) => {
                        build.finish_stage(i, Err(f.error.to_string()));
                        let mut slot = failure.lock().unwrap_or_else(|e| e.into_inner());
                        // The first real failure, not a stage that gave up waiting.
                        if slot.is_none() && !f.error.to_string().starts_with("stage ") {
                            *slot = Some(f);
                        }
                        build.cancel.store(true, Ordering::Relaxed);
                    }
                }
            });
            if let Err(e) = spawned {
                build.finish_stage(i, Err(e.to_string()));
                let mut slot = failure.lock().unwrap_or_else(|e| e.into_inner());
                slot.get_or_insert(Failure {
                    detail: String::new(),
                    error: Error::io("starting a stage", e),
                });
                build.cancel.store(true, Ordering::Relaxed);
            }
        }
    });
    if let Some(f) = failure.into_inner().unwrap_or_else(|e| e.into_inner()) {
        return Err(f);
    }
    if build.canceled() {
        return Err(plain(Error::Runtime("canceled".into())));
    }
    let done = build.wait_stage(target).map_err(plain)?;
    stage::export(&build, done).map_err(plain)
}

fn dockerfile_display(source: &DockerfileSource) -> String {
    match source {
        DockerfileSource::InContext(rel) => rel.rsplit('/').next().unwrap_or(rel).to_string(),
        DockerfileSource::Path(p) => {
            p.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default()
        }
        DockerfileSource::Text(_) => "Dockerfile".into(),
    }
}

/// An image from the store, or pulled if it is not there (or `always`).
fn find_or_pull(
    store: &Store,
    reference: &crate::image::reference::Reference,
    always: bool,
) -> Result<crate::storage::images::ImageRecord> {
    if !always {
        if let Ok(img) = crate::image::find(store, &reference.to_string()) {
            return Ok(img);
        }
    }
    let opts = crate::image::pull::PullOptions { platform: None, registry: Default::default() };
    let pulled = crate::image::pull::pull(
        store,
        reference,
        &opts,
        std::sync::Arc::new(crate::image::pull::NoProgress),
    )?;
    crate::image::find(store, &pulled.image_id)
}

/// The steps `--cache-from` images offer (pulled if missing; an image that
/// cannot be had is skipped, as BuildKit does).
fn inline_cache(
    store: &Store,
    refs: &[String],
) -> std::collections::HashMap<String, (crate::storage::images::LayerRecord, String)> {
    let mut out = std::collections::HashMap::new();
    for r in refs {
        let name = r.strip_prefix("type=registry,ref=").unwrap_or(r);
        let Ok(reference) = crate::image::reference::Reference::parse(name).map(|r| r.with_default_tag())
        else {
            continue;
        };
        let Ok(image) = find_or_pull(store, &reference, false) else { continue };
        let Ok(config) = crate::image::load_config(store, &image) else { continue };
        let Some(keys) = config.extra.get(INLINE_CACHE_FIELD) else { continue };
        let Ok(keys) = serde_json::from_value::<Vec<InlineKey>>(keys.clone()) else { continue };
        for k in keys {
            if let Some(layer) = image.layers.iter().find(|l| l.diff_id == k.diff_id) {
                out.insert(k.key, (layer.clone(), k.created));
            }
        }
    }
    out
}

/// Only the host's platform can run RUN steps here.
pub(crate) fn check_platform(platform: Option<&str>) -> Result<()> {
    let Some(p) = platform.filter(|p| !p.is_empty()) else { return Ok(()) };
    let host = crate::image::config::host_platform();
    let want = crate::image::config::parse_platform(p)?;
    if want.os != host.os || want.architecture != host.architecture {
        return Err(Error::InvalidArgument(format!(
            "platform {p} is not supported: rdock builds for the host's platform, {}/{}, only",
            host.os, host.architecture
        )));
    }
    Ok(())
}

fn target_stage(b: &Build) -> Result<usize> {
    match &b.opts.target {
        None => Ok(b.df.stages.len() - 1),
        Some(t) => {
            b.df.stages
                .iter()
                .position(|s| s.name.as_deref() == Some(t.to_lowercase().as_str()))
                .ok_or_else(|| Error::InvalidArgument(format!("target stage \"{t}\" could not be found")))
        }
    }
}

/// The target and every stage it depends on (FROM, COPY --from, RUN
/// --mount from=), in Dockerfile order.
fn needed_stages(b: &Build, target: usize) -> Vec<usize> {
    let mut need = vec![false; b.df.stages.len()];
    let mut stack = vec![target];
    while let Some(i) = stack.pop() {
        if std::mem::replace(&mut need[i], true) {
            continue;
        }
        for dep in stage::dependencies(b, i) {
            if dep < i {
                stack.push(dep);
            }
        }
    }
    need.iter().enumerate().filter(|(_, n)| **n).map(|(i, _)| i).collect()
}

/// Set by SIGINT/SIGTERM/SIGHUP during a build.
static INTERRUPTED: AtomicBool = AtomicBool::new(false);

/// SIGINT/SIGTERM cancel the build: the running steps are killed and what
/// they made is removed before rdock exits.
fn watch_signals() {
    let Ok(fd) = crate::runtime::stdio::catch_signals(&[libc::SIGINT, libc::SIGTERM, libc::SIGHUP]) else {
        return;
    };
    std::thread::spawn(move || {
        let mut f = std::fs::File::from(fd);
        let mut b = [0u8; 1];
        if f.read_exact(&mut b).is_ok() {
            INTERRUPTED.store(true, Ordering::Relaxed);
        }
    });
}

/// `builder prune`: cache records (and then the layers only they kept).
pub fn prune(store: &Store, opts: &PruneOptions) -> Result<(Vec<String>, u64)> {
    let (removed, mut bytes) = cache::prune(store, opts)?;
    if opts.until.is_none() && opts.keep_storage.is_none() {
        let mounts = cache::dir(store).join("mounts");
        bytes += crate::storage::layer::disk_usage(&mounts);
        let _ = crate::util::remove_dir_all(&mounts);
    }
    store.collect_garbage(true)?;
    Ok((removed, bytes))
}

/// Bytes the build cache holds (for `system df`): (records, total, reclaimable).
pub fn usage(store: &Store) -> (usize, u64) {
    let recs = cache::records(store);
    let mounts = crate::storage::layer::disk_usage(&cache::dir(store).join("mounts"));
    (recs.len(), recs.iter().map(|(_, r)| r.size).sum::<u64>() + mounts)
}

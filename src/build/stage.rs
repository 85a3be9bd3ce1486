//! One stage of a build: its base, then each instruction as BuildKit's
//! Dockerfile frontend dispatches it (the config fields it sets, the history
//! entry it writes, which words it expands), with filesystem steps cached.

use std::collections::BTreeMap;
use std::path::Path;

use serde_json::json;
use sha2::{Digest, Sha256};

use super::container::{self, Process, StepContainer};
use super::dockerfile::{Command, Instr, Source, Step};
use super::progress::Vertex;
use super::shell::{self, Lex};
use super::sources::{self, Attrs, EntryWriter, FoundKind, Tree};
use super::State;
use super::{Build, Built, Failure};
use crate::error::{Error, Result};
use crate::image::config::{History, ImageConfig};
use crate::storage::buildcache::{self as cache, Key};
use crate::storage::images::LayerRecord;

const HISTORY_COMMENT: &str = "buildkit.dockerfile.v0";

/// Proxy args are passed to RUN without an ARG, and kept out of the history.
const PROXY_ARGS: &[&str] = &[
    "HTTP_PROXY",
    "http_proxy",
    "HTTPS_PROXY",
    "https_proxy",
    "FTP_PROXY",
    "ftp_proxy",
    "NO_PROXY",
    "no_proxy",
    "ALL_PROXY",
    "all_proxy",
];

/// A finished stage.
#[derive(Debug, Clone)]
pub struct Done {
    pub state: State,
    pub key: String,
}

struct Vars(Vec<(String, String)>);

impl shell::Env for Vars {
    fn get(&self, name: &str) -> Option<String> {
        self.0.iter().rev().find(|(k, _)| k == name).map(|(_, v)| v.clone())
    }
}

/// The platform args BuildKit defines in the global scope.
fn platform_args() -> Vec<(String, String)> {
    let p = crate::image::config::host_platform();
    let full = p.to_string();
    let variant = p.variant.clone().unwrap_or_default();
    let mut out = Vec::new();
    for prefix in ["TARGET", "BUILD"] {
        out.push((format!("{prefix}PLATFORM"), full.clone()));
        out.push((format!("{prefix}OS"), p.os.clone()));
        out.push((format!("{prefix}ARCH"), p.architecture.clone()));
        out.push((format!("{prefix}VARIANT"), variant.clone()));
    }
    out
}

fn build_arg<'a>(b: &'a Build, name: &str) -> Option<&'a str> {
    b.opts.build_args.iter().rev().find(|(k, _)| k == name).map(|(_, v)| v.as_str())
}

/// `ARG` words: `NAME` or `NAME=default` (the default still to expand).
fn arg_words(text: &str, escape: char) -> Result<Vec<(String, Option<String>)>> {
    shell::split_arg_definitions(text, escape).map_err(Error::InvalidArgument)
}

/// The global ARGs' values (before the first FROM), with the platform args.
fn global_args(b: &Build) -> Result<Vec<(String, String)>> {
    let mut vars = platform_args();
    let lex = Lex::new(b.df.escape);
    for step in &b.df.global_args {
        let Instr::Arg(text) = &step.instr else { continue };
        for (k, default) in arg_words(text, b.df.escape)? {
            let value = match (build_arg(b, &k), default) {
                (Some(v), _) => Some(v.to_string()),
                (None, Some(d)) => Some(lex.process_word(&d, &Vars(vars.clone())).map_err(lex_err)?.result),
                (None, None) => None,
            };
            if let Some(v) = value {
                vars.push((k, v));
            }
        }
    }
    Ok(vars)
}

fn lex_err(e: shell::LexError) -> Error {
    Error::InvalidArgument(e.0)
}

/// The stages stage `i` needs before it can finish.
pub fn dependencies(b: &Build, i: usize) -> Vec<usize> {
    let stage = &b.df.stages[i];
    let vars = Vars(global_args(b).unwrap_or_default());
    let lex = Lex::new(b.df.escape);
    let base = lex.process_word(&stage.base, &vars).map(|p| p.result).unwrap_or_else(|_| stage.base.clone());
    let mut deps: Vec<usize> = b.stage_named(&base, i).into_iter().collect();
    for step in &stage.steps {
        let flags = match &step.instr {
            Instr::Copy { flags, .. } => {
                flags.iter().filter(|(k, _)| k == "from").map(|(_, v)| v.clone()).collect()
            }
            Instr::Run { flags, .. } => flags
                .iter()
                .filter(|(k, _)| k == "mount")
                .filter_map(|(_, v)| v.split(',').find_map(|kv| kv.strip_prefix("from=").map(str::to_string)))
                .collect(),
            _ => Vec::new(),
        };
        deps.extend(flags.iter().filter_map(|f| b.stage_named(f, i)));
    }
    deps
}

struct StageRun<'a, 'b> {
    b: &'a Build<'b>,
    index: usize,
    prefix: String,
    total: usize,
    n: usize,
    state: State,
    key: String,
    /// ARGs declared in this stage, in order, with their values.
    args: Vec<(String, Option<String>)>,
    globals: Vec<(String, String)>,
    cmd_set: bool,
    no_cache: bool,
    /// The step being run is an ONBUILD trigger of the base image.
    onbuild: bool,
    /// What BuildKit prints about a failed step: its name and last output.
    summary: Option<String>,
}

/// Steps BuildKit numbers `[n/total]`: the filesystem ones.
fn vertex_count(steps: &[Step]) -> usize {
    steps
        .iter()
        .filter(|s| matches!(s.instr, Instr::Run { .. } | Instr::Copy { .. } | Instr::Workdir(_)))
        .count()
}

pub fn run(b: &Build, i: usize) -> std::result::Result<Done, Failure> {
    let stage = &b.df.stages[i];
    let failure = |step: Option<&Step>, error: Error| Failure {
        detail: step
            .map(|s| b.excerpt(s.line, s.end_line))
            .unwrap_or_else(|| b.excerpt(stage.line, stage.line)),
        error,
    };
    let with_summary = |summary: Option<String>, f: Failure| Failure {
        detail: format!("{}{}", summary.unwrap_or_default(), f.detail),
        error: f.error,
    };
    let globals = global_args(b).map_err(|e| failure(None, e))?;
    let lex = Lex::new(b.df.escape);
    let base =
        lex.process_word(&stage.base, &Vars(globals.clone())).map_err(|e| failure(None, lex_err(e)))?.result;
    let mut triggers = Vec::new();
    let named = stage.name.clone().or_else(|| (b.df.stages.len() > 1).then(|| format!("stage-{i}")));
    let mut run = StageRun {
        b,
        index: i,
        prefix: named.map(|n| format!("{n} ")).unwrap_or_default(),
        total: vertex_count(&stage.steps)
            + usize::from(base != "scratch" && b.stage_named(&base, i).is_none()),
        n: 0,
        state: State::default(),
        key: String::new(),
        args: Vec::new(),
        globals,
        cmd_set: false,
        no_cache: b.opts.no_cache
            || stage
                .name
                .as_ref()
                .is_some_and(|n| b.opts.no_cache_filter.iter().any(|f| f.eq_ignore_ascii_case(n))),
        onbuild: false,
        summary: None,
    };
    run.from(&base, &mut triggers).map_err(|e| failure(None, e))?;
    let trigger_steps: Vec<Step> = triggers
        .iter()
        .map(|t| super::dockerfile::parse_trigger(t))
        .collect::<std::result::Result<_, _>>()
        .map_err(|e| {
            failure(
                None,
                Error::InvalidArgument(format!("dockerfile parse error in ONBUILD trigger: {}", e.message)),
            )
        })?;
    run.total += trigger_steps.len();
    let steps = trigger_steps.iter().map(|s| (s, true)).chain(stage.steps.iter().map(|s| (s, false)));
    for (step, onbuild) in steps {
        if b.canceled() {
            return Err(failure(Some(step), Error::Runtime("canceled".into())));
        }
        run.onbuild = onbuild;
        run.step(step).map_err(|e| with_summary(run.summary.take(), failure(Some(step), e)))?;
    }
    Ok(Done { state: run.state, key: run.key })
}

impl StageRun<'_, '_> {
    fn name(&mut self, text: &str) -> String {
        self.n += 1;
        let width = 1 + (self.total.max(1) as f64).log10().floor() as usize;
        let onbuild = if self.onbuild { "ONBUILD " } else { "" };
        format!("[{}{:>width$}/{}] {onbuild}{}", self.prefix, self.n, self.total, text)
    }

    fn vars(&self) -> Vars {
        let mut vars: Vec<(String, String)> =
            self.args.iter().filter_map(|(k, v)| v.clone().map(|v| (k.clone(), v))).collect();
        // ENV wins over ARG of the same name.
        for e in self.state.config.config.env.iter().flatten() {
            let (k, v) = e.split_once('=').unwrap_or((e, ""));
            vars.push((k.to_string(), v.to_string()));
        }
        Vars(vars)
    }

    fn expand(&self, word: &str) -> Result<String> {
        Ok(Lex::new(self.b.df.escape).process_word(word, &self.vars()).map_err(lex_err)?.result)
    }

    fn from(&mut self, base: &str, triggers: &mut Vec<String>) -> Result<()> {
        let b = self.b;
        if let Some(j) = b.stage_named(base, self.index) {
            let done = b.wait_stage(j)?;
            self.state = done.state;
            self.key = done.key;
            return Ok(());
        }
        if base == "scratch" {
            let p = crate::image::config::host_platform();
            self.state.config = ImageConfig {
                architecture: p.architecture,
                os: p.os,
                variant: p.variant,
                config: crate::image::config::RunConfig {
                    env: Some(vec![
                        "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin".into()
                    ]),
                    ..Default::default()
                },
                ..Default::default()
            };
            self.key = Key::new("scratch").finish();
            return Ok(());
        }
        let reference = crate::image::reference::Reference::parse(base)
            .map_err(|_| {
                Error::InvalidArgument(format!(
                    "failed to parse stage name \"{base}\": invalid reference format"
                ))
            })?
            .with_default_tag();
        let full = reference.to_string();
        let meta = b.progress.start(&format!("[internal] load metadata for {}", reference));
        let image = match (b.opts.pull, crate::image::find(b.store, &full)) {
            (false, Ok(img)) => img,
            _ => {
                let opts = crate::image::pull::PullOptions { platform: None, registry: Default::default() };
                let r = crate::image::pull::pull(
                    b.store,
                    &reference,
                    &opts,
                    std::sync::Arc::new(crate::image::pull::NoProgress),
                )
                .inspect_err(|e| b.progress.error(&meta, &e.to_string()))?;
                crate::image::find(b.store, &r.image_id)?
            }
        };
        b.progress.done(&meta);
        let v = b.progress.start(&self.name(&format!("FROM {}", reference)));
        let mut config = crate::image::load_config(b.store, &image)?;
        triggers.extend(config.config.on_build.take().unwrap_or_default());
        self.state = State { layers: image.layers.clone(), config };
        self.key = Key::new(&format!("image:{}", image.id)).finish();
        b.progress.done(&v);
        Ok(())
    }

    fn history(&mut self, created_by: String, layer: Option<(LayerRecord, String)>) {
        let empty = layer.is_none();
        let created = layer.as_ref().map(|(_, t)| t.clone());
        if let Some((l, _)) = layer {
            self.state.layers.push(l);
        }
        self.state.config.history.push(History {
            created,
            created_by: Some(created_by),
            comment: Some(HISTORY_COMMENT.into()),
            author: None,
            empty_layer: empty,
        });
    }

    /// Chains the cache key through a metadata step.
    fn rekey(&mut self, what: &str) {
        let mut k = Key::new(&self.key);
        k.add(what);
        self.key = k.finish();
    }

    fn step(&mut self, step: &Step) -> Result<()> {
        match &step.instr {
            Instr::Run { flags, command, heredocs } => self.run_step(step, flags, command, heredocs),
            Instr::Copy { add, flags, sources, dest } => self.copy(step, *add, flags, sources, dest),
            Instr::Workdir(path) => self.workdir(step, path),
            other => {
                let created_by = self.metadata(other)?;
                if let Some(c) = created_by {
                    self.rekey(&c);
                    self.history(c, None);
                }
                Ok(())
            }
        }
    }

    /// Instructions that change only the config; returns the history text.
    fn metadata(&mut self, instr: &Instr) -> Result<Option<String>> {
        let escape = self.b.df.escape;
        let cfg = &mut self.state.config.config;
        Ok(Some(match instr {
            Instr::Arg(text) => {
                let mut shown = Vec::new();
                for (k, default) in arg_words(text, escape)? {
                    let value = match (build_arg(self.b, &k), default) {
                        (Some(v), _) => Some(v.to_string()),
                        (None, Some(d)) => Some(self.expand(&d)?),
                        (None, None) => {
                            self.globals.iter().rev().find(|(g, _)| *g == k).map(|(_, v)| v.clone())
                        }
                    };
                    shown.push(match &value {
                        Some(v) => format!("{k}={v}"),
                        None => k.clone(),
                    });
                    self.args.retain(|(a, _)| *a != k);
                    self.args.push((k, value));
                }
                format!("ARG {}", shown.join(" "))
            }
            Instr::Env(text) => {
                let mut shown = String::from("ENV");
                for (k, raw) in shell::split_key_values(text, escape).map_err(Error::InvalidArgument)? {
                    let v = self.expand(&raw)?;
                    let env = self.state.config.config.env.get_or_insert_with(Vec::new);
                    match env.iter_mut().find(|e| e.split_once('=').map(|(a, _)| a) == Some(k.as_str())) {
                        Some(e) => *e = format!("{k}={v}"),
                        None => env.push(format!("{k}={v}")),
                    }
                    shown.push_str(&format!(" {k}={v}"));
                }
                shown
            }
            Instr::Label(text) => {
                let mut shown = String::from("LABEL");
                for (k, raw) in
                    shell::split_key_values_for("LABEL", text, escape).map_err(Error::InvalidArgument)?
                {
                    let (k, v) = (self.expand(&k)?, self.expand(&raw)?);
                    self.state
                        .config
                        .config
                        .labels
                        .get_or_insert_with(BTreeMap::new)
                        .insert(k.clone(), v.clone());
                    shown.push_str(&format!(" {k}={v}"));
                }
                shown
            }
            Instr::Maintainer(m) => {
                self.state.config.author = Some(m.clone());
                format!("MAINTAINER {m}")
            }
            Instr::Expose(ports) => {
                let mut set = BTreeMap::new();
                for p in ports {
                    for word in self.expand(p)?.split_whitespace() {
                        let key = crate::net::ports::port_key(word);
                        set.insert(key, json!({}));
                    }
                }
                let shown: Vec<String> = set.keys().map(|k| format!("{k}:{{}}")).collect();
                self.state.config.config.exposed_ports.get_or_insert_with(BTreeMap::new).extend(set);
                format!("EXPOSE map[{}]", shown.join(" "))
            }
            Instr::User(u) => {
                let u = self.expand(u)?;
                self.state.config.config.user = Some(u.clone());
                format!("USER {u}")
            }
            Instr::Volume(vols) => {
                let mut list = Vec::new();
                for v in vols {
                    let v = self.expand(v)?;
                    if v.is_empty() {
                        return Err(Error::InvalidArgument(
                            "VOLUME specified can not be an empty string".into(),
                        ));
                    }
                    list.push(v);
                }
                let set = self.state.config.config.volumes.get_or_insert_with(BTreeMap::new);
                for v in &list {
                    set.insert(v.clone(), json!({}));
                }
                format!("VOLUME [{}]", list.join(" "))
            }
            Instr::StopSignal(s) => {
                let s = self.expand(s)?;
                crate::runtime::lifecycle::parse_signal(&s)?;
                self.state.config.config.stop_signal = Some(s.clone());
                format!("STOPSIGNAL {s}")
            }
            Instr::Shell(words) => {
                cfg.extra.insert("Shell".into(), json!(words));
                format!("SHELL [{}]", words.join(" "))
            }
            Instr::Cmd(c) => {
                let args = self.with_shell(c);
                let cfg = &mut self.state.config.config;
                cfg.cmd = Some(args.clone());
                cfg.extra.insert("ArgsEscaped".into(), json!(true));
                self.cmd_set = true;
                format!("CMD {}", go_quoted(&args))
            }
            Instr::Entrypoint(c) => {
                let args = self.with_shell(c);
                let cfg = &mut self.state.config.config;
                cfg.entrypoint = Some(args.clone());
                if !self.cmd_set {
                    cfg.cmd = None;
                }
                format!("ENTRYPOINT {}", go_quoted(&args))
            }
            Instr::Healthcheck { flags, command } => self.healthcheck(flags, command.as_ref())?,
            Instr::Onbuild(trigger) => {
                cfg.on_build.get_or_insert_with(Vec::new).push(trigger.clone());
                return Ok(None);
            }
            Instr::Run { .. } | Instr::Copy { .. } | Instr::Workdir(_) => unreachable!("filesystem steps"),
        }))
    }

    fn shell(&self) -> Vec<String> {
        self.state
            .config
            .config
            .extra
            .get("Shell")
            .and_then(|v| serde_json::from_value::<Vec<String>>(v.clone()).ok())
            .filter(|s| !s.is_empty())
            .unwrap_or_else(|| vec!["/bin/sh".into(), "-c".into()])
    }

    fn with_shell(&self, c: &Command) -> Vec<String> {
        match c {
            Command::Exec(args) => args.clone(),
            Command::Shell(s) => {
                let mut args = self.shell();
                args.push(s.clone());
                args
            }
        }
    }

    fn healthcheck(&mut self, flags: &[(String, String)], command: Option<&Command>) -> Result<String> {
        let duration = |name: &str| -> Result<i64> {
            let Some((_, v)) = flags.iter().find(|(k, _)| k == name) else { return Ok(0) };
            let d = crate::runtime::logs::parse_duration(v)
                .ok_or_else(|| Error::InvalidArgument(format!("time: invalid duration \"{v}\"")))?;
            Ok(d.num_nanoseconds().unwrap_or(0))
        };
        let retries = match flags.iter().find(|(k, _)| k == "retries") {
            Some((_, v)) => v
                .parse::<i64>()
                .map_err(|_| Error::InvalidArgument(format!("invalid retries value {v:?}")))?,
            None => 0,
        };
        let test: Vec<String> = match command {
            None => vec!["NONE".into()],
            Some(Command::Shell(s)) => vec!["CMD-SHELL".into(), s.clone()],
            Some(Command::Exec(args)) => {
                std::iter::once("CMD".to_string()).chain(args.iter().cloned()).collect()
            }
        };
        let (interval, timeout, start, start_interval) = (
            duration("interval")?,
            duration("timeout")?,
            duration("start-period")?,
            duration("start-interval")?,
        );
        let mut hc = serde_json::Map::new();
        hc.insert("Test".into(), json!(test));
        for (k, v) in [
            ("Interval", interval),
            ("Timeout", timeout),
            ("StartPeriod", start),
            ("StartInterval", start_interval),
        ] {
            if v != 0 {
                hc.insert(k.into(), json!(v));
            }
        }
        if retries != 0 {
            hc.insert("Retries".into(), json!(retries));
        }
        self.state.config.config.extra.insert("Healthcheck".into(), serde_json::Value::Object(hc));
        Ok(format!(
            "HEALTHCHECK &{{[{}] {} {} {} {} {retries}}}",
            test.join(" "),
            go_duration(interval),
            go_duration(timeout),
            go_duration(start),
            go_duration(start_interval)
        ))
    }

    /// The step's display text, its variables expanded where set.
    fn display(&self, step: &Step) -> String {
        let mut lex = Lex::new(self.b.df.escape);
        lex.raw_quotes = true;
        lex.skip_unset_env = true;
        let text = lex
            .process_word(&step.text, &self.vars())
            .map(|p| p.result)
            .unwrap_or_else(|_| step.text.clone());
        match text.split_once(' ') {
            Some((word, rest)) => format!("{} {rest}", word.to_uppercase()),
            None => text.to_uppercase(),
        }
    }

    fn cached(&self, key: &str) -> Option<cache::Record> {
        if self.no_cache {
            return None;
        }
        cache::lookup(self.b.store, key)
    }

    /// Runs a filesystem step unless the cache has it; adds its layer and history.
    fn layer_step(
        &mut self,
        step: &Step,
        key: Key,
        created_by: String,
        make: impl FnOnce(&Self, &Vertex) -> Result<LayerRecord>,
    ) -> Result<()> {
        let key = key.finish();
        let name = self.name(&self.display(step));
        let v = self.b.progress.start(&name);
        if let Some(rec) = self.cached(&key) {
            self.b.progress.cached(&v);
            if let Some(layer) = rec.layer {
                self.history(created_by, Some((layer, rec.created)));
            }
            self.key = key;
            return Ok(());
        }
        let layer = match make(self, &v) {
            Ok(l) => l,
            Err(e) => {
                self.b.progress.error(&v, &e.to_string());
                let mut summary = format!("------\n > {name}:\n");
                for line in self.b.progress.tail(&v) {
                    summary.push_str(&format!("{line}\n"));
                }
                summary.push_str("------\n");
                self.summary = Some(summary);
                return Err(e);
            }
        };
        let size = self.b.store.layer_size(&layer.diff_id);
        let now = crate::util::now_rfc3339();
        cache::store_record(self.b.store, &key, Some(&layer), &now, &created_by, size)?;
        self.history(created_by, Some((layer, now)));
        self.key = key;
        self.b.progress.done(&v);
        Ok(())
    }

    fn env_list(&self) -> Vec<String> {
        let mut env: Vec<String> = self.state.config.config.env.clone().unwrap_or_default();
        let has = |env: &[String], k: &str| env.iter().any(|e| e.split_once('=').map(|(a, _)| a) == Some(k));
        for (k, v) in self.args.iter().rev() {
            if let Some(v) = v {
                if !has(&env, k) {
                    env.push(format!("{k}={v}"));
                }
            }
        }
        for p in PROXY_ARGS {
            if let (Some(v), false) = (build_arg(self.b, p), has(&env, p)) {
                env.push(format!("{p}={v}"));
            }
        }
        env
    }

    fn run_step(
        &mut self,
        step: &Step,
        flags: &[(String, String)],
        command: &Command,
        heredocs: &[super::dockerfile::Heredoc],
    ) -> Result<()> {
        let mut process = Process {
            env: self.env_list(),
            user: self.state.config.config.user.clone().unwrap_or_default(),
            workdir: self.state.config.config.working_dir.clone().unwrap_or_default(),
            network: match self.b.opts.network.as_str() {
                "none" => "none".into(),
                _ => "host".into(),
            },
            extra_hosts: self.b.opts.add_hosts.clone(),
            ..Default::default()
        };
        let mut shebang = None;
        process.args = match (command, heredocs) {
            (Command::Shell(line), [doc])
                if super::dockerfile::heredoc_names(line).len() == 1
                    && line.trim_start().starts_with("<<")
                    && line.split_whitespace().count() == 1 =>
            {
                if doc.content.starts_with("#!") {
                    shebang = Some(doc.clone());
                    vec![format!("/dev/pipes/{}", doc.name)]
                } else {
                    self.with_shell(&Command::Shell(doc.content.clone()))
                }
            }
            (Command::Shell(line), docs) if !docs.is_empty() => {
                let mut full = line.clone();
                for d in docs {
                    full.push('\n');
                    full.push_str(&d.content);
                    full.push_str(&d.name);
                }
                self.with_shell(&Command::Shell(full))
            }
            (c, _) => self.with_shell(c),
        };
        let mut key = Key::new(&self.key);
        key.add("RUN");
        for a in &process.args {
            key.add(a);
        }
        for e in &process.env {
            key.add(e);
        }
        key.add(&process.user).add(&process.workdir).add(&process.network);
        if let Some(d) = &shebang {
            key.add(&d.content);
        }
        let mut mounts = Vec::new();
        for (k, v) in flags {
            match k.as_str() {
                "mount" => {
                    key.add(v);
                    mounts.push(v.clone());
                }
                "network" => {
                    process.network = match v.as_str() {
                        "none" => "none".into(),
                        "host" | "default" => "host".into(),
                        other => {
                            return Err(Error::InvalidArgument(format!("unsupported network mode {other:?}")))
                        }
                    };
                    key.add(&process.network);
                }
                "security" if v == "sandbox" => {}
                other => return Err(Error::InvalidArgument(format!("unknown flag: {other}"))),
            }
        }
        let history_args: Vec<String> = {
            let env = self.vars();
            let mut shown: Vec<String> = Vec::new();
            for (k, _) in &self.args {
                let v = shell::Env::get(&env, k).unwrap_or_default();
                shown.retain(|s| s.split_once('=').map(|(a, _)| a) != Some(k.as_str()));
                shown.push(format!("{k}={v}"));
            }
            if shown.is_empty() {
                process.args.clone()
            } else {
                std::iter::once(format!("|{}", shown.len()))
                    .chain(shown)
                    .chain(process.args.iter().cloned())
                    .collect()
            }
        };
        let created_by = format!("RUN {} # buildkit", history_args.join(" "));
        self.layer_step(step, key, created_by, |this, v| {
            let _locks = this.mounts(&mounts, &mut process, shebang.as_ref())?;
            let c = StepContainer::create(this.b.store, &this.state, &process)?;
            let code = c.run(&this.b.progress, v, &|| this.b.canceled())?;
            if code != 0 {
                return Err(Error::Runtime(format!(
                    "process \"{}\" did not complete successfully: exit code: {code}",
                    process.args.join(" ")
                )));
            }
            c.layer()
        })
    }

    /// `RUN --mount=…` (and a shebang heredoc): binds and tmpfs mounts for the
    /// step. Returns the locks held while it runs.
    fn mounts(
        &self,
        specs: &[String],
        process: &mut Process,
        shebang: Option<&super::dockerfile::Heredoc>,
    ) -> Result<Vec<crate::storage::lock::FileLock>> {
        use crate::storage::containers::MountPoint;
        let mut locks = Vec::new();
        let store = self.b.store;
        if let Some(doc) = shebang {
            let dir = store.runroot.join("build-pipes").join(crate::util::random_hex(8));
            std::fs::create_dir_all(&dir).map_err(|e| Error::io("writing the heredoc", e))?;
            let file = dir.join(&doc.name);
            std::fs::write(&file, &doc.content).map_err(|e| Error::io("writing the heredoc", e))?;
            use std::os::unix::fs::PermissionsExt;
            let _ = std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o755));
            process.mounts.push(MountPoint {
                typ: "bind".into(),
                source: file.display().to_string(),
                destination: format!("/dev/pipes/{}", doc.name),
                read_only: true,
                ..Default::default()
            });
        }
        for spec in specs {
            let mut kv: BTreeMap<String, String> = BTreeMap::new();
            for part in spec.split(',') {
                let (k, v) = part.split_once('=').unwrap_or((part, "true"));
                kv.insert(k.to_string(), v.to_string());
            }
            let typ = kv.get("type").cloned().unwrap_or_else(|| "bind".into());
            let target = kv.get("target").or(kv.get("dst")).or(kv.get("destination")).cloned();
            let target = |default: Option<String>| -> Result<String> {
                let t = target
                    .clone()
                    .or(default)
                    .ok_or_else(|| Error::InvalidArgument(format!("mount type {typ} requires a target")))?;
                Ok(if t.starts_with('/') {
                    t
                } else {
                    format!("{}/{t}", process.workdir.trim_end_matches('/'))
                })
            };
            let readonly = kv.get("readonly").or(kv.get("ro")).is_some_and(|v| v != "false");
            match typ.as_str() {
                "tmpfs" => {
                    let t = target(None)?;
                    let size = kv.get("size").map(|s| format!("size={s}")).unwrap_or_default();
                    process.mount_points.push((t.clone(), false));
                    process.tmpfs.insert(t, size);
                }
                "cache" => {
                    let t = target(None)?;
                    let id = kv.get("id").cloned().unwrap_or_else(|| t.clone());
                    let hex = hex::encode(Sha256::digest(id.as_bytes()));
                    let dir = cache::dir(store).join("mounts").join(&hex);
                    std::fs::create_dir_all(&dir).map_err(|e| Error::io("creating a cache mount", e))?;
                    let lock_path = cache::dir(store).join("mounts").join(format!("{hex}.lock"));
                    let lock = match kv.get("sharing").map(String::as_str) {
                        Some("locked") | Some("private") => {
                            crate::storage::lock::FileLock::exclusive(&lock_path)?
                        }
                        _ => crate::storage::lock::FileLock::shared(&lock_path)?,
                    };
                    locks.push(lock);
                    process.mount_points.push((t.clone(), false));
                    process.mounts.push(MountPoint {
                        typ: "bind".into(),
                        source: dir.display().to_string(),
                        destination: t,
                        read_only: readonly,
                        ..Default::default()
                    });
                }
                "secret" => {
                    let id = kv.get("id").cloned().unwrap_or_default();
                    let t = target(Some(format!("/run/secrets/{id}")))?;
                    let Some(secret) = self.b.opts.secrets.iter().find(|s| s.id == id) else {
                        if kv.get("required").is_some_and(|v| v == "true") {
                            return Err(Error::InvalidArgument(format!("secret {id}: not found")));
                        }
                        continue;
                    };
                    if let Some(var) = kv.get("env") {
                        process.env.push(format!("{var}={}", String::from_utf8_lossy(&secret.data)));
                        if !kv.contains_key("target") {
                            continue;
                        }
                    }
                    let dir = store.runroot.join("build-secrets").join(crate::util::random_hex(8));
                    std::fs::create_dir_all(&dir).map_err(|e| Error::io("writing a secret", e))?;
                    let file = dir.join("secret");
                    std::fs::write(&file, &secret.data).map_err(|e| Error::io("writing a secret", e))?;
                    process.mount_points.push((t.clone(), true));
                    process.mounts.push(MountPoint {
                        typ: "bind".into(),
                        source: file.display().to_string(),
                        destination: t,
                        read_only: true,
                        ..Default::default()
                    });
                }
                "bind" => {
                    let t = target(None)?;
                    let source = kv.get("source").or(kv.get("src")).cloned().unwrap_or_default();
                    if kv.contains_key("from") {
                        return Err(Error::InvalidArgument("RUN --mount=type=bind,from=… is not supported yet: copy the files with COPY --from".into()));
                    }
                    let real = container::real_path_inside(&self.b.context.dir, &source)?;
                    let is_file = std::fs::metadata(&real).is_ok_and(|m| !m.is_dir());
                    process.mount_points.push((t.clone(), is_file));
                    process.mounts.push(MountPoint {
                        typ: "bind".into(),
                        source: real.display().to_string(),
                        destination: t,
                        read_only: kv.get("rw").or(kv.get("readwrite")).is_none_or(|v| v == "false"),
                        ..Default::default()
                    });
                }
                other => return Err(Error::InvalidArgument(format!("unsupported mount type {other:?}"))),
            }
        }
        Ok(locks)
    }

    fn workdir(&mut self, step: &Step, path: &str) -> Result<()> {
        let path = self.expand(path)?;
        let current = self.state.config.config.working_dir.clone().unwrap_or_else(|| "/".into());
        let wd = normalize(&current, &path);
        self.state.config.config.working_dir = Some(wd.clone());
        if wd == "/" {
            self.rekey(&format!("WORKDIR {wd}"));
            self.history(format!("WORKDIR {wd}"), None);
            return Ok(());
        }
        let user = self.state.config.config.user.clone().unwrap_or_default();
        let mut key = Key::new(&self.key);
        key.add("WORKDIR").add(&wd).add(&user);
        let created_by = format!("WORKDIR {wd}");
        self.layer_step(step, key, created_by, |this, _| {
            let c = StepContainer::create(this.b.store, &this.state, &Process::default())?;
            c.with_root(|root| {
                let r = crate::storage::inroot::InRoot::open(root)
                    .map_err(|e| Error::io("opening the root", e))?;
                let existed = r.resolve(&wd).is_ok();
                let made = r.mkdir_all(&wd).map_err(|e| Error::io(format!("creating {wd}"), e))?;
                if !existed && !user.is_empty() {
                    let u = crate::runtime::users::resolve_user(root, &user)?;
                    std::os::unix::fs::chown(made.proc_path(), Some(u.uid), Some(u.gid))
                        .map_err(|e| Error::io(format!("chown {wd}"), e))?;
                }
                Ok(())
            })?;
            c.layer()
        })
    }

    fn copy(
        &mut self,
        step: &Step,
        add: bool,
        flags: &[(String, String)],
        srcs: &[Source],
        dest: &str,
    ) -> Result<()> {
        let word = if add { "ADD" } else { "COPY" };
        let flag = |name: &str| flags.iter().rev().find(|(k, _)| k == name).map(|(_, v)| v.clone());
        for (k, _) in flags {
            if !matches!(
                k.as_str(),
                "from"
                    | "chown"
                    | "chmod"
                    | "link"
                    | "parents"
                    | "exclude"
                    | "checksum"
                    | "keep-git-dir"
                    | "unpack"
            ) {
                return Err(Error::InvalidArgument(format!("unknown flag: {k}")));
            }
        }
        let chown = flag("chown").map(|c| self.expand(&c)).transpose()?;
        let chmod = flag("chmod").map(|c| self.expand(&c)).transpose()?;
        let mode = chmod
            .as_deref()
            .map(|m| {
                u32::from_str_radix(m, 8).ok().filter(|m| *m <= 0o7777).ok_or_else(|| {
                    Error::InvalidArgument(format!(
                        "invalid chmod parameter: '{m}'. it should be octal string and between 0 and 07777"
                    ))
                })
            })
            .transpose()?;
        let dest_raw = self.expand(dest)?;
        let workdir = self.state.config.config.working_dir.clone().unwrap_or_else(|| "/".into());
        let dest_dir_syntax = dest_raw.ends_with('/') || dest_raw == "." || dest_raw.ends_with("/.");
        let dest_abs = normalize(&workdir, &dest_raw);
        let from = flag("from");
        let from_state = match &from {
            None => None,
            Some(f) => Some(match self.b.stage_named(f, self.index) {
                Some(j) => self.b.wait_stage(j)?.state,
                None => self.image_state(f)?,
            }),
        };
        let mut created_by = String::from(word);
        if let Some(c) = &chown {
            created_by.push_str(&format!(" --chown={c}"));
        }
        if let Some(c) = &chmod {
            created_by.push_str(&format!(" --chmod={c}"));
        }
        let mut paths = Vec::new();
        let mut docs = Vec::new();
        for s in srcs {
            match s {
                Source::Path(p) => {
                    let p = self.expand(p)?;
                    if p.starts_with("http://") || p.starts_with("https://") {
                        return Err(Error::InvalidArgument(if add {
                            "ADD from a URL is not supported by rdock yet".to_string()
                        } else {
                            "source can't be a URL for COPY".to_string()
                        }));
                    }
                    created_by.push_str(&format!(" {p}"));
                    paths.push(p);
                }
                Source::Heredoc { name, content, expand } => {
                    created_by.push_str(&format!(" <<{name}"));
                    let content = if *expand { self.expand_heredoc(content)? } else { content.clone() };
                    docs.push((name.clone(), content));
                }
            }
        }
        created_by.push_str(&format!(" {dest_raw} # buildkit"));
        let wildcard = paths.iter().any(|p| super::pattern::has_meta(p));
        let many = paths.len() + docs.len() > 1 || wildcard;
        // The source tree: the context, or the stage/image --from names, mounted.
        let from_container = match &from_state {
            Some(st) => Some(StepContainer::create(self.b.store, st, &Process::default())?),
            None => None,
        };
        let from_root = match &from_container {
            Some(c) => Some(self.b.store.mount_rootfs(&c.config.id, &c.config.layers, None)?),
            None => None,
        };
        let tree_root = from_root.as_deref().unwrap_or(&self.b.context.dir);
        let tree = Tree {
            root: crate::storage::inroot::InRoot::open(tree_root)
                .map_err(|e| Error::io("opening the build context", e))?,
            ignore: if from.is_some() { None } else { self.b.ignore.as_ref() },
        };
        let mut found = Vec::new();
        for p in &paths {
            found.extend(tree.find(p)?);
        }
        let mut key = Key::new(&self.key);
        key.add(word).add(&dest_abs).add(&format!("{dest_dir_syntax}{many}"));
        key.add(chown.as_deref().unwrap_or("")).add(chmod.as_deref().unwrap_or(""));
        let mut all_items = Vec::new();
        for f in &found {
            let items = tree.items(f)?;
            let mut h = Sha256::new();
            for item in &items {
                sources::hash_item(&mut h, item)?;
            }
            let archive = add
                && matches!(&f.kind, FoundKind::Path { meta, .. } if meta.is_file())
                && items.first().is_some_and(|i| sources::is_archive(&i.path));
            key.add(&f.name).add(&hex::encode(h.finalize())).add(if archive { "unpack" } else { "copy" });
            all_items.push((f, items, archive));
        }
        for (name, content) in &docs {
            key.add(name).add(content);
        }
        let result = self.layer_step(step, key, created_by, |this, _| {
            let c = StepContainer::create(this.b.store, &this.state, &Process::default())?;
            c.with_root(|root| {
                let owner = match &chown {
                    Some(spec) => {
                        let u = crate::runtime::users::resolve_user(root, spec)?;
                        Some((u.uid, u.gid))
                    }
                    None => None,
                };
                let attrs = Attrs { owner, mode };
                let dest_is_dir = dest_dir_syntax
                    || many
                    || crate::runtime::copy::stat_in_root(root, &dest_abs, true).is_some_and(|m| m.is_dir());
                container::unpack_into(root, |w| {
                    let mut out = EntryWriter::new(w);
                    let mut made = std::collections::HashSet::new();
                    let dest_rel = dest_abs.trim_start_matches('/').to_string();
                    for (f, items, archive) in &all_items {
                        let is_dir = matches!(&f.kind, FoundKind::Path { meta, .. } if meta.is_dir());
                        let base = if is_dir || *archive || !dest_is_dir {
                            dest_rel.clone()
                        } else {
                            join(&dest_rel, &f.name)
                        };
                        let parent_of = if is_dir || *archive { base.clone() } else { parent(&base) };
                        ensure_dirs(root, &parent_of, attrs, &mut out, &mut made)?;
                        if *archive {
                            out.add_archive(&base, &items[0].path, Attrs { owner, mode: None })?;
                            continue;
                        }
                        for item in items {
                            if item.sub.as_os_str().is_empty() && is_dir {
                                continue;
                            }
                            let target = join(&base, &item.sub.to_string_lossy());
                            out.add(&target, item, attrs)?;
                        }
                    }
                    for (name, content) in &docs {
                        let target = if dest_is_dir { join(&dest_rel, name) } else { dest_rel.clone() };
                        ensure_dirs(root, &parent(&target), attrs, &mut out, &mut made)?;
                        let now = std::time::SystemTime::now()
                            .duration_since(std::time::UNIX_EPOCH)
                            .map(|d| d.as_secs())
                            .unwrap_or(0);
                        out.add_bytes(&target, content.as_bytes(), 0o644, now, attrs)?;
                    }
                    out.finish().map(drop)
                })
            })?;
            c.layer()
        });
        drop(tree);
        if let Some(c) = &from_container {
            let _ = self.b.store.unmount_rootfs(&c.config.id);
        }
        result
    }

    fn expand_heredoc(&self, content: &str) -> Result<String> {
        let mut lex = Lex::new(self.b.df.escape);
        lex.raw_quotes = true;
        Ok(lex.process_word(content, &self.vars()).map_err(lex_err)?.result)
    }

    /// An image named by `COPY --from`, pulled if missing.
    fn image_state(&self, name: &str) -> Result<State> {
        let reference = crate::image::reference::Reference::parse(name)?.with_default_tag();
        let image = match crate::image::find(self.b.store, &reference.to_string()) {
            Ok(img) => img,
            Err(_) => {
                let opts = crate::image::pull::PullOptions { platform: None, registry: Default::default() };
                let r = crate::image::pull::pull(
                    self.b.store,
                    &reference,
                    &opts,
                    std::sync::Arc::new(crate::image::pull::NoProgress),
                )?;
                crate::image::find(self.b.store, &r.image_id)?
            }
        };
        let config = crate::image::load_config(self.b.store, &image)?;
        Ok(State { layers: image.layers, config })
    }
}

/// Directories up to `rel` that the image lacks, as entries (parents first).
fn ensure_dirs<W: std::io::Write>(
    root: &Path,
    rel: &str,
    attrs: Attrs,
    out: &mut EntryWriter<W>,
    made: &mut std::collections::HashSet<String>,
) -> Result<()> {
    let mut path = String::new();
    for comp in rel.split('/').filter(|c| !c.is_empty()) {
        path = join(&path, comp);
        if made.contains(&path) {
            continue;
        }
        if crate::runtime::copy::stat_in_root(root, &path, true).is_none() {
            out.add_dir(&path, Attrs { owner: attrs.owner, mode: None })?;
        }
        made.insert(path.clone());
    }
    Ok(())
}

fn join(base: &str, name: &str) -> String {
    match (base.is_empty(), name.is_empty()) {
        (true, _) => name.to_string(),
        (_, true) => base.to_string(),
        _ => format!("{}/{name}", base.trim_end_matches('/')),
    }
}

fn parent(rel: &str) -> String {
    rel.rsplit_once('/').map(|(p, _)| p.to_string()).unwrap_or_default()
}

/// `path` against the working dir `cwd`, cleaned (absolute, no trailing slash).
pub fn normalize(cwd: &str, path: &str) -> String {
    let joined = if path.starts_with('/') { path.to_string() } else { format!("{cwd}/{path}") };
    let mut parts: Vec<&str> = Vec::new();
    for c in joined.split('/') {
        match c {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            c => parts.push(c),
        }
    }
    format!("/{}", parts.join("/"))
}

/// Go's `%q` of a string slice: `["a" "b"]`.
fn go_quoted(args: &[String]) -> String {
    let quoted: Vec<String> = args.iter().map(|a| serde_json::to_string(a).unwrap_or_default()).collect();
    format!("[{}]", quoted.join(" "))
}

/// Go's `time.Duration` text: `0s`, `5s`, `1m30s`, `500ms`.
fn go_duration(nanos: i64) -> String {
    if nanos == 0 {
        return "0s".into();
    }
    if nanos < 1_000_000_000 {
        return match nanos {
            n if n % 1_000_000 == 0 => format!("{}ms", n / 1_000_000),
            n if n % 1_000 == 0 => format!("{}µs", n / 1_000),
            n => format!("{n}ns"),
        };
    }
    let mut secs = nanos as f64 / 1e9;
    let mut out = String::new();
    let h = (secs / 3600.0).floor();
    if h > 0.0 {
        out.push_str(&format!("{h}h"));
        secs -= h * 3600.0;
    }
    let m = (secs / 60.0).floor();
    if h > 0.0 || m > 0.0 {
        out.push_str(&format!("{m}m"));
        secs -= m * 60.0;
    }
    let s = format!("{secs:.9}");
    let s = s.trim_end_matches('0').trim_end_matches('.');
    out.push_str(&format!("{s}s"));
    out
}

/// Metadata steps have no time of their own: each takes the time of the
/// layer step before it, or (before any) of the first new layer step, as
/// BuildKit's exporter fills them in.
fn fill_history_times(history: &mut [History]) {
    let mut created = None;
    let mut gap = false;
    for h in history.iter() {
        match &h.created {
            Some(t) => {
                created = Some(t.clone());
                if gap {
                    break;
                }
            }
            None => gap = true,
        }
    }
    let mut gap = false;
    for h in history.iter_mut() {
        match &h.created {
            Some(t) if gap => created = Some(t.clone()),
            Some(_) => {}
            None => {
                gap = true;
                h.created = created.clone();
            }
        }
    }
}

/// The image the build made: history times filled in as BuildKit's
/// exporter does (a metadata step takes the time of the layer step before
/// it, or of the first new layer), the `--label`s added, stored and tagged.
pub fn export(b: &Build, done: Done) -> Result<Built> {
    let mut state = done.state;
    let v = b.progress.start("exporting to image");
    fill_history_times(&mut state.config.history);
    let now = crate::util::now_rfc3339();
    state.config.created = state.config.history.iter().rev().find_map(|h| h.created.clone()).or(Some(now));
    if !b.opts.labels.is_empty() {
        state.config.config.labels.get_or_insert_with(BTreeMap::new).extend(b.opts.labels.clone());
    }
    b.progress.note(&v, "exporting layers done");
    let names: Vec<String> =
        b.opts.tags.iter().map(|t| crate::image::local::tag_name(t)).collect::<Result<_>>()?;
    let id = crate::image::local::write_image(b.store, state.config.clone(), state.layers.clone(), &names)?;
    b.progress.note(&v, &format!("writing image {id} done"));
    for n in &names {
        b.progress.note(&v, &format!("naming to {n} done"));
    }
    b.progress.done(&v);
    Ok(Built { id, names, state })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn metadata_steps_take_layer_times() {
        let h = |t: Option<&str>| History { created: t.map(str::to_string), ..Default::default() };
        let mut hist = vec![h(Some("base")), h(None), h(Some("l1")), h(None), h(Some("l2")), h(None)];
        fill_history_times(&mut hist);
        let times: Vec<_> = hist.iter().map(|x| x.created.clone().unwrap()).collect();
        assert_eq!(times, ["base", "l1", "l1", "l1", "l2", "l2"]);
    }

    #[test]
    fn paths_and_go_formats() {
        assert_eq!(normalize("/app", "sub/"), "/app/sub");
        assert_eq!(normalize("/app", "/x/../y"), "/y");
        assert_eq!(normalize("/", "."), "/");
        assert_eq!(
            go_quoted(&["/bin/sh".into(), "-c".into(), "echo \"hi\"".into()]),
            r#"["/bin/sh" "-c" "echo \"hi\""]"#
        );
        assert_eq!(go_duration(0), "0s");
        assert_eq!(go_duration(5_000_000_000), "5s");
        assert_eq!(go_duration(90_000_000_000), "1m30s");
        assert_eq!(go_duration(1_500_000_000), "1.5s");
        assert_eq!(go_duration(3_600_000_000_000), "1h0m0s");
        assert_eq!(go_duration(500_000_000), "500ms");
    }
}

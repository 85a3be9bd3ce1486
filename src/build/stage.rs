//! One stage of a build: its base, then each instruction as BuildKit's
//! Dockerfile frontend dispatches it (the config fields it sets, the history
//! entry it writes, which words it expands), with filesystem steps cached.

use std::collections::BTreeMap;

use serde_json::json;

use super::container::{Process, StepContainer};
use super::dockerfile::{Command, Instr, Step};
use super::progress::Vertex;
use super::shell::{self, Lex};
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

pub(super) struct Vars(Vec<(String, String)>);

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

pub(super) fn lex_err(e: shell::LexError) -> Error {
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

pub(super) struct StageRun<'a, 'b> {
    pub(super) b: &'a Build<'b>,
    pub(super) index: usize,
    pub(super) prefix: String,
    pub(super) total: usize,
    pub(super) n: usize,
    pub(super) state: State,
    pub(super) key: String,
    /// ARGs declared in this stage, in order, with their values.
    pub(super) args: Vec<(String, Option<String>)>,
    pub(super) globals: Vec<(String, String)>,
    pub(super) cmd_set: bool,
    pub(super) no_cache: bool,
    /// The step being run is an ONBUILD trigger of the base image.
    pub(super) onbuild: bool,
    /// What BuildKit prints about a failed step: its name and last output.
    pub(super) summary: Option<String>,
}

/// RUN's network: `default` is rdock's default for containers (the bridge
/// as root, pasta or slirp4netns rootless), as Docker's is its bridge.
pub(super) fn network_mode(mode: &str) -> Result<String> {
    match mode {
        "" | "default" => Ok("default".into()),
        "host" | "none" => Ok(mode.into()),
        other => Err(Error::InvalidArgument(format!(
            "network mode {other:?} not supported (default, host or none)"
        ))),
    }
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
    if let Some(p) = &stage.platform {
        let p =
            lex.process_word(p, &Vars(run.globals.clone())).map_err(|e| failure(None, lex_err(e)))?.result;
        super::check_platform(Some(&p)).map_err(|e| failure(None, e))?;
    }
    run.from(&base, &mut triggers).map_err(|e| failure(None, e))?;
    let trigger_steps: Vec<Step> = triggers
        .iter()
        .map(|t| super::dockerfile::parse_trigger(t))
        .collect::<std::result::Result<Vec<_>, _>>()
        .map(|v| v.into_iter().flatten().collect())
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
    pub(super) fn name(&mut self, text: &str) -> String {
        self.n += 1;
        let width = 1 + (self.total.max(1) as f64).log10().floor() as usize;
        let onbuild = if self.onbuild { "ONBUILD " } else { "" };
        format!("[{}{:>width$}/{}] {onbuild}{}", self.prefix, self.n, self.total, text)
    }

    pub(super) fn vars(&self) -> Vars {
        let mut vars: Vec<(String, String)> =
            self.args.iter().filter_map(|(k, v)| v.clone().map(|v| (k.clone(), v))).collect();
        // ENV wins over ARG of the same name.
        for e in self.state.config.config.env.iter().flatten() {
            let (k, v) = e.split_once('=').unwrap_or((e, ""));
            vars.push((k.to_string(), v.to_string()));
        }
        Vars(vars)
    }

    pub(super) fn expand(&self, word: &str) -> Result<String> {
        Ok(Lex::new(self.b.df.escape).process_word(word, &self.vars()).map_err(lex_err)?.result)
    }

    fn from(&mut self, base: &str, triggers: &mut Vec<String>) -> Result<()> {
        let b = self.b;
        if let Some(v) = b.opts.build_contexts.get(base) {
            let image = v.strip_prefix("docker-image://").ok_or_else(|| {
                Error::InvalidArgument(format!("FROM {base}: a local build context cannot be a base image"))
            })?;
            return self.from(image, triggers);
        }
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
        let image = b.image(&reference)?;
        let v = b.progress.start(&self.name(&format!("FROM {}", reference)));
        let mut config = crate::image::load_config(b.store, &image)?;
        triggers.extend(config.config.on_build.take().unwrap_or_default());
        self.state = State { layers: image.layers.clone(), config, keys: Vec::new() };
        self.key = Key::new(&format!("image:{}", image.id)).finish();
        b.progress.done(&v);
        Ok(())
    }

    pub(super) fn history(&mut self, created_by: String, layer: Option<(LayerRecord, String)>) {
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

    pub(super) fn keep_key(&mut self, key: &str, layer: &LayerRecord, created: &str) {
        let k = super::InlineKey { key: key.into(), diff_id: layer.diff_id.clone(), created: created.into() };
        self.state.keys.push(k);
    }

    /// Chains the cache key through a metadata step.
    pub(super) fn rekey(&mut self, what: &str) {
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

    pub(super) fn shell(&self) -> Vec<String> {
        self.state
            .config
            .config
            .extra
            .get("Shell")
            .and_then(|v| serde_json::from_value::<Vec<String>>(v.clone()).ok())
            .filter(|s| !s.is_empty())
            .unwrap_or_else(|| vec!["/bin/sh".into(), "-c".into()])
    }

    pub(super) fn with_shell(&self, c: &Command) -> Vec<String> {
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
            crate::util::go_duration(interval),
            crate::util::go_duration(timeout),
            crate::util::go_duration(start),
            crate::util::go_duration(start_interval)
        ))
    }

    /// The step's display text, its variables expanded where set.
    pub(super) fn display(&self, step: &Step) -> String {
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

    pub(super) fn cached(&self, key: &str) -> Option<cache::Record> {
        if self.no_cache {
            return None;
        }
        cache::lookup(self.b.store, key).or_else(|| {
            let (layer, created) = self.b.inline.get(key)?;
            Some(cache::Record { layer: Some(layer.clone()), created: created.clone(), ..Default::default() })
        })
    }

    /// Runs a filesystem step unless the cache has it; adds its layer and history.
    pub(super) fn layer_step(
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
                self.keep_key(&key, &layer, &rec.created);
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
        let rec = cache::Record {
            size: self.b.store.layer_size(&layer.diff_id),
            layer: Some(layer.clone()),
            description: created_by.clone(),
            created: crate::util::now_rfc3339(),
            last_used: crate::util::now_rfc3339(),
        };
        let rec = cache::store_record(self.b.store, &key, rec, self.no_cache)?;
        let (layer, now) = (rec.layer.unwrap_or(layer), rec.created);
        self.keep_key(&key, &layer, &now);
        self.history(created_by, Some((layer, now)));
        self.key = key;
        self.b.progress.done(&v);
        Ok(())
    }

    pub(super) fn env_list(&self) -> Vec<String> {
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
            network: network_mode(&self.b.opts.network)?,
            extra_hosts: self.b.opts.add_hosts.clone(),
            shm_size: self.b.opts.shm_size,
            ulimits: self.b.opts.ulimits.clone(),
            limits: self.b.opts.limits.clone(),
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
        key.add(&format!("{}{:?}{:?}", process.shm_size, process.ulimits, process.extra_hosts));
        if let Some(d) = &shebang {
            key.add(&d.content);
        }
        let mut mounts = Vec::new();
        for (k, v) in flags {
            match k.as_str() {
                "mount" => {
                    key.add(v).add(&self.mount_key(v)?);
                    mounts.push(v.clone());
                }
                "network" => {
                    process.network = network_mode(v)?;
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
            let _guards = this.mounts(&mounts, &mut process, shebang.as_ref())?;
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
            let c = StepContainer::create(this.b.store, &this.state, &Process::file_op())?;
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
}

/// `path` against the working dir `cwd`, cleaned (absolute, no trailing slash).
pub fn normalize(cwd: &str, path: &str) -> String {
    let joined = if path.starts_with('/') { path.to_string() } else { format!("{cwd}/{path}") };
    crate::util::lexical_clean(&joined)
}

/// Go's `%q` of a string slice: `["a" "b"]`.
fn go_quoted(args: &[String]) -> String {
    let quoted: Vec<String> = args.iter().map(|a| serde_json::to_string(a).unwrap_or_default()).collect();
    format!("[{}]", quoted.join(" "))
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
    if build_arg(b, "BUILDKIT_INLINE_CACHE").is_some_and(|v| v == "1" || v == "true") {
        state.config.extra.insert(super::INLINE_CACHE_FIELD.into(), json!(state.keys));
    }
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
        assert_eq!(crate::util::go_duration(0), "0s");
        assert_eq!(crate::util::go_duration(5_000_000_000), "5s");
        assert_eq!(crate::util::go_duration(90_000_000_000), "1m30s");
        assert_eq!(crate::util::go_duration(1_500_000_000), "1.5s");
        assert_eq!(crate::util::go_duration(3_600_000_000_000), "1h0m0s");
        assert_eq!(crate::util::go_duration(500_000_000), "500ms");
    }
}

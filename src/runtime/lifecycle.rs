//! Container lifecycle driven from the CLI process: create, start (spawning the
//! supervisor), stop, kill, remove, pause, wait. The supervisor owns a running
//! container; these functions signal it, wait for it and read what it recorded.

use std::collections::BTreeMap;
use std::io::Read;
use std::os::fd::{AsRawFd, OwnedFd};
use std::os::unix::net::UnixStream;
use std::os::unix::process::CommandExt;
use std::time::{Duration, Instant};

use nix::sys::signal::Signal;

use super::supervisor::{self, pidfd_open};
use super::{cgroups, names, spec, status};
use crate::error::{Error, IoContext, Result};
use crate::image::config::ImageConfig;
use crate::storage::containers::{ContainerConfig, ContainerRecord, HostConfig, Status};
use crate::storage::events;
use crate::storage::images::ImageRecord;
use crate::storage::lock::{self, FileLock};
use crate::storage::Store;

/// Everything `create`/`run` take from their flags.
#[derive(Debug, Clone, Default)]
pub struct CreateOptions {
    pub image: String,
    /// Command and arguments after the image name.
    pub command: Vec<String>,
    /// `--entrypoint` (an empty string clears the image's).
    pub entrypoint: Option<String>,
    pub name: Option<String>,
    pub env: Vec<String>,
    pub workdir: Option<String>,
    pub user: Option<String>,
    pub labels: BTreeMap<String, String>,
    pub hostname: Option<String>,
    pub domainname: Option<String>,
    pub tty: bool,
    pub interactive: bool,
    /// Streams the creating client will attach to (`run` without `-d`, `start -a`).
    pub attach_stdin: bool,
    pub attach_stdout: bool,
    pub attach_stderr: bool,
    pub stop_signal: Option<String>,
    pub stop_timeout: Option<i64>,
    /// `--expose` ports, added to the image's.
    pub expose: Vec<String>,
    pub host: HostConfig,
    /// Set by the builder for its step containers (see `ContainerConfig::build_pid`).
    pub build_pid: u32,
    /// `--health-*` over the image's HEALTHCHECK; `--no-healthcheck` is
    /// `Some` with test `["NONE"]`.
    pub healthcheck: Option<crate::storage::containers::Healthcheck>,
}

/// Builds the container's configuration from the image and the flags, and records it.
pub fn create(
    store: &Store,
    image: &ImageRecord,
    image_config: &ImageConfig,
    opts: &CreateOptions,
) -> Result<ContainerConfig> {
    let ic = &image_config.config;
    let (entrypoint, cmd) = match &opts.entrypoint {
        // --entrypoint drops the image's default command as well.
        Some(ep) => (
            if ep.is_empty() { None } else { Some(vec![ep.clone()]) },
            (!opts.command.is_empty()).then(|| opts.command.clone()),
        ),
        None => (
            ic.entrypoint.clone().filter(|e| !e.is_empty()),
            if opts.command.is_empty() { ic.cmd.clone() } else { Some(opts.command.clone()) },
        ),
    };
    let full: Vec<String> = entrypoint.iter().flatten().chain(cmd.iter().flatten()).cloned().collect();
    if full.is_empty() {
        return Err(Error::InvalidArgument("no command specified".into()));
    }
    for l in &opts.host.links {
        let name = l.split_once(':').map_or(l.as_str(), |(n, _)| n);
        if let Err(Error::NoSuchContainer(_)) = store.find_container(name) {
            return Err(Error::InvalidArgument(format!(
                "could not get container for {name}: No such container: {name}"
            )));
        }
    }
    let working_dir = opts.workdir.clone().or_else(|| ic.working_dir.clone()).unwrap_or_default();
    if !working_dir.is_empty() && !working_dir.starts_with('/') {
        return Err(Error::InvalidArgument(format!(
            "the working directory '{working_dir}' is invalid, it needs to be an absolute path"
        )));
    }
    let mut env = ic.env.clone().unwrap_or_default();
    env = spec::merge_env(&env, &opts.env);
    let mut labels = ic.labels.clone().unwrap_or_default();
    labels.extend(opts.labels.clone());

    // Refuse bad settings now, not when the container starts.
    let mut host = opts.host.clone();
    if host.cgroupns.is_empty() {
        host.cgroupns = if cgroups::is_v2() { "private" } else { "host" }.into();
    }
    let names: Vec<String> = host.networks.iter().map(|n| n.network.clone()).collect();
    let first = host.networks.first().cloned().unwrap_or_default();
    (host.network_mode, host.networks) = crate::net::plan_networks(store, &names, first)?;
    let mut exposed: Vec<String> =
        ic.exposed_ports.as_ref().map(|p| p.keys().cloned().collect()).unwrap_or_default();
    for e in &opts.expose {
        let key = crate::net::ports::port_key(e);
        if !exposed.contains(&key) {
            exposed.push(key);
        }
    }
    for b in &host.port_bindings {
        let key = format!("{}/{}", b.container_port, b.proto);
        if !exposed.contains(&key) {
            exposed.push(key);
        }
    }
    if host.publish_all {
        let explicit: Vec<String> =
            host.port_bindings.iter().map(|b| format!("{}/{}", b.container_port, b.proto)).collect();
        let extra: Vec<String> = exposed.iter().filter(|e| !explicit.contains(e)).cloned().collect();
        host.port_bindings.extend(crate::net::ports::publish_all(&extra));
    }
    if crate::net::NetworkMode::parse(&host.network_mode)? != crate::net::NetworkMode::Bridge {
        // Docker drops published ports outside bridge networks.
        host.port_bindings.clear();
    }
    spec::parse_security_opts(&opts.host.security_opt)?;
    let test_cfg = ContainerConfig { host: opts.host.clone(), ..Default::default() };
    spec::capability_set(&test_cfg)?;
    check_resources(&opts.host)?;
    for (flag, mode, extra) in [
        ("--ipc", &opts.host.ipc_mode, &["private", "shareable"][..]),
        ("--pid", &opts.host.pid_mode, &[][..]),
        ("--uts", &opts.host.uts_mode, &[][..]),
    ] {
        let ok = mode.is_empty()
            || mode == "host"
            || mode.starts_with("container:")
            || extra.contains(&mode.as_str());
        if !ok {
            return Err(Error::InvalidArgument(format!(
                "invalid {} mode: {mode}",
                flag.trim_start_matches("--").to_uppercase()
            )));
        }
    }
    if opts.host.uts_mode == "host" && opts.hostname.as_deref().is_some_and(|h| !h.is_empty()) {
        return Err(Error::InvalidArgument("Conflicting options: hostname and the UTS mode".into()));
    }
    if opts.host.auto_remove && !matches!(opts.host.restart_policy.as_str(), "" | "no") {
        return Err(Error::InvalidArgument(
            "Conflicting options: cannot specify both --restart and --rm".into(),
        ));
    }
    check_rootless_limits(&opts.host)?;
    if !(-1000..=1000).contains(&opts.host.oom_score_adj) {
        return Err(Error::InvalidArgument(format!(
            "Invalid value {}, range for oom score adj is [-1000, 1000]",
            opts.host.oom_score_adj
        )));
    }
    if !matches!(opts.host.cgroupns.as_str(), "" | "host" | "private") {
        return Err(Error::Usage("--cgroupns: invalid CGROUP mode".into()));
    }
    match opts.host.userns.as_str() {
        "" | "host" => {}
        "keep-id" if crate::util::rootless() => {}
        "keep-id" => {
            return Err(Error::InvalidArgument("--userns=keep-id is only for rootless rdock".into()))
        }
        other => {
            return Err(Error::InvalidArgument(format!(
                "unsupported --userns mode {other:?} (host or keep-id)"
            )))
        }
    }
    if let Some(s) = opts.stop_signal.as_deref().or(ic.stop_signal.as_deref()) {
        parse_signal(s)?;
    }

    let id = crate::util::random_hex(32);
    let name = match &opts.name {
        Some(n) => {
            let n = n.strip_prefix('/').unwrap_or(n);
            if !names::valid_name(n) {
                return Err(Error::InvalidArgument(format!(
                    "Invalid container name ({n}), only [a-zA-Z0-9][a-zA-Z0-9_.-] are allowed"
                )));
            }
            n.to_string()
        }
        None => unique_name(store)?,
    };
    let config = ContainerConfig {
        id: id.clone(),
        name,
        created: crate::util::now_rfc3339(),
        image: opts.image.clone(),
        image_id: image.id.clone(),
        layers: image.layers.iter().map(|l| l.diff_id.clone()).collect(),
        path: full[0].clone(),
        args: full[1..].to_vec(),
        entrypoint,
        cmd,
        env,
        working_dir,
        // keep-id runs as the caller unless -u says otherwise (the image's USER
        // gives way, as with podman).
        user: match (&opts.user, opts.host.userns.as_str()) {
            (Some(u), _) => u.clone(),
            (None, "keep-id") => String::new(),
            (None, _) => ic.user.clone().unwrap_or_default(),
        },
        labels,
        hostname: opts.hostname.clone().filter(|h| !h.is_empty()).unwrap_or_else(|| {
            if host.uts_mode == "host" {
                crate::net::host_hostname()
            } else {
                default_hostname(&id, &host)
            }
        }),
        domainname: opts.domainname.clone().unwrap_or_default(),
        tty: opts.tty,
        open_stdin: opts.interactive,
        stdin_once: opts.interactive && opts.attach_stdin,
        attach_stdin: opts.attach_stdin,
        attach_stdout: opts.attach_stdout,
        attach_stderr: opts.attach_stderr,
        stop_signal: opts.stop_signal.clone().or_else(|| ic.stop_signal.clone()),
        stop_timeout: opts.stop_timeout,
        exposed_ports: exposed,
        volumes: ic.volumes.as_ref().map(|v| v.keys().cloned().collect()).unwrap_or_default(),
        host,
        build_pid: opts.build_pid,
        healthcheck: container_healthcheck(ic, opts.healthcheck.as_ref()),
    };
    let mut config = config;
    config.host.mounts = super::mounts::resolve(
        store,
        config.host.mounts.clone(),
        &config.host.volumes_from,
        &config.volumes,
    )?;
    if let Err(e) = store.create_container_record(&config) {
        // No half container: the anonymous volumes made for it go too.
        for v in super::mounts::anonymous_volumes(store, &config) {
            let _ = store.remove_volume(&v);
        }
        return Err(e);
    }
    events::container(store, &config, "create", &[]);
    Ok(config)
}

/// Removes a removed container's anonymous volumes (`rm -v`, `--rm`), unless
/// another container uses them too.
pub fn remove_anonymous_volumes(store: &Store, cfg: &ContainerConfig) {
    let Ok(used) = super::mounts::used_volumes(store) else {
        return;
    };
    for v in super::mounts::anonymous_volumes(store, cfg) {
        if !used.contains(&v) && store.remove_volume(&v).is_ok() {
            events::object(store, "volume", "destroy", &v, &[("driver", "local".into())]);
        }
    }
}

/// The healthcheck a container runs: the flags' fields over the image's
/// (Docker merges them field by field), none with `--no-healthcheck`.
fn container_healthcheck(
    ic: &crate::image::config::RunConfig,
    flags: Option<&crate::storage::containers::Healthcheck>,
) -> Option<crate::storage::containers::Healthcheck> {
    let image: Option<crate::storage::containers::Healthcheck> =
        ic.extra.get("Healthcheck").and_then(|v| serde_json::from_value(v.clone()).ok());
    let Some(f) = flags else { return image };
    let mut h = image.unwrap_or_default();
    if !f.test.is_empty() {
        h.test = f.test.clone();
    }
    for (mine, theirs) in [
        (&mut h.interval, f.interval),
        (&mut h.timeout, f.timeout),
        (&mut h.start_period, f.start_period),
        (&mut h.start_interval, f.start_interval),
        (&mut h.retries, f.retries),
    ] {
        if theirs != 0 {
            *mine = theirs;
        }
    }
    Some(h)
}

/// `--restart`: Docker's policies; `on-failure[:N]` only takes a count.
pub fn parse_restart(s: &str) -> Result<(String, i64)> {
    let (name, count) = match s.split_once(':') {
        Some((n, c)) => (n, Some(c)),
        None => (s, None),
    };
    match (name, count) {
        ("" | "no" | "always" | "unless-stopped", None) => Ok((if name.is_empty() { "no" } else { name }.to_string(), 0)),
        ("on-failure", None) => Ok(("on-failure".into(), 0)),
        ("on-failure", Some(c)) => c
            .parse::<i64>()
            .ok()
            .filter(|n| *n >= 0)
            .map(|n| ("on-failure".to_string(), n))
            .ok_or_else(|| Error::InvalidArgument(format!("invalid restart policy format: maximum retry count must be a positive integer: {c}"))),
        ("no" | "always" | "unless-stopped", Some(_)) => Err(Error::InvalidArgument(format!(
            "invalid restart policy format: maximum retry count can only be used with 'on-failure': {s}"
        ))),
        _ => Err(Error::InvalidArgument(format!(
            "invalid restart policy: unknown policy '{name}'; use one of 'no', 'always', 'on-failure', or 'unless-stopped'"
        ))),
    }
}

/// The resource flags refused as Docker's daemon refuses them.
pub fn check_resources(h: &HostConfig) -> Result<()> {
    let bad = |m: &str| Err(Error::InvalidArgument(m.to_string()));
    if h.memory > 0 && h.memory < 6 * 1024 * 1024 {
        return bad("Minimum memory limit allowed is 6MB");
    }
    if h.memory_swap != 0 && h.memory == 0 {
        return bad("You should always set the Memory limit when using Memoryswap limit, see usage");
    }
    if h.memory_swap > 0 && h.memory_swap < h.memory {
        return bad("Minimum memoryswap limit should be larger than memory limit, see usage");
    }
    if h.memory > 0 && h.memory_reservation > h.memory {
        return bad("Minimum memory limit can not be less than memory reservation limit, see usage");
    }
    if let Some(s) = h.memory_swappiness.filter(|s| !(0..=100).contains(s)) {
        return bad(&format!("Invalid value: {s}, valid memory swappiness range is 0-100"));
    }
    // As `run --cpus` checks it (update's --cpus 64 or 0.0001 was recorded,
    // and the container then failed to start on the cgroup's EINVAL).
    let ncpu = std::thread::available_parallelism().map(|n| n.get()).unwrap_or(1) as i64;
    if h.nano_cpus < 0 || (h.nano_cpus > 0 && h.nano_cpus < 10_000_000) || h.nano_cpus > ncpu * 1_000_000_000
    {
        return bad(&format!(
            "range of CPUs is from 0.01 to {ncpu}.00, as there are only {ncpu} CPUs available"
        ));
    }
    if h.nano_cpus > 0 && h.cpu_period > 0 {
        return bad("Conflicting options: Nano CPUs and CPU Period cannot both be set");
    }
    if h.nano_cpus > 0 && h.cpu_quota > 0 {
        return bad("Conflicting options: Nano CPUs and CPU Quota cannot both be set");
    }
    if h.cpu_period != 0 && !(1000..=1_000_000).contains(&h.cpu_period) {
        return bad("CPU cfs period can not be less than 1ms (i.e. 1000) or larger than 1s (i.e. 1000000)");
    }
    if h.cpu_quota > 0 && h.cpu_quota < 1000 {
        return bad("CPU cfs quota can not be less than 1ms (i.e. 1000)");
    }
    if h.blkio_weight != 0 && !(10..=1000).contains(&h.blkio_weight) {
        return bad("Range of blkio weight is from 10 to 1000");
    }
    Ok(())
}

/// Rootless containers get a cgroup only from a delegated cgroup v2 subtree; say
/// so rather than start a container without the limits it asked for.
pub(super) fn check_rootless_limits(host: &HostConfig) -> Result<()> {
    let wanted: Vec<(&str, &str)> = [
        (host.memory != 0, "--memory", "memory"),
        (host.nano_cpus != 0, "--cpus", "cpu"),
        (host.pids_limit > 0, "--pids-limit", "pids"),
        (
            host.memory_reservation > 0 || host.oom_kill_disable,
            "--memory-reservation/--oom-kill-disable",
            "memory",
        ),
        (host.cpu_shares > 0 || host.cpu_quota > 0, "--cpu-shares/--cpu-quota", "cpu"),
        (
            !host.cpuset_cpus.is_empty() || !host.cpuset_mems.is_empty(),
            "--cpuset-cpus/--cpuset-mems",
            "cpuset",
        ),
        (host.blkio_weight > 0, "--blkio-weight", "io"),
    ]
    .into_iter()
    .filter(|(on, _, _)| *on)
    .map(|(_, flag, ctrl)| (flag, ctrl))
    .collect();
    let controllers: Vec<&str> = wanted.iter().map(|(_, c)| *c).collect();
    if wanted.is_empty() || cgroups::available(&controllers) {
        return Ok(());
    }
    Err(Error::InvalidArgument(format!(
        "rootless rdock cannot apply {}: this host offers no delegated cgroup v2 subtree (cgroup v1 or no delegation), so containers run without a cgroup of their own",
        wanted.iter().map(|(f, _)| *f).collect::<Vec<_>>().join(", ")
    )))
}

/// The short id, or with the host's network the host's name, as Docker does.
fn default_hostname(id: &str, host: &HostConfig) -> String {
    match crate::net::NetworkMode::parse(&host.network_mode) {
        Ok(crate::net::NetworkMode::Host) => crate::net::host_hostname(),
        _ => id[..12].to_string(),
    }
}

fn unique_name(store: &Store) -> Result<String> {
    let taken: Vec<String> = store.containers()?.into_iter().map(|r| r.config.name).collect();
    for retry in 0..10 {
        let n = names::random_name(retry);
        if !taken.contains(&n) {
            return Ok(n);
        }
    }
    Ok(format!("rdock_{}", crate::util::random_hex(4)))
}

/// A started container the caller is attached to.
pub struct Started {
    pub pid: i32,
    pub attach: Option<UnixStream>,
}

/// Starts a created or exited container under a new supervisor. With `attach`, the
/// returned stream is connected before the container runs, so no output is missed.
pub fn start(
    store: &Store,
    rec: &ContainerRecord,
    attach: bool,
    tty_size: Option<(u16, u16)>,
) -> Result<Started> {
    let id = &rec.config.id;
    if rec.state.status == Status::Dead {
        return Err(Error::Conflict(format!(
            "container {id} is dead ({}): remove it with rm -f",
            rec.state.error
        )));
    }
    std::fs::create_dir_all(store.container_run_dir(id)).ctx(|| "creating runtime dir".into())?;
    // A start by hand makes a new restart manager, as Docker's does.
    store.update_container_state(id, |s| {
        if !s.status.is_active() {
            s.restart_count = 0;
            s.manually_stopped = false;
            s.exit_on_next = false;
        }
        Ok(())
    })?;
    let (sync_r, sync_w) =
        nix::unistd::pipe2(nix::fcntl::OFlag::O_CLOEXEC).ctx(|| "creating sync pipe".into())?;
    let (ours, theirs) = if attach {
        let (a, b) = UnixStream::pair().ctx(|| "creating attach socket".into())?;
        (Some(a), Some(OwnedFd::from(b)))
    } else {
        (None, None)
    };
    let prewarm = cgroups::prewarm_attach();
    let exe = std::env::current_exe().ctx(|| "finding the rdock binary".into())?;
    let mut cmd = std::process::Command::new(exe);
    cmd.arg("--root").arg(&store.root).arg("--runroot").arg(&store.runroot);
    cmd.arg("__supervise").arg(id).arg("--sync-fd").arg("3");
    if theirs.is_some() {
        cmd.arg("--attach-fd").arg("4");
    }
    if let Some((rows, cols)) = tty_size {
        cmd.arg("--tty-size").arg(format!("{rows}x{cols}"));
    }
    cmd.stdin(std::process::Stdio::null());
    let sync_fd = sync_w.as_raw_fd();
    let attach_fd = theirs.as_ref().map(|f| f.as_raw_fd());
    unsafe {
        cmd.pre_exec(move || match attach_fd {
            Some(fd) => crate::util::pass_fds(&[(sync_fd, 3), (fd, 4)]),
            None => crate::util::pass_fds(&[(sync_fd, 3)]),
        });
    }
    let status = cmd.status().ctx(|| "starting the supervisor".into())?;
    drop(sync_w);
    drop(theirs);
    if !status.success() {
        return Err(Error::Runtime("the container supervisor failed to start".into()));
    }
    let mut report = String::new();
    std::fs::File::from(sync_r).read_to_string(&mut report).ctx(|| "waiting for the supervisor".into())?;
    if let Some(pid) = prewarm {
        let _ = nix::sys::wait::waitpid(nix::unistd::Pid::from_raw(pid), None);
    }
    let report = report.trim();
    if let Some(rest) = report.strip_prefix("ok") {
        return Ok(Started { pid: rest.trim().parse().unwrap_or(0), attach: ours });
    }
    if let Some(rest) = report.strip_prefix("err ") {
        let (code, msg) = rest.split_once(' ').unwrap_or((rest, ""));
        return Err(match code {
            "127" => Error::CommandNotFound(msg.to_string()),
            "126" => Error::CommandNotExecutable(msg.to_string()),
            _ => Error::Runtime(msg.to_string()),
        });
    }
    Err(Error::Runtime(format!(
        "the container supervisor exited without starting {id}; see {}",
        store.container_run_dir(id).join("supervisor.log").display()
    )))
}

/// Checks an active record against its supervisor: if the supervisor is gone (it
/// crashed or the host rebooted), kills what is left and records the container as
/// exited. Returns the (possibly updated) record.
pub fn reconcile(store: &Store, rec: ContainerRecord) -> ContainerRecord {
    let mut rec = thaw_orphaned_pause(store, rec);
    if !rec.state.status.is_active() || lock::is_locked(&supervisor::lock_path(store, &rec.config.id)) {
        return rec;
    }
    let id = rec.config.id.clone();
    // Take the lock ourselves so a supervisor starting meanwhile cannot interleave.
    let Ok(Some(_guard)) = FileLock::try_exclusive(&supervisor::lock_path(store, &id)) else {
        return rec;
    };
    let Ok(fresh) = store.container(&id) else {
        return rec;
    };
    if !fresh.state.status.is_active() {
        return fresh;
    }
    if fresh.state.status == Status::Paused {
        let _ = cgroups::freeze(&fresh.config.cgroup(), false);
    }
    let _ = signal_process(&fresh.state, Signal::SIGKILL);
    supervisor::delete_runtime(store, &id);
    // What the dead supervisor set up on the host (veths, rules, helpers) goes now.
    let _ = crate::net::teardown(store, &id);
    let _ = store.unmount_rootfs(&id);
    // The supervisor's exit record when it got that far (its state write may
    // have failed: a full disk), else it died first.
    let exit = supervisor::read_exit_record(store, &id);
    if status::change(store, &fresh.config, status::Change::Lost(exit.as_ref())).is_ok() {
        let _ = std::fs::remove_file(supervisor::exit_file(store, &id));
    }
    if fresh.config.host.auto_remove {
        let _ = store.remove_container_record(&id);
    }
    match store.container(&id) {
        Ok(r) if !r.state.status.is_active() => r,
        // Not written (no space): what is true all the same.
        _ => {
            rec = fresh;
            status::lost(&mut rec.state, exit.as_ref());
            rec
        }
    }
}

/// A process's parent, from /proc.
pub fn parent_pid(pid: i32) -> Option<i32> {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    let after = &stat[stat.rfind(')')? + 2..];
    after.split(' ').nth(1)?.parse().ok()
}

/// The start time of a process (clock ticks since boot), to tell it from a later
/// process that reuses its pid.
pub fn process_start_time(pid: i32) -> Option<u64> {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    let after = &stat[stat.rfind(')')? + 2..];
    after.split(' ').nth(19)?.parse().ok()
}

/// Sends `sig` to the container's init if it is still the process we started.
/// Delivers `sig` to the container's init. Its supervisor does it when alive (it
/// is the init's parent and shares its namespaces, which a rootless caller in
/// another session may not); otherwise we signal the process ourselves.
fn signal_container(store: &Store, rec: &ContainerRecord, sig: Signal) -> Result<bool> {
    events::container(store, &rec.config, "kill", &[("signal", (sig as i32).to_string())]);
    // Marked before delivery, so its restart policy sees it at the exit.
    supervisor::mark_signalled(store, &rec.config, sig as i32);
    let socket = supervisor::attach_socket(store, &rec.config.id);
    if lock::is_locked(&supervisor::lock_path(store, &rec.config.id)) {
        if let Ok(mut stream) = crate::util::connect_unix(&socket) {
            if super::attach::write_frame(&mut stream, super::attach::SIGNAL, &(sig as i32).to_be_bytes())
                .is_ok()
            {
                return Ok(true);
            }
        }
    }
    signal_process(&rec.state, sig)
}

/// Signals the container's init directly, if it is still the process we started.
fn signal_process(state: &crate::storage::containers::ContainerState, sig: Signal) -> Result<bool> {
    if state.pid <= 0 {
        return Ok(false);
    }
    let Ok(pidfd) = pidfd_open(state.pid) else {
        return Ok(false);
    };
    if process_start_time(state.pid) != Some(state.pid_start) {
        return Ok(false);
    }
    let r = unsafe {
        libc::syscall(
            libc::SYS_pidfd_send_signal,
            pidfd.as_raw_fd(),
            sig as i32,
            std::ptr::null::<libc::siginfo_t>(),
            0,
        )
    };
    if r != 0 {
        let e = std::io::Error::last_os_error();
        if e.raw_os_error() == Some(libc::ESRCH) {
            return Ok(false);
        }
        return Err(Error::io("signalling the container", e));
    }
    Ok(true)
}

/// Waits up to `timeout` (forever when `None`) for the container's init to exit.
fn wait_process_exit(state: &crate::storage::containers::ContainerState, timeout: Option<Duration>) -> bool {
    let Ok(pidfd) = pidfd_open(state.pid) else {
        return true;
    };
    if process_start_time(state.pid) != Some(state.pid_start) {
        return true;
    }
    let deadline = timeout.map(|t| Instant::now() + t);
    loop {
        let left = match deadline {
            Some(d) => {
                let l = d.saturating_duration_since(Instant::now());
                if l.is_zero() {
                    return false;
                }
                l.as_millis().min(i32::MAX as u128) as i32
            }
            None => -1,
        };
        let mut pfd = libc::pollfd { fd: pidfd.as_raw_fd(), events: libc::POLLIN, revents: 0 };
        let r = unsafe { libc::poll(&mut pfd, 1, left) };
        if r > 0 {
            return true;
        }
        if r == 0 && deadline.is_some() {
            return false;
        }
    }
}

/// Blocks until the container's supervisor has exited (it records the exit first).
pub fn wait_supervisor(store: &Store, id: &str) {
    let path = supervisor::lock_path(store, id);
    if path.exists() {
        let _ = FileLock::shared(&path);
    }
}

/// Blocks until the container's process next exits: its supervisor's end,
/// or with a restart policy the record leaving running (restarting, or a
/// new run counted), as Docker's wait returns at each exit.
fn wait_next_exit(store: &Store, rec: &ContainerRecord) {
    let policy = rec.config.host.restart_policy.as_str();
    if matches!(policy, "" | "no") && rec.state.status != Status::Restarting {
        return wait_supervisor(store, &rec.config.id);
    }
    let lock = supervisor::lock_path(store, &rec.config.id);
    let first = rec.state.status == Status::Restarting;
    while lock::is_locked(&lock) {
        match store.container(&rec.config.id) {
            Ok(r) if first && r.state.status != Status::Restarting => {
                // Waiting for the run after this back-off to end.
                return wait_next_exit(store, &r);
            }
            Ok(r)
                if !first
                    && (!matches!(r.state.status, Status::Running | Status::Paused)
                        || r.state.restart_count != rec.state.restart_count) => {}
            Ok(_) => {
                std::thread::sleep(Duration::from_millis(20));
                continue;
            }
            Err(_) => {}
        }
        return;
    }
}

pub fn parse_signal(s: &str) -> Result<Signal> {
    let upper = s.to_ascii_uppercase();
    let sig = if let Ok(n) = upper.parse::<i32>() {
        Signal::try_from(n).ok()
    } else {
        let name = if upper.starts_with("SIG") { upper.clone() } else { format!("SIG{upper}") };
        name.parse::<Signal>().ok()
    };
    sig.ok_or_else(|| Error::InvalidArgument(format!("Invalid signal: {s}")))
}

fn active(store: &Store, key: &str) -> Result<ContainerRecord> {
    let rec = store.find_container(key)?;
    Ok(reconcile(store, rec))
}

/// `docker stop`: the stop signal, then SIGKILL after `timeout` seconds (-1: never).
pub fn stop(store: &Store, key: &str, timeout: Option<i64>, signal: Option<&str>) -> Result<()> {
    let rec = active(store, key)?;
    if !rec.state.status.is_active() {
        return Ok(());
    }
    let sig = parse_signal(signal.or(rec.config.stop_signal.as_deref()).unwrap_or("SIGTERM"))?;
    let secs = timeout.or(rec.config.stop_timeout).unwrap_or(10);
    signal_container(store, &rec, sig)?;
    if rec.state.status == Status::Paused {
        let _ = cgroups::freeze(&rec.config.cgroup(), false);
    }
    let limit = (secs >= 0).then(|| Duration::from_secs(secs as u64));
    if !wait_process_exit(&rec.state, limit) {
        signal_container(store, &rec, Signal::SIGKILL)?;
        wait_process_exit(&rec.state, Some(Duration::from_secs(30)));
    }
    wait_supervisor(store, &rec.config.id);
    events::container(store, &rec.config, "stop", &[]);
    Ok(())
}

/// `docker kill`: delivers a signal; for SIGKILL also waits for the exit.
pub fn kill(store: &Store, key: &str, signal: &str) -> Result<()> {
    let rec = active(store, key)?;
    if !rec.state.status.is_active() {
        return Err(Error::Conflict(format!(
            "cannot kill container: {key}: container {} is not running",
            rec.config.id
        )));
    }
    let sig = parse_signal(signal)?;
    signal_container(store, &rec, sig)?;
    if rec.state.status == Status::Paused && sig == Signal::SIGKILL {
        let _ = cgroups::freeze(&rec.config.cgroup(), false);
    }
    if sig == Signal::SIGKILL {
        wait_process_exit(&rec.state, Some(Duration::from_secs(30)));
        wait_supervisor(store, &rec.config.id);
    }
    Ok(())
}

/// `docker rm`: refuses a running container unless `force`, which kills it at once.
pub fn remove(store: &Store, key: &str, force: bool, volumes: bool) -> Result<String> {
    let rec = settled(store, active(store, key)?);
    let id = rec.config.id.clone();
    // Its config is unknown: what it left goes the way of a stray's.
    if rec.state.is_damaged() {
        return remove_stray(store, &id).map(|_| id);
    }
    if rec.state.status.is_active() {
        if !force {
            return Err(Error::Conflict(format!(
                "cannot remove container \"/{}\": container is {}: stop the container before removing or force remove",
                rec.config.name,
                rec.state.status.as_str()
            )));
        }
        signal_container(store, &rec, Signal::SIGKILL)?;
        if rec.state.status == Status::Paused {
            let _ = cgroups::freeze(&rec.config.cgroup(), false);
        }
        wait_process_exit(&rec.state, Some(Duration::from_secs(30)));
        wait_supervisor(store, &id);
    }
    // An --rm supervisor may have removed it already.
    if store.container(&id).is_err() {
        return Ok(id);
    }
    supervisor::delete_runtime(store, &id);
    store.unmount_rootfs(&id)?;
    store.remove_container_record(&id)?;
    events::container(store, &rec.config, "destroy", &[]);
    if volumes {
        remove_anonymous_volumes(store, &rec.config);
    }
    Ok(id)
}

/// The processes of a container whose record cannot be read (its pid is not
/// known): its supervisor from its pid file, the init the runtime recorded,
/// and whatever its cgroup or that init's pid namespace holds.
pub fn kill_leftovers(store: &Store, id: &str) {
    use nix::unistd::Pid;
    let kill = |pid: i32| {
        let _ = nix::sys::signal::kill(Pid::from_raw(pid), Signal::SIGKILL);
    };
    if let Some(sup) = supervisor::supervisor_pid(store, id) {
        kill(sup);
    }
    let runtime = store.runtime_state_dir().join(id);
    let init = libcontainer::container::Container::load(runtime)
        .ok()
        .and_then(|c| c.pid())
        .map(|p| p.as_raw())
        .filter(|p| own_pid_namespace(*p) == Some(false));
    let mut pids = cgroups::pids(&cgroups::of(store, id), init.unwrap_or(-1)).unwrap_or_default();
    pids.extend(init);
    pids.retain(|p| *p > 1 && *p != std::process::id() as i32);
    for p in &pids {
        kill(*p);
    }
    let deadline = Instant::now() + Duration::from_secs(5);
    while Instant::now() < deadline && pids.iter().any(|p| crate::util::alive(*p)) {
        std::thread::sleep(Duration::from_millis(10));
    }
}

/// What a container left without a record (a dir in the store or runroot
/// whose config is gone): its processes, network, mounts and dirs.
pub fn remove_stray(store: &Store, id: &str) -> Result<()> {
    kill_leftovers(store, id);
    let _ = crate::net::teardown(store, id);
    supervisor::delete_runtime(store, id);
    let _ = store.unmount_rootfs(id);
    store.remove_container_record(id)
}

/// Whether `pid` shares our pid namespace (None: no such process).
fn own_pid_namespace(pid: i32) -> Option<bool> {
    let theirs = std::fs::read_link(format!("/proc/{pid}/ns/pid")).ok()?;
    Some(std::fs::read_link("/proc/self/ns/pid").ok()? == theirs)
}

/// A container whose supervisor is still starting (or finishing) it: wait until
/// it is running, or the supervisor is gone, so the record we act on is current.
fn settled(store: &Store, rec: ContainerRecord) -> ContainerRecord {
    let lock = supervisor::lock_path(store, &rec.config.id);
    if rec.state.status.is_active() || rec.state.is_damaged() || !lock::is_locked(&lock) {
        return rec;
    }
    let deadline = Instant::now() + Duration::from_secs(30);
    while Instant::now() < deadline && lock::is_locked(&lock) {
        match store.container(&rec.config.id) {
            Ok(r) if r.state.status.is_active() => return r,
            Ok(_) => std::thread::sleep(Duration::from_millis(10)),
            Err(_) => return rec,
        }
    }
    store.container(&rec.config.id).unwrap_or(rec)
}

/// Rootless, a container's cgroup (if it has one) is named in its session's
/// view of the hierarchy: go there, or say why pausing cannot work.
fn enter_cgroup_view(store: &Store, rec: &ContainerRecord) -> Result<()> {
    if !store.rootless {
        return Ok(());
    }
    let supervisor = parent_pid(rec.state.pid).ok_or_else(|| Error::NotRunning(rec.config.id.clone()))?;
    super::userns::join_session(supervisor)?;
    if !cgroups::available(&[]) {
        return Err(Error::Conflict(
            "pausing needs a cgroup for the container: rootless rdock gets one only from a delegated cgroup v2 subtree, which this host does not offer".into(),
        ));
    }
    Ok(())
}

/// `rdock pause`: frozen until `unpause`.
pub fn pause(store: &Store, key: &str) -> Result<()> {
    pause_as(store, key, 0)
}

/// A pause for the length of this process's operation (commit): if the
/// process dies holding it, the next command thaws the container.
pub fn pause_for_operation(store: &Store, key: &str) -> Result<()> {
    pause_as(store, key, std::process::id() as i32)
}

fn pause_as(store: &Store, key: &str, owner: i32) -> Result<()> {
    let rec = active(store, key)?;
    match rec.state.status {
        Status::Running => {}
        Status::Paused => {
            return Err(Error::Conflict(format!("Container {} is already paused", rec.config.id)))
        }
        Status::Restarting => return Err(restarting(&rec.config.id)),
        _ => return Err(Error::Conflict(format!("Container {} is not running", rec.config.id))),
    }
    enter_cgroup_view(store, &rec)?;
    // Recorded before the freeze: a kill in between leaves a record the next
    // command can act on, never a frozen container nobody knows of.
    let owner_start = if owner > 0 { process_start_time(owner).unwrap_or(0) } else { 0 };
    // Its event goes with the record: a freeze that fails after is undone
    // with an unpause.
    status::change(store, &rec.config, status::Change::Paused { owner, owner_start })?;
    cgroups::freeze(&rec.config.cgroup(), true).inspect_err(|_| {
        let _ = status::change(store, &rec.config, status::Change::Unpaused);
    })?;
    Ok(())
}

pub fn unpause(store: &Store, key: &str) -> Result<()> {
    let rec = active(store, key)?;
    if rec.state.status != Status::Paused {
        return Err(Error::Conflict(format!("Container {} is not paused", rec.config.id)));
    }
    enter_cgroup_view(store, &rec)?;
    cgroups::freeze(&rec.config.cgroup(), false)?;
    status::change(store, &rec.config, status::Change::Unpaused)?;
    Ok(())
}

/// Thaws a container whose pause belonged to an operation that died (a
/// `commit` killed with -9).
fn thaw_orphaned_pause(store: &Store, rec: ContainerRecord) -> ContainerRecord {
    let s = &rec.state;
    if s.status != Status::Paused || s.paused_by <= 0 {
        return rec;
    }
    if process_start_time(s.paused_by) == Some(s.paused_by_start) {
        return rec;
    }
    let id = rec.config.id.clone();
    let thawed = enter_cgroup_view(store, &rec).and_then(|_| cgroups::freeze(&rec.config.cgroup(), false));
    if thawed.is_err() {
        return rec;
    }
    let _ = status::change(store, &rec.config, status::Change::Thawed);
    store.container(&id).unwrap_or(rec)
}

/// `docker wait`: blocks until the container is stopped and returns its exit code.
pub fn wait(store: &Store, key: &str) -> Result<i32> {
    let rec = active(store, key)?;
    let id = rec.config.id.clone();
    if rec.state.status.is_active() {
        wait_next_exit(store, &rec);
    }
    match store.container(&id) {
        Ok(r) => Ok(reconcile(store, r).state.exit_code),
        Err(_) => supervisor::read_exit_record(store, &id)
            .map(|e| e.code)
            .ok_or_else(|| Error::NoSuchContainer(key.to_string())),
    }
}

/// The container's init pid if it is running (for exec, top, stats).
pub fn running(store: &Store, key: &str) -> Result<ContainerRecord> {
    let rec = active(store, key)?;
    match rec.state.status {
        Status::Running => Ok(rec),
        Status::Paused => Err(Error::Conflict(format!(
            "Container {} is paused, unpause the container before exec",
            rec.config.id
        ))),
        Status::Restarting => Err(restarting(&rec.config.id)),
        _ => Err(Error::Conflict(format!("container {} is not running", rec.config.id))),
    }
}

/// Docker's refusal of what needs a process while a container restarts.
pub fn restarting(id: &str) -> Error {
    Error::Conflict(format!("Container {id} is restarting, wait until the container is running"))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `update --cpus` is checked as `run --cpus` is.
    #[test]
    fn nano_cpus_in_range() {
        let ncpu = std::thread::available_parallelism().map(|n| n.get()).unwrap_or(1) as i64;
        let check = |n: i64| check_resources(&HostConfig { nano_cpus: n, ..Default::default() });
        assert!(check(0).is_ok());
        assert!(check(10_000_000).is_ok());
        assert!(check(ncpu * 1_000_000_000).is_ok());
        for bad in [-1, 100_000, ncpu * 1_000_000_000 + 1] {
            let e = check(bad).unwrap_err().to_string();
            assert!(e.contains("range of CPUs is from 0.01 to"), "{bad}: {e}");
        }
    }
}

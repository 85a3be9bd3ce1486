//! `docker exec`: runs another process in a running container's namespaces and
//! cgroup, through libcontainer's tenant builder, with the container's seccomp
//! program. The process is this CLI's child, so its stdio is ours directly.

use std::os::fd::{AsRawFd, FromRawFd, OwnedFd, RawFd};
use std::os::unix::net::UnixListener;
use std::path::PathBuf;
use std::sync::Arc;

use libcontainer::container::builder::ContainerBuilder;
use libcontainer::syscall::syscall::SyscallType;
use nix::sys::wait::{waitpid, WaitStatus};
use oci_spec::runtime::{Process, Spec};

use super::executor::RdockExecutor;
use super::{spec, stdio, users};
use crate::error::{Error, IoContext, Result};
use crate::storage::containers::ContainerRecord;
use crate::storage::Store;

#[derive(Debug, Clone, Default)]
pub struct ExecOptions {
    pub cmd: Vec<String>,
    pub env: Vec<String>,
    pub user: Option<String>,
    pub workdir: Option<String>,
    pub tty: bool,
    pub interactive: bool,
    pub detach: bool,
    pub privileged: bool,
}

/// Runs the command and returns its exit code (0 at once with `detach`).
pub fn exec(store: &Store, rec: &ContainerRecord, opts: &ExecOptions) -> Result<i32> {
    let p = prepare(store, rec, opts)?;
    p.starting(store, rec);
    let id = &rec.config.id;
    if opts.detach {
        return exec_detached(store, id, &p.process_path, p.executor);
    }
    let stdio = if opts.tty {
        ExecStdio::Console(&p.console)
    } else {
        ExecStdio::Ours { interactive: opts.interactive }
    };
    let (pid, listener) = launch(store, id, &p.process_path, p.executor.clone(), stdio)?;
    if let Some(listener) = listener {
        let master = super::supervisor::receive_pty_master(&listener)?;
        stdio::pump_pty(master, opts.interactive)?;
    }
    let code = wait_exit(pid);
    p.event(store, rec, "exec_die", Some(("exitCode", code.to_string())));
    Ok(code)
}

/// Docker keeps this much of a healthcheck's output.
const PROBE_OUTPUT_MAX: usize = 4096;

/// What a healthcheck command did: its exit code (-1 when it timed out) and
/// its stdout and stderr together, cut as Docker cuts them.
#[derive(Debug, Clone, PartialEq)]
pub struct ProbeOutcome {
    pub exit_code: i64,
    pub output: String,
}

/// Runs a healthcheck command as Docker's daemon does: an exec with the
/// container's user, working directory and environment, no terminal, its
/// output captured; killed when it takes longer than `timeout`.
pub fn probe(
    store: &Store,
    rec: &ContainerRecord,
    cmd: Vec<String>,
    timeout: std::time::Duration,
) -> Result<ProbeOutcome> {
    let opts = ExecOptions {
        cmd,
        user: Some(rec.config.user.clone()),
        workdir: Some(rec.config.working_dir.clone()),
        ..Default::default()
    };
    let p = prepare(store, rec, &opts)?;
    p.starting(store, rec);
    let (out_r, out_w) = nix::unistd::pipe2(nix::fcntl::OFlag::O_CLOEXEC).ctx(|| "creating a pipe".into())?;
    let stderr = out_w.try_clone().ctx(|| "duplicating a pipe".into())?;
    let stdio = ExecStdio::Fds { stdin: null()?, stdout: out_w, stderr };
    let (pid, _) = launch(store, &rec.config.id, &p.process_path, p.executor.clone(), stdio)?;
    let (output, truncated, timed_out) = read_bounded(out_r, timeout, pid);
    let code = wait_exit(pid);
    p.event(store, rec, "exec_die", Some(("exitCode", code.to_string())));
    let mut text = String::from_utf8_lossy(&output).into_owned();
    if truncated {
        text.push_str("...");
    }
    if timed_out {
        let took = crate::util::go_duration(timeout.as_nanos().min(i64::MAX as u128) as i64);
        let msg = if text.is_empty() {
            format!("Health check exceeded timeout ({took})")
        } else {
            format!("Health check exceeded timeout ({took}): {text}")
        };
        return Ok(ProbeOutcome { exit_code: -1, output: msg });
    }
    Ok(ProbeOutcome { exit_code: code.into(), output: text })
}

/// Reads `fd` to its end, keeping the first [`PROBE_OUTPUT_MAX`] bytes;
/// kills `pid` (and stops reading) at `timeout`. Returns what it kept,
/// whether more came, and whether time ran out.
fn read_bounded(fd: OwnedFd, timeout: std::time::Duration, pid: nix::unistd::Pid) -> (Vec<u8>, bool, bool) {
    use nix::poll::{poll, PollFd, PollFlags, PollTimeout};
    use std::os::fd::AsFd;
    let deadline = std::time::Instant::now() + timeout;
    let (mut out, mut truncated) = (Vec::new(), false);
    let mut buf = [0u8; 8192];
    loop {
        let left = deadline.saturating_duration_since(std::time::Instant::now());
        if left.is_zero() {
            let _ = nix::sys::signal::kill(pid, nix::sys::signal::Signal::SIGKILL);
            return (out, truncated, true);
        }
        let ms = PollTimeout::try_from(left.as_millis().min(60_000) as i32).unwrap_or(PollTimeout::MAX);
        let mut fds = [PollFd::new(fd.as_fd(), PollFlags::POLLIN)];
        match poll(&mut fds, ms) {
            Ok(0) | Err(nix::errno::Errno::EINTR) => continue,
            Ok(_) => {}
            Err(_) => return (out, truncated, false),
        }
        match nix::unistd::read(fd.as_raw_fd(), &mut buf) {
            Ok(0) => return (out, truncated, false),
            Ok(n) => {
                let keep = n.min(PROBE_OUTPUT_MAX - out.len());
                out.extend_from_slice(&buf[..keep]);
                truncated |= keep < n;
            }
            Err(nix::errno::Errno::EINTR) | Err(nix::errno::Errno::EAGAIN) => {}
            Err(_) => return (out, truncated, false),
        }
    }
}

/// An exec made ready: its process file (removed on drop), its executor
/// and the id and command its events name.
struct Prepared {
    process_path: PathBuf,
    console: PathBuf,
    executor: RdockExecutor,
    exec_id: String,
    command: String,
    _cleanup: RemoveOnDrop,
}

impl Prepared {
    /// Docker's `exec_create` and `exec_start`, before the process runs.
    fn starting(&self, store: &Store, rec: &ContainerRecord) {
        self.event(store, rec, &format!("exec_create: {}", self.command), None);
        self.event(store, rec, &format!("exec_start: {}", self.command), None);
    }

    /// Docker's exec events name the command in the action and the exec by id.
    fn event(&self, store: &Store, rec: &ContainerRecord, action: &str, extra: Option<(&str, String)>) {
        let mut attrs = vec![("execID", self.exec_id.clone())];
        attrs.extend(extra);
        crate::storage::events::container(store, &rec.config, action, &attrs);
    }
}

fn prepare(store: &Store, rec: &ContainerRecord, opts: &ExecOptions) -> Result<Prepared> {
    if opts.cmd.is_empty() {
        return Err(Error::InvalidArgument("exec requires at least 1 argument".into()));
    }
    let run_dir = store.container_run_dir(&rec.config.id);
    let bundle_spec = Spec::load(run_dir.join("bundle/config.json"))
        .map_err(|e| Error::Runtime(format!("reading the container's runtime spec: {e}")))?;
    let process = exec_process(rec, &bundle_spec, opts)?;
    let token = crate::util::random_hex(6);
    let process_path = run_dir.join(format!("exec-{token}.json"));
    let console = run_dir.join(format!("exec-{token}.sock"));
    let cleanup = RemoveOnDrop(vec![process_path.clone(), console.clone()]);
    crate::storage::atomic::write_json(&process_path, &process)?;
    let bpf_path = std::fs::read_to_string(run_dir.join("seccomp.bpf.path")).unwrap_or_default();
    let bpf = if bpf_path.is_empty() {
        None
    } else {
        Some(Arc::new(std::fs::read(&bpf_path).ctx(|| "reading the container's seccomp program".into())?))
    };
    Ok(Prepared {
        process_path,
        console,
        executor: RdockExecutor { seccomp_bpf: bpf, init: false, readonly_cgroups: false },
        exec_id: crate::util::random_hex(32),
        command: opts.cmd.join(" "),
        _cleanup: cleanup,
    })
}

fn exec_process(rec: &ContainerRecord, bundle: &Spec, opts: &ExecOptions) -> Result<Process> {
    let base = bundle.process().clone().unwrap_or_default();
    let mut process = base.clone();
    process.set_args(Some(opts.cmd.clone()));
    let mut env = base.env().clone().unwrap_or_default();
    if opts.tty {
        env.push("TERM=xterm".into());
    }
    process.set_env(Some(spec::merge_env(&env, &opts.env)));
    process.set_terminal(Some(opts.tty));
    let cwd = opts
        .workdir
        .clone()
        .filter(|w| !w.is_empty())
        .unwrap_or_else(|| base.cwd().to_string_lossy().into_owned());
    process.set_cwd(PathBuf::from(cwd));
    if let Some(user) = opts.user.as_deref().filter(|u| !u.is_empty()) {
        let root = PathBuf::from(format!("/proc/{}/root", rec.state.pid));
        let u = users::resolve_user(&root, user)?;
        let mut ou = base.user().clone();
        ou.set_uid(u.uid);
        ou.set_gid(u.gid);
        ou.set_additional_gids(Some(spec::supplementary_gids(&u, crate::util::rootless())));
        process.set_user(ou);
    }
    if opts.privileged {
        let all: Vec<String> = spec::all_caps();
        let set: oci_spec::runtime::Capabilities =
            all.iter().filter_map(|c| c.trim_start_matches("CAP_").parse().ok()).collect();
        let caps = oci_spec::runtime::LinuxCapabilitiesBuilder::default()
            .bounding(set.clone())
            .effective(set.clone())
            .permitted(set.clone())
            .inheritable(oci_spec::runtime::Capabilities::new())
            .ambient(oci_spec::runtime::Capabilities::new())
            .build()
            .map_err(|e| Error::Runtime(e.to_string()))?;
        process.set_capabilities(Some(caps));
    }
    Ok(process)
}

/// Where an exec's stdio goes: ours (`interactive`: our stdin too), a
/// terminal through a console socket, or given fds.
enum ExecStdio<'a> {
    Ours { interactive: bool },
    Console(&'a PathBuf),
    Fds { stdin: OwnedFd, stdout: OwnedFd, stderr: OwnedFd },
}

fn launch(
    store: &Store,
    id: &str,
    process_path: &std::path::Path,
    executor: RdockExecutor,
    stdio: ExecStdio,
) -> Result<(nix::unistd::Pid, Option<UnixListener>)> {
    let mut builder = ContainerBuilder::new(id.to_string(), SyscallType::default())
        .with_root_path(store.runtime_state_dir())
        .map_err(err)?
        .with_executor(executor);
    let mut listener = None;
    match stdio {
        ExecStdio::Console(path) => {
            let _ = std::fs::remove_file(path);
            listener = Some(crate::util::bind_unix(path).ctx(|| "binding console socket".into())?);
            builder = builder.with_console_socket(Some(path));
        }
        ExecStdio::Ours { interactive } => {
            let stdin = if interactive { dup(0)? } else { null()? };
            builder = builder.with_stdin(stdin).with_stdout(dup(1)?).with_stderr(dup(2)?);
        }
        ExecStdio::Fds { stdin, stdout, stderr } => {
            builder = builder.with_stdin(stdin).with_stdout(stdout).with_stderr(stderr);
        }
    }
    let pid = builder
        .validate_id()
        .map_err(err)?
        .as_tenant()
        .with_process(Some(process_path))
        .with_detach(true)
        .build()
        .map_err(err)?;
    Ok((pid, listener))
}

/// Starts the process from a detached helper that waits for it, and returns once
/// it has started.
fn exec_detached(
    store: &Store,
    id: &str,
    process_path: &std::path::Path,
    executor: RdockExecutor,
) -> Result<i32> {
    let (r, w) = nix::unistd::pipe2(nix::fcntl::OFlag::O_CLOEXEC).ctx(|| "creating pipe".into())?;
    match unsafe { nix::unistd::fork() }.ctx(|| "forking".into())? {
        nix::unistd::ForkResult::Child => {
            drop(r);
            let _ = nix::unistd::setsid();
            let null = std::fs::OpenOptions::new().read(true).write(true).open("/dev/null");
            if let Ok(n) = &null {
                for fd in 0..3 {
                    unsafe { libc::dup2(n.as_raw_fd(), fd) };
                }
            }
            let mut report = std::fs::File::from(w);
            use std::io::Write;
            match launch(store, id, process_path, executor, ExecStdio::Ours { interactive: false }) {
                Ok((pid, _)) => {
                    let _ = writeln!(report, "ok");
                    drop(report);
                    wait_exit(pid);
                    unsafe { libc::_exit(0) }
                }
                Err(e) => {
                    let _ = writeln!(report, "{}", e);
                    unsafe { libc::_exit(1) }
                }
            }
        }
        nix::unistd::ForkResult::Parent { .. } => {
            drop(w);
            let mut msg = String::new();
            use std::io::Read;
            let _ = std::fs::File::from(r).read_to_string(&mut msg);
            let msg = msg.trim();
            if msg == "ok" {
                Ok(0)
            } else {
                Err(Error::Runtime(if msg.is_empty() { "exec failed".to_string() } else { msg.to_string() }))
            }
        }
    }
}

fn wait_exit(pid: nix::unistd::Pid) -> i32 {
    loop {
        match waitpid(pid, None) {
            Ok(WaitStatus::Exited(_, code)) => return code,
            Ok(WaitStatus::Signaled(_, sig, _)) => return 128 + sig as i32,
            Ok(_) => continue,
            Err(nix::errno::Errno::EINTR) => continue,
            Err(_) => return 255,
        }
    }
}

fn null() -> Result<OwnedFd> {
    Ok(OwnedFd::from(std::fs::File::open("/dev/null").ctx(|| "opening /dev/null".into())?))
}

fn dup(fd: RawFd) -> Result<OwnedFd> {
    let new = unsafe { libc::fcntl(fd, libc::F_DUPFD_CLOEXEC, 3) };
    if new < 0 {
        return Err(Error::io("duplicating stdio", std::io::Error::last_os_error()));
    }
    Ok(unsafe { OwnedFd::from_raw_fd(new) })
}

fn err(e: impl std::fmt::Display + std::fmt::Debug) -> Error {
    super::executor::classify_error(&e, "OCI runtime exec failed")
}

struct RemoveOnDrop(Vec<PathBuf>);

impl Drop for RemoveOnDrop {
    fn drop(&mut self) {
        for p in &self.0 {
            let _ = std::fs::remove_file(p);
        }
    }
}

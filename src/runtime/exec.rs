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
    if opts.cmd.is_empty() {
        return Err(Error::InvalidArgument("exec requires at least 1 argument".into()));
    }
    let id = &rec.config.id;
    let run_dir = store.container_run_dir(id);
    let bundle_spec = Spec::load(run_dir.join("bundle/config.json"))
        .map_err(|e| Error::Runtime(format!("reading the container's runtime spec: {e}")))?;
    let process = exec_process(rec, &bundle_spec, opts)?;
    let token = crate::util::random_hex(6);
    let process_path = run_dir.join(format!("exec-{token}.json"));
    crate::storage::atomic::write_json(&process_path, &process)?;
    let _cleanup = RemoveOnDrop(vec![process_path.clone(), run_dir.join(format!("exec-{token}.sock"))]);

    let bpf_path = std::fs::read_to_string(run_dir.join("seccomp.bpf.path")).unwrap_or_default();
    let bpf = if bpf_path.is_empty() {
        None
    } else {
        Some(Arc::new(std::fs::read(&bpf_path).ctx(|| "reading the container's seccomp program".into())?))
    };
    let executor = RdockExecutor { seccomp_bpf: bpf, init: false, readonly_cgroups: false };

    // Docker's exec events name the command in the action and the exec by id.
    let exec_id = crate::util::random_hex(32);
    let command = opts.cmd.join(" ");
    let event = |action: &str, extra: Option<(&str, String)>| {
        let mut attrs = vec![("execID", exec_id.clone())];
        attrs.extend(extra);
        crate::storage::events::container(store, &rec.config, action, &attrs);
    };
    event(&format!("exec_create: {command}"), None);
    event(&format!("exec_start: {command}"), None);
    if opts.detach {
        return exec_detached(store, id, &process_path, executor);
    }
    let console = opts.tty.then(|| run_dir.join(format!("exec-{token}.sock")));
    let (pid, listener) = launch(store, id, &process_path, executor, console.as_ref(), opts.interactive)?;
    if let Some(listener) = listener {
        let master = super::supervisor::receive_pty_master(&listener)?;
        stdio::pump_pty(master, opts.interactive)?;
    }
    let code = wait_exit(pid);
    event("exec_die", Some(("exitCode", code.to_string())));
    Ok(code)
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

fn launch(
    store: &Store,
    id: &str,
    process_path: &std::path::Path,
    executor: RdockExecutor,
    console: Option<&PathBuf>,
    interactive: bool,
) -> Result<(nix::unistd::Pid, Option<UnixListener>)> {
    let mut builder = ContainerBuilder::new(id.to_string(), SyscallType::default())
        .with_root_path(store.runtime_state_dir())
        .map_err(err)?
        .with_executor(executor);
    let mut listener = None;
    if let Some(path) = console {
        let _ = std::fs::remove_file(path);
        listener = Some(crate::util::bind_unix(path).ctx(|| "binding console socket".into())?);
        builder = builder.with_console_socket(Some(path));
    } else {
        let stdin = if interactive {
            dup(0)?
        } else {
            OwnedFd::from(std::fs::File::open("/dev/null").ctx(|| "opening /dev/null".into())?)
        };
        builder = builder.with_stdin(stdin).with_stdout(dup(1)?).with_stderr(dup(2)?);
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
            match launch(store, id, process_path, executor, None, false) {
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

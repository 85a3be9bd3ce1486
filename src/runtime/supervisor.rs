//! The supervisor (our conmon): a detached re-exec of rdock that owns one running
//! container. It creates and starts it through libcontainer, holds its stdio,
//! writes the json-file log, serves attach clients, records the exit, cleans up
//! (including `--rm`) and exits after the container does.
//!
//! While it lives it holds `<runroot>/<id>/supervisor.lock`; an active state with
//! that lock free means the supervisor died (see `lifecycle::reconcile`).

use std::fs::File;
use std::io::{Read, Write};
use std::os::fd::{AsFd, AsRawFd, FromRawFd, OwnedFd, RawFd};
use std::os::unix::net::{UnixListener, UnixStream};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

use libcontainer::container::builder::ContainerBuilder;
use libcontainer::container::Container;
use libcontainer::syscall::syscall::SyscallType;
use nix::poll::{poll, PollFd, PollFlags, PollTimeout};
use nix::sys::wait::{waitpid, WaitPidFlag, WaitStatus};
use nix::unistd::Pid;

use super::attach::{self, FrameBuffer};
use super::executor::RdockExecutor;
use super::logs::LogWriter;
use super::{cgroups, spec};
use crate::error::{Error, IoContext, Result};
use crate::storage::containers::{ContainerConfig, Status};
use crate::storage::inroot::InRoot;
use crate::storage::lock::FileLock;
use crate::storage::overlay::IdShift;
use crate::storage::Store;

/// After the container's init exits, how long to wait for its output to drain.
const DRAIN_TIMEOUT: Duration = Duration::from_secs(2);
/// A client that cannot take output for this long is dropped.
const CLIENT_WRITE_TIMEOUT: Duration = Duration::from_secs(10);

#[derive(Debug, Clone, Default)]
pub struct SuperviseArgs {
    pub id: String,
    /// An already-connected attach client (the CLI that started us).
    pub attach_fd: Option<RawFd>,
    /// Where to report "ok" or the start error.
    pub sync_fd: Option<RawFd>,
    /// Initial terminal size for `-t`.
    pub tty_size: Option<(u16, u16)>,
}

pub fn attach_socket(store: &Store, id: &str) -> PathBuf {
    store.container_run_dir(id).join("attach.sock")
}

pub fn lock_path(store: &Store, id: &str) -> PathBuf {
    store.container_run_dir(id).join("supervisor.lock")
}

fn pid_path(store: &Store, id: &str) -> PathBuf {
    store.container_run_dir(id).join("supervisor.pid")
}

/// The live supervisor of `id`, from its pid file, checked against its
/// command line (a pid can be reused).
pub fn supervisor_pid(store: &Store, id: &str) -> Option<i32> {
    let pid: i32 = std::fs::read_to_string(pid_path(store, id)).ok()?.trim().parse().ok()?;
    let cmdline = std::fs::read(format!("/proc/{pid}/cmdline")).ok()?;
    let args: Vec<&[u8]> = cmdline.split(|b| *b == 0).collect();
    let ours = args.contains(&b"__supervise".as_slice()) && args.contains(&id.as_bytes());
    ours.then_some(pid)
}

/// The exit record: reserved (blank) when the container starts, written in
/// place when it exits, so a full disk cannot keep a dead container "Up"
/// (no new blocks are needed then). It is what `wait` reads for an
/// auto-removed container, and what reconcile reads when the state file could
/// not be written; it goes once the state file holds the exit.
pub fn exit_file(store: &Store, id: &str) -> PathBuf {
    store.runroot.join("exits").join(id)
}

const EXIT_RECORD_LEN: usize = 128;

#[derive(Debug, Clone, PartialEq)]
pub struct ExitRecord {
    pub code: i32,
    pub finished_at: String,
    pub oom_killed: bool,
}

fn reserve_exit_record(store: &Store, id: &str) -> Result<()> {
    let path = exit_file(store, id);
    std::fs::create_dir_all(path.parent().unwrap_or(&store.runroot)).ctx(|| "creating exits dir".into())?;
    std::fs::write(&path, [b' '; EXIT_RECORD_LEN]).ctx(|| "reserving the exit record".into())
}

fn write_exit_record(store: &Store, id: &str, rec: &ExitRecord) {
    use std::os::unix::fs::FileExt;
    let mut line = format!("{} {} {}", rec.code, rec.finished_at, rec.oom_killed).into_bytes();
    line.resize(EXIT_RECORD_LEN, b' ');
    let path = exit_file(store, id);
    let written = std::fs::OpenOptions::new().write(true).open(&path).and_then(|f| f.write_all_at(&line, 0));
    if written.is_err() {
        // Not reserved (an older start): try a new file.
        let _ = std::fs::create_dir_all(path.parent().unwrap_or(&store.runroot));
        let _ = std::fs::write(&path, &line);
    }
}

/// The exit the supervisor recorded, if it got that far.
pub fn read_exit_record(store: &Store, id: &str) -> Option<ExitRecord> {
    let text = std::fs::read_to_string(exit_file(store, id)).ok()?;
    let mut f = text.split_whitespace();
    let code = f.next()?.parse().ok()?;
    let finished_at = f.next().unwrap_or(crate::storage::containers::ZERO_TIME).to_string();
    Some(ExitRecord { code, finished_at, oom_killed: f.next() == Some("true") })
}

/// Entry point of `rdock __supervise`: detaches and runs the container. Never returns.
pub fn main(store: Store, args: SuperviseArgs) -> ! {
    // The first fork lets the CLI reap us at once; the child carries on in its own
    // session so terminal signals aimed at the CLI never reach it.
    match unsafe { nix::unistd::fork() } {
        Ok(nix::unistd::ForkResult::Parent { .. }) => unsafe { libc::_exit(0) },
        Ok(nix::unistd::ForkResult::Child) => {}
        Err(_) => unsafe { libc::_exit(1) },
    }
    let _ = nix::unistd::setsid();
    redirect_stdio(&store, &args.id);
    let mut sync = args.sync_fd.map(|fd| unsafe { File::from_raw_fd(fd) });
    let code = match supervise(&store, &args, &mut sync) {
        Ok(()) => 0,
        Err(e) => {
            eprintln!("supervisor: {e}");
            if let Some(s) = sync.as_mut() {
                let code = e.exit_code().unwrap_or(125);
                let _ = writeln!(s, "err {code} {}", e.to_string().replace('\n', " "));
            }
            1
        }
    };
    unsafe { libc::_exit(code) }
}

fn redirect_stdio(store: &Store, id: &str) {
    let null = File::open("/dev/null").ok();
    let log = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(store.container_run_dir(id).join("supervisor.log"))
        .ok();
    unsafe {
        if let Some(n) = &null {
            libc::dup2(n.as_raw_fd(), 0);
        }
        if let Some(l) = log.as_ref().or(null.as_ref()) {
            libc::dup2(l.as_raw_fd(), 1);
            libc::dup2(l.as_raw_fd(), 2);
        }
    }
}

fn supervise(store: &Store, args: &SuperviseArgs, sync: &mut Option<File>) -> Result<()> {
    let id = &args.id;
    let run_dir = store.container_run_dir(id);
    std::fs::create_dir_all(&run_dir).ctx(|| format!("creating {}", run_dir.display()))?;
    let _lock = FileLock::try_exclusive(&lock_path(store, id))?
        .ok_or_else(|| Error::Conflict(format!("container {id} is already running")))?;
    // For `rm -f` and `system reset` when the record cannot be read.
    let _ = std::fs::write(pid_path(store, id), std::process::id().to_string());
    let rec = store.container(id)?;
    if rec.state.status.is_active() {
        return Err(Error::Conflict(format!("container {id} is already running")));
    }
    let mut clients: Vec<Client> = Vec::new();
    if let Some(fd) = args.attach_fd {
        clients.push(Client::new(unsafe { UnixStream::from_raw_fd(fd) }));
    }

    let mut backoff = super::restart::Backoff::default();
    let mut first = true;
    loop {
        // Read afresh for each run: `update --restart`, `network connect`.
        let rec = store.container(id)?;
        reserve_exit_record(store, id)?;
        let mut started = match start(store, &rec.config, args) {
            Ok(s) => s,
            Err(e) => {
                fail_start(store, &rec.config, &e);
                return if first { Err(e) } else { Ok(()) };
            }
        };
        if first {
            if let Some(s) = sync.as_mut() {
                let _ = writeln!(s, "ok {}", started.pid);
            }
            *sync = None;
            started.clients = std::mem::take(&mut clients);
            first = false;
        }
        crate::util::shed_startup_memory();
        let ran_since = Instant::now();
        let status = started.run_loop(store, &rec.config);
        if let Some(h) = started.health.take() {
            h.stop(store, &rec.config);
        }
        let exit = exit_of(&rec.config, status);
        let delay = restart_delay(store, &rec.config, &exit, &mut backoff, ran_since.elapsed());
        let Some(delay) = delay else {
            finish(store, &rec.config, started, &exit);
            return Ok(());
        };
        write_exit_record(store, id, &exit);
        if super::status::change(store, &rec.config, super::status::Change::Restarting(&exit)).is_err() {
            finish(store, &rec.config, started, &exit);
            return Ok(());
        }
        tell_exit(&mut release(store, &rec.config, started), &exit);
        if !back_off(store, id, delay) {
            // Stopped while it waited: it stays down with its last exit.
            finish_restarting(store, &rec.config, &exit);
            return Ok(());
        }
    }
}

/// The exit of a container's process, as recorded.
fn exit_of(cfg: &ContainerConfig, status: WaitStatus) -> ExitRecord {
    ExitRecord {
        code: exit_code(status),
        finished_at: crate::util::now_rfc3339(),
        oom_killed: cgroups::oom_killed(&cgroups::cgroup_path(&cfg.host.cgroup_parent, &cfg.id)),
    }
}

/// The back-off before starting the container again, if its policy (read
/// afresh: `update --restart`, a stop's cancel) says to.
fn restart_delay(
    store: &Store,
    cfg: &ContainerConfig,
    exit: &ExitRecord,
    backoff: &mut super::restart::Backoff,
    ran: Duration,
) -> Option<Duration> {
    if cfg.host.auto_remove || cfg.build_pid != 0 {
        return None;
    }
    let rec = store.container(&cfg.id).ok()?;
    let again = super::restart::should_restart(&rec.config.host, &rec.state, exit.code, false);
    again.then(|| backoff.next(ran))
}

/// Waits out a restart's back-off, listening on the attach socket so a
/// stop, kill or `rm -f` is heard at once. False when the restart was
/// cancelled meanwhile (or the record is gone).
fn back_off(store: &Store, id: &str, delay: Duration) -> bool {
    let listener = bind_unix(&attach_socket(store, id)).ok();
    if let Some(l) = &listener {
        let _ = l.set_nonblocking(true);
    }
    let deadline = Instant::now() + delay;
    let still_wanted = || {
        store.container(id).is_ok_and(|r| {
            r.state.status == Status::Restarting && super::restart::still_wanted(&r.config.host, &r.state)
        })
    };
    loop {
        if !still_wanted() {
            return false;
        }
        let left = deadline.saturating_duration_since(Instant::now());
        if left.is_zero() {
            let _ = std::fs::remove_file(attach_socket(store, id));
            return true;
        }
        let ms = PollTimeout::try_from(left.as_millis().min(60_000) as i32).unwrap_or(PollTimeout::MAX);
        match &listener {
            Some(l) => {
                let mut fds = [PollFd::new(l.as_fd(), PollFlags::POLLIN)];
                let _ = poll(&mut fds, ms);
                // Whoever connects (a stop's signal, an attach) finds no
                // process; the record says what to do.
                while let Ok((stream, _)) = l.accept() {
                    drain_signal(stream);
                }
            }
            None => std::thread::sleep(left.min(Duration::from_millis(100))),
        }
    }
}

/// Reads what a client sent while no process runs: a signal frame means a
/// stop, whose cancel the client wrote to the record before sending it.
fn drain_signal(stream: UnixStream) {
    let _ = stream.set_read_timeout(Some(Duration::from_millis(200)));
    let mut buf = [0u8; 64];
    let _ = (&stream).read(&mut buf);
}

/// Records a failed start, undoes what start did, and removes `--rm` containers.
fn fail_start(store: &Store, cfg: &ContainerConfig, err: &Error) {
    let _ = super::status::change(store, cfg, super::status::Change::StartFailed(err));
    delete_runtime(store, &cfg.id);
    report_net_errors(crate::net::teardown(store, &cfg.id));
    let _ = store.unmount_rootfs(&cfg.id);
    if cfg.host.auto_remove {
        if store.remove_container_record(&cfg.id).is_ok() {
            crate::storage::events::container(store, cfg, "destroy", &[]);
        }
        super::lifecycle::remove_anonymous_volumes(store, cfg);
    }
}

struct Started {
    container: Container,
    pid: Pid,
    pidfd: OwnedFd,
    /// Output sources: (fd, stream) — a pty master reports as stdout.
    outputs: Vec<(OwnedFd, u8)>,
    stdin: Option<OwnedFd>,
    pty: Option<OwnedFd>,
    listener: UnixListener,
    clients: Vec<Client>,
    /// None for `--log-driver none`.
    log: Option<LogWriter>,
    /// A build step's build: if it dies (kill -9), the step is killed too.
    owner: Option<OwnedFd>,
    /// Its healthcheck, if it has one.
    health: Option<super::health::Monitor>,
}

fn start(store: &Store, cfg: &ContainerConfig, args: &SuperviseArgs) -> Result<Started> {
    let id = &cfg.id;
    let run_dir = store.container_run_dir(id);
    let userdata = store.container_dir(id);
    let keep_id = match cfg.host.userns.as_str() {
        "keep-id" => Some(super::userns::keep_id()?),
        _ => None,
    };
    let shift = keep_id.as_ref().map(|k| IdShift { own: k.uid, mapped: k.mapped });
    let rootfs = store.mount_rootfs(id, &cfg.layers, shift.as_ref())?;
    super::mounts::populate(store, cfg, &rootfs)?;
    crate::net::write_etc_files(store, &userdata, cfg)?;
    ensure_workdir(&rootfs, &cfg.working_dir)?;

    if let (Some(k), Some(s)) = (&keep_id, &shift) {
        prepare_keep_id(store, id, &rootfs, k, s)?;
        // libcontainer writes the container's id maps with these tools.
        let tools = super::userns::map_tools_dir(&store.runroot)?;
        let path = std::env::var("PATH").unwrap_or_default();
        std::env::set_var("PATH", format!("{}:{path}", tools.display()));
    }
    // --link: the targets must run; their addresses go in the environment.
    let mut with_links = cfg.clone();
    with_links.env.extend(crate::net::link_env(store, cfg)?);
    let built = spec::build(&spec::SpecInput {
        config: &with_links,
        rootfs: &rootfs,
        userdata: &userdata,
        cgroup_v2: cgroups::is_v2(),
        seccomp_cache: &store.cache_dir(),
        rootless: store.rootless,
        keep_id: keep_id.as_ref(),
        store,
    })?;
    make_mount_points(&rootfs, &built.spec)?;
    let bundle = run_dir.join("bundle");
    std::fs::create_dir_all(&bundle).ctx(|| "creating bundle dir".into())?;
    built
        .spec
        .save(bundle.join("config.json"))
        .map_err(|e| Error::Runtime(format!("writing runtime spec: {e}")))?;
    let bpf = match &built.seccomp_bpf {
        Some(p) => Some(Arc::new(std::fs::read(p).ctx(|| "reading compiled seccomp profile".into())?)),
        None => None,
    };
    std::fs::write(
        run_dir.join("seccomp.bpf.path"),
        built.seccomp_bpf.as_ref().map(|p| p.to_string_lossy().into_owned()).unwrap_or_default(),
    )
    .ctx(|| "recording seccomp path".into())?;

    let executor =
        RdockExecutor { seccomp_bpf: bpf, init: cfg.host.init, readonly_cgroups: !cfg.host.privileged };
    delete_runtime(store, id);
    std::fs::create_dir_all(store.runtime_state_dir()).ctx(|| "creating runtime dir".into())?;
    let mut builder = ContainerBuilder::new(id.clone(), SyscallType::default())
        .with_root_path(store.runtime_state_dir())
        .map_err(runtime_err)?
        .with_executor(executor);

    let mut outputs = Vec::new();
    let mut stdin = None;
    let console = if cfg.tty {
        let path = run_dir.join("console.sock");
        let _ = std::fs::remove_file(&path);
        let listener = bind_unix(&path)?;
        builder = builder.with_console_socket(Some(&path));
        Some((listener, path))
    } else {
        let null = || File::open("/dev/null").map(OwnedFd::from).ctx(|| "opening /dev/null".into());
        let stdin_child: OwnedFd = if cfg.open_stdin {
            let (r, w) =
                nix::unistd::pipe2(nix::fcntl::OFlag::O_CLOEXEC).ctx(|| "creating stdin pipe".into())?;
            stdin = Some(w);
            r
        } else {
            null()?
        };
        let (out_r, out_w) =
            nix::unistd::pipe2(nix::fcntl::OFlag::O_CLOEXEC).ctx(|| "creating stdout pipe".into())?;
        let (err_r, err_w) =
            nix::unistd::pipe2(nix::fcntl::OFlag::O_CLOEXEC).ctx(|| "creating stderr pipe".into())?;
        outputs.push((out_r, attach::STDOUT));
        outputs.push((err_r, attach::STDERR));
        builder = builder.with_stdin(stdin_child).with_stdout(out_w).with_stderr(err_w);
        None
    };

    let container = builder
        .validate_id()
        .map_err(runtime_err)?
        .as_init(&bundle)
        .with_systemd(false)
        .with_detach(true)
        .build()
        .map_err(runtime_err)?;
    // From here on the container's init exists, waiting to be started: if we
    // cannot start it, it must not linger.
    let init = container.pid();
    launch(store, cfg, args, container, console, outputs, stdin).inspect_err(|_| {
        if let Some(pid) = init {
            let _ = nix::sys::signal::kill(pid, nix::sys::signal::Signal::SIGKILL);
            let _ = waitpid(pid, None);
        }
        delete_runtime(store, id);
    })
}

/// Starts a created container: loopback, terminal, attach socket, log, then
/// the user's process; records it as running.
fn launch(
    store: &Store,
    cfg: &ContainerConfig,
    args: &SuperviseArgs,
    mut container: Container,
    console: Option<(UnixListener, PathBuf)>,
    mut outputs: Vec<(OwnedFd, u8)>,
    stdin: Option<OwnedFd>,
) -> Result<Started> {
    let id = &cfg.id;
    {
        let pid = container.pid().ok_or_else(|| Error::Runtime("container has no pid".into()))?;
        let ns = crate::net::netlink::open_netns(pid.as_raw())?;
        crate::net::setup(store, cfg, &ns)?;
    }

    let mut pty = None;
    if let Some((listener, path)) = console {
        let master = receive_pty_master(&listener)?;
        let _ = std::fs::remove_file(path);
        if let Some((rows, cols)) = args.tty_size {
            set_winsize(master.as_raw_fd(), rows, cols);
        }
        let dup = master.try_clone().ctx(|| "duplicating pty".into())?;
        outputs.push((dup, attach::STDOUT));
        pty = Some(master);
    }

    let sock_path = attach_socket(store, id);
    let _ = std::fs::remove_file(&sock_path);
    let listener = bind_unix(&sock_path)?;
    listener.set_nonblocking(true).ctx(|| "configuring attach socket".into())?;
    // A bad driver was refused at create; a record from elsewhere logs as json-file.
    let rotation = match super::logs::log_config(&cfg.host.log_driver, &cfg.host.log_opts) {
        Ok((_, rotation)) => rotation,
        Err(_) => Some(super::logs::Rotation { max_size: 0, max_file: 1 }),
    };
    let log = rotation.map(|r| LogWriter::open(&store.container_log_path(id), r)).transpose()?;

    container.start().map_err(runtime_err)?;
    let pid = container.pid().ok_or_else(|| Error::Runtime("container has no pid".into()))?;
    let pidfd = pidfd_open(pid.as_raw()).ctx(|| "watching the container process".into())?;
    let pid_start = super::lifecycle::process_start_time(pid.as_raw()).unwrap_or(0);
    crate::storage::events::volume_mounts(store, cfg, "mount");
    super::status::change(store, cfg, super::status::Change::Started { pid: pid.as_raw(), pid_start })?;
    let health = super::health::Monitor::start(store, cfg);
    for (fd, _) in &outputs {
        set_nonblocking(fd.as_raw_fd());
    }
    let owner = (cfg.build_pid != 0).then(|| pidfd_open(cfg.build_pid as i32).ok()).flatten();
    Ok(Started {
        container,
        pid,
        pidfd,
        outputs,
        stdin,
        pty,
        listener,
        clients: Vec::new(),
        log,
        owner,
        health,
    })
}

/// keep-id: the user exists in the container's /etc/passwd and owns a home;
/// what we create for the container belongs to its root, not to the user.
fn prepare_keep_id(
    store: &Store,
    id: &str,
    rootfs: &Path,
    k: &super::userns::KeepId,
    s: &IdShift,
) -> Result<()> {
    let root_id = s.apply(0);
    let dirs = store.rootfs_dirs(id);
    for p in [&dirs.upper, &dirs.work, rootfs] {
        std::os::unix::fs::chown(p, Some(root_id), Some(root_id)).ctx(|| format!("chown {}", p.display()))?;
    }
    for name in ["hosts", "hostname", "resolv.conf"] {
        let _ = std::os::unix::fs::chown(store.container_dir(id).join(name), Some(root_id), Some(root_id));
    }
    // Our own files (owned by our namespace's root) are the user's inside.
    let root = InRoot::open(rootfs).ctx(|| "opening the container root".into())?;
    root.mkdir_all(&k.home).ctx(|| format!("creating {}", k.home))?;
    let text = root
        .read("/etc/passwd", crate::storage::inroot::MAX_SMALL_FILE)
        .map(|b| String::from_utf8_lossy(&b).into_owned())
        .unwrap_or_default();
    let known = text.lines().any(|l| l.split(':').nth(2) == Some(k.uid.to_string().as_str()));
    if !known {
        let mut text = text;
        if !text.is_empty() && !text.ends_with('\n') {
            text.push('\n');
        }
        text.push_str(&format!("{}:x:{}:{}::{}:/bin/sh\n", k.name, k.uid, k.gid, k.home));
        root.mkdir_all("/etc")
            .and_then(|_| root.create("/etc/passwd"))
            .and_then(|mut f| std::io::Write::write_all(&mut f, text.as_bytes()))
            .ctx(|| "adding the user to /etc/passwd".into())?;
    }
    Ok(())
}

/// Creates the working directory if the image lacks it, as Docker does, inside
/// the root (a WORKDIR through a link to a host path stays in the image).
fn ensure_workdir(rootfs: &Path, workdir: &str) -> Result<()> {
    if workdir.is_empty() || workdir == "/" {
        return Ok(());
    }
    InRoot::open(rootfs)
        .and_then(|r| r.mkdir_all(workdir))
        .map(drop)
        .ctx(|| format!("creating working directory {workdir}"))
}

/// Makes each mount point inside the root before the runtime mounts onto it:
/// a destination that is a link to a missing path (an image's `/data ->
/// /home/x`) gets that path made inside the root, as Docker does, instead of
/// failing; nothing outside the root is touched.
fn make_mount_points(rootfs: &Path, spec: &oci_spec::runtime::Spec) -> Result<()> {
    let root = InRoot::open(rootfs).ctx(|| "opening the container root".into())?;
    for m in spec.mounts().iter().flatten() {
        let dest = m.destination().to_string_lossy();
        if ["/proc", "/sys", "/dev"].iter().any(|p| dest == *p || dest.starts_with(&format!("{p}/"))) {
            continue;
        }
        let file = m.typ().as_deref() == Some("bind")
            && m.source().as_ref().is_some_and(|s| std::fs::metadata(s).is_ok_and(|md| !md.is_dir()));
        let made = if file { root.mkfile_all(&dest) } else { root.mkdir_all(&dest) };
        made.ctx(|| format!("creating mount point {dest}"))?;
    }
    Ok(())
}

fn runtime_err(e: impl std::fmt::Display + std::fmt::Debug) -> Error {
    super::executor::classify_error(&e, "OCI runtime error")
}

fn bind_unix(path: &Path) -> Result<UnixListener> {
    crate::util::bind_unix(path).ctx(|| format!("binding {}", path.display()))
}

/// Takes the pty master that a container process (its init, or an exec) sends
/// over the console socket.
pub(crate) fn receive_pty_master(listener: &UnixListener) -> Result<OwnedFd> {
    use nix::sys::socket::{recvmsg, ControlMessageOwned, MsgFlags};
    let (stream, _) = listener.accept().ctx(|| "accepting console socket".into())?;
    let mut buf = [0u8; 4096];
    let mut iov = [std::io::IoSliceMut::new(&mut buf)];
    let mut cmsg = nix::cmsg_space!([RawFd; 1]);
    let msg = recvmsg::<()>(stream.as_raw_fd(), &mut iov, Some(&mut cmsg), MsgFlags::empty())
        .ctx(|| "receiving the pty".into())?;
    for c in msg.cmsgs().ctx(|| "reading control messages".into())? {
        if let ControlMessageOwned::ScmRights(fds) = c {
            if let Some(&fd) = fds.first() {
                return Ok(unsafe { OwnedFd::from_raw_fd(fd) });
            }
        }
    }
    Err(Error::Runtime("the container process did not send its terminal".into()))
}

pub fn set_winsize(fd: RawFd, rows: u16, cols: u16) {
    let ws = libc::winsize { ws_row: rows, ws_col: cols, ws_xpixel: 0, ws_ypixel: 0 };
    unsafe { libc::ioctl(fd, libc::TIOCSWINSZ, &ws) };
}

fn set_nonblocking(fd: RawFd) {
    unsafe {
        let flags = libc::fcntl(fd, libc::F_GETFL);
        libc::fcntl(fd, libc::F_SETFL, flags | libc::O_NONBLOCK);
    }
}

pub fn pidfd_open(pid: i32) -> std::io::Result<OwnedFd> {
    let fd = unsafe { libc::syscall(libc::SYS_pidfd_open, pid, 0) };
    if fd < 0 {
        Err(std::io::Error::last_os_error())
    } else {
        Ok(unsafe { OwnedFd::from_raw_fd(fd as RawFd) })
    }
}

struct Client {
    stream: UnixStream,
    frames: FrameBuffer,
    closed: bool,
}

impl Client {
    fn new(stream: UnixStream) -> Client {
        let _ = stream.set_nonblocking(true);
        Client { stream, frames: FrameBuffer::default(), closed: false }
    }

    /// Writes a whole frame, waiting (bounded) for a slow reader.
    fn send(&mut self, kind: u8, data: &[u8]) {
        if self.closed {
            return;
        }
        let mut frame = Vec::with_capacity(5 + data.len());
        frame.push(kind);
        frame.extend_from_slice(&(data.len() as u32).to_be_bytes());
        frame.extend_from_slice(data);
        let deadline = Instant::now() + CLIENT_WRITE_TIMEOUT;
        let mut off = 0;
        while off < frame.len() {
            match self.stream.write(&frame[off..]) {
                Ok(n) => off += n,
                Err(e) if e.kind() == std::io::ErrorKind::WouldBlock => {
                    let left = deadline.saturating_duration_since(Instant::now());
                    if left.is_zero() {
                        self.closed = true;
                        return;
                    }
                    let mut fds = [PollFd::new(self.stream.as_fd(), PollFlags::POLLOUT)];
                    let _ = poll(
                        &mut fds,
                        PollTimeout::try_from(left.as_millis().min(1000) as i32).unwrap_or(PollTimeout::MAX),
                    );
                }
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
                Err(_) => {
                    self.closed = true;
                    return;
                }
            }
        }
    }
}

impl Started {
    fn flush_log(&mut self) {
        if let Some(log) = &mut self.log {
            log.flush();
        }
    }

    /// Pumps output to the log and clients and input to the container until it has
    /// exited and its output is drained. Returns the wait status.
    fn run_loop(&mut self, store: &Store, cfg: &ContainerConfig) -> WaitStatus {
        let mut status: Option<WaitStatus> = None;
        let mut drain_deadline: Option<Instant> = None;
        let mut buf = vec![0u8; 64 * 1024];
        loop {
            if let Some(st) = status {
                if self.outputs.is_empty() || drain_deadline.is_some_and(|d| Instant::now() >= d) {
                    return st;
                }
            }
            let mut fds: Vec<PollFd> = Vec::new();
            for (fd, _) in &self.outputs {
                fds.push(PollFd::new(fd.as_fd(), PollFlags::POLLIN));
            }
            let n_out = fds.len();
            let watch_exit = status.is_none();
            if watch_exit {
                fds.push(PollFd::new(self.pidfd.as_fd(), PollFlags::POLLIN));
            }
            let watch_owner = watch_exit && self.owner.is_some();
            if let Some(owner) = self.owner.as_ref().filter(|_| watch_owner) {
                fds.push(PollFd::new(owner.as_fd(), PollFlags::POLLIN));
            }
            let probe_fd = self.health.as_ref().and_then(|h| h.fd()).filter(|_| watch_exit);
            let watch_probe = probe_fd.is_some();
            if let Some(fd) = probe_fd {
                fds.push(PollFd::new(fd, PollFlags::POLLIN));
            }
            fds.push(PollFd::new(self.listener.as_fd(), PollFlags::POLLIN));
            for c in &self.clients {
                fds.push(PollFd::new(c.stream.as_fd(), PollFlags::POLLIN));
            }
            let health_wait = self.health.as_ref().and_then(|h| h.wait());
            let timeout = match (status, health_wait) {
                (Some(_), _) => PollTimeout::from(100u8),
                // Rounded up so a probe is not polled for early, in a spin.
                (None, Some(w)) => {
                    PollTimeout::try_from((w.as_millis() + 1).min(60_000) as i32).unwrap_or(PollTimeout::MAX)
                }
                (None, None) => PollTimeout::NONE,
            };
            match poll(&mut fds, timeout) {
                Ok(_) => {}
                Err(nix::errno::Errno::EINTR) => continue,
                Err(_) => std::thread::sleep(Duration::from_millis(10)),
            }
            let revents: Vec<PollFlags> =
                fds.iter().map(|f| f.revents().unwrap_or(PollFlags::empty())).collect();
            drop(fds);

            // Output first, so nothing written before the exit is lost.
            let mut closed = Vec::new();
            for (i, ev) in revents[..n_out].iter().enumerate() {
                if ev.is_empty() {
                    continue;
                }
                let (fd, stream) = (&self.outputs[i].0, self.outputs[i].1);
                match nix::unistd::read(fd.as_raw_fd(), &mut buf) {
                    Ok(0) => closed.push(i),
                    Ok(n) => {
                        if let Some(log) = &mut self.log {
                            log.write(stream, &buf[..n]);
                        }
                        for c in &mut self.clients {
                            c.send(stream, &buf[..n]);
                        }
                    }
                    Err(nix::errno::Errno::EAGAIN) | Err(nix::errno::Errno::EINTR) => {}
                    Err(_) => closed.push(i), // EIO: the pty's other side is gone
                }
            }
            for i in closed.into_iter().rev() {
                self.outputs.remove(i);
            }
            let mut idx = n_out;
            if watch_exit {
                if !revents[idx].is_empty() {
                    status = self.reap();
                    if status.is_some() {
                        drain_deadline = Some(Instant::now() + DRAIN_TIMEOUT);
                    }
                }
                idx += 1;
            }
            if watch_owner {
                if !revents[idx].is_empty() {
                    // The build that owns this step is gone: nothing will read
                    // the step's result.
                    let _ = nix::sys::signal::kill(self.pid, nix::sys::signal::Signal::SIGKILL);
                    self.owner = None;
                }
                idx += 1;
            }
            if watch_probe {
                if !revents[idx].is_empty() {
                    if let Some(h) = self.health.as_mut() {
                        h.readable(store, cfg);
                    }
                }
                idx += 1;
            }
            if status.is_none() {
                if let Some(h) = self.health.as_mut() {
                    h.tick(store, cfg);
                }
            }
            if !revents[idx].is_empty() {
                while let Ok((stream, _)) = self.listener.accept() {
                    self.clients.push(Client::new(stream));
                }
            }
            idx += 1;
            for (ci, ev) in revents[idx..].iter().enumerate() {
                if !ev.is_empty() {
                    self.read_client(store, ci, cfg);
                }
            }
            self.clients.retain(|c| !c.closed);
        }
    }

    fn reap(&mut self) -> Option<WaitStatus> {
        let st = match waitpid(self.pid, Some(WaitPidFlag::WNOHANG)) {
            Ok(WaitStatus::StillAlive) => return None,
            Ok(st) => st,
            Err(_) => WaitStatus::Exited(self.pid, 255),
        };
        // Orphans of the namespace get reparented to us when its init dies.
        while let Ok(s) = waitpid(Pid::from_raw(-1), Some(WaitPidFlag::WNOHANG)) {
            if s == WaitStatus::StillAlive {
                break;
            }
        }
        Some(st)
    }

    fn read_client(&mut self, store: &Store, ci: usize, cfg: &ContainerConfig) {
        let mut buf = [0u8; 32 * 1024];
        let client = &mut self.clients[ci];
        loop {
            match client.stream.read(&mut buf) {
                Ok(0) => {
                    client.closed = true;
                    break;
                }
                Ok(n) => client.frames.push(&buf[..n]),
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
                Err(e) if e.kind() == std::io::ErrorKind::WouldBlock => break,
                Err(_) => {
                    client.closed = true;
                    break;
                }
            }
        }
        let mut frames = Vec::new();
        loop {
            match self.clients[ci].frames.next_frame() {
                Ok(Some(f)) => frames.push(f),
                Ok(None) => break,
                Err(_) => {
                    self.clients[ci].closed = true;
                    break;
                }
            }
        }
        for (kind, data) in frames {
            self.handle_frame(store, kind, &data, cfg);
        }
    }

    fn handle_frame(&mut self, store: &Store, kind: u8, data: &[u8], cfg: &ContainerConfig) {
        match kind {
            attach::STDIN => {
                let target = self.pty.as_ref().or(self.stdin.as_ref());
                if let Some(fd) = target {
                    write_all_fd(fd.as_raw_fd(), data);
                }
            }
            attach::STDIN_CLOSE if cfg.stdin_once && self.pty.is_none() => self.stdin = None,
            attach::RESIZE if data.len() == 4 => {
                if let Some(pty) = &self.pty {
                    let rows = u16::from_be_bytes([data[0], data[1]]);
                    let cols = u16::from_be_bytes([data[2], data[3]]);
                    set_winsize(pty.as_raw_fd(), rows, cols);
                }
            }
            attach::SIGNAL if data.len() == 4 => {
                let sig = i32::from_be_bytes([data[0], data[1], data[2], data[3]]);
                mark_signalled(store, cfg, sig);
                unsafe { libc::kill(self.pid.as_raw(), sig) };
            }
            _ => {}
        }
    }
}

/// A signal rdock delivers (stop, kill, rm -f, a proxied signal) marks the
/// container stopped by hand and may cancel its restart policy, before the
/// process can exit on it.
pub fn mark_signalled(store: &Store, cfg: &ContainerConfig, sig: i32) {
    let cancels = super::restart::signal_cancels(cfg.stop_signal.as_deref(), sig);
    let _ = store.update_container_state(&cfg.id, |s| {
        s.manually_stopped = true;
        s.exit_on_next |= cancels;
        Ok(())
    });
}

fn write_all_fd(fd: RawFd, mut data: &[u8]) {
    while !data.is_empty() {
        match nix::unistd::write(unsafe { std::os::fd::BorrowedFd::borrow_raw(fd) }, data) {
            Ok(n) => data = &data[n..],
            Err(nix::errno::Errno::EINTR) => {}
            Err(nix::errno::Errno::EAGAIN) => std::thread::sleep(Duration::from_millis(5)),
            Err(_) => return,
        }
    }
}

fn exit_code(status: WaitStatus) -> i32 {
    match status {
        WaitStatus::Exited(_, code) => code,
        WaitStatus::Signaled(_, sig, _) => 128 + sig as i32,
        _ => 255,
    }
}

/// Records the final exit, releases the container's resources and tells
/// the clients; an `--rm` container goes.
fn finish(store: &Store, cfg: &ContainerConfig, mut started: Started, exit: &ExitRecord) {
    started.flush_log();
    write_exit_record(store, &cfg.id, exit);
    let change = super::status::Change::Exited(exit);
    // An --rm container's record is about to go; its code lives in the exit file.
    if cfg.host.auto_remove {
        let ran = store.container(&cfg.id).map(|r| super::status::ran_secs(&r.state)).unwrap_or(0);
        super::status::log_event(store, cfg, &change, ran);
    } else if super::status::change(store, cfg, change).is_ok() {
        let _ = std::fs::remove_file(exit_file(store, &cfg.id));
    }
    let mut clients = release(store, cfg, started);
    if cfg.host.auto_remove {
        let _ = store.remove_container_record(&cfg.id);
        super::lifecycle::remove_anonymous_volumes(store, cfg);
    }
    // Last: an attached `run --rm` returns when all is done.
    tell_exit(&mut clients, exit);
}

fn tell_exit(clients: &mut [Client], exit: &ExitRecord) {
    for c in clients {
        c.send(attach::EXIT, &exit.code.to_be_bytes());
    }
}

/// A restart cancelled during its back-off: the container stays exited
/// with its last exit (no second `die`, as in Docker).
fn finish_restarting(store: &Store, cfg: &ContainerConfig, exit: &ExitRecord) {
    if super::status::change(store, cfg, super::status::Change::RestartCancelled(exit)).is_ok() {
        let _ = std::fs::remove_file(exit_file(store, &cfg.id));
    }
}

/// Releases what one run of the container held (its runtime state,
/// network, root filesystem, attach socket); returns its clients, to tell.
fn release(store: &Store, cfg: &ContainerConfig, mut started: Started) -> Vec<Client> {
    started.flush_log();
    crate::storage::events::volume_mounts(store, cfg, "unmount");
    let _ = started.container.delete(true);
    delete_runtime(store, &cfg.id);
    report_net_errors(crate::net::teardown(store, &cfg.id));
    let _ = store.unmount_rootfs(&cfg.id);
    let _ = std::fs::remove_file(attach_socket(store, &cfg.id));
    std::mem::take(&mut started.clients)
}

/// Teardown goes on past errors; they land in the supervisor's log.
fn report_net_errors(errors: Vec<Error>) {
    for e in errors {
        eprintln!("supervisor: network teardown: {e}");
    }
}

/// Removes libcontainer's state for `id`, killing whatever it still tracks.
pub fn delete_runtime(store: &Store, id: &str) {
    let dir = store.runtime_state_dir().join(id);
    if dir.exists() {
        if let Ok(mut c) = Container::load(dir.clone()) {
            let _ = c.delete(true);
        }
        let _ = crate::util::remove_dir_all(&dir);
    }
    cgroups::remove_tree(&cgroups::of(store, id));
}

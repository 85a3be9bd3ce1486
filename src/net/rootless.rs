//! Rootless networking. On the default network, a user-mode network stack per
//! container: `pasta` (Debian's passt) when installed, else `slirp4netns`. It
//! copies the host's addresses and routes into the container, forwards
//! published ports from the host, and maps the gateway address to the host's
//! loopback.
//!
//! User-defined networks live in the session's shared network namespace, held
//! by its pause process (see `runtime::userns`): the bridge driver works there
//! as it does on the host as root, one pasta (or slirp4netns) gives that
//! namespace its way out, and published ports go through [`forward`].

use std::fs::File;
use std::os::fd::AsRawFd;
use std::process::{Command, Stdio};

use super::{bridge, forward, netlink, ports};
use crate::error::{Error, IoContext, Result};
use crate::storage::containers::ContainerConfig;
use crate::storage::networks::{NetLock, NetState, PublishedPort, DEFAULT_NETWORK};
use crate::storage::Store;

fn find_tool(name: &str) -> Option<std::path::PathBuf> {
    std::env::var_os("PATH")
        .map(|p| std::env::split_paths(&p).map(|d| d.join(name)).find(|p| p.is_file()))
        .unwrap_or_default()
}

/// Which helper this host offers; RDOCK_ROOTLESS_NET picks one.
pub fn helper() -> Result<(&'static str, std::path::PathBuf)> {
    let wanted = std::env::var("RDOCK_ROOTLESS_NET").unwrap_or_default();
    for name in ["pasta", "slirp4netns"] {
        if !wanted.is_empty() && wanted != name {
            continue;
        }
        if let Some(p) = find_tool(name) {
            return Ok((name, p));
        }
    }
    Err(Error::Network(
        "rootless networking needs pasta (package passt) or slirp4netns; install one, or use --network none or host".into(),
    ))
}

/// Both helpers need a tap device.
fn check_tun() -> Result<()> {
    match std::fs::OpenOptions::new().read(true).write(true).open("/dev/net/tun") {
        Ok(_) => Ok(()),
        Err(e) => Err(Error::Network(format!(
            "rootless networking needs read-write access to /dev/net/tun ({e}; most distributions make it mode 0666); use --network none or host"
        ))),
    }
}

/// The address the container reaches the host by: the host's default gateway,
/// which both helpers map to the host's loopback.
pub fn host_gateway() -> String {
    let routes = std::fs::read_to_string("/proc/net/route").unwrap_or_default();
    routes
        .lines()
        .skip(1)
        .find_map(|l| {
            let f: Vec<&str> = l.split_whitespace().collect();
            (f.get(1) == Some(&"00000000")).then(|| u32::from_str_radix(f.get(2)?, 16).ok()).flatten()
        })
        .map(|g| std::net::Ipv4Addr::from(u32::from_be(g)).to_string())
        .unwrap_or_else(|| "10.0.2.2".to_string())
}

/// The helpers' key for the shared namespace's own pasta: it names the pause
/// process, so a helper of an earlier session is told apart.
fn shared_key(pause: i32) -> String {
    format!("netns:{pause}")
}

/// The session's shared network namespace: the pause process and an open handle.
pub fn shared_netns(store: &Store) -> Result<(i32, File)> {
    let pause = crate::runtime::userns::pause_pid(&store.runroot).ok_or_else(|| {
        Error::Network(
            "the rootless session's network namespace is gone (its rdock-pause process is not running)"
                .into(),
        )
    })?;
    let file = File::open(format!("/proc/{pause}/ns/net"))
        .ctx(|| "opening the rootless network namespace".into())?;
    Ok((pause, file))
}

/// Runs `f` inside the shared namespace, where user-defined networks' bridges are.
pub fn in_shared<T: Send>(store: &Store, f: impl FnOnce() -> Result<T> + Send) -> Result<T> {
    let (_, ns) = shared_netns(store)?;
    netlink::in_netns(&ns, f)
}

pub fn setup(
    store: &Store,
    lock: &NetLock,
    state: &mut NetState,
    cfg: &ContainerConfig,
    ns: &File,
) -> Result<()> {
    let nets = &cfg.host.networks;
    if nets.iter().all(|n| n.network == DEFAULT_NETWORK) {
        return setup_own_stack(store, state, cfg, ns);
    }
    if nets.iter().any(|n| n.network == DEFAULT_NETWORK) {
        return Err(Error::Network(
            "rootless, a container cannot be on the default bridge network (a network stack of its own) and on a user-defined network at once".into(),
        ));
    }
    let (pause, shared) = shared_netns(store)?;
    let outside = nets.iter().any(|n| store.find_network(&n.network).is_ok_and(|r| !r.internal));
    if outside {
        ensure_shared_helper(store, state, pause, &shared)?;
    }
    netlink::in_netns(&shared, || bridge::attach_all(store, lock, state, cfg, ns))?;
    // Ports are taken on the host, so this runs outside the shared namespace.
    let published = bridge::allocate_ports(state, cfg)?;
    if !published.is_empty() {
        let pid_file = store.container_run_dir(&cfg.id).join("ports.pid");
        let pid = forward::start(&published, &shared, &pid_file)?;
        state.helpers.insert(cfg.id.clone(), pid);
        state.ports.extend(published);
    }
    Ok(())
}

/// The shared namespace's way out: one pasta (or slirp4netns) per session,
/// started with the first container that needs it.
fn ensure_shared_helper(store: &Store, state: &mut NetState, pause: i32, shared: &File) -> Result<()> {
    let key = shared_key(pause);
    if state.helpers.get(&key).is_some_and(|pid| is_helper(*pid)) {
        return Ok(());
    }
    // One of an earlier session serves nobody now.
    stop_shared_helpers(state);
    netlink::loopback_up(shared)?;
    let pid_file = store.runroot.join("netns-helper.pid");
    let pid = start_stack(&pid_file, &[], shared)?;
    state.helpers.insert(key, pid);
    Ok(())
}

/// Stops the shared namespace's helpers (`system reset`, with no containers left).
pub fn stop_shared_helpers(state: &mut NetState) {
    let keys: Vec<String> = state.helpers.keys().filter(|k| k.starts_with("netns:")).cloned().collect();
    for k in keys {
        teardown(state, &k);
    }
}

/// A container on the default network: a network stack of its own.
fn setup_own_stack(store: &Store, state: &mut NetState, cfg: &ContainerConfig, ns: &File) -> Result<()> {
    netlink::loopback_up(ns)?;
    // slirp4netns forwards no ports itself: rdock-ports connects to its address.
    let slirp = helper()?.0 == "slirp4netns";
    let ip = if slirp { SLIRP_ADDRESS } else { "" };
    let published = ports::allocate(&cfg.id, ip, &cfg.host.port_bindings, &state.ports)?;
    let run_dir = store.container_run_dir(&cfg.id);
    let pid = start_stack(&run_dir.join("netstack.pid"), if slirp { &[] } else { &published }, ns)?;
    state.helpers.insert(cfg.id.clone(), pid);
    if slirp && !published.is_empty() {
        let pid = forward::start(&published, ns, &run_dir.join("ports.pid"))?;
        state.helpers.insert(ports_key(&cfg.id), pid);
    }
    state.ports.extend(published);
    Ok(())
}

/// The container's address under `slirp4netns --configure`.
const SLIRP_ADDRESS: &str = "10.0.2.100";

/// The helpers' key for a container's forwarder next to its own stack.
fn ports_key(id: &str) -> String {
    format!("{id}:ports")
}

/// Starts pasta (or slirp4netns) for the namespace `ns`, forwarding `published`.
fn start_stack(pid_file: &std::path::Path, published: &[PublishedPort], ns: &File) -> Result<i32> {
    let (name, path) = helper()?;
    check_tun()?;
    if name != "pasta" {
        return slirp4netns(&path, ns);
    }
    let mut cmd = Command::new(&path);
    cmd.args([
        "--config-net",
        "--quiet",
        "--runas",
        "0:0",
        "--netns-only",
        "--netns",
        "/proc/self/fd/3",
        "-P",
    ]);
    cmd.arg(pid_file);
    let mut tcp = Vec::new();
    let mut udp = Vec::new();
    for p in published {
        let addr = if p.host_ip == "0.0.0.0" { String::new() } else { format!("{}/", p.host_ip) };
        let spec = format!("{addr}{}:{}", p.host_port, p.container_port);
        if p.proto == "udp" {
            udp.push(spec)
        } else {
            tcp.push(spec)
        }
    }
    for (flag, specs) in [("-t", tcp), ("-u", udp)] {
        if specs.is_empty() {
            cmd.args([flag, "none"]);
        }
        for s in specs {
            cmd.args([flag, &s]);
        }
    }
    cmd.args(["-T", "none", "-U", "none"]);
    run_helper(cmd, ns, name, pid_file)
}

/// Runs a helper (pasta, rdock-ports) with the namespace `ns` as its fd 3. It
/// forks to the background once ready and writes its pid to `pid_file`; that
/// pid is returned.
pub(super) fn run_helper(mut cmd: Command, ns: &File, name: &str, pid_file: &std::path::Path) -> Result<i32> {
    let _ = std::fs::remove_file(pid_file);
    let fd = ns.as_raw_fd();
    unsafe {
        use std::os::unix::process::CommandExt;
        cmd.pre_exec(move || crate::util::pass_fds(&[(fd, 3)]));
    }
    let out = cmd
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .output()
        .map_err(|e| Error::io(format!("running {name}"), e))?;
    if !out.status.success() {
        let msg = String::from_utf8_lossy(&out.stderr);
        let msg: Vec<&str> = msg.lines().filter(|l| !l.contains("syslog")).collect();
        return Err(Error::Network(format!("{name} failed: {}", msg.join("; "))));
    }
    std::fs::read_to_string(pid_file)
        .ctx(|| format!("reading {name}'s pid file"))?
        .trim()
        .parse()
        .map_err(|_| Error::Network(format!("{name} wrote a bad pid file")))
}

/// slirp4netns stays in the foreground: it is started detached and waited for
/// through its ready pipe.
fn slirp4netns(path: &std::path::Path, ns: &File) -> Result<i32> {
    let (ready_r, ready_w) = nix::unistd::pipe().map_err(|e| Error::io("creating a pipe", e.into()))?;
    let mut cmd = Command::new(path);
    cmd.args(["--configure", "--mtu=65520", "--netns-type=path", "--ready-fd=4", "/proc/self/fd/3", "tap0"]);
    let (fd, wfd) = (ns.as_raw_fd(), ready_w.as_raw_fd());
    unsafe {
        use std::os::unix::process::CommandExt;
        cmd.pre_exec(move || {
            crate::util::pass_fds(&[(fd, 3), (wfd, 4)])?;
            libc::setsid();
            Ok(())
        });
    }
    let child = cmd
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .map_err(|e| Error::io("running slirp4netns", e))?;
    drop(ready_w);
    let mut buf = [0u8; 1];
    let n = nix::unistd::read(ready_r.as_raw_fd(), &mut buf).unwrap_or(0);
    if n != 1 {
        return Err(Error::Network("slirp4netns exited before configuring the network".into()));
    }
    Ok(child.id() as i32)
}

/// Whether `pid` is still one of our helpers (and not a reused pid).
fn is_helper(pid: i32) -> bool {
    crate::util::running_as(
        pid,
        &["pasta", "passt", "slirp4netns", "pasta.avx2", "passt.avx2", forward::NAME],
    )
}

/// Stops the helpers kept under `key` (a container id): they would outlive the
/// namespace otherwise. Veths in the shared namespace are the caller's.
pub fn teardown(state: &mut NetState, key: &str) -> Vec<Error> {
    for k in [key.to_string(), ports_key(key)] {
        if let Some(pid) = state.helpers.remove(&k) {
            if is_helper(pid) {
                let _ = nix::sys::signal::kill(
                    nix::unistd::Pid::from_raw(pid),
                    nix::sys::signal::Signal::SIGTERM,
                );
            }
        }
    }
    Vec::new()
}

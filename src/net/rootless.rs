//! Rootless networking: a user-mode network stack per container, `pasta`
//! (Debian's passt) when installed, else `slirp4netns`. It copies the host's
//! addresses and routes into the container, forwards published ports from the
//! host, and maps the gateway address to the host's loopback.

use std::fs::File;
use std::os::fd::AsRawFd;
use std::process::{Command, Stdio};

use super::{netlink, ports};
use crate::error::{Error, IoContext, Result};
use crate::storage::containers::ContainerConfig;
use crate::storage::networks::NetState;
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

pub fn setup(store: &Store, state: &mut NetState, cfg: &ContainerConfig, ns: &File) -> Result<()> {
    if let Some(n) = cfg.host.networks.iter().find(|n| n.network != crate::storage::networks::DEFAULT_NETWORK)
    {
        return Err(Error::Network(format!(
            "rootless rdock cannot attach containers to the user-defined network {} yet (no shared rootless network namespace); use the default network with published ports",
            n.network
        )));
    }
    netlink::loopback_up(ns)?;
    let (name, path) = helper()?;
    check_tun()?;
    let published = ports::allocate(&cfg.id, "", &cfg.host.port_bindings, &state.ports)?;
    let pid_file = store.container_run_dir(&cfg.id).join(format!("{name}.pid"));
    let _ = std::fs::remove_file(&pid_file);
    let mut cmd = Command::new(&path);
    if name == "pasta" {
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
        cmd.arg(&pid_file);
        let mut tcp = Vec::new();
        let mut udp = Vec::new();
        for p in &published {
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
    } else {
        if !published.is_empty() {
            return Err(Error::Network(
                "publishing ports rootless needs pasta (package passt); slirp4netns is used without it"
                    .into(),
            ));
        }
        return slirp4netns(&path, state, cfg, ns);
    }
    run_helper(cmd, ns, name)?;
    let pid: i32 = std::fs::read_to_string(&pid_file)
        .ctx(|| format!("reading {name}'s pid file"))?
        .trim()
        .parse()
        .map_err(|_| Error::Network(format!("{name} wrote a bad pid file")))?;
    state.helpers.insert(cfg.id.clone(), pid);
    state.ports.extend(published);
    Ok(())
}

/// Runs the helper with the namespace as its fd 3; it forks to the background
/// once the interface is configured.
fn run_helper(mut cmd: Command, ns: &File, name: &str) -> Result<()> {
    let fd = ns.as_raw_fd();
    unsafe {
        use std::os::unix::process::CommandExt;
        cmd.pre_exec(move || {
            if libc::dup2(fd, 3) < 0 {
                return Err(std::io::Error::last_os_error());
            }
            Ok(())
        });
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
    Ok(())
}

/// slirp4netns stays in the foreground: it is started detached and waited for
/// through its ready pipe.
fn slirp4netns(path: &std::path::Path, state: &mut NetState, cfg: &ContainerConfig, ns: &File) -> Result<()> {
    let (ready_r, ready_w) = nix::unistd::pipe().map_err(|e| Error::io("creating a pipe", e.into()))?;
    let mut cmd = Command::new(path);
    cmd.args(["--configure", "--mtu=65520", "--netns-type=path", "--ready-fd=4", "/proc/self/fd/3", "tap0"]);
    let (fd, wfd) = (ns.as_raw_fd(), ready_w.as_raw_fd());
    unsafe {
        use std::os::unix::process::CommandExt;
        cmd.pre_exec(move || {
            if libc::dup2(fd, 3) < 0 || libc::dup2(wfd, 4) < 0 {
                return Err(std::io::Error::last_os_error());
            }
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
    state.helpers.insert(cfg.id.clone(), child.id() as i32);
    Ok(())
}

/// Stops the container's helper (it would outlive the namespace otherwise).
pub fn teardown(state: &mut NetState, id: &str) -> Vec<Error> {
    let Some(pid) = state.helpers.remove(id) else {
        return Vec::new();
    };
    let comm = std::fs::read_to_string(format!("/proc/{pid}/comm")).unwrap_or_default();
    if matches!(comm.trim(), "pasta" | "passt" | "slirp4netns" | "pasta.avx2" | "passt.avx2") {
        let _ = nix::sys::signal::kill(nix::unistd::Pid::from_raw(pid), nix::sys::signal::Signal::SIGTERM);
    }
    Vec::new()
}

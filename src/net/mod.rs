//! Container networking. Until bridge networks land, a container gets either its
//! own network namespace with only loopback (the default, and `none`) or the host's
//! (`host`). This module also writes the per-container /etc/hosts, /etc/hostname
//! and /etc/resolv.conf.

use std::path::Path;

use crate::error::{Error, Result};
use crate::storage::containers::ContainerConfig;

/// The network modes this build supports.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NetworkMode {
    /// A private namespace with loopback only.
    Private,
    None,
    Host,
}

impl NetworkMode {
    pub fn parse(s: &str) -> Result<NetworkMode> {
        match s {
            "" | "default" | "bridge" | "private" => Ok(NetworkMode::Private),
            "none" => Ok(NetworkMode::None),
            "host" => Ok(NetworkMode::Host),
            other if other.starts_with("container:") => {
                Err(Error::InvalidArgument(format!("network mode {other:?} is not supported yet")))
            }
            other => Err(Error::InvalidArgument(format!(
                "network {other} not found (only the default, none and host networks exist in this version)"
            ))),
        }
    }

    /// How `inspect` names it.
    pub fn as_str(&self) -> &'static str {
        match self {
            NetworkMode::Private => "bridge",
            NetworkMode::None => "none",
            NetworkMode::Host => "host",
        }
    }
}

const HOSTS_BASE: &str = "127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\nfe00::0\tip6-localnet\nff00::0\tip6-mcastprefix\nff02::1\tip6-allnodes\nff02::2\tip6-allrouters\n";

/// Writes hosts, hostname and resolv.conf into `dir` for bind-mounting.
pub fn write_etc_files(dir: &Path, cfg: &ContainerConfig) -> Result<()> {
    let mode = NetworkMode::parse(&cfg.host.network_mode)?;
    let hosts = if mode == NetworkMode::Host {
        std::fs::read_to_string("/etc/hosts").unwrap_or_else(|_| HOSTS_BASE.to_string())
    } else {
        HOSTS_BASE.to_string()
    };
    let hostname = if mode == NetworkMode::Host { host_hostname() } else { cfg.hostname.clone() };
    let resolv = resolv_conf(mode, &std::fs::read_to_string("/etc/resolv.conf").unwrap_or_default());
    for (name, content) in [("hosts", hosts), ("hostname", format!("{hostname}\n")), ("resolv.conf", resolv)]
    {
        // Only the supervisor writes these, before the container starts, and
        // rewrites them at every start: no need to sync them.
        let path = dir.join(name);
        std::fs::write(&path, content).map_err(|e| Error::io(format!("writing {}", path.display()), e))?;
    }
    Ok(())
}

pub fn host_hostname() -> String {
    nix::unistd::gethostname()
        .map(|h| h.to_string_lossy().into_owned())
        .unwrap_or_else(|_| "localhost".into())
}

/// The host's resolv.conf; in a private namespace loopback resolvers cannot be
/// reached, so they are dropped (falling back to public ones, as Docker does).
pub fn resolv_conf(mode: NetworkMode, host: &str) -> String {
    if mode == NetworkMode::Host {
        return host.to_string();
    }
    let mut out = String::new();
    let mut servers = 0;
    for line in host.lines() {
        let mut fields = line.split_whitespace();
        if fields.next() == Some("nameserver") {
            let addr = fields.next().unwrap_or("");
            let ip = addr.split('%').next().unwrap_or(addr);
            if ip.parse::<std::net::IpAddr>().map(|a| a.is_loopback()).unwrap_or(false) {
                continue;
            }
            servers += 1;
        }
        out.push_str(line);
        out.push('\n');
    }
    if servers == 0 {
        out.push_str("nameserver 8.8.8.8\nnameserver 8.8.4.4\n");
    }
    out
}

/// Brings up `lo` in the network namespace of process `pid` (a new namespace
/// starts with it down). A forked child enters the namespace, since a rootless
/// process could not come back to the host's; the caller must be
/// single-threaded.
pub fn bring_up_loopback(pid: i32) -> Result<()> {
    use nix::sched::{setns, CloneFlags};
    let ctx = |what: &str, e: std::io::Error| Error::io(format!("{what} for container {pid}"), e);
    let theirs = std::fs::File::open(format!("/proc/{pid}/ns/net"))
        .map_err(|e| ctx("opening the network namespace", e))?;
    match unsafe { nix::unistd::fork() }.map_err(|e| ctx("forking", e.into()))? {
        nix::unistd::ForkResult::Child => {
            let ok = setns(&theirs, CloneFlags::CLONE_NEWNET).is_ok() && set_interface_up("lo").is_ok();
            unsafe { libc::_exit(if ok { 0 } else { 1 }) }
        }
        nix::unistd::ForkResult::Parent { child } => match nix::sys::wait::waitpid(child, None) {
            Ok(nix::sys::wait::WaitStatus::Exited(_, 0)) => Ok(()),
            _ => Err(ctx("bringing up loopback", std::io::Error::other("failed"))),
        },
    }
}

fn set_interface_up(name: &str) -> std::io::Result<()> {
    use std::os::fd::{AsRawFd, FromRawFd, OwnedFd};
    let fd = unsafe { libc::socket(libc::AF_INET, libc::SOCK_DGRAM | libc::SOCK_CLOEXEC, 0) };
    if fd < 0 {
        return Err(std::io::Error::last_os_error());
    }
    let sock = unsafe { OwnedFd::from_raw_fd(fd) };
    let mut req: libc::ifreq = unsafe { std::mem::zeroed() };
    for (dst, src) in req.ifr_name.iter_mut().zip(name.bytes()) {
        *dst = src as libc::c_char;
    }
    if unsafe { libc::ioctl(sock.as_raw_fd(), libc::SIOCGIFFLAGS, &mut req) } < 0 {
        return Err(std::io::Error::last_os_error());
    }
    unsafe {
        req.ifr_ifru.ifru_flags |= (libc::IFF_UP | libc::IFF_RUNNING) as libc::c_short;
    }
    if unsafe { libc::ioctl(sock.as_raw_fd(), libc::SIOCSIFFLAGS, &req) } < 0 {
        return Err(std::io::Error::last_os_error());
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn resolv_drops_loopback() {
        let host = "search lan\nnameserver 127.0.0.53\nnameserver 10.0.0.1\noptions edns0\n";
        assert_eq!(
            resolv_conf(NetworkMode::Private, host),
            "search lan\nnameserver 10.0.0.1\noptions edns0\n"
        );
        assert!(resolv_conf(NetworkMode::Private, "nameserver 127.0.0.1\n").contains("8.8.8.8"));
        assert_eq!(resolv_conf(NetworkMode::Host, host), host);
    }

    #[test]
    fn modes() {
        assert_eq!(NetworkMode::parse("none").unwrap(), NetworkMode::None);
        assert_eq!(NetworkMode::parse("bridge").unwrap(), NetworkMode::Private);
        assert!(NetworkMode::parse("mynet").is_err());
    }
}

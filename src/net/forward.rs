//! Published ports of rootless containers on user-defined networks. Their
//! addresses live in the session's shared network namespace, which the host
//! cannot route to, so a small forwarder (rdock re-executed as `rdock-ports`)
//! listens on the host and connects from inside that namespace: a socket
//! stays in the namespace it was made in, so it binds first and enters after.

use std::collections::HashMap;
use std::fs::File;
use std::io::{Read, Write};
use std::net::{Shutdown, SocketAddr, TcpListener, TcpStream, UdpSocket};
use std::os::fd::FromRawFd;
use std::os::unix::process::CommandExt;
use std::path::Path;
use std::process::Command;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use crate::error::{IoContext, Result};
use crate::storage::networks::PublishedPort;

/// The forwarder's argv[0] and comm.
pub const NAME: &str = "rdock-ports";

/// A UDP "connection" is dropped after this long without replies.
const UDP_IDLE: Duration = Duration::from_secs(90);

/// `proto:host_ip:host_port:container_ip:container_port`.
fn spec(p: &PublishedPort) -> String {
    let host = if p.host_ip.is_empty() { "0.0.0.0" } else { p.host_ip.as_str() };
    format!("{}:{host}:{}:{}:{}", p.proto, p.host_port, p.container_ip, p.container_port)
}

/// Starts a forwarder for `ports` into the network namespace `ns` (its fd 3,
/// as pasta's); returns its pid once every port is bound (or why one could not be).
pub fn start(ports: &[PublishedPort], ns: &File, pid_file: &Path) -> Result<i32> {
    let exe = std::env::current_exe().ctx(|| "finding the rdock binary".into())?;
    let mut cmd = Command::new(exe);
    cmd.arg0(NAME).arg(pid_file).args(ports.iter().map(spec));
    super::rootless::run_helper(cmd, ns, NAME, pid_file)
}

/// Where the forwarder finds the namespace to connect from (`rootless::run_helper` puts it there).
const NS_FD: i32 = 3;

enum Listener {
    Tcp(TcpListener, SocketAddr),
    Udp(UdpSocket, SocketAddr),
}

fn parse(spec: &str) -> Option<(String, SocketAddr, SocketAddr)> {
    let f: Vec<&str> = spec.split(':').collect();
    let [proto, hip, hport, cip, cport] = f.as_slice() else {
        return None;
    };
    let host = format!("{hip}:{hport}").parse().ok()?;
    let ctr = format!("{cip}:{cport}").parse().ok()?;
    Some((proto.to_string(), host, ctr))
}

fn bind(spec: &str) -> std::result::Result<Listener, String> {
    let (proto, host, ctr) = parse(spec).ok_or_else(|| format!("bad port spec {spec:?}"))?;
    let err = |e: std::io::Error| format!("cannot listen on {host}/{proto}: {e}");
    match proto.as_str() {
        "udp" => Ok(Listener::Udp(UdpSocket::bind(host).map_err(err)?, ctr)),
        _ => Ok(Listener::Tcp(TcpListener::bind(host).map_err(err)?, ctr)),
    }
}

/// The forwarder process: `rdock-ports PIDFILE SPEC...` with the namespace
/// as fd 3. Binds every port, forks (the parent reports success and exits),
/// enters the namespace and serves until killed.
pub fn main(args: &[String]) -> i32 {
    let [pid_file, specs @ ..] = args else {
        eprintln!("usage: {NAME} PIDFILE PROTO:HOSTIP:HOSTPORT:IP:PORT... (namespace as fd 3)");
        return 2;
    };
    // Nothing else inherited is ours to keep (a held pipe would stall whoever waits on it).
    unsafe { libc::syscall(libc::SYS_close_range, (NS_FD + 1) as u32, u32::MAX, 0u32) };
    let ns = unsafe { File::from_raw_fd(NS_FD) };
    let listeners: std::result::Result<Vec<Listener>, String> = specs.iter().map(|s| bind(s)).collect();
    let listeners = match listeners {
        Ok(l) => l,
        Err(e) => {
            eprintln!("{e}");
            return 1;
        }
    };
    match unsafe { nix::unistd::fork() } {
        Ok(nix::unistd::ForkResult::Parent { child }) => {
            match crate::storage::atomic::write(Path::new(pid_file), child.to_string().as_bytes()) {
                Ok(()) => 0,
                Err(e) => {
                    eprintln!("{e}");
                    let _ = nix::sys::signal::kill(child, nix::sys::signal::Signal::SIGKILL);
                    1
                }
            }
        }
        Ok(nix::unistd::ForkResult::Child) => serve(listeners, &ns),
        Err(e) => {
            eprintln!("forking the port forwarder: {e}");
            1
        }
    }
}

fn serve(listeners: Vec<Listener>, ns: &File) -> ! {
    crate::util::background_as(NAME);
    // New sockets (to the containers) are made in the shared namespace.
    if nix::sched::setns(ns, nix::sched::CloneFlags::CLONE_NEWNET).is_err() {
        std::process::exit(1);
    }
    let threads: Vec<_> = listeners
        .into_iter()
        .map(|l| match l {
            Listener::Tcp(l, to) => std::thread::spawn(move || serve_tcp(l, to)),
            Listener::Udp(s, to) => std::thread::spawn(move || serve_udp(s, to)),
        })
        .collect();
    for t in threads {
        let _ = t.join();
    }
    std::process::exit(0)
}

fn serve_tcp(listener: TcpListener, to: SocketAddr) {
    for conn in listener.incoming().flatten() {
        std::thread::spawn(move || {
            if let Ok(upstream) = TcpStream::connect(to) {
                splice_both(conn, upstream);
            }
        });
    }
}

/// Copies both ways until each side has said all it will.
fn splice_both(a: TcpStream, b: TcpStream) {
    let (Ok(a2), Ok(b2)) = (a.try_clone(), b.try_clone()) else {
        return;
    };
    let t = std::thread::spawn(move || pump(a, b));
    pump(b2, a2);
    let _ = t.join();
}

fn pump(mut from: TcpStream, mut to: TcpStream) {
    let mut buf = vec![0u8; 64 * 1024];
    loop {
        match from.read(&mut buf) {
            Ok(0) | Err(_) => break,
            Ok(n) => {
                if to.write_all(&buf[..n]).is_err() {
                    break;
                }
            }
        }
    }
    let _ = to.shutdown(Shutdown::Write);
}

/// Each client address gets its own socket to the container, whose replies
/// go back from the published port.
fn serve_udp(socket: UdpSocket, to: SocketAddr) {
    let socket = Arc::new(socket);
    let clients: Arc<Mutex<HashMap<SocketAddr, Arc<UdpSocket>>>> = Arc::default();
    let mut buf = vec![0u8; 65536];
    while let Ok((n, client)) = socket.recv_from(&mut buf) {
        let existing = clients.lock().map(|m| m.get(&client).cloned()).unwrap_or(None);
        let upstream = match existing {
            Some(u) => u,
            None => match udp_upstream(to, client, &socket, &clients) {
                Some(u) => u,
                None => continue,
            },
        };
        let _ = upstream.send(&buf[..n]);
    }
}

fn udp_upstream(
    to: SocketAddr,
    client: SocketAddr,
    socket: &Arc<UdpSocket>,
    clients: &Arc<Mutex<HashMap<SocketAddr, Arc<UdpSocket>>>>,
) -> Option<Arc<UdpSocket>> {
    let up = UdpSocket::bind("0.0.0.0:0").ok()?;
    up.connect(to).ok()?;
    up.set_read_timeout(Some(UDP_IDLE)).ok()?;
    let up = Arc::new(up);
    clients.lock().ok()?.insert(client, up.clone());
    let (reply, back, clients) = (up.clone(), socket.clone(), clients.clone());
    std::thread::spawn(move || {
        let mut buf = vec![0u8; 65536];
        while let Ok(n) = reply.recv(&mut buf) {
            let _ = back.send_to(&buf[..n], client);
        }
        if let Ok(mut m) = clients.lock() {
            m.remove(&client);
        }
    });
    Some(up)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn specs_round_trip() {
        let p = PublishedPort {
            container_id: "c".into(),
            host_ip: String::new(),
            host_port: 8080,
            container_port: 80,
            proto: "tcp".into(),
            container_ip: "10.89.0.2".into(),
        };
        let (proto, host, ctr) = parse(&spec(&p)).unwrap();
        assert_eq!(proto, "tcp");
        assert_eq!(host, "0.0.0.0:8080".parse().unwrap());
        assert_eq!(ctr, "10.89.0.2:80".parse().unwrap());
        assert!(parse("tcp:1.2.3.4:80").is_none());
    }
}

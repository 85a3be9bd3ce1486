//! The client side of attaching: pumps this process's stdin/stdout/stderr to and
//! from a container (framed through its supervisor, or a raw pty for exec), with
//! raw terminal mode, window-size updates, signal proxying and detach keys.

use std::io::{Read, Write};
use std::os::fd::{AsRawFd, OwnedFd, RawFd};
use std::os::unix::net::UnixStream;
use std::sync::atomic::{AtomicBool, AtomicI32, Ordering};
use std::sync::{Arc, Mutex};

use nix::sys::termios::{self, SetArg, Termios};

use super::attach;
use crate::error::{Error, IoContext, Result};

#[derive(Debug, Clone)]
pub struct AttachOptions {
    pub stdin: bool,
    pub stdout: bool,
    pub stderr: bool,
    pub tty: bool,
    /// Forward the signals this process receives to the container (non-tty only).
    pub sig_proxy: bool,
    /// The key sequence that detaches (Docker's default: ctrl-p ctrl-q).
    pub detach_keys: Vec<u8>,
    /// Tell the container our terminal size when we start.
    pub send_size: bool,
}

impl Default for AttachOptions {
    fn default() -> Self {
        AttachOptions {
            stdin: false,
            stdout: true,
            stderr: true,
            tty: false,
            sig_proxy: true,
            detach_keys: vec![0x10, 0x11],
            send_size: false,
        }
    }
}

impl AttachOptions {
    /// Options for attaching stdout and stderr (and stdin if asked); `detach_keys`
    /// in Docker's `--detach-keys` syntax overrides ctrl-p,ctrl-q.
    pub fn new(stdin: bool, tty: bool, sig_proxy: bool, detach_keys: Option<&str>) -> Result<AttachOptions> {
        let defaults = AttachOptions::default();
        Ok(AttachOptions {
            stdin,
            tty,
            sig_proxy,
            detach_keys: match detach_keys {
                Some(k) => parse_detach_keys(k)?,
                None => defaults.detach_keys.clone(),
            },
            ..defaults
        })
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AttachEnd {
    Exited(i32),
    Detached,
}

/// Parses Docker's `--detach-keys` (`ctrl-p,ctrl-q`, `a,b`).
pub fn parse_detach_keys(s: &str) -> Result<Vec<u8>> {
    let mut out = Vec::new();
    for part in s.split(',') {
        let p = part.trim();
        let b = if let Some(c) = p.strip_prefix("ctrl-") {
            match c.as_bytes() {
                [ch] if ch.is_ascii_alphabetic() => ch.to_ascii_lowercase() - b'a' + 1,
                b"@" => 0,
                b"[" => 27,
                b"\\" => 28,
                b"]" => 29,
                b"^" => 30,
                b"_" => 31,
                _ => return Err(Error::InvalidArgument(format!("Unknown character: '{p}'"))),
            }
        } else if p.len() == 1 {
            p.as_bytes()[0]
        } else {
            return Err(Error::InvalidArgument(format!("Unknown character: '{p}'")));
        };
        out.push(b);
    }
    Ok(out)
}

pub fn is_terminal(fd: RawFd) -> bool {
    unsafe { libc::isatty(fd) == 1 }
}

pub fn terminal_size() -> Option<(u16, u16)> {
    for fd in [1, 0, 2] {
        let mut ws: libc::winsize = unsafe { std::mem::zeroed() };
        if unsafe { libc::ioctl(fd, libc::TIOCGWINSZ, &mut ws) } == 0 && ws.ws_row > 0 {
            return Some((ws.ws_row, ws.ws_col));
        }
    }
    None
}

/// Puts the terminal on stdin in raw mode until dropped.
pub struct RawMode {
    saved: Option<Termios>,
}

impl RawMode {
    pub fn enable(active: bool) -> RawMode {
        if !active || !is_terminal(0) {
            return RawMode { saved: None };
        }
        let stdin = std::io::stdin();
        let Ok(saved) = termios::tcgetattr(&stdin) else {
            return RawMode { saved: None };
        };
        let mut raw = saved.clone();
        termios::cfmakeraw(&mut raw);
        let _ = termios::tcsetattr(&stdin, SetArg::TCSANOW, &raw);
        RawMode { saved: Some(saved) }
    }
}

impl Drop for RawMode {
    fn drop(&mut self) {
        if let Some(saved) = &self.saved {
            let _ = termios::tcsetattr(std::io::stdin(), SetArg::TCSANOW, saved);
        }
    }
}

static SIGNAL_PIPE: AtomicI32 = AtomicI32::new(-1);

extern "C" fn on_signal(sig: libc::c_int) {
    let fd = SIGNAL_PIPE.load(Ordering::Relaxed);
    if fd >= 0 {
        let b = sig as u8;
        unsafe { libc::write(fd, (&b as *const u8).cast(), 1) };
    }
}

/// Routes the given signals to a pipe; returns its read end.
pub fn catch_signals(signals: &[libc::c_int]) -> Result<OwnedFd> {
    let (r, w) = nix::unistd::pipe2(nix::fcntl::OFlag::O_CLOEXEC).ctx(|| "creating signal pipe".into())?;
    SIGNAL_PIPE.store(w.as_raw_fd(), Ordering::Relaxed);
    std::mem::forget(w);
    for &sig in signals {
        unsafe {
            let mut sa: libc::sigaction = std::mem::zeroed();
            sa.sa_sigaction = on_signal as *const () as usize;
            sa.sa_flags = libc::SA_RESTART;
            libc::sigaction(sig, &sa, std::ptr::null_mut());
        }
    }
    Ok(r)
}

const PROXIED: &[libc::c_int] = &[
    libc::SIGINT,
    libc::SIGTERM,
    libc::SIGHUP,
    libc::SIGQUIT,
    libc::SIGUSR1,
    libc::SIGUSR2,
    libc::SIGALRM,
    libc::SIGCONT,
    libc::SIGTSTP,
];

/// Streams a supervisor attach connection to our stdio until the container exits
/// or the user detaches.
pub fn attach_stream(stream: UnixStream, opts: &AttachOptions) -> Result<AttachEnd> {
    let writer = Arc::new(Mutex::new(stream.try_clone().ctx(|| "cloning attach socket".into())?));
    let detached = Arc::new(AtomicBool::new(false));
    let _raw = RawMode::enable(opts.tty && opts.stdin);

    let mut signals = vec![libc::SIGWINCH];
    if opts.sig_proxy && !opts.tty {
        signals.extend_from_slice(PROXIED);
    }
    let sig_pipe = catch_signals(&signals)?;
    {
        let writer = writer.clone();
        let tty = opts.tty;
        std::thread::spawn(move || {
            let mut f = std::fs::File::from(sig_pipe);
            let mut b = [0u8; 1];
            while f.read_exact(&mut b).is_ok() {
                let sig = b[0] as libc::c_int;
                let mut w = writer.lock().unwrap_or_else(|e| e.into_inner());
                if sig == libc::SIGWINCH {
                    if let (true, Some((r, c))) = (tty, terminal_size()) {
                        let _ = attach::write_frame(&mut *w, attach::RESIZE, &attach::resize_payload(r, c));
                    }
                } else {
                    let _ = attach::write_frame(&mut *w, attach::SIGNAL, &sig.to_be_bytes());
                }
            }
        });
    }
    if opts.tty && opts.send_size {
        if let Some((r, c)) = terminal_size() {
            let mut w = writer.lock().unwrap_or_else(|e| e.into_inner());
            let _ = attach::write_frame(&mut *w, attach::RESIZE, &attach::resize_payload(r, c));
        }
    }
    if opts.stdin {
        let writer = writer.clone();
        let detached = detached.clone();
        let keys = if opts.tty { opts.detach_keys.clone() } else { Vec::new() };
        let shutdown = stream.try_clone().ctx(|| "cloning attach socket".into())?;
        std::thread::spawn(move || {
            let mut stdin = std::io::stdin().lock();
            let mut buf = [0u8; 8192];
            let mut matched = 0usize;
            loop {
                let n = match stdin.read(&mut buf) {
                    Ok(0) | Err(_) => break,
                    Ok(n) => n,
                };
                let mut data = buf[..n].to_vec();
                if !keys.is_empty() {
                    for (i, &b) in buf[..n].iter().enumerate() {
                        if b == keys[matched] {
                            matched += 1;
                            if matched == keys.len() {
                                detached.store(true, Ordering::SeqCst);
                                data.truncate((i + 1).saturating_sub(keys.len()));
                                let mut w = writer.lock().unwrap_or_else(|e| e.into_inner());
                                if !data.is_empty() {
                                    let _ = attach::write_frame(&mut *w, attach::STDIN, &data);
                                }
                                let _ = shutdown.shutdown(std::net::Shutdown::Both);
                                return;
                            }
                        } else {
                            matched = if b == keys[0] { 1 } else { 0 };
                        }
                    }
                }
                let mut w = writer.lock().unwrap_or_else(|e| e.into_inner());
                if attach::write_frame(&mut *w, attach::STDIN, &data).is_err() {
                    return;
                }
            }
            let mut w = writer.lock().unwrap_or_else(|e| e.into_inner());
            let _ = attach::write_frame(&mut *w, attach::STDIN_CLOSE, &[]);
        });
    }

    let mut reader = stream;
    let stdout = std::io::stdout();
    let stderr = std::io::stderr();
    loop {
        let frame = match attach::read_frame(&mut reader) {
            Ok(f) => f,
            Err(_) if detached.load(Ordering::SeqCst) => return Ok(AttachEnd::Detached),
            Err(e) => return Err(Error::io("reading from the container", e)),
        };
        match frame {
            Some((attach::STDOUT, data)) if opts.stdout => {
                let mut out = stdout.lock();
                let _ = out.write_all(&data);
                let _ = out.flush();
            }
            Some((attach::STDERR, data)) if opts.stderr => {
                let mut err = stderr.lock();
                let _ = err.write_all(&data);
                let _ = err.flush();
            }
            Some((attach::EXIT, data)) if data.len() == 4 => {
                return Ok(AttachEnd::Exited(i32::from_be_bytes([data[0], data[1], data[2], data[3]])));
            }
            Some(_) => {}
            None if detached.load(Ordering::SeqCst) => return Ok(AttachEnd::Detached),
            None => return Err(Error::Runtime("lost the connection to the container's supervisor".into())),
        }
    }
}

/// Copies between our stdio and a pty master (exec -t) until the other side closes.
pub fn pump_pty(master: OwnedFd, interactive: bool) -> Result<()> {
    let _raw = RawMode::enable(interactive);
    let master_fd = master.as_raw_fd();
    if let Some((r, c)) = terminal_size() {
        super::supervisor::set_winsize(master_fd, r, c);
    }
    let sig_pipe = catch_signals(&[libc::SIGWINCH])?;
    std::thread::spawn(move || {
        let mut f = std::fs::File::from(sig_pipe);
        let mut b = [0u8; 1];
        while f.read_exact(&mut b).is_ok() {
            if let Some((r, c)) = terminal_size() {
                super::supervisor::set_winsize(master_fd, r, c);
            }
        }
    });
    if interactive {
        let input = master.try_clone().ctx(|| "duplicating pty".into())?;
        std::thread::spawn(move || {
            let mut out = std::fs::File::from(input);
            let mut stdin = std::io::stdin().lock();
            let mut buf = [0u8; 8192];
            while let Ok(n) = stdin.read(&mut buf) {
                if n == 0 || out.write_all(&buf[..n]).is_err() {
                    break;
                }
            }
        });
    }
    let mut src = std::fs::File::from(master);
    let mut stdout = std::io::stdout();
    let mut buf = [0u8; 16384];
    loop {
        match src.read(&mut buf) {
            Ok(0) => return Ok(()),
            Ok(n) => {
                let _ = stdout.write_all(&buf[..n]);
                let _ = stdout.flush();
            }
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(_) => return Ok(()), // EIO once the process side closes
        }
    }
}

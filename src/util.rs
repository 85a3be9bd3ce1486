//! Small helpers shared across the engine.

use std::io::Read;
use std::path::Path;

/// `n` random bytes as lowercase hex, from the kernel's CSPRNG.
pub fn random_hex(n: usize) -> String {
    let mut buf = vec![0u8; n];
    let mut filled = 0;
    while filled < n {
        let r = unsafe { libc::getrandom(buf[filled..].as_mut_ptr().cast(), n - filled, 0) };
        if r > 0 {
            filled += r as usize;
        } else if let Ok(mut f) = std::fs::File::open("/dev/urandom") {
            let _ = f.read_exact(&mut buf[filled..]);
            filled = n;
        }
    }
    hex::encode(buf)
}

pub fn pid_alive(pid: i32) -> bool {
    pid > 0
        && (unsafe { libc::kill(pid, 0) } == 0
            || std::io::Error::last_os_error().raw_os_error() == Some(libc::EPERM))
}

/// For a `pre_exec` hook: makes each `(fd, target)` the child's fd
/// `target`, inherited over exec, whatever the numbers: a source that is
/// already its target (dup2 onto itself leaves it close-on-exec) or another
/// pair's target (dup2 in order would clobber it). At most four pairs; only
/// async-signal-safe calls, as a forked child allows.
pub fn pass_fds(pairs: &[(std::os::fd::RawFd, std::os::fd::RawFd)]) -> std::io::Result<()> {
    let mut tmp = [-1; 4];
    if pairs.len() > tmp.len() {
        return Err(std::io::Error::from_raw_os_error(libc::EINVAL));
    }
    for (i, (fd, _)) in pairs.iter().enumerate() {
        // SAFETY: fcntl on an fd we were given; a copy above every target.
        tmp[i] = unsafe { libc::fcntl(*fd, libc::F_DUPFD_CLOEXEC, 64) };
        if tmp[i] < 0 {
            return Err(std::io::Error::last_os_error());
        }
    }
    for (i, (_, target)) in pairs.iter().enumerate() {
        // SAFETY: the copy is never a target, so dup2 clears close-on-exec.
        if unsafe { libc::dup2(tmp[i], *target) } < 0 {
            return Err(std::io::Error::last_os_error());
        }
    }
    Ok(())
}

/// Closes every fd this process has but 0-2 and `keep`: for a forked child
/// that must not hold its parent's locks, sockets and pipes open.
pub fn close_fds_except(keep: &[std::os::fd::RawFd]) {
    let fds: Vec<i32> = std::fs::read_dir("/proc/self/fd")
        .into_iter()
        .flatten()
        .flatten()
        .filter_map(|e| e.file_name().to_str()?.parse().ok())
        .collect();
    for fd in fds {
        if fd > 2 && !keep.contains(&fd) {
            // SAFETY: closes fds this child inherited and will not use; the
            // directory listing's own fd is already closed.
            unsafe { libc::close(fd) };
        }
    }
}

/// Turns this process into a background helper named `name` (its comm, as
/// [`running_as`] checks it): a session of its own, stdio on /dev/null.
pub fn background_as(name: &str) {
    use std::os::fd::AsRawFd;
    let _ = nix::unistd::setsid();
    if let Ok(null) = std::fs::OpenOptions::new().read(true).write(true).open("/dev/null") {
        for fd in 0..3 {
            unsafe { libc::dup2(null.as_raw_fd(), fd) };
        }
    }
    if let Ok(c) = std::ffi::CString::new(name) {
        unsafe { libc::prctl(libc::PR_SET_NAME, c.as_ptr()) };
    }
}

/// Whether `pid` is a live (not zombie) process named one of `names` (its
/// comm): how a helper's recorded pid is told from a reused one. Zombies count
/// as gone, since not every init reaps orphans promptly.
pub fn running_as(pid: i32, names: &[&str]) -> bool {
    live_comm(pid).is_some_and(|comm| names.contains(&comm.as_str()))
}

/// A live (not zombie) process's comm.
fn live_comm(pid: i32) -> Option<String> {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    let (open, close) = (stat.find('(')?, stat.rfind(')')?);
    let state = stat[close + 1..].split_whitespace().next().unwrap_or("Z");
    (!matches!(state, "Z" | "X")).then(|| stat[open + 1..close].to_string())
}

/// Whether `pid` is a live process (a zombie is not).
pub fn alive(pid: i32) -> bool {
    live_comm(pid).is_some()
}

/// Removes a tree, first making directories writable so that read-only
/// directories unpacked from images do not stop the removal.
pub fn remove_dir_all(path: &Path) -> std::io::Result<()> {
    match std::fs::remove_dir_all(path) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
        Err(_) => {
            make_writable(path);
            match std::fs::remove_dir_all(path) {
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
                r => r,
            }
        }
    }
}

fn make_writable(path: &Path) {
    use std::os::unix::fs::PermissionsExt;
    let Ok(meta) = std::fs::symlink_metadata(path) else {
        return;
    };
    if !meta.is_dir() {
        return;
    }
    let _ = std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o700));
    if let Ok(entries) = std::fs::read_dir(path) {
        for entry in entries.flatten() {
            make_writable(&entry.path());
        }
    }
}

/// Docker's short form of an id: the first 12 hex digits.
pub fn short_id(id: &str) -> &str {
    let id = id.strip_prefix("sha256:").unwrap_or(id);
    &id[..id.len().min(12)]
}

/// Go's `time.Duration` text: `0s`, `5s`, `1m30s`, `500ms`.
pub fn go_duration(nanos: i64) -> String {
    if nanos == 0 {
        return "0s".into();
    }
    if nanos < 1_000_000_000 {
        return match nanos {
            n if n % 1_000_000 == 0 => format!("{}ms", n / 1_000_000),
            n if n % 1_000 == 0 => format!("{}µs", n / 1_000),
            n => format!("{n}ns"),
        };
    }
    let mut secs = nanos as f64 / 1e9;
    let mut out = String::new();
    let h = (secs / 3600.0).floor();
    if h > 0.0 {
        out.push_str(&format!("{h}h"));
        secs -= h * 3600.0;
    }
    let m = (secs / 60.0).floor();
    if h > 0.0 || m > 0.0 {
        out.push_str(&format!("{m}m"));
        secs -= m * 60.0;
    }
    let s = format!("{secs:.9}");
    let s = s.trim_end_matches('0').trim_end_matches('.');
    out.push_str(&format!("{s}s"));
    out
}

/// The current time as Docker prints it in JSON: RFC 3339 with nanoseconds, UTC.
pub fn now_rfc3339() -> String {
    rfc3339(chrono::Utc::now())
}

pub fn rfc3339(t: chrono::DateTime<chrono::Utc>) -> String {
    t.to_rfc3339_opts(chrono::SecondsFormat::Nanos, true)
}

pub fn parse_time(s: &str) -> Option<chrono::DateTime<chrono::Utc>> {
    chrono::DateTime::parse_from_rfc3339(s).ok().map(|t| t.with_timezone(&chrono::Utc))
}

/// Runs `f` with a path for the socket at `path` that fits in `sun_path`: the
/// path itself when short enough, else one through an O_PATH handle on its
/// directory (`/proc/self/fd/N/name`).
fn with_short_socket_path<T>(path: &Path, f: impl FnOnce(&Path) -> std::io::Result<T>) -> std::io::Result<T> {
    use std::os::fd::AsRawFd;
    use std::os::unix::ffi::OsStrExt;
    if path.as_os_str().as_bytes().len() < 100 {
        return f(path);
    }
    let dir = path.parent().unwrap_or(Path::new("."));
    let name = path.file_name().unwrap_or_default();
    let handle =
        std::fs::OpenOptions::new().read(true).custom_flags(libc::O_PATH | libc::O_DIRECTORY).open(dir)?;
    let short = Path::new("/proc/self/fd").join(handle.as_raw_fd().to_string()).join(name);
    f(&short)
}

use std::os::unix::fs::OpenOptionsExt;

pub fn bind_unix(path: &Path) -> std::io::Result<std::os::unix::net::UnixListener> {
    with_short_socket_path(path, |p| std::os::unix::net::UnixListener::bind(p))
}

pub fn connect_unix(path: &Path) -> std::io::Result<std::os::unix::net::UnixStream> {
    with_short_socket_path(path, |p| std::os::unix::net::UnixStream::connect(p))
}

/// Gives back memory that was only needed to start up, or for a burst of work
/// (a health probe, a restart): clean pages of our executable and the
/// libraries it loaded (they stay in the page cache and fault back in if
/// used) and freed heap. For long-lived helpers such as the supervisor.
pub fn shed_startup_memory() {
    if let Ok(smaps) = std::fs::read_to_string("/proc/self/smaps") {
        // First: the work it does would bring back file pages dropped before.
        drop_unused_stack(&smaps);
        for (range, anonymous_kb) in file_mappings(&smaps) {
            // A mapping with anonymous pages was written (relocations in RELRO):
            // dropping those would bring back the file's unrelocated bytes.
            if anonymous_kb == 0 {
                // SAFETY: a private, read-only mapping of a file with no page
                // of its own: its pages read back from the file unchanged.
                unsafe {
                    libc::madvise(range.0 as *mut libc::c_void, range.1 - range.0, libc::MADV_DONTNEED)
                };
            }
        }
    }
    // SAFETY: returns freed heap to the kernel; no pointer changes.
    unsafe { libc::malloc_trim(0) };
}

/// Gives back the main stack's pages below what this call uses now (deep
/// start-up calls touched them): they come back zeroed if the stack grows
/// there again, as fresh stack does.
fn drop_unused_stack(smaps: &str) {
    // Below the current frame, with room for the calls madvise makes.
    const MARGIN: usize = 64 * 1024;
    let here = 0u8;
    let sp = std::ptr::addr_of!(here) as usize;
    let Some(range) = smaps.lines().find(|l| l.ends_with("[stack]")).and_then(|l| l.split(' ').next()) else {
        return;
    };
    let Some((Ok(start), Ok(end))) =
        range.split_once('-').map(|(a, b)| (usize::from_str_radix(a, 16), usize::from_str_radix(b, 16)))
    else {
        return;
    };
    // Only on the main thread's stack, which holds this frame.
    if !(start..end).contains(&sp) {
        return;
    }
    let page = 4096;
    let top = (sp.saturating_sub(MARGIN)) & !(page - 1);
    if top > start {
        // SAFETY: [start, top) lies below the deepest frame in use (the
        // stack grows down), so no live data is there.
        unsafe { libc::madvise(start as *mut libc::c_void, top - start, libc::MADV_DONTNEED) };
    }
}

/// The private read-only mappings of files in an smaps listing, with their
/// anonymous size.
fn file_mappings(smaps: &str) -> Vec<((usize, usize), u64)> {
    let mut out = Vec::new();
    let mut current: Option<((usize, usize), u64)> = None;
    for line in smaps.lines() {
        let mut f = line.split_whitespace();
        let first = f.next().unwrap_or_default();
        if let Some((a, b)) = first.split_once('-').filter(|(a, _)| a.chars().all(|c| c.is_ascii_hexdigit()))
        {
            out.extend(current.take());
            let perms = f.next().unwrap_or_default();
            let file = f.nth(3).is_some_and(|path| path.starts_with('/'));
            if perms.contains('w') || !perms.ends_with('p') || !file {
                continue;
            }
            if let (Ok(a), Ok(b)) = (usize::from_str_radix(a, 16), usize::from_str_radix(b, 16)) {
                current = Some(((a, b), 0));
            }
        } else if first == "Anonymous:" {
            if let Some(c) = current.as_mut() {
                c.1 = f.next().and_then(|v| v.parse().ok()).unwrap_or(u64::MAX);
            }
        }
    }
    out.extend(current);
    out
}

/// Whether rdock runs without real root: as an unprivileged user, or as root of
/// a user namespace that does not map the whole id space.
pub fn rootless() -> bool {
    !nix::unistd::Uid::effective().is_root() || in_user_namespace()
}

/// Whether this process is in a user namespace other than the initial one.
pub fn in_user_namespace() -> bool {
    std::fs::read_to_string("/proc/self/uid_map")
        .map(|m| !m.split_whitespace().collect::<Vec<_>>().starts_with(&["0", "0", "4294967295"]))
        .unwrap_or(false)
}

/// How many ids our user namespace maps (1 with a single-id fallback).
pub fn mapped_ids() -> u64 {
    std::fs::read_to_string("/proc/self/uid_map")
        .map(|m| m.lines().filter_map(|l| l.split_whitespace().nth(2)?.parse::<u64>().ok()).sum())
        .unwrap_or(0)
}

/// `path.Clean` for an absolute path: `.`, `..` and repeated slashes resolved.
pub fn lexical_clean(path: &str) -> String {
    let mut parts: Vec<&str> = Vec::new();
    for part in path.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            p => parts.push(p),
        }
    }
    format!("/{}", parts.join("/"))
}

/// An I/O error as Go prints a syscall's: `no such file or directory`.
pub fn io_reason(e: &std::io::Error) -> String {
    match e.raw_os_error() {
        Some(n) => nix::errno::Errno::from_raw(n).desc().to_lowercase(),
        None => e.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_mappings_are_private_read_only_files() {
        let smaps = "\
55d0a000-55d0b000 r--p 00000000 08:01 123 /usr/bin/rdock
Rss:                   4 kB
Anonymous:             4 kB
55d0b000-55d0c000 r-xp 00001000 08:01 123 /usr/bin/rdock
Anonymous:             0 kB
55d0c000-55d0d000 rw-p 00002000 08:01 123 /usr/bin/rdock
Anonymous:             4 kB
7f000000-7f001000 r-xp 00000000 08:01 456 /usr/lib/libc.so.6
Anonymous:             0 kB
7f001000-7f002000 r--s 00000000 08:01 789 /dev/shm/x
Anonymous:             0 kB
7f002000-7f003000 r--p 00000000 00:00 0
Anonymous:             0 kB
7fff0000-7fff1000 r-xp 00000000 00:00 0 [vdso]
Anonymous:             0 kB
";
        let got = file_mappings(smaps);
        assert_eq!(
            got,
            [((0x55d0a000, 0x55d0b000), 4), ((0x55d0b000, 0x55d0c000), 0), ((0x7f000000, 0x7f001000), 0)]
        );
    }
}

//! Rootless operation: the user namespace rdock works in when it is not root.
//!
//! A rootless command that writes to the store or runs containers first enters a
//! fresh *session*: a user namespace mapping the user to root and the user's
//! `/etc/subuid`/`/etc/subgid` ranges above it (through `newuidmap`/`newgidmap`),
//! with its own mount and cgroup namespaces. Inside it rdock is root over the
//! files it owns: layers unpack with their real owners, overlayfs mounts (with
//! `userxattr`), and libcontainer creates containers as it does for root. The
//! supervisor inherits the session; `exec` joins a container's own session.
//!
//! The user namespace is shared by every command of one runroot: the first
//! command creates it and leaves a small *pause* process holding it (and a
//! network namespace for user-defined networks, see `net::rootless`), as
//! podman does; later commands join it. Each command still gets mount and
//! cgroup namespaces of its own, so its mounts go when it exits.

use std::ffi::CString;
use std::fs::File;
use std::io::{Read, Write};
use std::os::fd::AsRawFd;
use std::path::{Path, PathBuf};

use nix::sched::CloneFlags;

use crate::error::{Error, IoContext, Result};

/// One line of /etc/subuid or /etc/subgid that applies to us.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct IdRange {
    pub start: u32,
    pub count: u32,
}

pub use crate::util::{in_user_namespace, mapped_ids, rootless};

/// The range for `user` (name or uid) in a subuid/subgid file's text.
pub fn find_range(text: &str, name: &str, id: u32) -> Option<IdRange> {
    text.lines().find_map(|line| {
        let mut f = line.trim().split(':');
        let (who, start, count) = (f.next()?, f.next()?, f.next()?);
        if who != name && who.parse::<u32>().ok() != Some(id) {
            return None;
        }
        let range = IdRange { start: start.parse().ok()?, count: count.parse().ok()? };
        (range.count > 0).then_some(range)
    })
}

fn user_name(uid: u32) -> String {
    nix::unistd::User::from_uid(nix::unistd::Uid::from_raw(uid))
        .ok()
        .flatten()
        .map(|u| u.name)
        .unwrap_or_else(|| uid.to_string())
}

/// What will be mapped, and why not more.
struct Plan {
    uid: u32,
    gid: u32,
    subuid: Option<IdRange>,
    subgid: Option<IdRange>,
}

fn plan() -> Plan {
    let uid = nix::unistd::getuid().as_raw();
    let gid = nix::unistd::getgid().as_raw();
    let name = user_name(uid);
    let read = |p: &str| std::fs::read_to_string(p).unwrap_or_default();
    Plan {
        uid,
        gid,
        subuid: find_range(&read("/etc/subuid"), &name, uid),
        subgid: find_range(&read("/etc/subgid"), &name, uid),
    }
}

/// The pause process's name (its comm), which is how a stale pid is told apart.
pub const PAUSE_NAME: &str = "rdock-pause";

fn pause_pid_file(runroot: &Path) -> PathBuf {
    runroot.join("pause.pid")
}

/// The live pause process holding `runroot`'s session, if any.
pub fn pause_pid(runroot: &Path) -> Option<i32> {
    let pid: i32 = std::fs::read_to_string(pause_pid_file(runroot)).ok()?.trim().parse().ok()?;
    crate::util::running_as(pid, &[PAUSE_NAME]).then_some(pid)
}

/// Ends `runroot`'s session (`system reset`): the next command starts afresh.
pub fn stop_pause(runroot: &Path) {
    if let Some(pid) = pause_pid(runroot) {
        let _ = nix::sys::signal::kill(nix::unistd::Pid::from_raw(pid), nix::sys::signal::Signal::SIGTERM);
    }
    let _ = std::fs::remove_file(pause_pid_file(runroot));
}

/// Enters `runroot`'s rootless session (joining the one its pause process
/// holds, or creating it) unless this process is root or already in a user
/// namespace. Must be called while the process is single-threaded.
pub fn enter_session(runroot: &Path) -> Result<()> {
    if nix::unistd::Uid::effective().is_root() {
        // Root, or root of a user namespace someone else set up (podman-style):
        // use what we have.
        if in_user_namespace() {
            private_mounts()?;
        }
        return Ok(());
    }
    std::fs::create_dir_all(runroot).ctx(|| format!("creating {}", runroot.display()))?;
    // One command at a time decides whether the session exists.
    let lock = crate::storage::lock::FileLock::exclusive(&runroot.join("pause.lock"))?;
    if let Some(pid) = pause_pid(runroot) {
        if join_user_ns(pid).is_ok() {
            nix::sched::unshare(CloneFlags::CLONE_NEWNS | CloneFlags::CLONE_NEWCGROUP)
                .ctx(|| "creating the command's mount namespace".into())?;
            return private_mounts();
        }
    }
    new_session()?;
    private_mounts()?;
    start_pause(lock.file().as_raw_fd(), &pause_pid_file(runroot)).map(drop)
}

/// Joins the user namespace of process `pid` and becomes its root.
fn join_user_ns(pid: i32) -> Result<()> {
    let user = File::open(format!("/proc/{pid}/ns/user")).ctx(|| "opening the user namespace".into())?;
    nix::sched::setns(&user, CloneFlags::CLONE_NEWUSER).ctx(|| "joining the user namespace".into())?;
    become_root()
}

/// Takes the namespace's root ids, so files we create are ours.
fn become_root() -> Result<()> {
    nix::unistd::setresgid(0.into(), 0.into(), 0.into())
        .ctx(|| "becoming root in the user namespace".into())?;
    nix::unistd::setresuid(0.into(), 0.into(), 0.into())
        .ctx(|| "becoming root in the user namespace".into())?;
    // Fails harmlessly when only our own gid is mapped (setgroups denied).
    let _ = nix::unistd::setgroups(&[]);
    Ok(())
}

/// Starts the pause process: it keeps the session's user namespace, and a
/// network namespace of its own, alive after this command exits. Returns its
/// pid once those namespaces exist.
fn start_pause(lock_fd: i32, pid_file: &Path) -> Result<i32> {
    let (r, w) = nix::unistd::pipe2(nix::fcntl::OFlag::O_CLOEXEC).ctx(|| "creating pipe".into())?;
    match unsafe { nix::unistd::fork() }.ctx(|| "forking the pause process".into())? {
        nix::unistd::ForkResult::Child => {
            drop(r);
            // Fork again so the pause process is nobody's child to reap.
            if let Ok(nix::unistd::ForkResult::Child) = unsafe { nix::unistd::fork() } {
                pause_main(w, lock_fd, pid_file);
            }
            unsafe { libc::_exit(0) };
        }
        nix::unistd::ForkResult::Parent { child } => {
            drop(w);
            let _ = nix::sys::wait::waitpid(child, None);
            let mut text = String::new();
            let _ = File::from(r).read_to_string(&mut text);
            text.trim().parse().map_err(|_| {
                Error::Runtime(format!("the rootless pause process failed to start: {}", text.trim()))
            })
        }
    }
}

/// The pause process: its own session, mounts and network namespace, then
/// nothing but waiting for a signal. It records its own pid, so a command
/// killed while starting it cannot leave a session nobody finds.
fn pause_main(w: std::os::fd::OwnedFd, lock_fd: i32, pid_file: &Path) -> ! {
    unsafe { libc::close(lock_fd) };
    let mut out = File::from(w);
    let pid = std::process::id().to_string();
    let ready = nix::sched::unshare(CloneFlags::CLONE_NEWNS | CloneFlags::CLONE_NEWNET)
        .map_err(|e| format!("creating its namespaces: {e}"))
        .and_then(|_| {
            crate::storage::atomic::write(pid_file, pid.as_bytes())
                .map_err(|e| format!("recording its pid: {e}"))
        });
    let _ = out.write_all(ready.as_ref().map_or_else(|e| e.as_bytes(), |_| pid.as_bytes()));
    drop(out);
    if ready.is_err() {
        unsafe { libc::_exit(1) };
    }
    crate::util::background_as(PAUSE_NAME);
    unsafe {
        libc::syscall(libc::SYS_close_range, 3u32, u32::MAX, 0u32);
        loop {
            libc::pause();
        }
    }
}

/// Creates a new user namespace (with mount and cgroup namespaces) and becomes its root.
fn new_session() -> Result<()> {
    let plan = plan();
    if plan.subuid.is_none() || plan.subgid.is_none() {
        eprintln!(
            "WARN: no /etc/subuid or /etc/subgid range for {}: only your own id is mapped, so images with files owned by other users cannot be used. Add a line like \"{}:100000:65536\" to both files.",
            user_name(plan.uid),
            user_name(plan.uid)
        );
    }
    let (ready_r, ready_w) =
        nix::unistd::pipe2(nix::fcntl::OFlag::O_CLOEXEC).ctx(|| "creating pipe".into())?;
    let (done_r, done_w) = nix::unistd::pipe2(nix::fcntl::OFlag::O_CLOEXEC).ctx(|| "creating pipe".into())?;
    let parent = nix::unistd::getpid().as_raw();
    // The mapping must be written from outside the new namespace: a child waits
    // for us to unshare, then runs newuidmap/newgidmap on us.
    match unsafe { nix::unistd::fork() }.ctx(|| "forking the id mapper".into())? {
        nix::unistd::ForkResult::Child => {
            drop(ready_w);
            drop(done_r);
            let mut go = [0u8; 1];
            let ok = File::from(ready_r).read_exact(&mut go).is_ok();
            let msg = if ok {
                write_mappings(parent, &plan).err().map(|e| e.to_string())
            } else {
                Some("parent gone".into())
            };
            let mut out = File::from(done_w);
            let _ = out.write_all(msg.unwrap_or_default().as_bytes());
            unsafe { libc::_exit(0) };
        }
        nix::unistd::ForkResult::Parent { child } => {
            drop(ready_r);
            drop(done_w);
            let flags = CloneFlags::CLONE_NEWUSER | CloneFlags::CLONE_NEWNS | CloneFlags::CLONE_NEWCGROUP;
            let unshared = nix::sched::unshare(flags);
            let mut w = File::from(ready_w);
            if unshared.is_ok() {
                let _ = w.write_all(b"1");
            }
            drop(w);
            let mut msg = String::new();
            let _ = File::from(done_r).read_to_string(&mut msg);
            let _ = nix::sys::wait::waitpid(child, None);
            unshared.map_err(|e| {
                Error::Runtime(format!(
                    "cannot create a user namespace: {e} (are unprivileged user namespaces enabled?)"
                ))
            })?;
            if !msg.is_empty() {
                return Err(Error::Runtime(msg));
            }
        }
    }
    become_root()
}

/// Writes our uid/gid maps: the user as root, the subordinate range above it.
/// Without a range, only the user's own ids (with setgroups denied).
fn write_mappings(pid: i32, plan: &Plan) -> Result<()> {
    let map = |tool: &str, own: u32, range: Option<IdRange>, file: &str| -> Result<()> {
        let Some(r) = range else {
            if tool == "newgidmap" {
                std::fs::write(format!("/proc/{pid}/setgroups"), "deny")
                    .ctx(|| "denying setgroups".into())?;
            }
            return std::fs::write(format!("/proc/{pid}/{file}"), format!("0 {own} 1\n"))
                .ctx(|| format!("writing {file}"));
        };
        let args = [
            pid.to_string(),
            "0".into(),
            own.to_string(),
            "1".into(),
            "1".into(),
            r.start.to_string(),
            r.count.to_string(),
        ];
        let out = std::process::Command::new(tool)
            .args(&args)
            .stdin(std::process::Stdio::null())
            .output()
            .map_err(|e| Error::Runtime(format!("running {tool} (apt install uidmap): {e}")))?;
        if !out.status.success() {
            let list = if tool == "newuidmap" { "/etc/subuid" } else { "/etc/subgid" };
            return Err(Error::Runtime(format!(
                "{tool} failed: {}; check the line \"{}:{}:{}\" in {list}",
                String::from_utf8_lossy(&out.stderr).trim(),
                user_name(plan.uid),
                r.start,
                r.count
            )));
        }
        Ok(())
    };
    map("newuidmap", plan.uid, plan.subuid, "uid_map")?;
    map("newgidmap", plan.gid, plan.subgid, "gid_map")
}

/// Our mounts stay ours; cgroup2 at /sys/fs/cgroup gives libcgroups a hierarchy
/// it can use rootless (leaving containers in our cgroup where it may not write).
fn private_mounts() -> Result<()> {
    use nix::mount::{mount, MsFlags};
    mount(None::<&str>, "/", None::<&str>, MsFlags::MS_REC | MsFlags::MS_PRIVATE, None::<&str>)
        .ctx(|| "making mounts private".into())?;
    let cgroup = Path::new("/sys/fs/cgroup");
    let is_cgroup2 = nix::sys::statfs::statfs(cgroup)
        .map(|s| s.filesystem_type() == nix::sys::statfs::CGROUP2_SUPER_MAGIC)
        .unwrap_or(false);
    if !is_cgroup2 {
        // Best effort: without it containers simply run in our cgroup.
        let _ = mount(Some("none"), cgroup, Some("cgroup2"), MsFlags::empty(), None::<&str>);
    }
    Ok(())
}

/// Joins the session that process `pid` (a container's supervisor) lives in:
/// its user and mount namespaces, as their owner may. Nothing to do for root.
/// Must be called while single-threaded.
pub fn join_session(pid: i32) -> Result<()> {
    if !rootless() {
        return Ok(());
    }
    let differs = |kind: &str| -> Result<bool> {
        let theirs = std::fs::read_link(format!("/proc/{pid}/ns/{kind}"))
            .ctx(|| "finding the container's session".into())?;
        Ok(std::fs::read_link(format!("/proc/self/ns/{kind}")).ok() != Some(theirs))
    };
    // Open both first: once in the user namespace /proc may look different.
    let mnt = File::open(format!("/proc/{pid}/ns/mnt")).ctx(|| "opening the mount namespace".into())?;
    if differs("user")? {
        join_user_ns(pid)?;
    }
    if differs("mnt")? {
        nix::sched::setns(&mnt, CloneFlags::CLONE_NEWNS).ctx(|| "joining the mount namespace".into())?;
        std::env::set_current_dir("/").ctx(|| "entering /".into())?;
    }
    Ok(())
}

/// `--userns=keep-id`: the user's own uid and gid (as the host knows them) and
/// where they map in rdock's namespace.
#[derive(Debug, Clone)]
pub struct KeepId {
    pub uid: u32,
    pub gid: u32,
    pub name: String,
    pub home: String,
    /// Ids our namespace maps (its size).
    pub mapped: u32,
}

/// Reads keep-id's ids from inside a session: the host id our root maps to.
pub fn keep_id() -> Result<KeepId> {
    let host_of_root = |file: &str| -> Option<u32> {
        let text = std::fs::read_to_string(format!("/proc/self/{file}")).ok()?;
        text.lines().find_map(|l| {
            let f: Vec<&str> = l.split_whitespace().collect();
            (f.first() == Some(&"0")).then(|| f.get(1)?.parse().ok()).flatten()
        })
    };
    let (Some(uid), Some(gid)) = (host_of_root("uid_map"), host_of_root("gid_map")) else {
        return Err(Error::Runtime("keep-id needs rdock's user namespace".into()));
    };
    let mapped = mapped_ids() as u32;
    if uid >= mapped || gid >= mapped {
        return Err(Error::InvalidArgument(format!(
            "--userns=keep-id needs your subordinate range to cover your own id {uid} (only {mapped} ids are mapped)"
        )));
    }
    let user = nix::unistd::User::from_uid(nix::unistd::Uid::from_raw(uid)).ok().flatten();
    Ok(KeepId {
        uid,
        gid,
        name: user.as_ref().map(|u| u.name.clone()).unwrap_or_else(|| format!("user{uid}")),
        home: user.map(|u| u.dir.to_string_lossy().into_owned()).unwrap_or_else(|| "/home/user".into()),
        mapped,
    })
}

/// rdock run as `newuidmap`/`newgidmap` (`PID ID HOSTID COUNT...`): inside its
/// session rdock is privileged over the namespaces it creates, so it writes the
/// map itself. libcontainer runs these by name for multi-line maps.
pub fn write_map_as_tool(tool: &str, args: &[String]) -> Result<()> {
    let file = if tool.ends_with("newgidmap") { "gid_map" } else { "uid_map" };
    let (pid, triples) = args
        .split_first()
        .ok_or_else(|| Error::InvalidArgument(format!("usage: {tool} PID ID HOSTID COUNT...")))?;
    if triples.is_empty() || triples.len() % 3 != 0 {
        return Err(Error::InvalidArgument(format!("usage: {tool} PID ID HOSTID COUNT...")));
    }
    let text: String = triples.chunks(3).map(|t| format!("{} {} {}\n", t[0], t[1], t[2])).collect();
    std::fs::write(format!("/proc/{pid}/{file}"), text).ctx(|| format!("writing /proc/{pid}/{file}"))
}

/// A directory whose `newuidmap` and `newgidmap` are rdock itself, for the
/// supervisor's PATH when a container needs its own user namespace.
pub fn map_tools_dir(runroot: &Path) -> Result<std::path::PathBuf> {
    let dir = runroot.join("bin");
    std::fs::create_dir_all(&dir).ctx(|| format!("creating {}", dir.display()))?;
    let exe = std::env::current_exe().ctx(|| "finding the rdock binary".into())?;
    for tool in ["newuidmap", "newgidmap"] {
        let link = dir.join(tool);
        if std::fs::read_link(&link).ok().as_deref() != Some(exe.as_path()) {
            let _ = std::fs::remove_file(&link);
            std::os::unix::fs::symlink(&exe, &link).ctx(|| format!("linking {}", link.display()))?;
        }
    }
    Ok(dir)
}

/// `rdock unshare`: runs a command (default: the user's shell) in a session.
pub fn unshare_exec(runroot: &Path, cmd: &[String]) -> Result<std::convert::Infallible> {
    enter_session(runroot)?;
    let argv: Vec<String> = if cmd.is_empty() {
        vec![std::env::var("SHELL").unwrap_or_else(|_| "/bin/sh".into())]
    } else {
        cmd.to_vec()
    };
    let cargs: Vec<CString> = argv
        .iter()
        .map(|a| CString::new(a.as_bytes()))
        .collect::<std::result::Result<_, _>>()
        .map_err(|_| Error::InvalidArgument("argument contains NUL".into()))?;
    let err = nix::unistd::execvp(&cargs[0], &cargs).unwrap_err();
    Err(Error::Runtime(format!("exec {}: {err}", argv[0])))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_ranges_by_name_or_uid() {
        let text = "alice:100000:65536\n1001:200000:1000\nbob:300000:0\n";
        assert_eq!(find_range(text, "alice", 5), Some(IdRange { start: 100000, count: 65536 }));
        assert_eq!(find_range(text, "carol", 1001), Some(IdRange { start: 200000, count: 1000 }));
        assert_eq!(find_range(text, "bob", 7), None);
        assert_eq!(find_range(text, "dave", 9), None);
    }
}

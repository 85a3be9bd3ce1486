//! The code that runs last inside the container before the user's command: it
//! checks the command can be run (so that 126/127 are reported before start), loads
//! the cached seccomp program, and with `--init` stays behind as PID 1 to reap
//! zombies and forward signals.

use std::ffi::CString;
use std::os::unix::ffi::OsStrExt;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use libcontainer::workload::{Executor, ExecutorError, ExecutorValidationError};
use nix::sys::signal::{SigSet, SigmaskHow, Signal};
use nix::sys::wait::{waitpid, WaitPidFlag, WaitStatus};
use nix::unistd::{fork, ForkResult, Pid};
use oci_spec::runtime::Spec;

/// Markers that survive libcontainer's error plumbing and tell the supervisor which
/// exit code a failed start means.
pub const NOT_FOUND_MARK: &str = "[rdock:127]";
pub const NOT_EXECUTABLE_MARK: &str = "[rdock:126]";

/// Turns a libcontainer error into ours: a start that failed in our executor's
/// checks becomes `CommandNotFound`/`CommandNotExecutable` with its message.
pub fn classify_error(e: &(impl std::fmt::Display + std::fmt::Debug), context: &str) -> crate::Error {
    let display = e.to_string();
    let debug = format!("{e:?}");
    let message = |mark: &str| -> String {
        // Our message ends the library's Display text; in its Debug text it sits
        // inside quotes.
        if let Some(i) = display.find(mark) {
            return display[i + mark.len()..].trim().to_string();
        }
        let rest = debug.split(mark).nth(1).unwrap_or_default();
        let end = rest.find("\")").unwrap_or(rest.len());
        rest[..end].replace("\\\"", "\"").trim().to_string()
    };
    let has = |mark: &str| display.contains(mark) || debug.contains(mark);
    if has(NOT_FOUND_MARK) {
        crate::Error::CommandNotFound(message(NOT_FOUND_MARK))
    } else if has(NOT_EXECUTABLE_MARK) {
        crate::Error::CommandNotExecutable(message(NOT_EXECUTABLE_MARK))
    } else {
        crate::Error::Runtime(format!("{context}: {display}"))
    }
}

#[derive(Clone, Default)]
pub struct RdockExecutor {
    pub seccomp_bpf: Option<Arc<Vec<u8>>>,
    pub init: bool,
    /// Remount the cgroup hierarchy read-only before the user's command (the
    /// container's first process, unless privileged).
    pub readonly_cgroups: bool,
}

impl Executor for RdockExecutor {
    fn validate(&self, spec: &Spec) -> Result<(), ExecutorValidationError> {
        let (args, env) = process_parts(spec).map_err(ExecutorValidationError::ArgValidationError)?;
        find_executable(&args[0], &env).map(|_| ()).map_err(ExecutorValidationError::ArgValidationError)
    }

    fn exec(&self, spec: &Spec) -> Result<(), ExecutorError> {
        let (args, env) = process_parts(spec).map_err(ExecutorError::Other)?;
        let path = find_executable(&args[0], &env).map_err(ExecutorError::Other)?;
        let cpath = CString::new(path.as_os_str().as_bytes()).map_err(|_| ExecutorError::InvalidArg)?;
        let cargs: Vec<CString> = args
            .iter()
            .map(|a| CString::new(a.as_bytes()))
            .collect::<Result<_, _>>()
            .map_err(|_| ExecutorError::InvalidArg)?;
        if self.readonly_cgroups {
            readonly_cgroups().map_err(|e| ExecutorError::Other(format!("making cgroups read-only: {e}")))?;
        }
        if let Some(bpf) = &self.seccomp_bpf {
            super::seccomp::load_bpf(bpf)
                .map_err(|e| ExecutorError::Other(format!("loading seccomp profile: {e}")))?;
        }
        if self.init {
            run_as_init(&cpath, &cargs);
        }
        // libcontainer has already set the environment for us.
        let err = nix::unistd::execv(&cpath, &cargs).unwrap_err();
        Err(ExecutorError::Other(exec_error(&args[0], err)))
    }
}

/// Every mount at or under /sys/fs/cgroup, remounted read-only, as runc does
/// for Docker: libcontainer ignores `ro` for v1 hierarchies, and a writable
/// one lets a container raise its own limits or make cgroups `rm` leaks.
/// Runs after pivot_root, while we still hold CAP_SYS_ADMIN.
fn readonly_cgroups() -> std::io::Result<()> {
    use nix::mount::{mount, MsFlags};
    let info = std::fs::read_to_string("/proc/self/mountinfo")?;
    for (point, opts) in info.lines().filter_map(mount_point_and_opts) {
        if point != "/sys/fs/cgroup" && !point.starts_with("/sys/fs/cgroup/") {
            continue;
        }
        // A bind remount replaces the per-mount flags: keep the ones a user
        // namespace locks (nosuid, nodev, noexec, atime) or it fails.
        let mut flags = MsFlags::MS_REMOUNT | MsFlags::MS_BIND | MsFlags::MS_RDONLY;
        for o in opts.split(',') {
            flags |= match o {
                "nosuid" => MsFlags::MS_NOSUID,
                "nodev" => MsFlags::MS_NODEV,
                "noexec" => MsFlags::MS_NOEXEC,
                "noatime" => MsFlags::MS_NOATIME,
                "nodiratime" => MsFlags::MS_NODIRATIME,
                "relatime" => MsFlags::MS_RELATIME,
                _ => MsFlags::empty(),
            };
        }
        match mount(None::<&str>, point.as_str(), None::<&str>, flags, None::<&str>) {
            // Listed but covered by a later mount: out of the container's reach too.
            Err(nix::errno::Errno::ENOENT) => {}
            Err(e) => return Err(std::io::Error::other(format!("{point}: {e}"))),
            Ok(()) => {}
        }
    }
    Ok(())
}

/// A mountinfo line's mount point (octal escapes undone) and per-mount options.
fn mount_point_and_opts(line: &str) -> Option<(String, &str)> {
    let mut f = line.split(' ');
    let point = f.nth(4)?;
    let opts = f.next()?;
    let mut out = Vec::new();
    let b = point.as_bytes();
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'\\' && i + 3 < b.len() {
            if let Ok(v) = u8::from_str_radix(&point[i + 1..i + 4], 8) {
                out.push(v);
                i += 4;
                continue;
            }
        }
        out.push(b[i]);
        i += 1;
    }
    Some((String::from_utf8_lossy(&out).into_owned(), opts))
}

fn process_parts(spec: &Spec) -> Result<(Vec<String>, Vec<String>), String> {
    let process = spec.process().as_ref().ok_or("spec has no process")?;
    let args = process.args().clone().unwrap_or_default();
    if args.is_empty() {
        return Err("no command specified".into());
    }
    Ok((args, process.env().clone().unwrap_or_default()))
}

fn exec_error(cmd: &str, err: nix::errno::Errno) -> String {
    match err {
        nix::errno::Errno::ENOENT => {
            format!("{NOT_FOUND_MARK}exec: \"{cmd}\": no such file or directory")
        }
        nix::errno::Errno::EACCES | nix::errno::Errno::EISDIR | nix::errno::Errno::ENOEXEC => {
            format!("{NOT_EXECUTABLE_MARK}exec: \"{cmd}\": permission denied")
        }
        e => format!("{NOT_EXECUTABLE_MARK}exec: \"{cmd}\": {}", e.desc()),
    }
}

/// Finds `cmd` as execvp would, with the container's PATH.
fn find_executable(cmd: &str, env: &[String]) -> Result<PathBuf, String> {
    if cmd.contains('/') {
        let p = Path::new(cmd);
        return match std::fs::metadata(p) {
            Err(_) => Err(format!("{NOT_FOUND_MARK}exec: \"{cmd}\": stat {cmd}: no such file or directory")),
            Ok(m) if m.is_dir() => Err(format!("{NOT_EXECUTABLE_MARK}exec: \"{cmd}\": is a directory")),
            Ok(_) if !executable(p) => {
                Err(format!("{NOT_EXECUTABLE_MARK}exec: \"{cmd}\": permission denied"))
            }
            Ok(_) => Ok(p.to_path_buf()),
        };
    }
    let path_var = env.iter().find_map(|e| e.strip_prefix("PATH=")).unwrap_or(super::spec::DEFAULT_PATH);
    let mut denied = None;
    for dir in path_var.split(':') {
        let dir = if dir.is_empty() { "." } else { dir };
        let candidate = Path::new(dir).join(cmd);
        match std::fs::metadata(&candidate) {
            Ok(m) if m.is_file() && executable(&candidate) => return Ok(candidate),
            Ok(m) if m.is_file() => denied = Some(candidate),
            _ => {}
        }
    }
    match denied {
        Some(_) => Err(format!("{NOT_EXECUTABLE_MARK}exec: \"{cmd}\": permission denied")),
        None => Err(format!("{NOT_FOUND_MARK}exec: \"{cmd}\": executable file not found in $PATH")),
    }
}

fn executable(p: &Path) -> bool {
    let Ok(c) = CString::new(p.as_os_str().as_bytes()) else {
        return false;
    };
    unsafe { libc::access(c.as_ptr(), libc::X_OK) == 0 }
}

/// Forks the command and stays as PID 1: reaps every child, forwards signals to the
/// command, and exits with its status. Never returns.
fn run_as_init(path: &CString, args: &[CString]) -> ! {
    let all = SigSet::all();
    let mut old = SigSet::empty();
    let _ = nix::sys::signal::sigprocmask(SigmaskHow::SIG_BLOCK, Some(&all), Some(&mut old));
    // Named before the fork: the command may look at PID 1 at once (the
    // child's copy of the name goes with its exec).
    set_title("rdock-init", args);
    let child = match unsafe { fork() } {
        Ok(ForkResult::Child) => {
            let _ = nix::sys::signal::sigprocmask(SigmaskHow::SIG_SETMASK, Some(&old), None);
            let err = nix::unistd::execv(path, args).unwrap_err();
            eprintln!(
                "{}",
                exec_error(&args[0].to_string_lossy(), err)
                    .trim_start_matches(|c| c != ']')
                    .trim_start_matches(']')
            );
            unsafe { libc::_exit(if err == nix::errno::Errno::ENOENT { 127 } else { 126 }) };
        }
        Ok(ForkResult::Parent { child }) => child,
        Err(e) => {
            eprintln!("rdock-init: fork: {e}");
            unsafe { libc::_exit(126) };
        }
    };
    // We never exec, so drop every descriptor inherited from the runtime and the
    // supervisor (a pipe held open here would keep `run -d` waiting forever).
    unsafe { libc::syscall(libc::SYS_close_range, 3u32, u32::MAX, 0u32) };
    loop {
        let Ok(sig) = all.wait() else { continue };
        if sig == Signal::SIGCHLD {
            if let Some(code) = reap(child) {
                unsafe { libc::_exit(code) };
            }
        } else {
            let _ = nix::sys::signal::kill(child, sig);
        }
    }
}

/// Reaps all exited children; returns the exit code once `main` is among them.
fn reap(main: Pid) -> Option<i32> {
    let mut result = None;
    loop {
        match waitpid(Pid::from_raw(-1), Some(WaitPidFlag::WNOHANG)) {
            Ok(WaitStatus::Exited(pid, code)) if pid == main => result = Some(code),
            Ok(WaitStatus::Signaled(pid, sig, _)) if pid == main => result = Some(128 + sig as i32),
            Ok(WaitStatus::StillAlive) | Err(_) => return result,
            Ok(_) => {}
        }
    }
}

/// Rewrites our command line (as `ps` in the container shows it) in place.
fn set_title(name: &str, args: &[CString]) {
    let Ok(stat) = std::fs::read_to_string("/proc/self/stat") else {
        return;
    };
    let Some(after_comm) = stat.rfind(')') else {
        return;
    };
    // Fields after the command name start at field 3; arg_start/arg_end are 48/49.
    let fields: Vec<&str> = stat[after_comm + 2..].split(' ').collect();
    let (Some(start), Some(end)) = (
        fields.get(45).and_then(|s| s.parse::<usize>().ok()),
        fields.get(46).and_then(|s| s.parse::<usize>().ok()),
    ) else {
        return;
    };
    if end <= start {
        return;
    }
    let mut title: Vec<u8> = format!("{name}\0--\0").into_bytes();
    for a in args {
        title.extend_from_slice(a.as_bytes());
        title.push(0);
    }
    let len = end - start;
    title.resize(len, 0);
    title[len - 1] = 0;
    unsafe { std::ptr::copy_nonoverlapping(title.as_ptr(), start as *mut u8, len) };
    if let Ok(c) = CString::new(name) {
        unsafe { libc::prctl(libc::PR_SET_NAME, c.as_ptr()) };
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mountinfo_fields() {
        let l = "35 24 0:30 / /sys/fs/cgroup/cpu\\054cpuacct ro,nosuid,nodev - cgroup cgroup rw,cpu";
        assert_eq!(
            mount_point_and_opts(l),
            Some(("/sys/fs/cgroup/cpu,cpuacct".to_string(), "ro,nosuid,nodev"))
        );
    }
}

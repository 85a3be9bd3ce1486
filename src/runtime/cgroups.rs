//! The container cgroup (`/rdock/<id>`), through libcgroups: freezing, pids, stats.

use std::path::{Path, PathBuf};

use libcgroups::common::{CgroupConfig, CgroupManager, FreezerState};
use libcgroups::stats::Stats;

use crate::error::{Error, Result};

const ROOT: &str = "/sys/fs/cgroup";

/// Whether the host runs the unified (v2-only) hierarchy.
pub fn is_v2() -> bool {
    std::path::Path::new(ROOT).join("cgroup.controllers").exists()
}

/// `1` or `2`, as `docker info` reports it.
pub fn version() -> u8 {
    if is_v2() {
        2
    } else {
        1
    }
}

pub use crate::storage::containers::cgroup_path;

/// The cgroup of the container `id` as its record says, or the default one.
pub fn of(store: &crate::storage::Store, id: &str) -> PathBuf {
    let parent = store.container(id).map(|r| r.config.host.cgroup_parent).unwrap_or_default();
    cgroup_path(&parent, id)
}

fn manager(cg: &Path) -> Result<libcgroups::common::AnyCgroupManager> {
    let name = cg.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    libcgroups::common::create_cgroup_manager(CgroupConfig {
        cgroup_path: cg.to_path_buf(),
        systemd_cgroup: false,
        container_name: name,
    })
    .map_err(|e| Error::Runtime(format!("opening cgroup {}: {e}", cg.display())))
}

/// Writes `resources` to the cgroup `cg` (a running container's, for `update`).
pub fn apply(cg: &Path, resources: &oci_spec::runtime::LinuxResources) -> Result<()> {
    let opts = libcgroups::common::ControllerOpt {
        resources,
        disable_oom_killer: resources.memory().as_ref().and_then(|m| m.disable_oom_killer()).unwrap_or(false),
        oom_score_adj: None,
        freezer_state: None,
    };
    manager(cg)?.apply(&opts).map_err(|e| Error::Runtime(e.to_string()))
}

pub fn freeze(cg: &Path, frozen: bool) -> Result<()> {
    let state = if frozen { FreezerState::Frozen } else { FreezerState::Thawed };
    manager(cg)?.freeze(state).map_err(|e| Error::Runtime(format!("freezing {}: {e}", cg.display())))
}

/// Removes the container's cgroups with any children made inside them (a
/// privileged container can make some), deepest first. Processes left in
/// them keep a dir busy; that is reported to nobody, as the runtime's own
/// removal is: the next removal tries again.
pub fn remove_tree(cg: &Path) {
    let rel = cg.to_path_buf();
    let rel = rel.strip_prefix("/").unwrap_or(&rel);
    let mut tops = Vec::new();
    if is_v2() {
        tops.push(PathBuf::from(ROOT).join(rel));
    } else if let Ok(dir) = std::fs::read_dir(ROOT) {
        for e in dir.flatten() {
            if e.file_type().is_ok_and(|t| t.is_dir()) {
                tops.push(e.path().join(rel));
            }
        }
    }
    for top in tops.iter().filter(|t| t.is_dir()) {
        remove_dirs(top);
    }
}

fn remove_dirs(dir: &std::path::Path) {
    if let Ok(entries) = std::fs::read_dir(dir) {
        for e in entries.flatten() {
            if e.file_type().is_ok_and(|t| t.is_dir()) {
                remove_dirs(&e.path());
            }
        }
    }
    let _ = std::fs::remove_dir(dir);
}

/// Whether containers get a cgroup of their own: always as root; rootless only
/// with a writable (delegated) cgroup v2 subtree holding `controllers`.
pub fn available(controllers: &[&str]) -> bool {
    if !crate::util::rootless() {
        return true;
    }
    if !is_v2() {
        return false;
    }
    let Some(procs) = own_cgroup_procs() else { return false };
    let dir = procs.parent().unwrap_or(std::path::Path::new(ROOT));
    let enabled = std::fs::read_to_string(dir.join("cgroup.controllers")).unwrap_or_default();
    writable(&procs)
        && writable(dir)
        && controllers.iter().all(|c| enabled.split_whitespace().any(|e| e == *c))
}

fn writable(path: &std::path::Path) -> bool {
    use std::os::unix::ffi::OsStrExt;
    let Ok(c) = std::ffi::CString::new(path.as_os_str().as_bytes()) else { return false };
    unsafe { libc::access(c.as_ptr(), libc::W_OK) == 0 }
}

/// Host pids of every process in the container: from its cgroup, or (rootless,
/// with no cgroup of its own) every process sharing the init's pid namespace.
pub fn pids(cg: &Path, init_pid: i32) -> Result<Vec<i32>> {
    if let Ok(pids) = manager(cg).and_then(|m| m.get_all_pids().map_err(|e| Error::Runtime(e.to_string()))) {
        if !pids.is_empty() {
            return Ok(pids.into_iter().map(|p| p.as_raw()).collect());
        }
    }
    pids_in_namespace(init_pid)
}

/// Every process sharing `init_pid`'s pid namespace.
pub fn pids_in_namespace(init_pid: i32) -> Result<Vec<i32>> {
    let ns = std::fs::read_link(format!("/proc/{init_pid}/ns/pid"))
        .map_err(|e| Error::io(format!("reading the pid namespace of {init_pid}"), e))?;
    let mut out = Vec::new();
    for entry in std::fs::read_dir("/proc").map_err(|e| Error::io("reading /proc", e))?.flatten() {
        let Some(pid) = entry.file_name().to_str().and_then(|n| n.parse::<i32>().ok()) else { continue };
        if std::fs::read_link(entry.path().join("ns/pid")).ok().as_ref() == Some(&ns) {
            out.push(pid);
        }
    }
    Ok(out)
}

pub fn stats(cg: &Path) -> Result<Stats> {
    manager(cg)?.stats().map_err(|e| Error::Runtime(format!("reading stats of {}: {e}", cg.display())))
}

/// Whether the kernel's OOM killer struck inside the container's cgroup.
pub fn oom_killed(cg: &Path) -> bool {
    let rel = cg.strip_prefix("/").unwrap_or(cg);
    let file = if is_v2() {
        PathBuf::from(ROOT).join(rel).join("memory.events")
    } else {
        PathBuf::from(ROOT).join("memory").join(rel).join("memory.oom_control")
    };
    std::fs::read_to_string(file)
        .map(|s| {
            s.lines().any(|l| {
                let mut f = l.split_whitespace();
                f.next() == Some("oom_kill") && f.next().and_then(|n| n.parse::<u64>().ok()).unwrap_or(0) > 0
            })
        })
        .unwrap_or(false)
}

/// Starts the kernel's cgroup-attach grace period early, in a throwaway child.
///
/// The first write to any `cgroup.procs` takes the global threadgroup rwsem for
/// writing, which waits for an RCU grace period (~10 ms here); writes that follow
/// within the next grace period are quick. A child that moves itself into the
/// cgroup it is already in (a no-op move) starts that wait while we mount and
/// build the spec, so libcontainer's own move of the container finds it done.
/// Returns the child's pid for the caller to reap; `None` if it could not fork.
pub fn prewarm_attach() -> Option<i32> {
    if crate::util::rootless() {
        return None;
    }
    let procs = own_cgroup_procs()?;
    let path = std::ffi::CString::new(procs.into_os_string().into_encoded_bytes()).ok()?;
    // The child only makes raw system calls: "0" names the writing process.
    match unsafe { libc::fork() } {
        0 => unsafe {
            let fd = libc::open(path.as_ptr(), libc::O_WRONLY | libc::O_CLOEXEC);
            if fd >= 0 {
                libc::write(fd, c"0".as_ptr().cast(), 1);
            }
            libc::_exit(0)
        },
        pid if pid > 0 => Some(pid),
        _ => None,
    }
}

/// The `cgroup.procs` of the cgroup we are in (the pids hierarchy on v1).
fn own_cgroup_procs() -> Option<PathBuf> {
    let text = std::fs::read_to_string("/proc/self/cgroup").ok()?;
    let rel = if is_v2() {
        text.lines().find_map(|l| l.strip_prefix("0::"))?.to_string()
    } else {
        let line = text.lines().find(|l| l.split(':').nth(1) == Some("pids"))?;
        format!("pids{}", line.splitn(3, ':').nth(2)?)
    };
    let path = PathBuf::from(ROOT).join(rel.trim_start_matches('/')).join("cgroup.procs");
    path.exists().then_some(path)
}

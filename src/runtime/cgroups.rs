//! The container cgroup (`/rdock/<id>`), through libcgroups: freezing, pids, stats.

use std::path::PathBuf;

use libcgroups::common::{CgroupConfig, CgroupManager, FreezerState};
use libcgroups::stats::Stats;

use crate::error::{Error, Result};

const ROOT: &str = "/sys/fs/cgroup";

/// Whether the host runs the unified (v2-only) hierarchy.
pub fn is_v2() -> bool {
    std::path::Path::new(ROOT)
        .join("cgroup.controllers")
        .exists()
}

/// `1` or `2`, as `docker info` reports it.
pub fn version() -> u8 {
    if is_v2() {
        2
    } else {
        1
    }
}

pub fn cgroup_path(id: &str) -> PathBuf {
    PathBuf::from(format!("/rdock/{id}"))
}

fn manager(id: &str) -> Result<libcgroups::common::AnyCgroupManager> {
    libcgroups::common::create_cgroup_manager(CgroupConfig {
        cgroup_path: cgroup_path(id),
        systemd_cgroup: false,
        container_name: id.to_string(),
    })
    .map_err(|e| Error::Runtime(format!("opening cgroup of {id}: {e}")))
}

pub fn freeze(id: &str, frozen: bool) -> Result<()> {
    let state = if frozen {
        FreezerState::Frozen
    } else {
        FreezerState::Thawed
    };
    manager(id)?
        .freeze(state)
        .map_err(|e| Error::Runtime(format!("freezing {id}: {e}")))
}

/// Host pids of every process in the container.
pub fn pids(id: &str) -> Result<Vec<i32>> {
    let pids = manager(id)?
        .get_all_pids()
        .map_err(|e| Error::Runtime(format!("listing processes of {id}: {e}")))?;
    Ok(pids.into_iter().map(|p| p.as_raw()).collect())
}

pub fn stats(id: &str) -> Result<Stats> {
    manager(id)?
        .stats()
        .map_err(|e| Error::Runtime(format!("reading stats of {id}: {e}")))
}

/// Whether the kernel's OOM killer struck inside the container's cgroup.
pub fn oom_killed(id: &str) -> bool {
    let file = if is_v2() {
        PathBuf::from(ROOT).join(format!("rdock/{id}/memory.events"))
    } else {
        PathBuf::from(ROOT).join(format!("memory/rdock/{id}/memory.oom_control"))
    };
    std::fs::read_to_string(file)
        .map(|s| {
            s.lines().any(|l| {
                let mut f = l.split_whitespace();
                f.next() == Some("oom_kill")
                    && f.next().and_then(|n| n.parse::<u64>().ok()).unwrap_or(0) > 0
            })
        })
        .unwrap_or(false)
}

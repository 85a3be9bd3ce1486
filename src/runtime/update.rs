//! `update`: a container's resource limits and restart policy changed in its
//! record and, while it runs, in its cgroup at once.

use super::{cgroups, lifecycle, spec};
use crate::error::{Error, Result};
use crate::storage::containers::{ContainerConfig, HostConfig, Status};
use crate::storage::Store;

/// What `update` changes: each `Some` replaces the record's value.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ResourceUpdate {
    pub blkio_weight: Option<u16>,
    pub cpu_period: Option<i64>,
    pub cpu_quota: Option<i64>,
    pub cpu_rt_period: Option<i64>,
    pub cpu_rt_runtime: Option<i64>,
    pub cpu_shares: Option<i64>,
    pub nano_cpus: Option<i64>,
    pub cpuset_cpus: Option<String>,
    pub cpuset_mems: Option<String>,
    pub memory: Option<i64>,
    pub memory_reservation: Option<i64>,
    pub memory_swap: Option<i64>,
    pub pids_limit: Option<i64>,
    /// `--restart` as given (`on-failure:3`).
    pub restart: Option<String>,
}

impl ResourceUpdate {
    /// Whether it changes a limit (not only the restart policy, which
    /// needs no cgroup).
    fn limits(&self) -> bool {
        *self != ResourceUpdate { restart: self.restart.clone(), ..Default::default() }
    }

    fn apply(&self, h: &mut HostConfig) -> Result<()> {
        let set = |to: &mut i64, from: Option<i64>| {
            if let Some(v) = from {
                *to = v;
            }
        };
        if let Some(w) = self.blkio_weight {
            h.blkio_weight = w;
        }
        set(&mut h.cpu_period, self.cpu_period);
        set(&mut h.cpu_quota, self.cpu_quota);
        set(&mut h.cpu_rt_period, self.cpu_rt_period);
        set(&mut h.cpu_rt_runtime, self.cpu_rt_runtime);
        set(&mut h.cpu_shares, self.cpu_shares);
        set(&mut h.nano_cpus, self.nano_cpus);
        set(&mut h.memory_reservation, self.memory_reservation);
        set(&mut h.pids_limit, self.pids_limit);
        if let Some(c) = &self.cpuset_cpus {
            h.cpuset_cpus = c.clone();
        }
        if let Some(m) = &self.cpuset_mems {
            h.cpuset_mems = m.clone();
        }
        if let Some(m) = self.memory {
            // Docker: a memory limit above the swap limit needs a new swap limit too.
            if self.memory_swap.is_none() && h.memory_swap > 0 && m > h.memory_swap {
                return Err(Error::InvalidArgument(
                    "Memory limit should be smaller than already set memoryswap limit, update the memoryswap at the same time".into(),
                ));
            }
            h.memory = m;
        }
        if let Some(s) = self.memory_swap {
            if s > 0 && s < h.memory {
                return Err(Error::InvalidArgument(
                    "Minimum memoryswap limit should be larger than memory limit, see usage".into(),
                ));
            }
            h.memory_swap = s;
        }
        if let Some(r) = &self.restart {
            let (name, max) = lifecycle::parse_restart(r)?;
            if h.auto_remove && name != "no" {
                return Err(Error::InvalidArgument(
                    "Restart policy cannot be updated because AutoRemove is enabled for the container".into(),
                ));
            }
            h.restart_policy = name;
            h.restart_max = max;
        }
        Ok(())
    }
}

/// Updates the container `key`; a running one gets the new limits in its
/// cgroup, and if the kernel refuses them the record keeps the old ones.
pub fn update(store: &Store, key: &str, u: &ResourceUpdate) -> Result<ContainerConfig> {
    let rec = store.find_container(key)?;
    let id = rec.config.id.clone();
    let cannot = |e: Error| Error::InvalidArgument(format!("Cannot update container {id}: {e}"));
    let old = rec.config.clone();
    let new = store
        .update_container_config(&id, |c| {
            u.apply(&mut c.host)?;
            // The same checks as at create: Docker's words, and rootless
            // limits only where a cgroup is delegated.
            lifecycle::check_resources(&c.host)?;
            if store.rootless {
                lifecycle::check_rootless_limits(&c.host)?;
            }
            Ok(c.clone())
        })
        .map_err(cannot)?;
    // A restarting container has no cgroup now: its next run reads the record.
    if u.limits() && matches!(rec.state.status, Status::Running | Status::Paused) {
        if let Err(e) = apply_live(&new) {
            let _ = store.update_container_config(&id, |c| {
                c.host = old.host.clone();
                Ok(())
            });
            return Err(cannot(e));
        }
    }
    Ok(new)
}

/// The record's limits written to the running container's cgroup.
fn apply_live(cfg: &ContainerConfig) -> Result<()> {
    // Device rules stay as they are: only limits change.
    let resources = spec::limits(cfg)?;
    cgroups::apply(&cfg.cgroup(), &resources)
}

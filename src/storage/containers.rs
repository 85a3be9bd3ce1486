//! Container records: the configuration a container was created with, and its
//! state as the supervisor last recorded it.

use std::collections::BTreeMap;
use std::path::PathBuf;

use serde::{Deserialize, Serialize};

use super::lock::FileLock;
use super::{atomic, Store};
use crate::error::{Error, IoContext, Result};

/// Docker's zero time, printed for times that never happened.
pub const ZERO_TIME: &str = "0001-01-01T00:00:00Z";

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct HostConfig {
    pub auto_remove: bool,
    pub init: bool,
    pub network_mode: String,
    pub memory: i64,
    pub nano_cpus: i64,
    pub pids_limit: i64,
    /// `--memory-swap` (memory plus swap; -1 unlimited), `--memory-reservation`.
    pub memory_swap: i64,
    pub memory_reservation: i64,
    /// `--memory-swappiness` (None: the kernel's).
    pub memory_swappiness: Option<i64>,
    pub oom_kill_disable: bool,
    /// `-c/--cpu-shares`, `--cpu-period`, `--cpu-quota`, `--cpuset-cpus/-mems`.
    pub cpu_shares: i64,
    pub cpu_period: i64,
    pub cpu_quota: i64,
    pub cpuset_cpus: String,
    pub cpuset_mems: String,
    /// `--blkio-weight` (10..1000, 0 unset).
    pub blkio_weight: u16,
    pub read_only: bool,
    pub privileged: bool,
    pub cap_add: Vec<String>,
    pub cap_drop: Vec<String>,
    pub security_opt: Vec<String>,
    pub tmpfs: BTreeMap<String, String>,
    /// `--userns`: empty (rdock's namespace) or `keep-id`.
    pub userns: String,
    /// `--cgroupns`: `host` or `private`, resolved at create (Docker's daemon
    /// default: private on cgroup v2, host on v1).
    pub cgroupns: String,
    /// `-v` values as given (inspect's HostConfig.Binds).
    pub binds: Vec<String>,
    /// Bind mounts, volumes and `--mount` tmpfs, resolved at create.
    pub mounts: Vec<MountPoint>,
    pub volumes_from: Vec<String>,
    /// The networks to join, in order (the first gives eth0 and the default
    /// route); empty for none, host and container:NAME.
    pub networks: Vec<EndpointConfig>,
    /// `-p` and `-P` (the latter resolved from EXPOSE at create).
    pub port_bindings: Vec<PortBinding>,
    pub publish_all: bool,
    /// `--add-host NAME:IP` as given.
    pub extra_hosts: Vec<String>,
    pub dns: Vec<String>,
    pub dns_search: Vec<String>,
    pub dns_options: Vec<String>,
    /// `--shm-size` in bytes (0: Docker's 64 MiB).
    pub shm_size: i64,
    /// `--ulimit NAME=SOFT[:HARD]`.
    pub ulimits: Vec<Ulimit>,
    /// `--oom-score-adj` (-1000..1000).
    pub oom_score_adj: i32,
    /// `--sysctl NAME=VALUE`.
    pub sysctls: BTreeMap<String, String>,
    /// `--group-add`: more groups (names from the image's /etc/group, or ids).
    pub group_add: Vec<String>,
    /// `--annotation KEY=VALUE`: OCI annotations for the runtime.
    pub annotations: BTreeMap<String, String>,
    /// `--restart`: `no`, `always`, `unless-stopped` or `on-failure` (with a
    /// most retries count).
    pub restart_policy: String,
    pub restart_max: i64,
    /// `--ipc`, `--pid`, `--uts`: empty (private), `host`, or `container:NAME`
    /// (ipc also `private`, `shareable`).
    pub ipc_mode: String,
    pub pid_mode: String,
    pub uts_mode: String,
    /// `--log-driver` (`json-file`, `local` or `none`; empty is json-file)
    /// and its `--log-opt KEY=VALUE`s.
    pub log_driver: String,
    pub log_opts: BTreeMap<String, String>,
    /// `--device`, `--device-cgroup-rule`.
    pub devices: Vec<DeviceMapping>,
    pub device_cgroup_rules: Vec<String>,
    /// `--blkio-weight-device`, `--device-{read,write}-{bps,iops}`.
    pub blkio_weight_device: Vec<WeightDevice>,
    pub device_read_bps: Vec<ThrottleDevice>,
    pub device_write_bps: Vec<ThrottleDevice>,
    pub device_read_iops: Vec<ThrottleDevice>,
    pub device_write_iops: Vec<ThrottleDevice>,
    /// `--link NAME:ALIAS`s.
    pub links: Vec<String>,
    /// `--cgroup-parent` (empty: rdock's own, `/rdock`).
    pub cgroup_parent: String,
    /// `--cpu-rt-period`, `--cpu-rt-runtime` (microseconds).
    pub cpu_rt_period: i64,
    pub cpu_rt_runtime: i64,
}

/// A container's cgroup: `PARENT/ID` under `--cgroup-parent`, else `/rdock/ID`
/// (Docker's cgroupfs driver makes `/docker/ID`), always from the root.
pub fn cgroup_path(parent: &str, id: &str) -> PathBuf {
    // Cleaned as runc cleans it: `..` cannot climb out of the cgroup root
    // (`--cgroup-parent ../../../tmp` made dirs and files under /tmp).
    let parent = crate::util::lexical_clean(parent);
    let parent = parent.trim_matches('/');
    let parent = if parent.is_empty() { "rdock" } else { parent };
    PathBuf::from("/").join(parent).join(id)
}

impl ContainerConfig {
    /// Where this container's cgroup is.
    pub fn cgroup(&self) -> PathBuf {
        cgroup_path(&self.host.cgroup_parent, &self.id)
    }
}

/// `--device`, `--blkio-weight-device` and `--device-*-bps/iops` values are
/// kept in the Engine API's own shapes.
pub use crate::api::container::{DeviceMapping, ThrottleDevice, WeightDevice};

/// A container's healthcheck (image's HEALTHCHECK or --health-*), in
/// Docker's shape: durations in nanoseconds.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
#[serde(rename_all = "PascalCase", default)]
pub struct Healthcheck {
    pub test: Vec<String>,
    #[serde(skip_serializing_if = "is_zero_i64")]
    pub interval: i64,
    #[serde(skip_serializing_if = "is_zero_i64")]
    pub timeout: i64,
    #[serde(skip_serializing_if = "is_zero_i64")]
    pub start_period: i64,
    #[serde(skip_serializing_if = "is_zero_i64")]
    pub start_interval: i64,
    #[serde(skip_serializing_if = "is_zero_i64")]
    pub retries: i64,
}

fn is_zero_i64(n: &i64) -> bool {
    *n == 0
}

/// One `--ulimit` (-1: unlimited).
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
#[serde(default)]
pub struct Ulimit {
    pub name: String,
    pub soft: i64,
    pub hard: i64,
}

/// How a container joins one network (`--network`, `--ip`, `--network-alias`,
/// `--mac-address`, `network connect`).
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
#[serde(default)]
pub struct EndpointConfig {
    pub network: String,
    pub aliases: Vec<String>,
    pub ip: String,
    pub mac: String,
    /// `--link-local-ip`: more addresses (169.254.0.0/16) on the interface.
    pub link_local_ips: Vec<String>,
}

/// One `-p` mapping; an empty or zero host port means any free one.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
#[serde(default)]
pub struct PortBinding {
    pub host_ip: String,
    pub host_port: u16,
    pub container_port: u16,
    /// `tcp` or `udp`.
    pub proto: String,
}

/// One mount of a container: a host path, a volume, or a tmpfs.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
#[serde(default)]
pub struct MountPoint {
    /// `bind`, `volume` or `tmpfs`.
    pub typ: String,
    /// The host path (bind) or the volume name (volume).
    pub source: String,
    pub destination: String,
    pub read_only: bool,
    /// Bind propagation (`rprivate` unless set).
    pub propagation: String,
    /// Do not fill a new volume from the image.
    pub nocopy: bool,
    /// tmpfs options (`size=…,mode=…`).
    pub options: String,
    /// The mode letters as given after the last colon of `-v` (inspect's Mode).
    pub mode: String,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct ContainerConfig {
    pub id: String,
    pub name: String,
    pub created: String,
    /// The image as the user named it.
    pub image: String,
    pub image_id: String,
    /// Diff ids of the image's layers, bottom first.
    pub layers: Vec<String>,
    /// The command that runs: entrypoint and cmd joined.
    pub path: String,
    pub args: Vec<String>,
    pub entrypoint: Option<Vec<String>>,
    pub cmd: Option<Vec<String>>,
    pub env: Vec<String>,
    pub working_dir: String,
    pub user: String,
    pub labels: BTreeMap<String, String>,
    pub hostname: String,
    pub domainname: String,
    pub tty: bool,
    pub open_stdin: bool,
    pub stdin_once: bool,
    pub attach_stdin: bool,
    pub attach_stdout: bool,
    pub attach_stderr: bool,
    pub stop_signal: Option<String>,
    pub stop_timeout: Option<i64>,
    pub exposed_ports: Vec<String>,
    pub volumes: Vec<String>,
    pub host: HostConfig,
    /// A build step's container, owned by the build with this pid: hidden
    /// from `ps` and the other commands, removed when the build ends (or, if
    /// it was killed, by the next build).
    #[serde(skip_serializing_if = "no_build")]
    pub build_pid: u32,
    pub healthcheck: Option<Healthcheck>,
}

fn no_build(pid: &u32) -> bool {
    *pid == 0
}

#[derive(Debug, Clone, Copy, Default, Serialize, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    #[default]
    Created,
    Running,
    Paused,
    Restarting,
    Removing,
    Exited,
    Dead,
}

impl Status {
    pub fn as_str(&self) -> &'static str {
        match self {
            Status::Created => "created",
            Status::Running => "running",
            Status::Paused => "paused",
            Status::Restarting => "restarting",
            Status::Removing => "removing",
            Status::Exited => "exited",
            Status::Dead => "dead",
        }
    }

    /// Running, paused or restarting: a supervisor owns it (Docker's
    /// `Running`, true while it restarts too). A restarting one has no process.
    pub fn is_active(&self) -> bool {
        matches!(self, Status::Running | Status::Paused | Status::Restarting)
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(default)]
pub struct ContainerState {
    pub status: Status,
    pub pid: i32,
    /// The init process's start time (clock ticks since boot), to detect pid reuse.
    pub pid_start: u64,
    pub exit_code: i32,
    pub error: String,
    pub oom_killed: bool,
    pub started_at: String,
    pub finished_at: String,
    pub restart_count: u32,
    /// Docker's HasBeenManuallyStopped: rdock stopped or signalled it, so an
    /// `unless-stopped` policy leaves it down (`system boot` too).
    #[serde(skip_serializing_if = "is_false")]
    pub manually_stopped: bool,
    /// Docker's ExitOnNext: its restart policy is cancelled until the next
    /// `start` (a stop, a kill, `rm -f`).
    #[serde(skip_serializing_if = "is_false")]
    pub exit_on_next: bool,
    /// What its healthcheck found, as inspect shows it (`State.Health`);
    /// none until a container with a healthcheck first starts.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub health: Option<crate::api::container::Health>,
    /// A pause an operation took (commit): its process and start time. That
    /// pause ends with the process; only a user's `pause` (0 here) persists.
    #[serde(skip_serializing_if = "is_zero")]
    pub paused_by: i32,
    #[serde(skip_serializing_if = "is_zero_u64")]
    pub paused_by_start: u64,
}

impl ContainerState {
    fn damaged(e: &Error) -> ContainerState {
        ContainerState { status: Status::Dead, error: format!("damaged record: {e}"), ..Default::default() }
    }

    /// Dead because its record could not be read (not a container that died).
    pub fn is_damaged(&self) -> bool {
        self.status == Status::Dead && self.error.starts_with("damaged record: ")
    }
}

fn is_false(v: &bool) -> bool {
    !*v
}

fn is_zero(v: &i32) -> bool {
    *v == 0
}

fn is_zero_u64(v: &u64) -> bool {
    *v == 0
}

impl Default for ContainerState {
    fn default() -> Self {
        ContainerState {
            status: Status::Created,
            pid: 0,
            pid_start: 0,
            exit_code: 0,
            error: String::new(),
            oom_killed: false,
            started_at: ZERO_TIME.into(),
            finished_at: ZERO_TIME.into(),
            restart_count: 0,
            manually_stopped: false,
            exit_on_next: false,
            health: None,
            paused_by: 0,
            paused_by_start: 0,
        }
    }
}

/// A container's config and state read together.
#[derive(Debug, Clone)]
pub struct ContainerRecord {
    pub config: ContainerConfig,
    pub state: ContainerState,
}

impl Store {
    fn containers_lock(&self) -> Result<FileLock> {
        FileLock::exclusive(&self.root.join("containers.lock"))
    }

    pub fn container_ids(&self) -> Result<Vec<String>> {
        let dir = self.containers_dir();
        let mut ids = Vec::new();
        for entry in std::fs::read_dir(&dir).ctx(|| format!("reading {}", dir.display()))?.flatten() {
            let name = entry.file_name().to_string_lossy().into_owned();
            if name.len() == 64 && entry.path().join("config.json").exists() {
                ids.push(name);
            }
        }
        Ok(ids)
    }

    /// Ids with a dir in the store or the runroot but no record (a crash
    /// between the two, or damage): `system reset` sweeps them.
    pub fn stray_container_ids(&self) -> Vec<String> {
        let mut out = Vec::new();
        for dir in [self.containers_dir(), self.runroot.clone()] {
            for e in std::fs::read_dir(&dir).into_iter().flatten().flatten() {
                let name = e.file_name().to_string_lossy().into_owned();
                let hex = name.len() == 64 && name.bytes().all(|b| b.is_ascii_hexdigit());
                if hex && !out.contains(&name) && self.container(&name).is_err() {
                    out.push(name);
                }
            }
        }
        out
    }

    /// Every container, skipping records that vanish while we read (removed meanwhile).
    pub fn containers(&self) -> Result<Vec<ContainerRecord>> {
        let mut out = Vec::new();
        for id in self.container_ids()? {
            if let Ok(rec) = self.container(&id) {
                out.push(rec);
            }
        }
        Ok(out)
    }

    /// A container's record. One that cannot be read (garbage, truncated) is
    /// still a container: it reads as Dead, with what is wrong in its error,
    /// so it is listed and `rm -f` can remove it with its processes.
    pub fn container(&self, id: &str) -> Result<ContainerRecord> {
        let dir = self.container_dir(id);
        let config = match atomic::read_json_opt::<ContainerConfig>(&dir.join("config.json")) {
            Ok(Some(c)) => c,
            Ok(None) => return Err(Error::NoSuchContainer(id.to_string())),
            Err(e) => {
                let config = ContainerConfig { id: id.to_string(), ..Default::default() };
                return Ok(ContainerRecord { config, state: ContainerState::damaged(&e) });
            }
        };
        let state = match atomic::read_json_opt(&dir.join("state.json")) {
            Ok(s) => s.unwrap_or_default(),
            Err(e) => ContainerState::damaged(&e),
        };
        Ok(ContainerRecord { config, state })
    }

    /// Finds a container by full id, name, or unique id prefix.
    pub fn find_container(&self, key: &str) -> Result<ContainerRecord> {
        let key_name = key.strip_prefix('/').unwrap_or(key);
        if key.is_empty() {
            return Err(Error::NoSuchContainer(key.to_string()));
        }
        let all = self.containers()?;
        if let Some(rec) = all.iter().find(|r| r.config.id == key || r.config.name == key_name) {
            return Ok(rec.clone());
        }
        let mut matches = all.into_iter().filter(|r| r.config.id.starts_with(key));
        match (matches.next(), matches.next()) {
            (Some(rec), None) => Ok(rec),
            (Some(_), Some(_)) => {
                Err(Error::InvalidArgument(format!("multiple IDs found with provided prefix: {key}")))
            }
            _ => Err(Error::NoSuchContainer(key.to_string())),
        }
    }

    /// Writes a new container's record; fails if its name is taken.
    pub fn create_container_record(&self, config: &ContainerConfig) -> Result<()> {
        let _lock = self.containers_lock()?;
        if let Some(other) = self.containers()?.into_iter().find(|r| r.config.name == config.name) {
            return Err(Error::Conflict(format!(
                "Conflict. The container name \"/{}\" is already in use by container \"{}\". You have to remove (or rename) that container to be able to reuse that name.",
                config.name, other.config.id
            )));
        }
        let dir = self.container_dir(&config.id);
        std::fs::create_dir_all(&dir).ctx(|| format!("creating {}", dir.display()))?;
        // No state.json yet: its absence means "created". config.json lands last
        // and atomically, so a crash never leaves a half-visible record.
        atomic::write_json(&dir.join("config.json"), config)
    }

    pub fn rename_container(&self, id: &str, new_name: &str) -> Result<()> {
        let _lock = self.containers_lock()?;
        if let Some(other) = self.containers()?.into_iter().find(|r| r.config.name == new_name) {
            return Err(Error::Conflict(format!(
                "Conflict. The container name \"/{}\" is already in use by container \"{}\". You have to remove (or rename) that container to be able to reuse that name.",
                new_name, other.config.id
            )));
        }
        self.write_container_config(id, |c| {
            c.name = new_name.to_string();
            Ok(())
        })
    }

    /// Read-modify-write of a container's configuration (rename, network connect).
    pub fn update_container_config<T>(
        &self,
        id: &str,
        f: impl FnOnce(&mut ContainerConfig) -> Result<T>,
    ) -> Result<T> {
        let _lock = self.containers_lock()?;
        self.write_container_config(id, f)
    }

    fn write_container_config<T>(
        &self,
        id: &str,
        f: impl FnOnce(&mut ContainerConfig) -> Result<T>,
    ) -> Result<T> {
        let path = self.container_dir(id).join("config.json");
        let mut config: ContainerConfig = atomic::read_json(&path)?;
        let out = f(&mut config)?;
        atomic::write_json(&path, &config)?;
        Ok(out)
    }

    /// Read-modify-write of a container's state under its lock.
    pub fn update_container_state<T>(
        &self,
        id: &str,
        f: impl FnOnce(&mut ContainerState) -> Result<T>,
    ) -> Result<T> {
        let dir = self.container_dir(id);
        if !dir.join("config.json").exists() {
            return Err(Error::NoSuchContainer(id.to_string()));
        }
        let _lock = FileLock::exclusive(&dir.join("state.lock"))?;
        let path = dir.join("state.json");
        let mut state: ContainerState = atomic::read_json_opt(&path)?.unwrap_or_default();
        let out = f(&mut state)?;
        atomic::write_json(&path, &state)?;
        Ok(out)
    }

    /// Deletes a container's record and files. The caller has stopped it.
    pub fn remove_container_record(&self, id: &str) -> Result<()> {
        let _lock = self.containers_lock()?;
        let dir = self.container_dir(id);
        // Drop config.json first so the record disappears from listings at once.
        let _ = std::fs::remove_file(dir.join("config.json"));
        crate::util::remove_dir_all(&dir).ctx(|| format!("removing {}", dir.display()))?;
        let run = self.container_run_dir(id);
        let _ = crate::util::remove_dir_all(&run);
        Ok(())
    }

    pub fn container_log_path(&self, id: &str) -> PathBuf {
        self.container_dir(id).join(format!("{id}-json.log"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cgroup_parent_stays_under_the_cgroup_root() {
        assert_eq!(cgroup_path("", "id"), PathBuf::from("/rdock/id"));
        assert_eq!(cgroup_path("/my/parent/", "id"), PathBuf::from("/my/parent/id"));
        assert_eq!(cgroup_path("../../../tmp/x", "id"), PathBuf::from("/tmp/x/id"));
        assert_eq!(cgroup_path("a/../../..", "id"), PathBuf::from("/rdock/id"));
        assert_eq!(cgroup_path("a//./b", "id"), PathBuf::from("/a/b/id"));
    }
}

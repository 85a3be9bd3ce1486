//! Build steps that touch the filesystem run in a container of their own on
//! the layers so far, made with rdock's runtime (same security defaults as
//! `run`): RUN starts it, COPY/ADD/WORKDIR write into its mounted root
//! through a child chrooted there. What the step changed (its upper dir)
//! becomes the step's layer, as `commit` does; then the container goes. The
//! record is marked with the build's pid, so it is hidden from `ps` and a
//! build killed with -9 has its leftovers removed by the next one.

use std::os::unix::net::UnixStream;
use std::path::{Path, PathBuf};
use std::time::Duration;

use super::progress::{LineBuffer, Progress, Vertex};
use super::State;
use crate::error::{Error, Result};
use crate::image::config::ImageConfig;
use crate::runtime::attach;
use crate::runtime::lifecycle::{self, CreateOptions};
use crate::storage::containers::{ContainerConfig, HostConfig, MountPoint};
use crate::storage::images::{ImageRecord, LayerRecord};
use crate::storage::Store;

/// How a RUN step's process runs.
#[derive(Debug, Clone, Default)]
pub struct Process {
    pub args: Vec<String>,
    pub env: Vec<String>,
    pub user: String,
    pub workdir: String,
    /// `host` or `none`.
    pub network: String,
    pub extra_hosts: Vec<String>,
    pub shm_size: i64,
    pub ulimits: Vec<crate::storage::containers::Ulimit>,
    /// `build`'s resource flags for RUN (memory, cpus, cgroup parent,
    /// security options): the limit fields of a container's host config.
    pub limits: HostConfig,
    pub mounts: Vec<MountPoint>,
    pub tmpfs: std::collections::BTreeMap<String, String>,
    /// Mount points to make in the init layer, so they never show in the layer.
    pub mount_points: Vec<(String, bool)>,
}

impl Process {
    /// A container only mounted, never started (COPY, WORKDIR): no network.
    pub fn file_op() -> Process {
        Process { network: "none".into(), ..Default::default() }
    }
}

/// A step container, removed when dropped.
pub struct StepContainer<'a> {
    store: &'a Store,
    pub config: ContainerConfig,
}

impl Drop for StepContainer<'_> {
    fn drop(&mut self) {
        let _ = lifecycle::remove(self.store, &self.config.id, true, true);
    }
}

impl<'a> StepContainer<'a> {
    pub fn create(store: &'a Store, state: &State, process: &Process) -> Result<StepContainer<'a>> {
        let image = ImageRecord {
            id: String::new(),
            names: Vec::new(),
            digests: Vec::new(),
            manifest_digest: String::new(),
            manifest_media_type: String::new(),
            layers: state.layers.clone(),
            size: 0,
            created: String::new(),
            added: String::new(),
        };
        let args = if process.args.is_empty() { vec!["/bin/true".to_string()] } else { process.args.clone() };
        // rdock's default network: no network named, as `run` without --network.
        let networks = match process.network.as_str() {
            "host" | "none" => vec![crate::storage::containers::EndpointConfig {
                network: process.network.clone(),
                ..Default::default()
            }],
            _ => Vec::new(),
        };
        let opts = CreateOptions {
            image: "rdock-build".into(),
            command: args,
            name: Some(format!("rdock-build-{}", crate::util::random_hex(6))),
            env: process.env.clone(),
            workdir: Some(if process.workdir.is_empty() { "/".into() } else { process.workdir.clone() }),
            user: Some(process.user.clone()),
            hostname: Some("buildkitsandbox".into()),
            attach_stdout: true,
            attach_stderr: true,
            host: HostConfig {
                networks,
                extra_hosts: process.extra_hosts.clone(),
                shm_size: process.shm_size,
                ulimits: process.ulimits.clone(),
                mounts: process.mounts.clone(),
                tmpfs: process.tmpfs.clone(),
                ..process.limits.clone()
            },
            build_pid: std::process::id(),
            ..Default::default()
        };
        let config = lifecycle::create(store, &image, &ImageConfig::default(), &opts)?;
        let c = StepContainer { store, config };
        if !process.mount_points.is_empty() {
            store.make_init_layer(&c.config.id, &process.mount_points)?;
        }
        Ok(c)
    }

    /// Runs the container's process, its output reported on `v`; returns the
    /// exit code. `cancel` kills it.
    pub fn run(&self, progress: &Progress, v: &Vertex, cancel: &dyn Fn() -> bool) -> Result<i32> {
        let rec = self.store.container(&self.config.id)?;
        let started = lifecycle::start(self.store, &rec, true, None)?;
        let stream = started.attach.ok_or_else(|| Error::Runtime("no attach stream".into()))?;
        let code = self.pump(stream, progress, v, cancel)?;
        lifecycle::wait_supervisor(self.store, &self.config.id);
        if cancel() {
            return Err(Error::Runtime("canceled".into()));
        }
        Ok(code)
    }

    fn pump(
        &self,
        mut stream: UnixStream,
        progress: &Progress,
        v: &Vertex,
        cancel: &dyn Fn() -> bool,
    ) -> Result<i32> {
        let _ = stream.set_read_timeout(Some(Duration::from_millis(200)));
        let mut out = LineBuffer::default();
        let mut killed = false;
        loop {
            if cancel() && !killed {
                let _ = lifecycle::kill(self.store, &self.config.id, "KILL");
                killed = true;
            }
            match attach::read_frame(&mut stream) {
                Ok(Some((attach::STDOUT | attach::STDERR, data))) => {
                    out.push(&data, |l| progress.output(v, l))
                }
                Ok(Some((attach::EXIT, data))) => {
                    out.finish(|l| progress.output(v, l));
                    let code =
                        data.get(..4).map(|b| i32::from_be_bytes([b[0], b[1], b[2], b[3]])).unwrap_or(-1);
                    return Ok(code);
                }
                Ok(Some(_)) => {}
                Ok(None) => {
                    out.finish(|l| progress.output(v, l));
                    let rec = self.store.container(&self.config.id)?;
                    return Ok(rec.state.exit_code);
                }
                Err(e)
                    if matches!(e.kind(), std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut) => {}
                Err(e) => return Err(Error::io("reading the step's output", e)),
            }
        }
    }

    /// Runs `f` with the container's root mounted (not started).
    pub fn with_root<T>(&self, f: impl FnOnce(&Path) -> Result<T>) -> Result<T> {
        let root = self.store.mount_rootfs(&self.config.id, &self.config.layers, None)?;
        let out = f(&root);
        let _ = self.store.unmount_rootfs(&self.config.id);
        out
    }

    /// What the step changed, stored as a layer.
    pub fn layer(&self) -> Result<LayerRecord> {
        let cfg = &self.config;
        crate::image::local::add_layer_from(self.store, |out| self.store.write_container_layer(cfg, out))
    }
}

/// Extracts `write`'s tar into the container root at `/` (owners as the tar
/// says), in a child chrooted there.
pub fn unpack_into(root: &Path, write: impl FnOnce(&mut dyn std::io::Write) -> Result<()>) -> Result<()> {
    use crate::runtime::copy::{in_root, ArchiveOp};
    let op = ArchiveOp::Unpack { dir: "/".into(), archive: true };
    in_root(root, &op, |child| {
        let mut w = child.stdin.take().expect("piped");
        write(&mut w)
    })
}

/// Build containers whose build is gone (killed): removed, so nothing a build
/// did outlives it.
pub fn sweep_stale(store: &Store) {
    if let Ok(recs) = store.containers() {
        for rec in recs {
            let pid = rec.config.build_pid;
            if pid != 0 && !crate::util::alive(pid as i32) {
                let _ = lifecycle::remove(store, &rec.config.id, true, true);
            }
        }
    }
    // A build killed while a step container's files were going (no record
    // left): what is left of it, once old enough not to be a create under way.
    for id in store.stray_container_ids() {
        let age = std::fs::metadata(store.container_dir(&id))
            .or_else(|_| std::fs::metadata(store.container_run_dir(&id)))
            .and_then(|m| m.modified())
            .ok()
            .and_then(|t| t.elapsed().ok());
        if age.is_some_and(|a| a > std::time::Duration::from_secs(60)) {
            let _ = lifecycle::remove_stray(store, &id);
        }
    }
    // Contexts from stdin, bind copies, secrets: a killed build's temp files.
    store.sweep_tmp();
    for e in std::fs::read_dir(&store.runroot).into_iter().flatten().flatten() {
        let name = e.file_name().to_string_lossy().into_owned();
        let pid =
            name.strip_prefix("build-").and_then(|r| r.split('-').next()).and_then(|p| p.parse::<i32>().ok());
        if pid.is_some_and(|p| !crate::util::alive(p)) {
            let _ = crate::util::remove_dir_all(&e.path());
        }
    }
}

/// A host path for a source inside `root`, refused if it resolves outside.
pub fn real_path_inside(root: &Path, rel: &str) -> Result<PathBuf> {
    let r =
        crate::storage::inroot::InRoot::open(root).map_err(|e| Error::io("opening the build context", e))?;
    let h = r.resolve(rel).map_err(|_| super::sources::not_found(rel))?;
    let real = std::fs::read_link(h.proc_path()).map_err(|e| Error::io("resolving a mount source", e))?;
    let root_real = std::fs::canonicalize(root).map_err(|e| Error::io("resolving the build context", e))?;
    if !real.starts_with(&root_real) {
        return Err(super::sources::not_found(rel));
    }
    Ok(real)
}

//! Each container's root filesystem: its image's layers (read-only lowerdirs) under
//! its own upper and work directories, joined by overlayfs at `merged`.

use std::path::{Path, PathBuf};

use nix::mount::{mount, umount2, MntFlags, MsFlags};

use super::Store;
use crate::error::{Error, IoContext, Result};

/// Mount points every container gets (see `init_layer`).
const INIT_DIRS: &[&str] = &["dev", "proc", "sys", "etc"];
const INIT_FILES: &[&str] = &["etc/hosts", "etc/hostname", "etc/resolv.conf"];

/// Held while the working directory is the store root for a mount.
static MOUNT_CWD: std::sync::Mutex<()> = std::sync::Mutex::new(());

/// The kernel refuses mount data longer than a page.
const MAX_MOUNT_DATA: usize = 4095;

pub struct RootfsDirs {
    pub upper: PathBuf,
    pub work: PathBuf,
    pub merged: PathBuf,
}

impl Store {
    pub fn rootfs_dirs(&self, id: &str) -> RootfsDirs {
        let dir = self.container_dir(id);
        RootfsDirs { upper: dir.join("diff"), work: dir.join("work"), merged: dir.join("merged") }
    }

    /// The driver this store uses: `RDOCK_STORAGE_DRIVER` if set, else the one an
    /// earlier container settled on, else native overlay.
    pub fn driver(&self) -> Driver {
        if let Some(d) = std::env::var("RDOCK_STORAGE_DRIVER").ok().and_then(|v| Driver::parse(&v)) {
            return d;
        }
        std::fs::read_to_string(self.root.join("storage-driver"))
            .ok()
            .and_then(|v| Driver::parse(v.trim()))
            .unwrap_or(Driver::Overlay)
    }

    pub fn container_driver(&self, id: &str) -> Option<Driver> {
        std::fs::read_to_string(self.container_dir(id).join("driver"))
            .ok()
            .and_then(|v| Driver::parse(v.trim()))
    }

    /// Assembles the container's root filesystem at its `merged` dir and returns
    /// that path. `layers` are diff ids, bottom first. Rootless, when the kernel
    /// refuses overlayfs, falls back to fuse-overlayfs, then to copying.
    pub fn mount_rootfs(&self, id: &str, layers: &[String], shift: Option<&IdShift>) -> Result<PathBuf> {
        let dirs = self.rootfs_dirs(id);
        if is_mountpoint(&dirs.merged) {
            return Ok(dirs.merged);
        }
        let lowers = self.lower_dirs(id, layers, shift)?;
        let forced = std::env::var("RDOCK_STORAGE_DRIVER").ok().and_then(|v| Driver::parse(&v));
        let chosen = self.container_driver(id).or(forced);
        let candidates: Vec<Driver> = match chosen {
            Some(d) => vec![d],
            None if self.rootless => vec![self.driver(), Driver::FuseOverlayfs, Driver::Vfs],
            None => vec![self.driver()],
        };
        let mut errors = Vec::new();
        for (i, driver) in candidates.iter().enumerate() {
            if i > 0 && candidates[..i].contains(driver) {
                continue;
            }
            match self.assemble(*driver, id, &lowers, &dirs) {
                Ok(()) => {
                    std::fs::write(self.container_dir(id).join("driver"), driver.name())
                        .ctx(|| "recording the storage driver".into())?;
                    if chosen.is_none() && *driver != self.driver() {
                        let _ =
                            super::atomic::write(&self.root.join("storage-driver"), driver.name().as_bytes());
                    }
                    return Ok(dirs.merged);
                }
                Err(e) => errors.push(format!("{}: {e}", driver.name())),
            }
        }
        Err(Error::Runtime(format!("cannot assemble the root filesystem ({})", errors.join("; "))))
    }

    /// Layer dirs relative to the store root, top first.
    fn lower_dirs(&self, id: &str, layers: &[String], shift: Option<&IdShift>) -> Result<Vec<String>> {
        let mut lowers = Vec::new();
        let mut seen = std::collections::HashSet::new();
        for diff_id in layers.iter().rev() {
            // overlayfs refuses a dir twice (ELOOP). A layer's lower copy adds
            // nothing its upper copy does not (the same files and whiteouts over
            // more), so only the topmost is kept: two empty RUN layers, say.
            if !seen.insert(diff_id) {
                continue;
            }
            let hex = super::blobs::digest_hex(diff_id)?;
            if !self.layers_dir().join(hex).join("diff").is_dir() {
                return Err(Error::Layer(format!("layer {diff_id} is missing from the store")));
            }
            lowers.push(match shift {
                Some(s) => self.shifted_layer(hex, s)?,
                None => self.short_link(hex),
            });
        }
        lowers.insert(0, self.init_layer(id)?);
        Ok(lowers)
    }

    /// The container's init layer (as Docker calls it): the mount points the
    /// runtime binds over, made once above the image's layers so that they
    /// never show up as the container's own changes. Relative to the store root.
    fn init_layer(&self, id: &str) -> Result<String> {
        let rel = format!("containers/{id}/init");
        if !self.root.join(&rel).is_dir() {
            self.make_init_layer(id, &[])?;
        }
        Ok(rel)
    }

    /// Makes the init layer with `extra` mount points as well (path, is a
    /// file): a build step's cache and secret mounts, which must not show up
    /// in the step's layer.
    pub fn make_init_layer(&self, id: &str, extra: &[(String, bool)]) -> Result<()> {
        let dir = self.container_dir(id).join("init");
        let staging = self.container_dir(id).join(format!(".tmp-{}-init", std::process::id()));
        let _ = crate::util::remove_dir_all(&staging);
        let points = INIT_DIRS
            .iter()
            .map(|d| (d.to_string(), false))
            .chain(INIT_FILES.iter().map(|f| (f.to_string(), true)))
            .chain(extra.iter().cloned());
        for (point, is_file) in points {
            let rel: std::path::PathBuf = Path::new(&point)
                .components()
                .filter(|c| matches!(c, std::path::Component::Normal(_)))
                .collect();
            if rel.as_os_str().is_empty() {
                continue;
            }
            let path = staging.join(&rel);
            let made = if is_file {
                path.parent()
                    .map(std::fs::create_dir_all)
                    .unwrap_or(Ok(()))
                    .and_then(|_| std::fs::write(&path, ""))
            } else {
                std::fs::create_dir_all(&path)
            };
            made.ctx(|| format!("creating {}", path.display()))?;
        }
        std::fs::rename(&staging, &dir).ctx(|| format!("creating {}", dir.display()))
    }

    /// A short name for a layer's dir (`l/` and 16 hex digits, a link to it)
    /// for the overlay option string, which the kernel caps at a page: with
    /// full paths only about 50 layers fit, with these over 200.
    fn short_link(&self, hex: &str) -> String {
        let full = format!("layers/{hex}/diff");
        let short = format!("l/{}", &hex[..16.min(hex.len())]);
        let target = format!("../{full}");
        let link = self.root.join(&short);
        match std::fs::read_link(&link) {
            Ok(t) if t == Path::new(&target) => return short,
            Ok(_) => return full, // another layer with the same prefix has it
            Err(_) => {}
        }
        let _ = std::fs::create_dir_all(self.root.join("l"));
        match std::os::unix::fs::symlink(&target, &link) {
            Ok(()) => short,
            Err(_) if std::fs::read_link(&link).is_ok_and(|t| t == Path::new(&target)) => short,
            Err(_) => full,
        }
    }

    /// The init layer's path, if the container has one yet.
    pub fn init_layer_dir(&self, id: &str) -> Option<PathBuf> {
        Some(self.container_dir(id).join("init")).filter(|d| d.is_dir())
    }

    /// A copy of a layer with its owners shifted, made once per mapping; returns
    /// its path relative to the store root.
    fn shifted_layer(&self, hex: &str, shift: &IdShift) -> Result<String> {
        let rel = format!("layers-shifted/{}/{hex}/diff", shift.key());
        if self.root.join(&rel).is_dir() {
            return Ok(rel);
        }
        let parent = self.root.join("layers-shifted").join(shift.key());
        std::fs::create_dir_all(&parent).ctx(|| format!("creating {}", parent.display()))?;
        let staging = parent.join(format!(".tmp-{}-{}", std::process::id(), crate::util::random_hex(4)));
        std::fs::create_dir_all(staging.join("diff")).ctx(|| format!("creating {}", staging.display()))?;
        let src = self.layers_dir().join(hex).join("diff");
        let copied = super::vfs::copy_shifted(&src, &staging.join("diff"), &|id| shift.apply(id))
            .map_err(|e| Error::Layer(e.to_string()))
            .and_then(|()| {
                std::fs::rename(&staging, parent.join(hex)).ctx(|| "storing a shifted layer".into())
            });
        if copied.is_err() {
            let _ = crate::util::remove_dir_all(&staging);
            if self.root.join(&rel).is_dir() {
                return Ok(rel); // another process made it meanwhile
            }
        }
        copied.map(|()| rel)
    }

    fn assemble(&self, driver: Driver, id: &str, lowers: &[String], dirs: &RootfsDirs) -> Result<()> {
        for d in [&dirs.upper, &dirs.work, &dirs.merged] {
            std::fs::create_dir_all(d).ctx(|| format!("creating {}", d.display()))?;
        }
        // Paths relative to the store root keep the option string short; mounts
        // happen with the root as working directory.
        let mut data = format!(
            "lowerdir={},upperdir=containers/{id}/diff,workdir=containers/{id}/work",
            lowers.join(":")
        );
        match driver {
            Driver::Overlay => {
                if self.rootless {
                    data.push_str(",userxattr");
                }
                if data.len() > MAX_MOUNT_DATA {
                    return Err(Error::Runtime(format!("too many image layers to mount ({})", lowers.len())));
                }
                // The working directory is the process's: threads mounting at
                // once (a build's parallel stages) take turns.
                let _turn = MOUNT_CWD.lock().unwrap_or_else(|e| e.into_inner());
                let cwd = std::env::current_dir().ok();
                std::env::set_current_dir(&self.root).ctx(|| format!("entering {}", self.root.display()))?;
                let result = mount(
                    Some("overlay"),
                    &dirs.merged,
                    Some("overlay"),
                    MsFlags::empty(),
                    Some(data.as_str()),
                );
                if let Some(cwd) = cwd {
                    let _ = std::env::set_current_dir(cwd);
                }
                result.ctx(|| format!("mounting overlay at {}", dirs.merged.display()))
            }
            Driver::FuseOverlayfs => {
                std::fs::OpenOptions::new()
                    .read(true)
                    .write(true)
                    .open("/dev/fuse")
                    .ctx(|| "fuse-overlayfs needs /dev/fuse".into())?;
                let out = std::process::Command::new("fuse-overlayfs")
                    .current_dir(&self.root)
                    .arg("-o")
                    .arg(&data)
                    .arg(&dirs.merged)
                    .stdin(std::process::Stdio::null())
                    .output()
                    .ctx(|| "running fuse-overlayfs".into())?;
                if !out.status.success() {
                    return Err(Error::Runtime(format!(
                        "fuse-overlayfs: {}",
                        String::from_utf8_lossy(&out.stderr).trim()
                    )));
                }
                Ok(())
            }
            Driver::Vfs => {
                let ready = self.container_dir(id).join("vfs-ready");
                if ready.exists() {
                    return Ok(());
                }
                let prefix = self.unpack_options().overlay_xattr_prefix;
                for lower in lowers.iter().rev() {
                    super::vfs::apply_layer(&self.root.join(lower), &dirs.merged, prefix)
                        .map_err(|e| Error::Layer(e.to_string()))?;
                }
                std::fs::write(&ready, "").ctx(|| "marking the copy complete".into())
            }
        }
    }

    pub fn unmount_rootfs(&self, id: &str) -> Result<()> {
        let merged = self.rootfs_dirs(id).merged;
        unmount(&merged)
    }
}

/// How ids on disk move for a container with its own user namespace
/// (`--userns=keep-id`): its id `own` is our 0, its ids below that are ours
/// shifted up by one, the rest stay.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct IdShift {
    pub own: u32,
    pub mapped: u32,
}

impl IdShift {
    /// Where a file owned by `id` (as the image has it) must be stored so the
    /// container sees `id`.
    pub fn apply(&self, id: u32) -> u32 {
        match id {
            i if i == self.own => 0,
            i if i < self.own => i + 1,
            i => i,
        }
    }

    fn key(&self) -> String {
        format!("keep-id-{}-{}", self.own, self.mapped)
    }
}

/// How a container's root filesystem is put together.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Driver {
    /// The kernel's overlayfs (with `userxattr` rootless).
    Overlay,
    /// overlayfs in user space, for kernels that refuse rootless overlay mounts.
    FuseOverlayfs,
    /// A full copy of the layers: slow, works everywhere.
    Vfs,
}

impl Driver {
    pub fn parse(s: &str) -> Option<Driver> {
        match s {
            "overlay" | "overlay2" => Some(Driver::Overlay),
            "fuse-overlayfs" => Some(Driver::FuseOverlayfs),
            "vfs" => Some(Driver::Vfs),
            _ => None,
        }
    }

    /// As `docker info` names it.
    pub fn name(&self) -> &'static str {
        match self {
            Driver::Overlay => "overlay2",
            Driver::FuseOverlayfs => "fuse-overlayfs",
            Driver::Vfs => "vfs",
        }
    }
}

pub fn unmount(path: &Path) -> Result<()> {
    if !is_mountpoint(path) {
        return Ok(());
    }
    match umount2(path, MntFlags::empty()) {
        Ok(()) => Ok(()),
        Err(nix::errno::Errno::EBUSY) => {
            umount2(path, MntFlags::MNT_DETACH).ctx(|| format!("unmounting {}", path.display()))
        }
        Err(nix::errno::Errno::EINVAL) | Err(nix::errno::Errno::ENOENT) => Ok(()),
        Err(e) => Err(Error::io(format!("unmounting {}", path.display()), e.into())),
    }
}

/// Whether `path` is the root of a mount (its device differs from its parent's, or
/// the mount table lists it).
pub fn is_mountpoint(path: &Path) -> bool {
    use std::os::unix::fs::MetadataExt;
    let (Ok(me), Some(parent)) = (std::fs::symlink_metadata(path), path.parent()) else {
        return false;
    };
    let Ok(up) = std::fs::symlink_metadata(parent) else {
        return false;
    };
    if me.dev() != up.dev() {
        return true;
    }
    // Same device: only a bind mount of the same filesystem looks like this.
    let Ok(mounts) = std::fs::read_to_string("/proc/self/mountinfo") else {
        return false;
    };
    let want = path.to_string_lossy();
    mounts.lines().any(|l| l.split(' ').nth(4).map(unescape_mountinfo).as_deref() == Some(&*want))
}

fn unescape_mountinfo(s: &str) -> String {
    s.replace("\\040", " ").replace("\\011", "\t").replace("\\012", "\n").replace("\\134", "\\")
}

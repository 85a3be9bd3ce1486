//! Each container's root filesystem: its image's layers (read-only lowerdirs) under
//! its own upper and work directories, joined by overlayfs at `merged`.

use std::path::{Path, PathBuf};

use nix::mount::{mount, umount2, MntFlags, MsFlags};

use super::Store;
use crate::error::{Error, IoContext, Result};

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

    /// Mounts the container's overlay at its `merged` dir and returns that path.
    /// `layers` are diff ids, bottom first.
    pub fn mount_rootfs(&self, id: &str, layers: &[String]) -> Result<PathBuf> {
        let dirs = self.rootfs_dirs(id);
        for d in [&dirs.upper, &dirs.work, &dirs.merged] {
            std::fs::create_dir_all(d).ctx(|| format!("creating {}", d.display()))?;
        }
        if is_mountpoint(&dirs.merged) {
            return Ok(dirs.merged);
        }
        // Paths relative to the store root keep the option string short; the mount
        // happens with the root as working directory.
        let mut lowers = Vec::new();
        for diff_id in layers.iter().rev() {
            let hex = super::blobs::digest_hex(diff_id)?;
            if !self.layers_dir().join(hex).join("diff").is_dir() {
                return Err(Error::Layer(format!("layer {diff_id} is missing from the store")));
            }
            lowers.push(format!("layers/{hex}/diff"));
        }
        if lowers.is_empty() {
            let empty = self.container_dir(id).join("empty");
            std::fs::create_dir_all(&empty).ctx(|| "creating empty lower dir".into())?;
            lowers.push(format!("containers/{id}/empty"));
        }
        let data = format!(
            "lowerdir={},upperdir=containers/{id}/diff,workdir=containers/{id}/work",
            lowers.join(":")
        );
        if data.len() > MAX_MOUNT_DATA {
            return Err(Error::Runtime(format!("too many image layers to mount ({})", layers.len())));
        }
        let cwd = std::env::current_dir().ok();
        std::env::set_current_dir(&self.root).ctx(|| format!("entering {}", self.root.display()))?;
        let result =
            mount(Some("overlay"), &dirs.merged, Some("overlay"), MsFlags::empty(), Some(data.as_str()));
        if let Some(cwd) = cwd {
            let _ = std::env::set_current_dir(cwd);
        }
        result.ctx(|| format!("mounting overlay at {}", dirs.merged.display()))?;
        Ok(dirs.merged)
    }

    pub fn unmount_rootfs(&self, id: &str) -> Result<()> {
        let merged = self.rootfs_dirs(id).merged;
        unmount(&merged)
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

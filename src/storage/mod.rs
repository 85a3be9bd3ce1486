//! On-disk state: content store, unpacked layers, image and container records.
//!
//! Many rdock processes share this state at once: every shared write happens under a
//! file lock ([`lock`]) and lands atomically ([`atomic`]).

pub mod archive;
pub mod atomic;
pub mod blobs;
pub mod buildcache;
pub mod changes;
pub mod compress;
pub mod containers;
pub mod events;
pub mod gc;
pub mod images;
pub mod inroot;
pub mod layer;
pub mod lock;
pub mod networks;
pub mod overlay;
pub mod tree;
pub mod vfs;
pub mod volumes;

use std::path::{Path, PathBuf};

use crate::error::{IoContext, Result};

/// The two state directories: `root` persists (images, containers, logs), `runroot`
/// holds runtime state that must not survive a reboot (sockets, runtime dirs).
#[derive(Debug, Clone)]
pub struct Store {
    pub root: PathBuf,
    pub runroot: PathBuf,
    /// Not real root: files and mounts follow user-namespace rules.
    pub rootless: bool,
}

impl Store {
    pub fn open(root: &Path, runroot: &Path) -> Result<Store> {
        let store =
            Store { root: absolute(root), runroot: absolute(runroot), rootless: crate::util::rootless() };
        for dir in [
            store.root.clone(),
            store.blobs_dir(),
            store.layers_dir(),
            store.containers_dir(),
            store.cache_dir(),
            store.runroot.clone(),
        ] {
            std::fs::create_dir_all(&dir).ctx(|| format!("creating {}", dir.display()))?;
        }
        restrict_mode(&store.root);
        restrict_mode(&store.runroot);
        Ok(store)
    }

    pub fn blobs_dir(&self) -> PathBuf {
        self.root.join("blobs/sha256")
    }
    pub fn layers_dir(&self) -> PathBuf {
        self.root.join("layers")
    }
    pub fn containers_dir(&self) -> PathBuf {
        self.root.join("containers")
    }
    pub fn cache_dir(&self) -> PathBuf {
        self.root.join("cache")
    }
    pub fn container_dir(&self, id: &str) -> PathBuf {
        self.containers_dir().join(id)
    }
    /// Per-container runtime directory: sockets and the supervisor's lock.
    pub fn container_run_dir(&self, id: &str) -> PathBuf {
        self.runroot.join(id)
    }
    /// How layers are unpacked into this store: overlay's extended attributes are
    /// `user.` ones rootless, and device nodes cannot be made there.
    pub fn unpack_options(&self) -> layer::UnpackOptions {
        if self.rootless {
            layer::UnpackOptions {
                devices: false,
                overlay_xattr_prefix: "user.overlay.",
                ..Default::default()
            }
        } else {
            layer::UnpackOptions::default()
        }
    }

    /// Where libcontainer keeps its own per-container state.
    pub fn runtime_state_dir(&self) -> PathBuf {
        self.runroot.join("runtime")
    }
}

fn absolute(p: &Path) -> PathBuf {
    if p.is_absolute() {
        p.to_path_buf()
    } else {
        std::env::current_dir().map(|d| d.join(p)).unwrap_or_else(|_| p.to_path_buf())
    }
}

/// State dirs hold other users' files once containers run; keep them private.
fn restrict_mode(dir: &Path) {
    use std::os::unix::fs::PermissionsExt;
    if let Ok(meta) = std::fs::metadata(dir) {
        if meta.permissions().mode() & 0o077 != 0 {
            let _ = std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o700));
        }
    }
}

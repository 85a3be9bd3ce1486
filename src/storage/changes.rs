//! What a container changed in its root filesystem (`diff`, `commit`) and the
//! whole filesystem as it sees it (`export`), read from the store's directories.

use std::io::Write;
use std::path::PathBuf;

use super::archive::{self, TarWriter};
use super::containers::ContainerConfig;
use super::overlay::Driver;
use super::tree::{self, Change, Stack};
use super::Store;
use crate::error::{Error, Result};

impl Store {
    /// The container's init layer and its image's layers, top first.
    fn image_stack(&self, config: &ContainerConfig) -> Result<Stack<'static>> {
        let mut dirs: Vec<PathBuf> = self.init_layer_dir(&config.id).into_iter().collect();
        let layers =
            config.layers.iter().rev().map(|d| self.layer_diff_dir(d)).collect::<Result<Vec<PathBuf>>>()?;
        dirs.extend(layers);
        Ok(Stack { dirs, xattr_prefix: self.unpack_options().overlay_xattr_prefix })
    }

    /// A full copy of the tree, if the container uses the copying driver and has one.
    fn copied_rootfs(&self, config: &ContainerConfig) -> Option<PathBuf> {
        (self.container_driver(&config.id) == Some(Driver::Vfs)
            && self.container_dir(&config.id).join("vfs-ready").exists())
        .then(|| self.rootfs_dirs(&config.id).merged)
    }

    /// Paths added, changed and deleted, as `docker diff` lists them.
    pub fn container_changes(&self, config: &ContainerConfig) -> Result<Vec<Change>> {
        let image = self.image_stack(config)?;
        let io = |e| Error::io(format!("reading the filesystem of {}", config.id), e);
        if let Some(copy) = self.copied_rootfs(config) {
            return tree::copy_changes(&copy, &image).map_err(io);
        }
        let upper = self.rootfs_dirs(&config.id).upper;
        if !upper.is_dir() {
            return Ok(Vec::new());
        }
        tree::upper_changes(&upper, &image, image.xattr_prefix).map_err(io)
    }

    /// The container's changes as an OCI layer tar.
    pub fn write_container_layer(
        &self,
        config: &ContainerConfig,
        out: &mut dyn Write,
    ) -> std::io::Result<()> {
        if let Some(copy) = self.copied_rootfs(config) {
            let mut tar = TarWriter::new(out).confined_to(&copy)?;
            let image = self.image_stack(config).map_err(std::io::Error::other)?;
            let changes = tree::copy_changes(&copy, &image)?;
            archive::write_changes(&copy, &changes, &mut tar)?;
            return tar.finish()?.flush();
        }
        let upper = self.rootfs_dirs(&config.id).upper;
        if !upper.is_dir() {
            return TarWriter::new(out).finish()?.flush();
        }
        let mut tar = TarWriter::new(out).confined_to(&upper)?;
        archive::write_upper(&upper, self.unpack_options().overlay_xattr_prefix, &mut tar)?;
        tar.finish()?.flush()
    }

    /// The container's whole filesystem as a tar (`export`).
    pub fn export_container(&self, config: &ContainerConfig, out: &mut dyn Write) -> Result<()> {
        let mut stack = self.image_stack(config)?;
        if let Some(copy) = self.copied_rootfs(config) {
            stack.dirs = vec![copy];
        } else {
            stack.dirs.insert(0, self.rootfs_dirs(&config.id).upper);
        }
        let io = |e| Error::io(format!("exporting {}", config.id), e);
        // The top dir is the one a running container writes to.
        let mut tar = TarWriter::new(out).confined_to(&stack.dirs[0]).map_err(io)?;
        stack.walk(&mut |n| tar.add(&n.rel, &n.path, &n.meta)).map_err(io)?;
        tar.finish().and_then(|w| w.flush()).map_err(io)
    }

    /// An image's whole filesystem (its layers merged) as a tar.
    pub fn export_layers(&self, layers: &[String], out: &mut dyn Write) -> Result<()> {
        let dirs = layers.iter().rev().map(|d| self.layer_diff_dir(d)).collect::<Result<Vec<PathBuf>>>()?;
        let stack = Stack { dirs, xattr_prefix: self.unpack_options().overlay_xattr_prefix };
        let io = |e| Error::io("exporting the image", e);
        let mut tar = TarWriter::new(out);
        stack.walk(&mut |n| tar.add(&n.rel, &n.path, &n.meta)).map_err(io)?;
        tar.finish().and_then(|w| w.flush()).map_err(io)
    }
}

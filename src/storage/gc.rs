//! Garbage collection: blobs and unpacked layers that no image and no
//! container references any more.
//!
//! Whoever stores blobs or layers before the record that references them (a
//! pull, commit, import, load) or reads an image record to reference its layers
//! (create) holds `gc.lock` shared meanwhile; collection takes it exclusively.

use std::collections::HashSet;

use super::lock::FileLock;
use super::Store;
use crate::error::Result;

impl Store {
    /// Keeps collection away while held.
    pub fn gc_guard(&self) -> Result<FileLock> {
        FileLock::shared(&self.root.join("gc.lock"))
    }

    /// Removes what nothing references and returns the bytes freed. With `wait`
    /// false it gives up at once (returning 0) while a pull or commit is under
    /// way; the next collection gets what it left.
    pub fn collect_garbage(&self, wait: bool) -> Result<u64> {
        let path = self.root.join("gc.lock");
        let _lock = if wait {
            FileLock::exclusive(&path)?
        } else {
            match FileLock::try_exclusive(&path)? {
                Some(l) => l,
                None => return Ok(0),
            }
        };
        self.sweep_tmp();
        let mut blobs = HashSet::new();
        let mut layers = HashSet::new();
        let hex = |d: &str| d.strip_prefix("sha256:").unwrap_or(d).to_string();
        for img in self.images()?.images {
            blobs.insert(hex(&img.id));
            blobs.insert(hex(&img.manifest_digest));
            for l in &img.layers {
                blobs.insert(hex(&l.digest));
                layers.insert(hex(&l.diff_id));
            }
        }
        for rec in self.containers()? {
            layers.extend(rec.config.layers.iter().map(|d| hex(d)));
        }
        let (cached_layers, cached_blobs) = super::buildcache::references(self);
        layers.extend(cached_layers.iter().map(|d| hex(d)));
        blobs.extend(cached_blobs.iter().map(|d| hex(d)));
        let mut freed = 0;
        for entry in read_dir(&self.blobs_dir()) {
            let name = entry.file_name().to_string_lossy().into_owned();
            if !name.starts_with('.') && !blobs.contains(&name) {
                freed += entry.metadata().map(|m| m.len()).unwrap_or(0);
                let _ = std::fs::remove_file(entry.path());
            }
        }
        for entry in read_dir(&self.layers_dir()) {
            let name = entry.file_name().to_string_lossy().into_owned();
            if !name.starts_with('.') && !layers.contains(&name) {
                freed += self.layer_size(&format!("sha256:{name}"));
                let _ = crate::util::remove_dir_all(&entry.path());
            }
        }
        // Short names of layers (overlay.rs) whose layer is gone.
        for entry in read_dir(&self.root.join("l")) {
            if !entry.path().exists() {
                let _ = std::fs::remove_file(entry.path());
            }
        }
        // Id-shifted copies of layers (keep-id) go with their layer.
        for mapping in read_dir(&self.root.join("layers-shifted")) {
            for entry in read_dir(&mapping.path()) {
                let name = entry.file_name().to_string_lossy().into_owned();
                if !name.starts_with('.') && !layers.contains(&name) {
                    let _ = crate::util::remove_dir_all(&entry.path());
                }
            }
        }
        Ok(freed)
    }
}

impl Store {
    /// Removes what killed pulls, commits and loads left half-written.
    pub fn sweep_tmp(&self) {
        for dir in [self.root.clone(), self.blobs_dir(), self.layers_dir()] {
            super::blobs::clean_stale_tmp(&dir);
        }
    }
}

fn read_dir(dir: &std::path::Path) -> impl Iterator<Item = std::fs::DirEntry> {
    std::fs::read_dir(dir).into_iter().flatten().flatten()
}

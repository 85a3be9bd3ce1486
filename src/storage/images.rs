//! The image index: which images exist, their names, and the layers they stack.

use serde::{Deserialize, Serialize};

use super::lock::FileLock;
use super::{atomic, Store};
use crate::error::Result;

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct LayerRecord {
    /// Digest of the blob as the registry served it (compressed).
    pub digest: String,
    /// Digest of the uncompressed tar: the key of the unpacked layer.
    pub diff_id: String,
    pub media_type: String,
    /// Size of the compressed blob.
    pub size: u64,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct ImageRecord {
    /// `sha256:` digest of the image config.
    pub id: String,
    /// Fully qualified `registry/repository:tag` names.
    #[serde(default)]
    pub names: Vec<String>,
    /// Fully qualified `registry/repository@sha256:…` names.
    #[serde(default)]
    pub digests: Vec<String>,
    pub manifest_digest: String,
    pub manifest_media_type: String,
    /// Bottom layer first.
    pub layers: Vec<LayerRecord>,
    /// Unpacked size of all layers.
    pub size: u64,
    /// When the image was built (from its config).
    pub created: String,
    /// When this store got it.
    pub added: String,
}

#[derive(Debug, Default, Serialize, Deserialize)]
pub struct ImageIndex {
    #[serde(default)]
    pub images: Vec<ImageRecord>,
}

impl ImageIndex {
    /// Points `name` at image `id` only, as a tag does.
    pub fn set_name(&mut self, name: &str, id: &str) {
        for img in &mut self.images {
            if img.id != id {
                img.names.retain(|n| n != name);
            } else if !img.names.iter().any(|n| n == name) {
                img.names.push(name.to_string());
            }
        }
    }
}

impl Store {
    fn images_path(&self) -> std::path::PathBuf {
        self.root.join("images.json")
    }

    /// The current index. Readers take no lock: the file is always replaced whole.
    pub fn images(&self) -> Result<ImageIndex> {
        Ok(atomic::read_json_opt(&self.images_path())?.unwrap_or_default())
    }

    /// Read-modify-write of the index under its lock.
    pub fn update_images<T>(&self, f: impl FnOnce(&mut ImageIndex) -> Result<T>) -> Result<T> {
        let _lock = FileLock::exclusive(&self.root.join("images.lock"))?;
        let mut index = self.images()?;
        let out = f(&mut index)?;
        atomic::write_json(&self.images_path(), &index)?;
        Ok(out)
    }
}

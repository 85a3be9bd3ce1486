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

    /// The last index written, kept beside it: its names survive damage to
    /// the index itself.
    fn images_prev_path(&self) -> std::path::PathBuf {
        self.root.join("images.json.prev")
    }

    /// The current index. Readers take no lock: the file is always replaced
    /// whole. A damaged index is rebuilt (under the lock) with a warning.
    pub fn images(&self) -> Result<ImageIndex> {
        match atomic::read_json_opt(&self.images_path()) {
            Ok(index) => Ok(index.unwrap_or_default()),
            Err(_) => self.update_images(|_| Ok(())).and_then(|_| self.images()),
        }
    }

    /// Read-modify-write of the index under its lock.
    pub fn update_images<T>(&self, f: impl FnOnce(&mut ImageIndex) -> Result<T>) -> Result<T> {
        let _lock = FileLock::exclusive(&self.root.join("images.lock"))?;
        let mut index = match atomic::read_json_opt(&self.images_path()) {
            Ok(index) => index.unwrap_or_default(),
            Err(e) => {
                let index = self.rebuild_index();
                eprintln!(
                    "WARNING: {e}; rebuilt the image index from the content store ({} images)",
                    index.images.len()
                );
                index
            }
        };
        let out = f(&mut index)?;
        let data = serde_json::to_vec_pretty(&index)
            .map_err(|e| crate::error::Error::Json { path: self.images_path(), source: e })?;
        atomic::write(&self.images_path(), &data)?;
        let _ = atomic::write(&self.images_prev_path(), &data);
        Ok(out)
    }

    /// Every image the content store holds whole: a manifest blob whose config
    /// blob and unpacked layers are all here. Names come from the previous
    /// index where it still reads; the others are untagged.
    fn rebuild_index(&self) -> ImageIndex {
        let prev: ImageIndex =
            atomic::read_json_opt(&self.images_prev_path()).ok().flatten().unwrap_or_default();
        let mut index = ImageIndex::default();
        let entries = std::fs::read_dir(self.blobs_dir()).into_iter().flatten().flatten();
        for e in entries {
            let name = e.file_name().to_string_lossy().into_owned();
            if name.len() != 64 || e.metadata().map_or(true, |m| m.len() > MAX_MANIFEST) {
                continue;
            }
            let Some(mut img) = self.image_from_manifest(&format!("sha256:{name}")) else { continue };
            if index.images.iter().any(|i| i.id == img.id) {
                continue;
            }
            if let Some(old) = prev.images.iter().find(|i| i.id == img.id) {
                img.names = old.names.clone();
                img.digests = old.digests.clone();
                img.added = old.added.clone();
            }
            index.images.push(img);
        }
        index.images.sort_by(|a, b| a.added.cmp(&b.added));
        index
    }

    fn image_from_manifest(&self, digest: &str) -> Option<ImageRecord> {
        let m: serde_json::Value = serde_json::from_slice(&self.read_blob(digest).ok()?).ok()?;
        let config_digest = m["config"]["digest"].as_str()?;
        let config: serde_json::Value = serde_json::from_slice(&self.read_blob(config_digest).ok()?).ok()?;
        let diff_ids = config["rootfs"]["diff_ids"].as_array()?;
        let layers = m["layers"].as_array()?;
        if diff_ids.len() != layers.len() {
            return None;
        }
        let mut out = Vec::new();
        for (l, d) in layers.iter().zip(diff_ids) {
            let diff_id = d.as_str()?;
            if !self.has_layer(diff_id) {
                return None;
            }
            out.push(LayerRecord {
                digest: l["digest"].as_str()?.to_string(),
                diff_id: diff_id.to_string(),
                media_type: l["mediaType"].as_str().unwrap_or_default().to_string(),
                size: l["size"].as_u64().unwrap_or(0),
            });
        }
        let oci = m["config"]["mediaType"].as_str().is_some_and(|t| t.contains("oci"));
        let media_type = m["mediaType"].as_str().map(str::to_string).unwrap_or_else(|| {
            if oci {
                "application/vnd.oci.image.manifest.v1+json"
            } else {
                "application/vnd.docker.distribution.manifest.v2+json"
            }
            .to_string()
        });
        Some(ImageRecord {
            id: config_digest.to_string(),
            names: Vec::new(),
            digests: Vec::new(),
            manifest_digest: digest.to_string(),
            manifest_media_type: media_type,
            size: out.iter().map(|l| self.layer_size(&l.diff_id)).sum(),
            layers: out,
            created: config["created"].as_str().unwrap_or_default().to_string(),
            added: crate::util::now_rfc3339(),
        })
    }
}

/// Manifests are small (Docker refuses those over 4 MiB).
const MAX_MANIFEST: u64 = 4 << 20;

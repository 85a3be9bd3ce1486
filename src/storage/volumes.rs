//! Named and anonymous volumes of the `local` driver: a directory per volume
//! (`volumes/NAME/_data`, as Docker lays them out) and its record beside it.

use std::collections::BTreeMap;
use std::path::PathBuf;

use serde::{Deserialize, Serialize};

use super::lock::FileLock;
use super::{atomic, Store};
use crate::error::{Error, IoContext, Result};

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct VolumeRecord {
    pub name: String,
    pub driver: String,
    pub labels: BTreeMap<String, String>,
    pub options: BTreeMap<String, String>,
    pub created_at: String,
    /// Made for one container (`-v /path`, an image VOLUME); `rm -v` removes it.
    pub anonymous: bool,
    /// Filled from the image once; never again, even if emptied.
    pub populated: bool,
}

/// Docker's rule for volume names.
pub fn valid_name(name: &str) -> bool {
    let mut chars = name.chars();
    chars.next().is_some_and(|c| c.is_ascii_alphanumeric())
        && chars.all(|c| c.is_ascii_alphanumeric() || "_.-".contains(c))
        && name.len() >= 2
}

impl Store {
    fn volumes_dir(&self) -> PathBuf {
        self.root.join("volumes")
    }

    fn volumes_lock(&self) -> Result<FileLock> {
        std::fs::create_dir_all(self.volumes_dir()).ctx(|| "creating volumes dir".into())?;
        FileLock::exclusive(&self.volumes_dir().join(".lock"))
    }

    fn volume_record_path(&self, name: &str) -> PathBuf {
        self.volumes_dir().join(name).join("volume.json")
    }

    /// Where a volume's files live.
    pub fn volume_data_dir(&self, name: &str) -> PathBuf {
        self.volumes_dir().join(name).join("_data")
    }

    pub fn volumes(&self) -> Result<Vec<VolumeRecord>> {
        let mut out = Vec::new();
        let Ok(entries) = std::fs::read_dir(self.volumes_dir()) else {
            return Ok(out);
        };
        for e in entries.flatten() {
            let name = e.file_name().to_string_lossy().into_owned();
            if name.starts_with('.') {
                continue;
            }
            if let Ok(v) = self.volume(&name) {
                out.push(v);
            }
        }
        out.sort_by(|a, b| a.name.cmp(&b.name));
        Ok(out)
    }

    pub fn volume(&self, name: &str) -> Result<VolumeRecord> {
        if !valid_name(name) {
            return Err(Error::NoSuchVolume(name.to_string()));
        }
        let path = self.volume_record_path(name);
        match std::fs::read(&path) {
            Ok(data) => Ok(serde_json::from_slice(&data).unwrap_or_else(|e| {
                // The data is what matters: keep the volume, with defaults for
                // what its record said (written back by the next change to it).
                eprintln!("WARNING: volume {name}: damaged record {} ({e}); using defaults", path.display());
                VolumeRecord {
                    name: name.to_string(),
                    driver: "local".into(),
                    created_at: crate::util::now_rfc3339(),
                    populated: true,
                    ..Default::default()
                }
            })),
            Err(_) => Err(Error::NoSuchVolume(name.to_string())),
        }
    }

    /// Creates a volume, or returns the existing one of that name (as Docker
    /// does); with no name, an anonymous one with a random name.
    pub fn create_volume(
        &self,
        name: Option<&str>,
        labels: BTreeMap<String, String>,
    ) -> Result<VolumeRecord> {
        let anonymous = name.is_none();
        let name = name.map(str::to_string).unwrap_or_else(|| crate::util::random_hex(32));
        if !valid_name(&name) {
            return Err(Error::InvalidArgument(format!(
                "create {name}: \"{name}\" includes invalid characters for a local volume name, only \"[a-zA-Z0-9][a-zA-Z0-9_.-]\" are allowed. If you intended to pass a host directory, use absolute path"
            )));
        }
        let _lock = self.volumes_lock()?;
        if let Ok(v) = self.volume(&name) {
            return Ok(v);
        }
        let data = self.volume_data_dir(&name);
        std::fs::create_dir_all(&data).ctx(|| format!("creating {}", data.display()))?;
        let rec = VolumeRecord {
            name: name.clone(),
            driver: "local".into(),
            labels,
            options: BTreeMap::new(),
            created_at: crate::util::now_rfc3339(),
            anonymous,
            populated: false,
        };
        self.write_volume(&rec)?;
        Ok(rec)
    }

    fn write_volume(&self, rec: &VolumeRecord) -> Result<()> {
        let path = self.volume_record_path(&rec.name);
        let data =
            serde_json::to_vec_pretty(rec).map_err(|e| Error::Json { path: path.clone(), source: e })?;
        atomic::write(&path, &data)
    }

    /// Marks a volume filled from an image; false if it already was (or is
    /// gone), so only one container copies into it.
    pub fn claim_volume_population(&self, name: &str) -> Result<bool> {
        let _lock = self.volumes_lock()?;
        let Ok(mut rec) = self.volume(name) else {
            return Ok(false);
        };
        if rec.populated {
            return Ok(false);
        }
        rec.populated = true;
        self.write_volume(&rec)?;
        Ok(true)
    }

    /// Removes a volume and its data (the caller checks it is unused).
    pub fn remove_volume(&self, name: &str) -> Result<()> {
        let _lock = self.volumes_lock()?;
        self.volume(name)?;
        let dir = self.volumes_dir().join(name);
        // The record goes first, so a half-removed volume is not listed.
        let _ = std::fs::remove_file(dir.join("volume.json"));
        crate::util::remove_dir_all(&dir).ctx(|| format!("removing {}", dir.display()))
    }
}

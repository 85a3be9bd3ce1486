//! The build cache: for each filesystem step of a build, keyed by everything
//! its result depends on (the parent step's key, the instruction as expanded,
//! the build args it sees, and for COPY/ADD a hash of the sources), the layer
//! it made. Records are small JSON files written atomically, so concurrent
//! builds share them safely; the layers they name stay alive through garbage
//! collection until `builder prune` drops the records.

use std::path::PathBuf;

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use super::images::LayerRecord;
use super::{atomic, Store};
use crate::error::Result;

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct Record {
    /// The layer the step added, and when it was made (its history time).
    pub layer: Option<LayerRecord>,
    /// What the step was (`RUN echo hi`), for `system df -v`.
    pub description: String,
    pub created: String,
    pub last_used: String,
    /// Bytes of the layer this step added (0 for metadata steps).
    pub size: u64,
}

/// A cache key built from parts, each length-prefixed so no two part lists
/// hash alike.
#[derive(Clone)]
pub struct Key(Sha256);

impl Key {
    pub fn new(parent: &str) -> Key {
        let mut k = Key(Sha256::new());
        k.add(parent);
        k
    }

    pub fn add(&mut self, part: &str) -> &mut Key {
        self.add_bytes(part.as_bytes())
    }

    pub fn add_bytes(&mut self, part: &[u8]) -> &mut Key {
        self.0.update((part.len() as u64).to_le_bytes());
        self.0.update(part);
        self
    }

    pub fn finish(self) -> String {
        hex::encode(self.0.finalize())
    }
}

pub fn dir(store: &Store) -> PathBuf {
    store.root.join("buildcache")
}

fn path(store: &Store, key: &str) -> PathBuf {
    dir(store).join(format!("{key}.json"))
}

/// The record for `key`, if it exists and every layer it names is still here.
pub fn lookup(store: &Store, key: &str) -> Option<Record> {
    let mut rec: Record = atomic::read_json_opt(&path(store, key)).ok().flatten()?;
    if !rec.layer.iter().all(|l| store.has_layer(&l.diff_id) && store.has_blob(&l.digest)) {
        return None;
    }
    rec.last_used = crate::util::now_rfc3339();
    let _ = atomic::write_json(&path(store, key), &rec);
    Some(rec)
}

/// Records what a step made. The first build to record a key wins: if
/// another got there first (a concurrent build of the same step), its record
/// is returned and ours dropped, so that concurrent builds go on from the
/// same layers and end with the same image. With `replace` (`--no-cache`),
/// ours replaces it.
pub fn store_record(store: &Store, key: &str, rec: Record, replace: bool) -> Result<Record> {
    std::fs::create_dir_all(dir(store)).map_err(|e| crate::Error::io("creating the build cache", e))?;
    let target = path(store, key);
    if replace {
        atomic::write_json(&target, &rec)?;
        return Ok(rec);
    }
    let tmp = dir(store).join(format!(".{key}.tmp-{}-{}", std::process::id(), crate::util::random_hex(4)));
    atomic::write_json(&tmp, &rec)?;
    let linked = std::fs::hard_link(&tmp, &target);
    let _ = std::fs::remove_file(&tmp);
    match linked {
        Ok(()) => Ok(rec),
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
            Ok(atomic::read_json_opt::<Record>(&target)?.filter(|r| r.layer.is_some()).unwrap_or(rec))
        }
        Err(e) => Err(crate::Error::io("recording a build step", e)),
    }
}

/// Every record with its key.
pub fn records(store: &Store) -> Vec<(String, Record)> {
    let Ok(entries) = std::fs::read_dir(dir(store)) else { return Vec::new() };
    let mut out = Vec::new();
    for e in entries.flatten() {
        let name = e.file_name().to_string_lossy().into_owned();
        let Some(key) = name.strip_suffix(".json").filter(|_| !name.starts_with('.')) else { continue };
        if let Ok(Some(rec)) = atomic::read_json_opt::<Record>(&e.path()) {
            out.push((key.to_string(), rec));
        }
    }
    out
}

/// Layers (diff ids) and blobs (digests) the cache keeps alive.
pub fn references(store: &Store) -> (Vec<String>, Vec<String>) {
    let mut layers = Vec::new();
    let mut blobs = Vec::new();
    for (_, rec) in records(store) {
        if let Some(l) = rec.layer {
            layers.push(l.diff_id);
            blobs.push(l.digest);
        }
    }
    (layers, blobs)
}

/// Which records `builder prune` removes.
#[derive(Debug, Clone, Default)]
pub struct PruneOptions {
    /// Only records not used since then (RFC 3339).
    pub until: Option<chrono::DateTime<chrono::Utc>>,
    /// Keep the most recently used records up to this many bytes.
    pub keep_storage: Option<u64>,
}

/// Removes cache records and returns (records removed, bytes their layers held).
pub fn prune(store: &Store, opts: &PruneOptions) -> Result<(Vec<String>, u64)> {
    let mut recs = records(store);
    // Newest first, so keep-storage keeps the most recently used.
    recs.sort_by(|a, b| b.1.last_used.cmp(&a.1.last_used));
    let mut kept = 0u64;
    let mut removed = Vec::new();
    let mut bytes = 0;
    for (key, rec) in recs {
        let old_enough = match (&opts.until, crate::util::parse_time(&rec.last_used)) {
            (Some(until), Some(used)) => used < *until,
            (Some(_), None) => true,
            (None, _) => true,
        };
        let within_keep = opts.keep_storage.is_some_and(|k| kept + rec.size <= k);
        if !old_enough || within_keep {
            kept += rec.size;
            continue;
        }
        if std::fs::remove_file(path(store, &key)).is_ok() {
            bytes += rec.size;
            removed.push(key);
        }
    }
    Ok((removed, bytes))
}

//! Pushing an image: its layer blobs (in parallel; skipped when the registry has
//! them, mounted from another repository of the same registry when it can),
//! its config, then its manifest under the tag. The blobs are the store's own,
//! so a pushed image pulls back with the same digests.

use std::io::Read;
use std::sync::Arc;

use super::config::{self, AnyManifest, Descriptor};
use super::reference::Reference;
use super::registry::{self, Registry};
use crate::error::{Error, Result};
use crate::storage::images::ImageRecord;
use crate::storage::Store;

/// How many blobs upload at once (Docker's default).
const MAX_CONCURRENT_UPLOADS: usize = 5;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PushStatus {
    Preparing,
    Waiting,
    Pushing,
    Pushed,
    AlreadyExists,
    /// Mounted from this repository.
    Mounted(String),
}

pub trait PushProgress: Send + Sync {
    fn layer(&self, _digest: &str, _status: &PushStatus) {}
    fn bytes(&self, _digest: &str, _done: u64, _total: u64) {}
}

#[derive(Debug, Clone, Default)]
pub struct PushOptions {
    pub registry: registry::Options,
}

#[derive(Debug, Clone)]
pub struct PushResult {
    pub tag: String,
    pub digest: String,
    pub size: usize,
}

pub fn push(
    store: &Store,
    image: &ImageRecord,
    reference: &Reference,
    opts: &PushOptions,
    progress: Arc<dyn PushProgress>,
) -> Result<PushResult> {
    let tag = reference.tag.clone().unwrap_or_else(|| super::reference::DEFAULT_TAG.into());
    let manifest_bytes = store.read_blob(&image.manifest_digest)?;
    let manifest: AnyManifest = serde_json::from_slice(&manifest_bytes)
        .map_err(|e| Error::Registry(format!("invalid stored manifest: {e}")))?;
    let config_desc =
        manifest.config.clone().ok_or_else(|| Error::Registry("manifest has no config".into()))?;
    // Foreign layers stay where their URLs say.
    let layers: Vec<Descriptor> = manifest
        .layers
        .clone()
        .unwrap_or_default()
        .into_iter()
        .filter(|l| l.media_type != config::MT_DOCKER_FOREIGN_LAYER)
        .collect();
    for l in &layers {
        if !store.has_blob(&l.digest) {
            return Err(Error::Registry(format!(
                "layer {} of {} is not in the store (remove the image and pull it again)",
                l.digest,
                super::reference::familiar(&reference.name())
            )));
        }
    }
    // Other repositories of this registry that hold the image: blobs may mount from there.
    let sources: Vec<String> = image
        .digests
        .iter()
        .filter_map(|d| Reference::parse(d).ok())
        .filter(|r| r.domain == reference.domain && r.path != reference.path)
        .map(|r| r.path)
        .collect();
    let repo = reference.path.as_str();
    let digest = registry::block_on(async {
        let reg = Registry::connect(&reference.domain, &opts.registry).await?;
        for l in &layers {
            progress.layer(&l.digest, &PushStatus::Preparing);
        }
        let semaphore = Arc::new(tokio::sync::Semaphore::new(MAX_CONCURRENT_UPLOADS));
        let jobs = layers.iter().map(|l| {
            let semaphore = semaphore.clone();
            let progress = progress.clone();
            let sources = &sources;
            let reg = &reg;
            async move {
                progress.layer(&l.digest, &PushStatus::Waiting);
                let _permit =
                    semaphore.acquire().await.map_err(|_| Error::Registry("push cancelled".into()))?;
                let status = push_blob(reg, store, repo, l, sources, Some(progress.clone())).await?;
                progress.layer(&l.digest, &status);
                Ok::<(), Error>(())
            }
        });
        futures_util::future::try_join_all(jobs).await?;
        push_blob(&reg, store, repo, &config_desc, &sources, None).await?;
        reg.put_manifest(repo, &tag, &manifest_bytes, &image.manifest_media_type).await
    })?;
    let digested = format!("{}@{digest}", reference.name());
    store.update_images(|index| {
        if let Some(img) = index.images.iter_mut().find(|i| i.id == image.id) {
            if !img.digests.contains(&digested) {
                img.digests.push(digested.clone());
            }
        }
        Ok(())
    })?;
    Ok(PushResult { tag, digest, size: manifest_bytes.len() })
}

/// Gets one blob into `repo`: already there, mounted, or uploaded.
async fn push_blob(
    reg: &Registry,
    store: &Store,
    repo: &str,
    desc: &Descriptor,
    sources: &[String],
    progress: Option<Arc<dyn PushProgress>>,
) -> Result<PushStatus> {
    if reg.blob_exists(repo, &desc.digest).await? {
        return Ok(PushStatus::AlreadyExists);
    }
    for from in sources {
        if reg.mount_blob(repo, &desc.digest, from).await? {
            return Ok(PushStatus::Mounted(from.clone()));
        }
    }
    let path = store.blob_path(&desc.digest)?;
    let file = std::fs::File::open(&path).map_err(|e| Error::io(format!("opening {}", path.display()), e))?;
    let size = file.metadata().map(|m| m.len()).map_err(|e| Error::io("reading blob size", e))?;
    if let Some(p) = &progress {
        p.layer(&desc.digest, &PushStatus::Pushing);
    }
    let body = file_body(file, desc.digest.clone(), size, progress);
    reg.upload_blob(repo, &desc.digest, size, body).await?;
    Ok(PushStatus::Pushed)
}

/// A request body streaming `file` in 1 MiB chunks, reporting progress.
fn file_body(
    file: std::fs::File,
    digest: String,
    total: u64,
    progress: Option<Arc<dyn PushProgress>>,
) -> reqwest::Body {
    let stream = futures_util::stream::unfold((file, 0u64), move |(mut file, done)| {
        let digest = digest.clone();
        let progress = progress.clone();
        async move {
            let mut buf = vec![0u8; 1 << 20];
            match file.read(&mut buf) {
                Ok(0) => None,
                Ok(n) => {
                    buf.truncate(n);
                    let done = done + n as u64;
                    if let Some(p) = &progress {
                        p.bytes(&digest, done, total);
                    }
                    Some((Ok::<_, std::io::Error>(bytes::Bytes::from(buf)), (file, done)))
                }
                Err(e) => Some((Err(e), (file, done))),
            }
        }
    });
    reqwest::Body::wrap_stream(stream)
}

//! Pulling an image: manifest (or index → platform manifest), config, and layers.
//! Layers download in parallel and unpack while they arrive; every blob is hashed on
//! the way in and only lands in the store once its digest checks out. The image
//! record is written last, so a failed pull leaves no image behind.

use std::io::Read;
use std::sync::Arc;

use super::config::{self, AnyManifest, Descriptor, ImageConfig, Platform};
use super::fetch::BlobStream;
use super::reference::Reference;
use super::registry::{self, Registry};
use crate::error::{Error, Result};
use crate::storage::blobs::HashingReader;
use crate::storage::compress::decompressed;
use crate::storage::images::{ImageRecord, LayerRecord};
use crate::storage::layer::{self, UnpackOptions};
use crate::storage::Store;

/// How many layers download at once (Docker's default).
const MAX_CONCURRENT_LAYERS: usize = 3;

#[derive(Debug, Clone, Default)]
pub struct PullOptions {
    pub platform: Option<Platform>,
    pub registry: registry::Options,
}

/// Where a layer is in its pull, for progress output.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LayerStatus {
    Waiting,
    AlreadyExists,
    Downloading,
    Verifying,
    Complete,
}

/// Receives pull events; the CLI draws them as Docker does.
pub trait PullProgress: Send + Sync {
    fn resolved(&self, _reference: &Reference, _layers: &[Descriptor]) {}
    fn layer(&self, _digest: &str, _status: LayerStatus) {}
    fn bytes(&self, _digest: &str, _done: u64, _total: u64) {}
}

pub struct NoProgress;
impl PullProgress for NoProgress {}

#[derive(Debug, Clone)]
pub struct PullResult {
    pub image_id: String,
    pub manifest_digest: String,
    /// Whether anything new was stored (Docker's "Downloaded newer image").
    pub downloaded: bool,
}

pub fn pull(
    store: &Store,
    reference: &Reference,
    opts: &PullOptions,
    progress: Arc<dyn PullProgress>,
) -> Result<PullResult> {
    let _guard = store.gc_guard()?;
    store.sweep_tmp();
    let max_size = crate::config::Config::load()?.max_layer_size()?;
    registry::block_on(async {
        // docker.io's mirrors first; the registry itself only if none has the image.
        for reg in &Registry::connect_mirrors(reference, &opts.registry).await? {
            if let Ok(r) = pull_async(store, reg, reference, opts, max_size, progress.clone()).await {
                return Ok(r);
            }
        }
        let reg = Registry::connect(&reference.domain, &opts.registry).await?;
        pull_async(store, &reg, reference, opts, max_size, progress).await
    })
}

async fn pull_async(
    store: &Store,
    reg: &Registry,
    reference: &Reference,
    opts: &PullOptions,
    max_size: u64,
    progress: Arc<dyn PullProgress>,
) -> Result<PullResult> {
    let repo = reference.path.as_str();
    let want = opts.platform.clone().unwrap_or_else(config::host_platform);
    let wanted =
        reference.digest.clone().or_else(|| reference.tag.clone()).unwrap_or_else(|| "latest".into());

    let (body, media_type, digest) = reg.get_manifest(repo, &wanted, None).await?;
    let mut manifest_bytes = body;
    let mut manifest_digest = digest;
    let mut manifest: AnyManifest = parse_manifest(&manifest_bytes)?;
    if manifest.media_type.is_none() && !media_type.is_empty() {
        manifest.media_type = Some(media_type);
    }

    if manifest.is_index() {
        let entries = manifest.manifests.clone().unwrap_or_default();
        let chosen = choose_platform(&entries, &want).ok_or_else(|| {
            Error::Registry(format!("no matching manifest for {want} in the manifest list entries"))
        })?;
        let (body, media_type, digest) = reg.get_manifest(repo, &chosen.digest, Some(chosen.size)).await?;
        if digest != chosen.digest {
            return Err(Error::Registry(format!(
                "manifest digest mismatch: expected {}, got {digest}",
                chosen.digest
            )));
        }
        store.put_blob(&manifest_digest, &manifest_bytes)?; // keep the index too
        manifest_bytes = body;
        manifest_digest = digest;
        manifest = parse_manifest(&manifest_bytes)?;
        if manifest.media_type.is_none() && !media_type.is_empty() {
            manifest.media_type = Some(media_type);
        }
        if manifest.is_index() {
            return Err(Error::Registry("nested image indexes are not supported".into()));
        }
    }

    let config_desc =
        manifest.config.clone().ok_or_else(|| Error::Registry("manifest has no config".into()))?;
    let layers = manifest.layers.clone().unwrap_or_default();
    let manifest_media_type = manifest.media_type.clone().unwrap_or_else(|| {
        if config_desc.media_type.contains("docker") {
            config::MT_DOCKER_MANIFEST.to_string()
        } else {
            config::MT_OCI_MANIFEST.to_string()
        }
    });

    let config_bytes = fetch_config(reg, repo, &config_desc).await?;
    let image_config: ImageConfig = serde_json::from_slice(&config_bytes)
        .map_err(|e| Error::Registry(format!("invalid image config: {e}")))?;
    let diff_ids = image_config.rootfs.diff_ids.clone();
    if diff_ids.len() != layers.len() {
        return Err(Error::Registry(format!(
            "image config lists {} layers but the manifest has {}",
            diff_ids.len(),
            layers.len()
        )));
    }
    for d in layers.iter().map(|l| &l.digest).chain(diff_ids.iter()) {
        crate::storage::blobs::digest_hex(d)?;
    }
    progress.resolved(reference, &layers);

    let image_id = config_desc.digest.clone();
    let already = store.images()?.images.iter().any(|i| i.id == image_id)
        && diff_ids.iter().all(|d| store.has_layer(d));

    let semaphore = Arc::new(tokio::sync::Semaphore::new(MAX_CONCURRENT_LAYERS));
    let cancel = Arc::new(std::sync::atomic::AtomicBool::new(false));
    let mut jobs = Vec::new();
    for (desc, diff_id) in layers.iter().zip(diff_ids.iter()) {
        if store.has_layer(diff_id) {
            progress.layer(&desc.digest, LayerStatus::AlreadyExists);
            continue;
        }
        progress.layer(&desc.digest, LayerStatus::Waiting);
        jobs.push(fetch_layer(
            reg,
            repo,
            max_size,
            store,
            desc.clone(),
            diff_id.clone(),
            semaphore.clone(),
            progress.clone(),
            cancel.clone(),
        ));
    }
    let downloaded = !jobs.is_empty() || !already;
    join_layers(jobs, &cancel).await?;

    store.put_blob(&config_desc.digest, &config_bytes)?;
    store.put_blob(&manifest_digest, &manifest_bytes)?;
    let size = diff_ids.iter().map(|d| store.layer_size(d)).sum();
    let layer_records = layers
        .iter()
        .zip(diff_ids.iter())
        .map(|(l, d)| LayerRecord {
            digest: l.digest.clone(),
            diff_id: d.clone(),
            media_type: l.media_type.clone(),
            size: l.size,
        })
        .collect();
    let record = ImageRecord {
        id: image_id.clone(),
        names: Vec::new(),
        digests: Vec::new(),
        manifest_digest: manifest_digest.clone(),
        manifest_media_type,
        layers: layer_records,
        size,
        created: image_config.created.clone().unwrap_or_default(),
        added: crate::util::now_rfc3339(),
    };
    let digested = format!("{}@{}", reference.name(), manifest_digest);
    store.update_images(|index| {
        match index.images.iter_mut().find(|i| i.id == image_id) {
            Some(existing) => {
                existing.manifest_digest = record.manifest_digest.clone();
                existing.layers = record.layers.clone();
            }
            None => index.images.push(record.clone()),
        }
        if let Some(tagged) = reference.tagged_name() {
            index.set_name(&tagged, &image_id);
        }
        let img = index.images.iter_mut().find(|i| i.id == image_id).expect("just inserted");
        if !img.digests.contains(&digested) {
            img.digests.push(digested.clone());
        }
        Ok(())
    })?;
    Ok(PullResult { image_id, manifest_digest, downloaded })
}

/// Runs every layer job to its end (so each removes its own staging dir before
/// the pull returns); the first failure cancels the others and is reported.
async fn join_layers<F>(jobs: Vec<F>, cancel: &std::sync::atomic::AtomicBool) -> Result<()>
where
    F: std::future::Future<Output = Result<()>>,
{
    let watched = jobs.into_iter().map(|job| async move {
        let result = job.await;
        if result.is_err() {
            cancel.store(true, std::sync::atomic::Ordering::Relaxed);
        }
        result
    });
    let results = futures_util::future::join_all(watched).await;
    let mut errors: Vec<Error> = results.into_iter().filter_map(|r| r.err()).collect();
    // The failure that caused the cancellations, not one of them.
    let first = errors.iter().position(|e| !matches!(e, Error::Registry(m) if m == CANCELLED)).unwrap_or(0);
    if errors.is_empty() {
        Ok(())
    } else {
        Err(errors.swap_remove(first))
    }
}

const CANCELLED: &str = "pull cancelled";

fn cancelled() -> Error {
    Error::Registry(CANCELLED.into())
}

fn parse_manifest(bytes: &[u8]) -> Result<AnyManifest> {
    let m: AnyManifest =
        serde_json::from_slice(bytes).map_err(|e| Error::Registry(format!("invalid manifest: {e}")))?;
    if m.schema_version != 2 {
        return Err(Error::Registry(format!("unsupported manifest schema version {}", m.schema_version)));
    }
    if !m.is_index() && (m.config.is_none() || m.layers.is_none()) {
        return Err(Error::Registry("manifest has neither layers nor manifests".into()));
    }
    Ok(m)
}

/// Picks the index entry for `want`: an exact variant match first, then any entry
/// of the same os/arch.
pub fn choose_platform<'a>(entries: &'a [Descriptor], want: &Platform) -> Option<&'a Descriptor> {
    let candidates: Vec<&Descriptor> =
        entries.iter().filter(|d| d.platform.as_ref().is_some_and(|p| want.matches(p))).collect();
    candidates
        .iter()
        .find(|d| d.platform.as_ref().and_then(|p| p.variant.as_ref()) == want.variant.as_ref())
        .or_else(|| candidates.first())
        .copied()
}

/// A descriptor declaring more than we take: refused before any byte is read.
fn too_big(reg: &Registry, repo: &str, kind: &str, desc: &Descriptor, limit: &str) -> Error {
    Error::Registry(format!(
        "{kind} {} from {}: its descriptor declares {} bytes, more than {limit}",
        desc.digest,
        reg.source(repo),
        desc.size
    ))
}

/// The image config: a small document, held to the speed floor and kept in memory.
pub(super) async fn fetch_config(reg: &Registry, repo: &str, desc: &Descriptor) -> Result<Vec<u8>> {
    let max = super::transfer::MAX_CONFIG_SIZE;
    if desc.size > max {
        return Err(too_big(reg, repo, "config", desc, &format!("the {max} allowed")));
    }
    let mut blob = BlobStream::new(reg, repo, "config", desc).small();
    let mut out = Vec::with_capacity(desc.size as usize);
    while let Some(chunk) = blob.next().await? {
        out.extend_from_slice(&chunk);
    }
    let actual = crate::storage::blobs::sha256_digest(&out);
    if actual != desc.digest {
        return Err(Error::Registry(format!("digest mismatch for {}: got {actual}", desc.digest)));
    }
    Ok(out)
}

#[allow(clippy::too_many_arguments)]
async fn fetch_layer(
    reg: &Registry,
    repo: &str,
    max_size: u64,
    store: &Store,
    desc: Descriptor,
    diff_id: String,
    semaphore: Arc<tokio::sync::Semaphore>,
    progress: Arc<dyn PullProgress>,
    cancel: Arc<std::sync::atomic::AtomicBool>,
) -> Result<()> {
    let _permit = semaphore.acquire().await.map_err(|_| cancelled())?;
    if cancel.load(std::sync::atomic::Ordering::Relaxed) {
        return Err(cancelled());
    }
    if desc.size > max_size {
        return Err(too_big(reg, repo, "layer", &desc, &format!("max-layer-size ({max_size})")));
    }
    progress.layer(&desc.digest, LayerStatus::Downloading);
    let staged = store.stage_layer()?;
    let blob = store.blob_writer()?;
    let diff_dir = staged.diff_dir();
    let (tx, rx) = tokio::sync::mpsc::channel::<bytes::Bytes>(32);
    let opts = UnpackOptions { max_size, ..store.unpack_options() };
    let unpack = tokio::task::spawn_blocking(move || unpack_stream(rx, blob, &diff_dir, &opts));

    // Download errors wait for the unpacker to stop, so the staging dir is
    // removed only once nothing writes into it any more.
    let download = async {
        let mut blob = BlobStream::new(reg, repo, "layer", &desc);
        let mut done = 0u64;
        while let Some(chunk) = blob.next().await? {
            if cancel.load(std::sync::atomic::Ordering::Relaxed) {
                return Ok(true);
            }
            done += chunk.len() as u64;
            progress.bytes(&desc.digest, done, desc.size);
            if tx.send(chunk).await.is_err() {
                return Ok(true); // the unpacker stopped: its error explains why
            }
        }
        Ok::<bool, Error>(false)
    };
    let downloaded = download.await;
    drop(tx);
    let (blob, unpacked) = unpack.await.map_err(|e| Error::Runtime(format!("layer unpacker failed: {e}")))?;
    let send_failed = downloaded?;
    if cancel.load(std::sync::atomic::Ordering::Relaxed) {
        return Err(cancelled());
    }
    progress.layer(&desc.digest, LayerStatus::Verifying);
    if blob.digest() != desc.digest && !send_failed {
        return Err(Error::Registry(format!(
            "digest mismatch for layer {}: got {}",
            desc.digest,
            blob.digest()
        )));
    }
    let (actual_diff_id, size) = unpacked?;
    if send_failed {
        return Err(Error::Layer(format!("layer {} ended early", desc.digest)));
    }
    if actual_diff_id != diff_id {
        return Err(Error::Registry(format!(
            "layer {} unpacks to {actual_diff_id}, but the image config says {diff_id}",
            desc.digest
        )));
    }
    blob.commit(&desc.digest)?;
    staged.commit(&diff_id, size)?;
    progress.layer(&desc.digest, LayerStatus::Complete);
    Ok(())
}

/// Runs on a blocking thread: tees the compressed bytes into the blob store,
/// decompresses, hashes the tar (the diff id) and unpacks it.
fn unpack_stream(
    rx: tokio::sync::mpsc::Receiver<bytes::Bytes>,
    blob: crate::storage::blobs::BlobWriter,
    dest: &std::path::Path,
    opts: &UnpackOptions,
) -> (crate::storage::blobs::BlobWriter, Result<(String, u64)>) {
    let mut source = ChannelReader { rx, buf: bytes::Bytes::new(), blob };
    let unpacked = unpack_layer(&mut source, dest, opts);
    // Whatever follows (or is left after a failure) still counts towards the
    // blob digest, which names the real culprit when the download was corrupt.
    let _ = std::io::copy(&mut source, &mut std::io::sink());
    (source.blob, unpacked.map(|(size, diff_id)| (diff_id, size)))
}

/// Decompresses (gzip, zstd or none, by magic bytes) and unpacks a layer;
/// returns its content size and diff id.
pub fn unpack_layer<R: Read>(
    source: &mut R,
    dest: &std::path::Path,
    opts: &UnpackOptions,
) -> Result<(u64, String)> {
    let (_, tar) = decompressed(source).map_err(|e| Error::io("reading layer", e))?;
    let mut hashed = HashingReader::new(tar);
    let size = layer::unpack(&mut hashed, dest, opts).map_err(|e| Error::Layer(e.to_string()))?;
    Ok((size, hashed.digest()))
}

struct ChannelReader {
    rx: tokio::sync::mpsc::Receiver<bytes::Bytes>,
    buf: bytes::Bytes,
    blob: crate::storage::blobs::BlobWriter,
}

impl Read for ChannelReader {
    fn read(&mut self, out: &mut [u8]) -> std::io::Result<usize> {
        use std::io::Write;
        while self.buf.is_empty() {
            match self.rx.blocking_recv() {
                Some(chunk) => {
                    self.blob.write_all(&chunk)?;
                    self.buf = chunk;
                }
                None => return Ok(0),
            }
        }
        let n = out.len().min(self.buf.len());
        out[..n].copy_from_slice(&self.buf[..n]);
        let _ = self.buf.split_to(n);
        Ok(n)
    }
}

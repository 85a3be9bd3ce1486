//! Images made here rather than pulled: from a container (commit), a tar
//! (import) or an archive (load). Layers are unpacked once and kept as gzip
//! blobs too, so that push and save have them; the image record is written
//! last, so a failure leaves no image behind.

use std::io::{Read, Write};

use flate2::write::GzEncoder;
use serde_json::json;

use super::config::{self, History, ImageConfig, Platform, RunConfig};
use crate::error::{Error, Result};
use crate::storage::blobs::HashingReader;
use crate::storage::compress::decompressed;
use crate::storage::containers::ContainerConfig;
use crate::storage::images::{ImageRecord, LayerRecord};
use crate::storage::layer::{self, UnpackOptions};
use crate::storage::Store;

/// The diff id of a tar with no entries: a layer that changes nothing.
pub const EMPTY_LAYER_DIFF_ID: &str =
    "sha256:5f70bf18a086007016e948b04aed3b82103a36bea41755b6cddfaf10ace3c6ef";

/// Stores a layer from a tar stream (gzip, zstd or plain).
pub fn add_layer<R: Read>(store: &Store, source: R) -> Result<LayerRecord> {
    let max_size = crate::config::Config::load()?.max_layer_size()?;
    let (_, tar) = decompressed(source).map_err(|e| Error::io("reading layer", e))?;
    let blob = store.blob_writer()?;
    let mut tee =
        Tee { inner: HashingReader::new(tar), out: GzEncoder::new(blob, flate2::Compression::fast()) };
    let staged = store.stage_layer()?;
    let opts = UnpackOptions { max_size, ..store.unpack_options() };
    let size = layer::unpack(&mut tee, &staged.diff_dir(), &opts).map_err(|e| Error::Layer(e.to_string()))?;
    let diff_id = tee.inner.digest();
    let blob = tee.out.finish().map_err(|e| Error::io("compressing layer", e))?;
    let (digest, blob_size) = (blob.digest(), blob.size());
    blob.commit(&digest)?;
    staged.commit(&diff_id, size)?;
    Ok(LayerRecord { digest, diff_id, media_type: config::MT_OCI_LAYER_GZIP.into(), size: blob_size })
}

/// Stores a layer blob as it is (so manifests naming it stay valid), after
/// checking it against `digest`; returns its record.
pub fn add_layer_blob<R: Read>(
    store: &Store,
    source: R,
    digest: &str,
    media_type: &str,
) -> Result<LayerRecord> {
    let max_size = crate::config::Config::load()?.max_layer_size()?;
    let blob = store.blob_writer()?;
    let mut raw = Tee { inner: source, out: blob };
    let staged = store.stage_layer()?;
    let opts = UnpackOptions { max_size, ..store.unpack_options() };
    let (size, diff_id) = {
        let (_, tar) = decompressed(&mut raw).map_err(|e| Error::io("reading layer", e))?;
        let mut hashed = HashingReader::new(tar);
        let size =
            layer::unpack(&mut hashed, &staged.diff_dir(), &opts).map_err(|e| Error::Layer(e.to_string()))?;
        std::io::copy(&mut hashed, &mut std::io::sink()).map_err(|e| Error::io("reading layer", e))?;
        (size, hashed.digest())
    };
    std::io::copy(&mut raw, &mut std::io::sink()).map_err(|e| Error::io("reading layer", e))?;
    let blob = raw.out;
    let (actual, blob_size) = (blob.digest(), blob.size());
    if actual != digest {
        return Err(Error::Layer(format!("layer {digest} has digest {actual}")));
    }
    blob.commit(digest)?;
    staged.commit(&diff_id, size)?;
    Ok(LayerRecord { digest: digest.into(), diff_id, media_type: media_type.into(), size: blob_size })
}

/// Stores a layer that `write` produces as a tar stream (run on a thread while
/// this one unpacks it).
pub fn add_layer_from<F>(store: &Store, write: F) -> Result<LayerRecord>
where
    F: FnOnce(&mut dyn Write) -> std::io::Result<()> + Send,
{
    let (reader, mut writer) = std::io::pipe().map_err(|e| Error::io("creating pipe", e))?;
    std::thread::scope(|s| {
        let producer = s.spawn(move || {
            let r = write(&mut writer);
            drop(writer);
            r
        });
        let stored = add_layer(store, reader);
        let produced = producer.join().map_err(|_| Error::Runtime("layer writer panicked".into()))?;
        match (stored, produced) {
            (Ok(l), Ok(())) => Ok(l),
            (_, Err(e)) => Err(Error::io("writing layer", e)),
            (Err(e), Ok(())) => Err(e),
        }
    })
}

/// Writes `config` (its diff ids set from `layers`), an OCI manifest for it, and
/// the image record named `names`; returns the image id.
pub fn write_image(
    store: &Store,
    mut config: ImageConfig,
    layers: Vec<LayerRecord>,
    names: &[String],
) -> Result<String> {
    config.rootfs.typ = "layers".into();
    config.rootfs.diff_ids = layers.iter().map(|l| l.diff_id.clone()).collect();
    let config_bytes =
        serde_json::to_vec(&config).map_err(|e| Error::Runtime(format!("encoding image config: {e}")))?;
    store_image(store, &config_bytes, None, layers, names)
}

/// Records an image whose config (and, if given, manifest and its media type)
/// are these exact bytes, so that ids and digests stay what they were; without
/// a manifest, an OCI one is made. Returns the image id.
pub fn store_image(
    store: &Store,
    config_bytes: &[u8],
    manifest: Option<(&[u8], &str)>,
    layers: Vec<LayerRecord>,
    names: &[String],
) -> Result<String> {
    let config: ImageConfig = serde_json::from_slice(config_bytes)
        .map_err(|e| Error::InvalidArgument(format!("invalid image config: {e}")))?;
    if config.rootfs.diff_ids.len() != layers.len()
        || config.rootfs.diff_ids.iter().zip(&layers).any(|(d, l)| *d != l.diff_id)
    {
        return Err(Error::Layer("the layers do not match the diff ids of the image config".into()));
    }
    let id = crate::storage::blobs::sha256_digest(config_bytes);
    store.put_blob(&id, config_bytes)?;
    let (manifest_bytes, media_type) = match manifest {
        Some((bytes, mt)) => (bytes.to_vec(), mt.to_string()),
        None => {
            let m = json!({
                "schemaVersion": 2,
                "mediaType": config::MT_OCI_MANIFEST,
                "config": {"mediaType": config::MT_OCI_CONFIG, "digest": id, "size": config_bytes.len()},
                "layers": layers.iter().map(|l| json!({
                    "mediaType": l.media_type, "digest": l.digest, "size": l.size,
                })).collect::<Vec<_>>(),
            });
            (serde_json::to_vec(&m).expect("a JSON value encodes"), config::MT_OCI_MANIFEST.to_string())
        }
    };
    let manifest_digest = crate::storage::blobs::sha256_digest(&manifest_bytes);
    store.put_blob(&manifest_digest, &manifest_bytes)?;
    let record = ImageRecord {
        id: id.clone(),
        names: Vec::new(),
        digests: Vec::new(),
        manifest_digest,
        manifest_media_type: media_type,
        size: layers.iter().map(|l| store.layer_size(&l.diff_id)).sum(),
        layers,
        created: config.created.clone().unwrap_or_default(),
        added: crate::util::now_rfc3339(),
    };
    store.update_images(|index| {
        if !index.images.iter().any(|i| i.id == id) {
            index.images.push(record);
        }
        for name in names {
            index.set_name(name, &id);
        }
        Ok(())
    })?;
    Ok(id)
}

/// Copies what passes through to `out` as well.
struct Tee<R, W> {
    inner: R,
    out: W,
}

impl<R: Read, W: Write> Read for Tee<R, W> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.out.write_all(&buf[..n])?;
        Ok(n)
    }
}

/// `REPOSITORY[:TAG]` as stored: fully qualified, `latest` by default.
pub fn tag_name(reference: &str) -> Result<String> {
    let r = super::reference::Reference::parse(reference)?;
    if r.digest.is_some() {
        return Err(Error::InvalidArgument(format!(
            "invalid reference format: {reference} (a digest cannot be a tag)"
        )));
    }
    Ok(r.with_default_tag().tagged_name().expect("a tag was just set"))
}

#[derive(Debug, Clone, Default)]
pub struct CommitOptions {
    /// `REPOSITORY[:TAG]` for the new image.
    pub reference: Option<String>,
    pub author: Option<String>,
    pub message: Option<String>,
    /// Dockerfile instructions applied to the configuration.
    pub changes: Vec<String>,
}

/// A new image from a container: its image's layers plus what it changed, run
/// as the container was configured (with `changes` applied).
pub fn commit(store: &Store, container: &ContainerConfig, opts: &CommitOptions) -> Result<String> {
    let _guard = store.gc_guard()?;
    let names = opts.reference.as_deref().map(tag_name).transpose()?.into_iter().collect::<Vec<_>>();
    let base = store
        .images()?
        .images
        .into_iter()
        .find(|i| i.id == container.image_id)
        .ok_or_else(|| Error::NoSuchImage(container.image.clone()))?;
    let mut config = super::load_config(store, &base)?;
    config.config = container_run_config(container, config.config);
    for c in &opts.changes {
        super::change::apply(&mut config.config, c)?;
    }
    let layer = add_layer_from(store, |out| store.write_container_layer(container, out))?;
    let empty = layer.diff_id == EMPTY_LAYER_DIFF_ID;
    let mut layers = base.layers.clone();
    if !empty {
        layers.push(layer);
    }
    let now = crate::util::now_rfc3339();
    config.created = Some(now.clone());
    config.author = opts.author.clone();
    config.comment = opts.message.clone();
    config.history.push(History {
        created: Some(now),
        created_by: Some(container.cmd.clone().unwrap_or_default().join(" ")),
        comment: opts.message.clone(),
        author: opts.author.clone(),
        empty_layer: empty,
    });
    config.extra.insert("container".into(), json!(container.id));
    write_image(store, config, layers, &names)
}

/// The image configuration a container runs with, over the image's own.
fn container_run_config(c: &ContainerConfig, mut run: RunConfig) -> RunConfig {
    let set = |v: Vec<String>| (!v.is_empty()).then(|| v.into_iter().map(|p| (p, json!({}))).collect());
    run.user = (!c.user.is_empty()).then(|| c.user.clone());
    run.env = Some(c.env.clone());
    run.entrypoint = c.entrypoint.clone();
    run.cmd = c.cmd.clone();
    run.working_dir = (!c.working_dir.is_empty()).then(|| c.working_dir.clone());
    run.labels = (!c.labels.is_empty()).then(|| c.labels.clone());
    run.exposed_ports = set(c.exposed_ports.clone());
    run.volumes = set(c.volumes.clone());
    run.stop_signal = c.stop_signal.clone();
    run
}

#[derive(Debug, Clone, Default)]
pub struct ImportOptions {
    pub reference: Option<String>,
    pub message: Option<String>,
    pub changes: Vec<String>,
    pub platform: Option<Platform>,
    /// Where the tar came from, for the history entry.
    pub source: String,
}

/// A one-layer image from a filesystem tar (`import`).
pub fn import<R: Read>(store: &Store, source: R, opts: &ImportOptions) -> Result<String> {
    let _guard = store.gc_guard()?;
    let names = opts.reference.as_deref().map(tag_name).transpose()?.into_iter().collect::<Vec<_>>();
    let mut run = RunConfig::default();
    for c in &opts.changes {
        super::change::apply(&mut run, c)?;
    }
    let layer = add_layer(store, source)?;
    let platform = opts.platform.clone().unwrap_or_else(config::host_platform);
    let now = crate::util::now_rfc3339();
    let comment = opts.message.clone().unwrap_or_else(|| format!("Imported from {}", opts.source));
    let image = ImageConfig {
        architecture: platform.architecture,
        os: platform.os,
        variant: platform.variant,
        created: Some(now.clone()),
        comment: opts.message.clone(),
        config: run,
        history: vec![History { created: Some(now), comment: Some(comment), ..Default::default() }],
        ..Default::default()
    };
    write_image(store, image, vec![layer], &names)
}

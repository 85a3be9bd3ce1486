//! `save` and `load`: images as tar archives in the layout Docker 25+ writes
//! (an OCI image layout plus `manifest.json` and `repositories`), and loading
//! that, Podman's docker-archive and oci-archive, and plain OCI layouts.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::io::{Read, Write};
use std::os::unix::ffi::OsStrExt;
use std::path::{Component, Path, PathBuf};

use serde::Deserialize;
use serde_json::json;

use super::config::{self, AnyManifest, ImageConfig};
use super::reference::{familiar, Reference};
use crate::error::{Error, Result};
use crate::storage::images::{ImageRecord, LayerRecord};
use crate::storage::Store;

/// One image to save and the fully qualified tags to save it under.
struct Entry {
    image: ImageRecord,
    tags: Vec<String>,
}

/// Writes the images named by `keys` (ids, `name[:tag]`, or a bare repository
/// for all its tags) as one archive.
pub fn save(store: &Store, keys: &[String], out: &mut dyn Write) -> Result<()> {
    let entries = resolve(store, keys)?;
    let mut tar = tar::Builder::new(out);
    let mut written = BTreeSet::new();
    let mut index = Vec::new();
    let mut manifest_json = Vec::new();
    let mut repositories: BTreeMap<String, BTreeMap<String, String>> = BTreeMap::new();
    add_dir(&mut tar, "blobs/")?;
    add_dir(&mut tar, "blobs/sha256/")?;
    for Entry { image, tags } in &entries {
        let manifest = store.read_blob(&image.manifest_digest)?;
        let mut blobs = vec![image.manifest_digest.clone(), image.id.clone()];
        blobs.extend(image.layers.iter().map(|l| l.digest.clone()));
        for digest in blobs {
            if written.insert(digest.clone()) {
                add_blob(store, &mut tar, &digest)?;
            }
        }
        let descriptor = |tag: Option<&String>| {
            let mut d = json!({
                "mediaType": image.manifest_media_type,
                "digest": image.manifest_digest,
                "size": manifest.len(),
            });
            if let Some(t) = tag {
                let short = t.rsplit_once(':').map(|(_, t)| t).unwrap_or("latest");
                d["annotations"] =
                    json!({"io.containerd.image.name": t, "org.opencontainers.image.ref.name": short});
            }
            d
        };
        if tags.is_empty() {
            index.push(descriptor(None));
        }
        for t in tags {
            index.push(descriptor(Some(t)));
            if let (Some((repo, tag)), Some(top)) = (t.rsplit_once(':'), image.layers.last()) {
                let hex = crate::storage::blobs::digest_hex(&top.digest)?.to_string();
                repositories.entry(familiar(repo)).or_default().insert(tag.to_string(), hex);
            }
        }
        let blob_path = |d: &str| -> Result<String> {
            Ok(format!("blobs/sha256/{}", crate::storage::blobs::digest_hex(d)?))
        };
        let repo_tags: Vec<String> = tags.iter().map(|t| familiar(t)).collect();
        manifest_json.push(json!({
            "Config": blob_path(&image.id)?,
            "RepoTags": if repo_tags.is_empty() { serde_json::Value::Null } else { json!(repo_tags) },
            "Layers": image.layers.iter().map(|l| blob_path(&l.digest)).collect::<Result<Vec<_>>>()?,
        }));
    }
    let index = json!({"schemaVersion": 2, "mediaType": config::MT_OCI_INDEX, "manifests": index});
    add_file(&mut tar, "index.json", &serde_json::to_vec(&index).expect("JSON encodes"))?;
    add_file(&mut tar, "manifest.json", &serde_json::to_vec(&manifest_json).expect("JSON encodes"))?;
    add_file(&mut tar, "oci-layout", br#"{"imageLayoutVersion":"1.0.0"}"#)?;
    if !repositories.is_empty() {
        add_file(&mut tar, "repositories", &serde_json::to_vec(&repositories).expect("JSON encodes"))?;
    }
    tar.into_inner().and_then(|w| w.flush()).map_err(|e| Error::io("writing archive", e))
}

fn resolve(store: &Store, keys: &[String]) -> Result<Vec<Entry>> {
    let all = store.images()?.images;
    let mut entries: Vec<Entry> = Vec::new();
    for key in keys {
        let mut found: Vec<(ImageRecord, Option<String>)> = Vec::new();
        if let Ok(r) = Reference::parse(key) {
            if r.tag.is_none() && r.digest.is_none() && !key.contains(':') {
                // A bare repository: all its tags, as Docker saves them.
                let prefix = format!("{}:", r.name());
                for img in &all {
                    for n in img.names.iter().filter(|n| n.starts_with(&prefix)) {
                        found.push((img.clone(), Some(n.clone())));
                    }
                }
            }
        }
        if found.is_empty() {
            let image = super::find(store, key)?;
            let tag = Reference::parse(key)
                .ok()
                .filter(|r| r.digest.is_none())
                .and_then(|r| r.with_default_tag().tagged_name())
                .filter(|n| image.names.contains(n));
            found.push((image, tag));
        }
        for (image, tag) in found {
            let entry = match entries.iter_mut().position(|e| e.image.id == image.id) {
                Some(i) => &mut entries[i],
                None => {
                    entries.push(Entry { image, tags: Vec::new() });
                    entries.last_mut().expect("just pushed")
                }
            };
            if let Some(t) = tag {
                if !entry.tags.contains(&t) {
                    entry.tags.push(t);
                }
            }
        }
    }
    Ok(entries)
}

fn header(size: u64, mode: u32, kind: tar::EntryType) -> tar::Header {
    let mut h = tar::Header::new_gnu();
    h.set_size(size);
    h.set_mode(mode);
    h.set_entry_type(kind);
    h.set_mtime(0);
    h.set_uid(0);
    h.set_gid(0);
    h
}

fn add_dir(tar: &mut tar::Builder<&mut dyn Write>, path: &str) -> Result<()> {
    let mut h = header(0, 0o755, tar::EntryType::Directory);
    tar.append_data(&mut h, path, std::io::empty()).map_err(|e| Error::io("writing archive", e))
}

fn add_file(tar: &mut tar::Builder<&mut dyn Write>, path: &str, data: &[u8]) -> Result<()> {
    let mut h = header(data.len() as u64, 0o644, tar::EntryType::Regular);
    tar.append_data(&mut h, path, data).map_err(|e| Error::io("writing archive", e))
}

fn add_blob(store: &Store, tar: &mut tar::Builder<&mut dyn Write>, digest: &str) -> Result<()> {
    let path = store.blob_path(digest)?;
    let file = std::fs::File::open(&path).map_err(|e| Error::io(format!("reading blob {digest}"), e))?;
    let size = file.metadata().map_err(|e| Error::io(format!("reading blob {digest}"), e))?.len();
    let mut h = header(size, 0o644, tar::EntryType::Regular);
    let name = format!("blobs/sha256/{}", crate::storage::blobs::digest_hex(digest)?);
    tar.append_data(&mut h, name, file).map_err(|e| Error::io("writing archive", e))
}

/// What `load` stored: an image and the names it got.
#[derive(Debug)]
pub struct Loaded {
    pub id: String,
    pub names: Vec<String>,
}

/// Loads every image of an archive (plain, gzip or zstd).
pub fn load<R: Read>(store: &Store, source: R) -> Result<Vec<Loaded>> {
    let _guard = store.gc_guard()?;
    let tmp_root = store.root.join("tmp");
    std::fs::create_dir_all(&tmp_root).map_err(|e| Error::io("creating tmp dir", e))?;
    crate::storage::blobs::clean_stale_tmp(&tmp_root);
    let mut dir =
        Extracted::new(tmp_root.join(format!(".tmp-{}-{}", std::process::id(), crate::util::random_hex(6))));
    let (_, reader) =
        crate::storage::compress::decompressed(source).map_err(|e| Error::io("reading archive", e))?;
    dir.extract(reader)?;
    let loaded = if dir.exists("index.json") { load_oci(store, &dir)? } else { load_docker(store, &dir)? };
    if loaded.is_empty() {
        return Err(Error::InvalidArgument("no images found in the archive".into()));
    }
    Ok(loaded)
}

#[derive(Deserialize)]
#[serde(rename_all = "PascalCase")]
struct DockerManifest {
    config: String,
    #[serde(default)]
    repo_tags: Option<Vec<String>>,
    layers: Vec<String>,
}

fn read_json<T: serde::de::DeserializeOwned>(dir: &Extracted, path: &str) -> Result<T> {
    serde_json::from_slice(&dir.read(path)?).map_err(|e| invalid(format!("{path}: {e}")))
}

fn invalid(msg: String) -> Error {
    Error::InvalidArgument(format!("invalid archive: {msg}"))
}

/// The names a tag list gives, fully qualified.
fn names_of(tags: &[String]) -> Result<Vec<String>> {
    tags.iter().map(|t| super::local::tag_name(t)).collect()
}

fn load_docker(store: &Store, dir: &Extracted) -> Result<Vec<Loaded>> {
    let manifests: Vec<DockerManifest> = read_json(dir, "manifest.json")?;
    let known = known_layers(store)?;
    let mut loaded = Vec::new();
    for m in manifests {
        let config_bytes = dir.read(&m.config)?;
        let config: ImageConfig =
            serde_json::from_slice(&config_bytes).map_err(|e| invalid(format!("{}: {e}", m.config)))?;
        if config.rootfs.diff_ids.len() != m.layers.len() {
            return Err(invalid(format!(
                "{} lists a different number of layers than manifest.json",
                m.config
            )));
        }
        let mut layers = Vec::new();
        for (path, diff_id) in m.layers.iter().zip(&config.rootfs.diff_ids) {
            let layer = match known.get(diff_id) {
                Some(l) if store.has_layer(diff_id) && store.has_blob(&l.digest) => l.clone(),
                _ => super::local::add_layer(store, dir.open(path)?)?,
            };
            layers.push(layer);
        }
        let names = names_of(m.repo_tags.as_deref().unwrap_or_default())?;
        let id = super::local::store_image(store, &config_bytes, None, layers, &names)?;
        loaded.push(Loaded { id, names });
    }
    Ok(loaded)
}

/// Layers stored already, by diff id (so a load does not unpack them again).
fn known_layers(store: &Store) -> Result<HashMap<String, LayerRecord>> {
    let mut out = HashMap::new();
    for img in store.images()?.images {
        for l in img.layers {
            out.insert(l.diff_id.clone(), l);
        }
    }
    Ok(out)
}

fn load_oci(store: &Store, dir: &Extracted) -> Result<Vec<Loaded>> {
    let index: AnyManifest = read_json(dir, "index.json")?;
    // Docker's archives also name each image in manifest.json.
    let mut repo_tags: HashMap<String, Vec<String>> = HashMap::new();
    if dir.exists("manifest.json") {
        let manifests: Vec<DockerManifest> = read_json(dir, "manifest.json")?;
        for m in manifests {
            let hex = m.config.rsplit('/').next().unwrap_or_default().trim_end_matches(".json").to_string();
            repo_tags.entry(format!("sha256:{hex}")).or_default().extend(m.repo_tags.unwrap_or_default());
        }
    }
    let mut loaded: Vec<Loaded> = Vec::new();
    for desc in index.manifests.unwrap_or_default() {
        let annotations = desc.annotations.clone().unwrap_or_default();
        let mut names = Vec::new();
        if let Some(n) = annotations.get("io.containerd.image.name") {
            names.push(super::local::tag_name(n)?);
        } else if let Some(n) = annotations.get("org.opencontainers.image.ref.name") {
            // A full reference (Podman, skopeo); a bare tag names nothing.
            if n.contains('/') || n.contains(':') {
                names.push(super::local::tag_name(n)?);
            }
        }
        let id = load_oci_manifest(store, dir, &desc.digest, 0)?;
        names.extend(names_of(repo_tags.get(&id).map(Vec::as_slice).unwrap_or_default())?);
        let mut seen = std::collections::HashSet::new();
        names.retain(|n| seen.insert(n.clone()));
        store.update_images(|idx| {
            for n in &names {
                idx.set_name(n, &id);
            }
            Ok(())
        })?;
        match loaded.iter_mut().find(|l| l.id == id) {
            Some(l) => l.names.extend(names.into_iter().filter(|n| !l.names.contains(n)).collect::<Vec<_>>()),
            None => loaded.push(Loaded { id, names }),
        }
    }
    Ok(loaded)
}

/// Stores the image a manifest (or, through an index, the host's platform
/// manifest) describes; returns its id.
fn load_oci_manifest(store: &Store, dir: &Extracted, digest: &str, depth: u32) -> Result<String> {
    let bytes = dir.blob(digest)?;
    let manifest: AnyManifest =
        serde_json::from_slice(&bytes).map_err(|e| invalid(format!("manifest {digest}: {e}")))?;
    if manifest.is_index() {
        let entries = manifest.manifests.unwrap_or_default();
        let chosen = super::pull::choose_platform(&entries, &config::host_platform())
            .or(if entries.len() == 1 { entries.first() } else { None })
            .ok_or_else(|| invalid(format!("index {digest} has no image for this platform")))?;
        if depth > 2 {
            return Err(invalid("indexes nested too deep".into()));
        }
        return load_oci_manifest(store, dir, &chosen.digest.clone(), depth + 1);
    }
    let config_desc = manifest.config.ok_or_else(|| invalid(format!("manifest {digest} has no config")))?;
    let config_bytes = dir.blob(&config_desc.digest)?;
    let config: ImageConfig = serde_json::from_slice(&config_bytes)
        .map_err(|e| invalid(format!("config {}: {e}", config_desc.digest)))?;
    let descs = manifest.layers.unwrap_or_default();
    if descs.len() != config.rootfs.diff_ids.len() {
        return Err(invalid(format!("manifest {digest} and its config list different layers")));
    }
    let mut layers = Vec::new();
    for (d, diff_id) in descs.iter().zip(&config.rootfs.diff_ids) {
        if store.has_layer(diff_id) && store.has_blob(&d.digest) {
            layers.push(LayerRecord {
                digest: d.digest.clone(),
                diff_id: diff_id.clone(),
                media_type: d.media_type.clone(),
                size: d.size,
            });
            continue;
        }
        let file = dir.open(&Extracted::blob_path(&d.digest)?)?;
        layers.push(super::local::add_layer_blob(store, file, &d.digest, &d.media_type)?);
    }
    let media_type = manifest.media_type.unwrap_or_else(|| config::MT_OCI_MANIFEST.into());
    let id = super::local::store_image(store, &config_bytes, Some((&bytes, &media_type)), layers, &[])?;
    Ok(id)
}

/// An archive unpacked into a private temp dir. Links are not made on disk:
/// they are kept as a map and resolved inside the archive when a file is
/// opened, so nothing can point outside it. Removed on drop.
struct Extracted {
    root: PathBuf,
    links: HashMap<PathBuf, PathBuf>,
}

impl Extracted {
    fn new(root: PathBuf) -> Extracted {
        Extracted { root, links: Default::default() }
    }

    fn extract<R: Read>(&mut self, reader: R) -> Result<()> {
        let fail = |e: std::io::Error| Error::io("reading archive", e);
        std::fs::create_dir_all(&self.root).map_err(fail)?;
        let mut archive = tar::Archive::new(reader);
        for entry in archive.entries().map_err(fail)? {
            let mut entry = entry.map_err(fail)?;
            let raw = entry.path_bytes().into_owned();
            let Some(rel) = crate::storage::layer::clean_path(&raw) else {
                return Err(invalid(format!("{} escapes the archive", String::from_utf8_lossy(&raw))));
            };
            if rel.as_os_str().is_empty() {
                continue;
            }
            let kind = entry.header().entry_type();
            let target = self.root.join(&rel);
            if kind.is_dir() {
                std::fs::create_dir_all(&target).map_err(fail)?;
            } else if kind.is_file() {
                if let Some(parent) = target.parent() {
                    std::fs::create_dir_all(parent).map_err(fail)?;
                }
                let mut f = std::fs::File::create(&target).map_err(fail)?;
                std::io::copy(&mut entry, &mut f).map_err(fail)?;
            } else if kind.is_symlink() || kind.is_hard_link() {
                let link = entry.link_name_bytes().map(|l| l.into_owned()).unwrap_or_default();
                let link = PathBuf::from(std::ffi::OsStr::from_bytes(&link));
                let resolved = if kind.is_hard_link() || link.is_absolute() {
                    normalize(Path::new(""), &link)
                } else {
                    normalize(rel.parent().unwrap_or(Path::new("")), &link)
                }
                .ok_or_else(|| invalid(format!("link {} escapes the archive", rel.display())))?;
                self.links.insert(rel, resolved);
            }
        }
        Ok(())
    }

    /// `rel` with links followed (inside the archive only).
    fn resolve(&self, rel: &Path) -> Result<PathBuf> {
        let links = &self.links;
        let mut path = rel.to_path_buf();
        for _ in 0..32 {
            let mut prefix = PathBuf::new();
            let mut replaced = None;
            for c in path.components() {
                prefix.push(c);
                if let Some(target) = links.get(&prefix) {
                    let rest = path.strip_prefix(&prefix).expect("prefix of path").to_path_buf();
                    // join("") would add a trailing slash
                    replaced =
                        Some(if rest.as_os_str().is_empty() { target.clone() } else { target.join(rest) });
                    break;
                }
            }
            match replaced {
                Some(p) => path = p,
                None => return Ok(path),
            }
        }
        Err(invalid(format!("too many levels of links at {}", rel.display())))
    }

    fn clean(path: &str) -> Result<PathBuf> {
        normalize(Path::new(""), Path::new(path))
            .ok_or_else(|| invalid(format!("{path} escapes the archive")))
    }

    fn exists(&self, path: &str) -> bool {
        Self::clean(path).and_then(|p| self.resolve(&p)).is_ok_and(|p| self.root.join(p).is_file())
    }

    fn open(&self, path: &str) -> Result<std::fs::File> {
        let p = self.resolve(&Self::clean(path)?)?;
        std::fs::File::open(self.root.join(&p)).map_err(|e| invalid(format!("{path}: {e}")))
    }

    fn read(&self, path: &str) -> Result<Vec<u8>> {
        let mut data = Vec::new();
        self.open(path)?.read_to_end(&mut data).map_err(|e| invalid(format!("{path}: {e}")))?;
        Ok(data)
    }

    fn blob_path(digest: &str) -> Result<String> {
        let (alg, hex) = digest.split_once(':').ok_or_else(|| invalid(format!("bad digest {digest}")))?;
        crate::storage::blobs::digest_hex(digest)?;
        Ok(format!("blobs/{alg}/{hex}"))
    }

    /// A small blob, checked against its digest.
    fn blob(&self, digest: &str) -> Result<Vec<u8>> {
        let data = self.read(&Self::blob_path(digest)?)?;
        if crate::storage::blobs::sha256_digest(&data) != digest {
            return Err(invalid(format!("blob {digest} does not match its digest")));
        }
        Ok(data)
    }
}

impl Drop for Extracted {
    fn drop(&mut self) {
        let _ = crate::util::remove_dir_all(&self.root);
    }
}

/// `base/link` with `.` and `..` folded; None if it climbs out of the root.
fn normalize(base: &Path, link: &Path) -> Option<PathBuf> {
    let mut out = PathBuf::new();
    for c in base.components().chain(link.components()) {
        match c {
            Component::Normal(n) => out.push(n),
            Component::ParentDir => {
                if !out.pop() {
                    return None;
                }
            }
            Component::RootDir => out = PathBuf::new(),
            Component::CurDir | Component::Prefix(_) => {}
        }
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalize_stays_inside() {
        assert_eq!(
            normalize(Path::new("a/b"), Path::new("../c/layer.tar")),
            Some(PathBuf::from("a/c/layer.tar"))
        );
        assert_eq!(normalize(Path::new(""), Path::new("/x/y")), Some(PathBuf::from("x/y")));
        assert_eq!(normalize(Path::new("a"), Path::new("../../etc/passwd")), None);
    }
}

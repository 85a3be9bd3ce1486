//! `manifest`: what a registry holds for a name, and manifest lists made
//! locally from images already pushed, annotated, then pushed as one index,
//! as Docker's CLI does (it keeps them in ~/.docker/manifests; rdock in the
//! store).

use std::path::PathBuf;

use base64::Engine as _;
use serde::{Deserialize, Serialize};

use super::config::{
    AnyManifest, Descriptor, ImageConfig, Platform, MT_DOCKER_LIST, MT_DOCKER_MANIFEST, MT_OCI_INDEX,
    MT_OCI_MANIFEST,
};
use super::reference::Reference;
use super::registry::{self, Options, Registry};
use crate::error::{Error, Result};
use crate::storage::{atomic, lock::FileLock, Store};

/// A local manifest list: the images it will index, in order.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase", default)]
pub struct LocalList {
    pub name: String,
    pub entries: Vec<ListEntry>,
}

/// One image of a list: where it is, its descriptor with platform, and the
/// OS features `annotate` may add.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase", default)]
pub struct ListEntry {
    #[serde(rename = "Ref")]
    pub reference: String,
    pub descriptor: Descriptor,
    pub os_features: Vec<String>,
}

/// `manifest annotate`'s changes; `None` keeps what is there.
#[derive(Debug, Clone, Default)]
pub struct Annotation {
    pub os: Option<String>,
    pub arch: Option<String>,
    pub variant: Option<String>,
    pub os_version: Option<String>,
    pub os_features: Vec<String>,
}

fn lists_dir(store: &Store) -> PathBuf {
    store.root.join("manifests")
}

/// A list's file: named by a hash of its full name, so no two names share
/// one and none can leave the directory.
fn list_path(store: &Store, name: &Reference) -> PathBuf {
    let hash = crate::storage::blobs::sha256_digest(name.to_string().as_bytes());
    lists_dir(store).join(hash.trim_start_matches("sha256:"))
}

fn list_ref(name: &str) -> Result<Reference> {
    let r = Reference::parse(name)?.with_default_tag();
    if r.digest.is_some() {
        return Err(Error::InvalidArgument(format!(
            "invalid reference format: {name} (a list is named by a tag)"
        )));
    }
    Ok(r)
}

fn lock(store: &Store) -> Result<FileLock> {
    let dir = lists_dir(store);
    std::fs::create_dir_all(&dir).map_err(|e| Error::io(format!("creating {}", dir.display()), e))?;
    FileLock::exclusive(&dir.join(".lock"))
}

fn load(store: &Store, name: &Reference) -> Result<Option<LocalList>> {
    atomic::read_json_opt(&list_path(store, name))
}

fn no_such(name: &str) -> Error {
    Error::InvalidArgument(format!("No such manifest: {name}"))
}

/// Go's json.Indent with a tab: the document's own key order.
fn indent(v: &serde_json::Value) -> String {
    use serde::Serialize as _;
    let mut buf = Vec::new();
    let mut ser = serde_json::Serializer::with_formatter(
        &mut buf,
        serde_json::ser::PrettyFormatter::with_indent(b"\t"),
    );
    let _ = v.serialize(&mut ser);
    String::from_utf8(buf).unwrap_or_default()
}

/// The reference's tag or digest, as the registry wants it.
fn tag_or_digest(r: &Reference) -> String {
    r.digest.clone().or_else(|| r.tag.clone()).unwrap_or_else(|| super::reference::DEFAULT_TAG.into())
}

/// A manifest from the registry: bytes, media type, digest, parsed.
async fn fetch(reg: &Registry, r: &Reference) -> Result<(Vec<u8>, String, String, AnyManifest)> {
    let (body, media_type, digest) = reg.get_manifest(&r.path, &tag_or_digest(r), None).await?;
    let parsed: AnyManifest = serde_json::from_slice(&body)
        .map_err(|e| Error::Registry(format!("invalid manifest for {}: {e}", r.familiar_name())))?;
    Ok((body, media_type, digest, parsed))
}

/// The platform an image manifest's config declares.
async fn platform_of(reg: &Registry, r: &Reference, m: &AnyManifest) -> Result<Platform> {
    let desc = m.config.as_ref().ok_or_else(|| Error::Registry(format!("{}: manifest has no config", r)))?;
    let bytes = super::pull::fetch_config(reg, &r.path, desc).await?;
    let cfg: ImageConfig = serde_json::from_slice(&bytes)
        .map_err(|e| Error::Registry(format!("invalid image config of {r}: {e}")))?;
    Ok(Platform {
        architecture: cfg.architecture,
        os: cfg.os,
        variant: cfg.variant.filter(|v| !v.is_empty()),
        os_version: None,
    })
}

/// `manifest inspect`: a local list by that name, else what the registry
/// serves, tab-indented as Docker prints it; `verbose` adds each image's
/// descriptor and platform (Docker's ImageManifest objects).
pub fn inspect(
    store: &Store,
    opts: &Options,
    list: Option<&str>,
    name: &str,
    verbose: bool,
) -> Result<String> {
    if let Some(list) = list {
        let l = load(store, &list_ref(list)?)?.ok_or_else(|| no_such(list))?;
        let want = Reference::parse(name)?.with_default_tag().to_string();
        let e = l
            .entries
            .iter()
            .find(|e| e.reference == want)
            .ok_or_else(|| Error::InvalidArgument(format!("manifest {name} not found in list {list}")))?;
        return Ok(indent(&serde_json::to_value(e).unwrap_or_default()));
    }
    if let Ok(r) = list_ref(name) {
        if let Some(l) = load(store, &r)? {
            return Ok(indent(&index_json(&l)));
        }
    }
    let r = Reference::parse(name)?.with_default_tag();
    registry::block_on(async {
        let reg = Registry::connect(&r.domain, opts).await?;
        let (body, media_type, digest, parsed) = fetch(&reg, &r).await?;
        let doc: serde_json::Value = serde_json::from_slice(&body)
            .map_err(|e| Error::Registry(format!("invalid manifest for {}: {e}", r.familiar_name())))?;
        if !verbose {
            return Ok(indent(&doc));
        }
        if !parsed.is_index() {
            let platform = platform_of(&reg, &r, &parsed).await?;
            let d = Descriptor {
                media_type,
                digest,
                size: body.len() as u64,
                platform: Some(platform),
                ..Default::default()
            };
            return Ok(indent(&image_manifest(&r.to_string(), &d, &body, doc)));
        }
        let mut out = Vec::new();
        for child in parsed.manifests.iter().flatten() {
            let cr = Reference { tag: None, digest: Some(child.digest.clone()), ..r.clone() };
            let (cbody, _, _, _) = fetch(&reg, &cr).await?;
            let cdoc: serde_json::Value = serde_json::from_slice(&cbody)
                .map_err(|e| Error::Registry(format!("invalid manifest {}: {e}", child.digest)))?;
            out.push(image_manifest(&cr.to_string(), child, &cbody, cdoc));
        }
        Ok(indent(&serde_json::Value::Array(out)))
    })
}

/// Docker's verbose `ImageManifest`: Ref, Descriptor, Raw, and the manifest
/// under SchemaV2Manifest or OCIManifest.
fn image_manifest(r: &str, d: &Descriptor, body: &[u8], doc: serde_json::Value) -> serde_json::Value {
    let key = if d.media_type == MT_OCI_MANIFEST { "OCIManifest" } else { "SchemaV2Manifest" };
    let mut o = serde_json::Map::new();
    o.insert("Ref".into(), r.into());
    o.insert("Descriptor".into(), serde_json::to_value(d).unwrap_or_default());
    o.insert("Raw".into(), base64::engine::general_purpose::STANDARD.encode(body).into());
    o.insert(key.into(), doc);
    serde_json::Value::Object(o)
}

/// `manifest create`: a local list of the named images (each already in a
/// registry, none itself a list); with `amend`, added to an existing one.
pub fn create(store: &Store, opts: &Options, list: &str, images: &[String], amend: bool) -> Result<String> {
    let name = list_ref(list)?;
    let refs: Vec<Reference> =
        images.iter().map(|i| Reference::parse(i).map(Reference::with_default_tag)).collect::<Result<_>>()?;
    let entries = registry::block_on(async {
        let mut out = Vec::new();
        for r in &refs {
            let reg = Registry::connect(&r.domain, opts).await?;
            let (body, media_type, digest, parsed) = fetch(&reg, r).await?;
            if parsed.is_index() {
                return Err(Error::InvalidArgument(format!("{r} is a manifest list")));
            }
            let platform = platform_of(&reg, r, &parsed).await?;
            let descriptor = Descriptor {
                media_type,
                digest,
                size: body.len() as u64,
                platform: Some(platform),
                ..Default::default()
            };
            out.push(ListEntry { reference: r.to_string(), descriptor, os_features: Vec::new() });
        }
        Ok(out)
    })?;
    let _lock = lock(store)?;
    let mut l = match load(store, &name)? {
        Some(_) if !amend => {
            return Err(Error::Conflict(
                "refusing to amend an existing manifest list with no --amend flag".into(),
            ))
        }
        Some(l) => l,
        None => LocalList { name: name.to_string(), entries: Vec::new() },
    };
    for e in entries {
        match l.entries.iter_mut().find(|x| x.reference == e.reference) {
            Some(x) => *x = e,
            None => l.entries.push(e),
        }
    }
    atomic::write_json(&list_path(store, &name), &l)?;
    Ok(format!("Created manifest list {name}"))
}

/// `manifest annotate`: the platform an entry of a local list claims.
pub fn annotate(store: &Store, list: &str, image: &str, a: &Annotation) -> Result<()> {
    let name = list_ref(list)?;
    let want = Reference::parse(image)?.with_default_tag().to_string();
    let _lock = lock(store)?;
    let mut l = load(store, &name)?.ok_or_else(|| no_such(list))?;
    let e = l.entries.iter_mut().find(|e| e.reference == want).ok_or_else(|| {
        Error::InvalidArgument(format!("manifest for image {image} does not exist in {list}"))
    })?;
    let p = e.descriptor.platform.get_or_insert_with(Default::default);
    if let Some(os) = &a.os {
        p.os = os.clone();
    }
    if let Some(arch) = &a.arch {
        p.architecture = arch.clone();
    }
    if let Some(v) = &a.variant {
        p.variant = Some(v.clone()).filter(|v| !v.is_empty());
    }
    if let Some(v) = &a.os_version {
        p.os_version = Some(v.clone()).filter(|v| !v.is_empty());
    }
    if !a.os_features.is_empty() {
        e.os_features = a.os_features.clone();
    }
    if p.os.is_empty() || p.architecture.is_empty() {
        return Err(Error::InvalidArgument(format!(
            "manifest entry for image has unsupported os/arch combination: {}/{}",
            p.os, p.architecture
        )));
    }
    atomic::write_json(&list_path(store, &name), &l)
}

/// The index a list becomes: a Docker manifest list when every entry is a
/// Docker manifest, else an OCI index.
fn index_json(l: &LocalList) -> serde_json::Value {
    let docker = l.entries.iter().all(|e| e.descriptor.media_type == MT_DOCKER_MANIFEST);
    let manifests: Vec<serde_json::Value> = l
        .entries
        .iter()
        .map(|e| {
            let mut d = serde_json::to_value(&e.descriptor).unwrap_or_default();
            if let (false, Some(p)) = (e.os_features.is_empty(), d.get_mut("platform")) {
                p["os.features"] = serde_json::json!(e.os_features);
            }
            d
        })
        .collect();
    serde_json::json!({
        "schemaVersion": 2,
        "mediaType": if docker { MT_DOCKER_LIST } else { MT_OCI_INDEX },
        "manifests": manifests,
    })
}

/// `manifest push`: each image made present in the list's repository (its
/// blobs mounted from where it is, its manifest put by digest), then the index
/// under the list's tag; returns the index's digest. With `purge`, the local
/// list goes.
pub fn push(store: &Store, opts: &Options, list: &str, purge: bool) -> Result<String> {
    let name = list_ref(list)?;
    let l = load(store, &name)?.ok_or_else(|| no_such(list))?;
    if l.entries.is_empty() {
        return Err(Error::InvalidArgument(format!("{list} has no manifests to push")));
    }
    let index = serde_json::to_vec(&index_json(&l)).map_err(|e| Error::Registry(e.to_string()))?;
    let media_type = index_json(&l)["mediaType"].as_str().unwrap_or(MT_OCI_INDEX).to_string();
    let digest = registry::block_on(async {
        let reg = Registry::connect(&name.domain, opts).await?;
        for e in &l.entries {
            let src = Reference::parse(&e.reference)?;
            if src.domain != name.domain {
                return Err(Error::InvalidArgument(format!(
                    "cannot use source images from a different registry than the target image: {} != {}",
                    src.domain, name.domain
                )));
            }
            if src.path == name.path {
                continue;
            }
            let by_digest = Reference { tag: None, digest: Some(e.descriptor.digest.clone()), ..src.clone() };
            let (body, mt, _, parsed) = fetch(&reg, &by_digest).await?;
            for blob in parsed.config.iter().chain(parsed.layers.iter().flatten()) {
                if !reg.blob_exists(&name.path, &blob.digest).await?
                    && !reg.mount_blob(&name.path, &blob.digest, &src.path).await?
                {
                    return Err(Error::Registry(format!(
                        "could not mount blob {} from {} into {}",
                        blob.digest, src.path, name.path
                    )));
                }
            }
            reg.put_manifest(&name.path, &e.descriptor.digest, &body, &mt).await?;
        }
        reg.put_manifest(&name.path, &tag_or_digest(&name), &index, &media_type).await
    })?;
    if purge {
        rm(store, &[list.to_string()])?;
    }
    Ok(digest)
}

/// `manifest rm`: the local lists named; every name is tried, the first
/// failure reported.
pub fn rm(store: &Store, lists: &[String]) -> Result<()> {
    let _lock = lock(store)?;
    let mut first = None;
    for list in lists {
        let removed = list_ref(list)
            .and_then(|r| std::fs::remove_file(list_path(store, &r)).map_err(|_| no_such(list)));
        if let Err(e) = removed {
            first.get_or_insert(e);
        }
    }
    first.map_or(Ok(()), Err)
}

//! Images: references, registries, pulling, and looking images up in the store.

pub mod archive;
pub mod auth;
pub mod change;
pub mod config;
pub mod fetch;
pub mod local;
pub mod manifest;
pub mod pull;
pub mod push;
pub mod reference;
pub mod registry;
pub mod remove;
pub mod search;
pub mod transfer;

use crate::error::{Error, Result};
use crate::storage::images::ImageRecord;
use crate::storage::Store;
use config::ImageConfig;
use reference::Reference;

/// Finds an image by id (full or unique prefix, with or without `sha256:`), by
/// `name[:tag]` or by `name@digest`.
pub fn find(store: &Store, key: &str) -> Result<ImageRecord> {
    let images = store.images()?.images;
    let hex = key.strip_prefix("sha256:").unwrap_or(key);
    let looks_like_id = !hex.is_empty() && hex.len() <= 64 && hex.bytes().all(|b| b.is_ascii_hexdigit());
    if looks_like_id {
        let matches: Vec<&ImageRecord> =
            images.iter().filter(|i| i.id.trim_start_matches("sha256:").starts_with(hex)).collect();
        if matches.len() == 1
            && (hex.len() == 64 || key.starts_with("sha256:") || !is_name_of_any(&images, key))
        {
            return Ok(matches[0].clone());
        }
    }
    let reference =
        Reference::parse(key).map_err(|_| Error::NoSuchImage(key.to_string()))?.with_default_tag();
    let found = images.into_iter().find(|i| {
        reference.tagged_name().is_some_and(|n| i.names.contains(&n))
            && reference.digest.as_ref().is_none_or(|d| &i.manifest_digest == d)
            || reference.digested_name().is_some_and(|n| i.digests.contains(&n))
    });
    found.ok_or_else(|| Error::NoSuchImage(reference.familiar_name_with_tag()))
}

fn is_name_of_any(images: &[ImageRecord], key: &str) -> bool {
    Reference::parse(key)
        .ok()
        .and_then(|r| r.with_default_tag().tagged_name())
        .is_some_and(|n| images.iter().any(|i| i.names.contains(&n)))
}

pub fn load_config(store: &Store, image: &ImageRecord) -> Result<ImageConfig> {
    let bytes = store.read_blob(&image.id)?;
    serde_json::from_slice(&bytes)
        .map_err(|e| Error::Runtime(format!("invalid config for image {}: {e}", image.id)))
}

/// An image's (repository, tag) pairs as `images` lists them: familiar
/// names, `<none>` for an untagged image.
pub fn repo_tags(img: &crate::storage::images::ImageRecord) -> Vec<(String, String)> {
    let mut names: Vec<(String, String)> = img
        .names
        .iter()
        .filter_map(|n| reference::Reference::parse(n).ok())
        .map(|r| (r.familiar_name(), r.tag.clone().unwrap_or_default()))
        .collect();
    if names.is_empty() {
        names.push(("<none>".into(), "<none>".into()));
    }
    names
}

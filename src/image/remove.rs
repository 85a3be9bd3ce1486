//! `rmi` and `image prune`: untagging, deleting image records, and collecting
//! the blobs and layers nothing references any more.

use super::reference::{familiar, Reference};
use crate::error::{Error, Result};
use crate::storage::images::ImageRecord;
use crate::storage::Store;

/// What `rmi` did, as Docker reports it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Removed {
    Untagged(String),
    Deleted(String),
}

impl std::fmt::Display for Removed {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Removed::Untagged(n) => write!(f, "Untagged: {}", familiar(n)),
            Removed::Deleted(id) => write!(f, "Deleted: {id}"),
        }
    }
}

/// Removes `key` (a name, a digest reference or an id). A name only untags
/// unless it was the image's last; an image some container uses stays (without
/// `force`, removing its last name is refused).
pub fn remove(store: &Store, key: &str, force: bool) -> Result<Vec<Removed>> {
    let image = super::find(store, key)?;
    let users = users(store, &image.id)?;
    let short = crate::util::short_id(&image.id).to_string();
    let name = named_by(&image, key);
    let tags = image.names.len();
    match &name {
        Some(n) if tags > 1 || image.names.iter().all(|t| t != n) && !image.names.is_empty() => {
            return untag(store, &image.id, std::slice::from_ref(n));
        }
        Some(n) if !users.is_empty() && !force => {
            return Err(Error::Conflict(format!(
                "conflict: unable to remove repository reference \"{}\" (must force) - container {} is using its referenced image {short}",
                familiar(n),
                crate::util::short_id(&users[0].0)
            )));
        }
        None if tags > 1 && !force => {
            return Err(Error::Conflict(format!(
                "conflict: unable to delete {short} (must be forced) - image is referenced in multiple repositories"
            )));
        }
        None if !users.is_empty() => {
            let (id, running) = &users[0];
            let state = if *running { "running" } else { "stopped" };
            if *running || !force {
                let how = if *running { "cannot be forced" } else { "must be forced" };
                return Err(Error::Conflict(format!(
                    "conflict: unable to delete {short} ({how}) - image is being used by {state} container {}",
                    crate::util::short_id(id)
                )));
            }
        }
        _ => {}
    }
    if !users.is_empty() {
        // Forced: the names go, the image stays for its containers.
        return untag(store, &image.id, &image.names);
    }
    let mut out: Vec<Removed> = Vec::new();
    store.update_images(|index| {
        if let Some(pos) = index.images.iter().position(|i| i.id == image.id) {
            let img = index.images.remove(pos);
            out.extend(img.names.into_iter().chain(img.digests).map(Removed::Untagged));
            out.push(Removed::Deleted(img.id));
        }
        Ok(())
    })?;
    store.collect_garbage(false)?;
    Ok(out)
}

/// The stored name `key` refers to, if it is a name rather than an id.
fn named_by(image: &ImageRecord, key: &str) -> Option<String> {
    let r = Reference::parse(key).ok()?;
    if let Some(n) = r.digested_name().filter(|n| image.digests.contains(n)) {
        return Some(n);
    }
    let hex = key.strip_prefix("sha256:").unwrap_or(key);
    if image.id.trim_start_matches("sha256:").starts_with(hex)
        && !image.names.iter().any(|n| {
            Reference::parse(key).ok().and_then(|r| r.with_default_tag().tagged_name()).as_ref() == Some(n)
        })
    {
        return None; // an id (prefix)
    }
    r.with_default_tag().tagged_name().filter(|n| image.names.contains(n))
}

fn untag(store: &Store, id: &str, names: &[String]) -> Result<Vec<Removed>> {
    store.update_images(|index| {
        let mut out = Vec::new();
        if let Some(img) = index.images.iter_mut().find(|i| i.id == id) {
            for n in names {
                if img.names.contains(n) {
                    img.names.retain(|x| x != n);
                    out.push(Removed::Untagged(n.clone()));
                } else if img.digests.contains(n) {
                    img.digests.retain(|x| x != n);
                    out.push(Removed::Untagged(n.clone()));
                }
            }
            // A repository's digest names go with its last tag.
            if img.names.is_empty() && names.len() == 1 {
                let repo = Reference::parse(&names[0]).map(|r| r.name()).unwrap_or_default();
                let (gone, kept): (Vec<String>, Vec<String>) = img
                    .digests
                    .drain(..)
                    .partition(|d| Reference::parse(d).map(|r| r.name() == repo).unwrap_or(false));
                img.digests = kept;
                out.extend(gone.into_iter().map(Removed::Untagged));
            }
        }
        Ok(out)
    })
}

/// Containers using image `id`: (container id, running).
fn users(store: &Store, id: &str) -> Result<Vec<(String, bool)>> {
    Ok(store
        .containers()?
        .into_iter()
        .filter(|c| c.config.image_id == id)
        .map(|c| (c.config.id, c.state.status.is_active()))
        .collect())
}

/// Removes dangling images (every unused one with `all`) that `keep` does not
/// protect; returns what was removed and the bytes freed.
pub fn prune(store: &Store, all: bool, keep: &dyn Fn(&ImageRecord) -> bool) -> Result<(Vec<Removed>, u64)> {
    let used: Vec<String> = store.containers()?.into_iter().map(|c| c.config.image_id).collect();
    let mut out = Vec::new();
    store.update_images(|index| {
        let (gone, kept): (Vec<ImageRecord>, Vec<ImageRecord>) = index
            .images
            .drain(..)
            .partition(|i| (all || i.names.is_empty()) && !used.contains(&i.id) && !keep(i));
        index.images = kept;
        for img in gone {
            out.extend(img.names.into_iter().chain(img.digests).map(Removed::Untagged));
            out.push(Removed::Deleted(img.id));
        }
        Ok(())
    })?;
    let freed = store.collect_garbage(true)?;
    Ok((out, freed))
}

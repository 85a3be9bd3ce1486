//! `RUN --mount=…`: cache, secret, tmpfs and bind mounts for one step, and
//! the file a shebang heredoc runs from.

use std::collections::BTreeMap;

use sha2::{Digest, Sha256};

use super::container::{self, Process};
use super::stage::StageRun;
use crate::error::{Error, Result};
use crate::storage::buildcache as cache;

impl<'b> StageRun<'_, 'b> {
    /// `RUN --mount=…` (and a shebang heredoc): binds and tmpfs mounts for the
    /// step. Returns what must live while it runs.
    pub(super) fn mounts(
        &self,
        specs: &[String],
        process: &mut Process,
        shebang: Option<&super::dockerfile::Heredoc>,
    ) -> Result<Guards<'b>> {
        let store = self.b.store;
        let mut guards = Guards { locks: Vec::new(), sources: Vec::new(), dir: None, copies: Vec::new() };
        let temp = store.runroot.join(format!("build-{}-{}", std::process::id(), crate::util::random_hex(6)));
        guards.dir = Some(temp.clone());
        if let Some(doc) = shebang {
            let dir = temp.join("pipes");
            std::fs::create_dir_all(&dir).map_err(|e| Error::io("writing the heredoc", e))?;
            let file = dir.join(&doc.name);
            std::fs::write(&file, &doc.content).map_err(|e| Error::io("writing the heredoc", e))?;
            use std::os::unix::fs::PermissionsExt;
            let _ = std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o755));
            process.mounts.push(bind(&file, format!("/dev/pipes/{}", doc.name), true));
        }
        for spec in specs {
            let mut kv: BTreeMap<String, String> = BTreeMap::new();
            for part in spec.split(',') {
                let (k, v) = part.split_once('=').unwrap_or((part, "true"));
                kv.insert(k.to_string(), v.to_string());
            }
            let typ = kv.get("type").cloned().unwrap_or_else(|| "bind".into());
            let target = kv.get("target").or(kv.get("dst")).or(kv.get("destination")).cloned();
            let target = |default: Option<String>| -> Result<String> {
                let t = target
                    .clone()
                    .or(default)
                    .ok_or_else(|| Error::InvalidArgument(format!("mount type {typ} requires a target")))?;
                let cwd = if process.workdir.is_empty() { "/" } else { process.workdir.as_str() };
                Ok(super::stage::normalize(cwd, &t))
            };
            let readonly = kv.get("readonly").or(kv.get("ro")).is_some_and(|v| v != "false");
            match typ.as_str() {
                "tmpfs" => {
                    let t = target(None)?;
                    let size = kv.get("size").map(|s| format!("size={s}")).unwrap_or_default();
                    process.mount_points.push((t.clone(), false));
                    process.tmpfs.insert(t, size);
                }
                "cache" => {
                    let t = target(None)?;
                    let id = kv.get("id").cloned().unwrap_or_else(|| t.clone());
                    let hex = hex::encode(Sha256::digest(id.as_bytes()));
                    let dir = cache::dir(store).join("mounts").join(&hex);
                    std::fs::create_dir_all(&dir).map_err(|e| Error::io("creating a cache mount", e))?;
                    let lock_path = cache::dir(store).join("mounts").join(format!("{hex}.lock"));
                    let lock = match kv.get("sharing").map(String::as_str) {
                        Some("locked") | Some("private") => {
                            crate::storage::lock::FileLock::exclusive(&lock_path)?
                        }
                        _ => crate::storage::lock::FileLock::shared(&lock_path)?,
                    };
                    guards.locks.push(lock);
                    process.mount_points.push((t.clone(), false));
                    process.mounts.push(bind(&dir, t, readonly));
                }
                "secret" => {
                    let id = kv.get("id").cloned().unwrap_or_default();
                    let t = target(Some(format!("/run/secrets/{id}")))?;
                    let Some(secret) = self.b.opts.secrets.iter().find(|s| s.id == id) else {
                        if kv.get("required").is_some_and(|v| v == "true") {
                            return Err(Error::InvalidArgument(format!("secret {id}: not found")));
                        }
                        continue;
                    };
                    if let Some(var) = kv.get("env") {
                        process.env.push(format!("{var}={}", String::from_utf8_lossy(&secret.data)));
                        if !kv.contains_key("target") {
                            continue;
                        }
                    }
                    // Named by a hash: the id is the Dockerfile's to choose.
                    let dir =
                        temp.join(format!("secret-{}", &hex::encode(Sha256::digest(id.as_bytes()))[..16]));
                    std::fs::create_dir_all(&dir).map_err(|e| Error::io("writing a secret", e))?;
                    let file = dir.join("secret");
                    std::fs::write(&file, &secret.data).map_err(|e| Error::io("writing a secret", e))?;
                    let mode = match kv.get("mode") {
                        Some(m) => u32::from_str_radix(m, 8)
                            .map_err(|_| Error::InvalidArgument(format!("invalid secret mode {m:?}")))?,
                        None => 0o400,
                    };
                    use std::os::unix::fs::PermissionsExt;
                    std::fs::set_permissions(&file, std::fs::Permissions::from_mode(mode & 0o777))
                        .map_err(|e| Error::io("writing a secret", e))?;
                    let id_of = |k: &str| kv.get(k).and_then(|v| v.parse::<u32>().ok());
                    if id_of("uid").is_some() || id_of("gid").is_some() {
                        std::os::unix::fs::chown(&file, id_of("uid"), id_of("gid"))
                            .map_err(|e| Error::io("writing a secret", e))?;
                    }
                    process.mount_points.push((t.clone(), true));
                    process.mounts.push(bind(&file, t, true));
                }
                "bind" => {
                    let t = target(None)?;
                    let source = kv.get("source").or(kv.get("src")).cloned().unwrap_or_default();
                    let real = match kv.get("from") {
                        Some(from) => {
                            // A stage's or image's tree, mounted for this step alone.
                            let src = self.source_root(from)?;
                            let real = container::real_path_inside(&src.root, &source)?;
                            guards.sources.push(src);
                            real
                        }
                        // The context is the caller's: the step gets a copy (what
                        // .dockerignore hides left out), which a rw mount may change.
                        None => {
                            let dest = store.root.join(format!(
                                ".tmp-{}-bind-{}",
                                std::process::id(),
                                crate::util::random_hex(6)
                            ));
                            guards.copies.push(dest.clone());
                            self.context_copy(&source, &dest)?;
                            dest
                        }
                    };
                    let is_file = std::fs::metadata(&real).is_ok_and(|m| !m.is_dir());
                    process.mount_points.push((t.clone(), is_file));
                    process.mounts.push(bind(
                        &real,
                        t,
                        kv.get("rw").or(kv.get("readwrite")).is_none_or(|v| v == "false"),
                    ));
                }
                other => return Err(Error::InvalidArgument(format!("unsupported mount type {other:?}"))),
            }
        }
        Ok(guards)
    }

    /// A private copy of a context path for a bind mount, at `dest` (in the
    /// store, not the runroot's tmpfs: it may be big).
    fn context_copy(&self, source: &str, dest: &std::path::Path) -> Result<()> {
        let tree = super::sources::Tree {
            root: crate::storage::inroot::InRoot::open(&self.b.context.dir)
                .map_err(|e| Error::io("opening the build context", e))?,
            ignore: self.b.ignore.as_ref(),
        };
        let found = tree.find(source)?;
        let found = found.first().ok_or_else(|| super::sources::not_found(source))?;
        tree.copy_out(found, dest)
    }

    /// What a bind mount's content adds to the step's cache key: a hash of
    /// the context files it binds, or what identifies the stage or image.
    pub(super) fn mount_key(&self, spec: &str) -> Result<String> {
        let kv: BTreeMap<&str, &str> =
            spec.split(',').map(|p| p.split_once('=').unwrap_or((p, "true"))).collect();
        if kv.get("type").copied().unwrap_or("bind") != "bind" {
            return Ok(String::new());
        }
        let source = kv.get("source").or(kv.get("src")).copied().unwrap_or("");
        if let Some(from) = kv.get("from") {
            return self.source_key(from);
        }
        let tree = super::sources::Tree {
            root: crate::storage::inroot::InRoot::open(&self.b.context.dir)
                .map_err(|e| Error::io("opening the build context", e))?,
            ignore: self.b.ignore.as_ref(),
        };
        let mut h = Sha256::new();
        for f in tree.find(source)? {
            for item in tree.items(&f)? {
                super::sources::hash_item(&mut h, &tree, &item)?;
            }
        }
        Ok(hex::encode(h.finalize()))
    }
}

/// What a RUN step's mounts need while it runs: cache locks, mounted
/// sources, and the temp dir of its secrets and heredoc scripts (removed).
pub(super) struct Guards<'b> {
    locks: Vec<crate::storage::lock::FileLock>,
    sources: Vec<super::copy::SourceRoot<'b>>,
    dir: Option<std::path::PathBuf>,
    /// Copies of context paths that binds use.
    copies: Vec<std::path::PathBuf>,
}

impl Drop for Guards<'_> {
    fn drop(&mut self) {
        self.sources.clear();
        self.locks.clear();
        for d in self.dir.iter().chain(&self.copies) {
            let _ = crate::util::remove_dir_all(d);
        }
    }
}

/// A bind mount of a host path the build made (or resolved) at `destination`.
fn bind(
    source: &std::path::Path,
    destination: String,
    read_only: bool,
) -> crate::storage::containers::MountPoint {
    crate::storage::containers::MountPoint {
        typ: "bind".into(),
        source: source.display().to_string(),
        destination,
        read_only,
        ..Default::default()
    }
}

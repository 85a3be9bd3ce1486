//! The one interface the CLI (and later an API socket) calls. Each method is a
//! Docker operation; they lean on the runtime, image, network and storage layers.

use std::os::unix::net::UnixStream;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::error::{Error, IoContext, Result};
use crate::image::config::ImageConfig;
use crate::image::local::{CommitOptions, ImportOptions};
use crate::image::pull::{PullOptions, PullProgress, PullResult};
use crate::image::push::{PushOptions, PushProgress, PushResult};
use crate::image::reference::Reference;
use crate::image::remove::Removed;
use crate::runtime::exec::ExecOptions;
use crate::runtime::lifecycle::{self, CreateOptions, Started};
use crate::runtime::logs::{self, Entry, ReadOptions};
use crate::runtime::stats::{self, StatsSample};
use crate::runtime::supervisor;
use crate::storage::containers::{ContainerConfig, ContainerRecord, Status};
use crate::storage::images::ImageRecord;
use crate::storage::tree::Change;
use crate::storage::Store;

mod inspect;

pub const DEFAULT_ROOT: &str = "/var/lib/rdock";
pub const DEFAULT_RUNROOT: &str = "/run/rdock";

/// The state directories when none are given: root's, or for a user those under
/// `$XDG_DATA_HOME` and `$XDG_RUNTIME_DIR` (a private `/tmp/rdock-$UID` without it).
pub fn default_dirs() -> Result<(PathBuf, PathBuf)> {
    let uid = nix::unistd::getuid();
    if uid.is_root() {
        return Ok((PathBuf::from(DEFAULT_ROOT), PathBuf::from(DEFAULT_RUNROOT)));
    }
    let home = std::env::var_os("HOME").map(PathBuf::from).unwrap_or_else(|| PathBuf::from("/"));
    let xdg = |var: &str, fallback: PathBuf| {
        std::env::var_os(var).map(PathBuf::from).filter(|p| p.is_absolute()).unwrap_or(fallback)
    };
    let root = xdg("XDG_DATA_HOME", home.join(".local/share")).join("rdock");
    let runroot = match std::env::var_os("XDG_RUNTIME_DIR").map(PathBuf::from).filter(|p| p.is_absolute()) {
        Some(dir) => dir.join("rdock"),
        None => private_tmp_dir(uid.as_raw())?,
    };
    Ok((root, runroot))
}

/// `/tmp/rdock-$UID`, created 0700; refused if someone else owns it.
fn private_tmp_dir(uid: u32) -> Result<PathBuf> {
    use std::os::unix::fs::{DirBuilderExt, MetadataExt};
    let dir = PathBuf::from(format!("/tmp/rdock-{uid}"));
    match std::fs::DirBuilder::new().mode(0o700).create(&dir) {
        Ok(()) => {}
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {}
        Err(e) => return Err(Error::io(format!("creating {}", dir.display()), e)),
    }
    let meta =
        std::fs::symlink_metadata(&dir).map_err(|e| Error::io(format!("checking {}", dir.display()), e))?;
    if !meta.is_dir() || meta.uid() != uid || meta.mode() & 0o077 != 0 {
        return Err(Error::Conflict(format!(
            "{} is not a private directory of yours; set XDG_RUNTIME_DIR or --runroot",
            dir.display()
        )));
    }
    Ok(dir)
}

/// Where configuration lives: `/etc/rdock` for root, `$XDG_CONFIG_HOME/rdock` else.
pub fn config_dir() -> PathBuf {
    if nix::unistd::getuid().is_root() {
        return PathBuf::from("/etc/rdock");
    }
    let home = std::env::var_os("HOME").map(PathBuf::from).unwrap_or_else(|| PathBuf::from("/"));
    std::env::var_os("XDG_CONFIG_HOME")
        .map(PathBuf::from)
        .filter(|p| p.is_absolute())
        .unwrap_or_else(|| home.join(".config"))
        .join("rdock")
}

/// `system df -v`: space per image, container, volume and cache record.
#[derive(Debug, Clone, Default)]
pub struct UsageDetail {
    pub images: Vec<ImageUsage>,
    pub containers: Vec<ContainerUsage>,
    pub volumes: Vec<VolumeUsage>,
    pub build_cache: Vec<(String, crate::storage::buildcache::Record)>,
    pub build_cache_size: u64,
}

#[derive(Debug, Clone)]
pub struct ImageUsage {
    pub image: ImageRecord,
    /// Its layers' bytes; the part other images share; the rest.
    pub size: u64,
    pub shared: u64,
    pub unique: u64,
    pub containers: usize,
}

#[derive(Debug, Clone)]
pub struct ContainerUsage {
    pub record: ContainerRecord,
    /// Bytes in its writable layer, and how many volumes it mounts.
    pub size: u64,
    pub local_volumes: usize,
}

#[derive(Debug, Clone)]
pub struct VolumeUsage {
    pub name: String,
    /// Containers that mount it.
    pub links: usize,
    pub size: u64,
}

/// One line of `system df`.
#[derive(Debug, Clone, Default)]
pub struct UsageRow {
    pub kind: &'static str,
    pub total: usize,
    pub active: usize,
    pub size: u64,
    pub reclaimable: u64,
}

pub struct Engine {
    pub store: Store,
}

impl Engine {
    pub fn open(root: &Path, runroot: &Path) -> Result<Engine> {
        Ok(Engine { store: Store::open(root, runroot)? })
    }

    // ----- images -----

    pub fn pull(
        &self,
        name: &str,
        opts: &PullOptions,
        progress: Arc<dyn PullProgress>,
    ) -> Result<(Reference, PullResult)> {
        let reference = Reference::parse(name)?.with_default_tag();
        let result = crate::image::pull::pull(&self.store, &reference, opts, progress)?;
        self.image_event("pull", &reference.familiar_name_with_tag(), &reference.familiar_name());
        Ok((reference, result))
    }

    /// A one-layer image from a filesystem tar.
    pub fn import(&self, source: &mut dyn std::io::Read, opts: &ImportOptions) -> Result<String> {
        let id = crate::image::local::import(&self.store, source, opts)?;
        self.image_event("import", &id, "");
        Ok(id)
    }

    /// An image event: Docker names the image by reference or id, with its
    /// repository name as an attribute.
    fn image_event(&self, action: &str, id: &str, name: &str) {
        let attrs: Vec<(&str, String)> =
            if name.is_empty() { Vec::new() } else { vec![("name", name.to_string())] };
        crate::storage::events::object(&self.store, "image", action, id, &attrs);
    }

    /// Pushes `name` (`latest` unless tagged) to its registry.
    pub fn push(
        &self,
        name: &str,
        opts: &PushOptions,
        progress: Arc<dyn PushProgress>,
    ) -> Result<(Reference, PushResult)> {
        let reference = Reference::parse(name)?.with_default_tag();
        if reference.digest.is_some() {
            return Err(Error::InvalidArgument(format!("cannot push a digest reference: {name}")));
        }
        let image = self.image(&reference.to_string())?;
        let result = crate::image::push::push(&self.store, &image, &reference, opts, progress)?;
        self.image_event("push", &reference.familiar_name_with_tag(), &reference.familiar_name());
        Ok((reference, result))
    }

    /// `manifest inspect`: a local list, or what the registry holds.
    pub fn manifest_inspect(
        &self,
        list: Option<&str>,
        name: &str,
        verbose: bool,
        opts: &crate::image::registry::Options,
    ) -> Result<String> {
        crate::image::manifest::inspect(&self.store, opts, list, name, verbose)
    }

    /// `manifest create`: a local list of pushed images.
    pub fn manifest_create(
        &self,
        list: &str,
        images: &[String],
        amend: bool,
        opts: &crate::image::registry::Options,
    ) -> Result<String> {
        crate::image::manifest::create(&self.store, opts, list, images, amend)
    }

    /// `manifest annotate`: an entry's platform.
    pub fn manifest_annotate(
        &self,
        list: &str,
        image: &str,
        a: &crate::image::manifest::Annotation,
    ) -> Result<()> {
        crate::image::manifest::annotate(&self.store, list, image, a)
    }

    /// `manifest push`: the list as an index; its digest.
    pub fn manifest_push(
        &self,
        list: &str,
        purge: bool,
        opts: &crate::image::registry::Options,
    ) -> Result<String> {
        crate::image::manifest::push(&self.store, opts, list, purge)
    }

    /// `manifest rm`: local lists.
    pub fn manifest_rm(&self, lists: &[String]) -> Result<()> {
        crate::image::manifest::rm(&self.store, lists)
    }

    /// `--platform` of push, rmi, save and history: rdock keeps one platform
    /// per image, so the image must be that one.
    pub fn check_image_platform(&self, key: &str, want: &str) -> Result<()> {
        let want = crate::image::config::parse_platform(want)?;
        let got = self.image_platform(key)?;
        if want.matches(&got) {
            return Ok(());
        }
        Err(Self::platform_mismatch(key, &want, &got))
    }

    /// The platform an image's config declares.
    pub fn image_platform(&self, key: &str) -> Result<crate::image::config::Platform> {
        let cfg = self.image_config(&self.image(key)?)?;
        Ok(crate::image::config::Platform {
            os: cfg.os,
            architecture: cfg.architecture,
            variant: cfg.variant,
            os_version: None,
        })
    }

    /// Docker's refusal of an image of another platform than asked.
    pub fn platform_mismatch(
        key: &str,
        want: &crate::image::config::Platform,
        got: &crate::image::config::Platform,
    ) -> Error {
        Error::InvalidArgument(format!(
            "image with reference {key} was found but does not match the specified platform: wanted {want}, actual: {got}"
        ))
    }

    /// Writes the images as one `docker save` archive.
    pub fn save(&self, keys: &[String], out: &mut dyn std::io::Write) -> Result<()> {
        crate::image::archive::save(&self.store, keys, out)?;
        for k in keys {
            if let Ok(img) = self.image(k) {
                self.image_event("save", &img.id, k);
            }
        }
        Ok(())
    }

    /// Loads every image of a save/OCI archive.
    pub fn load(&self, source: &mut dyn std::io::Read) -> Result<Vec<crate::image::archive::Loaded>> {
        let loaded = crate::image::archive::load(&self.store, source)?;
        for l in &loaded {
            self.image_event("load", &l.id, l.names.first().map(String::as_str).unwrap_or_default());
        }
        Ok(loaded)
    }

    /// Checks the credentials against the registry, then stores them.
    pub fn login(
        &self,
        server: &str,
        creds: crate::image::auth::Credentials,
        tls_verify: crate::image::registry::TlsVerify,
    ) -> Result<String> {
        let domain = crate::image::auth::registry_domain(server);
        let opts = crate::image::registry::Options { tls_verify, credentials: Some(creds.clone()) };
        crate::image::registry::block_on(async {
            let reg = crate::image::registry::Registry::connect(&domain, &opts).await?;
            reg.check_login().await
        })?;
        crate::image::auth::store(&domain, &creds)?;
        Ok(domain)
    }

    /// Forgets stored credentials; false when there were none.
    pub fn logout(&self, server: &str) -> Result<(String, bool)> {
        let domain = crate::image::auth::registry_domain(server);
        let found = crate::image::auth::erase(&domain)?;
        Ok((domain, found))
    }

    /// Gives image `source` the name `target` as well.
    pub fn tag(&self, source: &str, target: &str) -> Result<()> {
        let image = self.image(source)?;
        let name = crate::image::local::tag_name(target)?;
        self.store.update_images(|index| {
            index.set_name(&name, &image.id);
            Ok(())
        })?;
        self.image_event("tag", &image.id, &crate::image::reference::familiar(&name));
        Ok(())
    }

    pub fn remove_image(&self, key: &str, force: bool) -> Result<Vec<Removed>> {
        let id = self.image(key).map(|i| i.id).unwrap_or_default();
        let removed = crate::image::remove::remove(&self.store, key, force)?;
        self.removed_events(&id, &removed);
        Ok(removed)
    }

    /// `untag` and `delete` events of an image removal.
    fn removed_events(&self, id: &str, removed: &[Removed]) {
        for r in removed {
            match r {
                Removed::Untagged(name) => {
                    self.image_event("untag", id, &crate::image::reference::familiar(name))
                }
                Removed::Deleted(deleted) => self.image_event("delete", deleted, ""),
            }
        }
    }

    /// Removes dangling images (all unused ones with `all`) but those `keep` spares.
    pub fn prune_images(
        &self,
        all: bool,
        keep: &dyn Fn(&ImageRecord) -> bool,
    ) -> Result<(Vec<Removed>, u64)> {
        let (removed, freed) = crate::image::remove::prune(&self.store, all, keep)?;
        for r in &removed {
            if let Removed::Deleted(id) = r {
                self.image_event("delete", id, "");
            }
        }
        self.prune_event("image", freed);
        Ok((removed, freed))
    }

    /// Docker's `prune` event of each prune command: the bytes it freed.
    fn prune_event(&self, typ: &str, reclaimed: u64) {
        crate::storage::events::object(
            &self.store,
            typ,
            "prune",
            "",
            &[("reclaimed", reclaimed.to_string())],
        );
    }

    /// The image's history, newest first, each step with the size of the layer it made.
    pub fn history(&self, key: &str) -> Result<Vec<HistoryRow>> {
        let img = self.image(key)?;
        let cfg = self.image_config(&img)?;
        let mut sizes = img.layers.iter().map(|l| self.store.layer_size(&l.diff_id));
        let mut rows: Vec<HistoryRow> = if cfg.history.is_empty() {
            sizes.map(|size| HistoryRow { size, ..Default::default() }).collect()
        } else {
            cfg.history
                .iter()
                .map(|h| HistoryRow {
                    id: String::new(),
                    created: h.created.clone().unwrap_or_default(),
                    created_by: h.created_by.clone().unwrap_or_default(),
                    size: if h.empty_layer { 0 } else { sizes.next().unwrap_or(0) },
                    comment: h.comment.clone().unwrap_or_default(),
                })
                .collect()
        };
        rows.reverse();
        if let Some(top) = rows.first_mut() {
            top.id = img.id.clone();
        }
        Ok(rows)
    }

    pub fn search(
        &self,
        term: &str,
        limit: usize,
        opts: &crate::image::registry::Options,
    ) -> Result<Vec<crate::image::search::SearchResult>> {
        crate::image::search::search(term, limit, opts)
    }

    fn volume_usage(&self) -> Result<UsageRow> {
        let mut row = UsageRow { kind: "Local Volumes", ..Default::default() };
        let used = self.used_volumes()?;
        for v in self.store.volumes()? {
            let size = crate::storage::layer::disk_usage(&self.store.volume_data_dir(&v.name));
            row.total += 1;
            row.size += size;
            if used.contains(&v.name) {
                row.active += 1;
            } else {
                row.reclaimable += size;
            }
        }
        Ok(row)
    }

    /// `events`: the journal from `since` to `until` (nanoseconds), then live
    /// unless `until` has passed; with neither, only what happens from now.
    pub fn events(
        &self,
        since: Option<i64>,
        until: Option<i64>,
        filter: &crate::storage::events::Filter,
        out: &mut dyn FnMut(&crate::storage::events::Event) -> bool,
    ) -> Result<()> {
        let now = chrono::Utc::now().timestamp_nanos_opt().unwrap_or(0);
        let follow = until.is_none_or(|u| u > now);
        let since = since.or((until.is_none()).then_some(now));
        crate::storage::events::watch(&self.store, since, until, follow, filter, out)
    }

    /// `system df -v`: each image with its shared and unique bytes, each
    /// container's writable layer, each volume with its users, the cache.
    pub fn disk_usage_detail(&self) -> Result<UsageDetail> {
        let images = self.images()?;
        let containers = self.containers()?;
        let mut users: std::collections::HashMap<&str, usize> = Default::default();
        for img in &images {
            for l in &img.layers {
                *users.entry(l.diff_id.as_str()).or_default() += 1;
            }
        }
        let mut out = UsageDetail::default();
        for img in &images {
            let (mut size, mut shared) = (0, 0);
            for l in &img.layers {
                let s = self.store.layer_size(&l.diff_id);
                size += s;
                if users.get(l.diff_id.as_str()).copied().unwrap_or(0) > 1 {
                    shared += s;
                }
            }
            let n = containers.iter().filter(|c| c.config.image_id == img.id).count();
            out.images.push(ImageUsage {
                image: img.clone(),
                size,
                shared,
                unique: size - shared,
                containers: n,
            });
        }
        for c in &containers {
            let size = crate::storage::layer::disk_usage(&self.store.rootfs_dirs(&c.config.id).upper);
            let local_volumes = c.config.host.mounts.iter().filter(|m| m.typ == "volume").count();
            out.containers.push(ContainerUsage { record: c.clone(), size, local_volumes });
        }
        for v in self.store.volumes()? {
            let links = containers
                .iter()
                .filter(|c| c.config.host.mounts.iter().any(|m| m.typ == "volume" && m.source == v.name))
                .count();
            let size = crate::storage::layer::disk_usage(&self.store.volume_data_dir(&v.name));
            out.volumes.push(VolumeUsage { name: v.name, links, size });
        }
        out.build_cache = crate::storage::buildcache::records(&self.store);
        out.build_cache_size = crate::build::usage(&self.store).1;
        Ok(out)
    }

    /// `system df`: space used by images, containers and volumes, and how much
    /// of it nothing in use needs.
    pub fn disk_usage(&self) -> Result<Vec<UsageRow>> {
        use crate::storage::containers::Status;
        let images = self.images()?;
        let containers = self.containers()?;
        let in_use: std::collections::HashSet<&str> =
            containers.iter().map(|c| c.config.image_id.as_str()).collect();
        let mut layer_sizes: std::collections::HashMap<&str, u64> = Default::default();
        let mut needed: std::collections::HashSet<&str> = Default::default();
        for img in &images {
            for l in &img.layers {
                layer_sizes.insert(&l.diff_id, self.store.layer_size(&l.diff_id));
                if in_use.contains(img.id.as_str()) {
                    needed.insert(&l.diff_id);
                }
            }
        }
        let image_size: u64 = layer_sizes.values().sum();
        let needed_size: u64 = needed.iter().map(|d| layer_sizes[d]).sum();
        let active_images = images.iter().filter(|i| in_use.contains(i.id.as_str())).count();
        let mut container_size = 0;
        let mut stopped_size = 0;
        let mut running = 0;
        for c in &containers {
            let size = crate::storage::layer::disk_usage(&self.store.rootfs_dirs(&c.config.id).upper);
            container_size += size;
            if matches!(c.state.status, Status::Running | Status::Paused | Status::Restarting) {
                running += 1;
            } else {
                stopped_size += size;
            }
        }
        Ok(vec![
            UsageRow {
                kind: "Images",
                total: images.len(),
                active: active_images,
                size: image_size,
                reclaimable: image_size - needed_size,
            },
            UsageRow {
                kind: "Containers",
                total: containers.len(),
                active: running,
                size: container_size,
                reclaimable: stopped_size,
            },
            self.volume_usage()?,
            {
                let (records, size) = crate::build::usage(&self.store);
                UsageRow { kind: "Build Cache", total: records, active: 0, size, reclaimable: size }
            },
        ])
    }

    pub fn images(&self) -> Result<Vec<ImageRecord>> {
        Ok(self.store.images()?.images)
    }

    pub fn image(&self, key: &str) -> Result<ImageRecord> {
        crate::image::find(&self.store, key)
    }

    pub fn image_config(&self, image: &ImageRecord) -> Result<ImageConfig> {
        crate::image::load_config(&self.store, image)
    }

    // ----- containers -----

    /// Creates a container from an image in the store.
    pub fn create(&self, opts: &CreateOptions) -> Result<ContainerConfig> {
        let _guard = self.store.gc_guard()?;
        let image = self.image(&opts.image)?;
        let config = self.image_config(&image)?;
        lifecycle::create(&self.store, &image, &config, opts)
    }

    /// All containers, with records of dead supervisors brought up to date
    /// (a build's step containers are its own business and not listed).
    pub fn containers(&self) -> Result<Vec<ContainerRecord>> {
        Ok(self
            .store
            .containers()?
            .into_iter()
            .filter(|r| r.config.build_pid == 0)
            .map(|r| lifecycle::reconcile(&self.store, r))
            .collect())
    }

    /// `ps`: the containers the filters pass (stopped ones only with `all`
    /// or a status/exited filter), newest first.
    pub fn list_containers(
        &self,
        filters: &crate::filters::ContainerFilters,
        all: bool,
    ) -> Result<Vec<ContainerRecord>> {
        let mut recs = self.containers()?;
        recs.sort_by(|x, y| y.config.created.cmp(&x.config.created));
        let created_of = |key: &str| -> Result<String> { Ok(self.container(key)?.config.created) };
        let before = filters.before.as_deref().map(created_of).transpose()?;
        let since = filters.since.as_deref().map(created_of).transpose()?;
        let ancestors: Vec<String> =
            filters.ancestor.iter().filter_map(|a| self.image(a).ok().map(|i| i.id)).collect();
        let all = all || filters.wants_stopped();
        recs.retain(|r| {
            (all || r.state.status.is_active())
                && filters.matches(r, &ancestors, before.as_deref(), since.as_deref())
        });
        Ok(recs)
    }

    /// `system boot`: after a reboot nothing runs until this starts every
    /// container Docker's daemon would start when it comes up: `always`,
    /// `unless-stopped` unless stopped by hand, `on-failure` after a failure
    /// with retries left. Each with the result of its start, oldest first.
    pub fn boot(&self) -> Result<Vec<(ContainerRecord, Result<()>)>> {
        let mut recs = self.containers()?;
        recs.sort_by(|x, y| x.config.created.cmp(&y.config.created));
        let mut out = Vec::new();
        for rec in recs {
            let due = !rec.state.status.is_active()
                && rec.state.status != Status::Created
                && crate::runtime::restart::should_restart(
                    &rec.config.host,
                    &rec.state,
                    rec.state.exit_code,
                    true,
                );
            if due {
                let started = lifecycle::start(&self.store, &rec, false, None).map(drop);
                out.push((rec, started));
            }
        }
        Ok(out)
    }

    pub fn container(&self, key: &str) -> Result<ContainerRecord> {
        let rec = self.store.find_container(key)?;
        if rec.config.build_pid != 0 {
            return Err(Error::NoSuchContainer(key.to_string()));
        }
        Ok(lifecycle::reconcile(&self.store, rec))
    }

    // ----- build -----

    /// Builds an image from a Dockerfile; progress goes to `progress`.
    pub fn build(
        &self,
        context: crate::build::ContextSource,
        dockerfile: crate::build::DockerfileSource,
        opts: &crate::build::BuildOptions,
        progress: Box<dyn std::io::Write + Send>,
    ) -> std::result::Result<crate::build::Built, crate::build::Failure> {
        let built = crate::build::build(&self.store, context, dockerfile, opts, progress)?;
        // Docker's builder makes an image `create` event, then a `tag` for each name.
        self.image_event("create", &built.id, &built.id);
        for name in &built.names {
            self.image_event("tag", &built.id, &crate::image::reference::familiar(name));
        }
        Ok(built)
    }

    /// An image's filesystem as a tar (`build --output type=tar`).
    pub fn export_image(&self, key: &str, out: &mut dyn std::io::Write) -> Result<()> {
        let image = self.image(key)?;
        let layers: Vec<String> = image.layers.iter().map(|l| l.diff_id.clone()).collect();
        self.store.export_layers(&layers, out)
    }

    /// An image's filesystem written into a host directory (`build --output
    /// type=local`), as the caller's own files.
    pub fn export_image_dir(&self, key: &str, dir: &std::path::Path) -> Result<()> {
        std::fs::create_dir_all(dir).map_err(|e| Error::io(format!("creating {}", dir.display()), e))?;
        let (mut reader, mut writer) = std::io::pipe().map_err(|e| Error::io("creating a pipe", e))?;
        std::thread::scope(|s| {
            let producer = s.spawn(move || {
                let r = self.export_image(key, &mut writer);
                drop(writer);
                r
            });
            let extracted = crate::runtime::copy::extract_on_host(&mut reader, dir, false);
            drop(reader);
            let produced = producer.join().map_err(|_| Error::Runtime("export panicked".into()))?;
            produced.and(extracted)
        })
    }

    /// `container prune`: removes stopped containers that `keep` does not
    /// hold back; returns their ids and the bytes their filesystems held.
    pub fn container_prune(&self, keep: &dyn Fn(&ContainerRecord) -> bool) -> Result<(Vec<String>, u64)> {
        let mut removed = Vec::new();
        let mut freed = 0;
        for rec in self.containers()? {
            if rec.state.status.is_active() || keep(&rec) {
                continue;
            }
            let size = crate::storage::layer::disk_usage(&self.store.rootfs_dirs(&rec.config.id).upper);
            removed.push(lifecycle::remove(&self.store, &rec.config.id, false, false)?);
            freed += size;
        }
        self.prune_event("container", freed);
        Ok((removed, freed))
    }

    /// `builder prune`: drops build cache records; returns the bytes freed.
    pub fn builder_prune(&self, opts: &crate::build::PruneOptions) -> Result<(Vec<String>, u64)> {
        let (removed, freed) = crate::build::prune(&self.store, opts)?;
        self.prune_event("builder", freed);
        Ok((removed, freed))
    }

    pub fn start(
        &self,
        key: &str,
        attach: bool,
        tty_size: Option<(u16, u16)>,
    ) -> Result<(ContainerRecord, Option<Started>)> {
        let rec = self.container(key)?;
        if rec.state.status.is_active() {
            return Ok((rec, None));
        }
        let started = lifecycle::start(&self.store, &rec, attach, tty_size)?;
        Ok((rec, Some(started)))
    }

    /// Connects to a running container's supervisor.
    pub fn attach(&self, key: &str) -> Result<(ContainerRecord, UnixStream)> {
        let rec = self.container(key)?;
        match rec.state.status {
            Status::Running => {}
            Status::Paused => {
                return Err(Error::Conflict(
                    "You cannot attach to a paused container, unpause it first".into(),
                ))
            }
            Status::Restarting => {
                return Err(Error::Conflict(
                    "You cannot attach to a restarting container, wait until it is running".into(),
                ))
            }
            _ => {
                return Err(Error::Conflict(
                    "You cannot attach to a stopped container, start it first".into(),
                ))
            }
        }
        let path = supervisor::attach_socket(&self.store, &rec.config.id);
        let stream = UnixStream::connect(&path).map_err(|e| Error::io("connecting to the container", e))?;
        Ok((rec, stream))
    }

    pub fn stop(&self, key: &str, timeout: Option<i64>, signal: Option<&str>) -> Result<()> {
        lifecycle::stop(&self.store, key, timeout, signal)
    }

    pub fn kill(&self, key: &str, signal: &str) -> Result<()> {
        lifecycle::kill(&self.store, key, signal)
    }

    /// `restart`: stop (if it runs), start, and Docker's `restart` event.
    pub fn restart(&self, key: &str, timeout: Option<i64>, signal: Option<&str>) -> Result<()> {
        self.stop(key, timeout, signal)?;
        let (rec, _) = self.start(key, false, None)?;
        crate::storage::events::container(&self.store, &rec.config, "restart", &[]);
        Ok(())
    }

    pub fn remove(&self, key: &str, force: bool, volumes: bool) -> Result<String> {
        lifecycle::remove(&self.store, key, force, volumes)
    }

    pub fn pause(&self, key: &str) -> Result<()> {
        lifecycle::pause(&self.store, key)
    }

    pub fn unpause(&self, key: &str) -> Result<()> {
        lifecycle::unpause(&self.store, key)
    }

    pub fn wait(&self, key: &str) -> Result<i32> {
        lifecycle::wait(&self.store, key)
    }

    /// What the container changed in its filesystem (`docker diff`).
    pub fn diff(&self, key: &str) -> Result<Vec<Change>> {
        let rec = self.container(key)?;
        self.store.container_changes(&rec.config)
    }

    /// The container's filesystem as a tar stream.
    pub fn export(&self, key: &str, out: &mut dyn std::io::Write) -> Result<()> {
        let rec = self.container(key)?;
        self.store.export_container(&rec.config, out)
    }

    /// A new image from the container; with `pause`, a running container is
    /// frozen meanwhile (rootless without a freezer, it keeps running).
    pub fn commit(&self, key: &str, opts: &CommitOptions, pause: bool) -> Result<String> {
        let rec = self.container(key)?;
        let mut paused = false;
        if pause && rec.state.status == Status::Running {
            match lifecycle::pause_for_operation(&self.store, &rec.config.id) {
                Ok(()) => paused = true,
                Err(_) if self.store.rootless => {}
                Err(e) => return Err(e),
            }
        }
        let result = crate::image::local::commit(&self.store, &rec.config, opts);
        if paused {
            lifecycle::unpause(&self.store, &rec.config.id)?;
        }
        let id = result?;
        // Docker's: the image's create and tag, then the container's commit.
        let reference = opts
            .reference
            .as_deref()
            .and_then(|r| Reference::parse(r).ok())
            .map(|r| r.with_default_tag().familiar_name_with_tag())
            .unwrap_or_default();
        self.image_event("create", &id, &id);
        if !reference.is_empty() {
            self.image_event("tag", &id, &reference);
        }
        let attrs = [
            ("comment", opts.message.clone().unwrap_or_default()),
            ("imageID", id.clone()),
            ("imageRef", reference),
        ];
        crate::storage::events::container(&self.store, &rec.config, "commit", &attrs);
        Ok(id)
    }

    /// `update`: new limits and restart policy, live if the container runs.
    pub fn update(&self, key: &str, u: &crate::runtime::update::ResourceUpdate) -> Result<()> {
        crate::runtime::update::update(&self.store, key, u).map(|_| ())
    }

    pub fn rename(&self, key: &str, new_name: &str) -> Result<()> {
        let new_name = new_name.strip_prefix('/').unwrap_or(new_name);
        if !crate::runtime::names::valid_name(new_name) {
            return Err(Error::InvalidArgument(format!(
                "Invalid container name ({new_name}), only [a-zA-Z0-9][a-zA-Z0-9_.-] are allowed"
            )));
        }
        let rec = self.container(key)?;
        if rec.config.name == new_name {
            return Err(Error::Conflict(
                "Renaming a container with the same name as its current name".into(),
            ));
        }
        self.store.rename_container(&rec.config.id, new_name)?;
        let renamed =
            crate::storage::containers::ContainerConfig { name: new_name.to_string(), ..rec.config.clone() };
        crate::storage::events::container(
            &self.store,
            &renamed,
            "rename",
            &[("oldName", format!("/{}", rec.config.name))],
        );
        Ok(())
    }

    pub fn logs(
        &self,
        key: &str,
        opts: &ReadOptions,
        out: &mut dyn FnMut(&Entry) -> std::io::Result<()>,
    ) -> Result<()> {
        let rec = self.container(key)?;
        if rec.config.host.log_driver == "none" {
            return Err(Error::InvalidArgument("configured logging driver does not support reading".into()));
        }
        let id = rec.config.id.clone();
        let lock = supervisor::lock_path(&self.store, &id);
        let alive = move || crate::storage::lock::is_locked(&lock);
        logs::read(&self.store.container_log_path(&id), opts, &alive, out)
    }

    pub fn exec(&self, key: &str, opts: &ExecOptions) -> Result<i32> {
        let rec = lifecycle::running(&self.store, key)?;
        // Rootless, the container's namespaces belong to its supervisor's session.
        if self.store.rootless {
            let supervisor = lifecycle::parent_pid(rec.state.pid)
                .ok_or_else(|| Error::NotRunning(rec.config.id.clone()))?;
            crate::runtime::userns::join_session(supervisor)?;
        }
        crate::runtime::exec::exec(&self.store, &rec, opts)
    }

    pub fn top(&self, key: &str, ps_args: &[String]) -> Result<(Vec<String>, Vec<Vec<String>>)> {
        let rec = self.container(key)?;
        if rec.state.status == Status::Restarting {
            return Err(lifecycle::restarting(&rec.config.id));
        }
        if !rec.state.status.is_active() {
            return Err(Error::Conflict(format!("container {} is not running", rec.config.id)));
        }
        stats::top(&rec, ps_args)
    }

    pub fn stats(&self, recs: &[ContainerRecord]) -> Vec<StatsSample> {
        stats::sample(recs, std::time::Duration::from_millis(500))
    }

    fn container_driver(&self, id: &str) -> crate::storage::overlay::Driver {
        std::fs::read_to_string(self.store.container_dir(id).join("driver"))
            .ok()
            .and_then(|d| crate::storage::overlay::Driver::parse(d.trim()))
            .unwrap_or_else(|| self.store.driver())
    }

    // ----- cp -----

    /// Runs `f` with the container's root as this process can reach it: a
    /// running container's through /proc, a stopped one's mounted meanwhile.
    /// Rootless, it joins the container's session (or a session of its own).
    pub fn with_container_root<T>(&self, key: &str, f: impl FnOnce(&Path) -> Result<T>) -> Result<T> {
        let rec = self.container(key)?;
        if rec.state.status.is_active() && rec.state.pid > 0 {
            if self.store.rootless {
                let supervisor = lifecycle::parent_pid(rec.state.pid)
                    .ok_or_else(|| Error::NotRunning(rec.config.id.clone()))?;
                crate::runtime::userns::join_session(supervisor)?;
            }
            return f(Path::new(&format!("/proc/{}/root", rec.state.pid)));
        }
        crate::runtime::userns::enter_session(&self.store.runroot)?;
        let root = self.store.mount_rootfs(&rec.config.id, &rec.config.layers, None)?;
        let out = crate::runtime::copy::bind_volumes(&self.store, &rec.config, &root).and_then(|binds| {
            let out = f(&root);
            crate::runtime::copy::unbind_volumes(&binds);
            out
        });
        // A start meanwhile owns the mount now; leave it then.
        if !self.container(&rec.config.id).is_ok_and(|r| r.state.status.is_active()) {
            let _ = self.store.unmount_rootfs(&rec.config.id);
        }
        out
    }

    /// `cp CTR:SRC DEST`: the container side is archived in a child chrooted
    /// into its root; the host side is extracted here or streamed to `to`.
    pub fn copy_from_container(
        &self,
        key: &str,
        src: &str,
        to: CopyTo<'_>,
        follow: bool,
        archive: bool,
    ) -> Result<()> {
        use crate::runtime::copy::{self, ArchiveOp};
        let src = if src.starts_with('/') { src.to_string() } else { format!("/{src}") };
        let container = key;
        self.with_container_root(key, |root| {
            let base = src.trim_end_matches('/').rsplit('/').next().unwrap_or("").to_string();
            // The final component is a link to copy as such unless -L.
            let follow_last = follow || base.is_empty() || base == ".";
            let meta = copy::stat_in_root(root, &src, follow_last).ok_or_else(|| {
                Error::InvalidArgument(format!("Could not find the file {src} in container {container}"))
            })?;
            let is_dir = copy::stat_in_root(root, &src, true).is_some_and(|m| m.is_dir()) && meta.is_dir();
            let pack = |name: String| ArchiveOp::Pack { path: src.clone(), name, follow: follow_last };
            match to {
                CopyTo::Stream(out) => {
                    let name =
                        if src.ends_with("/.") || base.is_empty() { ".".to_string() } else { base.clone() };
                    copy::in_root(root, &pack(name), |child| {
                        let mut r = child.stdout.take().expect("piped");
                        std::io::copy(&mut r, out).map(drop).ctx(|| "writing the archive".into())
                    })
                }
                CopyTo::Path { abs, text } => {
                    let host_is_dir = |p: &Path| std::fs::metadata(p).ok().map(|m| m.is_dir());
                    let target = copy::plan(&src, is_dir, abs, text, &host_is_dir)?;
                    if target.create {
                        std::fs::create_dir_all(&target.dir)
                            .ctx(|| format!("creating {}", target.dir.display()))?;
                    }
                    copy::in_root(root, &pack(target.name.clone()), |child| {
                        let mut r = child.stdout.take().expect("piped");
                        copy::extract_on_host(&mut r, &target.dir, archive)
                    })
                }
            }
        })
    }

    /// `cp SRC CTR:DEST`: a tar of the host side (or `from` itself) is
    /// extracted by a child chrooted into the container's root.
    pub fn copy_to_container(
        &self,
        key: &str,
        dest: &str,
        from: CopyFrom<'_>,
        follow: bool,
        archive: bool,
    ) -> Result<()> {
        use crate::runtime::copy::{self, ArchiveOp};
        let dest = if dest.starts_with('/') { dest.to_string() } else { format!("/{dest}") };
        let container = key;
        self.with_container_root(key, |root| {
            let in_ctr = |p: &Path| copy::stat_in_root(root, &p.to_string_lossy(), true).map(|m| m.is_dir());
            match from {
                CopyFrom::Stream(input) => {
                    if in_ctr(Path::new(&dest)) != Some(true) {
                        return Err(Error::InvalidArgument(format!(
                            "destination \"{container}:{dest}\" must be a directory"
                        )));
                    }
                    let op = ArchiveOp::Unpack { dir: dest.clone(), archive };
                    copy::in_root(root, &op, |child| {
                        let mut w = child.stdin.take().expect("piped");
                        std::io::copy(input, &mut w).map(drop).ctx(|| "reading the archive".into())
                    })
                }
                CopyFrom::Path { abs, text } => {
                    let is_dir = std::fs::metadata(abs).map(|m| m.is_dir()).unwrap_or(false);
                    let target = copy::plan(text, is_dir, Path::new(&dest), &dest, &in_ctr)?;
                    if target.create {
                        copy::mkdir_in_root(root, &target.dir.to_string_lossy())?;
                    }
                    let op = ArchiveOp::Unpack { dir: target.dir.to_string_lossy().into_owned(), archive };
                    copy::in_root(root, &op, |child| {
                        let mut w = child.stdin.take().expect("piped");
                        copy::write_tar(abs, &target.name, follow, &mut w)
                    })
                }
            }
        })
    }

    // ----- networks -----

    /// Records plus the built-in host and none (and bridge, made on first sight).
    pub fn networks(&self) -> Result<Vec<crate::storage::networks::NetworkRecord>> {
        use crate::storage::networks::NetworkRecord;
        {
            let lock = self.store.network_lock()?;
            crate::net::bridge::default_network(&self.store, &lock)?;
        }
        let mut out = self.store.networks()?;
        for (name, driver) in [("host", "host"), ("none", "null")] {
            out.push(NetworkRecord {
                id: builtin_network_id(name),
                name: name.into(),
                driver: driver.into(),
                ..Default::default()
            });
        }
        Ok(out)
    }

    /// A network by name or id, the built-in host and none included.
    pub fn network(&self, key: &str) -> Result<crate::storage::networks::NetworkRecord> {
        crate::storage::networks::find_in(&self.networks()?, key)
    }

    pub fn network_create(
        &self,
        opts: &crate::net::CreateNetwork,
    ) -> Result<crate::storage::networks::NetworkRecord> {
        let net = crate::net::create_network(&self.store, opts)?;
        self.network_event("create", &net, &[]);
        Ok(net)
    }

    fn network_event(
        &self,
        action: &str,
        net: &crate::storage::networks::NetworkRecord,
        more: &[(&str, String)],
    ) {
        let mut attrs = vec![("name", net.name.clone()), ("type", net.driver.clone())];
        attrs.extend(more.iter().cloned());
        crate::storage::events::object(&self.store, "network", action, &net.id, &attrs);
    }

    pub fn network_remove(&self, key: &str) -> Result<String> {
        let net = self.network(key)?;
        let removed = crate::net::remove_network(&self.store, &net.id)?;
        self.network_event("destroy", &removed, &[]);
        Ok(removed.name)
    }

    /// `network connect`; a running container gets the interface at once.
    pub fn network_connect(
        &self,
        network: &str,
        container: &str,
        aliases: Vec<String>,
        ip: Option<String>,
        link_local_ips: Vec<String>,
    ) -> Result<()> {
        for ip in &link_local_ips {
            if !ip.parse::<std::net::Ipv4Addr>().is_ok_and(|a| a.is_link_local()) {
                return Err(Error::InvalidArgument(format!("invalid link-local IP address: {ip}")));
            }
        }
        let net = self.network(network)?;
        if net.driver != "bridge" {
            return Err(Error::Conflict(
                "container cannot be disconnected from host network or connected to host network".into(),
            ));
        }
        let rec = self.container(container)?;
        let ec = crate::storage::containers::EndpointConfig {
            network: net.name.clone(),
            aliases,
            ip: ip.unwrap_or_default(),
            link_local_ips,
            ..Default::default()
        };
        let ns = self.running_netns(&rec)?;
        crate::net::connect(&self.store, &rec.config.id, ec, ns.as_ref())?;
        self.network_event("connect", &net, &[("container", rec.config.id.clone())]);
        Ok(())
    }

    pub fn network_disconnect(&self, network: &str, container: &str) -> Result<()> {
        let net = self.network(network)?;
        let rec = self.container(container)?;
        let ns = self.running_netns(&rec)?;
        crate::net::disconnect(&self.store, &rec.config.id, &net.name, ns.as_ref())?;
        self.network_event("disconnect", &net, &[("container", rec.config.id.clone())]);
        Ok(())
    }

    fn running_netns(&self, rec: &ContainerRecord) -> Result<Option<std::fs::File>> {
        if rec.state.status.is_active() && rec.state.pid > 0 {
            Ok(Some(crate::net::netlink::open_netns(rec.state.pid)?))
        } else {
            Ok(None)
        }
    }

    /// `network prune`: user-defined networks no container uses.
    pub fn network_prune(
        &self,
        keep: &dyn Fn(&crate::storage::networks::NetworkRecord) -> bool,
    ) -> Result<Vec<String>> {
        let mut removed = Vec::new();
        for n in self.store.networks()? {
            if n.is_default() || keep(&n) || !crate::net::network_users(&self.store, &n)?.is_empty() {
                continue;
            }
            let gone = crate::net::remove_network(&self.store, &n.id)?;
            self.network_event("destroy", &gone, &[]);
            removed.push(gone.name);
        }
        self.prune_event("network", 0);
        Ok(removed)
    }

    /// `port`: the running container's published ports.
    pub fn ports(&self, key: &str) -> Result<Vec<crate::storage::networks::PublishedPort>> {
        let rec = self.container(key)?;
        if !rec.state.status.is_active() {
            return Ok(Vec::new());
        }
        Ok(self.store.net_state_snapshot().ports_of(&rec.config.id).cloned().collect())
    }

    // ----- volumes -----

    pub fn volumes(&self) -> Result<Vec<crate::storage::volumes::VolumeRecord>> {
        self.store.volumes()
    }

    pub fn volume_create(
        &self,
        name: Option<&str>,
        labels: std::collections::BTreeMap<String, String>,
    ) -> Result<crate::storage::volumes::VolumeRecord> {
        let v = self.store.create_volume(name, labels)?;
        crate::storage::events::object(
            &self.store,
            "volume",
            "create",
            &v.name,
            &[("driver", v.driver.clone())],
        );
        Ok(v)
    }

    /// Removes a volume; one in use only with `force`.
    pub fn volume_remove(&self, name: &str, force: bool) -> Result<()> {
        self.store.volume(name)?;
        let users = crate::runtime::mounts::volume_users(&self.store, name)?;
        if !users.is_empty() && !force {
            return Err(Error::Conflict(format!("remove {name}: volume is in use - [{}]", users.join(", "))));
        }
        self.store.remove_volume(name)?;
        self.volume_destroyed(name);
        Ok(())
    }

    fn volume_destroyed(&self, name: &str) {
        crate::storage::events::object(&self.store, "volume", "destroy", name, &[("driver", "local".into())]);
    }

    /// Names of the volumes some container uses.
    pub fn used_volumes(&self) -> Result<std::collections::HashSet<String>> {
        crate::runtime::mounts::used_volumes(&self.store)
    }

    /// Removes unused volumes (anonymous ones only, unless `all`) that `keep` spares.
    pub fn volume_prune(
        &self,
        all: bool,
        keep: &dyn Fn(&crate::storage::volumes::VolumeRecord) -> bool,
    ) -> Result<(Vec<String>, u64)> {
        let mut removed = Vec::new();
        let mut freed = 0;
        let used = self.used_volumes()?;
        for v in self.store.volumes()? {
            if (!all && !v.anonymous) || keep(&v) || used.contains(&v.name) {
                continue;
            }
            let size = crate::storage::layer::disk_usage(&self.store.volume_data_dir(&v.name));
            self.store.remove_volume(&v.name)?;
            self.volume_destroyed(&v.name);
            freed += size;
            removed.push(v.name);
        }
        self.prune_event("volume", freed);
        Ok((removed, freed))
    }

    // ----- system -----

    /// Removes every container (killing running ones), image, layer and cache.
    pub fn reset(&self) -> Result<()> {
        let mut first_error = None;
        for rec in self.containers()? {
            if let Err(e) = self.remove(&rec.config.id, true, true) {
                first_error.get_or_insert(e);
            }
        }
        for id in self.store.stray_container_ids() {
            if let Err(e) = lifecycle::remove_stray(&self.store, &id) {
                first_error.get_or_insert(e);
            }
        }
        for e in crate::net::reset(&self.store) {
            first_error.get_or_insert(e);
        }
        if self.store.rootless {
            crate::runtime::userns::stop_pause(&self.store.runroot);
        }
        for dir in [
            self.store.layers_dir(),
            self.store.blobs_dir(),
            self.store.cache_dir(),
            self.store.root.join("volumes"),
        ] {
            if let Err(e) = crate::util::remove_dir_all(&dir) {
                first_error.get_or_insert(Error::io(format!("removing {}", dir.display()), e));
            }
        }
        let _ = std::fs::remove_file(self.store.root.join("images.json"));
        Store::open(&self.store.root, &self.store.runroot)?;
        first_error.map_or(Ok(()), Err)
    }
}

/// Stable ids for the built-in networks, from their names.
fn builtin_network_id(name: &str) -> String {
    use sha2::Digest;
    hex::encode(sha2::Sha256::digest(format!("rdock-builtin-network-{name}")))
}

/// One step of `docker history`.
#[derive(Debug, Clone, Default)]
pub struct HistoryRow {
    /// The image id for the top step; the others have none (`<missing>`).
    pub id: String,
    pub created: String,
    pub created_by: String,
    pub size: u64,
    pub comment: String,
}

/// The host side of `cp` out of a container.
pub enum CopyTo<'a> {
    /// `cp CTR:SRC -`: the tar itself.
    Stream(&'a mut dyn std::io::Write),
    /// A host path (absolute) and the text the user gave (a trailing `/` matters).
    Path { abs: &'a Path, text: &'a str },
}

/// The host side of `cp` into a container.
pub enum CopyFrom<'a> {
    /// `cp - CTR:DIR`: a tar to extract.
    Stream(&'a mut dyn std::io::Read),
    Path {
        abs: &'a Path,
        text: &'a str,
    },
}

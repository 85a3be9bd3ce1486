//! The event journal: what every rdock process did to containers, images,
//! networks and volumes, one JSON line per event in Docker's shape, appended
//! under a lock so processes interleave whole lines, rotated by size.

use std::collections::BTreeMap;
use std::io::{BufRead, Write};
use std::path::PathBuf;

use serde::{Deserialize, Serialize};

use super::lock::FileLock;
use super::Store;
use crate::error::{IoContext, Result};

/// Past this size the journal moves to `journal.1` (the one before is dropped).
const ROTATE_AT: u64 = 4 << 20;

/// Docker's `events.Message`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Event {
    /// The legacy fields Docker still sends for containers and images.
    #[serde(rename = "status", skip_serializing_if = "String::is_empty", default)]
    pub status: String,
    #[serde(rename = "id", skip_serializing_if = "String::is_empty", default)]
    pub id: String,
    #[serde(rename = "from", skip_serializing_if = "String::is_empty", default)]
    pub from: String,
    #[serde(rename = "Type")]
    pub typ: String,
    #[serde(rename = "Action")]
    pub action: String,
    #[serde(rename = "Actor")]
    pub actor: Actor,
    pub scope: String,
    pub time: i64,
    #[serde(rename = "timeNano")]
    pub time_nano: i64,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Actor {
    #[serde(rename = "ID")]
    pub id: String,
    #[serde(rename = "Attributes")]
    pub attributes: BTreeMap<String, String>,
}

impl Event {
    /// An event now: `typ` container|image|network|volume|builder, `action`
    /// as Docker names it (`create`, `die`, `kill`, `tag`, …).
    pub fn new(typ: &str, action: &str, id: &str, attributes: BTreeMap<String, String>) -> Event {
        let now = chrono::Utc::now();
        let nanos = now.timestamp_nanos_opt().unwrap_or(0);
        let legacy = matches!(typ, "container" | "image");
        Event {
            status: if legacy { action.to_string() } else { String::new() },
            id: if legacy { id.to_string() } else { String::new() },
            from: if typ == "container" {
                attributes.get("image").cloned().unwrap_or_default()
            } else {
                String::new()
            },
            typ: typ.to_string(),
            action: action.to_string(),
            actor: Actor { id: id.to_string(), attributes },
            scope: "local".into(),
            time: nanos / 1_000_000_000,
            time_nano: nanos,
        }
    }
}

fn dir(store: &Store) -> PathBuf {
    store.root.join("events")
}

/// The journal's files, oldest first.
pub fn files(store: &Store) -> [PathBuf; 2] {
    [dir(store).join("journal.1"), dir(store).join("journal")]
}

/// Appends `event`; a journal that cannot be written loses the event, not
/// the operation that made it.
pub fn append(store: &Store, event: &Event) {
    if let Err(e) = try_append(store, event) {
        tracing::warn!("event journal: {e}");
    }
}

fn try_append(store: &Store, event: &Event) -> Result<()> {
    let d = dir(store);
    std::fs::create_dir_all(&d).ctx(|| format!("creating {}", d.display()))?;
    let _lock = FileLock::exclusive(&d.join("journal.lock"))?;
    let [old, current] = files(store);
    if std::fs::metadata(&current).map(|m| m.len()).unwrap_or(0) > ROTATE_AT {
        std::fs::rename(&current, &old).ctx(|| "rotating the event journal".into())?;
    }
    let mut line = serde_json::to_vec(event).map_err(|e| crate::Error::Runtime(e.to_string()))?;
    line.push(b'\n');
    let mut f = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(&current)
        .ctx(|| format!("opening {}", current.display()))?;
    // One write of the whole line: readers never see half of it.
    f.write_all(&line).ctx(|| "appending to the event journal".into())
}

/// Every event in the journal, oldest first (unreadable lines skipped).
pub fn read_all(store: &Store) -> Vec<Event> {
    let mut out = Vec::new();
    for f in files(store) {
        let Ok(file) = std::fs::File::open(&f) else { continue };
        for line in std::io::BufReader::new(file).lines().map_while(|l| l.ok()) {
            if let Ok(e) = serde_json::from_str::<Event>(&line) {
                out.push(e);
            }
        }
    }
    out
}

/// A container's event: its labels, image and name as Docker's attributes,
/// plus `extra` (`exitCode`, `signal`, …). A build's step containers are
/// its own business and make none.
pub fn container(
    store: &Store,
    cfg: &super::containers::ContainerConfig,
    action: &str,
    extra: &[(&str, String)],
) {
    if cfg.build_pid != 0 {
        return;
    }
    let mut attrs = cfg.labels.clone();
    attrs.insert("image".into(), cfg.image.clone());
    attrs.insert("name".into(), cfg.name.clone());
    for (k, v) in extra {
        attrs.insert(k.to_string(), v.clone());
    }
    append(store, &Event::new("container", action, &cfg.id, attrs));
}

/// An image, network or volume event with the attributes given.
pub fn object(store: &Store, typ: &str, action: &str, id: &str, attrs: &[(&str, String)]) {
    let attrs = attrs.iter().map(|(k, v)| (k.to_string(), v.clone())).collect();
    append(store, &Event::new(typ, action, id, attrs));
}

/// Which events `events --filter` keeps: each key's values are alternatives,
/// the keys all apply (Docker's rules).
#[derive(Debug, Clone, Default)]
pub struct Filter {
    pub by: BTreeMap<String, Vec<String>>,
}

/// Keys `events --filter` takes.
pub const FILTER_KEYS: &[&str] =
    &["type", "event", "container", "image", "label", "network", "volume", "scope"];

impl Filter {
    pub fn matches(&self, e: &Event) -> bool {
        let attr = |k: &str| e.actor.attributes.get(k).map(String::as_str).unwrap_or_default();
        self.by.iter().all(|(key, values)| {
            values.iter().any(|v| match key.as_str() {
                "type" => e.typ == *v,
                "event" => e.action == *v || e.action.split(':').next() == Some(v.as_str()),
                "scope" => e.scope == *v,
                "container" => {
                    e.typ == "container" && (e.actor.id.starts_with(v.as_str()) || attr("name") == v)
                }
                "image" => match e.typ.as_str() {
                    "container" => attr("image") == v,
                    "image" => e.actor.id == *v || attr("name") == v || e.actor.id.starts_with(v.as_str()),
                    _ => false,
                },
                "network" => e.typ == "network" && (e.actor.id.starts_with(v.as_str()) || attr("name") == v),
                "volume" => e.typ == "volume" && e.actor.id == *v,
                "label" => match v.split_once('=') {
                    Some((k, val)) => attr(k) == val,
                    None => e.actor.attributes.contains_key(v),
                },
                _ => false,
            })
        })
    }
}

/// Calls `out` for each event from `since` to `until` (nanoseconds; `None`
/// open-ended) that `filter` keeps, the journal's first; with `follow`, then
/// each new one as any process appends it, until `until` passes or `out`
/// returns false.
pub fn watch(
    store: &Store,
    since: Option<i64>,
    until: Option<i64>,
    follow: bool,
    filter: &Filter,
    out: &mut dyn FnMut(&Event) -> bool,
) -> Result<()> {
    use std::io::Seek;
    let in_range =
        |e: &Event| since.is_none_or(|s| e.time_nano >= s) && until.is_none_or(|u| e.time_nano <= u);
    let d = dir(store);
    std::fs::create_dir_all(&d).ctx(|| format!("creating {}", d.display()))?;
    let [old, current] = files(store);
    // Open the current file first, so a rotation now is not read twice.
    let open = || std::fs::OpenOptions::new().create(true).append(true).read(true).open(&current);
    let mut reader = std::io::BufReader::new(open().ctx(|| format!("opening {}", current.display()))?);
    let mut deliver = |line: &str| -> bool {
        match serde_json::from_str::<Event>(line) {
            Ok(e) if in_range(&e) && filter.matches(&e) => out(&e),
            _ => true,
        }
    };
    if let Ok(f) = std::fs::File::open(&old) {
        for line in std::io::BufReader::new(f).lines().map_while(|l| l.ok()) {
            if !deliver(&line) {
                return Ok(());
            }
        }
    }
    let mut line = String::new();
    let mut pending = String::new();
    let mut drained = false;
    let changes = DirWatch::new(&d);
    loop {
        line.clear();
        let n = reader.read_line(&mut line).ctx(|| "reading the event journal".into())?;
        if n > 0 {
            drained = false;
            pending.push_str(&line);
            if pending.ends_with('\n') {
                let complete = std::mem::take(&mut pending);
                if !deliver(complete.trim_end()) {
                    return Ok(());
                }
            }
            continue;
        }
        if !follow || until.is_some_and(|u| chrono::Utc::now().timestamp_nanos_opt().unwrap_or(0) > u) {
            return Ok(());
        }
        if rotated_away(reader.get_ref(), &current) {
            if drained {
                reader = std::io::BufReader::new(open().ctx(|| "reopening the event journal".into())?);
                reader.rewind().ctx(|| "reading the event journal".into())?;
                drained = false;
            } else {
                drained = true;
            }
            continue;
        }
        changes.wait(std::time::Duration::from_millis(100));
    }
}

/// Wakes a follower when the journal's directory changes (an append, a
/// rotation) instead of polling; a plain pause where inotify is not to be had.
struct DirWatch(Option<nix::sys::inotify::Inotify>);

impl DirWatch {
    fn new(dir: &std::path::Path) -> DirWatch {
        use nix::sys::inotify::{AddWatchFlags, InitFlags, Inotify};
        let watch = AddWatchFlags::IN_MODIFY | AddWatchFlags::IN_CREATE | AddWatchFlags::IN_MOVED_TO;
        let i = Inotify::init(InitFlags::IN_NONBLOCK | InitFlags::IN_CLOEXEC).ok();
        DirWatch(i.filter(|i| i.add_watch(dir, watch).is_ok()))
    }

    /// Until something changes, or `max` at the most (an --until may pass).
    fn wait(&self, max: std::time::Duration) {
        use nix::poll::{poll, PollFd, PollFlags, PollTimeout};
        use std::os::fd::AsFd;
        let Some(i) = &self.0 else {
            std::thread::sleep(max);
            return;
        };
        let timeout = PollTimeout::try_from(max.as_millis().min(60_000) as i32).unwrap_or(PollTimeout::MAX);
        let mut fds = [PollFd::new(i.as_fd(), PollFlags::POLLIN)];
        if poll(&mut fds, timeout).is_ok_and(|n| n > 0) {
            // Only the wake-up matters; what changed is read from the file.
            let _ = i.read_events();
        }
    }
}

/// Whether `path` is no longer the file `f` reads (it was rotated away);
/// the event journal and container logs are followed across rotation by it.
pub fn rotated_away(f: &std::fs::File, path: &std::path::Path) -> bool {
    use std::os::unix::fs::MetadataExt;
    let ours = f.metadata().map(|m| (m.dev(), m.ino())).ok();
    let now = std::fs::metadata(path).map(|m| (m.dev(), m.ino())).ok();
    now.is_some() && ours != now
}

/// Docker's `mount`/`unmount` events of a container's volumes.
pub fn volume_mounts(store: &Store, cfg: &super::containers::ContainerConfig, action: &str) {
    if cfg.build_pid != 0 {
        return;
    }
    for m in cfg.host.mounts.iter().filter(|m| m.typ == "volume") {
        let mut attrs = vec![("container", cfg.id.clone()), ("driver", "local".to_string())];
        if action == "mount" {
            attrs.push(("destination", m.destination.clone()));
            attrs.push(("propagation", String::new()));
            attrs.push(("read/write", (!m.read_only).to_string()));
        }
        object(store, "volume", action, &m.source, &attrs);
    }
}

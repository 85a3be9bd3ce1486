//! A stack of overlay directories (a container's upper dir over its image's
//! layers) read as one tree in user space, and what export, diff and commit
//! derive from it: no mount needed, and nothing a running container sees changes.

use std::collections::{BTreeMap, HashMap};
use std::ffi::{OsStr, OsString};
use std::fs::{self, Metadata};
use std::io;
use std::os::unix::ffi::OsStrExt;
use std::os::unix::fs::{FileTypeExt, MetadataExt};
use std::path::{Path, PathBuf};

use super::vfs::xattr;

const OPAQUE_FILE: &str = ".wh..wh..opq";

/// One path of the merged tree and where its content lives.
pub struct Node {
    /// Relative to the tree's root (never empty).
    pub rel: PathBuf,
    /// The file in the topmost directory that has it.
    pub path: PathBuf,
    pub meta: Metadata,
}

/// Overlay directories, top first, whose opaque markers use `xattr_prefix`
/// (`trusted.overlay.`, or `user.overlay.` rootless).
pub struct Stack<'a> {
    pub dirs: Vec<PathBuf>,
    pub xattr_prefix: &'a str,
}

/// The name an entry hides if it is a whiteout: a 0/0 character device (the
/// kernel's overlay), or a `.wh.NAME` file (fuse-overlayfs without privilege).
pub fn whiteout_of(name: &OsStr, meta: &Metadata) -> Option<OsString> {
    if meta.file_type().is_char_device() && meta.rdev() == 0 {
        return Some(name.to_owned());
    }
    let hidden = name.as_bytes().strip_prefix(b".wh.")?;
    (name != OPAQUE_FILE && !hidden.is_empty()).then(|| OsStr::from_bytes(hidden).to_owned())
}

/// Whether a directory hides what lower layers have under it.
pub fn is_opaque(dir: &Path, xattr_prefix: &str) -> bool {
    xattr(dir, &format!("{xattr_prefix}opaque")).as_deref() == Some(b"y".as_slice())
        || dir.join(OPAQUE_FILE).exists()
}

impl Stack<'_> {
    /// Visits every path of the merged tree, parents before children, names sorted.
    pub fn walk(&self, visit: &mut dyn FnMut(&Node) -> io::Result<()>) -> io::Result<()> {
        let sources: Vec<PathBuf> = self.dirs.iter().filter(|d| d.is_dir()).cloned().collect();
        self.walk_dir(Path::new(""), &sources, visit)
    }

    /// All paths of the merged tree with their metadata.
    pub fn index(&self) -> io::Result<HashMap<PathBuf, Metadata>> {
        let mut out = HashMap::new();
        self.walk(&mut |n| {
            out.insert(n.rel.clone(), n.meta.clone());
            Ok(())
        })?;
        Ok(out)
    }

    fn walk_dir(
        &self,
        rel: &Path,
        sources: &[PathBuf],
        visit: &mut dyn FnMut(&Node) -> io::Result<()>,
    ) -> io::Result<()> {
        // name → the winning entry (None: whited out), and for directories the
        // same-named directories below it that still show through.
        let mut winners: BTreeMap<OsString, Option<(PathBuf, Metadata)>> = BTreeMap::new();
        let mut below: HashMap<OsString, (Vec<PathBuf>, bool)> = HashMap::new();
        for src in sources {
            for entry in fs::read_dir(src)? {
                let entry = entry?;
                let name = entry.file_name();
                if name == OPAQUE_FILE {
                    continue;
                }
                let path = entry.path();
                let meta = fs::symlink_metadata(&path)?;
                if let Some(hidden) = whiteout_of(&name, &meta) {
                    winners.entry(hidden.clone()).or_insert(None);
                    if let Some((_, open)) = below.get_mut(&hidden) {
                        *open = false;
                    }
                    continue;
                }
                match winners.get(&name) {
                    None => {
                        if meta.is_dir() {
                            let open = !is_opaque(&path, self.xattr_prefix);
                            below.insert(name.clone(), (vec![path.clone()], open));
                        }
                        winners.insert(name, Some((path, meta)));
                    }
                    Some(_) => {
                        if let Some((dirs, open)) = below.get_mut(&name) {
                            if *open && meta.is_dir() {
                                *open = !is_opaque(&path, self.xattr_prefix);
                                dirs.push(path);
                            } else {
                                *open = false;
                            }
                        }
                    }
                }
            }
            if is_opaque(src, self.xattr_prefix) {
                break;
            }
        }
        for (name, winner) in winners {
            let Some((path, meta)) = winner else { continue };
            let node = Node { rel: rel.join(&name), path, meta };
            visit(&node)?;
            if node.meta.is_dir() {
                let dirs = below.remove(&name).map(|(d, _)| d).unwrap_or_default();
                self.walk_dir(&node.rel, &dirs, visit)?;
            }
        }
        Ok(())
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ChangeKind {
    Modified,
    Added,
    Deleted,
}

impl ChangeKind {
    /// Docker's letter for `diff`.
    pub fn letter(&self) -> char {
        match self {
            ChangeKind::Modified => 'C',
            ChangeKind::Added => 'A',
            ChangeKind::Deleted => 'D',
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    pub rel: PathBuf,
    pub kind: ChangeKind,
}

/// The changes an overlay upper dir makes to `lower`, as Docker's overlay
/// driver reports them: whiteouts are deletions, a path the image had is a
/// change (directories only if their own metadata changed), anything else an
/// addition, and the parent of an addition or deletion counts as changed.
/// Listed depth first in name order, as a directory walk finds them.
pub fn upper_changes(upper: &Path, lower: &Stack, xattr_prefix: &str) -> io::Result<Vec<Change>> {
    let mut walk = UpperWalk {
        upper,
        image: lower.index()?,
        xattr_prefix,
        out: Vec::new(),
        changed_dirs: std::collections::HashSet::new(),
    };
    walk.dir(Path::new(""))?;
    Ok(walk.out)
}

struct UpperWalk<'a> {
    upper: &'a Path,
    image: HashMap<PathBuf, Metadata>,
    xattr_prefix: &'a str,
    out: Vec<Change>,
    changed_dirs: std::collections::HashSet<PathBuf>,
}

impl UpperWalk<'_> {
    fn dir(&mut self, dir: &Path) -> io::Result<()> {
        let mut names: Vec<OsString> = fs::read_dir(self.upper.join(dir))?
            .map(|e| e.map(|e| e.file_name()))
            .collect::<io::Result<_>>()?;
        names.sort();
        for name in names {
            if name == OPAQUE_FILE {
                continue;
            }
            let rel = dir.join(&name);
            let full = self.upper.join(&rel);
            let meta = fs::symlink_metadata(&full)?;
            let change = if let Some(hidden) = whiteout_of(&name, &meta) {
                Some((dir.join(hidden), ChangeKind::Deleted))
            } else if meta.is_dir() && is_opaque(&full, self.xattr_prefix) && self.image.contains_key(&rel) {
                // Removed and made again: Docker reports the old one deleted.
                Some((rel.clone(), ChangeKind::Deleted))
            } else {
                match self.image.get(&rel) {
                    Some(old) if old.is_dir() && meta.is_dir() && same_dir(old, &meta) => None,
                    Some(_) => Some((rel.clone(), ChangeKind::Modified)),
                    None => Some((rel.clone(), ChangeKind::Added)),
                }
            };
            if let Some((path, kind)) = change {
                if meta.is_dir() {
                    self.changed_dirs.insert(rel.clone());
                }
                if kind != ChangeKind::Modified
                    && !dir.as_os_str().is_empty()
                    && self.changed_dirs.insert(dir.to_path_buf())
                {
                    self.out.push(Change { rel: dir.to_path_buf(), kind: ChangeKind::Modified });
                }
                self.out.push(Change { rel: path, kind });
            }
            if meta.is_dir() {
                self.dir(&rel)?;
            }
        }
        Ok(())
    }
}

fn same_dir(a: &Metadata, b: &Metadata) -> bool {
    a.size() == b.size() && a.mode() == b.mode() && a.mtime() == b.mtime() && a.mtime_nsec() == b.mtime_nsec()
}

/// The changes between `lower` and a full copy `merged` (the copying driver):
/// every path compared, as Docker's naive differ does.
pub fn copy_changes(merged: &Path, lower: &Stack) -> io::Result<Vec<Change>> {
    let image = lower.index()?;
    let mut out = Vec::new();
    let mut seen = std::collections::HashSet::new();
    let current = Stack { dirs: vec![merged.to_path_buf()], xattr_prefix: "\0" };
    current.walk(&mut |n| {
        seen.insert(n.rel.clone());
        match image.get(&n.rel) {
            None => out.push(Change { rel: n.rel.clone(), kind: ChangeKind::Added }),
            Some(old) if differs(old, &n.meta) => {
                out.push(Change { rel: n.rel.clone(), kind: ChangeKind::Modified })
            }
            Some(_) => {}
        }
        Ok(())
    })?;
    for rel in image.keys() {
        // Only the topmost deleted path: its children went with it.
        if !seen.contains(rel) && rel.parent().is_none_or(|p| p.as_os_str().is_empty() || seen.contains(p)) {
            out.push(Change { rel: rel.clone(), kind: ChangeKind::Deleted });
        }
    }
    // A directory with changes inside counts as changed (its metadata is saved).
    let mut parents = std::collections::BTreeSet::new();
    for c in &out {
        let mut p = c.rel.parent();
        while let Some(dir) = p.filter(|d| !d.as_os_str().is_empty()) {
            parents.insert(dir.to_path_buf());
            p = dir.parent();
        }
    }
    for dir in parents {
        if !out.iter().any(|c| c.rel == dir) {
            out.push(Change { rel: dir, kind: ChangeKind::Modified });
        }
    }
    out.sort_by(|a, b| a.rel.cmp(&b.rel));
    Ok(out)
}

fn differs(old: &Metadata, new: &Metadata) -> bool {
    old.mode() != new.mode()
        || old.uid() != new.uid()
        || old.gid() != new.gid()
        || old.rdev() != new.rdev()
        || (!new.is_dir() && (old.size() != new.size() || old.mtime() != new.mtime()))
}

//! What COPY and ADD take: paths in the build context (minus what
//! `.dockerignore` hides) or in another stage's filesystem, resolved inside
//! that tree (a symlink named as a source is followed, but never out of the
//! tree; links below it are copied as links), with Go's wildcards. The files
//! found are hashed for the cache key and written as a tar whose names are
//! their destinations in the image.

use std::fs::Metadata;
use std::io::{Read, Write};
use std::os::unix::fs::{MetadataExt, PermissionsExt};
use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};

use super::ignore::PatternMatcher;
use super::pattern;
use crate::error::{Error, Result};
use crate::storage::inroot::{InRoot, Resolved};

/// A tree sources come from.
pub struct Tree<'a> {
    pub root: InRoot,
    /// The context's `.dockerignore`.
    pub ignore: Option<&'a PatternMatcher>,
}

/// One thing a source names: a file, link or directory (its contents are
/// copied).
pub struct Found {
    /// The name it lands under when the destination is a directory.
    pub name: String,
    /// Relative to the tree's root, as named (links in it not followed).
    pub rel: String,
    /// Relative to the tree's root, where it really is (links followed).
    pub real: String,
    /// The source as written, which found it.
    pub pattern: String,
    /// What it is (a link named as a source is followed).
    pub meta: Metadata,
}

/// One entry to write: its path below the source (empty: the source
/// itself), where it is in the tree, and what the walk saw of it.
pub struct Item {
    pub sub: PathBuf,
    /// Relative to the tree's root, links resolved.
    pub rel: String,
    pub meta: Metadata,
}

/// A path that reaches an item without following any link of the tree: its
/// parent resolved inside the tree and pinned by a descriptor, then its name.
pub struct Located {
    pub path: PathBuf,
    _pin: Resolved,
}

/// `path` cleaned of `.`, `..` and repeated slashes, relative to the tree's root.
fn clean(path: &str) -> String {
    crate::util::lexical_clean(path).trim_start_matches('/').to_string()
}

impl Tree<'_> {
    fn ignored(&self, rel: &str) -> bool {
        match self.ignore {
            Some(m) if !rel.is_empty() => m.matches_or_parent_matches(rel).unwrap_or(false),
            _ => false,
        }
    }

    /// The paths `src` names (wildcards expanded; none is no error, as
    /// BuildKit allows an empty wildcard).
    pub fn find(&self, src: &str) -> Result<Vec<Found>> {
        let rel = clean(src);
        if !pattern::has_meta(&rel) {
            if self.ignored(&rel) {
                return Err(not_found(&rel));
            }
            let handle = self.root.resolve(&rel).map_err(|_| not_found(&rel))?;
            let real = self.real_rel(&handle).ok_or_else(|| not_found(&rel))?;
            // Where a link leads is hidden if .dockerignore hides it.
            if self.ignored(&real) {
                return Err(not_found(&rel));
            }
            let meta = handle.metadata().map_err(|e| Error::io(format!("reading {rel}"), e))?;
            let name = rel.rsplit('/').next().unwrap_or("").to_string();
            return Ok(vec![Found { name, rel, real, pattern: src.to_string(), meta }]);
        }
        let mut matches = vec![String::new()];
        for comp in rel.split('/') {
            let mut next = Vec::new();
            for base in &matches {
                let join = |n: &str| if base.is_empty() { n.to_string() } else { format!("{base}/{n}") };
                if !pattern::has_meta(comp) {
                    next.push(join(comp));
                    continue;
                }
                for name in self.list(base) {
                    if pattern::matches(comp, &name).map_err(|_| bad_pattern(src))? {
                        next.push(join(&name));
                    }
                }
            }
            matches = next;
        }
        let mut out = Vec::new();
        for rel in matches {
            if self.ignored(&rel) {
                continue;
            }
            let Ok(handle) = self.root.resolve(&rel) else { continue };
            let Some(real) = self.real_rel(&handle).filter(|r| !self.ignored(r)) else { continue };
            let Ok(meta) = handle.metadata() else { continue };
            let name = rel.rsplit('/').next().unwrap_or("").to_string();
            out.push(Found { name, rel, real, pattern: src.to_string(), meta });
        }
        Ok(out)
    }

    /// Where a resolved handle is, relative to the tree's root.
    fn real_rel(&self, handle: &Resolved) -> Option<String> {
        let real = std::fs::read_link(handle.proc_path()).ok()?;
        let root = std::fs::canonicalize(self.root.path()).ok()?;
        Some(real.strip_prefix(&root).ok()?.to_string_lossy().into_owned())
    }

    fn list(&self, rel: &str) -> Vec<String> {
        let Ok(dir) = self.root.resolve(rel) else { return Vec::new() };
        let Ok(entries) = std::fs::read_dir(dir.proc_path()) else { return Vec::new() };
        let mut names: Vec<String> =
            entries.flatten().map(|e| e.file_name().to_string_lossy().into_owned()).collect();
        names.sort();
        names
    }

    /// Copies what `found` names (ignored paths left out, links kept as
    /// links) into `dest`, a private directory: what a RUN step binds
    /// instead of the caller's own files, which it must not change.
    pub fn copy_out(&self, found: &Found, dest: &Path) -> Result<()> {
        let io = |e| Error::io(format!("copying {} for the step", found.rel), e);
        for item in self.items(found)? {
            let at = self.locate(&item)?;
            let target =
                if item.sub.as_os_str().is_empty() { dest.to_path_buf() } else { dest.join(&item.sub) };
            let ft = item.meta.file_type();
            if ft.is_dir() {
                std::fs::create_dir_all(&target).map_err(io)?;
                std::fs::set_permissions(&target, item.meta.permissions()).map_err(io)?;
            } else if ft.is_symlink() {
                std::os::unix::fs::symlink(std::fs::read_link(&at.path).map_err(io)?, &target).map_err(io)?;
            } else if ft.is_file() {
                let mut from = open_checked(&at.path, &item.meta).map_err(io)?;
                let mut to = std::fs::File::create(&target).map_err(io)?;
                std::io::copy(&mut from, &mut to).map_err(io)?;
                std::fs::set_permissions(&target, item.meta.permissions()).map_err(io)?;
            }
        }
        Ok(())
    }

    /// Everything under a found directory (itself first), links not followed,
    /// ignored paths left out. Each directory is read through a descriptor
    /// resolved inside the tree, so a link swapped in cannot lead out of it.
    pub fn items(&self, found: &Found) -> Result<Vec<Item>> {
        let meta = &found.meta;
        let mut out = vec![Item { sub: PathBuf::new(), rel: found.real.clone(), meta: meta.clone() }];
        if meta.is_dir() {
            self.walk(Path::new(""), &found.real, &mut out)?;
        }
        Ok(out)
    }

    fn walk(&self, sub: &Path, rel: &str, out: &mut Vec<Item>) -> Result<()> {
        let io = |e| Error::io(format!("reading {rel}"), e);
        let dir = self.root.resolve_nofollow(rel).map_err(io)?;
        if !dir.metadata().map_err(io)?.is_dir() {
            return Err(Error::Runtime(format!("{rel}: changed while it was read")));
        }
        let pinned = dir.proc_path();
        let mut entries: Vec<_> = std::fs::read_dir(&pinned).map_err(io)?.flatten().collect();
        entries.sort_by_key(|e| e.file_name());
        for e in entries {
            let name = e.file_name();
            let child_rel = if rel.is_empty() {
                name.to_string_lossy().into_owned()
            } else {
                format!("{rel}/{}", name.to_string_lossy())
            };
            if self.ignored(&child_rel) {
                continue;
            }
            let meta = std::fs::symlink_metadata(pinned.join(&name)).map_err(io)?;
            let child_sub = sub.join(&name);
            let is_dir = meta.is_dir();
            out.push(Item { sub: child_sub.clone(), rel: child_rel.clone(), meta });
            if is_dir {
                self.walk(&child_sub, &child_rel, out)?;
            }
        }
        Ok(())
    }

    /// A path to `item` that follows no link of the tree (see [`Located`]).
    pub fn locate(&self, item: &Item) -> Result<Located> {
        let io = |e| Error::io(format!("reading {}", item.rel), e);
        match item.rel.rsplit_once('/') {
            _ if item.sub.as_os_str().is_empty() => {
                // The source itself: its real path has no links left to follow.
                let pin = self.root.resolve_nofollow(&item.rel).map_err(io)?;
                Ok(Located { path: pin.proc_path(), _pin: pin })
            }
            Some((parent, name)) => {
                let pin = self.root.resolve_nofollow(parent).map_err(io)?;
                Ok(Located { path: pin.proc_path().join(name), _pin: pin })
            }
            None => {
                let pin = self.root.resolve_nofollow("").map_err(io)?;
                Ok(Located { path: pin.proc_path().join(&item.rel), _pin: pin })
            }
        }
    }
}

pub fn not_found(rel: &str) -> Error {
    Error::InvalidArgument(format!(
        "failed to compute cache key: failed to calculate checksum of ref: \"/{rel}\": not found"
    ))
}

fn bad_pattern(src: &str) -> Error {
    Error::InvalidArgument(format!("syntax error in pattern: {src}"))
}

/// A walked file opened for reading: not through a link, and still the
/// inode the walk saw.
fn open_checked(path: &Path, meta: &Metadata) -> std::io::Result<std::fs::File> {
    use std::os::unix::fs::OpenOptionsExt;
    // A source itself is reached through its descriptor's /proc/self/fd link,
    // which must be followed; everything below it must not be.
    let top = path.parent() == Some(Path::new("/proc/self/fd"));
    let flags = if top { libc::O_CLOEXEC } else { libc::O_NOFOLLOW | libc::O_CLOEXEC };
    let f = std::fs::OpenOptions::new().read(true).custom_flags(flags).open(path)?;
    let now = f.metadata()?;
    if (now.dev(), now.ino()) != (meta.dev(), meta.ino()) || !now.is_file() {
        return Err(std::io::Error::other(format!("{}: changed while it was read", path.display())));
    }
    Ok(f)
}

/// Who owns what a copy writes, and its mode if `--chmod` was given.
#[derive(Debug, Clone, Copy, Default)]
pub struct Attrs {
    /// `None`: root (COPY) or as in the archive (ADD of a tar).
    pub owner: Option<(u32, u32)>,
    pub mode: Option<u32>,
}

/// Feeds what a file's copy depends on into `h`: its name below the source,
/// type, permission bits, link target and bytes (not its times, as BuildKit).
pub fn hash_item(h: &mut Sha256, tree: &Tree, item: &Item) -> Result<()> {
    let m = &item.meta;
    let at = tree.locate(item)?;
    h.update(item.sub.as_os_str().as_encoded_bytes());
    h.update([0]);
    h.update(format!("{:o}:{}", m.mode(), m.len()).as_bytes());
    let ft = m.file_type();
    if ft.is_symlink() {
        let target = std::fs::read_link(&at.path).map_err(|e| Error::io("reading a link", e))?;
        h.update(target.as_os_str().as_encoded_bytes());
    } else if ft.is_file() {
        let mut f = open_checked(&at.path, &item.meta).map_err(|e| Error::io("reading a source file", e))?;
        let mut buf = vec![0u8; 64 << 10];
        loop {
            let n = f.read(&mut buf).map_err(|e| Error::io("reading a source file", e))?;
            if n == 0 {
                break;
            }
            h.update(&buf[..n]);
        }
    }
    h.update([0]);
    Ok(())
}

/// Writes tar entries for a copy into `out`.
pub struct EntryWriter<W: Write> {
    pub tar: tar::Builder<W>,
}

impl<W: Write> EntryWriter<W> {
    pub fn new(out: W) -> Self {
        let mut tar = tar::Builder::new(out);
        tar.follow_symlinks(false);
        EntryWriter { tar }
    }

    fn header(meta: &Metadata, attrs: Attrs) -> tar::Header {
        let mut h = tar::Header::new_gnu();
        let mode = attrs.mode.unwrap_or(meta.permissions().mode() & 0o7777);
        h.set_mode(mode);
        let (uid, gid) = attrs.owner.unwrap_or((0, 0));
        h.set_uid(uid as u64);
        h.set_gid(gid as u64);
        h.set_mtime(meta.mtime().max(0) as u64);
        h
    }

    /// One file, link or directory at `dest` (relative to `/`).
    pub fn add(&mut self, dest: &str, tree: &Tree, item: &Item, attrs: Attrs) -> Result<()> {
        let io = |e| Error::io(format!("copying to /{dest}"), e);
        let at = tree.locate(item)?;
        let mut h = Self::header(&item.meta, attrs);
        let ft = item.meta.file_type();
        if ft.is_dir() {
            h.set_entry_type(tar::EntryType::Directory);
            h.set_size(0);
            self.tar.append_data(&mut h, format!("{dest}/"), std::io::empty()).map_err(io)
        } else if ft.is_symlink() {
            let target = std::fs::read_link(&at.path).map_err(io)?;
            h.set_entry_type(tar::EntryType::Symlink);
            h.set_size(0);
            // Links keep their own bits: --chmod does not apply to them.
            h.set_mode(0o777);
            self.tar.append_link(&mut h, dest, target).map_err(io)
        } else if ft.is_file() {
            let f = open_checked(&at.path, &item.meta).map_err(io)?;
            h.set_entry_type(tar::EntryType::Regular);
            h.set_size(item.meta.len());
            self.tar.append_data(&mut h, dest, f.take(item.meta.len())).map_err(io)
        } else {
            // Devices, fifos and sockets in a context are not copied.
            Ok(())
        }
    }

    pub fn add_bytes(&mut self, dest: &str, data: &[u8], mode: u32, mtime: u64, attrs: Attrs) -> Result<()> {
        let mut h = tar::Header::new_gnu();
        h.set_entry_type(tar::EntryType::Regular);
        h.set_mode(attrs.mode.unwrap_or(mode));
        let (uid, gid) = attrs.owner.unwrap_or((0, 0));
        h.set_uid(uid as u64);
        h.set_gid(gid as u64);
        h.set_mtime(mtime);
        h.set_size(data.len() as u64);
        self.tar.append_data(&mut h, dest, data).map_err(|e| Error::io(format!("copying to /{dest}"), e))
    }

    /// A directory the copy needs that the image lacks.
    pub fn add_dir(&mut self, dest: &str, attrs: Attrs) -> Result<()> {
        let mut h = tar::Header::new_gnu();
        h.set_entry_type(tar::EntryType::Directory);
        h.set_mode(0o755);
        let (uid, gid) = attrs.owner.unwrap_or((0, 0));
        h.set_uid(uid as u64);
        h.set_gid(gid as u64);
        h.set_mtime(
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map(|d| d.as_secs())
                .unwrap_or(0),
        );
        h.set_size(0);
        self.tar
            .append_data(&mut h, format!("{dest}/"), std::io::empty())
            .map_err(|e| Error::io(format!("creating /{dest}"), e))
    }

    /// The entries of a local archive (ADD), below `dest`. Names are cleaned
    /// so that nothing lands outside `dest`.
    pub fn add_archive(&mut self, dest: &str, archive: &Path, attrs: Attrs) -> Result<()> {
        let io = |e| Error::io(format!("unpacking {}", archive.display()), e);
        let reader = archive_reader(archive).map_err(io)?;
        let mut a = tar::Archive::new(reader);
        for entry in a.entries().map_err(io)? {
            let mut entry = entry.map_err(io)?;
            let name = clean(&entry.path().map_err(io)?.to_string_lossy());
            if name.is_empty() {
                continue;
            }
            let target = if dest.is_empty() { name } else { format!("{dest}/{name}") };
            let mut h = entry.header().clone();
            if let Some((uid, gid)) = attrs.owner {
                h.set_uid(uid as u64);
                h.set_gid(gid as u64);
            }
            match h.entry_type() {
                tar::EntryType::Symlink | tar::EntryType::Link => {
                    let link = entry.link_name().map_err(io)?.map(|l| l.into_owned()).unwrap_or_default();
                    let link = if h.entry_type() == tar::EntryType::Link {
                        let l = clean(&link.to_string_lossy());
                        PathBuf::from(if dest.is_empty() { l } else { format!("{dest}/{l}") })
                    } else {
                        link
                    };
                    self.tar.append_link(&mut h, &target, link).map_err(io)?;
                }
                tar::EntryType::Directory => {
                    self.tar.append_data(&mut h, format!("{target}/"), std::io::empty()).map_err(io)?
                }
                tar::EntryType::Regular | tar::EntryType::Continuous => {
                    self.tar.append_data(&mut h, &target, &mut entry).map_err(io)?
                }
                // Fifos are made anywhere; device nodes are left out (a user
                // namespace cannot make them).
                tar::EntryType::Fifo => {
                    self.tar.append_data(&mut h, &target, std::io::empty()).map_err(io)?
                }
                _ => {}
            }
        }
        Ok(())
    }

    pub fn finish(self) -> Result<W> {
        self.tar.into_inner().map_err(|e| Error::io("writing the copy", e))
    }
}

/// A local archive's tar stream: gzip, zstd, xz, bzip2 or plain.
fn archive_reader(path: &Path) -> std::io::Result<Box<dyn Read>> {
    let mut f = std::fs::File::open(path)?;
    let mut head = [0u8; 6];
    let n = crate::storage::compress::read_up_to(&mut f, &mut head)?;
    let f = std::fs::File::open(path)?;
    if n >= 3 && &head[..3] == b"BZh" {
        return Ok(Box::new(bzip2_rs::DecoderReader::new(f)));
    }
    if n == 6 && head == [0xfd, b'7', b'z', b'X', b'Z', 0] {
        // lzma-rs writes what it decodes: a thread feeds a pipe we read.
        let (reader, mut writer) = std::io::pipe()?;
        std::thread::spawn(move || {
            let mut input = std::io::BufReader::new(f);
            let _ = lzma_rs::xz_decompress(&mut input, &mut writer);
        });
        return Ok(Box::new(reader));
    }
    Ok(crate::storage::compress::decompressed(f)?.1)
}

/// Whether a local file ADD would unpack: a tar, plain or compressed.
pub fn is_archive(path: &Path) -> bool {
    archive_reader(path).is_ok_and(|mut r| crate::storage::compress::starts_tar(&mut r))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cleaning_stays_inside() {
        assert_eq!(clean("../../etc/passwd"), "etc/passwd");
        assert_eq!(clean("/a/./b/../c/"), "a/c");
        assert_eq!(clean("."), "");
    }

    #[test]
    fn sources_resolve_inside_the_tree() {
        let dir = std::env::temp_dir().join(format!("rdock-src-{}", crate::util::random_hex(4)));
        std::fs::create_dir_all(dir.join("sub")).unwrap();
        std::fs::write(dir.join("a.txt"), "a").unwrap();
        std::fs::write(dir.join("b.txt"), "b").unwrap();
        std::fs::write(dir.join("sub/c.txt"), "c").unwrap();
        std::os::unix::fs::symlink("/etc", dir.join("out")).unwrap();
        let tree = Tree { root: InRoot::open(&dir).unwrap(), ignore: None };
        let names: Vec<String> = tree.find("*.txt").unwrap().into_iter().map(|f| f.rel).collect();
        assert_eq!(names, ["a.txt", "b.txt"]);
        // The link resolves inside the tree, where there is no /etc/passwd.
        assert!(tree.find("out/passwd").is_err());
        assert!(tree.find("../a.txt").is_ok());
        let sub = tree.find("sub").unwrap();
        let items = tree.items(&sub[0]).unwrap();
        assert!(tree.locate(&items[1]).unwrap().path.ends_with("c.txt"));
        let subs: Vec<_> = items.iter().map(|i| i.sub.to_string_lossy().into_owned()).collect();
        assert_eq!(subs, ["", "c.txt"]);
        std::fs::remove_dir_all(&dir).unwrap();
    }
}

//! Unpacks a layer tar into its own directory, turning OCI whiteouts into overlayfs
//! whiteouts and refusing any entry that would land outside the directory.
//!
//! The target directory is private to the unpacker (a staging dir), so checking each
//! path component with lstat before using it is race-free: no entry may traverse a
//! symlink, and `..` or absolute names are refused outright.

use std::collections::{HashMap, HashSet};
use std::ffi::{CString, OsStr};
use std::fs::{File, OpenOptions};
use std::io::{Read, Write};
use std::os::unix::ffi::OsStrExt;
use std::os::unix::fs::{MetadataExt, OpenOptionsExt};
use std::path::{Component, Path, PathBuf};

use nix::sys::stat::{Mode, SFlag};
use tar::EntryType;

const WHITEOUT_PREFIX: &str = ".wh.";
const OPAQUE_MARKER: &str = ".wh..wh..opq";

#[derive(Debug, thiserror::Error)]
pub enum LayerError {
    #[error("refusing layer entry {0:?}: path escapes the layer root")]
    Escape(String),
    #[error("refusing layer entry {0:?}: path goes through a symlink")]
    ThroughSymlink(String),
    #[error("refusing layer entry {entry:?}: hardlink target {target:?} is outside the layer")]
    HardlinkEscape { entry: String, target: String },
    #[error("refusing layer entry {0:?}: invalid whiteout")]
    BadWhiteout(String),
    #[error("layer is larger than the limit of {0} bytes")]
    TooLarge(u64),
    #[error("layer entry {entry:?}: {source}")]
    Io {
        entry: String,
        #[source]
        source: std::io::Error,
    },
    #[error("invalid layer: {}", printable(.0))]
    Read(#[source] std::io::Error),
}

/// An error's text as one short printable line (tar errors quote raw headers).
fn printable(e: &std::io::Error) -> String {
    let text: String =
        e.to_string().chars().map(|c| if c.is_control() || c == '\u{fffd}' { ' ' } else { c }).collect();
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    match text.char_indices().nth(160) {
        Some((i, _)) => format!("{}…", &text[..i]),
        None => text,
    }
}

#[derive(Debug, Clone)]
pub struct UnpackOptions {
    /// Set owners from the tar headers (needs privilege over those ids).
    pub chown: bool,
    /// Create device nodes (other than whiteouts). Without (in a user
    /// namespace, where mknod cannot) they are skipped with a warning, as
    /// Docker's and containerd's unpackers do, rather than refusing the layer.
    pub devices: bool,
    /// Extended attribute namespace overlayfs reads: `trusted.overlay.` or `user.overlay.`.
    pub overlay_xattr_prefix: &'static str,
    /// Stop once the files' content passes this many bytes (decompression bombs).
    pub max_size: u64,
}

impl Default for UnpackOptions {
    fn default() -> Self {
        UnpackOptions {
            chown: true,
            devices: true,
            overlay_xattr_prefix: "trusted.overlay.",
            max_size: 64 << 30,
        }
    }
}

/// Unpacks the tar stream into `dest` (an existing, empty directory) and returns the
/// total size of the content written.
pub fn unpack<R: Read>(reader: R, dest: &Path, opts: &UnpackOptions) -> Result<u64, LayerError> {
    let mut archive = tar::Archive::new(reader);
    let mut unpacker = Unpacker {
        dest,
        opts,
        dirs: HashSet::new(),
        dir_times: HashMap::new(),
        skipped: HashSet::new(),
        size: 0,
    };
    unpacker.dirs.insert(PathBuf::new());
    for entry in archive.entries().map_err(LayerError::Read)? {
        let mut entry = entry.map_err(LayerError::Read)?;
        unpacker.entry(&mut entry)?;
    }
    // Drain what follows the end-of-archive marker so the caller's hash covers it all.
    std::io::copy(&mut archive.into_inner(), &mut std::io::sink()).map_err(LayerError::Read)?;
    unpacker.finish()?;
    Ok(unpacker.size)
}

struct Unpacker<'a> {
    dest: &'a Path,
    opts: &'a UnpackOptions,
    /// Relative paths known to be real directories inside `dest`.
    dirs: HashSet<PathBuf>,
    /// Directory mtimes, applied last because creating entries changes them.
    dir_times: HashMap<PathBuf, i64>,
    /// Device nodes left out (and so hardlinks to them too).
    skipped: HashSet<PathBuf>,
    size: u64,
}

impl Unpacker<'_> {
    fn entry<R: Read>(&mut self, entry: &mut tar::Entry<R>) -> Result<(), LayerError> {
        let raw = entry.path_bytes().into_owned();
        let display = String::from_utf8_lossy(&raw).into_owned();
        let rel = clean_path(&raw).ok_or_else(|| LayerError::Escape(display.clone()))?;
        let Some(name) = rel.file_name().map(|n| n.to_owned()) else {
            return Ok(()); // the root itself ("./")
        };
        let parent = rel.parent().unwrap_or(Path::new("")).to_path_buf();
        self.ensure_dir(&parent, &display)?;
        let io = |source| LayerError::Io { entry: display.clone(), source };

        let name_str = name.to_string_lossy();
        if name_str == OPAQUE_MARKER {
            let dir = self.dest.join(&parent);
            return set_xattr(&dir, &format!("{}opaque", self.opts.overlay_xattr_prefix), b"y").map_err(io);
        }
        if let Some(hidden) = name_str.strip_prefix(WHITEOUT_PREFIX) {
            if hidden.is_empty() || hidden == "." || hidden == ".." || hidden.contains('/') {
                return Err(LayerError::BadWhiteout(display));
            }
            let target = self.dest.join(&parent).join(hidden);
            self.clear(&parent.join(hidden), &target).map_err(io)?;
            return mknod(&target, SFlag::S_IFCHR, 0o000, 0, 0).map_err(io);
        }

        let target = self.dest.join(&rel);
        let header = entry.header();
        let kind = header.entry_type();
        let mode = header.mode().map_err(io)? & 0o7777;
        let sparse_size = header.as_gnu().and_then(|g| g.real_size().ok()).unwrap_or(0);
        let declared = sparse_size.max(header.size().unwrap_or(0));
        let mtime = header.mtime().unwrap_or(0) as i64;
        let (major, minor) = (
            header.device_major().ok().flatten().unwrap_or(0),
            header.device_minor().ok().flatten().unwrap_or(0),
        );
        let (uid, gid) = owner(entry).map_err(io)?;

        match kind {
            EntryType::Directory => {
                let exists_as_dir = std::fs::symlink_metadata(&target).map(|m| m.is_dir()).unwrap_or(false);
                if !exists_as_dir {
                    self.clear(&rel, &target).map_err(io)?;
                    std::fs::create_dir(&target).map_err(io)?;
                }
                self.dirs.insert(rel.clone());
                self.dir_times.insert(rel.clone(), mtime);
                self.set_owner(&target, uid, gid).map_err(io)?;
                chmod(&target, mode).map_err(io)?;
            }
            EntryType::Regular | EntryType::Continuous | EntryType::GNUSparse => {
                // Refuse a declared size over the limit before writing a byte
                // (a sparse entry's real size can dwarf its archive size).
                if self.size.saturating_add(declared) > self.opts.max_size {
                    return Err(LayerError::TooLarge(self.opts.max_size));
                }
                self.clear(&rel, &target).map_err(io)?;
                let mut file = OpenOptions::new()
                    .write(true)
                    .create_new(true)
                    .mode(0o600)
                    .custom_flags(libc::O_NOFOLLOW)
                    .open(&target)
                    .map_err(io)?;
                self.copy_data(entry, &mut file).map_err(|e| match e {
                    CopyError::TooLarge => LayerError::TooLarge(self.opts.max_size),
                    CopyError::Io(e) => io(e),
                })?;
                drop(file);
                self.set_owner(&target, uid, gid).map_err(io)?;
                chmod(&target, mode).map_err(io)?;
                set_mtime(&target, mtime).map_err(io)?;
            }
            EntryType::Symlink => {
                let link = entry.link_name_bytes().ok_or_else(|| io(invalid("symlink without target")))?;
                self.clear(&rel, &target).map_err(io)?;
                std::os::unix::fs::symlink(OsStr::from_bytes(&link), &target).map_err(io)?;
                self.set_owner(&target, uid, gid).map_err(io)?;
                set_mtime(&target, mtime).map_err(io)?;
            }
            EntryType::Link => {
                let link = entry.link_name_bytes().ok_or_else(|| io(invalid("hardlink without target")))?;
                let escape = || LayerError::HardlinkEscape {
                    entry: display.clone(),
                    target: String::from_utf8_lossy(&link).into_owned(),
                };
                let link_rel = clean_path(&link).ok_or_else(escape)?;
                if self.skipped.contains(&link_rel) {
                    self.skip(rel, &format!("a hardlink to /{}", link_rel.display()));
                    return Ok(());
                }
                let link_parent = link_rel.parent().unwrap_or(Path::new(""));
                if !self.is_real_dir(link_parent) {
                    return Err(escape());
                }
                let source = self.dest.join(&link_rel);
                let meta = std::fs::symlink_metadata(&source).map_err(|_| escape())?;
                if meta.is_dir() {
                    return Err(escape());
                }
                self.clear(&rel, &target).map_err(io)?;
                std::fs::hard_link(&source, &target).map_err(io)?;
            }
            EntryType::Char | EntryType::Block if !self.opts.devices => {
                let what = if kind == EntryType::Char { "char" } else { "block" };
                self.skip(rel, &format!("{what} device {major}:{minor}"));
                return Ok(());
            }
            EntryType::Char | EntryType::Block | EntryType::Fifo => {
                let sflag = match kind {
                    EntryType::Char => SFlag::S_IFCHR,
                    EntryType::Block => SFlag::S_IFBLK,
                    _ => SFlag::S_IFIFO,
                };
                self.clear(&rel, &target).map_err(io)?;
                mknod(&target, sflag, mode, major, minor).map_err(io)?;
                self.set_owner(&target, uid, gid).map_err(io)?;
                chmod(&target, mode).map_err(io)?;
                set_mtime(&target, mtime).map_err(io)?;
            }
            // PAX and GNU long-name headers are consumed by the tar reader; anything
            // else (e.g. Solaris ACLs) carries no file for us.
            _ => return Ok(()),
        }
        self.apply_xattrs(entry, &target).map_err(io)?;
        Ok(())
    }

    /// Makes sure every component of `rel` is a real directory inside `dest`,
    /// creating missing ones; refuses to walk through a symlink.
    fn ensure_dir(&mut self, rel: &Path, display: &str) -> Result<(), LayerError> {
        if self.dirs.contains(rel) {
            return Ok(());
        }
        let mut cur = PathBuf::new();
        for comp in rel.components() {
            cur.push(comp);
            if self.dirs.contains(&cur) {
                continue;
            }
            let full = self.dest.join(&cur);
            match std::fs::symlink_metadata(&full) {
                Ok(m) if m.is_dir() => {}
                Ok(m) if m.file_type().is_symlink() => {
                    return Err(LayerError::ThroughSymlink(display.into()))
                }
                Ok(_) => {
                    return Err(LayerError::Io {
                        entry: display.into(),
                        source: invalid("a parent path is not a directory"),
                    })
                }
                Err(_) => {
                    std::fs::create_dir(&full)
                        .map_err(|source| LayerError::Io { entry: display.into(), source })?;
                    chmod(&full, 0o755).map_err(|source| LayerError::Io { entry: display.into(), source })?;
                }
            }
            self.dirs.insert(cur.clone());
        }
        Ok(())
    }

    /// Whether `rel` is a directory reachable without symlinks (checks, never creates).
    fn is_real_dir(&self, rel: &Path) -> bool {
        let mut cur = PathBuf::new();
        for comp in rel.components() {
            cur.push(comp);
            if self.dirs.contains(&cur) {
                continue;
            }
            match std::fs::symlink_metadata(self.dest.join(&cur)) {
                Ok(m) if m.is_dir() => {}
                _ => return false,
            }
        }
        true
    }

    /// Removes whatever is at `target` so that a later entry can replace it.
    fn clear(&mut self, rel: &Path, target: &Path) -> std::io::Result<()> {
        match std::fs::symlink_metadata(target) {
            Ok(m) if m.is_dir() => {
                crate::util::remove_dir_all(target)?;
                self.dirs.retain(|d| !d.starts_with(rel));
                self.dir_times.retain(|d, _| !d.starts_with(rel));
                Ok(())
            }
            Ok(_) => std::fs::remove_file(target),
            Err(_) => Ok(()),
        }
    }

    fn copy_data<R: Read>(&mut self, src: &mut R, dst: &mut File) -> Result<(), CopyError> {
        let mut buf = vec![0u8; 128 * 1024];
        loop {
            let n = match src.read(&mut buf) {
                Ok(0) => return Ok(()),
                Ok(n) => n,
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
                Err(e) => return Err(CopyError::Io(e)),
            };
            self.size += n as u64;
            if self.size > self.opts.max_size {
                return Err(CopyError::TooLarge);
            }
            dst.write_all(&buf[..n]).map_err(CopyError::Io)?;
        }
    }

    fn set_owner(&self, path: &Path, uid: u32, gid: u32) -> std::io::Result<()> {
        if !self.opts.chown {
            return Ok(());
        }
        std::os::unix::fs::lchown(path, Some(uid), Some(gid)).map_err(|e| {
            // EINVAL: the id is not mapped in our user namespace.
            if e.raw_os_error() == Some(libc::EINVAL) {
                std::io::Error::other(format!(
                    "the image has files owned by {uid}:{gid}, which rdock's user namespace does not map; give your user a range in /etc/subuid and /etc/subgid"
                ))
            } else {
                e
            }
        })
    }

    fn apply_xattrs<R: Read>(&self, entry: &mut tar::Entry<R>, target: &Path) -> std::io::Result<()> {
        let Ok(Some(exts)) = entry.pax_extensions() else {
            return Ok(());
        };
        for ext in exts.flatten() {
            let Ok(key) = ext.key() else { continue };
            let Some(name) = key.strip_prefix("SCHILY.xattr.") else {
                continue;
            };
            // Overlay's own attributes in an image would let a layer forge whiteouts.
            if name.starts_with("trusted.overlay.") || name.starts_with("user.overlay.") {
                continue;
            }
            if let Err(e) = set_xattr(target, name, ext.value_bytes()) {
                // Filesystems without user xattrs, or security.* without privilege.
                if !matches!(e.raw_os_error(), Some(libc::ENOTSUP) | Some(libc::EPERM)) {
                    return Err(e);
                }
            }
        }
        Ok(())
    }

    /// Leaves a device node (or a hardlink to one) out, saying so.
    fn skip(&mut self, rel: PathBuf, what: &str) {
        eprintln!(
            "WARNING: skipping /{} ({what}): device nodes cannot be created in a user namespace",
            rel.display()
        );
        self.skipped.insert(rel);
    }

    fn finish(&mut self) -> Result<(), LayerError> {
        for (rel, mtime) in &self.dir_times {
            let _ = set_mtime(&self.dest.join(rel), *mtime);
        }
        Ok(())
    }
}

enum CopyError {
    TooLarge,
    Io(std::io::Error),
}

/// Turns a tar path into a clean relative path; `None` if it is absolute or uses `..`.
pub fn clean_path(raw: &[u8]) -> Option<PathBuf> {
    let path = Path::new(OsStr::from_bytes(raw));
    let mut out = PathBuf::new();
    for comp in path.components() {
        match comp {
            Component::Normal(c) => out.push(c),
            Component::CurDir => {}
            Component::RootDir | Component::ParentDir | Component::Prefix(_) => return None,
        }
    }
    Some(out)
}

fn owner<R: Read>(entry: &mut tar::Entry<R>) -> std::io::Result<(u32, u32)> {
    let header = entry.header();
    let mut uid = header.uid()? as u32;
    let mut gid = header.gid()? as u32;
    if let Ok(Some(exts)) = entry.pax_extensions() {
        for ext in exts.flatten() {
            match ext.key() {
                Ok("uid") => uid = ext.value().ok().and_then(|v| v.parse().ok()).unwrap_or(uid),
                Ok("gid") => gid = ext.value().ok().and_then(|v| v.parse().ok()).unwrap_or(gid),
                _ => {}
            }
        }
    }
    Ok((uid, gid))
}

fn invalid(msg: &str) -> std::io::Error {
    std::io::Error::new(std::io::ErrorKind::InvalidData, msg.to_string())
}

fn cstr(path: &Path) -> std::io::Result<CString> {
    CString::new(path.as_os_str().as_bytes()).map_err(|_| invalid("path contains NUL"))
}

fn chmod(path: &Path, mode: u32) -> std::io::Result<()> {
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode))
}

fn mknod(path: &Path, kind: SFlag, mode: u32, major: u32, minor: u32) -> std::io::Result<()> {
    let dev = nix::sys::stat::makedev(major as u64, minor as u64);
    nix::sys::stat::mknod(path, kind, Mode::from_bits_truncate(mode), dev).map_err(std::io::Error::from)
}

fn set_mtime(path: &Path, mtime: i64) -> std::io::Result<()> {
    let ts = nix::sys::time::TimeSpec::new(mtime, 0);
    nix::sys::stat::utimensat(None, path, &ts, &ts, nix::sys::stat::UtimensatFlags::NoFollowSymlink)
        .map_err(std::io::Error::from)
}

pub fn set_xattr(path: &Path, name: &str, value: &[u8]) -> std::io::Result<()> {
    let p = cstr(path)?;
    let n = CString::new(name).map_err(|_| invalid("xattr name contains NUL"))?;
    let r = unsafe { libc::lsetxattr(p.as_ptr(), n.as_ptr(), value.as_ptr().cast(), value.len(), 0) };
    if r == 0 {
        Ok(())
    } else {
        Err(std::io::Error::last_os_error())
    }
}

/// Sum of file sizes below `dir` (for `ps -s` and image sizes), without following links.
pub fn disk_usage(dir: &Path) -> u64 {
    let mut total = 0;
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&d) else {
            continue;
        };
        for entry in entries.flatten() {
            let Ok(meta) = entry.metadata() else { continue };
            if meta.is_dir() {
                stack.push(entry.path());
            } else if meta.is_file() {
                total += meta.size();
            }
        }
    }
    total
}

/// An unpacked layer being built; removed unless committed.
pub struct StagedLayer {
    dir: PathBuf,
    layers_dir: PathBuf,
    committed: bool,
}

impl StagedLayer {
    /// The directory to unpack into.
    pub fn diff_dir(&self) -> PathBuf {
        self.dir.join("diff")
    }

    /// Moves the layer into place under its diff id. If another process stored the
    /// same layer meanwhile, theirs is kept and ours discarded.
    pub fn commit(mut self, diff_id: &str, size: u64) -> crate::Result<()> {
        use crate::error::IoContext;
        let hex = super::blobs::digest_hex(diff_id)?;
        std::fs::write(self.dir.join("size"), size.to_string()).ctx(|| "writing layer size".into())?;
        let target = self.layers_dir.join(hex);
        match std::fs::rename(&self.dir, &target) {
            Ok(()) => {
                self.committed = true;
                Ok(())
            }
            Err(_) if target.join("diff").is_dir() => Ok(()), // dropped: staging removed
            Err(e) => Err(crate::Error::io(format!("storing layer {diff_id}"), e)),
        }
    }
}

impl Drop for StagedLayer {
    fn drop(&mut self) {
        if !self.committed {
            let _ = crate::util::remove_dir_all(&self.dir);
        }
    }
}

impl super::Store {
    pub fn layer_diff_dir(&self, diff_id: &str) -> crate::Result<PathBuf> {
        Ok(self.layers_dir().join(super::blobs::digest_hex(diff_id)?).join("diff"))
    }

    pub fn has_layer(&self, diff_id: &str) -> bool {
        self.layer_diff_dir(diff_id).map(|d| d.is_dir()).unwrap_or(false)
    }

    pub fn layer_size(&self, diff_id: &str) -> u64 {
        super::blobs::digest_hex(diff_id)
            .ok()
            .and_then(|hex| std::fs::read_to_string(self.layers_dir().join(hex).join("size")).ok())
            .and_then(|s| s.trim().parse().ok())
            .unwrap_or(0)
    }

    /// A fresh staging directory for one layer (its name carries our pid so that a
    /// later pull can clean up after a killed one).
    pub fn stage_layer(&self) -> crate::Result<StagedLayer> {
        use crate::error::IoContext;
        let layers_dir = self.layers_dir();
        let dir = layers_dir.join(format!(".tmp-{}-{}", std::process::id(), crate::util::random_hex(6)));
        std::fs::create_dir_all(dir.join("diff")).ctx(|| format!("creating {}", dir.display()))?;
        Ok(StagedLayer { dir, layers_dir, committed: false })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A layer with a char device, a hardlink to it, a block device and a file.
    fn device_layer() -> Vec<u8> {
        let mut b = tar::Builder::new(Vec::new());
        let mut entry = |name: &str, kind: EntryType, dev: (u32, u32), link: Option<&str>, data: &[u8]| {
            let mut h = tar::Header::new_gnu();
            h.set_entry_type(kind);
            h.set_mode(0o644);
            h.set_uid(0);
            h.set_gid(0);
            h.set_mtime(0);
            h.set_size(data.len() as u64);
            h.set_device_major(dev.0).unwrap();
            h.set_device_minor(dev.1).unwrap();
            if let Some(l) = link {
                h.set_link_name(l).unwrap();
            }
            h.set_path(name).unwrap();
            h.set_cksum();
            b.append(&h, data).unwrap();
        };
        entry("d/null", EntryType::Char, (1, 3), None, b"");
        entry("d/null-link", EntryType::Link, (0, 0), Some("d/null"), b"");
        entry("d/loop7", EntryType::Block, (7, 7), None, b"");
        entry("d/file", EntryType::Regular, (0, 0), None, b"kept\n");
        b.into_inner().unwrap()
    }

    fn temp_dest(tag: &str) -> PathBuf {
        let d = std::env::temp_dir().join(format!("rdock-layer-{tag}-{}", crate::util::random_hex(4)));
        std::fs::create_dir_all(&d).unwrap();
        d
    }

    #[test]
    fn devices_skipped_without_mknod() {
        let dest = temp_dest("skip");
        let opts = UnpackOptions { devices: false, chown: false, ..Default::default() };
        unpack(device_layer().as_slice(), &dest, &opts).unwrap();
        for gone in ["d/null", "d/null-link", "d/loop7"] {
            assert!(std::fs::symlink_metadata(dest.join(gone)).is_err(), "{gone}");
        }
        assert_eq!(std::fs::read_to_string(dest.join("d/file")).unwrap(), "kept\n");
        std::fs::remove_dir_all(&dest).unwrap();
    }

    #[test]
    fn devices_made_with_mknod() {
        if crate::util::rootless() {
            return; // mknod needs real root
        }
        use std::os::unix::fs::FileTypeExt;
        let dest = temp_dest("make");
        unpack(device_layer().as_slice(), &dest, &UnpackOptions::default()).unwrap();
        let null = std::fs::symlink_metadata(dest.join("d/null")).unwrap();
        assert!(null.file_type().is_char_device());
        assert_eq!(null.rdev(), libc::makedev(1, 3));
        assert_eq!(std::fs::symlink_metadata(dest.join("d/null-link")).unwrap().ino(), null.ino());
        let lo = std::fs::symlink_metadata(dest.join("d/loop7")).unwrap();
        assert!(lo.file_type().is_block_device() && lo.rdev() == libc::makedev(7, 7));
        std::fs::remove_dir_all(&dest).unwrap();
    }
}

#[cfg(test)]
mod prop {
    use super::*;
    use crate::prop::Rng;

    const PIECES: &[&str] = &["a", "b", "..", ".", "/", "/", "//", "...", ".wh.a", "..a", "a..", "é", " "];

    fn random_path(rng: &mut Rng) -> Vec<u8> {
        let mut p = rng.tokens(PIECES, 8).into_bytes();
        if rng.below(8) == 0 {
            p.extend(rng.bytes(4)); // not UTF-8, NULs
        }
        p
    }

    #[test]
    fn clean_paths_stay_inside() {
        let mut rng = Rng::new(2);
        for _ in 0..20_000 {
            let raw = random_path(&mut rng);
            let Some(p) = clean_path(&raw) else {
                let comps = Path::new(OsStr::from_bytes(&raw)).components().collect::<Vec<_>>();
                assert!(
                    comps.iter().any(|c| matches!(c, Component::RootDir | Component::ParentDir)),
                    "{raw:?}"
                );
                continue;
            };
            assert!(!p.is_absolute(), "{raw:?}");
            assert!(p.components().all(|c| matches!(c, Component::Normal(_))), "{raw:?}");
            assert!(
                !p.as_os_str().as_bytes().split(|b| *b == b'/').any(|c| c == b".." || c == b"."),
                "{raw:?}"
            );
            assert!(Path::new("/r").join(&p).starts_with("/r"), "{raw:?}");
            assert_eq!(clean_path(p.as_os_str().as_bytes()).as_deref(), Some(p.as_path()), "{raw:?}");
        }
    }

    /// A tar of entries with raw (unchecked) names and link targets.
    fn random_layer(rng: &mut Rng) -> Vec<u8> {
        const COMPS: &[&str] = &["a", "b", "..", ".", ".wh.a", ".wh..wh..opq", "out"];
        const LINKS: &[&str] = &["a", "a/b", "../out", "../out/file", "/", "..", "b/../..", "out/file"];
        const KINDS: &[EntryType] =
            &[EntryType::Regular, EntryType::Directory, EntryType::Symlink, EntryType::Link, EntryType::Fifo];
        let mut out = Vec::new();
        for _ in 0..rng.below(8) {
            let name: Vec<&str> = (0..rng.below(3) + 1).map(|_| rng.pick(COMPS)).collect();
            let name = name.join("/");
            let link = rng.pick(LINKS);
            let size = rng.below(3) * 7;
            let mut h = tar::Header::new_gnu();
            h.set_entry_type(KINDS[rng.below(KINDS.len())]);
            h.set_mode(0o755);
            h.set_size(size as u64);
            let raw = h.as_old_mut();
            raw.name[..name.len()].copy_from_slice(name.as_bytes());
            raw.linkname[..link.len()].copy_from_slice(link.as_bytes());
            h.set_cksum();
            out.extend_from_slice(h.as_bytes());
            let mut body = vec![b'x'; size];
            body.resize(size.div_ceil(512) * 512, 0);
            out.extend(body);
        }
        out.extend([0; 1024]);
        out
    }

    /// Whatever the entries, nothing lands beside the layer's root.
    #[test]
    fn unpacking_stays_inside() {
        let base = std::env::temp_dir().join(format!("rdock-layer-prop-{}", crate::util::random_hex(4)));
        let outside = base.join("out");
        std::fs::create_dir_all(&outside).unwrap();
        std::fs::write(outside.join("file"), "sentinel").unwrap();
        let opts = UnpackOptions {
            chown: false,
            devices: false,
            overlay_xattr_prefix: "user.overlay.",
            max_size: 1 << 20,
        };
        let mut rng = Rng::new(3);
        for _ in 0..300 {
            let root = base.join("root");
            std::fs::create_dir(&root).unwrap();
            let _ = unpack(random_layer(&mut rng).as_slice(), &root, &opts);
            let beside: Vec<_> = std::fs::read_dir(&base).unwrap().map(|e| e.unwrap().file_name()).collect();
            assert_eq!(beside.len(), 2, "{beside:?}");
            let out: Vec<_> = std::fs::read_dir(&outside).unwrap().map(|e| e.unwrap().file_name()).collect();
            assert_eq!(out, ["file"]);
            assert_eq!(std::fs::read_to_string(outside.join("file")).unwrap(), "sentinel");
            std::fs::remove_dir_all(&root).unwrap();
        }
        std::fs::remove_dir_all(&base).unwrap();
    }
}

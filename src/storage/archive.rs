//! Writing files as tar streams: layers (commit, import of changes), container
//! exports. Owners are numeric, extended attributes go in PAX records (overlay's
//! own excepted), hard links within the stream stay links, and OCI whiteouts
//! stand for deletions.

use std::collections::HashMap;
use std::fs::{File, Metadata};
use std::io::{self, Read, Write};
use std::os::fd::AsRawFd;
use std::os::unix::ffi::OsStrExt;
use std::os::unix::fs::{FileTypeExt, MetadataExt};
use std::path::{Path, PathBuf};

use tar::{EntryType, Header};

use super::inroot::{InRoot, Resolved};
use super::vfs::{get_xattr, list_xattrs};

pub struct TarWriter<W: Write> {
    builder: tar::Builder<W>,
    /// (device, inode) of multiply linked files → the name they were first written as.
    links: HashMap<(u64, u64), PathBuf>,
    /// A tree a running container can change while we read it (its upper
    /// dir): what lies under it is re-resolved inside it and read through the
    /// descriptor, so a link swapped in after the walk cannot lead out.
    confined: Option<(PathBuf, InRoot)>,
}

impl<W: Write> TarWriter<W> {
    pub fn new(out: W) -> Self {
        TarWriter { builder: tar::Builder::new(out), links: HashMap::new(), confined: None }
    }

    /// Reads files under `dir` only through descriptors resolved inside it.
    pub fn confined_to(mut self, dir: &Path) -> io::Result<Self> {
        if dir.is_dir() {
            self.confined = Some((dir.to_path_buf(), InRoot::open(dir)?));
        }
        Ok(self)
    }

    /// The walked entry, again, resolved inside the confined tree: it must be
    /// the inode the walk saw.
    fn recheck(&self, path: &Path, meta: &Metadata) -> io::Result<Option<Resolved>> {
        let Some((dir, root)) = &self.confined else { return Ok(None) };
        let Ok(rel) = path.strip_prefix(dir) else { return Ok(None) };
        let h = root.resolve_nofollow(&rel.to_string_lossy())?;
        let now = h.metadata()?;
        // The type too: a freed inode number comes back for the next new file.
        if (now.dev(), now.ino(), now.file_type()) != (meta.dev(), meta.ino(), meta.file_type()) {
            return Err(io::Error::other(format!("{}: changed while it was archived", rel.display())));
        }
        Ok(Some(h))
    }

    /// Adds the file at `path` (not followed if a symlink) under the name `rel`.
    /// Sockets have no tar form and are skipped.
    pub fn add(&mut self, rel: &Path, path: &Path, meta: &Metadata) -> io::Result<()> {
        let ft = meta.file_type();
        if ft.is_socket() {
            return Ok(());
        }
        let checked = self.recheck(path, meta)?;
        // Through the descriptor's /proc path (exactly that inode), or the path
        // itself with its last link never followed.
        let (src, follow) = match &checked {
            Some(h) => (h.proc_path(), true),
            None => (path.to_path_buf(), false),
        };
        let mut h = Header::new_gnu();
        h.set_mode(meta.mode() & 0o7777);
        h.set_uid(meta.uid() as u64);
        h.set_gid(meta.gid() as u64);
        h.set_mtime(meta.mtime().max(0) as u64);
        h.set_size(0);
        let key = (meta.dev(), meta.ino());
        if !ft.is_dir() && meta.nlink() > 1 {
            if let Some(first) = self.links.get(&key).cloned() {
                h.set_entry_type(EntryType::Link);
                return self.builder.append_link(&mut h, rel, first);
            }
            self.links.insert(key, rel.to_path_buf());
        }
        if !(ft.is_symlink() && follow) {
            self.pax_xattrs(&src, follow)?;
        }
        if ft.is_dir() {
            h.set_entry_type(EntryType::Directory);
            self.builder.append_data(&mut h, rel, io::empty())
        } else if ft.is_file() {
            h.set_entry_type(EntryType::Regular);
            h.set_size(meta.len());
            let file = if follow { File::open(&src)? } else { open_nofollow(path)? };
            // A running container may change the file meanwhile: write exactly
            // the size the header promised.
            self.builder.append_data(&mut h, rel, Exact { inner: file, left: meta.len() })
        } else if ft.is_symlink() {
            h.set_entry_type(EntryType::Symlink);
            let target = match &checked {
                Some(h) => PathBuf::from(
                    nix::fcntl::readlinkat(Some(h.fd().as_raw_fd()), "").map_err(io::Error::from)?,
                ),
                None => std::fs::read_link(path)?,
            };
            self.builder.append_link(&mut h, rel, target)
        } else {
            let (kind, dev) = if ft.is_char_device() {
                (EntryType::Char, true)
            } else if ft.is_block_device() {
                (EntryType::Block, true)
            } else {
                (EntryType::Fifo, false)
            };
            h.set_entry_type(kind);
            if dev {
                h.set_device_major(nix::sys::stat::major(meta.rdev()) as u32)?;
                h.set_device_minor(nix::sys::stat::minor(meta.rdev()) as u32)?;
            }
            self.builder.append_data(&mut h, rel, io::empty())
        }
    }

    /// An OCI whiteout: `rel` was deleted.
    pub fn whiteout(&mut self, rel: &Path) -> io::Result<()> {
        let name = rel.file_name().map(|n| n.as_bytes()).unwrap_or_default();
        let mut marker = b".wh.".to_vec();
        marker.extend_from_slice(name);
        let parent = rel.parent().unwrap_or(Path::new(""));
        self.marker(&parent.join(std::ffi::OsStr::from_bytes(&marker)))
    }

    /// An OCI opaque marker: what lower layers have under `dir` is hidden.
    pub fn opaque(&mut self, dir: &Path) -> io::Result<()> {
        self.marker(&dir.join(".wh..wh..opq"))
    }

    fn marker(&mut self, rel: &Path) -> io::Result<()> {
        let mut h = Header::new_gnu();
        h.set_entry_type(EntryType::Regular);
        h.set_mode(0o644);
        h.set_size(0);
        h.set_mtime(0);
        self.builder.append_data(&mut h, rel, io::empty())
    }

    /// `SCHILY.xattr.*` records for the next entry.
    fn pax_xattrs(&mut self, path: &Path, follow: bool) -> io::Result<()> {
        let mut records = Vec::new();
        for name in list_xattrs(path, follow) {
            if name.starts_with("trusted.overlay.") || name.starts_with("user.overlay.") {
                continue;
            }
            if let Some(value) = get_xattr(path, &name, follow) {
                records.push((format!("SCHILY.xattr.{name}"), value));
            }
        }
        if records.is_empty() {
            return Ok(());
        }
        let data = pax_records(&records);
        let mut h = Header::new_ustar();
        h.set_entry_type(EntryType::XHeader);
        h.set_mode(0o644);
        h.set_size(data.len() as u64);
        self.builder.append_data(&mut h, "PaxHeaders/entry", data.as_slice())
    }

    pub fn finish(self) -> io::Result<W> {
        self.builder.into_inner()
    }
}

fn open_nofollow(path: &Path) -> io::Result<File> {
    use std::os::unix::fs::OpenOptionsExt;
    std::fs::OpenOptions::new().read(true).custom_flags(libc::O_NOFOLLOW | libc::O_NOCTTY).open(path)
}

/// PAX records: `LEN KEY=VALUE\n`, LEN counting the whole record.
fn pax_records(records: &[(String, Vec<u8>)]) -> Vec<u8> {
    let mut out = Vec::new();
    for (key, value) in records {
        let rest = key.len() + value.len() + 3;
        let mut len = rest + 1;
        while rest + len.to_string().len() != len {
            len = rest + len.to_string().len();
        }
        out.extend_from_slice(format!("{len} {key}=").as_bytes());
        out.extend_from_slice(value);
        out.push(b'\n');
    }
    out
}

/// Exactly `left` bytes of `inner`: cut short, or padded with zeros.
struct Exact<R> {
    inner: R,
    left: u64,
}

impl<R: Read> Read for Exact<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        if self.left == 0 {
            return Ok(0);
        }
        let want = buf.len().min(self.left as usize);
        let n = match self.inner.read(&mut buf[..want])? {
            0 => {
                buf[..want].fill(0);
                want
            }
            n => n,
        };
        self.left -= n as u64;
        Ok(n)
    }
}

/// Tars an overlay upper dir as an OCI layer: 0/0 devices and `.wh.` files
/// become whiteouts, opaque directories get their marker.
pub fn write_upper<W: Write>(upper: &Path, xattr_prefix: &str, out: &mut TarWriter<W>) -> io::Result<()> {
    let mut stack = vec![PathBuf::new()];
    while let Some(dir) = stack.pop() {
        let mut entries: Vec<(std::ffi::OsString, PathBuf)> = std::fs::read_dir(upper.join(&dir))?
            .map(|e| e.map(|e| (e.file_name(), e.path())))
            .collect::<io::Result<_>>()?;
        entries.sort();
        let mut subdirs = Vec::new();
        for (name, path) in entries {
            if name == ".wh..wh..opq" {
                continue;
            }
            let meta = std::fs::symlink_metadata(&path)?;
            let rel = dir.join(&name);
            if let Some(hidden) = super::tree::whiteout_of(&name, &meta) {
                out.whiteout(&dir.join(hidden))?;
                continue;
            }
            out.add(&rel, &path, &meta)?;
            if meta.is_dir() {
                if super::tree::is_opaque(&path, xattr_prefix) {
                    out.opaque(&rel)?;
                }
                subdirs.push(rel);
            }
        }
        stack.extend(subdirs.into_iter().rev());
    }
    Ok(())
}

/// Tars a list of changes against a full copy of the tree (`root`): added and
/// changed paths as they are there, deletions as whiteouts.
pub fn write_changes<W: Write>(
    root: &Path,
    changes: &[super::tree::Change],
    out: &mut TarWriter<W>,
) -> io::Result<()> {
    for c in changes {
        if c.kind == super::tree::ChangeKind::Deleted {
            out.whiteout(&c.rel)?;
        } else {
            let path = root.join(&c.rel);
            let meta = std::fs::symlink_metadata(&path)?;
            out.add(&c.rel, &path, &meta)?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A file swapped for a link to a host file after the walk saw it is
    /// refused, never read.
    #[test]
    fn swapped_entries_are_not_followed() {
        let base = std::env::temp_dir().join(format!("rdock-arch-{}", crate::util::random_hex(6)));
        let (upper, host) = (base.join("upper"), base.join("host"));
        std::fs::create_dir_all(upper.join("dir")).unwrap();
        std::fs::create_dir_all(&host).unwrap();
        std::fs::write(host.join("secret"), "host").unwrap();
        std::fs::write(upper.join("dir/file"), "mine").unwrap();
        let meta = std::fs::symlink_metadata(upper.join("dir/file")).unwrap();
        let dir_meta = std::fs::symlink_metadata(upper.join("dir")).unwrap();
        // The container swaps the file, and then its parent dir, for links out.
        std::fs::remove_file(upper.join("dir/file")).unwrap();
        std::os::unix::fs::symlink(host.join("secret"), upper.join("dir/file")).unwrap();
        let mut tar = TarWriter::new(Vec::new()).confined_to(&upper).unwrap();
        assert!(tar.add(Path::new("dir/file"), &upper.join("dir/file"), &meta).is_err());
        std::fs::remove_dir_all(upper.join("dir")).unwrap();
        std::os::unix::fs::symlink(&host, upper.join("dir")).unwrap();
        std::fs::rename(host.join("secret"), host.join("file")).unwrap();
        let host_meta = std::fs::metadata(upper.join("dir/file")).unwrap();
        assert!(tar.add(Path::new("dir/file"), &upper.join("dir/file"), &host_meta).is_err());
        assert!(tar.add(Path::new("dir"), &upper.join("dir"), &dir_meta).is_err());
        let out = tar.finish().unwrap();
        assert!(!out.windows(4).any(|w| w == b"host"), "a host file's bytes were archived");
        let _ = std::fs::remove_dir_all(&base);
    }

    #[test]
    fn pax_lengths() {
        let r = pax_records(&[("SCHILY.xattr.user.a".into(), b"b".to_vec())]);
        assert_eq!(r, b"25 SCHILY.xattr.user.a=b\n");
        let long = vec![b'x'; 90];
        let r = pax_records(&[("k".into(), long)]);
        let text = String::from_utf8(r).unwrap();
        let len: usize = text.split(' ').next().unwrap().parse().unwrap();
        assert_eq!(len, text.len());
    }
}

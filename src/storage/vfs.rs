//! The copying driver: when no overlay filesystem can be mounted, a container's
//! root filesystem is a full copy of its layers, applied bottom to top with their
//! whiteouts and opaque directories honoured.

use std::collections::HashMap;
use std::fs;
use std::os::unix::fs::{FileTypeExt, MetadataExt, PermissionsExt};
use std::path::Path;

use super::layer::{set_xattr, LayerError};

/// Applies `layer` (an unpacked layer directory) on top of `dest`.
pub fn apply_layer(layer: &Path, dest: &Path, xattr_prefix: &str) -> Result<(), LayerError> {
    let mut links = HashMap::new();
    apply_dir(layer, dest, xattr_prefix, &mut links)
}

/// Copies a layer directory as it is (whiteouts and overlay attributes
/// included) with every owner passed through `shift`: layers for containers
/// whose user namespace maps ids differently (keep-id).
pub fn copy_shifted(src: &Path, dest: &Path, shift: &dyn Fn(u32) -> u32) -> Result<(), LayerError> {
    let mut links = HashMap::new();
    copy_dir(src, dest, shift, &mut links)?;
    let meta = fs::symlink_metadata(src).map_err(io(src))?;
    set_meta(src, dest, &meta, "\0", shift).map_err(io(dest))
}

fn copy_dir(
    src: &Path,
    dest: &Path,
    shift: &dyn Fn(u32) -> u32,
    links: &mut HashMap<(u64, u64), std::path::PathBuf>,
) -> Result<(), LayerError> {
    for entry in fs::read_dir(src).map_err(io(src))? {
        let entry = entry.map_err(io(src))?;
        let from = entry.path();
        let to = dest.join(entry.file_name());
        let meta = fs::symlink_metadata(&from).map_err(io(&from))?;
        let ft = meta.file_type();
        let key = (meta.dev(), meta.ino());
        if !ft.is_dir() && meta.nlink() > 1 {
            if let Some(first) = links.get(&key) {
                fs::hard_link(first, &to).map_err(io(&to))?;
                continue;
            }
        }
        if ft.is_dir() {
            fs::create_dir(&to).map_err(io(&to))?;
            copy_dir(&from, &to, shift, links)?;
        } else {
            copy_leaf(&from, &to, &meta)?;
        }
        // "\0" matches no attribute name: every attribute is copied.
        set_meta(&from, &to, &meta, "\0", shift).map_err(io(&to))?;
        if !ft.is_dir() && meta.nlink() > 1 {
            links.insert(key, to);
        }
    }
    Ok(())
}

/// Copies a non-directory entry: a symlink as a symlink, a file's data, a
/// device or fifo as a new node (metadata is the caller's).
fn copy_leaf(from: &Path, to: &Path, meta: &fs::Metadata) -> Result<(), LayerError> {
    let ft = meta.file_type();
    if ft.is_symlink() {
        std::os::unix::fs::symlink(fs::read_link(from).map_err(io(from))?, to).map_err(io(to))?;
    } else if ft.is_file() {
        fs::copy(from, to).map_err(io(to))?;
    } else {
        let kind = nix::sys::stat::SFlag::from_bits_truncate(meta.mode() & libc::S_IFMT);
        nix::sys::stat::mknod(to, kind, nix::sys::stat::Mode::from_bits_truncate(meta.mode()), meta.rdev())
            .map_err(|e| io(to)(e.into()))?;
    }
    Ok(())
}

fn io(path: &Path) -> impl FnOnce(std::io::Error) -> LayerError + '_ {
    move |source| LayerError::Io { entry: path.display().to_string(), source }
}

fn apply_dir(
    src: &Path,
    dest: &Path,
    prefix: &str,
    links: &mut HashMap<(u64, u64), std::path::PathBuf>,
) -> Result<(), LayerError> {
    for entry in fs::read_dir(src).map_err(io(src))? {
        let entry = entry.map_err(io(src))?;
        let from = entry.path();
        let to = dest.join(entry.file_name());
        let meta = fs::symlink_metadata(&from).map_err(io(&from))?;
        let ft = meta.file_type();
        if ft.is_char_device() && meta.rdev() == 0 {
            remove(&to).map_err(io(&to))?; // a whiteout: the lower path is gone
            continue;
        }
        if ft.is_dir() {
            let opaque = xattr(&from, &format!("{prefix}opaque")).as_deref() == Some(b"y".as_slice());
            match fs::symlink_metadata(&to) {
                Ok(m) if m.is_dir() && opaque => clear_dir(&to).map_err(io(&to))?,
                Ok(m) if m.is_dir() => {}
                Ok(_) => {
                    remove(&to).map_err(io(&to))?;
                    fs::create_dir(&to).map_err(io(&to))?;
                }
                Err(_) => fs::create_dir(&to).map_err(io(&to))?,
            }
            apply_dir(&from, &to, prefix, links)?;
            set_meta(&from, &to, &meta, prefix, &|id| id).map_err(io(&to))?;
            continue;
        }
        remove(&to).map_err(io(&to))?;
        let key = (meta.dev(), meta.ino());
        if meta.nlink() > 1 {
            if let Some(first) = links.get(&key) {
                fs::hard_link(first, &to).map_err(io(&to))?;
                continue;
            }
        }
        copy_leaf(&from, &to, &meta)?;
        set_meta(&from, &to, &meta, prefix, &|id| id).map_err(io(&to))?;
        if meta.nlink() > 1 {
            links.insert(key, to);
        }
    }
    Ok(())
}

/// Owner (through `shift`), mode, extended attributes (but overlay's own, named
/// by `prefix`) and times of `from`, onto `to`.
fn set_meta(
    from: &Path,
    to: &Path,
    meta: &fs::Metadata,
    prefix: &str,
    shift: &dyn Fn(u32) -> u32,
) -> std::io::Result<()> {
    std::os::unix::fs::lchown(to, Some(shift(meta.uid())), Some(shift(meta.gid())))?;
    if !meta.file_type().is_symlink() {
        fs::set_permissions(to, fs::Permissions::from_mode(meta.mode() & 0o7777))?;
    }
    for name in xattr_names(from) {
        if name.starts_with(prefix) || (prefix != "\0" && name.starts_with("trusted.overlay.")) {
            continue;
        }
        if let Some(value) = xattr(from, &name) {
            let _ = set_xattr(to, &name, &value);
        }
    }
    let mtime = nix::sys::time::TimeSpec::new(meta.mtime(), meta.mtime_nsec());
    nix::sys::stat::utimensat(None, to, &mtime, &mtime, nix::sys::stat::UtimensatFlags::NoFollowSymlink)
        .map_err(std::io::Error::from)
}

fn remove(path: &Path) -> std::io::Result<()> {
    match fs::symlink_metadata(path) {
        Ok(m) if m.is_dir() => crate::util::remove_dir_all(path),
        Ok(_) => fs::remove_file(path),
        Err(_) => Ok(()),
    }
}

fn clear_dir(dir: &Path) -> std::io::Result<()> {
    for entry in fs::read_dir(dir)? {
        remove(&entry?.path())?;
    }
    Ok(())
}

fn cpath(p: &Path) -> Option<std::ffi::CString> {
    use std::os::unix::ffi::OsStrExt;
    std::ffi::CString::new(p.as_os_str().as_bytes()).ok()
}

pub(super) fn xattr(path: &Path, name: &str) -> Option<Vec<u8>> {
    get_xattr(path, name, false)
}

/// `follow`: the path's final link is followed (a `/proc/self/fd/N` path
/// reaches the inode its descriptor names only that way).
pub(super) fn get_xattr(path: &Path, name: &str, follow: bool) -> Option<Vec<u8>> {
    let p = cpath(path)?;
    let n = std::ffi::CString::new(name).ok()?;
    let mut buf = vec![0u8; 4096];
    let get = if follow { libc::getxattr } else { libc::lgetxattr };
    // SAFETY: both strings are NUL-terminated and live for the call; the
    // kernel writes at most buf.len() bytes into buf.
    let len = unsafe { get(p.as_ptr(), n.as_ptr(), buf.as_mut_ptr().cast(), buf.len()) };
    (len >= 0).then(|| {
        buf.truncate(len as usize);
        buf
    })
}

pub(super) fn xattr_names(path: &Path) -> Vec<String> {
    list_xattrs(path, false)
}

pub(super) fn list_xattrs(path: &Path, follow: bool) -> Vec<String> {
    let Some(p) = cpath(path) else { return Vec::new() };
    let mut buf = vec![0u8; 8192];
    let list = if follow { libc::listxattr } else { libc::llistxattr };
    // SAFETY: p is NUL-terminated; the kernel writes at most buf.len() bytes.
    let len = unsafe { list(p.as_ptr(), buf.as_mut_ptr().cast(), buf.len()) };
    if len <= 0 {
        return Vec::new();
    }
    buf[..len as usize]
        .split(|&b| b == 0)
        .filter(|n| !n.is_empty())
        .map(|n| String::from_utf8_lossy(n).into_owned())
        .collect()
}

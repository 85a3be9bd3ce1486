//! `cp` between the host and a container's filesystem, as tar streams (the
//! form `cp … -` reads and writes), with Docker's rules for where things land.
//! Paths inside the container resolve their symlinks within its root.

use std::fs;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};

use super::users::secure_join;
use crate::error::{Error, IoContext, Result};

/// Binds a stopped container's volumes and bind mounts into its mounted root
/// (`root`) for a copy, as a running container has them; returns the mount
/// points for [`unbind_volumes`]. tmpfs mounts are empty while stopped.
pub fn bind_volumes(
    store: &crate::storage::Store,
    cfg: &crate::storage::containers::ContainerConfig,
    root: &Path,
) -> Result<Vec<PathBuf>> {
    let mut binds: Vec<_> =
        super::mounts::oci_mounts(store, cfg)?.into_iter().filter(|m| m.1 == "bind").collect();
    // Outer mount points before the ones inside them.
    binds.sort_by_key(|m| Path::new(&m.0).components().count());
    let mut done = Vec::new();
    for (dest, _, source, opts) in binds {
        match bind_one(root, &dest, Path::new(&source), opts.iter().any(|o| o == "ro")) {
            Ok(target) => done.push(target),
            Err(e) => {
                unbind_volumes(&done);
                return Err(e);
            }
        }
    }
    Ok(done)
}

fn bind_one(root: &Path, dest: &str, source: &Path, read_only: bool) -> Result<PathBuf> {
    use nix::mount::{mount, MsFlags};
    let target = secure_join(root, dest);
    let meta = fs::metadata(source).ctx(|| format!("bind source path {}", source.display()))?;
    if meta.is_dir() {
        fs::create_dir_all(&target).ctx(|| format!("creating {}", target.display()))?;
    } else if !target.exists() {
        if let Some(parent) = target.parent() {
            fs::create_dir_all(parent).ctx(|| format!("creating {}", parent.display()))?;
        }
        fs::File::create(&target).ctx(|| format!("creating {}", target.display()))?;
    }
    let flags = MsFlags::MS_BIND | MsFlags::MS_REC;
    mount(Some(source), &target, None::<&str>, flags, None::<&str>)
        .map_err(|e| Error::io(format!("mounting {} for the copy", source.display()), e.into()))?;
    if read_only {
        let ro = flags | MsFlags::MS_REMOUNT | MsFlags::MS_RDONLY;
        if let Err(e) = mount(None::<&str>, &target, None::<&str>, ro, None::<&str>) {
            let _ = nix::mount::umount2(&target, nix::mount::MntFlags::MNT_DETACH);
            return Err(Error::io(format!("making {dest} read-only for the copy"), e.into()));
        }
    }
    Ok(target)
}

/// Undoes [`bind_volumes`], innermost first.
pub fn unbind_volumes(targets: &[PathBuf]) {
    for t in targets.iter().rev() {
        let _ = nix::mount::umount2(t, nix::mount::MntFlags::MNT_DETACH);
    }
}

/// A tar of `src` (a path under `root`), its top entry named `name` ("." for
/// the contents of a directory). Symlinks are archived as links unless
/// `follow` is set for the source itself.
pub fn write_tar(path: &Path, name: &str, follow: bool, out: &mut dyn Write) -> Result<()> {
    let meta = if follow { fs::metadata(path) } else { fs::symlink_metadata(path) }
        .ctx(|| format!("reading {}", path.display()))?;
    let mut b = tar::Builder::new(out);
    b.follow_symlinks(false);
    b.mode(tar::HeaderMode::Complete);
    if meta.is_dir() {
        b.append_dir_all(name, path).ctx(|| format!("archiving {}", path.display()))?;
    } else if meta.file_type().is_symlink() {
        b.append_path_with_name(path, name).ctx(|| format!("archiving {}", path.display()))?;
    } else {
        let mut f = fs::File::open(path).ctx(|| format!("opening {}", path.display()))?;
        b.append_file(name, &mut f).ctx(|| format!("archiving {}", path.display()))?;
    }
    b.finish().ctx(|| "writing the archive".into())
}

/// Where a copy lands: the directory to extract into and the top entry's name.
pub struct Target {
    pub dir: PathBuf,
    pub name: String,
}

/// Docker's rules: into an existing directory under the source's name; onto a
/// missing path under that path's name (its parent must exist); `SRC/.` copies
/// a directory's contents.
pub fn plan(src: &str, src_is_dir: bool, dest: &Path, dest_text: &str) -> Result<Target> {
    let contents_only = src.ends_with("/.") || src == ".";
    let base = Path::new(src.trim_end_matches("/.").trim_end_matches('/'))
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| ".".into());
    if dest.is_dir() {
        let name = if contents_only { ".".into() } else { base };
        return Ok(Target { dir: dest.to_path_buf(), name });
    }
    if dest_text.ends_with('/') && !src_is_dir {
        return Err(Error::InvalidArgument(format!("destination directory {dest_text} does not exist")));
    }
    if dest.exists() && src_is_dir {
        return Err(Error::InvalidArgument(format!("cannot copy a directory onto the file {dest_text}")));
    }
    let parent = dest.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    if !parent.is_dir() {
        return Err(Error::InvalidArgument(format!(
            "destination directory {} does not exist",
            parent.display()
        )));
    }
    let name = dest.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or(base);
    if contents_only {
        fs::create_dir_all(dest).ctx(|| format!("creating {}", dest.display()))?;
        return Ok(Target { dir: dest.to_path_buf(), name: ".".into() });
    }
    Ok(Target { dir: parent.to_path_buf(), name })
}

/// Extracts on the host side: the caller's own files (owners kept with `archive`).
pub fn extract_on_host(input: &mut dyn Read, dir: &Path, archive: bool) -> Result<()> {
    let mut a = tar::Archive::new(input);
    a.set_preserve_permissions(true);
    a.set_preserve_ownerships(archive);
    a.set_overwrite(true);
    a.unpack(dir).ctx(|| format!("extracting into {}", dir.display()))
}

/// Extracts into a container: every entry's path is resolved inside `root`
/// (symlinks cannot lead out), owners are the container's root unless
/// `archive` keeps the archive's.
pub fn extract_in_container(
    input: &mut dyn Read,
    root: &Path,
    dir_in_root: &str,
    archive: bool,
) -> Result<()> {
    let mut a = tar::Archive::new(input);
    for entry in a.entries().ctx(|| "reading the archive".into())? {
        let mut entry = entry.ctx(|| "reading the archive".into())?;
        let rel = entry.path().ctx(|| "reading an entry name".into())?.into_owned();
        if rel.components().any(|c| matches!(c, std::path::Component::ParentDir)) {
            return Err(Error::InvalidArgument(format!(
                "refusing archive entry {} (it leaves the destination)",
                rel.display()
            )));
        }
        let inside = Path::new(dir_in_root).join(&rel);
        let target = secure_join(root, &inside.to_string_lossy());
        if target == root.join("") && rel.as_os_str() != "." && rel.as_os_str() != "./" {
            continue;
        }
        let kind = entry.header().entry_type();
        if let Ok(m) = fs::symlink_metadata(&target) {
            if !(m.is_dir() && kind.is_dir()) {
                if m.is_dir() {
                    crate::util::remove_dir_all(&target).ctx(|| format!("replacing {}", inside.display()))?;
                } else {
                    fs::remove_file(&target).ctx(|| format!("replacing {}", inside.display()))?;
                }
            }
        }
        if kind.is_dir() {
            fs::create_dir_all(&target).ctx(|| format!("creating {}", inside.display()))?;
        } else {
            if let Some(p) = target.parent() {
                fs::create_dir_all(p).ctx(|| format!("creating {}", p.display()))?;
            }
            entry.set_preserve_permissions(true);
            entry
                .unpack(&target)
                .map_err(|e| Error::io(format!("writing {}", inside.display()), cause(e)))?;
        }
        let (uid, gid) = if archive {
            (entry.header().uid().unwrap_or(0) as u32, entry.header().gid().unwrap_or(0) as u32)
        } else {
            (0, 0)
        };
        let _ = std::os::unix::fs::lchown(&target, Some(uid), Some(gid));
        if kind.is_dir() {
            if let Ok(mode) = entry.header().mode() {
                use std::os::unix::fs::PermissionsExt;
                let _ = fs::set_permissions(&target, fs::Permissions::from_mode(mode & 0o7777));
            }
        }
    }
    Ok(())
}

/// The io error the tar crate wraps in one of its own (read-only, no space…),
/// which is what the user needs to see.
fn cause(e: std::io::Error) -> std::io::Error {
    let inner = e.get_ref().and_then(|t| t.source()).and_then(|s| s.downcast_ref::<std::io::Error>());
    match inner {
        Some(i) => std::io::Error::new(i.kind(), i.to_string()),
        None => e,
    }
}

/// Runs `produce` on a thread feeding `consume` through a pipe.
pub fn stream(
    produce: impl FnOnce(&mut dyn Write) -> Result<()> + Send + 'static,
    consume: impl FnOnce(&mut dyn Read) -> Result<()>,
) -> Result<()> {
    let (mut r, mut w) = std::io::pipe().ctx(|| "creating a pipe".into())?;
    let t = std::thread::spawn(move || produce(&mut w));
    let got = consume(&mut r);
    // Closing our end makes a producer still writing fail (EPIPE) instead of blocking.
    drop(r);
    let made = t.join().unwrap_or_else(|_| Err(Error::Runtime("archiver thread panicked".into())));
    // The consumer's error first: a producer's broken pipe follows from it.
    got.and(made)
}

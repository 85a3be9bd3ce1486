//! `cp` between the host and a container's filesystem, as tar streams (the
//! form `cp … -` reads and writes), with Docker's rules for where things land.
//!
//! The container is hostile, and may be running: a link swapped in during a
//! copy must not carry it out of the root (CVE-2018-15664). So the container
//! side of every copy runs in a child process chrooted into the root (`rdock
//! __archive`, as moby's chrootarchive does), and what this process looks up
//! in the root it resolves inside it (libpathrs) and uses through the fd.

use std::fs;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use crate::error::{Error, IoContext, Result};
use crate::storage::inroot::{InRoot, Resolved};

/// Binds a stopped container's volumes and bind mounts into its mounted root
/// (`root`) for a copy, as a running container has them; returns the mounts
/// for [`unbind_volumes`]. tmpfs mounts are empty while stopped.
pub fn bind_volumes(
    store: &crate::storage::Store,
    cfg: &crate::storage::containers::ContainerConfig,
    root: &Path,
) -> Result<Vec<Resolved>> {
    let mut binds: Vec<_> =
        super::mounts::oci_mounts(store, cfg)?.into_iter().filter(|m| m.1 == "bind").collect();
    // Outer mount points before the ones inside them.
    binds.sort_by_key(|m| Path::new(&m.0).components().count());
    let inroot = InRoot::open(root).ctx(|| "opening the container root".into())?;
    let mut done = Vec::new();
    for (dest, _, source, opts) in binds {
        match bind_one(&inroot, &dest, Path::new(&source), opts.iter().any(|o| o == "ro")) {
            Ok(target) => done.push(target),
            Err(e) => {
                unbind_volumes(&done);
                return Err(e);
            }
        }
    }
    Ok(done)
}

fn bind_one(root: &InRoot, dest: &str, source: &Path, read_only: bool) -> Result<Resolved> {
    use nix::mount::{mount, MsFlags};
    let meta = fs::metadata(source).ctx(|| format!("bind source path {}", source.display()))?;
    let point = if meta.is_dir() { root.mkdir_all(dest) } else { root.mkfile_all(dest) }
        .ctx(|| format!("creating mount point {dest}"))?;
    // Onto the inode we resolved, not onto a path the container could re-point.
    let flags = MsFlags::MS_BIND | MsFlags::MS_REC;
    mount(Some(source), &point.proc_path(), None::<&str>, flags, None::<&str>)
        .map_err(|e| Error::io(format!("mounting {} for the copy", source.display()), e.into()))?;
    // A new handle reaches the mount just made (the old one, what it covers).
    let mounted = root.resolve(dest).ctx(|| format!("opening mount point {dest}"))?;
    if read_only {
        let ro = flags | MsFlags::MS_REMOUNT | MsFlags::MS_RDONLY;
        if let Err(e) = mount(None::<&str>, &mounted.proc_path(), None::<&str>, ro, None::<&str>) {
            let _ = nix::mount::umount2(&mounted.proc_path(), nix::mount::MntFlags::MNT_DETACH);
            return Err(Error::io(format!("making {dest} read-only for the copy"), e.into()));
        }
    }
    Ok(mounted)
}

/// Undoes [`bind_volumes`], innermost first.
pub fn unbind_volumes(targets: &[Resolved]) {
    for t in targets.iter().rev() {
        let _ = nix::mount::umount2(&t.proc_path(), nix::mount::MntFlags::MNT_DETACH);
    }
}

/// What a path in the container is, looked up inside its root: `None` when
/// missing; `follow` follows a final link (its parents' links always are).
pub fn stat_in_root(root: &Path, path: &str, follow: bool) -> Option<fs::Metadata> {
    let r = InRoot::open(root).ok()?;
    let h = if follow { r.resolve(path) } else { r.resolve_nofollow(path) }.ok()?;
    h.metadata().ok()
}

/// Makes a directory in the container (`cp SRC/. CTR:NEWDIR`).
pub fn mkdir_in_root(root: &Path, path: &str) -> Result<()> {
    InRoot::open(root).and_then(|r| r.mkdir_all(path)).map(drop).ctx(|| format!("creating {path}"))
}

/// The container side of a copy, for [`archive_main`] in a chrooted child.
pub enum ArchiveOp {
    /// A tar of `path` to stdout, its top entry named `name`.
    Pack { path: String, name: String, follow: bool },
    /// The tar on stdin extracted into `dir`.
    Unpack { dir: String, archive: bool },
}

impl ArchiveOp {
    fn args(&self) -> Vec<String> {
        let flag = |b: bool| if b { "1" } else { "0" }.to_string();
        match self {
            ArchiveOp::Pack { path, name, follow } => {
                vec!["pack".into(), path.clone(), name.clone(), flag(*follow)]
            }
            ArchiveOp::Unpack { dir, archive } => vec!["unpack".into(), dir.clone(), flag(*archive)],
        }
    }
}

/// Name of the hidden command that runs [`archive_main`].
pub const ARCHIVE_CMD: &str = "__archive";

/// Runs `op` in a child chrooted into `root`, its tar stream on the child's
/// stdin or stdout as `feed` writes or `drain` reads it. The child's one-line
/// error wins over a broken pipe it caused here.
pub fn in_root(
    root: &Path,
    op: &ArchiveOp,
    io: impl FnOnce(&mut std::process::Child) -> Result<()>,
) -> Result<()> {
    let exe = std::env::current_exe().ctx(|| "finding the rdock binary".into())?;
    let (stdin, stdout) = match op {
        ArchiveOp::Pack { .. } => (Stdio::null(), Stdio::piped()),
        ArchiveOp::Unpack { .. } => (Stdio::piped(), Stdio::null()),
    };
    let mut child = Command::new(exe)
        .arg(ARCHIVE_CMD)
        .arg(root)
        .args(op.args())
        .stdin(stdin)
        .stdout(stdout)
        .stderr(Stdio::piped())
        .spawn()
        .ctx(|| "starting the archiver".into())?;
    let fed = io(&mut child);
    drop(child.stdin.take());
    drop(child.stdout.take());
    let mut err = String::new();
    if let Some(mut e) = child.stderr.take() {
        let _ = e.read_to_string(&mut err);
    }
    let status = child.wait().ctx(|| "waiting for the archiver".into())?;
    if !status.success() {
        let msg = err.trim();
        return Err(if let Some(rest) = msg.strip_prefix("invalid: ") {
            Error::InvalidArgument(rest.to_string())
        } else {
            Error::Runtime(if msg.is_empty() {
                format!("archiver failed: {status}")
            } else {
                msg.to_string()
            })
        });
    }
    fed
}

/// The child: chroot into `args[0]`, then pack or unpack. Inside the chroot
/// every path and link resolves within the container's root.
pub fn archive_main(args: &[String]) -> i32 {
    let run = || -> Result<()> {
        let [root, op, rest @ ..] = args else {
            return Err(Error::InvalidArgument("usage: __archive ROOT pack|unpack ...".into()));
        };
        nix::unistd::chroot(root.as_str()).ctx(|| format!("chroot {root}"))?;
        nix::unistd::chdir("/").ctx(|| "chdir /".into())?;
        match (op.as_str(), rest) {
            ("pack", [path, name, follow]) => {
                let mut out = std::io::stdout().lock();
                write_tar(Path::new(path), name, follow == "1", &mut out)?;
                out.flush().ctx(|| "writing the archive".into())
            }
            ("unpack", [dir, archive]) => {
                extract_in_container(&mut std::io::stdin().lock(), Path::new(dir), archive == "1")
            }
            _ => Err(Error::InvalidArgument("usage: __archive ROOT pack|unpack ...".into())),
        }
    };
    match run() {
        Ok(()) => 0,
        Err(Error::InvalidArgument(m)) => {
            eprintln!("invalid: {m}");
            1
        }
        Err(e) => {
            eprintln!("{e}");
            1
        }
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

/// Where a copy lands: the directory to extract into, the top entry's name,
/// and whether that directory must be made first (`SRC/.` onto a new path).
#[derive(Debug, PartialEq)]
pub struct Target {
    pub dir: PathBuf,
    pub name: String,
    pub create: bool,
}

/// Docker's rules: into an existing directory under the source's name; onto a
/// missing path under that path's name (its parent must exist); `SRC/.` copies
/// a directory's contents. `is_dir` says what a destination path is (`None`:
/// missing), on the host or inside the container.
pub fn plan(
    src: &str,
    src_is_dir: bool,
    dest: &Path,
    dest_text: &str,
    is_dir: &dyn Fn(&Path) -> Option<bool>,
) -> Result<Target> {
    let contents_only = src.ends_with("/.") || src == ".";
    let base = Path::new(src.trim_end_matches("/.").trim_end_matches('/'))
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| ".".into());
    let dest_kind = is_dir(dest);
    if dest_kind == Some(true) {
        let name = if contents_only { ".".into() } else { base };
        return Ok(Target { dir: dest.to_path_buf(), name, create: false });
    }
    if dest_text.ends_with('/') && !src_is_dir {
        return Err(Error::InvalidArgument(format!("destination directory {dest_text} does not exist")));
    }
    if dest_kind.is_some() && src_is_dir {
        return Err(Error::InvalidArgument(format!("cannot copy a directory onto the file {dest_text}")));
    }
    let parent = dest.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    if is_dir(parent) != Some(true) {
        return Err(Error::InvalidArgument(format!(
            "destination directory {} does not exist",
            parent.display()
        )));
    }
    let name = dest.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or(base);
    if contents_only {
        return Ok(Target { dir: dest.to_path_buf(), name: ".".into(), create: true });
    }
    Ok(Target { dir: parent.to_path_buf(), name, create: false })
}

/// Extracts on the host side: the caller's own files (owners kept with `archive`).
pub fn extract_on_host(input: &mut dyn Read, dir: &Path, archive: bool) -> Result<()> {
    let mut a = tar::Archive::new(input);
    a.set_preserve_permissions(true);
    a.set_preserve_ownerships(archive);
    a.set_overwrite(true);
    a.unpack(dir).ctx(|| format!("extracting into {}", dir.display()))
}

/// Extracts into a container, run chrooted into its root (see [`archive_main`]):
/// owners are the container's root unless `archive` keeps the archive's.
fn extract_in_container(input: &mut dyn Read, dir: &Path, archive: bool) -> Result<()> {
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
        let target = dir.join(&rel);
        if target == Path::new("/") || rel.as_os_str().is_empty() {
            continue;
        }
        let kind = entry.header().entry_type();
        if let Ok(m) = fs::symlink_metadata(&target) {
            if !(m.is_dir() && kind.is_dir()) {
                if m.is_dir() {
                    crate::util::remove_dir_all(&target).ctx(|| format!("replacing {}", target.display()))?;
                } else {
                    fs::remove_file(&target).ctx(|| format!("replacing {}", target.display()))?;
                }
            }
        }
        if kind.is_dir() {
            fs::create_dir_all(&target).ctx(|| format!("creating {}", target.display()))?;
        } else {
            if let Some(p) = target.parent() {
                fs::create_dir_all(p).ctx(|| format!("creating {}", p.display()))?;
            }
            entry.set_preserve_permissions(true);
            entry
                .unpack(&target)
                .map_err(|e| Error::io(format!("writing {}", target.display()), cause(e)))?;
        }
        let (uid, gid) = if archive {
            (entry.header().uid().unwrap_or(0) as u32, entry.header().gid().unwrap_or(0) as u32)
        } else {
            (0, 0)
        };
        let _ = std::os::unix::fs::lchown(&target, Some(uid), Some(gid));
        // chown clears setuid and setgid: the mode goes on after it.
        if !kind.is_symlink() && !kind.is_hard_link() {
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

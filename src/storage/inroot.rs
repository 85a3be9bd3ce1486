//! Paths inside a container's root, resolved inside it. An image is hostile:
//! `/data -> /home` or `etc -> ../../../etc` must never reach the host. Every
//! lookup goes through libpathrs (openat2 `RESOLVE_IN_ROOT`, or its checked
//! userspace walk on older kernels), and the caller acts through the file
//! descriptor it gets, never through a re-joined path string.

use std::fs::{File, Permissions};
use std::io::Read;
use std::os::fd::{AsRawFd, OwnedFd};
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};

use pathrs::flags::OpenFlags;

/// The largest file read whole from a container's root (passwd, group):
/// a crafted image must not make us hold gigabytes.
pub const MAX_SMALL_FILE: u64 = 16 << 20;

/// A directory tree whose symlinks resolve as if it were `/`.
pub struct InRoot {
    root: pathrs::Root,
    path: PathBuf,
}

/// An `O_PATH` descriptor of something inside a root, and the magic
/// `/proc/self/fd/N` path that reaches exactly that inode (for APIs that take
/// paths: mount(2), a tree walk below it).
pub struct Resolved {
    fd: OwnedFd,
}

impl Resolved {
    pub fn fd(&self) -> &OwnedFd {
        &self.fd
    }

    /// Valid while `self` lives.
    pub fn proc_path(&self) -> PathBuf {
        PathBuf::from(format!("/proc/self/fd/{}", self.fd.as_raw_fd()))
    }

    pub fn metadata(&self) -> std::io::Result<std::fs::Metadata> {
        // fstat of an O_PATH fd: the inode itself, never a link's target.
        File::from(self.fd.try_clone()?).metadata()
    }
}

fn io(e: pathrs::error::Error) -> std::io::Error {
    match e.kind() {
        pathrs::error::ErrorKind::OsError(Some(errno)) => std::io::Error::from_raw_os_error(errno),
        _ => std::io::Error::other(e.to_string()),
    }
}

impl InRoot {
    /// `path` itself may be a link (a running container's `/proc/PID/root`):
    /// it is the caller's, not the image's, so it is followed.
    pub fn open(path: &Path) -> std::io::Result<InRoot> {
        use std::os::unix::fs::OpenOptionsExt;
        let dir = std::fs::OpenOptions::new()
            .read(true)
            .custom_flags(libc::O_DIRECTORY | libc::O_CLOEXEC)
            .open(path)?;
        Ok(InRoot { root: pathrs::Root::from_fd(OwnedFd::from(dir)), path: path.to_path_buf() })
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// `path` with every symlink followed, inside the root.
    pub fn resolve(&self, path: &str) -> std::io::Result<Resolved> {
        let h = self.root.resolve(relative(path)).map_err(io)?;
        Ok(Resolved { fd: h.into() })
    }

    /// `path` with its parents' symlinks followed inside the root, but the last
    /// component taken as it is (a link stays a link).
    pub fn resolve_nofollow(&self, path: &str) -> std::io::Result<Resolved> {
        let h = self.root.resolve_nofollow(relative(path)).map_err(io)?;
        Ok(Resolved { fd: h.into() })
    }

    /// A regular file's bytes, refused past `limit`.
    pub fn read(&self, path: &str, limit: u64) -> std::io::Result<Vec<u8>> {
        let f = self.root.resolve(relative(path)).map_err(io)?.reopen(OpenFlags::O_RDONLY).map_err(io)?;
        if !f.metadata()?.is_file() {
            return Err(std::io::Error::other(format!("{path} is not a regular file")));
        }
        let mut out = Vec::new();
        f.take(limit + 1).read_to_end(&mut out)?;
        if out.len() as u64 > limit {
            return Err(std::io::Error::other(format!("{path} is larger than {limit} bytes")));
        }
        Ok(out)
    }

    /// `mkdir -p` inside the root (new dirs 0755). A link to a missing
    /// target makes that target, inside the root, as Docker does for WORKDIR
    /// and mount points (its FollowSymlinkInScope).
    pub fn mkdir_all(&self, path: &str) -> std::io::Result<Resolved> {
        let perm = Permissions::from_mode(0o755);
        let h = match self.root.mkdir_all(relative(path), &perm) {
            Ok(h) => h,
            Err(_) => self.root.mkdir_all(self.scoped(path), &perm).map_err(io)?,
        };
        Ok(Resolved { fd: h.into() })
    }

    /// `path` with its links replaced by their targets, taken as if the root
    /// were `/`, components that do not exist kept as they are. Only a name
    /// for [`Self::mkdir_all`] to make: what it names is resolved again.
    pub fn scoped(&self, path: &str) -> PathBuf {
        let mut done = PathBuf::new();
        let mut pending: Vec<std::ffi::OsString> = components(Path::new(path));
        pending.reverse();
        let mut links = 0;
        while let Some(comp) = pending.pop() {
            if comp == ".." {
                done.pop();
                continue;
            }
            let candidate = done.join(&comp);
            match self.root.readlink(&candidate) {
                Ok(target) if links < 255 => {
                    links += 1;
                    if target.is_absolute() {
                        done = PathBuf::new();
                    }
                    let mut more = components(&target);
                    more.reverse();
                    pending.extend(more);
                }
                _ => done = candidate,
            }
        }
        if done.as_os_str().is_empty() {
            PathBuf::from(".")
        } else {
            done
        }
    }

    /// A file to mount onto: made empty if missing, its parents made too.
    pub fn mkfile_all(&self, path: &str) -> std::io::Result<Resolved> {
        if let Ok(r) = self.resolve(path) {
            return Ok(r);
        }
        let rel = self.scoped(path);
        if let Some(parent) = rel.parent().filter(|p| !p.as_os_str().is_empty()) {
            self.mkdir_all(&parent.to_string_lossy())?;
        }
        let flags = OpenFlags::O_WRONLY | OpenFlags::O_CREAT;
        drop(self.root.create_file(&rel, flags, &Permissions::from_mode(0o644)).map_err(io)?);
        self.resolve(path)
    }

    /// Opens `path` (following links inside the root) for writing, truncated,
    /// creating it 0644 when missing.
    pub fn create(&self, path: &str) -> std::io::Result<File> {
        let rel = relative(path);
        match self.root.resolve(&rel) {
            Ok(h) => h.reopen(OpenFlags::O_WRONLY | OpenFlags::O_TRUNC).map_err(io),
            Err(_) => {
                let flags = OpenFlags::O_WRONLY | OpenFlags::O_CREAT | OpenFlags::O_TRUNC;
                self.root.create_file(&rel, flags, &Permissions::from_mode(0o644)).map_err(io)
            }
        }
    }
}

fn components(p: &Path) -> Vec<std::ffi::OsString> {
    use std::path::Component;
    p.components()
        .filter_map(|c| match c {
            Component::Normal(n) => Some(n.to_os_string()),
            Component::ParentDir => Some("..".into()),
            _ => None,
        })
        .collect()
}

/// A container path as pathrs takes it: relative to the root; `..` cannot
/// climb above it anyway.
fn relative(path: &str) -> PathBuf {
    let p = Path::new(path);
    let rel = p.strip_prefix("/").unwrap_or(p);
    if rel.as_os_str().is_empty() {
        PathBuf::from(".")
    } else {
        rel.to_path_buf()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::os::unix::fs::symlink;

    struct Tmp(PathBuf);
    impl Drop for Tmp {
        fn drop(&mut self) {
            let _ = std::fs::remove_dir_all(&self.0);
        }
    }
    fn tmp() -> Tmp {
        let p = std::env::temp_dir().join(format!("rdock-inroot-{}", crate::util::random_hex(6)));
        std::fs::create_dir_all(p.join("root/etc")).unwrap();
        std::fs::create_dir_all(p.join("outside")).unwrap();
        std::fs::write(p.join("outside/secret"), "host").unwrap();
        std::fs::write(p.join("root/etc/passwd"), "inside").unwrap();
        Tmp(p)
    }

    #[test]
    fn links_stay_inside() {
        let t = tmp();
        let root = t.0.join("root");
        let outside = t.0.join("outside");
        symlink(&outside, root.join("abs")).unwrap();
        symlink("../../../../../outside", root.join("rel")).unwrap();
        symlink("abs", root.join("chain")).unwrap();
        symlink("/etc", root.join("etclink")).unwrap();
        let r = InRoot::open(&root).unwrap();
        for p in ["/abs/secret", "rel/secret", "/chain/secret", "../../outside/secret"] {
            assert_eq!(r.read(p, 100).unwrap_err().kind(), std::io::ErrorKind::NotFound, "{p}");
        }
        assert_eq!(r.read("/etclink/passwd", 100).unwrap(), b"inside");
        // Writes through a link land inside the root, nothing outside changes.
        // A link whose target is missing makes that target inside the root.
        r.mkdir_all("/abs/made").unwrap();
        assert!(root.join(outside.strip_prefix("/").unwrap()).join("made").is_dir());
        assert!(!outside.join("made").exists());
        std::io::Write::write_all(&mut r.create("/chain/secret").unwrap(), b"x").unwrap();
        assert_eq!(std::fs::read(outside.join("secret")).unwrap(), b"host");
        assert!(r.read("/etc/passwd", 3).is_err(), "size limit");
        assert!(r.resolve("/").unwrap().metadata().unwrap().is_dir());
        // A running container's root is reached through /proc's magic link.
        let own = InRoot::open(Path::new(&format!("/proc/{}/root", std::process::id()))).unwrap();
        assert!(own.resolve("/tmp").unwrap().metadata().unwrap().is_dir());
        let m = r.mkfile_all("/etclink/deep/file").unwrap();
        assert!(root.join("etc/deep/file").is_file());
        assert!(m.metadata().unwrap().is_file());
        assert!(!outside.join("deep").exists());
    }
}

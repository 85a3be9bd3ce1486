//! Shared by the unpack targets: a private scratch tree per process, an
//! unpack into a fresh `root/` beside an `outside/` sentinel, and the check
//! that nothing outside `root/` changed.

use std::collections::BTreeMap;
use std::os::unix::fs::MetadataExt;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use rdock::storage::layer::{unpack, UnpackOptions};

fn base() -> &'static Path {
    static BASE: OnceLock<PathBuf> = OnceLock::new();
    BASE.get_or_init(|| {
        // Scratch trees of fuzzing processes that are gone (they exit without cleaning up).
        for e in std::fs::read_dir(std::env::temp_dir()).into_iter().flatten().flatten() {
            let name = e.file_name().to_string_lossy().into_owned();
            if let Some(pid) = name.strip_prefix("rdock-fuzz-unpack-") {
                if !Path::new("/proc").join(pid).exists() {
                    let _ = std::fs::remove_dir_all(e.path());
                }
            }
        }
        let b = std::env::temp_dir().join(format!("rdock-fuzz-unpack-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&b);
        std::fs::create_dir_all(b.join("outside/dir")).unwrap();
        std::fs::write(b.join("outside/file"), b"sentinel").unwrap();
        std::fs::write(b.join("outside/dir/file"), b"sentinel").unwrap();
        b
    })
}

/// Everything under `dir` (not following links): path → (mode, size, mtime, ino).
fn snapshot(dir: &Path) -> BTreeMap<PathBuf, (u32, u64, i64, u64)> {
    let mut out = BTreeMap::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        let m = std::fs::symlink_metadata(&d).unwrap();
        out.insert(d.clone(), (m.mode(), m.size(), m.mtime(), m.ino()));
        if m.is_dir() {
            for e in std::fs::read_dir(&d).unwrap() {
                stack.push(e.unwrap().path());
            }
        }
    }
    out
}

pub fn check_unpack(tar: &[u8]) {
    let base = base();
    let root = base.join("root");
    let outside = base.join("outside");
    std::fs::create_dir(&root).unwrap();
    let before = snapshot(&outside);
    let opts = UnpackOptions {
        chown: false,
        devices: false,
        overlay_xattr_prefix: "user.overlay.",
        max_size: 1 << 20,
    };
    let _ = unpack(tar, &root, &opts);
    let entries: Vec<_> = std::fs::read_dir(base).unwrap().map(|e| e.unwrap().file_name()).collect();
    assert_eq!(entries.len(), 2, "the unpack made {entries:?} beside its root");
    assert_eq!(snapshot(&outside), before, "the unpack changed what is outside its root");
    assert_eq!(std::fs::read(outside.join("file")).unwrap(), b"sentinel");
    assert_eq!(std::fs::read(outside.join("dir/file")).unwrap(), b"sentinel");
    if std::fs::remove_dir_all(&root).is_err() {
        // Unprivileged, a directory left without permissions blocks removal.
        open_up(&root);
        std::fs::remove_dir_all(&root).unwrap();
    }
}

fn open_up(dir: &Path) {
    use std::os::unix::fs::PermissionsExt;
    let _ = std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o700));
    for e in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        if e.file_type().is_ok_and(|t| t.is_dir()) {
            open_up(&e.path());
        }
    }
}

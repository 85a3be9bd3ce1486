//! Content-addressed blob store (`blobs/sha256/<hex>`): manifests, configs and the
//! compressed layers as the registry served them.

use std::fs::File;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};

use sha2::{Digest as _, Sha256};

use super::Store;
use crate::error::{Error, IoContext, Result};

/// Checks that `digest` is `sha256:` followed by 64 lowercase hex digits; returns the hex.
pub fn digest_hex(digest: &str) -> Result<&str> {
    match digest.strip_prefix("sha256:") {
        Some(hex)
            if hex.len() == 64 && hex.bytes().all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b)) =>
        {
            Ok(hex)
        }
        _ => Err(Error::InvalidArgument(format!("invalid digest: {digest:?}"))),
    }
}

pub fn sha256_digest(data: &[u8]) -> String {
    format!("sha256:{}", hex::encode(Sha256::digest(data)))
}

impl Store {
    pub fn blob_path(&self, digest: &str) -> Result<PathBuf> {
        Ok(self.blobs_dir().join(digest_hex(digest)?))
    }

    pub fn has_blob(&self, digest: &str) -> bool {
        self.blob_path(digest).map(|p| p.exists()).unwrap_or(false)
    }

    pub fn read_blob(&self, digest: &str) -> Result<Vec<u8>> {
        let path = self.blob_path(digest)?;
        std::fs::read(&path).ctx(|| format!("reading blob {digest}"))
    }

    /// Stores `data` under `digest` after checking that it hashes to it.
    pub fn put_blob(&self, digest: &str, data: &[u8]) -> Result<()> {
        let actual = sha256_digest(data);
        if actual != digest {
            return Err(Error::Registry(format!("digest mismatch: expected {digest}, got {actual}")));
        }
        let path = self.blob_path(digest)?;
        if path.exists() {
            return Ok(());
        }
        super::atomic::write(&path, data)
    }

    /// A writer that hashes what it stores and only lands under the digest it was
    /// promised; dropped uncommitted, it leaves nothing behind.
    pub fn blob_writer(&self) -> Result<BlobWriter> {
        let dir = self.blobs_dir();
        let tmp = dir.join(format!(".tmp-{}-{}", std::process::id(), crate::util::random_hex(8)));
        let file = File::create(&tmp).ctx(|| format!("creating {}", tmp.display()))?;
        Ok(BlobWriter { file: Some(file), tmp, dir, hasher: Sha256::new(), size: 0 })
    }
}

pub struct BlobWriter {
    file: Option<File>,
    tmp: PathBuf,
    dir: PathBuf,
    hasher: Sha256,
    size: u64,
}

impl BlobWriter {
    pub fn size(&self) -> u64 {
        self.size
    }

    pub fn digest(&self) -> String {
        format!("sha256:{}", hex::encode(self.hasher.clone().finalize()))
    }

    /// Moves the blob into place if it hashes to `expected`.
    pub fn commit(mut self, expected: &str) -> Result<()> {
        let actual = self.digest();
        if actual != expected {
            return Err(Error::Registry(format!(
                "digest mismatch for blob: expected {expected}, got {actual}"
            )));
        }
        let file = self.file.take().expect("blob writer used after commit");
        file.sync_data().ctx(|| format!("syncing {}", self.tmp.display()))?;
        drop(file);
        let target = self.dir.join(digest_hex(expected)?);
        std::fs::rename(&self.tmp, &target).ctx(|| format!("storing blob {expected}"))
    }
}

impl Write for BlobWriter {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let n = self.file.as_mut().expect("blob writer used after commit").write(buf)?;
        self.hasher.update(&buf[..n]);
        self.size += n as u64;
        Ok(n)
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

impl Drop for BlobWriter {
    fn drop(&mut self) {
        if self.file.is_some() {
            let _ = std::fs::remove_file(&self.tmp);
        }
    }
}

/// Removes temp files and staging dirs that a killed process left in `dir`.
/// Their names carry the owner's pid; a live owner's are left alone.
pub fn clean_stale_tmp(dir: &Path) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let Some(pid) = name.to_str().and_then(tmp_owner) else { continue };
        let path = entry.path();
        if !owner_gone(pid, &path) {
            continue;
        }
        tracing::debug!("removing {}, left by pid {pid}", path.display());
        if path.is_dir() {
            let _ = crate::util::remove_dir_all(&path);
        } else {
            let _ = std::fs::remove_file(&path);
        }
    }
}

/// The pid in a temp name: `.tmp-PID-…` (blob writers, staged layers) or
/// `.NAME.tmp-PID` (atomic writes).
fn tmp_owner(name: &str) -> Option<i32> {
    let rest = match name.strip_prefix(".tmp-") {
        Some(r) => r,
        None => name.strip_prefix('.')?.split_once(".tmp-")?.1,
    };
    rest.split('-').next()?.parse().ok().filter(|&p: &i32| p > 0)
}

/// Whether the process that made `path` is gone: dead, or its pid now belongs
/// to a process that started after the file was last written.
fn owner_gone(pid: i32, path: &Path) -> bool {
    if !crate::util::pid_alive(pid) {
        return true;
    }
    let modified = std::fs::symlink_metadata(path).and_then(|m| m.modified()).ok();
    match (process_start(pid), modified) {
        // Boot time is whole seconds: allow for it.
        (Some(start), Some(m)) => start > m + std::time::Duration::from_secs(2),
        _ => false,
    }
}

/// When process `pid` started, from /proc.
fn process_start(pid: i32) -> Option<std::time::SystemTime> {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    let ticks: u64 = stat.rsplit_once(')')?.1.split_whitespace().nth(19)?.parse().ok()?;
    let boot: u64 = std::fs::read_to_string("/proc/stat")
        .ok()?
        .lines()
        .find_map(|l| l.strip_prefix("btime "))?
        .trim()
        .parse()
        .ok()?;
    let hz = unsafe { libc::sysconf(libc::_SC_CLK_TCK) }.max(1) as u64;
    let since_boot = std::time::Duration::from_millis(ticks * 1000 / hz);
    Some(std::time::UNIX_EPOCH + std::time::Duration::from_secs(boot) + since_boot)
}

/// Hashes what passes through it (sha256).
pub struct HashingReader<R> {
    inner: R,
    hasher: Sha256,
}

impl<R: Read> HashingReader<R> {
    pub fn new(inner: R) -> Self {
        HashingReader { inner, hasher: Sha256::new() }
    }
    pub fn digest(&self) -> String {
        format!("sha256:{}", hex::encode(self.hasher.clone().finalize()))
    }
}

impl<R: Read> Read for HashingReader<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.hasher.update(&buf[..n]);
        Ok(n)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn temp_names() {
        assert_eq!(tmp_owner(".tmp-123-abcdef"), Some(123));
        assert_eq!(tmp_owner(".images.json.tmp-77"), Some(77));
        assert_eq!(tmp_owner("0123abcd"), None);
        assert_eq!(tmp_owner(".tmp-x-1"), None);
        assert_eq!(tmp_owner("tmp-12"), None);
    }

    #[test]
    fn stale_owners() {
        let dir = std::env::temp_dir().join(format!("rdock-stale-{}", crate::util::random_hex(4)));
        std::fs::create_dir_all(&dir).unwrap();
        let fresh = dir.join("fresh");
        std::fs::write(&fresh, b"x").unwrap();
        assert!(!owner_gone(std::process::id() as i32, &fresh));
        // pid 1 is alive, but it started long after this file was written.
        let old = std::fs::File::create(dir.join("old")).unwrap();
        old.set_modified(std::time::UNIX_EPOCH + std::time::Duration::from_secs(1000)).unwrap();
        assert!(owner_gone(1, &dir.join("old")));
        let _ = std::fs::remove_dir_all(&dir);
    }
}

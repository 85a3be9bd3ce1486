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

/// Removes temp files that a killed process left in `dir` (names carry the pid).
pub fn clean_stale_tmp(dir: &Path) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let Some(name) = name.to_str() else { continue };
        let Some(rest) = name.strip_prefix(".tmp-") else {
            continue;
        };
        let pid: i32 = rest.split('-').next().and_then(|p| p.parse().ok()).unwrap_or(0);
        if pid > 0 && !crate::util::pid_alive(pid) {
            let path = entry.path();
            if path.is_dir() {
                let _ = crate::util::remove_dir_all(&path);
            } else {
                let _ = std::fs::remove_file(&path);
            }
        }
    }
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

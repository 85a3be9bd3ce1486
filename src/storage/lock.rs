//! Advisory file locks (flock) guarding shared state.

use std::fs::{File, OpenOptions};
use std::os::fd::AsRawFd;
use std::path::Path;

use crate::error::{IoContext, Result};

/// A held flock; released when dropped (or when the process dies).
#[derive(Debug)]
pub struct FileLock {
    file: File,
}

impl FileLock {
    /// Blocks until the exclusive lock on `path` is ours.
    pub fn exclusive(path: &Path) -> Result<FileLock> {
        Self::acquire(path, libc::LOCK_EX)
    }

    /// Blocks until a shared lock on `path` is ours.
    pub fn shared(path: &Path) -> Result<FileLock> {
        Self::acquire(path, libc::LOCK_SH)
    }

    /// Takes the exclusive lock if nobody holds it; `None` if it is held.
    pub fn try_exclusive(path: &Path) -> Result<Option<FileLock>> {
        let file = open(path)?;
        if flock(&file, libc::LOCK_EX | libc::LOCK_NB) {
            Ok(Some(FileLock { file }))
        } else {
            Ok(None)
        }
    }

    fn acquire(path: &Path, op: i32) -> Result<FileLock> {
        let file = open(path)?;
        loop {
            if unsafe { libc::flock(file.as_raw_fd(), op) } == 0 {
                return Ok(FileLock { file });
            }
            let err = std::io::Error::last_os_error();
            if err.kind() != std::io::ErrorKind::Interrupted {
                return Err(err).ctx(|| format!("locking {}", path.display()));
            }
        }
    }

    pub fn file(&self) -> &File {
        &self.file
    }
}

/// Whether some process holds `path` locked (the file missing means nobody does).
pub fn is_locked(path: &Path) -> bool {
    let Ok(file) = File::open(path) else {
        return false;
    };
    if flock(&file, libc::LOCK_SH | libc::LOCK_NB) {
        unsafe { libc::flock(file.as_raw_fd(), libc::LOCK_UN) };
        false
    } else {
        true
    }
}

fn open(path: &Path) -> Result<File> {
    OpenOptions::new()
        .read(true)
        .write(true)
        .create(true)
        .truncate(false)
        .open(path)
        .ctx(|| format!("opening lock {}", path.display()))
}

fn flock(file: &File, op: i32) -> bool {
    unsafe { libc::flock(file.as_raw_fd(), op) == 0 }
}

//! The hidden `__supervise` command: the per-container supervisor process.

use std::path::Path;

use clap::Args;
use rdock::runtime::supervisor::{self, SuperviseArgs as Args2};
use rdock::storage::Store;

#[derive(Args, Debug)]
pub struct SuperviseArgs {
    id: String,
    #[arg(long = "sync-fd")]
    sync_fd: Option<i32>,
    #[arg(long = "attach-fd")]
    attach_fd: Option<i32>,
    /// ROWSxCOLS
    #[arg(long = "tty-size")]
    tty_size: Option<String>,
}

pub fn run(root: &Path, runroot: &Path, a: SuperviseArgs) -> i32 {
    let store = match Store::open(root, runroot) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("supervisor: {e}");
            return 125;
        }
    };
    let tty_size = a.tty_size.as_deref().and_then(|s| {
        let (r, c) = s.split_once('x')?;
        Some((r.parse().ok()?, c.parse().ok()?))
    });
    supervisor::main(store, Args2 { id: a.id, attach_fd: a.attach_fd, sync_fd: a.sync_fd, tty_size })
}

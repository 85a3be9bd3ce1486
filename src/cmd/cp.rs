//! `cp`: files between a container and the host, or a tar stream (`-`).

use std::path::{Path, PathBuf};

use clap::Args;
use rdock::engine::{CopyFrom, CopyTo};
use rdock::{Engine, Error};

#[derive(Args, Debug)]
pub struct CpArgs {
    /// Archive mode (copy all uid/gid information)
    #[arg(short = 'a', long)]
    archive: bool,
    /// Always follow symbol link in SRC_PATH
    #[arg(short = 'L', long = "follow-link")]
    follow_link: bool,
    /// Suppress progress output during copy
    #[arg(short = 'q', long)]
    quiet: bool,
    /// CONTAINER:SRC_PATH or SRC_PATH or -
    src: String,
    /// DEST_PATH or - or CONTAINER:DEST_PATH
    dest: String,
}

/// `NAME:PATH` names a container unless the part before the colon is a path.
fn split(arg: &str) -> Option<(&str, &str)> {
    let (c, p) = arg.split_once(':')?;
    (!c.is_empty() && !c.contains('/') && !arg.starts_with('.')).then_some((c, p))
}

fn absolute(p: &str) -> PathBuf {
    let path = Path::new(p);
    if path.is_absolute() {
        path.to_path_buf()
    } else {
        std::env::current_dir().unwrap_or_default().join(path)
    }
}

pub fn cp(engine: &Engine, a: CpArgs) -> i32 {
    let result = match (split(&a.src), split(&a.dest)) {
        (Some(_), Some(_)) => {
            Err(Error::InvalidArgument("copying between containers is not supported".into()))
        }
        (None, None) => Err(Error::InvalidArgument("must specify at least one container source".into())),
        (Some((c, p)), None) => copy_out(engine, &a, c, p),
        (None, Some((c, p))) => copy_in(engine, &a, c, p),
    };
    match result {
        Ok(()) => 0,
        Err(e) => super::fail(&e),
    }
}

fn copy_out(engine: &Engine, a: &CpArgs, container: &str, src: &str) -> Result<(), Error> {
    if a.dest == "-" {
        let mut out = std::io::stdout().lock();
        return engine.copy_from_container(
            container,
            src,
            CopyTo::Stream(&mut out),
            a.follow_link,
            a.archive,
        );
    }
    let abs = absolute(&a.dest);
    let to = CopyTo::Path { abs: &abs, text: &a.dest };
    engine.copy_from_container(container, src, to, a.follow_link, a.archive)
}

fn copy_in(engine: &Engine, a: &CpArgs, container: &str, dest: &str) -> Result<(), Error> {
    if a.src == "-" {
        let mut input = std::io::stdin().lock();
        return engine.copy_to_container(
            container,
            dest,
            CopyFrom::Stream(&mut input),
            a.follow_link,
            a.archive,
        );
    }
    let abs = absolute(&a.src);
    if std::fs::symlink_metadata(&abs).is_err() {
        return Err(Error::InvalidArgument(format!(
            "could not find the file {}: no such file or directory",
            a.src
        )));
    }
    let from = CopyFrom::Path { abs: &abs, text: &a.src };
    engine.copy_to_container(container, dest, from, a.follow_link, a.archive)
}

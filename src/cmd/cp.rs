//! `cp`: files between a container and the host, or a tar stream (`-`).

use std::path::{Path, PathBuf};

use clap::Args;
use rdock::runtime::copy;
use rdock::runtime::users::secure_join;
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

fn not_found(path: &str, container: &str) -> Error {
    Error::InvalidArgument(format!("Could not find the file {path} in container {container}"))
}

fn copy_out(engine: &Engine, a: &CpArgs, container: &str, src: &str) -> Result<(), Error> {
    let src = if src.starts_with('/') { src.to_string() } else { format!("/{src}") };
    let dest = a.dest.clone();
    let dest_abs = absolute(&dest);
    let (archive, follow) = (a.archive, a.follow_link);
    engine.with_container_root(container, |root| {
        // The final component is a link to copy as such unless -L.
        let (parent, base) = match src.trim_end_matches('/').rsplit_once('/') {
            Some((p, b)) => (p.to_string(), b.to_string()),
            None => (String::new(), src.clone()),
        };
        let path = if follow || base.is_empty() || base == "." {
            secure_join(root, &src)
        } else {
            secure_join(root, &parent).join(&base)
        };
        if std::fs::symlink_metadata(&path).is_err() {
            return Err(not_found(&src, container));
        }
        let is_dir = std::fs::metadata(&path).map(|m| m.is_dir()).unwrap_or(false);
        if dest == "-" {
            let name = if src.ends_with("/.") { ".".to_string() } else { base.clone() };
            let mut out = std::io::stdout().lock();
            return copy::write_tar(&path, if name.is_empty() { "." } else { &name }, follow, &mut out);
        }
        let target = copy::plan(&src, is_dir, &dest_abs, &dest)?;
        copy::stream(
            move |w| copy::write_tar(&path, &target.name, follow, w),
            |r| copy::extract_on_host(r, &target.dir, archive),
        )
    })
}

fn copy_in(engine: &Engine, a: &CpArgs, container: &str, dest: &str) -> Result<(), Error> {
    let dest = if dest.starts_with('/') { dest.to_string() } else { format!("/{dest}") };
    let src_abs = absolute(&a.src);
    let (src, archive, follow) = (a.src.clone(), a.archive, a.follow_link);
    if src != "-" && std::fs::symlink_metadata(&src_abs).is_err() {
        return Err(Error::InvalidArgument(format!(
            "could not find the file {src}: no such file or directory"
        )));
    }
    engine.with_container_root(container, |root| {
        let dest_path = secure_join(root, &dest);
        let rel_of =
            |p: &Path| -> String { format!("/{}", p.strip_prefix(root).unwrap_or(p).to_string_lossy()) };
        if src == "-" {
            if !dest_path.is_dir() {
                return Err(Error::InvalidArgument(format!(
                    "destination \"{container}:{dest}\" must be a directory"
                )));
            }
            let mut input = std::io::stdin().lock();
            return copy::extract_in_container(&mut input, root, &rel_of(&dest_path), archive);
        }
        let is_dir = std::fs::metadata(&src_abs).map(|m| m.is_dir()).unwrap_or(false);
        let target = copy::plan(&src, is_dir, &dest_path, &dest)?;
        let dir_in_root = rel_of(&target.dir);
        let name = target.name.clone();
        copy::stream(
            move |w| copy::write_tar(&src_abs, &name, follow, w),
            |r| copy::extract_in_container(r, root, &dir_in_root, archive),
        )
    })
}

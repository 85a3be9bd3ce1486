//! `-v`, `--mount` and `--volumes-from`: parsed into mount points, resolved
//! at create (volumes made, missing `-v` host dirs created, image VOLUMEs given
//! anonymous volumes), filled from the image on first use, and turned into OCI
//! bind mounts at start.

use std::collections::BTreeMap;
use std::path::Path;

use crate::error::{Error, Result};
use crate::storage::containers::{ContainerConfig, MountPoint};
use crate::storage::Store;

const PROPAGATIONS: &[&str] = &["shared", "slave", "private", "rshared", "rslave", "rprivate"];

fn invalid(spec: &str, why: &str) -> Error {
    Error::InvalidArgument(format!("invalid volume specification: '{spec}': {why}"))
}

fn check_destination(spec: &str, dest: &str) -> Result<()> {
    if !dest.starts_with('/') {
        return Err(invalid(spec, &format!("invalid mount config for type \"volume\": invalid mount path: '{dest}' mount path must be absolute")));
    }
    // Docker cleans before comparing: `//`, `/.` and `/x/..` are the root too.
    if crate::util::lexical_clean(dest) == "/" {
        return Err(invalid(spec, "invalid mount config: destination can't be '/'"));
    }
    Ok(())
}

/// The shape check Docker's CLI makes before the daemon sees a `-v` (its
/// internal/volumespec), in its words: at most three sections, none empty.
fn check_volume_shape(spec: &str) -> Result<()> {
    if spec.is_empty() {
        return Err(Error::Usage("invalid empty volume spec".into()));
    }
    let sections: Vec<&str> = spec.split(':').collect();
    for (i, section) in sections.iter().enumerate() {
        let why = match i {
            _ if section.is_empty() && spec.len() > 2 => "empty section between colons",
            2 if sections.len() > 3 => "too many colons",
            _ => continue,
        };
        return Err(Error::Usage(format!("invalid spec: {spec}: {why}")));
    }
    Ok(())
}

/// `-v [SRC:]DEST[:OPTS]`: SRC a host path (absolute) or a volume name; no SRC
/// makes an anonymous volume.
pub fn parse_volume(spec: &str) -> Result<MountPoint> {
    check_volume_shape(spec)?;
    let parts: Vec<&str> = spec.split(':').collect();
    let (source, dest, mode) = match parts.as_slice() {
        [d] => ("", *d, ""),
        [s, d] if d.starts_with('/') => (*s, *d, ""),
        [d, m] => ("", *d, *m),
        [s, d, m] => (*s, *d, *m),
        _ => return Err(invalid(spec, "too many colons")),
    };
    if dest.is_empty() {
        return Err(invalid(spec, "empty destination"));
    }
    check_destination(spec, dest)?;
    let mut m = MountPoint {
        typ: if source.starts_with('/') { "bind" } else { "volume" }.into(),
        source: source.trim_end_matches('/').to_string(),
        destination: clean(dest),
        mode: mode.to_string(),
        ..Default::default()
    };
    if m.typ == "bind" && m.source.is_empty() {
        m.source = "/".into();
    }
    if m.typ == "volume" && !source.is_empty() && !crate::storage::volumes::valid_name(source) {
        return Err(Error::InvalidArgument(format!(
            "create {source}: \"{source}\" includes invalid characters for a local volume name, only \"[a-zA-Z0-9][a-zA-Z0-9_.-]\" are allowed. If you intended to pass a host directory, use absolute path"
        )));
    }
    for opt in mode.split(',').filter(|o| !o.is_empty()) {
        match opt {
            "ro" => m.read_only = true,
            "rw" | "z" | "Z" | "copy" => {}
            "nocopy" => m.nocopy = true,
            p if PROPAGATIONS.contains(&p) => m.propagation = p.to_string(),
            other => return Err(invalid(spec, &format!("unknown option {other:?}"))),
        }
    }
    Ok(m)
}

/// `--mount type=bind|volume|tmpfs,source=…,target=…[,readonly][,…]`.
pub fn parse_mount(spec: &str) -> Result<MountPoint> {
    let mut m = MountPoint { typ: "volume".into(), ..Default::default() };
    let mut tmpfs_opts = Vec::new();
    let bad = |why: String| Error::flag("--mount", spec, why);
    for field in spec.split(',').filter(|f| !f.is_empty()) {
        let (key, value) = field.split_once('=').map(|(k, v)| (k, Some(v))).unwrap_or((field, None));
        let truthy = |v: Option<&str>| !matches!(v, Some("false") | Some("0"));
        match (key.to_ascii_lowercase().as_str(), value) {
            ("type", Some(v)) => m.typ = v.to_string(),
            ("source" | "src", Some(v)) => m.source = v.to_string(),
            ("target" | "destination" | "dst", Some(v)) => m.destination = clean(v),
            ("readonly" | "ro", v) => m.read_only = truthy(v),
            ("bind-propagation", Some(v)) if PROPAGATIONS.contains(&v) => m.propagation = v.to_string(),
            ("volume-nocopy", v) => m.nocopy = truthy(v),
            ("tmpfs-size", Some(v)) => match crate::format::parse_bytes(v) {
                Ok(n) => tmpfs_opts.push(format!("size={n}")),
                Err(_) => return Err(bad(format!("invalid value for tmpfs-size: {v}"))),
            },
            ("tmpfs-mode", Some(v)) => match u32::from_str_radix(v, 8) {
                Ok(_) => tmpfs_opts.push(format!("mode={v}")),
                Err(_) => return Err(bad(format!("invalid value for tmpfs-mode: {v}"))),
            },
            ("consistency" | "volume-driver" | "bind-nonrecursive", _) => {}
            (k, _) => return Err(bad(format!("unexpected key '{k}' in '{field}'"))),
        }
    }
    if m.destination.is_empty() {
        return Err(bad("target is required".into()));
    }
    check_destination(spec, &m.destination)?;
    match m.typ.as_str() {
        "bind" if m.source.is_empty() => {
            return Err(bad("source is required when specifying a bind mount".into()))
        }
        "bind" if !m.source.starts_with('/') => {
            return Err(bad(format!("invalid mount path: '{}' mount path must be absolute", m.source)))
        }
        "bind" => {
            if !Path::new(&m.source).exists() {
                return Err(Error::InvalidArgument(format!(
                    "invalid mount config for type \"bind\": bind source path does not exist: {}",
                    m.source
                )));
            }
        }
        "volume" => {}
        "tmpfs" if !m.source.is_empty() => {
            return Err(bad("source is not supported for tmpfs mounts".into()))
        }
        "tmpfs" => m.options = tmpfs_opts.join(","),
        other => return Err(bad(format!("unsupported mount type {other:?}"))),
    }
    m.mode = if m.read_only { "ro".into() } else { String::new() };
    Ok(m)
}

fn clean(dest: &str) -> String {
    let t = dest.trim_end_matches('/');
    if t.is_empty() {
        "/".into()
    } else {
        t.to_string()
    }
}

/// Makes what the mount points need: named volumes (created if new),
/// anonymous ones (named now), missing `-v` host dirs; adds the mounts of
/// `--volumes-from` containers and anonymous volumes for the image's VOLUMEs
/// that nothing else covers. Returns the final list.
pub fn resolve(
    store: &Store,
    mut mounts: Vec<MountPoint>,
    volumes_from: &[String],
    image_volumes: &[String],
) -> Result<Vec<MountPoint>> {
    for spec in volumes_from {
        let (name, mode) = spec.split_once(':').unwrap_or((spec, ""));
        let other = store.find_container(name)?;
        for mut m in other.config.host.mounts.clone() {
            match mode {
                "ro" => m.read_only = true,
                "rw" => m.read_only = false,
                "" => {}
                o => return Err(Error::InvalidArgument(format!("invalid mode for volumes-from: {o}"))),
            }
            if !mounts.iter().any(|x| x.destination == m.destination) {
                mounts.push(m);
            }
        }
    }
    for v in image_volumes {
        let dest = clean(v);
        if !mounts.iter().any(|m| m.destination == dest) {
            mounts.push(MountPoint { typ: "volume".into(), destination: dest, ..Default::default() });
        }
    }
    let mut seen = std::collections::HashSet::new();
    for m in &mounts {
        if !seen.insert(m.destination.clone()) {
            return Err(Error::InvalidArgument(format!("Duplicate mount point: {}", m.destination)));
        }
    }
    for m in &mut mounts {
        match m.typ.as_str() {
            "volume" => {
                let name = (!m.source.is_empty()).then_some(m.source.as_str());
                let existed = name.is_some_and(|n| store.volume(n).is_ok());
                m.source = store.create_volume(name, BTreeMap::new())?.name;
                if !existed {
                    crate::storage::events::object(
                        store,
                        "volume",
                        "create",
                        &m.source,
                        &[("driver", "local".into())],
                    );
                }
            }
            "bind" if !Path::new(&m.source).exists() => {
                // Docker creates a missing `-v` host dir.
                std::fs::create_dir_all(&m.source).map_err(|e| {
                    Error::io(format!("error while creating mount source path '{}'", m.source), e)
                })?;
            }
            _ => {}
        }
    }
    Ok(mounts)
}

/// Copies the image's content at each new volume's mount point into it
/// (once per volume, and only while the volume is empty). The mount point is
/// resolved inside the root: an image's `data -> /home` is its own /home.
pub fn populate(store: &Store, cfg: &ContainerConfig, rootfs: &Path) -> Result<()> {
    let root = crate::storage::inroot::InRoot::open(rootfs)
        .map_err(|e| Error::io("opening the container root".to_string(), e))?;
    for m in cfg.host.mounts.iter().filter(|m| m.typ == "volume" && !m.nocopy) {
        let Ok(src) = root.resolve(&m.destination) else { continue };
        let data = store.volume_data_dir(&m.source);
        let empty = std::fs::read_dir(&data).map(|mut d| d.next().is_none()).unwrap_or(false);
        let is_dir = src.metadata().is_ok_and(|md| md.is_dir());
        if !is_dir || !empty || !store.claim_volume_population(&m.source)? {
            continue;
        }
        // The walk below the resolved dir never follows links (they are copied
        // as links); "/." makes lstat see the dir, not the /proc magic link.
        crate::storage::vfs::copy_shifted(&src.proc_path().join("."), &data, &|id| id).map_err(|e| {
            Error::Runtime(format!("copying {} into volume {}: {e}", m.destination, m.source))
        })?;
    }
    Ok(())
}

/// One OCI mount: destination, type, source, options.
pub type OciMount = (String, String, String, Vec<String>);

/// The OCI mounts for a container's mount points.
pub fn oci_mounts(store: &Store, cfg: &ContainerConfig) -> Result<Vec<OciMount>> {
    let mut out = Vec::new();
    for m in &cfg.host.mounts {
        match m.typ.as_str() {
            "tmpfs" => {
                let mut opts = vec!["nosuid".to_string(), "nodev".into(), "noexec".into()];
                opts.extend(m.options.split(',').filter(|o| !o.is_empty()).map(str::to_string));
                if m.read_only {
                    opts.push("ro".into());
                }
                out.push((m.destination.clone(), "tmpfs".into(), "tmpfs".into(), opts));
            }
            typ => {
                let source = if typ == "volume" {
                    store.volume_data_dir(&m.source).to_string_lossy().into_owned()
                } else {
                    m.source.clone()
                };
                let propagation = if m.propagation.is_empty() { "rprivate" } else { &m.propagation };
                let mut opts = vec!["rbind".to_string(), propagation.to_string()];
                if m.read_only {
                    opts.push("ro".into());
                }
                out.push((m.destination.clone(), "bind".into(), source, opts));
            }
        }
    }
    Ok(out)
}

/// Anonymous volumes a container owns (`rm -v`, `--rm`).
pub fn anonymous_volumes(store: &Store, cfg: &ContainerConfig) -> Vec<String> {
    cfg.host
        .mounts
        .iter()
        .filter(|m| m.typ == "volume")
        .filter(|m| store.volume(&m.source).is_ok_and(|v| v.anonymous))
        .map(|m| m.source.clone())
        .collect()
}

/// Names of the volumes some container uses.
pub fn used_volumes(store: &Store) -> Result<std::collections::HashSet<String>> {
    Ok(store
        .containers()?
        .into_iter()
        .flat_map(|c| c.config.host.mounts)
        .filter(|m| m.typ == "volume")
        .map(|m| m.source)
        .collect())
}

/// Ids of containers using volume `name`.
pub fn volume_users(store: &Store, name: &str) -> Result<Vec<String>> {
    Ok(store
        .containers()?
        .into_iter()
        .filter(|c| c.config.host.mounts.iter().any(|m| m.typ == "volume" && m.source == name))
        .map(|c| c.config.id)
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn volume_flags() {
        let m = parse_volume("data:/srv/data:ro").unwrap();
        assert_eq!(
            (m.typ.as_str(), m.source.as_str(), m.destination.as_str(), m.read_only),
            ("volume", "data", "/srv/data", true)
        );
        let m = parse_volume("/host/dir/:/in:rshared,z").unwrap();
        assert_eq!(
            (m.typ.as_str(), m.source.as_str(), m.propagation.as_str()),
            ("bind", "/host/dir", "rshared")
        );
        let m = parse_volume("/anon").unwrap();
        assert_eq!((m.typ.as_str(), m.source.as_str()), ("volume", ""));
        assert!(parse_volume("data:relative").is_err());
        assert!(parse_volume("bad name:/x").is_err());
        assert!(parse_volume("/a:/b:bogus").is_err());
        let err = |spec| parse_volume(spec).unwrap_err().to_string();
        assert_eq!(err(":/x"), "invalid spec: :/x: empty section between colons");
        assert_eq!(err("/a:/b:"), "invalid spec: /a:/b:: empty section between colons");
        assert_eq!(err("/a:/b:ro:x"), "invalid spec: /a:/b:ro:x: too many colons");
        assert_eq!(err(""), "invalid empty volume spec");
        let m = parse_mount("type=tmpfs,target=/t,tmpfs-size=1m").unwrap();
        assert_eq!(m.options, "size=1048576");
        assert!(parse_mount("type=bind,target=/t").is_err());
        assert!(parse_mount("type=volume,src=v,dst=/x,bogus=1").is_err());
        assert_eq!(
            parse_mount("type=tmpfs,dst=/t,tmpfs-size=abc").unwrap_err().to_string(),
            "invalid argument \"type=tmpfs,dst=/t,tmpfs-size=abc\" for \"--mount\" flag: invalid value for tmpfs-size: abc"
        );
        assert!(parse_mount("type=tmpfs,dst=/t,tmpfs-mode=9").is_err());
    }
}

#[cfg(test)]
mod prop {
    use super::*;
    use crate::prop::Rng;

    /// A `-v` spec for a parsed mount point.
    fn spec(m: &MountPoint) -> String {
        let mut parts = Vec::new();
        if !m.source.is_empty() {
            parts.push(m.source.as_str());
        }
        parts.push(&m.destination);
        if !m.mode.is_empty() {
            parts.push(&m.mode);
        }
        parts.join(":")
    }

    #[test]
    fn volume_specs_print_back() {
        let pieces = &[
            "/", "/", "a", "data", "v1", ":", ":", "ro", "rw", ",", "z", "nocopy", "rshared", "..", ".",
            "//", "bad", " ", "-",
        ];
        let mut rng = Rng::new(9);
        for _ in 0..20_000 {
            let s = rng.tokens(pieces, 8);
            let Ok(m) = parse_volume(&s) else { continue };
            assert!(
                m.destination.starts_with('/') && crate::util::lexical_clean(&m.destination) != "/",
                "{s:?}: {m:?}"
            );
            let again = parse_volume(&spec(&m)).unwrap_or_else(|e| panic!("{:?} from {s:?}: {e}", spec(&m)));
            assert_eq!(format!("{again:?}"), format!("{m:?}"), "{s:?}");
        }
    }

    #[test]
    fn mount_specs_read_or_refuse() {
        let pieces = &[
            "type=",
            "bind",
            "volume",
            "tmpfs",
            "nfs",
            ",",
            ",",
            "target=",
            "dst=",
            "src=",
            "source=",
            "/",
            "/tmp",
            "/x",
            "..",
            "//",
            "ro",
            "readonly=false",
            "volume-nocopy",
            "tmpfs-size=",
            "1m",
            "x",
            "tmpfs-mode=",
            "755",
            "9",
            "bind-propagation=",
            "rslave",
            "=",
            "v",
        ];
        let mut rng = Rng::new(10);
        for _ in 0..20_000 {
            let s = rng.tokens(pieces, 10);
            if let Ok(m) = parse_mount(&s) {
                assert!(
                    m.destination.starts_with('/') && crate::util::lexical_clean(&m.destination) != "/",
                    "{s:?}: {m:?}"
                );
            }
        }
    }

    #[test]
    fn the_root_is_no_destination_however_spelt() {
        for spec in ["//", "data://", "/a:/.", "/a:/..", "/a:/x/..:ro", "v1:/./"] {
            assert!(parse_volume(spec).is_err(), "{spec:?}");
        }
        for spec in ["type=volume,dst=//", "type=tmpfs,dst=/x/..", "type=volume,dst=/."] {
            assert!(parse_mount(spec).is_err(), "{spec:?}");
        }
        assert_eq!(parse_volume("/a:/x/../y").unwrap().destination, "/x/../y");
    }
}

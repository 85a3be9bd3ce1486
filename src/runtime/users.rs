//! Looking up users and groups inside a container's root filesystem.

use std::path::Path;

use crate::storage::inroot::{InRoot, MAX_SMALL_FILE};

use crate::error::{Error, Result};

#[derive(Debug, Clone, PartialEq)]
pub struct ExecUser {
    pub uid: u32,
    pub gid: u32,
    pub additional_gids: Vec<u32>,
    pub home: String,
}

struct PasswdEntry {
    name: String,
    uid: u32,
    gid: u32,
    home: String,
}

struct GroupEntry {
    name: String,
    gid: u32,
    members: Vec<String>,
}

/// A small text file of the image, read inside its root; missing or unreadable
/// reads as empty, as runc treats a missing passwd.
fn read_text(rootfs: &Path, path: &str) -> String {
    InRoot::open(rootfs)
        .and_then(|r| r.read(path, MAX_SMALL_FILE))
        .map(|b| String::from_utf8_lossy(&b).into_owned())
        .unwrap_or_default()
}

fn read_passwd(rootfs: &Path) -> Vec<PasswdEntry> {
    let text = read_text(rootfs, "/etc/passwd");
    text.lines()
        .filter_map(|l| {
            let f: Vec<&str> = l.split(':').collect();
            (f.len() >= 6).then(|| PasswdEntry {
                name: f[0].to_string(),
                uid: f[2].parse().unwrap_or(u32::MAX),
                gid: f[3].parse().unwrap_or(u32::MAX),
                home: f[5].to_string(),
            })
        })
        .collect()
}

fn read_group(rootfs: &Path) -> Vec<GroupEntry> {
    let text = read_text(rootfs, "/etc/group");
    text.lines()
        .filter_map(|l| {
            let f: Vec<&str> = l.split(':').collect();
            (f.len() >= 3).then(|| GroupEntry {
                name: f[0].to_string(),
                gid: f[2].parse().unwrap_or(u32::MAX),
                members: f
                    .get(3)
                    .map(|m| m.split(',').filter(|s| !s.is_empty()).map(str::to_string).collect())
                    .unwrap_or_default(),
            })
        })
        .collect()
}

/// Resolves Docker's `-u` syntax (`name|uid[:group|gid]`) against the rootfs's
/// /etc/passwd and /etc/group, as runc does.
pub fn resolve_user(rootfs: &Path, spec: &str) -> Result<ExecUser> {
    let (user, group) = match spec.split_once(':') {
        Some((u, g)) => (u, Some(g)),
        None => (spec, None),
    };
    let passwd = read_passwd(rootfs);
    let mut out = ExecUser { uid: 0, gid: 0, additional_gids: Vec::new(), home: "/".into() };
    let mut user_name = None;
    if user.is_empty() {
        // Root, as the image's passwd has it (its HOME).
        if let Some(p) = passwd.iter().find(|p| p.uid == 0) {
            out.home = p.home.clone();
            user_name = Some(p.name.clone());
        }
    } else {
        let numeric = user.parse::<u32>().ok();
        let entry = passwd.iter().find(|p| Some(p.uid) == numeric || (numeric.is_none() && p.name == user));
        match (entry, numeric) {
            (Some(p), _) => {
                out.uid = p.uid;
                out.gid = p.gid;
                out.home = p.home.clone();
                user_name = Some(p.name.clone());
            }
            (None, Some(uid)) => out.uid = uid,
            (None, None) => {
                return Err(Error::Runtime(format!(
                    "unable to find user {user}: no matching entries in passwd file"
                )))
            }
        }
    }
    let groups = read_group(rootfs);
    match group {
        Some(g) if !g.is_empty() => {
            let numeric = g.parse::<u32>().ok();
            match (groups.iter().find(|e| numeric.is_none() && e.name == g), numeric) {
                (Some(e), _) => out.gid = e.gid,
                (None, Some(gid)) => out.gid = gid,
                (None, None) => {
                    return Err(Error::Runtime(format!(
                        "unable to find group {g}: no matching entries in group file"
                    )))
                }
            }
        }
        _ => {
            if let Some(name) = &user_name {
                out.additional_gids = groups
                    .iter()
                    .filter(|e| e.members.iter().any(|m| m == name) && e.gid != out.gid)
                    .map(|e| e.gid)
                    .collect();
            }
        }
    }
    Ok(out)
}

/// `--group-add` values: group names in the image's /etc/group, or ids.
pub fn resolve_groups(rootfs: &Path, names: &[String]) -> Result<Vec<u32>> {
    if names.is_empty() {
        return Ok(Vec::new());
    }
    let groups = read_group(rootfs);
    names
        .iter()
        .map(|n| match n.parse::<u32>() {
            Ok(gid) => Ok(gid),
            Err(_) => groups.iter().find(|g| g.name == *n).map(|g| g.gid).ok_or_else(|| {
                Error::Runtime(format!("Unable to find group {n}: no matching entries in group file"))
            }),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rootfs() -> tempdir::TempDir {
        let d = tempdir::TempDir::new();
        std::fs::create_dir_all(d.path().join("etc")).unwrap();
        std::fs::write(
            d.path().join("etc/passwd"),
            "root:x:0:0:root:/root:/bin/sh\nalice:x:1000:1000::/home/alice:/bin/sh\n",
        )
        .unwrap();
        std::fs::write(d.path().join("etc/group"), "root:x:0:\nalice:x:1000:\nstaff:x:50:alice,bob\n")
            .unwrap();
        d
    }

    #[test]
    fn resolves_names_and_numbers() {
        let d = rootfs();
        let u = resolve_user(d.path(), "alice").unwrap();
        assert_eq!(
            (u.uid, u.gid, u.additional_gids.clone(), u.home.as_str()),
            (1000, 1000, vec![50], "/home/alice")
        );
        assert_eq!(resolve_user(d.path(), "1000:50").unwrap().gid, 50);
        assert_eq!(resolve_user(d.path(), "alice:staff").unwrap().gid, 50);
        let n = resolve_user(d.path(), "4242").unwrap();
        assert_eq!((n.uid, n.gid), (4242, 0));
        assert!(resolve_user(d.path(), "nobody").is_err());
        assert!(resolve_user(d.path(), "alice:nogroup").is_err());
    }

    #[test]
    fn passwd_through_links_stays_inside() {
        let d = rootfs();
        let host = d.path().join("host");
        std::fs::create_dir_all(&host).unwrap();
        std::fs::write(host.join("passwd"), "evil:x:0:0::/:/bin/sh\n").unwrap();
        std::fs::remove_file(d.path().join("etc/passwd")).unwrap();
        // An absolute link in the image means the image's /host/passwd, which is missing.
        std::os::unix::fs::symlink(host.join("passwd"), d.path().join("etc/passwd")).unwrap();
        assert!(resolve_user(d.path(), "evil").is_err());
    }

    mod tempdir {
        pub struct TempDir(std::path::PathBuf);
        impl TempDir {
            pub fn new() -> TempDir {
                let p = std::env::temp_dir().join(format!("rdock-ut-{}", crate::util::random_hex(6)));
                std::fs::create_dir_all(&p).unwrap();
                TempDir(p)
            }
            pub fn path(&self) -> &std::path::Path {
                &self.0
            }
        }
        impl Drop for TempDir {
            fn drop(&mut self) {
                let _ = std::fs::remove_dir_all(&self.0);
            }
        }
    }
}

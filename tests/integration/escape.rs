//! Crafted images whose paths point at the host: VOLUME dirs, mount
//! destinations, WORKDIR, /etc files and cp targets that are symlinks to a host
//! dir the test plants. No host byte may be read or written through them.

use std::os::unix::fs::PermissionsExt;
use std::path::Path;

use crate::support::{temp_dir, Rdock, TestResult};
use crate::{check, check_eq, Test};

pub const TESTS: &[Test] =
    &[("escape::symlinked_paths_stay_in_the_image", symlinked_paths_stay_in_the_image)];

const SECRET: &str = "HOST-SECRET-4f1e";

/// Every file under `dir` with its bytes, to compare before and after.
fn snapshot(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).into_iter().flatten().flatten() {
            let p = e.path();
            let name = p.strip_prefix(dir).unwrap_or(&p).display().to_string();
            if p.is_dir() && !p.is_symlink() {
                stack.push(p.clone());
                out.push((name + "/", Vec::new()));
            } else {
                out.push((name, std::fs::read(&p).unwrap_or_default()));
            }
        }
    }
    out.sort();
    out
}

fn symlinked_paths_stay_in_the_image() -> TestResult {
    let r = Rdock::new();
    let img = r.pull("busybox")?;
    // The host side: a private dir with a secret, a file to overwrite, and a
    // passwd-like file naming a user only the host "knows".
    let host = temp_dir("escape-host");
    let h = |p: &str| host.join(p).display().to_string();
    std::fs::create_dir_all(host.join("dir"))?;
    std::fs::write(host.join("dir/secret"), SECRET)?;
    std::fs::set_permissions(host.join("dir/secret"), std::fs::Permissions::from_mode(0o600))?;
    std::fs::write(host.join("victim"), "untouched")?;
    std::fs::write(host.join("passwd"), "evil:x:4242:4242::/:/bin/sh\n")?;
    std::fs::create_dir_all(host.join("mnt"))?;
    let before = snapshot(&host);

    // The image: each path the runtime touches is an absolute or relative link
    // to the host dir, as a layer from a registry could carry.
    let tree = temp_dir("escape-tree");
    r.ok(&["create", "--name", "maker", &img, "true"])?;
    let tarball = tree.join("fs.tar");
    r.ok(&["export", "-o", &tarball.display().to_string(), "maker"])?;
    r.ok(&["rm", "maker"])?;
    let fs = tree.join("fs");
    std::fs::create_dir_all(&fs)?;
    let st = std::process::Command::new("tar").arg("-xf").arg(&tarball).arg("-C").arg(&fs).status()?;
    check!(st.success(), "tar -x failed");
    let up = "../../../../../../../../..";
    let _ = std::fs::remove_file(fs.join("etc/passwd"));
    let _ = std::fs::remove_file(fs.join("etc/hostname"));
    for (link, target) in [
        ("data", h("dir")),
        ("reldata", format!("{up}{}", h("dir"))),
        ("wd", host.display().to_string()),
        ("etc/passwd", h("passwd")),
        ("etc/hostname", h("victim")),
        ("bindpoint", h("mnt")),
        ("tmpfspoint", h("mnt")),
        ("cpdir", h("dir")),
        ("hop", "/wd".to_string()),
    ] {
        std::os::unix::fs::symlink(&target, fs.join(link))?;
    }
    std::fs::remove_file(&tarball)?;
    let st =
        std::process::Command::new("tar").arg("-cf").arg(&tarball).arg("-C").arg(&fs).arg(".").status()?;
    check!(st.success(), "tar -c failed");
    r.ok(&[
        "import",
        "-c",
        "VOLUME /data",
        "-c",
        "WORKDIR /hop/made",
        "-c",
        "CMD [\"sh\"]",
        &tarball.display().to_string(),
        "evil:links",
    ])?;

    // VOLUME /data, a named volume on a relative link, a bind mount and a
    // tmpfs onto links, WORKDIR through a chain of links: all inside the image.
    let src = temp_dir("escape-src");
    std::fs::write(src.join("mine"), "from the bind")?;
    let bind = format!("{}:/bindpoint", src.display());
    let out = r.ok(&[
        "run",
        "--rm",
        "-v",
        "rel:/reldata",
        "-v",
        &bind,
        "--tmpfs",
        "/tmpfspoint",
        "evil:links",
        "sh",
        "-c",
        "pwd; ls -A /data /reldata; cat /bindpoint/mine; touch /tmpfspoint/t /data/new; cat /etc/hostname",
    ])?;
    check!(!out.contains(SECRET) && !out.contains("secret"), "host files seen in the container: {out}");
    check!(out.contains("from the bind"), "{out}");
    check_eq!(r.out(&["volume", "inspect", "-f", "{{.Mountpoint}}", "rel"]).map(|p| p.is_empty())?, false);
    let vol = r.out(&["volume", "inspect", "-f", "{{.Mountpoint}}", "rel"])?;
    check!(
        snapshot(Path::new(&vol)).iter().all(|(_, b)| b != SECRET.as_bytes()),
        "the secret was copied into a volume"
    );

    // User lookup reads the image's /etc/passwd, which points nowhere inside it.
    let u = r.run(&["run", "--rm", "-u", "evil", "evil:links", "id", "-u"]);
    check!(u.code != 0 && !u.stdout.contains("4242"), "user from the host's file: {} {}", u.stdout, u.stderr);

    // cp both ways through a link to the host dir.
    r.ok(&["create", "--name", "cpbox", "evil:links", "true"])?;
    let back = temp_dir("escape-back");
    let _ = r.run(&["cp", "cpbox:/cpdir/.", &back.display().to_string()]);
    check!(!back.join("secret").exists(), "cp read a host file");
    let file = src.join("mine").display().to_string();
    let _ = r.run(&["cp", &file, "cpbox:/cpdir/"]);
    let _ = r.run(&["cp", &file, "cpbox:/etc/hostname"]);
    r.ok(&["start", "cpbox"])?;
    let _ = r.run(&["cp", &file, "cpbox:/cpdir/"]);
    let _ = r.run(&["cp", "cpbox:/cpdir/secret", &back.display().to_string()]);
    check!(!back.join("secret").exists(), "cp of a running container read a host file");

    check_eq!(snapshot(&host), before);
    r.cleanup();
    for d in [&host, &src, &back, &tree] {
        let _ = std::fs::remove_dir_all(d);
    }
    Ok(())
}

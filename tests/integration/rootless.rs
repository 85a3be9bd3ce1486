//! What rootless operation adds: keep-id, storage drivers, `unshare`, `system
//! reset`, and layer files owned through the user namespace. Each test states
//! what it expects as root as well.

use std::time::Duration;

use crate::support::{rootless, wait_for, Rdock, TestResult};
use crate::{check, check_eq, Test};

pub const TESTS: &[Test] = &[
    ("rootless::layer_owners_on_the_host", layer_owners_on_the_host),
    ("rootless::keep_id", keep_id),
    ("rootless::storage_drivers", storage_drivers),
    ("rootless::unshare_and_reset", unshare_and_reset),
    ("rootless::single_id_fallback", single_id_fallback),
];

/// A user without /etc/subuid and /etc/subgid ranges (.ci/run creates it).
const NOSUB_USER: &str = "rdtest-nosub";

fn single_id_fallback() -> TestResult {
    if rootless() {
        // With ranges there is no warning; without newuidmap, a clear error.
        let r = Rdock::new();
        let out = r.run(&["unshare", "true"]);
        check_eq!((out.code, out.stderr.as_str()), (0, ""));
        // A fresh state dir: a session must be made, not joined.
        let fresh = Rdock::new();
        let out = fresh.command(&["unshare", "true"]).env("PATH", "/nonexistent").output()?;
        check_eq!(out.status.code(), Some(125));
        check!(
            String::from_utf8_lossy(&out.stderr).contains("newuidmap"),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        return Ok(());
    }
    // As root: run rdock as a user that has no subordinate ranges.
    let user =
        nix::unistd::User::from_name(NOSUB_USER)?.ok_or("user rdtest-nosub is missing (see .ci/run)")?;
    let subuid = std::fs::read_to_string("/etc/subuid").unwrap_or_default();
    check!(
        !subuid.lines().any(|l| l.starts_with(&format!("{NOSUB_USER}:"))),
        "{NOSUB_USER} must have no subuid range"
    );
    let dir = crate::support::temp_dir("nosub");
    std::fs::copy(crate::support::bin(), dir.join("rdock"))?;
    std::os::unix::fs::chown(&dir, Some(user.uid.as_raw()), Some(user.gid.as_raw()))?;
    let run = |args: &[&str]| -> std::io::Result<std::process::Output> {
        std::process::Command::new("runuser")
            .args(["-u", NOSUB_USER, "--"])
            .arg(dir.join("rdock"))
            .arg("--root")
            .arg(dir.join("store"))
            .args(args)
            .env("HOME", &dir)
            .output()
    };
    let result = (|| -> TestResult {
        let out = run(&["run", "--rm", "-q", &crate::support::image("rootonly"), "id", "-u"])?;
        let stderr = String::from_utf8_lossy(&out.stderr);
        check_eq!(String::from_utf8_lossy(&out.stdout), "0\n");
        check!(stderr.contains("only your own id is mapped") && stderr.contains("/etc/subuid"), "{stderr}");
        // An image with files of other owners cannot be used, and says why.
        let out = run(&["pull", &crate::support::image("busybox")])?;
        let stderr = String::from_utf8_lossy(&out.stderr);
        check_eq!(out.status.code(), Some(1));
        check!(stderr.contains("owned by 1000:1000") && stderr.contains("/etc/subuid"), "{stderr}");
        Ok(())
    })();
    // The user's session outlives its commands: stop it, then remove the lot.
    if let Some(pid) = crate::support::pause_pid_in(&dir.join("store/run")) {
        let _ = nix::sys::signal::kill(nix::unistd::Pid::from_raw(pid), nix::sys::signal::Signal::SIGKILL);
    }
    let _ = std::process::Command::new("rm").arg("-rf").arg(&dir).status();
    result
}

/// The first id of our /etc/subuid range (rootless) — where container uid 1 lands.
fn subuid_start() -> Option<u32> {
    let uid = nix::unistd::getuid().as_raw();
    let name = nix::unistd::User::from_uid(nix::unistd::Uid::from_raw(uid)).ok().flatten()?.name;
    std::fs::read_to_string("/etc/subuid").ok()?.lines().find_map(|l| {
        let f: Vec<&str> = l.split(':').collect();
        (f.first() == Some(&name.as_str()) || f.first() == Some(&uid.to_string().as_str()))
            .then(|| f.get(1)?.parse().ok())
            .flatten()
    })
}

fn layer_owners_on_the_host() -> TestResult {
    let r = Rdock::new();
    r.pull("multi")?;
    use std::os::unix::fs::MetadataExt;
    // home/user (0755, 1000:1000 in the busybox layer) is readable from outside.
    let dir = std::fs::read_dir(r.root.join("layers"))?
        .flatten()
        .map(|e| e.path().join("diff/home/user"))
        .find(|p| p.join("../../bin/busybox").exists())
        .ok_or("no layer holds home/user")?;
    let meta = std::fs::metadata(&dir)?;
    // Inside the namespace it is 1000:1000; on the host, root keeps 1000 and a
    // rootless store has the subordinate id that 1000 maps to.
    let want = if rootless() { subuid_start().ok_or("no /etc/subuid range")? + 999 } else { 1000 };
    check_eq!((meta.uid(), meta.gid()), (want, want));
    // And what the image's root owns is ours.
    check_eq!(std::fs::metadata(dir.join("../../bin/busybox"))?.uid(), nix::unistd::getuid().as_raw());
    Ok(())
}

fn keep_id() -> TestResult {
    let r = Rdock::new();
    let img = r.pull("multi")?;
    if !rootless() {
        let out = r.run(&["run", "--rm", "--userns=keep-id", &img, "true"]);
        check_eq!(out.code, 125);
        check!(out.stderr.contains("only for rootless"), "{}", out.stderr);
        return Ok(());
    }
    let uid = nix::unistd::getuid().as_raw();
    let gid = nix::unistd::getgid().as_raw();
    // The image's USER (1000:1000) gives way to the caller.
    let out = r.ok(&[
        "run",
        "--rm",
        "--userns=keep-id",
        "--entrypoint",
        "sh",
        &img,
        "-c",
        "id -u; id -g; echo $HOME; touch $HOME/written && echo home-ok",
    ])?;
    let home = std::env::var("HOME").unwrap_or_default();
    check_eq!(out, format!("{uid}\n{gid}\n{home}\nhome-ok\n"));
    // Files keep the owners the image gave them: root's, and 1000's.
    let busybox = r.pull("busybox")?;
    let owners = r.ok(&[
        "run",
        "--rm",
        "--userns=keep-id",
        &busybox,
        "stat",
        "-c",
        "%u %g",
        "/bin/busybox",
        "/home/user",
    ])?;
    check_eq!(owners, "0 0\n1000 1000\n");
    // exec joins the same namespaces and sees the same ids.
    r.ok(&["run", "-d", "--name", "kid", "--userns=keep-id", "--entrypoint", "sleep", &img, "1000"])?;
    check_eq!(r.ok(&["exec", "kid", "id", "-u"])?, format!("{uid}\n"));
    Ok(())
}

fn storage_drivers() -> TestResult {
    let r = Rdock::new();
    let img = r.pull("multi")?;
    let script = "cat /data/keep /data/remove; ls -A /opq; [ $(stat -c %i /data/orig) = $(stat -c %i /data/hard) ] && echo hardlinked; stat -c %u /home/user/owned/file";
    let out = r
        .command(&["run", "--name", "copied", "-u", "0", &img, script])
        .env("RDOCK_STORAGE_DRIVER", "vfs")
        .output()?;
    check_eq!(String::from_utf8_lossy(&out.stdout), "v2\nback\nc\nhardlinked\n1000\n");
    check_eq!(r.ok(&["inspect", "-f", "{{.Driver}}", "copied"])?.trim(), "vfs");
    // Started again, it keeps its driver and its changes.
    r.ok(&["start", "-a", "copied"])?;
    let fuse_usable = std::fs::OpenOptions::new().read(true).write(true).open("/dev/fuse").is_ok()
        && std::process::Command::new("fuse-overlayfs").arg("--version").output().is_ok();
    let out = r
        .command(&["run", "--rm", "-u", "0", &img, "cat /data/keep"])
        .env("RDOCK_STORAGE_DRIVER", "fuse-overlayfs")
        .output()?;
    if fuse_usable {
        check_eq!(String::from_utf8_lossy(&out.stdout), "v2\n");
    } else {
        check_eq!(out.status.code(), Some(125));
        check!(
            String::from_utf8_lossy(&out.stderr).contains("/dev/fuse"),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    Ok(())
}

fn unshare_and_reset() -> TestResult {
    let r = Rdock::new();
    let img = r.pull("multi")?;
    check_eq!(r.ok(&["unshare", "id", "-u"])?, "0\n");
    // Inside, the layer files have the owners the image gave them.
    let out = r.ok(&[
        "unshare",
        "sh",
        "-c",
        &format!("stat -c %u {}/layers/*/diff/home/user/owned/file", r.root.display()),
    ])?;
    check_eq!(out, "1000\n");
    r.ok(&["run", "--name", "left", &img, "touch /tmp/made-by-1000"])?;
    r.ok(&["run", "-d", "--name", "running", &img, "sleep 1000"])?;
    // Rootless, the session stays between commands: one pause process holds
    // it (as root there is none).
    let userns = |pid: i32| std::fs::read_link(format!("/proc/{pid}/ns/user")).ok();
    let pause = r.pause_pid();
    check_eq!(pause.is_some(), rootless());
    if let Some(pause) = pause {
        let (_, supervisor) = r.supervisor("running")?;
        check_eq!(userns(supervisor), userns(pause));
    }
    r.ok(&["network", "create", "resetnet"])?;
    check_eq!(r.run(&["system", "reset"]).code, 125); // no terminal to confirm on
    r.ok(&["system", "reset", "-f"])?;
    check_eq!(r.ok(&["ps", "-aq"])?, "");
    check_eq!(r.ok(&["images", "-q"])?, "");
    check_eq!(r.ok(&["network", "ls", "-q", "--filter", "type=custom"])?, "");
    // Reset ends the session (the network command above started a new one).
    if let Some(pause) = pause {
        let gone =
            || std::fs::read_to_string(format!("/proc/{pause}/stat")).map_or(true, |s| s.contains(") Z "));
        check!(wait_for(Duration::from_secs(5), gone), "rdock-pause {pause} still running after reset");
    }
    // Nothing owned by other ids is left behind: we can remove the lot ourselves.
    let leftovers = std::process::Command::new("find")
        .arg(&r.root)
        .arg("-not")
        .arg("-user")
        .arg(nix::unistd::getuid().as_raw().to_string())
        .output()?;
    check_eq!(String::from_utf8_lossy(&leftovers.stdout), "");
    Ok(())
}

//! Damage in the store: garbage or truncated records are shown, not hidden,
//! and can be removed with everything they own; a damaged image index is
//! rebuilt from the content store.

use std::time::Duration;

use crate::support::{wait_for, Rdock, TestResult};
use crate::{check, check_eq, Test};

pub const TESTS: &[Test] = &[
    ("damage::unreadable_container_records", unreadable_container_records),
    ("damage::reset_removes_damaged_containers", reset_removes_damaged_containers),
    ("damage::image_index_rebuilt", image_index_rebuilt),
    ("damage::volume_and_network_records", volume_and_network_records),
];

fn alive(pid: i32) -> bool {
    std::fs::read_to_string(format!("/proc/{pid}/stat")).is_ok_and(|s| !s.contains(") Z "))
}

fn record(r: &Rdock, id: &str, file: &str) -> std::path::PathBuf {
    r.root.join("containers").join(id).join(file)
}

fn unreadable_container_records() -> TestResult {
    let r = Rdock::new();
    let img = r.pull("busybox")?;
    // A running container whose state file is garbage.
    r.detach("victim", &img, "sleep 1000")?;
    let id = r.id("victim")?;
    let (init, sup) = r.supervisor("victim")?;
    std::fs::write(record(&r, &id, "state.json"), b"\x00garbage{{{")?;
    let ps = r.out(&["ps", "-a", "--no-trunc", "--format", "{{.ID}} {{.Status}}"])?;
    check_eq!(ps, format!("{id} Dead"));
    check_eq!(r.out(&["inspect", "-f", "{{.State.Status}}", &id])?, "dead");
    let start = r.run(&["start", "victim"]);
    check!(start.code != 0 && start.stderr.contains("dead"), "{start:?}");
    // rm -f finds its processes without the record's pid, and its mount.
    r.ok(&["rm", "-f", &id])?;
    check!(wait_for(Duration::from_secs(5), || !alive(init) && !alive(sup)), "processes of {id} live on");
    check_eq!(r.out(&["ps", "-aq"])?, "");
    check!(wait_for(Duration::from_secs(5), || r.mounts().is_empty()), "{:?}", r.mounts());

    // A stopped container whose config is truncated is listed, and removable.
    r.ok(&["create", "--name", "trunc", &img, "true"])?;
    let id = r.id("trunc")?;
    let config = std::fs::read(record(&r, &id, "config.json"))?;
    std::fs::write(record(&r, &id, "config.json"), &config[..config.len() / 2])?;
    let ps = r.out(&["ps", "-a", "--no-trunc", "--format", "{{.ID}} {{.Status}}"])?;
    check_eq!(ps, format!("{id} Dead"));
    let err = r.out(&["inspect", "-f", "{{.State.Error}}", &id[..12]])?;
    check!(err.contains("damaged record") && err.contains("config.json"), "{err}");
    r.ok(&["rm", &id[..12]])?;
    check_eq!(r.out(&["ps", "-aq"])?, "");
    check!(!r.root.join("containers").join(&id).exists());
    Ok(())
}

fn reset_removes_damaged_containers() -> TestResult {
    let r = Rdock::new();
    let img = r.pull("busybox")?;
    r.detach("ca", &img, "sleep 1000")?;
    r.detach("cb", &img, "sleep 1000")?;
    let (a, b) = (r.id("ca")?, r.id("cb")?);
    let (init_a, sup_a) = r.supervisor("ca")?;
    let (init_b, sup_b) = r.supervisor("cb")?;
    std::fs::write(record(&r, &a, "config.json"), b"not json")?;
    // b loses its record altogether: only its dirs and processes are left.
    std::fs::remove_file(record(&r, &b, "config.json"))?;
    check!(!r.out(&["ps", "-aq", "--no-trunc"])?.contains(&b));
    r.ok(&["system", "reset", "-f"])?;
    check!(
        wait_for(Duration::from_secs(5), || [init_a, sup_a, init_b, sup_b].iter().all(|p| !alive(*p))),
        "processes left after reset"
    );
    check!(wait_for(Duration::from_secs(5), || r.mounts().is_empty()), "{:?}", r.mounts());
    for id in [&a, &b] {
        check!(!r.root.join("containers").join(id).exists(), "{id} left in the store");
        check!(!r.root.join("run").join(id).exists(), "{id} left in the runroot");
    }
    Ok(())
}

fn image_index_rebuilt() -> TestResult {
    let r = Rdock::new();
    let img = r.pull("busybox")?;
    r.ok(&["tag", &img, "mine:v1"])?;
    let id = r.out(&["image", "inspect", "-f", "{{.Id}}", "mine:v1"])?;
    std::fs::write(r.root.join("images.json"), b"{\"images\": [garbage")?;
    // Listed again, names kept (from the last good index), with a warning.
    let out = r.run(&["images", "--format", "{{.Repository}}:{{.Tag}}"]);
    check_eq!(out.code, 0);
    check!(out.stderr.contains("WARNING") && out.stderr.contains("rebuilt the image index"), "{out:?}");
    check!(out.stdout.lines().any(|l| l == "mine:v1"), "{out:?}");
    check_eq!(r.out(&["run", "--rm", "mine:v1", "echo", "ok"])?, "ok");
    // With no good copy left the images come back untagged, still usable by id.
    std::fs::write(r.root.join("images.json"), b"")?;
    std::fs::write(r.root.join("images.json.prev"), b"\xff")?;
    let out = r.run(&["images", "-q", "--no-trunc"]);
    check_eq!(out.code, 0);
    check_eq!(out.stdout.trim(), id);
    check_eq!(r.out(&["run", "--rm", &id, "echo", "ok"])?, "ok");
    r.ok(&["pull", "-q", &img])?;
    r.ok(&["rmi", &img])?;
    check_eq!(r.out(&["images", "-q"])?, "");
    Ok(())
}

/// A damaged volume record keeps its volume (and data) listed; a damaged
/// network record is ignored with a warning instead of breaking every run.
fn volume_and_network_records() -> TestResult {
    let r = Rdock::new();
    let img = r.pull("busybox")?;
    r.ok(&["run", "--rm", "-v", "keep:/data", &img, "sh", "-c", "echo precious > /data/f"])?;
    std::fs::write(r.root.join("volumes/keep/volume.json"), b"{\"name\": tru")?;
    let ls = r.run(&["volume", "ls", "-q"]);
    check!(ls.stdout.lines().any(|l| l == "keep"), "{ls:?}");
    check!(ls.stderr.contains("WARNING: volume keep"), "{ls:?}");
    check_eq!(r.out(&["run", "--rm", "-v", "keep:/data", &img, "cat", "/data/f"])?, "precious");
    r.ok(&["network", "create", "brokennet"])?;
    let id = r.out(&["network", "inspect", "-f", "{{.Id}}", "brokennet"])?;
    std::fs::write(r.root.join(format!("networks/{id}.json")), b"\x01")?;
    let run = r.run(&["run", "--rm", &img, "echo", "ok"]);
    check_eq!(run.code, 0);
    check_eq!(run.stdout.trim(), "ok");
    let ls = r.run(&["network", "ls", "--format", "{{.Name}}"]);
    check_eq!(ls.code, 0);
    check!(ls.stdout.lines().any(|l| l == "bridge"), "{ls:?}");
    check!(ls.stderr.contains("WARNING") && ls.stderr.contains(&id), "{ls:?}");
    std::fs::remove_file(r.root.join(format!("networks/{id}.json")))?;
    Ok(())
}

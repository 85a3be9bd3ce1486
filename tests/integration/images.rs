//! Pulling: manifests, indexes, layer unpacking, verification, and refusing bad
//! input without leaving anything behind.

use crate::support::{image, registry_blob_path, Rdock, TestResult};
use crate::{check, check_eq, Test};

pub const TESTS: &[Test] = &[
    ("images::pull_prints_and_lists", pull_prints_and_lists),
    ("images::pull_again_is_up_to_date", pull_again_is_up_to_date),
    ("images::image_inspect_shape", image_inspect_shape),
    ("images::layers_are_shared", layers_are_shared),
    ("images::multi_layer_filesystem", multi_layer_filesystem),
    ("images::schema2_and_no_media_type", schema2_and_no_media_type),
    ("images::index_picks_platform", index_picks_platform),
    ("images::pull_by_digest", pull_by_digest),
    ("images::corrupted_blob_leaves_nothing", corrupted_blob_leaves_nothing),
    ("images::malicious_layers_refused", malicious_layers_refused),
    ("images::device_nodes_in_layers", device_nodes_in_layers),
    ("images::killed_pull_leaves_no_half_image", killed_pull_leaves_no_half_image),
    ("images::bad_references", bad_references),
    ("images::missing_image_and_registry", missing_image_and_registry),
    ("images::run_pulls_missing_image", run_pulls_missing_image),
];

/// Entries of a store directory that are staging leftovers.
fn staging_leftovers(r: &Rdock) -> Vec<String> {
    let mut out = Vec::new();
    for sub in ["layers", "blobs/sha256"] {
        if let Ok(entries) = std::fs::read_dir(r.root.join(sub)) {
            for e in entries.flatten() {
                let n = e.file_name().to_string_lossy().into_owned();
                if n.starts_with('.') {
                    out.push(format!("{sub}/{n}"));
                }
            }
        }
    }
    out
}

fn layer_dirs(r: &Rdock) -> Vec<String> {
    std::fs::read_dir(r.root.join("layers"))
        .map(|es| es.flatten().map(|e| e.file_name().to_string_lossy().into_owned()).collect())
        .unwrap_or_default()
}

fn pull_prints_and_lists() -> TestResult {
    let r = Rdock::new();
    let img = image("busybox");
    let out = r.ok(&["pull", &img])?;
    let lines: Vec<&str> = out.lines().collect();
    check_eq!(lines[0], "Using default tag: latest");
    check_eq!(lines[1], "latest: Pulling from busybox");
    check!(out.contains(": Pull complete"), "{out}");
    check!(out.contains("\nDigest: sha256:"), "{out}");
    check!(out.contains(&format!("Status: Downloaded newer image for {img}:latest")), "{out}");
    check_eq!(*lines.last().unwrap(), format!("{img}:latest"));

    let list = r.ok(&["images"])?;
    let mut rows = list.lines();
    let header = rows.next().unwrap_or_default();
    check!(
        header.starts_with("REPOSITORY")
            && header.contains("TAG")
            && header.contains("IMAGE ID")
            && header.contains("CREATED")
            && header.ends_with("SIZE"),
        "{header}"
    );
    let row: Vec<&str> = rows.next().unwrap_or_default().split_whitespace().collect();
    check_eq!(row[0], img);
    check_eq!(row[1], "latest");
    check_eq!(row[2].len(), 12);
    check!(row.last().unwrap().ends_with("MB"), "{list}");
    check_eq!(r.ok(&["images", "-q"])?.trim(), row[2]);
    check_eq!(
        r.ok(&["image", "ls", "--format", "{{.Repository}}:{{.Tag}}"])?.trim(),
        format!("{img}:latest")
    );
    Ok(())
}

fn pull_again_is_up_to_date() -> TestResult {
    let r = Rdock::new();
    let img = image("busybox");
    check_eq!(r.ok(&["pull", "-q", &img])?.trim(), format!("{img}:latest"));
    let out = r.ok(&["pull", &img])?;
    check!(out.contains("Already exists"), "{out}");
    check!(out.contains(&format!("Status: Image is up to date for {img}:latest")), "{out}");
    check_eq!(r.ok(&["images", "-q"])?.lines().count(), 1);
    Ok(())
}

fn image_inspect_shape() -> TestResult {
    let r = Rdock::new();
    let img = r.pull("multi")?;
    let v = r.inspect(&img)?;
    check!(v["Id"].as_str().unwrap_or_default().starts_with("sha256:"));
    check_eq!(v["RepoTags"][0], format!("{img}:latest"));
    check!(v["RepoDigests"][0].as_str().unwrap_or_default().starts_with(&format!("{img}@sha256:")));
    check_eq!(v["Os"], "linux");
    check_eq!(v["Architecture"], "amd64");
    check_eq!(v["RootFS"]["Type"], "layers");
    check_eq!(v["RootFS"]["Layers"].as_array().map(|a| a.len()), Some(4));
    check_eq!(v["Config"]["WorkingDir"], "/data");
    check_eq!(v["Config"]["User"], "1000:1000");
    check_eq!(v["Config"]["Labels"]["org.rdock.test"], "multi");
    check_eq!(v["Config"]["Entrypoint"][0], "/bin/sh");
    check!(v["Size"].as_u64().unwrap_or(0) > 1_000_000);
    let id = v["Id"].as_str().unwrap_or_default();
    // By id, short id, and through `image inspect` with a template.
    check_eq!(r.ok(&["image", "inspect", "-f", "{{.Id}}", &id[7..19]])?.trim(), id);
    Ok(())
}

fn layers_are_shared() -> TestResult {
    let r = Rdock::new();
    r.pull("busybox")?;
    check_eq!(layer_dirs(&r).len(), 1);
    let out = r.ok(&["pull", &image("multi")])?;
    // The busybox layer is the base of multi: stored once, not downloaded again.
    check_eq!(out.matches("Already exists").count(), 1);
    check_eq!(layer_dirs(&r).len(), 4);
    check_eq!(r.ok(&["images", "-q"])?.lines().count(), 2);
    Ok(())
}

fn multi_layer_filesystem() -> TestResult {
    let r = Rdock::new();
    let img = r.pull("multi")?;
    // The image's own Entrypoint/Cmd/User/WorkingDir/Env.
    check_eq!(r.ok(&["run", "--rm", &img])?, "hello world from 1000:1000 in /data foo=bar\n");
    let script =
        "cat /data/keep /data/remove; ls -A /data | tr '\\n' ' '; echo; ls -A /opq | tr '\\n' ' '; echo; \
        readlink /data/link; readlink /data/abs-link; cat /data/link; \
        [ $(stat -c %i /data/orig) = $(stat -c %i /data/hard) ] || echo NOT-HARDLINKED; cat /data/hard; \
        stat -c '%u:%g %a' /home/user/owned /home/user/owned/file /data/setuid /tmp; \
        test -e /data/dir-removed && echo DIR-NOT-REMOVED; ls /data | grep -c long-name";
    let out = r.ok(&["run", "--rm", "-u", "0", &img, script])?;
    let want = "v2\nback\nabs-link hard keep link long-name-long-name-long-name-long-name-long-name-long-name-long-name-long-name-long-name-long-name-long-name-long-name- orig remove setuid \nc \nkeep\n/data/keep\nv2\nv1\n1000:1000 750\n1000:1000 640\n0:0 4755\n0:0 1777\n1\n";
    check_eq!(out, want);
    Ok(())
}

fn schema2_and_no_media_type() -> TestResult {
    let r = Rdock::new();
    for name in ["schema2", "nomediatype"] {
        let img = r.pull(name)?;
        check_eq!(r.ok(&["run", "--rm", &img, "echo", name])?, format!("{name}\n"));
    }
    // Same content, so one layer stored for both.
    check_eq!(layer_dirs(&r).len(), 1);
    Ok(())
}

fn index_picks_platform() -> TestResult {
    let r = Rdock::new();
    let img = image("index");
    r.ok(&["pull", "-q", &img])?;
    check_eq!(r.ok(&["run", "--rm", &img, "cat", "/platform"])?, "amd64\n");
    check_eq!(r.ok(&["image", "inspect", "-f", "{{.Architecture}}", &img])?.trim(), "amd64");
    let r2 = Rdock::new();
    r2.ok(&["pull", "-q", "--platform", "linux/arm64", &img])?;
    check_eq!(
        r2.ok(&["image", "inspect", "-f", "{{.Architecture}} {{index .Config.Labels \"platform\"}}", &img])?
            .trim(),
        "arm64 arm64"
    );
    let out = r2.run(&["pull", "--platform", "linux/s390x", &img]);
    check_eq!(out.code, 1);
    check!(out.stderr.contains("no matching manifest for linux/s390x"), "{}", out.stderr);
    check!(r2.run(&["pull", "--platform", "bogus", &img]).stderr.contains("invalid platform"));
    Ok(())
}

fn pull_by_digest() -> TestResult {
    let r = Rdock::new();
    let img = r.pull("busybox")?;
    let digest = r.ok(&["image", "inspect", "-f", "{{index .RepoDigests 0}}", &img])?;
    let digest = digest.trim().to_string();
    let r2 = Rdock::new();
    let out = r2.ok(&["pull", &digest])?;
    check!(
        out.starts_with(&format!("{}: Pulling from busybox", &digest[digest.find('@').unwrap() + 1..])),
        "{out}"
    );
    check_eq!(r2.ok(&["run", "--rm", &digest, "echo", "ok"])?, "ok\n");
    // A digest that is not in the registry.
    let bad = format!("{}@sha256:{}", img, "0".repeat(64));
    check_eq!(r2.run(&["pull", &bad]).code, 1);
    Ok(())
}

fn corrupted_blob_leaves_nothing() -> TestResult {
    // `big`'s second layer is used by no other test: corrupt it in the registry.
    let r = Rdock::new();
    let manifest_digest = crate::support::manifest_digest("big");
    let body: serde_json::Value =
        serde_json::from_slice(&std::fs::read(registry_blob_path(&manifest_digest))?)?;
    let layer = body["layers"][1]["digest"].as_str().unwrap_or_default().to_string();
    let path = registry_blob_path(&layer);
    let mut data = std::fs::read(&path)?;
    let mid = data.len() / 2;
    data[mid] ^= 0xff;
    std::fs::write(&path, &data)?;

    let out = r.run(&["pull", &image("big")]);
    check_eq!(out.code, 1);
    check!(
        out.stderr.contains("digest") || out.stderr.contains("corrupt") || out.stderr.contains("invalid"),
        "{}",
        out.stderr
    );
    check_eq!(r.ok(&["images", "-q"])?, "");
    check!(staging_leftovers(&r).is_empty(), "{:?}", staging_leftovers(&r));
    // Only the good base layer may stay cached; the corrupted one never lands.
    check!(layer_dirs(&r).len() <= 1, "{:?}", layer_dirs(&r));
    check!(!r.root.join("blobs/sha256").join(layer.trim_start_matches("sha256:")).exists());
    // And `run` of it fails the same way with 125.
    check_eq!(r.run(&["run", "--rm", &image("big"), "true"]).code, 125);
    Ok(())
}

/// Device nodes in a layer: made as root; rootless (a user namespace cannot
/// mknod) skipped with a warning naming each, as Docker does, and the image runs.
fn device_nodes_in_layers() -> TestResult {
    let r = Rdock::new();
    let img = image("devices");
    let out = r.run(&["pull", &img]);
    check!(out.code == 0, "pull: {}", out.stderr);
    check!(out.stdout.contains("Status: Downloaded newer image"), "{}", out.stdout);
    let stat = ["stat", "-c", "%F %t:%T %h"];
    let node = |path: &str| r.out(&[&["run", "--rm", &img][..], &stat[..], &[path]].concat());
    if crate::support::rootless() {
        for path in ["/devnodes/null", "/devnodes/null-link", "/devnodes/loop7"] {
            let line = out.stderr.lines().find(|l| l.contains(&format!("skipping {path} ")));
            check!(line.is_some_and(|l| l.starts_with("WARNING: ")), "no warning for {path}: {}", out.stderr);
        }
        check_eq!(r.out(&["run", "--rm", &img, "ls", "/devnodes"])?, "ok");
    } else {
        check!(!out.stderr.contains("WARNING"), "{}", out.stderr);
        // Hex major:minor; the hardlink shares the node (two links).
        check_eq!(node("/devnodes/null")?, "character special file 1:3 2");
        check_eq!(node("/devnodes/loop7")?, "block special file 7:7 1");
    }
    check_eq!(r.out(&["run", "--rm", &img, "cat", "/devnodes/ok"])?, "ok");
    Ok(())
}

fn malicious_layers_refused() -> TestResult {
    let r = Rdock::new();
    let cases = [
        ("traversal", "escapes the layer root", "/tmp/rdock-evil-traversal"),
        ("absolute", "escapes the layer root", "/tmp/rdock-evil-absolute"),
        ("symlink", "through a symlink", "/tmp/rdock-evil-symlink"),
        ("hardlink", "hardlink target", "/tmp/rdock-evil-hardlink"),
        ("whiteout", "invalid whiteout", "/tmp/rdock-evil-whiteout"),
        ("sparse", "larger than the limit", "/tmp/rdock-evil-sparse"),
    ];
    for (kind, message, outside) in cases {
        let out = r.run(&["pull", &image(&format!("evil:{kind}"))]);
        check_eq!(out.code, 1);
        check!(out.stderr.contains(message), "{kind}: {}", out.stderr);
        check_eq!(out.stderr.trim().lines().count(), 1);
        check!(!std::path::Path::new(outside).exists(), "{kind} wrote {outside}");
        check_eq!(r.ok(&["images", "-q"])?, "");
        check!(staging_leftovers(&r).is_empty(), "{kind}: {:?}", staging_leftovers(&r));
    }
    // /etc/passwd untouched by the hardlink attempt: still one link.
    use std::os::unix::fs::MetadataExt;
    check_eq!(std::fs::metadata("/etc/passwd")?.nlink(), 1);
    Ok(())
}

fn bad_references() -> TestResult {
    let r = Rdock::new();
    let out = r.run(&["pull", "Busybox"]);
    check_eq!(out.code, 1);
    check!(
        out.stderr.contains("invalid reference format: repository name (library/Busybox) must be lowercase"),
        "{}",
        out.stderr
    );
    for bad in ["a//b", "busybox:", "busybox@sha256:123", "-x"] {
        let out = r.run(&["pull", "--", bad]);
        check!(out.code != 0, "{bad} accepted");
        check!(out.stderr.contains("invalid reference format"), "{bad}: {}", out.stderr);
    }
    let out = r.run(&["run", "--rm", "Busybox", "true"]);
    check_eq!(out.code, 125);
    check!(out.stderr.contains("invalid reference format"), "{}", out.stderr);
    Ok(())
}

fn missing_image_and_registry() -> TestResult {
    let r = Rdock::new();
    let out = r.run(&["pull", &image("does-not-exist:v1")]);
    check_eq!(out.code, 1);
    check!(out.stderr.contains("not found") || out.stderr.contains("unknown"), "{}", out.stderr);
    let port = crate::support::free_port();
    let out = r.run(&["pull", &format!("127.0.0.1:{port}/nothing")]);
    check_eq!(out.code, 1);
    check!(out.stderr.to_lowercase().contains("connect"), "{}", out.stderr);
    let out = r.run(&["run", "--rm", &format!("127.0.0.1:{port}/nothing"), "true"]);
    check_eq!(out.code, 125);
    check!(out.stderr.contains("Unable to find image"), "{}", out.stderr);
    check_eq!(r.ok(&["images", "-q"])?, "");
    check_eq!(r.ok(&["ps", "-aq"])?, "");
    // --pull never does not fetch.
    check_eq!(r.run(&["run", "--pull", "never", &image("busybox"), "true"]).code, 125);
    Ok(())
}

fn run_pulls_missing_image() -> TestResult {
    let r = Rdock::new();
    let img = image("busybox");
    let out = r.run(&["run", "--rm", &img, "echo", "pulled-and-ran"]);
    check_eq!(out.code, 0);
    check_eq!(out.stdout, "pulled-and-ran\n");
    check!(out.stderr.starts_with(&format!("Unable to find image '{img}:latest' locally")), "{}", out.stderr);
    check!(out.stderr.contains("Status: Downloaded newer image"), "{}", out.stderr);
    let out = r.run(&["run", "--rm", "-q", "--pull", "always", &img, "true"]);
    check_eq!((out.code, out.stderr.as_str()), (0, ""));
    Ok(())
}

fn killed_pull_leaves_no_half_image() -> TestResult {
    let r = Rdock::new();
    let img = image("big:other");
    let mut interrupted = 0;
    for delay_ms in [20u64, 60, 120, 250, 500] {
        let mut child = r.command(&["pull", "-q", &img]).stdout(std::process::Stdio::null()).spawn()?;
        std::thread::sleep(std::time::Duration::from_millis(delay_ms));
        let _ = child.kill();
        let status = child.wait()?;
        let listed = r.ok(&["images", "-q"])?;
        if listed.is_empty() {
            check!(!status.success(), "a finished pull must list its image");
            interrupted += 1;
            continue;
        }
        // Listed means finished: every layer is there and it runs.
        check_eq!(r.ok(&["run", "--rm", &img, "sh", "-c", "wc -c < /big.bin"])?, "33554432\n");
    }
    check!(interrupted > 0, "no pull was caught mid-way");
    // A full pull afterwards works and sweeps what the killed ones left.
    r.ok(&["pull", "-q", &img])?;
    check!(staging_leftovers(&r).is_empty(), "{:?}", staging_leftovers(&r));
    check_eq!(r.ok(&["run", "--rm", &img, "sh", "-c", "wc -c < /big.bin"])?, "33554432\n");
    Ok(())
}

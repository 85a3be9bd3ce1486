//! Volumes and bind mounts: named, anonymous, `--mount`, population from the
//! image, `rm -v`, in-use protection, and the volume commands.

use crate::support::{temp_dir, Rdock, TestResult};
use crate::{check, check_eq, Test};

pub const TESTS: &[Test] = &[
    ("volumes::named_volume_outlives_container", named_volume_outlives_container),
    ("volumes::anonymous_volumes_and_rm_v", anonymous_volumes_and_rm_v),
    ("volumes::bind_mounts", bind_mounts),
    ("volumes::volume_commands", volume_commands),
];

fn named_volume_outlives_container() -> TestResult {
    let r = Rdock::new();
    let img = r.pull("busybox")?;
    // A new volume mounted over an image dir starts with the image's files.
    let listed =
        r.out(&["run", "--rm", "-v", "etcvol:/etc", &img, "sh", "-c", "echo kept > /etc/mine; ls /etc"])?;
    check!(listed.lines().any(|l| l == "passwd"), "{listed}");
    check_eq!(r.out(&["run", "--rm", "-v", "etcvol:/data:ro", &img, "cat", "/data/mine"])?, "kept");
    let out = r.run(&["run", "--rm", "-v", "etcvol:/data:ro", &img, "touch", "/data/x"]);
    check!(out.code != 0 && out.stderr.contains("Read-only"), "{}", out.stderr);
    // Only once: emptied, it stays empty.
    r.out(&["run", "--rm", "-v", "etcvol:/etc", &img, "sh", "-c", "rm -rf /etc/* 2>/dev/null; true"])?;
    // --mount does the same, and volume-nocopy skips the copy.
    check_eq!(
        r.out(&[
            "run",
            "--rm",
            "--mount",
            "type=volume,src=fresh,dst=/etc,volume-nocopy",
            &img,
            "ls",
            "/etc/passwd"
        ])
        .is_err(),
        true
    );
    check_eq!(r.out(&["volume", "ls", "-q"])?, "etcvol\nfresh");
    Ok(())
}

fn anonymous_volumes_and_rm_v() -> TestResult {
    let r = Rdock::new();
    let img = r.pull("busybox")?;
    r.out(&["create", "--name", "owner", "-v", "/scratch", &img, "true"])?;
    let vols = r.out(&["volume", "ls", "-q"])?;
    check_eq!(vols.lines().count(), 1);
    let info = r.inspect("owner")?;
    check_eq!(info["Mounts"][0]["Type"], "volume");
    check_eq!(info["Mounts"][0]["Destination"], "/scratch");
    check_eq!(info["Mounts"][0]["Name"], vols.trim());
    // In use: refused without -f.
    let out = r.run(&["volume", "rm", vols.trim()]);
    check_eq!(out.code, 1);
    check!(out.stderr.contains("volume is in use"), "{}", out.stderr);
    // --volumes-from shares it.
    r.out(&["run", "--rm", "--volumes-from", "owner", &img, "sh", "-c", "echo shared > /scratch/f"])?;
    check_eq!(r.out(&["volume", "ls", "-q"])?.lines().count(), 1);
    r.out(&["rm", "-v", "owner"])?;
    check_eq!(r.out(&["volume", "ls", "-q"])?, "");
    // --rm removes the anonymous volumes of the container; named ones stay.
    r.out(&["run", "--rm", "-v", "/anon", "-v", "named:/named", &img, "true"])?;
    check_eq!(r.out(&["volume", "ls", "-q"])?, "named");
    // A failed create leaves no volume behind.
    r.out(&["create", "--name", "taken", &img, "true"])?;
    let out = r.run(&["create", "--name", "taken", "-v", "/other", &img, "true"]);
    check!(out.code != 0);
    check_eq!(r.out(&["volume", "ls", "-q"])?, "named");
    Ok(())
}

fn bind_mounts() -> TestResult {
    let r = Rdock::new();
    let img = r.pull("busybox")?;
    let dir = temp_dir("bind");
    // Rootless, the container's root is the user: files it writes are ours.
    let missing = dir.join("made/by/run");
    let spec = format!("{}:/host", missing.display());
    r.out(&["run", "--rm", "-v", &spec, &img, "sh", "-c", "echo from-container > /host/out"])?;
    check_eq!(std::fs::read_to_string(missing.join("out"))?, "from-container\n");
    use std::os::unix::fs::MetadataExt;
    check_eq!(std::fs::metadata(missing.join("out"))?.uid(), nix::unistd::getuid().as_raw());
    std::fs::write(dir.join("in.txt"), "from-host\n")?;
    let ro = format!("type=bind,source={},target=/in,readonly", dir.display());
    check_eq!(r.out(&["run", "--rm", "--mount", &ro, &img, "cat", "/in/in.txt"])?, "from-host");
    let out = r.run(&["run", "--rm", "--mount", &ro, &img, "touch", "/in/new"]);
    check!(out.code != 0);
    // --mount does not create a missing source; bad specs are refused at once.
    let gone = format!("type=bind,source={},target=/x", dir.join("absent").display());
    let out = r.run(&["run", "--rm", "--mount", &gone, &img, "true"]);
    check_eq!(out.code, 125);
    check!(out.stderr.contains("bind source path does not exist"), "{}", out.stderr);
    for bad in ["rel:ative", "/a:/b:bogus", "x:/a:/b:c"] {
        check_eq!(r.run(&["create", "-v", bad, &img, "true"]).code, 125);
    }
    let out = r.run(&["create", "-v", "v1:/same", "-v", "v2:/same", &img, "true"]);
    check!(out.stderr.contains("Duplicate mount point"), "{}", out.stderr);
    // tmpfs through --mount.
    let out = r.out(&[
        "run",
        "--rm",
        "--mount",
        "type=tmpfs,target=/t,tmpfs-size=1m",
        &img,
        "sh",
        "-c",
        "grep ' /t ' /proc/mounts",
    ])?;
    check!(out.contains("tmpfs") && out.contains("size=1024k"), "{out}");
    let _ = std::process::Command::new("rm").arg("-rf").arg(&dir).status();
    Ok(())
}

fn volume_commands() -> TestResult {
    let r = Rdock::new();
    let img = r.pull("busybox")?;
    check_eq!(r.out(&["volume", "create", "--label", "team=a", "v1"])?, "v1");
    check_eq!(r.out(&["volume", "create", "v2"])?, "v2");
    // Creating an existing name returns it.
    check_eq!(r.out(&["volume", "create", "v1"])?, "v1");
    let ls = r.out(&["volume", "ls"])?;
    check_eq!(
        ls.lines().next().unwrap_or_default().split_whitespace().collect::<Vec<_>>(),
        vec!["DRIVER", "VOLUME", "NAME"]
    );
    check_eq!(r.out(&["volume", "ls", "-q", "--filter", "label=team=a"])?, "v1");
    check_eq!(
        r.out(&["volume", "ls", "--format", "{{.Name}}:{{.Driver}}", "--filter", "name=v2"])?,
        "v2:local"
    );
    let info: serde_json::Value = serde_json::from_str(&r.out(&["volume", "inspect", "v1"])?)?;
    check_eq!(info[0]["Name"], "v1");
    check_eq!(info[0]["Labels"]["team"], "a");
    check_eq!(info[0]["Scope"], "local");
    check!(info[0]["Mountpoint"].as_str().is_some_and(|m| m.ends_with("/volumes/v1/_data")), "{info}");
    r.out(&["create", "--name", "user", "-v", "v1:/d", &img, "true"])?;
    check_eq!(r.out(&["volume", "ls", "-q", "--filter", "dangling=true"])?, "v2");
    // prune: anonymous only by default, all unused with -a; used ones stay.
    let out = r.out(&["volume", "prune", "-f"])?;
    check!(out.contains("Total reclaimed space"), "{out}");
    check_eq!(r.out(&["volume", "ls", "-q"])?, "v1\nv2");
    r.out(&["volume", "prune", "-a", "-f"])?;
    check_eq!(r.out(&["volume", "ls", "-q"])?, "v1");
    check_eq!(r.out(&["volume", "rm", "-f", "v1"])?, "v1");
    let out = r.run(&["volume", "rm", "nosuch"]);
    check_eq!(out.code, 1);
    check!(out.stderr.contains("no such volume"), "{}", out.stderr);
    check!(r.run(&["volume", "create", "bad name"]).code != 0);
    Ok(())
}

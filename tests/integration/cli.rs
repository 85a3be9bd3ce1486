//! The command line itself: help, version, info, aliases, completions, state dirs.

use crate::support::{bin, Rdock, TestResult};
use crate::{check, check_eq, Test};

pub const TESTS: &[Test] = &[
    ("cli::help_and_parse_errors", help_and_parse_errors),
    ("cli::version_and_info", version_and_info),
    ("cli::group_aliases", group_aliases),
    ("cli::completions_are_current", completions_are_current),
    ("cli::state_dir_from_env", state_dir_from_env),
];

fn help_and_parse_errors() -> TestResult {
    let r = Rdock::new();
    let help = r.ok(&["--help"])?;
    for cmd in [
        "run",
        "create",
        "start",
        "stop",
        "kill",
        "restart",
        "rm",
        "ps",
        "logs",
        "exec",
        "attach",
        "wait",
        "inspect",
        "pause",
        "unpause",
        "top",
        "stats",
        "rename",
        "images",
        "pull",
        "version",
        "info",
        "container",
        "image",
        "network",
        "port",
        "cp",
    ] {
        check!(help.contains(&format!("  {cmd} ")), "help lacks {cmd}");
    }
    check!(help.contains("default `bridge` network"), "the help must say what the default network is");
    check!(!help.contains("__supervise"));
    let run_help = r.ok(&["run", "--help"])?;
    for flag in [
        "--detach",
        "--interactive",
        "--tty",
        "--rm",
        "--name",
        "--env",
        "--env-file",
        "--workdir",
        "--user",
        "--entrypoint",
        "--label",
        "--hostname",
        "--init",
        "--stop-signal",
        "--stop-timeout",
        "--memory",
        "--cpus",
        "--pids-limit",
        "--read-only",
        "--cap-add",
        "--cap-drop",
        "--privileged",
        "--security-opt",
        "--tmpfs",
        "--network",
        "--sig-proxy",
    ] {
        check!(run_help.contains(flag), "run --help lacks {flag}");
    }
    let out = r.run(&["frobnicate"]);
    check_eq!(out.code, 125);
    check_eq!(r.run(&["ps", "--bogus"]).code, 125);
    check_eq!(r.run(&["stop"]).code, 125);
    Ok(())
}

fn version_and_info() -> TestResult {
    let r = Rdock::new();
    let v = r.ok(&["version"])?;
    check!(v.starts_with("Client:\n Version:"), "{v}");
    check!(v.contains("Server: rdock"), "{v}");
    check_eq!(r.ok(&["version", "--format", "{{.Client.Version}}"])?.trim(), env!("CARGO_PKG_VERSION"));
    let img = r.pull("busybox")?;
    r.ok(&["run", "-d", &img, "sleep", "100"])?;
    r.ok(&["create", &img])?;
    let info = r.ok(&["info"])?;
    for line in [
        " Containers: 2",
        "  Running: 1",
        "  Stopped: 1",
        " Images: 1",
        " Storage Driver: overlay2",
        " Logging Driver: json-file",
    ] {
        check!(info.contains(line), "info lacks {line:?}:\n{info}");
    }
    // Rootless on this kind of host (cgroup v1, no delegation) there is no
    // container cgroup, and info says so.
    let v2_delegated =
        crate::support::rootless() && std::path::Path::new("/sys/fs/cgroup/cgroup.controllers").exists();
    let cgroups = if crate::support::rootless() && !v2_delegated { "none" } else { "cgroupfs" };
    check!(info.contains(&format!(" Cgroup Driver: {cgroups}")), "{info}");
    check_eq!(r.ok(&["info", "-f", "{{.Rootless}}"])?.trim(), crate::support::rootless().to_string());
    check!(info.contains(&format!(" Docker Root Dir: {}", r.root.display())));
    let cg = if std::path::Path::new("/sys/fs/cgroup/cgroup.controllers").exists() { "2" } else { "1" };
    check_eq!(r.ok(&["info", "-f", "{{.CgroupVersion}} {{.ContainersRunning}}"])?.trim(), format!("{cg} 1"));
    Ok(())
}

fn group_aliases() -> TestResult {
    let r = Rdock::new();
    let img = r.pull("busybox")?;
    check_eq!(r.ok(&["container", "run", "--rm", &img, "echo", "grouped"])?, "grouped\n");
    r.ok(&["container", "create", "--name", "gg", &img])?;
    for ls in [["container", "ls"], ["container", "ps"], ["container", "list"]] {
        check!(r.ok(&[ls[0], ls[1], "-a"])?.contains(" gg\n"), "{ls:?}");
    }
    check!(r.ok(&["image", "ls"])?.contains("busybox"));
    check!(r.ok(&["image", "list", "-q"])?.len() == 13);
    check_eq!(r.ok(&["image", "pull", "-q", &img])?.trim(), format!("{img}:latest"));
    check_eq!(r.ok(&["container", "rm", "gg"])?, "gg\n");
    Ok(())
}

fn completions_are_current() -> TestResult {
    let dir = std::env::var_os("RDOCK_TEST_COMPLETIONS")
        .map(std::path::PathBuf::from)
        .unwrap_or_else(|| std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("completions"));
    for (shell, file) in [("bash", "rdock.bash"), ("zsh", "_rdock"), ("fish", "rdock.fish")] {
        let out = std::process::Command::new(bin()).args(["completion", shell]).output()?;
        check!(out.status.success());
        let committed = std::fs::read(dir.join(file))
            .map_err(|e| format!("{file}: {e} (run scripts/gen-completions.sh)"))?;
        check!(committed == out.stdout, "completions/{file} is stale: run scripts/gen-completions.sh");
    }
    Ok(())
}

fn state_dir_from_env() -> TestResult {
    let dir = crate::support::temp_dir("env");
    let out = std::process::Command::new(bin())
        .env("RDOCK_ROOT", &dir)
        .args(["info", "-f", "{{.DockerRootDir}}|{{.RunRoot}}"])
        .output()?;
    let text = String::from_utf8_lossy(&out.stdout).trim().to_string();
    check_eq!(text, format!("{}|{}/run", dir.display(), dir.display()));
    if crate::support::rootless() {
        // A user's defaults: XDG_DATA_HOME and XDG_RUNTIME_DIR, or a private
        // /tmp/rdock-UID without the latter.
        let info = |runtime: Option<&std::path::Path>| -> std::io::Result<String> {
            let mut c = std::process::Command::new(bin());
            c.env_remove("RDOCK_ROOT").env("XDG_DATA_HOME", dir.join("data"));
            match runtime {
                Some(r) => c.env("XDG_RUNTIME_DIR", r),
                None => c.env_remove("XDG_RUNTIME_DIR"),
            };
            let out = c.args(["info", "-f", "{{.DockerRootDir}}|{{.RunRoot}}"]).output()?;
            Ok(String::from_utf8_lossy(&out.stdout).trim().to_string())
        };
        check_eq!(
            info(Some(&dir.join("run")))?,
            format!("{}/data/rdock|{}/run/rdock", dir.display(), dir.display())
        );
        let uid = nix::unistd::getuid().as_raw();
        check_eq!(info(None)?, format!("{}/data/rdock|/tmp/rdock-{uid}", dir.display()));
        use std::os::unix::fs::PermissionsExt;
        check_eq!(std::fs::metadata(format!("/tmp/rdock-{uid}"))?.permissions().mode() & 0o777, 0o700);
    }
    let _ = std::fs::remove_dir_all(&dir);
    Ok(())
}

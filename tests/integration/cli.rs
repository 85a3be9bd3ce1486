//! The command line itself: help, version, info, aliases, completions, state dirs.

use crate::support::{bin, events_now, rootless, temp_dir, Rdock, TestResult};
use crate::{check, check_eq, Test};

pub const TESTS: &[Test] = &[
    ("cli::help_and_parse_errors", help_and_parse_errors),
    ("cli::version_and_info", version_and_info),
    ("cli::group_aliases", group_aliases),
    ("cli::completions_are_current", completions_are_current),
    ("cli::state_dir_from_env", state_dir_from_env),
    ("cli::bad_flags_refused_at_create", bad_flags_refused_at_create),
    ("cli::missing_arguments", missing_arguments),
    ("cli::forced_removals_and_closed_output", forced_removals_and_closed_output),
    ("cli::global_options_and_contexts", global_options_and_contexts),
    ("cli::ps_filters", ps_filters),
    ("cli::prune_until_and_system_info", prune_until_and_system_info),
    ("cli::more_run_flags", more_run_flags),
    ("cli::resource_flags", resource_flags),
    ("cli::restart_and_health_flags", restart_and_health_flags),
    ("cli::namespace_modes", namespace_modes),
    ("cli::devices_attach_and_windows_flags", devices_attach_and_windows_flags),
    ("cli::log_drivers_and_rotation", log_drivers_and_rotation),
    ("cli::links_and_cgroup_parent", links_and_cgroup_parent),
    ("cli::update_applies_live", update_applies_live),
    ("cli::system_df_verbose", system_df_verbose),
    ("cli::other_commands_flags", other_commands_flags),
    ("cli::events_across_processes", events_across_processes),
    ("cli::events_of_prunes_and_builds", events_of_prunes_and_builds),
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
    // As Docker 28: an unknown command and too few arguments exit 1, a bad flag 125.
    let out = r.run(&["frobnicate"]);
    check_eq!(out.code, 1);
    check!(out.stderr.starts_with("rdock: unknown command: rdock frobnicate\n"), "{}", out.stderr);
    check_eq!(r.run(&["ps", "--bogus"]).code, 125);
    check_eq!(r.run(&["stop"]).code, 1);
    Ok(())
}

fn version_and_info() -> TestResult {
    let r = Rdock::new();
    let v = r.ok(&["version"])?;
    check!(v.starts_with("Client:\n Version:"), "{v}");
    check!(v.contains("Server: rdock"), "{v}");
    // Docker's version numbers, so version gates pass; rdock's own beside them.
    check_eq!(
        r.ok(&["version", "--format", "{{.Client.Version}} {{.Server.Version}}"])?.trim(),
        "28.2.2 28.2.2"
    );
    // Version gates: the GitHub Actions runner wants API 1.35 or newer, named as Go names it.
    let api = r.out(&["version", "--format", "{{.Server.APIVersion}}"])?;
    let minor: u32 = api.strip_prefix("1.").and_then(|m| m.parse().ok()).unwrap_or(0);
    check!(minor >= 35, "{api}");
    for flag in ["-v", "--version"] {
        check_eq!(
            r.out(&[flag])?,
            format!("rdock version 28.2.2, build rdock-{}", env!("CARGO_PKG_VERSION"))
        );
    }
    let img = r.pull("busybox")?;
    check_eq!(
        r.out(&["image", "inspect", "--format", "{{.ID}}", &img])?,
        r.out(&["image", "inspect", "--format", "{{.Id}}", &img])?
    );
    check!(!r.out(&["image", "inspect", "--format", "{{json .}}", &img])?.contains("\"ID\""));
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

/// Each bad flag: Docker's one line, exit 125, before any container exists.
fn bad_flags_refused_at_create() -> TestResult {
    let r = Rdock::new();
    let img = r.pull("busybox")?;
    let long_name = "a".repeat(100);
    let cases: &[(&[&str], String)] = &[
        (&["--bogus"], "unknown flag: --bogus".into()),
        (&["--restart=sometimes"], "rdock: Error response from daemon: invalid restart policy: unknown policy 'sometimes'; use one of 'no', 'always', 'on-failure', or 'unless-stopped'".into()),
        (&["-itz"], "unknown shorthand flag: 'z' in -itz".into()),
        (&["-v", ":/x"], "rdock: invalid spec: :/x: empty section between colons".into()),
        (&["-v", "/a:/b:ro:x"], "rdock: invalid spec: /a:/b:ro:x: too many colons".into()),
        (&["-e", "=x"], r#"invalid argument "=x" for "-e, --env" flag: invalid environment variable: =x"#.into()),
        (
            &["--memory", "99999999999g"],
            r#"invalid argument "99999999999g" for "-m, --memory" flag: invalid size: '99999999999g': out of range"#
                .into(),
        ),
        (&["-m", "abc"], r#"invalid argument "abc" for "-m, --memory" flag: invalid size: 'abc'"#.into()),
        (
            &["--tmpfs", "/x:size=abc"],
            r#"invalid argument "/x:size=abc" for "--tmpfs" flag: invalid value for size: abc"#.into(),
        ),
        (
            &["--hostname", &long_name],
            format!(
                r#"invalid argument "{long_name}" for "-h, --hostname" flag: hostname is 100 characters long, at most 64 are allowed"#
            ),
        ),
        (&["--cpus", "abc"], r#"invalid argument "abc" for "--cpus" flag: failed to parse abc as a rational number"#.into()),
        (
            &["--pids-limit", "abc"],
            r#"invalid argument "abc" for "--pids-limit" flag: strconv.ParseInt: parsing "abc": invalid syntax"#.into(),
        ),
        (&["-l", "=x"], r#"invalid argument "=x" for "-l, --label" flag: invalid label '=x': empty name"#.into()),
        (&["--dns", "1.2.3"], r#"invalid argument "1.2.3" for "--dns" flag: IP address is not correctly formatted: 1.2.3"#.into()),
        (&["--add-host", "foo"], r#"invalid argument "foo" for "--add-host" flag: bad format for add-host: "foo""#.into()),
        (&["-p", "abc"], "rdock: invalid containerPort: abc".into()),
        (&["-p", "99999:80"], "rdock: invalid hostPort: 99999".into()),
        (&["--expose", "abc"], r#"rdock: invalid range format for --expose: abc, error: strconv.ParseUint: parsing "abc": invalid syntax"#.into()),
        (&["--mac-address", "zz"], "rdock: zz is not a valid mac address".into()),
        (&["--mount", "type=bind"], r#"invalid argument "type=bind" for "--mount" flag: target is required"#.into()),
        (&["-e"], "flag needs an argument: 'e' in -e".into()),
        (&["--name", "a/b"], "rdock: Error response from daemon: Invalid container name (a/b), only [a-zA-Z0-9][a-zA-Z0-9_.-] are allowed".into()),
        (&["-w", "rel"], "rdock: Error response from daemon: the working directory 'rel' is invalid, it needs to be an absolute path".into()),
        (&["--stop-signal", "FOO"], "rdock: Error response from daemon: Invalid signal: FOO".into()),
    ];
    for (flags, line) in cases {
        for cmd in ["run", "create"] {
            let mut args = vec![cmd];
            args.extend_from_slice(flags);
            // `-e` as the last word is the missing-value case.
            if flags != &["-e"] {
                args.extend([img.as_str(), "true"]);
            }
            let out = r.run(&args);
            check_eq!((out.code, out.stderr.trim_end()), (125, line.as_str()));
            check_eq!(r.ok(&["ps", "-aq"])?, "");
        }
    }
    // After the image, everything is the command's, flags included.
    check_eq!(r.ok(&["run", "--rm", &img, "echo", "--bogus", "-z"])?, "--bogus -z\n");
    let out = r.run(&["exec", "--bogus", "c", "true"]);
    check_eq!((out.code, out.stderr.trim_end()), (125, "unknown flag: --bogus"));
    Ok(())
}

/// Too few arguments: cobra's words (how many the command takes), rc 1.
fn missing_arguments() -> TestResult {
    let r = Rdock::new();
    for (args, want) in [
        (&["run"][..], "'rdock run' requires at least 1 argument"),
        (&["pull"][..], "'rdock pull' requires 1 argument"),
        (&["tag", "x"][..], "'rdock tag' requires 2 arguments"),
        (&["exec", "c"][..], "'rdock exec' requires at least 2 arguments"),
        (&["network", "create"][..], "'rdock network create' requires 1 argument"),
    ] {
        let out = r.run(args);
        check_eq!(out.code, 1);
        check!(out.stderr.starts_with(&format!("rdock: {want}\n")), "{args:?}: {}", out.stderr);
    }
    Ok(())
}

/// `rm -f`, `rmi -f` and `volume rm -f` of what is not there report it and
/// succeed (set -e cleanup depends on it); a reader that goes away early
/// (`inspect X | head -1`) ends rdock as SIGPIPE ends Go's docker, quietly.
fn forced_removals_and_closed_output() -> TestResult {
    let r = Rdock::new();
    for args in [&["rm", "-f", "nosuch"][..], &["rmi", "-f", "nosuch"], &["volume", "rm", "-f", "nosuch"]] {
        let out = r.run(args);
        check_eq!(out.code, 0);
        check!(
            out.stderr.starts_with("Error response from daemon: ") && out.stderr.contains("nosuch"),
            "{}",
            out.stderr
        );
        let mut strict = args.to_vec();
        strict.retain(|a| *a != "-f");
        check_eq!(r.run(&strict).code, 1);
    }
    let img = r.pull("busybox")?;
    let many: Vec<&str> = std::iter::once("image")
        .chain(std::iter::once("inspect"))
        .chain(std::iter::repeat_n(img.as_str(), 400))
        .collect();
    let mut child = r
        .command(&many)
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("spawn");
    let mut first = [0u8; 1];
    use std::io::Read;
    child.stdout.take().expect("stdout").read_exact(&mut first).expect("read");
    let out = child.wait_with_output().expect("wait");
    let stderr = String::from_utf8_lossy(&out.stderr);
    check!(!stderr.contains("panicked"), "{stderr}");
    use std::os::unix::process::ExitStatusExt;
    check!(out.status.signal() == Some(13) || out.status.success(), "{:?}", out.status);
    Ok(())
}

/// Docker's global options and its one context, as scripts and CI runners use them.
fn global_options_and_contexts() -> TestResult {
    let r = Rdock::new();
    let cfg = temp_dir("cfg");
    std::fs::write(cfg.join("config.json"), r#"{"auths":{"127.0.0.1:1":{"auth":"dTpw"}}}"#).expect("write");
    let c = cfg.to_string_lossy().into_owned();
    // logout reads and rewrites the config.json --config names.
    let out = r.run(&["--config", &c, "logout", "127.0.0.1:1"]);
    check_eq!(out.code, 0);
    check!(!std::fs::read_to_string(cfg.join("config.json")).unwrap_or_default().contains("127.0.0.1:1"));
    check_eq!(
        r.run(&["-D", "-l", "info", "-H", "unix:///var/run/docker.sock", "--context", "default", "ps"]).code,
        0
    );
    let out = r.run(&["-H", "tcp://10.0.0.1:2375", "ps"]);
    check!(out.code == 1 && out.stderr.contains("no daemon"), "{}", out.stderr);
    let out = r.run(&["--context", "other", "ps"]);
    check!(out.code == 1 && out.stderr.contains("context \"other\" does not exist"), "{}", out.stderr);
    check_eq!(
        r.ok(&["context", "ls"])?,
        "NAME        DESCRIPTION                               DOCKER ENDPOINT               ERROR\ndefault *   Current DOCKER_HOST based configuration   unix:///var/run/docker.sock   \n"
    );
    check_eq!(r.out(&["context", "show"])?, "default");
    check_eq!(
        r.out(&["context", "inspect", "-f", "{{.Name}} {{.Endpoints.docker.Host}}"])?,
        "default unix:///var/run/docker.sock"
    );
    check_eq!(r.run(&["context", "use", "other"]).code, 1);
    let help = r.ok(&["help", "run"])?;
    check!(help.contains("Usage: rdock run"), "{help}");
    let _ = std::fs::remove_dir_all(&cfg);
    Ok(())
}

fn ps_filters() -> TestResult {
    let r = Rdock::new();
    let img = r.pull("busybox")?;
    r.ok(&["run", "-d", "--name", "web-1", "--expose", "8080", "-v", "data:/data", &img, "sleep", "60"])?;
    r.ok(&["run", "-d", "--name", "db", "--network", "none", &img, "sleep", "60"])?;
    r.ok(&["create", "--name", "idle", &img, "true"])?;
    let names = |f: &[&str]| -> Result<String, libtest_mimic::Failed> {
        let mut args = vec!["ps", "-a", "--format", "{{.Names}}"];
        for x in f {
            args.push("--filter");
            args.push(x);
        }
        let out = r.out(&args)?;
        let mut v: Vec<&str> = out.lines().collect();
        v.sort();
        Ok(v.join(","))
    };
    check_eq!(names(&["name=^web-[0-9]$"])?, "web-1");
    check_eq!(names(&["name=^/db$"])?, "db");
    check_eq!(names(&["name=b"])?, "db,web-1");
    check_eq!(names(&["expose=8080/tcp"])?, "web-1");
    check_eq!(names(&["volume=data"])?, "web-1");
    check_eq!(names(&["volume=/data"])?, "web-1");
    check_eq!(names(&["network=none"])?, "db");
    check_eq!(names(&["health=none"])?, "db,idle,web-1");
    check_eq!(names(&["is-task=true"])?, "");
    check_eq!(names(&["status=created"])?, "idle");
    check_eq!(names(&["name=web", "network=none"])?, "");
    check!(r.run(&["ps", "--filter", "health=bogus"]).code != 0);
    check!(r.run(&["ps", "--filter", "name=["]).code != 0);
    r.ok(&["rm", "-f", "web-1", "db", "idle"])?;
    Ok(())
}

fn prune_until_and_system_info() -> TestResult {
    let r = Rdock::new();
    r.ok(&["network", "create", "young"])?;
    check_eq!(r.out(&["network", "prune", "-f", "--filter", "until=1h"])?, "");
    check_eq!(r.out(&["network", "prune", "-f", "--filter", "until=0s"])?, "Deleted Networks:\nyoung");
    check!(r.run(&["network", "prune", "-f", "--filter", "until=soon"]).code != 0);
    check_eq!(
        r.out(&["system", "info", "--format", "{{.Containers}}"])?,
        r.out(&["info", "--format", "{{.Containers}}"])?
    );
    Ok(())
}

/// run/create flags Docker has: --domainname, --shm-size, --ulimit,
/// --oom-score-adj, --sysctl, --group-add, --cidfile, --label-file, and a
/// repeated single-value flag keeps its last value.
fn more_run_flags() -> TestResult {
    let r = Rdock::new();
    let img = r.pull("busybox")?;
    let dir = temp_dir("flags");
    let cid = dir.join("cid");
    std::fs::write(dir.join("labels"), "a=1\n# comment\nb=2\n").expect("write");
    let (c, l) = (cid.to_string_lossy().into_owned(), dir.join("labels").to_string_lossy().into_owned());
    let out = r.ok(&[
        "run", "--name", "first", "--name", "flags", "--domainname", "example.org", "--shm-size", "16m",
        "--ulimit", "nofile=100:200", "--oom-score-adj", "500", "--sysctl", "net.ipv4.ip_forward=1",
        "--group-add", "staff", "--group-add", "4444", "--cidfile", &c, "--label-file", &l, &img, "sh", "-c",
        "cat /proc/sys/kernel/domainname; df -k /dev/shm | tail -1 | awk '{print $2}'; ulimit -n; cat /proc/self/oom_score_adj; cat /proc/sys/net/ipv4/ip_forward; id -G",
    ])?;
    check_eq!(out, "example.org\n16384\n100\n500\n1\n0 50 4444\n");
    let id = r.id("flags")?;
    check_eq!(std::fs::read_to_string(&cid).unwrap_or_default(), id);
    let host = r.inspect("flags")?["HostConfig"].clone();
    check_eq!(host["ShmSize"], 16 << 20);
    check_eq!(host["OomScoreAdj"], 500);
    check_eq!(host["GroupAdd"], serde_json::json!(["staff", "4444"]));
    check_eq!(r.inspect("flags")?["Config"]["Labels"], serde_json::json!({"a": "1", "b": "2"}));
    let again = r.run(&["create", "--cidfile", &c, &img]);
    check!(again.code == 125 && again.stderr.contains("Container ID file found"), "{}", again.stderr);
    let bad = r.run(&["create", "--oom-score-adj", "2000", &img]);
    check!(
        bad.code == 125 && bad.stderr.contains("range for oom score adj is [-1000, 1000]"),
        "{}",
        bad.stderr
    );
    let bad = r.run(&["run", "--rm", "--group-add", "nosuchgroup", &img, "true"]);
    check!(bad.code != 0 && bad.stderr.contains("Unable to find group nosuchgroup"), "{}", bad.stderr);
    r.ok(&["rm", "flags"])?;
    // One runtime, the local volume driver, no GPUs or storage quotas; the
    // platform must be the image's.
    for (args, msg) in [
        (&["--runtime", "kata"][..], "unknown or invalid runtime name: kata"),
        (&["--volume-driver", "nfs"], "plugin \"nfs\" not found"),
        (&["--storage-opt", "size=1G"], "--storage-opt is supported only for overlay over xfs"),
        (&["--gpus", "all"], "could not select device driver"),
        (
            &["--platform", "linux/arm64"],
            "does not match the specified platform: wanted linux/arm64, actual: linux/amd64",
        ),
    ] {
        let mut a = vec!["create", "-q"];
        a.extend(args);
        a.push(&img);
        let out = r.run(&a);
        check!(out.code == 125 && out.stderr.contains(msg), "{args:?}: {}", out.stderr);
    }
    r.ok(&[
        "create",
        "--name",
        "ann",
        "--annotation",
        "org.example=1",
        "--runtime",
        "rdock",
        "--volume-driver",
        "local",
        "--platform",
        "linux/amd64",
        &img,
    ])?;
    check_eq!(r.inspect("ann")?["HostConfig"]["Annotations"], serde_json::json!({"org.example": "1"}));
    r.ok(&["rm", "ann"])?;
    let _ = std::fs::remove_dir_all(&dir);
    Ok(())
}

/// The cgroup flags of run/create: applied where the container gets a cgroup,
/// refused in Docker's words when they make no sense, one clear line rootless
/// without a delegated cgroup.
fn resource_flags() -> TestResult {
    let r = Rdock::new();
    let img = r.pull("busybox")?;
    let flags = [
        "-m",
        "64m",
        "--memory-swap",
        "128m",
        "--memory-reservation",
        "32m",
        "--memory-swappiness",
        "10",
        "-c",
        "512",
        "--cpuset-cpus",
        "0",
        "--cpu-period",
        "100000",
        "--cpu-quota",
        "50000",
    ];
    let mut args = vec!["create", "--name", "res"];
    args.extend(flags);
    args.push(&img);
    if r.has_cgroups() {
        r.ok(&args)?;
        let h = r.inspect("res")?["HostConfig"].clone();
        for (k, v) in [
            ("Memory", 64 << 20),
            ("MemorySwap", 128 << 20),
            ("MemoryReservation", 32 << 20),
            ("CpuShares", 512),
            ("CpuQuota", 50000),
            ("MemorySwappiness", 10),
        ] {
            check_eq!(h[k], v);
        }
        check_eq!(h["CpusetCpus"], "0");
        r.ok(&["rm", "res"])?;
        let v1 = "cat /sys/fs/cgroup/memory/memory.soft_limit_in_bytes /sys/fs/cgroup/cpu/cpu.shares /sys/fs/cgroup/cpuset/cpuset.cpus";
        let v2 = "cat /sys/fs/cgroup/memory.low /sys/fs/cgroup/cpu.weight /sys/fs/cgroup/cpuset.cpus";
        let script = format!("if [ -d /sys/fs/cgroup/memory ]; then {v1}; else {v2}; fi");
        let mut run = vec!["run", "--rm"];
        run.extend(flags);
        run.extend([img.as_str(), "sh", "-c", script.as_str()]);
        let out = r.out(&run)?;
        // v1: the bytes and shares as given; v2: memory.low and the weight shares map to.
        check!(out == "33554432\n512\n0" || out == "33554432\n20\n0", "{out}");
    } else {
        let out = r.run(&args);
        check!(out.code == 125 && out.stderr.contains("no delegated cgroup v2 subtree"), "{}", out.stderr);
    }
    for (bad, msg) in [
        (&["--memory-swap", "1g"][..], "You should always set the Memory limit when using Memoryswap limit"),
        (
            &["-m", "64m", "--memory-swap", "32m"],
            "Minimum memoryswap limit should be larger than memory limit",
        ),
        (&["--memory-swappiness", "101"], "valid memory swappiness range is 0-100"),
        (&["--cpus", "1", "--cpu-period", "100000"], "Nano CPUs and CPU Period cannot both be set"),
        (&["--cpu-quota", "10"], "CPU cfs quota can not be less than 1ms"),
        (&["--blkio-weight", "5"], "Range of blkio weight is from 10 to 1000"),
    ] {
        let mut a = vec!["create"];
        a.extend(bad);
        a.push(&img);
        let out = r.run(&a);
        check!(out.code == 125 && out.stderr.contains(msg), "{bad:?}: {}", out.stderr);
    }
    Ok(())
}

/// --restart and --health-* are parsed, stored and shown (what the
/// supervisor does with them is the next issue's); the image's HEALTHCHECK
/// is the default, merged field by field with the flags.
fn restart_and_health_flags() -> TestResult {
    let r = Rdock::new();
    let img = r.pull("busybox")?;
    let ctx = temp_dir("hc");
    std::fs::write(
        ctx.join("Dockerfile"),
        format!("FROM {img}\nHEALTHCHECK --interval=30s --retries=4 CMD test -e /\n"),
    )
    .expect("write");
    r.ok(&["build", "-q", "-t", "withhc", &ctx.to_string_lossy()])?;
    let _ = std::fs::remove_dir_all(&ctx);
    r.ok(&["create", "--name", "hc-a", "--restart", "on-failure:3", "withhc"])?;
    let a = r.inspect("hc-a")?;
    check_eq!(
        a["HostConfig"]["RestartPolicy"],
        serde_json::json!({"Name": "on-failure", "MaximumRetryCount": 3})
    );
    check_eq!(
        a["Config"]["Healthcheck"],
        serde_json::json!({"Test": ["CMD-SHELL", "test -e /"], "Interval": 30_000_000_000u64, "Retries": 4})
    );
    r.ok(&["create", "--name", "hc-b", "--health-cmd", "true", "--health-timeout", "2s", "withhc"])?;
    check_eq!(
        r.inspect("hc-b")?["Config"]["Healthcheck"],
        serde_json::json!({"Test": ["CMD-SHELL", "true"], "Interval": 30_000_000_000u64, "Timeout": 2_000_000_000u64, "Retries": 4})
    );
    r.ok(&["create", "--name", "hc-c", "--no-healthcheck", "--restart", "unless-stopped", "withhc"])?;
    let c = r.inspect("hc-c")?;
    check_eq!(c["Config"]["Healthcheck"]["Test"], serde_json::json!(["NONE"]));
    check_eq!(c["HostConfig"]["RestartPolicy"]["Name"], "unless-stopped");
    r.ok(&["create", "--name", "hc-d", &img])?;
    check!(r.inspect("hc-d")?["Config"].get("Healthcheck").is_none());
    check_eq!(r.inspect("hc-d")?["HostConfig"]["RestartPolicy"]["Name"], "no");
    for (args, msg) in [
        (&["--restart", "sometimes"][..], "unknown policy 'sometimes'"),
        (&["--restart", "always:3"], "maximum retry count can only be used with 'on-failure'"),
        (&["--rm", "--restart", "always"], "cannot specify both --restart and --rm"),
        (&["--no-healthcheck", "--health-cmd", "x"], "--no-healthcheck conflicts with --health-* options"),
        (&["--health-interval", "soon"], "invalid duration"),
    ] {
        let mut v = vec!["create"];
        v.extend(args);
        v.push(&img);
        let out = r.run(&v);
        check!(out.code == 125 && out.stderr.contains(msg), "{args:?}: {}", out.stderr);
    }
    r.ok(&["rm", "hc-a", "hc-b", "hc-c", "hc-d"])?;
    Ok(())
}

/// --pid, --ipc and --uts: the host's namespace or a running container's.
fn namespace_modes() -> TestResult {
    let r = Rdock::new();
    let img = r.pull("busybox")?;
    let host = std::fs::read_to_string("/proc/sys/kernel/hostname").unwrap_or_default();
    check_eq!(r.ok(&["run", "--rm", "--uts", "host", &img, "hostname"])?, host);
    r.detach("nsowner", &img, "touch /tmp/up; sleep 60")?;
    check!(wait_for_file(&r, "nsowner", "/tmp/up"), "the owner did not start");
    let theirs = r.out(&["exec", "nsowner", "readlink", "/proc/self/ns/ipc"])?;
    check_eq!(
        r.out(&["run", "--rm", "--ipc", "container:nsowner", &img, "readlink", "/proc/self/ns/ipc"])?,
        theirs
    );
    check!(r.out(&["run", "--rm", &img, "readlink", "/proc/self/ns/ipc"])? != theirs);
    let ps = r.out(&["run", "--rm", "--pid", "container:nsowner", &img, "ps", "-o", "args"])?;
    check!(ps.contains("sleep 60"), "{ps}");
    if !crate::support::rootless() {
        let n = r.out(&["run", "--rm", "--pid", "host", &img, "sh", "-c", "ls -d /proc/[0-9]* | wc -l"])?;
        check!(n.parse::<u32>().unwrap_or(0) > 10, "{n}");
    }
    let h = r.inspect("nsowner")?["HostConfig"].clone();
    check_eq!(h["IpcMode"], "private");
    for (args, msg) in [
        (&["--pid", "bogus"][..], "invalid PID mode: bogus"),
        (&["--ipc", "nosuch"], "invalid IPC mode: nosuch"),
        (&["--uts", "host", "-h", "named"], "Conflicting options: hostname and the UTS mode"),
    ] {
        let mut v = vec!["create"];
        v.extend(args);
        v.push(&img);
        let out = r.run(&v);
        check!(out.code == 125 && out.stderr.contains(msg), "{args:?}: {}", out.stderr);
    }
    r.ok(&["rm", "-f", "nsowner"])?;
    Ok(())
}

fn wait_for_file(r: &Rdock, ctr: &str, path: &str) -> bool {
    crate::support::wait_for(std::time::Duration::from_secs(10), || {
        r.run(&["exec", ctr, "test", "-e", path]).code == 0
    })
}

fn devices_attach_and_windows_flags() -> TestResult {
    let r = Rdock::new();
    let img = r.pull("busybox")?;
    // A host device under another name (rootless: bound in), usable.
    let out = r.ok(&[
        "run",
        "--rm",
        "--device",
        "/dev/null:/dev/mynull",
        &img,
        "sh",
        "-c",
        "test -c /dev/mynull && echo x > /dev/mynull && echo ok",
    ])?;
    check_eq!(out, "ok\n");
    let bad = r.run(&["run", "--rm", "--device", "/dev/nope", &img, "true"]);
    check_eq!(bad.code, 125);
    check!(bad.stderr.contains("error gathering device information while adding custom device \"/dev/nope\": no such file or directory"), "{}", bad.stderr);
    let rule = r.run(&["create", "--device-cgroup-rule", "x 1", &img]);
    check!(rule.code == 125 && rule.stderr.contains("invalid device cgroup format 'x 1'"), "{}", rule.stderr);
    let weight = r.run(&["create", "--blkio-weight-device", "/dev/sda:5", &img]);
    check!(
        weight.code == 125 && weight.stderr.contains("invalid weight for device: /dev/sda:5"),
        "{}",
        weight.stderr
    );
    let rate = r.run(&["create", "--device-read-bps", "/dev/sda:fast", &img]);
    check!(
        rate.code == 125 && rate.stderr.contains("invalid rate for device: /dev/sda:fast"),
        "{}",
        rate.stderr
    );
    r.ok(&[
        "create",
        "--name",
        "devs",
        "--device",
        "/dev/fuse",
        "--device-cgroup-rule",
        "c 10:229 rwm",
        "--device-read-bps",
        "/dev/sda:1mb",
        "--device-write-iops",
        "/dev/sda:100",
        "--blkio-weight-device",
        "/dev/sda:200",
        &img,
        "true",
    ])?;
    let host = r.inspect("devs")?["HostConfig"].clone();
    check_eq!(
        host["Devices"],
        serde_json::json!([{"PathOnHost": "/dev/fuse", "PathInContainer": "/dev/fuse", "CgroupPermissions": "rwm"}])
    );
    check_eq!(host["DeviceCgroupRules"], serde_json::json!(["c 10:229 rwm"]));
    check_eq!(host["BlkioDeviceReadBps"], serde_json::json!([{"Path": "/dev/sda", "Rate": 1048576}]));
    check_eq!(host["BlkioDeviceWriteIOps"], serde_json::json!([{"Path": "/dev/sda", "Rate": 100}]));
    check_eq!(host["BlkioWeightDevice"], serde_json::json!([{"Path": "/dev/sda", "Weight": 200}]));
    // -a: only the streams named.
    let out = r.run(&["run", "--rm", "-a", "stdout", &img, "sh", "-c", "echo out; echo err >&2"]);
    check_eq!((out.stdout.as_str(), out.stderr.as_str(), out.code), ("out\n", "", 0));
    let out = r.run(&["run", "--rm", "-a", "STDERR", &img, "sh", "-c", "echo out; echo err >&2"]);
    check_eq!((out.stdout.as_str(), out.stderr.as_str()), ("", "err\n"));
    let both = r.run(&["run", "-d", "-a", "stdout", &img, "true"]);
    check!(both.code != 0 && both.stderr.contains("Conflicting options: -a and -d"), "{}", both.stderr);
    let bad = r.run(&["run", "-a", "stdio", &img, "true"]);
    check!(
        bad.code == 125 && bad.stderr.contains("valid streams are STDIN, STDOUT and STDERR"),
        "{}",
        bad.stderr
    );
    // Windows-only and deprecated flags, as Docker answers them on Linux.
    let w = r.run(&[
        "run",
        "--rm",
        "--cpu-count",
        "2",
        "--cpu-percent",
        "50",
        "--kernel-memory",
        "10m",
        &img,
        "true",
    ]);
    check_eq!(w.code, 0);
    for warning in [
        "linux does not support CPU count",
        "linux does not support CPU percent",
        "kernel memory limit is deprecated",
    ] {
        check!(w.stderr.contains(warning), "{}", w.stderr);
    }
    for (flag, value, why) in [
        ("--isolation", "hyperv", "linux only supports 'default'"),
        ("--io-maxiops", "10", "does not support Maximum IO Bandwidth or Maximum IO IOps"),
        ("--io-maxbandwidth", "1m", "does not support Maximum IO Bandwidth or Maximum IO IOps"),
    ] {
        let out = r.run(&["create", flag, value, &img]);
        check!(out.code == 125 && out.stderr.contains(why), "{flag}: {}", out.stderr);
    }
    r.ok(&[
        "create",
        "--isolation",
        "default",
        "--disable-content-trust",
        "--disable-content-trust=false",
        &img,
    ])?;
    r.ok(&["rm", "-f", "devs"])?;
    let _ = r.run(&["container", "prune", "-f"]);
    Ok(())
}

fn log_drivers_and_rotation() -> TestResult {
    let r = Rdock::new();
    let img = r.pull("busybox")?;
    r.ok(&["run", "--name", "quiet", "--log-driver", "none", &img, "echo", "hi"])?;
    let logs = r.run(&["logs", "quiet"]);
    check!(
        logs.code == 1 && logs.stderr.contains("configured logging driver does not support reading"),
        "{}",
        logs.stderr
    );
    check_eq!(r.ok(&["inspect", "-f", "{{.HostConfig.LogConfig.Type}}", "quiet"])?, "none\n");
    let id = r.id("quiet")?;
    check!(!r.root.join("containers").join(&id).join(format!("{id}-json.log")).exists(), "none keeps no log");
    for (args, why) in [
        (vec!["--log-driver", "syslog"], "logger: no log driver named 'syslog' is registered"),
        (vec!["--log-opt", "foo=1"], "unknown log opt 'foo' for json-file log driver"),
        (vec!["--log-opt", "max-file=3"], "max-file cannot be greater than 1 when max-size is not set"),
    ] {
        let mut a = vec!["create"];
        a.extend(args);
        a.push(&img);
        let out = r.run(&a);
        check!(out.code == 125 && out.stderr.contains(why), "{why}: {}", out.stderr);
    }
    // 2000 lines of ~60 bytes (120 kB) through a 10 kB, 2-file log.
    r.ok(&[
        "run",
        "--name",
        "chatty",
        "--log-opt",
        "max-size=10k",
        "--log-opt",
        "max-file=2",
        &img,
        "sh",
        "-c",
        "i=0; while [ $i -lt 2000 ]; do echo line $i; i=$((i+1)); done",
    ])?;
    check_eq!(r.ok(&["logs", "--tail", "1", "chatty"])?, "line 1999\n");
    let id = r.id("chatty")?;
    let dir = r.root.join("containers").join(&id);
    let on_disk: u64 = std::fs::read_dir(&dir)
        .expect("container dir")
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().contains("-json.log"))
        .map(|e| e.metadata().map(|m| m.len()).unwrap_or(0))
        .sum();
    check!(on_disk > 0 && on_disk <= 20_000, "the log takes {on_disk} bytes");
    check!(dir.join(format!("{id}-json.log.1")).exists() && !dir.join(format!("{id}-json.log.2")).exists());
    let all = r.ok(&["logs", "chatty"])?;
    let first: u32 =
        all.lines().next().and_then(|l| l.strip_prefix("line ")).and_then(|n| n.parse().ok()).unwrap_or(0);
    check!(first > 0 && all.lines().count() == (2000 - first) as usize, "kept lines {first}..1999 in order");
    check_eq!(
        r.ok(&[
            "inspect",
            "-f",
            "{{.HostConfig.LogConfig.Type}} {{.HostConfig.LogConfig.Config}}",
            "chatty"
        ])?,
        "json-file map[max-file:2 max-size:10k]\n"
    );
    r.ok(&["run", "--rm", "--log-driver", "local", &img, "true"])?;
    r.ok(&["rm", "quiet", "chatty"])?;
    Ok(())
}

fn links_and_cgroup_parent() -> TestResult {
    let r = Rdock::new();
    let img = r.pull("busybox")?;
    let missing = r.run(&["create", "--link", "nope:db", &img]);
    check!(
        missing.code == 125 && missing.stderr.contains("could not get container for nope"),
        "{}",
        missing.stderr
    );
    let bad = r.run(&["create", "--link-local-ip", "10.0.0.1", &img]);
    check!(
        bad.code == 125 && bad.stderr.contains("invalid link-local IP address: 10.0.0.1"),
        "{}",
        bad.stderr
    );
    if rootless() {
        // Rootless containers each get their own network stack: nothing to link to.
        return Ok(());
    }
    r.ok(&["run", "-d", "--name", "tgt", "-e", "FOO=bar", "--expose", "80", &img, "sleep", "60"])?;
    let ip = r.ok(&["inspect", "-f", "{{.NetworkSettings.IPAddress}}", "tgt"])?.trim().to_string();
    let out = r.ok(&[
        "run",
        "--rm",
        "--name",
        "me",
        "--link",
        "tgt:db",
        "--link-local-ip",
        "169.254.7.7",
        &img,
        "sh",
        "-c",
        "env | grep ^DB_ | sort; grep -w db /etc/hosts; ip -4 addr show eth0 | grep -c 169.254.7.7/16",
    ])?;
    let short = &r.id("tgt")?[..12];
    check_eq!(
        out,
        format!(
            "DB_ENV_FOO=bar\nDB_NAME=/me/db\nDB_PORT=tcp://{ip}:80\nDB_PORT_80_TCP=tcp://{ip}:80\nDB_PORT_80_TCP_ADDR={ip}\nDB_PORT_80_TCP_PORT=80\nDB_PORT_80_TCP_PROTO=tcp\n{ip}\tdb {short} tgt\n1\n"
        )
    );
    r.ok(&["create", "--name", "linked", "--link", "tgt:db", &img, "true"])?;
    check_eq!(r.ok(&["inspect", "-f", "{{.HostConfig.Links}}", "linked"])?, "[/tgt:/linked/db]\n");
    r.ok(&["stop", "-t", "0", "tgt"])?;
    let stopped = r.run(&["start", "linked"]);
    check!(
        stopped.code != 0
            && stopped.stderr.contains("Cannot link to a non running container: /tgt AS /linked/db"),
        "{}",
        stopped.stderr
    );
    if r.has_cgroups() {
        let parent = format!("rdock-test-{}", std::process::id());
        let out = r.ok(&[
            "run",
            "--rm",
            "--cgroup-parent",
            &format!("/{parent}"),
            &img,
            "cat",
            "/proc/self/cgroup",
        ])?;
        check!(out.lines().any(|l| l.contains(&format!(":/{parent}/"))), "{out}");
        // The parent stays, as Docker's does; the test removes what it made.
        for top in std::fs::read_dir("/sys/fs/cgroup")
            .map(|d| d.flatten().map(|e| e.path()).collect::<Vec<_>>())
            .unwrap_or_default()
        {
            let _ = std::fs::remove_dir(top.join(&parent));
        }
        let _ = std::fs::remove_dir(std::path::Path::new("/sys/fs/cgroup").join(&parent));
    }
    r.ok(&["rm", "-f", "tgt", "linked"])?;
    Ok(())
}

/// The memory limit the kernel holds for a container (v1 or v2 file).
fn memory_limit(id: &str) -> Option<String> {
    ["/sys/fs/cgroup/memory/rdock", "/sys/fs/cgroup/rdock"].iter().find_map(|base| {
        let dir = std::path::Path::new(base).join(id);
        std::fs::read_to_string(dir.join("memory.limit_in_bytes"))
            .or_else(|_| std::fs::read_to_string(dir.join("memory.max")))
            .ok()
            .map(|s| s.trim().to_string())
    })
}

fn update_applies_live() -> TestResult {
    let r = Rdock::new();
    let img = r.pull("busybox")?;
    let none = r.run(&["update", "x"]);
    check!(none.code == 1 && none.stderr.contains("you must provide one or more flags"), "{}", none.stderr);
    let missing = r.run(&["update", "--cpus", "1", "nope"]);
    check!(missing.code == 1 && missing.stderr.contains("No such container: nope"), "{}", missing.stderr);
    r.ok(&["create", "--name", "idle", &img, "true"])?;
    check_eq!(r.ok(&["update", "--restart", "on-failure:3", "idle"])?, "idle\n");
    check_eq!(
        r.ok(&[
            "inspect",
            "-f",
            "{{.HostConfig.RestartPolicy.Name}}:{{.HostConfig.RestartPolicy.MaximumRetryCount}}",
            "idle"
        ])?,
        "on-failure:3\n"
    );
    let bad = r.run(&["update", "--blkio-weight", "5", "idle"]);
    check!(
        bad.code == 1 && bad.stderr.contains("Range of blkio weight is from 10 to 1000"),
        "{}",
        bad.stderr
    );
    if !r.has_cgroups() {
        // Rootless without a delegated cgroup: no limits to record or apply.
        let out = r.run(&["update", "--memory", "64m", "idle"]);
        check!(
            out.code == 1 && out.stderr.contains("rootless rdock cannot apply --memory"),
            "{}",
            out.stderr
        );
        r.ok(&["rm", "idle"])?;
        return Ok(());
    }
    r.ok(&["run", "-d", "--name", "busy", "--memory", "64m", &img, "sleep", "60"])?;
    let id = r.id("busy")?;
    check_eq!(memory_limit(&id).unwrap_or_default(), "67108864");
    check_eq!(
        r.ok(&["update", "--memory", "96m", "--memory-swap", "192m", "--pids-limit", "40", "busy"])?,
        "busy\n"
    );
    check_eq!(memory_limit(&id).unwrap_or_default(), "100663296");
    check_eq!(
        r.ok(&[
            "inspect",
            "-f",
            "{{.HostConfig.Memory}} {{.HostConfig.MemorySwap}} {{.HostConfig.PidsLimit}}",
            "busy"
        ])?,
        "100663296 201326592 40\n"
    );
    check_eq!(
        r.ok(&["exec", "busy", "cat", "/sys/fs/cgroup/pids/pids.max"]).or_else(|_| r.ok(&[
            "exec",
            "busy",
            "cat",
            "/sys/fs/cgroup/pids.max"
        ]))?,
        "40\n"
    );
    let over = r.run(&["update", "--memory", "512m", "busy"]);
    check!(
        over.code == 1
            && over.stderr.contains("Memory limit should be smaller than already set memoryswap limit"),
        "{}",
        over.stderr
    );
    // A restart keeps what update recorded.
    r.ok(&["stop", "-t", "0", "busy"])?;
    r.ok(&["update", "--memory", "80m", "busy"])?;
    r.ok(&["start", "busy"])?;
    check_eq!(memory_limit(&id).unwrap_or_default(), "83886080");
    r.ok(&["rm", "-f", "busy", "idle"])?;
    Ok(())
}

fn system_df_verbose() -> TestResult {
    let r = Rdock::new();
    let img = r.pull("busybox")?;
    r.ok(&["volume", "create", "kept"])?;
    r.ok(&["volume", "create", "spare"])?;
    r.ok(&[
        "run",
        "--name",
        "writer",
        "-v",
        "kept:/data",
        &img,
        "sh",
        "-c",
        "head -c 300000 /dev/zero > /big; echo x > /data/f",
    ])?;
    let out = r.ok(&["system", "df", "-v"])?;
    let sections: Vec<&str> =
        out.lines().filter(|l| l.ends_with("usage:") || l.starts_with("Build cache usage:")).collect();
    check_eq!(
        sections,
        [
            "Images space usage:",
            "Containers space usage:",
            "Local Volumes space usage:",
            "Build cache usage: 0B"
        ]
    );
    let row = |prefix: &str| {
        out.lines()
            .find(|l| l.starts_with(prefix))
            .map(|l| l.split_whitespace().collect::<Vec<_>>())
            .unwrap_or_default()
    };
    let short = r.id("writer")?[..12].to_string();
    let c = row(&short);
    // CONTAINER ID, IMAGE, COMMAND…, LOCAL VOLUMES, SIZE, …, NAMES
    check!(c.last() == Some(&"writer") && c.contains(&"1") && c.contains(&"300kB"), "{c:?}\n{out}");
    check_eq!(row("kept"), ["kept", "1", "2B"]);
    check_eq!(row("spare"), ["spare", "0", "0B"]);
    let image_id = r.inspect(&img)?["Id"].as_str().unwrap_or_default()[7..19].to_string();
    let i = out.lines().find(|l| l.contains(&image_id)).unwrap_or_default();
    check!(i.trim_end().ends_with(" 1") && i.contains("0B"), "{i}");
    let json: serde_json::Value = serde_json::from_str(&r.ok(&["system", "df", "-v", "--format", "json"])?)?;
    check_eq!(json["Volumes"].as_array().map(Vec::len), Some(2));
    check_eq!(json["Containers"][0]["Names"], "writer");
    r.ok(&["rm", "writer"])?;
    r.ok(&["volume", "rm", "kept", "spare"])?;
    Ok(())
}

/// Flags of network, volume, image and build commands that a local engine
/// answers: applied, or refused in one line as Docker without a swarm does.
fn other_commands_flags() -> TestResult {
    let r = Rdock::new();
    let img = r.pull("busybox")?;
    let refused = |args: &[&str], why: &str| -> TestResult {
        let out = r.run(args);
        check!(out.code != 0 && out.stderr.contains(why), "{args:?}: {}", out.stderr);
        Ok(())
    };
    refused(&["network", "create", "--ipv6", "n6"], "IPv4 only")?;
    refused(&["network", "create", "--ingress", "ni"], "not a swarm manager")?;
    refused(&["network", "create", "--scope", "swarm", "ns"], "not a swarm manager")?;
    refused(&["network", "create", "--ipam-driver", "other", "np"], "plugin \"other\" not found")?;
    refused(&["network", "create", "--ipv4=false", "n4"], "IPv4 can only be disabled if IPv6 is enabled")?;
    refused(&["volume", "create", "--scope", "single", "cv"], "not a swarm manager")?;
    refused(&["start", "--checkpoint", "c1", "nope"], "checkpoint")?;
    refused(
        &["push", "--platform", "linux/s390x", &img],
        "does not match the specified platform: wanted linux/s390x",
    )?;
    refused(&["rmi", "--platform", "linux/s390x", &img], "does not match the specified platform")?;
    r.ok(&["network", "create", "--attachable", "--scope", "local", "--ipam-opt", "a=b", "--ipv4", "fine"])?;
    r.ok(&["network", "inspect", "-v", "-f", "{{.Name}}", "fine"])?;
    r.ok(&["network", "rm", "fine"])?;
    check_eq!(r.ok(&["volume", "ls", "--cluster", "-q"])?, "");
    let arch = r.ok(&["image", "inspect", "-f", "{{.Os}}/{{.Architecture}}", &img])?.trim().to_string();
    check_eq!(r.ok(&["history", "--platform", &arch, "-q", &img])?.lines().count(), 1);
    r.ok(&["pull", "--disable-content-trust", "-q", &img])?;
    // build's resource flags reach RUN's container.
    let dir = temp_dir("build-limits");
    std::fs::write(dir.join("Dockerfile"), format!("FROM {img}\nRUN cat /sys/fs/cgroup/memory/memory.limit_in_bytes /sys/fs/cgroup/memory.max 2>/dev/null > /lim; true\n")).expect("write");
    let ctx = dir.to_string_lossy().into_owned();
    let squash = r.run(&["build", "-q", "--squash", "-t", "limited", &ctx]);
    check!(
        squash.code == 0 && squash.stderr.contains("experimental flag squash is removed with BuildKit"),
        "{}",
        squash.stderr
    );
    if r.has_cgroups() {
        r.ok(&[
            "build",
            "-q",
            "--no-cache",
            "--memory",
            "64m",
            "--cpu-shares",
            "512",
            "-t",
            "limited",
            &ctx,
        ])?;
        check_eq!(r.ok(&["run", "--rm", "limited", "cat", "/lim"])?, "67108864\n");
    } else {
        // Rootless without a delegated cgroup, RUN cannot be limited: said, not ignored.
        refused(
            &["build", "-q", "--no-cache", "--memory", "64m", &ctx],
            "rootless rdock cannot apply --memory",
        )?;
    }
    refused(&["build", "--isolation", "hyperv", &ctx], "linux only supports 'default'")?;
    let _ = std::fs::remove_dir_all(&dir);
    r.ok(&["rmi", "limited"])?;
    Ok(())
}

/// `events` in one process sees what others do, in order, and the journal
/// replays with --since/--until and filters.
fn events_across_processes() -> TestResult {
    use std::io::BufRead;
    let r = Rdock::new();
    let img = r.pull("busybox")?;
    let start = r.ok(&["version", "-f", "{{.Server.Version}}"]).map(|_| events_now())?;
    let mut watcher = r.spawn(&[
        "events",
        "--filter",
        "type=container",
        "--format",
        "{{.Action}} {{.Actor.Attributes.name}} {{index .Actor.Attributes \"exitCode\"}}",
    ]);
    std::thread::sleep(std::time::Duration::from_millis(300));
    // Whatever happens, the watcher is stopped and reaped before any check.
    let acted = (|| -> TestResult {
        r.run(&["run", "--name", "ev", "-l", "team=x", &img, "sh", "-c", "exit 3"]);
        r.ok(&["rename", "ev", "ev2"])?;
        r.ok(&["rm", "ev2"])?;
        r.ok(&["volume", "create", "evvol"])?;
        r.ok(&["volume", "rm", "evvol"])?;
        Ok(())
    })();
    let mut seen = Vec::new();
    if let (Ok(()), Some(stdout)) = (&acted, watcher.stdout.take()) {
        let mut lines = std::io::BufReader::new(stdout).lines();
        for _ in 0..5 {
            match lines.next() {
                Some(Ok(l)) => seen.push(l.trim_end().to_string()),
                _ => break,
            }
        }
    }
    let _ = watcher.kill();
    let _ = watcher.wait();
    acted?;
    check_eq!(seen, ["create ev", "start ev", "die ev 3", "rename ev2", "destroy ev2"]);
    // Replayed: all types, then filtered by event, label and volume.
    let replay = r.replay_events(&start, &[], "{{.Type}} {{.Action}}")?;
    check_eq!(
        replay,
        "container create\ncontainer start\ncontainer die\ncontainer rename\ncontainer destroy\nvolume create\nvolume destroy\n"
    );
    check_eq!(
        r.ok(&[
            "system",
            "events",
            "--since",
            &start,
            "--until",
            "0s",
            "--filter",
            "event=die",
            "--filter",
            "label=team=x",
            "--format",
            "{{.Actor.Attributes.exitCode}}"
        ])?,
        "3\n"
    );
    check_eq!(r.replay_events(&start, &["volume=evvol"], "{{.Action}}")?, "create\ndestroy\n");
    let line = r.ok(&[
        "events",
        "--since",
        &start,
        "--until",
        "0s",
        "--filter",
        "event=create",
        "--filter",
        "type=container",
    ])?;
    let id = r.replay_events(&start, &["event=destroy", "type=container"], "{{.Actor.ID}}")?;
    // Docker's line: RFC 3339 time with nine digits, type, action, id, sorted attributes.
    let want = format!(" container create {} (image={img}, name=ev, team=x)\n", id.trim());
    check!(line.ends_with(&want) && line.as_bytes().get(29) == Some(&b'Z'), "{line:?} {want:?}");
    let json: serde_json::Value =
        serde_json::from_str(r.replay_events(&start, &[], "{{json .}}")?.lines().next().unwrap_or("{}"))?;
    check_eq!(json["Type"], "container");
    check_eq!(json["scope"], "local");
    check!(json["timeNano"].as_i64().unwrap_or(0) > 0, "{json}");
    // A container's volumes: mount at start, unmount after it dies.
    r.ok(&["run", "--rm", "-v", "evdata:/data", &img, "true"])?;
    check_eq!(
        r.replay_events(
            &start,
            &["volume=evdata"],
            "{{.Action}} {{index .Actor.Attributes \"destination\"}}"
        )?,
        "create \nmount /data\nunmount \n"
    );
    r.ok(&["volume", "rm", "evdata"])?;
    // exec: Docker's actions name the command; the die has its exit code.
    r.ok(&["run", "-d", "--name", "ex", &img, "sleep", "30"])?;
    r.run(&["exec", "ex", "sh", "-c", "exit 4"]);
    r.ok(&["rm", "-f", "ex"])?;
    check_eq!(
        r.replay_events(
            &start,
            &["event=exec_create", "event=exec_start", "event=exec_die"],
            "{{.Action}}|{{index .Actor.Attributes \"exitCode\"}}"
        )?,
        "exec_create: sh -c exit 4|\nexec_start: sh -c exit 4|\nexec_die|4\n"
    );
    let bad = r.run(&["events", "--filter", "colour=red"]);
    check!(bad.code != 0, "{}", bad.stderr);
    Ok(())
}

/// Each prune reports what it freed (`prune` with `reclaimed`) after the
/// removals it made; a build names its image with `tag`.
fn events_of_prunes_and_builds() -> TestResult {
    let r = Rdock::new();
    let img = r.pull("busybox")?;
    r.ok(&["run", "--name", "gone", &img, "true"])?;
    r.ok(&["network", "create", "evnet"])?;
    r.ok(&["volume", "create", "evvol"])?;
    let ctx = temp_dir("evbuild");
    std::fs::write(ctx.join("Dockerfile"), format!("FROM {img}\nRUN echo hi > /hi\n"))?;
    let start = events_now();
    let built = r.run(&["build", "-q", "-t", "evimg:1", ctx.to_str().unwrap_or_default()]);
    let _ = std::fs::remove_dir_all(&ctx);
    check!(built.code == 0, "{}", built.stderr);
    let id = built.stdout.trim().to_string();
    let committed = r.out(&["commit", "-m", "note", "gone", "evc"])?;
    r.ok(&["container", "prune", "-f"])?;
    r.ok(&["network", "prune", "-f"])?;
    r.ok(&["volume", "prune", "-af"])?;
    r.ok(&["builder", "prune", "-af"])?;
    let seen = r.replay_events(&start, &[], "{{.Type}} {{.Action}} {{index .Actor.Attributes \"name\"}}")?;
    let lines: Vec<&str> = seen.lines().map(str::trim_end).collect();
    let (created, created_commit) = (format!("image create {id}"), format!("image create {committed}"));
    check_eq!(
        lines,
        [
            created.as_str(),
            "image tag evimg:1",
            created_commit.as_str(),
            "image tag evc:latest",
            "container commit gone",
            "container destroy gone",
            "container prune",
            "network destroy evnet",
            "network prune",
            "volume destroy",
            "volume prune",
            "builder prune",
        ]
    );
    let tag = r.replay_events(&start, &["event=tag"], "{{.Actor.ID}}")?;
    check_eq!(tag, format!("{id}\n{committed}\n"));
    let commit = r.replay_events(
        &start,
        &["event=commit"],
        "{{.Actor.Attributes.comment}} {{.Actor.Attributes.imageID}} {{.Actor.Attributes.imageRef}}",
    )?;
    check_eq!(commit, format!("note {committed} evc:latest\n"));
    // A running container's commit pauses it without pause events of its own.
    if r.has_cgroups() {
        let since = events_now();
        r.ok(&["run", "-d", "--name", "live", &img, "sleep", "100"])?;
        r.ok(&["commit", "live"])?;
        let actions = r.replay_events(&since, &["type=container"], "{{.Action}}")?;
        check_eq!(actions, "create\nstart\ncommit\n");
    }
    let reclaimed =
        r.replay_events(&start, &["type=container", "event=prune"], "{{.Actor.Attributes.reclaimed}}")?;
    check!(reclaimed.trim().parse::<u64>().is_ok(), "{reclaimed}");
    Ok(())
}

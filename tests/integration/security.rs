//! Docker's defaults for isolation and the flags that change them: capabilities,
//! seccomp, masked paths, devices, read-only root, cgroup limits, networks.

use crate::support::{Rdock, TestResult};
use crate::{check, check_eq, Test};

pub const TESTS: &[Test] = &[
    ("security::default_confinement", default_confinement),
    ("security::capability_flags", capability_flags),
    ("security::privileged", privileged),
    ("security::security_opts", security_opts),
    ("security::read_only_and_tmpfs", read_only_and_tmpfs),
    ("security::cgroup_limits", cgroup_limits),
    ("security::cgroup_namespaces", cgroup_namespaces),
    ("security::cgroup_v2_only_host", cgroup_v2_only_host),
    ("security::etc_files", etc_files),
    ("security::network_modes", network_modes),
    ("security::root_files_untouched", root_files_untouched),
];

fn status_field(r: &Rdock, img: &str, args: &[&str], field: &str) -> Result<String, libtest_mimic::Failed> {
    let mut a = vec!["run", "--rm"];
    a.extend_from_slice(args);
    a.extend_from_slice(&[img, "sh", "-c"]);
    let cmd = format!("grep '^{field}:' /proc/self/status | cut -f2");
    a.push(&cmd);
    Ok(r.ok(&a)?.trim().to_string())
}

fn default_confinement() -> TestResult {
    let r = Rdock::new();
    let img = r.pull("busybox")?;
    let out = r.ok(&[
        "run",
        "--rm",
        &img,
        "sh",
        "-c",
        "grep -E '^(CapInh|CapPrm|CapEff|CapBnd|CapAmb|NoNewPrivs|Seccomp):' /proc/self/status",
    ])?;
    check_eq!(
        out,
        "CapInh:\t0000000000000000\nCapPrm:\t00000000a80425fb\nCapEff:\t00000000a80425fb\nCapBnd:\t00000000a80425fb\nCapAmb:\t0000000000000000\nNoNewPrivs:\t0\nSeccomp:\t2\n"
    );
    // A non-root user keeps no capabilities, as with Docker.
    check_eq!(status_field(&r, &img, &["-u", "1000"], "CapEff")?, "0000000000000000");
    // Seccomp and the missing CAP_SYS_ADMIN both stop mount and unshare; clone3
    // answers ENOSYS so libcs fall back to clone.
    let out = r.run(&[
        "run",
        "--rm",
        &img,
        "sh",
        "-c",
        "mkdir /mnt; mount -t tmpfs x /mnt 2>&1; unshare -m true 2>&1; echo done",
    ]);
    check!(
        out.stdout.contains("Operation not permitted") || out.stdout.contains("permission denied"),
        "{}",
        out.stdout
    );
    check!(out.stdout.ends_with("done\n"));
    // Masked and read-only paths.
    let masked: Vec<&str> = ["/proc/kcore", "/proc/keys", "/proc/timer_list", "/proc/sched_debug"]
        .into_iter()
        .filter(|p| std::path::Path::new(p).exists())
        .collect();
    check!(!masked.is_empty());
    for p in masked {
        check_eq!(r.ok(&["run", "--rm", &img, "sh", "-c", &format!("wc -c < {p}")])?, "0\n");
    }
    check_eq!(r.ok(&["run", "--rm", &img, "sh", "-c", "ls /sys/firmware | wc -l"])?, "0\n");
    let out = r.run(&["run", "--rm", &img, "sh", "-c", "echo 1 > /proc/sys/kernel/domainname"]);
    check!(out.code != 0 && out.stderr.contains("Read-only file system"), "{}", out.stderr);
    // /dev holds the standard nodes and no host devices.
    let devs = r.ok(&["run", "--rm", &img, "sh", "-c", "ls /dev | tr '\\n' ' '"])?;
    for d in ["null", "zero", "full", "random", "urandom", "tty", "pts", "shm", "mqueue", "ptmx"] {
        check!(devs.split(' ').any(|x| x == d), "/dev lacks {d}: {devs}");
    }
    check!(!devs.contains("vda") && !devs.contains("sda"), "{devs}");
    check_eq!(
        r.run(&["run", "--rm", &img, "sh", "-c", "mknod /tmp/disk b 8 0 && head -c1 /tmp/disk"]).code,
        1
    );
    // Its own pid, uts, ipc and mount namespaces.
    check_eq!(r.ok(&["run", "--rm", &img, "sh", "-c", "echo $$"])?, "1\n");
    for ns in ["pid", "uts", "ipc", "mnt", "net"] {
        let host = std::fs::read_link(format!("/proc/self/ns/{ns}"))?;
        let inside = r.ok(&["run", "--rm", &img, "readlink", &format!("/proc/self/ns/{ns}")])?;
        check!(inside.trim() != host.to_string_lossy(), "{ns} namespace shared with the host");
    }
    Ok(())
}

fn capability_flags() -> TestResult {
    let r = Rdock::new();
    let img = r.pull("busybox")?;
    // CAP_NET_ADMIN is bit 12.
    check_eq!(status_field(&r, &img, &["--cap-add", "NET_ADMIN"], "CapEff")?, "00000000a80435fb");
    check_eq!(status_field(&r, &img, &["--cap-add", "cap_net_admin"], "CapBnd")?, "00000000a80435fb");
    // CAP_CHOWN is bit 0.
    check_eq!(status_field(&r, &img, &["--cap-drop", "CHOWN"], "CapEff")?, "00000000a80425fa");
    check_eq!(status_field(&r, &img, &["--cap-drop", "ALL"], "CapEff")?, "0000000000000000");
    check_eq!(
        status_field(&r, &img, &["--cap-drop", "ALL", "--cap-add", "KILL"], "CapEff")?,
        "0000000000000020"
    );
    let out = r.run(&["run", "--rm", "--cap-drop", "CHOWN", &img, "chown", "1000", "/tmp"]);
    check!(out.code != 0, "chown worked without CAP_CHOWN");
    // CAP_SYS_ADMIN opens mount in both the capability set and the seccomp profile.
    check_eq!(
        r.run(&[
            "run",
            "--rm",
            "--cap-add",
            "SYS_ADMIN",
            &img,
            "sh",
            "-c",
            "mkdir /mnt && mount -t tmpfs x /mnt"
        ])
        .code,
        0
    );
    let bad = r.run(&["run", "--rm", "--cap-add", "NOT_A_CAP", &img, "true"]);
    check_eq!(bad.code, 125);
    check!(bad.stderr.contains("unknown capability"), "{}", bad.stderr);
    Ok(())
}

fn privileged() -> TestResult {
    let r = Rdock::new();
    let img = r.pull("busybox")?;
    let out = r.ok(&["run", "--rm", "--privileged", &img, "sh", "-c", "grep -E '^(CapEff|Seccomp):' /proc/self/status | cut -f2; mkdir /mnt && mount -t tmpfs x /mnt && echo mounted; ls /dev | grep -c ."])?;
    let lines: Vec<&str> = out.lines().collect();
    // Every capability rdock holds: as root, its bounding set; rootless, all of
    // them within its user namespace (as `rdock unshare` sees it).
    let ours = if crate::support::rootless() {
        r.ok(&["unshare", "cat", "/proc/self/status"])?
    } else {
        std::fs::read_to_string("/proc/self/status")?
    };
    let bounding = ours.lines().find_map(|l| l.strip_prefix("CapBnd:\t")).unwrap_or_default().to_string();
    check_eq!(lines[0], bounding);
    check_eq!(lines[1], "0");
    check_eq!(lines[2], "mounted");
    let host_devs = std::fs::read_dir("/dev")?.count();
    let n: usize = lines[3].parse()?;
    check!(n > 15 && n * 2 >= host_devs, "privileged /dev has {n} entries, host {host_devs}");
    // The host's disks come along, but rootless they stay root's: privileged
    // or not, a rootless container cannot read them.
    let disk = std::fs::read_dir("/dev")?.flatten().map(|e| e.path()).find(|p| {
        std::fs::metadata(p)
            .map(|m| std::os::unix::fs::FileTypeExt::is_block_device(&m.file_type()))
            .unwrap_or(false)
    });
    let disk = disk.ok_or("the host has no block device to test with")?;
    let read = r.run(&["run", "--rm", "--privileged", &img, "head", "-c", "1", &disk.to_string_lossy()]);
    check_eq!(read.code == 0, !crate::support::rootless());
    Ok(())
}

fn security_opts() -> TestResult {
    let r = Rdock::new();
    let img = r.pull("busybox")?;
    check_eq!(status_field(&r, &img, &["--security-opt", "seccomp=unconfined"], "Seccomp")?, "0");
    check_eq!(status_field(&r, &img, &["--security-opt", "no-new-privileges"], "NoNewPrivs")?, "1");
    check_eq!(status_field(&r, &img, &["--security-opt", "no-new-privileges:true"], "Seccomp")?, "2");
    // A custom profile in Docker's format: deny mkdir with EPERM, allow the rest.
    let profile = r.root.join("profile.json");
    std::fs::write(
        &profile,
        r#"{"defaultAction":"SCMP_ACT_ALLOW","syscalls":[{"names":["mkdir","mkdirat"],"action":"SCMP_ACT_ERRNO","errnoRet":1}]}"#,
    )?;
    let opt = format!("seccomp={}", profile.display());
    let out = r.run(&["run", "--rm", "--security-opt", &opt, &img, "mkdir", "/tmp/x"]);
    check_eq!(out.code, 1);
    check!(out.stderr.contains("Operation not permitted"), "{}", out.stderr);
    check_eq!(r.run(&["run", "--rm", "--security-opt", &opt, &img, "touch", "/tmp/x"]).code, 0);
    // The compiled program is cached and reused.
    let cached = std::fs::read_dir(r.root.join("cache/seccomp"))?.count();
    check!(cached >= 2, "{cached} cached programs");
    r.ok(&["run", "--rm", &img, "true"])?;
    check_eq!(std::fs::read_dir(r.root.join("cache/seccomp"))?.count(), cached);
    check_eq!(r.run(&["run", "--rm", "--security-opt", "bogus=1", &img, "true"]).code, 125);
    check_eq!(r.run(&["run", "--rm", "--security-opt", "seccomp=/no/such.json", &img, "true"]).code, 125);
    Ok(())
}

fn read_only_and_tmpfs() -> TestResult {
    let r = Rdock::new();
    let img = r.pull("busybox")?;
    let out = r.run(&["run", "--rm", "--read-only", &img, "touch", "/newfile"]);
    check!(out.code != 0 && out.stderr.contains("Read-only file system"), "{}", out.stderr);
    check_eq!(
        r.ok(&[
            "run",
            "--rm",
            "--read-only",
            "--tmpfs",
            "/scratch:size=1m",
            &img,
            "sh",
            "-c",
            "touch /scratch/f && grep ' /scratch ' /proc/mounts | cut -d' ' -f3"
        ])?,
        "tmpfs\n"
    );
    // Changes in a normal container land in its own layer only.
    r.ok(&["run", "--name", "ww", &img, "sh", "-c", "echo changed > /etc/motd; rm /bin/vi"])?;
    check_eq!(
        r.ok(&[
            "run",
            "--rm",
            &img,
            "sh",
            "-c",
            "test -e /etc/motd || echo clean; test -e /bin/vi && echo has-vi"
        ])?,
        "clean\nhas-vi\n"
    );
    let id = r.id("ww")?;
    let upper = r.root.join("containers").join(&id).join("diff");
    check_eq!(std::fs::read_to_string(upper.join("etc/motd"))?, "changed\n");
    use std::os::unix::fs::FileTypeExt;
    check!(
        std::fs::symlink_metadata(upper.join("bin/vi"))?.file_type().is_char_device(),
        "rm should leave a whiteout"
    );
    Ok(())
}

fn cgroup_limits() -> TestResult {
    let r = Rdock::new();
    let img = r.pull("busybox")?;
    // rlimits never exceed ours (this host's root has no CAP_SYS_RESOURCE).
    let ours = r.ok(&["run", "--rm", &img, "sh", "-c", "ulimit -Hn"])?;
    let host = std::process::Command::new("sh").arg("-c").arg("ulimit -Hn").output()?;
    check_eq!(ours.trim(), String::from_utf8_lossy(&host.stdout).trim());
    if !r.has_cgroups() {
        // Rootless without a delegated cgroup: limits are refused up front.
        for flags in [["--memory", "64m"], ["--cpus", "0.5"], ["--pids-limit", "20"]] {
            let out = r.run(&["run", "--rm", flags[0], flags[1], &img, "true"]);
            check_eq!(out.code, 125);
            check!(
                out.stderr.contains(&format!("rootless rdock cannot apply {}", flags[0])),
                "{}",
                out.stderr
            );
        }
        check_eq!(r.ok(&["ps", "-aq"])?, "");
        return Ok(());
    }
    r.ok(&[
        "run",
        "-d",
        "--name",
        "lim",
        "--memory",
        "64m",
        "--cpus",
        "0.5",
        "--pids-limit",
        "20",
        &img,
        "sleep",
        "1000",
    ])?;
    let id = r.id("lim")?;
    let read = |ctrl: &str, file: &str| {
        std::fs::read_to_string(format!("/sys/fs/cgroup/{ctrl}/rdock/{id}/{file}"))
            .map(|s| s.trim().to_string())
    };
    let v2 = std::path::Path::new("/sys/fs/cgroup/cgroup.controllers").exists();
    if v2 {
        check_eq!(read("", "memory.max")?, "67108864");
        check_eq!(read("", "cpu.max")?, "50000 100000");
        check_eq!(read("", "pids.max")?, "20");
    } else {
        check_eq!(read("memory", "memory.limit_in_bytes")?, "67108864");
        check_eq!(read("cpu", "cpu.cfs_quota_us")?, "50000");
        check_eq!(read("cpu", "cpu.cfs_period_us")?, "100000");
        check_eq!(read("pids", "pids.max")?, "20");
    }
    // The container cannot raise its own limits or make child cgroups: the
    // hierarchy is mounted read-only inside it.
    let script = "for f in /sys/fs/cgroup/memory/memory.limit_in_bytes /sys/fs/cgroup/memory.max \
        /sys/fs/cgroup/pids/pids.max /sys/fs/cgroup/pids.max /sys/fs/cgroup/cpu/cpu.cfs_quota_us; do \
        [ -e $f ] && { echo -1 > $f && echo WROTE $f; }; done; \
        for d in /sys/fs/cgroup/pids /sys/fs/cgroup; do mkdir $d/child 2>/dev/null && echo MADE $d/child; done; \
        grep ' /sys/fs/cgroup' /proc/mounts";
    let out = r.run(&["exec", "lim", "sh", "-c", script]);
    check!(!out.stdout.contains("WROTE") && !out.stdout.contains("MADE"), "{out:?}");
    check!(
        out.stdout
            .lines()
            .filter(|l| !l.is_empty())
            .all(|l| l.split_whitespace().nth(3).is_some_and(|o| o.starts_with("ro"))),
        "cgroup mounts not read-only: {}",
        out.stdout
    );
    if v2 {
        check_eq!(read("", "memory.max")?, "67108864");
    } else {
        check_eq!(read("memory", "memory.limit_in_bytes")?, "67108864");
        check_eq!(read("pids", "pids.max")?, "20");
    }
    // A privileged container may make child cgroups; rm removes them with its own.
    r.ok(&["run", "-d", "--name", "priv", "--privileged", &img, "sleep", "1000"])?;
    let pid_dir = |id: &str| {
        let ctrl = if v2 { "" } else { "pids/" };
        std::path::PathBuf::from(format!("/sys/fs/cgroup/{ctrl}rdock/{id}"))
    };
    let priv_id = r.id("priv")?;
    let mk = if v2 { "mkdir /sys/fs/cgroup/child" } else { "mkdir /sys/fs/cgroup/pids/child" };
    r.ok(&["exec", "priv", "sh", "-c", mk])?;
    check!(pid_dir(&priv_id).join("child").is_dir(), "no child cgroup made");
    r.ok(&["rm", "-f", "priv"])?;
    check!(!pid_dir(&priv_id).exists(), "rm left the cgroup tree of {priv_id}");
    // The pids limit bites inside the container.
    let out = r.run(&["exec", "lim", "sh", "-c", "for i in $(seq 40); do sleep 5 & done 2>&1; wait"]);
    check!(
        out.stdout.contains("Resource temporarily unavailable")
            || out.stderr.contains("Resource temporarily unavailable")
            || out.stdout.contains("can't fork")
            || out.stderr.contains("can't fork"),
        "{out:?}"
    );
    // The memory limit OOM-kills, and inspect says so.
    let out = r.run(&[
        "run",
        "--name",
        "oom",
        "--memory",
        "16m",
        &img,
        "sh",
        "-c",
        "x=$(head -c 64000000 /dev/zero | tr '\\0' 'x'); echo survived",
    ]);
    check_eq!(out.code, 137);
    check_eq!(r.ok(&["inspect", "-f", "{{.State.OOMKilled}}", "oom"])?.trim(), "true");
    // Bad values are refused before anything runs.
    check_eq!(r.run(&["run", "--rm", "--memory", "1k", &img, "true"]).code, 125);
    check_eq!(r.run(&["run", "--rm", "--cpus", "64", &img, "true"]).code, 125);
    Ok(())
}

fn etc_files() -> TestResult {
    let r = Rdock::new();
    let img = r.pull("busybox")?;
    let out = r.ok(&["run", "--rm", "--hostname", "myhost", &img, "sh", "-c", "cat /etc/hostname; hostname; head -2 /etc/hosts; grep -c nameserver /etc/resolv.conf; grep -c '127\\.' /etc/resolv.conf || true"])?;
    let lines: Vec<&str> = out.lines().collect();
    check_eq!(lines[0], "myhost");
    check_eq!(lines[1], "myhost");
    check_eq!(lines[2], "127.0.0.1\tlocalhost");
    check_eq!(lines[3], "::1\tlocalhost ip6-localhost ip6-loopback");
    check!(lines[4].parse::<u32>().unwrap_or(0) >= 1);
    check_eq!(lines[5], "0");
    // The files are the container's own: a write does not touch the host's.
    let before = std::fs::read_to_string("/etc/hosts")?;
    r.ok(&["run", "--rm", &img, "sh", "-c", "echo 10.9.9.9 extra >> /etc/hosts"])?;
    check_eq!(std::fs::read_to_string("/etc/hosts")?, before);
    Ok(())
}

fn network_modes() -> TestResult {
    let r = Rdock::new();
    let img = r.pull("busybox")?;
    let ifaces = |args: &[&str]| -> Result<String, libtest_mimic::Failed> {
        let mut a = vec!["run", "--rm"];
        a.extend_from_slice(args);
        a.extend_from_slice(&[
            &img,
            "sh",
            "-c",
            "tail -n +3 /proc/net/dev | cut -d: -f1 | tr -d ' ' | sort | tr '\\n' ' '",
        ]);
        r.ok(&a)
    };
    // The default network: loopback and one interface (a veth as root, pasta's tap rootless).
    let default = ifaces(&[])?;
    check!(
        default.starts_with("eth0 lo") || default.split(' ').filter(|s| !s.is_empty()).count() == 2,
        "{default}"
    );
    check_eq!(ifaces(&["--network", "none"])?, "lo ");
    let host = ifaces(&["--network", "host"])?;
    check!(host.split(' ').filter(|s| !s.is_empty()).count() > 1, "{host}");
    check_eq!(r.ok(&["run", "--rm", "--network", "host", &img, "hostname"])?.trim(), rdock_hostname());
    // Loopback works inside the private namespace.
    check_eq!(r.ok(&["run", "--rm", &img, "sh", "-c", "httpd -p 127.0.0.1:8080 -h /etc && wget -qO- http://127.0.0.1:8080/hostname >/dev/null && echo served"])?, "served\n");
    let out = r.run(&["run", "--rm", "--network", "mynet", &img, "true"]);
    check_eq!(out.code, 125);
    check!(out.stderr.contains("network mynet not found"), "{}", out.stderr);
    check_eq!(r.ok(&["run", "-d", "--name", "nn", "--net", "none", &img, "sleep", "100"]).map(|_| ())?, ());
    check_eq!(r.ok(&["inspect", "-f", "{{.HostConfig.NetworkMode}}", "nn"])?.trim(), "none");
    Ok(())
}

fn rdock_hostname() -> String {
    nix::unistd::gethostname().map(|h| h.to_string_lossy().into_owned()).unwrap_or_default()
}

fn root_files_untouched() -> TestResult {
    // A container cannot reach host files through its rootfs or /proc.
    let r = Rdock::new();
    let img = r.pull("busybox")?;
    let secret = r.root.join("host-secret");
    std::fs::write(&secret, "top secret")?;
    let out = r.ok(&[
        "run",
        "--rm",
        &img,
        "sh",
        "-c",
        &format!(
            "cat {} 2>/dev/null || echo unreachable; ls /proc/1/root/ | grep -c rdt- || true",
            secret.display()
        ),
    ])?;
    check!(out.starts_with("unreachable\n"), "{out}");
    Ok(())
}

/// The same binary on a host that has only the unified hierarchy: simulated with a
/// private mount namespace whose /sys/fs/cgroup is a cgroup2 mount.
fn cgroup_v2_only_host() -> TestResult {
    let r = Rdock::new();
    let img = r.pull("busybox")?;
    let rdock = format!("{} --root {}", crate::support::bin().display(), r.root.display());
    let script = format!(
        "set -e; mount --make-rprivate /; umount -l /sys/fs/cgroup; mount -t cgroup2 none /sys/fs/cgroup; \
         R='{rdock}'; $R info -f '{{{{.CgroupVersion}}}}'; \
         $R run --rm {img} sh -c 'grep ^0:: /proc/self/cgroup'; \
         $R run -d --name v2 {img} sleep 1000 >/dev/null; \
         id=$($R inspect -f '{{{{.Id}}}}' v2); test -d /sys/fs/cgroup/rdock/$id && echo cgroup-dir; \
         $R pause v2 >/dev/null; cat /sys/fs/cgroup/rdock/$id/cgroup.freeze; $R unpause v2 >/dev/null; \
         $R top v2 | grep -c 'sleep 1000'; $R rm -f v2 >/dev/null; test -d /sys/fs/cgroup/rdock/$id || echo removed"
    );
    if crate::support::rootless() {
        // Rootless: the same inside a user namespace someone else made (as podman
        // would), whose cgroup2 view it cannot write: no container cgroup.
        let script = format!(
            "mount --make-rprivate /; umount -l /sys/fs/cgroup; mount -t cgroup2 none /sys/fs/cgroup || exit 9; \
             R='{rdock}'; $R info -f '{{{{.CgroupVersion}}}} {{{{.Rootless}}}}'; \
             $R run --rm {img} sh -c 'grep ^0:: /proc/self/cgroup'; \
             $R run -d --name v2 {img} sleep 1000 >/dev/null; \
             $R top v2 | grep -c 'sleep 1000'; $R pause v2 2>&1 | grep -c 'needs a cgroup'; $R rm -f v2"
        );
        let out = std::process::Command::new("unshare")
            .args(["-U", "-m", "-C", "--map-root-user", "--map-auto", "sh", "-c", &script])
            .output()?;
        check_eq!(String::from_utf8_lossy(&out.stdout), "2 true\n0::/\n1\n1\nv2\n");
        return Ok(());
    }
    let out = std::process::Command::new("unshare").args(["-m", "sh", "-c", &script]).output()?;
    let stdout = String::from_utf8_lossy(&out.stdout);
    check!(out.status.success(), "{stdout}{}", String::from_utf8_lossy(&out.stderr));
    check_eq!(stdout, "2\n0::/\ncgroup-dir\n1\n1\nremoved\n");
    Ok(())
}

/// `--cgroupns private` hides the host's cgroup paths; `host` shows them;
/// the default is Docker's (private on cgroup v2, host on v1).
fn cgroup_namespaces() -> TestResult {
    let r = Rdock::new();
    let img = r.pull("busybox")?;
    let private = r.ok(&["run", "--rm", "--cgroupns", "private", &img, "cat", "/proc/self/cgroup"])?;
    check!(private.lines().all(|l| l.ends_with(":/")), "{private}");
    if r.has_cgroups() {
        let host = r.ok(&["run", "--rm", "--cgroupns", "host", &img, "cat", "/proc/self/cgroup"])?;
        check!(host.contains("/rdock/"), "{host}");
    }
    let out = r.run(&["run", "--rm", "--cgroupns", "bogus", &img, "true"]);
    check_eq!(out.code, 125);
    check!(out.stderr.contains("--cgroupns: invalid CGROUP mode"), "{}", out.stderr);
    r.ok(&["create", "--name", "dflt", &img, "true"])?;
    let mode = r.out(&["inspect", "-f", "{{.HostConfig.CgroupnsMode}}", "dflt"])?;
    if !crate::support::rootless() {
        let v2 = std::path::Path::new("/sys/fs/cgroup/cgroup.controllers").exists();
        check_eq!(mode, if v2 { "private" } else { "host" });
    }
    // What inspect says is what the container gets.
    let dflt = r.ok(&["run", "--rm", &img, "cat", "/proc/self/cgroup"])?;
    check_eq!(dflt.lines().all(|l| l.ends_with(":/")), mode == "private");
    check_eq!(r.out(&["ps", "-aq"])?.lines().count(), 1);
    Ok(())
}

//! What Docker's daemon does and rdock's supervisor does instead: restart
//! policies with their back-off, healthchecks, and `system boot`.

use std::time::{Duration, Instant};

use crate::support::*;
use crate::{check, check_eq, Test};

pub const TESTS: &[Test] = &[
    ("policies::restart_on_failure_counts", restart_on_failure_counts),
    ("policies::restart_always_until_stopped", restart_always_until_stopped),
    ("policies::restart_stopped_while_backing_off", restart_stopped_while_backing_off),
    ("policies::system_boot_starts_by_policy", system_boot_starts_by_policy),
    ("policies::healthcheck_transitions", healthcheck_transitions),
    ("policies::healthcheck_from_image_and_timeout", healthcheck_from_image_and_timeout),
    ("policies::kill_9_while_restarting_or_probing", kill_9_while_restarting_or_probing),
];

fn field(r: &Rdock, name: &str, template: &str) -> String {
    r.run(&["inspect", "-f", template, name]).stdout.trim().to_string()
}

fn events(r: &Rdock, since: &str, name: &str, format: &str) -> Result<Vec<String>, libtest_mimic::Failed> {
    let out = r.replay_events(since, &[&format!("container={name}")], format)?;
    Ok(out.lines().map(str::to_string).collect())
}

/// on-failure:2 and a process that exits 3: two restarts, then it stays
/// exited, with RestartCount 2, three runs in its log and three die events.
fn restart_on_failure_counts() -> TestResult {
    let r = Rdock::new();
    let img = r.pull("busybox")?;
    let since = events_now();
    r.ok(&["run", "-d", "--name", "of", "--restart", "on-failure:2", &img, "sh", "-c", "echo run; exit 3"])?;
    let done = wait_for(Duration::from_secs(20), || {
        field(&r, "of", "{{.State.Status}} {{.RestartCount}}") == "exited 2"
    });
    check!(done, "not exited after 2 restarts: {}", field(&r, "of", "{{.State.Status}} {{.RestartCount}}"));
    // It stays down: no third restart.
    std::thread::sleep(Duration::from_millis(1500));
    check_eq!(
        field(&r, "of", "{{.State.Status}} {{.RestartCount}} {{.State.ExitCode}} {{.State.Restarting}}"),
        "exited 2 3 false"
    );
    check_eq!(r.ok(&["logs", "of"])?, "run\nrun\nrun\n");
    let seen = events(&r, &since, "of", "{{.Action}} {{index .Actor.Attributes \"exitCode\"}}")?;
    check_eq!(seen, ["create ", "start ", "die 3", "start ", "die 3", "start ", "die 3"]);
    check_eq!(
        r.out(&[
            "inspect",
            "-f",
            "{{.HostConfig.RestartPolicy.Name}}:{{.HostConfig.RestartPolicy.MaximumRetryCount}}",
            "of"
        ])?,
        "on-failure:2"
    );
    // A start by hand begins a new count; an exit 0 is not a failure.
    r.ok(&["rm", "of"])?;
    r.ok(&["run", "-d", "--name", "ok", "--restart", "on-failure", &img, "true"])?;
    check!(wait_for(Duration::from_secs(10), || field(&r, "ok", "{{.State.Status}}") == "exited"));
    std::thread::sleep(Duration::from_millis(500));
    check_eq!(field(&r, "ok", "{{.State.Status}} {{.RestartCount}}"), "exited 0");
    Ok(())
}

fn pid_of(r: &Rdock, name: &str) -> i32 {
    field(r, name, "{{.State.Pid}}").parse().unwrap_or(0)
}

/// `always` brings the process back after it exits and after an outside
/// kill -9, but not after `stop`, `kill`, or `update --restart no`.
fn restart_always_until_stopped() -> TestResult {
    let r = Rdock::new();
    let img = r.pull("busybox")?;
    r.ok(&["run", "-d", "--name", "al", "--restart", "always", &img, "sh", "-c", "sleep 0.3"])?;
    check!(
        wait_for(Duration::from_secs(20), || field(&r, "al", "{{.RestartCount}}")
            .parse::<u32>()
            .unwrap_or(0)
            >= 2),
        "not restarted twice: {}",
        field(&r, "al", "{{.State.Status}} {{.RestartCount}}")
    );
    r.ok(&["stop", "al"])?;
    let count = field(&r, "al", "{{.RestartCount}}");
    std::thread::sleep(Duration::from_millis(1500));
    check_eq!(field(&r, "al", "{{.State.Status}} {{.RestartCount}}"), format!("exited {count}"));
    // A start by hand resets the count.
    r.ok(&["start", "al"])?;
    check_eq!(field(&r, "al", "{{.State.Status}} {{.RestartCount}}"), "running 0");
    r.ok(&["rm", "-f", "al"])?;

    // An outside kill is a crash: it comes back, under a new pid.
    r.ok(&["run", "-d", "--name", "sv", "--restart", "always", &img, "sleep", "1000"])?;
    let first = pid_of(&r, "sv");
    check!(first > 0);
    nix::sys::signal::kill(nix::unistd::Pid::from_raw(first), nix::sys::signal::Signal::SIGKILL)?;
    let back = wait_for(Duration::from_secs(10), || {
        field(&r, "sv", "{{.State.Status}} {{.RestartCount}}") == "running 1" && pid_of(&r, "sv") != first
    });
    check!(back, "not back after kill -9: {}", field(&r, "sv", "{{.State.Status}} {{.RestartCount}}"));
    check!(r.ps_status("sv").starts_with("Up "), "{}", r.ps_status("sv"));
    // rdock's kill stops it for good.
    r.ok(&["kill", "sv"])?;
    std::thread::sleep(Duration::from_millis(1000));
    check_eq!(field(&r, "sv", "{{.State.Status}} {{.RestartCount}} {{.State.ExitCode}}"), "exited 1 137");

    // update --restart no: the next exit is the last.
    r.ok(&["run", "-d", "--name", "up", "--restart", "always", &img, "sleep", "1000"])?;
    r.ok(&["update", "--restart", "no", "up"])?;
    nix::sys::signal::kill(nix::unistd::Pid::from_raw(pid_of(&r, "up")), nix::sys::signal::Signal::SIGKILL)?;
    check!(wait_for(Duration::from_secs(10), || field(&r, "up", "{{.State.Status}}") == "exited"));
    std::thread::sleep(Duration::from_millis(500));
    check_eq!(field(&r, "up", "{{.State.Status}} {{.RestartCount}}"), "exited 0");
    Ok(())
}

/// A container that keeps failing waits longer each time (Docker's back-off:
/// 100 ms doubling); while it waits it is Restarting, and stop, exec and
/// `rm -f` act on it at once.
fn restart_stopped_while_backing_off() -> TestResult {
    let r = Rdock::new();
    let img = r.pull("busybox")?;
    let started = Instant::now();
    r.ok(&["run", "-d", "--name", "bo", "--restart", "always", &img, "sh", "-c", "exit 1"])?;
    // 100+200+400+800 ms of back-off before the fifth run at the earliest.
    check!(wait_for(Duration::from_secs(20), || field(&r, "bo", "{{.RestartCount}}")
        .parse::<u32>()
        .unwrap_or(0)
        >= 5));
    check!(started.elapsed() >= Duration::from_millis(1500), "restarted too fast: {:?}", started.elapsed());
    check!(wait_for(Duration::from_secs(5), || field(&r, "bo", "{{.State.Status}}") == "restarting"));
    check_eq!(
        field(&r, "bo", "{{.State.Running}} {{.State.Restarting}} {{.State.Pid}} {{.State.ExitCode}}"),
        "true true 0 1"
    );
    check!(r.ps_status("bo").starts_with("Restarting (1) "), "{}", r.ps_status("bo"));
    let exec = r.run(&["exec", "bo", "true"]);
    check!(
        exec.code != 0 && exec.stderr.contains("is restarting, wait until the container is running"),
        "{}",
        exec.stderr
    );
    let t = Instant::now();
    r.ok(&["stop", "bo"])?;
    check!(t.elapsed() < Duration::from_secs(2), "stop waited out the back-off: {:?}", t.elapsed());
    let count = field(&r, "bo", "{{.RestartCount}}");
    std::thread::sleep(Duration::from_millis(2000));
    check_eq!(
        field(&r, "bo", "{{.State.Status}} {{.RestartCount}} {{.State.ExitCode}}"),
        format!("exited {count} 1")
    );
    r.ok(&["rm", "bo"])?;

    r.ok(&["run", "-d", "--name", "bo2", "--restart", "always", &img, "sh", "-c", "exit 2"])?;
    check!(wait_for(Duration::from_secs(20), || field(&r, "bo2", "{{.RestartCount}}")
        .parse::<u32>()
        .unwrap_or(0)
        >= 4));
    check!(wait_for(Duration::from_secs(5), || field(&r, "bo2", "{{.State.Status}}") == "restarting"));
    let refused = r.run(&["rm", "bo2"]);
    check!(refused.code != 0 && refused.stderr.contains("container is restarting"), "{}", refused.stderr);
    r.ok(&["rm", "-f", "bo2"])?;
    check_eq!(r.ok(&["ps", "-aq"])?, "");
    Ok(())
}

/// After a "reboot" (supervisors and processes killed), `system boot`
/// starts `always` containers even if stopped by hand, `unless-stopped` ones
/// only if they were not, and leaves the rest.
fn system_boot_starts_by_policy() -> TestResult {
    let r = Rdock::new();
    let img = r.pull("busybox")?;
    for (name, policy) in [("pa", "always"), ("pb", "unless-stopped"), ("pc", "unless-stopped"), ("pd", "no")]
    {
        r.ok(&["run", "-d", "--name", name, "--restart", policy, &img, "sleep", "1000"])?;
    }
    r.ok(&["stop", "-t", "0", "pa", "pb"])?;
    // The crash: supervisor first, so nothing restarts, then the process.
    for name in ["pc", "pd"] {
        let (pid, sup) = r.supervisor(name)?;
        for p in [sup, pid] {
            nix::sys::signal::kill(nix::unistd::Pid::from_raw(p), nix::sys::signal::Signal::SIGKILL)?;
        }
        check!(wait_for(Duration::from_secs(5), || !std::path::Path::new(&format!("/proc/{pid}")).exists()));
    }
    check_eq!(r.ok(&["ps", "-q"])?, "");
    let ids = r.ok(&["system", "boot"])?;
    let want = format!("{}\n{}\n", r.id("pa")?, r.id("pc")?);
    check_eq!(ids, want);
    for (name, status) in [("pa", "running"), ("pb", "exited"), ("pc", "running"), ("pd", "exited")] {
        check_eq!(format!("{name} {}", field(&r, name, "{{.State.Status}}")), format!("{name} {status}"));
    }
    // Nothing more is due: a second boot starts nothing.
    check_eq!(r.ok(&["system", "boot"])?, "");
    check!(
        std::fs::read_to_string(repo_file("contrib/systemd/rdock-restart.service"))?.contains("system boot")
    );
    Ok(())
}

fn repo_file(rel: &str) -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(rel)
}

/// starting → healthy → unhealthy when the file it checks goes, with each
/// result in State.Health.Log, the status in ps and its filter, and
/// health_status events; a stopped container's health reads unhealthy.
fn healthcheck_transitions() -> TestResult {
    let r = Rdock::new();
    let img = r.pull("busybox")?;
    let since = events_now();
    r.ok(&[
        "run",
        "-d",
        "--name",
        "hc",
        "--health-cmd",
        "cat /tmp/ok",
        "--health-interval",
        "1s",
        "--health-retries",
        "2",
        &img,
        "sh",
        "-c",
        "echo fine > /tmp/ok; sleep 1000",
    ])?;
    check_eq!(field(&r, "hc", "{{.State.Health.Status}}"), "starting");
    check!(r.ps_status("hc").ends_with("(health: starting)"), "{}", r.ps_status("hc"));
    check_eq!(r.ok(&["ps", "--filter", "health=starting", "--format", "{{.Names}}"])?, "hc\n");
    check!(wait_for(Duration::from_secs(10), || field(&r, "hc", "{{.State.Health.Status}}") == "healthy"));
    check!(r.ps_status("hc").ends_with("(healthy)"), "{}", r.ps_status("hc"));
    check_eq!(r.ok(&["ps", "--filter", "health=healthy", "-q"])?.lines().count(), 1);
    check_eq!(r.ok(&["ps", "--filter", "health=none", "-q"])?, "");
    r.ok(&["exec", "hc", "rm", "/tmp/ok"])?;
    check!(wait_for(Duration::from_secs(10), || field(&r, "hc", "{{.State.Health.Status}}") == "unhealthy"));
    check!(r.ps_status("hc").ends_with("(unhealthy)"), "{}", r.ps_status("hc"));
    let health = &r.inspect("hc")?["State"]["Health"];
    check_eq!(health["FailingStreak"], 2);
    let log = health["Log"].as_array().cloned().unwrap_or_default();
    check!(!log.is_empty() && log.len() <= 5, "{log:?}");
    let oks: Vec<_> = log.iter().filter(|l| l["ExitCode"] == 0).collect();
    let fails: Vec<_> = log.iter().filter(|l| l["ExitCode"] == 1).collect();
    check!(oks.iter().all(|l| l["Output"] == "fine\n"), "{log:?}");
    check!(
        fails.len() >= 2 && fails.iter().all(|l| l["Output"].as_str().unwrap_or("").contains("/tmp/ok")),
        "{log:?}"
    );
    check!(log.iter().all(|l| l["Start"].as_str() <= l["End"].as_str()
        && l["Start"].as_str().is_some_and(|s| s.starts_with("20"))));
    let seen = events(&r, &since, "hc", "{{.Action}}")?;
    let statuses: Vec<&String> = seen.iter().filter(|a| a.starts_with("health_status")).collect();
    check_eq!(statuses, ["health_status: healthy", "health_status: unhealthy"]);
    check!(seen.iter().any(|a| a == "exec_create: /bin/sh -c cat /tmp/ok"), "{seen:?}");
    // The filter `event=health_status` matches each status, as Docker's.
    let filtered = r.replay_events(&since, &["event=health_status"], "{{.Action}}")?;
    check_eq!(filtered, "health_status: healthy\nhealth_status: unhealthy\n");
    r.ok(&["stop", "-t", "0", "hc"])?;
    check_eq!(field(&r, "hc", "{{.State.Health.Status}}"), "unhealthy");
    Ok(())
}

/// An image's HEALTHCHECK runs unless `--no-healthcheck`; a check that takes
/// longer than its timeout fails with Docker's message and exit code -1.
fn healthcheck_from_image_and_timeout() -> TestResult {
    let r = Rdock::new();
    let img = r.pull("busybox")?;
    let ctx = temp_dir("hcimg");
    std::fs::write(
        ctx.join("Dockerfile"),
        format!("FROM {img}\nHEALTHCHECK --interval=1s --retries=1 CMD [\"true\"]\n"),
    )?;
    let built = r.run(&["build", "-q", "-t", "hcimg", ctx.to_str().unwrap_or_default()]);
    let _ = std::fs::remove_dir_all(&ctx);
    check!(built.code == 0, "{}", built.stderr);
    r.ok(&["run", "-d", "--name", "fromimg", "hcimg", "sleep", "1000"])?;
    check!(
        wait_for(Duration::from_secs(10), || field(&r, "fromimg", "{{.State.Health.Status}}") == "healthy")
    );
    r.ok(&["run", "-d", "--name", "off", "--no-healthcheck", "hcimg", "sleep", "1000"])?;
    std::thread::sleep(Duration::from_millis(1500));
    check_eq!(field(&r, "off", "{{json .State.Health}}"), "null");
    check!(!r.ps_status("off").contains("health"), "{}", r.ps_status("off"));
    check_eq!(r.ok(&["ps", "--filter", "health=none", "--format", "{{.Names}}"])?, "off\n");

    r.ok(&[
        "run",
        "-d",
        "--name",
        "slow",
        "--health-cmd",
        "echo partial; sleep 5",
        "--health-timeout",
        "500ms",
        "--health-interval",
        "1s",
        "--health-retries",
        "1",
        &img,
        "sleep",
        "1000",
    ])?;
    check!(wait_for(Duration::from_secs(10), || field(&r, "slow", "{{.State.Health.Status}}") == "unhealthy"));
    let log = r.inspect("slow")?["State"]["Health"]["Log"].clone();
    check_eq!(log[0]["ExitCode"], -1);
    check_eq!(log[0]["Output"], "Health check exceeded timeout (500ms): partial\n");
    Ok(())
}

/// The supervisor of container `id`, found by its command line (a
/// restarting container has no process to be the parent of).
fn supervisor_of(id: &str) -> Option<i32> {
    std::fs::read_dir("/proc").ok()?.flatten().find_map(|e| {
        let pid: i32 = e.file_name().to_str()?.parse().ok()?;
        let cmdline = std::fs::read(format!("/proc/{pid}/cmdline")).ok()?;
        let args: Vec<&[u8]> = cmdline.split(|b| *b == 0).collect();
        (args.contains(&b"__supervise".as_slice()) && args.contains(&id.as_bytes())).then_some(pid)
    })
}

fn kill9(pid: i32) -> TestResult {
    nix::sys::signal::kill(nix::unistd::Pid::from_raw(pid), nix::sys::signal::Signal::SIGKILL)?;
    check!(wait_for(Duration::from_secs(5), || {
        std::fs::read_to_string(format!("/proc/{pid}/stat")).map_or(true, |s| s.contains(") Z "))
    }));
    Ok(())
}

/// kill -9 of the supervisor while a container waits to restart leaves it
/// exited with its last code, and startable; kill -9 of a probe in flight
/// is a failed check, and probing goes on; a dead supervisor's probe does
/// not keep the container looking alive.
fn kill_9_while_restarting_or_probing() -> TestResult {
    let r = Rdock::new();
    let img = r.pull("busybox")?;
    let id = r
        .ok(&["run", "-d", "--name", "k9", "--restart", "always", &img, "sh", "-c", "exit 4"])?
        .trim()
        .to_string();
    check!(wait_for(Duration::from_secs(20), || field(&r, "k9", "{{.RestartCount}}")
        .parse::<u32>()
        .unwrap_or(0)
        >= 4));
    check!(wait_for(Duration::from_secs(5), || field(&r, "k9", "{{.State.Status}}") == "restarting"));
    kill9(supervisor_of(&id).ok_or("no supervisor")?)?;
    check_eq!(field(&r, "k9", "{{.State.Status}} {{.State.ExitCode}}"), "exited 4");
    check_eq!(r.ok(&["ps", "-q"])?, "");
    r.ok(&["update", "--restart", "no", "k9"])?;
    r.ok(&["start", "k9"])?;
    check_eq!(r.ok(&["wait", "k9"])?, "4\n");
    r.ok(&["rm", "k9"])?;

    // A probe that hangs, killed from outside: a failed result, then more probes.
    let id = r
        .ok(&[
            "run",
            "-d",
            "--name",
            "pk",
            "--health-cmd",
            "touch /tmp/probed; sleep 100",
            "--health-interval",
            "1s",
            "--health-timeout",
            "60s",
            &img,
            "sleep",
            "1000",
        ])?
        .trim()
        .to_string();
    let (init, sup) = r.supervisor("pk")?;
    let probe = || {
        std::fs::read_dir("/proc").ok().and_then(|d| {
            d.flatten().find_map(|e| {
                let pid: i32 = e.file_name().to_str()?.parse().ok()?;
                let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
                let ppid: i32 = stat[stat.rfind(')')? + 2..].split(' ').nth(1)?.parse().ok()?;
                (ppid == sup && pid != init).then_some(pid)
            })
        })
    };
    let mut child = None;
    check!(
        wait_for(Duration::from_secs(10), || {
            child = probe();
            child.is_some()
        }),
        "no probe child"
    );
    check!(
        wait_for(Duration::from_secs(10), || r.run(&["exec", "pk", "test", "-e", "/tmp/probed"]).code == 0)
    );
    kill9(child.ok_or("no probe")?)?;
    check!(wait_for(Duration::from_secs(10), || {
        r.inspect("pk").is_ok_and(|v| v["State"]["Health"]["Log"].as_array().is_some_and(|l| !l.is_empty()))
    }));
    let log = r.inspect("pk")?["State"]["Health"]["Log"].clone();
    check_eq!(log[0]["ExitCode"], -1);
    // The next probe starts; then the supervisor dies in the middle of it.
    check!(wait_for(Duration::from_secs(10), || probe().is_some()), "probing stopped");
    kill9(sup)?;
    let t = Instant::now();
    check!(wait_for(Duration::from_secs(10), || field(&r, "pk", "{{.State.Status}}") == "exited"));
    check!(
        t.elapsed() < Duration::from_secs(5),
        "a probe kept the dead supervisor's lock: {:?}",
        t.elapsed()
    );
    check!(supervisor_of(&id).is_none());
    Ok(())
}

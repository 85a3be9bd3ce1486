//! Container lifecycle: run, create/start, stop, kill, restart, pause, rm, wait,
//! rename, logs, ps, inspect — and the supervisor that keeps it all going.

use std::time::{Duration, Instant};

use crate::support::{events_now, wait_for, Rdock, TestResult};
use crate::{check, check_eq, Test};

pub const TESTS: &[Test] = &[
    ("lifecycle::exit_codes", exit_codes),
    ("lifecycle::run_config_flags", run_config_flags),
    ("lifecycle::create_start_stop_rm", create_start_stop_rm),
    ("lifecycle::detached_logs_outlive_the_cli", detached_logs_outlive_the_cli),
    ("lifecycle::logs_options", logs_options),
    ("lifecycle::stop_timeout_and_signal", stop_timeout_and_signal),
    ("lifecycle::rm_force_kills_at_once", rm_force_kills_at_once),
    ("lifecycle::rm_during_start", rm_during_start),
    ("lifecycle::kill_and_wait", kill_and_wait),
    ("lifecycle::pause_freezes", pause_freezes),
    ("lifecycle::killed_commit_thaws", killed_commit_thaws),
    ("lifecycle::exit_on_a_full_disk", exit_on_a_full_disk),
    ("lifecycle::restart_and_rename", restart_and_rename),
    ("lifecycle::parallel_run_rm", parallel_run_rm),
    ("lifecycle::ps_columns_filters_format", ps_columns_filters_format),
    ("lifecycle::container_inspect_shape", container_inspect_shape),
    ("lifecycle::supervisor_crash_is_reconciled", supervisor_crash_is_reconciled),
    ("lifecycle::name_conflicts", name_conflicts),
    ("lifecycle::stdin_and_sig_proxy", stdin_and_sig_proxy),
    ("lifecycle::init_reaps_and_forwards", init_reaps_and_forwards),
    ("lifecycle::failed_start_leaves_no_mess", failed_start_leaves_no_mess),
];

fn status(r: &Rdock, name: &str) -> String {
    r.run(&["inspect", "-f", "{{.State.Status}}", name]).stdout.trim().to_string()
}

fn exit_codes() -> TestResult {
    let r = Rdock::new();
    let img = r.pull("busybox")?;
    check_eq!(r.run(&["run", "--rm", &img, "true"]).code, 0);
    check_eq!(r.run(&["run", "--rm", &img, "sh", "-c", "exit 3"]).code, 3);
    // PID 1 cannot be killed from inside; under --init the shell is not PID 1.
    check_eq!(r.run(&["run", "--rm", "--init", &img, "sh", "-c", "kill -9 $$"]).code, 137);
    let nf = r.run(&["run", "--rm", &img, "no-such-command"]);
    check_eq!(nf.code, 127);
    check!(nf.stderr.contains("executable file not found in $PATH"), "{}", nf.stderr);
    check_eq!(r.run(&["run", "--rm", &img, "/no/such/path"]).code, 127);
    let ne = r.run(&["run", "--rm", &img, "/etc/passwd"]);
    check_eq!(ne.code, 126);
    check!(ne.stderr.contains("permission denied"), "{}", ne.stderr);
    check_eq!(r.run(&["run", "--rm", &img, "/bin"]).code, 126);
    // rdock's own errors: bad flag, bad value, missing image.
    check_eq!(r.run(&["run", "--no-such-flag", &img]).code, 125);
    check_eq!(r.run(&["run", "--rm", "--memory", "lots", &img, "true"]).code, 125);
    check_eq!(r.run(&["run", "--rm", "--pull", "never", &format!("{img}:nope"), "true"]).code, 125);
    check_eq!(r.run(&["run", "--rm", "-w", "relative", &img, "true"]).code, 125);
    // Non-run commands exit 1 on errors, as Docker's do.
    let out = r.run(&["stop", "nosuch"]);
    check_eq!(out.code, 1);
    check!(out.stderr.contains("No such container: nosuch"), "{}", out.stderr);
    // --rm containers are gone, failed or not.
    check_eq!(r.ok(&["ps", "-aq"])?, "");
    // Without --rm the failed container stays, created, with the exit code.
    check_eq!(r.run(&["run", "--name", "nf", &img, "no-such-command"]).code, 127);
    check_eq!(status(&r, "nf"), "created");
    check_eq!(r.ok(&["inspect", "-f", "{{.State.ExitCode}}", "nf"])?.trim(), "127");
    Ok(())
}

fn run_config_flags() -> TestResult {
    let r = Rdock::new();
    let img = r.pull("busybox")?;
    let env_file = r.root.join("env.list");
    std::fs::write(&env_file, "# comment\nFROM_FILE=yes\n\nOVERRIDE=file\n")?;
    let out = r.ok(&[
        "run",
        "--rm",
        "-e",
        "A=1",
        "-e",
        "OVERRIDE=flag",
        "--env-file",
        env_file.to_str().unwrap(),
        "-w",
        "/tmp/newdir",
        "-u",
        "1000:50",
        "--hostname",
        "box",
        &img,
        "sh",
        "-c",
        "echo $A $FROM_FILE $OVERRIDE $HOSTNAME; pwd; id -u; id -g; hostname; cat /etc/hostname",
    ])?;
    check_eq!(out, "1 yes flag box\n/tmp/newdir\n1000\n50\nbox\nbox\n");
    // -e VAR takes the value from our environment.
    let out = r
        .command(&["run", "--rm", "-e", "FROM_HOST", &img, "sh", "-c", "echo $FROM_HOST"])
        .env("FROM_HOST", "host-value")
        .output()?;
    check_eq!(String::from_utf8_lossy(&out.stdout), "host-value\n");
    // --entrypoint replaces the image's and drops its command.
    check_eq!(r.ok(&["run", "--rm", "--entrypoint", "echo", &img, "a", "b"])?, "a b\n");
    check_eq!(r.ok(&["run", "--rm", "--entrypoint", "/bin/hostname", "-h", "ep", &img])?, "ep\n");
    // A user name resolves through the image's /etc/passwd, with its groups
    // (its primary one among them, as moby adds it) and its HOME; a user the
    // image does not list gets HOME=/.
    check_eq!(
        r.ok(&["run", "--rm", "-u", "user", &img, "id"])?,
        "uid=1000(user) gid=1000(user) groups=50(staff),1000(user)\n"
    );
    check_eq!(r.ok(&["run", "--rm", "-u", "user", &img, "sh", "-c", "echo $HOME"])?, "/home/user\n");
    check_eq!(r.ok(&["run", "--rm", "-u", "4242", &img, "sh", "-c", "echo $HOME"])?, "/\n");
    check_eq!(r.ok(&["run", "--rm", &img, "sh", "-c", "echo $HOME"])?, "/root\n");
    let bad = r.run(&["run", "--rm", "-u", "nobody-here", &img, "true"]);
    check_eq!(bad.code, 125);
    check!(bad.stderr.contains("unable to find user nobody-here"), "{}", bad.stderr);
    // The hostname defaults to the short id.
    let id = r.ok(&["run", "-d", &img, "hostname"])?;
    let id = id.trim();
    r.ok(&["wait", id])?;
    check_eq!(r.ok(&["logs", id])?, format!("{}\n", &id[..12]));
    Ok(())
}

fn create_start_stop_rm() -> TestResult {
    let r = Rdock::new();
    let img = r.pull("busybox")?;
    let id = r.ok(&["create", "--name", "c1", "-l", "app=web", &img, "sleep", "1000"])?;
    let id = id.trim().to_string();
    check_eq!(id.len(), 64);
    check_eq!(status(&r, "c1"), "created");
    let ps = r.ok(&["ps", "-a"])?;
    check!(ps.contains("Created") && ps.contains("c1"), "{ps}");
    check_eq!(r.ok(&["ps", "-q"])?, "");
    check_eq!(r.ok(&["start", "c1"])?, "c1\n");
    check_eq!(status(&r, "c1"), "running");
    let ps = r.ok(&["ps"])?;
    check!(ps.contains("Up ") && ps.contains(&id[..12]), "{ps}");
    // The rootfs is an overlay mount while running.
    check!(r.mounts().iter().any(|m| m.ends_with(&format!("{id}/merged"))), "{:?}", r.mounts());
    let started = Instant::now();
    check_eq!(r.ok(&["stop", "-t", "1", "c1"])?, "c1\n");
    check!(started.elapsed() < Duration::from_secs(5));
    check_eq!(status(&r, "c1"), "exited");
    check!(r.mounts().is_empty(), "{:?}", r.mounts());
    // Stopping a stopped container is fine; starting it again works.
    check_eq!(r.ok(&["stop", "c1"])?, "c1\n");
    r.ok(&["start", "c1"])?;
    let rm = r.run(&["rm", "c1"]);
    check_eq!(rm.code, 1);
    check!(
        rm.stderr.contains("container is running: stop the container before removing or force remove"),
        "{}",
        rm.stderr
    );
    check_eq!(r.ok(&["rm", "-f", "c1"])?, "c1\n");
    check_eq!(r.ok(&["ps", "-aq"])?, "");
    check!(!r.root.join("containers").join(&id).exists());
    check!(!std::path::Path::new(&format!("/sys/fs/cgroup/pids/rdock/{id}")).exists());
    // Per-item reports: one missing, one good.
    r.ok(&["create", "--name", "c2", &img])?;
    let out = r.run(&["rm", "nosuch", "c2"]);
    check_eq!(out.code, 1);
    check_eq!(out.stdout, "c2\n");
    check!(out.stderr.contains("No such container: nosuch"));
    Ok(())
}

fn detached_logs_outlive_the_cli() -> TestResult {
    let r = Rdock::new();
    let img = r.pull("busybox")?;
    let id = r.detach("dd", &img, "for i in 1 2 3; do echo out$i; echo err$i >&2; sleep 0.2; done")?;
    check_eq!(id.trim().len(), 64);
    // The CLI has exited; the supervisor still owns the container and logs it.
    check_eq!(r.ok(&["wait", "dd"])?, "0\n");
    let logs = r.run(&["logs", "dd"]);
    check_eq!(logs.stdout, "out1\nout2\nout3\n");
    check_eq!(logs.stderr, "err1\nerr2\nerr3\n");
    // The log file is Docker's json-file format.
    let path = r.ok(&["inspect", "-f", "{{.LogPath}}", "dd"])?;
    let text = std::fs::read_to_string(path.trim())?;
    let first: serde_json::Value = serde_json::from_str(text.lines().next().unwrap_or_default())?;
    check_eq!(first["log"], "out1\n");
    check_eq!(first["stream"], "stdout");
    check!(first["time"].as_str().unwrap_or_default().ends_with('Z'));
    Ok(())
}

fn logs_options() -> TestResult {
    let r = Rdock::new();
    let img = r.pull("busybox")?;
    r.detach("lg", &img, "echo one; echo two; echo three; sleep 1.5; echo four")?;
    // -f follows until the container exits.
    let started = Instant::now();
    let follow = r.ok(&["logs", "-f", "lg"])?;
    check_eq!(follow, "one\ntwo\nthree\nfour\n");
    check!(started.elapsed() >= Duration::from_millis(500));
    check_eq!(r.ok(&["logs", "--tail", "2", "lg"])?, "three\nfour\n");
    check_eq!(r.ok(&["logs", "-n", "0", "lg"])?, "");
    let ts = r.ok(&["logs", "-t", "--tail", "1", "lg"])?;
    let (stamp, line) = ts.split_once(' ').unwrap_or_default();
    check!(
        stamp.len() >= 20 && stamp.ends_with('Z') && chrono::DateTime::parse_from_rfc3339(stamp).is_ok(),
        "{ts}"
    );
    check_eq!(line, "four\n");
    check_eq!(
        r.ok(&["logs", "--since", "2000-01-01T00:00:00Z", "--until", "2000-01-02T00:00:00Z", "lg"])?,
        ""
    );
    check_eq!(r.ok(&["logs", "--since", "1h", "lg"])?.lines().count(), 4);
    check_eq!(r.run(&["logs", "--since", "yesterday-ish", "lg"]).code, 1);
    Ok(())
}

fn stop_timeout_and_signal() -> TestResult {
    let r = Rdock::new();
    let img = r.pull("busybox")?;
    // Ignores SIGTERM: stop -t 1 waits a second, then kills.
    r.detach("stubborn", &img, "trap '' TERM; while true; do sleep 0.1; done")?;
    let started = Instant::now();
    r.ok(&["stop", "-t", "1", "stubborn"])?;
    let took = started.elapsed();
    check!(took >= Duration::from_millis(900) && took < Duration::from_secs(5), "{took:?}");
    check_eq!(r.ok(&["inspect", "-f", "{{.State.ExitCode}}", "stubborn"])?.trim(), "137");
    // --stop-signal and --stop-timeout are honoured and recorded.
    r.ok(&[
        "run",
        "-d",
        "--name",
        "usr1",
        "--stop-signal",
        "USR1",
        "--stop-timeout",
        "20",
        &img,
        "sh",
        "-c",
        "trap 'echo got-usr1; exit 4' USR1; while true; do sleep 0.1; done",
    ])?;
    check_eq!(
        r.ok(&["inspect", "-f", "{{.Config.StopSignal}} {{.Config.StopTimeout}}", "usr1"])?.trim(),
        "USR1 20"
    );
    let started = Instant::now();
    r.ok(&["stop", "usr1"])?;
    check!(started.elapsed() < Duration::from_secs(5));
    check_eq!(r.ok(&["inspect", "-f", "{{.State.ExitCode}}", "usr1"])?.trim(), "4");
    check_eq!(r.ok(&["logs", "usr1"])?, "got-usr1\n");
    // stop -s overrides.
    r.detach("ss", &img, "trap 'exit 5' HUP; while true; do sleep 0.1; done")?;
    r.ok(&["stop", "-s", "HUP", "ss"])?;
    check_eq!(r.ok(&["inspect", "-f", "{{.State.ExitCode}}", "ss"])?.trim(), "5");
    Ok(())
}

fn rm_force_kills_at_once() -> TestResult {
    let r = Rdock::new();
    let img = r.pull("busybox")?;
    r.detach("stubborn", &img, "trap '' TERM; while true; do sleep 0.1; done")?;
    let started = Instant::now();
    check_eq!(r.ok(&["rm", "-f", "stubborn"])?, "stubborn\n");
    let took = started.elapsed();
    check!(took < Duration::from_secs(2), "rm -f took {took:?}");
    check_eq!(r.ok(&["ps", "-aq"])?, "");
    check!(r.mounts().is_empty(), "{:?}", r.mounts());
    Ok(())
}

fn kill_and_wait() -> TestResult {
    let r = Rdock::new();
    let img = r.pull("busybox")?;
    r.detach("kk", &img, "trap 'exit 42' USR2; while true; do sleep 0.1; done")?;
    let waiter = r.command(&["wait", "kk"]).stdout(std::process::Stdio::piped()).spawn()?;
    std::thread::sleep(Duration::from_millis(300));
    check_eq!(r.ok(&["kill", "-s", "SIGUSR2", "kk"])?, "kk\n");
    let out = waiter.wait_with_output()?;
    check_eq!(String::from_utf8_lossy(&out.stdout), "42\n");
    check_eq!(status(&r, "kk"), "exited");
    let out = r.run(&["kill", "kk"]);
    check_eq!(out.code, 1);
    check!(out.stderr.contains("is not running"), "{}", out.stderr);
    // Default signal is KILL; kill waits for the container to be gone.
    r.ok(&["start", "kk"])?;
    r.ok(&["kill", "kk"])?;
    check_eq!(status(&r, "kk"), "exited");
    check_eq!(r.ok(&["wait", "kk"])?, "137\n");
    check_eq!(r.run(&["kill", "-s", "NOTASIGNAL", "kk"]).code, 1);
    // wait on an --rm container still reports its code.
    r.ok(&["run", "-d", "--rm", "--name", "gone", &img, "sh", "-c", "sleep 0.5; exit 6"])?;
    check_eq!(r.ok(&["wait", "gone"])?, "6\n");
    Ok(())
}

fn pause_freezes() -> TestResult {
    let r = Rdock::new();
    let img = r.pull("busybox")?;
    r.detach("pp", &img, "while true; do date +%s%N > /tmp/tick; sleep 0.05; done")?;
    check!(wait_for(Duration::from_secs(5), || r.run(&["exec", "pp", "cat", "/tmp/tick"]).code == 0));
    if !r.has_cgroups() {
        // Rootless without a delegated cgroup: refused, clearly, and no harm done.
        let out = r.run(&["pause", "pp"]);
        check_eq!(out.code, 1);
        check!(out.stderr.contains("pausing needs a cgroup"), "{}", out.stderr);
        check_eq!(status(&r, "pp"), "running");
        return Ok(());
    }
    check_eq!(r.ok(&["pause", "pp"])?, "pp\n");
    check_eq!(status(&r, "pp"), "paused");
    check!(r.ok(&["ps"])?.contains("(Paused)"));
    let id = r.id("pp")?;
    let freezer = std::fs::read_to_string(format!("/sys/fs/cgroup/freezer/rdock/{id}/freezer.state"))
        .or_else(|_| std::fs::read_to_string(format!("/sys/fs/cgroup/rdock/{id}/cgroup.freeze")))?;
    check!(freezer.trim() == "FROZEN" || freezer.trim() == "1", "{freezer}");
    let merged = r.ok(&["inspect", "-f", "{{.GraphDriver.Data.MergedDir}}", "pp"])?;
    let tick = std::path::PathBuf::from(merged.trim()).join("tmp/tick");
    let before = std::fs::read_to_string(&tick)?;
    std::thread::sleep(Duration::from_millis(300));
    check_eq!(std::fs::read_to_string(&tick)?, before);
    check!(r.run(&["pause", "pp"]).code == 1);
    check!(r.run(&["exec", "pp", "true"]).stderr.contains("paused"));
    check_eq!(r.ok(&["unpause", "pp"])?, "pp\n");
    check_eq!(status(&r, "pp"), "running");
    check!(wait_for(Duration::from_secs(3), || {
        std::fs::read_to_string(&tick).map(|t| t != before).unwrap_or(false)
    }));
    check!(r.run(&["unpause", "pp"]).stderr.contains("is not paused"));
    // A paused container can be force-removed at once.
    r.ok(&["pause", "pp"])?;
    let started = Instant::now();
    r.ok(&["rm", "-f", "pp"])?;
    check!(started.elapsed() < Duration::from_secs(3));
    Ok(())
}

fn restart_and_rename() -> TestResult {
    let r = Rdock::new();
    let img = r.pull("busybox")?;
    r.detach("old", &img, "echo started; sleep 1000")?;
    let pid1 = r.ok(&["inspect", "-f", "{{.State.Pid}}", "old"])?;
    let since = events_now();
    check_eq!(r.ok(&["restart", "-t", "0", "old"])?, "old\n");
    // Docker's events of a restart: the stop's, the start's, then `restart`.
    let actions = r.replay_events(&since, &[], "{{.Action}}")?;
    check_eq!(actions, "kill\nkill\ndie\nstop\nstart\nrestart\n");
    let pid2 = r.ok(&["inspect", "-f", "{{.State.Pid}}", "old"])?;
    check!(pid1 != pid2 && pid2.trim() != "0", "{pid1} {pid2}");
    check_eq!(status(&r, "old"), "running");
    check!(wait_for(Duration::from_secs(3), || r.run(&["logs", "old"]).stdout == "started\nstarted\n"));
    r.ok(&["rename", "old", "new"])?;
    check_eq!(r.ok(&["inspect", "-f", "{{.Name}}", "new"])?.trim(), "/new");
    check_eq!(r.run(&["inspect", "old"]).code, 1);
    r.ok(&["create", "--name", "other", &img])?;
    let out = r.run(&["rename", "new", "other"]);
    check_eq!(out.code, 1);
    check!(out.stderr.contains("is already in use"), "{}", out.stderr);
    check_eq!(r.run(&["rename", "new", "bad name"]).code, 1);
    Ok(())
}

fn parallel_run_rm() -> TestResult {
    let r = Rdock::new();
    let img = r.pull("busybox")?;
    let children: Vec<_> =
        (0..20).map(|i| (i, r.spawn(&["run", "--rm", &img, "sh", "-c", &format!("echo run-{i}")]))).collect();
    for (i, child) in children {
        let out = child.wait_with_output()?;
        check!(out.status.success(), "run {i}: {}", String::from_utf8_lossy(&out.stderr));
        check_eq!(String::from_utf8_lossy(&out.stdout), format!("run-{i}\n"));
    }
    check_eq!(r.ok(&["ps", "-a"])?.lines().count(), 1);
    check!(r.mounts().is_empty(), "{:?}", r.mounts());
    let leftovers: Vec<_> = std::fs::read_dir(r.root.join("containers"))?.collect();
    check!(leftovers.is_empty());
    Ok(())
}

fn ps_columns_filters_format() -> TestResult {
    let r = Rdock::new();
    let img = r.pull("busybox")?;
    r.ok(&["run", "-d", "--name", "web", "-l", "tier=front", "-l", "team", &img, "sleep", "1000"])?;
    r.ok(&["run", "--name", "done3", &img, "sh", "-c", "exit 3"]).ok();
    r.ok(&["create", "--name", "fresh", &img])?;
    let ps = r.ok(&["ps"])?;
    let header = ps.lines().next().unwrap_or_default();
    let cols: Vec<&str> = header.split("   ").map(str::trim).filter(|c| !c.is_empty()).collect();
    check_eq!(cols, vec!["CONTAINER ID", "IMAGE", "COMMAND", "CREATED", "STATUS", "PORTS", "NAMES"]);
    check_eq!(ps.lines().count(), 2);
    check!(ps.contains("\"sleep 1000\""), "{ps}");
    check_eq!(r.ok(&["ps", "-a"])?.lines().count(), 4);
    check_eq!(r.ok(&["ps", "-a", "--format", "{{.Names}}"])?, "fresh\ndone3\nweb\n");
    check_eq!(r.ok(&["ps", "-l", "--format", "{{.Names}}"])?, "fresh\n");
    check_eq!(r.ok(&["ps", "-n", "2", "--format", "{{.Names}}"])?, "fresh\ndone3\n");
    check_eq!(
        r.ok(&["ps", "-a", "--filter", "status=exited", "--format", "{{.Names}} {{.Status}}"])?
            .split(" (")
            .next()
            .unwrap_or_default(),
        "done3 Exited"
    );
    check_eq!(r.ok(&["ps", "-a", "-f", "exited=3", "--format", "{{.Names}}"])?, "done3\n");
    check_eq!(r.ok(&["ps", "-a", "-f", "status=created", "-q"])?.lines().count(), 1);
    check_eq!(r.ok(&["ps", "-a", "-f", "label=tier=front", "--format", "{{.Names}}"])?, "web\n");
    check_eq!(r.ok(&["ps", "-a", "-f", "label=team", "--format", "{{.Names}}"])?, "web\n");
    check_eq!(r.ok(&["ps", "-a", "-f", "name=^fre", "--format", "{{.Names}}"])?, "fresh\n");
    check_eq!(r.ok(&["ps", "-a", "-f", &format!("ancestor={img}"), "-q"])?.lines().count(), 3);
    check_eq!(r.ok(&["ps", "-a", "-f", "ancestor=other/image", "-q"])?, "");
    let web_id = r.id("web")?;
    check_eq!(
        r.ok(&["ps", "-q", "--no-trunc", "-f", &format!("id={}", &web_id[..6])])?,
        format!("{web_id}\n")
    );
    check_eq!(
        r.ok(&["ps", "-a", "-f", "before=fresh", "-f", "since=web", "--format", "{{.Names}}"])?,
        "done3\n"
    );
    check_eq!(r.ok(&["ps", "--format", "{{.Label \"tier\"}} {{.Labels}}"])?, "front team=,tier=front\n");
    check_eq!(r.run(&["ps", "-f", "bogus=1"]).code, 1);
    // Table formats align like Docker's tabwriter; json is one object per line.
    check_eq!(
        r.ok(&["ps", "--format", "table {{.Names}}\\t{{.State}}"])?,
        "NAMES     STATE\nweb       running\n"
    );
    let json: serde_json::Value = serde_json::from_str(r.ok(&["ps", "--format", "json"])?.trim())?;
    check_eq!(json["Names"], "web");
    let sized = r.ok(&["ps", "-s", "--format", "{{.Size}}"])?;
    check!(sized.contains("(virtual ") && sized.contains("MB"), "{sized}");
    Ok(())
}

fn container_inspect_shape() -> TestResult {
    let r = Rdock::new();
    let img = r.pull("multi")?;
    let memory = if crate::support::rootless() { "0" } else { "64m" };
    r.ok(&["run", "-d", "--name", "ii", "-e", "X=1", "--memory", memory, "--init", &img, "sleep 1000"])?;
    let v = r.inspect("ii")?;
    check_eq!(v["Name"], "/ii");
    check_eq!(v["State"]["Status"], "running");
    check_eq!(v["State"]["Running"], true);
    check!(v["State"]["Pid"].as_i64().unwrap_or(0) > 0);
    check!(v["State"]["StartedAt"].as_str().unwrap_or_default().ends_with('Z'));
    check_eq!(v["State"]["FinishedAt"], "0001-01-01T00:00:00Z");
    check_eq!(v["Path"], "/bin/sh");
    check_eq!(v["Args"], serde_json::json!(["-c", "sleep 1000"]));
    check_eq!(v["Config"]["Image"], img);
    check_eq!(v["Config"]["User"], "1000:1000");
    check_eq!(v["Config"]["WorkingDir"], "/data");
    check_eq!(v["Config"]["Labels"]["org.rdock.test"], "multi");
    check!(v["Config"]["Env"].as_array().unwrap().iter().any(|e| e == "X=1"));
    check!(v["Config"]["Env"].as_array().unwrap().iter().any(|e| e == "FOO=bar"));
    check_eq!(v["HostConfig"]["Memory"], if crate::support::rootless() { 0 } else { 67108864 });
    check_eq!(v["HostConfig"]["Init"], true);
    check_eq!(v["Driver"], "overlay2");
    check!(v["Image"].as_str().unwrap_or_default().starts_with("sha256:"));
    for key in ["ResolvConfPath", "HostnamePath", "HostsPath", "LogPath"] {
        check!(std::path::Path::new(v[key].as_str().unwrap_or_default()).exists(), "{key}");
    }
    check_eq!(
        r.ok(&["inspect", "-f", "{{.State.Running}} {{json .Config.Cmd}}", "ii"])?.trim(),
        "true [\"sleep 1000\"]"
    );
    check_eq!(
        r.ok(&["container", "inspect", "--format", "{{.Config.Hostname}}", "ii"])?.trim(),
        &v["Id"].as_str().unwrap()[..12]
    );
    // inspect of several names: a JSON array; unknown ones reported.
    let out = r.run(&["inspect", "ii", "nothing-here"]);
    check_eq!(out.code, 1);
    check!(out.stderr.contains("No such object: nothing-here"), "{}", out.stderr);
    let arr: serde_json::Value = serde_json::from_str(&out.stdout)?;
    check_eq!(arr.as_array().map(|a| a.len()), Some(1));
    check_eq!(r.run(&["inspect", "--type", "image", "ii"]).code, 1);
    Ok(())
}

fn supervisor_crash_is_reconciled() -> TestResult {
    let r = Rdock::new();
    let img = r.pull("busybox")?;
    r.ok(&["run", "-d", "--name", "orphan", &img, "sleep", "1000"])?;
    // Find the supervisor: the container's parent.
    let (pid, ppid) = r.supervisor("orphan")?;
    // Its own memory (anonymous pages: heap, stacks, relocated data) stays
    // small; shared, reclaimable pages of the executable are not its cost and
    // grow with the debug build. Polled: it sheds start-up pages just after
    // reporting the start.
    let rss_kb = || -> u64 {
        std::fs::read_to_string(format!("/proc/{ppid}/status"))
            .unwrap_or_default()
            .lines()
            .find(|l| l.starts_with("RssAnon:"))
            .and_then(|l| l.split_whitespace().nth(1))
            .and_then(|v| v.parse().ok())
            .unwrap_or(0)
    };
    check!(
        wait_for(Duration::from_secs(2), || (1..4 * 1024).contains(&rss_kb())),
        "supervisor RSS {} kB",
        rss_kb()
    );
    nix::sys::signal::kill(nix::unistd::Pid::from_raw(ppid), nix::sys::signal::Signal::SIGKILL)?;
    check!(wait_for(Duration::from_secs(5), || !std::path::Path::new(&format!("/proc/{ppid}/cmdline"))
        .exists()
        || std::fs::read_to_string(format!("/proc/{ppid}/stat"))
            .map(|s| s.contains(") Z "))
            .unwrap_or(true)));
    // The next command notices, kills what is left and records the exit.
    let ps = r.ok(&["ps", "-a", "--format", "{{.Names}} {{.State}}"])?;
    check_eq!(ps, "orphan exited\n");
    check!(wait_for(Duration::from_secs(5), || !std::path::Path::new(&format!("/proc/{pid}")).exists()
        || std::fs::read_to_string(format!("/proc/{pid}/stat")).map(|s| s.contains(") Z ")).unwrap_or(true)));
    check!(r.ok(&["inspect", "-f", "{{.State.Error}}", "orphan"])?.contains("supervisor"));
    check!(r.mounts().is_empty(), "{:?}", r.mounts());
    r.ok(&["start", "orphan"])?;
    check_eq!(status(&r, "orphan"), "running");
    Ok(())
}

fn name_conflicts() -> TestResult {
    let r = Rdock::new();
    let img = r.pull("busybox")?;
    // Many creates racing for one name: exactly one wins.
    let children: Vec<_> = (0..8).map(|_| r.spawn(&["create", "--name", "same", &img])).collect();
    let results: Vec<_> = children.into_iter().map(|c| c.wait_with_output().expect("wait")).collect();
    check_eq!(results.iter().filter(|o| o.status.success()).count(), 1);
    for o in results.iter().filter(|o| !o.status.success()) {
        check_eq!(o.status.code(), Some(125));
        check!(String::from_utf8_lossy(&o.stderr).contains("is already in use"));
    }
    check_eq!(r.ok(&["ps", "-aq"])?.lines().count(), 1);
    // Generated names look like Docker's.
    let id = r.ok(&["create", &img])?;
    let name = r.ok(&["inspect", "-f", "{{.Name}}", id.trim()])?;
    check!(name.trim().trim_start_matches('/').contains('_'), "{name}");
    Ok(())
}

fn stdin_and_sig_proxy() -> TestResult {
    let r = Rdock::new();
    let img = r.pull("busybox")?;
    let out = r.run_input(&["run", "--rm", "-i", &img, "sh", "-c", "cat; echo end"], b"line1\nline2\n");
    check_eq!(out.code, 0);
    check_eq!(out.stdout, "line1\nline2\nend\n");
    // Without -i the container's stdin is empty.
    let out = r.run_input(&["run", "--rm", &img, "sh", "-c", "cat; echo end"], b"ignored\n");
    check_eq!(out.stdout, "end\n");
    // Signals to the CLI reach the container.
    let child = r
        .command(&[
            "run",
            "--rm",
            &img,
            "sh",
            "-c",
            "trap 'echo got-term; exit 9' TERM; echo ready; while true; do sleep 0.1; done",
        ])
        .stdout(std::process::Stdio::piped())
        .spawn()?;
    let pid = nix::unistd::Pid::from_raw(child.id() as i32);
    let mut child = child;
    let mut stdout = child.stdout.take().unwrap();
    let mut buf = [0u8; 6];
    std::io::Read::read_exact(&mut stdout, &mut buf)?;
    check_eq!(&buf, b"ready\n");
    nix::sys::signal::kill(pid, nix::sys::signal::Signal::SIGTERM)?;
    let mut rest = String::new();
    std::io::Read::read_to_string(&mut stdout, &mut rest)?;
    check_eq!(rest, "got-term\n");
    check_eq!(child.wait()?.code(), Some(9));
    Ok(())
}

fn init_reaps_and_forwards() -> TestResult {
    let r = Rdock::new();
    let img = r.pull("busybox")?;
    let out =
        r.ok(&["run", "--rm", "--init", &img, "sh", "-c", "cat /proc/1/comm; ps -o pid,comm | sed -n 2p"])?;
    check_eq!(out.lines().next().unwrap_or_default(), "rdock-init");
    check_eq!(r.run(&["run", "--rm", "--init", &img, "sh", "-c", "exit 12"]).code, 12);
    // Orphans are reaped: a zombie-making child leaves no <defunct> behind.
    r.ok(&["run", "-d", "--init", "--name", "reaper", &img, "sh", "-c", "(sleep 0.1 &) ; sleep 1000"])?;
    std::thread::sleep(Duration::from_millis(600));
    let ps = r.ok(&["exec", "reaper", "ps", "-o", "stat,comm"])?;
    check!(!ps.contains(" Z"), "{ps}");
    // SIGTERM reaches the command through the init.
    let started = Instant::now();
    r.ok(&["stop", "-t", "5", "reaper"])?;
    check!(started.elapsed() < Duration::from_secs(3));
    check_eq!(r.ok(&["inspect", "-f", "{{.State.ExitCode}}", "reaper"])?.trim(), "143");
    Ok(())
}

fn failed_start_leaves_no_mess() -> TestResult {
    let r = Rdock::new();
    let img = r.pull("busybox")?;
    check_eq!(r.run(&["run", "--name", "ff", &img, "nope"]).code, 127);
    check!(r.mounts().is_empty(), "{:?}", r.mounts());
    let id = r.id("ff")?;
    check!(!r.root.join("run/runtime").join(&id).exists());
    check!(!std::path::Path::new(&format!("/sys/fs/cgroup/pids/rdock/{id}")).exists());
    // Start of the broken container reports the same, exit 1 for `start`.
    let out = r.run(&["start", "ff"]);
    check!(out.code != 0);
    check!(out.stderr.contains("executable file not found"), "{}", out.stderr);
    check_eq!(r.run(&["start", "-a", "ff"]).code, 127);
    Ok(())
}

fn rm_during_start() -> TestResult {
    let r = Rdock::new();
    let img = r.pull("busybox")?;
    for i in 0..5 {
        let name = format!("race{i}");
        r.ok(&["create", "--name", &name, &img, "sleep", "1000"])?;
        let starter = r.spawn(&["start", &name]);
        std::thread::sleep(Duration::from_millis(2 * i));
        let rm = r.run(&["rm", "-f", &name]);
        let _ = starter.wait_with_output()?;
        check_eq!(rm.code, 0);
        check_eq!(r.ok(&["ps", "-aq"])?, "");
        check!(wait_for(Duration::from_secs(5), || r.mounts().is_empty()), "{:?}", r.mounts());
    }
    // No container process is left behind (rootless, the session's pause
    // process stays, by design).
    let leftovers =
        std::process::Command::new("pgrep").args(["-f", &r.root.display().to_string()]).output()?;
    let pause = r.pause_pid().map(|p| p.to_string()).unwrap_or_default();
    let leftovers: Vec<String> = String::from_utf8_lossy(&leftovers.stdout)
        .lines()
        .filter(|l| *l != pause)
        .map(String::from)
        .collect();
    check_eq!(leftovers, Vec::<String>::new());
    Ok(())
}

/// A pause taken by `commit` ends with it, even when it is killed -9 mid-way;
/// a user's `pause` persists.
fn killed_commit_thaws() -> TestResult {
    let r = Rdock::new();
    if !r.has_cgroups() {
        return Ok(());
    }
    let img = r.pull("busybox")?;
    // Enough incompressible data that the commit takes a while.
    r.detach("big", &img, "head -c 150000000 /dev/urandom > /big && touch /done; sleep 1000")?;
    check!(
        wait_for(Duration::from_secs(30), || r.run(&["exec", "big", "test", "-f", "/done"]).code == 0),
        "the data was never written"
    );
    let mut commit = r.spawn(&["commit", "big", "bigimg:v1"]);
    let paused = wait_for(Duration::from_secs(20), || status(&r, "big") == "paused");
    let _ = commit.kill();
    let _ = commit.wait();
    check!(paused, "commit never paused the container");
    // The next command sees a pause whose owner is gone and thaws it.
    check!(
        wait_for(Duration::from_secs(5), || status(&r, "big") == "running"),
        "still {} after the commit died",
        status(&r, "big")
    );
    check_eq!(r.out(&["exec", "big", "echo", "alive"])?, "alive");
    let id = r.id("big")?;
    let v2 = std::path::Path::new("/sys/fs/cgroup/cgroup.controllers").exists();
    let frozen = if v2 {
        std::fs::read_to_string(format!("/sys/fs/cgroup/rdock/{id}/cgroup.freeze"))?.trim() == "1"
    } else {
        std::fs::read_to_string(format!("/sys/fs/cgroup/freezer/rdock/{id}/freezer.state"))?.trim()
            != "THAWED"
    };
    check!(!frozen, "the cgroup is still frozen");
    // The user's own pause is not undone by later commands.
    r.ok(&["pause", "big"])?;
    r.ok(&["ps", "-a"])?;
    check_eq!(status(&r, "big"), "paused");
    r.ok(&["unpause", "big"])?;
    check_eq!(status(&r, "big"), "running");
    r.cleanup();
    Ok(())
}

/// A container that exits while the store's disk is full reads as exited with
/// its real code, and the record catches up once there is room again.
fn exit_on_a_full_disk() -> TestResult {
    if crate::support::rootless() {
        return Ok(()); // mounting the small filesystem needs root
    }
    let r = Rdock::new();
    let root = r.root.display().to_string();
    let st = std::process::Command::new("mount")
        .args(["-t", "tmpfs", "-o", "size=48m", "tmpfs", &root])
        .status()?;
    check!(st.success(), "mounting a tmpfs on {root}");
    let result = (|| -> TestResult {
        let img = r.pull("busybox")?;
        r.detach("full", &img, "sleep 3; exit 7")?;
        // Fill the filesystem the store and its runroot live on.
        let filler = r.root.join("filler");
        let _ = std::process::Command::new("dd")
            .args(["if=/dev/zero", "bs=1M", "count=100", &format!("of={}", filler.display())])
            .stderr(std::process::Stdio::null())
            .status()?;
        let probe = std::fs::write(r.root.join("probe"), vec![0u8; 8192]);
        check!(probe.is_err(), "the disk is not full");
        check_eq!(status(&r, "full"), "running");
        check!(
            wait_for(Duration::from_secs(15), || status(&r, "full") == "exited"),
            "still {} on a full disk",
            status(&r, "full")
        );
        check_eq!(r.out(&["inspect", "-f", "{{.State.ExitCode}}", "full"])?, "7");
        check_eq!(r.out(&["wait", "full"])?, "7");
        check!(r.out(&["ps", "-a", "--format", "{{.Status}}"])?.starts_with("Exited (7)"));
        // Room again: the next command writes the record for good.
        std::fs::remove_file(&filler)?;
        r.ok(&["ps", "-a"])?;
        let id = r.id("full")?;
        let state = std::fs::read_to_string(r.root.join(format!("containers/{id}/state.json")))?;
        check!(state.contains("\"exited\"") && state.contains("\"exit_code\": 7"), "{state}");
        Ok(())
    })();
    r.cleanup();
    let _ = nix::mount::umount2(r.root.as_path(), nix::mount::MntFlags::MNT_DETACH);
    result
}

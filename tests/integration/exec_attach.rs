//! exec, attach, terminals, top and stats.

use std::time::Duration;

use crate::support::{PtyChild, Rdock, TestResult};
use crate::{check, check_eq, Test};

pub const TESTS: &[Test] = &[
    ("exec::exec_basics", exec_basics),
    ("exec::exec_errors", exec_errors),
    ("exec::exec_detached", exec_detached),
    ("exec::run_with_tty", run_with_tty),
    ("exec::exec_with_tty", exec_with_tty),
    ("exec::attach_and_detach", attach_and_detach),
    ("exec::start_attach", start_attach),
    ("exec::top_lists_processes", top_lists_processes),
    ("exec::stats_no_stream", stats_no_stream),
];

fn exec_basics() -> TestResult {
    let r = Rdock::new();
    let img = r.pull("multi")?;
    r.ok(&["run", "-d", "--name", "ex", "-e", "RUNVAR=r", &img, "sleep 1000"])?;
    // The container's user, directory and environment by default.
    check_eq!(r.ok(&["exec", "ex", "sh", "-c", "id -u; pwd; echo $FOO $RUNVAR"])?, "1000\n/data\nbar r\n");
    check_eq!(
        r.ok(&[
            "exec",
            "-u",
            "0",
            "-w",
            "/opq",
            "-e",
            "FOO=over",
            "ex",
            "sh",
            "-c",
            "id -u; pwd; echo $FOO"
        ])?,
        "0\n/opq\nover\n"
    );
    check_eq!(r.ok(&["exec", "-u", "user", "ex", "id", "-G"])?, "1000 50\n");
    let out = r.run(&["exec", "ex", "sh", "-c", "echo to-out; echo to-err >&2; exit 7"]);
    check_eq!((out.code, out.stdout.as_str(), out.stderr.as_str()), (7, "to-out\n", "to-err\n"));
    // stdin only with -i.
    let out = r.run_input(&["exec", "-i", "ex", "cat"], b"through\n");
    check_eq!(out.stdout, "through\n");
    let out = r.run_input(&["exec", "ex", "cat"], b"dropped\n");
    check_eq!(out.stdout, "");
    // Same namespaces as the container's init.
    let pid = r.ok(&["inspect", "-f", "{{.State.Pid}}", "ex"])?;
    let ns = |p: &str| std::fs::read_link(format!("/proc/{}/ns/pid", p.trim())).ok();
    check_eq!(
        r.ok(&["exec", "ex", "sh", "-c", "readlink /proc/1/ns/pid"])?.trim().to_string(),
        ns(&pid).map(|p| p.display().to_string()).unwrap_or_default()
    );
    // exec processes get the container's seccomp filter and capabilities.
    let status = r.ok(&["exec", "-u", "0", "ex", "grep", "-E", "^(CapEff|Seccomp):", "/proc/self/status"])?;
    check_eq!(status, "CapEff:\t00000000a80425fb\nSeccomp:\t2\n");
    let privileged =
        r.ok(&["exec", "--privileged", "-u", "0", "ex", "grep", "^CapEff:", "/proc/self/status"])?;
    check!(privileged.trim() != "CapEff:\t00000000a80425fb", "{privileged}");
    Ok(())
}

fn exec_errors() -> TestResult {
    let r = Rdock::new();
    let img = r.pull("busybox")?;
    r.ok(&["run", "-d", "--name", "ex", &img, "sleep", "1000"])?;
    let out = r.run(&["exec", "ex", "no-such-cmd"]);
    check_eq!(out.code, 127);
    check!(out.stderr.contains("executable file not found"), "{}", out.stderr);
    check_eq!(r.run(&["exec", "ex", "/etc/passwd"]).code, 126);
    check_eq!(r.run(&["exec", "nosuch", "true"]).code, 1);
    // Docker 28: too few arguments exit 1.
    check_eq!(r.run(&["exec", "ex"]).code, 1);
    r.ok(&["create", "--name", "stopped", &img])?;
    let out = r.run(&["exec", "stopped", "true"]);
    check_eq!(out.code, 1);
    check!(out.stderr.contains("is not running"), "{}", out.stderr);
    // Nothing left behind by failed execs.
    let id = r.id("ex")?;
    let leftovers: Vec<_> = std::fs::read_dir(r.root.join("run").join(&id))?
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().starts_with("exec-"))
        .collect();
    check!(leftovers.is_empty());
    Ok(())
}

fn exec_detached() -> TestResult {
    let r = Rdock::new();
    let img = r.pull("busybox")?;
    r.ok(&["run", "-d", "--name", "ex", &img, "sleep", "1000"])?;
    let out = r.run(&["exec", "-d", "ex", "sh", "-c", "sleep 0.3; echo later > /tmp/marker"]);
    check_eq!((out.code, out.stdout.as_str()), (0, ""));
    check!(crate::support::wait_for(Duration::from_secs(5), || r
        .run(&["exec", "ex", "cat", "/tmp/marker"])
        .stdout
        == "later\n"));
    Ok(())
}

fn run_with_tty() -> TestResult {
    let r = Rdock::new();
    let img = r.pull("busybox")?;
    let mut child = PtyChild::spawn(
        r.command(&["run", "--rm", "-it", &img, "sh", "-c", "tty; stty size; echo $TERM; exit 5"]),
        33,
        101,
    );
    check_eq!(child.wait(Duration::from_secs(20)), Some(5));
    let out = child.output();
    check!(out.contains("/dev/pts/0\r\n"), "{out:?}");
    check!(out.contains("33 101\r\n"), "{out:?}");
    check!(out.contains("xterm\r\n"), "{out:?}");
    // -it with stdin that is not a terminal is refused, as Docker does.
    let out = r.run_input(&["run", "--rm", "-it", &img, "true"], b"");
    check_eq!(out.code, 1);
    check!(out.stderr.contains("the input device is not a TTY"));
    // -t alone (no terminal on our side) still gives the container one.
    check_eq!(r.ok(&["run", "--rm", "-t", &img, "tty"])?, "/dev/pts/0\r\n");
    Ok(())
}

fn exec_with_tty() -> TestResult {
    let r = Rdock::new();
    let img = r.pull("busybox")?;
    r.ok(&["run", "-d", "--name", "ex", &img, "sleep", "1000"])?;
    let mut child = PtyChild::spawn(r.command(&["exec", "-it", "ex", "sh"]), 24, 80);
    check!(child.expect("# ", Duration::from_secs(10)), "{:?}", child.output());
    child.send(b"echo $((6*7)); stty size\r");
    check!(child.expect("42\r\n24 80", Duration::from_secs(10)), "{:?}", child.output());
    child.send(b"exit 3\r");
    check_eq!(child.wait(Duration::from_secs(10)), Some(3));
    Ok(())
}

fn attach_and_detach() -> TestResult {
    let r = Rdock::new();
    let img = r.pull("busybox")?;
    r.ok(&["run", "-dit", "--name", "att", &img, "sh"])?;
    let mut child = PtyChild::spawn(r.command(&["attach", "att"]), 24, 80);
    std::thread::sleep(Duration::from_millis(300));
    child.send(b"echo attached-$((1+1))\r");
    check!(child.expect("attached-2", Duration::from_secs(10)), "{:?}", child.output());
    // ctrl-p ctrl-q detaches; the container keeps running.
    child.send(&[0x10, 0x11]);
    check_eq!(child.wait(Duration::from_secs(10)), Some(0));
    check_eq!(r.ok(&["inspect", "-f", "{{.State.Status}}", "att"])?.trim(), "running");
    // What happened while attached is in the logs.
    check!(r.ok(&["logs", "att"])?.contains("attached-2"));
    // Attaching again and exiting the shell ends the container with its code.
    let mut child = PtyChild::spawn(r.command(&["attach", "att"]), 24, 80);
    std::thread::sleep(Duration::from_millis(300));
    child.send(b"exit 4\r");
    check_eq!(child.wait(Duration::from_secs(10)), Some(4));
    check_eq!(r.ok(&["inspect", "-f", "{{.State.ExitCode}}", "att"])?.trim(), "4");
    let out = r.run(&["attach", "att"]);
    check_eq!(out.code, 1);
    check!(out.stderr.contains("You cannot attach to a stopped container"), "{}", out.stderr);
    Ok(())
}

fn start_attach() -> TestResult {
    let r = Rdock::new();
    let img = r.pull("busybox")?;
    r.ok(&["create", "--name", "st", "-i", &img, "sh", "-c", "echo start-a; cat; exit 2"])?;
    let out = r.run_input(&["start", "-ai", "st"], b"fed\n");
    check_eq!((out.code, out.stdout.as_str()), (2, "start-a\nfed\n"));
    let out = r.run(&["start", "-a", "st", "st"]);
    check_eq!(out.code, 1);
    Ok(())
}

fn top_lists_processes() -> TestResult {
    let r = Rdock::new();
    let img = r.pull("busybox")?;
    r.detach("tp", &img, "sleep 1001 & sleep 1002")?;
    crate::support::wait_for(Duration::from_secs(5), || r.run(&["top", "tp"]).stdout.contains("sleep 1002"));
    let out = r.ok(&["top", "tp"])?;
    let header: Vec<&str> = out.lines().next().unwrap_or_default().split_whitespace().collect();
    check_eq!(header, vec!["UID", "PID", "PPID", "C", "STIME", "TTY", "TIME", "CMD"]);
    check!(out.contains("sleep 1001") && out.contains("sleep 1002"), "{out}");
    // busybox sh execs its last command: the two sleeps are all there is.
    check_eq!(out.lines().count(), 3);
    let custom = r.ok(&["top", "tp", "-o", "pid,comm"])?;
    check!(custom.lines().next().unwrap_or_default().contains("COMMAND"), "{custom}");
    r.ok(&["create", "--name", "idle", &img])?;
    check_eq!(r.run(&["top", "idle"]).code, 1);
    Ok(())
}

fn stats_no_stream() -> TestResult {
    let r = Rdock::new();
    let img = r.pull("busybox")?;
    // Rootless here there is no cgroup to limit with; stats then come from /proc.
    let limits: &[&str] =
        if crate::support::rootless() { &[] } else { &["--memory", "32m", "--pids-limit", "50"] };
    let mut args = vec!["run", "-d", "--name", "busy"];
    args.extend_from_slice(limits);
    args.extend_from_slice(&[&img, "sh", "-c", "while true; do :; done"]);
    r.ok(&args)?;
    let out = r.ok(&["stats", "--no-stream"])?;
    let mut lines = out.lines();
    let header = lines.next().unwrap_or_default();
    let cols: Vec<&str> = header.split("   ").map(str::trim).filter(|c| !c.is_empty()).collect();
    check_eq!(
        cols,
        vec!["CONTAINER ID", "NAME", "CPU %", "MEM USAGE / LIMIT", "MEM %", "NET I/O", "BLOCK I/O", "PIDS"]
    );
    let row = lines.next().unwrap_or_default();
    let limit = if crate::support::rootless() { " / " } else { " / 32MiB" };
    check!(row.contains("busy") && row.contains(limit), "{row}");
    check!(!row.contains(" 0B / 0B   0.00%"), "memory use must show: {row}");
    let cpu: f64 = r
        .ok(&["stats", "--no-stream", "--format", "{{.CPUPerc}}", "busy"])?
        .trim()
        .trim_end_matches('%')
        .parse()?;
    check!(cpu > 20.0, "a busy loop should use CPU: {cpu}");
    check_eq!(r.ok(&["stats", "--no-stream", "--format", "{{.Name}} {{.PIDs}}", "busy"])?, "busy 1\n");
    Ok(())
}

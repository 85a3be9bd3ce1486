//! Test support: a real registry on loopback with the test images, and a handle on
//! the real `rdock` binary with a fresh state directory per test.

use std::io::{Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::OnceLock;
use std::time::{Duration, Instant};

pub type TestResult = Result<(), libtest_mimic::Failed>;

/// Fails the test with a message unless `cond` holds.
#[macro_export]
macro_rules! check {
    ($cond:expr) => {
        let ok: bool = $cond;
        if !ok {
            return Err(format!("check failed: {} ({}:{})", stringify!($cond), file!(), line!()).into());
        }
    };
    ($cond:expr, $($msg:tt)+) => {
        let ok: bool = $cond;
        if !ok {
            return Err(format!("{} ({}:{})", format!($($msg)+), file!(), line!()).into());
        }
    };
}

/// Fails unless the two values are equal, showing both.
#[macro_export]
macro_rules! check_eq {
    ($a:expr, $b:expr) => {
        match (&$a, &$b) {
            (a, b) => {
                if a != b {
                    return Err(format!("{:?} != {:?} ({}:{})", a, b, file!(), line!()).into());
                }
            }
        }
    };
}

/// The rdock under test (`RDOCK_TEST_BIN` overrides: the rootless pass runs a
/// copy the test user can read).
pub fn bin() -> PathBuf {
    std::env::var_os("RDOCK_TEST_BIN")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_BIN_EXE_rdock")))
}

fn testimg_bin() -> PathBuf {
    if let Some(p) = std::env::var_os("RDOCK_TEST_TESTIMG") {
        return PathBuf::from(p);
    }
    let dir = PathBuf::from(env!("CARGO_BIN_EXE_rdock")).parent().expect("target dir").to_path_buf();
    dir.join("examples/testimg")
}

/// Whether this pass runs as an unprivileged user (rdock rootless).
pub fn rootless() -> bool {
    !nix::unistd::Uid::effective().is_root()
}

/// A `docker-registry` process serving the test images.
pub struct Registry {
    pub child: Child,
    pub dir: PathBuf,
    pub addr: String,
}

impl Registry {
    pub fn start() -> Registry {
        Self::start_with(&temp_dir("reg"), "", "", false)
    }

    /// A registry serving `dir`; `http_extra` goes into its `http:` section (TLS),
    /// `top_extra` at the top level (auth); `tls` says how to tell it is up.
    pub fn start_with(dir: &Path, http_extra: &str, top_extra: &str, tls: bool) -> Registry {
        for attempt in 0..5 {
            let port = free_port();
            let addr = format!("127.0.0.1:{port}");
            let config = format!(
                "version: 0.1\nlog:\n  level: error\nstorage:\n  filesystem:\n    rootdirectory: {}\n  delete:\n    enabled: true\nhttp:\n  addr: {addr}\n{http_extra}{top_extra}",
                dir.join("data").display()
            );
            std::fs::write(dir.join("config.yml"), config).expect("writing registry config");
            let log = std::fs::File::create(dir.join("registry.log")).expect("registry log");
            let child = Command::new("docker-registry")
                .arg("serve")
                .arg(dir.join("config.yml"))
                .stdout(Stdio::null())
                .stderr(log)
                .spawn()
                .expect("starting docker-registry (apt install docker-registry)");
            let mut reg = Registry { child, dir: dir.to_path_buf(), addr };
            if reg.wait_ready(tls) {
                return reg;
            }
            let _ = reg.child.kill();
            let _ = reg.child.wait();
            eprintln!("registry did not start on attempt {attempt}, retrying");
        }
        panic!("could not start docker-registry; see {}", dir.join("registry.log").display());
    }

    fn wait_ready(&mut self, tls: bool) -> bool {
        let deadline = Instant::now() + Duration::from_secs(10);
        while Instant::now() < deadline {
            if let Ok(Some(_)) = self.child.try_wait() {
                return false;
            }
            let up = if tls {
                TcpStream::connect(&self.addr).is_ok()
            } else {
                http_status(&self.addr, "/v2/") == Some(200)
            };
            if up {
                return true;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        false
    }

    /// Pushes test images (see examples/testimg.rs) and returns name → manifest digest.
    pub fn push(&self, names: &[&str]) -> Vec<(String, String)> {
        let out = Command::new(testimg_bin())
            .arg(&self.addr)
            .args(names)
            .output()
            .expect("running testimg (cargo builds it with the tests)");
        assert!(out.status.success(), "testimg failed: {}", String::from_utf8_lossy(&out.stderr));
        String::from_utf8_lossy(&out.stdout)
            .lines()
            .filter_map(|l| l.split_once(' ').map(|(a, b)| (a.to_string(), b.to_string())))
            .collect()
    }

    pub fn stop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

/// GET a path over plain HTTP and return the status code.
pub fn http_status(addr: &str, path: &str) -> Option<u16> {
    let mut s = TcpStream::connect_timeout(&addr.parse().ok()?, Duration::from_secs(1)).ok()?;
    s.set_read_timeout(Some(Duration::from_secs(2))).ok()?;
    write!(s, "GET {path} HTTP/1.0\r\nHost: {addr}\r\n\r\n").ok()?;
    let mut buf = [0u8; 64];
    let n = s.read(&mut buf).ok()?;
    let line = String::from_utf8_lossy(&buf[..n]);
    line.split_whitespace().nth(1)?.parse().ok()
}

pub fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0").expect("bind").local_addr().expect("addr").port()
}

pub fn temp_dir(tag: &str) -> PathBuf {
    let mut bytes = [0u8; 4];
    std::fs::File::open("/dev/urandom").and_then(|mut f| f.read_exact(&mut bytes)).expect("urandom");
    let dir = std::env::temp_dir().join(format!("rdt-{tag}-{}", hex::encode(bytes)));
    std::fs::create_dir_all(&dir).expect("creating temp dir");
    dir
}

static REGISTRY: OnceLock<String> = OnceLock::new();
static REGISTRY_DIR: OnceLock<PathBuf> = OnceLock::new();
static DIGESTS: OnceLock<std::collections::HashMap<String, String>> = OnceLock::new();

pub fn set_registry(reg: &Registry, digests: Vec<(String, String)>) {
    let _ = REGISTRY.set(reg.addr.clone());
    let _ = REGISTRY_DIR.set(reg.dir.clone());
    let _ = DIGESTS.set(digests.into_iter().collect());
}

/// The manifest digest testimg pushed for `name`.
pub fn manifest_digest(name: &str) -> String {
    DIGESTS.get().and_then(|d| d.get(name)).cloned().unwrap_or_default()
}

/// `127.0.0.1:PORT/name` in the shared registry.
pub fn image(name: &str) -> String {
    format!("{}/{name}", REGISTRY.get().expect("registry started"))
}

pub fn registry_blob_path(digest: &str) -> PathBuf {
    let hex = digest.trim_start_matches("sha256:");
    REGISTRY_DIR
        .get()
        .expect("registry started")
        .join("data/docker/registry/v2/blobs/sha256")
        .join(&hex[..2])
        .join(hex)
        .join("data")
}

/// The rdock binary with a private state directory, removed (containers, mounts
/// and all) when dropped.
pub struct Rdock {
    pub root: PathBuf,
    /// Extra environment for every command (e.g. DOCKER_CONFIG for a login test).
    pub env: Vec<(String, String)>,
}

#[derive(Debug)]
pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

/// No single rdock command in the tests should take longer.
pub const COMMAND_TIMEOUT: Duration = Duration::from_secs(90);

impl Rdock {
    pub fn new() -> Rdock {
        Rdock { root: temp_dir("root"), env: Vec::new() }
    }

    pub fn command(&self, args: &[&str]) -> Command {
        let mut c = Command::new(bin());
        c.arg("--root").arg(&self.root).args(args);
        c.envs(self.env.iter().map(|(k, v)| (k, v)));
        c.stdin(Stdio::null());
        c
    }

    /// Runs rdock and returns what it did, whatever its exit code.
    pub fn run(&self, args: &[&str]) -> Run {
        self.run_with(args, None)
    }

    /// Starts rdock in the background with its output captured.
    pub fn spawn(&self, args: &[&str]) -> Child {
        self.command(args).stdout(Stdio::piped()).stderr(Stdio::piped()).spawn().expect("spawning rdock")
    }

    /// Runs rdock with `input` on stdin.
    pub fn run_input(&self, args: &[&str], input: &[u8]) -> Run {
        self.run_with(args, Some(input))
    }

    /// A hung command is killed after `COMMAND_TIMEOUT` and reported as exit -2.
    fn run_with(&self, args: &[&str], input: Option<&[u8]>) -> Run {
        let mut cmd = self.command(args);
        cmd.stdout(Stdio::piped()).stderr(Stdio::piped());
        if input.is_some() {
            cmd.stdin(Stdio::piped());
        }
        let mut child = cmd.spawn().expect("spawning rdock");
        if let Some(data) = input {
            let mut stdin = child.stdin.take().expect("stdin");
            let data = data.to_vec();
            std::thread::spawn(move || {
                let _ = stdin.write_all(&data);
            });
        }
        let collect = |mut r: Box<dyn Read + Send>| {
            std::thread::spawn(move || {
                let mut buf = Vec::new();
                let _ = r.read_to_end(&mut buf);
                buf
            })
        };
        let out = collect(Box::new(child.stdout.take().expect("stdout")));
        let err = collect(Box::new(child.stderr.take().expect("stderr")));
        let deadline = Instant::now() + COMMAND_TIMEOUT;
        let code = loop {
            if let Ok(Some(st)) = child.try_wait() {
                break st.code().unwrap_or(-1);
            }
            if Instant::now() > deadline {
                let _ = child.kill();
                let _ = child.wait();
                break -2;
            }
            std::thread::sleep(Duration::from_millis(5));
        };
        let mut stderr = String::from_utf8_lossy(&err.join().unwrap_or_default()).into_owned();
        if code == -2 {
            stderr.push_str(&format!("\nTIMEOUT: rdock {args:?} ran longer than {COMMAND_TIMEOUT:?}"));
        }
        Run { code, stdout: String::from_utf8_lossy(&out.join().unwrap_or_default()).into_owned(), stderr }
    }

    /// Runs rdock and fails the test unless it succeeds; returns stdout.
    pub fn ok(&self, args: &[&str]) -> Result<String, libtest_mimic::Failed> {
        let r = self.run(args);
        if r.code != 0 {
            return Err(format!("rdock {args:?} exited {}: {}{}", r.code, r.stdout, r.stderr).into());
        }
        Ok(r.stdout)
    }

    /// `ok` with the final newline dropped.
    pub fn out(&self, args: &[&str]) -> Result<String, libtest_mimic::Failed> {
        self.ok(args).map(|s| s.strip_suffix('\n').map(str::to_string).unwrap_or(s))
    }

    /// `run -d --name NAME IMAGE sh -c SCRIPT`; returns the container id.
    pub fn detach(&self, name: &str, image: &str, script: &str) -> Result<String, libtest_mimic::Failed> {
        Ok(self.ok(&["run", "-d", "--name", name, image, "sh", "-c", script])?.trim().to_string())
    }

    /// Whether containers get their own cgroup here (always as root; rootless only
    /// with a delegated cgroup v2 subtree).
    pub fn has_cgroups(&self) -> bool {
        self.run(&["info", "-f", "{{.CgroupDriver}}"]).stdout.trim() == "cgroupfs"
    }

    /// Pulls a test image quietly.
    pub fn pull(&self, name: &str) -> Result<String, libtest_mimic::Failed> {
        let img = image(name);
        self.ok(&["pull", "-q", &img])?;
        Ok(img)
    }

    pub fn inspect(&self, name: &str) -> Result<serde_json::Value, libtest_mimic::Failed> {
        let out = self.ok(&["inspect", name])?;
        let v: serde_json::Value =
            serde_json::from_str(&out).map_err(|e| format!("inspect output: {e}: {out}"))?;
        Ok(v[0].clone())
    }

    /// What the event journal replays from `since` to now, through each
    /// `--filter` and the `--format` template.
    pub fn replay_events(
        &self,
        since: &str,
        filters: &[&str],
        format: &str,
    ) -> Result<String, libtest_mimic::Failed> {
        let mut args = vec!["events", "--since", since, "--until", "0s"];
        for f in filters {
            args.extend(["--filter", f]);
        }
        args.extend(["--format", format]);
        self.ok(&args)
    }

    /// The container's STATUS column in `ps -a`.
    pub fn ps_status(&self, name: &str) -> String {
        let filter = format!("name=^{name}$");
        self.run(&["ps", "-a", "--filter", &filter, "--format", "{{.Status}}"]).stdout.trim().to_string()
    }

    /// The container's full id.
    pub fn id(&self, name: &str) -> Result<String, libtest_mimic::Failed> {
        Ok(self.inspect(name)?["Id"].as_str().unwrap_or_default().to_string())
    }

    /// A running container's init pid and its supervisor's (the init's parent,
    /// checked to be `__supervise` of this container).
    pub fn supervisor(&self, name: &str) -> Result<(i32, i32), libtest_mimic::Failed> {
        let id = self.id(name)?;
        let pid: i32 = self.out(&["inspect", "-f", "{{.State.Pid}}", name])?.parse()?;
        let stat = std::fs::read_to_string(format!("/proc/{pid}/stat"))?;
        let after = stat.rfind(')').map(|i| &stat[i + 2..]).ok_or("bad /proc stat")?;
        let ppid: i32 = after.split(' ').nth(1).ok_or("bad /proc stat")?.parse()?;
        let cmdline = std::fs::read_to_string(format!("/proc/{ppid}/cmdline"))?;
        if !(cmdline.contains("__supervise") && cmdline.contains(&id)) {
            return Err(format!("the parent of {name}'s init is not its supervisor: {cmdline}").into());
        }
        Ok((pid, ppid))
    }

    /// Paths under the root that are still mount points: in our mount namespace
    /// and in those of live processes started for this root (rootless
    /// supervisors keep their mounts in their own namespaces).
    pub fn mounts(&self) -> Vec<String> {
        let root = self.root.to_string_lossy().into_owned();
        let mut tables = vec![std::fs::read_to_string("/proc/self/mountinfo").unwrap_or_default()];
        for entry in std::fs::read_dir("/proc").into_iter().flatten().flatten() {
            let cmdline = std::fs::read(entry.path().join("cmdline")).unwrap_or_default();
            if String::from_utf8_lossy(&cmdline).contains(&root) {
                tables.push(std::fs::read_to_string(entry.path().join("mountinfo")).unwrap_or_default());
            }
        }
        let mut out: Vec<String> = tables
            .iter()
            .flat_map(|t| t.lines())
            .filter_map(|l| l.split(' ').nth(4).map(str::to_string))
            .filter(|m| m.starts_with(&root))
            .collect();
        out.sort();
        out.dedup();
        out
    }

    /// Removes every container (stopping them through rdock) and the state dir.
    /// The rootless session's pause process (see runtime::userns), if running.
    pub fn pause_pid(&self) -> Option<i32> {
        pause_pid_in(&self.root.join("run"))
    }

    /// The processes a rootless session leaves running: its pause process and
    /// the network helpers recorded for it.
    fn session_pids(&self) -> Vec<i32> {
        let state = std::fs::read_to_string(self.root.join("run/networks.json")).unwrap_or_default();
        let state: serde_json::Value = serde_json::from_str(&state).unwrap_or_default();
        let helpers = state["helpers"].as_object().into_iter().flatten();
        let mut pids: Vec<i32> = helpers.filter_map(|(_, v)| v.as_i64()).map(|p| p as i32).collect();
        // Only ours: a recorded pid may have been reused since.
        pids.retain(|p| {
            let comm = std::fs::read_to_string(format!("/proc/{p}/comm")).unwrap_or_default();
            ["pasta", "passt", "pasta.avx2", "passt.avx2", "slirp4netns", "rdock-ports"]
                .contains(&comm.trim())
        });
        pids.extend(self.pause_pid());
        pids
    }

    pub fn cleanup(&self) {
        let ids = self.run(&["ps", "-aq", "--no-trunc"]).stdout;
        let ids: Vec<&str> = ids.lines().filter(|l| !l.is_empty()).collect();
        if !ids.is_empty() {
            let mut args = vec!["rm", "-f"];
            args.extend(ids);
            let _ = self.run(&args);
        }
        // Bridges are the host's: a test's user-defined networks go with it.
        let _ = self.run(&["network", "prune", "-f"]);
        let session = self.session_pids();
        if rootless() {
            // Files owned by subordinate ids go only from inside the namespace.
            let root = self.root.to_string_lossy().into_owned();
            let _ = self.command(&["unshare", "rm", "-rf", &root]).status();
        } else {
            for m in self.mounts().iter().rev() {
                let _ = nix::mount::umount2(Path::new(m), nix::mount::MntFlags::MNT_DETACH);
            }
        }
        let _ = Command::new("rm").arg("-rf").arg(&self.root).status();
        for pid in session {
            let _ =
                nix::sys::signal::kill(nix::unistd::Pid::from_raw(pid), nix::sys::signal::Signal::SIGKILL);
        }
    }
}

impl Drop for Rdock {
    fn drop(&mut self) {
        self.cleanup();
    }
}

/// The live rdock-pause process of the rootless session whose runroot is `runroot`.
pub fn pause_pid_in(runroot: &Path) -> Option<i32> {
    let pid: i32 = std::fs::read_to_string(runroot.join("pause.pid")).ok()?.trim().parse().ok()?;
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    (stat.contains("(rdock-pause)") && !stat.contains(") Z ")).then_some(pid)
}

/// Now, as `events --since` takes it (seconds.nanoseconds).
pub fn events_now() -> String {
    let d = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap_or_default();
    format!("{}.{:09}", d.as_secs(), d.subsec_nanos())
}

/// Polls `f` until it returns true or `timeout` passes.
pub fn wait_for(timeout: Duration, mut f: impl FnMut() -> bool) -> bool {
    let deadline = Instant::now() + timeout;
    while Instant::now() < deadline {
        if f() {
            return true;
        }
        std::thread::sleep(Duration::from_millis(25));
    }
    f()
}

/// A child process on a pseudo-terminal, for `-t` tests.
pub struct PtyChild {
    pub child: Child,
    pub master: std::fs::File,
    output: std::sync::Arc<std::sync::Mutex<Vec<u8>>>,
}

impl PtyChild {
    pub fn spawn(mut cmd: Command, rows: u16, cols: u16) -> PtyChild {
        let ws = nix::pty::Winsize { ws_row: rows, ws_col: cols, ws_xpixel: 0, ws_ypixel: 0 };
        let pty = nix::pty::openpty(Some(&ws), None).expect("openpty");
        let slave = std::fs::File::from(pty.slave);
        cmd.stdin(slave.try_clone().unwrap()).stdout(slave.try_clone().unwrap()).stderr(slave);
        unsafe {
            use std::os::unix::process::CommandExt;
            cmd.pre_exec(|| {
                nix::unistd::setsid().map_err(std::io::Error::from)?;
                if libc::ioctl(0, libc::TIOCSCTTY, 0) != 0 {
                    return Err(std::io::Error::last_os_error());
                }
                Ok(())
            });
        }
        let child = cmd.spawn().expect("spawn on pty");
        drop(cmd);
        let master = std::fs::File::from(pty.master);
        let output = std::sync::Arc::new(std::sync::Mutex::new(Vec::new()));
        let mut reader = master.try_clone().unwrap();
        let sink = output.clone();
        std::thread::spawn(move || {
            let mut buf = [0u8; 4096];
            while let Ok(n) = reader.read(&mut buf) {
                if n == 0 {
                    break;
                }
                sink.lock().unwrap().extend_from_slice(&buf[..n]);
            }
        });
        PtyChild { child, master, output }
    }

    pub fn output(&self) -> String {
        String::from_utf8_lossy(&self.output.lock().unwrap()).into_owned()
    }

    pub fn send(&mut self, data: &[u8]) {
        let _ = self.master.write_all(data);
    }

    /// Waits until the output contains `text`.
    pub fn expect(&self, text: &str, timeout: Duration) -> bool {
        wait_for(timeout, || self.output().contains(text))
    }

    /// Waits for exit (killing the child after `timeout`) and returns the code.
    pub fn wait(&mut self, timeout: Duration) -> Option<i32> {
        let deadline = Instant::now() + timeout;
        loop {
            if let Ok(Some(st)) = self.child.try_wait() {
                return st.code();
            }
            if Instant::now() > deadline {
                let _ = self.child.kill();
                let _ = self.child.wait();
                return None;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    }
}

impl Drop for PtyChild {
    fn drop(&mut self) {
        if let Ok(None) = self.child.try_wait() {
            let _ = self.child.kill();
        }
        let _ = self.child.wait();
    }
}

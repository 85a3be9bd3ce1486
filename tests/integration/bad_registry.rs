//! Pulls from a registry that misbehaves on purpose: a small HTTP server on
//! 127.0.0.1, written here, serves the shared registry's busybox image with one
//! thing wrong. After each failure: one line naming the problem, exit 1, no
//! image, no temp files, and bounded memory and disk.

use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::Stdio;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use crate::support::{manifest_digest, registry_blob_path, temp_dir, Rdock, Run, TestResult};
use crate::{check, check_eq};

pub const TESTS: &[crate::Test] = &[
    ("bad_registry::endless_blob", endless_blob),
    ("bad_registry::big_manifest", big_manifest),
    ("bad_registry::trickling_config", trickling_config),
    ("bad_registry::server_errors_retried", server_errors_retried),
    ("bad_registry::cut_blob_resumed", cut_blob_resumed),
    ("bad_registry::killed_pull_swept", killed_pull_swept),
];

/// Small timeouts, so that each failure comes within seconds.
const CONFIG: &str = "registry-connect-timeout = \"2s\"\n\
                      registry-read-timeout = \"5s\"\n\
                      registry-min-speed = \"100B\"\n\
                      registry-min-speed-time = \"1s\"\n\
                      registry-retries = 2\n\
                      registry-retry-delay = \"50ms\"\n";

#[derive(Debug, Clone)]
struct Request {
    path: String,
    headers: Vec<(String, String)>,
    /// How many requests for the same path came before this one.
    nth: usize,
}

impl Request {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(k, _)| k.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str())
    }
}

/// One connection: the request has been read; the handler writes the answer.
struct Conn {
    stream: TcpStream,
    stop: Arc<AtomicBool>,
}

impl Conn {
    fn head(&mut self, status: &str, headers: &[(&str, String)]) -> std::io::Result<()> {
        let mut h = format!("HTTP/1.1 {status}\r\nConnection: close\r\n");
        for (k, v) in headers {
            h.push_str(&format!("{k}: {v}\r\n"));
        }
        h.push_str("\r\n");
        self.stream.write_all(h.as_bytes())
    }

    fn send(&mut self, status: &str, content_type: &str, body: &[u8]) -> std::io::Result<()> {
        self.head(
            status,
            &[("Content-Type", content_type.into()), ("Content-Length", body.len().to_string())],
        )?;
        self.stream.write_all(body)
    }

    /// Writes `chunk` until the client goes away or the server stops.
    fn endless(&mut self, chunk: &[u8]) {
        while !self.stopped() && self.stream.write_all(chunk).is_ok() {}
    }

    fn stopped(&self) -> bool {
        self.stop.load(Ordering::Relaxed)
    }
}

type Handler = dyn Fn(&Request, &mut Conn) -> std::io::Result<()> + Send + Sync;

/// The misbehaving registry; stopped, with its threads joined, when dropped.
struct BadRegistry {
    addr: String,
    stop: Arc<AtomicBool>,
    log: Arc<Mutex<Vec<Request>>>,
    accept: Option<JoinHandle<()>>,
    conns: Arc<Mutex<Vec<JoinHandle<()>>>>,
}

impl BadRegistry {
    fn start(handler: impl Fn(&Request, &mut Conn) -> std::io::Result<()> + Send + Sync + 'static) -> Self {
        let listener = TcpListener::bind("127.0.0.1:0").expect("binding the bad registry");
        let addr = listener.local_addr().expect("its address").to_string();
        let stop = Arc::new(AtomicBool::new(false));
        let log = Arc::new(Mutex::new(Vec::new()));
        let conns = Arc::new(Mutex::new(Vec::new()));
        let handler: Arc<Handler> = Arc::new(handler);
        let (s, l, c) = (stop.clone(), log.clone(), conns.clone());
        let accept = std::thread::spawn(move || {
            for stream in listener.incoming() {
                if s.load(Ordering::Relaxed) {
                    break;
                }
                let Ok(stream) = stream else { continue };
                let (s, l, h) = (s.clone(), l.clone(), handler.clone());
                let t = std::thread::spawn(move || serve(stream, s, l, h));
                c.lock().unwrap().push(t);
            }
        });
        BadRegistry { addr, stop, log, accept: Some(accept), conns }
    }

    fn image(&self) -> String {
        format!("{}/bad:latest", self.addr)
    }

    fn requests(&self, path_part: &str) -> Vec<Request> {
        self.log.lock().unwrap().iter().filter(|r| r.path.contains(path_part)).cloned().collect()
    }
}

impl Drop for BadRegistry {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::Relaxed);
        let _ = TcpStream::connect(&self.addr); // wakes accept()
        if let Some(t) = self.accept.take() {
            let _ = t.join();
        }
        for t in self.conns.lock().unwrap().drain(..) {
            let _ = t.join();
        }
    }
}

fn serve(mut stream: TcpStream, stop: Arc<AtomicBool>, log: Arc<Mutex<Vec<Request>>>, handler: Arc<Handler>) {
    let _ = stream.set_read_timeout(Some(Duration::from_secs(5)));
    let _ = stream.set_write_timeout(Some(Duration::from_secs(5)));
    let Some(mut req) = read_request(&mut stream) else { return };
    {
        let mut log = log.lock().unwrap();
        req.nth = log.iter().filter(|r| r.path == req.path).count();
        log.push(req.clone());
    }
    let mut conn = Conn { stream, stop };
    let _ = handler(&req, &mut conn);
    let _ = conn.stream.flush();
    let _ = conn.stream.shutdown(std::net::Shutdown::Write);
}

/// Reads one request head; `None` for anything else (rdock tries TLS first).
fn read_request(stream: &mut TcpStream) -> Option<Request> {
    let mut buf = Vec::new();
    let mut byte = [0u8; 1];
    while !buf.ends_with(b"\r\n\r\n") {
        if stream.read(&mut byte).ok()? == 0 || buf.len() > 65536 || (buf.is_empty() && byte[0] == 0x16) {
            return None;
        }
        buf.push(byte[0]);
    }
    let text = String::from_utf8_lossy(&buf);
    let mut lines = text.split("\r\n");
    let path = lines.next()?.split(' ').nth(1)?.to_string();
    let headers = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(k, v)| (k.trim().to_string(), v.trim().to_string()))
        .collect();
    Some(Request { path, headers, nth: 0 })
}

/// The shared registry's busybox image, served from its files.
#[derive(Clone)]
struct Image {
    manifest: Vec<u8>,
    media_type: String,
    config: (String, Vec<u8>),
    layer: (String, Vec<u8>),
}

impl Image {
    fn busybox() -> Result<Image, libtest_mimic::Failed> {
        let manifest = std::fs::read(registry_blob_path(&manifest_digest("busybox")))?;
        let m: serde_json::Value = serde_json::from_slice(&manifest)?;
        let blob = |d: &serde_json::Value| -> Result<(String, Vec<u8>), libtest_mimic::Failed> {
            let digest = d["digest"].as_str().ok_or("no digest")?.to_string();
            Ok((digest.clone(), std::fs::read(registry_blob_path(&digest))?))
        };
        Ok(Image {
            media_type: m["mediaType"]
                .as_str()
                .unwrap_or("application/vnd.oci.image.manifest.v1+json")
                .into(),
            config: blob(&m["config"])?,
            layer: blob(&m["layers"][0])?,
            manifest,
        })
    }

    /// The same image with the layer's descriptor changed by `f`.
    fn with_layer_desc(mut self, f: impl FnOnce(&mut serde_json::Value)) -> Image {
        let mut m: serde_json::Value = serde_json::from_slice(&self.manifest).expect("manifest");
        f(&mut m["layers"][0]);
        self.manifest = serde_json::to_vec(&m).expect("manifest");
        self
    }

    /// Answers like a registry that holds this image (as `bad`).
    fn serve(&self, req: &Request, conn: &mut Conn) -> std::io::Result<()> {
        let p = req.path.as_str();
        if p == "/v2/" {
            conn.send("200 OK", "application/json", b"{}")
        } else if p == "/v2/bad/manifests/latest" {
            conn.send("200 OK", &self.media_type, &self.manifest)
        } else if p.ends_with(&self.config.0) {
            conn.send("200 OK", "application/octet-stream", &self.config.1)
        } else if p.ends_with(&self.layer.0) {
            conn.send("200 OK", "application/octet-stream", &self.layer.1)
        } else {
            conn.send("404 Not Found", "application/json", br#"{"errors":[{"code":"MANIFEST_UNKNOWN"}]}"#)
        }
    }
}

/// A store with this module's config.toml; both go when the test ends.
struct Setup {
    r: Rdock,
    conf: PathBuf,
}

impl Setup {
    fn new() -> Result<Setup, libtest_mimic::Failed> {
        let conf = temp_dir("badreg");
        std::fs::write(conf.join("config.toml"), CONFIG)?;
        let mut r = Rdock::new();
        r.env = vec![("RDOCK_CONFIG_DIR".into(), conf.to_string_lossy().into_owned())];
        Ok(Setup { r, conf })
    }

    /// Checks what a failed pull must leave: one line of error containing
    /// every one of `wanted`, exit 1, no image and no temp files.
    fn failed(&self, out: &Run, wanted: &[&str]) -> TestResult {
        check_eq!(out.code, 1);
        let err = out.stderr.trim();
        check!(err.lines().count() == 1 && err.starts_with("Error"), "not one line: {err}");
        for w in wanted {
            check!(err.contains(w), "{err:?} does not say {w:?}");
        }
        check_eq!(self.r.out(&["images", "-q"])?, "");
        check_eq!(leftovers(&self.r.root), Vec::<String>::new());
        Ok(())
    }
}

impl Drop for Setup {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.conf);
    }
}

/// Temp files and staging dirs in the store.
fn leftovers(root: &Path) -> Vec<String> {
    let mut out = Vec::new();
    for dir in [root.to_path_buf(), root.join("blobs/sha256"), root.join("layers")] {
        for e in std::fs::read_dir(&dir).into_iter().flatten().flatten() {
            let name = e.file_name().to_string_lossy().into_owned();
            if name.contains(".tmp-") {
                out.push(format!("{}/{name}", dir.display()));
            }
        }
    }
    out
}

/// Bytes under `dir`.
fn disk_use(dir: &Path) -> u64 {
    let mut total = 0;
    for e in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        match e.metadata() {
            Ok(m) if m.is_dir() => total += disk_use(&e.path()),
            Ok(m) => total += m.len(),
            Err(_) => {}
        }
    }
    total
}

/// Runs rdock and also returns its peak memory (KiB), from wait4.
#[allow(clippy::zombie_processes)] // wait4 reaps it: Child::wait has no rusage
fn run_measured(r: &Rdock, args: &[&str]) -> (Run, i64) {
    let mut child = r.command(args).stdout(Stdio::piped()).stderr(Stdio::piped()).spawn().expect("rdock");
    let read = |mut p: Box<dyn Read + Send>| {
        std::thread::spawn(move || {
            let mut s = String::new();
            let _ = p.read_to_string(&mut s);
            s
        })
    };
    let out = read(Box::new(child.stdout.take().expect("stdout")));
    let err = read(Box::new(child.stderr.take().expect("stderr")));
    let pid = child.id() as i32;
    let done = Arc::new(AtomicBool::new(false));
    let d = done.clone();
    let watchdog = std::thread::spawn(move || {
        let deadline = Instant::now() + crate::support::COMMAND_TIMEOUT;
        while !d.load(Ordering::Relaxed) && Instant::now() < deadline {
            std::thread::sleep(Duration::from_millis(20));
        }
        if !d.load(Ordering::Relaxed) {
            unsafe { libc::kill(pid, libc::SIGKILL) };
        }
    });
    let mut status = 0;
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    unsafe { libc::wait4(pid, &mut status, 0, &mut usage) };
    done.store(true, Ordering::Relaxed);
    let _ = watchdog.join();
    let code = if libc::WIFEXITED(status) { libc::WEXITSTATUS(status) } else { -1 };
    let run = Run { code, stdout: out.join().unwrap_or_default(), stderr: err.join().unwrap_or_default() };
    (run, usage.ru_maxrss)
}

/// A blob that never ends, under a descriptor of 1000 bytes: refused at byte
/// 1001, with next to nothing written.
fn endless_blob() -> TestResult {
    let img = Image::busybox()?.with_layer_desc(|d| d["size"] = 1000.into());
    let layer = img.layer.0.clone();
    let reg = BadRegistry::start(move |req, conn| {
        if req.path.ends_with(&layer) {
            conn.head("200 OK", &[("Content-Type", "application/octet-stream".into())])?;
            conn.endless(&[b'x'; 65536]);
            return Ok(());
        }
        img.serve(req, conn)
    });
    let s = Setup::new()?;
    let start = Instant::now();
    let out = s.r.run(&["pull", "-q", &reg.image()]);
    s.failed(
        &out,
        &[&reg.image().replace(":latest", ""), "sent more than the 1000 bytes its descriptor declares"],
    )?;
    check!(start.elapsed() < Duration::from_secs(20), "took {:?}", start.elapsed());
    check!(disk_use(&s.r.root) < 4 << 20, "the store holds {} bytes", disk_use(&s.r.root));
    Ok(())
}

/// Manifests over Docker's 4 MiB are refused before they fill memory, whether
/// announced by Content-Length or not.
fn big_manifest() -> TestResult {
    // 64 MiB of JSON, written in pieces: the test must not hold it (a
    // child's peak memory counts its parent's at the exec).
    let big = |conn: &mut Conn, length: Option<usize>| -> std::io::Result<()> {
        let size = 64 << 20;
        let mut headers = vec![("Content-Type", "application/vnd.oci.image.manifest.v1+json".to_string())];
        headers.extend(length.map(|_| ("Content-Length", size.to_string())));
        conn.head("200 OK", &headers)?;
        conn.stream.write_all(b"{")?;
        for _ in 0..size / 65536 {
            conn.stream.write_all(&[b' '; 65536])?;
        }
        Ok(())
    };
    let reg = BadRegistry::start(move |req, conn| match req.path.rsplit('/').next() {
        Some("announced") => big(conn, Some(64 << 20)),
        Some("streamed") => big(conn, None),
        Some("") => conn.send("200 OK", "application/json", b"{}"),
        _ => conn.send("404 Not Found", "application/json", b"{}"),
    });
    let s = Setup::new()?;
    let (_, base) = run_measured(&s.r, &["pull", "-q", &format!("{}/bad:missing", reg.addr)]);
    for tag in ["announced", "streamed"] {
        let image = format!("{}/bad:{tag}", reg.addr);
        let (out, rss) = run_measured(&s.r, &["pull", "-q", &image]);
        s.failed(&out, &[&image, "manifest too big: more than 4194304 bytes"])?;
        check!(rss < base + (16 << 10), "{tag}: rdock peaked at {rss} KiB, {base} KiB for a 404");
    }
    Ok(())
}

/// A config that comes one byte every half second fails on the speed floor
/// within seconds, naming the registry and the config.
fn trickling_config() -> TestResult {
    let img = Image::busybox()?;
    let config = img.config.clone();
    let reg = BadRegistry::start(move |req, conn| {
        if req.path.ends_with(&config.0) {
            let len = config.1.len().to_string();
            conn.head("200 OK", &[("Content-Type", "application/json".into()), ("Content-Length", len)])?;
            for b in &config.1 {
                if conn.stopped() {
                    break;
                }
                conn.stream.write_all(&[*b])?;
                std::thread::sleep(Duration::from_millis(500));
            }
            return Ok(());
        }
        img.serve(req, conn)
    });
    let s = Setup::new()?;
    let start = Instant::now();
    let out = s.r.run(&["pull", "-q", &reg.image()]);
    let what = format!("config {} from {}/bad", img_config_digest()?, reg.addr);
    s.failed(&out, &[&what, "too slow", "gave up after 3 tries"])?;
    // Three tries of about a second each, and the pauses between them.
    check!(start.elapsed() < Duration::from_secs(15), "took {:?}", start.elapsed());
    check_eq!(reg.requests("/blobs/sha256").len(), 3);
    Ok(())
}

fn img_config_digest() -> Result<String, libtest_mimic::Failed> {
    Ok(Image::busybox()?.config.0)
}

/// A 500 for the manifest and a 503 for the config are tried again, and the
/// pull succeeds.
fn server_errors_retried() -> TestResult {
    let img = Image::busybox()?;
    let config = img.config.0.clone();
    let reg = BadRegistry::start(move |req, conn| {
        let first = req.nth == 0;
        if first && req.path.contains("/manifests/") {
            return conn.send("500 Internal Server Error", "text/plain", b"try later");
        }
        if first && req.path.ends_with(&config) {
            return conn.send("503 Service Unavailable", "text/plain", b"busy");
        }
        img.serve(req, conn)
    });
    let s = Setup::new()?;
    s.r.ok(&["pull", "-q", &reg.image()])?;
    check_eq!(reg.requests("/manifests/").len(), 2);
    check_eq!(s.r.inspect(&reg.image())?["Id"], Image::busybox()?.config.0);
    check_eq!(leftovers(&s.r.root), Vec::<String>::new());
    Ok(())
}

/// A layer whose connection drops halfway resumes with a Range request (and,
/// from a registry that ignores ranges, starts over); either way the pull
/// ends with the right image.
fn cut_blob_resumed() -> TestResult {
    for honour_range in [true, false] {
        let img = Image::busybox()?;
        let layer = img.layer.clone();
        let reg = BadRegistry::start(move |req, conn| {
            if !req.path.ends_with(&layer.0) {
                return img.serve(req, conn);
            }
            let data = &layer.1;
            let from =
                req.header("Range").and_then(|r| r.strip_prefix("bytes=")?.strip_suffix('-')?.parse().ok());
            match from {
                Some(from) if honour_range => {
                    let range = format!("bytes {from}-{}/{}", data.len() - 1, data.len());
                    let rest = &data[from..];
                    conn.head(
                        "206 Partial Content",
                        &[("Content-Range", range), ("Content-Length", rest.len().to_string())],
                    )?;
                    conn.stream.write_all(rest)
                }
                _ if req.nth == 0 => {
                    // Announce it all, send half, hang up.
                    let len = data.len().to_string();
                    conn.head("200 OK", &[("Content-Length", len), ("Accept-Ranges", "bytes".into())])?;
                    conn.stream.write_all(&data[..data.len() / 2])
                }
                _ => conn.send("200 OK", "application/octet-stream", data),
            }
        });
        let s = Setup::new()?;
        s.r.ok(&["pull", "-q", &reg.image()])?;
        let tries = reg.requests("/blobs/sha256");
        let ranges: Vec<&str> = tries.iter().filter_map(|r| r.header("Range")).collect();
        check!(
            ranges.len() == 1 && ranges[0].starts_with("bytes=") && ranges[0] != "bytes=0-",
            "range requests: {ranges:?}"
        );
        check_eq!(s.r.inspect(&reg.image())?["Id"], Image::busybox()?.config.0);
        check_eq!(s.r.out(&["run", "--rm", &reg.image(), "echo", "resumed"])?, "resumed");
        check_eq!(leftovers(&s.r.root), Vec::<String>::new());
    }
    Ok(())
}

/// A pull killed with -9 leaves its temp files; the next pull and `image
/// prune` sweep them, but not those of a pull still running.
fn killed_pull_swept() -> TestResult {
    let img = Image::busybox()?;
    let layer = img.layer.clone();
    let reg = BadRegistry::start(move |req, conn| {
        if !req.path.ends_with(&layer.0) {
            return img.serve(req, conn);
        }
        // Slow enough that the pull is still at it when killed.
        conn.head("200 OK", &[("Content-Length", layer.1.len().to_string())])?;
        for piece in layer.1.chunks(4096) {
            if conn.stopped() {
                break;
            }
            conn.stream.write_all(piece)?;
            std::thread::sleep(Duration::from_millis(100));
        }
        Ok(())
    });
    let s = Setup::new()?;
    let blobs = s.r.root.join("blobs/sha256");
    let kill_mid_pull = || -> TestResult {
        let mut child = s.r.spawn(&["pull", "-q", &reg.image()]);
        let started = crate::support::wait_for(Duration::from_secs(20), || leftovers(&s.r.root).len() >= 2);
        let _ = child.kill();
        let _ = child.wait();
        check!(started, "no temp files appeared: {:?}", leftovers(&s.r.root));
        Ok(())
    };
    kill_mid_pull()?;
    // A pull still running (this process) keeps its files.
    let live = blobs.join(format!(".tmp-{}-live", std::process::id()));
    std::fs::write(&live, b"in use")?;
    let out = s.r.run(&["pull", "-q", &format!("{}/bad:missing", reg.addr)]);
    check_eq!(out.code, 1);
    check_eq!(leftovers(&s.r.root), vec![live.display().to_string()]);
    std::fs::remove_file(&live)?;

    kill_mid_pull()?;
    s.r.ok(&["image", "prune", "-f"])?;
    check_eq!(leftovers(&s.r.root), Vec::<String>::new());
    Ok(())
}

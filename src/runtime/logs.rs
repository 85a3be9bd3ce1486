//! Container logs in Docker's json-file format: one JSON object per line with the
//! text, the stream it came from and a nanosecond UTC timestamp.

use std::collections::BTreeMap;
use std::fs::{File, OpenOptions};
use std::io::{BufRead, BufReader, Seek, Write};
use std::path::Path;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::error::{Error, IoContext, Result};

/// Docker cuts lines longer than this into several entries.
const MAX_LINE: usize = 16 * 1024;

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Entry {
    pub log: String,
    pub stream: String,
    pub time: String,
}

/// Log drivers rdock has, as Docker names them.
pub const DRIVERS: &[&str] = &["json-file", "local", "none"];

/// When a log file is rotated: past `max_size` bytes (0: never), keeping
/// `max_file` files in all, the current one included.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Rotation {
    pub max_size: u64,
    pub max_file: u32,
}

/// Checks `--log-driver` and `--log-opt` as Docker's daemon does, and gives
/// the driver's name and its rotation (None for `none`: nothing is kept).
pub fn log_config(driver: &str, opts: &BTreeMap<String, String>) -> Result<(String, Option<Rotation>)> {
    let driver = if driver.is_empty() { "json-file" } else { driver };
    if !DRIVERS.contains(&driver) {
        return Err(Error::InvalidArgument(format!("logger: no log driver named '{driver}' is registered")));
    }
    let known: &[&str] = match driver {
        "json-file" => &[
            "max-size",
            "max-file",
            "compress",
            "labels",
            "labels-regex",
            "env",
            "env-regex",
            "tag",
            "mode",
            "max-buffer-size",
        ],
        "local" => &["max-size", "max-file", "compress", "mode", "max-buffer-size"],
        _ => &["mode", "max-buffer-size"],
    };
    if let Some(k) = opts.keys().find(|k| !known.contains(&k.as_str())) {
        return Err(Error::InvalidArgument(format!("unknown log opt '{k}' for {driver} log driver")));
    }
    if driver == "none" {
        return Ok((driver.into(), None));
    }
    // The local driver's defaults: 20 MB a file, 5 files.
    let (mut max_size, mut max_file) = if driver == "local" { (20_000_000, 5) } else { (0, 1) };
    if let Some(s) = opts.get("max-size") {
        max_size =
            from_human_size(s).ok_or_else(|| Error::InvalidArgument(format!("invalid size: '{s}'")))?;
    }
    if let Some(n) = opts.get("max-file") {
        max_file = n
            .parse::<u32>()
            .ok()
            .filter(|n| *n >= 1)
            .ok_or_else(|| Error::InvalidArgument("max-file must be a positive integer".into()))?;
    }
    if max_size == 0 && max_file > 1 {
        return Err(Error::InvalidArgument(
            "max-file cannot be greater than 1 when max-size is not set".into(),
        ));
    }
    Ok((driver.into(), Some(Rotation { max_size, max_file })))
}

/// go-units' FromHumanSize: decimal units (`10k` is 10000), an optional
/// `i` and `b` ignored, as Docker reads `max-size`.
fn from_human_size(s: &str) -> Option<u64> {
    let t = s.trim_end_matches(['b', 'B']);
    let t = t.trim_end_matches(['i', 'I']);
    let (num, mult) = match t.chars().last()?.to_ascii_lowercase() {
        'k' => (&t[..t.len() - 1], 1e3),
        'm' => (&t[..t.len() - 1], 1e6),
        'g' => (&t[..t.len() - 1], 1e9),
        't' => (&t[..t.len() - 1], 1e12),
        'p' => (&t[..t.len() - 1], 1e15),
        _ => (t, 1.0),
    };
    let num = num.trim_end_matches(' ');
    if num.is_empty() || !num.chars().all(|c| c.is_ascii_digit() || c == '.') || num.starts_with('.') {
        return None;
    }
    num.parse::<f64>().ok().map(|n| (n * mult) as u64)
}

/// The files a log is kept in, oldest first: `PATH.N` … `PATH.1`, `PATH`.
pub fn files(path: &Path) -> Vec<std::path::PathBuf> {
    let mut out: Vec<_> = (1..)
        .map(|i| rotated(path, i))
        .take_while(|p| p.exists())
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    out.push(path.to_path_buf());
    out
}

fn rotated(path: &Path, i: u32) -> std::path::PathBuf {
    let mut s = path.as_os_str().to_os_string();
    s.push(format!(".{i}"));
    s.into()
}

/// Appends a container's output to its log, a line per entry, rotating it.
pub struct LogWriter {
    file: File,
    path: std::path::PathBuf,
    size: u64,
    rotation: Rotation,
    partial: [Vec<u8>; 2],
}

impl LogWriter {
    pub fn open(path: &Path, rotation: Rotation) -> Result<LogWriter> {
        let file = OpenOptions::new()
            .create(true)
            .append(true)
            .open(path)
            .ctx(|| format!("opening log {}", path.display()))?;
        let size = file.metadata().map(|m| m.len()).unwrap_or(0);
        Ok(LogWriter { file, path: path.to_path_buf(), size, rotation, partial: [Vec::new(), Vec::new()] })
    }

    /// Moves `PATH` to `PATH.1` (and so on, the oldest dropped) and starts
    /// a new `PATH`, as Docker's json-file driver does; with one file, the
    /// log starts over.
    fn rotate(&mut self) {
        let keep = self.rotation.max_file;
        if keep > 1 {
            let _ = std::fs::remove_file(rotated(&self.path, keep - 1));
            for i in (1..keep - 1).rev() {
                let _ = std::fs::rename(rotated(&self.path, i), rotated(&self.path, i + 1));
            }
            let _ = std::fs::rename(&self.path, rotated(&self.path, 1));
        }
        let reopened = OpenOptions::new().create(true).write(true).truncate(true).open(&self.path);
        if let Ok(f) = reopened {
            self.file = f;
            self.size = 0;
        }
    }

    /// Records output from `stream` (1 stdout, 2 stderr); complete lines are
    /// written at once, a trailing partial line waits for its newline.
    pub fn write(&mut self, stream: u8, data: &[u8]) {
        let idx = if stream == super::attach::STDERR { 1 } else { 0 };
        let mut buf = std::mem::take(&mut self.partial[idx]);
        buf.extend_from_slice(data);
        let mut start = 0;
        while let Some(pos) = buf[start..].iter().position(|&b| b == b'\n') {
            let end = start + pos + 1;
            self.emit(idx, &buf[start..end]);
            start = end;
        }
        while buf.len() - start >= MAX_LINE {
            self.emit(idx, &buf[start..start + MAX_LINE]);
            start += MAX_LINE;
        }
        self.partial[idx] = buf[start..].to_vec();
    }

    /// Writes out partial lines (at exit).
    pub fn flush(&mut self) {
        for idx in 0..2 {
            let buf = std::mem::take(&mut self.partial[idx]);
            if !buf.is_empty() {
                self.emit(idx, &buf);
            }
        }
    }

    fn emit(&mut self, idx: usize, line: &[u8]) {
        let entry = Entry {
            log: String::from_utf8_lossy(line).into_owned(),
            stream: if idx == 1 { "stderr" } else { "stdout" }.to_string(),
            time: crate::util::now_rfc3339(),
        };
        if let Ok(mut json) = serde_json::to_vec(&entry) {
            json.push(b'\n');
            let max = self.rotation.max_size;
            if max > 0 && self.size > 0 && self.size + json.len() as u64 > max {
                self.rotate();
            }
            if self.file.write_all(&json).is_ok() {
                self.size += json.len() as u64;
            }
        }
    }
}

#[derive(Debug, Clone, Default)]
pub struct ReadOptions {
    pub follow: bool,
    /// Only the last N lines (`--tail`); `None` for all.
    pub tail: Option<usize>,
    pub since: Option<DateTime<Utc>>,
    pub until: Option<DateTime<Utc>>,
}

/// Reads entries from a log, calling `out` for each; with `follow`, keeps reading
/// until `still_running` says the writer is gone and the file is drained.
pub fn read(
    path: &Path,
    opts: &ReadOptions,
    still_running: &dyn Fn() -> bool,
    out: &mut dyn FnMut(&Entry) -> std::io::Result<()>,
) -> Result<()> {
    let mut emit = |line: &str| -> Result<bool> {
        let Ok(entry) = serde_json::from_str::<Entry>(line) else {
            return Ok(true);
        };
        let t = crate::util::parse_time(&entry.time);
        if let (Some(since), Some(t)) = (opts.since, t) {
            if t < since {
                return Ok(true);
            }
        }
        if let (Some(until), Some(t)) = (opts.until, t) {
            if t > until {
                return Ok(false);
            }
        }
        match out(&entry) {
            Ok(()) => Ok(true),
            Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(false),
            Err(e) => Err(Error::io("writing logs", e)),
        }
    };

    // The current file is opened first, so nothing rotated in the meantime
    // is read twice; the rotated ones are read whole, oldest first.
    let open = |p: &Path| match File::open(p) {
        Ok(f) => Ok(Some(BufReader::new(f))),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(Error::io(format!("opening log {}", p.display()), e)),
    };
    let Some(mut reader) = open(path)? else { return Ok(()) };
    let all = files(path);
    let older: Vec<String> = all[..all.len() - 1]
        .iter()
        .filter_map(|p| open(p).ok().flatten())
        .flat_map(|r| r.lines().map_while(|l| l.ok()).collect::<Vec<_>>())
        .collect();
    if let Some(n) = opts.tail {
        let mut lines = older;
        lines.extend((&mut reader).lines().map_while(|l| l.ok()));
        for line in &lines[lines.len().saturating_sub(n)..] {
            if !emit(line)? {
                return Ok(());
            }
        }
    } else {
        for line in &older {
            if !emit(line)? {
                return Ok(());
            }
        }
    }
    let mut line = String::new();
    let mut pending = String::new();
    let mut drained = false;
    loop {
        line.clear();
        let n = reader.read_line(&mut line).ctx(|| "reading log".into())?;
        if n > 0 {
            drained = false;
            if !line.ends_with('\n') {
                // A writer is mid-line: keep the piece and try again.
                pending.push_str(&line);
                continue;
            }
            pending.push_str(&line);
            let complete = std::mem::take(&mut pending);
            if !emit(complete.trim_end_matches('\n'))? {
                return Ok(());
            }
            continue;
        }
        if !opts.follow {
            return Ok(());
        }
        // Truncated in place (rotation with max-file 1): from its start again.
        if truncated(&mut reader) {
            reader.rewind().ctx(|| "reading log".into())?;
            pending.clear();
            continue;
        }
        // Rotated away under us: once the old file is drained (one more
        // read after seeing the rename), on to the new one.
        if crate::storage::events::rotated_away(reader.get_ref(), path) {
            if drained {
                if let Some(r) = open(path)? {
                    reader = r;
                    drained = false;
                    continue;
                }
            } else {
                drained = true;
                continue;
            }
        }
        if !still_running() {
            // One last look for lines written just before the exit.
            let pos = reader.stream_position().unwrap_or(0);
            let len = std::fs::metadata(path).map(|m| m.len()).unwrap_or(0);
            if pos >= len {
                return Ok(());
            }
            continue;
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
}

/// Whether the file `reader` reads is now shorter than where it is.
fn truncated(reader: &mut BufReader<File>) -> bool {
    let len = reader.get_ref().metadata().map(|m| m.len()).unwrap_or(0);
    reader.stream_position().is_ok_and(|pos| len < pos)
}

/// Parses `--since`/`--until`: RFC 3339 times, Unix timestamps, or relative
/// durations like `10m` or `1h30m` (meaning that long ago).
pub fn parse_time_arg(s: &str) -> Result<DateTime<Utc>> {
    let bad = || Error::InvalidArgument(format!("invalid value for time: {s:?}"));
    if let Some(t) = crate::util::parse_time(s) {
        return Ok(t);
    }
    if let Ok(d) = chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d") {
        return Ok(d.and_hms_opt(0, 0, 0).ok_or_else(bad)?.and_utc());
    }
    if let Ok(t) = chrono::NaiveDateTime::parse_from_str(s, "%Y-%m-%dT%H:%M:%S") {
        return Ok(t.and_utc());
    }
    if let Ok(secs) = s.parse::<f64>() {
        let whole = secs.trunc() as i64;
        let nanos = ((secs - secs.trunc()) * 1e9) as u32;
        return DateTime::from_timestamp(whole, nanos).ok_or_else(bad);
    }
    let d = parse_duration(s).ok_or_else(bad)?;
    Ok(Utc::now() - d)
}

/// Go-style durations: `1h30m`, `90s`, `250ms`.
pub fn parse_duration(s: &str) -> Option<chrono::Duration> {
    let mut total = 0f64;
    let mut num = String::new();
    let mut chars = s.chars().peekable();
    let mut any = false;
    while let Some(c) = chars.next() {
        if c.is_ascii_digit() || c == '.' {
            num.push(c);
            continue;
        }
        let mut unit = c.to_string();
        while let Some(&n) = chars.peek() {
            if n.is_ascii_alphabetic() {
                unit.push(n);
                chars.next();
            } else {
                break;
            }
        }
        let v: f64 = num.parse().ok()?;
        num.clear();
        let mult = match unit.as_str() {
            "ns" => 1e-9,
            "us" | "µs" => 1e-6,
            "ms" => 1e-3,
            "s" => 1.0,
            "m" => 60.0,
            "h" => 3600.0,
            _ => return None,
        };
        total += v * mult;
        any = true;
    }
    if !num.is_empty() || !any {
        return None;
    }
    chrono::Duration::try_milliseconds((total * 1000.0) as i64)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations() {
        assert_eq!(parse_duration("1h30m").unwrap().num_seconds(), 5400);
        assert_eq!(parse_duration("250ms").unwrap().num_milliseconds(), 250);
        assert!(parse_duration("10").is_none());
        assert!(parse_duration("5x").is_none());
    }

    #[test]
    fn writer_splits_lines_and_streams() {
        let path = std::env::temp_dir().join(format!("rdock-log-{}", crate::util::random_hex(4)));
        let mut w = LogWriter::open(&path, Rotation { max_size: 0, max_file: 1 }).unwrap();
        w.write(1, b"a\nb");
        w.write(2, b"err\n");
        w.write(1, b"c\n");
        w.write(1, b"tail");
        w.flush();
        let mut got = Vec::new();
        read(&path, &ReadOptions::default(), &|| false, &mut |e| {
            got.push((e.stream.clone(), e.log.clone()));
            Ok(())
        })
        .unwrap();
        let _ = std::fs::remove_file(&path);
        let want: Vec<(String, String)> =
            [("stdout", "a\n"), ("stderr", "err\n"), ("stdout", "bc\n"), ("stdout", "tail")]
                .iter()
                .map(|(a, b)| (a.to_string(), b.to_string()))
                .collect();
        assert_eq!(got, want);
    }

    #[test]
    fn rotation_keeps_max_file_files_and_reads_them_in_order() {
        let dir = std::env::temp_dir().join(format!("rdock-rot-{}", crate::util::random_hex(4)));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("c-json.log");
        let mut w = LogWriter::open(&path, Rotation { max_size: 1000, max_file: 3 }).unwrap();
        for i in 0..200 {
            w.write(1, format!("line {i}\n").as_bytes());
        }
        let names: Vec<_> =
            files(&path).iter().map(|p| p.file_name().unwrap().to_string_lossy().into_owned()).collect();
        assert_eq!(names, ["c-json.log.2", "c-json.log.1", "c-json.log"]);
        let total: u64 = files(&path).iter().map(|p| std::fs::metadata(p).unwrap().len()).sum();
        assert!(total <= 3000, "{total}");
        let mut got = Vec::new();
        read(&path, &ReadOptions::default(), &|| false, &mut |e| {
            got.push(e.log.clone());
            Ok(())
        })
        .unwrap();
        assert_eq!(got.last().map(String::as_str), Some("line 199\n"));
        let nums: Vec<u32> =
            got.iter().map(|l| l.trim().trim_start_matches("line ").parse().unwrap()).collect();
        assert!(nums.windows(2).all(|w| w[1] == w[0] + 1), "in order, none lost between files: {nums:?}");
        let mut tail = Vec::new();
        let opts = ReadOptions { tail: Some(1), ..Default::default() };
        read(&path, &opts, &|| false, &mut |e| {
            tail.push(e.log.clone());
            Ok(())
        })
        .unwrap();
        assert_eq!(tail, ["line 199\n"]);
        let _ = std::fs::remove_dir_all(&dir);
    }

    /// With max-file 1 the log is truncated in place: a follower starts over
    /// with it (it used to wait past the end of the old one and show nothing
    /// more).
    #[test]
    fn follow_goes_on_after_truncation_in_place() {
        use std::sync::atomic::{AtomicBool, Ordering};
        use std::sync::Arc;
        let dir = std::env::temp_dir().join(format!("rdock-trunc-{}", crate::util::random_hex(4)));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("c-json.log");
        let mut w = LogWriter::open(&path, Rotation { max_size: 300, max_file: 1 }).unwrap();
        w.write(1, b"line 0\n");
        let done = Arc::new(AtomicBool::new(false));
        let writer = {
            let done = done.clone();
            std::thread::spawn(move || {
                for i in 1..30 {
                    std::thread::sleep(std::time::Duration::from_millis(60));
                    w.write(1, format!("line {i}\n").as_bytes());
                }
                std::thread::sleep(std::time::Duration::from_millis(200));
                done.store(true, Ordering::SeqCst);
            })
        };
        let opts = ReadOptions { follow: true, ..Default::default() };
        let mut got = Vec::new();
        read(&path, &opts, &|| !done.load(Ordering::SeqCst), &mut |e| {
            got.push(e.log.clone());
            Ok(())
        })
        .unwrap();
        writer.join().unwrap();
        assert_eq!(got.last().map(String::as_str), Some("line 29\n"), "{got:?}");
        assert_eq!(got.len(), 30, "{got:?}");
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn log_options_as_dockers_daemon_checks_them() {
        let opts = |kv: &[(&str, &str)]| kv.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect();
        assert_eq!(
            log_config("", &opts(&[("max-size", "10k"), ("max-file", "2")])).unwrap(),
            ("json-file".into(), Some(Rotation { max_size: 10_000, max_file: 2 }))
        );
        assert_eq!(
            log_config("local", &opts(&[])).unwrap().1,
            Some(Rotation { max_size: 20_000_000, max_file: 5 })
        );
        assert_eq!(log_config("none", &opts(&[])).unwrap(), ("none".into(), None));
        let err = |d: &str, kv: &[(&str, &str)]| log_config(d, &opts(kv)).unwrap_err().to_string();
        assert_eq!(err("syslog", &[]), "logger: no log driver named 'syslog' is registered");
        assert_eq!(err("json-file", &[("foo", "1")]), "unknown log opt 'foo' for json-file log driver");
        assert_eq!(err("none", &[("max-size", "1m")]), "unknown log opt 'max-size' for none log driver");
        assert_eq!(
            err("json-file", &[("max-file", "3")]),
            "max-file cannot be greater than 1 when max-size is not set"
        );
        assert!(err("json-file", &[("max-size", "ten")]).contains("invalid size"));
    }
}

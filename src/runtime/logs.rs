//! Container logs in Docker's json-file format: one JSON object per line with the
//! text, the stream it came from and a nanosecond UTC timestamp.

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

/// Appends a container's output to its log, a line per entry.
pub struct LogWriter {
    file: File,
    partial: [Vec<u8>; 2],
}

impl LogWriter {
    pub fn open(path: &Path) -> Result<LogWriter> {
        let file = OpenOptions::new()
            .create(true)
            .append(true)
            .open(path)
            .ctx(|| format!("opening log {}", path.display()))?;
        Ok(LogWriter { file, partial: [Vec::new(), Vec::new()] })
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
            let _ = self.file.write_all(&json);
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
    let file = match File::open(path) {
        Ok(f) => f,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(()),
        Err(e) => return Err(Error::io(format!("opening log {}", path.display()), e)),
    };
    let mut reader = BufReader::new(file);
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

    if let Some(n) = opts.tail {
        let lines: Vec<String> = (&mut reader).lines().map_while(|l| l.ok()).collect();
        for line in &lines[lines.len().saturating_sub(n)..] {
            if !emit(line)? {
                return Ok(());
            }
        }
    }
    let mut line = String::new();
    let mut pending = String::new();
    loop {
        line.clear();
        let n = reader.read_line(&mut line).ctx(|| "reading log".into())?;
        if n > 0 {
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
        let mut w = LogWriter::open(&path).unwrap();
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
}

//! Build progress as BuildKit shows it. Plain mode: each step ("vertex") gets
//! a number when it starts, its output lines carry the seconds since then,
//! and it ends with `DONE 0.4s`, `CACHED` or `ERROR: …`; steps of parallel
//! stages interleave line by line. Terminal mode: a view redrawn in place
//! ten times a second, one line per step with its time, the running steps'
//! last output lines below them.

use std::collections::{HashMap, VecDeque};
use std::io::Write;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// How progress is shown (`--progress`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    Plain,
    Tty,
    Quiet,
}

/// How many output lines of a failed step the summary repeats.
const TAIL_LINES: usize = 10;
/// How many output lines of a running step the terminal view shows.
const VIEW_LINES: usize = 6;

#[derive(Clone)]
enum Status {
    Running,
    Done(Duration),
    Cached,
    Error(Duration),
}

struct Step {
    name: String,
    started: Instant,
    status: Status,
    notes: Vec<String>,
}

struct Inner {
    out: Box<dyn Write + Send>,
    next: usize,
    steps: Vec<Step>,
    /// The last output lines of each step, for the error summary.
    tails: HashMap<usize, VecDeque<String>>,
    /// Lines of the terminal view on screen now.
    drawn: usize,
}

pub struct Progress {
    inner: Arc<Mutex<Inner>>,
    mode: Mode,
    started: Instant,
    stop: Arc<AtomicBool>,
}

/// One step being reported.
pub struct Vertex {
    pub n: usize,
    started: Instant,
}

impl Drop for Progress {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::Relaxed);
        if self.mode == Mode::Tty {
            self.render(true);
        }
    }
}

impl Progress {
    pub fn new(out: Box<dyn Write + Send>, mode: Mode) -> Progress {
        let inner = Inner { out, next: 0, steps: Vec::new(), tails: HashMap::new(), drawn: 0 };
        let p = Progress {
            inner: Arc::new(Mutex::new(inner)),
            mode,
            started: Instant::now(),
            stop: Arc::new(AtomicBool::new(false)),
        };
        if mode == Mode::Tty {
            let (inner, stop, started) = (p.inner.clone(), p.stop.clone(), p.started);
            std::thread::spawn(move || {
                while !stop.load(Ordering::Relaxed) {
                    std::thread::sleep(Duration::from_millis(100));
                    if stop.load(Ordering::Relaxed) {
                        break;
                    }
                    let mut i = inner.lock().unwrap_or_else(|e| e.into_inner());
                    draw(&mut i, started, false);
                }
            });
        }
        p
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Inner> {
        self.inner.lock().unwrap_or_else(|e| e.into_inner())
    }

    fn plain(&self, text: &str) {
        if self.mode != Mode::Plain {
            return;
        }
        let mut i = self.lock();
        let _ = i.out.write_all(text.as_bytes());
        let _ = i.out.flush();
    }

    fn render(&self, last: bool) {
        let mut i = self.lock();
        draw(&mut i, self.started, last);
    }

    fn set(&self, v: &Vertex, status: Status) {
        let mut i = self.lock();
        if let Some(s) = i.steps.get_mut(v.n - 1) {
            s.status = status;
        }
    }

    /// The `#0 building with …` header.
    pub fn header(&self) {
        self.plain("#0 building with \"default\" instance using rdock driver\n\n");
    }

    pub fn start(&self, name: &str) -> Vertex {
        let started = Instant::now();
        let n = {
            let mut i = self.lock();
            i.next += 1;
            let n = i.next;
            i.steps.push(Step {
                name: name.to_string(),
                started,
                status: Status::Running,
                notes: Vec::new(),
            });
            n
        };
        self.plain(&format!("#{n} {name}\n"));
        Vertex { n, started }
    }

    /// A line about the step (`transferring context: 2B done`).
    pub fn note(&self, v: &Vertex, text: &str) {
        self.plain(&format!("#{} {text}\n", v.n));
        let mut i = self.lock();
        if let Some(s) = i.steps.get_mut(v.n - 1) {
            s.notes.push(text.trim_end_matches(" done").to_string());
        }
    }

    /// Output of a RUN step, one line at a time, stamped with the time since
    /// the step started.
    pub fn output(&self, v: &Vertex, line: &str) {
        let t = v.started.elapsed().as_secs_f64();
        let text = format!("{t:.3} {line}");
        self.plain(&format!("#{} {text}\n", v.n));
        let mut i = self.lock();
        let tail = i.tails.entry(v.n).or_default();
        tail.push_back(text);
        if tail.len() > TAIL_LINES {
            tail.pop_front();
        }
    }

    /// The last lines a step printed.
    pub fn tail(&self, v: &Vertex) -> Vec<String> {
        self.lock().tails.get(&v.n).map(|t| t.iter().cloned().collect()).unwrap_or_default()
    }

    pub fn done(&self, v: &Vertex) {
        let d = v.started.elapsed();
        self.plain(&format!("#{} DONE {:.1}s\n\n", v.n, d.as_secs_f64()));
        self.set(v, Status::Done(d));
    }

    pub fn cached(&self, v: &Vertex) {
        self.plain(&format!("#{} CACHED\n\n", v.n));
        self.set(v, Status::Cached);
    }

    pub fn error(&self, v: &Vertex, message: &str) {
        self.plain(&format!("#{} ERROR: {message}\n", v.n));
        self.set(v, Status::Error(v.started.elapsed()));
    }
}

/// Redraws the terminal view over the one drawn before.
fn draw(i: &mut Inner, started: Instant, last: bool) {
    let width = crate::runtime::stdio::terminal_size().map(|(_, c)| c as usize).unwrap_or(80).max(40);
    let mut lines = Vec::new();
    let finished = i.steps.iter().filter(|s| !matches!(s.status, Status::Running)).count();
    let state = if last { " FINISHED" } else { "" };
    lines.push(fit(
        &format!(
            "[+] Building {:.1}s ({finished}/{}){state}",
            started.elapsed().as_secs_f64(),
            i.steps.len()
        ),
        "rdock:default",
        width,
    ));
    for (n, s) in i.steps.iter().enumerate() {
        let (prefix, time) = match s.status {
            Status::Running => ("", s.started.elapsed()),
            Status::Done(d) => ("", d),
            Status::Cached => ("CACHED ", Duration::ZERO),
            Status::Error(d) => ("ERROR ", d),
        };
        lines.push(fit(&format!(" => {prefix}{}", s.name), &format!("{:.1}s", time.as_secs_f64()), width));
        for note in &s.notes {
            lines.push(fit(&format!(" => => {note}"), &format!("{:.1}s", time.as_secs_f64()), width));
        }
        if matches!(s.status, Status::Running | Status::Error(_)) {
            let tail =
                i.tails.get(&(n + 1)).map(|t| t.iter().cloned().collect::<Vec<_>>()).unwrap_or_default();
            for line in tail.iter().skip(tail.len().saturating_sub(VIEW_LINES)) {
                lines.push(truncate(&format!(" => => # {line}"), width));
            }
        }
    }
    let mut text = String::new();
    if i.drawn > 0 {
        text.push_str(&format!("\x1b[{}A", i.drawn));
    }
    for l in &lines {
        text.push_str(&format!("\x1b[2K{l}\n"));
    }
    // Lines left over from a longer view before.
    for _ in lines.len()..i.drawn {
        text.push_str("\x1b[2K\n");
    }
    let extra = i.drawn.saturating_sub(lines.len());
    if extra > 0 {
        text.push_str(&format!("\x1b[{extra}A"));
    }
    i.drawn = lines.len();
    let _ = i.out.write_all(text.as_bytes());
    let _ = i.out.flush();
}

/// `left` and `right` on one line of `width` columns.
fn fit(left: &str, right: &str, width: usize) -> String {
    let room = width.saturating_sub(right.len() + 1);
    let left = truncate(left, room);
    let pad = width.saturating_sub(left.chars().count() + right.len());
    format!("{left}{}{right}", " ".repeat(pad))
}

fn truncate(s: &str, width: usize) -> String {
    s.chars().take(width).collect()
}

/// Splits a stream of output bytes into lines for [`Progress::output`].
#[derive(Default)]
pub struct LineBuffer {
    buf: Vec<u8>,
}

impl LineBuffer {
    pub fn push(&mut self, data: &[u8], mut line: impl FnMut(&str)) {
        self.buf.extend_from_slice(data);
        while let Some(i) = self.buf.iter().position(|b| *b == b'\n') {
            let rest = self.buf.split_off(i + 1);
            let text = String::from_utf8_lossy(&self.buf[..i]).into_owned();
            self.buf = rest;
            line(text.strip_suffix('\r').unwrap_or(&text));
        }
    }

    pub fn finish(&mut self, mut line: impl FnMut(&str)) {
        if !self.buf.is_empty() {
            let text = String::from_utf8_lossy(&self.buf).into_owned();
            self.buf.clear();
            line(&text);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_fit_the_terminal() {
        assert_eq!(fit(" => [1/2] FROM x", "0.1s", 24), " => [1/2] FROM x    0.1s");
        assert_eq!(fit(" => a very long step name indeed", "10.0s", 20).chars().count(), 20);
        let mut b = LineBuffer::default();
        let mut got = Vec::new();
        b.push(b"one\ntw", |l| got.push(l.to_string()));
        b.push(b"o\r\n", |l| got.push(l.to_string()));
        b.push(b"three", |l| got.push(l.to_string()));
        b.finish(|l| got.push(l.to_string()));
        assert_eq!(got, ["one", "two", "three"]);
    }
}

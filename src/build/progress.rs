//! Build progress in BuildKit's plain format: each step ("vertex") gets a
//! number when it starts, its output lines carry the seconds since then, and
//! it ends with `DONE 0.4s`, `CACHED` or `ERROR: …`. Steps of stages built in
//! parallel interleave line by line, as BuildKit's do.

use std::io::Write;
use std::sync::Mutex;
use std::time::Instant;

pub struct Progress {
    out: Mutex<Box<dyn Write + Send>>,
    next: Mutex<usize>,
    quiet: bool,
    /// The last output lines of each step, for the error summary.
    tails: Mutex<std::collections::HashMap<usize, std::collections::VecDeque<String>>>,
}

/// How many output lines of a failed step the summary repeats.
const TAIL_LINES: usize = 10;

/// One step being reported.
pub struct Vertex {
    pub n: usize,
    started: Instant,
}

impl Progress {
    pub fn new(out: Box<dyn Write + Send>, quiet: bool) -> Progress {
        Progress { out: Mutex::new(out), next: Mutex::new(0), quiet, tails: Mutex::default() }
    }

    fn write(&self, text: &str) {
        if self.quiet {
            return;
        }
        let mut out = self.out.lock().unwrap_or_else(|e| e.into_inner());
        let _ = out.write_all(text.as_bytes());
        let _ = out.flush();
    }

    /// The `#0 building with …` header.
    pub fn header(&self) {
        self.write("#0 building with \"default\" instance using rdock driver\n\n");
    }

    pub fn start(&self, name: &str) -> Vertex {
        let n = {
            let mut next = self.next.lock().unwrap_or_else(|e| e.into_inner());
            *next += 1;
            *next
        };
        self.write(&format!("#{n} {name}\n"));
        Vertex { n, started: Instant::now() }
    }

    /// A line about the step (`transferring context: 2B done`).
    pub fn note(&self, v: &Vertex, text: &str) {
        self.write(&format!("#{} {text}\n", v.n));
    }

    /// Output of a RUN step, one line at a time, stamped with the time since
    /// the step started.
    pub fn output(&self, v: &Vertex, line: &str) {
        let t = v.started.elapsed().as_secs_f64();
        let text = format!("{t:.3} {line}");
        self.write(&format!("#{} {text}\n", v.n));
        let mut tails = self.tails.lock().unwrap_or_else(|e| e.into_inner());
        let tail = tails.entry(v.n).or_default();
        tail.push_back(text);
        if tail.len() > TAIL_LINES {
            tail.pop_front();
        }
    }

    /// The last lines a step printed.
    pub fn tail(&self, v: &Vertex) -> Vec<String> {
        let tails = self.tails.lock().unwrap_or_else(|e| e.into_inner());
        tails.get(&v.n).map(|t| t.iter().cloned().collect()).unwrap_or_default()
    }

    pub fn done(&self, v: &Vertex) {
        self.write(&format!("#{} DONE {:.1}s\n\n", v.n, v.started.elapsed().as_secs_f64()));
    }

    pub fn cached(&self, v: &Vertex) {
        self.write(&format!("#{} CACHED\n\n", v.n));
    }

    pub fn error(&self, v: &Vertex, message: &str) {
        self.write(&format!("#{} ERROR: {message}\n", v.n));
    }
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

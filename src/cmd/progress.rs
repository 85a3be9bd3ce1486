//! Pull progress as Docker prints it: a status line per layer event when the
//! output is not a terminal, live bars when it is.

use std::collections::HashMap;
use std::io::Write;
use std::sync::Mutex;

use indicatif::{MultiProgress, ProgressBar, ProgressDrawTarget, ProgressStyle};
use rdock::image::config::Descriptor;
use rdock::image::pull::{LayerStatus, PullProgress};
use rdock::image::push::{PushProgress, PushStatus};
use rdock::image::reference::Reference;

pub struct CliProgress {
    quiet: bool,
    to_stderr: bool,
    bars: Option<(MultiProgress, Mutex<HashMap<String, ProgressBar>>)>,
}

fn short(digest: &str) -> String {
    rdock::util::short_id(digest).to_string()
}

impl CliProgress {
    pub fn new(quiet: bool, to_stderr: bool) -> CliProgress {
        let fd = if to_stderr { 2 } else { 1 };
        let tty = !quiet && rdock::runtime::stdio::is_terminal(fd);
        let bars = tty.then(|| {
            let target = if to_stderr { ProgressDrawTarget::stderr() } else { ProgressDrawTarget::stdout() };
            (MultiProgress::with_draw_target(target), Mutex::new(HashMap::new()))
        });
        CliProgress { quiet, to_stderr, bars }
    }

    pub fn line(&self, text: &str) {
        if self.quiet {
            return;
        }
        if let Some((multi, _)) = &self.bars {
            let _ = multi.println(text);
            return;
        }
        if self.to_stderr {
            eprintln!("{text}");
        } else {
            println!("{text}");
            let _ = std::io::stdout().flush();
        }
    }

    fn bar(&self, digest: &str, f: impl FnOnce(&ProgressBar)) {
        if let Some((multi, bars)) = &self.bars {
            let mut bars = bars.lock().unwrap_or_else(|e| e.into_inner());
            let bar = bars.entry(digest.to_string()).or_insert_with(|| {
                let b = multi.add(ProgressBar::new(0));
                b.set_style(
                    ProgressStyle::with_template("{prefix}: {msg} {wide_bar} {bytes}/{total_bytes}")
                        .unwrap_or_else(|_| ProgressStyle::default_bar())
                        .progress_chars("=> "),
                );
                b.set_prefix(short(digest));
                b
            });
            f(bar);
        }
    }

    pub fn finish(&self) {
        if let Some((_, bars)) = &self.bars {
            for b in bars.lock().unwrap_or_else(|e| e.into_inner()).values() {
                b.finish();
            }
        }
    }
}

impl PullProgress for CliProgress {
    fn resolved(&self, reference: &Reference, _layers: &[Descriptor]) {
        let what = reference.tag.clone().or_else(|| reference.digest.clone()).unwrap_or_default();
        let repo = rdock::image::reference::familiar(&reference.name());
        let repo = if reference.domain == rdock::image::reference::DEFAULT_DOMAIN {
            reference.path.clone()
        } else {
            repo.split_once('/').map(|(_, r)| r.to_string()).unwrap_or(repo)
        };
        self.line(&format!("{what}: Pulling from {repo}"));
    }

    fn layer(&self, digest: &str, status: LayerStatus) {
        let text = match status {
            LayerStatus::Waiting => "Pulling fs layer",
            LayerStatus::AlreadyExists => "Already exists",
            LayerStatus::Downloading => {
                self.bar(digest, |b| b.set_message("Downloading"));
                return;
            }
            LayerStatus::Verifying => "Verifying Checksum",
            LayerStatus::Complete => "Pull complete",
        };
        if self.bars.is_some() {
            self.bar(digest, |b| {
                b.set_message(text);
                if matches!(status, LayerStatus::Complete | LayerStatus::AlreadyExists) {
                    b.finish();
                }
            });
        } else {
            if status == LayerStatus::Complete {
                self.line(&format!("{}: Download complete", short(digest)));
            }
            self.line(&format!("{}: {text}", short(digest)));
        }
    }

    fn bytes(&self, digest: &str, done: u64, total: u64) {
        self.bar(digest, |b| {
            b.set_length(total);
            b.set_position(done);
        });
    }
}

impl PushProgress for CliProgress {
    fn layer(&self, digest: &str, status: &PushStatus) {
        let text = match status {
            PushStatus::Preparing => "Preparing".to_string(),
            PushStatus::Waiting => "Waiting".to_string(),
            PushStatus::Pushing => {
                self.bar(digest, |b| b.set_message("Pushing"));
                return;
            }
            PushStatus::Pushed => "Pushed".to_string(),
            PushStatus::AlreadyExists => "Layer already exists".to_string(),
            PushStatus::Mounted(from) => format!("Mounted from {from}"),
        };
        if self.bars.is_some() {
            self.bar(digest, |b| {
                b.set_message(text.clone());
                if !matches!(status, PushStatus::Preparing | PushStatus::Waiting) {
                    b.finish();
                }
            });
        } else {
            self.line(&format!("{}: {text}", short(digest)));
        }
    }

    fn bytes(&self, digest: &str, done: u64, total: u64) {
        PullProgress::bytes(self, digest, done, total)
    }
}

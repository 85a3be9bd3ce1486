//! `RDOCK_DEBUG=1`: libcontainer's (and our) tracing events on stderr — in the
//! supervisor that is its log, `<runroot>/<id>/supervisor.log`.

use std::fmt::Write as _;
use std::sync::atomic::{AtomicU64, Ordering};

use tracing::field::{Field, Visit};
use tracing::span::{Attributes, Id, Record};
use tracing::{Event, Metadata, Subscriber};

struct Stderr {
    next: AtomicU64,
}

struct Fields(String);

impl Visit for Fields {
    fn record_debug(&mut self, field: &Field, value: &dyn std::fmt::Debug) {
        let _ = write!(self.0, " {}={:?}", field.name(), value);
    }
}

impl Subscriber for Stderr {
    fn enabled(&self, _: &Metadata<'_>) -> bool {
        true
    }
    fn new_span(&self, _: &Attributes<'_>) -> Id {
        Id::from_u64(self.next.fetch_add(1, Ordering::Relaxed) + 1)
    }
    fn record(&self, _: &Id, _: &Record<'_>) {}
    fn record_follows_from(&self, _: &Id, _: &Id) {}
    fn event(&self, event: &Event<'_>) {
        let mut fields = Fields(String::new());
        event.record(&mut fields);
        let m = event.metadata();
        eprintln!("[{} {} pid={}]{}", m.level(), m.target(), std::process::id(), fields.0);
    }
    fn enter(&self, _: &Id) {}
    fn exit(&self, _: &Id) {}
}

/// Turns on event printing when `RDOCK_DEBUG` is set.
pub fn init() {
    if std::env::var_os("RDOCK_DEBUG").is_some() {
        enable();
    }
}

/// Debug events on stderr from now on (`-D`, `--log-level debug`).
pub fn enable() {
    let _ = tracing::subscriber::set_global_default(Stderr { next: AtomicU64::new(0) });
}

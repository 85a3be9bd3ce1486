//! `events` and `system events`: the journal every rdock process appends to,
//! replayed from `--since` and followed live, as Docker's daemon streams it.

use std::io::Write;

use clap::Args;
use rdock::storage::events::{Event, Filter, FILTER_KEYS};
use rdock::{format, Engine, Error};

#[derive(Args, Debug)]
pub struct EventsArgs {
    /// Filter output based on conditions provided
    #[arg(short = 'f', long = "filter", value_name = "filter")]
    filter: Vec<String>,
    /// Format output using a custom template ('json', or a Go template)
    #[arg(long, value_name = "string")]
    format: Option<String>,
    /// Show all events created since timestamp
    #[arg(long, value_name = "string")]
    since: Option<String>,
    /// Stream events until this timestamp
    #[arg(long, value_name = "string")]
    until: Option<String>,
}

/// Docker's line: time, type, action, actor, sorted attributes.
fn pretty(e: &Event) -> String {
    let t = chrono::DateTime::from_timestamp_nanos(e.time_nano).with_timezone(&chrono::Local);
    let zone = if t.offset().local_minus_utc() == 0 { "Z".to_string() } else { t.format("%:z").to_string() };
    let mut line =
        format!("{}{zone} {} {} {}", t.format("%Y-%m-%dT%H:%M:%S%.9f"), e.typ, e.action, e.actor.id);
    if !e.actor.attributes.is_empty() {
        let attrs: Vec<String> = e.actor.attributes.iter().map(|(k, v)| format!("{k}={v}")).collect();
        line.push_str(&format!(" ({})", attrs.join(", ")));
    }
    line
}

fn nanos(arg: &Option<String>) -> Result<Option<i64>, Error> {
    arg.as_deref()
        .map(|s| rdock::runtime::logs::parse_time_arg(s).map(|t| t.timestamp_nanos_opt().unwrap_or(0)))
        .transpose()
}

pub fn events(engine: &Engine, a: EventsArgs) -> i32 {
    let run = || -> Result<(), Error> {
        let mut filter = Filter::default();
        for (k, v) in super::parse_filters(&a.filter, FILTER_KEYS)? {
            filter.by.entry(k).or_default().push(v);
        }
        let text = a.format.as_deref().filter(|f| !f.is_empty()).map(format::unescape);
        let mut failed = None;
        let stdout = std::io::stdout();
        engine.events(nanos(&a.since)?, nanos(&a.until)?, &filter, &mut |e| {
            let line = match text.as_deref() {
                Some("json") => serde_json::to_string(e).unwrap_or_default(),
                Some(t) => match format::render(t, "", "events.Message", e) {
                    Ok(s) => s,
                    Err(err) => {
                        failed = Some(err);
                        return false;
                    }
                },
                None => pretty(e),
            };
            let mut out = stdout.lock();
            // A closed stdout ends the stream.
            writeln!(out, "{line}").and_then(|_| out.flush()).is_ok()
        })?;
        failed.map_or(Ok(()), Err)
    };
    match run() {
        Ok(()) => 0,
        Err(e) => super::fail(&e),
    }
}

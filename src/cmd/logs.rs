//! `logs`.

use std::io::Write;

use clap::Args;
use rdock::runtime::logs::{parse_time_arg, ReadOptions};
use rdock::{Engine, Error};

#[derive(Args, Debug)]
pub struct LogsArgs {
    /// Show extra details provided to logs
    #[arg(long)]
    details: bool,
    /// Follow log output
    #[arg(short = 'f', long)]
    follow: bool,
    /// Show logs since timestamp (e.g. "2013-01-02T13:23:37Z") or relative (e.g. "42m" for 42 minutes)
    #[arg(long)]
    since: Option<String>,
    /// Number of lines to show from the end of the logs
    #[arg(short = 'n', long, default_value = "all")]
    tail: String,
    /// Show timestamps
    #[arg(short = 't', long)]
    timestamps: bool,
    /// Show logs before a timestamp (e.g. "2013-01-02T13:23:37Z") or relative (e.g. "42m" for 42 minutes)
    #[arg(long)]
    until: Option<String>,
    #[arg(value_name = "CONTAINER")]
    container: String,
}

pub fn logs(engine: &Engine, a: LogsArgs) -> i32 {
    match logs_inner(engine, &a) {
        Ok(()) => 0,
        Err(e) => super::fail(&e),
    }
}

fn logs_inner(engine: &Engine, a: &LogsArgs) -> Result<(), Error> {
    let tail = match a.tail.as_str() {
        "all" | "" => None,
        n => match n.parse::<i64>() {
            Ok(v) if v >= 0 => Some(v as usize),
            Ok(_) => None,
            Err(_) => return Err(Error::InvalidArgument(format!("invalid value for \"tail\": {n:?}"))),
        },
    };
    let opts = ReadOptions {
        follow: a.follow,
        tail,
        since: a.since.as_deref().map(parse_time_arg).transpose()?,
        until: a.until.as_deref().map(parse_time_arg).transpose()?,
    };
    let stdout = std::io::stdout();
    let stderr = std::io::stderr();
    engine.logs(&a.container, &opts, &mut |entry| {
        let mut line = String::new();
        if a.timestamps {
            line.push_str(&entry.time);
            line.push(' ');
        }
        line.push_str(&entry.log);
        if entry.stream == "stderr" {
            let mut e = stderr.lock();
            e.write_all(line.as_bytes())?;
            e.flush()
        } else {
            let mut o = stdout.lock();
            o.write_all(line.as_bytes())?;
            o.flush()
        }
    })
}

//! `top` and `stats`.

use std::collections::HashMap;
use std::io::Write;

use clap::Args;
use rdock::format::{self, Format};
use rdock::{Engine, Error};
use serde_json::json;

#[derive(Args, Debug)]
pub struct TopArgs {
    #[arg(value_name = "CONTAINER")]
    container: String,
    /// Options passed to ps
    #[arg(trailing_var_arg = true, allow_hyphen_values = true, value_name = "ps OPTIONS")]
    ps_args: Vec<String>,
}

#[derive(Args, Debug)]
pub struct StatsArgs {
    /// Show all containers (default shows just running)
    #[arg(short = 'a', long)]
    all: bool,
    /// Format output using a custom template
    #[arg(long)]
    format: Option<String>,
    /// Disable streaming stats and only pull the first result
    #[arg(long = "no-stream")]
    no_stream: bool,
    /// Do not truncate output
    #[arg(long = "no-trunc")]
    no_trunc: bool,
    #[arg(value_name = "CONTAINER")]
    containers: Vec<String>,
}

pub fn top(engine: &Engine, a: TopArgs) -> i32 {
    match engine.top(&a.container, &a.ps_args) {
        Ok((titles, rows)) => {
            let mut lines = vec![titles.join("\t")];
            lines.extend(rows.iter().map(|r| r.join("\t")));
            print!("{}", format::tabwrite(&lines));
            0
        }
        Err(e) => super::fail(&e),
    }
}

pub fn stats(engine: &Engine, a: StatsArgs) -> i32 {
    match stats_inner(engine, &a) {
        Ok(()) => 0,
        Err(e) => super::fail(&e),
    }
}

fn stats_inner(engine: &Engine, a: &StatsArgs) -> Result<(), Error> {
    let header: HashMap<&str, &str> = [
        ("Container", "CONTAINER"),
        ("ID", "CONTAINER ID"),
        ("Name", "NAME"),
        ("CPUPerc", "CPU %"),
        ("MemUsage", "MEM USAGE / LIMIT"),
        ("MemPerc", "MEM %"),
        ("NetIO", "NET I/O"),
        ("BlockIO", "BLOCK I/O"),
        ("PIDs", "PIDS"),
    ]
    .into_iter()
    .collect();
    let default =
        "{{.ID}}\t{{.Name}}\t{{.CPUPerc}}\t{{.MemUsage}}\t{{.MemPerc}}\t{{.NetIO}}\t{{.BlockIO}}\t{{.PIDs}}";
    let fmt = Format::parse(a.format.as_deref());
    loop {
        let recs = if a.containers.is_empty() {
            let mut all = engine.containers()?;
            all.retain(|r| a.all || r.state.status.is_active());
            all.sort_by(|x, y| y.config.created.cmp(&x.config.created));
            all
        } else {
            a.containers.iter().map(|c| engine.container(c)).collect::<Result<Vec<_>, _>>()?
        };
        let rows: Vec<serde_json::Value> = engine
            .stats(&recs)
            .into_iter()
            .map(|s| {
                let id = if a.no_trunc { s.id.clone() } else { rdock::util::short_id(&s.id).to_string() };
                json!({
                    "Container": id,
                    "ID": id,
                    "Name": s.name,
                    "CPUPerc": format!("{:.2}%", s.cpu_percent),
                    "MemUsage": format!("{} / {}", format::bytes_size(s.mem_usage), format::bytes_size(s.mem_limit)),
                    "MemPerc": format!("{:.2}%", s.mem_percent),
                    "NetIO": format!("{} / {}", format::human_size(s.net_rx), format::human_size(s.net_tx)),
                    "BlockIO": format!("{} / {}", format::human_size(s.block_read), format::human_size(s.block_write)),
                    "PIDs": s.pids.to_string(),
                })
            })
            .collect();
        let out = format::render_rows(&fmt, default, &header, &rows, "*container.topContext")?;
        if a.no_stream {
            print!("{out}");
            return Ok(());
        }
        // Redraw in place, as Docker does on a terminal.
        print!("\x1b[2J\x1b[H{out}");
        let _ = std::io::stdout().flush();
    }
}

//! `ps`: containers, their status and Docker's columns, filters and formats.

use std::collections::HashMap;

use clap::Args;
use rdock::format::{self, Format};
use rdock::storage::containers::{ContainerRecord, Status};
use rdock::storage::networks::NetState;
use rdock::{Engine, Error};
use serde_json::json;

#[derive(Args, Debug)]
pub struct PsArgs {
    /// Show all containers (default shows just running)
    #[arg(short = 'a', long)]
    all: bool,
    /// Filter output based on conditions provided
    #[arg(short = 'f', long = "filter")]
    filter: Vec<String>,
    /// Format output using a custom template
    #[arg(long)]
    format: Option<String>,
    /// Show n last created containers (includes all states)
    #[arg(short = 'n', long = "last", default_value_t = -1, allow_negative_numbers = true)]
    last: i64,
    /// Show the latest created container (includes all states)
    #[arg(short = 'l', long)]
    latest: bool,
    /// Don't truncate output
    #[arg(long = "no-trunc")]
    no_trunc: bool,
    /// Only display container IDs
    #[arg(short = 'q', long)]
    quiet: bool,
    /// Display total file sizes
    #[arg(short = 's', long)]
    size: bool,
}

pub fn ps(engine: &Engine, a: PsArgs) -> i32 {
    match ps_inner(engine, &a) {
        Ok(()) => 0,
        Err(e) => super::fail(&e),
    }
}

fn ps_inner(engine: &Engine, a: &PsArgs) -> Result<(), Error> {
    let filters = rdock::filters::ContainerFilters::parse(&a.filter)?;
    let mut recs = engine.list_containers(&filters, a.all || a.latest || a.last > 0)?;
    if a.latest {
        recs.truncate(1);
    } else if a.last > 0 {
        recs.truncate(a.last as usize);
    }
    if a.quiet {
        for r in &recs {
            println!(
                "{}",
                if a.no_trunc { r.config.id.as_str() } else { rdock::util::short_id(&r.config.id) }
            );
        }
        return Ok(());
    }
    let net = engine.store.net_state_snapshot();
    let rows: Vec<serde_json::Value> = recs.iter().map(|r| row(engine, &net, r, a)).collect();
    let header: HashMap<&str, &str> = [
        ("ID", "CONTAINER ID"),
        ("Image", "IMAGE"),
        ("Command", "COMMAND"),
        ("CreatedAt", "CREATED AT"),
        ("RunningFor", "CREATED"),
        ("Ports", "PORTS"),
        ("State", "STATE"),
        ("Status", "STATUS"),
        ("Size", "SIZE"),
        ("Names", "NAMES"),
        ("Labels", "LABELS"),
        ("Mounts", "MOUNTS"),
        ("Networks", "NETWORKS"),
        ("LocalVolumes", "LOCAL VOLUMES"),
    ]
    .into_iter()
    .collect();
    let mut default =
        "{{.ID}}\t{{.Image}}\t{{.Command}}\t{{.RunningFor}}\t{{.Status}}\t{{.Ports}}\t{{.Names}}".to_string();
    if a.size {
        default.push_str("\t{{.Size}}");
    }
    print!(
        "{}",
        format::render_rows(
            &Format::parse(a.format.as_deref()),
            &default,
            &header,
            &rows,
            "*formatter.ContainerContext",
        )?
    );
    Ok(())
}

/// Docker's STATUS column.
pub fn status_text(r: &ContainerRecord) -> String {
    let s = &r.state;
    match s.status {
        Status::Created => "Created".into(),
        Status::Running | Status::Paused => {
            let up = rdock::util::parse_time(&s.started_at)
                .map(|t| format::human_duration(chrono::Utc::now() - t))
                .unwrap_or_default();
            match &s.health {
                _ if s.status == Status::Paused => format!("Up {up} (Paused)"),
                Some(h) if h.status == "starting" => format!("Up {up} (health: starting)"),
                Some(h) => format!("Up {up} ({})", h.status),
                None => format!("Up {up}"),
            }
        }
        Status::Exited => format!("Exited ({}) {}", s.exit_code, format::ago(&s.finished_at)),
        Status::Removing => "Removal In Progress".into(),
        Status::Restarting => format!("Restarting ({}) {}", s.exit_code, format::ago(&s.finished_at)),
        Status::Dead => "Dead".into(),
    }
}

/// Docker's COMMAND column: the command line, cut to 20 characters unless
/// `no_trunc`, quoted with `\` and `"` escaped.
pub fn command_column(c: &rdock::storage::containers::ContainerConfig, no_trunc: bool) -> String {
    let mut command = std::iter::once(c.path.as_str())
        .chain(c.args.iter().map(String::as_str))
        .collect::<Vec<_>>()
        .join(" ");
    if !no_trunc && command.chars().count() > 20 {
        command = command.chars().take(19).collect::<String>() + "…";
    }
    format!("\"{}\"", command.replace('\\', "\\\\").replace('"', "\\\""))
}

fn row(engine: &Engine, net: &NetState, r: &ContainerRecord, a: &PsArgs) -> serde_json::Value {
    let c = &r.config;
    let id = if a.no_trunc { c.id.clone() } else { rdock::util::short_id(&c.id).to_string() };
    let size = if a.size {
        let upper = rdock::storage::layer::disk_usage(&engine.store.rootfs_dirs(&c.id).upper);
        let image = engine.image(&c.image_id).map(|i| i.size).unwrap_or(0);
        format!("{} (virtual {})", format::human_size(upper), format::human_size(upper + image))
    } else {
        "0B".to_string()
    };
    let labels: Vec<String> = c.labels.iter().map(|(k, v)| format!("{k}={v}")).collect();
    let created = format::go_time(&c.created, false);
    let network = if c.host.networks.is_empty() {
        c.host.network_mode.clone()
    } else {
        c.host.networks.iter().map(|n| n.network.as_str()).collect::<Vec<_>>().join(",")
    };
    let published: Vec<_> =
        if r.state.status.is_active() { net.ports_of(&c.id).collect() } else { Vec::new() };
    json!({
        "ID": id,
        "Image": c.image,
        "Command": command_column(c, a.no_trunc),
        "CreatedAt": created,
        "RunningFor": format::ago(&c.created),
        "Ports": rdock::net::ports::ps_column(&published, &c.exposed_ports),
        "State": r.state.status.as_str(),
        "Status": status_text(r),
        "Size": size,
        "Names": c.name,
        "Labels": labels.join(","),
        "Mounts": "",
        "Networks": network,
        "LocalVolumes": "0",
        "Platform": null,
        "_labels": c.labels,
    })
}

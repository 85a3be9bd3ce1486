//! `network create|ls|rm|inspect|connect|disconnect|prune` and `port`.

use std::collections::HashMap;

use clap::{Args, Subcommand};
use rdock::format::{self, Format};
use rdock::storage::networks::NetworkRecord;
use rdock::{Engine, Error};

#[derive(Subcommand, Debug)]
pub enum NetworkCommand {
    /// Create a network
    Create(CreateArgs),
    /// List networks
    #[command(visible_alias = "list")]
    Ls(LsArgs),
    /// Remove one or more networks
    #[command(visible_alias = "remove")]
    Rm(RmArgs),
    /// Display detailed information on one or more networks
    Inspect(InspectArgs),
    /// Connect a container to a network
    Connect(ConnectArgs),
    /// Disconnect a container from a network
    Disconnect(DisconnectArgs),
    /// Remove all unused networks
    Prune(PruneArgs),
}

#[derive(Args, Debug)]
pub struct CreateArgs {
    /// Driver to manage the Network
    #[arg(short = 'd', long, default_value = "bridge")]
    driver: String,
    /// Subnet in CIDR format that represents a network segment
    #[arg(long)]
    subnet: Option<String>,
    /// IPv4 Gateway for the master subnet
    #[arg(long)]
    gateway: Option<String>,
    /// Allocate container ip from a sub-range
    #[arg(long = "ip-range")]
    ip_range: Option<String>,
    /// Restrict external access to the network
    #[arg(long)]
    internal: bool,
    /// Set metadata on a network
    #[arg(long = "label")]
    label: Vec<String>,
    /// Set driver specific options
    #[arg(short = 'o', long = "opt")]
    opt: Vec<String>,
    #[arg(value_name = "NETWORK")]
    name: String,
}

#[derive(Args, Debug)]
pub struct LsArgs {
    /// Only display network IDs
    #[arg(short = 'q', long)]
    quiet: bool,
    /// Provide filter values (e.g. "driver=bridge")
    #[arg(short = 'f', long = "filter")]
    filter: Vec<String>,
    /// Format output using a custom template
    #[arg(long)]
    format: Option<String>,
    /// Do not truncate the output
    #[arg(long = "no-trunc")]
    no_trunc: bool,
}

#[derive(Args, Debug)]
pub struct RmArgs {
    /// Do not error if the network does not exist
    #[arg(short = 'f', long)]
    force: bool,
    #[arg(value_name = "NETWORK", required = true)]
    networks: Vec<String>,
}

#[derive(Args, Debug)]
pub struct InspectArgs {
    /// Format output using a custom template
    #[arg(short = 'f', long)]
    format: Option<String>,
    #[arg(value_name = "NETWORK", required = true)]
    networks: Vec<String>,
}

#[derive(Args, Debug)]
pub struct ConnectArgs {
    /// Add network-scoped alias for the container
    #[arg(long = "alias")]
    alias: Vec<String>,
    /// IPv4 address (e.g., "172.30.100.104")
    #[arg(long)]
    ip: Option<String>,
    network: String,
    container: String,
}

#[derive(Args, Debug)]
pub struct DisconnectArgs {
    /// Force the container to disconnect from a network
    #[arg(short = 'f', long)]
    force: bool,
    network: String,
    container: String,
}

#[derive(Args, Debug)]
pub struct PruneArgs {
    /// Provide filter values (e.g. "label=<key>=<value>")
    #[arg(long = "filter")]
    filter: Vec<String>,
    /// Do not prompt for confirmation
    #[arg(short = 'f', long)]
    force: bool,
}

#[derive(Args, Debug)]
pub struct PortArgs {
    container: String,
    /// PRIVATE_PORT[/PROTO]
    port: Option<String>,
}

pub fn network(engine: &Engine, c: NetworkCommand) -> i32 {
    match c {
        NetworkCommand::Create(a) => create(engine, a),
        NetworkCommand::Ls(a) => ls(engine, a),
        NetworkCommand::Rm(a) => super::for_each(&a.networks, |name| match engine.network_remove(name) {
            Ok(_) => Ok(Some(name.to_string())),
            Err(Error::NoSuchNetwork(_)) if a.force => Ok(None),
            Err(e) => Err(e),
        }),
        NetworkCommand::Inspect(a) => inspect(engine, a),
        NetworkCommand::Connect(a) => match engine.network_connect(&a.network, &a.container, a.alias, a.ip) {
            Ok(()) => 0,
            Err(e) => super::fail(&e),
        },
        NetworkCommand::Disconnect(a) => {
            let _ = a.force;
            match engine.network_disconnect(&a.network, &a.container) {
                Ok(()) => 0,
                Err(e) => super::fail(&e),
            }
        }
        NetworkCommand::Prune(a) => prune(engine, a),
    }
}

fn create(engine: &Engine, a: CreateArgs) -> i32 {
    let opts = rdock::net::CreateNetwork {
        name: a.name,
        driver: a.driver,
        subnet: a.subnet,
        gateway: a.gateway,
        ip_range: a.ip_range,
        internal: a.internal,
        labels: super::key_values(&a.label),
        options: super::key_values(&a.opt),
    };
    match engine.network_create(&opts) {
        Ok(n) => {
            println!("{}", n.id);
            0
        }
        Err(e) => super::fail(&e),
    }
}

/// `--filter`: name, id, driver, label, label!, type (builtin|custom).
/// `used`: names and ids of networks some container joins (for `dangling`).
fn matches(
    filters: &[(String, String)],
    n: &NetworkRecord,
    used: &std::collections::HashSet<String>,
) -> bool {
    let builtin = matches!(n.name.as_str(), "bridge" | "host" | "none");
    let in_use = used.contains(&n.name) || used.contains(&n.id);
    let label = |spec: &str| match spec.split_once('=') {
        Some((k, v)) => n.labels.get(k).is_some_and(|x| x == v),
        None => n.labels.contains_key(spec),
    };
    filters.iter().all(|(k, v)| match k.as_str() {
        "name" => n.name.contains(v.as_str()),
        "id" => n.id.starts_with(v.as_str()),
        "driver" => n.driver == *v,
        "label" => label(v),
        "label!" => !label(v),
        "type" => (v == "builtin") == builtin,
        "scope" => v == "local",
        // Docker never counts its predefined networks as dangling.
        "dangling" => match v.as_str() {
            "true" | "1" => !builtin && !in_use,
            _ => builtin || in_use,
        },
        // prune's until=: made before that time (a bad value was refused at parse).
        "until" => rdock::runtime::logs::parse_time_arg(v)
            .is_ok_and(|until| rdock::util::parse_time(&n.created).is_some_and(|created| created < until)),
        _ => true,
    })
}

fn ls(engine: &Engine, a: LsArgs) -> i32 {
    let result = (|| -> Result<String, Error> {
        let filters = super::parse_filters(
            &a.filter,
            &["name", "id", "driver", "label", "label!", "type", "scope", "dangling"],
        )?;
        let used: std::collections::HashSet<String> = engine
            .containers()?
            .iter()
            .flat_map(|c| {
                let h = &c.config.host;
                h.networks.iter().map(|e| e.network.clone()).chain(std::iter::once(h.network_mode.clone()))
            })
            .collect();
        let mut nets: Vec<NetworkRecord> =
            engine.networks()?.into_iter().filter(|n| matches(&filters, n, &used)).collect();
        // Docker's CLI sorts networks by name.
        nets.sort_by(|x, y| x.name.cmp(&y.name));
        let id = |n: &NetworkRecord| if a.no_trunc { n.id.clone() } else { n.id[..12].to_string() };
        if a.quiet {
            return Ok(nets.iter().map(|n| format!("{}\n", id(n))).collect());
        }
        let rows: Vec<serde_json::Value> = nets
            .iter()
            .map(|n| {
                let labels: Vec<String> = n.labels.iter().map(|(k, x)| format!("{k}={x}")).collect();
                serde_json::json!({
                    "ID": id(n),
                    "Name": n.name,
                    "Driver": n.driver,
                    "Scope": "local",
                    "IPv4": (n.driver == "bridge").to_string(),
                    "IPv6": "false",
                    "Internal": n.internal.to_string(),
                    "Labels": labels.join(","),
                    "CreatedAt": format::go_time(&n.created, true),
                    "_labels": n.labels,
                })
            })
            .collect();
        let header: HashMap<&str, &str> = [
            ("ID", "NETWORK ID"),
            ("Name", "NAME"),
            ("Driver", "DRIVER"),
            ("Scope", "SCOPE"),
            ("IPv6", "IPV6"),
            ("Internal", "INTERNAL"),
            ("Labels", "LABELS"),
            ("CreatedAt", "CREATED AT"),
        ]
        .into();
        format::render_rows(
            &Format::parse(a.format.as_deref()),
            "{{.ID}}\t{{.Name}}\t{{.Driver}}\t{{.Scope}}",
            &header,
            &rows,
            "*network.networkContext",
        )
    })();
    super::print_or_fail(result)
}

fn inspect(engine: &Engine, a: InspectArgs) -> i32 {
    super::inspect_each(&a.networks, a.format.as_deref(), |name| engine.network_inspect(name))
}

fn prune(engine: &Engine, a: PruneArgs) -> i32 {
    let filters = match super::parse_filters(&a.filter, &["label", "label!", "until"]) {
        Ok(f) => f,
        Err(e) => return super::fail(&e),
    };
    if let Some((_, v)) = filters.iter().find(|(k, _)| k == "until") {
        if let Err(e) = rdock::runtime::logs::parse_time_arg(v) {
            return super::fail(&e);
        }
    }
    if !a.force
        && !super::confirm(
            "WARNING! This will remove all custom networks not used by at least one container.",
        )
    {
        return 0;
    }
    match engine.network_prune(&|n| !matches(&filters, n, &Default::default())) {
        Ok(removed) => {
            if !removed.is_empty() {
                println!("Deleted Networks:");
                for n in removed {
                    println!("{n}");
                }
            }
            0
        }
        Err(e) => super::fail(&e),
    }
}

/// `port CONTAINER [PRIVATE_PORT[/PROTO]]`.
pub fn port(engine: &Engine, a: PortArgs) -> i32 {
    let ports = match engine.ports(&a.container) {
        Ok(p) => p,
        Err(e) => return super::fail(&e),
    };
    let refs: Vec<_> = ports.iter().collect();
    let by_port = rdock::net::ports::by_container_port(&refs);
    match &a.port {
        Some(p) => {
            let key = rdock::net::ports::port_key(p);
            match by_port.get(&key) {
                Some(list) => {
                    for (ip, hp) in list {
                        println!("{ip}:{hp}");
                    }
                    0
                }
                None => super::fail(&Error::InvalidArgument(format!(
                    "No public port '{key}' published for {}",
                    a.container
                ))),
            }
        }
        None => {
            for (k, list) in &by_port {
                for (ip, hp) in list {
                    println!("{k} -> {ip}:{hp}");
                }
            }
            0
        }
    }
}

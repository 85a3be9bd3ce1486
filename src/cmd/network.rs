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
    /// Enable manual container attachment
    #[arg(long)]
    attachable: bool,
    /// Auxiliary IPv4 or IPv6 addresses used by Network driver (default map[])
    #[arg(long = "aux-address", value_name = "map")]
    aux_address: Vec<String>,
    /// The network from which to copy the configuration
    #[arg(long = "config-from", value_name = "string")]
    config_from: Option<String>,
    /// Create a configuration only network
    #[arg(long = "config-only")]
    config_only: bool,
    /// Create swarm routing-mesh network
    #[arg(long)]
    ingress: bool,
    /// IP Address Management Driver (default "default")
    #[arg(long = "ipam-driver", value_name = "string")]
    ipam_driver: Option<String>,
    /// Set IPAM driver specific options (default map[])
    #[arg(long = "ipam-opt", value_name = "map")]
    ipam_opt: Vec<String>,
    /// Enable or disable IPv4 address assignment
    #[arg(long, num_args = 0..=1, require_equals = true, default_missing_value = "true", value_parser = clap::value_parser!(bool))]
    ipv4: Option<bool>,
    /// Enable or disable IPv6 address assignment
    #[arg(long, num_args = 0..=1, require_equals = true, default_missing_value = "true", value_parser = clap::value_parser!(bool))]
    ipv6: Option<bool>,
    /// Control the network's scope
    #[arg(long, value_name = "string")]
    scope: Option<String>,
    #[arg(value_name = "NETWORK")]
    name: String,
}

/// What rdock's bridge networks cannot be, refused as one line each
/// (Docker's words where it has them).
fn refuse_unsupported(a: &CreateArgs) -> Result<(), Error> {
    let no = |m: &str| Err(Error::InvalidArgument(m.to_string()));
    if a.ingress || a.scope.as_deref().is_some_and(|s| s == "swarm" || s == "global") {
        return no("This node is not a swarm manager. Use \"docker swarm init\" or \"docker swarm join\" to connect this node to swarm and try again.");
    }
    if let Some(s) = a.scope.as_deref().filter(|s| *s != "local") {
        return no(&format!("invalid scope value: {s}"));
    }
    if a.config_only || a.config_from.is_some() {
        return no(
            "config-only networks and --config-from: rdock's bridge driver takes its configuration directly",
        );
    }
    if let Some(d) = a.ipam_driver.as_deref().filter(|d| *d != "default") {
        return no(&format!("plugin \"{d}\" not found"));
    }
    if a.ipv6 == Some(true) {
        return no("--ipv6: rdock's networks are IPv4 only");
    }
    if a.ipv4 == Some(false) {
        return no("IPv4 can only be disabled if IPv6 is enabled");
    }
    if !a.aux_address.is_empty() {
        return no("--aux-address: rdock's address management does not reserve auxiliary addresses");
    }
    Ok(())
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
    /// Verbose output for diagnostics (swarm services; nothing more for local networks)
    #[arg(short = 'v', long)]
    verbose: bool,
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
    /// IPv6 address (e.g., "2001:db8::33")
    #[arg(long, value_name = "string")]
    ip6: Option<String>,
    /// Add link to another container
    #[arg(long, value_name = "list")]
    link: Vec<String>,
    /// Add a link-local address for the container
    #[arg(long = "link-local-ip", value_name = "strings")]
    link_local_ip: Vec<String>,
    /// driver options for the network
    #[arg(long = "driver-opt", value_name = "strings")]
    driver_opt: Vec<String>,
    /// Highest gw-priority provides the default gateway. Accepts positive and negative values.
    #[arg(long = "gw-priority", allow_negative_numbers = true, value_parser = super::go_int)]
    gw_priority: Option<i64>,
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
        NetworkCommand::Connect(a) => {
            let refused = if a.ip6.is_some() {
                Some("--ip6: rdock's networks are IPv4 only")
            } else if !a.link.is_empty() {
                Some("--link on a user-defined network: give the container an --alias instead")
            } else if !a.driver_opt.is_empty() {
                Some("--driver-opt: rdock's bridge driver takes no endpoint options")
            } else if a.gw_priority.unwrap_or(0) != 0 {
                Some("--gw-priority: the first network a container joins gives its default route")
            } else {
                None
            };
            if let Some(why) = refused {
                return super::fail(&Error::InvalidArgument(why.into()));
            }
            match engine.network_connect(&a.network, &a.container, a.alias, a.ip, a.link_local_ip) {
                Ok(()) => 0,
                Err(e) => super::fail(&e),
            }
        }
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
    if let Err(e) = refuse_unsupported(&a) {
        return super::fail(&e);
    }
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

//! Container networking: the network modes, the per-container /etc files, and
//! the entry points the supervisor and the `network` commands call. Drivers:
//! [`bridge`] as root, [`rootless`] (pasta or slirp4netns) without it.

pub mod bridge;
pub mod firewall;
pub mod forward;
pub mod ipam;
pub mod netlink;
pub mod ports;
pub mod rootless;

use std::collections::BTreeSet;
use std::fs::File;
use std::path::Path;

use crate::error::{Error, IoContext, Result};
use crate::storage::containers::{ContainerConfig, EndpointConfig};
use crate::storage::networks::{NetState, NetworkRecord, DEFAULT_NETWORK};
use crate::storage::Store;

/// How a container is networked (`--network`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NetworkMode {
    /// One or more bridge networks (`bridge` or user-defined), listed in
    /// `HostConfig.networks`.
    Bridge,
    None,
    Host,
    /// Another container's namespace.
    Container(String),
}

impl NetworkMode {
    pub fn parse(s: &str) -> Result<NetworkMode> {
        match s {
            "none" => Ok(NetworkMode::None),
            "host" => Ok(NetworkMode::Host),
            other => match other.strip_prefix("container:") {
                Some("") => {
                    Err(Error::InvalidArgument("--network container: needs a container name or id".into()))
                }
                Some(c) => Ok(NetworkMode::Container(c.to_string())),
                None => Ok(NetworkMode::Bridge),
            },
        }
    }

    /// How `inspect` and `ps` name it.
    pub fn name<'a>(&self, cfg: &'a ContainerConfig) -> &'a str {
        match self {
            NetworkMode::Bridge => {
                cfg.host.networks.first().map(|n| n.network.as_str()).unwrap_or(DEFAULT_NETWORK)
            }
            _ => cfg.host.network_mode.as_str(),
        }
    }
}

/// Checks `--network` values and turns them into the container's endpoint list.
/// User-defined networks must exist; `--ip`, aliases and `--mac-address` go to
/// the first network.
pub fn plan_networks(
    store: &Store,
    networks: &[String],
    first: EndpointConfig,
) -> Result<(String, Vec<EndpointConfig>)> {
    let mut networks: Vec<String> = networks.iter().filter(|n| !n.is_empty()).cloned().collect();
    if networks.is_empty() {
        networks.push(DEFAULT_NETWORK.into());
    }
    for n in networks.iter_mut() {
        if n == "default" {
            *n = DEFAULT_NETWORK.into();
        }
    }
    let mode = NetworkMode::parse(&networks[0])?;
    if mode != NetworkMode::Bridge {
        if networks.len() > 1 {
            return Err(Error::InvalidArgument(
                "conflicting options: cannot attach both user-defined and non-user-defined network-modes"
                    .into(),
            ));
        }
        if !first.ip.is_empty() || !first.aliases.is_empty() {
            return Err(Error::InvalidArgument(
                "conflicting options: --ip and --network-alias need a bridge network".into(),
            ));
        }
        return Ok((networks[0].clone(), Vec::new()));
    }
    let mut out = Vec::new();
    let mut seen = BTreeSet::new();
    for (i, n) in networks.iter().enumerate() {
        if NetworkMode::parse(n)? != NetworkMode::Bridge {
            return Err(Error::InvalidArgument(
                "conflicting options: cannot attach both user-defined and non-user-defined network-modes"
                    .into(),
            ));
        }
        let name = if n == DEFAULT_NETWORK { n.clone() } else { store.find_network(n)?.name };
        if !seen.insert(name.clone()) {
            return Err(Error::InvalidArgument(format!("network {name} given twice")));
        }
        let ec = if i == 0 {
            EndpointConfig { network: name, ..first.clone() }
        } else {
            EndpointConfig { network: name, ..Default::default() }
        };
        if ec.network == DEFAULT_NETWORK && !ec.aliases.is_empty() {
            return Err(Error::InvalidArgument(
                "network-scoped alias is supported only for containers in user defined networks".into(),
            ));
        }
        if ec.network == DEFAULT_NETWORK && !ec.ip.is_empty() {
            return Err(Error::InvalidArgument(
                "user specified IP address is supported on user defined networks only".into(),
            ));
        }
        out.push(ec);
    }
    Ok((out[0].network.clone(), out))
}

/// Networks the container: what its mode asks for, in the namespace `ns`
/// (its init's, before the user's process starts). Records what it made.
pub fn setup(store: &Store, cfg: &ContainerConfig, ns: &File) -> Result<()> {
    match NetworkMode::parse(&cfg.host.network_mode)? {
        NetworkMode::Host | NetworkMode::Container(_) => return Ok(()),
        NetworkMode::None => return netlink::loopback_up(ns),
        NetworkMode::Bridge => {}
    }
    let lock = store.network_lock()?;
    let mut state = store.net_state(&lock)?;
    // Whatever a crashed run left for this container goes first.
    let _ = teardown_locked(store, &mut state, &cfg.id);
    let result = if store.rootless {
        rootless::setup(store, &lock, &mut state, cfg, ns)
    } else {
        bridge::setup(store, &lock, &mut state, cfg, ns)
    };
    if let Err(e) = result {
        let _ = teardown_locked(store, &mut state, &cfg.id);
        let _ = store.save_net_state(&lock, &state);
        return Err(e);
    }
    store.save_net_state(&lock, &state)?;
    refresh_hosts(store, &state, &cfg.id);
    Ok(())
}

/// Undoes [`setup`]; safe to call for a container that has nothing set up.
pub fn teardown(store: &Store, id: &str) -> Vec<Error> {
    let snapshot = store.net_state_snapshot();
    if snapshot.endpoints_of(id).next().is_none() && !snapshot.helpers.contains_key(id) {
        return Vec::new();
    }
    let lock = match store.network_lock() {
        Ok(l) => l,
        Err(e) => return vec![e],
    };
    let mut state = match store.net_state(&lock) {
        Ok(s) => s,
        Err(e) => return vec![e],
    };
    let peers_of: Vec<String> = state.endpoints_of(id).map(|e| e.network_id.clone()).collect();
    let mut errors = teardown_locked(store, &mut state, id);
    if let Err(e) = store.save_net_state(&lock, &state) {
        errors.push(e);
    }
    refresh_networks(store, &state, &peers_of);
    errors
}

fn teardown_locked(store: &Store, state: &mut NetState, id: &str) -> Vec<Error> {
    let mut errors = rootless::teardown(state, id);
    if !store.rootless {
        errors.extend(bridge::teardown(state, id));
    } else if state.endpoints_of(id).any(|e| !e.host_veth.is_empty()) {
        // Without the shared namespace its veths are gone already.
        let state = &*state;
        errors.extend(rootless::in_shared(store, || Ok(bridge::delete_veths(state, id))).unwrap_or_default());
    }
    // Both drivers' records of the container go here.
    state.endpoints.retain(|e| e.container_id != id);
    state.ports.retain(|p| p.container_id != id);
    errors
}

/// Rewrites the hosts file of `id` and of every container sharing a
/// user-defined network with it.
fn refresh_hosts(store: &Store, state: &NetState, id: &str) {
    let nets: Vec<String> = state.endpoints_of(id).map(|e| e.network_id.clone()).collect();
    let _ = write_hosts(store, state, id);
    refresh_networks(store, state, &nets);
}

fn refresh_networks(store: &Store, state: &NetState, nets: &[String]) {
    let ids: BTreeSet<String> = state
        .endpoints
        .iter()
        .filter(|e| nets.contains(&e.network_id))
        .map(|e| e.container_id.clone())
        .collect();
    for id in ids {
        let _ = write_hosts(store, state, &id);
    }
}

/// The container's hosts file, rewritten in place (it is bind-mounted, so the
/// inode must stay).
fn write_hosts(store: &Store, state: &NetState, id: &str) -> Result<()> {
    let cfg = store.container(id)?.config;
    let text = hosts_file(store, &cfg, state);
    let path = store.container_dir(id).join("hosts");
    std::fs::write(&path, text).ctx(|| format!("writing {}", path.display()))
}

/// Names peers answer to: name, aliases and short id.
fn peer_names(e: &crate::storage::networks::Endpoint) -> Vec<String> {
    let mut names = vec![e.container_name.clone()];
    names.extend(e.aliases.iter().cloned());
    names.push(e.container_id[..12].to_string());
    names
}

/// /etc/hosts: the base entries, `--add-host` lines, the container's own
/// address, and on user-defined networks every peer by name and alias.
pub fn hosts_file(store: &Store, cfg: &ContainerConfig, state: &NetState) -> String {
    let mode = NetworkMode::parse(&cfg.host.network_mode).unwrap_or(NetworkMode::Bridge);
    let mut out = if mode == NetworkMode::Host {
        std::fs::read_to_string("/etc/hosts").unwrap_or_else(|_| HOSTS_BASE.to_string())
    } else {
        HOSTS_BASE.to_string()
    };
    let own: Vec<_> = state.endpoints_of(&cfg.id).collect();
    // Rootless, a bridge's gateway is the shared namespace, not the host.
    let gateway = own
        .first()
        .map(|e| e.gateway.clone())
        .filter(|g| !g.is_empty() && !store.rootless)
        .unwrap_or_else(|| host_gateway(store));
    for h in &cfg.host.extra_hosts {
        if let Some((name, ip)) = h.split_once(':') {
            let ip = if ip == "host-gateway" { gateway.as_str() } else { ip };
            out.push_str(&format!("{ip}\t{name}\n"));
        }
    }
    // Links: `IP alias hostname [name]`, as Docker's sandbox writes them.
    for l in links(store, cfg, state).unwrap_or_default() {
        let mut names = format!("{} {}", l.alias, l.target.hostname);
        if l.alias != l.target.name {
            names.push(' ');
            names.push_str(&l.target.name);
        }
        out.push_str(&format!("{}\t{names}\n", l.ip));
    }
    if let Some(e) = own.first() {
        out.push_str(&format!("{}\t{}\n", e.ip, cfg.hostname));
    }
    let nets: Vec<&str> = own.iter().map(|e| e.network_id.as_str()).collect();
    let user_nets: Vec<String> = store
        .networks()
        .unwrap_or_default()
        .into_iter()
        .filter(|n| !n.is_default() && nets.contains(&n.id.as_str()))
        .map(|n| n.id)
        .collect();
    for peer in
        state.endpoints.iter().filter(|e| e.container_id != cfg.id && user_nets.contains(&e.network_id))
    {
        out.push_str(&format!("{}\t{}\n", peer.ip, peer_names(peer).join(" ")));
    }
    out
}

/// A `--link`: the alias, the linked container and its address.
pub struct Link {
    pub alias: String,
    pub target: ContainerConfig,
    pub ip: String,
}

/// The container's `--link`s, resolved as Docker does at start: each target
/// must exist and run.
pub fn links(store: &Store, cfg: &ContainerConfig, state: &NetState) -> Result<Vec<Link>> {
    let mut out = Vec::new();
    for l in &cfg.host.links {
        let (name, alias) = l.split_once(':').unwrap_or((l, l));
        let target = store.find_container(name).map_err(|_| {
            Error::InvalidArgument(format!("could not get container for {name}: No such container: {name}"))
        })?;
        let ip = state.endpoints_of(&target.config.id).next().map(|e| e.ip.clone());
        let Some(ip) = ip.filter(|_| target.state.status.is_active()) else {
            return Err(Error::Conflict(format!(
                "Cannot link to a non running container: /{} AS /{}/{alias}",
                target.config.name, cfg.name
            )));
        };
        out.push(Link { alias: alias.to_string(), target: target.config, ip });
    }
    Ok(out)
}

/// The environment a link gives, in Docker's (legacy) words: `ALIAS_NAME`,
/// `ALIAS_PORT*` for each exposed port, `ALIAS_ENV_*` for the target's own.
pub fn link_env(store: &Store, cfg: &ContainerConfig) -> Result<Vec<String>> {
    if cfg.host.links.is_empty() {
        return Ok(Vec::new());
    }
    let mut env = Vec::new();
    for l in links(store, cfg, &store.net_state_snapshot())? {
        let prefix = l.alias.to_uppercase().replace('-', "_");
        env.push(format!("{prefix}_NAME=/{}/{}", cfg.name, l.alias));
        let mut ports: Vec<(u16, String)> = l
            .target
            .exposed_ports
            .iter()
            .filter_map(|p| {
                let (n, proto) = p.split_once('/').unwrap_or((p, "tcp"));
                n.parse().ok().map(|n| (n, proto.to_string()))
            })
            .collect();
        ports.sort();
        if let Some((n, proto)) = ports.first() {
            env.push(format!("{prefix}_PORT={proto}://{}:{n}", l.ip));
        }
        for (n, proto) in &ports {
            let p = format!("{prefix}_PORT_{n}_{}", proto.to_uppercase());
            env.push(format!("{p}={proto}://{}:{n}", l.ip));
            env.push(format!("{p}_ADDR={}", l.ip));
            env.push(format!("{p}_PORT={n}"));
            env.push(format!("{p}_PROTO={proto}"));
        }
        for e in &l.target.env {
            if let Some((k, v)) = e.split_once('=') {
                if k != "HOME" && k != "PATH" {
                    env.push(format!("{prefix}_ENV_{k}={v}"));
                }
            }
        }
    }
    Ok(env)
}

/// What `host-gateway` means when the container has no gateway of its own.
fn host_gateway(store: &Store) -> String {
    if store.rootless {
        return rootless::host_gateway();
    }
    store
        .networks()
        .ok()
        .and_then(|ns| ns.into_iter().find(|n| n.is_default()))
        .map(|n| n.gateway)
        .unwrap_or_else(|| "127.0.0.1".to_string())
}

/// `network connect` of a running container (`ns` its namespace) or a stopped one.
pub fn connect(store: &Store, id: &str, ec: EndpointConfig, ns: Option<&File>) -> Result<()> {
    let lock = store.network_lock()?;
    let net = bridge::resolve(store, &lock, &ec.network)?;
    let ec = EndpointConfig { network: net.name.clone(), ..ec };
    let cfg = store.container(id)?.config;
    match NetworkMode::parse(&cfg.host.network_mode)? {
        NetworkMode::Bridge => {}
        _ => {
            return Err(Error::Conflict(
                "container cannot be disconnected from host network or connected to host network".into(),
            ))
        }
    }
    if cfg.host.networks.iter().any(|n| n.network == net.name) {
        return Err(Error::Conflict(format!(
            "endpoint with name {} already exists in network {}",
            cfg.name, net.name
        )));
    }
    if net.is_default() && !ec.aliases.is_empty() {
        return Err(Error::InvalidArgument(
            "network-scoped alias is supported only for containers in user defined networks".into(),
        ));
    }
    if store.rootless && cfg.host.networks.iter().chain([&ec]).any(|n| n.network == DEFAULT_NETWORK) {
        return Err(Error::Network(
            "rootless, the default bridge network (a network stack of the container's own) cannot be combined with user-defined networks".into(),
        ));
    }
    let mut state = None;
    if let Some(ns) = ns {
        let mut st = store.net_state(&lock)?;
        let slot = (0..).find(|s| !st.endpoints_of(id).any(|e| e.ifname == format!("eth{s}"))).unwrap_or(0);
        let mut attach = || bridge::attach(store, &lock, &mut st, &cfg, &ec, slot, ns);
        if store.rootless {
            rootless::in_shared(store, attach)?;
        } else {
            attach()?;
        }
        store.save_net_state(&lock, &st)?;
        state = Some(st);
    }
    store.update_container_config(id, |c| {
        c.host.networks.push(ec.clone());
        Ok(())
    })?;
    if let Some(st) = state {
        refresh_hosts(store, &st, id);
    }
    Ok(())
}

/// `network disconnect`.
pub fn disconnect(store: &Store, id: &str, network: &str, ns: Option<&File>) -> Result<()> {
    let lock = store.network_lock()?;
    let net = bridge::resolve(store, &lock, network)?;
    let cfg = store.container(id)?.config;
    if !cfg.host.networks.iter().any(|n| n.network == net.name) {
        return Err(Error::Conflict(format!(
            "container {} is not connected to network {}",
            cfg.id, net.name
        )));
    }
    let mut state = store.net_state(&lock)?;
    if ns.is_some() {
        let mut detach = || bridge::detach(&mut state, id, &net.id, ns);
        if store.rootless {
            rootless::in_shared(store, detach)?;
        } else {
            detach()?;
        }
        store.save_net_state(&lock, &state)?;
    }
    store.update_container_config(id, |c| {
        c.host.networks.retain(|n| n.network != net.name);
        if c.host.networks.is_empty() {
            // Docker leaves such a container with no network at all.
            c.host.network_mode = "none".into();
        } else {
            c.host.network_mode = c.host.networks[0].network.clone();
        }
        Ok(())
    })?;
    let _ = write_hosts(store, &state, id);
    refresh_networks(store, &state, std::slice::from_ref(&net.id));
    Ok(())
}

/// Options of `network create`.
#[derive(Debug, Clone, Default)]
pub struct CreateNetwork {
    pub name: String,
    pub driver: String,
    pub subnet: Option<String>,
    pub gateway: Option<String>,
    pub ip_range: Option<String>,
    pub internal: bool,
    pub labels: std::collections::BTreeMap<String, String>,
    pub options: std::collections::BTreeMap<String, String>,
}

pub fn create_network(store: &Store, opts: &CreateNetwork) -> Result<NetworkRecord> {
    if !matches!(opts.driver.as_str(), "" | "bridge") {
        return Err(Error::InvalidArgument(format!(
            "plugin \"{}\" not found: rdock offers the bridge driver",
            opts.driver
        )));
    }
    if !crate::storage::networks::valid_name(&opts.name) {
        return Err(Error::InvalidArgument(format!("invalid network name {:?}", opts.name)));
    }
    if matches!(opts.name.as_str(), "bridge" | "host" | "none" | "default") {
        return Err(Error::Conflict(format!("{} is a pre-defined network and cannot be created", opts.name)));
    }
    let lock = store.network_lock()?;
    if store.networks()?.iter().any(|n| n.name == opts.name) {
        return Err(Error::Conflict(format!("network with name {} already exists", opts.name)));
    }
    let subnet = match &opts.subnet {
        Some(s) => {
            let s = ipam::Subnet::parse(s)?;
            if let Some(t) = store
                .networks()?
                .iter()
                .find(|n| ipam::Subnet::parse(&n.subnet).is_ok_and(|o| o.overlaps(&s)))
            {
                return Err(Error::Conflict(format!(
                    "invalid pool request: Pool overlaps with other one on this address space ({})",
                    t.name
                )));
            }
            s
        }
        None => ipam::pick_subnet(&bridge::taken_subnets(store)?)?,
    };
    let gateway = match &opts.gateway {
        Some(g) => {
            let ip: std::net::Ipv4Addr =
                g.parse().map_err(|_| Error::InvalidArgument(format!("invalid gateway address {g}")))?;
            if !subnet.contains(ip) {
                return Err(Error::InvalidArgument(format!("no matching subnet for gateway {g}")));
            }
            ip
        }
        None => subnet.nth(1),
    };
    let ip_range = match &opts.ip_range {
        Some(r) => {
            let r = ipam::Subnet::parse(r)?;
            if !subnet.contains(r.addr) || r.prefix < subnet.prefix {
                return Err(Error::InvalidArgument(format!("no matching subnet for range {r}")));
            }
            r.to_string()
        }
        None => String::new(),
    };
    let id = crate::util::random_hex(32);
    let rec = NetworkRecord {
        bridge: format!("rd-{}", &id[..12]),
        id,
        name: opts.name.clone(),
        driver: "bridge".into(),
        subnet: subnet.to_string(),
        gateway: gateway.to_string(),
        ip_range,
        internal: opts.internal,
        labels: opts.labels.clone(),
        options: opts.options.clone(),
        created: crate::util::now_rfc3339(),
    };
    if !store.rootless {
        // Made now, as Docker does, so the host's routes show the subnet taken.
        bridge::ensure_network(&rec)?;
    }
    store.save_network(&lock, &rec)?;
    Ok(rec)
}

/// Containers (any state) configured to use the network.
pub fn network_users(store: &Store, net: &NetworkRecord) -> Result<Vec<ContainerConfig>> {
    Ok(store
        .containers()?
        .into_iter()
        .map(|r| r.config)
        .filter(|c| {
            NetworkMode::parse(&c.host.network_mode).is_ok_and(|m| m == NetworkMode::Bridge)
                && c.host.networks.iter().any(|n| n.network == net.name)
        })
        .collect())
}

/// `network rm`: refused for the built-in networks and while containers use it.
pub fn remove_network(store: &Store, key: &str) -> Result<NetworkRecord> {
    if matches!(key, "bridge" | "host" | "none") {
        return Err(Error::Conflict(format!("{key} is a pre-defined network and cannot be removed")));
    }
    let lock = store.network_lock()?;
    let net = store.find_network(key)?;
    if net.is_default() {
        return Err(Error::Conflict(format!("{key} is a pre-defined network and cannot be removed")));
    }
    let users = network_users(store, &net)?;
    if !users.is_empty() {
        return Err(Error::Conflict(format!(
            "error while removing network: network {} id {} has active endpoints ({})",
            net.name,
            net.id,
            users.iter().map(|c| c.name.as_str()).collect::<Vec<_>>().join(", ")
        )));
    }
    let errors = if !store.rootless {
        bridge::remove(&net)
    } else {
        // Without the shared namespace the bridge is gone already.
        rootless::in_shared(store, || Ok(bridge::remove(&net))).unwrap_or_default()
    };
    store.remove_network_record(&lock, &net.id)?;
    match errors.into_iter().next() {
        Some(e) => Err(e),
        None => Ok(net),
    }
}

/// `system reset`, once no container is left: every user-defined network goes,
/// and rootless the shared namespace's helpers. Goes on past errors.
pub fn reset(store: &Store) -> Vec<Error> {
    let mut errors = Vec::new();
    for net in store.networks().unwrap_or_default().into_iter().filter(|n| !n.is_default()) {
        if let Err(e) = remove_network(store, &net.id) {
            errors.push(e);
        }
    }
    if store.rootless {
        let saved = store.network_lock().and_then(|lock| {
            let mut state = store.net_state(&lock)?;
            rootless::stop_shared_helpers(&mut state);
            store.save_net_state(&lock, &state)
        });
        errors.extend(saved.err());
    }
    errors
}

const HOSTS_BASE: &str = "127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\nfe00::0\tip6-localnet\nff00::0\tip6-mcastprefix\nff02::1\tip6-allnodes\nff02::2\tip6-allrouters\n";

/// Writes hosts, hostname and resolv.conf into `dir` for bind-mounting, before
/// the container starts; [`setup`] rewrites hosts once addresses are known.
pub fn write_etc_files(store: &Store, dir: &Path, cfg: &ContainerConfig) -> Result<()> {
    let mode = NetworkMode::parse(&cfg.host.network_mode)?;
    if let NetworkMode::Container(other) = &mode {
        // The files of the container whose network this one shares, as Docker does.
        let theirs = store.find_container(other)?;
        for name in ["hosts", "hostname", "resolv.conf"] {
            let from = store.container_dir(&theirs.config.id).join(name);
            std::fs::copy(&from, dir.join(name)).ctx(|| format!("copying {}", from.display()))?;
        }
        return Ok(());
    }
    let hosts = hosts_file(store, cfg, &NetState::default());
    let hostname = if mode == NetworkMode::Host { host_hostname() } else { cfg.hostname.clone() };
    let host_resolv = std::fs::read_to_string("/etc/resolv.conf").unwrap_or_default();
    let resolv = resolv_conf(&mode, &host_resolv, cfg);
    for (name, content) in [("hosts", hosts), ("hostname", format!("{hostname}\n")), ("resolv.conf", resolv)]
    {
        // Only the supervisor writes these, before the container starts, and
        // rewrites them at every start: no need to sync them.
        let path = dir.join(name);
        std::fs::write(&path, content).map_err(|e| Error::io(format!("writing {}", path.display()), e))?;
    }
    Ok(())
}

pub fn host_hostname() -> String {
    nix::unistd::gethostname()
        .map(|h| h.to_string_lossy().into_owned())
        .unwrap_or_else(|_| "localhost".into())
}

/// The host's resolv.conf with `--dns`, `--dns-search` and `--dns-option`
/// applied; in a namespace of its own loopback resolvers cannot be reached, so
/// they are dropped (falling back to public ones, as Docker does).
pub fn resolv_conf(mode: &NetworkMode, host: &str, cfg: &ContainerConfig) -> String {
    let h = &cfg.host;
    let mut out = String::new();
    let mut servers = 0;
    for line in host.lines() {
        let mut fields = line.split_whitespace();
        let key = fields.next();
        match key {
            Some("nameserver") => {
                let addr = fields.next().unwrap_or("");
                let ip = addr.split('%').next().unwrap_or(addr);
                let loopback = ip.parse::<std::net::IpAddr>().map(|a| a.is_loopback()).unwrap_or(false);
                if !h.dns.is_empty() || (loopback && *mode != NetworkMode::Host) {
                    continue;
                }
                servers += 1;
            }
            Some("search" | "domain") if !h.dns_search.is_empty() => continue,
            Some("options") if !h.dns_options.is_empty() => continue,
            _ => {}
        }
        out.push_str(line);
        out.push('\n');
    }
    if !h.dns_search.is_empty() {
        out.push_str(&format!("search {}\n", h.dns_search.join(" ")));
    }
    for d in &h.dns {
        out.push_str(&format!("nameserver {d}\n"));
        servers += 1;
    }
    if !h.dns_options.is_empty() {
        out.push_str(&format!("options {}\n", h.dns_options.join(" ")));
    }
    if servers == 0 {
        out.push_str("nameserver 8.8.8.8\nnameserver 8.8.4.4\n");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn resolv_drops_loopback() {
        let host = "search lan\nnameserver 127.0.0.53\nnameserver 10.0.0.1\noptions edns0\n";
        let cfg = ContainerConfig::default();
        assert_eq!(
            resolv_conf(&NetworkMode::Bridge, host, &cfg),
            "search lan\nnameserver 10.0.0.1\noptions edns0\n"
        );
        assert!(resolv_conf(&NetworkMode::Bridge, "nameserver 127.0.0.1\n", &cfg).contains("8.8.8.8"));
        assert_eq!(resolv_conf(&NetworkMode::Host, host, &cfg), host);
        let mut cfg = ContainerConfig::default();
        cfg.host.dns = vec!["10.9.9.9".into()];
        cfg.host.dns_search = vec!["example.test".into()];
        assert_eq!(
            resolv_conf(&NetworkMode::Bridge, host, &cfg),
            "options edns0\nsearch example.test\nnameserver 10.9.9.9\n"
        );
    }

    #[test]
    fn modes() {
        assert_eq!(NetworkMode::parse("none").unwrap(), NetworkMode::None);
        assert_eq!(NetworkMode::parse("bridge").unwrap(), NetworkMode::Bridge);
        assert_eq!(NetworkMode::parse("mynet").unwrap(), NetworkMode::Bridge);
        assert_eq!(NetworkMode::parse("container:db").unwrap(), NetworkMode::Container("db".into()));
        assert!(NetworkMode::parse("container:").is_err());
    }
}

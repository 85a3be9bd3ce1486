//! The bridge driver, as root: a Linux bridge per network, a veth pair per
//! container and network, addresses from [`ipam`], NAT and published ports
//! from [`firewall`]. Name resolution on user-defined networks is through each
//! container's /etc/hosts, rewritten whenever a peer comes or goes.

use std::collections::HashSet;
use std::fs::File;
use std::net::Ipv4Addr;

use super::ipam::{self, Subnet};
use super::netlink::{self, InsideConfig};
use super::{firewall, ports};
use crate::error::{Error, Result};
use crate::storage::containers::{ContainerConfig, EndpointConfig};
use crate::storage::networks::{Endpoint, NetLock, NetState, NetworkRecord, PublishedPort, DEFAULT_NETWORK};
use crate::storage::Store;

/// The default network's bridge, as docker0 is Docker's.
pub const DEFAULT_BRIDGE: &str = "rdock0";

/// Subnets a new network must not overlap: the host's routes (rootless too:
/// pasta copies the host's addresses into the shared namespace) and other networks.
pub fn taken_subnets(store: &Store) -> Result<Vec<Subnet>> {
    let mut taken = netlink::host_subnets()?;
    for n in store.networks()? {
        if let Ok(s) = Subnet::parse(&n.subnet) {
            taken.push(s);
        }
    }
    Ok(taken)
}

/// The `bridge` network's record, made on first use.
pub fn default_network(store: &Store, lock: &NetLock) -> Result<NetworkRecord> {
    if let Some(n) = store.networks()?.into_iter().find(|n| n.is_default()) {
        return Ok(n);
    }
    // Another store's containers may use the bridge already: keep its subnet.
    let (subnet, gateway) = match netlink::link_ipv4(DEFAULT_BRIDGE)? {
        Some((gw, prefix)) => (Subnet::new(gw, prefix), gw),
        None => {
            let s = ipam::pick_subnet(&taken_subnets(store)?)?;
            (s, s.nth(1))
        }
    };
    let rec = NetworkRecord {
        id: crate::util::random_hex(32),
        name: DEFAULT_NETWORK.into(),
        driver: "bridge".into(),
        subnet: subnet.to_string(),
        gateway: gateway.to_string(),
        created: crate::util::now_rfc3339(),
        bridge: DEFAULT_BRIDGE.into(),
        options: [("com.docker.network.bridge.default_bridge".to_string(), "true".to_string())].into(),
        ..Default::default()
    };
    store.save_network(lock, &rec)?;
    Ok(rec)
}

/// A network by name or id; `bridge` is made if missing.
pub fn resolve(store: &Store, lock: &NetLock, key: &str) -> Result<NetworkRecord> {
    if key == DEFAULT_NETWORK {
        return default_network(store, lock);
    }
    store.find_network(key)
}

fn parse_net(net: &NetworkRecord) -> Result<(Subnet, Ipv4Addr, Option<Subnet>)> {
    let subnet = Subnet::parse(&net.subnet)?;
    let gw: Ipv4Addr = net
        .gateway
        .parse()
        .map_err(|_| Error::Network(format!("network {} has a bad gateway {:?}", net.name, net.gateway)))?;
    let range = if net.ip_range.is_empty() { None } else { Some(Subnet::parse(&net.ip_range)?) };
    Ok((subnet, gw, range))
}

/// The bridge and its rules, made if missing (at create, first use, or after a reboot).
pub fn ensure_network(net: &NetworkRecord) -> Result<()> {
    let (subnet, gw, _) = parse_net(net)?;
    if netlink::ensure_bridge(&net.bridge, gw, subnet.prefix)? {
        firewall::add_network(net)?;
    }
    Ok(())
}

/// An address on `net` for a container: the one asked for, or the next free one.
fn address_for(net: &NetworkRecord, state: &mut NetState, want: &str) -> Result<Ipv4Addr> {
    let (subnet, gw, range) = parse_net(net)?;
    // Leases of containers whose store vanished without teardown (their veth
    // went with their namespace) are free again.
    let links = netlink::link_names()?;
    state.endpoints.retain(|e| e.bridge != net.bridge || links.contains(&e.host_veth));
    let used: HashSet<Ipv4Addr> =
        state.endpoints.iter().filter(|e| e.bridge == net.bridge).filter_map(|e| e.ip.parse().ok()).collect();
    if want.is_empty() {
        return ipam::allocate(subnet, range, gw, &used);
    }
    let ip: Ipv4Addr =
        want.parse().map_err(|_| Error::InvalidArgument(format!("invalid IPv4 address: {want}")))?;
    if !subnet.contains(ip) || ip == gw || ip == subnet.addr || ip == subnet.broadcast() {
        return Err(Error::InvalidArgument(format!(
            "no configured subnet or ip-range contain the IP address {ip}"
        )));
    }
    if used.contains(&ip) {
        return Err(Error::Conflict(format!("Address already in use: {ip} on network {}", net.name)));
    }
    Ok(ip)
}

fn veth_names(container_id: &str, slot: usize) -> (String, String) {
    (format!("rd{}{slot:x}", &container_id[..10]), format!("rp{}{slot:x}", &container_id[..10]))
}

/// Joins the container (whose network namespace is `ns`) to one network as
/// interface `eth{slot}`; the default route goes through the first.
pub fn attach(
    store: &Store,
    lock: &NetLock,
    state: &mut NetState,
    cfg: &ContainerConfig,
    ec: &EndpointConfig,
    slot: usize,
    ns: &File,
) -> Result<Endpoint> {
    let net = resolve(store, lock, &ec.network)?;
    if state.endpoints_of(&cfg.id).any(|e| e.network_id == net.id) {
        return Err(Error::Conflict(format!(
            "endpoint with name {} already exists in network {}",
            cfg.name, net.name
        )));
    }
    ensure_network(&net)?;
    let (subnet, gw, _) = parse_net(&net)?;
    let ip = address_for(&net, state, &ec.ip)?;
    let mac_text = if ec.mac.is_empty() { ipam::mac_for(ip) } else { ec.mac.clone() };
    let mac = ipam::parse_mac(&mac_text)?;
    let (host, peer) = veth_names(&cfg.id, slot);
    netlink::delete_link(&host)?;
    netlink::add_veth(&host, &peer, &net.bridge, ns)?;
    let inside = InsideConfig {
        from: peer,
        ifname: format!("eth{slot}"),
        mac,
        ip,
        prefix: subnet.prefix,
        gateway: (slot == 0 && !net.internal).then_some(gw),
        link_local: ec.link_local_ips.iter().filter_map(|ip| ip.parse().ok()).collect(),
    };
    if let Err(e) = netlink::configure_inside(ns, vec![inside]) {
        let _ = netlink::delete_link(&host);
        return Err(e);
    }
    let ep = Endpoint {
        container_id: cfg.id.clone(),
        container_name: cfg.name.clone(),
        network_id: net.id.clone(),
        aliases: ec.aliases.clone(),
        ip: ip.to_string(),
        prefix: subnet.prefix,
        gateway: if net.internal { String::new() } else { gw.to_string() },
        mac: mac_text,
        host_veth: host,
        bridge: net.bridge.clone(),
        ifname: format!("eth{slot}"),
    };
    state.endpoints.push(ep.clone());
    Ok(ep)
}

/// Loopback up, then every network of the container. On failure what was
/// done is undone by the caller's teardown.
pub fn attach_all(
    store: &Store,
    lock: &NetLock,
    state: &mut NetState,
    cfg: &ContainerConfig,
    ns: &File,
) -> Result<()> {
    netlink::loopback_up(ns)?;
    for (slot, ec) in cfg.host.networks.iter().enumerate() {
        attach(store, lock, state, cfg, ec, slot, ns)?;
    }
    Ok(())
}

/// The container's ports, bound to its address on its first network.
pub fn allocate_ports(state: &NetState, cfg: &ContainerConfig) -> Result<Vec<PublishedPort>> {
    if cfg.host.port_bindings.is_empty() {
        return Ok(Vec::new());
    }
    let ip = state
        .endpoints_of(&cfg.id)
        .next()
        .map(|e| e.ip.clone())
        .ok_or_else(|| Error::InvalidArgument("published ports need a bridge network".into()))?;
    ports::allocate(&cfg.id, &ip, &cfg.host.port_bindings, &state.ports)
}

/// Every network of the container, then its published ports (DNAT rules).
pub fn setup(
    store: &Store,
    lock: &NetLock,
    state: &mut NetState,
    cfg: &ContainerConfig,
    ns: &File,
) -> Result<()> {
    attach_all(store, lock, state, cfg, ns)?;
    let published = allocate_ports(state, cfg)?;
    firewall::add_ports(&published)?;
    state.ports.extend(published);
    Ok(())
}

/// Removes the container's interfaces and rules (the caller drops its
/// records); goes on past errors and returns all of them.
pub fn teardown(state: &NetState, id: &str) -> Vec<Error> {
    let mut errors = Vec::new();
    if state.ports_of(id).next().is_some() {
        if let Err(e) = firewall::remove_container(id) {
            errors.push(e);
        }
    }
    errors.extend(delete_veths(state, id));
    errors
}

/// The host sides of the container's veth pairs.
pub fn delete_veths(state: &NetState, id: &str) -> Vec<Error> {
    state
        .endpoints_of(id)
        .filter(|ep| !ep.host_veth.is_empty())
        .filter_map(|ep| netlink::delete_link(&ep.host_veth).err())
        .collect()
}

/// Takes one network off a running container (`network disconnect`).
pub fn detach(state: &mut NetState, id: &str, network_id: &str, ns: Option<&File>) -> Result<()> {
    let Some(pos) = state.endpoints.iter().position(|e| e.container_id == id && e.network_id == network_id)
    else {
        return Ok(());
    };
    let ep = state.endpoints.remove(pos);
    if let Some(ns) = ns {
        netlink::delete_inside(ns, &ep.ifname)?;
    }
    netlink::delete_link(&ep.host_veth)
}

/// Removes a network's bridge and rules (`network rm`).
pub fn remove(net: &NetworkRecord) -> Vec<Error> {
    let mut errors = Vec::new();
    if let Err(e) = firewall::remove_network(&net.id) {
        errors.push(e);
    }
    if let Err(e) = netlink::delete_link(&net.bridge) {
        errors.push(e);
    }
    errors
}

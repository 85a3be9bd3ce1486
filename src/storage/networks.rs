//! Network records (`networks/ID.json` under the root, surviving reboots) and
//! the runtime attachments of running containers (`networks.json` under the
//! runroot: addresses, interfaces, published ports), both under one lock.

use std::collections::BTreeMap;
use std::path::PathBuf;

use serde::{Deserialize, Serialize};

use super::lock::FileLock;
use super::{atomic, Store};
use crate::error::{Error, IoContext, Result};

/// Root's host-wide network runtime state.
pub const HOST_NET_DIR: &str = "/run/rdock-net";

/// The default network's name, as Docker calls it.
pub const DEFAULT_NETWORK: &str = "bridge";

#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
#[serde(default)]
pub struct NetworkRecord {
    pub id: String,
    pub name: String,
    /// `bridge` (the only driver that makes records; host and none are built in).
    pub driver: String,
    /// CIDR, e.g. `172.18.0.0/16`.
    pub subnet: String,
    pub gateway: String,
    /// The part of the subnet to allocate from (CIDR), or empty for all of it.
    pub ip_range: String,
    /// No route to the outside.
    pub internal: bool,
    pub labels: BTreeMap<String, String>,
    pub options: BTreeMap<String, String>,
    pub created: String,
    /// The Linux bridge's name.
    pub bridge: String,
}

impl NetworkRecord {
    pub fn is_default(&self) -> bool {
        self.name == DEFAULT_NETWORK
    }
}

/// A running container's place on one network.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
#[serde(default)]
pub struct Endpoint {
    pub container_id: String,
    pub container_name: String,
    pub network_id: String,
    pub aliases: Vec<String>,
    pub ip: String,
    pub prefix: u8,
    pub gateway: String,
    pub mac: String,
    /// The host side of the veth pair (empty for rootless drivers).
    pub host_veth: String,
    /// The bridge it hangs on: addresses are leased per bridge, which stores share.
    pub bridge: String,
    /// The interface inside the container (eth0, eth1, ...).
    pub ifname: String,
}

/// A host port forwarded to a running container.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
#[serde(default)]
pub struct PublishedPort {
    pub container_id: String,
    pub host_ip: String,
    pub host_port: u16,
    pub container_port: u16,
    pub proto: String,
    pub container_ip: String,
}

/// Everything the network drivers keep while containers run.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct NetState {
    pub endpoints: Vec<Endpoint>,
    pub ports: Vec<PublishedPort>,
    /// Rootless helpers (pasta, slirp4netns) by container id.
    pub helpers: BTreeMap<String, i32>,
}

impl NetState {
    pub fn endpoints_of<'a>(&'a self, container: &'a str) -> impl Iterator<Item = &'a Endpoint> + 'a {
        self.endpoints.iter().filter(move |e| e.container_id == container)
    }

    pub fn endpoints_on<'a>(&'a self, network: &'a str) -> impl Iterator<Item = &'a Endpoint> + 'a {
        self.endpoints.iter().filter(move |e| e.network_id == network)
    }

    pub fn ports_of<'a>(&'a self, container: &'a str) -> impl Iterator<Item = &'a PublishedPort> + 'a {
        self.ports.iter().filter(move |p| p.container_id == container)
    }
}

/// Network names follow container names' rule.
pub fn valid_name(name: &str) -> bool {
    let mut chars = name.chars();
    chars.next().is_some_and(|c| c.is_ascii_alphanumeric())
        && chars.all(|c| c.is_ascii_alphanumeric() || "_.-".contains(c))
}

/// `key` among `all` by exact name, full id, or unique id prefix.
pub fn find_in(all: &[NetworkRecord], key: &str) -> Result<NetworkRecord> {
    if let Some(n) = all.iter().find(|n| n.name == key || n.id == key) {
        return Ok(n.clone());
    }
    let matches: Vec<&NetworkRecord> = all.iter().filter(|n| n.id.starts_with(key)).collect();
    match matches.as_slice() {
        [one] => Ok((*one).clone()),
        [] => Err(Error::NoSuchNetwork(key.to_string())),
        _ => Err(Error::InvalidArgument(format!(
            "network {key} is ambiguous ({} matches found based on ID prefix)",
            matches.len()
        ))),
    }
}

/// Held while network records or runtime state change.
pub struct NetLock(#[allow(dead_code)] FileLock);

impl Store {
    fn networks_dir(&self) -> PathBuf {
        self.root.join("networks")
    }

    /// Bridges, addresses and rules belong to the host, not to one store: as
    /// root, every store (each `--root`) shares this runtime state and lock.
    fn net_run_dir(&self) -> PathBuf {
        if self.rootless {
            self.runroot.clone()
        } else {
            PathBuf::from(HOST_NET_DIR)
        }
    }

    fn net_state_path(&self) -> PathBuf {
        self.net_run_dir().join("networks.json")
    }

    pub fn network_lock(&self) -> Result<NetLock> {
        std::fs::create_dir_all(self.networks_dir()).ctx(|| "creating networks dir".into())?;
        std::fs::create_dir_all(self.net_run_dir()).ctx(|| "creating network state dir".into())?;
        Ok(NetLock(FileLock::exclusive(&self.net_run_dir().join("networks.lock"))?))
    }

    pub fn networks(&self) -> Result<Vec<NetworkRecord>> {
        let mut out = Vec::new();
        let Ok(entries) = std::fs::read_dir(self.networks_dir()) else {
            return Ok(out);
        };
        for e in entries.flatten() {
            let path = e.path();
            if path.extension().is_some_and(|x| x == "json") {
                // One damaged record must not take every network down with it.
                match atomic::read_json::<NetworkRecord>(&path) {
                    Ok(rec) => out.push(rec),
                    Err(e) => eprintln!("WARNING: {e}; network ignored (remove the file to clear this)"),
                }
            }
        }
        out.sort_by(|a, b| a.created.cmp(&b.created).then(a.name.cmp(&b.name)));
        Ok(out)
    }

    /// By exact name, full id, or unique id prefix, as Docker looks networks up.
    pub fn find_network(&self, key: &str) -> Result<NetworkRecord> {
        find_in(&self.networks()?, key)
    }

    /// Writes a new record; the caller holds the network lock and checked the name.
    pub fn save_network(&self, _lock: &NetLock, rec: &NetworkRecord) -> Result<()> {
        atomic::write_json(&self.networks_dir().join(format!("{}.json", rec.id)), rec)
    }

    pub fn remove_network_record(&self, _lock: &NetLock, id: &str) -> Result<()> {
        let path = self.networks_dir().join(format!("{id}.json"));
        std::fs::remove_file(&path).ctx(|| format!("removing {}", path.display()))
    }

    pub fn net_state(&self, _lock: &NetLock) -> Result<NetState> {
        Ok(atomic::read_json_opt(&self.net_state_path())?.unwrap_or_default())
    }

    /// The runtime state for reading only (inspect, ps, port): no lock, since
    /// the file is replaced atomically.
    pub fn net_state_snapshot(&self) -> NetState {
        atomic::read_json_opt(&self.net_state_path()).ok().flatten().unwrap_or_default()
    }

    pub fn save_net_state(&self, _lock: &NetLock, state: &NetState) -> Result<()> {
        atomic::write_json(&self.net_state_path(), state)
    }
}

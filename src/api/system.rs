//! `GET /info` and `GET /version`: mirrors moby v28.2.2 (45873be4ae3f)
//! api/types/system/{info.go, runtime.go}, api/types/registry/registry.go
//! (ServiceConfig, IndexInfo), api/types/swarm/swarm.go (Info, Peer),
//! api/types/types.go (Version, ComponentVersion), as API 1.50 shapes them;
//! and the client half of `version` from docker/cli v28.2.2
//! cli/command/system/version.go (versionInfo, clientVersion).

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::{is_empty_vec, is_false, is_zero};

/// `system.Info`, then rdock's own keys (after Docker's, for templates such
/// as `{{.RunRoot}}`; clients decoding Docker's type ignore them).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase", default)]
pub struct Info {
    #[serde(rename = "ID")]
    pub id: String,
    pub containers: i64,
    pub containers_running: i64,
    pub containers_paused: i64,
    pub containers_stopped: i64,
    pub images: i64,
    pub driver: String,
    pub driver_status: Option<Vec<[String; 2]>>,
    #[serde(skip_serializing_if = "is_empty_vec")]
    pub system_status: Option<Vec<[String; 2]>>,
    pub plugins: PluginsInfo,
    pub memory_limit: bool,
    pub swap_limit: bool,
    #[serde(skip_serializing_if = "is_false")]
    pub kernel_memory: bool,
    #[serde(rename = "KernelMemoryTCP", skip_serializing_if = "is_false")]
    pub kernel_memory_tcp: bool,
    pub cpu_cfs_period: bool,
    pub cpu_cfs_quota: bool,
    #[serde(rename = "CPUShares")]
    pub cpu_shares: bool,
    #[serde(rename = "CPUSet")]
    pub cpu_set: bool,
    pub pids_limit: bool,
    #[serde(rename = "IPv4Forwarding")]
    pub ipv4_forwarding: bool,
    pub debug: bool,
    #[serde(rename = "NFd")]
    pub n_fd: i64,
    pub oom_kill_disable: bool,
    #[serde(rename = "NGoroutines")]
    pub n_goroutines: i64,
    pub system_time: String,
    pub logging_driver: String,
    pub cgroup_driver: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub cgroup_version: String,
    #[serde(rename = "NEventsListener")]
    pub n_events_listener: i64,
    pub kernel_version: String,
    pub operating_system: String,
    #[serde(rename = "OSVersion")]
    pub os_version: String,
    #[serde(rename = "OSType")]
    pub os_type: String,
    pub architecture: String,
    pub index_server_address: String,
    pub registry_config: Option<ServiceConfig>,
    #[serde(rename = "NCPU")]
    pub ncpu: i64,
    pub mem_total: i64,
    /// Swarm `GenericResource`s (none here): kept as JSON.
    pub generic_resources: Option<Vec<serde_json::Value>>,
    pub docker_root_dir: String,
    pub http_proxy: String,
    pub https_proxy: String,
    pub no_proxy: String,
    pub name: String,
    pub labels: Option<Vec<String>>,
    pub experimental_build: bool,
    pub server_version: String,
    pub runtimes: Option<BTreeMap<String, RuntimeWithStatus>>,
    pub default_runtime: String,
    pub swarm: SwarmInfo,
    pub live_restore_enabled: bool,
    pub isolation: String,
    pub init_binary: String,
    pub containerd_commit: Commit,
    pub runc_commit: Commit,
    pub init_commit: Commit,
    pub security_options: Option<Vec<String>>,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub product_license: String,
    #[serde(skip_serializing_if = "is_empty_vec")]
    pub default_address_pools: Option<Vec<NetworkAddressPool>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub firewall_backend: Option<FirewallInfo>,
    #[serde(rename = "CDISpecDirs")]
    pub cdi_spec_dirs: Option<Vec<String>>,
    #[serde(skip_serializing_if = "is_empty_vec")]
    pub discovered_devices: Option<Vec<DeviceInfo>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub containerd: Option<ContainerdInfo>,
    pub warnings: Option<Vec<String>>,
    // rdock's own.
    /// The state directory for running containers.
    pub run_root: String,
    pub rootless: bool,
    /// Rootless: the subordinate ids the store maps (null otherwise).
    #[serde(rename = "IDMappings")]
    pub id_mappings: Option<IdMappings>,
}

/// rdock's `IDMappings`: the user namespace a rootless store lives in.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct IdMappings {
    #[serde(rename = "UIDMap")]
    pub uid_map: Vec<IdMap>,
    #[serde(rename = "GIDMap")]
    pub gid_map: Vec<IdMap>,
}

/// One range of an `IDMappings` map.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct IdMap {
    #[serde(rename = "ContainerID")]
    pub container_id: u32,
    #[serde(rename = "HostID")]
    pub host_id: u32,
    #[serde(rename = "Size")]
    pub size: u32,
}

/// `system.PluginsInfo`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase", default)]
pub struct PluginsInfo {
    pub volume: Option<Vec<String>>,
    pub network: Option<Vec<String>>,
    pub authorization: Option<Vec<String>>,
    pub log: Option<Vec<String>>,
}

/// `system.RuntimeWithStatus` (`Runtime` in place).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct RuntimeWithStatus {
    #[serde(skip_serializing_if = "String::is_empty")]
    pub path: String,
    #[serde(rename = "runtimeArgs", skip_serializing_if = "is_empty_vec")]
    pub args: Option<Vec<String>>,
    #[serde(rename = "runtimeType", skip_serializing_if = "String::is_empty")]
    pub r#type: String,
    #[serde(skip_serializing_if = "super::is_empty_map")]
    pub options: Option<BTreeMap<String, serde_json::Value>>,
    #[serde(skip_serializing_if = "super::is_empty_map")]
    pub status: Option<BTreeMap<String, String>>,
}

/// `system.Commit` (`Expected` is omitted from API 1.49 on).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase", default)]
pub struct Commit {
    #[serde(rename = "ID")]
    pub id: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub expected: String,
}

/// `system.NetworkAddressPool`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase", default)]
pub struct NetworkAddressPool {
    pub base: String,
    pub size: i64,
}

/// `system.FirewallInfo`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase", default)]
pub struct FirewallInfo {
    pub driver: String,
    #[serde(skip_serializing_if = "is_empty_vec")]
    pub info: Option<Vec<[String; 2]>>,
}

/// `system.DeviceInfo`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct DeviceInfo {
    #[serde(rename = "Source")]
    pub source: String,
    #[serde(rename = "ID")]
    pub id: String,
}

/// `system.ContainerdInfo`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase", default)]
pub struct ContainerdInfo {
    #[serde(skip_serializing_if = "String::is_empty")]
    pub address: String,
    pub namespaces: ContainerdNamespaces,
}

/// `system.ContainerdNamespaces`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase", default)]
pub struct ContainerdNamespaces {
    pub containers: String,
    pub plugins: String,
}

/// `registry.ServiceConfig`. Its MarshalJSON goes through a Go map, so the
/// keys come out sorted: the fields are in that order here.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct ServiceConfig {
    #[serde(rename = "AllowNondistributableArtifactsCIDRs", skip_serializing_if = "is_empty_vec")]
    pub allow_nondistributable_artifacts_cidrs: Option<Vec<String>>,
    #[serde(rename = "AllowNondistributableArtifactsHostnames", skip_serializing_if = "is_empty_vec")]
    pub allow_nondistributable_artifacts_hostnames: Option<Vec<String>>,
    #[serde(rename = "IndexConfigs")]
    pub index_configs: Option<BTreeMap<String, IndexInfo>>,
    /// CIDRs as strings ("127.0.0.0/8").
    #[serde(rename = "InsecureRegistryCIDRs")]
    pub insecure_registry_cidrs: Option<Vec<String>>,
    #[serde(rename = "Mirrors")]
    pub mirrors: Option<Vec<String>>,
}

/// `registry.IndexInfo` (keys sorted, as its ServiceConfig marshals them).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase", default)]
pub struct IndexInfo {
    pub mirrors: Option<Vec<String>>,
    pub name: String,
    pub official: bool,
    pub secure: bool,
}

/// `swarm.Info`: rdock is never part of a swarm.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase", default)]
pub struct SwarmInfo {
    #[serde(rename = "NodeID")]
    pub node_id: String,
    pub node_addr: String,
    /// `inactive`, `pending`, `active`, `error` or `locked`.
    pub local_node_state: String,
    pub control_available: bool,
    pub error: String,
    pub remote_managers: Option<Vec<Peer>>,
    #[serde(skip_serializing_if = "is_zero")]
    pub nodes: i64,
    #[serde(skip_serializing_if = "is_zero")]
    pub managers: i64,
    /// Swarm `ClusterInfo`: kept as JSON.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cluster: Option<serde_json::Value>,
    #[serde(skip_serializing_if = "is_empty_vec")]
    pub warnings: Option<Vec<String>>,
}

/// `swarm.Peer`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase", default)]
pub struct Peer {
    #[serde(rename = "NodeID")]
    pub node_id: String,
    pub addr: String,
}

/// `types.Version`: the server's half of `version`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase", default)]
pub struct Version {
    pub platform: PlatformName,
    #[serde(skip_serializing_if = "is_empty_vec")]
    pub components: Option<Vec<ComponentVersion>>,
    pub version: String,
    #[serde(rename = "ApiVersion")]
    pub api_version: String,
    #[serde(rename = "MinAPIVersion", skip_serializing_if = "String::is_empty")]
    pub min_api_version: String,
    pub git_commit: String,
    pub go_version: String,
    pub os: String,
    pub arch: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub kernel_version: String,
    #[serde(skip_serializing_if = "is_false")]
    pub experimental: bool,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub build_time: String,
}

/// `Version.Platform` (`struct{ Name string }`; Go's omitempty cannot drop a struct).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase", default)]
pub struct PlatformName {
    pub name: String,
}

/// `types.ComponentVersion`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase", default)]
pub struct ComponentVersion {
    pub name: String,
    pub version: String,
    #[serde(skip_serializing_if = "super::is_empty_map")]
    pub details: Option<BTreeMap<String, String>>,
}

/// docker/cli's `versionInfo`: what `version --format` sees.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase", default)]
pub struct VersionInfo {
    pub client: ClientVersion,
    pub server: Option<Version>,
}

/// docker/cli's `clientVersion` (every field but `Context` omitempty).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase", default)]
pub struct ClientVersion {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub platform: Option<PlatformName>,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub version: String,
    #[serde(rename = "ApiVersion", skip_serializing_if = "String::is_empty")]
    pub api_version: String,
    #[serde(rename = "DefaultAPIVersion", skip_serializing_if = "String::is_empty")]
    pub default_api_version: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub git_commit: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub go_version: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub os: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub arch: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub build_time: String,
    pub context: String,
}

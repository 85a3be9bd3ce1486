//! Docker Engine API 1.50 objects (moby v28.2.2, commit 45873be4ae3f), as
//! typed structs the CLI prints and an API socket can serve.
//!
//! Each struct mirrors a Go type of `api/types/...`: the JSON keys are Go's
//! json names in Go's field order (embedded structs flattened in place), a Go
//! pointer, slice or map without `omitempty` is an `Option` (or a collection)
//! that prints `null`, and `skip_serializing_if` stands exactly where Go has
//! `omitempty`. Go maps marshal with sorted keys: ours are `BTreeMap`s.

pub mod container;
pub mod image;
pub mod network;
pub mod system;
pub mod volume;

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

/// The API version rdock speaks (Docker 28.2's).
pub const API_VERSION: &str = "1.50";
/// The oldest API version a Docker 28 daemon accepts.
pub const MIN_API_VERSION: &str = "1.24";
/// The Docker Engine release whose API and behaviour rdock follows: what
/// `version` and `info` report as the server's version, for clients that gate
/// features on it.
pub const ENGINE_VERSION: &str = "28.2.2";

/// `storage.DriverData` (api/types/storage/driver_data.go): a container's or
/// image's storage driver and its paths.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct DriverData {
    #[serde(rename = "Data")]
    pub data: Option<BTreeMap<String, String>>,
    #[serde(rename = "Name")]
    pub name: String,
}

/// OCI `Descriptor` (image-spec specs-go/v1/descriptor.go).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct Descriptor {
    pub media_type: String,
    pub digest: String,
    pub size: i64,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub urls: Option<Vec<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub annotations: Option<BTreeMap<String, String>>,
    /// Base64, as Go's `[]byte`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub data: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub platform: Option<Platform>,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub artifact_type: String,
}

/// OCI `Platform` (image-spec specs-go/v1/descriptor.go).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Platform {
    pub architecture: String,
    pub os: String,
    #[serde(rename = "os.version", skip_serializing_if = "String::is_empty")]
    pub os_version: String,
    #[serde(rename = "os.features", skip_serializing_if = "Option::is_none")]
    pub os_features: Option<Vec<String>>,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub variant: String,
}

/// Go's `omitempty` for a bool.
pub(crate) fn is_false(b: &bool) -> bool {
    !*b
}

/// Go's `omitempty` for a number.
pub(crate) fn is_zero<T: Default + PartialEq>(n: &T) -> bool {
    *n == T::default()
}

/// Go's `omitempty` for a slice or map behind an `Option`: nil or empty.
pub(crate) fn is_empty_vec<T>(v: &Option<Vec<T>>) -> bool {
    v.as_ref().is_none_or(Vec::is_empty)
}

pub(crate) fn is_empty_map<K, V>(m: &Option<BTreeMap<K, V>>) -> bool {
    m.as_ref().is_none_or(BTreeMap::is_empty)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What we print, we read back: flattened structs and nulls included.
    #[test]
    fn round_trips() {
        let mut c = container::InspectResponse { id: "abc".into(), size_rw: Some(5), ..Default::default() };
        let mut host = container::HostConfig { init: Some(true), ..Default::default() };
        host.resources.memory = 64 << 20;
        host.resources.pids_limit = Some(100);
        c.host_config = Some(host);
        c.network_settings = Some(container::NetworkSettings {
            base: container::NetworkSettingsBase {
                sandbox_key: "/proc/1/ns/net".into(),
                ..Default::default()
            },
            default: container::DefaultNetworkSettings {
                ip_address: "172.17.0.2".into(),
                ..Default::default()
            },
            networks: Some(BTreeMap::from([("bridge".to_string(), network::EndpointSettings::default())])),
        });
        let v = serde_json::to_value(&c).unwrap();
        assert_eq!(v["HostConfig"]["Memory"], 64 << 20);
        assert_eq!(v["NetworkSettings"]["IPAddress"], "172.17.0.2");
        assert!(v.get("SizeRootFs").is_none() && v["ExecIDs"].is_null());
        assert_eq!(serde_json::from_value::<container::InspectResponse>(v).unwrap(), c);
        let info = system::Info { warnings: Some(vec!["w".into()]), ..Default::default() };
        let v = serde_json::to_value(&info).unwrap();
        assert_eq!(serde_json::from_value::<system::Info>(v).unwrap(), info);
    }

    /// Docker's own JSON, as the Engine API sends it, is read.
    #[test]
    fn reads_docker_json() {
        let v: container::InspectResponse = serde_json::from_str(
            r#"{"Id":"x","State":{"Status":"running","Running":true,"Pid":42,"Health":{"Status":"healthy","FailingStreak":0,"Log":[]}},
               "HostConfig":{"CpuShares":2,"ConsoleSize":[24,80],"Ulimits":[{"Name":"nofile","Hard":2,"Soft":1}]},
               "Config":{"ExposedPorts":{"80/tcp":{}},"Labels":{"a":"b"}},"Unknown":1}"#,
        )
        .unwrap();
        assert_eq!(v.state.as_ref().map(|s| s.pid), Some(42));
        let h = v.host_config.unwrap();
        assert_eq!(
            (h.resources.cpu_shares, h.console_size, h.resources.ulimits.unwrap()[0].soft),
            (2, [24, 80], 1)
        );
        assert!(v.config.unwrap().exposed_ports.unwrap().contains_key("80/tcp"));
    }
}

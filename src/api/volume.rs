//! `GET /volumes/{name}`: mirrors moby v28.2.2 (45873be4ae3f)
//! api/types/volume/volume.go (Volume, UsageData).

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

/// `volume.Volume`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase", default)]
pub struct Volume {
    /// Swarm cluster volumes (not rdock's): kept as JSON.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cluster_volume: Option<serde_json::Value>,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub created_at: String,
    pub driver: String,
    pub labels: Option<BTreeMap<String, String>>,
    pub mountpoint: String,
    pub name: String,
    pub options: Option<BTreeMap<String, String>>,
    pub scope: String,
    #[serde(skip_serializing_if = "super::is_empty_map")]
    pub status: Option<BTreeMap<String, serde_json::Value>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub usage_data: Option<UsageData>,
}

/// `volume.UsageData` (`system df -v`): -1 when not computed.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase", default)]
pub struct UsageData {
    pub ref_count: i64,
    pub size: i64,
}

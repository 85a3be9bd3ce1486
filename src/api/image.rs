//! `GET /images/{name}/json`: mirrors moby v28.2.2 (45873be4ae3f)
//! api/types/image/{image_inspect.go (InspectResponse, RootFS), image.go
//! (Metadata), manifest.go (ManifestSummary)} and, for `Config` on API 1.50,
//! docker-image-spec's `DockerOCIImageConfig` (the OCI `ImageConfig` with
//! Docker's `Healthcheck`, `OnBuild` and `Shell`, every field omitempty).

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::container::{Empty, HealthConfig};
use super::{is_empty_map, is_empty_vec, is_false, is_zero, Descriptor, DriverData};

/// `image.InspectResponse` as API 1.50 shapes it (no `Container`,
/// `ContainerConfig` or `VirtualSize` any more).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase", default)]
pub struct InspectResponse {
    #[serde(rename = "Id")]
    pub id: String,
    /// `[]` rather than null (the API router sees to it).
    pub repo_tags: Vec<String>,
    pub repo_digests: Vec<String>,
    pub parent: String,
    pub comment: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub created: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub container: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub container_config: Option<super::container::Config>,
    pub docker_version: String,
    pub author: String,
    pub config: Option<ImageConfig>,
    pub architecture: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub variant: String,
    pub os: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub os_version: String,
    pub size: i64,
    #[serde(skip_serializing_if = "is_zero")]
    pub virtual_size: i64,
    pub graph_driver: DriverData,
    #[serde(rename = "RootFS")]
    pub root_fs: RootFs,
    pub metadata: Metadata,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub descriptor: Option<Descriptor>,
    #[serde(skip_serializing_if = "is_empty_vec")]
    pub manifests: Option<Vec<ManifestSummary>>,
}

/// `DockerOCIImageConfig`: how to run the image.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase", default)]
pub struct ImageConfig {
    // ocispec.ImageConfig
    #[serde(skip_serializing_if = "String::is_empty")]
    pub user: String,
    #[serde(skip_serializing_if = "is_empty_map")]
    pub exposed_ports: Option<BTreeMap<String, Empty>>,
    #[serde(skip_serializing_if = "is_empty_vec")]
    pub env: Option<Vec<String>>,
    #[serde(skip_serializing_if = "is_empty_vec")]
    pub entrypoint: Option<Vec<String>>,
    #[serde(skip_serializing_if = "is_empty_vec")]
    pub cmd: Option<Vec<String>>,
    #[serde(skip_serializing_if = "is_empty_map")]
    pub volumes: Option<BTreeMap<String, Empty>>,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub working_dir: String,
    #[serde(skip_serializing_if = "is_empty_map")]
    pub labels: Option<BTreeMap<String, String>>,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub stop_signal: String,
    #[serde(skip_serializing_if = "is_false")]
    pub args_escaped: bool,
    // DockerOCIImageConfigExt
    #[serde(skip_serializing_if = "Option::is_none")]
    pub healthcheck: Option<HealthConfig>,
    #[serde(skip_serializing_if = "is_empty_vec")]
    pub on_build: Option<Vec<String>>,
    #[serde(skip_serializing_if = "is_empty_vec")]
    pub shell: Option<Vec<String>>,
}

/// `image.RootFS`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase", default)]
pub struct RootFs {
    #[serde(skip_serializing_if = "String::is_empty")]
    pub r#type: String,
    #[serde(skip_serializing_if = "is_empty_vec")]
    pub layers: Option<Vec<String>>,
}

/// `image.Metadata`. Go's omitempty never drops a `time.Time`: a zero
/// time prints as `0001-01-01T00:00:00Z`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase", default)]
pub struct Metadata {
    pub last_tag_time: String,
}

/// `image.ManifestSummary` (`--manifests` on a containerd store; rdock's
/// images have one platform): kept as JSON.
pub type ManifestSummary = serde_json::Value;

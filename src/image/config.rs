//! The image configuration (OCI and Docker share this JSON shape) and manifests.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

pub const MT_OCI_MANIFEST: &str = "application/vnd.oci.image.manifest.v1+json";
pub const MT_OCI_CONFIG: &str = "application/vnd.oci.image.config.v1+json";
pub const MT_DOCKER_CONFIG: &str = "application/vnd.docker.container.image.v1+json";
pub const MT_OCI_INDEX: &str = "application/vnd.oci.image.index.v1+json";
pub const MT_DOCKER_MANIFEST: &str = "application/vnd.docker.distribution.manifest.v2+json";
pub const MT_DOCKER_LIST: &str = "application/vnd.docker.distribution.manifest.list.v2+json";
pub const MT_OCI_LAYER_GZIP: &str = "application/vnd.oci.image.layer.v1.tar+gzip";
pub const MT_OCI_LAYER: &str = "application/vnd.oci.image.layer.v1.tar";
pub const MT_OCI_LAYER_ZSTD: &str = "application/vnd.oci.image.layer.v1.tar+zstd";
pub const MT_DOCKER_LAYER_GZIP: &str = "application/vnd.docker.image.rootfs.diff.tar.gzip";
pub const MT_DOCKER_FOREIGN_LAYER: &str = "application/vnd.docker.image.rootfs.foreign.diff.tar.gzip";

/// The part of the config that says how to run the image (Docker's `Config`).
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase", default)]
pub struct RunConfig {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub user: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub exposed_ports: Option<BTreeMap<String, serde_json::Value>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub env: Option<Vec<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub entrypoint: Option<Vec<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cmd: Option<Vec<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub volumes: Option<BTreeMap<String, serde_json::Value>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub working_dir: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub labels: Option<BTreeMap<String, String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub stop_signal: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub on_build: Option<Vec<String>>,
    /// Fields rdock does not use (Healthcheck, ArgsEscaped, …), kept as they are.
    #[serde(flatten)]
    pub extra: BTreeMap<String, serde_json::Value>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct RootFs {
    #[serde(rename = "type")]
    pub typ: String,
    pub diff_ids: Vec<String>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct History {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub created: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub created_by: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub comment: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub author: Option<String>,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub empty_layer: bool,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct ImageConfig {
    pub architecture: String,
    pub os: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub variant: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub created: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub author: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub comment: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub docker_version: Option<String>,
    pub config: RunConfig,
    pub rootfs: RootFs,
    pub history: Vec<History>,
    /// Fields rdock does not use, kept as they are.
    #[serde(flatten)]
    pub extra: BTreeMap<String, serde_json::Value>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct Platform {
    pub architecture: String,
    pub os: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub variant: Option<String>,
    #[serde(rename = "os.version", skip_serializing_if = "Option::is_none")]
    pub os_version: Option<String>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct Descriptor {
    pub media_type: String,
    pub digest: String,
    pub size: u64,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub platform: Option<Platform>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub urls: Option<Vec<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub annotations: Option<BTreeMap<String, String>>,
}

/// An image manifest or an index (manifest list): the JSON shapes differ, and some
/// tools omit `mediaType`, so we tell them apart by their fields.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct AnyManifest {
    pub schema_version: u32,
    pub media_type: Option<String>,
    pub config: Option<Descriptor>,
    pub layers: Option<Vec<Descriptor>>,
    pub manifests: Option<Vec<Descriptor>>,
}

impl AnyManifest {
    pub fn is_index(&self) -> bool {
        self.manifests.is_some()
            || matches!(self.media_type.as_deref(), Some(MT_OCI_INDEX) | Some(MT_DOCKER_LIST))
    }
}

/// The platform rdock runs on, in OCI terms.
pub fn host_platform() -> Platform {
    let arch = match std::env::consts::ARCH {
        "x86_64" => "amd64",
        "aarch64" => "arm64",
        "x86" => "386",
        "powerpc64" => "ppc64le",
        other => other,
    };
    let variant = match arch {
        "arm64" => Some("v8".to_string()),
        _ => None,
    };
    Platform { architecture: arch.into(), os: "linux".into(), variant, os_version: None }
}

/// Parses `os/arch[/variant]` as `--platform` takes it.
pub fn parse_platform(s: &str) -> crate::Result<Platform> {
    let parts: Vec<&str> = s.split('/').collect();
    let bad = || crate::Error::InvalidArgument(format!("invalid platform {s:?}: expected os/arch[/variant]"));
    match parts.as_slice() {
        [os, arch] if !os.is_empty() && !arch.is_empty() => Ok(Platform {
            os: os.to_string(),
            architecture: arch.to_string(),
            variant: None,
            os_version: None,
        }),
        [os, arch, variant] if !os.is_empty() && !arch.is_empty() && !variant.is_empty() => Ok(Platform {
            os: os.to_string(),
            architecture: arch.to_string(),
            variant: Some(variant.to_string()),
            os_version: None,
        }),
        _ => Err(bad()),
    }
}

impl Platform {
    /// Whether an index entry for `other` can run where `self` is wanted; a wanted
    /// variant must match, an unspecified one accepts any.
    pub fn matches(&self, other: &Platform) -> bool {
        self.os == other.os
            && self.architecture == other.architecture
            && match (&self.variant, &other.variant) {
                (Some(a), Some(b)) => a == b,
                (Some(_), None) => self.architecture == "arm64",
                _ => true,
            }
    }
}

impl std::fmt::Display for Platform {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}/{}", self.os, self.architecture)?;
        if let Some(v) = &self.variant {
            write!(f, "/{v}")?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod prop {
    use super::*;
    use crate::prop::Rng;

    const KEYS: &[&str] = &[
        "architecture",
        "os",
        "variant",
        "config",
        "rootfs",
        "diff_ids",
        "type",
        "history",
        "empty_layer",
        "Env",
        "Cmd",
        "Entrypoint",
        "Labels",
        "ExposedPorts",
        "Volumes",
        "User",
        "Healthcheck",
        "schemaVersion",
        "mediaType",
        "manifests",
        "layers",
        "digest",
        "size",
        "platform",
        "os.version",
        "urls",
        "annotations",
    ];

    /// A JSON value shaped like the registry's documents, often of the wrong type.
    fn value(rng: &mut Rng, depth: usize) -> serde_json::Value {
        use serde_json::Value as V;
        match rng.below(if depth == 0 { 5 } else { 7 }) {
            0 => V::Null,
            1 => V::Bool(rng.below(2) == 0),
            2 => serde_json::json!(rng.next_u64() as i64 >> rng.below(64)),
            3 => V::String(rng.string("ab/:é\u{0}", 6)),
            4 => serde_json::json!(-1.5),
            5 => V::Array((0..rng.below(4)).map(|_| value(rng, depth - 1)).collect()),
            _ => V::Object(
                (0..rng.below(5)).map(|_| (rng.pick(KEYS).to_string(), value(rng, depth - 1))).collect(),
            ),
        }
    }

    #[test]
    fn documents_read_or_refuse() {
        let mut rng = Rng::new(4);
        for _ in 0..5_000 {
            let text = value(&mut rng, 4).to_string();
            if let Ok(c) = serde_json::from_str::<ImageConfig>(&text) {
                let bytes = serde_json::to_vec(&c).unwrap();
                let back: ImageConfig = serde_json::from_slice(&bytes).unwrap();
                assert_eq!(serde_json::to_vec(&back).unwrap(), bytes, "{text}");
            }
            if let Ok(m) = serde_json::from_str::<AnyManifest>(&text) {
                let _ = m.is_index();
                for p in m.manifests.iter().flatten().filter_map(|d| d.platform.as_ref()) {
                    let _ = host_platform().matches(p);
                }
            }
            // Truncated documents are refused, not a panic.
            let cut = rng.below(text.len() + 1);
            if text.is_char_boundary(cut) {
                let _ = serde_json::from_str::<ImageConfig>(&text[..cut]);
                let _ = serde_json::from_str::<AnyManifest>(&text[..cut]);
            }
        }
    }

    #[test]
    fn platforms_print_back() {
        let mut rng = Rng::new(5);
        for _ in 0..5_000 {
            let s = rng.tokens(&["linux", "amd64", "arm64", "v8", "/", "/", ""], 5);
            if let Ok(p) = parse_platform(&s) {
                assert_eq!(parse_platform(&p.to_string()).unwrap().to_string(), p.to_string(), "{s:?}");
                assert!(p.matches(&p), "{s:?}");
            }
        }
    }
}

//! rdock's own configuration: `config.toml` in the configuration directory
//! (`/etc/rdock`, or `$XDG_CONFIG_HOME/rdock` for a user; `RDOCK_CONFIG_DIR`
//! overrides).
//!
//! ```toml
//! insecure-registries = ["registry.lan:5000"]   # plain HTTP / unverified TLS allowed
//! registry-mirrors = ["https://mirror.lan"]      # tried first for docker.io
//! max-layer-size = "32GiB"                       # unpacked size a layer may reach
//! registry-connect-timeout = "30s"               # to open a connection
//! registry-read-timeout = "60s"                  # longest silence in a response
//! registry-min-speed = "1KiB"                    # bytes/s a manifest, config or token
//! registry-min-speed-time = "10s"                #   must average over each such span
//! registry-retries = 3                           # after a transient failure
//! registry-retry-delay = "500ms"                 # the first back-off; it doubles
//! ```

use std::path::{Path, PathBuf};
use std::time::Duration;

use serde::Deserialize;

use crate::error::{Error, Result};

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "kebab-case", default, deny_unknown_fields)]
pub struct Config {
    pub insecure_registries: Vec<String>,
    pub registry_mirrors: Vec<String>,
    pub max_layer_size: Option<String>,
    pub registry_connect_timeout: Option<String>,
    pub registry_read_timeout: Option<String>,
    pub registry_min_speed: Option<String>,
    pub registry_min_speed_time: Option<String>,
    pub registry_retries: Option<u32>,
    pub registry_retry_delay: Option<String>,
}

/// Unpacked bytes a layer may hold unless configured otherwise.
pub const DEFAULT_MAX_LAYER_SIZE: u64 = 32 << 30;

impl Config {
    /// Reads `config.toml` from the configuration directory; absent means defaults.
    pub fn load() -> Result<Config> {
        let path = dir().join("config.toml");
        match std::fs::read_to_string(&path) {
            Ok(text) => {
                Config::parse(&text).map_err(|e| Error::InvalidArgument(format!("{}: {e}", path.display())))
            }
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(Config::default()),
            Err(e) => Err(Error::io(format!("reading {}", path.display()), e)),
        }
    }

    /// Parses the text of a `config.toml`.
    pub fn parse(text: &str) -> Result<Config> {
        toml::from_str(text).map_err(|e: toml::de::Error| Error::InvalidArgument(e.message().to_string()))
    }

    pub fn max_layer_size(&self) -> Result<u64> {
        match &self.max_layer_size {
            Some(s) => crate::format::parse_bytes(s).map(|n| n as u64),
            None => Ok(DEFAULT_MAX_LAYER_SIZE),
        }
    }
}

/// Parses a Go-style duration (`30s`, `1m30s`, `250ms`) from config.toml's `key`,
/// `default` when unset.
pub fn duration(key: &str, value: &Option<String>, default: Duration) -> Result<Duration> {
    let Some(s) = value else { return Ok(default) };
    crate::runtime::logs::parse_duration(s)
        .and_then(|d| d.to_std().ok())
        .filter(|d| !d.is_zero())
        .ok_or_else(|| Error::InvalidArgument(format!("config.toml: {key}: invalid duration {s:?}")))
}

/// The configuration directory: `RDOCK_CONFIG_DIR`, else `/etc/rdock` for root,
/// else `$XDG_CONFIG_HOME/rdock`.
pub fn dir() -> PathBuf {
    if let Some(d) = std::env::var_os("RDOCK_CONFIG_DIR").map(PathBuf::from).filter(|p| p.is_absolute()) {
        return d;
    }
    if nix::unistd::getuid().is_root() {
        return PathBuf::from("/etc/rdock");
    }
    xdg_config_home().join("rdock")
}

fn xdg_config_home() -> PathBuf {
    let home = std::env::var_os("HOME").map(PathBuf::from).unwrap_or_else(|| PathBuf::from("/"));
    std::env::var_os("XDG_CONFIG_HOME")
        .map(PathBuf::from)
        .filter(|p| p.is_absolute())
        .unwrap_or_else(|| home.join(".config"))
}

/// Where TLS material for `host[:port]` lives: ours, then Docker's.
pub fn certs_dirs(host: &str) -> Vec<PathBuf> {
    let mut dirs = vec![dir().join("certs.d").join(host)];
    if nix::unistd::getuid().is_root() {
        dirs.push(Path::new("/etc/docker/certs.d").join(host));
    } else {
        dirs.push(xdg_config_home().join("docker/certs.d").join(host));
    }
    dirs
}

/// Docker's client configuration file: `$DOCKER_CONFIG/config.json` or
/// `~/.docker/config.json`.
pub fn docker_config_path() -> PathBuf {
    match std::env::var_os("DOCKER_CONFIG").map(PathBuf::from) {
        Some(d) => d.join("config.json"),
        None => {
            let home = std::env::var_os("HOME").map(PathBuf::from).unwrap_or_else(|| PathBuf::from("/"));
            home.join(".docker/config.json")
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::prop::Rng;

    #[test]
    fn parses_config_toml() {
        let c = Config::parse(
            "insecure-registries = [\"registry.lan:5000\"]\nregistry-mirrors = []\nmax-layer-size = \"1GiB\"\n",
        )
        .unwrap();
        assert_eq!(c.insecure_registries, ["registry.lan:5000"]);
        assert_eq!(c.max_layer_size().unwrap(), 1 << 30);
        assert_eq!(Config::parse("").unwrap().max_layer_size().unwrap(), DEFAULT_MAX_LAYER_SIZE);
        assert!(Config::parse("bogus = 1").is_err());
        assert!(Config::parse("max-layer-size = \"lots\"").unwrap().max_layer_size().is_err());
    }

    #[test]
    fn random_config_text_reads_or_refuses() {
        let pieces = &[
            "insecure-registries",
            "registry-mirrors",
            "max-layer-size",
            " = ",
            "=",
            "\"",
            "'",
            "[",
            "]",
            ",",
            "\n",
            "32GiB",
            "1k",
            "-1",
            "x",
            "#",
            "{",
            "}",
            "true",
            "1",
            "\"\"\"",
            "\\",
            "é",
            "[[",
            "]]",
            ".",
        ];
        let mut rng = Rng::new(12);
        for _ in 0..10_000 {
            if let Ok(c) = Config::parse(&rng.tokens(pieces, 10)) {
                let _ = c.max_layer_size();
            }
        }
    }
}

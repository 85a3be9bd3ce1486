//! Registry credentials in Docker's `config.json`: plain `auths` entries, or a
//! credential helper (`credsStore` for all registries, `credHelpers` per
//! registry) run as `docker-credential-NAME get|store|erase`. The file stays
//! readable by the real Docker CLI, and rdock reads what Docker wrote.

use std::io::Write;
use std::process::{Command, Stdio};

use base64::Engine as _;
use serde_json::{json, Map, Value};

use crate::error::{Error, Result};

/// Docker Hub's key in config.json.
pub const DOCKER_HUB: &str = "https://index.docker.io/v1/";

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Credentials {
    pub username: String,
    pub secret: String,
}

/// The key a registry has in config.json.
pub fn server_key(domain: &str) -> String {
    if domain == "docker.io" || domain == "index.docker.io" || domain == "registry-1.docker.io" {
        DOCKER_HUB.to_string()
    } else {
        domain.to_string()
    }
}

/// The registry a `login`/`logout` argument names: Docker Hub when empty,
/// scheme and path dropped otherwise.
pub fn registry_domain(server: &str) -> String {
    let s = server.trim();
    let s = s.strip_prefix("https://").or_else(|| s.strip_prefix("http://")).unwrap_or(s);
    let host = s.split('/').next().unwrap_or_default();
    match host {
        "" | "docker.io" | "index.docker.io" | "registry-1.docker.io" => {
            super::reference::DEFAULT_DOMAIN.into()
        }
        h => h.to_string(),
    }
}

fn read_config() -> Result<Value> {
    let path = crate::config::docker_config_path();
    match std::fs::read(&path) {
        Ok(data) if data.iter().all(|b| b.is_ascii_whitespace()) => Ok(json!({})),
        Ok(data) => serde_json::from_slice(&data).map_err(|e| Error::Json { path, source: e }),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(json!({})),
        Err(e) => Err(Error::io(format!("reading {}", path.display()), e)),
    }
}

fn write_config(config: &Value) -> Result<()> {
    use std::os::unix::fs::PermissionsExt;
    let path = crate::config::docker_config_path();
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).map_err(|e| Error::io(format!("creating {}", dir.display()), e))?;
    }
    let data =
        serde_json::to_vec_pretty(config).map_err(|e| Error::Json { path: path.clone(), source: e })?;
    crate::storage::atomic::write(&path, &data)?;
    let _ = std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o600));
    Ok(())
}

/// The helper in charge of `key`, if any.
fn helper_for(config: &Value, key: &str) -> Option<String> {
    config["credHelpers"][key]
        .as_str()
        .or_else(|| config["credsStore"].as_str())
        .filter(|s| !s.is_empty())
        .map(str::to_string)
}

fn run_helper(helper: &str, action: &str, input: &str) -> Result<String> {
    let program = format!("docker-credential-{helper}");
    let mut child = Command::new(&program)
        .arg(action)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| Error::Registry(format!("running {program}: {e}")))?;
    if let Some(mut stdin) = child.stdin.take() {
        let _ = stdin.write_all(input.as_bytes());
    }
    let out = child.wait_with_output().map_err(|e| Error::Registry(format!("running {program}: {e}")))?;
    let stdout = String::from_utf8_lossy(&out.stdout).trim().to_string();
    if !out.status.success() {
        let msg =
            if stdout.is_empty() { String::from_utf8_lossy(&out.stderr).trim().to_string() } else { stdout };
        return Err(Error::Registry(format!("{program} {action}: {msg}")));
    }
    Ok(stdout)
}

/// Credentials for `domain`, or `None` to go anonymous.
pub fn get(domain: &str) -> Result<Option<Credentials>> {
    let config = read_config()?;
    let key = server_key(domain);
    if let Some(helper) = helper_for(&config, &key) {
        return match run_helper(&helper, "get", &key) {
            Ok(out) => {
                let v: Value = serde_json::from_str(&out)
                    .map_err(|e| Error::Registry(format!("docker-credential-{helper}: {e}")))?;
                Ok(Some(Credentials {
                    username: v["Username"].as_str().unwrap_or_default().to_string(),
                    secret: v["Secret"].as_str().unwrap_or_default().to_string(),
                }))
            }
            // Helpers answer "credentials not found" for unknown servers.
            Err(Error::Registry(m)) if m.contains("not found") => Ok(None),
            Err(e) => Err(e),
        };
    }
    let Some(entry) = config["auths"].get(&key).or_else(|| config["auths"].get(format!("https://{key}")))
    else {
        return Ok(None);
    };
    if let Some(token) = entry["identitytoken"].as_str().filter(|t| !t.is_empty()) {
        return Ok(Some(Credentials { username: "<token>".into(), secret: token.to_string() }));
    }
    let Some(encoded) = entry["auth"].as_str().filter(|a| !a.is_empty()) else {
        return Ok(None);
    };
    let decoded = base64::engine::general_purpose::STANDARD
        .decode(encoded)
        .map_err(|_| Error::Registry(format!("invalid auth for {key} in config.json")))?;
    let text = String::from_utf8_lossy(&decoded);
    let (user, pass) = text
        .split_once(':')
        .ok_or_else(|| Error::Registry(format!("invalid auth for {key} in config.json")))?;
    Ok(Some(Credentials { username: user.to_string(), secret: pass.to_string() }))
}

/// Saves credentials for `domain` (through its helper, if one is configured).
pub fn store(domain: &str, creds: &Credentials) -> Result<()> {
    let mut config = read_config()?;
    let key = server_key(domain);
    if let Some(helper) = helper_for(&config, &key) {
        let input = json!({"ServerURL": key, "Username": creds.username, "Secret": creds.secret}).to_string();
        run_helper(&helper, "store", &input)?;
        // Docker records the server with an empty entry.
        auths(&mut config).insert(key, json!({}));
    } else {
        let encoded =
            base64::engine::general_purpose::STANDARD.encode(format!("{}:{}", creds.username, creds.secret));
        auths(&mut config).insert(key, json!({"auth": encoded}));
    }
    write_config(&config)
}

/// Forgets credentials for `domain`; `false` if there were none.
pub fn erase(domain: &str) -> Result<bool> {
    let mut config = read_config()?;
    let key = server_key(domain);
    let mut found = false;
    if let Some(helper) = helper_for(&config, &key) {
        found = run_helper(&helper, "erase", &key).is_ok();
    }
    found |= auths(&mut config).remove(&key).is_some();
    if found {
        write_config(&config)?;
    }
    Ok(found)
}

fn auths(config: &mut Value) -> &mut Map<String, Value> {
    if !config.is_object() {
        *config = json!({});
    }
    let obj = config.as_object_mut().expect("object");
    let entry = obj.entry("auths").or_insert_with(|| json!({}));
    if !entry.is_object() {
        *entry = json!({});
    }
    entry.as_object_mut().expect("object")
}

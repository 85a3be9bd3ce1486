//! A client for the OCI Distribution API: what pull, push, login and search need.
//!
//! It follows Docker's rules: HTTPS with the system roots plus a registry's own
//! CA and client certificate from `certs.d/HOST:PORT/` (`*.crt`, `*.cert` +
//! `*.key`); registries on loopback and those listed as insecure may fall back to
//! plain HTTP and unverified TLS; Basic and Bearer-token authentication driven by
//! the registry's challenge, with credentials from Docker's config.json.
//!
//! (oci-client, which rdock used first, cannot present client certificates.)

use std::collections::HashMap;
use std::sync::Mutex;

use base64::Engine as _;
use reqwest::header::{HeaderMap, HeaderValue, ACCEPT, AUTHORIZATION, CONTENT_TYPE, WWW_AUTHENTICATE};
use reqwest::{Method, RequestBuilder, Response, StatusCode};

use super::auth::{self, Credentials};
use super::reference::Reference;
use super::transfer::{self, describe, Failure, Limits, Retry};
use crate::error::{Error, Result};

pub const MANIFEST_TYPES: &[&str] = &[
    super::config::MT_OCI_MANIFEST,
    super::config::MT_OCI_INDEX,
    super::config::MT_DOCKER_MANIFEST,
    super::config::MT_DOCKER_LIST,
];

/// How to treat TLS for one operation: `--tls-verify` when given.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum TlsVerify {
    /// Docker's default: verify, except for loopback and insecure registries.
    #[default]
    Default,
    /// Always verify (`--tls-verify=true`).
    Strict,
    /// Never verify, and allow plain HTTP (`--tls-verify=false`).
    Off,
}

#[derive(Debug, Clone, Default)]
pub struct Options {
    pub tls_verify: TlsVerify,
    /// Credentials to use instead of the stored ones (login).
    pub credentials: Option<Credentials>,
}

/// A challenge from `WWW-Authenticate`.
#[derive(Debug, Clone, PartialEq)]
enum Challenge {
    Basic,
    Bearer { realm: String, service: Option<String> },
}

pub struct Registry {
    http: reqwest::Client,
    /// `https://host` or `http://host`.
    endpoint: String,
    /// The registry as references name it (`docker.io`, `host:port`).
    pub domain: String,
    credentials: Option<Credentials>,
    challenge: Mutex<Option<Challenge>>,
    tokens: Mutex<HashMap<String, String>>,
    limits: Limits,
}

static CRYPTO: std::sync::Once = std::sync::Once::new();

fn install_crypto() {
    CRYPTO.call_once(|| {
        let _ = rustls::crypto::ring::default_provider().install_default();
    });
}

/// Loopback registries are insecure by default, as with Docker.
fn is_loopback(host: &str) -> bool {
    let h = match host.rsplit_once(':') {
        Some((h, p)) if p.chars().all(|c| c.is_ascii_digit()) => h,
        _ => host,
    };
    let h = h.trim_start_matches('[').trim_end_matches(']');
    h == "localhost" || h.parse::<std::net::IpAddr>().map(|ip| ip.is_loopback()).unwrap_or(false)
}

/// The host that serves a registry domain.
fn api_host(domain: &str) -> &str {
    if domain == "docker.io" || domain == "index.docker.io" {
        "registry-1.docker.io"
    } else {
        domain
    }
}

fn http_client(host: &str, verify: bool, limits: &Limits) -> Result<reqwest::Client> {
    install_crypto();
    let mut b = reqwest::Client::builder()
        .connect_timeout(limits.connect)
        .read_timeout(limits.read)
        .user_agent(concat!("rdock/", env!("CARGO_PKG_VERSION")))
        .danger_accept_invalid_certs(!verify);
    for dir in crate::config::certs_dirs(host) {
        let Ok(entries) = std::fs::read_dir(&dir) else { continue };
        let mut files: Vec<std::path::PathBuf> = entries.flatten().map(|e| e.path()).collect();
        files.sort();
        for path in &files {
            let ext = path.extension().and_then(|e| e.to_str()).unwrap_or_default();
            let read =
                || std::fs::read(path).map_err(|e| Error::io(format!("reading {}", path.display()), e));
            match ext {
                "crt" => {
                    let cert = reqwest::Certificate::from_pem(&read()?)
                        .map_err(|e| Error::Registry(format!("{}: {e}", path.display())))?;
                    b = b.add_root_certificate(cert);
                }
                "cert" => {
                    let key = path.with_extension("key");
                    let mut pem = read()?;
                    pem.extend(std::fs::read(&key).map_err(|e| {
                        Error::io(
                            format!("client certificate {} has no key {}", path.display(), key.display()),
                            e,
                        )
                    })?);
                    let identity = reqwest::Identity::from_pem(&pem)
                        .map_err(|e| Error::Registry(format!("{}: {e}", path.display())))?;
                    b = b.identity(identity);
                }
                _ => {}
            }
        }
    }
    b.build().map_err(|e| Error::Registry(format!("setting up the HTTP client: {e}")))
}

impl Registry {
    /// Connects to `domain` (its `/v2/` endpoint), choosing HTTPS or, where
    /// allowed, plain HTTP.
    pub async fn connect(domain: &str, opts: &Options) -> Result<Registry> {
        let config = crate::config::Config::load()?;
        Self::connect_to(domain, api_host(domain), opts, &config).await
    }

    /// Connects to `host` serving `domain`'s repositories (a mirror, or itself).
    async fn connect_to(
        domain: &str,
        host: &str,
        opts: &Options,
        config: &crate::config::Config,
    ) -> Result<Registry> {
        let insecure =
            is_loopback(host) || config.insecure_registries.iter().any(|r| r == host || r == domain);
        let lenient = match opts.tls_verify {
            TlsVerify::Strict => false,
            TlsVerify::Off => true,
            TlsVerify::Default => insecure,
        };
        let credentials = match &opts.credentials {
            Some(c) => Some(c.clone()),
            None => auth::get(domain)?,
        };
        let (scheme_host, host) = match host.split_once("://") {
            Some((scheme, rest)) => (Some(scheme.to_string()), rest.trim_end_matches('/').to_string()),
            None => (None, host.to_string()),
        };
        let mut schemes = vec!["https"];
        if lenient && scheme_host.is_none() {
            schemes.push("http");
        }
        if let Some(s) = &scheme_host {
            schemes = vec![if s == "http" { "http" } else { "https" }];
        }
        let limits = Limits::from_config(config)?;
        let http = http_client(&host, !lenient, &limits)?;
        let mut last_err = String::new();
        for scheme in schemes {
            let endpoint = format!("{scheme}://{host}");
            match http.get(format!("{endpoint}/v2/")).send().await {
                Ok(resp) => {
                    let challenge = parse_challenge(resp.headers());
                    return Ok(Registry {
                        http,
                        endpoint,
                        domain: domain.to_string(),
                        credentials,
                        challenge: Mutex::new(challenge),
                        tokens: Mutex::new(HashMap::new()),
                        limits,
                    });
                }
                Err(e) => last_err = format!("Get \"{endpoint}/v2/\": {}", describe(&e)),
            }
        }
        Err(Error::Registry(last_err))
    }

    /// The mirrors to try first for `reference` (docker.io's only); the ones
    /// that do not answer are skipped.
    pub async fn connect_mirrors(reference: &Reference, opts: &Options) -> Result<Vec<Registry>> {
        let config = crate::config::Config::load()?;
        let mut out = Vec::new();
        if reference.domain == super::reference::DEFAULT_DOMAIN {
            for mirror in &config.registry_mirrors {
                if let Ok(r) = Self::connect_to(&reference.domain, mirror, opts, &config).await {
                    out.push(r);
                }
            }
        }
        Ok(out)
    }

    pub fn endpoint(&self) -> &str {
        &self.endpoint
    }

    pub fn limits(&self) -> &Limits {
        &self.limits
    }

    /// `repo` as messages name it: with the registry, so errors say where.
    pub fn source(&self, repo: &str) -> String {
        format!("{}/{repo}", self.domain)
    }

    /// Sends a request (see [`Registry::send_with`]) with a fresh retry budget.
    async fn send(
        &self,
        method: Method,
        path: &str,
        scopes: &[String],
        build: impl Fn(RequestBuilder) -> RequestBuilder,
    ) -> Result<Response> {
        let mut retry = Retry::new(&self.limits);
        self.send_with(&mut retry, method, path, scopes, build).await.map_err(|e| retry.give_up(e))
    }

    /// Sends a request, trying again after transient failures (refused or
    /// reset connections, timeouts, 5xx and 429 answers) while `retry` allows.
    pub(super) async fn send_with(
        &self,
        retry: &mut Retry,
        method: Method,
        path: &str,
        scopes: &[String],
        build: impl Fn(RequestBuilder) -> RequestBuilder,
    ) -> Result<Response> {
        loop {
            match self.send_once(method.clone(), path, scopes, &build).await {
                Ok(resp) if transfer::transient_status(resp.status()) => {
                    let why = Error::Registry(format!("{method} {path}: {}", resp.status()));
                    if !retry.again(&why, transfer::retry_after(&resp)).await {
                        return Ok(resp);
                    }
                }
                Ok(resp) => return Ok(resp),
                Err(f) if f.transient && retry.again(&f.error, None).await => {}
                Err(f) => return Err(f.error),
            }
        }
    }

    /// One try: with whatever authorisation the registry asked for, answering
    /// a fresh 401 challenge once.
    async fn send_once(
        &self,
        method: Method,
        path: &str,
        scopes: &[String],
        build: &impl Fn(RequestBuilder) -> RequestBuilder,
    ) -> Result<Response, Failure> {
        let url = if path.starts_with("http://") || path.starts_with("https://") {
            path.to_string()
        } else {
            format!("{}{path}", self.endpoint)
        };
        for attempt in 0..2 {
            let mut req = build(self.http.request(method.clone(), &url));
            if let Some(h) = self.authorization(scopes).await? {
                req = req.header(AUTHORIZATION, h);
            }
            let resp = self.answer(req, &method, &url).await?;
            if resp.status() == StatusCode::UNAUTHORIZED && attempt == 0 {
                let challenge = parse_challenge(resp.headers());
                let mut current = self.challenge.lock().unwrap_or_else(|e| e.into_inner());
                let changed = *current != challenge;
                *current = challenge;
                drop(current);
                let key = scopes.join(" ");
                let had_token = self.tokens.lock().unwrap_or_else(|e| e.into_inner()).remove(&key).is_some();
                if changed || had_token {
                    continue;
                }
            }
            return Ok(resp);
        }
        unreachable!("the loop returns on its second pass")
    }

    /// Sends `req` and waits for the answer's headers. Without a body to send,
    /// they must all come within the read timeout (reqwest's resets on each
    /// byte, which a trickling server would keep doing).
    async fn answer(&self, req: RequestBuilder, method: &Method, url: &str) -> Result<Response, Failure> {
        let failed = |e: reqwest::Error| Failure {
            transient: transfer::transient_error(&e),
            error: Error::Registry(format!("{method} {url}: {}", describe(&e))),
        };
        if !matches!(*method, Method::GET | Method::HEAD) {
            return req.send().await.map_err(failed);
        }
        match tokio::time::timeout(self.limits.read, req.send()).await {
            Ok(r) => r.map_err(failed),
            Err(_) => Err(Failure::transient(format!(
                "{method} {url}: no answer within {:?} (registry-read-timeout)",
                self.limits.read
            ))),
        }
    }

    async fn authorization(&self, scopes: &[String]) -> Result<Option<String>> {
        let challenge = self.challenge.lock().unwrap_or_else(|e| e.into_inner()).clone();
        match challenge {
            None => Ok(None),
            Some(Challenge::Basic) => Ok(self.credentials.as_ref().map(basic)),
            Some(Challenge::Bearer { realm, service }) => {
                let key = scopes.join(" ");
                if let Some(t) = self.tokens.lock().unwrap_or_else(|e| e.into_inner()).get(&key) {
                    return Ok(Some(format!("Bearer {t}")));
                }
                let token = self.fetch_token(&realm, service.as_deref(), scopes).await?;
                self.tokens.lock().unwrap_or_else(|e| e.into_inner()).insert(key, token.clone());
                Ok(Some(format!("Bearer {token}")))
            }
        }
    }

    async fn fetch_token(&self, realm: &str, service: Option<&str>, scopes: &[String]) -> Result<String> {
        let mut query: Vec<(&str, &str)> = Vec::new();
        if let Some(s) = service {
            query.push(("service", s));
        }
        for s in scopes {
            query.push(("scope", s));
        }
        let mut retry = Retry::new(&self.limits);
        loop {
            match self.try_token(realm, &query).await {
                Ok(t) => return Ok(t),
                Err(f) if f.transient && retry.again(&f.error, None).await => {}
                Err(f) => return Err(retry.give_up(f.error)),
            }
        }
    }

    async fn try_token(&self, realm: &str, query: &[(&str, &str)]) -> Result<String, Failure> {
        let what = format!("getting a token from {realm}");
        let mut req = self.http.get(realm).query(query);
        if let Some(c) = &self.credentials {
            req = req.header(AUTHORIZATION, basic(c));
        }
        let mut resp = self.answer(req, &Method::GET, realm).await?;
        match resp.status() {
            StatusCode::UNAUTHORIZED | StatusCode::FORBIDDEN => {
                return Err(Failure::fatal("unauthorized: incorrect username or password".into()))
            }
            s if transfer::transient_status(s) => return Err(Failure::transient(format!("{what}: {s}"))),
            s if !s.is_success() => return Err(Failure::fatal(format!("{what}: {s}"))),
            _ => {}
        }
        let cap = transfer::MAX_TOKEN_SIZE;
        let too_big = format!("too big: more than {cap} bytes");
        let body = transfer::read_small(&mut resp, &what, cap, &too_big, &self.limits).await?;
        let v: serde_json::Value =
            serde_json::from_slice(&body).map_err(|e| Failure::fatal(format!("{what}: {e}")))?;
        v["token"]
            .as_str()
            .or_else(|| v["access_token"].as_str())
            .map(str::to_string)
            .ok_or_else(|| Failure::fatal(format!("no token in the answer from {realm}")))
    }

    /// Checks that our credentials are accepted (`login`).
    pub async fn check_login(&self) -> Result<()> {
        let resp = self.send(Method::GET, "/v2/", &[], |r| r).await?;
        match resp.status() {
            s if s.is_success() => Ok(()),
            StatusCode::UNAUTHORIZED => {
                Err(Error::Registry("unauthorized: incorrect username or password".into()))
            }
            s => Err(Error::Registry(format!("login to {}: {s}", self.domain))),
        }
    }

    /// A manifest: its bytes, media type and digest (checked if the reference
    /// has one). It may not pass Docker's 4 MiB, nor `declared` (the size an
    /// index gives it).
    pub async fn get_manifest(
        &self,
        repo: &str,
        reference: &str,
        declared: Option<u64>,
    ) -> Result<(Vec<u8>, String, String)> {
        let sep = if reference.starts_with("sha256:") { '@' } else { ':' };
        let what = format!("manifest {}{sep}{reference}", self.source(repo));
        let max = transfer::MAX_MANIFEST_SIZE;
        let (cap, too_big) = match declared {
            Some(n) if n <= max => {
                (n, format!("the registry sent more than the {n} bytes its index declares"))
            }
            _ => (max, format!("manifest too big: more than {max} bytes")),
        };
        let mut retry = Retry::new(&self.limits);
        let (body, media_type) = loop {
            match self.try_manifest(&mut retry, repo, reference, &what, cap, &too_big).await {
                Ok(r) => break r,
                Err(f) if f.transient && retry.again(&f.error, None).await => {}
                Err(f) => return Err(retry.give_up(f.error)),
            }
        };
        if let Some(n) = declared.filter(|&n| (body.len() as u64) < n) {
            return Err(Error::Registry(format!(
                "{what}: the registry sent only {} of the {n} bytes its index declares",
                body.len()
            )));
        }
        let digest = crate::storage::blobs::sha256_digest(&body);
        if reference.starts_with("sha256:") && reference != digest {
            return Err(Error::Registry(format!(
                "manifest digest mismatch: expected {reference}, got {digest}"
            )));
        }
        Ok((body, media_type, digest))
    }

    async fn try_manifest(
        &self,
        retry: &mut Retry,
        repo: &str,
        reference: &str,
        what: &str,
        cap: u64,
        too_big: &str,
    ) -> Result<(Vec<u8>, String), Failure> {
        let scopes = [pull_scope(repo)];
        let path = format!("/v2/{repo}/manifests/{reference}");
        let accept = |r: RequestBuilder| r.header(ACCEPT, MANIFEST_TYPES.join(", "));
        let mut resp = self.send_with(retry, Method::GET, &path, &scopes, accept).await?;
        let status = resp.status();
        let media_type = resp
            .headers()
            .get(CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .map(|s| s.split(';').next().unwrap_or_default().trim().to_string())
            .unwrap_or_default();
        if !status.is_success() {
            return Err(self.status_error(status, repo, reference, resp).await.into());
        }
        let body = transfer::read_small(&mut resp, what, cap, too_big, &self.limits).await?;
        Ok((body, media_type))
    }

    /// Starts a blob download at byte `offset` (a Range request past 0); the
    /// caller checks what comes back.
    pub(super) async fn blob_request(
        &self,
        retry: &mut Retry,
        repo: &str,
        digest: &str,
        offset: u64,
    ) -> Result<Response, Failure> {
        let path = format!("/v2/{repo}/blobs/{digest}");
        let range = |r: RequestBuilder| {
            if offset > 0 {
                r.header(reqwest::header::RANGE, format!("bytes={offset}-"))
            } else {
                r
            }
        };
        let resp = self.send_with(retry, Method::GET, &path, &[pull_scope(repo)], range).await?;
        if !resp.status().is_success() {
            let status = resp.status();
            return Err(self.status_error(status, repo, digest, resp).await.into());
        }
        Ok(resp)
    }

    pub async fn blob_exists(&self, repo: &str, digest: &str) -> Result<bool> {
        let resp = self
            .send(Method::HEAD, &format!("/v2/{repo}/blobs/{digest}"), &[push_scope(repo)], |r| r)
            .await?;
        Ok(resp.status().is_success())
    }

    /// Asks the registry to link a blob it has in `from` into `repo`; `false`
    /// when it would rather have it uploaded.
    pub async fn mount_blob(&self, repo: &str, digest: &str, from: &str) -> Result<bool> {
        let scopes = [push_scope(repo), pull_scope(from)];
        let path = format!("/v2/{repo}/blobs/uploads/?mount={digest}&from={from}");
        let resp =
            self.send(Method::POST, &path, &scopes, |r| r.header(reqwest::header::CONTENT_LENGTH, 0)).await?;
        if resp.status() == StatusCode::CREATED {
            return Ok(true);
        }
        // A 202 opened an upload we will not use; let it expire.
        Ok(false)
    }

    /// Uploads a blob in one request.
    pub async fn upload_blob(&self, repo: &str, digest: &str, size: u64, body: reqwest::Body) -> Result<()> {
        let scopes = [push_scope(repo)];
        let resp = self
            .send(Method::POST, &format!("/v2/{repo}/blobs/uploads/"), &scopes, |r| {
                r.header(reqwest::header::CONTENT_LENGTH, 0)
            })
            .await?;
        if resp.status() != StatusCode::ACCEPTED {
            let status = resp.status();
            return Err(self.status_error(status, repo, digest, resp).await);
        }
        let location = resp
            .headers()
            .get(reqwest::header::LOCATION)
            .and_then(|v| v.to_str().ok())
            .ok_or_else(|| Error::Registry("the registry gave no upload location".into()))?
            .to_string();
        let url =
            if location.starts_with("http") { location } else { format!("{}{location}", self.endpoint) };
        let sep = if url.contains('?') { '&' } else { '?' };
        let url = format!("{url}{sep}digest={digest}");
        // The body streams once: no retry after a challenge here (the POST above
        // already settled the authorisation).
        let mut req = self
            .http
            .put(&url)
            .header(CONTENT_TYPE, "application/octet-stream")
            .header(reqwest::header::CONTENT_LENGTH, size)
            .body(body);
        if let Some(h) = self.authorization(&scopes).await? {
            req = req.header(AUTHORIZATION, h);
        }
        let resp =
            req.send().await.map_err(|e| Error::Registry(format!("uploading {digest}: {}", describe(&e))))?;
        if resp.status() != StatusCode::CREATED {
            let status = resp.status();
            return Err(self.status_error(status, repo, digest, resp).await);
        }
        Ok(())
    }

    /// Stores a manifest under `reference` (a tag or digest); returns its digest.
    pub async fn put_manifest(
        &self,
        repo: &str,
        reference: &str,
        body: &[u8],
        media_type: &str,
    ) -> Result<String> {
        let data = body.to_vec();
        let resp = self
            .send(Method::PUT, &format!("/v2/{repo}/manifests/{reference}"), &[push_scope(repo)], |r| {
                r.header(CONTENT_TYPE, media_type).body(data.clone())
            })
            .await?;
        if !resp.status().is_success() {
            let status = resp.status();
            return Err(self.status_error(status, repo, reference, resp).await);
        }
        Ok(crate::storage::blobs::sha256_digest(body))
    }

    /// Repository names in the registry's catalog.
    pub async fn catalog(&self) -> Result<Vec<String>> {
        let scopes = ["registry:catalog:*".to_string()];
        let mut resp = self.send(Method::GET, "/v2/_catalog?n=1000", &scopes, |r| r).await?;
        if !resp.status().is_success() {
            let status = resp.status();
            return Err(self.status_error(status, "", "", resp).await);
        }
        let what = format!("the catalog of {}", self.domain);
        let v = read_json(&mut resp, &what, &self.limits).await?;
        Ok(v["repositories"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|r| r.as_str().map(str::to_string))
            .collect())
    }

    /// The message Docker prints for a failed request.
    async fn status_error(&self, status: StatusCode, repo: &str, what: &str, mut resp: Response) -> Error {
        let body = transfer::read_some(&mut resp, transfer::MAX_ERROR_BODY, &self.limits).await;
        let body = String::from_utf8_lossy(&body);
        let code = serde_json::from_str::<serde_json::Value>(&body)
            .ok()
            .and_then(|v| v["errors"][0]["code"].as_str().map(str::to_string))
            .unwrap_or_default();
        let name = if self.domain == super::reference::DEFAULT_DOMAIN {
            super::reference::familiar(&format!("docker.io/{repo}"))
        } else {
            format!("{}/{repo}", self.domain)
        };
        match (status, code.as_str()) {
            (StatusCode::NOT_FOUND, _) | (_, "MANIFEST_UNKNOWN") | (_, "NAME_UNKNOWN")
                if !what.starts_with("sha256:") =>
            {
                Error::Registry(format!("manifest for {name}:{what} not found: manifest unknown"))
            }
            (StatusCode::NOT_FOUND, _) => Error::Registry(format!("{name}@{what}: not found")),
            (StatusCode::UNAUTHORIZED, _) | (StatusCode::FORBIDDEN, _) => {
                if self.credentials.is_some() {
                    Error::Registry(format!("denied: requested access to {name} is denied"))
                } else {
                    Error::Registry(format!(
                        "pull access denied for {name}, repository does not exist or may require 'docker login'"
                    ))
                }
            }
            _ => Error::Registry(format!("{} {}: {}", status.as_u16(), name, body.trim())),
        }
    }
}

fn basic(c: &Credentials) -> String {
    format!(
        "Basic {}",
        base64::engine::general_purpose::STANDARD.encode(format!("{}:{}", c.username, c.secret))
    )
}

pub fn pull_scope(repo: &str) -> String {
    format!("repository:{repo}:pull")
}

pub fn push_scope(repo: &str) -> String {
    format!("repository:{repo}:pull,push")
}

/// Parses `WWW-Authenticate: Basic realm=...` or `Bearer realm="...",service="..."`.
fn parse_challenge(headers: &HeaderMap<HeaderValue>) -> Option<Challenge> {
    let value = headers.get(WWW_AUTHENTICATE)?.to_str().ok()?;
    let (scheme, params) = value.split_once(' ').unwrap_or((value, ""));
    match scheme.to_ascii_lowercase().as_str() {
        "basic" => Some(Challenge::Basic),
        "bearer" => {
            let mut realm = None;
            let mut service = None;
            for (k, v) in split_params(params) {
                match k.as_str() {
                    "realm" => realm = Some(v),
                    "service" => service = Some(v),
                    _ => {}
                }
            }
            Some(Challenge::Bearer { realm: realm?, service })
        }
        _ => None,
    }
}

/// `a="x,y",b=z` into pairs, minding quoted commas.
fn split_params(s: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut rest = s.trim();
    while !rest.is_empty() {
        let Some((key, after)) = rest.split_once('=') else { break };
        let key = key.trim().trim_start_matches(',').trim().to_ascii_lowercase();
        let after = after.trim_start();
        let (value, next) = if let Some(quoted) = after.strip_prefix('"') {
            let end = quoted.find('"').unwrap_or(quoted.len());
            (quoted[..end].to_string(), quoted.get(end + 1..).unwrap_or(""))
        } else {
            let end = after.find(',').unwrap_or(after.len());
            (after[..end].trim().to_string(), &after[end..])
        };
        out.push((key, value));
        rest = next.trim_start().trim_start_matches(',').trim_start();
    }
    out
}

/// A bounded JSON answer.
async fn read_json(resp: &mut Response, what: &str, limits: &Limits) -> Result<serde_json::Value> {
    let cap = transfer::MAX_DOCUMENT_SIZE;
    let too_big = format!("too big: more than {cap} bytes");
    let body = transfer::read_small(resp, what, cap, &too_big, limits).await.map_err(|f| f.error)?;
    serde_json::from_slice(&body).map_err(|e| Error::Registry(format!("{what}: {e}")))
}

/// GETs a JSON document from outside the Distribution API (Docker Hub's search).
pub async fn get_json(url: &str, opts: &Options) -> Result<serde_json::Value> {
    let host = url.split("://").nth(1).and_then(|r| r.split('/').next()).unwrap_or_default().to_string();
    let limits = Limits::load()?;
    let http = http_client(&host, opts.tls_verify != TlsVerify::Off, &limits)?;
    let mut resp =
        http.get(url).send().await.map_err(|e| Error::Registry(format!("GET {url}: {}", describe(&e))))?;
    if !resp.status().is_success() {
        return Err(Error::Registry(format!("GET {url}: {}", resp.status())));
    }
    read_json(&mut resp, &format!("GET {url}"), &limits).await
}

/// Downloads `url` (import from a URL) into an unlinked temporary file and
/// returns it, rewound.
pub fn download(url: &str) -> Result<std::fs::File> {
    use std::io::{Seek, Write};
    let host = url.split("://").nth(1).and_then(|r| r.split('/').next()).unwrap_or_default().to_string();
    let http = http_client(&host, true, &Limits::load()?)?;
    let mut file = tempfile_in(&std::env::temp_dir())?;
    block_on(async {
        let mut resp = http
            .get(url)
            .send()
            .await
            .map_err(|e| Error::Registry(format!("GET {url}: {}", describe(&e))))?;
        if !resp.status().is_success() {
            return Err(Error::Registry(format!("GET {url}: {}", resp.status())));
        }
        while let Some(chunk) =
            resp.chunk().await.map_err(|e| Error::Registry(format!("GET {url}: {}", describe(&e))))?
        {
            file.write_all(&chunk).map_err(|e| Error::io("saving the download", e))?;
        }
        Ok(())
    })?;
    file.rewind().map_err(|e| Error::io("saving the download", e))?;
    Ok(file)
}

/// A file in `dir` that disappears when closed.
fn tempfile_in(dir: &std::path::Path) -> Result<std::fs::File> {
    use std::os::unix::fs::OpenOptionsExt;
    std::fs::OpenOptions::new()
        .read(true)
        .write(true)
        .custom_flags(libc::O_TMPFILE)
        .mode(0o600)
        .open(dir)
        .map_err(|e| Error::io(format!("creating a temporary file in {}", dir.display()), e))
}

/// Runs `f` on a current-thread runtime (registry work happens in the CLI
/// process, away from libcontainer's forks).
pub fn block_on<T>(f: impl std::future::Future<Output = Result<T>>) -> Result<T> {
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|e| Error::io("starting the registry runtime", e))?;
    rt.block_on(f)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn challenges() {
        let mut h = HeaderMap::new();
        h.insert(
            WWW_AUTHENTICATE,
            HeaderValue::from_static(
                r#"Bearer realm="https://auth.io/token",service="reg.io",scope="repository:a/b:pull,push""#,
            ),
        );
        assert_eq!(
            parse_challenge(&h),
            Some(Challenge::Bearer { realm: "https://auth.io/token".into(), service: Some("reg.io".into()) })
        );
        h.insert(WWW_AUTHENTICATE, HeaderValue::from_static(r#"Basic realm="Registry Realm""#));
        assert_eq!(parse_challenge(&h), Some(Challenge::Basic));
    }

    #[test]
    fn loopback_is_insecure() {
        assert!(is_loopback("127.0.0.1:5000"));
        assert!(is_loopback("localhost:5000"));
        assert!(is_loopback("[::1]:5000"));
        assert!(!is_loopback("registry.example.com"));
    }
}

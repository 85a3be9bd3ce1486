//! Registry client set-up shared by pull (and later push).

use std::sync::Once;

use super::reference::Reference;
use crate::error::Error;

pub const MANIFEST_TYPES: &[&str] = &[
    super::config::MT_OCI_MANIFEST,
    super::config::MT_OCI_INDEX,
    super::config::MT_DOCKER_MANIFEST,
    super::config::MT_DOCKER_LIST,
];

static CRYPTO: Once = Once::new();

/// A client for the reference's registry: plain HTTP for loopback registries (as
/// Docker allows), HTTPS elsewhere.
pub fn client(reference: &Reference) -> oci_client::Client {
    CRYPTO.call_once(|| {
        let _ = rustls::crypto::ring::default_provider().install_default();
    });
    let protocol = if reference.is_local_registry() {
        oci_client::client::ClientProtocol::HttpsExcept(vec![reference.domain.clone()])
    } else {
        oci_client::client::ClientProtocol::Https
    };
    let config = oci_client::client::ClientConfig {
        protocol,
        connect_timeout: Some(std::time::Duration::from_secs(30)),
        read_timeout: Some(std::time::Duration::from_secs(300)),
        ..Default::default()
    };
    oci_client::Client::new(config)
}

pub fn auth_for(_reference: &Reference) -> oci_client::secrets::RegistryAuth {
    oci_client::secrets::RegistryAuth::Anonymous
}

/// Turns a client error into the message Docker prints for it.
pub fn error(reference: &Reference, err: oci_client::errors::OciDistributionError) -> Error {
    use oci_client::errors::OciDistributionError as E;
    let text = err.to_string();
    match &err {
        E::ImageManifestNotFoundError(_) => Error::Registry(format!(
            "manifest for {} not found: manifest unknown",
            reference.familiar_name_with_tag()
        )),
        E::RegistryError { envelope, .. }
            if envelope.errors.iter().any(|e| {
                matches!(
                    e.code,
                    oci_client::errors::OciErrorCode::ManifestUnknown
                        | oci_client::errors::OciErrorCode::NameUnknown
                )
            }) =>
        {
            Error::Registry(format!(
                "manifest for {} not found: manifest unknown",
                reference.familiar_name_with_tag()
            ))
        }
        E::AuthenticationFailure(_) | E::UnauthorizedError { .. } => Error::Registry(format!(
            "pull access denied for {}, repository does not exist or may require 'docker login'",
            reference.familiar_name()
        )),
        E::RequestError(e) if e.is_connect() || e.is_timeout() => {
            Error::Registry(format!("Get \"{}\": {}", registry_url(reference), source_chain(e)))
        }
        _ => Error::Registry(text),
    }
}

fn registry_url(reference: &Reference) -> String {
    let scheme = if reference.is_local_registry() { "http" } else { "https" };
    format!("{scheme}://{}/v2/", reference.domain)
}

fn source_chain(e: &dyn std::error::Error) -> String {
    let mut msg = e.to_string();
    let mut cur = e.source();
    while let Some(s) = cur {
        msg = format!("{msg}: {s}");
        cur = s.source();
    }
    msg
}

impl Reference {
    /// `busybox:latest` / `busybox@sha256:…` as Docker prints them in messages.
    pub fn familiar_name_with_tag(&self) -> String {
        let mut s = self.familiar_name();
        if let Some(t) = &self.tag {
            s = format!("{s}:{t}");
        }
        if let Some(d) = &self.digest {
            s = format!("{s}@{d}");
        }
        s
    }
}

//! Image references, normalised as Docker does: `busybox` is
//! `docker.io/library/busybox:latest`, `host:port/name:tag`, `name@sha256:…`.

use std::fmt;

use crate::error::{Error, Result};

pub const DEFAULT_DOMAIN: &str = "docker.io";
pub const DEFAULT_TAG: &str = "latest";

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reference {
    pub domain: String,
    pub path: String,
    pub tag: Option<String>,
    pub digest: Option<String>,
}

impl Reference {
    /// Parses and normalises a reference; a missing tag stays missing (see
    /// [`Reference::with_default_tag`]).
    pub fn parse(s: &str) -> Result<Reference> {
        let bad = || Error::InvalidReference(format!("\"{s}\""));
        if s.is_empty() {
            return Err(bad());
        }
        let (rest, digest) = match s.split_once('@') {
            Some((r, d)) => {
                crate::storage::blobs::digest_hex(d).map_err(|_| bad())?;
                (r, Some(d.to_string()))
            }
            None => (s, None),
        };
        // A tag follows the last ':' that comes after the last '/'.
        let last_slash = rest.rfind('/').map(|i| i + 1).unwrap_or(0);
        let (name, tag) = match rest[last_slash..].rfind(':') {
            Some(i) => (&rest[..last_slash + i], Some(&rest[last_slash + i + 1..])),
            None => (rest, None),
        };
        if let Some(tag) = tag {
            if !valid_tag(tag) {
                return Err(bad());
            }
        }
        let (domain, path) = split_domain(name);
        if domain.is_empty() || !valid_domain(&domain) {
            return Err(bad());
        }
        if path.chars().any(|c| c.is_ascii_uppercase()) {
            return Err(Error::InvalidReference(format!("repository name ({path}) must be lowercase")));
        }
        // Docker counts the 255 on the normalised name (docker.io/library/…):
        // a longer one would print as a name we refuse.
        if path.is_empty() || !path.split('/').all(valid_component) || domain.len() + 1 + path.len() > 255 {
            return Err(bad());
        }
        Ok(Reference { domain, path, tag: tag.map(str::to_string), digest })
    }

    /// Adds `:latest` when the reference names neither tag nor digest.
    pub fn with_default_tag(mut self) -> Reference {
        if self.tag.is_none() && self.digest.is_none() {
            self.tag = Some(DEFAULT_TAG.to_string());
        }
        self
    }

    /// `domain/path`, e.g. `docker.io/library/busybox`.
    pub fn name(&self) -> String {
        format!("{}/{}", self.domain, self.path)
    }

    /// The short form Docker prints: `busybox`, `127.0.0.1:5000/busybox`.
    pub fn familiar_name(&self) -> String {
        familiar(&self.name())
    }

    /// `name:tag`, when the reference has a tag.
    pub fn tagged_name(&self) -> Option<String> {
        self.tag.as_ref().map(|t| format!("{}:{t}", self.name()))
    }

    /// `name@digest`, when the reference has a digest.
    pub fn digested_name(&self) -> Option<String> {
        self.digest.as_ref().map(|d| format!("{}@{d}", self.name()))
    }

    /// Registries on loopback are plain HTTP, as Docker allows.
    pub fn is_local_registry(&self) -> bool {
        let host = match self.domain.rsplit_once(':') {
            Some((h, port)) if port.chars().all(|c| c.is_ascii_digit()) => h,
            _ => self.domain.as_str(),
        };
        let host = host.trim_start_matches('[').trim_end_matches(']');
        host == "localhost" || host.parse::<std::net::IpAddr>().map(|ip| ip.is_loopback()).unwrap_or(false)
    }

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

    /// Whether the familiar form reads back as another image: Docker's short
    /// form of docker.io/foo.bar/x is foo.bar/x, which names a registry.
    pub fn familiar_is_ambiguous(&self) -> bool {
        let fam = self.familiar_name();
        let first = fam.split('/').next().unwrap_or("");
        self.domain == DEFAULT_DOMAIN
            && fam.contains('/')
            && (first.contains('.')
                || first.contains(':')
                || first == "localhost"
                || first != first.to_lowercase())
    }
}

impl fmt::Display for Reference {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.name())?;
        if let Some(tag) = &self.tag {
            write!(f, ":{tag}")?;
        }
        if let Some(digest) = &self.digest {
            write!(f, "@{digest}")?;
        }
        Ok(())
    }
}

/// Strips `docker.io/` and `library/` from a fully qualified name (with or
/// without tag or digest); like Docker, `library/` stays before a nested path
/// (`docker.io/library/a/b` is `library/a/b`: `a/b` would be another image).
pub fn familiar(full: &str) -> String {
    match full.strip_prefix("docker.io/") {
        Some(rest) => match rest.strip_prefix("library/") {
            Some(official) if !official.contains('/') => official.to_string(),
            _ => rest.to_string(),
        },
        None => full.to_string(),
    }
}

fn split_domain(name: &str) -> (String, String) {
    match name.split_once('/') {
        Some((first, rest))
            if first.contains('.')
                || first.contains(':')
                || first == "localhost"
                || first != first.to_lowercase() =>
        {
            let domain = if first == "index.docker.io" { DEFAULT_DOMAIN } else { first };
            let path = if domain == DEFAULT_DOMAIN && !rest.contains('/') {
                format!("library/{rest}")
            } else {
                rest.to_string()
            };
            (domain.to_string(), path)
        }
        Some(_) => (DEFAULT_DOMAIN.to_string(), name.to_string()),
        None => (DEFAULT_DOMAIN.to_string(), format!("library/{name}")),
    }
}

fn valid_tag(tag: &str) -> bool {
    let mut chars = tag.chars();
    matches!(chars.next(), Some(c) if c.is_ascii_alphanumeric() || c == '_')
        && tag.len() <= 128
        && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '.' | '-'))
}

fn valid_domain(domain: &str) -> bool {
    let (host, port) = match domain.rsplit_once(':') {
        Some((h, p)) if !h.ends_with(']') || domain.starts_with('[') => (h, Some(p)),
        _ => (domain, None),
    };
    if let Some(port) = port {
        if port.is_empty() || !port.chars().all(|c| c.is_ascii_digit()) {
            return false;
        }
    }
    if host.starts_with('[') && host.ends_with(']') {
        return host[1..host.len() - 1].parse::<std::net::Ipv6Addr>().is_ok();
    }
    !host.is_empty()
        && host.split('.').all(|label| {
            !label.is_empty()
                && label.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
                && !label.starts_with('-')
                && !label.ends_with('-')
        })
}

/// A path component: lowercase alphanumerics joined by `.`, `_`, `__` or runs of `-`.
fn valid_component(comp: &str) -> bool {
    let b = comp.as_bytes();
    if b.is_empty() || !is_alnum(b[0]) || !is_alnum(b[b.len() - 1]) {
        return false;
    }
    let mut i = 0;
    while i < b.len() {
        if is_alnum(b[i]) {
            i += 1;
            continue;
        }
        let start = i;
        while i < b.len() && !is_alnum(b[i]) {
            i += 1;
        }
        let sep = &comp[start..i];
        let ok = sep == "." || sep == "_" || sep == "__" || sep.bytes().all(|c| c == b'-');
        if !ok {
            return false;
        }
    }
    true
}

fn is_alnum(c: u8) -> bool {
    c.is_ascii_lowercase() || c.is_ascii_digit()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn norm(s: &str) -> String {
        Reference::parse(s).unwrap().with_default_tag().to_string()
    }

    #[test]
    fn normalises_like_docker() {
        assert_eq!(norm("busybox"), "docker.io/library/busybox:latest");
        assert_eq!(norm("busybox:1.36"), "docker.io/library/busybox:1.36");
        assert_eq!(norm("user/app"), "docker.io/user/app:latest");
        assert_eq!(norm("index.docker.io/busybox"), "docker.io/library/busybox:latest");
        assert_eq!(norm("127.0.0.1:5000/busybox"), "127.0.0.1:5000/busybox:latest");
        assert_eq!(norm("localhost/a/b:v1"), "localhost/a/b:v1");
        assert_eq!(norm("quay.io/a/b-c.d__e:t_1"), "quay.io/a/b-c.d__e:t_1");
        let d = format!("sha256:{}", "a".repeat(64));
        assert_eq!(norm(&format!("busybox@{d}")), format!("docker.io/library/busybox@{d}"));
        assert_eq!(norm(&format!("h:1/x:t@{d}")), format!("h:1/x:t@{d}"));
    }

    #[test]
    fn familiar_names() {
        assert_eq!(Reference::parse("busybox").unwrap().familiar_name(), "busybox");
        assert_eq!(Reference::parse("a/b").unwrap().familiar_name(), "a/b");
        assert_eq!(Reference::parse("h:5/b").unwrap().familiar_name(), "h:5/b");
    }

    #[test]
    fn rejects_malformed() {
        for bad in ["", "Busybox", "a//b", "a:", ":tag", "a@sha256:12", "a:-x", "-a", "a..b", "h:x/a", "a b"]
        {
            assert!(Reference::parse(bad).is_err(), "{bad:?} should be refused");
        }
    }

    #[test]
    fn local_registries() {
        assert!(Reference::parse("127.0.0.1:5000/x").unwrap().is_local_registry());
        assert!(Reference::parse("localhost:5000/x").unwrap().is_local_registry());
        assert!(Reference::parse("127.1.2.3/x").unwrap().is_local_registry());
        assert!(!Reference::parse("quay.io/x").unwrap().is_local_registry());
        assert!(!Reference::parse("x").unwrap().is_local_registry());
    }
}

#[cfg(test)]
mod prop {
    use super::*;
    use crate::prop::Rng;

    const DIGEST: &str = "sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";
    const PIECES: &[&str] = &[
        "a",
        "b0",
        "x",
        "docker.io",
        "index.docker.io",
        "localhost",
        "127.0.0.1",
        "quay.io",
        ":5000",
        ":",
        "/",
        "/",
        "library",
        "library/",
        "@",
        DIGEST,
        "sha256:",
        ".",
        "_",
        "__",
        "-",
        "--",
        "A",
        "[::1]",
        "latest",
        "v1.2",
        ":t",
        "foo.bar",
        " ",
        "é",
    ];

    /// What a parsed reference prints parses back to it (the properties the
    /// `reference` fuzz target checks, on generated inputs).
    fn check(s: &str) {
        let Ok(r) = Reference::parse(s) else { return };
        assert_eq!(Reference::parse(&r.to_string()).ok(), Some(r.clone()), "Display of {s:?}");
        let n = Reference::parse(&r.name()).unwrap_or_else(|e| panic!("name() of {s:?}: {e}"));
        assert_eq!((n.domain.as_str(), n.path.as_str()), (r.domain.as_str(), r.path.as_str()), "{s:?}");
        if !r.familiar_is_ambiguous() {
            let f = Reference::parse(&r.familiar_name_with_tag())
                .unwrap_or_else(|e| panic!("familiar name of {s:?}: {e}"));
            assert_eq!(f, r, "familiar name of {s:?}");
        }
    }

    #[test]
    fn parsed_references_print_back() {
        let mut rng = Rng::new(1);
        for _ in 0..20_000 {
            check(&rng.tokens(PIECES, 8));
        }
        for _ in 0..2_000 {
            check(&rng.string("ab0:/@.-_A", 24));
        }
    }

    #[test]
    fn long_names_print_back() {
        // 250 characters are a valid name only before normalisation: Docker
        // counts the 255 on docker.io/library/…, and so must we, or the name we
        // print is one we refuse.
        assert!(Reference::parse(&"a".repeat(250)).is_err());
        let longest = "a".repeat(255 - "docker.io/library/".len());
        check(&longest);
        let full = format!("{longest}:{}@{DIGEST}", "t".repeat(128));
        let r = Reference::parse(&full).unwrap();
        assert_eq!(r.to_string(), format!("docker.io/library/{full}"));
        check(&full);
        check(&format!("index.docker.io/{}", "b".repeat(255 - "docker.io/".len())));
    }

    #[test]
    fn nested_library_repositories_keep_their_namespace() {
        let r = Reference::parse("docker.io/library/a/b").unwrap();
        assert_eq!(r.familiar_name(), "library/a/b");
        assert_eq!(familiar("docker.io/library/a/b:t"), "library/a/b:t");
        assert_eq!(familiar("docker.io/library/a:t"), "a:t");
        check("docker.io/library/a/b");
    }
}

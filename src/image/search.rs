//! `search`: a registry's catalog (`REGISTRY/TERM`), or Docker Hub's search
//! API for a bare term.

use super::registry::{self, Registry};
use crate::error::{Error, Result};

#[derive(Debug, Clone, Default)]
pub struct SearchResult {
    pub name: String,
    pub description: String,
    pub stars: u64,
    pub official: bool,
}

pub fn search(term: &str, limit: usize, opts: &registry::Options) -> Result<Vec<SearchResult>> {
    let (domain, needle) = match term.split_once('/') {
        Some((host, rest)) if host.contains('.') || host.contains(':') || host == "localhost" => (host, rest),
        _ => (super::reference::DEFAULT_DOMAIN, term),
    };
    if limit == 0 || limit > 100 {
        return Err(Error::InvalidArgument(format!("limit {limit} is outside the range of [1, 100]")));
    }
    registry::block_on(async {
        if domain == super::reference::DEFAULT_DOMAIN {
            return hub_search(needle, limit, opts).await;
        }
        let reg = Registry::connect(domain, opts).await?;
        let mut out: Vec<SearchResult> = reg
            .catalog()
            .await?
            .into_iter()
            .filter(|repo| repo.contains(needle))
            .map(|repo| SearchResult { name: format!("{domain}/{repo}"), ..Default::default() })
            .collect();
        out.truncate(limit);
        Ok(out)
    })
}

async fn hub_search(term: &str, limit: usize, opts: &registry::Options) -> Result<Vec<SearchResult>> {
    let url = format!("https://index.docker.io/v1/search?q={}&n={limit}", urlencode(term));
    let v = registry::get_json(&url, opts).await?;
    Ok(v["results"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|r| SearchResult {
            name: r["name"].as_str().unwrap_or_default().to_string(),
            description: r["description"].as_str().unwrap_or_default().to_string(),
            stars: r["star_count"].as_u64().unwrap_or(0),
            official: r["is_official"].as_bool().unwrap_or(false),
        })
        .take(limit)
        .collect())
}

fn urlencode(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'a'..=b'z' | b'A'..=b'Z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

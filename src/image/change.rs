//! `--change` for commit and import: the Dockerfile instructions that only touch
//! the image's configuration.

use std::collections::BTreeMap;

use super::config::RunConfig;
use crate::error::{Error, Result};

/// Applies one instruction (`CMD ["sh"]`, `ENV A=1`, `EXPOSE 80/tcp`, …).
pub fn apply(config: &mut RunConfig, change: &str) -> Result<()> {
    let change = change.trim();
    let (word, rest) = change.split_once(char::is_whitespace).unwrap_or((change, ""));
    let rest = rest.trim();
    let bad = |why: &str| Error::InvalidArgument(format!("invalid change {change:?}: {why}"));
    match word.to_ascii_uppercase().as_str() {
        "CMD" => config.cmd = Some(command(rest)),
        "ENTRYPOINT" => config.entrypoint = Some(command(rest)),
        "ENV" => {
            for (k, v) in pairs(rest, true).map_err(|e| bad(&e))? {
                let env = config.env.get_or_insert_with(Vec::new);
                env.retain(|e| e.split('=').next() != Some(k.as_str()));
                env.push(format!("{k}={v}"));
            }
        }
        "LABEL" => {
            for (k, v) in pairs(rest, false).map_err(|e| bad(&e))? {
                config.labels.get_or_insert_with(BTreeMap::new).insert(k, v);
            }
        }
        "EXPOSE" => {
            for port in rest.split_whitespace() {
                let port = crate::net::ports::port_key(port);
                let number = port.split('/').next().unwrap_or_default();
                if number.parse::<u16>().is_err() && !number.contains('-') {
                    return Err(bad("not a port"));
                }
                config.exposed_ports.get_or_insert_with(BTreeMap::new).insert(port, serde_json::json!({}));
            }
        }
        "VOLUME" => {
            let list = match serde_json::from_str::<Vec<String>>(rest) {
                Ok(l) => l,
                Err(_) => rest.split_whitespace().map(str::to_string).collect(),
            };
            for v in list {
                config.volumes.get_or_insert_with(BTreeMap::new).insert(v, serde_json::json!({}));
            }
        }
        "USER" => config.user = Some(rest.to_string()),
        "WORKDIR" => {
            let dir = match &config.working_dir {
                Some(base) if !rest.starts_with('/') && !base.is_empty() => {
                    format!("{}/{rest}", base.trim_end_matches('/'))
                }
                _ => rest.to_string(),
            };
            config.working_dir = Some(dir);
        }
        "STOPSIGNAL" => config.stop_signal = Some(rest.to_string()),
        "ONBUILD" => config.on_build.get_or_insert_with(Vec::new).push(rest.to_string()),
        "HEALTHCHECK" | "SHELL" => return Err(bad("not supported by rdock yet")),
        other => return Err(bad(&format!("{other} cannot be used here"))),
    }
    if rest.is_empty() && !matches!(word.to_ascii_uppercase().as_str(), "CMD" | "ENTRYPOINT") {
        return Err(bad("missing argument"));
    }
    Ok(())
}

/// Exec form (a JSON array) or shell form (run by `/bin/sh -c`).
fn command(rest: &str) -> Vec<String> {
    if rest.starts_with('[') {
        if let Ok(list) = serde_json::from_str::<Vec<String>>(rest) {
            return list;
        }
    }
    if rest.is_empty() {
        return Vec::new();
    }
    vec!["/bin/sh".into(), "-c".into(), rest.to_string()]
}

/// `k=v k2="v 2"` pairs; for ENV also the old `KEY value` form.
fn pairs(rest: &str, legacy: bool) -> std::result::Result<Vec<(String, String)>, String> {
    let words = split_words(rest)?;
    if legacy && !words.first().is_some_and(|w| w.contains('=')) {
        let (key, value) = rest.split_once(char::is_whitespace).ok_or("ENV needs a value")?;
        return Ok(vec![(key.to_string(), value.trim().to_string())]);
    }
    words
        .into_iter()
        .map(|w| match w.split_once('=') {
            Some((k, v)) if !k.is_empty() => Ok((k.to_string(), v.to_string())),
            _ => Err(format!("{w:?} is not KEY=VALUE")),
        })
        .collect()
}

/// Splits on spaces, honouring double and single quotes and backslashes.
fn split_words(s: &str) -> std::result::Result<Vec<String>, String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut in_word = false;
    let mut quote = None;
    let mut chars = s.chars();
    while let Some(c) = chars.next() {
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (Some('"') | None, '\\') => {
                if let Some(n) = chars.next() {
                    cur.push(n);
                }
                in_word = true;
            }
            (Some(_), c) => cur.push(c),
            (None, '"' | '\'') => {
                quote = Some(c);
                in_word = true;
            }
            (None, c) if c.is_whitespace() => {
                if in_word {
                    out.push(std::mem::take(&mut cur));
                    in_word = false;
                }
            }
            (None, c) => {
                cur.push(c);
                in_word = true;
            }
        }
    }
    if quote.is_some() {
        return Err("unterminated quote".into());
    }
    if in_word {
        out.push(cur);
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn changes() {
        let mut c = RunConfig { env: Some(vec!["A=0".into(), "PATH=/bin".into()]), ..Default::default() };
        apply(&mut c, "CMD [\"echo\", \"hi\"]").unwrap();
        apply(&mut c, "ENTRYPOINT /bin/entry --x").unwrap();
        apply(&mut c, "ENV A=1 B=\"two words\"").unwrap();
        apply(&mut c, "ENV C three four").unwrap();
        apply(&mut c, "LABEL a=b").unwrap();
        apply(&mut c, "EXPOSE 80 53/udp").unwrap();
        apply(&mut c, "WORKDIR /srv").unwrap();
        apply(&mut c, "WORKDIR app").unwrap();
        assert_eq!(c.cmd.unwrap(), ["echo", "hi"]);
        assert_eq!(c.entrypoint.unwrap(), ["/bin/sh", "-c", "/bin/entry --x"]);
        assert_eq!(c.env.unwrap(), ["PATH=/bin", "A=1", "B=two words", "C=three four"]);
        assert_eq!(c.labels.unwrap()["a"], "b");
        assert_eq!(c.exposed_ports.unwrap().keys().cloned().collect::<Vec<_>>(), ["53/udp", "80/tcp"]);
        assert_eq!(c.working_dir.unwrap(), "/srv/app");
        let mut c = RunConfig::default();
        assert!(apply(&mut c, "RUN true").is_err());
        assert!(apply(&mut c, "EXPOSE http").is_err());
        assert!(apply(&mut c, "ENV =x").is_err());
    }
}

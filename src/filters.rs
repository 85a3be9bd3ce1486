//! `--filter key=value` flags, shared by the listing commands.

use crate::error::{Error, Result};

/// `--filter key=value` values, refusing keys outside `allowed`; a bare key
/// has an empty value.
pub fn parse_filters(values: &[String], allowed: &[&str]) -> Result<Vec<(String, String)>> {
    values
        .iter()
        .map(|f| {
            let (k, v) = f.split_once('=').unwrap_or((f, ""));
            if !allowed.contains(&k) {
                return Err(Error::InvalidArgument(format!("invalid filter '{k}'")));
            }
            Ok((k.to_string(), v.to_string()))
        })
        .collect()
}

/// `ps --filter`: every key Docker's `ps` takes, all of one key OR'ed, the
/// keys AND'ed (`label` entries all must hold, as Docker's).
#[derive(Debug, Default)]
pub struct ContainerFilters {
    pub id: Vec<String>,
    name: Vec<regex::Regex>,
    pub label: Vec<String>,
    pub status: Vec<String>,
    pub ancestor: Vec<String>,
    pub exited: Vec<i32>,
    pub before: Option<String>,
    pub since: Option<String>,
    pub network: Vec<String>,
    pub volume: Vec<String>,
    pub publish: Vec<String>,
    pub expose: Vec<String>,
    pub health: Vec<String>,
    pub is_task: Option<bool>,
}

impl ContainerFilters {
    pub fn parse(list: &[String]) -> Result<ContainerFilters> {
        let mut f = ContainerFilters::default();
        for item in list {
            let (k, v) = item.split_once('=').ok_or_else(|| {
                Error::InvalidArgument(format!("bad format of filter (expected name=value): {item}"))
            })?;
            let v = v.to_string();
            let bad = || Error::InvalidArgument(format!("invalid filter '{k}={v}'"));
            match k {
                "id" => f.id.push(v),
                "name" => f.name.push(
                    regex::Regex::new(&v)
                        .map_err(|e| Error::InvalidArgument(format!("invalid filter 'name={v}': {e}")))?,
                ),
                "label" => f.label.push(v),
                "status" => {
                    const VALID: &[&str] =
                        &["created", "restarting", "running", "removing", "paused", "exited", "dead"];
                    if !VALID.contains(&v.as_str()) {
                        return Err(Error::InvalidArgument(format!(
                            "invalid filter 'status={v}': Invalid filter 'status={v}'"
                        )));
                    }
                    f.status.push(v)
                }
                "ancestor" => f.ancestor.push(v),
                "exited" => f.exited.push(v.parse().map_err(|_| bad())?),
                "before" => f.before = Some(v),
                "since" => f.since = Some(v),
                "network" => f.network.push(v),
                "volume" => f.volume.push(v),
                "publish" => f.publish.push(crate::net::ports::port_key(&v)),
                "expose" => f.expose.push(crate::net::ports::port_key(&v)),
                "health" => {
                    if !matches!(v.as_str(), "starting" | "healthy" | "unhealthy" | "none") {
                        return Err(Error::InvalidArgument(format!(
                            "Unrecognised filter value for health: {v}"
                        )));
                    }
                    f.health.push(v)
                }
                "is-task" => f.is_task = Some(v.parse().map_err(|_| bad())?),
                _ => return Err(Error::InvalidArgument(format!("invalid filter '{k}'"))),
            }
        }
        Ok(f)
    }

    /// Whether `--filter status=`/`exited=` asks for stopped containers too.
    pub fn wants_stopped(&self) -> bool {
        !self.status.is_empty() || !self.exited.is_empty()
    }

    /// Whether `rec` passes; `image_id` looks up what an ancestor names,
    /// `created` what before/since name (both resolved once by the caller).
    pub fn matches(
        &self,
        rec: &crate::storage::containers::ContainerRecord,
        ancestors: &[String],
        before: Option<&str>,
        since: Option<&str>,
    ) -> bool {
        use crate::storage::containers::Status;
        let c = &rec.config;
        let any = |list: &[String], f: &dyn Fn(&str) -> bool| list.is_empty() || list.iter().any(|v| f(v));
        let label = |want: &str| match want.split_once('=') {
            Some((k, v)) => c.labels.get(k).is_some_and(|x| x == v),
            None => c.labels.contains_key(want),
        };
        let on_network = |n: &str| {
            c.host.network_mode == n
                || c.host.networks.iter().any(|e| e.network == n || n.len() >= 12 && e.network.starts_with(n))
        };
        let has_volume = |v: &str| c.host.mounts.iter().any(|m| m.source == v || m.destination == v);
        let publishes = |p: &str| {
            c.host.port_bindings.iter().any(|b| {
                let key = format!("{}/{}", b.container_port, b.proto);
                key == p || format!("{}/{}", b.host_port, b.proto) == p
            })
        };
        let exposes = |p: &str| c.exposed_ports.iter().any(|e| e == p);
        self.id.iter().all(|p| c.id.starts_with(p.as_str()))
            // Docker matches `/name` and `name` both (`^/web$` and `^web$` alike).
            && (self.name.is_empty() || self.name.iter().any(|re| {
                let bare = c.name.trim_start_matches('/');
                re.is_match(bare) || re.is_match(&format!("/{bare}"))
            }))
            && self.label.iter().all(|l| label(l))
            && any(&self.status, &|s| s == rec.state.status.as_str())
            && (self.ancestor.is_empty() || self.ancestor.contains(&c.image) || ancestors.contains(&c.image_id))
            && (self.exited.is_empty()
                || rec.state.status == Status::Exited && self.exited.contains(&rec.state.exit_code))
            && before.is_none_or(|b| c.created.as_str() < b)
            && since.is_none_or(|s| c.created.as_str() > s)
            && any(&self.network, &on_network)
            && any(&self.volume, &has_volume)
            && any(&self.publish, &publishes)
            && any(&self.expose, &exposes)
            && any(&self.health, &|h| h == rec.state.health.as_ref().map_or("none", |x| x.status.as_str()))
            // No swarm: nothing is a task.
            && self.is_task != Some(true)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::prop::Rng;

    #[test]
    fn container_names_as_regular_expressions() {
        let rec = |name: &str| crate::storage::containers::ContainerRecord {
            config: crate::storage::containers::ContainerConfig { name: name.into(), ..Default::default() },
            state: Default::default(),
        };
        let passes = |filter: &str, name: &str| {
            ContainerFilters::parse(&[format!("name={filter}")]).unwrap().matches(&rec(name), &[], None, None)
        };
        assert!(passes("web", "myweb1"));
        assert!(passes("^web$", "web") && passes("^/web$", "web"));
        assert!(!passes("^web$", "web1"));
        assert!(passes("^web-[0-9]+$", "web-12"));
        assert!(ContainerFilters::parse(&["name=[".to_string()]).is_err());
    }

    #[test]
    fn keys_outside_the_allowed_are_refused() {
        let v = |s: &[&str]| s.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert_eq!(
            parse_filters(&v(&["name=a=b", "label"]), &["name", "label"]).unwrap(),
            [("name".to_string(), "a=b".to_string()), ("label".to_string(), String::new())]
        );
        assert_eq!(parse_filters(&v(&["nme=a"]), &["name"]).unwrap_err().to_string(), "invalid filter 'nme'");
        let allowed = &["name", "label", "label!"];
        let mut rng = Rng::new(11);
        for _ in 0..10_000 {
            let values: Vec<String> = (0..rng.below(4))
                .map(|_| rng.tokens(&["name", "label", "!", "=", "a", "", " "], 4))
                .collect();
            match parse_filters(&values, allowed) {
                Ok(pairs) => {
                    for ((k, v), raw) in pairs.iter().zip(&values) {
                        assert!(allowed.contains(&k.as_str()) && (raw == k || *raw == format!("{k}={v}")));
                    }
                }
                Err(_) => assert!(values
                    .iter()
                    .any(|f| !allowed.contains(&f.split_once('=').map_or(f.as_str(), |p| p.0)))),
            }
        }
    }
}

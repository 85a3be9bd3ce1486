//! `-p`/`-P` parsing, host port allocation and the `port` command's view.

use std::collections::BTreeMap;
use std::net::{IpAddr, SocketAddr, TcpListener, UdpSocket};

use crate::error::{Error, Result};
use crate::storage::containers::PortBinding;
use crate::storage::networks::PublishedPort;

/// `[ip:][hostPort[-end]:]containerPort[-end][/proto]`, as Docker takes it
/// (and refuses it: go-connections' nat.ParsePortSpec wording, "docker: …").
pub fn parse_publish(spec: &str) -> Result<Vec<PortBinding>> {
    // Like Docker: the last two colon parts are the ports, the rest the IP.
    let parts: Vec<&str> = spec.split(':').collect();
    let n = parts.len();
    let (ip, host, ctr) = match n {
        1 => (String::new(), "", parts[0]),
        _ => (parts[..n.saturating_sub(2)].join(":"), parts[n - 2], parts[n - 1]),
    };
    let (ctr, proto) = ctr.split_once('/').unwrap_or((ctr, "tcp"));
    let proto = match proto.to_ascii_lowercase().as_str() {
        p @ ("tcp" | "udp") => p.to_string(),
        "sctp" => {
            return Err(Error::Usage(format!(
                "invalid publish spec {spec:?}: sctp is not supported (tcp or udp)"
            )))
        }
        p => return Err(Error::Usage(format!("invalid proto: {p}"))),
    };
    let ip = ip.trim_start_matches('[').trim_end_matches(']');
    match ip.parse::<IpAddr>() {
        _ if ip.is_empty() => {}
        Ok(IpAddr::V4(_)) => {}
        Ok(_) => {
            return Err(Error::Usage(format!("invalid publish spec {spec:?}: {ip} is not an IPv4 address")))
        }
        Err(_) => return Err(Error::Usage(format!("invalid IP address: {ip}"))),
    }
    if ctr.is_empty() {
        return Err(Error::Usage(format!("no port specified: {spec}<empty>")));
    }
    let range = |s: &str| -> Option<(u16, u16)> {
        let (a, b) = s.split_once('-').unwrap_or((s, s));
        let (a, b): (u16, u16) = (a.parse().ok()?, b.parse().ok()?);
        (a != 0 && b >= a).then_some((a, b))
    };
    let (c0, c1) = range(ctr).ok_or_else(|| Error::Usage(format!("invalid containerPort: {ctr}")))?;
    let count = c1 - c0 + 1;
    let hosts: Vec<u16> = if host.is_empty() {
        vec![0; count as usize]
    } else {
        let (h0, h1) = range(host).ok_or_else(|| Error::Usage(format!("invalid hostPort: {host}")))?;
        if h1 - h0 + 1 != count {
            if h1 - h0 + 1 > 1 && count == 1 {
                // Docker lets a single container port take the first free port of a host range;
                // we take the first of the range.
                return Ok(vec![PortBinding {
                    host_ip: ip.to_string(),
                    host_port: h0,
                    container_port: c0,
                    proto,
                }]);
            }
            return Err(Error::Usage(format!(
                "invalid ranges specified for container and host Ports: {ctr} and {host}"
            )));
        }
        (h0..=h1).collect()
    };
    Ok((c0..=c1)
        .zip(hosts)
        .map(|(c, h)| PortBinding {
            host_ip: ip.to_string(),
            host_port: h,
            container_port: c,
            proto: proto.clone(),
        })
        .collect())
}

/// Docker's key for a port: `80` → `80/tcp`, `53/udp` as is.
pub fn port_key(spec: &str) -> String {
    if spec.contains('/') {
        spec.to_string()
    } else {
        format!("{spec}/tcp")
    }
}

/// `-P`: every exposed port (`80/tcp`, `53/udp`, `8080`) to a free host port.
pub fn publish_all(exposed: &[String]) -> Vec<PortBinding> {
    exposed
        .iter()
        .filter_map(|e| {
            let (port, proto) = e.split_once('/').unwrap_or((e, "tcp"));
            Some(PortBinding {
                host_ip: String::new(),
                host_port: 0,
                container_port: port.parse().ok()?,
                proto: proto.into(),
            })
        })
        .collect()
}

fn overlaps(a: &str, b: &str) -> bool {
    let any = |ip: &str| ip.is_empty() || ip == "0.0.0.0";
    any(a) || any(b) || a == b
}

/// Chooses host ports for `wanted`, refusing ports another container holds or a
/// host process listens on.
pub fn allocate(
    container_id: &str,
    container_ip: &str,
    wanted: &[PortBinding],
    taken: &[PublishedPort],
) -> Result<Vec<PublishedPort>> {
    let mut out: Vec<PublishedPort> = Vec::new();
    for b in wanted {
        let host_ip = if b.host_ip.is_empty() { "0.0.0.0".to_string() } else { b.host_ip.clone() };
        let clash = |port: u16| {
            taken
                .iter()
                .chain(out.iter())
                .any(|t| t.proto == b.proto && t.host_port == port && overlaps(&t.host_ip, &host_ip))
        };
        let port = if b.host_port == 0 {
            (0..64)
                .find_map(|_| free_port(&host_ip, &b.proto).filter(|p| !clash(*p)))
                .ok_or_else(|| Error::Network("no free host port to publish on".into()))?
        } else {
            if clash(b.host_port) {
                return Err(Error::Conflict(format!(
                    "Bind for {host_ip}:{} failed: port is already allocated",
                    b.host_port
                )));
            }
            if let Err(e) = try_bind(&host_ip, b.host_port, &b.proto) {
                return Err(Error::Conflict(format!(
                    "driver failed programming external connectivity: listen {}4 {host_ip}:{}: bind: {e}",
                    b.proto, b.host_port
                )));
            }
            b.host_port
        };
        out.push(PublishedPort {
            container_id: container_id.into(),
            host_ip,
            host_port: port,
            container_port: b.container_port,
            proto: b.proto.clone(),
            container_ip: container_ip.into(),
        });
    }
    Ok(out)
}

fn try_bind(ip: &str, port: u16, proto: &str) -> std::io::Result<u16> {
    let addr: SocketAddr = format!("{ip}:{port}").parse().map_err(std::io::Error::other)?;
    if proto == "udp" {
        UdpSocket::bind(addr)?.local_addr().map(|a| a.port())
    } else {
        TcpListener::bind(addr)?.local_addr().map(|a| a.port())
    }
}

fn free_port(ip: &str, proto: &str) -> Option<u16> {
    try_bind(ip, 0, proto).ok()
}

/// Docker's `port` lines and inspect's `Ports`: "80/tcp" → ["0.0.0.0:8080"].
pub fn by_container_port(ports: &[&PublishedPort]) -> BTreeMap<String, Vec<(String, u16)>> {
    let mut out: BTreeMap<String, Vec<(String, u16)>> = BTreeMap::new();
    for p in ports {
        out.entry(format!("{}/{}", p.container_port, p.proto))
            .or_default()
            .push((p.host_ip.clone(), p.host_port));
    }
    out
}

/// The PORTS column of `ps`: "0.0.0.0:8080->80/tcp, 53/udp".
pub fn ps_column(published: &[&PublishedPort], exposed: &[String]) -> String {
    let mut parts: Vec<String> = published
        .iter()
        .map(|p| format!("{}:{}->{}/{}", p.host_ip, p.host_port, p.container_port, p.proto))
        .collect();
    for e in exposed {
        let key = port_key(e);
        if !published.iter().any(|p| format!("{}/{}", p.container_port, p.proto) == key) {
            parts.push(key);
        }
    }
    parts.join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn publish_specs() {
        let p = parse_publish("127.0.0.1:8080:80").unwrap();
        assert_eq!(
            p,
            vec![PortBinding {
                host_ip: "127.0.0.1".into(),
                host_port: 8080,
                container_port: 80,
                proto: "tcp".into()
            }]
        );
        let p = parse_publish("8000-8001:80-81/udp").unwrap();
        assert_eq!((p[1].host_port, p[1].container_port, p[1].proto.as_str()), (8001, 81, "udp"));
        assert_eq!(parse_publish("80").unwrap()[0].host_port, 0);
        assert!(parse_publish("80/sctp").is_err());
        assert!(parse_publish("a:b:c:d").is_err());
        assert!(parse_publish("8000-8002:80-81").is_err());
        let err = |spec| parse_publish(spec).unwrap_err().to_string();
        assert_eq!(err("abc"), "invalid containerPort: abc");
        assert_eq!(err("99999:80"), "invalid hostPort: 99999");
        assert_eq!(err("80:80:80"), "invalid IP address: 80");
        assert_eq!(err("80/foo"), "invalid proto: foo");
        assert_eq!(err("8080:"), "no port specified: 8080:<empty>");
        assert_eq!(publish_all(&["80/tcp".into(), "53/udp".into()]).len(), 2);
    }

    #[test]
    fn conflicts() {
        let taken = vec![PublishedPort {
            container_id: "a".into(),
            host_ip: "0.0.0.0".into(),
            host_port: 18080,
            container_port: 80,
            proto: "tcp".into(),
            container_ip: "172.17.0.2".into(),
        }];
        let want = parse_publish("127.0.0.1:18080:80").unwrap();
        let err = allocate("b", "172.17.0.3", &want, &taken).unwrap_err().to_string();
        assert!(err.contains("port is already allocated"), "{err}");
        let want = parse_publish("18080:80/udp").unwrap();
        assert_eq!(allocate("b", "172.17.0.3", &want, &taken).unwrap()[0].host_port, 18080);
    }
}

#[cfg(test)]
mod prop {
    use super::*;
    use crate::prop::Rng;

    const PIECES: &[&str] = &[
        "1",
        "80",
        "8080",
        "65535",
        "65536",
        "0",
        "-",
        ":",
        ":",
        "/tcp",
        "/udp",
        "/UDP",
        "/sctp",
        "/",
        "127.0.0.1",
        "[",
        "]",
        "::1",
        "a",
        "99999",
        "-81",
        " ",
    ];

    /// Each binding, printed as a one-port spec, parses back to itself.
    #[test]
    fn publish_specs_print_back() {
        let mut rng = Rng::new(8);
        for _ in 0..20_000 {
            let s = rng.tokens(PIECES, 7);
            let Ok(bindings) = parse_publish(&s) else { continue };
            assert!(!bindings.is_empty(), "{s:?}");
            for b in bindings {
                let host = match (b.host_ip.as_str(), b.host_port) {
                    ("", 0) => String::new(),
                    (ip, 0) => format!("{ip}::"),
                    ("", p) => format!("{p}:"),
                    (ip, p) => format!("{ip}:{p}:"),
                };
                let spec = format!("{host}{}/{}", b.container_port, b.proto);
                assert_eq!(parse_publish(&spec).ok(), Some(vec![b]), "{spec:?} from {s:?}");
            }
        }
    }
}

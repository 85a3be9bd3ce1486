//! NAT and isolation rules in an nftables table of our own (`ip rdock`),
//! written as nft scripts that `nft -f -` applies in one transaction. Every
//! rule carries a comment naming its owner (`net:ID` or `ctr:ID`), which is
//! how teardown finds them again, also after a crash.

use std::io::Write;
use std::process::{Command, Stdio};

use crate::error::{Error, Result};
use crate::storage::networks::{NetworkRecord, PublishedPort};

const TABLE: &str = "ip rdock";

/// nft lives in sbin, which a user's PATH (rootless) may lack.
fn nft_command() -> Command {
    let found = ["/usr/sbin/nft", "/sbin/nft"].into_iter().find(|p| std::path::Path::new(p).exists());
    Command::new(found.unwrap_or("nft"))
}

fn nft(script: &str) -> Result<()> {
    let mut child = nft_command()
        .args(["-f", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| Error::io("running nft (install nftables)", e))?;
    child
        .stdin
        .take()
        .expect("piped")
        .write_all(script.as_bytes())
        .map_err(|e| Error::io("writing to nft", e))?;
    let out = child.wait_with_output().map_err(|e| Error::io("waiting for nft", e))?;
    if !out.status.success() {
        let msg = String::from_utf8_lossy(&out.stderr);
        let first = msg.lines().find(|l| l.starts_with("Error")).unwrap_or(msg.trim());
        return Err(Error::Network(format!("nftables: {first}")));
    }
    Ok(())
}

/// The table and its base chains; published ports are looked up for traffic
/// to any local address, from outside (prerouting) and from the host (output).
fn base_script() -> String {
    format!(
        "add table {TABLE}
add chain {TABLE} ports
add chain {TABLE} prerouting {{ type nat hook prerouting priority dstnat; policy accept; }}
add chain {TABLE} output {{ type nat hook output priority -100; policy accept; }}
add chain {TABLE} postrouting {{ type nat hook postrouting priority srcnat; policy accept; }}
add chain {TABLE} forward {{ type filter hook forward priority filter; policy accept; }}
add rule {TABLE} prerouting fib daddr type local jump ports
add rule {TABLE} output fib daddr type local jump ports
"
    )
}

/// Rules of one network: masquerade to the outside (unless internal),
/// published ports reached from the host's loopback or from a container of the
/// same network, and for internal networks no forwarding off the bridge.
fn network_script(net: &NetworkRecord) -> String {
    let (s, br, c) = (&net.subnet, &net.bridge, format!("net:{}", net.id));
    let mut out = String::new();
    if net.internal {
        out +=
            &format!("add rule {TABLE} forward iifname \"{br}\" oifname != \"{br}\" drop comment \"{c}\"\n");
        out +=
            &format!("add rule {TABLE} forward oifname \"{br}\" iifname != \"{br}\" drop comment \"{c}\"\n");
    } else {
        out += &format!(
            "add rule {TABLE} postrouting ip saddr {s} ip daddr != {s} masquerade comment \"{c}\"\n"
        );
    }
    out += &format!(
        "add rule {TABLE} postrouting ip saddr 127.0.0.0/8 oifname \"{br}\" masquerade comment \"{c}\"\n"
    );
    out += &format!(
        "add rule {TABLE} postrouting ip saddr {s} ip daddr {s} ct status dnat masquerade comment \"{c}\"\n"
    );
    out
}

fn port_rule(p: &PublishedPort) -> String {
    let daddr = match p.host_ip.as_str() {
        "" | "0.0.0.0" => String::new(),
        ip => format!("ip daddr {ip} "),
    };
    format!(
        "add rule {TABLE} ports {daddr}{} dport {} dnat to {}:{} comment \"ctr:{}\"\n",
        p.proto, p.host_port, p.container_ip, p.container_port, p.container_id
    )
}

/// Installs the rules of a network (replacing any it had), creating the table on first use.
pub fn add_network(net: &NetworkRecord) -> Result<()> {
    let mut script = match listing()? {
        Some(rules) => delete_script(&rules, &format!("net:{}", net.id)),
        None => base_script(),
    };
    script += &network_script(net);
    nft(&script)?;
    enable_forwarding(&net.bridge)
}

pub fn add_ports(ports: &[PublishedPort]) -> Result<()> {
    if ports.is_empty() {
        return Ok(());
    }
    let mut script = if listing()?.is_some() { String::new() } else { base_script() };
    for p in ports {
        script += &port_rule(p);
    }
    nft(&script)
}

pub fn remove_network(id: &str) -> Result<()> {
    remove_owned(&format!("net:{id}"))
}

pub fn remove_container(id: &str) -> Result<()> {
    remove_owned(&format!("ctr:{id}"))
}

fn remove_owned(owner: &str) -> Result<()> {
    let Some(rules) = listing()? else {
        return Ok(());
    };
    let script = delete_script(&rules, owner);
    if script.is_empty() {
        return Ok(());
    }
    nft(&script)
}

/// Our table as `nft -j` lists it, or None when it does not exist yet.
fn listing() -> Result<Option<serde_json::Value>> {
    let out = nft_command()
        .args(["-j", "list", "table", "ip", "rdock"])
        .stderr(Stdio::null())
        .output()
        .map_err(|e| Error::io("running nft (install nftables)", e))?;
    if !out.status.success() {
        return Ok(None);
    }
    serde_json::from_slice(&out.stdout)
        .map(Some)
        .map_err(|e| Error::Network(format!("reading nft's rule listing: {e}")))
}

/// `delete rule` lines for every rule in `listing` whose comment is `owner`.
fn delete_script(listing: &serde_json::Value, owner: &str) -> String {
    let mut script = String::new();
    for item in listing["nftables"].as_array().into_iter().flatten() {
        let rule = &item["rule"];
        if rule["comment"].as_str() == Some(owner) {
            if let (Some(chain), Some(handle)) = (rule["chain"].as_str(), rule["handle"].as_u64()) {
                script += &format!("delete rule {TABLE} {chain} handle {handle}\n");
            }
        }
    }
    script
}

/// Routing between the bridge and the outside, and DNAT of traffic from the
/// host's loopback (which the kernel otherwise refuses to route off `lo`).
fn enable_forwarding(bridge: &str) -> Result<()> {
    for (path, what) in [
        ("/proc/sys/net/ipv4/ip_forward".to_string(), "enabling IPv4 forwarding"),
        (format!("/proc/sys/net/ipv4/conf/{bridge}/route_localnet"), "enabling route_localnet on the bridge"),
    ] {
        if std::fs::read_to_string(&path).map(|v| v.trim() == "1").unwrap_or(false) {
            continue;
        }
        std::fs::write(&path, "1").map_err(|e| Error::io(what, e))?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rules() {
        let net = NetworkRecord {
            id: "abc".into(),
            subnet: "172.18.0.0/16".into(),
            bridge: "rd-abc".into(),
            ..Default::default()
        };
        let s = network_script(&net);
        assert!(s.contains("ip saddr 172.18.0.0/16 ip daddr != 172.18.0.0/16 masquerade comment \"net:abc\""));
        assert!(!s.contains("drop"));
        let internal = network_script(&NetworkRecord { internal: true, ..net });
        assert!(internal.contains("drop") && !internal.contains("daddr != 172.18.0.0/16 masquerade"));
        let p = PublishedPort {
            container_id: "c1".into(),
            host_ip: "127.0.0.1".into(),
            host_port: 8080,
            container_port: 80,
            proto: "tcp".into(),
            container_ip: "172.18.0.2".into(),
        };
        assert_eq!(
            port_rule(&p),
            "add rule ip rdock ports ip daddr 127.0.0.1 tcp dport 8080 dnat to 172.18.0.2:80 comment \"ctr:c1\"\n"
        );
    }
}

//! IPv4 address management: subnets for new networks (skipping what the host
//! already routes) and addresses for containers within them.

use std::collections::HashSet;
use std::fmt;
use std::net::Ipv4Addr;

use crate::error::{Error, Result};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Subnet {
    /// The network address (host bits cleared).
    pub addr: Ipv4Addr,
    pub prefix: u8,
}

impl Subnet {
    pub fn new(addr: Ipv4Addr, prefix: u8) -> Subnet {
        let mask = mask(prefix);
        Subnet { addr: Ipv4Addr::from(u32::from(addr) & mask), prefix }
    }

    /// `a.b.c.d/n`; host bits set in the address are refused, as Docker does.
    pub fn parse(s: &str) -> Result<Subnet> {
        let bad = || {
            Error::InvalidArgument(format!(
                "invalid subnet {s:?}: expected an IPv4 CIDR such as 172.20.0.0/16"
            ))
        };
        let (a, p) = s.split_once('/').ok_or_else(bad)?;
        let addr: Ipv4Addr = a.parse().map_err(|_| bad())?;
        let prefix: u8 = p.parse().map_err(|_| bad())?;
        if !(8..=30).contains(&prefix) {
            return Err(Error::InvalidArgument(format!(
                "invalid subnet {s}: the prefix must be between 8 and 30"
            )));
        }
        let net = Subnet::new(addr, prefix);
        if net.addr != addr {
            return Err(Error::InvalidArgument(format!(
                "invalid subnet {s}: it has host bits set (the network is {net})"
            )));
        }
        Ok(net)
    }

    pub fn contains(&self, ip: Ipv4Addr) -> bool {
        u32::from(ip) & mask(self.prefix) == u32::from(self.addr)
    }

    pub fn overlaps(&self, other: &Subnet) -> bool {
        let p = self.prefix.min(other.prefix);
        u32::from(self.addr) & mask(p) == u32::from(other.addr) & mask(p)
    }

    pub fn size(&self) -> u64 {
        1u64 << (32 - self.prefix)
    }

    /// The `n`th address of the subnet.
    pub fn nth(&self, n: u64) -> Ipv4Addr {
        Ipv4Addr::from(u32::from(self.addr).wrapping_add(n as u32))
    }

    pub fn broadcast(&self) -> Ipv4Addr {
        self.nth(self.size() - 1)
    }
}

impl fmt::Display for Subnet {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}/{}", self.addr, self.prefix)
    }
}

fn mask(prefix: u8) -> u32 {
    if prefix == 0 {
        0
    } else {
        u32::MAX << (32 - prefix)
    }
}

/// Docker's default pools: 172.17–31.0.0/16, then 192.168.0.0/16 in /20s.
fn candidate_pools() -> impl Iterator<Item = Subnet> {
    let big = (17..=31).map(|b| Subnet::new(Ipv4Addr::new(172, b, 0, 0), 16));
    let small = (0..16).map(|i| Subnet::new(Ipv4Addr::new(192, 168, i * 16, 0), 20));
    big.chain(small)
}

/// The first default pool that overlaps neither a host route nor a network.
pub fn pick_subnet(taken: &[Subnet]) -> Result<Subnet> {
    candidate_pools().find(|c| !taken.iter().any(|t| t.overlaps(c))).ok_or_else(|| {
        Error::Network("could not find an available, non-overlapping IPv4 address pool among the defaults to assign to the network".into())
    })
}

/// The first free address in `range` (or the whole subnet), skipping the
/// network, gateway and broadcast addresses.
pub fn allocate(
    subnet: Subnet,
    range: Option<Subnet>,
    gateway: Ipv4Addr,
    used: &HashSet<Ipv4Addr>,
) -> Result<Ipv4Addr> {
    let pool = range.unwrap_or(subnet);
    (0..pool.size())
        .map(|n| pool.nth(n))
        .find(|ip| {
            *ip != subnet.addr
                && *ip != subnet.broadcast()
                && *ip != gateway
                && !used.contains(ip)
                && subnet.contains(*ip)
        })
        .ok_or_else(|| {
            Error::Network(format!("no available IPv4 addresses on this network's address pool ({pool})"))
        })
}

/// Docker's MAC for an address: 02:42 followed by the IPv4 bytes.
pub fn mac_for(ip: Ipv4Addr) -> String {
    let o = ip.octets();
    format!("02:42:{:02x}:{:02x}:{:02x}:{:02x}", o[0], o[1], o[2], o[3])
}

pub fn parse_mac(s: &str) -> Result<[u8; 6]> {
    let bad = || Error::InvalidArgument(format!("invalid MAC address: {s}"));
    let parts: Vec<&str> = s.split(':').collect();
    if parts.len() != 6 {
        return Err(bad());
    }
    let mut out = [0u8; 6];
    for (o, p) in out.iter_mut().zip(parts) {
        *o = u8::from_str_radix(p, 16).map_err(|_| bad())?;
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn subnets() {
        let s = Subnet::parse("172.18.0.0/16").unwrap();
        assert!(s.contains("172.18.3.4".parse().unwrap()));
        assert!(!s.contains("172.19.0.1".parse().unwrap()));
        assert!(Subnet::parse("172.18.0.1/16").is_err());
        assert!(Subnet::parse("nonsense").is_err());
        let routed = [Subnet::parse("172.17.0.0/16").unwrap(), Subnet::parse("172.18.5.0/24").unwrap()];
        assert_eq!(pick_subnet(&routed).unwrap().to_string(), "172.19.0.0/16");
    }

    #[test]
    fn addresses() {
        let s = Subnet::parse("10.1.0.0/29").unwrap();
        let gw: Ipv4Addr = "10.1.0.1".parse().unwrap();
        let mut used = HashSet::new();
        let a = allocate(s, None, gw, &used).unwrap();
        assert_eq!(a.to_string(), "10.1.0.2");
        used.insert(a);
        for _ in 0..4 {
            let b = allocate(s, None, gw, &used).unwrap();
            used.insert(b);
        }
        // .0 network, .1 gateway, .2-.6 used, .7 broadcast: full.
        assert!(allocate(s, None, gw, &used).is_err());
        let range = Subnet::parse("10.1.0.4/30").unwrap();
        assert_eq!(allocate(s, Some(range), gw, &HashSet::new()).unwrap().to_string(), "10.1.0.4");
        assert_eq!(mac_for("172.17.0.2".parse().unwrap()), "02:42:ac:11:00:02");
        assert_eq!(parse_mac("02:42:ac:11:00:02").unwrap()[2], 0xac);
    }
}

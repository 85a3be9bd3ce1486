//! Links, addresses and routes through rtnetlink. Each call opens its own
//! connection on a current-thread runtime; work inside a container's network
//! namespace runs on a short-lived thread that enters it (a thread, unlike a
//! process, can enter a namespace without a way back).

use std::fs::File;
use std::future::Future;
use std::net::Ipv4Addr;
use std::os::fd::AsRawFd;

use futures_util::TryStreamExt;
use rtnetlink::packet_route::address::AddressAttribute;
use rtnetlink::packet_route::link::{LinkAttribute, LinkMessage};
use rtnetlink::packet_route::route::{RouteAddress, RouteAttribute};
use rtnetlink::{Handle, LinkBridge, LinkUnspec, LinkVeth, RouteMessageBuilder};

use super::ipam::Subnet;
use crate::error::{Error, Result};

fn nl_err(what: &str) -> impl Fn(rtnetlink::Error) -> Error + '_ {
    move |e| Error::Network(format!("{what}: {}", describe(&e)))
}

fn describe(e: &rtnetlink::Error) -> String {
    match e {
        rtnetlink::Error::NetlinkError(m) if m.raw_code() != 0 => {
            std::io::Error::from_raw_os_error(-m.raw_code()).to_string()
        }
        other => other.to_string(),
    }
}

fn errno(e: &rtnetlink::Error) -> i32 {
    match e {
        rtnetlink::Error::NetlinkError(m) => -m.raw_code(),
        _ => 0,
    }
}

/// Runs `f` with a fresh netlink handle in the calling thread's namespace.
fn with_handle<T, F, Fut>(f: F) -> Result<T>
where
    F: FnOnce(Handle) -> Fut,
    Fut: Future<Output = Result<T>>,
{
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_io()
        .build()
        .map_err(|e| Error::io("starting the netlink runtime", e))?;
    rt.block_on(async move {
        let (conn, handle, _) =
            rtnetlink::new_connection().map_err(|e| Error::io("opening a netlink socket", e))?;
        tokio::spawn(conn);
        f(handle).await
    })
}

/// Runs `f` on a thread inside the network namespace `ns` (an open nsfs file).
/// Processes the thread starts (nft, say) are born in that namespace too.
pub fn in_netns<T: Send>(ns: &File, f: impl FnOnce() -> Result<T> + Send) -> Result<T> {
    std::thread::scope(|s| {
        s.spawn(move || {
            nix::sched::setns(ns, nix::sched::CloneFlags::CLONE_NEWNET)
                .map_err(|e| Error::io("entering a network namespace", e.into()))?;
            f()
        })
        .join()
        .unwrap_or_else(|_| Err(Error::Network("network setup thread panicked".into())))
    })
}

pub fn open_netns(pid: i32) -> Result<File> {
    File::open(format!("/proc/{pid}/ns/net"))
        .map_err(|e| Error::io(format!("opening the network namespace of process {pid}"), e))
}

async fn index_of(h: &Handle, name: &str) -> Result<Option<u32>> {
    match h.link().get().match_name(name).execute().try_next().await {
        Ok(Some(m)) => Ok(Some(m.header.index)),
        Ok(None) => Ok(None),
        Err(e) if errno(&e) == libc::ENODEV => Ok(None),
        Err(e) => Err(nl_err(&format!("looking up {name}"))(e)),
    }
}

async fn set_link(h: &Handle, msg: LinkMessage, what: &str) -> Result<()> {
    h.link().set(msg).execute().await.map_err(nl_err(what))
}

/// Creates the bridge with the gateway address if it is missing, and brings it up.
pub fn ensure_bridge(name: &str, gateway: Ipv4Addr, prefix: u8) -> Result<bool> {
    let name = name.to_string();
    with_handle(|h| async move {
        let mut created = false;
        let idx = match index_of(&h, &name).await? {
            Some(i) => i,
            None => {
                match h.link().add(LinkBridge::new(&name).build()).execute().await {
                    Ok(()) => created = true,
                    Err(e) if errno(&e) == libc::EEXIST => {}
                    Err(e) => return Err(nl_err(&format!("creating bridge {name}"))(e)),
                }
                index_of(&h, &name)
                    .await?
                    .ok_or_else(|| Error::Network(format!("bridge {name} vanished after creation")))?
            }
        };
        let mut addrs = h.address().get().set_link_index_filter(idx).execute();
        let mut has = false;
        while let Some(a) = addrs.try_next().await.map_err(nl_err("listing bridge addresses"))? {
            has |= a.attributes.iter().any(
                |at| matches!(at, AddressAttribute::Address(ip) if *ip == std::net::IpAddr::V4(gateway)),
            );
        }
        if !has {
            match h.address().add(idx, gateway.into(), prefix).execute().await {
                Ok(()) => {}
                Err(e) if errno(&e) == libc::EEXIST => {}
                Err(e) => return Err(nl_err(&format!("adding {gateway}/{prefix} to {name}"))(e)),
            }
        }
        set_link(&h, LinkUnspec::new_with_index(idx).up().build(), "bringing the bridge up").await?;
        Ok(created)
    })
}

/// The first IPv4 address (and prefix) of a link, if it exists.
pub fn link_ipv4(name: &str) -> Result<Option<(Ipv4Addr, u8)>> {
    let name = name.to_string();
    with_handle(|h| async move {
        let Some(idx) = index_of(&h, &name).await? else {
            return Ok(None);
        };
        let mut addrs = h.address().get().set_link_index_filter(idx).execute();
        while let Some(a) = addrs.try_next().await.map_err(nl_err("listing addresses"))? {
            for at in &a.attributes {
                if let AddressAttribute::Address(std::net::IpAddr::V4(ip)) = at {
                    return Ok(Some((*ip, a.header.prefix_len)));
                }
            }
        }
        Ok(None)
    })
}

/// Deletes a link by name; a missing one is fine.
pub fn delete_link(name: &str) -> Result<()> {
    let name = name.to_string();
    with_handle(|h| async move {
        let Some(idx) = index_of(&h, &name).await? else {
            return Ok(());
        };
        match h.link().del(idx).execute().await {
            Ok(()) => Ok(()),
            Err(e) if errno(&e) == libc::ENODEV => Ok(()),
            Err(e) => Err(nl_err(&format!("deleting {name}"))(e)),
        }
    })
}

/// A veth pair: `host` on `bridge` and up, `peer` moved into the namespace `ns`.
pub fn add_veth(host: &str, peer: &str, bridge: &str, ns: &File) -> Result<()> {
    let (host, peer, bridge) = (host.to_string(), peer.to_string(), bridge.to_string());
    let ns_fd = ns.as_raw_fd();
    with_handle(|h| async move {
        let br = index_of(&h, &bridge)
            .await?
            .ok_or_else(|| Error::Network(format!("bridge {bridge} is missing")))?;
        h.link()
            .add(LinkVeth::new(&host, &peer).build())
            .execute()
            .await
            .map_err(nl_err(&format!("creating veth {host}")))?;
        let hidx =
            index_of(&h, &host).await?.ok_or_else(|| Error::Network(format!("veth {host} is missing")))?;
        let pidx =
            index_of(&h, &peer).await?.ok_or_else(|| Error::Network(format!("veth {peer} is missing")))?;
        set_link(
            &h,
            LinkUnspec::new_with_index(hidx).controller(br).up().build(),
            "attaching the veth to the bridge",
        )
        .await?;
        set_link(
            &h,
            LinkUnspec::new_with_index(pidx).setns_by_fd(ns_fd).build(),
            "moving the veth into the container",
        )
        .await
    })
}

/// What the container's side of an interface gets.
#[derive(Debug, Clone)]
pub struct InsideConfig {
    /// The name the veth arrived with.
    pub from: String,
    /// eth0, eth1, ...
    pub ifname: String,
    pub mac: [u8; 6],
    pub ip: Ipv4Addr,
    pub prefix: u8,
    /// Set as the default route (the first network only).
    pub gateway: Option<Ipv4Addr>,
    /// `--link-local-ip` addresses (each a /16).
    pub link_local: Vec<Ipv4Addr>,
}

/// Inside the container's namespace: loopback up, then each interface renamed,
/// addressed and up, and the default route.
pub fn configure_inside(ns: &File, ifaces: Vec<InsideConfig>) -> Result<()> {
    in_netns(ns, move || {
        with_handle(|h| async move {
            if let Some(lo) = index_of(&h, "lo").await? {
                set_link(&h, LinkUnspec::new_with_index(lo).up().build(), "bringing up loopback").await?;
            }
            for c in ifaces {
                let idx = index_of(&h, &c.from)
                    .await?
                    .ok_or_else(|| Error::Network(format!("{} is missing in the container", c.from)))?;
                set_link(
                    &h,
                    LinkUnspec::new_with_index(idx).name(c.ifname.clone()).address(c.mac.to_vec()).build(),
                    "naming the container's interface",
                )
                .await?;
                h.address()
                    .add(idx, c.ip.into(), c.prefix)
                    .execute()
                    .await
                    .map_err(nl_err("adding the container's address"))?;
                for ll in &c.link_local {
                    h.address()
                        .add(idx, (*ll).into(), 16)
                        .execute()
                        .await
                        .map_err(nl_err("adding a link-local address"))?;
                }
                set_link(
                    &h,
                    LinkUnspec::new_with_index(idx).up().build(),
                    "bringing the container's interface up",
                )
                .await?;
                if let Some(gw) = c.gateway {
                    let route =
                        RouteMessageBuilder::<Ipv4Addr>::new().gateway(gw).output_interface(idx).build();
                    h.route().add(route).execute().await.map_err(nl_err("adding the default route"))?;
                }
            }
            Ok(())
        })
    })
}

/// Removes interfaces from the container's namespace (network disconnect).
pub fn delete_inside(ns: &File, ifname: &str) -> Result<()> {
    let ifname = ifname.to_string();
    in_netns(ns, move || delete_link(&ifname))
}

/// Brings up loopback only (`--network none`, and namespaces of their own).
pub fn loopback_up(ns: &File) -> Result<()> {
    configure_inside(ns, Vec::new())
}

/// The IPv4 prefixes the host routes or has addresses in, for IPAM to avoid.
pub fn host_subnets() -> Result<Vec<Subnet>> {
    with_handle(|h| async move {
        let mut out = Vec::new();
        let mut routes = h.route().get(RouteMessageBuilder::<Ipv4Addr>::new().build()).execute();
        while let Some(r) = routes.try_next().await.map_err(nl_err("listing routes"))? {
            let prefix = r.header.destination_prefix_length;
            if prefix == 0 {
                continue;
            }
            for a in &r.attributes {
                if let RouteAttribute::Destination(RouteAddress::Inet(ip)) = a {
                    out.push(Subnet::new(*ip, prefix));
                }
            }
        }
        Ok(out)
    })
}

/// The interface names of the calling thread's namespace.
pub fn link_names() -> Result<Vec<String>> {
    with_handle(|h| async move {
        let mut out = Vec::new();
        let mut links = h.link().get().execute();
        while let Some(l) = links.try_next().await.map_err(nl_err("listing links"))? {
            for a in &l.attributes {
                if let LinkAttribute::IfName(n) = a {
                    out.push(n.clone());
                }
            }
        }
        Ok(out)
    })
}

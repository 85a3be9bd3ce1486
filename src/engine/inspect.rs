//! The Engine API objects of `inspect`, `info` and `version` (see `crate::api`),
//! filled from rdock's records; what rdock has no notion of gets the value a
//! Docker 28 daemon gives it by default.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use crate::api::container::{self as ctr, Empty};
use crate::api::{image as img, network as net, system, volume, DriverData};
use crate::error::{Error, Result};
use crate::image::config::ImageConfig;
use crate::image::reference;
use crate::runtime::{cgroups, stats};
use crate::storage::containers::{ContainerConfig, ContainerRecord, Status, ZERO_TIME};
use crate::storage::networks::{Endpoint, NetState, DEFAULT_NETWORK};

use super::{builtin_network_id, Engine};

/// `Some(v)` unless empty: Go's nil slice or map, which prints `null`.
fn non_empty<T>(v: &[T]) -> Option<Vec<T>>
where
    T: Clone,
{
    (!v.is_empty()).then(|| v.to_vec())
}

fn non_empty_map(m: &BTreeMap<String, String>) -> Option<BTreeMap<String, String>> {
    (!m.is_empty()).then(|| m.clone())
}

fn key_set<'a>(keys: impl IntoIterator<Item = &'a String>) -> BTreeMap<String, Empty> {
    keys.into_iter().map(|k| (k.clone(), Empty {})).collect()
}

/// A time as Go's RFC3339Nano prints it: trailing zeros of the fraction
/// dropped (rdock records nine digits).
fn go_time(t: &str) -> String {
    let Some((head, rest)) = t.split_once('.') else { return t.to_string() };
    let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
    let frac = rest[..digits].trim_end_matches('0');
    let dot = if frac.is_empty() { "" } else { "." };
    format!("{head}{dot}{frac}{}", &rest[digits..])
}

/// A time as Go's RFC3339 prints it: whole seconds.
fn go_time_seconds(t: &str) -> String {
    crate::util::parse_time(t)
        .map(|t| t.to_rfc3339_opts(chrono::SecondsFormat::Secs, true))
        .unwrap_or_else(|| t.to_string())
}

fn path_str(p: PathBuf) -> String {
    p.display().to_string()
}

impl Engine {
    /// `inspect` of a container; with `size`, the bytes its filesystem holds.
    pub fn container_inspect(&self, key: &str, size: bool) -> Result<ctr::InspectResponse> {
        let rec = self.container(key)?;
        Ok(self.inspect_record(&rec, size))
    }

    fn inspect_record(&self, rec: &ContainerRecord, size: bool) -> ctr::InspectResponse {
        let c = &rec.config;
        let s = &rec.state;
        let dir = self.store.container_dir(&c.id);
        let dirs = self.store.rootfs_dirs(&c.id);
        let lowers: Vec<String> = c
            .layers
            .iter()
            .rev()
            .filter_map(|l| self.store.layer_diff_dir(l).ok())
            .map(|p| p.display().to_string())
            .collect();
        let driver = self.container_driver(&c.id).name();
        let (size_rw, size_root_fs) = if size {
            let rw = crate::storage::layer::disk_usage(&dirs.upper) as i64;
            let image: u64 = c.layers.iter().map(|l| self.store.layer_size(l)).sum();
            (Some(rw), Some(rw + image as i64))
        } else {
            (None, None)
        };
        let net_state = self.store.net_state_snapshot();
        let graph_data = BTreeMap::from([
            ("LowerDir".to_string(), lowers.join(":")),
            ("MergedDir".to_string(), path_str(dirs.merged)),
            ("UpperDir".to_string(), path_str(dirs.upper)),
            ("WorkDir".to_string(), path_str(dirs.work)),
        ]);
        ctr::InspectResponse {
            id: c.id.clone(),
            created: go_time(&c.created),
            path: c.path.clone(),
            args: Some(c.args.clone()),
            state: Some(ctr::State {
                status: s.status.as_str().into(),
                running: s.status.is_active(),
                paused: s.status == Status::Paused,
                restarting: s.status == Status::Restarting,
                oom_killed: s.oom_killed,
                dead: s.status == Status::Dead,
                pid: if s.status.is_active() { s.pid.into() } else { 0 },
                exit_code: s.exit_code.into(),
                error: s.error.clone(),
                started_at: go_time(&s.started_at),
                finished_at: go_time(&s.finished_at),
                health: health(rec),
            }),
            image: c.image_id.clone(),
            resolv_conf_path: path_str(dir.join("resolv.conf")),
            hostname_path: path_str(dir.join("hostname")),
            hosts_path: path_str(dir.join("hosts")),
            log_path: path_str(self.store.container_log_path(&c.id)),
            name: format!("/{}", c.name),
            restart_count: s.restart_count.into(),
            driver: driver.into(),
            platform: "linux".into(),
            mount_label: String::new(),
            process_label: String::new(),
            app_armor_profile: String::new(),
            exec_ids: None,
            host_config: Some(host_config(c)),
            graph_driver: DriverData { data: Some(graph_data), name: driver.into() },
            size_rw,
            size_root_fs,
            mounts: Some(c.host.mounts.iter().map(|m| self.mount_point(m)).collect()),
            config: Some(container_config(c)),
            network_settings: Some(self.network_settings(
                c,
                &net_state,
                s.status.is_active().then_some(s.pid),
            )),
            image_manifest_descriptor: None,
        }
    }

    fn mount_point(&self, m: &crate::storage::containers::MountPoint) -> ctr::MountPoint {
        let volume = m.typ == "volume";
        ctr::MountPoint {
            r#type: m.typ.clone(),
            name: if volume { m.source.clone() } else { String::new() },
            source: if volume { path_str(self.store.volume_data_dir(&m.source)) } else { m.source.clone() },
            destination: m.destination.clone(),
            driver: if volume { "local".into() } else { String::new() },
            mode: m.mode.clone(),
            rw: !m.read_only,
            propagation: match m.typ.as_str() {
                "bind" if m.propagation.is_empty() => "rprivate".into(),
                "bind" => m.propagation.clone(),
                _ => String::new(),
            },
        }
    }

    /// inspect's NetworkSettings: per-network endpoints while running (the
    /// configured networks with empty addresses otherwise), and published ports.
    fn network_settings(
        &self,
        c: &ContainerConfig,
        state: &NetState,
        pid: Option<i32>,
    ) -> ctr::NetworkSettings {
        let running = pid.is_some();
        let nets = self.store.networks().unwrap_or_default();
        let mut networks = BTreeMap::new();
        let mut default = ctr::DefaultNetworkSettings::default();
        for ec in &c.host.networks {
            let rec = nets.iter().find(|n| n.name == ec.network);
            let ep: Option<&Endpoint> = rec
                .and_then(|r| state.endpoints_of(&c.id).find(|e| e.network_id == r.id))
                .filter(|_| running);
            let user_defined = rec.is_some_and(|r| !r.is_default());
            let mut aliases = ec.aliases.clone();
            if user_defined {
                aliases.push(c.id[..12].to_string());
            }
            let endpoint = net::EndpointSettings {
                ipam_config: (!ec.ip.is_empty() || !ec.link_local_ips.is_empty()).then(|| {
                    net::EndpointIpamConfig {
                        ipv4_address: ec.ip.clone(),
                        link_local_ips: non_empty(&ec.link_local_ips),
                        ..Default::default()
                    }
                }),
                links: None,
                aliases: non_empty(&aliases),
                mac_address: ep.map(|e| e.mac.clone()).unwrap_or_else(|| ec.mac.clone()),
                driver_opts: None,
                gw_priority: 0,
                network_id: rec.map(|r| r.id.clone()).unwrap_or_default(),
                endpoint_id: ep
                    .map(|e| format!("{}{}", &e.network_id[..16], &c.id[..16]))
                    .unwrap_or_default(),
                gateway: ep.map(|e| e.gateway.clone()).unwrap_or_default(),
                ip_address: ep.map(|e| e.ip.clone()).unwrap_or_default(),
                ip_prefix_len: ep.map(|e| e.prefix.into()).unwrap_or(0),
                ipv6_gateway: String::new(),
                global_ipv6_address: String::new(),
                global_ipv6_prefix_len: 0,
                dns_names: user_defined.then(|| {
                    let mut n = vec![c.name.clone()];
                    n.extend(ec.aliases.iter().cloned());
                    n.push(c.id[..12].to_string());
                    n
                }),
            };
            // Docker's top-level fields: the default bridge's endpoint, if any.
            if ec.network == DEFAULT_NETWORK && ep.is_some() {
                default = ctr::DefaultNetworkSettings {
                    endpoint_id: endpoint.endpoint_id.clone(),
                    gateway: endpoint.gateway.clone(),
                    global_ipv6_address: String::new(),
                    global_ipv6_prefix_len: 0,
                    ip_address: endpoint.ip_address.clone(),
                    ip_prefix_len: endpoint.ip_prefix_len,
                    ipv6_gateway: String::new(),
                    mac_address: endpoint.mac_address.clone(),
                };
            }
            networks.insert(ec.network.clone(), endpoint);
        }
        if matches!(c.host.network_mode.as_str(), "host" | "none") {
            networks.insert(
                c.host.network_mode.clone(),
                net::EndpointSettings {
                    network_id: builtin_network_id(&c.host.network_mode),
                    ..Default::default()
                },
            );
        }
        let published: Vec<&crate::storage::networks::PublishedPort> =
            if running { state.ports_of(&c.id).collect() } else { Vec::new() };
        let mut ports: ctr::PortMap = c.exposed_ports.iter().map(|e| (e.clone(), None)).collect();
        for (k, v) in crate::net::ports::by_container_port(&published) {
            let bindings = v
                .iter()
                .map(|(ip, p)| ctr::PortBinding { host_ip: ip.to_string(), host_port: p.to_string() });
            ports.insert(k, Some(bindings.collect()));
        }
        ctr::NetworkSettings {
            base: ctr::NetworkSettingsBase {
                sandbox_key: match pid {
                    Some(pid) if c.host.network_mode != "host" => format!("/proc/{pid}/ns/net"),
                    _ => String::new(),
                },
                ports: Some(ports),
                ..Default::default()
            },
            default,
            networks: Some(networks),
        }
    }

    // ----- images -----

    pub fn image_inspect(&self, key: &str) -> Result<img::InspectResponse> {
        let image = self.image(key)?;
        let cfg = self.image_config(&image)?;
        let lowers: Vec<String> = image
            .layers
            .iter()
            .rev()
            .filter_map(|l| self.store.layer_diff_dir(&l.diff_id).ok())
            .map(|p| p.display().to_string())
            .collect();
        let extra_str =
            |key: &str| cfg.extra.get(key).and_then(|v| v.as_str()).unwrap_or_default().to_string();
        Ok(img::InspectResponse {
            id: image.id.clone(),
            repo_tags: image.names.iter().map(|n| reference::familiar(n)).collect(),
            repo_digests: image.digests.iter().map(|n| reference::familiar(n)).collect(),
            parent: String::new(),
            comment: cfg.comment.clone().unwrap_or_default(),
            created: go_time(cfg.created.as_deref().unwrap_or_default()),
            docker_version: cfg.docker_version.clone().unwrap_or_default(),
            author: cfg.author.clone().unwrap_or_default(),
            config: Some(image_run_config(&cfg)),
            architecture: cfg.architecture.clone(),
            variant: cfg.variant.clone().unwrap_or_default(),
            os: cfg.os.clone(),
            os_version: extra_str("os.version"),
            size: image.size as i64,
            graph_driver: DriverData {
                data: Some(BTreeMap::from([("LowerDir".to_string(), lowers.join(":"))])),
                name: self.store.driver().name().into(),
            },
            root_fs: img::RootFs { r#type: "layers".into(), layers: Some(cfg.rootfs.diff_ids.clone()) },
            metadata: img::Metadata {
                last_tag_time: if image.added.is_empty() { ZERO_TIME.into() } else { go_time(&image.added) },
            },
            ..Default::default()
        })
    }

    // ----- networks -----

    pub fn network_inspect(&self, key: &str) -> Result<net::Inspect> {
        let n = self.network(key)?;
        let state = self.store.net_state_snapshot();
        let containers = state
            .endpoints_on(&n.id)
            .map(|e| {
                let res = net::EndpointResource {
                    name: e.container_name.clone(),
                    endpoint_id: format!("{}{}", &e.network_id[..16], &e.container_id[..16]),
                    mac_address: e.mac.clone(),
                    ipv4_address: format!("{}/{}", e.ip, e.prefix),
                    ipv6_address: String::new(),
                };
                (e.container_id.clone(), res)
            })
            .collect();
        let config = if n.subnet.is_empty() {
            Vec::new()
        } else {
            vec![net::IpamConfig {
                subnet: n.subnet.clone(),
                ip_range: n.ip_range.clone(),
                gateway: n.gateway.clone(),
                aux_address: None,
            }]
        };
        let mut options = n.options.clone();
        if !n.bridge.is_empty() {
            options.insert("com.docker.network.bridge.name".into(), n.bridge.clone());
        }
        Ok(net::Inspect {
            name: n.name.clone(),
            id: n.id.clone(),
            created: if n.created.is_empty() { ZERO_TIME.to_string() } else { go_time(&n.created) },
            scope: "local".into(),
            driver: n.driver.clone(),
            enable_ipv4: true,
            enable_ipv6: false,
            ipam: net::Ipam {
                driver: "default".into(),
                options: Some(BTreeMap::new()),
                config: Some(config),
            },
            internal: n.internal,
            attachable: false,
            ingress: false,
            config_from: net::ConfigReference::default(),
            config_only: false,
            containers: Some(containers),
            options: Some(options),
            labels: Some(n.labels.clone()),
            peers: None,
            services: None,
        })
    }

    // ----- volumes -----

    pub fn volume_inspect(&self, name: &str) -> Result<volume::Volume> {
        let v = self.store.volume(name)?;
        Ok(volume::Volume {
            created_at: go_time_seconds(&v.created_at),
            driver: v.driver.clone(),
            labels: Some(v.labels.clone()),
            mountpoint: path_str(self.store.volume_data_dir(&v.name)),
            name: v.name.clone(),
            options: Some(v.options.clone()),
            scope: "local".into(),
            ..Default::default()
        })
    }

    // ----- system -----

    pub fn info(&self) -> Result<system::Info> {
        let recs = self.containers()?;
        let count = |st: Status| recs.iter().filter(|r| r.state.status == st).count() as i64;
        let uname = nix::sys::utsname::uname().map_err(|e| Error::io("uname", e.into()))?;
        let os_release = std::fs::read_to_string("/etc/os-release").unwrap_or_default();
        let os_field = |key: &str| {
            os_release.lines().find_map(|l| {
                l.strip_prefix(key).and_then(|v| v.strip_prefix('=')).map(|v| v.trim_matches('"').to_string())
            })
        };
        let driver = self.store.driver();
        let pair = |a: &str, b: &str| [a.to_string(), b.to_string()];
        let mut driver_status = vec![pair("Backing Filesystem", &backing_fs(&self.store.root))];
        if driver == crate::storage::overlay::Driver::Overlay {
            driver_status.push(pair("Native Overlay Diff", "true"));
            if self.store.rootless {
                driver_status.push(pair("userxattr", "true"));
            }
        }
        let cgroup_v2 = cgroups::version() == 2;
        let has_cgroups = cgroups::available(&[]);
        let limit = |controller: &str| has_cgroups && cgroups::available(&[controller]);
        let mut security = vec!["name=seccomp,profile=builtin".to_string()];
        if self.store.rootless {
            security.push("name=rootless".into());
        }
        if cgroup_v2 {
            security.push("name=cgroupns".into());
        }
        let mut warnings = Vec::new();
        if !has_cgroups {
            warnings.push(if cgroup_v2 {
                "WARNING: Running in rootless-mode without cgroups. Systemd is required to enable cgroups in rootless-mode."
            } else {
                "WARNING: Running in rootless-mode without cgroups. To enable cgroups in rootless-mode, you need to boot the system in cgroup v2 mode."
            }.to_string());
        }
        let proxy = |names: &[&str]| {
            names.iter().find_map(|n| std::env::var(n).ok().filter(|v| !v.is_empty())).unwrap_or_default()
        };
        let images = self.images()?.len() as i64;
        let running = count(Status::Running);
        let paused = count(Status::Paused);
        Ok(system::Info {
            id: String::new(),
            containers: recs.len() as i64,
            containers_running: running,
            containers_paused: paused,
            containers_stopped: recs.len() as i64 - running - paused,
            images,
            driver: driver.name().into(),
            driver_status: Some(driver_status),
            system_status: None,
            plugins: system::PluginsInfo {
                volume: Some(vec!["local".into()]),
                network: Some(vec!["bridge".into(), "host".into(), "null".into()]),
                authorization: None,
                log: Some(vec!["json-file".into()]),
            },
            memory_limit: limit("memory"),
            swap_limit: limit("memory"),
            kernel_memory: false,
            kernel_memory_tcp: false,
            cpu_cfs_period: limit("cpu"),
            cpu_cfs_quota: limit("cpu"),
            cpu_shares: limit("cpu"),
            cpu_set: limit("cpuset"),
            pids_limit: limit("pids"),
            ipv4_forwarding: std::fs::read_to_string("/proc/sys/net/ipv4/ip_forward")
                .is_ok_and(|v| v.trim() == "1"),
            debug: std::env::var_os("RDOCK_DEBUG").is_some_and(|v| !v.is_empty() && v != "0"),
            n_fd: std::fs::read_dir("/proc/self/fd").map(|d| d.count() as i64).unwrap_or(0),
            oom_kill_disable: !cgroup_v2 && limit("memory"),
            n_goroutines: thread_count(),
            system_time: chrono::Local::now().to_rfc3339_opts(chrono::SecondsFormat::Nanos, true),
            logging_driver: "json-file".into(),
            cgroup_driver: if has_cgroups { "cgroupfs" } else { "none" }.into(),
            cgroup_version: cgroups::version().to_string(),
            n_events_listener: 0,
            kernel_version: uname.release().to_string_lossy().into_owned(),
            operating_system: os_field("PRETTY_NAME").unwrap_or_else(|| "Linux".into()),
            os_version: os_field("VERSION_ID").unwrap_or_default(),
            os_type: "linux".into(),
            architecture: uname.machine().to_string_lossy().into_owned(),
            index_server_address: "https://index.docker.io/v1/".into(),
            registry_config: Some(registry_config()),
            ncpu: std::thread::available_parallelism().map(|n| n.get()).unwrap_or(1) as i64,
            mem_total: stats::host_memory() as i64,
            generic_resources: None,
            docker_root_dir: self.store.root.display().to_string(),
            http_proxy: mask_credentials(&proxy(&["HTTP_PROXY", "http_proxy"])),
            https_proxy: mask_credentials(&proxy(&["HTTPS_PROXY", "https_proxy"])),
            no_proxy: proxy(&["NO_PROXY", "no_proxy"]),
            name: crate::net::host_hostname(),
            labels: Some(Vec::new()),
            experimental_build: false,
            server_version: crate::api::ENGINE_VERSION.into(),
            runtimes: Some(BTreeMap::from([(
                "rdock".to_string(),
                system::RuntimeWithStatus { path: "libcontainer (built in)".into(), ..Default::default() },
            )])),
            default_runtime: "rdock".into(),
            swarm: system::SwarmInfo { local_node_state: "inactive".into(), ..Default::default() },
            live_restore_enabled: false,
            isolation: String::new(),
            init_binary: String::new(),
            containerd_commit: system::Commit { id: "N/A".into(), ..Default::default() },
            runc_commit: system::Commit { id: "N/A".into(), ..Default::default() },
            init_commit: system::Commit { id: "N/A".into(), ..Default::default() },
            security_options: Some(security),
            product_license: String::new(),
            default_address_pools: None,
            firewall_backend: None,
            cdi_spec_dirs: Some(Vec::new()),
            discovered_devices: None,
            containerd: None,
            warnings: (!warnings.is_empty()).then_some(warnings),
            run_root: self.store.runroot.display().to_string(),
            rootless: self.store.rootless,
            id_mappings: self.store.rootless.then(id_mappings),
        })
    }

    /// The server's half of `version`.
    pub fn version(&self) -> system::Version {
        let kernel = nix::sys::utsname::uname()
            .map(|u| u.release().to_string_lossy().into_owned())
            .unwrap_or_default();
        let engine = crate::api::ENGINE_VERSION;
        let commit = option_env!("RDOCK_GIT_COMMIT").unwrap_or("unknown");
        let go = "n/a (Rust)";
        let arch = crate::image::config::host_platform().architecture;
        let details = BTreeMap::from(
            [
                ("ApiVersion", crate::api::API_VERSION),
                ("Arch", arch.as_str()),
                ("BuildTime", ""),
                ("Experimental", "false"),
                ("GitCommit", commit),
                ("GoVersion", go),
                ("KernelVersion", kernel.as_str()),
                ("MinAPIVersion", crate::api::MIN_API_VERSION),
                ("Os", "linux"),
            ]
            .map(|(k, v)| (k.to_string(), v.to_string())),
        );
        system::Version {
            platform: system::PlatformName { name: "rdock (daemonless)".into() },
            components: Some(vec![
                system::ComponentVersion {
                    name: "Engine".into(),
                    version: engine.into(),
                    details: Some(details),
                },
                system::ComponentVersion {
                    name: "rdock".into(),
                    version: env!("CARGO_PKG_VERSION").into(),
                    details: Some(BTreeMap::from([("GitCommit".to_string(), commit.to_string())])),
                },
            ]),
            version: engine.into(),
            api_version: crate::api::API_VERSION.into(),
            min_api_version: crate::api::MIN_API_VERSION.into(),
            git_commit: commit.into(),
            go_version: go.into(),
            os: "linux".into(),
            arch,
            kernel_version: kernel,
            experimental: false,
            build_time: String::new(),
        }
    }
}

/// `State.Health`: what the supervisor's healthcheck recorded, from the
/// container's first start on.
fn health(rec: &ContainerRecord) -> Option<ctr::Health> {
    rec.state.health.clone()
}

fn health_config(h: &crate::storage::containers::Healthcheck) -> ctr::HealthConfig {
    ctr::HealthConfig {
        test: h.test.clone(),
        interval: h.interval,
        timeout: h.timeout,
        start_period: h.start_period,
        start_interval: h.start_interval,
        retries: h.retries,
    }
}

fn host_config(c: &ContainerConfig) -> ctr::HostConfig {
    let h = &c.host;
    let mode = crate::net::NetworkMode::parse(&h.network_mode).unwrap_or(crate::net::NetworkMode::Bridge);
    let default_paths =
        |paths: &[&str]| (!h.privileged).then(|| paths.iter().map(|p| p.to_string()).collect());
    ctr::HostConfig {
        binds: non_empty(&h.binds),
        container_id_file: String::new(),
        log_config: ctr::LogConfig {
            r#type: if h.log_driver.is_empty() { "json-file".into() } else { h.log_driver.clone() },
            config: Some(h.log_opts.clone()),
        },
        network_mode: mode.name(c).to_string(),
        port_bindings: Some(port_bindings(&h.port_bindings)),
        restart_policy: ctr::RestartPolicy {
            name: if h.restart_policy.is_empty() { "no".into() } else { h.restart_policy.clone() },
            maximum_retry_count: h.restart_max,
        },
        auto_remove: h.auto_remove,
        volume_driver: String::new(),
        volumes_from: non_empty(&h.volumes_from),
        console_size: [0, 0],
        annotations: non_empty_map(&h.annotations),
        cap_add: non_empty(&h.cap_add),
        cap_drop: non_empty(&h.cap_drop),
        cgroupns_mode: h.cgroupns.clone(),
        dns: Some(h.dns.clone()),
        dns_options: Some(h.dns_options.clone()),
        dns_search: Some(h.dns_search.clone()),
        extra_hosts: non_empty(&h.extra_hosts),
        group_add: non_empty(&h.group_add),
        ipc_mode: if h.ipc_mode.is_empty() { "private".into() } else { h.ipc_mode.clone() },
        cgroup: String::new(),
        links: non_empty(
            &h.links
                .iter()
                .map(|l| {
                    let (name, alias) = l.split_once(':').unwrap_or((l, l));
                    format!("/{name}:/{}/{alias}", c.name)
                })
                .collect::<Vec<_>>(),
        ),
        oom_score_adj: h.oom_score_adj.into(),
        pid_mode: h.pid_mode.clone(),
        privileged: h.privileged,
        publish_all_ports: h.publish_all,
        readonly_rootfs: h.read_only,
        security_opt: non_empty(&h.security_opt),
        storage_opt: None,
        tmpfs: non_empty_map(&h.tmpfs),
        uts_mode: h.uts_mode.clone(),
        userns_mode: h.userns.clone(),
        shm_size: if h.shm_size > 0 { h.shm_size } else { 64 << 20 },
        sysctls: non_empty_map(&h.sysctls),
        runtime: "rdock".into(),
        isolation: String::new(),
        resources: ctr::Resources {
            cpu_shares: h.cpu_shares,
            memory: h.memory,
            nano_cpus: h.nano_cpus,
            cgroup_parent: h.cgroup_parent.clone(),
            blkio_weight: h.blkio_weight,
            blkio_weight_device: Some(h.blkio_weight_device.clone()),
            blkio_device_read_bps: Some(h.device_read_bps.clone()),
            blkio_device_write_bps: Some(h.device_write_bps.clone()),
            blkio_device_read_iops: Some(h.device_read_iops.clone()),
            blkio_device_write_iops: Some(h.device_write_iops.clone()),
            cpu_period: h.cpu_period,
            cpu_quota: h.cpu_quota,
            cpu_realtime_period: h.cpu_rt_period,
            cpu_realtime_runtime: h.cpu_rt_runtime,
            cpuset_cpus: h.cpuset_cpus.clone(),
            cpuset_mems: h.cpuset_mems.clone(),
            devices: Some(h.devices.clone()),
            device_cgroup_rules: non_empty(&h.device_cgroup_rules),
            device_requests: None,
            kernel_memory: 0,
            kernel_memory_tcp: 0,
            memory_reservation: h.memory_reservation,
            memory_swap: h.memory_swap,
            memory_swappiness: h.memory_swappiness,
            oom_kill_disable: Some(h.oom_kill_disable),
            pids_limit: (h.pids_limit > 0).then_some(h.pids_limit),
            ulimits: Some(
                h.ulimits
                    .iter()
                    .map(|u| ctr::Ulimit { name: u.name.clone(), hard: u.hard, soft: u.soft })
                    .collect(),
            ),
            cpu_count: 0,
            cpu_percent: 0,
            io_maximum_iops: 0,
            io_maximum_bandwidth: 0,
        },
        mounts: None,
        masked_paths: default_paths(crate::runtime::spec::MASKED_PATHS),
        readonly_paths: default_paths(crate::runtime::spec::READONLY_PATHS),
        init: h.init.then_some(true),
    }
}

fn container_config(c: &ContainerConfig) -> ctr::Config {
    // Docker's Config.MacAddress (API < 1.44's place for it): the primary
    // network's requested address.
    let mac = match c.host.network_mode.as_str() {
        "host" | "none" => String::new(),
        _ => c.host.networks.first().map(|n| n.mac.clone()).unwrap_or_default(),
    };
    ctr::Config {
        hostname: c.hostname.clone(),
        domainname: c.domainname.clone(),
        user: c.user.clone(),
        attach_stdin: c.attach_stdin,
        attach_stdout: c.attach_stdout,
        attach_stderr: c.attach_stderr,
        exposed_ports: Some(key_set(&c.exposed_ports)),
        tty: c.tty,
        open_stdin: c.open_stdin,
        stdin_once: c.stdin_once,
        env: Some(c.env.clone()),
        cmd: c.cmd.clone(),
        healthcheck: c.healthcheck.as_ref().map(health_config),
        args_escaped: false,
        image: c.image.clone(),
        volumes: (!c.volumes.is_empty()).then(|| key_set(&c.volumes)),
        working_dir: c.working_dir.clone(),
        entrypoint: c.entrypoint.clone(),
        network_disabled: false,
        mac_address: mac,
        on_build: None,
        labels: Some(c.labels.clone()),
        stop_signal: c.stop_signal.clone().unwrap_or_default(),
        stop_timeout: c.stop_timeout,
        shell: None,
    }
}

/// inspect's HostConfig.PortBindings: "80/tcp" → [{HostIp, HostPort}].
fn port_bindings(bindings: &[crate::storage::containers::PortBinding]) -> ctr::PortMap {
    let mut out = ctr::PortMap::new();
    for b in bindings {
        let entry =
            out.entry(format!("{}/{}", b.container_port, b.proto)).or_insert_with(|| Some(Vec::new()));
        entry.get_or_insert_with(Vec::new).push(ctr::PortBinding {
            host_ip: b.host_ip.clone(),
            host_port: if b.host_port == 0 { String::new() } else { b.host_port.to_string() },
        });
    }
    out
}

/// Docker's image `Config` on API 1.50: the image config's run settings,
/// every one omitted when empty.
fn image_run_config(cfg: &ImageConfig) -> img::ImageConfig {
    let c = &cfg.config;
    let extra = |key: &str| c.extra.get(key).filter(|v| !v.is_null());
    let list = |v: &Option<Vec<String>>| v.clone().filter(|l| !l.is_empty());
    img::ImageConfig {
        user: c.user.clone().unwrap_or_default(),
        exposed_ports: c.exposed_ports.as_ref().map(|m| key_set(m.keys())),
        env: list(&c.env),
        entrypoint: list(&c.entrypoint),
        cmd: list(&c.cmd),
        volumes: c.volumes.as_ref().map(|m| key_set(m.keys())),
        working_dir: c.working_dir.clone().unwrap_or_default(),
        labels: c.labels.clone(),
        stop_signal: c.stop_signal.clone().unwrap_or_default(),
        args_escaped: extra("ArgsEscaped").and_then(|v| v.as_bool()).unwrap_or(false),
        healthcheck: extra("Healthcheck").and_then(|v| serde_json::from_value(v.clone()).ok()),
        on_build: list(&c.on_build),
        shell: extra("Shell").and_then(|v| serde_json::from_value(v.clone()).ok()),
    }
}

/// `registry.ServiceConfig` from rdock's config.toml: loopback registries
/// are insecure (Docker's default CIDRs), and so are those listed.
fn registry_config() -> system::ServiceConfig {
    let cfg = crate::config::Config::load().unwrap_or_default();
    let mut index = BTreeMap::from([(
        "docker.io".to_string(),
        system::IndexInfo {
            mirrors: Some(cfg.registry_mirrors.clone()),
            name: "docker.io".into(),
            official: true,
            secure: true,
        },
    )]);
    for r in &cfg.insecure_registries {
        index.insert(
            r.clone(),
            system::IndexInfo { mirrors: Some(Vec::new()), name: r.clone(), official: false, secure: false },
        );
    }
    system::ServiceConfig {
        index_configs: Some(index),
        insecure_registry_cidrs: Some(vec!["::1/128".into(), "127.0.0.0/8".into()]),
        mirrors: non_empty(&cfg.registry_mirrors),
        ..Default::default()
    }
}

/// A proxy URL with its credentials hidden, as Docker's info shows it.
fn mask_credentials(url: &str) -> String {
    let Some((scheme, rest)) = url.split_once("://") else { return url.to_string() };
    let authority_end = rest.find('/').unwrap_or(rest.len());
    match rest[..authority_end].rsplit_once('@') {
        Some((_, host)) => format!("{scheme}://xxxxx:xxxxx@{host}{}", &rest[authority_end..]),
        None => url.to_string(),
    }
}

/// Threads of this process (Docker reports its goroutines).
fn thread_count() -> i64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| s.lines().find_map(|l| l.strip_prefix("Threads:").and_then(|v| v.trim().parse().ok())))
        .unwrap_or(1)
}

/// The subordinate ranges a rootless rdock maps (from /etc/subuid, /etc/subgid).
fn id_mappings() -> system::IdMappings {
    let uid = nix::unistd::getuid().as_raw();
    let name = nix::unistd::User::from_uid(nix::unistd::Uid::from_raw(uid))
        .ok()
        .flatten()
        .map(|u| u.name)
        .unwrap_or_default();
    let range = |file: &str| {
        let text = std::fs::read_to_string(file).unwrap_or_default();
        let mut map = vec![system::IdMap { container_id: 0, host_id: uid, size: 1 }];
        if let Some(r) = crate::runtime::userns::find_range(&text, &name, uid) {
            map.push(system::IdMap { container_id: 1, host_id: r.start, size: r.count });
        }
        map
    };
    system::IdMappings { uid_map: range("/etc/subuid"), gid_map: range("/etc/subgid") }
}

fn backing_fs(path: &Path) -> String {
    match nix::sys::statfs::statfs(path).map(|s| s.filesystem_type().0) {
        Ok(0xEF53) => "extfs".into(),
        Ok(0x5846_5342) => "xfs".into(),
        Ok(0x9123_683E) => "btrfs".into(),
        Ok(0x0102_1994) => "tmpfs".into(),
        Ok(0x794C_7630) => "overlayfs".into(),
        Ok(other) => format!("0x{other:x}"),
        Err(_) => "unknown".into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn times_print_as_go_does() {
        assert_eq!(go_time("2026-12-02T04:46:43.543867300Z"), "2026-12-02T04:46:43.5438673Z");
        assert_eq!(go_time("2026-12-02T04:46:43.000000000Z"), "2026-12-02T04:46:43Z");
        assert_eq!(go_time("2026-12-02T04:46:43.5+02:00"), "2026-12-02T04:46:43.5+02:00");
        assert_eq!(go_time(ZERO_TIME), ZERO_TIME);
        assert_eq!(go_time_seconds("2026-12-02T04:46:43.575300618Z"), "2026-12-02T04:46:43Z");
    }

    #[test]
    fn proxy_passwords_are_masked() {
        assert_eq!(mask_credentials("http://u:secret@proxy:3128/x"), "http://xxxxx:xxxxx@proxy:3128/x");
        assert_eq!(mask_credentials("http://proxy:3128"), "http://proxy:3128");
        assert_eq!(mask_credentials(""), "");
    }
}

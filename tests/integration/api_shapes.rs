//! The objects of `inspect`, `info` and `version` carry every key Docker Engine
//! API 1.50 (moby v28.2.2) gives them, in Go's field order, with Go's null and
//! omitempty. The key lists below are Go's structs (api/types/...): a key
//! ending in `?` is `omitempty` and expected only where the test says so.

use crate::support::{temp_dir, Rdock, TestResult};
use crate::{check, check_eq, Test};

pub const TESTS: &[Test] = &[
    ("api_shapes::container_keys", container_keys),
    ("api_shapes::image_network_volume_keys", image_network_volume_keys),
    ("api_shapes::info_and_version_keys", info_and_version_keys),
];

#[rustfmt::skip]
const CONTAINER: &[&str] = &[
    "Id", "Created", "Path", "Args", "State", "Image", "ResolvConfPath", "HostnamePath",
    "HostsPath", "LogPath", "Name", "RestartCount", "Driver", "Platform", "MountLabel",
    "ProcessLabel", "AppArmorProfile", "ExecIDs", "HostConfig", "GraphDriver", "SizeRw?",
    "SizeRootFs?", "Mounts", "Config", "NetworkSettings", "ImageManifestDescriptor?",
];
#[rustfmt::skip]
const STATE: &[&str] = &[
    "Status", "Running", "Paused", "Restarting", "OOMKilled", "Dead", "Pid", "ExitCode", "Error",
    "StartedAt", "FinishedAt", "Health?",
];
#[rustfmt::skip]
const HEALTH: &[&str] = &[
    "Status", "FailingStreak", "Log",
];
#[rustfmt::skip]
const HOST_CONFIG: &[&str] = &[
    "Binds", "ContainerIDFile", "LogConfig", "NetworkMode", "PortBindings", "RestartPolicy",
    "AutoRemove", "VolumeDriver", "VolumesFrom", "ConsoleSize", "Annotations?", "CapAdd", "CapDrop",
    "CgroupnsMode", "Dns", "DnsOptions", "DnsSearch", "ExtraHosts", "GroupAdd", "IpcMode", "Cgroup",
    "Links", "OomScoreAdj", "PidMode", "Privileged", "PublishAllPorts", "ReadonlyRootfs",
    "SecurityOpt", "StorageOpt?", "Tmpfs?", "UTSMode", "UsernsMode", "ShmSize", "Sysctls?",
    "Runtime?", "Isolation",
    // Resources, in place
    "CpuShares", "Memory", "NanoCpus", "CgroupParent", "BlkioWeight", "BlkioWeightDevice",
    "BlkioDeviceReadBps", "BlkioDeviceWriteBps", "BlkioDeviceReadIOps", "BlkioDeviceWriteIOps",
    "CpuPeriod", "CpuQuota", "CpuRealtimePeriod", "CpuRealtimeRuntime", "CpusetCpus", "CpusetMems",
    "Devices", "DeviceCgroupRules", "DeviceRequests", "KernelMemory?", "KernelMemoryTCP?",
    "MemoryReservation", "MemorySwap", "MemorySwappiness", "OomKillDisable", "PidsLimit", "Ulimits",
    "CpuCount", "CpuPercent", "IOMaximumIOps", "IOMaximumBandwidth",
    // HostConfig again
    "Mounts?", "MaskedPaths", "ReadonlyPaths", "Init?",
];
#[rustfmt::skip]
const CONFIG: &[&str] = &[
    "Hostname", "Domainname", "User", "AttachStdin", "AttachStdout", "AttachStderr",
    "ExposedPorts?", "Tty", "OpenStdin", "StdinOnce", "Env", "Cmd", "Healthcheck?", "ArgsEscaped?",
    "Image", "Volumes", "WorkingDir", "Entrypoint", "NetworkDisabled?", "MacAddress?", "OnBuild",
    "Labels", "StopSignal?", "StopTimeout?", "Shell?",
];
#[rustfmt::skip]
const HEALTH_CONFIG: &[&str] = &[
    "Test?", "Interval?", "Timeout?", "StartPeriod?", "StartInterval?", "Retries?",
];
#[rustfmt::skip]
const NETWORK_SETTINGS: &[&str] = &[
    "Bridge", "SandboxID", "SandboxKey", "Ports", "HairpinMode", "LinkLocalIPv6Address",
    "LinkLocalIPv6PrefixLen", "SecondaryIPAddresses", "SecondaryIPv6Addresses",
    // DefaultNetworkSettings, in place
    "EndpointID", "Gateway", "GlobalIPv6Address", "GlobalIPv6PrefixLen", "IPAddress", "IPPrefixLen",
    "IPv6Gateway", "MacAddress", "Networks",
];
#[rustfmt::skip]
const ENDPOINT_SETTINGS: &[&str] = &[
    "IPAMConfig", "Links", "Aliases", "MacAddress", "DriverOpts", "GwPriority", "NetworkID",
    "EndpointID", "Gateway", "IPAddress", "IPPrefixLen", "IPv6Gateway", "GlobalIPv6Address",
    "GlobalIPv6PrefixLen", "DNSNames",
];
#[rustfmt::skip]
const MOUNT_POINT: &[&str] = &[
    "Type?", "Name?", "Source", "Destination", "Driver?", "Mode", "RW", "Propagation",
];
#[rustfmt::skip]
const DRIVER_DATA: &[&str] = &[
    "Data", "Name",
];

#[rustfmt::skip]
const IMAGE: &[&str] = &[
    "Id", "RepoTags", "RepoDigests", "Parent", "Comment", "Created?", "Container?",
    "ContainerConfig?", "DockerVersion", "Author", "Config", "Architecture", "Variant?", "Os",
    "OsVersion?", "Size", "VirtualSize?", "GraphDriver", "RootFS", "Metadata", "Descriptor?",
    "Manifests?",
];
/// docker-image-spec's DockerOCIImageConfig: every field omitempty.
#[rustfmt::skip]
const IMAGE_CONFIG: &[&str] = &[
    "User?", "ExposedPorts?", "Env?", "Entrypoint?", "Cmd?", "Volumes?", "WorkingDir?", "Labels?",
    "StopSignal?", "ArgsEscaped?", "Healthcheck?", "OnBuild?", "Shell?",
];
#[rustfmt::skip]
const ROOTFS: &[&str] = &[
    "Type?", "Layers?",
];
#[rustfmt::skip]
const IMAGE_METADATA: &[&str] = &[
    "LastTagTime",
];

#[rustfmt::skip]
const NETWORK: &[&str] = &[
    "Name", "Id", "Created", "Scope", "Driver", "EnableIPv4", "EnableIPv6", "IPAM", "Internal",
    "Attachable", "Ingress", "ConfigFrom", "ConfigOnly", "Containers", "Options", "Labels",
    "Peers?", "Services?",
];
#[rustfmt::skip]
const IPAM: &[&str] = &[
    "Driver", "Options", "Config",
];
#[rustfmt::skip]
const IPAM_CONFIG: &[&str] = &[
    "Subnet?", "IPRange?", "Gateway?", "AuxiliaryAddresses?",
];
#[rustfmt::skip]
const ENDPOINT_RESOURCE: &[&str] = &[
    "Name", "EndpointID", "MacAddress", "IPv4Address", "IPv6Address",
];

#[rustfmt::skip]
const VOLUME: &[&str] = &[
    "ClusterVolume?", "CreatedAt?", "Driver", "Labels", "Mountpoint", "Name", "Options", "Scope",
    "Status?", "UsageData?",
];

#[rustfmt::skip]
const INFO: &[&str] = &[
    "ID", "Containers", "ContainersRunning", "ContainersPaused", "ContainersStopped", "Images",
    "Driver", "DriverStatus", "SystemStatus?", "Plugins", "MemoryLimit", "SwapLimit",
    "KernelMemory?", "KernelMemoryTCP?", "CpuCfsPeriod", "CpuCfsQuota", "CPUShares", "CPUSet",
    "PidsLimit", "IPv4Forwarding", "Debug", "NFd", "OomKillDisable", "NGoroutines", "SystemTime",
    "LoggingDriver", "CgroupDriver", "CgroupVersion?", "NEventsListener", "KernelVersion",
    "OperatingSystem", "OSVersion", "OSType", "Architecture", "IndexServerAddress",
    "RegistryConfig", "NCPU", "MemTotal", "GenericResources", "DockerRootDir", "HttpProxy",
    "HttpsProxy", "NoProxy", "Name", "Labels", "ExperimentalBuild", "ServerVersion", "Runtimes",
    "DefaultRuntime", "Swarm", "LiveRestoreEnabled", "Isolation", "InitBinary", "ContainerdCommit",
    "RuncCommit", "InitCommit", "SecurityOptions", "ProductLicense?", "DefaultAddressPools?",
    "FirewallBackend?", "CDISpecDirs", "DiscoveredDevices?", "Containerd?", "Warnings",
    // rdock's own, after Docker's
    "RunRoot", "Rootless", "IDMappings",
];
#[rustfmt::skip]
const PLUGINS: &[&str] = &[
    "Volume", "Network", "Authorization", "Log",
];
/// registry.ServiceConfig marshals through a Go map: its keys come sorted.
#[rustfmt::skip]
const REGISTRY_CONFIG: &[&str] = &[
    "AllowNondistributableArtifactsCIDRs?", "AllowNondistributableArtifactsHostnames?",
    "IndexConfigs", "InsecureRegistryCIDRs", "Mirrors",
];
#[rustfmt::skip]
const INDEX_INFO: &[&str] = &[
    "Mirrors", "Name", "Official", "Secure",
];
#[rustfmt::skip]
const SWARM: &[&str] = &[
    "NodeID", "NodeAddr", "LocalNodeState", "ControlAvailable", "Error", "RemoteManagers", "Nodes?",
    "Managers?", "Cluster?", "Warnings?",
];
#[rustfmt::skip]
const COMMIT: &[&str] = &[
    "ID", "Expected?",
];

#[rustfmt::skip]
const VERSION_INFO: &[&str] = &[
    "Client", "Server",
];
/// docker/cli's clientVersion.
#[rustfmt::skip]
const CLIENT_VERSION: &[&str] = &[
    "Platform?", "Version?", "ApiVersion?", "DefaultAPIVersion?", "GitCommit?", "GoVersion?", "Os?",
    "Arch?", "BuildTime?", "Context",
];
#[rustfmt::skip]
const SERVER_VERSION: &[&str] = &[
    "Platform", "Components?", "Version", "ApiVersion", "MinAPIVersion?", "GitCommit", "GoVersion",
    "Os", "Arch", "KernelVersion?", "Experimental?", "BuildTime?",
];
#[rustfmt::skip]
const COMPONENT: &[&str] = &[
    "Name", "Version", "Details?",
];
/// The Engine component's Details (a Go map: sorted).
#[rustfmt::skip]
const ENGINE_DETAILS: &[&str] = &[
    "ApiVersion", "Arch", "BuildTime", "Experimental", "GitCommit", "GoVersion", "KernelVersion",
    "MinAPIVersion", "Os",
];

/// Go's key list with the omitempty keys `present` names kept, the others dropped.
fn expected(go: &[&str], present: &[&str]) -> Vec<String> {
    go.iter()
        .filter_map(|k| match k.strip_suffix('?') {
            Some(k) => present.contains(&k).then_some(k),
            None => Some(*k),
        })
        .map(str::to_string)
        .collect()
}

fn keys(v: &serde_json::Value) -> Vec<String> {
    v.as_object().map(|o| o.keys().cloned().collect()).unwrap_or_default()
}

/// `v`'s keys are exactly Go's, in Go's order, with `present` of the omitempty ones.
macro_rules! check_keys {
    ($v:expr, $go:expr, $present:expr) => {
        let (got, want) = (keys(&$v), expected($go, $present));
        check!(got == want, "keys of {}:\n got  {got:?}\n want {want:?}", stringify!($v));
    };
}

fn json(r: &Rdock, args: &[&str]) -> Result<serde_json::Value, libtest_mimic::Failed> {
    let out = r.ok(args)?;
    Ok(serde_json::from_str(&out).map_err(|e| format!("{args:?}: {e}: {out}"))?)
}

/// An image with every run setting a Dockerfile can give.
fn build_full(r: &Rdock, base: &str) -> TestResult {
    let ctx = temp_dir("api-ctx");
    std::fs::write(
        ctx.join("Dockerfile"),
        format!(
            "FROM {base}\nEXPOSE 80\nVOLUME /v\nHEALTHCHECK --interval=30s CMD true\nSTOPSIGNAL SIGINT\n\
             ONBUILD RUN true\nSHELL [\"/bin/sh\", \"-c\"]\nLABEL a=b\nWORKDIR /w\nUSER nobody\n\
             CMD [\"sleep\", \"1000\"]\n"
        ),
    )?;
    r.ok(&["build", "-q", "-t", "full", &ctx.to_string_lossy()])?;
    let _ = std::fs::remove_dir_all(&ctx);
    Ok(())
}

fn container_keys() -> TestResult {
    let r = Rdock::new();
    let img = r.pull("busybox")?;
    build_full(&r, &img)?;
    let net = format!("api{}", std::process::id() % 100000);
    r.ok(&["network", "create", &net])?;
    let host_dir = temp_dir("api-bind");
    let bind = format!("{}:/host:ro", host_dir.display());
    // A running container with a healthcheck (the image's), on a user network,
    // with a volume and a bind mount; inspected with --size.
    r.ok(&[
        "run",
        "-d",
        "--name",
        "web",
        "--network",
        &net,
        "--network-alias",
        "www",
        "-v",
        "data:/data",
        "-v",
        &bind,
        "--init",
        "--stop-timeout",
        "5",
        "--tmpfs",
        "/t",
        "--annotation",
        "org.example=1",
        "full",
    ])?;
    r.ok(&["exec", "web", "sh", "-c", "head -c 100000 /dev/zero > /tmp/big"])?;
    let v = json(&r, &["inspect", "-s", "web"])?[0].clone();
    check_keys!(v, CONTAINER, &["SizeRw", "SizeRootFs"]);
    check_keys!(v["State"], STATE, &["Health"]);
    check_keys!(v["State"]["Health"], HEALTH, &[]);
    check_eq!(v["State"]["Health"], serde_json::json!({"Status": "starting", "FailingStreak": 0, "Log": []}));
    check_keys!(v["HostConfig"], HOST_CONFIG, &["Annotations", "Tmpfs", "Runtime", "Init"]);
    check_keys!(v["HostConfig"]["LogConfig"], &["Type", "Config"], &[]);
    check_keys!(v["HostConfig"]["RestartPolicy"], &["Name", "MaximumRetryCount"], &[]);
    check_keys!(v["Config"], CONFIG, &["ExposedPorts", "Healthcheck", "StopSignal", "StopTimeout"]);
    check_keys!(v["Config"]["Healthcheck"], HEALTH_CONFIG, &["Test", "Interval"]);
    check_keys!(v["NetworkSettings"], NETWORK_SETTINGS, &[]);
    check_keys!(v["NetworkSettings"]["Networks"][&net], ENDPOINT_SETTINGS, &[]);
    check_keys!(v["GraphDriver"], DRIVER_DATA, &[]);
    check_keys!(v["GraphDriver"]["Data"], &["LowerDir", "MergedDir", "UpperDir", "WorkDir"], &[]);
    let mounts = v["Mounts"].as_array().cloned().unwrap_or_default();
    check_eq!(mounts.len(), 3);
    for m in &mounts {
        let present: &[&str] = if m["Type"] == "volume" { &["Type", "Name", "Driver"] } else { &["Type"] };
        check_keys!(m, MOUNT_POINT, present);
    }
    // Values: Docker's defaults where rdock has no such notion, and sizes.
    let h = &v["HostConfig"];
    check_eq!(h["ConsoleSize"], serde_json::json!([0, 0]));
    check_eq!(h["Isolation"], "");
    check!(h["CgroupnsMode"] == "private" || h["CgroupnsMode"] == "host", "{}", h["CgroupnsMode"]);
    check_eq!(h["Init"], true);
    check_eq!(h["Annotations"], serde_json::json!({"org.example": "1"}));
    check!(h["MaskedPaths"].as_array().is_some_and(|p| p.iter().any(|p| p == "/proc/kcore")));
    check_eq!(h["DeviceRequests"], serde_json::Value::Null);
    check_eq!(v["Config"]["Volumes"], serde_json::json!({"/v": {}}));
    check_eq!(v["Config"]["StopTimeout"], 5);
    check_eq!(v["Config"]["StopSignal"], "SIGINT");
    check_eq!(v["ExecIDs"], serde_json::Value::Null);
    let ep = &v["NetworkSettings"]["Networks"][&net];
    check!(ep["IPAddress"].as_str().is_some_and(|ip| !ip.is_empty()), "{ep}");
    check_eq!(ep["GwPriority"], 0);
    check_eq!(ep["GlobalIPv6Address"], "");
    check_eq!(ep["DNSNames"][0], "web");
    let size_rw = v["SizeRw"].as_i64().unwrap_or(-1);
    check!(size_rw >= 100_000, "SizeRw {size_rw}");
    let image_size = json(&r, &["image", "inspect", "full"])?[0]["Size"].as_i64().unwrap_or(0);
    check_eq!(v["SizeRootFs"].as_i64(), Some(size_rw + image_size));
    check!(r.inspect("web")?.get("SizeRw").is_none(), "SizeRw without --size");
    // Stopped, the healthcheck's state says unhealthy, as Docker's once its monitor stops.
    r.ok(&["stop", "-t", "0", "web"])?;
    check_eq!(r.inspect("web")?["State"]["Health"]["Status"], "unhealthy");
    // Created, never started, no healthcheck: no Health; host network, privileged.
    r.ok(&["create", "--name", "bare", "--network", "host", "--privileged", "--no-healthcheck", &img])?;
    let b = r.inspect("bare")?;
    check_keys!(b, CONTAINER, &[]);
    check_keys!(b["State"], STATE, &[]);
    check_keys!(b["HostConfig"], HOST_CONFIG, &["Runtime"]);
    check_keys!(b["Config"], CONFIG, &["Healthcheck"]);
    check_keys!(b["NetworkSettings"]["Networks"]["host"], ENDPOINT_SETTINGS, &[]);
    check_eq!(b["HostConfig"]["MaskedPaths"], serde_json::Value::Null);
    check_eq!(b["Mounts"], serde_json::json!([]));
    r.ok(&["rm", "-f", "web", "bare"])?;
    r.ok(&["network", "rm", &net])?;
    let _ = std::fs::remove_dir_all(&host_dir);
    Ok(())
}

fn image_network_volume_keys() -> TestResult {
    let r = Rdock::new();
    let img = r.pull("busybox")?;
    build_full(&r, &img)?;
    let full = json(&r, &["image", "inspect", "full"])?[0].clone();
    check_keys!(full, IMAGE, &["Created"]);
    let all_config: Vec<&str> = IMAGE_CONFIG.iter().map(|k| k.trim_end_matches('?')).collect();
    let mut built = all_config.clone();
    built.retain(|k| *k != "Entrypoint");
    check_keys!(full["Config"], IMAGE_CONFIG, &built);
    check_keys!(full["Config"]["Healthcheck"], HEALTH_CONFIG, &["Test", "Interval"]);
    check_keys!(full["RootFS"], ROOTFS, &["Type", "Layers"]);
    check_keys!(full["Metadata"], IMAGE_METADATA, &[]);
    check_keys!(full["GraphDriver"], DRIVER_DATA, &[]);
    check_eq!(full["Config"]["OnBuild"], serde_json::json!(["RUN true"]));
    // busybox sets only Env and Cmd: the rest of Config is omitted.
    let bb = json(&r, &["image", "inspect", &img])?[0].clone();
    check_keys!(bb["Config"], IMAGE_CONFIG, &["Env", "Cmd"]);
    check_eq!(bb["RepoTags"], serde_json::json!([format!("{img}:latest")]));

    let net = format!("apn{}", std::process::id() % 100000);
    r.ok(&["network", "create", "--label", "team=a", &net])?;
    r.ok(&["run", "-d", "--name", "onnet", "--network", &net, &img, "sleep", "1000"])?;
    let n = json(&r, &["network", "inspect", &net])?[0].clone();
    check_keys!(n, NETWORK, &[]);
    check_keys!(n["IPAM"], IPAM, &[]);
    check_keys!(n["IPAM"]["Config"][0], IPAM_CONFIG, &["Subnet", "Gateway"]);
    check_keys!(n["ConfigFrom"], &["Network"], &[]);
    let id = r.id("onnet")?;
    check_keys!(n["Containers"][&id], ENDPOINT_RESOURCE, &[]);
    check_eq!(n["EnableIPv4"], true);
    check_eq!(n["Labels"], serde_json::json!({"team": "a"}));
    for builtin in ["bridge", "host", "none"] {
        check_keys!(json(&r, &["network", "inspect", builtin])?[0], NETWORK, &[]);
    }
    r.ok(&["rm", "-f", "onnet"])?;
    r.ok(&["network", "rm", &net])?;

    r.ok(&["volume", "create", "--label", "k=v", "vol"])?;
    let vol = json(&r, &["volume", "inspect", "vol"])?[0].clone();
    check_keys!(vol, VOLUME, &["CreatedAt"]);
    check_eq!(vol["Scope"], "local");
    check_eq!(vol["Labels"], serde_json::json!({"k": "v"}));
    // Go's time.RFC3339: whole seconds.
    check!(
        vol["CreatedAt"].as_str().is_some_and(|t| t.len() == 20 && t.ends_with('Z')),
        "{}",
        vol["CreatedAt"]
    );
    Ok(())
}

fn info_and_version_keys() -> TestResult {
    let r = Rdock::new();
    let info = json(&r, &["info", "--format", "json"])?;
    check_keys!(info, INFO, &["CgroupVersion"]);
    check_keys!(info["Plugins"], PLUGINS, &[]);
    check_keys!(info["RegistryConfig"], REGISTRY_CONFIG, &[]);
    check_keys!(info["RegistryConfig"]["IndexConfigs"]["docker.io"], INDEX_INFO, &[]);
    check_keys!(info["Swarm"], SWARM, &[]);
    for commit in ["ContainerdCommit", "RuncCommit", "InitCommit"] {
        check_keys!(info[commit], COMMIT, &[]);
    }
    check_eq!(info["Swarm"]["LocalNodeState"], "inactive");
    check_eq!(info["RegistryConfig"]["InsecureRegistryCIDRs"], serde_json::json!(["::1/128", "127.0.0.0/8"]));
    check_eq!(info["ServerVersion"], "28.2.2");
    check_eq!(info["Isolation"], "");
    check_eq!(info["DockerRootDir"], r.root.display().to_string());
    check_eq!(info["Plugins"]["Volume"], serde_json::json!(["local"]));
    check!(info["DriverStatus"]
        .as_array()
        .is_some_and(|d| d.iter().all(|p| p.as_array().is_some_and(|p| p.len() == 2))));

    let v = json(&r, &["version", "--format", "json"])?;
    check_keys!(v, VERSION_INFO, &[]);
    check_keys!(
        v["Client"],
        CLIENT_VERSION,
        &["Platform", "Version", "ApiVersion", "DefaultAPIVersion", "GitCommit", "GoVersion", "Os", "Arch"]
    );
    check_keys!(v["Server"], SERVER_VERSION, &["Components", "MinAPIVersion", "KernelVersion"]);
    let components = v["Server"]["Components"].as_array().cloned().unwrap_or_default();
    check_eq!(components[0]["Name"], "Engine");
    for c in &components {
        check_keys!(c, COMPONENT, &["Details"]);
    }
    check_keys!(components[0]["Details"], ENGINE_DETAILS, &[]);
    let s = &v["Server"];
    check_eq!(s["ApiVersion"], "1.50");
    check_eq!(s["MinAPIVersion"], "1.24");
    check_eq!(s["Version"], "28.2.2");
    check_eq!(components[0]["Details"]["ApiVersion"], "1.50");
    check_eq!(v["Client"]["ApiVersion"], "1.50");
    check_eq!(v["Client"]["Version"], "28.2.2");
    check_eq!(v["Client"]["Platform"]["Name"], format!("rdock {}", env!("CARGO_PKG_VERSION")));
    check_eq!(
        r.out(&["version", "--format", "{{.Server.APIVersion}} {{.Server.MinAPIVersion}}"])?,
        "1.50 1.24"
    );
    Ok(())
}

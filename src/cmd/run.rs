//! `run`, `create` and `start`.

use std::collections::BTreeMap;
use std::path::PathBuf;

use clap::{ArgAction, Args};
use rdock::image::config::parse_platform;
use rdock::image::pull::PullOptions;
use rdock::runtime::lifecycle::CreateOptions;
use rdock::runtime::spec;
use rdock::runtime::stdio::{self, AttachEnd, AttachOptions};
use rdock::storage::containers::{EndpointConfig, HostConfig, ThrottleDevice};
use rdock::{Engine, Error};

/// The flags `run` and `create` share.
#[derive(Args, Debug)]
pub struct ContainerFlags {
    /// Keep STDIN open even if not attached
    #[arg(short = 'i', long)]
    interactive: bool,
    /// Allocate a pseudo-TTY
    #[arg(short = 't', long)]
    tty: bool,
    /// Automatically remove the container when it exits
    #[arg(long)]
    rm: bool,
    /// Assign a name to the container
    #[arg(long)]
    name: Option<String>,
    /// Set environment variables
    #[arg(short = 'e', long = "env", value_name = "list", value_parser = super::valid_env)]
    env: Vec<String>,
    /// Read in a file of environment variables
    #[arg(long = "env-file", value_name = "list")]
    env_file: Vec<PathBuf>,
    /// Working directory inside the container
    #[arg(short = 'w', long)]
    workdir: Option<String>,
    /// Username or UID (format: <name|uid>[:<group|gid>])
    #[arg(short = 'u', long)]
    user: Option<String>,
    /// Overwrite the default ENTRYPOINT of the image
    #[arg(long)]
    entrypoint: Option<String>,
    /// Set meta data on a container
    #[arg(short = 'l', long = "label", value_name = "list", value_parser = valid_label)]
    label: Vec<String>,
    /// Container host name
    #[arg(short = 'h', long, value_parser = valid_hostname)]
    hostname: Option<String>,
    /// Container NIS domain name
    #[arg(long, value_name = "string")]
    domainname: Option<String>,
    /// Read in a line delimited file of labels
    #[arg(long = "label-file", value_name = "list")]
    label_file: Vec<PathBuf>,
    /// Write the container ID to the file
    #[arg(long, value_name = "string")]
    cidfile: Option<PathBuf>,
    /// Size of /dev/shm
    #[arg(long = "shm-size", value_name = "bytes", value_parser = parse_memory)]
    shm_size: Option<i64>,
    /// Ulimit options
    #[arg(long, value_name = "ulimit")]
    ulimit: Vec<String>,
    /// Tune host's OOM preferences (-1000 to 1000)
    #[arg(long = "oom-score-adj", allow_negative_numbers = true, value_parser = super::go_int)]
    oom_score_adj: Option<i64>,
    /// Sysctl options
    #[arg(long, value_name = "map")]
    sysctl: Vec<String>,
    /// Add additional groups to join
    #[arg(long = "group-add", value_name = "list")]
    group_add: Vec<String>,
    /// IPC mode to use
    #[arg(long, value_name = "string")]
    ipc: Option<String>,
    /// PID namespace to use
    #[arg(long, value_name = "string")]
    pid: Option<String>,
    /// UTS namespace to use
    #[arg(long, value_name = "string")]
    uts: Option<String>,
    /// Attach to STDIN, STDOUT or STDERR
    #[arg(short = 'a', long, value_name = "list", value_parser = valid_stream)]
    attach: Vec<String>,
    /// Logging driver for the container
    #[arg(long = "log-driver", value_name = "string")]
    log_driver: Option<String>,
    /// Log driver options
    #[arg(long = "log-opt", value_name = "list")]
    log_opt: Vec<String>,
    /// Add a host device to the container
    #[arg(long, value_name = "list")]
    device: Vec<String>,
    /// Add a rule to the cgroup allowed devices list
    #[arg(long = "device-cgroup-rule", value_name = "list")]
    device_cgroup_rule: Vec<String>,
    /// Limit read rate (bytes per second) from a device (default [])
    #[arg(long = "device-read-bps", value_name = "list")]
    device_read_bps: Vec<String>,
    /// Limit read rate (IO per second) from a device (default [])
    #[arg(long = "device-read-iops", value_name = "list")]
    device_read_iops: Vec<String>,
    /// Limit write rate (bytes per second) to a device (default [])
    #[arg(long = "device-write-bps", value_name = "list")]
    device_write_bps: Vec<String>,
    /// Limit write rate (IO per second) to a device (default [])
    #[arg(long = "device-write-iops", value_name = "list")]
    device_write_iops: Vec<String>,
    /// Block IO weight (relative device weight) (default [])
    #[arg(long = "blkio-weight-device", value_name = "list")]
    blkio_weight_device: Vec<String>,
    /// Add link to another container
    #[arg(long, value_name = "list")]
    link: Vec<String>,
    /// Container IPv4/IPv6 link-local addresses
    #[arg(long = "link-local-ip", value_name = "list")]
    link_local_ip: Vec<String>,
    /// IPv6 address (e.g., 2001:db8::33)
    #[arg(long, value_name = "string")]
    ip6: Option<String>,
    /// Optional parent cgroup for the container
    #[arg(long = "cgroup-parent", value_name = "string")]
    cgroup_parent: Option<String>,
    /// Limit CPU real-time period in microseconds
    #[arg(long = "cpu-rt-period", value_parser = super::go_int)]
    cpu_rt_period: Option<i64>,
    /// Limit CPU real-time runtime in microseconds
    #[arg(long = "cpu-rt-runtime", value_parser = super::go_int)]
    cpu_rt_runtime: Option<i64>,
    /// CPU count (Windows only)
    #[arg(long = "cpu-count", value_parser = super::go_int)]
    cpu_count: Option<i64>,
    /// CPU percent (Windows only)
    #[arg(long = "cpu-percent", value_parser = super::go_int)]
    cpu_percent: Option<i64>,
    /// Maximum IO bandwidth limit for the system drive (Windows only)
    #[arg(long = "io-maxbandwidth", value_name = "bytes", value_parser = parse_memory)]
    io_maxbandwidth: Option<i64>,
    /// Maximum IOps limit for the system drive (Windows only)
    #[arg(long = "io-maxiops", value_name = "uint", value_parser = super::go_int)]
    io_maxiops: Option<i64>,
    /// Container isolation technology
    #[arg(long, value_name = "string")]
    isolation: Option<String>,
    /// Kernel memory limit
    #[arg(long = "kernel-memory", value_name = "bytes", value_parser = parse_memory)]
    kernel_memory: Option<i64>,
    /// Skip image verification (default true)
    #[arg(long = "disable-content-trust", num_args = 0..=1, require_equals = true, default_missing_value = "true", value_parser = clap::value_parser!(bool))]
    disable_content_trust: Option<bool>,
    /// Bind mount Docker API socket and required auth
    #[arg(long = "use-api-socket")]
    use_api_socket: bool,
    /// Restart policy to apply when a container exits (default "no")
    #[arg(long, value_name = "string")]
    restart: Option<String>,
    /// Command to run to check health
    #[arg(long = "health-cmd", value_name = "string")]
    health_cmd: Option<String>,
    /// Time between running the check (ms|s|m|h) (default 0s)
    #[arg(long = "health-interval", value_name = "duration", value_parser = parse_go_duration)]
    health_interval: Option<i64>,
    /// Maximum time to allow one check to run (ms|s|m|h) (default 0s)
    #[arg(long = "health-timeout", value_name = "duration", value_parser = parse_go_duration)]
    health_timeout: Option<i64>,
    /// Consecutive failures needed to report unhealthy
    #[arg(long = "health-retries", value_parser = super::go_int)]
    health_retries: Option<i64>,
    /// Start period for the container to initialize before starting health-retries countdown (ms|s|m|h) (default 0s)
    #[arg(long = "health-start-period", value_name = "duration", value_parser = parse_go_duration)]
    health_start_period: Option<i64>,
    /// Time between running the check during the start period (ms|s|m|h) (default 0s)
    #[arg(long = "health-start-interval", value_name = "duration", value_parser = parse_go_duration)]
    health_start_interval: Option<i64>,
    /// Disable any container-specified HEALTHCHECK
    #[arg(long = "no-healthcheck")]
    no_healthcheck: bool,
    /// Add an annotation to the container (passed through to the OCI runtime)
    #[arg(long, value_name = "map")]
    annotation: Vec<String>,
    /// Runtime to use for this container (rdock's own: rdock, or runc)
    #[arg(long, value_name = "string")]
    runtime: Option<String>,
    /// Optional volume driver for the container (local)
    #[arg(long = "volume-driver", value_name = "string")]
    volume_driver: Option<String>,
    /// Storage driver options for the container
    #[arg(long = "storage-opt", value_name = "list")]
    storage_opt: Vec<String>,
    /// GPU devices to add to the container ('all' to pass all GPUs)
    #[arg(long, value_name = "gpu-request")]
    gpus: Option<String>,
    /// Run an init inside the container that forwards signals and reaps processes
    #[arg(long)]
    init: bool,
    /// Signal to stop the container
    #[arg(long = "stop-signal")]
    stop_signal: Option<String>,
    /// Timeout (in seconds) to stop a container
    #[arg(long = "stop-timeout", allow_negative_numbers = true, value_parser = super::go_int)]
    stop_timeout: Option<i64>,
    /// Memory limit
    #[arg(short = 'm', long, value_parser = parse_memory)]
    memory: Option<i64>,
    /// Number of CPUs
    #[arg(long, allow_negative_numbers = true, value_parser = parse_cpus)]
    cpus: Option<f64>,
    /// Swap limit equal to memory plus swap: '-1' to enable unlimited swap
    #[arg(long = "memory-swap", value_name = "bytes", allow_negative_numbers = true, value_parser = parse_memory_or_unlimited)]
    memory_swap: Option<i64>,
    /// Memory soft limit
    #[arg(long = "memory-reservation", value_name = "bytes", value_parser = parse_memory)]
    memory_reservation: Option<i64>,
    /// Tune container memory swappiness (0 to 100) (default -1)
    #[arg(long = "memory-swappiness", allow_negative_numbers = true, value_parser = super::go_int)]
    memory_swappiness: Option<i64>,
    /// Disable OOM Killer
    #[arg(long = "oom-kill-disable")]
    oom_kill_disable: bool,
    /// CPU shares (relative weight)
    #[arg(short = 'c', long = "cpu-shares", value_parser = super::go_int)]
    cpu_shares: Option<i64>,
    /// Limit CPU CFS (Completely Fair Scheduler) period
    #[arg(long = "cpu-period", value_parser = super::go_int)]
    cpu_period: Option<i64>,
    /// Limit CPU CFS (Completely Fair Scheduler) quota
    #[arg(long = "cpu-quota", allow_negative_numbers = true, value_parser = super::go_int)]
    cpu_quota: Option<i64>,
    /// CPUs in which to allow execution (0-3, 0,1)
    #[arg(long = "cpuset-cpus", value_name = "string")]
    cpuset_cpus: Option<String>,
    /// MEMs in which to allow execution (0-3, 0,1)
    #[arg(long = "cpuset-mems", value_name = "string")]
    cpuset_mems: Option<String>,
    /// Block IO (relative weight), between 10 and 1000, or 0 to disable (default 0)
    #[arg(long = "blkio-weight", value_parser = super::go_int)]
    blkio_weight: Option<i64>,
    /// Tune container pids limit (set -1 for unlimited)
    #[arg(long = "pids-limit", allow_negative_numbers = true, value_parser = super::go_int)]
    pids_limit: Option<i64>,
    /// Mount the container's root filesystem as read only
    #[arg(long = "read-only")]
    read_only: bool,
    /// Add Linux capabilities
    #[arg(long = "cap-add", value_name = "list")]
    cap_add: Vec<String>,
    /// Drop Linux capabilities
    #[arg(long = "cap-drop", value_name = "list")]
    cap_drop: Vec<String>,
    /// Give extended privileges to this container
    #[arg(long)]
    privileged: bool,
    /// Security Options
    #[arg(long = "security-opt", value_name = "list")]
    security_opt: Vec<String>,
    /// Mount a tmpfs directory
    #[arg(long, value_name = "list")]
    tmpfs: Vec<String>,
    /// Bind mount a volume ([SRC:]DEST[:OPTS]; SRC a host path or a volume name)
    #[arg(short = 'v', long = "volume", value_name = "list")]
    volume: Vec<String>,
    /// Attach a filesystem mount to the container (type=bind|volume|tmpfs,source=…,target=…)
    #[arg(long, value_name = "mount")]
    mount: Vec<String>,
    /// Mount volumes from the specified container(s) (NAME[:ro|rw])
    #[arg(long = "volumes-from", value_name = "list")]
    volumes_from: Vec<String>,
    /// User namespace to use: host (rdock's own) or, rootless, keep-id (your uid and gid inside)
    #[arg(long, default_value = "")]
    userns: String,
    /// Cgroup namespace to use (host|private); default: private on cgroup v2, host on v1
    #[arg(long, default_value = "")]
    cgroupns: String,
    /// Connect a container to a network (bridge, a user-defined network, none,
    /// host or container:NAME; repeat to join several bridge networks)
    #[arg(long = "network", visible_alias = "net", value_name = "network")]
    network: Vec<String>,
    /// IPv4 address (e.g., 172.30.100.104)
    #[arg(long)]
    ip: Option<String>,
    /// Add network-scoped alias for the container
    #[arg(long = "network-alias", value_name = "list")]
    network_alias: Vec<String>,
    /// Container MAC address (e.g., 92:d0:c6:0a:29:33)
    #[arg(long = "mac-address")]
    mac_address: Option<String>,
    /// Add a custom host-to-IP mapping (host:ip; ip may be host-gateway)
    #[arg(long = "add-host", value_name = "list", value_parser = valid_add_host)]
    add_host: Vec<String>,
    /// Set custom DNS servers
    #[arg(long, value_name = "list", value_parser = valid_ip)]
    dns: Vec<String>,
    /// Set custom DNS search domains
    #[arg(long = "dns-search", value_name = "list")]
    dns_search: Vec<String>,
    /// Set DNS options
    #[arg(long = "dns-option", value_name = "list")]
    dns_option: Vec<String>,
    /// Publish a container's port(s) to the host
    #[arg(short = 'p', long, value_name = "list")]
    publish: Vec<String>,
    /// Publish all exposed ports to random ports
    #[arg(short = 'P', long = "publish-all")]
    publish_all: bool,
    /// Expose a port or a range of ports
    #[arg(long, value_name = "list")]
    expose: Vec<String>,
    /// Set platform if server is multi-platform capable
    #[arg(long)]
    platform: Option<String>,
    /// Pull image before running ("always", "missing", "never")
    #[arg(long, default_value = "missing")]
    pull: String,
    /// Suppress the pull output
    #[arg(short = 'q', long)]
    quiet: bool,
    /// Print usage
    #[arg(long, action = ArgAction::Help)]
    help: Option<bool>,
    // Flags before the image are rdock's (an unknown one is an error, not the
    // image: no allow_hyphen_values); everything after it is the command's.
    /// IMAGE [COMMAND] [ARG...]
    #[arg(required = true, trailing_var_arg = true, value_name = "IMAGE [COMMAND] [ARG...]")]
    args: Vec<String>,
}

#[derive(Args, Debug)]
#[command(disable_help_flag = true)]
pub struct CreateArgs {
    #[command(flatten)]
    flags: ContainerFlags,
}

#[derive(Args, Debug)]
#[command(disable_help_flag = true)]
pub struct RunArgs {
    /// Run container in background and print container ID
    #[arg(short = 'd', long)]
    detach: bool,
    /// Proxy received signals to the process
    #[arg(long = "sig-proxy", default_value_t = true, action = ArgAction::Set, num_args = 0..=1, default_missing_value = "true")]
    sig_proxy: bool,
    /// Override the key sequence for detaching a container
    #[arg(long = "detach-keys")]
    detach_keys: Option<String>,
    #[command(flatten)]
    flags: ContainerFlags,
}

#[derive(Args, Debug)]
pub struct StartArgs {
    /// Attach STDOUT/STDERR and forward signals
    #[arg(short = 'a', long)]
    attach: bool,
    /// Attach container's STDIN
    #[arg(short = 'i', long)]
    interactive: bool,
    /// Override the key sequence for detaching a container
    #[arg(long = "detach-keys")]
    detach_keys: Option<String>,
    /// Restore from this checkpoint
    #[arg(long, value_name = "string")]
    checkpoint: Option<String>,
    /// Use a custom checkpoint storage directory
    #[arg(long = "checkpoint-dir", value_name = "string")]
    checkpoint_dir: Option<String>,
    #[arg(required = true, value_name = "CONTAINER")]
    containers: Vec<String>,
}

// Docker checks these values as it parses its flags (pflag); so does clap
// here, and cmd::main prints the error as Docker does.

/// `-l`: Docker's `opts.ValidateLabel`.
/// `-a`: one of Docker's three streams, any case.
fn valid_stream(s: &str) -> Result<String, String> {
    let lower = s.to_ascii_lowercase();
    if matches!(lower.as_str(), "stdin" | "stdout" | "stderr") {
        Ok(lower)
    } else {
        Err("valid streams are STDIN, STDOUT and STDERR".into())
    }
}

fn valid_label(l: &str) -> Result<String, String> {
    let key = l.split('=').next().unwrap_or_default().trim_start();
    if key.is_empty() {
        return Err(format!("invalid label '{l}': empty name"));
    }
    if key.contains(char::is_whitespace) {
        return Err(format!("label '{key}' contains whitespaces"));
    }
    Ok(l.to_string())
}

/// `-h`: the kernel takes at most 64 bytes (HOST_NAME_MAX); Docker leaves it to
/// fail at start, rdock says so at create.
fn valid_hostname(h: &str) -> Result<String, String> {
    if h.len() > 64 {
        return Err(format!("hostname is {} characters long, at most 64 are allowed", h.len()));
    }
    Ok(h.to_string())
}

/// `-m`: Docker's `opts.MemBytes`.
pub(super) fn parse_memory(m: &str) -> Result<i64, String> {
    rdock::format::parse_bytes(m).map_err(|e| e.to_string())
}

/// `--add-host host:ip` or `host=ip` (ip may be host-gateway, or bracketed):
/// Docker's `opts.ValidateExtraHost`, which also normalises it to `host:ip`.
/// A Go duration (`30s`, `1m30s`, `500ms`) in nanoseconds.
fn parse_go_duration(s: &str) -> Result<i64, String> {
    rdock::runtime::logs::parse_duration(s)
        .and_then(|d| d.num_nanoseconds())
        .filter(|n| *n >= 0)
        .ok_or_else(|| format!("time: invalid duration \"{s}\""))
}

/// `--health-*` and `--no-healthcheck`, as Docker's CLI puts them together.
fn healthcheck(f: &ContainerFlags) -> Result<Option<rdock::storage::containers::Healthcheck>, Error> {
    let any = f.health_cmd.is_some()
        || f.health_interval.is_some()
        || f.health_timeout.is_some()
        || f.health_retries.is_some()
        || f.health_start_period.is_some()
        || f.health_start_interval.is_some();
    if f.no_healthcheck {
        if any {
            return Err(Error::Usage("--no-healthcheck conflicts with --health-* options".into()));
        }
        return Ok(Some(rdock::storage::containers::Healthcheck {
            test: vec!["NONE".into()],
            ..Default::default()
        }));
    }
    if !any {
        return Ok(None);
    }
    for (flag, v) in [
        ("--health-interval", f.health_interval),
        ("--health-timeout", f.health_timeout),
        ("--health-start-period", f.health_start_period),
        ("--health-start-interval", f.health_start_interval),
    ] {
        if v.is_some_and(|n| n != 0 && n < 1_000_000) {
            return Err(Error::InvalidArgument(format!("{flag} cannot be less than 1ms")));
        }
    }
    if f.health_retries.is_some_and(|n| n < 0) {
        return Err(Error::InvalidArgument("--health-retries cannot be negative".into()));
    }
    Ok(Some(rdock::storage::containers::Healthcheck {
        test: f.health_cmd.as_ref().map(|c| vec!["CMD-SHELL".to_string(), c.clone()]).unwrap_or_default(),
        interval: f.health_interval.unwrap_or(0),
        timeout: f.health_timeout.unwrap_or(0),
        start_period: f.health_start_period.unwrap_or(0),
        start_interval: f.health_start_interval.unwrap_or(0),
        retries: f.health_retries.unwrap_or(0),
    }))
}

/// `--memory-swap`: a size, or -1 for unlimited.
pub(super) fn parse_memory_or_unlimited(m: &str) -> Result<i64, String> {
    if m == "-1" {
        return Ok(-1);
    }
    parse_memory(m)
}

fn valid_add_host(h: &str) -> Result<String, String> {
    let (name, ip) = h.split_once('=').or_else(|| h.split_once(':')).unwrap_or_default();
    if name.is_empty() || name.contains(':') {
        return Err(format!("bad format for add-host: {h:?}"));
    }
    let ip = match ip.strip_prefix('[').and_then(|i| i.strip_suffix(']')) {
        Some(inner) if !inner.is_empty() => inner,
        _ => ip,
    };
    if ip != "host-gateway" && ip.parse::<std::net::IpAddr>().is_err() {
        return Err(format!("invalid IP address in add-host: {ip:?}"));
    }
    Ok(format!("{name}:{ip}"))
}

/// `--dns`: Docker's `opts.ValidateIPAddress`.
fn valid_ip(ip: &str) -> Result<String, String> {
    match ip.trim().parse::<std::net::IpAddr>() {
        Ok(_) => Ok(ip.trim().to_string()),
        Err(_) => Err(format!("IP address is not correctly formatted: {ip}")),
    }
}

/// `--cpus`, in the words of Docker's `opts.ParseCPUs` (nano-CPU precision).
pub(super) fn parse_cpus(s: &str) -> Result<f64, String> {
    let c: f64 = s.parse().map_err(|_| format!("failed to parse {s} as a rational number"))?;
    let decimals = s.split_once('.').map_or(0, |(_, d)| d.trim_end_matches('0').len());
    if decimals > 9 || (c * 1e9).fract() != 0.0 {
        return Err("value is too precise".into());
    }
    Ok(c)
}

/// Flags that name things rdock has one of (its runtime, the local volume
/// driver), or does not have (GPUs, storage quotas), checked in Docker's words.
fn check_single_choices(f: &ContainerFlags) -> Result<(), Error> {
    if let Some(rt) =
        f.runtime.as_deref().filter(|r| !matches!(*r, "rdock" | "runc" | "io.containerd.runc.v2"))
    {
        return Err(Error::InvalidArgument(format!("unknown or invalid runtime name: {rt}")));
    }
    if let Some(d) = f.volume_driver.as_deref().filter(|d| *d != "local") {
        return Err(Error::InvalidArgument(format!(
            "error looking up volume plugin {d}: plugin \"{d}\" not found"
        )));
    }
    if !f.storage_opt.is_empty() {
        return Err(Error::InvalidArgument(
            "--storage-opt is supported only for overlay over xfs with 'pquota' mount option".into(),
        ));
    }
    if f.isolation.as_deref().is_some_and(|i| !matches!(i, "" | "default")) {
        return Err(Error::InvalidArgument(format!(
            "Invalid isolation: {:?} - linux only supports 'default'",
            f.isolation.as_deref().unwrap_or_default()
        )));
    }
    if f.io_maxbandwidth.unwrap_or(0) != 0 || f.io_maxiops.unwrap_or(0) != 0 {
        return Err(Error::InvalidArgument(
            "invalid QoS settings: linux does not support Maximum IO Bandwidth or Maximum IO IOps".into(),
        ));
    }
    if f.use_api_socket {
        return Err(Error::InvalidArgument(
            "--use-api-socket: rdock has no Engine API socket to mount (it runs no daemon)".into(),
        ));
    }
    if f.ip6.is_some() {
        return Err(Error::InvalidArgument(
            "invalid endpoint settings: --ip6: rdock's networks are IPv4 only".into(),
        ));
    }
    if f.gpus.is_some() {
        return Err(Error::InvalidArgument(
            "could not select device driver \"\" with capabilities: [[gpu]]".into(),
        ));
    }
    Ok(())
}

/// `--device-*-bps` (sizes) and `--device-*-iops` (counts): `PATH:RATE`.
fn throttles(flag: &str, values: &[String], bytes: bool) -> Result<Vec<ThrottleDevice>, Error> {
    values.iter().map(|v| spec::parse_throttle(v, bytes).map_err(|why| Error::flag(flag, v, why))).collect()
}

/// `--link NAME[:ALIAS]` as Docker records it (`/NAME:/ALIAS`, the
/// container's own name added at create).
fn parse_link(l: &str) -> Result<String, Error> {
    let (name, alias) = l.split_once(':').unwrap_or((l, l));
    if name.is_empty() || alias.is_empty() {
        return Err(Error::flag("--link", l, "invalid link format"));
    }
    Ok(format!("{}:{}", name.trim_start_matches('/'), alias.trim_start_matches('/')))
}

fn create_options(f: &ContainerFlags, detach: bool) -> Result<CreateOptions, Error> {
    check_single_choices(f)?;
    if !f.attach.is_empty() && detach {
        return Err(Error::Usage("Conflicting options: -a and -d".into()));
    }
    let log_opts = super::key_values(&f.log_opt);
    let (log_driver, _) =
        rdock::runtime::logs::log_config(f.log_driver.as_deref().unwrap_or_default(), &log_opts)?;
    if f.kernel_memory.unwrap_or(0) > 0 {
        eprintln!("WARNING: Specifying a kernel memory limit is deprecated and will be removed in a future release.");
    }
    if f.cpu_count.unwrap_or(0) > 0 {
        eprintln!("WARNING: linux does not support CPU count. Count discarded.");
    }
    if f.cpu_percent.unwrap_or(0) > 0 {
        eprintln!("WARNING: linux does not support CPU percent. Percent discarded.");
    }
    let (restart_policy, restart_max) = f
        .restart
        .as_deref()
        .map(rdock::runtime::lifecycle::parse_restart)
        .transpose()?
        .unwrap_or(("no".into(), 0));
    let mut env = super::read_env_files(&f.env_file)?;
    env.extend(f.env.iter().filter_map(|e| super::env_entry(e)));
    let mut labels = BTreeMap::new();
    for l in super::read_env_files(&f.label_file)?.iter().chain(&f.label) {
        let (k, v) = l.split_once('=').unwrap_or((l.as_str(), ""));
        labels.insert(k.to_string(), v.to_string());
    }
    let memory = f.memory.unwrap_or(0);
    let nano_cpus = f.cpus.map_or(0, |c| (c * 1e9) as i64);
    let first = EndpointConfig {
        network: String::new(),
        aliases: f.network_alias.clone(),
        ip: f.ip.clone().unwrap_or_default(),
        mac: f.mac_address.clone().unwrap_or_default(),
        link_local_ips: f
            .link_local_ip
            .iter()
            .map(|ip| match ip.parse::<std::net::Ipv4Addr>() {
                Ok(a) if a.is_link_local() => Ok(ip.clone()),
                Ok(_) => Err(Error::InvalidArgument(format!("invalid link-local IP address: {ip}"))),
                Err(_) if ip.parse::<std::net::Ipv6Addr>().is_ok() => {
                    Err(Error::InvalidArgument("--link-local-ip: rdock's networks are IPv4 only".into()))
                }
                Err(_) => Err(Error::flag("--link-local-ip", ip, format!("{ip} is not an ip address"))),
            })
            .collect::<Result<_, _>>()?,
    };
    let mut networks: Vec<EndpointConfig> =
        f.network.iter().map(|n| EndpointConfig { network: n.clone(), ..Default::default() }).collect();
    match networks.first_mut() {
        Some(n) => *n = EndpointConfig { network: n.network.clone(), ..first },
        None => networks.push(first),
    }
    if let Some(m) = &f.mac_address {
        rdock::net::ipam::parse_mac(m)
            .map_err(|_| Error::Usage(format!("{m} is not a valid mac address")))?;
    }
    for e in &f.expose {
        check_expose(e)?;
    }
    let mut port_bindings = Vec::new();
    for p in &f.publish {
        port_bindings.extend(rdock::net::ports::parse_publish(p)?);
    }
    let opts = CreateOptions {
        image: f.args[0].clone(),
        command: f.args[1..].to_vec(),
        entrypoint: f.entrypoint.clone(),
        name: f.name.clone(),
        env,
        workdir: f.workdir.clone(),
        user: f.user.clone(),
        labels,
        hostname: f.hostname.clone(),
        domainname: f.domainname.clone(),
        tty: f.tty,
        interactive: f.interactive,
        attach_stdin: !detach && (f.interactive || f.attach.iter().any(|s| s == "stdin")),
        attach_stdout: !detach && (f.attach.is_empty() || f.attach.iter().any(|s| s == "stdout")),
        attach_stderr: !detach && (f.attach.is_empty() || f.attach.iter().any(|s| s == "stderr")),
        stop_signal: f.stop_signal.clone(),
        stop_timeout: f.stop_timeout,
        expose: f.expose.clone(),
        host: HostConfig {
            auto_remove: f.rm,
            init: f.init,
            network_mode: String::new(),
            networks,
            port_bindings,
            publish_all: f.publish_all,
            extra_hosts: f.add_host.clone(),
            dns: f.dns.clone(),
            dns_search: f.dns_search.clone(),
            dns_options: f.dns_option.clone(),
            memory,
            nano_cpus,
            pids_limit: f.pids_limit.unwrap_or(0),
            memory_swap: f.memory_swap.unwrap_or(0),
            memory_reservation: f.memory_reservation.unwrap_or(0),
            memory_swappiness: f.memory_swappiness.filter(|s| *s != -1),
            oom_kill_disable: f.oom_kill_disable,
            cpu_shares: f.cpu_shares.unwrap_or(0),
            cpu_period: f.cpu_period.unwrap_or(0),
            cpu_quota: f.cpu_quota.unwrap_or(0),
            cpuset_cpus: f.cpuset_cpus.clone().unwrap_or_default(),
            cpuset_mems: f.cpuset_mems.clone().unwrap_or_default(),
            blkio_weight: f.blkio_weight.unwrap_or(0).clamp(0, u16::MAX as i64) as u16,
            read_only: f.read_only,
            privileged: f.privileged,
            cap_add: f.cap_add.clone(),
            cap_drop: f.cap_drop.clone(),
            security_opt: f.security_opt.clone(),
            tmpfs: rdock::runtime::spec::parse_tmpfs(&f.tmpfs)?,
            userns: f.userns.clone(),
            cgroupns: f.cgroupns.clone(),
            binds: f.volume.clone(),
            mounts: parse_mounts(f)?,
            volumes_from: f.volumes_from.clone(),
            shm_size: f.shm_size.unwrap_or(0),
            ulimits: f
                .ulimit
                .iter()
                .map(|u| rdock::runtime::spec::parse_ulimit(u).map_err(|e| Error::flag("--ulimit", u, e)))
                .collect::<Result<_, _>>()?,
            oom_score_adj: f.oom_score_adj.unwrap_or(0).clamp(i32::MIN as i64, i32::MAX as i64) as i32,
            sysctls: f
                .sysctl
                .iter()
                .map(|s| {
                    s.split_once('=')
                        .map(|(k, v)| (k.to_string(), v.to_string()))
                        .ok_or_else(|| Error::flag("--sysctl", s, format!("invalid sysctl value {s:?}")))
                })
                .collect::<Result<_, _>>()?,
            group_add: f.group_add.clone(),
            restart_policy,
            restart_max,
            ipc_mode: f.ipc.clone().unwrap_or_default(),
            pid_mode: f.pid.clone().unwrap_or_default(),
            uts_mode: f.uts.clone().unwrap_or_default(),
            log_driver,
            log_opts,
            devices: f
                .device
                .iter()
                .map(|d| spec::parse_device(d).map_err(|why| Error::flag("--device", d, why)))
                .collect::<Result<_, _>>()?,
            device_cgroup_rules: f
                .device_cgroup_rule
                .iter()
                .map(|r| {
                    spec::device_rule(r)
                        .map(|_| r.clone())
                        .map_err(|why| Error::flag("--device-cgroup-rule", r, why))
                })
                .collect::<Result<_, _>>()?,
            blkio_weight_device: f
                .blkio_weight_device
                .iter()
                .map(|w| {
                    spec::parse_weight_device(w).map_err(|why| Error::flag("--blkio-weight-device", w, why))
                })
                .collect::<Result<_, _>>()?,
            device_read_bps: throttles("--device-read-bps", &f.device_read_bps, true)?,
            device_write_bps: throttles("--device-write-bps", &f.device_write_bps, true)?,
            device_read_iops: throttles("--device-read-iops", &f.device_read_iops, false)?,
            device_write_iops: throttles("--device-write-iops", &f.device_write_iops, false)?,
            links: f.link.iter().map(|l| parse_link(l)).collect::<Result<_, _>>()?,
            cgroup_parent: f.cgroup_parent.clone().unwrap_or_default(),
            cpu_rt_period: f.cpu_rt_period.unwrap_or(0),
            cpu_rt_runtime: f.cpu_rt_runtime.unwrap_or(0),
            annotations: f
                .annotation
                .iter()
                .map(|a| {
                    a.split_once('=')
                        .map(|(k, v)| (k.to_string(), v.to_string()))
                        .ok_or_else(|| Error::flag("--annotation", a, format!("invalid key=value: {a}")))
                })
                .collect::<Result<_, _>>()?,
        },
        build_pid: 0,
        healthcheck: healthcheck(f)?,
    };
    // The limits refused now, in the daemon's words, before any pull.
    rdock::runtime::lifecycle::check_resources(&opts.host)?;
    Ok(opts)
}

/// `--expose PORT[-END][/PROTO]`, refused in Docker's words.
fn check_expose(e: &str) -> Result<(), Error> {
    if e.contains(':') {
        return Err(Error::Usage(format!("invalid port format for --expose: {e}")));
    }
    let port = e.split('/').next().unwrap_or_default();
    let (start, end) = port.split_once('-').unwrap_or((port, port));
    let why = match (parse_port(start), parse_port(end)) {
        (Err(why), _) | (_, Err(why)) => why,
        (Ok(a), Ok(b)) if b < a => format!("invalid range specified for port: {port}"),
        _ => return Ok(()),
    };
    Err(Error::Usage(format!("invalid range format for --expose: {e}, error: {why}")))
}

/// A port number, refused as Go's strconv.ParseUint(s, 10, 16) refuses it.
fn parse_port(s: &str) -> Result<u16, String> {
    s.parse().map_err(|e: std::num::ParseIntError| {
        let why = match e.kind() {
            std::num::IntErrorKind::PosOverflow => "value out of range",
            _ => "invalid syntax",
        };
        format!("strconv.ParseUint: parsing {s:?}: {why}")
    })
}

fn parse_mounts(f: &ContainerFlags) -> Result<Vec<rdock::storage::containers::MountPoint>, Error> {
    let mut out = Vec::new();
    for v in &f.volume {
        out.push(rdock::runtime::mounts::parse_volume(v)?);
    }
    for m in &f.mount {
        out.push(rdock::runtime::mounts::parse_mount(m)?);
    }
    Ok(out)
}

/// Creates the container, pulling the image as `--pull` says.
fn create_container(
    engine: &Engine,
    f: &ContainerFlags,
    detach: bool,
) -> Result<rdock::storage::containers::ContainerConfig, Error> {
    let opts = create_options(f, detach)?;
    let popts = PullOptions {
        platform: f.platform.as_deref().map(parse_platform).transpose()?,
        registry: Default::default(),
    };
    match f.pull.as_str() {
        "always" => {
            super::image::pull_with_output(engine, &opts.image, &popts, f.quiet, true)?;
        }
        "never" => {}
        "missing" => {
            if let Err(Error::NoSuchImage(_)) = engine.image(&opts.image) {
                if !f.quiet {
                    let name = rdock::image::reference::Reference::parse(&opts.image)?.with_default_tag();
                    eprintln!("Unable to find image '{}' locally", name.familiar_name_with_tag());
                }
                super::image::pull_with_output(engine, &opts.image, &popts, f.quiet, true)?;
            }
        }
        other => {
            return Err(Error::InvalidArgument(format!(
                "invalid pull option: '{other}': must be one of \"always\", \"missing\" or \"never\""
            )))
        }
    }
    if let Some(want) = &popts.platform {
        check_platform(engine, &opts.image, want, f.pull != "never", &popts, f.quiet)?;
    }
    if let Some(path) = f.cidfile.as_ref().filter(|p| p.exists()) {
        return Err(Error::InvalidArgument(format!(
            "Container ID file found, make sure the other container isn't running or delete {}",
            path.display()
        )));
    }
    let config = engine.create(&opts)?;
    if let Some(path) = &f.cidfile {
        std::fs::write(path, &config.id).map_err(|e| {
            Error::io(format!("failed to create the container ID file {}", path.display()), e)
        })?;
    }
    Ok(config)
}

/// Errors from `run`/`create` exit 125 (or 126/127 when the command cannot run).
/// Bad flags read as Docker's CLI prints them, the rest as its daemon's answers.
/// `--platform` against the image: a local image of another platform is
/// pulled for the one asked (unless --pull=never); still another, refused
/// as Docker refuses it.
fn check_platform(
    engine: &Engine,
    image: &str,
    want: &rdock::image::config::Platform,
    pull: bool,
    popts: &PullOptions,
    quiet: bool,
) -> Result<(), Error> {
    let mut got = engine.image_platform(image)?;
    if want.matches(&got) {
        return Ok(());
    }
    if pull {
        super::image::pull_with_output(engine, image, popts, quiet, true)?;
        got = engine.image_platform(image)?;
        if want.matches(&got) {
            return Ok(());
        }
    }
    Err(Engine::platform_mismatch(image, want, &got))
}

fn run_fail(e: &Error) -> i32 {
    match e {
        Error::Flag { .. } => eprintln!("{e}"),
        Error::Usage(_) => eprintln!("rdock: {e}"),
        _ => eprintln!("rdock: Error response from daemon: {e}"),
    }
    e.exit_code().unwrap_or(125)
}

pub fn create(engine: &Engine, a: CreateArgs) -> i32 {
    match create_container(engine, &a.flags, false) {
        Ok(cfg) => {
            println!("{}", cfg.id);
            0
        }
        Err(e) => run_fail(&e),
    }
}

pub fn run(engine: &Engine, a: RunArgs) -> i32 {
    let f = &a.flags;
    if f.tty && f.interactive && !a.detach && !stdio::is_terminal(0) {
        eprintln!("the input device is not a TTY");
        return 1;
    }
    let mut opts = match AttachOptions::new(f.interactive, f.tty, a.sig_proxy, a.detach_keys.as_deref()) {
        Ok(o) => o,
        Err(e) => return run_fail(&e),
    };
    // -a: only the streams named (stdin also when -i).
    if !f.attach.is_empty() {
        let has = |s: &str| f.attach.iter().any(|x| x == s);
        opts.stdin |= has("stdin");
        opts.stdout = has("stdout");
        opts.stderr = has("stderr");
    }
    let cfg = match create_container(engine, f, a.detach) {
        Ok(c) => c,
        Err(e) => return run_fail(&e),
    };
    if a.detach {
        return match engine.start(&cfg.id, false, None) {
            Ok(_) => {
                println!("{}", cfg.id);
                0
            }
            Err(e) => run_fail(&e),
        };
    }
    let tty_size = if f.tty { stdio::terminal_size() } else { None };
    let started = match engine.start(&cfg.id, true, tty_size) {
        Ok((_, Some(s))) => s,
        Ok((_, None)) => return 0,
        Err(e) => return run_fail(&e),
    };
    finish_attach(started.attach, &opts)
}

/// Streams an attach until the container exits; returns its exit code.
fn finish_attach(stream: Option<std::os::unix::net::UnixStream>, opts: &AttachOptions) -> i32 {
    let Some(stream) = stream else { return 0 };
    match stdio::attach_stream(stream, opts) {
        Ok(AttachEnd::Exited(code)) => code,
        Ok(AttachEnd::Detached) => 0,
        Err(e) => {
            eprintln!("Error: {e}");
            125
        }
    }
}

pub fn start(engine: &Engine, a: StartArgs) -> i32 {
    if a.checkpoint.is_some() || a.checkpoint_dir.is_some() {
        return run_fail(&Error::InvalidArgument(
            "checkpoint is only supported on a daemon with experimental features (rdock has no checkpoint/restore)".into(),
        ));
    }
    if !(a.attach || a.interactive) {
        return super::for_each(&a.containers, |name| {
            engine.start(name, false, None).map(|_| Some(name.to_string()))
        });
    }
    if a.containers.len() > 1 {
        eprintln!("Error: you cannot start and attach multiple containers at once");
        return 1;
    }
    let name = &a.containers[0];
    let rec = match engine.container(name) {
        Ok(r) => r,
        Err(e) => return super::fail(&e),
    };
    let tty = rec.config.tty;
    let tty_size = if tty { stdio::terminal_size() } else { None };
    let stdin = a.interactive && rec.config.open_stdin;
    let opts = match AttachOptions::new(stdin, tty, true, a.detach_keys.as_deref()) {
        Ok(o) => o,
        Err(e) => return super::fail(&e),
    };
    if rec.state.status.is_active() {
        // Docker attaches to an already running container.
        return match engine.attach(name) {
            Ok((_, stream)) => finish_attach(Some(stream), &AttachOptions { send_size: true, ..opts }),
            Err(e) => super::fail(&e),
        };
    }
    match engine.start(name, true, tty_size) {
        Ok((_, Some(s))) => finish_attach(s.attach, &opts),
        Ok((_, None)) => 0,
        Err(e) => {
            eprintln!("Error response from daemon: {e}");
            e.exit_code().unwrap_or(1)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn flag_values_in_dockers_words() {
        assert_eq!(valid_label("=x").unwrap_err(), "invalid label '=x': empty name");
        assert_eq!(valid_label("a b=c").unwrap_err(), "label 'a b' contains whitespaces");
        assert_eq!(valid_label("a=b c").unwrap(), "a=b c");
        assert_eq!(super::super::valid_env("=x").unwrap_err(), "invalid environment variable: =x");
        assert!(super::super::valid_env("A=").is_ok());
        assert_eq!(valid_add_host("foo").unwrap_err(), "bad format for add-host: \"foo\"");
        assert_eq!(valid_add_host("h=::1").unwrap(), "h:::1");
        assert_eq!(valid_add_host("h:[::1]").unwrap(), "h:::1");
        assert_eq!(valid_add_host("h:host-gateway").unwrap(), "h:host-gateway");
        assert_eq!(valid_add_host("h:1.2.3").unwrap_err(), "invalid IP address in add-host: \"1.2.3\"");
        assert_eq!(valid_ip("1.2.3").unwrap_err(), "IP address is not correctly formatted: 1.2.3");
        assert!(valid_hostname(&"a".repeat(64)).is_ok());
        assert!(valid_hostname(&"a".repeat(65)).is_err());
        assert_eq!(parse_cpus("1.5"), Ok(1.5));
        assert_eq!(parse_cpus("0.1"), Ok(0.1));
        assert_eq!(parse_cpus("abc").unwrap_err(), "failed to parse abc as a rational number");
        assert_eq!(parse_cpus("0.0000000001").unwrap_err(), "value is too precise");
        assert_eq!(super::super::go_int("x").unwrap_err(), "strconv.ParseInt: parsing \"x\": invalid syntax");
        assert_eq!(parse_memory("1g"), Ok(1 << 30));
        assert!(parse_memory("99999999999g").is_err());
    }

    #[test]
    fn expose_in_dockers_words() {
        assert!(check_expose("80").is_ok() && check_expose("8000-8010/udp").is_ok());
        let err = |e| check_expose(e).unwrap_err().to_string();
        assert_eq!(err("1:2"), "invalid port format for --expose: 1:2");
        assert_eq!(
            err("abc"),
            "invalid range format for --expose: abc, error: strconv.ParseUint: parsing \"abc\": invalid syntax"
        );
        assert_eq!(
            err("90-80"),
            "invalid range format for --expose: 90-80, error: invalid range specified for port: 90-80"
        );
    }
}

//! Builds the OCI runtime spec for a container: Docker's defaults (capabilities,
//! seccomp, masked paths, /dev, cgroup device rules) plus what the flags ask for.

use std::collections::{BTreeSet, HashMap};
use std::path::{Path, PathBuf};
use std::str::FromStr;

use oci_spec::runtime::{
    Capability, LinuxBuilder, LinuxCapabilitiesBuilder, LinuxCpuBuilder, LinuxDeviceBuilder,
    LinuxDeviceCgroupBuilder, LinuxDeviceType, LinuxMemoryBuilder, LinuxNamespace, LinuxNamespaceBuilder,
    LinuxNamespaceType, LinuxPidsBuilder, LinuxResourcesBuilder, Mount, MountBuilder, ProcessBuilder,
    RootBuilder, Spec, SpecBuilder, UserBuilder,
};

use super::seccomp;
use super::users::{self, ExecUser};
use crate::error::{Error, Result};
use crate::storage::containers::{ContainerConfig, DeviceMapping, ThrottleDevice, WeightDevice};

/// Docker's default capabilities (CapEff 0xa80425fb).
pub const DEFAULT_CAPS: &[&str] = &[
    "CAP_CHOWN",
    "CAP_DAC_OVERRIDE",
    "CAP_FSETID",
    "CAP_FOWNER",
    "CAP_MKNOD",
    "CAP_NET_RAW",
    "CAP_SETGID",
    "CAP_SETUID",
    "CAP_SETFCAP",
    "CAP_SETPCAP",
    "CAP_NET_BIND_SERVICE",
    "CAP_SYS_CHROOT",
    "CAP_KILL",
    "CAP_AUDIT_WRITE",
];

pub const DEFAULT_PATH: &str = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

pub const MASKED_PATHS: &[&str] = &[
    "/proc/asound",
    "/proc/acpi",
    "/proc/interrupts",
    "/proc/kcore",
    "/proc/keys",
    "/proc/latency_stats",
    "/proc/timer_list",
    "/proc/timer_stats",
    "/proc/sched_debug",
    "/proc/scsi",
    "/sys/firmware",
    "/sys/devices/virtual/powercap",
];

pub const READONLY_PATHS: &[&str] =
    &["/proc/bus", "/proc/fs", "/proc/irq", "/proc/sys", "/proc/sysrq-trigger"];

/// Every capability rdock can hand on: those the kernel knows and our own bounding
/// set holds (a container cannot get what its creator lacks).
pub fn all_caps() -> Vec<String> {
    let ours = caps::read(None, caps::CapSet::Bounding).unwrap_or_default();
    caps::all().into_iter().filter(|c| ours.contains(c)).map(|c| c.to_string()).collect()
}

/// Normalises `net_admin`, `NET_ADMIN` and `CAP_NET_ADMIN` to `CAP_NET_ADMIN`.
pub fn normalize_cap(name: &str) -> Result<String> {
    let upper = name.to_ascii_uppercase();
    if upper == "ALL" {
        return Ok(upper);
    }
    let full = if upper.starts_with("CAP_") { upper } else { format!("CAP_{upper}") };
    if caps::Capability::from_str(&full).is_err() {
        return Err(Error::InvalidArgument(format!("unknown capability: {name:?}")));
    }
    Ok(full)
}

/// The container's capability set: Docker's defaults with `--cap-add`/`--cap-drop`.
pub fn capability_set(config: &ContainerConfig) -> Result<BTreeSet<String>> {
    if config.host.privileged {
        return Ok(all_caps().into_iter().collect());
    }
    let add: Vec<String> = config.host.cap_add.iter().map(|c| normalize_cap(c)).collect::<Result<_>>()?;
    let drop: Vec<String> = config.host.cap_drop.iter().map(|c| normalize_cap(c)).collect::<Result<_>>()?;
    let mut set: BTreeSet<String> = if drop.iter().any(|c| c == "ALL") {
        BTreeSet::new()
    } else {
        DEFAULT_CAPS.iter().map(|c| c.to_string()).filter(|c| !drop.contains(c)).collect()
    };
    if add.iter().any(|c| c == "ALL") {
        set.extend(all_caps());
    } else {
        let available = all_caps();
        if let Some(missing) = add.iter().find(|c| !available.contains(c)) {
            return Err(Error::InvalidArgument(format!(
                "capability {missing} is not available: rdock itself does not hold it"
            )));
        }
        set.extend(add);
    }
    Ok(set)
}

fn oci_caps<'a>(names: impl IntoIterator<Item = &'a String>) -> Result<oci_spec::runtime::Capabilities> {
    names
        .into_iter()
        .map(|n| {
            Capability::from_str(n.trim_start_matches("CAP_"))
                .map_err(|_| Error::InvalidArgument(format!("unknown capability: {n:?}")))
        })
        .collect()
}

/// Options from `--security-opt`.
#[derive(Debug, Default)]
pub struct SecurityOpts {
    pub no_new_privileges: bool,
    pub seccomp: Option<String>,
}

pub fn parse_security_opts(opts: &[String]) -> Result<SecurityOpts> {
    let mut out = SecurityOpts::default();
    for opt in opts {
        let (key, value) = opt.split_once(['=', ':']).unwrap_or((opt.as_str(), ""));
        match key {
            "no-new-privileges" => {
                out.no_new_privileges = match value {
                    "" | "true" => true,
                    "false" => false,
                    _ => return Err(Error::InvalidArgument(format!("invalid --security-opt 2: {opt:?}"))),
                }
            }
            "seccomp" if !value.is_empty() => out.seccomp = Some(value.to_string()),
            // Labels and profiles of LSMs this host does not enforce are accepted and
            // ignored, as Docker does when the LSM is off.
            "label" | "apparmor" | "systempaths" => {}
            _ => return Err(Error::InvalidArgument(format!("invalid --security-opt 1: {opt:?}"))),
        }
    }
    Ok(out)
}

pub struct SpecInput<'a> {
    pub config: &'a ContainerConfig,
    /// The mounted root filesystem.
    pub rootfs: &'a Path,
    /// Where the container's hosts, hostname and resolv.conf files live.
    pub userdata: &'a Path,
    pub cgroup_v2: bool,
    pub seccomp_cache: &'a Path,
    /// Not real root: no device cgroup, mounts a user namespace allows.
    pub rootless: bool,
    /// `--userns=keep-id`: the container gets its own user namespace.
    pub keep_id: Option<&'a super::userns::KeepId>,
    /// Where volumes live.
    pub store: &'a crate::storage::Store,
}

pub struct BuiltSpec {
    pub spec: Spec,
    /// A compiled seccomp program for our executor to load (the fast path); when
    /// `None`, any profile is in the spec for libcontainer to compile.
    pub seccomp_bpf: Option<PathBuf>,
    pub user: ExecUser,
}

pub fn build(input: &SpecInput) -> Result<BuiltSpec> {
    let cfg = input.config;
    let mut user = users::resolve_user(input.rootfs, &cfg.user)?;
    if let (Some(k), true) = (input.keep_id, cfg.user.is_empty()) {
        user = ExecUser { uid: k.uid, gid: k.gid, additional_gids: Vec::new(), home: k.home.clone() };
    }
    let caps = capability_set(cfg)?;
    let security = parse_security_opts(&cfg.host.security_opt)?;
    let profile = seccomp_profile(cfg, &security, &caps)?;

    // Our executor runs after the capability drop: it remounts the cgroup
    // hierarchy read-only and loads a cached seccomp program (the fast path),
    // both of which need CAP_SYS_ADMIN. That stays in the effective and
    // permitted sets only (not the bounding set): execve then leaves exactly
    // the container's capabilities.
    let mut effective = caps.clone();
    if !cfg.host.privileged {
        effective.insert("CAP_SYS_ADMIN".to_string());
    }
    let (seccomp_bpf, spec_seccomp) = match profile {
        Some(p) if seccomp::precompilable(&p) => (Some(seccomp::cached_bpf(&p, input.seccomp_cache)?), None),
        other => (None, other),
    };

    let capabilities = LinuxCapabilitiesBuilder::default()
        .bounding(oci_caps(&caps)?)
        .effective(oci_caps(&effective)?)
        .permitted(oci_caps(&effective)?)
        .inheritable(oci_caps(&[])?)
        .ambient(oci_caps(&[])?)
        .build()
        .map_err(spec_err)?;

    let mut env = process_env(cfg);
    // HOME from the image's passwd, or `/` for a user it does not list, as Docker.
    if !env.iter().any(|e| e.starts_with("HOME=")) {
        env.push(format!("HOME={}", if user.home.is_empty() { "/" } else { user.home.as_str() }));
    }
    let mut process = ProcessBuilder::default()
        .terminal(cfg.tty)
        .args(process_args(cfg)?)
        .env(env)
        .cwd(if cfg.working_dir.is_empty() { "/".to_string() } else { cfg.working_dir.clone() })
        .user(
            UserBuilder::default()
                .uid(user.uid)
                .gid(user.gid)
                .additional_gids(if input.keep_id.is_some() {
                    // A new user namespace made without privilege cannot set
                    // groups (libcontainer refuses: CVE-2014-8989).
                    Vec::new()
                } else {
                    let mut gids = supplementary_gids(&user, input.rootless);
                    gids.extend(users::resolve_groups(input.rootfs, &cfg.host.group_add)?);
                    gids
                })
                .build()
                .map_err(spec_err)?,
        )
        .capabilities(capabilities)
        .build()
        .map_err(spec_err)?;
    // `Some(false)` would make libcontainer load seccomp after dropping privileges.
    process.set_no_new_privileges(security.no_new_privileges.then_some(true));
    process.set_rlimits(rlimits(&cfg.host.ulimits)?);
    process.set_oom_score_adj((cfg.host.oom_score_adj != 0).then_some(cfg.host.oom_score_adj));

    let mut namespaces = vec![LinuxNamespaceType::Mount];
    let mut joined = Vec::new();
    for (typ, mode, file) in [
        (LinuxNamespaceType::Pid, &cfg.host.pid_mode, "pid"),
        (LinuxNamespaceType::Ipc, &cfg.host.ipc_mode, "ipc"),
        (LinuxNamespaceType::Uts, &cfg.host.uts_mode, "uts"),
    ] {
        match shared_namespace(mode, file, input.store)? {
            Shared::Own => namespaces.push(typ),
            Shared::Host => {}
            Shared::Path(p) => {
                joined.push(LinuxNamespaceBuilder::default().typ(typ).path(p).build().map_err(spec_err)?)
            }
        }
    }
    if private_cgroupns(cfg, input.cgroup_v2) {
        namespaces.push(LinuxNamespaceType::Cgroup);
    }
    if input.keep_id.is_some() {
        namespaces.push(LinuxNamespaceType::User);
    }
    let mut namespaces = namespaces
        .into_iter()
        .map(|t| LinuxNamespaceBuilder::default().typ(t).build().map_err(spec_err))
        .collect::<Result<Vec<_>>>()?;
    namespaces.extend(joined);
    if let Some(ns) = network_namespace(cfg, input)? {
        namespaces.push(ns);
    }

    let mut linux = LinuxBuilder::default()
        .sysctl(
            cfg.host
                .sysctls
                .iter()
                .map(|(k, v)| (k.clone(), v.clone()))
                .collect::<std::collections::HashMap<_, _>>(),
        )
        .namespaces(namespaces)
        .cgroups_path(cfg.cgroup())
        .resources(resources(cfg, input.rootless)?);
    if let Some(k) = input.keep_id {
        linux = linux.uid_mappings(keep_id_map(k.uid, k.mapped)?).gid_mappings(keep_id_map(k.gid, k.mapped)?);
    }
    if cfg.host.privileged {
        linux = linux.devices(host_devices());
    } else if !input.rootless && !cfg.host.devices.is_empty() {
        // Rootless, --device nodes are bind-mounted instead (see mounts).
        linux = linux.devices(custom_devices(cfg)?.0);
    }
    if !cfg.host.privileged {
        linux = linux
            .masked_paths(MASKED_PATHS.iter().map(|s| s.to_string()).collect::<Vec<_>>())
            .readonly_paths(READONLY_PATHS.iter().map(|s| s.to_string()).collect::<Vec<_>>());
    }
    if let Some(p) = spec_seccomp {
        linux = linux.seccomp(p);
    }

    let mut spec = SpecBuilder::default()
        .version("1.0.2")
        .root(
            RootBuilder::default()
                .path(input.rootfs)
                .readonly(cfg.host.read_only)
                .build()
                .map_err(spec_err)?,
        )
        .hostname(cfg.hostname.clone())
        .mounts(mounts(cfg, input.userdata, input.rootless, input.store)?)
        .process(process)
        .linux(linux.build().map_err(spec_err)?)
        .build()
        .map_err(spec_err)?;
    // The host's UTS namespace keeps the host's name.
    if cfg.host.uts_mode == "host" {
        spec.set_hostname(None);
    }
    if !cfg.host.annotations.is_empty() {
        spec.set_annotations(Some(
            cfg.host.annotations.iter().map(|(k, v)| (k.clone(), v.clone())).collect(),
        ));
    }
    if !cfg.domainname.is_empty() {
        spec.set_domainname(Some(cfg.domainname.clone()));
    }
    Ok(BuiltSpec { spec, seccomp_bpf, user })
}

/// `--cgroupns`; containers made before it existed keep what they had (v2 only).
fn private_cgroupns(cfg: &ContainerConfig, v2: bool) -> bool {
    match cfg.host.cgroupns.as_str() {
        "private" => true,
        "host" => false,
        _ => v2,
    }
}

fn seccomp_profile(
    cfg: &ContainerConfig,
    security: &SecurityOpts,
    caps: &BTreeSet<String>,
) -> Result<Option<oci_spec::runtime::LinuxSeccomp>> {
    if cfg.host.privileged {
        return Ok(None);
    }
    let profile = match security.seccomp.as_deref() {
        Some("unconfined") => return Ok(None),
        Some(path) => seccomp::load_profile(Path::new(path))?,
        None => seccomp::default_profile(),
    };
    profile.to_oci(caps).map(Some)
}

pub fn process_args(cfg: &ContainerConfig) -> Result<Vec<String>> {
    let mut args = vec![cfg.path.clone()];
    args.extend(cfg.args.iter().cloned());
    if cfg.path.is_empty() {
        return Err(Error::InvalidArgument("no command specified".into()));
    }
    Ok(args)
}

/// PATH, HOSTNAME and TERM first, then the container's own variables overriding.
/// The groups the process gets: its primary group first, then those the
/// image's /etc/group lists it in (moby adds the primary one, so `id` shows
/// `groups=0(root),…`). A user namespace with one id mapped denies
/// setgroups: only the image's own list then.
pub fn supplementary_gids(user: &ExecUser, rootless: bool) -> Vec<u32> {
    let mut gids = Vec::new();
    if !rootless || crate::util::mapped_ids() > 1 {
        gids.push(user.gid);
    }
    gids.extend(user.additional_gids.iter().filter(|g| **g != user.gid));
    gids
}

pub fn process_env(cfg: &ContainerConfig) -> Vec<String> {
    let mut env: Vec<String> = vec![format!("PATH={DEFAULT_PATH}"), format!("HOSTNAME={}", cfg.hostname)];
    if cfg.tty {
        env.push("TERM=xterm".into());
    }
    for var in &cfg.env {
        let key = var.split('=').next().unwrap_or(var);
        match env.iter_mut().find(|e| e.split('=').next() == Some(key)) {
            Some(slot) => *slot = var.clone(),
            None => env.push(var.clone()),
        }
    }
    env
}

/// A new network namespace, none (the host's), or another running container's.
enum Shared {
    Own,
    Host,
    Path(PathBuf),
}

/// `--pid`/`--ipc`/`--uts` MODE: a namespace of its own, the host's, or a
/// running container's.
fn shared_namespace(mode: &str, file: &str, store: &crate::storage::Store) -> Result<Shared> {
    match mode {
        "" | "private" | "shareable" => Ok(Shared::Own),
        "host" => Ok(Shared::Host),
        m => match m.strip_prefix("container:") {
            Some(other) => {
                let theirs = store.find_container(other)?;
                if !theirs.state.status.is_active() || theirs.state.pid <= 0 {
                    return Err(Error::Conflict(format!(
                        "cannot join {file} namespace of a non running container: {other}"
                    )));
                }
                Ok(Shared::Path(PathBuf::from(format!("/proc/{}/ns/{file}", theirs.state.pid))))
            }
            None => Err(Error::InvalidArgument(format!("invalid {} mode: {m}", file.to_uppercase()))),
        },
    }
}

fn network_namespace(cfg: &ContainerConfig, input: &SpecInput) -> Result<Option<LinuxNamespace>> {
    let path = match crate::net::NetworkMode::parse(&cfg.host.network_mode)? {
        crate::net::NetworkMode::Host => return Ok(None),
        crate::net::NetworkMode::Container(other) => {
            let theirs = input.store.find_container(&other)?;
            if !theirs.state.status.is_active() || theirs.state.pid <= 0 {
                return Err(Error::Conflict(format!(
                    "cannot join network namespace of a non running container: {other}"
                )));
            }
            Some(PathBuf::from(format!("/proc/{}/ns/net", theirs.state.pid)))
        }
        _ => None,
    };
    let mut b = LinuxNamespaceBuilder::default().typ(LinuxNamespaceType::Network);
    if let Some(p) = path {
        b = b.path(p);
    }
    Ok(Some(b.build().map_err(spec_err)?))
}

fn mount(dest: &str, typ: &str, source: &str, options: &[&str]) -> Result<Mount> {
    MountBuilder::default()
        .destination(dest)
        .typ(typ)
        .source(source)
        .options(options.iter().map(|s| s.to_string()).collect::<Vec<_>>())
        .build()
        .map_err(spec_err)
}

fn mounts(
    cfg: &ContainerConfig,
    userdata: &Path,
    rootless: bool,
    store: &crate::storage::Store,
) -> Result<Vec<Mount>> {
    let sys_ro = if cfg.host.privileged { "rw" } else { "ro" };
    // A user namespace can only mount devpts with a group it maps, and sysfs
    // only in a network namespace it owns: with the host's network, bind it.
    let tty_gid = if !rootless || crate::util::mapped_ids() > 5 { "gid=5" } else { "mode=0620" };
    let own_sysfs = !rootless || cfg.host.network_mode != "host";
    let shm_size = format!("size={}", if cfg.host.shm_size > 0 { cfg.host.shm_size } else { 64 << 20 });
    let mut out = vec![
        mount("/proc", "proc", "proc", &["nosuid", "noexec", "nodev"])?,
        mount("/dev", "tmpfs", "tmpfs", &["nosuid", "strictatime", "mode=755", "size=65536k"])?,
        mount(
            "/dev/pts",
            "devpts",
            "devpts",
            &["nosuid", "noexec", "newinstance", "ptmxmode=0666", "mode=0620", tty_gid],
        )?,
        mount("/dev/mqueue", "mqueue", "mqueue", &["nosuid", "noexec", "nodev"])?,
        // Its own, also with a shared IPC namespace: libcontainer resolves a
        // bind source under /proc/PID/root to the host's path.
        mount("/dev/shm", "tmpfs", "shm", &["nosuid", "noexec", "nodev", "mode=1777", &shm_size])?,
    ];
    if own_sysfs {
        out.insert(3, mount("/sys", "sysfs", "sysfs", &["nosuid", "noexec", "nodev", sys_ro])?);
        out.insert(
            4,
            mount("/sys/fs/cgroup", "cgroup", "cgroup", &["nosuid", "noexec", "nodev", "relatime", sys_ro])?,
        );
    } else {
        out.insert(3, mount("/sys", "bind", "/sys", &["rbind", "nosuid", "noexec", "nodev", "ro"])?);
    }
    // Rootless, --device nodes cannot be made: the host's are bound in.
    if rootless && !cfg.host.privileged {
        for d in &cfg.host.devices {
            device_node(Path::new(&d.path_on_host))?;
            let mut options = vec!["bind", "nosuid", "noexec"];
            if !d.cgroup_permissions.contains('w') {
                options.push("ro");
            }
            out.push(mount(&d.path_in_container, "bind", &d.path_on_host, &options)?);
        }
    }
    for (dest, opts) in &cfg.host.tmpfs {
        let mut options = vec!["nosuid", "nodev", "noexec"];
        options.extend(opts.split(',').filter(|o| !o.is_empty()));
        out.push(mount(dest, "tmpfs", "tmpfs", &options)?);
    }
    for (dest, typ, source, options) in super::mounts::oci_mounts(store, cfg)? {
        let options: Vec<&str> = options.iter().map(String::as_str).collect();
        out.push(mount(&dest, &typ, &source, &options)?);
    }
    for name in ["resolv.conf", "hostname", "hosts"] {
        let src = userdata.join(name);
        let mut options = vec!["rbind", "rprivate"];
        if cfg.host.read_only {
            options.push("ro");
        }
        out.push(mount(&format!("/etc/{name}"), "bind", &src.to_string_lossy(), &options)?);
    }
    Ok(out)
}

/// The container's limits without device rules, for `update` of a running one.
pub fn limits(cfg: &ContainerConfig) -> Result<oci_spec::runtime::LinuxResources> {
    resources(cfg, true)
}

fn resources(cfg: &ContainerConfig, rootless: bool) -> Result<oci_spec::runtime::LinuxResources> {
    let mut r = LinuxResourcesBuilder::default();
    let deny_all =
        LinuxDeviceCgroupBuilder::default().allow(false).access("rwm").build().map_err(spec_err)?;
    let allow_all =
        LinuxDeviceCgroupBuilder::default().allow(true).access("rwm").build().map_err(spec_err)?;
    // Rootless, the device cgroup is out of reach; the user namespace already
    // keeps containers from opening devices they were not given.
    if !rootless {
        let mut rules = vec![if cfg.host.privileged { allow_all } else { deny_all }];
        rules.extend(custom_devices(cfg)?.1);
        r = r.devices(rules);
    }
    let h = &cfg.host;
    if h.memory > 0 || h.memory_reservation > 0 || h.oom_kill_disable || h.memory_swappiness.is_some() {
        let mut m = LinuxMemoryBuilder::default();
        if h.memory > 0 {
            m = m.limit(h.memory);
        }
        if h.memory_swap != 0 {
            m = m.swap(h.memory_swap);
        }
        if h.memory_reservation > 0 {
            m = m.reservation(h.memory_reservation);
        }
        if let Some(sw) = h.memory_swappiness {
            m = m.swappiness(sw as u64);
        }
        if h.oom_kill_disable {
            m = m.disable_oom_killer(true);
        }
        r = r.memory(m.build().map_err(spec_err)?);
    }
    if h.nano_cpus > 0
        || h.cpu_shares > 0
        || h.cpu_period > 0
        || h.cpu_quota != 0
        || !h.cpuset_cpus.is_empty()
        || !h.cpuset_mems.is_empty()
        || h.cpu_rt_period > 0
        || h.cpu_rt_runtime > 0
    {
        let mut c = LinuxCpuBuilder::default();
        if h.cpu_rt_period > 0 {
            c = c.realtime_period(h.cpu_rt_period as u64);
        }
        if h.cpu_rt_runtime > 0 {
            c = c.realtime_runtime(h.cpu_rt_runtime);
        }
        if h.nano_cpus > 0 {
            let period: u64 = 100_000;
            let quota = (h.nano_cpus as i128 * period as i128 / 1_000_000_000) as i64;
            c = c.period(period).quota(quota);
        }
        if h.cpu_period > 0 {
            c = c.period(h.cpu_period as u64);
        }
        if h.cpu_quota != 0 {
            c = c.quota(h.cpu_quota);
        }
        if h.cpu_shares > 0 {
            c = c.shares(h.cpu_shares as u64);
        }
        if !h.cpuset_cpus.is_empty() {
            c = c.cpus(h.cpuset_cpus.clone());
        }
        if !h.cpuset_mems.is_empty() {
            c = c.mems(h.cpuset_mems.clone());
        }
        r = r.cpu(c.build().map_err(spec_err)?);
    }
    if let Some(b) = block_io(h)? {
        r = r.block_io(b);
    }
    if cfg.host.pids_limit != 0 {
        r = r.pids(LinuxPidsBuilder::default().limit(cfg.host.pids_limit).build().map_err(spec_err)?);
    }
    r.build().map_err(spec_err)
}

/// The host's device nodes, for `--privileged`.
fn host_devices() -> Vec<oci_spec::runtime::LinuxDevice> {
    use std::os::unix::fs::{FileTypeExt, MetadataExt};
    let mut out = Vec::new();
    let mut stack = vec![PathBuf::from("/dev")];
    while let Some(dir) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            let Ok(meta) = std::fs::symlink_metadata(&path) else {
                continue;
            };
            let ft = meta.file_type();
            if ft.is_dir() {
                if !matches!(
                    path.to_str(),
                    Some("/dev/pts" | "/dev/shm" | "/dev/mqueue" | "/dev/.lxc" | "/dev/.udev")
                ) {
                    stack.push(path);
                }
                continue;
            }
            let typ = if ft.is_char_device() {
                LinuxDeviceType::C
            } else if ft.is_block_device() {
                LinuxDeviceType::B
            } else {
                continue;
            };
            // The console, ptys and ptmx are the container's own (ptmx becomes a
            // link into its devpts, which a bind-mounted node would block).
            if path == Path::new("/dev/console")
                || path == Path::new("/dev/ptmx")
                || path.starts_with("/dev/pts")
            {
                continue;
            }
            let rdev = meta.rdev();
            let dev = LinuxDeviceBuilder::default()
                .path(path)
                .typ(typ)
                .major(nix::sys::stat::major(rdev) as i64)
                .minor(nix::sys::stat::minor(rdev) as i64)
                .file_mode(meta.mode() & 0o7777)
                .uid(meta.uid())
                .gid(meta.gid())
                .build();
            if let Ok(d) = dev {
                out.push(d);
            }
        }
    }
    out
}

fn spec_err(e: impl std::fmt::Display) -> Error {
    Error::Runtime(format!("building runtime spec: {e}"))
}

/// keep-id's mapping, in ids of rdock's namespace: the user (our 0) appears as
/// `own`; our ids 1..=own appear as 0..own; the rest stay where they are.
fn keep_id_map(own: u32, mapped: u32) -> Result<Vec<oci_spec::runtime::LinuxIdMapping>> {
    use oci_spec::runtime::LinuxIdMappingBuilder;
    let m = |container: u32, host: u32, size: u32| {
        LinuxIdMappingBuilder::default()
            .container_id(container)
            .host_id(host)
            .size(size)
            .build()
            .map_err(spec_err)
    };
    let mut out = vec![m(own, 0, 1)?];
    if own > 0 {
        out.push(m(0, 1, own)?);
    }
    if mapped > own + 1 {
        out.push(m(own + 1, own + 1, mapped - own - 1)?);
    }
    Ok(out)
}

/// Parses `--tmpfs /path[:opts]` values.
pub fn parse_tmpfs(values: &[String]) -> Result<std::collections::BTreeMap<String, String>> {
    let mut out = std::collections::BTreeMap::new();
    for v in values {
        let (dest, opts) = v.split_once(':').unwrap_or((v.as_str(), ""));
        if !dest.starts_with('/') {
            return Err(Error::InvalidArgument(format!(
                "invalid mount path {dest:?}: mount path must be absolute"
            )));
        }
        for opt in opts.split(',') {
            if let Some((key, value)) = opt.split_once('=') {
                if !tmpfs_value_ok(key, value) {
                    return Err(Error::flag("--tmpfs", v, format!("invalid value for {key}: {value}")));
                }
            }
        }
        out.insert(dest.to_string(), opts.to_string());
    }
    Ok(out)
}

/// Whether the kernel's tmpfs takes `key=value` (else the mount fails only at
/// start, as an opaque runtime error). Keys it parses as numbers are checked.
fn tmpfs_value_ok(key: &str, value: &str) -> bool {
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    // memparse: a number with an optional k/m/g/t/p/e suffix.
    let size = |s: &str| digits(s.strip_suffix(|c: char| "kmgtpeKMGTPE".contains(c)).unwrap_or(s));
    match key {
        "size" | "nr_blocks" => size(value) || value.strip_suffix('%').is_some_and(digits),
        "nr_inodes" => size(value),
        "mode" => !value.is_empty() && u32::from_str_radix(value, 8).is_ok(),
        "uid" | "gid" => value.parse::<u32>().is_ok(),
        _ => true,
    }
}

/// `HashMap` of env for exec processes: container env, then the exec's own.
/// `--ulimit NAME=SOFT[:HARD]` (`-1` unlimited), refused in Docker's words.
pub fn parse_ulimit(s: &str) -> Result<crate::storage::containers::Ulimit> {
    let bad = || Error::InvalidArgument(format!("invalid ulimit argument: {s}"));
    let (name, values) = s.split_once('=').ok_or_else(bad)?;
    rlimit_type(name).ok_or_else(|| Error::InvalidArgument(format!("invalid ulimit type: {name}")))?;
    let (soft, hard) = values.split_once(':').unwrap_or((values, values));
    let num = |v: &str| v.parse::<i64>().map_err(|_| bad());
    let (soft, hard) = (num(soft)?, num(hard)?);
    if soft != -1 && hard != -1 && soft > hard {
        return Err(Error::InvalidArgument(format!(
            "ulimit soft limit must be less than or equal to hard limit: {soft} > {hard}"
        )));
    }
    Ok(crate::storage::containers::Ulimit { name: name.to_string(), soft, hard })
}

fn rlimit_type(name: &str) -> Option<oci_spec::runtime::PosixRlimitType> {
    format!("RLIMIT_{}", name.to_ascii_uppercase()).parse().ok()
}

fn rlimits(
    ulimits: &[crate::storage::containers::Ulimit],
) -> Result<Option<Vec<oci_spec::runtime::PosixRlimit>>> {
    if ulimits.is_empty() {
        return Ok(None);
    }
    let limit = |v: i64| if v < 0 { u64::MAX } else { v as u64 };
    let mut out = Vec::new();
    for u in ulimits {
        let typ = rlimit_type(&u.name)
            .ok_or_else(|| Error::InvalidArgument(format!("invalid ulimit type: {}", u.name)))?;
        out.push(
            oci_spec::runtime::PosixRlimitBuilder::default()
                .typ(typ)
                .soft(limit(u.soft))
                .hard(limit(u.hard))
                .build()
                .map_err(spec_err)?,
        );
    }
    Ok(Some(out))
}

pub fn merge_env(base: &[String], extra: &[String]) -> Vec<String> {
    let mut map: Vec<(String, String)> = Vec::new();
    let mut index: HashMap<String, usize> = HashMap::new();
    for var in base.iter().chain(extra.iter()) {
        let (k, v) = var.split_once('=').unwrap_or((var.as_str(), ""));
        match index.get(k) {
            Some(&i) => map[i].1 = v.to_string(),
            None => {
                index.insert(k.to_string(), map.len());
                map.push((k.to_string(), v.to_string()));
            }
        }
    }
    map.into_iter().map(|(k, v)| format!("{k}={v}")).collect()
}

/// `--device HOST[:CONTAINER][:PERMISSIONS]`, read as Docker's CLI reads it.
pub fn parse_device(d: &str) -> std::result::Result<DeviceMapping, String> {
    let parts: Vec<&str> = d.splitn(4, ':').collect();
    let valid_mode = |m: &str| {
        !m.is_empty() && m.len() <= 3 && m.chars().all(|c| "rwm".contains(c)) && {
            let mut seen: Vec<char> = m.chars().collect();
            seen.sort();
            seen.dedup();
            seen.len() == m.len()
        }
    };
    let (src, mut dst, mut perms) = (parts[0], "", "rwm");
    match parts.len() {
        1 => {}
        2 if valid_mode(parts[1]) => perms = parts[1],
        2 => dst = parts[1],
        3 => {
            dst = parts[1];
            perms = parts[2];
        }
        _ => return Err(format!("invalid device specification: {d}")),
    }
    if dst.is_empty() {
        dst = src;
    }
    if !dst.starts_with('/') {
        return Err(format!("{dst} is not an absolute path"));
    }
    if !valid_mode(perms) {
        return Err(format!("bad mode specified: {perms}"));
    }
    Ok(DeviceMapping {
        path_on_host: src.into(),
        path_in_container: dst.into(),
        cgroup_permissions: perms.into(),
    })
}

/// `--device-cgroup-rule 'c 1:3 rwm'`: type, major and minor (or `*`), access.
pub fn device_rule(r: &str) -> std::result::Result<oci_spec::runtime::LinuxDeviceCgroup, String> {
    let bad = || format!("invalid device cgroup format '{r}'");
    let parts: Vec<&str> = r.split(' ').collect();
    let [typ, nums, access] = parts[..] else { return Err(bad()) };
    let typ = match typ {
        "a" => LinuxDeviceType::A,
        "b" => LinuxDeviceType::B,
        "c" => LinuxDeviceType::C,
        _ => return Err(bad()),
    };
    let (major, minor) = nums.split_once(':').ok_or_else(bad)?;
    let num = |n: &str| -> std::result::Result<Option<i64>, String> {
        if n == "*" {
            Ok(None)
        } else {
            // Docker's pattern takes digits only: no sign.
            n.parse::<u32>().map(|v| Some(v.into())).map_err(|_| bad())
        }
    };
    if access.is_empty() || access.len() > 3 || !access.chars().all(|c| "rwm".contains(c)) {
        return Err(bad());
    }
    let mut b = LinuxDeviceCgroupBuilder::default().allow(true).typ(typ).access(access);
    if let Some(m) = num(major)? {
        b = b.major(m);
    }
    if let Some(m) = num(minor)? {
        b = b.minor(m);
    }
    b.build().map_err(|e| e.to_string())
}

/// `--blkio-weight-device /dev/sda:200` (10 to 1000), as Docker's CLI checks it.
pub fn parse_weight_device(w: &str) -> std::result::Result<WeightDevice, String> {
    let (path, weight) = w.split_once(':').ok_or_else(|| format!("bad format: {w}"))?;
    if !path.starts_with("/dev/") {
        return Err(format!("bad format for device path: {w}"));
    }
    let weight: u16 = weight.parse().map_err(|_| format!("invalid weight for device: {w}"))?;
    if weight > 0 && !(10..=1000).contains(&weight) {
        return Err(format!("invalid weight for device: {w}"));
    }
    Ok(WeightDevice { path: path.into(), weight })
}

/// `--device-read-bps /dev/sda:1mb` (`bytes`) or `--device-read-iops /dev/sda:100`.
pub fn parse_throttle(t: &str, bytes: bool) -> std::result::Result<ThrottleDevice, String> {
    let (path, rate) = t.split_once(':').ok_or_else(|| format!("bad format: {t}"))?;
    if !path.starts_with("/dev/") {
        return Err(format!("bad format for device path: {t}"));
    }
    let rate = if bytes {
        crate::format::parse_bytes(rate).ok().filter(|r| *r >= 0).map(|r| r as u64).ok_or_else(|| {
            format!("invalid rate for device: {t}. The correct format is <device-path>:<number>[<unit>]. Number must be a positive integer. Unit is optional and can be kb, mb, or gb")
        })?
    } else {
        rate.parse().map_err(|_| {
            format!("invalid rate for device: {t}. The correct format is <device-path>:<number>. Number must be a positive integer")
        })?
    };
    Ok(ThrottleDevice { path: path.into(), rate })
}

/// The device node at `path` (links followed): type, major, minor, mode, owner.
fn device_node(path: &Path) -> Result<(LinuxDeviceType, i64, i64, u32, u32, u32)> {
    use std::os::unix::fs::{FileTypeExt, MetadataExt};
    let meta = std::fs::metadata(path).map_err(|e| {
        Error::Runtime(format!(
            "error gathering device information while adding custom device {:?}: {}",
            path.display().to_string(),
            crate::util::io_reason(&e)
        ))
    })?;
    let typ = if meta.file_type().is_char_device() {
        LinuxDeviceType::C
    } else if meta.file_type().is_block_device() {
        LinuxDeviceType::B
    } else {
        return Err(Error::Runtime(format!(
            "error gathering device information while adding custom device {:?}: not a device node",
            path.display().to_string()
        )));
    };
    let rdev = meta.rdev();
    Ok((
        typ,
        nix::sys::stat::major(rdev) as i64,
        nix::sys::stat::minor(rdev) as i64,
        meta.mode() & 0o7777,
        meta.uid(),
        meta.gid(),
    ))
}

/// `--device`s as OCI devices and the cgroup rules that let them be used.
fn custom_devices(
    cfg: &ContainerConfig,
) -> Result<(Vec<oci_spec::runtime::LinuxDevice>, Vec<oci_spec::runtime::LinuxDeviceCgroup>)> {
    let mut devices = Vec::new();
    let mut rules = Vec::new();
    for d in &cfg.host.devices {
        let (typ, major, minor, mode, uid, gid) = device_node(Path::new(&d.path_on_host))?;
        devices.push(
            LinuxDeviceBuilder::default()
                .path(PathBuf::from(&d.path_in_container))
                .typ(typ)
                .major(major)
                .minor(minor)
                .file_mode(mode)
                .uid(uid)
                .gid(gid)
                .build()
                .map_err(spec_err)?,
        );
        rules.push(
            LinuxDeviceCgroupBuilder::default()
                .allow(true)
                .typ(typ)
                .major(major)
                .minor(minor)
                .access(d.cgroup_permissions.clone())
                .build()
                .map_err(spec_err)?,
        );
    }
    for r in &cfg.host.device_cgroup_rules {
        rules.push(device_rule(r).map_err(Error::InvalidArgument)?);
    }
    Ok((devices, rules))
}

/// Block IO weights and throttles per device, from the devices' numbers.
fn block_io(h: &crate::storage::containers::HostConfig) -> Result<Option<oci_spec::runtime::LinuxBlockIo>> {
    use oci_spec::runtime::{LinuxThrottleDeviceBuilder, LinuxWeightDeviceBuilder};
    let nothing = h.blkio_weight == 0
        && h.blkio_weight_device.is_empty()
        && [&h.device_read_bps, &h.device_write_bps, &h.device_read_iops, &h.device_write_iops]
            .iter()
            .all(|v| v.is_empty());
    if nothing {
        return Ok(None);
    }
    let numbers = |path: &str| -> Result<(i64, i64)> {
        device_node(Path::new(path)).map(|(_, major, minor, ..)| (major, minor))
    };
    let throttle = |list: &[ThrottleDevice]| -> Result<Vec<oci_spec::runtime::LinuxThrottleDevice>> {
        list.iter()
            .map(|t| {
                let (major, minor) = numbers(&t.path)?;
                LinuxThrottleDeviceBuilder::default()
                    .major(major)
                    .minor(minor)
                    .rate(t.rate)
                    .build()
                    .map_err(spec_err)
            })
            .collect()
    };
    let mut b = oci_spec::runtime::LinuxBlockIoBuilder::default();
    if h.blkio_weight > 0 {
        b = b.weight(h.blkio_weight);
    }
    let weights = h
        .blkio_weight_device
        .iter()
        .map(|w| {
            let (major, minor) = numbers(&w.path)?;
            LinuxWeightDeviceBuilder::default()
                .major(major)
                .minor(minor)
                .weight(w.weight)
                .build()
                .map_err(spec_err)
        })
        .collect::<Result<Vec<_>>>()?;
    if !weights.is_empty() {
        b = b.weight_device(weights);
    }
    b = b
        .throttle_read_bps_device(throttle(&h.device_read_bps)?)
        .throttle_write_bps_device(throttle(&h.device_write_bps)?)
        .throttle_read_iops_device(throttle(&h.device_read_iops)?)
        .throttle_write_iops_device(throttle(&h.device_write_iops)?);
    Ok(Some(b.build().map_err(spec_err)?))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tmpfs_flags() {
        let parse = |v: &str| parse_tmpfs(&[v.to_string()]).map_err(|e| e.to_string());
        assert_eq!(parse("/x:size=64m,mode=1777,noexec").unwrap()["/x"], "size=64m,mode=1777,noexec");
        assert!(parse("/x:size=50%,nr_inodes=1k,uid=1000").is_ok());
        assert_eq!(
            parse("/x:size=abc").unwrap_err(),
            "invalid argument \"/x:size=abc\" for \"--tmpfs\" flag: invalid value for size: abc"
        );
        for bad in ["/x:size=10kk", "/x:mode=999", "/x:uid=-1", "/x:nr_inodes=5%", "rel"] {
            assert!(parse(bad).is_err(), "{bad}");
        }
    }
}

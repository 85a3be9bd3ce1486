//! Seccomp: Docker's default profile, Docker-format profiles from
//! `--security-opt seccomp=FILE`, their translation to the OCI form for a given
//! capability set, and a cache of compiled BPF programs.
//!
//! Compiling Docker's ~440-syscall profile with libseccomp costs ~25 ms; the program
//! depends only on the OCI profile, so it is compiled once and loaded from the cache
//! by our executor (see `executor.rs`) for every later container.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use libseccomp::{ScmpAction, ScmpArch, ScmpArgCompare, ScmpCompareOp, ScmpFilterContext, ScmpSyscall};
use oci_spec::runtime::{
    Arch, LinuxSeccomp, LinuxSeccompAction, LinuxSeccompArgBuilder, LinuxSeccompBuilder,
    LinuxSeccompOperator, LinuxSyscallBuilder,
};
use serde::Deserialize;

use crate::error::{Error, Result};

/// A profile in Docker's format (what `--security-opt seccomp=FILE` reads).
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct Profile {
    pub default_action: String,
    pub default_errno_ret: Option<u32>,
    pub arch_map: Vec<ArchMap>,
    pub architectures: Vec<String>,
    pub syscalls: Vec<Rule>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct ArchMap {
    pub architecture: String,
    pub sub_architectures: Option<Vec<String>>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct Rule {
    pub names: Vec<String>,
    pub name: Option<String>,
    pub action: String,
    pub errno_ret: Option<u32>,
    pub args: Option<Vec<Arg>>,
    pub includes: Filter,
    pub excludes: Filter,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct Filter {
    pub caps: Vec<String>,
    pub arches: Vec<String>,
    pub min_kernel: Option<String>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct Arg {
    pub index: usize,
    pub value: u64,
    pub value_two: u64,
    pub op: String,
}

/// Syscalls any container may make (Docker's unconditional allow-list).
const ALLOWED: &str = "
accept accept4 access adjtimex alarm bind brk capget capset chdir chmod chown chown32
clock_adjtime clock_adjtime64 clock_getres clock_getres_time64 clock_gettime clock_gettime64
clock_nanosleep clock_nanosleep_time64 close close_range connect copy_file_range creat dup dup2
dup3 epoll_create epoll_create1 epoll_ctl epoll_ctl_old epoll_pwait epoll_pwait2 epoll_wait
epoll_wait_old eventfd eventfd2 execve execveat exit exit_group faccessat faccessat2 fadvise64
fadvise64_64 fallocate fanotify_mark fchdir fchmod fchmodat fchown fchown32 fchownat fcntl fcntl64
fdatasync fgetxattr flistxattr flock fork fremovexattr fsetxattr fstat fstat64 fstatat64 fstatfs
fstatfs64 fsync ftruncate ftruncate64 futex futex_time64 futex_waitv futimesat getcpu getcwd
getdents getdents64 getegid getegid32 geteuid geteuid32 getgid getgid32 getgroups getgroups32
getitimer getpeername getpgid getpgrp getpid getppid getpriority getrandom getresgid getresgid32
getresuid getresuid32 getrlimit get_robust_list getrusage getsid getsockname getsockopt
get_thread_area gettid gettimeofday getuid getuid32 getxattr inotify_add_watch inotify_init
inotify_init1 inotify_rm_watch io_cancel ioctl io_destroy io_getevents io_pgetevents
io_pgetevents_time64 ioprio_get ioprio_set io_setup io_submit io_uring_enter io_uring_register
io_uring_setup ipc kill landlock_add_rule landlock_create_ruleset landlock_restrict_self lchown
lchown32 lgetxattr link linkat listen listxattr llistxattr _llseek lremovexattr lseek lsetxattr
lstat lstat64 madvise membarrier memfd_create memfd_secret mincore mkdir mkdirat mknod mknodat
mlock mlock2 mlockall mmap mmap2 mprotect mq_getsetattr mq_notify mq_open mq_timedreceive
mq_timedreceive_time64 mq_timedsend mq_timedsend_time64 mq_unlink mremap msgctl msgget msgrcv
msgsnd msync munlock munlockall munmap name_to_handle_at nanosleep newfstatat _newselect open
openat openat2 pause pidfd_open pidfd_send_signal pipe pipe2 pkey_alloc pkey_free pkey_mprotect
poll ppoll ppoll_time64 prctl pread64 preadv preadv2 prlimit64 process_mrelease pselect6
pselect6_time64 pwrite64 pwritev pwritev2 read readahead readlink readlinkat readv recv recvfrom
recvmmsg recvmmsg_time64 recvmsg remap_file_pages removexattr rename renameat renameat2
restart_syscall rmdir rseq rt_sigaction rt_sigpending rt_sigprocmask rt_sigqueueinfo
rt_sigreturn rt_sigsuspend rt_sigtimedwait rt_sigtimedwait_time64 rt_tgsigqueueinfo
sched_getaffinity sched_getattr sched_getparam sched_get_priority_max sched_get_priority_min
sched_getscheduler sched_rr_get_interval sched_rr_get_interval_time64 sched_setaffinity
sched_setattr sched_setparam sched_setscheduler sched_yield seccomp select semctl semget semop
semtimedop semtimedop_time64 send sendfile sendfile64 sendmmsg sendmsg sendto setfsgid setfsgid32
setfsuid setfsuid32 setgid setgid32 setgroups setgroups32 setitimer setpgid setpriority setregid
setregid32 setresgid setresgid32 setresuid setresuid32 setreuid setreuid32 setrlimit
set_robust_list setsid setsockopt set_thread_area set_tid_address setuid setuid32 setxattr shmat
shmctl shmdt shmget shutdown sigaltstack signalfd signalfd4 sigprocmask sigreturn socketcall
socketpair splice stat stat64 statfs statfs64 statx symlink symlinkat sync sync_file_range
syncfs sysinfo tee tgkill time timer_create timer_delete timer_getoverrun timer_gettime
timer_gettime64 timer_settime timer_settime64 timerfd_create timerfd_gettime timerfd_gettime64
timerfd_settime timerfd_settime64 times tkill truncate truncate64 ugetrlimit umask uname unlink
unlinkat utime utimensat utimensat_time64 utimes vfork vmsplice wait4 waitid waitpid write writev";

/// Syscalls a capability unlocks, as Docker grants them.
const BY_CAPABILITY: &[(&str, &str)] = &[
    ("CAP_DAC_READ_SEARCH", "open_by_handle_at"),
    (
        "CAP_SYS_ADMIN",
        "bpf clone clone3 fanotify_init fsconfig fsmount fsopen fspick lookup_dcookie mount mount_setattr \
         move_mount open_tree perf_event_open quotactl quotactl_fd setdomainname sethostname setns syslog \
         umount umount2 unshare",
    ),
    ("CAP_SYS_BOOT", "reboot"),
    ("CAP_SYS_CHROOT", "chroot"),
    ("CAP_SYS_MODULE", "delete_module init_module finit_module"),
    ("CAP_SYS_PACCT", "acct"),
    ("CAP_SYS_PTRACE", "kcmp pidfd_getfd process_madvise process_vm_readv process_vm_writev ptrace"),
    ("CAP_SYS_RAWIO", "iopl ioperm"),
    ("CAP_SYS_TIME", "settimeofday stime clock_settime clock_settime64"),
    ("CAP_SYS_TTY_CONFIG", "vhangup"),
    ("CAP_SYS_NICE", "get_mempolicy mbind set_mempolicy set_mempolicy_home_node"),
    ("CAP_SYSLOG", "syslog"),
    ("CAP_BPF", "bpf"),
    ("CAP_PERFMON", "perf_event_open"),
];

/// The namespace flags (CLONE_NEWNS|UTS|IPC|USER|PID|NET|CGROUP) that `clone` may not
/// carry without CAP_SYS_ADMIN.
const CLONE_NS_MASK: u64 = 0x7E02_0000;
const AF_VSOCK: u64 = 40;
/// personality(2) values Docker allows: PER_LINUX, PER_LINUX32, UNAME26 variants, query.
const PERSONALITIES: &[u64] = &[0x0, 0x8, 0x20000, 0x20008, 0xffff_ffff];

fn names(list: &str) -> Vec<String> {
    list.split_whitespace().map(str::to_string).collect()
}

fn rule(list: &str) -> Rule {
    Rule { names: names(list), action: "SCMP_ACT_ALLOW".into(), ..Default::default() }
}

fn arg(index: usize, value: u64, op: &str) -> Arg {
    Arg { index, value, value_two: 0, op: op.into() }
}

/// Docker's default seccomp profile.
pub fn default_profile() -> Profile {
    let arches = |list: &str| Filter { arches: names(list), ..Default::default() };
    let caps = |cap: &str| Filter { caps: vec![cap.to_string()], ..Default::default() };
    let mut syscalls = vec![rule(ALLOWED)];
    syscalls.push(Rule {
        includes: Filter { min_kernel: Some("4.8".into()), ..Default::default() },
        ..rule("process_vm_readv process_vm_writev ptrace")
    });
    syscalls.push(Rule { args: Some(vec![arg(0, AF_VSOCK, "SCMP_CMP_NE")]), ..rule("socket") });
    for p in PERSONALITIES {
        syscalls.push(Rule { args: Some(vec![arg(0, *p, "SCMP_CMP_EQ")]), ..rule("personality") });
    }
    syscalls.push(Rule { includes: arches("ppc64le"), ..rule("sync_file_range2 swapcontext") });
    syscalls.push(Rule {
        includes: arches("arm arm64"),
        ..rule("arm_fadvise64_64 arm_sync_file_range sync_file_range2 breakpoint cacheflush set_tls")
    });
    syscalls.push(Rule { includes: arches("amd64 x32"), ..rule("arch_prctl") });
    syscalls.push(Rule { includes: arches("amd64 x32 x86"), ..rule("modify_ldt") });
    syscalls.push(Rule {
        includes: arches("s390 s390x"),
        ..rule("s390_pci_mmio_read s390_pci_mmio_write s390_runtime_instr")
    });
    syscalls.push(Rule { includes: arches("riscv64"), ..rule("riscv_flush_icache") });
    for (cap, list) in BY_CAPABILITY {
        syscalls.push(Rule { includes: caps(cap), ..rule(list) });
    }
    // Without CAP_SYS_ADMIN, clone may not create namespaces and clone3 reports
    // ENOSYS so that libcs fall back to clone.
    syscalls.push(Rule {
        args: Some(vec![Arg {
            index: 0,
            value: CLONE_NS_MASK,
            value_two: 0,
            op: "SCMP_CMP_MASKED_EQ".into(),
        }]),
        excludes: Filter {
            caps: vec!["CAP_SYS_ADMIN".into()],
            arches: names("s390 s390x"),
            min_kernel: None,
        },
        ..rule("clone")
    });
    syscalls.push(Rule {
        args: Some(vec![Arg {
            index: 1,
            value: CLONE_NS_MASK,
            value_two: 0,
            op: "SCMP_CMP_MASKED_EQ".into(),
        }]),
        includes: arches("s390 s390x"),
        excludes: caps("CAP_SYS_ADMIN"),
        ..rule("clone")
    });
    syscalls.push(Rule {
        action: "SCMP_ACT_ERRNO".into(),
        errno_ret: Some(libc::ENOSYS as u32),
        excludes: caps("CAP_SYS_ADMIN"),
        ..rule("clone3")
    });
    Profile {
        default_action: "SCMP_ACT_ERRNO".into(),
        default_errno_ret: Some(libc::EPERM as u32),
        arch_map: vec![
            ArchMap {
                architecture: "SCMP_ARCH_X86_64".into(),
                sub_architectures: Some(names("SCMP_ARCH_X86 SCMP_ARCH_X32")),
            },
            ArchMap {
                architecture: "SCMP_ARCH_AARCH64".into(),
                sub_architectures: Some(names("SCMP_ARCH_ARM")),
            },
            ArchMap {
                architecture: "SCMP_ARCH_S390X".into(),
                sub_architectures: Some(names("SCMP_ARCH_S390")),
            },
            ArchMap { architecture: "SCMP_ARCH_RISCV64".into(), sub_architectures: None },
        ],
        architectures: Vec::new(),
        syscalls,
    }
}

/// Reads a Docker-format profile from a file.
pub fn load_profile(path: &Path) -> Result<Profile> {
    let data = std::fs::read(path)
        .map_err(|e| Error::io(format!("opening seccomp profile {}", path.display()), e))?;
    serde_json::from_slice(&data).map_err(|e| {
        Error::InvalidArgument(format!("decoding seccomp profile failed: {}: {e}", path.display()))
    })
}

/// Go's name for the host architecture, as profiles' `arches` use it.
fn host_go_arch() -> &'static str {
    match std::env::consts::ARCH {
        "x86_64" => "amd64",
        "aarch64" => "arm64",
        "x86" => "386",
        "arm" => "arm",
        "s390x" => "s390x",
        "riscv64" => "riscv64",
        "powerpc64" => "ppc64le",
        other => other,
    }
}

fn host_scmp_arch() -> &'static str {
    match std::env::consts::ARCH {
        "x86_64" => "SCMP_ARCH_X86_64",
        "aarch64" => "SCMP_ARCH_AARCH64",
        "x86" => "SCMP_ARCH_X86",
        "arm" => "SCMP_ARCH_ARM",
        "s390x" => "SCMP_ARCH_S390X",
        "riscv64" => "SCMP_ARCH_RISCV64",
        "powerpc64" => "SCMP_ARCH_PPC64LE",
        _ => "SCMP_ARCH_NATIVE",
    }
}

fn kernel_at_least(min: &str) -> bool {
    let release =
        nix::sys::utsname::uname().map(|u| u.release().to_string_lossy().into_owned()).unwrap_or_default();
    let parse = |s: &str| -> (u32, u32) {
        let mut it =
            s.split(|c: char| !c.is_ascii_digit()).filter(|p| !p.is_empty()).map(|p| p.parse().unwrap_or(0));
        (it.next().unwrap_or(0), it.next().unwrap_or(0))
    };
    parse(&release) >= parse(min)
}

impl Profile {
    /// The OCI profile for a container with capability set `caps` on this host.
    pub fn to_oci(&self, caps: &BTreeSet<String>) -> Result<LinuxSeccomp> {
        let bad = |what: String| Error::InvalidArgument(format!("seccomp profile: {what}"));
        let host = host_go_arch();
        let mut arches: Vec<String> = self.architectures.clone();
        for m in &self.arch_map {
            if m.architecture == host_scmp_arch() {
                arches.push(m.architecture.clone());
                arches.extend(m.sub_architectures.clone().unwrap_or_default());
            }
        }
        let mut syscalls = Vec::new();
        for r in &self.syscalls {
            if !r.includes.arches.is_empty() && !r.includes.arches.iter().any(|a| a == host) {
                continue;
            }
            if r.excludes.arches.iter().any(|a| a == host) {
                continue;
            }
            if !r.includes.caps.iter().all(|c| caps.contains(c)) {
                continue;
            }
            if r.excludes.caps.iter().any(|c| caps.contains(c)) {
                continue;
            }
            if let Some(min) = &r.includes.min_kernel {
                if !kernel_at_least(min) {
                    continue;
                }
            }
            let mut names = r.names.clone();
            names.extend(r.name.clone());
            let mut b = LinuxSyscallBuilder::default().names(names).action(action(&r.action).map_err(bad)?);
            if let Some(e) = r.errno_ret {
                b = b.errno_ret(e);
            }
            if let Some(args) = &r.args {
                let mut out = Vec::new();
                for a in args {
                    out.push(
                        LinuxSeccompArgBuilder::default()
                            .index(a.index)
                            .value(a.value)
                            .value_two(a.value_two)
                            .op(operator(&a.op).map_err(bad)?)
                            .build()
                            .map_err(|e| bad(e.to_string()))?,
                    );
                }
                b = b.args(out);
            }
            syscalls.push(b.build().map_err(|e| bad(e.to_string()))?);
        }
        let mut out = LinuxSeccompBuilder::default()
            .default_action(action(&self.default_action).map_err(bad)?)
            .architectures(
                arches.iter().map(|a| arch(a)).collect::<std::result::Result<Vec<_>, _>>().map_err(bad)?,
            )
            .syscalls(syscalls);
        if let Some(e) = self.default_errno_ret {
            out = out.default_errno_ret(e);
        }
        out.build().map_err(|e| bad(e.to_string()))
    }
}

fn parse_json_enum<T: serde::de::DeserializeOwned>(s: &str, what: &str) -> std::result::Result<T, String> {
    serde_json::from_value(serde_json::Value::String(s.to_string()))
        .map_err(|_| format!("unknown {what} {s:?}"))
}

fn action(s: &str) -> std::result::Result<LinuxSeccompAction, String> {
    parse_json_enum(s, "action")
}
fn operator(s: &str) -> std::result::Result<LinuxSeccompOperator, String> {
    parse_json_enum(s, "operator")
}
fn arch(s: &str) -> std::result::Result<Arch, String> {
    parse_json_enum(s, "architecture")
}

/// Whether `compile` can express this profile (notify actions need libcontainer's
/// listener, so those profiles go the slow way).
pub fn precompilable(profile: &LinuxSeccomp) -> bool {
    let notify = |a: &LinuxSeccompAction| matches!(a, LinuxSeccompAction::ScmpActNotify);
    !notify(&profile.default_action())
        && profile.flags().as_ref().is_none_or(|f| f.is_empty())
        && profile.syscalls().as_ref().is_none_or(|s| s.iter().all(|r| !notify(&r.action())))
}

/// The compiled program for `profile`, from the cache under `cache_dir` or freshly
/// compiled (and then cached). Returns the program's path.
pub fn cached_bpf(profile: &LinuxSeccomp, cache_dir: &Path) -> Result<PathBuf> {
    let json = serde_json::to_vec(profile)
        .map_err(|e| Error::Runtime(format!("serialising seccomp profile: {e}")))?;
    let key = crate::storage::blobs::sha256_digest(&json);
    let dir = cache_dir.join("seccomp");
    let path = dir.join(format!("{}.bpf", &key[7..]));
    if path.exists() {
        return Ok(path);
    }
    std::fs::create_dir_all(&dir).map_err(|e| Error::io("creating seccomp cache", e))?;
    let program = compile(profile)?;
    crate::storage::atomic::write(&path, &program)?;
    Ok(path)
}

/// Compiles an OCI profile to a BPF program with libseccomp, rule for rule as
/// libcontainer would load it.
pub fn compile(profile: &LinuxSeccomp) -> Result<Vec<u8>> {
    let err = |e: libseccomp::error::SeccompError| Error::Runtime(format!("compiling seccomp profile: {e}"));
    let default = scmp_action(profile.default_action(), profile.default_errno_ret());
    let mut ctx = ScmpFilterContext::new(default).map_err(err)?;
    for a in profile.architectures().clone().unwrap_or_default() {
        let name =
            serde_json::to_value(a).ok().and_then(|v| v.as_str().map(str::to_string)).unwrap_or_default();
        let arch: ScmpArch = name.parse().map_err(err)?;
        ctx.add_arch(arch).map_err(err)?;
    }
    ctx.set_ctl_nnp(false).map_err(err)?;
    for rule in profile.syscalls().clone().unwrap_or_default() {
        let act = scmp_action(rule.action(), rule.errno_ret());
        if act == default {
            continue;
        }
        for name in rule.names() {
            let Ok(sc) = ScmpSyscall::from_name(name) else {
                continue;
            }; // unknown here
            let args = rule.args().clone().unwrap_or_default();
            let mut indexes = BTreeSet::new();
            let duplicate_index = args.iter().any(|a| !indexes.insert(a.index()));
            let cmps: Vec<ScmpArgCompare> = args
                .iter()
                .map(|a| ScmpArgCompare::new(a.index() as u32, scmp_op(a.op(), a.value_two()), a.value()))
                .collect();
            if cmps.is_empty() {
                ctx.add_rule(act, sc).map_err(err)?;
            } else if duplicate_index {
                for c in &cmps {
                    ctx.add_rule_conditional(act, sc, std::slice::from_ref(c)).map_err(err)?;
                }
            } else {
                ctx.add_rule_conditional(act, sc, &cmps).map_err(err)?;
            }
        }
    }
    let mut file = tempfile_in_memory()?;
    ctx.export_bpf(&file).map_err(err)?;
    use std::io::{Read, Seek};
    let mut out = Vec::new();
    file.seek(std::io::SeekFrom::Start(0)).map_err(|e| Error::io("reading compiled seccomp", e))?;
    file.read_to_end(&mut out).map_err(|e| Error::io("reading compiled seccomp", e))?;
    Ok(out)
}

fn tempfile_in_memory() -> Result<std::fs::File> {
    let fd = nix::sys::memfd::memfd_create(c"rdock-seccomp", nix::sys::memfd::MemFdCreateFlag::MFD_CLOEXEC)
        .map_err(|e| Error::io("memfd_create", e.into()))?;
    Ok(std::fs::File::from(fd))
}

fn scmp_action(a: LinuxSeccompAction, errno: Option<u32>) -> ScmpAction {
    match a {
        LinuxSeccompAction::ScmpActKill => ScmpAction::KillThread,
        LinuxSeccompAction::ScmpActKillThread => ScmpAction::KillThread,
        LinuxSeccompAction::ScmpActKillProcess => ScmpAction::KillProcess,
        LinuxSeccompAction::ScmpActTrap => ScmpAction::Trap,
        LinuxSeccompAction::ScmpActErrno => ScmpAction::Errno(errno.unwrap_or(libc::EPERM as u32) as i32),
        LinuxSeccompAction::ScmpActNotify => ScmpAction::Notify,
        LinuxSeccompAction::ScmpActTrace => ScmpAction::Trace(errno.unwrap_or(libc::EPERM as u32) as u16),
        LinuxSeccompAction::ScmpActAllow => ScmpAction::Allow,
        LinuxSeccompAction::ScmpActLog => ScmpAction::Log,
    }
}

fn scmp_op(op: LinuxSeccompOperator, value_two: Option<u64>) -> ScmpCompareOp {
    match op {
        LinuxSeccompOperator::ScmpCmpNe => ScmpCompareOp::NotEqual,
        LinuxSeccompOperator::ScmpCmpLt => ScmpCompareOp::Less,
        LinuxSeccompOperator::ScmpCmpLe => ScmpCompareOp::LessOrEqual,
        LinuxSeccompOperator::ScmpCmpEq => ScmpCompareOp::Equal,
        LinuxSeccompOperator::ScmpCmpGe => ScmpCompareOp::GreaterEqual,
        LinuxSeccompOperator::ScmpCmpGt => ScmpCompareOp::Greater,
        LinuxSeccompOperator::ScmpCmpMaskedEq => ScmpCompareOp::MaskedEqual(value_two.unwrap_or(0)),
    }
}

/// Loads a compiled program into the calling thread (needs CAP_SYS_ADMIN or
/// no_new_privs).
pub fn load_bpf(program: &[u8]) -> std::io::Result<()> {
    if program.is_empty() || !program.len().is_multiple_of(8) {
        return Err(std::io::Error::new(std::io::ErrorKind::InvalidData, "malformed seccomp program"));
    }
    let prog = libc::sock_fprog {
        len: (program.len() / 8) as u16,
        filter: program.as_ptr() as *mut libc::sock_filter,
    };
    const SECCOMP_SET_MODE_FILTER: libc::c_ulong = 1;
    let r = unsafe {
        libc::syscall(libc::SYS_seccomp, SECCOMP_SET_MODE_FILTER, 0 as libc::c_ulong, &prog as *const _)
    };
    if r == 0 {
        Ok(())
    } else {
        Err(std::io::Error::last_os_error())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn docker_caps() -> BTreeSet<String> {
        crate::runtime::spec::DEFAULT_CAPS.iter().map(|c| c.to_string()).collect()
    }

    #[test]
    fn default_profile_follows_capabilities() {
        let p = default_profile().to_oci(&docker_caps()).unwrap();
        let all: Vec<String> = p.syscalls().clone().unwrap().iter().flat_map(|s| s.names().clone()).collect();
        assert!(all.contains(&"read".to_string()));
        assert!(all.contains(&"chroot".to_string()), "CAP_SYS_CHROOT is a default cap");
        assert!(!all.contains(&"mount".to_string()));
        assert!(all.contains(&"clone3".to_string()), "clone3 gets ENOSYS without SYS_ADMIN");
        let mut caps = docker_caps();
        caps.insert("CAP_SYS_ADMIN".into());
        let p = default_profile().to_oci(&caps).unwrap();
        let all: Vec<String> = p.syscalls().clone().unwrap().iter().flat_map(|s| s.names().clone()).collect();
        assert!(all.contains(&"mount".to_string()));
    }

    #[test]
    fn compiles_to_bpf() {
        let p = default_profile().to_oci(&docker_caps()).unwrap();
        let prog = compile(&p).unwrap();
        assert!(prog.len() > 800 && prog.len().is_multiple_of(8));
    }
}

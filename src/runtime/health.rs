//! Healthchecks, run by a container's supervisor as Docker's daemon runs
//! them: the check is an exec in the container on its schedule, each result
//! goes into `State.Health` (the last five kept) under the record's lock, and
//! a change of status is a `health_status: …` event.
//!
//! The supervisor forks a child for each probe so its own loop (the
//! container's output, attach clients) never waits on one; the child writes
//! the result to a pipe the loop polls.

use std::io::Write;
use std::os::fd::{AsFd, AsRawFd, BorrowedFd, OwnedFd};
use std::time::{Duration, Instant};

use nix::sys::signal::{kill, Signal};
use nix::unistd::Pid;

use crate::api::container::{Health, HealthcheckResult};
use crate::storage::containers::{ContainerConfig, Healthcheck, Status};
use crate::storage::Store;

pub const STARTING: &str = "starting";
pub const HEALTHY: &str = "healthy";
pub const UNHEALTHY: &str = "unhealthy";
/// Docker keeps this many results in `State.Health.Log`.
const MAX_LOG: usize = 5;
/// A probe child that has not reported this long after its timeout is killed.
const PROBE_GRACE: Duration = Duration::from_secs(10);

/// A healthcheck's schedule, with Docker's defaults for what is unset.
#[derive(Debug, Clone, PartialEq)]
pub struct Schedule {
    pub command: Vec<String>,
    pub interval: Duration,
    pub timeout: Duration,
    pub start_period: Duration,
    pub start_interval: Duration,
    pub retries: i64,
}

impl Schedule {
    /// The check `cfg` runs; none for `NONE`, no test, or an unknown kind.
    pub fn of(cfg: &ContainerConfig) -> Option<Schedule> {
        let hc = cfg.healthcheck.as_ref()?;
        let command = probe_command(hc)?;
        let or = |v: i64, default: Duration| if v > 0 { Duration::from_nanos(v as u64) } else { default };
        Some(Schedule {
            command,
            interval: or(hc.interval, Duration::from_secs(30)),
            timeout: or(hc.timeout, Duration::from_secs(30)),
            start_period: or(hc.start_period, Duration::ZERO),
            start_interval: or(hc.start_interval, Duration::from_secs(5)),
            retries: if hc.retries > 0 { hc.retries } else { 3 },
        })
    }

    /// The wait before the next probe: the start interval while the
    /// container is starting within its start period, else the interval.
    fn next_wait(&self, since_start: Duration, status: &str) -> Duration {
        if since_start < self.start_period && status == STARTING {
            self.start_interval
        } else {
            self.interval
        }
    }
}

/// `CMD args…` runs as is, `CMD-SHELL text` under `/bin/sh -c`.
fn probe_command(hc: &Healthcheck) -> Option<Vec<String>> {
    let (kind, rest) = hc.test.split_first()?;
    let cmd = match kind.as_str() {
        "CMD" => rest.to_vec(),
        "CMD-SHELL" => {
            ["/bin/sh".to_string(), "-c".to_string()].into_iter().chain(rest.iter().cloned()).collect()
        }
        _ => return None,
    };
    (!rest.is_empty()).then_some(cmd)
}

/// Folds one probe's result into `h` as Docker's daemon does; returns the
/// new status when it changed.
pub fn record_result(
    h: &mut Health,
    result: HealthcheckResult,
    sched: &Schedule,
    since_start: Duration,
) -> Option<String> {
    let old = h.status.clone();
    let log = h.log.get_or_insert_with(Vec::new);
    let healthy = result.exit_code == 0;
    log.push(result);
    if log.len() > MAX_LOG {
        log.drain(..log.len() - MAX_LOG);
    }
    if healthy {
        h.failing_streak = 0;
        h.status = HEALTHY.into();
    } else if !(h.status == STARTING && since_start < sched.start_period) {
        // A failure within the start period of a container never yet
        // healthy does not count.
        h.failing_streak += 1;
        if h.failing_streak >= sched.retries {
            h.status = UNHEALTHY.into();
        }
    }
    (h.status != old).then(|| h.status.clone())
}

/// One probe in flight: the forked child and the pipe it reports on.
struct Probe {
    child: Pid,
    pipe: OwnedFd,
    report: Vec<u8>,
    deadline: Instant,
}

/// A running container's healthcheck: its schedule and its probe in flight.
pub struct Monitor {
    sched: Schedule,
    started: Instant,
    next: Instant,
    probe: Option<Probe>,
}

impl Monitor {
    /// Starts the check of a container that has just started (none if it
    /// has no check): its health reads `starting`, its streak 0, its log kept.
    pub fn start(store: &Store, cfg: &ContainerConfig) -> Option<Monitor> {
        let sched = Schedule::of(cfg)?;
        set_status(store, cfg, STARTING, true);
        let now = Instant::now();
        let next = now + sched.next_wait(Duration::ZERO, STARTING);
        Some(Monitor { sched, started: now, next, probe: None })
    }

    /// How long the supervisor may sleep before the next probe is due
    /// (none while one is in flight: its pipe wakes it).
    pub fn wait(&self) -> Option<Duration> {
        match &self.probe {
            Some(p) => Some(p.deadline.saturating_duration_since(Instant::now())),
            None => Some(self.next.saturating_duration_since(Instant::now())),
        }
    }

    /// The pipe of the probe in flight, to poll.
    pub fn fd(&self) -> Option<BorrowedFd<'_>> {
        self.probe.as_ref().map(|p| p.pipe.as_fd())
    }

    /// Starts a probe when one is due, and kills one that overstays.
    pub fn tick(&mut self, store: &Store, cfg: &ContainerConfig) {
        let now = Instant::now();
        if let Some(p) = &self.probe {
            if now >= p.deadline {
                let _ = kill(p.child, Signal::SIGKILL);
            }
            return;
        }
        if now < self.next {
            return;
        }
        // Docker stops probing a paused container and calls it unhealthy.
        let paused = store.container(&cfg.id).is_ok_and(|r| r.state.status == Status::Paused);
        if paused {
            set_status(store, cfg, UNHEALTHY, false);
            self.next = now + self.sched.interval;
            return;
        }
        match spawn_probe(store, cfg, &self.sched) {
            Ok(p) => self.probe = Some(p),
            Err(e) => {
                let end = crate::util::now_rfc3339();
                let result =
                    HealthcheckResult { start: end.clone(), end, exit_code: -1, output: e.to_string() };
                self.record(store, cfg, result);
            }
        }
    }

    /// Reads what the probe child wrote; at its end, records the result.
    pub fn readable(&mut self, store: &Store, cfg: &ContainerConfig) {
        let Some(p) = self.probe.as_mut() else { return };
        let mut buf = [0u8; 8192];
        loop {
            match nix::unistd::read(p.pipe.as_raw_fd(), &mut buf) {
                Ok(0) => break,
                Ok(n) if p.report.len() < 64 * 1024 => p.report.extend_from_slice(&buf[..n]),
                Ok(_) => {}
                Err(nix::errno::Errno::EINTR) => {}
                Err(nix::errno::Errno::EAGAIN) => return,
                Err(_) => break,
            }
        }
        let Some(p) = self.probe.take() else { return };
        // The supervisor's loop may have reaped it already.
        let _ = nix::sys::wait::waitpid(p.child, None);
        let result = serde_json::from_slice::<HealthcheckResult>(&p.report).unwrap_or_else(|_| {
            let end = crate::util::now_rfc3339();
            HealthcheckResult {
                start: end.clone(),
                end,
                exit_code: -1,
                output: "health check failed to run".into(),
            }
        });
        self.record(store, cfg, result);
    }

    fn record(&mut self, store: &Store, cfg: &ContainerConfig, result: HealthcheckResult) {
        let since = self.started.elapsed();
        let recorded = store.update_container_state(&cfg.id, |s| {
            let h = s.health.get_or_insert_with(|| Health { status: STARTING.into(), ..Default::default() });
            Ok((record_result(h, result, &self.sched, since), h.status.clone()))
        });
        let status = match recorded {
            Ok((changed, status)) => {
                if changed.is_some() {
                    crate::storage::events::container(store, cfg, &format!("health_status: {status}"), &[]);
                }
                status
            }
            Err(_) => STARTING.to_string(),
        };
        self.next = Instant::now() + self.sched.next_wait(since, &status);
        // What this touched of the binary (forking, parsing, the journal)
        // need not stay resident until the next probe.
        crate::util::shed_startup_memory();
    }

    /// The container stopped: the probe in flight is killed and, as in
    /// Docker, the health reads `unhealthy`.
    pub fn stop(mut self, store: &Store, cfg: &ContainerConfig) {
        if let Some(p) = self.probe.take() {
            let _ = kill(p.child, Signal::SIGKILL);
            let _ = nix::sys::wait::waitpid(p.child, None);
        }
        set_status(store, cfg, UNHEALTHY, false);
    }
}

/// Sets the health status (and on `reset` the streak), with its event
/// when the status changes; a start makes no event.
fn set_status(store: &Store, cfg: &ContainerConfig, status: &str, reset: bool) {
    let changed = store
        .update_container_state(&cfg.id, |s| {
            let h = s.health.get_or_insert_with(|| Health { log: Some(Vec::new()), ..Default::default() });
            let changed = h.status != status;
            h.status = status.to_string();
            if reset {
                h.failing_streak = 0;
            }
            Ok(changed)
        })
        .unwrap_or(false);
    if changed && !reset {
        crate::storage::events::container(store, cfg, &format!("health_status: {status}"), &[]);
    }
}

/// Forks the child that runs one probe and writes its result (JSON) to the
/// pipe it returns.
fn spawn_probe(store: &Store, cfg: &ContainerConfig, sched: &Schedule) -> crate::Result<Probe> {
    use crate::error::IoContext;
    let (r, w) = nix::unistd::pipe2(nix::fcntl::OFlag::O_CLOEXEC | nix::fcntl::OFlag::O_NONBLOCK)
        .ctx(|| "creating the healthcheck pipe".into())?;
    let start = crate::util::now_rfc3339();
    // SAFETY: the supervisor is single-threaded, so the child may run any
    // code; it leaves by _exit and never returns into the supervisor's loop.
    match unsafe { nix::unistd::fork() }.ctx(|| "forking a healthcheck".into())? {
        nix::unistd::ForkResult::Child => {
            drop(r);
            // Not the supervisor's lock (a dead supervisor would seem alive
            // for as long as a probe ran), nor its container's pipes.
            crate::util::close_fds_except(&[w.as_raw_fd()]);
            let _ =
                nix::fcntl::fcntl(w.as_raw_fd(), nix::fcntl::FcntlArg::F_SETFL(nix::fcntl::OFlag::empty()));
            let result = run_probe(store, cfg, sched, start);
            let mut out = std::fs::File::from(w);
            let _ = out.write_all(&serde_json::to_vec(&result).unwrap_or_default());
            drop(out);
            // SAFETY: leaves the forked child without running the
            // supervisor's destructors (its lock, its sockets).
            unsafe { libc::_exit(0) }
        }
        nix::unistd::ForkResult::Parent { child } => Ok(Probe {
            child,
            pipe: r,
            report: Vec::new(),
            deadline: Instant::now() + sched.timeout + PROBE_GRACE,
        }),
    }
}

fn run_probe(store: &Store, cfg: &ContainerConfig, sched: &Schedule, start: String) -> HealthcheckResult {
    let outcome = store
        .container(&cfg.id)
        .and_then(|rec| super::exec::probe(store, &rec, sched.command.clone(), sched.timeout));
    let end = crate::util::now_rfc3339();
    match outcome {
        Ok(o) => HealthcheckResult { start, end, exit_code: o.exit_code, output: o.output },
        Err(e) => HealthcheckResult { start, end, exit_code: -1, output: e.to_string() },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sched(retries: i64, start_period: u64) -> Schedule {
        Schedule {
            command: vec!["true".into()],
            interval: Duration::from_secs(1),
            timeout: Duration::from_secs(1),
            start_period: Duration::from_secs(start_period),
            start_interval: Duration::from_secs(5),
            retries,
        }
    }

    fn result(code: i64) -> HealthcheckResult {
        HealthcheckResult { exit_code: code, ..Default::default() }
    }

    #[test]
    fn status_follows_results_as_docker() {
        let s = sched(2, 0);
        let mut h = Health { status: STARTING.into(), ..Default::default() };
        assert_eq!(record_result(&mut h, result(1), &s, Duration::from_secs(1)), None);
        assert_eq!(h.failing_streak, 1);
        assert_eq!(record_result(&mut h, result(0), &s, Duration::from_secs(2)).as_deref(), Some(HEALTHY));
        assert_eq!(h.failing_streak, 0);
        assert_eq!(record_result(&mut h, result(1), &s, Duration::from_secs(3)), None);
        assert_eq!(record_result(&mut h, result(-1), &s, Duration::from_secs(4)).as_deref(), Some(UNHEALTHY));
        assert_eq!(h.failing_streak, 2);
        for i in 0..4 {
            record_result(&mut h, result(i), &s, Duration::from_secs(5));
        }
        let log = h.log.as_ref().unwrap();
        assert_eq!(log.len(), MAX_LOG);
        assert_eq!(log.last().unwrap().exit_code, 3);
    }

    #[test]
    fn failures_in_the_start_period_do_not_count() {
        let s = sched(1, 10);
        let mut h = Health { status: STARTING.into(), ..Default::default() };
        assert_eq!(record_result(&mut h, result(1), &s, Duration::from_secs(1)), None);
        assert_eq!(h.failing_streak, 0);
        assert_eq!(record_result(&mut h, result(1), &s, Duration::from_secs(11)).as_deref(), Some(UNHEALTHY));
    }

    #[test]
    fn commands_and_defaults() {
        let cfg = |test: &[&str]| ContainerConfig {
            healthcheck: Some(Healthcheck {
                test: test.iter().map(|s| s.to_string()).collect(),
                ..Default::default()
            }),
            ..Default::default()
        };
        let s = Schedule::of(&cfg(&["CMD-SHELL", "cat /ok"])).unwrap();
        assert_eq!(s.command, ["/bin/sh", "-c", "cat /ok"]);
        assert_eq!((s.interval, s.timeout, s.retries), (Duration::from_secs(30), Duration::from_secs(30), 3));
        assert_eq!(Schedule::of(&cfg(&["CMD", "true", "x"])).unwrap().command, ["true", "x"]);
        assert!(Schedule::of(&cfg(&["NONE"])).is_none());
        assert!(Schedule::of(&cfg(&["CMD"])).is_none());
        assert!(Schedule::of(&cfg(&[])).is_none());
        assert_eq!(s.next_wait(Duration::ZERO, STARTING), Duration::from_secs(30));
    }
}

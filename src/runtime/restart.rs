//! Restart policies as Docker's restart manager applies them: which exits
//! start a container again, and how long to wait first.

use std::time::Duration;

use crate::storage::containers::{ContainerState, HostConfig};

const FIRST_DELAY: Duration = Duration::from_millis(100);
const MAX_DELAY: Duration = Duration::from_secs(60);
/// A run this long resets the back-off.
const RESET_AFTER: Duration = Duration::from_secs(10);

/// The wait before each restart: 100 ms, doubling up to a minute, back to
/// 100 ms after a run of 10 s or more.
#[derive(Debug, Default)]
pub struct Backoff {
    delay: Duration,
}

impl Backoff {
    pub fn next(&mut self, ran: Duration) -> Duration {
        if ran >= RESET_AFTER {
            self.delay = Duration::ZERO;
        }
        self.delay = if self.delay.is_zero() { FIRST_DELAY } else { (self.delay * 2).min(MAX_DELAY) };
        self.delay
    }
}

/// Whether a container whose process exited with `code` starts again:
/// `always` unless rdock stopped it, `unless-stopped` unless it was ever
/// stopped by hand, `on-failure[:N]` on a non-zero code while fewer than N
/// restarts were made. At `boot` the cancel of an earlier stop is gone,
/// as Docker's daemon makes a new restart manager when it starts.
pub fn should_restart(host: &HostConfig, state: &ContainerState, code: i32, boot: bool) -> bool {
    if state.exit_on_next && !boot {
        return false;
    }
    match host.restart_policy.as_str() {
        "always" => true,
        "unless-stopped" => !state.manually_stopped,
        "on-failure" => {
            code != 0 && (host.restart_max <= 0 || i64::from(state.restart_count) < host.restart_max)
        }
        _ => false,
    }
}

/// Whether a restart decided on still stands while it waits out its
/// back-off: not once stopped, or its policy updated to `no`.
pub fn still_wanted(host: &HostConfig, state: &ContainerState) -> bool {
    !state.exit_on_next
        && match host.restart_policy.as_str() {
            "always" | "on-failure" => true,
            "unless-stopped" => !state.manually_stopped,
            _ => false,
        }
}

/// Whether a signal rdock delivers cancels the restart policy (Docker's
/// ExitOnNext): SIGKILL and the container's stop signal do, and any signal
/// when no stop signal is set.
pub fn signal_cancels(stop_signal: Option<&str>, sig: i32) -> bool {
    let Some(stop) = stop_signal.filter(|s| !s.is_empty()) else { return true };
    sig == libc::SIGKILL || super::lifecycle::parse_signal(stop).is_ok_and(|s| s as i32 == sig)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn host(policy: &str, max: i64) -> HostConfig {
        HostConfig { restart_policy: policy.into(), restart_max: max, ..Default::default() }
    }

    #[test]
    fn backoff_doubles_and_resets() {
        let mut b = Backoff::default();
        let short = Duration::from_secs(1);
        let ms: Vec<u128> = (0..4).map(|_| b.next(short).as_millis()).collect();
        assert_eq!(ms, [100, 200, 400, 800]);
        for _ in 0..20 {
            b.next(short);
        }
        assert_eq!(b.next(short), MAX_DELAY);
        assert_eq!(b.next(Duration::from_secs(10)), FIRST_DELAY);
    }

    #[test]
    fn policies() {
        let st = |count: u32, manual: bool, cancel: bool| ContainerState {
            restart_count: count,
            manually_stopped: manual,
            exit_on_next: cancel,
            ..Default::default()
        };
        assert!(!should_restart(&host("no", 0), &st(0, false, false), 1, false));
        assert!(!should_restart(&host("", 0), &st(0, false, false), 1, false));
        assert!(should_restart(&host("always", 0), &st(9, false, false), 0, false));
        assert!(!should_restart(&host("always", 0), &st(0, true, true), 0, false));
        assert!(should_restart(&host("always", 0), &st(0, true, true), 0, true));
        assert!(should_restart(&host("unless-stopped", 0), &st(0, false, false), 0, false));
        assert!(!should_restart(&host("unless-stopped", 0), &st(0, true, false), 0, true));
        let on_failure = host("on-failure", 2);
        assert!(should_restart(&on_failure, &st(0, false, false), 3, false));
        assert!(should_restart(&on_failure, &st(1, false, false), 3, false));
        assert!(!should_restart(&on_failure, &st(2, false, false), 3, false));
        assert!(!should_restart(&on_failure, &st(0, false, false), 0, false));
        assert!(should_restart(&host("on-failure", 0), &st(100, false, false), 1, false));
    }

    #[test]
    fn which_signals_cancel() {
        assert!(signal_cancels(None, libc::SIGHUP));
        assert!(signal_cancels(Some("SIGUSR1"), libc::SIGKILL));
        assert!(signal_cancels(Some("SIGUSR1"), libc::SIGUSR1));
        assert!(!signal_cancels(Some("SIGUSR1"), libc::SIGHUP));
    }
}

//! The one place a container's status changes. Each change is checked
//! against the status it leaves (`can_*`), written to the record under its
//! lock, and appended to the event journal, so events, restart policies and
//! healthchecks hang off one hook.

use crate::error::{Error, Result};
use crate::storage::containers::{ContainerConfig, ContainerState, Status, ZERO_TIME};
use crate::storage::events;
use crate::storage::Store;

use super::supervisor::ExitRecord;

/// What happened to a container.
pub enum Change<'a> {
    /// Its process started (pid and start time, to tell pid reuse).
    Started {
        pid: i32,
        pid_start: u64,
    },
    /// Its process exited and starts again after a back-off.
    Restarting(&'a ExitRecord),
    /// Its process exited for good.
    Exited(&'a ExitRecord),
    /// It was stopped while waiting to restart: it stays down with its last exit.
    RestartCancelled(&'a ExitRecord),
    /// Its supervisor died (a crash, a reboot): the exit it recorded, if it
    /// got that far, else 255. Its `die` was never logged: it is now.
    Lost(Option<&'a ExitRecord>),
    /// It could not be started.
    StartFailed(&'a Error),
    /// Frozen, by a user (`owner` 0) or for an operation's length.
    Paused {
        owner: i32,
        owner_start: u64,
    },
    Unpaused,
    /// An operation's pause ended by its owner's death (not a user's pause).
    Thawed,
}

pub fn can_start(s: Status) -> bool {
    matches!(s, Status::Created | Status::Exited | Status::Restarting)
}

pub fn can_exit(s: Status) -> bool {
    s.is_active()
}

pub fn can_pause(s: Status) -> bool {
    s == Status::Running
}

pub fn can_unpause(s: Status) -> bool {
    s == Status::Paused
}

/// Applies `change` to the record of `cfg` and logs its event; returns the
/// state written. A change its status does not allow is refused.
pub fn change(store: &Store, cfg: &ContainerConfig, change: Change) -> Result<ContainerState> {
    let mut ran = 0;
    let mut operation_pause = false;
    let state = store.update_container_state(&cfg.id, |s| {
        operation_pause = s.paused_by > 0;
        let allowed = match &change {
            Change::Started { .. } => can_start(s.status),
            Change::Restarting(_) | Change::Exited(_) => can_exit(s.status),
            Change::RestartCancelled(_) => s.status == Status::Restarting,
            Change::Lost(_) => can_exit(s.status),
            Change::StartFailed(_) => !s.status.is_active() || s.status == Status::Restarting,
            Change::Paused { .. } => can_pause(s.status),
            Change::Unpaused => can_unpause(s.status),
            Change::Thawed => can_unpause(s.status) && s.paused_by > 0,
        };
        if !allowed {
            return Err(Error::Conflict(format!("container {} is {}", cfg.id, s.status.as_str())));
        }
        apply(s, &change, &mut ran);
        Ok(s.clone())
    })?;
    // The end of a commit's pause is part of the commit, as its start is.
    if !(operation_pause && matches!(change, Change::Unpaused)) {
        log_event(store, cfg, &change, ran);
    }
    Ok(state)
}

/// The event of a change whose record could not be written (an `--rm`
/// container about to go, a full disk): what happened all the same.
pub fn log_event(store: &Store, cfg: &ContainerConfig, change: &Change, ran: i64) {
    match change {
        Change::Started { .. } => events::container(store, cfg, "start", &[]),
        Change::Restarting(e) | Change::Exited(e) | Change::Lost(Some(e)) => die(store, cfg, e.code, ran),
        Change::Lost(None) => die(store, cfg, LOST_CODE, ran),
        Change::Paused { owner: 0, .. } => events::container(store, cfg, "pause", &[]),
        Change::Unpaused => events::container(store, cfg, "unpause", &[]),
        // A commit's pause is part of the commit; a failed start is no event.
        Change::Paused { .. } | Change::StartFailed(_) | Change::RestartCancelled(_) | Change::Thawed => {}
    }
}

fn die(store: &Store, cfg: &ContainerConfig, code: i32, ran: i64) {
    let attrs = [("exitCode", code.to_string()), ("execDuration", ran.to_string())];
    events::container(store, cfg, "die", &attrs);
}

/// The code of a container whose supervisor died before recording its exit.
const LOST_CODE: i32 = 255;

/// Seconds the container's process ran, by its record.
pub fn ran_secs(s: &ContainerState) -> i64 {
    crate::util::parse_time(&s.started_at).map(|t| (chrono::Utc::now() - t).num_seconds().max(0)).unwrap_or(0)
}

fn apply(s: &mut ContainerState, change: &Change, ran: &mut i64) {
    match change {
        Change::Started { pid, pid_start } => {
            s.status = Status::Running;
            s.pid = *pid;
            s.pid_start = *pid_start;
            s.exit_code = 0;
            s.error.clear();
            s.oom_killed = false;
            s.started_at = crate::util::now_rfc3339();
            s.finished_at = ZERO_TIME.to_string();
        }
        Change::Restarting(e) => {
            *ran = ran_secs(s);
            exited(s, e);
            s.status = Status::Restarting;
            s.restart_count += 1;
        }
        Change::Exited(e) => {
            *ran = ran_secs(s);
            exited(s, e);
        }
        Change::RestartCancelled(e) => exited(s, e),
        Change::Lost(e) => {
            *ran = ran_secs(s);
            lost(s, *e);
        }
        Change::StartFailed(err) => {
            // A restart that fails leaves it exited, as Docker's; a first
            // start leaves it created.
            s.status = if s.status == Status::Restarting { Status::Exited } else { Status::Created };
            s.pid = 0;
            s.error = err.to_string();
            s.exit_code = err.exit_code().unwrap_or(128);
        }
        Change::Paused { owner, owner_start } => {
            s.status = Status::Paused;
            s.paused_by = *owner;
            s.paused_by_start = *owner_start;
        }
        Change::Unpaused | Change::Thawed => {
            s.status = Status::Running;
            s.paused_by = 0;
        }
    }
}

fn exited(s: &mut ContainerState, e: &ExitRecord) {
    s.status = Status::Exited;
    s.exit_code = e.code;
    s.pid = 0;
    s.oom_killed = e.oom_killed;
    s.finished_at = e.finished_at.clone();
}

/// What a lost container's record says: its recorded exit, else 255 and why.
pub fn lost(s: &mut ContainerState, exit: Option<&ExitRecord>) {
    match exit {
        Some(e) => exited(s, e),
        None => {
            s.status = Status::Exited;
            s.exit_code = LOST_CODE;
            s.pid = 0;
            s.error = "container supervisor exited unexpectedly".into();
            s.finished_at = crate::util::now_rfc3339();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn allowed_changes() {
        assert!(can_start(Status::Created) && can_start(Status::Exited) && can_start(Status::Restarting));
        assert!(!can_start(Status::Running) && !can_start(Status::Dead) && !can_start(Status::Paused));
        assert!(can_exit(Status::Running) && can_exit(Status::Paused) && can_exit(Status::Restarting));
        assert!(!can_exit(Status::Exited) && !can_exit(Status::Created));
        assert!(can_pause(Status::Running) && !can_pause(Status::Restarting));
        assert!(can_unpause(Status::Paused) && !can_unpause(Status::Running));
    }

    #[test]
    fn restarting_counts_and_keeps_the_exit() {
        let mut s = ContainerState { status: Status::Running, pid: 7, ..Default::default() };
        let e = ExitRecord { code: 3, finished_at: "2026-12-02T00:00:00Z".into(), oom_killed: false };
        apply(&mut s, &Change::Restarting(&e), &mut 0);
        assert_eq!((s.status, s.exit_code, s.pid, s.restart_count), (Status::Restarting, 3, 0, 1));
        let err = Error::Runtime("no".into());
        apply(&mut s, &Change::StartFailed(&err), &mut 0);
        assert_eq!(s.status, Status::Exited);
    }
}

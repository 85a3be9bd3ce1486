//! The container runtime: OCI spec generation, the libcontainer-driven supervisor,
//! and the lifecycle operations on containers.

pub mod attach;
pub mod cgroups;
pub mod copy;
pub mod exec;
pub mod executor;
pub mod health;
pub mod lifecycle;
pub mod logs;
pub mod mounts;
pub mod names;
pub mod restart;
pub mod seccomp;
pub mod spec;
pub mod stats;
pub mod status;
pub mod stdio;
pub mod supervisor;
pub mod update;
pub mod userns;
pub mod users;

//! `stop`, `kill`, `restart`, `rm`, `pause`, `unpause`, `wait`, `rename`.

use clap::Args;
use rdock::Engine;

#[derive(Args, Debug)]
pub struct StopArgs {
    /// Signal to send to the container
    #[arg(short = 's', long)]
    signal: Option<String>,
    /// Seconds to wait before killing the container
    #[arg(short = 't', long = "timeout", visible_alias = "time", allow_negative_numbers = true)]
    timeout: Option<i64>,
    #[arg(required = true, value_name = "CONTAINER")]
    containers: Vec<String>,
}

#[derive(Args, Debug)]
pub struct KillArgs {
    /// Signal to send to the container
    #[arg(short = 's', long, default_value = "KILL")]
    signal: String,
    #[arg(required = true, value_name = "CONTAINER")]
    containers: Vec<String>,
}

#[derive(Args, Debug)]
pub struct RmArgs {
    /// Force the removal of a running container (uses SIGKILL)
    #[arg(short = 'f', long)]
    force: bool,
    /// Remove anonymous volumes associated with the container
    #[arg(short = 'v', long)]
    volumes: bool,
    /// Remove the specified link (not supported)
    #[arg(short = 'l', long, hide = true)]
    link: bool,
    #[arg(required = true, value_name = "CONTAINER")]
    containers: Vec<String>,
}

#[derive(Args, Debug)]
pub struct NamesArgs {
    #[arg(required = true, value_name = "CONTAINER")]
    containers: Vec<String>,
}

#[derive(Args, Debug)]
pub struct RenameArgs {
    #[arg(value_name = "CONTAINER")]
    container: String,
    #[arg(value_name = "NEW_NAME")]
    new_name: String,
}

pub fn stop(engine: &Engine, a: StopArgs) -> i32 {
    super::for_each(&a.containers, |name| {
        engine.stop(name, a.timeout, a.signal.as_deref()).map(|_| Some(name.to_string()))
    })
}

pub fn restart(engine: &Engine, a: StopArgs) -> i32 {
    super::for_each(&a.containers, |name| {
        engine.restart(name, a.timeout, a.signal.as_deref()).map(|_| Some(name.to_string()))
    })
}

pub fn kill(engine: &Engine, a: KillArgs) -> i32 {
    super::for_each(&a.containers, |name| engine.kill(name, &a.signal).map(|_| Some(name.to_string())))
}

pub fn rm(engine: &Engine, a: RmArgs) -> i32 {
    if a.link {
        eprintln!("Error: --link is not supported");
        return 1;
    }
    super::for_each_forced(&a.containers, a.force, |name| {
        engine.remove(name, a.force, a.volumes).map(|_| Some(name.to_string()))
    })
}

pub fn pause(engine: &Engine, a: NamesArgs) -> i32 {
    super::for_each(&a.containers, |name| engine.pause(name).map(|_| Some(name.to_string())))
}

pub fn unpause(engine: &Engine, a: NamesArgs) -> i32 {
    super::for_each(&a.containers, |name| engine.unpause(name).map(|_| Some(name.to_string())))
}

pub fn wait(engine: &Engine, a: NamesArgs) -> i32 {
    super::for_each(&a.containers, |name| engine.wait(name).map(|code| Some(code.to_string())))
}

#[derive(Args, Debug)]
pub struct UpdateArgs {
    /// Block IO (relative weight), between 10 and 1000, or 0 to disable (default 0)
    #[arg(long = "blkio-weight", value_name = "uint16")]
    blkio_weight: Option<u16>,
    /// Limit CPU CFS (Completely Fair Scheduler) period
    #[arg(long = "cpu-period", value_parser = super::go_int)]
    cpu_period: Option<i64>,
    /// Limit CPU CFS (Completely Fair Scheduler) quota
    #[arg(long = "cpu-quota", allow_negative_numbers = true, value_parser = super::go_int)]
    cpu_quota: Option<i64>,
    /// Limit the CPU real-time period in microseconds
    #[arg(long = "cpu-rt-period", value_parser = super::go_int)]
    cpu_rt_period: Option<i64>,
    /// Limit the CPU real-time runtime in microseconds
    #[arg(long = "cpu-rt-runtime", value_parser = super::go_int)]
    cpu_rt_runtime: Option<i64>,
    /// CPU shares (relative weight)
    #[arg(short = 'c', long = "cpu-shares", value_parser = super::go_int)]
    cpu_shares: Option<i64>,
    /// Number of CPUs
    #[arg(long, value_name = "decimal", value_parser = super::run::parse_cpus)]
    cpus: Option<f64>,
    /// CPUs in which to allow execution (0-3, 0,1)
    #[arg(long = "cpuset-cpus", value_name = "string")]
    cpuset_cpus: Option<String>,
    /// MEMs in which to allow execution (0-3, 0,1)
    #[arg(long = "cpuset-mems", value_name = "string")]
    cpuset_mems: Option<String>,
    /// Memory limit
    #[arg(short = 'm', long, value_name = "bytes", value_parser = super::run::parse_memory)]
    memory: Option<i64>,
    /// Memory soft limit
    #[arg(long = "memory-reservation", value_name = "bytes", value_parser = super::run::parse_memory)]
    memory_reservation: Option<i64>,
    /// Swap limit equal to memory plus swap: -1 to enable unlimited swap
    #[arg(long = "memory-swap", value_name = "bytes", allow_negative_numbers = true, value_parser = super::run::parse_memory_or_unlimited)]
    memory_swap: Option<i64>,
    /// Tune container pids limit (set -1 for unlimited)
    #[arg(long = "pids-limit", allow_negative_numbers = true, value_parser = super::go_int)]
    pids_limit: Option<i64>,
    /// Restart policy to apply when a container exits
    #[arg(long, value_name = "string")]
    restart: Option<String>,
    #[arg(required = true, value_name = "CONTAINER")]
    containers: Vec<String>,
}

/// `update`: Docker refuses an update that names no change.
pub fn update(engine: &Engine, a: UpdateArgs) -> i32 {
    let u = rdock::runtime::update::ResourceUpdate {
        blkio_weight: a.blkio_weight,
        cpu_period: a.cpu_period,
        cpu_quota: a.cpu_quota,
        cpu_rt_period: a.cpu_rt_period,
        cpu_rt_runtime: a.cpu_rt_runtime,
        cpu_shares: a.cpu_shares,
        nano_cpus: a.cpus.map(|c| (c * 1e9) as i64),
        cpuset_cpus: a.cpuset_cpus,
        cpuset_mems: a.cpuset_mems,
        memory: a.memory,
        memory_reservation: a.memory_reservation,
        memory_swap: a.memory_swap,
        // Zero or less is unlimited, which a running container's cgroup needs said.
        pids_limit: a.pids_limit.map(|p| if p <= 0 { -1 } else { p }),
        restart: a.restart,
    };
    if u == rdock::runtime::update::ResourceUpdate::default() {
        eprintln!("you must provide one or more flags when using this command");
        return 1;
    }
    super::for_each(&a.containers, |name| engine.update(name, &u).map(|_| Some(name.to_string())))
}

pub fn rename(engine: &Engine, a: RenameArgs) -> i32 {
    match engine.rename(&a.container, &a.new_name) {
        Ok(()) => 0,
        Err(e) => super::fail(&e),
    }
}

#[derive(Args, Debug)]
pub struct CommitArgs {
    /// Author (e.g., "John Hannibal Smith <hannibal@a-team.com>")
    #[arg(short = 'a', long)]
    author: Option<String>,
    /// Apply Dockerfile instruction to the created image
    #[arg(short = 'c', long = "change")]
    change: Vec<String>,
    /// Commit message
    #[arg(short = 'm', long)]
    message: Option<String>,
    /// Pause container during commit
    #[arg(short = 'p', long, default_value_t = true, num_args = 0..=1, default_missing_value = "true", action = clap::ArgAction::Set)]
    pause: bool,
    #[arg(value_name = "CONTAINER")]
    container: String,
    #[arg(value_name = "REPOSITORY[:TAG]")]
    reference: Option<String>,
}

#[derive(Args, Debug)]
pub struct DiffArgs {
    #[arg(value_name = "CONTAINER")]
    container: String,
}

#[derive(Args, Debug)]
pub struct ExportArgs {
    /// Write to a file, instead of STDOUT
    #[arg(short = 'o', long)]
    output: Option<std::path::PathBuf>,
    #[arg(value_name = "CONTAINER")]
    container: String,
}

pub fn commit(engine: &Engine, a: CommitArgs) -> i32 {
    let opts = rdock::image::local::CommitOptions {
        reference: a.reference,
        author: a.author,
        message: a.message,
        changes: a.change,
    };
    match engine.commit(&a.container, &opts, a.pause) {
        Ok(id) => {
            println!("{id}");
            0
        }
        Err(e) => super::fail(&e),
    }
}

pub fn diff(engine: &Engine, a: DiffArgs) -> i32 {
    match engine.diff(&a.container) {
        Ok(changes) => {
            let mut out = String::new();
            for c in changes {
                out.push_str(&format!("{} /{}\n", c.kind.letter(), c.rel.display()));
            }
            print!("{out}");
            0
        }
        Err(e) => super::fail(&e),
    }
}

pub fn export(engine: &Engine, a: ExportArgs) -> i32 {
    match super::output_file(a.output.as_deref(), "export") {
        Ok(mut out) => match engine.export(&a.container, &mut out) {
            Ok(()) => super::finish_output(out, a.output.as_deref()),
            Err(e) => {
                super::discard_output(a.output.as_deref());
                super::fail(&e)
            }
        },
        Err(code) => code,
    }
}

#[derive(Args, Debug)]
pub struct PruneArgs {
    /// Provide filter values (e.g. "until=<timestamp>")
    #[arg(long = "filter", value_name = "filter")]
    filter: Vec<String>,
    /// Do not prompt for confirmation
    #[arg(short = 'f', long)]
    force: bool,
}

/// `container prune`: every stopped container (`until=`, `label=` filters).
pub fn prune(engine: &Engine, a: PruneArgs) -> i32 {
    let filters = match super::image::PruneFilters::parse(&a.filter) {
        Ok(f) => f,
        Err(e) => return super::fail(&e),
    };
    if !a.force && !super::confirm("WARNING! This will remove all stopped containers.") {
        return 0;
    }
    match engine.container_prune(&|c| !filters.matches_parts(&c.config.created, &c.config.labels)) {
        Ok((removed, freed)) => {
            super::print_deleted("Deleted Containers:", &removed);
            println!("Total reclaimed space: {}", rdock::format::human_size(freed));
            0
        }
        Err(e) => super::fail(&e),
    }
}

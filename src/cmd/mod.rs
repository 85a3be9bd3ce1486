//! The command line: Docker's commands, flags, output and exit codes. Each file
//! parses one group of commands and prints; the work happens in `rdock::Engine`.

mod container;
mod exec;
mod image;
mod inspect;
mod logs;
mod progress;
mod ps;
mod run;
mod supervise;
mod system;
mod top;

use std::path::PathBuf;

use clap::{Parser, Subcommand};
use rdock::engine::{DEFAULT_ROOT, DEFAULT_RUNROOT};
use rdock::{Engine, Error};

const ABOUT: &str = "A daemonless, Docker-compatible container tool.

Networking: the default network gives each container its own network namespace
with loopback only (no outside access yet); --network host shares the host's.";

#[derive(Parser, Debug)]
#[command(name = "rdock", version, about = ABOUT, max_term_width = 100, disable_help_subcommand = true)]
pub struct Cli {
    /// Storage root (images, containers, logs) [default: /var/lib/rdock]
    #[arg(long, global = true, env = "RDOCK_ROOT", value_name = "DIR")]
    root: Option<PathBuf>,
    /// Runtime state directory [default: /run/rdock, or ROOT/run with --root]
    #[arg(long, global = true, env = "RDOCK_RUNROOT", value_name = "DIR")]
    runroot: Option<PathBuf>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Create and run a new container from an image
    Run(run::RunArgs),
    /// Create a new container
    Create(run::CreateArgs),
    /// Start one or more stopped containers
    Start(run::StartArgs),
    /// Stop one or more running containers
    Stop(container::StopArgs),
    /// Kill one or more running containers
    Kill(container::KillArgs),
    /// Restart one or more containers
    Restart(container::StopArgs),
    /// Remove one or more containers
    Rm(container::RmArgs),
    /// List containers
    #[command(visible_alias = "container-ls")]
    Ps(ps::PsArgs),
    /// Fetch the logs of a container
    Logs(logs::LogsArgs),
    /// Execute a command in a running container
    Exec(exec::ExecArgs),
    /// Attach local standard input, output, and error streams to a running container
    Attach(exec::AttachArgs),
    /// Block until one or more containers stop, then print their exit codes
    Wait(container::NamesArgs),
    /// Return low-level information on containers or images
    Inspect(inspect::InspectArgs),
    /// Pause all processes within one or more containers
    Pause(container::NamesArgs),
    /// Unpause all processes within one or more containers
    Unpause(container::NamesArgs),
    /// Display the running processes of a container
    Top(top::TopArgs),
    /// Display a live stream of container(s) resource usage statistics
    Stats(top::StatsArgs),
    /// Rename a container
    Rename(container::RenameArgs),
    /// List images
    Images(image::ImagesArgs),
    /// Download an image from a registry
    Pull(image::PullArgs),
    /// Show the rdock version information
    Version(system::VersionArgs),
    /// Display system-wide information
    Info(system::InfoArgs),
    /// Manage containers
    #[command(subcommand)]
    Container(ContainerCommand),
    /// Manage images
    #[command(subcommand)]
    Image(ImageCommand),
    /// Print a shell completion script (bash, zsh, fish)
    Completion(system::CompletionArgs),
    #[command(name = "__supervise", hide = true)]
    Supervise(supervise::SuperviseArgs),
}

#[derive(Subcommand, Debug)]
enum ContainerCommand {
    /// Create and run a new container from an image
    Run(run::RunArgs),
    /// Create a new container
    Create(run::CreateArgs),
    /// Start one or more stopped containers
    Start(run::StartArgs),
    /// Stop one or more running containers
    Stop(container::StopArgs),
    /// Kill one or more running containers
    Kill(container::KillArgs),
    /// Restart one or more containers
    Restart(container::StopArgs),
    /// Remove one or more containers
    #[command(visible_alias = "remove")]
    Rm(container::RmArgs),
    /// List containers
    #[command(visible_aliases = ["ps", "list"])]
    Ls(ps::PsArgs),
    /// Fetch the logs of a container
    Logs(logs::LogsArgs),
    /// Execute a command in a running container
    Exec(exec::ExecArgs),
    /// Attach local standard input, output, and error streams to a running container
    Attach(exec::AttachArgs),
    /// Block until one or more containers stop, then print their exit codes
    Wait(container::NamesArgs),
    /// Display detailed information on one or more containers
    Inspect(inspect::InspectArgs),
    /// Pause all processes within one or more containers
    Pause(container::NamesArgs),
    /// Unpause all processes within one or more containers
    Unpause(container::NamesArgs),
    /// Display the running processes of a container
    Top(top::TopArgs),
    /// Display a live stream of container(s) resource usage statistics
    Stats(top::StatsArgs),
    /// Rename a container
    Rename(container::RenameArgs),
}

#[derive(Subcommand, Debug)]
enum ImageCommand {
    /// List images
    #[command(visible_alias = "list")]
    Ls(image::ImagesArgs),
    /// Download an image from a registry
    Pull(image::PullArgs),
    /// Display detailed information on one or more images
    Inspect(inspect::InspectArgs),
}

/// Runs the CLI and returns the process exit code.
pub fn main() -> i32 {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let _ = e.print();
            return match e.kind() {
                clap::error::ErrorKind::DisplayHelp | clap::error::ErrorKind::DisplayVersion => 0,
                clap::error::ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => 125,
                _ => 125,
            };
        }
    };
    let (root, runroot) = state_dirs(&cli);
    if let Command::Supervise(args) = cli.command {
        return supervise::run(&root, &runroot, args);
    }
    if let Command::Completion(args) = &cli.command {
        return system::completion(args);
    }
    let engine = match Engine::open(&root, &runroot) {
        Ok(e) => e,
        Err(e) => {
            eprintln!("Error: {e}");
            return 125;
        }
    };
    dispatch(&engine, cli.command)
}

fn state_dirs(cli: &Cli) -> (PathBuf, PathBuf) {
    let root = cli
        .root
        .clone()
        .unwrap_or_else(|| PathBuf::from(DEFAULT_ROOT));
    let runroot = match (&cli.runroot, &cli.root) {
        (Some(r), _) => r.clone(),
        (None, Some(root)) => root.join("run"),
        (None, None) => PathBuf::from(DEFAULT_RUNROOT),
    };
    (root, runroot)
}

fn dispatch(engine: &Engine, command: Command) -> i32 {
    match command {
        Command::Run(a) | Command::Container(ContainerCommand::Run(a)) => run::run(engine, a),
        Command::Create(a) | Command::Container(ContainerCommand::Create(a)) => {
            run::create(engine, a)
        }
        Command::Start(a) | Command::Container(ContainerCommand::Start(a)) => run::start(engine, a),
        Command::Stop(a) | Command::Container(ContainerCommand::Stop(a)) => {
            container::stop(engine, a)
        }
        Command::Kill(a) | Command::Container(ContainerCommand::Kill(a)) => {
            container::kill(engine, a)
        }
        Command::Restart(a) | Command::Container(ContainerCommand::Restart(a)) => {
            container::restart(engine, a)
        }
        Command::Rm(a) | Command::Container(ContainerCommand::Rm(a)) => container::rm(engine, a),
        Command::Ps(a) | Command::Container(ContainerCommand::Ls(a)) => ps::ps(engine, a),
        Command::Logs(a) | Command::Container(ContainerCommand::Logs(a)) => logs::logs(engine, a),
        Command::Exec(a) | Command::Container(ContainerCommand::Exec(a)) => exec::exec(engine, a),
        Command::Attach(a) | Command::Container(ContainerCommand::Attach(a)) => {
            exec::attach(engine, a)
        }
        Command::Wait(a) | Command::Container(ContainerCommand::Wait(a)) => {
            container::wait(engine, a)
        }
        Command::Inspect(a) => inspect::inspect(engine, a, None),
        Command::Container(ContainerCommand::Inspect(a)) => {
            inspect::inspect(engine, a, Some("container"))
        }
        Command::Image(ImageCommand::Inspect(a)) => inspect::inspect(engine, a, Some("image")),
        Command::Pause(a) | Command::Container(ContainerCommand::Pause(a)) => {
            container::pause(engine, a)
        }
        Command::Unpause(a) | Command::Container(ContainerCommand::Unpause(a)) => {
            container::unpause(engine, a)
        }
        Command::Top(a) | Command::Container(ContainerCommand::Top(a)) => top::top(engine, a),
        Command::Stats(a) | Command::Container(ContainerCommand::Stats(a)) => top::stats(engine, a),
        Command::Rename(a) | Command::Container(ContainerCommand::Rename(a)) => {
            container::rename(engine, a)
        }
        Command::Images(a) | Command::Image(ImageCommand::Ls(a)) => image::images(engine, a),
        Command::Pull(a) | Command::Image(ImageCommand::Pull(a)) => image::pull(engine, a),
        Command::Version(a) => system::version(engine, a),
        Command::Info(a) => system::info(engine, a),
        Command::Completion(_) | Command::Supervise(_) => {
            unreachable!("handled before the engine opens")
        }
    }
}

/// Prints an error as Docker's CLI does and returns the exit status it uses for
/// commands other than `run`: 1.
pub fn fail(err: &Error) -> i32 {
    eprintln!("Error response from daemon: {err}");
    1
}

/// Runs `op` on each name, printing the name on success and the error otherwise;
/// exit status 1 if any failed (Docker's per-item reporting).
pub fn for_each(
    names: &[String],
    mut op: impl FnMut(&str) -> Result<Option<String>, Error>,
) -> i32 {
    let mut status = 0;
    for name in names {
        match op(name) {
            Ok(Some(line)) => println!("{line}"),
            Ok(None) => {}
            Err(e) => {
                eprintln!("Error response from daemon: {e}");
                status = 1;
            }
        }
    }
    status
}

/// Reads `--env-file` files: `VAR=value` lines, `VAR` alone takes the host's value,
/// blank lines and `#` comments are skipped.
pub fn read_env_files(files: &[PathBuf]) -> Result<Vec<String>, Error> {
    let mut out = Vec::new();
    for f in files {
        let text = std::fs::read_to_string(f)
            .map_err(|e| Error::io(format!("open {}", f.display()), e))?;
        for line in text.lines() {
            let line = line.trim_start();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            out.extend(env_entry(line));
        }
    }
    Ok(out)
}

/// `-e VAR=value` as given; `-e VAR` takes the host's value, or nothing if unset.
pub fn env_entry(var: &str) -> Option<String> {
    if var.contains('=') {
        Some(var.to_string())
    } else {
        std::env::var(var).ok().map(|v| format!("{var}={v}"))
    }
}

/// Pretty JSON as Docker prints it (four-space indent).
pub fn pretty_json(v: &serde_json::Value) -> String {
    use serde::Serialize;
    let mut buf = Vec::new();
    let fmt = serde_json::ser::PrettyFormatter::with_indent(b"    ");
    let mut ser = serde_json::Serializer::with_formatter(&mut buf, fmt);
    let _ = v.serialize(&mut ser);
    String::from_utf8(buf).unwrap_or_default()
}

//! The command line: Docker's commands, flags, output and exit codes. Each file
//! parses one group of commands and prints; the work happens in `rdock::Engine`.

mod build;
mod container;
mod context;
mod cp;
mod events;
mod exec;
mod image;
mod inspect;
mod logs;
mod manifest;
mod network;
mod progress;
mod ps;
mod registry;
mod run;
mod supervise;
mod system;
mod top;
mod volume;

use std::path::PathBuf;

use clap::{CommandFactory, Parser, Subcommand};
use rdock::engine::default_dirs;
use rdock::{Engine, Error};

const ABOUT: &str = "A daemonless, Docker-compatible container tool.

Networking: as root the default `bridge` network (and user-defined ones) give each
container an address behind NAT; rootless containers use pasta or slirp4netns.";

#[derive(Parser, Debug)]
#[command(
    name = "rdock",
    // Docker's shape ("Docker version 28.2.2, build e6534b4"), so version
    // gates that read the third word or the first x.y.z pass: the Engine
    // version rdock matches (api::ENGINE_VERSION), then rdock's own.
    version = concat!("version 28.2.2, build rdock-", env!("CARGO_PKG_VERSION")),
    disable_version_flag = true,
    about = ABOUT,
    max_term_width = 100
)]
pub struct Cli {
    /// Print version information and quit
    #[arg(short = 'v', long = "version", action = clap::ArgAction::Version)]
    version: Option<bool>,
    /// Location of client config files (config.json: logins) [default: ~/.docker]
    #[arg(long = "config", value_name = "string")]
    config: Option<PathBuf>,
    /// Name of the context to use (rdock has one: default)
    #[arg(short = 'c', long = "context", env = "DOCKER_CONTEXT", value_name = "string")]
    context: Option<String>,
    /// Enable debug mode
    #[arg(short = 'D', long)]
    debug: bool,
    /// Daemon socket to connect to (rdock has no daemon: local unix sockets only)
    #[arg(short = 'H', long = "host", value_name = "list")]
    host: Vec<String>,
    /// Set the logging level ("debug", "info", "warn", "error", "fatal")
    #[arg(short = 'l', long = "log-level", value_name = "string")]
    log_level: Option<String>,
    /// Use TLS; implied by --tlsverify (for a remote daemon: none here)
    #[arg(long)]
    tls: bool,
    /// Trust certs signed only by this CA
    #[arg(long, value_name = "string")]
    tlscacert: Option<PathBuf>,
    /// Path to TLS certificate file
    #[arg(long, value_name = "string")]
    tlscert: Option<PathBuf>,
    /// Path to TLS key file
    #[arg(long, value_name = "string")]
    tlskey: Option<PathBuf>,
    /// Use TLS and verify the remote
    #[arg(long)]
    tlsverify: bool,
    /// Storage root (images, containers, logs) [default: /var/lib/rdock; rootless:
    /// $XDG_DATA_HOME/rdock]
    #[arg(long, global = true, env = "RDOCK_ROOT", value_name = "DIR")]
    root: Option<PathBuf>,
    /// Runtime state directory [default: /run/rdock, or ROOT/run with --root;
    /// rootless: $XDG_RUNTIME_DIR/rdock]
    #[arg(long, global = true, env = "RDOCK_RUNROOT", value_name = "DIR")]
    runroot: Option<PathBuf>,
    #[command(subcommand)]
    command: Command,
}

#[allow(clippy::large_enum_variant)]
#[derive(Subcommand, Debug)]
enum Command {
    #[command(flatten)]
    Containers(ContainerCommand),
    /// Build an image from a Dockerfile
    Build(build::BuildArgs),
    /// Manage builds
    #[command(subcommand)]
    Builder(build::BuilderCommand),
    /// Build with BuildKit's command line (build, prune)
    #[command(subcommand)]
    Buildx(build::BuilderCommand),
    /// Return low-level information on containers or images
    Inspect(inspect::InspectArgs),
    /// List images
    Images(image::ImagesArgs),
    /// Download an image from a registry
    Pull(image::PullArgs),
    /// Upload an image to a registry
    Push(image::PushArgs),
    /// Import the contents from a tarball to create a filesystem image
    Import(image::ImportArgs),
    /// Create a tag TARGET_IMAGE that refers to SOURCE_IMAGE
    Tag(image::TagArgs),
    /// Remove one or more images
    Rmi(image::RmiArgs),
    /// Show the history of an image
    History(image::HistoryArgs),
    /// Search a registry for images
    Search(image::SearchArgs),
    /// Save one or more images to a tar archive (streamed to STDOUT by default)
    Save(image::SaveArgs),
    /// Load an image from a tar archive or STDIN
    Load(image::LoadArgs),
    /// Log in to a registry
    Login(registry::LoginArgs),
    /// Log out from a registry
    Logout(registry::LogoutArgs),
    /// Show the rdock version information
    Version(system::VersionArgs),
    /// Display system-wide information
    Info(system::InfoArgs),
    /// Get real time events from the server
    Events(events::EventsArgs),
    /// Manage containers
    #[command(subcommand)]
    Container(ContainerGroup),
    /// Manage images
    #[command(subcommand)]
    Image(ImageCommand),
    /// Manage volumes
    #[command(subcommand)]
    Volume(volume::VolumeCommand),
    /// Manage networks
    #[command(subcommand)]
    Network(network::NetworkCommand),
    /// Manage rdock
    #[command(subcommand)]
    System(system::SystemCommand),
    /// Manage contexts (rdock has one: default, this machine)
    #[command(subcommand)]
    Context(context::ContextCommand),
    /// Manage Docker image manifests and manifest lists
    #[command(subcommand)]
    Manifest(manifest::ManifestCommand),
    /// Run a command in rdock's user namespace (rootless: to inspect or clean storage)
    Unshare(system::UnshareArgs),
    /// Print a shell completion script (bash, zsh, fish)
    Completion(system::CompletionArgs),
    #[command(name = "__supervise", hide = true)]
    Supervise(supervise::SuperviseArgs),
}

/// The container commands, both at the top level and under `container`.
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
    #[command(visible_aliases = ["ls", "list"])]
    Ps(ps::PsArgs),
    /// Fetch the logs of a container
    Logs(logs::LogsArgs),
    /// Execute a command in a running container
    Exec(exec::ExecArgs),
    /// Attach local standard input, output, and error streams to a running container
    Attach(exec::AttachArgs),
    /// Block until one or more containers stop, then print their exit codes
    Wait(container::NamesArgs),
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
    /// Update configuration of one or more containers
    Update(container::UpdateArgs),
    /// List port mappings or a specific mapping for the container
    Port(network::PortArgs),
    /// Copy files/folders between a container and the local filesystem
    Cp(cp::CpArgs),
    /// Create a new image from a container's changes
    Commit(container::CommitArgs),
    /// Inspect changes to files or directories on a container's filesystem
    Diff(container::DiffArgs),
    /// Export a container's filesystem as a tar archive
    Export(container::ExportArgs),
}

// Parsed once per process: the size of the variants does not matter.
#[allow(clippy::large_enum_variant)]
#[derive(Subcommand, Debug)]
enum ContainerGroup {
    #[command(flatten)]
    Common(ContainerCommand),
    /// Display detailed information on one or more containers
    Inspect(inspect::InspectArgs),
    /// Remove all stopped containers
    Prune(container::PruneArgs),
}

#[allow(clippy::large_enum_variant)]
#[derive(Subcommand, Debug)]
enum ImageCommand {
    /// Build an image from a Dockerfile
    Build(build::BuildArgs),
    /// List images
    #[command(visible_alias = "list")]
    Ls(image::ImagesArgs),
    /// Download an image from a registry
    Pull(image::PullArgs),
    /// Display detailed information on one or more images
    Inspect(inspect::InspectArgs),
    /// Import the contents from a tarball to create a filesystem image
    Import(image::ImportArgs),
    /// Upload an image to a registry
    Push(image::PushArgs),
    /// Create a tag TARGET_IMAGE that refers to SOURCE_IMAGE
    Tag(image::TagArgs),
    /// Remove one or more images
    #[command(visible_alias = "remove")]
    Rm(image::RmiArgs),
    /// Show the history of an image
    History(image::HistoryArgs),
    /// Remove unused images
    Prune(image::PruneArgs),
    /// Save one or more images to a tar archive (streamed to STDOUT by default)
    Save(image::SaveArgs),
    /// Load an image from a tar archive or STDIN
    Load(image::LoadArgs),
}

/// Runs the CLI and returns the process exit code.
/// The command line with pflag's rule that a repeated single-value flag
/// keeps its last value (`--name a --name b`), in every subcommand.
fn command() -> clap::Command {
    fn last_wins(c: clap::Command) -> clap::Command {
        c.args_override_self(true).mut_subcommands(last_wins)
    }
    last_wins(Cli::command())
}

fn parse() -> Result<Cli, clap::Error> {
    use clap::FromArgMatches;
    let matches = command().try_get_matches()?;
    Cli::from_arg_matches(&matches)
}

pub fn main() -> i32 {
    let cli = match parse() {
        Ok(cli) => cli,
        Err(e) => {
            match docker_parse_error(&e) {
                Some(line) => eprintln!("{line}"),
                None => {
                    let _ = e.print();
                }
            }
            return match e.kind() {
                clap::error::ErrorKind::DisplayHelp | clap::error::ErrorKind::DisplayVersion => 0,
                clap::error::ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => 125,
                // Docker: "docker: 'docker run' requires at least 1 argument", rc 1.
                clap::error::ErrorKind::MissingRequiredArgument
                | clap::error::ErrorKind::InvalidSubcommand => 1,
                _ => 125,
            };
        }
    };
    if let Err(e) = global_options(&cli) {
        eprintln!("{e}");
        return 1;
    }
    let (root, runroot) = match state_dirs(&cli) {
        Ok(d) => d,
        Err(e) => {
            eprintln!("Error: {e}");
            return 125;
        }
    };
    if let Command::Supervise(args) = cli.command {
        return supervise::run(&root, &runroot, args);
    }
    if let Command::Completion(args) = &cli.command {
        return system::completion(args);
    }
    // Rootless: commands that write the store or run containers work inside a
    // user namespace (computed paths above are the user's own).
    if needs_session(&cli.command) {
        if let Err(e) = rdock::runtime::userns::enter_session(&runroot) {
            eprintln!("Error: {e}");
            return 125;
        }
    }
    if let Command::Unshare(args) = &cli.command {
        return system::unshare(&root, &runroot, args);
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

/// Docker's one line (pflag's wording) for the flag errors both CLIs have;
/// None leaves the rest to clap.
fn docker_parse_error(e: &clap::Error) -> Option<String> {
    use clap::error::{ContextKind, ContextValue, ErrorKind};
    let ctx = |kind| match e.get(kind) {
        Some(ContextValue::String(s)) => Some(s.as_str()),
        _ => None,
    };
    if e.kind() == ErrorKind::MissingRequiredArgument {
        // Cobra's words, with the command path from clap's usage line.
        let usage = match e.get(ContextKind::Usage) {
            Some(ContextValue::StyledStr(s)) => s.to_string(),
            _ => return None,
        };
        let path: Vec<&str> = usage
            .trim_start_matches("Usage:")
            .split_whitespace()
            .take_while(|w| !w.starts_with('<') && !w.starts_with('[') && !w.starts_with('-'))
            .collect();
        let mut cmd = Cli::command();
        for word in path.iter().skip(1) {
            cmd = cmd.find_subcommand(word)?.clone();
        }
        let positionals: Vec<&clap::Arg> = cmd.get_positionals().collect();
        let required = positionals.iter().filter(|a| a.is_required_set()).count();
        let variadic = positionals.iter().any(|a| a.get_num_args().is_some_and(|n| n.max_values() > 1));
        let count = format!(
            "{}{required} argument{}",
            if variadic { "at least " } else { "" },
            if required == 1 { "" } else { "s" }
        );
        let path = path.join(" ");
        return Some(format!("rdock: '{path}' requires {count}\n\nSee '{path} --help' for more information"));
    }
    if e.kind() == ErrorKind::InvalidSubcommand {
        let sub = ctx(ContextKind::InvalidSubcommand)?;
        let args: Vec<String> = std::env::args().collect();
        let at = args.iter().position(|a| a == sub).unwrap_or(args.len());
        // The words before it that name subcommands (not global options' values).
        let mut path = vec!["rdock".to_string()];
        let mut cmd = Cli::command();
        for a in &args[1..at] {
            if let Some(c) = cmd.find_subcommand(a).cloned() {
                path.push(a.clone());
                cmd = c;
            }
        }
        let parent = path.join(" ");
        return Some(format!(
            "rdock: unknown command: {parent} {sub}\n\nRun '{parent} --help' for more information"
        ));
    }
    let arg = ctx(ContextKind::InvalidArg)?;
    match e.kind() {
        ErrorKind::UnknownArgument if arg.starts_with("--") => {
            let name = arg.split_once('=').map_or(arg, |(n, _)| n);
            Some(format!("unknown flag: {name}"))
        }
        ErrorKind::UnknownArgument if arg.starts_with('-') => {
            let c = arg[1..].chars().next()?;
            // pflag names the whole cluster the letter came in (`-itz`).
            let args: Vec<String> = std::env::args().collect();
            let cluster = args
                .iter()
                .find(|a| !a.starts_with("--") && a.starts_with('-') && a[1..].contains(c))
                .map_or(arg, |a| a.as_str());
            Some(format!("unknown shorthand flag: '{c}' in {cluster}"))
        }
        ErrorKind::InvalidValue if ctx(ContextKind::InvalidValue) == Some("") => {
            let long = arg.split([' ', '=']).next()?;
            // pflag names the short form when that is what was typed.
            let args: Vec<String> = std::env::args().collect();
            let short = flag_names(&Cli::command(), long.trim_start_matches('-'))
                .and_then(|n| n.strip_suffix(&format!(", {long}")).map(str::to_string))
                .filter(|s| args.last() == Some(s));
            Some(match short {
                Some(s) => format!("flag needs an argument: '{}' in {s}", &s[1..]),
                None => format!("flag needs an argument: {long}"),
            })
        }
        ErrorKind::ValueValidation => {
            let value = ctx(ContextKind::InvalidValue)?;
            let why = std::error::Error::source(e)?;
            let long = arg.split([' ', '=']).next()?.trim_start_matches('-');
            Some(rdock::Error::flag(&flag_names(&Cli::command(), long)?, value, why).to_string())
        }
        _ => None,
    }
}

/// How pflag names a flag in errors: "-e, --env" or "--cpus".
fn flag_names(cmd: &clap::Command, long: &str) -> Option<String> {
    if let Some(a) = cmd.get_arguments().find(|a| a.get_long() == Some(long)) {
        return Some(match a.get_short() {
            Some(s) => format!("-{s}, --{long}"),
            None => format!("--{long}"),
        });
    }
    cmd.get_subcommands().find_map(|c| flag_names(c, long))
}

/// An integer flag value, refused in Go's words (Docker's flags are Go ints).
pub fn go_int(s: &str) -> Result<i64, String> {
    s.parse().map_err(|e: std::num::ParseIntError| {
        let why = match e.kind() {
            std::num::IntErrorKind::PosOverflow | std::num::IntErrorKind::NegOverflow => "value out of range",
            _ => "invalid syntax",
        };
        format!("strconv.ParseInt: parsing {s:?}: {why}")
    })
}

/// Docker's global options, as far as a daemonless tool has them: the client
/// config dir, the one (default) context, local hosts only, log levels.
fn global_options(cli: &Cli) -> Result<(), String> {
    if let Some(dir) = &cli.config {
        // SAFETY: set before any thread starts; everything that reads the
        // client config looks here (config::docker_config_path).
        unsafe { std::env::set_var("DOCKER_CONFIG", dir) };
    }
    if let Some(c) = cli.context.as_deref().filter(|c| *c != "default") {
        return Err(format!("context \"{c}\" does not exist"));
    }
    for h in &cli.host {
        if !h.starts_with("unix://") && !h.is_empty() {
            return Err(format!(
                "rdock has no daemon to connect to: -H {h} (it works on this machine; unix:// hosts are accepted and ignored)"
            ));
        }
    }
    if let Some(l) = &cli.log_level {
        if !matches!(l.as_str(), "debug" | "info" | "warn" | "error" | "fatal" | "panic" | "trace") {
            return Err(format!("Unable to parse logging level: {l}"));
        }
    }
    if cli.debug || cli.log_level.as_deref() == Some("debug") {
        rdock::debug::enable();
    }
    let _ = (&cli.tlscacert, &cli.tlscert, &cli.tlskey, cli.tls, cli.tlsverify);
    Ok(())
}

fn state_dirs(cli: &Cli) -> rdock::Result<(PathBuf, PathBuf)> {
    Ok(match (&cli.root, &cli.runroot) {
        (Some(root), Some(run)) => (root.clone(), run.clone()),
        (Some(root), None) => (root.clone(), root.join("run")),
        (None, run) => {
            let (root, default_run) = default_dirs()?;
            (root, run.clone().unwrap_or(default_run))
        }
    })
}

/// Commands that change the store or start containers; rootless, they run in a
/// user namespace. (exec joins the container's own instead.)
fn needs_session(command: &Command) -> bool {
    use ContainerCommand as C;
    match command {
        Command::Containers(c) | Command::Container(ContainerGroup::Common(c)) => {
            matches!(
                c,
                C::Run(_)
                    | C::Create(_)
                    | C::Start(_)
                    | C::Restart(_)
                    | C::Rm(_)
                    | C::Commit(_)
                    | C::Diff(_)
                    | C::Export(_)
            )
        }
        Command::Pull(_)
        | Command::Container(ContainerGroup::Prune(_))
        | Command::Build(_)
        | Command::Builder(_)
        | Command::Buildx(_)
        | Command::Image(ImageCommand::Pull(_) | ImageCommand::Import(_) | ImageCommand::Build(_))
        | Command::Import(_)
        | Command::Rmi(_)
        | Command::Image(ImageCommand::Rm(_) | ImageCommand::Prune(_) | ImageCommand::Load(_))
        | Command::Load(_)
        | Command::Unshare(_)
        | Command::Volume(_)
        | Command::Network(_)
        | Command::System(_) => true,
        _ => false,
    }
}

fn dispatch(engine: &Engine, command: Command) -> i32 {
    match command {
        Command::Containers(c) | Command::Container(ContainerGroup::Common(c)) => {
            container_command(engine, c)
        }
        Command::Build(a) | Command::Image(ImageCommand::Build(a)) => build::build(engine, a),
        Command::Builder(c) | Command::Buildx(c) => build::builder(engine, c),
        Command::Inspect(a) => inspect::inspect(engine, a, None),
        Command::Container(ContainerGroup::Inspect(a)) => inspect::inspect(engine, a, Some("container")),
        Command::Container(ContainerGroup::Prune(a)) => container::prune(engine, a),
        Command::Image(ImageCommand::Inspect(a)) => inspect::inspect(engine, a, Some("image")),
        Command::Images(a) | Command::Image(ImageCommand::Ls(a)) => image::images(engine, a),
        Command::Pull(a) | Command::Image(ImageCommand::Pull(a)) => image::pull(engine, a),
        Command::Import(a) | Command::Image(ImageCommand::Import(a)) => image::import(engine, a),
        Command::Push(a) | Command::Image(ImageCommand::Push(a)) => image::push(engine, a),
        Command::Tag(a) | Command::Image(ImageCommand::Tag(a)) => image::tag(engine, a),
        Command::Rmi(a) | Command::Image(ImageCommand::Rm(a)) => image::rmi(engine, a),
        Command::History(a) | Command::Image(ImageCommand::History(a)) => image::history(engine, a),
        Command::Image(ImageCommand::Prune(a)) => image::prune(engine, a),
        Command::Search(a) => image::search(engine, a),
        Command::Save(a) | Command::Image(ImageCommand::Save(a)) => image::save(engine, a),
        Command::Load(a) | Command::Image(ImageCommand::Load(a)) => image::load(engine, a),
        Command::Login(a) => registry::login(engine, a),
        Command::Logout(a) => registry::logout(engine, a),
        Command::Version(a) => system::version(engine, a),
        Command::Info(a) => system::info(engine, a),
        Command::System(c) => system::system(engine, c),
        Command::Events(a) => events::events(engine, a),
        Command::Context(c) => context::context(c),
        Command::Manifest(c) => manifest::manifest(engine, c),
        Command::Volume(c) => volume::volume(engine, c),
        Command::Network(c) => network::network(engine, c),
        Command::Completion(_) | Command::Supervise(_) | Command::Unshare(_) => {
            unreachable!("handled before the engine opens")
        }
    }
}

fn container_command(engine: &Engine, command: ContainerCommand) -> i32 {
    use ContainerCommand as C;
    match command {
        C::Run(a) => run::run(engine, a),
        C::Create(a) => run::create(engine, a),
        C::Start(a) => run::start(engine, a),
        C::Stop(a) => container::stop(engine, a),
        C::Kill(a) => container::kill(engine, a),
        C::Restart(a) => container::restart(engine, a),
        C::Rm(a) => container::rm(engine, a),
        C::Ps(a) => ps::ps(engine, a),
        C::Logs(a) => logs::logs(engine, a),
        C::Exec(a) => exec::exec(engine, a),
        C::Attach(a) => exec::attach(engine, a),
        C::Wait(a) => container::wait(engine, a),
        C::Pause(a) => container::pause(engine, a),
        C::Unpause(a) => container::unpause(engine, a),
        C::Top(a) => top::top(engine, a),
        C::Stats(a) => top::stats(engine, a),
        C::Rename(a) => container::rename(engine, a),
        C::Update(a) => container::update(engine, a),
        C::Port(a) => network::port(engine, a),
        C::Cp(a) => cp::cp(engine, a),
        C::Commit(a) => container::commit(engine, a),
        C::Diff(a) => container::diff(engine, a),
        C::Export(a) => container::export(engine, a),
    }
}

/// Prints an error as Docker's CLI does and returns the exit status it uses for
/// commands other than `run`: 1.
pub fn fail(err: &Error) -> i32 {
    if let Error::Template { msg, code } = err {
        eprintln!("{msg}");
        return *code;
    }
    eprintln!("Error response from daemon: {err}");
    1
}

/// Prints a command's rendered output, or fails with its error.
pub fn print_or_fail(result: Result<String, Error>) -> i32 {
    match result {
        Ok(text) => {
            print!("{text}");
            0
        }
        Err(e) => fail(&e),
    }
}

/// Runs `op` on each name, printing the name on success and the error otherwise;
/// exit status 1 if any failed (Docker's per-item reporting).
pub fn for_each(names: &[String], op: impl FnMut(&str) -> Result<Option<String>, Error>) -> i32 {
    for_each_forced(names, false, op)
}

/// [`for_each`] for `rm -f` and the like: with `force`, an object that does
/// not exist is reported but not a failure, as Docker's CLI has it (scripts'
/// `set -e` cleanup depends on it).
pub fn for_each_forced(
    names: &[String],
    force: bool,
    mut op: impl FnMut(&str) -> Result<Option<String>, Error>,
) -> i32 {
    let mut status = 0;
    for name in names {
        match op(name) {
            Ok(Some(line)) => println!("{line}"),
            Ok(None) => {}
            Err(e) => {
                eprintln!("Error response from daemon: {e}");
                if !(force && e.is_not_found()) {
                    status = 1;
                }
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
        let text = std::fs::read_to_string(f).map_err(|e| Error::io(format!("open {}", f.display()), e))?;
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

/// `-e`: Docker's `opts.ValidateEnv` (names are the program's business, but
/// not empty ones).
pub fn valid_env(var: &str) -> Result<String, String> {
    if var.split('=').next().unwrap_or_default().is_empty() {
        return Err(format!("invalid environment variable: {var}"));
    }
    Ok(var.to_string())
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

/// Where `save` and `export` write: the `-o` file (made in its directory, moved
/// into place when complete), else stdout unless that is a terminal.
pub fn output_file(path: Option<&std::path::Path>, what: &str) -> Result<Box<dyn std::io::Write>, i32> {
    use std::io::IsTerminal;
    match path {
        Some(p) => match std::fs::File::create(partial_path(p)) {
            Ok(f) => Ok(Box::new(std::io::BufWriter::with_capacity(1 << 20, f))),
            Err(e) => {
                eprintln!("Error: failed to {what}: {}: {e}", p.display());
                Err(1)
            }
        },
        None if std::io::stdout().is_terminal() => {
            eprintln!("Error: cowardly refusing to save to a terminal. Use the -o flag or redirect");
            Err(1)
        }
        None => Ok(Box::new(std::io::BufWriter::with_capacity(1 << 20, std::io::stdout().lock()))),
    }
}

fn partial_path(p: &std::path::Path) -> PathBuf {
    let mut name = p.file_name().unwrap_or_default().to_os_string();
    name.push(".rdock-partial");
    p.with_file_name(name)
}

/// Flushes the output and moves an `-o` file into place.
pub fn finish_output(mut out: Box<dyn std::io::Write>, path: Option<&std::path::Path>) -> i32 {
    if let Err(e) = out.flush() {
        eprintln!("Error: writing output: {e}");
        discard_output(path);
        return 1;
    }
    drop(out);
    if let Some(p) = path {
        if let Err(e) = std::fs::rename(partial_path(p), p) {
            eprintln!("Error: {}: {e}", p.display());
            return 1;
        }
    }
    0
}

pub fn discard_output(path: Option<&std::path::Path>) {
    if let Some(p) = path {
        let _ = std::fs::remove_file(partial_path(p));
    }
}

/// Docker's prune prompt; true if the user answers y.
/// `inspect` of volumes and networks: every name looked up, failures reported
/// one per line, the rest printed as a JSON array or through `--format`.
pub fn inspect_each<T: serde::Serialize>(
    names: &[String],
    format: Option<&str>,
    mut lookup: impl FnMut(&str) -> Result<T, Error>,
) -> i32 {
    let mut values = Vec::new();
    let mut errors = Vec::new();
    for name in names {
        match lookup(name) {
            Ok(v) => values.push(v),
            Err(e) => errors.push(format!("Error response from daemon: {e}")),
        }
    }
    print_inspect(&values, format, errors)
}

/// Prints what `inspect` found, as Docker's inspector does: a JSON array, or
/// each object through the template (a bad template exits 64 before anything
/// is printed; an object it fails on is left out, and a blank line stands in
/// when nothing rendered), then the lookup and template errors, exit 1.
pub fn print_inspect<T: serde::Serialize>(
    values: &[T],
    format: Option<&str>,
    mut errors: Vec<String>,
) -> i32 {
    match format.filter(|f| !f.is_empty() && *f != "json") {
        Some(f) => {
            let mut out = String::new();
            for v in values {
                match rdock::format::render_inspect(f, v) {
                    Ok(t) => {
                        out.push_str(&t);
                        out.push('\n');
                    }
                    Err(Error::Template { msg, code: 64 }) => {
                        eprintln!("{msg}");
                        return 64;
                    }
                    Err(e) => errors.push(e.to_string()),
                }
            }
            if out.is_empty() {
                out.push('\n');
            }
            print!("{out}");
        }
        None => println!("{}", pretty_json(&serde_json::to_value(values).unwrap_or_default())),
    }
    for e in &errors {
        eprintln!("{e}");
    }
    i32::from(!errors.is_empty())
}

/// Prints `version`/`info` through a template: on an execution error Docker
/// prints a blank line, then the error.
pub fn print_typed(result: Result<String, Error>) -> i32 {
    match result {
        Ok(s) => {
            println!("{s}");
            0
        }
        Err(e @ Error::Template { code: 1, .. }) => {
            println!();
            fail(&e)
        }
        Err(e) => fail(&e),
    }
}

/// `--label k=v` (or `-o k=v`) values as a map; a bare key maps to "".
pub fn key_values(values: &[String]) -> std::collections::BTreeMap<String, String> {
    values
        .iter()
        .map(|l| {
            l.split_once('=')
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .unwrap_or((l.clone(), String::new()))
        })
        .collect()
}

pub use rdock::filters::parse_filters;

pub fn confirm(warning: &str) -> bool {
    use std::io::Write;
    print!("{warning}\nAre you sure you want to continue? [y/N] ");
    let _ = std::io::stdout().flush();
    let mut answer = String::new();
    let _ = std::io::stdin().read_line(&mut answer);
    matches!(answer.trim().to_ascii_lowercase().as_str(), "y" | "yes")
}

/// A prune's `Deleted X:` section: a line each, then a blank line; nothing
/// when nothing went.
pub fn print_deleted(title: &str, items: &[String]) {
    if items.is_empty() {
        return;
    }
    println!("{title}");
    for i in items {
        println!("{i}");
    }
    println!();
}

#[cfg(test)]
mod tests {
    #[test]
    fn version_flag_names_the_engine_version_rdock_answers_for() {
        let v = super::command().get_version().unwrap_or_default().to_string();
        assert!(v.starts_with(&format!("version {}, build rdock-", rdock::api::ENGINE_VERSION)), "{v}");
    }
}

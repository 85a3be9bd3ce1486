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
    // Anonymous volumes do not exist yet, so -v has nothing more to remove.
    let _ = a.volumes;
    super::for_each(&a.containers, |name| engine.remove(name, a.force).map(|_| Some(name.to_string())))
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

pub fn rename(engine: &Engine, a: RenameArgs) -> i32 {
    match engine.rename(&a.container, &a.new_name) {
        Ok(()) => 0,
        Err(e) => super::fail(&e),
    }
}

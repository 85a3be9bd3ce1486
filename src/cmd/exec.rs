//! `exec` and `attach`.

use std::path::PathBuf;

use clap::Args;
use rdock::runtime::exec::ExecOptions;
use rdock::runtime::stdio::{self, AttachEnd, AttachOptions};
use rdock::Engine;

#[derive(Args, Debug)]
pub struct ExecArgs {
    /// Detached mode: run command in the background
    #[arg(short = 'd', long)]
    detach: bool,
    /// Override the key sequence for detaching a container
    #[arg(long = "detach-keys")]
    detach_keys: Option<String>,
    /// Set environment variables
    #[arg(short = 'e', long = "env", value_name = "list", value_parser = super::valid_env)]
    env: Vec<String>,
    /// Read in a file of environment variables
    #[arg(long = "env-file", value_name = "list")]
    env_file: Vec<PathBuf>,
    /// Keep STDIN open even if not attached
    #[arg(short = 'i', long)]
    interactive: bool,
    /// Give extended privileges to the command
    #[arg(long)]
    privileged: bool,
    /// Allocate a pseudo-TTY
    #[arg(short = 't', long)]
    tty: bool,
    /// Username or UID (format: "<name|uid>[:<group|gid>]")
    #[arg(short = 'u', long)]
    user: Option<String>,
    /// Working directory inside the container
    #[arg(short = 'w', long)]
    workdir: Option<String>,
    #[arg(value_name = "CONTAINER")]
    container: String,
    #[arg(
        required = true,
        trailing_var_arg = true,
        allow_hyphen_values = true,
        value_name = "COMMAND [ARG...]"
    )]
    command: Vec<String>,
}

#[derive(Args, Debug)]
pub struct AttachArgs {
    /// Override the key sequence for detaching a container
    #[arg(long = "detach-keys")]
    detach_keys: Option<String>,
    /// Do not attach STDIN
    #[arg(long = "no-stdin")]
    no_stdin: bool,
    /// Proxy all received signals to the process
    #[arg(long = "sig-proxy", default_value_t = true, action = clap::ArgAction::Set, num_args = 0..=1, default_missing_value = "true")]
    sig_proxy: bool,
    #[arg(value_name = "CONTAINER")]
    container: String,
}

pub fn exec(engine: &Engine, a: ExecArgs) -> i32 {
    if a.tty && a.interactive && !a.detach && !stdio::is_terminal(0) {
        eprintln!("the input device is not a TTY");
        return 1;
    }
    let mut env = match super::read_env_files(&a.env_file) {
        Ok(e) => e,
        Err(e) => return super::fail(&e),
    };
    env.extend(a.env.iter().filter_map(|e| super::env_entry(e)));
    let opts = ExecOptions {
        cmd: a.command.clone(),
        env,
        user: a.user.clone(),
        workdir: a.workdir.clone(),
        tty: a.tty,
        interactive: a.interactive,
        detach: a.detach,
        privileged: a.privileged,
    };
    match engine.exec(&a.container, &opts) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("Error response from daemon: {e}");
            e.exit_code().unwrap_or(1)
        }
    }
}

pub fn attach(engine: &Engine, a: AttachArgs) -> i32 {
    let (rec, stream) = match engine.attach(&a.container) {
        Ok(x) => x,
        Err(e) => return super::fail(&e),
    };
    let stdin = rec.config.open_stdin && !a.no_stdin;
    let opts = match AttachOptions::new(stdin, rec.config.tty, a.sig_proxy, a.detach_keys.as_deref()) {
        Ok(o) => AttachOptions { send_size: true, ..o },
        Err(e) => return super::fail(&e),
    };
    match stdio::attach_stream(stream, &opts) {
        Ok(AttachEnd::Exited(code)) => code,
        Ok(AttachEnd::Detached) => {
            eprintln!("read escape sequence");
            0
        }
        Err(e) => {
            eprintln!("Error: {e}");
            1
        }
    }
}

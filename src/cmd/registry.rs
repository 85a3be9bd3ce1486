//! `login` and `logout`.

use std::io::{BufRead, IsTerminal, Write};

use clap::Args;
use rdock::image::auth::Credentials;
use rdock::Engine;

#[derive(Args, Debug)]
pub struct LoginArgs {
    /// Username
    #[arg(short = 'u', long)]
    username: Option<String>,
    /// Password
    #[arg(short = 'p', long)]
    password: Option<String>,
    /// Take the password from stdin
    #[arg(long = "password-stdin")]
    password_stdin: bool,
    /// Require HTTPS and verify certificates (default: except for loopback and insecure registries)
    #[arg(long = "tls-verify", num_args = 0..=1, default_missing_value = "true", action = clap::ArgAction::Set)]
    tls_verify: Option<bool>,
    #[arg(value_name = "SERVER")]
    server: Option<String>,
}

pub fn login(engine: &Engine, a: LoginArgs) -> i32 {
    let creds = match credentials(&a) {
        Ok(c) => c,
        Err(msg) => {
            eprintln!("Error: {msg}");
            return 1;
        }
    };
    if a.password.is_some() {
        eprintln!("WARNING! Using --password via the CLI is insecure. Use --password-stdin.");
    }
    match engine.login(a.server.as_deref().unwrap_or(""), creds, super::image::tls_verify(a.tls_verify)) {
        Ok(_) => {
            println!("Login Succeeded");
            0
        }
        Err(e) => super::fail(&e),
    }
}

fn credentials(a: &LoginArgs) -> Result<Credentials, String> {
    if a.password_stdin && a.password.is_some() {
        return Err("--password and --password-stdin are mutually exclusive".into());
    }
    let mut username = a.username.clone().unwrap_or_default();
    let mut password = a.password.clone().unwrap_or_default();
    if a.password_stdin {
        if username.is_empty() {
            return Err("Must provide --username with --password-stdin".into());
        }
        let mut data = Vec::new();
        std::io::Read::read_to_end(&mut std::io::stdin(), &mut data).map_err(|e| e.to_string())?;
        password = String::from_utf8_lossy(&data).trim_end_matches(['\n', '\r']).to_string();
    }
    if username.is_empty() {
        username = prompt("Username: ")?;
    }
    if password.is_empty() && !a.password_stdin {
        password = prompt_password("Password: ")?;
    }
    if username.is_empty() {
        return Err("Username is required".into());
    }
    if password.is_empty() {
        return Err("Password is required".into());
    }
    Ok(Credentials { username, secret: password })
}

fn prompt(text: &str) -> Result<String, String> {
    if !std::io::stdin().is_terminal() {
        return Err("Cannot perform an interactive login from a non TTY device".into());
    }
    print!("{text}");
    let _ = std::io::stdout().flush();
    let mut line = String::new();
    std::io::stdin().lock().read_line(&mut line).map_err(|e| e.to_string())?;
    Ok(line.trim().to_string())
}

/// Reads a line with echo off.
fn prompt_password(text: &str) -> Result<String, String> {
    use nix::sys::termios::{tcgetattr, tcsetattr, LocalFlags, SetArg};
    if !std::io::stdin().is_terminal() {
        return Err("Cannot perform an interactive login from a non TTY device".into());
    }
    let stdin = std::io::stdin();
    let saved = tcgetattr(&stdin).map_err(|e| e.to_string())?;
    let mut quiet = saved.clone();
    quiet.local_flags.remove(LocalFlags::ECHO);
    let _ = tcsetattr(&stdin, SetArg::TCSANOW, &quiet);
    print!("{text}");
    let _ = std::io::stdout().flush();
    let mut line = String::new();
    let read = stdin.lock().read_line(&mut line);
    let _ = tcsetattr(&stdin, SetArg::TCSANOW, &saved);
    println!();
    read.map_err(|e| e.to_string())?;
    Ok(line.trim_end_matches(['\n', '\r']).to_string())
}

#[derive(Args, Debug)]
pub struct LogoutArgs {
    #[arg(value_name = "SERVER")]
    server: Option<String>,
}

pub fn logout(engine: &Engine, a: LogoutArgs) -> i32 {
    match engine.logout(a.server.as_deref().unwrap_or("")) {
        Ok((domain, found)) => {
            let shown = rdock::image::auth::server_key(&domain);
            if found {
                println!("Removing login credentials for {shown}");
            } else {
                println!("Not logged in to {shown}");
            }
            0
        }
        Err(e) => super::fail(&e),
    }
}

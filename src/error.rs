//! The engine's error type. The CLI maps these to Docker's exit codes.

use std::path::PathBuf;

pub type Result<T, E = Error> = std::result::Result<T, E>;

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("No such container: {0}")]
    NoSuchContainer(String),
    #[error("No such image: {0}")]
    NoSuchImage(String),
    #[error("get {0}: no such volume")]
    NoSuchVolume(String),
    #[error("network {0} not found")]
    NoSuchNetwork(String),
    #[error("{0}")]
    Network(String),
    #[error("No such object: {0}")]
    NoSuchObject(String),
    #[error("{0}")]
    Conflict(String),
    #[error("{0}")]
    InvalidArgument(String),
    /// A bad flag value, refused before anything is made: Docker's CLI (pflag)
    /// wording, printed as is rather than as a daemon's answer.
    #[error("invalid argument \"{value}\" for \"{flag}\" flag: {why}")]
    Flag { flag: String, value: String, why: String },
    /// A bad command line found after flag parsing (Docker prints "docker: …").
    #[error("{0}")]
    Usage(String),
    /// A `--format` template that failed, in the command's own words, with
    /// its exit status (a parse error of inspect's exits 64).
    #[error("{msg}")]
    Template { msg: String, code: i32 },
    #[error("invalid reference format: {0}")]
    InvalidReference(String),
    /// The container's command could not be found (exit code 127).
    #[error("{0}")]
    CommandNotFound(String),
    /// The container's command exists but cannot be run (exit code 126).
    #[error("{0}")]
    CommandNotExecutable(String),
    #[error("container {0} is not running")]
    NotRunning(String),
    #[error("{0}")]
    Registry(String),
    #[error("{0}")]
    Layer(String),
    #[error("{0}")]
    Runtime(String),
    #[error("{context}: {source}")]
    Io {
        context: String,
        #[source]
        source: std::io::Error,
    },
    #[error("{path}: {source}")]
    Json {
        path: PathBuf,
        #[source]
        source: serde_json::Error,
    },
}

impl Error {
    pub fn io(context: impl Into<String>, source: std::io::Error) -> Self {
        Error::Io { context: context.into(), source }
    }

    /// A bad value for `flag` (as Docker names it: "-e, --env", "--cpus").
    pub fn flag(flag: &str, value: &str, why: impl std::fmt::Display) -> Self {
        Error::Flag { flag: flag.into(), value: value.into(), why: why.to_string() }
    }

    /// The object named does not exist (what `rm -f` and the like shrug off).
    pub fn is_not_found(&self) -> bool {
        matches!(self, Error::NoSuchContainer(_) | Error::NoSuchImage(_) | Error::NoSuchVolume(_))
    }

    /// Docker's exit code for a container process that never started.
    pub fn exit_code(&self) -> Option<i32> {
        match self {
            Error::CommandNotFound(_) => Some(127),
            Error::CommandNotExecutable(_) => Some(126),
            _ => None,
        }
    }
}

/// Adds a context string to `std::io::Result`s, producing an engine error.
pub trait IoContext<T> {
    fn ctx(self, context: impl FnOnce() -> String) -> Result<T>;
}

impl<T> IoContext<T> for std::io::Result<T> {
    fn ctx(self, context: impl FnOnce() -> String) -> Result<T> {
        self.map_err(|e| Error::io(context(), e))
    }
}

impl<T> IoContext<T> for nix::Result<T> {
    fn ctx(self, context: impl FnOnce() -> String) -> Result<T> {
        self.map_err(|e| Error::io(context(), std::io::Error::from(e)))
    }
}

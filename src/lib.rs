#![recursion_limit = "256"]
//! rdock: a daemonless, Docker-compatible container engine.
//!
//! The CLI (`src/cmd`) parses flags and prints; everything it does goes through
//! [`engine::Engine`], which drives the runtime, image, network and storage layers.
//! Data flows one way: cmd → engine → runtime/image/net → storage.

pub mod api;
pub mod build;
pub mod config;
pub mod debug;
pub mod engine;
pub mod error;
pub mod filters;
pub mod format;
pub mod image;
pub mod net;
#[cfg(test)]
mod prop;
pub mod runtime;
pub mod storage;
pub mod template;
pub mod util;

pub use engine::Engine;
pub use error::{Error, Result};

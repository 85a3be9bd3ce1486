//! `config.toml`: parsed or refused, and its layer size limit read, never a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(s) = std::str::from_utf8(data) else { return };
    if let Ok(c) = rdock::config::Config::parse(s) {
        let _ = c.max_layer_size();
    }
});

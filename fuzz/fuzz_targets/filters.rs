//! `--filter` values: a key outside the allowed ones is refused, never a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;

const ALLOWED: &[&str] = &["name", "id", "driver", "label", "label!", "type", "scope", "dangling"];

fuzz_target!(|data: &[u8]| {
    let Ok(s) = std::str::from_utf8(data) else { return };
    let values: Vec<String> = s.split('\n').map(str::to_string).collect();
    match rdock::filters::parse_filters(&values, ALLOWED) {
        Ok(pairs) => {
            assert_eq!(pairs.len(), values.len());
            for ((k, v), raw) in pairs.iter().zip(&values) {
                assert!(ALLOWED.contains(&k.as_str()));
                assert!(raw == k || *raw == format!("{k}={v}"));
            }
        }
        Err(_) => {
            assert!(values.iter().any(|f| !ALLOWED.contains(&f.split_once('=').map_or(f.as_str(), |p| p.0))))
        }
    }
});

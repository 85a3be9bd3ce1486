//! `-v` and `--mount` specs: refused with an error, or a mount point that is
//! never the root and reads back the same when printed as a `-v` spec.
#![no_main]

use libfuzzer_sys::fuzz_target;
use rdock::runtime::mounts::{parse_mount, parse_volume};

fuzz_target!(|data: &[u8]| {
    let Ok(s) = std::str::from_utf8(data) else { return };
    if let Ok(m) = parse_volume(s) {
        assert!(m.destination.starts_with('/') && m.destination != "/", "{s:?} -> {m:?}");
        let spec = match (m.source.as_str(), m.mode.as_str()) {
            ("", "") => m.destination.clone(),
            ("", mode) => format!("{}:{mode}", m.destination),
            (src, "") => format!("{src}:{}", m.destination),
            (src, mode) => format!("{src}:{}:{mode}", m.destination),
        };
        let again = parse_volume(&spec).unwrap_or_else(|e| panic!("{spec:?} (from {s:?}): {e}"));
        assert_eq!(format!("{again:?}"), format!("{m:?}"), "{spec:?} from {s:?}");
    }
    if let Ok(m) = parse_mount(s) {
        assert!(m.destination.starts_with('/') && m.destination != "/", "{s:?} -> {m:?}");
    }
});

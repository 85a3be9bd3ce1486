//! Byte sizes (`--memory`, `tmpfs-size`, `max-layer-size`): an error or a
//! non-negative count, never a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(s) = std::str::from_utf8(data) else { return };
    if let Ok(n) = rdock::format::parse_bytes(s) {
        assert!(n >= 0, "{s:?} -> {n}");
        // A count of bytes reads back as itself.
        assert_eq!(rdock::format::parse_bytes(&n.to_string()).ok(), Some(n), "{s:?} -> {n}");
    }
});

//! `-p` specs: refused or turned into bindings that print back to the same spec.
#![no_main]

use libfuzzer_sys::fuzz_target;
use rdock::net::ports::parse_publish;

fuzz_target!(|data: &[u8]| {
    let Ok(s) = std::str::from_utf8(data) else { return };
    let Ok(bindings) = parse_publish(s) else { return };
    assert!(!bindings.is_empty(), "{s:?}");
    for b in &bindings {
        assert!(b.container_port != 0);
        assert!(b.proto == "tcp" || b.proto == "udp");
        // Each binding, printed as a one-port spec, parses back to itself.
        let mut spec = String::new();
        if !b.host_ip.is_empty() {
            spec.push_str(&format!("{}:", b.host_ip));
        }
        if b.host_port != 0 {
            spec.push_str(&format!("{}:", b.host_port));
        } else if !b.host_ip.is_empty() {
            spec.push(':');
        }
        spec.push_str(&format!("{}/{}", b.container_port, b.proto));
        let again = parse_publish(&spec).unwrap_or_else(|e| panic!("{spec:?} (from {s:?}): {e}"));
        assert_eq!(again, vec![b.clone()], "{spec:?} from {s:?}");
    }
});

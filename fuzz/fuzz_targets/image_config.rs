//! Image configs, manifests and indexes from registry bytes, and `--platform`.
#![no_main]

use libfuzzer_sys::fuzz_target;
use rdock::image::config::{host_platform, parse_platform, AnyManifest, Descriptor, ImageConfig, Platform};

fuzz_target!(|data: &[u8]| {
    if let Ok(c) = serde_json::from_slice::<ImageConfig>(data) {
        // What we store is what we read: it serialises and reads back.
        let bytes = serde_json::to_vec(&c).expect("an ImageConfig serialises");
        let back: ImageConfig = serde_json::from_slice(&bytes).expect("a serialised ImageConfig reads back");
        assert_eq!(serde_json::to_vec(&back).unwrap(), bytes);
    }
    if let Ok(m) = serde_json::from_slice::<AnyManifest>(data) {
        let _ = m.is_index();
        let host = host_platform();
        for d in m.manifests.iter().flatten() {
            if let Some(p) = &d.platform {
                let _ = host.matches(p);
                let _ = p.to_string();
            }
            let _ = rdock::storage::blobs::digest_hex(&d.digest);
        }
        for d in m.layers.iter().flatten().chain(m.config.as_ref()) {
            let _ = rdock::storage::blobs::digest_hex(&d.digest);
        }
    }
    let _ = serde_json::from_slice::<Descriptor>(data);
    if let Ok(s) = std::str::from_utf8(data) {
        if let Ok(p) = parse_platform(s) {
            let again: Platform = parse_platform(&p.to_string()).expect("a parsed platform prints parseably");
            assert!(again.matches(&p) && p.matches(&again), "{s:?}");
        }
    }
});

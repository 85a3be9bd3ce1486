//! The layer unpacker's path check: a cleaned path is relative, has only
//! normal components, and is refused rather than escaping.
#![no_main]

use std::os::unix::ffi::OsStrExt;
use std::path::{Component, Path};

use libfuzzer_sys::fuzz_target;
use rdock::storage::layer::clean_path;

fuzz_target!(|data: &[u8]| {
    let Some(p) = clean_path(data) else {
        // Refused: the input had a root or a `..` component.
        let comps = Path::new(std::ffi::OsStr::from_bytes(data)).components();
        assert!(comps.into_iter().any(|c| matches!(c, Component::RootDir | Component::ParentDir)));
        return;
    };
    assert!(!p.is_absolute(), "{p:?}");
    assert!(p.components().all(|c| matches!(c, Component::Normal(_))), "{p:?}");
    assert!(!p.as_os_str().as_bytes().split(|b| *b == b'/').any(|c| c == b".." || c == b"."), "{p:?}");
    // Joined under a root it stays under that root, and cleaning is idempotent.
    let root = Path::new("/layer/root");
    assert!(root.join(&p).starts_with(root));
    assert_eq!(clean_path(p.as_os_str().as_bytes()).as_deref(), Some(p.as_path()));
});

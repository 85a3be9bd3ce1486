//! Image references: parsing never panics, and what a parsed reference prints
//! parses back to the same reference.
#![no_main]

use libfuzzer_sys::fuzz_target;
use rdock::image::reference::{familiar, Reference};

fuzz_target!(|data: &[u8]| {
    let Ok(s) = std::str::from_utf8(data) else { return };
    let Ok(r) = Reference::parse(s) else { return };
    let _ = r.is_local_registry();

    // Display: name[:tag][@digest]
    let again = Reference::parse(&r.to_string()).expect("a parsed reference's Display parses");
    assert_eq!(again, r, "Display round trip of {s:?}");

    let name = Reference::parse(&r.name()).expect("name() parses");
    assert_eq!((&name.domain, &name.path), (&r.domain, &r.path), "name() of {s:?}");
    assert_eq!(name.tag, None);
    assert_eq!(name.digest, None);

    if let Some(t) = r.tagged_name() {
        assert_eq!(Reference::parse(&t).expect("tagged_name() parses").tag, r.tag);
    }
    if let Some(d) = r.digested_name() {
        assert_eq!(Reference::parse(&d).expect("digested_name() parses").digest, r.digest);
    }

    // The familiar (short) form names the same repository, except where Docker's
    // own short form is ambiguous: docker.io/foo.bar/x prints as foo.bar/x.
    let fam = r.familiar_name();
    assert_eq!(familiar(&r.name()), fam);
    if !r.familiar_is_ambiguous() {
        let f = Reference::parse(&fam).expect("familiar_name() parses");
        assert_eq!(f.name(), r.name(), "familiar_name() of {s:?}");
        let ft = Reference::parse(&r.familiar_name_with_tag()).expect("familiar_name_with_tag() parses");
        assert_eq!(ft, r, "familiar_name_with_tag() of {s:?}");
    }

    let d = r.clone().with_default_tag();
    assert!(d.tag.is_some() || d.digest.is_some());
});

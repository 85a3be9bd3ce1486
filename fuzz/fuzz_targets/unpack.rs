//! The layer unpacker on raw (fuzzed) tar bytes: an error or a tree inside its
//! root, never a panic or a write outside.
#![no_main]

mod unpack_common;

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    unpack_common::check_unpack(data);
});

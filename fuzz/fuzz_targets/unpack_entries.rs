//! The layer unpacker on well-formed tars whose entries are fuzzed: names made
//! of a few components (`..`, `.wh.` whiteouts, the opaque marker, …) so that
//! entries collide, symlinks and hardlinks pointing in and out, directories
//! replaced by files. The tar checksums are right, so the fuzzer reaches the
//! unpacker's own logic rather than the tar reader's refusals.
#![no_main]

mod unpack_common;

use libfuzzer_sys::fuzz_target;
use tar::{EntryType, Header};

const COMPS: &[&[u8]] = &[
    b"a",
    b"b",
    b"c",
    b"..",
    b".",
    b"",
    b".wh.a",
    b".wh.b",
    b".wh..wh..opq",
    b".wh..",
    b".wh.",
    b"outside",
    b"file",
    b"dir",
    b"/",
];
const LINKS: &[&[u8]] = &[
    b"a",
    b"a/b",
    b"../outside",
    b"../outside/file",
    b"/",
    b"/etc/passwd",
    b"..",
    b".",
    b"b/../..",
    b"a/c",
    b"../../",
    b"c",
];
const KINDS: &[EntryType] = &[
    EntryType::Regular,
    EntryType::Directory,
    EntryType::Symlink,
    EntryType::Link,
    EntryType::Fifo,
    EntryType::Char,
    EntryType::Block,
    EntryType::Continuous,
];

struct Input<'a>(&'a [u8]);

impl Input<'_> {
    fn byte(&mut self) -> Option<u8> {
        let (b, rest) = self.0.split_first()?;
        self.0 = rest;
        Some(*b)
    }
    /// A path of up to four components from `COMPS`.
    fn path(&mut self) -> Option<Vec<u8>> {
        let n = self.byte()? % 4 + 1;
        let mut p = Vec::new();
        for i in 0..n {
            if i > 0 {
                p.push(b'/');
            }
            p.extend_from_slice(COMPS[self.byte()? as usize % COMPS.len()]);
        }
        Some(p)
    }
}

fn build(data: &[u8]) -> Vec<u8> {
    let mut input = Input(data);
    let mut out = Vec::new();
    while let Some(kind) = input.byte() {
        let Some(name) = input.path() else { break };
        let link = match input.byte() {
            Some(b) if b & 0x80 != 0 => input.path().unwrap_or_default(),
            Some(b) => LINKS[b as usize % LINKS.len()].to_vec(),
            None => break,
        };
        let size = input.byte().unwrap_or(0) as usize % 32;
        let mode = u32::from(input.byte().unwrap_or(0o64)) * 8;
        let mut h = Header::new_gnu();
        h.set_entry_type(KINDS[kind as usize % KINDS.len()]);
        h.set_mode(mode);
        h.set_size(size as u64);
        h.set_mtime(1);
        // Raw bytes: set_path would refuse the very names under test.
        let raw = h.as_old_mut();
        raw.name[..name.len().min(100)].copy_from_slice(&name[..name.len().min(100)]);
        raw.linkname[..link.len().min(100)].copy_from_slice(&link[..link.len().min(100)]);
        h.set_cksum();
        out.extend_from_slice(h.as_bytes());
        let mut body = vec![b'x'; size];
        body.resize(size.div_ceil(512) * 512, 0);
        out.extend_from_slice(&body);
    }
    out.extend_from_slice(&[0; 1024]);
    out
}

fuzz_target!(|data: &[u8]| {
    unpack_common::check_unpack(&build(data));
});

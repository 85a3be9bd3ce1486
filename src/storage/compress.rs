//! Layer compression: gzip and zstd recognised by their magic bytes on the way
//! in; gzip on the way out (what registries and other tools read everywhere).

use std::io::{self, Read};

use ruzstd::decoding::errors::{FrameDecoderError, ReadFrameHeaderError};
use ruzstd::decoding::{BlockDecodingStrategy, FrameDecoder};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Compression {
    None,
    Gzip,
    Zstd,
}

/// Wraps `source` in the decompressor its first bytes call for.
pub fn decompressed<'a, R: Read + 'a>(mut source: R) -> io::Result<(Compression, Box<dyn Read + 'a>)> {
    let mut head = [0u8; 4];
    let n = read_up_to(&mut source, &mut head)?;
    let chained = io::Read::chain(io::Cursor::new(head[..n].to_vec()), source);
    Ok(if n >= 2 && head[..2] == [0x1f, 0x8b] {
        (Compression::Gzip, Box::new(flate2::read::MultiGzDecoder::new(chained)))
    } else if n == 4 && head == [0x28, 0xb5, 0x2f, 0xfd] {
        (Compression::Zstd, Box::new(ZstdReader::new(chained)))
    } else {
        (Compression::None, Box::new(chained))
    })
}

/// Whether `r` starts with a tar header (its `ustar` magic), decompressed.
pub fn starts_tar(mut r: &mut dyn Read) -> bool {
    let mut head = [0u8; 512];
    matches!(read_up_to(&mut r, &mut head), Ok(512)) && &head[257..262] == b"ustar"
}

pub fn read_up_to<R: Read>(r: &mut R, buf: &mut [u8]) -> io::Result<usize> {
    let mut n = 0;
    while n < buf.len() {
        match r.read(&mut buf[n..]) {
            Ok(0) => break,
            Ok(k) => n += k,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
    Ok(n)
}

/// A zstd stream of any number of frames (skippable ones skipped, as
/// zstd:chunked layers have them).
pub struct ZstdReader<R> {
    source: R,
    decoder: FrameDecoder,
    in_frame: bool,
}

impl<R: Read> ZstdReader<R> {
    pub fn new(source: R) -> Self {
        ZstdReader { source, decoder: FrameDecoder::new(), in_frame: false }
    }
}

fn zstd_err(e: FrameDecoderError) -> io::Error {
    io::Error::new(io::ErrorKind::InvalidData, format!("zstd: {e}"))
}

impl<R: Read> Read for ZstdReader<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        loop {
            if self.in_frame {
                if self.decoder.can_collect() > 0 {
                    return self.decoder.read(buf);
                }
                if self.decoder.is_finished() {
                    self.in_frame = false;
                    continue;
                }
                self.decoder
                    .decode_blocks(&mut self.source, BlockDecodingStrategy::UptoBlocks(1))
                    .map_err(zstd_err)?;
                continue;
            }
            let mut first = [0u8; 1];
            if read_up_to(&mut self.source, &mut first)? == 0 {
                return Ok(0);
            }
            match self.decoder.init(Read::chain(&first[..], &mut self.source)) {
                Ok(()) => self.in_frame = true,
                Err(FrameDecoderError::ReadFrameHeaderError(ReadFrameHeaderError::SkipFrame {
                    length,
                    ..
                })) => {
                    let skipped = io::copy(&mut (&mut self.source).take(length as u64), &mut io::sink())?;
                    if skipped != length as u64 {
                        return Err(io::Error::new(io::ErrorKind::UnexpectedEof, "zstd: truncated frame"));
                    }
                }
                Err(e) => return Err(zstd_err(e)),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    // Two frames and a skippable one, made by `zstd` 1.5 from "hello " and "world".
    const TWO_FRAMES: &[u8] = &[
        0x28, 0xb5, 0x2f, 0xfd, 0x04, 0x58, 0x31, 0x00, 0x00, 0x68, 0x65, 0x6c, 0x6c, 0x6f, 0x20, 0xd2, 0x3b,
        0xe1, 0xa9, // frame 1
        0x50, 0x2a, 0x4d, 0x18, 0x03, 0x00, 0x00, 0x00, 0x61, 0x62, 0x63, // skippable
        0x28, 0xb5, 0x2f, 0xfd, 0x04, 0x58, 0x29, 0x00, 0x00, 0x77, 0x6f, 0x72, 0x6c, 0x64, 0xef, 0x51, 0xee,
        0x66, // frame 2
    ];

    #[test]
    fn zstd_frames() {
        let (kind, mut r) = decompressed(TWO_FRAMES).unwrap();
        assert_eq!(kind, Compression::Zstd);
        let mut out = String::new();
        r.read_to_string(&mut out).unwrap();
        assert_eq!(out, "hello world");
    }

    #[test]
    fn plain_passes_through() {
        let (kind, mut r) = decompressed(&b"ab"[..]).unwrap();
        assert_eq!(kind, Compression::None);
        let mut out = Vec::new();
        r.read_to_end(&mut out).unwrap();
        assert_eq!(out, b"ab");
    }
}

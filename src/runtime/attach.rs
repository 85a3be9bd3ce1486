//! The attach protocol between a client (the CLI) and a container's supervisor:
//! length-prefixed frames over a unix stream socket.

use std::io::{Read, Write};

pub const STDIN: u8 = 0;
pub const STDOUT: u8 = 1;
pub const STDERR: u8 = 2;
/// Server → client: the container exited; payload is the exit code (i32, big endian).
pub const EXIT: u8 = 3;
/// Client → server: no more input.
pub const STDIN_CLOSE: u8 = 4;
/// Client → server: terminal size (rows u16, cols u16).
pub const RESIZE: u8 = 5;
/// Client → server: deliver this signal (i32) to the container.
pub const SIGNAL: u8 = 6;

const MAX_FRAME: usize = 1 << 20;

pub fn write_frame<W: Write>(w: &mut W, kind: u8, data: &[u8]) -> std::io::Result<()> {
    let mut buf = Vec::with_capacity(5 + data.len());
    buf.push(kind);
    buf.extend_from_slice(&(data.len() as u32).to_be_bytes());
    buf.extend_from_slice(data);
    w.write_all(&buf)
}

/// Reads one frame; `None` at a clean end of stream.
pub fn read_frame<R: Read>(r: &mut R) -> std::io::Result<Option<(u8, Vec<u8>)>> {
    let mut head = [0u8; 5];
    let mut got = 0;
    while got < head.len() {
        match r.read(&mut head[got..]) {
            Ok(0) if got == 0 => return Ok(None),
            Ok(0) => return Err(std::io::ErrorKind::UnexpectedEof.into()),
            Ok(n) => got += n,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
    let len = u32::from_be_bytes([head[1], head[2], head[3], head[4]]) as usize;
    if len > MAX_FRAME {
        return Err(std::io::Error::new(std::io::ErrorKind::InvalidData, "attach frame too large"));
    }
    let mut data = vec![0u8; len];
    r.read_exact(&mut data)?;
    Ok(Some((head[0], data)))
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MalformedFrame;

/// Incremental frame parser for the supervisor's non-blocking reads.
#[derive(Default)]
pub struct FrameBuffer {
    buf: Vec<u8>,
}

impl FrameBuffer {
    pub fn push(&mut self, data: &[u8]) {
        self.buf.extend_from_slice(data);
    }

    /// The next complete frame, if one has arrived. `Err` on a malformed stream.
    pub fn next_frame(&mut self) -> Result<Option<(u8, Vec<u8>)>, MalformedFrame> {
        if self.buf.len() < 5 {
            return Ok(None);
        }
        let len = u32::from_be_bytes([self.buf[1], self.buf[2], self.buf[3], self.buf[4]]) as usize;
        if len > MAX_FRAME {
            return Err(MalformedFrame);
        }
        if self.buf.len() < 5 + len {
            return Ok(None);
        }
        let kind = self.buf[0];
        let data = self.buf[5..5 + len].to_vec();
        self.buf.drain(..5 + len);
        Ok(Some((kind, data)))
    }
}

pub fn resize_payload(rows: u16, cols: u16) -> Vec<u8> {
    let mut v = rows.to_be_bytes().to_vec();
    v.extend_from_slice(&cols.to_be_bytes());
    v
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn frames_round_trip_in_pieces() {
        let mut wire = Vec::new();
        write_frame(&mut wire, STDOUT, b"hello").unwrap();
        write_frame(&mut wire, EXIT, &7i32.to_be_bytes()).unwrap();
        let mut fb = FrameBuffer::default();
        let mut frames = Vec::new();
        for b in &wire {
            fb.push(std::slice::from_ref(b));
            while let Some(f) = fb.next_frame().unwrap() {
                frames.push(f);
            }
        }
        assert_eq!(frames, vec![(STDOUT, b"hello".to_vec()), (EXIT, 7i32.to_be_bytes().to_vec())]);
        let mut r = &wire[..];
        assert_eq!(read_frame(&mut r).unwrap(), Some((STDOUT, b"hello".to_vec())));
    }
}

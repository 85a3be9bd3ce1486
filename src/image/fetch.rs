//! Downloading one blob: exactly the bytes its descriptor declares, resumed with
//! a Range request after a transient failure.

use bytes::Bytes;
use reqwest::{Response, StatusCode};

use super::config::Descriptor;
use super::registry::Registry;
use super::transfer::{self, Failure, Retry, SpeedFloor};
use crate::error::Result;

/// A blob's bytes in order, as many as its descriptor says; the caller checks
/// the digest over all of them.
pub struct BlobStream<'a> {
    reg: &'a Registry,
    repo: &'a str,
    digest: &'a str,
    size: u64,
    /// `layer sha256:… from host/repo`, for messages.
    what: String,
    done: u64,
    /// Bytes a plain 200 answer repeats when the registry ignored our Range.
    skip: u64,
    resp: Option<Response>,
    retry: Retry,
    /// Small documents must keep up a minimum speed.
    floor: Option<SpeedFloor>,
}

impl<'a> BlobStream<'a> {
    pub fn new(reg: &'a Registry, repo: &'a str, kind: &str, desc: &'a Descriptor) -> BlobStream<'a> {
        BlobStream {
            reg,
            repo,
            digest: &desc.digest,
            size: desc.size,
            what: format!("{kind} {} from {}", desc.digest, reg.source(repo)),
            done: 0,
            skip: 0,
            resp: None,
            retry: Retry::new(reg.limits()),
            floor: None,
        }
    }

    /// Holds the blob to the speed floor of small documents.
    pub fn small(mut self) -> Self {
        self.floor = Some(SpeedFloor::new(self.reg.limits()));
        self
    }

    /// The next bytes; `None` once all the declared ones have come.
    pub async fn next(&mut self) -> Result<Option<Bytes>> {
        loop {
            match self.try_next().await {
                Ok(c) => return Ok(c),
                Err(f) if f.transient && self.retry.again(&f.error, None).await => self.resp = None,
                Err(f) => return Err(self.retry.give_up(f.error)),
            }
        }
    }

    async fn try_next(&mut self) -> std::result::Result<Option<Bytes>, Failure> {
        loop {
            if self.done == self.size && self.size > 0 {
                // Whatever else the registry would send is not ours to read.
                return Ok(None);
            }
            if self.resp.is_none() {
                self.open().await?;
            }
            let resp = self.resp.as_mut().expect("opened above");
            let Some(mut c) = transfer::chunk(resp, self.floor.as_mut(), &self.what).await? else {
                if self.done == self.size {
                    return Ok(None); // an empty blob
                }
                return Err(Failure::transient(format!(
                    "{}: the registry sent only {} of the {} bytes its descriptor declares",
                    self.what, self.done, self.size
                )));
            };
            let repeated = self.skip.min(c.len() as u64);
            self.skip -= repeated;
            let _ = c.split_to(repeated as usize);
            if self.done + c.len() as u64 > self.size {
                return Err(Failure::fatal(format!(
                    "{}: the registry sent more than the {} bytes its descriptor declares",
                    self.what, self.size
                )));
            }
            if !c.is_empty() {
                self.done += c.len() as u64;
                return Ok(Some(c));
            }
        }
    }

    /// (Re)starts the download where we are: a 206 continues there, a 200
    /// starts over and its first bytes are dropped (as containerd does).
    async fn open(&mut self) -> std::result::Result<(), Failure> {
        let resp = self.reg.blob_request(&mut self.retry, self.repo, self.digest, self.done).await?;
        let left = if resp.status() == StatusCode::PARTIAL_CONTENT {
            self.check_range(&resp)?;
            self.skip = 0;
            self.size - self.done
        } else {
            self.skip = self.done;
            self.size
        };
        match resp.content_length() {
            Some(n) if n > left => {
                return Err(Failure::fatal(format!(
                    "{}: the registry announced {n} bytes, more than the {left} its descriptor leaves",
                    self.what
                )))
            }
            Some(n) if n < left => {
                return Err(Failure::fatal(format!(
                    "{}: the registry announced only {n} bytes, short of the {left} its descriptor leaves",
                    self.what
                )))
            }
            _ => {}
        }
        if let Some(floor) = self.floor.as_mut() {
            *floor = SpeedFloor::new(self.reg.limits());
        }
        self.resp = Some(resp);
        Ok(())
    }

    /// A 206 must start where we asked.
    fn check_range(&self, resp: &Response) -> std::result::Result<(), Failure> {
        let range = resp.headers().get(reqwest::header::CONTENT_RANGE).and_then(|v| v.to_str().ok());
        let want = format!("bytes {}-", self.done);
        match range {
            Some(r) if r.starts_with(&want) => Ok(()),
            r => Err(Failure::fatal(format!(
                "{}: asked for bytes from {} on, the registry sent range {}",
                self.what,
                self.done,
                r.unwrap_or("(none)")
            ))),
        }
    }
}

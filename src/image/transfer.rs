//! Reading from a registry that may misbehave: every answer is bounded in size
//! and time, and transient failures are tried again with exponential back-off.
//!
//! Sizes follow Docker: manifests and indexes stop at 4 MiB (distribution's
//! `maxManifestBodySize`, containerd's `MaxManifestSize`); blobs stop at their
//! descriptor's size. Small documents (manifests, configs, tokens) must also
//! arrive faster than a floor, so a trickling server fails instead of hanging.

use std::time::{Duration, Instant};

use reqwest::{Response, StatusCode};

use crate::config::{self, Config};
use crate::error::{Error, Result};

/// Docker's limit for a manifest or an index.
pub const MAX_MANIFEST_SIZE: u64 = 4 << 20;
/// Image configs are read whole into memory too; real ones are a few KiB.
pub const MAX_CONFIG_SIZE: u64 = 8 << 20;
/// Token answers (containers/image allows 1 MiB).
pub const MAX_TOKEN_SIZE: u64 = 1 << 20;
/// Other JSON answers: catalog, search.
pub const MAX_DOCUMENT_SIZE: u64 = 4 << 20;
/// What is kept of an error answer's body.
pub const MAX_ERROR_BODY: u64 = 64 << 10;
/// The longest pause between tries, whatever Retry-After asks.
const MAX_DELAY: Duration = Duration::from_secs(30);

/// Timeouts, speed floor and retries, from config.toml.
#[derive(Debug, Clone)]
pub struct Limits {
    pub connect: Duration,
    /// The longest silence while waiting for or reading an answer.
    pub read: Duration,
    /// Bytes per second a small document must average over `min_speed_time`.
    pub min_speed: u64,
    pub min_speed_time: Duration,
    pub retries: u32,
    pub retry_delay: Duration,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            connect: Duration::from_secs(30),
            read: Duration::from_secs(60),
            min_speed: 1024,
            min_speed_time: Duration::from_secs(10),
            retries: 3,
            retry_delay: Duration::from_millis(500),
        }
    }
}

impl Limits {
    pub fn from_config(c: &Config) -> Result<Limits> {
        let d = Limits::default();
        let min_speed = match &c.registry_min_speed {
            Some(s) => crate::format::parse_bytes(s.trim_end_matches("/s"))?.max(1) as u64,
            None => d.min_speed,
        };
        Ok(Limits {
            connect: config::duration("registry-connect-timeout", &c.registry_connect_timeout, d.connect)?,
            read: config::duration("registry-read-timeout", &c.registry_read_timeout, d.read)?,
            min_speed,
            min_speed_time: config::duration(
                "registry-min-speed-time",
                &c.registry_min_speed_time,
                d.min_speed_time,
            )?,
            retries: c.registry_retries.unwrap_or(d.retries),
            retry_delay: config::duration("registry-retry-delay", &c.registry_retry_delay, d.retry_delay)?,
        })
    }

    pub fn load() -> Result<Limits> {
        Limits::from_config(&Config::load()?)
    }
}

/// A failed try, and whether trying again might help.
#[derive(Debug)]
pub struct Failure {
    pub error: Error,
    pub transient: bool,
}

impl Failure {
    pub fn fatal(msg: String) -> Failure {
        Failure { error: Error::Registry(msg), transient: false }
    }
    pub fn transient(msg: String) -> Failure {
        Failure { error: Error::Registry(msg), transient: true }
    }
}

impl From<Error> for Failure {
    fn from(error: Error) -> Failure {
        Failure { error, transient: false }
    }
}

/// The tries left for one document or blob.
pub struct Retry {
    limits: Limits,
    tries: u32,
}

impl Retry {
    pub fn new(limits: &Limits) -> Retry {
        Retry { limits: limits.clone(), tries: 0 }
    }

    /// Waits before another try after `why`; false once the budget is spent.
    pub async fn again(&mut self, why: &Error, hint: Option<Duration>) -> bool {
        if self.tries >= self.limits.retries {
            return false;
        }
        let backoff = self.limits.retry_delay.saturating_mul(1 << self.tries.min(16));
        let delay = hint.map_or(backoff, |h| h.max(backoff)).min(MAX_DELAY);
        self.tries += 1;
        tracing::debug!("retry {} of {} in {delay:?}: {why}", self.tries, self.limits.retries);
        tokio::time::sleep(delay).await;
        true
    }

    /// The final error, saying how hard we tried.
    pub fn give_up(&self, e: Error) -> Error {
        match e {
            Error::Registry(m) if self.tries > 0 => {
                Error::Registry(format!("{m} (gave up after {} tries)", self.tries + 1))
            }
            e => e,
        }
    }
}

/// Answers worth another try: overload and gateway trouble.
pub fn transient_status(s: StatusCode) -> bool {
    matches!(s.as_u16(), 408 | 429 | 500 | 502 | 503 | 504)
}

/// Retry-After in seconds (the date form is not worth supporting).
pub fn retry_after(resp: &Response) -> Option<Duration> {
    let v = resp.headers().get(reqwest::header::RETRY_AFTER)?.to_str().ok()?;
    v.trim().parse().ok().map(Duration::from_secs)
}

/// Timeouts, refused or reset connections and cut bodies are transient;
/// TLS verdicts are not.
pub fn transient_error(e: &reqwest::Error) -> bool {
    let mut cur: Option<&(dyn std::error::Error + 'static)> = Some(e);
    while let Some(err) = cur {
        // io::Error's source() skips the error it wraps: look inside.
        let inner = err.downcast_ref::<std::io::Error>().and_then(|io| io.get_ref());
        if err.is::<rustls::Error>() || inner.is_some_and(|i| i.is::<rustls::Error>()) {
            return false;
        }
        cur = err.source();
    }
    // No content decoding is enabled, so a "decode" error is a cut body.
    e.is_timeout() || e.is_connect() || e.is_body() || e.is_decode() || e.is_request()
}

/// The error chain in one line.
pub fn describe(e: &reqwest::Error) -> String {
    let mut msg = e.to_string();
    let mut cur = std::error::Error::source(e);
    while let Some(s) = cur {
        msg = format!("{msg}: {s}");
        cur = s.source();
    }
    msg
}

/// Fails a transfer that averages less than `min_speed` over a window of
/// `min_speed_time` (curl's low-speed limit).
pub struct SpeedFloor {
    min_speed: u64,
    span: Duration,
    start: Instant,
    got: u64,
}

impl SpeedFloor {
    pub fn new(limits: &Limits) -> SpeedFloor {
        SpeedFloor { min_speed: limits.min_speed, span: limits.min_speed_time, start: Instant::now(), got: 0 }
    }

    /// When the current window closes: a read still pending then is checked.
    pub fn deadline(&self) -> tokio::time::Instant {
        (self.start + self.span).into()
    }

    /// Counts `n` more bytes; at a window's end, fails if it fell short.
    pub fn check(&mut self, n: u64) -> std::result::Result<(), String> {
        self.got += n;
        let elapsed = self.start.elapsed();
        if elapsed < self.span {
            return Ok(());
        }
        if (self.got as f64) < self.min_speed as f64 * elapsed.as_secs_f64() {
            return Err(format!(
                "too slow: {} bytes in {:.1}s, under the {} bytes/s of registry-min-speed",
                self.got,
                elapsed.as_secs_f64(),
                self.min_speed
            ));
        }
        self.start = Instant::now();
        self.got = 0;
        Ok(())
    }
}

/// The next chunk of `resp`, failing (transiently) if `floor` is not kept.
pub async fn chunk(
    resp: &mut Response,
    floor: Option<&mut SpeedFloor>,
    what: &str,
) -> std::result::Result<Option<bytes::Bytes>, Failure> {
    let broken = |e: reqwest::Error| Failure {
        transient: transient_error(&e),
        error: Error::Registry(format!("{what}: {}", describe(&e))),
    };
    let Some(floor) = floor else { return resp.chunk().await.map_err(broken) };
    loop {
        // Dropping a pending chunk() loses nothing: it only polls the body.
        match tokio::time::timeout_at(floor.deadline(), resp.chunk()).await {
            Err(_) => floor.check(0).map_err(|m| Failure::transient(format!("{what}: {m}")))?,
            Ok(r) => {
                let c = r.map_err(broken)?;
                let n = c.as_ref().map_or(0, |c| c.len() as u64);
                floor.check(n).map_err(|m| Failure::transient(format!("{what}: {m}")))?;
                return Ok(c);
            }
        }
    }
}

/// Reads a small document whole, never holding more than `cap` bytes:
/// `too_big` says what it means to pass it.
pub async fn read_small(
    resp: &mut Response,
    what: &str,
    cap: u64,
    too_big: &str,
    limits: &Limits,
) -> std::result::Result<Vec<u8>, Failure> {
    if resp.content_length().is_some_and(|n| n > cap) {
        return Err(Failure::fatal(format!("{what}: {too_big}")));
    }
    let mut floor = SpeedFloor::new(limits);
    let mut out = Vec::new();
    while let Some(c) = chunk(resp, Some(&mut floor), what).await? {
        if out.len() as u64 + c.len() as u64 > cap {
            return Err(Failure::fatal(format!("{what}: {too_big}")));
        }
        out.extend_from_slice(&c);
    }
    Ok(out)
}

/// Up to `cap` bytes of an answer we only quote (an error's body), within the
/// read timeout; whatever comes after is dropped.
pub async fn read_some(resp: &mut Response, cap: u64, limits: &Limits) -> Vec<u8> {
    let mut out = Vec::new();
    let read = async {
        while let Ok(Some(c)) = resp.chunk().await {
            let room = (cap as usize).saturating_sub(out.len());
            out.extend_from_slice(&c[..c.len().min(room)]);
            if out.len() as u64 >= cap {
                break;
            }
        }
    };
    let _ = tokio::time::timeout(limits.read, read).await;
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn limits_from_config() {
        let c: Config = toml::from_str(
            "registry-read-timeout = \"2s\"\nregistry-min-speed = \"10KiB\"\nregistry-retries = 0\n",
        )
        .unwrap();
        let l = Limits::from_config(&c).unwrap();
        assert_eq!(l.read, Duration::from_secs(2));
        assert_eq!(l.min_speed, 10240);
        assert_eq!(l.retries, 0);
        assert_eq!(l.connect, Duration::from_secs(30));
        let bad: Config = toml::from_str("registry-connect-timeout = \"soon\"\n").unwrap();
        assert!(Limits::from_config(&bad).is_err());
    }

    #[test]
    fn speed_floor() {
        let limits =
            Limits { min_speed: 100, min_speed_time: Duration::from_millis(20), ..Limits::default() };
        let mut f = SpeedFloor::new(&limits);
        assert!(f.check(1).is_ok()); // the window is still open
        std::thread::sleep(Duration::from_millis(25));
        assert!(f.check(0).unwrap_err().contains("too slow"));
        let mut f = SpeedFloor::new(&limits);
        std::thread::sleep(Duration::from_millis(25));
        assert!(f.check(1000).is_ok());
    }

    #[test]
    fn statuses() {
        assert!(transient_status(StatusCode::SERVICE_UNAVAILABLE));
        assert!(transient_status(StatusCode::TOO_MANY_REQUESTS));
        assert!(!transient_status(StatusCode::NOT_FOUND));
        assert!(!transient_status(StatusCode::NOT_IMPLEMENTED));
    }
}

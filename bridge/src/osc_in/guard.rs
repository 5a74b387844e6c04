//! Who may talk to the bridge over OSC (decision record 0022): sources trusted by address
//! (loopback by default, `--osc-trust`), and senders that presented an OSC token in a hello
//! (`--osc-token`). Everything else is counted and dropped before it can touch a session.
//!
//! Sources that are not trusted by address also pass a per-address token bucket
//! ([`Config::osc_rate`](crate::config::Config::osc_rate) datagrams per second, twice that in a
//! burst) before their datagrams are even decoded, so an unauthenticated flood costs a hash
//! lookup per datagram. The guard is owned by the OSC receive task: no lock.

use std::collections::HashMap;
use std::net::{IpAddr, SocketAddr};
use std::time::{Duration, Instant};

use sha2::{Digest, Sha256};

use crate::config::{Config, IpRange};
use crate::osc::Inbound;

/// How long a sender stays authenticated after its last hello with a valid token (engines
/// repeat the hello every 5 s).
pub const AUTH_TIMEOUT: Duration = Duration::from_secs(30);

/// Most source addresses with a rate bucket; beyond it, idle buckets are forgotten and, if
/// none is idle, datagrams from new addresses are dropped (counted as rate limited).
pub const MAX_SOURCES: usize = 4096;

/// Most authenticated senders remembered (each presented a valid token).
const MAX_AUTHED: usize = 4096;

/// A token bucket: `tokens` refilled at the guard's rate up to its burst.
#[derive(Clone, Copy, Debug)]
struct Bucket {
    tokens: f64,
    at: Instant,
}

/// Admission and authentication of OSC senders.
#[derive(Debug)]
pub struct Guard {
    trusted: Vec<IpRange>,
    /// SHA-256 digests of the accepted tokens (compared digest to digest).
    tokens: Vec<[u8; 32]>,
    rate: f64,
    burst: f64,
    buckets: HashMap<IpAddr, Bucket>,
    authed: HashMap<SocketAddr, Instant>,
}

fn digest(token: &str) -> [u8; 32] {
    Sha256::digest(token.as_bytes()).into()
}

impl Guard {
    /// The guard for `config` (trusted ranges, tokens, rate).
    pub fn new(config: &Config) -> Self {
        let rate = f64::from(config.osc_rate.max(1));
        Self {
            trusted: config.osc_trust.clone(),
            tokens: config.osc_tokens.iter().filter(|t| !t.is_empty()).map(|t| digest(t)).collect(),
            rate,
            burst: rate * 2.0,
            buckets: HashMap::new(),
            authed: HashMap::new(),
        }
    }

    /// Whether `ip` is trusted by address.
    pub fn trusted(&self, ip: IpAddr) -> bool {
        self.trusted.iter().any(|r| r.contains(ip))
    }

    /// Before decoding a datagram from `peer`: `false` when it must be dropped (a source not
    /// trusted by address that is over its rate).
    pub fn admit(&mut self, peer: SocketAddr, now: Instant) -> bool {
        let ip = peer.ip();
        if self.trusted(ip) {
            return true;
        }
        if !self.buckets.contains_key(&ip) && self.buckets.len() >= MAX_SOURCES {
            // a bucket that has refilled is the same as no bucket
            let (rate, burst) = (self.rate, self.burst);
            self.buckets.retain(|_, b| b.tokens + now.duration_since(b.at).as_secs_f64() * rate < burst);
            if self.buckets.len() >= MAX_SOURCES {
                return false;
            }
        }
        let b = self.buckets.entry(ip).or_insert(Bucket { tokens: self.burst, at: now });
        b.tokens = (b.tokens + now.duration_since(b.at).as_secs_f64() * self.rate).min(self.burst);
        b.at = now;
        if b.tokens >= 1.0 {
            b.tokens -= 1.0;
            true
        } else {
            false
        }
    }

    /// After decoding: whether `msg` from `peer` may be applied. A hello with a valid token
    /// authenticates `peer` (its address and port) for [`AUTH_TIMEOUT`].
    pub fn allows(&mut self, peer: SocketAddr, msg: &Inbound, now: Instant) -> bool {
        if self.trusted(peer.ip()) {
            return true;
        }
        if let Inbound::Hello { token: Some(t), .. } = msg
            && !self.tokens.is_empty()
            && self.tokens.contains(&digest(t))
        {
            if self.authed.len() >= MAX_AUTHED {
                self.authed.retain(|_, at| now.duration_since(*at) < AUTH_TIMEOUT);
            }
            if self.authed.len() < MAX_AUTHED || self.authed.contains_key(&peer) {
                self.authed.insert(peer, now);
                return true;
            }
            return false;
        }
        self.authed.get(&peer).is_some_and(|at| now.duration_since(*at) < AUTH_TIMEOUT)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn config(trust: &[&str], tokens: &[&str]) -> Config {
        Config {
            osc_trust: trust.iter().map(|t| t.parse().unwrap()).collect(),
            osc_tokens: tokens.iter().map(ToString::to_string).collect(),
            osc_rate: 10,
            ..Config::default()
        }
    }

    fn hello(token: Option<&str>) -> Inbound {
        Inbound::Hello { session: "m".into(), token: token.map(String::from) }
    }

    #[test]
    fn trusted_addresses_pass_and_others_need_a_token() {
        let mut g = Guard::new(&config(&["127.0.0.0/8"], &["tok"]));
        let now = Instant::now();
        let local: SocketAddr = "127.0.0.1:5000".parse().unwrap();
        let remote: SocketAddr = "192.0.2.7:5000".parse().unwrap();
        let mood = Inbound::Xruns(1);
        assert!(g.allows(local, &mood, now) && g.allows(local, &hello(None), now));
        assert!(!g.allows(remote, &mood, now));
        assert!(!g.allows(remote, &hello(None), now));
        assert!(!g.allows(remote, &hello(Some("wrong")), now));
        assert!(g.allows(remote, &hello(Some("tok")), now));
        assert!(g.allows(remote, &mood, now + Duration::from_secs(1)));
        // another port of the same host is another sender
        assert!(!g.allows("192.0.2.7:5001".parse().unwrap(), &mood, now));
        // authentication lapses without hellos
        assert!(!g.allows(remote, &mood, now + AUTH_TIMEOUT + Duration::from_secs(1)));
        // no tokens configured: nothing authenticates
        let mut none = Guard::new(&config(&[], &[]));
        assert!(!none.allows(remote, &hello(Some("")), now));
    }

    #[test]
    fn untrusted_sources_are_rate_limited_per_address() {
        let mut g = Guard::new(&config(&["127.0.0.0/8"], &[]));
        let now = Instant::now();
        let remote: SocketAddr = "192.0.2.7:5000".parse().unwrap();
        let passed = (0..1000).filter(|_| g.admit(remote, now)).count();
        assert_eq!(passed, 20, "burst is twice the rate");
        // another port of the same address shares the bucket; another address has its own
        assert!(!g.admit("192.0.2.7:6000".parse().unwrap(), now));
        assert!(g.admit("192.0.2.8:5000".parse().unwrap(), now));
        // refills at the rate
        let later = now + Duration::from_millis(500);
        assert_eq!((0..1000).filter(|_| g.admit(remote, later)).count(), 5);
        // trusted sources are not limited
        assert!((0..10_000).all(|_| g.admit("127.0.0.1:1".parse().unwrap(), now)));
    }

    #[test]
    fn the_bucket_table_is_bounded() {
        let mut g = Guard::new(&config(&[], &[]));
        let now = Instant::now();
        for i in 0..(MAX_SOURCES as u32 + 100) {
            let ip = std::net::Ipv4Addr::from(0x0A00_0000 + i);
            g.admit(SocketAddr::new(ip.into(), 1), now);
        }
        assert!(g.buckets.len() <= MAX_SOURCES);
        // once the buckets have refilled, new sources are admitted again
        assert!(g.admit("198.51.100.1:1".parse().unwrap(), now + Duration::from_secs(10)));
    }
}

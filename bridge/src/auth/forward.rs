//! Forward-auth: behind a reverse proxy that signs users in itself (Authelia with Caddy,
//! nginx or Traefik), the proxy names the user in a request header (`Remote-User` by
//! default) and the bridge takes that name in place of an API key — but only when the
//! request's TCP peer is one of the configured proxy addresses (`--trusted-proxy`). From any
//! other address the header is ignored and the request needs a key as usual, so a client
//! that reaches the bridge directly cannot name itself (decision record 0073).
//!
//! Only the direct peer counts: `X-Forwarded-For` is never read, because anyone can write it.
//! With no trusted proxy configured (the default) forward-auth is off.

use std::net::IpAddr;

use axum::http::HeaderMap;

/// The longest user name accepted from the proxy, in bytes.
const MAX_USER: usize = 256;

pub use crate::config::ForwardAuth;

impl ForwardAuth {
    /// The user a trusted proxy named: `Ok(None)` when forward-auth does not apply (off, the
    /// peer unknown or not trusted, no header), so the request needs a key.
    ///
    /// # Errors
    /// A trusted proxy sent the header with a value that is not a user name (empty, not
    /// UTF-8, control characters, over 256 bytes): the proxy is misconfigured.
    pub fn user(&self, peer: Option<IpAddr>, headers: &HeaderMap) -> Result<Option<String>, String> {
        let Some(peer) = peer.filter(|p| self.enabled() && self.trusts(*p)) else { return Ok(None) };
        let Some(v) = headers.get(&self.header) else { return Ok(None) };
        let bad = || {
            format!(
                "the trusted proxy {peer} sent a {} header that is not a user name (empty, not UTF-8, control characters or over {MAX_USER} bytes); check the proxy's forward-auth settings",
                self.header
            )
        };
        let name = v.to_str().map_err(|_| bad())?.trim();
        if name.is_empty() || name.len() > MAX_USER || name.chars().any(char::is_control) {
            return Err(bad());
        }
        Ok(Some(name.to_string()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fa(trusted: &[&str]) -> ForwardAuth {
        ForwardAuth::new("Remote-User", trusted.iter().map(|t| t.parse().unwrap()).collect()).unwrap()
    }

    fn headers(v: &[u8]) -> HeaderMap {
        let mut h = HeaderMap::new();
        h.insert("remote-user", axum::http::HeaderValue::from_bytes(v).unwrap());
        h
    }

    #[test]
    fn the_header_counts_only_from_a_trusted_peer() {
        let f = fa(&["10.0.0.0/24", "::1"]);
        let h = headers(b"alice");
        assert_eq!(f.user(Some("10.0.0.7".parse().unwrap()), &h), Ok(Some("alice".into())));
        assert_eq!(f.user(Some("::1".parse().unwrap()), &h), Ok(Some("alice".into())));
        assert_eq!(f.user(Some("::ffff:10.0.0.9".parse().unwrap()), &h), Ok(Some("alice".into())), "IPv4-mapped");
        assert_eq!(f.user(Some("10.0.1.7".parse().unwrap()), &h), Ok(None), "outside the range: ignored");
        assert_eq!(f.user(None, &h), Ok(None), "peer unknown: ignored");
        assert_eq!(f.user(Some("10.0.0.7".parse().unwrap()), &HeaderMap::new()), Ok(None), "no header: a key is needed");
        assert_eq!(fa(&[]).user(Some("127.0.0.1".parse().unwrap()), &h), Ok(None), "off without a trusted proxy");
        for bad in [&b"  "[..], b"a\tb", &[b'x'; 300]] {
            let e = f.user(Some("10.0.0.7".parse().unwrap()), &headers(bad)).unwrap_err();
            assert!(e.contains("not a user name"), "{e}");
        }
        assert!(ForwardAuth::new("Authorization", vec![]).is_err());
        assert!(ForwardAuth::new("bad header", vec![]).is_err());
        assert_eq!(ForwardAuth::new("X-Forwarded-User", vec![]).unwrap().header.as_str(), "x-forwarded-user");
    }
}

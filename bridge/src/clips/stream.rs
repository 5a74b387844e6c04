//! `GET /play/{id}/stream`: a clip's file with HTTP range requests and validators, written
//! out by hand (RFC 9110 §13–14) because the counting rule needs to know which range is
//! served, and tower-http's file service answers a malformed `Range` with 416 (RFC 9110 says
//! ignore it), has no `If-Range`, and derives its ETag from size and time (a clip has a
//! content hash).
//!
//! [`plan`] decides the answer from the headers alone (unit-tested below, no I/O):
//! * `If-None-Match` matching the ETag (weak comparison, `*` matches) → 304, no body;
//! * no `Range`, another unit, a syntax error, more than 16 ranges or a header over 1 KiB
//!   → 200 with the whole file (the `Range` is ignored, as RFC 9110 §14.2 asks);
//! * `If-Range` not a strong match of the ETag (a date never matches: no `Last-Modified`
//!   is sent) → 200 with the whole file;
//! * `a-b` (b clamped to the end), `a-`, suffix `-n` (the last n bytes; n past the size is
//!   the whole file) → 206 with `Content-Range`; several ranges that overlap or touch are
//!   merged into one 206, others → 200 whole (no `multipart/byteranges`: media players never
//!   ask for it);
//! * no range satisfiable (`a` at or past the end, `-0`) → 416 with `Content-Range: bytes */len`.
//!
//! The play-counting rule (docs/clips.md) is [`Plan::counts_as_play`]: a GET whose answer
//! delivers byte 0 and more than 2 bytes (a 200, or a 206 from 0), unless `?count=false`.

use axum::http::header::{self, HeaderMap, HeaderValue};

/// Largest `Range` header read; longer ones are ignored (whole file).
pub const MAX_RANGE_HEADER: usize = 1024;
/// Most ranges read; more are ignored (whole file).
pub const MAX_RANGES: usize = 16;

/// What to answer.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Plan {
    /// 304: the client's copy is current.
    NotModified,
    /// 200 with the whole file.
    Full,
    /// 206 with bytes `start..=end`.
    Partial { start: u64, end: u64 },
    /// 416: no requested range is inside the file.
    Unsatisfiable,
}

impl Plan {
    /// Whether answering this to a GET starts a playback (module docs).
    pub fn counts_as_play(self, len: u64) -> bool {
        match self {
            Plan::Full => len > 2,
            Plan::Partial { start, end } => start == 0 && end >= 2,
            Plan::NotModified | Plan::Unsatisfiable => false,
        }
    }
}

/// Whether a header's entity-tag list matches `etag` (weak comparison; `*` matches).
fn none_match(value: &str, etag: &str) -> bool {
    let bare = |t: &str| t.trim().trim_start_matches("W/").to_string();
    value.split(',').map(str::trim).any(|t| t == "*" || bare(t) == bare(etag))
}

/// One range spec (`a-b`, `a-`, `-n`) against `len`: `Err` for a syntax error, `Ok(None)`
/// when it is unsatisfiable, else the inclusive bounds.
fn one_range(spec: &str, len: u64) -> Result<Option<(u64, u64)>, ()> {
    let (a, b) = spec.trim().split_once('-').ok_or(())?;
    let num = |s: &str| -> Result<u64, ()> {
        if s.is_empty() || s.len() > 19 || !s.bytes().all(|c| c.is_ascii_digit()) {
            return Err(());
        }
        s.parse().map_err(|_| ())
    };
    if a.is_empty() {
        let n = num(b)?;
        if n == 0 || len == 0 {
            return Ok(None);
        }
        return Ok(Some((len.saturating_sub(n), len - 1)));
    }
    let start = num(a)?;
    let end = if b.is_empty() { u64::MAX } else { num(b)? };
    if end < start {
        return Err(());
    }
    if start >= len {
        return Ok(None);
    }
    Ok(Some((start, end.min(len - 1))))
}

/// Decides the answer (module docs) for a file of `len` bytes whose ETag is `etag`.
pub fn plan(h: &HeaderMap, etag: &str, len: u64) -> Plan {
    if let Some(inm) = h.get(header::IF_NONE_MATCH).and_then(|v| v.to_str().ok())
        && none_match(inm, etag)
    {
        return Plan::NotModified;
    }
    let Some(range) = h.get(header::RANGE).and_then(|v| v.to_str().ok()) else { return Plan::Full };
    if range.len() > MAX_RANGE_HEADER {
        return Plan::Full;
    }
    let Some((unit, specs)) = range.split_once('=') else { return Plan::Full };
    if !unit.trim().eq_ignore_ascii_case("bytes") {
        return Plan::Full;
    }
    if let Some(ir) = h.get(header::IF_RANGE) {
        let strong = ir.to_str().is_ok_and(|v| !v.trim().starts_with("W/") && v.trim() == etag);
        if !strong {
            return Plan::Full;
        }
    }
    let specs: Vec<&str> = specs.split(',').filter(|s| !s.trim().is_empty()).collect();
    if specs.is_empty() || specs.len() > MAX_RANGES {
        return Plan::Full;
    }
    let mut ranges = Vec::with_capacity(specs.len());
    for s in specs {
        match one_range(s, len) {
            Err(()) => return Plan::Full,
            Ok(Some(r)) => ranges.push(r),
            Ok(None) => {}
        }
    }
    if ranges.is_empty() {
        return Plan::Unsatisfiable;
    }
    ranges.sort_unstable();
    let mut merged: Vec<(u64, u64)> = Vec::with_capacity(ranges.len());
    for (s, e) in ranges {
        match merged.last_mut() {
            Some(last) if s <= last.1.saturating_add(1) => last.1 = last.1.max(e),
            _ => merged.push((s, e)),
        }
    }
    match merged.as_slice() {
        [(start, end)] => Plan::Partial { start: *start, end: *end },
        _ => Plan::Full,
    }
}

/// `Content-Range` of a 206.
pub fn content_range(start: u64, end: u64, len: u64) -> HeaderValue {
    HeaderValue::from_str(&format!("bytes {start}-{end}/{len}")).unwrap_or(HeaderValue::from_static("bytes */0"))
}

#[cfg(test)]
mod tests {
    use super::*;

    const TAG: &str = "\"sha256:abc\"";

    fn p(headers: &[(&str, &str)], len: u64) -> Plan {
        let mut h = HeaderMap::new();
        for (k, v) in headers {
            h.append(axum::http::HeaderName::from_bytes(k.as_bytes()).unwrap(), HeaderValue::from_str(v).unwrap());
        }
        plan(&h, TAG, len)
    }

    #[test]
    fn ranges_suffixes_and_416() {
        use Plan::*;
        let cases: &[(&[(&str, &str)], Plan)] = &[
            (&[], Full),
            (&[("range", "bytes=0-")], Partial { start: 0, end: 999 }),
            (&[("range", "bytes=0-1")], Partial { start: 0, end: 1 }),
            (&[("range", "bytes=100-199")], Partial { start: 100, end: 199 }),
            (&[("range", "bytes=100-5000")], Partial { start: 100, end: 999 }),
            (&[("range", "bytes=999-")], Partial { start: 999, end: 999 }),
            (&[("range", "bytes=-100")], Partial { start: 900, end: 999 }),
            (&[("range", "bytes=-5000")], Partial { start: 0, end: 999 }),
            (&[("range", "BYTES = 10-19")], Partial { start: 10, end: 19 }),
            (&[("range", "bytes=1000-")], Unsatisfiable),
            (&[("range", "bytes=5000-6000")], Unsatisfiable),
            (&[("range", "bytes=-0")], Unsatisfiable),
            (&[("range", "bytes=1000-,2000-")], Unsatisfiable),
            // malformed: ignored, whole file
            (&[("range", "bytes=abc")], Full),
            (&[("range", "bytes=5-1")], Full),
            (&[("range", "bytes=")], Full),
            (&[("range", "bytes=--1")], Full),
            (&[("range", "bytes=1-2-3")], Full),
            (&[("range", "bytes=+1-2")], Full),
            (&[("range", "bytes=99999999999999999999-")], Full),
            (&[("range", "items=0-1")], Full),
            (&[("range", "0-1")], Full),
            // several ranges: merged when they touch, else the whole file
            (&[("range", "bytes=0-9,10-19")], Partial { start: 0, end: 19 }),
            (&[("range", "bytes=0-9, 5-30")], Partial { start: 0, end: 30 }),
            (&[("range", "bytes=0-9,20-29")], Full),
            (&[("range", "bytes=0-9,1000-")], Partial { start: 0, end: 9 }),
            // validators
            (&[("if-none-match", TAG)], NotModified),
            (&[("if-none-match", "W/\"sha256:abc\"")], NotModified),
            (&[("if-none-match", "\"x\", \"sha256:abc\"")], NotModified),
            (&[("if-none-match", "*")], NotModified),
            (&[("if-none-match", "\"x\""), ("range", "bytes=1-2")], Partial { start: 1, end: 2 }),
            (&[("if-range", TAG), ("range", "bytes=1-2")], Partial { start: 1, end: 2 }),
            (&[("if-range", "\"other\""), ("range", "bytes=1-2")], Full),
            (&[("if-range", "W/\"sha256:abc\""), ("range", "bytes=1-2")], Full),
            (&[("if-range", "Wed, 21 Oct 2015 07:28:00 GMT"), ("range", "bytes=1-2")], Full),
            (&[("if-range", TAG)], Full),
        ];
        for (headers, want) in cases {
            assert_eq!(p(headers, 1000), *want, "{headers:?}");
        }
        let many = format!("bytes={}", (0..17).map(|i| format!("{}-{}", i * 10, i * 10 + 1)).collect::<Vec<_>>().join(","));
        assert_eq!(p(&[("range", &many)], 1000), Full);
        let long = format!("bytes=0-1{}", ",".repeat(1100));
        assert_eq!(p(&[("range", &long)], 1000), Full);
    }

    #[test]
    fn the_counting_rule() {
        assert!(Plan::Full.counts_as_play(1000));
        assert!(Plan::Partial { start: 0, end: 999 }.counts_as_play(1000));
        assert!(Plan::Partial { start: 0, end: 2 }.counts_as_play(1000));
        assert!(!Plan::Partial { start: 0, end: 1 }.counts_as_play(1000), "Safari's probe");
        assert!(!Plan::Partial { start: 100, end: 999 }.counts_as_play(1000), "a seek");
        assert!(!Plan::NotModified.counts_as_play(1000));
        assert!(!Plan::Unsatisfiable.counts_as_play(1000));
    }
}

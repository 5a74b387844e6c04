//! The valid range of every number the command line takes, in one place, and the clap value
//! parsers that enforce them before anything is allocated or run.
//!
//! A number outside its range is refused at parse time with the option's name and the range
//! (`invalid value '0' for '--buffer <BUFFER>': 0 frames is out of range; use 16 to 8192`), so
//! `--rate 4294967295` never reaches an allocation sized by it. Numbers read from `live`'s
//! config file go through the same checks ([`check_live`]). The ranges are those the engine and
//! the resampling path serve today; widening one is an edit of its constant here.

use std::ops::RangeInclusive;

/// Sample rates of `live`, `render` and `demo`, in Hz: 1 kHz to 768 kHz, the range the plugin
/// serves and `resonance_io::decode::FILE_RATES`. Within 22.05-192 kHz the engine runs at the
/// rate itself; outside, at the nearest of those behind its rate converter
/// (`resonance_engine::rate_bridge`). Whole numbers only: WAV files and audio devices carry an
/// integer rate.
pub const RATE_HZ: RangeInclusive<u32> = 1_000..=768_000;

/// Sample rates the engine runs at natively, in Hz ([`resonance_engine::MIN_SAMPLE_RATE`]..=
/// [`resonance_engine::MAX_SAMPLE_RATE`]): `render --arc`'s music-only path, which drives the
/// synthesiser without the engine's converter, and the rates `render` keeps by default.
pub const NATIVE_RATE_HZ: RangeInclusive<u32> = (resonance_engine::MIN_SAMPLE_RATE as u32)..=(resonance_engine::MAX_SAMPLE_RATE as u32);

/// Device buffer sizes of `live`, in frames: below 16 no audio host keeps up; above 8192 (170 ms
/// at 48 kHz) a live host is no longer live, and the input rings (sized from the buffer) stay
/// a few hundred kilobytes.
pub const LIVE_BUFFER_FRAMES: RangeInclusive<u32> = 16..=8192;

/// Engine block sizes of `render`, in frames ([`resonance_engine::MAX_BLOCK_LIMIT`]).
pub const BLOCK_FRAMES: RangeInclusive<usize> = 1..=resonance_engine::MAX_BLOCK_LIMIT;

/// Length of the demo match, in seconds (its script runs to 60 s; an hour is the longest
/// anyone needs for a soak, and it bounds the synthesised crowd's memory).
pub const DEMO_SECONDS: RangeInclusive<f64> = 1.0..=3600.0;

/// `live --duration`, in seconds: more than nothing, at most a year.
pub const LIVE_SECONDS: RangeInclusive<f64> = 0.001..=31_536_000.0;

/// `bridge --body-limit`, in bytes: below 1 KiB no telemetry update fits; above 64 MiB one
/// request could hold the bridge's memory hostage.
pub const BODY_LIMIT_BYTES: RangeInclusive<usize> = 1024..=67_108_864;

/// `bridge --max-query-seconds`: the longest recognition query, in seconds (a query needs about
/// a second to match at all; ten minutes is far past any use and bounds a worker's memory).
pub const QUERY_SECONDS: RangeInclusive<f64> = 1.0..=600.0;

/// `bridge --max-query-bytes`: the largest recognition query body (64 KiB to 1 GiB).
pub const QUERY_BYTES: RangeInclusive<usize> = 65_536..=1_073_741_824;

/// `bridge --recognition-workers`: decoding and matching threads.
pub const RECOGNITION_WORKERS: RangeInclusive<usize> = 1..=256;

/// Parses a whole number and checks it against `range`; the error names the unit and range.
fn whole<T>(s: &str, range: &RangeInclusive<T>, unit: &str) -> Result<T, String>
where
    T: std::str::FromStr + PartialOrd + std::fmt::Display,
{
    let v: T = s.trim().parse().map_err(|_| format!("`{s}` is not a whole number; use {} to {} {unit}", range.start(), range.end()))?;
    if range.contains(&v) { Ok(v) } else { Err(format!("{v} {unit} is out of range; use {} to {} {unit}", range.start(), range.end())) }
}

/// Parses a finite number of seconds within `range` (`nan`, `inf` and `1e400` are refused).
fn seconds(s: &str, range: &RangeInclusive<f64>) -> Result<f64, String> {
    let v: f64 = s.trim().parse().map_err(|_| format!("`{s}` is not a number of seconds; use {} to {} s", range.start(), range.end()))?;
    if v.is_finite() && range.contains(&v) {
        Ok(v)
    } else {
        Err(format!("{s} s is out of range; use {} to {} s", range.start(), range.end()))
    }
}

/// clap value parser of a sample rate ([`RATE_HZ`]). A fractional rate (`12345.678`) is
/// refused with the reason and the nearest whole rate.
pub fn rate(s: &str) -> Result<u32, String> {
    if let Ok(v) = s.trim().parse::<f64>()
        && v.is_finite()
        && v.fract() != 0.0
    {
        return Err(format!(
            "{v} Hz is not a whole number: WAV files and audio devices carry an integer rate; use {} (1000 to 768000 Hz)",
            v.round()
        ));
    }
    whole(s, &RATE_HZ, "Hz")
}

/// clap value parser of `live --buffer` ([`LIVE_BUFFER_FRAMES`]).
pub fn live_buffer(s: &str) -> Result<u32, String> {
    whole(s, &LIVE_BUFFER_FRAMES, "frames")
}

/// clap value parser of `render --block` ([`BLOCK_FRAMES`]).
pub fn block(s: &str) -> Result<usize, String> {
    whole(s, &BLOCK_FRAMES, "frames")
}

/// clap value parser of `bridge --body-limit` ([`BODY_LIMIT_BYTES`]).
pub fn body_limit(s: &str) -> Result<usize, String> {
    whole(s, &BODY_LIMIT_BYTES, "bytes")
}

/// clap value parser of `bridge --max-query-seconds` ([`QUERY_SECONDS`]).
pub fn query_seconds(s: &str) -> Result<f64, String> {
    seconds(s, &QUERY_SECONDS)
}

/// clap value parser of `bridge --max-query-bytes` ([`QUERY_BYTES`]).
pub fn query_bytes(s: &str) -> Result<usize, String> {
    whole(s, &QUERY_BYTES, "bytes")
}

/// clap value parser of `bridge --recognition-workers` ([`RECOGNITION_WORKERS`]).
pub fn recognition_workers(s: &str) -> Result<usize, String> {
    whole(s, &RECOGNITION_WORKERS, "threads")
}

/// clap value parser of `demo --duration` ([`DEMO_SECONDS`]).
pub fn demo_seconds(s: &str) -> Result<f64, String> {
    seconds(s, &DEMO_SECONDS)
}

/// clap value parser of `live --duration` ([`LIVE_SECONDS`]).
pub fn live_seconds(s: &str) -> Result<f64, String> {
    seconds(s, &LIVE_SECONDS)
}

/// Checks `live`'s numbers after the config file is merged (a file's values bypass clap).
///
/// # Errors
/// The first number out of range, named by its option.
pub fn check_live(rate_hz: Option<u32>, buffer: Option<u32>, duration_s: Option<f64>) -> anyhow::Result<()> {
    let fail = |opt: &str, e: String| anyhow::anyhow!("--{opt}: {e}");
    if let Some(r) = rate_hz {
        rate(&r.to_string()).map_err(|e| fail("rate", e))?;
    }
    if let Some(b) = buffer {
        live_buffer(&b.to_string()).map_err(|e| fail("buffer", e))?;
    }
    if let Some(d) = duration_s {
        live_seconds(&d.to_string()).map_err(|e| fail("duration", e))?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ranges_refuse_what_would_abort_or_spin_and_name_the_range() {
        for good in [1_000, 8_000, 12_345, 48_000, 768_000] {
            assert_eq!(rate(&good.to_string()), Ok(good));
        }
        for bad in ["4294967295", "10000000", "0", "999", "768001", "-1", "48k"] {
            let e = rate(bad).unwrap_err();
            assert!(e.contains("1000 to 768000 Hz"), "{bad}: {e}");
        }
        let e = rate("12345.678").unwrap_err();
        assert!(e.contains("not a whole number") && e.contains("use 12346"), "{e}");
        assert_eq!(live_buffer("256"), Ok(256));
        for bad in ["0", "15", "8193", "4294967295"] {
            assert!(live_buffer(bad).unwrap_err().contains("16 to 8192 frames"), "{bad}");
        }
        assert_eq!(block("65536"), Ok(65_536));
        assert!(block("0").is_err() && block("65537").is_err());
        assert_eq!(body_limit("16384"), Ok(16_384));
        assert!(body_limit("0").unwrap_err().contains("1024 to 67108864 bytes"));
        assert_eq!(demo_seconds("62"), Ok(62.0));
        for bad in ["nan", "NaN", "inf", "-inf", "1e400", "0.5", "3601", "-3"] {
            assert!(demo_seconds(bad).unwrap_err().contains("1 to 3600 s"), "{bad}");
            assert!(bad == "0.5" || bad == "3601" || live_seconds(bad).is_err(), "{bad}");
        }
        assert!(check_live(Some(48_000), Some(0), None).unwrap_err().to_string().starts_with("--buffer: 0 frames"));
        assert!(check_live(None, None, Some(f64::NAN)).unwrap_err().to_string().contains("--duration"));
        assert!(check_live(Some(44_100), Some(128), Some(2.0)).is_ok());
    }
}

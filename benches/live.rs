//! CPU share inside the live host's audio callback over a minute on JACK's dummy driver
//! (real-time paced, no hardware), at 48 kHz with 256-frame buffers: the callback's time as a
//! ratio of its period (median, p99, p99.9, max) and of the audio's duration (CPU share).
//!
//! `cargo bench --features jack --bench live` (needs Debian's jackd2 and libjack-jackd2-dev).
//! `RESONANCE_LIVE_BENCH_S` shortens the run. It starts its own `jackd -d dummy` and stops it
//! (by process id) at the end, so no other JACK server may run.
//!
//! `-- --library` measures instead the music library's trigger-to-audible latency on the same
//! JACK set-up (issue 26, in `live/library.rs`).

use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

#[path = "live/library.rs"]
mod library;

/// Stops the server this benchmark started, also when it panics.
struct Jackd(std::process::Child);

impl Drop for Jackd {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn main() {
    let seconds = std::env::var("RESONANCE_LIVE_BENCH_S").ok().and_then(|v| v.parse::<f64>().ok()).unwrap_or(60.0);
    let audio: PathBuf = resonance_test_support::test_audio_dir();
    let input = audio.join("crowd/crowd01.wav");
    assert!(
        input.exists(),
        "{} not found: run `bash ../shared/data/fetch-test-audio.sh target/test-audio` (or set RESONANCE_TEST_AUDIO)",
        input.display()
    );
    let _jackd = Jackd(
        Command::new("jackd")
            .args(["--realtime", "-d", "dummy", "-r", "48000", "-p", "256"])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("start jackd (Debian jackd2)"),
    );
    let started = Instant::now();
    while !Command::new("jack_lsp").stdout(Stdio::null()).stderr(Stdio::null()).status().is_ok_and(|s| s.success()) {
        assert!(started.elapsed() < Duration::from_secs(15), "jackd did not start");
        std::thread::sleep(Duration::from_millis(200));
    }
    if std::env::args().any(|a| a == "--library") {
        library::run(&input);
        return;
    }
    let out = Command::new(env!("CARGO_BIN_EXE_resonance"))
        .args(["live", "--host", "jack", "--buffer", "256", "--rate", "48000", "--quiet", "--json", "--duration", &seconds.to_string()])
        .arg("--input")
        .arg(&input)
        .output()
        .expect("run resonance live");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let text = String::from_utf8_lossy(&out.stdout);
    let line = text.lines().rev().find(|l| l.starts_with('{')).unwrap_or_else(|| panic!("no JSON summary in: {text}"));
    let s: serde_json::Value = serde_json::from_str(line).expect("JSON summary");
    let f = |k: &str| s[k].as_f64().unwrap_or_else(|| panic!("`{k}` missing in {s}"));
    let period_us = 1e6 * 256.0 / 48_000.0;
    let ratio = |k: &str| format!("{:.3}", f(k) / period_us);
    println!(
        "| run | callbacks | CPU share (one core) | callback / period: p50 | p99 | p99.9 | max | CPU time / period: p99.9 | max | over period (wall / CPU) | late wake-ups | xruns (steady / start-up) |"
    );
    println!("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
    println!(
        "| {seconds:.0} s, JACK dummy 48 kHz / 256 | {} | {:.2} % | {} | {} | {} | {} | {} | {} | {} / {} | {} | {} / {} |",
        f("callbacks"),
        100.0 * f("cpu_share"),
        ratio("callback_p50_us"),
        ratio("callback_p99_us"),
        ratio("callback_p999_us"),
        ratio("callback_max_us"),
        ratio("callback_cpu_p999_us"),
        ratio("callback_cpu_max_us"),
        f("callbacks_over_period"),
        f("callbacks_cpu_over_period"),
        f("late_wakeups"),
        f("xruns"),
        f("startup_xruns"),
    );
}

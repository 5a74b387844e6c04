//! CPU share inside the live host's audio callback over a minute on JACK's dummy driver
//! (real-time paced, no hardware), at 48 kHz with 256-frame buffers.
//!
//! `cargo bench --features jack --bench live` (needs Debian's jackd2 and libjack-jackd2-dev).

use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

fn value(out: &str, key: &str, before: bool) -> String {
    let words: Vec<&str> = out.split_whitespace().collect();
    let i = words.iter().position(|w| *w == key).unwrap_or_else(|| panic!("`{key}` missing in: {out}"));
    (if before { words[i - 1] } else { words[i + 1] }).trim_end_matches(',').to_string()
}

fn main() {
    let seconds = std::env::var("RESONANCE_LIVE_BENCH_S").ok().and_then(|v| v.parse::<f64>().ok()).unwrap_or(60.0);
    let audio = std::env::var("RESONANCE_TEST_AUDIO").unwrap_or_else(|_| "target/test-audio".into());
    let mut jackd = Command::new("jackd")
        .args(["--realtime", "-d", "dummy", "-r", "48000", "-p", "256"])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("start jackd (Debian jackd2)");
    let started = Instant::now();
    while Command::new("jack_lsp").stdout(Stdio::null()).stderr(Stdio::null()).status().map_or(true, |s| !s.success()) {
        assert!(started.elapsed() < Duration::from_secs(15), "jackd did not start");
        std::thread::sleep(Duration::from_millis(200));
    }
    let out = Command::new(env!("CARGO_BIN_EXE_resonance"))
        .args(["live", "--host", "jack", "--buffer", "256", "--rate", "48000", "--quiet", "--duration", &seconds.to_string()])
        .args(["--input", &format!("{audio}/crowd/crowd01.wav")])
        .output()
        .expect("run resonance live");
    let _ = jackd.kill();
    let _ = jackd.wait();
    let text = String::from_utf8_lossy(&out.stdout).into_owned();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    println!("| run | frames | callbacks | CPU in callback (one core) | xruns |");
    println!("|---|---:|---:|---:|---:|");
    println!(
        "| {seconds:.0} s, JACK dummy 48 kHz / 256 | {} | {} | {} % | {} |",
        value(&text, "frames", true),
        value(&text, "callbacks", true),
        value(&text, "cpu", false),
        value(&text, "xruns", false)
    );
}

//! `resonance live` and `resonance devices` on ALSA's `null` device (no sound card needed; not
//! paced in real time, so a short run processes many seconds of audio).

use crate::common::{read_wav, resonance, stderr, stdout, test_audio};

/// The number next to `key` in the summary line ("1105664 frames", "recorded 123 frames"):
/// `before` picks the word before the key, otherwise the word after it.
fn summary_value(out: &str, key: &str, before: bool) -> u64 {
    let words: Vec<&str> = out.split_whitespace().collect();
    let i = words.iter().position(|w| *w == key).unwrap_or_else(|| panic!("`{key}` not in summary: {out}"));
    let w = if before { words[i - 1] } else { words[i + 1] };
    w.trim_matches(|c: char| !c.is_ascii_digit()).parse().unwrap_or_else(|_| panic!("no number next to `{key}`: {out}"))
}

#[test]
fn devices_lists_the_null_device() {
    let dir = tempfile::tempdir().unwrap();
    let o = resonance(dir.path(), &["devices"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stdout(&o).contains("alsa:null"), "{}", stdout(&o));
}

#[test]
fn live_on_null_device_records_what_it_processed() {
    let dir = tempfile::tempdir().unwrap();
    let input = test_audio("crowd/crowd01.wav");
    let o = resonance(
        dir.path(),
        &[
            "live",
            "--output",
            "alsa:null",
            "--input",
            input.to_str().unwrap(),
            "--duration",
            "1.5",
            "--record",
            "rec.wav",
            "--rate",
            "48000",
            "--quiet",
        ],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let out = stdout(&o);
    let frames = summary_value(&out, "frames", true);
    let recorded = summary_value(&out, "recorded", false);
    assert!(frames > 48_000, "the callbacks ran: {out}");
    assert_eq!(recorded, frames, "every processed frame is recorded: {out}");
    assert!(out.contains("(0 dropped)"), "{out}");
    let (spec, samples) = read_wav(&dir.path().join("rec.wav"));
    assert_eq!(spec.sample_rate, 48_000);
    assert_eq!(samples.len() as u64, frames * 2, "the WAV has the expected length");
    assert!(samples.iter().any(|x| x.abs() > 0.01), "the looping input file is audible in the recording");
}

#[test]
fn config_file_sets_options_and_flags_override_it() {
    let dir = tempfile::tempdir().unwrap();
    let input = test_audio("events/crowdcheer.wav");
    std::fs::write(
        dir.path().join("live.toml"),
        format!(
            "output = \"alsa:null\"\ninput = {:?}\nrecord = \"from-config.wav\"\nrate = 44100\nduration = 30.0\nquiet = true\n",
            input.to_str().unwrap()
        ),
    )
    .unwrap();
    let o = resonance(dir.path(), &["live", "--config", "live.toml", "--duration", "0.5"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let (spec, _) = read_wav(&dir.path().join("from-config.wav"));
    assert_eq!(spec.sample_rate, 44_100, "rate came from the file");
    let bad = dir.path().join("bad.toml");
    std::fs::write(&bad, "ouptut = \"alsa:null\"\n").unwrap();
    let o = resonance(dir.path(), &["live", "--config", "bad.toml"]);
    assert!(!o.status.success());
    assert!(stderr(&o).contains("bad.toml") && stderr(&o).contains("ouptut"), "{}", stderr(&o));
}

#[test]
fn unknown_device_lists_the_available_ones() {
    let dir = tempfile::tempdir().unwrap();
    let o = resonance(dir.path(), &["live", "--output", "Focusrite Scarlett 18i20", "--duration", "0.2"]);
    assert!(!o.status.success());
    let err = stderr(&o);
    assert!(err.contains("Focusrite Scarlett 18i20") && err.contains("alsa:null"), "{err}");
}

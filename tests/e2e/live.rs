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

/// On JACK's dummy driver (real-time paced, no hardware): no xruns at 256 frames, the run is
/// paced in real time, the recording matches, and a note sent through a real JACK MIDI port
/// (midir) fires a cue. Uses the default JACK server name, so nothing else may run one.
#[cfg(feature = "jack")]
#[test]
fn live_on_jack_dummy_is_paced_without_xruns_and_takes_midi() {
    use std::io::Read;
    use std::process::{Command, Stdio};
    use std::time::{Duration, Instant};

    struct Kill(std::process::Child);
    impl Drop for Kill {
        fn drop(&mut self) {
            let _ = self.0.kill();
            let _ = self.0.wait();
        }
    }
    let _guard = crate::common::JACK_LOCK.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
    let _jackd = Kill(
        Command::new("jackd")
            .args(["--realtime", "-d", "dummy", "-r", "48000", "-p", "256"])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("start jackd (Debian package jackd2)"),
    );
    // the server is up once a MIDI client can be created on it
    let started = Instant::now();
    let midi_out = loop {
        if let Ok(out) = midir::MidiOutput::new("resonance-test") {
            break out;
        }
        assert!(started.elapsed() < Duration::from_secs(15), "jackd did not start");
        std::thread::sleep(Duration::from_millis(200));
    };
    let mut port = midir::os::unix::VirtualOutput::create_virtual(midi_out, "pads").expect("JACK MIDI port");

    let dir = tempfile::tempdir().unwrap();
    let input = test_audio("crowd/crowd01.wav");
    let mut live = Kill(
        Command::new(env!("CARGO_BIN_EXE_resonance"))
            .current_dir(dir.path())
            .args(["live", "--host", "jack", "--input", input.to_str().unwrap(), "--duration", "4", "--record", "rec.wav"])
            .args(["--buffer", "256", "--midi", "resonance-test"])
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap(),
    );
    // General MIDI kick on channel 10 = `home_goal` in the factory map; send it a few times
    // while the host runs (it connects to the port shortly after start).
    for _ in 0..12 {
        std::thread::sleep(Duration::from_millis(250));
        let _ = port.send(&[0x99, 36, 100]);
    }
    let status = live.0.wait().unwrap();
    let (mut out, mut err) = (String::new(), String::new());
    live.0.stdout.take().unwrap().read_to_string(&mut out).unwrap();
    live.0.stderr.take().unwrap().read_to_string(&mut err).unwrap();
    assert!(status.success(), "{err}");
    assert!(out.contains("xruns 0,"), "no xruns at 256 frames: {out}");
    let frames = summary_value(&out, "frames", true);
    let secs = frames as f64 / 48_000.0;
    assert!((3.0..5.0).contains(&secs), "paced in real time: {secs} s of audio in a 4 s run");
    assert_eq!(summary_value(&out, "recorded", false), frames, "{out}");
    assert!(err.contains("cue home_goal"), "a JACK MIDI note fired the cue: {err}");
}

/// The JACK server dies mid-run and comes back: the host says so, retries, and carries on
/// instead of crashing.
#[cfg(feature = "jack")]
#[test]
fn live_on_jack_survives_the_audio_server_going_away() {
    use std::io::Read;
    use std::process::{Command, Stdio};
    use std::time::Duration;

    let start_jackd = || {
        Command::new("jackd")
            .args(["--realtime", "-d", "dummy", "-r", "48000", "-p", "256"])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("start jackd (Debian package jackd2)")
    };
    let wait_up = || {
        for _ in 0..75 {
            if Command::new("jack_lsp").stdout(Stdio::null()).stderr(Stdio::null()).status().is_ok_and(|s| s.success()) {
                return;
            }
            std::thread::sleep(Duration::from_millis(200));
        }
        panic!("jackd did not start");
    };
    // serialise with the other JACK test: both use the default server
    let _guard = crate::common::JACK_LOCK.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
    let mut jackd = start_jackd();
    wait_up();
    let dir = tempfile::tempdir().unwrap();
    let input = test_audio("crowd/crowd01.wav");
    let mut live = Command::new(env!("CARGO_BIN_EXE_resonance"))
        .current_dir(dir.path())
        .args(["live", "--host", "jack", "--input", input.to_str().unwrap(), "--duration", "12"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    std::thread::sleep(Duration::from_secs(3));
    let _ = jackd.kill();
    let _ = jackd.wait();
    std::thread::sleep(Duration::from_secs(3));
    let mut jackd = start_jackd();
    let status = live.wait().unwrap();
    let _ = jackd.kill();
    let _ = jackd.wait();
    let mut err = String::new();
    live.stderr.take().unwrap().read_to_string(&mut err).unwrap();
    assert!(status.success(), "{err}");
    assert!(err.contains("the audio device disappeared; retrying"), "{err}");
    assert!(err.contains("audio device back"), "{err}");
}

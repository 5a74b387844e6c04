//! Hostile input: numbers out of range refused before any work, hostile float samples through
//! every command that reads audio (each run under a time limit: a hang fails the test), outputs
//! that would overwrite an input refused, no temporary left behind after a signal or a failed
//! index, outputs created with the umask's mode, I/O errors that name their path once, and no
//! raw alsa-lib lines.

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

use crate::common::{files_in, test_audio};

fn resonance_cmd(dir: &Path) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_resonance"));
    c.current_dir(dir).stdin(Stdio::null()).stdout(Stdio::piped()).stderr(Stdio::piped());
    c
}

/// Runs `cmd`, failing the test if it has not finished within `limit` (a hang is the bug).
fn bounded(mut cmd: Command, limit: Duration) -> Output {
    let mut child = cmd.spawn().expect("run resonance");
    let start = Instant::now();
    while child.try_wait().expect("wait").is_none() {
        if start.elapsed() > limit {
            let _ = child.kill();
            let _ = child.wait();
            panic!("{cmd:?} did not finish within {limit:?}");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    child.wait_with_output().expect("output")
}

fn run(dir: &Path, args: &[&str], limit: Duration) -> Output {
    let mut c = resonance_cmd(dir);
    c.args(args);
    bounded(c, limit)
}

fn err(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// Temporaries a command could leave behind: `.part`, `.tmp`.
fn leftovers(dir: &Path) -> Vec<String> {
    files_in(dir).into_iter().filter(|f| Path::new(f).extension().is_some_and(|e| e == "part" || e == "tmp")).collect()
}

/// A mono 32-bit float WAV of `n` samples from `f`.
fn float_wav(path: &Path, rate: u32, n: usize, f: fn(usize) -> f32) {
    let spec = hound::WavSpec { channels: 1, sample_rate: rate, bits_per_sample: 32, sample_format: hound::SampleFormat::Float };
    let mut w = hound::WavWriter::create(path, spec).unwrap();
    for i in 0..n {
        w.write_sample(f(i)).unwrap();
    }
    w.finalize().unwrap();
}

#[test]
fn numbers_out_of_range_are_refused_before_any_work_with_the_range() {
    let dir = tempfile::tempdir().unwrap();
    let cases: &[(&[&str], &str)] = &[
        (&["demo", "--rate", "4294967295", "--duration", "3600"], "1000 to 768000 Hz"),
        (&["demo", "--rate", "10000000"], "1000 to 768000 Hz"),
        (&["demo", "--duration", "nan"], "1 to 3600 s"),
        (&["demo", "--duration", "inf"], "1 to 3600 s"),
        (&["live", "--rate", "4294967295", "--output", "null"], "1000 to 768000 Hz"),
        (&["live", "--buffer", "4294967295", "--output", "null"], "16 to 8192 frames"),
        (&["live", "--buffer", "0", "--output", "null"], "16 to 8192 frames"),
        (&["live", "--duration", "nan", "--output", "null"], "--duration"),
        (&["up", "--no-bridge", "--rate", "0"], "1000 to 768000 Hz"),
        (&["render", "--in", "x.wav", "--out", "y.wav", "--rate", "1"], "1000 to 768000 Hz"),
        (&["render", "--in", "x.wav", "--out", "y.wav", "--rate", "12345.678"], "use 12346 (1000 to 768000 Hz)"),
        (&["render", "--in", "x.wav", "--out", "y.wav", "--block", "0"], "1 to 65536 frames"),
        (&["bridge", "--body-limit", "0"], "1024 to 67108864 bytes"),
    ];
    for (args, range) in cases {
        let o = run(dir.path(), args, Duration::from_secs(20));
        assert_eq!(o.status.code(), Some(2), "{args:?}: a usage error\n{}", err(&o));
        let e = err(&o);
        let flag = args.iter().rev().find(|a| a.starts_with("--") && e.contains(*a)).copied();
        assert!(flag.is_some() && e.contains(range), "{args:?}: names the option and the range\n{e}");
    }
    assert!(files_in(dir.path()).is_empty(), "nothing written: {:?}", files_in(dir.path()));
    // a config file's numbers are checked too
    std::fs::write(dir.path().join("live.toml"), "buffer = 0\noutput = \"null\"\n").unwrap();
    let o = run(dir.path(), &["live", "--config", "live.toml", "--duration", "1"], Duration::from_secs(20));
    assert_eq!(o.status.code(), Some(1), "{}", err(&o));
    assert!(err(&o).contains("live.toml") && err(&o).contains("16 to 8192"), "{}", err(&o));
}

/// A named sample generator for the matrix: sample index -> value, and how many samples.
struct Hostile {
    name: &'static str,
    samples: usize,
    f: fn(usize) -> f32,
}

const RATE: u32 = 22_050;
/// 1.2 s: long enough for every command to do its real work (highlight needs 1 s).
const LONG: usize = 26_460;

fn hostile_inputs() -> Vec<Hostile> {
    vec![
        Hostile { name: "huge", samples: LONG, f: |i| if i % 2 == 0 { 1e30 } else { -1e30 } },
        Hostile { name: "plus-inf", samples: LONG, f: |_| f32::INFINITY },
        Hostile { name: "minus-inf", samples: LONG, f: |_| f32::NEG_INFINITY },
        Hostile { name: "nan", samples: LONG, f: |_| f32::NAN },
        Hostile { name: "denormal", samples: LONG, f: |i| if i % 2 == 0 { 1e-40 } else { -1e-42 } },
        Hostile { name: "extremes", samples: LONG, f: |i| if (i / 3) % 2 == 0 { f32::MAX } else { f32::MIN } },
        Hostile { name: "dc", samples: LONG, f: |_| 1.0 },
        Hostile { name: "silence", samples: LONG, f: |_| 0.0 },
        Hostile { name: "one-sample", samples: 1, f: |_| 0.5 },
        Hostile { name: "empty", samples: 0, f: |_| 0.0 },
    ]
}

/// Checks one run of the matrix: it ended by itself (no signal, no abort), with 0 or 1, said
/// why on failure, left no temporary, and wrote `out` only on success (with finite samples).
fn check_run(what: &str, o: &Output, dir: &Path, out: Option<&Path>) {
    let code = o.status.code().unwrap_or_else(|| panic!("{what}: killed by a signal (an abort?)\n{}", err(o)));
    assert!(code == 0 || code == 1, "{what}: exit code {code}\n{}", err(o));
    if code == 1 {
        let e = err(o);
        assert!(e.lines().any(|l| l.starts_with("error: ") && l.len() > 20), "{what}: says why\n{e}");
        assert!(!e.contains("panicked"), "{what}: a panic\n{e}");
    }
    assert!(leftovers(dir).is_empty(), "{what}: left {:?}", leftovers(dir));
    if let Some(out) = out {
        assert_eq!(out.exists(), code == 0, "{what}: output written only on success");
        if code == 0 && out.extension().is_some_and(|e| e == "wav") {
            let (_, samples) = crate::common::read_wav(out);
            assert!(samples.iter().all(|x| x.is_finite() && x.abs() <= 1.0), "{what}: finite output");
            std::fs::remove_file(out).unwrap();
        }
    }
}

#[test]
fn hostile_float_files_through_every_command_that_reads_audio() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    // a real index to identify against, and a real programme for --crowd runs
    let music = test_audio("music/defeat.ogg");
    let o = run(d, &["index", music.to_str().unwrap(), "--db", "music.rfp"], Duration::from_mins(2));
    assert!(o.status.success(), "{}", err(&o));
    let programme = d.join("programme.wav");
    float_wav(&programme, RATE, LONG, |i| 0.2 * (i as f32 * 0.03).sin());
    let limit = Duration::from_mins(2);
    let mut runs = 0;
    for h in hostile_inputs() {
        let input = d.join(format!("{}.wav", h.name));
        float_wav(&input, RATE, h.samples, h.f);
        let inp = input.to_str().unwrap();
        let long = h.samples == LONG;
        let out = d.join("out.wav");
        let o = run(d, &["analyze", "--json", inp], limit);
        check_run(&format!("analyze {}", h.name), &o, d, None);
        assert_eq!(o.status.success(), h.samples > 0, "analyze {}: {}", h.name, err(&o));
        let o = run(d, &["highlight", inp, "--out", "out.wav"], limit);
        check_run(&format!("highlight {}", h.name), &o, d, Some(&out));
        assert_eq!(o.status.success(), long, "highlight {}: {}", h.name, err(&o));
        let _ = std::fs::remove_file(d.join("out.moments.json"));
        let o = run(d, &["render", "--in", inp, "--out", "out.wav"], limit);
        check_run(&format!("render --in {}", h.name), &o, d, Some(&out));
        assert!(!long || o.status.success(), "render --in {}: {}", h.name, err(&o));
        let o = run(d, &["render", "--in", "programme.wav", "--crowd", inp, "--out", "out.wav"], limit);
        check_run(&format!("render --crowd {}", h.name), &o, d, Some(&out));
        assert!(!long || o.status.success(), "render --crowd {}: {}", h.name, err(&o));
        let db = d.join(format!("{}.rfp", h.name));
        let o = run(d, &["index", inp, "--db", db.to_str().unwrap()], limit);
        check_run(&format!("index {}", h.name), &o, d, Some(&db));
        let o = run(d, &["identify", inp, "--db", "music.rfp", "--json"], limit);
        check_run(&format!("identify {}", h.name), &o, d, None);
        runs += 6;
    }
    assert_eq!(runs, 60);
}

/// Bytes of a file, to prove an input was left as it was.
fn bytes(p: &Path) -> Vec<u8> {
    std::fs::read(p).unwrap()
}

#[test]
fn an_output_that_is_an_input_is_refused_and_the_input_kept() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let take = d.join("match.wav");
    float_wav(&take, RATE, LONG, |i| 0.3 * (i as f32 * 0.01).sin());
    let original = bytes(&take);
    std::fs::hard_link(&take, d.join("hard.wav")).unwrap();
    std::os::unix::fs::symlink(&take, d.join("soft.wav")).unwrap();
    std::fs::create_dir(d.join("sub")).unwrap();
    std::fs::write(d.join("match.moments.json"), b"[{\"t\": 0.5, \"kind\": \"goal\"}]").unwrap();
    let events = bytes(&d.join("match.moments.json"));
    let cases: &[&[&str]] = &[
        &["render", "--in", "match.wav", "--out", "match.wav"],
        &["render", "--in", "match.wav", "--out", "hard.wav"],
        &["render", "--in", "soft.wav", "--out", "match.wav"],
        &["render", "--in", "match.wav", "--out", "sub/../match.wav"],
        &["render", "--in", "hard.wav", "--crowd", "match.wav", "--out", "soft.wav"],
        &["highlight", "match.wav", "--out", "match.wav"],
        &["highlight", "hard.wav", "--out", "soft.wav"],
        &["highlight", "x.wav", "--events", "match.moments.json", "--out", "match.wav"],
        &["highlight", "match.wav", "--out", "new.wav", "--plot", "soft.wav"],
        &["highlight", "x.wav", "--out", "new.wav", "--plot", "new.wav"],
        &["analyze", "match.wav", "--plot", "soft.wav"],
        &["index", "match.wav", "--db", "hard.wav"],
        &["demo", "--out", "match.wav", "--preset", "match.wav"],
    ];
    for args in cases {
        let o = run(d, args, Duration::from_mins(1));
        assert_eq!(o.status.code(), Some(1), "{args:?}\n{}", err(&o));
        assert!(err(&o).contains("same file"), "{args:?}: says why\n{}", err(&o));
        assert!(bytes(&take) == original && bytes(&d.join("match.moments.json")) == events, "{args:?} changed an input");
        assert!(!d.join("new.wav").exists() && leftovers(d).is_empty(), "{args:?}: {:?}", files_in(d));
    }
}

/// Waits until `dir` holds a `.part` file (the render is writing), at most `limit`.
fn wait_for_part(dir: &Path, limit: Duration) -> bool {
    let start = Instant::now();
    while start.elapsed() < limit {
        if files_in(dir).iter().any(|f| f.ends_with(".wav.part")) {
            return true;
        }
        std::thread::sleep(Duration::from_millis(10));
    }
    false
}

#[test]
fn a_signal_or_a_killed_run_leaves_no_part_file() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    // long enough that the render is still writing when the signal comes
    float_wav(&d.join("long.wav"), RATE, RATE as usize * 300, |i| 0.1 * (i as f32 * 0.02).sin());
    let out = d.join("out");
    std::fs::create_dir(&out).unwrap();
    for signal in ["INT", "TERM", "HUP"] {
        let mut c = resonance_cmd(d);
        c.args(["render", "--in", "long.wav", "--out", "out/render.wav"]);
        let child = c.spawn().unwrap();
        assert!(wait_for_part(&out, Duration::from_mins(1)), "the render started writing");
        let st = Command::new("kill").arg(format!("-{signal}")).arg(child.id().to_string()).status().unwrap();
        assert!(st.success());
        let o = bounded_wait(child, Duration::from_secs(20));
        assert_eq!(o.status.code(), Some(130), "SIG{signal}: {}", err(&o));
        assert!(files_in(&out).is_empty(), "SIG{signal} left {:?}", files_in(&out));
    }
    // SIGKILL cannot be caught: the next run into the folder removes what the dead one left,
    // and leaves a running process's alone
    let dead = out.join(".resonance-4294967-abc123.wav.part");
    let alive = out.join(format!(".resonance-{}-abc123.wav.part", std::process::id()));
    std::fs::write(&dead, vec![0u8; 4096]).unwrap();
    std::fs::write(&alive, b"").unwrap();
    float_wav(&d.join("short.wav"), RATE, LONG, |_| 0.0);
    let o = run(d, &["render", "--in", "short.wav", "--out", "out/short.wav"], Duration::from_mins(1));
    assert!(o.status.success(), "{}", err(&o));
    assert!(!dead.exists() && alive.exists(), "{:?}", files_in(&out));
}

fn bounded_wait(mut child: std::process::Child, limit: Duration) -> Output {
    let start = Instant::now();
    while child.try_wait().unwrap().is_none() {
        assert!(start.elapsed() < limit, "did not stop within {limit:?}");
        std::thread::sleep(Duration::from_millis(20));
    }
    child.wait_with_output().unwrap()
}

#[test]
fn a_failed_or_empty_index_is_not_written() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::create_dir(d.join("empty")).unwrap();
    let o = run(d, &["index", "empty", "--db", "x.rfp"], Duration::from_secs(30));
    assert_eq!(o.status.code(), Some(1));
    assert!(err(&o).contains("no files to index") && err(&o).contains("x.rfp was not written"), "{}", err(&o));
    std::fs::write(d.join("notes.txt"), b"not audio").unwrap();
    let o = run(d, &["index", "notes.txt", "--db", "x.rfp"], Duration::from_secs(30));
    assert_eq!(o.status.code(), Some(1));
    assert!(err(&o).contains("could be decoded") && err(&o).contains("not written"), "{}", err(&o));
    assert_eq!(files_in(d), ["empty", "notes.txt"], "no index and no temporary");
}

fn mode(p: &Path) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(p).unwrap().permissions().mode() & 0o777
}

#[test]
fn outputs_are_created_with_the_umask_mode() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    float_wav(&d.join("in.wav"), RATE, LONG, |i| 0.2 * (i as f32 * 0.05).sin());
    let exe = env!("CARGO_BIN_EXE_resonance");
    for (umask, expected) in [("022", 0o644), ("077", 0o600), ("002", 0o664)] {
        let outs: Vec<PathBuf> = ["r.wav", "h.wav", "h.moments.json", "i.rfp"].iter().map(|n| d.join(format!("{umask}-{n}"))).collect();
        let script = format!(
            "umask {umask} && {exe} render --in in.wav --out {umask}-r.wav && {exe} highlight in.wav --out {umask}-h.wav && {exe} index in.wav --db {umask}-i.rfp"
        );
        let mut c = Command::new("sh");
        c.args(["-c", &script]).current_dir(d).stdout(Stdio::piped()).stderr(Stdio::piped());
        let o = bounded(c, Duration::from_mins(2));
        assert!(o.status.success(), "{}", err(&o));
        for p in outs {
            assert_eq!(mode(&p), expected, "{} under umask {umask}", p.display());
        }
    }
}

#[test]
fn io_errors_name_their_path_once() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::write(d.join("a-file"), b"").unwrap();
    let o = run(d, &["bridge", "--data", "a-file", "--listen", "127.0.0.1:0", "--osc", "127.0.0.1:0"], Duration::from_secs(30));
    assert!(!o.status.success());
    let e = err(&o);
    assert_eq!(e.matches("os error").count(), 1, "{e}");
    assert!(e.contains("a-file") && e.contains("must name a folder"), "{e}");
    let o = run(d, &["render", "--in", "missing.wav", "--out", "x.wav"], Duration::from_secs(30));
    let e = err(&o);
    assert!(e.contains("missing.wav") && e.matches("os error").count() <= 1, "{e}");
    let o = run(d, &["highlight", "a-file", "--out", "no-such-folder/x.wav"], Duration::from_secs(30));
    let e = err(&o);
    assert_eq!(e.matches("a-file").count() + e.matches("no-such-folder").count(), 1, "one path, once: {e}");
}

#[test]
fn alsa_lib_does_not_print_its_own_errors() {
    let dir = tempfile::tempdir().unwrap();
    let o = run(dir.path(), &["live", "--demo", "--duration", "0.5", "--no-osc", "--quiet"], Duration::from_mins(1));
    assert!(o.status.success(), "{}", err(&o));
    let e = err(&o);
    assert!(!e.contains("ALSA lib"), "{e}");
    if !Path::new("/proc/asound/cards").exists() {
        assert!(e.contains("this machine has no sound card"), "{e}");
        assert!(!e.contains("may have been disconnected"), "{e}");
    }
    let o = run(dir.path(), &["devices"], Duration::from_secs(30));
    assert!(!err(&o).contains("ALSA lib"), "{}", err(&o));
}

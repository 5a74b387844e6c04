//! On-air clips and MIDI clip pads in the built plugin, as a host runs it: a pad note makes the
//! `.clap` ask the (fake) bridge for its clip by slug (`/resonance/clip`); the bridge's
//! `/resonance/command/clip` makes it fetch the file over HTTP (`?count=false`), check its
//! SHA-256, decode it, and play it on the engine's next beat, found in the output at exactly
//! the sample it reported in `/resonance/clip_scheduled`, while its audio thread allocates
//! nothing; a file whose SHA-256 is not the one named is refused with the reason.
//!
//! The MIDI map is a machine setting read when an instance is created (`RESONANCE_MIDI_MAP`),
//! so, as in [`crate::recognition`], the outer test runs the inner one in a child process of
//! this test binary with the variable set.

use std::io::{BufRead, BufReader, Write};
use std::net::{SocketAddr, TcpListener};
use std::process::Command;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use resonance_engine::Quantize;
use resonance_protocol::{Inbound, Outbound, decode_packet, encode_command, to_datagram};

use crate::clap_host::{Ev, Rig};
use crate::host::fake_bridge;

const INNER: &str = "clips::an_instance_with_pads_plays_a_fired_clip_on_its_beat";
const RATE: u32 = 48_000;
/// The pad's note (below the notes that switch style or fire cues).
const PAD_NOTE: u8 = 20;

#[test]
fn the_plugin_plays_a_fired_clip_and_its_pads_ask_the_bridge() {
    let dir = tempfile::tempdir().expect("temporary directory");
    let map = dir.path().join("pads.toml");
    std::fs::write(
        &map,
        format!("version = 1\nname = \"pads\"\n\n[[pad]]\nnote = {PAD_NOTE}\nclip = \"goal-horn\"\nquantize = \"beat\"\n"),
    )
    .expect("write the MIDI map");
    let out = Command::new(std::env::current_exe().expect("this test binary"))
        .args([INNER, "--exact", "--ignored", "--nocapture", "--test-threads=1"])
        .env("RESONANCE_MIDI_MAP", &map)
        .env_remove("RESONANCE_CLIPS_DIR")
        .env_remove("RESONANCE_CLIPS_URL")
        .env("XDG_CONFIG_HOME", dir.path())
        .output()
        .expect("run the inner test in a child process");
    let text = format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
    assert!(out.status.success(), "the plugin did not play the fired clip:\n{text}");
    assert!(text.contains("1 passed"), "the inner test did not run:\n{text}");
    if let Some(at) = text.find("clip through") {
        println!("{}", text[at..].lines().next().unwrap_or_default());
    }
}

/// 0.5 s of seeded white noise (one sharp autocorrelation peak: found to the sample under the
/// music) and its mono 32-bit float WAV file.
fn noise_clip() -> (Vec<f32>, Vec<u8>) {
    let mut seed = 0x2545_f491_4f6c_dd1d_u64;
    let noise: Vec<f32> = (0..RATE / 2)
        .map(|_| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            ((seed >> 40) as f32 / (1u64 << 24) as f32 - 0.5) * 1.2
        })
        .collect();
    let mut wav = std::io::Cursor::new(Vec::new());
    let spec = hound::WavSpec { channels: 1, sample_rate: RATE, bits_per_sample: 32, sample_format: hound::SampleFormat::Float };
    let mut w = hound::WavWriter::new(&mut wav, spec).expect("wav writer");
    for x in &noise {
        w.write_sample(*x).expect("write a sample");
    }
    w.finalize().expect("finish the wav");
    (noise, wav.into_inner())
}

/// A stand-in for the bridge's HTTP side: answers every request with `body` and 200, and
/// keeps each request line.
fn serve_clip_files(body: Vec<u8>) -> (u16, Arc<Mutex<Vec<String>>>) {
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind the fake bridge's HTTP port");
    let port = listener.local_addr().expect("address").port();
    let seen = Arc::new(Mutex::new(Vec::new()));
    let log = Arc::clone(&seen);
    std::thread::spawn(move || {
        for mut stream in listener.incoming().flatten() {
            let mut line = String::new();
            let mut reader = BufReader::new(stream.try_clone().expect("clone the stream"));
            let _ = reader.read_line(&mut line);
            // the rest of the header
            let mut h = String::new();
            while reader.read_line(&mut h).is_ok_and(|n| n > 2) {
                h.clear();
            }
            log.lock().unwrap_or_else(std::sync::PoisonError::into_inner).push(line.trim().to_string());
            let head = format!("HTTP/1.1 200 OK\r\nContent-Type: audio/wav\r\nContent-Length: {}\r\nConnection: close\r\n\r\n", body.len());
            let _ = stream.write_all(head.as_bytes()).and_then(|()| stream.write_all(&body));
        }
    });
    (port, seen)
}

/// Every protocol message the fake bridge has queued now.
fn bridge_messages() -> Vec<(SocketAddr, Inbound)> {
    let bridge = fake_bridge();
    bridge.set_nonblocking(true).expect("nonblocking");
    let mut buf = [0u8; 8192];
    let mut got = Vec::new();
    while let Ok((n, src)) = bridge.recv_from(&mut buf) {
        got.extend(decode_packet(&buf[..n]).into_iter().flatten().flatten().map(|m| (src, m)));
    }
    bridge.set_nonblocking(false).expect("blocking");
    got
}

/// Runs the plugin in 100 ms spans of silence (blocks of 480, 64 and 333) until `want` picks
/// a message out of what reached the bridge, or 20 s of wall time passed. Returns it, with the
/// C and Rust allocations the audio thread made meanwhile added to `allocs`.
fn run_until<T>(
    rig: &mut Rig,
    main: &mut Vec<f32>,
    events: &[(usize, Ev)],
    allocs: &mut (usize, usize),
    mut want: impl FnMut(&Inbound) -> Option<T>,
) -> Option<T> {
    let span = vec![0.0f32; (RATE / 10) as usize];
    let start = Instant::now();
    let mut first = true;
    while start.elapsed() < Duration::from_secs(20) {
        let run = rig.process(&[480, 64, 333], &span, None, if first { events } else { &[] });
        first = false;
        allocs.0 += run.c_allocs;
        allocs.1 += run.rust_allocs;
        main.extend_from_slice(&run.main[0]);
        std::thread::sleep(Duration::from_millis(20));
        if let Some(t) = bridge_messages().iter().find_map(|(_, m)| want(m)) {
            return Some(t);
        }
    }
    None
}

#[test]
#[ignore = "run by the_plugin_plays_a_fired_clip_and_its_pads_ask_the_bridge with RESONANCE_MIDI_MAP set"]
fn an_instance_with_pads_plays_a_fired_clip_on_its_beat() {
    let (noise, wav) = noise_clip();
    let sha256 = resonance_io::clips::sha256_hex(&wav);
    let (port, requests) = serve_clip_files(wav);
    let mut inst = {
        crate::host::entry();
        bridge_messages();
        crate::host::new_instance()
    };
    // the instance's command socket: where its hello came from
    let start = Instant::now();
    let mut plugin = None;
    while plugin.is_none() && start.elapsed() < Duration::from_secs(10) {
        plugin = bridge_messages().into_iter().find(|(_, m)| matches!(m, Inbound::Hello { .. })).map(|(a, _)| a);
    }
    let plugin = plugin.expect("the plugin announced itself to the bridge");
    let mut rig = Rig::start(&mut inst, f64::from(RATE), 480);
    let mut main = Vec::new();
    let mut allocs = (0, 0);

    // A pad press on the plugin's note input asks the bridge for the clip by its slug.
    let press = [(1000, Ev::Midi([0x90, PAD_NOTE, 100]))];
    let asked = run_until(&mut rig, &mut main, &press, &mut allocs, |m| match m {
        Inbound::ClipFire { clip, quantize } => Some((clip.clone(), *quantize)),
        _ => None,
    });
    assert_eq!(asked, Some(("goal-horn".to_string(), Some(Quantize::Beat))), "the pad asks the bridge for its clip");

    // The bridge fires it: fetched, checked, decoded, played on the next beat.
    let id = "clp_0011223344556677";
    let fire =
        Outbound::Clip { id: id.into(), sha256: sha256.clone(), quantize: Quantize::Beat, gain_db: 0.0, fire_id: "f-1".into(), port };
    let socket = std::net::UdpSocket::bind("127.0.0.1:0").expect("bind");
    socket.send_to(&to_datagram(encode_command(&fire)), plugin).expect("send the fire");
    let fired_at = main.len();
    let at = run_until(&mut rig, &mut main, &[], &mut allocs, |m| match m {
        Inbound::ClipScheduled { id: i, fire_id, at } if i == id && fire_id == "f-1" => Some(*at),
        Inbound::ClipRefused { reason, .. } => panic!("the clip was refused: {reason}"),
        _ => None,
    })
    .expect("the plugin reported the clip scheduled");
    let at = usize::try_from(at).expect("a sample index");
    assert!(at >= fired_at, "the clip starts after it was fired ({at} < {fired_at})");
    while main.len() < at + noise.len() + 4800 {
        let run = rig.process(&[480, 64, 333], &vec![0.0f32; (RATE / 10) as usize], None, &[]);
        allocs.0 += run.c_allocs;
        allocs.1 += run.rust_allocs;
        main.extend_from_slice(&run.main[0]);
    }

    // Where the noise sits in the output: the lag of the largest cross-correlation.
    let probe = &noise[..4096];
    let corr = |lag: usize| -> f64 { probe.iter().zip(&main[lag..]).map(|(a, b)| f64::from(*a) * f64::from(*b)).sum() };
    let scores: Vec<(usize, f64)> = (at.saturating_sub(4800)..at + 4800).map(|l| (l, corr(l))).collect();
    let (best, peak) = scores.iter().copied().fold((0, f64::MIN), |m, s| if s.1 > m.1 { s } else { m });
    let mut others: Vec<f64> = scores.iter().filter(|s| s.0.abs_diff(best) > 8).map(|s| s.1.abs()).collect();
    others.sort_by(f64::total_cmp);
    let typical = others[others.len() / 2];
    assert!(peak > 20.0 * typical, "the clip is audible in the output (peak {peak:.3}, typical {typical:.3})");
    assert_eq!(best, at, "the clip starts on the output sample the plugin reported");
    let fetched = requests.lock().unwrap_or_else(std::sync::PoisonError::into_inner).clone();
    assert_eq!(fetched, vec![format!("GET /play/{id}/stream?count=false HTTP/1.1")], "one fetch, not counted as a listen");

    // A file that is not the one the bridge named is refused, with the reason.
    let wrong = Outbound::Clip {
        id: "clp_8899aabbccddeeff".into(),
        sha256: "00".repeat(32),
        quantize: Quantize::Beat,
        gain_db: 0.0,
        fire_id: "f-2".into(),
        port,
    };
    socket.send_to(&to_datagram(encode_command(&wrong)), plugin).expect("send the fire");
    let reason = run_until(&mut rig, &mut main, &[], &mut allocs, |m| match m {
        Inbound::ClipRefused { fire_id, reason, .. } if fire_id == "f-2" => Some(reason.clone()),
        Inbound::ClipScheduled { fire_id, .. } if fire_id == "f-2" => panic!("a file with the wrong SHA-256 was played"),
        _ => None,
    })
    .expect("the plugin refused the wrong file");
    assert!(reason.contains("SHA-256"), "{reason}");
    rig.stop(&mut inst);
    assert_eq!(allocs, (0, 0), "the audio thread allocated while clips were loaded and played");
    println!(
        "clip through the .clap: on air at output sample {at} ({:.3} s after the fire), found there to the sample",
        (at - fired_at) as f64 / f64::from(RATE)
    );
}

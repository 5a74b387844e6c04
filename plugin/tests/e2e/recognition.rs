//! Music recognition in the built plugin, as a host runs it: with `RESONANCE_INDEX` naming an
//! index built from real music, the `.clap` hears a track on its main input and tells the
//! bridge what is playing (`/resonance/now_playing`), then that it ended, while its audio
//! thread still allocates nothing.
//!
//! The index is a machine setting read when an instance is created, from the process's
//! environment. Setting it here would change every other test's instances, so the outer test
//! builds the index and runs the inner one (ignored in a normal run) in a child process of
//! this same test binary with the variable set.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use resonance_io::fingerprint::index::Index;
use rosc::{OscPacket, OscType};

use crate::clap_host::Rig;
use crate::host::{self, fake_bridge, new_instance};

const PLAYED: &str = "RESONANCE_E2E_PLAYED";
const INNER: &str = "recognition::instance_with_an_index_reports_now_playing_and_ended";
const RATE: u32 = 48_000;

/// Three real tracks of the shared set, sorted by name: the index holds all of them.
fn tracks() -> Vec<PathBuf> {
    let dir = resonance_test_support::test_audio_dir().join("music");
    let mut all: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}; run ../shared/data/fetch-test-audio.sh target/test-audio", dir.display()))
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "ogg"))
        .collect();
    all.sort();
    assert!(all.len() >= 3, "fewer than 3 music files in {}", dir.display());
    vec![all[0].clone(), all[all.len() / 2].clone(), all[all.len() - 1].clone()]
}

#[test]
fn the_plugin_names_the_music_on_its_input() {
    let dir = tempfile::tempdir().expect("temporary directory");
    let tracks = tracks();
    let mut index = Index::new();
    let added = index.add_files(&tracks, &|p, r| assert!(r.is_ok(), "{} did not index: {r:?}", p.display()));
    assert_eq!(added.len(), tracks.len());
    let db = dir.path().join("library.rfp");
    index.save(&db).expect("save the index");

    let played = &tracks[1];
    let out = Command::new(std::env::current_exe().expect("this test binary"))
        .args([INNER, "--exact", "--ignored", "--nocapture", "--test-threads=1"])
        .env("RESONANCE_INDEX", &db)
        .env(PLAYED, played)
        .output()
        .expect("run the inner test in a child process");
    let text = format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
    assert!(out.status.success(), "the plugin with an index did not name {}:\n{text}", played.display());
    assert!(text.contains("1 passed"), "the inner test did not run:\n{text}");
    if let Some(at) = text.find("recognition through") {
        println!("{}", text[at..].lines().next().unwrap_or_default());
    }
}

/// What the bridge should read for `path`: the tag title, else the indexed file's stem.
fn expected_title(index: &Index, path: &Path) -> String {
    let stem = path.file_stem().and_then(|s| s.to_str()).expect("a file stem");
    let id = index.find(stem).unwrap_or_else(|| panic!("{stem} is not in the index"));
    let info = index.track(id).expect("track info");
    info.title.clone().unwrap_or_else(|| info.name.clone())
}

/// Every `/resonance/now_playing` queued at the fake bridge now, as (title, confidence).
fn now_playing_messages() -> Vec<(String, f32)> {
    let bridge = fake_bridge();
    bridge.set_nonblocking(true).expect("nonblocking");
    let mut buf = [0u8; 4096];
    let mut got = Vec::new();
    while let Ok((n, _)) = bridge.recv_from(&mut buf) {
        if let Ok((_, OscPacket::Message(m))) = rosc::decoder::decode_udp(&buf[..n])
            && m.addr == resonance_protocol::addr::NOW_PLAYING
        {
            let title = match m.args.first() {
                Some(OscType::String(s)) => s.clone(),
                _ => continue,
            };
            let conf = match m.args.get(2) {
                Some(OscType::Float(c)) => *c,
                _ => 0.0,
            };
            got.push((title, conf));
        }
    }
    bridge.set_nonblocking(false).expect("blocking");
    got
}

#[test]
#[ignore = "run by the_plugin_names_the_music_on_its_input with RESONANCE_INDEX set"]
fn instance_with_an_index_reports_now_playing_and_ended() {
    let db = PathBuf::from(std::env::var_os("RESONANCE_INDEX").expect("RESONANCE_INDEX"));
    let played = PathBuf::from(std::env::var_os(PLAYED).expect(PLAYED));
    let index = Index::load(&db).expect("load the index");
    let want = expected_title(&index, &played);

    // 40 s of the track from 20 s in (past any quiet intro), mono at the host's rate.
    let decoded = resonance_io::decode::decode_file(&played).expect("decode the played track");
    let mono = resonance_io::decode::resample(&decoded.to_mono(), decoded.sample_rate, RATE).expect("resample");
    let from = (20 * RATE) as usize;
    let music = &mono[from.min(mono.len())..(60 * RATE as usize).min(mono.len())];
    assert!(music.len() >= (20 * RATE) as usize, "{} is too short for this test", played.display());

    host::entry();
    let mut inst = new_instance();
    let mut rig = Rig::start(&mut inst, f64::from(RATE), 480);
    now_playing_messages(); // whatever came before the music
    // 100 ms spans at about 4x real time: the matcher thread runs beside the "audio thread".
    let span = (RATE / 10) as usize;
    let mut heard_at = None;
    let mut named = Vec::new();
    let (mut c_allocs, mut rust_allocs) = (0, 0);
    for (i, chunk) in music.chunks(span).enumerate() {
        let run = rig.process(&[480, 64, 333], chunk, None, &[]);
        c_allocs += run.c_allocs;
        rust_allocs += run.rust_allocs;
        std::thread::sleep(Duration::from_millis(25));
        for (title, conf) in now_playing_messages() {
            if !title.is_empty() {
                heard_at.get_or_insert(i as f64 * 0.1);
                named.push((title, conf));
            }
        }
    }
    let heard_at = heard_at.unwrap_or_else(|| panic!("no now_playing for {} in {} s of it", played.display(), music.len() / RATE as usize));
    assert!(named.iter().all(|(t, _)| *t == want), "the plugin named the wrong track: {named:?}, want {want}");
    assert!(named.iter().all(|(_, c)| (0.0..=1.0).contains(c) && *c > 0.0), "confidence in (0, 1]: {named:?}");

    // Silence: "ended" (an empty title) follows within a few seconds of audio.
    let silence = vec![0.0f32; span];
    let start = Instant::now();
    let mut ended_after = None;
    for i in 0..150 {
        let run = rig.process(&[480], &silence, None, &[]);
        c_allocs += run.c_allocs;
        rust_allocs += run.rust_allocs;
        std::thread::sleep(Duration::from_millis(25));
        if now_playing_messages().iter().any(|(t, _)| t.is_empty()) {
            ended_after = Some(f64::from(i) * 0.1);
            break;
        }
    }
    rig.stop(&mut inst);
    let ended_after = ended_after.unwrap_or_else(|| panic!("no 'ended' after 15 s of silence ({:?} wall)", start.elapsed()));
    assert_eq!((c_allocs, rust_allocs), (0, 0), "the audio thread allocated with recognition on");
    println!("recognition through the .clap: named {want:?} after {heard_at:.1} s of music; ended after {ended_after:.1} s of silence");
}

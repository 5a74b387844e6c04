//! The bridge's web page in headless Chromium (playwright-core, tests/browser/): it loads, shows
//! live data arriving over OSC from a fake engine (mood, now playing, xruns, loudness, its
//! styles), refuses a style that does not exist, keeps the event log readable (mood commands
//! folded into one line), and its controls reach that engine as OSC.
//!
//! Needs Debian's `chromium` and `npm ci` in tests/browser (see the bridge section of the CI
//! notes); fails with those instructions when they are missing.

use std::net::UdpSocket;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use rosc::{OscMessage, OscPacket, OscType};

use crate::bridge::spawn_bridge;

fn osc(addr: &str, args: Vec<OscType>) -> Vec<u8> {
    rosc::encoder::encode(&OscPacket::Message(OscMessage { addr: addr.into(), args })).unwrap()
}

/// The page scripts' folder and Chromium's path, or a failure saying how to install them.
fn browser() -> (PathBuf, String) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let browser_dir = root.join("tests/browser");
    assert!(
        browser_dir.join("node_modules/playwright-core").is_dir(),
        "playwright-core is missing: run `npm ci --prefix tests/browser` (needs node and npm)"
    );
    let chromium = std::env::var("CHROMIUM").unwrap_or_else(|_| "/usr/bin/chromium".into());
    assert!(Path::new(&chromium).exists(), "{chromium} not found: run `apt-get install -y chromium` or set CHROMIUM");
    (browser_dir, chromium)
}

#[test]
fn web_page_shows_live_engine_data_and_controls_reach_the_engine() {
    let (browser_dir, chromium) = browser();

    let dir = tempfile::tempdir().unwrap();
    let b = spawn_bridge(dir.path(), &[]);
    let key = b.key.clone().unwrap();
    // The fake engine: says hello for the session, then reports mood, now playing and xruns.
    let engine = UdpSocket::bind("127.0.0.1:0").unwrap();
    engine.set_read_timeout(Some(Duration::from_millis(200))).unwrap();
    let stop = Arc::new(AtomicBool::new(false));
    let sender = {
        let engine = engine.try_clone().unwrap();
        let (stop, target) = (stop.clone(), b.osc);
        std::thread::spawn(move || {
            let mut t = 0i64;
            while !stop.load(Ordering::Relaxed) {
                t += 4800;
                let v = ((t / 4800) % 20) as f32 / 20.0;
                for d in [
                    osc("/resonance/hello", vec![OscType::String("final".into())]),
                    osc(
                        "/resonance/mood",
                        vec![
                            OscType::Float(v),
                            OscType::Float(0.8),
                            OscType::String("celebration".into()),
                            OscType::Float(0.9),
                            OscType::Long(t),
                        ],
                    ),
                    osc("/resonance/now_playing", vec![OscType::String("Test Anthem".into()), OscType::String("Resonance".into())]),
                    osc("/resonance/xruns", vec![OscType::Int(2)]),
                    osc("/resonance/loudness", vec![OscType::Float(-23.5), OscType::Float(-24.0)]),
                    osc("/resonance/styles", vec![OscType::String("stadium-anthem".into()), OscType::String("fake-engine-style".into())]),
                ] {
                    engine.send_to(&d, target).unwrap();
                }
                if t == 4800 * 10 {
                    // one crowd event, which the log must keep in sight among the mood updates
                    let ev = osc("/resonance/event", vec![OscType::String("goal_roar".into()), OscType::Float(0.9)]);
                    engine.send_to(&ev, target).unwrap();
                }
                std::thread::sleep(Duration::from_millis(100));
            }
        })
    };
    let out = Command::new("node")
        .arg(browser_dir.join("bridge_page.mjs"))
        .env("BRIDGE_URL", format!("http://{}", b.http))
        .env("BRIDGE_KEY", &key)
        .env("BRIDGE_SESSION", "final")
        .env("CHROMIUM", &chromium)
        .output()
        .expect("run node (apt-get install -y nodejs npm)");
    stop.store(true, Ordering::Relaxed);
    sender.join().unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success() && stdout.contains("STEP done"), "browser test failed:\n{stdout}\n{stderr}");

    // What the clicks sent to the engine (the socket kept them queued).
    let mut got_cue = false;
    let mut got_style = false;
    let mut buf = [0u8; 9000];
    let deadline = Instant::now() + Duration::from_secs(5);
    while Instant::now() < deadline && !(got_cue && got_style) {
        let Ok((n, _)) = engine.recv_from(&mut buf) else { continue };
        let Ok((_, OscPacket::Message(m))) = rosc::decoder::decode_udp(&buf[..n]) else { continue };
        match (m.addr.as_str(), m.args.as_slice()) {
            ("/resonance/command/cue", [OscType::String(c)]) if c == "home_goal" => got_cue = true,
            ("/resonance/command/style", [OscType::String(s), OscType::String(q)]) if s == "cinematic-orchestral" && q == "beat" => {
                got_style = true;
            }
            ("/resonance/command/style", [OscType::String(s), _]) => panic!("a style that does not exist reached the engine: {s}"),
            _ => {}
        }
    }
    assert!(got_cue, "the stinger click never reached the engine");
    assert!(got_style, "the style control never reached the engine");
}

/// The page's Identify panel in headless Chromium: the fake microphone plays a WAV excerpt of
/// a catalogue track from 20 s to 50 s (Chromium's `--use-file-for-fake-audio-capture`), the
/// panel records 8 s with `MediaRecorder` (WebM/Opus), sends it to `POST /api/v1/recognize`
/// and shows that track at a position inside the excerpt (the fake device starts playing when
/// the browser opens it, before the click, so the exact second is not fixed); then a title is
/// edited and the track removed in the catalogue table, which the API confirms.
#[test]
fn identify_panel_names_the_track_the_microphone_hears() {
    let (browser_dir, chromium) = browser();

    let music = resonance_test_support::test_audio_dir().join("music");
    let dir = tempfile::tempdir().unwrap();
    let library = tempfile::tempdir().unwrap();
    for f in ["main_menu.ogg", "sad.ogg", "elf-land.ogg"] {
        std::fs::copy(music.join(f), library.path().join(f)).unwrap();
    }
    let b = spawn_bridge(dir.path(), &["--library", library.path().to_str().unwrap()]);
    let key = b.key.clone().unwrap();
    let mut conn = crate::bridge::Conn::open(b.http).unwrap();
    let (s, v) = conn.req("POST", "/api/v1/tracks/import", Some(&key), r#"{"path": "."}"#).unwrap();
    assert_eq!((s, v["added"].as_array().map(Vec::len)), (200, Some(3)), "{v}");
    let menu = v["added"].as_array().unwrap().iter().find(|t| t["source"].as_str().unwrap().ends_with("main_menu.ogg")).unwrap().clone();

    // The fake microphone: 30 s of the track (51 s long) from 20 s, 48 kHz 16-bit stereo WAV.
    let d = resonance_io::decode::decode_file(&music.join("main_menu.ogg")).unwrap();
    let mono = resonance_io::decode::resample(&d.to_mono(), d.sample_rate, 48_000).unwrap();
    let mic = dir.path().join("mic.wav");
    let spec = hound::WavSpec { channels: 2, sample_rate: 48_000, bits_per_sample: 16, sample_format: hound::SampleFormat::Int };
    let mut w = hound::WavWriter::create(&mic, spec).unwrap();
    for s in &mono[48_000 * 20..48_000 * 50] {
        let v = (s.clamp(-1.0, 1.0) * 32_000.0) as i16;
        w.write_sample(v).unwrap();
        w.write_sample(v).unwrap();
    }
    w.finalize().unwrap();

    let out = Command::new("node")
        .arg(browser_dir.join("identify_panel.mjs"))
        .env("BRIDGE_URL", format!("http://{}", b.http))
        .env("BRIDGE_KEY", &key)
        .env("MIC_WAV", &mic)
        .env("EXPECT_TITLE", menu["title"].as_str().unwrap())
        .env("CHROMIUM", &chromium)
        .output()
        .expect("run node (apt-get install -y nodejs npm)");
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success() && stdout.contains("STEP done"), "browser test failed:\n{stdout}\n{stderr}");
    let result: serde_json::Value =
        serde_json::from_str(stdout.lines().find_map(|l| l.strip_prefix("RESULT ")).expect("the script prints its RESULT")).unwrap();
    assert_eq!(result["type"], "audio/webm;codecs=opus", "Chromium recorded WebM/Opus: {result}");
    // the position shown (the match's offset plus the time since recording began) lies in the
    // excerpt, at least the 8 s recorded after its start, and is what the text says
    let at = result["position"].as_f64().unwrap();
    assert!((27.5..=52.0).contains(&at), "shown position {at:.2} s: {result}");
    let mmss = format!("at {}:{:02}", (at / 60.0) as u32, (at % 60.0) as u32);
    assert!(result["text"].as_str().unwrap().contains(&mmss), "{mmss}: {result}");

    let (s, v) = conn.req("GET", "/api/v1/tracks?q=Edited%20In%20The%20Page", Some(&key), "").unwrap();
    assert_eq!((s, v["total"].as_i64()), (200, Some(0)), "the edited track was removed: {v}");
    let (s, v) = conn.req("GET", "/api/v1/tracks", Some(&key), "").unwrap();
    assert_eq!((s, v["total"].as_i64()), (200, Some(2)), "{v}");
}

/// The clip panel in headless Chromium: a real file uploaded through the page's file input is
/// listed, plays in the page, its listen count goes up live, its waveform is drawn; its "on
/// air" button (on the bar) reaches a fake engine of the page's session as
/// `/resonance/command/clip` with the clip's SHA-256, and that engine's report shows on the
/// page and counts one on-air play; the counts the API reports agree.
#[test]
fn clip_board_uploads_lists_plays_and_counts_in_chromium() {
    let (browser_dir, chromium) = browser();
    let dir = tempfile::tempdir().unwrap();
    let b = spawn_bridge(dir.path(), &[]);
    let key = b.key.clone().unwrap();
    let clip = resonance_test_support::test_audio_dir().join("events/crowdcheer.wav");
    // The fake engine of session "default": says hello, plays (reports) every clip fired to it.
    let engine = UdpSocket::bind("127.0.0.1:0").unwrap();
    engine.set_read_timeout(Some(Duration::from_millis(200))).unwrap();
    let stop = Arc::new(AtomicBool::new(false));
    let fake = {
        let (stop, target) = (stop.clone(), b.osc);
        std::thread::spawn(move || {
            let mut fired = Vec::new();
            let mut buf = [0u8; 9000];
            let mut last_hello: Option<Instant> = None;
            while !stop.load(Ordering::Relaxed) {
                if last_hello.is_none_or(|t| t.elapsed() > Duration::from_millis(500)) {
                    engine.send_to(&osc("/resonance/hello", vec![OscType::String("default".into())]), target).unwrap();
                    last_hello = Some(Instant::now());
                }
                let Ok((n, _)) = engine.recv_from(&mut buf) else { continue };
                let Ok((_, OscPacket::Message(m))) = rosc::decoder::decode_udp(&buf[..n]) else { continue };
                if m.addr != "/resonance/command/clip" {
                    continue;
                }
                if let [OscType::String(id), OscType::String(sha), OscType::String(q), _, OscType::String(fire_id), ..] = m.args.as_slice()
                {
                    let at = OscType::Long(96_000);
                    let report = osc("/resonance/clip_scheduled", vec![OscType::String(id.clone()), OscType::String(fire_id.clone()), at]);
                    engine.send_to(&report, target).unwrap();
                    fired.push((id.clone(), sha.clone(), q.clone()));
                }
            }
            fired
        })
    };
    let out = Command::new("node")
        .arg(browser_dir.join("clips_page.mjs"))
        .env("BRIDGE_URL", format!("http://{}", b.http))
        .env("BRIDGE_KEY", &key)
        .env("CLIP_FILE", &clip)
        .env("CHROMIUM", &chromium)
        .output()
        .expect("run node (apt-get install -y nodejs npm)");
    stop.store(true, Ordering::Relaxed);
    let fired = fake.join().unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success() && stdout.contains("STEP done"), "browser test failed:\n{stdout}\n{stderr}");
    let mut c = crate::bridge::Conn::open(b.http).unwrap();
    let (s, list) = c.req("GET", "/play", None, "").unwrap();
    assert_eq!(s, 200);
    let clip = &list["clips"][0];
    assert_eq!(clip["content_type"], "audio/wav");
    assert!(clip["listens"].as_i64().unwrap() >= 1, "{list}");
    let id = clip["id"].as_str().unwrap().to_string();
    let sha =
        resonance_io::clips::sha256_hex(&std::fs::read(resonance_test_support::test_audio_dir().join("events/crowdcheer.wav")).unwrap());
    assert_eq!(fired, vec![(id.clone(), sha, "bar".to_string())], "one fire of the uploaded file, on the bar, reached the engine");
    let (s, stats) = c.req("GET", &format!("/play/{id}/stats"), None, "").unwrap();
    assert_eq!((s, stats["on_air_plays"].as_i64()), (200, Some(1)), "{stats}");
}

/// The discovery section in Chromium, with the real bridge process and fakes of ListenBrainz,
/// MusicBrainz and slskd on 127.0.0.1: run lb-fetch from the page, the proposal appears with
/// its cover and why, approve it, it reaches the wishlist, the downloader (run from the page)
/// completes the fake download, and slskd got each file once.
#[test]
fn discovery_section_proposes_approves_and_downloads_in_chromium() {
    use resonance_bridge::clients::listenbrainz::fake::FakeListenBrainz;
    use resonance_bridge::clients::musicbrainz::fake::{FakeAlbum, FakeMusicBrainz};
    use resonance_bridge::clients::slskd::fake::{Behaviour, FakePeer, FakeSlskd};
    let (browser_dir, chromium) = browser();
    let dir = tempfile::tempdir().unwrap();
    let rt = tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build().unwrap();
    let (lb, mb, sk) = rt.block_on(async {
        let lb = FakeListenBrainz::start().await;
        lb.set_recs("alice", &[("r1", 3.0)]);
        let mb = FakeMusicBrainz::start(Duration::from_millis(900)).await;
        mb.add_album(FakeAlbum {
            rgid: "rg-a".into(),
            release_id: "rel-a".into(),
            title: "Great Album".into(),
            artist_id: "ar-a".into(),
            artist: "Ay".into(),
            date: "1997-05-01".into(),
            secondary: Vec::new(),
            tracks: (0..3).map(|i| (format!("Song {i}"), 200_000)).collect(),
        });
        mb.add_recording("r1", "One", "Ay", &["rg-a"]);
        let sk = FakeSlskd::start("sk", dir.path().join("slskd")).await;
        sk.add_peer(FakePeer {
            username: "flacpeer".into(),
            matches: "great album".into(),
            directory: "@@f\\Ay - Great Album [FLAC]".into(),
            files: (0..3).map(|i| (format!("{:02} Song {i}.flac", i + 1), 5000, 200, None)).collect(),
            upload_speed: 1_000_000,
            free_slot: true,
            queue_length: 0,
            behaviour: Behaviour::Complete,
        });
        (lb, mb, sk)
    });
    let b = spawn_bridge(&dir.path().join("bridge"), &[]);
    let key = b.key.clone().unwrap();
    let settings = serde_json::json!({"lb_user": "alice", "listenbrainz_url": lb.server.url(), "musicbrainz_url": mb.url(),
        "mb_contact": "test@example.org", "slskd_url": sk.url(), "slskd_key": "sk", "poll_ms": 20, "search_wait_s": 5, "timeout_s": 5});
    let mut c = crate::bridge::Conn::open(b.http).unwrap();
    let (s, v) = c.req("PUT", "/api/v1/discovery/settings", Some(&key), &settings.to_string()).unwrap();
    assert_eq!(s, 200, "{v}");
    let out = Command::new("node")
        .arg(browser_dir.join("discovery_page.mjs"))
        .env("BRIDGE_URL", format!("http://{}", b.http))
        .env("BRIDGE_KEY", &key)
        .env("CHROMIUM", &chromium)
        .output()
        .expect("run node (apt-get install -y nodejs npm)");
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success() && stdout.contains("STEP done"), "browser test failed:\n{stdout}\n{stderr}");
    let enqueues = sk.enqueues();
    assert_eq!(enqueues.len(), 3, "{enqueues:?}");
    assert!(enqueues.values().all(|n| *n == 1), "{enqueues:?}");
    drop(rt);
}

/// The copyright guard on the page in headless Chromium: a catalogue track (imported from a
/// real file) is set `not_cleared` in the catalogue table; a fake engine, seeing that through
/// the API, reports it playing; the guard panel shows the track with its clearance, DUCKING and
/// the logged duck, and the engine got the guard command with its lease. A click on Override releases the duck: the panel shows it, and the engine gets the
/// release (0 dB).
#[test]
fn guard_panel_shows_the_duck_and_its_override_button_releases_it() {
    let (browser_dir, chromium) = browser();
    let music = resonance_test_support::test_audio_dir().join("music");
    let dir = tempfile::tempdir().unwrap();
    let library = tempfile::tempdir().unwrap();
    std::fs::copy(music.join("main_menu.ogg"), library.path().join("main_menu.ogg")).unwrap();
    let b = spawn_bridge(dir.path(), &["--library", library.path().to_str().unwrap()]);
    let key = b.key.clone().unwrap();
    let mut conn = crate::bridge::Conn::open(b.http).unwrap();
    let (s, v) = conn.req("POST", "/api/v1/tracks/import", Some(&key), r#"{"path": "."}"#).unwrap();
    assert_eq!((s, v["added"].as_array().map(Vec::len)), (200, Some(1)), "{v}");
    let track = v["added"][0].clone();
    let id = track["id"].as_str().unwrap().to_string();

    // The fake engine: hello (kept alive); once the page has marked the track not cleared, the
    // track is heard, reported by its id as the live host reports an untagged catalogue track.
    let engine = UdpSocket::bind("127.0.0.1:0").unwrap();
    engine.set_read_timeout(Some(Duration::from_millis(200))).unwrap();
    let title = id.clone();
    let stop = Arc::new(AtomicBool::new(false));
    let keeper = {
        let (engine, stop, target, http, key) = (engine.try_clone().unwrap(), stop.clone(), b.osc, b.http, key.clone());
        let heard = osc("/resonance/now_playing", vec![OscType::String(id.clone()), OscType::String(String::new())]);
        std::thread::spawn(move || {
            let hello = osc("/resonance/hello", vec![OscType::String("guarded".into())]);
            let mut conn = crate::bridge::Conn::open(http).unwrap();
            let mut sent = false;
            while !stop.load(Ordering::Relaxed) {
                engine.send_to(&hello, target).unwrap();
                if !sent {
                    let (_, c) = conn.req("GET", &format!("/api/v1/tracks/{id}/clearance"), Some(&key), "").unwrap();
                    if c["state"] == "not_cleared" {
                        engine.send_to(&heard, target).unwrap();
                        sent = true;
                    }
                }
                std::thread::sleep(Duration::from_millis(250));
            }
        })
    };
    let out = Command::new("node")
        .arg(browser_dir.join("guard_page.mjs"))
        .env("BRIDGE_URL", format!("http://{}", b.http))
        .env("BRIDGE_KEY", &key)
        .env("BRIDGE_SESSION", "guarded")
        .env("EXPECT_TITLE", &title)
        .env("CHROMIUM", &chromium)
        .output()
        .expect("run node (apt-get install -y nodejs npm)");
    stop.store(true, Ordering::Relaxed);
    keeper.join().unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success() && stdout.contains("STEP done"), "browser test failed:\n{stdout}\n{stderr}");

    // What reached the engine, in order: the duck with its lease, then the release.
    let mut gains = Vec::new();
    let mut buf = [0u8; 9000];
    let deadline = Instant::now() + Duration::from_secs(5);
    while Instant::now() < deadline && !gains.contains(&0.0) {
        let Ok((n, _)) = engine.recv_from(&mut buf) else { continue };
        let Ok((_, OscPacket::Message(m))) = rosc::decoder::decode_udp(&buf[..n]) else { continue };
        if let ("/resonance/command/guard", [OscType::Float(g), OscType::Int(_fade), OscType::Int(lease)]) =
            (m.addr.as_str(), m.args.as_slice())
        {
            assert_eq!(*lease > 0, *g < 0.0, "a duck has a lease, a release none");
            gains.push(*g);
        }
    }
    assert_eq!(gains.first(), Some(&-20.0), "{gains:?}");
    assert_eq!(gains.last(), Some(&0.0), "the override released the duck: {gains:?}");
}

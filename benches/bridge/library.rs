//! The music library's bridge-side targets (issue 26), against the fake Spotify Web API
//! (`resonance_bridge::clients::spotify::fake`, rspotify pointed at it through its base URLs,
//! real HTTP on 127.0.0.1) and the real `resonance library scan`:
//!
//! 1. **Trigger to play command**: a `boss_appears` telemetry POST (real HTTP, keep-alive) to
//!    the moment the Spotify play command (`PUT /v1/me/player/play`) arrives at the fake, one
//!    trigger at a time (the next after the previous play arrived, 20 ms apart); every trigger
//!    switches track. Target ≤ 100 ms.
//! 2. **Telemetry while Spotify stalls**: every request to the fake hangs for 30 s; 100 POSTs/s
//!    of `boss_appears` telemetry on 4 connections, open loop (latency from each request's
//!    due time, so a stall is not hidden by coordinated omission). Target p99 ≤ 5 ms. The same
//!    load with the fake answering runs first, as the baseline of the machine at that moment.
//! 3. **Library analysis speed**: `resonance library scan FOLDER` (this package's binary, as
//!    built for the bench) over the test audio's music (39 Wesnoth tracks, Ogg Vorbis), into
//!    an empty data directory: seconds of audio per CPU-second of the process (user + system,
//!    all its threads: "per core"). Two figures: the library's duration (what a user's library
//!    is made of) and the audio the scan decodes (it measures up to `mood::ANALYSE_S` seconds
//!    from `mood::SKIP_S` in, so it decodes at most the first 110 s of a track). Target
//!    ≥ 200× real time per core.
//!
//! `cargo bench --bench bridge -- --library` (`--quick`: 50 triggers, 2 s of each telemetry load,
//! 6 tracks scanned). The fake runs on a runtime of its own (one worker), the bridge on the
//! server runtime, the load on the load runtime.

use std::net::SocketAddr;
use std::time::{Duration, Instant};

use http_body_util::BodyExt as _;
use resonance_bridge::clients::spotify::Settings as SpotifySettings;
use resonance_bridge::clients::spotify::fake::FakeSpotify;
use serde_json::json;

use super::discovery::http;
use super::{Row, percentile};

/// A keep-alive HTTP/1 connection for telemetry POSTs.
type Conn = hyper::client::conn::http1::SendRequest<http_body_util::Full<axum::body::Bytes>>;

async fn connect(addr: SocketAddr) -> Conn {
    let stream = tokio::net::TcpStream::connect(addr).await.unwrap();
    stream.set_nodelay(true).unwrap();
    let (send, conn) = hyper::client::conn::http1::handshake(hyper_util::rt::TokioIo::new(stream)).await.unwrap();
    tokio::spawn(conn);
    send
}

/// POSTs `body` as telemetry of session `game`; the status.
async fn post_telemetry(send: &mut Conn, key: &str, body: String) -> u16 {
    let req = hyper::Request::post("/api/v1/sessions/game/telemetry")
        .header("host", "127.0.0.1")
        .header("authorization", format!("Bearer {key}"))
        .header("content-type", "application/json")
        .body(http_body_util::Full::new(axum::body::Bytes::from(body)))
        .unwrap();
    send.ready().await.unwrap();
    let resp = send.send_request(req).await.unwrap();
    let status = resp.status().as_u16();
    let _ = resp.into_body().collect().await;
    status
}

fn boss(i: u64) -> String {
    format!(r#"{{"trigger": "boss_appears", "danger": {}}}"#, (i % 10) as f64 / 10.0)
}

/// The fake's 12 saved tracks.
fn tracks() -> Vec<(String, String, String, u32)> {
    (0..12).map(|i| (format!("Song {i}"), format!("Artist {}", i % 3), "Album".to_string(), 180_000 + i * 1000)).collect()
}

/// Registers the fake's app on the bridge, logs in through the bridge's routes (PKCE, the
/// fake's /authorize followed by hand), follows session `game`, and waits for the pool.
async fn connect_spotify(addr: SocketAddr, key: &str, fake: &FakeSpotify) {
    let settings = SpotifySettings {
        client_id: "bench-client".into(),
        redirect_uri: "http://127.0.0.1:7878/api/v1/providers/spotify/callback".into(),
        api_base_url: Some(fake.api_base()),
        auth_base_url: Some(fake.auth_base()),
    };
    let (s, v) =
        http(addr, key, "PUT", "/api/v1/library/providers/spotify", Some(&serde_json::to_value(&settings).unwrap())).await.unwrap();
    assert_eq!(s, 200, "{v}");
    let (_, v) = http(addr, key, "GET", "/api/v1/providers/spotify/login", None).await.unwrap();
    let no_redirect = reqwest::Client::builder().redirect(reqwest::redirect::Policy::none()).build().unwrap();
    let r = no_redirect.get(v["url"].as_str().expect("a login URL")).send().await.unwrap();
    let back = reqwest::Url::parse(r.headers()["location"].to_str().unwrap()).unwrap();
    let q: std::collections::HashMap<String, String> = back.query_pairs().into_owned().collect();
    let (s, _) =
        http(addr, key, "GET", &format!("/api/v1/providers/spotify/callback?code={}&state={}", q["code"], q["state"]), None).await.unwrap();
    assert_eq!(s, 303, "the callback redirects to the page");
    let (s, v) = http(addr, key, "PUT", "/api/v1/library/active", Some(&json!({"provider": "spotify", "session": "game"}))).await.unwrap();
    assert_eq!(s, 200, "{v}");
    let t = Instant::now();
    loop {
        let (_, v) = http(addr, key, "GET", "/api/v1/library", None).await.unwrap();
        if v["pool_size"] == 12 {
            break;
        }
        assert!(t.elapsed() < Duration::from_secs(30), "the Spotify pool within 30 s: {v}");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

/// Target 1: `n` triggers, each to its play command at the fake.
async fn trigger_to_play(addr: SocketAddr, key: &str, fake: &FakeSpotify, n: u64) -> Row {
    let mut send = connect(addr).await;
    let (mut lat, mut answer) = (Vec::new(), Vec::new());
    let mut missing = 0;
    for i in 0..n {
        let before = fake.commands().len();
        let t0 = Instant::now();
        assert_eq!(post_telemetry(&mut send, key, boss(i)).await, 200);
        answer.push(t0.elapsed().as_secs_f64() * 1e3);
        let waited = Instant::now();
        let at = loop {
            if let Some(c) = fake.commands().into_iter().skip(before).find(|c| c.kind == "play") {
                break Some(c.at);
            }
            if waited.elapsed() > Duration::from_secs(5) {
                break None;
            }
            tokio::time::sleep(Duration::from_millis(1)).await;
        };
        match at {
            Some(at) => lat.push(at.duration_since(t0).as_secs_f64() * 1e3),
            None => missing += 1,
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    lat.sort_by(f64::total_cmp);
    answer.sort_by(f64::total_cmp);
    Row {
        name: "boss_appears trigger (telemetry POST) -> Spotify play command at the fake".into(),
        offered: "one at a time".into(),
        achieved: format!("{} plays", lat.len()),
        p50: percentile(&lat, 0.5),
        p95: percentile(&lat, 0.95),
        p99: percentile(&lat, 0.99),
        max: lat.last().copied().unwrap_or(f64::NAN),
        target: Some(100.0),
        note: format!(
            "{n} triggers, {missing} without a play within 5 s; the POST's own answer p50/p99/max {:.3}/{:.3}/{:.3} ms; {} calls to removed endpoints",
            percentile(&answer, 0.5),
            percentile(&answer, 0.99),
            answer.last().copied().unwrap_or(f64::NAN),
            fake.removed_hits()
        ),
    }
}

/// Open-loop telemetry POSTs (each a `boss_appears` trigger) per second in [`telemetry_load`]: a
/// game's telemetry several times over (a game sends 10–20 updates a second).
const RATE: u64 = 100;

/// Target 2: open-loop trigger load, with every request to the fake hanging when `stalled`
/// (without: the baseline on this machine now, each trigger a play the fake answers).
async fn telemetry_load(b: &resonance_bridge::Running, key: &str, fake: &FakeSpotify, secs: f64, stalled: bool) -> Row {
    let (rate, conns) = (RATE, 4usize);
    if stalled {
        fake.faults().stall_all(Some(Duration::from_secs(30)));
    }
    let plays_before = fake.commands().len();
    let hits_before = fake.faults().hits().len();
    let dropped_before = b.state.inner.metrics.library.dropped_events.load(std::sync::atomic::Ordering::Relaxed);
    let per_conn = rate as f64 / conns as f64;
    let per_conn_total = (per_conn * secs) as u64;
    let start = tokio::time::Instant::now() + Duration::from_millis(100);
    let mut tasks = Vec::new();
    for c in 0..conns {
        let (key, addr) = (key.to_string(), b.http_addr);
        tasks.push(tokio::spawn(async move {
            let mut send = connect(addr).await;
            let offset = Duration::from_secs_f64(c as f64 / rate as f64);
            let (mut lat, mut errors) = (Vec::new(), 0u64);
            for i in 0..per_conn_total {
                let due = start + offset + Duration::from_secs_f64(i as f64 / per_conn);
                tokio::time::sleep_until(due).await;
                if post_telemetry(&mut send, &key, boss(i)).await != 200 {
                    errors += 1;
                }
                lat.push(due.elapsed().as_secs_f64() * 1e3);
            }
            (lat, errors)
        }));
    }
    let (mut lat, mut errors) = (Vec::new(), 0);
    for t in tasks {
        let (l, e) = t.await.unwrap();
        lat.extend(l);
        errors += e;
    }
    let el = start.elapsed().as_secs_f64();
    let requests = fake.faults().hits().len() - hits_before;
    let plays = fake.commands().len() - plays_before;
    let dropped = b.state.inner.metrics.library.dropped_events.load(std::sync::atomic::Ordering::Relaxed) - dropped_before;
    fake.faults().stall_all(None);
    lat.sort_by(f64::total_cmp);
    Row {
        name: if stalled {
            "HTTP telemetry POST (boss_appears) while every Spotify request stalls 30 s".into()
        } else {
            "HTTP telemetry POST (boss_appears), Spotify answering (the baseline)".into()
        },
        offered: format!("{rate} req/s"),
        achieved: format!("{:.0} req/s", lat.len() as f64 / el),
        p50: percentile(&lat, 0.5),
        p95: percentile(&lat, 0.95),
        p99: percentile(&lat, 0.99),
        max: lat.last().copied().unwrap_or(f64::NAN),
        target: Some(5.0),
        note: format!(
            "{} requests on {conns} connections, {errors} errors; {requests} requests reached the fake, {plays} plays completed during the run, {dropped} targets dropped by the player's full queue (counted, never waited for)",
            lat.len()
        ),
    }
}

/// Total CPU time (user + system, s) of this process's waited-for children, from
/// `/proc/self/stat` (`cutime`, `cstime`, in clock ticks of `getconf CLK_TCK`).
fn children_cpu_s() -> f64 {
    let stat = std::fs::read_to_string("/proc/self/stat").expect("/proc/self/stat (Linux)");
    // the fields after the command name in parentheses; cutime and cstime are fields 16 and 17
    let rest = &stat[stat.rfind(')').unwrap() + 2..];
    let f: Vec<&str> = rest.split_whitespace().collect();
    let ticks: f64 = f[13].parse::<f64>().unwrap() + f[14].parse::<f64>().unwrap();
    let hz = std::process::Command::new("getconf")
        .arg("CLK_TCK")
        .output()
        .ok()
        .and_then(|o| String::from_utf8_lossy(&o.stdout).trim().parse::<f64>().ok());
    ticks / hz.unwrap_or(100.0)
}

/// Target 3: `resonance library scan` over the test audio's music (the first `limit` tracks).
fn scan_row(limit: Option<usize>) -> Row {
    let music = resonance_test_support::test_audio_dir().join("music");
    let mut files: Vec<std::path::PathBuf> = std::fs::read_dir(&music)
        .unwrap_or_else(|e| panic!("{}: {e} (fetch the test audio)", music.display()))
        .filter_map(|e| Some(e.ok()?.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "ogg"))
        .collect();
    files.sort();
    let dir = tempfile::tempdir().unwrap();
    let folder = match limit {
        Some(n) => {
            files.truncate(n);
            let f = dir.path().join("music");
            std::fs::create_dir(&f).unwrap();
            for p in &files {
                std::fs::copy(p, f.join(p.file_name().unwrap())).unwrap();
            }
            f
        }
        None => music,
    };
    // the library's length, and the audio the scan decodes (at most SKIP_S + ANALYSE_S of each)
    let head = resonance_bridge::library::mood::SKIP_S + resonance_bridge::library::mood::ANALYSE_S;
    let (mut library_s, mut decoded_s) = (0.0, 0.0);
    for p in &files {
        let d = resonance_io::decode::DecodeStream::open(p).unwrap();
        let frames = d.progress().1.expect("the container declares its length");
        let s = frames as f64 / f64::from(d.sample_rate());
        library_s += s;
        decoded_s += s.min(head);
    }
    let cpu_before = children_cpu_s();
    let t = Instant::now();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_resonance"))
        .args(["library", "scan", "--json", "--data"])
        .arg(dir.path().join("data"))
        .arg(&folder)
        .output()
        .expect("run resonance library scan");
    let wall = t.elapsed().as_secs_f64();
    let cpu = children_cpu_s() - cpu_before;
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let measured = String::from_utf8_lossy(&out.stdout).lines().filter(|l| l.starts_with('{')).count();
    let cores = std::thread::available_parallelism().map_or(1, usize::from);
    Row {
        name: format!("resonance library scan over {} tracks ({:.0} min of music, Ogg Vorbis)", files.len(), library_s / 60.0),
        offered: format!("{cores} cores"),
        achieved: format!("{measured} measured"),
        p50: f64::NAN,
        p95: f64::NAN,
        p99: f64::NAN,
        max: f64::NAN,
        target: None,
        note: format!(
            "**{:.0}× real time per core** (library duration / CPU time; target ≥ 200×: ratio {:.2}); {:.0}× counting only the audio decoded ({decoded_s:.0} s: up to {head:.0} s of each track); {cpu:.1} CPU-s, {wall:.1} s wall ({:.1} cores busy on average)",
            library_s / cpu,
            library_s / cpu / 200.0,
            decoded_s / cpu,
            cpu / wall
        ),
    }
}

/// The library's rows (`-- --library`).
pub async fn rows(server: &tokio::runtime::Handle, quick: bool) -> Vec<Row> {
    let fakes = tokio::runtime::Builder::new_multi_thread().worker_threads(1).thread_name("fake").enable_all().build().unwrap();
    let fake = fakes.spawn(FakeSpotify::start(tracks())).await.unwrap();
    let dir = tempfile::tempdir().unwrap();
    let b = super::start_bridge(server, dir.path(), None);
    let key = b.first_key.clone().unwrap();
    connect_spotify(b.http_addr, &key, &fake).await;
    let mut rows = vec![trigger_to_play(b.http_addr, &key, &fake, if quick { 50 } else { 300 }).await];
    for stalled in [false, true] {
        rows.push(telemetry_load(&b, &key, &fake, if quick { 2.0 } else { 5.0 }, stalled).await);
    }
    drop(fake);
    fakes.shutdown_background();
    super::stop_bridge(server, b);
    rows.push(tokio::task::spawn_blocking(move || scan_row(quick.then_some(6))).await.unwrap());
    rows
}

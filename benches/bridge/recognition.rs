//! The recognition service under load (`cargo bench --bench bridge -- --recognition`): a
//! catalogue imported over the API (every audio file below the folders of
//! `RESONANCE_BENCH_CATALOGUE`, several separated like `PATH`, e.g. the recognition
//! evaluation's collections from `scripts/fetch-bench-collections.sh`, the test audio's
//! `music/` and `scripts/fetch-bench-extra-music.sh`'s, 20 h in all; by default the test
//! audio's `music/` alone), with a progress bar, then open-loop sweeps of 5 s queries cut from
//! it in equal shares from every collection (a folder's first level of subfolders, or the
//! folder itself; clean, and with white noise at about 10 dB SNR), sent as audio
//! (`POST /api/v1/recognize`, WAV) and as client-side fingerprints
//! (`POST /api/v1/recognize/fingerprint`), and a burst that overfills the worker pool.
//!
//! Open loop: request `i` is started at `t0 + i / rate` on its own connection whatever the
//! server is doing, and its latency is measured from that scheduled time to the end of the
//! answer (no coordinated omission). A 503 (pool full) and a 429 are counted apart from
//! errors; "matched" counts answers naming the track the query was cut from.

use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::{Duration, Instant};

use http_body_util::BodyExt;

use super::{Row, percentile};

/// One prepared query: its body and the id of the track it was cut from.
struct Query {
    body: axum::body::Bytes,
    track_id: String,
    /// Index of its collection in [`Built::collections`].
    collection: usize,
}

/// What a sweep step measured.
#[derive(Default)]
struct Outcome {
    lat_ms: Vec<f64>,
    ok: usize,
    matched: usize,
    busy: usize,
    limited: usize,
    errors: usize,
    /// Per collection: answers 200, of which named the right track.
    by_collection: Vec<(usize, usize)>,
    /// First error seen (for the notes).
    first_error: Option<String>,
}

fn wav(mono: &[f32], rate: u32) -> Vec<u8> {
    let spec = hound::WavSpec { channels: 1, sample_rate: rate, bits_per_sample: 16, sample_format: hound::SampleFormat::Int };
    let mut cur = std::io::Cursor::new(Vec::new());
    let mut w = hound::WavWriter::new(&mut cur, spec).unwrap();
    for &x in mono {
        w.write_sample((x.clamp(-1.0, 1.0) * 32767.0) as i16).unwrap();
    }
    w.finalize().unwrap();
    cur.into_inner()
}

/// White noise at about 10 dB below the excerpt's RMS (xorshift32, seeded).
fn noisy(x: &[f32], seed: u32) -> Vec<f32> {
    let rms = (x.iter().map(|v| v * v).sum::<f32>() / x.len().max(1) as f32).sqrt();
    let amp = rms * 10f32.powf(-10.0 / 20.0) * 3f32.sqrt();
    let mut s = seed | 1;
    x.iter()
        .map(|&v| {
            s ^= s << 13;
            s ^= s >> 17;
            s ^= s << 5;
            v + (s as f32 / u32::MAX as f32 - 0.5) * 2.0 * amp
        })
        .collect()
}

/// POSTs `body` to `path` on a new connection: (status, answer text).
async fn post(addr: SocketAddr, key: &str, path: &str, content_type: &str, body: axum::body::Bytes) -> Result<(u16, String), String> {
    let stream = tokio::net::TcpStream::connect(addr).await.map_err(|e| format!("connect: {e}"))?;
    stream.set_nodelay(true).map_err(|e| e.to_string())?;
    let (mut send, conn) =
        hyper::client::conn::http1::handshake(hyper_util::rt::TokioIo::new(stream)).await.map_err(|e| format!("handshake: {e}"))?;
    tokio::spawn(conn);
    let req = hyper::Request::post(path)
        .header("host", "127.0.0.1")
        .header("authorization", format!("Bearer {key}"))
        .header("content-type", content_type)
        .body(http_body_util::Full::new(body))
        .map_err(|e| e.to_string())?;
    let resp = send.send_request(req).await.map_err(|e| format!("request: {e}"))?;
    let status = resp.status().as_u16();
    let text = resp.into_body().collect().await.map_err(|e| format!("body: {e}"))?.to_bytes();
    Ok((status, String::from_utf8_lossy(&text).into_owned()))
}

/// `rate` requests a second for `secs`, open loop, cycling through `queries`.
async fn open_loop(
    addr: SocketAddr,
    key: Arc<str>,
    path: &'static str,
    ctype: &'static str,
    queries: Arc<Vec<Query>>,
    rate: f64,
    secs: f64,
) -> Outcome {
    let n = (rate * secs).round() as usize;
    let t0 = tokio::time::Instant::now() + Duration::from_millis(20);
    let mut tasks = Vec::with_capacity(n);
    for i in 0..n {
        let at = t0 + Duration::from_secs_f64(i as f64 / rate);
        tokio::time::sleep_until(at).await;
        let (key, queries) = (key.clone(), queries.clone());
        tasks.push(tokio::spawn(async move {
            let q = &queries[i % queries.len()];
            let r = tokio::time::timeout(Duration::from_secs(10), post(addr, &key, path, ctype, q.body.clone())).await;
            let ms = at.elapsed().as_secs_f64() * 1e3;
            let r = r.unwrap_or_else(|_| Err("no answer within 10 s".into()));
            (ms, q.collection, r.map(|(s, text)| (s, text.contains(&format!("\"track_id\":\"{}\"", q.track_id)))))
        }));
    }
    let mut o = Outcome::default();
    for t in tasks {
        let (ms, c, r) = t.await.unwrap();
        match r {
            Ok((200, hit)) => {
                o.ok += 1;
                o.matched += usize::from(hit);
                o.lat_ms.push(ms);
                if o.by_collection.len() <= c {
                    o.by_collection.resize(c + 1, (0, 0));
                }
                o.by_collection[c].0 += 1;
                o.by_collection[c].1 += usize::from(hit);
            }
            Ok((503, _)) => o.busy += 1,
            Ok((429, _)) => o.limited += 1,
            Ok((code, _)) => {
                o.errors += 1;
                o.first_error.get_or_insert(format!("HTTP {code}"));
            }
            Err(e) => {
                o.errors += 1;
                o.first_error.get_or_insert(e);
            }
        }
    }
    o.lat_ms.sort_by(f64::total_cmp);
    o
}

fn row(name: String, rate: f64, secs: f64, o: &Outcome, target: Option<f64>) -> Row {
    let answered = o.ok + o.busy + o.limited + o.errors;
    Row {
        name,
        offered: format!("{rate:.0} req/s"),
        achieved: format!("{:.1} req/s", o.ok as f64 / secs),
        p50: percentile(&o.lat_ms, 0.5),
        p95: percentile(&o.lat_ms, 0.95),
        p99: percentile(&o.lat_ms, 0.99),
        max: o.lat_ms.last().copied().unwrap_or(f64::NAN),
        target,
        note: format!(
            "{answered} requests: {} answered 200 ({} named the right track), {} 503, {} 429, {} errors{}",
            o.ok,
            o.matched,
            o.busy,
            o.limited,
            o.errors,
            o.first_error.as_deref().map(|e| format!(" (first: {e})")).unwrap_or_default()
        ),
    }
}

/// The catalogue folders: `RESONANCE_BENCH_CATALOGUE` (one or several folders, separated
/// like `PATH`), else the test audio's `music/`.
fn catalogue_dirs() -> Vec<PathBuf> {
    let dirs: Vec<PathBuf> = match std::env::var_os("RESONANCE_BENCH_CATALOGUE") {
        Some(v) => std::env::split_paths(&v).filter(|p| !p.as_os_str().is_empty()).collect(),
        None => vec![resonance_test_support::test_audio_dir().join("music")],
    };
    dirs.iter()
        .map(|d| {
            d.canonicalize().unwrap_or_else(|e| {
                panic!("RESONANCE_BENCH_CATALOGUE: {} cannot be read ({e}); give existing folders separated by ':'", d.display())
            })
        })
        .collect()
}

/// The deepest folder holding every one of `dirs`.
fn common_root(dirs: &[PathBuf]) -> PathBuf {
    let mut root = dirs[0].clone();
    while !dirs.iter().all(|d| d.starts_with(&root)) {
        assert!(root.pop(), "the catalogue folders share no root");
    }
    root
}

/// The collection of `file`, one of `dirs`: its first subfolder below the catalogue folder
/// holding it (`acoustic` for `bench-collections/acoustic/x.ogg`), or that folder's own name
/// for a file directly in it.
fn collection_of(file: &std::path::Path, dirs: &[PathBuf]) -> String {
    let dir = dirs.iter().filter(|d| file.starts_with(d)).max_by_key(|d| d.as_os_str().len()).unwrap_or(&dirs[0]);
    let rel = file.strip_prefix(dir).unwrap_or(file);
    let mut parts = rel.components();
    match (parts.next(), parts.next()) {
        (Some(first), Some(_)) => first.as_os_str().to_string_lossy().into_owned(),
        _ => dir.file_name().map_or_else(|| dir.display().to_string(), |n| n.to_string_lossy().into_owned()),
    }
}

/// GETs `path`'s JSON answer on `send`'s connection.
async fn get_json(
    send: &mut hyper::client::conn::http1::SendRequest<http_body_util::Empty<axum::body::Bytes>>,
    key: &str,
    path: &str,
) -> serde_json::Value {
    let req = hyper::Request::get(path)
        .header("host", "127.0.0.1")
        .header("authorization", format!("Bearer {key}"))
        .body(http_body_util::Empty::<axum::body::Bytes>::new())
        .unwrap();
    send.ready().await.unwrap();
    let bytes = send.send_request(req).await.unwrap().into_body().collect().await.unwrap().to_bytes();
    serde_json::from_slice::<serde_json::Value>(&bytes).unwrap()
}

async fn connect(addr: SocketAddr) -> hyper::client::conn::http1::SendRequest<http_body_util::Empty<axum::body::Bytes>> {
    let stream = tokio::net::TcpStream::connect(addr).await.unwrap();
    let (send, conn) = hyper::client::conn::http1::handshake(hyper_util::rt::TokioIo::new(stream)).await.unwrap();
    tokio::spawn(conn);
    send
}

/// What [`catalogue`] built.
struct Built {
    bridge: resonance_bridge::Running,
    key: String,
    audio: Vec<Query>,
    prints: Vec<Query>,
    /// Per collection: name, tracks, hours, tracks queried.
    collections: Vec<(String, usize, f64, usize)>,
    hours: f64,
    import_s: f64,
    import_threads: usize,
    /// Files the import refused (path: error), e.g. an undecodable file.
    failed: Vec<String>,
}

/// Imports every folder of `dirs` over the API (one request each, with a progress bar fed
/// by `GET /api/v1/index/stats`) into a bridge whose library root holds them all.
async fn import(b: &resonance_bridge::Running, key: &str, root: &std::path::Path, dirs: &[PathBuf]) -> (f64, Vec<String>) {
    let files: usize = dirs.iter().map(|d| resonance_bridge::recognition::service::audio_files(d).len()).sum();
    let bar = indicatif::ProgressBar::new(files as u64);
    bar.set_style(
        indicatif::ProgressStyle::with_template("import {bar:40} {pos}/{len} tracks  {per_sec}  {eta} left  {msg}")
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
    );
    let done = Arc::new(std::sync::atomic::AtomicBool::new(false));
    let watch = {
        let (bar, done, key, addr) = (bar.clone(), done.clone(), key.to_string(), b.http_addr);
        tokio::spawn(async move {
            let mut send = connect(addr).await;
            let mut printed = Instant::now();
            while !done.load(std::sync::atomic::Ordering::Relaxed) {
                let stats = get_json(&mut send, &key, "/api/v1/index/stats").await;
                bar.set_position(stats["tracks"].as_u64().unwrap_or(0));
                bar.set_message(format!("{:.2} h indexed", stats["duration_s"].as_f64().unwrap_or(0.0) / 3600.0));
                // with the output in a file (no terminal, so no bar) a line every 30 s
                if bar.is_hidden() && printed.elapsed() >= Duration::from_secs(30) {
                    eprintln!("import: {} of {files} tracks, {}", bar.position(), bar.message());
                    printed = Instant::now();
                }
                tokio::time::sleep(Duration::from_millis(250)).await;
            }
        })
    };
    let t = Instant::now();
    let mut failed = Vec::new();
    for d in dirs {
        let rel = d.strip_prefix(root).unwrap().to_string_lossy().into_owned();
        let body = serde_json::json!({"path": if rel.is_empty() { ".".to_string() } else { rel }}).to_string();
        let (status, text) = post(b.http_addr, key, "/api/v1/tracks/import", "application/json", body.into()).await.unwrap();
        assert_eq!(status, 200, "import of {}: {text}", d.display());
        let answer: serde_json::Value = serde_json::from_str(&text).unwrap();
        for f in answer["failed"].as_array().into_iter().flatten() {
            failed.push(format!("{}: {}", f["path"].as_str().unwrap_or("?"), f["error"].as_str().unwrap_or("?")));
        }
    }
    let import_s = t.elapsed().as_secs_f64();
    done.store(true, std::sync::atomic::Ordering::Relaxed);
    watch.await.unwrap();
    bar.finish_and_clear();
    eprintln!("import: {files} files in {import_s:.1} s, {} refused", failed.len());
    (import_s, failed)
}

/// Starts a bridge whose library root holds the catalogue folders, imports them, and cuts
/// the queries from every collection.
async fn catalogue(server: &tokio::runtime::Handle, dir: &std::path::Path) -> Built {
    let dirs = catalogue_dirs();
    let root = common_root(&dirs);
    let mut config = resonance_bridge::Config {
        listen: "127.0.0.1:0".parse().unwrap(),
        osc_listen: "127.0.0.1:0".parse().unwrap(),
        data_dir: Some(dir.to_path_buf()),
        ..resonance_bridge::Config::default()
    };
    config.recognition.library_root = Some(root.clone());
    // the import runs before the queries, so it may use every core
    let import_threads = std::thread::available_parallelism().map_or(2, usize::from);
    config.recognition.import_threads = import_threads;
    let h = server.clone();
    let b = std::thread::spawn(move || h.block_on(resonance_bridge::start(config))).join().unwrap().expect("bridge starts");
    let key = b.first_key.clone().unwrap();
    let (import_s, failed) = import(&b, &key, &root, &dirs).await;
    let mut tracks = Vec::new();
    let mut send = connect(b.http_addr).await;
    loop {
        let page = get_json(&mut send, &key, &format!("/api/v1/tracks?limit=500&offset={}", tracks.len())).await;
        let got = page["tracks"].as_array().cloned().unwrap_or_default();
        if got.is_empty() {
            break;
        }
        tracks.extend(got);
    }
    let hours = tracks.iter().map(|t| t["duration_ms"].as_f64().unwrap_or(0.0)).sum::<f64>() / 3.6e6;
    // tracks by collection, each collection's in file order
    let mut by: std::collections::BTreeMap<String, Vec<(PathBuf, String, f64)>> = std::collections::BTreeMap::new();
    for t in &tracks {
        let source = t["source"].as_str().unwrap();
        let file = root.join(source.strip_prefix("library:").unwrap_or(source));
        let ms = t["duration_ms"].as_f64().unwrap_or(0.0);
        by.entry(collection_of(&file, &dirs)).or_default().push((file, t["id"].as_str().unwrap().to_string(), ms));
    }
    let (mut audio, mut prints, mut collections) = (Vec::new(), Vec::new(), Vec::new());
    // queries from about 120 tracks, the same share from every collection, spread over each
    let per = 120usize.div_ceil(by.len().max(1));
    for (c, (name, list)) in by.iter_mut().enumerate() {
        list.sort_by(|a, b| a.0.cmp(&b.0));
        let step = list.len().div_ceil(per).max(1);
        let mut used = 0;
        for (i, (file, id, _)) in list.iter().enumerate().filter(|(i, _)| i % step == 0) {
            let Ok(d) = resonance_io::decode::decode_file(file) else { continue };
            used += 1;
            let (mono, rate) = (d.to_mono(), d.sample_rate);
            let secs = mono.len() as f64 / f64::from(rate);
            for (k, at) in [0.3, 0.6].iter().enumerate() {
                let start = ((secs - 6.0).max(0.0) * at) as usize * rate as usize;
                let clip = &mono[start.min(mono.len())..(start + 5 * rate as usize).min(mono.len())];
                let clip = if (i + k + c) % 2 == 1 { noisy(clip, (i * 7 + k) as u32) } else { clip.to_vec() };
                audio.push(Query { body: wav(&clip, rate).into(), track_id: id.clone(), collection: c });
                let fp = resonance_io::fingerprint_wire::fingerprint_of(&clip, f64::from(rate));
                prints.push(Query { body: fp.to_bytes().into(), track_id: id.clone(), collection: c });
            }
        }
        let h = list.iter().map(|x| x.2).sum::<f64>() / 3.6e6;
        collections.push((name.clone(), list.len(), h, used));
    }
    // interleave the collections so every sweep step draws from each
    interleave(&mut audio);
    interleave(&mut prints);
    Built { bridge: b, key, audio, prints, collections, hours, import_s, import_threads, failed }
}

/// Reorders `queries` round-robin over their collections.
fn interleave(queries: &mut Vec<Query>) {
    let n = queries.iter().map(|q| q.collection + 1).max().unwrap_or(0);
    let mut lanes: Vec<std::collections::VecDeque<Query>> = (0..n).map(|_| std::collections::VecDeque::new()).collect();
    for q in queries.drain(..) {
        lanes[q.collection].push_back(q);
    }
    while lanes.iter().any(|l| !l.is_empty()) {
        for l in &mut lanes {
            if let Some(q) = l.pop_front() {
                queries.push(q);
            }
        }
    }
}

/// The rows of `-- --recognition`.
pub async fn rows(server: &tokio::runtime::Handle, secs: f64, quick: bool) -> Vec<Row> {
    let dir = tempfile::tempdir().unwrap();
    let built = catalogue(server, dir.path()).await;
    let Built { bridge: b, key, audio, prints, collections, hours, import_s, import_threads, failed } = built;
    let (addr, key): (SocketAddr, Arc<str>) = (b.http_addr, key.into());
    let fp_kb = prints.iter().map(|q| q.body.len()).sum::<usize>() as f64 / prints.len() as f64 / 1024.0;
    let wav_kb = audio.iter().map(|q| q.body.len()).sum::<usize>() as f64 / audio.len() as f64 / 1024.0;
    let (audio, prints) = (Arc::new(audio), Arc::new(prints));
    let mut rows = Vec::new();
    let what = format!(
        "{} queries of 5 s from {} collections (half with noise at 10 dB SNR), catalogue {hours:.2} h",
        audio.len(),
        collections.len()
    );
    // per collection: (audio 200, matched), (fingerprint 200, matched) over every sweep step
    let mut tally = vec![((0, 0), (0, 0)); collections.len()];
    let audio_rates: &[f64] = if quick { &[10.0, 20.0] } else { &[5.0, 10.0, 20.0, 30.0, 40.0, 60.0, 90.0, 120.0] };
    for &rate in audio_rates {
        let o = open_loop(addr, key.clone(), "/api/v1/recognize", "audio/wav", audio.clone(), rate, secs).await;
        for (t, &(ok, hit)) in tally.iter_mut().zip(&o.by_collection) {
            t.0 = (t.0.0 + ok, t.0.1 + hit);
        }
        rows.push(row(format!("audio (WAV {wav_kb:.0} KiB), {what}"), rate, secs, &o, Some(150.0)));
    }
    let fp_rates: &[f64] = if quick { &[100.0, 200.0] } else { &[50.0, 100.0, 200.0, 400.0, 800.0] };
    for &rate in fp_rates {
        let o = open_loop(addr, key.clone(), "/api/v1/recognize/fingerprint", "application/octet-stream", prints.clone(), rate, secs).await;
        for (t, &(ok, hit)) in tally.iter_mut().zip(&o.by_collection) {
            t.1 = (t.1.0 + ok, t.1.1 + hit);
        }
        rows.push(row(format!("fingerprint ({fp_kb:.1} KiB), {what}"), rate, secs, &o, Some(20.0)));
    }
    // A burst of 64 audio queries at once: the pool (workers + 4 x workers waiting) takes what
    // it holds and answers the rest 503 at once.
    let o = open_loop(addr, key.clone(), "/api/v1/recognize", "audio/wav", audio.clone(), 64_000.0, 0.001).await;
    rows.push(row("burst: 64 audio queries within 1 ms (pool full -> 503 + Retry-After)".into(), 64_000.0, 0.001, &o, None));
    if let Some(r) = rows.last_mut() {
        r.offered = "64 at once".into();
        r.achieved = "-".into();
    }
    rows.push(Row {
        name: format!("import of the catalogue ({hours:.2} h, {import_threads} import threads), visible to the next query"),
        offered: "-".into(),
        achieved: format!("{:.0} s of music / s", hours * 3600.0 / import_s),
        p50: import_s * 1e3,
        p95: f64::NAN,
        p99: f64::NAN,
        max: f64::NAN,
        target: None,
        note: format!(
            "p50 column: the import requests' time; tracks are published before each answers, so every query after it sees them; {} files refused{}",
            failed.len(),
            failed.first().map(|f| format!(" (first: {f})")).unwrap_or_default()
        ),
    });
    for ((name, tracks, h, used), ((a_ok, a_hit), (f_ok, f_hit))) in collections.iter().zip(&tally) {
        rows.push(Row {
            name: format!("collection {name}: {tracks} tracks, {h:.2} h, queries from {used} tracks"),
            offered: "-".into(),
            achieved: "-".into(),
            p50: f64::NAN,
            p95: f64::NAN,
            p99: f64::NAN,
            max: f64::NAN,
            target: None,
            note: format!("over every sweep step: audio {a_hit} of {a_ok} answers named the right track, fingerprints {f_hit} of {f_ok}"),
        });
    }
    let h = server.clone();
    std::thread::spawn(move || h.block_on(b.stop())).join().unwrap().unwrap();
    rows
}

//! The recognition service under load (`cargo bench --bench bridge -- --recognition`): a
//! catalogue imported over the API (every audio file below `RESONANCE_BENCH_CATALOGUE`, e.g.
//! the recognition evaluation's collections from `scripts/fetch-bench-collections.sh`, 20 h;
//! by default the test audio's `music/` folder), then
//! open-loop sweeps of 5 s queries cut from it (clean, and with white noise at about 10 dB
//! SNR), sent as audio (`POST /api/v1/recognize`, WAV) and as client-side fingerprints
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
            (ms, r.map(|(s, text)| (s, text.contains(&format!("\"track_id\":\"{}\"", q.track_id)))))
        }));
    }
    let mut o = Outcome::default();
    for t in tasks {
        let (ms, r) = t.await.unwrap();
        match r {
            Ok((200, hit)) => {
                o.ok += 1;
                o.matched += usize::from(hit);
                o.lat_ms.push(ms);
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

/// Starts a bridge whose library root is the test audio's music folder, imports it, and
/// cuts the queries: (bridge, key, audio queries, fingerprint queries, catalogue hours, import s).
async fn catalogue(
    server: &tokio::runtime::Handle,
    dir: &std::path::Path,
) -> (resonance_bridge::Running, String, Vec<Query>, Vec<Query>, f64, f64) {
    let music: PathBuf =
        std::env::var_os("RESONANCE_BENCH_CATALOGUE").map_or_else(|| resonance_test_support::test_audio_dir().join("music"), PathBuf::from);
    let mut config = resonance_bridge::Config {
        listen: "127.0.0.1:0".parse().unwrap(),
        osc_listen: "127.0.0.1:0".parse().unwrap(),
        data_dir: Some(dir.to_path_buf()),
        ..resonance_bridge::Config::default()
    };
    config.recognition.library_root = Some(music.clone());
    let h = server.clone();
    let b = std::thread::spawn(move || h.block_on(resonance_bridge::start(config))).join().unwrap().expect("bridge starts");
    let key = b.first_key.clone().unwrap();
    let t = Instant::now();
    let (status, text) = post(b.http_addr, &key, "/api/v1/tracks/import", "application/json", r#"{"path": "."}"#.into()).await.unwrap();
    let import_s = t.elapsed().as_secs_f64();
    assert_eq!(status, 200, "{text}");
    let mut tracks = Vec::new();
    let stream = tokio::net::TcpStream::connect(b.http_addr).await.unwrap();
    let (mut send, conn) = hyper::client::conn::http1::handshake(hyper_util::rt::TokioIo::new(stream)).await.unwrap();
    tokio::spawn(conn);
    loop {
        let req = hyper::Request::get(format!("/api/v1/tracks?limit=500&offset={}", tracks.len()))
            .header("host", "127.0.0.1")
            .header("authorization", format!("Bearer {key}"))
            .body(http_body_util::Empty::<axum::body::Bytes>::new())
            .unwrap();
        send.ready().await.unwrap();
        let bytes = send.send_request(req).await.unwrap().into_body().collect().await.unwrap().to_bytes();
        let page = serde_json::from_slice::<serde_json::Value>(&bytes).unwrap();
        let got = page["tracks"].as_array().cloned().unwrap_or_default();
        if got.is_empty() {
            break;
        }
        tracks.extend(got);
    }
    let hours = tracks.iter().map(|t| t["duration_ms"].as_f64().unwrap_or(0.0)).sum::<f64>() / 3.6e6;
    let (mut audio, mut prints) = (Vec::new(), Vec::new());
    // queries from at most 120 tracks spread over the catalogue (every collection)
    let step = tracks.len().div_ceil(120).max(1);
    for (i, t) in tracks.iter().enumerate().filter(|(i, _)| i % step == 0) {
        let source = t["source"].as_str().unwrap();
        let file = music.join(source.strip_prefix("library:").unwrap_or(source));
        let Ok(d) = resonance_io::decode::decode_file(&file) else { continue };
        let (mono, rate) = (d.to_mono(), d.sample_rate);
        let secs = mono.len() as f64 / f64::from(rate);
        let id = t["id"].as_str().unwrap().to_string();
        for (k, at) in [0.3, 0.6].iter().enumerate() {
            let start = ((secs - 6.0).max(0.0) * at) as usize * rate as usize;
            let clip = &mono[start.min(mono.len())..(start + 5 * rate as usize).min(mono.len())];
            let clip = if (i + k) % 2 == 1 { noisy(clip, (i * 7 + k) as u32) } else { clip.to_vec() };
            audio.push(Query { body: wav(&clip, rate).into(), track_id: id.clone() });
            let fp = resonance_io::fingerprint_wire::fingerprint_of(&clip, f64::from(rate));
            prints.push(Query { body: fp.to_bytes().into(), track_id: id.clone() });
        }
    }
    (b, key, audio, prints, hours, import_s)
}

/// The rows of `-- --recognition`.
pub async fn rows(server: &tokio::runtime::Handle, secs: f64, quick: bool) -> Vec<Row> {
    let dir = tempfile::tempdir().unwrap();
    let (b, key, audio, prints, hours, import_s) = catalogue(server, dir.path()).await;
    let (addr, key): (SocketAddr, Arc<str>) = (b.http_addr, key.into());
    let fp_kb = prints.iter().map(|q| q.body.len()).sum::<usize>() as f64 / prints.len() as f64 / 1024.0;
    let wav_kb = audio.iter().map(|q| q.body.len()).sum::<usize>() as f64 / audio.len() as f64 / 1024.0;
    let (audio, prints) = (Arc::new(audio), Arc::new(prints));
    let mut rows = Vec::new();
    let what = format!("{} queries of 5 s (half with noise at 10 dB SNR), catalogue {hours:.2} h", audio.len());
    let audio_rates: &[f64] = if quick { &[10.0, 20.0] } else { &[5.0, 10.0, 20.0, 30.0, 40.0, 60.0] };
    for &rate in audio_rates {
        let o = open_loop(addr, key.clone(), "/api/v1/recognize", "audio/wav", audio.clone(), rate, secs).await;
        rows.push(row(format!("audio (WAV {wav_kb:.0} KiB), {what}"), rate, secs, &o, Some(150.0)));
    }
    let fp_rates: &[f64] = if quick { &[100.0, 200.0] } else { &[50.0, 100.0, 200.0, 400.0, 800.0] };
    for &rate in fp_rates {
        let o = open_loop(addr, key.clone(), "/api/v1/recognize/fingerprint", "application/octet-stream", prints.clone(), rate, secs).await;
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
        name: format!("import of the catalogue ({hours:.2} h, one ingest worker), visible to the next query"),
        offered: "-".into(),
        achieved: format!("{:.0} s of music / s", hours * 3600.0 / import_s),
        p50: import_s * 1e3,
        p95: f64::NAN,
        p99: f64::NAN,
        max: f64::NAN,
        target: None,
        note: "p50 column: the import request's time; tracks are published before it answers, so every query after the answer sees them"
            .into(),
    });
    let h = server.clone();
    std::thread::spawn(move || h.block_on(b.stop())).join().unwrap().unwrap();
    rows
}

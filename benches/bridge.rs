//! Bridge benchmarks (issue 8): OSC ingest rate with latency to WebSocket subscribers, and HTTP
//! telemetry latency under concurrent load. Prints a Markdown table.
//!
//! `cargo bench --bench bridge` (add `-- --quick` for a shorter run, `-- --osc` or `-- --http`
//! for one half; `RESONANCE_BENCH_POSTGRES_URL=postgres://...` adds the HTTP row on PostgreSQL;
//! `-- --osc-flood` runs only the unauthenticated-flood row of decision record 0022; `-- --clips`
//! only the clip library's rows: list and stats at 1,000 req/s over 10,000 clips, 100
//! concurrent streams' throughput, upload-to-listed latency; `-- --recognition` only the
//! recognition service's: open-loop audio and fingerprint query sweeps against a catalogue of
//! the test audio's music or the folders of `RESONANCE_BENCH_CATALOGUE`, a burst over the
//! worker pool, the import, in `bridge/recognition.rs`; `-- --cluster` only the cluster's fault
//! run of issue 31, in `bridge/cluster.rs`; `-- --discovery` only music discovery's three
//! targets, in `bridge/discovery.rs`; `-- --library` only the music library's: trigger to the
//! Spotify play command, telemetry while Spotify stalls, `resonance library scan` speed, in
//! `bridge/library.rs`; `-- --obs` only OBS's: a goal roar to the scene switch, OBS restarting
//! mid-stream, in `bridge/obs.rs`).
//!
//! Everything runs on loopback in one process but on separate runtimes: the bridge (library,
//! SQLite in a temporary directory, write-through on) on its own multi-threaded tokio runtime,
//! the load on another: a UDP sender thread standing in for an engine, WebSocket subscribers,
//! and an open-loop HTTP load generator (requests are scheduled at fixed times and latency is
//! measured from the scheduled time, so a stall is not hidden by coordinated omission).
//! The machine's load average is printed with the table: on a shared machine every figure is
//! an upper bound.

use std::net::{SocketAddr, UdpSocket};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::time::{Duration, Instant};

use futures_util::StreamExt;
use http_body_util::BodyExt;
use resonance_bridge::osc::{self, Inbound};
use resonance_engine::{CrowdEvent, CrowdEventKind, MoodLabel, MoodSnapshot, WhistleKind};

#[path = "bridge/cluster.rs"]
mod cluster;
#[path = "bridge/recognition.rs"]
mod recognition;

#[path = "bridge/discovery.rs"]
mod discovery;
#[path = "bridge/library.rs"]
mod library;
#[path = "bridge/obs.rs"]
mod obs;

fn percentile(sorted: &[f64], p: f64) -> f64 {
    if sorted.is_empty() {
        return f64::NAN;
    }
    let i = ((sorted.len() - 1) as f64 * p).round() as usize;
    sorted[i.min(sorted.len() - 1)]
}

struct Row {
    name: String,
    offered: String,
    achieved: String,
    p50: f64,
    p95: f64,
    p99: f64,
    max: f64,
    /// p99 target in ms (ratio p99 / target is printed).
    target: Option<f64>,
    note: String,
}

/// How many observations of a cumulative histogram (`(bound, count <= bound)`, ending with the
/// total) exceed `bound` (which must be one of its bounds).
fn over(buckets: &[(f64, u64)], bound: f64) -> u64 {
    let total = buckets.last().map_or(0, |b| b.1);
    let below = buckets.iter().find(|b| (b.0 - bound).abs() < 1e-9).map_or(0, |b| b.1);
    total - below
}

fn load_average() -> String {
    std::fs::read_to_string("/proc/loadavg").map_or_else(|_| "?".into(), |s| s.split_whitespace().take(3).collect::<Vec<_>>().join(" "))
}

/// Starts a bridge on the server runtime (its tasks run there, apart from the load), from a
/// plain thread so that no runtime context is nested.
fn start_bridge(server: &tokio::runtime::Handle, dir: &std::path::Path, database: Option<&str>) -> resonance_bridge::Running {
    start_bridge_with(server, dir, database, resonance_bridge::config::IpRange::loopback())
}

/// [`start_bridge`] trusting the OSC sources in `trust` (none: only token holders are heard).
fn start_bridge_with(
    server: &tokio::runtime::Handle,
    dir: &std::path::Path,
    database: Option<&str>,
    trust: Vec<resonance_bridge::config::IpRange>,
) -> resonance_bridge::Running {
    let config = resonance_bridge::Config {
        osc_trust: trust,
        osc_tokens: vec!["bench-token".into()],
        database: database.map(String::from),
        listen: "127.0.0.1:0".parse().unwrap(),
        osc_listen: "127.0.0.1:0".parse().unwrap(),
        data_dir: Some(dir.to_path_buf()),
        ws_buffer: 65536,
        ..resonance_bridge::Config::default()
    };
    let h = server.clone();
    std::thread::spawn(move || h.block_on(resonance_bridge::start(config))).join().unwrap().expect("bridge starts")
}

fn stop_bridge(server: &tokio::runtime::Handle, b: resonance_bridge::Running) {
    let h = server.clone();
    std::thread::spawn(move || h.block_on(b.stop())).join().unwrap().unwrap();
}

/// Every `EVENT_EVERY`-th OSC message is a crowd event instead of a mood: events must all be
/// delivered (they are never coalesced), moods may be superseded by newer moods.
const EVENT_EVERY: u64 = 100;

/// Sends `rate` messages per second for `secs` seconds (paced per 200 µs), each carrying its send
/// time (ns since `base`): moods in the `time` field, events in `onset`. Returns the send times
/// of the moods and of the events.
fn osc_sender(target: SocketAddr, rate: u64, secs: f64, base: Instant) -> (Vec<u64>, Vec<u64>) {
    let sock = UdpSocket::bind("127.0.0.1:0").unwrap();
    let total = (rate as f64 * secs) as u64;
    let (mut moods, mut events) = (Vec::with_capacity(total as usize), Vec::new());
    let start = Instant::now();
    let mut sent = 0u64;
    while sent < total {
        let due = ((start.elapsed().as_secs_f64()) * rate as f64) as u64;
        while sent < due.min(total) {
            let t = base.elapsed().as_nanos() as u64;
            let v = ((sent % 200) as f32 / 100.0) - 1.0;
            let m = if sent % EVENT_EVERY == EVENT_EVERY - 1 {
                events.push(t);
                Inbound::Event(CrowdEvent {
                    kind: CrowdEventKind::Applause,
                    onset: t,
                    detected: t,
                    confidence: 0.8,
                    whistle: WhistleKind::Short,
                })
            } else {
                moods.push(t);
                Inbound::Mood(MoodSnapshot { time: t, valence: v, arousal: -v, label: MoodLabel::Excitement, confidence: 0.9 })
            };
            // Loopback UDP: a full socket buffer would show up as loss in the table.
            let _ = sock.send_to(&osc::to_datagram(osc::encode_inbound(&m)), target);
            sent += 1;
        }
        std::thread::sleep(Duration::from_micros(200));
    }
    (moods, events)
}

/// The integer after `"key":` in a JSON text (cheaper than parsing the frame: the subscribers
/// share the machine with the bridge).
fn json_u64(s: &str, key: &str) -> Option<u64> {
    let i = s.find(key)? + key.len();
    let digits: &str = &s[i..];
    let end = digits.find(|c: char| !c.is_ascii_digit()).unwrap_or(digits.len());
    digits[..end].parse().ok()
}

/// What one subscriber saw: (mood time, receive time) and (event onset, receive time) in
/// arrival order, lag notices, frames.
#[derive(Default)]
struct Seen {
    moods: Vec<(u64, u64)>,
    events: Vec<(u64, u64)>,
    lagged: u64,
    frames: u64,
}

/// Per-message end-to-end latency of coalescable state (ms): a mood sent at `s` counts as
/// delivered when the subscriber receives a mood sent at `s` or later (the same state or a
/// newer one), measured from `s`. Frames arrive in send order, so one sweep does it. Returns
/// the latencies and the number of moods never covered.
fn mood_latencies(sent: &[u64], seen: &[(u64, u64)]) -> (Vec<f64>, usize) {
    let mut out = Vec::with_capacity(sent.len());
    let mut k = 0;
    // The covering frame for `s` is the first arrival whose time is >= s.
    let mut best: Vec<(u64, u64)> = Vec::with_capacity(seen.len());
    for &(t, r) in seen {
        // Keep arrivals increasing in time (a reordering would only make an older frame late).
        if best.last().is_none_or(|&(bt, _)| t > bt) {
            best.push((t, r));
        }
    }
    for &s in sent {
        while k < best.len() && best[k].0 < s {
            k += 1;
        }
        let Some(&(_, r)) = best.get(k) else { break };
        out.push((r as f64 - s as f64) / 1e6);
    }
    let missing = sent.len() - out.len();
    (out, missing)
}

async fn osc_to_ws(server: &tokio::runtime::Handle, rate: u64, secs: f64, subscribers: usize) -> Row {
    let dir = tempfile::tempdir().unwrap();
    let b = start_bridge(server, dir.path(), None);
    let base = Instant::now();
    let mut clients = Vec::new();
    let done = Arc::new(AtomicBool::new(false));
    for _ in 0..subscribers {
        let (ws, _) = tokio_tungstenite::connect_async(format!("ws://{}/api/v1/ws", b.http_addr)).await.unwrap();
        let done = done.clone();
        clients.push(tokio::spawn(async move {
            let mut ws = ws;
            let mut seen = Seen::default();
            loop {
                let next = tokio::time::timeout(Duration::from_millis(500), ws.next()).await;
                let Ok(Some(Ok(msg))) = next else {
                    if done.load(Ordering::Relaxed) {
                        break;
                    }
                    continue;
                };
                let now = base.elapsed().as_nanos() as u64;
                if let tokio_tungstenite::tungstenite::Message::Text(t) = msg {
                    seen.frames += 1;
                    let s = t.as_str();
                    if s.contains("\"type\":\"mood\"") {
                        seen.moods.push((json_u64(s, "\"time\":").unwrap(), now));
                    } else if s.contains("\"type\":\"event\"") {
                        seen.events.push((json_u64(s, "\"onset\":").unwrap(), now));
                    } else if s.contains("\"type\":\"lag\"") {
                        seen.lagged += json_u64(s, "\"dropped\":").unwrap_or(0);
                    }
                }
            }
            seen
        }));
    }
    let target = b.osc_addr;
    let t0 = Instant::now();
    let (moods, events) = tokio::task::spawn_blocking(move || osc_sender(target, rate, secs, base)).await.unwrap();
    let sent = (moods.len() + events.len()) as u64;
    let send_secs = t0.elapsed().as_secs_f64();
    tokio::time::sleep(Duration::from_millis(300)).await;
    let ingested = b.state.inner.metrics.osc_engine_messages.load(Ordering::Relaxed);
    let batches = b.state.inner.metrics.osc_batches.load(Ordering::Relaxed);
    done.store(true, Ordering::Relaxed);
    let mut all = Vec::new();
    let mut ev_lat = Vec::new();
    let (mut lagged, mut frames, mut missing, mut ev_missing) = (0, 0, 0, 0u64);
    for c in clients {
        let seen = c.await.unwrap();
        let (l, miss) = mood_latencies(&moods, &seen.moods);
        missing += miss;
        all.extend(l);
        let got: std::collections::HashMap<u64, u64> = seen.events.iter().copied().collect();
        for e in &events {
            match got.get(e) {
                Some(r) => ev_lat.push((*r as f64 - *e as f64) / 1e6),
                None => ev_missing += 1,
            }
        }
        lagged += seen.lagged;
        frames += seen.frames;
    }
    stop_bridge(server, b);
    all.sort_by(f64::total_cmp);
    ev_lat.sort_by(f64::total_cmp);
    let loss = 100.0 * (1.0 - ingested as f64 / sent as f64);
    Row {
        name: format!("OSC mood+events -> {subscribers} WebSocket subscriber(s)"),
        offered: format!("{:.0} msg/s", sent as f64 / send_secs),
        achieved: format!("{:.0} msg/s", ingested as f64 / send_secs),
        p50: percentile(&all, 0.5),
        p95: percentile(&all, 0.95),
        p99: percentile(&all, 0.99),
        max: all.last().copied().unwrap_or(f64::NAN),
        target: Some(2.0),
        note: format!(
            "{sent} sent, UDP loss {loss:.2} %, moods not delivered {missing} of {}; events: {} of {} delivered ({ev_missing} missing), p50/p99/max {:.3}/{:.3}/{:.3} ms; \
             {frames} frames received ({:.1} msgs per OSC batch), {lagged} dropped for lag",
            moods.len() * subscribers,
            ev_lat.len(),
            events.len() * subscribers,
            percentile(&ev_lat, 0.5),
            percentile(&ev_lat, 0.99),
            ev_lat.last().copied().unwrap_or(f64::NAN),
            ingested as f64 / batches.max(1) as f64,
        ),
    }
}

/// Maximum OSC ingest: blast without pacing, count what the bridge decoded and applied.
async fn osc_max_ingest(server: &tokio::runtime::Handle, secs: f64) -> Row {
    let dir = tempfile::tempdir().unwrap();
    let b = start_bridge(server, dir.path(), None);
    let target = b.osc_addr;
    let stop = Arc::new(AtomicBool::new(false));
    let sent = Arc::new(AtomicU64::new(0));
    let (s2, n2) = (stop.clone(), sent.clone());
    let th = std::thread::spawn(move || {
        let sock = UdpSocket::bind("127.0.0.1:0").unwrap();
        let m = osc::to_datagram(osc::encode_inbound(&Inbound::Mood(MoodSnapshot {
            time: 1,
            valence: 0.2,
            arousal: 0.3,
            label: MoodLabel::Tension,
            confidence: 0.5,
        })));
        while !s2.load(Ordering::Relaxed) {
            for _ in 0..64 {
                let _ = sock.send_to(&m, target);
            }
            n2.fetch_add(64, Ordering::Relaxed);
            // Yield now and then so the bridge gets the CPU on a 2-core machine.
            std::thread::sleep(Duration::from_micros(50));
        }
    });
    let before = b.state.inner.metrics.osc_engine_messages.load(Ordering::Relaxed);
    let t0 = Instant::now();
    tokio::time::sleep(Duration::from_secs_f64(secs)).await;
    let n = b.state.inner.metrics.osc_engine_messages.load(Ordering::Relaxed) - before;
    let el = t0.elapsed().as_secs_f64();
    stop.store(true, Ordering::Relaxed);
    th.join().unwrap();
    let s = sent.load(Ordering::Relaxed);
    stop_bridge(server, b);
    Row {
        name: "OSC max ingest (no subscribers)".into(),
        offered: format!("{:.0} msg/s", s as f64 / el),
        achieved: format!("{:.0} msg/s", n as f64 / el),
        p50: f64::NAN,
        p95: f64::NAN,
        p99: f64::NAN,
        max: f64::NAN,
        target: None,
        note: format!("throughput only; target >= 50000 msg/s: ratio {:.2}", n as f64 / el / 50_000.0),
    }
}

/// One load connection of [`http_load`]: `per_conn_total` telemetry POSTs on an open-loop
/// schedule (latency from each request's due time), staggered by its index `c`.
async fn http_connection(
    addr: std::net::SocketAddr,
    key: String,
    c: usize,
    rate: u64,
    per_conn: f64,
    per_conn_total: u64,
    start: tokio::time::Instant,
) -> (Vec<f64>, u64) {
    let stream = tokio::net::TcpStream::connect(addr).await.unwrap();
    stream.set_nodelay(true).unwrap();
    let (mut send, conn) = hyper::client::conn::http1::handshake(hyper_util::rt::TokioIo::new(stream)).await.unwrap();
    tokio::spawn(conn);
    let mut lat = Vec::with_capacity(per_conn_total as usize);
    let mut errors = 0u64;
    // Stagger connections across one period.
    let offset = Duration::from_secs_f64(c as f64 / rate as f64);
    for i in 0..per_conn_total {
        let due = start + offset + Duration::from_secs_f64(i as f64 / per_conn);
        tokio::time::sleep_until(due).await;
        let body = format!("{{\"hp\": {}, \"max_hp\": 100000, \"stress\": 0.{}}}", i % 1000, i % 10);
        let req = hyper::Request::post(format!("/api/v1/sessions/load-{}/telemetry", c % 8))
            .header("host", "127.0.0.1")
            .header("authorization", format!("Bearer {key}"))
            .header("content-type", "application/json")
            .body(http_body_util::Full::new(axum::body::Bytes::from(body)))
            .unwrap();
        let resp = send.send_request(req).await.unwrap();
        let ok = resp.status() == 200;
        let _ = resp.into_body().collect().await;
        lat.push(due.elapsed().as_secs_f64() * 1e3);
        if !ok {
            errors += 1;
        }
    }
    (lat, errors)
}

async fn http_load(server: &tokio::runtime::Handle, rate: u64, secs: f64, conns: usize, database: Option<&str>) -> Row {
    let dir = tempfile::tempdir().unwrap();
    let b = start_bridge(server, dir.path(), database);
    let kind = b.state.inner.store.kind();
    let key = if let Some(k) = &b.first_key {
        k.clone()
    } else {
        // A database from an earlier run: add a key for this one.
        let (k, rec) = resonance_bridge::auth::new_key("bench");
        let h = server.clone();
        let st = b.state.clone();
        b.state.inner.keys.insert(&rec);
        std::thread::spawn(move || h.block_on(st.inner.store.insert_key(&rec))).join().unwrap().unwrap();
        k
    };
    let per_conn = rate as f64 / conns as f64;
    let per_conn_total = (per_conn * secs) as u64;
    let start = tokio::time::Instant::now() + Duration::from_millis(100);
    let mut tasks = Vec::new();
    for c in 0..conns {
        let key = key.clone();
        let addr = b.http_addr;
        tasks.push(tokio::spawn(http_connection(addr, key, c, rate, per_conn, per_conn_total, start)));
    }
    let mut all = Vec::new();
    let mut errors = 0;
    for t in tasks {
        let (l, e) = t.await.unwrap();
        all.extend(l);
        errors += e;
    }
    let el = start.elapsed().as_secs_f64();
    let m = &b.state.inner.metrics;
    let writes = m.store_writes.load(Ordering::Relaxed);
    let batches = m.store_batches.load(Ordering::Relaxed);
    let commit_max = m.store_commit_max_us.load(Ordering::Relaxed) as f64 / 1e3;
    // Where the time goes, server side: group-commit durations, how long writes waited for the
    // writer, and the handler's own latency (from the bridge's histograms).
    let commits = m.commit_buckets();
    let queue = m.queue_wait_buckets();
    let handler = m.route_buckets("POST", "/api/v1/sessions/{session}/telemetry");
    let ckpt = b.state.inner.store.checkpoint_stats().map_or_else(String::new, |c| {
        format!(
            "; checkpointer: {} passive, {} WAL rewinds (longest {:.1} ms), WAL at most {} pages",
            c.passive.load(Ordering::Relaxed),
            c.restarts.load(Ordering::Relaxed),
            c.restart_max_us.load(Ordering::Relaxed) as f64 / 1e3,
            c.wal_pages_max.load(Ordering::Relaxed)
        )
    });
    stop_bridge(server, b);
    all.sort_by(f64::total_cmp);
    Row {
        name: format!("HTTP telemetry POST ({conns} connections, {kind} write-through)"),
        offered: format!("{rate} req/s"),
        achieved: format!("{:.0} req/s", all.len() as f64 / el),
        p50: percentile(&all, 0.5),
        p95: percentile(&all, 0.95),
        p99: percentile(&all, 0.99),
        max: all.last().copied().unwrap_or(f64::NAN),
        target: Some(5.0),
        note: format!(
            "{} requests, {errors} errors, {writes} database writes in {batches} transactions ({:.1} per commit, longest commit {commit_max:.1} ms); \
             commits > 2/5/10 ms: {}/{}/{}; writes queued > 2/5 ms: {}/{}; handler > 2/5 ms: {}/{} of {}{ckpt}",
            all.len(),
            writes as f64 / batches.max(1) as f64,
            over(&commits, 0.002),
            over(&commits, 0.005),
            over(&commits, 0.01),
            over(&queue, 0.002),
            over(&queue, 0.005),
            over(&handler, 0.002),
            over(&handler, 0.005),
            handler.last().map_or(0, |b| b.1),
        ),
    }
}

/// Decision record 0022: authenticated HTTP telemetry (200 req/s on 4 connections) while an
/// unauthenticated sender floods a bridge that trusts no address with `flood` datagrams of
/// hellos and telemetry for new sessions, as fast as one thread sends them.
async fn http_under_osc_flood(server: &tokio::runtime::Handle, flood: u64, secs: f64) -> Row {
    let dir = tempfile::tempdir().unwrap();
    let b = start_bridge_with(server, dir.path(), None, Vec::new());
    let key = b.first_key.clone().expect("a fresh database creates a key");
    let target = b.osc_addr;
    let flooder = std::thread::spawn(move || {
        let sock = UdpSocket::bind("127.0.0.1:0").unwrap();
        let t = Instant::now();
        let mut sent = 0u64;
        for i in 0..flood {
            let m = if i % 2 == 0 {
                Inbound::Hello { session: format!("spam{i}"), token: Some("guess".into()) }
            } else {
                Inbound::Telemetry { session: format!("spam{i}"), fields: vec![("stress".into(), osc::TelemetryArg::Number(0.5))] }
            };
            if sock.send_to(&osc::to_datagram(osc::encode_inbound(&m)), target).is_ok() {
                sent += 1;
            }
        }
        (sent, t.elapsed().as_secs_f64())
    });
    let (rate, conns) = (200u64, 4usize);
    let per_conn = rate as f64 / conns as f64;
    let per_conn_total = (per_conn * secs) as u64;
    let start = tokio::time::Instant::now() + Duration::from_millis(20);
    let mut tasks = Vec::new();
    for c in 0..conns {
        tasks.push(tokio::spawn(http_connection(b.http_addr, key.clone(), c, rate, per_conn, per_conn_total, start)));
    }
    let (mut all, mut errors) = (Vec::new(), 0);
    for t in tasks {
        let (l, e) = t.await.unwrap();
        all.extend(l);
        errors += e;
    }
    let (sent, flood_secs) = flooder.join().unwrap();
    tokio::time::sleep(Duration::from_millis(500)).await;
    let m = &b.state.inner.metrics;
    let (unauth, limited) = (m.rejects("osc_unauthenticated"), m.rejects("osc_rate_limited"));
    let spam_sessions = b.state.session_names().iter().filter(|n| n.starts_with("spam")).count();
    stop_bridge(server, b);
    all.sort_by(f64::total_cmp);
    Row {
        name: format!("HTTP telemetry POST under an unauthenticated OSC flood of {flood} datagrams"),
        offered: format!("{rate} req/s + {:.0} datagrams/s", sent as f64 / flood_secs),
        achieved: format!("{:.0} req/s", all.len() as f64 / secs),
        p50: percentile(&all, 0.5),
        p95: percentile(&all, 0.95),
        p99: percentile(&all, 0.99),
        max: all.last().copied().unwrap_or(f64::NAN),
        target: Some(5.0),
        note: format!(
            "{} requests, {errors} errors; flood: {sent} sent in {flood_secs:.2} s, {limited} rate limited and {unauth} unauthenticated (counted), {} lost in the socket; spam sessions created: {spam_sessions}",
            all.len(),
            sent.saturating_sub(limited + unauth)
        ),
    }
}

/// A GET on one keep-alive connection: (status, body bytes).
async fn get(send: &mut hyper::client::conn::http1::SendRequest<http_body_util::Empty<axum::body::Bytes>>, path: &str) -> (u16, usize) {
    let req = hyper::Request::get(path).header("host", "127.0.0.1").body(http_body_util::Empty::new()).unwrap();
    send.ready().await.unwrap();
    let resp = send.send_request(req).await.unwrap();
    let status = resp.status().as_u16();
    let mut body = resp.into_body();
    let mut n = 0;
    while let Some(frame) = body.frame().await {
        if let Ok(d) = frame.unwrap().into_data() {
            n += d.len();
        }
    }
    (status, n)
}

async fn connect_get(addr: SocketAddr) -> hyper::client::conn::http1::SendRequest<http_body_util::Empty<axum::body::Bytes>> {
    let stream = tokio::net::TcpStream::connect(addr).await.unwrap();
    stream.set_nodelay(true).unwrap();
    let (send, conn) = hyper::client::conn::http1::handshake(hyper_util::rt::TokioIo::new(stream)).await.unwrap();
    tokio::spawn(conn);
    send
}

/// Clip rows made directly in the store, all naming the blob `sha` of `len` bytes (placed by
/// a real upload before).
fn seed_clips(server: &tokio::runtime::Handle, b: &resonance_bridge::Running, n: usize, sha: String, len: i64) -> Vec<String> {
    let st = b.state.clone();
    let h = server.clone();
    std::thread::spawn(move || {
        h.block_on(async move {
            let mut ids = Vec::with_capacity(n);
            for i in 0..n {
                let id = resonance_bridge::clips::service::new_id();
                let row = resonance_bridge::clips::store::ClipRow {
                    id: id.clone(),
                    slug: format!("clip-{i}"),
                    sha256: sha.clone(),
                    title: format!("Clip {i:05} {}", ["horn", "chant", "sting", "jingle"][i % 4]),
                    source: "bench".into(),
                    content_type: "audio/ogg".into(),
                    bytes: len,
                    duration_ms: 10_000,
                    sample_rate: 44_100,
                    channels: 2,
                    lufs_milli: -18_000,
                    true_peak_milli: -1_500,
                    lra_milli: 4_000,
                    valence_milli: 0,
                    arousal_milli: 0,
                    energy_milli: 500,
                    gain_milli: 2_000,
                    tags: vec![["goal", "crowd", "sponsor", "fx"][i % 4].to_string()],
                    listens: (i % 97) as i64,
                    on_air_plays: 0,
                    last_played_ms: None,
                    created_ms: i as i64,
                    updated_ms: i as i64,
                };
                st.inner.store.insert_clip(&row).await.unwrap();
                ids.push(id);
            }
            ids
        })
    })
    .join()
    .unwrap()
}

/// List and stats requests at `rate` req/s in total (half each) for `secs`, open loop on
/// `conns` connections, over `ids`: one row per kind.
async fn clip_reads(addr: SocketAddr, ids: Arc<Vec<String>>, rate: u64, secs: f64, conns: usize) -> Vec<Row> {
    let per_conn = rate as f64 / conns as f64;
    let per_conn_total = (per_conn * secs) as u64;
    let start = tokio::time::Instant::now() + Duration::from_millis(200);
    let mut tasks = Vec::new();
    for c in 0..conns {
        let ids = ids.clone();
        tasks.push(tokio::spawn(async move {
            let mut send = connect_get(addr).await;
            let (mut list, mut stats, mut errors) = (Vec::new(), Vec::new(), 0u64);
            let offset = Duration::from_secs_f64(c as f64 / rate as f64);
            for i in 0..per_conn_total {
                let due = start + offset + Duration::from_secs_f64(i as f64 / per_conn);
                tokio::time::sleep_until(due).await;
                let k = (c as u64 * 7919 + i * 104_729) as usize;
                let is_list = (i + c as u64).is_multiple_of(2);
                let path = if is_list {
                    match k % 4 {
                        0 => "/play?sort=plays&limit=50".to_string(),
                        1 => format!("/play?tag={}&limit=50", ["goal", "crowd", "sponsor", "fx"][(k / 4) % 4]),
                        2 => "/play?sort=title&limit=50&offset=5000".to_string(),
                        _ => format!("/play?q=clip%20{:03}&limit=20", k % 1000),
                    }
                } else {
                    format!("/play/{}/stats", ids[k % ids.len()])
                };
                let (status, _) = get(&mut send, &path).await;
                let ms = due.elapsed().as_secs_f64() * 1e3;
                if status != 200 {
                    errors += 1;
                }
                if is_list { list.push(ms) } else { stats.push(ms) }
            }
            (list, stats, errors)
        }));
    }
    let (mut list, mut stats, mut errors) = (Vec::new(), Vec::new(), 0);
    for t in tasks {
        let (l, s, e) = t.await.unwrap();
        list.extend(l);
        stats.extend(s);
        errors += e;
    }
    let el = start.elapsed().as_secs_f64();
    let mut rows = Vec::new();
    for (name, mut v) in [("GET /play (list: by plays, by tag, page at offset 5000, search)", list), ("GET /play/{id}/stats", stats)] {
        v.sort_by(f64::total_cmp);
        rows.push(Row {
            // the seeded rows and the clip uploaded to make their file
            name: format!("{name}, {} clips", ids.len() + 1),
            offered: format!("{} req/s", rate / 2),
            achieved: format!("{:.0} req/s", v.len() as f64 / el),
            p50: percentile(&v, 0.5),
            p95: percentile(&v, 0.95),
            p99: percentile(&v, 0.99),
            max: v.last().copied().unwrap_or(f64::NAN),
            target: Some(10.0),
            note: format!("{} requests on {conns} connections (1,000 req/s list + stats together), {errors} errors", v.len()),
        });
    }
    rows
}

/// `streams` connections each fetching the clip again and again for `secs`: aggregate MB/s.
async fn clip_streams(addr: SocketAddr, id: &str, streams: usize, secs: f64) -> Row {
    let start = Instant::now();
    let deadline = start + Duration::from_secs_f64(secs);
    let total = Arc::new(AtomicU64::new(0));
    let mut tasks = Vec::new();
    for _ in 0..streams {
        let (total, path) = (total.clone(), format!("/play/{id}/stream"));
        tasks.push(tokio::spawn(async move {
            let mut send = connect_get(addr).await;
            let mut lat = Vec::new();
            while Instant::now() < deadline {
                let t = Instant::now();
                let (status, n) = get(&mut send, &path).await;
                assert_eq!(status, 200);
                total.fetch_add(n as u64, Ordering::Relaxed);
                lat.push(t.elapsed().as_secs_f64() * 1e3);
            }
            lat
        }));
    }
    let mut lat = Vec::new();
    for t in tasks {
        lat.extend(t.await.unwrap());
    }
    let el = start.elapsed().as_secs_f64();
    lat.sort_by(f64::total_cmp);
    let mb = total.load(Ordering::Relaxed) as f64 / 1e6;
    Row {
        name: format!("{streams} concurrent streams of a {:.2} MB clip (whole file each)", 0.0),
        offered: "as fast as possible".into(),
        achieved: format!("{:.0} MB/s", mb / el),
        p50: percentile(&lat, 0.5),
        p95: percentile(&lat, 0.95),
        p99: percentile(&lat, 0.99),
        max: lat.last().copied().unwrap_or(f64::NAN),
        target: None,
        note: format!(
            "{mb:.0} MB in {el:.1} s over {} responses (latency = one whole-file response); target >= 500 MB/s: ratio {:.2}",
            lat.len(),
            mb / el / 500.0
        ),
    }
}

/// Uploads of real clips, each followed by a list: time from the upload's start to the clip
/// being in `GET /play` (newest first).
/// Uploads one file: the answer's JSON text.
async fn upload_clip(addr: SocketAddr, key: &str, bytes: &[u8], name: &str) -> String {
    let stream = tokio::net::TcpStream::connect(addr).await.unwrap();
    let (mut post, conn) = hyper::client::conn::http1::handshake(hyper_util::rt::TokioIo::new(stream)).await.unwrap();
    tokio::spawn(conn);
    let resp = post.send_request(clip_upload(key, name, bytes)).await.unwrap();
    let status = resp.status();
    let out = String::from_utf8_lossy(&resp.into_body().collect().await.unwrap().to_bytes()).into_owned();
    assert!(status.is_success(), "{status} {out}");
    out
}

/// `POST /play` of `bytes` as the multipart field `file` named `name`.
fn clip_upload(key: &str, name: &str, bytes: &[u8]) -> hyper::Request<http_body_util::Full<axum::body::Bytes>> {
    let boundary = "bench-boundary";
    let mut body = format!("--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{name}\"\r\n\r\n").into_bytes();
    body.extend_from_slice(bytes);
    body.extend_from_slice(format!("\r\n--{boundary}--\r\n").as_bytes());
    hyper::Request::post("/play")
        .header("host", "127.0.0.1")
        .header("authorization", format!("Bearer {key}"))
        .header("content-type", format!("multipart/form-data; boundary={boundary}"))
        .body(http_body_util::Full::new(axum::body::Bytes::from(body)))
        .unwrap()
}

async fn clip_upload_to_listed(addr: SocketAddr, key: &str, files: &[std::path::PathBuf], rounds: usize) -> Row {
    let stream = tokio::net::TcpStream::connect(addr).await.unwrap();
    let (mut post, conn) = hyper::client::conn::http1::handshake(hyper_util::rt::TokioIo::new(stream)).await.unwrap();
    tokio::spawn(conn);
    let mut send = connect_get(addr).await;
    let mut lat = Vec::new();
    for r in 0..rounds {
        let f = &files[r % files.len()];
        let mut bytes = std::fs::read(f).unwrap();
        // A different file each round (else it is a duplicate): the last sample's low bits.
        let last = bytes.len() - 1;
        bytes[last] ^= (r as u8).wrapping_add(1);
        let req = clip_upload(key, "c.wav", &bytes);
        let t = Instant::now();
        let resp = post.send_request(req).await.unwrap();
        let status = resp.status();
        let out = resp.into_body().collect().await.unwrap().to_bytes();
        assert!(status.is_success(), "{status} {}", String::from_utf8_lossy(&out));
        let id = json_str(&String::from_utf8_lossy(&out), "id").unwrap();
        loop {
            let req = hyper::Request::get("/play?limit=5").header("host", "127.0.0.1").body(http_body_util::Empty::new()).unwrap();
            send.ready().await.unwrap();
            let listed = send.send_request(req).await.unwrap().into_body().collect().await.unwrap().to_bytes();
            if String::from_utf8_lossy(&listed).contains(&id) {
                break;
            }
        }
        lat.push(t.elapsed().as_secs_f64() * 1e3);
    }
    lat.sort_by(f64::total_cmp);
    Row {
        name: "upload to listed (WAV 10-250 kB: decode, loudness, mood, store, then in GET /play)".into(),
        offered: "one at a time".into(),
        achieved: format!("{} uploads", lat.len()),
        p50: percentile(&lat, 0.5),
        p95: percentile(&lat, 0.95),
        p99: percentile(&lat, 0.99),
        max: lat.last().copied().unwrap_or(f64::NAN),
        target: None,
        note: "the answer is sent after the insert commits; the list is read once after it".into(),
    }
}

fn json_str(s: &str, key: &str) -> Option<String> {
    let i = s.find(&format!("\"{key}\":\""))? + key.len() + 4;
    Some(s[i..].split('"').next()?.to_string())
}

/// The clip library's rows (`-- --clips`).
async fn clip_rows(server: &tokio::runtime::Handle, secs: f64) -> Vec<Row> {
    let dir = tempfile::tempdir().unwrap();
    let b = start_bridge(server, dir.path(), None);
    let key = b.first_key.clone().unwrap();
    let audio = resonance_test_support::test_audio_dir();
    let clip = audio.join("music/battle-epic.ogg");
    let size = std::fs::metadata(&clip).map_or(0, |m| m.len()) as f64 / 1e6;
    let first = upload_clip(b.http_addr, &key, &std::fs::read(&clip).unwrap(), "battle-epic.ogg").await;
    let sha = json_str(&first, "sha256").unwrap();
    let ids = Arc::new(seed_clips(server, &b, 9_999, sha, json_u64(&first, "\"bytes\":").unwrap() as i64));
    let mut rows = clip_reads(b.http_addr, ids.clone(), 1_000, secs, 16).await;
    let mut s = clip_streams(b.http_addr, &ids[0], 100, secs).await;
    s.name = format!("100 concurrent streams of a {size:.2} MB clip (whole file each)");
    rows.push(s);
    let files: Vec<_> =
        ["crowdcheer.wav", "crowdooh.wav", "refwhistleshort.wav", "crowdboo.wav"].iter().map(|f| audio.join("events").join(f)).collect();
    rows.push(clip_upload_to_listed(b.http_addr, &key, &files, 20).await);
    stop_bridge(server, b);
    rows
}

/// Per row name: (p99, p50, load average before the run) of every run.
type Runs = Vec<(f64, f64, String)>;

fn print_table(rows: &[Row]) {
    println!("| benchmark | offered | achieved | p50 ms | p95 ms | p99 ms | max ms | p99 / target | notes |");
    println!("|---|---|---|---|---|---|---|---|---|");
    let f = |x: f64| if x.is_nan() { "-".to_string() } else { format!("{x:.3}") };
    for r in rows {
        let ratio = r.target.map_or_else(|| "-".to_string(), |t| format!("{:.2} (target {t} ms)", r.p99 / t));
        println!(
            "| {} | {} | {} | {} | {} | {} | {} | {ratio} | {} |",
            r.name,
            r.offered,
            r.achieved,
            f(r.p50),
            f(r.p95),
            f(r.p99),
            f(r.max),
            r.note
        );
    }
}

/// The rows of one service's benchmark when the arguments ask for one (`--clips`,
/// `--recognition`, `--library`, `--obs`).
async fn one_service(h: &tokio::runtime::Handle, args: &[String], quick: bool, secs: f64) -> Option<Vec<Row>> {
    let has = |flag: &str| args.iter().any(|a| a == flag);
    if has("--clips") {
        Some(clip_rows(h, secs).await)
    } else if has("--recognition") {
        Some(recognition::rows(h, if quick { 3.0 } else { 10.0 }, quick).await)
    } else if has("--library") {
        Some(library::rows(h, quick).await)
    } else if has("--obs") {
        Some(obs::rows(h, quick).await)
    } else {
        None
    }
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if args.iter().any(|a| a == "--cluster") {
        cluster::run(&args);
        return;
    }
    let quick = args.iter().any(|a| a == "--quick");
    let secs = if quick { 2.0 } else { 5.0 };
    let osc_only = args.iter().any(|a| a == "--osc");
    let http_only = args.iter().any(|a| a == "--http");
    let flood_only = args.iter().any(|a| a == "--osc-flood");
    // `--runs N`: the whole set N times (a table per run, then best and worst p99 per row).
    let runs: usize = args.iter().position(|a| a == "--runs").and_then(|i| args.get(i + 1)).and_then(|n| n.parse().ok()).unwrap_or(1);
    let server = tokio::runtime::Builder::new_multi_thread().worker_threads(2).thread_name("bridge").enable_all().build().unwrap();
    let load = tokio::runtime::Builder::new_multi_thread().worker_threads(2).thread_name("load").enable_all().build().unwrap();
    let h = server.handle().clone();
    if args.iter().any(|a| a == "--discovery") {
        discovery::run(&h, &load, quick);
        return;
    }
    let mut summary: Vec<(String, Runs)> = Vec::new();
    for run in 1..=runs {
        let load_before = load_average();
        let rows = load.block_on(async {
            let mut rows = Vec::new();
            if let Some(rows) = one_service(&h, &args, quick, secs).await {
                return rows;
            }
            if flood_only {
                // the same HTTP load without the flood, as the baseline on this machine now
                rows.push(http_under_osc_flood(&h, 0, secs).await);
                rows.push(http_under_osc_flood(&h, 100_000, secs).await);
                return rows;
            }
            if !http_only {
                rows.push(osc_max_ingest(&h, secs).await);
                rows.push(osc_to_ws(&h, 50_000, secs, 1).await);
                rows.push(osc_to_ws(&h, 50_000, secs, 4).await);
            }
            if !osc_only {
                rows.push(http_load(&h, 2_000, secs, 32, None).await);
                rows.push(http_under_osc_flood(&h, 100_000, secs).await);
            }
            // PostgreSQL through the same code, when a server is given (scripts/test.sh starts one).
            if let Ok(url) = std::env::var("RESONANCE_BENCH_POSTGRES_URL")
                && !osc_only
            {
                rows.push(http_load(&h, 2_000, secs, 32, Some(&url)).await);
            }
            rows
        });
        let load_after = load_average();
        println!(
            "run {run} of {runs}: machine: {} cores, load average before {load_before}, after {load_after}",
            std::thread::available_parallelism().map_or(0, usize::from),
        );
        println!();
        print_table(&rows);
        println!();
        for r in &rows {
            if !summary.iter().any(|(n, _)| *n == r.name) {
                summary.push((r.name.clone(), Vec::new()));
            }
            let entry = summary.iter_mut().find(|(n, _)| *n == r.name).unwrap();
            entry.1.push((r.p99, r.p50, load_before.split_whitespace().next().unwrap_or("?").to_string()));
        }
    }
    if runs > 1 {
        println!("best and worst p99 of {runs} runs (p50 of that run, 1-minute load average before it):");
        println!();
        println!("| benchmark | best p99 ms (p50, load) | worst p99 ms (p50, load) | runs with p99 <= target |");
        println!("|---|---|---|---|");
        for (name, v) in &summary {
            if v.iter().all(|x| x.0.is_nan()) {
                continue;
            }
            let target = if name.starts_with("HTTP") { 5.0 } else { 2.0 };
            let best = v.iter().min_by(|a, b| a.0.total_cmp(&b.0)).unwrap();
            let worst = v.iter().max_by(|a, b| a.0.total_cmp(&b.0)).unwrap();
            let met = v.iter().filter(|x| x.0 <= target).count();
            println!(
                "| {name} | {:.3} ({:.3}, {}) | {:.3} ({:.3}, {}) | {met} of {} |",
                best.0,
                best.1,
                best.2,
                worst.0,
                worst.1,
                worst.2,
                v.len()
            );
        }
    }
}

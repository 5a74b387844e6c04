//! Bridge benchmarks (issue 8): OSC ingest rate with latency to WebSocket subscribers, and HTTP
//! telemetry latency under concurrent load. Prints a Markdown table.
//!
//! `cargo bench --bench bridge` (add `-- --quick` for a shorter run).
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
use resonance_engine::{MoodLabel, MoodSnapshot};

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

fn load_average() -> String {
    std::fs::read_to_string("/proc/loadavg").map_or_else(|_| "?".into(), |s| s.split_whitespace().take(3).collect::<Vec<_>>().join(" "))
}

/// Starts a bridge on the server runtime (its tasks run there, apart from the load), from a
/// plain thread so that no runtime context is nested.
fn start_bridge(server: &tokio::runtime::Handle, dir: &std::path::Path) -> resonance_bridge::Running {
    let config = resonance_bridge::Config {
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

/// Sends `rate` mood messages per second for `secs` seconds (paced per millisecond); each
/// carries its send time (ns since `base`) in the `time` field.
fn osc_sender(target: SocketAddr, rate: u64, secs: f64, base: Instant) -> u64 {
    let sock = UdpSocket::bind("127.0.0.1:0").unwrap();
    let total = (rate as f64 * secs) as u64;
    let start = Instant::now();
    let mut sent = 0u64;
    while sent < total {
        let due = ((start.elapsed().as_secs_f64()) * rate as f64) as u64;
        while sent < due.min(total) {
            let t = base.elapsed().as_nanos() as u64;
            let v = ((sent % 200) as f32 / 100.0) - 1.0;
            let m = Inbound::Mood(MoodSnapshot { time: t, valence: v, arousal: -v, label: MoodLabel::Excitement, confidence: 0.9 });
            // Loopback UDP: a full socket buffer would show up as loss in the table.
            let _ = sock.send_to(&osc::to_datagram(osc::encode_inbound(&m)), target);
            sent += 1;
        }
        std::thread::sleep(Duration::from_micros(200));
    }
    sent
}

async fn osc_to_ws(server: &tokio::runtime::Handle, rate: u64, secs: f64, subscribers: usize) -> Row {
    let dir = tempfile::tempdir().unwrap();
    let b = start_bridge(server, dir.path());
    let base = Instant::now();
    let mut clients = Vec::new();
    let done = Arc::new(AtomicBool::new(false));
    for _ in 0..subscribers {
        let (ws, _) = tokio_tungstenite::connect_async(format!("ws://{}/api/v1/ws", b.http_addr)).await.unwrap();
        let done = done.clone();
        clients.push(tokio::spawn(async move {
            let mut ws = ws;
            let mut lat = Vec::with_capacity(1 << 20);
            let mut lagged = 0u64;
            loop {
                let next = tokio::time::timeout(Duration::from_millis(500), ws.next()).await;
                let Ok(Some(Ok(msg))) = next else {
                    if done.load(Ordering::Relaxed) {
                        break;
                    }
                    continue;
                };
                let now = base.elapsed().as_nanos() as f64;
                if let tokio_tungstenite::tungstenite::Message::Text(t) = msg {
                    let s = t.as_str();
                    if s.starts_with("{\"") && s.contains("\"type\":\"mood\"") {
                        let v: serde_json::Value = serde_json::from_str(s).unwrap();
                        lat.push((now - v["time"].as_f64().unwrap()) / 1e6);
                    } else if s.contains("\"type\":\"lag\"") {
                        let v: serde_json::Value = serde_json::from_str(s).unwrap();
                        lagged += v["dropped"].as_u64().unwrap_or(0);
                    }
                }
            }
            (lat, lagged)
        }));
    }
    let target = b.osc_addr;
    let t0 = Instant::now();
    let sent = tokio::task::spawn_blocking(move || osc_sender(target, rate, secs, base)).await.unwrap();
    let send_secs = t0.elapsed().as_secs_f64();
    tokio::time::sleep(Duration::from_millis(300)).await;
    let ingested = b.state.inner.metrics.osc_engine_messages.load(Ordering::Relaxed);
    done.store(true, Ordering::Relaxed);
    let mut all = Vec::new();
    let mut lagged = 0;
    let mut received = 0;
    for c in clients {
        let (l, g) = c.await.unwrap();
        received += l.len();
        lagged += g;
        all.extend(l);
    }
    stop_bridge(server, b);
    all.sort_by(f64::total_cmp);
    let loss = 100.0 * (1.0 - ingested as f64 / sent as f64);
    Row {
        name: format!("OSC mood -> {subscribers} WebSocket subscriber(s)"),
        offered: format!("{:.0} msg/s", sent as f64 / send_secs),
        achieved: format!("{:.0} msg/s", ingested as f64 / send_secs),
        p50: percentile(&all, 0.5),
        p95: percentile(&all, 0.95),
        p99: percentile(&all, 0.99),
        max: all.last().copied().unwrap_or(f64::NAN),
        target: Some(2.0),
        note: format!("{sent} sent, UDP loss {loss:.2} %, {received} delivered, {lagged} dropped for lag"),
    }
}

/// Maximum OSC ingest: blast without pacing, count what the bridge decoded and applied.
async fn osc_max_ingest(server: &tokio::runtime::Handle, secs: f64) -> Row {
    let dir = tempfile::tempdir().unwrap();
    let b = start_bridge(server, dir.path());
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

async fn http_load(server: &tokio::runtime::Handle, rate: u64, secs: f64, conns: usize) -> Row {
    let dir = tempfile::tempdir().unwrap();
    let b = start_bridge(server, dir.path());
    let key = b.first_key.clone().unwrap();
    let per_conn = rate as f64 / conns as f64;
    let per_conn_total = (per_conn * secs) as u64;
    let start = tokio::time::Instant::now() + Duration::from_millis(100);
    let mut tasks = Vec::new();
    for c in 0..conns {
        let key = key.clone();
        let addr = b.http_addr;
        tasks.push(tokio::spawn(async move {
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
        }));
    }
    let mut all = Vec::new();
    let mut errors = 0;
    for t in tasks {
        let (l, e) = t.await.unwrap();
        all.extend(l);
        errors += e;
    }
    let el = start.elapsed().as_secs_f64();
    let writes = b.state.inner.metrics.store_writes.load(Ordering::Relaxed);
    stop_bridge(server, b);
    all.sort_by(f64::total_cmp);
    Row {
        name: format!("HTTP telemetry POST ({conns} connections, SQLite write-through)"),
        offered: format!("{rate} req/s"),
        achieved: format!("{:.0} req/s", all.len() as f64 / el),
        p50: percentile(&all, 0.5),
        p95: percentile(&all, 0.95),
        p99: percentile(&all, 0.99),
        max: all.last().copied().unwrap_or(f64::NAN),
        target: Some(5.0),
        note: format!("{} requests, {errors} errors, {writes} database writes", all.len()),
    }
}

fn main() {
    let quick = std::env::args().any(|a| a == "--quick");
    let secs = if quick { 2.0 } else { 5.0 };
    let server = tokio::runtime::Builder::new_multi_thread().worker_threads(2).thread_name("bridge").enable_all().build().unwrap();
    let load = tokio::runtime::Builder::new_multi_thread().worker_threads(2).thread_name("load").enable_all().build().unwrap();
    let h = server.handle().clone();
    let load_before = load_average();
    let rows = load.block_on(async {
        vec![
            osc_max_ingest(&h, secs).await,
            osc_to_ws(&h, 50_000, secs, 1).await,
            osc_to_ws(&h, 50_000, secs, 4).await,
            http_load(&h, 2_000, secs, 32).await,
        ]
    });
    println!(
        "machine: {} cores, load average before {load_before}, after {}",
        std::thread::available_parallelism().map_or(0, usize::from),
        load_average()
    );
    println!();
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

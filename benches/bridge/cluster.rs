//! The cluster benchmark and fault run of issue 31 (`cargo bench --bench bridge -- --cluster`):
//! three `resonance bridge --cluster` processes (the release binary), one `nats-server -js`
//! started here in a temporary directory, and the PostgreSQL of `RESONANCE_BENCH_POSTGRES_URL`.
//! 200 matches send telemetry at 12 msg/s each (open loop, each match to the bridges in turn,
//! every update with its own `Idempotency-Key`, retried through another bridge until one
//! acknowledges it); every 5 s a match's update carries a `boss_appears` trigger, and every 2 s
//! its engine sends a crowd event over OSC (through the match's stream to its owner). Every 30 s
//! the bridge owning the most matches is killed with SIGKILL and started again 5 s later.
//!
//! Figures (a Markdown table):
//! * **event → effect**: from an update's scheduled send time to the first WebSocket
//!   `telemetry` frame of that update (the owner's director publishes it in the same step as its
//!   commands to engines, after the commit; it reaches the WebSocket clients of every bridge
//!   through NATS), seen by clients on all three bridges. p50/p95/p99 over all updates, and
//!   over those scheduled outside the 3 s after each kill.
//! * **takeover**: from each kill to every match of the killed bridge listed as owned by a
//!   survivor's `/healthz` (polled every 20 ms: the leases taken), and to the first WebSocket
//!   frame, for every one of those matches, of an update sent after the kill (the new owner
//!   claimed the match, created its consumer and applied its backlog: the matches resumed).
//! * **lost / duplicated**: per match, acknowledged updates minus applications (the `updates`
//!   counter in the stored state, which counts each application once), and the reverse;
//!   `boss_appears` stingers stored per trigger, and heard at the engine socket versus stored.
//!
//! Options: `--matches N` (200), `--rate R` per match (12), `--secs S` (300), `--kill-every S`
//! (30; 0: no kills), `--bridges N` (3). Environment: `RESONANCE_BENCH_BRIDGE_LOG` is the
//! bridges' `RUST_LOG` (`warn`); `RESONANCE_BENCH_DIR` keeps their data and logs
//! (`b<i>/log-<start>.log`) in that directory instead of a temporary one.

use std::collections::{BTreeMap, HashMap};
use std::net::SocketAddr;
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use futures_util::StreamExt as _;
use http_body_util::BodyExt as _;
use serde_json::{Value, json};

use resonance_bridge::osc::Inbound;
use resonance_engine::{CrowdEvent, CrowdEventKind, WhistleKind};

use super::{load_average, percentile};

/// `max_hp` of every update; `hp` counts down from it, one per update.
const HP: u64 = 1_000_000;

struct Opts {
    matches: usize,
    rate: f64,
    secs: f64,
    kill_every: f64,
    bridges: usize,
}

fn opt(args: &[String], name: &str, default: f64) -> f64 {
    args.iter().position(|a| a == name).and_then(|i| args.get(i + 1)).and_then(|v| v.parse().ok()).unwrap_or(default)
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
}

fn free_udp() -> u16 {
    std::net::UdpSocket::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
}

/// A bridge process and where it listens.
struct Proc {
    child: Child,
    http: SocketAddr,
    osc: SocketAddr,
    id: String,
}

struct Setup {
    bin: String,
    nats: String,
    pg: String,
    engine: SocketAddr,
    dir: std::path::PathBuf,
}

impl Setup {
    /// Starts bridge `i` (from the main thread: the child is stopped with its parent thread).
    fn spawn(&self, i: usize, start: u32) -> Proc {
        let http: SocketAddr = format!("127.0.0.1:{}", free_port()).parse().unwrap();
        let osc: SocketAddr = format!("127.0.0.1:{}", free_udp()).parse().unwrap();
        let data = self.dir.join(format!("b{i}"));
        std::fs::create_dir_all(&data).unwrap();
        let id = format!("b{i}");
        let log = std::fs::File::create(data.join(format!("log-{start}.log"))).unwrap();
        let child = Command::new(&self.bin)
            .args(["bridge", "--cluster", &self.nats, "--database", &self.pg, "--guard", "off", "--exit-with-stdin"])
            .args(["--listen", &http.to_string(), "--osc", &osc.to_string(), "--engine", &self.engine.to_string(), "--instance-id", &id])
            .arg("--data")
            .arg(&data)
            .env("RUST_LOG", std::env::var("RESONANCE_BENCH_BRIDGE_LOG").unwrap_or_else(|_| "warn".into()))
            .stdin(Stdio::piped())
            .stdout(log.try_clone().unwrap())
            .stderr(log)
            .spawn()
            .expect("resonance bridge starts");
        Proc { child, http, osc, id }
    }
}

/// One request on a kept-alive connection; reconnects on error. `Err` when the bridge is gone.
async fn send(
    conns: &mut HashMap<SocketAddr, hyper::client::conn::http1::SendRequest<http_body_util::Full<axum::body::Bytes>>>,
    addr: SocketAddr,
    req: hyper::Request<http_body_util::Full<axum::body::Bytes>>,
) -> Result<(u16, Value), String> {
    if conns.get(&addr).is_none_or(hyper::client::conn::http1::SendRequest::is_closed) {
        let stream = tokio::net::TcpStream::connect(addr).await.map_err(|e| e.to_string())?;
        let (s, conn) = hyper::client::conn::http1::handshake(hyper_util::rt::TokioIo::new(stream)).await.map_err(|e| e.to_string())?;
        tokio::spawn(conn);
        conns.insert(addr, s);
    }
    let c = conns.get_mut(&addr).unwrap();
    let r = async {
        c.ready().await.map_err(|e| e.to_string())?;
        let resp = tokio::time::timeout(Duration::from_secs(5), c.send_request(req))
            .await
            .map_err(|_| "timed out".to_string())?
            .map_err(|e| e.to_string())?;
        let status = resp.status().as_u16();
        let bytes = resp.into_body().collect().await.map_err(|e| e.to_string())?.to_bytes();
        Ok::<_, String>((status, serde_json::from_slice(&bytes).unwrap_or(Value::Null)))
    }
    .await;
    if r.is_err() {
        conns.remove(&addr);
    }
    r
}

async fn get(addr: SocketAddr, path: &str) -> Result<(u16, Value), String> {
    let mut conns = HashMap::new();
    let req = hyper::Request::get(path).header("host", "127.0.0.1").body(http_body_util::Full::new(axum::body::Bytes::new())).unwrap();
    send(&mut conns, addr, req).await
}

/// What the load saw.
#[derive(Default)]
struct Shared {
    /// (match index, update index) → scheduled send time, in µs since the start.
    sent: Mutex<HashMap<(usize, u64), u64>>,
    /// Latency (ms) per update seen, and its scheduled time (µs since start).
    seen: Mutex<HashMap<(usize, u64), (f64, u64)>>,
    acked: Vec<AtomicU64>,
    triggers: Vec<AtomicU64>,
    retries: AtomicU64,
    failed: AtomicU64,
    /// Crowd events sent over OSC.
    crowd: AtomicU64,
}

/// The live bridges' HTTP and OSC addresses (updated by the main thread on kill and restart).
type Live = Arc<Mutex<Vec<(SocketAddr, SocketAddr)>>>;

/// One match's open-loop telemetry (update `k` carries `hp = 1_000_000 - k`, its id in frames).
#[allow(clippy::too_many_arguments)]
async fn match_load(i: usize, of: usize, name: String, key: String, live: Live, sh: Arc<Shared>, t0: Instant, rate: f64, secs: f64) {
    let mut conns = HashMap::new();
    let period = Duration::from_secs_f64(1.0 / rate);
    // spread the matches' phases over one period
    let offset = period.mul_f64(i as f64 / of as f64);
    let trigger_every = (rate * 5.0).round().max(1.0) as u64;
    let crowd_every = (rate * 2.0).round().max(1.0) as u64;
    // the match's engine: a crowd event every 2 s over OSC, to the bridge of the moment (a
    // bundle with its hello, so whichever bridge receives it knows the match)
    let engine = tokio::net::UdpSocket::bind("127.0.0.1:0").await.unwrap();
    let mut k: u64 = 0;
    loop {
        let at = offset + period.mul_f64(k as f64);
        if at.as_secs_f64() >= secs {
            return;
        }
        tokio::time::sleep_until(tokio::time::Instant::from_std(t0 + at)).await;
        let mut body = json!({"hp": HP - k, "max_hp": HP, "stress": 0.5 + 0.4 * (k as f64 * 0.3).sin()});
        if k % trigger_every == trigger_every - 1 {
            body["trigger"] = json!("boss_appears");
        }
        sh.sent.lock().unwrap().insert((i, k), at.as_micros() as u64);
        if k.is_multiple_of(crowd_every) {
            let osc = {
                let l = live.lock().unwrap();
                l[(i + k as usize) % l.len()].1
            };
            let t = at.as_micros() as u64;
            let bundle = resonance_bridge::osc::to_bundle_datagram(vec![
                resonance_bridge::osc::encode_inbound(&Inbound::Hello { session: name.clone(), token: None }),
                resonance_bridge::osc::encode_inbound(&Inbound::Event(CrowdEvent {
                    kind: CrowdEventKind::Applause,
                    onset: t,
                    detected: t,
                    confidence: 0.8,
                    whistle: WhistleKind::Short,
                })),
            ]);
            if engine.send_to(&bundle, osc).await.is_ok() {
                sh.crowd.fetch_add(1, Ordering::Relaxed);
            }
        }
        let body = axum::body::Bytes::from(body.to_string());
        let mut attempt = 0usize;
        loop {
            let addr = {
                let l = live.lock().unwrap();
                l[(i + k as usize + attempt) % l.len()].0
            };
            let req = hyper::Request::post(format!("/api/v1/sessions/{name}/telemetry"))
                .header("host", "127.0.0.1")
                .header("authorization", format!("Bearer {key}"))
                .header("content-type", "application/json")
                .header("idempotency-key", format!("u{k}"))
                .body(http_body_util::Full::new(body.clone()))
                .unwrap();
            match send(&mut conns, addr, req).await {
                Ok((200, _)) => {
                    sh.acked[i].fetch_add(1, Ordering::Relaxed);
                    if k % trigger_every == trigger_every - 1 {
                        sh.triggers[i].fetch_add(1, Ordering::Relaxed);
                    }
                    break;
                }
                _ if t0.elapsed().as_secs_f64() > secs + 30.0 => {
                    sh.failed.fetch_add(1, Ordering::Relaxed);
                    break;
                }
                _ => {
                    sh.retries.fetch_add(1, Ordering::Relaxed);
                    attempt += 1;
                    tokio::time::sleep(Duration::from_millis(20)).await;
                }
            }
        }
        k += 1;
    }
}

/// A WebSocket client on one bridge (reconnecting while the bridge is down), recording the
/// first arrival of each update's `telemetry` frame.
async fn observer(addr: Arc<Mutex<SocketAddr>>, index: HashMap<String, usize>, sh: Arc<Shared>, t0: Instant, until: Instant) {
    while Instant::now() < until {
        let a = *addr.lock().unwrap();
        let Ok(Ok((mut ws, _))) =
            tokio::time::timeout(Duration::from_secs(2), tokio_tungstenite::connect_async(format!("ws://{a}/api/v1/ws"))).await
        else {
            tokio::time::sleep(Duration::from_millis(100)).await;
            continue;
        };
        loop {
            let left = until.saturating_duration_since(Instant::now());
            let Ok(Some(Ok(msg))) = tokio::time::timeout(left, ws.next()).await else { break };
            let now = t0.elapsed().as_micros() as u64;
            let Ok(text) = msg.to_text() else { continue };
            if !text.starts_with("{\"type\":\"telemetry\"") && !text.contains("\"type\":\"telemetry\"") {
                continue;
            }
            let Ok(v) = serde_json::from_str::<Value>(text) else { continue };
            let (Some(m), Some(k)) = (v["session"].as_str().and_then(|s| index.get(s)), v["update"]["hp"].as_f64()) else { continue };
            let key = (*m, HP - k as u64);
            let Some(at) = sh.sent.lock().unwrap().get(&key).copied() else { continue };
            sh.seen.lock().unwrap().entry(key).or_insert(((now.saturating_sub(at)) as f64 / 1000.0, at));
        }
    }
}

async fn owners(bridges: &[SocketAddr]) -> BTreeMap<String, usize> {
    let mut out = BTreeMap::new();
    for (i, a) in bridges.iter().enumerate() {
        if let Ok((200, v)) = get(*a, "/healthz").await {
            for m in v["cluster"]["owned"].as_array().into_iter().flatten() {
                out.insert(m.as_str().unwrap_or_default().to_string(), i);
            }
        }
    }
    out
}

/// Runs the benchmark and prints its table.
#[allow(clippy::too_many_lines)]
pub fn run(args: &[String]) {
    let o = Opts {
        matches: opt(args, "--matches", 200.0) as usize,
        rate: opt(args, "--rate", 12.0),
        secs: opt(args, "--secs", 300.0),
        kill_every: opt(args, "--kill-every", 30.0),
        bridges: opt(args, "--bridges", 3.0) as usize,
    };
    let Ok(pg) = std::env::var("RESONANCE_BENCH_POSTGRES_URL") else {
        eprintln!("--cluster needs RESONANCE_BENCH_POSTGRES_URL=postgres://USER:PASS@127.0.0.1/DB (scripts/test.sh starts one)");
        std::process::exit(2);
    };
    // RESONANCE_BENCH_DIR keeps the bridges' logs (`b<i>/log-<start>.log`) after the run
    let tmp = tempfile::tempdir().unwrap();
    let dir = std::env::var("RESONANCE_BENCH_DIR").map_or_else(|_| tmp.path().to_path_buf(), std::path::PathBuf::from);
    let nats_port = free_port();
    let mut nats = Command::new("nats-server")
        .args(["-js", "-a", "127.0.0.1", "-p", &nats_port.to_string(), "-n", "resonance-bench"])
        .arg("-sd")
        .arg(dir.join("js"))
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("nats-server starts (apt-get install -y nats-server)");
    let rt = tokio::runtime::Builder::new_multi_thread().worker_threads(2).thread_name("load").enable_all().build().unwrap();
    let run_id = format!("{:x}", std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_secs());
    let engine = std::net::UdpSocket::bind("127.0.0.1:0").unwrap();
    engine.set_read_timeout(Some(Duration::from_millis(200))).unwrap();
    let setup = Setup {
        bin: env!("CARGO_BIN_EXE_resonance").to_string(),
        nats: format!("nats://127.0.0.1:{nats_port}"),
        pg: pg.clone(),
        engine: engine.local_addr().unwrap(),
        dir: dir.clone(),
    };
    let key = rt.block_on(async {
        let store = resonance_bridge::store::Store::open(&pg, &resonance_bridge::state::schema()).await.unwrap();
        let (key, rec) = resonance_bridge::auth::new_key("cluster-bench");
        store.insert_key(&rec).await.unwrap();
        store.close().await;
        key
    });
    // the engine socket counts the boss_appears stingers it hears
    let heard = Arc::new(AtomicU64::new(0));
    let stop_engine = Arc::new(std::sync::atomic::AtomicBool::new(false));
    let engine_thread = {
        let (heard, stop) = (heard.clone(), stop_engine.clone());
        std::thread::spawn(move || {
            let mut buf = vec![0u8; 9000];
            while !stop.load(Ordering::Relaxed) {
                if let Ok((n, _)) = engine.recv_from(&mut buf) {
                    for c in resonance_bridge::osc::decode_command_packet(&buf[..n]).unwrap_or_default() {
                        if matches!(c, resonance_bridge::osc::Outbound::Cue(resonance_engine::Cue::BossAppears)) {
                            heard.fetch_add(1, Ordering::Relaxed);
                        }
                    }
                }
            }
        })
    };
    let mut procs: Vec<Proc> = (0..o.bridges).map(|i| setup.spawn(i, 0)).collect();
    let wait_ready = |a: SocketAddr| {
        rt.block_on(async {
            let deadline = Instant::now() + Duration::from_mins(1);
            while !matches!(get(a, "/readyz").await, Ok((200, _))) {
                assert!(Instant::now() < deadline, "bridge {a} not ready within 60 s (logs in {})", setup.dir.display());
                tokio::time::sleep(Duration::from_millis(50)).await;
            }
        });
    };
    for p in &procs {
        wait_ready(p.http);
    }
    let live: Live = Arc::new(Mutex::new(procs.iter().map(|p| (p.http, p.osc)).collect()));
    let names: Vec<String> = (0..o.matches).map(|i| format!("bench{run_id}-{i}")).collect();
    let index: HashMap<String, usize> = names.iter().enumerate().map(|(i, n)| (n.clone(), i)).collect();
    let sh = Arc::new(Shared {
        acked: (0..o.matches).map(|_| AtomicU64::new(0)).collect(),
        triggers: (0..o.matches).map(|_| AtomicU64::new(0)).collect(),
        ..Default::default()
    });
    let load_before = load_average();
    let cpu_before = Cpu::sample(&procs, nats.id());
    let t0 = Instant::now() + Duration::from_millis(500);
    let until = t0 + Duration::from_secs_f64(o.secs + 10.0);
    let observed: Vec<Arc<Mutex<SocketAddr>>> = procs.iter().map(|p| Arc::new(Mutex::new(p.http))).collect();
    let mut tasks = Vec::new();
    for a in &observed {
        tasks.push(rt.spawn(observer(a.clone(), index.clone(), sh.clone(), t0, until)));
    }
    for (i, n) in names.iter().enumerate() {
        tasks.push(rt.spawn(match_load(i, o.matches, n.clone(), key.clone(), live.clone(), sh.clone(), t0, o.rate, o.secs)));
    }
    // the faults: kill -9 the bridge owning the most every `kill_every` s, restart it 5 s later
    let mut kills: Vec<(f64, usize, Option<f64>)> = Vec::new(); // (at s, matches, takeover ms)
    // each kill's moment (µs since the start) and the killed bridge's matches (by index)
    let mut killed_matches: Vec<(u64, Vec<usize>)> = Vec::new();
    let mut next_kill = o.kill_every;
    while o.kill_every > 0.0 && next_kill < o.secs {
        std::thread::sleep((t0 + Duration::from_secs_f64(next_kill)).saturating_duration_since(Instant::now()));
        let addrs: Vec<SocketAddr> = procs.iter().map(|p| p.http).collect();
        let own = rt.block_on(owners(&addrs));
        let mut count = vec![0usize; procs.len()];
        for b in own.values() {
            count[*b] += 1;
        }
        let v = (0..procs.len()).max_by_key(|b| count[*b]).unwrap();
        let theirs: Vec<String> = own.iter().filter(|(_, b)| **b == v).map(|(m, _)| m.clone()).collect();
        let killed = Instant::now();
        let _ = Command::new("kill").args(["-KILL", &procs[v].child.id().to_string()]).status();
        let _ = procs[v].child.wait();
        live.lock().unwrap().retain(|a| a.0 != procs[v].http);
        let survivors: Vec<SocketAddr> = addrs.iter().enumerate().filter(|(b, _)| *b != v).map(|(_, a)| *a).collect();
        let takeover = rt.block_on(async {
            while killed.elapsed() < Duration::from_secs(20) {
                let o = owners(&survivors).await;
                if theirs.iter().all(|m| o.contains_key(m)) {
                    return Some(killed.elapsed().as_secs_f64() * 1000.0);
                }
                tokio::time::sleep(Duration::from_millis(20)).await;
            }
            None
        });
        kills.push((next_kill, theirs.len(), takeover));
        killed_matches
            .push((killed.saturating_duration_since(t0).as_micros() as u64, theirs.iter().filter_map(|m| index.get(m).copied()).collect()));
        println!("kill -9 {} at {next_kill:.0} s: {} matches, taken over in {takeover:?} ms", procs[v].id, theirs.len());
        std::thread::sleep((killed + Duration::from_secs(5)).saturating_duration_since(Instant::now()));
        let p = setup.spawn(v, kills.len() as u32);
        wait_ready(p.http);
        *observed[v].lock().unwrap() = p.http;
        live.lock().unwrap().push((p.http, p.osc));
        procs[v] = p;
        next_kill += o.kill_every;
    }
    rt.block_on(async {
        for t in tasks.drain(o.bridges..) {
            let _ = t.await;
        }
    });
    let cpu_after = Cpu::sample(&procs, nats.id());
    // settle: wait while the owners are still applying a backlog (a saturated run ends with
    // one): until every acknowledged update is applied, or nothing more was applied for 10 s,
    // or 300 s; only then is an update that is still not applied counted as lost.
    let store = rt.block_on(resonance_bridge::store::Store::open(&pg, &resonance_bridge::state::schema())).unwrap();
    let (mut lost, mut dup, mut stored_stingers, mut dup_stingers, mut missing_stingers) = (0u64, 0u64, 0u64, 0u64, 0u64);
    let applied_of = |n: &str| {
        rt.block_on(store.cluster_state(n))
            .ok()
            .flatten()
            .and_then(|r| serde_json::from_str::<Value>(&r.state).ok())
            .and_then(|v| v["updates"].as_u64())
            .unwrap_or(0)
    };
    let settle_start = Instant::now();
    let (mut progress_at, mut before) = (Instant::now(), 0u64);
    let applied_all = loop {
        let applied: Vec<u64> = names.iter().map(|n| applied_of(n)).collect();
        let total: u64 = applied.iter().zip(&sh.acked).map(|(a, k)| (*a).min(k.load(Ordering::Relaxed))).sum();
        if total > before {
            (progress_at, before) = (Instant::now(), total);
        }
        let done = applied.iter().zip(&sh.acked).all(|(a, k)| *a >= k.load(Ordering::Relaxed));
        if done || progress_at.elapsed() > Duration::from_secs(10) || settle_start.elapsed() > Duration::from_mins(5) {
            break applied;
        }
        std::thread::sleep(Duration::from_millis(500));
    };
    let settled_s = settle_start.elapsed().as_secs_f64();
    for (i, n) in names.iter().enumerate() {
        let acked = sh.acked[i].load(Ordering::Relaxed);
        let applied = applied_all[i];
        lost += acked.saturating_sub(applied);
        dup += applied.saturating_sub(acked);
        let fired = rt.block_on(store.cluster_stingers(n)).unwrap_or_default();
        let mut per_seq: HashMap<u64, u64> = HashMap::new();
        for (seq, cue, _) in &fired {
            if cue == "boss_appears" {
                *per_seq.entry(*seq).or_default() += 1;
            }
        }
        stored_stingers += per_seq.values().sum::<u64>();
        dup_stingers += per_seq.values().map(|c| c.saturating_sub(1)).sum::<u64>();
        missing_stingers += sh.triggers[i].load(Ordering::Relaxed).saturating_sub(per_seq.len() as u64);
    }
    rt.block_on(store.close());
    rt.block_on(async {
        for t in tasks.drain(..) {
            let _ = t.await;
        }
    });
    stop_engine.store(true, Ordering::Relaxed);
    let _ = engine_thread.join();
    let load_after = load_average();
    for p in &mut procs {
        let _ = p.child.kill();
        let _ = p.child.wait();
    }
    let _ = nats.kill();
    let _ = nats.wait();

    // the figures
    let seen = sh.seen.lock().unwrap();
    let sent = sh.sent.lock().unwrap().len();
    let mut all: Vec<f64> = seen.values().map(|(l, _)| *l).collect();
    all.sort_by(f64::total_cmp);
    let calm = |at_us: u64| kills.iter().all(|(k, _, _)| !(*k..*k + 3.0).contains(&(at_us as f64 / 1e6)));
    let mut quiet: Vec<f64> = seen.values().filter(|(_, at)| calm(*at)).map(|(l, _)| *l).collect();
    quiet.sort_by(f64::total_cmp);
    let mut takeovers: Vec<f64> = kills.iter().filter_map(|(_, _, t)| *t).collect();
    takeovers.sort_by(f64::total_cmp);
    // resumed: from a kill to the first frame, for every match of the killed bridge, of an
    // update sent after the kill (applied by the new owner, which replays from the last applied
    // input first); per kill, the last match to resume
    let mut first_after: Vec<HashMap<usize, u64>> = vec![HashMap::new(); killed_matches.len()];
    for ((m, _), (latency, at)) in seen.iter() {
        let arrived = at + (latency * 1000.0) as u64;
        for (k, (kill_us, theirs)) in killed_matches.iter().enumerate() {
            if *at > *kill_us && theirs.contains(m) {
                let e = first_after[k].entry(*m).or_insert(u64::MAX);
                *e = (*e).min(arrived);
            }
        }
    }
    let mut resumed: Vec<f64> = killed_matches
        .iter()
        .zip(&first_after)
        .filter(|((_, theirs), seen)| !theirs.is_empty() && seen.len() == theirs.len())
        .map(|((kill_us, _), seen)| seen.values().max().map_or(f64::NAN, |t| t.saturating_sub(*kill_us) as f64 / 1000.0))
        .collect();
    resumed.sort_by(f64::total_cmp);
    let acked: u64 = sh.acked.iter().map(|a| a.load(Ordering::Relaxed)).sum();
    let triggers: u64 = sh.triggers.iter().map(|a| a.load(Ordering::Relaxed)).sum();
    println!();
    println!(
        "cluster: {} bridges, {} matches × {} msg/s for {} s, kill -9 every {} s; machine: {} cores, load average before {load_before}, after {load_after}",
        o.bridges,
        o.matches,
        o.rate,
        o.secs,
        o.kill_every,
        std::thread::available_parallelism().map_or(0, usize::from)
    );
    println!();
    println!("| figure | count | p50 | p95 | p99 | max | target |");
    println!("|---|---|---|---|---|---|---|");
    let row = |name: &str, v: &[f64], target: &str| {
        println!(
            "| {name} | {} | {:.1} | {:.1} | {:.1} | {:.1} | {target} |",
            v.len(),
            percentile(v, 0.5),
            percentile(v, 0.95),
            percentile(v, 0.99),
            v.last().copied().unwrap_or(f64::NAN)
        );
    };
    row("event → effect, all updates (ms)", &all, "p99 ≤ 50 ms");
    row("event → effect, outside 3 s after each kill (ms)", &quiet, "p99 ≤ 50 ms");
    row("takeover after kill -9: leases taken (ms)", &takeovers, "≤ 2000 ms");
    row("takeover after kill -9: every match resumed, first frame after the kill (ms)", &resumed, "≤ 2000 ms");
    println!();
    println!("| count | value |");
    println!("|---|---|");
    println!("| updates scheduled / acknowledged / never acknowledged | {sent} / {acked} / {} |", sh.failed.load(Ordering::Relaxed));
    println!("| retries through another bridge | {} |", sh.retries.load(Ordering::Relaxed));
    println!("| crowd events sent over OSC (bundled with a hello, to the bridge of the moment) | {} |", sh.crowd.load(Ordering::Relaxed));
    println!(
        "| acknowledged updates lost (not applied once the owners stopped applying; they settled {settled_s:.1} s after the run) | {lost} |"
    );
    println!("| updates applied twice | {dup} |");
    println!("| updates never seen by a WebSocket client | {} |", sent.saturating_sub(all.len()));
    println!("| kills / takeovers seen | {} / {} |", kills.len(), takeovers.len());
    println!("| boss_appears triggers acknowledged / stingers stored | {triggers} / {stored_stingers} |");
    println!("| stingers stored twice for one trigger / triggers without a stored stinger | {dup_stingers} / {missing_stingers} |");
    println!("| boss_appears stingers heard at the engine (≤ stored: at most once) | {} |", heard.load(Ordering::Relaxed));
    println!();
    cpu_before.report(&cpu_after, acked);
}

/// CPU time used so far (seconds, user + system) by each part of the run, read from `/proc`.
struct Cpu {
    at: Instant,
    /// Bridge processes by pid (a bridge killed and restarted in between is left out).
    bridges: HashMap<u32, f64>,
    nats: f64,
    /// Every `postgres` process (server, backends, WAL writer, checkpointer …).
    postgres: f64,
    /// This process: the load generator, the WebSocket observers, the engine socket.
    load: f64,
    /// The whole machine: busy and total time over all cores (`/proc/stat`).
    busy: f64,
    total: f64,
}

/// `utime + stime` of a process in seconds (`/proc/PID/stat`, clock ticks of 1/100 s).
fn cpu_of(pid: &str) -> Option<f64> {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    let rest = &stat[stat.rfind(')')? + 2..];
    let f: Vec<&str> = rest.split_whitespace().collect();
    Some((f.get(11)?.parse::<f64>().ok()? + f.get(12)?.parse::<f64>().ok()?) / 100.0)
}

impl Cpu {
    fn sample(procs: &[Proc], nats: u32) -> Self {
        let mut postgres = 0.0;
        for e in std::fs::read_dir("/proc").into_iter().flatten().flatten() {
            let pid = e.file_name().to_string_lossy().into_owned();
            if pid.bytes().all(|b| b.is_ascii_digit())
                && std::fs::read_to_string(e.path().join("comm")).is_ok_and(|c| c.trim() == "postgres")
            {
                postgres += cpu_of(&pid).unwrap_or(0.0);
            }
        }
        let (busy, total) = std::fs::read_to_string("/proc/stat")
            .ok()
            .and_then(|s| {
                let v: Vec<f64> = s.lines().next()?.split_whitespace().skip(1).filter_map(|x| x.parse().ok()).collect();
                // user nice system idle iowait irq softirq steal
                let idle = v.get(3)? + v.get(4)?;
                let total: f64 = v.iter().take(8).sum();
                Some(((total - idle) / 100.0, total / 100.0))
            })
            .unwrap_or((0.0, 0.0));
        Self {
            at: Instant::now(),
            bridges: procs.iter().filter_map(|p| Some((p.child.id(), cpu_of(&p.child.id().to_string())?))).collect(),
            nats: cpu_of(&nats.to_string()).unwrap_or(0.0),
            postgres,
            load: cpu_of("self").unwrap_or(0.0),
            busy,
            total,
        }
    }

    /// Prints the CPU each part used between `self` and `after`, per second and per update.
    fn report(&self, after: &Self, updates: u64) {
        let secs = after.at.duration_since(self.at).as_secs_f64();
        let bridges: f64 = after.bridges.iter().filter_map(|(pid, t)| Some(t - self.bridges.get(pid)?)).sum();
        let same = after.bridges.keys().filter(|p| self.bridges.contains_key(p)).count();
        let parts = [
            (format!("bridges ({same} alive throughout)"), bridges),
            ("nats-server".to_string(), after.nats - self.nats),
            ("PostgreSQL (every postgres process)".to_string(), after.postgres - self.postgres),
            ("load generator and observers (this process)".to_string(), after.load - self.load),
        ];
        let known: f64 = parts.iter().map(|(_, t)| t).sum();
        let busy = after.busy - self.busy;
        println!("CPU during the load ({secs:.0} s, {updates} updates acknowledged):");
        println!();
        println!("| part | CPU s per s (cores) | CPU µs per update |");
        println!("|---|---|---|");
        let per = |t: f64| t / updates.max(1) as f64 * 1e6;
        for (name, t) in &parts {
            println!("| {name} | {:.2} | {:.0} |", t / secs, per(*t));
        }
        println!(
            "| the rest of the machine (other processes) | {:.2} | {:.0} |",
            (busy - known).max(0.0) / secs,
            per((busy - known).max(0.0))
        );
        println!("| machine busy / cores | {:.2} / {:.0} | {:.0} |", busy / secs, (after.total - self.total) / secs, per(busy));
    }
}

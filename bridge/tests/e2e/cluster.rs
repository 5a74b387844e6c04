//! Cluster mode with a real `nats-server -js` (started here, on a free 127.0.0.1 port, in a
//! temporary directory) and the PostgreSQL of `scripts/test.sh`, with bridges as real child
//! processes: this test binary started again running only [`cluster_child_bridge`], so a
//! bridge can be killed with SIGKILL or frozen with SIGSTOP like any deployed one.
//!
//! Needs `nats-server` (`apt-get install -y nats-server`; `RESONANCE_SKIP_CLUSTER_TESTS=1`
//! skips) and `RESONANCE_TEST_POSTGRES_URL` (skips without it, fails on CI).

use std::collections::BTreeMap;
use std::io::BufRead as _;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use resonance_bridge::osc::Outbound;
use resonance_engine::Cue;
use serde_json::{Value, json};
use tokio::net::UdpSocket;

use crate::common::engine_socket;

const CHILD_ENV: &str = "RESONANCE_CLUSTER_CHILD";

fn postgres_url() -> Option<String> {
    match std::env::var("RESONANCE_TEST_POSTGRES_URL") {
        Ok(u) if !u.is_empty() => Some(u),
        _ => {
            assert!(std::env::var("CI").as_deref() != Ok("true"), "RESONANCE_TEST_POSTGRES_URL is not set on CI");
            eprintln!("skipping the cluster test: set RESONANCE_TEST_POSTGRES_URL=postgres://USER:PASS@127.0.0.1/DB to run it");
            None
        }
    }
}

fn nats_available() -> bool {
    if Command::new("nats-server").arg("--version").output().is_ok() {
        return true;
    }
    assert!(
        std::env::var("RESONANCE_SKIP_CLUSTER_TESTS").as_deref() == Ok("1"),
        "nats-server is not installed: `apt-get install -y nats-server` (or RESONANCE_SKIP_CLUSTER_TESTS=1 to skip)"
    );
    false
}

/// A `nats-server -js` on a free loopback port, its store in a temporary directory; killed
/// (by its own pid) when dropped.
struct Nats {
    child: Child,
    url: String,
    _dir: tempfile::TempDir,
}

impl Nats {
    fn start() -> Self {
        let dir = tempfile::tempdir().unwrap();
        let child = Command::new("nats-server")
            .args(["-js", "-a", "127.0.0.1", "-p", "-1", "-n", "resonance-test"])
            .arg("-sd")
            .arg(dir.path().join("js"))
            .arg("--ports_file_dir")
            .arg(dir.path())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("nats-server starts");
        let deadline = Instant::now() + Duration::from_secs(10);
        let url = loop {
            let found = std::fs::read_dir(dir.path())
                .unwrap()
                .filter_map(Result::ok)
                .find(|e| e.path().extension().is_some_and(|x| x == "ports"))
                .and_then(|e| std::fs::read_to_string(e.path()).ok())
                .and_then(|t| serde_json::from_str::<Value>(&t).ok())
                .and_then(|v| v["nats"][0].as_str().map(String::from));
            if let Some(u) = found {
                break u;
            }
            assert!(Instant::now() < deadline, "nats-server wrote no ports file within 10 s");
            std::thread::sleep(Duration::from_millis(20));
        };
        Self { child, url, _dir: dir }
    }
}

impl Drop for Nats {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A bridge in a child process.
struct Bridge {
    child: Child,
    http: SocketAddr,
    id: String,
}

impl Bridge {
    fn start(nats: &str, pg: &str, data: &Path, engine: SocketAddr, id: &str) -> Self {
        let spec = json!({"nats": nats, "pg": pg, "data": data, "engine": engine.to_string(), "id": id});
        let mut child = Command::new(std::env::current_exe().unwrap())
            .args(["cluster::cluster_child_bridge", "--exact", "--ignored", "--nocapture", "--test-threads=1"])
            .env(CHILD_ENV, spec.to_string())
            .stdout(Stdio::piped())
            .stderr(Stdio::from(std::fs::File::create(data.join("stderr.log")).unwrap()))
            .spawn()
            .unwrap();
        let stdout = child.stdout.take().unwrap();
        let (tx, rx) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            for line in std::io::BufReader::new(stdout).lines() {
                let Ok(line) = line else { return };
                // libtest may print `test NAME ... ` on the same line first
                if let Some((_, a)) = line.split_once("CLUSTER_CHILD_HTTP ") {
                    let _ = tx.send(a.trim().parse::<SocketAddr>().unwrap());
                }
            }
        });
        let Ok(http) = rx.recv_timeout(Duration::from_mins(1)) else {
            // never leave a child behind
            let _ = child.kill();
            let _ = child.wait();
            panic!("the child bridge did not report its address within 60 s (its stderr: {})", data.join("stderr.log").display());
        };
        Self { child, http, id: id.to_string() }
    }

    fn signal(&self, sig: &str) {
        let ok = Command::new("kill").arg(format!("-{sig}")).arg(self.child.id().to_string()).status().unwrap().success();
        assert!(ok, "kill -{sig} {}", self.child.id());
    }
}

impl Drop for Bridge {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Not a test on its own: a child bridge for the cluster tests (does nothing unless started by them).
#[test]
#[ignore = "a child process of the cluster tests"]
fn cluster_child_bridge() {
    let Ok(spec) = std::env::var(CHILD_ENV) else { return };
    let spec: Value = serde_json::from_str(&spec).unwrap();
    let data = PathBuf::from(spec["data"].as_str().unwrap());
    let config = resonance_bridge::Config {
        database: Some(spec["pg"].as_str().unwrap().to_string()),
        cluster: Some(spec["nats"].as_str().unwrap().to_string()),
        instance: Some(spec["id"].as_str().unwrap().to_string()),
        osc_targets: vec![spec["engine"].as_str().unwrap().parse().unwrap()],
        ..crate::common::config(&data)
    };
    let rt = tokio::runtime::Runtime::new().unwrap();
    rt.block_on(async {
        let running = resonance_bridge::start(config).await.unwrap();
        println!("\nCLUSTER_CHILD_HTTP {}", running.http_addr);
        let mut term = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()).unwrap();
        term.recv().await;
        running.stop().await.unwrap();
    });
}

/// One HTTP request on a fresh connection; `Err` when the bridge is gone.
async fn request(
    addr: SocketAddr,
    method: &str,
    path: &str,
    key: Option<&str>,
    idem: Option<&str>,
    body: Option<&str>,
) -> Result<(u16, Value), String> {
    use http_body_util::BodyExt as _;
    let stream = tokio::net::TcpStream::connect(addr).await.map_err(|e| e.to_string())?;
    let (mut send, conn) = hyper::client::conn::http1::handshake(hyper_util::rt::TokioIo::new(stream)).await.map_err(|e| e.to_string())?;
    tokio::spawn(conn);
    let mut b = hyper::Request::builder().method(method).uri(path).header("host", "127.0.0.1");
    if let Some(k) = key {
        b = b.header("authorization", format!("Bearer {k}"));
    }
    if let Some(i) = idem {
        b = b.header("idempotency-key", i);
    }
    let body = http_body_util::Full::new(axum::body::Bytes::from(body.unwrap_or("").to_string()));
    let resp = tokio::time::timeout(Duration::from_secs(10), send.send_request(b.body(body).unwrap()))
        .await
        .map_err(|_| "timed out".to_string())?
        .map_err(|e| e.to_string())?;
    let status = resp.status().as_u16();
    let bytes = resp.into_body().collect().await.map_err(|e| e.to_string())?.to_bytes();
    Ok((status, serde_json::from_slice(&bytes).unwrap_or(Value::Null)))
}

/// Posts one update until a live bridge acknowledges it (the same Idempotency-Key on every
/// attempt); returns the answer.
async fn post_acked(bridges: &[SocketAddr], start: usize, key: &str, m: &str, idem: &str, body: &Value) -> Value {
    let deadline = Instant::now() + Duration::from_secs(20);
    let mut i = start;
    loop {
        let addr = bridges[i % bridges.len()];
        match request(addr, "POST", &format!("/api/v1/sessions/{m}/telemetry"), Some(key), Some(idem), Some(&body.to_string())).await {
            Ok((200, v)) => return v,
            other => assert!(Instant::now() < deadline, "update {m}/{idem} never acknowledged: {other:?}"),
        }
        i += 1;
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

/// Which bridge owns which match, from their `/healthz`.
async fn owners(bridges: &[(String, SocketAddr)]) -> BTreeMap<String, String> {
    let mut out = BTreeMap::new();
    for (id, addr) in bridges {
        if let Ok((200, v)) = request(*addr, "GET", "/healthz", None, None, None).await {
            for m in v["cluster"]["owned"].as_array().into_iter().flatten() {
                out.insert(m.as_str().unwrap().to_string(), id.clone());
            }
        }
    }
    out
}

async fn wait_ready(addr: SocketAddr) {
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        if let Ok((200, _)) = request(addr, "GET", "/readyz", None, None, None).await {
            return;
        }
        assert!(Instant::now() < deadline, "bridge {addr} not ready within 30 s");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

/// Counts `boss_appears` stingers arriving at the engine socket until `until` passes.
async fn count_boss_stingers(sock: &UdpSocket, until: Instant) -> usize {
    let mut buf = vec![0u8; 9000];
    let mut n = 0;
    loop {
        let left = until.saturating_duration_since(Instant::now());
        let Ok(Ok((len, _))) = tokio::time::timeout(left, sock.recv_from(&mut buf)).await else { return n };
        for c in resonance_bridge::osc::decode_command_packet(&buf[..len]).unwrap_or_default() {
            if matches!(c, Outbound::Cue(Cue::BossAppears)) {
                n += 1;
            }
        }
    }
}

/// An API key for the child bridges, stored in the shared database.
async fn make_key(pg: &str) -> String {
    let store = resonance_bridge::store::Store::open(pg, &resonance_bridge::state::schema()).await.unwrap();
    let (key, rec) = resonance_bridge::auth::new_key("cluster-test");
    store.insert_key(&rec).await.unwrap();
    store.close().await;
    key
}

/// Three bridges share six matches; the one owning the most is killed with SIGKILL while
/// telemetry keeps coming (retried on the others with the same Idempotency-Key, and sent
/// twice on purpose). The others take its matches over (the time is printed), every
/// acknowledged update is applied exactly once, and every `boss_appears` trigger fires its
/// stinger once — never twice. A WebSocket client on one bridge sees a match another owns.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn cluster_failover_after_kill_9_loses_and_repeats_nothing() {
    let Some(pg) = postgres_url() else { return };
    if !nats_available() {
        return;
    }
    let nats = Nats::start();
    let key = make_key(&pg).await;
    let engine = engine_socket().await;
    let engine_addr = engine.local_addr().unwrap();
    let dirs: Vec<tempfile::TempDir> = (0..3).map(|_| tempfile::tempdir().unwrap()).collect();
    let run = format!("{:x}", std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_millis());
    let mut bridges: Vec<Bridge> =
        dirs.iter().enumerate().map(|(i, d)| Bridge::start(&nats.url, &pg, d.path(), engine_addr, &format!("b{i}-{run}"))).collect();
    for b in &bridges {
        wait_ready(b.http).await;
    }
    let matches: Vec<String> = (0..6).map(|i| format!("c{run}-{i}")).collect();
    let all: Vec<SocketAddr> = bridges.iter().map(|b| b.http).collect();
    let (rounds_before, rounds) = (6u32, 14u32);
    let body = |m: usize, r: u32| {
        let mut v = json!({"minute": r, "stress": 0.1});
        // the trigger once per match: half before the kill, half after
        if r == if m.is_multiple_of(2) { 2 } else { rounds_before + 3 } {
            v["trigger"] = json!("boss_appears");
        }
        v
    };
    for r in 0..rounds_before {
        for (i, m) in matches.iter().enumerate() {
            post_acked(&all, i + r as usize, &key, m, &format!("r{r}"), &body(i, r)).await;
        }
    }
    // every match gets a director
    let named: Vec<(String, SocketAddr)> = bridges.iter().map(|b| (b.id.clone(), b.http)).collect();
    let deadline = Instant::now() + Duration::from_secs(20);
    let before = loop {
        let o = owners(&named).await;
        if o.len() == matches.len() {
            break o;
        }
        assert!(Instant::now() < deadline, "not every match got a director: {o:?}");
        tokio::time::sleep(Duration::from_millis(50)).await;
    };
    // WebSocket fan-out: a client on a bridge that does not own matches[0] sees its updates
    let owner0 = &before[&matches[0]];
    let other = bridges.iter().find(|b| &b.id != owner0).unwrap().http;
    let mut ws = crate::common::ws_connect(other, &format!("?session={}", matches[0])).await;
    post_acked(&all, 0, &key, &matches[0], "ws-probe", &json!({"stress": 0.2})).await;
    // (frames of earlier updates the owner is still applying may come first)
    let probe = |v: &Value| v["update"]["stress"].as_f64().is_some_and(|s| (s - 0.2).abs() < 1e-6);
    let seen = crate::common::ws_expect(&mut ws, 10, |v| v["type"] == "telemetry" && v["session"] == matches[0].as_str() && probe(v)).await;
    assert!(seen["updates"].as_u64().unwrap() > u64::from(rounds_before), "{seen}");

    // kill -9 the bridge owning the most matches
    let mut count: BTreeMap<&str, usize> = BTreeMap::new();
    for o in before.values() {
        *count.entry(o).or_default() += 1;
    }
    let victim_id = count.iter().max_by_key(|(_, n)| **n).map(|(id, _)| (*id).to_string()).unwrap();
    let victim_matches: Vec<&String> = before.iter().filter(|(_, o)| **o == victim_id).map(|(m, _)| m).collect();
    let vi = bridges.iter().position(|b| b.id == victim_id).unwrap();
    let killed_at = Instant::now();
    bridges[vi].signal("KILL");
    let _ = bridges[vi].child.wait();
    let survivors: Vec<(String, SocketAddr)> = named.iter().filter(|(id, _)| *id != victim_id).cloned().collect();
    let live: Vec<SocketAddr> = survivors.iter().map(|(_, a)| *a).collect();
    let watch = tokio::spawn({
        let survivors = survivors.clone();
        let wanted: Vec<String> = victim_matches.iter().map(|m| (*m).clone()).collect();
        async move {
            loop {
                let o = owners(&survivors).await;
                if wanted.iter().all(|m| o.contains_key(m)) {
                    return killed_at.elapsed();
                }
                assert!(
                    killed_at.elapsed() <= Duration::from_secs(30),
                    "the killed bridge's matches {wanted:?} were not taken over within 30 s: {o:?}"
                );
                tokio::time::sleep(Duration::from_millis(20)).await;
            }
        }
    });
    for r in rounds_before..rounds {
        for (i, m) in matches.iter().enumerate() {
            let v = post_acked(&live, i + r as usize, &key, m, &format!("r{r}"), &body(i, r)).await;
            if r % 3 == 0 {
                // the same update again through the other bridge: stored once
                let again = post_acked(&live, i + r as usize + 1, &key, m, &format!("r{r}"), &body(i, r)).await;
                assert_eq!(again["duplicate"], true, "{again}");
                assert_eq!(again["seq"], v["seq"]);
            }
        }
    }
    let takeover = watch.await.unwrap();
    println!(
        "cluster: {} matches of the killed bridge taken over {} ms after kill -9 (lease TTL {} ms)",
        victim_matches.len(),
        takeover.as_millis(),
        resonance_bridge::cluster::link::LEASE_TTL.as_millis()
    );
    assert!(takeover < Duration::from_secs(30));
    check_applied_once(live[0], &matches, rounds, &pg, &engine).await;
    drop(nats);
}

/// Every acknowledged update was applied exactly once (`updates` counts applications; the
/// first match had one more, the WebSocket probe), and each match's one `boss_appears` trigger
/// fired one stinger, in storage and at the engine.
async fn check_applied_once(live: SocketAddr, matches: &[String], rounds: u32, pg: &str, engine: &UdpSocket) {
    let deadline = Instant::now() + Duration::from_secs(30);
    for m in matches {
        loop {
            let (s, v) = request(live, "GET", &format!("/api/v1/sessions/{m}"), None, None, None).await.unwrap();
            let updates = v["updates"].as_u64().unwrap_or(0);
            let want = u64::from(rounds) + u64::from(m == &matches[0]);
            assert!(updates <= want, "{m}: {updates} applications of {want} distinct updates: applied twice");
            if s == 200 && updates == want {
                assert_eq!(v["metrics"]["minute"], f64::from(rounds - 1), "{v}");
                break;
            }
            assert!(Instant::now() < deadline, "{m}: {updates} of {want} acknowledged updates applied: {v}");
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }
    // each trigger fired its stinger once: in storage and at the engine
    let store = resonance_bridge::store::Store::open(pg, &resonance_bridge::state::schema()).await.unwrap();
    for m in matches {
        let fired: Vec<_> = store.cluster_stingers(m).await.unwrap().into_iter().filter(|(_, c, _)| c == "boss_appears").collect();
        assert_eq!(fired.len(), 1, "{m}: {fired:?}");
    }
    store.close().await;
    let heard = count_boss_stingers(engine, Instant::now() + Duration::from_millis(300)).await;
    assert!(heard <= matches.len(), "{heard} boss stingers for {} triggers", matches.len());
}

/// A split: the owner is frozen (SIGSTOP) past its lease, the other bridge takes the match
/// (a later lease revision), the frozen one resumes (SIGCONT) still believing it owns it. The
/// revision settles it: the resumed bridge stops directing, every update is applied once by
/// the new owner, and the trigger sent during the split fires one stinger.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn cluster_frozen_owner_resumes_fenced_out() {
    let Some(pg) = postgres_url() else { return };
    if !nats_available() {
        return;
    }
    let nats = Nats::start();
    let key = make_key(&pg).await;
    let engine = engine_socket().await;
    let engine_addr = engine.local_addr().unwrap();
    let (da, db) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let run = format!("{:x}", std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_millis());
    let a = Bridge::start(&nats.url, &pg, da.path(), engine_addr, &format!("a-{run}"));
    wait_ready(a.http).await;
    let m = format!("split{run}");
    post_acked(&[a.http], 0, &key, &m, "u0", &json!({"minute": 0})).await;
    let deadline = Instant::now() + Duration::from_secs(20);
    while owners(&[(a.id.clone(), a.http)]).await.get(&m) != Some(&a.id) {
        assert!(Instant::now() < deadline, "the first bridge never took {m}");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    let b = Bridge::start(&nats.url, &pg, db.path(), engine_addr, &format!("b-{run}"));
    wait_ready(b.http).await;
    a.signal("STOP");
    let frozen = Instant::now();
    let deadline = Instant::now() + Duration::from_secs(20);
    while owners(&[(b.id.clone(), b.http)]).await.get(&m) != Some(&b.id) {
        assert!(Instant::now() < deadline, "the second bridge never took {m} from the frozen one");
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    println!("cluster: frozen owner's match taken over after {} ms", frozen.elapsed().as_millis());
    for r in 1..4 {
        let mut body = json!({"minute": r});
        if r == 2 {
            body["trigger"] = json!("boss_appears");
        }
        post_acked(&[b.http], 0, &key, &m, &format!("u{r}"), &body).await;
    }
    a.signal("CONT");
    for r in 4..8 {
        post_acked(&[a.http, b.http], r, &key, &m, &format!("u{r}"), &json!({"minute": r})).await;
    }
    // the resumed bridge lets go; the new owner applied every update once
    let named = [(a.id.clone(), a.http), (b.id.clone(), b.http)];
    let deadline = Instant::now() + Duration::from_secs(20);
    loop {
        let (_, v) = request(b.http, "GET", &format!("/api/v1/sessions/{m}"), None, None, None).await.unwrap();
        let updates = v["updates"].as_u64().unwrap_or(0);
        assert!(updates <= 8, "{updates} applications of 8 updates");
        let o = owners(&named).await;
        let a_owns = request(a.http, "GET", "/healthz", None, None, None).await.unwrap().1["cluster"]["owned"]
            .as_array()
            .is_some_and(|l| l.iter().any(|x| x == m.as_str()));
        if updates == 8 && o.get(&m) == Some(&b.id) && !a_owns {
            assert_eq!(v["metrics"]["minute"], 7.0, "{v}");
            break;
        }
        assert!(Instant::now() < deadline, "not settled: {updates} of 8 applied, owners {o:?}, frozen one still owns: {a_owns}");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    let store = resonance_bridge::store::Store::open(&pg, &resonance_bridge::state::schema()).await.unwrap();
    let fired = store.cluster_stingers(&m).await.unwrap();
    assert_eq!(fired.iter().filter(|(_, c, _)| c == "boss_appears").count(), 1, "{fired:?}");
    assert!(fired.iter().all(|(_, _, by)| *by == b.id), "{fired:?}");
    store.close().await;
    let heard = count_boss_stingers(&engine, Instant::now() + Duration::from_millis(300)).await;
    assert!(heard <= 1, "{heard} boss stingers for one trigger");
    drop((a, b, nats));
}

/// A bridge stopped gracefully (SIGTERM) hands its matches over before it exits: the other
/// bridge owns them well before the lease could have expired, and the stopped one exits cleanly.
/// A bridge joining later takes its fair share from the one holding everything.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn cluster_graceful_stop_hands_matches_over_and_a_joiner_takes_its_share() {
    let Some(pg) = postgres_url() else { return };
    if !nats_available() {
        return;
    }
    let nats = Nats::start();
    let key = make_key(&pg).await;
    let engine = engine_socket().await;
    let engine_addr = engine.local_addr().unwrap();
    let (da, db, dc) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let run = format!("{:x}", std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_millis());
    let mut a = Bridge::start(&nats.url, &pg, da.path(), engine_addr, &format!("a-{run}"));
    wait_ready(a.http).await;
    let matches: Vec<String> = (0..4).map(|i| format!("g{run}-{i}")).collect();
    for m in &matches {
        post_acked(&[a.http], 0, &key, m, "u0", &json!({"minute": 0})).await;
    }
    let b = Bridge::start(&nats.url, &pg, db.path(), engine_addr, &format!("b-{run}"));
    wait_ready(b.http).await;
    // a joiner takes its fair share (2 of 4) from the bridge that took everything
    let both = [(a.id.clone(), a.http), (b.id.clone(), b.http)];
    let deadline = Instant::now() + Duration::from_secs(20);
    loop {
        let o = owners(&both).await;
        let of_b = o.values().filter(|id| **id == b.id).count();
        if o.len() == matches.len() && of_b == 2 {
            break;
        }
        assert!(Instant::now() < deadline, "no fair share for the joining bridge: {o:?}");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    let stopped = Instant::now();
    a.signal("TERM");
    let deadline = Instant::now() + Duration::from_secs(20);
    while owners(&[(b.id.clone(), b.http)]).await.len() < matches.len() {
        assert!(Instant::now() < deadline, "the stopped bridge's matches were not taken over");
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    println!("cluster: matches of a bridge stopped with SIGTERM taken over after {} ms", stopped.elapsed().as_millis());
    assert!(a.child.wait().unwrap().success(), "the stopped bridge exits cleanly");
    // and the survivor goes on applying each match's updates
    for m in &matches {
        post_acked(&[b.http], 0, &key, m, "u1", &json!({"minute": 1})).await;
    }
    let deadline = Instant::now() + Duration::from_secs(20);
    for m in &matches {
        while request(b.http, "GET", &format!("/api/v1/sessions/{m}"), None, None, None).await.unwrap().1["updates"] != 2 {
            assert!(Instant::now() < deadline, "{m}: updates after the hand-over not applied");
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
    }
    drop((dc, b, nats));
}

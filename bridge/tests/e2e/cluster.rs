//! Cluster mode with a real `nats-server -js` (started here, on a free 127.0.0.1 port, in a
//! temporary directory) and the PostgreSQL of `scripts/test.sh`, with bridges as real child
//! processes: this test binary started again running only [`cluster_child_bridge`], so a
//! bridge can be killed with SIGKILL or frozen with SIGSTOP like any deployed one.
//!
//! Needs `nats-server` (`apt-get install -y nats-server`; `RESONANCE_SKIP_CLUSTER_TESTS=1`
//! skips) and `RESONANCE_TEST_POSTGRES_URL` (skips without it, fails on CI).
//!
//! Shared set-up: [`Cluster::start`] (NATS, an API key, an engine socket, a run id) and
//! [`Cluster::bridge`] (a child bridge, ready); polling goes through [`wait_for`]. Losing
//! PostgreSQL is simulated with [`PgProxy`], a TCP relay between the bridges and the server
//! that can drop every connection and refuse new ones (the test server is shared, so it is not
//! stopped); losing NATS is the real thing: the server is killed and started again on the same
//! port and store.

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

pub(crate) fn postgres_url() -> Option<String> {
    match std::env::var("RESONANCE_TEST_POSTGRES_URL") {
        Ok(u) if !u.is_empty() => Some(u),
        _ => {
            assert!(std::env::var("CI").as_deref() != Ok("true"), "RESONANCE_TEST_POSTGRES_URL is not set on CI");
            eprintln!("skipping the cluster test: set RESONANCE_TEST_POSTGRES_URL=postgres://USER:PASS@127.0.0.1/DB to run it");
            None
        }
    }
}

pub(crate) fn nats_available() -> bool {
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
pub(crate) struct Nats {
    child: Child,
    pub(crate) url: String,
    dir: tempfile::TempDir,
}

fn nats_server(port: &str, dir: &Path) -> Child {
    Command::new("nats-server")
        .args(["-js", "-a", "127.0.0.1", "-p", port, "-n", "resonance-test"])
        .arg("-sd")
        .arg(dir.join("js"))
        .arg("--ports_file_dir")
        .arg(dir)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("nats-server starts")
}

impl Nats {
    pub(crate) fn start() -> Self {
        let dir = tempfile::tempdir().unwrap();
        let child = nats_server("-1", dir.path());
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
        Self { child, url, dir }
    }

    /// Kills the server (SIGKILL, as a crash).
    pub(crate) fn kill(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }

    /// Starts the server again on the same port with the same JetStream store.
    fn restart(&mut self) {
        let port = self.url.rsplit(':').next().unwrap().to_string();
        self.child = nats_server(&port, self.dir.path());
        let addr: SocketAddr = self.url.trim_start_matches("nats://").parse().unwrap();
        let deadline = Instant::now() + Duration::from_secs(10);
        while std::net::TcpStream::connect(addr).is_err() {
            assert!(Instant::now() < deadline, "nats-server did not listen again on {addr} within 10 s");
            std::thread::sleep(Duration::from_millis(20));
        }
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
    osc: SocketAddr,
    id: String,
    _data: tempfile::TempDir,
}

impl Bridge {
    fn signal(&self, sig: &str) {
        let ok = Command::new("kill").arg(format!("-{sig}")).arg(self.child.id().to_string()).status().unwrap().success();
        assert!(ok, "kill -{sig} {}", self.child.id());
    }

    fn named(&self) -> (String, SocketAddr) {
        (self.id.clone(), self.http)
    }
}

impl Drop for Bridge {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// What every cluster test starts with: a NATS server, the PostgreSQL URL, an API key in it,
/// an engine socket the bridges send commands to, and a run id that keeps match and bridge
/// names apart between runs on the same database.
struct Cluster {
    nats: Nats,
    pg: String,
    key: String,
    engine: UdpSocket,
    run: String,
}

impl Cluster {
    /// `None` (the test is skipped) without PostgreSQL or nats-server outside CI.
    async fn start() -> Option<Self> {
        let pg = postgres_url()?;
        if !nats_available() {
            return None;
        }
        let nats = Nats::start();
        let key = make_key(&pg).await;
        let engine = engine_socket().await;
        let run = format!("{:x}", std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_millis());
        Some(Self { nats, pg, key, engine, run })
    }

    /// Starts bridge `name` (its id gets the run id) on this cluster's database and waits until
    /// it is ready.
    async fn bridge(&self, name: &str) -> Bridge {
        let b = self.bridge_on(name, &self.pg);
        wait_for(&format!("bridge {name} ready"), 30, async || ok(request(b.http, "GET", "/readyz", None, None, None).await)).await;
        b
    }

    /// Starts bridge `name` with `pg` as its database URL, without waiting for readiness.
    fn bridge_on(&self, name: &str, pg: &str) -> Bridge {
        self.bridge_spec(name, pg, false)
    }

    /// Starts bridge `name`; with `abort_after_stinger_commit` the bridge aborts (like
    /// `kill -9`: no ack, no effect, no goodbye) right after it commits a batch that fired a
    /// stinger ([`resonance_bridge::cluster::director::AFTER_COMMIT`]).
    fn bridge_spec(&self, name: &str, pg: &str, abort_after_stinger_commit: bool) -> Bridge {
        let data = tempfile::tempdir().unwrap();
        let id = format!("{name}-{}", self.run);
        let engine = self.engine.local_addr().unwrap();
        let spec = json!({"nats": self.nats.url, "pg": pg, "data": data.path(), "engine": engine.to_string(), "id": id,
            "abort_after_stinger_commit": abort_after_stinger_commit});
        let log = data.path().join("stderr.log");
        let mut child = Command::new(std::env::current_exe().unwrap())
            .args(["cluster::cluster_child_bridge", "--exact", "--ignored", "--nocapture", "--test-threads=1"])
            .env(CHILD_ENV, spec.to_string())
            .stdout(Stdio::piped())
            .stderr(Stdio::from(std::fs::File::create(&log).unwrap()))
            .spawn()
            .unwrap();
        let stdout = child.stdout.take().unwrap();
        let (tx, rx) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            for line in std::io::BufReader::new(stdout).lines() {
                let Ok(line) = line else { return };
                // libtest may print `test NAME ... ` on the same line first
                if let Some((_, a)) = line.split_once("CLUSTER_CHILD_HTTP ") {
                    let (http, osc) = a.trim().split_once(' ').unwrap();
                    let _ = tx.send((http.parse::<SocketAddr>().unwrap(), osc.parse::<SocketAddr>().unwrap()));
                }
            }
        });
        let Ok((http, osc)) = rx.recv_timeout(Duration::from_mins(1)) else {
            // never leave a child behind
            let _ = child.kill();
            let _ = child.wait();
            panic!("the child bridge did not report its address within 60 s (its stderr: {})", log.display());
        };
        Bridge { child, http, osc, id, _data: data }
    }

    /// Posts one update until a bridge of `bridges` acknowledges it (see [`post_acked`]).
    async fn post(&self, bridges: &[SocketAddr], start: usize, m: &str, idem: &str, body: &Value) -> Value {
        post_acked(bridges, start, &self.key, m, idem, body).await
    }
}

/// `Some(body)` for a 200 answer.
fn ok(r: Result<(u16, Value), String>) -> Option<Value> {
    match r {
        Ok((200, v)) => Some(v),
        _ => None,
    }
}

/// Polls `probe` every 20 ms until it gives `Some`, or panics after `secs` naming `what`.
async fn wait_for<T>(what: &str, secs: u64, mut probe: impl AsyncFnMut() -> Option<T>) -> T {
    let deadline = Instant::now() + Duration::from_secs(secs);
    loop {
        if let Some(v) = probe().await {
            return v;
        }
        assert!(Instant::now() < deadline, "{what}: not within {secs} s");
        tokio::time::sleep(Duration::from_millis(20)).await;
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
    if spec["abort_after_stinger_commit"] == true {
        let _ = resonance_bridge::cluster::director::AFTER_COMMIT.set(|batch| {
            if !batch.stingers.is_empty() {
                eprintln!("aborting after the commit of {} inputs {}..={}", batch.match_id, batch.first_seq, batch.last_seq);
                std::process::abort();
            }
        });
    }
    let rt = tokio::runtime::Runtime::new().unwrap();
    rt.block_on(async {
        let running = resonance_bridge::start(config).await.unwrap();
        println!("\nCLUSTER_CHILD_HTTP {} {}", running.http_addr, running.osc_addr);
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
    let mut i = start;
    let path = format!("/api/v1/sessions/{m}/telemetry");
    wait_for(&format!("update {m}/{idem} acknowledged"), 20, async || {
        let addr = bridges[i % bridges.len()];
        i += 1;
        let r = ok(request(addr, "POST", &path, Some(key), Some(idem), Some(&body.to_string())).await);
        if r.is_none() {
            tokio::time::sleep(Duration::from_millis(30)).await;
        }
        r
    })
    .await
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

/// Waits until `b` lists `m` among the matches it owns.
async fn wait_owned(b: &Bridge, m: &str, secs: u64) {
    let named = [b.named()];
    wait_for(&format!("{} owns {m}", b.id), secs, async || (owners(&named).await.get(m) == Some(&b.id)).then_some(())).await;
}

/// The session as `addr` answers it (200 or nothing).
async fn session(addr: SocketAddr, m: &str) -> Option<Value> {
    ok(request(addr, "GET", &format!("/api/v1/sessions/{m}"), None, None, None).await)
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
pub(crate) async fn make_key(pg: &str) -> String {
    let store = resonance_bridge::store::Store::open(pg, &resonance_bridge::state::schema()).await.unwrap();
    let (key, rec) = resonance_bridge::auth::new_key("cluster-test");
    store.insert_key(&rec).await.unwrap();
    store.close().await;
    key
}

/// The `boss_appears` stingers stored for `m` (input sequence, bridge).
async fn boss_stingers_stored(pg: &str, m: &str) -> Vec<(u64, String)> {
    let store = resonance_bridge::store::Store::open(pg, &resonance_bridge::state::schema()).await.unwrap();
    let fired = store.cluster_stingers(m).await.unwrap();
    store.close().await;
    fired.into_iter().filter(|(_, c, _)| c == "boss_appears").map(|(s, _, by)| (s, by)).collect()
}

/// Three bridges share six matches; the one owning the most is killed with SIGKILL while
/// telemetry keeps coming (retried on the others with the same Idempotency-Key, and sent
/// twice on purpose). The others take its matches over (the time is printed), every
/// acknowledged update is applied exactly once, and every `boss_appears` trigger fires its
/// stinger once — never twice. A WebSocket client on one bridge sees a match another owns.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn cluster_failover_after_kill_9_loses_and_repeats_nothing() {
    let Some(c) = Cluster::start().await else { return };
    let mut bridges = Vec::new();
    for i in 0..3 {
        bridges.push(c.bridge(&format!("b{i}")).await);
    }
    let matches: Vec<String> = (0..6).map(|i| format!("c{}-{i}", c.run)).collect();
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
            c.post(&all, i + r as usize, m, &format!("r{r}"), &body(i, r)).await;
        }
    }
    // every match gets a director
    let named: Vec<(String, SocketAddr)> = bridges.iter().map(Bridge::named).collect();
    let before = wait_for("every match gets a director", 20, async || {
        let o = owners(&named).await;
        (o.len() == matches.len()).then_some(o)
    })
    .await;
    // WebSocket fan-out: a client on a bridge that does not own matches[0] sees its updates
    let owner0 = &before[&matches[0]];
    let other = bridges.iter().find(|b| &b.id != owner0).unwrap().http;
    let mut ws = crate::common::ws_connect(other, &format!("?session={}", matches[0])).await;
    c.post(&all, 0, &matches[0], "ws-probe", &json!({"stress": 0.2})).await;
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
    let victim_matches: Vec<String> = before.iter().filter(|(_, o)| **o == victim_id).map(|(m, _)| m.clone()).collect();
    let vi = bridges.iter().position(|b| b.id == victim_id).unwrap();
    let killed_at = Instant::now();
    bridges[vi].signal("KILL");
    let _ = bridges[vi].child.wait();
    let survivors: Vec<(String, SocketAddr)> = named.iter().filter(|(id, _)| *id != victim_id).cloned().collect();
    let live: Vec<SocketAddr> = survivors.iter().map(|(_, a)| *a).collect();
    let watch = tokio::spawn({
        let survivors = survivors.clone();
        let wanted = victim_matches.clone();
        // (a plain loop: the spawned future must be Send)
        async move {
            loop {
                let o = owners(&survivors).await;
                if wanted.iter().all(|m| o.contains_key(m)) {
                    return killed_at.elapsed();
                }
                assert!(
                    killed_at.elapsed() <= Duration::from_secs(30),
                    "the killed bridge's matches {wanted:?} not taken over within 30 s: {o:?}"
                );
                tokio::time::sleep(Duration::from_millis(20)).await;
            }
        }
    });
    for r in rounds_before..rounds {
        for (i, m) in matches.iter().enumerate() {
            let v = c.post(&live, i + r as usize, m, &format!("r{r}"), &body(i, r)).await;
            if r % 3 == 0 {
                // the same update again through the other bridge: stored once
                let again = c.post(&live, i + r as usize + 1, m, &format!("r{r}"), &body(i, r)).await;
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
    check_applied_once(live[0], &matches, rounds, &c.pg, &c.engine).await;
}

/// Every acknowledged update was applied exactly once (`updates` counts applications; the
/// first match had one more, the WebSocket probe), and each match's one `boss_appears` trigger
/// fired one stinger, in storage and at the engine.
async fn check_applied_once(live: SocketAddr, matches: &[String], rounds: u32, pg: &str, engine: &UdpSocket) {
    for m in matches {
        let want = u64::from(rounds) + u64::from(m == &matches[0]);
        let v = wait_applied(live, m, want, 30).await;
        assert_eq!(v["metrics"]["minute"], f64::from(rounds - 1), "{v}");
    }
    // each trigger fired its stinger once: in storage and at the engine
    for m in matches {
        let fired = boss_stingers_stored(pg, m).await;
        assert_eq!(fired.len(), 1, "{m}: {fired:?}");
    }
    let heard = count_boss_stingers(engine, Instant::now() + Duration::from_millis(300)).await;
    assert!(heard <= matches.len(), "{heard} boss stingers for {} triggers", matches.len());
}

/// Waits until `addr` answers `m` with `want` applications, failing at once on more (applied
/// twice); returns the session.
async fn wait_applied(addr: SocketAddr, m: &str, want: u64, secs: u64) -> Value {
    wait_for(&format!("{m}: {want} acknowledged updates applied"), secs, async || {
        let v = session(addr, m).await?;
        let updates = v["updates"].as_u64().unwrap_or(0);
        assert!(updates <= want, "{m}: {updates} applications of {want} distinct updates: applied twice");
        (updates == want).then_some(v)
    })
    .await
}

/// A crash between the commit and the ack: the owner commits the batch holding a trigger (its
/// state and its stinger in PostgreSQL) and dies at once (abort, as `kill -9`), before the
/// stinger goes out and before the batch is acked. The next owner resumes after the committed
/// batch: every acknowledged update is applied once (none lost, none twice), the trigger's
/// stinger is stored once, and the engine never hears it (at most once); a later trigger fires
/// once, from the new owner.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn cluster_crash_between_commit_and_ack_repeats_no_stinger_and_loses_nothing() {
    use std::os::unix::process::ExitStatusExt as _;
    let Some(c) = Cluster::start().await else { return };
    let mut a = c.bridge_spec("a", &c.pg, true);
    wait_for("bridge a ready", 30, async || ok(request(a.http, "GET", "/readyz", None, None, None).await)).await;
    let m = format!("crash{}", c.run);
    for r in 0..4 {
        c.post(&[a.http], 0, &m, &format!("u{r}"), &json!({"minute": r})).await;
    }
    wait_owned(&a, &m, 20).await;
    wait_applied(a.http, &m, 4, 20).await;
    let trigger = c.post(&[a.http], 0, &m, "u4", &json!({"minute": 4, "trigger": "boss_appears"})).await;
    let status = wait_for("bridge a aborts after committing the trigger", 20, async || a.child.try_wait().unwrap()).await;
    assert_eq!(status.signal(), Some(6), "bridge a ended by SIGABRT at the commit hook: {status:?}");
    // committed: the state holds the trigger's update, and its stinger is stored, by a
    let store = resonance_bridge::store::Store::open(&c.pg, &resonance_bridge::state::schema()).await.unwrap();
    let stored = store.cluster_state(&m).await.unwrap().unwrap();
    store.close().await;
    assert_eq!(stored.last_seq, trigger["seq"].as_u64().unwrap());
    let fired = boss_stingers_stored(&c.pg, &m).await;
    assert_eq!(fired, vec![(stored.last_seq, a.id.clone())]);

    let b = c.bridge("b").await;
    wait_owned(&b, &m, 20).await;
    for r in 5..8 {
        let mut body = json!({"minute": r});
        if r == 6 {
            body["trigger"] = json!("boss_appears");
        }
        c.post(&[b.http], 0, &m, &format!("u{r}"), &body).await;
    }
    let v = wait_applied(b.http, &m, 8, 20).await;
    assert_eq!(v["metrics"]["minute"], 7.0, "{v}");
    let fired = boss_stingers_stored(&c.pg, &m).await;
    assert_eq!(fired.len(), 2, "one stinger per trigger: {fired:?}");
    assert_eq!(fired[0], (stored.last_seq, a.id.clone()));
    assert_eq!(fired[1].1, b.id);
    // the crashed owner's stinger never went out and was not sent again by the new owner
    let heard = count_boss_stingers(&c.engine, Instant::now() + Duration::from_millis(500)).await;
    assert_eq!(heard, 1, "boss stingers heard at the engine for one crashed and one live trigger");
}

/// The group commit in PostgreSQL: batches of several matches in one statement, each written
/// once with its stingers. Committing a batch again (a redelivery after a crash between commit
/// and ack, or a retry after a lost answer) is recognised as applied and stores no stinger
/// twice; a match claimed by a later epoch is fenced while the others in the same commit are
/// written; two batches of one match in one commit are refused.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn cluster_group_commit_writes_each_batch_once_and_fences_the_rest() {
    use resonance_bridge::cluster::store::{Applied, Batch};
    let Some(pg) = postgres_url() else { return };
    let store = resonance_bridge::store::Store::open(&pg, &resonance_bridge::state::schema()).await.unwrap();
    let run = format!("{:x}", std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_nanos());
    let (x, y, z) = (format!("gx{run}"), format!("gy{run}"), format!("gz{run}"));
    for m in [&x, &y, &z] {
        assert!(store.cluster_claim(m, 5, "one").await.unwrap().is_some());
    }
    let batch = |m: &str, first: u64, last: u64, state: &str, stingers: &[(u64, u32, &str)]| Batch {
        match_id: m.to_string(),
        epoch: 5,
        first_seq: first,
        last_seq: last,
        state: state.to_string(),
        stingers: stingers.iter().map(|(s, k, c)| (*s, *k, (*c).to_string())).collect(),
    };
    let bx = batch(&x, 1, 3, "{\"x\":3}", &[(2, 0, "boss_appears"), (3, 0, "goal"), (3, 1, "boss_appears")]);
    let by = batch(&y, 1, 1, "{\"y\":1}", &[]);
    assert_eq!(store.cluster_commit(&[bx.clone(), by], "one").await.unwrap(), vec![Applied::Yes, Applied::Yes]);
    // a later owner claims z; then x's batch again, y's next one and z's under the old epoch
    assert!(store.cluster_claim(&z, 9, "two").await.unwrap().is_some());
    let by2 = batch(&y, 2, 4, "{\"y\":4}", &[(4, 0, "boss_appears")]);
    let bz = batch(&z, 1, 2, "{\"z\":2}", &[(2, 0, "boss_appears")]);
    let out = store.cluster_commit(&[bx.clone(), by2, bz], "one").await.unwrap();
    assert_eq!(out, vec![Applied::AlreadyApplied, Applied::Yes, Applied::Fenced]);
    let cues = |v: Vec<(u64, String, String)>| v.into_iter().map(|(s, c, _)| (s, c)).collect::<Vec<_>>();
    assert_eq!(
        cues(store.cluster_stingers(&x).await.unwrap()),
        vec![(2, "boss_appears".to_string()), (3, "goal".to_string()), (3, "boss_appears".to_string())],
        "stored once"
    );
    assert_eq!(cues(store.cluster_stingers(&y).await.unwrap()), vec![(4, "boss_appears".to_string())]);
    assert!(store.cluster_stingers(&z).await.unwrap().is_empty(), "a fenced batch stores no stinger");
    let xs = store.cluster_state(&x).await.unwrap().unwrap();
    assert_eq!((xs.state.as_str(), xs.last_seq), ("{\"x\":3}", 3));
    let ys = store.cluster_state(&y).await.unwrap().unwrap();
    assert_eq!((ys.state.as_str(), ys.last_seq), ("{\"y\":4}", 4));
    assert!(store.cluster_state(&z).await.unwrap().is_none(), "z holds nothing from the fenced owner");
    let twice = store.cluster_commit(&[batch(&x, 4, 4, "{}", &[]), batch(&x, 5, 5, "{}", &[])], "one").await;
    assert!(twice.is_err(), "two batches of one match in one commit: {twice:?}");
    store.close().await;
}

/// Two bridges' group commits over the same matches, their batches in opposite orders, run at
/// once, round after round: the rows are locked in match order, so one waits for the other but
/// they never deadlock (PostgreSQL would abort one with `deadlock detected` after its
/// `deadlock_timeout`; the same statements without the ordered lock do within a few dozen
/// rounds). Each round, each match's batch is written by exactly one of them, with its stinger.
/// (Both write under one epoch here, which the leases never allow, so that every row is
/// contended; what matters is the order the rows are locked in.)
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn cluster_group_commits_over_the_same_rows_never_deadlock() {
    use resonance_bridge::cluster::store::{Applied, Batch};
    let Some(pg) = postgres_url() else { return };
    let schema = resonance_bridge::state::schema();
    let one = resonance_bridge::store::Store::open(&pg, &schema).await.unwrap();
    let two = resonance_bridge::store::Store::open(&pg, &schema).await.unwrap();
    let run = format!("{:x}", std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_nanos());
    let names: Vec<String> = (0..32).map(|i| format!("dl{run}-{i:02}")).collect();
    for m in &names {
        assert!(one.cluster_claim(m, 5, "one").await.unwrap().is_some());
    }
    let batches = |round: u64| -> Vec<Batch> {
        names
            .iter()
            .map(|m| Batch {
                match_id: m.clone(),
                epoch: 5,
                first_seq: round,
                last_seq: round,
                state: format!("{{\"round\":{round}}}"),
                stingers: vec![(round, 0, "boss_appears".to_string())],
            })
            .collect()
    };
    let rounds = 60;
    for round in 1..=rounds {
        let forward = batches(round);
        let mut backward = forward.clone();
        backward.reverse();
        let (a, b) = tokio::join!(one.cluster_commit(&forward, "one"), two.cluster_commit(&backward, "two"));
        let a = a.unwrap_or_else(|e| panic!("round {round}, forward: {e}"));
        let b = b.unwrap_or_else(|e| panic!("round {round}, backward: {e}"));
        for (i, x) in a.iter().enumerate() {
            let y = b[names.len() - 1 - i];
            assert!(
                matches!((x, y), (Applied::Yes, Applied::AlreadyApplied) | (Applied::AlreadyApplied, Applied::Yes)),
                "round {round}, {}: {x:?} / {y:?}",
                names[i]
            );
        }
    }
    for m in &names {
        let fired = one.cluster_stingers(m).await.unwrap();
        assert_eq!(fired.iter().map(|(seq, _, _)| *seq).collect::<Vec<_>>(), (1..=rounds).collect::<Vec<_>>(), "{m}: one stinger a round");
        assert_eq!(one.cluster_state(m).await.unwrap().unwrap().last_seq, rounds);
    }
    one.close().await;
    two.close().await;
}

/// A split: the owner is frozen (SIGSTOP) past its lease, the other bridge takes the match
/// (a later lease revision), the frozen one resumes (SIGCONT) still believing it owns it. The
/// revision settles it: the resumed bridge stops directing, every update is applied once by
/// the new owner, and the trigger sent during the split fires one stinger.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn cluster_frozen_owner_resumes_fenced_out() {
    let Some(c) = Cluster::start().await else { return };
    let a = c.bridge("a").await;
    let m = format!("split{}", c.run);
    c.post(&[a.http], 0, &m, "u0", &json!({"minute": 0})).await;
    wait_owned(&a, &m, 20).await;
    let b = c.bridge("b").await;
    a.signal("STOP");
    let frozen = Instant::now();
    wait_owned(&b, &m, 20).await;
    println!("cluster: frozen owner's match taken over after {} ms", frozen.elapsed().as_millis());
    for r in 1..4 {
        let mut body = json!({"minute": r});
        if r == 2 {
            body["trigger"] = json!("boss_appears");
        }
        c.post(&[b.http], 0, &m, &format!("u{r}"), &body).await;
    }
    a.signal("CONT");
    for r in 4..8 {
        c.post(&[a.http, b.http], r, &m, &format!("u{r}"), &json!({"minute": r})).await;
    }
    // the resumed bridge lets go; the new owner applied every update once
    let named = [a.named(), b.named()];
    let v = wait_applied(b.http, &m, 8, 20).await;
    assert_eq!(v["metrics"]["minute"], 7.0, "{v}");
    wait_for("the resumed bridge lets go", 20, async || (owners(&named).await.get(&m) == Some(&b.id)).then_some(())).await;
    let fired = boss_stingers_stored(&c.pg, &m).await;
    assert_eq!(fired.len(), 1, "{fired:?}");
    assert!(fired.iter().all(|(_, by)| *by == b.id), "{fired:?}");
    let heard = count_boss_stingers(&c.engine, Instant::now() + Duration::from_millis(300)).await;
    assert!(heard <= 1, "{heard} boss stingers for one trigger");
}

/// A bridge stopped gracefully (SIGTERM) hands its matches over before it exits: the other
/// bridge owns them well before the lease could have expired, and the stopped one exits cleanly.
/// A bridge joining later takes its fair share from the one holding everything.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn cluster_graceful_stop_hands_matches_over_and_a_joiner_takes_its_share() {
    let Some(c) = Cluster::start().await else { return };
    let mut a = c.bridge("a").await;
    let matches: Vec<String> = (0..4).map(|i| format!("g{}-{i}", c.run)).collect();
    for m in &matches {
        c.post(&[a.http], 0, m, "u0", &json!({"minute": 0})).await;
    }
    let b = c.bridge("b").await;
    // a joiner takes its fair share (2 of 4) from the bridge that took everything
    let both = [a.named(), b.named()];
    wait_for("a fair share for the joining bridge", 20, async || {
        let o = owners(&both).await;
        (o.len() == matches.len() && o.values().filter(|id| **id == b.id).count() == 2).then_some(())
    })
    .await;
    let stopped = Instant::now();
    a.signal("TERM");
    let only_b = [b.named()];
    wait_for("the stopped bridge's matches taken over", 20, async || (owners(&only_b).await.len() == matches.len()).then_some(())).await;
    println!("cluster: matches of a bridge stopped with SIGTERM taken over after {} ms", stopped.elapsed().as_millis());
    assert!(a.child.wait().unwrap().success(), "the stopped bridge exits cleanly");
    // and the survivor goes on applying each match's updates
    for m in &matches {
        c.post(&[b.http], 0, m, "u1", &json!({"minute": 1})).await;
    }
    for m in &matches {
        wait_applied(b.http, m, 2, 20).await;
    }
}

/// `/readyz` of `addr`: (status, body).
async fn readyz(addr: SocketAddr) -> (u16, Value) {
    request(addr, "GET", "/readyz", None, None, None).await.unwrap_or((0, Value::Null))
}

/// NATS lost mid-run (the server killed, then started again on the same port and store): the
/// bridge says so on `/readyz` (503, `nats` not connected), stops directing the match once its
/// lease can no longer be proven, refuses telemetry with 503 (`Retry-After`) rather than
/// accepting what it cannot store, and still answers reads from PostgreSQL. When NATS is back
/// it is ready again, takes the match again, and every acknowledged update is applied exactly
/// once (one sent again with the same Idempotency-Key is recognised as a duplicate).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn cluster_nats_lost_mid_run_refuses_then_recovers_without_loss() {
    let Some(mut c) = Cluster::start().await else { return };
    let a = c.bridge("a").await;
    let m = format!("natslost{}", c.run);
    for r in 0..3 {
        c.post(&[a.http], 0, &m, &format!("u{r}"), &json!({"minute": r})).await;
    }
    wait_owned(&a, &m, 20).await;
    wait_applied(a.http, &m, 3, 20).await;

    c.nats.kill();
    let (status, body) = wait_for("/readyz says NATS is gone", 10, async || {
        let (s, v) = readyz(a.http).await;
        (s == 503).then_some((s, v))
    })
    .await;
    assert_ne!(body["nats"], "connected", "{status} {body}");
    assert_eq!(body["ready"], false, "{body}");
    // the lease cannot be renewed: the bridge stops acting as the owner within the TTL
    let named = [a.named()];
    wait_for("the bridge stops directing without NATS", 10, async || owners(&named).await.is_empty().then_some(())).await;
    let (s, v) = request(a.http, "POST", &format!("/api/v1/sessions/{m}/telemetry"), Some(&c.key), Some("u3"), Some(r#"{"minute": 3}"#))
        .await
        .unwrap();
    assert_eq!(s, 503, "telemetry without NATS is refused, not lost: {v}");
    assert!(v["message"].as_str().unwrap_or_default().contains("retry with the same Idempotency-Key"), "{v}");
    // reads still answer, from PostgreSQL
    let v = session(a.http, &m).await.expect("the session is still readable without NATS");
    assert_eq!(v["updates"], 3, "{v}");

    c.nats.restart();
    wait_for("/readyz is 200 again once NATS is back", 30, async || (readyz(a.http).await.0 == 200).then_some(())).await;
    // the refused update is sent again with the same key, then more; one repeated on purpose
    for r in 3..6 {
        c.post(&[a.http], 0, &m, &format!("u{r}"), &json!({"minute": r})).await;
    }
    let again = c.post(&[a.http], 0, &m, "u4", &json!({"minute": 4})).await;
    assert_eq!(again["duplicate"], true, "{again}");
    wait_owned(&a, &m, 20).await;
    let v = wait_applied(a.http, &m, 6, 30).await;
    assert_eq!(v["metrics"]["minute"], 5.0, "{v}");
}

/// A TCP relay from a loopback port to PostgreSQL that can drop every connection and refuse
/// new ones (`cut`), then accept again (`restore`): PostgreSQL lost and back, as the bridges
/// see it, without stopping the test server other tests share.
struct PgProxy {
    url: String,
    up: std::sync::Arc<std::sync::atomic::AtomicBool>,
    conns: std::sync::Arc<std::sync::Mutex<Vec<tokio::task::AbortHandle>>>,
    accept: tokio::task::JoinHandle<()>,
}

impl PgProxy {
    async fn start(pg: &str) -> Self {
        let target = pg_host_port(pg);
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let port = listener.local_addr().unwrap().port();
        let url = pg.replacen(&target, &format!("127.0.0.1:{port}"), 1);
        let up = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(true));
        let conns = std::sync::Arc::new(std::sync::Mutex::new(Vec::<tokio::task::AbortHandle>::new()));
        let accept = tokio::spawn({
            let (up, conns) = (up.clone(), conns.clone());
            async move {
                while let Ok((mut inbound, _)) = listener.accept().await {
                    if !up.load(std::sync::atomic::Ordering::SeqCst) {
                        continue; // dropped: the connection is closed at once
                    }
                    let target = target.clone();
                    let t = tokio::spawn(async move {
                        let addr = if target.contains(':') { target } else { format!("{target}:5432") };
                        if let Ok(mut out) = tokio::net::TcpStream::connect(addr).await {
                            let _ = tokio::io::copy_bidirectional(&mut inbound, &mut out).await;
                        }
                    });
                    conns.lock().unwrap().push(t.abort_handle());
                }
            }
        });
        Self { url, up, conns, accept }
    }

    /// PostgreSQL gone: every open connection dropped, new ones closed at once.
    fn cut(&self) {
        self.up.store(false, std::sync::atomic::Ordering::SeqCst);
        for c in self.conns.lock().unwrap().drain(..) {
            c.abort();
        }
    }

    fn restore(&self) {
        self.up.store(true, std::sync::atomic::Ordering::SeqCst);
    }
}

impl Drop for PgProxy {
    fn drop(&mut self) {
        self.cut();
        self.accept.abort();
    }
}

/// `HOST[:PORT]` of a `postgres://USER:PASS@HOST[:PORT]/DB` URL.
fn pg_host_port(url: &str) -> String {
    let after = url.split_once("://").map_or(url, |(_, r)| r);
    let after = after.rsplit_once('@').map_or(after, |(_, r)| r);
    after.split(['/', '?']).next().unwrap_or(after).to_string()
}

/// PostgreSQL lost mid-run (every connection of the bridge dropped and refused for a few
/// seconds): `/readyz` answers 503 with `postgres: down` promptly; telemetry is still
/// acknowledged, because it is stored in the match's JetStream stream (the stream buffers it);
/// the owner keeps its lease and retries the writes it could not make. When PostgreSQL is back
/// every update sent during the outage is applied in order, exactly once, and its trigger fires
/// one stinger.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn cluster_postgres_lost_mid_run_buffers_in_the_stream_then_applies_once() {
    let Some(c) = Cluster::start().await else { return };
    let proxy = PgProxy::start(&c.pg).await;
    let a = c.bridge_on("a", &proxy.url);
    wait_for("bridge a ready", 30, async || ok(request(a.http, "GET", "/readyz", None, None, None).await)).await;
    let m = format!("pglost{}", c.run);
    for r in 0..3 {
        c.post(&[a.http], 0, &m, &format!("u{r}"), &json!({"minute": r})).await;
    }
    wait_owned(&a, &m, 20).await;
    wait_applied(a.http, &m, 3, 20).await;

    proxy.cut();
    let body = wait_for("/readyz says PostgreSQL is down", 10, async || {
        let (s, v) = readyz(a.http).await;
        (s == 503).then_some(v)
    })
    .await;
    assert_eq!(body["postgres"], "down", "{body}");
    assert_eq!(body["nats"], "connected", "{body}");
    // accepted into the stream while the database is away, one with a trigger
    for r in 3..8 {
        let mut b = json!({"minute": r});
        if r == 5 {
            b["trigger"] = json!("boss_appears");
        }
        let v = c.post(&[a.http], 0, &m, &format!("u{r}"), &b).await;
        assert_eq!(v["accepted"], true, "{v}");
    }
    tokio::time::sleep(Duration::from_millis(500)).await;
    assert!(
        boss_stingers_stored(&c.pg, &m).await.is_empty(),
        "nothing can be stored (or fired: effects follow the commit) while PostgreSQL is away"
    );
    proxy.restore();
    wait_for("/readyz is 200 again once PostgreSQL is back", 30, async || (readyz(a.http).await.0 == 200).then_some(())).await;
    let v = wait_applied(a.http, &m, 8, 30).await;
    assert_eq!(v["metrics"]["minute"], 7.0, "{v}");
    assert_eq!(boss_stingers_stored(&c.pg, &m).await.len(), 1);
    let heard = count_boss_stingers(&c.engine, Instant::now() + Duration::from_millis(300)).await;
    assert!(heard <= 1, "{heard} boss stingers for one trigger");
    drop(a);
}

/// The stored state of `m` (as the owner committed it), once `pred` holds for it.
async fn stored_when(pg: &str, m: &str, what: &str, pred: impl Fn(&Value) -> bool) -> Value {
    let store = resonance_bridge::store::Store::open(pg, &resonance_bridge::state::schema()).await.unwrap();
    let v = wait_for(what, 20, async || {
        let r = store.cluster_state(m).await.ok()??;
        let v: Value = serde_json::from_str(&r.state).ok()?;
        pred(&v).then_some(v)
    })
    .await;
    store.close().await;
    v
}

/// Engine reports over OSC and hand-fired controls sent to a bridge that does not own the
/// match go through the match's stream: the owner applies them (its stored state has the
/// engine's crowd mood and event, the control's style and intensity), learns the engine's
/// address from the stream and sends it the match's commands, and a hand-fired stinger sent
/// twice with one Idempotency-Key is stored once and reaches the engine once.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn cluster_engine_reports_and_controls_reach_the_owner_once() {
    use resonance_bridge::osc::{self, Inbound};
    use resonance_engine::{CrowdEvent, CrowdEventKind, MoodLabel, MoodSnapshot, WhistleKind};
    let Some(c) = Cluster::start().await else { return };
    let a = c.bridge("a").await;
    let m = format!("osc{}", c.run);
    c.post(&[a.http], 0, &m, "u0", &json!({"minute": 0})).await;
    wait_owned(&a, &m, 20).await;
    let b = c.bridge("b").await;
    // an engine of the match reports to b, which does not own it
    let engine = UdpSocket::bind("127.0.0.1:0").await.unwrap();
    let send = async |msg: Inbound| {
        engine.send_to(&osc::to_datagram(osc::encode_inbound(&msg)), b.osc).await.unwrap();
    };
    send(Inbound::Hello { session: m.clone(), token: None }).await;
    send(Inbound::Mood(MoodSnapshot { time: 7, valence: 0.625, arousal: 0.5, label: MoodLabel::Excitement, confidence: 0.9 })).await;
    send(Inbound::Event(CrowdEvent {
        kind: CrowdEventKind::Applause,
        onset: 8,
        detected: 8,
        confidence: 0.8,
        whistle: WhistleKind::Short,
    }))
    .await;
    let v = stored_when(&c.pg, &m, "the owner stores the engine's mood and event", |v| {
        v["crowd"]["valence"].as_f64() == Some(0.625) && v["timeline"].to_string().contains("applause")
    })
    .await;
    assert_eq!(v["updates"], 1, "engine reports are not telemetry updates: {v}");
    assert_eq!(owners(&[a.named(), b.named()]).await.get(&m), Some(&a.id), "the match stayed with a");

    // a control through b: applied by the owner, which sends the style to the engine it
    // learned from the stream
    let path = format!("/api/v1/sessions/{m}/control");
    let body = r#"{"style": "cinematic-orchestral", "quantize": "beat", "intensity": 0.75}"#;
    let (s, v) = request(b.http, "POST", &path, Some(&c.key), Some("k1"), Some(body)).await.unwrap();
    assert_eq!((s, v["accepted"].clone()), (200, json!(true)), "{v}");
    let (s, v) = request(b.http, "POST", &path, Some(&c.key), None, Some(r#"{"style": "no-such-style"}"#)).await.unwrap();
    assert_eq!(s, 422, "an unknown style is refused by the receiving bridge: {v}");
    let stored = stored_when(&c.pg, &m, "the owner stores the control", |v| v["style"] == "cinematic-orchestral").await;
    assert!((stored["intensity_override"].as_f64().unwrap() - 0.75).abs() < 1e-6, "{stored}");
    crate::common::expect_command(&engine, 10, |o| matches!(o, Outbound::Style { name, .. } if name == "cinematic-orchestral")).await;

    // a hand-fired stinger through b, sent twice with one key: stored once, heard once
    let path = format!("/api/v1/sessions/{m}/stinger");
    let (s, first) = request(b.http, "POST", &path, Some(&c.key), Some("s1"), Some(r#"{"cue": "boss_appears"}"#)).await.unwrap();
    assert_eq!(s, 202, "{first}");
    let (_, again) = request(a.http, "POST", &path, Some(&c.key), Some("s1"), Some(r#"{"cue": "boss_appears"}"#)).await.unwrap();
    assert_eq!((again["duplicate"].clone(), again["seq"].clone()), (json!(true), first["seq"].clone()), "{again}");
    wait_for("the hand-fired stinger is stored", 20, async || (boss_stingers_stored(&c.pg, &m).await.len() == 1).then_some(())).await;
    let heard = count_boss_stingers(&engine, Instant::now() + Duration::from_secs(2)).await;
    assert_eq!(heard, 1, "the stinger reaches the match's engine once");
    assert_eq!(boss_stingers_stored(&c.pg, &m).await.len(), 1);
}

/// The input stream of the cluster at `url`, read the way the bridges wrote it.
async fn input_stream(url: &str) -> async_nats::jetstream::stream::Stream {
    let client = async_nats::connect(url).await.unwrap();
    async_nats::jetstream::new(client).get_stream(resonance_bridge::cluster::link::STREAM).await.unwrap()
}

/// How many messages the input stream holds for match `m`.
async fn stream_messages(url: &str, m: &str) -> usize {
    use futures_util::TryStreamExt as _;
    let subject = resonance_bridge::cluster::link::subject_in(m);
    let mut info = input_stream(url).await.info_with_subjects(&subject).await.unwrap();
    let mut n = 0;
    while let Some((s, count)) = info.try_next().await.unwrap() {
        if s == subject {
            n += count;
        }
    }
    n
}

/// When JetStream stored message `seq`, in Unix milliseconds (the NATS server's clock).
async fn stored_at_ms(url: &str, seq: u64) -> i64 {
    let msg = input_stream(url).await.get_raw_message(seq).await.unwrap();
    i64::try_from(msg.time.unix_timestamp_nanos() / 1_000_000).unwrap()
}

/// A burst of engine state reports, with an occurrence now and then, as an engine sends them:
/// (the reports, the number of crowd events among them).
fn report_burst(m: &str, n: usize) -> (Vec<resonance_bridge::osc::Inbound>, usize) {
    use resonance_bridge::osc::Inbound;
    use resonance_engine::{CrowdEvent, CrowdEventKind, Meters, MoodLabel, MoodSnapshot, WhistleKind};
    let mut out = vec![Inbound::Hello { session: m.to_string(), token: None }];
    let mut events = 0;
    for i in 0..n {
        // dyadic values: they survive every JSON round trip unchanged
        let x = (i % 64) as f32 / 64.0;
        out.push(match i % 4 {
            0 | 1 => {
                Inbound::Mood(MoodSnapshot { time: i as u64, valence: x, arousal: 1.0 - x, label: MoodLabel::Tension, confidence: 0.5 })
            }
            2 => Inbound::Meters(Meters { input_peak_db: -x * 32.0, output_peak_db: -6.0, ..Meters::default() }),
            _ if i % 40 == 3 => {
                events += 1;
                let kind = if events % 2 == 0 { CrowdEventKind::Applause } else { CrowdEventKind::ChantStart };
                Inbound::Event(CrowdEvent { kind, onset: i as u64, detected: i as u64, confidence: 0.75, whistle: WhistleKind::Short })
            }
            _ => Inbound::Xruns(i as u64 / 8),
        });
    }
    (out, events)
}

/// A burst of engine reports is gathered into far fewer stream messages than reports (per
/// match, per engine, per short window), and the owner ends in the state one bridge reaches
/// applying the same reports one by one: the last mood and meters, every crowd event in order.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn cluster_engine_report_burst_is_coalesced_and_ends_identical() {
    let Some(c) = Cluster::start().await else { return };
    let a = c.bridge("a").await;
    let m = format!("burst{}", c.run);
    let (reports, events) = report_burst(&m, 400);
    let engine = UdpSocket::bind("127.0.0.1:0").await.unwrap();
    for r in &reports {
        engine.send_to(&resonance_bridge::osc::to_datagram(resonance_bridge::osc::encode_inbound(r)), a.osc).await.unwrap();
    }
    // the same reports through one bridge, one by one: the state to reach
    let (st, _key, _dir) = crate::common::state().await;
    for r in reports.clone() {
        st.handle_inbound(engine.local_addr().unwrap(), r).await;
    }
    let single = {
        let e = st.get(&m).expect("the single bridge has the session");
        let text = serde_json::to_string(&e.lock().await.state).unwrap();
        serde_json::from_str::<Value>(&text).unwrap()
    };
    let timeline_of = |v: &Value, kind: &str| -> Vec<String> {
        v["timeline"].as_array().unwrap().iter().filter(|t| t["kind"] == kind).map(|t| t["name"].as_str().unwrap().to_string()).collect()
    };
    assert_eq!(timeline_of(&single, "crowd").len(), events, "{single}");
    let stored = stored_when(&c.pg, &m, "the owner applies the whole burst", |v| {
        v["crowd"] == single["crowd"] && v["meters"] == single["meters"] && timeline_of(v, "crowd").len() == events
    })
    .await;
    assert_eq!(timeline_of(&stored, "crowd"), timeline_of(&single, "crowd"), "every crowd event, in order");
    assert_eq!(stored["meters"]["xruns"], single["meters"]["xruns"], "{stored}");
    assert_eq!(stored["updates"], 0, "engine reports are not telemetry updates: {stored}");
    let published = stream_messages(&c.nats.url, &m).await;
    println!("cluster: {} engine reports published as {published} stream messages", reports.len());
    assert!(published >= 1 && published < reports.len(), "{} reports became {published} stream messages", reports.len());
    drop(a);
}

/// NATS unreachable when the bridge starts: it serves HTTP at once, `/readyz` is 503 with
/// `nats: connecting`, telemetry is refused with 503 and `Retry-After` (not accepted into a
/// buffer that could be lost), reads answer from PostgreSQL; once NATS is up the bridge
/// becomes ready, accepts the update retried with the same Idempotency-Key and directs the
/// match, applying it once.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn cluster_nats_unreachable_at_start_refuses_then_serves() {
    let Some(mut c) = Cluster::start().await else { return };
    c.nats.kill();
    let a = c.bridge_on("a", &c.pg);
    let m = format!("natsstart{}", c.run);
    let (s, v) = readyz(a.http).await;
    assert_eq!(
        (s, v["nats"].as_str(), v["postgres"].as_str(), v["ready"].as_bool()),
        (503, Some("connecting"), Some("ok"), Some(false)),
        "{v}"
    );
    let health = ok(request(a.http, "GET", "/healthz", None, None, None).await).expect("/healthz answers without NATS");
    assert_eq!(health["cluster"], Value::Null, "not in the cluster yet: {health}");
    let path = format!("/api/v1/sessions/{m}/telemetry");
    let (s, v) = request(a.http, "POST", &path, Some(&c.key), Some("u0"), Some(r#"{"minute": 0}"#)).await.unwrap();
    assert_eq!(s, 503, "telemetry without NATS is refused: {v}");
    assert!(v["message"].as_str().unwrap_or_default().contains("NATS"), "{v}");
    let (s, v) = request(a.http, "GET", "/api/v1/sessions", None, None, None).await.unwrap();
    assert_eq!(s, 200, "reads answer from PostgreSQL without NATS: {v}");

    c.nats.restart();
    wait_for("/readyz is 200 once NATS is up", 30, async || (readyz(a.http).await.0 == 200).then_some(())).await;
    let first = c.post(&[a.http], 0, &m, "u0", &json!({"minute": 0})).await;
    assert_eq!(first["duplicate"], false, "{first}");
    c.post(&[a.http], 0, &m, "u1", &json!({"minute": 1})).await;
    wait_owned(&a, &m, 20).await;
    let v = wait_applied(a.http, &m, 2, 20).await;
    assert_eq!(v["metrics"]["minute"], 1.0, "{v}");
}

/// Bridges never compare clocks: the owner applies each input at the time JetStream stored it
/// (the NATS server's clock), not at its own time of applying it. Inputs stored while the owner
/// could not apply them (PostgreSQL away for over a second) carry their stored time in the
/// match's state — the trigger's timeline entry and `updated_ms` — exactly, so a bridge with
/// a skewed clock, or a replay after a takeover, writes the same state.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn cluster_input_time_is_the_streams_not_the_applying_bridges() {
    let Some(c) = Cluster::start().await else { return };
    let proxy = PgProxy::start(&c.pg).await;
    let a = c.bridge_on("a", &proxy.url);
    wait_for("bridge a ready", 30, async || ok(request(a.http, "GET", "/readyz", None, None, None).await)).await;
    let m = format!("clock{}", c.run);
    c.post(&[a.http], 0, &m, "u0", &json!({"minute": 0})).await;
    wait_owned(&a, &m, 20).await;
    wait_applied(a.http, &m, 1, 20).await;

    proxy.cut();
    wait_for("/readyz says PostgreSQL is down", 10, async || (readyz(a.http).await.0 == 503).then_some(())).await;
    let trigger = c.post(&[a.http], 0, &m, "u1", &json!({"minute": 1, "trigger": "boss_appears"})).await;
    let last = c.post(&[a.http], 0, &m, "u2", &json!({"minute": 2})).await;
    // the owner cannot apply them for a while: applied later, they must keep their stored time
    tokio::time::sleep(Duration::from_millis(1500)).await;
    proxy.restore();
    let v = wait_applied(a.http, &m, 3, 30).await;
    let trigger_at = stored_at_ms(&c.nats.url, trigger["seq"].as_u64().unwrap()).await;
    let last_at = stored_at_ms(&c.nats.url, last["seq"].as_u64().unwrap()).await;
    let entry = v["timeline"].as_array().unwrap().iter().find(|t| t["kind"] == "trigger" && t["name"] == "boss_appears").cloned();
    assert_eq!(entry.as_ref().map(|t| t["at_ms"].as_i64()), Some(Some(trigger_at)), "the trigger's time is its stored time: {v}");
    assert_eq!(v["updated_ms"].as_i64(), Some(last_at), "{v}");
    drop(a);
}

//! Issue 30's OBS targets, against the project's fake obs-websocket 5 server on 127.0.0.1
//! (`resonance_bridge::clients::obs::fake`, the real protocol with its SHA-256 authentication):
//!
//! * a goal roar (an engine's crowd event over OSC) → the director's rule → OBS switching to
//!   the replay scene, ≤ 300 ms: open loop, events scheduled 100 ms apart and latency measured
//!   from each event's scheduled time to the fake receiving its `SetCurrentProgramScene`;
//! * OBS restarting mid-stream, reconnected within 5 s with no action lost or repeated: OBS
//!   goes away for 0.3–3 s (several restarts), two scene switches, a volume and a media restart
//!   are asked for while it is away; measured from OBS listening again to the client identified,
//!   and counted: every state action's latest value applied once, superseded ones never sent, a
//!   trigger sent once when it waited less than its time to live and never otherwise.
//!
//! `cargo bench --bench bridge -- --obs` (`--quick`: fewer events and restarts).

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::{Duration, Instant};

use resonance_bridge::clients::obs::fake::FakeObs;
use resonance_bridge::clients::obs::{ObsAction, ObsClient, ObsConfig, ObsError, ObsOutcome};
use resonance_bridge::osc::{self, Inbound};
use resonance_engine::{CrowdEvent, CrowdEventKind, WhistleKind};

use super::{Row, percentile};

const PASSWORD: &str = "bench-pw";

/// The director's rules: a goal roar cuts to the replay scene.
const RULES: &str = r#"version = 1
name = "studio"
[base]
valence = 0.0
arousal = 0.0
intensity = 0.5
style = "stadium-anthem"

[[rule]]
name = "goal to replay"
on = "crowd.goal_roar"
obs = { scene = "Replay" }
"#;

/// Both rows: goal roar → scene switch, and OBS restarts.
pub async fn rows(server: &tokio::runtime::Handle, quick: bool) -> Vec<Row> {
    let fakes = tokio::runtime::Builder::new_multi_thread().worker_threads(1).thread_name("fake-obs").enable_all().build().unwrap();
    let fake = fakes.spawn(async { FakeObs::start(Some(PASSWORD)) }).await.unwrap();
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("rules")).unwrap();
    std::fs::write(dir.path().join("rules/studio.toml"), RULES).unwrap();
    let config = resonance_bridge::Config {
        listen: "127.0.0.1:0".parse().unwrap(),
        osc_listen: "127.0.0.1:0".parse().unwrap(),
        data_dir: Some(dir.path().to_path_buf()),
        default_rules: "studio".into(),
        obs: Some(ObsConfig::new(fake.addr.to_string(), Some(PASSWORD.into()))),
        ..resonance_bridge::Config::default()
    };
    let h = server.clone();
    let b = std::thread::spawn(move || h.block_on(resonance_bridge::start(config))).join().unwrap().expect("bridge starts");
    let client = b.state.inner.obs.clone().expect("--obs gives the bridge an OBS client");
    connected(&client, Duration::from_secs(10)).await.expect("the bridge connects to the fake OBS");
    let mut rows = vec![goal_to_scene(b.osc_addr, &fake, if quick { 50 } else { 300 }).await];
    rows.push(restarts(&client, &fake, &fakes, if quick { 3 } else { 10 }).await);
    super::stop_bridge(server, b);
    fakes.shutdown_background();
    rows
}

/// Waits until `client` is connected; how long that took, or `None` after `limit`.
async fn connected(client: &ObsClient, limit: Duration) -> Option<Duration> {
    let t = Instant::now();
    let mut w = client.watch_status();
    tokio::time::timeout(limit, w.wait_for(resonance_bridge::clients::obs::ObsStatus::is_connected)).await.ok()?.ok()?;
    Some(t.elapsed())
}

/// `n` goal roars from a fake engine, 100 ms apart (open loop), to the fake OBS's
/// `SetCurrentProgramScene`.
async fn goal_to_scene(osc_addr: SocketAddr, fake: &Arc<FakeObs>, n: usize) -> Row {
    let engine = tokio::net::UdpSocket::bind("127.0.0.1:0").await.unwrap();
    let send = |i: &Inbound| osc::to_datagram(osc::encode_inbound(i));
    engine.send_to(&send(&Inbound::Hello { session: "match".into(), token: None }), osc_addr).await.unwrap();
    // the hello registers the engine's session before the first event
    tokio::time::sleep(Duration::from_millis(300)).await;
    let before = fake.received("SetCurrentProgramScene").len();
    let start = Instant::now() + Duration::from_millis(50);
    let mut scheduled = Vec::with_capacity(n);
    for i in 0..n {
        let at = start + Duration::from_millis(100 * i as u64);
        tokio::time::sleep_until(at.into()).await;
        let ev = CrowdEvent {
            kind: CrowdEventKind::GoalRoar,
            onset: i as u64,
            detected: i as u64,
            confidence: 0.9,
            whistle: WhistleKind::Short,
        };
        engine.send_to(&send(&Inbound::Event(ev)), osc_addr).await.unwrap();
        scheduled.push(at);
    }
    let deadline = Instant::now() + Duration::from_secs(5);
    while fake.received("SetCurrentProgramScene").len() < before + n && Instant::now() < deadline {
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    let got: Vec<_> = fake.received("SetCurrentProgramScene").into_iter().skip(before).collect();
    let wrong = got.iter().filter(|r| r.data["sceneName"] != "Replay").count();
    // one request per event, in order (one connection): the i-th request answers the i-th event
    let mut lat: Vec<f64> = got.iter().zip(&scheduled).map(|(r, at)| r.at.saturating_duration_since(*at).as_secs_f64() * 1e3).collect();
    lat.sort_by(f64::total_cmp);
    Row {
        name: "goal roar (engine OSC event) -> director rule -> OBS SetCurrentProgramScene at the fake".into(),
        offered: "10/s".into(),
        achieved: format!("{} of {n} switches", got.len()),
        p50: percentile(&lat, 0.5),
        p95: percentile(&lat, 0.95),
        p99: percentile(&lat, 0.99),
        max: lat.last().copied().unwrap_or(f64::NAN),
        target: Some(300.0),
        note: format!(
            "{n} events 100 ms apart, open loop (latency from each event's scheduled time); {wrong} to another scene; obs-websocket 5 with authentication on loopback"
        ),
    }
}

/// `k` OBS restarts with actions asked for while OBS is away: reconnect time and the action
/// accounting.
async fn restarts(client: &ObsClient, fake: &Arc<FakeObs>, fakes: &tokio::runtime::Runtime, k: usize) -> Row {
    let ttl = ObsConfig::new("", None).trigger_ttl;
    let mut outcomes = client.outcomes();
    let (mut back, mut lost, mut repeated, mut superseded_sent, mut triggers_sent, mut triggers_expired) = (Vec::new(), 0, 0, 0, 0, 0);
    let mut never = 0;
    for i in 0..k {
        // 0.3 s to 3 s away, spread over the runs
        let down = Duration::from_millis(300 + (2700 * i as u64) / (k.max(2) as u64 - 1));
        let scenes_before = fake.received("SetCurrentProgramScene").len();
        let media_before = fake.received("TriggerMediaInputAction").len();
        let restart = {
            let fake = fake.clone();
            fakes.spawn(async move { fake.restart(down).await })
        };
        let mut w = client.watch_status();
        let _ = tokio::time::timeout(Duration::from_secs(5), w.wait_for(|s| !s.is_connected())).await;
        // asked for while OBS is away: a scene superseded by a later one, a volume, a trigger
        let target = if i % 2 == 0 { "Break" } else { "Main" };
        let first = client.act(ObsAction::Scene { scene: "Replay".into() });
        let latest = client.act(ObsAction::Scene { scene: target.into() });
        let volume_db = -10.0 - i as f32;
        let vol = client.act(ObsAction::Volume { input: "Desktop Audio".into(), db: volume_db });
        let trigger = client.act(ObsAction::MediaRestart { input: "Goal Clip".into() });
        restart.await.unwrap();
        // from OBS listening again to the client identified
        match connected(client, Duration::from_secs(10)).await {
            Some(d) => back.push(d.as_secs_f64() * 1e3),
            None => never += 1,
        }
        let ids = [first, latest, vol, trigger];
        let mut results: std::collections::HashMap<u64, Result<(), ObsError>> = std::collections::HashMap::new();
        let _ = tokio::time::timeout(Duration::from_secs(5), async {
            while ids.iter().any(|id| !results.contains_key(id)) {
                match outcomes.recv().await {
                    Ok(ObsOutcome { id, result, .. }) => {
                        if results.insert(id, result).is_some() {
                            repeated += 1;
                        }
                    }
                    Err(tokio::sync::broadcast::error::RecvError::Lagged(_)) => {}
                    Err(_) => break,
                }
            }
        })
        .await;
        let scenes: Vec<String> = fake
            .received("SetCurrentProgramScene")
            .iter()
            .skip(scenes_before)
            .map(|r| r.data["sceneName"].as_str().unwrap_or("").to_string())
            .collect();
        let media = fake.received("TriggerMediaInputAction").len() - media_before;
        let (current, volume) = {
            let s = fake.state.lock().unwrap();
            (s.current_scene.clone(), s.inputs["Desktop Audio"].volume_db)
        };
        if current != target || (volume - f64::from(volume_db)).abs() > 1e-6 || ids.iter().any(|id| !results.contains_key(id)) {
            lost += 1;
        }
        repeated += scenes.iter().filter(|s| s.as_str() == target).count().saturating_sub(1);
        superseded_sent += scenes.iter().filter(|s| s.as_str() == "Replay").count();
        match results.get(&trigger) {
            Some(Ok(())) => {
                triggers_sent += 1;
                repeated += media.saturating_sub(1);
                lost += usize::from(media == 0);
            }
            Some(Err(ObsError::Expired(_))) => {
                triggers_expired += 1;
                repeated += media;
            }
            _ => repeated += media,
        }
    }
    back.sort_by(f64::total_cmp);
    Row {
        name: "OBS restarting mid-stream (away 0.3-3 s) -> the bridge's client identified again".into(),
        offered: format!("{k} restarts"),
        achieved: format!("{} reconnected", back.len()),
        p50: percentile(&back, 0.5),
        p95: percentile(&back, 0.95),
        p99: percentile(&back, 0.99),
        max: back.last().copied().unwrap_or(f64::NAN),
        target: Some(5000.0),
        note: format!(
            "from OBS listening again; {never} never reconnected within 10 s; actions asked for while away: {lost} restarts with a state action lost, {repeated} actions repeated, {superseded_sent} superseded scenes sent; media restarts sent {triggers_sent}, expired {triggers_expired} (time to live {ttl:?}, so a trigger waiting longer is dropped, never sent late)"
        ),
    }
}

//! A fake obs-websocket v5 server on 127.0.0.1 for tests: the real protocol (subprotocol
//! `obswebsocket.json`, Hello/Identify with the SHA-256 challenge, requests, batches, events)
//! over the same `tokio-tungstenite`, holding a small OBS (scenes, inputs, hotkeys) and a log of
//! every request it received, with knobs for OBS's failure modes: a password, a restart on the
//! same port, a scene that does not exist (status 600).
//!
//! The authentication is computed here from the protocol's definition, independently of the
//! client's [`auth_response`](super::auth_response), so a mistake in one is caught by the other.

use std::collections::BTreeMap;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD as B64;
use futures_util::{SinkExt, StreamExt};
use serde_json::{Value, json};
use sha2::{Digest, Sha256};
use tokio::net::{TcpListener, TcpSocket, TcpStream};
use tokio::sync::{broadcast, watch};
use tokio::task::JoinHandle;
use tokio_tungstenite::tungstenite::Message;
use tokio_tungstenite::tungstenite::handshake::server::{ErrorResponse, Request, Response};
use tokio_tungstenite::tungstenite::protocol::CloseFrame;
use tokio_tungstenite::tungstenite::protocol::frame::coding::CloseCode;

use crate::clients::obs::SUBPROTOCOL;

/// One request the fake received.
#[derive(Clone, Debug, PartialEq)]
pub struct Received {
    pub at: Instant,
    pub request_type: String,
    pub data: Value,
}

/// One input of the fake OBS.
#[derive(Clone, Debug, PartialEq)]
pub struct FakeInput {
    pub muted: bool,
    pub volume_db: f64,
    pub settings: Value,
}

/// The fake OBS's state.
#[derive(Debug)]
pub struct FakeObsState {
    pub password: Option<String>,
    pub scenes: Vec<String>,
    pub current_scene: String,
    pub inputs: BTreeMap<String, FakeInput>,
    pub hotkeys: Vec<String>,
    /// Every request received, in order (batch members included).
    pub log: Vec<Received>,
    /// Connections identified so far.
    pub identified: u32,
}

/// A running fake.
pub struct FakeObs {
    pub addr: SocketAddr,
    pub state: Arc<Mutex<FakeObsState>>,
    events: broadcast::Sender<(u64, Value)>,
    generation: watch::Sender<u64>,
    accept: Mutex<Option<JoinHandle<()>>>,
}

impl std::fmt::Debug for FakeObs {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("FakeObs").field("addr", &self.addr).finish_non_exhaustive()
    }
}

fn bind(addr: SocketAddr) -> std::io::Result<TcpListener> {
    let s = TcpSocket::new_v4()?;
    s.set_reuseaddr(true)?;
    s.bind(addr)?;
    s.listen(64)
}

/// Event categories of the protocol (EventSubscription bits).
const SCENES: u64 = 4;
const INPUTS: u64 = 8;

impl FakeObs {
    /// Starts a fake on 127.0.0.1 (ephemeral port) with scenes `Main`, `Replay`, `Break`,
    /// inputs `Mic`, `Desktop Audio`, `Now Playing` (text), `Goal Clip` (media) and the hotkey
    /// `ReplayBuffer.Save`.
    ///
    /// Call it inside a tokio runtime (it spawns the accept task).
    ///
    /// # Panics
    /// When 127.0.0.1 has no free port.
    pub fn start(password: Option<&str>) -> Arc<Self> {
        let listener = bind("127.0.0.1:0".parse().expect("address")).expect("bind 127.0.0.1");
        let addr = listener.local_addr().expect("local address");
        let input = |settings: Value| FakeInput { muted: false, volume_db: 0.0, settings };
        let state = FakeObsState {
            password: password.map(str::to_string),
            scenes: vec!["Main".into(), "Replay".into(), "Break".into()],
            current_scene: "Main".into(),
            inputs: [
                ("Mic".to_string(), input(json!({}))),
                ("Desktop Audio".to_string(), input(json!({}))),
                ("Now Playing".to_string(), input(json!({"text": ""}))),
                ("Goal Clip".to_string(), input(json!({"local_file": "goal.mp4"}))),
            ]
            .into_iter()
            .collect(),
            hotkeys: vec!["ReplayBuffer.Save".into()],
            log: Vec::new(),
            identified: 0,
        };
        let (events, _) = broadcast::channel(256);
        let (generation, _) = watch::channel(0);
        let fake = Arc::new(Self { addr, state: Arc::new(Mutex::new(state)), events, generation, accept: Mutex::new(None) });
        fake.listen(listener);
        fake
    }

    fn listen(self: &Arc<Self>, listener: TcpListener) {
        let me = self.clone();
        let task = tokio::spawn(async move {
            while let Ok((tcp, _)) = listener.accept().await {
                let me = me.clone();
                tokio::spawn(async move { me.serve(tcp).await });
            }
        });
        *self.accept.lock().unwrap_or_else(std::sync::PoisonError::into_inner) = Some(task);
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, FakeObsState> {
        self.state.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// The request types received so far, in order.
    pub fn requests(&self) -> Vec<String> {
        self.lock().log.iter().map(|r| r.request_type.clone()).collect()
    }

    /// The requests of type `t` received so far.
    pub fn received(&self, t: &str) -> Vec<Received> {
        self.lock().log.iter().filter(|r| r.request_type == t).cloned().collect()
    }

    /// OBS restarting: closes every connection (1001 Going Away), refuses connections for
    /// `down_for`, then listens again on the same port.
    ///
    /// # Panics
    /// When the port cannot be bound again.
    pub async fn restart(self: &Arc<Self>, down_for: Duration) {
        let task = self.accept.lock().unwrap_or_else(std::sync::PoisonError::into_inner).take();
        if let Some(t) = task {
            t.abort();
            let _ = t.await;
        }
        self.generation.send_modify(|g| *g += 1);
        tokio::time::sleep(down_for).await;
        let listener = bind(self.addr).expect("bind the same port again");
        self.listen(listener);
    }

    /// Waits until `t` has been received `n` times, or panics after `secs`.
    ///
    /// # Panics
    /// When it does not happen in time.
    pub async fn wait_for(&self, t: &str, n: usize, secs: u64) -> Vec<Received> {
        let deadline = Instant::now() + Duration::from_secs(secs);
        loop {
            let got = self.received(t);
            if got.len() >= n {
                return got;
            }
            assert!(Instant::now() < deadline, "fake OBS: {t} received {} times, wanted {n}; log {:?}", got.len(), self.requests());
            tokio::time::sleep(Duration::from_millis(5)).await;
        }
    }

    async fn serve(self: Arc<Self>, tcp: TcpStream) {
        #[allow(clippy::result_large_err)] // the callback's signature is tungstenite's
        let check = |req: &Request, mut resp: Response| -> Result<Response, ErrorResponse> {
            let offered = req
                .headers()
                .get_all("sec-websocket-protocol")
                .iter()
                .filter_map(|v| v.to_str().ok())
                .any(|v| v.split(',').any(|p| p.trim() == SUBPROTOCOL));
            if !offered {
                let mut e = ErrorResponse::new(Some(format!("offer the {SUBPROTOCOL} subprotocol")));
                *e.status_mut() = axum::http::StatusCode::BAD_REQUEST;
                return Err(e);
            }
            resp.headers_mut().insert("sec-websocket-protocol", axum::http::HeaderValue::from_static(SUBPROTOCOL));
            Ok(resp)
        };
        let Ok(mut ws) = tokio_tungstenite::accept_hdr_async(tcp, check).await else { return };
        let mut generation = self.generation.subscribe();
        let (challenge, salt) = (B64.encode(rand::random::<[u8; 16]>()), B64.encode(rand::random::<[u8; 16]>()));
        let expected = self.lock().password.as_ref().map(|p| {
            let secret = B64.encode(Sha256::digest([p.as_bytes(), salt.as_bytes()].concat()));
            B64.encode(Sha256::digest([secret.as_bytes(), challenge.as_bytes()].concat()))
        });
        let mut hello = json!({"obsWebSocketVersion": "5.5.2", "obsStudioVersion": "31.0.0", "rpcVersion": 1});
        if expected.is_some() {
            hello["authentication"] = json!({"challenge": challenge, "salt": salt});
        }
        if ws.send(msg(0, &hello)).await.is_err() {
            return;
        }
        let mut events = self.events.subscribe();
        let mut subscriptions: Option<u64> = None;
        loop {
            tokio::select! {
                _ = generation.changed() => {
                    let _ = ws.close(Some(CloseFrame { code: CloseCode::Away, reason: "OBS is shutting down".into() })).await;
                    return;
                }
                ev = events.recv() => {
                    if let (Ok((category, ev)), Some(subs)) = (ev, subscriptions)
                        && subs & category != 0
                        && ws.send(msg(5, &ev)).await.is_err()
                    {
                        return;
                    }
                }
                m = ws.next() => {
                    let Some(Ok(m)) = m else { return };
                    let Message::Text(t) = m else { continue };
                    let Ok(v) = serde_json::from_str::<Value>(t.as_str()) else {
                        let _ = ws.close(Some(CloseFrame { code: CloseCode::from(4002), reason: "message is not JSON".into() })).await;
                        return;
                    };
                    let d = &v["d"];
                    let reply = match (v["op"].as_u64(), subscriptions) {
                        (Some(1), None) => {
                            let given = d["authentication"].as_str();
                            if expected.as_deref().is_some_and(|e| given != Some(e)) {
                                let _ = ws.close(Some(CloseFrame { code: CloseCode::from(4009), reason: "Authentication failed.".into() })).await;
                                return;
                            }
                            subscriptions = Some(d["eventSubscriptions"].as_u64().unwrap_or(2047));
                            self.lock().identified += 1;
                            msg(2, &json!({"negotiatedRpcVersion": 1}))
                        }
                        (Some(1), Some(_)) => {
                            let _ = ws.close(Some(CloseFrame { code: CloseCode::from(4008), reason: "Already identified.".into() })).await;
                            return;
                        }
                        (_, None) => {
                            let _ = ws.close(Some(CloseFrame { code: CloseCode::from(4007), reason: "Not identified.".into() })).await;
                            return;
                        }
                        (Some(6), Some(_)) => {
                            let t = d["requestType"].as_str().unwrap_or_default();
                            let (status, data) = self.handle(t, &d["requestData"]);
                            let mut r = json!({"requestType": t, "requestId": d["requestId"], "requestStatus": status});
                            if let Some(data) = data {
                                r["responseData"] = data;
                            }
                            msg(7, &r)
                        }
                        (Some(8), Some(_)) => msg(9, &self.batch(d)),
                        _ => {
                            let _ = ws.close(Some(CloseFrame { code: CloseCode::from(4006), reason: "Unknown op code.".into() })).await;
                            return;
                        }
                    };
                    if ws.send(reply).await.is_err() {
                        return;
                    }
                }
            }
        }
    }

    fn batch(&self, d: &Value) -> Value {
        let halt = d["haltOnFailure"].as_bool().unwrap_or(false);
        let mut results = Vec::new();
        for r in d["requests"].as_array().map(Vec::as_slice).unwrap_or_default() {
            let t = r["requestType"].as_str().unwrap_or_default();
            let (status, data) = self.handle(t, &r["requestData"]);
            let failed = status["result"] == false;
            let mut out = json!({"requestType": t, "requestStatus": status});
            if let Some(id) = r.get("requestId") {
                out["requestId"] = id.clone();
            }
            if let Some(data) = data {
                out["responseData"] = data;
            }
            results.push(out);
            if failed && halt {
                break;
            }
        }
        json!({"requestId": d["requestId"], "results": results})
    }

    /// One request: (requestStatus, responseData).
    fn handle(&self, t: &str, data: &Value) -> (Value, Option<Value>) {
        let ok = json!({"result": true, "code": 100});
        let not_found =
            |what: &str| json!({"result": false, "code": 600, "comment": format!("No source was found by the name of `{what}`.")});
        let mut s = self.lock();
        s.log.push(Received { at: Instant::now(), request_type: t.to_string(), data: data.clone() });
        let name = |k: &str| data[k].as_str().unwrap_or_default().to_string();
        match t {
            "GetVersion" => (ok, Some(json!({"obsVersion": "31.0.0", "obsWebSocketVersion": "5.5.2", "rpcVersion": 1}))),
            "GetSceneList" => {
                let scenes: Vec<Value> = s.scenes.iter().enumerate().map(|(i, n)| json!({"sceneName": n, "sceneIndex": i})).collect();
                (ok, Some(json!({"currentProgramSceneName": s.current_scene, "scenes": scenes})))
            }
            "GetInputList" => {
                let inputs: Vec<Value> = s.inputs.keys().map(|n| json!({"inputName": n})).collect();
                (ok, Some(json!({"inputs": inputs})))
            }
            "SetCurrentProgramScene" => {
                let scene = name("sceneName");
                if !s.scenes.contains(&scene) {
                    return (not_found(&scene), None);
                }
                s.current_scene.clone_from(&scene);
                let _ = self.events.send((
                    SCENES,
                    json!({"eventType": "CurrentProgramSceneChanged", "eventIntent": SCENES, "eventData": {"sceneName": scene}}),
                ));
                (ok, None)
            }
            "SetInputMute" | "SetInputVolume" | "SetInputSettings" | "GetInputMute" | "GetInputVolume" | "TriggerMediaInputAction" => {
                let input = name("inputName");
                let Some(i) = s.inputs.get_mut(&input) else { return (not_found(&input), None) };
                match t {
                    "SetInputMute" => {
                        i.muted = data["inputMuted"].as_bool().unwrap_or(false);
                        let _ = self.events.send((INPUTS, json!({"eventType": "InputMuteStateChanged", "eventIntent": INPUTS, "eventData": {"inputName": input, "inputMuted": i.muted}})));
                        (ok, None)
                    }
                    "SetInputVolume" => {
                        i.volume_db = data["inputVolumeDb"].as_f64().unwrap_or(0.0);
                        (ok, None)
                    }
                    "SetInputSettings" => {
                        if let (Some(into), Some(from)) = (i.settings.as_object_mut(), data["inputSettings"].as_object()) {
                            into.extend(from.clone());
                        }
                        (ok, None)
                    }
                    "GetInputMute" => (ok, Some(json!({"inputMuted": i.muted}))),
                    "GetInputVolume" => (ok, Some(json!({"inputVolumeDb": i.volume_db}))),
                    _ => (ok, None),
                }
            }
            "TriggerHotkeyByName" => {
                let h = name("hotkeyName");
                if s.hotkeys.contains(&h) { (ok, None) } else { (not_found(&h), None) }
            }
            _ => (json!({"result": false, "code": 204, "comment": format!("Your request type `{t}` is not valid.")}), None),
        }
    }
}

fn msg(op: u8, d: &Value) -> Message {
    Message::text(json!({"op": op, "d": d}).to_string())
}

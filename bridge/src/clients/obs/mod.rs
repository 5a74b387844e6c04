//! An obs-websocket v5 client (OBS Studio 28 and later): the actions the director's rules and
//! the copyright guard take in OBS, written over the `tokio-tungstenite` the bridge already
//! uses (decision record 0046: the `obws` crate would add a second WebSocket stack).
//!
//! The protocol (obs-websocket 5.x, subprotocol `obswebsocket.json`): the server says `Hello`
//! (op 0, with `authentication: {challenge, salt}` when a password is set), the client answers
//! `Identify` (op 1, `authentication = base64(sha256(base64(sha256(password ‖ salt)) ‖
//! challenge))`), the server confirms with `Identified` (op 2) or closes with 4009 on a wrong
//! password. Then `Request` (op 6) / `RequestResponse` (op 7) by request id, `RequestBatch`
//! (op 8) / `RequestBatchResponse` (op 9), and `Event`s (op 5).
//!
//! [`ObsClient::spawn`] starts a supervisor task that connects, identifies and reconnects with
//! backoff (250 ms, 500 ms, then every second; after a refused password every 30 s) and shows
//! where it stands in [`ObsStatus`]. Actions ([`ObsAction`]) go through a bounded outbox, each
//! with an id, and each ends in one [`ObsOutcome`]:
//! * **state actions** (scene, mute, volume, text) keep only the latest value per target while
//!   OBS is away and are sent once it is back; one whose answer was lost to a disconnect is sent
//!   again (setting the same value twice is not a visible repeat);
//! * **trigger actions** (media restart, hotkey) are sent at most once: one waiting longer than
//!   [`ObsConfig::trigger_ttl`] is dropped as expired (a replay cue ten seconds late is wrong),
//!   and one whose answer was lost is reported as `unknown`, never sent again.
//!
//! A request OBS answers with status 600 (ResourceNotFound) becomes an error naming the scene or
//! input that does not exist; it is logged, never retried. The fake server for tests is in
//! [`fake`].

pub mod fake;

use std::collections::{HashMap, VecDeque};
use std::time::Duration;

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD as B64;
use futures_util::{SinkExt, StreamExt};
use serde::Serialize;
use serde_json::{Value, json};
use sha2::{Digest, Sha256};
use tokio::sync::{broadcast, mpsc, oneshot, watch};
use tokio::time::Instant;
use tokio_tungstenite::tungstenite::Message;
use tokio_tungstenite::tungstenite::client::IntoClientRequest;
use tokio_tungstenite::tungstenite::protocol::frame::coding::CloseCode;

/// The WebSocket subprotocol obs-websocket 5 speaks.
pub const SUBPROTOCOL: &str = "obswebsocket.json";

/// Event subscriptions asked for: General (1), Scenes (4), Inputs (8).
pub const EVENT_SUBSCRIPTIONS: u64 = 1 | 4 | 8;

/// Close code of a refused password.
pub const CLOSE_AUTH_FAILED: u16 = 4009;

/// Most actions waiting in the outbox; beyond it the oldest is dropped (reported).
pub const OUTBOX: usize = 256;

/// Where OBS is and how to talk to it (its `Debug` never shows the password).
#[derive(Clone)]
pub struct ObsConfig {
    /// `host:port` of OBS's WebSocket server (OBS › Tools › WebSocket Server Settings; 4455).
    pub addr: String,
    /// The server password, if authentication is on.
    pub password: Option<String>,
    /// Longest wait for the connection and the Hello/Identify exchange.
    pub connect_timeout: Duration,
    /// Longest a trigger action (media restart, hotkey) waits for OBS before it is dropped.
    pub trigger_ttl: Duration,
}

impl std::fmt::Debug for ObsConfig {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ObsConfig")
            .field("addr", &self.addr)
            .field("password", &self.password.as_ref().map(|_| "<set>"))
            .field("connect_timeout", &self.connect_timeout)
            .field("trigger_ttl", &self.trigger_ttl)
            .finish()
    }
}

impl ObsConfig {
    /// A config for `addr` with the default timeouts.
    pub fn new(addr: impl Into<String>, password: Option<String>) -> Self {
        Self { addr: addr.into(), password, connect_timeout: Duration::from_secs(3), trigger_ttl: Duration::from_secs(2) }
    }
}

/// One thing to do in OBS.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(tag = "action", rename_all = "snake_case")]
pub enum ObsAction {
    /// Switch the program scene.
    Scene { scene: String },
    /// Mute or unmute an input.
    Mute { input: String, muted: bool },
    /// Set an input's volume in dB (0 = unity, −100 = silent).
    Volume { input: String, db: f32 },
    /// Set a text source's text.
    Text { input: String, text: String },
    /// Restart a media source from its beginning.
    MediaRestart { input: String },
    /// Trigger a hotkey by its OBS name (e.g. `ReplayBuffer.Save`).
    Hotkey { hotkey: String },
}

impl ObsAction {
    /// The obs-websocket request type and data.
    pub fn request(&self) -> (&'static str, Value) {
        match self {
            Self::Scene { scene } => ("SetCurrentProgramScene", json!({"sceneName": scene})),
            Self::Mute { input, muted } => ("SetInputMute", json!({"inputName": input, "inputMuted": muted})),
            Self::Volume { input, db } => ("SetInputVolume", json!({"inputName": input, "inputVolumeDb": db})),
            Self::Text { input, text } => {
                ("SetInputSettings", json!({"inputName": input, "inputSettings": {"text": text}, "overlay": true}))
            }
            Self::MediaRestart { input } => {
                ("TriggerMediaInputAction", json!({"inputName": input, "mediaAction": "OBS_WEBSOCKET_MEDIA_INPUT_ACTION_RESTART"}))
            }
            Self::Hotkey { hotkey } => ("TriggerHotkeyByName", json!({"hotkeyName": hotkey})),
        }
    }

    /// What the action names, for errors: `scene "Replay"`, `input "Mic"`, `hotkey "X"`.
    pub fn target(&self) -> String {
        match self {
            Self::Scene { scene } => format!("scene {scene:?}"),
            Self::Mute { input, .. } | Self::Volume { input, .. } | Self::Text { input, .. } | Self::MediaRestart { input } => {
                format!("input {input:?}")
            }
            Self::Hotkey { hotkey } => format!("hotkey {hotkey:?}"),
        }
    }

    /// The key under which a state action replaces an earlier one; `None` for triggers.
    fn state_key(&self) -> Option<String> {
        match self {
            Self::Scene { .. } => Some("scene".into()),
            Self::Mute { input, .. } => Some(format!("mute/{input}")),
            Self::Volume { input, .. } => Some(format!("volume/{input}")),
            Self::Text { input, .. } => Some(format!("text/{input}")),
            Self::MediaRestart { .. } | Self::Hotkey { .. } => None,
        }
    }
}

/// Where the connection to OBS stands.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(tag = "state", rename_all = "snake_case")]
pub enum ObsStatus {
    /// Connecting (attempt 1, 2, …).
    Connecting { attempt: u32 },
    /// Identified: requests go through.
    Connected { obs_version: String, websocket_version: String },
    /// OBS refused the password (close 4009); retried every 30 s.
    AuthFailed { message: String },
    /// OBS could not be reached or closed the connection.
    Unreachable { why: String },
}

impl ObsStatus {
    pub fn is_connected(&self) -> bool {
        matches!(self, Self::Connected { .. })
    }
}

/// Why a request or an action failed.
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
pub enum ObsError {
    #[error("OBS is not connected ({0})")]
    NotConnected(String),
    #[error("OBS has no {0}; check the name in OBS (names are case-sensitive)")]
    NotFound(String),
    #[error("OBS refused {request}: status {code}{comment}")]
    Refused { request: String, code: i64, comment: String },
    #[error("the connection to OBS dropped before it answered; the outcome is unknown and the action is not repeated")]
    Unknown,
    #[error("dropped: waited longer than {0:?} for OBS")]
    Expired(Duration),
    #[error("dropped: more than {OUTBOX} actions waiting for OBS")]
    Overflow,
}

/// How one action ended.
#[derive(Clone, Debug, PartialEq)]
pub struct ObsOutcome {
    pub id: u64,
    pub action: ObsAction,
    pub result: Result<(), ObsError>,
}

/// An OBS event (op 5).
#[derive(Clone, Debug, PartialEq)]
pub struct ObsEvent {
    pub event_type: String,
    pub data: Value,
}

/// One result of a batch.
#[derive(Clone, Debug, PartialEq)]
pub struct BatchResult {
    pub request_type: String,
    pub result: Result<Value, ObsError>,
}

enum Cmd {
    Act(u64, ObsAction),
    Call { request_type: String, data: Value, reply: oneshot::Sender<Result<Value, ObsError>> },
    Batch { requests: Vec<(String, Value)>, halt_on_failure: bool, reply: oneshot::Sender<Result<Vec<BatchResult>, ObsError>> },
}

/// Handle to the OBS connection (cheap to clone); the supervisor task ends when every handle is
/// dropped.
#[derive(Clone, Debug)]
pub struct ObsClient {
    tx: mpsc::Sender<Cmd>,
    status: watch::Receiver<ObsStatus>,
    outcomes: broadcast::Sender<ObsOutcome>,
    events: broadcast::Sender<ObsEvent>,
    next_id: std::sync::Arc<std::sync::atomic::AtomicU64>,
}

impl std::fmt::Debug for Cmd {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Cmd")
    }
}

impl ObsClient {
    /// Starts the supervisor for `config` (on the current tokio runtime).
    pub fn spawn(config: ObsConfig) -> Self {
        let (tx, rx) = mpsc::channel(OUTBOX);
        let (status_tx, status) = watch::channel(ObsStatus::Connecting { attempt: 1 });
        let (outcomes, _) = broadcast::channel(1024);
        let (events, _) = broadcast::channel(1024);
        let sup = Supervisor {
            config,
            rx,
            status: status_tx,
            outcomes: outcomes.clone(),
            events: events.clone(),
            outbox: VecDeque::new(),
            next_request: 0,
        };
        tokio::spawn(sup.run());
        Self { tx, status, outcomes, events, next_id: std::sync::Arc::new(std::sync::atomic::AtomicU64::new(1)) }
    }

    /// Queues an action; returns its id (its [`ObsOutcome`] carries the same id). Never waits:
    /// when the command channel is full the action is reported as [`ObsError::Overflow`].
    pub fn act(&self, action: ObsAction) -> u64 {
        let id = self.next_id.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        if self.tx.try_send(Cmd::Act(id, action.clone())).is_err() {
            let _ = self.outcomes.send(ObsOutcome { id, action, result: Err(ObsError::Overflow) });
        }
        id
    }

    /// One request, answered with its `responseData` (`{}` when none). Fails at once when OBS
    /// is not connected.
    ///
    /// # Errors
    /// [`ObsError`] saying what OBS answered or why there was no answer.
    pub async fn call(&self, request_type: &str, data: Value) -> Result<Value, ObsError> {
        let (reply, rx) = oneshot::channel();
        self.tx
            .send(Cmd::Call { request_type: request_type.to_string(), data, reply })
            .await
            .map_err(|_| ObsError::NotConnected("client stopped".into()))?;
        rx.await.unwrap_or(Err(ObsError::Unknown))
    }

    /// A batch of requests run one after another by OBS (execution type 0, serial realtime).
    ///
    /// # Errors
    /// [`ObsError`] when the batch as a whole got no answer; each request's own result is in
    /// the list.
    pub async fn batch(&self, requests: Vec<(String, Value)>, halt_on_failure: bool) -> Result<Vec<BatchResult>, ObsError> {
        let (reply, rx) = oneshot::channel();
        self.tx.send(Cmd::Batch { requests, halt_on_failure, reply }).await.map_err(|_| ObsError::NotConnected("client stopped".into()))?;
        rx.await.unwrap_or(Err(ObsError::Unknown))
    }

    /// The connection's state now.
    pub fn status(&self) -> ObsStatus {
        self.status.borrow().clone()
    }

    /// A receiver of status changes.
    pub fn watch_status(&self) -> watch::Receiver<ObsStatus> {
        self.status.clone()
    }

    /// Every action's outcome, as it happens.
    pub fn outcomes(&self) -> broadcast::Receiver<ObsOutcome> {
        self.outcomes.subscribe()
    }

    /// OBS's events (General, Scenes, Inputs).
    pub fn events(&self) -> broadcast::Receiver<ObsEvent> {
        self.events.subscribe()
    }
}

/// The `authentication` string of an Identify: `base64(sha256(secret ‖ challenge))` with
/// `secret = base64(sha256(password ‖ salt))`.
pub fn auth_response(password: &str, salt: &str, challenge: &str) -> String {
    let secret = B64.encode(Sha256::digest(format!("{password}{salt}").as_bytes()));
    B64.encode(Sha256::digest(format!("{secret}{challenge}").as_bytes()))
}

type Ws = tokio_tungstenite::WebSocketStream<tokio_tungstenite::MaybeTlsStream<tokio::net::TcpStream>>;

struct Queued {
    id: u64,
    action: ObsAction,
    at: Instant,
}

enum Pending {
    Act(Queued),
    Call(oneshot::Sender<Result<Value, ObsError>>),
    Batch(oneshot::Sender<Result<Vec<BatchResult>, ObsError>>),
}

enum ConnectError {
    Auth(String),
    Other(String),
}

struct Supervisor {
    config: ObsConfig,
    rx: mpsc::Receiver<Cmd>,
    status: watch::Sender<ObsStatus>,
    outcomes: broadcast::Sender<ObsOutcome>,
    events: broadcast::Sender<ObsEvent>,
    outbox: VecDeque<Queued>,
    next_request: u64,
}

/// Backoff before connection attempt `attempt` (2, 3, …).
fn backoff(attempt: u32) -> Duration {
    match attempt {
        0..=2 => Duration::from_millis(250),
        3 => Duration::from_millis(500),
        _ => Duration::from_secs(1),
    }
}

fn status_error(request: &str, target: Option<&str>, status: &Value) -> ObsError {
    let code = status["code"].as_i64().unwrap_or(0);
    let comment = status["comment"].as_str().unwrap_or_default();
    if code == 600 {
        return ObsError::NotFound(target.map_or_else(|| format!("resource for {request} ({comment})"), str::to_string));
    }
    ObsError::Refused {
        request: request.to_string(),
        code,
        comment: if comment.is_empty() { String::new() } else { format!(" ({comment})") },
    }
}

impl Supervisor {
    async fn run(mut self) {
        let mut attempt = 1u32;
        loop {
            self.status.send_replace(ObsStatus::Connecting { attempt });
            let wait = match self.connect().await {
                Ok((ws, obs_version, websocket_version)) => {
                    attempt = 1;
                    tracing::info!("OBS {obs_version} connected (obs-websocket {websocket_version}) at {}", self.config.addr);
                    self.status.send_replace(ObsStatus::Connected { obs_version, websocket_version });
                    let Some(why) = self.session(ws).await else { return };
                    tracing::warn!("OBS at {}: {why}; reconnecting", self.config.addr);
                    self.status.send_replace(ObsStatus::Unreachable { why });
                    backoff(attempt)
                }
                Err(ConnectError::Auth(message)) => {
                    tracing::warn!("OBS at {}: {message}", self.config.addr);
                    self.status.send_replace(ObsStatus::AuthFailed { message });
                    Duration::from_secs(30)
                }
                Err(ConnectError::Other(why)) => {
                    self.status.send_replace(ObsStatus::Unreachable { why });
                    backoff(attempt + 1)
                }
            };
            attempt += 1;
            if !self.wait_offline(wait).await {
                return;
            }
        }
    }

    /// Waits `d` while OBS is away: queues actions, refuses calls. `false` when every handle
    /// is gone.
    async fn wait_offline(&mut self, d: Duration) -> bool {
        let until = Instant::now() + d;
        loop {
            tokio::select! {
                () = tokio::time::sleep_until(until) => return true,
                cmd = self.rx.recv() => match cmd {
                    None => return false,
                    Some(cmd) => self.offline(cmd),
                },
            }
        }
    }

    fn offline(&mut self, cmd: Cmd) {
        let why = match &*self.status.borrow() {
            ObsStatus::AuthFailed { message } => message.clone(),
            ObsStatus::Unreachable { why } => why.clone(),
            s => format!("{s:?}"),
        };
        match cmd {
            Cmd::Act(id, action) => self.enqueue(Queued { id, action, at: Instant::now() }),
            Cmd::Call { reply, .. } => {
                let _ = reply.send(Err(ObsError::NotConnected(why)));
            }
            Cmd::Batch { reply, .. } => {
                let _ = reply.send(Err(ObsError::NotConnected(why)));
            }
        }
    }

    fn report(&self, q: Queued, result: Result<(), ObsError>) {
        if let Err(e) = &result {
            tracing::warn!("OBS action {} ({}): {e}", q.id, q.action.target());
        }
        let _ = self.outcomes.send(ObsOutcome { id: q.id, action: q.action, result });
    }

    /// Queues an action for the next connection: a state action replaces a waiting one for
    /// the same target (reported as superseded by it).
    fn enqueue(&mut self, q: Queued) {
        if let Some(k) = q.action.state_key()
            && let Some(i) = self.outbox.iter().position(|o| o.action.state_key().as_ref() == Some(&k))
            && let Some(old) = self.outbox.remove(i)
        {
            let _ = self.outcomes.send(ObsOutcome { id: old.id, action: old.action, result: Ok(()) });
        }
        if self.outbox.len() >= OUTBOX
            && let Some(old) = self.outbox.pop_front()
        {
            self.report(old, Err(ObsError::Overflow));
        }
        self.outbox.push_back(q);
    }

    async fn connect(&mut self) -> Result<(Ws, String, String), ConnectError> {
        let t = self.config.connect_timeout;
        match tokio::time::timeout(t, self.handshake()).await {
            Ok(r) => r,
            Err(_) => Err(ConnectError::Other(format!("OBS at {} did not complete the handshake within {t:?}", self.config.addr))),
        }
    }

    async fn handshake(&mut self) -> Result<(Ws, String, String), ConnectError> {
        let addr = &self.config.addr;
        let mut req = format!("ws://{addr}")
            .into_client_request()
            .map_err(|e| ConnectError::Other(format!("bad OBS address {addr:?}: {e}; give host:port, e.g. 127.0.0.1:4455")))?;
        req.headers_mut().insert("Sec-WebSocket-Protocol", axum::http::HeaderValue::from_static(SUBPROTOCOL));
        let (mut ws, _) = tokio_tungstenite::connect_async(req).await.map_err(|e| {
            ConnectError::Other(format!(
                "OBS is not reachable at {addr} ({e}); is OBS running with Tools › WebSocket Server Settings › Enable?"
            ))
        })?;
        let hello = read_op(&mut ws, 0).await?;
        let mut identify = json!({"rpcVersion": 1, "eventSubscriptions": EVENT_SUBSCRIPTIONS});
        if let Some(auth) = hello.get("authentication") {
            let Some(password) = &self.config.password else {
                return Err(ConnectError::Auth(
                    "OBS asks for a password; set the one from Tools › WebSocket Server Settings with --obs-password-file".into(),
                ));
            };
            let (salt, challenge) = (auth["salt"].as_str().unwrap_or_default(), auth["challenge"].as_str().unwrap_or_default());
            identify["authentication"] = Value::String(auth_response(password, salt, challenge));
        }
        send(&mut ws, 1, identify).await.map_err(ConnectError::Other)?;
        read_op(&mut ws, 2).await?;
        let mut obs_version = hello["obsStudioVersion"].as_str().unwrap_or("?").to_string();
        if hello.get("obsStudioVersion").is_none() {
            // obs-websocket before 5.5 (OBS 29, Debian's) does not say OBS's version in Hello.
            send(&mut ws, 6, json!({"requestType": "GetVersion", "requestId": "hello-version"})).await.map_err(ConnectError::Other)?;
            let r = read_op(&mut ws, 7).await?;
            if let Some(v) = r["responseData"]["obsVersion"].as_str() {
                obs_version = v.to_string();
            }
        }
        let websocket_version = hello["obsWebSocketVersion"].as_str().unwrap_or("?").to_string();
        Ok((ws, obs_version, websocket_version))
    }

    fn request_id(&mut self) -> String {
        self.next_request += 1;
        format!("r{}", self.next_request)
    }

    /// Sends every action waiting (dropping expired triggers) on a fresh connection.
    async fn flush(&mut self, ws: &mut Ws, pending: &mut HashMap<String, Pending>) -> Result<(), String> {
        while let Some(q) = self.outbox.pop_front() {
            if q.action.state_key().is_none() && q.at.elapsed() > self.config.trigger_ttl {
                self.report(q, Err(ObsError::Expired(self.config.trigger_ttl)));
                continue;
            }
            let rid = self.request_id();
            let (t, data) = q.action.request();
            let sent = send(ws, 6, json!({"requestType": t, "requestId": rid, "requestData": data})).await;
            pending.insert(rid, Pending::Act(q));
            sent?;
        }
        Ok(())
    }

    /// Runs one identified connection. `Some(why)` when it ended, `None` when every handle
    /// is gone.
    async fn session(&mut self, mut ws: Ws) -> Option<String> {
        let mut pending: HashMap<String, Pending> = HashMap::new();
        let why = match self.flush(&mut ws, &mut pending).await {
            Err(e) => e,
            Ok(()) => loop {
                tokio::select! {
                    cmd = self.rx.recv() => {
                        let Some(cmd) = cmd else {
                            let _ = ws.close(None).await;
                            return None;
                        };
                        if let Err(e) = self.online(&mut ws, &mut pending, cmd).await {
                            break e;
                        }
                    }
                    msg = ws.next() => match msg {
                        Some(Ok(Message::Text(t))) => self.incoming(t.as_str(), &mut pending),
                        Some(Ok(Message::Close(f))) => {
                            break f.map_or_else(|| "OBS closed the connection".to_string(), |f| {
                                format!("OBS closed the connection ({} {})", u16::from(f.code), f.reason)
                            });
                        }
                        Some(Ok(_)) => {}
                        Some(Err(e)) => break format!("connection lost: {e}"),
                        None => break "connection lost".to_string(),
                    },
                }
            },
        };
        // What was sent and not answered: state actions go back to the outbox, triggers are
        // reported unknown (never sent twice), calls fail.
        let mut lost: Vec<(String, Pending)> = pending.into_iter().collect();
        lost.sort_by_key(|(rid, _)| rid.trim_start_matches('r').parse::<u64>().unwrap_or(0));
        for (_, p) in lost.into_iter().rev() {
            match p {
                Pending::Act(q) if q.action.state_key().is_some() => self.outbox.push_front(q),
                Pending::Act(q) => self.report(q, Err(ObsError::Unknown)),
                Pending::Call(reply) => {
                    let _ = reply.send(Err(ObsError::Unknown));
                }
                Pending::Batch(reply) => {
                    let _ = reply.send(Err(ObsError::Unknown));
                }
            }
        }
        Some(why)
    }

    async fn online(&mut self, ws: &mut Ws, pending: &mut HashMap<String, Pending>, cmd: Cmd) -> Result<(), String> {
        let rid = self.request_id();
        let (op, d, p) = match cmd {
            Cmd::Act(id, action) => {
                let (t, data) = action.request();
                (
                    6,
                    json!({"requestType": t, "requestId": rid, "requestData": data}),
                    Pending::Act(Queued { id, action, at: Instant::now() }),
                )
            }
            Cmd::Call { request_type, data, reply } => {
                (6, json!({"requestType": request_type, "requestId": rid, "requestData": data}), Pending::Call(reply))
            }
            Cmd::Batch { requests, halt_on_failure, reply } => {
                let requests: Vec<Value> = requests.into_iter().map(|(t, d)| json!({"requestType": t, "requestData": d})).collect();
                (
                    8,
                    json!({"requestId": rid, "haltOnFailure": halt_on_failure, "executionType": 0, "requests": requests}),
                    Pending::Batch(reply),
                )
            }
        };
        let sent = send(ws, op, d).await;
        pending.insert(rid, p);
        sent
    }

    fn incoming(&mut self, text: &str, pending: &mut HashMap<String, Pending>) {
        let Ok(v) = serde_json::from_str::<Value>(text) else {
            tracing::warn!("OBS sent a message that is not JSON; ignored");
            return;
        };
        let d = &v["d"];
        match v["op"].as_u64() {
            Some(5) => {
                let _ = self.events.send(ObsEvent {
                    event_type: d["eventType"].as_str().unwrap_or_default().to_string(),
                    data: d.get("eventData").cloned().unwrap_or(Value::Null),
                });
            }
            Some(7) => {
                let Some(p) = d["requestId"].as_str().and_then(|r| pending.remove(r)) else { return };
                let ok = d["requestStatus"]["result"].as_bool() == Some(true);
                let t = d["requestType"].as_str().unwrap_or_default();
                match p {
                    Pending::Act(q) => {
                        let r = if ok { Ok(()) } else { Err(status_error(t, Some(&q.action.target()), &d["requestStatus"])) };
                        self.report(q, r);
                    }
                    Pending::Call(reply) => {
                        let r = if ok {
                            Ok(d.get("responseData").cloned().unwrap_or_else(|| json!({})))
                        } else {
                            Err(status_error(t, None, &d["requestStatus"]))
                        };
                        let _ = reply.send(r);
                    }
                    Pending::Batch(reply) => {
                        let _ = reply.send(Err(ObsError::Refused {
                            request: t.into(),
                            code: 0,
                            comment: " (answered as a single request)".into(),
                        }));
                    }
                }
            }
            Some(9) => {
                let Some(Pending::Batch(reply)) = d["requestId"].as_str().and_then(|r| pending.remove(r)) else { return };
                let results = d["results"]
                    .as_array()
                    .map(|rs| {
                        rs.iter()
                            .map(|r| {
                                let t = r["requestType"].as_str().unwrap_or_default().to_string();
                                let result = if r["requestStatus"]["result"].as_bool() == Some(true) {
                                    Ok(r.get("responseData").cloned().unwrap_or_else(|| json!({})))
                                } else {
                                    Err(status_error(&t, None, &r["requestStatus"]))
                                };
                                BatchResult { request_type: t, result }
                            })
                            .collect()
                    })
                    .unwrap_or_default();
                let _ = reply.send(Ok(results));
            }
            _ => {}
        }
    }
}

async fn send(ws: &mut Ws, op: u8, d: Value) -> Result<(), String> {
    ws.send(Message::text(json!({"op": op, "d": d}).to_string())).await.map_err(|e| format!("connection lost: {e}"))
}

/// Reads messages until one with `op`; a close before it is an error (4009: the password).
async fn read_op(ws: &mut Ws, op: u64) -> Result<Value, ConnectError> {
    loop {
        match ws.next().await {
            Some(Ok(Message::Text(t))) => {
                let v: Value = serde_json::from_str(t.as_str())
                    .map_err(|e| ConnectError::Other(format!("OBS sent a message that is not JSON: {e}")))?;
                if v["op"].as_u64() == Some(op) {
                    return Ok(v["d"].clone());
                }
            }
            Some(Ok(Message::Close(Some(f)))) if f.code == CloseCode::from(CLOSE_AUTH_FAILED) => {
                return Err(ConnectError::Auth(
                    "OBS refused the password (close 4009); set the one from Tools › WebSocket Server Settings with --obs-password-file"
                        .into(),
                ));
            }
            Some(Ok(Message::Close(f))) => {
                let why = f.map_or_else(String::new, |f| format!(" ({} {})", u16::from(f.code), f.reason));
                return Err(ConnectError::Other(format!("OBS closed the connection during the handshake{why}")));
            }
            Some(Ok(_)) => {}
            Some(Err(e)) => return Err(ConnectError::Other(format!("connection lost during the handshake: {e}"))),
            None => return Err(ConnectError::Other("connection lost during the handshake".into())),
        }
    }
}

//! Cluster mode at work: accepting telemetry for any match, owning matches through leases,
//! directing each owned match from its input stream, and fanning WebSocket frames out to
//! every bridge.
//!
//! * [`submit`]: HTTP telemetry is validated by the bridge that receives it and published to
//!   the match's subject with a message id (the client's `Idempotency-Key`, else a random
//!   one); the client is answered once JetStream has stored it (the publish ack), so an
//!   acknowledged update is in the stream whatever bridge dies next.
//! * [`run`]: connects, keeps three watchers (leases, members, matches) and the lease loop:
//!   every 100 ms it renews the leases it holds (every 400 ms each), drops those it can no
//!   longer prove (lost, or not renewed within the TTL minus a margin), takes expired or
//!   released leases up to its fair share (any lease orphaned for longer than the TTL plus a
//!   second, whatever the share), and hands one lease a second over while above its share.
//! * A match's director task claims the match in PostgreSQL with the lease's epoch, loads the
//!   state and the last applied input sequence, (re)creates the match's durable consumer to
//!   start just after it, and applies the input in stream order, in batches: what the consumer
//!   has delivered when the director is free (up to [`BATCH_MAX`] messages) is applied in
//!   order, the state after it is written with the batch's last sequence under the epoch,
//!   with the stingers it fired, in the bridge's group commit (the committer task writes every
//!   waiting match's batch in one PostgreSQL statement; decision record 0099), then the
//!   effects go out (WebSocket frames, commands and stingers to engines), then the batch is
//!   acked with one ack (the consumer acks all up to a message). An input seen again
//!   (redelivered, or replayed by a new owner) is skipped by its sequence; an owner fenced out
//!   by a later epoch stops. Effects follow the commit, so a crash between the two loses an
//!   effect rather than repeating it: a stinger fires at most once per input.
//! * [`submit_osc`] and the publisher task: engine reports and OSC telemetry received by this
//!   bridge go to their match's stream, what one engine reports for a match within
//!   [`COALESCE_WINDOW`] as one message (an OSC bundle; [`coalesce`], decision record 0084).
//!   The owner applies each input at the time JetStream stored it (`crate::clock::at`, decision
//!   record 0085), so no bridge's own clock enters a match's state.
//! * Frames for sessions go out on core NATS (`resonance.ws.<match>`) instead of the local
//!   ring; every bridge subscribes to all of them and feeds its own WebSocket clients.

use std::collections::HashMap;
use std::hash::{Hash as _, Hasher as _};
use std::sync::Arc;
use std::sync::atomic::Ordering::{Relaxed, SeqCst};
use std::time::{Duration, Instant};

use async_nats::jetstream::consumer::{AckPolicy, DeliverPolicy, pull};
use async_nats::jetstream::message::PublishMessage;
use axum::body::Bytes;
use axum::extract::ws::Utf8Bytes;
use axum::http::StatusCode;
use futures_util::{FutureExt as _, StreamExt as _};
use resonance_engine::Cue;
use serde_json::{Value, json};
use tokio::sync::{Mutex, OwnedMutexGuard, mpsc, oneshot, watch};

use crate::cluster::link::{LEASE_TTL, LeaseError, Link, OscInput, Owned, RENEW_EVERY, consumer_name, redact, subject_in};
use crate::cluster::store::{Applied, Batch, Claim, Commit, Resume};
use crate::director::step::Decision;
use crate::error::AppError;
use crate::osc::Inbound;
use crate::state::{AppState, Frame, SessionEntry};
use crate::telemetry::control::{ControlRequest, parse_control};
use crate::telemetry::validate::{TelemetryUpdate, validate_json};

/// How often the lease loop runs.
const TICK: Duration = Duration::from_millis(100);
/// A match without a live lease for this long is taken whatever the fair share.
const ORPHAN: Duration = Duration::from_secs(1);
/// Bridges hand leases over (above their share) at most this often, and not before this long
/// after they start (the members bucket must be known first).
const REBALANCE_EVERY: Duration = Duration::from_secs(1);
const REBALANCE_AFTER: Duration = Duration::from_secs(3);
/// No lease is handed over for this long after a lease whose owner stopped renewing was seen
/// (a bridge failed): until the failed bridge drops out of the member count, every survivor is
/// above a share that still counts it, and a lease handed over then would wait for
/// `ORPHAN + LEASE_TTL` before anyone took it (decision record 0105).
const SETTLE_AFTER_FAILURE: Duration = crate::cluster::link::MEMBER_TTL;
/// Frames waiting to go out on NATS before new ones are dropped (counted as WebSocket drops).
pub const FRAME_QUEUE: usize = 8192;

fn unavailable(message: String) -> AppError {
    AppError::RetryLater { status: StatusCode::SERVICE_UNAVAILABLE, reason: "busy", retry_after_s: 1, message }
}

/// A read of the cluster's state in PostgreSQL that failed: 503 with `Retry-After` (the
/// server may be restarting; docs/cluster.md, failure behaviour).
pub fn storage_unavailable(e: &crate::error::BridgeError) -> AppError {
    tracing::warn!("cluster: cannot read from PostgreSQL ({e})");
    unavailable(format!("the cluster's PostgreSQL did not answer ({e}); retry"))
}

/// The header naming what an input of a match's stream is: absent or `telemetry` (HTTP
/// telemetry, the JSON body), `osc` (an engine report or OSC telemetry, one OSC message, with
/// [`HEADER_PEER`]), `control` (a control request's JSON), `stinger` (a cue's name).
pub const HEADER_INPUT: &str = "Resonance-Input";
/// The engine's address as the receiving bridge saw it (`osc` inputs): the owner sends that
/// match's commands there too.
pub const HEADER_PEER: &str = "Resonance-Peer";
/// OSC inputs waiting to be published before new ones are dropped (counted as
/// `cluster_input_dropped`).
pub const INPUT_QUEUE: usize = 16_384;
/// How long the publisher gathers OSC inputs after the first one before it publishes them: a
/// match's inputs from one engine within the window become one stream message (an OSC bundle).
pub const COALESCE_WINDOW: Duration = Duration::from_millis(5);
/// At most this many OSC messages in one stream message.
pub const COALESCE_MAX_MESSAGES: usize = 1024;
/// At most this many bytes of OSC in one stream message (nats-server's `max_payload` is 1 MiB).
pub const COALESCE_MAX_BYTES: usize = 256 * 1024;
/// A director applies at most this many of its match's stream messages as one batch (one
/// state written, one ack).
pub const BATCH_MAX: usize = 256;
/// Directors' batches waiting for the group commit (each director has at most one waiting),
/// and directors' claims waiting for the group claim.
const COMMIT_QUEUE: usize = 4096;
/// A match's consumer nobody pulls from (its owner stopped or died) is removed by the server
/// after this long.
const CONSUMER_IDLE: Duration = Duration::from_secs(10);
/// At most this many matches' batches in one group commit.
const COMMIT_MAX: usize = 512;

/// Accepts HTTP telemetry in cluster mode: publishes the validated body to the match's
/// stream subject and answers with the stream sequence once JetStream stored it.
///
/// # Errors
/// 503 (`Retry-After: 1`) while NATS is unreachable or did not acknowledge; 422 for an
/// `Idempotency-Key` that is not 1 to 128 visible ASCII characters.
pub async fn submit(st: &AppState, name: &str, raw: &[u8], idempotency_key: Option<&str>) -> Result<Accepted, AppError> {
    let v = submit_input(st, name, None, raw, idempotency_key).await?;
    st.inner.metrics.telemetry_http.fetch_add(1, Relaxed);
    Ok(v)
}

/// Accepts a control (style, intensity, rules) or a hand-fired stinger (`kind` `control` or
/// `stinger`, already validated by the caller) like [`submit`]: the match's owner applies it
/// in stream order, once.
///
/// # Errors
/// As [`submit`].
pub async fn submit_command(
    st: &AppState,
    name: &str,
    kind: &'static str,
    raw: &[u8],
    idempotency_key: Option<&str>,
) -> Result<Accepted, AppError> {
    submit_input(st, name, Some(kind), raw, idempotency_key).await
}

async fn submit_input(
    st: &AppState,
    name: &str,
    kind: Option<&'static str>,
    raw: &[u8],
    idempotency_key: Option<&str>,
) -> Result<Accepted, AppError> {
    let link = st.inner.cluster.get().ok_or_else(|| {
        unavailable(format!("this bridge is still connecting to NATS at {}; retry, or send to another bridge", cluster_url(st)))
    })?;
    let id = match idempotency_key {
        Some(k) if (1..=128).contains(&k.len()) && k.bytes().all(|b| b.is_ascii_graphic()) => match kind {
            // a control and an update may carry the same client key without colliding
            Some(kind) => format!("{name}:{kind}:{k}"),
            None => format!("{name}:{k}"),
        },
        Some(_) => {
            return Err(AppError::Validation(crate::error::ValidationError {
                field: "Idempotency-Key".into(),
                message: "must be 1 to 128 visible ASCII characters (a UUID works)".into(),
            }));
        }
        None => format!("{name}:{:032x}", rand::random::<u128>()),
    };
    if link.nats_state() != "connected" {
        // refused at once rather than queued in the client for a NATS that may not come back
        return Err(unavailable(format!(
            "this bridge lost NATS at {} and is reconnecting; retry with the same Idempotency-Key, or send to another bridge",
            cluster_url(st)
        )));
    }
    link.register(name).await.map_err(unavailable)?;
    let mut publish = PublishMessage::build().payload(Bytes::copy_from_slice(raw)).message_id(&id);
    if let Some(kind) = kind {
        publish = publish.header(HEADER_INPUT, kind);
    }
    let ack = async { link.js.send_publish(subject_in(name), publish).await?.await.map_err(async_nats::Error::from) };
    let ack = ack.await.map_err(|e| unavailable(format!("NATS did not store the input ({e}); retry with the same Idempotency-Key")))?;
    Ok(Accepted { session: name.to_string(), accepted: true, seq: ack.sequence, duplicate: ack.duplicate, bridge: link.id.clone() })
}

/// The answer to telemetry, a control or a stinger in cluster mode: stored in the match's
/// stream (its owner applies it in stream order).
#[derive(Debug, serde::Serialize, utoipa::ToSchema)]
pub struct Accepted {
    pub session: String,
    /// Always `true`: JetStream stored it.
    pub accepted: bool,
    /// Its sequence in the input stream.
    pub seq: u64,
    /// `true` when the same `Idempotency-Key` was stored before (within 2 minutes): `seq` is
    /// the first one's and nothing new is applied.
    pub duplicate: bool,
    /// The bridge that took it.
    pub bridge: String,
}

/// Queues an engine report or OSC telemetry received by this bridge for its match's stream
/// (published in arrival order by the cluster's publisher task; engines are not answered, so nothing waits
/// for the publish). The hello's OSC token is not copied into the stream.
pub fn submit_osc(st: &AppState, session: &str, peer: std::net::SocketAddr, msg: &Inbound) {
    let Some(tx) = st.inner.cluster.get().and_then(|l| l.inputs.get()) else {
        st.inner.metrics.reject("cluster_input_dropped");
        return;
    };
    let stripped;
    let msg = if let Inbound::Hello { session, .. } = msg {
        stripped = Inbound::Hello { session: session.clone(), token: None };
        &stripped
    } else {
        msg
    };
    let datagram = crate::osc::to_datagram(crate::osc::encode_inbound(msg));
    if tx.try_send((session.to_string(), peer, datagram)).is_err() {
        st.inner.metrics.reject("cluster_input_dropped");
    }
}

/// One stream message to publish: OSC messages of one match from one engine, in arrival order.
#[derive(Debug, PartialEq, Eq)]
pub struct Gathered {
    pub session: String,
    pub peer: std::net::SocketAddr,
    /// One OSC message each.
    pub messages: Vec<Vec<u8>>,
    bytes: usize,
}

impl Gathered {
    /// The stream message's payload: the message itself when alone, else an OSC bundle of them.
    pub fn payload(&self) -> Vec<u8> {
        match self.messages.as_slice() {
            [one] => one.clone(),
            many => bundle(many),
        }
    }
}

/// Groups OSC inputs into stream messages: consecutive inputs of one match from one engine go
/// into one, up to [`COALESCE_MAX_MESSAGES`] and [`COALESCE_MAX_BYTES`]. Each match's inputs
/// keep their order: a match's next message starts only when its current one is closed (full,
/// or another engine of the match reported in between), and the messages come out in the
/// order they were started, so publishing them in that order keeps every match's order.
pub fn coalesce(inputs: impl IntoIterator<Item = OscInput>) -> Vec<Gathered> {
    let mut out: Vec<Gathered> = Vec::new();
    // the open message of each match (an index into `out`)
    let mut open: HashMap<String, usize> = HashMap::new();
    for (session, peer, datagram) in inputs {
        let fits =
            |g: &Gathered| g.peer == peer && g.messages.len() < COALESCE_MAX_MESSAGES && g.bytes + datagram.len() + 4 <= COALESCE_MAX_BYTES;
        match open.get(&session).copied() {
            Some(i) if fits(&out[i]) => {
                out[i].bytes += datagram.len() + 4;
                out[i].messages.push(datagram);
            }
            _ => {
                open.insert(session.clone(), out.len());
                out.push(Gathered { session, peer, bytes: 16 + datagram.len() + 4, messages: vec![datagram] });
            }
        }
    }
    out
}

/// An OSC 1.0 bundle ("#bundle", the time tag "immediately", then each element's size and
/// bytes) of already encoded messages, as the OSC 1.0 specification lays it out.
fn bundle(messages: &[Vec<u8>]) -> Vec<u8> {
    let mut out = Vec::with_capacity(16 + messages.iter().map(|m| m.len() + 4).sum::<usize>());
    out.extend_from_slice(b"#bundle\0");
    out.extend_from_slice(&1u64.to_be_bytes());
    for m in messages {
        out.extend_from_slice(&u32::try_from(m.len()).unwrap_or(u32::MAX).to_be_bytes());
        out.extend_from_slice(m);
    }
    out
}

/// Publishes the queued OSC inputs: it gathers what arrives within [`COALESCE_WINDOW`] of the
/// first one, groups it per match and engine ([`coalesce`]) and publishes each group as one
/// stream message with a fresh message id, in order. Acks are awaited apart, so a slow ack does
/// not hold the next reports back (a failed one counts its messages as dropped).
async fn inputs_out(st: AppState, link: Arc<Link>, mut rx: mpsc::Receiver<OscInput>) {
    let mut queued: Vec<OscInput> = Vec::new();
    loop {
        if rx.recv_many(&mut queued, COALESCE_MAX_MESSAGES).await == 0 {
            return;
        }
        let deadline = tokio::time::Instant::now() + COALESCE_WINDOW;
        while queued.len() < INPUT_QUEUE {
            match tokio::time::timeout_at(deadline, rx.recv_many(&mut queued, COALESCE_MAX_MESSAGES)).await {
                Ok(0) | Err(_) => break,
                Ok(_) => {}
            }
        }
        for g in coalesce(queued.drain(..)) {
            let n = g.messages.len() as u64;
            if link.register(&g.session).await.is_err() {
                st.inner.metrics.reject_n("cluster_input_dropped", n);
                continue;
            }
            let publish = PublishMessage::build()
                .payload(Bytes::from(g.payload()))
                .message_id(format!("{}:osc:{:032x}", g.session, rand::random::<u128>()))
                .header(HEADER_INPUT, "osc")
                .header(HEADER_PEER, g.peer.to_string().as_str());
            match link.js.send_publish(subject_in(&g.session), publish).await {
                Ok(ack) => {
                    let st = st.clone();
                    tokio::spawn(async move {
                        if ack.await.is_err() {
                            st.inner.metrics.reject_n("cluster_input_dropped", n);
                        }
                    });
                }
                Err(e) => {
                    tracing::debug!("cluster: OSC input for {} not published ({e})", g.session);
                    st.inner.metrics.reject_n("cluster_input_dropped", n);
                }
            }
        }
    }
}

fn cluster_url(st: &AppState) -> String {
    st.inner.config.cluster.as_deref().map_or_else(String::new, redact)
}

/// This bridge's id in the cluster: `--instance-id`, else `bridge-PID-RANDOM`.
fn bridge_id(st: &AppState) -> String {
    st.inner.config.instance.clone().unwrap_or_else(|| format!("bridge-{}-{:08x}", std::process::id(), rand::random::<u32>()))
}

/// Runs cluster mode until the bridge stops: connects (retrying), then the watchers, the
/// heartbeat, the frame fan-out and the lease loop.
pub async fn run(st: AppState) {
    let Some(url) = st.inner.config.cluster.clone() else { return };
    let link = match Link::connect(&url, bridge_id(&st)).await {
        Ok(l) => Arc::new(l),
        Err(e) => {
            tracing::error!("cluster mode is off: {e}");
            return;
        }
    };
    tracing::info!("cluster: connected to {} as {}", redact(&url), link.id);
    let (tx, rx) = mpsc::channel(FRAME_QUEUE);
    let _ = st.inner.cluster_frames.set(tx);
    let (in_tx, in_rx) = mpsc::channel(INPUT_QUEUE);
    let _ = link.inputs.set(in_tx);
    let (commit_tx, commit_rx) = mpsc::channel(COMMIT_QUEUE);
    let _ = link.commits.set(commit_tx);
    let (claim_tx, claim_rx) = mpsc::channel(COMMIT_QUEUE);
    let _ = link.claims.set(claim_tx);
    let _ = st.inner.cluster.set(link.clone());
    let mut tasks = vec![
        tokio::spawn(watch_bucket(link.clone(), Bucket::Leases)),
        tokio::spawn(watch_bucket(link.clone(), Bucket::Members)),
        tokio::spawn(watch_bucket(link.clone(), Bucket::Matches)),
        tokio::spawn(heartbeat(link.clone())),
        tokio::spawn(frames_out(link.clone(), rx)),
        tokio::spawn(frames_in(st.clone(), link.clone())),
        tokio::spawn(inputs_out(st.clone(), link.clone(), in_rx)),
        tokio::spawn(committer(st.clone(), link.clone(), commit_rx)),
        tokio::spawn(claimer(st.clone(), link.clone(), claim_rx)),
    ];
    lease_loop(st, link).await;
    for t in &mut tasks {
        t.abort();
    }
}

#[derive(Clone, Copy, Debug)]
enum Bucket {
    Leases,
    Members,
    Matches,
}

/// Follows one bucket (current values first, then every write), reconnecting after errors.
async fn watch_bucket(link: Arc<Link>, which: Bucket) {
    loop {
        let store = match which {
            Bucket::Leases => &link.leases,
            Bucket::Members => &link.members,
            Bucket::Matches => &link.matches,
        };
        match store.watch_with_history(">").await {
            Ok(mut w) => {
                while let Some(e) = w.next().await {
                    let Ok(e) = e else { break };
                    let now = Instant::now();
                    match which {
                        Bucket::Leases => link.saw_lease(&e.key, &e.value, now),
                        Bucket::Members => link.saw_member(&e.key, e.operation == async_nats::jetstream::kv::Operation::Put, now),
                        Bucket::Matches => link.saw_match(&e.key),
                    }
                }
            }
            Err(e) => tracing::warn!("cluster: cannot watch {which:?} ({e}); retrying"),
        }
        tokio::time::sleep(Duration::from_millis(500)).await;
    }
}

async fn heartbeat(link: Arc<Link>) {
    let mut tick = tokio::time::interval(crate::cluster::link::HEARTBEAT);
    loop {
        tick.tick().await;
        if link.leaving.load(SeqCst) {
            return;
        }
        if let Err(e) = link.heartbeat().await {
            tracing::warn!("cluster: heartbeat failed ({e})");
        }
    }
}

/// At most this many bytes of frames in one NATS message (nats-server's `max_payload` is 1 MiB).
const FRAME_BATCH_BYTES: usize = 512 * 1024;

/// Sessions' frames as one NATS message, in order: each as its session's length (`u16`,
/// big-endian), the session's name, the frame's length (`u32`, big-endian) and its JSON.
pub fn frame_batch(frames: &[(Arc<str>, Utf8Bytes)]) -> Vec<u8> {
    let mut out = Vec::with_capacity(frames.iter().map(|(s, j)| 6 + s.len() + j.len()).sum());
    for (session, json) in frames {
        out.extend_from_slice(&u16::try_from(session.len()).unwrap_or(u16::MAX).to_be_bytes());
        out.extend_from_slice(session.as_bytes());
        out.extend_from_slice(&u32::try_from(json.len()).unwrap_or(u32::MAX).to_be_bytes());
        out.extend_from_slice(json.as_str().as_bytes());
    }
    out
}

/// The frames of a [`frame_batch`] message, in order (session, JSON); `None` when it is not one.
pub fn frame_unbatch(mut b: &[u8]) -> Option<Vec<(&str, &str)>> {
    fn take<'a>(b: &mut &'a [u8], n: usize) -> Option<&'a [u8]> {
        let (head, rest) = b.split_at_checked(n)?;
        *b = rest;
        Some(head)
    }
    let mut out = Vec::new();
    while !b.is_empty() {
        let n = u16::from_be_bytes(take(&mut b, 2)?.try_into().ok()?);
        let session = std::str::from_utf8(take(&mut b, usize::from(n))?).ok()?;
        let n = u32::from_be_bytes(take(&mut b, 4)?.try_into().ok()?);
        let json = std::str::from_utf8(take(&mut b, usize::try_from(n).ok()?)?).ok()?;
        out.push((session, json));
    }
    Some(out)
}

/// Sends the session frames queued by [`AppState::publish`] to every bridge: what is queued
/// when the task wakes goes out as one message on `resonance.wsb` ([`frame_batch`], split at
/// [`FRAME_BATCH_BYTES`]), so under load one NATS message carries many frames; a frame alone
/// goes at once.
async fn frames_out(link: Arc<Link>, mut rx: mpsc::Receiver<(Arc<str>, Utf8Bytes)>) {
    let mut queued: Vec<(Arc<str>, Utf8Bytes)> = Vec::new();
    while rx.recv_many(&mut queued, FRAME_QUEUE).await > 0 {
        let mut start = 0;
        while start < queued.len() {
            let (mut end, mut bytes) = (start, 0);
            while end < queued.len() {
                let size = 6 + queued[end].0.len() + queued[end].1.len();
                if end > start && bytes + size > FRAME_BATCH_BYTES {
                    break;
                }
                bytes += size;
                end += 1;
            }
            let body = Bytes::from(frame_batch(&queued[start..end]));
            if let Err(e) = link.client.publish(crate::cluster::link::SUBJECT_WS_BATCH, body).await {
                tracing::debug!("cluster: frames not sent ({e})");
            }
            start = end;
        }
        queued.clear();
    }
}

/// Feeds every match's frames, from whichever bridge made them, to this bridge's clients:
/// batches on `resonance.wsb`, and frames sent one per message on `resonance.ws.<match>`.
async fn frames_in(st: AppState, link: Arc<Link>) {
    let prefix = format!("{}.", crate::cluster::link::SUBJECT_WS);
    let to_hub = |session: &str, text: &str| {
        let _ = st.inner.hub.send(Frame { session: Some(Arc::from(session)), json: Utf8Bytes::from(text) });
    };
    loop {
        let subs = async {
            let batches = link.client.subscribe(crate::cluster::link::SUBJECT_WS_BATCH).await?;
            let single = link.client.subscribe(format!("{prefix}>")).await?;
            Ok::<_, async_nats::SubscribeError>(futures_util::stream::select(batches, single))
        };
        match subs.await {
            Ok(mut sub) => {
                while let Some(msg) = sub.next().await {
                    if msg.subject.as_str() == crate::cluster::link::SUBJECT_WS_BATCH {
                        for (session, text) in frame_unbatch(&msg.payload).unwrap_or_default() {
                            to_hub(session, text);
                        }
                        continue;
                    }
                    let Some(session) = msg.subject.as_str().strip_prefix(&prefix) else { continue };
                    let Ok(text) = std::str::from_utf8(&msg.payload) else { continue };
                    to_hub(session, text);
                }
            }
            Err(e) => tracing::warn!("cluster: cannot subscribe to frames ({e}); retrying"),
        }
        tokio::time::sleep(Duration::from_millis(500)).await;
    }
}

/// Rendezvous score: each bridge prefers a different subset of the matches.
fn score(m: &str, id: &str) -> u64 {
    let mut h = std::collections::hash_map::DefaultHasher::new();
    m.hash(&mut h);
    id.hash(&mut h);
    h.finish()
}

async fn lease_loop(st: AppState, link: Arc<Link>) {
    let (lost_tx, mut lost_rx) = mpsc::channel::<String>(1024);
    let started = Instant::now();
    let mut since: HashMap<String, Instant> = HashMap::new();
    let mut last_release = Instant::now();
    // when a lease whose owner stopped renewing was last seen
    let mut failure_seen: Option<Instant> = None;
    let mut tick = tokio::time::interval(TICK);
    tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Skip);
    loop {
        tick.tick().await;
        if link.leaving.load(SeqCst) {
            return;
        }
        let mut owned = link.owned.lock().await;
        while let Ok(m) = lost_rx.try_recv() {
            if let Some(o) = owned.remove(&m) {
                tracing::warn!("cluster: match {m} is fenced out (another bridge holds a later lease)");
                let _ = o.stop.send(true);
            }
        }
        renew(&link, &mut owned).await;
        // without NATS nothing can be taken (and each try would wait for its timeout)
        if link.nats_state() == "connected" && acquire(&st, &link, &mut owned, &mut since, &lost_tx).await {
            failure_seen = Some(Instant::now());
        }
        let settled = failure_seen.is_none_or(|t| t.elapsed() > SETTLE_AFTER_FAILURE);
        if settled
            && started.elapsed() > REBALANCE_AFTER
            && last_release.elapsed() > REBALANCE_EVERY
            && hand_over_one(&link, &mut owned).await
        {
            last_release = Instant::now();
        }
        st.inner.metrics.owned_matches.store(owned.len() as i64, Relaxed);
        link.set_owned_list(owned.keys().cloned().collect());
    }
}

/// How long a lease operation may wait for NATS. A renewal must not hold the lease loop past
/// the lease's local validity (TTL − margin − renewal interval = 800 ms): while NATS is away the
/// loop goes on and drops the leases it can no longer prove. A renewal stored by the server but
/// answered too late is seen as lost at the next renewal (its revision moved on), which is safe.
const OP_TIMEOUT: Duration = Duration::from_millis(500);

async fn bounded<T>(op: impl Future<Output = Result<T, LeaseError>>) -> Result<T, LeaseError> {
    tokio::time::timeout(OP_TIMEOUT, op).await.unwrap_or_else(|_| Err(LeaseError::Nats(format!("no answer within {OP_TIMEOUT:?}"))))
}

/// Renews the leases due, concurrently; drops the lost and those no longer locally valid.
async fn renew(link: &Link, owned: &mut HashMap<String, Owned>) {
    let now = Instant::now();
    let due: Vec<(String, u64)> =
        owned.iter().filter(|(_, o)| now.saturating_duration_since(o.renewed) >= RENEW_EVERY).map(|(m, o)| (m.clone(), o.rev)).collect();
    let results = futures_util::future::join_all(due.iter().map(|(m, rev)| async move {
        let sent = Instant::now();
        (m, sent, bounded(link.renew(m, *rev)).await)
    }))
    .await;
    for (m, sent, r) in results {
        match r {
            Ok(rev) => {
                if let Some(o) = owned.get_mut(m) {
                    o.rev = rev;
                    o.renewed = sent;
                }
            }
            Err(LeaseError::Lost) => {
                if let Some(o) = owned.remove(m) {
                    tracing::warn!("cluster: lost the lease of {m} (another bridge took it)");
                    let _ = o.stop.send(true);
                }
            }
            Err(LeaseError::Nats(e)) => tracing::warn!("cluster: cannot renew the lease of {m} ({e})"),
        }
    }
    let now = Instant::now();
    let expired: Vec<String> = owned.iter().filter(|(_, o)| !o.valid(now)).map(|(m, _)| m.clone()).collect();
    for m in expired {
        if let Some(o) = owned.remove(&m) {
            tracing::warn!("cluster: stopped directing {m}: its lease could not be renewed in time (NATS unreachable?)");
            let _ = o.stop.send(true);
        }
    }
}

/// Takes leases: a match whose owner stopped renewing (a failed bridge) at once, whatever the
/// share; released and never-held matches up to the fair share, or whatever the share once
/// nobody took them for [`ORPHAN`] + TTL. `true` when a lease whose owner stopped renewing
/// was seen (a bridge failed).
async fn acquire(
    st: &AppState,
    link: &Arc<Link>,
    owned: &mut HashMap<String, Owned>,
    since: &mut HashMap<String, Instant>,
    lost: &mpsc::Sender<String>,
) -> bool {
    let now = Instant::now();
    // (match, its owner stopped renewing)
    let (mut candidates, target) = {
        let view = link.view.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        let c: Vec<(String, bool)> = view
            .matches
            .iter()
            .filter(|m| !owned.contains_key(*m))
            .filter_map(|m| match view.leases.get(m) {
                None | Some((_, None)) => Some((m.clone(), false)),
                Some((t, Some(_))) => (now.saturating_duration_since(*t) > LEASE_TTL).then(|| (m.clone(), true)),
            })
            .collect();
        (c, view.target(now))
    };
    since.retain(|m, _| candidates.iter().any(|(c, _)| c == m));
    candidates.sort_by_key(|(m, expired)| (!*expired, std::cmp::Reverse(score(m, &link.id))));
    // A failed bridge's matches are taken whatever the share, all at once: one round of
    // concurrent compare-and-sets rather than one match after the other (a bridge holding 40
    // matches would otherwise add 40 round trips to the takeover, each tick).
    let (expired, rest): (Vec<_>, Vec<_>) = candidates.into_iter().partition(|(_, expired)| *expired);
    let failure = !expired.is_empty();
    let tries = futures_util::future::join_all(expired.into_iter().map(|(m, _)| async move {
        let r = bounded(link.acquire(&m)).await;
        (m, r)
    }))
    .await;
    for (m, r) in tries {
        if !took(st, link, owned, since, lost, m, r, now) {
            return failure;
        }
    }
    for (m, _) in rest {
        let first = *since.entry(m.clone()).or_insert(now);
        let orphan = now.saturating_duration_since(first) > ORPHAN + LEASE_TTL;
        if owned.len() >= target && !orphan {
            continue;
        }
        let r = bounded(link.acquire(&m)).await;
        if !took(st, link, owned, since, lost, m, r, now) {
            return failure;
        }
    }
    failure
}

/// Starts directing `m` when the try to take its lease succeeded; `false` when NATS failed
/// (stop trying this tick).
#[allow(clippy::too_many_arguments)]
fn took(
    st: &AppState,
    link: &Arc<Link>,
    owned: &mut HashMap<String, Owned>,
    since: &mut HashMap<String, Instant>,
    lost: &mpsc::Sender<String>,
    m: String,
    r: Result<Option<u64>, LeaseError>,
    now: Instant,
) -> bool {
    match r {
        Ok(Some(epoch)) => {
            since.remove(&m);
            let (stop, stop_rx) = watch::channel(false);
            let task = tokio::spawn(direct(st.clone(), link.clone(), m.clone(), epoch, stop_rx, lost.clone()));
            link.saw_lease(&crate::cluster::link::key(&m), json!({"owner": link.id}).to_string().as_bytes(), now);
            tracing::info!("cluster: took match {m} (epoch {epoch})");
            owned.insert(m, Owned { epoch, rev: epoch, renewed: now, stop, task: Some(task) });
            true
        }
        // Not expired on the server yet, or another bridge was first (the watcher will see
        // its write): try again at the next tick.
        Ok(None) => true,
        Err(e) => {
            tracing::warn!("cluster: cannot take leases ({e})");
            false
        }
    }
}

/// Hands the least preferred lease over while holding more than the fair share, when a bridge
/// surely alive holds less than its share and would take it at once ([`View::has_taker`]).
///
/// [`View::has_taker`]: crate::cluster::link::View::has_taker
async fn hand_over_one(link: &Link, owned: &mut HashMap<String, Owned>) -> bool {
    let (target, taker) = {
        let view = link.view.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        let now = Instant::now();
        (view.target(now), view.has_taker(&link.id, now))
    };
    if owned.len() <= target || !taker {
        return false;
    }
    let Some(m) = owned.keys().min_by_key(|m| score(m, &link.id)).cloned() else { return false };
    let Some(o) = owned.remove(&m) else { return false };
    release(link, &m, o).await;
    tracing::info!("cluster: handed match {m} over (holding more than the fair share {target})");
    true
}

/// Stops a match's director after the input it is applying, then releases its lease.
async fn release(link: &Link, m: &str, mut o: Owned) {
    let _ = o.stop.send(true);
    if let Some(t) = o.task.take() {
        let _ = tokio::time::timeout(Duration::from_millis(500), t).await;
    }
    if let Err(e) = bounded(link.release(m, o.rev)).await {
        tracing::warn!("cluster: could not release {m} ({e}); it expires within {LEASE_TTL:?}");
    }
}

/// A graceful stop: takes nothing more and hands every lease over (the others take them at
/// their next tick, not after the TTL).
pub async fn leave(st: &AppState) {
    let Some(link) = st.inner.cluster.get() else { return };
    link.leaving.store(true, SeqCst);
    // first one bridge less in everyone's share, then the leases: the others take them at once
    if let Err(e) = link.goodbye().await {
        tracing::warn!(
            "cluster: could not say goodbye ({e}); the others count this bridge for {:?} more",
            crate::cluster::link::MEMBER_TTL
        );
    }
    let mut owned = link.owned.lock().await;
    let all: Vec<(String, Owned)> = owned.drain().collect();
    let n = all.len();
    futures_util::future::join_all(all.into_iter().map(|(m, o)| async move { release(link, &m, o).await })).await;
    link.set_owned_list(Vec::new());
    let _ = link.client.flush().await;
    tracing::info!("cluster: handed {n} matches over");
}

/// What a director task does next.
enum Step {
    Next,
    Stop,
}

/// Directs one owned match until told to stop or fenced out, then forgets its state in
/// memory (reads go to PostgreSQL or the next owner from then on).
async fn direct(st: AppState, link: Arc<Link>, m: String, epoch: u64, stop: watch::Receiver<bool>, lost: mpsc::Sender<String>) {
    direct_until_stopped(&st, link, m.clone(), epoch, stop, lost).await;
    let mut map = st.inner.sessions.write().unwrap_or_else(std::sync::PoisonError::into_inner);
    map.remove(&m);
    st.inner.metrics.sessions.store(map.len() as i64, Relaxed);
}

async fn direct_until_stopped(
    st: &AppState,
    link: Arc<Link>,
    m: String,
    epoch: u64,
    mut stop: watch::Receiver<bool>,
    lost: mpsc::Sender<String>,
) {
    let taken = Instant::now();
    let resume = loop {
        match claim(&link, &m, epoch).await {
            Ok(Some(r)) => break r,
            Ok(None) => {
                let _ = lost.send(m).await;
                return;
            }
            Err(e) => {
                tracing::warn!("cluster: cannot claim {m} in PostgreSQL ({e}); retrying");
                if *stop.borrow() {
                    return;
                }
                tokio::time::sleep(Duration::from_millis(200)).await;
            }
        }
    };
    let entry = match st.get_or_create(&m) {
        Ok(e) => e,
        Err(e) => {
            tracing::warn!("cluster: cannot direct {m}: {}", e.message);
            return;
        }
    };
    {
        let mut e = entry.lock().await;
        let fresh = || st.inner.rules.default_set().new_session(&m);
        e.state = if resume.state.is_empty() { fresh() } else { serde_json::from_str(&resume.state).unwrap_or_else(|_| fresh()) };
        e.last_sent = None;
        e.dirty = false;
        e.ephemeral = false;
    }
    let mut last = resume.last_seq;
    tracing::debug!("cluster: {m}: claimed at epoch {epoch} {:?} after the take", taken.elapsed());
    // A consumer of this epoch's own: created in one request, with no delete of the previous
    // owner's first (the server removes a consumer nobody pulls from after CONSUMER_IDLE);
    // decision record 0105.
    let config = pull::Config {
        durable_name: Some(consumer_name(&m, epoch)),
        inactive_threshold: CONSUMER_IDLE,
        filter_subject: subject_in(&m),
        deliver_policy: DeliverPolicy::ByStartSequence { start_sequence: last + 1 },
        // one ack per batch: acking its last message acks every one before it
        ack_policy: AckPolicy::All,
        ack_wait: Duration::from_secs(30),
        max_ack_pending: 10_000,
        ..Default::default()
    };
    let messages = match link.stream.create_consumer(config).await {
        Ok(c) => {
            let c: async_nats::jetstream::consumer::PullConsumer = c;
            c.messages().await
        }
        Err(e) => {
            tracing::warn!("cluster: cannot consume {m} ({e}); leaving it to the next owner");
            let _ = lost.send(m).await;
            return;
        }
    };
    let mut messages = match messages {
        Ok(s) => s,
        Err(e) => {
            tracing::warn!("cluster: cannot consume {m} ({e})");
            let _ = lost.send(m).await;
            return;
        }
    };
    tracing::debug!("cluster: {m}: consuming from sequence {} {:?} after the take", last + 1, taken.elapsed());
    let mut first = true;
    let mut batch = Vec::with_capacity(BATCH_MAX);
    loop {
        tokio::select! {
            biased;
            _ = stop.changed() => return,
            next = messages.next() => match next {
                Some(Ok(msg)) => {
                    batch.push(msg);
                    let ended = gather(&mut messages, &mut batch);
                    let step = apply(st, &link, &m, epoch, &entry, &batch, &mut last, &stop).await;
                    if first {
                        first = false;
                        tracing::debug!("cluster: {m}: first batch ({} inputs, up to {last}) applied {:?} after the take", batch.len(), taken.elapsed());
                    }
                    batch.clear();
                    if matches!(step, Step::Stop) || ended {
                        let _ = lost.send(m).await;
                        return;
                    }
                }
                Some(Err(e)) => {
                    tracing::debug!("cluster: {m}: {e}");
                    tokio::time::sleep(Duration::from_millis(50)).await;
                }
                None => {
                    let _ = lost.send(m).await;
                    return;
                }
            },
        }
    }
}

/// Adds to `batch` what the consumer has delivered already, without waiting, up to
/// [`BATCH_MAX`] (a backlog is applied in batches; under a light load a batch is one message).
/// `true` when the stream ended.
fn gather(messages: &mut async_nats::jetstream::consumer::pull::Stream, batch: &mut Vec<async_nats::jetstream::Message>) -> bool {
    while batch.len() < BATCH_MAX {
        match messages.next().now_or_never() {
            Some(Some(Ok(msg))) => batch.push(msg),
            Some(None) => return true,
            Some(Some(Err(_))) | None => return false,
        }
    }
    false
}

/// One input of a match's stream, read by its [`HEADER_INPUT`].
enum Input {
    /// HTTP telemetry (`None`: unreadable, applied as nothing so its sequence still counts).
    Telemetry(Option<TelemetryUpdate>),
    /// Engine reports or OSC telemetry (one OSC message or a bundle of them, in order), and
    /// the engine's address.
    Engine(std::net::SocketAddr, Vec<Inbound>),
    Control(ControlRequest),
    Stinger(Cue),
    /// Something this bridge cannot read (a newer bridge's kind): its sequence is recorded.
    Unreadable,
}

fn parse_input(msg: &async_nats::jetstream::Message) -> Input {
    let header = |name: &str| msg.message.headers.as_ref().and_then(|h| h.get(name)).map(|v| v.as_str().to_string());
    let json = || serde_json::from_slice::<Value>(&msg.payload).ok();
    match header(HEADER_INPUT).as_deref() {
        None | Some("telemetry") => Input::Telemetry(json().and_then(|v| validate_json(&v).ok())),
        Some("osc") => {
            let peer = header(HEADER_PEER).and_then(|p| p.parse().ok());
            // (a message a newer bridge encoded and this one cannot read is left out)
            let inbound: Vec<Inbound> =
                crate::osc::decode_packet(&msg.payload).map(|v| v.into_iter().filter_map(Result::ok).collect()).unwrap_or_default();
            match peer {
                Some(p) if !inbound.is_empty() => Input::Engine(p, inbound),
                _ => Input::Unreadable,
            }
        }
        Some("control") => json().and_then(|v| parse_control(&v).ok()).map_or(Input::Unreadable, Input::Control),
        Some("stinger") => std::str::from_utf8(&msg.payload).ok().and_then(Cue::from_name).map_or(Input::Unreadable, Input::Stinger),
        Some(_) => Input::Unreadable,
    }
}

/// An effect to send after the commit: the director's decision, with the telemetry update it
/// answers (for the `telemetry` frame), if it answers one.
pub type Effect = (Option<TelemetryUpdate>, Decision);

/// Applies an input to the locked session; returns the effects to send after the commit.
fn step_input(st: &AppState, e: OwnedMutexGuard<SessionEntry>, input: Input) -> (OwnedMutexGuard<SessionEntry>, Vec<Effect>) {
    let mut e = e;
    match input {
        Input::Engine(peer, inbound) => return st.apply_engine_inputs(e, peer, inbound),
        Input::Telemetry(Some(u)) => {
            e.ephemeral = false;
            let d = st.apply_update(&mut e.state, &u);
            return (e, vec![(Some(u), d)]);
        }
        Input::Control(c) => {
            e.ephemeral = false;
            let d = st.control_step(&mut e.state, &c);
            return (e, vec![(None, d)]);
        }
        Input::Stinger(cue) => {
            e.ephemeral = false;
            e.state.log("stinger", cue.as_str());
            return (e, vec![(None, Decision { stingers: vec![cue], ..Decision::default() })]);
        }
        Input::Telemetry(None) | Input::Unreadable => {}
    }
    (e, Vec::new())
}

/// When JetStream stored a message, in Unix milliseconds (the NATS server's clock).
fn stored_ms(msg: &async_nats::jetstream::Message) -> Option<i64> {
    let info = msg.info().ok()?;
    i64::try_from(info.published.unix_timestamp_nanos() / 1_000_000).ok()
}

/// Test seam: called by a director right after its batch is committed, before its effects go
/// out and before it is acked (the tests abort the process there to show that a crash between
/// commit and ack repeats nothing and loses nothing acknowledged). Unset, nothing happens.
#[doc(hidden)]
pub static AFTER_COMMIT: std::sync::OnceLock<fn(&Batch)> = std::sync::OnceLock::new();

/// The next group for a group commit or claim: waits for a first item (none queued from the
/// last turn), takes whatever else is queued up to [`COMMIT_MAX`], and keeps back for the next
/// group every item of a match already in this one (`key`: its match). `None` once the
/// channel is closed and nothing waits.
async fn next_group<T>(rx: &mut mpsc::Receiver<T>, queued: &mut Vec<T>, key: impl Fn(&T) -> &String) -> Option<Vec<T>> {
    if queued.is_empty() && rx.recv_many(queued, COMMIT_MAX).await == 0 {
        return None;
    }
    while queued.len() < COMMIT_MAX {
        match rx.try_recv() {
            Ok(c) => queued.push(c),
            Err(_) => break,
        }
    }
    let mut seen = std::collections::HashSet::new();
    let (now, later): (Vec<T>, Vec<T>) = queued.drain(..).partition(|t| seen.insert(key(t).clone()));
    *queued = later;
    Some(now)
}

/// Answers each member of a group with its own outcome of the group's statement, or every
/// member with the statement's error.
fn answer_group<T, E: std::fmt::Display>(answers: Vec<oneshot::Sender<Result<T, String>>>, outcome: Result<Vec<T>, E>) {
    match outcome {
        Ok(outcomes) => {
            for (a, o) in answers.into_iter().zip(outcomes) {
                let _ = a.send(Ok(o));
            }
        }
        Err(e) => {
            let e = e.to_string();
            for a in answers {
                let _ = a.send(Err(e.clone()));
            }
        }
    }
}

/// The bridge's group commit: takes every batch the directors queued (one per match), writes
/// them in one statement ([`crate::cluster::store::Store::cluster_commit`]) and answers each
/// director with its batch's outcome. While a commit is in flight the next batches queue, so
/// under load one commit carries many matches' inputs; alone, a batch is committed at once.
async fn committer(st: AppState, link: Arc<Link>, mut rx: mpsc::Receiver<Commit>) {
    let mut queued: Vec<Commit> = Vec::new();
    // one batch per match in a commit (a match's director waits for its outcome, but a
    // director being replaced may still have one queued): a second one waits for the next
    while let Some(now) = next_group(&mut rx, &mut queued, |(b, _)| &b.match_id).await {
        let (batches, answers): (Vec<Batch>, Vec<oneshot::Sender<Result<Applied, String>>>) = now.into_iter().unzip();
        let inputs: u64 = batches.iter().map(|b| b.last_seq - b.first_seq + 1).sum();
        let outcome = st.inner.store.cluster_commit(&batches, &link.id).await;
        if outcome.is_ok() {
            st.inner.metrics.cluster_commits.fetch_add(1, Relaxed);
            st.inner.metrics.cluster_committed_inputs.fetch_add(inputs, Relaxed);
        }
        answer_group(answers, outcome);
    }
}

/// The bridge's group claim: takes every claim the directors queued (one per match) and
/// claims them in one statement ([`crate::cluster::store::Store::cluster_claim_many`]). A
/// bridge taking over a failed bridge's matches starts all their directors at once, so their
/// claims go together: one round trip and one WAL flush rather than one per match.
async fn claimer(st: AppState, link: Arc<Link>, mut rx: mpsc::Receiver<Claim>) {
    let mut queued: Vec<Claim> = Vec::new();
    while let Some(now) = next_group(&mut rx, &mut queued, |(m, _, _)| m).await {
        let (claims, answers): (Vec<(String, u64)>, Vec<_>) = now.into_iter().map(|(m, e, a)| ((m, e), a)).unzip();
        answer_group(answers, st.inner.store.cluster_claim_many(&claims, &link.id).await);
    }
}

/// Claims a match at `epoch` through the bridge's group claim.
async fn claim(link: &Link, m: &str, epoch: u64) -> Result<Option<Resume>, String> {
    let Some(tx) = link.claims.get() else { return Err("the group claim is not running".into()) };
    let (answer, outcome) = oneshot::channel();
    tx.send((m.to_string(), epoch, answer)).await.map_err(|_| "the group claim stopped".to_string())?;
    outcome.await.unwrap_or_else(|_| Err("the group claim stopped".into()))
}

/// Commits one batch through the bridge's group commit.
async fn commit(link: &Link, batch: Batch) -> Result<Applied, String> {
    let Some(tx) = link.commits.get() else { return Err("the group commit is not running".into()) };
    let (answer, outcome) = oneshot::channel();
    tx.send((batch, answer)).await.map_err(|_| "the group commit stopped".to_string())?;
    outcome.await.unwrap_or_else(|_| Err("the group commit stopped".into()))
}

/// Applies a batch of input messages (each at most once, in stream order), commits the state
/// after them with their stingers in the bridge's group commit, then sends their effects, then
/// acks the batch (one ack: the consumer acks everything up to its last message).
#[allow(clippy::too_many_arguments)]
async fn apply(
    st: &AppState,
    link: &Link,
    m: &str,
    epoch: u64,
    entry: &Arc<Mutex<SessionEntry>>,
    msgs: &[async_nats::jetstream::Message],
    last: &mut u64,
    stop: &watch::Receiver<bool>,
) -> Step {
    // the message acking the whole batch (the highest sequence delivered)
    let Some((top, _)) = msgs.iter().filter_map(|msg| msg.info().ok().map(|i| (msg, i.stream_sequence))).max_by_key(|(_, seq)| *seq) else {
        return Step::Next;
    };
    // an input seen again (redelivered) is skipped by its sequence
    let mut fresh: Vec<(u64, &async_nats::jetstream::Message)> =
        msgs.iter().filter_map(|msg| msg.info().ok().map(|i| (i.stream_sequence, msg))).filter(|(seq, _)| *seq > *last).collect();
    fresh.sort_by_key(|(seq, _)| *seq);
    fresh.dedup_by_key(|(seq, _)| *seq);
    let (Some(&(first_seq, _)), Some(&(last_seq, _))) = (fresh.first(), fresh.last()) else {
        let _ = top.ack().await;
        return Step::Next;
    };
    let mut e = entry.clone().lock_owned().await;
    // restored unless the new state is committed
    let before = e.state.clone();
    let mut effects: Vec<Effect> = Vec::new();
    let mut stingers: Vec<(u64, u32, String)> = Vec::new();
    for (seq, msg) in &fresh {
        let input = parse_input(msg);
        // applied at the time the stream stored it, whichever bridge applies it and whenever
        // (crate::clock; docs/cluster.md, clocks)
        let at = stored_ms(msg).unwrap_or_else(crate::clock::system_ms);
        let (next, fx) = crate::clock::at(at, || step_input(st, e, input));
        e = next;
        let cues = fx.iter().flat_map(|(_, d)| d.stingers.iter());
        stingers.extend(cues.enumerate().map(|(k, c)| (*seq, u32::try_from(k).unwrap_or(u32::MAX), c.as_str().to_string())));
        effects.extend(fx);
    }
    let Ok(json) = serde_json::to_string(&e.state) else {
        e.state = before;
        return Step::Next;
    };
    let batch = Batch { match_id: m.to_string(), epoch, first_seq, last_seq, state: json, stingers };
    let mut backoff = Duration::from_millis(50);
    loop {
        // the same batch on every try: after a commit whose answer was lost it is recognised
        // as applied, whole
        match commit(link, batch.clone()).await {
            // (already applied under this epoch: only this director writes it, so this is its
            // own retry of a commit whose answer was lost; the state is this batch's and its
            // effects were not sent yet)
            Ok(Applied::Yes | Applied::AlreadyApplied) => break,
            Ok(Applied::Fenced) => {
                e.state = before;
                return Step::Stop;
            }
            Err(err) => {
                // Not acked: the inputs stay in the stream for this owner's retry or the next owner.
                tracing::warn!("cluster: cannot store {m} inputs {first_seq}..={last_seq} ({err}); retrying");
                if *stop.borrow() {
                    e.state = before;
                    return Step::Stop;
                }
                tokio::time::sleep(backoff).await;
                backoff = (backoff * 2).min(Duration::from_secs(1));
            }
        }
    }
    if let Some(hook) = AFTER_COMMIT.get() {
        hook(&batch);
    }
    e.dirty = false;
    *last = last_seq;
    for (u, d) in &effects {
        st.emit(&mut e, u.as_ref(), d);
    }
    drop(e);
    let _ = top.ack().await;
    Step::Next
}

#[cfg(test)]
mod tests {
    use super::*;

    fn report(i: u32) -> Vec<u8> {
        crate::osc::to_datagram(crate::osc::encode_inbound(&Inbound::Xruns(u64::from(i))))
    }

    #[test]
    fn coalesce_groups_per_match_and_engine_keeping_each_matchs_order() {
        let (e1, e2): (std::net::SocketAddr, std::net::SocketAddr) = ("127.0.0.1:1".parse().unwrap(), "127.0.0.1:2".parse().unwrap());
        let input = |m: &str, p, i| (m.to_string(), p, report(i));
        // match a from e1 three times, interleaved with b; then another engine of a; then e1 again
        let out = coalesce(vec![
            input("a", e1, 0),
            input("b", e1, 1),
            input("a", e1, 2),
            input("a", e1, 3),
            input("a", e2, 4),
            input("b", e1, 5),
            input("a", e1, 6),
        ]);
        let got: Vec<(&str, u16, Vec<Vec<u8>>)> = out.iter().map(|g| (g.session.as_str(), g.peer.port(), g.messages.clone())).collect();
        assert_eq!(
            got,
            vec![
                ("a", 1, vec![report(0), report(2), report(3)]),
                ("b", 1, vec![report(1), report(5)]),
                ("a", 2, vec![report(4)]),
                ("a", 1, vec![report(6)]),
            ]
        );
        // a's messages in the order started are a's reports in arrival order
        let a: Vec<Vec<u8>> = out.iter().filter(|g| g.session == "a").flat_map(|g| g.messages.clone()).collect();
        assert_eq!(a, [0, 2, 3, 4, 6].map(report).to_vec());
    }

    #[test]
    fn coalesce_closes_a_message_at_its_limits() {
        let e: std::net::SocketAddr = "127.0.0.1:1".parse().unwrap();
        let out = coalesce((0..COALESCE_MAX_MESSAGES as u32 + 3).map(|i| ("a".to_string(), e, report(i))));
        assert_eq!(out.iter().map(|g| g.messages.len()).collect::<Vec<_>>(), vec![COALESCE_MAX_MESSAGES, 3]);
        let big = vec![0u8; COALESCE_MAX_BYTES / 2];
        let out = coalesce((0..3).map(|_| ("a".to_string(), e, big.clone())));
        assert_eq!(out.len(), 3, "each message stays under the byte limit");
        assert!(out.iter().all(|g| g.payload().len() <= COALESCE_MAX_BYTES));
    }

    #[test]
    fn a_gathered_message_decodes_to_its_reports_in_order() {
        let e: std::net::SocketAddr = "127.0.0.1:1".parse().unwrap();
        let reports = [
            Inbound::Hello { session: "a".into(), token: None },
            Inbound::Xruns(3),
            Inbound::Loudness { momentary_lufs: -23.0, short_term_lufs: -24.5 },
            Inbound::Xruns(4),
        ];
        let out = coalesce(reports.iter().map(|r| ("a".to_string(), e, crate::osc::to_datagram(crate::osc::encode_inbound(r)))));
        assert_eq!(out.len(), 1);
        let decoded: Vec<Inbound> = crate::osc::decode_packet(&out[0].payload()).unwrap().into_iter().map(Result::unwrap).collect();
        assert_eq!(decoded, reports.to_vec());
        // one report alone stays a plain message
        let one = coalesce([("a".to_string(), e, report(9))]);
        assert_eq!(one[0].payload(), report(9));
    }

    #[test]
    fn a_frame_batch_decodes_to_its_frames_in_order() {
        let frames: Vec<(Arc<str>, Utf8Bytes)> = vec![
            (Arc::from("m1"), Utf8Bytes::from("{\"type\":\"telemetry\"}")),
            (Arc::from("a.b-2"), Utf8Bytes::from("{\"type\":\"target\",\"x\":\"é\"}")),
            (Arc::from("m1"), Utf8Bytes::from("")),
        ];
        let b = frame_batch(&frames);
        let got = frame_unbatch(&b).unwrap();
        let want: Vec<(&str, &str)> = frames.iter().map(|(s, j)| (&**s, j.as_str())).collect();
        assert_eq!(got, want);
        assert_eq!(frame_unbatch(&[]).unwrap(), Vec::<(&str, &str)>::new());
        // cut anywhere inside, it is refused rather than read wrong
        for cut in 1..b.len() {
            if let Some(v) = frame_unbatch(&b[..cut]) {
                assert!(want.starts_with(&v), "a prefix decodes to a prefix of the frames at {cut}");
                assert!(v.len() < want.len());
            }
        }
    }

    #[test]
    fn scores_differ_between_bridges() {
        let a: Vec<u64> = (0..8).map(|i| score(&format!("m{i}"), "a")).collect();
        let b: Vec<u64> = (0..8).map(|i| score(&format!("m{i}"), "b")).collect();
        assert_ne!(a, b);
    }
}

//! The cluster's NATS side: the connection, the JetStream stream of match input, the three
//! key-value buckets (leases, members, matches) and the lease operations.
//!
//! Nothing here knows about sessions or the director; [`crate::cluster::director`] drives it.
//!
//! * **Leases** (`RESONANCE_LEASES`, one key per match): the bucket's `max_age` is the lease
//!   TTL ([`LEASE_TTL`]). Debian's nats-server 2.9 has no per-key TTL, but a key whose last
//!   write is older than the bucket's `max_age` is removed by the server, and the holder
//!   rewrites its key every [`RENEW_EVERY`]. Every write is a compare-and-set on the key's
//!   revision (`Nats-Expected-Last-Subject-Sequence`): 0 takes a key that has no value (never
//!   held, or expired), the revision of a released lease takes it after a graceful hand-over,
//!   and the holder's last revision renews it. A lease is never deleted (async-nats's
//!   `create` falls back to a plain put after a delete marker, which is not a compare-and-set).
//!   The revision at which a bridge took the lease is its *epoch*, the fencing token every
//!   durable write of that match carries ([`crate::cluster::store`]).
//! * **Members** (`RESONANCE_MEMBERS`): each bridge rewrites its key every second with a
//!   `max_age` of [`MEMBER_TTL`]; the keys alive are the bridges that share the matches.
//! * **Matches** (`RESONANCE_MATCHES`): every match ever submitted, so every bridge knows
//!   which matches need a director.
//! * **Input** (stream `RESONANCE_IN`, subjects `resonance.in.<match>`): telemetry accepted by
//!   any bridge, published with a message id (`Nats-Msg-Id`) so a retried publish is dropped
//!   by the server within the duplicate window; the owner of the match consumes it in order.
//!
//! Expiry is judged by the NATS server's clock alone; bridges only measure their own
//! monotonic time, so skewed wall clocks between bridges change nothing.

use std::collections::{HashMap, HashSet};
use std::sync::Mutex;
use std::time::{Duration, Instant};

use async_nats::jetstream::{self, kv, stream};
use axum::body::Bytes;
use serde_json::{Value, json};
use tokio::sync::watch;
use tokio::task::JoinHandle;

/// Lease time to live: the bucket's `max_age`. A killed owner's leases expire this long after
/// its last renewal.
pub const LEASE_TTL: Duration = Duration::from_millis(1500);
/// How often an owner rewrites its leases.
pub const RENEW_EVERY: Duration = Duration::from_millis(400);
/// A lease is used locally only until this long before it could expire on the server
/// (measured from the *send* time of its last successful renewal, on the monotonic clock).
pub const LEASE_MARGIN: Duration = Duration::from_millis(300);
/// A member's key lives this long after its last heartbeat.
pub const MEMBER_TTL: Duration = Duration::from_secs(3);
/// Heartbeat interval of the members bucket.
pub const HEARTBEAT: Duration = Duration::from_secs(1);
/// A member whose heartbeat was seen this recently is surely alive (one heartbeat interval
/// and a half: a late heartbeat only postpones a hand-over to it).
pub const HEARTBEAT_FRESH: Duration = Duration::from_millis(1500);
/// The stream of match input.
pub const STREAM: &str = "RESONANCE_IN";
/// Subjects of the input stream: `resonance.in.<match>`.
pub const SUBJECT_IN: &str = "resonance.in";
/// Core NATS subjects of WebSocket frames: `resonance.ws.<match>` (no persistence).
pub const SUBJECT_WS: &str = "resonance.ws";
/// Core NATS subject of batches of WebSocket frames, several matches' in one message
/// (`cluster::director::frame_batch`; no persistence).
pub const SUBJECT_WS_BATCH: &str = "resonance.wsb";
/// How long the input stream keeps messages (a match's replay after a takeover starts at its
/// last applied sequence, stored in PostgreSQL).
pub const STREAM_MAX_AGE: Duration = Duration::from_hours(24);
/// Window within which a message id is published once.
pub const DUPLICATE_WINDOW: Duration = Duration::from_mins(2);

/// A lease this bridge holds.
#[derive(Debug)]
pub struct Owned {
    /// The revision at which it was taken: the fencing token of every write.
    pub epoch: u64,
    /// The revision of the last successful write (the next renewal's expected revision).
    pub rev: u64,
    /// When the last successful renewal was sent (monotonic).
    pub renewed: Instant,
    /// Tells the match's director task to stop after the message it is applying.
    pub stop: watch::Sender<bool>,
    pub task: Option<JoinHandle<()>>,
}

impl Owned {
    /// Whether the lease may still be used: its last renewal was sent less than
    /// `LEASE_TTL - LEASE_MARGIN` ago.
    pub fn valid(&self, now: Instant) -> bool {
        now.saturating_duration_since(self.renewed) < LEASE_TTL.saturating_sub(LEASE_MARGIN)
    }
}

/// What the bridge sees of the cluster (for `/healthz`, `/readyz` and the balancing).
#[derive(Debug, Default)]
pub struct View {
    /// Every match known (the matches bucket).
    pub matches: HashSet<String>,
    /// Last lease write seen per match: when (local monotonic time), by whom (`None`: released).
    pub leases: HashMap<String, (Instant, Option<String>)>,
    /// Members and when their last heartbeat was seen.
    pub members: HashMap<String, Instant>,
}

impl View {
    /// Bridges alive (at least this one).
    pub fn live_members(&self, now: Instant) -> usize {
        self.members.values().filter(|t| now.saturating_duration_since(**t) < MEMBER_TTL).count().max(1)
    }

    /// This bridge's fair share: `ceil(matches / live bridges)`.
    pub fn target(&self, now: Instant) -> usize {
        self.matches.len().div_ceil(self.live_members(now))
    }

    /// Whether another bridge could take a lease this one hands over at once: a member other
    /// than `me` whose heartbeat was seen within [`HEARTBEAT_FRESH`] (surely alive, not a
    /// bridge that just failed and still counts until [`MEMBER_TTL`]) holding fewer leases
    /// than the fair share. Without one, a lease handed over would wait for
    /// `ORPHAN + LEASE_TTL` (every live bridge at or above its share), a gap in that match's
    /// direction for nothing.
    pub fn has_taker(&self, me: &str, now: Instant) -> bool {
        let target = self.target(now);
        let mut held: HashMap<&str, usize> = HashMap::new();
        for (_, owner) in self.leases.values() {
            if let Some(o) = owner {
                *held.entry(o.as_str()).or_default() += 1;
            }
        }
        self.members.iter().any(|(id, seen)| {
            id != me && now.saturating_duration_since(*seen) < HEARTBEAT_FRESH && held.get(id.as_str()).copied().unwrap_or(0) < target
        })
    }
}

/// This bridge's part in the cluster, as `/healthz` (`cluster`) and `/readyz` answer it.
#[derive(Clone, Debug, serde::Serialize, utoipa::ToSchema)]
pub struct ClusterStatus {
    /// This bridge's id (`--instance-id`, or `bridge-PID-RANDOM`).
    pub id: String,
    /// The NATS connection.
    #[schema(value_type = String, pattern = "^(connected|connecting|disconnected)$")]
    pub nats: &'static str,
    /// The matches this bridge directs (holds the lease of), sorted.
    pub owned: Vec<String>,
    /// How many leases this bridge holds (`owned`'s length).
    pub leases: usize,
    /// Every match known to the cluster.
    pub matches: usize,
    /// Bridges alive (heartbeats in the members bucket), at least this one.
    pub members: usize,
    /// This bridge's fair share: `ceil(matches / members)`.
    pub target_share: usize,
}

/// Why a lease operation failed.
#[derive(Debug, thiserror::Error)]
pub enum LeaseError {
    /// Another bridge wrote the key since (the lease is theirs).
    #[error("the lease is held by another bridge")]
    Lost,
    /// NATS did not answer (the lease may still be ours; it is used only while locally valid).
    #[error("NATS: {0}")]
    Nats(String),
}

/// The connection to NATS and the cluster's buckets and stream.
#[derive(Debug)]
pub struct Link {
    /// This bridge's id (`--instance-id`, or `bridge-PID-RANDOM`).
    pub id: String,
    pub url: String,
    pub client: async_nats::Client,
    pub js: jetstream::Context,
    pub leases: kv::Store,
    pub members: kv::Store,
    pub matches: kv::Store,
    pub stream: stream::Stream,
    /// Matches already registered by this bridge (the matches bucket is written once each).
    registered: Mutex<HashSet<String>>,
    /// Leases held, by match.
    pub owned: tokio::sync::Mutex<HashMap<String, Owned>>,
    /// The owned matches' names, readable without awaiting (for `/healthz`).
    pub owned_names: Mutex<Vec<String>>,
    pub view: Mutex<View>,
    /// Set by a graceful stop: take nothing more.
    pub leaving: std::sync::atomic::AtomicBool,
    /// OSC inputs (match, engine address, OSC message) for the publisher task
    /// (`cluster::director`), set once it runs.
    pub inputs: std::sync::OnceLock<tokio::sync::mpsc::Sender<OscInput>>,
    /// The directors' batches for the bridge's group commit (`cluster::director`), set once
    /// the committer runs.
    pub commits: std::sync::OnceLock<tokio::sync::mpsc::Sender<crate::cluster::store::Commit>>,
    /// The directors' claims for the bridge's group claim (`cluster::director`), set once the
    /// claimer runs.
    pub claims: std::sync::OnceLock<tokio::sync::mpsc::Sender<crate::cluster::store::Claim>>,
}

/// One OSC input queued for its match's stream: the match, the engine's address, one OSC
/// message (a datagram of one message).
pub type OscInput = (String, std::net::SocketAddr, Vec<u8>);

/// The key of a match in the buckets (match names are `[A-Za-z0-9_.-]{1,64}`, valid keys).
pub fn key(m: &str) -> String {
    format!("m.{m}")
}

/// The match named by a bucket key.
pub fn match_of(key: &str) -> Option<&str> {
    key.strip_prefix("m.")
}

/// The input subject of a match.
pub fn subject_in(m: &str) -> String {
    format!("{SUBJECT_IN}.{m}")
}

/// The durable consumer of a match for the owner at `epoch` (consumer names may not hold `.`:
/// hex of the name). Each owner consumes through a consumer of its own, so a takeover creates
/// one without first deleting the previous owner's.
pub fn consumer_name(m: &str, epoch: u64) -> String {
    let mut s = m.bytes().fold(String::from("dir-"), |mut s, b| {
        let _ = std::fmt::Write::write_fmt(&mut s, format_args!("{b:02x}"));
        s
    });
    let _ = std::fmt::Write::write_fmt(&mut s, format_args!("-{epoch}"));
    s
}

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
}

impl Link {
    /// Connects to `url` and creates (or opens) the stream and buckets. Retries until NATS
    /// answers, saying on the log why it could not (every 2 s).
    ///
    /// # Errors
    /// A message naming the URL when NATS refuses the configuration (e.g. JetStream is off:
    /// start `nats-server -js`).
    pub async fn connect(url: &str, id: String) -> Result<Self, String> {
        let mut attempt = 0u32;
        let client = loop {
            match async_nats::ConnectOptions::new()
                .name(&id)
                .connection_timeout(Duration::from_secs(2))
                .retry_on_initial_connect()
                .max_reconnects(None)
                .connect(url)
                .await
            {
                Ok(c) => break c,
                Err(e) => {
                    attempt += 1;
                    tracing::warn!("cannot reach NATS at {} ({e}); retrying every 2 s (attempt {attempt})", redact(url));
                    tokio::time::sleep(Duration::from_secs(2)).await;
                }
            }
        };
        let js = jetstream::new(client.clone());
        let (leases, members, matches, stream) = loop {
            match Self::declare(&js).await {
                Ok(v) => break v,
                Err(e) if e.contains("not enabled") => {
                    return Err(format!("NATS at {} has no JetStream ({e}); start it with `nats-server -js`", redact(url)));
                }
                Err(e) => {
                    attempt += 1;
                    tracing::warn!("cannot reach NATS at {} ({e}); retrying every 2 s (attempt {attempt})", redact(url));
                    tokio::time::sleep(Duration::from_secs(2)).await;
                }
            }
        };
        Ok(Self {
            id,
            url: url.to_string(),
            client,
            js,
            leases,
            members,
            matches,
            stream,
            registered: Mutex::new(HashSet::new()),
            owned: tokio::sync::Mutex::new(HashMap::new()),
            owned_names: Mutex::new(Vec::new()),
            view: Mutex::new(View::default()),
            leaving: std::sync::atomic::AtomicBool::new(false),
            inputs: std::sync::OnceLock::new(),
            commits: std::sync::OnceLock::new(),
            claims: std::sync::OnceLock::new(),
        })
    }

    async fn declare(js: &jetstream::Context) -> Result<(kv::Store, kv::Store, kv::Store, stream::Stream), String> {
        // A bucket is the stream `KV_<name>` with the key-value settings. It is created here
        // rather than with `create_key_value`, which first reads the account's information and
        // fails to parse nats-server 2.9's answer (no `reserved_memory`; decision record 0063).
        let bucket = |name: &str, max_age: Duration| stream::Config {
            name: format!("KV_{name}"),
            subjects: vec![format!("$KV.{name}.>")],
            max_messages_per_subject: 1,
            max_age,
            storage: stream::StorageType::File,
            num_replicas: 1,
            allow_rollup: true,
            deny_delete: true,
            allow_direct: true,
            discard: stream::DiscardPolicy::New,
            ..Default::default()
        };
        let open = |name: &'static str, max_age: Duration| {
            let js = js.clone();
            let cfg = bucket(name, max_age);
            async move {
                if let Ok(s) = js.get_key_value(name).await {
                    return Ok(s);
                }
                js.get_or_create_stream(cfg).await.map_err(|e| format!("bucket {name}: {e}"))?;
                js.get_key_value(name).await.map_err(|e| format!("bucket {name}: {e}"))
            }
        };
        let leases = open("RESONANCE_LEASES", LEASE_TTL).await?;
        let members = open("RESONANCE_MEMBERS", MEMBER_TTL).await?;
        let matches = open("RESONANCE_MATCHES", Duration::ZERO).await?;
        let stream = js
            .get_or_create_stream(stream::Config {
                name: STREAM.to_string(),
                subjects: vec![format!("{SUBJECT_IN}.>")],
                storage: stream::StorageType::File,
                retention: stream::RetentionPolicy::Limits,
                discard: stream::DiscardPolicy::Old,
                max_age: STREAM_MAX_AGE,
                duplicate_window: DUPLICATE_WINDOW,
                num_replicas: 1,
                ..Default::default()
            })
            .await
            .map_err(|e| format!("stream {STREAM}: {e}"))?;
        Ok((leases, members, matches, stream))
    }

    /// Registers a match in the matches bucket (once per bridge and match).
    ///
    /// # Errors
    /// NATS did not answer.
    pub async fn register(&self, m: &str) -> Result<(), String> {
        if lock(&self.registered).contains(m) {
            return Ok(());
        }
        match self.matches.update(key(m), Bytes::new(), 0).await {
            Ok(_) => {}
            Err(e) if e.kind() == kv::UpdateErrorKind::WrongLastRevision => {}
            Err(e) => return Err(format!("cannot register match {m}: {e}")),
        }
        lock(&self.registered).insert(m.to_string());
        lock(&self.view).matches.insert(m.to_string());
        Ok(())
    }

    /// Tries to take the lease of `m`: when nobody holds it (no value: never held or
    /// expired) or it was released. Returns the revision written (the epoch), `None` when
    /// another bridge holds it.
    ///
    /// # Errors
    /// NATS did not answer.
    pub async fn acquire(&self, m: &str) -> Result<Option<u64>, LeaseError> {
        let k = key(m);
        let expected = match self.leases.entry(k.clone()).await.map_err(|e| LeaseError::Nats(e.to_string()))? {
            None => 0,
            Some(e) if e.operation == kv::Operation::Put && owner_of(&e.value).is_none() => e.revision,
            Some(_) => return Ok(None),
        };
        match self.leases.update(k, lease_value(Some(&self.id)), expected).await {
            Ok(rev) => Ok(Some(rev)),
            Err(e) if e.kind() == kv::UpdateErrorKind::WrongLastRevision => Ok(None),
            Err(e) => Err(LeaseError::Nats(e.to_string())),
        }
    }

    /// Renews a lease held at revision `rev`; returns the new revision.
    ///
    /// # Errors
    /// [`LeaseError::Lost`] when another bridge wrote the key (or it expired and was taken),
    /// [`LeaseError::Nats`] when NATS did not answer.
    pub async fn renew(&self, m: &str, rev: u64) -> Result<u64, LeaseError> {
        match self.leases.update(key(m), lease_value(Some(&self.id)), rev).await {
            Ok(rev) => Ok(rev),
            Err(e) if e.kind() == kv::UpdateErrorKind::WrongLastRevision => Err(LeaseError::Lost),
            Err(e) => Err(LeaseError::Nats(e.to_string())),
        }
    }

    /// Hands a lease held at revision `rev` over: writes "no owner" (compare-and-set), which
    /// the other bridges see at once and take.
    ///
    /// # Errors
    /// As [`Link::renew`].
    pub async fn release(&self, m: &str, rev: u64) -> Result<(), LeaseError> {
        match self.leases.update(key(m), lease_value(None), rev).await {
            Ok(_) => Ok(()),
            Err(e) if e.kind() == kv::UpdateErrorKind::WrongLastRevision => Err(LeaseError::Lost),
            Err(e) => Err(LeaseError::Nats(e.to_string())),
        }
    }

    /// Writes this bridge's heartbeat.
    ///
    /// # Errors
    /// NATS did not answer.
    pub async fn heartbeat(&self) -> Result<(), String> {
        self.members.put(key(&self.id), Bytes::new()).await.map(|_| ()).map_err(|e| e.to_string())
    }

    /// `connected`, `connecting` or `disconnected`.
    pub fn nats_state(&self) -> &'static str {
        match self.client.connection_state() {
            async_nats::connection::State::Connected => "connected",
            async_nats::connection::State::Pending => "connecting",
            async_nats::connection::State::Disconnected => "disconnected",
        }
    }

    /// The owned matches, sorted.
    pub fn owned_list(&self) -> Vec<String> {
        lock(&self.owned_names).clone()
    }

    /// Replaces the owned list shown by `/healthz`.
    pub fn set_owned_list(&self, mut names: Vec<String>) {
        names.sort();
        *lock(&self.owned_names) = names;
    }

    /// What `/healthz` and `/readyz` report.
    pub fn status(&self) -> ClusterStatus {
        let owned = self.owned_list();
        let now = Instant::now();
        let view = lock(&self.view);
        ClusterStatus {
            id: self.id.clone(),
            nats: self.nats_state(),
            leases: owned.len(),
            owned,
            matches: view.matches.len(),
            members: view.live_members(now),
            target_share: view.target(now),
        }
    }

    /// Applies a lease write seen by the watcher.
    pub fn saw_lease(&self, key: &str, value: &[u8], now: Instant) {
        if let Some(m) = match_of(key) {
            lock(&self.view).leases.insert(m.to_string(), (now, owner_of(value)));
        }
    }

    /// Applies a member heartbeat (or, `alive == false`, a member's goodbye) seen by the watcher.
    pub fn saw_member(&self, key: &str, alive: bool, now: Instant) {
        if let Some(id) = match_of(key) {
            let mut view = lock(&self.view);
            if alive {
                view.members.insert(id.to_string(), now);
            } else {
                view.members.remove(id);
            }
        }
    }

    /// Says goodbye in the members bucket, so the others count one bridge less at once.
    ///
    /// # Errors
    /// NATS did not answer (the heartbeat then expires within [`MEMBER_TTL`]).
    pub async fn goodbye(&self) -> Result<(), String> {
        self.members.delete(key(&self.id)).await.map_err(|e| e.to_string())
    }

    /// Applies a match registration seen by the watcher.
    pub fn saw_match(&self, key: &str) {
        if let Some(m) = match_of(key) {
            lock(&self.view).matches.insert(m.to_string());
        }
    }
}

/// A lease's value: its owner, or `null` once released.
fn lease_value(owner: Option<&str>) -> Bytes {
    Bytes::from(json!({"owner": owner}).to_string())
}

/// `nats://user:***@host` for logs and answers.
pub fn redact(url: &str) -> String {
    match (url.find("://"), url.rfind('@')) {
        (Some(s), Some(at)) if at > s => format!("{}***{}", &url[..s + 3], &url[at..]),
        _ => url.to_string(),
    }
}

/// The owner named by a lease value (`None`: released or unreadable).
pub fn owner_of(value: &[u8]) -> Option<String> {
    serde_json::from_slice::<Value>(value).ok()?.get("owner")?.as_str().map(String::from)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_map_to_valid_keys_subjects_and_consumers() {
        assert_eq!(key("cup.final-1"), "m.cup.final-1");
        assert_eq!(match_of("m.cup.final-1"), Some("cup.final-1"));
        assert_eq!(subject_in("a.b"), "resonance.in.a.b");
        // `a.b` and `a_b` must not share a consumer
        assert_ne!(consumer_name("a.b", 1), consumer_name("a_b", 1));
        assert_ne!(consumer_name("a.b", 1), consumer_name("a.b", 2), "each owner its own");
        assert!(!consumer_name("a.b", 7).contains('.'));
        assert_eq!(owner_of(br#"{"owner":"x"}"#).as_deref(), Some("x"));
        assert_eq!(owner_of(br#"{"owner":null}"#), None);
        assert_eq!(redact("nats://u:secret@127.0.0.1:4222"), "nats://***@127.0.0.1:4222");
        assert_eq!(redact("nats://127.0.0.1:4222"), "nats://127.0.0.1:4222");
    }

    #[test]
    fn lease_is_used_only_within_ttl_minus_margin_of_its_renewal() {
        let (stop, _) = watch::channel(false);
        let t0 = Instant::now();
        let o = Owned { epoch: 1, rev: 1, renewed: t0, stop, task: None };
        assert!(o.valid(t0 + Duration::from_millis(1100)));
        assert!(!o.valid(t0 + LEASE_TTL.saturating_sub(LEASE_MARGIN)));
        assert!(!o.valid(t0 + LEASE_TTL));
    }

    #[test]
    fn fair_share_rounds_up_and_counts_only_live_members() {
        let base = Instant::now();
        let now = base + Duration::from_secs(10);
        let mut v = View::default();
        for i in 0..7 {
            v.matches.insert(format!("m{i}"));
        }
        assert_eq!(v.target(now), 7, "alone: everything");
        v.members.insert("a".into(), now);
        v.members.insert("b".into(), base + Duration::from_millis(9500));
        v.members.insert("dead".into(), base + Duration::from_secs(10).saturating_sub(MEMBER_TTL + Duration::from_millis(1)));
        assert_eq!(v.live_members(now), 2);
        assert_eq!(v.target(now), 4);
    }

    #[test]
    fn a_hand_over_needs_a_live_bridge_below_its_share() {
        let base = Instant::now();
        let now = base + Duration::from_secs(10);
        let mut v = View::default();
        for i in 0..6 {
            v.matches.insert(format!("m{i}"));
        }
        let hold = |v: &mut View, m: usize, who: &str| {
            v.leases.insert(format!("m{m}"), (now, Some(who.to_string())));
        };
        // a failed bridge still counted (its heartbeat 2 s old, under MEMBER_TTL) holding nothing
        // after the survivors took its matches; the survivors above the share of 2
        v.members.insert("me".into(), now);
        v.members.insert("other".into(), now);
        v.members.insert("dead".into(), base + Duration::from_secs(8));
        for m in 0..3 {
            hold(&mut v, m, "me");
        }
        for m in 3..6 {
            hold(&mut v, m, "other");
        }
        assert_eq!(v.target(now), 2);
        assert!(!v.has_taker("me", now), "only the failed bridge is below its share");
        // a bridge that joins (fresh heartbeat, nothing held) takes it
        v.members.insert("joiner".into(), base + Duration::from_millis(9800));
        assert!(v.has_taker("me", now));
        // not when it already holds its share
        hold(&mut v, 4, "joiner");
        hold(&mut v, 5, "joiner");
        assert_eq!(v.target(now), 2);
        assert!(v.has_taker("me", now), "`other` now holds one, below the share");
        hold(&mut v, 2, "other");
        assert!(!v.has_taker("me", now), "everyone else at its share");
        // a released lease counts for nobody
        v.leases.insert("m2".into(), (now, None));
        assert!(v.has_taker("me", now));
    }
}

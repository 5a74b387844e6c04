//! The cluster's durable state in PostgreSQL: each match's session state, the lease epoch
//! that wrote it and the last input sequence applied; and the stingers fired.
//!
//! Every write is fenced by the lease epoch (the key-value revision at which the writer took
//! the lease; a later owner always has a larger one):
//!
//! * [`Store::cluster_claim_many`] raises the rows' epochs to the new owner's (only upwards)
//!   and returns the state to resume each match from; from then on the previous owner's writes
//!   match no row. A bridge claims every match it took at once in one statement (its group
//!   claim).
//! * [`Store::cluster_commit`] is a bridge's group commit: for each match a batch of inputs
//!   (stream sequences `first ..= last`), the state after them and the stingers they fired, all
//!   matches in one statement. A batch is written only if its row still carries the writer's
//!   epoch and none of its inputs was applied yet, together with its stingers. So an input is
//!   applied at most once, whoever replays it, and a bridge that lost its lease (frozen,
//!   partitioned) writes nothing.
//!
//! Both statements lock their rows in match order, so two bridges' statements over the same
//! rows (a match changing hands) wait for each other at most, never in a cycle (decision record
//! 0106).

use sqlx::Row as _;

use crate::error::BridgeError;
use crate::store::{Pool, Store};

/// The cluster tables (portable statements; used only with PostgreSQL).
pub const SCHEMA: &[&str] = &[
    "CREATE TABLE IF NOT EXISTS cluster_matches (match_id TEXT PRIMARY KEY, state TEXT NOT NULL, epoch BIGINT NOT NULL, \
     last_seq BIGINT NOT NULL, owner TEXT NOT NULL, updated_ms BIGINT NOT NULL)",
    "CREATE TABLE IF NOT EXISTS cluster_stingers (match_id TEXT NOT NULL, seq BIGINT NOT NULL, k BIGINT NOT NULL, \
     cue TEXT NOT NULL, owner TEXT NOT NULL, fired_ms BIGINT NOT NULL, PRIMARY KEY (match_id, seq, k))",
];

/// Where a new owner resumes a match.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Resume {
    /// The stored session state (JSON), empty for a match never applied.
    pub state: String,
    /// The last input sequence applied (0: none).
    pub last_seq: u64,
}

/// One match's part of a group commit ([`Store::cluster_commit`]): the inputs `first_seq ..=
/// last_seq` of its stream applied by the owner at `epoch`, the state after them, and the
/// stingers they fired.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Batch {
    pub match_id: String,
    pub epoch: u64,
    /// The first input sequence in the batch (every one before it must be applied already).
    pub first_seq: u64,
    /// The last input sequence in the batch: the row's `last_seq` once written.
    pub last_seq: u64,
    /// The session state after the batch (JSON).
    pub state: String,
    /// The stingers fired, in order: (input sequence, index within that input, cue); their
    /// key in `cluster_stingers` is (match, input sequence, index), so a stinger can be stored
    /// once only.
    pub stingers: Vec<(u64, u32, String)>,
}

/// A director's batch for the bridge's group commit, and where its outcome goes (the
/// committer in `cluster::director` receives them over the link's `commits` channel).
pub type Commit = (Batch, tokio::sync::oneshot::Sender<Result<Applied, String>>);

/// A director's claim for the bridge's group claim (the match, the lease's epoch), and where
/// its outcome goes (the claimer in `cluster::director` receives them over the link's `claims`
/// channel): where to resume, `None` when a later epoch holds the match.
pub type Claim = (String, u64, tokio::sync::oneshot::Sender<Result<Option<Resume>, String>>);

/// The outcome of [`Store::cluster_commit`] for one batch.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Applied {
    /// Written.
    Yes,
    /// Not written: the batch was written before under the same epoch (its writer retrying
    /// after a commit whose answer was lost): it is applied.
    AlreadyApplied,
    /// Not written: another bridge claimed the match with a later epoch — stop directing it.
    Fenced,
}

fn pg(store: &Store) -> Result<&sqlx::PgPool, BridgeError> {
    match &store.pool {
        Pool::Postgres(p) => Ok(p),
        Pool::Sqlite(_) => Err(BridgeError::Config("cluster mode needs PostgreSQL: give --database postgres://USER:PASS@HOST/DB".into())),
    }
}

fn now_ms() -> i64 {
    std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| i64::try_from(d.as_millis()).unwrap_or(i64::MAX))
}

impl Store {
    /// Claims `match_id` for `owner` at `epoch`: raises the stored epoch (never lowers it) and
    /// returns where to resume; `None` when a later epoch already holds it.
    ///
    /// # Errors
    /// [`BridgeError::Storage`] when PostgreSQL fails; [`BridgeError::Config`] on SQLite.
    pub async fn cluster_claim(&self, match_id: &str, epoch: u64, owner: &str) -> Result<Option<Resume>, BridgeError> {
        let mut claimed = self.cluster_claim_many(&[(match_id.to_string(), epoch)], owner).await?;
        Ok(claimed.pop().flatten())
    }

    /// The group claim of a bridge: claims every `(match, epoch)` for `owner` in one statement
    /// (a bridge taking over a failed one's matches claims them together: one round trip and
    /// one WAL flush instead of one each), as [`Store::cluster_claim`] does one. Returns each
    /// claim's outcome, in order: where to resume, `None` when a later epoch holds the match.
    /// The rows are locked in match order, like [`Store::cluster_commit`]'s, so a claim and a
    /// commit over overlapping rows never wait for each other in a cycle.
    ///
    /// # Errors
    /// [`BridgeError::Storage`] when PostgreSQL fails; [`BridgeError::Config`] on SQLite, or
    /// when one match is claimed twice.
    pub async fn cluster_claim_many(&self, claims: &[(String, u64)], owner: &str) -> Result<Vec<Option<Resume>>, BridgeError> {
        let p = pg(self)?;
        if claims.is_empty() {
            return Ok(Vec::new());
        }
        let mut ids: Vec<&str> = claims.iter().map(|(m, _)| m.as_str()).collect();
        ids.sort_unstable();
        if ids.windows(2).any(|w| w[0] == w[1]) {
            return Err(BridgeError::Config("a group claim holds at most one claim per match".into()));
        }
        let rows = sqlx::query(
            "INSERT INTO cluster_matches (match_id, state, epoch, last_seq, owner, updated_ms) \
             SELECT x.match_id, '', x.epoch, 0, $3, $4 FROM unnest($1::text[], $2::bigint[]) AS x(match_id, epoch) ORDER BY x.match_id \
             ON CONFLICT (match_id) DO UPDATE SET epoch = excluded.epoch, owner = excluded.owner \
             WHERE cluster_matches.epoch <= excluded.epoch RETURNING match_id, state, last_seq",
        )
        .bind(claims.iter().map(|(m, _)| m.clone()).collect::<Vec<_>>())
        .bind(claims.iter().map(|(_, e)| i64::try_from(*e).unwrap_or(i64::MAX)).collect::<Vec<_>>())
        .bind(owner)
        .bind(now_ms())
        .fetch_all(p)
        .await?;
        let mut resumed: std::collections::HashMap<String, Resume> = rows
            .iter()
            .map(|r| (r.get(0), Resume { state: r.get::<String, _>(1), last_seq: u64::try_from(r.get::<i64, _>(2)).unwrap_or(0) }))
            .collect();
        Ok(claims.iter().map(|(m, _)| resumed.remove(m)).collect())
    }

    /// The group commit of a bridge: writes every batch (one per match; several inputs each)
    /// in one statement, so all of them or none are stored. A batch is written only when the
    /// match's row still carries its epoch and no input of it was applied yet (`last_seq <
    /// first_seq`); its stingers are stored only with it. Returns each batch's outcome, in
    /// order.
    ///
    /// One round trip when every batch is written (a single statement commits atomically on
    /// its own); the batches not written cost one more read, which tells a batch written before
    /// ([`Applied::AlreadyApplied`]) from a later owner ([`Applied::Fenced`]) on a fresh
    /// snapshot.
    ///
    /// # Errors
    /// [`BridgeError::Storage`] when PostgreSQL fails (then nothing was written, or — when the
    /// connection broke during the commit — all of it: retrying the same batches answers
    /// [`Applied::AlreadyApplied`] for them); [`BridgeError::Config`] on SQLite, or when two
    /// batches are for one match.
    pub async fn cluster_commit(&self, batches: &[Batch], owner: &str) -> Result<Vec<Applied>, BridgeError> {
        let p = pg(self)?;
        if batches.is_empty() {
            return Ok(Vec::new());
        }
        let mut ids: Vec<&str> = batches.iter().map(|b| b.match_id.as_str()).collect();
        ids.sort_unstable();
        if ids.windows(2).any(|w| w[0] == w[1]) {
            return Err(BridgeError::Config("a group commit holds at most one batch per match".into()));
        }
        let big = |v: u64| i64::try_from(v).unwrap_or(i64::MAX);
        let (mut s_match, mut s_seq, mut s_k, mut s_cue) = (Vec::new(), Vec::new(), Vec::new(), Vec::new());
        for b in batches {
            for (seq, k, cue) in &b.stingers {
                s_match.push(b.match_id.clone());
                s_seq.push(big(*seq));
                s_k.push(i64::from(*k));
                s_cue.push(cue.clone());
            }
        }
        let now = now_ms();
        // Rows are locked in match order (`l`) before any is written, whatever order the batches
        // came in and whatever join the planner picks: two bridges' commits over overlapping
        // rows (a match changing hands while the old owner's last batch is in flight) wait for
        // each other at most, never in a cycle (decision record 0106).
        let written: Vec<String> = sqlx::query_scalar(
            "WITH v AS (SELECT * FROM unnest($1::text[], $2::bigint[], $3::bigint[], $4::bigint[], $5::text[]) \
               AS v(match_id, epoch, first_seq, last_seq, state)), \
             l AS (SELECT c.match_id FROM cluster_matches c WHERE c.match_id = ANY($1::text[]) ORDER BY c.match_id FOR UPDATE), \
             u AS (UPDATE cluster_matches c SET state = v.state, last_seq = v.last_seq, updated_ms = $6 FROM v \
               WHERE c.match_id = v.match_id AND c.match_id IN (SELECT match_id FROM l) \
               AND c.epoch = v.epoch AND c.last_seq < v.first_seq RETURNING c.match_id), \
             s AS (INSERT INTO cluster_stingers (match_id, seq, k, cue, owner, fired_ms) \
               SELECT x.match_id, x.seq, x.k, x.cue, $7, $6 \
               FROM unnest($8::text[], $9::bigint[], $10::bigint[], $11::text[]) AS x(match_id, seq, k, cue) \
               WHERE x.match_id IN (SELECT match_id FROM u)) \
             SELECT match_id FROM u",
        )
        .bind(batches.iter().map(|b| b.match_id.clone()).collect::<Vec<_>>())
        .bind(batches.iter().map(|b| big(b.epoch)).collect::<Vec<_>>())
        .bind(batches.iter().map(|b| big(b.first_seq)).collect::<Vec<_>>())
        .bind(batches.iter().map(|b| big(b.last_seq)).collect::<Vec<_>>())
        .bind(batches.iter().map(|b| b.state.clone()).collect::<Vec<_>>())
        .bind(now)
        .bind(owner)
        .bind(s_match)
        .bind(s_seq)
        .bind(s_k)
        .bind(s_cue)
        .fetch_all(p)
        .await?;
        let written: std::collections::HashSet<String> = written.into_iter().collect();
        let missed: Vec<String> = batches.iter().filter(|b| !written.contains(&b.match_id)).map(|b| b.match_id.clone()).collect();
        // the rows as they are now (not in the statement's snapshot: an UPDATE that waited for a
        // claim re-checks the claimed row, which the snapshot would not show)
        let mut held: std::collections::HashMap<String, (i64, i64)> = std::collections::HashMap::new();
        if !missed.is_empty() {
            let rows = sqlx::query("SELECT match_id, epoch, last_seq FROM cluster_matches WHERE match_id = ANY($1)")
                .bind(&missed)
                .fetch_all(p)
                .await?;
            for r in rows {
                held.insert(r.get(0), (r.get(1), r.get(2)));
            }
        }
        Ok(batches
            .iter()
            .map(|b| {
                if written.contains(&b.match_id) {
                    return Applied::Yes;
                }
                match held.get(&b.match_id) {
                    // still this owner's, and the batch is in: it was written before (a replay)
                    Some((epoch, last)) if *epoch == big(b.epoch) && *last >= big(b.last_seq) => Applied::AlreadyApplied,
                    _ => Applied::Fenced,
                }
            })
            .collect())
    }

    /// The stored state of a match (for a bridge that does not own it), if any.
    ///
    /// # Errors
    /// [`BridgeError::Storage`] when PostgreSQL fails.
    pub async fn cluster_state(&self, match_id: &str) -> Result<Option<Resume>, BridgeError> {
        let p = pg(self)?;
        let row = sqlx::query("SELECT state, last_seq FROM cluster_matches WHERE match_id = $1 AND state <> ''")
            .bind(match_id)
            .fetch_optional(p)
            .await?;
        Ok(row.map(|r| Resume { state: r.get::<String, _>(0), last_seq: u64::try_from(r.get::<i64, _>(1)).unwrap_or(0) }))
    }

    /// Every match's stored state (JSON), by match name: what `GET /api/v1/sessions` lists.
    ///
    /// # Errors
    /// [`BridgeError::Storage`] when PostgreSQL fails.
    pub async fn cluster_states(&self) -> Result<Vec<(String, String)>, BridgeError> {
        let p = pg(self)?;
        let rows = sqlx::query("SELECT match_id, state FROM cluster_matches WHERE state <> '' ORDER BY match_id").fetch_all(p).await?;
        Ok(rows.iter().map(|r| (r.get(0), r.get(1))).collect())
    }

    /// The stingers fired for a match, in order: (input sequence, cue, bridge).
    ///
    /// # Errors
    /// [`BridgeError::Storage`] when PostgreSQL fails.
    pub async fn cluster_stingers(&self, match_id: &str) -> Result<Vec<(u64, String, String)>, BridgeError> {
        let p = pg(self)?;
        let rows = sqlx::query("SELECT seq, cue, owner FROM cluster_stingers WHERE match_id = $1 ORDER BY seq, k")
            .bind(match_id)
            .fetch_all(p)
            .await?;
        Ok(rows.iter().map(|r| (u64::try_from(r.get::<i64, _>(0)).unwrap_or(0), r.get(1), r.get(2))).collect())
    }

    /// Whether PostgreSQL answers (`/readyz`).
    pub async fn cluster_ping(&self) -> bool {
        match pg(self) {
            Ok(p) => sqlx::query("SELECT 1").execute(p).await.is_ok(),
            Err(_) => false,
        }
    }
}

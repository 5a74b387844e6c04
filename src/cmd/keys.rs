//! `resonance keys create|list|revoke`: the bridge's API keys, managed in its store (the same
//! SQLite file or PostgreSQL database `resonance bridge` uses). A running bridge re-reads its
//! keys every few seconds, so a new key works and a revoked one stops working without a
//! restart.

use std::path::PathBuf;

use anyhow::{Context as _, Result, bail};
use resonance_bridge::auth::keys::new_key;
use resonance_bridge::store::Store;

use super::bridge::default_data_dir;

/// Flags of `resonance keys`.
#[derive(Debug, clap::Args)]
pub struct KeysArgs {
    #[command(subcommand)]
    pub action: KeysAction,
    /// The bridge's data directory (default: as `resonance bridge`).
    #[arg(long, global = true)]
    pub data: Option<PathBuf>,
    /// Database URL, as `resonance bridge --database` (default: SQLite in --data).
    #[arg(long, global = true, env = "RESONANCE_DATABASE_URL")]
    pub database: Option<String>,
}

/// What to do with the keys.
#[derive(Debug, clap::Subcommand)]
pub enum KeysAction {
    /// Make a new key and print it (once: only its hash is stored).
    Create {
        /// A name to recognise the key by (who or what uses it).
        #[arg(long, default_value = "cli")]
        name: String,
    },
    /// List the keys (ids, names, when made, whether revoked); never the keys themselves.
    List,
    /// Revoke a key by its id (from `list`): requests with it get 401 from then on.
    Revoke {
        /// The key's id (`k...`).
        id: String,
    },
}

/// Runs `resonance keys`.
pub fn run(args: &KeysArgs) -> Result<()> {
    if let KeysAction::Create { name } = &args.action
        && (name.is_empty() || name.len() > 64 || name.chars().any(char::is_control))
    {
        bail!("--name must be 1..=64 characters without control characters");
    }
    with_store(args.data.clone(), args.database.clone(), async |store| act(store, &args.action).await)
}

/// Opens the bridge's store (SQLite in `data`, default the bridge's data directory, created if
/// missing; or PostgreSQL at `database`), runs `f` on it and closes it: what the offline
/// commands (`keys`, `discovery`, `clips`, `library`) share. The runtime has one worker, so
/// `f` may leave it for blocking work (`tokio::task::block_in_place`).
pub(crate) fn with_store(data: Option<PathBuf>, database: Option<String>, f: impl AsyncFnOnce(&Store) -> Result<()>) -> Result<()> {
    let config =
        resonance_bridge::Config { data_dir: Some(data.unwrap_or_else(default_data_dir)), database, ..resonance_bridge::Config::default() };
    if config.database.is_none()
        && let Some(dir) = &config.data_dir
    {
        std::fs::create_dir_all(dir).with_context(|| format!("cannot create the data directory {}", dir.display()))?;
    }
    let rt =
        tokio::runtime::Builder::new_multi_thread().worker_threads(1).enable_all().build().context("cannot start the tokio runtime")?;
    rt.block_on(async {
        let url = config.database_url();
        let store =
            Store::open(&url, &resonance_bridge::state::schema()).await.with_context(|| format!("cannot open the bridge's store {url}"))?;
        let r = f(&store).await;
        store.close().await;
        r
    })
}

async fn act(store: &Store, action: &KeysAction) -> Result<()> {
    match action {
        KeysAction::Create { name } => {
            let (key, rec) = new_key(name);
            store.insert_key(&rec).await?;
            println!("{key}");
            eprintln!(
                "key {} ({name}) created: shown once, stored hashed. Paste it into the web page's API key field (or open \
                 http://HOST:PORT/#key=KEY); API clients send `Authorization: Bearer KEY`. A running bridge accepts it within {} s.",
                rec.id,
                resonance_bridge::server::KEY_RELOAD.as_secs()
            );
        }
        KeysAction::List => {
            let keys = store.keys().await?;
            if keys.is_empty() {
                eprintln!("no keys yet: the bridge makes one at its first start, or run `resonance keys create`");
            }
            println!("{:<13} {:<24} {:<10} state", "id", "name", "created");
            for k in keys {
                let state = if k.revoked_ms.is_some() { "revoked" } else { "active" };
                println!("{:<13} {:<24} {:<10} {state}", k.id, k.name, day(k.created_ms));
            }
        }
        KeysAction::Revoke { id } => {
            if !store.revoke_key(id, now_ms()).await? {
                bail!("no active key {id:?}; `resonance keys list` shows the ids");
            }
            println!("revoked {id}");
            eprintln!("a running bridge refuses it within {} s", resonance_bridge::server::KEY_RELOAD.as_secs());
        }
    }
    Ok(())
}

fn now_ms() -> i64 {
    std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| i64::try_from(d.as_millis()).unwrap_or(i64::MAX))
}

/// A Unix time in milliseconds as a UTC date (days since the epoch, civil calendar; Howard
/// Hinnant's `civil_from_days`).
fn day(ms: i64) -> String {
    let z = ms.div_euclid(86_400_000) + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    format!("{y:04}-{m:02}-{d:02}")
}

#[cfg(test)]
mod tests {
    #[test]
    fn dates() {
        assert_eq!(super::day(0), "1970-01-01");
        assert_eq!(super::day(1_788_739_200_000), "2026-09-07");
    }
}

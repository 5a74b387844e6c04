//! `resonance discovery import FILE… | export DIR`: move music discovery's queue, wishlist and
//! history in and out of the bridge's store (the same SQLite file or PostgreSQL database
//! `resonance bridge` uses) in the plain files other discovery tools keep
//! (`pending_queue.json`, `wishlist.txt`, `processed.json`, `downloaded.json`,
//! `catalog_*.json`; docs/discovery.md). Safe while the bridge runs.

use std::path::PathBuf;

use anyhow::{Context as _, Result, bail};
use resonance_bridge::discovery::legacy;
use resonance_bridge::store::Store;

/// Flags of `resonance discovery`.
#[derive(Debug, clap::Args)]
pub struct DiscoveryArgs {
    #[command(subcommand)]
    pub action: DiscoveryAction,
    /// The bridge's data directory (default: as `resonance bridge`).
    #[arg(long, global = true)]
    pub data: Option<PathBuf>,
    /// Database URL, as `resonance bridge --database` (default: SQLite in --data).
    #[arg(long, global = true, env = "RESONANCE_DATABASE_URL")]
    pub database: Option<String>,
}

/// Import or export.
#[derive(Debug, clap::Subcommand)]
pub enum DiscoveryAction {
    /// Import files of another discovery tool (each file's kind from its name).
    Import {
        /// `pending_queue.json`, `wishlist.txt`, `processed.json`, `downloaded.json`, `catalog_*.json`.
        #[arg(required = true)]
        files: Vec<PathBuf>,
    },
    /// Export the queue, wishlist and history into DIR in the same formats.
    Export {
        /// The folder to write (created if missing; existing files of those names are replaced).
        dir: PathBuf,
    },
}

/// Runs `resonance discovery`.
pub fn run(args: &DiscoveryArgs) -> Result<()> {
    super::keys::with_store(args.data.clone(), args.database.clone(), async |store| act(store, &args.action).await)
}

async fn act(store: &Store, action: &DiscoveryAction) -> Result<()> {
    match action {
        DiscoveryAction::Import { files } => {
            let mut bad = 0;
            for f in files {
                let name = f.file_name().and_then(|n| n.to_str()).unwrap_or("");
                let text = std::fs::read_to_string(f).with_context(|| format!("cannot read {}", f.display()))?;
                let r = legacy::import(store, name, &text).await?;
                println!(
                    "{}: {} added, {} already known or ignored, {} rejected now, {} bad",
                    f.display(),
                    r.added,
                    r.known,
                    r.rejected_now,
                    r.bad.len()
                );
                for b in &r.bad {
                    eprintln!("  {}: {b}", f.display());
                }
                bad += r.bad.len();
            }
            if bad > 0 {
                eprintln!("{bad} entries could not be read (listed above); the rest was imported");
            }
        }
        DiscoveryAction::Export { dir } => {
            if dir.is_file() {
                bail!("{} is a file; give a folder", dir.display());
            }
            for (f, n) in legacy::export(store, dir).await? {
                println!("{}: {n} entries", dir.join(f).display());
            }
        }
    }
    Ok(())
}

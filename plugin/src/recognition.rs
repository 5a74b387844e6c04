//! Music recognition in the plugin: which fingerprint index to match against, and the
//! matcher thread of an activation.
//!
//! A plugin has no command line, and the same index usually serves every instance on a
//! machine (the broadcast's music library), so the index is a machine setting rather than
//! part of each project's plugin state:
//!
//! 1. the environment variable `RESONANCE_INDEX` (a path; empty or `off` disables recognition),
//!    for hosts started from a script or a service unit;
//! 2. else the `index` key of `$XDG_CONFIG_HOME/resonance/plugin.toml` (default
//!    `~/.config/resonance/plugin.toml`), e.g. `index = "/srv/music/library.rfp"`.
//!
//! The index is built with `resonance index MUSIC... --db FILE` and loaded once per plugin
//! instance. At each activation the engine's landmark receiver moves to a
//! [`StreamRecognizer`] thread whose "now playing" / "ended" events go to the bridge through
//! the instance's OSC link (`/resonance/now_playing`). Without an index or without OSC the
//! plugin works as before and matches nothing. The audio thread only hashes (see
//! `resonance_engine::fingerprint::Hasher`).

use std::path::{Path, PathBuf};
use std::sync::Arc;

use resonance_engine::LandmarkReceiver;
use resonance_io::fingerprint::index::Index;
use resonance_io::fingerprint::stream::{RecognizerThread, StreamRecognizer};
use resonance_protocol::{Inbound, OscReporter};

/// Environment variable naming the index.
pub const INDEX_ENV: &str = "RESONANCE_INDEX";

/// Where the index setting comes from: `RESONANCE_INDEX`, else the config file. `None`
/// when recognition is not configured (or switched off with an empty value / `off`).
pub fn configured_index() -> Option<PathBuf> {
    match std::env::var_os(INDEX_ENV) {
        Some(v) if v.is_empty() || v.eq_ignore_ascii_case("off") => None,
        Some(v) => Some(PathBuf::from(v)),
        None => config_file().and_then(|f| index_from_config(&f)),
    }
}

/// `$XDG_CONFIG_HOME/resonance/plugin.toml`, or `~/.config/resonance/plugin.toml`.
pub fn config_file() -> Option<PathBuf> {
    let base = std::env::var_os("XDG_CONFIG_HOME")
        .filter(|v| !v.is_empty())
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".config")))?;
    Some(base.join("resonance").join("plugin.toml"))
}

/// The `index` key of a plugin config file (a relative path is taken from the file's folder).
pub fn index_from_config(file: &Path) -> Option<PathBuf> {
    path_from_config(file, "index")
}

/// A path-valued `key` of a plugin config file (a relative path is taken from the file's
/// folder). `None` when the file, the key or a string value is missing, or the file is not
/// TOML (said on stderr).
pub fn path_from_config(file: &Path, key: &str) -> Option<PathBuf> {
    let text = std::fs::read_to_string(file).ok()?;
    let table: toml::Table = match text.parse() {
        Ok(t) => t,
        Err(e) => {
            // The host's log is the only place a plugin can say this.
            eprintln!("resonance: {} is not valid TOML ({e}); its `{key}` setting is ignored", file.display());
            return None;
        }
    };
    let path = PathBuf::from(table.get(key)?.as_str()?);
    Some(if path.is_relative() { file.parent().map_or(path.clone(), |d| d.join(&path)) } else { path })
}

/// Loads the configured index, if any. A missing or corrupt file leaves recognition off and
/// says why on stderr (the host's log).
pub fn load_configured() -> Option<Arc<Index>> {
    let path = configured_index()?;
    match Index::load(&path) {
        Ok(index) => Some(Arc::new(index)),
        Err(e) => {
            eprintln!("resonance: music recognition is off: {}: {e}", path.display());
            None
        }
    }
}

/// Starts the matcher thread of one activation, reporting through `osc`.
pub fn start(index: &Arc<Index>, landmarks: LandmarkReceiver, osc: OscReporter) -> Option<RecognizerThread> {
    StreamRecognizer::new(Arc::clone(index)).spawn(landmarks, move |e| osc.report(Inbound::from_recognition(&e))).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn config_file_names_the_index_relative_to_itself() {
        let dir = std::env::temp_dir().join(format!("resonance-plugin-cfg-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let f = dir.join("plugin.toml");
        std::fs::write(&f, "index = \"lib/music.rfp\"\n").unwrap();
        assert_eq!(index_from_config(&f), Some(dir.join("lib/music.rfp")));
        std::fs::write(&f, "index = \"/srv/music.rfp\"\n").unwrap();
        assert_eq!(index_from_config(&f), Some(PathBuf::from("/srv/music.rfp")));
        std::fs::write(&f, "other = 1\n").unwrap();
        assert_eq!(index_from_config(&f), None);
        std::fs::write(&f, "index = \n").unwrap();
        assert_eq!(index_from_config(&f), None, "bad TOML leaves recognition off");
        assert_eq!(index_from_config(&dir.join("absent.toml")), None);
        std::fs::remove_dir_all(&dir).unwrap();
    }
}

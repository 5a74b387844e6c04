//! The style vocabulary: which style names exist, so rules, the page, the API and the
//! commands sent to engines name only styles an engine can play
//! ([decision 0017](../../../docs/decisions/0017-one-style-vocabulary.md)).
//!
//! A style is a preset: the factory presets compiled into every binary (the engine's
//! `preset::factory_styles`, from `presets/styles/`), the user presets in `DIR/styles/*.toml`
//! (their `name`), and every style a connected engine announces (`/resonance/styles`, sent
//! with its hello: the factory presets plus the user preset it was started with). Rules are
//! checked against the first two when they load; the API and the page accept all three.

use std::collections::BTreeSet;
use std::path::Path;
use std::sync::RwLock;

use crate::error::BridgeError;

/// Most styles engines may add to the vocabulary (a bound against a flood of announcements).
pub const MAX_ANNOUNCED: usize = 256;

/// The style names that exist.
#[derive(Debug, Default)]
pub struct Styles {
    /// Factory presets, in file-name order.
    factory: Vec<String>,
    /// User presets from `DIR/styles/`, sorted.
    user: Vec<String>,
    /// Styles announced by engines that are neither of the above.
    announced: RwLock<BTreeSet<String>>,
}

impl Styles {
    /// The factory presets plus the user presets in `dir` (`*.toml` files; only their `name`
    /// is read here, the engine validates the rest when it loads them).
    ///
    /// # Errors
    /// [`BridgeError::Config`] naming a preset file that cannot be read or has no `name`.
    pub fn load(dir: Option<&Path>) -> Result<Self, BridgeError> {
        let factory: Vec<String> = resonance_engine::preset::factory_styles().into_iter().map(|(n, _)| n).collect();
        let mut user = BTreeSet::new();
        if let Some(dir) = dir
            && dir.is_dir()
        {
            let entries =
                std::fs::read_dir(dir).map_err(|e| BridgeError::Config(format!("cannot read user presets in {}: {e}", dir.display())))?;
            for p in entries.filter_map(Result::ok).map(|e| e.path()).filter(|p| p.extension().is_some_and(|e| e == "toml")) {
                let bad = |m: String| BridgeError::Config(format!("user preset {}: {m}", p.display()));
                let text = std::fs::read_to_string(&p).map_err(|e| bad(e.to_string()))?;
                let table: toml::Table = text.parse().map_err(|e: toml::de::Error| bad(e.message().to_string()))?;
                let name = table
                    .get("name")
                    .and_then(toml::Value::as_str)
                    .filter(|n| !n.is_empty() && n.len() <= 64)
                    .ok_or_else(|| bad("needs `name = \"...\"` (1..=64 characters)".into()))?;
                if !factory.iter().any(|f| f == name) {
                    user.insert(name.to_string());
                }
            }
        }
        Ok(Self { factory, user: user.into_iter().collect(), announced: RwLock::new(BTreeSet::new()) })
    }

    /// The factory and user presets alone (what rules may name when they load).
    pub fn known_at_start(&self) -> impl Iterator<Item = &str> {
        self.factory.iter().chain(&self.user).map(String::as_str)
    }

    /// Whether `name` is a style that exists now.
    pub fn contains(&self, name: &str) -> bool {
        self.known_at_start().any(|n| n == name) || self.announced.read().unwrap_or_else(std::sync::PoisonError::into_inner).contains(name)
    }

    /// Every style: factory presets, user presets, then styles announced by engines.
    pub fn names(&self) -> Vec<String> {
        let mut v: Vec<String> = self.known_at_start().map(str::to_string).collect();
        v.extend(self.announced.read().unwrap_or_else(std::sync::PoisonError::into_inner).iter().cloned());
        v
    }

    /// The factory presets.
    pub fn factory(&self) -> &[String] {
        &self.factory
    }

    /// Adds the styles an engine announced. Returns how many were refused because the
    /// vocabulary is full ([`MAX_ANNOUNCED`]).
    pub fn announce(&self, names: &[String]) -> usize {
        let mut refused = 0;
        let new: Vec<&String> = names.iter().filter(|n| !self.known_at_start().any(|k| k == n.as_str())).collect();
        if new.is_empty() {
            return 0;
        }
        let mut set = self.announced.write().unwrap_or_else(std::sync::PoisonError::into_inner);
        for n in new {
            if set.contains(n) {
                continue;
            }
            if set.len() >= MAX_ANNOUNCED {
                refused += 1;
            } else {
                set.insert(n.clone());
            }
        }
        refused
    }

    /// The message for an unknown style: what was asked for and every valid name.
    pub fn unknown(&self, name: &str) -> String {
        format!(
            "unknown style {name:?}; valid styles: {} (the factory presets, user presets in DIR/styles/ and styles the connected engines announce)",
            self.names().join(", ")
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn factory_user_and_announced_styles_exist_and_nothing_else() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("mine.toml"), "version = 1\nname = \"my-set\"\n").unwrap();
        let s = Styles::load(Some(dir.path())).unwrap();
        assert!(s.contains("stadium-anthem") && s.contains("dark-ambient-dungeon") && s.contains("my-set"));
        assert!(!s.contains("battle"));
        let m = s.unknown("battle");
        assert!(m.contains("\"battle\"") && m.contains("cinematic-orchestral") && m.contains("my-set"), "{m}");
        assert_eq!(s.announce(&["their-preset".into(), "electronic".into()]), 0);
        assert!(s.contains("their-preset"));
        assert_eq!(s.names().iter().filter(|n| *n == "electronic").count(), 1, "{:?}", s.names());
        let flood: Vec<String> = (0..MAX_ANNOUNCED + 10).map(|i| format!("x{i}")).collect();
        assert_eq!(s.announce(&flood), 11, "the vocabulary is bounded");
        std::fs::write(dir.path().join("bad.toml"), "version = 1\n").unwrap();
        let e = Styles::load(Some(dir.path())).unwrap_err().to_string();
        assert!(e.contains("bad.toml") && e.contains("name"), "{e}");
    }
}

//! The plugin crate's error type: why a saved state was refused, each with
//! what to do about it.

/// Everything that can go wrong in the plugin outside the audio thread.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum PluginError {
    #[error("the plugin state is not a Resonance state (bad magic); load a state saved by Resonance or reset the plugin")]
    StateMagic,
    #[error("the plugin state is truncated ({0}); the project file may be damaged: load a backup or reset the plugin")]
    StateTruncated(&'static str),
    #[error("the plugin state has format version {found}, newer than this build reads ({supported}); upgrade Resonance")]
    StateFutureVersion { found: u16, supported: u16 },
    #[error("the plugin state has unknown format version {0}; load a state saved by Resonance")]
    StateUnknownVersion(u16),
    #[error("the plugin state is corrupt ({0}); load a backup or reset the plugin")]
    StateCorrupt(&'static str),
    #[error("the plugin state is larger than {max} bytes; it is not a Resonance state")]
    StateTooLarge { max: usize },
    #[error("could not read the plugin state from the host: {0}; retry the load")]
    StateIo(#[source] std::io::Error),
}

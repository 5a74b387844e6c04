//! Resonance bridge: the tokio service that connects engines to games, pages and metrics.
//!
//! Filled in by the bridge issue.

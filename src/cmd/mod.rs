//! One module per subcommand.

pub mod analyze;
pub mod bridge;
pub mod clips;
pub mod demo;
pub mod discovery;
pub mod highlight;
pub mod identify;
pub mod index;
pub mod keys;
pub mod library;
pub mod plot;
pub mod presets;
pub mod render;
pub mod render_arc;
pub mod up;

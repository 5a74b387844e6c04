//! One module per subcommand.

pub mod bridge;
pub mod analyze;
pub mod demo;
pub mod highlight;
pub mod plot;
pub mod identify;
pub mod index;
pub mod presets;
pub mod render;
pub mod render_arc;
pub mod up;

//! One module per subcommand.

pub mod bridge;
pub mod demo;
pub mod presets;
pub mod render;

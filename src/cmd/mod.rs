//! One module per subcommand.

pub mod demo;
pub mod identify;
pub mod index;
pub mod presets;
pub mod render;

//! One module per subcommand.

pub mod identify;
pub mod index;

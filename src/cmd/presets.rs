//! `resonance presets`: list factory presets and parameters.

use anyhow::Result;
use resonance_engine::ParamId;

/// Arguments of `resonance presets`.
#[derive(Debug, Clone, clap::Args)]
pub struct PresetsArgs {
    /// Also list every engine parameter with its ID, range and default.
    #[arg(long)]
    pub params: bool,
}

pub fn run(args: &PresetsArgs) -> Result<()> {
    for p in resonance_io::preset::factory()? {
        println!("{:<24} {}", p.name, p.description);
    }
    if args.params {
        println!();
        println!("{:<16} {:<22} {:>8} {:>8} {:>8}", "id", "name", "min", "max", "default");
        for id in ParamId::ALL {
            let i = id.info();
            println!("{:<16} {:<22} {:>8} {:>8} {:>8}", i.id, i.name, i.min, i.max, i.format(i.default));
        }
    }
    Ok(())
}

//! Project automation (`cargo xtask ...`). The plugin bundler arrives with the plugin issue.

fn main() -> anyhow::Result<()> {
    if let Some(task) = std::env::args().nth(1) {
        anyhow::bail!("unknown xtask `{task}`; available: (none yet)");
    }
    eprintln!("usage: cargo xtask <task>");
    Ok(())
}

//! Project automation (`cargo xtask ...`). The plugin bundler arrives with the plugin issue.

fn main() -> anyhow::Result<()> {
    let task = std::env::args().nth(1);
    match task.as_deref() {
        Some(other) => anyhow::bail!("unknown xtask `{other}`; available: (none yet)"),
        None => {
            eprintln!("usage: cargo xtask <task>");
            Ok(())
        }
    }
}

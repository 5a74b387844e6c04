//! `resonance up` (and `resonance` with no subcommand): the whole product on one machine — the
//! bridge as a child process and the live host — stopped together on Ctrl-C.

use std::net::{SocketAddr, TcpStream, ToSocketAddrs};
use std::process::{Child, Command, Stdio};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use anyhow::{Context, Result, bail};

use crate::live::control::run_until;
use crate::live::options::LiveArgs;

/// Options of `resonance up`.
#[derive(Debug, Clone, clap::Args)]
pub struct UpArgs {
    /// Do not start a bridge (the live host runs alone).
    #[arg(long)]
    pub no_bridge: bool,
    /// Use a bridge already running at this HTTP address instead of starting one.
    #[arg(long, value_name = "ADDR", conflicts_with = "no_bridge")]
    pub bridge: Option<String>,
    /// Address the started bridge listens on for HTTP (web page, API).
    #[arg(long, default_value = "127.0.0.1:7878")]
    pub listen: String,
    /// Address the started bridge receives OSC on.
    #[arg(long, default_value = "127.0.0.1:9000")]
    pub osc: String,
    #[command(flatten)]
    pub live: LiveArgs,
}

/// The bridge child; stopped (SIGTERM, then SIGKILL after 5 s) when dropped.
struct BridgeChild(Child);

impl Drop for BridgeChild {
    fn drop(&mut self) {
        let pid = self.0.id().to_string();
        // SIGTERM lets the bridge finish its writes and close the database cleanly
        let _ = Command::new("kill").args(["-TERM", &pid]).status();
        let deadline = Instant::now() + Duration::from_secs(5);
        while Instant::now() < deadline {
            if matches!(self.0.try_wait(), Ok(Some(_))) {
                return;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn resolve(addr: &str) -> Result<SocketAddr> {
    addr.to_socket_addrs()
        .with_context(|| format!("`{addr}` is not a host:port address"))?
        .next()
        .ok_or_else(|| anyhow::anyhow!("`{addr}` does not resolve to an address"))
}

fn wait_listening(addr: SocketAddr, child: &mut Child, within: Duration) -> Result<()> {
    let deadline = Instant::now() + within;
    while Instant::now() < deadline {
        if TcpStream::connect_timeout(&addr, Duration::from_millis(200)).is_ok() {
            return Ok(());
        }
        if let Some(status) = child.try_wait()? {
            bail!("the bridge exited before it was ready ({status}); run `resonance bridge` alone to see why");
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    bail!("the bridge did not start listening on {addr} within {} s", within.as_secs())
}

pub fn run(args: &UpArgs) -> Result<()> {
    let mut live = args.live.merged()?;
    let stop = Arc::new(AtomicBool::new(false));
    {
        let stop = stop.clone();
        let _ = ctrlc::set_handler(move || stop.store(true, Ordering::Relaxed));
    }
    let mut bridge = None;
    if let Some(addr) = &args.bridge {
        let sa = resolve(addr)?;
        TcpStream::connect_timeout(&sa, Duration::from_secs(2))
            .with_context(|| format!("no bridge answers at {addr}; start one with `resonance bridge`"))?;
        println!("web page: http://{addr}/");
    } else if !args.no_bridge {
        let exe = std::env::current_exe().context("cannot find the resonance executable")?;
        let mut child = Command::new(exe)
            .args(["bridge", "--listen", &args.listen, "--osc", &args.osc])
            .stdin(Stdio::null())
            .spawn()
            .context("cannot start the bridge")?;
        wait_listening(resolve(&args.listen)?, &mut child, Duration::from_secs(20))?;
        bridge = Some(BridgeChild(child));
        println!("web page: http://{}/", args.listen);
        // the live host reports to the bridge it started
        if live.osc_bridge.is_none() {
            live.osc_bridge = Some(args.osc.clone());
        }
    }
    let result = run_until(&live, &stop);
    drop(bridge);
    let summary = result?;
    summary.print(live.json, live.record.is_some());
    Ok(())
}

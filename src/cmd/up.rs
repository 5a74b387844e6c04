//! `resonance up` (and `resonance` with no subcommand): the whole product on one machine — the
//! bridge as a child process and the live host — stopped together.
//!
//! Stopping together (decision record 0021): SIGINT, SIGTERM and SIGHUP stop the live host
//! (which prints its summary) and then the bridge child (SIGTERM, so it writes its sessions
//! and closes the database). If `up` itself dies without a word (`kill -9`, a crash), the
//! child notices: on Linux the kernel sends it SIGTERM (`PR_SET_PDEATHSIG`), and everywhere
//! its stdin, a pipe whose only writer is `up`, reaches end of file.
//!
//! The bridge answering must be the one `up` started: before starting it, `up` refuses a port
//! already taken (naming the bridge or program holding it), and afterwards it waits for
//! `/healthz` to report the per-run instance id it gave the child. The live host reports to it
//! with a per-run OSC token (decision record 0022), so it is authenticated even when the
//! bridge trusts no address.

use std::io::{Read as _, Write as _};
use std::net::{SocketAddr, TcpStream, ToSocketAddrs, UdpSocket};
use std::process::{Child, ChildStdin, Command, Stdio};
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

/// The bridge child; stopped (SIGTERM, then SIGKILL after 5 s) when dropped. Its stdin is the
/// pipe it watches: dropping `_lifeline` (here, or by the kernel when `up` dies) closes it.
struct BridgeChild {
    child: Child,
    _lifeline: Option<ChildStdin>,
}

impl Drop for BridgeChild {
    fn drop(&mut self) {
        if matches!(self.child.try_wait(), Ok(Some(_))) {
            return;
        }
        let pid = self.child.id().to_string();
        // SIGTERM lets the bridge finish its writes and close the database cleanly
        let _ = Command::new("kill").args(["-TERM", &pid]).stderr(Stdio::null()).status();
        let deadline = Instant::now() + Duration::from_secs(5);
        while Instant::now() < deadline {
            if matches!(self.child.try_wait(), Ok(Some(_))) {
                return;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn resolve(addr: &str) -> Result<SocketAddr> {
    addr.to_socket_addrs()
        .with_context(|| format!("`{addr}` is not a host:port address"))?
        .next()
        .ok_or_else(|| anyhow::anyhow!("`{addr}` does not resolve to an address"))
}

/// `n` random bytes as hex, from the OS (`/dev/urandom`); where that is missing, from the
/// standard library's randomly seeded hasher.
fn random_hex(n: usize) -> String {
    use std::fmt::Write as _;
    let mut bytes = vec![0u8; n];
    let from_os = std::fs::File::open("/dev/urandom").and_then(|mut f| f.read_exact(&mut bytes)).is_ok();
    if !from_os {
        use std::hash::{BuildHasher as _, Hasher as _};
        for (i, chunk) in bytes.chunks_mut(8).enumerate() {
            let mut h = std::collections::hash_map::RandomState::new().build_hasher();
            h.write_usize(i);
            h.write_u128(std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_nanos()));
            h.write_u32(std::process::id());
            chunk.copy_from_slice(&h.finish().to_le_bytes()[..chunk.len()]);
        }
    }
    bytes.iter().fold(String::with_capacity(n * 2), |mut s, b| {
        let _ = write!(s, "{b:02x}");
        s
    })
}

/// What answers HTTP at `addr`: `Ok(Some(health))` for a Resonance bridge (its `/healthz`
/// JSON), `Ok(None)` when nothing listens, `Err(description)` for another program.
fn probe(addr: SocketAddr) -> Result<Option<serde_json::Value>, String> {
    let Ok(mut s) = TcpStream::connect_timeout(&addr, Duration::from_millis(300)) else { return Ok(None) };
    let _ = s.set_read_timeout(Some(Duration::from_secs(2)));
    let _ = s.set_write_timeout(Some(Duration::from_secs(2)));
    if s.write_all(format!("GET /healthz HTTP/1.0\r\nHost: {addr}\r\nConnection: close\r\n\r\n").as_bytes()).is_err() {
        return Err("a program that accepts connections but takes no HTTP request".into());
    }
    let mut text = Vec::new();
    let _ = s.take(64 * 1024).read_to_end(&mut text);
    let text = String::from_utf8_lossy(&text);
    let (head, body) = text.split_once("\r\n\r\n").unwrap_or((&text, ""));
    if let Ok(v) = serde_json::from_str::<serde_json::Value>(body)
        && v["service"] == "resonance-bridge"
    {
        return Ok(Some(v));
    }
    let server = head.lines().find_map(|l| l.split_once(':').filter(|(k, _)| k.eq_ignore_ascii_case("server")).map(|(_, v)| v.trim()));
    Err(match (head.lines().next(), server) {
        (_, Some(server)) => format!("a program that is not a Resonance bridge (HTTP server `{server}`)"),
        (Some(first), None) if first.starts_with("HTTP/") => format!("a program that is not a Resonance bridge (it answered `{first}`)"),
        _ => "a program that is not a Resonance bridge (it does not answer HTTP)".into(),
    })
}

/// One line about a running bridge from its `/healthz` JSON.
fn describe(health: &serde_json::Value) -> String {
    format!(
        "another Resonance bridge (pid {}, up {} s, {} sessions, storage {})",
        health["pid"], health["uptime_s"], health["sessions"], health["storage"]
    )
}

/// Refuses ports another program holds, naming it.
fn check_ports_free(listen: SocketAddr, osc: SocketAddr) -> Result<()> {
    let taken = match probe(listen) {
        Ok(None) => None,
        Ok(Some(health)) => Some(describe(&health)),
        Err(what) => Some(what),
    };
    if let Some(what) = taken {
        bail!(
            "the bridge's HTTP port {listen} is taken by {what}; stop it, choose another port with --listen (and --osc), or use that bridge with --bridge {listen}"
        );
    }
    if let Err(e) = UdpSocket::bind(osc) {
        bail!("the bridge's OSC port {osc} is not free ({e}); another bridge may be using it: choose another port with --osc");
    }
    Ok(())
}

/// Waits until the bridge started with `instance` answers at `addr`, the child exits, `stop`
/// is set, or `within` passes.
fn wait_ready(addr: SocketAddr, instance: &str, child: &mut Child, stop: &AtomicBool, within: Duration) -> Result<()> {
    let deadline = Instant::now() + within;
    while Instant::now() < deadline && !stop.load(Ordering::Relaxed) {
        match probe(addr) {
            Ok(Some(health)) if health["instance"] == instance => return Ok(()),
            Ok(Some(health)) => {
                bail!("the HTTP port {addr} was taken by {} while this one started; choose another with --listen", describe(&health))
            }
            Err(what) => bail!("the HTTP port {addr} was taken by {what} while the bridge started; choose another with --listen"),
            Ok(None) => {}
        }
        if let Some(status) = child.try_wait()? {
            bail!("the bridge exited before it was ready ({status}); its messages are above (run `resonance bridge` alone to try it)");
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    if stop.load(Ordering::Relaxed) {
        bail!("stopped while the bridge was starting");
    }
    bail!("the bridge did not start answering on {addr} within {} s", within.as_secs())
}

/// Starts the bridge child on `args.listen`/`args.osc`, accepting `token` over OSC.
fn start_bridge(args: &UpArgs, token: &str, stop: &AtomicBool) -> Result<BridgeChild> {
    let (listen, osc) = (resolve(&args.listen)?, resolve(&args.osc)?);
    check_ports_free(listen, osc)?;
    let instance = random_hex(8);
    let exe = std::env::current_exe().context("cannot find the resonance executable")?;
    let mut child = Command::new(exe)
        .args(["bridge", "--listen", &args.listen, "--osc", &args.osc, "--instance-id", &instance, "--exit-with-stdin"])
        .env("RESONANCE_OSC_TOKEN", token)
        .stdin(Stdio::piped())
        .spawn()
        .context("cannot start the bridge")?;
    let lifeline = child.stdin.take();
    let mut bridge = BridgeChild { child, _lifeline: lifeline };
    // on error, dropping `bridge` stops the child
    wait_ready(listen, &instance, &mut bridge.child, stop, Duration::from_secs(20))?;
    Ok(bridge)
}

pub fn run(args: &UpArgs) -> Result<()> {
    let mut live = args.live.merged()?;
    let stop = Arc::new(AtomicBool::new(false));
    {
        let stop = stop.clone();
        // SIGINT, SIGTERM and SIGHUP (ctrlc's `termination` feature)
        let _ = ctrlc::set_handler(move || stop.store(true, Ordering::Relaxed));
    }
    let mut bridge = None;
    if let Some(addr) = &args.bridge {
        let sa = resolve(addr)?;
        match probe(sa) {
            Ok(Some(_)) => {}
            Ok(None) => bail!("no bridge answers at {addr}; start one with `resonance bridge`"),
            Err(what) => bail!("{addr} is {what}; give the address of a running `resonance bridge`"),
        }
        println!("web page: http://{addr}/");
    } else if !args.no_bridge {
        let token = live.osc_token.clone().unwrap_or_else(|| random_hex(24));
        bridge = Some(start_bridge(args, &token, &stop)?);
        println!("web page: http://{}/", args.listen);
        // the live host reports to the bridge it started, with the token that bridge accepts
        if live.osc_bridge.is_none() {
            live.osc_bridge = Some(args.osc.clone());
        }
        live.osc_token = Some(token);
    }
    let result = run_until(&live, &stop);
    drop(bridge);
    let summary = result?;
    summary.print(live.json, live.record.is_some());
    Ok(())
}

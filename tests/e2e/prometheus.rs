//! Debian's `prometheus` scrapes a running `resonance bridge` every second and a clip-play
//! series is read back through Prometheus's own HTTP API (`/api/v1/query`); `promtool` checks
//! the repository's scrape config (ops/prometheus/resonance.yml).

use std::fmt::Write as _;
use std::io::{Read as _, Write as _};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::Value;

use crate::bridge::spawn_bridge;

const PROMETHEUS: &str = "/usr/bin/prometheus";

/// A child process killed (by its own pid) and reaped when dropped.
struct ChildGuard(Child);

impl Drop for ChildGuard {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// One HTTP/1.1 request with `Connection: close`: (status, body).
pub(crate) fn http(addr: SocketAddr, method: &str, path: &str, headers: &[(&str, &str)], body: &[u8]) -> (u16, Vec<u8>) {
    let mut s = TcpStream::connect(addr).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
    let mut req = format!("{method} {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\nContent-Length: {}\r\n", body.len());
    for (k, v) in headers {
        let _ = write!(req, "{k}: {v}\r\n");
    }
    req.push_str("\r\n");
    s.write_all(req.as_bytes()).unwrap();
    s.write_all(body).unwrap();
    let mut out = Vec::new();
    let _ = s.read_to_end(&mut out);
    let split = out.windows(4).position(|w| w == b"\r\n\r\n").map_or(out.len(), |i| i + 4);
    let head = String::from_utf8_lossy(&out[..split]).into_owned();
    let status = head.split_whitespace().nth(1).and_then(|s| s.parse().ok()).unwrap_or(0);
    let mut body = out[split..].to_vec();
    if head.to_ascii_lowercase().contains("transfer-encoding: chunked") {
        body = dechunk(&body);
    }
    (status, body)
}

fn dechunk(mut b: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    while let Some(i) = b.windows(2).position(|w| w == b"\r\n") {
        let n = usize::from_str_radix(String::from_utf8_lossy(&b[..i]).trim(), 16).unwrap_or(0);
        if n == 0 {
            break;
        }
        out.extend_from_slice(&b[i + 2..i + 2 + n]);
        b = &b[i + 4 + n..];
    }
    out
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
}

#[test]
fn prometheus_scrapes_the_bridge_and_reads_clip_plays_back() {
    if !Path::new(PROMETHEUS).exists() {
        if std::env::var_os("RESONANCE_SKIP_PROMETHEUS").is_some() {
            eprintln!("skipped: {PROMETHEUS} is missing and RESONANCE_SKIP_PROMETHEUS is set");
            return;
        }
        panic!("{PROMETHEUS} not found: run `apt-get install -y prometheus` (scripts/setup.sh does)");
    }
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    let check = Command::new("promtool").args(["check", "config"]).arg(repo.join("ops/prometheus/resonance.yml")).output().unwrap();
    assert!(check.status.success(), "promtool: {}", String::from_utf8_lossy(&check.stderr));

    let dir = tempfile::tempdir().unwrap();
    let b = spawn_bridge(&dir.path().join("data"), &[]);
    let key = b.key.clone().expect("first start prints a key");
    // One clip, streamed three times.
    let file = std::fs::read(resonance_test_support::test_audio_dir().join("events/crowdooh.wav")).unwrap();
    let boundary = "prom-test-boundary";
    let mut body = format!("--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"ooh.wav\"\r\n\r\n").into_bytes();
    body.extend_from_slice(&file);
    body.extend_from_slice(format!("\r\n--{boundary}--\r\n").as_bytes());
    let ct = format!("multipart/form-data; boundary={boundary}");
    let auth = format!("Bearer {key}");
    let (s, out) = http(b.http, "POST", "/play", &[("Content-Type", &ct), ("Authorization", &auth)], &body);
    assert_eq!(s, 201, "{}", String::from_utf8_lossy(&out));
    let clip: Value = serde_json::from_slice(&out).unwrap();
    for _ in 0..3 {
        let (s, got) = http(b.http, "GET", &format!("/play/{}/stream", clip["id"].as_str().unwrap()), &[], b"");
        assert_eq!((s, got.len()), (200, file.len()));
    }

    // Prometheus, from the repository's config with this bridge's address and a 1 s interval.
    let config = std::fs::read_to_string(repo.join("ops/prometheus/resonance.yml"))
        .unwrap()
        .replace("127.0.0.1:7878", &b.http.to_string())
        .replace("scrape_interval: 5s", "scrape_interval: 1s")
        .replace("scrape_timeout: 4s", "scrape_timeout: 900ms");
    std::fs::write(dir.path().join("prom.yml"), config).unwrap();
    let port = free_port();
    let addr: SocketAddr = format!("127.0.0.1:{port}").parse().unwrap();
    let log = std::fs::File::create(dir.path().join("prometheus.log")).unwrap();
    let _prom = ChildGuard(
        Command::new(PROMETHEUS)
            .arg(format!("--config.file={}", dir.path().join("prom.yml").display()))
            .arg(format!("--storage.tsdb.path={}", dir.path().join("tsdb").display()))
            .arg(format!("--web.listen-address={addr}"))
            .args(["--storage.tsdb.retention.time=10m", "--log.level=warn"])
            .stdout(Stdio::null())
            .stderr(log)
            .spawn()
            .expect("start prometheus"),
    );
    let deadline = Instant::now() + Duration::from_secs(25);
    let query = "/api/v1/query?query=resonance_bridge_clip_plays_total%7Bkind%3D%22listen%22%7D";
    let mut last = String::new();
    loop {
        if TcpStream::connect(addr).is_ok() {
            let (s, out) = http(addr, "GET", query, &[], b"");
            last = String::from_utf8_lossy(&out).into_owned();
            if s == 200 {
                let v: Value = serde_json::from_slice(&out).unwrap_or(Value::Null);
                if let Some(r) = v["data"]["result"].as_array().and_then(|r| r.first()) {
                    assert_eq!(r["metric"]["job"], "resonance-bridge", "{v}");
                    if r["value"][1] == "3" {
                        break;
                    }
                }
            }
        }
        if Instant::now() > deadline {
            let (_, targets) = http(addr, "GET", "/api/v1/targets", &[], b"");
            panic!(
                "Prometheus did not read resonance_bridge_clip_plays_total{{kind=\"listen\"}} = 3 within 25 s; last answer {last}; targets {}; log {}",
                String::from_utf8_lossy(&targets),
                std::fs::read_to_string(dir.path().join("prometheus.log")).unwrap_or_default()
            );
        }
        std::thread::sleep(Duration::from_millis(250));
    }
    // The per-route request counter is there too.
    let (s, out) = http(
        addr,
        "GET",
        "/api/v1/query?query=resonance_bridge_http_requests_total%7Broute%3D%22%2Fplay%2F%7Bid%7D%2Fstream%22%7D",
        &[],
        b"",
    );
    let v: Value = serde_json::from_slice(&out).unwrap();
    assert_eq!(s, 200);
    assert_eq!(v["data"]["result"][0]["value"][1], "3", "{v}");
}

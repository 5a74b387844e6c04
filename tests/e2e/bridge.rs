//! `resonance bridge` as a real process: durability across `kill -9` during writes, API keys
//! made on the command line, a clip folder that cannot be written.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::Value;

/// A running `resonance bridge` with its addresses and (first start only) its key.
pub struct BridgeProc {
    pub child: Child,
    pub http: SocketAddr,
    pub osc: SocketAddr,
    pub key: Option<String>,
}

impl Drop for BridgeProc {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Starts the bridge on ephemeral loopback ports with its data in `dir`.
pub fn spawn_bridge(dir: &std::path::Path, extra: &[&str]) -> BridgeProc {
    spawn_service("bridge", dir, extra)
}

/// Starts `resonance COMMAND` (`bridge` or `serve-recognition`) like [`spawn_bridge`].
pub fn spawn_service(command: &str, dir: &std::path::Path, extra: &[&str]) -> BridgeProc {
    spawn_service_with(command, dir, extra, |_| {})
}

/// [`spawn_service`] with `tune` applied to the command before it starts (another user).
pub fn spawn_service_with(command: &str, dir: &std::path::Path, extra: &[&str], tune: impl FnOnce(&mut Command)) -> BridgeProc {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_resonance"));
    cmd.args([command, "--listen", "127.0.0.1:0", "--osc", "127.0.0.1:0", "--data"])
        .arg(dir)
        .args(extra)
        .env("RUST_LOG", "warn")
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit());
    tune(&mut cmd);
    let child = cmd.spawn().expect("spawn resonance bridge");
    let unbound = SocketAddr::from(([0, 0, 0, 0], 0));
    // Owned by `BridgeProc` from here on, so the process is killed and reaped on every path.
    let mut p = BridgeProc { child, http: unbound, osc: unbound, key: None };
    let mut lines = BufReader::new(p.child.stdout.take().unwrap()).lines();
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        assert!(Instant::now() < deadline, "bridge did not start within 30 s");
        let line = lines.next().expect("bridge exited before printing its address").unwrap();
        if let Some(k) = line.split("keep it): ").nth(1) {
            p.key = Some(k.trim().to_string());
        }
        if let Some(rest) = line.strip_prefix("resonance bridge: http://") {
            p.http = rest.split_whitespace().next().unwrap().parse().unwrap();
            p.osc = rest.split("udp://").nth(1).unwrap().split([',', ' ']).next().unwrap().parse().unwrap();
            // Keep draining stdout so the child never blocks on a full pipe.
            std::thread::spawn(move || for _ in lines.by_ref() {});
            return p;
        }
    }
}

/// Minimal blocking HTTP/1.1 keep-alive client.
pub struct Conn(TcpStream);

impl Conn {
    pub fn open(addr: SocketAddr) -> std::io::Result<Self> {
        Self::open_waiting(addr, Duration::from_secs(10))
    }

    /// [`Conn::open`] waiting up to `wait` for each answer (a long import).
    pub fn open_waiting(addr: SocketAddr, wait: Duration) -> std::io::Result<Self> {
        let s = TcpStream::connect(addr)?;
        s.set_nodelay(true)?;
        s.set_read_timeout(Some(wait))?;
        Ok(Self(s))
    }

    pub fn req(&mut self, method: &str, path: &str, key: Option<&str>, body: &str) -> std::io::Result<(u16, Value)> {
        let auth = key.map(|k| format!("Authorization: Bearer {k}\r\n")).unwrap_or_default();
        write!(
            self.0,
            "{method} {path} HTTP/1.1\r\nHost: 127.0.0.1\r\n{auth}Content-Type: application/json\r\nContent-Length: {}\r\n\r\n{body}",
            body.len()
        )?;
        let mut head = Vec::new();
        let mut b = [0u8; 1];
        while !head.ends_with(b"\r\n\r\n") {
            if self.0.read(&mut b)? == 0 {
                return Err(std::io::Error::new(std::io::ErrorKind::UnexpectedEof, "connection closed"));
            }
            head.push(b[0]);
        }
        let head = String::from_utf8_lossy(&head).to_string();
        let status: u16 = head.split_whitespace().nth(1).and_then(|s| s.parse().ok()).unwrap_or(0);
        let len: usize = head
            .lines()
            .find_map(|l| l.to_ascii_lowercase().strip_prefix("content-length:").map(|v| v.trim().parse().unwrap_or(0)))
            .unwrap_or(0);
        let mut body = vec![0u8; len];
        self.0.read_exact(&mut body)?;
        Ok((status, serde_json::from_slice(&body).unwrap_or(Value::Null)))
    }
}

#[test]
fn bridge_kill_9_during_writes_loses_no_acknowledged_update() {
    let dir = tempfile::tempdir().unwrap();
    let mut b = spawn_bridge(dir.path(), &[]);
    let key = b.key.clone().expect("first start prints the API key");
    let writers: Vec<_> = (0..4)
        .map(|w| {
            let (addr, key) = (b.http, key.clone());
            std::thread::spawn(move || {
                let mut conn = Conn::open(addr).unwrap();
                let mut acked = 0u64;
                for n in 1u64.. {
                    let body = format!("{{\"hp\": {n}, \"max_hp\": 1000000}}");
                    match conn.req("POST", &format!("/api/v1/sessions/writer-{w}/telemetry"), Some(&key), &body) {
                        Ok((200, v)) => {
                            assert_eq!(v["updates"].as_u64(), Some(n), "{v}");
                            acked = n;
                        }
                        Ok((s, v)) => panic!("unexpected answer {s}: {v}"),
                        Err(_) => break, // the bridge was killed
                    }
                }
                acked
            })
        })
        .collect();
    std::thread::sleep(Duration::from_millis(1500));
    // SIGKILL in the middle of the writes.
    b.child.kill().unwrap();
    b.child.wait().unwrap();
    let acked: Vec<u64> = writers.into_iter().map(|w| w.join().unwrap()).collect();
    assert!(acked.iter().all(|&a| a > 10), "writers made too little progress before the kill: {acked:?}");

    let b2 = spawn_bridge(dir.path(), &[]);
    assert!(b2.key.is_none(), "the key is printed only at the first start");
    let mut conn = Conn::open(b2.http).unwrap();
    for (w, &a) in acked.iter().enumerate() {
        let (s, v) = conn.req("GET", &format!("/api/v1/sessions/writer-{w}"), None, "").unwrap();
        assert_eq!(s, 200, "session writer-{w} lost: {v}");
        let updates = v["updates"].as_u64().unwrap();
        // Every acknowledged update survived; at most one more (committed, answer lost in the kill).
        assert!(updates == a || updates == a + 1, "writer-{w}: acknowledged {a}, restored {updates}");
        assert_eq!(v["metrics"]["hp"].as_f64(), Some(updates as f64), "state matches the last stored update");
    }
    eprintln!("kill -9: acknowledged {acked:?}, all restored");
}

/// `resonance keys`: a key made on the command line works, `list` shows it (never the key),
/// and a revoked key gets 401 from the running bridge within its reload interval.
#[test]
fn keys_command_creates_lists_and_revokes_and_a_running_bridge_follows() {
    let dir = tempfile::tempdir().unwrap();
    let keys = |args: &[&str]| {
        let o = Command::new(env!("CARGO_BIN_EXE_resonance")).arg("keys").args(args).arg("--data").arg(dir.path()).output().unwrap();
        (o.status.success(), String::from_utf8_lossy(&o.stdout).into_owned(), String::from_utf8_lossy(&o.stderr).into_owned())
    };
    let (ok, key, err) = keys(&["create", "--name", "game-server"]);
    assert!(ok && key.trim().starts_with("rsn_"), "{key}{err}");
    let key = key.trim().to_string();
    assert!(err.contains("Authorization: Bearer"), "says where the key is needed: {err}");
    let (ok, list, _) = keys(&["list"]);
    assert!(ok && list.contains("game-server") && list.contains("active") && !list.contains(&key), "{list}");
    let id = list.lines().find(|l| l.contains("game-server")).unwrap().split_whitespace().next().unwrap().to_string();

    // A key already exists, so the first start makes none; the CLI's key works.
    let b = spawn_bridge(dir.path(), &[]);
    assert!(b.key.is_none(), "no second initial key when one exists");
    // a fresh connection per request: the bridge closes one after refusing its unread body
    let post = |key: &str| Conn::open(b.http).unwrap().req("POST", "/api/v1/sessions/k/telemetry", Some(key), r#"{"hp": 3}"#).unwrap().0;
    assert_eq!(post(&key), 200);

    // A key made while the bridge runs is accepted within the reload interval.
    let (ok, key2, err) = keys(&["create"]);
    assert!(ok, "{err}");
    let deadline = Instant::now() + Duration::from_secs(10);
    while post(key2.trim()) != 200 {
        assert!(Instant::now() < deadline, "the new key was never accepted");
        std::thread::sleep(Duration::from_millis(200));
    }
    // Revoked: 401 within the reload interval.
    let (ok, out, err) = keys(&["revoke", &id]);
    assert!(ok && out.contains(&id), "{out}{err}");
    let deadline = Instant::now() + Duration::from_secs(10);
    while post(&key) != 401 {
        assert!(Instant::now() < deadline, "the revoked key still works");
        std::thread::sleep(Duration::from_millis(200));
    }
    assert_eq!(post(key2.trim()), 200, "the other key still works");
    let (ok, list, _) = keys(&["list"]);
    assert!(ok && list.lines().any(|l| l.starts_with(&id) && l.contains("revoked")), "{list}");
    let (ok, _, err) = keys(&["revoke", &id]);
    assert!(!ok && err.contains("resonance keys list"), "revoking twice says what to do: {err}");
}

/// The clip folder cannot be written: `DATA/clips` is read-only to the bridge (mode 0555; the
/// bridge and the import run as `nobody` when the tests run as root, whom permissions do not
/// stop), so the real writes fail with the kernel's `EACCES`. `POST /play` answers 503
/// `storage_read_only` naming the folder and what to do — when the temporary cannot be made,
/// and when the decoded file cannot be placed among the blobs — and `resonance clips import`
/// stops at its first file with exit status 1 and the same message. Nothing is written (no
/// temporary, no blob, no row); the clip already there still lists, streams and counts. Made
/// writable again, the same upload and import succeed.
#[test]
#[expect(clippy::too_many_lines, reason = "one scripted sequence (refuse at two stages, then succeed), read top to bottom")]
fn a_read_only_clip_folder_refuses_uploads_and_imports_with_503_and_writes_nothing() {
    use std::os::unix::fs::{MetadataExt as _, PermissionsExt as _, chown};
    use std::os::unix::process::CommandExt as _;

    use crate::common::test_audio;
    use crate::prometheus::http;

    const NOBODY: u32 = 65_534;
    let dir = tempfile::tempdir().unwrap();
    let as_root = std::fs::metadata(dir.path()).unwrap().uid() == 0;
    let data = dir.path().join("data");
    std::fs::create_dir(&data).unwrap();
    let import = dir.path().join("import");
    std::fs::create_dir(&import).unwrap();
    for (from, to) in [("events/crowdboo.wav", "boo.wav"), ("events/crowdcheer.wav", "cheer.wav")] {
        std::fs::copy(test_audio(from), import.join(to)).unwrap();
    }
    if as_root {
        for p in [dir.path(), &data] {
            chown(p, Some(NOBODY), Some(NOBODY)).unwrap();
        }
    }
    let as_user = |c: &mut Command| {
        if as_root {
            c.uid(NOBODY).gid(NOBODY);
        }
    };
    let b = spawn_service_with("bridge", &data, &[], as_user);
    let key = b.key.clone().expect("the first start prints an API key");
    let upload = |file: &str| -> (u16, Value) {
        let boundary = "read-only-boundary";
        let mut body = format!("--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{file}\"\r\n\r\n").into_bytes();
        body.extend_from_slice(&std::fs::read(import.join(file)).unwrap());
        body.extend_from_slice(format!("\r\n--{boundary}--\r\n").as_bytes());
        let (ct, auth) = (format!("multipart/form-data; boundary={boundary}"), format!("Bearer {key}"));
        let (s, out) = http(b.http, "POST", "/play", &[("Content-Type", &ct), ("Authorization", &auth)], &body);
        (s, serde_json::from_slice(&out).unwrap_or(Value::Null))
    };
    let run_import = || {
        let mut c = Command::new(env!("CARGO_BIN_EXE_resonance"));
        c.args(["clips", "import"]).arg(&import).arg("--data").arg(&data);
        as_user(&mut c);
        let o = c.output().unwrap();
        (o.status.success(), String::from_utf8_lossy(&o.stdout).into_owned(), String::from_utf8_lossy(&o.stderr).into_owned())
    };
    let clips = data.join("clips");
    let files = || {
        let mut v = Vec::new();
        for sub in ["tmp", "blobs"] {
            for e in walk(&clips.join(sub)) {
                v.push(e.strip_prefix(&clips).unwrap().to_path_buf());
            }
        }
        v.sort();
        v
    };
    let set_mode = |p: &Path, mode: u32| std::fs::set_permissions(p, std::fs::Permissions::from_mode(mode)).unwrap();

    let (s, cheer) = upload("cheer.wav");
    assert_eq!(s, 201, "{cheer}");
    let id = cheer["id"].as_str().unwrap().to_string();
    let before = files();
    assert_eq!(before.len(), 1, "one blob: {before:?}");
    let mut conn = Conn::open(b.http).unwrap();

    // The temporaries' folder cannot be written.
    set_mode(&clips, 0o555);
    set_mode(&clips.join("tmp"), 0o555);
    let (s, v) = upload("boo.wav");
    assert_eq!((s, v["error"].as_str()), (503, Some("storage_read_only")), "{v}");
    let msg = v["message"].as_str().unwrap();
    assert!(msg.contains(&clips.join("tmp").display().to_string()) && msg.contains("writable"), "names the folder and what to do: {msg}");
    let (ok, out, err) = run_import();
    assert!(!ok, "{out}{err}");
    assert!(err.contains("import stopped at boo.wav") && err.contains("cannot be written") && err.contains("writable"), "{err}");
    assert!(
        err.contains("0 added, 0 already in the library, 1 failed") && err.contains("1 file(s) not tried"),
        "stops at the first file: {err}"
    );
    assert!(!out.contains("cheer.wav"), "{out}");
    assert_eq!(files(), before);

    // The temporary can be written, the decoded file cannot be placed among the blobs.
    set_mode(&clips.join("tmp"), 0o755);
    for shard in std::fs::read_dir(clips.join("blobs")).unwrap() {
        set_mode(&shard.unwrap().path(), 0o555);
    }
    set_mode(&clips.join("blobs"), 0o555);
    let (s, v) = upload("boo.wav");
    assert_eq!((s, v["error"].as_str()), (503, Some("storage_read_only")), "{v}");
    assert!(v["message"].as_str().unwrap().contains(&clips.join("blobs").display().to_string()), "{v}");
    assert_eq!(files(), before, "the temporary was removed");

    // The library goes on: listed, streamed, counted.
    let (s, list) = conn.req("GET", "/play", None, "").unwrap();
    assert_eq!((s, list["total"].as_i64()), (200, Some(1)), "no row: {list}");
    let (s, body) = http(b.http, "GET", &format!("/play/{id}/stream"), &[], &[]);
    assert_eq!((s, body), (200, std::fs::read(import.join("cheer.wav")).unwrap()));
    let (_, stats) = conn.req("GET", &format!("/play/{id}/stats"), None, "").unwrap();
    assert_eq!(stats["listens"], 1, "{stats}");

    // Writable again.
    for p in
        [clips.clone(), clips.join("blobs")].into_iter().chain(std::fs::read_dir(clips.join("blobs")).unwrap().map(|e| e.unwrap().path()))
    {
        set_mode(&p, 0o755);
    }
    let (s, v) = upload("boo.wav");
    assert_eq!(s, 201, "{v}");
    let (ok, out, err) = run_import();
    assert!(ok && out.matches("same as").count() == 2, "{out}{err}");
    let (_, list) = conn.req("GET", "/play", None, "").unwrap();
    assert_eq!(list["total"], 2, "{list}");
    assert!(walk(&clips.join("tmp")).is_empty());
}

/// Every file below `dir`.
fn walk(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        if e.path().is_dir() {
            out.extend(walk(&e.path()));
        } else {
            out.push(e.path());
        }
    }
    out
}

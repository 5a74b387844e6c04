//! Shared helpers: temporary bridges, a small HTTP client, OSC and WebSocket clients.

use std::net::SocketAddr;
use std::time::Duration;

use axum::body::Body;
use axum::http::{Request, StatusCode};
use http_body_util::BodyExt;
use resonance_bridge::{AppState, Config};
use serde_json::Value;
use tokio::net::{TcpStream, UdpSocket};
use tower::ServiceExt;

/// A config on ephemeral loopback ports with its data in `dir`.
pub fn config(dir: &std::path::Path) -> Config {
    Config {
        listen: "127.0.0.1:0".parse().unwrap(),
        osc_listen: "127.0.0.1:0".parse().unwrap(),
        data_dir: Some(dir.to_path_buf()),
        persist_interval: Duration::from_millis(50),
        ..Config::default()
    }
}

/// A fresh state in a temporary directory, with its first API key.
pub async fn state() -> (AppState, String, tempfile::TempDir) {
    let dir = tempfile::tempdir().unwrap();
    let (st, key) = AppState::open(config(dir.path())).await.unwrap();
    (st, key.expect("a fresh database creates a key"), dir)
}

/// Calls the router once; returns the status, headers and the body as JSON (or a string).
pub async fn call(
    app: &axum::Router,
    method: &str,
    uri: &str,
    auth: Option<&str>,
    body: Option<&str>,
) -> (StatusCode, axum::http::HeaderMap, Value) {
    let mut b = Request::builder().method(method).uri(uri);
    if let Some(a) = auth {
        b = b.header("authorization", a);
    }
    if body.is_some() {
        b = b.header("content-type", "application/json");
    }
    let req = b.body(body.map_or_else(Body::empty, |s| Body::from(s.to_string()))).unwrap();
    let resp = app.clone().oneshot(req).await.unwrap();
    let status = resp.status();
    let headers = resp.headers().clone();
    let bytes = resp.into_body().collect().await.unwrap().to_bytes();
    let v = serde_json::from_slice(&bytes).unwrap_or_else(|_| Value::String(String::from_utf8_lossy(&bytes).into_owned()));
    (status, headers, v)
}

/// Sends `body` (raw, with `content_type`) to the router with `key`; returns the status and
/// the body as JSON (or a string).
pub async fn send(app: &axum::Router, method: &str, uri: &str, key: &str, content_type: &str, body: Vec<u8>) -> (StatusCode, Value) {
    let req = Request::builder()
        .method(method)
        .uri(uri)
        .header("authorization", bearer(key))
        .header("content-type", content_type)
        .body(Body::from(body))
        .unwrap();
    let resp = app.clone().oneshot(req).await.unwrap();
    let status = resp.status();
    let bytes = resp.into_body().collect().await.unwrap().to_bytes();
    (status, serde_json::from_slice(&bytes).unwrap_or_else(|_| Value::String(String::from_utf8_lossy(&bytes).into_owned())))
}

/// A multipart body of a `file` part and text parts, and its content type.
pub fn multipart(file: &[u8], file_name: &str, fields: &[(&str, &str)]) -> (String, Vec<u8>) {
    let boundary = "resonance-test-boundary-7d1f";
    let mut out = Vec::new();
    for (k, v) in fields {
        out.extend_from_slice(format!("--{boundary}\r\nContent-Disposition: form-data; name=\"{k}\"\r\n\r\n{v}\r\n").as_bytes());
    }
    out.extend_from_slice(
        format!("--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{file_name}\"\r\nContent-Type: application/octet-stream\r\n\r\n")
            .as_bytes(),
    );
    out.extend_from_slice(file);
    out.extend_from_slice(format!("\r\n--{boundary}--\r\n").as_bytes());
    (format!("multipart/form-data; boundary={boundary}"), out)
}

pub fn bearer(key: &str) -> String {
    format!("Bearer {key}")
}

/// A keep-alive HTTP/1.1 client on one connection.
pub struct Http {
    send: hyper::client::conn::http1::SendRequest<http_body_util::Full<axum::body::Bytes>>,
}

impl Http {
    pub async fn connect(addr: SocketAddr) -> Self {
        let stream = TcpStream::connect(addr).await.unwrap();
        stream.set_nodelay(true).unwrap();
        let (send, conn) = hyper::client::conn::http1::handshake(hyper_util::rt::TokioIo::new(stream)).await.unwrap();
        tokio::spawn(conn);
        Self { send }
    }

    pub async fn req(&mut self, method: &str, path: &str, key: Option<&str>, body: Option<&str>) -> (u16, Value) {
        let mut b = hyper::Request::builder().method(method).uri(path).header("host", "127.0.0.1");
        if let Some(k) = key {
            b = b.header("authorization", format!("Bearer {k}"));
        }
        let body = http_body_util::Full::new(axum::body::Bytes::from(body.unwrap_or("").to_string()));
        // The connection task marks the connection ready again only after it has run; on a
        // loaded machine it may not have yet ("connection was not ready"), so wait for it.
        self.send.ready().await.unwrap();
        let resp = self.send.send_request(b.body(body).unwrap()).await.unwrap();
        let status = resp.status().as_u16();
        let bytes = resp.into_body().collect().await.unwrap().to_bytes();
        (status, serde_json::from_slice(&bytes).unwrap_or_else(|_| Value::String(String::from_utf8_lossy(&bytes).into_owned())))
    }
}

/// A UDP socket standing in for an engine.
pub async fn engine_socket() -> UdpSocket {
    UdpSocket::bind("127.0.0.1:0").await.unwrap()
}

/// Receives OSC commands until `pred` matches one, or panics after `secs`.
pub async fn expect_command(
    sock: &UdpSocket,
    secs: u64,
    pred: impl Fn(&resonance_bridge::osc::Outbound) -> bool,
) -> resonance_bridge::osc::Outbound {
    let mut buf = vec![0u8; 9000];
    let deadline = tokio::time::Instant::now() + Duration::from_secs(secs);
    let mut seen = Vec::new();
    loop {
        let left = deadline.saturating_duration_since(tokio::time::Instant::now());
        let Ok(r) = tokio::time::timeout(left, sock.recv_from(&mut buf)).await else {
            panic!("no matching OSC command within {secs}s; got {seen:?}");
        };
        let (n, _) = r.unwrap();
        for c in resonance_bridge::osc::decode_command_packet(&buf[..n]).unwrap() {
            if pred(&c) {
                return c;
            }
            seen.push(c);
        }
    }
}

pub type Ws = tokio_tungstenite::WebSocketStream<tokio_tungstenite::MaybeTlsStream<TcpStream>>;

pub async fn ws_connect(addr: SocketAddr, query: &str) -> Ws {
    let (ws, _) = tokio_tungstenite::connect_async(format!("ws://{addr}/api/v1/ws{query}")).await.unwrap();
    ws
}

/// Reads WebSocket JSON messages until `pred` matches, or panics after `secs`.
pub async fn ws_expect<S>(ws: &mut S, secs: u64, pred: impl Fn(&Value) -> bool) -> Value
where
    S: futures_util::Stream<Item = Result<tokio_tungstenite::tungstenite::Message, tokio_tungstenite::tungstenite::Error>> + Unpin,
{
    use futures_util::StreamExt;
    let deadline = tokio::time::Instant::now() + Duration::from_secs(secs);
    let mut last = Value::Null;
    loop {
        let left = deadline.saturating_duration_since(tokio::time::Instant::now());
        let Ok(Some(Ok(msg))) = tokio::time::timeout(left, ws.next()).await else {
            panic!("no matching WebSocket message within {secs}s; last {last}");
        };
        if let tokio_tungstenite::tungstenite::Message::Text(t) = msg {
            let v: Value = serde_json::from_str(t.as_str()).unwrap();
            if pred(&v) {
                return v;
            }
            last = v;
        }
    }
}

//! `GET /api/v1/ws[?session=NAME]`: the live stream of session state to pages, overlays and
//! tools.
//!
//! Fan-out is a `tokio::sync::broadcast` ring of pre-serialised frames: publishing never
//! waits for anyone. Each client task reads the ring at its own pace; a client that falls
//! more than `ws_buffer` messages behind loses the oldest ones and receives
//! `{"type":"lag","dropped":N}` instead (drop-oldest). A stalled socket only stalls its own
//! task, never the publisher or the other clients. Frames are written in batches
//! (feed ... flush) so a busy stream costs one flush per batch, not per message.

use std::sync::atomic::Ordering::Relaxed;

use axum::extract::ws::{Message, Utf8Bytes, WebSocket, WebSocketUpgrade};
use axum::extract::{Query, State};
use axum::response::Response;
use futures_util::{SinkExt, StreamExt};
use serde::Deserialize;
use serde_json::json;
use tokio::sync::broadcast::error::{RecvError, TryRecvError};

use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::error::{AppError, ErrorBody};
use crate::state::{AppState, Frame};
use crate::telemetry::validate::validate_session_name;

/// The live stream's route.
pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(ws))
}

/// Most frames written before a flush.
const BATCH: usize = 256;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WsQuery {
    session: Option<String>,
}

/// WebSocket: live session stream (JSON messages: hello, mood, event, now_playing, meters, target, telemetry, rule, command, lag); in cluster mode every match, whichever bridge directs it
#[utoipa::path(get, path = "/api/v1/ws", tag = "live",
    params(("session" = Option<String>, Query)),
    responses((status = 101, description = "switching protocols"), (status = 400, response = ErrorBody)))]
pub async fn ws(State(st): State<AppState>, Query(q): Query<WsQuery>, up: WebSocketUpgrade) -> Result<Response, AppError> {
    let filter = match q.session {
        Some(s) => Some(validate_session_name(&s)?),
        None => None,
    };
    Ok(up.max_message_size(64 * 1024).on_upgrade(move |socket| client(st, socket, filter)))
}

fn wanted(f: &Frame, filter: Option<&str>) -> bool {
    match (filter, &f.session) {
        (None, _) | (_, None) => true,
        (Some(want), Some(s)) => &**s == want,
    }
}

fn lag(n: u64) -> Message {
    Message::Text(Utf8Bytes::from(json!({"type": "lag", "dropped": n}).to_string()))
}

async fn client(st: AppState, socket: WebSocket, filter: Option<String>) {
    let m = &st.inner.metrics;
    m.ws_clients.fetch_add(1, Relaxed);
    // Subscribe before sending the snapshot so nothing published in between is missed.
    let mut sub = st.inner.hub.subscribe();
    let (mut tx, mut rx) = socket.split();
    let mut hello = json!({"type": "hello", "sessions": st.session_names(), "filter": filter});
    if let Some(name) = &filter
        && let Some(e) = st.get(name)
    {
        hello["state"] = serde_json::to_value(&e.lock().await.state).unwrap_or_default();
    }
    let mut ok = tx.send(Message::Text(Utf8Bytes::from(hello.to_string()))).await.is_ok();
    // Incoming messages are only read to notice the close (the API is HTTP).
    let mut reader = tokio::spawn(async move {
        while let Some(Ok(msg)) = rx.next().await {
            if matches!(msg, Message::Close(_)) {
                break;
            }
        }
    });
    while ok {
        tokio::select! {
            r = sub.recv() => {
                let first = match r {
                    Ok(f) => wanted(&f, filter.as_deref()).then(|| Message::Text(f.json)),
                    Err(RecvError::Lagged(n)) => { m.ws_dropped.fetch_add(n, Relaxed); Some(lag(n)) }
                    Err(RecvError::Closed) => break,
                };
                let mut sent = 0u64;
                if let Some(msg) = first {
                    ok = tx.feed(msg).await.is_ok();
                    sent += 1;
                }
                let mut n = 0;
                while ok && n < BATCH {
                    n += 1;
                    match sub.try_recv() {
                        Ok(f) => if wanted(&f, filter.as_deref()) { ok = tx.feed(Message::Text(f.json)).await.is_ok(); sent += 1; },
                        Err(TryRecvError::Lagged(k)) => { m.ws_dropped.fetch_add(k, Relaxed); ok = tx.feed(lag(k)).await.is_ok(); sent += 1; }
                        Err(TryRecvError::Empty) => break,
                        Err(TryRecvError::Closed) => { ok = false; }
                    }
                }
                if ok && sent > 0 {
                    ok = tx.flush().await.is_ok();
                    m.ws_sent.fetch_add(sent, Relaxed);
                }
            }
            _ = &mut reader => break,
        }
    }
    reader.abort();
    m.ws_clients.fetch_sub(1, Relaxed);
}
